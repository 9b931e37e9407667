"""What-if scenarios: deltas of retire and replace on a hand-built model, the after-model they
describe, side-by-side comparison, and the small JSON file and model storage."""

from __future__ import annotations

import json
import math

import pytest

import fora_model as fm
from fora_model.analysis.continuity import single_points_of_failure
from fora_model.analysis.scenario_files import (
    dumps_scenario,
    find_scenario,
    loads_scenario,
    model_scenarios,
    read_scenario,
    remove_scenario,
    store_scenario,
    write_scenario,
)
from fora_model.analysis.scenarios import (
    CHANGE_COLUMNS,
    SCENARIO_MEASURES,
    SUMMARY_COLUMNS,
    Scenario,
    ScenarioError,
    apply_scenario,
    check_scenario,
    compare_scenarios,
    evaluate_scenario,
    proposed_scenario,
)


def school():
    """MAG and SOM both support critical X; MAG alone Y; ZER alone Z; NEW (planned) would support
    Z, V and Y. Both MAG and SOM write Grades, MAG → SOM carries it; ZER writes Schedule and
    flows to MAG (carrying everything). Annual costs 5000 + 3000 + 1000 = 9000 now."""
    m = fm.Model(name="scenario test")
    for ident, attrs in {"x": {"criticality": "high"}, "y": {}, "z": {}, "v": {}}.items():
        m.add_element(fm.Element.new("activity", ident.upper(), id=ident, **attrs))
    m.add_element(fm.Element.new("information", "Grades", id="grades", personal_data=True))
    m.add_element(fm.Element.new("information", "Schedule", id="schedule"))
    for ident, attrs in {
        "mag": dict(annual_cost=5000, exit_cost=1000, functional_fit=4, technical_fit=4),
        "som": dict(annual_cost=3000, exit_cost=500, functional_fit=2, technical_fit=2),
        "zer": dict(annual_cost=1000, exit_cost=200, functional_fit=3, technical_fit=2),
        "new": dict(annual_cost=800, lifecycle="plan"),
    }.items():
        m.add_element(fm.Element.new("application", ident.upper(), id=ident, **attrs))
    for app, act in [("mag", "x"), ("mag", "y"), ("som", "x"), ("zer", "z"), ("new", "z"), ("new", "v"),
                     ("new", "y")]:
        m.add_relation(fm.Relation.new("supports", app, act))
    for app, info in [("mag", "grades"), ("som", "grades"), ("zer", "schedule")]:
        m.add_relation(fm.Relation.new("accesses", app, info, access="write"))
    m.add_relation(fm.Relation.new("accesses", "x", "grades", access="read"))
    m.add_relation(fm.Relation.new("accesses", "z", "schedule", access="read"))
    m.add_relation(fm.Relation.new("flows_to", "mag", "som", carries=["grades"]))
    m.add_relation(fm.Relation.new("flows_to", "zer", "mag"))
    m.add_relation(fm.Relation.new("flows_to", "new", "som"))  # planned: not a current flow yet
    return m


def changes(result, kind):
    return sorted(result.of(kind)["subject"])


def test_retire_one_of_two_duplicates():
    m = school()
    result = evaluate_scenario(m, Scenario("drop SOM", retire=["som"]))
    assert list(result.summary.columns) == SUMMARY_COLUMNS
    assert result.summary["measure"].tolist() == list(SCENARIO_MEASURES)
    assert list(result.changes.columns) == CHANGE_COLUMNS
    assert (result.value("applications", "before"), result.value("applications")) == (3, 2)
    assert (result.value("annual_cost", "before"), result.value("annual_cost")) == (9000, 6000)
    assert result.value("annual_cost", "change") == -3000
    assert (result.value("one_off_cost"), result.value("annual_saving")) == (500, 3000)
    assert result.value("net_saving_first_year") == 2500
    assert result.value("payback_months") == 2.0
    assert (result.value("duplicated_elements", "before"), result.value("duplicated_elements")) == (1, 0)
    assert changes(result, "duplicate-removed") == ["X"]
    assert changes(result, "new-single-point") == ["X"]
    assert result.of("new-single-point")["detail"].tolist() == ["now rests on MAG alone"]
    assert changes(result, "left-unsupported") == []
    assert changes(result, "no-writer") == []  # MAG still writes Grades
    assert changes(result, "broken-flow") == ["MAG → SOM"]
    assert (result.value("flows", "before"), result.value("flows")) == (2, 1)
    assert changes(result, "retired") == ["SOM"]


