"""The helpers of the exchange format: language-tagged texts, and the organization tree and
diagrams that become ``Model.extras["folders"]`` and ``Model.extras["views"]``.

Readers and writers here take the format's reader or writer object, which knows the main
language, property definitions and id fixes (see :mod:`fora_model.io.exchange_xml`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree

from ..errors import Finding, Reason, Severity
from .concepts import RawConcept

__all__ = [
    "LANG",
    "NS",
    "XSI",
    "child",
    "children",
    "folder_findings",
    "local",
    "pick",
    "q",
    "read_folder",
    "read_view",
    "split_views",
    "texts",
    "write_folder",
    "write_texts",
    "write_view",
]

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TYPE = f"{{{XSI}}}type"


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def local(tag: Any) -> str:
    return str(tag).rpartition("}")[2]


def child(node: Any, tag: str) -> Any:
    for item in node:
        if local(item.tag) == tag:
            return item
    return None


def children(node: Any, tag: str) -> list[Any]:
    return [c for c in node if local(c.tag) == tag]


def texts(node: Any, tag: str) -> list[tuple[str, str]]:
    return [(c.get(LANG, ""), c.text or "") for c in node if local(c.tag) == tag]


def pick(texts: list[tuple[str, str]], language: str) -> tuple[str, list[tuple[str, str]]]:
    """The text in the main language (or the first) and the others as (language, text)."""
    if not texts:
        return "", []
    index = next((i for i, (lang, _) in enumerate(texts) if lang == language), 0)
    return texts[index][1], [t for i, t in enumerate(texts) if i != index]


def _texts(out: dict[str, Any], node: Any, language: str, fields: dict[str, str]) -> None:
    """Set ``out``'s fields (key → XML tag) from the text in the main language; the others go to
    ``out["translations"]`` as [key, language, text] lists."""
    translations: list[list[str]] = []
    for key, tag in fields.items():
        found = texts(node, tag)
        if found:
            main, others = pick(found, language)
            out[key] = main
            translations += [[key, lang, text] for lang, text in others]
    if translations:
        out["translations"] = translations


def write_texts(w: Any, parent: Any, data: dict[str, Any], fields: dict[str, str], required: str = "") -> None:
    """Each field of ``data`` (key → XML tag) in the main language, then in every language of its
    ``translations``; ``required`` is written even when empty."""
    translations = data.get("translations", ())
    for key, tag in fields.items():
        others = [(lang, text) for field, lang, text in translations if field == key]
        if data.get(key) or others or key == required:
            w.text(parent, tag, data.get(key, ""))
        for lang, text in others:
            w.text(parent, tag, text, lang)


def read_folder(item: Any, language: str) -> dict[str, Any]:
    if item.get("identifierRef"):
        return {"items": [item.get("identifierRef")]}
    folder: dict[str, Any] = {"name": ""}
    if item.get("identifier"):
        folder["id"] = item.get("identifier")
    _texts(folder, item, language, {"name": "label", "documentation": "documentation"})
    if not folder.get("documentation"):
        folder.pop("documentation", None)
    refs = [c.get("identifierRef") for c in children(item, "item") if c.get("identifierRef")]
    subs = [read_folder(c, language) for c in children(item, "item") if not c.get("identifierRef")]
    if refs:
        folder["items"] = refs
    if subs:
        folder["folders"] = subs
    return folder


def read_view(node: Any, reader: Any) -> dict[str, Any]:
    view: dict[str, Any] = {"id": node.get("identifier", ""), "name": ""}
    _texts(view, node, reader.language, {"name": "name", "documentation": "documentation"})
    if not view.get("documentation"):
        view.pop("documentation", None)
    if node.get("viewpoint"):
        view["viewpoint"] = node.get("viewpoint")
    holder = RawConcept(id=view["id"], type="")
    reader.common(node, holder, [])
    if holder.properties:
        view["properties"] = [list(p) for p in holder.properties]
    view["nodes"] = [_node(n, reader.language) for n in children(node, "node")]
    view["connections"] = [_connection(c, reader.language) for c in children(node, "connection")]
    return view


def _node(node: Any, language: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": node.get("identifier", "")}
    if node.get("elementRef"):
        out["element"] = node.get("elementRef")
    shown = child(node, "viewRef")
    if shown is not None and shown.get("ref") and not node.get("elementRef"):
        out["view"] = shown.get("ref")  # its label is the name of the view it shows
    _texts(out, node, language, {"label": "label", "documentation": "documentation"})
    if "view" in out:
        out.pop("label", None)
        kept = [t for t in out.get("translations", []) if t[0] != "label"]
        if kept:
            out["translations"] = kept
        else:
            out.pop("translations", None)
    elif not out.get("label") and node.get("elementRef"):
        out.pop("label", None)
    elif not node.get("elementRef"):
        out.setdefault("label", "")
    if not out.get("documentation"):
        out.pop("documentation", None)
    for key in ("x", "y", "w", "h"):
        out[key] = _int(node.get(key))
    nested = [_node(n, language) for n in children(node, "node")]
    if nested:
        out["nodes"] = nested
    elif local(node.get(_TYPE, "")).rpartition(":")[2] == "Container":
        out["group"] = True
    return out


def _int(text: str | None) -> int:
    try:
        return int(float(text or "0"))
    except ValueError:
        return 0


def _connection(node: Any, language: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": node.get("identifier", "")}
    if node.get("relationshipRef"):
        out["relationship"] = node.get("relationshipRef")
    _texts(out, node, language, {"label": "label", "documentation": "documentation"})
    for key in ("label", "documentation"):
        if not out.get(key):
            out.pop(key, None)
    out["source"], out["target"] = node.get("source", ""), node.get("target", "")
    bends = [[_int(b.get("x")), _int(b.get("y"))] for b in children(node, "bendpoint")]
    if bends:
        out["bendpoints"] = bends
    return out


def split_views(views: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], set[str], list[Finding]]:
    """The views the exchange format can hold, the ids of those it cannot, and a finding for each
    thing left out: sketch views (the format has ArchiMate diagrams only) and the properties of
    diagram objects and connections (it has none). A reference to a view left out is written as a
    plain label."""
    kept = [v for v in views if v.get("type") != "sketch"]
    gone = {v["id"] for v in views if v.get("type") == "sketch"}
    findings = [Finding(Severity.WARNING, Reason.DROPPED, v["id"], f"sketch view {v.get('name', '')!r} ({v['id']}) "
                        f"with {_count(v.get('nodes', []))} object(s) and {len(v.get('connections', []))} "
                        "connection(s) was not written: the exchange format holds ArchiMate diagrams only",
                        "save as .archimate, .json or .xlsx to keep sketch views") for v in views if v["id"] in gone]
    for view in kept:
        lost = [n for n in _all_nodes(view.get("nodes", [])) if n.get("view") in gone]
        if lost:
            findings.append(Finding(Severity.WARNING, Reason.DROPPED, view["id"], f"{len(lost)} reference(s) in view "
                                    f"{view.get('name', '')!r} ({view['id']}) to a sketch view, e.g. "
                                    f"{lost[0].get('id', '')!r}, were written as notes with its name",
                                    "save as .archimate, .json or .xlsx to keep them"))
        parts = [p for p in _all_nodes(view.get("nodes", [])) if p.get("properties")]
        parts += [c for c in view.get("connections", []) if c.get("properties")]
        if parts:
            findings.append(Finding(Severity.WARNING, Reason.DROPPED, view["id"], f"the properties of {len(parts)} "
                                    f"diagram object(s) or connection(s) in view {view.get('name', '')!r} "
                                    f"({view['id']}), e.g. {parts[0].get('id', '')!r}, were not written: the "
                                    "exchange format has no properties there",
                                    "save as .archimate, .json or .xlsx to keep them"))
    return kept, gone, findings


def _all_nodes(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for node in nodes:
        out.append(node)
        out += _all_nodes(node.get("nodes", []))
    return out


def _count(nodes: list[dict[str, Any]]) -> int:
    return len(_all_nodes(nodes))


def folder_findings(folders: list[dict[str, Any]]) -> list[Finding]:
    """A finding for each folder with properties, which the exchange format's organizations cannot hold."""
    findings = []
    stack = list(folders)
    while stack:
        folder = stack.pop(0)
        if folder.get("properties"):
            findings.append(Finding(Severity.WARNING, Reason.DROPPED, folder.get("id", ""),
                                    f"the properties ({len(folder['properties'])}) of folder "
                                    f"{folder.get('name', '')!r} ({folder.get('id', '')}) were not written: "
                                    "exchange-format organizations have no properties",
                                    "save as .archimate, .json or .xlsx to keep them"))
        stack += folder.get("folders", [])
    return findings


