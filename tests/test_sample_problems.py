"""Every deliberate problem written down in data/sample-school-expected.json is what the analyses
find in the sample school, row for row and supporter for supporter."""

from __future__ import annotations

from itertools import combinations

import pytest

import fora_model as fm
from fora_model.analysis import resolve_level
from fora_model.vocabulary import ElementKind, RelationKind

K = ElementKind
R = RelationKind


@pytest.fixture(scope="module")
def expected() -> dict:
    return fm.sample_expected()


def _split(cell: str) -> set[str]:
    return set(cell.split(" | ")) if cell else set()


def _supporters(model: fm.Model) -> dict[str, set[str]]:
    """Supporter names per supportable element id, at application level over all paths."""
    table = fm.support_table(model, level="application")
    t = table.tables
    result: dict[str, set[str]] = {}
    for element, supporter in table.chains[["element", "supporter"]].drop_duplicates().itertuples(index=False):
        result.setdefault(str(t.ids[element]), set()).add(str(t.names[supporter]))
    return result


def _writers(model: fm.Model, information: str) -> set[str]:
    return {
        r.source for r in model.relations_of(R.ACCESSES)
        if r.target == information and model.elements[r.source].kind is K.APPLICATION
        and r.attributes.get("access") in ("write", "readwrite")
    }


def _flows_carrying(model: fm.Model, a: str, b: str, information: str) -> list[str]:
    """Ids of flows between ``a`` and ``b`` (either way) that carry ``information`` (no carries: all)."""
    return [
        r.id for r in model.relations_of(R.FLOWS_TO)
        if {r.source, r.target} == {a, b}
        and (not r.attributes.get("carries") or information in r.attributes["carries"])
    ]


def test_sample_is_analysed_at_application_level(sample, expected):
    assert resolve_level(sample) == expected["level"] == "application"


def test_duplicates_are_exactly_the_designed_ones(sample, expected):
    found = fm.duplicated_activities(sample)
    got = {row.activity_id: (row.activity, row.element_kind, _split(row.applications), row.application_count)
           for row in found.itertuples()}
    want = {row["id"]: (row["name"], row["element_kind"], set(row["supporters"]), len(row["supporters"]))
            for row in expected["duplicates"]}
    assert got == want
    assert 10 <= len(found) <= 60
    assert set(found["level"]) == {"application"}


def test_the_headline_counts_the_designed_root_rows(sample, expected):
    # rows marked inherited_from by hand only repeat the duplicate of that process above them
    marked = {row["id"]: row.get("inherited_from", "") for row in expected["duplicates"]}
    every = fm.duplicated_activities(sample)
    assert dict(zip(every["activity_id"], every["inherited_from"], strict=True)) == marked
    roots = fm.duplicated_activities(sample, include_inherited=False)
    assert sorted(roots["activity_id"]) == sorted(i for i, parent in marked.items() if not parent)
    stats = dict(zip(*(fm.model_stats(sample)[c] for c in ("measure", "value")), strict=True))
    assert (stats["duplicated"], stats["duplicated_inherited"]) == (len(roots), sum(1 for p in marked.values() if p))


def _supported_by(model: fm.Model) -> dict[str, set[str]]:
    """Supportable element ids per application name (the inverse of :func:`_supporters`)."""
    result: dict[str, set[str]] = {}
    for element, names in _supporters(model).items():
        for name in names:
            result.setdefault(name, set()).add(element)
    return result


def test_deliberate_messaging_and_grades_duplicates(sample, expected):
    deliberate = {row["problem"]: row for row in expected["duplicates"] if row["deliberate"]}
    assert set(deliberate) == {1, 2}
    support = _supporters(sample)
    messaging, grades = deliberate[1], deliberate[2]
    assert messaging["name"] == "Send messages to parents"
    assert support[messaging["id"]] == set(messaging["supporters"]) and len(messaging["supporters"]) == 3
    assert grades["name"] == "Record grades"
    assert support[grades["id"]] == set(grades["supporters"]) and len(grades["supporters"]) == 2


def test_deliberate_duplicates_come_from_genuinely_redundant_products(sample, expected):
    """Each deliberate duplicate is one kept product (Magister) plus products whose every element is also
    supported by a current application that is not on its way out and not one of the redundant products."""
    apps = {a.name: a for a in sample.elements_of(K.APPLICATION)}
    by_app = _supported_by(sample)
    support = _supporters(sample)
    redundant_products = {"Social Schools", "Klasbord Ouderapp", "Google Classroom"}
    for row in (r for r in expected["duplicates"] if r["deliberate"]):
        assert "Magister" in row["supporters"]
        redundant = set(row["supporters"]) - {"Magister"}
        assert redundant <= redundant_products
        for name in redundant:
            assert by_app[name], name
            for element in by_app[name]:
                lasting = {
                    other for other in support[element] - redundant_products
                    if apps[other].attributes.get("lifecycle") not in ("phase-out", "end-of-life")
                }
                assert lasting, (name, sample.element(element).name)
    # the parent apps' work is all Magister's; Google Classroom's is Magister's and itslearning's
    assert by_app["Social Schools"] | by_app["Klasbord Ouderapp"] <= by_app["Magister"]
    assert by_app["Google Classroom"] <= by_app["Magister"] | by_app["itslearning"]
    assert not by_app["Google Classroom"] <= by_app["itslearning"]  # itslearning no longer records grades


