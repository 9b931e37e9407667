"""The revision log under :class:`fora_model.workspace.store.Store`: rows, snapshots, replay and the head cache.

A model's state at a revision is the newest snapshot at or before it with the later revisions'
changes replayed on it. The newest state of each model is cached in the process, keyed by the
workspace's id, the model's name and the revision, so reading the head after an edit costs nothing
and catching up with another process's edits replays only those.

Snapshots are written with the revision when the revision *is* a whole model (create, import,
restore) and, every :data:`~fora_model.workspace.schema.SNAPSHOT_EVERY` revisions, to keep replay
short: in the edit's transaction for a model of up to :data:`SYNC_SNAPSHOT_LIMIT` concepts, and
for a larger one just after it, in a background thread, so a board-size edit never waits seconds
for a copy it does not need (a snapshot missed by a crash only makes replay a little longer).
Older periodic snapshots are thinned out (:data:`KEEP_RECENT`, :data:`THIN_EVERY`), so the
database grows with the edits themselves rather than with copies of the model.
"""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..changes import Change, replay
from ..changes.codec import dumps_changes, loads_changes
from ..errors import ForaModelError
from ..io.native import dumps_model, loads_model, loads_stored_model
from ..model import Model
from . import schema
from .backend import Backend, Connection, Row
from .schema import SNAPSHOT_EVERY, WorkspaceDamaged, WorkspaceError

__all__ = [
    "KEEP_RECENT",
    "RECENT_STATES",
    "SYNC_SNAPSHOT_LIMIT",
    "THIN_EVERY",
    "Prepared",
    "RevisionInfo",
    "RevisionLog",
    "forget",
    "info",
]

SYNC_SNAPSHOT_LIMIT = 20_000
"""Models with more elements and relations than this get their periodic snapshots in the background."""

KEEP_RECENT = 4
"""Periodic snapshots of the last this many intervals are all kept..."""
THIN_EVERY = 10
"""...older ones only every this many intervals (opening an old revision replays at most that many)."""

RECENT_STATES = 2
"""How many older revisions per model stay in memory after being opened (history pages compare two)."""

_CACHE: dict[tuple[str, str], tuple[int, int, Model]] = {}
_RECENT: dict[tuple[str, str], OrderedDict[int, tuple[int, Model]]] = {}
_CACHE_LOCK = threading.Lock()


def forget() -> None:
    """Empty the in-process caches, as a restart would."""
    with _CACHE_LOCK:
        _CACHE.clear()
        _RECENT.clear()


@dataclass(frozen=True)
class RevisionInfo:
    """One revision of a named model, as listed in its history.

    ``action`` is ``create``, ``edit``, ``undo``, ``redo``, ``restore`` or ``import``; ``target``
    is the revision undone, redone or restored; ``elements``/``relations`` count the model after it.
    """

    model: str
    revision: int
    created_at: str
    author: str
    action: str
    summary: str
    change_count: int
    target: int | None
    elements: int
    relations: int


def info(row: Row) -> RevisionInfo:
    """A revisions row as a :class:`RevisionInfo`."""
    return RevisionInfo(row["model"], row["revision"], row["created_at"], row["author"], row["action"],
                        row["summary"], row["change_count"], row["target"], row["elements"], row["relations"])


@dataclass(frozen=True)
class Prepared:
    """A revision worked out before its transaction: the new model and what to write about it.

    ``whole`` revisions are stored with a snapshot and never replayed (their changes are a diff for
    the history). ``undo_self`` makes the revision the next one an undo would take back.
    """

    model: Model
    changes: list[Change]
    action: str
    summary: str
    target: int | None = None
    whole: bool = False
    undo_next: int | None = None
    redo_next: int | None = None
    undo_self: bool = True
    document: str | None = field(default=None, repr=False)
    checked: bool = True
    """The model was checked (validated, or reached by checked edits): its snapshot is stored with
    the flag that lets it open without being checked again."""


