"""Marking a selection or a whole subtree ``needs_support: false`` in one action: one change list,
one revision, undone at once; through the API, the workspace and the command line."""

from __future__ import annotations

import io

import pytest

from fora_model import dumps_model, write_json
from fora_model.analysis.coverage import unsupported_activities
from fora_model.changes import UpdateElement, apply_changes, mark_no_support, no_support_targets
from fora_model.cli import main
from fora_model.errors import ForaModelError
from fora_model.workspace.store import SEED_NAME, Store
from tests.tiny import loop_model, tiny_school
from tests.workspaces import use_in_environment


def own_needs(model, ids):
    return {i: model.element(i).attributes.get("needs_support") for i in ids}


def test_a_subtree_marks_the_process_and_everything_below_it():
    model = tiny_school()
    changes = mark_no_support(model, ["p-edu"], subtree=True)
    assert all(isinstance(c, UpdateElement) for c in changes)
    assert [c.element.id for c in changes] == ["p-edu", "a-grades", "a-plan"]  # model order
    after = apply_changes(model, changes).model
    assert own_needs(after, ["p-edu", "a-grades", "a-plan"]) == {"p-edu": False, "a-grades": False,
                                                                "a-plan": False}
    # nothing else moved: the other elements are as they were
    assert {i: e for i, e in after.elements.items() if i not in ("p-edu", "a-grades", "a-plan")} == {
        i: e for i, e in model.elements.items() if i not in ("p-edu", "a-grades", "a-plan")}


def test_a_selection_marks_only_what_was_chosen():
    model = tiny_school()
    changes = mark_no_support(model, ["a-absence", "p-edu", "a-absence"])
    assert [c.element.id for c in changes] == ["p-edu", "a-absence"]
    after = apply_changes(model, changes).model
    # Register absence has no support at all (Parnassys Next is a plan): a real gap, then an expected one
    assert bool(unsupported_activities(model).set_index("activity_id").loc["a-absence", "expected_gap"]) is False
    gap = unsupported_activities(after).set_index("activity_id").loc["a-absence"]
    assert bool(gap["expected_gap"]) is True
    assert own_needs(after, ["a-grades"]) == {"a-grades": None}  # below p-edu, but no subtree asked


def test_elements_that_already_need_no_support_are_left_alone():
    model = tiny_school()
    # Governance says false itself; only Appoint council below it changes
    assert [c.element.id for c in mark_no_support(model, ["p-gov"], subtree=True)] == ["a-council"]
    assert mark_no_support(model, ["p-gov"]) == []


def test_a_loop_in_the_tree_is_walked_once():
    assert no_support_targets(loop_model(), ["p-alpha"], subtree=True) == ["p-alpha", "p-beta", "a-gamma"]


@pytest.mark.parametrize("chosen, words", [
    (["ghost"], ["'ghost'", "check the id"]),
    (["g-teach"], ["'Good teaching'", "a goal", "only processes and activities"]),
])
def test_a_bad_choice_is_refused_naming_it(chosen, words):
    with pytest.raises(ForaModelError) as caught:
        mark_no_support(tiny_school(), ["p-edu", *chosen], subtree=True)
    assert all(w in str(caught.value) for w in words)


def test_stored_as_one_revision_and_undone_at_once(workspaces):
    store = workspaces.store("ws", seed=tiny_school)
    before = store.open(SEED_NAME)
    changes = mark_no_support(before, ["p-edu", "a-absence"], subtree=True)
    saved = store.edit(SEED_NAME, changes, base=1, author="anna")
    assert saved.revision == 2 and saved.change_count == 4
    assert own_needs(store.open(SEED_NAME), ["p-edu", "a-grades", "a-plan", "a-absence"]) == dict.fromkeys(
        ["p-edu", "a-grades", "a-plan", "a-absence"], False)
    undone = store.undo(SEED_NAME, base=2, author="anna")
    assert undone.revision == 3 and undone.change_count == 4
    assert dumps_model(store.open(SEED_NAME)) == dumps_model(before)


