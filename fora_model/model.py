"""The typed model: elements, relations and the :class:`Model` that holds them.

Elements and relations are frozen values; a :class:`Model` is the mutable container. Every
change made through the editing methods (:meth:`Model.add_element`, :meth:`Model.add_relation`,
:meth:`Model.update_element`, ...) is checked against the metamodel first and refused with
:class:`~fora_model.errors.EditRejected` when it would break it, leaving the model unchanged.
Readers build models with :meth:`Model.from_parts`, which checks nothing, and report problems
through :func:`fora_model.validate.validate`.

Examples
--------
>>> m = Model(name="Tiny school")
>>> grades = m.add_element(Element.new(ElementKind.ACTIVITY, "Record grades"))
>>> magister = m.add_element(Element.new(ElementKind.APPLICATION, "Magister", annual_cost=12000))
>>> _ = m.add_relation(Relation.new(RelationKind.SUPPORTS, magister.id, grades.id))
>>> len(m.elements), len(m.relations)
(2, 1)
>>> m.element(magister.id).attributes["annual_cost"]
12000.0
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import EditRejected, Finding, Reason, Severity
from .vocabulary import (
    ElementKind,
    RelationKind,
    article,
    attribute_spec,
    coerce_value,
    relation_attribute_spec,
)

__all__ = [
    "Element",
    "Model",
    "Property",
    "Relation",
    "Translation",
    "check_attributes",
    "is_archi_id",
    "new_id",
]

Property = tuple[str, str]
"""A free key/value pair; a concept keeps them in order and keys may repeat."""

Translation = tuple[str, str, str]
"""``(field, language, text)``: a name or documentation in a language other than the main one."""

_ARCHI_ID = re.compile(r"^[a-zA-Z0-9._-]+$")


def new_id() -> str:
    """A fresh identifier of the form ``id-<32 hex>``, valid for Archi CSV and XML ``xs:ID``.

    >>> len(new_id()), new_id().startswith("id-")
    (35, True)
    """
    return f"id-{uuid.uuid4().hex}"


def is_archi_id(identifier: str) -> bool:
    """True when ``identifier`` is acceptable to Archi's CSV import (``^[a-zA-Z0-9._-]+$``)."""
    return bool(_ARCHI_ID.match(identifier))


def check_attributes(
    kind: ElementKind | RelationKind, values: Mapping[str, Any], subject: str
) -> tuple[dict[str, Any], list[Finding]]:
    """Coerce attribute values for a concept of ``kind``.

    Returns the typed values that fit (``None`` and ``""`` are dropped) and an error finding,
    naming ``subject`` and the attribute, for each value that does not.
    """
    typed: dict[str, Any] = {}
    problems: list[Finding] = []
    element_kind = isinstance(kind, ElementKind)
    for name, value in values.items():
        spec = attribute_spec(kind, name) if element_kind else relation_attribute_spec(kind, name)  # type: ignore[arg-type]
        what = kind.label if element_kind else f"{kind.label} relation"
        if spec is None:
            problems.append(
                Finding(Severity.ERROR, Reason.UNKNOWN_ATTRIBUTE, subject,
                        f"{article(what)} has no attribute {name!r}", "use a free property for other facts")
            )
            continue
        try:
            coerced = coerce_value(spec, value)
        except ValueError as exc:
            problems.append(Finding(Severity.ERROR, Reason.BAD_ATTRIBUTE, subject, str(exc), _hint(spec)))
            continue
        if coerced is not None:
            typed[name] = coerced
    return typed, problems


def _typed_attributes(kind: ElementKind | RelationKind, values: Mapping[str, Any], subject: str) -> dict[str, Any]:
    """Coerce attribute values; raise EditRejected naming every value that does not fit."""
    typed, problems = check_attributes(kind, values, subject)
    if problems:
        raise EditRejected(problems)
    return typed


def _hint(spec: Any) -> str:
    if spec.choices:
        return f"choose one of {', '.join(spec.choices)}"
    if spec.type in ("number", "integer"):
        bounds = []
        if spec.minimum is not None:
            bounds.append(f"at least {spec.minimum:g}")
        if spec.maximum is not None:
            bounds.append(f"at most {spec.maximum:g}")
        return f"enter a {'whole ' if spec.type == 'integer' else ''}number" + (
            f" ({', '.join(bounds)})" if bounds else ""
        )
    if spec.type == "date":
        return "write the date as YYYY-MM-DD"
    if spec.type == "boolean":
        return "write true or false"
    if spec.type == "list":
        return "list the ids, separated by |"
    return "write plain text"


