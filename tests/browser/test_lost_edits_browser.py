"""No lost edit, in a real headless Chromium (issue 12's four cases): the author name survives page
changes and a reload and is recorded with the edit; a cell still being typed in when the user
clicks to another page is saved; a stale tab's refused tick stays ticked and is re-applied on the
latest revision; the sample school button asks before it writes and opens a new model. Nothing
leaves 127.0.0.1 and no dialog opens (the ``browser_page`` fixture checks)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import expect

from fora_model.workspace.store import SEED_NAME, Store
from tests.browser.helpers import (
    Recorder,
    app_server,
    grid_cells,
    open_page,
    screenshot,
    seeded_workspace,
    wait_idle,
    wait_rerun,
)
from tests.browser.test_editing_browser import chosen_text, open_application, pick, system_type_to_tick

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The server's workspace, seeded with the sample school before the server starts."""
    return seeded_workspace(tmp_path_factory, "lost-edits")


@pytest.fixture(scope="module")
def server(chromium, folder):
    with app_server(folder.parent / "streamlit.log", workspace=folder) as running:
        yield running


def go_to(page: Any, title: str) -> None:
    """Click ``title`` in the sidebar navigation and wait until that page has run."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    wait_rerun(page)
    page.get_by_role("heading", name=title, exact=True).first.wait_for()
    wait_idle(page)


def name_field(page: Any) -> Any:
    return page.get_by_role("textbox", name="Your name")


def open_elements_grid(page: Any, server: Any) -> Any:
    """Open the Elements page and wait until the whole page is drawn (the caption under the grid is
    there), so the grid no longer moves when its cell is clicked by position."""
    open_page(page, server, "edit_elements", known="Elements")
    page.get_by_text("elements shown.", exact=False).first.wait_for()
    wait_idle(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.locator("td").first.wait_for(state="attached")
    return grid


def open_first_name_cell(page: Any, grid: Any) -> None:
    """Open the cell editor of the grid's first row's name (the pinned first column) and wait until
    it has the keyboard. The position is taken relative to the grid when each click happens (the grid
    may still move while the page settles), and the editor must hold the first row's text."""
    first_name = grid_cells(page, 0)[0] if grid_cells(page, 0) else None
    grid.click(position={"x": 80, "y": 55})
    page.wait_for_timeout(300)
    grid.dblclick(position={"x": 80, "y": 55})
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'TEXTAREA'",
                           timeout=20_000)
    if first_name is not None:
        assert page.evaluate("() => document.activeElement.value") == first_name


def type_into_cell(page: Any, text: str) -> None:
    """Replace the open cell editor's text by ``text`` and wait until the editor holds it."""
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.wait_for_function("t => document.activeElement && document.activeElement.value === t", arg=text,
                           timeout=20_000)


