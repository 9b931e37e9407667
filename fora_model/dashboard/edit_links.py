"""The link editor as pure functions: which tick lists an element has, what is ticked now, the
changes a new set of ticks asks for, what information a flow carries, and what goes with a delete.

A *tick list* (:class:`TickList`) is one relation kind seen from one element: the applications
that support this activity, the activities this application supports, the information it writes.
:func:`ticked` reads the current ticks; :func:`tick_changes` gives the changes that make the model
match a new set (built on :func:`fora_model.changes.editing.set_links`). Reading and writing information
are two lists over the same ``accesses`` relations: ticking both makes one ``readwrite`` access.

Examples
--------
>>> from fora_model import Element, Model, Relation
>>> m = Model()
>>> for kind, name in [("activity", "Record grades"), ("application", "Magister"),
...                    ("application", "Somtoday"), ("information", "Grades")]:
...     _ = m.add_element(Element.new(kind, name, id=name))
>>> _ = m.add_relation(Relation.new("supports", "Magister", "Record grades", id="s1"))
>>> supported_by = tick_list("activity", "supported_by_applications")
>>> ticked(m, "Record grades", supported_by)
['Magister']
>>> [type(c).__name__ for c in tick_changes(m, "Record grades", supported_by, ["Magister", "Somtoday"])]
['AddRelation']
>>> writes = tick_list("application", "writes")
>>> change, = tick_changes(m, "Magister", writes, ["Grades"])
>>> change.relation.attributes["access"]
'write'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from ..changes.editing import set_links
from ..changes.types import AddRelation, Change, RemoveElement, RemoveRelation, UpdateRelation
from ..i18n import N_, _
from ..model import Model, Relation
from ..vocabulary import AccessType, ElementKind, RelationKind
from .common import element_label

__all__ = [
    "FLOW_COLUMNS",
    "PREVIEW_COLUMNS",
    "TickList",
    "carries_changes",
    "delete_changes",
    "delete_preview",
    "flow_choices",
    "flow_frame",
    "option_label",
    "tick_changes",
    "tick_list",
    "tick_lists",
    "tick_options",
    "ticked",
]

K = ElementKind
R = RelationKind


@dataclass(frozen=True)
class TickList:
    """One relation kind seen from one element.

    ``direction`` is ``source`` when the element is the relation's source (an application
    *supports* activities), ``target`` when it is the target (an activity *is supported by*
    applications). ``among`` are the kinds offered at the other end. ``access`` is ``read`` or
    ``write`` for the two halves of ``accesses`` and empty otherwise.
    """

    key: str
    label: str
    """The list's label in English (marked for the catalogue: show it through :func:`fora_model.i18n._`)."""
    relation: RelationKind
    direction: str
    among: tuple[ElementKind, ...]
    access: str = ""
    help: str = ""


_SUPPORTED = (K.ACTIVITY, K.PROCESS)
_READS = TickList("reads", N_("Reads information"), R.ACCESSES, "source", (K.INFORMATION,), "read",
                  N_("The information it reads. Ticked in both lists means it reads and writes it."))
_WRITES = TickList("writes", N_("Writes information"), R.ACCESSES, "source", (K.INFORMATION,), "write",
                   N_("The information it creates or changes (double entry shows up when two applications "
                      "write the same information without a flow between them)."))

_LISTS: dict[ElementKind, tuple[TickList, ...]] = {
    K.ACTIVITY: (
        TickList("supported_by_applications", N_("Supported by applications"), R.SUPPORTS, "target", (K.APPLICATION,)),
        TickList("supported_by_system_types", N_("Supported by system types"), R.SUPPORTS, "target", (K.SYSTEM_TYPE,)),
        TickList("supported_by_functions", N_("Supported by application functions"), R.SUPPORTS, "target",
                 (K.APPLICATION_FUNCTION,)),
        _READS, _WRITES,
        TickList("goals", N_("Contributes to goals"), R.CONTRIBUTES_TO, "source", (K.GOAL,)),
        TickList("parents", N_("Part of processes"), R.COMPOSED_OF, "target", (K.PROCESS,)),
    ),
    K.APPLICATION: (
        TickList("supports", N_("Supports activities and processes"), R.SUPPORTS, "source", _SUPPORTED,
                 help=N_("The work this application supports directly.")),
        TickList("realizes", N_("Realizes system types"), R.REALIZES, "source", (K.SYSTEM_TYPE,),
                 help=N_("The system types it is an instance of; it then supports what they support.")),
        TickList("functions", N_("Has application functions"), R.ASSIGNED_TO, "source", (K.APPLICATION_FUNCTION,)),
        _READS, _WRITES,
        TickList("sends_to", N_("Sends data to"), R.FLOWS_TO, "source", (K.APPLICATION,)),
        TickList("receives_from", N_("Receives data from"), R.FLOWS_TO, "target", (K.APPLICATION,)),
    ),
    K.SYSTEM_TYPE: (
        TickList("supports", N_("Supports activities and processes"), R.SUPPORTS, "source", _SUPPORTED),
        TickList("functions", N_("Has application functions"), R.ASSIGNED_TO, "source", (K.APPLICATION_FUNCTION,)),
        TickList("realized_by", N_("Realized by applications"), R.REALIZES, "target", (K.APPLICATION,)),
    ),
    K.APPLICATION_FUNCTION: (
        TickList("supports", N_("Supports activities and processes"), R.SUPPORTS, "source", _SUPPORTED),
        TickList("assigned_from", N_("Part of applications and system types"), R.ASSIGNED_TO, "target",
                 (K.APPLICATION, K.SYSTEM_TYPE)),
        _READS, _WRITES,
    ),
    K.GOAL: (
        TickList("contributors", N_("Processes and activities that contribute"), R.CONTRIBUTES_TO, "target",
                 _SUPPORTED),
    ),
    K.INFORMATION: (),
}
_LISTS[K.PROCESS] = (
    *(t for t in _LISTS[K.ACTIVITY]),
    TickList("children", N_("Made of processes and activities"), R.COMPOSED_OF, "source", _SUPPORTED),
)


