"""Every analysis on the tiny school (tests/tiny.py), row for row, as counted by eye.

How the tiny school resolves at application level, all paths (see the drawing in tests/tiny.py):

    Education       Magister  type>function         (Magister realizes LAS, LAS has Grade book, which supports it)
    Administration  Somtoday  direct
    Record grades   Magister  type (LMS supports it), type>function>parent (from Education); Somtoday direct
    Plan lessons    Magister  type>function>parent (Education); Somtoday parent (Administration)
    Governance      -         only Parnassys Next, which is planned; needs_support false: expected gap
    Appoint council -         inherits needs_support false from Governance: expected gap
    Register absence -        only the planned Parnassys Next: a real gap

So Record grades and Plan lessons are duplicated (Magister and Somtoday), Magister counting once although it
reaches Record grades through both its types.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from fora_model import (
    COVERAGE_COLUMNS,
    DUPLICATE_COLUMNS,
    MATRIX_COLUMNS,
    ORPHAN_COLUMNS,
    OVERLAP_COLUMNS,
    UNSUPPORTED_COLUMNS,
    ElementKind,
    Relation,
    RelationKind,
    application_overlap,
    duplicated_activities,
    goal_coverage,
    model_stats,
    orphan_applications,
    support_matrix,
    unsupported_activities,
    validate,
)
from fora_model.errors import Reason
from tests.tiny import loop_model, model_of, tiny_school

E = ElementKind
R = RelationKind
NO_TYPE = "direct,function,parent"


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain dicts, NaN as None so rows compare with ==."""
    out = []
    for row in frame.to_dict("records"):
        out.append({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()})
    return out


ANALYSES = {
    "duplicates": (duplicated_activities, DUPLICATE_COLUMNS),
    "unsupported": (unsupported_activities, UNSUPPORTED_COLUMNS),
    "overlap": (application_overlap, OVERLAP_COLUMNS),
    "orphans": (orphan_applications, ORPHAN_COLUMNS),
    "coverage": (goal_coverage, COVERAGE_COLUMNS),
    "matrix": (support_matrix, MATRIX_COLUMNS),
}


@pytest.mark.parametrize(("level", "paths"), [(None, None), ("system_type", NO_TYPE)])
@pytest.mark.parametrize("name", ANALYSES)
def test_every_analysis_has_its_documented_columns(name, level, paths):
    function, columns = ANALYSES[name]
    assert list(function(tiny_school(), level=level, paths=paths).columns) == columns


@pytest.mark.parametrize(
    "name",
    list(ANALYSES),
)
@pytest.mark.parametrize("level", ["application", "system_type"])
def test_every_report_names_its_level(name, level):
    function, _ = ANALYSES[name]
    frame = function(tiny_school(), level=level)
    named_by = "supporter_kind" if name == "matrix" else "level"  # the matrix names it on every row
    assert named_by in frame.columns
    assert set(frame[named_by]) <= {level}  # an empty frame (no orphan types) has no rows to name it


@pytest.mark.parametrize("name", ANALYSES)
def test_analyses_do_not_change_the_model(name):
    model = tiny_school()
    function, _ = ANALYSES[name]
    function(model)
    assert model == tiny_school() and model.version == tiny_school().version


# ------------------------------------------------------------------------------ duplicates

DUP_GRADES = {
    "activity_id": "a-grades", "activity": "Record grades", "element_kind": "activity", "process": "Education",
    "goals": "Good teaching", "level": "application", "application_count": 2,
    "applications": "Magister | Somtoday", "application_ids": "app-mag | app-som",
    "system_types": "LAS | LMS", "application_functions": "Grade book",
    "support_paths": "Magister: type, type>function>parent | Somtoday: direct",
    "information": "Grades", "written_by": "Magister: Grades | Somtoday: Grades",
    "annual_cost": 20000.0, "retiring": "Somtoday (phase-out)", "inherited_from_id": "", "inherited_from": "",
}
DUP_PLAN = {
    "activity_id": "a-plan", "activity": "Plan lessons", "element_kind": "activity",
    "process": "Administration | Education", "goals": "Good teaching", "level": "application",
    "application_count": 2, "applications": "Magister | Somtoday", "application_ids": "app-mag | app-som",
    "system_types": "LAS", "application_functions": "Grade book",
    "support_paths": "Magister: type>function>parent | Somtoday: parent",
    "information": "", "written_by": "", "annual_cost": 20000.0, "retiring": "Somtoday (phase-out)",
    # both supporters come only through its parents: an inherited row, from the first of them
    "inherited_from_id": "p-edu", "inherited_from": "Education",
}


