"""Making a refused edit again on a newer revision: a three-way merge of changes, field by field.

A stale tab's edit is refused when the model moved on (see
:class:`~fora_model.workspace.ConflictError`). The edit's changes were built on the revision the
tab showed (the *base*); :func:`rebase_changes` makes the same changes on the newest revision
(*theirs*): an element or relation update keeps whatever the newer revisions changed and sets only
the fields the user changed; a link already made there, or a deletion already done, is left out.
It refuses, naming the element and the field, only where the newer revisions changed the same
field to something else (or changed what the user deletes, or deleted what the user changes). An
element's place in the map (the process it is under) counts as one field: moving it is refused when
it was moved meanwhile; tick lists are merged tick by tick.

Examples
--------
>>> from fora_model import Element, Model
>>> from fora_model.changes import UpdateElement, apply_changes
>>> base = Model(name="Tiny")
>>> _ = base.add_element(Element.new("application", "Magister", id="mag", annual_cost=100))
>>> theirs = apply_changes(base, [UpdateElement(base.element("mag").replace(name="Magister 6"))]).model
>>> mine = [UpdateElement(base.element("mag").replace(attributes={"annual_cost": 250}))]
>>> rebased = rebase_changes(base, theirs, mine)
>>> rebased.ok, rebased.changes[0].element.name, rebased.changes[0].element.attributes["annual_cost"]
(True, 'Magister 6', 250.0)
>>> rebase_changes(base, theirs, [UpdateElement(base.element("mag").replace(name="Magister 7"))]).clashes
["Magister: its name was changed to 'Magister 6' meanwhile (yours: 'Magister 7')."]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..changes import (
    AddElement,
    AddRelation,
    Change,
    RemoveElement,
    RemoveRelation,
    SetHeader,
    UpdateElement,
    UpdateRelation,
    apply_changes,
)
from ..errors import EditRejected
from ..i18n import _
from ..model import Element, Model, Relation

__all__ = ["Rebased", "rebase_changes"]

_MISSING = object()


@dataclass(frozen=True)
class Rebased:
    """The changes to store on the newest revision, or ``clashes`` (one sentence each) when the
    newer revisions changed the same thing; store the changes only when :attr:`ok`."""

    changes: list[Change] = field(default_factory=list)
    clashes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing clashes (the changes may be empty: the newest revision has them all)."""
        return not self.clashes


def _fields(concept: Element | Relation) -> dict[Any, Any]:
    """A concept's values by field, each attribute a field of its own (``("attributes", key)``)."""
    values: dict[Any, Any] = {f.name: getattr(concept, f.name) for f in dataclasses.fields(concept)
                              if f.name not in ("id", "attributes")}
    values.update({("attributes", k): v for k, v in concept.attributes.items()})
    return values


def _delta(before: Element | Relation, after: Element | Relation) -> dict[Any, Any]:
    """The fields ``after`` changes (an attribute taken out is :data:`_MISSING`)."""
    old, new = _fields(before), _fields(after)
    return {k: new.get(k, _MISSING) for k in old.keys() | new.keys() if old.get(k, _MISSING) != new.get(k, _MISSING)}


def _field_name(key: Any) -> str:
    return key[1] if isinstance(key, tuple) else str(key)


def _shown(value: Any) -> str:
    return _("(empty)") if value is _MISSING else repr(value)


def _with(concept: Any, delta: dict[Any, Any]) -> Any:
    """``concept`` with the fields of ``delta`` set."""
    plain = {k: v for k, v in delta.items() if not isinstance(k, tuple)}
    attributes = dict(concept.attributes)
    for key, value in delta.items():
        if isinstance(key, tuple):
            if value is _MISSING:
                attributes.pop(key[1], None)
            else:
                attributes[key[1]] = value
    return dataclasses.replace(concept, **plain, attributes=attributes)


