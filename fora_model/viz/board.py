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

from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..analysis import duplicated_activities, goal_coverage, support_table
from ..hierarchy import hierarchy
from ..model import Model
from ..vocabulary import ElementKind, RelationKind
from .figures import _NO_GOAL, _NO_PROCESS, FONT, _layout
from .palette import KIND_STYLES, STATUS_COLOURS
from .text import plotly_text

__all__ = ["coverage_by_goal", "sankey", "top_duplications"]


# ----------------------------------------------------------------------------- board view
def coverage_by_goal(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> go.Figure:
    """Per goal, the elements that need support split into supported (support of their own),
    covered by inheritance (only through a process above) and unsupported, with expected gaps
    beside them and the covered percentage at the end of each bar."""
    frame = goal_coverage(model, level=level, paths=paths)
    keys = [f"{i}|{n}" for n, i in enumerate(frame["goal_id"])]
    names = [plotly_text(g, 40) for g in frame["goal"]]
    fig = go.Figure()
    for column, label, colour in (("supported", "Supported", STATUS_COLOURS["supported"]),
                                  ("inherited", "Covered by inheritance", STATUS_COLOURS["inherited"]),
                                  ("unsupported", "Unsupported (real gap)", STATUS_COLOURS["unsupported"]),
                                  ("expected_gaps", "Expected gap", STATUS_COLOURS["expected gap"])):
        fig.add_trace(go.Bar(
            y=keys, x=frame[column].tolist(), name=label, orientation="h", marker={"color": colour},
            customdata=names, hovertemplate=f"<b>%{{customdata}}</b><br>{label}: %{{x}}<extra></extra>",
        ))
    totals = (frame["needing_support"] + frame["expected_gaps"]).tolist()
    for key, total, coverage in zip(keys, totals, frame["coverage"], strict=True):
        text = "no element needs support" if pd.isna(coverage) else f"{coverage:.0%} covered"
        fig.add_annotation(x=total, y=key, text=text, showarrow=False, xanchor="left", xshift=6,
                           font={"size": 14, "color": "#262730"})
    fig.update_yaxes(categoryorder="array", categoryarray=keys[::-1], tickmode="array", tickvals=keys,
                     ticktext=names, automargin=True, tickfont={"size": 14})
    fig.update_xaxes(title="processes and activities", rangemode="tozero")
    fig.update_layout(xaxis_range=[0, max([*totals, 1]) * 1.22])
    return _layout(fig, "Coverage by goal", max(300, 56 * len(keys) + 160), barmode="stack",
                   legend={"orientation": "h", "y": -0.18, "x": 0, "traceorder": "normal"})


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
        goal_nodes = [node("goal", g, plotly_text(t.labels[g], 40), KIND_STYLES["goal"].colour) for g in goals] or [
            node("goal", -1, _NO_GOAL, "#BBBBBB")]
        top_nodes = [node("process", p, plotly_text(t.labels[p], 40), KIND_STYLES["process"].colour) if p >= 0
                     else node("process", -1, _NO_PROCESS, "#BBBBBB") for p in tops]
        for g in goal_nodes:
            for p in top_nodes:
                links[(g, p)].add(a)
        if not support.get(a):
            if needs[a]:
                gap = node("type", -2, "(no system)", STATUS_COLOURS["unsupported"])
                for p in top_nodes:
                    links[(p, gap)].add(a)
                links[(gap, node("app", -2, "Unsupported", STATUS_COLOURS["unsupported"]))].add(a)
            continue
        for vt, app in support[a]:
            if table.level == "system_type":
                middle = node("type", vt if vt >= 0 else app, plotly_text(t.labels[app], 40),
                              KIND_STYLES["system_type"].colour)
                for p in top_nodes:
                    links[(p, middle)].add(a)
                continue
            middle = (node("type", vt, plotly_text(t.labels[vt], 40), KIND_STYLES["system_type"].colour) if vt >= 0
                      else node("type", -1, "(direct)", "#9E9E9E"))
            leaf = node("app", app, plotly_text(t.labels[app], 40), KIND_STYLES["application"].colour)
            for p in top_nodes:
                links[(p, middle)].add(a)
            links[(middle, leaf)].add(a)
    source = [s for s, _ in links]
    target = [d for _, d in links]
    value = [len(v) for v in links.values()]
    gaps = {nodes.get(("type", -2)), nodes.get(("app", -2))}
    link_colour = ["rgba(213,94,0,0.35)" if d in gaps else "rgba(120,120,140,0.22)" for d in target]
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node={"label": labels, "color": colours, "pad": 12, "thickness": 16,
              "line": {"color": "#ffffff", "width": 0.5},
              "hovertemplate": "%{label}<br>%{value} activities<extra></extra>"},
        link={"source": source, "target": target, "value": value, "color": link_colour,
              "hovertemplate": "%{source.label} → %{target.label}<br>%{value} activities<extra></extra>"},
        textfont={"family": FONT, "size": 12, "color": "#262730"},
    ))
    tallest = max([sum(1 for k in nodes if k[0] == column) for column in ("goal", "process", "type", "app")] + [1])
    height = max(520, min(1600, 24 * tallest + 160))
    return _layout(fig, "How goals reach applications (links weighted by activities)", height)


def top_duplications(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    limit: int = 12,
    include_inherited: bool = False,
) -> go.Figure:
    """The duplicated elements with the highest combined annual cost of their supporters (by number
    of supporters when no cost is recorded), each bar naming the supporters.

    The root rows of :func:`~fora_model.duplicated_activities`; with ``include_inherited`` the
    inherited rows too, drawn in the inherited colour and named ``(inherited)``."""
    frame = duplicated_activities(model, level=level, paths=paths, include_inherited=include_inherited)
    has_cost = frame["annual_cost"].notna().any()
    if has_cost:
        frame = frame.sort_values(["annual_cost", "application_count"], ascending=[False, False],
                                  na_position="last", kind="stable")
    frame = frame.head(limit)
    keys = [f"{i}|{n}" for n, i in enumerate(frame["activity_id"])]
    inherited = (frame["inherited_from_id"] != "").tolist()
    names = [plotly_text(a, 40) + (" (inherited)" if i else "") for a, i in zip(frame["activity"], inherited,
                                                                                  strict=True)]
    supporters = [plotly_text(a, 70) for a in frame["applications"]]
    x = frame["annual_cost"].fillna(0).tolist() if has_cost else frame["application_count"].tolist()
    colours = [STATUS_COLOURS["inherited" if i else "duplicated"] for i in inherited]
    fig = go.Figure(go.Bar(
        y=keys, x=x, orientation="h", marker={"color": colours},
        text=[f"{n} × {s}" for n, s in zip(frame["application_count"], supporters, strict=True)],
        textposition="auto", insidetextanchor="start", textfont={"color": "#1f1f1f", "size": 12},
        constraintext="none", cliponaxis=False,
        customdata=np.stack([names, supporters], axis=-1) if len(frame) else None,
        hovertemplate=("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
                       + ("EUR %{x:,.0f} a year" if has_cost else "%{x} supporters") + "<extra></extra>"),
    ))
    fig.update_yaxes(categoryorder="array", categoryarray=keys[::-1], tickmode="array", tickvals=keys,
                     ticktext=names, automargin=True, tickfont={"size": 13})
    fig.update_xaxes(title="combined annual cost of the supporters (EUR)" if has_cost else "supporters",
                     rangemode="tozero", tickformat=",.0f" if has_cost else None)
    title = "Top duplications by cost" if has_cost else "Top duplications by number of supporters"
    return _layout(fig, title, max(300, 44 * len(keys) + 140))
