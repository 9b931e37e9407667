"""The dashboard in a real headless Chromium, on the sample school: every page shows its known
text, the duplication CSV downloads with the report's rows, the graph draws every node on a
canvas and survives unrelated widgets, a bad upload is refused, and nothing leaves 127.0.0.1
(checked after every test by the ``browser_page`` fixture)."""

from __future__ import annotations

import csv
import io

import pytest

import fora_model as fm
import fora_model.analysis.status as astatus
from fora_model.dashboard import overview as db
from fora_model.viz.network import graph_data
from fora_model.viz.options import GraphOptions
from tests.browser.helpers import (
    app_server,
    chart_texts,
    graph_frame,
    grid_cells,
    open_page,
    screenshot,
    wait_for_charts,
    wait_idle,
    wait_rerun,
)

pytestmark = pytest.mark.browser

NODE_COUNT = "() => network.body.data.nodes.get().filter(n => n.kind !== 'header').length"


@pytest.fixture(scope="module")
def server(chromium, tmp_path_factory):
    with app_server(tmp_path_factory.mktemp("app") / "streamlit.log") as running:
        yield running


def test_every_page_shows_its_known_text(browser_page, server, sample):
    page, recorder = browser_page
    cards = db.kpi_cards(db.kpis(sample))

    open_page(page, server, "", known="Overview")
    for label, value, _ in cards:
        page.get_by_test_id("stMetric").filter(has_text=label).get_by_text(value, exact=True).wait_for()
    wait_for_charts(page, 2)
    assert "Goals, processes and activities by support" in chart_texts(page)
    screenshot(page, "overview")

    open_page(page, server, "graph_explorer", known="Graph explorer")
    graph_frame(page)
    page.get_by_text("Find an element").wait_for()
    screenshot(page, "graph_explorer")

    open_page(page, server, "rationalisation", known="Rationalisation")
    page.get_by_text("Download CSV").wait_for()
    assert sample.element(fm.duplicated_activities(sample)["activity_id"].iloc[0]).name in grid_cells(page)
    screenshot(page, "rationalisation")

    open_page(page, server, "board_view", known="Board view")
    wait_for_charts(page, 3)
    texts = chart_texts(page)
    assert {"Coverage by goal", "Top duplications by cost"} <= set(texts)
    page.get_by_text("How much of each goal's work has a system").wait_for()
    screenshot(page, "board_view")

    open_page(page, server, "model_page", known="Open a model file")
    page.get_by_text(f"{sample.name}  ·  from workspace model sample-school, revision 1").wait_for()
    screenshot(page, "model_page")
    assert recorder.requests  # the recorder saw the page's own traffic


def parse(data: bytes, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


def test_the_duplication_csv_downloads_with_the_reports_rows(browser_page, server, sample):
    page, _ = browser_page
    report = fm.duplicated_activities(sample, include_inherited=False)  # the page lists root rows by default
    open_page(page, server, "rationalisation", known="Download CSV")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    data = download.value.path().read_bytes()
    rows = parse(data)
    assert rows[0] == list(fm.DUPLICATE_COLUMNS)
    assert [r[0] for r in rows[1:]] == report["activity_id"].tolist()
    assert [int(r[rows[0].index("application_count")]) for r in rows[1:]] == report["application_count"].tolist()
    assert data == fm.report_csv(report)

    page.get_by_text("Excel, Dutch (; and decimal comma)").click()
    wait_rerun(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    excel = download.value.path().read_bytes()
    assert excel.startswith(b"\xef\xbb\xbf") and excel == fm.report_csv(report, excel=True)
    excel_rows = parse(excel, ";")
    assert excel_rows[0] == rows[0] and [r[0] for r in excel_rows] == [r[0] for r in rows]


def test_the_graph_draws_every_node_on_a_canvas(browser_page, server, sample):
    page, _ = browser_page
    open_page(page, server, "graph_explorer", known="Graph explorer")
    frame = graph_frame(page)
    assert frame.evaluate("() => document.querySelector('#mynetwork canvas') !== null")
    expected = graph_data(sample, GraphOptions(problems_only=True))  # the page opens on the problems
    assert frame.evaluate(NODE_COUNT) == len(expected.element_ids)
    assert frame.evaluate("() => network.body.data.edges.length") == len(expected.edges)
    labels = frame.evaluate("() => network.body.data.nodes.get().filter(n => n.kind !== 'header').map(n => n.label)")
    assert sorted(labels) == sorted(n["label"] for n in expected.element_nodes)
    # what vis-network drew: every node has a position on the canvas
    assert frame.evaluate("() => Object.keys(network.getPositions()).length") == len(expected.nodes)


def test_an_unrelated_widget_does_not_reload_the_graph_but_a_filter_does(browser_page, server, sample):
    page, _ = browser_page
    open_page(page, server, "graph_explorer", known="Graph explorer")
    frame = graph_frame(page)
    frame.evaluate("() => { window.foraMarker = 42; }")
    page.get_by_text("List the elements shown").click()
    page.get_by_test_id("stDataFrame").wait_for()
    wait_idle(page)
    frame = graph_frame(page)
    assert frame.evaluate("() => window.foraMarker") == 42  # the same document: not re-mounted

    status = astatus.element_status(sample)
    problems = status["status"].isin(["duplicated", "unsupported"]).sum()
    assert problems < frame.evaluate(NODE_COUNT) < len(graph_data(sample).element_ids)  # opens on the problems
    page.get_by_text("Problems only").click()  # the whole graph, one click away
    page.wait_for_function(
        "() => { const f = document.querySelector('[data-testid=stIFrame]');"
        " return f && f.contentWindow && f.contentWindow.foraMarker === undefined; }")
    frame = graph_frame(page)
    assert frame.evaluate(NODE_COUNT) == len(graph_data(sample).element_ids)


def test_a_bad_upload_is_refused_and_the_model_stays(browser_page, server, sample, tmp_path):
    page, _ = browser_page
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "fora-model", "format_version": 1, "elements": [', encoding="utf-8")
    open_page(page, server, "model_page", known="Open a model file")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(broken))
    page.get_by_text("broken.json was not opened: it has 1 error. The open model is unchanged.").wait_for()
    wait_idle(page)
    assert "syntax-error" in grid_cells(page, 1)
    page.get_by_text(f"{sample.name}  ·  from workspace model sample-school, revision 1").wait_for()
    screenshot(page, "model_page_bad_upload")
