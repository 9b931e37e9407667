"""The change values: what an editor can do to a model, as typed, frozen data.

Each class names one edit. Fields after the first ones (``before``, ``position``, the relations
that went with a removal...) are filled in by :func:`fora_model.changes.apply.apply_changes`, so an
*applied* change says everything needed to undo it. Use them through :mod:`fora_model.changes`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeAlias

from ..model import Element, Relation

__all__ = [
    "CHANGE_TYPES",
    "HEADER_FIELDS",
    "AddElement",
    "AddRelation",
    "Change",
    "Placed",
    "RemoveElement",
    "RemoveRelation",
    "SetHeader",
    "UpdateElement",
    "UpdateRelation",
]

Placed: TypeAlias = tuple[Relation, int | None]
"""A relation and its index in the model's relation order (``None``: at the end)."""

HEADER_FIELDS = ("id", "name", "documentation", "properties", "translations", "extras")
"""The model header fields :class:`SetHeader` may change."""


@dataclass(frozen=True, slots=True)
class AddElement:
    """Add ``element``, and with it ``relations`` (in the order given, so a relation may end on an
    earlier one). ``position`` is the element's index in the model's element order afterwards and
    each relation's number its index in the relation order; ``None`` adds at the end."""

    element: Element
    position: int | None = None
    relations: tuple[Placed, ...] = ()
    op: ClassVar[str] = "add_element"


@dataclass(frozen=True, slots=True)
class UpdateElement:
    """Replace the element with ``element.id`` by ``element``; ``before`` is filled in when applied."""

    element: Element
    before: Element | None = None
    op: ClassVar[str] = "update_element"


@dataclass(frozen=True, slots=True)
class RemoveElement:
    """Remove element ``id`` and every relation that depends on it.

    When applied, ``element``, ``position``, ``relations`` (what went with it, where each stood)
    and ``trimmed`` (flows whose ``carries`` named it, as they were) are filled in, and
    ``extras_before`` (the model's extras as they were) when the removal took diagram objects out of views.
    """

    id: str
    element: Element | None = None
    position: int | None = None
    relations: tuple[Placed, ...] = ()
    trimmed: tuple[Relation, ...] = ()
    extras_before: Mapping[str, Any] | None = None
    op: ClassVar[str] = "remove_element"


@dataclass(frozen=True, slots=True)
class AddRelation:
    """Add ``relation`` and, after it, ``relations`` that end on it; positions as in :class:`AddElement`."""

    relation: Relation
    position: int | None = None
    relations: tuple[Placed, ...] = ()
    op: ClassVar[str] = "add_relation"


@dataclass(frozen=True, slots=True)
class UpdateRelation:
    """Replace the relation with ``relation.id`` by ``relation``; ``before`` is filled in when applied."""

    relation: Relation
    before: Relation | None = None
    op: ClassVar[str] = "update_relation"


@dataclass(frozen=True, slots=True)
class RemoveRelation:
    """Remove relation ``id`` and the relations that end on it; the rest is filled in when applied
    (``extras_before`` only when the removal took diagram objects out of views)."""

    id: str
    relation: Relation | None = None
    position: int | None = None
    relations: tuple[Placed, ...] = ()
    extras_before: Mapping[str, Any] | None = None
    op: ClassVar[str] = "remove_relation"


@dataclass(frozen=True, slots=True)
class SetHeader:
    """Set model header fields (see :data:`HEADER_FIELDS`); ``before`` is filled in when applied."""

    values: Mapping[str, Any]
    before: Mapping[str, Any] | None = None
    op: ClassVar[str] = "set_header"

    def __post_init__(self) -> None:
        unknown = sorted(set(self.values) - set(HEADER_FIELDS))
        if unknown:
            raise ValueError(f"a model header has no field {unknown[0]!r}; use one of {', '.join(HEADER_FIELDS)}")


Change: TypeAlias = (
    AddElement | UpdateElement | RemoveElement | AddRelation | UpdateRelation | RemoveRelation | SetHeader
)
"""Any one change."""

CHANGE_TYPES = (AddElement, UpdateElement, RemoveElement, AddRelation, UpdateRelation, RemoveRelation, SetHeader)
"""Every change class, for ``isinstance`` checks."""