@dataclass(frozen=True, slots=True)
class Element:
    """One element of the model: a goal, process, activity, piece of information, system type,
    application, application function, or a carried foreign ArchiMate concept (kind ``other``).

    ``archimate_type`` is the ArchiMate type it was read with (or its kind's default);
    ``attributes`` holds the typed attributes of its kind (see
    :data:`fora_model.vocabulary.ATTRIBUTES`); ``properties`` holds free key/value pairs in order.
    """

    id: str
    kind: ElementKind
    name: str = ""
    documentation: str = ""
    archimate_type: str = ""
    specialization: str = ""
    attributes: Mapping[str, Any] = field(default_factory=dict)
    properties: tuple[Property, ...] = ()
    translations: tuple[Translation, ...] = ()

    def __post_init__(self) -> None:
        if not self.archimate_type:
            object.__setattr__(self, "archimate_type", self.kind.default_archimate_type)

    @classmethod
    def new(
        cls,
        kind: ElementKind | str,
        name: str = "",
        *,
        id: str | None = None,
        documentation: str = "",
        archimate_type: str = "",
        specialization: str | None = None,
        properties: Iterable[Property] = (),
        **attributes: Any,
    ) -> Element:
        """Build a new element with typed, checked attributes and its kind's ArchiMate defaults.

        Raises :class:`~fora_model.errors.EditRejected` when an attribute is unknown or does not fit.

        >>> Element.new("application", "Zermelo", id="z", lifecycle="Phase-out").attributes
        {'lifecycle': 'phase-out'}
        """
        kind = ElementKind(kind)
        identifier = id or new_id()
        return cls(
            id=identifier,
            kind=kind,
            name=name,
            documentation=documentation,
            archimate_type=archimate_type or kind.default_archimate_type,
            specialization=(kind.default_specialization or "") if specialization is None else specialization,
            attributes=_typed_attributes(kind, attributes, identifier),
            properties=tuple((str(k), str(v)) for k, v in properties),
        )

    def with_attributes(self, **changes: Any) -> Element:
        """A copy with attributes changed (``None`` or ``""`` clears one), checked like :meth:`new`."""
        typed = _typed_attributes(self.kind, changes, self.id)
        merged = {k: v for k, v in self.attributes.items() if k not in changes}
        merged.update(typed)
        return dataclasses.replace(self, attributes=merged)

    def replace(self, **changes: Any) -> Element:
        """A copy with fields changed; attributes are re-checked when given."""
        if "attributes" in changes:
            kind = ElementKind(changes.get("kind", self.kind))
            changes["attributes"] = _typed_attributes(kind, changes["attributes"], self.id)
        return dataclasses.replace(self, **changes)

    def attribute(self, name: str, default: Any = None) -> Any:
        """The value of attribute ``name``, or its documented default, or ``default``."""
        if name in self.attributes:
            return self.attributes[name]
        spec = attribute_spec(self.kind, name)
        if spec is not None and spec.default is not None:
            return spec.default
        return default

    def property_values(self, key: str) -> list[str]:
        """All values of free property ``key``, in order."""
        return [v for k, v in self.properties if k == key]

    @property
    def label(self) -> str:
        """The name, or the id in brackets when the name is empty (for display only)."""
        return self.name if self.name.strip() else f"[{self.id}]"


