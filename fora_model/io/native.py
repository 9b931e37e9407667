"""The native format: one JSON document with a ``format_version``.

::

    {"format": "fora-model", "format_version": 1,
     "model": {"id": ..., "name": ..., "documentation": ..., "properties": [[key, value], ...]},
     "elements": [{"id": ..., "kind": "activity", "name": ..., "attributes": {...}, ...}, ...],
     "relations": [{"id": ..., "kind": "supports", "source": ..., "target": ..., ...}, ...],
     "extras": {...}}

Empty fields are left out and an ArchiMate type equal to the kind's default is not written, so
files stay small and diff well. ``read(write(m)) == m`` for every model, and
``write(read(text)) == text`` for every file this module wrote.

>>> from fora_model.model import Element, Model
>>> m = Model(id="m", name="Tiny")
>>> _ = m.add_element(Element.new("goal", "Good teaching", id="g1"))
>>> loads_model(dumps_model(m)).model == m
True
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from types import FrameType
from typing import Any

import numpy as np

from ..attributes import attribute_spec, relation_attribute_spec
from ..errors import Finding, ModelFileError, Reason, Severity
from ..model import Element, Model, Relation, check_attributes
from ..vocabulary import ElementKind, RelationKind
from .base import ReadResult, read_limited
from .extras import checked_extras
from .safety import looks_wide

__all__ = [
    "FORMAT_VERSION",
    "concept_to_dict",
    "content_hash",
    "dumps_model",
    "element_from_dict",
    "loads_model",
    "loads_stored_model",
    "model_to_dict",
    "read_json",
    "relation_from_dict",
    "write_json",
]

FORMAT = "fora-model"
FORMAT_VERSION = 1
"""The version of the native format this release writes (and the newest it reads)."""


def _json_value(value: Any) -> Any:
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def concept_to_dict(concept: Element | Relation) -> dict[str, Any]:
    """An element or relation as its native dict (empty fields left out)."""
    out: dict[str, Any] = {"id": concept.id, "kind": concept.kind.value}
    if isinstance(concept, Relation):
        out["source"] = concept.source
        out["target"] = concept.target
    if concept.archimate_type != concept.kind.default_archimate_type:
        out["type"] = concept.archimate_type
    if concept.name or isinstance(concept, Element):
        out["name"] = concept.name
    if concept.documentation:
        out["documentation"] = concept.documentation
    if concept.specialization:
        out["specialization"] = concept.specialization
    if concept.attributes:
        out["attributes"] = {k: _json_value(v) for k, v in concept.attributes.items()}
    if concept.properties:
        out["properties"] = [list(p) for p in concept.properties]
    if concept.translations:
        out["translations"] = [list(t) for t in concept.translations]
    return out


def model_to_dict(model: Model) -> dict[str, Any]:
    """The model as the native document, a plain JSON-able dict."""
    header: dict[str, Any] = {"id": model.id, "name": model.name}
    if model.documentation:
        header["documentation"] = model.documentation
    if model.properties:
        header["properties"] = [list(p) for p in model.properties]
    if model.translations:
        header["translations"] = [list(t) for t in model.translations]
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "model": header,
        "elements": [concept_to_dict(e) for e in model.elements.values()],
        "relations": [concept_to_dict(r) for r in model.relations.values()],
    }
    if model.extras:
        doc["extras"] = model.extras
    return doc


def dumps_model(model: Model) -> str:
    """The model as native JSON text (UTF-8 safe, one concept per line, ends with a newline)."""
    doc = model_to_dict(model)
    lines = ["{"]
    for key in ("format", "format_version", "model"):
        lines.append(f"{json.dumps(key)}: {json.dumps(doc[key], ensure_ascii=False)},")
    for key in ("elements", "relations"):
        items = doc[key]
        lines.append(f"{json.dumps(key)}: [")
        lines.extend(
            json.dumps(item, ensure_ascii=False) + ("," if i < len(items) - 1 else "") for i, item in enumerate(items)
        )
        lines.append("],")
    lines.append(f'"extras": {json.dumps(doc.get("extras", {}), ensure_ascii=False)}')
    lines.append("}")
    return "\n".join(lines) + "\n"


def content_hash(model: Model) -> str:
    """A digest of the model's whole content in this format: equal models have equal hashes.

    Memoised on the model until it next changes, so the dashboard can key its caches on it.

    >>> from fora_model.model import Element, Model
    >>> a, b = Model(id="m", name="Tiny"), Model(id="m", name="Tiny")
    >>> content_hash(a) == content_hash(b)
    True
    >>> _ = b.add_element(Element.new("goal", "Good teaching", id="g1"))
    >>> content_hash(a) == content_hash(b)
    False
    """
    digest: str = model.memo("content_hash", lambda: hashlib.sha256(dumps_model(model).encode("utf-8")).hexdigest())
    return digest


def write_json(model: Model, path: str | Path) -> None:
    """Write the model to ``path`` in the native format, atomically (a crash leaves the old file)."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(dumps_model(model), encoding="utf-8")
    tmp.replace(target)


