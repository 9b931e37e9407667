"""From ArchiMate types to fora-model kinds (DOMAIN §4), and the small file that overrides it.

Elements:

- ``Goal`` → goal; ``BusinessObject`` and ``DataObject`` → information;
- ``BusinessProcess`` / ``BusinessFunction`` with a behaviour child (a composition or aggregation
  to another business process or function) → process, without one → activity; a ``Grouping``
  that composes or aggregates behaviour (a FORA domain) → process;
- ``ApplicationComponent`` → system type when marked as one: its specialization, or any
  property value, is "Referentiecomponent", "Reference component" or "System type" (any case),
  or another component realizes it; otherwise → application;
- ``ApplicationFunction`` and ``ApplicationService`` → application function;
- anything else → ``other``, carried unchanged.

Relations (by ArchiMate type and the kinds of their ends):

- Serving or Realization from an application, system type or application function to a process
  or activity → supports; Realization application → system type → realizes;
- Assignment application/system type → application function → assigned_to;
- Composition/Aggregation process → process/activity → composed_of;
- Realization/Influence process/activity → goal → contributes_to;
- Access from an activity, process, application or application function to information →
  accesses; Flow application → application → flows_to; anything else → ``other``.

A mapping file overrides this, by concept id or by ArchiMate type (an id wins)::

    {"elements": {"id-123": "system_type", "Capability": "process"},
     "relations": {"TriggeringRelationship": "other"}}

or as CSV with the columns ``scope,key,kind`` (scope ``element`` or ``relation``).

>>> m = parse_mapping('{"elements": {"Capability": "process"}}')
>>> m.elements["Capability"]
<ElementKind.PROCESS: 'process'>
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ModelFileError, Reason
from ..vocabulary import ElementKind, RelationKind
from .base import read_limited
from .concepts import KIND_KEY, RawConcept
from .safety import decode_text

__all__ = [
    "BEHAVIOUR_TYPES",
    "SYSTEM_TYPE_MARKS",
    "KindMapping",
    "infer_element_kinds",
    "infer_relation_kind",
    "parse_mapping",
    "read_mapping",
    "resolve_mapping",
]

K = ElementKind
R = RelationKind

SYSTEM_TYPE_MARKS = frozenset({"referentiecomponent", "reference component", "system type"})
"""Specializations or property values (compared without case) that make a component a system type."""

BEHAVIOUR_TYPES = frozenset({"BusinessProcess", "BusinessFunction"})
"""ArchiMate types that become processes or activities."""

_FIXED = {
    "Goal": K.GOAL,
    "BusinessObject": K.INFORMATION,
    "DataObject": K.INFORMATION,
    "ApplicationFunction": K.APPLICATION_FUNCTION,
    "ApplicationService": K.APPLICATION_FUNCTION,
}
_SUPPORTERS = frozenset({K.APPLICATION, K.SYSTEM_TYPE, K.APPLICATION_FUNCTION})
_COMPONENTS = frozenset({K.APPLICATION, K.SYSTEM_TYPE})
_BEHAVIOUR = frozenset({K.PROCESS, K.ACTIVITY})
_ACCESSORS = frozenset({K.ACTIVITY, K.PROCESS, K.APPLICATION, K.SYSTEM_TYPE, K.APPLICATION_FUNCTION})
_PARTS = frozenset({"CompositionRelationship", "AggregationRelationship"})


@dataclass(frozen=True)
class KindMapping:
    """User overrides: concept id or ArchiMate type → kind."""

    elements: Mapping[str, ElementKind] = field(default_factory=dict)
    relations: Mapping[str, RelationKind] = field(default_factory=dict)


def parse_mapping(text: str, *, source: str = "<mapping>", csv_format: bool | None = None) -> KindMapping:
    """Parse a mapping given as JSON (``{"elements": {...}, "relations": {...}}``) or CSV."""
    is_csv = csv_format if csv_format is not None else not text.lstrip().startswith("{")
    pairs: list[tuple[str, str, str]] = []
    if is_csv:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or not {"scope", "key", "kind"} <= {f.strip().lower() for f in reader.fieldnames}:
            raise ModelFileError(source, "a CSV mapping needs the columns scope, key, kind",
                                 "write one row per override: element,Capability,process", Reason.MISSING_FIELD)
        for row in reader:
            norm = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            pairs.append((norm["scope"].lower().rstrip("s"), norm["key"], norm["kind"]))
    else:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ModelFileError(source, f"not valid JSON at line {exc.lineno}", "fix the mapping file",
                                 Reason.SYNTAX_ERROR) from None
        except RecursionError:
            raise ModelFileError(source, "the JSON is nested too deeply to be a mapping",
                                 'write {"elements": {...}, "relations": {...}}', Reason.SYNTAX_ERROR) from None
        if not isinstance(doc, dict) or not set(doc) <= {"elements", "relations"}:
            raise ModelFileError(source, 'a mapping is {"elements": {...}, "relations": {...}}',
                                 "map ids or ArchiMate types to kinds", Reason.SYNTAX_ERROR)
        for scope in ("elements", "relations"):
            part = doc.get(scope, {})
            if not isinstance(part, dict):
                raise ModelFileError(source, f'"{scope}" must map ids or types to kinds',
                                     f'write "{scope}": {{"ApplicationComponent": "system_type", ...}}',
                                     Reason.SYNTAX_ERROR)
            pairs.extend((scope[:-1], str(k), str(v)) for k, v in part.items())
    elements: dict[str, ElementKind] = {}
    relations: dict[str, RelationKind] = {}
    for scope, key, kind in pairs:
        try:
            if scope == "element":
                elements[key] = ElementKind(kind.strip().lower().replace(" ", "_"))
            elif scope == "relation":
                relations[key] = RelationKind(kind.strip().lower().replace(" ", "_"))
            else:
                raise ModelFileError(source, f"unknown scope {scope!r}", "use element or relation", Reason.BAD_VALUE)
        except ValueError:
            choices = ", ".join(k.value for k in (ElementKind if scope == "element" else RelationKind))
            raise ModelFileError(source, f"{key!r} maps to an unknown kind {kind!r}", f"use one of {choices}",
                                 Reason.UNKNOWN_KIND) from None
    return KindMapping(elements, relations)


def read_mapping(path: str | Path) -> KindMapping:
    """Read a mapping file (``.json`` or ``.csv``)."""
    text = decode_text(read_limited(path, max_bytes=5_000_000), str(path))
    if not text.strip():
        raise ModelFileError(str(path), "the mapping file is empty",
                             'write {"elements": {...}} (JSON) or scope,key,kind rows (CSV), or leave --mapping out',
                             Reason.SYNTAX_ERROR)
    by_name = {".csv": True, ".json": False}.get(Path(path).suffix.lower())
    return parse_mapping(text, source=str(path), csv_format=by_name)


def resolve_mapping(mapping: KindMapping | str | Path | Mapping[str, object] | None) -> KindMapping | None:
    """A :class:`KindMapping` from a mapping, a path to a mapping file, or a dict like the JSON form."""
    if mapping is None or isinstance(mapping, KindMapping):
        return mapping
    if isinstance(mapping, (str, Path)):
        return read_mapping(mapping)
    return parse_mapping(json.dumps(mapping))


def _marked(concept: RawConcept) -> bool:
    if concept.specialization.strip().lower() in SYSTEM_TYPE_MARKS:
        return True
    return any(value.strip().lower() in SYSTEM_TYPE_MARKS for key, value in concept.properties if key != KIND_KEY)


def infer_element_kinds(elements: Iterable[RawConcept], relations: Iterable[RawConcept]) -> dict[str, ElementKind]:
    """The kind of every element by the rules of DOMAIN §4 (no overrides)."""
    elements = list(elements)
    types = {e.id: e.type for e in elements}
    children: dict[str, set[str]] = {}
    realized_components: set[str] = set()
    for r in relations:
        if r.type in _PARTS:
            children.setdefault(r.source, set()).add(r.target)
        elif (r.type == "RealizationRelationship" and types.get(r.source) == "ApplicationComponent"
              and types.get(r.target) == "ApplicationComponent"):
            realized_components.add(r.target)
    process_groupings: set[str] = set()
    changed = True
    while changed:  # groupings of groupings of behaviour are processes too
        changed = False
        for e in elements:
            if e.type == "Grouping" and e.id not in process_groupings and any(
                types.get(c) in BEHAVIOUR_TYPES or c in process_groupings for c in children.get(e.id, ())
            ):
                process_groupings.add(e.id)
                changed = True
    kinds: dict[str, ElementKind] = {}
    for e in elements:
        if e.type in _FIXED:
            kinds[e.id] = _FIXED[e.type]
        elif e.type in BEHAVIOUR_TYPES:
            has_child = any(types.get(c) in BEHAVIOUR_TYPES or c in process_groupings for c in children.get(e.id, ()))
            kinds[e.id] = K.PROCESS if has_child else K.ACTIVITY
        elif e.type == "Grouping":
            kinds[e.id] = K.PROCESS if e.id in process_groupings else K.OTHER
        elif e.type == "ApplicationComponent":
            kinds[e.id] = K.SYSTEM_TYPE if (_marked(e) or e.id in realized_components) else K.APPLICATION
        else:
            kinds[e.id] = K.OTHER
    return kinds


def infer_relation_kind(relation_type: str, source: ElementKind | None, target: ElementKind | None) -> RelationKind:
    """The kind of a relation by its ArchiMate type and the kinds of its ends (None: the end is a relation)."""
    if source is None or target is None:
        return R.OTHER
    t = relation_type
    if t in ("ServingRelationship", "RealizationRelationship") and source in _SUPPORTERS and target in _BEHAVIOUR:
        return R.SUPPORTS
    if t == "RealizationRelationship" and source is K.APPLICATION and target is K.SYSTEM_TYPE:
        return R.REALIZES
    if t == "AssignmentRelationship" and source in _COMPONENTS and target is K.APPLICATION_FUNCTION:
        return R.ASSIGNED_TO
    if t in _PARTS and source is K.PROCESS and target in _BEHAVIOUR:
        return R.COMPOSED_OF
    if t in ("RealizationRelationship", "InfluenceRelationship") and source in _BEHAVIOUR and target is K.GOAL:
        return R.CONTRIBUTES_TO
    if t == "AccessRelationship" and source in _ACCESSORS and target is K.INFORMATION:
        return R.ACCESSES
    if t == "FlowRelationship" and source is K.APPLICATION and target is K.APPLICATION:
        return R.FLOWS_TO
    return R.OTHER
