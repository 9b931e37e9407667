"""Plotly figures of a model: what the overview and the rationalisation page show (the board
view's figures are in :mod:`fora_model.viz.board`).

Every builder is a pure function of a model (plus the analysis options ``level`` and ``paths``)
that returns a ``plotly.graph_objects.Figure``. Plotly renders a subset of HTML in any text it
draws (``<b>``, ``<br>``, ``<a href=…>``), so every name is HTML-escaped by
:func:`~fora_model.viz.text.plotly_text` before it reaches a figure and is shown exactly as typed.
Categories are keyed by element id and labelled with ``ticktext``, so two elements with the same
name stay two bars.

Colours follow :mod:`fora_model.viz.palette`: the support states have the same colour in every
figure and in the network.

>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> a = m.add_element(Element.new("activity", "<b>Grades</b>", id="a"))
>>> fig = sunburst(m)
>>> "&lt;b&gt;Grades&lt;/b&gt;" in fig.data[0].labels
True
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from ..analysis import (
    PATH_NAMES,
    application_overlap,
    support_table,
)
from ..analysis.status import element_status
from ..arrays import isin
from ..formatting import number
from ..hierarchy import hierarchy
from ..i18n import N_, _, n_
from ..model import Model
from ..tables import model_tables
from ..vocabulary import ElementKind, RelationKind
from .labels import text_size
from .palette import KIND_STYLES, STATUS_COLOURS, STATUS_LABELS
from .text import plotly_text

__all__ = [
    "COLUMN_LABEL_LIMIT",
    "FONT",
    "MATRIX_ROWS",
    "ROW_LABEL_LIMIT",
    "applications_bar",
    "overlap_heatmap",
    "sunburst",
    "support_heatmap",
    "wrapped",
]

FONT = "Source Sans Pro, Arial, sans-serif"
"""The font family of every figure (Streamlit's own)."""

_STRUCTURE = "#E4ECF4"  # processes without support of their own: structure, not a state
_NO_GOAL = N_("(no goal)")
_NOT_LINKED = N_("Not linked to a goal")
_NO_PROCESS = N_("(no process)")




def _layout(fig: go.Figure, title: str | dict[str, Any], height: int, **extra: Any) -> go.Figure:
    settings: dict[str, Any] = {
        "title": title if isinstance(title, dict) else {"text": title, "x": 0, "xanchor": "left",
                                                          "font": {"size": 18}},
        "template": "plotly_white",
        "font": {"family": FONT, "size": 13, "color": "#262730"},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "hoverlabel": {"font": {"family": FONT, "size": 13}, "bgcolor": "#ffffff"},
    }
    settings.update(extra)
    fig.update_layout(**settings)
    return fig


def _legend_markers(fig: go.Figure, entries: Sequence[tuple[str, str]]) -> None:
    """Legend entries for traces that have no legend of their own (sunburst, heatmap bands)."""
    for name, colour in entries:
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, hoverinfo="skip",
                                 marker={"size": 13, "color": colour, "symbol": "square",
                                         "line": {"width": 1, "color": "#555555"}}))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)


def wrapped(text: object, width: int) -> str:
    """Model text escaped for plotly and broken into lines of about ``width`` characters at spaces
    (``<br>``); nothing is cut.

    >>> wrapped("Sound and compliant <operations>", 12)
    'Sound and<br>compliant<br>&lt;operations&gt;'
    """
    lines: list[str] = []
    for word in plotly_text(text).split(" "):
        if lines and len(html.unescape(lines[-1])) + 1 + len(html.unescape(word)) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _unique(labels: Sequence[str]) -> list[str]:
    """Labels made unique by numbering repeats (plotly merges equal category names)."""
    seen: dict[str, int] = defaultdict(int)
    out = []
    for label in labels:
        seen[label] += 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