@dataclass(frozen=True, slots=True)
class Relation:
    """A directed relation between two concepts (an endpoint may itself be a relation, for
    carried ArchiMate relations). ``attributes`` holds e.g. ``access`` on ``accesses`` or
    ``carries`` (information ids) on ``flows_to``."""

    id: str
    kind: RelationKind
    source: str
    target: str
    name: str = ""
    documentation: str = ""
    archimate_type: str = ""
    specialization: str = ""
    attributes: Mapping[str, Any] = field(default_factory=dict)
    properties: tuple[Property, ...] = ()
    translations: tuple[Translation, ...] = ()

    def __post_init__(self) -> None:
        if not self.archimate_type:
            object.__setattr__(self, "archimate_type", self.kind.default_archimate_type)

    @classmethod
    def new(
        cls,
        kind: RelationKind | str,
        source: str,
        target: str,
        *,
        id: str | None = None,
        name: str = "",
        documentation: str = "",
        archimate_type: str = "",
        properties: Iterable[Property] = (),
        **attributes: Any,
    ) -> Relation:
        """Build a new relation with typed attributes and its kind's ArchiMate default type.

        >>> Relation.new("accesses", "a", "i", id="r", access="Write").attributes
        {'access': 'write'}
        """
        kind = RelationKind(kind)
        identifier = id or new_id()
        return cls(
            id=identifier,
            kind=kind,
            source=source,
            target=target,
            name=name,
            documentation=documentation,
            archimate_type=archimate_type or kind.default_archimate_type,
            attributes=_typed_attributes(kind, attributes, identifier),
            properties=tuple((str(k), str(v)) for k, v in properties),
        )

    def replace(self, **changes: Any) -> Relation:
        """A copy with fields changed; attributes are re-checked when given."""
        if "attributes" in changes:
            kind = RelationKind(changes.get("kind", self.kind))
            changes["attributes"] = _typed_attributes(kind, changes["attributes"], self.id)
        return dataclasses.replace(self, **changes)


