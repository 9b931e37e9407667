"""Duplicated elements: supportable elements that two or more distinct supporters support.

A suite that alone covers two system types is one supporter, not a duplicate: supporters are
counted as distinct applications (or system types, at that level), never as paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..arrays import isin, same_groups, unique
from ..model import Model
from ..tables import KIND_CODES, ModelTables
from ..vocabulary import ElementKind, RelationKind
from .context import context_columns, joined_codes, joined_labels, kind_names
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
    "inherited_from_id",
    "inherited_from",
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
``inherited_from_id``, ``inherited_from``
    for an *inherited* duplicate (fewer than two supporters reach it other than through a process
    above it, so the duplicate repeats one higher up), the nearest such process by id and name,
    preferring one that is itself a duplicated row; empty for a *root* row. ``include_inherited=False``
    leaves the inherited rows out.

Multi-valued cells are joined with ``" | "``. Rows are sorted by ``application_count``
(descending), ``process``, ``activity``.
"""


def duplicated_activities(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    include_inherited: bool = True,
) -> pd.DataFrame:
    """Every supportable element supported by two or more distinct supporters at ``level``.

    A *root* row has two or more distinct supporters that reach the element by a chain of their own
    (not by the ``parent`` path); a row whose duplicate comes from support of a process above it is
    *inherited*, marked in ``inherited_from``, and left out with ``include_inherited=False``. On a
    pure reference model the root rows are the behaviours that two or more system types serve
    directly or through a function.

    Parameters
    ----------
    model
        The model to analyse.
    level
        ``"application"`` or ``"system_type"``; by default applications when any application
        supports anything, else system types.
    paths
        The support paths to follow (``direct``, ``function``, ``type``, ``parent``); all by default.
    include_inherited
        List the inherited duplicates too (the default), marked in ``inherited_from``; ``False``
        keeps only the root rows.

    Returns
    -------
    pandas.DataFrame
        One row per duplicated element with the columns :data:`DUPLICATE_COLUMNS`.
    """
    table = support_table(model, level=level, paths=paths)
    t = table.tables
    chains = {c: table.chains[c].to_numpy() for c in ("element", "supporter", "path_code", "via_type",
                                                      "via_function")}
    width = t.size + 1
    # one sort gives the distinct (element, supporter) pairs and the paths of each as a bit mask
    combined = unique((chains["element"] * width + chains["supporter"]) * _PATH_BITS + chains["path_code"])
    pair = combined // _PATH_BITS
    starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]]) if len(pair) else np.zeros(0, dtype=np.int64)
    counts = np.bincount(pair[starts] // width, minlength=t.size)  # distinct supporters per element
    duplicated = counts >= 2
    inherited_from = _inherited_from(table, duplicated)
    if not include_inherited:
        duplicated = duplicated & (inherited_from < 0)
    rows = np.flatnonzero(duplicated)
    if len(rows) == 0:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in DUPLICATE_COLUMNS})
    path_mask = np.bitwise_or.reduceat(np.left_shift(1, combined % _PATH_BITS), starts)
    pair = pair[starts]
    wanted = duplicated[pair // width]
    pair, path_mask = pair[wanted], path_mask[wanted]
    keep = duplicated[chains["element"]]
    chains = {c: chains[c][keep] for c in ("element", "via_type", "via_function")}
    context = context_columns(model, rows)
    order = _row_order(counts[rows], context["process"], t.label_order[0][rows], t, rows)
    ordered = rows[order]  # the rows in report order: every column below is built in that order
    columns: dict[str, Any] = {
        **_text_columns(t, ordered, table.level),
        "application_count": pd.Series(counts[ordered], dtype="int64", copy=False),
    }
    columns.update({column: values[order] for column, values in context.items()})
    columns.update(_supporter_columns(rows, order, chains, pair, path_mask, t, table))
    source = inherited_from[ordered]
    has = source >= 0
    columns["inherited_from_id"] = np.where(has, t.ids[np.maximum(source, 0)], "").astype(object)
    columns["inherited_from"] = np.where(has, t.labels[np.maximum(source, 0)], "").astype(object)
    return pd.DataFrame({c: columns[c] if c in _TEXT or c == "application_count"
                         else pd.Series(columns[c], dtype=_dtype(c), copy=False) for c in DUPLICATE_COLUMNS})


def _inherited_from(table: SupportTable, duplicated: np.ndarray) -> np.ndarray:
    """Per element code, the process above it that a duplicated element inherits its duplicate from,
    or -1 for a root row (and for elements that are not duplicated).

    Support by the ``parent`` path is inherited; a duplicated element is a *root* when two or more
    distinct supporters reach it by a chain of their own (``direct``, ``function``, ``type`` or a
    composition of these), else it is *inherited*. It is inherited from the nearest process above it
    that the inherited support passes, preferring one that is itself a duplicated row (the nearest
    being the one with the most supporting processes above it)."""
    t = table.tables
    result = np.full(t.size, -1, dtype=np.int64)
    chains = table.chains
    if not len(chains):
        return result
    element = chains["element"].to_numpy()
    via = chains["via_parent"].to_numpy()
    supporter = chains["supporter"].to_numpy()
    inherited_chain = chains["path_code"].to_numpy() >= _PARENT_CODE
    width = t.size + 1
    own = unique(element[~inherited_chain] * width + supporter[~inherited_chain])
    own_count = np.bincount(own // width, minlength=t.size)
    inherited = duplicated & (own_count < 2)
    keep = inherited_chain & inherited[element] & (via >= 0)
    if not keep.any():
        return result
    depth = _depth(chains, t.size)
    pick = pd.DataFrame({"element": element[keep], "via": via[keep], "dup": duplicated[via[keep]],
                         "depth": depth[via[keep]]})
    pick = pick.sort_values(["element", "dup", "depth", "via"], ascending=[True, False, False, True], kind="stable")
    first = pick.drop_duplicates("element")
    result[first["element"].to_numpy()] = first["via"].to_numpy()
    return result


def _depth(chains: pd.DataFrame, size: int) -> np.ndarray:
    """Per element code, how many distinct processes above it carry support in ``chains`` (a proxy for
    depth in the process tree: a nearer ancestor has more of them above it)."""
    element = chains["element"].to_numpy()
    via = chains["via_parent"].to_numpy()
    mask = via >= 0
    pairs = unique(element[mask] * (size + 1) + via[mask])
    return np.bincount(pairs // (size + 1), minlength=size)


_TEXT = frozenset({"activity_id", "activity", "element_kind", "level"})
"""Columns of pandas' text dtype (``str``); the joined multi-valued columns are ``object``."""


def _text_columns(t: ModelTables, ordered: np.ndarray, level: str) -> dict[str, Any]:
    """The ``_TEXT`` columns for the element codes ``ordered``, as pandas' default text arrays: gathered
    in Arrow when the model's text allows, else object arrays that pandas infers as the same dtype."""
    kinds = [k.value for k in KIND_CODES]
    arrow = t.arrow_text
    dtype = pd.Series(np.array(["text"], dtype=object)).dtype  # what pandas makes of text
    if arrow is None or not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return {
            "activity_id": t.ids[ordered],
            "activity": t.labels[ordered],
            "element_kind": kind_names(t, ordered),
            "level": np.full(len(ordered), level, dtype=object),
        }
    at = pa.array(ordered)
    texts = {
        "activity_id": arrow[0].take(at),
        "activity": arrow[1].take(at),
        "element_kind": pa.array(kinds, pa.string()).take(pa.array(t.kind[ordered].astype(np.int64))),
        "level": pa.array([level], pa.string()).take(pa.array(np.zeros(len(ordered), dtype=np.int64))),
    }
    return {column: pd.array(values, dtype=dtype) for column, values in texts.items()}


def _row_order(count: np.ndarray, process: np.ndarray, activity_rank: np.ndarray, t: ModelTables,
               rows: np.ndarray) -> np.ndarray:
    """Positions sorting ``rows`` by ``application_count`` (descending), ``process``, ``activity`` (by
    its label's alphabetical rank) and ``activity_id``, stably: in Arrow when the text allows, else in
    pandas."""
    keys = ["application_count", "process", "activity", "activity_id"]
    ids = t.ids[rows]
    try:
        arrow = t.arrow_text
        id_text = pa.array(ids, pa.string()) if arrow is None else arrow[0].take(pa.array(rows))
        data = pa.table([count, pa.array(process, pa.string()), activity_rank, id_text], names=keys)
        order = pc.sort_indices(data, sort_keys=[(keys[0], "descending")] + [(k, "ascending") for k in keys[1:]])
        return np.asarray(order.to_numpy(), dtype=np.int64)
    except (pa.ArrowException, UnicodeError):
        pass
    frame = pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in zip(keys, [count, process, activity_rank, ids],
                                                                          strict=True)})
    ordered = frame.sort_values(keys, ascending=[False, True, True, True], kind="stable")
    return np.asarray(ordered.index.to_numpy(), dtype=np.int64)


def _dtype(column: str) -> str:
    return {"application_count": "int64", "annual_cost": "float64"}.get(column, "object")


def _supporter_columns(rows: np.ndarray, order: np.ndarray, chains: dict[str, np.ndarray], pair: np.ndarray,
                       path_mask: np.ndarray, t: ModelTables, table: SupportTable) -> dict[str, np.ndarray]:
    """The per-supporter columns, lined up with ``rows[order]`` (``pair``: the sorted distinct
    ``element * (t.size + 1) + supporter`` of the rows; ``path_mask``: each pair's paths as bits)."""
    element = chains["element"]
    width = t.size + 1
    pe, ps = pair // width, pair % width

    ordered = rows[order]

    position = np.full(t.size, -1, dtype=np.int64)
    position[ordered] = np.arange(len(ordered))

    def place(keys: np.ndarray, values: np.ndarray) -> np.ndarray:
        return _placed(position[keys], values, len(ordered))

    columns = _supporter_set_columns(pe, ps, order, t, table.level)
    if table.level == "system_type":
        columns["system_types"] = columns["applications"]
    else:
        via = chains["via_type"]
        mask = via >= 0
        columns["system_types"] = place(*joined_labels(t, element[mask], via[mask]))
    via = chains["via_function"]
    mask = via >= 0
    columns["application_functions"] = place(*joined_labels(t, element[mask], via[mask]))

    # "supporter: path, path" per distinct (supporter, path mask), few next to the pairs
    entry = _slots(ps, t.size) * (1 << _PATH_BITS) + path_mask
    distinct = unique(ps)
    entries = unique(entry)
    names = [", ".join(PATH_NAMES[b] for b in range(_PATH_BITS) if m >> b & 1) for m in range(1 << _PATH_BITS)]
    texts = [label + ": " + names[m] for label, m in
             zip(t.labels[distinct[entries >> _PATH_BITS]].tolist(), (entries & ((1 << _PATH_BITS) - 1)).tolist(),
                 strict=True)]
    columns["support_paths"] = place(*_joined_texts(pe, _slots(entry, int(entries[-1]) + 1),
                                                    np.array(texts, dtype=object)))
    columns["written_by"] = place(*_written_by(rows, pair, t))
    return columns


def _supporter_set_columns(pe: np.ndarray, ps: np.ndarray, order: np.ndarray, t: ModelTables,
                           level: str) -> dict[str, np.ndarray]:
    """The columns that depend only on each element's set of supporters (``applications``,
    ``application_ids``, ``annual_cost``, ``retiring``) for the distinct elements of the sorted
    (element ``pe``, supporter ``ps``) pairs, taken in ``order``; computed once per distinct set of
    supporters."""
    starts = np.flatnonzero(np.r_[True, pe[1:] != pe[:-1]])
    group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(pe)]))
    shared = same_groups(starts, ps)
    if shared is None:
        columns = _set_columns(group, ps, len(starts), t, level)
        return {column: values[order] for column, values in columns.items()}
    first, which = shared
    which = which[order]
    slot = np.full(len(starts), -1, dtype=np.int64)
    slot[first] = np.arange(len(first))
    keep = slot[group] >= 0
    columns = _set_columns(slot[group[keep]], ps[keep], len(first), t, level)
    return {column: values[which] for column, values in columns.items()}


