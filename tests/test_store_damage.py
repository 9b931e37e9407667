"""A damaged workspace says which model and revision is damaged and how to recover; a full disk
leaves the workspace as it was. ``workspace check`` and ``workspace recover``. On SQLite and PostgreSQL
(the ``workspaces`` fixture; the command line finds the workspace through the environment)."""

from __future__ import annotations

import io
import re
import sqlite3
from pathlib import Path

import pytest

from fora_model import dumps_model, read_model
from fora_model.changes import UpdateElement
from fora_model.cli import main
from fora_model.workspace import backend as wbackend
from fora_model.workspace import log as wlog
from fora_model.workspace.schema import WorkspaceDamaged, WorkspaceError
from fora_model.workspace.store import SEED_NAME, Store
from tests.tiny import tiny_school
from tests.workspaces import use_in_environment


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


MISSING_TABLE = r'no such table: snapshots|relation "snapshots" does not exist'


def filled(monkeypatch, location) -> Store:
    """The tiny school with four renames of Magister: revisions 1 (whole) to 5, in the workspace at
    ``location``, which the environment names for the command line."""
    use_in_environment(monkeypatch, location)
    wlog.forget()
    s = Store(seed=tiny_school)
    for i in range(2, 6):
        head = s.checkout(SEED_NAME)
        s.edit(SEED_NAME, UpdateElement(head.model.element("app-mag").replace(name=f"Magister {i}")),
               base=head.revision, author="anna")
    wlog.forget()  # as a new process would: nothing cached
    return s


@pytest.fixture
def store(workspaces, monkeypatch) -> Store:
    """:func:`filled` on each backend."""
    return filled(monkeypatch, workspaces("ws"))


def sql(s: Store, statement: str, *args: object) -> None:
    """Change the database behind the store's back (committed), as damage would."""
    with s.backend.connect() as db:
        db.execute(statement, args)
    wlog.forget()


def test_a_healthy_workspace_checks_clean(store):
    health = store.check()
    assert health.ok and health.models == 1 and health.revisions == 5 and health.damage == []
    code, out, _ = run("workspace", "check")
    assert code == 0 and out.strip().endswith("database integrity: ok") and out.startswith("ok: 1 model, 5 revisions")


def test_a_snapshot_that_is_not_zlib_names_the_model_and_revision(store):
    sql(store, "UPDATE snapshots SET document = ? WHERE revision = 1", b"\x00\x11\x22\x33")
    with pytest.raises(WorkspaceDamaged) as caught:
        store.open(SEED_NAME)
    message = str(caught.value)
    assert "'sample-school' revision 1 is damaged" in message and "workspace recover sample-school" in message
    health = store.check()
    assert not health.ok
    assert [(d.model, d.revision, d.readable) for d in health.damage] == [
        (SEED_NAME, 1, False), (SEED_NAME, 2, False), (SEED_NAME, 3, False), (SEED_NAME, 4, False),
        (SEED_NAME, 5, False)]
    code, out, err = run("workspace", "check")
    assert code == 1 and "sample-school@1: its stored model cannot be read" in out and "Traceback" not in err
    assert "workspace recover" in err


def test_a_damaged_edit_leaves_the_revisions_before_it_readable_and_recover_continues_from_them(store, tmp_path):
    expected = {rev: dumps_model(store.open(SEED_NAME, rev)) for rev in (1, 2, 3)}
    wlog.forget()
    sql(store, "UPDATE revisions SET changes = ? WHERE revision = 4", b"\x78\x9c")
    health = store.check()
    assert [(d.revision, d.readable) for d in health.damage] == [(4, False), (5, False)]
    assert "changes cannot be read" in health.damage[0].problem
    with pytest.raises(WorkspaceDamaged, match="revision 4 is damaged"):
        store.open(SEED_NAME)
    code, _, err = run("workspace", "recover", SEED_NAME, "-o", str(tmp_path / "out"), "--author", "ict")
    assert code == 0, err
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["sample-school@1.json", "sample-school@2.json", "sample-school@3.json"]
    for rev in (1, 2, 3):
        assert dumps_model(read_model(tmp_path / "out" / f"sample-school@{rev}.json").model) == expected[rev]
    assert "continues from revision 3 as revision 6" in err and "could not read revisions 4, 5" in err
    head = store.checkout(SEED_NAME)  # opens and edits again
    assert head.revision == 6 and head.info.author == "ict" and dumps_model(head.model) == expected[3]
    store.edit(SEED_NAME, UpdateElement(head.model.element("app-mag").replace(name="Magister 7")), base=6)
    assert store.head(SEED_NAME) == 7


