"""The model as an interactive network: a pyvis graph written as one offline HTML page.

The layout is layered from left to right — goals, processes (one column per depth), activities,
information, application functions, system types, applications — with positions computed here
and physics off, so even 2,000 elements draw at once. Each kind has its own colour and shape
(:data:`~fora_model.viz.palette.KIND_STYLES`); duplicated and unsupported elements are filled with
their support-state colour and drawn larger; phasing-out applications get a dashed border and
planned ones are faded. Edges are the model's relations: goal contributions, process structure,
support, realisation, function assignment, information access and (on request) integration flows.

Safety: every name reaches the page only as JSON data that vis-network draws as text; tooltips
are plain text (vis-network sets them with ``innerText``) and never contain the word ``href``,
which would switch pyvis to an HTML tooltip; node ids are integers. The page loads nothing: the
vis-network script is inlined and every CDN ``<link>``/``<script>`` of pyvis' template is removed
(:func:`fora_model.viz.offline.external_references` checks that none is left).

Examples
--------
>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> a = m.add_element(Element.new("activity", "Record grades", id="a"))
>>> app = m.add_element(Element.new("application", "<b>Magister</b>", id="app"))
>>> _ = m.add_relation(Relation.new("supports", "app", "a"))
>>> data = graph_data(m)
>>> [n["label"] for n in data.element_nodes]
['Record grades', '<b>Magister</b>']
>>> len(data.edges)
1

:mod:`fora_model.viz.offline` turns the network into one offline HTML page.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..analysis import support_table
from ..analysis.scope import scope_ids
from ..analysis.status import element_status
from ..formatting import money
from ..hierarchy import hierarchy
from ..model import Element, Model
from ..tables import model_tables
from ..vocabulary import ElementKind
from .layout import ROW_HEIGHT, GraphIndex, layer_columns, layer_positions
from .options import GraphOptions
from .palette import EDGE_STYLES, KIND_STYLES, STATUS_COLOURS, STATUS_LABELS

if TYPE_CHECKING:
    from pyvis.network import Network

__all__ = [
    "GraphData",
    "build_network",
    "graph_data",
    "plain_tooltip",
]


MAX_LABEL = 32
"""Node labels longer than this are cut with an ellipsis; the tooltip has the full name."""

MAX_LIST = 8
"""Tooltips list at most this many related names, then say how many more there are."""

LEGEND_HEIGHT = 52
"""Pixels of the page's height that the legend strip above the graph takes."""





@dataclass
class GraphData:
    """Nodes and edges as vis-network dicts, ready for pyvis.

    ``nodes`` holds the element nodes (integer ids, in ``element_ids`` order) followed by one
    column-header node per column (string ids ``col-<n>``, ``kind`` ``header``).
    ``total`` is the number of drawable elements in the whole model.
    """

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    element_ids: list[str] = field(default_factory=list)
    total: int = 0
    focus_missing: bool = False

    @property
    def element_nodes(self) -> list[dict[str, Any]]:
        """The nodes that stand for model elements (without the column headers)."""
        return [n for n in self.nodes if n.get("kind") != "header"]


def plain_tooltip(lines: Iterable[str]) -> str:
    """Tooltip text: lines joined with newlines, with every ``href`` broken by a zero-width space
    so that pyvis never switches to its HTML tooltip (DOMAIN §7).

    >>> plain_tooltip(['Name: <a href="x">'])
    'Name: <a hre\\u200bf="x">'
    """
    text = "\n".join(lines)
    return re.sub(r"(?i)(hre)(f)", "\\1\u200b\\2", text)


def _cut(text: str, limit: int = MAX_LABEL) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _listing(names: Sequence[str]) -> str:
    shown = ", ".join(_cut(n, 48) for n in names[:MAX_LIST])
    more = len(names) - MAX_LIST
    return shown + (f" and {more} more" if more > 0 else "")


