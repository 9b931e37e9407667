"""The command line and the public API start without the libraries only some commands need: plotting
(plotly, pyvis), graphs (networkx), workbooks (openpyxl) and the dashboard's Streamlit are imported
by the functions that use them, never when ``fora_model`` or its command line is imported.

Each check runs in a fresh Python process, since this one has long imported everything."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("plotly", "pyvis", "networkx", "openpyxl", "streamlit", "kaleido")

def loaded_after(module: str) -> list[str]:
    """The heavy libraries loaded by importing ``module`` in a fresh interpreter."""
    code = (f"import json, sys; import {module}; "
            f"print(json.dumps(sorted(m for m in {list(HEAVY)!r} if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_public_api_loads_none_of_them() -> None:
    assert loaded_after("fora_model") == []


def test_the_command_line_loads_only_plotly() -> None:
    # the board-report command's board pack draws with plotly; the layer rules keep its import at the
    # top of the command module (no function hides a project import), so plotly (0.2 s) still loads
    assert loaded_after("fora_model.cli.main") == ["plotly"]


def test_the_check_sees_a_heavy_library_when_one_is_loaded() -> None:
    assert "plotly" in loaded_after("fora_model.viz")


LAZY_PACKAGES = ["fora_model/io", "fora_model/analysis", "fora_model/cli", "fora_model/workspace",
                 "fora_model/changes"]
"""Where a heavy library may be imported only inside a function (plus the core modules at the top)."""


def top_level_imports(path: Path) -> set[str]:
    """The top-level package of every import made at module level (not inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def lazy_files() -> list[Path]:
    files = [p for p in (ROOT / "fora_model").glob("*.py")]
    for package in LAZY_PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return files


def test_heavy_libraries_are_imported_inside_functions_below_the_pictures() -> None:
    offenders = {str(p.relative_to(ROOT)): sorted(top_level_imports(p) & set(HEAVY)) for p in lazy_files()}
    assert {path: names for path, names in offenders.items() if names} == {}
