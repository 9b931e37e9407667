"""The layers of the package, read from the code's own imports (docs/architecture.md describes them).

Every import of a project module is read with :mod:`ast`, wherever it stands (module top, inside a
function, under ``TYPE_CHECKING``), and checked against the layer table: an import may point to the
same layer or down, never up or sideways; no module imports another in a circle; nothing in the
package imports Streamlit; and no function hides a project import (the way circles used to be dodged).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "fora_model"

CORE = ("arrays", "attributes", "board", "columns", "elements", "errors", "formatting", "graph", "hierarchy",
        "i18n", "model", "model_index", "reports", "rules", "tables", "validate", "vocabulary")

FACADES = ("rationalisation",)
"""Modules that, like ``fora_model/__init__.py``, only re-export names for users."""

LAYERS: dict[str, int] = {
    "core": 0,
    "analysis": 1,
    "io": 1,
    "changes": 2,
    "datasets": 2,
    "viz": 2,
    "workspace": 3,
    "board_pack": 3,
    "cli": 4,
    "dashboard": 4,
    "api": 5,
    "app": 6,
}
"""Layer ranks: a module may import its own layer or a layer of lower rank; layers of the same rank
do not know each other (the formats do not know the analyses, the CLI does not know the dashboard)."""

FORBIDDEN = {
    "analysis": {"io", "workspace", "viz", "changes", "datasets"},
    "io": {"workspace", "analysis", "changes", "datasets"},
}
"""Spelled out as well as implied by the ranks, because they are the promises readers rely on."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] != "fora_model":
        return "app"
    if len(parts) == 1 or parts[1] in FACADES:
        return "api"
    if parts[1] in CORE:
        return "core"
    if parts[1] not in LAYERS:
        raise AssertionError(f"{module} belongs to no layer: add it to the table in tests/test_architecture.py "
                             "and to docs/architecture.md")
    return parts[1]


def source_files() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py")) + sorted((ROOT / "app_pages").glob("*.py")) + [ROOT / "app.py"]
    return [p for p in files if "__pycache__" not in p.parts]


MODULES = {module_name(p): p for p in source_files()}


def imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for every import in ``path``, resolved to a module."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                found.extend((alias.name, child.lineno, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                for alias in child.names:
                    sub = f"{target}.{alias.name}"
                    found.append((sub if sub in MODULES else target, child.lineno, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def project_imports() -> list[tuple[str, str, int, bool]]:
    edges = []
    for module, path in MODULES.items():
        for target, line, in_function in imports(path):
            if target == "fora_model" or target.startswith("fora_model."):
                edges.append((module, target, line, in_function))
    return edges


EDGES = project_imports()


def test_every_module_belongs_to_a_layer():
    assert {layer_of(m) for m in MODULES} <= set(LAYERS)


def test_no_import_points_up_or_sideways():
    wrong = []
    for source, target, line, _ in EDGES:
        a, b = layer_of(source), layer_of(target)
        if a == b:
            continue
        if LAYERS[b] >= LAYERS[a] or b in FORBIDDEN.get(a, ()):
            wrong.append(f"{MODULES[source].relative_to(ROOT)}:{line} ({a}) imports {target} ({b})")
    assert wrong == []


@pytest.mark.parametrize(("layer", "forbidden"), sorted(FORBIDDEN.items()))
def test_promised_independence(layer, forbidden):
    wrong = [f"{s} imports {t}" for s, t, _, _ in EDGES if layer_of(s) == layer and layer_of(t) in forbidden]
    assert wrong == []


def test_no_module_imports_in_a_circle():
    graph = nx.DiGraph((s, t) for s, t, _, _ in EDGES if t in MODULES)
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert circles == []


def test_nothing_in_the_package_imports_the_public_facade():
    wrong = [f"{s}:{line}" for s, t, line, _ in EDGES if t == "fora_model" and layer_of(s) != "app"]
    assert wrong == []


def test_no_function_hides_a_project_import():
    hidden = [f"{MODULES[s].relative_to(ROOT)}:{line} imports {t}" for s, t, line, inner in EDGES
              if inner and layer_of(s) != "app"]
    assert hidden == []


def test_the_package_never_imports_streamlit():
    wrong = [f"{m}:{line}" for m, p in MODULES.items() if layer_of(m) != "app"
             for target, line, _ in imports(p) if target.split(".")[0] == "streamlit"]
    assert wrong == []


def test_the_reader_sees_the_imports_it_claims_to():
    """The checker itself: a known upward import in a tiny synthetic tree is found."""
    assert ("fora_model.workspace.store", "fora_model.changes") in {(s, t) for s, t, _, _ in EDGES}
    assert layer_of("fora_model.model") == "core" and layer_of("app_pages.state") == "app"
    with pytest.raises(AssertionError, match="no layer"):
        layer_of("fora_model.somewhere_new")


def test_the_architecture_note_names_every_layer():
    note = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [layer for layer in LAYERS if layer not in ("api", "app", "core") and f"`{layer}" not in note]
    assert missing == []
