"""The board view's figures: coverage by goal, goals → processes → system types → applications as a
Sankey diagram, and the duplications that cost most. Pure functions of a model returning plotly
figures; names are escaped with :func:`fora_model.viz.text.plotly_text` as everywhere.

>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> a = m.add_element(Element.new("activity", "Plan <i>lessons</i>", id="a"))
>>> g = m.add_element(Element.new("goal", "Good teaching", id="g"))
>>> _ = m.add_relation(Relation.new("contributes_to", "a", "g"))
>>> coverage_by_goal(m).layout.title.text
'Coverage by goal'
"""

from __future__ import annotations

import html
import math
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..analysis import duplicated_activities, goal_coverage, support_table
from ..formatting import money, number, percent
from ..hierarchy import hierarchy
from ..i18n import N_, _, n_
from ..model import Model
from ..vocabulary import ElementKind, RelationKind
from .figures import _NO_GOAL, _NO_PROCESS, FONT, _layout, _top_title, wrapped
from .labels import text_size
from .palette import KIND_STYLES, STATUS_COLOURS, SUPPORTER_COLOURS, SUPPORTER_PATTERNS
from .text import plotly_text

__all__ = [
    "GOAL_WRAP",
    "LEGEND_LIMIT",
    "SANKEY_COLUMNS",
    "SANKEY_FONT",
    "SANKEY_LINE",
    "SANKEY_PAD",
    "SANKEY_WRAP",
    "coverage_by_goal",
    "sankey",
    "top_duplications",
    "weakest_goal",
]


# ----------------------------------------------------------------------------- board view
GOAL_WRAP = 28
"""Goal names are broken into lines of about this many characters (never cut)."""


def weakest_goal(coverage: pd.DataFrame) -> pd.Series | None:
    """The row of :func:`~fora_model.goal_coverage` output for the goal with the lowest covered share
    (ties by name), among real goals with something needing support; None when there is none. The
    coverage figure marks it and the Board view's sentence names it, so the two always agree.

    >>> frame = pd.DataFrame({"goal_id": ["g", "h", ""], "goal": ["B", "A", "(no goal)"],
    ...                       "coverage": [0.5, 0.5, 0.1]})
    >>> weakest_goal(frame)["goal"]
    'A'
    """
    goals = coverage[coverage["goal_id"] != ""].dropna(subset=["coverage"])
    if goals.empty:
        return None
    return goals.sort_values(["coverage", "goal"], kind="stable").iloc[0]


