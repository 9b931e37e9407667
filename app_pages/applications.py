"""Applications: what the TIME analysis proposes to keep, move and retire, what retiring the
redundant applications saves and costs, and what would then rest on one application."""

from typing import Any

import pandas as pd
import streamlit as st

from app_pages import state
from fora_model.analysis.savings import proposed_retirements, redundancy_savings
from fora_model.analysis.time import RECOMMENDATION_ORDER
from fora_model.columns import column_label, column_labels
from fora_model.dashboard import decisions as dd
from fora_model.dashboard.common import md_escape, shown_values, spoken, table_number_format
from fora_model.dashboard.overview import card_rows
from fora_model.dashboard.rationalisation import CSV_PRESETS, csv_bytes, csv_format_label
from fora_model.i18n import _, n_


def money(column: str) -> Any:
    return st.column_config.NumberColumn(column_label(column), format=table_number_format(euro=True))


def months(column: str) -> Any:
    return st.column_config.NumberColumn(column_label(column), format=table_number_format(1))


def labels(frame: pd.DataFrame, **config: Any) -> dict[str, Any]:
    """The column settings of a table: every column under its label, money and months as numbers."""
    return {**column_labels(frame.columns), **config}


model = state.require_model()
level, paths = state.settings()

st.title(_("Applications"))
st.caption(_("{model} · TIME recommendations and the retirement proposal. These figures are about applications, "
             "whatever the sidebar's level.", model=md_escape(model.name or _("Unnamed model"))))

figures = state.compute(dd.proposal_kpis, paths=paths)
st.subheader(_("Proposal: retire {applications}",
               applications=n_("{n} application", "{n} applications", int(figures["retirements"]))))
for row in card_rows(dd.saving_cards(figures)):
    for column, (label, value, explanation) in zip(st.columns(len(row)), row, strict=True):
        column.metric(label, value, help=explanation, border=True)

preset = st.radio(_("CSV format"), list(CSV_PRESETS), horizontal=True, key="ap_csv_format",
                  format_func=spoken(csv_format_label))


def download(frame: pd.DataFrame, name: str, title: str, key: str) -> None:
    st.download_button(_("Download {table} (CSV)", table=title), csv_bytes(frame, preset), file_name=f"{name}.csv",
                       mime="text/csv", key=key, icon=":material/download:")


time_tab, savings_tab, retire_tab = st.tabs([_("TIME"), _("Redundancy clusters"), _("Proposed retirements")])

with time_tab:
    st.plotly_chart(state.compute(dd.time_figure, paths=paths), key="ap_quadrant")
    st.caption(dd.time_caption())
    chosen = st.multiselect(_("Recommendations"), list(RECOMMENDATION_ORDER), key="ap_recommendations",
                            placeholder=_("All recommendations"))
    time = state.compute(dd.time_table, paths=paths, recommendations=tuple(chosen))
    st.dataframe(
        shown_values(time), hide_index=True, key="ap_time_table",
        column_order=["application", "recommendation", "rationale", "quadrant", "functional_fit", "technical_fit",
                      "annual_cost", "exit_cost", "lifecycle", "vendor", "retire", "covered_by",
                      "critical_sole_support", "replacement"],
        column_config=labels(time, annual_cost=money("annual_cost"), exit_cost=money("exit_cost"),
                             retire=_("Retire now")))
    download(time, "time-recommendations", _("time-recommendations"), "ap_time_csv")

with savings_tab:
    savings = state.compute(redundancy_savings, paths=paths)
    st.caption(n_("{n} cluster of applications that share duplicated work (or support nothing).",
                  "{n} clusters of applications that share duplicated work (or support nothing).", len(savings))
               + " " + _("Retiring the proposed ones saves their annual cost and costs their exit cost once."))
    st.dataframe(
        savings, hide_index=True, key="ap_savings_table",
        column_order=["cluster", "kind", "applications", "retire", "keep", "annual_saving", "exit_cost",
                      "net_saving", "payback_months", "shared_elements", "single_supporter",
                      "critical_single_supporter", "unrecorded_costs"],
        column_config=labels(savings, annual_saving=money("annual_saving"), exit_cost=money("exit_cost"),
                             net_saving=money("net_saving"), payback_months=months("payback_months")))
    download(savings, "redundancy-savings", _("redundancy-savings"), "ap_savings_csv")

with retire_tab:
    retirements = state.compute(proposed_retirements, paths=paths)
    st.caption(n_("{n} application is proposed for retirement.", "{n} applications are proposed for retirement.",
                  len(retirements))
               + " " + _("Retired together they leave no work without support; the columns say what would then "
                         "rest on one application."))
    st.dataframe(
        shown_values(retirements), hide_index=True, key="ap_retirements_table",
        column_order=["application", "cluster", "annual_cost", "exit_cost", "net_saving", "payback_months",
                      "covered_by", "single_supporter", "critical_single_supporter", "broken_flows", "lifecycle",
                      "quadrant", "rationale"],
        column_config=labels(retirements, annual_cost=money("annual_cost"), exit_cost=money("exit_cost"),
                             net_saving=money("net_saving"), payback_months=months("payback_months"),
                             covered_by=_("Work taken over by")))
    download(retirements, "proposed-retirements", _("proposed-retirements"), "ap_retirements_csv")
