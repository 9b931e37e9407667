"""The process hierarchy: ``composed_of`` parents, ancestors, loops and inherited ``needs_support``.

Real models are untidy: an element may sit under several processes and ``composed_of`` may loop,
even onto itself. Every function here terminates on such models. A ``composed_of`` relation that
lies on a loop (its parent is also below its child, or it joins an element to itself) is a
*loop edge*: it is reported by :func:`fora_model.validate.validate` and ignored for inheritance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .arrays import isin, union, unique
from .model import Model
from .tables import ModelTables, model_tables
from .vocabulary import RelationKind

__all__ = ["Hierarchy", "hierarchy"]


@dataclass(frozen=True)
class Hierarchy:
    """The loop-free ``composed_of`` structure of a model, as element codes."""

    parent: np.ndarray
    """Parent code of each kept (loop-free) ``composed_of`` edge."""
    child: np.ndarray
    """Child code of each kept edge, aligned with ``parent``."""
    loop_parent: np.ndarray
    """Parent codes of the loop edges (ignored for inheritance)."""
    loop_child: np.ndarray
    """Child codes of the loop edges."""
    anc_element: np.ndarray
    """Element code of each (element, ancestor) pair of the loop-free hierarchy."""
    anc_ancestor: np.ndarray
    """Ancestor code of each pair, aligned with ``anc_element``."""
    needs_support: np.ndarray
    """Effective ``needs_support`` per element (bool), inherited as :func:`hierarchy` explains."""


def hierarchy(model: Model) -> Hierarchy:
    """The model's process hierarchy, computed once per model version.

    ``needs_support`` is inherited: an element's own value wins; an element without one needs
    support if any of its parent processes does, and an element without parents needs support.
    So marking a governance process ``needs_support: false`` makes the gaps of the activities
    under it expected, unless an activity says otherwise.
    """
    result: Hierarchy = model.memo("hierarchy", lambda: _build(model_tables(model)))
    return result


def _closure(parent: np.ndarray, child: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """All (element, ancestor) pairs reachable upwards over the edges; terminates on loops."""
    if len(parent) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    base = n + 1
    order = np.argsort(child, kind="stable")
    e_child, e_parent = child[order], parent[order]
    starts = np.searchsorted(e_child, np.arange(n + 1))
    seen = unique(child * base + parent)
    frontier_e, frontier_a = child.copy(), parent.copy()
    while len(frontier_e):
        # extend each (e, a) by every parent of a
        counts = starts[frontier_a + 1] - starts[frontier_a]
        has = counts > 0
        if not has.any():
            break
        fe, fa, fc = frontier_e[has], frontier_a[has], counts[has]
        rep_e = np.repeat(fe, fc)
        offsets = np.repeat(starts[fa], fc) + (np.arange(fc.sum()) - np.repeat(np.cumsum(fc) - fc, fc))
        rep_a = e_parent[offsets]
        keys = unique(rep_e * base + rep_a)
        keys = keys[~isin(keys, seen)]
        if len(keys) == 0:
            break
        seen = union(seen, keys)
        frontier_e, frontier_a = keys // base, keys % base
    return seen // base, seen % base


def _build(tables: ModelTables) -> Hierarchy:
    n = tables.size
    parent, child = tables.relations(RelationKind.COMPOSED_OF)
    parent, child = parent.astype(np.int64), child.astype(np.int64)
    # a composed_of edge p -> c lies on a loop when p == c or p is reachable below c
    anc_e, anc_a = _closure(parent, child, n)
    base = n + 1
    pairs = anc_e * base + anc_a
    on_loop = (parent == child) | isin(parent * base + child, pairs)
    keep_parent, keep_child = parent[~on_loop], child[~on_loop]
    if on_loop.any():
        anc_e, anc_a = _closure(keep_parent, keep_child, n)
    needs = _effective_needs(tables.needs_support, keep_parent, keep_child, n)
    return Hierarchy(
        parent=keep_parent,
        child=keep_child,
        loop_parent=parent[on_loop],
        loop_child=child[on_loop],
        anc_element=anc_e,
        anc_ancestor=anc_a,
        needs_support=needs,
    )


def _effective_needs(explicit: np.ndarray, parent: np.ndarray, child: np.ndarray, n: int) -> np.ndarray:
    """Resolve inherited needs_support level by level over the loop-free hierarchy."""
    effective = explicit == 1
    has_parent = np.zeros(n, dtype=bool)
    has_parent[child] = True
    resolved = (explicit >= 0) | ~has_parent
    effective[(explicit < 0) & ~has_parent] = True
    while not resolved.all():
        unresolved_parents = np.bincount(child[~resolved[parent]], minlength=n)
        ready = ~resolved & (unresolved_parents == 0)
        if not ready.any():  # cannot happen without loops; guard against an endless loop
            effective[~resolved] = True
            break
        edge_ready = ready[child]
        needing_parents = np.bincount(child[edge_ready & effective[parent]], minlength=n)
        effective[ready] = needing_parents[ready] > 0
        resolved |= ready
    return effective
