"""The History page in a real headless Chromium: an edit made in the server's workspace through the
Store shows in the history, Undo clicked in the browser takes it back in the workspace, and the
Overview shows the old name again (nothing leaves 127.0.0.1: the ``browser_page`` fixture checks)."""

from __future__ import annotations

import re

import pytest

from fora_model.changes.types import UpdateElement
from fora_model.workspace.store import SEED_NAME, Store
from tests.browser.helpers import (
    app_server,
    chart_texts,
    grid_cells,
    open_page,
    screenshot,
    seeded_workspace,
    wait_for_charts,
    wait_idle,
)

pytestmark = pytest.mark.browser

OLD_NAME = "Magister"
NEW_NAME = "Magister Nieuw"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The server's workspace, seeded with the sample school before the server starts."""
    return seeded_workspace(tmp_path_factory, "history")


@pytest.fixture(scope="module")
def server(chromium, folder):
    with app_server(folder.parent / "streamlit.log", workspace=folder) as running:
        yield running


def test_undo_in_the_browser_takes_back_an_edit_made_in_the_workspace(browser_page, server, folder):
    page, _ = browser_page
    store = Store(folder, seed=False)
    head = store.checkout(SEED_NAME)
    original = store.open(SEED_NAME, head.revision)
    magister = head.model.find(OLD_NAME, "application")
    edited = store.edit(SEED_NAME, UpdateElement(magister.replace(name=NEW_NAME)), base=head.revision,
                        author="Anna").revision
    summary = f"renamed application '{OLD_NAME}' to '{NEW_NAME}'"

    open_page(page, server, "history", known="History")
    cells = grid_cells(page, 0)
    assert summary in cells and "Anna" in cells
    undo = page.get_by_role("button", name=re.compile(rf"^Undo revision {edited}: "))
    assert summary in undo.inner_text()
    screenshot(page, "history_before_undo")

    undo.click()
    page.get_by_text(f"newest revision {edited + 1}", exact=False).first.wait_for()
    wait_idle(page)
    assert store.head(SEED_NAME) == edited + 1
    assert store.revision(SEED_NAME).action == "undo"
    assert store.open(SEED_NAME) == original
    page.get_by_role("button", name=re.compile(rf"^Redo revision {edited}: ")).wait_for()
    screenshot(page, "history_after_undo")

    open_page(page, server, "", known="Overview")
    wait_for_charts(page, 2)
    texts = chart_texts(page)
    assert OLD_NAME in texts and NEW_NAME not in texts
