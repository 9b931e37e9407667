"""Roles in a real headless Chromium, on a workspace with accounts: a viewer signs in and finds no
edit control (the lists are read-only, the table is not an editor) and a write made as the viewer
is refused by the workspace; an editor signs in, ticks a link, the edit lands under the editor's
name and the History page shows that name (nothing leaves 127.0.0.1: the ``browser_page`` fixture
checks)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from fora_model.changes.types import UpdateElement
from fora_model.dashboard import signin
from fora_model.dashboard import writes as dw
from fora_model.workspace.store import SEED_NAME, Store
from tests.browser.helpers import app_server, grid_cells, open_page, screenshot, seeded_workspace, wait_rerun

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
APPLICATION = "Zermelo"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The server's workspace: the sample school, a viewer and an editor of it."""
    path = seeded_workspace(tmp_path_factory, "roles")
    accounts = Store(path, seed=False).accounts
    accounts.add("bea", "Bea Bestuur", PASSWORD, "viewer")
    accounts.add("ivo", "Ivo Informatie", PASSWORD, "editor", models=[SEED_NAME])
    return path


@pytest.fixture(scope="module")
def server(chromium, folder):
    with app_server(folder.parent / "streamlit.log", workspace=folder) as running:
        yield running


def sign_in(page: Any, server: Any, path: str, login: str, known: str) -> None:
    """Open ``path``, sign in as ``login`` and wait for the page to show ``known``."""
    open_page(page, server, path, known="Sign in")
    assert page.get_by_test_id("stDataFrame").count() == 0  # nothing of the model before signing in
    page.get_by_role("textbox", name="Login").fill(login)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in")).click()
    page.get_by_text(known, exact=True).first.wait_for()
    wait_rerun(page)


def pick_application(page: Any) -> None:
    box = page.get_by_role("combobox", name="Application")
    box.click()
    box.fill(APPLICATION)
    page.get_by_role("option").filter(has_text=re.compile(rf"^\s*{APPLICATION} \(application\)\s*$")).click()
    wait_rerun(page)
    page.get_by_text("Realizes system types", exact=True).wait_for()


def test_a_viewer_finds_no_edit_control_and_a_write_as_the_viewer_is_refused(browser_page, server, folder):
    page, _ = browser_page
    store = Store(folder, seed=False)
    head = store.head(SEED_NAME)

    sign_in(page, server, "edit_links", "bea", "Links")
    page.get_by_text("signed in as a viewer", exact=False).first.wait_for()
    pick_application(page)
    for label in ("Realizes system types", "Supports activities"):
        assert page.get_by_role("combobox", name=label).is_disabled(), label
    screenshot(page, "roles_viewer_links")

    page.get_by_role("link", name="Elements").click()
    page.get_by_text("signed in as a viewer", exact=False).first.wait_for()
    wait_rerun(page)
    assert page.get_by_text("Delete elements", exact=True).count() == 0
    assert page.get_by_role("button", name=re.compile("^Delete")).count() == 0
    screenshot(page, "roles_viewer_elements")

    viewer = signin.sign_in(store, "bea", PASSWORD).user  # the account the session holds
    goal = store.open(SEED_NAME).elements_of("goal")[0]
    forged = dw.perform(store, SEED_NAME, head, "Someone else",
                        dw.Edit([UpdateElement(goal.replace(name="Forged"))]), actor=viewer)
    assert forged.kind == "failed" and "Bea Bestuur is a viewer" in forged.message
    assert store.head(SEED_NAME) == head and store.open(SEED_NAME).elements[goal.id].name == goal.name


def test_an_editor_edits_and_the_history_shows_the_editors_name(browser_page, server, folder):
    page, _ = browser_page
    store = Store(folder, seed=False)
    before = store.head(SEED_NAME)
    model = store.open(SEED_NAME)
    app = model.find(APPLICATION, "application")
    realized = {r.target for r in model.relations_of("realizes") if r.source == app.id}
    target = next(e for e in model.elements_of("system_type") if e.id not in realized)

    sign_in(page, server, "edit_links", "ivo", "Links")
    page.get_by_text("Your edits are saved under your name, Ivo Informatie.", exact=False).first.wait_for()
    pick_application(page)
    box = page.get_by_role("combobox", name="Realizes system types")
    box.click()
    box.fill(target.name)
    page.get_by_role("option").filter(
        has_text=re.compile(rf"^\s*{re.escape(target.name)} \(system type\)\s*$")).click()
    wait_rerun(page)
    page.get_by_text(f"Saved revision {before + 1}", exact=False).first.wait_for()
    assert store.head(SEED_NAME) == before + 1
    assert store.revision(SEED_NAME).author == "Ivo Informatie"

    page.get_by_role("link", name="History").click()
    page.get_by_text("Revisions", exact=True).first.wait_for()
    wait_rerun(page)
    cells = grid_cells(page, 0)
    assert "Ivo Informatie" in cells
    screenshot(page, "roles_editor_history")
