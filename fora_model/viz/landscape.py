"""The FORA landscape map: domains as bands, main business functions as boxes, applications inside.

The picture boards know from FORA's "plaat" and from application landscape reports. Each band is
a domain; each box a main business function, its header coloured by the worst state in its
subtree (a real gap, then a duplicate); inside it a tile per application that supports it,
coloured by the chosen measure (:data:`COLOUR_BY`). Every tile and header carries its element id in
``customdata`` so that a click can open the element; every name is escaped data.

The layout is computed here in figure units: across, :data:`DESIGN_WIDTH` units fill whatever
width the figure gets; down, a unit is :data:`Y_SCALE` pixels, so rows keep their height at any width.
Names are cut to what fits a box at the narrowest width the caller expects (``width``), with the full
name in the hover text.

>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> for kind, name, key in (("process", "Education", "edu"), ("process", "Teaching", "t"),
...                         ("activity", "Record grades", "a")):
...     _ = m.add_element(Element.new(kind, name, id=key))
>>> _ = m.add_relation(Relation.new("composed_of", "edu", "t"))
>>> _ = m.add_relation(Relation.new("composed_of", "t", "a"))
>>> _ = m.add_element(Element.new("application", "<b>Magister</b>", id="mag"))
>>> _ = m.add_relation(Relation.new("supports", "mag", "a"))
>>> fig = landscape_map(m)
>>> [note.text for note in fig.layout.annotations][-1]
'&lt;b&gt;Magister&lt;/b&gt;'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd
import plotly.graph_objects as go

from ..analysis.landscape import landscape
from ..analysis.support import resolve_level
from ..formatting import number
from ..i18n import N_, _, n_
from ..model import Model
from .figures import FONT
from .palette import LIFECYCLE_COLOURS, RECOMMENDATION_COLOURS, STATUS_COLOURS
from .text import plotly_text

__all__ = [
    "CHAR_PX", "COLOUR_BY", "COLUMNS", "DESIGN_WIDTH", "LANDSCAPE_TILES", "TITLE", "Y_SCALE", "ColourBy", "Fit",
    "landscape_figure",
    "landscape_map", "tile_colours",
]

ColourBy = Literal["status", "recommendation", "lifecycle"]
COLOUR_BY: tuple[str, ...] = ("status", "recommendation", "lifecycle")
"""What colours the application tiles: the support state in the function (duplicated or sole
supporter), the TIME recommendation, or the lifecycle."""

TITLE = N_("Applications per domain and main function")
"""The map's default title (marked for the catalogue: the figure shows it in the language spoken)."""

DESIGN_WIDTH = 1400
"""Figure units across; the figure stretches them to its container."""

Y_SCALE = 0.72
"""Pixels per figure unit down the map."""

COLUMNS = 5
"""Main functions per row of a domain band (the board pack's A4 page)."""

CHAR_PX = 7.0
"""What a character of 12 px text takes at most on average, for cutting names to fit."""

_PAD = 12
_GAP = 10
_BAND_TITLE = 30
_HEADER = 44
_TILE = 22
_TILE_GAP = 4
_MARGIN_TOP = 56
_MARGIN_BOTTOM = 96  # the legend sits below the map
_BAND_FILL = "#F3F5F8"
_NO_ACTIVITIES = "#E4ECF4"
_NO_SYSTEM = N_("no system")
_NEEDS_NONE = N_("needs no system")

_FUNCTION_COLOURS: dict[str, str] = {**STATUS_COLOURS, "no activities": _NO_ACTIVITIES}
_FUNCTION_LABELS: dict[str, str] = {
    "unsupported": N_("Function with a real gap"),
    "duplicated": N_("Function with a duplicate"),
    "supported": N_("Function fully supported"),
    "expected gap": N_("Function needs no system"),
    "no activities": N_("Function without activities"),
}


LANDSCAPE_TILES = 2000
"""How many application tiles the dashboard's landscape map draws at most (``max_tiles``)."""


