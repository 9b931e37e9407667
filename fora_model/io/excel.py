"""The fora-model workbook (``.xlsx``): a sheet per kind, Relations, a Support tick matrix.

Layout: :mod:`fora_model.io.excel_layout`; writing: :mod:`fora_model.io.excel_write` (openpyxl).
Reading checks the zip's sizes before opening it, refuses any part that declares a document
type, and reads cells with the hardened parser of :mod:`fora_model.io.xlsx_cells`. Formulas are
never evaluated: a formula someone typed reads as its text; dates typed in Excel read as dates.
The ``Model`` sheet states the main language of names and documentation (``nl``; texts in other
languages are on the ``Translations`` sheet); what it says is the model's
:attr:`~fora_model.model.Model.language`. The ``Relations`` sheet is authoritative: a supports
relation stands even when its tick is missing from the Support sheet (a warning says so), and a
tick with no supports relation in Relations adds one (an info finding says so).

>>> from fora_model.model import Element, Model
>>> m = Model(id="m1", name="School")
>>> _ = m.add_element(Element.new("application", "=1+1", id="a1"))
>>> data, _ = generate_excel(m)
>>> parse_excel(data).model.element("a1").name
'=1+1'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import Finding, ModelFileError, Reason, Severity
from ..model import Element, Model, Relation, check_attributes, new_id
from ..vocabulary import ElementKind, RelationKind
from .base import ReadResult, read_limited
from .bridge import Progress
from .excel_layout import (
    ELEMENT_BASE,
    HIDDEN,
    LONG_TEXT,
    MODEL_SHEET,
    PROPERTIES,
    RELATION_COLUMNS,
    RELATIONS,
    SHEETS,
    SUPPORT,
    TRANSLATIONS,
    element_columns,
)
from .excel_write import generate_excel, generate_template, write_excel, write_template
from .extras import checked_extras
from .safety import check_zip, refuse_doctypes
from .xlsx_cells import Workbook

__all__ = ["generate_excel", "generate_template", "parse_excel", "read_excel", "write_excel", "write_template"]

_KIND_OF_SHEET = {title: ElementKind(kind) for kind, title in SHEETS.items()}
_BRACKET_ID = re.compile(r"\[([^\[\]]+)\]\s*$")
_NOT_TICKED = {"", "0", "no", "false", "nee", "-"}


def read_excel(path: str | Path, *, max_bytes: int | None = None, progress: Progress | None = None) -> ReadResult:
    """Read a fora-model workbook.

    Parameters
    ----------
    path
        The ``.xlsx`` file.
    max_bytes
        The largest file accepted (default :data:`~fora_model.io.base.MAX_BYTES`).
    progress
        Called as ``progress(done, total)`` while reading.

    Returns
    -------
    ReadResult
        The model and the reader's findings (file, place, id, reason, hint); not yet validated.

    Raises
    ------
    ModelFileError
        When the file cannot be read as a model at all (missing, too large, malformed, hostile).
    """
    return parse_excel(read_limited(path, max_bytes=max_bytes), source=str(path), max_bytes=max_bytes,
                       progress=progress)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Sheet:
    """One sheet's rows as dicts keyed by its header, with their row numbers."""

    def __init__(self, book: Workbook, title: str, required: list[str], known: list[str] | None, source: str,
                 findings: list[Finding], long: dict[tuple[str, str], str]) -> None:
        self.title = title
        self.rows: list[tuple[int, dict[str, Any]]] = []
        rows: Iterator[tuple[Any, ...]] = book.rows(title)
        header = [_text(h).strip() for h in next(rows, ())]
        self.header = header
        missing = [c for c in required if c not in header]
        if missing:
            findings.append(Finding(Severity.ERROR, Reason.MISSING_FIELD, "",
                                    f"the sheet {self.title!r} lacks the column(s) {', '.join(missing)}",
                                    "add them to row 1 (the template has every column: fora-model template)",
                                    f"{source} {self.title}!1"))
            self.ok = False
            return
        self.ok = True
        unknown = [h for h in header if h and known is not None and h not in known]
        if unknown:
            findings.append(Finding(Severity.WARNING, Reason.DROPPED, "",
                                    f"the column(s) {', '.join(unknown)} of sheet {self.title!r} are not read",
                                    "put other facts in the Properties sheet", f"{source} {self.title}!1"))
        columns = [(col, name) for col, name in enumerate(header) if name]
        spilled = {cell for sheet, cell in long if sheet == self.title}
        for number, values in enumerate(rows, 2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                continue
            row: dict[str, Any] = {name: values[col] for col, name in columns if col < len(values)}
            for col, name in columns if spilled else ():
                cell = f"{_letter(col + 1)}{number}"
                if cell in spilled:
                    row[name] = long[(self.title, cell)]
            self.rows.append((number, row))


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(col))


