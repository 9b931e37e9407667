"""The support state of every supportable element: duplicated, supported, inherited, unsupported or an
expected gap.

One row per supportable element, counted exactly as :func:`~fora_model.duplicated_activities` (its
root rows) and :func:`~fora_model.unsupported_activities` count it; the pictures colour elements by it.
*Own* support reaches the element by a chain of its own (``direct``, ``function``, ``type``);
support by the ``parent`` path is *inherited* (DOMAIN §3). An activity just added under a
supported process has inherited support only: it is ``inherited`` ("covered by inheritance"),
not ``supported`` by a system nobody linked to it.

>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> grades = m.add_element(Element.new("activity", "Record grades", id="a"))
>>> for name in ("Magister", "Somtoday"):
...     app = m.add_element(Element.new("application", name, id=name))
...     _ = m.add_relation(Relation.new("supports", app.id, grades.id))
>>> element_status(m)[["element", "supporters", "status"]].values.tolist()
[['Record grades', 2, 'duplicated']]
>>> area = m.add_element(Element.new("process", "Assessment", id="p"))
>>> _ = m.add_relation(Relation.new("composed_of", area.id, grades.id))
>>> _ = m.add_relation(Relation.new("supports", "Magister", area.id))
>>> fresh = m.add_element(Element.new("activity", "Moderate tests", id="fresh"))
>>> _ = m.add_relation(Relation.new("composed_of", area.id, fresh.id))
>>> element_status(m).set_index("element")["status"].to_dict()
{'Record grades': 'duplicated', 'Assessment': 'supported', 'Moderate tests': 'inherited'}
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

STATUSES: tuple[str, ...] = ("duplicated", "supported", "inherited", "unsupported", "expected gap")
"""The support states of a supportable element, in legend order."""

STATUS_COLUMNS: list[str] = ["element_id", "element", "element_kind", "supporters", "own_supporters", "status"]
"""The columns of :func:`element_status`.

``supporters`` counts the distinct supporters at the level by any enabled path, ``own_supporters``
those that reach the element by a chain of its own (not by the ``parent`` path). ``status`` is
``duplicated`` (two or more own supporters: a root row of :func:`~fora_model.duplicated_activities`),
``supported`` (one own supporter), ``inherited`` (support only through a process above it),
``unsupported`` (none, and the element needs support) or ``expected gap`` (none, and it needs
none), exactly as :func:`~fora_model.duplicated_activities` (root rows) and
:func:`~fora_model.unsupported_activities` count them. With the ``parent`` path switched off no
element is ``inherited``.
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
    own = table.supporter_counts(own=True)
    needs = hierarchy(model).needs_support
    rows = np.flatnonzero(table.supportable)
    c, o = counts[rows], own[rows]
    status = np.select(
        [o >= 2, o == 1, c >= 1, needs[rows]],
        ["duplicated", "supported", "inherited", "unsupported"],
        default="expected gap",
    )
    kinds = np.array([k.value for k in KIND_CODES], dtype=object)
    return pd.DataFrame({
        "element_id": t.ids[rows],
        "element": t.labels[rows],
        "element_kind": kinds[t.kind[rows]],
        "supporters": c.astype("int64"),
        "own_supporters": o.astype("int64"),
        "status": status.astype(object),
    }, columns=STATUS_COLUMNS)
