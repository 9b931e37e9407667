"""The workspace database: transactions and the schema with its migrations.

The schema is versioned in the table ``schema_version`` (one row per migration applied). Opening
a database runs the migrations it lacks, each in its own write transaction holding the whole
workspace (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL), so two processes
opening an old workspace at once migrate it once. A database written by a newer release is
refused rather than guessed at. The same migrations run on SQLite and PostgreSQL: they are
written in SQLite's SQL, and :mod:`fora_model.workspace.backend` turns them into PostgreSQL's.

Tables (version 4):

``meta(key, value)``
    ``workspace_id`` (a random id: caches tell two databases at the same path apart) and
    ``seeded`` (the sample school was put in on first open).
``models(name, created_at)``
    one row per named model.
``revisions(model, revision, created_at, author, action, summary, changes, change_count, target,
whole, elements, relations, undo_next, redo_next)``
    one row per revision. ``changes`` is the zlib-compressed JSON of the applied changes
    (:mod:`fora_model.changes.codec`). ``action`` is ``create``, ``edit``, ``undo``, ``redo``,
    ``restore`` or ``import``; ``target`` the revision undone, redone or restored. ``whole`` is 1
    when the revision's model was stored whole (a snapshot) rather than reached by replaying its
    changes. ``undo_next``/``redo_next`` are the revisions an undo/redo at this head would undo/redo.
``snapshots(model, revision, document, checked)``
    the whole model (zlib-compressed native JSON) at some revisions: every ``whole`` one and every
    :data:`SNAPSHOT_EVERY`-th, so opening a revision replays at most that many edits. ``checked``
    is 1 when the model was checked before it was stored (an import validated, edits checked
    against the metamodel), so opening it decodes it without checking every concept again
    (:func:`fora_model.io.native.loads_stored_model`); snapshots stored before version 4 have 0
    and are checked as they are read.
``users(login, name, email, password_hash, role, created_at)``
    the accounts of a shared workspace (:mod:`fora_model.workspace.access`): ``password_hash`` an
    Argon2id hash ('' for an account that signs in through an identity provider only), ``role``
    ``viewer``, ``editor`` or ``admin``. No rows: a local, single-user workspace.
``grants(login, model)``
    the models an editor may change (``*``: every model).
"""

from __future__ import annotations

import datetime as _dt
import uuid
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .backend import DB_FILE, Connection, WorkspaceDamaged, WorkspaceError

__all__ = [
    "DB_FILE",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SNAPSHOT_EVERY",
    "WorkspaceDamaged",
    "WorkspaceError",
    "compress",
    "decompress",
    "migrate",
    "now",
    "read",
    "schema_version",
    "undo_stacks",
    "write",
]

SNAPSHOT_EVERY = 50
"""A whole model is stored every this many revisions, so opening one replays at most this many edits."""


def now() -> str:
    """The current time, UTC, ISO 8601 with milliseconds."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def compress(text: str) -> bytes:
    """Text as a zlib-compressed UTF-8 blob."""
    return zlib.compress(text.encode("utf-8"), 6)


def decompress(blob: bytes) -> str:
    """The text of a blob written by :func:`compress`."""
    return zlib.decompress(blob).decode("utf-8")


@contextmanager
def write(db: Connection) -> Iterator[Connection]:
    """One write transaction (``BEGIN IMMEDIATE`` on SQLite): committed when the block ends, rolled
    back when it raises. On PostgreSQL take :meth:`~fora_model.workspace.backend.Connection.lock_model`
    before reading what the write depends on."""
    db.begin_write()
    try:
        yield db
        db.commit()
    except BaseException:
        # SQLite rolls back by itself after some errors (a full disk): then there is nothing to undo
        with suppress(*db.backend.errors):
            db.rollback()
        raise


@contextmanager
def read(db: Connection) -> Iterator[Connection]:
    """One read transaction: every query in the block sees the same committed state."""
    db.begin_read()
    try:
        yield db
    except BaseException:
        with suppress(*db.backend.errors):
            db.rollback()
        raise
    db.commit()


def _v1(db: Connection) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO meta VALUES ('workspace_id', ?)", (uuid.uuid4().hex,))
    db.execute("CREATE TABLE models (name TEXT PRIMARY KEY, created_at TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE revisions (
            model TEXT NOT NULL REFERENCES models(name),
            revision INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            changes BLOB NOT NULL,
            change_count INTEGER NOT NULL,
            target INTEGER,
            whole INTEGER NOT NULL DEFAULT 0,
            elements INTEGER NOT NULL,
            relations INTEGER NOT NULL,
            PRIMARY KEY (model, revision))"""
    )
    db.execute(
        """CREATE TABLE snapshots (
            model TEXT NOT NULL,
            revision INTEGER NOT NULL,
            document BLOB NOT NULL,
            PRIMARY KEY (model, revision),
            FOREIGN KEY (model, revision) REFERENCES revisions(model, revision))"""
    )


