"""The support state of every supportable element: duplicated, supported, unsupported or an expected gap.

One row per supportable element, counted exactly as :func:`~fora_model.duplicated_activities` and
:func:`~fora_model.unsupported_activities` count it; the pictures colour elements by it.

>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> grades = m.add_element(Element.new("activity", "Record grades", id="a"))
>>> for name in ("Magister", "Somtoday"):
...     app = m.add_element(Element.new("application", name, id=name))
...     _ = m.add_relation(Relation.new("supports", app.id, grades.id))
>>> element_status(m)[["element", "supporters", "status"]].values.tolist()
[['Record grades', 2, 'duplicated']]
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..hierarchy import hierarchy
from ..model import Model
from ..tables import KIND_CODES
from .support import support_table

__all__ = ["STATUSES", "STATUS_COLUMNS", "element_status"]

STATUSES: tuple[str, ...] = ("duplicated", "supported", "unsupported", "expected gap")
"""The support states of a supportable element, in legend order."""



STATUS_COLUMNS: list[str] = ["element_id", "element", "element_kind", "supporters", "status"]
"""The columns of :func:`element_status`.

``supporters`` counts the distinct supporters at the level; ``status`` is ``duplicated`` (two or
more), ``supported`` (one), ``unsupported`` (none, and the element needs support) or
``expected gap`` (none, and it needs none), exactly as :func:`~fora_model.duplicated_activities`
and :func:`~fora_model.unsupported_activities` count them.
"""



# ----------------------------------------------------------------------------- status and figures
def element_status(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """The support state of every supportable element, in model order (:data:`STATUS_COLUMNS`)."""
    table = support_table(model, level=level, paths=paths)
    t = table.tables
    counts = table.supporter_counts()
    needs = hierarchy(model).needs_support
    rows = np.flatnonzero(table.supportable)
    c = counts[rows]
    status = np.where(c >= 2, "duplicated", np.where(c == 1, "supported",
                      np.where(needs[rows], "unsupported", "expected gap")))
    kinds = np.array([k.value for k in KIND_CODES], dtype=object)
    return pd.DataFrame({
        "element_id": t.ids[rows],
        "element": t.labels[rows],
        "element_kind": kinds[t.kind[rows]],
        "supporters": c.astype("int64"),
        "status": status.astype(object),
    }, columns=STATUS_COLUMNS)
