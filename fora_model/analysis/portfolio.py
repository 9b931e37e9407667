"""Facts about the application portfolio that the rationalisation analyses share.

Internal to the analysis package: application attributes as one table, who supports what as
distinct (element, application) pairs, what the ``plan`` applications *would* support, the
effective criticality of every element and which information each application writes.
Everything is keyed by element codes (see :mod:`fora_model.tables`) and memoised per model
version, so TIME, savings, continuity and scenarios computed together resolve support once.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..arrays import isin, unique
from ..hierarchy import hierarchy
from ..model import Element, Model
from ..tables import KIND_CODES, RELATION_CODES, ModelTables, model_tables
from ..vocabulary import ElementKind, Lifecycle, RelationKind
from .support import parse_paths, support_table

__all__ = [
    "CRITICALITY_RANK",
    "FACT_COLUMNS",
    "HIGH",
    "add_months",
    "application_facts",
    "application_writes",
    "current_pairs",
    "element_criticality",
    "planned_pairs",
]

CRITICALITY_RANK: dict[str, int] = {"low": 1, "medium": 2, "high": 3}
"""Criticality value → rank; 0 means not set."""

HIGH = CRITICALITY_RANK["high"]

FACT_COLUMNS: list[str] = [
    "code",
    "application_id",
    "application",
    "vendor",
    "lifecycle",
    "current",
    "annual_cost",
    "exit_cost",
    "functional_fit",
    "technical_fit",
    "criticality",
    "contract_end",
    "notice_months",
    "data_location",
    "processes_personal_data",
    "dpa_signed",
]
"""Columns of :func:`application_facts`. ``lifecycle`` is ``active`` when not set (its
documented default); ``current`` is false for ``plan``; costs are NaN and fits, notice months
``<NA>`` when not recorded; ``contract_end`` is a ``datetime.date`` or None; the two booleans are
None when not recorded."""


def application_facts(model: Model) -> pd.DataFrame:
    """One row per application, in model order, with :data:`FACT_COLUMNS` (memoised)."""
    facts: pd.DataFrame = model.memo("rationalisation:facts", lambda: _facts(model))
    return facts


def _facts(model: Model) -> pd.DataFrame:
    t = model_tables(model)
    codes = np.flatnonzero(t.kind == KIND_CODES[ElementKind.APPLICATION])
    elements: list[Element] = [model.elements[i] for i in t.ids[codes]]

    def values(name: str, default: Any = None) -> list[Any]:
        return [e.attributes.get(name, default) for e in elements]

    lifecycle = [str(v) for v in values("lifecycle", Lifecycle.ACTIVE.value)]
    frame = pd.DataFrame({
        "code": codes.astype(np.int64),
        "application_id": pd.Series(t.ids[codes], dtype=object),
        "application": pd.Series(t.labels[codes], dtype=object),
        "vendor": pd.Series([str(v or "") for v in values("vendor")], dtype=object),
        "lifecycle": pd.Series(lifecycle, dtype=object),
        "current": np.array([v != Lifecycle.PLAN.value for v in lifecycle], dtype=bool),
        "annual_cost": np.array([np.nan if v is None else float(v) for v in values("annual_cost")], dtype=np.float64),
        "exit_cost": np.array([np.nan if v is None else float(v) for v in values("exit_cost")], dtype=np.float64),
        "functional_fit": pd.array(values("functional_fit"), dtype="Int64"),
        "technical_fit": pd.array(values("technical_fit"), dtype="Int64"),
        "criticality": pd.Series([str(v or "") for v in values("criticality")], dtype=object),
        "contract_end": pd.Series(values("contract_end"), dtype=object),
        "notice_months": pd.array(values("notice_months"), dtype="Int64"),
        "data_location": pd.Series([str(v or "") for v in values("data_location")], dtype=object),
        "processes_personal_data": pd.Series(values("processes_personal_data"), dtype=object),
        "dpa_signed": pd.Series(values("dpa_signed"), dtype=object),
    })
    return frame[FACT_COLUMNS]


def current_pairs(model: Model, *, paths: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Distinct (``element``, ``supporter``) code pairs of current application support."""
    chosen = parse_paths(paths)

    def compute() -> pd.DataFrame:
        chains = support_table(model, level="application", paths=chosen).chains
        pairs = chains[["element", "supporter"]].drop_duplicates()
        return pairs.sort_values(["element", "supporter"], kind="stable").reset_index(drop=True)

    pairs: pd.DataFrame = model.memo(("rationalisation:pairs", chosen), compute)
    return pairs


