"""Figures that read at a glance, checked on the figure objects: every label present and none on
top of another, colours that agree with the legend and the captions, names not cut, numbers written
as readers write them. The sample school (data/) is the real case; small frames and the tiny
school are checked by eye.

Widths: the dashboard draws a figure as wide as its column, about 600 px at a 1024 px screen and
1,000-1,200 px at 1440 px; the board pack draws it 1,000 px wide (``board_pack.figures.FIGURE_WIDTH``).
"""

from __future__ import annotations

import html
import itertools
import re

import pandas as pd
import pytest

import fora_model as fm
import fora_model.rationalisation as rat
from fora_model.analysis.time import time_recommendations
from fora_model.board_pack.figures import FIGURE_WIDTH
from fora_model.dashboard import decisions as dd
from fora_model.dashboard import overview as db
from fora_model.formatting import money, percent
from fora_model.i18n import use_language
from fora_model.viz import board, figures
from fora_model.viz.labels import Box, text_size
from fora_model.viz.palette import RECOMMENDATION_COLOURS, STATUS_COLOUR_NAMES, STATUS_COLOURS, STATUS_LABELS
from fora_model.viz.text import plotly_text
from fora_model.viz.time import plot_geometry, time_quadrant
from tests.dashboard_fixtures import HOSTILE, hostile_model
from tests.test_palette import SIMULATIONS, difference
from tests.test_viz import strings
from tests.tiny import tiny_school

PACK = FIGURE_WIDTH
SCREENS = (600, 800, PACK, 1200)  # figure widths: 1024 px screen, between, the pack, 1440 px screen


def plain(text: str) -> str:
    """Plotly text as the reader sees it: no tags, entities decoded, line breaks as spaces."""
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", " ", text)))


def overlap(a: Box, b: Box) -> bool:
    return abs(a.cx - b.cx) < a.hw + b.hw and abs(a.cy - b.cy) < a.hh + b.hh


@pytest.fixture(scope="module")
def sample() -> fm.Model:
    return fm.load_sample()


@pytest.fixture(scope="module")
def time_frame(sample) -> pd.DataFrame:
    return time_recommendations(sample)


@pytest.fixture(scope="module")
def quadrant(time_frame):
    return time_quadrant(time_frame)


def annotations(fig, name: str) -> list:
    return [a for a in fig.layout.annotations if a.name == name]


def bubbles(fig) -> list[tuple[str, float, float, float, str, str, float]]:
    """(application id, x, y, diameter, colour, number text, outline width) of every drawn bubble."""
    out = []
    for trace in fig.data:
        if trace.customdata is None:
            continue
        widths = trace.marker.line.width
        for i, identifier in enumerate(trace.customdata):
            out.append((identifier, trace.x[i], trace.y[i], trace.marker.size[i], trace.marker.color,
                        trace.text[i], widths[i]))
    return out


# ----------------------------------------------------------------------------- TIME quadrant
def test_time_labels_never_touch_each_other_or_a_bubble_at_any_width(quadrant):
    labels = annotations(quadrant, "label")
    assert len(labels) >= 6  # the costliest are named, not only numbered
    drawn = bubbles(quadrant)
    for width in SCREENS:  # 800 is not one the labels were placed at: apart in between too
        plot = plot_geometry(width)
        boxes = []
        for a in labels:
            px, py = plot.pixel(a.x, a.y)
            w, h = text_size(a.text, a.font.size)
            box = Box(px + a.ax, py + a.ay, w / 2, h / 2)
            assert box.cx - box.hw >= 0 and box.cx + box.hw <= plot.width, (width, a.text)
            boxes.append(box)
        for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
            assert not overlap(a, b), (width, labels[i].text, labels[j].text)
        for box, a in zip(boxes, labels, strict=True):
            for _, x, y, size, *_rest in drawn:
                px, py = plot.pixel(x, y)
                assert not overlap(box, Box(px, py, size / 2, size / 2)), (width, a.text)


