"""Finds user-visible text that does not go through the catalogue (:mod:`fora_model.i18n`).

Two kinds of findings, read with :mod:`ast` (no code is run):

- a string literal or f-string given as the text of a Streamlit display call (``st.title("…")``,
  ``column.metric("…", …)``, ``st.tabs(["…", …])``, ``help="…"``, ``placeholder="…"`` …) in
  ``app.py`` and ``app_pages/``, instead of ``_("…")`` or ``n_(…)``;
- a string literal as a value of a module-level label table (``KPI_LABELS = {"x": "…"}``: a dict
  whose name ends in ``LABELS``, ``NAMES``, ``MEASURES``, ``DETAIL``, ``FORMATS`` or ``COLUMNS``)
  in ``app.py``, ``app_pages/`` and ``fora_model/dashboard/``, instead of ``N_("…")``;
- a sentence (a literal or f-string of three words or more) anywhere else in those files that is
  not a docstring, not inside ``_()``/``n_()``/``N_()`` and not an exception's message: the
  messages the dashboard modules build for the pages.

Text is anything with a letter in it; icons (``icon=":material/…"``), keys, formats and file names
are not arguments it reads.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DISPLAY_CALLS = frozenset({
    "title", "header", "subheader", "caption", "markdown", "write", "text", "button", "download_button",
    "link_button", "page_link", "radio", "selectbox", "multiselect", "select_slider", "slider", "toggle",
    "checkbox", "text_input", "text_area", "number_input", "date_input", "file_uploader", "pills",
    "segmented_control", "metric", "info", "warning", "error", "success", "toast", "tabs", "expander",
    "spinner", "Page", "popover", "form_submit_button", "data_editor",
})
"""Streamlit calls whose first argument (or ``label=``) is text a reader sees."""

TEXT_KEYWORDS = frozenset({"label", "help", "placeholder", "title", "caption", "body", "text"})
"""Keyword arguments of those calls that are text a reader sees."""

TABLE_SUFFIXES = ("LABELS", "NAMES", "MEASURES", "DETAIL", "FORMATS", "COLUMNS")
"""Module-level dicts with these name endings are tables of labels shown to readers."""

PATH_FIRST = frozenset({"Page", "page_link"})
"""Calls whose first argument is a page's path, not text (their text is ``title=`` / ``label=``)."""

WRAPPERS = frozenset({"_", "n_", "N_"})


@dataclass(frozen=True)
class Finding:
    """One piece of text that bypasses the catalogue."""

    path: str
    line: int
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.call}: {self.text!r}"


def _is_text(node: ast.AST) -> str | None:
    """The text of ``node`` when it is a bare literal or f-string with a letter in it, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if any(c.isalpha() for c in node.value) else None
    if isinstance(node, ast.JoinedStr):
        parts = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return ast.unparse(node) if any(c.isalpha() for c in parts) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.IfExp):
        return _is_text(node.body) or _is_text(node.orelse)
    return None


def _texts(node: ast.AST) -> list[str]:
    """The bare texts in an argument: itself, or the items of a list or tuple of them (``st.tabs``)."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return [t for item in node.elts if (t := _is_text(item)) is not None]
    text = _is_text(node)
    return [] if text is None else [text]


def _call_name(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return None


def scan_source(source: str, path: str, *, display_calls: bool = True) -> list[Finding]:
    """The findings in one module's source (``display_calls``: look at Streamlit calls too)."""
    tree = ast.parse(source)
    found: list[Finding] = []
    if display_calls:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _call_name(node)
            if name in WRAPPERS or name not in DISPLAY_CALLS:
                continue
            first = [] if name in PATH_FIRST else node.args[:1]
            arguments = first + [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
            found.extend(Finding(path, node.lineno, name, text) for arg in arguments for text in _texts(arg))
    for statement in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if not isinstance(value, ast.Dict) or not any(n.endswith(TABLE_SUFFIXES) for n in names):
            continue
        for item in value.values:
            found.extend(Finding(path, item.lineno, names[0], text) for text in _texts(item))
    return found


SENTENCE_WORDS = 3
"""How many words of two letters or more make a literal a sentence."""


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of every docstring node: a string expression standing alone as a statement."""
    found: set[int] = set()
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if not isinstance(body, list):
                continue
            for statement in body:
                if (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
                        and isinstance(statement.value.value, str)):
                    found.add(id(statement.value))
    return found


def _covered(tree: ast.AST) -> set[int]:
    """The ids of every node inside a ``_()``/``n_()``/``N_()`` call or an exception's constructor."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node) or ""
        if name in WRAPPERS or name.endswith(("Error", "Exception", "Warning")):
            found.update(id(inner) for inner in ast.walk(node))
    return found


def sentences(source: str, path: str) -> list[Finding]:
    """Sentences of ``source`` that bypass the catalogue (see the module docstring)."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _covered(tree)
    found: list[Finding] = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            skip.update(id(part) for part in node.values)
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        if " " in text and len(re.findall(r"[^\W\d_]{2,}", text)) >= SENTENCE_WORDS:
            found.append(Finding(path, node.lineno, "sentence", text))
    return found


def files() -> list[Path]:
    """What the scan reads: ``app.py``, ``app_pages/`` and ``fora_model/dashboard/``."""
    return [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")),
            *sorted((ROOT / "fora_model" / "dashboard").glob("*.py"))]


def scan(paths: list[Path] | None = None) -> list[Finding]:
    """Every finding in ``paths`` (default: :func:`files`), named by path relative to the project."""
    found: list[Finding] = []
    for path in paths if paths is not None else files():
        relative = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        found.extend(scan_source(source, relative))
        found.extend(sentences(source, relative))
    return sorted(set(found), key=lambda f: (f.path, f.line, f.call, f.text))