# ----------------------------------------------------------------------------- selection
def _neighbourhood(index: GraphIndex, start: int, depth: int, allowed: np.ndarray) -> np.ndarray:
    """Element codes within ``depth`` links of ``start`` over edges between allowed elements.

    Around an application its system types count as where it stands (FORA's premise that an
    application does what its type does): they are at distance 0, so depth 1 shows what it
    supports through them; around a system type, likewise the applications that realize it."""
    adjacency: dict[int, list[int]] = defaultdict(list)
    same_place: list[int] = []
    kinds = index.kind_value
    for s, d, kind in zip(index.src.tolist(), index.dst.tolist(), index.rel_kind.tolist(), strict=True):
        if allowed[s] and allowed[d]:
            adjacency[s].append(d)
            adjacency[d].append(s)
            if kind == "realizes" and start in (s, d) and {kinds[s], kinds[d]} == {"application", "system_type"}:
                same_place.append(d if s == start else s)
    seen = {start: 0} | dict.fromkeys(same_place, 0)
    queue = deque(seen)
    while queue:
        node = queue.popleft()
        if seen[node] >= depth:
            continue
        for other in adjacency[node]:
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return np.fromiter(seen, dtype=np.int64, count=len(seen))


def _selection(model: Model, index: GraphIndex, options: GraphOptions,
               status: dict[str, str]) -> tuple[np.ndarray, bool]:
    """Boolean mask over element codes of what to draw, and whether the focus id was unknown."""
    t = index.tables
    kinds = np.isin(index.kind_value, list(options.kinds)) & index.drawable
    if options.focus is not None:
        start = int(t.code_of([options.focus])[0])
        if start >= 0 and index.drawable[start]:
            allowed = kinds.copy()
            allowed[start] = True
            keep = np.zeros(t.size, dtype=bool)
            keep[_neighbourhood(index, start, max(0, options.depth), allowed)] = True
            return keep, False
        focus_missing = True
    else:
        focus_missing = False
    in_scope = scope_ids(model, options.goals, options.processes)
    business = index.drawable & np.isin(index.kind_value, ["process", "activity"])
    if in_scope is not None:
        business &= np.isin(t.ids, list(in_scope))
    problem = business
    if options.problems_only:
        problem = np.isin(t.ids, [i for i, s in status.items() if s in ("duplicated", "unsupported")])
        problem &= business
        parents = np.zeros(t.size, dtype=bool)
        h = hierarchy(model)
        parents[h.parent[problem[h.child]]] = True
        business = problem | (parents & business)
    restricted = in_scope is not None or options.problems_only
    if not restricted:
        return kinds, focus_missing
    keep = business.copy()
    anchors = problem
    # the supply side that reaches the kept elements, at both levels
    for level in ("application", "system_type"):
        chains = support_table(model, level=level, paths=options.paths).chains
        hit = anchors[chains["element"].to_numpy()]
        for column in ("supporter", "via_type", "via_function"):
            codes = chains[column].to_numpy()[hit]
            keep[codes[codes >= 0]] = True
    # and whoever has a supports link to them, planned applications included (drawn faded)
    supports = index.rel_kind == "supports"
    keep[index.src[supports][anchors[index.dst[supports]]]] = True
    # the goals served and the information used by the kept business elements
    h = hierarchy(model)
    holders = keep & business
    above = holders | h.above(holders)
    goal_edges = index.rel_kind == "contributes_to"
    keep[index.dst[goal_edges][above[index.src[goal_edges]]]] = True
    if options.goals:
        chosen = t.code_of(list(options.goals))
        keep[chosen[chosen >= 0]] = True
    info_edges = index.rel_kind == "accesses"
    keep[index.dst[info_edges][holders[index.src[info_edges]]]] = True
    return keep & kinds, focus_missing