def tick_lists(kind: ElementKind | str) -> tuple[TickList, ...]:
    """The tick lists the link editor shows for an element of ``kind`` (none for information:
    link it from the activities and applications that use it)."""
    return _LISTS.get(ElementKind(kind), ())


def tick_list(kind: ElementKind | str, key: str) -> TickList:
    """The tick list ``key`` of ``kind``; ``KeyError`` names the lists there are."""
    for tick in tick_lists(kind):
        if tick.key == key:
            return tick
    raise KeyError(f"{ElementKind(kind).label} has no tick list {key!r}; "
                   f"it has {', '.join(t.key for t in tick_lists(kind)) or 'none'}")


def option_label(model: Model, identifier: str) -> str:
    """The plain-text picker label of an element (``name (kind)``), or the id when it is gone.

    Pickers call it once per option on every run, so it only looks the element up.
    """
    element = model.elements.get(identifier)
    return element_label(element) if element is not None else identifier


def tick_options(model: Model, element_id: str, tick: TickList) -> list[str]:
    """The ids a tick list offers: elements of its kinds, sorted by name (never the element itself)."""
    wanted = set(tick.among)
    chosen = [e for e in model.elements.values() if e.kind in wanted and e.id != element_id]
    chosen.sort(key=lambda e: (e.label.casefold(), e.kind.value, e.id))
    return [e.id for e in chosen]


def _mine(model: Model, element_id: str, tick: TickList) -> list[tuple[str, Relation]]:
    """(other end, relation) of the element's relations that the tick list is about, in model order."""
    found: list[tuple[str, Relation]] = []
    for relation in model.relations_touching(element_id):
        if relation.kind is not tick.relation:
            continue
        mine, other = ((relation.source, relation.target) if tick.direction == "source"
                       else (relation.target, relation.source))
        if mine != element_id or other not in model.elements or model.elements[other].kind not in tick.among:
            continue
        found.append((other, relation))
    return found


def _mode(relation: Relation) -> tuple[bool, bool]:
    """(reads, writes) of an access relation; an unspecified ``access`` counts as reading."""
    access = AccessType(relation.attributes.get("access", "access"))
    return access is not AccessType.WRITE, access.writes


def ticked(model: Model, element_id: str, tick: TickList) -> list[str]:
    """The ids ticked now in ``tick`` for ``element_id``, each once, in model order."""
    found = _mine(model, element_id, tick)
    if tick.access:
        index = 0 if tick.access == "read" else 1
        found = [(other, r) for other, r in found if _mode(r)[index]]
    return list(dict.fromkeys(other for other, _ in found))


def _access_value(reads: bool, writes: bool) -> str:
    return "readwrite" if reads and writes else ("write" if writes else "read")


def tick_changes(model: Model, element_id: str, tick: TickList, others: Iterable[str]) -> list[Change]:
    """The changes that make ``tick`` of ``element_id`` exactly ``others`` (empty when nothing changes).

    For the two access lists, an information that stays used in the other list keeps its relation
    with its access updated (``readwrite`` when both are ticked); one ticked in neither loses it.
    """
    wanted = list(dict.fromkeys(others))
    if not tick.access:
        end = {"source": element_id} if tick.direction == "source" else {"target": element_id}
        return set_links(model, tick.relation, others=wanted, among=tick.among, **end)
    index = 0 if tick.access == "read" else 1
    current = ticked(model, element_id, tick)
    by_info: dict[str, list[Relation]] = {}
    for other, relation in _mine(model, element_id, tick):
        by_info.setdefault(other, []).append(relation)
    changes: list[Change] = []
    for info in dict.fromkeys([*current, *wanted]):
        if (info in current) == (info in wanted):
            continue
        relations = by_info.get(info, [])
        modes = [_mode(r) for r in relations]
        reads = any(m[0] for m in modes)
        writes = any(m[1] for m in modes)
        if index == 0:
            reads = info in wanted
        else:
            writes = info in wanted
        if not relations:
            changes.append(AddRelation(Relation.new(R.ACCESSES, element_id, info, access=_access_value(reads, writes))))
            continue
        if not reads and not writes:
            changes.extend(RemoveRelation(r.id) for r in relations)
            continue
        first, extra = relations[0], relations[1:]
        attributes = {**first.attributes, "access": _access_value(reads, writes)}
        changes.append(UpdateRelation(first.replace(attributes=attributes)))
        changes.extend(RemoveRelation(r.id) for r in extra)
    return changes


