"""The words of the model: element kinds, relation kinds, attributes and their ArchiMate names.

This module is the single source of truth for what a fora-model can hold. Readers, writers,
editors and analyses all look their vocabulary up here.

Examples
--------
>>> ElementKind("activity").default_archimate_type
'BusinessProcess'
>>> RelationKind.SUPPORTS.default_archimate_type
'ServingRelationship'
>>> coerce_attribute(ElementKind.APPLICATION, "annual_cost", "12000")
12000.0
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass
from enum import Enum
from typing import Any

__all__ = [
    "ATTRIBUTES",
    "CURRENT_LIFECYCLES",
    "RELATION_ATTRIBUTES",
    "RETIRING_LIFECYCLES",
    "SUPPORTABLE_KINDS",
    "SUPPORTER_KINDS",
    "AccessType",
    "AttributeSpec",
    "Criticality",
    "DataLocation",
    "ElementKind",
    "Lifecycle",
    "RelationKind",
    "Sensitivity",
    "article",
    "attribute_spec",
    "coerce_attribute",
    "coerce_relation_attribute",
    "relation_attribute_spec",
]


class ElementKind(str, Enum):
    """What an element is in FORA terms.

    ``OTHER`` holds any ArchiMate concept that has no FORA kind (a Node, a Junction, a Location...):
    it is carried untouched so that an import followed by an export loses nothing.
    """

    GOAL = "goal"
    PROCESS = "process"
    ACTIVITY = "activity"
    INFORMATION = "information"
    SYSTEM_TYPE = "system_type"
    APPLICATION = "application"
    APPLICATION_FUNCTION = "application_function"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The user's word for the kind, e.g. ``"system type"``."""
        return _ELEMENT_LABELS[self]

    @property
    def a_label(self) -> str:
        """The label with its indefinite article: ``"an activity"``, ``"a goal"``."""
        return article(self.label)

    @property
    def default_archimate_type(self) -> str:
        """The ArchiMate type a new element of this kind gets (DOMAIN §4)."""
        return _ELEMENT_ARCHIMATE[self]

    @property
    def default_specialization(self) -> str | None:
        """The Archi specialization a new element of this kind gets, if any."""
        return _ELEMENT_SPECIALIZATION.get(self)

    def __str__(self) -> str:
        return self.value


class RelationKind(str, Enum):
    """What a relation means in FORA terms; ``OTHER`` carries any other ArchiMate relation."""

    CONTRIBUTES_TO = "contributes_to"
    COMPOSED_OF = "composed_of"
    ACCESSES = "accesses"
    SUPPORTS = "supports"
    REALIZES = "realizes"
    ASSIGNED_TO = "assigned_to"
    FLOWS_TO = "flows_to"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The user's words for the relation, e.g. ``"composed of"``."""
        return self.value.replace("_", " ")

    @property
    def default_archimate_type(self) -> str:
        """The Archi relationship class a new relation of this kind gets."""
        return _RELATION_ARCHIMATE[self]

    def __str__(self) -> str:
        return self.value


class AccessType(str, Enum):
    """How an element accesses information (ArchiMate accessType)."""

    READ = "read"
    WRITE = "write"
    READWRITE = "readwrite"
    ACCESS = "access"

    @property
    def writes(self) -> bool:
        """True for ``write`` and ``readwrite``."""
        return self in (AccessType.WRITE, AccessType.READWRITE)

    def __str__(self) -> str:
        return self.value


class Lifecycle(str, Enum):
    """Where an application is in its life. ``plan`` is not (yet) current support."""

    PLAN = "plan"
    PHASE_IN = "phase-in"
    ACTIVE = "active"
    PHASE_OUT = "phase-out"
    END_OF_LIFE = "end-of-life"

    def __str__(self) -> str:
        return self.value


