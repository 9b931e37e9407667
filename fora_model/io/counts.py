"""How much a model holds, counted part by part, so a trip through a format can be checked for losses.

:func:`count_content` counts what every format is asked to keep: concepts, their properties and
documentation, and of the views and folders in ``Model.extras`` every view, diagram object,
connection, bendpoint and text. Two counts of the same model read from two formats are equal
exactly where neither format lost anything; a key that differs names what was lost.

>>> from fora_model.model import Element, Model
>>> m = Model(id="m1", name="School")
>>> _ = m.add_element(Element.new("application", "Magister", id="a1", properties=(("owner", "ICT"),)))
>>> m.set_header(extras={"views": [{"id": "v1", "name": "Apps", "nodes": [
...     {"id": "n1", "element": "a1", "x": 0, "y": 0, "w": 120, "h": 55},
...     {"id": "n2", "label": "", "group": True, "x": 0, "y": 100, "w": 200, "h": 100}], "connections": []}]})
>>> c = count_content(m)
>>> (c["elements"], c["properties"], c["views"], c["nodes"], c["groups"], c["empty groups"])
(1, 1, 1, 2, 1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..model import Model

__all__ = ["count_content"]


def count_content(model: Model) -> dict[str, int]:
    """Every countable part of ``model``, by name.

    Returns
    -------
    dict
        ``elements``, ``relations``; ``properties`` and ``documentation`` of the model and its
        concepts (a documentation counts when it is not empty), and ``attributes`` (the typed
        attributes of concepts: costs, access types, junction types...); ``views``, ``sketch views``,
        ``nodes`` (diagram objects at any depth), ``element nodes``, ``groups``, ``empty groups``,
        ``notes``, ``references`` (pictures of another view), ``sketch objects``, ``connections``,
        ``relationship connections``, ``connections to connections``, ``bendpoints``,
        ``view properties`` and ``view documentation`` (of views, diagram objects and
        connections); ``folders`` (at any depth), ``folder properties`` and ``folder documentation``.
    """
    counts = dict.fromkeys((
        "elements", "relations", "properties", "attributes", "documentation", "views", "sketch views", "nodes",
        "element nodes", "groups", "empty groups", "notes", "references", "sketch objects", "connections",
        "relationship connections", "connections to connections", "bendpoints", "view properties",
        "view documentation", "folders", "folder properties", "folder documentation"), 0)
    concepts: list[Any] = [*model.elements.values(), *model.relations.values()]
    counts["elements"], counts["relations"] = len(model.elements), len(model.relations)
    counts["properties"] = len(model.properties) + sum(len(c.properties) for c in concepts)
    counts["attributes"] = sum(len(c.attributes) for c in concepts)
    counts["documentation"] = bool(model.documentation) + sum(bool(c.documentation) for c in concepts)
    for view in model.extras.get("views") or []:
        _count_view(view, counts)
    stack: list[Mapping[str, Any]] = list(model.extras.get("folders") or [])
    while stack:
        folder = stack.pop()
        if "name" in folder:  # not the loose top-level item list of an exchange file
            counts["folders"] += 1
        counts["folder properties"] += len(folder.get("properties", ()))
        counts["folder documentation"] += bool(folder.get("documentation"))
        stack += folder.get("folders", ())
    return counts


def _texts(part: Mapping[str, Any], counts: dict[str, int]) -> None:
    counts["view properties"] += len(part.get("properties", ()))
    counts["view documentation"] += bool(part.get("documentation"))


def _count_view(view: Mapping[str, Any], counts: dict[str, int]) -> None:
    counts["views"] += 1
    counts["sketch views"] += view.get("type") == "sketch"
    _texts(view, counts)
    for node in _walk(view.get("nodes", ())):
        counts["nodes"] += 1
        _texts(node, counts)
        if node.get("element"):
            counts["element nodes"] += 1
        elif node.get("view"):
            counts["references"] += 1
        elif node.get("sketch"):
            counts["sketch objects"] += 1
        elif node.get("nodes") or node.get("group"):
            counts["groups"] += 1
            counts["empty groups"] += not node.get("nodes")
        else:
            counts["notes"] += 1
    connections = list(view.get("connections", ()))
    ids = {c.get("id") for c in connections}
    for connection in connections:
        counts["connections"] += 1
        counts["relationship connections"] += bool(connection.get("relationship"))
        counts["connections to connections"] += connection.get("source") in ids or connection.get("target") in ids
        counts["bendpoints"] += len(connection.get("bendpoints", ()))
        _texts(connection, counts)


def _walk(nodes: Iterable[Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    for node in nodes:
        yield node
        yield from _walk(node.get("nodes", ()))