# ----------------------------------------------------------------------------- nodes and edges
def _node_style(element: Element, status: str | None, focused: bool) -> dict[str, Any]:
    style = KIND_STYLES[element.kind.value]
    fill, border, width, size = style.colour, style.colour, 1, style.size
    node: dict[str, Any] = {}
    if status in ("duplicated", "unsupported"):
        fill, border, width, size = STATUS_COLOURS[status], "#3A3A3A", 3, style.size + 5
    elif status == "expected gap":
        fill, border = STATUS_COLOURS[status], "#7A7A7A"
    lifecycle = element.attributes.get("lifecycle")
    if lifecycle in ("phase-out", "end-of-life"):
        border, width = "#D55E00", 3
        node["shapeProperties"] = {"borderDashes": [5, 4]}
    if lifecycle == "plan":
        node["opacity"] = 0.45
    if focused:
        border, width, size = "#000000", 5, size + 6
    node.update({
        "shape": style.shape,
        "size": size,
        "borderWidth": width,
        "color": {"background": fill, "border": border,
                  "highlight": {"background": fill, "border": "#000000"},
                  "hover": {"background": fill, "border": "#000000"}},
    })
    return node


def _tooltips(model: Model, codes: np.ndarray, status: dict[str, str], counts: dict[str, int],
              level: str | None, paths: tuple[str, ...] | None) -> dict[int, str]:
    """Plain-text tooltip per element code."""
    t = model_tables(model)
    table = support_table(model, level=level, paths=paths)
    chains = table.chains
    supporters: dict[int, list[str]] = defaultdict(list)
    supports: dict[int, int] = defaultdict(int)
    pairs = chains[["element", "supporter"]].drop_duplicates()
    for e, s in zip(pairs["element"].tolist(), pairs["supporter"].tolist(), strict=True):
        supporters[e].append(str(t.labels[s]))
        supports[s] += 1
    h = hierarchy(model)
    parents: dict[int, list[str]] = defaultdict(list)
    for p, c in zip(h.parent.tolist(), h.child.tolist(), strict=True):
        parents[c].append(str(t.labels[p]))
    realized: dict[int, list[str]] = defaultdict(list)
    for r in model.relations.values():
        if r.kind.value == "realizes" and r.source in model.elements and r.target in model.elements:
            realized[int(t.code_of([r.target])[0])].append(model.elements[r.source].label)
    tips: dict[int, str] = {}
    for code in codes.tolist():
        element = model.elements[t.ids[code]]
        kind = element.kind
        lines = [f"{kind.label.capitalize()}: {element.label}"]
        state = status.get(element.id)
        if state is not None:
            count = counts.get(element.id, 0)
            lines.append(f"Status: {STATUS_LABELS[state].split(' (')[0].lower()}, "
                         f"{count} supporter{'s' if count != 1 else ''}")
            if supporters.get(code):
                lines.append("Supported by: " + _listing(sorted(supporters[code], key=str.casefold)))
        if parents.get(code):
            lines.append("Part of: " + _listing(sorted(parents[code], key=str.casefold)))
        if kind is ElementKind.APPLICATION:
            attrs = element.attributes
            if attrs.get("vendor"):
                lines.append(f"Vendor: {attrs['vendor']}")
            lines.append(f"Lifecycle: {attrs.get('lifecycle', 'active')}")
            if attrs.get("annual_cost") is not None:
                lines.append(f"Annual cost: {money(attrs['annual_cost'])}")
            lines.append(f"Supports {supports.get(code, 0)} element{'s' if supports.get(code, 0) != 1 else ''}")
        if kind is ElementKind.SYSTEM_TYPE and realized.get(code):
            lines.append("Realized by: " + _listing(sorted(realized[code], key=str.casefold)))
        tips[code] = plain_tooltip(lines)
    return tips


