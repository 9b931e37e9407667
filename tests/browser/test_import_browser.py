"""The Import and export page in a real headless Chromium: an exchange XML written from a small
model is uploaded, previewed and merged into the sample school, and the Overview then shows the
merged model; an export is prepared, downloaded and read back to the workspace's model. Nothing
leaves 127.0.0.1 (checked after every test by the ``browser_page`` fixture)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fora_model.dashboard import overview as db
from fora_model.dashboard.downloads import export_file
from fora_model.dashboard.import_plan import import_plan
from fora_model.dashboard.uploads import Upload, read_uploads
from fora_model.workspace.store import SEED_NAME, Store
from tests.browser.helpers import app_server, grid_cells, open_page, screenshot, wait_idle
from tests.dashboard_fixtures import upload_changes

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(chromium, tmp_path_factory):
    with app_server(tmp_path_factory.mktemp("import") / "streamlit.log") as running:
        yield running


def test_an_exchange_xml_is_previewed_merged_and_shown_on_the_overview(browser_page, server, sample, tmp_path):
    page, _ = browser_page
    upload = tmp_path / "changes.xml"
    upload.write_bytes(export_file(upload_changes(sample), "xml").data or b"")
    incoming = read_uploads([Upload(upload.name, upload.read_bytes())]).model
    assert incoming is not None
    merged = import_plan(sample, incoming, "merge").model
    assert merged is not None

    open_page(page, server, "import_export", known="Import and export")
    page.locator('.st-key-io_files [data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
    page.get_by_text("Read changes.xml: 3 elements, 1 relation.").wait_for()
    wait_idle(page)
    counts = grid_cells(page, 0)
    assert counts[:6] == ["element", "1", "1", "1", str(len(sample.elements) - 2), "0"]
    assert "Welcome new pupils" in grid_cells(page, 1)
    screenshot(page, "import_preview")

    page.get_by_role("button", name="Apply the merge").click()
    page.get_by_text("The open model already holds everything in the file: nothing to change.").wait_for()
    page.get_by_text("Imported revision 2", exact=False).first.wait_for()
    wait_idle(page)
    screenshot(page, "import_applied")

    page.get_by_role("link", name="Overview").click()
    page.get_by_text(f"revision 2 · {len(merged.elements):,} elements", exact=False).wait_for()
    for label, value, _ in db.kpi_cards(db.kpis(merged)):
        page.get_by_test_id("stMetric").filter(has_text=label).get_by_text(value, exact=True).wait_for()
    screenshot(page, "import_overview")


def test_an_export_is_prepared_downloaded_and_reads_back(browser_page, server, tmp_path):
    page, _ = browser_page
    open_page(page, server, "import_export", known="Import and export")
    page.get_by_role("tab", name="Export").click()
    page.locator(".st-key-io_prepare_xlsx button").click()
    button = page.locator(".st-key-io_download_xlsx button")
    button.wait_for()
    wait_idle(page)
    screenshot(page, "export_prepared")
    with page.expect_download() as download:
        button.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".xlsx"
    read = read_uploads([Upload(saved.name, saved.read_bytes())])
    assert read.ok and read.model is not None
    head = Store(Path(server.env["FORA_MODEL_WORKSPACE"]), seed=False).open(SEED_NAME)
    assert dict(read.model.elements) == dict(head.elements)
    assert dict(read.model.relations) == dict(head.relations)
