"""Turn a :class:`~fora_model.io.concepts.RawModel` into a model and back.

Reading checks what only a file can get wrong — duplicate ids, unknown ArchiMate types,
relations to missing concepts, relations ArchiMate forbids — and infers kinds
(:mod:`fora_model.io.mapping`). Writing encodes what ArchiMate has no slot for as reserved
``fora:`` properties (:mod:`fora_model.io.concepts`) and refuses relations ArchiMate forbids,
since Archi refuses a whole import for one of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from ..attributes import attribute_spec, coerce_value, relation_attribute_spec
from ..errors import Finding, Reason, Severity
from ..model import Element, Model, Relation, check_attributes
from ..vocabulary import ElementKind, RelationKind
from .archimate_rules import allowed_relationships, is_element_type, is_relationship_type, is_valid_relationship
from .base import ReadResult
from .concepts import KIND_KEY, LANGUAGE_KEY, PREFIX, RawConcept, RawModel, encode_value, is_reserved, translation_key
from .extras import repair_views
from .mapping import KindMapping, infer_element_kinds, infer_relation_kind

__all__ = ["Progress", "archimate_problems", "model_to_raw", "raw_to_model"]

Progress = Callable[[int, int], None]
"""A progress callback: ``progress(done, total)``."""

_TRANSLATED = ("name", "documentation")


def _error(reason: Reason, identifier: str, message: str, hint: str, where: str) -> Finding:
    return Finding(Severity.ERROR, reason, identifier, message, hint, where)


def raw_to_model(raw: RawModel, mapping: KindMapping | None = None, progress: Progress | None = None) -> ReadResult:
    """Build a model from a raw one; problems become findings naming file, place, id and fix."""
    findings: list[Finding] = []
    seen: set[str] = {raw.id} if raw.id else set()
    elements: list[RawConcept] = []
    relations: list[RawConcept] = []
    for concept in [*raw.elements, *raw.relations]:
        if not concept.id.strip():
            findings.append(_error(Reason.MISSING_FIELD, "", f"a {concept.type or 'concept'} has no id",
                                   "give every concept an id such as id-<32 hex>", concept.location))
            continue
        if concept.id in seen:
            findings.append(_error(Reason.DUPLICATE_ID, concept.id, f"the id {concept.id!r} is used more than once",
                                   "give every concept its own id", concept.location))
            continue
        seen.add(concept.id)
        if concept.is_relation:
            if not is_relationship_type(concept.type):
                findings.append(_error(Reason.UNKNOWN_KIND, concept.id, f"unknown relationship type {concept.type!r}",
                                       "use an ArchiMate relationship such as ServingRelationship",
                                       concept.location))
                continue
            relations.append(concept)
        elif is_element_type(concept.type):
            elements.append(concept)
        else:
            findings.append(_error(Reason.UNKNOWN_KIND, concept.id, f"unknown ArchiMate type {concept.type!r}",
                                   "use an ArchiMate element type such as BusinessProcess", concept.location))
    types: dict[str, str] = {e.id: e.type for e in elements}
    types.update((r.id, "Relationship") for r in relations)
    checked: list[RawConcept] = []
    for r in relations:
        problem = _relation_problem(r, types)
        if problem is None:
            checked.append(r)
        else:
            findings.append(problem)
    if progress:
        progress(len(elements) // 2, len(elements) + len(checked))
    kinds = infer_element_kinds(elements, checked)
    overrides = mapping or KindMapping()
    model_elements = [_element(e, kinds, overrides, findings) for e in elements]
    final = {e.id: e.kind for e in model_elements}
    model_relations = [_relation(r, final, overrides, findings) for r in checked]
    properties, translations = _split(raw.properties, list(raw.translations))
    extras = raw.extras
    stated = [value for key, value in properties if key == LANGUAGE_KEY]
    if stated:
        properties = [(key, value) for key, value in properties if key != LANGUAGE_KEY]
        if "language" not in extras and stated[-1].strip() != "en":
            extras = {**extras, "language": stated[-1].strip()}
    model = Model.from_parts(
        model_elements,
        model_relations,
        id=raw.id or None,
        name=raw.name,
        documentation=raw.documentation,
        properties=properties,
        translations=translations,
        extras=extras,
    )
    findings.extend(repair_views(model))
    if progress:
        progress(len(elements) + len(checked), len(elements) + len(checked))
    return ReadResult(model, findings)


def _relation_problem(r: RawConcept, types: dict[str, str]) -> Finding | None:
    for role, end in (("source", r.source), ("target", r.target)):
        if not end:
            return _error(Reason.MISSING_FIELD, r.id, f"the relation has no {role}", f"name its {role} id",
                          r.location)
        if end not in types:
            return _error(Reason.DANGLING_ENDPOINT, r.id, f"its {role} {end!r} does not exist",
                          f"add the concept {end!r} or remove the relation", r.location)
    source, target = types[r.source], types[r.target]
    if is_valid_relationship(r.type, source, target):
        return None
    allowed = sorted(t.removesuffix("Relationship") for t in allowed_relationships(source, target))
    hint = f"ArchiMate allows from {source} to {target}: {', '.join(allowed)}" if allowed else (
        f"ArchiMate allows no relationship from {source} to {target}")
    return _error(Reason.DISALLOWED_RELATION, r.id,
                  f"ArchiMate forbids a {r.type.removesuffix('Relationship')} from {source} to {target}", hint,
                  r.location)


def _split(
    properties: list[tuple[str, str]], translations: list[tuple[str, str, str]]
) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """Free properties, and translations with those stored as reserved properties added."""
    free: list[tuple[str, str]] = []
    for key, value in properties:
        field_name, at, language = key.removeprefix(PREFIX).partition("@")
        if is_reserved(key) and at and field_name in _TRANSLATED:
            translations.append((field_name, language, value))
        else:
            free.append((key, value))
    return free, translations


def _kind_override(concept: RawConcept, table: Any, enum: Any, findings: list[Finding]) -> Any:
    if not table and not concept.properties:
        return None
    if concept.id in table:
        return table[concept.id]
    stated = [v for k, v in concept.properties if k == KIND_KEY]
    if stated:
        try:
            return enum(stated[-1].strip().lower().replace(" ", "_"))
        except ValueError:
            choices = ", ".join(k.value for k in enum)
            findings.append(_error(Reason.UNKNOWN_KIND, concept.id, f"{KIND_KEY} {stated[-1]!r} is not a kind",
                                   f"use one of {choices}", concept.location))
    return table.get(concept.type)


def _attributes(
    concept: RawConcept, kind: ElementKind | RelationKind, values: dict[str, Any], findings: list[Finding]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Typed attributes from reserved properties; free properties in order."""
    if not concept.properties:  # most concepts: nothing to sort out, only the values given to check
        if not values:
            return {}, []
        typed, problems = check_attributes(kind, values, concept.id)
        findings.extend(Finding(p.severity, p.reason, p.element, p.message, p.hint, concept.location)
                        for p in problems)
        return typed, []
    free: list[tuple[str, str]] = []
    for key, value in concept.properties:
        name = key.removeprefix(PREFIX)
        if key == KIND_KEY or (is_reserved(key) and "@" in name and name.partition("@")[0] in _TRANSLATED):
            continue
        if is_reserved(key) and _spec(kind, name) is not None:
            values[name] = value
        elif is_reserved(key):
            findings.append(Finding(Severity.WARNING, Reason.UNKNOWN_ATTRIBUTE, concept.id,
                                    f"a {kind.label} has no attribute {name!r}; kept as a property",
                                    "rename the property if it is not meant for fora-model", concept.location))
            free.append((key, value))
        else:
            free.append((key, value))
    if free:  # plain properties named like attributes, and FORA's own, only where there are any
        free = _absorb_plain(kind, free, values)
        if kind is ElementKind.INFORMATION:
            _absorb_fora(free, values)
    typed, problems = check_attributes(kind, values, concept.id)
    findings.extend(Finding(p.severity, p.reason, p.element, p.message, p.hint, concept.location) for p in problems)
    return typed, free