def test_retire_the_only_support_leaves_element_and_information_behind():
    result = evaluate_scenario(school(), Scenario("drop ZER", retire=["zer"]))
    assert changes(result, "left-unsupported") == ["Z"]
    assert changes(result, "no-writer") == ["Schedule"]
    assert changes(result, "broken-flow") == ["ZER → MAG"]
    assert result.value("unsupported_elements", "change") == 1
    assert result.value("information_without_writer", "change") == 1


def test_replace_with_a_planned_application_takes_over_and_goes_live():
    result = evaluate_scenario(school(), Scenario("ZER to NEW", replace={"zer": "new"}))
    assert changes(result, "replaced") == ["ZER"]
    assert changes(result, "left-unsupported") == []
    assert changes(result, "no-writer") == []  # Schedule is now written by NEW
    assert changes(result, "broken-flow") == []
    assert result.of("rerouted-flow")["detail"].tolist() == ["becomes NEW → MAG"]
    assert changes(result, "duplicate-created") == ["Y"]  # NEW's own planned support of Y goes live
    assert (result.value("applications", "before"), result.value("applications")) == (3, 3)
    assert result.value("annual_cost") == 9000 - 1000 + 800
    assert (result.value("annual_saving"), result.value("one_off_cost")) == (200, 200)
    assert result.value("payback_months") == 12.0
    assert result.value("unsupported_elements", "change") == -1  # V gets support
    assert (result.value("flows", "before"), result.value("flows")) == (2, 3)  # NEW's own flow goes live


def test_replace_onto_an_existing_application_consolidates():
    result = evaluate_scenario(school(), Scenario("SOM into MAG", replace={"som": "mag"}))
    assert changes(result, "duplicate-removed") == ["X"]
    assert result.value("annual_saving") == 3000
    assert result.of("rerouted-flow")["detail"].tolist() == ["now inside MAG"]
    assert result.value("flows") == 1


@pytest.mark.parametrize("scenario", [
    Scenario("drop SOM", retire=["som"]),
    Scenario("drop ZER", retire=["zer"]),
    Scenario("drop MAG and SOM", retire=["mag", "som"]),
    Scenario("ZER to NEW", replace={"zer": "new"}),
    Scenario("SOM into MAG", replace={"som": "mag"}),
    Scenario("mixed", retire=["som"], replace={"zer": "new"}),
])
def test_summary_matches_the_analyses_of_the_after_model(scenario):
    m = school()
    before_hash = fm.content_hash(m)
    result = evaluate_scenario(m, scenario)
    after = apply_scenario(m, scenario)
    assert fm.content_hash(m) == before_hash  # neither call changes the model
    assert fm.validate(after) == [] or not any(f.is_error for f in fm.validate(after))
    assert result.value("duplicated_elements") == len(fm.duplicated_activities(after, level="application"))
    gaps = fm.unsupported_activities(after, level="application", include_expected=False)
    assert result.value("unsupported_elements") == len(gaps)
    assert result.value("single_points_of_failure") == len(single_points_of_failure(after, level="application"))
    live = [e for e in after.elements_of("application") if e.attributes.get("lifecycle") != "plan"]
    assert result.value("applications") == len(live)
    assert result.value("annual_cost") == sum(e.attributes.get("annual_cost", 0) for e in live)
    live_ids = {e.id for e in live}
    assert result.value("flows") == sum(r.source in live_ids and r.target in live_ids
                                        for r in after.relations_of("flows_to"))


def test_moved_flows_that_repeat_one_count_once():
    m = fm.Model()
    for ident in ("a", "b", "c"):
        m.add_element(fm.Element.new("application", ident.upper(), id=ident))
    m.add_relation(fm.Relation.new("flows_to", "a", "c"))
    m.add_relation(fm.Relation.new("flows_to", "b", "c"))
    scenario = Scenario("B into A", replace={"b": "a"})
    result = evaluate_scenario(m, scenario)
    assert (result.value("flows", "before"), result.value("flows")) == (2, 1)
    assert len(apply_scenario(m, scenario).relations_of("flows_to")) == 1
    assert result.of("rerouted-flow")["detail"].tolist() == ["becomes A → C"]


