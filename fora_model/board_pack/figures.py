"""Plotly figures for rationalisation: the TIME quadrant, coverage by goal, savings per cluster.

Each builder takes an analysis frame and returns a ``plotly.graph_objects.Figure`` of a fixed
size (so it prints without being cut); nothing is shown or written. Every piece of model text is
HTML-escaped before it reaches plotly, which would otherwise render ``<b>``, ``<br>`` and
``<a href>`` in names. Titles, axes, legends and notes speak the current language
(:mod:`fora_model.i18n`). :func:`readable_fonts` lifts every text of a figure to at least 12 px,
and every figure of the board pack goes through it. :func:`figure_images` renders PNG files
through kaleido where it finds a Chrome, and returns nothing (never raises) where it does not.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..formatting import money, number, percent
from ..i18n import N_, _, n_
from ..viz.landscape import COLUMNS, landscape_figure
from ..viz.palette import RECOMMENDATION_COLOURS, STATUS_COLOURS
from ..viz.text import plotly_text

__all__ = [
    "FIGURE_HEIGHT",
    "FIGURE_WIDTH",
    "LANDSCAPE_PAGE_HEIGHT",
    "MIN_FONT_PX",
    "RECOMMENDATION_COLOURS",
    "RECOMMENDATION_LABELS",
    "coverage_figure",
    "figure_fonts",
    "figure_images",
    "landscape_pages",
    "readable_fonts",
    "recommendation_label",
    "savings_figure",
    "time_quadrant_figure",
]

FIGURE_WIDTH = 1000
"""Width of every figure in CSS pixels: fits A4 landscape (277 mm usable ≈ 1047 px)."""
FIGURE_HEIGHT = 430
"""Height of every figure in CSS pixels."""


MIN_FONT_PX = 12
"""The smallest text a figure of the pack may draw, in CSS pixels."""

_FONT = {"family": "DejaVu Sans, Arial, sans-serif", "size": 13}

RECOMMENDATION_LABELS: dict[str, str] = {
    "Invest": N_("Invest"), "Tolerate": N_("Tolerate"), "Migrate": N_("Migrate"), "Eliminate": N_("Eliminate"),
    "Unassessed": N_("Unassessed"),
}
"""The TIME recommendations as the pack shows them (the analysis keeps the English values)."""


def recommendation_label(value: object) -> str:
    """A TIME recommendation in the current language (anything unknown as it is)."""
    text = str(value)
    return _(RECOMMENDATION_LABELS[text]) if text in RECOMMENDATION_LABELS else text


def _font_dicts(node: Any, key: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every font specification in a figure's dictionary form, with the key it sits under."""
    if isinstance(node, dict):
        if key.endswith("font"):
            yield key, node
        for child_key, child in node.items():
            yield from _font_dicts(child, str(child_key))
    elif isinstance(node, (list, tuple)):
        for child in node:
            yield from _font_dicts(child, key)


def figure_fonts(fig: go.Figure) -> list[float]:
    """Every font size a figure states (traces, layout, axes, legend, annotations, hover labels),
    array sizes flattened, plus the layout's base size (plotly's default of 12 when unset)."""
    spec = fig.to_dict()
    sizes: list[float] = [float(spec.get("layout", {}).get("font", {}).get("size", 12))]
    for _key, font in _font_dicts(spec):
        size = font.get("size")
        if isinstance(size, (list, tuple, np.ndarray)):
            sizes.extend(float(s) for s in size if s is not None)
        elif size is not None:
            sizes.append(float(size))
    return sizes


def readable_fonts(fig: go.Figure, minimum: int = MIN_FONT_PX) -> go.Figure:
    """``fig`` with every text at least ``minimum`` px (larger sizes kept): the base font, every
    trace's text, axis ticks and titles, the legend, the annotations and the hover labels.

    >>> fig = go.Figure(go.Scatter(x=[1], y=[1], mode="text", text=["a"], textfont={"size": 9}))
    >>> fig = fig.add_annotation(x=1, y=1, text="b", font={"size": 15})
    >>> sorted(set(figure_fonts(readable_fonts(fig))))
    [12.0, 15.0]
    """
    spec = fig.to_dict()
    layout = spec.setdefault("layout", {})
    base = layout.setdefault("font", {})
    base["size"] = max(float(base.get("size", 12)), minimum)
    for _key, font in _font_dicts(spec):
        size = font.get("size")
        if isinstance(size, (list, tuple, np.ndarray)):
            font["size"] = [None if s is None else max(float(s), minimum) for s in size]
        elif size is not None:
            font["size"] = max(float(size), minimum)
    return go.Figure(spec)


