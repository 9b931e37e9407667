"""The editing pages, History, Import and export and Model in Dutch and English in a real headless
Chromium: each opens from its address with ``?lang=``, shows its heading and a few of its texts in
that language, and is photographed at 1024 and 1440 px (``screenshots/lang_*``); a save refused on
the Map page says why in Dutch. Nothing leaves 127.0.0.1 and no dialog opens (the ``browser_page``
fixture checks)."""

from __future__ import annotations

import pytest

from tests.browser.helpers import app_server, open_page, screenshot, wait_idle, wait_rerun

pytestmark = pytest.mark.browser

PAGES = {
    "edit_map": (("Kaart", "Een proces of activiteit toevoegen"), ("Map", "Add a process or activity")),
    "edit_elements": (("Elementen", "Elementen verwijderen"), ("Elements", "Delete elements")),
    "edit_links": (("Relaties", "Vink aan of uit in een lijst en de wijziging wordt meteen bewaard als nieuwe "
                                "revisie."),
                   ("Links", "Tick or untick in a list and the change is saved at once as a new revision.")),
    "history": (("Geschiedenis", "Twee revisies vergelijken"), ("History", "Compare two revisions")),
    "import_export": (("Importeren en exporteren", "Leesopties"), ("Import and export", "Reading options")),
    "model_page": (("Model", "Een modelbestand openen"), ("Model", "Open a model file")),
}
"""Each page by address: (title, a text it shows) in Dutch, then in English."""


@pytest.fixture(scope="module")
def server(chromium, tmp_path_factory):
    folder = tmp_path_factory.mktemp("languages-b")
    with app_server(folder / "streamlit.log") as running:
        yield running


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_speaks_the_language_of_the_address_at_both_widths(chromium, server, language):
    context = chromium.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        for path, (dutch, english) in PAGES.items():
            title, text = dutch if language == "nl" else english
            open_page(page, server, f"{path}?lang={language}")
            page.get_by_role("heading", name=title, exact=True).first.wait_for()
            page.get_by_text(text, exact=True).first.wait_for()
            wait_idle(page)
            for width in (1024, 1440):
                page.set_viewport_size({"width": width, "height": 800})
                assert screenshot(page, f"lang_{language}_{path}_{width}").stat().st_size > 10_000
            page.set_viewport_size({"width": 1024, "height": 800})
    finally:
        context.close()


def test_a_refused_add_on_the_map_says_why_in_dutch(browser_page, server):
    page, _recorder = browser_page
    open_page(page, server, "edit_map?lang=nl", known="Een proces of activiteit toevoegen")
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    wait_rerun(page)
    page.get_by_text("Niet bewaard: een nieuwe activiteit heeft een naam nodig; typ er eerst een",
                     exact=True).wait_for()
