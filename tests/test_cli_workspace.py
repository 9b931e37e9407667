"""``fora-model workspace list | export | import | history`` and ``workspace:NAME`` as MODEL."""

from __future__ import annotations

import io

import pytest

from fora_model import dumps_model, write_json
from fora_model.changes import UpdateElement
from fora_model.cli import main
from fora_model.workspace.store import SEED_NAME, Store
from tests.tiny import model_of, tiny_school
from tests.workspaces import use_in_environment


@pytest.fixture
def workspace(workspaces, monkeypatch):
    """A workspace holding the tiny school, on SQLite (found through $FORA_MODEL_WORKSPACE) and on
    PostgreSQL (through $FORA_MODEL_DATABASE_URL)."""
    use_in_environment(monkeypatch, workspaces("ws"))
    return Store(seed=tiny_school)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_list_shows_each_model_with_its_newest_revision(workspace):
    head = workspace.checkout(SEED_NAME)
    workspace.edit(SEED_NAME, UpdateElement(head.model.element("app-mag").replace(name="Magister 6")), base=1,
                   author="anna")
    code, out, _ = run("workspace", "list")
    assert code == 0
    header, row = out.splitlines()
    assert header.split("\t") == ["name", "revision", "changed", "author", "elements", "relations", "summary"]
    fields = row.split("\t")
    assert fields[:2] == [SEED_NAME, "2"] and fields[3:6] == ["anna", "17", "19"]
    assert fields[6] == "renamed application 'Magister' to 'Magister 6'"


def test_import_then_refuse_the_same_name_without_replace(workspace, tmp_path):
    source = tmp_path / "other.json"
    other = model_of([("g", "goal", "Good teaching")], [], id="m-other", name="Other")
    write_json(other, source)
    assert run("workspace", "import", str(source), "--name", "other", "--author", "cli")[0] == 0
    assert dumps_model(workspace.open("other")) == dumps_model(other)
    code, _, err = run("workspace", "import", str(source), "--name", "other")
    assert code == 2 and "already in the workspace" in err and "--replace" in err
    assert workspace.head("other") == 1
    code, _, err = run("workspace", "import", str(source), "--name", SEED_NAME, "--replace")
    assert code == 0 and f"{SEED_NAME} revision 2" in err
    assert dumps_model(workspace.open(SEED_NAME)) == dumps_model(other)
    assert workspace.revision(SEED_NAME).action == "import"


def test_importing_a_model_with_errors_prints_the_findings_and_stores_nothing(workspace, tmp_path):
    source = tmp_path / "broken.json"
    source.write_text(dumps_model(tiny_school()).replace('"target": "a-grades"', '"target": "ghost"'),
                      encoding="utf-8")
    code, _, err = run("workspace", "import", str(source), "--name", "broken")
    assert code == 1 and "dangling-endpoint" in err and "ghost" in err
    assert not workspace.exists("broken")


def test_export_writes_the_model_and_refuses_to_overwrite(workspace, tmp_path):
    target = tmp_path / "out.json"
    code, _, err = run("workspace", "export", SEED_NAME, "-o", str(target))
    assert code == 0 and "revision 1" in err
    assert target.read_text(encoding="utf-8") == dumps_model(tiny_school())
    code, _, err = run("workspace", "export", SEED_NAME, "-o", str(target))
    assert code == 2 and "already exists" in err
    assert run("workspace", "export", SEED_NAME, "-o", str(target), "--force")[0] == 0


def test_every_model_command_reads_workspace_names(workspace):
    head = workspace.checkout(SEED_NAME)
    workspace.edit(SEED_NAME, UpdateElement(head.model.element("app-som").replace(name="Somtoday 2")), base=1)
    code, out, _ = run("report", "duplicates", f"workspace:{SEED_NAME}")
    assert code == 0 and "Somtoday 2" in out
    code, out, _ = run("report", "duplicates", f"workspace:{SEED_NAME}@1")
    assert code == 0 and "Somtoday 2" not in out and "Somtoday" in out
    assert run("validate", f"workspace:{SEED_NAME}")[0] == 0
    code, out, _ = run("stats", f"workspace:{SEED_NAME}")
    assert code == 0 and "elements\t17" in out


@pytest.mark.parametrize(
    ("reference", "message"),
    [("workspace:nope", "no model named 'nope'"), (f"workspace:{SEED_NAME}@x", "not a revision number"),
     (f"workspace:{SEED_NAME}@9", "has no revision 9")],
)
def test_a_bad_workspace_reference_is_one_line_and_exit_2(workspace, reference, message):
    code, _, err = run("stats", reference)
    assert code == 2 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_history_lists_revisions_newest_first(workspace):
    head = workspace.checkout(SEED_NAME)
    workspace.edit(SEED_NAME, UpdateElement(head.model.element("app-som").replace(name="Somtoday 2")), base=1,
                   author="anna")
    workspace.undo(SEED_NAME, base=2, author="bob")
    code, out, _ = run("workspace", "history", SEED_NAME)
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()[1:]]
    assert [(r[0], r[2], r[3]) for r in rows] == [("3", "bob", "undo"), ("2", "anna", "edit"),
                                                   ("1", "fora-model", "create")]
