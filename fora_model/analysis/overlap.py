"""Overlap between supporters (sparse pairwise Jaccard) and orphan applications."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd

from ..arrays import isin, unique
from ..model import Model
from ..tables import KIND_CODES, ModelTables
from ..vocabulary import ElementKind, RelationKind
from .context import join_labels
from .support import SupportTable, support_table

__all__ = ["ORPHAN_COLUMNS", "OVERLAP_COLUMNS", "application_overlap", "orphan_applications"]

OVERLAP_COLUMNS: list[str] = [
    "application_a_id",
    "application_a",
    "application_b_id",
    "application_b",
    "level",
    "shared",
    "only_a",
    "only_b",
    "jaccard",
    "shared_elements",
]
"""The columns of :func:`application_overlap`: a pair of supporters (``a`` before ``b`` in
model order), how many supportable elements both support (``shared``) and only one does, their
Jaccard index ``shared / (shared + only_a + only_b)``, and the shared elements' names."""

ORPHAN_COLUMNS: list[str] = [
    "application_id",
    "application",
    "level",
    "vendor",
    "lifecycle",
    "annual_cost",
    "system_types",
]
"""The columns of :func:`orphan_applications`; ``system_types`` are the types it realizes."""


def application_overlap(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    min_shared: int = 1,
    names: int | None = None,
) -> pd.DataFrame:
    """Every pair of supporters that share at least ``min_shared`` supported elements.

    Computed sparsely: only pairs that share an element are ever formed, a bounded batch at a
    time, so a model whose hub elements have hundreds of supporters is counted in little memory.
    Sorted by Jaccard (descending), then shared count, then names. Returns :data:`OVERLAP_COLUMNS`.

    ``names`` limits ``shared_elements`` to the first ``names`` pairs in that order (the pairs a
    page shows; the others get ``""``): every pair's counts are cheap, but naming every shared
    element of every pair is not. None (the default) names them for every pair.
    """
    table = support_table(model, level=level, paths=paths)
    counted: _Counted | None = model.memo(("overlap", table.level, table.paths, min_shared),
                                          lambda: _count(table, min_shared))
    if counted is None:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in OVERLAP_COLUMNS})
    frame, element, supporter, key, every_pair = counted
    t = table.tables
    width = t.size + 1
    frame = frame.copy()
    shown = frame.index.to_numpy() if names is None else frame.index.to_numpy()[:max(names, 0)]
    named = _shared_names(t, element, supporter, width, key[np.sort(shown)], every_pair and len(shown) == len(key))
    frame["shared_elements"] = named.reindex(key[frame.index.to_numpy()]).fillna("").to_numpy(dtype=object)
    return frame.reset_index(drop=True)


_Counted = tuple[pd.DataFrame, np.ndarray, np.ndarray, np.ndarray, bool]
"""The counted pairs in report order without their names, the distinct (element, supporter) pairs,
the pairs' keys and whether every pair sharing an element is kept: memoised per model version, so
the names of another number of pairs, or the overlap figure, cost no second count."""


def _count(table: SupportTable, min_shared: int) -> _Counted | None:
    t = table.tables
    width = t.size + 1
    combined = unique(table.chains["element"].to_numpy() * width + table.chains["supporter"].to_numpy())
    element, supporter = combined // width, combined % width  # distinct pairs, by element then supporter
    sizes = np.bincount(supporter, minlength=t.size)
    key, shared = _count_pairs(element, supporter, width)
    if len(key) == 0:
        return None
    wanted = shared >= min_shared
    every_pair = bool(wanted.all())
    key, shared = key[wanted], shared[wanted]
    a, b = key // width, key % width
    size_a, size_b = sizes[a], sizes[b]
    frame = pd.DataFrame({
        "application_a_id": t.ids[a],
        "application_a": t.labels[a],
        "application_b_id": t.ids[b],
        "application_b": t.labels[b],
        "level": table.level,
        "shared": shared.astype("int64"),
        "only_a": (size_a - shared).astype("int64"),
        "only_b": (size_b - shared).astype("int64"),
        "jaccard": shared / (size_a + size_b - shared),
    })
    frame = frame.sort_values(["jaccard", "shared", "application_a", "application_b"],
                              ascending=[False, False, True, True], kind="stable")
    return frame, element, supporter, key, every_pair


