"""The board pack: one self-contained offline HTML file, escaped everywhere, printing on A4
landscape without cutting a section. Browser tests run Debian's chromium headless."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import fora_model as fm
from fora_model.analysis.scenario_files import store_scenario
from fora_model.analysis.scenarios import Scenario
from fora_model.board_pack.report import board_data, board_report, write_board_report

SECTIONS = ["decision", "overview", "coverage", "landscape", "duplications", "time", "retirements", "gaps", "privacy",
            "renewals", "scenarios", "reports"]
"""Every section of the pack in order; the landscape map continues on ``landscape-2``, ... when
it needs more than one page."""
TODAY = dt.date(2026, 6, 1)
PAGE_HEIGHT_PX = 190 / 25.4 * 96  # A4 landscape, 10 mm margins: 190 mm of content height
PAGE_WIDTH_PX = 277 / 25.4 * 96
HOSTILE = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    '<a href="http://x.invalid/">click</a>',
    "![](http://x.invalid/i.png)",
    "</script><b>bold</b>",
]


def hostile_model() -> fm.Model:
    """Every kind of name a user could type, in every place the report shows a name."""
    m = fm.Model(name=HOSTILE[0] + " school")
    m.add_element(fm.Element.new("goal", HOSTILE[1], id="g"))
    m.add_element(fm.Element.new("process", HOSTILE[2], id="p"))
    m.add_relation(fm.Relation.new("contributes_to", "p", "g"))
    m.add_element(fm.Element.new("information", HOSTILE[3], id="i", personal_data=True))
    for n, name in enumerate(HOSTILE):
        m.add_element(fm.Element.new("activity", f"{name} work", id=f"x{n}", criticality="high"))
        m.add_relation(fm.Relation.new("composed_of", "p", f"x{n}"))
        m.add_element(fm.Element.new(
            "application", name, id=f"a{n}", annual_cost=1000 * (n + 1), exit_cost=100, functional_fit=1 + n % 4,
            technical_fit=1 + (n * 3) % 4, contract_end="2026-12-31", notice_months=3, dpa_signed=False,
            data_location="outside EU", lifecycle="phase-out" if n == 4 else "active"))
        m.add_relation(fm.Relation.new("supports", f"a{n}", f"x{n}"))
        m.add_relation(fm.Relation.new("accesses", f"a{n}", "i", access="write"))
    m.add_relation(fm.Relation.new("supports", "a1", "x0"))  # a duplicate
    m.add_element(fm.Element.new("activity", HOSTILE[4] + " gap", id="gap"))  # a real gap
    m.add_element(fm.Element.new("application", HOSTILE[1] + " orphan", id="orphan", annual_cost=10))
    store_scenario(m, Scenario(HOSTILE[0], retire=["a0"]))
    return m


class _Tags(HTMLParser):
    """Every start tag and its attributes, outside script and style content."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.fixture(scope="module")
def sample_html() -> str:
    return board_report(fm.load_sample(), today=TODAY)


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return board_report(hostile_model(), today=TODAY)


def section_ids(html: str) -> list[str]:
    return [str(a.get("id")) for t, a in tags(html) if t == "section"]


def landscape_pages(html: str) -> int:
    return sum(1 for i in section_ids(html) if re.fullmatch(r"landscape(-\d+)?", i))


def test_every_section_is_there_once(sample_html):
    ids = section_ids(sample_html)
    assert [i for i in ids if not re.fullmatch(r"landscape-\d+", i)] == SECTIONS
    # the sample school's map is taller than a page: it continues on numbered pages right after the first
    pages = landscape_pages(sample_html)
    assert pages > 1
    start = ids.index("landscape")
    assert ids[start:start + pages] == ["landscape"] + [f"landscape-{n}" for n in range(2, pages + 1)]


def test_plotly_is_embedded_once_and_nothing_is_linked(sample_html):
    assert len(re.findall(r"plotly\.js v\d", sample_html)) == 1
    assert sample_html.count("Plotly.newPlot") == 2 + landscape_pages(sample_html)
    for tag, attrs in tags(sample_html):
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
    assert "cdn." not in sample_html.lower().split("<script>")[0]


def test_model_text_is_escaped_in_tables_and_figures(hostile_html):
    for name in HOSTILE[:3] + HOSTILE[4:]:
        assert name not in hostile_html  # never raw, neither in the tables nor in the figure data
    starts = tags(hostile_html)
    assert not [t for t, _ in starts if t in ("img", "a") and t != "a"]
    assert all(a.get("href", "#").startswith("#") for t, a in starts if t == "a")
    # plotly's config, plotly.js and one per figure (coverage, TIME and the landscape's pages)
    assert [t for t, _ in starts].count("script") == 4 + landscape_pages(hostile_html)
    assert [t for t, _ in starts].count("b") == 0
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile_html