def coverage_by_goal(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> go.Figure:
    """Per goal, the elements that need support split into supported (support of their own),
    covered by inheritance (only through a process above) and unsupported, with expected gaps
    beside them and the covered percentage at the end of each bar; the weakest goal
    (:func:`weakest_goal`) is marked. Work linked to no goal is not a goal: it is left out of the
    bars and counted in a note under them (annotation ``note``)."""
    every = goal_coverage(model, level=level, paths=paths)
    frame = every[every["goal_id"] != ""].reset_index(drop=True)
    loose = every[every["goal_id"] == ""]
    weakest = weakest_goal(every)
    keys = [f"{i}|{n}" for n, i in enumerate(frame["goal_id"])]
    names = [wrapped(g, GOAL_WRAP) for g in frame["goal"]]
    ticks = []
    for name, goal_id, coverage in zip(names, frame["goal_id"], frame["coverage"], strict=True):
        is_weakest = weakest is not None and goal_id == weakest["goal_id"]
        if pd.isna(coverage):
            share = _("no element needs support")
        elif is_weakest:
            share = _("{share} covered · weakest", share=percent(coverage))
        else:
            share = _("{share} covered", share=percent(coverage))
        shown = f"<b>{name}</b>" if is_weakest else name
        ticks.append(f'{shown}<br><span style="font-size:12px;color:#555555">{share}</span>')
    fig = go.Figure()
    for column, label, colour in (("supported", N_("Supported"), STATUS_COLOURS["supported"]),
                                  ("inherited", N_("Covered by inheritance"), STATUS_COLOURS["inherited"]),
                                  ("unsupported", N_("Unsupported (real gap)"), STATUS_COLOURS["unsupported"]),
                                  ("expected_gaps", N_("Expected gap"), STATUS_COLOURS["expected gap"])):
        shown = _(label)
        fig.add_trace(go.Bar(
            y=keys, x=frame[column].tolist(), name=shown, orientation="h", marker={"color": colour},
            customdata=[plotly_text(g) for g in frame["goal"]],
            hovertemplate=f"<b>%{{customdata}}</b><br>{shown}: %{{x}}<extra></extra>",
        ))
    height = max(300, 64 * len(keys) + 200)
    if len(loose):
        row = loose.iloc[0]
        elements = int(row["needing_support"] + row["expected_gaps"])
        note = n_("Not shown: {n} process or activity linked to no goal",
                  "Not shown: {n} processes and activities linked to no goal", elements)
        if not pd.isna(row["coverage"]):
            note += " " + _("({share} covered, {gaps} real gaps).", share=percent(row["coverage"]),
                            gaps=number(row["unsupported"]))
        else:
            note += "."
        fig.add_annotation(name="note", x=0, xref="paper", y=-58 / (height - 200), yref="paper", yanchor="top",
                           xanchor="left", showarrow=False, text=wrapped(note, 52), align="left",
                           font={"size": 12, "color": "#616161"})
    fig.update_yaxes(categoryorder="array", categoryarray=keys[::-1], tickmode="array", tickvals=keys,
                     ticktext=ticks, automargin=True, tickfont={"size": 14})
    fig.update_xaxes(title=_("processes and activities"), rangemode="tozero")
    return _layout(fig, _top_title(_("Coverage by goal")), height, barmode="stack",
                   legend={"orientation": "h", "x": 0, "xref": "container", "y": 1 - 44 / height,
                           "yref": "container", "yanchor": "top", "traceorder": "normal"},
                   margin={"l": 10, "r": 10, "t": 100, "b": 100})


def sankey(model: Model, *, level: str | None = None, paths: str | Iterable[str] | None = None) -> go.Figure:
    """Goal → top-level process → system type → application, each link weighted by the number of
    activities that flow along it. Activities supported without a system type go through
    ``(direct)``; activities that need support and have none end in ``Unsupported``."""
    table = support_table(model, level=level, paths=paths)
    t = table.tables
    h = hierarchy(model)
    kind = np.array([k.value for k in ElementKind], dtype=object)[t.kind]
    activities = np.flatnonzero(kind == "activity")
    has_parent = h.has_parent()
    roots: dict[int, set[int]] = defaultdict(set)
    for e, a in zip(*(codes.tolist() for codes in h.ancestor_pairs(~has_parent)), strict=True):
        roots[e].add(a)
    src, dst = t.relations(RelationKind.CONTRIBUTES_TO)
    direct_goals: dict[int, set[int]] = defaultdict(set)
    for s, g in zip(src.tolist(), dst.tolist(), strict=True):
        if kind[g] == "goal":
            direct_goals[s].add(g)
    with_goal = np.zeros(t.size, dtype=bool)
    with_goal[list(direct_goals)] = True
    ancestors: dict[int, set[int]] = defaultdict(set)
    for e, a in zip(*(codes.tolist() for codes in h.ancestor_pairs(with_goal)), strict=True):
        ancestors[e].add(a)
    chains = table.chains
    support: dict[int, set[tuple[int, int]]] = defaultdict(set)
    for e, s, vt in zip(chains["element"].tolist(), chains["supporter"].tolist(), chains["via_type"].tolist(),
                        strict=True):
        if table.level == "system_type":
            support[e].add((s, -1))
        else:
            support[e].add((vt, s))
    needs = h.needs_support

    nodes: dict[tuple[str, int], int] = {}
    labels: list[str] = []
    colours: list[str] = []

    def node(column: str, code: int, label: str, colour: str) -> int:
        key = (column, code)
        if key not in nodes:
            nodes[key] = len(labels)
            labels.append(label)
            colours.append(colour)
        return nodes[key]

    links: dict[tuple[int, int], set[int]] = defaultdict(set)
    for a in activities.tolist():
        goals = set().union(*(direct_goals.get(x, set()) for x in {a, *ancestors.get(a, set())}))
        tops = roots.get(a, set()) or {-1}
        goal_nodes = [node("goal", g, plotly_text(t.labels[g]), KIND_STYLES["goal"].colour) for g in goals] or [
            node("goal", -1, _(_NO_GOAL), "#BBBBBB")]
        top_nodes = [node("process", p, plotly_text(t.labels[p]), KIND_STYLES["process"].colour) if p >= 0
                     else node("process", -1, _(_NO_PROCESS), "#BBBBBB") for p in tops]
        for g in goal_nodes:
            for p in top_nodes:
                links[(g, p)].add(a)
        if not support.get(a):
            if needs[a]:
                gap = node("type", -2, _("(no system)"), STATUS_COLOURS["unsupported"])
                for p in top_nodes:
                    links[(p, gap)].add(a)
                links[(gap, node("app", -2, _("Unsupported"), STATUS_COLOURS["unsupported"]))].add(a)
            continue
        for vt, app in support[a]:
            if table.level == "system_type":
                middle = node("type", vt if vt >= 0 else app, plotly_text(t.labels[app]),
                              KIND_STYLES["system_type"].colour)
                for p in top_nodes:
                    links[(p, middle)].add(a)
                continue
            middle = (node("type", vt, plotly_text(t.labels[vt]), KIND_STYLES["system_type"].colour) if vt >= 0
                      else node("type", -1, _("(direct)"), "#9E9E9E"))
            leaf = node("app", app, plotly_text(t.labels[app]), KIND_STYLES["application"].colour)
            for p in top_nodes:
                links[(p, middle)].add(a)
            links[(middle, leaf)].add(a)
    source = [s for s, _ in links]
    target = [d for _, d in links]
    value = [len(v) for v in links.values()]
    gaps = {nodes.get(("type", -2)), nodes.get(("app", -2))}
    red = STATUS_COLOURS["unsupported"]
    gap_colour = f"rgba({int(red[1:3], 16)},{int(red[3:5], 16)},{int(red[5:7], 16)},0.35)"
    link_colour = [gap_colour if d in gaps else "rgba(120,120,140,0.22)" for d in target]
    columns = [key[0] for key in nodes]
    inflow = np.zeros(len(labels))
    outflow = np.zeros(len(labels))
    for s_, d_, v_ in zip(source, target, value, strict=True):
        outflow[s_] += v_
        inflow[d_] += v_
    through = np.maximum(inflow, outflow)
    tallest = max([columns.count(column) for column in SANKEY_COLUMNS] + [1])
    height = max(520, min(2400, (SANKEY_PAD + 18) * tallest + 160))
    plot_height = height - _SANKEY_MARGIN["t"] - _SANKEY_MARGIN["b"]
    scale = min([(plot_height - SANKEY_PAD * (columns.count(c) - 1)) / max(through[[i for i, k in enumerate(columns)
                                                                                 if k == c]].sum(), 1)
                 for c in SANKEY_COLUMNS if c in columns] or [1.0])
    shown = []
    full = []
    for i, label in enumerate(labels):
        text = wrapped(html.unescape(label), SANKEY_WRAP[columns[i]])
        lines = text.count("<br>") + 1
        full.append(label)
        # a label may reach past its node by half the gap above and below it
        shown.append(text if through[i] * scale + SANKEY_PAD >= lines * SANKEY_LINE else "")
    unit = _("activities")
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node={"label": shown, "color": colours, "pad": SANKEY_PAD, "thickness": 16, "customdata": full,
              "line": {"color": "#ffffff", "width": 0.5},
              "hovertemplate": "%{customdata}<br>%{value} " + unit + "<extra></extra>"},
        link={"source": source, "target": target, "value": value, "color": link_colour,
              "customdata": [[full[s_], full[d_]] for s_, d_ in zip(source, target, strict=True)],
              "hovertemplate": "%{customdata[0]} → %{customdata[1]}<br>%{value} " + unit + "<extra></extra>"},
        textfont={"family": FONT, "size": SANKEY_FONT, "color": "#262730"},
    ))
    return _layout(fig, {"text": _("How goals reach applications"), "x": 0, "xanchor": "left",
                         "font": {"size": 18},
                         "subtitle": {"text": _("Each band counts the activities that flow along it"),
                                      "font": {"size": 13, "color": "#616161"}}},
                   height, margin=dict(_SANKEY_MARGIN))


