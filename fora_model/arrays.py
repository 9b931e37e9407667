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

__all__ = ["isin", "union", "unique"]


def unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted."""
    ordered = np.sort(np.asarray(values), kind="stable")
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