def until(check: Any, timeout: float = 30) -> bool:
    """Poll ``check()`` until it is true or ``timeout`` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.25)
    return bool(check())


def test_d_the_author_name_stays_across_pages_and_a_reload_and_is_recorded(browser_page, server, folder):
    page, _ = browser_page
    store = Store(folder, seed=False)
    open_page(page, server, "edit_links", known="Links")
    name_field(page).fill("Anna de Vries")
    name_field(page).press("Enter")
    wait_rerun(page)
    for title in ("Map", "Overview", "Elements", "Links"):
        go_to(page, title)
        assert name_field(page).input_value() == "Anna de Vries", title
    page.get_by_text("saved under the name Anna de Vries", exact=False).first.wait_for()
    assert "author=Anna" in page.url  # the address keeps it after the page changes

    page.reload()  # a new session on the same address
    page.get_by_role("heading", name="Links", exact=True).first.wait_for()
    wait_idle(page)
    expect(name_field(page)).to_have_value("Anna de Vries", timeout=30_000)
    before = store.head(SEED_NAME)
    _, target_name = system_type_to_tick(store)
    pick(page, "Application", "Zermelo", "application")
    pick(page, "Realizes system types", target_name, "system type")
    page.get_by_text(f"Saved revision {before + 1}", exact=False).first.wait_for()
    assert store.revision(SEED_NAME, before + 1).author == "Anna de Vries"
    screenshot(page, "lost_edits_author")


def test_b_a_cell_still_being_typed_in_is_saved_when_the_user_clicks_to_another_page(browser_page, server, folder):
    page, _ = browser_page
    store = Store(folder, seed=False)
    before = store.head(SEED_NAME)
    first_goal = store.open(SEED_NAME).elements_of("goal")[0]
    grid = open_elements_grid(page, server)
    open_first_name_cell(page, grid)
    type_into_cell(page, "Typed, then another page")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Map", exact=True).click()  # no Enter
    wait_rerun(page)
    assert until(lambda: store.head(SEED_NAME) == before + 1)
    assert store.open(SEED_NAME).element(first_goal.id).name == "Typed, then another page"
    if page.get_by_role("heading", name="Map", exact=True).count() == 0:  # the click only closed the editor
        go_to(page, "Map")
    go_to(page, "Elements")
    assert "Typed, then another page" in grid_cells(page, 0)
    screenshot(page, "lost_edits_cell_saved")


@pytest.mark.xfail(strict=False, reason="open (issue 12): in some runs a cell emptied to spaces and committed with "
                                        "Enter shows no banner and stores nothing, though the editor held the first "
                                        "row's name; the AppTest of the same case passes")
def test_b_a_cell_that_cannot_be_saved_stays_with_a_banner_after_another_page(browser_page, server, folder):
    page, _ = browser_page
    store = Store(folder, seed=False)
    before = store.head(SEED_NAME)
    goal = store.open(SEED_NAME).elements_of("goal")[0]
    grid = open_elements_grid(page, server)
    open_first_name_cell(page, grid)
    type_into_cell(page, "   ")  # a goal whose name is only spaces has no name: refused
    page.keyboard.press("Enter")
    wait_rerun(page)
    page.get_by_text("You have unsaved changes in this table", exact=False).first.wait_for()
    assert store.head(SEED_NAME) == before

    go_to(page, "Map")
    go_to(page, "Elements")
    page.get_by_text("You have unsaved changes in this table", exact=False).first.wait_for()
    page.get_by_text("a name is required", exact=False).first.wait_for()
    assert goal.name not in grid_cells(page, 0)  # the table still shows the cleared name
    screenshot(page, "lost_edits_unsaved_table")
    page.get_by_role("button", name="Discard my changes").click()
    wait_rerun(page)
    assert page.get_by_text("You have unsaved changes in this table", exact=False).count() == 0
    assert until(lambda: goal.name in grid_cells(page, 0))
    assert store.head(SEED_NAME) == before


def test_a_a_stale_tabs_refused_tick_stays_and_is_reapplied_on_the_latest(browser_page, server, folder, chromium):
    first, _ = browser_page
    store = Store(folder, seed=False)
    second_context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    second = second_context.new_page()
    second.set_default_timeout(120_000)
    recorder = Recorder()
    recorder.attach(second)
    try:
        open_application(first, server)
        open_application(second, server)
        start = store.head(SEED_NAME)
        _, target_name = system_type_to_tick(store)
        pick(first, "Realizes system types", target_name, "system type")
        first.get_by_text(f"Saved revision {start + 1}", exact=False).first.wait_for()

        model = store.open(SEED_NAME)
        app = model.find("Zermelo", "application")
        sends_to = {r.target for r in model.relations_of("flows_to") if r.source == app.id}
        other = next(e for e in model.elements_of("application") if e.id != app.id and e.id not in sends_to)
        pick(second, "Sends data to", other.name, "application")
        second.get_by_text("was changed meanwhile", exact=False).first.wait_for()
        assert store.head(SEED_NAME) == start + 1
        assert f"{other.name} (application)" in chosen_text(second, "Sends data to")  # what was ticked stays
        second.get_by_text("Your change is not saved yet", exact=False).first.wait_for()
        screenshot(second, "lost_edits_stale_tab_kept")

        second.get_by_role("button", name=f"Re-apply on the latest revision ({start + 1})").click()
        wait_rerun(second)
        second.get_by_text(f"Saved revision {start + 2}", exact=False).first.wait_for()
        latest = store.open(SEED_NAME)
        assert any(r.source == app.id and r.target == other.id for r in latest.relations_of("flows_to"))
        assert any(r.source == app.id and latest.element(r.target).name == target_name
                   for r in latest.relations_of("realizes"))  # the first tab's tick is still there
        assert f"{other.name} (application)" in chosen_text(second, "Sends data to")
        assert second.get_by_text("Your change is not saved yet", exact=False).count() == 0
        screenshot(second, "lost_edits_stale_tab_reapplied")
        assert recorder.external(server.url) == [] and recorder.dialogs == []
    finally:
        second_context.close()


def test_c_the_sample_button_asks_first_and_opens_a_new_model(browser_page, server, folder):
    page, _ = browser_page
    store = Store(folder, seed=False)
    head = store.head(SEED_NAME)
    open_page(page, server, "model_page", known="Model")
    page.get_by_role("button", name="Open the sample school").click()
    wait_rerun(page)
    page.get_by_text("already has a model named", exact=False).first.wait_for()
    assert store.names() == [SEED_NAME] and store.head(SEED_NAME) == head  # nothing written yet
    screenshot(page, "lost_edits_sample_question")
    page.get_by_role("button", name="Open it as a new model").click()
    wait_rerun(page)
    page.get_by_text("sample-school 2", exact=False).first.wait_for()
    assert store.names() == [SEED_NAME, "sample-school 2"]
    assert store.head(SEED_NAME) == head  # the edited sample school is untouched
    screenshot(page, "lost_edits_sample_new_model")
