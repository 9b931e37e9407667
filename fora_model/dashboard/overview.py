"""What the dashboard pages show, as pure functions: headline figures, element status, scoped
report tables, the CSV bytes behind the download buttons; opening files and PNG export live in
:mod:`fora_model.dashboard.files` and are re-exported here.

Nothing here calls Streamlit; the pages in ``app_pages/`` read widgets, call these functions and
render what they return, so every figure a page shows is a function a test can check.

Examples
--------
>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> grades = m.add_element(Element.new("activity", "Record grades", id="a"))
>>> for name in ("Magister", "Somtoday"):
...     app = m.add_element(Element.new("application", name, id=name, annual_cost=1000))
...     _ = m.add_relation(Relation.new("supports", app.id, grades.id))
>>> figures = kpis(m)
>>> figures["activities"], figures["duplicated"], figures["annual_cost"]
(1, 1, 2000.0)
>>> element_status(m)["status"].tolist()
['duplicated']
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..analysis import duplicated_activities, support_table, unsupported_activities
from ..hierarchy import hierarchy
from ..model import Element, Model
from ..reports import report_csv
from ..tables import KIND_CODES, model_tables
from ..vocabulary import ElementKind, RelationKind
from .files import (
    OpenResult,
    PngExportUnavailable,
    figure_png,
    model_bytes,
    model_file_name,
    open_model_bytes,
    open_model_file,
    open_sample,
    page_icon,
    png_export_available,
)

__all__ = [
    "CSV_PRESETS",
    "KPI_LABELS",
    "STATUSES",
    "STATUS_COLUMNS",
    "WORD_JOINER",
    "OpenResult",
    "PngExportUnavailable",
    "board_captions",
    "counted",
    "csv_bytes",
    "duplicates_table",
    "element_label",
    "element_options",
    "element_status",
    "element_table",
    "figure_png",
    "kpi_cards",
    "kpis",
    "md_escape",
    "model_bytes",
    "model_file_name",
    "open_model_bytes",
    "open_model_file",
    "open_sample",
    "page_icon",
    "png_export_available",
    "scope_ids",
    "scoped",
    "unsupported_table",
]

STATUSES: tuple[str, ...] = ("duplicated", "supported", "unsupported", "expected gap")
"""The support states of a supportable element, in legend order."""

STATUS_COLUMNS: list[str] = ["element_id", "element", "element_kind", "supporters", "status"]
"""The columns of :func:`element_status`.

``supporters`` counts the distinct supporters at the level; ``status`` is ``duplicated`` (two or
more), ``supported`` (one), ``unsupported`` (none, and the element needs support) or
``expected gap`` (none, and it needs none), exactly as :func:`~fora_model.duplicated_activities`
and :func:`~fora_model.unsupported_activities` count them.
"""

KPI_LABELS: dict[str, str] = {
    "activities": "Activities",
    "supported_share": "Supported",
    "duplicated": "Duplicated",
    "unsupported": "Unsupported",
    "applications": "Applications",
    "annual_cost": "Annual cost",
}
"""The headline figures the overview shows, in order, with their labels."""

CSV_PRESETS: dict[str, dict[str, Any]] = {
    "comma": {},
    "excel": {"excel": True},
}
"""Download formats: ``comma`` (``,``, no BOM) and ``excel`` (Dutch Excel: ``;``, BOM, decimal comma)."""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^\"'@])")
_AUTOLINK = re.compile(r"(?i)(:\\?)(//)|(www)(\\?\.)|(\\?@)")
WORD_JOINER = "\u2060"
"""An invisible character :func:`md_escape` puts into ``://``, ``www.`` and ``@``."""


def md_escape(text: str) -> str:
    """``text`` made safe for places that render Markdown (``st.markdown``, captions, labels).

    Markdown and HTML special characters are backslash-escaped, so a name such as
    ``![](http://x.invalid/i.png)`` or ``<script>`` is shown as typed and never becomes an image,
    a link, a directive or markup. GitHub-flavoured Markdown also turns ``http://…``, ``www.…``
    and e-mail addresses into links however they are escaped, so an invisible word joiner
    (U+2060) goes into every ``://``, ``www.`` and ``@``. Line breaks become spaces.

    >>> md_escape("![x](http://x.invalid)").replace(WORD_JOINER, "+")
    '\\\\!\\\\[x\\\\]\\\\(http\\\\:+//x\\\\.invalid\\\\)'
    """
    flat = " ".join(str(text).split())
    return _AUTOLINK.sub(_join, _MARKDOWN_SPECIAL.sub(r"\\\1", flat))


def _join(match: re.Match[str]) -> str:
    if match.group(5):
        return WORD_JOINER + match.group(5)
    return WORD_JOINER.join(part for part in match.groups() if part)


def counted(n: int, one: str, many: str) -> str:
    """``n`` with the words that go with it: ``counted(1, "piece is", "pieces are")`` → ``"1 piece is"``.

    >>> counted(1, "application is", "applications are"), counted(1200, "row", "rows")
    ('1 application is', '1,200 rows')
    """
    return f"{n:,} {one if n == 1 else many}"


