"""Plotly figures for rationalisation: the TIME quadrant, coverage by goal, savings per cluster.

Each builder takes an analysis frame and returns a ``plotly.graph_objects.Figure`` of a fixed
size (so it prints without being cut); nothing is shown or written. Every piece of model text is
HTML-escaped before it reaches plotly, which would otherwise render ``<b>``, ``<br>`` and
``<a href>`` in names. :func:`figure_images` renders PNG files through kaleido where it finds a
Chrome, and returns nothing (never raises) where it does not.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..formatting import money
from ..viz.palette import RECOMMENDATION_COLOURS, STATUS_COLOURS
from ..viz.text import plotly_text

__all__ = [
    "FIGURE_HEIGHT",
    "FIGURE_WIDTH",
    "RECOMMENDATION_COLOURS",
    "coverage_figure",
    "figure_images",
    "savings_figure",
    "time_quadrant_figure",
]

FIGURE_WIDTH = 1000
"""Width of every figure in CSS pixels: fits A4 landscape (277 mm usable ≈ 1047 px)."""
FIGURE_HEIGHT = 430
"""Height of every figure in CSS pixels."""


_FONT = {"family": "DejaVu Sans, Arial, sans-serif", "size": 12}


def _layout(fig: go.Figure, title: str, height: int = FIGURE_HEIGHT) -> go.Figure:
    fig.update_layout(
        title={"text": plotly_text(title), "x": 0.01, "font": {"size": 15}},
        width=FIGURE_WIDTH,
        height=height,
        template="plotly_white",
        font=_FONT,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig






def time_quadrant_figure(time: pd.DataFrame, title: str = "TIME: functional vs technical fit") -> go.Figure:
    """Applications by functional (x) and technical (y) fit, bubble area by annual cost, colour by
    recommendation. ``time`` is :func:`~fora_model.analysis.time.time_recommendations` output.

    Applications sharing a score pair are spread in a small circle so that none hides another;
    unassessed ones cannot be placed and are counted in a note.
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
            f"<b>{plotly_text(r.application, 60)}</b><br>{plotly_text(r.recommendation)} ({plotly_text(r.rule)})<br>"
            f"fit {r.functional_fit} / {r.technical_fit}, {plotly_text(money(r.annual_cost))} a year<br>"
            f"{plotly_text(r.rationale, 140)}"
            for r in rows.itertuples(index=False)
        ]
        fig.add_trace(go.Scatter(
            x=x[mask], y=y[mask], mode="markers+text", name=recommendation,
            text=[plotly_text(a, 18) if shown else ""
                  for a, shown in zip(rows["application"], named[mask], strict=True)],
            textposition="top center",
            textfont={"size": 10},
            hovertext=hover, hoverinfo="text",
            marker={"size": 12 + 38 * np.sqrt(cost[mask] / peak), "color": colour, "opacity": 0.75,
                    "line": {"width": 1, "color": "white"}},
        ))
    for value in (2.5,):
        fig.add_vline(x=value, line={"color": "#9e9e9e", "dash": "dot"})
        fig.add_hline(y=value, line={"color": "#9e9e9e", "dash": "dot"})
    for qx, qy, label in ((1.5, 4.4, "Tolerate"), (3.5, 4.4, "Invest"), (3.5, 0.6, "Migrate"),
                          (1.5, 0.6, "Eliminate")):
        fig.add_annotation(x=qx, y=qy, text=label, showarrow=False, font={"size": 13, "color": "#616161"})
    unplaced = len(time) - len(frame)
    if unplaced:
        fig.add_annotation(x=1, y=-0.16, xref="paper", yref="paper", xanchor="right", showarrow=False,
                           text=f"{unplaced} application{'s' * (unplaced != 1)} without fit scores not shown",
                           font={"size": 11, "color": "#616161"})
    fig.update_xaxes(title="functional fit", range=[0.4, 4.6], tickvals=[1, 2, 3, 4], zeroline=False)
    fig.update_yaxes(title="technical fit", range=[0.4, 4.6], tickvals=[1, 2, 3, 4], zeroline=False)
    return _layout(fig, title)


def coverage_figure(coverage: pd.DataFrame, title: str = "Coverage by goal") -> go.Figure:
    """Per goal, supported elements, those covered only by inheritance (through a process above
    them), real gaps and expected gaps as stacked horizontal bars, with the covered share as text.
    ``coverage`` is :func:`fora_model.goal_coverage` output."""
    frame = coverage.iloc[::-1]
    goals = [plotly_text(g, 48) for g in frame["goal"]]
    fig = go.Figure()
    for column, name, colour in (("supported", "supported", STATUS_COLOURS["supported"]),
                                 ("inherited", "covered by inheritance", STATUS_COLOURS["inherited"]),
                                 ("unsupported", "real gap", STATUS_COLOURS["unsupported"]),
                                 ("expected_gaps", "expected gap (needs no system)", STATUS_COLOURS["expected gap"])):
        fig.add_trace(go.Bar(y=goals, x=frame[column], name=name, orientation="h", marker={"color": colour},
                             hovertemplate="%{y}: %{x} " + name + "<extra></extra>"))
    share = ["" if pd.isna(c) else f"{c:.0%}" for c in frame["coverage"]]
    totals = (frame["supported"] + frame["inherited"] + frame["unsupported"] + frame["expected_gaps"]).to_numpy()
    fig.add_trace(go.Scatter(y=goals, x=totals, mode="text", text=share, textposition="middle right",
                             showlegend=False, hoverinfo="skip"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="supportable elements")
    layout = _layout(fig, title)
    layout.update_layout(margin={"l": 260})
    return layout


def savings_figure(savings: pd.DataFrame, title: str = "Net first-year saving per redundancy cluster") -> go.Figure:
    """Annual saving, exit cost and net first-year saving per cluster that retires something.
    ``savings`` is :func:`~fora_model.analysis.savings.redundancy_savings` output."""
    frame = savings[savings["retire"] != ""].head(12)
    labels = [f"{c}. {plotly_text(r, 40)}" for c, r in zip(frame["cluster"], frame["retire"], strict=True)]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=labels, y=frame["annual_saving"], name="annual saving", marker={"color": "#2e7d32"}))
    fig.add_trace(go.Bar(x=labels, y=-frame["exit_cost"], name="one-off exit cost", marker={"color": "#c62828"}))
    fig.add_trace(go.Scatter(x=labels, y=frame["net_saving"], name="net first year", mode="markers",
                             marker={"size": 12, "color": "#212121", "symbol": "diamond"}))
    fig.update_layout(barmode="relative")
    fig.update_yaxes(title="EUR", tickprefix="€", separatethousands=True)
    return _layout(fig, title)


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
