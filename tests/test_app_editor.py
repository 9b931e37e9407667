"""The editor pages under AppTest on the sample school: every edit is one new revision of the
workspace, checked first; refused and stale edits store nothing and say why.

A ``st.data_editor`` edit is sent the way the browser sends it: the editing state as the widget's
value on the next run (AppTest has no setter for it), which runs the page's ``on_change``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import fora_model as fm
from fora_model.changes.types import UpdateElement
from fora_model.dashboard.common import md_escape
from fora_model.dashboard.edit_links import delete_preview
from fora_model.dashboard.edit_map import parents_of
from fora_model.workspace.store import SEED_NAME
from tests.apptest import run_app, shown, workspace
from tests.dashboard_fixtures import HOSTILE, hostile_model


@pytest.fixture(autouse=True)
def fresh_app(workspace_app):
    """Each test starts on the sample school in a new workspace with empty Streamlit caches."""


def head() -> int:
    return workspace().head(SEED_NAME)


def edit_table(at: AppTest, key: str, edits: dict[str, Any]) -> AppTest:
    """Send ``edits`` (edited_rows / added_rows / deleted_rows) as the data editor ``key``'s new value."""
    (editor,) = [d for d in at.data_editor if d.key == key]
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = editor.proto.id
    state.string_value = json.dumps({"edited_rows": {}, "added_rows": [], "deleted_rows": [], **edits}, default=str)
    at._run(states)
    assert not at.exception, [e.value for e in at.exception]
    return at


def errors(at: AppTest) -> str:
    return " ".join(str(e.value) for e in at.error).replace("\\", "")


def duplicates_shown(at: AppTest) -> pd.DataFrame:
    at.switch_page("app_pages/rationalisation.py").run()
    assert not at.exception
    return at.dataframe[0].value  # rz_duplicates_table, the first table of the page


def test_add_an_activity_under_a_process_link_two_applications_and_see_it_duplicated(sample):
    process = sample.element(sample.relations_of("composed_of")[-1].source)  # a process with activities
    apps = [e.id for e in sample.elements_of("application")[:2]]

    at = run_app("app_pages/edit_map.py")
    at.selectbox(key="mp_add_parent_None").set_value(process.id)
    at.text_input(key="mp_add_name").set_value("Mark the mock exams").run()
    at.button(key="mp_add").click().run()
    assert not at.exception and head() == 2
    model = shown(at)
    added = model.find("Mark the mock exams", "activity")
    assert parents_of(model, added.id) == [process.id]
    assert at.session_state["mp_element"] == added.id  # the new element is picked for editing

    at.switch_page("app_pages/edit_links.py").run()
    at.radio(key="lk_kind").set_value("activity").run()
    at.selectbox(key="lk_element_activity").set_value(added.id).run()
    at.multiselect(key=f"lk_supported_by_applications_{added.id}_2_0").set_value(apps).run()
    assert not at.exception and head() == 3
    model = shown(at)
    assert sorted(r.source for r in model.relations_of("supports") if r.target == added.id) == sorted(apps)

    table = duplicates_shown(at)
    expected = fm.duplicated_activities(model, include_inherited=False)  # the page lists root rows
    assert added.id in set(table["activity_id"])  # two supporters of its own: a root
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)


def test_rename_an_application_in_the_table_and_see_the_name_in_the_report(sample):
    report = fm.duplicated_activities(sample)
    app = next(e for e in sample.elements_of("application") if report["applications"].str.contains(e.name).any())
    at = run_app("app_pages/edit_elements.py")
    at.radio(key="ed_kind").set_value("application").run()
    table = at.data_editor(key="ed_application_1_0").value
    row = list(table["id"]).index(app.id)

    edit_table(at, "ed_application_1_0", {"edited_rows": {str(row): {"name": "Renamed suite"}}})
    assert head() == 2 and shown(at).element(app.id).name == "Renamed suite"
    assert at.data_editor(key="ed_application_2_0").value["name"].iloc[row] == "Renamed suite"
    names = " | ".join(duplicates_shown(at)["applications"])
    assert "Renamed suite" in names and app.name not in names.replace("Renamed suite", "")


