"""Board view: three large figures, each with a one-line reading and a PNG download that is
rendered only when asked (kaleido needs a Chrome and about two seconds a figure), and the board
pack: the one-file offline HTML report, written only when asked."""

import streamlit as st

import fora_model as fm
from app_pages import state
from fora_model import viz
from fora_model.board_pack.report import MAX_SCENARIOS
from fora_model.dashboard.common import md_escape
from fora_model.dashboard.decisions import board_pack, board_pack_name
from fora_model.dashboard.decisions import saved_scenarios as board_scenarios
from fora_model.dashboard.downloads import figure_png
from fora_model.dashboard.overview import board_captions
from fora_model.formatting import number
from fora_model.i18n import N_, _, current_language

FIGURES = [
    ("coverage", viz.coverage_by_goal, N_("How much of each goal's work has a system")),
    ("sankey", viz.sankey, N_("From goals to applications")),
    ("duplications", viz.top_duplications, N_("Where we pay twice")),
]

model = state.require_model()
level, paths = state.settings()
can_export = state.png_available()

st.title(_("Board view"))
st.caption(_("{model} · figures for the board, one message each.", model=md_escape(model.name or _("Unnamed model"))))
show_inherited = st.toggle(_("Show inherited rows (work that only repeats a duplicate of a process above it)"),
                           value=False, key="bv_inherited")
captions = state.compute(board_captions, level=level, paths=paths, include_inherited=show_inherited)

for key, builder, heading in FIGURES:
    st.subheader(_(heading))
    st.markdown(md_escape(captions[key]))
    if key == "duplications":
        figure = state.compute(viz.top_duplications, level=level, paths=paths, include_inherited=show_inherited)
    else:
        figure = state.compute(builder, level=level, paths=paths)
    st.plotly_chart(figure, key=f"bv_chart_{key}")
    if not can_export:
        st.caption(_("PNG export needs Chrome or Chromium on the server; none was found. "
                     "The camera icon above the figure saves what the browser shows."))
        continue
    png_key = ("bv_png", key, fm.content_hash(model), state.settings(), show_inherited, current_language())
    if st.button(_("Prepare PNG"), key=f"bv_prepare_{key}", icon=":material/image:"):
        with st.spinner(_("Rendering the figure…")):
            st.session_state[f"bv_data_{key}"] = (png_key, figure_png(figure))
    stored = st.session_state.get(f"bv_data_{key}")
    if stored is not None and stored[0] == png_key:
        st.download_button(_("Download PNG"), stored[1], file_name=f"{key}.png", mime="image/png",
                           key=f"bv_download_{key}", icon=":material/download:")

st.subheader(_("Board pack"))
st.caption(_("One HTML file with every figure and table for the board, readable offline and printable on A4 "
             "landscape. It compares the TIME proposal with the saved scenarios chosen here."))
saved, saved_problem = board_scenarios(model)
if saved_problem:
    st.warning(md_escape(saved_problem), icon=":material/warning:")
names = [s.name for s in saved]
chosen = st.multiselect(_("Saved scenarios in the comparison"), names, default=names[: MAX_SCENARIOS - 1],
                        max_selections=MAX_SCENARIOS - 1, key="bv_pack_scenarios",
                        placeholder=_("The proposal only"))
pack_key = ("bv_pack", fm.content_hash(model), tuple(chosen), paths, show_inherited, current_language())
if st.button(_("Prepare the board report"), key="bv_pack_prepare", icon=":material/description:"):
    with st.spinner(_("Writing the board report…")):
        st.session_state["bv_pack_data"] = (pack_key, board_pack(
            model, scenarios=[s for s in saved if s.name in chosen], paths=paths, include_inherited=show_inherited))
pack = st.session_state.get("bv_pack_data")
if pack is not None and pack[0] == pack_key:
    st.download_button(_("Download the board report ({size} MB)", size=number(len(pack[1]) / 1e6, 1)), pack[1],
                       file_name=board_pack_name(model), mime="text/html", key="bv_pack_download",
                       icon=":material/download:", type="primary")
