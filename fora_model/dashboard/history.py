"""What the dashboard's History page shows, as pure functions: the revision table, the labels of
the undo and redo buttons, the difference between two revisions as display tables, and why a
write from the page cannot be made now.

Nothing here calls Streamlit. Everything returned is plain text or a DataFrame: model text in it
is data and must not be rendered as Markdown (the page escapes what it puts in labels).

Examples
--------
>>> import tempfile
>>> from fora_model import Element, Model
>>> from fora_model.changes.types import AddElement
>>> from fora_model.workspace.store import Store
>>> store = Store(tempfile.mkdtemp(), seed=False)
>>> _ = store.import_model("demo", Model(name="Demo"), author="Anna")
>>> _ = store.edit("demo", AddElement(Element.new("goal", "Good teaching", id="g")), base=1, author="Ben")
>>> table = revision_table(store.history_frame("demo"), shown=1, head=2)
>>> table[["revision", "status", "who", "action"]].values.tolist()
[[2, 'newest', 'Ben', 'edit'], [1, 'shown', 'Anna', 'created']]
>>> table["summary"].tolist()
["added goal 'Good teaching'", 'imported Demo (0 elements, 0 relations)']
>>> undo_label(store.undo_target("demo"))
"Undo revision 2: added goal 'Good teaching'"
>>> view = diff_view(store.diff("demo", 1, 2), store.open("demo", 1))
>>> view.caption(), view.elements[["change", "kind", "name"]].values.tolist()
('1 element added', [['added', 'goal', 'Good teaching']])
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from ..changes.diff import ModelDiff
from ..i18n import N_, _, n_
from ..model import Model
from ..vocabulary import ElementKind, RelationKind
from ..workspace.store import RevisionInfo, Store

__all__ = [
    "ACTION_WORDS",
    "CHANGE_WORDS",
    "DIFF_CACHE_SIZE",
    "ELEMENT_DIFF_COLUMNS",
    "LABEL_LENGTH",
    "RELATION_DIFF_COLUMNS",
    "REVISION_COLUMNS",
    "DiffView",
    "RevisionPage",
    "action_word",
    "behind_message",
    "clamp_revision",
    "diff_view",
    "format_when",
    "history_page",
    "picker_defaults",
    "redo_label",
    "restore_problem",
    "revision_diff",
    "revision_label",
    "revision_table",
    "undo_label",
]

REVISION_COLUMNS: list[str] = ["revision", "status", "when", "who", "action", "summary", "changes", "elements",
                               "relations"]
"""The columns of :func:`revision_table`.

``status`` is ``shown`` (the revision this session shows), ``newest`` (the workspace's head),
both, or empty; ``when`` is the time in UTC; ``who`` the author (``unknown`` when none was
given); ``action`` in words (:data:`ACTION_WORDS`); ``changes`` how many changes the revision
stored; ``elements``/``relations`` the model's size after it.
"""

ELEMENT_DIFF_COLUMNS: list[str] = ["change", "kind", "name", "previous_name", "details", "id"]
"""The columns of :attr:`DiffView.elements`: ``previous_name`` is the older revision's name when it differs."""

RELATION_DIFF_COLUMNS: list[str] = ["change", "kind", "relation", "details", "id"]
"""The columns of :attr:`DiffView.relations`: ``relation`` names the ends (``Magister supports Record grades``)."""

ACTION_WORDS: dict[str, str] = {
    "create": N_("created"),
    "edit": N_("edit"),
    "undo": N_("undo"),
    "redo": N_("redo"),
    "restore": N_("restore"),
    "import": N_("import"),
}
"""How each stored action is shown (an unknown action is shown as stored), in English: :func:`action_word`
gives it in the current language."""

CHANGE_WORDS: dict[str, str] = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}
"""How the ``change`` column of a difference words each change, in English (translated when shown)."""

