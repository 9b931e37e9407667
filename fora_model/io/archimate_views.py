"""Archi diagrams (``ArchimateDiagramModel`` and ``SketchModel``) to and from the views of ``Model.extras``.

Archi places a nested object relative to its parent; views in ``Model.extras`` use absolute
coordinates (as the exchange format does), so reading adds the parents' offsets and writing
subtracts them. The names are those of Archi's model (``archimate.ecore``): ``DiagramObject``
(an element), ``Group``, ``Note``, ``DiagramModelReference`` (a picture of another view,
attribute ``model``), ``Connection`` (a relationship) and ``DiagramModelConnection`` (a plain
line), and in sketch views ``SketchModelSticky`` and ``SketchModelActor``. A connection may start
or end on another connection: it is then nested in (and listed by ``targetConnections`` of) that
connection. Whatever else a diagram holds (images, colours and fonts, canvas views) is counted in
``skipped`` under what it is and the view it is in, so the reader reports it.

>>> view = {"id": "v1", "name": "Overview", "nodes": [
...     {"id": "n1", "label": "Later", "group": True, "x": 10, "y": 10, "w": 200, "h": 100},
...     {"id": "n2", "view": "v2", "x": 300, "y": 10, "w": 120, "h": 55}], "connections": []}
>>> node = view_node("element", view)
>>> [(c.get("{%s}type" % XSI), c.get("model")) for c in node]
[('archimate:Group', None), ('archimate:DiagramModelReference', 'v2')]
>>> read_diagram(node, {})["nodes"] == view["nodes"]
True
"""

from __future__ import annotations

from typing import Any

from lxml import etree

__all__ = ["ARCHI_NS", "XSI", "Skipped", "local_name", "part_tag", "part_text", "read_diagram", "reference", "type_of",
           "unwritable_parts", "view_class", "view_node"]

ARCHI_NS = "http://www.archimatetool.com/archimate"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_TYPE = f"{{{XSI}}}type"

Skipped = dict[tuple[str, str], int]
"""What a reader could not keep: ``(what, where) -> how many``."""

_KNOWN_ATTRIBUTES = {"id", "name", _TYPE, "targetConnections", "archimateElement", "archimateRelationship", "model",
                     "source", "target", "background", "viewpoint", "documentation", "content"}
_SKETCH = {"SketchModelSticky": "sticky", "SketchModelActor": "actor"}
_KINDS = {"DiagramObject", "Group", "Note", "DiagramModelReference", *_SKETCH}
_DOCUMENTED = {"Group", "SketchModelActor"}
"""Diagram objects that have documentation in Archi's model (connections and views have it too)."""
_WITH_PROPERTIES = {"Group", "Note", "SketchModelSticky", "SketchModelActor"}
_SHAPE_KIND = {"element": "DiagramObject", "reference": "DiagramModelReference", "group": "Group", "note": "Note",
               "sticky": "SketchModelSticky", "actor": "SketchModelActor"}
# Sizes of an object whose bounds say -1 (Archi's default size); they only place bendpoints. The sketch
# sizes are assumed: Archi writes the bounds of stickies and actors out in full.
_DEFAULT_SIZE = {"element": (120, 55), "group": (400, 140), "note": (185, 80), "reference": (120, 55),
                 "sticky": (75, 63), "actor": (75, 100)}


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


_TAGS = {"children": "child", "sourceConnections": "sourceConnection", "bendpoints": "bendpoint",
         "properties": "property", "referencedModel": "model"}


def part_tag(node: Any) -> str:
    """A part's tag in the ``.archimate`` form (coArchi files use Archi's feature names: ``children``,
    ``sourceConnections``, ``bendpoints``, ``properties``, ``referencedModel``)."""
    tag = local_name(node.tag)
    return _TAGS.get(tag, tag)


def part_text(node: Any, name: str) -> str | None:
    """A text given as a child element (``.archimate``) or as an attribute (coArchi)."""
    for child in node:
        if part_tag(child) == name:
            return str(child.text or "")
    value = node.get(name)
    return None if value is None else str(value)


