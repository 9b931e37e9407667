"""The Open Group ArchiMate 3.x model exchange format (``.xml``), read and written.

Written files validate against the Open Group XSDs (``archimate3_Diagram.xsd``). Names and
documentation in every language are kept (the model's first name sets the main language,
:attr:`Model.language <fora_model.model.Model.language>`; a concept with no text in it keeps its
first text as the main one, and the reader says so), and so are the names, labels and
documentation of views, diagram objects and folders (``xml:lang`` is allowed on all of them);
properties keep their order and repeated keys; Archi's specialization travels as a property whose
definition identifier is ``specialization``; an access relationship without ``accessType`` is an
``Access`` access; junctions are ``AndJunction``/``OrJunction``. Views, the organization tree and
property data types go to ``Model.extras`` (see :mod:`fora_model.io.extras`); node styles
(colours, fonts) are not kept, and the reader says so. An id that is not an XML NCName is written
with ``id-`` in front, as Archi does, and the writer says so. On request (``views="process"``)
the writer adds a default diagram per process with parts
(:mod:`fora_model.io.exchange_default_views`).

>>> from fora_model.model import Element, Model
>>> m = Model(id="m1", name="School")
>>> _ = m.add_element(Element.new("activity", "Record grades", id="a1"))
>>> text, _ = generate_exchange_xml(m)
>>> parse_exchange_xml(text.encode()).model.element("a1").name
'Record grades'
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import Finding, ModelFileError, Reason, Severity
from ..model import Model
from .archimate import raw_from_archimate_root
from .base import ReadResult, read_limited
from .bridge import Progress, archimate_problems, model_to_raw, raw_to_model
from .concepts import ACCESS_WORDS, RawConcept, RawModel, access_from_word
from .exchange_default_views import check_views_option, default_views
from .exchange_views import (
    LANG,
    NS,
    XSI,
    child,
    children,
    folder_findings,
    local,
    pick,
    q,
    read_folder,
    read_view,
    split_views,
    texts,
    write_folder,
    write_view,
)
from .extras import dropped_extras, writable_views
from .mapping import KindMapping, resolve_mapping
from .safety import parse_xml
from .textsafe import xml_safe
from .writing import atomic_write

__all__ = ["NS", "generate_exchange_xml", "parse_exchange_xml", "read_exchange_xml", "write_exchange_xml"]

SCHEMA_LOCATION = f"{NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
SPECIALIZATION = "specialization"
_TYPE = f"{{{XSI}}}type"
_NCNAME = re.compile(r"^[^\W\d][\w.\-]*$")
_KEEPS = ("views", "folders", "property_types", "language", "translations")


def read_exchange_xml(
    path: str | Path,
    *,
    mapping: KindMapping | str | Path | None = None,
    max_bytes: int | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read an exchange-format file (or an Archi ``.archimate`` saved as ``.xml``).

    Parameters
    ----------
    path
        The ``.xml`` file.
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
    return parse_exchange_xml(read_limited(path, max_bytes=max_bytes), source=str(path), mapping=mapping,
                              progress=progress)


def parse_exchange_xml(
    data: bytes,
    *,
    source: str = "<xml>",
    mapping: KindMapping | str | Path | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Parse exchange-format bytes into a model and findings."""
    root = parse_xml(data, source)
    if local(root.tag) == "model" and "archimatetool.com" in str(root.tag):
        raw, findings = raw_from_archimate_root(root, source)
    elif root.tag == q("model") or (str(root.tag).startswith("{http://www.opengroup.org/xsd/archimate/")
                                     and local(root.tag) == "model"):
        raw, findings = _raw(root, source)
    else:
        raise ModelFileError(source, f"the root element is <{local(root.tag)}>, not an ArchiMate model",
                             "open an Open Group exchange file or an Archi model", Reason.UNSUPPORTED_FORMAT)
    result = raw_to_model(raw, resolve_mapping(mapping), progress)
    result.findings[:0] = findings
    return result


