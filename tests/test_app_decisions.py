"""The decision pages under AppTest (Applications, Scenarios, Privacy and risks, the board pack on
the Board view), on the sample school in a fresh workspace: every figure and table is what
fora_model.rationalisation returns for the model the session shows; saving and deleting a scenario
are revisions; a bad scenario file stores nothing; model text never reaches Markdown raw."""

from __future__ import annotations

import datetime as dt
import html
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import fora_model as fm
from fora_model import rationalisation as rat
from fora_model.board_pack.figures import money
from fora_model.dashboard import decisions as dd
from fora_model.dashboard.common import md_escape
from tests.apptest import run_app, shown, workspace
from tests.dashboard_fixtures import HOSTILE, HOSTILE_MODEL_NAME, hostile_model
from tests.test_app_pages import markdown_texts
from tests.test_board_report import tags

APPLICATIONS, SCENARIOS, RISKS, BOARD = (f"app_pages/{p}.py" for p in ("applications", "scenarios", "risks",
                                                                          "board_view"))


@pytest.fixture(autouse=True)
def fresh_app(workspace_app):
    """Each test starts on the sample school in a new workspace with empty Streamlit caches."""


def same_frame(shown_frame: pd.DataFrame, expected: pd.DataFrame) -> None:
    """The frame a page shows equals ``expected`` (Arrow turns object columns into str on the way)."""
    pd.testing.assert_frame_equal(shown_frame.reset_index(drop=True), expected.reset_index(drop=True),
                                  check_dtype=False)


def frame_with(at: AppTest, *columns: str) -> pd.DataFrame:
    """The one dataframe on the page that has all these columns."""
    found = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def head() -> int:
    return workspace().head("sample-school")


def open_hostile(monkeypatch, tmp_path, sample) -> tuple[fm.Model, dict[str, str]]:
    hostile, roles = hostile_model(sample)
    path = tmp_path / "hostile.json"
    fm.write_model(hostile, path)
    monkeypatch.setenv("FORA_MODEL_FILE", str(path))
    return hostile, roles


def assert_escaped(at: AppTest) -> None:
    for text in markdown_texts(at):
        bare = re.sub(r"\\.", "", text)  # what is left when escaped characters are taken out
        assert "<" not in bare and "](" not in bare and "**" not in bare, text


# ----------------------------------------------------------------------------- applications
def test_the_applications_page_shows_the_proposal_of_the_facade():
    at = run_app(APPLICATIONS)
    model = shown(at)
    assert [t.value for t in at.title] == ["Applications"]
    savings = rat.redundancy_savings(model)
    retirements = rat.proposed_retirements(model)
    cards = {m.label: m.value for m in at.metric}
    assert cards["Net first year"] == money(savings["net_saving"].sum())
    assert cards["Annual saving"] == money(retirements["annual_cost"].fillna(0).sum())
    assert cards["One-off cost"] == money(savings["exit_cost"].sum())
    payback = rat.payback_months(savings["annual_saving"].sum(), savings["exit_cost"].sum())
    assert cards["Payback"] == f"{payback:.1f} months"
    assert f"retire {len(retirements)} applications" in at.subheader[0].value
    same_frame(at.dataframe[0].value, rat.time_recommendations(model))
    same_frame(at.dataframe[1].value, savings)
    same_frame(at.dataframe[2].value, retirements)
    assert len(at.get("plotly_chart")) == 1
    assert [b.label for b in at.get("download_button")] == [
        "Download time-recommendations (CSV)", "Download redundancy-savings (CSV)",
        "Download proposed-retirements (CSV)"]

    at.multiselect(key="ap_recommendations").set_value(["Eliminate", "Migrate"]).run()
    time = rat.time_recommendations(model)
    same_frame(at.dataframe[0].value, time[time["recommendation"].isin(["Eliminate", "Migrate"])])