def test_a_suite_counts_once(sample, expected):
    """Magister reaches parent messaging through two system types (administration and parent portal)
    but is one supporter."""
    row = next(r for r in expected["duplicates"] if r.get("problem") == 1)
    found = fm.duplicated_activities(sample)
    paths = found.loc[found["activity_id"] == row["id"], "support_paths"].item()
    assert "Magister: type>function" in paths
    types = _split(found.loc[found["activity_id"] == row["id"], "system_types"].item())
    assert types == {"Pupil administration system", "Parent portal"}
    assert sorted(_split(found.loc[found["activity_id"] == row["id"], "applications"].item())) == sorted(
        row["supporters"])


def test_real_and_expected_gaps(sample, expected):
    gaps = fm.unsupported_activities(sample)
    real = gaps[~gaps["expected_gap"]]
    by_design = gaps[gaps["expected_gap"]]
    assert dict(zip(real["activity_id"], real["activity"], strict=True)) == {
        row["id"]: row["name"] for row in expected["real_gaps"]}
    assert dict(zip(by_design["activity_id"], by_design["activity"], strict=True)) == {
        row["id"]: row["name"] for row in expected["expected_gaps"]}
    assert len(real) >= 3 and len(by_design) >= 3
    assert real["needs_support"].all() and not by_design["needs_support"].any()


def test_exactly_one_orphan_application(sample, expected):
    orphans = fm.orphan_applications(sample)
    assert list(orphans["application_id"]) == [row["id"] for row in expected["orphans"]]
    assert list(orphans["application"]) == [row["name"] for row in expected["orphans"]]
    assert set(orphans["lifecycle"]) <= {"phase-in", "active", "phase-out", "end-of-life"}


def test_double_entry_case_has_two_writers_and_no_flow_carrying_it(sample, expected):
    for case in expected["double_entry"]:
        writers = _writers(sample, case["information_id"])
        assert writers == {w["id"] for w in case["writers"]}
        for a, b in combinations(sorted(writers), 2):
            assert _flows_carrying(sample, a, b, case["information_id"]) == []
        # the writers are connected, just not for this information
        a, b = sorted(writers)
        assert any({r.source, r.target} == {a, b} for r in sample.relations_of(R.FLOWS_TO))


def test_double_entry_control_has_a_flow_carrying_it(sample, expected):
    for case in expected["double_entry_control"]:
        writers = _writers(sample, case["information_id"])
        assert writers == {w["id"] for w in case["writers"]}
        a, b = sorted(writers)
        assert _flows_carrying(sample, a, b, case["information_id"]) == [case["flow_id"]]


def test_no_other_information_is_written_twice_without_a_flow(sample, expected):
    double = set()
    for info in sample.elements_of(K.INFORMATION):
        writers = sorted(_writers(sample, info.id))
        if any(not _flows_carrying(sample, a, b, info.id) for a, b in combinations(writers, 2)):
            double.add(info.id)
    assert double == {case["information_id"] for case in expected["double_entry"]}


def test_planned_application_does_not_count_but_would(sample, expected):
    plan = expected["plan_application"]
    app = sample.element(plan["id"])
    assert app.attributes["lifecycle"] == "plan"
    assert not any(plan["name"] in names for names in _supporters(sample).values())
    assert plan["id"] not in set(fm.orphan_applications(sample)["application_id"])
    assert plan["name"] not in " | ".join(fm.duplicated_activities(sample)["applications"])

    active = sample.copy()
    active.update_element(app.with_attributes(lifecycle="active"))
    would = {e for e, names in _supporters(active).items() if plan["name"] in names}
    assert would == {row["id"] for row in plan["would_support"]}


def test_phase_out_application_is_sole_support_of_a_critical_activity(sample, expected):
    apps = {a.name: a for a in sample.elements_of(K.APPLICATION)}
    found = set()
    for element, names in _supporters(sample).items():
        if len(names) != 1:
            continue
        (name,) = names
        retiring = apps[name].attributes.get("lifecycle") in ("phase-out", "end-of-life")
        if retiring and sample.element(element).attributes.get("criticality") == "high":
            found.add((element, apps[name].id))
    assert found == {(row["element_id"], row["application_id"]) for row in expected["sole_support_phase_out"]}
    for row in expected["sole_support_phase_out"]:
        assert apps[row["application"]].attributes["lifecycle"] == row["lifecycle"] == "phase-out"


def test_without_type_paths_only_direct_links_count(sample, expected):
    """Most products are mapped through system types; switching that path off leaves the direct links."""
    row = next(r for r in expected["duplicates"] if r["name"] == "Collect handed-in work")
    table = fm.support_table(sample, level="application", paths="direct,function,parent")
    t = table.tables
    code = int(t.code_of([row["id"]])[0])
    chains = table.chains[table.chains["element"] == code]
    assert {str(t.names[s]) for s in chains["supporter"]} == {"Google Classroom"}
    assert len(fm.duplicated_activities(sample, paths="direct,function,parent")) < len(row["supporters"]) * 10