def test_add_a_row_in_the_table_makes_a_new_element():
    at = run_app("app_pages/edit_elements.py")
    edit_table(at, "ed_goal_1_0", {"added_rows": [{"name": "Safe school", "documentation": "Everyone feels safe."}]})
    assert head() == 2
    goal = shown(at).find("Safe school", "goal")
    assert goal.documentation == "Everyone feels safe." and goal.id.startswith("id-")


def test_reparent_an_activity_on_the_map(sample):
    activity = sample.elements_of("activity")[0]
    old = parents_of(sample, activity.id)
    new = next(p.id for p in sample.elements_of("process") if p.id not in old)
    at = run_app("app_pages/edit_map.py")
    at.selectbox(key="mp_element").set_value(activity.id).run()
    at.selectbox(key=f"mp_parent_{activity.id}_1_0").set_value(new).run()
    assert not at.exception and head() == 2
    assert parents_of(shown(at), activity.id) == [new]
    assert parents_of(workspace().open(SEED_NAME), activity.id) == [new]


def test_link_goals_and_needs_support_on_the_map(sample):
    activity = sample.elements_of("activity")[5]
    goal = sample.elements_of("goal")[0]
    at = run_app("app_pages/edit_map.py")
    at.selectbox(key="mp_element").set_value(activity.id).run()
    at.multiselect(key=f"mp_linked_goals_{activity.id}_1_0").set_value([goal.id]).run()
    assert head() == 2
    assert [(r.source, r.target) for r in shown(at).relations_of("contributes_to") if r.source == activity.id] == [
        (activity.id, goal.id)]
    at.radio(key=f"mp_needs_{activity.id}_2_0").set_value("no").run()
    assert head() == 3 and shown(at).element(activity.id).attributes["needs_support"] is False


def test_delete_an_element_with_relations_after_the_preview(sample):
    app = sample.find("Magister", "application")
    relations = sample.relations_touching(app.id)
    assert relations
    at = run_app("app_pages/edit_elements.py")
    at.radio(key="ed_kind").set_value("application").run()
    at.multiselect(key="ed_delete_application_1").set_value([app.id]).run()
    preview = at.dataframe[1].value  # the table under the picker
    pd.testing.assert_frame_equal(preview, delete_preview(sample, [app.id]), check_dtype=False)
    assert len(preview) == len(relations)
    assert head() == 1  # nothing is deleted before the button
    at.button(key="ed_delete_button").click().run()
    assert not at.exception and head() == 2
    model = shown(at)
    assert app.id not in model.elements
    assert not any(r.id in model.relations for r in relations)


@pytest.mark.parametrize(("column", "value", "words"), [
    ("functional_fit", 7, ["Functional fit", "at most 4"]),
    ("annual_cost", -100, ["Annual cost (EUR)", "at least 0"]),
    ("name", "", ["Name", "a name is required"]),
])
def test_a_refused_edit_stores_nothing_and_says_why(sample, column, value, words):
    app = sample.elements_of("application")[0]
    at = run_app("app_pages/edit_elements.py")
    at.radio(key="ed_kind").set_value("application").run()
    edit_table(at, "ed_application_1_0", {"edited_rows": {"0": {column: value}}})
    assert head() == 1 and workspace().open(SEED_NAME) == sample
    message = errors(at)
    assert message.startswith("Not saved") and f"Row 1 '{app.name}'" in message
    for word in words:
        assert word in message
    kept = at.data_editor(key="ed_application_1_1").value  # what the user typed stays, to be corrected
    stored = [e.name for e in sample.elements_of("application")]
    assert list(kept["name"])[1:] == stored[1:]
    assert kept[column].iloc[0] == value or (value == "" and pd.isna(kept[column].iloc[0]))
    assert "unsaved changes in this table" in " ".join(w.value for w in at.warning)
    at.button(key="ed_unsaved_discard").click().run()
    redrawn = at.data_editor(key="ed_application_1_2").value  # discarded: drawn from the stored model
    assert list(redrawn["name"]) == stored
    assert head() == 1


