"""Archi's own model file (``.archimate``), plain or zipped (Archi's archive format), read and written.

The root is ``archimate:model``; elements sit in typed folders as
``<element xsi:type="archimate:BusinessProcess" id=… name=…>``; specializations are profiles;
an access relationship without ``accessType`` is a **Write** access (``1`` Read, ``2`` Access,
``3`` ReadWrite); a junction without ``type`` is an And junction. Diagrams and sketch views are
kept with every object Archi draws in them (elements, groups, also empty ones, notes, references
to other views, stickies and actors) and every connection, including one that starts or ends on
another connection, with its bendpoints (see :mod:`fora_model.io.archimate_views`); folders keep
their type, documentation and properties. What the reader meets and cannot keep (canvas views,
images, colours and fonts) is listed in findings naming the view. Names in other languages
travel as ``fora:name@<lang>`` properties, since Archi keeps one language.

>>> from fora_model.model import Element, Model
>>> m = Model(id="m1", name="School")
>>> _ = m.add_element(Element.new("application", "Magister", id="a1"))
>>> text, _ = generate_archimate(m)
>>> parse_archimate(text.encode()).model.element("a1").specialization
'Applicatie'
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import Finding, ModelFileError, Reason, Severity
from ..model import Model
from .archimate_folders import FOLDER_NAMES, place_in_folders
from .archimate_views import (
    ARCHI_NS,
    XSI,
    Skipped,
    local_name,
    part_tag,
    part_text,
    read_diagram,
    reference,
    type_of,
    unwritable_parts,
    view_node,
)
from .base import ReadResult, read_limited
from .bridge import Progress, archimate_problems, model_to_raw, raw_to_model
from .concepts import RawConcept, RawModel
from .extras import dropped_extras, writable_views
from .mapping import KindMapping, resolve_mapping
from .safety import check_zip, parse_xml, read_zip_member
from .textsafe import xml_safe
from .writing import atomic_write

__all__ = [
    "ARCHI_NS",
    "FOLDER_NAMES",
    "ArchiReader",
    "archimate_parts",
    "concept_node",
    "generate_archimate",
    "parse_archimate",
    "profile_id",
    "raw_from_archimate_root",
    "read_archimate",
    "view_node",
    "write_archimate",
]

_TYPE = f"{{{XSI}}}type"
ACCESS_CODES = {"0": "write", "1": "read", "2": "access", "3": "readwrite"}
_CODES = {v: k for k, v in ACCESS_CODES.items()}
_KEEPS = ("views", "folders")


def read_archimate(
    path: str | Path,
    *,
    mapping: KindMapping | str | Path | None = None,
    max_bytes: int | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read an Archi model file, plain XML or zipped with its images.

    Parameters
    ----------
    path
        The ``.archimate`` file.
    mapping
        Overrides of the kind inference: a :class:`~fora_model.io.mapping.KindMapping`, a path
        to a JSON or CSV mapping file, or a dict in the JSON form.
    max_bytes
        The largest file accepted (default :data:`~fora_model.io.base.MAX_BYTES`).
    progress
        Called as ``progress(done, total)`` while reading.

    Returns
    -------
    ReadResult
        The model and the reader's findings (file, place, id, reason, hint); not yet validated.

    Raises
    ------
    ModelFileError
        When the file cannot be read as a model at all (missing, too large, malformed, hostile).
    """
    data = read_limited(path, max_bytes=max_bytes)
    if data[:4] == b"PK\x03\x04":
        archive = check_zip(data, str(path), max_bytes=max_bytes)
        names = [n for n in archive.namelist() if n.lower().endswith((".xml", ".archimate"))]
        if not names:
            raise ModelFileError(str(path), "the archive holds no model", "open the .archimate file Archi saved",
                                 Reason.UNSUPPORTED_FORMAT)
        member = "model.xml" if "model.xml" in names else names[0]
        data = read_zip_member(archive, member, str(path), max_bytes=max_bytes)
    return parse_archimate(data, source=str(path), mapping=mapping, progress=progress)


