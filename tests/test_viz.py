"""The pictures: the offline network page and the plotly figures (fora_model.viz), and the pure
functions the dashboard pages call (fora_model.dashboard.overview).

Counts on the tiny school (tests/tiny.py) are worked out by hand in the comments; the sample
school checks that the pictures agree with the analyses and that hostile names stay text.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

import fora_model as fm
import fora_model.analysis.scope as ascope
import fora_model.analysis.status as astatus
import fora_model.dashboard.common as dcommon
import fora_model.dashboard.downloads as ddown
import fora_model.dashboard.rationalisation as drat
from fora_model import viz
from fora_model.dashboard import overview as db
from fora_model.formatting import money
from fora_model.viz import board, figures, network, offline
from fora_model.viz.network import graph_data
from fora_model.viz.offline import external_references, network_html
from fora_model.viz.options import GraphOptions
from fora_model.viz.palette import EDGE_STYLES, KIND_STYLES, STATUS_COLOURS
from fora_model.viz.text import plotly_text
from tests.dashboard_fixtures import HOSTILE, hostile_model
from tests.tiny import model_of, tiny_school

FIGURES = ["sunburst", "applications_bar", "support_heatmap", "overlap_heatmap", "coverage_by_goal", "sankey",
           "top_duplications"]


@pytest.fixture(scope="module")
def tiny() -> fm.Model:
    return tiny_school()


@pytest.fixture(scope="module")
def hostile(sample) -> fm.Model:
    return hostile_model(sample)[0]


def ids(data: network.GraphData) -> list[str]:
    return sorted(data.element_ids)


def node_of(data: network.GraphData, element_id: str) -> dict:
    return data.nodes[data.element_ids.index(element_id)]


# ----------------------------------------------------------------------------- offline page
def test_the_network_page_loads_nothing_from_the_network(sample):
    html = network_html(sample)
    assert external_references(html) == []
    assert not re.search(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""",
                         html, re.IGNORECASE)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html
    assert "vis.Network(" in html  # vis-network itself is inlined
    assert len(html) > 400_000


def test_the_network_page_uses_none_of_pyvis_unsafe_features(sample):
    html = network_html(sample)
    # heading, select_menu and filter_menu put raw text into the page; the HTML tooltip mode uses innerHTML
    assert "<h1" not in html
    assert "select-node" not in html and "filter-menu" not in html and "TomSelect" not in html
    assert "popup.innerHTML" not in html


def test_external_references_finds_what_a_browser_would_load():
    page = ('<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//cdn.example/y.js"></script>'
            "<style>a{background:url('http://x.invalid/i.png')}</style><a href='#local'>x</a>")
    assert external_references(page) == ["https://cdn.example/x.css", "//cdn.example/y.js",
                                          "http://x.invalid/i.png"]


def test_hostile_names_reach_the_network_only_as_escaped_data(hostile):
    html = network_html(hostile, GraphOptions(kinds=tuple(KIND_STYLES)))
    assert external_references(html) == []
    for raw in ("<img src=x", "<script>alert(2)", 'href="http://x.invalid"', "<a href"):
        assert raw not in html
    data = graph_data(hostile, GraphOptions(kinds=tuple(KIND_STYLES)))
    labels = {n["label"] for n in data.element_nodes}
    assert set(HOSTILE) <= labels  # drawn on the canvas as the very text the user typed
    for node in data.nodes:
        assert "href" not in node.get("title", "").lower()
        assert isinstance(node["id"], (int, str)) and not isinstance(node["id"], np.integer)
    for edge in data.edges:
        assert "href" not in edge["title"].lower()
    titles = [n["title"] for n in data.element_nodes]
    assert any("<img src=x onerror=alert(1)>" in t for t in titles)  # tooltips are plain text, shown as typed


def test_the_network_page_reports_what_it_draws(tiny):
    page = offline.network_page(tiny, GraphOptions(problems_only=True))
    assert page.shown == 9 and page.total == 17 and not page.focus_missing
    assert sorted(page.element_ids) == ids(graph_data(tiny, GraphOptions(problems_only=True)))
    assert external_references(page.html) == []


def test_plain_tooltip_breaks_every_href():
    text = network.plain_tooltip(['<a HREF="x">', "href"])
    assert "href" not in text.lower()
    assert text.replace("\u200b", "") == '<a HREF="x">\nhref'


