"""The decision pages' pure functions (fora_model.dashboard.decisions) on tiny hand-built models:
the proposal's money, scenarios built from widget choices, the changes that save and delete a
scenario, uploaded scenario files, the comparison, contract totals and the board pack."""

from __future__ import annotations

import datetime as dt
import doctest
import html
import json

import pytest

import fora_model as fm
from fora_model import rationalisation as rat
from fora_model.changes import apply_changes
from fora_model.dashboard import decisions as dd
from tests.test_board_report import tags


def portfolio() -> fm.Model:
    """Two equally fit parent apps doing one job (the dearer, Parro 1,200, goes; exit 300), an
    orphan (500 a year, exit 100: goes too), a timetable app (alone; stays) and a goal both jobs serve."""
    m = fm.Model(name="Tiny <b>school</b>")
    m.add_element(fm.Element.new("goal", "Good teaching", id="goal"))
    m.add_element(fm.Element.new("activity", "Message parents", id="msg"))
    m.add_element(fm.Element.new("activity", "Make the timetable", id="rooster", criticality="high"))
    for app, cost, exit_cost in (("parro", 1200, 300), ("klasbord", 800, 300), ("orphan", 500, 100),
                                 ("zermelo", 2000, 50)):
        m.add_element(fm.Element.new("application", app.title(), id=app, annual_cost=cost, exit_cost=exit_cost,
                                     functional_fit=3, technical_fit=3, contract_end="2027-03-31", notice_months=3))
    m.add_relation(fm.Relation.new("supports", "parro", "msg"))
    m.add_relation(fm.Relation.new("supports", "klasbord", "msg"))
    m.add_relation(fm.Relation.new("supports", "zermelo", "rooster"))
    m.add_relation(fm.Relation.new("contributes_to", "msg", "goal"))
    m.add_relation(fm.Relation.new("contributes_to", "rooster", "goal"))
    return m


def test_docstring_examples():
    failed, attempted = doctest.testmod(dd, optionflags=doctest.ELLIPSIS)
    assert attempted > 0 and failed == 0


# ----------------------------------------------------------------------------- the proposal
def test_the_proposal_money_is_the_hand_sum():
    figures = dd.proposal_kpis(portfolio())
    # by hand: Parro 1,200 + the orphan 500 a year; exit 300 + 100 once
    assert figures == {"retirements": 2, "annual_saving": 1700.0, "one_off_cost": 400.0,
                       "net_saving_first_year": 1300.0, "payback_months": 400 / 1700 * 12}


def test_the_proposal_money_equals_its_scenario_evaluated():
    m = portfolio()
    result = rat.evaluate_scenario(m, rat.proposed_scenario(m))
    assert dd.scenario_figures(result) == pytest.approx(
        {k: v for k, v in dd.proposal_kpis(m).items() if k != "retirements"})


def test_cards_format_money_and_months():
    cards = dd.saving_cards({"annual_saving": 1700, "one_off_cost": 400, "net_saving_first_year": -50.0,
                             "payback_months": 2.8235})
    assert [(label, value) for label, value, _ in cards] == [
        ("Annual saving", "€1,700"), ("One-off cost", "€400"), ("Net first year", "-€50"), ("Payback", "2.8 months")]


def test_the_time_table_filters_by_recommendation():
    m = portfolio()
    every = dd.time_table(m)
    assert len(every) == 4
    eliminate = dd.time_table(m, recommendations=["Eliminate"])
    assert sorted(eliminate["application_id"]) == ["orphan", "parro"]
    assert eliminate.index.tolist() == [0, 1]
    assert len(dd.time_table(m, recommendations=["nonsense"])) == 4


# ----------------------------------------------------------------------------- building scenarios
@pytest.mark.parametrize(("name", "retire", "replace", "problem"), [
    ("", ["parro"], [], "Give the scenario a name."),
    ("X", [], [], "Choose at least one application to retire or to replace."),
    ("X", ["gone"], [], "'gone' is not in the model (deleted since?); choose the application again."),
    ("X", ["msg"], [], "Message parents (activity) is not an application; choose an application."),
    ("X", ["parro"], [("parro", "klasbord")], "Parro (application) is both retired and replaced; choose one."),
    ("X", [], [("parro", "parro")], "Parro (application) cannot replace itself; choose another application."),
    ("X", [], [("parro", "klasbord"), ("parro", "zermelo")],
     "Parro (application) has 2 replacements (Klasbord (application), Zermelo (application)); keep one."),
    ("X", ["klasbord"], [("parro", "klasbord")],
     "Klasbord (application) cannot take over from Parro (application): it is itself retired or replaced in this "
     "scenario."),
])
def test_a_scenario_that_cannot_be_built_says_why(name, retire, replace, problem):
    scenario, problems = dd.build_scenario(portfolio(), name, retire, replace)
    assert scenario is None
    assert problem in problems


