"""The workspace on SQLite and PostgreSQL (the ``workspaces`` fixture): revisions, exact undo/redo, conflicts."""

from __future__ import annotations

import random
import zlib

import pytest

import fora_model.workspace.log as store_log
from fora_model import EditRejected, Element, ModelInvalidError, Relation, dumps_model
from fora_model.changes import AddRelation, RemoveElement, UpdateElement, apply_changes
from fora_model.workspace.schema import SNAPSHOT_EVERY
from fora_model.workspace.store import SEED_NAME, ConflictError, Store, WorkspaceError
from tests.edits import random_edit
from tests.tiny import model_of, tiny_school

NAME = SEED_NAME


@pytest.fixture
def store(workspaces):
    return workspaces.store("ws", seed=tiny_school)


def text(model) -> str:
    return dumps_model(model)


def forget_cache() -> None:
    """What a restart does to the in-process cache."""
    store_log.forget()


def rename(store: Store, element_id: str, name: str, author: str = "anna"):
    head = store.checkout(NAME)
    element = head.model.element(element_id)
    return store.edit(NAME, UpdateElement(element.replace(name=name)), base=head.revision, author=author)


# ---------------------------------------------------------------------------------- location and seeding


def test_a_new_workspace_is_seeded_once(workspaces):
    first = Store(workspaces("ws"), seed=tiny_school)
    assert first.names() == [NAME]
    assert text(first.open(NAME)) == text(tiny_school())
    again = Store(workspaces("ws"), seed=lambda: model_of([("g", "goal", "Other")], []))
    assert again.names() == [NAME] and again.head(NAME) == 1
    assert Store(workspaces("empty"), seed=False).names() == []


def test_a_failed_first_seeding_is_retried_on_the_next_open(workspaces):
    def broken():
        raise OSError("the sample is not readable")

    with pytest.raises(OSError):
        Store(workspaces("ws"), seed=broken)
    assert Store(workspaces("ws"), seed=tiny_school).names() == [NAME]


def test_the_default_seed_is_the_sample_school(workspaces, monkeypatch):
    import fora_model.workspace.store

    monkeypatch.setattr(fora_model.workspace.store, "load_sample", tiny_school)
    assert text(Store(workspaces("ws")).open(NAME)) == text(tiny_school())


def test_location_is_the_environment_variable_or_workspace_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("FORA_MODEL_WORKSPACE", str(tmp_path / "elsewhere"))
    assert Store(seed=False).path == tmp_path / "elsewhere" / "fora-model.db"
    monkeypatch.delenv("FORA_MODEL_WORKSPACE")
    monkeypatch.chdir(tmp_path)
    assert Store(seed=False).path == tmp_path / "workspace" / "fora-model.db"


def test_names_are_checked_and_unknown_models_named(store):
    with pytest.raises(WorkspaceError, match="not a usable model name"):
        store.import_model("../escape", tiny_school())
    with pytest.raises(WorkspaceError, match=r"no model named 'nope'.*sample-school"):
        store.open("nope")


# ---------------------------------------------------------------------------------- revisions


def test_each_edit_makes_exactly_one_revision_holding_its_changes(store):
    head = store.checkout(NAME)
    changes = [UpdateElement(head.model.element("app-mag").replace(name="Magister 6")), RemoveElement("app-old"),
               AddRelation(Relation.new("supports", "app-mag", "a-plan", id="r-plan"))]
    info = store.edit(NAME, changes, base=1, author="anna")
    assert (info.revision, info.action, info.author, info.change_count) == (2, "edit", "anna", 3)
    assert [r.revision for r in store.history(NAME)] == [2, 1]
    expected = apply_changes(head.model, changes)
    assert store.changes(NAME, 2) == expected.changes
    assert text(store.open(NAME)) == text(expected.model)
    assert info.summary.startswith("renamed application 'Magister' to 'Magister 6'")


def test_a_refused_edit_stores_nothing(store):
    before = text(store.open(NAME))
    bad = AddRelation(Relation.new("supports", "g-teach", "a-grades"))  # a goal cannot support anything
    with pytest.raises(EditRejected, match="cannot go from a goal"):
        store.edit(NAME, [RemoveElement("app-old"), bad], base=1)
    assert store.head(NAME) == 1 and len(store.history(NAME)) == 1
    forget_cache()
    assert text(store.open(NAME)) == before