# ----------------------------------------------------------------------------- overview
def sunburst(model: Model, *, level: str | None = None, paths: str | Iterable[str] | None = None) -> go.Figure:
    """Goal → process → activity, each supportable element coloured by its support state.

    An element under two goals or two processes appears under each. Elements under no goal sit
    under ``(no goal)``. Sector sizes count the activities below.
    """
    t = model_tables(model)
    h = hierarchy(model)
    status = element_status(model, level=level, paths=paths)
    state = dict(zip(status["element_id"], status["status"], strict=True))
    count = dict(zip(status["element_id"], status["supporters"], strict=True))
    kind = np.array([k.value for k in ElementKind], dtype=object)[t.kind]
    children: dict[int, list[int]] = defaultdict(list)
    for p, c in zip(h.parent.tolist(), h.child.tolist(), strict=True):
        children[p].append(c)
    src, dst = t.relations(RelationKind.CONTRIBUTES_TO)
    business = np.isin(kind, ["process", "activity"])
    under_goal = np.zeros(t.size, dtype=bool)
    top: dict[int, list[int]] = defaultdict(list)
    for s, g in zip(src.tolist(), dst.tolist(), strict=True):
        if kind[g] == "goal" and business[s]:
            top[g].append(s)
            under_goal[s] = True
    under_goal |= h.below(under_goal)
    has_parent = np.zeros(t.size, dtype=bool)
    has_parent[h.child] = True
    loose = np.flatnonzero(business & ~under_goal & ~has_parent).tolist()

    ids: list[str] = []
    labels: list[str] = []
    parents: list[str] = []
    values: list[int] = []
    colours: list[str] = []
    hovers: list[str] = []

    def hover(code: int) -> str:
        element_id = str(t.ids[code])
        lines = [f"<b>{plotly_text(t.labels[code], 80)}</b>", _(KIND_STYLES[str(kind[code])].label)]
        if element_id in state:
            n = int(count[element_id])
            lines.append(f"{_(STATUS_LABELS[state[element_id]])} · {n_('{n} supporter', '{n} supporters', n)}")
        return "<br>".join(lines)

    def add(code: int, parent: str, depth: int) -> None:
        node = f"{parent}/{code}"
        ids.append(node)
        labels.append(plotly_text(t.labels[code], 28))
        parents.append(parent)
        element_id = str(t.ids[code])
        colours.append(STATUS_COLOURS[state[element_id]] if element_id in state else _STRUCTURE)
        hovers.append(hover(code))
        kids = children.get(code, []) if depth < 8 and len(ids) < 20_000 else []
        values.append(0 if kids else 1)
        for kid in sorted(kids, key=lambda k: str(t.labels[k]).casefold()):
            add(kid, node, depth + 1)

    goal_colour = KIND_STYLES["goal"].colour
    for g in np.flatnonzero(kind == "goal").tolist():
        ids.append(f"g{g}")
        labels.append(plotly_text(t.labels[g], 28))
        parents.append("")
        values.append(0 if top.get(g) else 1)
        colours.append(goal_colour)
        hovers.append(f"<b>{plotly_text(t.labels[g], 80)}</b><br>{_('Goal')}")
        for s in sorted(top.get(g, []), key=lambda k: str(t.labels[k]).casefold()):
            add(s, f"g{g}", 1)
    if loose:
        ids.append("none")
        labels.append(_(_NOT_LINKED))
        parents.append("")
        values.append(0)
        colours.append("#F2F2F2")
        hovers.append(_("Processes and activities that serve no goal"))
        for s in sorted(loose, key=lambda k: str(t.labels[k]).casefold()):
            add(s, "none", 1)

    fig = go.Figure(go.Sunburst(
        ids=ids, labels=labels, parents=parents, values=values, branchvalues="remainder",
        marker={"colors": colours, "line": {"color": "#ffffff", "width": 1}},
        hovertext=hovers, hoverinfo="text", insidetextorientation="radial", maxdepth=4,
        textfont={"family": FONT}, leaf={"opacity": 1.0},
    ))
    _legend_markers(fig, [(_(STATUS_LABELS[s]), STATUS_COLOURS[s]) for s in STATUS_COLOURS]
                    + [(_("Goal"), goal_colour), (_("Process (structure)"), _STRUCTURE)])
    return _layout(fig, _("Goals, processes and activities by support"), 680,
                   legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top", "font": {"size": 12}},
                   margin={"l": 10, "r": 10, "t": 50, "b": 70})