class _Reader:
    def __init__(self, root: Any, source: str) -> None:
        self.root = root
        self.source = source
        self.findings: list[Finding] = []
        names = texts(root, "name")
        self.language = names[0][0] if names else ""
        self.keys: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self.unlabelled: list[tuple[str, str, str]] = []  # (id, field, language) of a main text in another language
        definitions = child(root, "propertyDefinitions")
        for d in [] if definitions is None else children(definitions, "propertyDefinition"):
            name, _ = pick(texts(d, "name"), self.language)
            self.keys[d.get("identifier", "")] = name
            if d.get("type", "string") != "string":
                self.types[name] = d.get("type", "string")

    def common(self, node: Any, concept: RawConcept | RawModel, translations: list[tuple[str, str, str]]) -> None:
        for field in ("name", "documentation"):
            found = texts(node, field)
            text, others = pick(found, self.language)
            setattr(concept, field, text)
            translations.extend((field, lang, other) for lang, other in others)
            if found and self.language and all(lang not in ("", self.language) for lang, _ in found):
                self.unlabelled.append((getattr(concept, "id", ""), field, found[0][0]))
        properties = child(node, "properties")
        for prop in [] if properties is None else children(properties, "property"):
            ref = prop.get("propertyDefinitionRef", "")
            value, others = pick(texts(prop, "value"), self.language)
            if others:
                self.findings.append(Finding(Severity.WARNING, Reason.DROPPED, getattr(concept, "id", ""),
                                             f"a value of property {self.keys.get(ref, ref)!r} in another language "
                                             "was not kept", "keep property values in one language",
                                             self.source))
            if ref == SPECIALIZATION and isinstance(concept, RawConcept):
                concept.specialization = value
            elif ref not in self.keys:
                self.findings.append(Finding(Severity.ERROR, Reason.DANGLING_ENDPOINT, getattr(concept, "id", ""),
                                             f"a property refers to the undefined property definition {ref!r}",
                                             "add the propertyDefinition", f"{self.source} line {prop.sourceline}"))
            else:
                concept.properties.append((self.keys[ref], value))


def _raw(root: Any, source: str) -> tuple[RawModel, list[Finding]]:
    reader = _Reader(root, source)
    raw = RawModel(id=root.get("identifier", ""), source=source)
    reader.common(root, raw, raw.translations)
    if reader.language != "en":
        raw.extras["language"] = reader.language
    for node in children(child(root, "elements") if child(root, "elements") is not None else [], "element"):
        kind = node.get(_TYPE, "")
        concept = RawConcept(id=node.get("identifier", ""), type=kind, location=f"{source} line {node.sourceline}")
        if kind in ("AndJunction", "OrJunction"):
            concept.type, concept.junction = "Junction", kind[:-8].lower()
        reader.common(node, concept, concept.translations)
        raw.elements.append(concept)
    relationships = child(root, "relationships")
    for node in [] if relationships is None else children(relationships, "relationship"):
        concept = RawConcept(id=node.get("identifier", ""), type=node.get(_TYPE, "") + "Relationship",
                             source=node.get("source", ""), target=node.get("target", ""),
                             location=f"{source} line {node.sourceline}")
        if node.get("accessType") is not None:
            concept.access = access_from_word(node.get("accessType", ""))
        if node.get("isDirected") is not None:
            concept.directed = node.get("isDirected", "").strip().lower() in ("true", "1")
        if node.get("modifier") is not None:
            concept.strength = node.get("modifier")
        reader.common(node, concept, concept.translations)
        raw.relations.append(concept)
    folders = [read_folder(item, reader.language) for org in children(root, "organizations")
               for item in children(org, "item")]
    if folders:
        raw.extras["folders"] = folders
    if reader.types:
        raw.extras["property_types"] = reader.types
    views = child(root, "views")
    diagrams = None if views is None else child(views, "diagrams")
    if diagrams is not None:
        styled = sum(1 for s in diagrams.iter(q("style")))
        raw.extras["views"] = [read_view(v, reader) for v in children(diagrams, "view")]
        if styled:
            reader.findings.append(Finding(Severity.INFO, Reason.DROPPED, "", f"colours and fonts of {styled} "
                                           "view object(s) were not kept", "", source))
    if child(root, "metadata") is not None:
        reader.findings.append(Finding(Severity.INFO, Reason.DROPPED, "", "the model's metadata was not kept", "",
                                       source))
    if reader.unlabelled:
        identifier, field, language = reader.unlabelled[0]
        more = f" (and {len(reader.unlabelled) - 1} more)" if len(reader.unlabelled) > 1 else ""
        reader.findings.append(Finding(
            Severity.WARNING, Reason.BAD_VALUE, identifier,
            f"{len(reader.unlabelled)} name(s) or documentation text(s) have no text in the main language "
            f"{reader.language!r}, e.g. the {field} of {identifier or 'the model'!r} is only in {language!r}{more}; "
            f"that text is used as the main one and is written back labelled {reader.language!r}",
            f"add a text in {reader.language!r} to each of them in the tool that made the file", source))
    return raw, reader.findings