def test_left_unsupported_when_both_duplicates_go():
    result = evaluate_scenario(school(), Scenario("drop MAG and SOM", retire=["mag", "som"]))
    assert changes(result, "left-unsupported") == ["X", "Y"]
    assert result.of("left-unsupported").set_index("subject").loc["X", "criticality"] == "high"
    assert changes(result, "no-writer") == ["Grades"]


def test_compare_side_by_side():
    m = school()
    a, b = Scenario("A", retire=["som"]), Scenario("A", replace={"zer": "new"})
    frame = compare_scenarios(m, [a, b])
    assert list(frame.columns) == ["measure", "current", "A", "A (2)"]
    rows = frame.set_index("measure")
    assert rows.loc["annual_cost"].tolist() == [9000, 6000, 8800]
    assert rows.loc["one_off_cost"].tolist() == [0, 500, 200]
    assert math.isnan(rows.loc["payback_months", "current"])
    assert compare_scenarios(m, []).columns.tolist() == ["measure", "current"]


def test_proposed_scenario_retires_the_time_proposal():
    scenario = proposed_scenario(school())
    assert scenario.retire == ("som",)
    result = evaluate_scenario(school(), scenario)
    assert result.value("unsupported_elements", "change") == 0


@pytest.mark.parametrize(("scenario", "message"), [
    (Scenario("s", retire=["nope"]), "'nope' is not in the model"),
    (Scenario("s", retire=["x"]), "is a activity, not an application"),
    (Scenario("s", replace={"som": "som"}), "cannot replace itself"),
    (Scenario("s", retire=["som"], replace={"som": "mag"}), "both retired and replaced"),
    (Scenario("s", retire=["mag"], replace={"som": "mag"}), "itself retired or replaced"),
])
def test_scenarios_that_do_not_fit_are_refused(scenario, message):
    m = school()
    assert any(message in p for p in check_scenario(m, scenario))
    with pytest.raises(ScenarioError, match=message.replace("(", r"\(")):
        evaluate_scenario(m, scenario)
    with pytest.raises(ScenarioError):
        apply_scenario(m, scenario)


def test_json_round_trip_and_file(tmp_path):
    s = Scenario("Move to NEW", retire=["som"], replace={"zer": "new"}, description="<b>draft</b>")
    text = dumps_scenario(s)
    assert json.loads(text) == {"format": "fora-model-scenario", "format_version": 1, "name": "Move to NEW",
                                "description": "<b>draft</b>", "retire": ["som"], "replace": {"zer": "new"}}
    assert loads_scenario(text) == s
    path = tmp_path / "s.json"
    write_scenario(s, path)
    assert read_scenario(path) == s
    assert path.stat().st_size < 300


@pytest.mark.parametrize(("text", "message"), [
    ("{", "not valid JSON"),
    ("[]", "JSON object"),
    ('{"name": ""}', "needs a name"),
    ('{"name": "a", "retire": "som"}', "list of application ids"),
    ('{"name": "a", "replace": {"x": 3}}', "map old application ids"),
    ('{"name": "a", "delete": []}', "no field 'delete'"),
    ('{"format": "fora-model", "name": "a"}', "not a scenario"),
    ('{"name": "a", "format_version": 9}', "upgrade"),
])
def test_bad_scenario_files_say_what_to_fix(text, message):
    with pytest.raises(ScenarioError, match=message):
        loads_scenario(text, "s.json")


def test_scenarios_are_saved_with_the_model(tmp_path):
    m = school()
    store_scenario(m, Scenario("one", retire=["som"]))
    store_scenario(m, Scenario("two", replace={"zer": "new"}))
    store_scenario(m, Scenario("one", retire=["zer"]))  # same name replaces, keeps its place
    assert [s.name for s in model_scenarios(m)] == ["one", "two"]
    assert model_scenarios(m)[0].retire == ("zer",)
    reread = fm.loads_model(fm.dumps_model(m)).model
    assert model_scenarios(reread) == model_scenarios(m)
    assert find_scenario(reread, "two").replacements == {"zer": "new"}
    file = tmp_path / "three.json"
    write_scenario(Scenario("three", retire=["mag"]), file)
    assert find_scenario(reread, str(file)).name == "three"
    with pytest.raises(ScenarioError, match="saved scenarios: 'one', 'two'"):
        find_scenario(reread, "four")
    remove_scenario(m, "one")
    remove_scenario(m, "two")
    assert "scenarios" not in m.extras
    with pytest.raises(ScenarioError):
        remove_scenario(m, "one")