def flow_choices(model: Model, application_id: str) -> list[str]:
    """Ids of the ``flows_to`` relations from or to an application, in model order."""
    return [r.id for r in model.relations_touching(application_id)
            if r.kind is R.FLOWS_TO and application_id in (r.source, r.target)]


FLOW_COLUMNS = ["flow_id", "from", "to", "carries"]
"""Columns of :func:`flow_frame`."""


def flow_frame(model: Model, application_id: str) -> pd.DataFrame:
    """The flows from and to an application: their ends and what they carry, by name
    (``"everything"`` when a flow names no information).

    >>> from fora_model import Element, Model, Relation
    >>> m = Model()
    >>> for kind, name in [("application", "Zermelo"), ("application", "Magister"), ("information", "Timetable")]:
    ...     _ = m.add_element(Element.new(kind, name, id=name))
    >>> _ = m.add_relation(Relation.new("flows_to", "Zermelo", "Magister", id="f", carries=["Timetable"]))
    >>> flow_frame(m, "Magister").values.tolist()
    [['f', 'Zermelo', 'Magister', 'Timetable']]
    """
    def name(identifier: str) -> str:
        element = model.elements.get(identifier)
        return element.label if element is not None else identifier

    rows = []
    for flow_id in flow_choices(model, application_id):
        flow = model.relation(flow_id)
        carried = flow.attributes.get("carries") or ()
        rows.append((flow_id, name(flow.source), name(flow.target),
                     ", ".join(name(i) for i in carried) if carried else _("everything")))
    return pd.DataFrame(rows, columns=FLOW_COLUMNS)


def carries_changes(model: Model, flow_id: str, information: Sequence[str]) -> list[Change]:
    """The change that makes flow ``flow_id`` carry exactly ``information`` (none: everything)."""
    flow = model.relation(flow_id)
    carried = tuple(dict.fromkeys(information))
    if tuple(flow.attributes.get("carries") or ()) == carried:
        return []
    attributes = {k: v for k, v in flow.attributes.items() if k != "carries"}
    if carried:
        attributes["carries"] = carried
    return [UpdateRelation(dataclasses.replace(flow, attributes=attributes))]


PREVIEW_COLUMNS = ["element", "kind", "relation", "from", "to"]
"""Columns of :func:`delete_preview`."""


def delete_preview(model: Model, ids: Iterable[str]) -> pd.DataFrame:
    """What deleting the elements ``ids`` takes with it: one row per relation that goes (an element
    without relations gets one row with an empty ``relation``), ends named by label.

    >>> from fora_model import Element, Model, Relation
    >>> m = Model()
    >>> _ = m.add_element(Element.new("activity", "Record grades", id="a"))
    >>> _ = m.add_element(Element.new("application", "Magister", id="m"))
    >>> _ = m.add_relation(Relation.new("supports", "m", "a"))
    >>> delete_preview(m, ["m"]).values.tolist()
    [['Magister', 'application', 'supports', 'Magister', 'Record grades']]
    """
    def name(identifier: str) -> str:
        element = model.elements.get(identifier)
        return element.label if element is not None else identifier

    rows: list[tuple[str, str, str, str, str]] = []
    seen: set[str] = set()
    for identifier in dict.fromkeys(ids):
        element = model.elements.get(identifier)
        if element is None:
            continue
        doomed = [r for r in model.relations_touching(identifier) if r.id not in seen]
        seen.update(r.id for r in doomed)
        if not doomed:
            rows.append((element.label, element.kind.term, "", "", ""))
        rows.extend((element.label, element.kind.term, r.kind.term, name(r.source), name(r.target))
                    for r in doomed)
    return pd.DataFrame(rows, columns=PREVIEW_COLUMNS)


def delete_changes(model: Model, ids: Iterable[str]) -> list[Change]:
    """One :class:`~fora_model.changes.types.RemoveElement` per element of ``ids`` still in the model;
    each takes its relations with it when stored."""
    return [RemoveElement(i) for i in dict.fromkeys(ids) if i in model.elements]