def test_duplicates_at_application_level():
    # equal counts: sorted by process, and "Administration | Education" < "Education"
    assert records(duplicated_activities(tiny_school())) == [DUP_PLAN, DUP_GRADES]


def test_duplicates_at_system_type_level():
    # LMS supports Record grades directly; LAS reaches it through Grade book on Education
    assert records(duplicated_activities(tiny_school(), level="system_type")) == [{
        "activity_id": "a-grades", "activity": "Record grades", "element_kind": "activity", "process": "Education",
        "goals": "Good teaching", "level": "system_type", "application_count": 2, "applications": "LAS | LMS",
        "application_ids": "t-las | t-lms", "system_types": "LAS | LMS", "application_functions": "Grade book",
        "support_paths": "LAS: function>parent | LMS: direct", "information": "Grades", "written_by": "",
        "annual_cost": None, "retiring": "", "inherited_from_id": "p-edu", "inherited_from": "Education",
    }]


@pytest.mark.parametrize("paths", [NO_TYPE, "direct", "type,parent"])
def test_without_the_full_chain_nothing_is_duplicated(paths):
    # without type, Magister supports nothing. With type,parent only: Magister keeps Record grades by "type"
    # (its chains through Grade book need "function"); Somtoday loses its direct links and keeps Plan lessons
    # by "parent". No element is left with two supporters.
    frame = duplicated_activities(tiny_school(), level="application", paths=paths)
    assert frame.empty
    assert list(frame.columns) == DUPLICATE_COLUMNS


def test_duplicates_are_sorted_by_count_then_process_then_name():
    model = tiny_school()
    # a third supporter for Record grades makes it the first row
    model.add_relation(Relation.new(R.SUPPORTS, "app-old", "a-grades", id="r-old-grades"))
    frame = duplicated_activities(model)
    assert list(frame["activity_id"]) == ["a-grades", "a-plan"]
    assert list(frame["application_count"]) == [3, 2]
    assert frame.loc[0, "annual_cost"] == 21000.0  # each supporter's full cost: 12000 + 8000 + 1000


def test_a_process_with_its_own_support_can_be_a_duplicate():
    model = tiny_school()
    model.add_relation(Relation.new(R.SUPPORTS, "app-old", "p-admin", id="r-old-admin"))
    frame = duplicated_activities(model)
    row = frame[frame["activity_id"] == "p-admin"].iloc[0]
    assert (row["element_kind"], row["application_ids"], row["process"]) == ("process", "app-old | app-som", "")


@pytest.mark.parametrize(("costs", "expected"), [((None, None), None), ((500, None), 500.0), ((500, 250.5), 750.5)])
def test_duplicate_cost_adds_the_known_costs_of_its_supporters(costs, expected):
    apps = [(f"app{i}", E.APPLICATION, f"App {i}", {} if c is None else {"annual_cost": c})
            for i, c in enumerate(costs)]
    model = model_of([("a", E.ACTIVITY, "Act"), *apps], [(f"s{i}", R.SUPPORTS, f"app{i}", "a") for i in range(2)])
    (row,) = records(duplicated_activities(model))
    assert row["annual_cost"] == expected


def test_retiring_supporters_still_count_and_are_flagged():
    model = model_of(
        [("a", E.ACTIVITY, "Act"), ("old", E.APPLICATION, "Old", {"lifecycle": "end-of-life"}),
         ("out", E.APPLICATION, "Out", {"lifecycle": "phase-out"}), ("new", E.APPLICATION, "New",
                                                                      {"lifecycle": "phase-in"})],
        [("s1", R.SUPPORTS, "old", "a"), ("s2", R.SUPPORTS, "out", "a"), ("s3", R.SUPPORTS, "new", "a")],
    )
    (row,) = records(duplicated_activities(model))
    assert row["application_count"] == 3
    assert row["retiring"] == "Old (end-of-life) | Out (phase-out)"


# ------------------------------------------------------------------------------ gaps