def test_reopening_after_a_restart_gives_the_same_head(store, workspaces):
    for i in range(5):
        rename(store, "a-grades", f"Grades {i}")
    cached = text(store.open(NAME))
    forget_cache()
    reopened = Store(workspaces("ws"))
    assert reopened.head(NAME) == 6
    assert text(reopened.open(NAME)) == cached


def test_every_revision_opens_exactly_across_snapshots(store, workspaces):
    rng = random.Random(7)
    states = {1: text(store.open(NAME))}
    for _ in range(2 * SNAPSHOT_EVERY + 20):
        head = store.checkout(NAME)
        info = store.edit(NAME, random_edit(head.model, rng), base=head.revision)
        states[info.revision] = text(store.open(NAME))
    snapshots = [r[0] for r in workspaces.rows(store, "SELECT revision FROM snapshots ORDER BY revision")]
    assert snapshots == [1, SNAPSHOT_EVERY, 2 * SNAPSHOT_EVERY]  # changes are stored, not copies
    forget_cache()
    for revision, expected in states.items():
        assert text(store.open(NAME, revision)) == expected, revision


@pytest.mark.parametrize("background", [False, True])
def test_old_snapshots_are_thinned_and_every_revision_still_opens(store, workspaces, monkeypatch, background):
    monkeypatch.setattr(store_log, "SNAPSHOT_EVERY", 2)
    if background:
        monkeypatch.setattr(store_log, "SYNC_SNAPSHOT_LIMIT", 0)
    states = {1: text(store.open(NAME))}
    for i in range(60):
        info = rename(store, "a-grades", f"Grades {i}")
        states[info.revision] = text(store.open(NAME))
        store.flush()
    snapshots = [r[0] for r in workspaces.rows(store, "SELECT revision FROM snapshots ORDER BY revision")]
    # the seed (a whole model), every 20th, and the last four intervals: 54, 56, 58, 60
    assert snapshots == [1, 20, 40, 54, 56, 58, 60]
    forget_cache()
    for revision, expected in states.items():
        assert text(store.open(NAME, revision)) == expected, revision


def test_large_models_get_their_periodic_snapshot_after_the_edit(store, workspaces, monkeypatch):
    monkeypatch.setattr(store_log, "SYNC_SNAPSHOT_LIMIT", 0)  # treat the tiny school as board-size
    states = {}
    for i in range(SNAPSHOT_EVERY + 1):
        info = rename(store, "a-grades", f"Grades {i}")
        states[info.revision] = text(store.open(NAME))
    store.flush()
    assert store._log.snapshot_errors == []
    rows = dict(workspaces.rows(store, "SELECT revision, document FROM snapshots"))
    assert sorted(rows) == [1, SNAPSHOT_EVERY]
    assert zlib.decompress(rows[SNAPSHOT_EVERY]).decode("utf-8") == states[SNAPSHOT_EVERY]
    forget_cache()
    assert text(store.open(NAME)) == states[store.head(NAME)]
    assert text(store.open(NAME, SNAPSHOT_EVERY + 1)) == states[SNAPSHOT_EVERY + 1]


def test_the_head_is_cached_and_a_changed_copy_is_never_served(store):
    rename(store, "a-grades", "Grades")
    first = store.open(NAME)
    assert store.open(NAME) is first
    first.update_element(first.element("app-mag").replace(name="Tampered"))
    assert store.open(NAME).element("app-mag").name == "Magister"


# ---------------------------------------------------------------------------------- undo and redo


def test_undo_and_redo_give_back_the_exact_states(store):
    rng = random.Random(3)
    states = [text(store.open(NAME))]
    for _ in range(6):
        head = store.checkout(NAME)
        store.edit(NAME, random_edit(head.model, rng), base=head.revision)
        states.append(text(store.open(NAME)))
    for expected in reversed(states[:-1]):  # undo all six, one at a time
        store.undo(NAME, base=store.head(NAME), author="anna")
        assert text(store.open(NAME)) == expected
    assert store.undo_target(NAME) is None
    with pytest.raises(WorkspaceError, match="nothing to undo"):
        store.undo(NAME, base=store.head(NAME))
    for expected in states[1:4]:  # redo three
        store.redo(NAME, base=store.head(NAME))
        assert text(store.open(NAME)) == expected
    store.undo(NAME, base=store.head(NAME))  # undo a redo
    assert text(store.open(NAME)) == states[2]
    store.redo(NAME, base=store.head(NAME))
    assert text(store.open(NAME)) == states[3]
    assert store.redo_target(NAME).revision == 5
    rename(store, "a-plan", "Plan")  # a new edit ends the redo chain
    assert store.redo_target(NAME) is None
    with pytest.raises(WorkspaceError, match="nothing to redo"):
        store.redo(NAME, base=store.head(NAME))
    forget_cache()
    assert [h.action for h in store.history(NAME)][:3] == ["edit", "redo", "undo"]


