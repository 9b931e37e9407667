"""Archi's collaboration (coArchi) folder layout: ``model/`` with one XML file per concept.

``model/folder.xml`` is the model (name, purpose, properties, profiles); each sub-folder has a
``folder.xml`` naming it and one file per element, relationship or view
(``BusinessProcess_id-….xml`` whose root is ``archimate:BusinessProcess``). Relationship ends
are read from ``source``/``target`` attributes or from ``<source href="…#id"/>`` children. This
is how the official FORA model is published. The reader takes the repository folder or its
``model/`` folder; the writer lays a model out the same way.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import Finding, ModelFileError, Reason
from ..model import Model
from .archimate import ARCHI_NS, ArchiReader, archimate_parts, concept_node, profile_id, view_node
from .base import MAX_BYTES, ReadResult, read_limited
from .bridge import Progress, raw_to_model
from .concepts import RawConcept, RawModel
from .mapping import KindMapping, resolve_mapping
from .safety import parse_xml
from .textsafe import xml_safe
from .writing import atomic_write_many

__all__ = ["MAX_FILES", "is_coarchi", "read_coarchi", "write_coarchi"]

MAX_FILES = 500_000
"""The most files a coArchi folder may hold."""

_SAFE = re.compile(r"[^A-Za-z0-9._-]")


def _model_dir(path: Path) -> Path | None:
    if (path / "model" / "folder.xml").is_file():
        return path / "model"
    if path.name == "model" and (path / "folder.xml").is_file():
        return path
    return None


def is_coarchi(path: Path) -> bool:
    """True for a coArchi repository folder or its ``model/`` folder."""
    return path.is_dir() and _model_dir(path) is not None


def read_coarchi(
    path: str | Path,
    *,
    mapping: KindMapping | str | Path | None = None,
    max_bytes: int | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read a model kept in Archi's collaboration folder layout.

    Parameters
    ----------
    path
        The repository folder, or its ``model/`` folder.
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
    root = _model_dir(Path(path))
    if root is None:
        raise ModelFileError(str(path), "not a coArchi folder (no model/folder.xml)",
                             "name the repository folder that holds model/", Reason.UNSUPPORTED_FORMAT)
    limit = MAX_BYTES if max_bytes is None else max_bytes
    files: list[str] = []
    total = 0
    for here, _, names in os.walk(root):
        for name in names:
            if name.endswith(".xml"):
                files.append(name)
                total += os.path.getsize(os.path.join(here, name))
        if len(files) > MAX_FILES:
            raise ModelFileError(str(path), f"the folder holds more than {MAX_FILES} files",
                                 "check that this is a model folder", Reason.TOO_LARGE)
    if total > limit:
        raise ModelFileError(str(path), f"the model files add up to {total / 1e6:.0f} MB, more than the "
                             f"{limit / 1e6:.0f} MB limit", "raise the limit if you trust the folder",
                             Reason.TOO_LARGE)
    source = str(path)
    raw = RawModel(source=source)
    reader = ArchiReader(source)
    header = parse_xml((root / "folder.xml").read_bytes(), str(root / "folder.xml"))
    reader.header(header, raw)
    folders: list[dict[str, Any]] = []
    subdirs = sorted(d for d in root.iterdir() if d.is_dir())
    done = [0]
    for sub in subdirs:
        folder = _read_folder(sub, reader, raw, root, done, len(files), progress)
        if folder is not None:
            folders.append(folder)
    if folders:
        raw.extras["folders"] = folders
    findings = reader.finish(raw)
    result = raw_to_model(raw, resolve_mapping(mapping), progress)
    result.findings[:0] = findings
    return result


def _read_folder(directory: Path, reader: ArchiReader, raw: RawModel, root: Path, done: list[int], total: int,
                 progress: Progress | None) -> dict[str, Any] | None:
    meta = directory / "folder.xml"
    if not meta.is_file():
        return None
    node = parse_xml(meta.read_bytes(), str(meta))
    folder: dict[str, Any] = {"name": node.get("name", "")}
    for key in ("id", "type"):
        if node.get(key):
            folder[key] = node.get(key)
    for child in node:
        if str(child.tag).rpartition("}")[2] == "documentation" and child.text:
            folder["documentation"] = child.text
    items: list[str] = []
    with os.scandir(directory) as entries:
        listing = sorted((e.name, e.is_dir(follow_symlinks=False)) for e in entries if not e.is_symlink())
    prefix = str(directory.relative_to(root))
    for name, is_dir in listing:
        if is_dir or not name.endswith(".xml") or name == "folder.xml":
            continue
        path = os.path.join(directory, name)
        concept = parse_xml(read_limited(path), path)
        identifier = reader.concept(concept, raw, f"{prefix}/{name}")
        if identifier is not None:
            items.append(identifier)
        done[0] += 1
        if progress and done[0] % 500 == 0:
            progress(done[0], total)
    subs = [f for name, is_dir in listing if is_dir
            if (f := _read_folder(directory / name, reader, raw, root, done, total, progress)) is not None]
    if items:
        folder["items"] = items
    if subs:
        folder["folders"] = subs
    return folder


def _xml(node: Any) -> bytes:
    etree.cleanup_namespaces(node)
    return bytes(etree.tostring(node, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def write_coarchi(model: Model, path: str | Path) -> list[Finding]:
    """Write the model in the coArchi layout under ``path/model/``.

    Parameters
    ----------
    model
        The model to write.
    path
        The repository folder.

    Returns
    -------
    list of Finding
        What the format could not hold and left out (never silently).

    Raises
    ------
    ModelFileError
        When a relation is one ArchiMate forbids; nothing is written then.
    """
    model, unsafe = xml_safe(model, format_name="coArchi's XML")
    raw, folders, findings = archimate_parts(model)
    findings = unsafe + findings
    concepts: dict[str, RawConcept] = {c.id: c for c in [*raw.elements, *raw.relations]}
    views = {v["id"]: v for v in model.extras.get("views") or []}
    root = Path(path) / "model"
    files: dict[Path, bytes] = {}
    header = etree.Element(f"{{{ARCHI_NS}}}model", nsmap={"archimate": ARCHI_NS})
    header.set("name", raw.name)
    header.set("id", raw.id)
    header.set("version", "5.0.0")
    if raw.documentation:
        etree.SubElement(header, "purpose").text = raw.documentation
    for key, value in raw.properties:
        etree.SubElement(header, "property", key=key, value=value)
    for kind, name in sorted({(c.type, c.specialization) for c in concepts.values() if c.specialization}):
        etree.SubElement(header, "profile", name=name, id=profile_id(kind, name), conceptType=kind)
    files[root / "folder.xml"] = _xml(header)

    def lay_out(directory: Path, folder: dict[str, Any]) -> None:
        node = etree.Element(f"{{{ARCHI_NS}}}Folder", nsmap={"archimate": ARCHI_NS})
        node.set("name", folder.get("name", ""))
        for key in ("id", "type"):
            if folder.get(key):
                node.set(key, folder[key])
        if folder.get("documentation"):
            etree.SubElement(node, "documentation").text = folder["documentation"]
        files[directory / "folder.xml"] = _xml(node)
        for item in folder.get("items", []):
            if item in concepts:
                c = concepts[item]
                files[directory / f"{c.type}_{_SAFE.sub('_', c.id)}.xml"] = _xml(
                    concept_node(f"{{{ARCHI_NS}}}{c.type}", c, typed=False))
            elif item in views:
                files[directory / f"ArchimateDiagramModel_{_SAFE.sub('_', item)}.xml"] = _xml(
                    view_node(f"{{{ARCHI_NS}}}ArchimateDiagramModel", views[item], typed=False))
        for sub in folder.get("folders", []):
            lay_out(directory / _SAFE.sub("_", sub.get("id") or sub.get("name", "folder")), sub)

    for folder in folders:
        lay_out(root / folder["type"], folder)
    for directory in {p.parent for p in files}:
        directory.mkdir(parents=True, exist_ok=True)
    atomic_write_many(files)
    return findings