# ----------------------------------------------------------------------------- nodes, edges, palette
def test_the_default_graph_of_the_tiny_school_counted_by_eye(tiny):
    data = graph_data(tiny)
    # goals 2, processes 3, activities 4, system types 2, applications 4; no information, no functions
    assert len(data.element_nodes) == 15
    assert data.total == 17
    # contributes_to 3 + composed_of 4 + supports 5 (not the function's) + realizes 2 + one derived edge:
    # LAS reaches Education through its function Grade book, which is not drawn
    assert len(data.edges) == 15
    derived = [e for e in data.edges if "through the function" in e["title"]]
    assert [e["title"] for e in derived] == ["LAS supports Education through the function Grade book"]
    headers = [n["label"] for n in data.nodes if n["kind"] == "header"]
    assert headers == ["Goals", "Processes", "Activities", "System types", "Applications"]


def test_every_kind_drawn_shows_all_17_elements_and_19_relations(tiny):
    data = graph_data(tiny, GraphOptions(kinds=tuple(KIND_STYLES)))
    assert len(data.element_nodes) == 17
    # 3 + 4 + 6 supports + 2 realizes + 1 assigned_to + 3 accesses; no derived edges
    assert len(data.edges) == 19


def test_each_kind_has_its_own_colour_and_shape():
    assert set(KIND_STYLES) == {k.value for k in fm.ElementKind} - {"other"}
    assert len({s.shape for s in KIND_STYLES.values()}) == len(KIND_STYLES)
    assert len({s.colour for s in KIND_STYLES.values()}) == len(KIND_STYLES)
    assert set(EDGE_STYLES) == {k.value for k in fm.RelationKind} - {"other"}


def test_nodes_take_their_kind_style_and_problems_their_state_colour(tiny):
    data = graph_data(tiny, GraphOptions(kinds=tuple(KIND_STYLES)))
    layer = {n["kind"]: n["x"] for n in data.element_nodes}
    assert layer["goal"] < layer["process"] < layer["activity"] < layer["system_type"] < layer["application"]
    for element_id in ("g-teach", "t-las", "app-mag", "i-grades", "f-book", "p-edu"):
        node = node_of(data, element_id)
        style = KIND_STYLES[node["kind"]]
        assert (node["shape"], node["color"]["background"]) == (style.shape, style.colour)
    # Record grades: Magister (through LMS) and Somtoday; Register absence: only a planned application
    assert node_of(data, "a-grades")["color"]["background"] == STATUS_COLOURS["duplicated"]
    assert node_of(data, "a-absence")["color"]["background"] == STATUS_COLOURS["unsupported"]
    assert node_of(data, "a-council")["color"]["background"] == STATUS_COLOURS["expected gap"]
    assert node_of(data, "a-grades")["size"] > node_of(data, "p-edu")["size"]
    assert node_of(data, "app-som")["shapeProperties"] == {"borderDashes": [5, 4]}  # phase-out
    assert node_of(data, "app-new")["opacity"] < 1  # planned


def test_positions_are_precomputed_and_physics_is_off(sample):
    net = network.build_network(sample)
    assert net.options["physics"] == {"enabled": False}
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in net.nodes)
    assert len({(n["x"], n["y"]) for n in net.nodes}) == len(net.nodes)
    assert net.node_ids == [n["id"] for n in net.nodes] and set(net.node_map) == set(net.node_ids)


# ----------------------------------------------------------------------------- focus and filters
@pytest.mark.parametrize(("depth", "expected"), [
    (0, ["a-grades"]),
    # its process, the system type and the application that support it
    (1, ["a-grades", "app-som", "p-edu", "t-lms"]),
    # + Education's goal and other activity, LAS (through its function), LMS's Magister, Somtoday's Administration
    (2, ["a-grades", "a-plan", "app-mag", "app-som", "g-teach", "p-admin", "p-edu", "t-las", "t-lms"]),
])
def test_focus_shows_the_neighbourhood_to_the_chosen_depth(tiny, depth, expected):
    data = graph_data(tiny, GraphOptions(focus="a-grades", depth=depth))
    assert ids(data) == expected
    assert node_of(data, "a-grades")["borderWidth"] == 5


