"""The Overview and Board view pages: headline figures, their metric cards, the element table and
one sentence per board figure.

>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> grades = m.add_element(Element.new("activity", "Record grades", id="a"))
>>> for name in ("Magister", "Somtoday"):
...     app = m.add_element(Element.new("application", name, id=name, annual_cost=1000))
...     _ = m.add_relation(Relation.new("supports", app.id, grades.id))
>>> figures = kpis(m)
>>> figures["activities"], figures["duplicated"], figures["annual_cost"]
(1, 1, 2000.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..analysis import duplicated_activities, goal_coverage, support_table
from ..analysis.status import element_status
from ..formatting import money, number, percent
from ..hierarchy import hierarchy
from ..i18n import N_, _, n_
from ..model import Model
from ..viz.board import weakest_goal
from ..viz.labels import text_size
from ..viz.palette import STATUS_COLOUR_NAMES
from ..vocabulary import ElementKind
from .common import kind_label, status_label

__all__ = [
    "CARD_AREA",
    "CARD_VALUE_SIZE",
    "KPI_LABELS",
    "board_captions",
    "board_duplicates",
    "card_rows",
    "card_width",
    "element_table",
    "kpi_cards",
    "kpis",
    "sunburst_caption",
    "supporters_word",
]


KPI_LABELS: dict[str, str] = {
    "activities": N_("Activities"),
    "supported_share": N_("Supported"),
    "duplicated": N_("Duplicated"),
    "unsupported": N_("Unsupported"),
    "applications": N_("Applications"),
    "annual_cost": N_("Annual cost"),
}
"""The headline figures the overview shows, in order, with their labels (marked for the catalogue:
:func:`kpi_cards` translates them)."""


def supporters_word(level: str) -> str:
    """What the supporters of ``level`` are called, in the plural: applications or system types."""
    return kind_label("application" if level == "application" else "system_type", plural=True)


def element_table(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Elements (all, or those in ``ids``, in that order) with ``element_id``, ``element``, ``kind``,
    ``status`` ("" for elements that are not supportable) and ``supporters``."""
    status = element_status(model, level=level, paths=paths).set_index("element_id")
    chosen = list(ids) if ids is not None else list(model.elements)
    elements = [model.elements[i] for i in chosen if i in model.elements]
    frame = pd.DataFrame({
        "element_id": [e.id for e in elements],
        "element": [e.label for e in elements],
        "kind": [kind_label(e.kind) for e in elements],
    })
    frame["status"] = frame["element_id"].map(status["status"]).fillna("").map(status_label).astype(object)
    frame["supporters"] = frame["element_id"].map(status["supporters"]).astype("Int64")
    return frame


def kpis(model: Model, *, level: str | None = None, paths: str | Iterable[str] | None = None) -> dict[str, Any]:
    """The headline figures of a model.

    Returns a dict with ``level``; ``activities`` (activity elements); ``supportable``;
    ``needing_support`` (supportable elements that need support) of which ``supported_needing``
    are covered by some path, ``inherited`` of them only through a process above (covered by
    inheritance, no supporter linked to them); ``supported_share`` (covered over needing, NaN when
    nothing needs support); ``duplicated`` (the root rows of the duplicates report;
    ``duplicated_inherited``: the rows that only repeat a duplicate above them), ``unsupported``
    (real gaps) and ``expected_gaps`` as the reports count them; ``applications`` (applications in
    use, i.e. not planned), ``planned_applications`` and ``annual_cost`` (EUR a year of the
    applications in use).
    """
    table = support_table(model, level=level, paths=paths)
    status = element_status(model, level=table.level, paths=table.paths)
    needs = hierarchy(model).needs_support
    supportable = np.flatnonzero(table.supportable)
    needing = int(needs[supportable].sum())
    states = status["status"].to_numpy()
    unsupported = int((states == "unsupported").sum())
    inherited = int(((states == "inherited") & needs[table.tables.code_of(status["element_id"].to_numpy())]).sum())
    every = duplicated_activities(model, level=table.level, paths=table.paths, include_inherited=True)
    duplicated_inherited = int((every["inherited_from_id"] != "").sum())
    apps = model.elements_of(ElementKind.APPLICATION)
    in_use = [e for e in apps if e.attributes.get("lifecycle") != "plan"]
    return {
        "level": table.level,
        "activities": len(model.elements_of(ElementKind.ACTIVITY)),
        "supportable": len(supportable),
        "needing_support": needing,
        "supported_needing": needing - unsupported,
        "inherited": inherited,
        "supported_share": (needing - unsupported) / needing if needing else math.nan,
        "duplicated": len(every) - duplicated_inherited,
        "duplicated_inherited": duplicated_inherited,
        "unsupported": unsupported,
        "expected_gaps": int((states == "expected gap").sum()),
        "applications": len(in_use),
        "planned_applications": len(apps) - len(in_use),
        "annual_cost": float(sum(e.attributes.get("annual_cost", 0.0) for e in in_use)),
    }


