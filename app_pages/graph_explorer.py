"""Graph explorer: the model as a network, filtered by goal, process and kind, with a search that
focuses on one element and its neighbourhood. It opens on the problems (or one domain's problems,
when all of them would not be readable); the whole graph is one toggle away. Everything above the
graph is always drawn, so a change below it never reloads the graph."""

import streamlit as st

from app_pages import state
from fora_model.columns import column_labels
from fora_model.dashboard.common import kind_label, spoken
from fora_model.dashboard.graph import opening_view
from fora_model.dashboard.overview import element_table
from fora_model.formatting import number
from fora_model.i18n import _
from fora_model.viz.offline import network_page
from fora_model.viz.options import DEFAULT_KINDS, GraphOptions
from fora_model.viz.palette import LAYER_ORDER

HEIGHT = 760

state.require_model()
level, paths = state.settings()
opening = state.compute(opening_view, level=level, paths=paths)
st.title(_("Graph explorer"))

goal_col, process_col = st.columns(2)
goals = goal_col.multiselect(_("Goals"), state.element_ids("goal"), format_func=state.labels(), key="gx_goals",
                             placeholder=_("All goals"))
processes = process_col.multiselect(_("Processes"), state.element_ids("process"), format_func=state.labels(),
                                    default=list(opening.processes), key="gx_processes",
                                    placeholder=_("All processes"))
kinds = st.pills(_("Kinds"), list(LAYER_ORDER), selection_mode="multi", default=list(DEFAULT_KINDS),
                 format_func=spoken(lambda kind: kind_label(kind, plural=True).capitalize()), key="gx_kinds")
find_col, depth_col = st.columns([2.6, 1.4], vertical_alignment="bottom")
focus = find_col.selectbox(_("Find an element"), state.element_ids(), index=None, format_func=state.labels(),
                           key="gx_focus", placeholder=_("Type a name to focus on it and its neighbours"))
depth = depth_col.slider(_("Depth"), 1, 5, 1, key="gx_depth",
                         help=_("How many links away from the element found the graph reaches."))
problem_col, flow_col = st.columns(2)  # a row of their own: their labels fit a 1024 px projector in both languages
problems = problem_col.toggle(_("Problems only"), value=opening.problems_only, key="gx_problems",
                              help=_("Duplicated and unsupported elements, their processes and supporters. "
                                     "Switch it off to see the whole graph."))
flows = flow_col.toggle(_("Flows"), key="gx_flows", help=_("Integration flows between applications."))

page = state.compute(network_page, GraphOptions(
    goals=tuple(goals), processes=tuple(processes), kinds=tuple(kinds) or DEFAULT_KINDS, problems_only=problems,
    flows=flows, focus=focus, depth=depth, level=level, paths=paths, height=HEIGHT))
if opening.note and problems and list(processes) == list(opening.processes):
    st.info(opening.note, icon=":material/filter_alt:")
if page.refused:
    st.error(page.refused)
else:
    st.iframe(page.html, height=HEIGHT + 8)

st.caption(_("{shown} of {total} elements shown. Drag to pan, scroll to zoom, hover for details. Finding an "
             "element shows it and everything within the chosen depth, whatever the goal, process and problem "
             "filters say.", shown=number(page.shown), total=number(page.total)))
if page.focus_missing:
    st.warning(_("The element searched for is not in this model any more."))
if st.toggle(_("List the elements shown"), key="gx_list"):
    elements = state.compute(element_table, level=level, paths=paths, ids=page.element_ids)
    st.dataframe(elements, hide_index=True, column_config=column_labels(elements.columns))
