"""Writing a model as Archi's collaboration plugin writes it (``GraficoModelExporter``).

The repository gets ``model/``: ``folder.xml`` holding the ``archimate:ArchimateModel`` (name, id,
version, purpose as attributes; ``properties`` and the specializations as ``profiles``), one directory
per top folder named by its type, a sub-folder as a directory named by its id, each with its own
``folder.xml``, and one ``<Class>_<id>.xml`` per concept and view, without an XML declaration.
References between files are ``href="<Class>_<id>.xml#<id>"``: the plugin maps every file name to its
place, so a bare file name is what it writes and what it resolves. Like the plugin, writing replaces
the whole ``model/`` folder, so no file of an earlier export is left behind.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import Finding, ModelFileError, Reason, Severity
from ..model import Model
from .archimate import ACCESS_CODES, archimate_parts, profile_id
from .archimate_views import ARCHI_NS, XSI
from .coarchi_read import FOLDER_XML
from .coarchi_views import href, pairs, view_class, view_file_node
from .concepts import RawConcept
from .textsafe import xml_safe

__all__ = ["file_name", "write_coarchi"]

_TYPE = f"{{{XSI}}}type"
_CODES = {v: k for k, v in ACCESS_CODES.items()}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def file_name(kind: str, identifier: str) -> str:
    """The file of a concept or view: ``<Class>_<id>.xml``, with characters no file name may hold
    replaced (and the id's hash added, so two such ids never share a file)."""
    safe = _UNSAFE.sub("_", identifier)
    if safe != identifier:
        safe += "-" + hashlib.md5(identifier.encode()).hexdigest()[:8]
    return f"{kind}_{safe}.xml"


def write_coarchi(model: Model, path: str | Path) -> list[Finding]:
    """Write the model as a coArchi repository: ``path/model/`` (or ``path`` itself when it is named ``model``).

    Parameters
    ----------
    model
        The model to write.
    path
        The repository folder, or its ``model/`` folder. An existing ``model/`` folder is replaced.

    Returns
    -------
    list of Finding
        What the format could not hold and left out (never silently).

    Raises
    ------
    ModelFileError
        When a relation is one ArchiMate forbids, or the target holds files that are not a coArchi
        model; nothing is written then.
    """
    model, unsafe = xml_safe(model, format_name="coArchi's XML")
    raw, folders, findings = archimate_parts(model)
    findings = unsafe + findings
    concepts: dict[str, RawConcept] = {c.id: c for c in [*raw.elements, *raw.relations]}
    views = {v["id"]: v for v in model.extras.get("views") or [] if v["id"] not in concepts}
    findings += [Finding(Severity.WARNING, Reason.DUPLICATE_ID, v["id"], f"view {v.get('name', '')!r} has the id of "
                         "an element or relation; not written", "give the view an id of its own")
                 for v in model.extras.get("views") or [] if v["id"] in concepts]
    places: dict[str, tuple[str, str]] = {i: (c.type, file_name(c.type, i)) for i, c in concepts.items()}
    places.update((i, (view_class(v), file_name(view_class(v), i))) for i, v in views.items())
    files: dict[str, bytes] = {}

    header = etree.Element(f"{{{ARCHI_NS}}}ArchimateModel", nsmap={"archimate": ARCHI_NS})
    header.set("name", raw.name)
    header.set("id", raw.id)
    if raw.documentation:
        header.set("purpose", raw.documentation)
    header.set("version", "5.0.0")
    for key, value in raw.properties:
        _property(header, key, value)
    for kind, name in sorted({(c.type, c.specialization) for c in concepts.values() if c.specialization}):
        etree.SubElement(header, "profiles", name=name, id=profile_id(kind, name), conceptType=kind)
    files[FOLDER_XML] = _xml(header)

    def lay_out(directory: str, folder: dict[str, Any], top: bool) -> None:
        node = etree.Element(f"{{{ARCHI_NS}}}Folder", nsmap={"archimate": ARCHI_NS})
        node.set("name", str(folder.get("name", "")))
        node.set("id", str(folder.get("id") or "id-" + hashlib.md5(directory.encode()).hexdigest()))
        if folder.get("documentation"):
            node.set("documentation", str(folder["documentation"]))
        if top:  # after documentation, as EMF orders the features of a Folder
            node.set("type", folder["type"])
        bad: list[str] = []
        for key, value in pairs(folder.get("properties"), f"folder {folder.get('name', '')!r}", bad):
            _property(node, key, value)
        if bad:
            findings.append(Finding(Severity.WARNING, Reason.BAD_VALUE, "", f"not written: {bad[0]}",
                                    "fix the folder's properties"))
        files[f"{directory}/{FOLDER_XML}"] = _xml(node)
        for item in folder.get("items", []):
            if item in concepts:
                files[f"{directory}/{places[item][1]}"] = _xml(_concept_node(concepts[item], places))
            elif item in views:
                unwritten: list[str] = []
                files[f"{directory}/{places[item][1]}"] = _xml(view_file_node(views[item], places.get, unwritten))
                if unwritten:
                    findings.append(Finding(
                        Severity.WARNING, Reason.DROPPED, item,
                        f"view {views[item].get('name', '')!r}: not written: {'; '.join(unwritten[:3])}"
                        + (f" and {len(unwritten) - 3} more" if len(unwritten) > 3 else ""),
                        "check the view in the dashboard or in Archi"))
        used: set[str] = set()
        for number, sub in enumerate(folder.get("folders", [])):
            identifier = str(sub.get("id") or "")
            name = _UNSAFE.sub("_", identifier) or "id-" + hashlib.md5(f"{directory}/{number}".encode()).hexdigest()
            if name in used or name == FOLDER_XML:  # two ids alike once made fit for a file name
                name += "-" + hashlib.md5(f"{directory}/{number}".encode()).hexdigest()[:8]
            used.add(name)
            lay_out(f"{directory}/{name}", {**sub, "id": identifier or name}, False)

    for folder in folders:
        lay_out(folder["type"], folder, True)
    _replace_folder(_target(Path(path)), files)
    return findings


def _target(path: Path) -> Path:
    return path if path.name == "model" else path / "model"


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", '"': "&quot;", "\n": "&#xA;", "\r": "&#xD;", "\t": "&#x9;"})


def _xml(node: Any) -> bytes:
    """The file text as EMF formats it: no declaration, each attribute on a line of its own."""
    lines: list[str] = []
    uses_xsi = any(name.startswith(f"{{{XSI}}}") for n in node.iter() for name in n.attrib)
    declared = ([("xmlns:xsi", XSI)] if uses_xsi else []) + [("xmlns:archimate", ARCHI_NS)]
    _emit(node, 0, declared, lines)
    return ("\n".join(lines) + "\n").encode("utf-8")


@functools.lru_cache(maxsize=512)
def _qualified(name: str) -> str:
    namespace, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
    return {XSI: "xsi:", ARCHI_NS: "archimate:"}.get(namespace, "") + local


def _emit(node: Any, depth: int, extra: list[tuple[str, str]], lines: list[str]) -> None:
    pad = " " * depth
    attributes = [*extra, *((_qualified(k), v) for k, v in node.attrib.items())]
    children = list(node)
    head = [f"{pad}<{_qualified(node.tag)}"] + [f'{pad}    {k}="{str(v).translate(_ESCAPES)}"' for k, v in attributes]
    head[-1] += ">" if children else "/>"
    lines.extend(head)
    if children:
        for child in children:
            _emit(child, depth + 2, [], lines)
        lines.append(f"{pad}</{_qualified(node.tag)}>")


def _property(parent: Any, key: str, value: str) -> None:
    prop = etree.SubElement(parent, "properties")
    if key:
        prop.set("key", key)
    if value:
        prop.set("value", value)


def _concept_node(c: RawConcept, places: dict[str, tuple[str, str]]) -> Any:
    node = etree.Element(f"{{{ARCHI_NS}}}{c.type}", nsmap={"archimate": ARCHI_NS, "xsi": XSI})
    if c.name:
        node.set("name", c.name)
    node.set("id", c.id)
    if c.documentation:
        node.set("documentation", c.documentation)
    if c.type == "AccessRelationship" and (c.access or "access") != "write":
        node.set("accessType", _CODES[c.access or "access"])
    if c.directed is not None:
        node.set("directed", "true" if c.directed else "false")
    if c.strength is not None:
        node.set("strength", c.strength)
    if c.junction == "or":
        node.set("type", "or")
    for key, value in c.properties:
        _property(node, key, value)
    if c.specialization:
        etree.SubElement(node, "profiles", href=f"{FOLDER_XML}#{profile_id(c.type, c.specialization)}")
    if c.is_relation:
        for end, identifier in (("source", c.source), ("target", c.target)):
            kind, name = places[identifier]
            href(node, end, kind, name, identifier)
    return node


def _replace_folder(target: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (paths relative to ``target``) as the new ``target`` folder, all or nothing."""
    if target.exists() and not (target.is_dir() and (not any(target.iterdir()) or (target / FOLDER_XML).is_file())):
        raise ModelFileError(str(target), "holds files that are not a coArchi model; nothing was written",
                             "name an empty folder, or the repository folder of a coArchi model",
                             Reason.UNREADABLE_FILE)
    if target.parent.exists() and not target.parent.is_dir():
        raise ModelFileError(str(target.parent), "is a file, not a folder", "name a folder for the repository")
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    fresh.chmod(0o755)  # mkdtemp makes it private; the repository folder is an ordinary one
    try:
        for relative, data in files.items():
            place = fresh / relative
            place.parent.mkdir(parents=True, exist_ok=True)
            place.write_bytes(data)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
        os.replace(target, old / target.name)
    os.replace(fresh, target)
    if old is not None:
        with contextlib.suppress(OSError):
            shutil.rmtree(old)