@pytest.mark.parametrize(("focus", "depth", "expected"), [
    # Magister stands where its types LAS and LMS stand ...
    ("app-mag", 0, ["app-mag", "t-las", "t-lms"]),
    # ... so one step reaches what they support: Record grades (LMS) and Education (LAS's Grade book)
    ("app-mag", 1, ["a-grades", "app-mag", "p-edu", "t-las", "t-lms"]),
    # around a type, the applications that realize it; not their other types
    ("t-lms", 0, ["app-mag", "t-lms"]),
])
def test_depth_around_an_application_follows_its_system_types(tiny, focus, depth, expected):
    assert ids(graph_data(tiny, GraphOptions(focus=focus, depth=depth))) == expected


def test_focus_ignores_the_scope_filters_but_keeps_the_kind_filter(tiny):
    data = graph_data(tiny, GraphOptions(focus="a-grades", depth=1, goals=("g-gov",), problems_only=True,
                                         kinds=("activity", "application")))
    assert ids(data) == ["a-grades", "app-som"]
    hidden_kind = graph_data(tiny, GraphOptions(focus="f-book", depth=1, kinds=("process",)))
    assert ids(hidden_kind) == ["f-book", "p-edu"]  # the focused element always shows


def test_an_unknown_focus_falls_back_to_the_filters_and_says_so(tiny):
    data = graph_data(tiny, GraphOptions(focus="gone"))
    assert data.focus_missing and len(data.element_nodes) == 15


@pytest.mark.parametrize(("options", "expected"), [
    # Governance and its activity, the goal, and the planned application that supports Governance
    (GraphOptions(goals=("g-gov",)), ["a-council", "app-new", "g-gov", "p-gov"]),
    # Administration, Plan lessons below it, their supporters and the goal Plan lessons serves via Education
    (GraphOptions(processes=("p-admin",)), ["a-plan", "app-mag", "app-som", "g-teach", "p-admin", "t-las"]),
    (GraphOptions(goals=("g-gov",), processes=("p-admin",)), ["g-gov"]),
    # duplicated Record grades, unsupported Register absence, their parents and supporters; Plan lessons
    # only repeats the support of its parents (inherited), so it is no problem of its own
    (GraphOptions(problems_only=True), ["a-absence", "a-grades", "app-mag", "app-new", "app-som",
                                        "g-teach", "p-edu", "t-las", "t-lms"]),
    (GraphOptions(kinds=("goal", "activity")), ["a-absence", "a-council", "a-grades", "a-plan", "g-gov",
                                                "g-teach"]),
])
def test_filters_by_goal_process_problems_and_kind(tiny, options, expected):
    assert ids(graph_data(tiny, options)) == expected


def test_integration_flows_are_a_toggle():
    model = model_of([("a", "application", "A"), ("b", "application", "B")], [("f", "flows_to", "a", "b")])
    assert graph_data(model).edges == []
    (edge,) = graph_data(model, GraphOptions(flows=True)).edges
    assert edge["title"] == "A flows to B" and edge["arrows"] == "to"


def test_a_graph_of_the_sample_matches_its_status(sample):
    data = graph_data(sample)
    status = astatus.element_status(sample)
    duplicated = set(status.loc[status["status"] == "duplicated", "element_id"])
    coloured = {i for i, n in zip(data.element_ids, data.element_nodes, strict=True)
                if n["color"]["background"] == STATUS_COLOURS["duplicated"]}
    assert coloured == duplicated == set(fm.duplicated_activities(sample, include_inherited=False)["activity_id"])


