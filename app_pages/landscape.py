"""Landscape map: FORA's domains and main functions with the applications that support each one,
coloured by duplicates, TIME recommendation or lifecycle. A click on a tile or a function header
says where it sits and opens it in the graph explorer."""

import streamlit as st

from app_pages import state
from fora_model import viz
from fora_model.analysis import resolve_level
from fora_model.dashboard.common import md_escape, spoken
from fora_model.dashboard.landscape import (
    COLOUR_LABELS,
    ROW_CHOICES,
    clicked_element,
    colour_label,
    map_width,
    placement,
    placement_labels,
)
from fora_model.i18n import _
from fora_model.viz.landscape import LANDSCAPE_TILES

model = state.require_model()
level, paths = state.settings()

st.title(_("Landscape map"))
st.caption(_("{model} · each band is a domain, each box a main business function; its header shows the worst "
             "state below it (a real gap, then a duplicate).", model=md_escape(model.name or _("Unnamed model"))))
choices = list(COLOUR_LABELS)
if state.compute(resolve_level, level=level) != "application":
    choices = ["status"]
colour_by = st.segmented_control(_("Colour the tiles by"), choices, default="status", key="ls_colour",
                                 format_func=spoken(colour_label)) or "status"
columns = st.select_slider(_("Boxes a row"), ROW_CHOICES, value=3, key="ls_columns", width=320,
                           help=_("Three fit a projector with the sidebar open; five a wide screen."))
figure = state.compute(viz.landscape_map, colour_by=colour_by, level=level, paths=paths,
                       width=map_width(columns), columns=columns, max_tiles=LANDSCAPE_TILES)
event = st.plotly_chart(figure, key="ls_map", on_select="rerun", selection_mode="points")
chosen = clicked_element(event)
if chosen is None:
    st.caption(_("Click a tile or a function's header to see where it sits."))
else:
    st.subheader(md_escape(state.label(chosen)))
    st.dataframe(state.compute(placement, chosen, level=level, paths=paths), hide_index=True,
                 key="ls_placement", column_config=placement_labels())
    if st.button(_("Open in the graph explorer"), key="ls_open", icon=":material/hub:"):
        st.session_state["gx_focus"] = chosen
        st.switch_page("app_pages/graph_explorer.py")