def element_label(element: Element) -> str:
    """A plain-text label for pickers: ``name (kind)``; the id stands in for an empty name."""
    return f"{element.label} ({element.kind.label})"


def element_options(model: Model, kinds: Iterable[ElementKind | str] | None = None) -> list[str]:
    """Element ids of the given kinds (all FORA kinds by default), sorted by name, for pickers."""
    wanted = {ElementKind(k) for k in kinds} if kinds is not None else set(ElementKind) - {ElementKind.OTHER}
    chosen = [e for e in model.elements.values() if e.kind in wanted]
    chosen.sort(key=lambda e: (e.label.casefold(), e.kind.value, e.id))
    return [e.id for e in chosen]


# ----------------------------------------------------------------------------- status and figures
def element_status(model: Model, level: str | None = None, paths: str | Iterable[str] | None = None) -> pd.DataFrame:
    """The support state of every supportable element, in model order (:data:`STATUS_COLUMNS`)."""
    table = support_table(model, level, paths)
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


def element_table(model: Model, level: str | None = None, paths: str | Iterable[str] | None = None,
                  ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Elements (all, or those in ``ids``, in that order) with ``element_id``, ``element``, ``kind``,
    ``status`` ("" for elements that are not supportable) and ``supporters``."""
    status = element_status(model, level, paths).set_index("element_id")
    chosen = list(ids) if ids is not None else list(model.elements)
    elements = [model.elements[i] for i in chosen if i in model.elements]
    frame = pd.DataFrame({
        "element_id": [e.id for e in elements],
        "element": [e.label for e in elements],
        "kind": [e.kind.label for e in elements],
    })
    frame["status"] = frame["element_id"].map(status["status"]).fillna("").astype(object)
    frame["supporters"] = frame["element_id"].map(status["supporters"]).astype("Int64")
    return frame


def kpis(model: Model, level: str | None = None, paths: str | Iterable[str] | None = None) -> dict[str, Any]:
    """The headline figures of a model.

    Returns a dict with ``level``; ``activities`` (activity elements); ``supportable``;
    ``needing_support`` (supportable elements that need support) of which ``supported_needing``
    have some; ``supported_share`` (their ratio, NaN when nothing needs support); ``duplicated``,
    ``unsupported`` (real gaps) and ``expected_gaps`` as the reports count them;
    ``applications`` (applications in use, i.e. not planned), ``planned_applications`` and
    ``annual_cost`` (EUR a year of the applications in use).
    """
    table = support_table(model, level, paths)
    status = element_status(model, table.level, table.paths)
    needs = hierarchy(model).needs_support
    supportable = np.flatnonzero(table.supportable)
    needing = int(needs[supportable].sum())
    unsupported = int((status["status"] == "unsupported").sum())
    apps = model.elements_of(ElementKind.APPLICATION)
    in_use = [e for e in apps if e.attributes.get("lifecycle") != "plan"]
    return {
        "level": table.level,
        "activities": len(model.elements_of(ElementKind.ACTIVITY)),
        "supportable": len(supportable),
        "needing_support": needing,
        "supported_needing": needing - unsupported,
        "supported_share": (needing - unsupported) / needing if needing else math.nan,
        "duplicated": int((status["status"] == "duplicated").sum()),
        "unsupported": unsupported,
        "expected_gaps": int((status["status"] == "expected gap").sum()),
        "applications": len(in_use),
        "planned_applications": len(apps) - len(in_use),
        "annual_cost": float(sum(e.attributes.get("annual_cost", 0.0) for e in in_use)),
    }


def _money(value: float) -> str:
    return f"EUR {value:,.0f}"


def _short_money(value: float) -> str:
    if abs(value) >= 999_500:
        return f"€{value / 1e6:,.1f}m"
    if abs(value) >= 1_000:
        return f"€{value / 1e3:,.0f}k"
    return f"€{value:,.0f}"


def kpi_cards(figures: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The overview's metric cards from :func:`kpis`: ``(label, value, explanation)`` per entry of
    :data:`KPI_LABELS`, as plain text."""
    share = figures["supported_share"]
    who = "applications" if figures["level"] == "application" else "system types"
    values = {
        "activities": (f"{figures['activities']:,}", "Activities in the model."),
        "supported_share": ("–" if math.isnan(share) else f"{share:.0%}",
                            f"{figures['supported_needing']:,} of {figures['needing_support']:,} processes and "
                            "activities that need a system have one."),
        "duplicated": (f"{figures['duplicated']:,}", f"Elements supported by two or more {who}."),
        "unsupported": (f"{figures['unsupported']:,}",
                        f"Elements that need a system and have none ({figures['expected_gaps']:,} expected "
                        "gaps, which need none, are not counted)."),
        "applications": (f"{figures['applications']:,}",
                         f"Applications in use ({figures['planned_applications']:,} planned ones not counted)."),
        "annual_cost": (_short_money(figures["annual_cost"]),
                        f"{_money(figures['annual_cost'])} a year for the applications in use."),
    }
    return [(KPI_LABELS[key], *values[key]) for key in KPI_LABELS]


def board_captions(model: Model, level: str | None = None, paths: str | Iterable[str] | None = None) -> dict[str, str]:
    """One plain-text sentence per board figure (``coverage``, ``sankey``, ``duplications``) that
    says what the figure shows in numbers. Names are model text: escape before Markdown."""
    from ..analysis import goal_coverage

    figures = kpis(model, level, paths)
    coverage = goal_coverage(model, level, paths)
    coverage = coverage[coverage["goal_id"] != ""].dropna(subset=["coverage"])
    share = figures["supported_share"]
    sentence = (f"{figures['supported_needing']:,} of {figures['needing_support']:,} processes and activities "
                f"that need a system have one ({'–' if math.isnan(share) else f'{share:.0%}'})")
    if len(coverage):
        weakest = coverage.sort_values(["coverage", "goal"], kind="stable").iloc[0]
        sentence += f"; the weakest goal is {weakest['goal']} at {weakest['coverage']:.0%}"
    duplicates = duplicated_activities(model, level, paths)
    if len(duplicates) and duplicates["annual_cost"].notna().any():
        top = duplicates.sort_values("annual_cost", ascending=False, kind="stable").iloc[0]
        dup = (f"{len(duplicates):,} elements are supported more than once; the costliest is {top['activity']}, "
               f"served by {top['application_count']} supporters that cost {_money(top['annual_cost'])} a year "
               "together.")
    elif len(duplicates):
        dup = f"{len(duplicates):,} elements are supported more than once."
    else:
        dup = "No element is supported more than once."
    flow = (f"Each band counts activities, from goal through process area and system type to the application "
            f"that supports them; {figures['unsupported']:,} end in Unsupported.")
    return {"coverage": sentence + ".", "sankey": flow, "duplications": dup}


# ----------------------------------------------------------------------------- scope and tables
def scope_ids(model: Model, goals: Iterable[str] = (), processes: Iterable[str] = ()) -> set[str] | None:
    """The processes and activities in scope of a goal and process filter; None when both are empty.

    An element is under a goal when it, or a process above it, contributes to the goal; it is
    under a process when it is that process or lies below it (loop edges of ``composed_of`` are
    ignored, as everywhere). With both filters an element must pass both.
    """
    goals, processes = list(goals), list(processes)
    if not goals and not processes:
        return None
    t = model_tables(model)
    h = hierarchy(model)
    business = t.of_kind(ElementKind.PROCESS, ElementKind.ACTIVITY)
    keep = business.copy()
    if goals:
        wanted = np.zeros(t.size, dtype=bool)
        wanted[t.code_of(goals)[t.code_of(goals) >= 0]] = True
        src, dst = t.relations(RelationKind.CONTRIBUTES_TO)
        direct = np.zeros(t.size, dtype=bool)
        direct[src[wanted[dst]]] = True
        under = direct.copy()
        under[h.anc_element[direct[h.anc_ancestor]]] = True
        keep &= under
    if processes:
        codes = t.code_of(processes)
        codes = codes[codes >= 0]
        below = np.zeros(t.size, dtype=bool)
        below[codes] = True
        chosen = np.zeros(t.size, dtype=bool)
        chosen[codes] = True
        below[h.anc_element[chosen[h.anc_ancestor]]] = True
        keep &= below
    return set(t.ids[keep].tolist())


def scoped(frame: pd.DataFrame, model: Model, goals: Iterable[str] = (), processes: Iterable[str] = (),
           column: str = "activity_id") -> pd.DataFrame:
    """The rows of a report whose element (``column``) is in scope (see :func:`scope_ids`), order kept."""
    ids = scope_ids(model, goals, processes)
    if ids is None:
        return frame
    return frame[frame[column].isin(ids)].reset_index(drop=True)


def duplicates_table(model: Model, level: str | None = None, paths: str | Iterable[str] | None = None,
                     goals: Iterable[str] = (), processes: Iterable[str] = ()) -> pd.DataFrame:
    """:func:`~fora_model.duplicated_activities`, limited to a goal and process scope."""
    return scoped(duplicated_activities(model, level, paths), model, goals, processes)


def unsupported_table(model: Model, level: str | None = None, paths: str | Iterable[str] | None = None,
                      goals: Iterable[str] = (), processes: Iterable[str] = (), *,
                      include_expected: bool = True) -> pd.DataFrame:
    """:func:`~fora_model.unsupported_activities`, limited to a goal and process scope."""
    frame = unsupported_activities(model, level, paths, include_expected=include_expected)
    return scoped(frame, model, goals, processes)


def csv_bytes(frame: pd.DataFrame, preset: str = "comma") -> bytes:
    """A report as CSV bytes in one of :data:`CSV_PRESETS`, written by :func:`~fora_model.report_csv`
    (the CLI's writer)."""
    if preset not in CSV_PRESETS:
        raise ValueError(f"unknown CSV preset {preset!r}; choose {', '.join(CSV_PRESETS)}")
    return report_csv(frame, **CSV_PRESETS[preset])