def _spec(kind: ElementKind | RelationKind, name: str) -> Any:
    if isinstance(kind, ElementKind):
        return attribute_spec(kind, name)
    return relation_attribute_spec(kind, name)


def _absorb_plain(kind: ElementKind | RelationKind, free: list[tuple[str, str]],
                  values: dict[str, Any]) -> list[tuple[str, str]]:
    """Take a plain property named like an attribute of the kind (``annual_cost``) as that attribute,
    when it appears once, the attribute is not set otherwise and the value fits."""
    counts = Counter(key for key, _ in free)
    kept: list[tuple[str, str]] = []
    for key, value in free:
        spec = _spec(kind, key)
        if spec is not None and counts[key] == 1 and key not in values:
            try:
                if coerce_value(spec, value) is not None:
                    values[key] = value
                    continue
            except ValueError:
                pass
        kept.append((key, value))
    return kept


_FORA_PERSONAL = {"ja": True, "nee": False}
_FORA_CONFIDENTIALITY = {"openbaar": "public", "geen": "public", "0": "public", "laag": "internal", "1": "internal",
                         "midden": "confidential", "gemiddeld": "confidential", "2": "confidential",
                         "hoog": "confidential", "3": "confidential", "bijzonder": "special"}
_FORA_LEVEL = {"laag": 0, "1": 0, "midden": 1, "gemiddeld": 1, "2": 1, "hoog": 2, "3": 2}


