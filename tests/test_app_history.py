"""The History page under AppTest: it lists the workspace's revisions, Undo gives back the exact
previous state and Redo applies the edit again (each as one new revision), the difference between
two revisions shows a renamed element with its old and new name, an older revision opens read-only
and restores as a new revision, a stale session's Undo is refused and stores nothing, and model
text never reaches Markdown raw."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from fora_model.changes.types import RemoveElement, UpdateElement
from fora_model.dashboard import history as hv
from fora_model.dashboard.common import md_escape
from fora_model.workspace.store import SEED_NAME, Store
from tests.apptest import run_app, shown, workspace
from tests.dashboard_fixtures import HOSTILE
from tests.workspaces import use_in_environment

PAGE = "app_pages/history.py"


@pytest.fixture(autouse=True)
def fresh_app(workspace_app, workspaces, monkeypatch):
    """Each test starts on the sample school (revision 1) in a new workspace, on SQLite and on
    PostgreSQL, seeded now so the test can edit it through the Store before the app first runs."""
    if workspaces.kind == "postgres":
        use_in_environment(monkeypatch, workspaces("ws"))
    Store()


def rename_element(element_id: str, new_name: str, author: str = "Anna") -> int:
    """Rename an element of the workspace's sample school through the Store; the new revision."""
    store = workspace()
    head = store.checkout(SEED_NAME)
    element = head.model.element(element_id)
    return store.edit(SEED_NAME, UpdateElement(element.replace(name=new_name)), base=head.revision,
                      author=author).revision


def application_id(name: str) -> str:
    return workspace().open(SEED_NAME).find(name, "application").id


def rename(application: str, new_name: str, author: str = "Anna") -> int:
    """Rename the sample's application called ``application``; the new revision."""
    return rename_element(application_id(application), new_name, author)


TABLES = {"hi_revisions": "status", "hi_diff_elements": "previous_name", "hi_diff_relations": "relation"}
"""Each table of the page and a column only it has (AppTest does not expose a dataframe's key)."""


def frame(at: AppTest, key: str) -> pd.DataFrame:
    """The table ``key`` the page shows (see :data:`TABLES`)."""
    found = [d.value for d in at.dataframe if TABLES[key] in d.value.columns]
    assert len(found) == 1, f"{len(found)} tables {key!r} on the page"
    return found[0]


def test_the_history_lists_the_revisions_made_in_the_workspace():
    second = rename("Magister", "Magister 6", author="Anna")
    at = run_app(PAGE)
    assert [t.value for t in at.title] == ["History"]
    table = frame(at, "hi_revisions")
    assert table["revision"].tolist() == [second, 1]
    assert table["status"].tolist() == ["shown, newest", ""]
    assert table["who"].tolist() == ["Anna", "fora-model"]
    assert table["action"].tolist() == ["edit", "created"]
    assert table["summary"].iloc[0] == "renamed application 'Magister' to 'Magister 6'"


def test_undo_gives_back_the_exact_previous_state_and_redo_applies_the_edit_again():
    before = workspace().open(SEED_NAME)
    edited = rename("Magister", "Magister 6")
    after = workspace().open(SEED_NAME, edited)
    at = run_app(PAGE)
    assert shown(at) == after
    assert at.button(key="hi_undo").label == md_escape(f"Undo revision {edited}: renamed application 'Magister' to "
                                                    "'Magister 6'")
    assert at.button(key="hi_redo").disabled

    at.button(key="hi_undo").click().run()
    assert not at.exception and not at.error
    assert workspace().head(SEED_NAME) == edited + 1
    assert shown(at) == before and at.session_state["fm_revision"] == edited + 1
    assert workspace().revision(SEED_NAME).action == "undo"
    (toast,) = [t.value for t in at.toast]
    assert toast.startswith(md_escape(f"Saved revision {edited + 1}: undo revision {edited}"))
    assert at.button(key="hi_redo").label.startswith(md_escape(f"Redo revision {edited}:"))

    at.button(key="hi_redo").click().run()
    assert workspace().head(SEED_NAME) == edited + 2
    assert shown(at) == after
    assert frame(at, "hi_revisions")["action"].tolist()[:3] == ["redo", "undo", "edit"]


def test_the_difference_shows_a_renamed_element_with_its_old_and_new_name():
    edited = rename("Magister", "Magister 6")
    rename("Zermelo", "Zermelo 2")
    at = run_app(PAGE)
    # The pickers start on the newest change (Zermelo); compare the first rename alone.
    at.number_input(key="hi_old").set_value(1).run()
    at.number_input(key="hi_new").set_value(edited).run()
    elements = frame(at, "hi_diff_elements")
    assert elements[["change", "kind", "name", "previous_name"]].values.tolist() == \
        [["changed", "application", "Magister 6", "Magister"]]
    assert "'Magister' → 'Magister 6'" in elements["details"].iloc[0]
    assert [m.value for m in at.metric if m.label == "Elements changed"] == ["1"]

    at.number_input(key="hi_new").set_value(edited + 1).run()  # both renames
    assert sorted(frame(at, "hi_diff_elements")["previous_name"]) == ["Magister", "Zermelo"]


