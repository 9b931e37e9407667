"""The typed attributes of each element and relation kind, and how a value read from a file or
typed in an editor becomes the typed value a model holds (or a clear refusal).

>>> coerce_attribute(ElementKind.APPLICATION, "annual_cost", "12000")
12000.0
>>> attribute_spec(ElementKind.ACTIVITY, "needs_support").default
True
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from enum import Enum
from typing import Any

from .i18n import N_
from .vocabulary import AccessType, Criticality, DataLocation, ElementKind, Lifecycle, RelationKind, Sensitivity

__all__ = [
    "ATTRIBUTES",
    "RELATION_ATTRIBUTES",
    "AttributeSpec",
    "attribute_spec",
    "coerce_attribute",
    "coerce_relation_attribute",
    "coerce_value",
    "relation_attribute_spec",
]


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    """One typed attribute: its name, value type and allowed values.

    ``type`` is one of ``"text"``, ``"number"``, ``"integer"``, ``"boolean"``, ``"date"``,
    ``"choice"`` or ``"list"`` (a list of ids).
    """

    name: str
    type: str
    description: str
    """What the attribute means, in English (marked for the catalogue: show it through
    :func:`fora_model.i18n._`)."""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    default: Any = None
    unit: str = ""


def _choice(name: str, enum: type[Enum], description: str, default: Any = None) -> AttributeSpec:
    return AttributeSpec(
        name, "choice", description, tuple(str(m.value) for m in enum), default=default
    )


_CRITICALITY = _choice("criticality", Criticality, N_("How much the school depends on it."))
_NEEDS_SUPPORT = AttributeSpec(
    "needs_support",
    "boolean",
    N_("False for work that needs no system (governance, vision forming); such gaps are expected."),
    default=True,
)

ATTRIBUTES: dict[ElementKind, tuple[AttributeSpec, ...]] = {
    ElementKind.GOAL: (),
    ElementKind.PROCESS: (_NEEDS_SUPPORT, _CRITICALITY),
    ElementKind.ACTIVITY: (_NEEDS_SUPPORT, _CRITICALITY),
    ElementKind.INFORMATION: (
        AttributeSpec("personal_data", "boolean", N_("Holds personal data (GDPR/AVG)."), default=False),
        _choice("sensitivity", Sensitivity, N_("How sensitive the information is.")),
        _CRITICALITY,
    ),
    ElementKind.SYSTEM_TYPE: (),
    ElementKind.APPLICATION: (
        AttributeSpec("vendor", "text", N_("Who supplies it.")),
        AttributeSpec("annual_cost", "number", N_("Licence and running cost a year."), minimum=0, unit="EUR"),
        AttributeSpec("exit_cost", "number", N_("One-off cost of retiring it."), minimum=0, unit="EUR"),
        _choice("lifecycle", Lifecycle, N_("Where it is in its life; plan is not current support."), "active"),
        AttributeSpec("functional_fit", "integer", N_("How well it does the job, 1-4."), minimum=1, maximum=4),
        AttributeSpec("technical_fit", "integer", N_("How sound it is technically, 1-4."), minimum=1, maximum=4),
        _CRITICALITY,
        AttributeSpec("contract_end", "date", N_("When the current contract ends (YYYY-MM-DD).")),
        AttributeSpec("notice_months", "integer", N_("Notice period before contract_end, in months."), minimum=0),
        AttributeSpec("hosting", "text", N_("Where it runs: saas, on-premise, hybrid...")),
        _choice("data_location", DataLocation, N_("Where its data is kept.")),
        AttributeSpec("processes_personal_data", "boolean", N_("It processes personal data.")),
        AttributeSpec("dpa_signed", "boolean", N_("A processing agreement (verwerkersovereenkomst) is signed.")),
    ),
    ElementKind.APPLICATION_FUNCTION: (),
    ElementKind.OTHER: (
        AttributeSpec("junction_type", "choice", N_("And or Or, for junctions."), choices=("and", "or")),
    ),
}
"""The typed attributes each element kind may carry. Free key/value pairs go in properties."""

RELATION_ATTRIBUTES: dict[RelationKind, tuple[AttributeSpec, ...]] = {
    RelationKind.CONTRIBUTES_TO: (
        AttributeSpec("influence_strength", "text", N_("ArchiMate strength, when the link is an Influence.")),
    ),
    RelationKind.ACCESSES: (
        _choice("access", AccessType, N_("How the information is used."), "access"),
    ),
    RelationKind.FLOWS_TO: (
        AttributeSpec("carries", "list", N_("Ids of the information the flow carries; none means all.")),
    ),
    RelationKind.OTHER: (
        _choice("access", AccessType, N_("ArchiMate accessType of a carried access relation.")),
        AttributeSpec("directed", "boolean", N_("ArchiMate isDirected of an association.")),
        AttributeSpec("influence_strength", "text", N_("ArchiMate strength of an influence.")),
    ),
}
"""The typed attributes each relation kind may carry."""


_SPEC_INDEX = {kind: {s.name: s for s in specs} for kind, specs in ATTRIBUTES.items()}
_REL_SPEC_INDEX = {kind: {s.name: s for s in specs} for kind, specs in RELATION_ATTRIBUTES.items()}

_TRUE = {"true", "yes", "y", "1", "ja", "j", "waar"}
_FALSE = {"false", "no", "n", "0", "nee", "onwaar"}


def attribute_spec(kind: ElementKind, name: str) -> AttributeSpec | None:
    """The spec of attribute ``name`` on ``kind``, or None if the kind has no such attribute."""
    return _SPEC_INDEX.get(kind, {}).get(name)


def relation_attribute_spec(kind: RelationKind, name: str) -> AttributeSpec | None:
    """The spec of attribute ``name`` on relations of ``kind``, or None."""
    return _REL_SPEC_INDEX.get(kind, {}).get(name)


def coerce_attribute(kind: ElementKind, name: str, value: Any) -> Any:
    """Return ``value`` as the typed value of attribute ``name`` of ``kind``.

    Raises ``KeyError`` when the kind has no such attribute and ``ValueError`` (whose message
    says what is expected) when the value does not fit. ``None`` and ``""`` clear the attribute
    and come back as ``None``.

    >>> coerce_attribute(ElementKind.APPLICATION, "lifecycle", "Phase-out")
    'phase-out'
    >>> coerce_attribute(ElementKind.ACTIVITY, "needs_support", "nee")
    False
    """
    spec = attribute_spec(kind, name)
    if spec is None:
        raise KeyError(name)
    return coerce_value(spec, value)


def coerce_relation_attribute(kind: RelationKind, name: str, value: Any) -> Any:
    """Like :func:`coerce_attribute`, for relation attributes."""
    spec = relation_attribute_spec(kind, name)
    if spec is None:
        raise KeyError(name)
    return coerce_value(spec, value)


def coerce_value(spec: AttributeSpec, value: Any) -> Any:
    """Coerce ``value`` to the type ``spec`` describes; ``ValueError`` says what was expected."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    kind = spec.type
    if kind == "text":
        if isinstance(value, (dict, list, tuple, bool)):
            raise ValueError(f"{spec.name} must be text")
        return str(value)
    if kind == "choice":
        text = str(value).strip()
        for choice in spec.choices:
            if text.lower() == choice.lower():
                return choice
        raise ValueError(f"{spec.name} must be one of: {', '.join(spec.choices)}")
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"{spec.name} must be true or false")
    if kind in ("number", "integer"):
        return _coerce_number(spec, value)
    if kind == "date":
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        try:
            return _dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            raise ValueError(f"{spec.name} must be a date written YYYY-MM-DD") from None
    if kind == "list":
        if isinstance(value, str):
            items = [part.strip() for part in value.replace(";", "|").split("|")]
        elif isinstance(value, (list, tuple)):
            items = [str(part).strip() for part in value]
        else:
            raise ValueError(f"{spec.name} must be a list of ids")
        return tuple(item for item in items if item)
    raise ValueError(f"{spec.name} has an unknown type {kind}")  # pragma: no cover


def _coerce_number(spec: AttributeSpec, value: Any) -> float | int:
    if isinstance(value, bool):
        raise ValueError(f"{spec.name} must be a number")
    number: float
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an integer of hundreds of digits
            raise ValueError(f"{spec.name} must be a number of a sensible size") from None
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{spec.name} must be a number, not {str(value)[:40]!r}") from None
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{spec.name} must be a finite number")
    if spec.minimum is not None and number < spec.minimum:
        raise ValueError(f"{spec.name} must be at least {spec.minimum:g}")
    if spec.maximum is not None and number > spec.maximum:
        raise ValueError(f"{spec.name} must be at most {spec.maximum:g}")
    if spec.type == "integer":
        if number != int(number):
            raise ValueError(f"{spec.name} must be a whole number")
        return int(number)
    return number
