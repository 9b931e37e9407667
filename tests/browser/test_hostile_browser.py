"""The dashboard in a real headless Chromium on a model whose names are hostile (the sample school
with ``<img src=x onerror=alert(1)>``, ``<script>``, ``<a href="http://x.invalid">`` and
``![](http://x.invalid/i.png)`` as names, see tests/dashboard_fixtures.py), opened through
``FORA_MODEL_FILE``: no page opens a dialog or makes a request (checked by ``browser_page`` after
every test) and the names show as plain text in the tables, the graph and the charts."""

from __future__ import annotations

import pytest

import fora_model as fm
import fora_model.dashboard.common as dcommon
import fora_model.dashboard.downloads as ddown
from tests.browser.helpers import (
    app_server,
    chart_texts,
    graph_frame,
    grid_cells,
    open_page,
    screenshot,
    wait_for_charts,
)
from tests.dashboard_fixtures import HOSTILE, HOSTILE_MODEL_NAME, hostile_model

pytestmark = pytest.mark.browser

INJECTED = "img[src='x'], img[src*='x.invalid'], a[href*='x.invalid']"


@pytest.fixture(scope="module")
def hostile(sample) -> tuple[fm.Model, dict[str, str]]:
    return hostile_model(sample)


@pytest.fixture(scope="module")
def server(chromium, tmp_path_factory, hostile):
    folder = tmp_path_factory.mktemp("hostile")
    fm.write_model(hostile[0], folder / "hostile.json")
    with app_server(folder / "streamlit.log", model_file=folder / "hostile.json") as running:
        yield running


def no_markup_from_names(page) -> None:
    """Nothing the names spell out became an element of the page: no image, link or script."""
    assert page.locator(INJECTED).count() == 0
    assert page.evaluate("() => Array.from(document.scripts).filter(s => s.text.includes('alert(')).length") == 0


def test_the_overview_shows_the_names_as_text(browser_page, server):
    page, _ = browser_page
    open_page(page, server, "", known="Overview")
    wait_for_charts(page, 2)
    captions = [c.replace(dcommon.WORD_JOINER, "") for c in page.eval_on_selector_all(
        "[data-testid=stCaptionContainer]", "nodes => nodes.map(n => n.textContent)")]
    assert any(c.startswith(f"{HOSTILE_MODEL_NAME} · revision 1 · ") for c in captions)  # the sidebar
    assert f"{HOSTILE_MODEL_NAME} · supporters counted as applications" in captions  # under the title
    texts = chart_texts(page)
    assert HOSTILE[1] in texts  # the application, on the bar chart's axis
    assert HOSTILE[2] in texts  # the goal, in the sunburst's centre ring
    no_markup_from_names(page)
    screenshot(page, "hostile_overview")


def test_the_duplicates_table_shows_the_names_as_text(browser_page, server):
    page, _ = browser_page
    open_page(page, server, "rationalisation", known="Download CSV")
    cells = grid_cells(page)
    assert HOSTILE[0] in cells  # the activity
    assert HOSTILE[3] in cells  # its process
    assert any(HOSTILE[1] in cell for cell in cells)  # among its applications
    no_markup_from_names(page)
    screenshot(page, "hostile_rationalisation")


def test_the_graph_draws_the_names_as_text(browser_page, server):
    page, _ = browser_page
    open_page(page, server, "graph_explorer", known="Graph explorer")
    frame = graph_frame(page)
    labels = frame.evaluate("() => network.body.data.nodes.get().map(n => n.label)")
    assert set(HOSTILE) <= set(labels)
    titles = frame.evaluate("() => network.body.data.nodes.get().map(n => n.title || '')")
    assert not [t for t in titles if "href" in t.lower()]
    assert frame.locator("img, a[href], iframe").count() == 0
    # hover the hostile activity: vis-network shows its tooltip as text
    node = frame.evaluate("name => network.body.data.nodes.get().find(n => n.label === name).id", HOSTILE[0])
    frame.evaluate("id => network.moveTo({position: network.getPositions([id])[id], scale: 1.5})", node)
    spot = frame.evaluate(
        "id => { const p = network.canvasToDOM(network.getPositions([id])[id]);"
        " const r = document.getElementById('mynetwork').getBoundingClientRect();"
        " return {x: r.left + p.x, y: r.top + p.y}; }", node)
    box = page.locator('[data-testid="stIFrame"]').bounding_box()
    page.mouse.move(box["x"] + spot["x"] - 20, box["y"] + spot["y"] - 20)
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"], steps=5)
    tooltip = frame.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().startswith(f"Activity: {HOSTILE[0]}")
    assert tooltip.locator("img, script, a").count() == 0
    assert frame.evaluate("id => network.getNodeAt(network.canvasToDOM(network.getPositions([id])[id]))",
                          node) == node
    screenshot(page, "hostile_graph")


def test_the_search_box_lists_the_names_as_text(browser_page, server):
    page, _ = browser_page
    open_page(page, server, "graph_explorer", known="Graph explorer")
    box = page.get_by_role("combobox", name="Find an element")
    box.click()
    box.fill("onerror")
    option = page.get_by_role("option").filter(has_text="onerror").first
    option.wait_for()
    assert option.inner_text().strip() == f"{HOSTILE[0]} (activity)"
    no_markup_from_names(page)


def test_the_board_charts_show_the_names_as_text(browser_page, server):
    page, _ = browser_page
    open_page(page, server, "board_view", known="Board view")
    wait_for_charts(page, 3)
    texts = chart_texts(page)
    assert any(t.startswith(HOSTILE[2]) for t in texts)  # the goal as text, its share on the line below
    flat = [t.replace(" ", "") for t in texts]  # a wrapped label's lines are read without the space between them
    assert any(t.startswith(HOSTILE[0][:20].replace(" ", "")) for t in flat)  # the costliest duplication
    no_markup_from_names(page)
    screenshot(page, "hostile_board_view")


def test_the_model_page_shows_the_name_as_text(browser_page, server, hostile):
    page, _ = browser_page
    open_page(page, server, "model_page", known="Open a model file")
    page.get_by_text(f"{HOSTILE_MODEL_NAME}  ·  from workspace model hostile, revision 1").wait_for()
    assert ddown.model_file_name(hostile[0]) == "http-x.invalid-m.png-img-src-x-onerror-alert-5-school.json"
    no_markup_from_names(page)