def test_a_stale_edit_is_refused_with_the_conflict_message(sample):
    activity = sample.elements_of("activity")[0]
    app = sample.elements_of("application")[0]
    at = run_app("app_pages/edit_links.py")
    at.radio(key="lk_kind").set_value("activity").run()
    at.selectbox(key="lk_element_activity").set_value(activity.id).run()

    renamed = sample.element(activity.id).replace(name="Changed elsewhere")
    workspace().edit(SEED_NAME, [UpdateElement(renamed)], base=1, author="Someone else")
    assert head() == 2

    at.multiselect(key=f"lk_supported_by_applications_{activity.id}_1_0").set_value([app.id]).run()
    assert not at.exception
    assert head() == 2 and at.session_state["fm_revision"] == 1
    assert not any(r.source == app.id and r.target == activity.id
                   for r in workspace().open(SEED_NAME).relations_of("supports"))
    message = errors(at)
    assert "was changed meanwhile" in message and "nothing was saved" in message
    kept = at.multiselect(key=f"lk_supported_by_applications_{activity.id}_1_0")  # the refused tick stays
    assert app.id in kept.value
    at.button(key="fm_reapply").click().run()  # made again on the newest revision, the rename kept
    assert not at.exception and head() == 3 and at.session_state["fm_revision"] == 3
    model = workspace().open(SEED_NAME)
    assert any(r.source == app.id and r.target == activity.id for r in model.relations_of("supports"))
    assert model.element(activity.id).name == "Changed elsewhere"
    assert app.id in at.multiselect(key=f"lk_supported_by_applications_{activity.id}_3_0").value


def markdown_texts(at: AppTest) -> list[str]:
    """The text of every element Streamlit renders as Markdown, widget labels included."""
    texts = [e.value for kind in ("markdown", "caption", "title", "subheader", "error", "warning", "info")
             for e in getattr(at, kind)]
    widgets = ("multiselect", "selectbox", "radio", "button", "text_input")
    return [str(t) for t in texts + [w.label for kind in widgets for w in getattr(at, kind)]]


def test_hostile_names_never_reach_markdown_raw(monkeypatch, tmp_path, sample):
    hostile, roles = hostile_model(sample)
    path = tmp_path / "hostile.json"
    fm.write_model(hostile, path)
    monkeypatch.setenv("FORA_MODEL_FILE", str(path))
    at = run_app("app_pages/edit_elements.py")
    at.radio(key="ed_kind").set_value("application").run()
    rows = list(at.data_editor[0].value["id"])
    edit_table(at, at.data_editor[0].key, {"edited_rows": {str(rows.index(roles["application"])): {"annual_cost": -1}}})
    pages = [markdown_texts(at)]
    at.multiselect(key=f"ed_delete_application_{at.session_state['fm_revision']}").set_value(
        [roles["application"]]).run()
    pages.append(markdown_texts(at))
    assert HOSTILE[1] in set(at.dataframe[1].value["element"])  # names are plain table cells
    at.switch_page("app_pages/edit_map.py").run()
    at.selectbox(key="mp_element").set_value(roles["activity"]).run()
    pages.append(markdown_texts(at))
    at.switch_page("app_pages/edit_links.py").run()
    at.selectbox(key="lk_element_application").set_value(roles["application"]).run()
    pages.append(markdown_texts(at))
    assert not at.exception
    assert any("Not saved" in t and md_escape(HOSTILE[1]) in t for t in pages[0])  # the refusal names the row
    for text in (t for page in pages for t in page):
        bare = re.sub(r"\\.", "", text)
        assert "<" not in bare and "](" not in bare and "**" not in bare, text
