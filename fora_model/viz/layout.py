"""The graph explorer's layout: which elements and edges can be drawn, as integer codes, and the
layered left-to-right positions — goals, processes (a column per depth), activities, information,
application functions, system types, applications — so the network draws with physics off."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from ..analysis import support_table
from ..hierarchy import hierarchy
from ..model import Model
from ..tables import model_tables
from ..vocabulary import ElementKind
from .options import GraphOptions
from .palette import EDGE_STYLES, KIND_STYLES, LAYER_ORDER

__all__ = ["ROW_HEIGHT", "GraphIndex", "layer_columns", "layer_positions"]

_DX = 240  # horizontal distance between sub-columns, in canvas pixels
ROW_HEIGHT = 44  # vertical distance between rows
_ASPECT = 1.7  # the width/height the layout aims for (the graph frame is wide)


class GraphIndex:
    """Integer-coded view of the drawable part of a model and the edges to draw.

    Edges are the model's relations between drawable elements, plus — when application
    functions are not drawn — one derived ``supports`` edge per supporter and element that the
    supporter reaches through an assigned function, so support stays visible without them.
    """

    def __init__(self, model: Model, options: GraphOptions) -> None:
        t = model_tables(model)
        self.tables = t
        self.kind_value = np.array([k.value for k in ElementKind], dtype=object)[t.kind]
        self.drawable = np.isin(self.kind_value, list(KIND_STYLES))
        rel_kind = np.array([r.kind.value for r in model.relations.values()], dtype=object)
        kinds = [k for k in EDGE_STYLES if options.flows or k != "flows_to"]
        ok = np.isin(rel_kind, kinds) & (t.source >= 0) & (t.target >= 0)
        ok[ok] = self.drawable[t.source[ok]] & self.drawable[t.target[ok]]
        src, dst, kind = [t.source[ok]], [t.target[ok]], [rel_kind[ok]]
        via = [np.full(int(ok.sum()), -1, dtype=np.int64)]
        if "application_function" not in options.kinds:
            for level in ("application", "system_type"):
                chains = support_table(model, level=level, paths=options.paths).chains
                own = chains[chains["path_code"].to_numpy() == 1]
                pairs = own[["supporter", "element", "via_function"]].drop_duplicates(["supporter", "element"])
                src.append(pairs["supporter"].to_numpy())
                dst.append(pairs["element"].to_numpy())
                kind.append(np.full(len(pairs), "supports", dtype=object))
                via.append(pairs["via_function"].to_numpy())
        self.src = np.concatenate(src).astype(np.int64)
        self.dst = np.concatenate(dst).astype(np.int64)
        self.rel_kind = np.concatenate(kind).astype(object)
        self.via = np.concatenate(via).astype(np.int64)



def layer_columns(model: Model, index: GraphIndex, visible: np.ndarray) -> dict[int, int]:
    """Column per visible element code: goals, one column per process depth, then the other kinds."""
    h = hierarchy(model)
    t = index.tables
    depth = np.zeros(t.size, dtype=np.int64)
    is_process = index.kind_value == "process"
    parent, child = h.parent, h.child
    proc_edge = is_process[parent] & is_process[child] & visible[parent] & visible[child]
    p, c = parent[proc_edge], child[proc_edge]
    for _ in range(8):  # depth of the visible process tree, capped: real trees are 3-4 deep
        nxt = depth.copy()
        np.maximum.at(nxt, c, depth[p] + 1)
        if np.array_equal(nxt, depth):
            break
        depth = nxt
    codes = np.flatnonzero(visible)
    used_depths = sorted({int(depth[i]) for i in codes if is_process[i]})
    depth_column = {d: n for n, d in enumerate(used_depths)}
    column: dict[int, int] = {}
    base = 0
    for kind in LAYER_ORDER:
        members = [i for i in codes.tolist() if index.kind_value[i] == kind]
        if not members:
            continue
        if kind == "process":
            for i in members:
                column[i] = base + depth_column[int(depth[i])]
            base += len(used_depths)
        else:
            for i in members:
                column[i] = base
            base += 1
    return column


def layer_positions(index: GraphIndex, column: dict[int, int],
                    edges: list[tuple[int, int]]) -> dict[int, tuple[float, float]]:
    """Barycentre ordering inside each column, wrapped into sub-columns to fit a wide frame."""
    labels = index.tables.labels
    by_column: dict[int, list[int]] = defaultdict(list)
    for code, col in column.items():
        by_column[col].append(code)
    neighbours: dict[int, list[int]] = defaultdict(list)
    for s, d in edges:
        neighbours[s].append(d)
        neighbours[d].append(s)
    rank: dict[int, float] = {}
    ordered: dict[int, list[int]] = {}
    for col in sorted(by_column):
        members = by_column[col]

        def key(code: int, col: int = col) -> tuple[float, str]:
            placed = [rank[n] for n in neighbours[code] if n in rank and column[n] < col]
            centre = sum(placed) / len(placed) if placed else math.inf
            return centre, str(labels[code]).casefold()

        members.sort(key=key)
        size = len(members)
        for k, code in enumerate(members):
            rank[code] = k / max(size - 1, 1)
        ordered[col] = members
    sizes = [len(m) for m in ordered.values()]
    rows = _rows_for(sizes)
    positions: dict[int, tuple[float, float]] = {}
    x = 0.0
    for col in sorted(ordered):
        members = ordered[col]
        sub = math.ceil(len(members) / rows)
        height = min(len(members), rows)
        offset = (rows - height) / 2
        for k, code in enumerate(members):
            positions[code] = (x + (k // rows) * _DX, (offset + k % rows) * ROW_HEIGHT)
        x += sub * _DX + _DX * 0.35
    return positions


def _rows_for(sizes: list[int]) -> int:
    """The rows per column that bring the layout closest to the target aspect ratio."""
    if not sizes:
        return 1
    best, best_score = max(sizes), math.inf
    for rows in range(1, max(sizes) + 1):
        width = sum(math.ceil(s / rows) for s in sizes) * _DX * 1.35
        score = abs(math.log(width / (rows * ROW_HEIGHT) / _ASPECT))
        if score < best_score:
            best, best_score = rows, score
    return best

