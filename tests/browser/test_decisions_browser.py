"""The decision pages in a real headless Chromium, on the sample school: the Applications page draws
the TIME quadrant and shows the proposal's money; the board report made on the Board view downloads
as one file that opens with no request outside it. Nothing leaves 127.0.0.1 meanwhile (checked
after every test by the ``browser_page`` fixture)."""

from __future__ import annotations

import re

import pytest

from fora_model.dashboard import decisions as dd
from tests.browser.helpers import (
    SCREENSHOTS,
    app_server,
    chart_texts,
    open_page,
    screenshot,
    wait_for_charts,
    wait_idle,
)
from tests.test_board_report import SECTIONS, open_report

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(chromium, tmp_path_factory):
    with app_server(tmp_path_factory.mktemp("app") / "streamlit.log") as running:
        yield running


def test_the_applications_page_draws_the_quadrant_and_the_proposal(browser_page, server, sample):
    page, _ = browser_page
    open_page(page, server, "applications", known="Applications")
    for label, value, _ in dd.saving_cards(dd.proposal_kpis(sample)):
        page.get_by_test_id("stMetric").filter(has_text=label).get_by_text(value, exact=True).wait_for()
    wait_for_charts(page, 1)
    texts = chart_texts(page)
    assert "TIME: functional and technical fit" in texts
    assert {"Tolerate", "Invest", "Migrate", "Eliminate"} <= set(texts)
    page.locator("[data-testid=stPlotlyChart] .scatterlayer .point").first.wait_for()
    screenshot(page, "applications")


def test_the_board_report_downloads_and_opens_with_no_request_outside_it(browser_page, server, chromium,
                                                                         tmp_path):
    page, _ = browser_page
    open_page(page, server, "board_view", known="Board view")
    page.get_by_role("button", name="Prepare the board report").click()
    download_button = page.get_by_role("button", name=re.compile(r"Download the board report \(\d+\.\d MB\)"))
    download_button.wait_for()
    wait_idle(page)
    screenshot(page, "board_view_pack")
    with page.expect_download() as download:
        download_button.click()
    assert re.fullmatch(r"board-report-.+-\d{4}-\d{2}-\d{2}\.html", download.value.suggested_filename)
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)

    report, seen = open_report(chromium, path)
    try:
        assert [u for u in seen["requests"] if u != path.as_uri()] == []
        assert seen["errors"] == [] and seen["dialogs"] == []
        for section in SECTIONS:
            assert report.locator(f"#{section}").is_visible(), section
        assert report.locator("#figure-time .main-svg").count() >= 1
        report.screenshot(path=str(SCREENSHOTS / "board_pack_download.png"))
    finally:
        report.close()
