"""Diagrams in coArchi's XML (``ArchimateDiagramModel_<id>.xml``) to and from the views of ``Model.extras``.

coArchi saves Archi's EMF objects with their plain feature names, unlike the ``.archimate`` file:
``<children xsi:type="archimate:DiagramModelArchimateObject">``, ``<sourceConnections>``,
``<bendpoints>``, text such as a note's ``content`` as attributes, and every reference to a concept
or another view as a child ``<archimateElement xsi:type="archimate:BusinessActor"
href="BusinessActor_<id>.xml#<id>"/>`` that names the file and the id. Connections attached to a
connection are nested in that connection's ``sourceConnections``.

Nodes of a view (absolute coordinates, as everywhere in ``Model.extras``) are
``{"id", "element" | "label" | "view", "x", "y", "w", "h", "nodes"}``: ``view`` is the id of the view a
diagram reference opens, and a group without nested nodes carries ``"group": True`` so it stays a group.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from .archimate_views import ARCHI_NS, XSI, _absolute, _centres, local_name, type_of

__all__ = ["STYLE_ATTRIBUTES", "ViewParts", "href", "href_id", "pairs", "read_view", "view_file_node"]

_TYPE = f"{{{XSI}}}type"
STYLE_ATTRIBUTES = ("fillColor", "alpha", "lineAlpha", "lineColor", "lineWidth", "font", "fontColor",
                    "textAlignment", "textPosition", "gradient", "iconColor", "borderType", "imagePath",
                    "imagePosition", "imageSource", "iconVisibleState", "deriveElementLineColor", "type")
"""Appearance settings of diagram objects and connections, which views in ``Model.extras`` do not hold."""

_OBJECT = "DiagramModelArchimateObject"
_GROUP = "DiagramModelGroup"
_NOTE = "DiagramModelNote"
_REFERENCE = "DiagramModelReference"
_CONNECTION = "DiagramModelArchimateConnection"
_PLAIN = "DiagramModelConnection"


class ViewParts:
    """What reading one diagram file met that a view cannot hold: ``dropped[what] = [object ids]``."""

    def __init__(self) -> None:
        self.dropped: dict[str, list[str]] = {}

    def drop(self, what: str, identifier: str) -> None:
        self.dropped.setdefault(what, []).append(identifier)


def href_id(node: Any) -> str:
    """The id an ``href="<file>#<id>"`` names (the part after ``#``; ``""`` when there is none)."""
    value = str(node.get("href") or "")
    return value.partition("#")[2] if "#" in value else ""


def _int(text: str | None, default: int) -> int:
    try:
        return int(float(text)) if text is not None else default
    except ValueError:
        return default


def _reference(node: Any, name: str) -> tuple[str, bool]:
    """The id a child ``<name href=…/>`` names, and whether the child is there at all."""
    for child in node:
        if local_name(child.tag) == name:
            return href_id(child), True
    return "", False


def read_view(node: Any, parts: ViewParts) -> dict[str, Any]:
    """The view held by an ``ArchimateDiagramModel`` root; what it cannot hold goes to ``parts``."""
    identifier = node.get("id", "")
    view: dict[str, Any] = {"id": identifier, "name": node.get("name", "")}
    if node.get("documentation"):
        view["documentation"] = node.get("documentation")
    if node.get("viewpoint"):
        view["viewpoint"] = node.get("viewpoint")
    if node.get("connectionRouterType") not in (None, "0"):
        parts.drop("connection router setting", identifier)
    properties = [[p.get("key", ""), p.get("value", "")] for p in node if local_name(p.tag) == "properties"]
    if properties:
        view["properties"] = properties
    connections: list[dict[str, Any]] = []
    view["nodes"] = _children(node, 0, 0, connections, parts)
    centres = _centres(view["nodes"])
    for connection in connections:
        relative = connection.pop("bendpoints", None)
        if not relative:
            continue
        ends = centres.get(connection["source"]), centres.get(connection["target"])
        if ends[0] is None or ends[1] is None:
            parts.drop("bendpoint(s) of a connection attached to a connection", connection["id"])
            continue
        connection["bendpoints"] = _absolute(relative, ends[0], ends[1])
    view["connections"] = connections
    return view


def _children(parent: Any, dx: int, dy: int, connections: list[dict[str, Any]],
              parts: ViewParts) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for child in parent:
        if local_name(child.tag) != "children":
            continue
        kind = type_of(child)
        identifier = child.get("id", "")
        if kind not in (_OBJECT, _GROUP, _NOTE, _REFERENCE):
            parts.drop(f"diagram object(s) of type {kind}", identifier)
            continue
        if any(name in child.attrib for name in STYLE_ATTRIBUTES):
            parts.drop("appearance setting(s) (colour, font, alignment, image)", identifier)
        item: dict[str, Any] = {"id": identifier}
        if kind == _OBJECT:
            item["element"] = _reference(child, "archimateElement")[0]
        elif kind == _REFERENCE:
            item["view"] = _reference(child, "referencedModel")[0]
        elif kind == _GROUP:
            item["label"] = child.get("name", "")
            if child.get("documentation") or any(local_name(c.tag) == "properties" for c in child):
                parts.drop("documentation or properties of a group", identifier)
        else:
            content = child.get("content")
            if content is None:  # the .archimate form, met in hand-made files
                text = next((c for c in child if local_name(c.tag) == "content"), None)
                content = "" if text is None else (text.text or "")
            item["label"] = content
        if any(local_name(c.tag) == "features" for c in child):
            parts.drop("label expression(s) or other feature(s)", identifier)
        bounds = next((c for c in child if local_name(c.tag) == "bounds"), None)
        box = {} if bounds is None else dict(bounds.attrib)
        item["x"], item["y"] = _int(box.get("x"), 0) + dx, _int(box.get("y"), 0) + dy
        item["w"], item["h"] = _int(box.get("width"), -1), _int(box.get("height"), -1)
        nested = _children(child, item["x"], item["y"], connections, parts)
        if nested:
            item["nodes"] = nested
        elif kind == _GROUP:
            item["group"] = True
        _connections(child, connections, parts)
        out.append(item)
    return out


def _connections(owner: Any, connections: list[dict[str, Any]], parts: ViewParts) -> None:
    for link in owner:
        if local_name(link.tag) != "sourceConnections":
            continue
        kind = type_of(link)
        identifier = link.get("id", "")
        if kind not in (_CONNECTION, _PLAIN):
            parts.drop(f"connection(s) of type {kind}", identifier)
            continue
        if any(name in link.attrib for name in STYLE_ATTRIBUTES):
            parts.drop("appearance setting(s) (colour, font, alignment, image)", identifier)
        if link.get("documentation") or any(local_name(c.tag) in ("properties", "features") for c in link):
            parts.drop("documentation, properties or features of a connection", identifier)
        connection: dict[str, Any] = {"id": identifier}
        if kind == _CONNECTION:
            connection["relationship"] = _reference(link, "archimateRelationship")[0]
        if link.get("name"):
            connection["label"] = link.get("name")
        connection["source"], connection["target"] = link.get("source", ""), link.get("target", "")
        bends = [[_int(b.get(k), 0) for k in ("startX", "startY", "endX", "endY")]
                 for b in link if local_name(b.tag) == "bendpoints"]
        if bends:
            connection["bendpoints"] = bends  # relative until every node of the view is known
        connections.append(connection)
        _connections(link, connections, parts)


# ----------------------------------------------------------------------------------------- writing
def href(parent: Any, tag: str, kind: str, file_name: str, identifier: str) -> None:
    """Add ``<tag xsi:type="archimate:<kind>" href="<file_name>#<identifier>"/>`` to ``parent``."""
    etree.SubElement(parent, tag, {_TYPE: f"archimate:{kind}", "href": f"{file_name}#{identifier}"})


Target = Callable[[str], "tuple[str, str] | None"]
"""Maps a concept or view id to its Archi class and file name (None when the model has no such thing)."""


def view_file_node(view: dict[str, Any], target: Target, unwritten: list[str]) -> Any:
    """The root node of a view's coArchi file.

    Ids of what it leaves out go to ``unwritten``: an object showing a concept or view the model
    lacks, a connection that ends on nothing written, the bendpoints of a connection attached to a
    connection (Archi places those relative to objects only).
    """
    node = etree.Element(f"{{{ARCHI_NS}}}ArchimateDiagramModel", nsmap={"archimate": ARCHI_NS, "xsi": XSI})
    node.set("name", view.get("name", ""))
    node.set("id", view["id"])
    if view.get("documentation"):
        node.set("documentation", view["documentation"])
    if view.get("viewpoint"):
        node.set("viewpoint", view["viewpoint"])
    for key, value in pairs(view.get("properties"), view["id"], unwritten):
        _property(node, key, value)
    by_source: dict[str, list[dict[str, Any]]] = {}
    by_target: dict[str, list[str]] = {}
    for connection in view.get("connections", []):
        by_source.setdefault(connection["source"], []).append(connection)
        by_target.setdefault(connection["target"], []).append(connection["id"])
    writer = _ViewWriter(target, by_source, by_target, _centres(view.get("nodes", [])))
    for child in view.get("nodes", []):
        writer.child(node, child, 0, 0)
    unwritten.extend(writer.missing)
    unwritten.extend(f"connection {c['id']} (ends on nothing written)" for c in view.get("connections", [])
                     if c["id"] not in writer.written)
    return node


def pairs(value: Any, owner: str, unwritten: list[str]) -> list[tuple[str, str]]:
    """The ``[key, value]`` text pairs of a property list from ``Model.extras``; ``owner`` goes to
    ``unwritten`` when some entry is not such a pair (JSON written by hand may hold anything)."""
    items = value if isinstance(value, list) else []
    good = [(k, v) for k, v in (p for p in items if isinstance(p, (list, tuple)) and len(p) == 2)
            if isinstance(k, str) and isinstance(v, str)]
    if len(good) != len(items) or (value is not None and not isinstance(value, list)):
        unwritten.append(f"properties of {owner} (not [key, value] texts)")
    return good


def _values(node: Any, values: dict[str, int], default: int) -> None:
    """Set the numbers that differ from ``default`` (EMF leaves a default value out)."""
    for name, value in values.items():
        if value != default:
            node.set(name, str(value))


def _property(parent: Any, key: str, value: str) -> None:
    prop = etree.SubElement(parent, "properties")
    if key:
        prop.set("key", key)
    if value:
        prop.set("value", value)


class _ViewWriter:
    def __init__(self, target: Target, by_source: dict[str, list[dict[str, Any]]], by_target: dict[str, list[str]],
                 centres: dict[str, tuple[int, int]]) -> None:
        self.target, self.by_source, self.by_target, self.centres = target, by_source, by_target, centres
        self.written: set[str] = set()
        self.missing: list[str] = []

    def child(self, parent: Any, data: dict[str, Any], dx: int, dy: int) -> None:
        element = self.target(data["element"]) if data.get("element") else None
        view = self.target(data["view"]) if data.get("view") else None
        if (data.get("element") and element is None) or (data.get("view") and view is None):
            self.missing.append(f"object {data['id']} (shows something the model does not have)")
            return
        group = not element and not view and bool(data.get("nodes") or data.get("group"))
        kind = _OBJECT if element else _REFERENCE if view else _GROUP if group else _NOTE
        # attributes in the order EMF writes the features: id, name, targetConnections, content
        child = etree.SubElement(parent, "children", {_TYPE: f"archimate:{kind}", "id": data["id"]})
        if group:
            child.set("name", data.get("label", ""))
        self._ends(child, data["id"])
        if kind == _NOTE and data.get("label"):
            child.set("content", data["label"])
        x, y = int(data.get("x", 0)), int(data.get("y", 0))
        _values(etree.SubElement(child, "bounds"), {"x": x - dx, "y": y - dy}, 0)
        _values(child[-1], {"width": int(data.get("w", -1)), "height": int(data.get("h", -1))}, -1)
        for nested in data.get("nodes", []):
            self.child(child, nested, x, y)
        if element is not None:
            href(child, "archimateElement", element[0], element[1], data["element"])
        elif view is not None:
            href(child, "referencedModel", view[0], view[1], data["view"])

    def _ends(self, owner: Any, identifier: str) -> None:
        """``targetConnections`` of ``owner`` and the connections that start on it."""
        if self.by_target.get(identifier):
            owner.set("targetConnections", " ".join(self.by_target[identifier]))
        for connection in self.by_source.get(identifier, []):
            if connection["id"] in self.written:
                continue
            self.written.add(connection["id"])
            relationship = self.target(connection["relationship"]) if connection.get("relationship") else None
            link = etree.SubElement(owner, "sourceConnections", {
                _TYPE: f"archimate:{_CONNECTION if relationship else _PLAIN}", "id": connection["id"]})
            if connection.get("label"):
                link.set("name", connection["label"])
            self._ends(link, connection["id"])
            link.set("source", connection["source"])
            link.set("target", connection["target"])
            source, target = self.centres.get(connection["source"]), self.centres.get(connection["target"])
            if connection.get("bendpoints") and (source is None or target is None):
                self.missing.append(f"the bendpoints of {connection['id']} (placed between objects only)")
            if source is not None and target is not None:
                for x, y in connection.get("bendpoints", []):
                    _values(etree.SubElement(link, "bendpoints"), {
                        "startX": int(x) - source[0], "startY": int(y) - source[1],
                        "endX": int(x) - target[0], "endY": int(y) - target[1]}, 0)
            if relationship is not None:
                href(link, "archimateRelationship", relationship[0], relationship[1], connection["relationship"])
