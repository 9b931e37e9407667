"""Overlap between supporters (sparse pairwise Jaccard) and orphan applications."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..arrays import isin
from ..model import Model
from ..tables import KIND_CODES
from ..vocabulary import ElementKind, RelationKind
from .context import join_labels
from .support import support_table

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
) -> pd.DataFrame:
    """Every pair of supporters that share at least ``min_shared`` supported elements.

    Computed sparsely: only pairs that share an element are ever formed. Sorted by Jaccard
    (descending), then shared count, then names. Returns :data:`OVERLAP_COLUMNS`.
    """
    table = support_table(model, level=level, paths=paths)
    t = table.tables
    pairs = table.chains[["element", "supporter"]].drop_duplicates()
    sizes = pairs.groupby("supporter").size()
    joined = pairs.merge(pairs, on="element", suffixes=("_a", "_b"))
    joined = joined[joined["supporter_a"] < joined["supporter_b"]]
    if joined.empty:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in OVERLAP_COLUMNS})
    grouped = joined.groupby(["supporter_a", "supporter_b"])
    result = grouped.size().rename("shared").reset_index()
    result = result[result["shared"] >= min_shared]
    a, b = result["supporter_a"].to_numpy(), result["supporter_b"].to_numpy()
    shared = result["shared"].to_numpy()
    size_a = sizes.reindex(a).to_numpy()
    size_b = sizes.reindex(b).to_numpy()
    key = joined["supporter_a"].to_numpy() * (t.size + 1) + joined["supporter_b"].to_numpy()
    names = join_labels(t, key, joined["element"].to_numpy())
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
        "shared_elements": names.reindex(a * (t.size + 1) + b).to_numpy(),
    })
    frame = frame.sort_values(["jaccard", "shared", "application_a", "application_b"],
                              ascending=[False, False, True, True], kind="stable")
    return frame.reset_index(drop=True)


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