def _set_columns(group: np.ndarray, ps: np.ndarray, n: int, t: ModelTables, level: str) -> dict[str, np.ndarray]:
    """:func:`_supporter_set_columns` for groups ``0 .. n - 1`` (``group``: each pair's group, sorted)."""
    def place(keys: np.ndarray, values: np.ndarray) -> np.ndarray:
        return _placed(keys, values, n)

    columns: dict[str, np.ndarray] = {"applications": place(*joined_labels(t, group, ps))}
    distinct = unique(ps)  # the supporters, few next to the pairs
    at = _slots(ps, t.size)
    columns["application_ids"] = place(*_joined_texts(group, at, t.ids[distinct]))
    if level == "application":
        totals = pd.Series(t.annual_cost[ps]).groupby(group).sum(min_count=1)
        annual = np.full(n, np.nan)
        annual[totals.index.to_numpy()] = totals.to_numpy(dtype="float64")
        columns["annual_cost"] = annual
        lifecycle = t.lifecycle[distinct]
        retiring = isin(lifecycle, ["phase-out", "end-of-life"])
        label = t.labels[distinct] + " (" + lifecycle + ")"
        pairs = retiring[at]
        columns["retiring"] = place(*_joined_texts(group[pairs], at[pairs], label))
    else:
        columns["annual_cost"] = np.full(n, np.nan)
        columns["retiring"] = np.full(n, "", dtype=object)
    return columns


