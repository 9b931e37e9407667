"""The Rationalisation page: duplicated and unsupported elements within a goal and process scope,
and the CSV bytes behind its download buttons.

>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> grades = m.add_element(Element.new("activity", "Record grades", id="a"))
>>> for name in ("Magister", "Somtoday"):
...     app = m.add_element(Element.new("application", name, id=name))
...     _ = m.add_relation(Relation.new("supports", app.id, grades.id))
>>> duplicates_table(m)["activity"].tolist()
['Record grades']
>>> csv_bytes(duplicates_table(m), "excel")[:3] == "\ufeff".encode("utf-8")
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..analysis import duplicated_activities, unsupported_activities
from ..analysis.scope import scoped
from ..model import Model
from ..reports import report_csv

__all__ = ["CSV_PRESETS", "csv_bytes", "duplicates_table", "unsupported_table"]

CSV_PRESETS: dict[str, dict[str, Any]] = {
    "comma": {},
    "excel": {"excel": True},
}
"""Download formats: ``comma`` (``,``, no BOM) and ``excel`` (Dutch Excel: ``;``, BOM, decimal comma)."""



def duplicates_table(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    goals: Iterable[str] = (),
    processes: Iterable[str] = (),
) -> pd.DataFrame:
    """:func:`~fora_model.duplicated_activities`, limited to a goal and process scope."""
    return scoped(duplicated_activities(model, level=level, paths=paths), model, goals, processes)



def unsupported_table(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    goals: Iterable[str] = (),
    processes: Iterable[str] = (),
    include_expected: bool = True,
) -> pd.DataFrame:
    """:func:`~fora_model.unsupported_activities`, limited to a goal and process scope."""
    frame = unsupported_activities(model, level=level, paths=paths, include_expected=include_expected)
    return scoped(frame, model, goals, processes)



def csv_bytes(frame: pd.DataFrame, preset: str = "comma") -> bytes:
    """A report as CSV bytes in one of :data:`CSV_PRESETS`, written by :func:`~fora_model.report_csv`
    (the CLI's writer)."""
    if preset not in CSV_PRESETS:
        raise ValueError(f"unknown CSV preset {preset!r}; choose {', '.join(CSV_PRESETS)}")
    return report_csv(frame, **CSV_PRESETS[preset])
