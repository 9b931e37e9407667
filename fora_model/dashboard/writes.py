"""How the dashboard uses the workspace, as pure functions: which model a session opens, what an
edit, undo or import made of it, and the messages the pages show.

Nothing here calls Streamlit. The dashboard keeps, per browser session, the workspace model's
name and the revision the user is looking at (the *pinned* revision). Every write is based on
that revision, so an edit made while another tab or person moved the model on is refused with a
conflict instead of silently overwriting their work (see :class:`~fora_model.workspace.store.Store`).

Examples
--------
>>> import tempfile
>>> from fora_model import Element
>>> from fora_model.changes.types import AddElement
>>> store = Store(tempfile.mkdtemp(), seed=False)
>>> _ = store.import_model("demo", Model(name="Demo"))
>>> outcome = save_changes(store, "demo", 1, [AddElement(Element.new("goal", "Good teaching", id="g"))], "Anna")
>>> outcome.ok, outcome.revision, outcome.message
(True, 2, "Saved revision 2: added goal 'Good teaching'.")
>>> stale = save_changes(store, "demo", 1, [AddElement(Element.new("goal", "Safe school", id="s"))], "Ben")
>>> stale.ok, stale.kind, stale.revision
(False, 'conflict', 1)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..changes.types import Change
from ..errors import EditRejected, ForaModelError
from ..model import Model
from ..validate import findings_frame
from ..workspace.store import SEED_NAME, ConflictError, RevisionInfo, Store, WorkspaceError

__all__ = [
    "Outcome",
    "StartupModel",
    "free_name",
    "import_new",
    "open_startup",
    "restore_sample",
    "run_write",
    "save_changes",
    "workspace_name",
]


@dataclass(frozen=True)
class Outcome:
    """What a write from the dashboard did.

    ``kind`` is ``saved``, ``conflict`` (the model moved on; nothing stored), ``rejected`` (the
    metamodel refused the edit; ``findings`` say why) or ``failed`` (anything else the workspace
    refused, e.g. nothing to undo). ``revision`` is the revision to show next: the new one when
    saved, else the one the write was based on.
    """

    kind: str
    message: str
    revision: int
    findings: pd.DataFrame = field(default_factory=pd.DataFrame)
    latest: RevisionInfo | None = None

    @property
    def ok(self) -> bool:
        """True when the write was stored."""
        return self.kind == "saved"


def run_write(base: int, write: Callable[[], RevisionInfo], verb: str = "Saved") -> Outcome:
    """Run one workspace write (edit, undo, redo, restore, import) and say what came of it."""
    try:
        saved = write()
    except ConflictError as exc:
        return Outcome("conflict", str(exc), base, latest=exc.latest)
    except EditRejected as exc:
        return Outcome("rejected", f"Not saved: {exc}", base, findings_frame(exc.findings))
    except (WorkspaceError, ForaModelError) as exc:
        return Outcome("failed", f"Not saved: {exc}", base)
    return Outcome("saved", f"{verb} revision {saved.revision}: {saved.summary}.", saved.revision, latest=saved)


def save_changes(store: Store, name: str, base: int, changes: Change | Iterable[Change], author: str = "",
                 summary: str = "") -> Outcome:
    """Store ``changes`` as the next revision of ``name``, based on revision ``base``."""
    batch = [changes] if not isinstance(changes, Iterable) else list(changes)
    if not batch:
        return Outcome("failed", "Nothing to save: the edit changes nothing.", base)
    return run_write(base, lambda: store.edit(name, batch, base=base, author=author, summary=summary))


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


def import_new(store: Store, file_name: str, model: Model, author: str = "") -> tuple[str, Outcome]:
    """Store ``model``, read from ``file_name``, as a new workspace model named after the file;
    returns the name it got and what came of it."""
    target = free_name(store, workspace_name(file_name))
    outcome = run_write(0, lambda: store.import_model(target, model, author=author,
                                                      summary=f"imported {Path(file_name).name}"), "Created")
    return target, outcome


def restore_sample(store: Store, sample: Model, author: str = "") -> Outcome:
    """Put the sample school back as :data:`~fora_model.workspace.store.SEED_NAME`: a new, undoable revision
    of it, or the model itself when the workspace has none.

    >>> import tempfile
    >>> s = Store(tempfile.mkdtemp(), seed=False)
    >>> restore_sample(s, Model(name="Sample")).message
    'Created revision 1: imported Sample (0 elements, 0 relations).'
    >>> restore_sample(s, Model(name="Sample")).revision  # the same model again: still a revision
    2
    """
    if not store.exists(SEED_NAME):
        return run_write(0, lambda: store.import_model(SEED_NAME, sample, author=author), "Created")
    base = store.head(SEED_NAME)
    return run_write(base, lambda: store.import_model(SEED_NAME, sample, author=author, replace=True, base=base,
                                                      summary="restored the sample school"))


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
    workspace's own model opens unchanged, so restarting the dashboard never undoes edits.
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
        return StartupModel(name, f"The workspace already holds a model named {name!r}; it opened that one with "
                                  "its edits. To replace it with the file, import the file on the Model page.")
    store.import_model(name, opened, summary=f"imported {Path(file_name).name}")
    return StartupModel(name)
