"""Signing in and roles in the dashboard under AppTest: a shared workspace shows nothing before
sign-in; a viewer gets no edit control on any edit page and a forged session gets no more rights;
an editor edits, and the revision carries the editor's name; a local workspace stays as it was."""

from __future__ import annotations

import json
import os

import pytest
from argon2 import PasswordHasher
from streamlit.testing.v1 import AppTest

from fora_model.changes.types import UpdateElement
from fora_model.dashboard import writes as dw
from fora_model.workspace import SEED_NAME, Store, User, access
from tests.apptest import run_app, workspace

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def shared(workspace_app: None, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The sample school in a workspace with a viewer, an editor of it, an editor of another model
    and an admin (Argon2id at its lowest cost, to keep the tests quick)."""
    monkeypatch.setattr(access, "_HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    store = Store(os.environ["FORA_MODEL_WORKSPACE"])
    store.accounts.add("bea", "Bea Bestuur", PASSWORD, "viewer")
    store.accounts.add("ivo", "Ivo Informatie", PASSWORD, "editor", models=[SEED_NAME])
    store.accounts.add("olga", "Olga Ander", PASSWORD, "editor", models=["other school"])
    store.accounts.add("ada", "Ada Admin", PASSWORD, "admin")
    return store


def sign_in(login: str, password: str = PASSWORD) -> AppTest:
    at = run_app()
    at.text_input(key="fm_signin_login").input(login)
    at.text_input(key="fm_signin_password").input(password)
    (submit,) = [b for b in at.button if b.label == "Sign in"]
    submit.click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page(at: AppTest, path: str) -> AppTest:
    at.switch_page(path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def keys(at: AppTest, kind: str) -> set[str]:
    return {str(w.key) for w in at.get(kind)}


def said(elements: object) -> str:
    """The text of these elements as the user reads it (Markdown escapes taken out)."""
    return " ".join(str(e.value) for e in elements).replace("\\", "")  # type: ignore[attr-defined]


def edit_controls(at: AppTest) -> set[str]:
    """The keys of the controls that change the model on the page shown (enabled ones only)."""
    found = {str(e.key) for e in at.data_editor}
    found |= {str(b.key) for b in at.button if not b.disabled and str(b.key).startswith(
        ("mp_add", "ed_delete", "hi_undo", "hi_redo", "hi_restore", "md_ns", "md_sample"))}
    found |= {str(m.key) for m in at.multiselect if not m.disabled and str(m.key).startswith("lk_")}
    found |= {str(t.key) for t in at.text_input if str(t.key).startswith(("mp_name", "mp_add_name"))}
    return found


def test_a_shared_workspace_shows_only_the_sign_in_form_until_someone_signs_in() -> None:
    at = run_app()
    assert [t.value for t in at.title] == ["Sign in"] and not at.metric and not at.dataframe
    assert "fm_author_input" not in keys(at, "text_input")
    at = sign_in("bea", "a wrong password")
    assert "The login or the password is wrong." in said(at.error)
    assert "fm_user" not in at.session_state or at.session_state["fm_user"] is None
    assert at.text_input(key="fm_signin_password").value == ""  # the password does not stay in the form
    at = page(at, "app_pages/edit_elements.py")
    assert [t.value for t in at.title] == ["Sign in"] and not at.data_editor


def test_a_viewer_sees_the_edit_pages_without_a_single_edit_control() -> None:
    at = sign_in("bea")
    assert "Signed in as Bea Bestuur (viewer" in said(at.caption)
    at = page(at, "app_pages/edit_elements.py")
    assert at.dataframe and not at.data_editor and "ed_delete_button" not in keys(at, "button")
    assert "signed in as a viewer" in said(at.info)
    at = page(at, "app_pages/edit_map.py")
    assert at.dataframe(key="mp_tree") is not None and "mp_element" not in keys(at, "selectbox")
    assert edit_controls(at) == set()
    at = page(at, "app_pages/edit_links.py")
    at.selectbox(key="lk_element_application").set_value(workspace().open(SEED_NAME).elements_of(
        "application")[0].id).run()
    assert at.multiselect and all(m.disabled for m in at.multiselect if str(m.key).startswith("lk_"))
    for path in ("app_pages/history.py", "app_pages/model_page.py"):
        assert edit_controls(page(at, path)) == set(), path
    assert workspace().head(SEED_NAME) == 1


def test_a_forged_session_gets_only_the_rights_the_workspace_gives() -> None:
    at = sign_in("bea")
    at.session_state["fm_user"] = User("bea", "Bea Bestuur", "admin", ("*",))  # claims admin
    at = page(at, "app_pages/edit_elements.py")
    assert not at.data_editor and at.session_state["fm_user"].role == "viewer"
    store = workspace()
    goal = store.open(SEED_NAME).elements_of("goal")[0]
    forged = dw.perform(store, SEED_NAME, 1, "Not me", dw.Edit([UpdateElement(goal.replace(name="Forged"))]),
                        actor=at.session_state["fm_user"])
    assert forged.kind == "failed" and "Bea Bestuur is a viewer" in forged.message
    assert store.head(SEED_NAME) == 1


def test_an_editor_edits_the_school_granted_and_the_history_shows_the_editors_name() -> None:
    at = sign_in("ivo")
    at = page(at, "app_pages/edit_elements.py")
    at.session_state["fm_author"] = "Someone else"  # a name forged into the session does not count
    at.radio(key="ed_kind").set_value("application").run()
    (editor,) = at.data_editor
    row = 0
    app_id = editor.value["id"].iloc[row]
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = editor.proto.id
    state.string_value = json.dumps({"edited_rows": {str(row): {"name": "Renamed by Ivo"}}, "added_rows": [],
                                     "deleted_rows": []})
    at._run(states)
    assert not at.exception
    store = workspace()
    assert store.head(SEED_NAME) == 2 and store.open(SEED_NAME).elements[app_id].name == "Renamed by Ivo"
    assert store.revision(SEED_NAME).author == "Ivo Informatie"
    at = page(at, "app_pages/history.py")
    (revisions,) = [d.value for d in at.dataframe if "who" in d.value.columns]  # AppTest shows no table keys
    assert revisions["who"].tolist() == ["Ivo Informatie", "fora-model"]
    assert "hi_undo" in keys(at, "button")


def test_an_editor_of_another_school_reads_this_one_only() -> None:
    at = page(sign_in("olga"), "app_pages/edit_elements.py")
    assert not at.data_editor
    assert "not one of the models granted to you" in said(at.info)


def test_signing_out_shows_the_form_again_and_a_removed_account_is_signed_out() -> None:
    at = sign_in("ada")
    (out,) = [b for b in at.button if b.key == "fm_sign_out"]
    out.click().run()
    assert [t.value for t in at.title] == ["Sign in"]
    at = sign_in("ivo")
    workspace().accounts.remove("ivo")
    at = page(at, "app_pages/edit_elements.py")
    assert [t.value for t in at.title] == ["Sign in"] and not at.data_editor


def test_a_local_workspace_has_no_sign_in_and_keeps_the_name_field(shared: Store) -> None:
    for login in ("bea", "ivo", "olga", "ada"):
        if login != "ada":
            shared.accounts.remove(login)
    shared.accounts.remove("ada")
    at = page(run_app(), "app_pages/edit_elements.py")
    assert "fm_author_input" in keys(at, "text_input") and at.data_editor
    assert "Sign in" not in [t.value for t in at.title]


def test_a_forged_widget_value_from_a_viewers_browser_changes_nothing() -> None:
    """A browser can send a value for a control drawn disabled; Streamlit discards it (no callback
    runs), so the workspace stays as it was. Had it run, the write would be the viewer's and refused
    (test_a_forged_session_gets_only_the_rights_the_workspace_gives)."""
    at = page(sign_in("bea"), "app_pages/edit_links.py")
    model = workspace().open(SEED_NAME)
    app = model.elements_of("application")[0]
    realized = {r.target for r in model.relations_of("realizes") if r.source == app.id}
    target = next(e.id for e in model.elements_of("system_type") if e.id not in realized)
    at.selectbox(key="lk_element_application").set_value(app.id).run()
    (ticks,) = [m for m in at.multiselect if str(m.key).startswith(f"lk_realizes_{app.id}_")]
    assert ticks.disabled
    before = list(ticks.value)
    states = at._tree.get_widget_states()  # what a browser sends on its own (AppTest refuses set_value here)
    forged = states.widgets.add()
    forged.id = ticks.proto.id
    forged.string_array_value.data[:] = [ticks.format_func(v) for v in [*before, target]]
    at._run(states)
    assert not at.exception
    assert at.session_state[ticks.key] == before and workspace().head(SEED_NAME) == 1