def test_every_placed_application_is_named_or_numbered_in_the_key_and_has_a_hover(quadrant, time_frame):
    placed = time_frame.dropna(subset=["functional_fit", "technical_fit"])
    names = dict(zip(placed["application_id"], placed["application"], strict=True))
    named = {plain(a.text).split(" → ")[0] for a in annotations(quadrant, "label")}
    key = "\n".join(plain(a.text.replace("<br>", "\n")) for a in annotations(quadrant, "key"))
    key_lines = dict(m.groups() for m in (re.match(r"^(\d+)\. (.*)$", line) for line in key.split("\n")) if m)
    hovers = {i: h for trace in quadrant.data if trace.customdata is not None
              for i, h in zip(trace.customdata, trace.hovertext, strict=True)}
    seen = set()
    for identifier, *_rest, number, _width in [(b[0], b[5], b[6]) for b in bubbles(quadrant)]:
        name = names[identifier]
        assert plain(hovers[identifier]).startswith(name)
        if number:
            assert key_lines[number].startswith(name), (number, name)
        else:
            assert name in named
        seen.add(identifier)
    assert seen == set(names)  # every application with fit scores is drawn once
    unplaced = time_frame[time_frame["functional_fit"].isna()]["application"]
    note = plain(annotations(quadrant, "note")[0].text)
    assert note.startswith(f"{len(unplaced)} applications without fit scores")
    assert all(name in note for name in unplaced)


def test_bubble_colours_are_the_quadrant_their_corner_and_legend_name(quadrant, time_frame):
    quadrant_of = dict(zip(time_frame["application_id"], time_frame["quadrant"], strict=True))
    legend = {t.name: t.marker.color for t in quadrant.data if t.showlegend is not False and t.name}
    corners = {plain(a.text).lstrip("■ ").strip(): re.search(r"color:(#\w+)", a.text).group(1)
               for a in annotations(quadrant, "quadrant")}
    assert corners == {name: RECOMMENDATION_COLOURS[name] for name in ("Tolerate", "Invest", "Migrate", "Eliminate")}
    for name, colour in corners.items():
        assert legend[name] == colour
    for identifier, x, y, _size, colour, _number, _width in bubbles(quadrant):
        name = quadrant_of[identifier]
        assert colour == RECOMMENDATION_COLOURS[name]
        high_function, high_technical = x > 2.5, y > 2.5  # the bubble sits in the quadrant its colour names
        assert name == {(True, True): "Invest", (False, True): "Tolerate", (True, False): "Migrate",
                        (False, False): "Eliminate"}[(high_function, high_technical)]


def test_a_recommendation_unlike_the_quadrant_is_an_outline_and_named_never_a_colour(quadrant, time_frame):
    rows = time_frame.set_index("application_id")
    drawn = {b[0]: b for b in bubbles(quadrant)}
    # Social Schools: fit 3/3 (Invest) but redundant, so the recommendation is Eliminate
    social = rows.index[rows["application"] == "Social Schools"][0]
    assert (rows.loc[social, "quadrant"], rows.loc[social, "recommendation"]) == ("Invest", "Eliminate")
    assert drawn[social][4] == RECOMMENDATION_COLOURS["Invest"] and drawn[social][6] == 3
    key = plain(" ".join(a.text for a in annotations(quadrant, "key")))
    assert f"{drawn[social][5]}. Social Schools → Eliminate (redundant)" in key
    for identifier, *_rest, width in drawn.values():
        differs = rows.loc[identifier, "quadrant"] != rows.loc[identifier, "recommendation"]
        assert width == (3 if differs else 1), rows.loc[identifier, "application"]
    outline = [t for t in quadrant.data if t.name == "Recommendation differs from the quadrant"]
    assert outline and outline[0].marker.line.width == 3


