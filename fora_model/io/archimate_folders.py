"""Archi's model tree: the top-level folder of each ArchiMate type, and placing concepts in it.

>>> layer_of("BusinessProcess"), layer_of("ServingRelationship"), layer_of("Junction")
('business', 'relations', 'other')
"""

from __future__ import annotations

import copy
from typing import Any

from .concepts import RawModel

__all__ = ["FOLDER_NAMES", "layer_of", "place_in_folders"]

FOLDER_NAMES: dict[str, str] = {
    "strategy": "Strategy",
    "business": "Business",
    "application": "Application",
    "technology": "Technology & Physical",
    "motivation": "Motivation",
    "implementation_migration": "Implementation & Migration",
    "other": "Other",
    "relations": "Relations",
    "diagrams": "Views",
}
"""Archi's top-level folder types, in Archi's order, with their default names."""

_LAYERS = {
    "strategy": {"Resource", "Capability", "ValueStream", "CourseOfAction"},
    "business": {"BusinessActor", "BusinessRole", "BusinessCollaboration", "BusinessInterface", "BusinessProcess",
                 "BusinessFunction", "BusinessInteraction", "BusinessEvent", "BusinessService", "BusinessObject",
                 "Contract", "Representation", "Product"},
    "application": {"ApplicationComponent", "ApplicationCollaboration", "ApplicationInterface", "ApplicationFunction",
                    "ApplicationInteraction", "ApplicationProcess", "ApplicationEvent", "ApplicationService",
                    "DataObject"},
    "technology": {"Node", "Device", "SystemSoftware", "TechnologyCollaboration", "TechnologyInterface", "Path",
                   "CommunicationNetwork", "TechnologyFunction", "TechnologyProcess", "TechnologyInteraction",
                   "TechnologyEvent", "TechnologyService", "Artifact", "Equipment", "Facility",
                   "DistributionNetwork", "Material"},
    "motivation": {"Stakeholder", "Driver", "Assessment", "Goal", "Outcome", "Principle", "Requirement",
                   "Constraint", "Meaning", "Value"},
    "implementation_migration": {"WorkPackage", "Deliverable", "ImplementationEvent", "Plateau", "Gap"},
}
_LAYER_OF = {t: layer for layer, types in _LAYERS.items() for t in types}


def layer_of(archimate_type: str) -> str:
    """The top-level folder type a concept of ``archimate_type`` belongs in."""
    if archimate_type.endswith("Relationship"):
        return "relations"
    if archimate_type.endswith("Model"):
        return "diagrams"
    return _LAYER_OF.get(archimate_type, "other")


def _first_item(folder: dict[str, Any]) -> list[str]:
    items = list(folder.get("items", []))
    for sub in folder.get("folders", []):
        items += _first_item(sub)
    return items


def place_in_folders(raw: RawModel, folders: list[dict[str, Any]], views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The folder tree to write: the stored one (types filled in, missing concepts added, stale ids
    removed) under exactly one top-level folder of each Archi type."""
    layer = {c.id: layer_of(c.type) for c in [*raw.elements, *raw.relations]}
    layer.update((v["id"], "diagrams") for v in views)
    names = {name.lower(): kind for kind, name in FOLDER_NAMES.items()}
    tops: dict[str, dict[str, Any]] = {}
    extra: list[tuple[str, dict[str, Any]]] = []
    placed: set[str] = set()

    def rebuild(folder: dict[str, Any]) -> dict[str, Any]:
        kept = [i for i in folder.get("items", []) if i in layer and i not in placed]
        placed.update(kept)
        head = {k: v for k, v in folder.items() if k not in ("items", "folders")}
        subs = [rebuild(s) for s in folder.get("folders", [])]
        if subs:
            head["folders"] = subs
        if kept:
            head["items"] = kept
        return head

    for folder in copy.deepcopy(folders):
        kind = folder.get("type")
        if kind not in FOLDER_NAMES:
            members = [layer[i] for i in _first_item(folder) if i in layer]
            kind = members[0] if members else names.get(str(folder.get("name", "")).lower(), "other")
        if kind in tops:
            extra.append((kind, folder))
        else:
            folder["type"] = kind
            tops[kind] = rebuild(folder)
    for kind, folder in extra:
        folder.pop("type", None)
        tops[kind].setdefault("folders", []).append(rebuild(folder))
    for kind, name in FOLDER_NAMES.items():
        tops.setdefault(kind, {"name": name, "type": kind})
    for identifier, kind in layer.items():
        if identifier not in placed:
            tops[kind].setdefault("items", []).append(identifier)
            placed.add(identifier)
    return [tops[kind] for kind in FOLDER_NAMES]
