"""Helpers that build changes the way editor pages need them, and one-line summaries of changes.

:func:`set_links` turns a row of tick boxes into changes: *these* applications support this
activity, this application supports *these* activities, this activity sits under *these* processes.
:func:`mark_no_support` marks a selection of processes and activities, or whole subtrees of the
process tree, as needing no support in one list of changes (so one revision, undone at once).
:func:`describe` says in a line what a list of changes did, for the revision list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import ForaModelError
from ..i18n import _, n_
from ..model import Element, Model, Relation
from ..vocabulary import ElementKind, RelationKind
from .types import (
    AddElement,
    AddRelation,
    Change,
    RemoveElement,
    RemoveRelation,
    SetHeader,
    UpdateElement,
    UpdateRelation,
)

__all__ = ["describe", "mark_no_support", "no_support_summary", "no_support_targets", "set_links"]


def set_links(model: Model, kind: RelationKind | str, *, source: str | None = None, target: str | None = None,
              others: Iterable[str], among: Iterable[ElementKind | str] | None = None,
              **attributes: Any) -> list[Change]:
    """The changes that make the ``kind`` relations of one element link it to exactly ``others``.

    Parameters
    ----------
    model
        The model the editor shows (the revision the edit will be based on).
    kind
        The relation kind, e.g. ``"supports"``, ``"composed_of"``, ``"accesses"``.
    source, target
        Exactly one: the element whose outgoing (``source``) or incoming (``target``) relations
        of ``kind`` are set.
    others
        The ids at the other end that should be linked, e.g. the ticked applications.
    among
        Element kinds the choice was made among (default: any): relations whose other end is of
        another kind are left alone, so ticking applications does not unlink system types.
    attributes
        Attributes for relations that have to be added (``access="write"``); relations that are
        kept keep theirs.

    Returns
    -------
    list of Change
        ``RemoveRelation`` for every such relation whose other end is not wanted, then
        ``AddRelation`` for every wanted end not linked yet, in the order of ``others``; empty
        when nothing changes. Store them with :meth:`fora_model.workspace.store.Store.edit`.

    Examples
    --------
    Re-parenting an activity is ``set_links(model, "composed_of", target=activity_id,
    others=[new_parent_id])``; the applications supporting an activity are
    ``set_links(model, "supports", target=activity_id, others=ticked_ids, among=["application"])``.
    """
    if (source is None) == (target is None):
        raise ValueError("give exactly one of source and target")
    relation_kind = RelationKind(kind)
    kinds = None if among is None else {ElementKind(k) for k in among}
    wanted = list(dict.fromkeys(others))
    linked: dict[str, Relation] = {}
    changes: list[Change] = []
    for relation in model.relations_of(relation_kind):
        if (relation.source if source is not None else relation.target) != (source or target):
            continue
        other = relation.target if source is not None else relation.source
        if kinds is not None and (other not in model.elements or model.elements[other].kind not in kinds):
            continue
        if other in wanted and other not in linked:
            linked[other] = relation
        elif other not in wanted:
            changes.append(RemoveRelation(relation.id))
    for other in wanted:
        if other not in linked:
            ends = (source, other) if source is not None else (other, target)
            changes.append(AddRelation(Relation.new(relation_kind, str(ends[0]), str(ends[1]), **attributes)))
    return changes


_BEHAVIOURS = (ElementKind.PROCESS, ElementKind.ACTIVITY)


def no_support_targets(model: Model, ids: Iterable[str], *, subtree: bool = False) -> list[str]:
    """The processes and activities a "needs no support" action covers, in model order.

    ``ids`` are the chosen elements; with ``subtree`` every element below each of them in the
    process tree (over ``composed_of``, loops included, each element once) is covered too, and
    elements below that are not processes or activities are left alone.

    Raises
    ------
    ForaModelError
        A chosen id is not in the model, or names an element that is neither a process nor an
        activity (only those carry ``needs_support``); the message names it.
    """
    chosen = list(dict.fromkeys(ids))
    for identifier in chosen:
        element = model.elements.get(identifier)
        if element is None:
            raise ForaModelError(f"there is no element {identifier!r} in the model — check the id "
                                 "(the Elements page and `fora-model report structure` show them)")
        if element.kind not in _BEHAVIOURS:
            raise ForaModelError(f"{element.label!r} ({identifier}) is {element.kind.a_label}; only processes and "
                                 "activities can be marked as needing no support — choose those instead")
    covered = set(chosen)
    if subtree:
        children: dict[str, list[str]] = {}
        for relation in model.relations_of(RelationKind.COMPOSED_OF):
            children.setdefault(relation.source, []).append(relation.target)
        frontier = list(chosen)
        while frontier:
            for child in children.get(frontier.pop(), []):
                if child not in covered:
                    covered.add(child)
                    frontier.append(child)
    return [e.id for e in model.elements.values() if e.id in covered and e.kind in _BEHAVIOURS]


def mark_no_support(model: Model, ids: Iterable[str], *, subtree: bool = False) -> list[Change]:
    """The changes that set ``needs_support: false`` on the chosen processes and activities (and,
    with ``subtree``, on everything below them in the process tree).

    Every covered element (:func:`no_support_targets`) gets its own ``needs_support: false``, so an
    activity that sits under a second process, or that said ``true`` itself, is an expected gap
    too. Elements that already say ``false`` are left alone; the result is empty when nothing
    changes. Store the list as one edit (:meth:`fora_model.workspace.store.Store.edit`): one
    revision, and undoing it restores every element at once.

    >>> from fora_model.model import Element, Model, Relation
    >>> m = Model(name="Tiny")
    >>> for e in (Element.new("process", "Besturen", id="p"), Element.new("activity", "Vergaderen", id="a")):
    ...     _ = m.add_element(e)
    >>> _ = m.add_relation(Relation.new("composed_of", "p", "a", id="r"))
    >>> [(c.element.id, c.element.attributes["needs_support"]) for c in mark_no_support(m, ["p"], subtree=True)]
    [('p', False), ('a', False)]
    >>> [c.element.id for c in mark_no_support(m, ["p"])]
    ['p']
    """
    changes: list[Change] = []
    for identifier in no_support_targets(model, ids, subtree=subtree):
        element = model.elements[identifier]
        if element.attributes.get("needs_support") is not False:
            changes.append(UpdateElement(element.with_attributes(needs_support=False)))
    return changes


def no_support_summary(model: Model, ids: Sequence[str], count: int, *, subtree: bool = False) -> str:
    """The revision summary of a "needs no support" action that changed ``count`` elements.

    >>> from fora_model.model import Element, Model
    >>> m = Model(name="Tiny")
    >>> _ = m.add_element(Element.new("process", "Besturen", id="p"))
    >>> no_support_summary(m, ["p"], 3, subtree=True)
    "marked 3 elements as needing no support: 'Besturen' and everything below it"
    """
    names = [_label(i, model) for i in ids[:3]] + ([_("{count} more", count=len(ids) - 3)] if len(ids) > 3 else [])
    listed = ", ".join(names)
    if not subtree:
        return n_("marked {n} element as needing no support: {names}",
                  "marked {n} elements as needing no support: {names}", count, names=listed)
    if len(ids) == 1:
        return n_("marked {n} element as needing no support: {names} and everything below it",
                  "marked {n} elements as needing no support: {names} and everything below it", count, names=listed)
    return n_("marked {n} element as needing no support: {names} and everything below them",
              "marked {n} elements as needing no support: {names} and everything below them", count, names=listed)


def describe(changes: Sequence[Change], model: Model | None = None, *, limit: int = 3) -> str:
    """A short summary of ``changes`` for a revision list: ``"added activity 'Record grades'"``.

    ``model`` (the model after the changes, or before) names the ends of relations; without it
    relations are named by their ends' ids. At most ``limit`` changes are spelt out.
    """
    if not changes:
        return _("no changes")
    words = [_describe_one(c, model) for c in changes[:limit]]
    more = len(changes) - limit
    return "; ".join(words) + (n_(" (and {n} more change)", " (and {n} more changes)", more) if more > 0 else "")


def _label(identifier: str, model: Model | None, fallback: Element | None = None) -> str:
    if model is not None and identifier in model.elements:
        return repr(model.elements[identifier].label)
    if fallback is not None:
        return repr(fallback.label)
    return repr(identifier)


def _relation_words(relation: Relation, model: Model | None) -> str:
    return f"{_label(relation.source, model)} {relation.kind.term} {_label(relation.target, model)}"


def _describe_one(change: Change, model: Model | None) -> str:
    match change:
        case AddElement(element=e, relations=rels):
            if rels:
                return n_("added {kind} {name} with {n} relation", "added {kind} {name} with {n} relations", len(rels),
                          kind=e.kind.term, name=repr(e.label))
            return _("added {kind} {name}", kind=e.kind.term, name=repr(e.label))
        case UpdateElement(element=e, before=before):
            if before is not None and before.name != e.name:
                return _("renamed {kind} {old} to {name}", kind=e.kind.term, old=repr(before.label), name=repr(e.label))
            return _("changed {kind} {name}", kind=e.kind.term, name=repr(e.label))
        case RemoveElement(id=identifier, element=e, relations=rels):
            what = (_("{kind} {name}", kind=e.kind.term, name=repr(e.label)) if e is not None
                    else _("element {id}", id=repr(identifier)))
            if rels:
                return n_("deleted {what} and {n} relation", "deleted {what} and {n} relations", len(rels), what=what)
            return _("deleted {what}", what=what)
        case AddRelation(relation=r):
            return _("linked {relation}", relation=_relation_words(r, model))
        case UpdateRelation(relation=r):
            return _("changed link {relation}", relation=_relation_words(r, model))
        case RemoveRelation(id=identifier, relation=r):
            if r is not None:
                return _("unlinked {relation}", relation=_relation_words(r, model))
            return _("deleted relation {id}", id=repr(identifier))
        case SetHeader(values=values):
            return _("changed the model's {fields}", fields=", ".join(sorted(values)))
    raise TypeError(f"not a change: {change!r}")  # pragma: no cover
