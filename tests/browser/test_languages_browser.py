"""Dutch and English in a real headless Chromium: ``?lang=nl`` opens the dashboard in Dutch, the
address keeps the language across page changes and a reload, the sidebar switches it, and every
translated page is photographed at 1024 and 1440 px in both languages (``screenshots/lang_*``).
Nothing leaves 127.0.0.1 and no dialog opens (the ``browser_page`` fixture checks)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.helpers import app_server, open_page, screenshot, wait_idle, wait_rerun

pytestmark = pytest.mark.browser

PAGES = {
    "": ("Overzicht", "Overview"),
    "landscape": ("Landschapsplaat", "Landscape map"),
    "graph_explorer": ("Graafverkenner", "Graph explorer"),
    "rationalisation": ("Rationalisatie", "Rationalisation"),
    "board_view": ("Bestuursoverzicht", "Board view"),
    "applications": ("Applicaties", "Applications"),
    "scenarios": ("Scenario's", "Scenarios"),
    "risks": ("Privacy en risico's", "Privacy and risks"),
}
"""The translated pages by address, with their titles in Dutch and English."""


@pytest.fixture(scope="module")
def server(chromium, tmp_path_factory):
    folder = tmp_path_factory.mktemp("languages")
    with app_server(folder / "streamlit.log") as running:
        yield running


def heading(page: Any, title: str) -> None:
    page.get_by_role("heading", name=title, exact=True).first.wait_for()
    wait_idle(page)


def go_to(page: Any, title: str) -> None:
    """Click ``title`` in the sidebar navigation and wait until that page has run."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    wait_rerun(page)
    heading(page, title)


def test_the_address_opens_dutch_and_keeps_it_across_pages_and_a_reload(browser_page, server):
    page, _recorder = browser_page
    open_page(page, server, "?lang=nl", known="Overzicht")
    navigation = page.get_by_test_id("stSidebarNav")
    for title in ("Landschapsplaat", "Rationalisatie", "Bestuursoverzicht", "Privacy en risico's"):
        navigation.get_by_role("link", name=title, exact=True).wait_for()
    navigation.get_by_text("Besluiten", exact=True).wait_for()  # a section name
    go_to(page, "Privacy en risico's")
    assert "lang=nl" in page.url  # Streamlit clears the address on a page change; the app puts it back
    page.get_by_role("tab", name="Dubbel ingevoerd").wait_for()
    page.reload()
    heading(page, "Privacy en risico's")

    page.get_by_test_id("stSidebar").get_by_text("English", exact=True).click()
    wait_rerun(page)
    heading(page, "Privacy and risks")
    assert "lang=en" in page.url
    go_to(page, "Overview")
    assert "lang=en" in page.url


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_translated_page_at_projector_and_laptop_width(chromium, server, language):
    context = chromium.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        for path, titles in PAGES.items():
            title = titles[0] if language == "nl" else titles[1]
            open_page(page, server, f"{path}?lang={language}")
            heading(page, title)
            page.wait_for_timeout(1500)  # figures draw after the run
            for width in (1024, 1440):
                page.set_viewport_size({"width": width, "height": 800})
                assert screenshot(page, f"lang_{language}_{path or 'overview'}_{width}").stat().st_size > 10_000
            page.set_viewport_size({"width": 1024, "height": 800})
    finally:
        context.close()