def test_a_small_quadrant_counted_by_eye():
    frame = pd.DataFrame({
        "application_id": ["a", "b", "c"], "application": ["Magister", "Padlet", "Wintoets"],
        "functional_fit": [3, 2, None], "technical_fit": [3, 3, None], "annual_cost": [27500.0, 0.0, 7200.0],
        "quadrant": ["Invest", "Tolerate", "Unassessed"], "recommendation": ["Invest", "Eliminate", "Unassessed"],
        "rule": ["fit", "redundant", "fit"], "rationale": ["", "", ""]})
    fig = time_quadrant(frame)
    assert sorted(plain(a.text) for a in annotations(fig, "label")) == ["Magister", "Padlet → Eliminate (redundant)"]
    assert not annotations(fig, "key")  # both are named: nothing to number
    assert plain(annotations(fig, "note")[0].text) == "1 application without fit scores is not shown: Wintoets"


@pytest.mark.parametrize("vision", list(SIMULATIONS))
def test_every_time_colour_has_its_own_colour_for_every_reader(vision):
    assert len(set(RECOMMENDATION_COLOURS.values())) == len(RECOMMENDATION_COLOURS)
    for (a, ca), (b, cb) in itertools.combinations(RECOMMENDATION_COLOURS.items(), 2):
        assert difference(ca, cb, SIMULATIONS[vision]) >= 15, (vision, a, b)


def test_the_applications_page_shows_this_quadrant(sample):
    assert dd.time_figure(sample).to_plotly_json() == time_quadrant(time_recommendations(sample)).to_plotly_json()


# ----------------------------------------------------------------------------- support matrix and overlap
def test_every_application_column_of_the_support_matrix_is_labelled(sample):
    fig = figures.support_heatmap(sample)
    heat = fig.data[0]
    axis = fig.layout.xaxis
    assert list(axis.tickvals) == list(heat.x) and axis.tickmode == "array"
    supporters = {str(v) for v in heat.x}
    assert len(supporters) == len(heat.x) >= 30  # the sample's 35 columns, each with a tick of its own
    names = {e.id: e.label for e in sample.elements.values()}
    for key, tick in zip(axis.tickvals, axis.ticktext, strict=True):
        full = names[key]
        assert tick and (plain(tick) == full or (tick.endswith("…") and full.startswith(plain(tick)[:-1])))
    hovers = " ".join(str(cell) for row in heat.customdata for cell in row)
    assert all(names[key] in plain(hovers) for key in heat.x)  # the whole name on hover
    assert axis.tickangle == -90  # upright: one 11 px line per column


def test_the_support_matrix_legend_is_inside_the_figure_and_matches_its_cells(sample):
    fig = figures.support_heatmap(sample)
    heat = fig.data[0]
    assert heat.showscale is False
    cell_colours = [heat.colorscale[2 * v][1] for v in range(4)]
    legend = [(t.name, t.marker.color) for t in fig.data[1:]]
    assert legend == list(zip(["no support", "through a parent process", "through a system type", "direct"],
                              cell_colours, strict=True))
    assert fig.layout.legend.orientation == "h" and fig.layout.legend.xref == "container"
    assert fig.layout.legend.x == 0 and 0 < fig.layout.legend.y < 1  # starts at the left edge, wraps inside
    # the space above the plot holds the title, two legend rows and the upright column names
    longest = max(text_size(t, fig.layout.xaxis.tickfont.size)[0] for t in fig.layout.xaxis.ticktext)
    assert fig.layout.margin.t >= 40 + 2 * 20 + longest


def test_the_longest_activity_name_of_the_sample_is_not_cut_in_the_matrix(sample):
    longest = max((e.label for e in sample.elements_of("activity")), key=len)
    rows = [plain(r) for r in figures.support_heatmap(sample).data[0].y[1]]
    assert longest in rows


def test_the_support_matrix_columns_are_wide_enough_at_the_pack_width(sample):
    fig = figures.support_heatmap(sample)
    heat = fig.data[0]
    size = fig.layout.yaxis.tickfont.size
    labels = (max(text_size(t, size)[0] for t in heat.y[0]) + max(text_size(t, size)[0] for t in heat.y[1]))
    per_column = (PACK - 20 - labels - 20) / len(heat.x)
    assert per_column >= 1.3 * fig.layout.xaxis.tickfont.size  # an upright label per column fits