def test_undo_is_conflict_checked_like_an_edit(store):
    rename(store, "a-grades", "Grades 1")
    rename(store, "a-grades", "Grades 2", author="bob")
    with pytest.raises(ConflictError, match=r"based on revision 2, it is now at revision 3 \(bob: renamed"):
        store.undo(NAME, base=2)
    assert store.head(NAME) == 3


def test_restore_is_a_new_revision_that_can_be_undone(store):
    rename(store, "a-grades", "Grades 1")
    old = text(store.open(NAME))
    store.edit(NAME, RemoveElement("app-som"), base=2)
    rename(store, "app-mag", "Magister 6")
    latest = text(store.open(NAME))
    info = store.restore(NAME, 2, base=4, author="anna")
    assert (info.revision, info.action, info.target) == (5, "restore", 2)
    assert text(store.open(NAME)) == old
    assert store.diff(NAME, 4, 5).counts()["elements added"] == 1
    store.undo(NAME, base=5)
    assert text(store.open(NAME)) == latest
    forget_cache()
    assert text(store.open(NAME, 5)) == old and text(store.open(NAME, 6)) == latest


# ---------------------------------------------------------------------------------- import and export


def test_import_refuses_a_taken_name_unless_replacing(store, tmp_path):
    other = model_of([("g", "goal", "Good teaching")], [], id="m-other", name="Other")
    with pytest.raises(WorkspaceError, match="already in the workspace"):
        store.import_model(NAME, other)
    before = text(store.open(NAME))
    info = store.import_model(NAME, other, replace=True, author="cli")
    assert (info.revision, info.action) == (2, "import")
    assert text(store.open(NAME)) == text(other)
    store.undo(NAME, base=2)
    assert text(store.open(NAME)) == before
    store.export(NAME, tmp_path / "out.json", revision=2)
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == text(other)


def test_a_model_with_errors_is_not_imported(store):
    broken = model_of([("a", "activity", "Grade")], [])
    broken = type(broken).from_parts(broken.elements.values(), [Relation.new("supports", "ghost", "a", id="r")])
    with pytest.raises(ModelInvalidError, match="dangling"):
        store.import_model("broken", broken)
    assert store.names() == [NAME]


def test_conflict_on_a_stale_edit_saves_nothing(store):
    stale = store.checkout(NAME)
    rename(store, "a-grades", "Grades (tab 1)", author="tab 1")
    with pytest.raises(ConflictError) as caught:
        store.edit(NAME, UpdateElement(stale.model.element("a-grades").replace(name="Grades (tab 2)")),
                   base=stale.revision, author="tab 2")
    assert (caught.value.base, caught.value.head) == (1, 2)
    assert "nothing was saved" in str(caught.value)
    assert store.open(NAME).element("a-grades").name == "Grades (tab 1)"
    assert store.head(NAME) == 2


def test_several_models_live_side_by_side(store):
    store.import_model("second", model_of([("g", "goal", "Good teaching")], []))
    rename(store, "a-grades", "Grades")
    assert [(m.model, m.revision) for m in store.models()] == [(NAME, 2), ("second", 1)]
    assert store.open("second").element("g").name == "Good teaching"


def test_integrity_check_of_a_fresh_workspace(store):
    assert store.integrity_check() == "ok"


def test_a_model_element_can_be_added_and_removed_by_id(store):
    info = store.edit(NAME, [AddRelation(Relation.new("supports", "app-old", "a-plan", id="r-x"))], base=1)
    assert "r-x" in store.open(NAME).relations
    store.edit(NAME, RemoveElement("app-old"), base=info.revision)
    assert "r-x" not in store.open(NAME).relations and "app-old" not in store.open(NAME).elements
    assert isinstance(store.open(NAME, 2).element("app-old"), Element)
