"""The landscape map in a real headless Chromium: it draws every domain, a click on an application's
tile says where that application sits, and "Open in the graph explorer" focuses the graph on it.
Screenshots at a projector's and a laptop's width go to ``screenshots/``."""

from __future__ import annotations

import pytest

from fora_model.analysis.landscape import landscape
from tests.browser.helpers import (
    app_server,
    chart_texts,
    grid_cells,
    open_page,
    screenshot,
    wait_for_charts,
    wait_rerun,
)

pytestmark = pytest.mark.browser

# the page coordinates of the point whose customdata is the given id, from plotly's own axes
POINT = """id => {
  const gd = document.querySelector('[data-testid=stPlotlyChart] .js-plotly-plot');
  const layout = gd._fullLayout;
  for (const trace of gd.data) {
    const at = (trace.customdata || []).indexOf(id);
    if (at < 0) continue;
    const box = gd.getBoundingClientRect();
    return [box.left + layout.margin.l + layout.xaxis.l2p(trace.x[at]),
            box.top + layout.margin.t + layout.yaxis.l2p(trace.y[at])];
  }
  return null;
}"""


# pairs of map texts (names, headers) whose drawn boxes overlap: a name running into its neighbour
OVERLAPS = """() => {
  const boxes = Array.from(document.querySelectorAll('[data-testid=stPlotlyChart] .annotation-text'))
    .map(t => [t.textContent, t.getBoundingClientRect()]);
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, p] = boxes[i], [b, q] = boxes[j];
    if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1)
      out.push(a + ' / ' + b);
  }
  return [boxes.length, out];
}"""


@pytest.fixture(scope="module")
def server(chromium, tmp_path_factory):
    with app_server(tmp_path_factory.mktemp("landscape") / "streamlit.log") as running:
        yield running


def test_a_click_on_a_tile_says_where_it_sits_and_opens_the_graph(browser_page, server, sample):
    page, _ = browser_page
    open_page(page, server, "landscape", known="Landscape map")
    wait_for_charts(page, 1)
    frame = landscape(sample)
    texts = chart_texts(page)
    for domain in frame["domain"].unique():
        assert domain in texts
    tile = frame[frame["application_status"] == "duplicated"].iloc[0]
    point = page.evaluate(POINT, tile["application_id"])
    assert point is not None
    page.mouse.move(point[0] - 20, point[1] - 5)
    page.mouse.move(*point, steps=8)  # plotly picks the point on hover; the click then selects it
    page.wait_for_function("() => document.querySelectorAll('.hoverlayer .hovertext').length > 0")
    page.mouse.down()
    page.mouse.up()
    wait_rerun(page)
    page.get_by_role("heading", name=tile["application"]).wait_for()
    functions = set(frame.loc[frame["application_id"] == tile["application_id"], "function"])
    assert functions <= set(grid_cells(page))
    screenshot(page, "landscape")
    page.get_by_role("button", name="Open in the graph explorer").click()
    wait_rerun(page)
    page.get_by_text("Graph explorer", exact=True).first.wait_for()
    page.wait_for_function(  # the focus box holds the application
        "name => Array.from(document.querySelectorAll('input[aria-label=\"Find an element\"]'))"
        ".some(i => i.value === name)", arg=f"{tile['application']} (application)")


@pytest.mark.parametrize("width", [1024, 1440])
def test_the_map_at_a_projector_and_a_laptop_width(chromium, server, width):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        open_page(page, server, "landscape", known="Landscape map")
        wait_for_charts(page, 1)
        screenshot(page, f"landscape-{width}")
        count, overlaps = page.evaluate(OVERLAPS)
        assert count > 100
        assert overlaps == []
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow} px at {width} px"
    finally:
        context.close()