def _supported_counts(model: Model, level: str | None, paths: str | Iterable[str] | None) -> tuple[Any, np.ndarray]:
    table = support_table(model, level=level, paths=paths)
    pairs = table.chains[["element", "supporter"]].drop_duplicates()
    counts = np.bincount(pairs["supporter"].to_numpy(), minlength=table.tables.size)
    return table, counts


def applications_bar(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    limit: int = 25,
) -> go.Figure:
    """Applications (system types at that level) by the number of elements they support, orphans
    included, coloured by lifecycle; the ``limit`` largest are shown."""
    table, counts = _supported_counts(model, level, paths)
    t = table.tables
    kind = ElementKind.APPLICATION if table.level == "application" else ElementKind.SYSTEM_TYPE
    codes = [i for i, e in enumerate(model.elements.values()) if e.kind is kind]
    codes.sort(key=lambda c: (-int(counts[c]), str(t.labels[c]).casefold()))
    codes = codes[:limit]
    groups = {N_("in use"): "#332288", N_("phasing out"): "#D55E00", N_("planned"): "#BBBBBB"}
    fig = go.Figure()
    for group, colour in groups.items():
        chosen = [c for c in codes if _lifecycle_group(str(t.lifecycle[c])) == group]
        if not chosen:
            continue
        fig.add_trace(go.Bar(
            y=[str(t.ids[c]) for c in chosen], x=[int(counts[c]) for c in chosen], orientation="h",
            name=_(group), marker={"color": colour},
            customdata=[plotly_text(t.labels[c], 80) for c in chosen],
            hovertemplate="<b>%{customdata}</b><br>" + _("supports %{x} elements") + "<extra></extra>",
        ))
    order = [str(t.ids[c]) for c in codes]
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], tickmode="array",
                     tickvals=order, ticktext=[plotly_text(t.labels[c], 40) for c in codes], automargin=True)
    fig.update_xaxes(title=_("elements supported"), rangemode="tozero")
    if kind is ElementKind.APPLICATION:
        title = _("Support per application (top {n})", n=limit) if len(codes) == limit else _(
            "Support per application")
    else:
        title = _("Support per system type (top {n})", n=limit) if len(codes) == limit else _(
            "Support per system type")
    return _layout(fig, title, max(320, 24 * len(codes) + 140),
                   barmode="stack", legend={"orientation": "h", "y": -0.08 if len(codes) > 12 else -0.2})


def _lifecycle_group(lifecycle: str) -> str:
    if lifecycle in ("phase-out", "end-of-life"):
        return "phasing out"
    if lifecycle == "plan":
        return "planned"
    return "in use"


# ----------------------------------------------------------------------------- rationalisation
_PATH_RANK = {name: (3 if name in ("direct", "function") else 1 if name.endswith("parent") else 2)
              for name in PATH_NAMES}
_CELL = {0: (N_("no support"), "#F3F3F3"), 1: (N_("through a parent process"), "#BCD7EA"),
         2: (N_("through a system type"), "#5E9ECF"), 3: (N_("direct"), "#0B4F8A")}


MATRIX_ROWS = 300
"""How many rows the dashboard's support matrix draws (:func:`support_heatmap`'s ``max_rows``)."""