def test_the_overlap_title_stays_clear_of_the_column_names(sample):
    fig = figures.overlap_heatmap(sample)
    title = fig.layout.title
    assert (title.yref, title.y, title.yanchor) == ("container", 1, "top")
    title_height = 10 + 1.3 * title.font.size + 1.3 * title.subtitle.font.size
    longest = max(text_size(t, fig.layout.xaxis.tickfont.size)[0] for t in fig.layout.xaxis.ticktext)
    assert fig.layout.margin.t >= title_height + longest
    assert len(fig.layout.xaxis.tickvals) == len(fig.data[0].x)  # every column named


# ----------------------------------------------------------------------------- metric cards
@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("screen", [1024, 1280])
def test_metric_cards_fit_without_truncation(sample, language, screen):
    area = db.CARD_AREA + (screen - 1024)
    with use_language(language):
        cards = db.kpi_cards(db.kpis(sample))
        saving = dd.saving_cards(dd.proposal_kpis(sample))
        for group in (cards, saving):
            rows = db.card_rows(group)
            assert [c for row in rows for c in row] == group
            for row in rows:
                for label, value, _ in row:
                    assert text_size(value, db.CARD_VALUE_SIZE)[0] <= db.card_width(len(row), area), value
                    assert text_size(label, 14)[0] <= db.card_width(len(row), area), label
        assert cards[-1][1] == money(266_600, short=True) == ("€267k" if language == "en" else "€ 267k")
    # six cards side by side would cut the cost at 1024 px: the rows are what keeps it whole
    assert text_size("€267k", db.CARD_VALUE_SIZE)[0] > db.card_width(6)


def test_compact_money_reads_as_the_brief_writes_it():
    assert money(46_650, short=True) == "€46.7k"
    with use_language("nl"):
        assert (money(46_650, short=True), money(46_650)) == ("€ 46,7k", "€ 46.650")


# ----------------------------------------------------------------------------- coverage by goal
def test_coverage_shows_work_without_a_goal_apart_and_marks_the_goal_the_headline_names(sample):
    fig = board.coverage_by_goal(sample)
    coverage = fm.goal_coverage(sample)
    loose = coverage[coverage["goal_id"] == ""].iloc[0]
    ticks = [plain(t) for t in fig.layout.yaxis.ticktext]
    assert not [t for t in ticks if "(no goal)" in t]
    assert len(ticks) == (coverage["goal_id"] != "").sum()
    note = plain(annotations(fig, "note")[0].text)
    assert note.startswith(f"Not shown: {int(loose['needing_support'] + loose['expected_gaps'])} processes and "
                           "activities linked to no goal")
    weakest = [t for t in fig.layout.yaxis.ticktext if t.startswith("<b>")]
    assert len(weakest) == 1
    caption = db.board_captions(sample)["coverage"]
    goal = board.weakest_goal(coverage)
    assert plain(weakest[0]).startswith(goal["goal"]) and "weakest" in plain(weakest[0])
    assert f"the weakest goal is {goal['goal']} at {percent(goal['coverage'])}" in caption
    assert percent(goal["coverage"]) in plain(weakest[0])


def test_the_longest_goal_name_is_whole(sample):
    longest = max((e.label for e in sample.elements_of("goal")), key=len)
    assert any(plain(t).startswith(longest) for t in board.coverage_by_goal(sample).layout.yaxis.ticktext)