def parse_excel(data: bytes, *, source: str = "<xlsx>", max_bytes: int | None = None,
                progress: Progress | None = None) -> ReadResult:
    """Parse workbook bytes into a model and findings (see the module docstring)."""
    archive = check_zip(data, source, max_bytes=max_bytes)
    refuse_doctypes(archive, source)
    try:
        return _parse(Workbook(archive, source), source, progress)
    except ModelFileError:
        raise
    except Exception as exc:  # a damaged workbook: say so in one line, never echo its content
        raise ModelFileError(source, f"the workbook cannot be read ({type(exc).__name__})",
                             "save it again from Excel as .xlsx", Reason.SYNTAX_ERROR) from None


def _parse(book: Workbook, source: str, progress: Progress | None) -> ReadResult:
    findings: list[Finding] = []
    titles = set(book.sheets)
    if not titles & {*_KIND_OF_SHEET, RELATIONS, MODEL_SHEET}:
        raise ModelFileError(source, "not a fora-model workbook (none of its sheets is Applications, Activities, "
                             "Relations...)", "start from the empty workbook: fora-model template -o FILE.xlsx",
                             Reason.UNSUPPORTED_FORMAT)
    long: dict[tuple[str, str], str] = {}
    if LONG_TEXT in titles:
        parts: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for _, row in _Sheet(book, LONG_TEXT, ["sheet", "cell", "part", "text"], None, source, findings, {}).rows:
            parts.setdefault((_text(row["sheet"]), _text(row["cell"])), []).append(
                (int(row["part"] or 0), _text(row["text"])))
        long = {key: "".join(t for _, t in sorted(chunks)) for key, chunks in parts.items()}
    header: dict[str, str] = {}
    if MODEL_SHEET in titles:
        for _, row in _Sheet(book, MODEL_SHEET, ["field", "value"], None, source, findings, long).rows:
            header[_text(row["field"])] = _text(row.get("value"))
    seen: dict[str, str] = {}
    elements: list[Element] = []
    for title in (t for t in book.sheets if t in _KIND_OF_SHEET):
        kind = _KIND_OF_SHEET[title]
        sheet = _Sheet(book, title, ["id", "name"], element_columns(kind.value), source, findings, long)
        for number, row in sheet.rows:
            element = _element(kind, row, f"{source} {title}!{number}", seen, findings)
            if element is not None:
                elements.append(element)
        if progress:
            progress(len(elements), len(elements))
    known_sheets = {*_KIND_OF_SHEET, MODEL_SHEET, RELATIONS, SUPPORT, PROPERTIES, TRANSLATIONS, LONG_TEXT, HIDDEN}
    for title in book.sheets:
        if title not in known_sheets:
            findings.append(Finding(Severity.WARNING, Reason.DROPPED, "", f"the sheet {title!r} is not read",
                                    "the workbook's sheets are those of fora-model template", source))
    relations: list[Relation] = []
    if RELATIONS in titles:
        sheet = _Sheet(book, RELATIONS, ["id", "kind", "source", "target"], RELATION_COLUMNS, source, findings, long)
        for number, row in sheet.rows:
            relation = _relation(row, f"{source} {RELATIONS}!{number}", seen, findings)
            if relation is not None:
                relations.append(relation)
    if SUPPORT in titles:
        relations += _ticks(book, elements, relations, source, findings, long)
    properties: dict[str, list[tuple[str, str]]] = {}
    if PROPERTIES in titles:
        for _, row in _Sheet(book, PROPERTIES, ["id", "key", "value"], None, source, findings, long).rows:
            owner = _text(row["id"]).strip()
            properties.setdefault(owner, []).append((_text(row.get("key")), _text(row.get("value"))))
    translations: dict[str, list[tuple[str, str, str]]] = {}
    if TRANSLATIONS in titles:
        sheet = _Sheet(book, TRANSLATIONS, ["id", "field", "language", "text"], None, source, findings, long)
        for _, row in sheet.rows:
            translations.setdefault(_text(row["id"]).strip(), []).append(
                (_text(row.get("field")), _text(row.get("language")), _text(row.get("text"))))
    extras: dict[str, Any] = {}
    if HIDDEN in titles:
        damaged = Finding(Severity.WARNING, Reason.DROPPED, "", "the hidden sheet _fora is damaged; views and "
                          "folders were not read", "export the workbook again", source)
        hidden: dict[str, list[tuple[int, str]]] = {}
        try:
            for _, row in _Sheet(book, HIDDEN, ["key", "part", "text"], None, source, findings, {}).rows:
                hidden.setdefault(_text(row.get("key")), []).append(
                    (int(row.get("part") or 0), _text(row.get("text"))))
        except (ValueError, TypeError):  # a part that is no number
            hidden = {}
            findings.append(damaged)
        if hidden.get("extras"):
            try:
                extras = json.loads("".join(t for _, t in sorted(hidden["extras"])))
                if not isinstance(extras, dict):
                    raise ValueError("not an object")
            except (ValueError, TypeError, RecursionError):  # JSON damaged, of the wrong shape or too deep
                extras = {}
                findings.append(damaged)
            extras, shape = checked_extras(extras, source)
            findings += shape
        if hidden.get("order"):
            try:
                elements = _in_model_order(elements, "".join(t for _, t in sorted(hidden["order"])))
            except (ValueError, TypeError, KeyError, IndexError, RecursionError):
                findings.append(damaged)
    if "language" in header:  # the Model sheet shows the main language; what it says wins
        language = header["language"].strip()
        extras = {k: v for k, v in extras.items() if k != "language"}
        if language != "en":
            extras["language"] = language
    model_id = header.get("id", "").strip() or None
    concepts = {c.id for c in elements} | {c.id for c in relations}
    for owner in [*properties, *translations]:
        if owner != model_id and owner not in concepts:
            findings.append(Finding(Severity.ERROR, Reason.DANGLING_ENDPOINT, owner,
                                    "a property or translation for an id that is on no sheet",
                                    "add the concept or remove the row", source))
    elements = [e.replace(properties=tuple(properties.get(e.id, ())), translations=tuple(translations.get(e.id, ())))
                if e.id in properties or e.id in translations else e for e in elements]
    relations = [r.replace(properties=tuple(properties.get(r.id, ())), translations=tuple(translations.get(r.id, ())))
                 if r.id in properties or r.id in translations else r for r in relations]
    model = Model.from_parts(elements, relations, id=model_id, name=header.get("name", ""),
                             documentation=header.get("documentation", ""),
                             properties=properties.get(model_id or "", ()),
                             translations=translations.get(model_id or "", ()), extras=extras)
    return ReadResult(model, findings)