_COUNTED = {
    "elements added": lambda n: n_("{n} element added", "{n} elements added", n),
    "elements removed": lambda n: n_("{n} element removed", "{n} elements removed", n),
    "elements changed": lambda n: n_("{n} element changed", "{n} elements changed", n),
    "relations added": lambda n: n_("{n} relation added", "{n} relations added", n),
    "relations removed": lambda n: n_("{n} relation removed", "{n} relations removed", n),
    "relations changed": lambda n: n_("{n} relation changed", "{n} relations changed", n),
}
_COUNT_LABELS = {"elements added": N_("elements added"), "elements removed": N_("elements removed"),
                 "elements changed": N_("elements changed"), "relations added": N_("relations added"),
                 "relations removed": N_("relations removed"), "relations changed": N_("relations changed")}


def action_word(action: str) -> str:
    """A stored action in words, in the current language (an unknown action as stored).

    >>> action_word("create"), action_word("sync")
    ('created', 'sync')
    """
    word = ACTION_WORDS.get(action)
    return action if word is None else _(word)

LABEL_LENGTH = 80
"""Button labels naming a revision are cut to this many characters (with an ellipsis)."""


def format_when(created_at: str) -> str:
    """A stored timestamp (ISO 8601, UTC) as ``2026-11-29 22:05:02 UTC``; anything else as given.

    >>> format_when("2026-11-29T22:05:02.063Z")
    '2026-11-29 22:05:02 UTC'
    >>> format_when("yesterday")
    'yesterday'
    """
    try:
        moment = datetime.fromisoformat(created_at.replace("Z", "+00:00"))
    except ValueError:
        return created_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def revision_table(history: pd.DataFrame, shown: int | None, head: int | None) -> pd.DataFrame:
    """The revisions to list (rows of :meth:`~fora_model.workspace.store.Store.history_frame`, newest first)
    as display columns :data:`REVISION_COLUMNS`, marking the ``shown`` and the ``head`` revision."""
    rows = []
    for entry in history.to_dict("records"):
        revision = int(entry["revision"])
        marks = [word for word, number in ((_("shown"), shown), (_("newest"), head)) if number == revision]
        action = str(entry["action"])
        rows.append((revision, ", ".join(marks), format_when(str(entry["created_at"])),
                     str(entry["author"]).strip() or _("unknown"), action_word(action),
                     str(entry["summary"]), int(entry["change_count"]), int(entry["elements"]),
                     int(entry["relations"])))
    return pd.DataFrame(rows, columns=REVISION_COLUMNS)


@dataclass(frozen=True)
class RevisionPage:
    """One page of a model's history: its rows (as :meth:`Store.history_frame` gives them), which
    page it is (from 1, newest first), how many pages there are, and how many revisions in all."""

    rows: pd.DataFrame
    page: int
    pages: int
    total: int

    @property
    def newest(self) -> int:
        """The newest revision on this page (0 when the page is empty)."""
        return int(self.rows["revision"].max()) if len(self.rows) else 0

    @property
    def oldest(self) -> int:
        """The oldest revision on this page (0 when the page is empty)."""
        return int(self.rows["revision"].min()) if len(self.rows) else 0


def history_page(store: Store, name: str, page: int = 1, per_page: int = 50) -> RevisionPage:
    """Page ``page`` of the history of ``name``, ``per_page`` revisions a page, newest first.

    Revisions are numbered 1 to the head without gaps, so the number of pages follows from the
    head; a page past the last is the last one. Only the revisions up to the page asked for are read.
    """
    per_page = max(1, per_page)
    total = store.head(name)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    rows = store.history_frame(name, limit=page * per_page).iloc[(page - 1) * per_page:].reset_index(drop=True)
    return RevisionPage(rows, page, pages, total)


def _shorten(text: str, length: int = LABEL_LENGTH) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def revision_label(entry: RevisionInfo) -> str:
    """A revision in a few words: ``revision 3 (Anna, edit): renamed application 'A' to 'B'`` (plain text)."""
    who = entry.author.strip() or _("unknown")
    return _shorten(_("revision {revision} ({who}, {action}): {summary}", revision=entry.revision, who=who,
                      action=action_word(entry.action), summary=entry.summary), 2 * LABEL_LENGTH)


