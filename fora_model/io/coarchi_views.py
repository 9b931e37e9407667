"""Diagrams in coArchi's XML (``ArchimateDiagramModel_<id>.xml``, ``SketchModel_<id>.xml``) to and from
the views of ``Model.extras``.

coArchi saves Archi's EMF objects with their plain feature names (``archimate.ecore``), unlike the
``.archimate`` file: ``<children xsi:type="archimate:DiagramModelArchimateObject">``,
``DiagramModelGroup``, ``DiagramModelNote``, ``DiagramModelReference``, in sketch views
``SketchModelSticky`` and ``SketchModelActor``; ``<sourceConnections>`` of type
``DiagramModelArchimateConnection`` or ``DiagramModelConnection``, with ``<bendpoints>``; texts such as
``documentation`` and a note's ``content`` as attributes, properties as ``<properties key= value=/>``,
and every reference to a concept or another view as a child ``<archimateElement
xsi:type="archimate:BusinessActor" href="BusinessActor_<id>.xml#<id>"/>`` that names the file and the
id. A connection attached to a connection is nested in that connection's ``sourceConnections``.

Views have the shape :mod:`fora_model.io.extras` describes (absolute coordinates): a node is
``{"id", "element" | "label" | "view", "x", "y", "w", "h", "nodes"}`` (``view``: the view a diagram
reference opens; ``"group": True`` a group without nested nodes; ``"sketch": "sticky" | "actor"``
a sketch object, a sticky's text below its name in ``"content"``); groups, notes, sketch objects and
connections keep the ``documentation`` and ``properties`` Archi gives their class. A bendpoint is
stored by Archi as offsets from the centres of both ends; the centre of a connection (for a
connection attached to one) is the middle of its own ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree

from .archimate_views import ARCHI_NS, XSI, local_name, type_of

__all__ = ["ViewParts", "href", "href_id", "pairs", "read_view", "view_class", "view_file_node"]

_TYPE = f"{{{XSI}}}type"
_KNOWN = {"id", "name", _TYPE, "targetConnections", "documentation", "content", "source", "target", "viewpoint",
          "background"}
"""Attributes a view keeps; any other (colours, fonts, alignment, figures, images) is an appearance setting."""

_CLASS = {"element": "DiagramModelArchimateObject", "group": "DiagramModelGroup", "note": "DiagramModelNote",
          "reference": "DiagramModelReference", "sticky": "SketchModelSticky", "actor": "SketchModelActor"}
_SHAPE = {kind: shape for shape, kind in _CLASS.items()}
_DOCUMENTED = {"group", "actor"}
_WITH_PROPERTIES = {"group", "note", "sticky", "actor"}
_NAMED = {"group", "sticky", "actor", "reference"}
_DEFAULT_SIZE = {"element": (120, 55), "group": (400, 140), "note": (185, 80), "reference": (120, 55),
                 "sticky": (75, 63), "actor": (75, 100)}
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


def view_class(view: dict[str, Any]) -> str:
    """The Archi class of a view: ``SketchModel`` for a sketch, else ``ArchimateDiagramModel``."""
    return "SketchModel" if view.get("type") == "sketch" else "ArchimateDiagramModel"


def _int(text: str | None, default: int) -> int:
    try:
        return int(float(text)) if text is not None else default
    except ValueError:
        return default


def _reference(node: Any, name: str) -> str:
    """The id a child ``<name href=…/>`` names (``""`` when there is no such child)."""
    return next((href_id(child) for child in node if local_name(child.tag) == name), "")


def _texts(node: Any, out: dict[str, Any], documentation: bool, properties: bool, parts: ViewParts) -> None:
    """Documentation and properties of a view, diagram object or connection into ``out``."""
    found = [[p.get("key", ""), p.get("value", "")] for p in node if local_name(p.tag) == "properties"]
    if documentation and node.get("documentation"):
        out["documentation"] = node.get("documentation")
    if properties and found:
        out["properties"] = found
    elif found:
        parts.drop("properties Archi does not have on such an object", node.get("id", ""))
    if any(local_name(c.tag) == "features" for c in node):
        parts.drop("label expression(s) or other feature(s)", node.get("id", ""))
    if any(name not in _KNOWN for name in node.attrib):
        parts.drop("appearance setting(s) (colour, font, alignment, figure, image)", node.get("id", ""))


def read_view(node: Any, parts: ViewParts) -> dict[str, Any]:
    """The view held by an ``ArchimateDiagramModel`` or ``SketchModel`` root; what it cannot hold goes to ``parts``."""
    view: dict[str, Any] = {"id": node.get("id", ""), "name": node.get("name", "")}
    _texts(node, view, True, True, parts)
    if type_of(node) == "SketchModel":
        view["type"] = "sketch"
        if node.get("background") is not None:
            view["background"] = _int(node.get("background"), 1)
    if node.get("viewpoint"):
        view["viewpoint"] = node.get("viewpoint")
    connections: list[dict[str, Any]] = []
    view["nodes"] = _children(node, 0, 0, connections, parts)
    centres = _centres(view["nodes"], connections)
    for connection in connections:
        relative = connection.pop("bendpoints", None)
        if not relative:
            continue
        ends = centres.get(connection["source"]), centres.get(connection["target"])
        if ends[0] is None or ends[1] is None:
            parts.drop("bendpoint(s) of a connection to an object the view does not have", connection["id"])
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
        shape = _SHAPE.get(type_of(child))
        identifier = child.get("id", "")
        if shape is None:
            parts.drop(f"diagram object(s) of type {type_of(child)}", identifier)
            continue
        item: dict[str, Any] = {"id": identifier}
        if shape == "element":
            item["element"] = _reference(child, "archimateElement")
        elif shape == "reference":
            item["view"] = _reference(child, "referencedModel")
            if child.get("name"):
                item["label"] = child.get("name")
        elif shape == "note":
            content = child.get("content")
            if content is None:  # the .archimate form, met in hand-made files
                text = next((c for c in child if local_name(c.tag) == "content"), None)
                content = "" if text is None else (text.text or "")
            item["label"] = content
        else:
            item["label"] = child.get("name", "")
            if shape in ("sticky", "actor"):
                item["sketch"] = shape
            if shape == "sticky" and child.get("content"):
                item["content"] = child.get("content")
        _texts(child, item, shape in _DOCUMENTED, shape in _WITH_PROPERTIES, parts)
        bounds = next((c for c in child if local_name(c.tag) == "bounds"), None)
        box = {} if bounds is None else dict(bounds.attrib)
        item["x"], item["y"] = _int(box.get("x"), 0) + dx, _int(box.get("y"), 0) + dy
        item["w"], item["h"] = _int(box.get("width"), -1), _int(box.get("height"), -1)
        nested = _children(child, item["x"], item["y"], connections, parts)
        if nested:
            item["nodes"] = nested
        elif shape == "group":
            item["group"] = True
        _connections(child, connections, parts)
        out.append(item)
    return out


def _connections(owner: Any, connections: list[dict[str, Any]], parts: ViewParts) -> None:
    for link in owner:
        if local_name(link.tag) != "sourceConnections":
            continue
        kind = type_of(link)
        if kind not in (_CONNECTION, _PLAIN):
            parts.drop(f"connection(s) of type {kind}", link.get("id", ""))
            continue
        connection: dict[str, Any] = {"id": link.get("id", "")}
        if kind == _CONNECTION:
            connection["relationship"] = _reference(link, "archimateRelationship")
        if link.get("name"):
            connection["label"] = link.get("name")
        connection["source"], connection["target"] = link.get("source", ""), link.get("target", "")
        bends = [[_int(b.get(k), 0) for k in ("startX", "startY", "endX", "endY")]
                 for b in link if local_name(b.tag) == "bendpoints"]
        if bends:
            connection["bendpoints"] = bends  # relative until every node of the view is known
        _texts(link, connection, True, True, parts)
        connections.append(connection)
        _connections(link, connections, parts)


def _shape(node: dict[str, Any]) -> str:
    if node.get("element"):
        return "element"
    if node.get("view"):
        return "reference"
    if node.get("sketch") in ("sticky", "actor"):
        return str(node["sketch"])
    return "group" if node.get("nodes") or node.get("group") else "note"


def _centres(nodes: list[dict[str, Any]], connections: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Absolute centre of every node (Archi's default size for ``-1``) and of every connection (the
    middle of its ends), which bendpoints are relative to."""
    out: dict[str, tuple[int, int]] = {}

    def walk(level: list[dict[str, Any]]) -> None:
        for node in level:
            size = _DEFAULT_SIZE[_shape(node)]
            w, h = node.get("w", -1), node.get("h", -1)
            w = size[0] if w is None or w < 0 else w
            h = size[1] if h is None or h < 0 else h
            out[node["id"]] = (int(node.get("x", 0)) + int(w) // 2, int(node.get("y", 0)) + int(h) // 2)
            walk(node.get("nodes", []))

    walk(nodes)
    pending = [c for c in connections if c.get("id")]
    while pending:
        ready = [c for c in pending if c["source"] in out and c["target"] in out]
        if not ready:
            break
        for c in ready:
            (sx, sy), (tx, ty) = out[c["source"]], out[c["target"]]
            out[c["id"]] = ((sx + tx) // 2, (sy + ty) // 2)
        pending = [c for c in pending if not any(c is r for r in ready)]
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


# ----------------------------------------------------------------------------------------- writing
def href(parent: Any, tag: str, kind: str, file_name: str, identifier: str) -> None:
    """Add ``<tag xsi:type="archimate:<kind>" href="<file_name>#<identifier>"/>`` to ``parent``."""
    etree.SubElement(parent, tag, {_TYPE: f"archimate:{kind}", "href": f"{file_name}#{identifier}"})


Target = Callable[[str], "tuple[str, str] | None"]
"""Maps a concept or view id to its Archi class and file name (None when the model has no such thing)."""


def view_file_node(view: dict[str, Any], target: Target, unwritten: list[str]) -> Any:
    """The root node of a view's coArchi file.

    What it leaves out goes to ``unwritten``, each a phrase naming the part: an object showing a
    concept or view the model lacks, a connection that ends on nothing written, property entries
    that are not ``[key, value]`` texts, documentation or properties Archi has no place for.
    """
    sketch = view_class(view) == "SketchModel"
    node = etree.Element(f"{{{ARCHI_NS}}}{view_class(view)}", nsmap={"archimate": ARCHI_NS, "xsi": XSI})
    node.set("name", view.get("name", ""))
    node.set("id", view["id"])
    if view.get("documentation"):
        node.set("documentation", str(view["documentation"]))
    if view.get("viewpoint") and not sketch:
        node.set("viewpoint", str(view["viewpoint"]))
    if sketch and isinstance(view.get("background"), int) and view["background"] != 1:
        node.set("background", str(view["background"]))
    for key, value in pairs(view.get("properties"), view["id"], unwritten):
        _property(node, key, value)
    connections = [c for c in view.get("connections", []) if isinstance(c, dict) and c.get("id")]
    writer = _ViewWriter(target, connections, _centres(view.get("nodes", []), connections), unwritten)
    for child in view.get("nodes", []):
        writer.child(node, child, 0, 0)
    unwritten.extend(f"connection {c['id']} (ends on nothing written)" for c in connections
                     if c["id"] not in writer.written)
    return node


def pairs(value: Any, owner: str, unwritten: list[str]) -> list[tuple[str, str]]:
    """The ``[key, value]`` text pairs of a property list from ``Model.extras``; a phrase naming ``owner``
    goes to ``unwritten`` when some entry is not such a pair (JSON written by hand may hold anything)."""
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
    def __init__(self, target: Target, connections: list[dict[str, Any]], centres: dict[str, tuple[int, int]],
                 unwritten: list[str]) -> None:
        self.target, self.centres, self.unwritten = target, centres, unwritten
        self.by_source: dict[str, list[dict[str, Any]]] = {}
        self.by_target: dict[str, list[str]] = {}
        for connection in connections:
            self.by_source.setdefault(connection["source"], []).append(connection)
            self.by_target.setdefault(connection["target"], []).append(connection["id"])
        self.written: set[str] = set()

    def _documentation(self, owner: Any, data: dict[str, Any], shape: str) -> None:
        if data.get("documentation"):
            if shape in _DOCUMENTED or shape == "connection":
                owner.set("documentation", str(data["documentation"]))
            else:
                self.unwritten.append(f"the documentation of {data['id']} (an Archi {_CLASS[shape]} has none)")

    def _properties(self, owner: Any, data: dict[str, Any], shape: str) -> None:
        if data.get("properties"):
            if shape in _WITH_PROPERTIES or shape == "connection":
                for key, value in pairs(data["properties"], data["id"], self.unwritten):
                    _property(owner, key, value)
            else:
                self.unwritten.append(f"the properties of {data['id']} (an Archi {_CLASS[shape]} has none)")

    def child(self, parent: Any, data: dict[str, Any], dx: int, dy: int) -> None:
        shape = _shape(data)
        place = self.target(data["element"]) if shape == "element" else (
            self.target(data["view"]) if shape == "reference" else None)
        if shape in ("element", "reference") and place is None:
            self.unwritten.append(f"object {data['id']} (shows something the model does not have)")
            return
        # attributes in the order EMF writes the features: id, name, documentation, targetConnections, content
        child = etree.SubElement(parent, "children", {_TYPE: f"archimate:{_CLASS[shape]}", "id": data["id"]})
        if shape in _NAMED and (shape != "reference" or data.get("label")):
            child.set("name", data.get("label", ""))
        self._documentation(child, data, shape)
        self._ends(child, data["id"])
        if shape == "note" and data.get("label"):
            child.set("content", data["label"])
        elif shape == "sticky" and data.get("content"):
            child.set("content", str(data["content"]))
        x, y = int(data.get("x", 0)), int(data.get("y", 0))
        _values(etree.SubElement(child, "bounds"), {"x": x - dx, "y": y - dy}, 0)
        _values(child[-1], {"width": int(data.get("w", -1)), "height": int(data.get("h", -1))}, -1)
        for nested in data.get("nodes", []):
            self.child(child, nested, x, y)
        self._properties(child, data, shape)
        if place is not None:
            href(child, "archimateElement" if shape == "element" else "referencedModel", place[0], place[1],
                 data["element" if shape == "element" else "view"])

    def _ends(self, owner: Any, identifier: str) -> None:
        """``targetConnections`` of ``owner`` and the connections that start on it."""
        if self.by_target.get(identifier):
            owner.set("targetConnections", " ".join(self.by_target[identifier]))
        for connection in self.by_source.get(identifier, []):
            if connection["id"] in self.written:
                continue
            relationship = self.target(connection["relationship"]) if connection.get("relationship") else None
            if connection.get("relationship") and relationship is None:
                continue  # shows a relation the model lacks: reported as ending on nothing written
            self.written.add(connection["id"])
            link = etree.SubElement(owner, "sourceConnections", {
                _TYPE: f"archimate:{_CONNECTION if relationship else _PLAIN}", "id": connection["id"]})
            if connection.get("label"):
                link.set("name", str(connection["label"]))
            self._documentation(link, connection, "connection")
            self._ends(link, connection["id"])
            link.set("source", connection["source"])
            link.set("target", connection["target"])
            self._properties(link, connection, "connection")
            source, target = self.centres.get(connection["source"]), self.centres.get(connection["target"])
            if source is not None and target is not None:
                for x, y in connection.get("bendpoints", []):
                    _values(etree.SubElement(link, "bendpoints"), {
                        "startX": int(x) - source[0], "startY": int(y) - source[1],
                        "endX": int(x) - target[0], "endY": int(y) - target[1]}, 0)
            if relationship is not None:
                href(link, "archimateRelationship", relationship[0], relationship[1], connection["relationship"])
