"""The editor logic on tiny hand-built models: element tables and their edits, the process map,
tick lists and delete previews. Every expectation is worked out by hand from the model below."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from fora_model import Element, Model, Relation
from fora_model.changes import apply_changes
from fora_model.changes.types import (
    AddElement,
    AddRelation,
    RemoveElement,
    RemoveRelation,
    UpdateElement,
    UpdateRelation,
)
from fora_model.dashboard.edit_elements import EDITABLE_KINDS, editor_changes, editor_columns, element_frame
from fora_model.dashboard.edit_links import (
    carries_changes,
    delete_changes,
    delete_preview,
    flow_frame,
    tick_changes,
    tick_list,
    tick_lists,
    tick_options,
    ticked,
)
from fora_model.dashboard.edit_map import (
    add_under,
    descendants,
    goal_changes,
    needs_support_change,
    parent_options,
    rename,
    reparent,
    tree_rows,
)
from fora_model.errors import EditRejected


@pytest.fixture
def school() -> Model:
    """Goal g; process Teaching (t) > process Assessment (s) > activity Record grades (a);
    top-level process Governance (gov, needs no system) > activity Vision (v);
    applications Magister (mag) and Somtoday (som) both support a; information Grades (gr)
    written by mag and read by som; a flow mag -> som carrying gr; Teaching contributes to g."""
    m = Model(name="Tiny school")
    for kind, name, ident, attrs in [
        ("goal", "Good teaching", "g", {}),
        ("process", "Teaching", "t", {}),
        ("process", "Assessment", "s", {}),
        ("activity", "Record grades", "a", {}),
        ("process", "Governance", "gov", {"needs_support": False}),
        ("activity", "Vision", "v", {}),
        ("application", "Magister", "mag", {"annual_cost": 1000, "functional_fit": 3, "lifecycle": "active"}),
        ("application", "Somtoday", "som", {"annual_cost": 500}),
        ("information", "Grades", "gr", {"personal_data": True}),
    ]:
        m.add_element(Element.new(kind, name, id=ident, **attrs))
    for kind, source, target, ident, attrs in [
        ("composed_of", "t", "s", "c1", {}),
        ("composed_of", "s", "a", "c2", {}),
        ("composed_of", "gov", "v", "c3", {}),
        ("supports", "mag", "a", "s1", {}),
        ("supports", "som", "a", "s2", {}),
        ("accesses", "mag", "gr", "x1", {"access": "write"}),
        ("accesses", "som", "gr", "x2", {"access": "read"}),
        ("flows_to", "mag", "som", "f1", {"carries": ["gr"]}),
        ("contributes_to", "t", "g", "k1", {}),
    ]:
        m.add_relation(Relation.new(kind, source, target, id=ident, **attrs))
    return m


# ----------------------------------------------------------------------------- element tables
def test_every_editable_kind_has_a_table_with_id_name_and_its_attributes(school):
    for kind in EDITABLE_KINDS:
        frame = element_frame(school, kind)
        assert list(frame.columns) == [c.name for c in editor_columns(kind)]
        assert list(frame["id"]) == [e.id for e in school.elements_of(kind)]


def test_application_table_types_its_columns(school):
    frame = element_frame(school, "application")
    assert frame["functional_fit"].dtype == "Int64" and frame["annual_cost"].dtype == "float64"
    assert frame["processes_personal_data"].dtype == "boolean"
    assert frame.set_index("id").loc["mag", "lifecycle"] == "active"
    assert frame.set_index("id").loc["som", "lifecycle"] == "active"  # the documented default
    editors = {c.name: c.editor for c in editor_columns("application")}
    assert editors["lifecycle"] == editors["data_location"] == editors["technical_fit"] == "choice"
    assert editors["dpa_signed"] == "boolean" and editors["contract_end"] == "date"
    assert editors["annual_cost"] == "number" and editors["id"] == "id"


def test_needs_support_shows_the_inherited_value(school):
    frame = element_frame(school, "activity").set_index("id")
    assert not bool(frame.loc["v", "needs_support"])  # inherited from Governance
    assert bool(frame.loc["a", "needs_support"])


def test_an_edited_cell_becomes_one_update(school):
    ids = ["mag", "som"]
    state = {"edited_rows": {"1": {"name": "Somtoday 2", "annual_cost": 750, "contract_end": "2027-07-31"}}}
    result = editor_changes(school, "application", ids, state)
    assert result.ok
    (change,) = result.changes
    assert isinstance(change, UpdateElement)
    assert change.element.name == "Somtoday 2"
    assert change.element.attributes["annual_cost"] == 750.0
    assert change.element.attributes["contract_end"] == dt.date(2027, 7, 31)


def test_clearing_a_cell_removes_the_attribute(school):
    result = editor_changes(school, "application", ["mag"], {"edited_rows": {0: {"functional_fit": None}}})
    assert "functional_fit" not in result.changes[0].element.attributes


def test_an_edit_that_changes_nothing_makes_no_change(school):
    assert editor_changes(school, "application", ["mag"], {"edited_rows": {0: {"name": "Magister"}}}).changes == []


@pytest.mark.parametrize(("values", "words"), [
    ({"functional_fit": 7}, ["Row 1 'Magister'", "Functional fit", "at most 4"]),
    ({"annual_cost": -5}, ["Row 1 'Magister'", "Annual cost (EUR)", "at least 0"]),
    ({"name": "  "}, ["Row 1 'Magister'", "Name", "a name is required"]),
    ({"lifecycle": "retired"}, ["Lifecycle", "must be one of"]),
])
def test_a_bad_value_names_row_and_column_and_makes_no_change(school, values, words):
    state = {"edited_rows": {0: values, 1: {"name": "Somtoday 2"}}}
    result = editor_changes(school, "application", ["mag", "som"], state)
    assert not result.ok and result.changes == []
    (problem,) = result.problems
    for word in words:
        assert word in problem


def test_added_rows_become_new_elements_with_new_ids(school):
    state = {"added_rows": [{"name": "Zermelo", "annual_cost": 300, "dpa_signed": True}, {"id": None, "name": None}]}
    result = editor_changes(school, "application", ["mag", "som"], state)
    (change,) = result.changes  # the empty row is ignored
    assert isinstance(change, AddElement)
    assert change.element.name == "Zermelo" and change.element.id not in school.elements
    assert change.element.attributes == {"annual_cost": 300.0, "dpa_signed": True}


def test_an_added_row_without_a_name_is_refused(school):
    result = editor_changes(school, "goal", ["g"], {"added_rows": [{"documentation": "Something"}]})
    assert result.problems == ["New row 1, Name: a name is required; type one before filling in the other columns."]


def test_deleted_rows_become_removals(school):
    result = editor_changes(school, "application", ["mag", "som"], {"deleted_rows": [1]})
    assert [type(c) for c in result.changes] == [RemoveElement] and result.changes[0].id == "som"


# ----------------------------------------------------------------------------- the map
def test_tree_rows_follow_composed_of_depth_first(school):
    rows = tree_rows(school)
    assert list(rows["element_id"]) == ["t", "s", "a", "gov", "v"]
    assert list(rows["depth"]) == [0, 1, 2, 0, 1]
    assert rows["tree"].iloc[2] == "        Record grades"
    assert list(rows["parent"]) == ["", "Teaching", "Assessment", "", "Governance"]
    assert rows["goals"].iloc[0] == "Good teaching"
    assert list(rows["needs_support"]) == [True, True, True, False, False]


def test_tree_rows_filtered_by_goal_keep_its_subtrees(school):
    assert list(tree_rows(school, goals=["g"])["element_id"]) == ["t", "s", "a"]
    assert list(tree_rows(school, processes=["gov"])["element_id"]) == ["gov", "v"]


def test_tree_rows_survive_a_composition_loop(school):
    school.add_relation(Relation.new("composed_of", "s", "t", id="loop"))
    rows = tree_rows(school)
    assert set(rows["element_id"]) == {"t", "s", "a", "gov", "v"}


def test_add_under_adds_the_element_and_its_parent_link_in_one_change(school):
    (change,) = add_under(school, "s", "activity", " Plan  tests ")
    after = apply_changes(school, [change]).model
    added = after.element(change.element.id)
    assert added.name == "Plan tests"
    assert [r.source for r in after.relations_of("composed_of") if r.target == added.id] == ["s"]


@pytest.mark.parametrize(("parent", "kind", "name", "words"), [
    ("s", "activity", "", "needs a name"),
    ("a", "activity", "X", "must be a process"),
    ("s", "application", "X", "processes and activities"),
])
def test_add_under_refuses_what_does_not_fit(school, parent, kind, name, words):
    with pytest.raises(EditRejected, match=words):
        add_under(school, parent, kind, name)


def test_reparent_moves_an_activity_under_the_new_parent_only(school):
    changes = reparent(school, "a", "gov")
    assert [type(c) for c in changes] == [RemoveRelation, AddRelation]
    after = apply_changes(school, changes).model
    assert [r.source for r in after.relations_of("composed_of") if r.target == "a"] == ["gov"]


def test_parent_options_leave_out_the_element_and_what_is_below_it(school):
    assert parent_options(school, "t") == ["gov"]
    assert descendants(school, "t") == {"s", "a"}
    assert parent_options(school, "a") == ["s", "gov", "t"]


def test_goal_and_needs_support_and_rename_changes(school):
    assert [type(c) for c in goal_changes(school, "t", [])] == [RemoveRelation]
    (change,) = needs_support_change(school, "a", False)
    assert change.element.attributes["needs_support"] is False
    assert needs_support_change(school, "gov", False) == []
    with pytest.raises(EditRejected, match="needs a name"):
        rename(school, "a", " ")


# ----------------------------------------------------------------------------- tick lists
def test_every_kind_but_information_has_tick_lists():
    assert tick_lists("information") == ()
    assert {t.key for t in tick_lists("application")} >= {"supports", "realizes", "writes", "sends_to"}
    with pytest.raises(KeyError, match="has no tick list"):
        tick_list("goal", "writes")


def test_ticked_reads_the_current_links(school):
    assert ticked(school, "a", tick_list("activity", "supported_by_applications")) == ["mag", "som"]
    assert ticked(school, "mag", tick_list("application", "writes")) == ["gr"]
    assert ticked(school, "mag", tick_list("application", "reads")) == []
    assert ticked(school, "som", tick_list("application", "receives_from")) == ["mag"]
    assert tick_options(school, "mag", tick_list("application", "sends_to")) == ["som"]


def test_unticking_a_supporter_removes_its_relation(school):
    changes = tick_changes(school, "a", tick_list("activity", "supported_by_applications"), ["mag"])
    assert [(type(c), c.id) for c in changes] == [(RemoveRelation, "s2")]


def test_ticking_read_on_a_written_information_makes_it_readwrite(school):
    (change,) = tick_changes(school, "mag", tick_list("application", "reads"), ["gr"])
    assert isinstance(change, UpdateRelation) and change.relation.id == "x1"
    assert change.relation.attributes["access"] == "readwrite"


def test_unticking_write_keeps_a_read_and_unticking_the_last_use_removes_it(school):
    after = apply_changes(school, tick_changes(school, "mag", tick_list("application", "reads"), ["gr"])).model
    (change,) = tick_changes(after, "mag", tick_list("application", "writes"), [])
    assert change.relation.attributes["access"] == "read"
    (gone,) = tick_changes(school, "mag", tick_list("application", "writes"), [])
    assert isinstance(gone, RemoveRelation) and gone.id == "x1"


def test_unchanged_ticks_make_no_change(school):
    for tick in tick_lists("application"):
        assert tick_changes(school, "mag", tick, ticked(school, "mag", tick)) == []


def test_what_a_flow_carries(school):
    assert flow_frame(school, "mag")["carries"].tolist() == ["Grades"]
    (change,) = carries_changes(school, "f1", [])
    assert "carries" not in change.relation.attributes
    assert carries_changes(school, "f1", ["gr"]) == []


# ----------------------------------------------------------------------------- deleting
def test_delete_preview_lists_every_relation_that_goes_by_name(school):
    preview = delete_preview(school, ["som"])
    assert sorted(map(tuple, preview[["relation", "from", "to"]].values.tolist())) == [
        ("accesses", "Somtoday", "Grades"), ("flows to", "Magister", "Somtoday"),
        ("supports", "Somtoday", "Record grades")]
    applied = apply_changes(school, delete_changes(school, ["som"])).model
    assert "som" not in applied.elements and len(applied.relations) == len(school.relations) - 3


def test_delete_preview_of_an_unlinked_element_has_one_empty_row(school):
    school.add_element(Element.new("goal", "Lonely", id="lonely"))
    assert delete_preview(school, ["lonely"]).values.tolist() == [["Lonely", "goal", "", "", ""]]


def test_tree_rows_show_the_support_status_of_report_rows(school):
    from fora_model.analysis.status import element_status

    rows = tree_rows(school, element_status(school)).set_index("element_id")
    assert rows.loc["a", "status"] == "duplicated" and rows.loc["a", "supporters"] == 2  # Magister and Somtoday
    assert rows.loc["v", "status"] == "expected gap"  # Governance needs no system
    assert rows.loc["t", "status"] == "" and pd.isna(rows.loc["t", "supporters"])  # no support of its own