def read_json(path: str | Path, *, max_bytes: int | None = None) -> ReadResult:
    """Read a native JSON model file; see :func:`loads_model`."""
    data = read_limited(path, max_bytes=max_bytes)
    if looks_wide(data):
        raise ModelFileError(str(path), "the text is UTF-16 or UTF-32, not UTF-8", "save the file as UTF-8",
                             Reason.SYNTAX_ERROR)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ModelFileError(
            str(path),
            f"not UTF-8 text (byte {exc.start})",
            "save the file as UTF-8",
            Reason.SYNTAX_ERROR,
        ) from None
    return loads_model(text, source=str(path))


def loads_model(text: str, *, source: str = "<json>") -> ReadResult:
    """Parse native JSON text into a model and the findings met on the way.

    Raises :class:`~fora_model.errors.ModelFileError` when the text is not a native model at all
    (not JSON, truncated, another format, a newer ``format_version``). Problems with single
    concepts (unknown kind, bad attribute, duplicate id) become error findings naming the
    concept; the concept (or the attribute) is left out of the model.
    """
    if not text.strip():
        raise ModelFileError(source, "the file holds no JSON, only white space",
                             "save or export the model again; an empty model is still written with its header",
                             Reason.SYNTAX_ERROR)
    try:
        doc = _nested_loads(text)
    except json.JSONDecodeError as exc:
        raise ModelFileError(
            source,
            f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
            "the file is truncated or was not written by fora-model; export it again",
            Reason.SYNTAX_ERROR,
        ) from None
    except RecursionError:
        raise ModelFileError(
            source, "the JSON is nested too deeply to be a model", "open a file written by fora-model",
            Reason.SYNTAX_ERROR,
        ) from None
    scrubbed: list[str] = []
    if _SURROGATE_ESCAPE.search(text):
        doc = _scrub(doc, "", scrubbed)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ModelFileError(
            source,
            "not a fora-model document (no \"format\": \"fora-model\")",
            "open a file written by fora-model, or convert the model first",
            Reason.UNSUPPORTED_FORMAT,
        )
    version = doc.get("format_version")
    if not isinstance(version, int) or version < 1 or version > FORMAT_VERSION:
        raise ModelFileError(
            source,
            f"format_version {_short(version)} is not supported (this release reads 1 to {FORMAT_VERSION})",
            "upgrade fora-model to read this file",
            Reason.UNSUPPORTED_VERSION,
        )
    findings: list[Finding] = [
        Finding(Severity.WARNING, Reason.BAD_VALUE, "", f"text at {where or 'the top'} held an invalid character "
                "(a lone UTF-16 surrogate); it was replaced with U+FFFD", "check the text at that place", source)
        for where in scrubbed
    ]
    header = doc.get("model") or {}
    if not isinstance(header, dict):
        raise ModelFileError(source, "\"model\" must be an object", "write \"model\": {\"id\": ..., \"name\": ...}",
                             Reason.SYNTAX_ERROR)
    model_id = str(header.get("id") or "") or None
    seen: set[str] = {model_id} if model_id else set()
    elements: list[Element] = []
    for index, item in enumerate(_list(doc, "elements", source)):
        where = f"{source} elements[{index}]"
        element = element_from_dict(item, where, findings)
        if element is not None and _unique(element.id, seen, where, findings):
            elements.append(element)
    relations: list[Relation] = []
    for index, item in enumerate(_list(doc, "relations", source)):
        where = f"{source} relations[{index}]"
        relation = relation_from_dict(item, where, findings)
        if relation is not None and _unique(relation.id, seen, where, findings):
            relations.append(relation)
    extras = doc.get("extras", {})
    if not isinstance(extras, dict):
        _bad(findings, Reason.BAD_VALUE, "", "\"extras\" must be an object; it was left out", "", source)
        extras = {}
    extras, shape = checked_extras(extras, source)
    findings.extend(shape)
    model = Model.from_parts(
        elements,
        relations,
        id=model_id,
        name=str(header.get("name") or ""),
        documentation=str(header.get("documentation") or ""),
        properties=_pairs(header.get("properties"), source, "model", findings),
        translations=_triples(header.get("translations"), source, "model", findings),
        extras=extras,
    )
    return ReadResult(model, findings)


