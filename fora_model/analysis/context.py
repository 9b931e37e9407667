"""Shared row context for reports: an element's processes, goals, information needs, and the
helpers that turn grouped codes into ``" | "``-joined text. Internal to the analysis package."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..arrays import unique
from ..hierarchy import hierarchy
from ..model import Model
from ..tables import KIND_CODES, ModelTables, model_tables
from ..vocabulary import ElementKind, RelationKind

__all__ = ["JOIN", "element_context", "join_by", "join_codes", "join_labels", "kind_names"]

JOIN = " | "
"""How multi-valued report cells are joined."""


def join_codes(keys: np.ndarray, codes: np.ndarray, names: np.ndarray | list[str], sep: str = JOIN) -> pd.Series:
    """Per key, the distinct ``names[code]`` in code order, joined with ``sep`` (a Series by key).

    Vectorised: one sort over (key, code), then one string join per key.
    """
    keys = np.asarray(keys, dtype=np.int64)
    codes = np.asarray(codes, dtype=np.int64)
    if len(keys) == 0:
        return pd.Series([], index=pd.Index([], dtype=np.int64), dtype=object)
    width = int(codes.max()) + 1
    combined = unique(keys * width + codes)
    key, code = combined // width, combined % width
    texts = np.asarray(names, dtype=object)[code]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    ends = np.r_[starts[1:], len(key)]
    values = texts[starts]  # a key with one name needs no join
    several = np.flatnonzero(ends - starts > 1)
    if len(several):
        listed = texts.tolist()
        values[several] = [sep.join(listed[a:b]) for a, b in
                           zip(starts[several].tolist(), ends[several].tolist(), strict=True)]
    return pd.Series(values, index=pd.Index(key[starts]), dtype=object)


def join_by(keys: np.ndarray, labels: np.ndarray, sep: str = JOIN) -> pd.Series:
    """Distinct ``labels`` per key, sorted alphabetically and joined with ``sep`` (a Series by key)."""
    if len(keys) == 0:
        return pd.Series([], index=pd.Index([], dtype=np.int64), dtype=object)
    codes, uniques = pd.factorize(np.asarray(labels, dtype=object), sort=True)
    return join_codes(np.asarray(keys), codes, np.asarray(uniques, dtype=object), sep)


def join_labels(tables: ModelTables, keys: np.ndarray, elements: np.ndarray, sep: str = JOIN) -> pd.Series:
    """Distinct labels of the element codes ``elements`` per key, alphabetically, joined with ``sep``:
    :func:`join_by` over ``tables.labels[elements]`` without sorting strings again."""
    if len(keys) == 0:
        return pd.Series([], index=pd.Index([], dtype=np.int64), dtype=object)
    rank, distinct = tables.label_order
    return join_codes(np.asarray(keys), rank[np.asarray(elements, dtype=np.int64)], distinct, sep)


def kind_names(tables: ModelTables, codes: np.ndarray) -> np.ndarray:
    """The kind value (``"activity"``, ...) of each element code."""
    names = np.array([k.value for k in KIND_CODES], dtype=object)
    result: np.ndarray = names[tables.kind[codes]]
    return result


def element_context(model: Model, codes: np.ndarray) -> pd.DataFrame:
    """For each element code: ``process`` (its parent processes), ``goals`` (reached directly or
    through any ancestor), ``information`` (what it accesses), indexed by code."""
    t = model_tables(model)
    h = hierarchy(model)
    wanted = np.zeros(t.size, dtype=bool)
    wanted[codes] = True
    frame = pd.DataFrame(index=pd.Index(codes, name="code"))

    parent, child = t.relations(RelationKind.COMPOSED_OF)
    mask = wanted[child] & (parent != child)
    frame["process"] = join_labels(t, child[mask], parent[mask]).reindex(frame.index)

    goal_s, goal_t = t.relations(RelationKind.CONTRIBUTES_TO)
    goal_mask = t.kind[goal_t] == KIND_CODES[ElementKind.GOAL]
    goal_s, goal_t = goal_s[goal_mask], goal_t[goal_mask]
    anc_mask = wanted[h.anc_element]
    holders = np.concatenate([codes, h.anc_element[anc_mask]])
    sources = np.concatenate([codes, h.anc_ancestor[anc_mask]])
    order = np.argsort(goal_s, kind="stable")
    lo = np.searchsorted(goal_s[order], sources, "left")
    hi = np.searchsorted(goal_s[order], sources, "right")
    counts = hi - lo
    rep_holder = np.repeat(holders, counts)
    idx = np.repeat(lo, counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
    frame["goals"] = join_labels(t, rep_holder, goal_t[order][idx]).reindex(frame.index)

    acc_s, acc_t = t.relations(RelationKind.ACCESSES)
    mask = wanted[acc_s] & (t.kind[acc_t] == KIND_CODES[ElementKind.INFORMATION])
    frame["information"] = join_labels(t, acc_s[mask], acc_t[mask]).reindex(frame.index)
    return frame.fillna("")