# ----------------------------------------------------------------------------- scenarios
def build(at: AppTest, name: str, retire: list[str], replace: tuple[str, str] | None = None) -> AppTest:
    at.text_input(key="sc_name").input(name).run()
    at.multiselect(key="sc_retire").set_value(retire).run()
    if replace is not None:
        at.selectbox(key="sc_old").set_value(replace[0]).run()
        at.selectbox(key="sc_new").set_value(replace[1]).run()
        at.button(key="sc_add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def preset(at: AppTest, name: str, retire: list[str], pairs: list[tuple[str, str]]) -> AppTest:
    """The builder's choices set at once (one run; the widgets themselves are driven in the test above)."""
    at.session_state["sc_name"] = name
    at.session_state["sc_retire"] = retire
    at.session_state["sc_replacements"] = pairs
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def trial(model: fm.Model) -> rat.Scenario:
    """The proposal's first retirement, and the dearest Eliminate-by-fit application replaced by an Invest one."""
    time = rat.time_recommendations(model)
    retire = rat.proposed_retirements(model)["application_id"].iloc[0]
    invest = time.loc[time["recommendation"] == "Invest", "application_id"].iloc[0]
    old = time.loc[(time["application_id"] != retire) & (time["application_id"] != invest)
                   & (time["recommendation"] != "Invest"), "application_id"].iloc[0]
    return rat.Scenario("Trial", retire=[retire], replace={old: invest})


def test_a_scenario_built_in_the_page_shows_what_evaluate_scenario_says():
    at = run_app(SCENARIOS)
    model = shown(at)
    scenario = trial(model)
    build(at, "Trial", list(scenario.retire), scenario.replace[0])
    assert not at.error
    result = rat.evaluate_scenario(model, scenario)
    same_frame(frame_with(at, "before", "after"), dd.summary_view(result))  # evaluate_scenario's, written out
    same_frame(frame_with(at, "subject", "detail"), dd.changes_view(result))
    assert len(dd.changes_view(result)) == len(result.changes)
    assert [(m.label, m.value) for m in at.metric] == [(label, value) for label, value, _ in
                                                       dd.saving_cards(dd.scenario_figures(result))]
    compared = frame_with(at, "Proposed retirements")
    assert list(compared.columns) == ["measure", "meaning", "current", "Proposed retirements", "Trial"]
    same_frame(compared, dd.comparison_table(model, [scenario])[0])


def test_a_scenario_retired_and_replaced_at_once_is_refused_with_its_name():
    at = run_app(SCENARIOS)
    model = shown(at)
    app = rat.proposed_retirements(model)["application_id"].iloc[0]
    other = next(e.id for e in model.elements_of("application") if e.id != app)
    preset(at, "Both", [app], [(app, other)])
    expected = dd.build_scenario(model, "Both", [app], [(app, other)])[1]
    assert [e.value for e in at.error] == [md_escape(p) for p in expected]
    assert not [b for b in at.button if b.key == "sc_save"]


def test_saving_deleting_exporting_and_importing_scenarios():
    at = run_app(SCENARIOS)
    model = shown(at)
    scenario = trial(model)
    preset(at, "Trial", list(scenario.retire), list(scenario.replace))
    start = head()

    at.button(key="sc_save").click().run()
    assert head() == start + 1 and at.session_state["fm_revision"] == start + 1
    assert rat.model_scenarios(shown(at)) == [scenario]
    saved_table = frame_with(at, "leaving")
    assert saved_table["name"].tolist() == ["Trial"]
    same_frame(frame_with(at, "Proposed retirements"), dd.comparison_table(shown(at), [scenario])[0])
    exported = dd.scenario_bytes(rat.model_scenarios(shown(at))[0])  # what the Export button offers
    assert [b.label for b in at.get("download_button")] == ["Export as JSON"]

    at.button(key="sc_delete").click().run()
    assert head() == start + 2
    assert rat.model_scenarios(shown(at)) == []
    assert workspace().history("sample-school")[0].summary == "deleted scenario Trial"

    at.file_uploader(key="sc_upload").set_value(("trial.json", exported, "application/json")).run()
    assert at.success[0].value.startswith("Read scenario")
    at.button(key="sc_import_save").click().run()
    assert head() == start + 3
    assert rat.model_scenarios(shown(at)) == [scenario]


@pytest.mark.parametrize(("data", "problem"), [
    (b'{"name": "X", "retire": ', "not valid JSON"),
    (b'{"name": "X", "retire": ["no-such-app"]}', "'no-such-app' is not in the model"),
])
def test_a_bad_scenario_file_says_what_is_wrong_and_stores_nothing(data, problem):
    at = run_app(SCENARIOS)
    start = head()
    at.file_uploader(key="sc_upload").set_value(("bad.json", data, "application/json")).run()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith("bad\\.json")
    assert md_escape(problem) in error.value
    assert not [b for b in at.button if b.key == "sc_import_save"]
    assert head() == start and rat.model_scenarios(shown(at)) == []


# ----------------------------------------------------------------------------- risks
def test_the_risks_page_tables_are_the_facades():
    at = run_app(RISKS)
    model = shown(at)
    assert [t.value for t in at.title] == ["Privacy and risks"]
    same_frame(at.dataframe[0].value, rat.double_entry(model))
    same_frame(at.dataframe[1].value, rat.personal_data_holdings(model))
    same_frame(at.dataframe[2].value, rat.privacy_findings(model))
    same_frame(at.dataframe[3].value, rat.single_points_of_failure(model))
    impact = rat.application_impact(model)
    same_frame(at.dataframe[4].value, dd.impact_detail(impact.iloc[:1]))
    same_frame(at.dataframe[5].value, rat.contract_renewals(model, today=dt.date.today()))

    other = impact["application_id"].iloc[3]
    at.selectbox(key="rk_impact").set_value(other).run()
    same_frame(at.dataframe[4].value, dd.impact_detail(rat.application_impact(model, application=other)))
    assert {m.label: m.value for m in at.metric}["Left without support"] == str(impact["elements_lost"].iloc[3])
    day = dt.date(2026, 6, 1)
    at.date_input(key="rk_today").set_value(day).run()
    at.radio(key="rk_horizon").set_value(12).run()
    renewals = rat.contract_renewals(model, today=day, horizon_months=12)
    same_frame(at.dataframe[5].value, renewals)
    cards = {m.label: m.value for m in at.metric}
    assert cards["Ending within 12 months"] == str(len(renewals))
    assert cards["Notice date passed"] == str(int(renewals["notice_passed"].sum()))


# ----------------------------------------------------------------------------- board pack
def test_the_board_pack_is_built_when_asked_offline_and_escaped(monkeypatch, tmp_path, sample):
    hostile, _ = open_hostile(monkeypatch, tmp_path, sample)
    at = run_app(BOARD)
    assert shown(at) == hostile
    assert "bv_pack_data" not in at.session_state
    assert not [b for b in at.get("download_button") if b.label.startswith("Download the board report")]
    at.button(key="bv_pack_prepare").click().run()
    assert not at.exception
    text = at.session_state["bv_pack_data"][1].decode("utf-8")
    for tag, attrs in tags(text):
        assert "src" not in attrs, tag
        assert (attrs.get("href") or "#").startswith("#"), tag
    assert HOSTILE_MODEL_NAME not in text and html.escape(HOSTILE_MODEL_NAME) in text
    assert len([b for b in at.get("download_button") if b.label.startswith("Download the board report")]) == 1
    assert_escaped(at)


@pytest.mark.parametrize("page", [APPLICATIONS, SCENARIOS, RISKS])
def test_hostile_names_never_reach_markdown_raw(monkeypatch, tmp_path, sample, page):
    hostile, roles = open_hostile(monkeypatch, tmp_path, sample)
    at = run_app(page)
    assert shown(at) == hostile
    if page == SCENARIOS:  # the hostile application named in an error message
        preset(at, HOSTILE_MODEL_NAME, [], [(roles["application"], roles["application"])])
        assert [e.value for e in at.error] == [
            md_escape(f"{HOSTILE[1]} (application) cannot replace itself; choose another application.")]
    assert_escaped(at)