# ----------------------------------------------------------------------------- Sankey
def test_sankey_labels_fit_their_nodes_and_the_gaps_between_columns(sample):
    fig = board.sankey(sample)
    trace = fig.data[0]
    labels, full = list(trace.node.label), list(trace.node.customdata)
    n = len(labels)
    through_in, through_out = [0] * n, [0] * n
    for s, t, v in zip(trace.link.source, trace.link.target, trace.link.value, strict=True):
        through_out[s] += v
        through_in[t] += v
    value = [max(a, b) for a, b in zip(through_in, through_out, strict=True)]
    # columns: a node's column is how many links it is from a goal
    column = [0] * n
    for _ in range(4):
        for s, t in zip(trace.link.source, trace.link.target, strict=True):
            column[t] = max(column[t], column[s] + 1)
    plot_height = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    pad = trace.node.pad
    scale = min((plot_height - pad * (column.count(c) - 1)) / sum(v for v, k in zip(value, column, strict=True)
                                                                  if k == c) for c in set(column))
    shown = 0
    for label, name, v in zip(labels, full, value, strict=True):
        assert name  # every node has its whole name for the hover
        if label:
            shown += 1
            assert plain(label) == plain(name)  # wrapped, never cut
            assert v * scale + pad >= (label.count("<br>") + 1) * board.SANKEY_LINE, name
    assert shown >= 0.6 * n
    # the widest label reaching into each gap at 600 px fits it (the last gap holds two facing labels)
    gap = (600 - 20 - 4 * trace.node.thickness) / 3
    size = trace.textfont.size
    widest = [max((text_size(lbl, size)[0] for lbl, k in zip(labels, column, strict=True) if k == c and lbl),
                  default=0) for c in range(4)]
    assert widest[0] + 6 <= gap and widest[1] + 6 <= gap and widest[2] + widest[3] + 12 <= gap
    assert "%{customdata}" in trace.node.hovertemplate


def test_the_sankey_bands_into_a_gap_take_the_real_gap_colour(tiny=None):
    trace = board.sankey(tiny_school()).data[0]
    red = STATUS_COLOURS["unsupported"]
    rgb = ",".join(str(int(red[i:i + 2], 16)) for i in (1, 3, 5))
    into = [c for t, c in zip(trace.link.target, trace.link.color, strict=True)
            if trace.node.customdata[t] in ("(no system)", "Unsupported")]
    assert into and all(c.startswith(f"rgba({rgb},") for c in into)


# ----------------------------------------------------------------------------- top duplications
def test_every_supporter_of_each_duplication_is_a_segment_in_the_legend(sample):
    fig = board.top_duplications(sample)
    rows = fm.duplicated_activities(sample, include_inherited=False).sort_values(
        ["annual_cost", "application_count"], ascending=[False, False], kind="stable").head(12)
    segments: dict[str, set[str]] = {}
    styles = set()
    for trace in fig.data:
        full = plain(trace.customdata[0])
        assert trace.showlegend is not False and trace.name
        assert full.startswith(plain(trace.name).rstrip("…"))
        assert all(t for t in trace.text)  # the name stands inside every segment
        styles.add((trace.marker.color, trace.marker.pattern.shape))
        for key in trace.y:
            segments.setdefault(key.split("|", 1)[0], set()).add(full)
    assert len(styles) == len(fig.data)  # no two supporters look alike
    for activity, supporters in zip(rows["activity_id"], rows["applications"], strict=True):
        assert segments[activity] == set(supporters.split(" | "))
    # three supporters of "Collect handed-in work": none hidden
    assert any(len(s) == 3 for s in segments.values()) and any(len(s) == 4 for s in segments.values())


# ----------------------------------------------------------------------------- duplicated and unsupported apart
def test_the_caption_names_the_colours_the_sunburst_uses(sample):
    fig = figures.sunburst(sample)
    legend = {t.name: t.marker.color for t in fig.data[1:]}
    caption = db.sunburst_caption()
    for state in ("duplicated", "unsupported", "expected gap"):
        assert legend[STATUS_LABELS[state]] == STATUS_COLOURS[state]
        assert STATUS_COLOUR_NAMES[state] in caption.lower()
    assert "red work is supported" not in caption and "dark red work needs a system" in caption


# ----------------------------------------------------------------------------- scenario and compare tables
SNAKE = re.compile(r"^[a-z]+(_[a-z]+)+$")