_BATCH = 4_000_000
"""Pairs of supporters formed at a time (about 100 MB of working arrays)."""


def _pair_batches(element: np.ndarray, supporter: np.ndarray, width: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """``(a * width + b, element)`` for every two supporters ``a < b`` of one element, about
    :data:`_BATCH` at a time (``element``, ``supporter``: distinct pairs sorted by element, then supporter)."""
    n = len(element)
    if n == 0:
        return
    starts = np.flatnonzero(np.r_[True, element[1:] != element[:-1]])
    ends = np.r_[starts[1:], n]
    partners = np.repeat(ends, ends - starts) - np.arange(n) - 1  # the later supporters of the same element
    total = np.cumsum(partners)
    bounds = np.searchsorted(total, np.arange(_BATCH, int(total[-1]), _BATCH), side="right")
    low = 0
    for high in [*bounds.tolist(), n]:
        count = partners[low:high]
        if count.sum():
            row = np.repeat(np.arange(low, high), count)
            within = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
            yield supporter[row] * width + supporter[row + 1 + within], element[row]
        low = high


def _count_pairs(element: np.ndarray, supporter: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """The sorted distinct keys ``a * width + b`` of supporters that share an element, and how many they share."""
    keys, counts = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    for batch, _ in _pair_batches(element, supporter, width):
        merged = np.concatenate([keys, batch])
        weight = np.concatenate([counts, np.ones(len(batch), dtype=np.int64)])
        order = np.argsort(merged, kind="stable")
        merged, weight = merged[order], weight[order]
        starts = np.flatnonzero(np.r_[True, merged[1:] != merged[:-1]])
        keys, counts = merged[starts], np.add.reduceat(weight, starts)
    return keys, counts


def _shared_names(t: ModelTables, element: np.ndarray, supporter: np.ndarray, width: int, wanted: np.ndarray,
                  every: bool) -> pd.Series:
    """The joined labels of the elements each pair of ``wanted`` keys (sorted) shares, by key;
    ``every``: the wanted keys are all the pairs there are, so none need picking out."""
    if len(wanted) == 0:
        return pd.Series(dtype=object)
    keys: list[np.ndarray] = []
    elements: list[np.ndarray] = []
    for batch, of in _pair_batches(element, supporter, width):
        if not every:
            keep = isin(batch, wanted)
            batch, of = batch[keep], of[keep]
        keys.append(batch)
        elements.append(of)
    return join_labels(t, np.concatenate(keys), np.concatenate(elements))


def _dtype(column: str) -> str:
    return {"shared": "int64", "only_a": "int64", "only_b": "int64", "jaccard": "float64",
            "annual_cost": "float64"}.get(column, "object")


def orphan_applications(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Applications (or system types, at that level) that support nothing by any enabled path.

    Planned applications are not listed: they are not expected to support anything yet.
    Returns :data:`ORPHAN_COLUMNS`, in model order.
    """
    table = support_table(model, level=level, paths=paths)
    t = table.tables
    kind = ElementKind.APPLICATION if table.level == "application" else ElementKind.SYSTEM_TYPE
    candidates = (t.kind == KIND_CODES[kind]) & ~t.planned
    candidates[table.chains["supporter"].to_numpy()] = False
    rows = np.flatnonzero(candidates)
    rea_s, rea_t = t.relations(RelationKind.REALIZES)
    mask = isin(rea_s, rows)
    types = join_labels(t, rea_s[mask], rea_t[mask])
    vendor = [model.elements[i].attributes.get("vendor", "") for i in t.ids[rows]]
    return pd.DataFrame({
        "application_id": t.ids[rows],
        "application": t.labels[rows],
        "level": table.level,
        "vendor": np.array(vendor, dtype=object),
        "lifecycle": t.lifecycle[rows],
        "annual_cost": t.annual_cost[rows],
        "system_types": types.reindex(rows).fillna("").to_numpy(dtype=object),
    }, columns=ORPHAN_COLUMNS)
