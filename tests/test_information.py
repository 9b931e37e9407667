"""Double entry (with and without a carrying flow) and privacy findings on hand-built models."""

from __future__ import annotations

import pytest

import fora_model as fm
from fora_model.analysis.information import (
    DOUBLE_ENTRY_COLUMNS,
    INFORMATION_FINDING_COLUMNS,
    PERSONAL_DATA_COLUMNS,
    PRIVACY_COLUMNS,
    double_entry,
    information_findings,
    personal_data_holdings,
    privacy_findings,
)


def build(apps=("a", "b"), writes=(("a", "grades"), ("b", "grades")), flows=(), planned=()):
    m = fm.Model(name="information test")
    m.add_element(fm.Element.new("information", "Grades", id="grades", personal_data=True, sensitivity="confidential"))
    m.add_element(fm.Element.new("information", "Rooms", id="rooms"))
    for app in apps:
        m.add_element(fm.Element.new("application", app.upper(), id=app,
                                     lifecycle="plan" if app in planned else "active"))
    for app, info in writes:
        m.add_relation(fm.Relation.new("accesses", app, info, access="write"))
    for source, target, carries in flows:
        attrs = {"carries": list(carries)} if carries else {}
        m.add_relation(fm.Relation.new("flows_to", source, target, **attrs))
    return m


def test_two_writers_without_a_flow_is_double_entry():
    frame = double_entry(build())
    assert list(frame.columns) == DOUBLE_ENTRY_COLUMNS
    row = frame.iloc[0]
    assert (row["information"], row["writers"], row["writer_count"], row["entry_points"], row["groups"]) == (
        "Grades", "A | B", 2, 2, "A | B")
    assert bool(row["personal_data"]) and row["sensitivity"] == "confidential"


@pytest.mark.parametrize("flows", [
    [("a", "b", ["grades"])],  # carries it
    [("b", "a", [])],  # a flow naming no information carries all, either direction
    [("a", "b", ["rooms", "grades"])],
])
def test_a_flow_carrying_the_information_links_the_writers(flows):
    assert double_entry(build(flows=flows)).empty


def test_a_flow_carrying_other_information_only_does_not_link_them():
    frame = double_entry(build(flows=[("a", "b", ["rooms"])]))
    assert frame["information"].tolist() == ["Grades"]
    assert frame["flows"].tolist() == [""]


def test_links_run_through_an_application_that_does_not_write():
    m = build(apps=("a", "b", "hub"), flows=[("a", "hub", ["grades"]), ("hub", "b", [])])
    assert double_entry(m).empty
    broken = build(apps=("a", "b", "hub"), flows=[("a", "hub", ["grades"]), ("hub", "b", ["rooms"])])
    assert double_entry(broken)["entry_points"].tolist() == [2]


def test_three_writers_one_flow_gives_two_entry_points():
    m = build(apps=("a", "b", "c"), writes=[("a", "grades"), ("b", "grades"), ("c", "grades")],
              flows=[("a", "b", ["grades"])])
    row = double_entry(m).iloc[0]
    assert (row["writer_count"], row["entry_points"], row["groups"], row["flows"]) == (3, 2, "A, B | C", "A → B")


def test_only_current_writers_and_real_writes_count():
    planned = build(planned=("b",))
    assert double_entry(planned).empty
    m = build(writes=[("a", "grades")])
    m.add_relation(fm.Relation.new("accesses", "b", "grades", access="read"))
    assert double_entry(m).empty
    m.add_element(fm.Element.new("application_function", "Grading", id="fn"))
    m.add_relation(fm.Relation.new("assigned_to", "b", "fn"))
    m.add_relation(fm.Relation.new("accesses", "fn", "grades", access="readwrite"))
    assert double_entry(m)["writers"].tolist() == ["A | B"]  # B writes through its function


def privacy_model():
    m = fm.Model(name="privacy test")
    m.add_element(fm.Element.new("information", "Pupil file", id="pupil", personal_data=True, sensitivity="special"))
    m.add_element(fm.Element.new("information", "Menu", id="menu"))
    apps = {
        "ok": dict(processes_personal_data=True, dpa_signed=True, data_location="NL"),
        "nodpa": dict(processes_personal_data=True),
        "abroad": dict(dpa_signed=True, data_location="outside EU"),
        "old": dict(dpa_signed=True, lifecycle="phase-out", data_location="EU"),
        "plain": dict(),
        "later": dict(lifecycle="plan", dpa_signed=False),
    }
    for ident, attrs in apps.items():
        m.add_element(fm.Element.new("application", ident.upper(), id=ident, **attrs))
    for app, info, access in [("abroad", "pupil", "read"), ("old", "pupil", "write"), ("plain", "menu", "write"),
                              ("later", "pupil", "write"), ("ok", "pupil", "readwrite")]:
        m.add_relation(fm.Relation.new("accesses", app, info, access=access))
    return m


def test_privacy_findings():
    frame = privacy_findings(privacy_model())
    assert list(frame.columns) == PRIVACY_COLUMNS
    rows = frame.set_index("application_id")
    assert sorted(rows.index) == ["abroad", "later", "nodpa", "old"]
    assert rows.loc["nodpa", ["no_dpa", "outside_eu", "retiring", "basis", "dpa_signed"]].tolist() == [
        True, False, False, "declared", ""]
    assert rows.loc["abroad", ["no_dpa", "outside_eu", "basis", "personal_information"]].tolist() == [
        False, True, "holds personal data", "Pupil file"]
    assert rows.loc["old", ["retiring", "issues"]].tolist() == [True, "in phase-out"]
    # a planned application is checked by what it is set to access: no agreement yet
    assert rows.loc["later", ["no_dpa", "lifecycle", "dpa_signed"]].tolist() == [True, "plan", "no"]
    assert "plain" not in rows.index and "ok" not in rows.index


def test_personal_data_holdings():
    frame = personal_data_holdings(privacy_model())
    assert list(frame.columns) == PERSONAL_DATA_COLUMNS
    row = frame.iloc[0]
    assert (row["information"], row["holder_count"], row["holders"]) == ("Pupil file", 3, "ABROAD | OK | OLD")
    assert (row["writers"], row["outside_eu"], row["retiring"], row["without_dpa"]) == (
        "OK | OLD", "ABROAD", "OLD", "")
    assert len(frame) == 1  # Menu is not personal data


def test_information_findings_in_one_table():
    m = privacy_model()
    m.add_relation(fm.Relation.new("accesses", "nodpa", "pupil", access="write"))
    frame = information_findings(m)
    assert list(frame.columns) == INFORMATION_FINDING_COLUMNS
    assert frame["finding"].tolist() == ["double-entry", "personal-data", "no-dpa", "no-dpa", "outside-eu",
                                         "retiring"]
    assert frame.iloc[0]["detail"] == "entered in 3 places: NODPA | OK | OLD"
