"""The History page's pure logic (fora_model.dashboard.history) on tiny workspaces: the revision table
and its marks, paging a long history, undo/redo labels, the difference between two revisions as
display tables with names, and when undo/redo/restore cannot be used."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from fora_model import Element, Relation
from fora_model.changes.types import AddElement, AddRelation, RemoveElement, SetHeader, UpdateElement
from fora_model.dashboard import history as hv
from fora_model.workspace.store import Store
from tests.tiny import tiny_school

NAME = "tiny"


@pytest.fixture
def store(workspaces):
    """A workspace holding the tiny school as revision 1 (imported by Anna), on SQLite and PostgreSQL."""
    workspace = workspaces.store("ws", seed=False)
    workspace.import_model(NAME, tiny_school(), author="Anna")
    return workspace


def rename(store: Store, element_id: str, name: str, author: str = "Ben") -> int:
    head = store.checkout(NAME)
    element = head.model.element(element_id)
    return store.edit(NAME, UpdateElement(element.replace(name=name)), base=head.revision, author=author).revision


# ----------------------------------------------------------------------------- the revision table
def test_the_revision_table_lists_every_revision_newest_first_with_its_marks(store):
    rename(store, "app-mag", "Magister 6")                                              # 2
    store.edit(NAME, RemoveElement("app-old"), base=2, author="")                       # 3
    store.undo(NAME, base=3, author="Cem")                                              # 4
    table = hv.revision_table(store.history_frame(NAME), shown=2, head=4)

    assert list(table.columns) == hv.REVISION_COLUMNS
    assert table["revision"].tolist() == [4, 3, 2, 1]
    assert table["status"].tolist() == ["newest", "", "shown", ""]
    assert table["who"].tolist() == ["Cem", "unknown", "Ben", "Anna"]
    assert table["action"].tolist() == ["undo", "edit", "edit", "created"]
    assert table["summary"].iloc[2] == "renamed application 'Magister' to 'Magister 6'"
    assert table["summary"].iloc[0].startswith("undo revision 3: ")
    # The tiny school has 17 elements; removing Old Portal (no relations) leaves 16, the undo gives it back.
    assert table["elements"].tolist() == [17, 16, 17, 17]
    assert table["relations"].tolist() == [19] * 4
    assert table["changes"].tolist()[1:3] == [1, 1]
    assert all(when.endswith(" UTC") and len(when) == len("2026-01-01 00:00:00 UTC") for when in table["when"])


def test_the_shown_revision_that_is_the_newest_carries_both_marks(store):
    table = hv.revision_table(store.history_frame(NAME), shown=1, head=1)
    assert table["status"].tolist() == ["shown, newest"]


@pytest.mark.parametrize(("stored", "expected"), [
    ("2026-11-29T22:05:02.063Z", "2026-11-29 22:05:02 UTC"),
    ("2026-01-01T01:30:00+01:00", "2026-01-01 00:30:00 UTC"),
    ("not a time", "not a time"),
])
def test_times_are_shown_in_utc(stored, expected):
    assert hv.format_when(stored) == expected


# ----------------------------------------------------------------------------- paging
def test_a_long_history_is_read_a_page_at_a_time_newest_first(store):
    for n in range(6):
        rename(store, "app-mag", f"Magister {n}")  # revisions 2..7
    first = hv.history_page(store, NAME, 1, per_page=3)
    assert (first.page, first.pages, first.total) == (1, 3, 7)
    assert first.rows["revision"].tolist() == [7, 6, 5]
    assert (first.newest, first.oldest) == (7, 5)
    assert hv.history_page(store, NAME, 2, per_page=3).rows["revision"].tolist() == [4, 3, 2]
    last = hv.history_page(store, NAME, 3, per_page=3)
    assert last.rows["revision"].tolist() == [1]
    assert hv.history_page(store, NAME, 99, per_page=3).rows["revision"].tolist() == [1]  # past the end: the last
    assert hv.history_page(store, NAME, 0, per_page=3).page == 1


# ----------------------------------------------------------------------------- undo and redo labels
def test_undo_and_redo_labels_name_what_they_would_do(store):
    assert hv.undo_label(store.undo_target(NAME)) == "Nothing to undo"  # an import is not undone by Undo
    revision = rename(store, "app-mag", "Magister 6")
    assert hv.undo_label(store.undo_target(NAME)) == \
        f"Undo revision {revision}: renamed application 'Magister' to 'Magister 6'"
    assert hv.redo_label(store.redo_target(NAME)) == "Nothing to redo"
    store.undo(NAME, base=revision)
    assert hv.undo_label(store.undo_target(NAME)) == "Nothing to undo"
    assert hv.redo_label(store.redo_target(NAME)) == \
        f"Redo revision {revision}: renamed application 'Magister' to 'Magister 6'"


def test_a_long_label_is_cut_with_an_ellipsis(store):
    rename(store, "app-mag", "M" * 200)
    label = hv.undo_label(store.undo_target(NAME))
    assert len(label) == hv.LABEL_LENGTH and label.endswith("…")
    assert label.startswith("Undo revision 2: renamed application 'Magister' to 'MMM")


def test_a_revision_label_says_who_did_what(store):
    rename(store, "app-mag", "Magister 6", author="")
    assert hv.revision_label(store.revision(NAME, 1)) == \
        "revision 1 (Anna, created): imported Tiny school (17 elements, 19 relations)"
    assert hv.revision_label(store.revision(NAME, 2)) == \
        "revision 2 (unknown, edit): renamed application 'Magister' to 'Magister 6'"


# ----------------------------------------------------------------------------- the difference
def test_the_difference_names_what_was_added_removed_and_renamed(store):
    rename(store, "app-mag", "Magister 6")                                                        # 2
    store.edit(NAME, RemoveElement("app-som"), base=2)                                            # 3
    store.edit(NAME, AddRelation(Relation.new("supports", "app-old", "a-plan", id="r-new")), base=3)  # 4
    view = hv.diff_view(store.diff(NAME, 1, 4), store.open(NAME, 1))

    elements = view.elements.set_index("id")
    assert elements.loc["app-mag", ["change", "kind", "name", "previous_name"]].tolist() == \
        ["changed", "application", "Magister 6", "Magister"]
    assert "name: 'Magister' → 'Magister 6'" in elements.loc["app-mag", "details"]
    assert elements.loc["app-som", ["change", "name", "previous_name"]].tolist() == ["removed", "Somtoday", ""]
    relations = view.relations.set_index("id")
    assert relations.loc["r-new", ["change", "kind", "relation"]].tolist() == \
        ["added", "supports", "Old Portal supports Plan lessons"]
    # Somtoday's three relations went with it (r-som-grades, r-som-admin, r-som-acc).
    removed = relations[relations["change"] == "removed"]
    assert sorted(removed.index) == ["r-som-acc", "r-som-admin", "r-som-grades"]
    assert "Somtoday supports Record grades" in removed["relation"].tolist()
    assert view.counts == {"elements added": 0, "elements removed": 1, "elements changed": 1,
                           "relations added": 1, "relations removed": 3, "relations changed": 0}
    assert view.caption() == "1 element removed, 1 element changed, 1 relation added, 3 relations removed"
    assert not view.empty and view.model.empty


def test_the_caption_read_backwards_is_the_caption_of_the_difference_the_other_way(store):
    rename(store, "app-mag", "Magister 6")
    store.edit(NAME, RemoveElement("app-som"), base=2)
    forwards = hv.diff_view(store.diff(NAME, 1, 3), store.open(NAME, 1))
    backwards = hv.diff_view(store.diff(NAME, 3, 1), store.open(NAME, 3))
    assert forwards.caption() == "1 element removed, 1 element changed, 3 relations removed"
    assert forwards.caption(backwards=True) == backwards.caption() == \
        "1 element added, 1 element changed, 3 relations added"


def test_a_difference_is_worked_out_once_and_kept(store, monkeypatch):
    rename(store, "app-mag", "Magister 6")
    first = hv.revision_diff(store, NAME, 1, 2)
    direct = hv.diff_view(store.diff(NAME, 1, 2), store.open(NAME, 1))
    assert first.counts == direct.counts
    pd.testing.assert_frame_equal(first.elements, direct.elements)
    monkeypatch.setattr(Store, "diff", lambda *args: pytest.fail("the kept difference was worked out again"))
    assert hv.revision_diff(store, NAME, 1, 2) is first


def test_a_kept_difference_is_not_served_for_a_new_workspace_in_the_same_place(tmp_path):
    old = Store(tmp_path / "ws", seed=False)
    old.import_model(NAME, tiny_school())
    rename(old, "app-mag", "Magister 6")
    assert hv.revision_diff(old, NAME, 1, 2).elements["name"].tolist() == ["Magister 6"]
    for suffix in ("", "-wal", "-shm"):
        (old.path.parent / (old.path.name + suffix)).unlink(missing_ok=True)
    time.sleep(0.01)  # the new workspace's revisions are made at a later time
    new = Store(tmp_path / "ws", seed=False)
    new.import_model(NAME, tiny_school())
    rename(new, "app-mag", "Magister 8")
    assert hv.revision_diff(new, NAME, 1, 2).elements["name"].tolist() == ["Magister 8"]


def test_the_difference_read_backwards_swaps_added_and_removed(store):
    store.edit(NAME, RemoveElement("app-old"), base=1)
    forwards = hv.diff_view(store.diff(NAME, 1, 2), store.open(NAME, 1))
    backwards = hv.diff_view(store.diff(NAME, 2, 1), store.open(NAME, 2))
    assert forwards.elements[["change", "name"]].values.tolist() == [["removed", "Old Portal"]]
    assert backwards.elements[["change", "name"]].values.tolist() == [["added", "Old Portal"]]


def test_a_kind_is_shown_in_the_users_words(store):
    head = store.checkout(NAME)
    store.edit(NAME, UpdateElement(head.model.element("t-las").replace(name="LAS 2")), base=1)
    view = hv.diff_view(store.diff(NAME, 1, 2), store.open(NAME, 1))
    assert view.elements["kind"].tolist() == ["system type"]


def test_a_change_to_the_model_itself_is_listed_apart(store):
    store.edit(NAME, SetHeader({"name": "Tiny school 2"}), base=1)
    view = hv.diff_view(store.diff(NAME, 1, 2), store.open(NAME, 1))
    assert view.elements.empty and view.relations.empty
    assert len(view.model) == 1 and "'Tiny school' → 'Tiny school 2'" in view.model["details"].iloc[0]
    assert view.caption() == "the model's own details changed"


def test_an_undo_makes_a_revision_with_no_difference_from_before_the_edit(store):
    rename(store, "app-mag", "Magister 6")
    store.undo(NAME, base=2)
    view = hv.diff_view(store.diff(NAME, 1, 3), store.open(NAME, 1))
    assert view.empty and view.caption() == "no differences"


def test_an_added_element_has_no_previous_name(store):
    store.edit(NAME, AddElement(Element.new("goal", "Safe school", id="g-safe")), base=1)
    view = hv.diff_view(store.diff(NAME, 1, 2), store.open(NAME, 1))
    assert view.elements[["change", "kind", "name", "previous_name"]].values.tolist() == \
        [["added", "goal", "Safe school", ""]]


# ----------------------------------------------------------------------------- when writes cannot be made
@pytest.mark.parametrize(("revision", "shown", "head", "unchanged", "expected"), [
    (2, 5, 5, False, None),
    (5, 5, 5, False, "Revision 5 is the newest revision: there is nothing to restore."),
    (2, 5, 5, True, "Revision 2 has the same content as the newest revision: restoring it would change nothing."),
    (2, 2, 5, False, "You are looking at revision 2 and the newest is 5: load the latest revision to undo, redo or "
                     "restore."),
    (9, 5, 5, False, "There is no revision 9: choose one from 1 to 5."),
    (0, 5, 5, False, "There is no revision 0: choose one from 1 to 5."),
])
def test_restore_says_why_it_cannot_be_done(revision, shown, head, unchanged, expected):
    assert hv.restore_problem(revision, shown, head, unchanged) == expected


@pytest.mark.parametrize(("shown", "head", "behind"), [(3, 3, False), (2, 3, True), (None, 3, False)])
def test_undo_and_redo_wait_for_the_latest_revision(shown, head, behind):
    assert (hv.behind_message(shown, head) is not None) is behind


@pytest.mark.parametrize(("value", "head", "default", "expected"), [
    (3, 5, 1, 3), (7, 5, 1, 5), (0, 5, 1, 1), (-2, 5, 1, 1), (None, 5, 4, 4), ("x", 5, 9, 5), (True, 5, 2, 2),
    (2.0, 5, 1, 2), (3, 0, 1, 1),
])
def test_a_revision_picker_value_stays_between_1_and_the_newest(value, head, default, expected):
    assert hv.clamp_revision(value, head, default) == expected


@pytest.mark.parametrize(("shown", "head", "expected"), [
    (1, 1, {"old": 1, "new": 1, "pick": 1}),
    (4, 4, {"old": 3, "new": 4, "pick": 3}),
    (2, 4, {"old": 3, "new": 4, "pick": 2}),
])
def test_the_pickers_start_on_the_newest_change(shown, head, expected):
    assert hv.picker_defaults(shown, head) == expected
