"""The board pack as a decision document: its first page asks the board to decide the proposal (what
to retire, what that saves and costs, what it risks), the evidence follows, every text is 12 px or
more, it prints on A4 landscape, it names reports in words instead of commands, and it speaks
Dutch or English."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re

import pytest

import fora_model as fm
from fora_model.analysis.savings import proposed_retirements, redundancy_savings
from fora_model.board_pack.figures import figure_fonts, landscape_pages, readable_fonts
from fora_model.board_pack.report import REPORTS, board_data, board_figures, board_report
from fora_model.board_pack.template import CSS
from fora_model.cli.main import main
from fora_model.formatting import money
from fora_model.i18n import _, use_language

TODAY = dt.date(2026, 6, 1)


def one_retirement(with_old: bool = True) -> fm.Model:
    """Grades are recorded in Magister (€5,000 a year) and in OldGrades (€1,200 a year, €300 to
    leave, contract to 31 Dec 2026 with 3 months' notice). OldGrades does nothing Magister does
    not: the one obvious retirement, saving €1,200 a year, €900 net in the first year. Timetables
    rest on Zermelo alone. Without ``with_old`` there is nothing to retire."""
    m = fm.Model(name="Tiny school")
    m.add_element(fm.Element.new("process", "Teaching", id="p"))
    for ident, name in (("grades", "Record grades"), ("timetable", "Plan timetable")):
        m.add_element(fm.Element.new("activity", name, id=ident, criticality="high"))
        m.add_relation(fm.Relation.new("composed_of", "p", ident))
    apps = (("mag", "Magister", 5000, 1000, 4, 4, "2028-07-31"), ("old", "OldGrades", 1200, 300, 1, 1, "2026-12-31"),
            ("zer", "Zermelo", 2000, 500, 4, 4, "2028-07-31"))
    for ident, name, cost, exit_cost, functional, technical, end in apps if with_old else apps[::2]:
        m.add_element(fm.Element.new("application", name, id=ident, annual_cost=cost, exit_cost=exit_cost,
                                     functional_fit=functional, technical_fit=technical, lifecycle="active",
                                     contract_end=end, notice_months=3))
    m.add_relation(fm.Relation.new("supports", "mag", "grades"))
    if with_old:
        m.add_relation(fm.Relation.new("supports", "old", "grades"))
    m.add_relation(fm.Relation.new("supports", "zer", "timetable"))
    return m


def page(html: str, section: str) -> str:
    """The text of one section as a reader sees it: scripts and tags removed, entities decoded."""
    start = html.index(f'id="{section}"')
    end = html.find("<section", start)
    part = re.sub(r"<script.*?</script>", " ", html[start:end if end > 0 else None], flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", part))


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def tiny_en() -> str:
    return board_report(one_retirement(), today=TODAY, language="en")


@pytest.fixture(scope="module")
def tiny_nl() -> str:
    return board_report(one_retirement(), today=TODAY, language="nl")


@pytest.fixture(scope="module")
def sample_packs() -> dict[str, str]:
    school = fm.load_sample()
    return {language: board_report(school, today=TODAY, language=language) for language in ("en", "nl")}


def test_the_first_page_asks_the_board_to_retire_the_obvious_application(tiny_en):
    ids = re.findall(r'<section class="page" id="([^"]+)"', tiny_en)
    assert ids[0] == "decision" and ids[1] == "overview"
    first = words(page(tiny_en, "decision"))
    assert "What the board is asked to decide" in first
    assert "Retire 1 application whose work other applications already do: OldGrades." in first
    assert "€1,200 saving a year" in first
    assert "€300 one-off exit cost" in first
    assert "€900 net saving in the first year" in first
    assert "3.0 months the exit cost is paid back in" in first  # 300 / 1,200 a year = a quarter
    # its work stays with Magister; notice by 30 Sep 2026 for a contract ending 31 Dec 2026
    assert "OldGrades Magister €1,200 €300 €900 30 Sept 2026 31 Dec 2026" in first
    assert "Magister" in first and "Zermelo" not in first


def test_the_first_page_names_the_risks(tiny_en):
    first = words(page(tiny_en, "decision"))
    assert "Work left without a system: none" in first
    # grades are critical and would then rest on Magister alone
    assert "Critical work that would then rest on one application: 1 element (Record grades)." in first
    assert "Information that loses its system: none" in first
    assert "OldGrades by 30 Sept 2026 (contract ends 31 Dec 2026)" in first


def test_a_model_with_nothing_to_retire_says_so_on_the_first_page():
    m = one_retirement(with_old=False)
    first = words(page(board_report(m, today=TODAY, language="en"), "decision"))
    assert "the board is not asked to retire anything" in first
    assert "saving a year" not in first


def test_the_information_a_retirement_leaves_without_a_system_is_named():
    m = one_retirement()
    m.add_element(fm.Element.new("information", "Old marks archive", id="arch"))
    m.add_relation(fm.Relation.new("accesses", "grades", "arch", access="read"))
    m.add_relation(fm.Relation.new("accesses", "old", "arch", access="write"))
    first = words(page(board_report(m, today=TODAY, language="en"), "decision"))
    assert "Information that loses its system (no application would record it): Old marks archive." in first


def test_the_pack_gives_no_command_line_hints_and_names_the_reports_in_words(sample_packs):
    for html in sample_packs.values():
        text = page(html, "decision") + "".join(page(html, s) for s in re.findall(r'<section class="page" id="([^"]+)"',
                                                                                   html)[1:])
        assert "fora-model" not in text
        assert "--" not in re.sub(r"[–—]", "", text)  # no option of a command either
    appendix = page(sample_packs["en"], "reports")
    for name, _what, _where in REPORTS.values():
        assert name in appendix
    with use_language("nl"):
        dutch = page(sample_packs["nl"], "reports")
        for name, _what, where in REPORTS.values():
            assert _(name) in dutch and _(where) in dutch
    # a cut table points to a report by its name
    duplications = words(page(sample_packs["en"], "duplications"))
    assert "listed in full in the report “Duplicated work” (see the appendix)" in duplications


def css_sizes(css: str) -> list[tuple[str, float]]:
    return [(m.group(0), float(m.group(1))) for m in re.finditer(r"font-size:\s*([\d.]+)px", css)]


def test_every_css_font_size_is_12px_or_more(sample_packs):
    sizes = css_sizes(CSS)
    assert len(sizes) > 10
    assert [s for s, px in sizes if px < 12] == []
    assert not re.search(r"font-size:\s*[\d.]+(em|rem|pt|%)", CSS)  # sizes are all in px, so checked here
    for html in sample_packs.values():  # the pack carries no other size of its own
        styles = "".join(re.findall(r"<style>(.*?)</style>", html, flags=re.S))
        assert [s for s, px in css_sizes(styles) if px < 12] == []
        assert 'style="font-size' not in html


def test_the_pack_prints_on_a4_landscape(sample_packs):
    assert re.search(r"@page\s*\{\s*size:\s*A4 landscape", CSS)
    assert "break-after: page" in CSS and "break-inside: avoid" in CSS
    assert "@page" in sample_packs["en"]


def test_the_font_helper_lifts_small_text_and_keeps_large_text():
    import plotly.graph_objects as go

    fig = go.Figure(go.Scatter(x=[1, 2], y=[1, 2], mode="markers+text", text=["a", "b"],
                               textfont={"size": [8, 20]}))
    fig.update_layout(font={"size": 10}, legend={"font": {"size": 9}})
    fig.add_annotation(x=1, y=1, text="note", font={"size": 11})
    fig.update_xaxes(tickfont={"size": 7})
    assert min(figure_fonts(fig)) == 7
    lifted = readable_fonts(fig)
    assert sorted(set(figure_fonts(lifted))) == [12.0, 20.0]
    assert lifted.layout.xaxis.tickfont.size == 12 and list(lifted.data[0].textfont.size) == [12, 20]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_figure_of_the_pack_draws_text_of_12px_or_more(language):
    with use_language(language):
        figures = board_figures(board_data(fm.load_sample(), today=TODAY))
    assert {"coverage", "time", "landscape", "landscape-2"} <= set(figures)
    for name, fig in figures.items():
        assert min(figure_fonts(fig)) >= 12, name


def test_the_landscape_map_is_in_the_pack_on_pages_that_fit(sample_packs):
    html = sample_packs["en"]
    maps = re.findall(r'id="(landscape(?:-\d+)?)"', html)
    assert maps[0] == "landscape" and len(maps) > 1
    school = fm.load_sample()
    domains = {e.label for e in school.elements_of("process")} & set(board_data(school, today=TODAY)
                                                                   .landscape["domain"])
    drawn = " ".join(re.findall(r'"text":"([^"]*)"', html))
    for domain in domains:  # every domain is drawn on one of the map's pages
        assert domain in drawn, domain
    for fig in [f for n, f in board_figures(board_data(school, today=TODAY)).items() if n.startswith("landscape")]:
        assert fig.layout.height <= 600


def test_dutch_pack_has_dutch_headings_money_and_dates(tiny_nl, sample_packs):
    first = words(page(tiny_nl, "decision"))
    assert "Waarover het bestuur wordt gevraagd te besluiten" in first
    assert "Faseer 1 applicatie uit waarvan andere applicaties het werk al doen: OldGrades." in first
    assert "€ 1.200 besparing per jaar" in first
    assert "3,0 maanden" in first
    assert "30 sep 2026" in first
    assert '<html lang="nl">' in tiny_nl
    dutch = sample_packs["nl"]
    for heading in ("Het landschap in cijfers", "Dekking per doel", "Landschapsplaat",
                    "Duurste dubbelingen", "Portfolio: TIME-kwadrant", "Werk zonder systeem",
                    "Privacy en dubbele invoer", "Bijlage: de uitgebreide rapporten"):
        assert heading in dutch, heading
    assert "What the board is asked to decide" not in dutch and "Coverage by goal" not in dutch
    assert "€ 266.600" in dutch  # the sample school's annual cost, written the Dutch way


def test_the_language_defaults_to_the_models():
    m = one_retirement()
    m.set_header(language="nl")
    assert "Waarover het bestuur" in board_report(m, today=TODAY)
    assert "What the board is asked" in board_report(one_retirement(), today=TODAY)


def test_on_the_sample_school_the_decision_page_totals_are_the_savings_analysis(sample_packs):
    school = fm.load_sample()
    savings = redundancy_savings(school)
    retirements = proposed_retirements(school)
    saving, exit_cost = savings["annual_saving"].sum(), savings["exit_cost"].sum()
    assert saving > 0 and len(retirements) > 1
    first = words(page(sample_packs["en"], "decision"))
    assert f"{money(saving)} saving a year" in first
    assert f"{money(exit_cost)} one-off exit cost" in first
    assert f"{money(saving - exit_cost)} net saving in the first year" in first
    assert f"total {money(saving)} {money(exit_cost)} {money(saving - exit_cost)}" in first
    assert f"Retire {len(retirements)} applications" in first
    with use_language("nl"):
        dutch = words(page(sample_packs["nl"], "decision"))
        assert f"{money(saving)} besparing per jaar" in dutch


def test_the_command_writes_the_pack_in_the_language_asked(tmp_path, capsys):
    source = tmp_path / "tiny.json"
    fm.write_model(one_retirement(), source)
    target = tmp_path / "pack.html"
    assert main(["board-report", str(source), "-o", str(target), "--today", "2026-06-01", "--lang", "nl"]) == 0
    assert "Waarover het bestuur" in target.read_text(encoding="utf-8")
    assert main(["board-report", str(source), "-o", str(target), "--today", "2026-06-01"]) == 0
    assert "What the board is asked" in target.read_text(encoding="utf-8")


def test_every_text_the_pack_marks_has_a_dutch_translation():
    from pathlib import Path

    from babel.messages.extract import extract_from_file

    from fora_model.i18n import translations

    catalogue = translations("nl")
    same_in_dutch = {"TIME", "Privacy", "School", "element", "apps", "school", "sector", "product"}
    untranslated, marked = [], 0
    for source in sorted(Path(fm.__file__).with_name("board_pack").glob("*.py")):
        for _line, message, _comments, _context in extract_from_file(
                "python", str(source), keywords={"_": None, "n_": (1, 2), "N_": None}):
            marked += 1
            if isinstance(message, str):
                if catalogue.gettext(message) == message and message not in same_in_dutch:
                    untranslated.append(message)
            elif catalogue.ngettext(message[0], message[1], 2) == message[1]:
                untranslated.append(message[1])
    assert marked > 150
    assert untranslated == []


def test_a_landscape_larger_than_its_pages_stops_and_says_how_much_is_left_out():
    sample = fm.load_sample()
    landscape = board_data(sample).landscape
    every = landscape["function_id"].nunique()
    pages = landscape_pages(landscape)
    assert len(pages) >= 2 and pages.left_out == 0  # the sample's map fits its pages
    first = landscape_pages(landscape, max_pages=1)
    assert len(first) == 1 and first[0][0] == pages[0][0]
    on_first = sum(len(trace.customdata or ()) for trace in first[0][1].data if trace.name == "functions")
    assert first.left_out == every - on_first > 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("fora_model.board_pack.report.landscape_pages",
                      lambda frame, **options: landscape_pages(frame, max_pages=1, **options))
        html = board_report(sample)
    assert f"{first.left_out} more main functions do not fit these pages" in html
    assert "landscape-2" not in html