def test_a_good_choice_builds_the_scenario():
    scenario, problems = dd.build_scenario(portfolio(), "  One app ", ["orphan", "orphan"], [("parro", "klasbord")],
                                           " why ")
    assert problems == []
    assert scenario == rat.Scenario("One app", retire=["orphan"], replace={"parro": "klasbord"}, description="why")


def test_a_replacement_is_added_once_per_application():
    pairs = dd.add_replacement([], "parro", "klasbord")
    pairs = dd.add_replacement(pairs, "orphan", "zermelo")
    assert dd.add_replacement(pairs, "parro", "zermelo") == [("orphan", "zermelo"), ("parro", "zermelo")]
    assert dd.add_replacement(pairs, "parro", None) == pairs


# ----------------------------------------------------------------------------- saving and deleting
def test_saving_is_one_header_change_that_replaces_a_namesake_in_place():
    m = portfolio()
    first, second = rat.Scenario("A", retire=["orphan"]), rat.Scenario("B", retire=["parro"])
    m = apply_changes(m, [dd.save_scenario_change(m, first)]).model
    m = apply_changes(m, [dd.save_scenario_change(m, second)]).model
    again = rat.Scenario("A", retire=["klasbord"])
    before = m.copy()
    change = dd.save_scenario_change(m, again)
    assert m == before  # the model itself is not changed
    assert isinstance(change, fm.SetHeader) and set(change.values) == {"extras"}
    m = apply_changes(m, [change]).model
    assert rat.model_scenarios(m) == [again, second]


def test_deleting_removes_only_that_scenario_and_an_unknown_name_is_refused():
    m = portfolio()
    for s in (rat.Scenario("A", retire=["orphan"]), rat.Scenario("B", retire=["parro"])):
        m = apply_changes(m, [dd.save_scenario_change(m, s)]).model
    m = apply_changes(m, [dd.delete_scenario_change(m, "A")]).model
    assert [s.name for s in rat.model_scenarios(m)] == ["B"]
    with pytest.raises(rat.ScenarioError, match="no saved scenario 'A'"):
        dd.delete_scenario_change(m, "A")


def test_the_saved_list_shows_names_not_ids():
    m = portfolio()
    table = dd.scenario_table(m, [rat.Scenario("A", retire=["orphan"], replace={"parro": "klasbord"})])
    assert table.to_dict("records") == [{"name": "A", "description": "", "retire": "Orphan (application)",
                                         "replace": "Parro (application) → Klasbord (application)", "leaving": 2}]


# ----------------------------------------------------------------------------- files
def test_an_exported_scenario_reads_back_equal():
    m = portfolio()
    scenario = rat.Scenario("Keep Klasbord", retire=["orphan"], replace={"parro": "klasbord"}, description="d")
    data = dd.scenario_bytes(scenario)
    read, message = dd.read_uploaded_scenario(data, dd.scenario_file_name(scenario), m)
    assert read == scenario
    assert message == ("Read scenario 'Keep Klasbord' from scenario-Keep-Klasbord.json: it retires 1 and replaces 1 "
                       "applications.")


def test_an_upload_named_like_a_saved_scenario_says_it_will_replace_it():
    m = portfolio()
    m = apply_changes(m, [dd.save_scenario_change(m, rat.Scenario("A", retire=["orphan"]))]).model
    _, message = dd.read_uploaded_scenario(dd.scenario_bytes(rat.Scenario("A", retire=["parro"])), "a.json", m)
    assert message.endswith("Saving it replaces the saved scenario of that name.")


@pytest.mark.parametrize(("data", "message"), [
    (b"\xff\xfe{", "bad.json is not UTF-8 text; save the scenario as UTF-8 JSON."),
    (b"[1, 2]", "bad.json: a scenario must be a JSON object with a name, retire and replace."),
    (json.dumps({"format": "fora-model", "name": "A"}).encode(),
     "bad.json: not a scenario (format 'fora-model'); expected 'fora-model-scenario'."),
    (json.dumps({"name": "A", "retire": ["nope"]}).encode(),
     "bad.json does not fit this model: retired application 'nope' is not in the model; use an application id."),
    (json.dumps({"name": "A", "retire": ["msg"], "replace": {"parro": "parro"}}).encode(),
     "bad.json does not fit this model: retired application 'msg' is a activity, not an application (and 1 more)."),
    (b" " * (dd.MAX_UPLOAD_BYTES + 1), "bad.json is too large for a scenario file (over 1 MB)."),
])
def test_a_bad_upload_gives_a_message_naming_the_file_and_the_problem(data, message):
    assert dd.read_uploaded_scenario(data, "bad.json", portfolio()) == (None, message)


