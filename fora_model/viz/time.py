"""The TIME quadrant: applications by functional (across) and technical (up) fit, one story told by
position and colour together.

A bubble's colour is its quadrant by fit, the same colour as the quadrant's name in its corner and
its legend entry (:data:`~fora_model.viz.palette.RECOMMENDATION_COLOURS`). When the recommendation
differs from the quadrant (a redundant application proposed for elimination although its fit says
Invest, a phasing-out one to migrate) the bubble gets a thick dark outline and its label or key
entry names the recommendation and why; the colour never contradicts the quadrant it sits in.

Bubbles sharing a score pair are laid out in a small grid inside their cell, so none hides another.
The costliest applications are named next to their bubble where the name fits without touching
another name or bubble at any width the figure is drawn at (:data:`WIDTHS`); every other bubble
carries a number, and a key under the plot lists every number with its name. Every bubble's hover
has the name, the recommendation, the fits, the cost and the rationale.

>>> import pandas as pd
>>> frame = pd.DataFrame({"application_id": ["a", "b"], "application": ["Magister", "Padlet"],
...                       "functional_fit": [3, 2], "technical_fit": [3, 3], "annual_cost": [27500.0, 0.0],
...                       "quadrant": ["Invest", "Tolerate"], "recommendation": ["Invest", "Eliminate"],
...                       "rule": ["fit", "redundant"], "rationale": ["", ""]})
>>> fig = time_quadrant(frame)
>>> sorted(a.text for a in fig.layout.annotations if a.name == "label")
['Magister', 'Padlet<br>→ Eliminate (redundant)']
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..formatting import money
from ..i18n import N_, _, n_
from .labels import Box, Plot, place_labels, text_size
from .palette import RECOMMENDATION_COLOURS
from .text import plotly_text

__all__ = [
    "LABELLED",
    "QUADRANT_NAMES",
    "RULE_REASONS",
    "WIDTHS",
    "plot_geometry",
    "time_quadrant",
]

QUADRANT_NAMES: dict[str, str] = {
    "Tolerate": N_("Tolerate"),
    "Invest": N_("Invest"),
    "Migrate": N_("Migrate"),
    "Eliminate": N_("Eliminate"),
    "Unassessed": N_("Unassessed"),
}
"""TIME quadrant (and recommendation) → the name shown (translate with :func:`fora_model.i18n._`)."""

RULE_REASONS: dict[str, str] = {
    "redundant": N_("redundant"),
    "lifecycle": N_("phasing out"),
    "sole-critical": N_("sole support of critical work"),
    "planned": N_("planned"),
    "kept": N_("kept"),
    "fit": N_("by fit"),
}
"""The rule behind a recommendation → the reason shown when it differs from the quadrant."""

WIDTHS: tuple[int, ...] = (600, 1000, 1200)
"""Figure widths (px) the labels are kept apart at: the dashboard at 1024 and 1440 px, the board pack."""

LABELLED = 10
"""How many of the costliest applications are named next to their bubble (where the name fits)."""

_FONT = "Source Sans Pro, Arial, sans-serif"
_RANGE = (0.5, 4.5)
_MARGIN = {"l": 56, "r": 16, "t": 110}
_PLOT_HEIGHT = 440
_LABEL_SIZE = 11
_KEY_SIZE = 11
_KEY_COLUMNS = 2
_CORNERS = {"Tolerate": (0, 1), "Invest": (1, 1), "Migrate": (1, 0), "Eliminate": (0, 0)}


def plot_geometry(width: int) -> Plot:
    """The plot area of the quadrant in a figure ``width`` pixels wide."""
    return Plot(width - _MARGIN["l"] - _MARGIN["r"], _PLOT_HEIGHT, _RANGE, _RANGE)


def _spread(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Positions: each score pair's bubbles in a grid filling most of their cell, by name."""
    x = frame["functional_fit"].astype(float).to_numpy().copy()
    y = frame["technical_fit"].astype(float).to_numpy().copy()
    cells: dict[tuple[float, float], list[int]] = {}
    for i, pair in enumerate(zip(x.tolist(), y.tolist(), strict=True)):
        cells.setdefault(pair, []).append(i)
    for (cx, cy), members in cells.items():
        members.sort(key=lambda i: str(frame["application"].iloc[i]).casefold())
        n = len(members)
        columns = math.ceil(math.sqrt(n * 1.6))
        rows = math.ceil(n / columns)
        for slot, i in enumerate(members):
            r, c = divmod(slot, columns)
            x[i] = cx + (c - (columns - 1) / 2) * (0.9 / columns)
            y[i] = cy - (r - (rows - 1) / 2) * (0.84 / max(rows, 1))
    return x, y