def test_board_data_is_what_the_analyses_say():
    school = fm.load_sample()
    data = board_data(school, today=TODAY)
    # the root rows by default; the inherited ones only repeat a duplicate of a process above them
    roots = fm.duplicated_activities(school, level="application", include_inherited=False)
    assert sorted(data.duplicates["activity_id"]) == sorted(roots["activity_id"])
    assert data.duplicated_inherited == len(fm.duplicated_activities(school)) - len(roots) > 0
    assert data.scenarios[0].scenario.name == "Proposed retirements"
    assert list(data.comparison.columns[:3]) == ["measure", "current", "Proposed retirements"]
    assert data.applications == sum(1 for e in school.elements_of("application")
                                    if e.attributes.get("lifecycle") != "plan")


def _inherited_pack_model() -> fm.Model:
    """Pupil care (a process) is served by CareApp and Dossier; its two activities reach both only
    through it. One root row (Pupil care), two inherited rows."""
    m = fm.Model(name="Inherited")
    m.add_element(fm.Element.new("process", "Pupil care", id="p"))
    for ident, name in (("a1", "Register intake"), ("a2", "Refer pupil")):
        m.add_element(fm.Element.new("activity", name, id=ident))
        m.add_relation(fm.Relation.new("composed_of", "p", ident))
    for ident, name, cost in (("x", "CareApp", 3000), ("y", "Dossier", 2000)):
        m.add_element(fm.Element.new("application", name, id=ident, annual_cost=cost, lifecycle="active"))
        m.add_relation(fm.Relation.new("supports", ident, "p"))
    return m


def _duplications_page(text: str) -> str:
    return text[text.index('id="duplications"'):text.index('id="time"')]


def test_the_board_pack_lists_root_rows_and_marks_inherited_ones_on_request():
    model = _inherited_pack_model()
    data = board_data(model, today=TODAY)
    assert data.duplicates["activity"].tolist() == ["Pupil care"]
    page = _duplications_page(board_report(model, today=TODAY))
    assert "Pupil care" in page and "Register intake" not in page and "inherited from" not in page
    assert "2 more elements only repeat the duplicate of a process above them" in page
    assert "duplicated elements (paid for twice or more)" in board_report(model, today=TODAY)
    every = board_data(model, today=TODAY, include_inherited=True)
    assert sorted(every.duplicates["activity"]) == ["Pupil care", "Refer pupil", "Register intake"]
    page = _duplications_page(board_report(model, today=TODAY, include_inherited=True))
    # Pupil care: its own row, then the process and the "inherited from" mark of each activity
    assert "inherited from" in page and page.count("<td><div>Pupil care</div></td>") == 5


def test_the_board_pack_headline_counts_root_rows():
    text = board_report(_inherited_pack_model(), today=TODAY, include_inherited=True)
    overview = text[text.index('id="overview"'):text.index('id="coverage"')]
    card = overview[overview.index("duplicated elements") - 200:overview.index("duplicated elements")]
    assert ">1<" in card
    # both activities are covered only through Pupil care
    assert "2 elements of it are covered only through a process above them" in overview


def test_write_board_report_reports_its_size(tmp_path):
    path = tmp_path / "report.html"
    size = write_board_report(fm.load_sample(), path, today=TODAY)
    assert size == path.stat().st_size
    assert 4_000_000 < size < 6_000_000  # plotly.js (about 4.7 MB) once, plus a few hundred kB


# ---------------------------------------------------------------- in a real browser

@pytest.fixture(scope="module")
def browser(chromium):
    """The session's headless Chromium (tests/conftest.py)."""
    return chromium