GAP_ABSENCE = {
    "activity_id": "a-absence", "activity": "Register absence", "element_kind": "activity", "process": "",
    "goals": "Good teaching", "level": "application", "needs_support": True, "expected_gap": False,
    "criticality": "high", "information": "",
}
GAP_GOV = {
    "activity_id": "p-gov", "activity": "Governance", "element_kind": "process", "process": "",
    "goals": "Sound governance", "level": "application", "needs_support": False, "expected_gap": True,
    "criticality": "", "information": "",
}
GAP_COUNCIL = {
    "activity_id": "a-council", "activity": "Appoint council", "element_kind": "activity", "process": "Governance",
    "goals": "Sound governance", "level": "application", "needs_support": False, "expected_gap": True,
    "criticality": "", "information": "",
}


def test_unsupported_at_application_level_real_gaps_first():
    # the planned application counts for nothing: Register absence is a real gap; Governance says
    # needs_support false (an expected gap on a process) and Appoint council inherits it
    assert records(unsupported_activities(tiny_school())) == [GAP_ABSENCE, GAP_GOV, GAP_COUNCIL]


def test_unsupported_without_expected_gaps():
    assert records(unsupported_activities(tiny_school(), include_expected=False)) == [GAP_ABSENCE]


def test_unsupported_at_system_type_level():
    # no type supports Administration (Somtoday's support is an application's)
    gap_admin = {**GAP_ABSENCE, "activity_id": "p-admin", "activity": "Administration", "element_kind": "process",
                 "goals": "", "criticality": ""}
    at_level = [{**row, "level": "system_type"} for row in (gap_admin, GAP_ABSENCE, GAP_GOV, GAP_COUNCIL)]
    assert records(unsupported_activities(tiny_school(), level="system_type")) == at_level


def test_unsupported_without_the_type_path():
    # Magister supports only through its types, so Education loses its only supporter
    gap_edu = {**GAP_ABSENCE, "activity_id": "p-edu", "activity": "Education", "element_kind": "process",
               "criticality": ""}
    assert records(unsupported_activities(tiny_school(), paths=NO_TYPE)) == [gap_edu, GAP_ABSENCE, GAP_GOV,
                                                                             GAP_COUNCIL]


NEEDS = [
    # (parents as (id, needs_support or None), the activity's own needs_support, expected gap?)
    ([("p", False)], None, True),
    ([("p", False)], True, False),
    ([("p", True)], False, True),
    ([("p", False), ("q", None)], None, False),  # any parent needing support is enough
    ([("p", False), ("q", False)], None, True),
    ([], False, True),
    ([], None, False),
]


@pytest.mark.parametrize(("parents", "own", "expected_gap"), NEEDS)
def test_needs_support_is_inherited_from_the_processes_above(parents, own, expected_gap):
    elements = [(pid, E.PROCESS, pid.upper(), {} if need is None else {"needs_support": need})
                for pid, need in parents]
    elements += [("a", E.ACTIVITY, "Act", {} if own is None else {"needs_support": own})]
    relations = [(f"c-{pid}", R.COMPOSED_OF, pid, "a") for pid, _ in parents]
    gaps = unsupported_activities(model_of(elements, relations))
    assert records(gaps[["activity_id", "needs_support", "expected_gap"]]) == [
        {"activity_id": "a", "needs_support": not expected_gap, "expected_gap": expected_gap}]


def test_needs_support_is_inherited_over_two_levels():
    model = model_of(
        [("top", E.PROCESS, "Board", {"needs_support": False}), ("mid", E.PROCESS, "Supervision"),
         ("a", E.ACTIVITY, "Approve budget")],
        [("c1", R.COMPOSED_OF, "top", "mid"), ("c2", R.COMPOSED_OF, "mid", "a")],
    )
    assert records(unsupported_activities(model)[["activity_id", "expected_gap"]]) == [
        {"activity_id": "a", "expected_gap": True}]


def test_a_loop_does_not_pass_needs_support_false_down():
    # Board composes Council and Council composes Board: both links are loop links and ignored, so Council
    # has no parent left, needs support by default, and so does its activity
    model = model_of(
        [("board", E.PROCESS, "Board", {"needs_support": False}), ("council", E.PROCESS, "Council"),
         ("a", E.ACTIVITY, "Minutes")],
        [("c1", R.COMPOSED_OF, "board", "council"), ("c2", R.COMPOSED_OF, "council", "board"),
         ("c3", R.COMPOSED_OF, "council", "a")],
    )
    assert records(unsupported_activities(model)[["activity_id", "expected_gap"]]) == [
        {"activity_id": "a", "expected_gap": False}]


