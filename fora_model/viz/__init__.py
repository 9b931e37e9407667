"""Pictures of a model: the pyvis network and the plotly figures. Builders return objects and
never call Streamlit; the dashboard pages put them on screen."""

from .board import coverage_by_goal, sankey, top_duplications
from .figures import MATRIX_ROWS, applications_bar, overlap_heatmap, sunburst, support_heatmap
from .landscape import landscape_map
from .network import GraphData, build_network, graph_data
from .offline import external_references, network_html, network_page
from .options import DEFAULT_KINDS, GraphOptions
from .palette import EDGE_STYLES, KIND_STYLES, STATUS_COLOURS, STATUS_LABELS
from .time import time_quadrant

__all__ = [
    "DEFAULT_KINDS",
    "EDGE_STYLES",
    "KIND_STYLES",
    "MATRIX_ROWS",
    "STATUS_COLOURS",
    "STATUS_LABELS",
    "GraphData",
    "GraphOptions",
    "applications_bar",
    "build_network",
    "coverage_by_goal",
    "external_references",
    "graph_data",
    "landscape_map",
    "network_html",
    "network_page",
    "overlap_heatmap",
    "sankey",
    "sunburst",
    "support_heatmap",
    "time_quadrant",
    "top_duplications",
]
