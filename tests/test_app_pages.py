"""The dashboard pages under Streamlit's AppTest: every page runs on the sample school, shows what
fora_model returns, keeps model text out of Markdown, and computes analyses once per model version.

AppTest runs the real ``app.py`` router in-process; a page is reached with ``switch_page``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import fora_model as fm
import fora_model.dashboard.common as dcommon
import fora_model.dashboard.downloads as ddown
import fora_model.dashboard.rationalisation as drat
from fora_model.dashboard import overview as db
from fora_model.viz.network import graph_data
from fora_model.viz.offline import external_references
from fora_model.viz.options import GraphOptions
from tests.apptest import run_app, shown, workspace
from tests.dashboard_fixtures import HOSTILE, HOSTILE_MODEL_NAME, hostile_model

APP = Path(__file__).resolve().parents[1] / "app.py"

PAGES = {
    "app_pages/overview.py": "Overview",
    "app_pages/landscape.py": "Landscape map",
    "app_pages/graph_explorer.py": "Graph explorer",
    "app_pages/rationalisation.py": "Rationalisation",
    "app_pages/board_view.py": "Board view",
    "app_pages/model_page.py": "Model",
    "app_pages/applications.py": "Applications",
    "app_pages/scenarios.py": "Scenarios",
    "app_pages/risks.py": "Privacy and risks",
    "app_pages/board.py": "Board",
    "app_pages/edit_map.py": "Map",
    "app_pages/edit_elements.py": "Elements",
    "app_pages/edit_links.py": "Links",
    "app_pages/history.py": "History",
    "app_pages/import_export.py": "Import and export",
}


@pytest.fixture(autouse=True)
def fresh_app(workspace_app):
    """Each test starts on the sample school in a new workspace with empty Streamlit caches."""


def app(page: str | None = None) -> AppTest:
    return run_app(page)


def same_frame(shown: pd.DataFrame, expected: pd.DataFrame) -> None:
    """The frame a page shows equals ``expected`` (Arrow turns object columns into str on the way)."""
    pd.testing.assert_frame_equal(shown, expected, check_dtype=False)


def srcdoc(at: AppTest) -> str:
    (frame,) = at.get("iframe")
    return str(frame.proto.srcdoc)


def drawn_nodes(html: str) -> list[dict]:
    match = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", html, re.DOTALL)
    assert match is not None
    return [n for n in json.loads(match.group(1)) if n.get("kind") != "header"]


def markdown_texts(at: AppTest) -> list[str]:
    """The text of every element that Streamlit renders as Markdown."""
    texts = [e.value for kind in ("markdown", "caption", "title", "header", "subheader", "success", "error",
                                  "warning", "info") for e in getattr(at, kind)]
    texts += [m.label for m in at.metric] + [m.value for m in at.metric]
    widgets = ("multiselect", "selectbox", "radio", "toggle", "slider", "button", "file_uploader")
    texts += [w.label for kind in widgets for w in getattr(at, kind)]
    return [str(t) for t in texts]


# ----------------------------------------------------------------------------- every page
def test_every_page_of_the_router_is_tested_here():
    routed = set(re.findall(r'st\.Page\("(app_pages/[a-z_]+\.py)"', APP.read_text(encoding="utf-8")))
    assert routed == set(PAGES)


@pytest.mark.parametrize(("page", "title"), PAGES.items())
def test_every_page_runs_on_the_sample_school(page, title):
    at = app(page)
    assert [t.value for t in at.title] == [title]
    assert shown(at) == fm.load_sample()


def test_the_app_opens_on_the_overview_of_the_sample_school(sample):
    at = app()
    assert [t.value for t in at.title] == ["Overview"]
    expected = f"{dcommon.md_escape(sample.name)} · revision 1 · {len(sample.elements):,} elements"
    assert at.sidebar.caption[0].value == expected
    assert at.sidebar.selectbox[0].value == "sample-school"


# ----------------------------------------------------------------------------- overview
def test_the_overview_kpis_are_what_fora_model_returns(sample):
    at = app()
    figures = db.kpis(sample)
    shown = [(m.label, m.value) for m in at.metric]
    assert shown == [(label, value) for label, value, _ in db.kpi_cards(figures)]
    # the headline counts root rows only
    assert shown[2] == ("Duplicated", str(len(fm.duplicated_activities(sample, include_inherited=False))))
    gaps = fm.unsupported_activities(sample)
    assert shown[3] == ("Unsupported", str(int((~gaps["expected_gap"]).sum())))
    assert shown[0] == ("Activities", str(len(sample.elements_of("activity"))))


def test_the_level_switch_changes_every_figure(sample):
    at = app()
    at.radio(key="fm_level").set_value("system_type").run()
    assert not at.exception
    expected = db.kpi_cards(db.kpis(sample, level="system_type"))
    assert [(m.label, m.value) for m in at.metric] == [(label, value) for label, value, _ in expected]


# ----------------------------------------------------------------------------- rationalisation
def test_the_duplicates_table_lists_root_rows_and_all_rows_with_the_toggle(sample):
    at = app("app_pages/rationalisation.py")
    roots = fm.duplicated_activities(sample, include_inherited=False)
    every = fm.duplicated_activities(sample)
    assert 0 < len(roots) < len(every)
    same_frame(at.dataframe[0].value, roots)
    assert at.toggle(key="rz_inherited").value is False
    inherited = len(every) - len(roots)
    assert f"{inherited} more only repeat the duplicate" in at.caption[0].value
    at.toggle(key="rz_inherited").set_value(True).run()
    assert not at.exception
    same_frame(at.dataframe[0].value, every)
    assert f"{inherited} of them only repeat the duplicate" in at.caption[0].value
    marked = at.dataframe[0].value.set_index("activity_id")["inherited_from"]
    assert (marked != "").sum() == inherited


def test_the_duplicates_table_follows_the_goal_filter_and_the_paths(sample):
    at = app("app_pages/rationalisation.py")
    goal = sample.elements_of("goal")[0].id
    at.multiselect(key="rz_goals").set_value([goal]).run()
    same_frame(at.dataframe[0].value, drat.duplicates_table(sample, goals=[goal]))
    at.multiselect(key="fm_paths").set_value(["direct", "function", "parent"]).run()
    expected = drat.duplicates_table(sample, paths=("direct", "function", "parent"), goals=[goal])
    same_frame(at.dataframe[0].value, expected)


def test_the_csv_download_offers_both_formats_of_the_cli_writer(sample):
    at = app("app_pages/rationalisation.py")
    assert at.radio(key="rz_csv_format").options == ["Comma-separated (,)", "Excel, Dutch (; and decimal comma)"]
    at.radio(key="rz_csv_format").set_value("excel").run()
    assert not at.exception
    frame = at.dataframe[0].value
    roots = fm.duplicated_activities(sample, include_inherited=False)
    assert drat.csv_bytes(frame, "excel") == fm.report_csv(roots, excel=True)
    assert drat.csv_bytes(frame, "comma") == fm.report_csv(roots)


def test_the_other_rationalisation_tables_are_the_reports(sample):
    at = app("app_pages/rationalisation.py")
    tables = [d.value for d in at.dataframe]
    same_frame(tables[1], fm.unsupported_activities(sample))
    same_frame(tables[2], fm.application_overlap(sample))
    same_frame(tables[3], fm.orphan_applications(sample))
    at.toggle(key="rz_expected").set_value(False).run()
    same_frame(at.dataframe[1].value, fm.unsupported_activities(sample, include_expected=False))


# ----------------------------------------------------------------------------- graph explorer
def test_the_graph_opens_on_the_problems_and_the_whole_graph_is_one_toggle_away(sample):
    at = app("app_pages/graph_explorer.py")
    html = srcdoc(at)
    assert external_references(html) == []
    problems = graph_data(sample, GraphOptions(problems_only=True)).element_ids
    assert len(drawn_nodes(html)) == len(problems) <= 150
    at.toggle(key="gx_problems").set_value(False).run()
    html = srcdoc(at)
    assert external_references(html) == []
    assert len(drawn_nodes(html)) == len(graph_data(sample).element_ids) > 150


def test_searching_focuses_the_graph_on_a_neighbourhood(sample):
    at = app("app_pages/graph_explorer.py")
    activity = fm.duplicated_activities(sample)["activity_id"].iloc[0]
    at.selectbox(key="gx_focus").set_value(activity).run()
    at.slider(key="gx_depth").set_value(2).run()
    expected = graph_data(sample, GraphOptions(focus=activity, depth=2))
    assert len(drawn_nodes(srcdoc(at))) == len(expected.element_ids) < len(graph_data(sample).element_ids)


def test_addresses_in_names_and_documentation_do_not_stop_the_graph(sample):
    app()  # seeds the workspace
    store = workspace()
    activity = fm.duplicated_activities(sample)["activity_id"].iloc[0]
    element = store.open("sample-school").elements[activity]
    change = fm.UpdateElement(dataclasses.replace(
        element, name="Zie src=https://www.kennisnet.nl/fora",
        documentation="url(http://example.org/a.png) href=//cdn.example/x"))
    store.edit("sample-school", change, base=store.head("sample-school"))
    at = app("app_pages/graph_explorer.py")
    html = srcdoc(at)
    assert not at.error and external_references(html) == []
    assert "src=https://www.kennisnet.nl/fora" in html


def test_an_unrelated_widget_leaves_the_graph_and_everything_above_it_alone():
    at = app("app_pages/graph_explorer.py")
    before = srcdoc(at)
    blocks_before = [type(e).__name__ for e in at.main]
    at.toggle(key="gx_list").set_value(True).run()
    assert srcdoc(at) == before
    assert len(at.dataframe) == 1  # the list below the graph
    assert [type(e).__name__ for e in at.main][: len(blocks_before) - 1] == blocks_before[:-1]


# ----------------------------------------------------------------------------- caching
def count_kpis(monkeypatch) -> list[str]:
    """Record the content hash of every model :func:`fora_model.dashboard.overview.kpis` is computed for."""
    calls: list[str] = []
    original = db.kpis

    def counting(model, *args, **kwargs):
        calls.append(fm.content_hash(model))
        return original(model, *args, **kwargs)

    monkeypatch.setattr(db, "kpis", counting)
    return calls


def test_analyses_run_once_per_model_version(monkeypatch, sample):
    calls = count_kpis(monkeypatch)
    at = app()
    at.run()
    at.switch_page("app_pages/rationalisation.py").run()
    at.switch_page("app_pages/overview.py").run()
    assert calls == [fm.content_hash(sample)]
    at.radio(key="fm_level").set_value("system_type").run()  # other options: computed once more
    at.radio(key="fm_level").set_value("auto").run()
    assert len(calls) == 2


def test_a_changed_model_is_analysed_again(monkeypatch, sample):
    calls = count_kpis(monkeypatch)
    changed = sample.copy()
    changed.set_header(name="Another school")
    at = app("app_pages/model_page.py")
    at.file_uploader(key="md_upload").set_value(("other.json", ddown.model_bytes(changed), "application/json")).run()
    at.switch_page("app_pages/overview.py").run()
    at.run()
    # the app opened on the overview of the sample, then the upload's version was analysed once
    assert calls == [fm.content_hash(sample), fm.content_hash(changed)]


# ----------------------------------------------------------------------------- model page
def test_an_upload_with_errors_leaves_the_open_model_unchanged(sample):
    at = app("app_pages/model_page.py")
    at.file_uploader(key="md_upload").set_value(("broken.json", b'{"format": "fora-model", "elem', "x")).run()
    assert not at.exception
    assert at.error[0].value == "broken\\.json was not opened: it has 1 error. The open model is unchanged."
    findings = at.dataframe[1].value
    assert findings[["severity", "reason", "file"]].values.tolist() == [["error", "syntax-error", "broken.json"]]
    assert shown(at) == sample


def test_an_upload_opens_the_model_and_forgets_choices_about_the_old_one(sample):
    at = app("app_pages/graph_explorer.py")
    at.multiselect(key="gx_goals").set_value([sample.elements_of("goal")[0].id]).run()
    hostile, _ = hostile_model(sample)
    at.switch_page("app_pages/model_page.py").run()
    at.file_uploader(key="md_upload").set_value(("hostile.json", ddown.model_bytes(hostile), "application/json")).run()
    assert not at.exception
    assert at.success[0].value == "Opened hostile\\.json."
    assert shown(at) == hostile
    assert "gx_goals" not in at.session_state
    at.button(key="md_sample").click().run()
    at.button(key="md_sample_revision").click().run()  # the sample school back, as a new revision of it
    assert shown(at) == sample


def test_a_start_model_with_errors_opens_nothing_and_says_why(monkeypatch, tmp_path, sample):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("FORA_MODEL_FILE", str(broken))
    at = app()
    assert at.info[0].value == "No model is open. Open one on the Model page."
    at.switch_page("app_pages/model_page.py").run()
    assert not at.exception
    assert at.error[0].value.startswith("broken\\.json could not be opened")
    at.button(key="md_sample").click().run()
    at.button(key="md_sample_new").click().run()  # the workspace has the sample school: asked, opened anew
    assert shown(at) == sample
    at.switch_page("app_pages/overview.py").run()
    assert at.metric[0].label == "Activities"


def test_the_model_page_offers_the_open_model_for_download(sample):
    at = app("app_pages/model_page.py")
    assert ddown.model_bytes(sample) == fm.dumps_model(sample).encode("utf-8")
    assert fm.loads_model(ddown.model_bytes(sample).decode("utf-8")).model == sample
    assert [b.label for b in at.get("download_button")] == ["Download the open model (JSON)"]


# ----------------------------------------------------------------------------- hostile names
@pytest.mark.parametrize("page", PAGES)
def test_hostile_names_never_reach_markdown_raw(monkeypatch, tmp_path, sample, page):
    hostile, _ = hostile_model(sample)
    path = tmp_path / "hostile.json"
    fm.write_model(hostile, path)
    monkeypatch.setenv("FORA_MODEL_FILE", str(path))
    at = app(page)
    assert shown(at) == hostile
    texts = markdown_texts(at) + [c.value for c in at.sidebar.caption]
    for text in texts:
        bare = re.sub(r"\\.", "", text)  # what is left when escaped characters are taken out
        assert "<" not in bare and "](" not in bare and "**" not in bare, text
    if page == "app_pages/overview.py":
        assert any(dcommon.md_escape(HOSTILE_MODEL_NAME) in t for t in texts)
    if page == "app_pages/graph_explorer.py":
        html = srcdoc(at)
        assert external_references(html) == []
        labels = {n["label"] for n in drawn_nodes(html)}
        assert set(HOSTILE) <= labels


# ----------------------------------------------------------------------------- board view
def _chart_rows(at: AppTest, index: int) -> list[str]:
    """The element ids of the bars of the ``index``-th plotly chart on the page."""
    spec = json.loads(at.get("plotly_chart")[index].proto.spec)
    return [str(key).split("|", 1)[0] for key in spec["data"][0]["y"]]


def test_the_board_view_counts_root_rows_and_all_rows_with_the_toggle(sample):
    from fora_model.viz.board import top_duplications

    at = app("app_pages/board_view.py")
    assert at.toggle(key="bv_inherited").value is False
    roots = fm.duplicated_activities(sample, include_inherited=False)
    inherited = len(fm.duplicated_activities(sample)) - len(roots)
    caption = db.board_captions(sample)["duplications"]
    assert caption.startswith(f"{len(roots)} elements are supported more than once ({inherited} more only repeat")
    assert dcommon.md_escape(caption) in [m.value for m in at.markdown]
    root_bars = _chart_rows(at, 2)
    assert set(root_bars) <= set(roots["activity_id"])
    assert root_bars == [str(k).split("|", 1)[0] for k in top_duplications(sample).data[0].y]

    at.toggle(key="bv_inherited").set_value(True).run()
    assert not at.exception
    every = len(roots) + inherited
    caption = db.board_captions(sample, include_inherited=True)["duplications"]
    assert caption.startswith(f"{every:,} elements are supported more than once ({inherited} of them only repeat")
    assert dcommon.md_escape(caption) in [m.value for m in at.markdown]
    expected = top_duplications(sample, include_inherited=True)
    assert _chart_rows(at, 2) == [str(k).split("|", 1)[0] for k in expected.data[0].y]
