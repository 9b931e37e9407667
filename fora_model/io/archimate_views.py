"""Archi diagrams (``ArchimateDiagramModel``) to and from the views of ``Model.extras``.

Archi places a nested object relative to its parent; views in ``Model.extras`` use absolute
coordinates (as the exchange format does), so reading adds the parents' offsets and writing
subtracts them. Elements, groups, notes and connections are kept; other diagram objects and
connection bendpoints are counted in ``skipped`` so the reader can report them.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

__all__ = ["ARCHI_NS", "XSI", "local_name", "read_diagram", "reference", "type_of", "view_node"]

ARCHI_NS = "http://www.archimatetool.com/archimate"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_TYPE = f"{{{XSI}}}type"
_STYLE = ("fillColor", "lineColor", "font", "fontColor", "textAlignment", "textPosition", "lineWidth", "alpha",
          "gradient", "iconColor", "borderType")


def local_name(name: str | None) -> str:
    """``{ns}tag`` or ``prefix:Type`` without its namespace or prefix."""
    return (name or "").rpartition("}")[2].rpartition(":")[2]


def type_of(node: Any) -> str:
    """The Archi type of a node: its ``xsi:type``, else its tag (coArchi files)."""
    return local_name(node.get(_TYPE)) or local_name(node.tag)


def reference(node: Any, name: str) -> str:
    """An id given as an attribute, or as a child ``<name href="file.xml#id"/>`` (coArchi)."""
    value = node.get(name)
    if value:
        return str(value)
    for child in node:
        if local_name(child.tag) == name:
            return str(child.get("href", "")).rpartition("#")[2]
    return ""


def _int(text: str | None, default: int) -> int:
    try:
        return int(float(text)) if text is not None else default
    except ValueError:
        return default


def read_diagram(node: Any, skipped: dict[str, int]) -> dict[str, Any]:
    view: dict[str, Any] = {"id": node.get("id", ""), "name": node.get("name", "")}
    properties = []
    for child in node:
        tag = local_name(child.tag)
        if tag == "documentation" and child.text:
            view["documentation"] = child.text
        elif tag == "property":
            properties.append([child.get("key", ""), child.get("value", "")])
    if node.get("viewpoint"):
        view["viewpoint"] = node.get("viewpoint")
    if properties:
        view["properties"] = properties
    connections: list[dict[str, Any]] = []
    view["nodes"] = _children(node, 0, 0, connections, skipped)
    centres = _centres(view["nodes"])
    for connection in connections:
        relative = connection.pop("bendpoints", None)
        if not relative:
            continue
        ends = centres.get(connection["source"]), centres.get(connection["target"])
        if ends[0] is None or ends[1] is None:
            skipped["bendpoint"] = skipped.get("bendpoint", 0) + len(relative)
            continue
        connection["bendpoints"] = _absolute(relative, ends[0], ends[1])
    view["connections"] = connections
    return view


_DEFAULT_SIZE = {"element": (120, 55), "group": (400, 140), "note": (185, 80)}


def _centres(nodes: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Absolute centre of every node of a view, with Archi's default sizes for ``-1``."""
    out: dict[str, tuple[int, int]] = {}
    for node in nodes:
        shape = "element" if node.get("element") else "group" if node.get("nodes") else "note"
        w, h = node.get("w", -1), node.get("h", -1)
        w = _DEFAULT_SIZE[shape][0] if w is None or w < 0 else w
        h = _DEFAULT_SIZE[shape][1] if h is None or h < 0 else h
        out[node["id"]] = (int(node.get("x", 0)) + int(w) // 2, int(node.get("y", 0)) + int(h) // 2)
        out.update(_centres(node.get("nodes", [])))
    return out


def _absolute(relative: list[list[int]], source: tuple[int, int], target: tuple[int, int]) -> list[list[int]]:
    """Archi's bendpoints (offsets from the source and target centres, weighted along the line) as points."""
    n = len(relative)
    points = []
    for i, (sx, sy, ex, ey) in enumerate(relative):
        w = (i + 1) / (n + 1)
        points.append([round((1 - w) * (source[0] + sx) + w * (target[0] + ex)),
                       round((1 - w) * (source[1] + sy) + w * (target[1] + ey))])
    return points

def _children(node: Any, dx: int, dy: int, connections: list[dict[str, Any]],
              skipped: dict[str, int]) -> list[dict[str, Any]]:
    out = []
    for child in node:
        if local_name(child.tag) != "child":
            continue
        kind = type_of(child)
        if kind not in ("DiagramObject", "Group", "Note"):
            skipped[kind] = skipped.get(kind, 0) + 1
            continue
        if any(name in child.attrib for name in _STYLE):
            skipped["style"] = skipped.get("style", 0) + 1
        item: dict[str, Any] = {"id": child.get("id", "")}
        element = reference(child, "archimateElement")
        if element:
            item["element"] = element
        elif kind == "Group":
            item["label"] = child.get("name", "")
        else:
            content = next((c for c in child if local_name(c.tag) == "content"), None)
            item["label"] = "" if content is None else (content.text or "")
        bounds = next((c for c in child if local_name(c.tag) == "bounds"), None)
        box = {} if bounds is None else dict(bounds.attrib)
        item["x"], item["y"] = _int(box.get("x"), 0) + dx, _int(box.get("y"), 0) + dy
        item["w"], item["h"] = _int(box.get("width"), -1), _int(box.get("height"), -1)
        nested = _children(child, item["x"], item["y"], connections, skipped)
        if nested:
            item["nodes"] = nested
        for link in child:
            if local_name(link.tag) != "sourceConnection":
                continue
            connection: dict[str, Any] = {"id": link.get("id", "")}
            relationship = reference(link, "archimateRelationship")
            if relationship:
                connection["relationship"] = relationship
            if link.get("name"):
                connection["label"] = link.get("name")
            connection["source"], connection["target"] = link.get("source", ""), link.get("target", "")
            bends = [[_int(b.get(k), 0) for k in ("startX", "startY", "endX", "endY")]
                     for b in link if local_name(b.tag) == "bendpoint"]
            if bends:
                connection["bendpoints"] = bends  # relative until the view's nodes are all known
            connections.append(connection)
        out.append(item)
    return out


def view_node(tag: str, view: dict[str, Any], *, typed: bool = True) -> Any:
    """An Archi diagram node for a view of ``Model.extras["views"]``."""
    node = etree.Element(tag, nsmap={"archimate": ARCHI_NS, "xsi": XSI})
    if typed:
        node.set(_TYPE, "archimate:ArchimateDiagramModel")
    node.set("name", view.get("name", ""))
    node.set("id", view["id"])
    if view.get("viewpoint"):
        node.set("viewpoint", view["viewpoint"])
    if view.get("documentation"):
        etree.SubElement(node, "documentation").text = view["documentation"]
    for key, value in view.get("properties", []):
        etree.SubElement(node, "property", key=key, value=value)
    by_source: dict[str, list[dict[str, Any]]] = {}
    by_target: dict[str, list[str]] = {}
    centres = _centres(view.get("nodes", []))
    for connection in view.get("connections", []):
        by_source.setdefault(connection["source"], []).append({**connection, "_centres": centres})
        by_target.setdefault(connection["target"], []).append(connection["id"])
    for child in view.get("nodes", []):
        _diagram_child(node, child, 0, 0, by_source, by_target)
    return node


def _diagram_child(parent: Any, data: dict[str, Any], dx: int, dy: int,
                   by_source: dict[str, list[dict[str, Any]]], by_target: dict[str, list[str]]) -> None:
    child = etree.SubElement(parent, "child")
    if data.get("element"):
        child.set(_TYPE, "archimate:DiagramObject")
    elif data.get("nodes"):
        child.set(_TYPE, "archimate:Group")
        child.set("name", data.get("label", ""))
    else:
        child.set(_TYPE, "archimate:Note")
    child.set("id", data["id"])
    if by_target.get(data["id"]):
        child.set("targetConnections", " ".join(by_target[data["id"]]))
    for connection in by_source.get(data["id"], []):
        link = etree.SubElement(child, "sourceConnection", id=connection["id"], source=connection["source"],
                                target=connection["target"])
        plain = "archimate:DiagramModelConnection"
        link.set(_TYPE, "archimate:Connection" if connection.get("relationship") else plain)
        if connection.get("label"):
            link.set("name", connection["label"])
        if connection.get("relationship"):
            link.set("archimateRelationship", connection["relationship"])
        source, target = (connection["_centres"].get(connection[end]) for end in ("source", "target"))
        if source is not None and target is not None:
            for x, y in connection.get("bendpoints", []):
                etree.SubElement(link, "bendpoint", startX=str(int(x) - source[0]), startY=str(int(y) - source[1]),
                                 endX=str(int(x) - target[0]), endY=str(int(y) - target[1]))
    if data.get("element"):
        child.set("archimateElement", data["element"])
    x, y = int(data.get("x", 0)), int(data.get("y", 0))
    etree.SubElement(child, "bounds", x=str(x - dx), y=str(y - dy), width=str(data.get("w", -1)),
                     height=str(data.get("h", -1)))
    if not data.get("element") and not data.get("nodes"):
        etree.SubElement(child, "content").text = data.get("label", "")
    for nested in data.get("nodes", []):
        _diagram_child(child, nested, x, y, by_source, by_target)
