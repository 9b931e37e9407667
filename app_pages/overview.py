"""Overview: the headline figures, the goal → process → activity sunburst and the applications."""

import streamlit as st

from app_pages import state
from fora_model import viz
from fora_model.dashboard.common import md_escape
from fora_model.dashboard.overview import kpi_cards, kpis

model = state.require_model()
level, paths = state.settings()
figures = state.compute(kpis, level=level, paths=paths)
who = "applications" if figures["level"] == "application" else "system types"

st.title("Overview")
st.caption(f"{md_escape(model.name or 'Unnamed model')} · supporters counted as {who}")

for column, (label, value, help_text) in zip(st.columns(6), kpi_cards(figures), strict=True):
    column.metric(label, value, help=help_text, border=True)

left, right = st.columns([3, 2], gap="large")
with left:
    st.plotly_chart(state.compute(viz.sunburst, level=level, paths=paths), key="ov_sunburst")
    st.caption("Each ring goes one step down: goal, process, activity. Orange work is supported more than "
               "once, red work needs a system and has none, grey work needs none. Click a sector to zoom in.")
with right:
    st.plotly_chart(state.compute(viz.applications_bar, level=level, paths=paths), key="ov_apps")
    st.caption(f"How many processes and activities each of the {who} supports; zero means it supports nothing "
               "recorded in the model.")
