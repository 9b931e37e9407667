"""The workspace database: connections, transactions and the schema with its migrations.

The schema is versioned in the table ``schema_version`` (one row per migration applied). Opening
a database runs the migrations it lacks, each in its own ``BEGIN IMMEDIATE`` transaction, so two
processes opening an old workspace at once migrate it once. A database written by a newer
release is refused rather than guessed at.

Tables (version 3):

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
    (:func:`fora_model.io.native.loads_stored_model`); snapshots stored before version 3 have 0
    and are checked as they are read.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import uuid
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from ..errors import ForaModelError

__all__ = [
    "DB_FILE",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SNAPSHOT_EVERY",
    "WorkspaceDamaged",
    "WorkspaceError",
    "compress",
    "connect",
    "decompress",
    "failure",
    "migrate",
    "now",
    "read",
    "schema_version",
    "undo_stacks",
    "write",
]

DB_FILE = "fora-model.db"
"""The database file inside a workspace folder."""

SNAPSHOT_EVERY = 50
"""A whole model is stored every this many revisions, so opening one replays at most this many edits."""


class WorkspaceError(ForaModelError):
    """The workspace cannot do what was asked: no such model, a name taken, nothing to undo..."""


class WorkspaceDamaged(WorkspaceError):
    """Part of the workspace database cannot be read: a damaged file, a missing table, a stored
    model or change that no longer decodes. The message names what and how to recover."""

    def __init__(self, path: Path, detail: str, *, model: str | None = None, revision: int | None = None) -> None:
        self.path, self.detail, self.model, self.revision = path, detail, model, revision
        where = "the workspace" if model is None else f"{model!r}" + (
            f" revision {revision}" if revision is not None else "")
        name = model or "NAME"
        super().__init__(
            f"{path}: {where} is damaged ({detail}); nothing was changed. `fora-model workspace check` lists "
            f"what can still be read, and `fora-model workspace recover {name} --to REVISION` exports every "
            "readable revision and continues from the one you choose"
        )


def failure(exc: sqlite3.Error, path: Path) -> WorkspaceError:
    """What a database error means for the user: a full disk, a busy file, or damage."""
    text = str(exc)
    if "full" in text.lower():
        return WorkspaceError(f"{path}: the disk is full — nothing was saved and the workspace is as it was; "
                              "free some space and try again")
    if "locked" in text.lower() or "busy" in text.lower():
        return WorkspaceError(f"{path}: the workspace is busy (another program holds it) — nothing was saved; "
                              "try again in a moment")
    if isinstance(exc, sqlite3.DatabaseError):
        return WorkspaceDamaged(path, text)
    return WorkspaceError(f"{path}: {text}")


def now() -> str:
    """The current time, UTC, ISO 8601 with milliseconds."""
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def compress(text: str) -> bytes:
    """Text as a zlib-compressed UTF-8 blob."""
    return zlib.compress(text.encode("utf-8"), 6)


def decompress(blob: bytes) -> str:
    """The text of a blob written by :func:`compress`."""
    return zlib.decompress(blob).decode("utf-8")


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, full sync, 30 s busy wait."""
    db = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")  # a committed edit survives a power cut, not only a crash
    db.execute("PRAGMA foreign_keys=ON")
    return db


@contextmanager
def write(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One ``BEGIN IMMEDIATE`` transaction: committed when the block ends, rolled back when it raises."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        # SQLite rolls back by itself after some errors (a full disk): then there is nothing to undo
        if db.in_transaction:
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise


@contextmanager
def read(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One read transaction: every query in the block sees the same committed state."""
    db.execute("BEGIN")
    try:
        yield db
    finally:
        db.execute("COMMIT")


def _v1(db: sqlite3.Connection) -> None:
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


def _v2(db: sqlite3.Connection) -> None:
    """Store what undo and redo would do at each revision instead of working it out from history."""
    db.execute("ALTER TABLE revisions ADD COLUMN undo_next INTEGER")
    db.execute("ALTER TABLE revisions ADD COLUMN redo_next INTEGER")
    for (model,) in db.execute("SELECT name FROM models").fetchall():
        rows = db.execute("SELECT revision, action, target FROM revisions WHERE model = ? ORDER BY revision",
                          (model,)).fetchall()
        stacks = undo_stacks([(r[0], r[1], r[2]) for r in rows])
        db.executemany("UPDATE revisions SET undo_next = ?, redo_next = ? WHERE model = ? AND revision = ?",
                       [(u, r, model, row[0]) for (u, r), row in zip(stacks, rows, strict=True)])


def _v3(db: sqlite3.Connection) -> None:
    """Mark which snapshots hold a model checked before it was stored (none of the older ones)."""
    db.execute("ALTER TABLE snapshots ADD COLUMN checked INTEGER NOT NULL DEFAULT 0")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1, 2: _v2, 3: _v3}
"""Schema version → the function that brings the previous version to it (inside a transaction)."""

SCHEMA_VERSION = max(MIGRATIONS)
"""The schema version this release writes."""


def schema_version(db: sqlite3.Connection) -> int:
    """The schema version of the database (0 when it is empty)."""
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(db: sqlite3.Connection, path: Path, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to schema ``target``, one transaction per migration; returns the old version."""
    with write(db):
        found = schema_version(db)
    if found > SCHEMA_VERSION:
        raise WorkspaceError(
            f"{path}: this workspace was written by a newer fora-model (schema {found}, this release knows "
            f"up to {SCHEMA_VERSION}) — upgrade fora-model to open it"
        )
    for version in range(found + 1, target + 1):
        with write(db):
            if schema_version(db) >= version:  # another process got there first
                continue
            MIGRATIONS[version](db)
            db.execute("INSERT INTO schema_version VALUES (?, ?)", (version, now()))
    return found