def loads_stored_model(text: str, *, source: str = "<json>") -> Model:
    """The model of native JSON text that fora-model wrote itself from a checked model (a workspace
    snapshot stored with its ``checked`` flag), decoded without checking each concept again.

    Attribute values get back their types (numbers, dates, lists of ids) as the checked path gives
    them, but nothing is checked: the model was when it was stored. Text that does not decode this
    way (not such a document after all) is read by :func:`loads_model`, findings and all, so the
    result never differs from it for a document this release wrote.
    """
    try:
        doc = json.loads(text, parse_constant=str)
        header = doc["model"]
        if doc.get("format") != FORMAT or doc.get("format_version") != FORMAT_VERSION or not isinstance(header, dict):
            raise ValueError("not a document this release wrote")
        elements = [_stored_element(item) for item in doc.get("elements", ())]
        relations = [_stored_relation(item) for item in doc.get("relations", ())]
        extras = doc.get("extras", {})
        if not isinstance(extras, dict):
            raise ValueError("extras must be an object")
        return Model.from_parts(
            elements, relations, id=str(header.get("id") or "") or None, name=str(header.get("name") or ""),
            documentation=str(header.get("documentation") or ""),
            properties=tuple((str(k), str(v)) for k, v in header.get("properties") or ()),
            translations=tuple((str(f), str(lang), str(t)) for f, lang, t in header.get("translations") or ()),
            extras=extras,
        )
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return loads_model(text, source=source).model


_ELEMENT_KINDS = {kind.value: kind for kind in ElementKind}
_RELATION_KINDS = {kind.value: kind for kind in RelationKind}
_AS_TYPED: dict[str, Any] = {
    "number": float,
    "integer": int,
    "date": _dt.date.fromisoformat,
    "list": tuple,
}
"""How a stored attribute value of each type gets its type back (other types are stored as they are)."""


def _typed_stored(kind: ElementKind | RelationKind, values: dict[str, Any]) -> dict[str, Any]:
    if isinstance(kind, ElementKind):
        specs = [(name, attribute_spec(kind, name)) for name in values]
    else:
        specs = [(name, relation_attribute_spec(kind, name)) for name in values]
    typed: dict[str, Any] = {}
    for name, spec in specs:
        if spec is None:
            raise KeyError(name)
        value = values[name]
        convert = _AS_TYPED.get(spec.type)
        typed[name] = value if convert is None else convert(value)
    return typed


def _stored_element(item: dict[str, Any]) -> Element:
    kind = _ELEMENT_KINDS[item["kind"]]
    attributes = item.get("attributes")
    return Element(
        id=item["id"], kind=kind, name=item.get("name", ""), documentation=item.get("documentation", ""),
        archimate_type=item.get("type", ""), specialization=item.get("specialization", ""),
        attributes=_typed_stored(kind, attributes) if attributes else {},
        properties=tuple((k, v) for k, v in item.get("properties") or ()),
        translations=tuple((f, lang, t) for f, lang, t in item.get("translations") or ()),
    )


