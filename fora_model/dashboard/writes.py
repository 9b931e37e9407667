"""The one way the dashboard writes to the workspace, as pure functions: a page says what it wants
(a :data:`Request`), :func:`perform` does it and says what came of it (an :class:`Outcome`).

Nothing here calls Streamlit. The dashboard keeps, per browser session, the workspace model's
name and the revision the user is looking at (the *pinned* revision). Every write is based on
that revision, so an edit made while another tab or person moved the model on is refused with a
conflict instead of silently overwriting their work (see :class:`~fora_model.workspace.Store`).
An edit whose changes cannot even be built (the metamodel or a scenario check refuses them) is
refused the same way, before anything is stored; pages never build outcomes themselves.

Examples
--------
>>> import tempfile
>>> from fora_model import Element
>>> from fora_model.changes import AddElement
>>> store = Store(tempfile.mkdtemp(), seed=False)
>>> _ = store.import_model("demo", Model(name="Demo"))
>>> outcome = perform(store, "demo", 1, "Anna", Edit([AddElement(Element.new("goal", "Good teaching", id="g"))]))
>>> outcome.ok, outcome.revision, outcome.message
(True, 2, "Saved revision 2: added goal 'Good teaching'.")
>>> stale = perform(store, "demo", 1, "Ben", Edit([AddElement(Element.new("goal", "Safe school", id="s"))]))
>>> stale.ok, stale.kind, stale.revision
(False, 'conflict', 1)
>>> perform(store, "demo", 2, "Ben", Undo()).message
"Saved revision 3: undo revision 2: added goal 'Good teaching'."
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from ..changes import Change, describe
from ..datasets import load_sample
from ..errors import EditRejected, ForaModelError
from ..i18n import N_, _
from ..model import Model
from ..validate import findings_frame
from ..workspace import SEED_NAME, Actor, ConflictError, Owner, RevisionInfo, Store, WorkspaceError
from .rebase import rebase_changes

__all__ = [
    "Create",
    "Edit",
    "Outcome",
    "Reapply",
    "Redo",
    "Replace",
    "Request",
    "Restore",
    "RestoreSample",
    "StartupModel",
    "Undo",
    "free_name",
    "open_startup",
    "pending_summary",
    "perform",
    "workspace_name",
]

Changes = Change | Sequence[Change]


@dataclass(frozen=True)
class Edit:
    """Store changes as the next revision. ``changes`` may be a function of the model at the base
    revision (a page builds its changes from what is stored, not from what it drew); ``problems``
    are reasons found while building them, which refuse the edit before anything is stored."""

    changes: Changes | Callable[[Model], Changes]
    summary: str = ""
    problems: Sequence[str] = ()


@dataclass(frozen=True)
class Undo:
    """Undo the newest undoable revision (itself a new revision)."""


@dataclass(frozen=True)
class Redo:
    """Redo what the newest undo undid (itself a new revision)."""


@dataclass(frozen=True)
class Restore:
    """Make ``revision`` the newest one again, as a new revision."""

    revision: int


@dataclass(frozen=True)
class Replace:
    """Replace the open model by ``model`` (an import, merged or not) as one new revision."""

    model: Model
    summary: str = ""
    verb: str = "Imported"


@dataclass(frozen=True)
class Create:
    """Store ``model`` as a new workspace model: under ``name`` (refused when taken), or under a
    free name made from ``file_name`` (``School plan.xlsx`` → ``School plan``, ``School plan 2``…)."""

    model: Model
    file_name: str = ""
    name: str | None = None
    summary: str = ""


@dataclass(frozen=True)
class RestoreSample:
    """Put the shipped sample school back as :data:`~fora_model.workspace.SEED_NAME`: a new,
    undoable revision of it, or the model itself when the workspace has none. With ``new_model``
    it becomes a new workspace model instead (``sample-school 2``…) and nothing that exists is
    touched. ``model`` stands in for the shipped one (tests)."""

    model: Model | None = None
    new_model: bool = False


@dataclass(frozen=True)
class Reapply:
    """Make edits refused as a conflict again, on the newest revision (one new revision).

    ``batches`` are the changes each refused edit would have made, in order, as they were built
    on the revision the session shows (:attr:`Outcome.changes` of each conflict). They are rebased
    field by field (:func:`~fora_model.dashboard.rebase.rebase_changes`): refused again, naming the
    element and field, only where a newer revision changed the same field."""

    batches: Sequence[Sequence[Change]]


Request = Edit | Undo | Redo | Restore | Replace | Create | RestoreSample | Reapply
"""Everything a page may ask the workspace to do."""


@dataclass(frozen=True)
class Outcome:
    """What a write from the dashboard did.

    ``kind`` is ``saved``, ``unchanged`` (the edit changes nothing, so nothing was stored and
    nothing needs saying), ``conflict`` (the model moved on; nothing stored), ``rejected`` (the
    metamodel refused the edit; ``findings`` say why) or ``failed`` (anything else the workspace
    refused, e.g. nothing to undo). ``revision`` is the revision to show next: the new one when
    saved, else the one the write was based on; ``name`` is the workspace model it concerns (a
    created model's new name). ``changes`` are, for a conflict, the changes the refused edit
    would have made, built on the revision it was based on: :class:`Reapply` makes them again.
    """

    kind: str
    message: str
    revision: int
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)
    latest: RevisionInfo | None = None
    name: str | None = None
    changes: tuple[Change, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the write was stored."""
        return self.kind == "saved"

    @property
    def refused(self) -> bool:
        """True when something was asked and refused (a conflict, a rejection or a failure)."""
        return self.kind not in ("saved", "unchanged")

    @property
    def redraw(self) -> bool:
        """True when a page should draw its fields from the stored model again: the edit itself was
        refused (rejected or failed). A conflict keeps what the user typed, to be re-applied."""
        return self.kind in ("rejected", "failed")


_SAVED: dict[str, str] = {
    "Saved": N_("Saved revision {revision}: {summary}."),
    "Created": N_("Created revision {revision}: {summary}."),
    "Imported": N_("Imported revision {revision}: {summary}."),
}
"""What a stored write says, by the verb of the request (another verb is said as given)."""


def _saved_message(verb: str, saved: RevisionInfo) -> str:
    template = _SAVED.get(verb)
    if template is None:
        return f"{verb} revision {saved.revision}: {saved.summary}."
    return _(template, revision=saved.revision, summary=saved.summary)


def _not_saved(problem: object) -> str:
    return _("Not saved: {problem}", problem=problem)


def _run(base: int, write: Callable[[], RevisionInfo], verb: str = "Saved", name: str | None = None) -> Outcome:
    """Run one workspace write and say what came of it."""
    try:
        saved = write()
    except ConflictError as exc:
        return Outcome("conflict", str(exc), base, latest=exc.latest, name=name)
    except EditRejected as exc:
        return Outcome("rejected", _not_saved(exc), base, findings_frame(exc.findings), name=name)
    except (WorkspaceError, ForaModelError) as exc:
        return Outcome("failed", _not_saved(exc), base, name=name)
    return Outcome("saved", _saved_message(verb, saved), saved.revision, latest=saved,
                   name=name)


def _changes(store: Store, name: str, base: int, request: Edit) -> list[Change]:
    made = request.changes
    if callable(made):
        made = made(store.open(name, base))
    return [made] if not isinstance(made, Sequence) else list(made)


def perform(store: Store, name: str | None, base: int | None, author: str, request: Request,
            actor: Actor | None = None) -> Outcome:
    """Do ``request`` on workspace model ``name`` based on revision ``base`` (the one the session
    shows), in ``author``'s name, as ``actor`` (the signed-in account of a shared workspace: the
    workspace refuses what it may not do, and records its name instead of ``author``). Never raises
    for what the workspace or the metamodel refuses."""
    if isinstance(request, Create):
        return _create(store, author, request, actor)
    if isinstance(request, RestoreSample):
        try:
            sample = request.model if request.model is not None else load_sample()
        except ForaModelError as exc:
            return Outcome("failed", _("The sample school could not be opened: {problem}", problem=exc), base or 0)
        return _restore_sample(store, author, sample, request.new_model, actor)
    if name is None or base is None:
        return Outcome("failed", _("Not saved: no model is open."), 0)
    if isinstance(request, Edit):
        if request.problems:
            return Outcome("rejected", _not_saved(" ".join(request.problems)), base, name=name)
        try:
            batch = _changes(store, name, base, request)
        except (EditRejected, ForaModelError) as exc:
            findings = findings_frame(exc.findings) if isinstance(exc, EditRejected) else pd.DataFrame()
            return Outcome("rejected", _not_saved(exc), base, findings, name=name)
        if not batch:
            return Outcome("unchanged", _("Nothing to save: the edit changes nothing."), base, name=name)
        outcome = _run(base, lambda: store.edit(name, batch, base=base, author=author, summary=request.summary,
                                                actor=actor), name=name)
        if outcome.kind != "conflict":
            return outcome
        return replace(outcome, changes=tuple(batch), message=_kept_message(name, base, outcome.latest))
    if isinstance(request, Reapply):
        return _reapply(store, name, base, author, request, actor)
    if isinstance(request, Undo):
        return _run(base, lambda: store.undo(name, base=base, author=author, actor=actor), name=name)
    if isinstance(request, Redo):
        return _run(base, lambda: store.redo(name, base=base, author=author, actor=actor), name=name)
    if isinstance(request, Restore):
        revision = request.revision
        return _run(base, lambda: store.restore(name, revision, base=base, author=author, actor=actor), name=name)
    model, summary = request.model, request.summary
    return _run(base, lambda: store.import_model(name, model, author=author, replace=True, base=base,
                                                 summary=summary, actor=actor), request.verb, name=name)


def _kept_message(name: str, base: int, latest: RevisionInfo | None) -> str:
    """What a refused edit whose changes are kept to re-apply says."""
    newest = _("revision {revision} ({who}: {summary})", revision=latest.revision, who=latest.author or _("someone"),
               summary=latest.summary) if latest else _("newer")
    return _("{name} was changed meanwhile: your edit was based on revision {base}, it is now at {newest} — "
             "nothing was saved; your change is kept, to re-apply on the latest revision or discard",
             name=repr(name), base=base, newest=newest)


def _reapply(store: Store, name: str, base: int, author: str, request: Reapply, actor: Actor | None) -> Outcome:
    """Rebase the refused changes from ``base`` onto the newest revision and store them there."""
    try:
        head = store.head(name)
        mine, theirs = store.open(name, base), store.open(name, head)
    except WorkspaceError as exc:
        return Outcome("failed", _("Not re-applied: {problem}", problem=exc), base, name=name)
    changes = [c for batch in request.batches for c in batch]
    rebased = rebase_changes(mine, theirs, changes)
    if not rebased.ok:
        return Outcome("conflict", _("Not re-applied on revision {revision}: {clashes} Nothing was saved; load the "
                                     "latest revision and make the change again.", revision=head,
                                     clashes=" ".join(rebased.clashes)), base,
                       name=name, changes=tuple(changes))
    if not rebased.changes:
        return Outcome("unchanged", _("Nothing to re-apply: revision {revision} already has your change.",
                                      revision=head), head,
                       name=name)
    outcome = _run(head, lambda: store.edit(name, rebased.changes, base=head, author=author, actor=actor), name=name)
    return replace(outcome, changes=tuple(changes)) if outcome.kind == "conflict" else outcome


def pending_summary(batches: Sequence[Sequence[Change]], model: Model | None = None, limit: int = 4) -> str:
    """What refused edits would change, in a line (:func:`fora_model.changes.describe`); a change
    sent again by a later edit (a table sends every cell edited so far) is named once.

    >>> from fora_model import Element
    >>> from fora_model.changes import AddElement
    >>> add = AddElement(Element.new("goal", "Safe school", id="s"))
    >>> pending_summary([[add], [add]])
    "added goal 'Safe school'"
    """
    unique: list[Change] = []
    for change in (c for batch in batches for c in batch):
        if change not in unique:
            unique.append(change)
    return describe(unique, model, limit=limit)


def _create(store: Store, author: str, request: Create, actor: Actor | None = None) -> Outcome:
    if request.name is not None:
        target = request.name
        if store.exists(target):
            return Outcome("failed", _("Not created: the workspace already has a model named {name}. Choose "
                                       "another name.", name=repr(target)), 0)
    else:
        target = free_name(store, workspace_name(request.file_name or request.model.name or "model"))
    summary = request.summary or (f"imported {Path(request.file_name).name}" if request.file_name else "")
    return _run(0, lambda: store.import_model(target, request.model, author=author, summary=summary, actor=actor),
                "Created", name=target)


def _restore_sample(store: Store, author: str, sample: Model, new_model: bool = False,
                    actor: Actor | None = None) -> Outcome:
    """The sample school as a new revision of :data:`SEED_NAME` (undoable, so no edit made to it is
    lost), or as a new workspace model when ``new_model`` is true.

    >>> import tempfile
    >>> s = Store(tempfile.mkdtemp(), seed=False)
    >>> _restore_sample(s, "", Model(name="Sample")).message
    'Created revision 1: imported Sample (0 elements, 0 relations).'
    >>> _restore_sample(s, "", Model(name="Sample")).revision  # the same model again: still a revision
    2
    >>> copy = _restore_sample(s, "", Model(name="Sample"), new_model=True)
    >>> copy.name, copy.revision, s.head(SEED_NAME)
    ('sample-school 2', 1, 2)
    """
    if not store.exists(SEED_NAME):
        return _run(0, lambda: store.import_model(SEED_NAME, sample, author=author, actor=actor), "Created",
                    name=SEED_NAME)
    if new_model:
        target = free_name(store, SEED_NAME)
        return _run(0, lambda: store.import_model(target, sample, author=author, summary=_("opened the sample school"),
                                                  actor=actor), "Created", name=target)
    base = store.head(SEED_NAME)
    return _run(base, lambda: store.import_model(SEED_NAME, sample, author=author, replace=True, base=base,
                                                 summary=_("restored the sample school"), actor=actor),
                name=SEED_NAME)


def workspace_name(file_name: str) -> str:
    """A workspace model name made from a file name: ``My school (v2).xlsx`` → ``My school v2``."""
    stem = Path(file_name).name
    for suffix in (".json", ".xlsx", ".xml", ".archimate", ".csv", ".zip"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    cleaned = re.sub(r"[^A-Za-z0-9_. -]+", " ", stem)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .")[:80].strip(" .")
    return cleaned or "model"


def free_name(store: Store, wanted: str) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3``… : the first name the workspace does not use yet.

    >>> import tempfile
    >>> s = Store(tempfile.mkdtemp(), seed=False)
    >>> _ = s.import_model("School", Model())
    >>> free_name(s, "School"), free_name(s, "Other")
    ('School 2', 'Other')
    """
    target, n = wanted, 2
    while store.exists(target):
        target, n = f"{wanted[:75]} {n}", n + 1
    return target


@dataclass(frozen=True)
class StartupModel:
    """The workspace model a new session opens, and a note on how it was chosen (may be empty)."""

    name: str | None
    note: str = ""


def open_startup(store: Store, opened: Model | None, file_name: str | None) -> StartupModel:
    """The model a session opens at start.

    Without a start file (``file_name`` None) that is the seeded sample school, else the first
    model in the workspace. With a start file that opened (``opened``), it is imported under a
    name made from the file's name, unless the workspace already has that name: then the
    workspace's own model opens unchanged, so restarting the dashboard never undoes edits. The
    import is the server operator's (the :class:`~fora_model.workspace.access.Owner`), also in a
    workspace with accounts.
    """
    if file_name is None:
        names = store.names()
        if SEED_NAME in names:
            return StartupModel(SEED_NAME)
        return StartupModel(names[0] if names else None)
    if opened is None:
        return StartupModel(None)
    name = workspace_name(file_name)
    if store.exists(name):
        return StartupModel(name, _("The workspace already holds a model named {name}; it opened that one with "
                                    "its edits. To replace it with the file, import the file on the Model page.",
                                    name=repr(name)))
    store.import_model(name, opened, summary=f"imported {Path(file_name).name}", actor=Owner())
    return StartupModel(name)


def revision_key(workspace: str | Path, name: str | None, revision: int | None, model: Model) -> str:
    """A cache key for ``model``, the workspace model ``name`` at ``revision``: a revision never changes,
    so it names the content as well as :func:`fora_model.content_hash` does, at no cost (hashing a
    board-size model's content takes seconds). The model's id and counts are added as a check.

    >>> revision_key(Path("ws/fora-model.db"), "school", 3, Model(id="m1"))
    'ws/fora-model.db|school@3|m1|0|0'
    """
    return f"{workspace}|{name}@{revision}|{model.id}|{len(model.elements)}|{len(model.relations)}"
