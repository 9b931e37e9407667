"""The process map of the editor: goals → processes → activities as indented rows, and the
changes the map makes (add under a parent, re-parent, link to goals, needs support).

The tree follows ``composed_of``: top-level processes (and elements without a parent) first, each
followed by what it is made of, depth by depth. An element under several processes is shown under
each of them. Goals are a column (``contributes_to``, the element's own), and a goal or process
filter keeps the map short on large models.

Examples
--------
>>> from fora_model import Element, Model, Relation
>>> m = Model()
>>> _ = m.add_element(Element.new("process", "Teaching", id="p"))
>>> _ = m.add_element(Element.new("activity", "Record grades", id="a"))
>>> _ = m.add_relation(Relation.new("composed_of", "p", "a"))
>>> tree_rows(m)[["tree", "depth", "parent"]].values.tolist()
[['Teaching', 0, ''], ['    Record grades', 1, 'Teaching']]
>>> change, = add_under(m, "p", "activity", "Plan lessons")
>>> change.element.name, change.relations[0][0].source
('Plan lessons', 'p')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from ..changes.editing import set_links
from ..changes.types import AddElement, Change, UpdateElement
from ..errors import EditRejected, Finding, Reason, Severity
from ..i18n import _
from ..model import Element, Model, Relation
from ..vocabulary import ElementKind, RelationKind
from .common import status_label
from .edit_elements import effective_needs

__all__ = [
    "INDENT",
    "TREE_COLUMNS",
    "add_under",
    "descendants",
    "goal_changes",
    "goals_of",
    "needs_support_change",
    "parent_options",
    "parents_of",
    "rename",
    "reparent",
    "tree_rows",
]

INDENT = "    "
"""What each level of depth puts in front of a name in the ``tree`` column."""

TREE_COLUMNS = ["element_id", "tree", "depth", "kind", "parent", "goals", "needs_support", "status", "supporters"]
"""Columns of :func:`tree_rows`."""

_TREE_KINDS = (ElementKind.PROCESS, ElementKind.ACTIVITY)



def _children(model: Model) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """``composed_of`` children and parents by id (processes and activities only), in model order."""
    children: dict[str, list[str]] = {}
    parents: dict[str, list[str]] = {}
    for relation in model.relations_of(RelationKind.COMPOSED_OF):
        if relation.source in model.elements and relation.target in model.elements:
            children.setdefault(relation.source, []).append(relation.target)
            parents.setdefault(relation.target, []).append(relation.source)
    return children, parents


def descendants(model: Model, element_id: str) -> set[str]:
    """Every element below ``element_id`` over ``composed_of`` (not itself unless a loop leads back)."""
    children, _ = _children(model)
    found: set[str] = set()
    frontier = list(children.get(element_id, []))
    while frontier:
        current = frontier.pop()
        if current not in found:
            found.add(current)
            frontier.extend(children.get(current, []))
    return found


def tree_rows(model: Model, status: pd.DataFrame | None = None, *, goals: Iterable[str] = (),
              processes: Iterable[str] = ()) -> pd.DataFrame:
    """The map as rows (:data:`TREE_COLUMNS`): depth-first from the top-level processes.

    Parameters
    ----------
    model
        The model shown.
    status
        :func:`fora_model.dashboard.overview.element_status` of the model (``element_id``, ``status``,
        ``supporters``); without it those columns are empty.
    goals, processes
        Keep only the subtrees of these processes and of the processes and activities that
        contribute to these goals (nothing chosen: the whole map).

    ``tree`` is the label indented by :data:`INDENT` per level; ``parent`` names the row's parent in
    this tree ("" at the top); ``goals`` lists the goals the element itself contributes to;
    ``needs_support`` is the effective setting (its own, else inherited from the processes above);
    ``status`` and ``supporters`` are empty for a process that is not a report row (no support of its own).
    """
    children, parents = _children(model)
    goal_names: dict[str, list[str]] = {}
    for relation in model.relations_of(RelationKind.CONTRIBUTES_TO):
        goal = model.elements.get(relation.target)
        if goal is not None:
            goal_names.setdefault(relation.source, []).append(goal.label)
    kept = [e.id for e in model.elements.values() if e.kind in _TREE_KINDS]
    chosen_goals, chosen_processes = set(goals), list(processes)
    if chosen_goals or chosen_processes:
        starts = [*chosen_processes]
        starts += [r.source for r in model.relations_of(RelationKind.CONTRIBUTES_TO) if r.target in chosen_goals]
        roots = [i for i in dict.fromkeys(starts) if i in model.elements and model.elements[i].kind in _TREE_KINDS]
    else:
        in_tree = set(kept)
        roots = [i for i in kept if not any(p in in_tree for p in parents.get(i, []))]
    needs = effective_needs(model, kept)
    state: dict[str, tuple[str, int | None]] = {} if status is None else {
        i: (str(s), int(n)) for i, s, n in zip(status["element_id"], status["status"], status["supporters"],
                                               strict=True)}
    rows: list[tuple[object, ...]] = []
    on_path: set[str] = set()

    def visit(identifier: str, depth: int, parent: str) -> None:
        element = model.elements[identifier]
        if element.kind not in _TREE_KINDS or identifier in on_path:
            return
        found = state.get(identifier, ("", None))
        rows.append((
            identifier, INDENT * depth + element.label, depth, element.kind.term,
            model.elements[parent].label if parent else "", ", ".join(goal_names.get(identifier, [])),
            needs.get(identifier, True),
            status_label(found[0]),
            found[1],
        ))
        on_path.add(identifier)
        for child in children.get(identifier, []):
            visit(child, depth + 1, identifier)
        on_path.discard(identifier)

    for root in roots:
        visit(root, 0, "")
    if not (chosen_goals or chosen_processes):  # elements caught in a composition loop have no root
        shown = set(r[0] for r in rows)
        for identifier in kept:
            if identifier not in shown:
                visit(identifier, 0, "")
                shown.update(r[0] for r in rows)
    frame = pd.DataFrame(rows, columns=TREE_COLUMNS)
    frame["needs_support"] = frame["needs_support"].astype(bool)
    frame["supporters"] = frame["supporters"].astype("Int64")
    return frame


def parent_options(model: Model, element_id: str) -> list[str]:
    """The processes ``element_id`` may be moved under: every process but itself and those below
    it (moving under one of those would make a loop), sorted by name."""
    below = descendants(model, element_id)
    chosen = [e for e in model.elements_of(ElementKind.PROCESS) if e.id != element_id and e.id not in below]
    chosen.sort(key=lambda e: (e.label.casefold(), e.id))
    return [e.id for e in chosen]


def parents_of(model: Model, element_id: str) -> list[str]:
    """The processes ``element_id`` sits under (``composed_of``), in model order."""
    return [r.source for r in model.relations_touching(element_id)
            if r.kind is RelationKind.COMPOSED_OF and r.target == element_id and r.source in model.elements]


def goals_of(model: Model, element_id: str) -> list[str]:
    """The goals ``element_id`` itself contributes to, in model order."""
    return [r.target for r in model.relations_touching(element_id)
            if r.kind is RelationKind.CONTRIBUTES_TO and r.source == element_id and r.target in model.elements]


def rename(model: Model, element_id: str, name: str) -> list[Change]:
    """The change that renames ``element_id`` (spaces tidied); refused with a message when empty.

    >>> from fora_model import Element, Model
    >>> m = Model()
    >>> _ = m.add_element(Element.new("activity", "Grades", id="a"))
    >>> rename(m, "a", "  Record   grades ")[0].element.name
    'Record grades'
    >>> rename(m, "a", "Grades")
    []
    """
    element = model.element(element_id)
    text = " ".join(str(name).split())
    if not text:
        raise EditRejected([Finding(Severity.ERROR, Reason.MISSING_FIELD, element_id,
                                    _("{a_kind} needs a name", a_kind=element.kind.a_term), _("type one"))])
    return [] if text == element.name else [UpdateElement(element.replace(name=text))]


def reparent(model: Model, element_id: str, parent: str | None) -> list[Change]:
    """The changes that put ``element_id`` under ``parent`` only (``None``: at the top level)."""
    return set_links(model, RelationKind.COMPOSED_OF, target=element_id, others=[parent] if parent else [],
                     among=[ElementKind.PROCESS])


def goal_changes(model: Model, element_id: str, goals: Sequence[str]) -> list[Change]:
    """The changes that make ``element_id`` contribute to exactly ``goals``."""
    return set_links(model, RelationKind.CONTRIBUTES_TO, source=element_id, others=goals,
                     among=[ElementKind.GOAL])


def needs_support_change(model: Model, element_id: str, needs: bool | None) -> list[Change]:
    """The change that sets the element's own ``needs_support`` (``None``: inherit again)."""
    element = model.element(element_id)
    if element.attributes.get("needs_support") == needs:
        return []
    return [UpdateElement(element.with_attributes(needs_support=needs))]


def add_under(model: Model, parent: str | None, kind: ElementKind | str, name: str) -> list[Change]:
    """The change that adds a new process or activity named ``name`` under ``parent`` (``None``:
    at the top level) in one step.

    Raises :class:`~fora_model.errors.EditRejected` when the name is empty, the kind is not a
    process or activity, or the parent is not a process of the model.
    """
    element_kind = ElementKind(kind)
    text = " ".join(str(name).split())
    problem = ""
    if element_kind not in _TREE_KINDS:
        problem = _("the map adds processes and activities, not {a_kind}", a_kind=element_kind.a_term)
    elif not text:
        problem = (_("a new process needs a name; type one first") if element_kind is ElementKind.PROCESS
                   else _("a new activity needs a name; type one first"))
    elif parent is not None and (parent not in model.elements or model.elements[parent].kind is not
                                 ElementKind.PROCESS):
        problem = _("the parent must be a process of this model; pick one in the list")
    if problem:
        raise EditRejected([Finding(Severity.ERROR, Reason.BAD_VALUE, parent or "", problem, "")])
    element = Element.new(element_kind, text)
    relations = ((Relation.new(RelationKind.COMPOSED_OF, parent, element.id), None),) if parent else ()
    return [AddElement(element, relations=relations)]
