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

from ..i18n import N_

__all__ = [
    "EDGE_STYLES",
    "KIND_STYLES",
    "LAYER_ORDER",
    "LIFECYCLE_COLOURS",
    "RECOMMENDATION_COLOURS",
    "STATUS_COLOURS",
    "STATUS_COLOUR_NAMES",
    "STATUS_LABELS",
    "SUPPORTER_COLOURS",
    "SUPPORTER_PATTERNS",
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
    "goal": KindStyle("#882255", "star", 22, N_("Goal"), N_("Goals")),
    "process": KindStyle("#56B4E9", "square", 14, N_("Process"), N_("Processes")),
    "activity": KindStyle("#0072B2", "dot", 11, N_("Activity"), N_("Activities")),
    "information": KindStyle("#DDCC77", "triangle", 11, N_("Information"), N_("Information")),
    "application_function": KindStyle("#8C8C8C", "triangleDown", 11, N_("Application function"),
                                      N_("Application functions")),
    "system_type": KindStyle("#44AA99", "diamond", 14, N_("System type"), N_("System types")),
    "application": KindStyle("#332288", "hexagon", 15, N_("Application"), N_("Applications")),
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
    "duplicated": N_("Duplicated (2+ supporters)"),
    "supported": N_("Supported once"),
    "inherited": N_("Covered by inheritance (only through a process above)"),
    "unsupported": N_("Unsupported (real gap)"),
    "expected gap": N_("Expected gap (needs no system)"),
}
"""Support state → legend text (English; show it through :func:`fora_model.i18n._`)."""

STATUS_COLOUR_NAMES: dict[str, str] = {
    "duplicated": N_("amber"),
    "supported": N_("green"),
    "inherited": N_("light blue"),
    "unsupported": N_("dark red"),
    "expected gap": N_("grey"),
}
"""Support state → the name of its colour, for captions that say which colour means what."""

RECOMMENDATION_COLOURS: dict[str, str] = {
    "Invest": "#009E73",
    "Tolerate": "#0072B2",
    "Migrate": "#E69F00",
    "Eliminate": "#B2182B",
    "Unassessed": "#BBBBBB",
}
"""One colour per TIME quadrant and recommendation (the same names), each its own: Invest green,
Tolerate blue, Migrate amber, Eliminate dark red, Unassessed grey; every pair stays apart under each
simulated colour blindness (``tests/test_figures_read.py``)."""

SUPPORTER_COLOURS: tuple[str, ...] = (
    "#332288", "#88CCEE", "#117733", "#DDCC77", "#CC6677", "#44AA99", "#AA4499", "#999933", "#882255",
)
"""Colours told apart by colour-blind readers (Paul Tol's muted set) for one segment per supporter;
after nine they repeat with a hatch pattern (:data:`SUPPORTER_PATTERNS`)."""

SUPPORTER_PATTERNS: tuple[str, ...] = ("", "/", ".", "x")
"""Hatch patterns that tell apart supporters whose colour repeats."""

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