def test_the_comparison_table_speaks_the_readers_words(sample):
    frame, _ = dd.comparison_table(sample, [])
    assert list(frame.columns) == ["measure", "meaning", "current", "Proposed retirements"]
    cells = frame.astype(str).to_numpy().ravel().tolist()
    assert not [c for c in cells if SNAKE.match(c) or c in ("None", "nan", "NaN", "<NA>")]
    row = frame.set_index("measure")
    assert row.loc["Annual cost", "current"] == "€266,600"
    assert row.loc["Annual saving", "Proposed retirements"] == "€46,650"
    assert row.loc["Payback", "Proposed retirements"] == "3.5 months"
    assert row.loc["Payback", "current"] == "—"
    assert row.loc["Applications", "Proposed retirements"] == "29"
    with use_language("nl"):
        dutch, _ = dd.comparison_table(sample, [])
    assert dutch.iloc[1]["current"] == "€ 266.600"


def test_the_summary_and_changes_views_show_names_and_written_figures(sample):
    result = rat.evaluate_scenario(sample, rat.proposed_scenario(sample))
    summary = dd.summary_view(result).set_index("measure")
    assert summary.loc["Annual saving", "change"] == "+€46,650"
    assert summary.loc["Applications", "change"] == "-6"
    assert summary.loc["Payback", "before"] == "—"
    changes = dd.changes_view(result)
    assert "subject_id" not in changes.columns
    cells = changes.astype(str).to_numpy().ravel().tolist()
    assert not [c for c in cells if c.startswith("id-") or SNAKE.match(c) or c in ("None", "nan", "")]
    assert "Retired" in changes["change"].tolist() and "Social Schools" in changes["subject"].tolist()


# ----------------------------------------------------------------------------- the longest names, whole
def test_the_longest_application_name_is_whole_in_the_quadrant_and_the_applications_bar(sample, quadrant):
    longest = max((e.label for e in sample.elements_of("application")), key=len)
    texts = [plain(a.text) for a in quadrant.layout.annotations if a.name in ("label", "key")]
    assert any(longest in t for t in texts)
    assert longest in [plain(t) for t in figures.applications_bar(sample, limit=40).layout.yaxis.ticktext]


def test_duplicated_activity_names_are_wrapped_not_cut(sample):
    fig = board.top_duplications(sample, limit=40)
    rows = fm.duplicated_activities(sample, include_inherited=False)
    assert sorted(plain(t) for t in fig.layout.yaxis.ticktext) == sorted(rows["activity"])


def test_the_quadrant_caption_says_what_colour_and_outline_mean():
    caption = dd.time_caption()
    assert "its colour is that quadrant" in caption and "dark outline" in caption
    with use_language("nl"):
        assert dd.time_caption() != caption


# ----------------------------------------------------------------------------- both languages
FIGURE_BUILDERS = {
    "sunburst": figures.sunburst, "applications_bar": figures.applications_bar,
    "support_heatmap": figures.support_heatmap, "overlap_heatmap": figures.overlap_heatmap,
    "coverage_by_goal": board.coverage_by_goal, "sankey": board.sankey, "top_duplications": board.top_duplications,
    "time_quadrant": dd.time_figure,
}


SAME_IN_DUTCH = {"direct"}


@pytest.mark.parametrize("name", list(FIGURE_BUILDERS))
def test_every_figure_speaks_dutch(sample, name):
    english = FIGURE_BUILDERS[name](sample)
    with use_language("nl"):
        dutch = FIGURE_BUILDERS[name](sample)
    assert dutch.layout.title.text and dutch.layout.title.text != english.layout.title.text
    if name != "top_duplications":  # whose legend is the supporters' names
        legend = [(en.name, nl.name) for en, nl in zip(english.data, dutch.data, strict=True) if en.name]
        assert all(en != nl or en in SAME_IN_DUTCH for en, nl in legend), legend


def test_the_quadrant_keeps_hostile_names_as_text_and_draws_an_empty_model(sample):
    hostile, _roles = hostile_model(sample)
    texts = strings(dd.time_figure(hostile).to_plotly_json())
    for raw in ("<img", "<script", "<a "):
        assert not [t for t in texts if raw in t]
    assert any(plotly_text(h) in t for t in texts for h in HOSTILE)
    empty = dd.time_figure(fm.Model(name="Empty"))
    assert not annotations(empty, "label") and not annotations(empty, "key")
