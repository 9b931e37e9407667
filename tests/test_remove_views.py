"""Removing a concept removes what the views show of it, so no view refers to a missing concept."""

from __future__ import annotations

from fora_model import Element, ElementKind, Model, Relation, RelationKind
from fora_model.changes import RemoveElement, RemoveRelation, apply_changes, change_from_dict, change_to_dict, invert


def _model() -> tuple[Model, str, str, str]:
    m = Model(name="Views")
    grades = m.add_element(Element.new(ElementKind.ACTIVITY, "Record grades"))
    magister = m.add_element(Element.new(ElementKind.APPLICATION, "Magister"))
    link = m.add_relation(Relation.new(RelationKind.SUPPORTS, magister.id, grades.id))
    m.extras["views"] = [{
        "id": "v1", "name": "Main",
        "nodes": [
            {"id": "n-grades", "element": grades.id, "x": 0, "y": 0, "w": 120, "h": 55,
             "nodes": [{"id": "n-note", "label": "inside", "x": 5, "y": 5, "w": 50, "h": 20}]},
            {"id": "n-magister", "element": magister.id, "x": 200, "y": 0, "w": 120, "h": 55},
            {"id": "n-free", "label": "a note", "x": 400, "y": 0, "w": 120, "h": 55},
        ],
        "connections": [
            {"id": "c-link", "relationship": link.id, "source": "n-magister", "target": "n-grades",
             "bendpoints": [{"x": 10, "y": 10}]},
            {"id": "c-note", "label": "", "source": "n-free", "target": "n-magister", "bendpoints": []},
            {"id": "c-on-link", "label": "", "source": "n-free", "target": "c-link", "bendpoints": []},
        ],
    }]
    return m, grades.id, magister.id, link.id


def test_removing_an_element_removes_its_nodes_children_and_connections() -> None:
    m, grades, _, link = _model()
    assert m.remove(grades) == [grades, link]
    view = m.extras["views"][0]
    assert [n["id"] for n in view["nodes"]] == ["n-magister", "n-free"]
    assert [c["id"] for c in view["connections"]] == ["c-note"]


def test_removing_a_relation_removes_its_connection_and_connections_attached_to_it() -> None:
    m, _, _, link = _model()
    m.remove(link)
    view = m.extras["views"][0]
    assert [n["id"] for n in view["nodes"]] == ["n-grades", "n-magister", "n-free"]
    assert [c["id"] for c in view["connections"]] == ["c-note"]


def test_removing_an_element_not_in_any_view_leaves_views_alone() -> None:
    m, _, _, _ = _model()
    other = m.add_element(Element.new(ElementKind.ACTIVITY, "Plan lessons"))
    before = [dict(v) for v in m.extras["views"]]
    m.remove(other.id)
    assert m.extras["views"] == before



def test_a_removal_through_changes_takes_its_diagram_objects_and_leaves_the_input_alone() -> None:
    m, grades, _, _ = _model()
    views = [dict(v) for v in m.extras["views"]]
    changed = apply_changes(m, RemoveElement(grades)).model
    assert [n["id"] for n in changed.extras["views"][0]["nodes"]] == ["n-magister", "n-free"]
    assert m.extras["views"] == views


def test_undo_of_a_removal_brings_back_the_views_also_after_the_change_log() -> None:
    m, grades, _, link = _model()
    before = m.extras["views"]
    for change in (RemoveElement(grades), RemoveRelation(link)):
        applied = apply_changes(m, change)
        assert applied.changes[0].extras_before is not None
        again = change_from_dict(change_to_dict(applied.changes[0]))
        undone = apply_changes(applied.model, invert(again)).model
        assert undone.extras["views"] == before
        assert len(undone.extras["views"][0]["connections"]) == 3


def test_a_removal_that_touches_no_view_records_no_extras() -> None:
    m, _, _, _ = _model()
    other = m.add_element(Element.new(ElementKind.ACTIVITY, "Plan lessons"))
    applied = apply_changes(m, RemoveElement(other.id))
    assert applied.changes[0].extras_before is None
    assert "extras_before" not in change_to_dict(applied.changes[0])
