"""Overview: the headline figures, the goal → process → activity sunburst and the applications."""

import streamlit as st

from app_pages import state
from fora_model import viz
from fora_model.dashboard.common import md_escape
from fora_model.dashboard.overview import card_rows, kpi_cards, kpis, sunburst_caption, supporters_word
from fora_model.i18n import _

model = state.require_model()
level, paths = state.settings()
figures = state.compute(kpis, level=level, paths=paths)
who = supporters_word(figures["level"])

st.title(_("Overview"))
st.caption(_("{model} · supporters counted as {supporters}", model=md_escape(model.name or _("Unnamed model")),
             supporters=who))

for row in card_rows(kpi_cards(figures)):  # as many cards a row as fit, so no value is cut short
    for column, (label, value, help_text) in zip(st.columns(len(row)), row, strict=True):
        column.metric(label, value, help=help_text, border=True)

left, right = st.columns([3, 2], gap="large")
with left:
    st.plotly_chart(state.compute(viz.sunburst, level=level, paths=paths), key="ov_sunburst")
    st.caption(sunburst_caption())
with right:
    st.plotly_chart(state.compute(viz.applications_bar, level=level, paths=paths), key="ov_apps")
    st.caption(_("How many processes and activities each of the {supporters} supports; zero means it supports "
                 "nothing recorded in the model.", supporters=who))