class Model:
    """A school's (or a reference architecture's) model: elements and relations by id, in order.

    Besides the concepts, a model carries what other tools keep and fora-model does not analyse
    (views, folders, property definitions...) in ``extras``, so an import followed by an export
    loses nothing. ``version`` increases on every change; analyses memoise on it.
    """

    def __init__(
        self,
        *,
        id: str | None = None,
        name: str = "",
        documentation: str = "",
        properties: Iterable[Property] = (),
        translations: Iterable[Translation] = (),
        extras: Mapping[str, Any] | None = None,
    ) -> None:
        self.id: str = id or new_id()
        self.name: str = name
        self.documentation: str = documentation
        self.properties: tuple[Property, ...] = tuple(properties)
        self.translations: tuple[Translation, ...] = tuple(translations)
        self.extras: dict[str, Any] = dict(extras or {})
        self._elements: dict[str, Element] = {}
        self._relations: dict[str, Relation] = {}
        self._version = 0
        self._memo: dict[Any, Any] = {}
        self._index: _EndpointIndex | None = None

    # ----------------------------------------------------------------- construction
    @classmethod
    def from_parts(
        cls,
        elements: Iterable[Element],
        relations: Iterable[Relation],
        **header: Any,
    ) -> Model:
        """Build a model without checking it (readers use this, then :func:`validate`).

        A later concept with an id already used replaces nothing: readers detect duplicate ids
        themselves and report them as findings.
        """
        model = cls(**header)
        for element in elements:
            model._elements.setdefault(element.id, element)
        for relation in relations:
            if relation.id not in model._elements:
                model._relations.setdefault(relation.id, relation)
        return model

    def copy(self) -> Model:
        """An independent copy (elements and relations are immutable, so this is cheap)."""
        other = Model(
            id=self.id,
            name=self.name,
            documentation=self.documentation,
            properties=self.properties,
            translations=self.translations,
            extras=_deep_copy_json(self.extras),
        )
        other._elements = dict(self._elements)
        other._relations = dict(self._relations)
        return other

    # ----------------------------------------------------------------- reading
    @property
    def version(self) -> int:
        """A counter that changes whenever the model changes."""
        return self._version

    @property
    def elements(self) -> Mapping[str, Element]:
        """Elements by id, in insertion order (read-only view)."""
        return _ReadOnly(self._elements)

    @property
    def relations(self) -> Mapping[str, Relation]:
        """Relations by id, in insertion order (read-only view)."""
        return _ReadOnly(self._relations)

    def element(self, identifier: str) -> Element:
        """The element with this id; ``KeyError`` names the id when there is none."""
        try:
            return self._elements[identifier]
        except KeyError:
            raise KeyError(f"no element with id {identifier!r}") from None

    def relation(self, identifier: str) -> Relation:
        """The relation with this id."""
        try:
            return self._relations[identifier]
        except KeyError:
            raise KeyError(f"no relation with id {identifier!r}") from None

    def __contains__(self, identifier: object) -> bool:
        return identifier in self._elements or identifier in self._relations

    def elements_of(self, *kinds: ElementKind | str) -> list[Element]:
        """Elements of the given kinds, in model order."""
        wanted = {ElementKind(k) for k in kinds}
        return [e for e in self._elements.values() if e.kind in wanted]

    def relations_of(self, *kinds: RelationKind | str) -> list[Relation]:
        """Relations of the given kinds, in model order."""
        wanted = {RelationKind(k) for k in kinds}
        return [r for r in self._relations.values() if r.kind in wanted]

    def _endpoints(self) -> _EndpointIndex:
        """Relation ids by endpoint and by carried information, built on first use and kept up to
        date by the editing methods, so deletes do not scan every relation."""
        if self._index is None:
            self._index = _EndpointIndex(self._relations.values())
        return self._index

    def carriers(self, identifier: str) -> list[Relation]:
        """The flows whose ``carries`` names ``identifier``."""
        return [self._relations[r] for r in sorted(self._endpoints().carried.get(identifier, ()), key=self._order)]

    def _order(self, relation_id: str) -> int:
        return self._endpoints().position.get(relation_id, 0)

    def relations_touching(self, identifier: str) -> list[Relation]:
        """Every relation that has ``identifier`` as an endpoint, and (transitively) every relation
        that ends on one of those, plus every flow that carries only ``identifier``: what has to
        go when the concept is deleted (a flow left carrying nothing would carry everything).
        In model order."""
        index = self._endpoints()
        doomed = {r.id for r in self.carriers(identifier) if tuple(r.attributes["carries"]) == (identifier,)}
        frontier = {identifier, *doomed}
        while frontier:
            found = {r for end in frontier for r in index.by_endpoint.get(end, ())} - doomed
            doomed |= found
            frontier = found
        return [self._relations[r] for r in sorted(doomed, key=self._order)]

    def find(self, name: str, kind: ElementKind | str | None = None) -> Element:
        """The one element with exactly this name (and kind); ``KeyError`` if none or several."""
        wanted = ElementKind(kind) if kind is not None else None
        hits = [e for e in self._elements.values() if e.name == name and (wanted is None or e.kind == wanted)]
        if len(hits) != 1:
            raise KeyError(f"{len(hits)} elements named {name!r}")
        return hits[0]

    def content_hash(self) -> str:
        """A digest of the whole model's content; equal models have equal hashes."""
        key = ("content_hash", self._version)
        if key not in self._memo:
            from .io.native import dumps_model  # local import: io depends on model

            self._memo[key] = hashlib.sha256(dumps_model(self).encode("utf-8")).hexdigest()
        return str(self._memo[key])

    def memo(self, key: Any, compute: Any) -> Any:
        """Memoise ``compute()`` under ``key`` until the model next changes (used by analyses)."""
        full = (key, self._version)
        if full not in self._memo:
            self._memo[full] = compute()
        return self._memo[full]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        return (
            self.id == other.id
            and self.name == other.name
            and self.documentation == other.documentation
            and self.properties == other.properties
            and self.translations == other.translations
            and self.extras == other.extras
            and list(self._elements.items()) == list(other._elements.items())
            and list(self._relations.items()) == list(other._relations.items())
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Model {self.name!r}: {len(self._elements)} elements, {len(self._relations)} relations>"

    # ----------------------------------------------------------------- editing
    def _changed(self) -> None:
        self._version += 1
        self._memo.clear()

    def add_element(self, element: Element) -> Element:
        """Add an element; refused when its id is taken or an attribute does not fit its kind."""
        if element.id in self:
            raise EditRejected(
                [Finding(Severity.ERROR, Reason.DUPLICATE_ID, element.id,
                         f"the id {element.id!r} is already used", "give the element another id")]
            )
        _typed_attributes(element.kind, element.attributes, element.id)
        self._elements[element.id] = element
        self._changed()
        return element

    def update_element(self, element: Element) -> Element:
        """Replace the element with the same id; refused when an attribute does not fit its kind
        or a new kind breaks its relations (including flows that carry it as information)."""
        old = self.element(element.id)
        _, problems = check_attributes(element.kind, element.attributes, element.id)
        if old.kind != element.kind:
            from .rules import check_relation

            view = self._with_element(element)
            affected = self.relations_touching(element.id) + self.carriers(element.id)
            problems += [f for r in affected for f in check_relation(view, r)]
        if problems:
            raise EditRejected(problems)
        self._elements[element.id] = element
        self._changed()
        return element

    def _with_element(self, element: Element) -> Model:
        view = Model.__new__(Model)
        view.__dict__.update(self.__dict__)
        view._elements = {**self._elements, element.id: element}
        return view

    def add_relation(self, relation: Relation) -> Relation:
        """Add a relation after checking its endpoints and (source, relation, target) triple."""
        from .rules import check_relation

        if relation.id in self:
            raise EditRejected(
                [Finding(Severity.ERROR, Reason.DUPLICATE_ID, relation.id,
                         f"the id {relation.id!r} is already used", "give the relation another id")]
            )
        _typed_attributes(relation.kind, relation.attributes, relation.id)
        problems = check_relation(self, relation)
        if problems:
            raise EditRejected(problems)
        self._relations[relation.id] = relation
        if self._index is not None:
            self._index.add(relation, self._index.next_rank)
        self._changed()
        return relation

    def update_relation(self, relation: Relation) -> Relation:
        """Replace the relation with the same id after checking it."""
        from .rules import check_relation

        self.relation(relation.id)
        _typed_attributes(relation.kind, relation.attributes, relation.id)
        problems = check_relation(self, relation)
        if problems:
            raise EditRejected(problems)
        old = self._relations[relation.id]
        self._relations[relation.id] = relation
        if self._index is not None:
            position = self._index.position.get(relation.id, 0)
            self._index.discard(old)
            self._index.add(relation, position)
        self._changed()
        return relation

    def remove(self, identifier: str) -> list[str]:
        """Remove an element or relation and every relation that depends on it.

        Returns the ids removed, the concept first. Information ids listed in a flow's
        ``carries`` are dropped from it when that information goes.
        """
        if identifier not in self:
            raise KeyError(f"no element or relation with id {identifier!r}")
        removed = [identifier]
        doomed = self.relations_touching(identifier)
        index = self._endpoints()
        for r in doomed:
            del self._relations[r.id]
            index.discard(r)
            removed.append(r.id)
        if identifier in self._elements:
            del self._elements[identifier]
            for r in self.carriers(identifier):
                kept = tuple(c for c in r.attributes["carries"] if c != identifier)
                attrs = {k: v for k, v in r.attributes.items() if k != "carries"}
                if kept:
                    attrs["carries"] = kept
                trimmed = dataclasses.replace(r, attributes=attrs)
                position = index.position[r.id]
                index.discard(r)
                index.add(trimmed, position)
                self._relations[r.id] = trimmed
        else:
            index.discard(self._relations.pop(identifier))
        self._changed()
        return removed

    def set_header(self, **changes: Any) -> None:
        """Change the model's name, documentation, properties or extras."""
        for key, value in changes.items():
            if key not in ("name", "documentation", "properties", "translations", "extras"):
                raise AttributeError(f"a model has no header field {key!r}")
            setattr(self, key, tuple(value) if key in ("properties", "translations") else value)
        self._changed()


class _EndpointIndex:
    """Relation ids by endpoint id, flows by carried information id, and each relation's rank in
    model order (ranks only grow, so sorting by them gives model order)."""

    __slots__ = ("by_endpoint", "carried", "next_rank", "position")

    def __init__(self, relations: Iterable[Relation]) -> None:
        self.by_endpoint: dict[str, set[str]] = {}
        self.carried: dict[str, set[str]] = {}
        self.position: dict[str, int] = {}
        self.next_rank = 0
        for rank, relation in enumerate(relations):
            self.add(relation, rank)

    def add(self, relation: Relation, rank: int) -> None:
        self.position[relation.id] = rank
        self.next_rank = max(self.next_rank, rank + 1)
        self.by_endpoint.setdefault(relation.source, set()).add(relation.id)
        self.by_endpoint.setdefault(relation.target, set()).add(relation.id)
        for info in relation.attributes.get("carries") or ():
            self.carried.setdefault(info, set()).add(relation.id)

    def discard(self, relation: Relation) -> None:
        self.position.pop(relation.id, None)
        for end in (relation.source, relation.target):
            self.by_endpoint.get(end, set()).discard(relation.id)
        for info in relation.attributes.get("carries") or ():
            self.carried.get(info, set()).discard(relation.id)


class _ReadOnly(Mapping[str, Any]):
    """A read-only, ordered view over a dict."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def values(self) -> Any:
        return self._data.values()

    def items(self) -> Any:
        return self._data.items()

    def keys(self) -> Any:
        return self._data.keys()


def _deep_copy_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy_json(v) for v in value]
    return value