def kpi_cards(figures: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The overview's metric cards from :func:`kpis`: ``(label, value, explanation)`` per entry of
    :data:`KPI_LABELS`, as plain text in the current language; the value is compact (``€46.7k``,
    ``€ 46,7k``) so that it fits its card (:func:`card_rows`)."""
    share = figures["supported_share"]
    who = supporters_word(figures["level"])
    values = {
        "activities": (number(figures["activities"]), _("Activities in the model.")),
        "supported_share": (percent(share),
                            _("{supported} of {needing} processes and activities that need a system have one; "
                              "{inherited} of them only through a process above (no system linked to them).",
                              supported=number(figures["supported_needing"]),
                              needing=number(figures["needing_support"]), inherited=number(figures["inherited"]))),
        "duplicated": (number(figures["duplicated"]),
                       _("Elements supported by two or more {supporters} of their own ({more} more only repeat a "
                         "duplicate of a process above).", supporters=who,
                         more=number(figures["duplicated_inherited"]))),
        "unsupported": (number(figures["unsupported"]),
                        _("Elements that need a system and have none ({expected} expected gaps, which need none, "
                          "are not counted).", expected=number(figures["expected_gaps"]))),
        "applications": (number(figures["applications"]),
                         _("Applications in use ({planned} planned ones not counted).",
                           planned=number(figures["planned_applications"]))),
        "annual_cost": (money(figures["annual_cost"], short=True),
                        _("{amount} a year for the applications in use.", amount=money(figures["annual_cost"]))),
    }
    return [(_(KPI_LABELS[key]), *values[key]) for key in KPI_LABELS]


CARD_AREA = 620
"""Pixels a row of metric cards has on the narrowest screen the dashboard is made for (1024 px, with
the sidebar open)."""

CARD_VALUE_SIZE = 36
"""The font size of a metric card's value in pixels (Streamlit's 2.25 rem)."""

_CARD_GAP = 16  # between two cards
_CARD_PADDING = 36  # inside a bordered card, both sides


def card_width(per_row: int, area: float = CARD_AREA) -> float:
    """Pixels a card's text has when ``per_row`` cards share a row of ``area`` pixels."""
    return (area - _CARD_GAP * (per_row - 1)) / per_row - _CARD_PADDING


def card_rows(cards: Sequence[tuple[str, str, str]], *, most: int = 6,
              area: float = CARD_AREA) -> list[list[tuple[str, str, str]]]:
    """``cards`` in rows of as many as fit (at most ``most``): every value and label must fit its
    card at ``area`` pixels, so nothing is cut to "€…" on a projector; rows are filled evenly.

    >>> cards = [(f"Card {n}", "€46.7k", "") for n in range(6)]
    >>> [len(row) for row in card_rows(cards)]
    [3, 3]
    >>> [len(row) for row in card_rows(cards[:4], area=1200)]
    [4]
    """
    per_row = max(1, min(most, len(cards)))
    while per_row > 1 and any(text_size(value, CARD_VALUE_SIZE)[0] > card_width(per_row, area)
                              or text_size(label, 14)[0] > card_width(per_row, area) for label, value, _ in cards):
        per_row -= 1
    rows = math.ceil(len(cards) / per_row) if cards else 0
    even = math.ceil(len(cards) / rows) if rows else 1
    return [list(cards[i:i + even]) for i in range(0, len(cards), even)]