def parse_archimate(
    data: bytes,
    *,
    source: str = "<archimate>",
    mapping: KindMapping | str | Path | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Parse the XML of an Archi model into a model and findings."""
    root = parse_xml(data, source)
    raw, findings = raw_from_archimate_root(root, source)
    result = raw_to_model(raw, resolve_mapping(mapping), progress)
    result.findings[:0] = findings
    return result


class ArchiReader:
    """Turns Archi XML nodes (from one file or from a coArchi folder) into raw concepts and views."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.findings: list[Finding] = []
        self.profiles: dict[str, str] = {}
        self.views: list[dict[str, Any]] = []
        self.skipped: Skipped = {}

    def header(self, node: Any, raw: RawModel) -> None:
        """The model's name, id, purpose, properties and profiles (texts as elements, or as attributes in coArchi)."""
        raw.id, raw.name = node.get("id", ""), node.get("name", "")
        raw.documentation = part_text(node, "purpose") or ""
        for child in node:
            tag = part_tag(child)
            if tag == "property":
                raw.properties.append((child.get("key", ""), child.get("value", "")))
            elif tag == "profile":
                self.profiles[child.get("id", "")] = child.get("name", "")

    def concept(self, node: Any, raw: RawModel, where: str) -> str | None:
        """Add an element, relationship or view; returns its id (None when not a concept)."""
        kind = type_of(node)
        identifier = node.get("id", "")
        if kind.endswith("Model") and kind != "ArchimateModel":
            if kind in ("ArchimateDiagramModel", "SketchModel"):
                self.views.append(read_diagram(node, self.skipped))
                return identifier
            what = "canvas view" if kind == "CanvasModel" else f"view of type {kind}"
            name = f"{what} {node.get('name', '')!r} ({identifier}) with all it shows"
            self.skipped[(name, where)] = self.skipped.get((name, where), 0) + 1
            return None
        concept = RawConcept(id=identifier, type=kind, name=node.get("name", ""), location=where)
        concept.documentation = part_text(node, "documentation") or ""
        for child in node:
            tag = part_tag(child)
            if tag == "documentation":
                continue
            if tag == "property":
                concept.properties.append((child.get("key", ""), child.get("value", "")))
            elif tag not in ("source", "target"):
                key = (f"part(s) <{tag}>", f"{kind} {identifier!r}")
                self.skipped[key] = self.skipped.get(key, 0) + 1
        profiles = (node.get("profiles") or "").split()
        if profiles:
            concept.specialization = self.profiles.get(profiles[0], "")
        if kind == "Junction":
            concept.junction = "or" if node.get("type") == "or" else "and"
        if concept.is_relation:
            concept.source, concept.target = reference(node, "source"), reference(node, "target")
            if kind == "AccessRelationship":
                concept.access = ACCESS_CODES.get(node.get("accessType") or "0", "write")
            if node.get("directed") is not None:
                concept.directed = node.get("directed") == "true"
            if node.get("strength") is not None:
                concept.strength = node.get("strength")
            raw.relations.append(concept)
        else:
            raw.elements.append(concept)
        return identifier

    def finish(self, raw: RawModel) -> list[Finding]:
        if self.views:
            raw.extras["views"] = self.views
        for (what, where), count in self.skipped.items():
            self.findings.append(Finding(Severity.INFO, Reason.DROPPED, "", f"{where}: {count} {what} not kept",
                                         "fora-model keeps elements, relations and the diagrams' objects, "
                                         "connections and texts; edit the rest in Archi", self.source))
        return self.findings


def _folder(node: Any, reader: ArchiReader, raw: RawModel, source: str) -> dict[str, Any]:
    folder: dict[str, Any] = {"name": node.get("name", "")}
    if node.get("id"):
        folder["id"] = node.get("id")
    if node.get("type"):
        folder["type"] = node.get("type")
    items: list[str] = []
    subs: list[dict[str, Any]] = []
    for child in node:
        tag = local_name(child.tag)
        if tag == "folder":
            subs.append(_folder(child, reader, raw, source))
        elif tag == "element":
            identifier = reader.concept(child, raw, f"{source} line {child.sourceline}")
            if identifier is not None:
                items.append(identifier)
        elif tag == "documentation" and child.text:
            folder["documentation"] = child.text
        elif tag == "property":
            folder.setdefault("properties", []).append([child.get("key", ""), child.get("value", "")])
        elif tag != "documentation":
            key = (f"part(s) <{tag}>", f"folder {folder['name']!r} ({folder.get('id', '')})")
            reader.skipped[key] = reader.skipped.get(key, 0) + 1
    if items:
        folder["items"] = items
    if subs:
        folder["folders"] = subs
    return folder


def raw_from_archimate_root(root: Any, source: str) -> tuple[RawModel, list[Finding]]:
    """The raw model held by an ``archimate:model`` root element."""
    if local_name(root.tag) != "model" or ARCHI_NS not in str(root.tag):
        raise ModelFileError(source, "not an Archi model (no archimate:model root)", "open a .archimate file",
                             Reason.UNSUPPORTED_FORMAT)
    raw = RawModel(source=source)
    reader = ArchiReader(source)
    reader.header(root, raw)
    folders = [_folder(f, reader, raw, source) for f in root if local_name(f.tag) == "folder"]
    if folders:
        raw.extras["folders"] = folders
    return raw, reader.finish(raw)


# ----------------------------------------------------------------------------------------- writing
def profile_id(kind: str, name: str) -> str:
    """A stable id for the profile (specialization) ``name`` of concepts of type ``kind``."""
    return "id-" + hashlib.md5(f"{kind}\0{name}".encode()).hexdigest()


def concept_node(tag: str, c: RawConcept, *, typed: bool = True) -> Any:
    """An Archi XML node for a raw concept (``element`` in a model file, the type itself in coArchi)."""
    node = etree.Element(tag, nsmap={"archimate": ARCHI_NS, "xsi": XSI})
    if typed:
        node.set(_TYPE, f"archimate:{c.type}")
    if c.name:
        node.set("name", c.name)
    node.set("id", c.id)
    if c.is_relation:
        node.set("source", c.source)
        node.set("target", c.target)
        if c.type == "AccessRelationship" and (c.access or "access") != "write":
            node.set("accessType", _CODES[c.access or "access"])
        if c.directed is not None:
            node.set("directed", "true" if c.directed else "false")
        if c.strength is not None:
            node.set("strength", c.strength)
    if c.junction == "or":
        node.set("type", "or")
    if c.specialization:
        node.set("profiles", profile_id(c.type, c.specialization))
    if c.documentation:
        etree.SubElement(node, "documentation").text = c.documentation
    for key, value in c.properties:
        prop = etree.SubElement(node, "property", key=key)
        if value:
            prop.set("value", value)
    return node


def archimate_parts(model: Model) -> tuple[RawModel, list[dict[str, Any]], list[Finding]]:
    """The raw model, its folder tree with every concept and view placed, and the findings."""
    raw = model_to_raw(model, translations_as_properties=True)
    problems = archimate_problems(raw)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ModelFileError("Archi model", f"Archi would refuse this model: {problems[0]}{more}",
                             "fix these with fora-model validate first", problems[0].reason)
    findings = dropped_extras(model.extras, "An Archi model", _KEEPS)
    for view in model.extras.get("views") or []:
        findings += [Finding(Severity.WARNING, Reason.DROPPED, "", f"{part} in view {view.get('name', '')!r} "
                             f"({view['id']}) was not written", "keep such texts on the element or a group",
                             "Archi model") for part in unwritable_parts(view)]
    folders = place_in_folders(raw, model.extras.get("folders") or [], model.extras.get("views") or [])
    return raw, folders, findings


def generate_archimate(model: Model) -> tuple[str, list[Finding]]:
    """The model as the text of an Archi ``.archimate`` file and findings on what it left out."""
    model, unsafe = xml_safe(model, format_name="an .archimate file")
    raw, folders, findings = archimate_parts(model)
    drawn, mismatched = writable_views(model, "Archi model")
    findings = unsafe + findings + mismatched
    concepts: dict[str, RawConcept] = {c.id: c for c in [*raw.elements, *raw.relations]}
    views = {v["id"]: v for v in drawn}
    root = etree.Element(f"{{{ARCHI_NS}}}model", nsmap={"archimate": ARCHI_NS, "xsi": XSI})
    root.set("name", raw.name)
    root.set("id", raw.id)
    root.set("version", "5.0.0")

    def fill(parent: Any, folder: dict[str, Any]) -> None:
        node = etree.SubElement(parent, "folder", name=folder.get("name", ""))
        if folder.get("id"):
            node.set("id", folder["id"])
        if folder.get("type"):
            node.set("type", folder["type"])
        if folder.get("documentation"):
            etree.SubElement(node, "documentation").text = folder["documentation"]
        for key, value in folder.get("properties", []):
            prop = etree.SubElement(node, "property", key=key)
            if value:
                prop.set("value", value)
        for sub in folder.get("folders", []):
            fill(node, sub)
        for item in folder.get("items", []):
            if item in concepts:
                node.append(concept_node("element", concepts[item]))
            elif item in views:
                node.append(view_node("element", views[item]))

    for folder in folders:
        fill(root, folder)
    if raw.documentation:
        etree.SubElement(root, "purpose").text = raw.documentation
    for key, value in raw.properties:
        prop = etree.SubElement(root, "property", key=key)
        if value:
            prop.set("value", value)
    profiles = {(c.type, c.specialization) for c in concepts.values() if c.specialization}
    for kind, name in sorted(profiles):
        etree.SubElement(root, "profile", name=name, id=profile_id(kind, name), conceptType=kind)
    etree.cleanup_namespaces(root)
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")
    return text, findings


def write_archimate(model: Model, path: str | Path) -> list[Finding]:
    """Write the model as an Archi ``.archimate`` file.

    Parameters
    ----------
    model
        The model to write.
    path
        The ``.archimate`` file to write (atomically).

    Returns
    -------
    list of Finding
        What the format could not hold and left out (never silently).

    Raises
    ------
    ModelFileError
        When a relation is one ArchiMate forbids; nothing is written then.
    """
    text, findings = generate_archimate(model)
    atomic_write(path, text.encode("utf-8"))
    return findings

