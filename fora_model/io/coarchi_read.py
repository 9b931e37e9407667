"""Reading Archi's collaboration (coArchi, "grafico") folders, the way Archi's plugin imports them.

A repository holds ``model/`` (and ``images/``). ``model/folder.xml`` is the model itself
(``<archimate:ArchimateModel name= id= purpose= version=>`` with ``<properties key= value=/>`` and
``<profiles>`` children); beside it one directory per top folder, named by its type (``strategy``,
``business``, ``application``, ``technology``, ``motivation``, ``implementation_migration``,
``other``, ``relations``, ``diagrams``), each with its ``folder.xml`` (``<archimate:Folder>``) and
sub-folders as directories of their own. Every other file is one concept or view named
``<Class>_<id>.xml`` whose root is ``archimate:<Class>`` with ``name``, ``id`` and ``documentation``
as attributes. Ends of relations and the concepts a diagram shows are ``href="<file>#<id>"``
children; like Archi, the reader resolves them by the id after ``#``.

ArchiMate and sketch views are kept (:mod:`fora_model.io.coarchi_views`); what the model cannot hold
(canvas views, images, colours and fonts, metadata) is listed as findings naming the file; a file
that is not XML or not an Archi concept is an error naming it, and the rest of the folder is still
read so every broken file is listed at once.

A folder keeps no order among its files, so concepts and views are read in the order of their file
names (Archi's model tree sorts them by name anyway): a model read from a coArchi folder, written
and read again, is the same model, order included.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import Finding, ModelFileError, Reason, Severity
from .archimate import ACCESS_CODES
from .archimate_folders import FOLDER_NAMES
from .archimate_views import ARCHI_NS, local_name
from .base import MAX_BYTES, ReadResult, read_limited
from .bridge import Progress, raw_to_model
from .coarchi_views import ViewParts, href_id, read_view
from .concepts import RawConcept, RawModel
from .extras import MAX_DEPTH, checked_extras
from .mapping import KindMapping, resolve_mapping
from .safety import parse_xml

__all__ = ["MAX_FILES", "is_coarchi", "model_folder", "read_coarchi"]

MAX_FILES = 500_000
"""The most files a coArchi folder may hold."""

FOLDER_XML = "folder.xml"


def model_folder(path: Path) -> Path | None:
    """The ``model/`` folder of a repository given as itself or as its ``model/`` folder."""
    if (path / "model" / FOLDER_XML).is_file():
        return path / "model"
    if path.name == "model" and (path / FOLDER_XML).is_file():
        return path
    return None


def is_coarchi(path: Path) -> bool:
    """True for a coArchi repository folder or its ``model/`` folder."""
    return path.is_dir() and model_folder(path) is not None


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
        The most bytes all model files together may hold (default :data:`~fora_model.io.base.MAX_BYTES`).
    progress
        Called as ``progress(done, total)`` while reading.

    Returns
    -------
    ReadResult
        The model and the reader's findings (file, place, id, reason, hint); not yet validated.

    Raises
    ------
    ModelFileError
        When the folder cannot be read as a model at all (no ``model/folder.xml``, that file
        malformed or not an ``archimate:ArchimateModel``, too many or too large files).
    """
    root = model_folder(Path(path))
    if root is None:
        raise ModelFileError(str(path), "not a coArchi folder (no model/folder.xml)",
                             "name the repository folder that holds model/", Reason.UNSUPPORTED_FORMAT)
    try:
        entries = sorted(os.listdir(root))
    except OSError as exc:
        raise ModelFileError(str(root), f"cannot be listed ({exc.strerror or exc})",
                             "check the folder's permissions") from None
    total = _count_files(root, str(path), MAX_BYTES if max_bytes is None else max_bytes)
    reader = _Reader(root, str(path), total, progress)
    raw = RawModel(source=str(path))
    reader.header(raw)
    folders: list[dict[str, Any]] = []
    for kind in FOLDER_NAMES:
        if (root / kind).is_dir() and not (root / kind).is_symlink():
            folders.append(reader.folder(root / kind, raw))
        else:
            reader.warn(kind, "is missing, and Archi's plugin refuses a repository without it",
                        f"add the folder {kind}/ with its folder.xml (fora-model writes all nine)",
                        reason=Reason.MISSING_FIELD)
    for entry in entries:
        if entry != FOLDER_XML and entry not in FOLDER_NAMES:
            reader.warn(entry, "is not one of Archi's top folders, so Archi does not read it; left out",
                        "move its files into one of the folders named by type (business, relations, ...)")
    reader.images(root.parent / "images")
    if folders:
        raw.extras["folders"] = folders
    if reader.views:
        raw.extras["views"] = reader.checked_views(raw)
    raw.extras, shape = checked_extras(raw.extras, str(root))  # views or folders nested beyond reason
    reader.findings.extend(shape)
    result = raw_to_model(raw, resolve_mapping(mapping), progress)
    result.findings[:0] = reader.findings
    return result


