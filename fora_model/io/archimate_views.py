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
    view["connections"] = connections
    return view

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
            if any(local_name(b.tag) == "bendpoint" for b in link):
                skipped["bendpoint"] = skipped.get("bendpoint", 0) + 1
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
    for connection in view.get("connections", []):
        by_source.setdefault(connection["source"], []).append(connection)
    for child in view.get("nodes", []):
        _diagram_child(node, child, 0, 0, by_source)
    return node


def _diagram_child(parent: Any, data: dict[str, Any], dx: int, dy: int,
                   by_source: dict[str, list[dict[str, Any]]]) -> None:
    child = etree.SubElement(parent, "child")
    if data.get("element"):
        child.set(_TYPE, "archimate:DiagramObject")
    elif data.get("nodes"):
        child.set(_TYPE, "archimate:Group")
        child.set("name", data.get("label", ""))
    else:
        child.set(_TYPE, "archimate:Note")
    child.set("id", data["id"])
    for connection in by_source.get(data["id"], []):
        link = etree.SubElement(child, "sourceConnection", id=connection["id"], source=connection["source"],
                                target=connection["target"])
        plain = "archimate:DiagramModelConnection"
        link.set(_TYPE, "archimate:Connection" if connection.get("relationship") else plain)
        if connection.get("label"):
            link.set("name", connection["label"])
        if connection.get("relationship"):
            link.set("archimateRelationship", connection["relationship"])
    if data.get("element"):
        child.set("archimateElement", data["element"])
    x, y = int(data.get("x", 0)), int(data.get("y", 0))
    etree.SubElement(child, "bounds", x=str(x - dx), y=str(y - dy), width=str(data.get("w", -1)),
                     height=str(data.get("h", -1)))
    if not data.get("element") and not data.get("nodes"):
        etree.SubElement(child, "content").text = data.get("label", "")
    for nested in data.get("nodes", []):
        _diagram_child(child, nested, x, y, by_source)