_PARENT_CODE = PATH_NAMES.index("parent")
"""Path codes from here on are chains that end on a process above the element (inherited support)."""

_PATH_BITS = 8
"""Path codes are below 8 (:data:`PATH_NAMES`), so a pair's paths fit one byte as a bit mask."""
assert len(PATH_NAMES) <= _PATH_BITS


def _joined_texts(keys: np.ndarray, at: np.ndarray, texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per key, the distinct ``texts[at]`` sorted and joined with ``" | "`` (as :func:`join_by`), sorting
    only the few distinct ``texts`` rather than one text per row."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    rank, ordered = _text_rank(np.asarray(texts, dtype=object))
    return joined_codes(keys, rank[at], ordered)


def _text_rank(texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rank, sorted distinct texts): ``texts[i] == ordered[rank[i]]``, as ``np.unique(texts,
    return_inverse=True)`` (sorted in Arrow when the text allows)."""
    try:
        dense = pc.rank(pa.array(texts, pa.string()), sort_keys="ascending", tiebreaker="dense")
        rank = np.asarray(dense.to_numpy(), dtype=np.int64) - 1
        ordered = np.empty(int(rank.max()) + 1 if len(rank) else 0, dtype=object)
        ordered[rank] = texts
        return rank, ordered
    except (pa.ArrowException, UnicodeError):
        pass
    distinct, inverse = np.unique(texts, return_inverse=True)
    return np.asarray(inverse, dtype=np.int64).reshape(-1), np.asarray(distinct, dtype=object)


def _placed(at: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """An object array of ``n`` texts: ``values`` at positions ``at``, ``""`` elsewhere."""
    result = np.full(n, "", dtype=object)
    result[at] = values
    return result


def _slots(codes: np.ndarray, size: int) -> np.ndarray:
    """Each code's position among the sorted distinct ``codes`` (all below ``size``), by a lookup table."""
    present = np.zeros(size, dtype=bool)
    present[codes] = True
    slot = np.cumsum(present) - 1
    result: np.ndarray = slot[codes]
    return result


def _written_by(rows: np.ndarray, pair: np.ndarray, t: ModelTables) -> tuple[np.ndarray, np.ndarray]:
    """Per element: ``supporter: information`` for the element's information each supporter writes
    (``pair``: the sorted distinct ``element * (t.size + 1) + supporter``)."""
    src, dst, position = t.relation_pairs(RelationKind.ACCESSES)
    information = t.kind[dst] == KIND_CODES[ElementKind.INFORMATION]
    width = t.size + 1
    wanted = np.zeros(t.size, dtype=bool)
    wanted[rows] = True
    need = information & wanted[src]
    needs = unique(dst[need] * width + src[need])  # info * width + element
    supporters = np.zeros(t.size, dtype=bool)
    supporters[pair % width] = True
    writing = information & supporters[src]
    writing[writing] = t.writes[position[writing]]
    written = unique(dst[writing] * width + src[writing])  # info * width + supporter
    need_info, need_element = needs // width, needs % width
    write_info, write_supporter = written // width, written % width
    # every information a supporter writes, with every element that needs it ...
    lo = np.searchsorted(need_info, write_info, "left")
    counts = np.searchsorted(need_info, write_info, "right") - lo
    at = np.arange(int(counts.sum())) + np.repeat(lo - np.cumsum(counts) + counts, counts)
    element, supporter, info = need_element[at], np.repeat(write_supporter, counts), np.repeat(write_info, counts)
    # ... where the supporter supports the element
    candidate = element * width + supporter
    found = np.searchsorted(pair, candidate)
    found[found == len(pair)] = 0
    keep = pair[found] == candidate
    if not keep.any():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    keys, per_pair = joined_labels(t, element[keep] * width + supporter[keep], info[keep], ", ")
    entries = t.labels[keys % width] + ": " + per_pair
    rank, distinct = _text_rank(entries)
    return joined_codes(keys // width, rank, distinct)
