"""Re-applying a stale tab's refused edit on the newest revision (fora_model.dashboard.rebase and
the Reapply request): field by field, refused only where the same field changed meanwhile. Each
case is a tiny model of one application, one activity and one link, checkable by eye."""

from __future__ import annotations

import pytest

from fora_model import Element, Model, Relation
from fora_model.changes import AddRelation, RemoveElement, RemoveRelation, UpdateElement, apply_changes
from fora_model.dashboard import writes as dw
from fora_model.dashboard.rebase import rebase_changes
from fora_model.workspace import Store


def tiny() -> Model:
    model = Model(name="Tiny")
    model.add_element(Element.new("application", "Magister", id="mag", annual_cost=100.0))
    model.add_element(Element.new("application", "Zermelo", id="zer"))
    model.add_element(Element.new("activity", "Record grades", id="rec"))
    model.add_relation(Relation.new("supports", "mag", "rec", id="r1"))
    return model


def changed(model: Model, *changes) -> Model:
    return apply_changes(model, list(changes)).model


def renamed(model: Model, identifier: str, name: str) -> UpdateElement:
    return UpdateElement(model.element(identifier).replace(name=name))


def costed(model: Model, identifier: str, cost: float) -> UpdateElement:
    element = model.element(identifier)
    return UpdateElement(element.replace(attributes={**element.attributes, "annual_cost": cost}))


def test_another_field_changed_meanwhile_is_kept_and_mine_is_set():
    base = tiny()
    theirs = changed(base, renamed(base, "mag", "Magister 6"))
    rebased = rebase_changes(base, theirs, [costed(base, "mag", 250.0)])
    assert rebased.ok
    result = changed(theirs, *rebased.changes).element("mag")
    assert (result.name, result.attributes["annual_cost"]) == ("Magister 6", 250.0)


def test_the_same_field_changed_meanwhile_is_refused_naming_element_and_field():
    base = tiny()
    theirs = changed(base, renamed(base, "mag", "Magister 6"))
    rebased = rebase_changes(base, theirs, [renamed(base, "mag", "Magister 7")])
    assert not rebased.ok and rebased.changes == []
    assert rebased.clashes == ["Magister: its name was changed to 'Magister 6' meanwhile (yours: 'Magister 7')."]


def test_the_same_value_set_meanwhile_is_no_clash_and_nothing_to_do():
    base = tiny()
    theirs = changed(base, renamed(base, "mag", "Magister 6"))
    rebased = rebase_changes(base, theirs, [renamed(base, "mag", "Magister 6")])
    assert rebased.ok and rebased.changes == []


def test_a_tick_already_made_meanwhile_is_left_out_and_a_new_one_is_added():
    base = tiny()
    theirs = changed(base, AddRelation(Relation.new("supports", "zer", "rec", id="theirs")))
    mine = [AddRelation(Relation.new("supports", "zer", "rec", id="mine"))]
    assert rebase_changes(base, theirs, mine).changes == []
    other = changed(base, renamed(base, "rec", "Record marks"))
    rebased = rebase_changes(base, other, mine)
    assert [c.relation.id for c in rebased.changes] == ["mine"]


def test_a_link_to_an_element_deleted_meanwhile_is_refused():
    base = tiny()
    theirs = changed(base, RemoveElement("zer"))
    rebased = rebase_changes(base, theirs, [AddRelation(Relation.new("supports", "zer", "rec", id="mine"))])
    assert rebased.clashes == ["the link Zermelo supports Record grades: Zermelo was deleted meanwhile."]


def test_an_untick_already_done_meanwhile_is_nothing_to_do():
    base = tiny()
    theirs = changed(base, RemoveRelation("r1"))
    assert rebase_changes(base, theirs, [RemoveRelation("r1")]).changes == []