def support_heatmap(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    elements: Iterable[str] | None = None,
    max_rows: int | None = None,
) -> go.Figure:
    """The support matrix: supportable elements (rows, grouped by process) × supporters (columns).

    A cell shows the most direct way the supporter supports the element: ``direct`` (its own link
    or an assigned function), ``through a system type``, or only ``through a parent process``.
    ``elements`` limits the rows (e.g. to a goal's scope). Readable at 150 × 60. ``max_rows`` draws
    only the first that many rows in that order (the title says so): a board's 50,000 rows would
    take minutes to draw and no one could read them.
    """
    table = support_table(model, level=level, paths=paths)
    t = table.tables
    h = hierarchy(model)
    rows = np.flatnonzero(table.supportable)
    if elements is not None:
        rows = rows[np.isin(t.ids[rows], list(elements))]
    parent_of: dict[int, str] = {}
    for p, c in zip(h.parent.tolist(), h.child.tolist(), strict=True):
        name = str(t.labels[p])
        if c not in parent_of or name.casefold() < parent_of[c].casefold():
            parent_of[c] = name
    order = sorted(rows.tolist(), key=lambda c: (parent_of.get(c, "~").casefold(), str(t.labels[c]).casefold()))
    every = len(order)
    if max_rows is not None and every > max_rows:
        order = order[:max_rows]
    chains = table.chains
    chains = chains[isin(chains["element"].to_numpy(), np.asarray(order, dtype=np.int64))]
    best: dict[tuple[int, int], int] = {}
    via: dict[tuple[int, int], set[str]] = defaultdict(set)
    for e, s, code in zip(chains["element"].tolist(), chains["supporter"].tolist(),
                          chains["path_code"].tolist(), strict=True):
        name = PATH_NAMES[code]
        best[(e, s)] = max(best.get((e, s), 0), _PATH_RANK[name])
        via[(e, s)].add(name)
    supporters = sorted({s for _, s in best}, key=lambda s: str(t.labels[s]).casefold())
    z = np.zeros((len(order), len(supporters)), dtype=int)
    text = np.empty((len(order), len(supporters)), dtype=object)
    col = {s: j for j, s in enumerate(supporters)}
    row = {e: i for i, e in enumerate(order)}
    row_names = [plotly_text(t.labels[e]) for e in order]
    col_names = [plotly_text(t.labels[s]) for s in supporters]
    no_support = _("no support")
    for i in range(len(order)):
        for j in range(len(supporters)):
            text[i, j] = f"{row_names[i]}<br>{col_names[j]}: {no_support}"
    for (e, s), rank in best.items():
        i, j = row[e], col[s]
        z[i, j] = rank
        text[i, j] = (f"{row_names[i]}<br>{col_names[j]}: "
                      f"{', '.join(sorted(via[(e, s)], key=PATH_NAMES.index))}")
    y = [[wrapped(parent_of.get(e, _(_NO_PROCESS)), 20) for e in order],
         _unique([plotly_text(t.labels[e], ROW_LABEL_LIMIT) for e in order])]
    keys = [str(t.ids[s]) for s in supporters]
    ticks = [plotly_text(t.labels[s], COLUMN_LABEL_LIMIT) for s in supporters]
    scale = []
    for value in range(4):
        scale += [[value / 4, _CELL[value][1]], [(value + 1) / 4, _CELL[value][1]]]
    fig = go.Figure(go.Heatmap(
        z=z, x=keys, y=y, zmin=-0.5, zmax=3.5, colorscale=scale, xgap=1, ygap=1, showscale=False,
        customdata=text, hovertemplate="%{customdata}<extra></extra>", name="",
    ))
    for value in range(4):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=_(_CELL[value][0]), hoverinfo="skip",
                                 marker={"size": 13, "color": _CELL[value][1], "symbol": "square",
                                         "line": {"width": 1, "color": "#888888"}}))
    fig.update_yaxes(autorange="reversed", tickfont={"size": 11}, automargin=True)
    top = _column_labels(fig, keys, ticks)
    who = _("applications") if table.level == "application" else _("system types")
    height = max(360, 17 * len(order) + top + 40)
    title = _("Support matrix: activities by process × {who}", who=who)
    if len(order) < every:
        title += _(" (the first {shown} of {every} rows)", shown=number(len(order)), every=number(every))
    return _layout(fig, _top_title(title), height,
                   legend={"orientation": "h", "xref": "container", "x": 0, "xanchor": "left", "yref": "container",
                           "y": 1 - 44 / height, "yanchor": "top", "font": {"size": 12}},
                   margin={"l": 10, "r": 10, "t": top + _TOP_TITLE, "b": 10})


