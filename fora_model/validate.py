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

import numpy as np
import pandas as pd

from .arrays import unique
from .errors import Finding, Reason, Severity
from .hierarchy import hierarchy
from .model import Model, is_archi_id
from .rules import check_relation
from .tables import model_tables
from .vocabulary import ElementKind, RelationKind

__all__ = ["findings_frame", "validate"]


def validate(model: Model) -> list[Finding]:
    """Every finding about ``model``, errors first, then warnings, then info, each in model order."""
    findings: list[Finding] = []
    for relation in model.relations.values():
        findings.extend(check_relation(model, relation))
    findings.extend(_hierarchy_warnings(model))
    for element in model.elements.values():
        if not element.name.strip() and element.kind is not ElementKind.OTHER:
            findings.append(Finding(Severity.WARNING, Reason.EMPTY_NAME, element.id,
                                    f"this {element.kind.label} has no name", "give it a name"))
    seen: Counter[tuple[str, str, str, str]] = Counter()
    for relation in model.relations.values():
        if relation.kind is RelationKind.OTHER:
            continue
        key = (relation.kind.value, relation.source, relation.target, str(relation.attributes.get("access", "")))
        seen[key] += 1
        if seen[key] == 2:
            findings.append(Finding(
                Severity.WARNING, Reason.DUPLICATE_RELATION, relation.id,
                f"the same {relation.kind.label} relation from {relation.source!r} to {relation.target!r} "
                "appears more than once", "delete the copy",
            ))
    for identifier in [model.id, *model.elements, *model.relations]:
        if not is_archi_id(identifier):
            findings.append(Finding(Severity.INFO, Reason.INVALID_ID, identifier,
                                    "Archi's CSV import does not accept this id",
                                    "use letters, digits, '.', '_' and '-' only"))
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(findings, key=lambda f: order[f.severity])


def _hierarchy_warnings(model: Model) -> list[Finding]:
    t = model_tables(model)
    h = hierarchy(model)
    findings = []
    composed = {(r.source, r.target): r.id for r in model.relations_of(RelationKind.COMPOSED_OF)}
    for p, c in zip(h.loop_parent.tolist(), h.loop_child.tolist(), strict=True):
        parent, child = t.ids[p], t.ids[c]
        what = "composes itself" if p == c else f"is part of a loop with {t.names[c] or child!r}"
        findings.append(Finding(
            Severity.WARNING, Reason.COMPOSITION_LOOP, composed.get((parent, child), parent),
            f"{t.names[p] or parent!r} {what}; this link is ignored when support is inherited",
            "remove one composed_of relation of the loop",
        ))
    counts = np.bincount(unique(h.child * (t.size + 1) + h.parent) // (t.size + 1), minlength=t.size)
    for c in np.flatnonzero(counts > 1).tolist():
        findings.append(Finding(
            Severity.WARNING, Reason.SEVERAL_PARENTS, str(t.ids[c]),
            f"{t.names[c] or t.ids[c]!r} sits under {counts[c]} processes; it inherits support from all",
            "fine if intended; otherwise keep one composed_of parent",
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