def _skip(skipped: Skipped, what: str, where: str, count: int = 1) -> None:
    skipped[(what, where)] = skipped.get((what, where), 0) + count


def _texts(node: Any, out: dict[str, Any]) -> None:
    """Documentation and properties of a diagram object or view into ``out``."""
    properties = []
    documentation = part_text(node, "documentation")
    if documentation:
        out["documentation"] = documentation
    for child in node:
        if part_tag(child) == "property":
            properties.append([child.get("key", ""), child.get("value", "")])
    if properties:
        out["properties"] = properties


def read_diagram(node: Any, skipped: Skipped) -> dict[str, Any]:
    """A view of ``Model.extras["views"]`` from an Archi ``ArchimateDiagramModel`` or ``SketchModel`` node."""
    view: dict[str, Any] = {"id": node.get("id", ""), "name": node.get("name", "")}
    where = f"view {view['name']!r} ({view['id']})"
    _texts(node, view)
    if type_of(node) == "SketchModel":
        view["type"] = "sketch"
        if node.get("background") is not None:
            view["background"] = _int(node.get("background"), 1)
    if node.get("viewpoint"):
        view["viewpoint"] = node.get("viewpoint")
    _unkept_settings(node, skipped, where, "view setting(s) such as the connection router")
    connections: list[dict[str, Any]] = []
    view["nodes"] = _children(node, 0, 0, connections, skipped, where)
    centres = _centres(view["nodes"], connections)
    for connection in connections:
        relative = connection.pop("bendpoints", None)
        if not relative:
            continue
        ends = centres.get(connection["source"]), centres.get(connection["target"])
        if ends[0] is None or ends[1] is None:
            _skip(skipped, "bendpoint(s) of a connection to an object the view does not have", where, len(relative))
            continue
        connection["bendpoints"] = _absolute(relative, ends[0], ends[1])
    view["connections"] = connections
    return view


def _shape(node: dict[str, Any]) -> str:
    if node.get("element"):
        return "element"
    if node.get("view"):
        return "reference"
    if node.get("sketch"):
        return str(node["sketch"])
    return "group" if node.get("nodes") or node.get("group") else "note"


