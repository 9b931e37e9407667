"""What a model carries besides its concepts (``Model.extras``), and what each format keeps of it.

Keys used by the interchange formats:

``views``
    diagrams, as ``[{"id", "name", "documentation", "viewpoint", "properties", "nodes",
    "connections"}]``; a node is ``{"id", "element" | "label", "x", "y", "w", "h", "nodes"}``, a
    connection ``{"id", "relationship" | "label", "source", "target", "bendpoints"}``.
``folders``
    the model tree: ``[{"name", "id", "type", "documentation", "items", "folders"}]`` where
    ``items`` are ids of concepts and views.
``property_types``
    property key → exchange-format data type, for keys that are not ``string``.
``language``
    the language of the model's main names when it is not ``en`` (``""``: none stated).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import Finding, Reason, Severity
from ..model import Model, prune_views

__all__ = ["count_nodes", "dropped_extras", "repair_views"]


def count_nodes(nodes: Iterable[Mapping[str, Any]]) -> int:
    """Number of nodes in a view's node tree."""
    return sum(1 + count_nodes(n.get("nodes", ())) for n in nodes)


def dropped_extras(extras: Mapping[str, Any], fmt: str, keeps: Iterable[str]) -> list[Finding]:
    """A warning for each part of ``extras`` that ``fmt`` cannot hold (it is left out of the file)."""
    kept = set(keeps)
    findings: list[Finding] = []
    for key, value in extras.items():
        if key in kept or not value:
            continue
        if key == "views":
            what = f"{len(value)} view(s)"
        elif key == "folders":
            what = "the folder tree"
        elif key == "property_types":
            what = f"the data types of {len(value)} property key(s)"
        elif key == "language":
            what = f"the main language {value!r}"
        else:
            what = f"the model's {key!r}"
        findings.append(Finding(Severity.WARNING, Reason.DROPPED, "", f"{fmt} cannot hold {what}; not written",
                                "export to exchange XML, .archimate, .xlsx or .json to keep it"))
    return findings


def repair_views(model: Model, source: str = "") -> list[Finding]:
    """Take out of ``model``'s views every diagram object that refers to something missing; a warning each.

    A node showing an element the model does not have goes with its nested nodes; a connection showing a
    missing relation, or ending on a node or connection the view does not have, goes too. This is what a
    removal does, so a file read with such references is written back without them.
    """
    views = model.extras.get("views")
    if not views:
        return []
    findings: list[Finding] = []
    gone: set[str] = set()
    for view in views:
        where = f"view {view.get('name', '')!r} ({view.get('id', '')})"
        for node in _walk(view.get("nodes", ())):
            element = node.get("element")
            if element and element not in model.elements:
                gone.add(element)
                findings.append(Finding(
                    Severity.WARNING, Reason.DANGLING_ENDPOINT, element,
                    f"{where} shows element {element!r} (diagram object {node.get('id', '')!r}), which is not in "
                    "the model; the diagram object and its connections were removed",
                    "add the element to the model or take it out of the view", source))
        for connection in view.get("connections", ()):
            relation = connection.get("relationship")
            if relation and relation not in model.relations:
                gone.add(relation)
                findings.append(Finding(
                    Severity.WARNING, Reason.DANGLING_ENDPOINT, relation,
                    f"{where} shows relation {relation!r} (connection {connection.get('id', '')!r}), which is not "
                    "in the model; the connection was removed",
                    "add the relation to the model or take it out of the view", source))
    repaired = prune_views(views, gone) if gone else [dict(v) for v in views]
    for view in repaired:
        findings.extend(_drop_loose_connections(view, source))
    if gone or findings:
        model.set_header(extras={**model.extras, "views": repaired})
    return findings


def _walk(nodes: Iterable[Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    for node in nodes:
        yield node
        yield from _walk(node.get("nodes", ()))


def _drop_loose_connections(view: dict[str, Any], source: str) -> list[Finding]:
    """Remove connections whose source or target is neither a node nor a kept connection of ``view``."""
    if "connections" not in view:
        return []
    ends = {node.get("id") for node in _walk(view.get("nodes", ()))}
    connections = list(view["connections"])
    ends.update(c.get("id") for c in connections)
    findings: list[Finding] = []
    while True:
        loose = [c for c in connections if c.get("source") not in ends or c.get("target") not in ends]
        if not loose:
            break
        for c in loose:
            ends.discard(c.get("id"))
            findings.append(Finding(
                Severity.WARNING, Reason.DANGLING_ENDPOINT, c.get("relationship") or c.get("id", ""),
                f"connection {c.get('id', '')!r} in view {view.get('name', '')!r} ends on "
                f"{c.get('source')!r} → {c.get('target')!r}, which the view does not have; the connection was removed",
                "draw the connection again between objects of the view", source))
        connections = [c for c in connections if not any(c is d for d in loose)]
    view["connections"] = connections
    return findings
