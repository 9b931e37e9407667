"""Applying changes to a model, checked, and undoing them exactly.

:func:`apply_changes` applies a list of changes to a *copy* of the model through the model's checked
editing methods: a change the metamodel refuses raises :class:`~fora_model.errors.EditRejected` and the
input model is left as it was. The result holds the new model and the changes *as applied*, each
filled in with what it replaced (the element before an update; for a removal, the element, where
it stood and the relations that went with it). Applied changes are what the workspace stores, and
:func:`invert` turns them into the changes that undo them exactly, down to the order of elements
and relations (so ``dumps_model`` text comes back byte for byte).

>>> from fora_model.model import Element, Model, Relation
>>> from fora_model.changes.types import AddRelation, RemoveElement
>>> m = Model(id="m", name="Tiny")
>>> _ = m.add_element(Element.new("activity", "Record grades", id="a"))
>>> _ = m.add_element(Element.new("application", "Magister", id="app"))
>>> done = apply_changes(m, [AddRelation(Relation.new("supports", "app", "a", id="r")),
...                          RemoveElement("app")])
>>> len(m.relations), len(done.model.elements), len(done.changes[1].relations)
(0, 1, 1)
>>> apply_changes(done.model, invert(done.changes)).model == m
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import EditRejected, Finding, Reason, Severity
from ..model import Element, Model, Relation, check_attributes
from .types import (
    CHANGE_TYPES,
    AddElement,
    AddRelation,
    Change,
    Placed,
    RemoveElement,
    RemoveRelation,
    SetHeader,
    UpdateElement,
    UpdateRelation,
)

__all__ = ["Applied", "apply_changes", "invert", "replay"]


@dataclass(frozen=True)
class Applied:
    """The result of :func:`apply_changes`: the new model and the changes as applied."""

    model: Model
    changes: list[Change]


def apply_changes(model: Model, changes: Change | Iterable[Change]) -> Applied:
    """Apply ``changes`` in order to a copy of ``model``, checking each against the metamodel.

    Parameters
    ----------
    model
        The model to start from; it is not changed.
    changes
        One change or several, applied in order (a later one sees what an earlier one did).

    Returns
    -------
    Applied
        The new model and every change filled in with what it replaced, ready for :func:`invert`.

    Raises
    ------
    EditRejected
        When a change would break the metamodel, names an id that does not exist or one that is
        already taken; nothing is applied.
    """
    batch = [changes] if isinstance(changes, CHANGE_TYPES) else list(changes)
    work = _Work(model.copy())
    done = [work.apply(change) for change in batch]
    return Applied(work.finish(), done)


def replay(model: Model, batches: Iterable[Iterable[Change]]) -> Model:
    """Apply batches of changes one after another to a copy of ``model`` and return the result.

    The same as applying each batch with :func:`apply_changes` in turn, without keeping the
    applied changes or copying the model between batches (how the workspace replays revisions).
    """
    work = _Work(model.copy())
    for batch in batches:
        for change in batch:
            work.apply(change)
    return work.finish()


def invert(changes: Change | Sequence[Change]) -> list[Change]:
    """The changes that undo applied ``changes`` (as returned by :func:`apply_changes`), in order.

    Raises ``ValueError`` for an update or removal that was never applied (its ``before`` is unknown).
    """
    batch = [changes] if isinstance(changes, CHANGE_TYPES) else list(changes)
    return [undo for change in reversed(batch) for undo in _invert_one(change)]


def _invert_one(change: Change) -> list[Change]:
    match change:
        case AddElement(element=element):
            return [RemoveElement(element.id)]
        case AddRelation(relation=relation):
            return [RemoveRelation(relation.id)]
        case UpdateElement(element=element, before=Element() as before):
            return [UpdateElement(before, element)]
        case UpdateRelation(relation=relation, before=Relation() as before):
            return [UpdateRelation(before, relation)]
        case RemoveElement(element=Element() as element, position=position, relations=relations, trimmed=trimmed):
            return [AddElement(element, position, relations), *(UpdateRelation(r) for r in trimmed),
                    *_restore_views(change.extras_before)]
        case RemoveRelation(relation=Relation() as relation, position=position, relations=relations):
            return [AddRelation(relation, position, relations), *_restore_views(change.extras_before)]
        case SetHeader(values=values, before=before) if before is not None:
            return [SetHeader(before, values)]
    raise ValueError(f"only an applied change can be inverted, not {change!r}")


def _restore_views(extras_before: Mapping[str, Any] | None) -> list[Change]:
    return [] if extras_before is None else [SetHeader({"extras": extras_before})]


def _if_views_changed(extras_before: dict[str, Any], model: Model) -> dict[str, Any] | None:
    return None if extras_before.get("views") == model.extras.get("views") else extras_before


def _missing(identifier: str, what: str) -> EditRejected:
    return EditRejected([Finding(Severity.ERROR, Reason.BAD_VALUE, identifier,
                                 f"there is no {what} with id {identifier!r}",
                                 "it may have been deleted meanwhile; reload the model")])


def _checked(concept: Any) -> Any:
    """The concept with its attributes coerced to their types; EditRejected when one does not fit."""
    typed, problems = check_attributes(concept.kind, concept.attributes, concept.id)
    if problems:
        raise EditRejected(problems)
    return concept if typed == dict(concept.attributes) else dataclasses.replace(concept, attributes=typed)


class _Work:
    """A model being changed, with the concept order kept as lists once a change needs positions.

    Positioned inserts and the model id cannot be expressed through the model's editing methods, so
    they are tracked here and the model is rebuilt once, in the final order, by :meth:`finish`.
    """

    def __init__(self, model: Model) -> None:
        self.model = model
        self.element_order: list[str] | None = None
        self.relation_order: list[str] | None = None
        self.model_id: str | None = None

    # ------------------------------------------------------------------ order bookkeeping
    def _order(self, kind: str) -> list[str] | None:
        return self.element_order if kind == "element" else self.relation_order

    def _keys(self, kind: str) -> list[str]:
        order = self._order(kind)
        if order is not None:
            return order
        return list(self.model.elements if kind == "element" else self.model.relations)

    def _settle(self, kind: str, added: list[tuple[str, int | None]]) -> None:
        """Put concepts just added (appended by the model) at their positions.

        Inserting at the recorded indexes in ascending order, with the rest of the order unchanged,
        gives back exactly the order the indexes were taken from; unpositioned ones go last.
        """
        order = self._order(kind)
        if order is None:
            if all(position is None for _, position in added):
                return
            fresh = {identifier for identifier, _ in added}
            keys = self.model.elements if kind == "element" else self.model.relations
            order = [key for key in keys if key not in fresh]
            if kind == "element":
                self.element_order = order
            else:
                self.relation_order = order
        positioned = sorted(((p, i) for i, p in added if p is not None), key=lambda item: item[0])
        for position, identifier in positioned:
            order.insert(min(max(position, 0), len(order)), identifier)
        order.extend(identifier for identifier, position in added if position is None)

    def _forget(self, kind: str, removed: Iterable[str]) -> None:
        order = self._order(kind)
        if order is not None:
            for identifier in removed:
                order.remove(identifier)

    def finish(self) -> Model:
        """The changed model, rebuilt in the tracked order when positions or the id were set."""
        m = self.model
        if self.element_order is None and self.relation_order is None and self.model_id is None:
            return m
        elements = m.elements.values() if self.element_order is None else (m.elements[i] for i in self.element_order)
        relations = (m.relations.values() if self.relation_order is None
                     else (m.relations[i] for i in self.relation_order))
        return Model.from_parts(elements, relations, id=self.model_id or m.id, name=m.name,
                                documentation=m.documentation, properties=m.properties,
                                translations=m.translations, extras=m.extras)

    # ------------------------------------------------------------------ changes
    def apply(self, change: Change) -> Change:
        m = self.model
        match change:
            case AddElement():
                element = m.add_element(_checked(change.element))
                self._settle("element", [(element.id, change.position)])
                return AddElement(element, change.position, self._add_relations(change.relations))
            case AddRelation():
                relation = m.add_relation(_checked(change.relation))
                rest = self._add_relations(change.relations, settle=False)
                self._settle("relation", [(relation.id, change.position), *((r.id, p) for r, p in rest)])
                return AddRelation(relation, change.position, rest)
            case UpdateElement():
                if change.element.id not in m.elements:
                    raise _missing(change.element.id, "element")
                before = m.elements[change.element.id]
                return UpdateElement(m.update_element(_checked(change.element)), before)
            case UpdateRelation():
                if change.relation.id not in m.relations:
                    raise _missing(change.relation.id, "relation")
                before_relation = m.relations[change.relation.id]
                return UpdateRelation(m.update_relation(_checked(change.relation)), before_relation)
            case RemoveElement():
                return self._remove_element(change.id)
            case RemoveRelation():
                return self._remove_relation(change.id)
            case SetHeader():
                return self._set_header(change.values)
        raise TypeError(f"not a change: {change!r}")  # pragma: no cover - the match is exhaustive

    def _add_relations(self, relations: Iterable[Placed], *, settle: bool = True) -> tuple[Placed, ...]:
        added = tuple((self.model.add_relation(_checked(relation)), position) for relation, position in relations)
        if settle:
            self._settle("relation", [(r.id, p) for r, p in added])
        return added

    def _remove(self, identifier: str) -> tuple[list[Placed], dict[str, Relation]]:
        """Remove through the model; the relations that went (with their former indexes, in the
        order the model took them) and the relations as they were before."""
        m = self.model
        before = dict(m.relations.items())
        order = self._keys("relation")
        gone = m.remove(identifier)[1:]
        if len(gone) <= 8:  # a scan in C per relation beats one pass in Python
            places = {key: order.index(key) for key in gone}
        else:
            wanted = set(gone)
            places = {key: i for i, key in enumerate(order) if key in wanted}
        self._forget("relation", gone)
        return [(before[key], places[key]) for key in gone], before

    def _remove_element(self, identifier: str) -> RemoveElement:
        m = self.model
        if identifier not in m.elements:
            raise _missing(identifier, "element")
        element = m.elements[identifier]
        position = self._keys("element").index(identifier)
        self._forget("element", [identifier])
        extras = dict(m.extras)  # the model replaces its views list on removal, so this keeps the old one
        placed, before = self._remove(identifier)
        trimmed = tuple(before[key] for key, relation in m.relations.items() if before[key] is not relation)
        return RemoveElement(identifier, element, position, tuple(placed), trimmed, _if_views_changed(extras, m))

    def _remove_relation(self, identifier: str) -> RemoveRelation:
        m = self.model
        if identifier not in m.relations:
            raise _missing(identifier, "relation")
        relation = m.relations[identifier]
        position = self._keys("relation").index(identifier)
        extras = dict(m.extras)
        placed, _ = self._remove(identifier)
        self._forget("relation", [identifier])
        return RemoveRelation(identifier, relation, position, tuple(placed), _if_views_changed(extras, m))

    def _set_header(self, values: Mapping[str, Any]) -> SetHeader:
        m = self.model
        current_id = self.model_id or m.id
        before = {key: current_id if key == "id" else getattr(m, key) for key in values}
        typed = {key: _header_value(key, value) for key, value in values.items()}
        editable = {key: value for key, value in typed.items() if key != "id"}
        if editable:
            m.set_header(**editable)
        if "id" in typed:
            self.model_id = typed["id"]
        return SetHeader(typed, before)


def _header_value(key: str, value: Any) -> Any:
    if key in ("properties", "translations"):
        return tuple(tuple(str(part) for part in item) for item in value)
    if key == "extras":
        return dict(value)
    return str(value)