def test_an_older_revision_opens_read_only_and_the_banner_loads_the_latest():
    edited = rename("Magister", "Magister 6")
    at = run_app(PAGE)
    at.number_input(key="hi_pick").set_value(1).run()
    at.button(key="hi_open").click().run()
    assert at.session_state["fm_revision"] == 1 and shown(at) == workspace().open(SEED_NAME, 1)
    assert at.button(key="hi_undo").disabled and at.button(key="hi_restore").disabled
    assert any(w.value.startswith("You are looking at revision 1, read-only") for w in at.info)
    assert not at.warning  # opened on purpose: no "someone changed it" warning

    at.switch_page("app_pages/overview.py").run()  # the other pages show it too, under the same banner
    assert at.sidebar.caption[0].value.endswith(f"revision 1 · {len(shown(at).elements):,} elements")
    at.button(key="fm_load_latest").click().run()
    assert at.session_state["fm_revision"] == edited and not at.warning
    assert not any(i.value.startswith("You are looking at revision") for i in at.info)


def test_restore_makes_a_new_revision_equal_to_the_old_one():
    first = workspace().open(SEED_NAME, 1)
    rename("Magister", "Magister 6")
    store = workspace()
    victim = store.checkout(SEED_NAME).model.find("Zermelo", "application")
    assert store.checkout(SEED_NAME).model.relations_touching(victim.id)  # it takes relations with it
    removed = store.edit(SEED_NAME, RemoveElement(victim.id), base=2).revision
    at = run_app(PAGE)
    at.number_input(key="hi_pick").set_value(1).run()
    assert not at.button(key="hi_restore").disabled

    at.button(key="hi_restore").click().run()
    assert not at.error
    assert workspace().head(SEED_NAME) == removed + 1
    assert workspace().revision(SEED_NAME).action == "restore"
    assert shown(at) == first and workspace().open(SEED_NAME) == first
    assert workspace().open(SEED_NAME, removed) != first  # older revisions stay as they were


def test_a_stale_sessions_undo_is_refused_and_stores_nothing():
    edited = rename("Magister", "Magister 6")
    at = run_app(PAGE)                           # the session shows revision 2...
    newer = rename("Zermelo", "Zermelo 2", author="Ben")  # ...and another tab moves the model on
    state_before = workspace().open(SEED_NAME)

    at.button(key="hi_undo").click().run()
    assert not at.exception
    assert workspace().head(SEED_NAME) == newer
    assert workspace().open(SEED_NAME) == state_before
    assert at.session_state["fm_revision"] == edited
    (message,) = [e.value for e in at.error]
    assert "changed meanwhile" in message and f"based on revision {edited}" in message
    assert f"now at revision {newer}" in message and "nothing was saved" in message


def test_a_long_history_is_paged():
    store = workspace()
    head = store.checkout(SEED_NAME)
    element = head.model.find("Magister", "application")
    revision = head.revision
    for n in range(55):
        revision = store.edit(SEED_NAME, UpdateElement(element.replace(name=f"Magister {n}")), base=revision).revision
    at = run_app(PAGE)
    assert frame(at, "hi_revisions")["revision"].tolist() == list(range(56, 6, -1))
    at.number_input(key="hi_page").set_value(2).run()
    assert frame(at, "hi_revisions")["revision"].tolist() == list(range(6, 0, -1))


def test_model_text_never_reaches_markdown_raw():
    magister = application_id("Magister")
    for name in HOSTILE:
        rename_element(magister, name, author=HOSTILE[1])
    at = run_app(PAGE)
    at.number_input(key="hi_pick").set_value(2).run()
    texts = [e.value for kind in ("markdown", "caption", "title", "subheader", "error", "warning", "info")
             for e in getattr(at, kind)]
    texts += [b.label for b in at.button] + [n.label for n in at.number_input] + [t.value for t in at.toast]
    assert any(md_escape(HOSTILE[0]) in t for t in texts), "revision 2's summary names the first hostile name"
    assert any(md_escape(HOSTILE[1]) in t for t in texts), "the author is named in the captions"
    for text in texts:
        bare = re.sub(r"\\.", "", text)
        assert "<" not in bare and "](" not in bare, text
    assert at.button(key="hi_undo").label == md_escape(hv.undo_label(workspace().undo_target(SEED_NAME)))
    assert frame(at, "hi_revisions")["summary"].iloc[0].endswith(f"to '{HOSTILE[-1]}'")  # plain text, as typed


def test_the_sidebar_picker_switches_the_history_to_another_model():
    from tests.tiny import tiny_school

    magister = application_id("Magister")
    for n in range(3):
        rename_element(magister, f"Magister {n}")
    workspace().import_model("tiny", tiny_school(), author="Ben")
    at = run_app(PAGE)
    at.number_input(key="hi_pick").set_value(3).run()
    at.selectbox(key=f"fm_pick_{SEED_NAME}").set_value("tiny").run()
    assert not at.exception
    assert at.session_state["fm_name"] == "tiny" and shown(at) == tiny_school()
    assert frame(at, "hi_revisions")[["revision", "who", "action"]].values.tolist() == [[1, "Ben", "created"]]
    assert at.number_input(key="hi_pick").value == 1  # within the new model's revisions
    assert at.button(key="hi_undo").label == "Nothing to undo" and at.button(key="hi_restore").disabled
