"""The change vocabulary: applying, refusing, inverting, serialising and diffing edits."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from fora_model import EditRejected, Element, ElementKind, Model, Reason, Relation, dumps_model
from fora_model.changes import (
    DIFF_COLUMNS,
    AddElement,
    AddRelation,
    RemoveElement,
    RemoveRelation,
    SetHeader,
    UpdateElement,
    UpdateRelation,
    apply_changes,
    change_from_dict,
    change_to_dict,
    describe,
    diff_models,
    dumps_changes,
    invert,
    loads_changes,
    replay,
    set_links,
)
from tests.edits import random_edit
from tests.tiny import tiny_school


def text(model: Model) -> str:
    return dumps_model(model)


# ---------------------------------------------------------------------------------- applying


def test_apply_leaves_the_input_alone_and_fills_in_what_was_replaced():
    school = tiny_school()
    before = text(school)
    renamed = school.element("app-mag").replace(name="Magister 6")
    done = apply_changes(school, [UpdateElement(renamed), RemoveElement("app-som")])
    assert text(school) == before
    assert done.model.element("app-mag").name == "Magister 6"
    update, removal = done.changes
    assert isinstance(update, UpdateElement) and update.before == school.element("app-mag")
    assert isinstance(removal, RemoveElement)
    assert removal.element == school.element("app-som")
    assert removal.position == list(school.elements).index("app-som")
    # Somtoday supports two elements and writes Grades: three relations go with it, each with its old index
    order = list(school.relations)
    assert [(r.id, p) for r, p in removal.relations] == [
        (i, order.index(i)) for i in ("r-som-grades", "r-som-admin", "r-som-acc")
    ]
    assert "app-som" not in done.model.elements and "r-som-acc" not in done.model.relations


def test_add_element_with_its_relations_in_one_change():
    school = tiny_school()
    activity = Element.new("activity", "Report absence", id="a-new")
    link = Relation.new("composed_of", "p-edu", "a-new", id="r-new")
    done = apply_changes(school, AddElement(activity, None, ((link, None),)))
    assert done.model.element("a-new") == activity
    assert done.model.relation("r-new").source == "p-edu"
    assert list(done.model.elements)[-1] == "a-new"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (AddRelation(Relation.new("supports", "g-teach", "a-grades", id="r-bad")), Reason.DISALLOWED_RELATION),
        (AddRelation(Relation.new("supports", "app-mag", "nowhere", id="r-bad")), Reason.DANGLING_ENDPOINT),
        (AddElement(Element.new("goal", "Twice", id="app-mag")), Reason.DUPLICATE_ID),
        (UpdateElement(Element.new("goal", "Ghost", id="no-such")), Reason.BAD_VALUE),
        (RemoveRelation("no-such"), Reason.BAD_VALUE),
        (AddElement(Element("app-x", ElementKind.APPLICATION, "X", attributes={"annual_cost": "lots"})),
         Reason.BAD_ATTRIBUTE),
    ],
    ids=["disallowed-triple", "dangling", "duplicate-id", "update-missing", "remove-missing", "bad-attribute"],
)
def test_a_refused_change_raises_and_changes_nothing(change, reason):
    school = tiny_school()
    before = text(school)
    good = UpdateElement(school.element("a-grades").replace(name="Grades recorded"))
    with pytest.raises(EditRejected) as caught:
        apply_changes(school, [good, change])
    assert reason in {f.reason for f in caught.value.findings}
    assert text(school) == before


def test_kind_change_that_breaks_relations_is_refused():
    school = tiny_school()
    with pytest.raises(EditRejected) as caught:
        apply_changes(school, UpdateElement(school.element("app-mag").replace(kind=ElementKind.GOAL, attributes={})))
    assert {f.reason for f in caught.value.findings} == {Reason.DISALLOWED_RELATION}


def test_attributes_are_coerced_to_their_types():
    school = tiny_school()
    raw = Element("app-raw", ElementKind.APPLICATION, "Raw",
                  attributes={"annual_cost": "1200", "contract_end": "2027-07-31"})
    added = apply_changes(school, AddElement(raw)).model.element("app-raw")
    assert added.attributes == {"annual_cost": 1200.0, "contract_end": dt.date(2027, 7, 31)}


def test_header_changes_including_the_model_id():
    school = tiny_school()
    done = apply_changes(school, SetHeader({"id": "m-renamed", "name": "Renamed", "properties": [["k", "v"]]}))
    assert (done.model.id, done.model.name, done.model.properties) == ("m-renamed", "Renamed", (("k", "v"),))
    assert done.changes[0].before == {"id": "m-tiny-school", "name": "Tiny school", "properties": ()}
    back = apply_changes(done.model, invert(done.changes)).model
    assert text(back) == text(school)
    with pytest.raises(ValueError, match="no field 'colour'"):
        SetHeader({"colour": "red"})


# ---------------------------------------------------------------------------------- inverting


def test_removing_information_trims_or_removes_flows_and_undo_puts_them_back():
    school = tiny_school()
    school.add_element(Element.new("information", "Absence", id="i-absence"))
    both = Relation.new("flows_to", "app-mag", "app-som", id="r-both", carries=["i-grades", "i-absence"])
    only = Relation.new("flows_to", "app-som", "app-mag", id="r-only", carries=["i-grades"])
    school.add_relation(both)
    school.add_relation(only)
    before = text(school)
    done = apply_changes(school, RemoveElement("i-grades"))
    # a flow left carrying nothing would carry everything, so the flow of grades alone goes too
    assert done.model.relation("r-both").attributes["carries"] == ("i-absence",)
    assert "r-only" not in done.model.relations
    assert done.changes[0].trimmed == (both,)
    assert "r-only" in {r.id for r, _ in done.changes[0].relations}
    assert text(apply_changes(done.model, invert(done.changes)).model) == before


def test_cascade_through_a_relation_that_ends_on_a_relation_is_undone_in_order():
    school = tiny_school()
    school.add_relation(Relation.new("other", "g-teach", "r-som-grades", id="r-note",
                                     archimate_type="AssociationRelationship"))
    school.add_relation(Relation.new("other", "g-gov", "r-note", id="r-note-2"))
    before = text(school)
    done = apply_changes(school, RemoveElement("app-som"))
    assert {r.id for r, _ in done.changes[0].relations} >= {"r-som-grades", "r-note", "r-note-2"}
    assert text(apply_changes(done.model, invert(done.changes)).model) == before


def test_only_applied_changes_can_be_inverted():
    with pytest.raises(ValueError, match="applied"):
        invert(RemoveElement("app-mag"))


@pytest.mark.parametrize("seed", range(25))
def test_random_edits_undo_to_the_exact_text(seed):
    """Every state along 25 random edits comes back byte for byte when the edits are undone in turn."""
    rng = random.Random(seed)
    model = tiny_school()
    states, applied = [text(model)], []
    for _ in range(25):
        done = apply_changes(model, random_edit(model, rng))
        model = done.model
        states.append(text(model))
        applied.append(done.changes)
    for changes in reversed(applied):
        states.pop()
        model = apply_changes(model, invert(changes)).model
        assert text(model) == states[-1]
    # and redoing (re-applying what was applied) walks forward again
    assert text(replay(model, applied)) == text(replay(tiny_school(), applied))


# ---------------------------------------------------------------------------------- JSON


@pytest.mark.parametrize("seed", range(10))
def test_applied_changes_survive_json(seed):
    rng = random.Random(seed)
    model = tiny_school()
    for _ in range(20):
        done = apply_changes(model, random_edit(model, rng))
        assert loads_changes(dumps_changes(done.changes)) == done.changes
        for change in done.changes:
            assert change_from_dict(change_to_dict(change)) == change
        model = done.model


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("{", "not valid JSON"),
        ('{"op": "add_element"}', "must be a JSON list"),
        ('[{"op": "explode"}]', "unknown op 'explode'"),
        ('[{"op": "add_element", "element": {"id": "x", "kind": "wizard"}}]', "unknown kind"),
        ('[{"op": "remove_element"}]', "id must name"),
        ('[{"op": "add_element", "element": {"id": "x", "kind": "goal"}, "position": -1}]', "at least 0"),
    ],
)
def test_bad_change_json_says_what_is_wrong(payload, message):
    with pytest.raises(ValueError, match=message):
        loads_changes(payload)


# ---------------------------------------------------------------------------------- diff


def test_diff_lists_added_removed_and_changed_with_names():
    a = tiny_school()
    b = a.copy()
    b.update_element(b.element("app-mag").with_attributes(annual_cost=13000))
    b.remove("app-old")
    b.add_element(Element.new("goal", "Happy pupils", id="g-happy"))
    b.add_relation(Relation.new("contributes_to", "a-plan", "g-happy", id="r-happy"))
    b.remove("r-som-admin")
    b.set_header(name="Tiny school 2")
    diff = diff_models(a, b)
    assert list(diff.summary.columns) == DIFF_COLUMNS
    assert diff.summary.values.tolist() == [
        ["changed", "model", "", "m-tiny-school", "Tiny school 2", "name: 'Tiny school' → 'Tiny school 2'"],
        ["added", "element", "goal", "g-happy", "Happy pupils", ""],
        ["removed", "element", "application", "app-old", "Old Portal", ""],
        ["changed", "element", "application", "app-mag", "Magister", "annual_cost: 12000.0 → 13000.0"],
        ["added", "relation", "contributes_to", "r-happy", "Plan lessons contributes to Happy pupils", ""],
        ["removed", "relation", "supports", "r-som-admin", "Somtoday supports Administration", ""],
    ]
    assert diff.counts() == {"elements added": 1, "elements removed": 1, "elements changed": 1,
                             "relations added": 1, "relations removed": 1, "relations changed": 0}
    assert text(apply_changes(a, diff.changes).model) == text(b)
    assert diff_models(a, a.copy()).empty


@pytest.mark.parametrize("seed", range(20))
def test_diff_applies_to_the_exact_second_model(seed):
    rng = random.Random(100 + seed)
    a = tiny_school()
    for _ in range(8):
        a = apply_changes(a, random_edit(a, rng)).model
    b = a
    for _ in range(12):
        b = apply_changes(b, random_edit(b, rng)).model
    diff = diff_models(a, b)
    assert text(apply_changes(a, diff.changes).model) == text(b)
    assert text(apply_changes(b, diff_models(b, a).changes).model) == text(a)


def test_diff_handles_a_kind_change_together_with_its_relations():
    a = tiny_school()
    b = a.copy()
    # Old Portal stops being an application: it becomes a system type that Magister realizes
    b.remove("app-old")
    b.add_element(Element.new("system_type", "Old Portal", id="app-old"))
    b.add_relation(Relation.new("realizes", "app-mag", "app-old", id="r-mag-old"))
    diff = diff_models(a, b)
    assert text(apply_changes(a, diff.changes).model) == text(b)
    assert diff.summary.loc[diff.summary.id == "app-old", "details"].item().startswith("kind: 'application'")


def test_set_links_turns_ticked_boxes_into_changes():
    school = tiny_school()
    # Record grades: Somtoday supports it directly, the LMS type too; tick Magister instead of Somtoday
    changes = set_links(school, "supports", target="a-grades", others=["app-mag"], among=["application"])
    assert [type(c).__name__ for c in changes] == ["RemoveRelation", "AddRelation"]
    assert changes[0].id == "r-som-grades"
    after = apply_changes(school, changes).model
    supporters = {r.source for r in after.relations_of("supports") if r.target == "a-grades"}
    assert supporters == {"app-mag", "t-lms"}  # the system type was not among the choices: kept
    assert set_links(after, "supports", target="a-grades", others=["app-mag"], among=["application"]) == []
    # re-parent Plan lessons from Education and Administration to Administration only
    moved = apply_changes(school, set_links(school, "composed_of", target="a-plan", others=["p-admin"])).model
    assert {r.source for r in moved.relations_of("composed_of") if r.target == "a-plan"} == {"p-admin"}
    # an application writes Grades: new relations get the attributes given
    wrote = set_links(school, "accesses", source="app-old", others=["i-grades"], access="write")
    assert wrote[0].relation.attributes == {"access": "write"}
    with pytest.raises(ValueError, match="exactly one"):
        set_links(school, "supports", others=[])


def test_describe_says_what_happened():
    school = tiny_school()
    done = apply_changes(school, [
        UpdateElement(school.element("app-mag").replace(name="Magister 6")),
        RemoveElement("app-old"),
        AddRelation(Relation.new("supports", "app-mag", "a-plan")),
        UpdateRelation(school.relation("r-som-acc").replace(attributes={"access": "read"})),
    ])
    assert describe(done.changes, done.model) == (
        "renamed application 'Magister' to 'Magister 6'; deleted application 'Old Portal'; "
        "linked 'Magister 6' supports 'Plan lessons' (and 1 more change)"
    )
