"""Privacy and risks: information entered twice, who holds personal data, privacy findings,
continuity (single points of failure, the impact of losing one application) and contract renewals."""

import datetime as dt

import streamlit as st

from app_pages import state
from fora_model.analysis.continuity import application_impact, single_points_of_failure
from fora_model.analysis.contracts import contract_renewals
from fora_model.analysis.information import double_entry, personal_data_holdings, privacy_findings
from fora_model.columns import column_label, column_labels
from fora_model.dashboard import decisions as dd
from fora_model.dashboard.common import md_escape, shown_values, spoken, table_number_format
from fora_model.formatting import money, number
from fora_model.i18n import _, n_

model = state.require_model()
level, paths = state.settings()

st.title(_("Privacy and risks"))
st.caption(_("{model} · what the school types in twice, where personal data sits and what could go wrong, and "
             "which contracts need a decision soon.", model=md_escape(model.name or _("Unnamed model"))))

twice_tab, personal_tab, privacy_tab, continuity_tab, contracts_tab = st.tabs(
    [_("Entered twice"), _("Personal data"), _("Privacy findings"), _("Continuity"), _("Contracts")])

with twice_tab:
    twice = state.compute(double_entry)
    st.caption(n_("{n} piece of information is written by two or more applications that no flow links: the school "
                  "enters it more than once.",
                  "{n} pieces of information are written by two or more applications that no flow links: the "
                  "school enters them more than once.", len(twice)))
    st.dataframe(shown_values(twice), hide_index=True, key="rk_double_entry",
                 column_order=["information", "personal_data", "sensitivity", "entry_points", "writer_count",
                               "writers", "groups", "flows"],
                 column_config=column_labels(twice.columns))

with personal_tab:
    holdings = state.compute(personal_data_holdings)
    st.caption(n_("{n} piece of information is personal data; the count says in how many current applications "
                  "it sits.",
                  "{n} pieces of information are personal data; the count says in how many current applications "
                  "each sits.", len(holdings)))
    st.dataframe(shown_values(holdings), hide_index=True, key="rk_personal_data",
                 column_order=["information", "sensitivity", "holder_count", "holders", "writers", "without_dpa",
                               "outside_eu", "retiring"],
                 column_config={**column_labels(holdings.columns),
                                "retiring": _("Held by phase-out/end-of-life")})

with privacy_tab:
    findings = state.compute(privacy_findings)
    st.caption(n_("{n} application processes personal data with no signed processing agreement, outside the EU, "
                  "or while being phased out.",
                  "{n} applications process personal data with no signed processing agreement, outside the EU, "
                  "or while being phased out.", len(findings)))
    st.dataframe(shown_values(findings), hide_index=True, key="rk_privacy",
                 column_order=["application", "issues", "vendor", "lifecycle", "data_location", "dpa_signed", "basis",
                               "personal_information"],
                 column_config=column_labels(findings.columns))

with continuity_tab:
    spof = state.compute(single_points_of_failure, level=level, paths=paths)
    st.subheader(_("Single points of failure"))
    st.caption(n_("{n} critical process or activity rests on one supporter alone.",
                  "{n} critical processes and activities rest on one supporter alone.", len(spof)))
    st.dataframe(shown_values(spof), hide_index=True, key="rk_spof",
                 column_order=["activity", "process", "application", "lifecycle", "replacement", "goals",
                               "element_kind"],
                 column_config={**column_labels(spof.columns), "application": _("Rests on"),
                                "lifecycle": _("Its lifecycle"), "replacement": _("Planned alternative")})
    st.subheader(_("If we lost one application"))
    impact_all = state.compute(application_impact, paths=paths)
    choices = impact_all["application_id"].tolist()
    chosen = st.selectbox(_("Application"), choices, format_func=state.labels(), key="rk_impact",
                          help=_("Applications in use, the one whose loss hurts most first."))
    if chosen is not None:
        impact = state.compute(application_impact, paths=paths, application=chosen)
        row = impact.iloc[0]
        impact_cards = [(_("Elements it supports"), number(row["elements"])),
                        (_("Left without support"), number(row["elements_lost"])),
                        (_("Of which critical"), number(row["critical_lost"]))]
        for column, (label, value) in zip(st.columns(3), impact_cards, strict=True):
            column.metric(label, value, border=True)
        st.dataframe(dd.impact_detail(impact),
                     hide_index=True, key="rk_impact_table",
                     column_config={"what": st.column_config.TextColumn("", width="small"),
                                    "names": st.column_config.TextColumn(column_label("names"), width="large")})

with contracts_tab:
    today_col, horizon_col = st.columns(2)
    today = today_col.date_input(_("Today"), value=dt.date.today(), key="rk_today", format="YYYY-MM-DD",
                                 help=_("Count from another date to see what will be due then."))
    horizon = horizon_col.radio(_("Contracts ending within"), [12, 24], index=1, horizontal=True, key="rk_horizon",
                                format_func=spoken(lambda months: _("{months} months", months=months)))
    renewals = state.compute(contract_renewals, today=today, horizon_months=horizon, paths=paths)
    totals = dd.renewal_totals(renewals)
    cards = [(_("Ending within {months} months", months=12), number(totals["due_12"]),
              _("{amount} a year", amount=money(totals["cost_12"]))),
             (_("Ending within {months} months", months=horizon), number(totals["due_all"]),
              _("{amount} a year", amount=money(totals["cost_all"]))),
             (_("Notice date passed"), number(totals["notice_passed"]), _("Negotiate with the vendor now."))]
    for column, (label, value, note) in zip(st.columns(3), cards, strict=True):
        column.metric(label, value, help=note, border=True)
    st.caption(_("Decide before the notice date, so that the decision lands in time. Sorted by notice date."))
    st.dataframe(shown_values(renewals), hide_index=True, key="rk_renewals",
                 column_order=["application", "notice_date", "contract_end", "annual_cost", "window", "recommendation",
                               "action", "vendor", "notice_months", "days_to_notice", "notice_passed"],
                 column_config={**column_labels(renewals.columns),
                                "annual_cost": st.column_config.NumberColumn(
                                    column_label("annual_cost"), format=table_number_format(euro=True)),
                                "recommendation": _("TIME")})
