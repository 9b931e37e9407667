"""Shared row context for reports: an element's processes, goals, information needs, and the
helpers that turn grouped codes into ``" | "``-joined text. Internal to the analysis package."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..arrays import unique
from ..hierarchy import hierarchy
from ..i18n import N_, _
from ..model import Model
from ..tables import KIND_CODES, ModelTables, model_tables
from ..vocabulary import ElementKind, RelationKind

__all__ = [
    "JOIN",
    "context_columns",
    "element_context",
    "join_by",
    "join_codes",
    "join_labels",
    "joined_codes",
    "joined_labels",
    "kind_names",
    "lifecycle_word",
    "placed",
]

JOIN = " | "
"""How multi-valued report cells are joined."""


def join_codes(keys: np.ndarray, codes: np.ndarray, names: np.ndarray | list[str] | pa.Array,
               sep: str = JOIN) -> pd.Series:
    """Per key, the distinct ``names[code]`` in code order, joined with ``sep`` (a Series by key).

    Vectorised: one sort over (key, code), then one string join per key, in Arrow.

    >>> join_codes(np.array([7, 5, 7, 7]), np.array([1, 0, 0, 1]), ["a", "b"]).to_dict()
    {5: 'a', 7: 'a | b'}
    """
    key, values = joined_codes(keys, codes, names, sep)
    return pd.Series(values, index=pd.Index(key), dtype=object)


def joined_codes(keys: np.ndarray, codes: np.ndarray, names: np.ndarray | list[str] | pa.Array,
                 sep: str = JOIN) -> tuple[np.ndarray, np.ndarray]:
    """:func:`join_codes` as arrays: (sorted distinct keys, their joined text as an object array)."""
    keys = np.asarray(keys, dtype=np.int64)
    codes = np.asarray(codes, dtype=np.int64)
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    width = int(codes.max()) + 1
    combined = unique(keys * width + codes)
    key, code = combined // width, combined % width
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    return key[starts], _join_groups(starts, code, names, sep)


def placed(codes: np.ndarray, size: int, keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` (by element code ``keys``) lined up with ``codes`` (element codes below ``size``),
    ``""`` for a code without a value: an object array."""
    slot = np.full(size, -1, dtype=np.int64)
    slot[keys] = np.arange(len(keys))
    at = slot[codes]
    result = np.full(len(codes), "", dtype=object)
    found = at >= 0
    result[found] = values[at[found]]
    return result


def _join_groups(starts: np.ndarray, code: np.ndarray, names: np.ndarray | list[str] | pa.Array,
                 sep: str) -> np.ndarray:
    """``sep``-joined ``names[code[a:b]]`` for each group ``a:b`` that ``starts`` begins (an object array):
    in Arrow, or in Python for names Arrow cannot hold (lone surrogates)."""
    try:
        texts = names if isinstance(names, pa.Array) else pa.array(np.asarray(names, dtype=object), pa.string())
        offsets = pa.array(np.r_[starts, len(code)].astype(np.int32))
        lists = pa.ListArray.from_arrays(offsets, texts.take(pa.array(code)))
        return np.asarray(pc.binary_join(lists, sep).to_numpy(zero_copy_only=False), dtype=object)
    except (pa.ArrowException, UnicodeError):
        pass
    listed = np.asarray(names, dtype=object)[code].tolist()
    ends = np.r_[starts[1:], len(code)].tolist()
    return np.array([sep.join(listed[a:b]) for a, b in zip(starts.tolist(), ends, strict=True)], dtype=object)


def join_by(keys: np.ndarray, labels: np.ndarray, sep: str = JOIN) -> pd.Series:
    """Distinct ``labels`` per key, sorted alphabetically and joined with ``sep`` (a Series by key)."""
    if len(keys) == 0:
        return pd.Series([], index=pd.Index([], dtype=np.int64), dtype=object)
    codes, uniques = pd.factorize(np.asarray(labels, dtype=object), sort=True)
    return join_codes(np.asarray(keys), codes, np.asarray(uniques, dtype=object), sep)