def tile_colours(colour_by: str, level: str = "application") -> dict[str, tuple[str, str]]:
    """Tile value → (colour, legend text) for one :data:`COLOUR_BY` choice; the tiles are
    applications, or system types at ``level`` ``system_type``."""
    if colour_by == "status":
        if level == "system_type":
            return {"duplicated": (STATUS_COLOURS["duplicated"], _("System type on a duplicated activity")),
                    "supported": (STATUS_COLOURS["supported"], _("System type, no duplicate here"))}
        return {"duplicated": (STATUS_COLOURS["duplicated"], _("Application on a duplicated activity")),
                "supported": (STATUS_COLOURS["supported"], _("Application, no duplicate here"))}
    if colour_by == "recommendation":
        return {name: (colour, _("TIME: {recommendation}", recommendation=_(name)))
                for name, colour in RECOMMENDATION_COLOURS.items()}
    if colour_by == "lifecycle":
        return {name: (colour, _("Lifecycle: {lifecycle}", lifecycle=_(name)))
                for name, colour in LIFECYCLE_COLOURS.items()}
    raise ValueError(f"unknown colouring {colour_by!r}; choose {', '.join(COLOUR_BY)}")


def _ink(fill: str) -> str:
    """Dark or white text, whichever reads better on ``fill`` (WCAG relative luminance)."""
    rgb = [int(fill[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#1F1F1F" if luminance > 0.30 else "#FFFFFF"


@dataclass
class _Box:
    function_id: str
    function: str
    status: str
    summary: str
    tiles: list[tuple[str, str, str, str]]  # (element id or "", label, value, hover)
    hover: str = ""
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0

    @property
    def height(self) -> float:
        return _HEADER + _PAD / 2 + len(self.tiles) * (_TILE + _TILE_GAP) + _PAD / 2


@dataclass(frozen=True)
class Fit:
    """How many characters fit in a box when the map is ``width`` pixels wide with ``columns`` boxes
    a row: on a tile, in a (bold) header, and on the counts line."""

    columns: int
    tile: int
    header: int
    summary: int

    @staticmethod
    def of(width: int, columns: int) -> Fit:
        box = (width - 12) * ((DESIGN_WIDTH - 2 * _PAD - (columns - 1) * _GAP) / columns) / DESIGN_WIDTH
        return Fit(columns, max(8, int((box - 20) / CHAR_PX)), max(8, int((box - 12) / (CHAR_PX * 1.08))),
                   max(8, int((box - 12) / CHAR_PX)))


def _summary(row: Any, limit: int) -> str:
    """What the header says under the function's name: real gaps, duplicates, expected gaps, as many
    as fit on one line (the hover text has them all)."""
    full = _counts(row)
    shown = full[:1] + [p for p in full[1:] if len(" · ".join([*full[:1], p])) <= limit][:1]
    return " · ".join(shown)


def _counts(row: Any) -> list[str]:
    real, duplicates, expected, elements = (int(row[c]) for c in ("real_gaps", "duplicates", "expected_gaps",
                                                                  "elements"))
    parts = []
    if real:
        parts.append(n_("{n} real gap", "{n} real gaps", real))
    if duplicates:
        parts.append(n_("{n} duplicate", "{n} duplicates", duplicates))
    if expected:
        parts.append(n_("{n} expected gap", "{n} expected gaps", expected))
    if not parts:
        parts.append(_("{n} supported", n=number(elements)) if elements else _("no activities"))
    return parts


def _boxes(frame: pd.DataFrame, colour_by: str, legend: dict[str, str],
           fit: Fit) -> list[tuple[str, str, list[_Box]]]:
    bands: list[tuple[str, str, list[_Box]]] = []
    index: dict[str, int] = {}
    for (domain_id, domain, function_id), rows in frame.groupby(
            ["domain_id", "domain", "function_id"], sort=False):
        first = rows.iloc[0]
        tiles: list[tuple[str, str, str, str]] = []
        for r in rows.itertuples(index=False):
            if not r.application_id:
                continue
            column = "application_status" if colour_by == "status" else colour_by
            value = str(getattr(r, column)) or ("active" if colour_by == "lifecycle" else "Unassessed")
            where = _("in {function}: supports {supports} of {elements}", function=plotly_text(r.function, 60),
                      supports=number(r.supports), elements=number(r.elements))
            hover = f"<b>{plotly_text(r.application, 80)}</b><br>{where}<br>{plotly_text(legend.get(value, value))}"
            tiles.append((str(r.application_id), plotly_text(r.application, fit.tile), value, hover))
        if not tiles:
            tiles.append(("", _(_NO_SYSTEM) if first.real_gaps else _(_NEEDS_NONE),
                          "unsupported" if first.real_gaps else "expected gap", ""))
        box = _Box(str(function_id), plotly_text(first.function, fit.header), str(first.function_status),
                   plotly_text(_summary(first, fit.summary)), tiles,
                   hover=f"<b>{plotly_text(first.function, 80)}</b><br>{plotly_text(' · '.join(_counts(first)))}")
        key = f"{domain_id}\x00{domain}"
        if key not in index:
            index[key] = len(bands)
            bands.append((str(domain_id), str(domain), []))
        bands[index[key]][2].append(box)
    return bands


def landscape_map(
    model: Model,
    *,
    colour_by: str = "status",
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    title: str | None = None,
    width: int = 1000,
    columns: int = COLUMNS,
    max_tiles: int | None = None,
) -> go.Figure:
    """The landscape map of ``model`` (see the module docstring), tiles coloured by ``colour_by``,
    ``columns`` boxes a row, names cut to fit at ``width`` CSS pixels (the board pack's A4 width by
    default; a wider container stretches it sideways, the rows keep their height). ``max_tiles``
    draws only the boxes that fit that many tiles, in order (see :func:`landscape_figure`)."""
    chosen = resolve_level(model, level=level)
    if colour_by != "status" and chosen != "application":
        raise ValueError(f"colouring by {colour_by} is about applications; use level application")
    return landscape_figure(landscape(model, level=chosen, paths=paths), colour_by=colour_by, level=chosen,
                            title=title, width=width, columns=columns, max_tiles=max_tiles)


def landscape_figure(
    frame: pd.DataFrame,
    *,
    colour_by: str = "status",
    level: str = "application",
    title: str | None = None,
    width: int = 1000,
    columns: int = COLUMNS,
    max_tiles: int | None = None,
) -> go.Figure:
    """The map of a :func:`~fora_model.analysis.landscape.landscape` frame (what the board pack
    draws from its data); ``level`` names what the tiles are. With ``max_tiles``, boxes are drawn
    in order only while their tiles fit that many (at least one box), and the title says how many
    of the main functions are shown: a board's tens of thousands of tiles take minutes to build
    as a figure, and more to draw."""
    colours = tile_colours(colour_by, level)
    if columns < 1:
        raise ValueError("a landscape map needs at least one box a row")
    fit = Fit.of(width, columns)
    bands = _boxes(frame, colour_by, {value: label for value, (_, label) in colours.items()}, fit)
    every = sum(len(boxes) for _domain, _name, boxes in bands)
    if max_tiles is not None:
        bands = _within(bands, max_tiles)
    drawn = sum(len(boxes) for _domain, _name, boxes in bands)
    title = _(TITLE) if title is None else title
    if drawn < every:
        title += _(" (the first {shown} of {every} main functions)", shown=number(drawn), every=number(every))
    box_width = (DESIGN_WIDTH - 2 * _PAD - (columns - 1) * _GAP) / columns
    shapes: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    heads: dict[str, list[Any]] = {"x": [], "y": [], "hover": [], "id": []}
    points: dict[str, dict[str, list[Any]]] = {}
    y = 0.0
    for _domain_id, domain, boxes in bands:
        top = y
        y += _BAND_TITLE
        notes.append(_note(_PAD, top + _BAND_TITLE / 2 + 2, f"<b>{plotly_text(domain, 80)}</b>", "#262730", 16))
        for start in range(0, len(boxes), columns):
            row = boxes[start:start + columns]
            for n, box in enumerate(row):
                box.x, box.y, box.width = _PAD + n * (box_width + _GAP), y, box_width
                _draw_box(box, colours, shapes, notes, heads, points)
            y += max(b.height for b in row) + _GAP
        shapes.insert(0, {"type": "rect", "x0": 0, "x1": DESIGN_WIDTH, "y0": top, "y1": y, "layer": "below",
                          "fillcolor": _BAND_FILL, "line": {"width": 0}})
        y += _GAP
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=heads["x"], y=heads["y"], mode="markers", name="functions", showlegend=False,
                             marker={"size": 18, "symbol": "square", "color": "rgba(0,0,0,0)"},
                             customdata=heads["id"], hovertext=heads["hover"], hoverinfo="text"))
    for value, p in points.items():
        fig.add_trace(go.Scatter(x=p["x"], y=p["y"], mode="markers", name=f"tiles: {value}", showlegend=False,
                                 marker={"size": 16, "symbol": "square", "color": "rgba(0,0,0,0)"},
                                 customdata=p["id"], hovertext=p["hover"], hoverinfo="text"))
    for value, (colour, label) in colours.items():
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=label, legendgroup=value,
                                 marker={"size": 13, "color": colour, "symbol": "square",
                                         "line": {"width": 1, "color": "#555555"}}, hoverinfo="skip"))
    for status in ("unsupported", "duplicated", "supported", "expected gap"):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=_(_FUNCTION_LABELS[status]),
                                 marker={"size": 13, "color": _FUNCTION_COLOURS[status], "symbol": "square-open",
                                         "line": {"width": 3, "color": _FUNCTION_COLOURS[status]}},
                                 hoverinfo="skip"))
    height = max(y, 120.0)
    fig.update_layout(
        title={"text": plotly_text(title), "x": 0, "xanchor": "left",
               "font": {"size": 18}},
        template="plotly_white", font={"family": FONT, "size": 13, "color": "#262730"},
        width=width, height=int(height * Y_SCALE) + _MARGIN_TOP + _MARGIN_BOTTOM,
        shapes=shapes, annotations=notes, dragmode=False, hovermode="closest",
        margin={"l": 6, "r": 6, "t": _MARGIN_TOP, "b": _MARGIN_BOTTOM},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0, "font": {"size": 13}},
        hoverlabel={"font": {"family": FONT, "size": 13}, "bgcolor": "#ffffff"},
    )
    fig.update_xaxes(visible=False, range=[0, DESIGN_WIDTH], fixedrange=True)
    fig.update_yaxes(visible=False, range=[height, 0], fixedrange=True)
    # rebuilt through the constructor so that a fresh figure and a cached (unpickled) copy serialise
    # alike: the browser redraws a chart whose spec text changed, and a redraw drops the clicked tile
    return go.Figure(fig.to_dict())