class RevisionLog:
    """Reading and writing one workspace database's revisions (see the module docstring)."""

    def __init__(self, backend: Backend, workspace_id: str) -> None:
        self.backend = backend
        self.path = backend.location
        self.workspace_id = workspace_id
        self._pending: list[threading.Thread] = []
        self._lock = threading.Lock()
        self.snapshot_errors: list[BaseException] = []

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection of its own, closed (or pooled) when the block ends: thread-safe."""
        with self.backend.connect() as db:
            yield db

    def _stored_before(self, db: Connection, name: str, revision: int) -> tuple[int, Model]:
        """The newest stored model at or before ``revision`` that decodes (a damaged one is passed
        over: replay from an older one reaches the same state), with its revision."""
        first: WorkspaceDamaged | None = None
        for (snap,) in db.execute("SELECT revision FROM snapshots WHERE model = ? AND revision <= ? "
                                  "ORDER BY revision DESC", (name, revision)).fetchall():
            blob, checked = db.execute("SELECT document, checked FROM snapshots WHERE model = ? AND revision = ?",
                                       (name, snap)).fetchone()
            try:
                return int(snap), self.model_at(name, int(snap), blob, checked=bool(checked))
            except WorkspaceDamaged as exc:
                first = first or exc
        assert first is not None
        raise first

    def model_at(self, name: str, revision: int, blob: bytes, *, checked: bool = False) -> Model:
        """The model a snapshot blob holds; WorkspaceDamaged when it does not decode. A ``checked``
        snapshot (see :mod:`fora_model.workspace.schema`) is decoded without checking each concept
        again; any other is read and checked as a file would be."""
        source = f"workspace:{name}@{revision}"
        try:
            if checked:
                return loads_stored_model(schema.decompress(blob), source=source)
            return loads_model(schema.decompress(blob), source=source).model
        except (zlib.error, UnicodeDecodeError, ForaModelError, ValueError, TypeError, KeyError) as exc:
            raise WorkspaceDamaged(self.path, f"its stored model cannot be read: {_short(exc)}", model=name,
                                   revision=revision) from None

    def changes_of(self, name: str, row: Row) -> list[Change]:
        """The changes a revision row stores; WorkspaceDamaged when they do not decode."""
        try:
            return loads_changes(schema.decompress(row["changes"]))
        except (zlib.error, UnicodeDecodeError, ForaModelError, ValueError, TypeError, KeyError) as exc:
            raise WorkspaceDamaged(self.path, f"its changes cannot be read: {_short(exc)}", model=name,
                                   revision=int(row["revision"])) from None

    def walk(self, db: Connection, name: str) -> Iterator[tuple[int, Model | None, str]]:
        """Every revision of ``name`` in order, as (revision, model or None, problem): each stored
        model is decoded and each edit replayed on the revision before, so a damaged snapshot or
        change shows up at the revision it belongs to (call inside one read transaction)."""
        stored = {int(r[0]) for r in db.execute("SELECT revision FROM snapshots WHERE model = ?", (name,))}
        current: Model | None = None
        for row in db.execute("SELECT revision, changes, whole FROM revisions WHERE model = ? ORDER BY revision",
                              (name,)).fetchall():
            revision, problem = int(row["revision"]), ""
            if revision in stored:
                blob = db.execute("SELECT document FROM snapshots WHERE model = ? AND revision = ?",
                                  (name, revision)).fetchone()[0]
                try:
                    current = self.model_at(name, revision, blob)
                    yield revision, current, ""
                    continue
                except WorkspaceDamaged as exc:
                    problem = exc.detail
            if row["whole"] or current is None:
                current = None
                yield revision, None, problem or ("its stored model is missing" if row["whole"]
                                                  else "no readable revision before it to replay it on")
                continue
            try:
                current = self.replayed(name, current, row)
            except WorkspaceDamaged as exc:
                current = None
                yield revision, None, exc.detail
                continue
            yield revision, current, (f"{problem}; read by replaying its edit instead" if problem else "")

    def replayed(self, name: str, model: Model, row: Row) -> Model:
        """``model`` with the changes of ``row`` applied; WorkspaceDamaged when they do not apply."""
        changes = self.changes_of(name, row)
        try:
            return replay(model, [changes])
        except (ForaModelError, ValueError, TypeError, KeyError) as exc:
            raise WorkspaceDamaged(self.path, f"its changes do not apply to the revision before: {_short(exc)}",
                                   model=name, revision=int(row["revision"])) from None

    def row(self, db: Connection, name: str, revision: int | None = None) -> Row:
        """The revisions row of ``name`` at ``revision`` (default: the newest); WorkspaceError when none."""
        if revision is None:
            row = db.execute("SELECT * FROM revisions WHERE model = ? ORDER BY revision DESC LIMIT 1",
                             (name,)).fetchone()
        else:
            row = db.execute("SELECT * FROM revisions WHERE model = ? AND revision = ?", (name, revision)).fetchone()
        if row is None:
            if db.execute("SELECT 1 FROM models WHERE name = ?", (name,)).fetchone() is None:
                known = ", ".join(r[0] for r in db.execute("SELECT name FROM models ORDER BY name")) or "none"
                raise WorkspaceError(f"there is no model named {name!r} in the workspace (models: {known})")
            raise WorkspaceError(f"{name!r} has no revision {revision}")
        return row

    def state(self, db: Connection, name: str, revision: int) -> Model:
        """The model at ``revision`` (call inside one read or write transaction).

        A cached state (the head, or a recently opened revision) is returned as is when it is that
        revision; it is shared, so callers must not change it (a changed instance is detected
        through its version and dropped). Otherwise the nearest cached state or snapshot before
        ``revision`` is replayed forward.
        """
        key = (self.workspace_id, name)
        with _CACHE_LOCK:
            known = {rev: entry for rev, entry in _RECENT.get(key, {}).items()}
            if key in _CACHE:
                known[_CACHE[key][0]] = _CACHE[key][1:]
        known = {rev: (version, model) for rev, (version, model) in known.items() if model.version == version}
        if revision in known:
            return known[revision][1]
        snap = db.execute("SELECT MAX(revision) FROM snapshots WHERE model = ? AND revision <= ?",
                          (name, revision)).fetchone()[0]
        usable = [rev for rev in known if snap is not None and snap <= rev < revision]
        if usable:
            start, model = max(usable), known[max(usable)][1]  # replay works on a copy
        elif snap is not None:
            start, model = self._stored_before(db, name, revision)
        else:
            raise WorkspaceDamaged(self.path, f"no stored model at or before revision {revision}", model=name,
                                   revision=revision)
        rows = db.execute("SELECT revision, changes, whole FROM revisions WHERE model = ? AND revision > ? "
                          "AND revision <= ? ORDER BY revision", (name, start, revision)).fetchall()
        for r in rows:
            if r["whole"]:  # a whole revision always has its own snapshot
                raise WorkspaceDamaged(self.path, "its stored model is missing", model=name,
                                       revision=int(r["revision"]))
            model = self.replayed(name, model, r)
        with _CACHE_LOCK:
            recent = _RECENT.setdefault(key, OrderedDict())
            recent[revision] = (model.version, model)
            recent.move_to_end(revision)
            while len(recent) > RECENT_STATES:
                recent.popitem(last=False)
        return model

    def remember(self, name: str, revision: int, model: Model) -> None:
        """Cache ``model`` as the state of ``name`` at ``revision`` (the newest one)."""
        key = (self.workspace_id, name)
        with _CACHE_LOCK:
            current = _CACHE.get(key)
            if current is None or current[0] <= revision:
                _CACHE[key] = (revision, model.version, model)

    def insert(self, db: Connection, name: str, revision: int, p: Prepared, author: str) -> bool:
        """Write revision ``revision`` (inside a write transaction) and the snapshot it needs now.

        Returns True when a periodic snapshot is due but left to :meth:`snapshot_later`.
        """
        undo_next = revision if p.undo_self else p.undo_next
        db.execute(
            "INSERT INTO revisions (model, revision, created_at, author, action, summary, changes, change_count, "
            "target, whole, elements, relations, undo_next, redo_next) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (name, revision, schema.now(), author, p.action, p.summary, schema.compress(dumps_changes(p.changes)),
             len(p.changes), p.target, int(p.whole), len(p.model.elements), len(p.model.relations), undo_next,
             p.redo_next),
        )
        due = revision % SNAPSHOT_EVERY == 0 or len(p.changes) > SNAPSHOT_EVERY * 20
        if p.whole or (due and len(p.model.elements) + len(p.model.relations) <= SYNC_SNAPSHOT_LIMIT):
            _insert_snapshot(db, name, revision, schema.compress(p.document or dumps_model(p.model)), p.checked)
            if due:
                _thin(db, name, revision)
            return False
        return due

    def snapshot_later(self, name: str, revision: int, model: Model) -> None:
        """Write the snapshot of a committed revision in a background thread (see :meth:`flush`)."""
        frozen = model.copy()  # the cached instance is shared; concepts are immutable, the dicts are not
        thread = threading.Thread(target=self._snapshot, args=(name, revision, frozen),
                                  name=f"snapshot {name}@{revision}")
        with self._lock:
            self._pending = [t for t in self._pending if t.is_alive()] + [thread]
        thread.start()

    def _snapshot(self, name: str, revision: int, model: Model) -> None:
        try:
            document = schema.compress(dumps_model(model))
            with self.connect() as db, schema.write(db):
                db.execute("INSERT INTO snapshots (model, revision, document, checked) VALUES (?, ?, ?, 1) "
                           "ON CONFLICT DO NOTHING", (name, revision, document))
                _thin(db, name, revision)
        except (WorkspaceError, OSError) as exc:  # only replay gets longer; remember why for diagnosis
            self.snapshot_errors.append(exc)

    def flush(self) -> None:
        """Wait until background snapshots are written."""
        with self._lock:
            pending, self._pending = self._pending, []
        for thread in pending:
            thread.join()


def _insert_snapshot(db: Connection, name: str, revision: int, document: bytes, checked: bool) -> None:
    db.execute("INSERT INTO snapshots (model, revision, document, checked) VALUES (?, ?, ?, ?)",
               (name, revision, document, int(checked)))


def _thin(db: Connection, name: str, revision: int) -> None:
    """Drop periodic snapshots older than the last :data:`KEEP_RECENT` intervals, except every
    :data:`THIN_EVERY`-th: the database then grows by the changes, not by copies, and an old
    revision still opens with a bounded replay. Snapshots of whole revisions are never dropped."""
    db.execute(
        "DELETE FROM snapshots WHERE model = ? AND revision <= ? AND revision % ? != 0 "
        "AND revision NOT IN (SELECT revision FROM revisions WHERE model = ? AND whole = 1)",
        (name, revision - KEEP_RECENT * SNAPSHOT_EVERY, THIN_EVERY * SNAPSHOT_EVERY, name),
    )


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"