class Criticality(str, Enum):
    """How much the school depends on an element or application."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    def __str__(self) -> str:
        return self.value


class DataLocation(str, Enum):
    """Where an application keeps its data."""

    NL = "NL"
    EU = "EU"
    OUTSIDE_EU = "outside EU"

    def __str__(self) -> str:
        return self.value


class Sensitivity(str, Enum):
    """How sensitive a piece of information is."""

    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"
    SPECIAL = "special"

    def __str__(self) -> str:
        return self.value


CURRENT_LIFECYCLES = frozenset(
    {Lifecycle.PHASE_IN, Lifecycle.ACTIVE, Lifecycle.PHASE_OUT, Lifecycle.END_OF_LIFE}
)
"""Lifecycles whose applications count as current support (everything but ``plan``)."""

RETIRING_LIFECYCLES = frozenset({Lifecycle.PHASE_OUT, Lifecycle.END_OF_LIFE})
"""Lifecycles that still support but are flagged in reports."""

SUPPORTER_KINDS = frozenset(
    {ElementKind.APPLICATION, ElementKind.SYSTEM_TYPE, ElementKind.APPLICATION_FUNCTION}
)
SUPPORTABLE_KINDS = frozenset({ElementKind.PROCESS, ElementKind.ACTIVITY})

_ELEMENT_LABELS = {
    ElementKind.GOAL: "goal",
    ElementKind.PROCESS: "process",
    ElementKind.ACTIVITY: "activity",
    ElementKind.INFORMATION: "information",
    ElementKind.SYSTEM_TYPE: "system type",
    ElementKind.APPLICATION: "application",
    ElementKind.APPLICATION_FUNCTION: "application function",
    ElementKind.OTHER: "other concept",
}
_ELEMENT_ARCHIMATE = {
    ElementKind.GOAL: "Goal",
    ElementKind.PROCESS: "BusinessFunction",
    ElementKind.ACTIVITY: "BusinessProcess",
    ElementKind.INFORMATION: "BusinessObject",
    ElementKind.SYSTEM_TYPE: "ApplicationComponent",
    ElementKind.APPLICATION: "ApplicationComponent",
    ElementKind.APPLICATION_FUNCTION: "ApplicationFunction",
    ElementKind.OTHER: "Grouping",
}
_ELEMENT_SPECIALIZATION = {
    ElementKind.SYSTEM_TYPE: "Referentiecomponent",
    ElementKind.APPLICATION: "Applicatie",
}
_RELATION_ARCHIMATE = {
    RelationKind.CONTRIBUTES_TO: "RealizationRelationship",
    RelationKind.COMPOSED_OF: "CompositionRelationship",
    RelationKind.ACCESSES: "AccessRelationship",
    RelationKind.SUPPORTS: "ServingRelationship",
    RelationKind.REALIZES: "RealizationRelationship",
    RelationKind.ASSIGNED_TO: "AssignmentRelationship",
    RelationKind.FLOWS_TO: "FlowRelationship",
    RelationKind.OTHER: "AssociationRelationship",
}


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    """One typed attribute: its name, value type and allowed values.

    ``type`` is one of ``"text"``, ``"number"``, ``"integer"``, ``"boolean"``, ``"date"``,
    ``"choice"`` or ``"list"`` (a list of ids).
    """

    name: str
    type: str
    description: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    default: Any = None
    unit: str = ""


def _choice(name: str, enum: type[Enum], description: str, default: Any = None) -> AttributeSpec:
    return AttributeSpec(
        name, "choice", description, tuple(str(m.value) for m in enum), default=default
    )


_CRITICALITY = _choice("criticality", Criticality, "How much the school depends on it.")
_NEEDS_SUPPORT = AttributeSpec(
    "needs_support",
    "boolean",
    "False for work that needs no system (governance, vision forming); such gaps are expected.",
    default=True,
)

ATTRIBUTES: dict[ElementKind, tuple[AttributeSpec, ...]] = {
    ElementKind.GOAL: (),
    ElementKind.PROCESS: (_NEEDS_SUPPORT, _CRITICALITY),
    ElementKind.ACTIVITY: (_NEEDS_SUPPORT, _CRITICALITY),
    ElementKind.INFORMATION: (
        AttributeSpec("personal_data", "boolean", "Holds personal data (GDPR/AVG).", default=False),
        _choice("sensitivity", Sensitivity, "How sensitive the information is."),
    ),
    ElementKind.SYSTEM_TYPE: (),
    ElementKind.APPLICATION: (
        AttributeSpec("vendor", "text", "Who supplies it."),
        AttributeSpec("annual_cost", "number", "Licence and running cost a year.", minimum=0, unit="EUR"),
        AttributeSpec("exit_cost", "number", "One-off cost of retiring it.", minimum=0, unit="EUR"),
        _choice("lifecycle", Lifecycle, "Where it is in its life; plan is not current support.", "active"),
        AttributeSpec("functional_fit", "integer", "How well it does the job, 1-4.", minimum=1, maximum=4),
        AttributeSpec("technical_fit", "integer", "How sound it is technically, 1-4.", minimum=1, maximum=4),
        _CRITICALITY,
        AttributeSpec("contract_end", "date", "When the current contract ends (YYYY-MM-DD)."),
        AttributeSpec("notice_months", "integer", "Notice period before contract_end, in months.", minimum=0),
        AttributeSpec("hosting", "text", "Where it runs: saas, on-premise, hybrid..."),
        _choice("data_location", DataLocation, "Where its data is kept."),
        AttributeSpec("processes_personal_data", "boolean", "It processes personal data."),
        AttributeSpec("dpa_signed", "boolean", "A processing agreement (verwerkersovereenkomst) is signed."),
    ),
    ElementKind.APPLICATION_FUNCTION: (),
    ElementKind.OTHER: (
        AttributeSpec("junction_type", "choice", "And or Or, for junctions.", choices=("and", "or")),
    ),
}
"""The typed attributes each element kind may carry. Free key/value pairs go in properties."""

RELATION_ATTRIBUTES: dict[RelationKind, tuple[AttributeSpec, ...]] = {
    RelationKind.CONTRIBUTES_TO: (
        AttributeSpec("influence_strength", "text", "ArchiMate strength, when the link is an Influence."),
    ),
    RelationKind.ACCESSES: (
        _choice("access", AccessType, "How the information is used.", "access"),
    ),
    RelationKind.FLOWS_TO: (
        AttributeSpec("carries", "list", "Ids of the information the flow carries; none means all."),
    ),
    RelationKind.OTHER: (
        _choice("access", AccessType, "ArchiMate accessType of a carried access relation."),
        AttributeSpec("directed", "boolean", "ArchiMate isDirected of an association."),
        AttributeSpec("influence_strength", "text", "ArchiMate strength of an influence."),
    ),
}
"""The typed attributes each relation kind may carry."""

def article(words: str) -> str:
    """``words`` with ``a`` or ``an`` in front.

    >>> article("activity"), article("system type")
    ('an activity', 'a system type')
    """
    return ("an " if words[:1].lower() in "aeiou" else "a ") + words


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
        number = float(value)
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
