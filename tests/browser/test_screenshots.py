"""Screenshots of every page of the dashboard and of the board pack, at a projector's width (1024 px)
and a laptop's (1440 px), in Dutch and English, for a person to review.

Each page is opened with ``?lang=nl`` or ``?lang=en``, waited on until its script is idle and its
charts are drawn, and checked: no exception box, and (a test of its own, from the same visits) no
metric whose label or value is cut off sideways.
The board pack is opened from its file and checked the same way: no script error, every figure
inside its page, no text cut off. The PNG files go to ``$FORA_MODEL_SCREENSHOTS/screenshots/``
(by default a pytest temporary folder; never committed), named ``<lang>-<width>-<page>.png``.
One server and one browser page serve every shot (nothing leaves 127.0.0.1: ``browser_page``
checks).
"""

from __future__ import annotations

import ast
import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

import fora_model as fm
from fora_model.board_pack.report import write_board_report
from tests.browser.helpers import APP, app_server, wait_idle

pytestmark = pytest.mark.browser

WIDTHS = (1024, 1440)
LANGUAGES = ("nl", "en")
HEIGHT = 900


def app_pages() -> list[tuple[str, str]]:
    """(name, url path) of every page app.py's navigation lists, in its order; the default page
    lives at the root."""
    pages = []
    for node in ast.walk(ast.parse(APP.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page":
            script = Path(node.args[0].value).stem  # type: ignore[attr-defined]
            default = any(k.arg == "default" and getattr(k.value, "value", False) for k in node.keywords)
            pages.append((script, "" if default else script))
    return pages


PAGES = app_pages()

CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]'))
  .every(c => c.querySelector('.main-svg'))"""

CLIPPED_METRICS = """() => Array.from(document.querySelectorAll(
    '[data-testid=stMetricValue], [data-testid=stMetricValue] *, [data-testid=stMetricLabel] *'))
  .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.textContent)"""

# text of the pack cut off sideways: cells, cards and headings wider than their box
CLIPPED_PACK = """() => Array.from(document.querySelectorAll('section.page, .kpi .value, h1, h2, th, td.num'))
  .filter(e => e.scrollWidth > e.clientWidth + 1)
  .map(e => (e.id || e.tagName) + ': ' + e.textContent.slice(0, 60))"""

# figures whose right edge lies beyond their page's content box
FIGURES_OUTSIDE = """() => Array.from(document.querySelectorAll('.figure')).filter(f => {
    const page = f.closest('section.page'); const style = getComputedStyle(page);
    const right = page.getBoundingClientRect().right - parseFloat(style.paddingRight);
    return f.querySelector('.main-svg').getBoundingClientRect().right > right + 1;
  }).map(f => f.closest('section.page').id)"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = os.environ.get("FORA_MODEL_SCREENSHOTS")
    base = Path(root) if root else Path(tmp_path_factory.mktemp("shots"))
    target = base / "screenshots"
    target.mkdir(parents=True, exist_ok=True)
    return target


@pytest.fixture(scope="module")
def server(chromium, tmp_path_factory):
    with app_server(tmp_path_factory.mktemp("screens") / "streamlit.log") as running:
        yield running


def shoot_app(page: Any, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the window grows to hold it."""
    size = page.viewport_size
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=stMain]'); return m ? m.scrollHeight : 0; }")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height) + 40, 6000))})
    page.wait_for_timeout(400)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


CLIPPED: dict[str, list[str]] = {}
"""Per shot (``<lang>-<width>-<page>``), the metric texts cut off sideways, filled by the page test."""


def test_every_page_in_both_languages_at_a_projector_and_a_laptop_width(browser_page, server, folder, capsys):
    assert len(PAGES) >= 14 and PAGES[0][1] == ""  # every page of the navigation, the default first
    page, _recorder = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    problems: list[str] = []
    written: list[Path] = []
    CLIPPED.clear()
    for language in LANGUAGES:
        for name, path in PAGES:
            page.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
            page.goto(f"{server.url}/{path}?lang={language}")
            page.wait_for_selector('[data-testid="stApp"]')
            wait_idle(page)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                wait_idle(page)
                page.wait_for_function(CHARTS_DRAWN, timeout=120_000)
                page.wait_for_timeout(300)  # let the layout settle at the new width
                where = f"{language}-{width}-{name}"
                if page.locator('[data-testid="stException"]').count():
                    problems.append(f"{where}: an exception box")
                CLIPPED[where] = page.evaluate(CLIPPED_METRICS)
                shot = folder / f"{where}.png"
                shoot_app(page, shot)
                written.append(shot)
    assert errors == [], errors
    assert problems == [], "\n".join(problems)
    assert all(p.stat().st_size > 10_000 for p in written)
    with capsys.disabled():
        print(f"\n[screenshots] {len(written)} pages in {folder}")


def test_no_metric_is_cut_off_on_any_page_at_either_width():
    if not CLIPPED:
        pytest.skip("the page test did not run (run this module as a whole)")
    assert len(CLIPPED) == len(PAGES) * len(WIDTHS) * len(LANGUAGES)
    cut = {where: texts for where, texts in CLIPPED.items() if texts}
    assert cut == {}, cut


def test_the_board_pack_in_both_languages_at_both_widths(chromium, tmp_path, folder, capsys):
    school = fm.load_sample()
    context = chromium.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    problems: list[str] = []
    written: list[Path] = []
    try:
        for language in LANGUAGES:
            pack = tmp_path / f"board-pack-{language}.html"
            write_board_report(school, pack, today=dt.date(2026, 6, 1), language=language)
            page.goto(pack.as_uri())
            page.wait_for_selector("#figure-time .main-svg")
            assert page.locator("html").get_attribute("lang") == language
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                page.wait_for_timeout(300)
                where = f"{language}-{width}-board-pack"
                clipped = page.evaluate(CLIPPED_PACK)
                if clipped:
                    problems.append(f"{where}: text cut off: {clipped}")
                outside = page.evaluate(FIGURES_OUTSIDE)
                if outside:
                    problems.append(f"{where}: figures beyond their page: {outside}")
                shot = folder / f"{where}.png"
                page.screenshot(path=str(shot), full_page=True)
                written.append(shot)
            assert [u for u in requests if u != pack.as_uri()] == []
            requests.clear()
    finally:
        context.close()
    assert errors == [], errors
    assert problems == [], "\n".join(problems)
    with capsys.disabled():
        print(f"\n[screenshots] board pack: {', '.join(p.name for p in written)}")