# ----------------------------------------------------------------------------------------- writing
class _Writer:
    def __init__(self, model: Model, findings: list[Finding]) -> None:
        self.language = str(model.extras.get("language", "en"))
        self.findings = findings
        self.ids: dict[str, str] = {}
        self.used = {i for group in (model.elements, model.relations) for i in group if _NCNAME.match(i)}
        self.definitions: dict[str, str] = {}

    def ref(self, identifier: str) -> str:
        if identifier not in self.ids:
            fixed = identifier
            if not _NCNAME.match(identifier):
                base = "id-" + re.sub(r"[^\w.\-]", "_", identifier)
                fixed, n = base, 2
                while fixed in self.used:  # another id already is, or became, this one
                    fixed, n = f"{base}-{n}", n + 1
                self.used.add(fixed)
            if fixed != identifier:
                self.findings.append(Finding(Severity.WARNING, Reason.INVALID_ID, identifier,
                                             f"not an XML identifier; written as {fixed!r}",
                                             "use ids such as id-<32 hex> to keep them across formats"))
            self.ids[identifier] = fixed
        return self.ids[identifier]

    def text(self, parent: Any, tag: str, text: str, language: str | None = None) -> Any:
        node = etree.SubElement(parent, q(tag))
        lang = self.language if language is None else language
        if lang:
            node.set(LANG, lang)
        node.text = text
        return node

    def texts(self, parent: Any, concept: Any, *, name_required: bool) -> None:
        translations = list(getattr(concept, "translations", ()))
        for field in ("name", "documentation"):
            main = getattr(concept, field)
            others = [(lang, text) for f, lang, text in translations if f == field]
            if main or others or (field == "name" and name_required):
                self.text(parent, field, main)
            for lang, text in others:
                self.text(parent, field, text, lang)

    def properties(self, parent: Any, pairs: list[tuple[str, str]], specialization: str = "") -> None:
        if not pairs and not specialization:
            return
        holder = etree.SubElement(parent, q("properties"))
        if specialization:
            self.definitions.setdefault("\0specialization", SPECIALIZATION)
            prop = etree.SubElement(holder, q("property"), propertyDefinitionRef=SPECIALIZATION)
            self.text(prop, "value", specialization)
        for key, value in pairs:
            ref = self.definitions.setdefault(key, f"propid-{len(self.definitions) + 1}")
            prop = etree.SubElement(holder, q("property"), propertyDefinitionRef=ref)
            self.text(prop, "value", value)


