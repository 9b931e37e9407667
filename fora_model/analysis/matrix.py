"""The support matrix as a long table: one row per element, supporter and chain."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..model import Model
from .context import kind_names
from .support import support_table

__all__ = ["MATRIX_COLUMNS", "support_matrix"]

MATRIX_COLUMNS: list[str] = [
    "element_id",
    "element",
    "element_kind",
    "supporter_id",
    "supporter",
    "supporter_kind",
    "path",
    "via_type",
    "via_function",
    "via_parent",
]
"""The columns of :func:`support_matrix`; ``via_*`` name the system type, application function
and ancestor process a chain passes through ("" when it does not)."""


def support_matrix(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Who supports what, by which chain: one row per (element, supporter, chain), sorted by
    element and supporter name. Pivot it for a heatmap; group it for counts."""
    table = support_table(model, level=level, paths=paths)
    t = table.tables
    chains = table.chains
    element = chains["element"].to_numpy()
    supporter = chains["supporter"].to_numpy()
    labels = np.append(t.labels, "")  # code -1 -> ""

    frame = pd.DataFrame({
        "element_id": t.ids[element],
        "element": t.labels[element],
        "element_kind": kind_names(t, element),
        "supporter_id": t.ids[supporter],
        "supporter": t.labels[supporter],
        "supporter_kind": kind_names(t, supporter),
        "path": chains["path"].astype(str).to_numpy(dtype=object),
        "via_type": labels[chains["via_type"].to_numpy()],
        "via_function": labels[chains["via_function"].to_numpy()],
        "via_parent": labels[chains["via_parent"].to_numpy()],
    }, columns=MATRIX_COLUMNS)
    frame = frame.drop_duplicates()
    return frame.sort_values(["element", "element_id", "supporter", "supporter_id", "path"],
                             kind="stable").reset_index(drop=True)
