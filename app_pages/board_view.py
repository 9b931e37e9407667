"""Board view: three large figures, each with a one-line reading and a PNG download that is
rendered only when asked (kaleido needs a Chrome and about two seconds a figure)."""

import streamlit as st

from app_pages import state
from fora_model.dashboard import figure_png, md_escape

FIGURES = [
    ("coverage", "coverage_by_goal", "How much of each goal's work has a system"),
    ("sankey", "sankey", "From goals to applications"),
    ("duplications", "top_duplications", "Where we pay twice"),
]

model = state.require_model()
captions = state.compute("fora_model.dashboard.board_captions", *state.settings())
can_export = state.png_available()

st.title("Board view")
st.caption(f"{md_escape(model.name or 'Unnamed model')} · figures for the board, one message each.")

for key, builder, heading in FIGURES:
    st.subheader(heading)
    st.markdown(md_escape(captions[key]))
    figure = state.figure(builder)
    st.plotly_chart(figure, key=f"bv_chart_{key}")
    if not can_export:
        st.caption("PNG export needs Chrome or Chromium on the server; none was found. "
                   "The camera icon above the figure saves what the browser shows.")
        continue
    png_key = ("bv_png", key, model.content_hash(), state.settings())
    if st.button("Prepare PNG", key=f"bv_prepare_{key}", icon=":material/image:"):
        with st.spinner("Rendering the figure…"):
            st.session_state[f"bv_data_{key}"] = (png_key, figure_png(figure))
    stored = st.session_state.get(f"bv_data_{key}")
    if stored is not None and stored[0] == png_key:
        st.download_button("Download PNG", stored[1], file_name=f"{key}.png", mime="image/png",
                           key=f"bv_download_{key}", icon=":material/download:")
