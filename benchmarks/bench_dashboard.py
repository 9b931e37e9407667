"""Dashboard benchmark: what a user waits for, measured in a real headless Chromium.

What it measures
----------------
* **Overview KPIs** — from ``page.goto`` until the six KPI cards show their values: *cold* (the
  first visit after the server started: the model is opened and analysed) and *warm* (a new
  session on the same server: analyses come from the cache keyed by the model's content hash).
* **Graph drawn** — inside the graph iframe, from the start of the iframe's document to the
  frame in which vis-network's first picture is on screen (``foraDrawnAt``; two animation frames
  after the constructor returned), and the part of that after the inlined vis-network script was
  parsed (``foraDrawnAt - foraBeforeDraw``). For the sample school (default kinds) and for a
  2,000-element synthetic model with every kind drawn (about 2,000 nodes, 7,900 edges).
  Target: under 1 s after the iframe loads.
* **Rerun after a filter change** — from clicking "Problems only" until the script has finished
  and the new graph is drawn (first time: the graph is built; second time: the same options
  again, from the cache), and after an unrelated widget (the list toggle below the graph).
* **Server side** — building the network page in Python (graph data + offline HTML), uncached.

Run
---
::

    .venv/bin/python benchmarks/bench_dashboard.py [--repeats 3]

Needs /usr/bin/chromium and the playwright package (never ``playwright install``). Prints one
table with the median of the repeats and the ratios worth watching. Timings are of this
machine under its current load; compare ratios across runs, not absolute numbers.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import synthetic_model  # noqa: E402

import fora_model as fm  # noqa: E402
from fora_model.dashboard import overview as db  # noqa: E402
from fora_model.viz import network, offline  # noqa: E402
from fora_model.viz.options import GraphOptions  # noqa: E402
from fora_model.viz.palette import KIND_STYLES  # noqa: E402
from tests.browser.helpers import app_server, graph_frame, launch_chromium, wait_idle  # noqa: E402

IFRAME_TIMES = "() => ({parsed: window.foraBeforeDraw, drawn: window.foraDrawnAt})"
NODES = "() => network.body.data.nodes.get().filter(n => n.kind !== 'header').length"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def seconds(start: float) -> float:
    return time.perf_counter() - start


def overview_time(page: Any, url: str, cards: list[tuple[str, str, str]]) -> float:
    start = time.perf_counter()
    page.goto(url)
    for label, value, _ in cards:
        page.get_by_test_id("stMetric").filter(has_text=label).get_by_text(value, exact=True).wait_for()
    return seconds(start)


def graph_times(page: Any) -> dict[str, float]:
    frame = graph_frame(page)
    times = frame.evaluate(IFRAME_TIMES)
    return {"drawn": times["drawn"] / 1000, "after_script": (times["drawn"] - times["parsed"]) / 1000,
            "nodes": frame.evaluate(NODES)}


def rerun(page: Any, action: Callable[[], None], redraw: bool) -> float:
    """Seconds from an action until the script is idle (and the graph redrawn when it changes)."""
    if redraw:
        page.evaluate("() => { document.querySelector('[data-testid=stIFrame]').contentWindow.foraOld = 1; }")
    start = time.perf_counter()
    action()
    if redraw:
        page.wait_for_function(
            "() => { const f = document.querySelector('[data-testid=stIFrame]');"
            " return f && f.contentWindow && f.contentWindow.foraOld === undefined"
            " && f.contentDocument.body && f.contentDocument.body.getAttribute('data-drawn') === '1'; }",
            polling=20, timeout=120_000)
    wait_idle(page)
    return seconds(start)


def server_build(model: fm.Model, options: GraphOptions) -> float:
    start = time.perf_counter()
    offline.offline_html(network.build_network(model, options))
    return seconds(start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    sample = fm.load_sample()
    synthetic = synthetic_model(2000, seed=0)
    cards = db.kpi_cards(db.kpis(sample))
    results: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        results.setdefault(name, []).append(value)

    all_kinds = GraphOptions(kinds=tuple(KIND_STYLES))
    for _ in range(args.repeats):
        add("server: sample network page (s)", server_build(sample, GraphOptions()))
        add("server: 2k network page, all kinds (s)", server_build(synthetic, all_kinds))

    with tempfile.TemporaryDirectory(prefix="fora-bench-") as folder, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        synthetic_file = Path(folder) / "synthetic-2000.json"
        fm.write_model(synthetic, synthetic_file)
        for repeat in range(args.repeats):
            with app_server(Path(folder) / f"sample-{repeat}.log") as server:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.set_default_timeout(120_000)
                add("overview KPIs, cold server (s)", overview_time(page, server.url, cards))
                wait_idle(page)
                second = context.new_page()
                add("overview KPIs, warm (s)", overview_time(second, server.url, cards))
                second.close()  # a page in a background tab gets throttled animation frames
                page.bring_to_front()
                page.goto(f"{server.url}/graph_explorer")
                times = graph_times(page)
                add("sample graph drawn after iframe start (s)", times["drawn"])
                add("sample graph drawn after vis script parsed (s)", times["after_script"])
                add("sample graph nodes", times["nodes"])
                wait_idle(page)
                toggle = page.get_by_text("Problems only")
                add("rerun: filter change, graph built (s)", rerun(page, toggle.click, redraw=True))
                add("rerun: filter change back, cached (s)", rerun(page, toggle.click, redraw=True))
                listing = page.get_by_text("List the elements shown")
                add("rerun: unrelated widget (s)", rerun(page, listing.click, redraw=False))
                context.close()
            with app_server(Path(folder) / f"synthetic-{repeat}.log", model_file=synthetic_file) as server:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.set_default_timeout(180_000)
                page.goto(f"{server.url}/graph_explorer")
                graph_frame(page)
                wait_idle(page)
                for pill in ("Information", "Application functions"):
                    page.get_by_role("button", name=pill, exact=True).click()
                    wait_idle(page)
                times = graph_times(page)
                add("2k graph drawn after iframe start (s)", times["drawn"])
                add("2k graph drawn after vis script parsed (s)", times["after_script"])
                add("2k graph nodes", times["nodes"])
                context.close()
        browser.close()

    print(f"dashboard benchmark, median of {args.repeats} (machine load included)")
    width = max(len(k) for k in results)
    for name, values in results.items():
        shown = f"{median(values):.0f}" if "nodes" in name else f"{median(values):.3f}"
        print(f"  {name:<{width}}  {shown}")
    ratio = median(results["2k graph drawn after iframe start (s)"]) / median(
        results["sample graph drawn after iframe start (s)"])
    print(f"  {'ratio 2k / sample graph drawn':<{width}}  {ratio:.2f}")
    warm = median(results["overview KPIs, warm (s)"]) / median(results["overview KPIs, cold server (s)"])
    print(f"  {'ratio warm / cold overview':<{width}}  {warm:.2f}")
    cached = median(results["rerun: filter change back, cached (s)"]) / median(
        results["rerun: filter change, graph built (s)"])
    print(f"  {'ratio cached / built rerun':<{width}}  {cached:.2f}")
    target = median(results["2k graph drawn after iframe start (s)"]) < 1.0
    print(f"  2k graph drawn within 1 s of the iframe starting: {'yes' if target else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