def undo_label(target: RevisionInfo | None) -> str:
    """The Undo button's label: what it would take back (``target`` from
    :meth:`~fora_model.workspace.store.Store.undo_target`), as plain text cut to :data:`LABEL_LENGTH`."""
    return _("Nothing to undo") if target is None else _shorten(
        _("Undo revision {revision}: {summary}", revision=target.revision, summary=target.summary))


def redo_label(target: RevisionInfo | None) -> str:
    """The Redo button's label: what it would apply again (``target`` from
    :meth:`~fora_model.workspace.store.Store.redo_target`), as plain text cut to :data:`LABEL_LENGTH`."""
    return _("Nothing to redo") if target is None else _shorten(
        _("Redo revision {revision}: {summary}", revision=target.revision, summary=target.summary))


def behind_message(shown: int | None, head: int | None) -> str | None:
    """Why undo, redo and restore cannot be used now: the session shows an older revision than the
    newest (they always work on the newest, and an edit based on an old one is refused). None when fine.

    >>> behind_message(3, 5)
    'You are looking at revision 3 and the newest is 5: load the latest revision to undo, redo or restore.'
    >>> behind_message(5, 5) is None
    True
    """
    if shown is None or head is None or shown == head:
        return None
    return _("You are looking at revision {shown} and the newest is {head}: load the latest revision to undo, "
             "redo or restore.", shown=shown, head=head)


def restore_problem(revision: int, shown: int | None, head: int | None, unchanged: bool = False) -> str | None:
    """Why revision ``revision`` cannot be restored now, or None when it can.

    Restoring makes a new revision on top of the newest, so the session must be on the newest
    (``shown == head``); the newest itself, or a revision with the same content as the newest
    (``unchanged``), would make a revision that changes nothing.

    >>> restore_problem(2, 5, 5) is None
    True
    >>> restore_problem(5, 5, 5)
    'Revision 5 is the newest revision: there is nothing to restore.'
    >>> restore_problem(2, 5, 5, unchanged=True)
    'Revision 2 has the same content as the newest revision: restoring it would change nothing.'
    """
    if head is None or not 1 <= revision <= head:
        return _("There is no revision {revision}: choose one from 1 to {head}.", revision=revision, head=head or 0)
    behind = behind_message(shown, head)
    if behind is not None:
        return behind
    if revision == head:
        return _("Revision {revision} is the newest revision: there is nothing to restore.", revision=revision)
    if unchanged:
        return _("Revision {revision} has the same content as the newest revision: restoring it would change "
                 "nothing.", revision=revision)
    return None


