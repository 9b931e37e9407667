"""Privacy and risks: information entered twice, who holds personal data, privacy findings,
continuity (single points of failure, the impact of losing one application) and contract renewals."""

import datetime as dt

import streamlit as st

from app_pages import state
from fora_model.analysis.continuity import application_impact, single_points_of_failure
from fora_model.analysis.contracts import contract_renewals
from fora_model.analysis.information import double_entry, personal_data_holdings, privacy_findings
from fora_model.dashboard import decisions as dd
from fora_model.dashboard.common import counted, md_escape
from fora_model.formatting import money

model = state.require_model()
level, paths = state.settings()

st.title("Privacy and risks")
st.caption(f"{md_escape(model.name or 'Unnamed model')} · what the school types in twice, where personal data "
           "sits and what could go wrong, and which contracts need a decision soon.")

twice_tab, personal_tab, privacy_tab, continuity_tab, contracts_tab = st.tabs(
    ["Entered twice", "Personal data", "Privacy findings", "Continuity", "Contracts"])

with twice_tab:
    twice = state.compute(double_entry)
    st.caption(counted(len(twice), "piece of information is", "pieces of information are")
               + " written by two or more applications that no flow links: the school enters it more than once.")
    st.dataframe(twice, hide_index=True, key="rk_double_entry",
                 column_order=["information", "personal_data", "sensitivity", "entry_points", "writer_count",
                               "writers", "groups", "flows"],
                 column_config={"information": "Information", "personal_data": "Personal data",
                                "sensitivity": "Sensitivity", "entry_points": "Entered in",
                                "writer_count": "Writers", "writers": "Written by",
                                "groups": "Groups of linked writers", "flows": "Flows that carry it"})

with personal_tab:
    holdings = state.compute(personal_data_holdings)
    st.caption(counted(len(holdings), "piece of information is", "pieces of information are")
               + " personal data; the count says in how many current applications each sits.")
    st.dataframe(holdings, hide_index=True, key="rk_personal_data",
                 column_order=["information", "sensitivity", "holder_count", "holders", "writers", "without_dpa",
                               "outside_eu", "retiring"],
                 column_config={"information": "Information", "sensitivity": "Sensitivity",
                                "holder_count": "Applications holding it", "holders": "Held by",
                                "writers": "Written by", "without_dpa": "Held without a signed agreement",
                                "outside_eu": "Held outside the EU", "retiring": "Held by phase-out/end-of-life"})

with privacy_tab:
    findings = state.compute(privacy_findings)
    st.caption(counted(len(findings), "application processes", "applications process")
               + " personal data with no signed processing agreement, outside the EU, or while being phased out.")
    st.dataframe(findings, hide_index=True, key="rk_privacy",
                 column_order=["application", "issues", "vendor", "lifecycle", "data_location", "dpa_signed", "basis",
                               "personal_information"],
                 column_config={"application": "Application", "issues": "Issues", "vendor": "Vendor",
                                "lifecycle": "Lifecycle", "data_location": "Data location",
                                "dpa_signed": "Agreement signed", "basis": "Why it counts",
                                "personal_information": "Personal information it holds"})

with continuity_tab:
    spof = state.compute(single_points_of_failure, level=level, paths=paths)
    st.subheader("Single points of failure")
    st.caption(counted(len(spof), "critical process or activity rests", "critical processes and activities rest")
               + " on one supporter alone.")
    st.dataframe(spof, hide_index=True, key="rk_spof",
                 column_order=["activity", "process", "application", "lifecycle", "replacement", "goals",
                               "element_kind"],
                 column_config={"activity": "Element", "process": "Process", "application": "Rests on",
                                "lifecycle": "Its lifecycle", "replacement": "Planned alternative",
                                "goals": "Goals", "element_kind": "Kind"})
    st.subheader("If we lost one application")
    impact_all = state.compute(application_impact, paths=paths)
    choices = impact_all["application_id"].tolist()
    chosen = st.selectbox("Application", choices, format_func=state.labels(), key="rk_impact",
                          help="Applications in use, the one whose loss hurts most first.")
    if chosen is not None:
        impact = state.compute(application_impact, paths=paths, application=chosen)
        row = impact.iloc[0]
        impact_cards = [("Elements it supports", f"{row['elements']:,}"),
                 ("Left without support", f"{row['elements_lost']:,}"),
                 ("Of which critical", f"{row['critical_lost']:,}")]
        for column, (label, value) in zip(st.columns(3), impact_cards, strict=True):
            column.metric(label, value, border=True)
        st.dataframe(dd.impact_detail(impact), hide_index=True, key="rk_impact_table",
                     column_config={"what": st.column_config.TextColumn("", width="small"),
                                    "names": st.column_config.TextColumn("Names", width="large")})

with contracts_tab:
    today_col, horizon_col = st.columns(2)
    today = today_col.date_input("Today", value=dt.date.today(), key="rk_today", format="YYYY-MM-DD",
                                 help="Count from another date to see what will be due then.")
    horizon = horizon_col.radio("Contracts ending within", [12, 24], index=1, horizontal=True, key="rk_horizon",
                                format_func=lambda months: f"{months} months")
    renewals = state.compute(contract_renewals, today=today, horizon_months=horizon, paths=paths)
    totals = dd.renewal_totals(renewals)
    cards = [("Ending within 12 months", f"{totals['due_12']:,}", f"{money(totals['cost_12'])} a year"),
             (f"Ending within {horizon} months", f"{totals['due_all']:,}", f"{money(totals['cost_all'])} a year"),
             ("Notice date passed", f"{totals['notice_passed']:,}", "Negotiate with the vendor now.")]
    for column, (label, value, note) in zip(st.columns(3), cards, strict=True):
        column.metric(label, value, help=note, border=True)
    st.caption("Decide before the notice date, so that the decision lands in time. Sorted by notice date.")
    st.dataframe(renewals, hide_index=True, key="rk_renewals",
                 column_order=["application", "notice_date", "contract_end", "annual_cost", "window", "recommendation",
                               "action", "vendor", "notice_months", "days_to_notice", "notice_passed"],
                 column_config={"application": "Application", "notice_date": "Notice by",
                                "contract_end": "Contract ends",
                                "annual_cost": st.column_config.NumberColumn("Annual cost", format="€ %,.0f"),
                                "window": "Ends within", "recommendation": "TIME", "action": "What to decide",
                                "vendor": "Vendor", "notice_months": "Notice (months)",
                                "days_to_notice": "Days to notice", "notice_passed": "Notice passed"})
