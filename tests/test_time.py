"""TIME recommendations on hand-built models: every quadrant, Unassessed, redundancy, the
sole-support guard and lifecycle, each countable by eye."""

from __future__ import annotations

import numpy as np
import pytest

import fora_model as fm
from fora_model.analysis.time import TIME_COLUMNS, fit_quadrant, time_recommendations


def build(apps, activities, supports, relations=()):
    """apps/activities: {id: attributes}; supports: [(app, activity)]; relations: [(kind, s, t, attrs)]."""
    m = fm.Model(name="time test")
    for ident, attrs in activities.items():
        m.add_element(fm.Element.new("activity", ident.upper(), id=ident, **attrs))
    for ident, attrs in apps.items():
        m.add_element(fm.Element.new("application", ident.upper(), id=ident, **attrs))
    for app, act in supports:
        m.add_relation(fm.Relation.new("supports", app, act))
    for kind, source, target, attrs in relations:
        m.add_relation(fm.Relation.new(kind, source, target, **attrs))
    return m


def by_id(frame):
    return frame.set_index("application_id")


def fits(f, t):
    return {"functional_fit": f, "technical_fit": t}


@pytest.mark.parametrize(
    ("functional", "technical", "quadrant"),
    [(4, 4, "Invest"), (3, 3, "Invest"), (2, 3, "Tolerate"), (1, 4, "Tolerate"), (3, 2, "Migrate"),
     (4, 1, "Migrate"), (2, 2, "Eliminate"), (1, 1, "Eliminate"), (None, 3, "Unassessed"), (3, None, "Unassessed"),
     (None, None, "Unassessed")],
)
def test_fit_quadrant_thresholds(functional, technical, quadrant):
    assert fit_quadrant(functional, technical) == quadrant


def test_each_quadrant_and_unassessed_when_nothing_overlaps():
    apps = {"inv": fits(4, 3), "tol": fits(2, 3), "mig": fits(3, 2), "eli": fits(1, 2), "una": {},
            "half": {"functional_fit": 4}}
    m = build(apps, {f"x{a}": {} for a in apps}, [(a, f"x{a}") for a in apps])
    frame = time_recommendations(m)
    assert list(frame.columns) == TIME_COLUMNS
    got = by_id(frame)
    assert got["quadrant"].to_dict() == {"eli": "Eliminate", "tol": "Tolerate", "inv": "Invest", "mig": "Migrate",
                                         "una": "Unassessed", "half": "Unassessed"}
    assert (got["recommendation"] == got["quadrant"]).all()
    assert set(got["rule"]) == {"fit"}
    assert not got["retire"].any() and not got["redundant"].any()
    assert (got["sole_support"] == 1).all()
    # most actionable first
    assert frame["recommendation"].tolist() == ["Eliminate", "Migrate", "Tolerate", "Invest", "Unassessed",
                                                "Unassessed"]
    assert "assess" in got.loc["una", "rationale"]


def test_of_two_that_cover_each_other_the_better_fit_stays():
    m = build({"weak": {**fits(2, 2), "annual_cost": 100}, "strong": {**fits(3, 3), "annual_cost": 900}},
              {"x": {}, "y": {}}, [("weak", "x"), ("weak", "y"), ("strong", "x"), ("strong", "y")])
    got = by_id(time_recommendations(m))
    assert got["redundant"].all()
    assert got.loc["weak", ["recommendation", "rule", "retire"]].tolist() == ["Eliminate", "redundant", True]
    assert got.loc["strong", ["recommendation", "rule", "retire"]].tolist() == ["Invest", "kept", False]
    assert got.loc["strong", "sole_support"] == 2  # once WEAK goes, both rest on STRONG
    assert "WEAK" in got.loc["strong", "rationale"]


def test_on_equal_fit_the_cheaper_stays():
    m = build({"dear": {**fits(3, 3), "annual_cost": 5000}, "cheap": {**fits(3, 3), "annual_cost": 1000}},
              {"x": {}}, [("dear", "x"), ("cheap", "x")])
    got = by_id(time_recommendations(m))
    assert got.loc["dear", "retire"] and not got.loc["cheap", "retire"]
    assert "€5,000" in got.loc["dear", "rationale"]


def test_redundant_application_with_the_best_fit_is_still_an_eliminate_candidate():
    # BEST does only X, which SUITE also does; SUITE alone does Y, so SUITE must stay.
    m = build({"best": {**fits(4, 4), "annual_cost": 2000}, "suite": fits(1, 3)}, {"x": {}, "y": {}},
              [("best", "x"), ("suite", "x"), ("suite", "y")])
    got = by_id(time_recommendations(m))
    assert got.loc["best", ["quadrant", "recommendation", "rule", "retire"]].tolist() == [
        "Invest", "Eliminate", "redundant", True]
    assert got.loc["best", "covered_by"] == "SUITE"
    assert "despite its good fit" in got.loc["best", "rationale"]
    assert got.loc["suite", ["recommendation", "rule", "redundant"]].tolist() == ["Tolerate", "fit", False]


def test_sole_support_of_a_critical_element_is_never_eliminated_without_replacement():
    m = build({"old": fits(1, 1), "other": fits(1, 1)}, {"k": {"criticality": "high"}, "n": {"criticality": "low"}},
              [("old", "k"), ("other", "n")])
    got = by_id(time_recommendations(m))
    assert got.loc["old", ["quadrant", "recommendation", "rule"]].tolist() == ["Eliminate", "Migrate", "sole-critical"]
    assert got.loc["old", "critical_sole_support"] == "K"
    # the same weak fit on a low-criticality element stays Eliminate
    assert got.loc["other", ["recommendation", "rule"]].tolist() == ["Eliminate", "fit"]