def write_folder(w: Any, parent: Any, folder: dict[str, Any], top: bool = False,
                 skip: frozenset[str] | set[str] = frozenset()) -> None:
    if top and "name" not in folder:
        for ref in folder.get("items", []):
            if ref not in skip:
                etree.SubElement(parent, q("item"), identifierRef=w.ref(ref))
        return
    item = etree.SubElement(parent, q("item"))
    if folder.get("id"):
        item.set("identifier", w.ref(folder["id"]))
    write_texts(w, item, folder, {"name": "label", "documentation": "documentation"}, required="name")
    for ref in folder.get("items", []):
        if ref not in skip:
            etree.SubElement(item, q("item"), identifierRef=w.ref(ref))
    for sub in folder.get("folders", []):
        write_folder(w, item, sub, skip=skip)


def write_view(w: Any, parent: Any, view: dict[str, Any], views: Mapping[str, str] | None = None,
               written: frozenset[str] | set[str] = frozenset()) -> None:
    """Write ``view`` as a diagram. A reference to another view is a label with the view's name (``views``:
    id -> name) and, when that view is ``written`` too, its ``viewRef``, as Archi writes it. The format
    has no negative coordinates: a view with objects left of or above the origin is shifted as a
    whole, as Archi shifts it, so nothing lands on top of anything else."""
    views = views or {}
    shift = _shift(view)
    node = etree.SubElement(parent, q("view"), identifier=w.ref(view["id"]))
    node.set(_TYPE, "Diagram")
    if view.get("viewpoint"):
        node.set("viewpoint", view["viewpoint"])
    write_texts(w, node, view, {"name": "name", "documentation": "documentation"}, required="name")
    w.properties(node, [(k, v) for k, v in view.get("properties", [])])
    for item in view.get("nodes", []):
        _write_node(w, node, item, views, written, shift)
    for connection in view.get("connections", []):
        c = etree.SubElement(node, q("connection"), identifier=w.ref(connection["id"]))
        c.set(_TYPE, "Relationship" if connection.get("relationship") else "Line")
        if connection.get("relationship"):
            c.set("relationshipRef", w.ref(connection["relationship"]))
        c.set("source", w.ref(connection["source"]))
        c.set("target", w.ref(connection["target"]))
        write_texts(w, c, connection, {"label": "label", "documentation": "documentation"})
        for x, y in connection.get("bendpoints", []):
            etree.SubElement(c, q("bendpoint"), x=str(max(int(x) + shift[0], 0)),
                             y=str(max(int(y) + shift[1], 0)))


