"""Duplicated elements: supportable elements that two or more distinct supporters support.

A suite that alone covers two system types is one supporter, not a duplicate: supporters are
counted as distinct applications (or system types, at that level), never as paths.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..arrays import isin, unique
from ..model import Model
from ..tables import KIND_CODES, ModelTables
from ..vocabulary import ElementKind, RelationKind
from .context import element_context, join_by, join_codes, join_labels, kind_names
from .support import PATH_NAMES, SupportTable, support_table

__all__ = ["DUPLICATE_COLUMNS", "duplicated_activities"]

DUPLICATE_COLUMNS: list[str] = [
    "activity_id",
    "activity",
    "element_kind",
    "process",
    "goals",
    "level",
    "application_count",
    "applications",
    "application_ids",
    "system_types",
    "application_functions",
    "support_paths",
    "information",
    "written_by",
    "annual_cost",
    "retiring",
]
"""The columns of :func:`duplicated_activities`, in order.

``activity_id``, ``activity``
    the duplicated element (an activity, or a process with support of its own).
``element_kind``
    ``activity`` or ``process``.
``process``, ``goals``
    its parent processes; the goals it or any process above it contributes to.
``level``
    what the supporters are: ``application`` or ``system_type``.
``application_count``, ``applications``, ``application_ids``
    the distinct supporters at that level (applications, or system types at system-type level).
``system_types``, ``application_functions``
    the system types and application functions the support passes through.
``support_paths``
    per supporter, the chains it supports the element by: ``Magister: direct, type>function``.
``information``
    the information the element accesses.
``written_by``
    per supporter, which of that information it writes: ``Magister: Grades``.
``annual_cost``
    the supporters' combined annual cost (each supporter's full cost, so not additive across
    rows; empty at system-type level or when no supporter has a cost).
``retiring``
    supporters in lifecycle phase-out or end-of-life, with their lifecycle.

Multi-valued cells are joined with ``" | "``. Rows are sorted by ``application_count``
(descending), ``process``, ``activity``.
"""


def duplicated_activities(
    model: Model,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Every supportable element supported by two or more distinct supporters at ``level``.

    Parameters
    ----------
    model
        The model to analyse.
    level
        ``"application"`` or ``"system_type"``; by default applications when any application
        supports anything, else system types.
    paths
        The support paths to follow (``direct``, ``function``, ``type``, ``parent``); all by default.

    Returns
    -------
    pandas.DataFrame
        One row per duplicated element with the columns :data:`DUPLICATE_COLUMNS`.
    """
    table = support_table(model, level, paths)
    t = table.tables
    counts = table.supporter_counts()
    rows = np.flatnonzero(counts >= 2)
    if len(rows) == 0:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in DUPLICATE_COLUMNS})
    chains = table.chains[isin(table.chains["element"].to_numpy(), rows)]
    frame = element_context(model, rows)
    frame["activity_id"] = t.ids[rows]
    frame["activity"] = t.labels[rows]
    frame["element_kind"] = kind_names(t, rows)
    frame["level"] = table.level
    frame["application_count"] = counts[rows]
    _supporter_columns(frame, chains, t, table)
    frame["written_by"] = _written_by(model, chains, t).reindex(frame.index).fillna("")
    frame = frame.sort_values(
        ["application_count", "process", "activity", "activity_id"],
        ascending=[False, True, True, True],
        kind="stable",
    )
    return frame[DUPLICATE_COLUMNS].reset_index(drop=True)


def _dtype(column: str) -> str:
    return {"application_count": "int64", "annual_cost": "float64"}.get(column, "object")


def _supporter_columns(frame: pd.DataFrame, chains: pd.DataFrame, t: ModelTables, table: SupportTable) -> None:
    element = chains["element"].to_numpy()
    supporter = chains["supporter"].to_numpy()
    pe, ps = _pairs(element, supporter, t.size + 1)
    frame["applications"] = join_labels(t, pe, ps).reindex(frame.index)
    frame["application_ids"] = join_by(pe, t.ids[ps]).reindex(frame.index)

    if table.level == "system_type":
        frame["system_types"] = frame["applications"]
    else:
        via = chains["via_type"].to_numpy()
        mask = via >= 0
        frame["system_types"] = join_labels(t, element[mask], via[mask]).reindex(frame.index)
    via = chains["via_function"].to_numpy()
    mask = via >= 0
    frame["application_functions"] = join_labels(t, element[mask], via[mask]).reindex(frame.index)

    width = t.size + 1
    pair_key = element * width + supporter
    paths = join_codes(pair_key, chains["path_code"].to_numpy(), np.array(PATH_NAMES, dtype=object), ", ")
    pair_element = paths.index.to_numpy() // width
    entries = t.labels[paths.index.to_numpy() % width] + ": " + paths.to_numpy()
    frame["support_paths"] = join_by(pair_element, entries).reindex(frame.index)

    if table.level == "application":
        cost = t.annual_cost[ps]
        totals = pd.Series(cost).groupby(pe).sum(min_count=1)
        frame["annual_cost"] = totals.reindex(frame.index).astype("float64")
        lifecycle = t.lifecycle[ps]
        retiring = isin(lifecycle, ["phase-out", "end-of-life"])
        frame["retiring"] = join_by(pe[retiring], (t.labels[ps[retiring]] + " (" + lifecycle[retiring] + ")"))
        frame["retiring"] = frame["retiring"].reindex(frame.index)
    else:
        frame["annual_cost"] = np.nan
        frame["retiring"] = ""
    for column in ("applications", "application_ids", "system_types", "application_functions",
                   "support_paths", "retiring"):
        frame[column] = frame[column].fillna("").astype(object)


def _pairs(first: np.ndarray, second: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (first, second) code pairs, sorted."""
    keys = unique(np.asarray(first, dtype=np.int64) * width + np.asarray(second, dtype=np.int64))
    return keys // width, keys % width


def _written_by(model: Model, chains: pd.DataFrame, t: ModelTables) -> pd.Series:
    """Per element: ``supporter: information`` for the element's information each supporter writes."""
    mask = t.relation_mask(RelationKind.ACCESSES)
    mask[mask] = t.kind[t.target[mask]] == KIND_CODES[ElementKind.INFORMATION]
    src, dst, writes = t.source[mask], t.target[mask], t.writes[mask]
    width = t.size + 1
    need_element, need_info = _pairs(src, dst, width)  # sorted by element
    written = unique(src[writes] * width + dst[writes])  # supporter * width + info
    pe, ps = _pairs(chains["element"].to_numpy(), chains["supporter"].to_numpy(), width)
    # every (element, supporter) pair with every information the element needs ...
    lo = np.searchsorted(need_element, pe, "left")
    counts = np.searchsorted(need_element, pe, "right") - lo
    starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
    at = np.arange(int(counts.sum())) + starts
    element, supporter, info = np.repeat(pe, counts), np.repeat(ps, counts), need_info[at]
    # ... that the supporter writes
    keep = isin(supporter * width + info, written)
    if not keep.any():
        return pd.Series([], dtype=object)
    per_pair = join_labels(t, element[keep] * width + supporter[keep], info[keep], ", ")
    keys = per_pair.index.to_numpy()
    entries = t.labels[keys % width] + ": " + per_pair.to_numpy()
    return join_by(keys // width, entries)