# ----------------------------------------------------------------------------- figures
def strings(value) -> list[str]:
    """Every string in a figure's JSON-able dict."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, (list, tuple, np.ndarray)):
        return [s for v in value for s in strings(v)]
    return []


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_escapes_hostile_names(hostile, name):
    texts = strings(getattr(viz, name)(hostile).to_plotly_json())
    for raw in ("<img", "<script", "<a ", "<br><a"):
        assert not [t for t in texts if raw in t]
    escaped = {plotly_text(h) for h in HOSTILE}
    assert any(e in t for t in texts for e in escaped)


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_draws_the_sample_and_an_empty_model(sample, name):
    assert isinstance(getattr(viz, name)(sample), go.Figure)
    assert isinstance(getattr(viz, name)(fm.Model(name="Empty")), go.Figure)


def test_esc_keeps_the_text_and_neutralises_markup():
    assert plotly_text("R&D <b>x</b> $5$ \"q\"") == 'R&amp;D &lt;b&gt;x&lt;/b&gt; &#36;5&#36; "q"'
    assert plotly_text("a very long name indeed", 10) == "a very lo…"
    assert plotly_text("line\nbreak") == "line break"


def test_the_sunburst_colours_every_supportable_element_by_its_state(tiny):
    trace = figures.sunburst(tiny).data[0]
    by_label = {}
    for label, colour in zip(trace.labels, trace.marker.colors, strict=True):
        by_label.setdefault(label, set()).add(colour)
    assert by_label["Record grades"] == {STATUS_COLOURS["duplicated"]}
    assert by_label["Register absence"] == {STATUS_COLOURS["unsupported"]}
    assert by_label["Appoint council"] == {STATUS_COLOURS["expected gap"]}
    assert by_label["Administration"] == {STATUS_COLOURS["supported"]}
    # Plan lessons sits under Education (goal Good teaching) and under Administration (no goal)
    assert list(trace.labels).count("Plan lessons") == 2
    assert list(trace.parents).count("") == 3  # two goals and "(no goal)"


def test_the_applications_bar_counts_supported_elements(tiny):
    fig = figures.applications_bar(tiny)
    counts = {y: x for trace in fig.data for y, x in zip(trace.y, trace.x, strict=True)}
    # Magister: Record grades, Plan lessons, Education (through LAS's function); Somtoday: Record grades,
    # Administration, Plan lessons (parent); Old Portal nothing; the planned one is not current support
    assert counts == {"app-mag": 3, "app-som": 3, "app-old": 0, "app-new": 0}


def test_the_heatmap_groups_rows_by_process_and_marks_the_most_direct_path(tiny):
    fig = figures.support_heatmap(tiny)
    heat = fig.data[0]
    processes, rows = list(heat.y[0]), list(heat.y[1])
    # sorted by process (the first by name when there are two), then name; top processes last
    assert rows == ["Plan lessons", "Record grades", "Appoint council", "Administration", "Education",
                    "Governance", "Register absence"]
    assert processes == ["Administration", "Education", "Governance"] + ["(no process)"] * 4
    assert list(heat.x) == ["app-mag", "app-som"]  # keyed by id, labelled by name
    assert list(fig.layout.xaxis.ticktext) == ["Magister", "Somtoday"]
    z = pd.DataFrame(heat.z, index=rows, columns=fig.layout.xaxis.ticktext)
    assert z.loc["Record grades", "Somtoday"] == 3  # direct
    assert z.loc["Record grades", "Magister"] == 2  # through a system type
    assert z.loc["Plan lessons", "Somtoday"] == 1  # only through a parent process
    assert z.loc["Register absence"].tolist() == [0, 0]


def test_the_heatmap_is_readable_at_150_activities_by_60_applications():
    elements = [(f"p{i}", "process", f"Process {i}") for i in range(15)]
    elements += [(f"a{i}", "activity", f"Activity number {i}") for i in range(150)]
    elements += [(f"app{j}", "application", f"Application {j}") for j in range(60)]
    relations = [(f"c{i}", "composed_of", f"p{i % 15}", f"a{i}") for i in range(150)]
    relations += [(f"s{i}-{j}", "supports", f"app{j}", f"a{i}") for i in range(150) for j in range(60)
                  if (i + 3 * j) % 11 == 0]
    fig = figures.support_heatmap(model_of(elements, relations))
    heat = fig.data[0]
    assert len(heat.y[1]) == 150 and len(heat.x) == 60
    plot_height = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert plot_height / 150 >= 14  # pixels per row: a label of 11 px fits every row
    assert fig.layout.yaxis.tickfont.size >= 10 and fig.layout.xaxis.tickfont.size >= 10
    assert all(len(label) <= figures.ROW_LABEL_LIMIT for label in heat.y[1])


def test_overlap_heatmap_is_symmetric_with_the_jaccard_of_each_pair(sample):
    heat = figures.overlap_heatmap(sample).data[0]
    z = np.array(heat.z, dtype=float)
    assert np.allclose(np.nan_to_num(z), np.nan_to_num(z.T))
    overlap = fm.application_overlap(sample)
    assert np.nanmax(z) == pytest.approx(overlap["jaccard"].max())


def test_coverage_by_goal_shows_the_goal_coverage_counts(sample):
    fig = board.coverage_by_goal(sample)
    coverage = fm.goal_coverage(sample)
    coverage = coverage[coverage["goal_id"] != ""]  # work linked to no goal is a note, not a bar
    bars = {trace.name: list(trace.x) for trace in fig.data}
    assert bars["Supported"] == coverage["supported"].tolist()
    assert bars["Covered by inheritance"] == coverage["inherited"].tolist()
    assert bars["Unsupported (real gap)"] == coverage["unsupported"].tolist()
    assert bars["Expected gap"] == coverage["expected_gaps"].tolist()


def test_the_sankey_weighs_links_by_activities_counted_by_eye(tiny):
    trace = board.sankey(tiny).data[0]
    labels = list(trace.node.customdata)  # the full names (a thin node shows its label on hover only)
    links = {(labels[s], labels[t]): v for s, t, v in zip(trace.link.source, trace.link.target, trace.link.value,
                                                          strict=True)}
    assert links == {
        ("Good teaching", "Education"): 2,  # Record grades, Plan lessons
        ("Good teaching", "Administration"): 1,  # Plan lessons
        ("Sound governance", "Governance"): 1,  # Appoint council
        ("Good teaching", "(no process)"): 1,  # Register absence
        ("Education", "LMS"): 1,
        ("Education", "LAS"): 2,
        ("Education", "(direct)"): 2,
        ("Administration", "LAS"): 1,
        ("Administration", "(direct)"): 1,
        ("(no process)", "(no system)"): 1,
        ("LMS", "Magister"): 1,
        ("LAS", "Magister"): 2,
        ("(direct)", "Somtoday"): 2,
        ("(no system)", "Unsupported"): 1,
    }


def test_top_duplications_are_ordered_by_combined_cost(sample):
    # the root rows by default (the board's headline), every row with include_inherited
    for include, rows in ((False, fm.duplicated_activities(sample, include_inherited=False)),
                          (True, fm.duplicated_activities(sample))):
        fig = board.top_duplications(sample, limit=40, include_inherited=include)
        report = rows.sort_values("annual_cost", ascending=False, kind="stable")
        totals = [a.text for a in fig.layout.annotations if a.name == "total"]
        assert totals == [f"{money(c)} a year" for c in report["annual_cost"]]
        order = list(fig.layout.yaxis.tickvals)
        assert [v.split("|", 1)[0] for v in order] == report["activity_id"].tolist()
        ticks = list(fig.layout.yaxis.ticktext)
        assert [t.endswith(" (inherited)") for t in ticks] == (report["inherited_from_id"] != "").tolist()


# ----------------------------------------------------------------------------- dashboard functions
def test_kpis_of_the_tiny_school_counted_by_eye(tiny):
    figures_ = db.kpis(tiny)
    assert figures_ == {
        "level": "application", "activities": 4, "supportable": 7,
        # needing support: all but Governance and Appoint council; of them only Register absence lacks it
        "needing_support": 5, "supported_needing": 4, "supported_share": 0.8,
        # Plan lessons is covered only through its parents (Education, Administration)
        "inherited": 1,
        # duplicated: Record grades; Plan lessons has its two supporters only through its parents
        "duplicated": 1, "duplicated_inherited": 1, "unsupported": 1, "expected_gaps": 2,
        "applications": 3, "planned_applications": 1, "annual_cost": 21000.0,
    }
    cards = db.kpi_cards(figures_)
    assert [c[:2] for c in cards] == [("Activities", "4"), ("Supported", "80%"), ("Duplicated", "1"),
                                      ("Unsupported", "1"), ("Applications", "3"), ("Annual cost", "€21k")]


def test_kpis_agree_with_the_analyses_on_the_sample(sample):
    figures_ = db.kpis(sample)
    stats = dict(zip(fm.model_stats(sample)["measure"], fm.model_stats(sample)["value"], strict=True))
    gaps = fm.unsupported_activities(sample)
    assert figures_["activities"] == stats["elements: activity"]
    assert figures_["supportable"] == stats["supportable"]
    roots = fm.duplicated_activities(sample, include_inherited=False)
    assert figures_["duplicated"] == len(roots) == stats["duplicated"]
    assert figures_["duplicated_inherited"] == stats["duplicated_inherited"]
    assert figures_["duplicated"] + figures_["duplicated_inherited"] == len(fm.duplicated_activities(sample))
    assert figures_["unsupported"] == int((~gaps["expected_gap"]).sum()) == stats["unsupported"]
    assert figures_["expected_gaps"] == int(gaps["expected_gap"].sum())
    assert figures_["annual_cost"] == stats["annual_cost"]
    assert figures_["supported_needing"] == figures_["needing_support"] - figures_["unsupported"]


def test_element_status_counts_agree_with_the_reports(sample):
    status = astatus.element_status(sample)["status"].value_counts()
    gaps = fm.unsupported_activities(sample)
    assert status["duplicated"] == len(fm.duplicated_activities(sample, include_inherited=False))
    assert status["unsupported"] == int((~gaps["expected_gap"]).sum())
    assert status["expected gap"] == int(gaps["expected_gap"].sum())


@pytest.mark.parametrize(("goals", "processes", "expected"), [
    ((), (), None),
    (("g-teach",), (), {"p-edu", "a-grades", "a-plan", "a-absence"}),
    ((), ("p-edu",), {"p-edu", "a-grades", "a-plan"}),
    # Administration serves no goal, but Plan lessons below it also sits under Education, which does
    (("g-teach",), ("p-admin",), {"a-plan"}),
    (("g-teach",), ("p-edu",), {"p-edu", "a-grades", "a-plan"}),
])
def test_scope_by_goal_and_process(tiny, goals, processes, expected):
    assert ascope.scope_ids(tiny, goals, processes) == expected


def test_the_duplicates_table_is_the_report_limited_to_the_scope(sample):
    # root rows by default, every row with include_inherited
    every = drat.duplicates_table(sample, include_inherited=True)
    pd.testing.assert_frame_equal(every, fm.duplicated_activities(sample))
    full = fm.duplicated_activities(sample, include_inherited=False)
    pd.testing.assert_frame_equal(drat.duplicates_table(sample), full)
    goal = sample.elements_of("goal")[0].id
    scoped = drat.duplicates_table(sample, goals=[goal])
    inside = ascope.scope_ids(sample, [goal])
    assert 0 < len(scoped) < len(full)
    assert scoped["activity_id"].tolist() == [i for i in full["activity_id"] if i in inside]


@pytest.mark.parametrize(("preset", "options"), [("comma", {}), ("excel", {"excel": True})])
def test_the_download_bytes_come_from_the_cli_writer(sample, preset, options):
    frame = fm.duplicated_activities(sample)
    assert drat.csv_bytes(frame, preset) == fm.report_csv(frame, **options)
    with pytest.raises(ValueError, match="unknown CSV preset"):
        drat.csv_bytes(frame, "tsv")


@pytest.mark.parametrize("text", [*HOSTILE, "**bold** _it_ `code` :red[x] $x^2$ [l](http://x.invalid) # h",
                                  "www.x.invalid mail@x.invalid", "a\nb\\c R&D &amp;"])
def test_md_escape_leaves_no_markdown_html_or_autolink_unescaped(text):
    escaped = dcommon.md_escape(text)
    bare = re.sub(r"\\.", "", escaped)  # drop every escaped character
    assert not re.search(r"[\\`*_{}\[\]()#+\-.!|<>~$:@&]", bare)
    assert not re.search("(?i)://|www\\.|(?<!\u2060)@", re.sub(r"\\(.)", r"\1", escaped))  # no autolink either
    shown = re.sub(r"\\(.)", r"\1", escaped).replace(dcommon.WORD_JOINER, "")
    assert shown == " ".join(text.split())


def test_element_labels_for_pickers_are_plain_text(tiny):
    assert dcommon.element_label(tiny.element("t-las")) == "LAS (system type)"
    assert dcommon.element_options(tiny, ["goal"]) == ["g-teach", "g-gov"]
    assert len(dcommon.element_options(tiny)) == 17


def test_element_table_lists_the_elements_in_view(tiny):
    table = db.element_table(tiny, ids=["a-grades", "g-teach", "missing"])
    assert table.to_dict("records") == [
        {"element_id": "a-grades", "element": "Record grades", "kind": "activity", "status": "duplicated",
         "supporters": 2},
        {"element_id": "g-teach", "element": "Good teaching", "kind": "goal", "status": "", "supporters": None},
    ]


def test_board_captions_say_what_each_figure_shows(tiny):
    captions = db.board_captions(tiny)
    # Plan lessons is covered, and duplicated, only through its parents
    assert captions["coverage"] == ("4 of 5 processes and activities that need a system have one (80%), 1 of them "
                                    "only through a process above; the weakest goal is Good teaching at 75%.")
    assert "1 end in Unsupported" in captions["sankey"]
    assert captions["duplications"].startswith("1 element is supported more than once (1 more only repeats a "
                                               "duplicate of a process above); the costliest is Record grades")
    every = db.board_captions(tiny, include_inherited=True)["duplications"]
    assert every.startswith("2 elements are supported more than once (1 of them only repeats a duplicate")


def test_model_file_name_is_safe():
    assert ddown.model_file_name(fm.Model(name="De Regenboog — <sample>/school")) == "De-Regenboog-sample-school.json"
    assert ddown.model_file_name(fm.Model(name="<>")) == "model.json"


# ----------------------------------------------------------------------------- PNG export
def test_png_export_refuses_without_a_chrome(monkeypatch, tiny):
    monkeypatch.setattr(ddown, "png_export_available", lambda: False)
    with pytest.raises(ddown.PngExportUnavailable):
        ddown.figure_png(board.coverage_by_goal(tiny))


@pytest.mark.slow
def test_png_export_renders_a_png_where_kaleido_finds_a_chrome(tiny):
    if not ddown.png_export_available():
        pytest.skip("kaleido finds no Chrome or Chromium on this machine")
    data = ddown.figure_png(board.coverage_by_goal(tiny), width=600, scale=1)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")


URL_TEXT = ["Zie https://www.kennisnet.nl/fora", "src=http://example.org/x.js", "url(http://example.org/a.png)",
            "href=//cdn.example/y.css", "<img src=https://example.org/t.gif>"]


def test_addresses_in_model_text_are_drawn_as_text_and_never_refuse_the_page():
    # FORA's documentation is full of links; names and documentation that look like markup are data
    model = fm.Model(name="Links")
    for i, text in enumerate(URL_TEXT):
        model.add_element(fm.Element.new("activity", text, id=f"a{i}", documentation=text))
    page = offline.network_page(model, GraphOptions(kinds=tuple(KIND_STYLES)))
    assert page.refused is None and page.shown == len(URL_TEXT)
    assert external_references(page.html) == []
    # the text is in the page, inside the data, exactly as typed (HTML-significant characters escaped)
    assert "https://www.kennisnet.nl/fora" in page.html
    assert "src=http://example.org/x.js" in page.html
    assert external_references(page.html, data_is_text=False)  # the same addresses, had the data been markup


def test_markup_that_would_load_something_still_refuses_the_page(monkeypatch):
    model = fm.Model(name="Tiny")
    model.add_element(fm.Element.new("activity", "Plain", id="a"))
    from pyvis.network import Network  # what the offline page draws with (imported where it draws)

    original = Network.generate_html

    def with_a_tracker(self, *args, **kwargs):
        return original(self, *args, **kwargs).replace("</body>", '<img src="https://tracker.example/p.gif"></body>')

    monkeypatch.setattr(Network, "generate_html", with_a_tracker)
    page = offline.network_page(model)
    assert page.html == "" and "https://tracker.example/p.gif" in (page.refused or "")
    with pytest.raises(offline.OfflineRefused):
        offline.network_html(model)


def test_markup_only_blanks_exactly_the_embedded_data():
    html = 'a<script>nodes = new vis.DataSet([{"label": "src=http://x/y"}]);\nx = new vis.DataSet(' \
           '[{"title": "])\\" href=//z"}]); </script><img src="//w/v">'
    assert offline.markup_only(html) == ('a<script>nodes = new vis.DataSet([]);\nx = new vis.DataSet([]); '
                                         '</script><img src="//w/v">')
    assert external_references(html) == ["//w/v"]