def open_report(browser, path: Path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    seen = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_selector("#figure-time .main-svg")
    return page, seen


def check_print(page, pdf: bytes) -> list[float]:
    """Section heights in print layout; every one must fit a page, and the PDF must have one page
    per section (each section starts a page; one taller than a page would spill onto a second)."""
    page.emulate_media(media="print")
    page.set_viewport_size({"width": int(PAGE_WIDTH_PX), "height": int(PAGE_HEIGHT_PX)})
    sections = page.eval_on_selector_all("section.page", "nodes => nodes.map(n => n.id)")
    heights = [page.locator(f"#{s}").bounding_box()["height"] for s in sections]
    for section, height in zip(sections, heights, strict=True):
        assert height <= PAGE_HEIGHT_PX, f"section {section} is {height:.0f}px, a page holds {PAGE_HEIGHT_PX:.0f}px"
    for section in sections:  # nothing sticks out sideways either
        width = page.locator(f"#{section}").evaluate("el => el.scrollWidth")
        assert width <= PAGE_WIDTH_PX + 1, f"section {section} is {width}px wide, a page holds {PAGE_WIDTH_PX:.0f}px"
    for figure in ("coverage", "time"):
        box = page.locator(f"#figure-{figure}").bounding_box()
        assert box["width"] <= PAGE_WIDTH_PX and box["height"] <= PAGE_HEIGHT_PX
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == len(sections), f"{pages} PDF pages for {len(sections)} sections: a section was split"
    return heights


@pytest.mark.browser
@pytest.mark.parametrize("which", ["sample", "hostile", "crowded"])
def test_report_opens_offline_shows_every_section_and_prints_whole(browser, tmp_path, which, capsys):
    model = {"sample": fm.load_sample, "hostile": hostile_model, "crowded": crowded_model}[which]()
    path = tmp_path / "report.html"
    size = write_board_report(model, path, today=TODAY)
    page, seen = open_report(browser, path)
    outside = [u for u in seen["requests"] if u != path.as_uri()]
    assert outside == [], f"requests outside the file: {outside}"
    assert seen["errors"] == [] and seen["dialogs"] == []
    for section in SECTIONS:
        locator = page.locator(f"#{section}")
        assert locator.is_visible(), section
        assert locator.bounding_box()["height"] > 50, section
    assert page.locator(".main-svg").count() >= 2
    if which == "hostile":
        text = page.locator("#retirements").inner_text() + page.locator("#privacy").inner_text()
        assert "<img src=x onerror=alert(1)>" in text  # shown as text, not as an image
        assert '<script>alert("x")</script>' in text
        assert page.locator("img").count() == 0 and page.locator("main a").count() == 0
        assert page.locator("b").count() == 0
        figure = page.locator("#figure-time").text_content()
        assert "<img src=x" in figure  # the bubble labels, drawn as svg text, not as markup
        assert "</script><b>bold" in figure
        assert page.locator("#figure-time a").count() == 0
    pdf = page.pdf(format="A4", landscape=True)
    heights = check_print(page, pdf)
    page.close()
    with capsys.disabled():
        print(f"\n[board report, {which}] {size / 1e6:.2f} MB HTML, {len(pdf) / 1e3:.0f} kB PDF, "
              f"section heights (px, page {PAGE_HEIGHT_PX:.0f}): {', '.join(f'{h:.0f}' for h in heights)}")


def crowded_model() -> fm.Model:
    """Everything at its worst for the layout: long names everywhere, many rows in every table."""
    long = "Extraordinarily long name of something the school keeps in a system nobody remembers buying"
    m = fm.Model(name=long)
    for g in range(12):
        m.add_element(fm.Element.new("goal", f"{long} goal {g}", id=f"g{g}"))
    for p in range(12):
        m.add_element(fm.Element.new("process", f"{long} process {p}", id=f"p{p}", criticality="high"))
        m.add_relation(fm.Relation.new("contributes_to", f"p{p}", f"g{p}"))
    for i in range(40):
        m.add_element(fm.Element.new("information", f"{long} information {i}", id=f"i{i}", personal_data=True))
    for a in range(40):
        m.add_element(fm.Element.new(
            "application", f"{long} application {a}", id=f"a{a}", annual_cost=1000 + a, exit_cost=500,
            functional_fit=1 + a % 4, technical_fit=1 + (a // 4) % 4, contract_end="2027-01-31",
            notice_months=2, dpa_signed=False, data_location="outside EU",
            lifecycle="phase-out" if a % 7 == 0 else "active"))
    for x in range(80):
        m.add_element(fm.Element.new("activity", f"{long} activity {x}", id=f"x{x}"))
        m.add_relation(fm.Relation.new("composed_of", f"p{x % 12}", f"x{x}"))
        for a in {x % 40, (x * 7) % 40, (x * 11 + 3) % 40} if x < 60 else set():
            m.add_relation(fm.Relation.new("supports", f"a{a}", f"x{x}"))
    for a in range(40):
        m.add_relation(fm.Relation.new("accesses", f"a{a}", f"i{a % 20}", access="write"))
    for s in range(5):
        store_scenario(m, Scenario(f"{long} scenario {s}", retire=[f"a{a}" for a in range(s, 40, 3)]))
    unbroken = "Z" * 150  # a name with nowhere to wrap
    m.add_element(fm.Element.new("application", unbroken, id="z", annual_cost=9e6, exit_cost=1, functional_fit=1,
                                 technical_fit=1, contract_end="2026-07-01", dpa_signed=False))
    m.add_relation(fm.Relation.new("supports", "z", "x0"))
    m.add_relation(fm.Relation.new("accesses", "z", "i0", access="write"))
    m.add_element(fm.Element.new("activity", unbroken, id="xz"))
    return m