def test_file_names_are_safe():
    assert dd.scenario_file_name(rat.Scenario("../../etc/passwd", retire=["x"])) == "scenario-etc-passwd.json"
    assert dd.scenario_file_name(rat.Scenario("€€", retire=["x"])) == "scenario.json"
    assert dd.board_pack_name(fm.Model(), dt.date(2026, 1, 2)) == "board-report-model-2026-01-02.html"


# ----------------------------------------------------------------------------- before, after, side by side
def test_the_summary_table_is_the_scenarios_summary_with_what_each_measure_counts():
    m = portfolio()
    result = rat.evaluate_scenario(m, rat.Scenario("A", retire=["orphan"]))
    table = dd.summary_table(result)
    assert list(table.columns) == ["measure", "meaning", *rat.SUMMARY_COLUMNS[1:]]
    assert table.drop(columns="meaning").equals(result.summary)
    assert table["meaning"].tolist() == list(rat.SCENARIO_MEASURES.values())


def test_the_comparison_puts_the_proposal_first_and_leaves_out_what_no_longer_fits():
    m = portfolio()
    fine, stale = rat.Scenario("Fine", retire=["orphan"]), rat.Scenario("Stale", retire=["deleted-app"])
    frame, problems = dd.comparison_table(m, [fine, stale])
    assert list(frame.columns) == ["measure", "meaning", "current", "Proposed retirements", "Fine"]
    expected = rat.compare_scenarios(m, [rat.proposed_scenario(m), fine])
    assert frame["measure"].tolist() == [dd.MEASURE_LABELS[k] for k in expected["measure"]]
    for column in ("current", "Proposed retirements", "Fine"):
        assert frame[column].tolist() == [dd.measure_value(k, v) for k, v in zip(expected["measure"],
                                                                                 expected[column], strict=True)]
    assert problems == ["Scenario 'Stale' is left out: retired application 'deleted-app' is not in the model; use "
                        "an application id."]


# ----------------------------------------------------------------------------- continuity
def test_the_impact_detail_is_the_impact_row_on_its_side():
    m = portfolio()
    # by hand: without Zermelo nothing makes the timetable (critical, for the goal); the goal keeps Message parents
    detail = dd.impact_detail(rat.application_impact(m, application="zermelo"))
    assert detail.values.tolist() == [["Left without support", "Make the timetable"],
                                      ["Critical among them", "Make the timetable"],
                                      ["Goals affected", "Good teaching"], ["Goals left with no supported work", "–"]]
    detail = dd.impact_detail(rat.application_impact(m, application="parro"))
    assert detail["names"].tolist() == ["–"] * 4  # Klasbord still messages the parents
    assert dd.impact_detail(rat.application_impact(m).iloc[:0]).empty


# ----------------------------------------------------------------------------- contracts
def test_renewal_totals_split_at_twelve_months():
    m = portfolio()
    m.update_element(m.element("zermelo").replace(attributes={**m.element("zermelo").attributes,
                                                              "contract_end": "2026-08-31"}))
    renewals = rat.contract_renewals(m, today=dt.date(2026, 6, 1))
    # by hand: Zermelo ends 2026-08-31 (notice 2026-05-31, passed), the other three 2027-03-31
    assert dd.renewal_totals(renewals) == {"due_12": 4, "cost_12": 4500.0, "due_all": 4, "cost_all": 4500.0,
                                           "notice_passed": 1}
    later = dd.renewal_totals(rat.contract_renewals(m, today=dt.date(2026, 4, 1)))
    assert later["due_12"] == 4 and later["notice_passed"] == 0
    farther = dd.renewal_totals(rat.contract_renewals(m, today=dt.date(2025, 12, 1)))
    assert (farther["due_12"], farther["cost_12"], farther["due_all"]) == (1, 2000.0, 4)


# ----------------------------------------------------------------------------- the board pack
def test_the_board_pack_is_offline_escaped_and_compares_the_chosen_scenarios():
    m = portfolio()
    chosen = [rat.Scenario(f"S{n}", retire=["orphan"]) for n in range(5)]
    data = dd.board_pack(m, scenarios=chosen, today=dt.date(2026, 6, 1))
    text = data.decode("utf-8")
    for tag, attrs in tags(text):
        assert "src" not in attrs, tag
        assert (attrs.get("href") or "#").startswith("#"), tag
    assert "Tiny <b>school</b>" not in text and html.escape("Tiny <b>school</b>") in text
    assert [n for n in ("S0", "S1", "S2", "S3") if f">{n}<" in text] == ["S0", "S1", "S2"]
