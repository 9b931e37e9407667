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
