"""fora-model dashboard (placeholder until the dashboard lands): shows the sample school's figures."""

import streamlit as st

import fora_model as fm

st.set_page_config(page_title="fora-model", layout="wide")
st.title("fora-model")
school = fm.load_sample()
st.dataframe(fm.model_stats(school), hide_index=True)