def _shift(view: dict[str, Any]) -> tuple[int, int]:
    """How far to move ``view`` right and down so that no object or bendpoint has a negative coordinate."""
    xs = [int(n.get("x", 0)) for n in _all_nodes(view.get("nodes", []))]
    ys = [int(n.get("y", 0)) for n in _all_nodes(view.get("nodes", []))]
    for connection in view.get("connections", []):
        xs += [int(b[0]) for b in connection.get("bendpoints", [])]
        ys += [int(b[1]) for b in connection.get("bendpoints", [])]
    return max(0, -min(xs, default=0)), max(0, -min(ys, default=0))


def _write_node(w: Any, parent: Any, data: dict[str, Any], views: Mapping[str, str],
                written: frozenset[str] | set[str], shift: tuple[int, int] = (0, 0)) -> None:
    node = etree.SubElement(parent, q("node"), identifier=w.ref(data["id"]))
    if data.get("element"):
        node.set("elementRef", w.ref(data["element"]))
        kind = "Element"
    else:
        kind = "Container" if data.get("nodes") or data.get("group") else "Label"
    node.set(_TYPE, kind)
    width, height = int(data.get("w", 120)), int(data.get("h", 55))
    node.set("x", str(max(int(data.get("x", 0)) + shift[0], 0)))
    node.set("y", str(max(int(data.get("y", 0)) + shift[1], 0)))
    node.set("w", str(width if width > 0 else 120))
    node.set("h", str(height if height > 0 else 55))
    if "label" not in data and data.get("view") in views:
        w.text(node, "label", views[data["view"]])
        write_texts(w, node, data, {"documentation": "documentation"})
    else:
        write_texts(w, node, data, {"label": "label", "documentation": "documentation"},
                    required="label" if "label" in data else "")
    if data.get("view") in written:
        etree.SubElement(node, q("viewRef"), ref=w.ref(data["view"]))
    for item in data.get("nodes", []):
        _write_node(w, node, item, views, written, shift)
