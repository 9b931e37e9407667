"""Seeded random edits that the metamodel accepts, for the change and store tests.

:func:`random_edit` proposes one batch of changes an information manager could make — add an
element (sometimes with its relations), link two elements along an allowed triple, rename, set
attributes, turn an activity into a process, change an access type, delete an element or a
relation (with whatever hangs on it), change the model's header — including the awkward cases:
carried relations that end on a relation, and flows that carry information that is then deleted.
"""

from __future__ import annotations

import datetime as dt
import random

from fora_model import Element, ElementKind, Model, Relation, RelationKind
from fora_model.changes import (
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
from fora_model.rules import ALLOWED

E = ElementKind
KINDS = [E.GOAL, E.PROCESS, E.ACTIVITY, E.INFORMATION, E.SYSTEM_TYPE, E.APPLICATION, E.APPLICATION_FUNCTION]
WORDS = ["Grades", "Absence", "Timetable", "Parents", "Intake", "Care", "Budget", "Lessons", "Tests", "Portal"]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(WORDS)} {rng.randint(1, 999)}"


def _new_element(rng: random.Random, kind: ElementKind) -> Element:
    attributes: dict[str, object] = {}
    if kind is E.APPLICATION:
        attributes = {"annual_cost": rng.choice([None, 500, 12000.5]), "lifecycle": rng.choice(["active", "plan"]),
                      "contract_end": rng.choice([None, dt.date(2027, 7, 31)]), "functional_fit": rng.randint(1, 4)}
    elif kind in (E.ACTIVITY, E.PROCESS):
        attributes = {"needs_support": rng.random() < 0.8, "criticality": rng.choice([None, "high"])}
    props = [("fora", "x"), ("fora", "y")] if rng.random() < 0.2 else []
    return Element.new(kind, _name(rng), properties=props, **attributes)


def _link(model: Model, rng: random.Random) -> Relation | None:
    by_kind: dict[ElementKind, list[str]] = {}
    for element in model.elements.values():
        by_kind.setdefault(element.kind, []).append(element.id)
    triples = [t for t in ALLOWED if t[0] in by_kind and t[2] in by_kind]
    if not triples:
        return None
    source, kind, target = rng.choice(sorted(triples))
    attributes: dict[str, object] = {}
    if kind is RelationKind.ACCESSES:
        attributes["access"] = rng.choice(["read", "write", "readwrite"])
    if kind is RelationKind.FLOWS_TO and E.INFORMATION in by_kind and rng.random() < 0.7:
        attributes["carries"] = rng.sample(by_kind[E.INFORMATION], k=min(2, len(by_kind[E.INFORMATION])))
    return Relation.new(kind, rng.choice(by_kind[source]), rng.choice(by_kind[target]), **attributes)


def random_edit(model: Model, rng: random.Random) -> list[Change]:
    """One batch of one to three changes that apply cleanly to ``model``."""
    batch: list[Change] = []
    work = model
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        change = _one(work, rng)
        if change is None:
            continue
        batch.append(change)
        work = apply_changes(work, [change]).model
    return batch or [AddElement(_new_element(rng, E.GOAL))]


def _one(model: Model, rng: random.Random) -> Change | None:
    elements = list(model.elements.values())
    relations = list(model.relations.values())
    roll = rng.random()
    if roll < 0.18 or not elements:
        element = _new_element(rng, rng.choice(KINDS))
        if element.kind is E.ACTIVITY:
            parents = [e.id for e in elements if e.kind is E.PROCESS]
            if parents:
                return AddElement(element, None,
                                  ((Relation.new("composed_of", rng.choice(parents), element.id), None),))
        return AddElement(element)
    if roll < 0.40:
        relation = _link(model, rng)
        return None if relation is None else AddRelation(relation)
    if roll < 0.46 and relations:
        # a carried ArchiMate relation that ends on a relation (an association to a flow, say)
        return AddRelation(Relation.new("other", rng.choice(elements).id, rng.choice(relations).id,
                                        archimate_type="AssociationRelationship"))
    if roll < 0.58:
        element = rng.choice(elements)
        return UpdateElement(element.replace(name=_name(rng), documentation=rng.choice(["", "Changed <b>"])))
    if roll < 0.64:
        apps = [e for e in elements if e.kind is E.APPLICATION]
        if apps:
            app = rng.choice(apps)
            return UpdateElement(app.with_attributes(annual_cost=rng.choice([None, 99, 4321]),
                                                     lifecycle=rng.choice(["phase-out", "active"])))
    if roll < 0.68:
        activities = [e for e in elements if e.kind is E.ACTIVITY]
        if activities:  # always allowed: an activity's relations also fit a process
            return UpdateElement(rng.choice(activities).replace(kind=E.PROCESS))
    if roll < 0.74:
        accesses = [r for r in relations if r.kind is RelationKind.ACCESSES]
        if accesses:
            r = rng.choice(accesses)
            return UpdateRelation(r.replace(attributes={"access": rng.choice(["read", "write", "access"])}))
    if roll < 0.86:
        return RemoveElement(rng.choice(elements).id)
    if roll < 0.95 and relations:
        return RemoveRelation(rng.choice(relations).id)
    return SetHeader({"name": _name(rng), "properties": [("owner", rng.choice(WORDS))]})