def _centres(nodes: list[dict[str, Any]], connections: list[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Absolute centre of every node of a view, with Archi's default sizes for ``-1``, and of every
    connection (the middle of its two ends), so bendpoints of a connection to a connection have
    points to be relative to. Archi itself exports no bendpoints of such connections to the
    exchange format; the middle is our convention, which makes ``.archimate`` → views →
    ``.archimate`` exact and places such bendpoints near where Archi draws them."""
    out: dict[str, tuple[int, int]] = {}

    def walk(level: list[dict[str, Any]]) -> None:
        for node in level:
            size = _DEFAULT_SIZE.get(_shape(node), (120, 55))
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


def _unkept_settings(node: Any, skipped: Skipped, where: str,
                    what: str = "diagram colour, font, alignment or figure setting(s)") -> None:
    if any(name not in _KNOWN_ATTRIBUTES for name in node.attrib):
        _skip(skipped, what, where)


def _children(node: Any, dx: int, dy: int, connections: list[dict[str, Any]], skipped: Skipped,
              where: str) -> list[dict[str, Any]]:
    out = []
    for child in node:
        tag = part_tag(child)
        if tag in ("documentation", "property", "bounds", "content", "sourceConnection", "archimateElement", "model"):
            continue
        kind = type_of(child)
        if tag != "child":
            _skip(skipped, f"diagram part(s) <{tag}>", where)
            continue
        if kind not in _KINDS:
            _skip(skipped, f"diagram object(s) of type {kind}", where)
            continue
        _unkept_settings(child, skipped, where)
        item: dict[str, Any] = {"id": child.get("id", "")}
        content = part_text(child, "content")
        element = reference(child, "archimateElement")
        if element:
            item["element"] = element
        elif kind == "DiagramModelReference":
            item["view"] = reference(child, "model") or reference(child, "referencedModel")
            if child.get("name"):
                item["label"] = child.get("name")
        elif kind in _SKETCH:
            item["sketch"] = _SKETCH[kind]
            item["label"] = child.get("name", "")
            if content:
                item["content"] = content
        elif kind == "Group":
            item["label"] = child.get("name", "")
        else:
            item["label"] = content or ""
        if kind in _DOCUMENTED or kind in _WITH_PROPERTIES:
            _texts(child, item)
        bounds = next((c for c in child if part_tag(c) == "bounds"), None)
        box = {} if bounds is None else dict(bounds.attrib)
        item["x"], item["y"] = _int(box.get("x"), 0) + dx, _int(box.get("y"), 0) + dy
        item["w"], item["h"] = _int(box.get("width"), -1), _int(box.get("height"), -1)
        nested = _children(child, item["x"], item["y"], connections, skipped, where)
        if nested:
            item["nodes"] = nested
        elif kind == "Group":
            item["group"] = True
        _connections(child, connections, skipped, where)
        out.append(item)
    return out


def _connections(owner: Any, connections: list[dict[str, Any]], skipped: Skipped, where: str) -> None:
    """The ``sourceConnection`` children of ``owner`` (a diagram object or a connection), depth first."""
    for link in owner:
        if part_tag(link) != "sourceConnection":
            continue
        kind = type_of(link)
        if kind not in ("Connection", "DiagramModelConnection"):
            _skip(skipped, f"connection(s) of type {kind}", where)
            continue
        _unkept_settings(link, skipped, where)
        connection: dict[str, Any] = {"id": link.get("id", "")}
        relationship = reference(link, "archimateRelationship")
        if relationship:
            connection["relationship"] = relationship
        if link.get("name"):
            connection["label"] = link.get("name")
        connection["source"] = reference(link, "source") or str(owner.get("id", ""))
        connection["target"] = reference(link, "target")
        bends = [[_int(b.get(k), 0) for k in ("startX", "startY", "endX", "endY")]
                 for b in link if part_tag(b) == "bendpoint"]
        if bends:
            connection["bendpoints"] = bends  # relative until the view's nodes are all known
        _texts(link, connection)
        for part in link:
            tag = part_tag(part)
            if tag not in ("bendpoint", "documentation", "property", "sourceConnection", "archimateRelationship",
                           "source", "target"):
                _skip(skipped, f"connection part(s) {tag}", where)
        connections.append(connection)
        _connections(link, connections, skipped, where)


# ----------------------------------------------------------------------------------------- writing
def view_class(view: dict[str, Any]) -> str:
    """The Archi class of a view of ``Model.extras["views"]``: ``SketchModel`` or ``ArchimateDiagramModel``."""
    return "SketchModel" if view.get("type") == "sketch" else "ArchimateDiagramModel"


def unwritable_parts(view: dict[str, Any]) -> list[str]:
    """What of ``view`` an Archi diagram cannot hold (documentation or properties on an object whose
    Archi class has none), each as a phrase naming the object; the writer leaves these out."""
    out: list[str] = []

    def walk(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            kind = _SHAPE_KIND.get(_shape(node), "Note")
            for key, allowed in (("documentation", _DOCUMENTED), ("properties", _WITH_PROPERTIES)):
                if node.get(key) and kind not in allowed:
                    out.append(f"the {key} of diagram object {node.get('id', '')!r} (an Archi {kind} has none)")
            walk(node.get("nodes", []))

    walk(view.get("nodes", []))
    return out


def view_node(tag: str, view: dict[str, Any], *, typed: bool = True) -> Any:
    """An Archi diagram node for a view of ``Model.extras["views"]``."""
    node = etree.Element(tag, nsmap={"archimate": ARCHI_NS, "xsi": XSI})
    sketch = view_class(view) == "SketchModel"
    if typed:
        node.set(_TYPE, f"archimate:{view_class(view)}")
    node.set("name", view.get("name", ""))
    node.set("id", view["id"])
    if view.get("viewpoint") and not sketch:
        node.set("viewpoint", view["viewpoint"])
    if sketch and view.get("background") is not None:
        node.set("background", str(view["background"]))
    _write_texts(node, view)
    connections = list(view.get("connections", []))
    writer = _ConnectionWriter(connections, _centres(view.get("nodes", []), connections))
    for child in view.get("nodes", []):
        _diagram_child(node, child, 0, 0, writer)
    return node


def _write_texts(node: Any, data: dict[str, Any], *, documentation: bool = True, properties: bool = True) -> None:
    if documentation and data.get("documentation"):
        etree.SubElement(node, "documentation").text = data["documentation"]
    for key, value in data.get("properties", []) if properties else []:
        prop = etree.SubElement(node, "property", key=key)
        if value:
            prop.set("value", value)


class _ConnectionWriter:
    """Writes each connection once, nested under its source (a diagram object or a connection)."""

    def __init__(self, connections: list[dict[str, Any]], centres: dict[str, tuple[int, int]]) -> None:
        self.centres = centres
        self.by_source: dict[str, list[dict[str, Any]]] = {}
        self.by_target: dict[str, list[str]] = {}
        for connection in connections:
            self.by_source.setdefault(connection["source"], []).append(connection)
            self.by_target.setdefault(connection["target"], []).append(connection["id"])
        self.written: set[str] = set()

    def targets(self, owner: Any, identifier: str) -> None:
        if self.by_target.get(identifier):
            owner.set("targetConnections", " ".join(self.by_target[identifier]))

    def write(self, owner: Any, identifier: str) -> None:
        for connection in self.by_source.get(identifier, []):
            if connection["id"] in self.written:
                continue
            self.written.add(connection["id"])
            link = etree.SubElement(owner, "sourceConnection")
            link.set(_TYPE, "archimate:Connection" if connection.get("relationship")
                     else "archimate:DiagramModelConnection")
            link.set("id", connection["id"])
            if connection.get("label"):
                link.set("name", connection["label"])
            self.targets(link, connection["id"])
            link.set("source", connection["source"])
            link.set("target", connection["target"])
            if connection.get("relationship"):
                link.set("archimateRelationship", connection["relationship"])
            _write_texts(link, connection)
            source, target = (self.centres.get(connection[end]) for end in ("source", "target"))
            if source is not None and target is not None:
                for x, y in connection.get("bendpoints", []):
                    etree.SubElement(link, "bendpoint", startX=str(int(x) - source[0]),
                                     startY=str(int(y) - source[1]), endX=str(int(x) - target[0]),
                                     endY=str(int(y) - target[1]))
            self.write(link, connection["id"])


def _diagram_child(parent: Any, data: dict[str, Any], dx: int, dy: int, writer: _ConnectionWriter) -> None:
    child = etree.SubElement(parent, "child")
    shape = _shape(data)
    kind = _SHAPE_KIND.get(shape, "Note")
    child.set(_TYPE, f"archimate:{kind}")
    if shape in ("group", "sticky", "actor") or (shape == "reference" and data.get("label")):
        child.set("name", data.get("label", ""))
    child.set("id", data["id"])
    writer.targets(child, data["id"])
    if shape == "element":
        child.set("archimateElement", data["element"])
    elif shape == "reference":
        child.set("model", data["view"])
    else:
        _write_texts(child, data, documentation=kind in _DOCUMENTED, properties=kind in _WITH_PROPERTIES)
    x, y = int(data.get("x", 0)), int(data.get("y", 0))
    etree.SubElement(child, "bounds", x=str(x - dx), y=str(y - dy), width=str(data.get("w", -1)),
                     height=str(data.get("h", -1)))
    writer.write(child, data["id"])
    if shape == "note":
        etree.SubElement(child, "content").text = data.get("label", "")
    elif shape == "sticky" and data.get("content"):
        etree.SubElement(child, "content").text = data["content"]
    for nested in data.get("nodes", []):
        _diagram_child(child, nested, x, y, writer)
