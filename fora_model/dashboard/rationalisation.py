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

from ..analysis import application_overlap, duplicated_activities, resolve_level, unsupported_activities
from ..analysis.scope import scoped
from ..columns import column_label
from ..i18n import N_, _, n_
from ..model import Model
from ..reports import report_csv
from .common import kind_label

__all__ = ["CSV_FORMATS", "CSV_PRESETS", "OVERLAP_ROWS", "csv_bytes", "csv_format_label", "duplicates_caption",
           "duplicates_table", "overlap_rows", "unsupported_table"]

OVERLAP_ROWS = 1000
"""How many pairs the Overlap tab lists, with their shared elements named (a board has hundreds of thousands)."""

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
    include_inherited: bool = False,
) -> pd.DataFrame:
    """:func:`~fora_model.duplicated_activities`, limited to a goal and process scope: the root rows,
    and with ``include_inherited`` the inherited ones too (marked in ``inherited_from``)."""
    frame = duplicated_activities(model, level=level, paths=paths, include_inherited=include_inherited)
    return scoped(frame, model, goals, processes)


def duplicates_caption(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    goals: Iterable[str] = (),
    processes: Iterable[str] = (),
    include_inherited: bool = False,
) -> str:
    """The sentence over :func:`duplicates_table` in the same scope (plain text): how many rows it
    lists, and how many of them (or, when they are hidden, how many more) only repeat the duplicate
    of a process above them.

    >>> from fora_model import Element, Model, Relation
    >>> m = Model(name="Tiny")
    >>> area = m.add_element(Element.new("process", "Assessment", id="p"))
    >>> grades = m.add_element(Element.new("activity", "Record grades", id="a"))
    >>> _ = m.add_relation(Relation.new("composed_of", "p", "a"))
    >>> for name in ("Magister", "Somtoday"):
    ...     _ = m.add_element(Element.new("application", name, id=name))
    ...     _ = m.add_relation(Relation.new("supports", name, "p"))
    >>> print(duplicates_caption(m))
    1 process or activity is supported by two or more applications; 1 more only repeats the duplicate of a process above it.
    >>> print(duplicates_caption(m, include_inherited=True))
    2 processes and activities are supported by two or more applications; 1 of them only repeats the duplicate of a process above it (marked in Inherited from).
    """  # noqa: E501 - doctest output is one line
    every = duplicates_table(model, level=level, paths=paths, goals=goals, processes=processes,
                             include_inherited=True)
    inherited = int((every["inherited_from_id"] != "").sum()) if len(every) else 0
    listed = len(every) if include_inherited else len(every) - inherited
    who = kind_label("application" if resolve_level(model, level=level) == "application" else "system_type",
                     plural=True)
    text = n_("{n} process or activity is supported by two or more {supporters}",
              "{n} processes and activities are supported by two or more {supporters}", listed, supporters=who)
    if inherited and include_inherited:
        text += n_("; {n} of them only repeats the duplicate of a process above it (marked in {column})",
                   "; {n} of them only repeat the duplicate of a process above them (marked in {column})",
                   inherited, column=column_label("inherited_from"))
    elif inherited:
        text += n_("; {n} more only repeats the duplicate of a process above it",
                   "; {n} more only repeat the duplicate of a process above them", inherited)
    return text + "."


CSV_FORMATS: dict[str, str] = {
    "comma": N_("Comma-separated (,)"),
    "excel": N_("Excel, Dutch (; and decimal comma)"),
}
"""How the pages name the :data:`CSV_PRESETS` (marked for the catalogue; :func:`csv_format_label`)."""


def csv_format_label(preset: str) -> str:
    """A CSV download format as the pages name it, in the current language."""
    return _(CSV_FORMATS[preset])


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


def overlap_rows(model: Model, *, level: str | None = None, paths: str | Iterable[str] | None = None,
                 limit: int = OVERLAP_ROWS) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` pairs of :func:`~fora_model.application_overlap` (the most overlapping),
    their shared elements named, and how many pairs there are in all."""
    frame = application_overlap(model, level=level, paths=paths, names=limit)
    return frame.head(limit).reset_index(drop=True), len(frame)