def test_criticality_is_inherited_from_the_process_above():
    m = build({"old": fits(1, 2)}, {"k": {}}, [("old", "k")],
              relations=[])
    m.add_element(fm.Element.new("process", "Care", id="care", criticality="high"))
    m.add_relation(fm.Relation.new("composed_of", "care", "k"))
    got = by_id(time_recommendations(m))
    assert got.loc["old", "rule"] == "sole-critical"


def test_a_planned_replacement_lifts_the_guard():
    # NEW (planned) would take over critical K, not N: the guard lifts, but NEW is no full successor
    m = build({"old": fits(1, 1), "new": {"lifecycle": "plan", **fits(4, 4)}},
              {"k": {"criticality": "high"}, "n": {}}, [("old", "k"), ("old", "n"), ("new", "k")])
    got = by_id(time_recommendations(m))
    assert got.loc["old", ["recommendation", "rule", "replacement", "retire"]].tolist() == [
        "Eliminate", "fit", "", False]
    assert "once NEW takes over its critical work" in got.loc["old", "rationale"]
    # the planned application is not current support: no redundancy, no retirement
    assert got.loc["new", ["recommendation", "rule", "retire", "elements"]].tolist() == ["Invest", "planned", False, 1]
    assert not got.loc["old", "redundant"]


def test_a_planned_successor_of_all_the_work_is_named():
    m = build({"old": fits(3, 1), "new": {"lifecycle": "plan"}}, {"k": {"criticality": "high"}, "n": {}},
              [("old", "k"), ("old", "n"), ("new", "k"), ("new", "n")])
    got = by_id(time_recommendations(m))
    assert got.loc["old", ["recommendation", "replacement"]].tolist() == ["Migrate", "NEW"]
    assert got.loc["old", "rationale"].endswith("NEW (planned) would take over all its work.")


def test_guard_applies_after_the_partner_retires():
    # both weak, both cover critical K: the weaker retires, the other must then stay (Migrate)
    m = build({"a": fits(1, 1), "b": fits(2, 2)}, {"k": {"criticality": "high"}}, [("a", "k"), ("b", "k")])
    got = by_id(time_recommendations(m))
    assert got.loc["a", "retire"] and not got.loc["b", "retire"]
    assert got.loc["b", ["recommendation", "rule"]].tolist() == ["Migrate", "sole-critical"]


def test_lifecycle_phase_out_goes_first_and_sole_support_in_phase_out_is_migrate():
    m = build({"leaving": {"lifecycle": "phase-out", **fits(4, 4)}, "staying": fits(2, 3),
               "eol": {"lifecycle": "end-of-life", **fits(4, 4)}},
              {"x": {}, "y": {}}, [("leaving", "x"), ("staying", "x"), ("eol", "y")])
    got = by_id(time_recommendations(m))
    # phase-out is retired before a better-fitting active one would be
    assert got.loc["leaving", ["recommendation", "rule", "retire"]].tolist() == ["Eliminate", "redundant", True]
    assert got.loc["staying", ["rule", "redundant"]].tolist() == ["fit", False]  # phase-out is no cover
    assert got.loc["eol", ["recommendation", "rule", "sole_support"]].tolist() == ["Migrate", "lifecycle", 1]
    assert "end-of-life" in got.loc["eol", "rationale"]


def test_work_is_never_left_resting_on_an_end_of_life_application():
    # TEAMS' work is also done by the end-of-life INTRANET only: retiring TEAMS would leave it there
    m = build({"teams": fits(3, 4), "intranet": {"lifecycle": "end-of-life", **fits(2, 1)}}, {"x": {}, "y": {}},
              [("teams", "x"), ("intranet", "x"), ("intranet", "y")])
    got = by_id(time_recommendations(m))
    assert got.loc["teams", ["redundant", "retire", "recommendation"]].tolist() == [False, False, "Invest"]
    assert got.loc["intranet", ["recommendation", "rule", "sole_support"]].tolist() == ["Migrate", "lifecycle", 1]


def test_an_application_supporting_nothing_is_retired():
    m = build({"orphan": {"annual_cost": 50}, "used": fits(3, 3)}, {"x": {}}, [("used", "x")])
    got = by_id(time_recommendations(m))
    assert got.loc["orphan", ["recommendation", "rule", "retire", "elements"]].tolist() == [
        "Eliminate", "redundant", True, 0]
    assert got.loc["orphan", "rationale"] == "It supports nothing in the model, so retiring it saves €50 a year."


def test_system_type_level_is_refused():
    m = build({"a": {}}, {"x": {}}, [("a", "x")])
    with pytest.raises(ValueError, match="applications"):
        time_recommendations(m, level="system_type")


@pytest.mark.parametrize("seed", range(8))
def test_retiring_every_proposed_application_leaves_nothing_unsupported(seed):
    rng = np.random.default_rng(seed)
    apps = {f"a{i}": {**fits(int(rng.integers(1, 5)), int(rng.integers(1, 5))),
                      "annual_cost": float(rng.integers(1, 10) * 100)} for i in range(12)}
    activities = {f"x{i}": {"criticality": str(rng.choice(["low", "high"]))} for i in range(20)}
    supports = sorted({(f"a{int(rng.integers(12))}", f"x{i}")
                       for i in range(20) for _ in range(int(rng.integers(1, 4)))})
    m = build(apps, activities, supports)
    frame = time_recommendations(m)
    assert frame["retire"].any()
    before = fm.unsupported_activities(m)
    for app in frame.loc[frame["retire"], "application_id"]:
        m.remove(app)
    assert len(fm.unsupported_activities(m)) == len(before)