def sunburst_caption() -> str:
    """The sentence under the overview's sunburst, naming each state by the colour the figure gives it
    (:data:`~fora_model.viz.palette.STATUS_COLOUR_NAMES`, in the current language).

    >>> sunburst_caption().split(". ")[1]
    'Amber work is supported more than once, dark red work needs a system and has none, grey work needs none'
    """
    colour = {state: _(name) for state, name in STATUS_COLOUR_NAMES.items()}
    return _("Each ring goes one step down: goal, process, activity. {duplicated} work is supported more than "
             "once, {unsupported} work needs a system and has none, {expected} work needs none. Click a sector "
             "to zoom in.", duplicated=colour["duplicated"].capitalize(), unsupported=colour["unsupported"],
             expected=colour["expected gap"])


def board_captions(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    include_inherited: bool = False,
) -> dict[str, str]:
    """One plain-text sentence per board figure (``coverage``, ``sankey``, ``duplications``) that
    says what the figure shows in numbers. Names are model text: escape before Markdown.

    The duplications sentence counts the root rows (DOMAIN §3), and says how many inherited rows
    only repeat a duplicate above them; ``include_inherited`` counts those too."""

    figures = kpis(model, level=level, paths=paths)
    weakest = weakest_goal(goal_coverage(model, level=level, paths=paths))
    share = figures["supported_share"]
    sentence = _("{supported} of {needing} processes and activities that need a system have one ({share})",
                 supported=number(figures["supported_needing"]), needing=number(figures["needing_support"]),
                 share=percent(share))
    if figures["inherited"]:
        sentence += _(", {inherited} of them only through a process above", inherited=number(figures["inherited"]))
    if weakest is not None:
        sentence += _("; the weakest goal is {goal} at {share}", goal=weakest["goal"],
                      share=percent(weakest["coverage"]))
    duplicates = board_duplicates(model, level=level, paths=paths, include_inherited=include_inherited)
    inherited = figures["duplicated_inherited"]
    if not inherited:
        more = ""
    elif include_inherited:
        more = n_(" ({n} of them only repeats a duplicate of a process above)",
                  " ({n} of them only repeat a duplicate of a process above)", inherited)
    else:
        more = n_(" ({n} more only repeats a duplicate of a process above)",
                  " ({n} more only repeat a duplicate of a process above)", inherited)
    if len(duplicates) and duplicates["annual_cost"].notna().any():
        top = duplicates.sort_values("annual_cost", ascending=False, kind="stable").iloc[0]
        dup = n_("{n} element is supported more than once{more}; the costliest is {element}, served by "
                 "{supporters} supporters that cost {amount} a year together.",
                 "{n} elements are supported more than once{more}; the costliest is {element}, served by "
                 "{supporters} supporters that cost {amount} a year together.", len(duplicates), more=more,
                 element=top["activity"], supporters=number(top["application_count"]),
                 amount=money(top["annual_cost"]))
    elif len(duplicates):
        dup = n_("{n} element is supported more than once{more}.", "{n} elements are supported more than once{more}.",
                 len(duplicates), more=more)
    elif inherited:
        dup = _("No element is supported more than once by supporters of its own{more}.", more=more)
    else:
        dup = _("No element is supported more than once.")
    flow = _("Each band counts activities, from goal through process area and system type to the application "
             "that supports them; {unsupported} end in Unsupported.", unsupported=number(figures["unsupported"]))
    return {"coverage": sentence + ".", "sankey": flow, "duplications": dup}


def board_duplicates(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    include_inherited: bool = False,
) -> pd.DataFrame:
    """The duplicated rows the Board view counts: the root rows of
    :func:`~fora_model.duplicated_activities`, and the inherited ones too with ``include_inherited``."""
    return duplicated_activities(model, level=level, paths=paths, include_inherited=include_inherited)