def _stored_relation(item: dict[str, Any]) -> Relation:
    kind = _RELATION_KINDS[item["kind"]]
    attributes = item.get("attributes")
    return Relation(
        id=item["id"], kind=kind, source=item["source"], target=item["target"], name=item.get("name", ""),
        documentation=item.get("documentation", ""), archimate_type=item.get("type", ""),
        specialization=item.get("specialization", ""),
        attributes=_typed_stored(kind, attributes) if attributes else {},
        properties=tuple((k, v) for k, v in item.get("properties") or ()),
        translations=tuple((f, lang, t) for f, lang, t in item.get("translations") or ()),
    )


def _short(value: Any) -> str:
    """``repr(value)``, cut to 40 characters (a number of hundreds of digits, an object)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


MAX_NESTING = 512
"""How deeply a native document may nest arrays and objects: a view nests two levels a node, so
about as deep as the 256 levels XML is read to; deeper is refused as no model, however deep the
caller already is."""


def _nested_loads(text: str) -> Any:
    """``json.loads`` of a document nested at most :data:`MAX_NESTING` deep, whoever reads it: the
    depth is measured first (so a deeper one is refused the same way from a shallow command line
    and a deep test runner or Streamlit thread), and the parser is given room for that many levels
    beyond the caller's own depth."""
    if _nesting(text) > MAX_NESTING:
        raise RecursionError(f"nested more than {MAX_NESTING} deep")
    depth = 0
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    limit = sys.getrecursionlimit()
    needed = depth + MAX_NESTING + 100
    if needed > limit:
        sys.setrecursionlimit(needed)
    try:
        # NaN and Infinity are no JSON; kept as their words, a number attribute holding one is an
        # error naming the element instead of a cost that silently is not there
        return json.loads(text, parse_constant=str)
    finally:
        if needed > limit:
            sys.setrecursionlimit(limit)


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def _nesting(text: str) -> int:
    """How deeply arrays and objects nest in JSON ``text`` (brackets inside strings do not count)."""
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return 0  # too few brackets to nest that deep: no need to look closer
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text)).encode("ascii")
    codes = np.frombuffer(brackets, dtype=np.uint8)
    return int(np.cumsum(np.where((codes == 91) | (codes == 123), 1, -1)).max(initial=0))


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _scrub(value: Any, where: str, scrubbed: list[str]) -> Any:
    """``value`` with lone surrogates in its strings replaced; records where it replaced any."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            scrubbed.append(where)
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return value
    if isinstance(value, list):
        return [_scrub(v, f"{where}[{i}]", scrubbed) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {_scrub(k, where, scrubbed): _scrub(v, f"{where}.{k}" if where else str(k), scrubbed)
                for k, v in value.items()}
    return value


def _list(doc: Mapping[str, Any], key: str, source: str) -> list[Any]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise ModelFileError(source, f"{key!r} must be a list", f"write \"{key}\": [{{...}}, ...]",
                             Reason.SYNTAX_ERROR)
    return value


def _unique(identifier: str, seen: set[str], where: str, findings: list[Finding]) -> bool:
    if identifier in seen:
        findings.append(
            Finding(Severity.ERROR, Reason.DUPLICATE_ID, identifier,
                    f"the id {identifier!r} is used more than once; this one was left out",
                    "give every element and relation its own id", where)
        )
        return False
    seen.add(identifier)
    return True


def _bad(findings: list[Finding], reason: Reason, identifier: str, message: str, hint: str, where: str) -> None:
    findings.append(Finding(Severity.ERROR, reason, identifier, message, hint, where))


def _pairs(value: Any, where: str, identifier: str, findings: list[Finding]) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(p, list) and len(p) == 2 for p in value):
        return tuple((str(k), "" if v is None else str(v)) for k, v in value)
    _bad(findings, Reason.BAD_VALUE, identifier, "properties must be a list of [key, value] pairs",
         "write properties as [[\"key\", \"value\"], ...]", where)
    return ()


def _triples(value: Any, where: str, identifier: str, findings: list[Finding]) -> tuple[tuple[str, str, str], ...]:
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(t, list) and len(t) == 3 for t in value):
        return tuple((str(f), str(lang), str(text)) for f, lang, text in value)
    _bad(findings, Reason.BAD_VALUE, identifier, "translations must be [field, language, text] triples",
         "write translations as [[\"name\", \"nl\", \"...\"], ...]", where)
    return ()


def _common(item: Any, where: str, findings: list[Finding], kinds: type[ElementKind] | type[RelationKind]) -> Any:
    if not isinstance(item, dict):
        _bad(findings, Reason.SYNTAX_ERROR, "", "each concept must be a JSON object",
             'write it as {"id": ..., "kind": ..., "name": ...}', where)
        return None
    identifier = item.get("id")
    if not isinstance(identifier, str) or not identifier.strip():
        _bad(findings, Reason.MISSING_FIELD, "", "a concept has no id", "give it an id such as id-<32 hex>", where)
        return None
    try:
        kind = kinds(item.get("kind"))
    except ValueError:
        choices = ", ".join(k.value for k in kinds)
        _bad(findings, Reason.UNKNOWN_KIND, identifier, f"unknown kind {item.get('kind')!r}",
             f"use one of {choices}", where)
        return None
    return identifier, kind


def _attributes(item: dict[str, Any], identifier: str, where: str, findings: list[Finding]) -> dict[str, Any]:
    attributes = item.get("attributes") or {}
    if not isinstance(attributes, dict):
        _bad(findings, Reason.BAD_VALUE, identifier, "attributes must be an object", "", where)
        return {}
    return attributes


def element_from_dict(item: Any, where: str, findings: list[Finding]) -> Element | None:
    """An element from its native dict; problems go to ``findings`` (None when it cannot be built)."""
    common = _common(item, where, findings, ElementKind)
    if common is None:
        return None
    identifier, kind = common
    attributes, problems = check_attributes(kind, _attributes(item, identifier, where, findings), identifier)
    findings.extend(_located(problems, where))
    return Element(
        id=identifier,
        kind=kind,
        name=_text(item, "name"),
        documentation=_text(item, "documentation"),
        archimate_type=_text(item, "type"),
        specialization=_text(item, "specialization"),
        attributes=attributes,
        properties=_pairs(item.get("properties"), where, identifier, findings),
        translations=_triples(item.get("translations"), where, identifier, findings),
    )


def relation_from_dict(item: Any, where: str, findings: list[Finding]) -> Relation | None:
    """A relation from its native dict; problems go to ``findings`` (None when it cannot be built)."""
    common = _common(item, where, findings, RelationKind)
    if common is None:
        return None
    identifier, kind = common
    source, target = item.get("source"), item.get("target")
    if not isinstance(source, str) or not isinstance(target, str) or not source or not target:
        _bad(findings, Reason.MISSING_FIELD, identifier, "a relation needs a source and a target id",
             "name both ends of the relation", where)
        return None
    attributes, problems = check_attributes(kind, _attributes(item, identifier, where, findings), identifier)
    findings.extend(_located(problems, where))
    return Relation(
        id=identifier,
        kind=kind,
        source=source,
        target=target,
        name=_text(item, "name"),
        documentation=_text(item, "documentation"),
        archimate_type=_text(item, "type"),
        specialization=_text(item, "specialization"),
        attributes=attributes,
        properties=_pairs(item.get("properties"), where, identifier, findings),
        translations=_triples(item.get("translations"), where, identifier, findings),
    )


def _text(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    return "" if value is None else str(value)


def _located(problems: list[Finding], where: str) -> list[Finding]:
    return [Finding(f.severity, f.reason, f.element, f.message, f.hint, where) for f in problems]
