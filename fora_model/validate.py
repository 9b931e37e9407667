"""Model-level validation: the findings that make analyses wrong (errors) and the untidiness of
real models that analyses cope with (warnings).

Errors: a relation whose endpoint is missing, a relation the metamodel does not allow, a flow
that carries something that is not information of the model. (Readers add the errors only they
can see: duplicate ids, values of the wrong type, unknown kinds.)

Warnings: ``composed_of`` loops (ignored for inheritance), elements under several processes,
empty names, the same relation twice. Info: ids Archi's CSV import would not accept.

>>> from fora_model.model import Model, Element, Relation
>>> m = Model.from_parts([Element.new("activity", "Grade", id="a")],
...                      [Relation.new("supports", "x", "a", id="r")])
>>> [f.reason.value for f in validate(m)]
['dangling-endpoint']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .arrays import unique
from .errors import Finding, Reason, Severity
from .hierarchy import hierarchy
from .i18n import _
from .model import Model, Relation, is_archi_id
from .rules import ALLOWED, check_relation
from .tables import KIND_CODES, RELATION_CODES, ModelTables, model_tables
from .vocabulary import ElementKind, RelationKind

__all__ = ["findings_frame", "validate"]


def validate(model: Model) -> list[Finding]:
    """Every finding about ``model``, errors first, then warnings, then info, each in model order.

    The checks run over the model's integer tables: only the relations a check picks out (an
    endpoint that is not an element, a flow carrying something, a triple the rules table does not
    hold, a second copy) are looked at one by one, to word their findings.
    """
    t = model_tables(model)
    relations = list(model.relations.values())
    attributes = [r.attributes for r in relations]
    findings: list[Finding] = []
    for i in _suspect_relations(t, attributes).tolist():
        findings.extend(check_relation(model, relations[i]))
    findings.extend(_hierarchy_warnings(model))
    other = KIND_CODES[ElementKind.OTHER]
    kinds = list(ElementKind)
    for i, name in enumerate(t.names.tolist()):
        if not name.strip() and t.kind[i] != other:
            findings.append(Finding(Severity.WARNING, Reason.EMPTY_NAME, str(t.ids[i]),
                                    _("this {kind} has no name", kind=kinds[t.kind[i]].term), _("give it a name")))
    for i in _second_copies(t, relations, attributes).tolist():
        relation = relations[i]
        findings.append(Finding(
            Severity.WARNING, Reason.DUPLICATE_RELATION, relation.id,
            _("the same {relation} relation from {source} to {target} appears more than once",
              relation=relation.kind.term, source=repr(relation.source), target=repr(relation.target)),
            _("delete the copy"),
        ))
    for identifier in _invalid_ids([model.id, *model.elements, *model.relations]):
        findings.append(Finding(Severity.INFO, Reason.INVALID_ID, identifier,
                                _("Archi's CSV import does not accept this id"),
                                _("use letters, digits, '.', '_' and '-' only")))
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(findings, key=lambda f: order[f.severity])


def _allowed_table() -> np.ndarray:
    """``table[source kind, relation kind, target kind]``: True when :data:`~fora_model.rules.ALLOWED`
    holds the triple (by the codes of :mod:`fora_model.tables`)."""
    table = np.zeros((len(KIND_CODES), len(RELATION_CODES), len(KIND_CODES)), dtype=bool)
    for source, relation, target in ALLOWED:
        table[KIND_CODES[source], RELATION_CODES[relation], KIND_CODES[target]] = True
    table[:, RELATION_CODES[RelationKind.OTHER], :] = True  # carried relations may join any two elements
    return table


_ALLOWED = _allowed_table()


def _suspect_relations(t: ModelTables, attributes: list[Mapping[str, Any]]) -> np.ndarray:
    """Positions of the relations :func:`~fora_model.rules.check_relation` may find fault with, in
    model order: an endpoint that is not an element of the model, a ``carries`` list, or a triple
    of element kinds the rules do not allow. Every other relation passes that check."""
    ends = (t.source >= 0) & (t.target >= 0)
    suspect = ~ends
    suspect[ends] = ~_ALLOWED[t.kind[t.source[ends]], t.rel_kind[ends], t.kind[t.target[ends]]]
    carrying = [i for i, values in enumerate(attributes) if values and values.get("carries")]
    suspect[carrying] = True
    return np.flatnonzero(suspect)


def _second_copies(t: ModelTables, relations: list[Relation], attributes: list[Mapping[str, Any]]) -> np.ndarray:
    """Positions of the relations (not ``other``) that repeat an earlier one's kind, source, target
    and access, each key once (at its second occurrence), in model order."""
    accesses: dict[str, int] = {}
    access = np.fromiter((accesses.setdefault(str(values.get("access", "")), len(accesses)) if values else
                          accesses.setdefault("", len(accesses)) for values in attributes),
                         dtype=np.int64, count=len(attributes))
    fora = t.rel_kind != RELATION_CODES[RelationKind.OTHER]
    ends = fora & (t.source >= 0) & (t.target >= 0)
    found: list[int] = []
    position = np.flatnonzero(ends)
    if len(position):
        width = t.size + 1
        key = ((t.rel_kind[position].astype(np.int64) * width + t.source[position]) * width
               + t.target[position]) * (len(accesses) + 1) + access[position]
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        second = np.zeros(len(ordered), dtype=bool)
        second[1:] = ordered[1:] == ordered[:-1]
        if len(ordered) > 2:
            second[2:] &= ordered[2:] != ordered[:-2]  # only the second of a run, not the third
        found.extend(position[order[second]].tolist())
    seen: Counter[tuple[int, str, str, int]] = Counter()
    for i in np.flatnonzero(fora & ~ends).tolist():  # an end that is not an element: compare the ids
        relation = relations[i]
        key2 = (int(t.rel_kind[i]), relation.source, relation.target, int(access[i]))
        seen[key2] += 1
        if seen[key2] == 2:
            found.append(i)
    return np.sort(np.asarray(found, dtype=np.int64))


def _invalid_ids(identifiers: list[str]) -> list[str]:
    """The ids Archi's CSV import refuses (:func:`~fora_model.model.is_archi_id`), in order; checked in
    Arrow first, then one by one only for the ids Arrow's stricter pattern does not match."""
    try:
        plain = pc.match_substring_regex(pa.array(identifiers, pa.string()), r"^[a-zA-Z0-9._-]+$")
        candidates = np.flatnonzero(~np.asarray(plain.to_numpy(zero_copy_only=False), dtype=bool)).tolist()
    except (pa.ArrowException, UnicodeError):
        candidates = list(range(len(identifiers)))
    return [identifiers[i] for i in candidates if not is_archi_id(identifiers[i])]


