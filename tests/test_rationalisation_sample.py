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


def split(cell) -> set[str]:
    return set(filter(None, str(cell).split(" | ")))


def test_the_proposed_retirements_are_the_hand_list(school, hand):
    retirements = rat.proposed_retirements(school)
    assert names(retirements) == sorted(r["application"] for r in hand["proposed_retirements"])
    rows = retirements.set_index("application")
    for expected in hand["proposed_retirements"]:
        row = rows.loc[expected["application"]]
        assert (row["lifecycle"], row["annual_cost"], row["exit_cost"]) == (
            expected["lifecycle"], expected["annual_cost"], expected["exit_cost"])
        assert split(row["single_supporter"]) == set(expected["single_supporter"]), expected["application"]
        assert split(row["critical_single_supporter"]) == set(expected["critical_single_supporter"])


def test_the_retirement_order_is_worst_first(school, hand):
    """Every proposed retirement is Eliminate (rule redundant), and the hand order follows the documented
    key: phase-out/end-of-life first, then the lower fit sum (no scores lowest), then the dearer."""
    time = rat.time_recommendations(school).set_index("application")
    proposed = {r["application"] for r in hand["proposed_retirements"]}
    assert set(time.index[time["retire"]]) == proposed == set(hand["retirement_order"])
    assert (time.loc[sorted(proposed), ["recommendation", "rule"]] == ["Eliminate", "redundant"]).all().all()
    apps = {a.name: a.attributes for a in school.elements_of("application")}

    def key(name: str) -> tuple:
        a = apps[name]
        fits = a["functional_fit"] + a["technical_fit"] if "functional_fit" in a else -1
        return (a["lifecycle"] not in ("phase-out", "end-of-life"), fits, -a["annual_cost"], name)

    assert hand["retirement_order"] == sorted(hand["retirement_order"], key=key)
    # Noordhoff is redundant next to Malmberg but kept: once Malmberg goes, Practice rests on it alone
    noordhoff = time.loc["Noordhoff digital learning materials"]
    assert (bool(noordhoff["redundant"]), bool(noordhoff["retire"]), noordhoff["rule"]) == (True, False, "kept")


def test_covered_by_names_the_applications_that_stay(school, hand):
    """The hand list names, per retirement, the applications that keep supporting its work. The
    analysis lists every other current supporter; without the ones that are themselves proposed for
    retirement, that is the hand list."""
    retirements = rat.proposed_retirements(school).set_index("application")
    proposed = set(retirements.index)
    for expected in hand["proposed_retirements"]:
        covered = split(retirements.loc[expected["application"], "covered_by"])
        assert covered - proposed == set(expected["covered_by"]), expected["application"]


def test_covered_by_excludes_the_other_retirements(school, hand):
    retirements = rat.proposed_retirements(school).set_index("application")
    for expected in hand["proposed_retirements"]:
        covered = split(retirements.loc[expected["application"], "covered_by"])
        assert covered == set(expected["covered_by"]), expected["application"]


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
    assert names(result.of("new-single-point"), "subject") == sorted(hand["new_single_points_of_failure"])
    after = rat.apply_scenario(school, scenario)
    counts = fm.duplicated_activities(after, level="application").set_index("activity")["application_count"]
    for reduced in hand["duplicates_reduced"]:
        assert counts[reduced["element"]] == reduced["after"]
    assert len(fm.unsupported_activities(after, level="application", include_expected=False)) == len(
        fm.unsupported_activities(school, level="application", include_expected=False))


def test_the_proposal_removes_every_deliberate_duplicate_and_saves_the_hand_sum(school, hand):
    """Issue 6: the proposed retirements remove both deliberate duplicates of the expected list,
    leave no element unsupported, and the net saving is the hand sum written in the file."""
    deliberate = {row["name"]: row for row in fm.sample_expected()["duplicates"] if row["deliberate"]}
    assert set(deliberate) == {d["element"] for d in hand["deliberate_duplicates"]} == {
        "Send messages to parents", "Record grades"}
    retirements = rat.proposed_retirements(school)
    retired = set(retirements["application"])
    scenario = rat.proposed_scenario(school)
    result = rat.evaluate_scenario(school, scenario)
    after = rat.apply_scenario(school, scenario)

    # both deliberate duplicates are gone: only their kept supporter is left
    duplicated_after = set(fm.duplicated_activities(after, level="application")["activity_id"])
    matrix = fm.support_matrix(after, level="application")
    for d in hand["deliberate_duplicates"]:
        row = deliberate[d["element"]]
        assert set(d["supporters"]) == set(row["supporters"])
        assert set(d["removed_by"]) <= retired
        assert set(d["removed_by"]) == set(row["supporters"]) - set(d["after_proposal"])
        assert row["id"] not in duplicated_after
        left = set(matrix.loc[matrix["element_id"] == row["id"], "supporter"])
        assert left == set(d["after_proposal"]) == {"Magister"}
    assert {d["element"] for d in hand["deliberate_duplicates"]} <= set(hand["duplicates_removed"])

    # nothing is left unsupported, by the scenario and by the plain analysis
    assert hand["left_unsupported"] == []
    assert result.of("left-unsupported").empty
    assert set(fm.unsupported_activities(after, level="application")["activity_id"]) == set(
        fm.unsupported_activities(school, level="application")["activity_id"])

    # the hand sum is the sum of the file's own per-application figures, and the analyses agree with it
    total = hand["hand_sum"]
    annual = sum(r["annual_cost"] for r in hand["proposed_retirements"])
    exit_cost = sum(r["exit_cost"] for r in hand["proposed_retirements"])
    assert (annual, exit_cost, annual - exit_cost) == (
        total["annual_saving"], total["exit_cost"], total["net_saving_first_year"])
    assert round(exit_cost / annual * 12, 2) == total["payback_months"]
    assert retirements["net_saving"].sum() == total["net_saving_first_year"]
    assert rat.redundancy_savings(school)["net_saving"].sum() == total["net_saving_first_year"]
    assert result.value("net_saving_first_year") == total["net_saving_first_year"]


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
        proposed = {r["application"] for r in hand["proposed_retirements"]}
        assert bool(row["retire"]) == (expected["application"] in proposed), expected["application"]


def test_privacy_double_entry_continuity_and_renewals(school, hand):
    privacy = rat.privacy_findings(school).set_index("application")
    assert sorted(privacy.index) == sorted(p["application"] for p in hand["privacy"])
    for expected in hand["privacy"]:
        assert privacy.loc[expected["application"], "issues"].split(" | ") == expected["issues"]
    entries = rat.double_entry(school)
    assert [(r.information, sorted(r.groups.split(" | "))) for r in entries.itertuples()] == [
        (d["information"], sorted(d["groups"])) for d in hand["double_entry"]]
    spof = rat.single_points_of_failure(school, level="application").set_index("activity")
    point = hand["single_point_of_failure"]
    assert spof.loc[point["element"], "application"] == point["application"]
    renewals = rat.contract_renewals(school, today=dt.date.fromisoformat(hand["today"]))
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