def _in_model_order(elements: list[Element], runs_text: str) -> list[Element]:
    """The elements (sheet by sheet) in the order of the model that was written, from the kind runs
    the writer keeps in the hidden sheet; as they are when rows were added or removed since."""
    try:
        runs = [(ElementKind(kind), int(count)) for kind, count in json.loads(runs_text)]
    except (ValueError, TypeError):
        return elements
    by_kind: dict[ElementKind, list[Element]] = {}
    for e in elements:
        by_kind.setdefault(e.kind, []).append(e)
    written: dict[ElementKind, int] = {}
    for kind, count in runs:
        written[kind] = written.get(kind, 0) + count
    if written != {kind: len(group) for kind, group in by_kind.items()}:
        return elements
    queues = {kind: iter(group) for kind, group in by_kind.items()}
    return [next(queues[kind]) for kind, count in runs for _ in range(count)]


def _identify(row: dict[str, Any], where: str, seen: dict[str, str], findings: list[Finding]) -> tuple[str, bool]:
    identifier = _text(row.get("id")).strip()
    generated = not identifier
    if generated:
        identifier = new_id()
    if identifier in seen:
        findings.append(Finding(Severity.ERROR, Reason.DUPLICATE_ID, identifier,
                                f"the id {identifier!r} is also used at {seen[identifier]}",
                                "give every row its own id (or leave it empty for a new one)", where))
        return "", generated
    seen[identifier] = where
    return identifier, generated


def _element(kind: ElementKind, row: dict[str, Any], where: str, seen: dict[str, str],
             findings: list[Finding]) -> Element | None:
    identifier, generated = _identify(row, where, seen, findings)
    if not identifier:
        return None
    values = {k: v for k, v in row.items() if k in element_columns(kind.value) and k not in ELEMENT_BASE}
    attributes, problems = check_attributes(kind, values, identifier)
    findings.extend(Finding(p.severity, p.reason, p.element, p.message, p.hint, where) for p in problems)
    specialization = _text(row.get("specialization"))
    if generated and not specialization:
        specialization = kind.default_specialization or ""
    return Element(id=identifier, kind=kind, name=_text(row.get("name")), documentation=_text(row.get("documentation")),
                   archimate_type=_text(row.get("archimate_type")).strip(), specialization=specialization,
                   attributes=attributes)


