"""No literal text reaches a reader unwrapped in the editing, History, Import and export and Model
pages, their dashboard modules, the command line and the validation findings.

The pages and dashboard modules go through the shared scan (:mod:`tests.i18n_scan`); the command
line and the validation modules are read for sentences built outside the catalogue and for
``help=``/``description=`` texts of the argument parser that are not ``_()`` calls. Each check is
first shown to fail on a small source that breaks it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.i18n_scan import ROOT, scan, sentences

PAGES = ["app_pages/edit_map.py", "app_pages/edit_elements.py", "app_pages/edit_links.py", "app_pages/history.py",
         "app_pages/import_export.py", "app_pages/model_page.py"]
HELPERS = ["fora_model/dashboard/edit_map.py", "fora_model/dashboard/edit_elements.py",
           "fora_model/dashboard/edit_links.py", "fora_model/dashboard/history.py",
           "fora_model/dashboard/import_plan.py", "fora_model/dashboard/uploads.py", "fora_model/dashboard/writes.py",
           "fora_model/dashboard/rebase.py", "fora_model/dashboard/downloads.py"]
COMMAND_LINE = ["fora_model/cli/main.py", "fora_model/cli/rationalisation.py", "fora_model/cli/workspace.py",
                "fora_model/validate.py", "fora_model/rules.py", "fora_model/errors.py"]


def parser_texts(source: str, path: str) -> list[str]:
    """``help=``/``description=`` arguments that are not a ``_()`` call (``path:line text``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg not in ("help", "description"):
                continue
            value = keyword.value
            wrapped = isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "_"
            suppressed = isinstance(value, ast.Attribute) and value.attr == "SUPPRESS"
            if not (wrapped or suppressed):
                found.append(f"{path}:{node.lineno} {ast.unparse(value)}")
    return found


def test_the_parser_check_finds_an_unwrapped_help_text():
    source = 'p.add_argument("--x", help="what x does")\np.add_argument("--y", help=_("what y does"))\n'
    assert parser_texts(source, "x.py") == ["x.py:1 'what x does'"]


def test_the_sentence_check_finds_a_message_built_outside_the_catalogue():
    source = 'print(f"wrote {target} to the folder", file=err)\nprint(_("wrote {t}", t=target))\n'
    assert [f.text for f in sentences(source, "x.py")] == ["wrote  to the folder"]


@pytest.mark.parametrize("path", PAGES + HELPERS)
def test_no_page_or_helper_text_bypasses_the_catalogue(path):
    assert [str(f) for f in scan([ROOT / path])] == []


@pytest.mark.parametrize("path", COMMAND_LINE)
def test_no_command_line_or_finding_text_bypasses_the_catalogue(path):
    source = Path(ROOT / path).read_text(encoding="utf-8")
    assert [str(f) for f in sentences(source, path)] == []
    assert parser_texts(source, path) == []


def test_the_element_tables_label_and_explain_their_columns_in_dutch():
    from fora_model.dashboard.edit_elements import editor_changes, editor_columns
    from fora_model.i18n import use_language
    from fora_model.model import Element, Model

    with use_language("nl"):
        columns = {c.name: c for c in editor_columns("application")}
        assert (columns["name"].label, columns["name"].help) == ("Naam", "De naam van het element (verplicht).")
        assert columns["annual_cost"].label == "Jaarlijkse kosten (EUR)"
        assert columns["annual_cost"].help == "Licentie- en beheerkosten per jaar."
        model = Model()
        model.add_element(Element.new("application", "Magister", id="mag"))
        problems = editor_changes(model, "application", ["mag"], {"edited_rows": {0: {"name": " "}}}).problems
    assert problems == ["Regel 1 'Magister', Naam: een naam is verplicht; typ er een, of verwijder in plaats daarvan "
                        "het element."]
    english = {c.name: c for c in editor_columns("application")}
    assert english["annual_cost"].help == "Licence and running cost a year."