def _text_colour(fill: str) -> str:
    red, green, blue = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#1f1f1f" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#ffffff"


def _wrap(text: str, width: int) -> list[str]:
    """Plain ``text`` in lines of at most ``width`` characters, broken at spaces where it can."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = "   " + word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def time_quadrant(time: pd.DataFrame, *, title: str | None = None) -> go.Figure:
    """The TIME quadrant of :func:`~fora_model.rationalisation.time_recommendations` output.

    Annotations are named for what they are: ``quadrant`` (the four names, each with a square of
    its colour), ``label`` (an application's name beside its bubble), ``key`` (the numbered list
    under the plot) and ``note`` (applications without fit scores, which cannot be placed).
    """
    frame = time.dropna(subset=["functional_fit", "technical_fit"]).reset_index(drop=True)
    x, y = _spread(frame)
    cost = frame["annual_cost"].astype(float).fillna(0).to_numpy()
    peak = float(cost.max()) if len(cost) and cost.max() > 0 else 1.0
    diameter = 14 + 10 * np.sqrt(np.clip(cost, 0, None) / peak)
    quadrant = frame["quadrant"].astype(str).tolist()
    recommendation = frame["recommendation"].astype(str).tolist()
    differs = [q != r for q, r in zip(quadrant, recommendation, strict=True)]
    names = [plotly_text(a) for a in frame["application"]]
    label_text = [
        name + (f"<br>→ {_(QUADRANT_NAMES.get(r, r))} ({_(RULE_REASONS.get(rule, rule))})" if d else "")
        for name, r, rule, d in zip(names, recommendation, frame["rule"].astype(str), differs, strict=True)]

    plots = [plot_geometry(w) for w in WIDTHS]
    corners = []
    for name, (cx, cy) in _CORNERS.items():
        w, h = text_size("■ " + _(QUADRANT_NAMES[name]), 14)
        corners.append([Box(cx * p.width + (1 - 2 * cx) * (w / 2 + 4), (1 - cy) * p.height + (2 * cy - 1) * (h / 2 + 2),
                            w / 2 + 4, h / 2 + 2) for p in plots])
    order = sorted(range(len(frame)), key=lambda i: (-cost[i], names[i].casefold()))
    wanted = [False] * len(frame)
    for i in order[:LABELLED]:
        wanted[i] = True
    points = list(zip(x.tolist(), y.tolist(), strict=True))
    offsets: list[tuple[float, float] | None] = [None] * len(frame)
    if len(frame):
        placed = place_labels([points[i] for i in order], [diameter[i] / 2 for i in order],
                              [label_text[i] for i in order], _LABEL_SIZE, plots, obstacles=corners,
                              wanted=[wanted[i] for i in order])
        for i, offset in zip(order, placed, strict=True):
            offsets[i] = offset
    numbered = sorted((i for i in range(len(frame)) if offsets[i] is None),
                      key=lambda i: (list(_CORNERS).index(quadrant[i]) if quadrant[i] in _CORNERS else 9,
                                     names[i].casefold()))
    number = {i: n + 1 for n, i in enumerate(numbered)}

    fig = go.Figure()
    # annotations and shapes are set once: plotly checks the whole list again on every add_annotation
    notes: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    for name, (cx, cy) in _CORNERS.items():
        colour = RECOMMENDATION_COLOURS[name]
        shapes.append(dict(type="rect", x0=2.5 if cx else _RANGE[0], x1=_RANGE[1] if cx else 2.5,
                      y0=2.5 if cy else _RANGE[0], y1=_RANGE[1] if cy else 2.5,
                      fillcolor=colour, opacity=0.07, line={"width": 0}, layer="below"))
        notes.append(dict(
            name="quadrant", x=cx, y=cy, xref="paper", yref="paper", xanchor="right" if cx else "left",
            yanchor="top" if cy else "bottom", showarrow=False, xshift=-4 if cx else 4,
            text=f'<span style="color:{colour}">■</span> <b>{_(QUADRANT_NAMES[name])}</b>',
            font={"size": 14, "color": "#262730"}))
    hovers = [
        f"<b>{names[i]}</b><br>"
        + _("Quadrant by fit: {quadrant} · recommendation: {recommendation} ({reason})",
            quadrant=_(QUADRANT_NAMES.get(quadrant[i], quadrant[i])),
            recommendation=_(QUADRANT_NAMES.get(recommendation[i], recommendation[i])),
            reason=_(RULE_REASONS.get(str(frame["rule"].iloc[i]), str(frame["rule"].iloc[i]))))
        + "<br>" + _("functional fit {functional}, technical fit {technical}",
                     functional=int(frame["functional_fit"].iloc[i]), technical=int(frame["technical_fit"].iloc[i]))
        + "<br>" + _("{amount} a year", amount=plotly_text(money(frame["annual_cost"].iloc[i])))
        + "<br>" + plotly_text(frame["rationale"].iloc[i], 140)
        for i in range(len(frame))]
    for name in _CORNERS:
        rows = [i for i in range(len(frame)) if quadrant[i] == name]
        colour = RECOMMENDATION_COLOURS[name]
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=_(QUADRANT_NAMES[name]), legendgroup=name,
                                 hoverinfo="skip", marker={"size": 14, "color": colour,
                                                           "line": {"width": 1, "color": "#ffffff"}}))
        fig.add_trace(go.Scatter(
            x=[x[i] for i in rows], y=[y[i] for i in rows], mode="markers+text",
            name=_(QUADRANT_NAMES[name]), legendgroup=name, showlegend=False,
            text=[str(number[i]) if i in number else "" for i in rows],
            textposition="middle center", textfont={"size": 10, "color": _text_colour(colour)},
            customdata=[frame["application_id"].iloc[i] for i in rows],
            hovertext=[hovers[i] for i in rows], hoverinfo="text",
            marker={"size": [float(diameter[i]) for i in rows], "color": colour, "opacity": 0.9,
                    "line": {"width": [3 if differs[i] else 1 for i in rows],
                             "color": ["#1f1f1f" if differs[i] else "#ffffff" for i in rows]}},
        ))
    fig.add_trace(go.Scatter(
        x=[None], y=[None], mode="markers", name=_("Recommendation differs from the quadrant"),
        hoverinfo="skip", marker={"size": 14, "color": "#ffffff", "line": {"width": 3, "color": "#1f1f1f"}}))
    for i, offset in enumerate(offsets):
        if offset is None:
            continue
        notes.append(dict(name="label", x=x[i], y=y[i], ax=offset[0], ay=offset[1], text=label_text[i],
                           showarrow=True, arrowhead=0, arrowwidth=1, arrowcolor="#757575", standoff=diameter[i] / 2,
                           font={"size": _LABEL_SIZE, "color": "#262730"}, bgcolor="rgba(255,255,255,0.85)",
                           align="left"))

    key_lines: list[str] = []
    capacity = int((plots[0].width / _KEY_COLUMNS) / (0.58 * _KEY_SIZE)) - 2
    for i in numbered:
        plain = str(frame["application"].iloc[i])
        if differs[i]:
            plain += (f" → {_(QUADRANT_NAMES.get(recommendation[i], recommendation[i]))} "
                      f"({_(RULE_REASONS.get(str(frame['rule'].iloc[i]), str(frame['rule'].iloc[i])))})")
        key_lines += [plotly_text(line) for line in _wrap(f"{number[i]}. {plain}", capacity)]
    per_column = math.ceil(len(key_lines) / _KEY_COLUMNS) if key_lines else 0
    line_px = 1.3 * _KEY_SIZE + 1
    key_height = per_column * line_px
    bottom = 56 + (key_height + 24 if key_lines else 0)
    unplaced = time[time["functional_fit"].isna() | time["technical_fit"].isna()]
    note_lines: list[str] = []
    if len(unplaced):
        note = n_("{n} application without fit scores is not shown: {names}",
                  "{n} applications without fit scores are not shown: {names}", len(unplaced),
                  names=", ".join(str(a) for a in unplaced["application"]))
        note_lines = [plotly_text(line) for line in _wrap(note, capacity * _KEY_COLUMNS)]
        bottom += len(note_lines) * line_px + 8
    for column in range(_KEY_COLUMNS):
        chunk = key_lines[column * per_column:(column + 1) * per_column]
        if chunk:
            notes.append(dict(name="key", x=column / _KEY_COLUMNS, y=-(56 / _PLOT_HEIGHT), xref="paper",
                               yref="paper", xanchor="left", yanchor="top", align="left", showarrow=False,
                               text="<br>".join(chunk), font={"size": _KEY_SIZE, "color": "#262730"}))
    if note_lines:
        notes.append(dict(name="note", x=0, y=-((56 + key_height + 24) / _PLOT_HEIGHT) if key_lines
                           else -(56 / _PLOT_HEIGHT), xref="paper", yref="paper", xanchor="left",
                           yanchor="top", align="left", showarrow=False, text="<br>".join(note_lines),
                           font={"size": _KEY_SIZE, "color": "#616161"}))
    # the borders between the quadrants (fit 2.5: 3 and 4 count as high)
    shapes.append({"type": "line", "x0": 2.5, "x1": 2.5, "y0": 0, "y1": 1, "yref": "paper",
                   "line": {"color": "#9e9e9e", "dash": "dot"}})
    shapes.append({"type": "line", "y0": 2.5, "y1": 2.5, "x0": 0, "x1": 1, "xref": "paper",
                   "line": {"color": "#9e9e9e", "dash": "dot"}})
    fig.update_xaxes(title={"text": _("functional fit"), "standoff": 6}, range=list(_RANGE), tickvals=[1, 2, 3, 4],
                     zeroline=False, showgrid=False, fixedrange=True)
    fig.update_yaxes(title={"text": _("technical fit"), "standoff": 6}, range=list(_RANGE), tickvals=[1, 2, 3, 4],
                     zeroline=False, showgrid=False, fixedrange=True)
    layout: dict[str, Any] = {
        "title": {"text": plotly_text(title) if title else _("TIME: functional and technical fit"),
                  "x": 0, "xanchor": "left", "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 12},
                  "font": {"size": 18}},
        "template": "plotly_white",
        "font": {"family": _FONT, "size": 13, "color": "#262730"},
        "height": int(_MARGIN["t"] + _PLOT_HEIGHT + bottom),
        "margin": {**_MARGIN, "b": int(bottom)},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "font": {"size": 12}},
        "hoverlabel": {"font": {"family": _FONT, "size": 13}, "bgcolor": "#ffffff"},
        "showlegend": True,
        "annotations": notes,
        "shapes": shapes,
    }
    fig.update_layout(**layout)
    return fig