def clamp_revision(value: object, head: int, default: int) -> int:
    """``value`` as a revision number from 1 to ``head``; ``default`` (clamped too) when it is not a number.

    >>> clamp_revision(7, 5, 1), clamp_revision(0, 5, 1), clamp_revision(None, 5, 9)
    (5, 1, 5)
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        value = default
    return min(max(1, int(value)), max(1, head))


def picker_defaults(shown: int, head: int) -> dict[str, int]:
    """Where the page's revision pickers start when it first shows a model or the model moved on:
    comparing the newest revision with the one before it (``old``, ``new``), and offering to open or
    restore the shown revision when it is an older one, else the one before the newest (``pick``).

    >>> picker_defaults(5, 5), picker_defaults(2, 5), picker_defaults(1, 1)
    ({'old': 4, 'new': 5, 'pick': 4}, {'old': 4, 'new': 5, 'pick': 2}, {'old': 1, 'new': 1, 'pick': 1})
    """
    before = max(1, head - 1)
    return {"old": before, "new": max(1, head), "pick": shown if 1 <= shown < head else before}


@dataclass(frozen=True)
class DiffView:
    """The difference between two revisions as display tables.

    ``counts`` comes from :meth:`ModelDiff.counts`; ``model`` lists changes to the model's own
    name, documentation or properties (``details`` only); ``elements`` and ``relations`` have the
    columns :data:`ELEMENT_DIFF_COLUMNS` and :data:`RELATION_DIFF_COLUMNS`, in the order of
    :attr:`ModelDiff.summary` (added, removed, changed; then by kind and name).
    """

    counts: dict[str, int]
    model: pd.DataFrame
    elements: pd.DataFrame
    relations: pd.DataFrame

    @property
    def empty(self) -> bool:
        """True when the two revisions have the same content."""
        return not (len(self.model) or len(self.elements) or len(self.relations))

    def caption(self, backwards: bool = False) -> str:
        """The counts in words, e.g. ``1 element changed, 2 relations added`` (``no differences`` when
        empty); ``backwards`` tells the difference the other way round (added and removed swap)."""
        swap = {"added": "removed", "removed": "added"} if backwards else {}
        counts = {}
        for key, count in self.counts.items():
            concept, change = key.split(" ")
            counts[f"{concept} {swap.get(change, change)}"] = count
        parts = []
        for key in self.counts:  # always in the order added, removed, changed
            if counts[key]:
                parts.append(_COUNTED[key](counts[key]) if key in _COUNTED else f"{counts[key]:,} {key}")
        if len(self.model):
            parts.append(_("the model's own details changed"))
        return ", ".join(parts) or _("no differences")

    @staticmethod
    def count_label(key: str) -> str:
        """A key of :attr:`counts` (``elements added``) in the current language."""
        return _(_COUNT_LABELS[key]) if key in _COUNT_LABELS else key


def _kind_word(kind: str) -> str:
    try:
        return ElementKind(kind).term
    except ValueError:
        return kind.replace("_", " ")


def _relation_word(kind: str) -> str:
    try:
        return RelationKind(kind).term
    except ValueError:
        return kind.replace("_", " ")


def _change_word(change: str) -> str:
    return _(CHANGE_WORDS[change]) if change in CHANGE_WORDS else change


def diff_view(diff: ModelDiff, old: Model) -> DiffView:
    """``diff`` (from :meth:`Store.diff` or :func:`~fora_model.changes.diff.diff_models`, older revision
    first) as a :class:`DiffView`; ``old`` is the older model, which gives renamed elements their
    previous name."""
    summary = diff.summary
    header = summary[summary["concept"] == "model"][["details"]].reset_index(drop=True)
    element_rows = []
    relation_rows = []
    for row in summary.to_dict("records"):
        change, kind, identifier, name, details = (str(row[c]) for c in ("change", "kind", "id", "name", "details"))
        if row["concept"] == "element":
            before = old.elements.get(identifier)
            previous = before.name if change == "changed" and before is not None and before.name != name else ""
            element_rows.append((_change_word(change), _kind_word(kind), name, previous, details, identifier))
        elif row["concept"] == "relation":
            relation_rows.append((_change_word(change), _relation_word(kind), name, details, identifier))
    return DiffView(diff.counts(), header, pd.DataFrame(element_rows, columns=ELEMENT_DIFF_COLUMNS),
                    pd.DataFrame(relation_rows, columns=RELATION_DIFF_COLUMNS))


DIFF_CACHE_SIZE = 8
"""How many differences :func:`revision_diff` keeps in the process."""

_DIFFS: OrderedDict[tuple[str, ...], DiffView] = OrderedDict()
_DIFFS_LOCK = threading.Lock()


def revision_diff(store: Store, name: str, old: int, new: int) -> DiffView:
    """What changed from revision ``old`` to revision ``new`` of ``name``, as a :class:`DiffView`.

    Revisions never change, so a difference is worked out once per process and kept (the last
    :data:`DIFF_CACHE_SIZE`): on a board-size model a difference costs seconds, and the History
    page asks for the same one on every rerun. The key includes when both revisions were made,
    so a workspace created anew at the same place is never answered from the old one.
    """
    stamps = (store.revision(name, old).created_at, store.revision(name, new).created_at)
    key = (store.location, name, str(old), str(new), *stamps)
    with _DIFFS_LOCK:
        if key in _DIFFS:
            _DIFFS.move_to_end(key)
            return _DIFFS[key]
    view = diff_view(store.diff(name, old, new), store.open(name, old))
    with _DIFFS_LOCK:
        _DIFFS[key] = view
        while len(_DIFFS) > DIFF_CACHE_SIZE:
            _DIFFS.popitem(last=False)
    return view
