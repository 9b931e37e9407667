"""The workspace: named models kept in a database with every revision, undo/redo and conflict detection.

Every change to a model is one transaction that adds one **revision** (when, who, what, a short
summary). A revision stores the applied changes, not a copy of the model; a whole copy (a
snapshot) is kept every :data:`~fora_model.workspace.schema.SNAPSHOT_EVERY` revisions and for
imports and restores, so any revision opens by loading the snapshot before it and replaying the
edits after it. The newest model of each name is cached in the process, so reading it after an
edit costs nothing.

Writes are **optimistic**: each takes the revision the editor based its edit on and is refused
with :class:`ConflictError` when the model moved on meanwhile (another tab, another person). The
check and the write happen in one transaction that holds the model (``BEGIN IMMEDIATE`` on SQLite,
the model's row locked ``FOR UPDATE`` on PostgreSQL), so nothing is ever silently overwritten and
two editors never both write the next revision; a refused edit
(:class:`~fora_model.errors.EditRejected`) stores nothing.

The database is a SQLite file in the workspace folder, or a PostgreSQL database when
``$FORA_MODEL_DATABASE_URL`` (or the location given) is a ``postgresql://`` URL; see
:mod:`fora_model.workspace.backend`.
In a workspace with user accounts every write also takes its ``actor`` and is refused
(:class:`~fora_model.workspace.access.AccessRefused`) when the actor's role does not allow it
(:mod:`fora_model.workspace.access`).

Typical use by an editor::

    store = Store()                          # $FORA_MODEL_DATABASE_URL, $FORA_MODEL_WORKSPACE or ./workspace
    head = store.checkout("sample-school")   # the model and the revision it is
    app = head.model.find("Magister", "application")
    saved = store.edit("sample-school", [UpdateElement(app.replace(name="Magister 6"))],
                       base=head.revision, author="Anna")
    store.undo("sample-school", base=saved.revision, author="Anna")
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ..changes import Change, apply_changes, describe, diff_models, invert
from ..changes.diff import ModelDiff
from ..datasets import load_sample
from ..errors import Finding, ForaModelError, ModelFileError, ModelInvalidError, Reason, has_errors
from ..io import register_scheme, write_model
from ..io.base import ReadResult
from ..io.native import dumps_model
from ..model import Model
from ..validate import validate
from . import schema
from .access import Accounts, Actor
from .backend import DATABASE_ENV, Backend, Connection, Row, backend_for, database_url
from .log import Prepared, RevisionInfo, RevisionLog, info
from .schema import WorkspaceError

__all__ = [
    "DATABASE_ENV",
    "ENV_VAR",
    "SEED_NAME",
    "Checkout",
    "ConflictError",
    "Damage",
    "Health",
    "Recovery",
    "RevisionInfo",
    "Store",
    "WorkspaceError",
    "resolve_workspace",
    "workspace_dir",
    "workspace_location",
]

ENV_VAR = "FORA_MODEL_WORKSPACE"
"""The environment variable naming the workspace folder (default: ``workspace/`` in the working directory)."""

SEED_NAME = "sample-school"
"""The name the sample school gets when a new workspace is seeded with it."""

_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_. -]{0,78}[A-Za-z0-9_.-]$|^[A-Za-z0-9_]$")


class ConflictError(WorkspaceError):
    """The model changed since the revision an edit was based on; the edit was not saved."""

    def __init__(self, name: str, base: int, latest: RevisionInfo) -> None:
        self.name, self.base, self.head, self.latest = name, base, latest.revision, latest
        who = latest.author or "someone"
        super().__init__(
            f"{name!r} was changed meanwhile: your edit was based on revision {base}, it is now at revision "
            f"{latest.revision} ({who}: {latest.summary}) — nothing was saved; reload the model and make the "
            "edit again"
        )


@dataclass(frozen=True)
class Damage:
    """One thing :meth:`Store.check` found: a model's revision that cannot be read (or can only be
    read by replay), or the whole workspace (``model`` and ``revision`` None)."""

    model: str | None
    revision: int | None
    problem: str
    readable: bool = False

    def __str__(self) -> str:
        where = "workspace" if self.model is None else f"{self.model}@{self.revision}"
        return f"{where}: {'readable, but ' if self.readable else ''}{self.problem}"


@dataclass(frozen=True)
class Health:
    """What :meth:`Store.check` found: the database's own verdict, the models and revisions read,
    and every :class:`Damage`."""

    integrity: str
    models: int
    revisions: int
    damage: list[Damage]

    @property
    def ok(self) -> bool:
        """The database is sound and every revision of every model reads."""
        return self.integrity == "ok" and not any(not d.readable for d in self.damage)


@dataclass(frozen=True)
class Recovery:
    """What :meth:`Store.recover` did: the files written (one per readable revision), the revisions
    that could not be read, and the new revision it continued from (None when the newest revision
    was readable and chosen, so nothing needed writing)."""

    files: list[Path]
    readable: list[int]
    damaged: list[int]
    continued: RevisionInfo | None


@dataclass(frozen=True)
class Checkout:
    """A model and the revision it is: pass ``revision`` as ``base`` to the next write."""

    model: Model
    revision: int
    info: RevisionInfo


def workspace_dir() -> Path:
    """The workspace folder: ``$FORA_MODEL_WORKSPACE`` when set, else ``workspace/`` in the working directory."""
    configured = os.environ.get(ENV_VAR, "").strip()
    return Path(configured).expanduser() if configured else Path.cwd() / "workspace"


def workspace_location() -> str:
    """Where :class:`Store` opens by default: ``$FORA_MODEL_DATABASE_URL`` when set, else the
    absolute :func:`workspace_dir`."""
    return database_url() or str(workspace_dir().resolve())


class Store:
    """A workspace of named models; see the module docstring.

    Parameters
    ----------
    path
        The workspace folder (its database is ``fora-model.db`` inside), a SQLite database file,
        or a PostgreSQL URL (``postgresql://USER:PASSWORD@HOST:PORT/DATABASE``; the tables live in
        the connection's current schema); default ``$FORA_MODEL_DATABASE_URL`` when set, else
        :func:`workspace_dir`.
    seed
        When this open creates the workspace, put in the sample school as :data:`SEED_NAME`
        (``True``), nothing (``False``), or the model a callable returns. An existing workspace
        is never seeded again.
    """

    def __init__(self, path: str | Path | None = None, *, seed: bool | Callable[[], Model] = True) -> None:
        self.backend: Backend = backend_for(path if path is not None else (database_url() or workspace_dir()))
        self.path: Path | None = self.backend.path
        """The SQLite database file (None for PostgreSQL)."""
        self.location = self.backend.location
        """Where the workspace is, for messages: the file, or the database URL without its password."""
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.backend.connect() as db:
                if schema.migrate(db, self.location) == 0 and seed:
                    with schema.write(db):  # a failed first seeding is retried on the next open
                        db.execute("INSERT INTO meta VALUES ('seed_pending', ?) ON CONFLICT DO NOTHING",
                                   (schema.now(),))
                workspace_id = str(db.execute("SELECT value FROM meta WHERE key = 'workspace_id'").fetchone()[0])
                pending = db.execute("SELECT 1 FROM meta WHERE key = 'seed_pending'").fetchone() is not None
        except OSError as exc:
            raise WorkspaceError(f"{self.location}: cannot open the workspace: {exc}") from None
        self._log = RevisionLog(self.backend, workspace_id)
        if seed and pending:
            self._seed(seed)

    def __repr__(self) -> str:
        return f"<Store {self.location}>"

    @property
    def accounts(self) -> Accounts:
        """The workspace's user accounts and the check every write passes (:mod:`~fora_model.workspace.access`)."""
        return Accounts(self._log.connect)

    def _seed(self, seed: bool | Callable[[], Model]) -> None:
        model = seed() if callable(seed) else load_sample()  # the sample is validated as it loads
        prepared = Prepared(model, [], "create", f"seeded with {model.name or 'the sample school'}", whole=True,
                            undo_self=False, checked=not callable(seed))
        with self._log.connect() as db, schema.write(db):
            if db.execute("DELETE FROM meta WHERE key = 'seed_pending'").rowcount and \
                    db.execute("SELECT 1 FROM models").fetchone() is None:
                db.execute("INSERT INTO models VALUES (?, ?)", (SEED_NAME, schema.now()))
                self._log.insert(db, SEED_NAME, 1, prepared, "fora-model")

    def _write(self, name: str, base: int, author: str,
               prepare: Callable[[Connection, Row, Model], Prepared]) -> RevisionInfo:
        """Prepare a revision on ``base`` outside any lock, then check and write it in one transaction."""
        log = self._log
        with log.connect() as db:
            with schema.read(db):
                base_row = log.row(db, name, base)
                prepared = prepare(db, base_row, log.state(db, name, base))
            with schema.write(db):
                db.lock_model(name)
                head = log.row(db, name)
                if head["revision"] != base:
                    raise ConflictError(name, base, info(head))
                snapshot_due = log.insert(db, name, base + 1, prepared, author)
                row = log.row(db, name, base + 1)
        log.remember(name, base + 1, prepared.model)
        if snapshot_due:
            log.snapshot_later(name, base + 1, prepared.model)
        return info(row)

    def flush(self) -> None:
        """Wait for snapshots being written in the background (large models only); see
        :mod:`fora_model.workspace.log`."""
        self._log.flush()

    # ------------------------------------------------------------------ reading
    def names(self) -> list[str]:
        """The names of the models in the workspace, sorted."""
        with self._log.connect() as db:
            return [r[0] for r in db.execute("SELECT name FROM models ORDER BY name")]

    def models(self) -> list[RevisionInfo]:
        """Every model's newest revision (its name is ``model``), sorted by name."""
        with self._log.connect() as db:
            rows = db.execute("SELECT r.* FROM revisions r JOIN (SELECT model, MAX(revision) AS head FROM revisions "
                              "GROUP BY model) h ON r.model = h.model AND r.revision = h.head ORDER BY r.model")
            return [info(row) for row in rows]

    def exists(self, name: str) -> bool:
        """True when the workspace has a model called ``name``."""
        with self._log.connect() as db:
            return db.execute("SELECT 1 FROM models WHERE name = ?", (name,)).fetchone() is not None

    def head(self, name: str) -> int:
        """The newest revision number of ``name``."""
        with self._log.connect() as db:
            return int(self._log.row(db, name)["revision"])

    def checkout(self, name: str) -> Checkout:
        """The newest model of ``name`` with its revision, read together (base an edit on ``revision``).

        The model is shared with the cache: read it, do not change it (copy it, or edit through
        :meth:`edit`). A changed instance is noticed and not served again.
        """
        with self._log.connect() as db, schema.read(db):
            row = self._log.row(db, name)
            model = self._log.state(db, name, row["revision"])
        self._log.remember(name, row["revision"], model)
        return Checkout(model, row["revision"], info(row))

    def open(self, name: str, revision: int | None = None) -> Model:
        """The model ``name`` at ``revision`` (default: the newest); see :meth:`checkout` on sharing."""
        if revision is None:
            return self.checkout(name).model
        with self._log.connect() as db, schema.read(db):
            self._log.row(db, name, revision)
            return self._log.state(db, name, revision)

    def revision(self, name: str, revision: int | None = None) -> RevisionInfo:
        """What one revision (default: the newest) was."""
        with self._log.connect() as db:
            return info(self._log.row(db, name, revision))

    def changes(self, name: str, revision: int) -> list[Change]:
        """The changes stored for ``revision`` (as applied; for imports and restores, a diff by id)."""
        with self._log.connect() as db:
            return self._log.changes_of(name, self._log.row(db, name, revision))

    def history(self, name: str, *, limit: int | None = None) -> list[RevisionInfo]:
        """The revisions of ``name``, newest first (at most ``limit``)."""
        with self._log.connect() as db:
            self._log.row(db, name)
            query = "SELECT * FROM revisions WHERE model = ? ORDER BY revision DESC"
            rows = db.execute(query, (name,)) if limit is None else db.execute(f"{query} LIMIT ?", (name, limit))
            return [info(row) for row in rows]

    def history_frame(self, name: str, *, limit: int | None = None) -> pd.DataFrame:
        """:meth:`history` as a DataFrame, one column per :class:`RevisionInfo` field."""
        columns = list(RevisionInfo.__dataclass_fields__)
        rows = [[getattr(entry, c) for c in columns] for entry in self.history(name, limit=limit)]
        return pd.DataFrame(rows, columns=columns)

    def diff(self, name: str, old: int, new: int) -> ModelDiff:
        """What changed from revision ``old`` to revision ``new`` of ``name``."""
        return diff_models(self.open(name, old), self.open(name, new))

    def undo_target(self, name: str) -> RevisionInfo | None:
        """The revision :meth:`undo` would undo now, or None."""
        return self._next(name, "undo_next")

    def redo_target(self, name: str) -> RevisionInfo | None:
        """The revision :meth:`redo` would redo now, or None."""
        return self._next(name, "redo_next")

    def _next(self, name: str, column: str) -> RevisionInfo | None:
        with self._log.connect() as db, schema.read(db):
            target = self._log.row(db, name)[column]
            return None if target is None else info(self._log.row(db, name, target))

    def integrity_check(self) -> str:
        """The database's own verdict (``"ok"`` when sound): SQLite's ``PRAGMA integrity_check``; on
        PostgreSQL, that the server answers and the workspace's schema reads."""
        with self._log.connect() as db:
            return self.backend.integrity(db)

    def check(self) -> Health:
        """Read every revision of every model (each stored model decoded, each edit replayed) and
        report what cannot be read; changes nothing."""
        damage: list[Damage] = []
        models = revisions = 0
        try:
            integrity = self.integrity_check()
            with self._log.connect() as db, schema.read(db):
                tables = db.tables()
                missing = [t for t in ("meta", "models", "revisions", "snapshots") if t not in tables]
                if missing:
                    damage.append(Damage(None, None, f"the table{'s' if len(missing) > 1 else ''} "
                                         f"{', '.join(missing)} {'are' if len(missing) > 1 else 'is'} missing"))
                if "models" in missing or "revisions" in missing:
                    return Health(integrity, 0, 0, damage)
                names = [str(r[0]) for r in db.execute("SELECT name FROM models ORDER BY name")]
                for name in names:
                    models += 1
                    if "snapshots" in missing:
                        count = db.execute("SELECT COUNT(*) FROM revisions WHERE model = ?", (name,)).fetchone()[0]
                        revisions += count
                        damage.append(Damage(name, None, f"none of its {count} revisions can be read"))
                        continue
                    for revision, model, problem in self._log.walk(db, name):
                        revisions += 1
                        if problem:
                            damage.append(Damage(name, revision, problem, readable=model is not None))
        except WorkspaceError as exc:
            return Health("unreadable", models, revisions, [*damage, Damage(None, None, str(exc))])
        return Health(integrity, models, revisions, damage)

    def recover(self, name: str, directory: str | Path, *, to: int | None = None, author: str = "",
                actor: Actor | None = None) -> Recovery:
        """Export every readable revision of ``name`` to ``directory`` (``NAME@REVISION.json``, the
        native format) and, unless the revision to continue from (``to``, default the newest readable
        one) is already the newest, make it the newest as a new revision stored whole, so the model
        opens and edits again. Damaged revisions stay in the history, unreadable; nothing is deleted."""
        author = self.accounts.authorize(actor, name, author)
        target_dir = Path(directory)
        target_dir.mkdir(parents=True, exist_ok=True)
        files: list[Path] = []
        readable: list[int] = []
        damaged: list[int] = []
        chosen: Model | None = None
        with self._log.connect() as db, schema.read(db):
            head = int(self._log.row(db, name)["revision"])
            for revision, model, _ in self._log.walk(db, name):
                if model is None:
                    damaged.append(revision)
                    continue
                readable.append(revision)
                path = target_dir / f"{name}@{revision}.json"
                write_model(model, path)
                files.append(path)
                if to is None or revision == to:
                    chosen = model
        if not readable:
            raise WorkspaceError(f"{self.location}: no revision of {name!r} can be read; nothing to recover")
        to = readable[-1] if to is None else to
        if to not in readable:
            raise WorkspaceError(f"revision {to} of {name!r} cannot be read; readable revisions: "
                                 f"{_ranges(readable)} (the files are in {target_dir})")
        assert chosen is not None
        if to == head:
            return Recovery(files, readable, damaged, None)
        prepared = Prepared(chosen, [], "restore", f"recovered from revision {to} (revisions "
                            f"{_ranges(damaged)} could not be read)", to, True, undo_self=False)
        with self._log.connect() as db, schema.write(db):
            db.lock_model(name)
            if int(self._log.row(db, name)["revision"]) != head:
                raise ConflictError(name, head, info(self._log.row(db, name)))
            self._log.insert(db, name, head + 1, prepared, author)
            row = self._log.row(db, name, head + 1)
        self._log.remember(name, head + 1, chosen)
        return Recovery(files, readable, damaged, info(row))

    # ------------------------------------------------------------------ writing
    def edit(self, name: str, changes: Change | Iterable[Change], *, base: int, author: str = "",
             summary: str = "", actor: Actor | None = None) -> RevisionInfo:
        """Apply ``changes`` to revision ``base`` of ``name`` and store them as the next revision.

        Raises
        ------
        ConflictError
            ``base`` is no longer the newest revision; nothing is stored.
        EditRejected
            A change breaks the metamodel (the findings say why); nothing is stored.
        AccessRefused
            ``actor`` may not change ``name`` (:meth:`Accounts.authorize`); nothing is stored.
        """
        author = self.accounts.authorize(actor, name, author)
        def prepare(db: Connection, row: Row, model: Model) -> Prepared:
            applied = apply_changes(model, changes)
            if not applied.changes:
                raise WorkspaceError("there is nothing to save: the edit has no changes")
            text = summary or describe(applied.changes, applied.model)
            return Prepared(applied.model, applied.changes, "edit", text)

        return self._write(name, base, author, prepare)

    def undo(self, name: str, *, base: int, author: str = "", actor: Actor | None = None) -> RevisionInfo:
        """Undo the last revision still in effect, as a new revision (conflict-checked like an edit)."""
        author = self.accounts.authorize(actor, name, author)
        def prepare(db: Connection, row: Row, model: Model) -> Prepared:
            if row["undo_next"] is None:
                raise WorkspaceError(f"there is nothing to undo in {name!r}")
            undone = self._log.row(db, name, row["undo_next"])
            before = self._log.row(db, name, undone["revision"] - 1)
            summary = f"undo revision {undone['revision']}: {undone['summary']}"
            if undone["whole"]:
                target = self._log.state(db, name, undone["revision"] - 1)
                return Prepared(target, diff_models(model, target).changes, "undo", summary, undone["revision"],
                                 True, before["undo_next"], undone["revision"], undo_self=False)
            stored = self._log.changes_of(name, undone)
            applied = apply_changes(model, invert(stored))
            return Prepared(applied.model, applied.changes, "undo", summary, undone["revision"], False,
                             before["undo_next"], undone["revision"], undo_self=False)

        return self._write(name, base, author, prepare)

    def redo(self, name: str, *, base: int, author: str = "", actor: Actor | None = None) -> RevisionInfo:
        """Apply again the revision the last undo took back, as a new revision (conflict-checked)."""
        author = self.accounts.authorize(actor, name, author)
        def prepare(db: Connection, row: Row, model: Model) -> Prepared:
            if row["redo_next"] is None:
                raise WorkspaceError(f"there is nothing to redo in {name!r}")
            redone = self._log.row(db, name, row["redo_next"])
            undo = db.execute("SELECT MAX(revision) FROM revisions WHERE model = ? AND action = 'undo' AND target = ?",
                              (name, redone["revision"])).fetchone()[0]
            redo_next = self._log.row(db, name, undo - 1)["redo_next"]
            summary = f"redo revision {redone['revision']}: {redone['summary']}"
            if redone["whole"]:
                target = self._log.state(db, name, redone["revision"])
                return Prepared(target, diff_models(model, target).changes, "redo", summary, redone["revision"],
                                 True, redo_next=redo_next)
            applied = apply_changes(model, self._log.changes_of(name, redone))
            return Prepared(applied.model, applied.changes, "redo", summary, redone["revision"], False,
                             redo_next=redo_next)

        return self._write(name, base, author, prepare)

    def restore(self, name: str, revision: int, *, base: int, author: str = "",
                actor: Actor | None = None) -> RevisionInfo:
        """Make the model as it was at ``revision`` the newest one, as a new revision (undoable)."""
        author = self.accounts.authorize(actor, name, author)
        def prepare(db: Connection, row: Row, model: Model) -> Prepared:
            restored = info(self._log.row(db, name, revision))
            target = self._log.state(db, name, revision)
            return Prepared(target, diff_models(model, target).changes, "restore",
                            f"restore revision {revision}: {restored.summary}", revision, True)

        return self._write(name, base, author, prepare)

    def import_model(self, name: str, model: Model, *, author: str = "", replace: bool = False,
                     base: int | None = None, summary: str = "", actor: Actor | None = None) -> RevisionInfo:
        """Store ``model`` under ``name``: a new model, or (with ``replace``) a new revision of an existing one.

        The model must have no error findings (:class:`~fora_model.errors.ModelInvalidError` lists them).
        With ``replace``, ``base`` is the revision being replaced (default: whatever is newest now).
        Importing onto an existing name without ``replace`` is refused; so is a write ``actor`` may
        not make (:meth:`Accounts.authorize`: creating a model counts as changing it).
        """
        _check_name(name)
        author = self.accounts.authorize(actor, name, author)
        findings = validate(model)
        if has_errors(findings):
            raise ModelInvalidError(findings, f"importing {name!r}")
        document = dumps_model(model)
        stored = model.copy()  # the native format reads back equal: read(write(m)) == m
        text = summary or f"imported {model.name or 'a model'} ({len(model.elements)} elements, " \
                          f"{len(model.relations)} relations)"
        if not self.exists(name):
            created = None
            with self._log.connect() as db, schema.write(db):
                if db.execute("INSERT INTO models VALUES (?, ?) ON CONFLICT DO NOTHING",
                              (name, schema.now())).rowcount == 1:  # not created by another process meanwhile
                    self._log.insert(db, name, 1, Prepared(stored, [], "create", text, whole=True,
                                                           undo_self=False, document=document), author)
                    created = info(self._log.row(db, name, 1))
            if created is not None:
                self._log.remember(name, 1, stored)
                return created
        if not replace:
            raise WorkspaceError(f"a model named {name!r} is already in the workspace — choose another name, "
                                 "or replace it (--replace)")

        def prepare(db: Connection, row: Row, current: Model) -> Prepared:
            return Prepared(stored, diff_models(current, stored).changes, "import", text, whole=True,
                            document=document)

        return self._write(name, self.head(name) if base is None else base, author, prepare)

    def export(self, name: str, path: str | Path, *, revision: int | None = None) -> list[Finding]:
        """Write ``name`` (at ``revision``) to ``path`` in the format it names; returns what the format
        could not hold (see :func:`fora_model.io.write_model`)."""
        return list(write_model(self.open(name, revision), path) or [])


def _ranges(revisions: list[int]) -> str:
    """``[1, 2, 3, 7]`` as ``1-3, 7``."""
    parts: list[str] = []
    for revision in revisions:
        if parts and revision == int(parts[-1].rpartition("-")[2]) + 1:
            parts[-1] = f"{parts[-1].partition('-')[0]}-{revision}"
        else:
            parts.append(str(revision))
    return ", ".join(parts) or "none"


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        raise WorkspaceError(f"{name!r} is not a usable model name — use letters, digits, spaces, '.', '_' and '-' "
                             "(at most 80, not starting with a space or dot)")


def resolve_workspace(reference: str, options: dict[str, Any]) -> ReadResult:
    """Open ``workspace:NAME`` or ``workspace:NAME@REVISION`` for :func:`fora_model.io.read_model`."""
    name, _, rev = reference.partition("@")
    if rev and not rev.isdigit():
        raise ModelFileError(f"workspace:{reference}", f"{rev!r} is not a revision number",
                             "write workspace:NAME@12", Reason.BAD_VALUE)
    try:
        store = Store(options.get("workspace"))
        return ReadResult(store.open(name, int(rev) if rev else None), [])
    except ForaModelError as exc:
        if isinstance(exc, ModelFileError):
            raise
        raise ModelFileError(f"workspace:{reference}", str(exc), "list the models with: fora-model workspace list",
                             Reason.UNREADABLE_FILE) from None


register_scheme("workspace", resolve_workspace)
