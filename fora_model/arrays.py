"""Sort-based set operations on integer arrays.

NumPy's ``unique``/``isin``/``union1d`` take a hashing path on large int64 arrays that is one to
two orders of magnitude slower than sorting on the machines fora-model runs on (measured: 5.6 s
against 0.07 s for 2M keys). The analyses only ever need these on integer codes, so they use
these sorted variants instead.

>>> unique(np.array([3, 1, 3, 2])).tolist()
[1, 2, 3]
>>> isin(np.array([1, 5, 2]), np.array([2, 1])).tolist()
[True, False, True]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["isin", "same_groups", "union", "unique"]


def unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted."""
    values = np.asarray(values)
    # equal integers are alike, so they need no stable sort (several times faster); other values
    # that compare equal may differ (0.0 and -0.0), and the first of them is kept
    ordered = np.sort(values) if values.dtype.kind in "iub" else np.sort(values, kind="stable")
    if len(ordered) == 0:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def isin(values: np.ndarray | Sequence[Any], members: np.ndarray | Sequence[Any]) -> np.ndarray:
    """Boolean mask: which ``values`` occur in ``members``."""
    values = np.asarray(values)
    if values.dtype.kind not in "iu":
        values = values.astype(object)
    pool = unique(np.asarray(members, dtype=values.dtype if values.dtype.kind in "iu" else None))
    if len(pool) == 0 or len(values) == 0:
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(pool, values)
    at[at == len(pool)] = 0
    return np.asarray(pool[at] == values)


def union(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The sorted distinct values of both arrays."""
    return unique(np.concatenate([np.asarray(first), np.asarray(second)]))


def same_groups(starts: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Groups of integer ``values`` (group ``i`` is ``values[starts[i]:starts[i + 1]]``, the last to the
    end) with equal contents: ``(first, which)``, ``first`` the first group with each distinct content
    and ``which[i]`` the position in ``first`` of the group that group ``i`` equals; None when most
    groups differ (so that sharing work between equal groups would not pay).

    Contents are matched by a hash, then compared value by value: equal groups only, never a guess.

    >>> first, which = same_groups(np.array([0, 2, 4, 6]), np.array([1, 2, 3, 4, 1, 2, 3, 4]))
    >>> first.tolist(), which.tolist()
    ([0, 1], [0, 1, 0, 1])
    >>> same_groups(np.array([0, 2]), np.array([1, 2, 1, 3])) is None  # all groups differ
    True
    """
    values = np.asarray(values, dtype=np.int64)
    lengths = np.diff(np.r_[starts, len(values)])
    if len(starts) == 0 or len(values) < 2 * len(starts):
        return None
    mixed = values.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    mixed ^= mixed >> np.uint64(29)
    mixed *= np.uint64(0xBF58476D1CE4E5B9)
    digest = np.add.reduceat(mixed, starts) + lengths.astype(np.uint64)
    order = np.argsort(digest, kind="stable")
    ordered = digest[order]
    new_run = np.r_[True, ordered[1:] != ordered[:-1]]
    leaders = order[new_run]  # the first group of each run of equal digests, in digest order
    if len(leaders) > len(starts) // 2:
        return None
    first = np.sort(leaders)
    run = np.empty(len(starts), dtype=np.int64)
    run[order] = np.cumsum(new_run) - 1
    which = np.searchsorted(first, leaders)[run]
    leader = first[which]
    group = np.repeat(np.arange(len(starts)), lengths)
    offset = np.arange(len(values)) - starts[group]
    if not (lengths == lengths[leader]).all() or not (values == values[starts[leader[group]] + offset]).all():
        return None  # a hash collision: do not share
    return first, which