# ------------------------------------------------------------------------------ overlap and orphans


def test_overlap_at_application_level():
    # Magister {Education, Record grades, Plan lessons}, Somtoday {Administration, Record grades, Plan lessons}
    assert records(application_overlap(tiny_school())) == [{
        "application_a_id": "app-mag", "application_a": "Magister", "application_b_id": "app-som",
        "application_b": "Somtoday", "level": "application", "shared": 2, "only_a": 1, "only_b": 1,
        "jaccard": 0.5, "shared_elements": "Plan lessons | Record grades",
    }]


def test_overlap_at_system_type_level():
    # LAS {Education, Record grades, Plan lessons}, LMS {Record grades}: 1 / 3
    frame = application_overlap(tiny_school(), level="system_type")
    assert records(frame.drop(columns="jaccard")) == [{
        "application_a_id": "t-las", "application_a": "LAS", "application_b_id": "t-lms", "application_b": "LMS",
        "level": "system_type", "shared": 1, "only_a": 2, "only_b": 0, "shared_elements": "Record grades",
    }]
    assert frame.loc[0, "jaccard"] == pytest.approx(1 / 3)


def test_overlap_is_sorted_by_jaccard_and_respects_min_shared():
    model = tiny_school()
    # Old Portal supports Record grades only: Jaccard 1/3 with Magister, 1/3 with Somtoday
    model.add_relation(Relation.new(R.SUPPORTS, "app-old", "a-grades", id="r-old-grades"))
    frame = application_overlap(model)
    pairs = list(zip(frame["application_a_id"], frame["application_b_id"], strict=True))
    # 0.5 first; then the two 1/3 pairs by name of a: Magister < Somtoday
    assert pairs == [("app-mag", "app-som"), ("app-mag", "app-old"), ("app-som", "app-old")]
    assert list(application_overlap(model, min_shared=2)["application_b_id"]) == ["app-som"]


def test_no_overlap_without_the_type_path():
    frame = application_overlap(tiny_school(), paths=NO_TYPE)
    assert frame.empty and list(frame.columns) == OVERLAP_COLUMNS


def test_orphans_at_application_level_leave_out_planned_applications():
    assert records(orphan_applications(tiny_school())) == [{
        "application_id": "app-old", "application": "Old Portal", "level": "application", "vendor": "Acme",
        "lifecycle": "active", "annual_cost": 1000.0, "system_types": "",
    }]


def test_orphans_without_the_type_path_include_the_suite():
    frame = orphan_applications(tiny_school(), paths=NO_TYPE)
    assert list(frame["application_id"]) == ["app-mag", "app-old"]
    assert frame.loc[0, "system_types"] == "LAS | LMS"


def test_no_orphan_system_types_in_the_tiny_school():
    frame = orphan_applications(tiny_school(), level="system_type")
    assert frame.empty and list(frame.columns) == ORPHAN_COLUMNS


# ------------------------------------------------------------------------------ coverage

COVERAGE_ALL = [
    # Good teaching: Education and below (Record grades, Plan lessons) plus Register absence, a gap;
    # Plan lessons has support only through its parents (Education, Administration): inherited
    {"goal_id": "g-teach", "goal": "Good teaching", "level": "application", "elements": 4, "needing_support": 4,
     "supported": 2, "inherited": 1, "unsupported": 1, "expected_gaps": 0, "coverage": 0.75},
    # Sound governance: Governance and Appoint council, both expected gaps: nothing needs support
    {"goal_id": "g-gov", "goal": "Sound governance", "level": "application", "elements": 2, "needing_support": 0,
     "supported": 0, "inherited": 0, "unsupported": 0, "expected_gaps": 2, "coverage": None},
    # Administration is under no goal
    {"goal_id": "", "goal": "(no goal)", "level": "application", "elements": 1, "needing_support": 1, "supported": 1,
     "inherited": 0, "unsupported": 0, "expected_gaps": 0, "coverage": 1.0},
]


def test_goal_coverage_at_application_level():
    assert records(goal_coverage(tiny_school())) == COVERAGE_ALL


def test_goal_coverage_without_the_type_path():
    # Education loses Magister: Good teaching keeps Record grades (Somtoday) and Plan lessons (Somtoday, parent)
    expected = [dict(row) for row in COVERAGE_ALL]
    expected[0].update(supported=1, inherited=1, unsupported=2, coverage=0.5)
    assert records(goal_coverage(tiny_school(), paths=NO_TYPE)) == expected


