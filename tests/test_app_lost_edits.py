"""No lost edit in the dashboard, under AppTest on the sample school: the author name stays for the
session, a stale tab's refused edit is kept and can be re-applied on the newest revision, a grid
edit that could not be saved waits with a save/discard banner, and the sample school never
overwrites the open model without asking."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from fora_model.workspace.store import SEED_NAME
from tests.apptest import run_app, workspace


@pytest.fixture(autouse=True)
def fresh_app(workspace_app):
    """Each test starts on the sample school in a new workspace with empty Streamlit caches."""


def captions(at: AppTest) -> str:
    return " ".join(str(c.value) for c in at.caption)


# ----------------------------------------------------------------------------- (d) the author name
EDIT_PAGES = ["app_pages/edit_map.py", "app_pages/edit_elements.py", "app_pages/edit_links.py"]


def test_the_author_name_stays_on_every_page_and_every_revision_records_it(sample):
    at = run_app("app_pages/edit_elements.py")
    at.text_input(key="fm_author_input").set_value("Anna de Vries").run()
    for page in [*EDIT_PAGES, "app_pages/overview.py", "app_pages/history.py", *EDIT_PAGES]:
        at.switch_page(page).run()
        assert not at.exception
        assert at.text_input(key="fm_author_input").value == "Anna de Vries"
        if page in EDIT_PAGES:
            assert "saved under the name Anna de Vries" in captions(at)
    assert at.query_params["author"] == "Anna de Vries"
    at.switch_page("app_pages/edit_elements.py").run()
    at.radio(key="ed_kind").set_value("goal").run()
    from tests.test_app_editor import edit_table
    edit_table(at, "ed_goal_1_0", {"edited_rows": {"0": {"name": "Renamed goal"}}})
    assert workspace().revision(SEED_NAME, 2).author == "Anna de Vries"


def test_the_author_name_outlives_a_run_that_does_not_draw_the_sidebar(monkeypatch):
    from app_pages import state

    at = run_app("app_pages/edit_links.py")
    at.text_input(key="fm_author_input").set_value("Ben").run()
    with monkeypatch.context() as patched:  # a run that stops before the sidebar drops the field's state
        patched.setattr(state, "workspace_problem", lambda: "The workspace cannot be read just now.")
        at.switch_page("app_pages/history.py").run()
        assert at.error[0].value == "The workspace cannot be read just now."
    at.switch_page("app_pages/edit_map.py").run()
    assert at.text_input(key="fm_author_input").value == "Ben"
    assert "saved under the name Ben" in captions(at)


def test_without_a_name_the_edit_pages_say_so():
    at = run_app("app_pages/edit_map.py")
    assert "saved without a name" in captions(at)


# ----------------------------------------------------------------------------- (c) the sample school
def edited_sample(at: AppTest) -> int:
    """Rename the first goal of the open sample school (revision 2) and return the new head."""
    from tests.test_app_editor import edit_table

    at.switch_page("app_pages/edit_elements.py").run()
    at.radio(key="ed_kind").set_value("goal").run()
    edit_table(at, "ed_goal_1_0", {"edited_rows": {"0": {"name": "Our own goal"}}})
    assert workspace().head(SEED_NAME) == 2
    at.switch_page("app_pages/model_page.py").run()
    return 2


def test_the_sample_button_asks_first_and_writes_nothing_until_answered(sample):
    at = run_app()
    edited_sample(at)
    at.button(key="md_sample").click().run()
    assert not at.exception
    assert workspace().head(SEED_NAME) == 2 and workspace().names() == [SEED_NAME]
    assert "already has a model named sample\\-school" in at.warning[0].value
    at.button(key="md_sample_cancel").click().run()
    assert workspace().head(SEED_NAME) == 2 and workspace().names() == [SEED_NAME]
    assert not [b for b in at.button if b.key == "md_sample_new"]
    assert at.session_state["fm_revision"] == 2


def test_the_sample_school_as_a_new_model_leaves_the_edited_one_alone(sample):
    at = run_app()
    edited_sample(at)
    at.button(key="md_sample").click().run()
    at.button(key="md_sample_new").click().run()
    assert not at.exception
    store = workspace()
    assert store.names() == [SEED_NAME, "sample-school 2"]
    assert at.session_state["fm_name"] == "sample-school 2" and store.open("sample-school 2") == sample
    assert store.head(SEED_NAME) == 2
    assert store.open(SEED_NAME).elements_of("goal")[0].name == "Our own goal"


def test_the_sample_school_as_a_new_revision_can_be_undone(sample):
    at = run_app()
    edited_sample(at)
    edited = workspace().open(SEED_NAME)
    at.button(key="md_sample").click().run()
    at.button(key="md_sample_revision").click().run()
    assert not at.exception
    store = workspace()
    assert store.head(SEED_NAME) == 3 and store.open(SEED_NAME) == sample
    assert store.open(SEED_NAME, 2) == edited  # the edits stay in the history
    store.undo(SEED_NAME, base=3)
    assert store.open(SEED_NAME) == edited


# ----------------------------------------------------------------------------- (a) a stale tab's refused edit
def stale_map(sample):
    """The Map page on an activity, then another editor changes the model (revision 2)."""
    activity = sample.elements_of("activity")[0]
    at = run_app("app_pages/edit_map.py")
    at.selectbox(key="mp_element").set_value(activity.id).run()
    return at, activity


def warnings(at: AppTest) -> str:
    return " ".join(str(w.value) for w in at.warning).replace("\\", "")


def test_a_refused_rename_stays_in_the_field_and_is_reapplied_beside_the_other_change(sample):
    from fora_model.changes.types import UpdateElement

    at, activity = stale_map(sample)
    other = sample.element(activity.id).replace(documentation="Written by someone else.")
    workspace().edit(SEED_NAME, [UpdateElement(other)], base=1, author="Someone else")

    at.text_input(key=f"mp_name_{activity.id}_1_0").set_value("My new name").run()
    assert not at.exception and workspace().head(SEED_NAME) == 2
    assert "was changed meanwhile" in " ".join(str(e.value) for e in at.error)
    assert at.text_input(key=f"mp_name_{activity.id}_1_0").value == "My new name"  # what was typed stays
    assert "not saved yet" in warnings(at) and "My new name" in warnings(at)

    at.button(key="fm_reapply").click().run()
    assert not at.exception and workspace().head(SEED_NAME) == 3 and at.session_state["fm_revision"] == 3
    stored = workspace().open(SEED_NAME).element(activity.id)
    assert (stored.name, stored.documentation) == ("My new name", "Written by someone else.")
    assert at.text_input(key=f"mp_name_{activity.id}_3_0").value == "My new name"
    assert "not saved yet" not in warnings(at)


def test_a_rename_of_a_name_renamed_meanwhile_is_refused_again_naming_it_and_can_be_discarded(sample):
    from fora_model.changes.types import UpdateElement

    at, activity = stale_map(sample)
    workspace().edit(SEED_NAME, [UpdateElement(sample.element(activity.id).replace(name="Their name"))], base=1)
    at.text_input(key=f"mp_name_{activity.id}_1_0").set_value("My new name").run()
    at.button(key="fm_reapply").click().run()
    assert not at.exception and workspace().head(SEED_NAME) == 2
    message = " ".join(str(e.value) for e in at.error).replace("\\", "")
    assert "Not re-applied on revision 2" in message
    assert f"{activity.name}: its name was changed to 'Their name' meanwhile (yours: 'My new name')" in message
    assert at.text_input(key=f"mp_name_{activity.id}_1_0").value == "My new name"  # still shown

    at.button(key="fm_discard").click().run()
    assert at.session_state["fm_revision"] == 2 and workspace().head(SEED_NAME) == 2
    assert at.text_input(key=f"mp_name_{activity.id}_2_0").value == "Their name"
    assert "not saved yet" not in warnings(at)


def test_a_stale_table_edit_stays_in_the_table_and_is_reapplied(sample):
    from fora_model.changes.types import UpdateElement
    from tests.test_app_editor import edit_table

    apps = sample.elements_of("application")
    at = run_app("app_pages/edit_elements.py")
    at.radio(key="ed_kind").set_value("application").run()
    workspace().edit(SEED_NAME, [UpdateElement(apps[1].replace(name="Renamed elsewhere"))], base=1)
    edit_table(at, "ed_application_1_0", {"edited_rows": {"0": {"annual_cost": 1234.0}}})
    assert workspace().head(SEED_NAME) == 2
    assert at.data_editor(key="ed_application_1_1").value["annual_cost"].iloc[0] == 1234.0  # still shown
    at.button(key="fm_reapply").click().run()
    assert not at.exception and workspace().head(SEED_NAME) == 3
    model = workspace().open(SEED_NAME)
    assert model.element(apps[0].id).attributes["annual_cost"] == 1234.0
    assert model.element(apps[1].id).name == "Renamed elsewhere"
    assert not [w for w in at.warning if "unsaved changes" in str(w.value)]


# ----------------------------------------------------------------------------- (b) a table edit never vanishes
def test_a_table_edit_that_could_not_be_saved_is_still_there_after_another_page(sample):
    from tests.test_app_editor import edit_table

    app = sample.elements_of("application")[0]
    at = run_app("app_pages/edit_elements.py")
    at.radio(key="ed_kind").set_value("application").run()
    edit_table(at, "ed_application_1_0", {"edited_rows": {"0": {"functional_fit": 7, "name": "Magister X"}}})
    assert workspace().head(SEED_NAME) == 1
    at.switch_page("app_pages/edit_map.py").run()
    at.switch_page("app_pages/overview.py").run()
    at.switch_page("app_pages/edit_elements.py").run()
    assert at.radio(key="ed_kind").value == "application"
    kept = at.data_editor(key="ed_application_1_1").value
    assert (kept["name"].iloc[0], kept["functional_fit"].iloc[0]) == ("Magister X", 7)
    assert "unsaved changes in this table" in warnings(at) and "at most 4" in warnings(at)

    edit_table(at, "ed_application_1_1", {"edited_rows": {"0": {"functional_fit": 3}}})  # the user corrects it
    assert workspace().head(SEED_NAME) == 2
    stored = workspace().open(SEED_NAME).element(app.id)
    assert (stored.name, stored.attributes["functional_fit"]) == ("Magister X", 3)
    assert "unsaved changes in this table" not in warnings(at)