def join_labels(tables: ModelTables, keys: np.ndarray, elements: np.ndarray, sep: str = JOIN) -> pd.Series:
    """Distinct labels of the element codes ``elements`` per key, alphabetically, joined with ``sep``:
    :func:`join_by` over ``tables.labels[elements]`` without sorting strings again."""
    key, values = joined_labels(tables, keys, elements, sep)
    return pd.Series(values, index=pd.Index(key), dtype=object)


def joined_labels(tables: ModelTables, keys: np.ndarray, elements: np.ndarray,
                  sep: str = JOIN) -> tuple[np.ndarray, np.ndarray]:
    """:func:`join_labels` as arrays: (sorted distinct keys, their joined labels)."""
    rank, distinct = tables.label_order
    names = tables.sorted_labels
    return joined_codes(np.asarray(keys), rank[np.asarray(elements, dtype=np.int64)],
                        distinct if names is None else names, sep)


def kind_names(tables: ModelTables, codes: np.ndarray) -> np.ndarray:
    """The kind value (``"activity"``, ...) of each element code."""
    names = np.array([k.value for k in KIND_CODES], dtype=object)
    result: np.ndarray = names[tables.kind[codes]]
    return result


def element_context(model: Model, codes: np.ndarray) -> pd.DataFrame:
    """For each element code: ``process`` (its parent processes), ``goals`` (reached directly or
    through any ancestor), ``information`` (what it accesses), indexed by code."""
    frame = pd.DataFrame(index=pd.Index(codes, name="code"))
    for column, values in context_columns(model, np.asarray(codes, dtype=np.int64)).items():
        frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return frame


def context_columns(model: Model, codes: np.ndarray) -> dict[str, np.ndarray]:
    """:func:`element_context` as object arrays lined up with ``codes``."""
    t = model_tables(model)
    h = hierarchy(model)
    wanted = np.zeros(t.size, dtype=bool)
    wanted[codes] = True
    columns: dict[str, np.ndarray] = {}

    parent, child = t.relation_pairs(RelationKind.COMPOSED_OF)[:2]
    mask = wanted[child] & (parent != child)
    columns["process"] = placed(codes, t.size, *joined_labels(t, child[mask], parent[mask]))

    goal_s, goal_t = t.relation_pairs(RelationKind.CONTRIBUTES_TO)[:2]
    goal_mask = t.kind[goal_t] == KIND_CODES[ElementKind.GOAL]
    goal_s, goal_t = goal_s[goal_mask], goal_t[goal_mask]
    has_goal = np.zeros(t.size, dtype=bool)
    has_goal[goal_s] = True
    below, above = h.ancestor_pairs(has_goal)
    anc_mask = wanted[below]
    holders = np.concatenate([codes, below[anc_mask]])
    sources = np.concatenate([codes, above[anc_mask]])
    order = np.argsort(goal_s, kind="stable")
    lo = np.searchsorted(goal_s[order], sources, "left")
    hi = np.searchsorted(goal_s[order], sources, "right")
    counts = hi - lo
    rep_holder = np.repeat(holders, counts)
    idx = np.repeat(lo, counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
    columns["goals"] = placed(codes, t.size, *joined_labels(t, rep_holder, goal_t[order][idx]))

    acc_s, acc_t = t.relation_pairs(RelationKind.ACCESSES)[:2]
    mask = wanted[acc_s] & (t.kind[acc_t] == KIND_CODES[ElementKind.INFORMATION])
    columns["information"] = placed(codes, t.size, *joined_labels(t, acc_s[mask], acc_t[mask]))
    return columns


_LIFECYCLE_WORDS: dict[str, str] = {"plan": N_("plan"), "phase-in": N_("phase-in"), "active": N_("active"),
                                    "phase-out": N_("phase-out"), "end-of-life": N_("end-of-life")}


def lifecycle_word(value: object) -> str:
    """A lifecycle value (``phase-out``) as readers of the current language call it, for the
    sentences the analyses write; any other value as it is.

    >>> from fora_model.i18n import use_language
    >>> lifecycle_word("phase-out"), lifecycle_word("retired soon")
    ('phase-out', 'retired soon')
    >>> with use_language("nl"):
    ...     lifecycle_word("end-of-life")
    'einde levensduur'
    """
    text = str(value)
    word = _LIFECYCLE_WORDS.get(text)
    return _(word) if word else text