def _absorb_fora(free: list[tuple[str, str]], values: dict[str, Any]) -> None:
    """FORA's own properties on an information object onto its typed attributes, the properties kept.

    ``Persoonsgegevens`` ``Ja``/``Nee`` is ``personal_data``; the confidentiality of the BIV
    classification (``Vertrouwelijkheid``: openbaar/geen/0, laag/1, midden/gemiddeld/2, hoog/3,
    bijzonder) is ``sensitivity`` public, internal, confidential, confidential, special; the higher
    of ``Integriteit`` and ``Beschikbaarheid`` (laag/1, midden/2, hoog/3) is ``criticality``. A typed
    attribute stated otherwise wins; a value outside these words leaves the attribute unset.
    """
    stated = {key.strip().lower(): value.strip().lower() for key, value in reversed(free)}
    personal = _FORA_PERSONAL.get(stated.get("persoonsgegevens", ""))
    if personal is not None and "personal_data" not in values:
        values["personal_data"] = personal
    sensitivity = _FORA_CONFIDENTIALITY.get(stated.get("vertrouwelijkheid", ""))
    if sensitivity is not None and "sensitivity" not in values:
        values["sensitivity"] = sensitivity
    levels = [_FORA_LEVEL[v] for v in (stated.get("integriteit"), stated.get("beschikbaarheid")) if v in _FORA_LEVEL]
    if levels and "criticality" not in values:
        values["criticality"] = ("low", "medium", "high")[max(levels)]


def _element(e: RawConcept, kinds: dict[str, ElementKind], overrides: KindMapping,
             findings: list[Finding]) -> Element:
    kind = _kind_override(e, overrides.elements, ElementKind, findings) or kinds[e.id]
    values: dict[str, Any] = {}
    if e.junction:
        values["junction_type"] = e.junction
    attributes, free = _attributes(e, kind, values, findings)
    _, translations = _split([p for p in e.properties if is_reserved(p[0])], list(e.translations)) if (
        e.properties or e.translations) else ([], [])
    return Element(id=e.id, kind=kind, name=e.name, documentation=e.documentation, archimate_type=e.type,
                   specialization=e.specialization, attributes=attributes, properties=tuple(free),
                   translations=tuple(translations))


def _relation(r: RawConcept, kinds: dict[str, ElementKind], overrides: KindMapping,
              findings: list[Finding]) -> Relation:
    kind = _kind_override(r, overrides.relations, RelationKind, findings) or infer_relation_kind(
        r.type, kinds.get(r.source), kinds.get(r.target))
    values: dict[str, Any] = {}
    for name, value in (("access", r.access), ("directed", r.directed), ("influence_strength", r.strength)):
        if value is None:
            continue
        if kind is RelationKind.OTHER or (kind is RelationKind.ACCESSES and name == "access") or (
                kind is RelationKind.CONTRIBUTES_TO and name == "influence_strength"):
            values[name] = value
        else:
            findings.append(Finding(Severity.WARNING, Reason.DROPPED, r.id,
                                    f"a {kind.label} relation cannot keep the ArchiMate {name} {value!r}",
                                    "it is not written back; map the relation to 'other' to keep it",
                                    r.location))
    attributes, free = _attributes(r, kind, values, findings)
    _, translations = _split([p for p in r.properties if is_reserved(p[0])], list(r.translations)) if (
        r.properties or r.translations) else ([], [])
    return Relation(id=r.id, kind=kind, source=r.source, target=r.target, name=r.name,
                    documentation=r.documentation, archimate_type=r.type, specialization=r.specialization,
                    attributes=attributes, properties=tuple(free), translations=tuple(translations))