def test_recover_to_a_chosen_revision_and_refuse_an_unreadable_one(store, tmp_path):
    sql(store, "UPDATE revisions SET changes = ? WHERE revision = 4", b"\x78\x9c")
    with pytest.raises(WorkspaceError, match="revision 5 of 'sample-school' cannot be read; readable revisions: 1-3"):
        store.recover(SEED_NAME, tmp_path / "a", to=5)
    assert store.head(SEED_NAME) == 5  # refused: nothing written
    recovery = store.recover(SEED_NAME, tmp_path / "b", to=2)
    assert recovery.readable == [1, 2, 3] and recovery.damaged == [4, 5]
    assert recovery.continued is not None and recovery.continued.target == 2
    assert store.open(SEED_NAME).element("app-mag").name == "Magister 2"


def test_recover_on_a_readable_model_writes_every_revision_and_nothing_else(store, tmp_path):
    recovery = store.recover(SEED_NAME, tmp_path / "all")
    assert len(recovery.files) == 5 and recovery.continued is None and store.head(SEED_NAME) == 5


def test_a_missing_table_is_reported_not_a_traceback(store, tmp_path):
    sql(store, "DROP TABLE snapshots")
    with pytest.raises(WorkspaceDamaged, match=MISSING_TABLE):
        store.open(SEED_NAME)
    health = store.check()
    assert not health.ok and str(health.damage[0]) == "workspace: the table snapshots is missing"
    code, out, err = run("workspace", "check")
    assert code == 1 and "the table snapshots is missing" in out and "Traceback" not in err
    code, _, err = run("workspace", "history", SEED_NAME)  # reads only revisions: still works
    assert code == 0
    code, _, err = run("workspace", "export", SEED_NAME, "-o", str(tmp_path / "x.json"))
    assert code == 2 and re.search(MISSING_TABLE, err) and "workspace check" in err and "Traceback" not in err


def test_a_file_that_is_not_a_database_is_named(tmp_path):
    path = tmp_path / "ws" / "fora-model.db"
    path.parent.mkdir()
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(WorkspaceError, match=r"fora-model\.db"):
        Store(path.parent)


def test_a_full_disk_during_import_leaves_the_workspace_as_it_was(tmp_path, monkeypatch):
    store = filled(monkeypatch, tmp_path / "ws")  # SQLite's page limit stands in for a full disk
    before = store.history_frame(SEED_NAME)
    connect = wbackend.sqlite_connect

    def almost_full(path: Path) -> sqlite3.Connection:
        db = connect(path)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages + 1}")  # SQLite's own 'database or disk is full'
        return db

    monkeypatch.setattr(wbackend, "sqlite_connect", almost_full)
    big = tiny_school()
    for i in range(400):
        big.add_element(big.element("app-old").replace(id=f"app-{i}", name=f"Application {i} " + "x" * 200))
    with pytest.raises(WorkspaceError, match="the disk is full — nothing was saved and the workspace is as it was"):
        store.import_model("big", big)
    monkeypatch.setattr(wbackend, "sqlite_connect", connect)
    wlog.forget()
    assert store.names() == [SEED_NAME] and store.integrity_check() == "ok"
    assert store.history_frame(SEED_NAME).equals(before)


def test_the_dashboard_names_the_damage_instead_of_failing(store):
    from tests.apptest import run_app

    sql(store, "UPDATE revisions SET changes = ? WHERE revision = 4", b"\x78\x9c")
    at = run_app()
    assert not at.exception
    (error,) = at.error
    assert "'sample-school' revision 4 is damaged" in error.value and "workspace recover" in error.value