def _relation(row: dict[str, Any], where: str, seen: dict[str, str], findings: list[Finding]) -> Relation | None:
    identifier, _ = _identify(row, where, seen, findings)
    if not identifier:
        return None
    try:
        kind = RelationKind(_text(row.get("kind")).strip().lower().replace(" ", "_"))
    except ValueError:
        findings.append(Finding(Severity.ERROR, Reason.UNKNOWN_KIND, identifier,
                                f"unknown relation kind {_text(row.get('kind'))!r}",
                                f"use one of {', '.join(k.value for k in RelationKind)}", where))
        return None
    values = {k: v for k, v in row.items() if k in RELATION_COLUMNS[10:] and v is not None and _text(v) != ""}
    attributes, problems = check_attributes(kind, values, identifier)
    findings.extend(Finding(p.severity, p.reason, p.element, p.message, p.hint, where) for p in problems)
    return Relation(id=identifier, kind=kind, source=_text(row.get("source")).strip(),
                    target=_text(row.get("target")).strip(), name=_text(row.get("name")),
                    documentation=_text(row.get("documentation")),
                    archimate_type=_text(row.get("archimate_type")).strip(),
                    specialization=_text(row.get("specialization")), attributes=attributes)


def _ticks(book: Workbook, elements: list[Element], relations: list[Relation], source: str, findings: list[Finding],
           long: dict[tuple[str, str], str]) -> list[Relation]:
    """Supports relations for ticks that Relations lacks; warnings for relations without a tick."""
    sheet = _Sheet(book, SUPPORT, ["id"], None, source, findings, long)
    if not sheet.ok:
        return []
    by_id = {e.id: e for e in elements}
    supporters = [e for e in elements if e.kind in (ElementKind.APPLICATION, ElementKind.SYSTEM_TYPE)]
    by_name: dict[str, list[Element]] = {}
    for e in supporters:
        by_name.setdefault(e.name, []).append(e)
    columns: dict[str, str] = {}
    for col, title in enumerate(sheet.header):
        if col < 2 or not title:
            continue
        match = _BRACKET_ID.search(title)
        hits = [by_id[match.group(1)]] if match and match.group(1) in by_id else by_name.get(title, [])
        if len(hits) != 1 or hits[0].kind not in (ElementKind.APPLICATION, ElementKind.SYSTEM_TYPE):
            findings.append(Finding(Severity.ERROR, Reason.DANGLING_ENDPOINT, "",
                                    f"the Support column {title!r} names no single application or system type",
                                    "head the column 'Name [id]' with an id from the Applications sheet",
                                    f"{source} {SUPPORT}!{_letter(col + 1)}1"))
            continue
        columns[title] = hits[0].id
    existing = {(r.source, r.target) for r in relations if r.kind is RelationKind.SUPPORTS}
    ticked: set[tuple[str, str]] = set()
    rows: set[str] = set()
    added: list[Relation] = []
    for number, row in sheet.rows:
        element = _text(row.get("id")).strip()
        if element not in by_id:
            findings.append(Finding(Severity.ERROR, Reason.DANGLING_ENDPOINT, element,
                                    "a Support row for an element that is on no sheet", "fix the id in column A",
                                    f"{source} {SUPPORT}!A{number}"))
            continue
        rows.add(element)
        for title, supporter in columns.items():
            if _text(row.get(title)).strip().lower() in _NOT_TICKED:
                continue
            ticked.add((supporter, element))
            if (supporter, element) not in existing:
                relation = Relation(id=new_id(), kind=RelationKind.SUPPORTS, source=supporter, target=element)
                added.append(relation)
                existing.add((supporter, element))
                findings.append(Finding(Severity.INFO, Reason.TICKED_SUPPORT, relation.id,
                                        f"a tick added support from {supporter!r} to {element!r}",
                                        "", f"{source} {SUPPORT}!{number}"))
    for r in relations:
        if (r.kind is RelationKind.SUPPORTS and r.target in rows and r.source in columns.values()
                and (r.source, r.target) not in ticked):
            findings.append(Finding(Severity.WARNING, Reason.SHEETS_DISAGREE, r.id,
                                    f"Relations says {r.source!r} supports {r.target!r} but its Support tick is "
                                    "missing; the Relations sheet wins", "delete the Relations row to remove it",
                                    f"{source} {SUPPORT}"))
    return added