def undo_stacks(actions: list[tuple[int, str, int | None]]) -> list[tuple[int | None, int | None]]:
    """For revisions ``(revision, action, target)`` in order, what an undo and a redo at each would do.

    The revisions whose effect is in place form a stack (an edit pushes itself, an undo pops the
    revision it undid onto the redo stack, a redo pushes the redo revision back); any other edit
    clears the redo stack. A model's first revision cannot be undone.
    """
    done: list[int] = []
    undone: list[int] = []
    out = []
    for revision, action, target in actions:
        if action == "create":
            done, undone = [], []
        elif action == "undo" and done and done[-1] == target:
            undone.append(done.pop())
        elif action == "redo" and undone and undone[-1] == target:
            undone.pop()
            done.append(revision)
        else:
            done.append(revision)
            undone = []
        out.append((done[-1] if done else None, undone[-1] if undone else None))
    return out


def _v2(db: Connection) -> None:
    """Store what undo and redo would do at each revision instead of working it out from history."""
    db.execute("ALTER TABLE revisions ADD COLUMN undo_next INTEGER")
    db.execute("ALTER TABLE revisions ADD COLUMN redo_next INTEGER")
    for (model,) in db.execute("SELECT name FROM models").fetchall():
        rows = db.execute("SELECT revision, action, target FROM revisions WHERE model = ? ORDER BY revision",
                          (model,)).fetchall()
        stacks = undo_stacks([(r[0], r[1], r[2]) for r in rows])
        db.executemany("UPDATE revisions SET undo_next = ?, redo_next = ? WHERE model = ? AND revision = ?",
                       [(u, r, model, row[0]) for (u, r), row in zip(stacks, rows, strict=True)])


def _v3(db: Connection) -> None:
    """User accounts and their grants, for a workspace shared by a school board."""
    db.execute(
        """CREATE TABLE users (
            login TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            email TEXT NOT NULL DEFAULT '',
            password_hash TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
            created_at TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE grants (
            login TEXT NOT NULL REFERENCES users(login) ON DELETE CASCADE,
            model TEXT NOT NULL,
            PRIMARY KEY (login, model))"""
    )


def _v4(db: Connection) -> None:
    """Mark which snapshots hold a model checked before it was stored (none of the older ones)."""
    db.execute("ALTER TABLE snapshots ADD COLUMN checked INTEGER NOT NULL DEFAULT 0")


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4}
"""Schema version → the function that brings the previous version to it (inside a transaction)."""

SCHEMA_VERSION = max(MIGRATIONS)
"""The schema version this release writes."""


def schema_version(db: Connection) -> int:
    """The schema version of the database (0 when it is empty)."""
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: Connection, path: str | Path, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to schema ``target``, one transaction per migration; returns the old version."""
    with write(db):
        db.lock_schema()
        found = schema_version(db)
    if found > SCHEMA_VERSION:
        raise WorkspaceError(
            f"{path}: this workspace was written by a newer fora-model (schema {found}, this release knows "
            f"up to {SCHEMA_VERSION}) — upgrade fora-model to open it"
        )
    for version in range(found + 1, target + 1):
        with write(db):
            db.lock_schema()
            if schema_version(db) >= version:  # another process got there first
                continue
            MIGRATIONS[version](db)
            db.execute("INSERT INTO schema_version VALUES (?, ?)", (version, now()))
    return found