def model_to_raw(model: Model, *, translations_as_properties: bool = False) -> RawModel:
    """The model as a raw ArchiMate model, with ``fora:`` properties for what ArchiMate cannot hold.

    ``fora:kind`` is written only where inference from the written types would give another kind.
    With ``translations_as_properties`` (CSV, ``.archimate``, coArchi), names in other languages
    become ``fora:name@<language>`` properties, and a main language other than ``en`` the model
    property ``fora:language``, so a Dutch model read back is still Dutch.
    """
    raw = RawModel(id=model.id, name=model.name, documentation=model.documentation,
                   properties=list(model.properties), translations=list(model.translations),
                   extras=dict(model.extras))
    if translations_as_properties:
        if "language" in model.extras:
            raw.properties.append((LANGUAGE_KEY, model.language))
        raw.properties.extend((translation_key(f, lang), text) for f, lang, text in raw.translations)
        raw.translations = []
    for e in model.elements.values():
        concept = RawConcept(id=e.id, type=e.archimate_type, name=e.name, documentation=e.documentation,
                             specialization=e.specialization, properties=list(e.properties))
        for name, value in e.attributes.items():
            if name == "junction_type" and e.kind is ElementKind.OTHER:
                concept.junction = str(value)
            else:
                concept.properties.append((PREFIX + name, encode_value(value)))
        _translations(concept, e.translations, translations_as_properties)
        raw.elements.append(concept)
    for r in model.relations.values():
        concept = RawConcept(id=r.id, type=r.archimate_type, name=r.name, documentation=r.documentation,
                             specialization=r.specialization, properties=list(r.properties),
                             source=r.source, target=r.target)
        for name, value in r.attributes.items():
            if name == "access":
                concept.access = str(value)
            elif name == "directed":
                concept.directed = bool(value)
            elif name == "influence_strength":
                concept.strength = str(value)
            else:
                concept.properties.append((PREFIX + name, encode_value(value)))
        _translations(concept, r.translations, translations_as_properties)
        raw.relations.append(concept)
    inferred = infer_element_kinds(raw.elements, raw.relations)
    for concept, element in zip(raw.elements, model.elements.values(), strict=True):
        if inferred.get(concept.id) is not element.kind:
            concept.properties.append((KIND_KEY, element.kind.value))
    kinds = {e.id: e.kind for e in model.elements.values()}
    for concept, relation in zip(raw.relations, model.relations.values(), strict=True):
        if infer_relation_kind(concept.type, kinds.get(concept.source), kinds.get(concept.target)) is not relation.kind:
            concept.properties.append((KIND_KEY, relation.kind.value))
    return raw


def _translations(concept: RawConcept, translations: tuple[tuple[str, str, str], ...], as_properties: bool) -> None:
    if as_properties:
        concept.properties.extend((translation_key(f, lang), text) for f, lang, text in translations)
    else:
        concept.translations = list(translations)


def archimate_problems(raw: RawModel) -> list[Finding]:
    """Errors that would make Archi refuse the file: unknown types, relations ArchiMate forbids."""
    problems: list[Finding] = []
    types: dict[str, str] = {e.id: e.type for e in raw.elements}
    types.update((r.id, "Relationship") for r in raw.relations)
    for e in raw.elements:
        if not is_element_type(e.type):
            problems.append(_error(Reason.UNKNOWN_KIND, e.id, f"{e.type!r} is not an ArchiMate element type",
                                   "give the element an ArchiMate type", ""))
    for r in raw.relations:
        if not is_relationship_type(r.type):
            problems.append(_error(Reason.UNKNOWN_KIND, r.id, f"{r.type!r} is not an ArchiMate relationship type",
                                   "give the relation an ArchiMate type", ""))
            continue
        problem = _relation_problem(r, types)
        if problem is not None:
            problems.append(problem)
    return problems