class _Rebase:
    """One rebase: ``base`` (what the user saw), ``theirs`` (the newest revision) and ``onto``
    (the newest revision with the user's changes rebased so far)."""

    def __init__(self, base: Model, theirs: Model) -> None:
        self.base, self.theirs, self.onto = base, theirs, theirs
        self.changes: list[Change] = []
        self.clashes: list[str] = []

    def label(self, identifier: str) -> str:
        for model in (self.onto, self.base):
            if identifier in model.elements:
                return model.elements[identifier].label
        return identifier

    def relation_label(self, relation: Relation) -> str:
        return _("the link {source} {relation} {target}", source=self.label(relation.source),
                 relation=relation.kind.term, target=self.label(relation.target))

    def keep(self, change: Change) -> None:
        try:
            self.onto = apply_changes(self.onto, [change]).model
        except EditRejected as exc:
            self.clashes.append(f"{exc}")
            return
        self.changes.append(change)

    def update(self, mine: Element | Relation, what: str, before: Any, now: Any, current: Any) -> Any:
        """The concept to store for the user's update ``mine`` of ``before`` (None: nothing to store)."""
        if now is None:
            self.clashes.append(_("{what}: it was deleted meanwhile, so your change to it cannot be made.", what=what))
            return None
        delta = _delta(before, mine)
        theirs = _fields(now)
        ancestor = _fields(before)
        clashed = False
        for key, value in sorted(delta.items(), key=lambda item: str(item[0])):
            other = theirs.get(key, _MISSING)
            if other != ancestor.get(key, _MISSING) and other != value:
                self.clashes.append(_("{what}: its {field} was changed to {theirs} meanwhile (yours: {yours}).",
                                      what=what, field=_field_name(key).replace("_", " "), theirs=_shown(other),
                                      yours=_shown(value)))
                clashed = True
        if clashed or current is None:
            return None
        merged = _with(current, delta)
        return None if merged == current else merged

    def one(self, change: Change) -> None:
        match change:
            case UpdateElement(element=mine):
                before = self.base.elements.get(mine.id)
                if before is None:
                    self.keep(UpdateElement(mine))
                    return
                merged = self.update(mine, before.label, before, self.theirs.elements.get(mine.id),
                                     self.onto.elements.get(mine.id))
                if merged is not None:
                    self.keep(UpdateElement(merged))
            case UpdateRelation(relation=mine):
                before_relation = self.base.relations.get(mine.id)
                if before_relation is None:
                    self.keep(UpdateRelation(mine))
                    return
                merged = self.update(mine, self.relation_label(before_relation), before_relation,
                                     self.theirs.relations.get(mine.id), self.onto.relations.get(mine.id))
                if merged is not None:
                    self.keep(UpdateRelation(merged))
            case RemoveElement(id=identifier):
                self.remove(identifier, self.base.elements, self.theirs.elements, self.onto.elements,
                            RemoveElement(identifier))
            case RemoveRelation(id=identifier):
                self.remove(identifier, self.base.relations, self.theirs.relations, self.onto.relations,
                            RemoveRelation(identifier))
            case AddElement(element=element, relations=relations):
                if element.id in self.onto.elements:
                    return  # made already (the same edit sent twice)
                self.keep(AddElement(element, None, tuple((r, None) for r, _ in relations)))
            case AddRelation(relation=relation, relations=relations):
                self.add_relation(relation, relations)
            case SetHeader(values=values):
                self.header(values)

    def remove(self, identifier: str, base: Any, theirs: Any, onto: Any, change: Change) -> None:
        if identifier not in theirs or identifier not in onto:
            return  # deleted meanwhile (or by an earlier change of the same edit): nothing left to do
        before = base.get(identifier)
        if before is not None and theirs[identifier] != before:
            what = before.label if isinstance(before, Element) else self.relation_label(before)
            self.clashes.append(_("{what}: it was changed meanwhile, so deleting it would throw that change away.",
                                  what=what))
            return
        self.keep(change)

    def add_relation(self, relation: Relation, relations: Sequence[tuple[Relation, int | None]]) -> None:
        if relation.id in self.onto.relations:
            return
        ends = self.onto.elements.keys() | self.onto.relations.keys()
        for end in (relation.source, relation.target):
            if end not in ends:
                self.clashes.append(_("{what}: {end} was deleted meanwhile.", what=self.relation_label(relation),
                                      end=self.label(end)))
                return
        if relation.kind.value == "composed_of" and relation.target in self.base.elements:
            before, now = self.parents(self.base, relation.target), self.parents(self.theirs, relation.target)
            if before != now:  # the map edits one parent: a move made meanwhile is the same field
                moved = ", ".join(sorted(self.label(p) for p in now)) or _("the top level")
                self.clashes.append(_("{what}: it was moved under {parents} meanwhile.",
                                      what=self.label(relation.target), parents=moved))
                return
        same = dataclasses.replace(relation, id="")
        if any(dataclasses.replace(r, id="") == same for r in self.onto.relations.values()
               if r.source == relation.source and r.target == relation.target):
            return  # the newest revision has this link already
        self.keep(AddRelation(relation, None, tuple((r, None) for r, _ in relations)))

    @staticmethod
    def parents(model: Model, identifier: str) -> set[str]:
        return {r.source for r in model.relations.values() if r.kind.value == "composed_of" and r.target == identifier}

    def header(self, values: Any) -> None:
        wanted = {}
        for key, value in values.items():
            before, now = getattr(self.base, key), getattr(self.theirs, key)
            if now != before and now != value:
                self.clashes.append(_("The model's {field}: it was changed to {theirs} meanwhile (yours: {yours}).",
                                      field=key, theirs=repr(now), yours=repr(value)))
            elif getattr(self.onto, key) != value:
                wanted[key] = value
        if wanted and not self.clashes:
            self.keep(SetHeader(wanted))


def rebase_changes(base: Model, theirs: Model, changes: Iterable[Change]) -> Rebased:
    """``changes``, built on ``base``, made again on ``theirs`` (a newer revision of the same model).

    Parameters
    ----------
    base
        The revision the changes were built on (the one the user saw).
    theirs
        The newest revision.
    changes
        The refused edit's changes, in order (several refused edits may follow each other).

    Returns
    -------
    Rebased
        The changes to store on ``theirs``, each applied after the one before; or, when the
        newer revisions changed the same field of the same element (or relation) to another
        value, deleted what the user changes, or changed what the user deletes, one sentence per
        clash naming it, such as ``"Magister: its name was changed to 'Magister 6' meanwhile
        (yours: 'Magister 7')."``, and no changes.
    """
    work = _Rebase(base, theirs)
    for change in changes:
        work.one(change)
    if work.clashes:
        return Rebased([], work.clashes)
    return Rebased(work.changes, [])
