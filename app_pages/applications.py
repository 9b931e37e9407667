"""Applications: what the TIME analysis proposes to keep, move and retire, what retiring the
redundant applications saves and costs, and what would then rest on one application."""

from typing import Any

import pandas as pd
import streamlit as st

from app_pages import state
from fora_model.analysis.savings import proposed_retirements, redundancy_savings
from fora_model.analysis.time import RECOMMENDATION_ORDER
from fora_model.dashboard import decisions as dd
from fora_model.dashboard.common import counted, md_escape
from fora_model.dashboard.rationalisation import CSV_PRESETS, csv_bytes
from fora_model.i18n import _, n_


def money(label: str) -> Any:
    return st.column_config.NumberColumn(label, format="€ %,.0f")


model = state.require_model()
level, paths = state.settings()

st.title("Applications")
st.caption(f"{md_escape(model.name or 'Unnamed model')} · TIME recommendations and the retirement proposal. "
           "These figures are about applications, whatever the sidebar's level.")

figures = state.compute(dd.proposal_kpis, paths=paths)
st.subheader(_("Proposal: retire {applications}",
               applications=n_("{n} application", "{n} applications", figures["retirements"])))
for column, (label, value, explanation) in zip(st.columns(4), dd.saving_cards(figures), strict=True):
    column.metric(label, value, help=explanation, border=True)

FORMATS = {"comma": "Comma-separated (,)", "excel": "Excel, Dutch (; and decimal comma)"}
preset = st.radio("CSV format", list(CSV_PRESETS), horizontal=True, key="ap_csv_format",
                  format_func=FORMATS.__getitem__)


def download(frame: pd.DataFrame, name: str, key: str) -> None:
    st.download_button(f"Download {name} (CSV)", csv_bytes(frame, preset), file_name=f"{name}.csv",
                       mime="text/csv", key=key, icon=":material/download:")


time_tab, savings_tab, retire_tab = st.tabs(["TIME", "Redundancy clusters", "Proposed retirements"])

with time_tab:
    st.plotly_chart(state.compute(dd.time_figure, paths=paths), key="ap_quadrant")
    st.caption("Functional fit across, technical fit up (1–4; 3 and 4 count as high); the bubble's size is the "
               "annual cost, its colour the recommendation after redundancy, lifecycle and sole support.")
    chosen = st.multiselect("Recommendations", list(RECOMMENDATION_ORDER), key="ap_recommendations",
                            placeholder="All recommendations")
    time = state.compute(dd.time_table, paths=paths, recommendations=tuple(chosen))
    st.dataframe(
        time, hide_index=True, key="ap_time_table",
        column_order=["application", "recommendation", "rationale", "quadrant", "functional_fit", "technical_fit",
                      "annual_cost", "exit_cost", "lifecycle", "vendor", "retire", "covered_by",
                      "critical_sole_support", "replacement"],
        column_config={"application": "Application", "recommendation": "Recommendation", "rationale": "Why",
                       "quadrant": "Quadrant by fit", "functional_fit": "Functional fit",
                       "technical_fit": "Technical fit", "annual_cost": money("Annual cost"),
                       "exit_cost": money("Exit cost"),
                       "lifecycle": "Lifecycle", "vendor": "Vendor", "retire": "Retire now",
                       "covered_by": "Also done by", "critical_sole_support": "Critical work it alone supports",
                       "replacement": "Planned successor"})
    download(time, "time-recommendations", "ap_time_csv")

with savings_tab:
    savings = state.compute(redundancy_savings, paths=paths)
    st.caption(f"{len(savings):,} clusters of applications that share duplicated work (or support nothing). "
               "Retiring the proposed ones saves their annual cost and costs their exit cost once.")
    st.dataframe(
        savings, hide_index=True, key="ap_savings_table",
        column_order=["cluster", "kind", "applications", "retire", "keep", "annual_saving", "exit_cost",
                      "net_saving", "payback_months", "shared_elements", "single_supporter",
                      "critical_single_supporter", "unrecorded_costs"],
        column_config={"cluster": "Cluster", "kind": "Kind", "applications": "Applications",
                       "retire": "Retire", "keep": "Keep",
                       "annual_saving": money("Annual saving"),
                       "exit_cost": money("Exit cost"),
                       "net_saving": money("Net first year"),
                       "payback_months": st.column_config.NumberColumn("Payback (months)", format="%.1f"),
                       "shared_elements": "Shared elements",
                       "single_supporter": "Would then rest on one application",
                       "critical_single_supporter": "Of which critical",
                       "unrecorded_costs": "Costs not recorded"})
    download(savings, "redundancy-savings", "ap_savings_csv")

with retire_tab:
    retirements = state.compute(proposed_retirements, paths=paths)
    st.caption(counted(len(retirements), "application is", "applications are")
               + " proposed for retirement. Retired together they leave no "
               "work without support; the columns say what would then rest on one application.")
    st.dataframe(
        retirements, hide_index=True, key="ap_retirements_table",
        column_order=["application", "cluster", "annual_cost", "exit_cost", "net_saving", "payback_months",
                      "covered_by", "single_supporter", "critical_single_supporter", "broken_flows", "lifecycle",
                      "quadrant", "rationale"],
        column_config={"application": "Application", "cluster": "Cluster",
                       "annual_cost": money("Annual cost"),
                       "exit_cost": money("Exit cost"),
                       "net_saving": money("Net first year"),
                       "payback_months": st.column_config.NumberColumn("Payback (months)", format="%.1f"),
                       "covered_by": "Work taken over by",
                       "single_supporter": "Would then rest on one application",
                       "critical_single_supporter": "Of which critical", "broken_flows": "Flows to rewire",
                       "lifecycle": "Lifecycle", "quadrant": "Quadrant by fit", "rationale": "Why"})
    download(retirements, "proposed-retirements", "ap_retirements_csv")
