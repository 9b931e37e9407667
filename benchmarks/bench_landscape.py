"""Landscape map benchmark: the map of the sample school and of a reference model of real size,
built server-side and drawn in headless Chromium.

For each model: the seconds to compute the placement (:func:`fora_model.analysis.landscape.landscape`,
cold, on a fresh copy) and the figure, the number of boxes and tiles, and in the browser the time
from opening the page (the figure with plotly.js inline, nothing loaded from the network) until the
map is drawn, and the time plotly takes to draw it again (``Plotly.react``), median of three.

Run: ``python benchmarks/bench_landscape.py [--elements 2500]`` (needs Debian's chromium).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

if importlib.util.find_spec("fora_model") is None:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import fora_model as fm
from benchmarks.bench_formats import reference_model
from fora_model.analysis.landscape import landscape
from fora_model.viz.landscape import landscape_figure
from tests.browser.helpers import launch_chromium

REDRAW = """async () => {
  const gd = document.querySelector('.js-plotly-plot');
  const start = performance.now();
  await Plotly.react(gd, gd.data, gd.layout);
  return performance.now() - start;
}"""


def measure(name: str, model: fm.Model, browser: object, folder: Path) -> list[str]:
    started = time.perf_counter()
    frame = landscape(model.copy())
    placed = time.perf_counter() - started
    started = time.perf_counter()
    fig = landscape_figure(frame)
    built = time.perf_counter() - started
    page_file = folder / f"{name}.html"
    fig.write_html(page_file, include_plotlyjs=True, full_html=True)
    page = browser.new_page(viewport={"width": 1440, "height": 900})  # type: ignore[attr-defined]
    started = time.perf_counter()
    page.goto(page_file.as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg .annotation")
    opened = time.perf_counter() - started
    redraw = statistics.median(page.evaluate(REDRAW) for _ in range(3)) / 1000
    page.close()
    boxes = frame["function_id"].nunique()
    tiles = int((frame["application_id"] != "").sum())
    return [name, f"{len(model.elements):,}", f"{boxes}", f"{tiles}", f"{placed:.2f}", f"{built:.2f}",
            f"{opened:.2f}", f"{redraw:.2f}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=2_500)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    rows = [["model", "elements", "boxes", "tiles", "placement s", "figure s", "open → drawn s", "redraw s"]]
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        rows.append(measure("sample school", fm.load_sample(), browser, Path(folder)))
        rows.append(measure("reference model", reference_model(args.elements), browser, Path(folder)))
        browser.close()
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
