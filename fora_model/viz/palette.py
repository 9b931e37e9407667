"""One palette for every picture: a colour and a shape per element kind, a colour per support state.

The colours come from the Okabe-Ito set, which stays distinguishable for colour-blind readers,
with one change: a real gap is a dark red, far from the amber of a duplicate in lightness as well
as hue, so the two stay apart for every kind of colour blindness (``tests/test_palette.py``
simulates them). The support states use the same colours in the graph, the sunburst, the heatmap,
the landscape map and the board pack, so "red" means one thing everywhere.

>>> KIND_STYLES["activity"].shape
'dot'
>>> STATUS_COLOURS["duplicated"]
'#E69F00'
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "EDGE_STYLES",
    "KIND_STYLES",
    "LAYER_ORDER",
    "LIFECYCLE_COLOURS",
    "RECOMMENDATION_COLOURS",
    "STATUS_COLOURS",
    "STATUS_LABELS",
    "EdgeStyle",
    "KindStyle",
]


@dataclass(frozen=True)
class KindStyle:
    """How elements of one kind look: fill colour, vis-network shape, base size and legend labels."""

    colour: str
    shape: str
    size: int
    label: str
    plural: str


KIND_STYLES: dict[str, KindStyle] = {
    "goal": KindStyle("#882255", "star", 22, "Goal", "Goals"),
    "process": KindStyle("#56B4E9", "square", 14, "Process", "Processes"),
    "activity": KindStyle("#0072B2", "dot", 11, "Activity", "Activities"),
    "information": KindStyle("#DDCC77", "triangle", 11, "Information", "Information"),
    "application_function": KindStyle("#8C8C8C", "triangleDown", 11, "Application function", "Application functions"),
    "system_type": KindStyle("#44AA99", "diamond", 14, "System type", "System types"),
    "application": KindStyle("#332288", "hexagon", 15, "Application", "Applications"),
}
"""Element kind value → style. Every FORA kind has one; carried concepts are never drawn."""

LAYER_ORDER: tuple[str, ...] = (
    "goal", "process", "activity", "information", "application_function", "system_type", "application",
)
"""The graph's columns from left to right (processes take one column per depth)."""

STATUS_COLOURS: dict[str, str] = {
    "duplicated": "#E69F00",
    "supported": "#009E73",
    "inherited": "#56B4E9",
    "unsupported": "#B2182B",
    "expected gap": "#BBBBBB",
}
"""Support state (see :data:`fora_model.analysis.status.STATUSES`) → colour."""

STATUS_LABELS: dict[str, str] = {
    "duplicated": "Duplicated (2+ supporters)",
    "supported": "Supported once",
    "inherited": "Covered by inheritance (only through a process above)",
    "unsupported": "Unsupported (real gap)",
    "expected gap": "Expected gap (needs no system)",
}
"""Support state → legend text."""

RECOMMENDATION_COLOURS: dict[str, str] = {
    "Invest": "#2e7d32",
    "Tolerate": "#1565c0",
    "Migrate": "#ef6c00",
    "Eliminate": "#c62828",
    "Unassessed": "#757575",
}
"""One colour per TIME recommendation (colour-blind distinguishable by lightness too)."""

LIFECYCLE_COLOURS: dict[str, str] = {
    "plan": "#CFE2F3",
    "phase-in": "#56B4E9",
    "active": "#009E73",
    "phase-out": "#E69F00",
    "end-of-life": "#A50F15",
}
"""One colour per application lifecycle, from light (not yet) through green (current) to dark red."""


@dataclass(frozen=True)
class EdgeStyle:
    """How relations of one kind are drawn."""

    colour: str
    width: float
    dashes: bool
    arrows: bool
    label: str


EDGE_STYLES: dict[str, EdgeStyle] = {
    "contributes_to": EdgeStyle("#C48AA6", 1.0, False, False, "contributes to"),
    "composed_of": EdgeStyle("#A6C8E0", 1.0, False, False, "composed of"),
    "supports": EdgeStyle("#7B6FB8", 1.4, False, True, "supports"),
    "realizes": EdgeStyle("#7FBFA5", 1.2, True, False, "realizes"),
    "assigned_to": EdgeStyle("#9E9E9E", 1.0, True, False, "assigned to"),
    "accesses": EdgeStyle("#E6DAA6", 0.8, False, False, "accesses"),
    "flows_to": EdgeStyle("#CC3311", 1.6, True, True, "flows to"),
}
"""Relation kind value → style. ``other`` relations are never drawn."""