def test_goal_coverage_at_system_type_level():
    # Administration has no type support: the (no goal) row drops to 0
    expected = [dict(row) for row in COVERAGE_ALL]
    expected[2].update(supported=0, unsupported=1, coverage=0.0)
    for row in expected:
        row["level"] = "system_type"
    assert records(goal_coverage(tiny_school(), level="system_type")) == expected


def test_goal_coverage_counts_integers():
    frame = goal_coverage(tiny_school())
    for column in ("elements", "needing_support", "supported", "inherited", "unsupported", "expected_gaps"):
        assert pd.api.types.is_integer_dtype(frame[column]), column


# ------------------------------------------------------------------------------ support matrix


def test_support_matrix_at_application_level():
    rows = [
        ("p-admin", "Administration", "process", "app-som", "Somtoday", "direct", "", "", ""),
        ("p-edu", "Education", "process", "app-mag", "Magister", "type>function", "LAS", "Grade book", ""),
        ("a-plan", "Plan lessons", "activity", "app-mag", "Magister", "type>function>parent", "LAS", "Grade book",
         "Education"),
        ("a-plan", "Plan lessons", "activity", "app-som", "Somtoday", "parent", "", "", "Administration"),
        ("a-grades", "Record grades", "activity", "app-mag", "Magister", "type", "LMS", "", ""),
        ("a-grades", "Record grades", "activity", "app-mag", "Magister", "type>function>parent", "LAS",
         "Grade book", "Education"),
        ("a-grades", "Record grades", "activity", "app-som", "Somtoday", "direct", "", "", ""),
    ]
    expected = [
        {"element_id": e, "element": n, "element_kind": k, "supporter_id": s, "supporter": sn,
         "supporter_kind": "application", "path": p, "via_type": vt, "via_function": vf, "via_parent": vp}
        for e, n, k, s, sn, p, vt, vf, vp in rows
    ]
    assert records(support_matrix(tiny_school())) == expected


def test_support_matrix_at_system_type_level():
    frame = support_matrix(tiny_school(), level="system_type")
    assert list(zip(frame["element_id"], frame["supporter_id"], frame["path"], frame["via_parent"], strict=True)) == [
        ("p-edu", "t-las", "function", ""),
        ("a-plan", "t-las", "function>parent", "Education"),
        ("a-grades", "t-las", "function>parent", "Education"),
        ("a-grades", "t-lms", "direct", ""),
    ]
    assert set(frame["supporter_kind"]) == {"system_type"}


# ------------------------------------------------------------------------------ loops


def test_analyses_on_a_model_with_loops_terminate_and_ignore_the_loop():
    model = loop_model()
    assert {f.reason for f in validate(model)} >= {Reason.COMPOSITION_LOOP}
    # were the loop followed, Gamma would inherit App Alpha too and be duplicated
    assert duplicated_activities(model).empty
    assert unsupported_activities(model).empty
    assert orphan_applications(model).empty
    assert application_overlap(model).empty
    # Gamma is covered only through Beta: inherited
    assert records(goal_coverage(model)) == [
        {"goal_id": "", "goal": "(no goal)", "level": "application", "elements": 3, "needing_support": 3,
         "supported": 2, "inherited": 1, "unsupported": 0, "expected_gaps": 0, "coverage": 1.0}]


# ------------------------------------------------------------------------------ stats


def test_model_stats_of_the_tiny_school():
    stats = dict(zip(model_stats(tiny_school())["measure"], model_stats(tiny_school())["value"], strict=True))
    assert stats == {
        "elements": 17, "relations": 19,
        "elements: goal": 2, "elements: process": 3, "elements: activity": 4, "elements: information": 1,
        "elements: system_type": 2, "elements: application": 4, "elements: application_function": 1,
        "relations: contributes_to": 3, "relations: composed_of": 4, "relations: accesses": 3,
        "relations: supports": 6, "relations: realizes": 2, "relations: assigned_to": 1,
        # Education, Administration and Record grades have support of their own; Plan lessons only
        # through its parents (inherited), and both its supporters reach it that way
        "level": "application", "supportable": 7, "supported": 3, "inherited": 1,
        "duplicated": 1, "duplicated_inherited": 1, "unsupported": 1,
        "expected_gaps": 2,
        "annual_cost": 21000.0,  # Magister, Somtoday and Old Portal; the planned Parnassys Next is not current
    }