def _count_files(root: Path, source: str, limit: int) -> int:
    count = size = 0
    for here, _, names in os.walk(root):
        count += len(names)
        size += sum(os.path.getsize(os.path.join(here, n)) for n in names if os.path.isfile(os.path.join(here, n)))
        if count > MAX_FILES:
            raise ModelFileError(source, f"the folder holds more than {MAX_FILES} files",
                                 "check that this is a model folder", Reason.TOO_LARGE)
    if size > limit:
        raise ModelFileError(source, f"the model files add up to {size / 1e6:.0f} MB, more than the "
                             f"{limit / 1e6:.0f} MB limit", "raise the limit if you trust the folder",
                             Reason.TOO_LARGE)
    return count


class _Reader:
    """One pass over a ``model/`` folder: concepts into a raw model, views, findings naming each file."""

    def __init__(self, root: Path, source: str, total: int, progress: Progress | None) -> None:
        self.root, self.source, self.total, self.progress = root, source, max(total, 1), progress
        self.findings: list[Finding] = []
        self.profiles: dict[str, str] = {}
        self.views: list[tuple[str, dict[str, Any]]] = []
        self.view_ids: dict[str, str] = {}
        self.done = 0

    # ------------------------------------------------------------------------------ findings
    def where(self, relative: str) -> str:
        return f"{self.root}/{relative}"

    def warn(self, relative: str, message: str, hint: str, element: str = "",
             severity: Severity = Severity.WARNING, reason: Reason = Reason.DROPPED) -> None:
        self.findings.append(Finding(severity, reason, element, message, hint, self.where(relative)))

    def error(self, relative: str, message: str, hint: str, reason: Reason = Reason.SYNTAX_ERROR) -> None:
        self.warn(relative, message, hint, severity=Severity.ERROR, reason=reason)

    def _parse(self, relative: str) -> Any:
        """The root node of a file, or None after an error finding naming it."""
        try:
            return parse_xml(read_limited(self.root / relative), self.where(relative))
        except ModelFileError as exc:
            self.error(relative, exc.message, exc.hint, exc.reason)
            return None

    # ------------------------------------------------------------------------------ the model
    def header(self, raw: RawModel) -> None:
        source = self.where(FOLDER_XML)
        node = parse_xml(read_limited(self.root / FOLDER_XML), source)
        if local_name(node.tag) != "ArchimateModel" or not str(node.tag).startswith(f"{{{ARCHI_NS}}}"):
            raise ModelFileError(source, f"the root is <{local_name(node.tag)}>, not <archimate:ArchimateModel>",
                                 "model/folder.xml of a coArchi repository holds the model; export it again "
                                 "with Archi's collaboration plugin", Reason.UNSUPPORTED_FORMAT)
        raw.id, raw.name = node.get("id", ""), node.get("name", "")
        raw.documentation = node.get("purpose", "")
        for child in node:
            tag = local_name(child.tag)
            if tag == "properties":
                raw.properties.append((child.get("key", ""), child.get("value", "")))
            elif tag == "profiles":
                self.profiles[child.get("id", "")] = child.get("name", "")
                if child.get("imagePath"):
                    self.warn(FOLDER_XML, f"the image of specialization {child.get('name', '')!r} was not kept",
                              "add the image again in Archi's Specializations Manager", child.get("id", ""),
                              Severity.INFO)
            elif tag == "purpose":  # the .archimate form, met in hand-made files
                raw.documentation = child.text or ""
            else:
                self.warn(FOLDER_XML, f"the model's <{tag}> element(s) were not kept", "", severity=Severity.INFO)

    def folder(self, directory: Path, raw: RawModel, depth: int = 0) -> dict[str, Any]:
        relative = directory.relative_to(self.root).as_posix()
        folder: dict[str, Any] = {"name": directory.name}
        try:
            names = sorted(os.listdir(directory))
        except OSError as exc:
            self.error(relative, f"cannot be listed ({exc.strerror or exc})", "check the folder's permissions",
                       Reason.UNREADABLE_FILE)
            return folder
        if (directory / FOLDER_XML).is_file():
            node = self._parse(f"{relative}/{FOLDER_XML}")
            if node is not None and local_name(node.tag) != "Folder":
                self.error(f"{relative}/{FOLDER_XML}", f"the root is <{local_name(node.tag)}>, not <archimate:Folder>",
                           "a folder.xml names its folder: <archimate:Folder name=… id=…/>", Reason.UNSUPPORTED_FORMAT)
            elif node is not None:
                folder = self._folder_header(node)
        else:
            self.warn(relative, "has no folder.xml, so Archi refuses the repository; its files were read",
                      "add a folder.xml naming the folder: <archimate:Folder name=… id=…/>")
        items: list[str] = []
        subs: list[dict[str, Any]] = []
        for name in names:
            here = directory / name
            if name == FOLDER_XML:
                continue
            if here.is_symlink():
                self.warn(f"{relative}/{name}", "is a link, which Archi's repositories never hold; left out",
                          "replace the link by the file or folder itself")
                continue
            if here.is_dir():
                if depth >= MAX_DEPTH:
                    self.warn(f"{relative}/{name}", f"lies more than {MAX_DEPTH} folders deep; left out",
                              "move its files into a folder higher up")
                else:
                    subs.append(self.folder(here, raw, depth + 1))
                continue
            self.done += 1
            if self.progress and self.done % 500 == 0:
                self.progress(min(self.done, self.total), self.total)
            if not name.endswith(".xml"):
                self.warn(f"{relative}/{name}", "is not a model file (not .xml); left out",
                          "keep only Archi's XML files in model/")
                continue
            identifier = self.concept(f"{relative}/{name}", raw)
            if identifier is not None:
                items.append(identifier)
        if subs:
            folder["folders"] = subs
        if items:
            folder["items"] = items
        return folder

    @staticmethod
    def _folder_header(node: Any) -> dict[str, Any]:
        folder: dict[str, Any] = {"name": node.get("name", "")}
        for key in ("id", "type", "documentation"):
            if node.get(key):
                folder[key] = node.get(key)
        properties = [[p.get("key", ""), p.get("value", "")] for p in node if local_name(p.tag) == "properties"]
        if properties:
            folder["properties"] = properties
        return folder

    # ------------------------------------------------------------------------------ concepts
    def concept(self, relative: str, raw: RawModel) -> str | None:
        """Add the concept or view of one file; its id (None when nothing was added)."""
        node = self._parse(relative)
        if node is None:
            return None
        kind = local_name(node.tag)
        if not str(node.tag).startswith(f"{{{ARCHI_NS}"):  # Archi's canvas views are in …/archimate/canvas
            self.error(relative, f"the root <{kind}> is not in Archi's namespace {ARCHI_NS}",
                       "a concept file's root is archimate:<Class>, e.g. archimate:BusinessActor",
                       Reason.UNSUPPORTED_FORMAT)
            return None
        identifier = node.get("id", "")
        if kind in ("ArchimateDiagramModel", "SketchModel"):
            if not identifier or identifier in self.view_ids:
                problem = "has no id" if not identifier else (
                    f"has the id {identifier!r} of the view in {self.view_ids[identifier]}")
                self.error(relative, f"the view {problem}; left out", "give every view its own id",
                           Reason.MISSING_FIELD if not identifier else Reason.DUPLICATE_ID)
                return None
            self.view_ids[identifier] = relative
            parts = ViewParts()
            self.views.append((relative, read_view(node, parts)))
            for what, ids in parts.dropped.items():
                shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
                self.warn(relative, f"{len(ids)} {what} ({shown}) not kept", "", identifier, Severity.INFO)
            return identifier
        if kind.endswith("Model") or kind in ("Folder", "ArchimateModel"):
            what = {"CanvasModel": "canvas view"}.get(kind, f"<{kind}>")
            self.warn(relative, f"the {what} {node.get('name', '')!r} was not kept",
                      "fora-model keeps ArchiMate and sketch views only", identifier)
            return None
        concept = RawConcept(id=identifier, type=kind, name=node.get("name", ""),
                             documentation=node.get("documentation", ""), location=self.where(relative))
        for child in node:
            tag = local_name(child.tag)
            if tag == "properties":
                concept.properties.append((child.get("key", ""), child.get("value", "")))
            elif tag == "profiles":
                profile = href_id(child)
                if profile in self.profiles and not concept.specialization:
                    concept.specialization = self.profiles[profile]
                elif profile not in self.profiles:
                    self.warn(relative, f"its specialization {profile!r} is not among the model's profiles; "
                              "not kept", "define the specialization in model/folder.xml", identifier)
            elif tag in ("source", "target"):
                end = href_id(child) or str(child.get(tag, ""))
                setattr(concept, tag, end)
                if not end:
                    self.error(relative, f"the {tag} has no href naming a concept", "write "
                               f'<{tag} href="<Class>_<id>.xml#<id>"/>', Reason.MISSING_FIELD)
            elif tag == "documentation":  # the .archimate form, met in hand-made files
                concept.documentation = child.text or ""
            else:
                self.warn(relative, f"its <{tag}> element(s) were not kept", "", identifier, Severity.INFO)
        if kind == "Junction":
            concept.junction = "or" if node.get("type") == "or" else "and"
        if concept.is_relation:
            if kind == "AccessRelationship":
                code = node.get("accessType") or "0"
                concept.access = ACCESS_CODES.get(code, "write")
                if code not in ACCESS_CODES:
                    self.warn(relative, f"accessType {code!r} is not 0-3; read as Write",
                              "use 0 (Write), 1 (Read), 2 (Access) or 3 (ReadWrite)", identifier,
                              reason=Reason.BAD_VALUE)
            if node.get("directed") is not None:
                concept.directed = node.get("directed") == "true"
            if node.get("strength") is not None:
                concept.strength = node.get("strength")
            raw.relations.append(concept)
        else:
            raw.elements.append(concept)
        return identifier

    def images(self, directory: Path) -> None:
        if directory.is_dir():
            count = sum(1 for entry in os.scandir(directory) if entry.is_file())
            if count:
                self.findings.append(Finding(Severity.INFO, Reason.DROPPED, "", f"{count} image(s) in images/ were "
                                             "not kept", "fora-model keeps no pictures", str(directory)))

    # ------------------------------------------------------------------------------ views
    def checked_views(self, raw: RawModel) -> list[dict[str, Any]]:
        """The views, without objects that show a concept or view the folder does not hold (a finding each)."""
        concepts = {c.id for c in [*raw.elements, *raw.relations]}
        views = {view["id"] for _, view in self.views}
        out: list[dict[str, Any]] = []
        for relative, view in self.views:
            gone: set[str] = set()
            for node in _walk(view["nodes"]):
                ref, what = (node["element"], "element") if "element" in node else (node.get("view"), "view")
                known = concepts if what == "element" else views
                if ref is not None and ref not in known:
                    gone.add(node["id"])
                    self.warn(relative, f"diagram object {node['id']!r} shows {what} {ref!r}, which is in no file of "
                              "the folder; the object and its connections were removed",
                              f"add the {what} or take it out of the view", ref, reason=Reason.DANGLING_ENDPOINT)
            kept = []
            for connection in view["connections"]:
                ref = connection.get("relationship")
                if ref is not None and ref not in concepts:
                    gone.add(connection["id"])
                    self.warn(relative, f"connection {connection['id']!r} shows relation {ref!r}, which is in no file "
                              "of the folder; the connection was removed", "add the relation or take it out of the "
                              "view", ref, reason=Reason.DANGLING_ENDPOINT)
                else:
                    kept.append(connection)
            view["nodes"] = _without(view["nodes"], gone)
            view["connections"] = kept  # connections ending on a removed object go in repair_views
            out.append(view)
        return out


def _walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for node in nodes:
        out.append(node)
        out.extend(_walk(node.get("nodes", [])))
    return out


def _without(nodes: list[dict[str, Any]], gone: set[str]) -> list[dict[str, Any]]:
    kept = []
    for node in nodes:
        if node["id"] in gone:
            continue
        if node.get("nodes"):
            node["nodes"] = _without(node["nodes"], gone)
            if not node["nodes"]:
                del node["nodes"]
                if "label" in node:
                    node["group"] = True
        kept.append(node)
    return kept
