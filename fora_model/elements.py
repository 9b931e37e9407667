"""The concepts of a model: :class:`Element` and :class:`Relation`, frozen values with typed,
checked attributes, and the ids they carry. :mod:`fora_model.model` re-exports every name here.

>>> Element.new("application", "Zermelo", id="z", functional_fit="3").attributes
{'functional_fit': 3}
>>> is_archi_id("id-0a1b"), is_archi_id("a b")
(True, False)
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .attributes import attribute_spec, coerce_value, relation_attribute_spec
from .errors import EditRejected, Finding, Reason, Severity
from .vocabulary import ElementKind, RelationKind, article

__all__ = [
    "Element",
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
    if not values:  # most concepts carry no attributes
        return typed, problems
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
    :data:`fora_model.attributes.ATTRIBUTES`); ``properties`` holds free key/value pairs in order.
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