def _hierarchy_warnings(model: Model) -> list[Finding]:
    t = model_tables(model)
    h = hierarchy(model)
    findings = []
    composed = {(r.source, r.target): r.id for r in model.relations_of(RelationKind.COMPOSED_OF)}
    for p, c in zip(h.loop_parent.tolist(), h.loop_child.tolist(), strict=True):
        parent, child = t.ids[p], t.ids[c]
        name = repr(t.names[p] or parent)
        message = (_("{name} composes itself; this link is ignored when support is inherited", name=name) if p == c
                   else _("{name} is part of a loop with {other}; this link is ignored when support is inherited",
                          name=name, other=repr(t.names[c] or child)))
        findings.append(Finding(
            Severity.WARNING, Reason.COMPOSITION_LOOP, composed.get((parent, child), parent), message,
            _("remove one composed_of relation of the loop"),
        ))
    counts = np.bincount(unique(h.child * (t.size + 1) + h.parent) // (t.size + 1), minlength=t.size)
    for c in np.flatnonzero(counts > 1).tolist():
        findings.append(Finding(
            Severity.WARNING, Reason.SEVERAL_PARENTS, str(t.ids[c]),
            _("{name} sits under {count} processes; it inherits support from all", name=repr(t.names[c] or t.ids[c]),
              count=counts[c]),
            _("fine if intended; otherwise keep one composed_of parent"),
        ))
    return findings


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """Findings as a DataFrame with columns severity, reason, element, location, message, hint."""
    return pd.DataFrame(
        [
            {"severity": f.severity.value, "reason": f.reason.value, "element": f.element,
             "location": f.location, "message": f.message, "hint": f.hint}
            for f in findings
        ],
        columns=["severity", "reason", "element", "location", "message", "hint"],
    )