def _within(bands: list[tuple[str, str, list[_Box]]], budget: int) -> list[tuple[str, str, list[_Box]]]:
    """The first boxes, band by band, whose tiles add up to at most ``budget`` (the first box always)."""
    kept: list[tuple[str, str, list[_Box]]] = []
    used = 0
    for domain_id, domain, boxes in bands:
        room: list[_Box] = []
        for box in boxes:
            if used and used + len(box.tiles) > budget:
                break
            room.append(box)
            used += len(box.tiles)
        if room:
            kept.append((domain_id, domain, room))
        if len(room) < len(boxes):
            break
    return kept


def _note(x: float, y: float, text: str, colour: str, size: int = 12) -> dict[str, Any]:
    """A text placed with its left edge at (x, y) in map units (annotations are not dimmed when a
    click selects a tile, unlike text traces)."""
    return {"x": x, "y": y, "xref": "x", "yref": "y", "text": text, "showarrow": False, "xanchor": "left",
            "yanchor": "middle", "align": "left", "font": {"size": size, "color": colour}}


def _draw_box(box: _Box, colours: dict[str, tuple[str, str]], shapes: list[dict[str, Any]],
              notes: list[dict[str, Any]], heads: dict[str, list[Any]],
              points: dict[str, dict[str, list[Any]]]) -> None:
    head = _FUNCTION_COLOURS.get(box.status, _NO_ACTIVITIES)
    shapes.append({"type": "rect", "x0": box.x, "x1": box.x + box.width, "y0": box.y, "y1": box.y + box.height,
                   "fillcolor": "#FFFFFF", "line": {"width": 2, "color": head}, "layer": "below"})
    shapes.append({"type": "rect", "x0": box.x, "x1": box.x + box.width, "y0": box.y, "y1": box.y + _HEADER,
                   "fillcolor": head, "line": {"width": 0}, "layer": "below"})
    notes.append(_note(box.x + 6, box.y + _HEADER / 2, f"<b>{box.function}</b><br>{box.summary}", _ink(head)))
    heads["x"].append(box.x + box.width / 2)
    heads["y"].append(box.y + _HEADER / 2)
    heads["hover"].append(box.hover)
    heads["id"].append(box.function_id)
    y = box.y + _HEADER + _PAD / 2
    for element_id, label, value, hover in box.tiles:
        fill = colours.get(value, ("#BBBBBB", value))[0] if element_id else _FUNCTION_COLOURS[value]
        shapes.append({"type": "rect", "x0": box.x + 6, "x1": box.x + box.width - 6, "y0": y, "y1": y + _TILE,
                       "fillcolor": fill, "line": {"width": 0}, "layer": "below"})
        notes.append(_note(box.x + 10, y + _TILE / 2, label if element_id else f"<i>{label}</i>", _ink(fill)))
        if element_id:
            p = points.setdefault(value, {"x": [], "y": [], "id": [], "hover": []})
            p["x"].append(box.x + box.width / 2)
            p["y"].append(y + _TILE / 2)
            p["id"].append(element_id)
            p["hover"].append(hover)
        y += _TILE + _TILE_GAP