def planned_pairs(model: Model, *, paths: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Distinct (``element``, ``supporter``) pairs the ``plan`` applications would add once live.

    Support is resolved exactly as for current applications, on a view of the model in which
    the planned applications are current; only their pairs are returned.
    """
    chosen = parse_paths(paths)
    pairs: pd.DataFrame = model.memo(("rationalisation:planned", chosen), lambda: _planned(model, chosen))
    return pairs


def _planned(model: Model, paths: frozenset[str]) -> pd.DataFrame:
    t = model_tables(model)
    planned = np.flatnonzero(t.planned & (t.kind == KIND_CODES[ElementKind.APPLICATION]))
    if len(planned) == 0:
        return pd.DataFrame({"element": np.zeros(0, np.int64), "supporter": np.zeros(0, np.int64)})
    live = {
        i: dataclasses.replace(model.elements[i], attributes={**model.elements[i].attributes,
                                                               "lifecycle": Lifecycle.PHASE_IN.value})
        for i in t.ids[planned]
    }
    # A view of the model in which the planned applications are current, holding only the relations
    # their support chains can run through: their own supports, assignments and realizations, those
    # of the system types and functions they reach, and the whole process hierarchy.
    source, target, kind = t.source, t.target, t.rel_kind
    code = {k: RELATION_CODES[k] for k in (RelationKind.SUPPORTS, RelationKind.ASSIGNED_TO,
                                            RelationKind.REALIZES, RelationKind.COMPOSED_OF)}
    mine = isin(source, planned)
    types = unique(target[mine & (kind == code[RelationKind.REALIZES])])
    from_types = isin(source, types)
    functions = unique(target[(mine | from_types) & (kind == code[RelationKind.ASSIGNED_TO])])
    keep = (kind == code[RelationKind.COMPOSED_OF]) | (
        (mine | from_types | isin(source, functions))
        & isin(kind, [code[RelationKind.SUPPORTS], code[RelationKind.ASSIGNED_TO], code[RelationKind.REALIZES]]))
    wanted = set(t.rel_ids[keep].tolist())
    view = Model.from_parts(
        (live.get(e.id, e) for e in model.elements.values()),
        (r for r in model.relations.values() if r.id in wanted),
        id=model.id,
    )
    view.memo("hierarchy", lambda: hierarchy(model))  # same elements, same composed_of: same hierarchy
    chains = support_table(view, level="application", paths=paths).chains
    pairs = chains.loc[isin(chains["supporter"].to_numpy(), planned), ["element", "supporter"]]
    return pairs.drop_duplicates().sort_values(["element", "supporter"], kind="stable").reset_index(drop=True)


def element_criticality(model: Model) -> np.ndarray:
    """Effective criticality rank per element code (0 not set, 1 low, 2 medium, 3 high).

    An element's own ``criticality`` wins; an element without one takes the highest criticality
    of the processes above it (loop edges of ``composed_of`` ignored), so marking a process
    ``high`` makes the work under it critical unless an element says otherwise.
    """
    ranks: np.ndarray = model.memo("rationalisation:criticality", lambda: _criticality(model))
    return ranks


def _criticality(model: Model) -> np.ndarray:
    t = model_tables(model)
    own = np.zeros(t.size, dtype=np.int8)
    for code in np.flatnonzero(t.of_kind(ElementKind.ACTIVITY, ElementKind.PROCESS)).tolist():
        value = model.elements[t.ids[code]].attributes.get("criticality")
        if value:
            own[code] = CRITICALITY_RANK.get(str(value), 0)
    h = hierarchy(model)
    inherited = np.zeros(t.size, dtype=np.int8)
    below, above = h.ancestor_pairs(own > 0)
    np.maximum.at(inherited, below, own[above])
    result: np.ndarray = np.where(own > 0, own, inherited)
    return result


def application_writes(model: Model) -> pd.DataFrame:
    """Distinct (``application``, ``information``) code pairs: the application writes the
    information (access ``write`` or ``readwrite``) itself or through an application function
    assigned to it. All lifecycles; callers keep the current ones."""
    frame: pd.DataFrame = model.memo("rationalisation:writes", lambda: _writes(model_tables(model)))
    return frame


def _writes(t: ModelTables) -> pd.DataFrame:
    mask = t.relation_mask(RelationKind.ACCESSES) & t.writes
    src, dst = t.source[mask], t.target[mask]
    info = t.kind[dst] == KIND_CODES[ElementKind.INFORMATION]
    src, dst = src[info], dst[info]
    app = KIND_CODES[ElementKind.APPLICATION]
    direct = pd.DataFrame({"application": src[t.kind[src] == app], "information": dst[t.kind[src] == app]})
    asg_s, asg_t = t.relations(RelationKind.ASSIGNED_TO)
    keep = t.kind[asg_s] == app
    assigned = pd.DataFrame({"application": asg_s[keep], "function": asg_t[keep]})
    fn = t.kind[src] == KIND_CODES[ElementKind.APPLICATION_FUNCTION]
    by_function = pd.DataFrame({"function": src[fn], "information": dst[fn]})
    via = assigned.merge(by_function, on="function")[["application", "information"]]
    frame = pd.concat([direct, via], ignore_index=True).astype(np.int64).drop_duplicates()
    return frame.sort_values(["information", "application"], kind="stable").reset_index(drop=True)


def add_months(day: _dt.date, months: int) -> _dt.date:
    """``day`` moved by ``months`` calendar months, clamped to the end of a shorter month.

    >>> add_months(_dt.date(2025, 3, 31), -1)
    datetime.date(2025, 2, 28)
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    following = _dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (following - _dt.timedelta(days=1)).day
    return _dt.date(year, month, min(day.day, last))
