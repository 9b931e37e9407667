"""The editor pages in a real headless Chromium: a link ticked on the Links page is stored in the
workspace at once and is still there after a reload; a second tab still showing the old revision
has its edit refused with the conflict message, and the workspace does not move (nothing leaves
127.0.0.1: the ``browser_page`` fixture checks)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from fora_model.dashboard.edit_map import tree_rows
from fora_model.workspace.store import SEED_NAME, Store
from tests.browser.helpers import Recorder, app_server, grid_cells, open_page, screenshot, seeded_workspace, wait_rerun

pytestmark = pytest.mark.browser

APPLICATION = "Zermelo"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The server's workspace, seeded with the sample school before the server starts."""
    return seeded_workspace(tmp_path_factory, "editing")


@pytest.fixture(scope="module")
def server(chromium, folder):
    with app_server(folder.parent / "streamlit.log", workspace=folder) as running:
        yield running


def pick(page: Any, label: str, name: str, kind: str) -> None:
    """Type ``name`` into the picker labelled ``label`` and choose the option ``name (kind)``."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.fill(name)
    page.get_by_role("option").filter(has_text=re.compile(rf"^\s*{re.escape(f'{name} ({kind})')}\s*$")).click()
    wait_rerun(page)


def chosen_text(page: Any, label: str) -> str:
    """The text of the multiselect labelled ``label`` while closed: its label and its chosen options."""
    widget = page.get_by_test_id("stMultiSelect").filter(has=page.get_by_text(label, exact=True))
    text: str = widget.inner_text()
    return text


def open_application(page: Any, server: Any) -> None:
    open_page(page, server, "edit_links", known="Links")
    pick(page, "Application", APPLICATION, "application")
    page.get_by_text("Realizes system types", exact=True).wait_for()


def system_type_to_tick(store: Store) -> tuple[str, str]:
    """A system type the application does not realize yet: (id, label shown in the picker)."""
    model = store.open(SEED_NAME)
    app = model.find(APPLICATION, "application")
    realized = {r.target for r in model.relations_of("realizes") if r.source == app.id}
    target = next(e for e in model.elements_of("system_type") if e.id not in realized)
    return target.id, target.name


def test_a_ticked_link_is_stored_and_still_there_after_a_reload(browser_page, server, folder):
    page, _ = browser_page
    store = Store(folder, seed=False)
    before = store.head(SEED_NAME)
    target_id, target_name = system_type_to_tick(store)

    open_application(page, server)
    assert f"{target_name} (system type)" not in chosen_text(page, "Realizes system types")
    pick(page, "Realizes system types", target_name, "system type")
    page.get_by_text(f"Saved revision {before + 1}", exact=False).first.wait_for()
    assert store.head(SEED_NAME) == before + 1
    model = store.open(SEED_NAME)
    app = model.find(APPLICATION, "application")
    assert any(r.source == app.id and r.target == target_id for r in model.relations_of("realizes"))
    screenshot(page, "editing_link_ticked")

    page.reload()
    open_application(page, server)
    assert f"{target_name} (system type)" in chosen_text(page, "Realizes system types")
    screenshot(page, "editing_after_reload")


def test_a_stale_tab_is_refused_with_the_conflict_message(browser_page, server, folder, chromium):
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
        assert store.head(SEED_NAME) == start + 1

        model = store.open(SEED_NAME)
        app = model.find(APPLICATION, "application")
        sends_to = {r.target for r in model.relations_of("flows_to") if r.source == app.id}
        other = next(e for e in model.elements_of("application") if e.id != app.id and e.id not in sends_to)
        pick(second, "Sends data to", other.name, "application")
        second.get_by_text("was changed meanwhile", exact=False).first.wait_for()
        assert store.head(SEED_NAME) == start + 1
        assert not any(r.source == app.id and r.target == other.id
                       for r in store.open(SEED_NAME).relations_of("flows_to"))
        screenshot(second, "editing_stale_tab_refused")
        assert recorder.external(server.url) == [] and recorder.dialogs == []
    finally:
        second_context.close()


def test_the_element_table_and_the_map_draw_the_model(browser_page, server, folder):
    page, _ = browser_page
    model = Store(folder, seed=False).open(SEED_NAME)
    open_page(page, server, "edit_elements", known="Elements")
    page.get_by_text("Application", exact=True).first.click()
    wait_rerun(page)
    cells = grid_cells(page, 0)
    assert model.elements_of("application")[0].name in cells
    screenshot(page, "editing_elements")

    open_page(page, server, "edit_map", known="Map")
    rows = tree_rows(model)
    assert rows["tree"].iloc[0] in grid_cells(page, 0)
    screenshot(page, "editing_map")