def _layout(fig: go.Figure, title: str, height: int = FIGURE_HEIGHT) -> go.Figure:
    fig.update_layout(
        title={"text": plotly_text(title), "x": 0.01, "font": {"size": 16}},
        width=FIGURE_WIDTH,
        height=height,
        template="plotly_white",
        font=_FONT,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


def time_quadrant_figure(time: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Applications by functional (x) and technical (y) fit, bubble area by annual cost, colour by
    recommendation. ``time`` is :func:`~fora_model.analysis.time.time_recommendations` output.

    Applications sharing a score pair are spread in a small circle so that none hides another;
    unassessed ones cannot be placed and are counted in a note. ``title`` defaults to "TIME:
    functional vs technical fit" in the current language.
    """
    frame = time.dropna(subset=["functional_fit", "technical_fit"]).reset_index(drop=True)
    x = frame["functional_fit"].astype(float).to_numpy()
    y = frame["technical_fit"].astype(float).to_numpy()
    if len(frame):
        slot = frame.groupby([x, y]).cumcount().to_numpy()
        size = frame.groupby([x, y])["application"].transform("size").to_numpy()
        angle = 2 * np.pi * slot / np.maximum(size, 1)
        radius = np.where(size > 1, np.minimum(0.18 + 0.02 * size, 0.4), 0.0)
        x, y = x + radius * np.cos(angle), y + radius * np.sin(angle)
    cost = frame["annual_cost"].astype(float).fillna(0).to_numpy()
    peak = float(cost.max()) if len(cost) and cost.max() > 0 else 1.0
    # name what needs action and the five dearest; the rest is in the hover text
    dearest = set(np.argsort(-cost, kind="stable")[:5].tolist())
    named = np.array([r != "Invest" or i in dearest for i, r in enumerate(frame["recommendation"])], dtype=bool)
    fig = go.Figure()
    for recommendation, colour in RECOMMENDATION_COLOURS.items():
        mask = (frame["recommendation"] == recommendation).to_numpy()
        if not mask.any():
            continue
        rows = frame[mask]
        hover = [
            f"<b>{plotly_text(r.application, 60)}</b><br>{plotly_text(recommendation_label(r.recommendation))} "
            f"({plotly_text(r.rule)})<br>"
            + plotly_text(_("fit {functional} / {technical}, {cost} a year", functional=r.functional_fit,
                            technical=r.technical_fit, cost=money(r.annual_cost)))
            + f"<br>{plotly_text(r.rationale, 140)}"
            for r in rows.itertuples(index=False)
        ]
        fig.add_trace(go.Scatter(
            x=x[mask], y=y[mask], mode="markers+text", name=recommendation_label(recommendation),
            text=[plotly_text(a, 18) if shown else ""
                  for a, shown in zip(rows["application"], named[mask], strict=True)],
            textposition="top center",
            textfont={"size": 12},
            hovertext=hover, hoverinfo="text",
            marker={"size": 12 + 38 * np.sqrt(cost[mask] / peak), "color": colour, "opacity": 0.75,
                    "line": {"width": 1, "color": "white"}},
        ))
    for value in (2.5,):
        fig.add_vline(x=value, line={"color": "#9e9e9e", "dash": "dot"})
        fig.add_hline(y=value, line={"color": "#9e9e9e", "dash": "dot"})
    for qx, qy, label in ((1.5, 4.4, "Tolerate"), (3.5, 4.4, "Invest"), (3.5, 0.6, "Migrate"),
                          (1.5, 0.6, "Eliminate")):
        fig.add_annotation(x=qx, y=qy, text=plotly_text(recommendation_label(label)), showarrow=False,
                           font={"size": 13, "color": "#616161"})
    unplaced = len(time) - len(frame)
    if unplaced:
        fig.add_annotation(x=1, y=-0.16, xref="paper", yref="paper", xanchor="right", showarrow=False,
                           text=plotly_text(n_("{n} application without fit scores not shown",
                                               "{n} applications without fit scores not shown", unplaced)),
                           font={"size": 12, "color": "#616161"})
    fig.update_xaxes(title=_("functional fit"), range=[0.4, 4.6], tickvals=[1, 2, 3, 4], zeroline=False)
    fig.update_yaxes(title=_("technical fit"), range=[0.4, 4.6], tickvals=[1, 2, 3, 4], zeroline=False)
    return _layout(fig, title or _("TIME: functional vs technical fit"))


def coverage_figure(coverage: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Per goal, supported elements, those covered only by inheritance (through a process above
    them), real gaps and expected gaps as stacked horizontal bars, with the covered share as text.
    ``coverage`` is :func:`fora_model.goal_coverage` output; ``title`` defaults to "Coverage by
    goal" in the current language."""
    frame = coverage.iloc[::-1]
    goals = [plotly_text(g, 48) for g in frame["goal"]]
    fig = go.Figure()
    for column, name, colour in (("supported", _("supported"), STATUS_COLOURS["supported"]),
                                 ("inherited", _("covered by inheritance"), STATUS_COLOURS["inherited"]),
                                 ("unsupported", _("real gap"), STATUS_COLOURS["unsupported"]),
                                 ("expected_gaps", _("expected gap (needs no system)"),
                                  STATUS_COLOURS["expected gap"])):
        fig.add_trace(go.Bar(y=goals, x=frame[column], name=name, orientation="h", marker={"color": colour},
                             hovertemplate="%{y}: %{x} " + plotly_text(name) + "<extra></extra>"))
    share = ["" if pd.isna(c) else percent(c) for c in frame["coverage"]]
    totals = (frame["supported"] + frame["inherited"] + frame["unsupported"] + frame["expected_gaps"]).to_numpy()
    fig.add_trace(go.Scatter(y=goals, x=totals, mode="text", text=share, textposition="middle right",
                             showlegend=False, hoverinfo="skip"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=_("supportable elements"))
    layout = _layout(fig, title or _("Coverage by goal"))
    layout.update_layout(margin={"l": 260})
    return layout


def savings_figure(savings: pd.DataFrame, title: str | None = None) -> go.Figure:
    """Annual saving, exit cost and net first-year saving per cluster that retires something.
    ``savings`` is :func:`~fora_model.analysis.savings.redundancy_savings` output; ``title``
    defaults to "Net first-year saving per redundancy cluster" in the current language."""
    frame = savings[savings["retire"] != ""].head(12)
    labels = [f"{number(c)}. {plotly_text(r, 40)}" for c, r in zip(frame["cluster"], frame["retire"], strict=True)]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=labels, y=frame["annual_saving"], name=_("annual saving"), marker={"color": "#2e7d32"}))
    fig.add_trace(go.Bar(x=labels, y=-frame["exit_cost"], name=_("one-off exit cost"),
                         marker={"color": "#c62828"}))
    fig.add_trace(go.Scatter(x=labels, y=frame["net_saving"], name=_("net first year"), mode="markers",
                             marker={"size": 12, "color": "#212121", "symbol": "diamond"}))
    fig.update_layout(barmode="relative")
    fig.update_yaxes(title="EUR", tickprefix="€", separatethousands=True)
    return _layout(fig, title or _("Net first-year saving per redundancy cluster"))


LANDSCAPE_PAGE_HEIGHT = 600
"""The tallest landscape map one printed page holds under its heading, in CSS pixels."""

MAX_LANDSCAPE_PAGES = 6
"""The most pages the landscape map takes in the pack; a larger map continues on the dashboard's
Landscape map page (the pack says how many main functions it leaves out)."""


class LandscapePages(list[tuple[list[str], go.Figure]]):
    """The pages of the landscape map (each: the domains it shows, its figure), with ``left_out``,
    how many main functions did not fit :data:`MAX_LANDSCAPE_PAGES` pages."""

    left_out: int = 0

_LANDSCAPE_LEGEND = (
    N_("Application on a duplicated activity"), N_("Application, no duplicate here"),
    N_("Function with a real gap"), N_("Function with a duplicate"), N_("Function fully supported"),
    N_("Function needs no system"), N_("Function without activities"),
)
"""The legend of :func:`fora_model.viz.landscape.landscape_figure`, marked for the catalogue."""


def _landscape(frame: pd.DataFrame, width: int) -> go.Figure:
    """The map of ``frame`` without a title of its own (its page's heading names it), legend in the
    current language."""
    fig = landscape_figure(frame, width=width, title="")
    top = int(fig.layout.margin.t or 0)
    fig.update_layout(title=None, margin={"t": 8}, height=int(fig.layout.height) - max(top - 8, 0))
    for trace in fig.data:
        if trace.name in _LANDSCAPE_LEGEND:
            trace.name = _(trace.name)
    return fig


def landscape_pages(landscape: pd.DataFrame, *, width: int = FIGURE_WIDTH, max_height: int = LANDSCAPE_PAGE_HEIGHT,
                    max_pages: int = MAX_LANDSCAPE_PAGES) -> LandscapePages:
    """The landscape map cut into pictures no taller than ``max_height`` pixels, one a printed
    page: each is (the domains it shows, its figure). ``landscape`` is
    :func:`~fora_model.analysis.landscape.landscape` output.

    The map is cut between rows of main functions (:data:`~fora_model.viz.landscape.COLUMNS` a
    row), never inside one; whole domains stay together when they fit. A single row taller than a
    page is one picture of its own. An empty landscape is one (empty) picture. At most
    ``max_pages`` pictures: the rows after them are counted in ``left_out`` (a model with thousands
    of main functions would otherwise fill a thousand pages, and take as long to lay out).
    """
    pages = LandscapePages()
    if landscape.empty:
        pages.append(([], _landscape(landscape, width)))
        return pages
    rows: list[tuple[str, list[str]]] = []  # (domain, the function ids of one row of boxes)
    for (_domain_id, domain), part in landscape.groupby(["domain_id", "domain"], sort=False):
        functions = list(dict.fromkeys(part["function_id"].tolist()))
        rows += [(str(domain), functions[i:i + COLUMNS]) for i in range(0, len(functions), COLUMNS)]
    chosen: list[str] = []
    domains: list[str] = []
    drawn: go.Figure | None = None
    for number_of_row, (domain, functions) in enumerate(rows):
        trial = chosen + functions
        fig = _landscape(landscape[landscape["function_id"].isin(trial)], width)
        if drawn is not None and fig.layout.height > max_height:
            pages.append((domains, drawn))
            if len(pages) == max_pages:
                pages.left_out = sum(len(f) for _d, f in rows[number_of_row:])
                return pages
            chosen, domains = list(functions), [domain]
            drawn = _landscape(landscape[landscape["function_id"].isin(chosen)], width)
            continue
        chosen, drawn = trial, fig
        if domain not in domains:
            domains.append(domain)
    if drawn is not None:
        pages.append((domains, drawn))
    return pages


def figure_images(figures: Mapping[str, go.Figure], directory: str | Path, fmt: str = "png") -> list[Path]:
    """Write each figure as ``<directory>/<name>.<fmt>`` through kaleido; returns the files written.

    Static export needs a Chrome that kaleido can find. Without one (or without kaleido) this
    writes nothing and returns an empty list: images are an extra, never a requirement.
    """
    target = Path(directory)
    written: list[Path] = []
    try:
        import kaleido

        target.mkdir(parents=True, exist_ok=True)
        kaleido.start_sync_server(silence_warnings=True)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # plotly warns that a running server ignores its options
                for name, fig in figures.items():
                    path = target / f"{name}.{fmt}"
                    fig.write_image(path, format=fmt)
                    written.append(path)
        finally:
            kaleido.stop_sync_server(silence_warnings=True)
    except Exception:  # no Chrome, no kaleido, or a kaleido failure: images are optional
        return written
    return written
