"""Which relationships ArchiMate allows between which concept types, as Archi ships the table.

The table (``archimate_relationships.xml``, ArchiMate 3.2 with derived relationships, MIT licence,
see ``LICENSE-archi.txt`` beside it) is the one Archi checks on every import. Readers refuse only
the relations it forbids; everything it allows is carried, analysed or not.

Types are Archi class names (``BusinessProcess``, ``ServingRelationship``); a relation used as an
endpoint has the type ``Relationship``.

>>> is_valid_relationship("ServingRelationship", "ApplicationComponent", "BusinessProcess")
True
>>> is_valid_relationship("ServingRelationship", "Goal", "BusinessProcess")
False
>>> "AssociationRelationship" in allowed_relationships("Relationship", "BusinessObject")
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from lxml import etree

__all__ = [
    "ELEMENT_TYPES",
    "RELATIONSHIP_TYPES",
    "allowed_relationships",
    "is_element_type",
    "is_relationship_type",
    "is_valid_relationship",
]

RELATIONSHIP_TYPES: tuple[str, ...] = (
    "AccessRelationship", "AggregationRelationship", "AssignmentRelationship", "AssociationRelationship",
    "CompositionRelationship", "FlowRelationship", "InfluenceRelationship", "RealizationRelationship",
    "ServingRelationship", "SpecializationRelationship", "TriggeringRelationship",
)
"""The eleven ArchiMate relationships, by Archi class name."""

_LETTERS = {
    "a": "AccessRelationship", "c": "CompositionRelationship", "f": "FlowRelationship",
    "g": "AggregationRelationship", "i": "AssignmentRelationship", "n": "InfluenceRelationship",
    "o": "AssociationRelationship", "r": "RealizationRelationship", "s": "SpecializationRelationship",
    "t": "TriggeringRelationship", "v": "ServingRelationship",
}


@cache
def _table() -> dict[tuple[str, str], frozenset[str]]:
    data = resources.files(__package__).joinpath("archimate_relationships.xml").read_bytes()
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    table: dict[tuple[str, str], frozenset[str]] = {}
    for source in root.iter("source"):
        for target in source.iter("target"):
            letters = target.get("relations") or ""
            table[(source.get("concept") or "", target.get("concept") or "")] = frozenset(
                _LETTERS[c] for c in letters if c in _LETTERS
            )
    return table


@cache
def _element_types() -> frozenset[str]:
    return frozenset(s for s, _ in _table()) - {"Relationship"}


ELEMENT_TYPES = _element_types()
"""Every ArchiMate element type Archi knows (``Junction`` included), by class name."""


def is_element_type(name: str) -> bool:
    """True for an ArchiMate element type name (Archi class name)."""
    return name in ELEMENT_TYPES


def is_relationship_type(name: str) -> bool:
    """True for an ArchiMate relationship type name (Archi class name)."""
    return name in _RELATIONSHIP_SET


_RELATIONSHIP_SET = frozenset(RELATIONSHIP_TYPES)


def allowed_relationships(source_type: str, target_type: str) -> frozenset[str]:
    """The relationship types ArchiMate allows from ``source_type`` to ``target_type``."""
    return _table().get((source_type, target_type), frozenset())


def is_valid_relationship(relationship_type: str, source_type: str, target_type: str) -> bool:
    """True when ArchiMate allows this relationship between these concept types."""
    return relationship_type in allowed_relationships(source_type, target_type)
