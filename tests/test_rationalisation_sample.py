"""Rationalisation of the sample school against the hand-written list in
data/sample-school-rationalisation.json."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import fora_model as fm
from fora_model import rationalisation as rat
from fora_model.datasets import data_dir


@pytest.fixture(scope="module")
def hand():
    text = (data_dir() / "sample-school-rationalisation.json").read_text(encoding="utf-8")
    return json.loads(text)["rationalisation"]


@pytest.fixture(scope="module")
def school():
    return fm.load_sample()


@pytest.fixture(scope="module")
def ids(school):
    return {e.name: e.id for e in school.elements.values()}


def names(frame, column="application"):
    return sorted(frame[column])


def test_the_proposed_retirements_are_the_hand_list(school, hand):
    retirements = rat.proposed_retirements(school)
    assert names(retirements) == sorted(r["application"] for r in hand["proposed_retirements"])
    rows = retirements.set_index("application")
    for expected in hand["proposed_retirements"]:
        row = rows.loc[expected["application"]]
        assert (row["lifecycle"], row["annual_cost"], row["exit_cost"]) == (
            expected["lifecycle"], expected["annual_cost"], expected["exit_cost"])
        assert set(filter(None, row["covered_by"].split(" | "))) == set(expected["covered_by"])


def test_net_savings_equal_the_hand_sum(school, hand):
    total = hand["hand_sum"]
    clusters = rat.redundancy_savings(school)
    assert clusters["annual_saving"].sum() == total["annual_saving"]
    assert clusters["exit_cost"].sum() == total["exit_cost"]
    assert clusters["net_saving"].sum() == total["net_saving_first_year"]
    result = rat.evaluate_scenario(school, rat.proposed_scenario(school))
    assert result.value("annual_saving") == total["annual_saving"]
    assert result.value("one_off_cost") == total["exit_cost"]
    assert result.value("net_saving_first_year") == total["net_saving_first_year"]
    assert result.value("payback_months") == pytest.approx(total["payback_months"], abs=0.005)


def test_the_proposal_leaves_nothing_unsupported_and_removes_the_duplicates_it_can(school, hand, ids):
    scenario = rat.proposed_scenario(school)
    result = rat.evaluate_scenario(school, scenario)
    assert result.of("left-unsupported").empty
    assert result.value("unsupported_elements", "change") == 0
    assert names(result.of("duplicate-removed"), "subject") == sorted(hand["duplicates_removed"])
    assert (result.value("duplicated_elements", "before"), result.value("duplicated_elements")) == (
        hand["duplicates_before"], hand["duplicates_after"])
    assert names(result.of("broken-flow"), "subject") == hand["proposal_broken_flows"]
    after = rat.apply_scenario(school, scenario)
    counts = fm.duplicated_activities(after, "application").set_index("activity")["application_count"]
    for reduced in hand["duplicates_reduced"]:
        assert counts[reduced["element"]] == reduced["after"]
    for deliberate in hand["deliberate_duplicates"]:  # whole-application retirement cannot remove these
        assert counts[deliberate["element"]] == deliberate["after_proposal"]
    assert len(fm.unsupported_activities(after, "application", include_expected=False)) == len(
        fm.unsupported_activities(school, "application", include_expected=False))


def test_the_consolidation_scenario_removes_the_deliberate_duplicates(school, hand, ids):
    spec = hand["consolidation_scenario"]
    data = spec["scenario"]
    scenario = rat.Scenario(data["name"], retire=[ids[n] for n in data["retire"]],
                            replace={ids[o]: ids[n] for o, n in data["replace"].items()})
    result = rat.evaluate_scenario(school, scenario)
    assert names(result.of("left-unsupported"), "subject") == spec["left_unsupported"]
    after = rat.apply_scenario(school, scenario)
    table = fm.duplicated_activities(after, "application").set_index("activity")
    for element in spec["deliberate_duplicates_after"]:
        assert element not in table.index  # one supporter left: no longer duplicated
    assert result.value("annual_saving") == spec["annual_saving"]
    assert result.value("one_off_cost") == spec["one_off_cost"]
    assert result.value("net_saving_first_year") == spec["net_saving_first_year"]
    assert result.value("payback_months") == pytest.approx(spec["payback_months"], abs=0.005)
    assert (result.value("flows", "before"), result.value("flows")) == (spec["flows_before"], spec["flows_after"])


def test_time_recommendations_and_rules(school, hand):
    time = rat.time_recommendations(school).set_index("application")
    for expected in hand["time"] + hand["not_retired"]:
        row = time.loc[expected["application"]]
        assert row["recommendation"] == expected["recommendation"], expected["application"]
        if "quadrant" in expected:
            assert row["quadrant"] == expected["quadrant"]
        if "rule" in expected:
            assert row["rule"] == expected["rule"]
        if "replacement" in expected:
            assert row["replacement"] == expected["replacement"]
        if "critical" in expected:
            assert expected["critical"] in row["critical_sole_support"].split(" | ")
        assert bool(row["retire"]) == (expected["application"] == "Padlet")


def test_privacy_double_entry_continuity_and_renewals(school, hand):
    privacy = rat.privacy_findings(school).set_index("application")
    assert sorted(privacy.index) == sorted(p["application"] for p in hand["privacy"])
    for expected in hand["privacy"]:
        assert privacy.loc[expected["application"], "issues"].split(" | ") == expected["issues"]
    entries = rat.double_entry(school)
    assert [(r.information, sorted(r.groups.split(" | "))) for r in entries.itertuples()] == [
        (d["information"], sorted(d["groups"])) for d in hand["double_entry"]]
    spof = rat.single_points_of_failure(school, "application").set_index("activity")
    point = hand["single_point_of_failure"]
    assert spof.loc[point["element"], "application"] == point["application"]
    renewals = rat.contract_renewals(school, dt.date.fromisoformat(hand["today"]))
    assert len(renewals) == hand["renewals"]["within_24_months_count"]
    soon = renewals[renewals["window"] == "12 months"]
    assert sorted(soon["application"]) == sorted(hand["renewals"]["within_12_months"])


def test_planned_support_is_what_the_application_supports_once_live(school):
    from fora_model.analysis.portfolio import current_pairs, planned_pairs

    boom = school.find("Boom LVS", "application")
    live = school.copy()
    live.update_element(boom.with_attributes(lifecycle="active"))
    code = list(school.elements).index(boom.id)
    expected = current_pairs(live)
    expected = expected[expected["supporter"] == code].reset_index(drop=True)
    got = planned_pairs(school)
    assert len(got) == 8  # the hand list of data/sample-school-expected.json: plan_application
    assert got.equals(expected)
