"""The words of the model: element kinds, relation kinds, their choices and ArchiMate names
(the typed attributes each kind has are in :mod:`fora_model.attributes`).

This module is the single source of truth for what a fora-model can hold. Readers, writers,
editors and analyses all look their vocabulary up here.

Examples
--------
>>> ElementKind("activity").default_archimate_type
'BusinessProcess'
>>> RelationKind.SUPPORTS.default_archimate_type
'ServingRelationship'
>>> Lifecycle("phase-out") in RETIRING_LIFECYCLES
True
"""

from __future__ import annotations

from enum import Enum

from .i18n import N_, _, current_language

__all__ = [
    "CURRENT_LIFECYCLES",
    "RETIRING_LIFECYCLES",
    "SUPPORTABLE_KINDS",
    "SUPPORTER_KINDS",
    "AccessType",
    "Criticality",
    "DataLocation",
    "ElementKind",
    "Lifecycle",
    "RelationKind",
    "Sensitivity",
    "a_term",
    "article",
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
    def term(self) -> str:
        """The label in the current language (:mod:`fora_model.i18n`): ``"applicatiesoort"`` in Dutch."""
        return _(self.label)

    @property
    def a_term(self) -> str:
        """:attr:`term` with its indefinite article (``"een activiteit"``, ``"an activity"``)."""
        return a_term(self.term)

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
    def term(self) -> str:
        """The label in the current language (``"bestaat uit"`` in Dutch)."""
        return _(self.label)

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
    ElementKind.GOAL: N_("goal"),
    ElementKind.PROCESS: N_("process"),
    ElementKind.ACTIVITY: N_("activity"),
    ElementKind.INFORMATION: N_("information"),
    ElementKind.SYSTEM_TYPE: N_("system type"),
    ElementKind.APPLICATION: N_("application"),
    ElementKind.APPLICATION_FUNCTION: N_("application function"),
    ElementKind.OTHER: N_("other concept"),
}
_RELATION_TERMS = (N_("contributes to"), N_("composed of"), N_("accesses"), N_("supports"), N_("realizes"),
                   N_("assigned to"), N_("flows to"), N_("other"))
"""The relation labels, marked for the catalogue (:attr:`RelationKind.term` looks them up)."""
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

def article(words: str) -> str:
    """``words`` with ``a`` or ``an`` in front.

    >>> article("activity"), article("system type")
    ('an activity', 'a system type')
    """
    return ("an " if words[:1].lower() in "aeiou" else "a ") + words


def a_term(words: str) -> str:
    """``words`` with the indefinite article of the current language (Dutch: always ``een``).

    >>> from fora_model.i18n import use_language
    >>> a_term("activity"), ElementKind.SYSTEM_TYPE.a_term
    ('an activity', 'a system type')
    >>> with use_language("nl"):
    ...     a_term("activiteit"), ElementKind.SYSTEM_TYPE.a_term, RelationKind.COMPOSED_OF.term
    ('een activiteit', 'een applicatiesoort', 'bestaat uit')
    """
    return "een " + words if current_language() == "nl" else article(words)