def graph_data(model: Model, options: GraphOptions | None = None) -> GraphData:
    """The nodes and edges :func:`build_network` draws, with positions (see :class:`GraphOptions`)."""
    options = options or GraphOptions()
    index = GraphIndex(model, options)
    t = index.tables
    status_frame = element_status(model, level=options.level, paths=options.paths)
    status = dict(zip(status_frame["element_id"], status_frame["status"], strict=True))
    counts = dict(zip(status_frame["element_id"], status_frame["supporters"].astype(int), strict=True))
    visible, focus_missing = _selection(model, index, options, status)
    codes = np.flatnonzero(visible)
    node_of = {int(c): n for n, c in enumerate(codes.tolist())}
    edge_mask = visible[index.src] & visible[index.dst]
    edge_pairs = list(zip(index.src[edge_mask].tolist(), index.dst[edge_mask].tolist(), strict=True))
    column = layer_columns(model, index, visible)
    positions = layer_positions(index, column, edge_pairs)
    tips = _tooltips(model, codes, status, counts, options.level, options.paths)
    focus_code = int(t.code_of([options.focus])[0]) if options.focus is not None else -1

    data = GraphData(total=int(index.drawable.sum()), focus_missing=focus_missing)
    for code in codes.tolist():
        element = model.elements[t.ids[code]]
        x, y = positions[code]
        node = {"id": node_of[code], "label": _cut(element.label), "title": tips[code],
                "kind": element.kind.value, "x": x, "y": y}
        node.update(_node_style(element, status.get(element.id), code == focus_code))
        data.nodes.append(node)
        data.element_ids.append(str(element.id))
    names = t.labels
    for s, d, kind, via in zip(index.src[edge_mask].tolist(), index.dst[edge_mask].tolist(),
                               index.rel_kind[edge_mask].tolist(), index.via[edge_mask].tolist(), strict=True):
        style = EDGE_STYLES[kind]
        through = f" through the function {_cut(str(names[via]), 48)}" if via >= 0 else ""
        data.edges.append({
            "from": node_of[s], "to": node_of[d],
            "title": plain_tooltip([f"{_cut(str(names[s]), 48)} {style.label} {_cut(str(names[d]), 48)}{through}"]),
            "color": {"color": style.colour, "highlight": "#222222", "hover": "#222222"},
            "width": style.width, "dashes": style.dashes, "arrows": "to" if style.arrows else "",
        })
    # one header per column, above it
    tops: dict[int, tuple[float, float, str]] = {}
    for code, col in column.items():
        x, y = positions[code]
        kind = str(index.kind_value[code])
        left, top, _ = tops.get(col, (x, y, kind))
        tops[col] = (min(left, x), min(top, y), kind)
    process_columns = sorted(col for col, (_, _, kind) in tops.items() if kind == "process")
    for col, (x, y, kind) in sorted(tops.items()):
        title = KIND_STYLES[kind].plural
        if kind == "process" and col != process_columns[0]:
            title += f" (level {process_columns.index(col) + 1})"
        data.nodes.append({"id": f"col-{col}", "label": title, "kind": "header", "shape": "text",
                           "x": x, "y": y - 1.6 * ROW_HEIGHT, "font": {"size": 22, "color": "#555555"},
                           "chosen": False, "physics": False})
    return data


# ----------------------------------------------------------------------------- pyvis and HTML
def build_network(model: Model, options: GraphOptions | None = None, data: GraphData | None = None) -> Network:
    """A pyvis ``Network`` of the model, filled directly (``add_node`` is quadratic); pass ``data``
    when :func:`graph_data` has already been computed for these options."""
    options = options or GraphOptions()
    data = data if data is not None else graph_data(model, options)
    from pyvis.network import Network  # only here: pyvis (with networkx and jinja2) loads when a graph is drawn

    net = Network(height=f"{options.height - LEGEND_HEIGHT}px", width="100%", directed=False, cdn_resources="in_line")
    net.nodes = data.nodes
    net.edges = data.edges
    net.node_ids = [n["id"] for n in data.nodes]
    net.node_map = {n["id"]: n for n in data.nodes}
    big = len(data.edges) > 600
    net.options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "navigationButtons": False, "keyboard": {"enabled": False}},
        "nodes": {"font": {"size": 15, "face": "Source Sans Pro, Arial, sans-serif", "color": "#222222",
                           "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False if big else {"type": "cubicBezier", "forceDirection": "horizontal",
                                               "roundness": 0.45},
                  "selectionWidth": 2, "arrowStrikethrough": False,
                  "arrows": {"to": {"scaleFactor": 0.5}}},
    }
    return net
