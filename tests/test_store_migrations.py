"""Workspaces written by an older release open, migrate once and keep every revision and undo step,
on SQLite and PostgreSQL (the ``workspaces`` fixture: the same migrations run on both)."""

from __future__ import annotations

import zlib

import pytest

import fora_model.workspace.log as store_log
from fora_model import dumps_model
from fora_model.changes import UpdateElement, apply_changes, dumps_changes, invert
from fora_model.workspace.backend import backend_for
from fora_model.workspace.schema import SCHEMA_VERSION, undo_stacks
from fora_model.workspace.store import Store, WorkspaceError
from tests.tiny import tiny_school

# The schema of the first release (schema version 1), as that release created it.
V1_SCHEMA = """
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE models (name TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE revisions (
    model TEXT NOT NULL REFERENCES models(name), revision INTEGER NOT NULL, created_at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '', action TEXT NOT NULL, summary TEXT NOT NULL DEFAULT '',
    changes BLOB NOT NULL, change_count INTEGER NOT NULL, target INTEGER, whole INTEGER NOT NULL DEFAULT 0,
    elements INTEGER NOT NULL, relations INTEGER NOT NULL, PRIMARY KEY (model, revision));
CREATE TABLE snapshots (
    model TEXT NOT NULL, revision INTEGER NOT NULL, document BLOB NOT NULL, PRIMARY KEY (model, revision),
    FOREIGN KEY (model, revision) REFERENCES revisions(model, revision));
INSERT INTO schema_version VALUES (1, '2025-01-01T00:00:00Z');
INSERT INTO meta VALUES ('workspace_id', 'old-workspace');
INSERT INTO models VALUES ('school', '2025-01-01T00:00:00Z');
"""


def blob(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"))


def rows(location, statement: str) -> list[tuple]:
    """What a query returns from the database at ``location``, read outside any store."""
    with backend_for(location).connect() as db:
        return [tuple(r) for r in db.execute(statement)]


def old_workspace(location) -> list[str]:
    """A version-1 database: create, two renames, an undo of the second; returns each revision's text."""
    model = tiny_school()
    states = [dumps_model(model)]
    rows = [(1, "create", [], None, 1)]
    applied = []
    for name in ("Magister 6", "Magister 7"):
        done = apply_changes(model, UpdateElement(model.element("app-mag").replace(name=name)))
        applied.append(done.changes)
        model = done.model
        states.append(dumps_model(model))
        rows.append((len(rows) + 1, "edit", done.changes, None, 0))
    undone = apply_changes(model, invert(applied[1]))
    states.append(dumps_model(undone.model))
    rows.append((4, "undo", undone.changes, 3, 0))
    backend = backend_for(location)
    if backend.path is not None:
        backend.path.parent.mkdir(parents=True, exist_ok=True)
    with backend.connect() as db:
        for statement in filter(str.strip, V1_SCHEMA.split(";")):
            db.execute(statement)
        for revision, action, changes, target, whole in rows:
            db.execute("INSERT INTO revisions VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                       ("school", revision, "2025-01-01T00:00:00Z", "old", action, f"r{revision}",
                        blob(dumps_changes(changes)), len(changes), target, whole, 17, 19))
        db.execute("INSERT INTO snapshots VALUES ('school', 1, ?)", (blob(states[0]),))
    return states


def test_an_old_workspace_is_migrated_and_keeps_its_history_and_undo(workspaces):
    path = workspaces("old")
    states = old_workspace(path)
    store_log.forget()
    store = Store(path)  # would seed a new workspace; an old one is never seeded
    versions = [r[0] for r in rows(path, "SELECT version FROM schema_version ORDER BY version")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    assert store.names() == ["school"]
    for revision, expected in enumerate(states, start=1):
        assert dumps_model(store.open("school", revision)) == expected
    # revision 3 was undone by 4: redo brings it back, undo then goes back to 2's state, then 1's
    assert store.redo_target("school").revision == 3
    assert store.undo_target("school").revision == 2
    store.redo("school", base=4)
    assert dumps_model(store.open("school")) == states[2]
    store.undo("school", base=5)
    store.undo("school", base=6)
    assert dumps_model(store.open("school")) == states[0]
    assert store.undo_target("school") is None
    assert store.integrity_check() == "ok"


def test_migrating_twice_changes_nothing(workspaces):
    path = workspaces("old")
    old_workspace(path)
    Store(path)
    Store(path)
    assert rows(path, "SELECT COUNT(*) FROM schema_version") == [(SCHEMA_VERSION,)]


def test_a_workspace_from_a_newer_release_is_refused(workspaces):
    path = workspaces("new")
    Store(path, seed=False)
    with backend_for(path).connect() as db:
        db.execute("INSERT INTO schema_version VALUES (99, 'later')")
    with pytest.raises(WorkspaceError, match="newer fora-model"):
        Store(path)


def test_the_stored_undo_steps_match_the_history_replayed(workspaces):
    """What the live store writes for undo/redo equals what the migration works out from history."""
    store = workspaces.store("ws", seed=tiny_school)
    name = "sample-school"
    script = ["edit", "edit", "edit", "undo", "undo", "redo", "edit", "undo", "undo", "redo", "redo"]
    for step in script:
        head = store.checkout(name)
        if step == "edit":
            element = head.model.element("a-grades")
            store.edit(name, UpdateElement(element.replace(name=element.name + "+")), base=head.revision)
        else:
            getattr(store, step)(name, base=head.revision)
    found = workspaces.rows(store, "SELECT revision, action, target, undo_next, redo_next FROM revisions "
                                   "ORDER BY revision")
    assert undo_stacks([(r[0], r[1], r[2]) for r in found]) == [(r[3], r[4]) for r in found]