SANKEY_COLUMNS: tuple[str, ...] = ("goal", "process", "type", "app")
"""The Sankey's columns from left to right."""

SANKEY_PAD = 18
"""Pixels between two nodes of a column."""

SANKEY_FONT = 11
"""The size of the node labels in pixels."""

SANKEY_LINE = 14
"""Pixels a line of a node label takes."""

SANKEY_WRAP: dict[str, int] = {"goal": 24, "process": 24, "type": 12, "app": 11}
"""Node labels are broken into lines of about this many characters per column, so that in a figure
600 px wide a label fits in the gap it reaches into (the last gap holds the system types' labels
and, facing them, the applications'); a node too thin for its label shows it on hover only."""

_SANKEY_MARGIN = {"l": 10, "r": 10, "t": 80, "b": 10}


def top_duplications(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    limit: int = 12,
    include_inherited: bool = False,
) -> go.Figure:
    """The duplicated elements with the highest combined annual cost of their supporters (by number
    of supporters when no cost is recorded), one bar per element made of one segment per supporter:
    every supporter is a segment of its own colour, named inside it and in the legend, with its
    annual cost on hover; the combined cost stands at the end of the bar.

    The root rows of :func:`~fora_model.duplicated_activities`; with ``include_inherited`` the
    inherited rows too, named ``(inherited)``."""
    frame = duplicated_activities(model, level=level, paths=paths, include_inherited=include_inherited)
    has_cost = bool(frame["annual_cost"].notna().any())
    if has_cost:
        frame = frame.sort_values(["annual_cost", "application_count"], ascending=[False, False],
                                  na_position="last", kind="stable")
    frame = frame.head(limit)
    keys = [f"{i}|{n}" for n, i in enumerate(frame["activity_id"])]
    inherited = (frame["inherited_from_id"] != "").tolist()
    suffix = " " + _("(inherited)")
    names = [wrapped(a, 26) + (suffix if i else "") for a, i in zip(frame["activity"], inherited, strict=True)]
    rows = [[i for i in str(ids).split(" | ") if i] for ids in frame["application_ids"]]
    supporters = sorted({i for row in rows for i in row},
                        key=lambda i: (-sum(i in row for row in rows), _label(model, i).casefold()))
    fig = go.Figure()
    for n, supporter in enumerate(supporters):
        colour = SUPPORTER_COLOURS[n % len(SUPPORTER_COLOURS)]
        pattern = SUPPORTER_PATTERNS[(n // len(SUPPORTER_COLOURS)) % len(SUPPORTER_PATTERNS)]
        mine = [k for k, row in zip(keys, rows, strict=True) if supporter in row]
        name = plotly_text(_label(model, supporter))
        cost = model.elements[supporter].attributes.get("annual_cost") if supporter in model.elements else None
        fig.add_trace(go.Bar(
            y=mine, x=[1] * len(mine), orientation="h", name=plotly_text(_label(model, supporter), LEGEND_LIMIT),
            marker={"color": colour, "line": {"color": "#ffffff", "width": 1.5},
                    "pattern": {"shape": pattern, "fgcolor": "#ffffff", "size": 6}},
            text=[plotly_text(_label(model, supporter), 14)] * len(mine), textposition="inside",
            insidetextanchor="middle", textfont={"color": _ink(colour), "size": 11}, constraintext="inside",
            customdata=[name] * len(mine),
            hovertemplate="<b>%{customdata}</b><br>" + plotly_text(money(cost)) + " "
                          + _("a year") + "<extra></extra>",
        ))
    counts = frame["application_count"].tolist()
    totals = []
    for key, count, total in zip(keys, counts, frame["annual_cost"], strict=True):
        text = (_("{amount} a year", amount=money(total)) if has_cost and not pd.isna(total)
                else n_("{n} supporter", "{n} supporters", int(count)))
        totals.append({"name": "total", "x": count, "y": key, "text": plotly_text(text), "showarrow": False,
                       "xanchor": "left", "xshift": 6, "font": {"size": 13, "color": "#262730"}})
    fig.update_layout(annotations=totals)  # at once: plotly checks the whole list on every add_annotation
    fig.update_yaxes(categoryorder="array", categoryarray=keys[::-1], tickmode="array", tickvals=keys,
                     ticktext=names, automargin=True, tickfont={"size": 13})
    fig.update_xaxes(title=_("supporters (one segment each)"), rangemode="tozero", dtick=1,
                     range=[0, max([*counts, 1]) + 1.8])
    title = _("Top duplications by cost") if has_cost else _("Top duplications by number of supporters")
    # the legend sits between the title and the bars, in as many rows as a 600 px figure needs
    # plotly wraps a horizontal legend at the plot's width and gives every entry the widest one's
    widest = max((text_size(plotly_text(_label(model, i), LEGEND_LIMIT), 12)[0] + 40 for i in supporters), default=0)
    labels = max((text_size(name, 13)[0] for name in names), default=0)
    per_row = max(1, int((580 - labels) // widest)) if widest else 1
    legend_height = 22 * math.ceil(len(supporters) / per_row) if supporters else 0
    height = max(320, 48 * len(keys) + 120 + legend_height)
    return _layout(fig, _top_title(title), height, barmode="stack",
                   legend={"orientation": "h", "x": 0, "xref": "container", "y": 1 - 44 / height,
                           "yref": "container", "yanchor": "top", "traceorder": "normal"},
                   margin={"l": 10, "r": 10, "t": 54 + legend_height, "b": 10})


LEGEND_LIMIT = 18
"""Supporter names in the duplications legend are cut to this many characters (so that three fit a
row at 600 px); the segment's hover has the whole name."""


def _label(model: Model, identifier: str) -> str:
    element = model.elements.get(identifier)
    return element.label if element is not None else identifier


def _ink(fill: str) -> str:
    """Dark or white text, whichever reads on ``fill``."""
    red, green, blue = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return "#1f1f1f" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#ffffff"