def generate_exchange_xml(model: Model, *, views: str | None = None) -> tuple[str, list[Finding]]:
    """The model as exchange-format XML text and findings on what the format left out.

    ``views="process"`` adds a default diagram per process with parts, after the model's own
    views (see :mod:`fora_model.io.exchange_default_views`); left out (None), the model's views
    are written as they are and nothing is added.

    Raises :class:`~fora_model.errors.ModelFileError` when a relation is one ArchiMate forbids
    (tools refuse such a file), ``ValueError`` for an unknown ``views`` option.
    """
    wanted = check_views_option(views)
    model, findings = xml_safe(model, format_name="Exchange XML")
    raw = model_to_raw(model)
    problems = archimate_problems(raw)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ModelFileError("exchange XML", f"not a valid ArchiMate model: {problems[0]}{more}",
                             "fix these with fora-model validate first", problems[0].reason)
    findings += dropped_extras(model.extras, "Exchange XML", _KEEPS)
    w = _Writer(model, findings)
    root = etree.Element(q("model"), nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    root.set("identifier", w.ref(raw.id))
    w.texts(root, raw, name_required=True)
    w.properties(root, raw.properties)
    if raw.elements:
        holder = etree.SubElement(root, q("elements"))
        for c in raw.elements:
            kind = c.type if c.type != "Junction" else ("OrJunction" if c.junction == "or" else "AndJunction")
            node = etree.SubElement(holder, q("element"), identifier=w.ref(c.id))
            node.set(_TYPE, kind)
            w.texts(node, c, name_required=c.type != "Junction")
            w.properties(node, c.properties, c.specialization)
    if raw.relations:
        holder = etree.SubElement(root, q("relationships"))
        for c in raw.relations:
            node = etree.SubElement(holder, q("relationship"), identifier=w.ref(c.id), source=w.ref(c.source),
                                    target=w.ref(c.target))
            node.set(_TYPE, c.type.removesuffix("Relationship"))
            if c.access is not None:
                node.set("accessType", ACCESS_WORDS[c.access])
            if c.directed is not None:
                node.set("isDirected", "true" if c.directed else "false")
            if c.strength is not None:
                node.set("modifier", c.strength)
            w.texts(node, c, name_required=False)
            w.properties(node, c.properties, c.specialization)
    drawn, wrong = writable_views(model, "exchange XML")
    diagrams_out, unwritten, left_out = split_views(drawn)
    findings += wrong + left_out
    folders = model.extras.get("folders") or []
    if folders:
        findings += folder_findings(folders)
        organizations = etree.SubElement(root, q("organizations"))
        for folder in folders:
            write_folder(w, organizations, folder, top=True, skip=unwritten)
    if wanted:
        added, skipped = default_views(model, wanted)
        diagrams_out += added
        if skipped:
            findings.append(Finding(Severity.INFO, Reason.DROPPED, "", f"no default view added for {len(skipped)} "
                                    f"process(es), e.g. {skipped[0]!r}: the model already has a view of that name",
                                    "rename or remove those views to have them drawn again"))
    views_node = etree.Element(q("views"), nsmap={None: NS, "xsi": XSI})
    if diagrams_out:
        diagrams = etree.SubElement(views_node, q("diagrams"))
        written = {v["id"] for v in diagrams_out}
        names = {v["id"]: str(v.get("name", "")) for v in drawn}
        for view in diagrams_out:
            write_view(w, diagrams, view, names, written)
    if w.definitions:
        holder = etree.SubElement(root, q("propertyDefinitions"))
        types = model.extras.get("property_types") or {}
        for key, ref in w.definitions.items():
            name = "Specialization" if ref == SPECIALIZATION else key
            node = etree.SubElement(holder, q("propertyDefinition"), identifier=ref,
                                    type=types.get(key, "string") if ref != SPECIALIZATION else "string")
            w.text(node, "name", name)
    if diagrams_out:
        root.append(views_node)
        etree.cleanup_namespaces(root)
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")
    return text, findings


def write_exchange_xml(model: Model, path: str | Path, *, views: str | None = None) -> list[Finding]:
    """Write the model as an exchange-format file, valid against the Open Group XSDs.

    Parameters
    ----------
    model
        The model to write.
    path
        The ``.xml`` file to write (atomically).
    views
        ``"process"`` adds a default diagram per process with parts (none by default; the
        model's own views are always written).

    Returns
    -------
    list of Finding
        What the format could not hold and left out (never silently).

    Raises
    ------
    ModelFileError
        When a relation is one ArchiMate forbids; nothing is written then.
    ValueError
        For an unknown ``views`` option; nothing is written then.
    """
    text, findings = generate_exchange_xml(model, views=views)
    atomic_write(path, text.encode("utf-8"))
    return findings