ROW_LABEL_LIMIT = 64
"""Row names longer than this are cut (the sample school's longest, 52 characters, is not)."""

COLUMN_LABEL_LIMIT = 24
"""Column names are cut to this many characters; the hover has the whole name."""

_TOP_TITLE = 100  # title and legend (two rows at 600 px) above the column labels


def _top_title(text: str, subtitle: str = "") -> dict[str, Any]:
    """A title pinned to the top of the figure, above the legend and the column labels."""
    title: dict[str, Any] = {"text": text, "x": 0, "xanchor": "left", "yref": "container", "y": 1,
                             "yanchor": "top", "pad": {"t": 10}, "font": {"size": 18}}
    if subtitle:
        title["subtitle"] = {"text": subtitle, "font": {"size": 13, "color": "#616161"}}
    return title


def _column_labels(fig: go.Figure, keys: Sequence[str], ticks: Sequence[str], size: int = 11) -> int:
    """Every column labelled at the top (plotly would skip some of a crowded axis): ``ticks`` for
    the category ``keys``, upright when there are many columns; returns the pixels they take."""
    angle = -90 if len(keys) > 12 else -50
    fig.update_xaxes(side="top", tickangle=angle, tickfont={"size": size}, automargin=True, tickmode="array",
                     tickvals=list(keys), ticktext=list(ticks), categoryorder="array", categoryarray=list(keys))
    longest = max((text_size(t, size)[0] for t in ticks), default=0.0)
    return int(longest * (1.0 if angle == -90 else 0.77)) + 16


def overlap_heatmap(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    limit: int = 30,
) -> go.Figure:
    """Pairwise overlap (Jaccard of the elements supported) between the ``limit`` supporters that
    overlap most; hover shows the number of shared elements."""
    frame = application_overlap(model, level=level, paths=paths, names=0)  # counts only: no names are shown
    t = model_tables(model)
    first_ids, second_ids = frame["application_a_id"].astype(str), frame["application_b_id"].astype(str)
    score: dict[str, float] = defaultdict(float)
    for first, second, jaccard in zip(first_ids.tolist(), second_ids.tolist(), frame["jaccard"].tolist(), strict=True):
        score[first] += jaccard
        score[second] += jaccard
    chosen = sorted(score, key=lambda i: (-score[i], i))[:limit]
    position = {i: n for n, i in enumerate(chosen)}
    codes = t.code_of(chosen)
    label = {str(i): str(lbl) for i, lbl in zip(t.ids[codes], t.labels[codes], strict=True)}
    size = len(chosen)
    z = np.full((size, size), np.nan)
    text = np.full((size, size), "", dtype=object)
    among = (first_ids.isin(position) & second_ids.isin(position)).to_numpy()
    for first, second, jaccard, shared in zip(first_ids[among], second_ids[among], frame["jaccard"][among],
                                              frame["shared"][among], strict=True):
        i, j = position[first], position[second]
        detail = _("{first} and {second}<br>Jaccard {jaccard} · {shared} shared elements",
                   first=plotly_text(label[first]), second=plotly_text(label[second]),
                   jaccard=number(jaccard, 2), shared=number(shared))
        z[i, j] = z[j, i] = jaccard
        text[i, j] = text[j, i] = detail
    names = [plotly_text(label[i], COLUMN_LABEL_LIMIT) for i in chosen]
    fig = go.Figure(go.Heatmap(
        z=z, x=chosen, y=chosen, zmin=0, zmax=1, colorscale="Oranges", xgap=1, ygap=1,
        customdata=text, hovertemplate="%{customdata}<extra></extra>",
        colorbar={"title": {"text": "Jaccard"}, "thickness": 14},
    ))
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont={"size": 11}, tickmode="array",
                     tickvals=list(chosen), ticktext=names)
    top = _column_labels(fig, chosen, names)
    title = _top_title(_("Overlap between supporters"), _("Share of supported elements in common (Jaccard)"))
    return _layout(fig, title, max(360, 22 * size + top + 40),
                   margin={"l": 10, "r": 10, "t": top + _TOP_TITLE - 30, "b": 10})