def test_deleting_what_was_changed_meanwhile_is_refused_and_changing_what_was_deleted_too():
    base = tiny()
    theirs = changed(base, renamed(base, "mag", "Magister 6"))
    assert rebase_changes(base, theirs, [RemoveElement("mag")]).clashes == [
        "Magister: it was changed meanwhile, so deleting it would throw that change away."]
    gone = changed(base, RemoveElement("mag"))
    assert rebase_changes(base, gone, [costed(base, "mag", 5.0)]).clashes == [
        "Magister: it was deleted meanwhile, so your change to it cannot be made."]


def test_refused_edits_in_a_row_are_made_in_order_without_clashing_with_each_other():
    base = tiny()
    theirs = changed(base, renamed(base, "rec", "Record marks"))
    first = [renamed(base, "mag", "Magister 6")]
    second = [renamed(base, "mag", "Magister 7")]  # the same field typed again
    third = [costed(base, "mag", 300.0)]  # another field, built on the base as well
    rebased = rebase_changes(base, theirs, first + second + third)
    assert rebased.ok
    result = changed(theirs, *rebased.changes)
    assert (result.element("mag").name, result.element("mag").attributes["annual_cost"]) == ("Magister 7", 300.0)
    assert result.element("rec").name == "Record marks"


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store(tmp_path / "workspace", seed=False)
    store.import_model("tiny", tiny())
    return store


def test_a_conflict_carries_the_refused_changes_and_reapply_stores_them_under_the_author(store):
    base = store.open("tiny", 1)
    store.edit("tiny", [renamed(base, "mag", "Magister 6")], base=1, author="Someone else")
    refused = dw.perform(store, "tiny", 1, "Anna", dw.Edit(lambda m: [costed(m, "mag", 250.0)]))
    assert refused.kind == "conflict" and store.head("tiny") == 2
    assert [c.element.attributes["annual_cost"] for c in refused.changes] == [250.0]

    done = dw.perform(store, "tiny", 1, "Anna", dw.Reapply([refused.changes]))
    assert done.ok and done.revision == 3
    assert store.revision("tiny", 3).author == "Anna"
    result = store.open("tiny").element("mag")
    assert (result.name, result.attributes["annual_cost"]) == ("Magister 6", 250.0)


def test_reapply_refuses_again_clearly_when_the_same_field_changed(store):
    base = store.open("tiny", 1)
    store.edit("tiny", [renamed(base, "mag", "Magister 6")], base=1, author="Someone else")
    refused = dw.perform(store, "tiny", 1, "Anna", dw.Edit([renamed(base, "mag", "Magister 7")]))
    again = dw.perform(store, "tiny", 1, "Anna", dw.Reapply([refused.changes]))
    assert again.kind == "conflict" and store.head("tiny") == 2
    assert again.message.startswith("Not re-applied on revision 2: Magister: its name was changed to 'Magister 6'")
    assert again.changes == refused.changes  # still there to look at


def test_a_move_on_the_map_is_refused_when_the_element_was_moved_meanwhile():
    base = Model(name="Map")
    for identifier, name, kind in [("p1", "Teaching", "process"), ("p2", "Care", "process"),
                                   ("p3", "Support", "process"), ("a", "Record grades", "activity")]:
        base.add_element(Element.new(kind, name, id=identifier))
    base.add_relation(Relation.new("composed_of", "p1", "a", id="c1"))
    theirs = changed(base, RemoveRelation("c1"), AddRelation(Relation.new("composed_of", "p2", "a", id="c2")))
    mine = [RemoveRelation("c1"), AddRelation(Relation.new("composed_of", "p3", "a", id="c3"))]
    assert rebase_changes(base, theirs, mine).clashes == ["Record grades: it was moved under Care meanwhile."]
    unmoved = changed(base, renamed(base, "a", "Record marks"))
    rebased = rebase_changes(base, unmoved, mine)
    assert rebased.ok
    assert [r.source for r in changed(unmoved, *rebased.changes).relations.values()] == ["p3"]
