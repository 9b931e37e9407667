"""Counts that describe a model at a glance."""

from __future__ import annotations

import pandas as pd

from ..model import Model
from ..vocabulary import ElementKind, RelationKind
from .coverage import unsupported_activities
from .duplicates import duplicated_activities
from .support import support_table

__all__ = ["STATS_COLUMNS", "model_stats"]

STATS_COLUMNS = ["measure", "value"]
"""The columns of :func:`model_stats`."""


def model_stats(model: Model, *, level: str | None = None) -> pd.DataFrame:
    """Elements per kind, relations per kind, and the headline support figures.

    Measures: ``elements``, ``relations``, one ``elements: <kind>`` and ``relations: <kind>``
    per kind present, ``level``, ``supportable``, ``supported`` (with support of their own),
    ``inherited`` (covered only through a process above them), ``duplicated`` (root rows of
    :func:`duplicated_activities`), ``duplicated_inherited`` (the rows that only repeat a duplicate
    above them), ``unsupported`` (real gaps), ``expected_gaps`` and ``annual_cost`` (current
    applications).
    """
    rows: list[tuple[str, object]] = [
        ("elements", len(model.elements)),
        ("relations", len(model.relations)),
    ]
    for kind in ElementKind:
        count = sum(1 for e in model.elements.values() if e.kind is kind)
        if count:
            rows.append((f"elements: {kind.value}", count))
    for rkind in RelationKind:
        count = sum(1 for r in model.relations.values() if r.kind is rkind)
        if count:
            rows.append((f"relations: {rkind.value}", count))
    table = support_table(model, level=level)
    gaps = unsupported_activities(model, level=table.level)
    supportable = int(table.supportable.sum())
    covered, own = table.supporter_counts(), table.supporter_counts(own=True)
    rows += [
        ("level", table.level),
        ("supportable", supportable),
        ("supported", int((own[table.supportable] > 0).sum())),
        ("inherited", int(((covered > 0) & (own == 0))[table.supportable].sum())),
        *_duplicate_counts(model, table.level),
        ("unsupported", int((~gaps["expected_gap"]).sum())),
        ("expected_gaps", int(gaps["expected_gap"].sum())),
        ("annual_cost", float(sum(
            e.attributes.get("annual_cost", 0.0)
            for e in model.elements_of(ElementKind.APPLICATION)
            if e.attributes.get("lifecycle") != "plan"
        ))),
    ]
    return pd.DataFrame(rows, columns=STATS_COLUMNS)


def _duplicate_counts(model: Model, level: str) -> list[tuple[str, object]]:
    every = duplicated_activities(model, level=level)
    inherited = int((every["inherited_from_id"] != "").sum())
    return [("duplicated", len(every) - inherited), ("duplicated_inherited", inherited)]
