"""The helpers of the exchange format: language-tagged texts, and the organization tree and
diagrams that become ``Model.extras["folders"]`` and ``Model.extras["views"]``.

Readers and writers here take the format's reader or writer object, which knows the main
language, property definitions and id fixes (see :mod:`fora_model.io.exchange_xml`).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from .concepts import RawConcept

__all__ = [
    "LANG",
    "NS",
    "XSI",
    "child",
    "children",
    "local",
    "pick",
    "q",
    "read_folder",
    "read_view",
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
    _texts(out, node, language, {"label": "label"})
    if not out.get("label") and node.get("elementRef"):
        out.pop("label", None)
    elif not node.get("elementRef"):
        out.setdefault("label", "")
    for key in ("x", "y", "w", "h"):
        out[key] = _int(node.get(key))
    nested = [_node(n, language) for n in children(node, "node")]
    if nested:
        out["nodes"] = nested
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
    _texts(out, node, language, {"label": "label"})
    if not out.get("label"):
        out.pop("label", None)
    out["source"], out["target"] = node.get("source", ""), node.get("target", "")
    bends = [[_int(b.get("x")), _int(b.get("y"))] for b in children(node, "bendpoint")]
    if bends:
        out["bendpoints"] = bends
    return out


def write_folder(w: Any, parent: Any, folder: dict[str, Any], top: bool = False) -> None:
    if top and "name" not in folder:
        for ref in folder.get("items", []):
            etree.SubElement(parent, q("item"), identifierRef=w.ref(ref))
        return
    item = etree.SubElement(parent, q("item"))
    if folder.get("id"):
        item.set("identifier", w.ref(folder["id"]))
    write_texts(w, item, folder, {"name": "label", "documentation": "documentation"}, required="name")
    for ref in folder.get("items", []):
        etree.SubElement(item, q("item"), identifierRef=w.ref(ref))
    for sub in folder.get("folders", []):
        write_folder(w, item, sub)


def write_view(w: Any, parent: Any, view: dict[str, Any]) -> None:
    node = etree.SubElement(parent, q("view"), identifier=w.ref(view["id"]))
    node.set(_TYPE, "Diagram")
    if view.get("viewpoint"):
        node.set("viewpoint", view["viewpoint"])
    write_texts(w, node, view, {"name": "name", "documentation": "documentation"}, required="name")
    w.properties(node, [(k, v) for k, v in view.get("properties", [])])
    for item in view.get("nodes", []):
        _write_node(w, node, item)
    for connection in view.get("connections", []):
        c = etree.SubElement(node, q("connection"), identifier=w.ref(connection["id"]))
        c.set(_TYPE, "Relationship" if connection.get("relationship") else "Line")
        if connection.get("relationship"):
            c.set("relationshipRef", w.ref(connection["relationship"]))
        c.set("source", w.ref(connection["source"]))
        c.set("target", w.ref(connection["target"]))
        write_texts(w, c, connection, {"label": "label"})
        for x, y in connection.get("bendpoints", []):
            etree.SubElement(c, q("bendpoint"), x=str(max(int(x), 0)), y=str(max(int(y), 0)))


def _write_node(w: Any, parent: Any, data: dict[str, Any]) -> None:
    node = etree.SubElement(parent, q("node"), identifier=w.ref(data["id"]))
    if data.get("element"):
        node.set("elementRef", w.ref(data["element"]))
        kind = "Element"
    else:
        kind = "Container" if data.get("nodes") else "Label"
    node.set(_TYPE, kind)
    width, height = int(data.get("w", 120)), int(data.get("h", 55))
    node.set("x", str(max(int(data.get("x", 0)), 0)))
    node.set("y", str(max(int(data.get("y", 0)), 0)))
    node.set("w", str(width if width > 0 else 120))
    node.set("h", str(height if height > 0 else 55))
    write_texts(w, node, data, {"label": "label"}, required="label" if "label" in data else "")
    for item in data.get("nodes", []):
        _write_node(w, node, item)