@pytest.fixture
def workspace(workspaces, monkeypatch):
    """A workspace holding the tiny school, found through the environment, on SQLite and PostgreSQL."""
    use_in_environment(monkeypatch, workspaces("ws"))
    return Store(seed=tiny_school)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_command_marks_a_subtree_as_one_revision_and_undo_takes_it_back(workspace):
    before = dumps_model(workspace.open(SEED_NAME))
    code, _, err = run("workspace", "mark-no-support", SEED_NAME, "p-edu", "--subtree", "--author", "anna")
    assert code == 0, err
    assert "revision 2" in err and "marked 3 elements as needing no support: 'Education' and everything below it" \
        in err
    assert workspace.head(SEED_NAME) == 2
    revision = workspace.revision(SEED_NAME, 2)
    assert (revision.author, revision.action, revision.change_count) == ("anna", "edit", 3)
    assert own_needs(workspace.open(SEED_NAME), ["p-edu", "a-grades", "a-plan"]) == dict.fromkeys(
        ["p-edu", "a-grades", "a-plan"], False)

    code, _, err = run("workspace", "undo", SEED_NAME, "--author", "anna")
    assert code == 0 and "revision 3" in err and "undo revision 2" in err
    assert dumps_model(workspace.open(SEED_NAME)) == before


def test_the_command_marks_a_selection_without_its_subtree(workspace):
    code, _, err = run("workspace", "mark-no-support", SEED_NAME, "p-edu", "a-absence")
    assert code == 0, err
    assert own_needs(workspace.open(SEED_NAME), ["p-edu", "a-grades", "a-absence"]) == {
        "p-edu": False, "a-grades": None, "a-absence": False}
    assert workspace.revision(SEED_NAME, 2).change_count == 2


def test_the_command_stores_nothing_when_nothing_changes(workspace):
    code, _, err = run("workspace", "mark-no-support", SEED_NAME, "p-gov")
    assert code == 0 and "nothing to change" in err and "revision 1" in err
    assert workspace.head(SEED_NAME) == 1


@pytest.mark.parametrize("argv, words", [
    (["ghost"], ["'ghost'", "check the id"]),
    (["app-mag"], ["'Magister'", "an application"]),
])
def test_the_command_refuses_a_bad_choice_in_one_line(workspace, argv, words):
    code, out, err = run("workspace", "mark-no-support", SEED_NAME, "p-edu", *argv)
    assert code == 2 and out == "" and all(w in err for w in words) and "Traceback" not in err
    assert workspace.head(SEED_NAME) == 1


def test_the_command_names_an_unknown_model(workspace):
    code, _, err = run("workspace", "mark-no-support", "no-such-school", "p-edu")
    assert code == 2 and "no-such-school" in err


def test_the_structure_report_from_the_command_line(tmp_path):
    source = tmp_path / "school.json"
    write_json(tiny_school(), source)
    code, out, err = run("report", "structure", str(source))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "element_id,name,kind,archimate_type,finding,message,suggested_fix"
    assert [line.split(",")[:5] for line in lines[1:]] == [
        ["a-absence", "Register absence", "activity", "BusinessProcess", "orphan"]]
    code, out, err = run("report", "structure", str(source), "--governance", "administr", "educat")
    assert code == 0, err
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["a-absence", "p-edu", "p-admin"]
    model = tiny_school()
    model.update_element(model.element("p-gov").with_attributes(needs_support=True))
    write_json(model, source)
    assert [line.split(",")[0] for line in run("report", "structure", str(source))[1].splitlines()[1:]] == [
        "a-absence", "p-gov"]  # the default patterns find Governance once it needs support
    assert [line.split(",")[0] for line in run("report", "structure", str(source), "--governance", "")[1]
            .splitlines()[1:]] == ["a-absence"]


def test_an_empty_structure_report_says_why(tmp_path):
    source = tmp_path / "loop.json"
    write_json(loop_model(), source)
    code, out, err = run("report", "structure", str(source))
    assert code == 0 and out.splitlines() == ["element_id,name,kind,archimate_type,finding,message,suggested_fix"]
    assert "no orphan, placeholder or governance-looking element" in err
