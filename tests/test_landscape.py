"""The landscape map: which applications sit in which main function, and the figure that draws it.

The hand-built model, drawn::

    Education (d-edu)                         Operations (d-ops)                  Loose activity (a-loose)
      Teaching (f-teach)  Assessment (f-ass)    Finance (f-fin)  Governance (f-gov, needs no support)
        Give a lesson       Grade a test          Pay a bill       Appoint council
        Plan a lesson

    Magister supports Give a lesson and Plan a lesson; Somtoday supports Give a lesson;
    AFAS supports Pay a bill. Grade a test and the loose activity have nothing (real gaps).
"""

from __future__ import annotations

import pandas as pd
import pytest

import fora_model as fm
from fora_model import ElementKind, RelationKind
from fora_model.analysis import unsupported_activities
from fora_model.analysis.landscape import LANDSCAPE_COLUMNS, NO_DOMAIN, landscape
from fora_model.analysis.time import time_recommendations
from fora_model.board_pack.figures import FIGURE_WIDTH
from fora_model.dashboard.landscape import clicked_element, placement
from fora_model.dashboard.overview import kpis
from fora_model.viz import landscape as vl
from fora_model.viz.landscape import landscape_map, tile_colours
from fora_model.viz.palette import RECOMMENDATION_COLOURS, STATUS_COLOURS
from tests.apptest import run_app
from tests.tiny import model_of

E, R = ElementKind, RelationKind


def hand_built(first_app: str = "Magister") -> fm.Model:
    return model_of(
        [("d-edu", E.PROCESS, "Education"), ("f-teach", E.PROCESS, "Teaching"), ("f-ass", E.PROCESS, "Assessment"),
         ("d-ops", E.PROCESS, "Operations"), ("f-fin", E.PROCESS, "Finance"),
         ("f-gov", E.PROCESS, "Governance", {"needs_support": False}),
         ("a-give", E.ACTIVITY, "Give a lesson"), ("a-plan", E.ACTIVITY, "Plan a lesson"),
         ("a-grade", E.ACTIVITY, "Grade a test"), ("a-pay", E.ACTIVITY, "Pay a bill"),
         ("a-council", E.ACTIVITY, "Appoint council"), ("a-loose", E.ACTIVITY, "Loose activity"),
         ("app-mag", E.APPLICATION, first_app), ("app-som", E.APPLICATION, "Somtoday"),
         ("app-afas", E.APPLICATION, "AFAS")],
        [("r1", R.COMPOSED_OF, "d-edu", "f-teach"), ("r2", R.COMPOSED_OF, "d-edu", "f-ass"),
         ("r3", R.COMPOSED_OF, "d-ops", "f-fin"), ("r4", R.COMPOSED_OF, "d-ops", "f-gov"),
         ("r5", R.COMPOSED_OF, "f-teach", "a-give"), ("r6", R.COMPOSED_OF, "f-teach", "a-plan"),
         ("r7", R.COMPOSED_OF, "f-ass", "a-grade"), ("r8", R.COMPOSED_OF, "f-fin", "a-pay"),
         ("r9", R.COMPOSED_OF, "f-gov", "a-council"),
         ("s1", R.SUPPORTS, "app-mag", "a-give"), ("s2", R.SUPPORTS, "app-mag", "a-plan"),
         ("s3", R.SUPPORTS, "app-som", "a-give"), ("s4", R.SUPPORTS, "app-afas", "a-pay")],
    )


def functions(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop_duplicates("function_id").set_index("function_id")


def test_every_function_is_placed_in_its_domain_with_its_counts():
    frame = landscape(hand_built())
    assert list(frame.columns) == LANDSCAPE_COLUMNS
    f = functions(frame)
    assert f.loc[["f-teach", "f-ass", "f-fin", "f-gov", "a-loose"], "domain"].tolist() == [
        "Education", "Education", "Operations", "Operations", NO_DOMAIN]
    assert f.loc["f-teach", ["function_status", "elements", "duplicates", "real_gaps", "expected_gaps"]].tolist() == [
        "duplicated", 2, 1, 0, 0]
    assert f.loc["f-ass", ["function_status", "real_gaps"]].tolist() == ["unsupported", 1]
    assert f.loc["f-fin", "function_status"] == "supported"
    assert f.loc["f-gov", ["function_status", "expected_gaps"]].tolist() == ["expected gap", 1]
    assert f.loc["a-loose", ["function_status", "real_gaps"]].tolist() == ["unsupported", 1]


def test_applications_sit_inside_the_functions_they_support():
    frame = landscape(hand_built())
    tiles = frame[frame["application_id"] != ""]
    assert tiles[["function", "application", "application_status", "supports"]].values.tolist() == [
        ["Teaching", "Magister", "duplicated", 2],
        ["Teaching", "Somtoday", "duplicated", 1],
        ["Finance", "AFAS", "supported", 1],
    ]
    empty = frame[frame["application_id"] == ""]
    assert sorted(empty["function_id"]) == ["a-loose", "f-ass", "f-gov"]


def test_a_duplicate_on_a_shared_function_counts_once_not_once_per_child():
    model = model_of(
        [("d", E.PROCESS, "Education support"), ("f", E.PROCESS, "Communication"),
         *[(f"a{i}", E.ACTIVITY, f"Message {i}") for i in range(3)],
         ("x", E.APPLICATION, "Parro"), ("y", E.APPLICATION, "Social Schools")],
        [("r0", R.COMPOSED_OF, "d", "f"), *[(f"c{i}", R.COMPOSED_OF, "f", f"a{i}") for i in range(3)],
         ("s1", R.SUPPORTS, "x", "f"), ("s2", R.SUPPORTS, "y", "f")],
    )
    f = functions(landscape(model))
    assert f.loc["f", ["elements", "duplicates"]].tolist() == [4, 1]  # the function's own row; three inherit


def test_on_the_sample_school_the_map_adds_up_to_the_headline():
    school = fm.load_sample()
    f = functions(landscape(school))
    assert f["duplicates"].sum() == kpis(school)["duplicated"] == len(
        fm.duplicated_activities(school, include_inherited=False))
    gaps = unsupported_activities(school)
    assert f["real_gaps"].sum() == int((~gaps["expected_gap"]).sum())
    assert f["expected_gaps"].sum() == int(gaps["expected_gap"].sum())
    placed = set(landscape(school)["application_id"]) - {""}
    supporting = {r.source for r in school.relations_of("supports")
                  if school.elements[r.source].kind is E.APPLICATION}
    assert supporting <= placed


def tile_fills(fig, name: str) -> list[str]:
    """The fill of every tile whose label is ``name`` (tiles are the rects behind label notes)."""
    fills = []
    rects = [s for s in fig.layout.shapes if s.y1 - s.y0 == vl._TILE]
    for note in fig.layout.annotations:
        if note.text != name:
            continue
        (rect,) = [s for s in rects if s.x0 < note.x < s.x1 and s.y0 < note.y < s.y1]
        fills.append(rect.fillcolor)
    return fills


def test_tiles_are_coloured_as_the_legend_says():
    fig = landscape_map(hand_built())
    legend = {t.name: t.marker.color for t in fig.data if t.showlegend is not False and t.x == (None,)}
    colours = tile_colours("status")
    assert legend[colours["duplicated"][1]] == STATUS_COLOURS["duplicated"]
    assert tile_fills(fig, "Magister") == [STATUS_COLOURS["duplicated"]]
    assert tile_fills(fig, "AFAS") == [STATUS_COLOURS["supported"]]
    assert set(tile_fills(fig, "<i>no system</i>")) == {STATUS_COLOURS["unsupported"]}


def test_time_colouring_follows_the_recommendation():
    school = fm.load_sample()
    fig = landscape_map(school, colour_by="recommendation")
    time = time_recommendations(school)
    for name, recommendation in zip(time["application"].head(8), time["recommendation"].head(8), strict=True):
        fills = set(tile_fills(fig, vl.plotly_text(name, vl.Fit.of(1000, vl.COLUMNS).tile)))
        assert fills <= {RECOMMENDATION_COLOURS[recommendation]}, name


def test_names_are_escaped_and_clicks_carry_element_ids():
    fig = landscape_map(hand_built('<img src=x onerror="alert(1)">'))
    texts = [n.text for n in fig.layout.annotations] + [h for t in fig.data for h in (t.hovertext or ())]
    assert not [t for t in texts if "<img" in t]
    assert any("&lt;img" in t for t in texts)
    clickable = {c for t in fig.data for c in (t.customdata or ())}
    assert {"app-mag", "app-som", "app-afas", "f-teach", "f-ass", "f-fin", "f-gov", "a-loose"} <= clickable


@pytest.mark.parametrize(("width", "columns"), [(FIGURE_WIDTH, vl.COLUMNS), (555, 3), (1110, 6)])
def test_every_label_fits_its_box_at_the_width_it_is_laid_out_for(width, columns):
    school = fm.load_sample()
    fig = landscape_map(school, width=width, columns=columns)
    box_px = (width - 12) * (vl.DESIGN_WIDTH - 2 * vl._PAD - (columns - 1) * vl._GAP) / columns / vl.DESIGN_WIDTH
    fit = vl.Fit.of(width, columns)
    names = {vl.plotly_text(e.name, fit.tile) for e in school.elements_of("application")}
    tiles = [n.text for n in fig.layout.annotations if n.text in names]
    assert len(set(tiles)) == len(names & set(tiles)) > 20
    assert max(len(t) for t in tiles) * vl.CHAR_PX <= box_px - 16  # tiles are inset 6 px, text 4 px more
    headers = [n.text.split("<br>") for n in fig.layout.annotations if n.text.startswith("<b>") and "<br>" in n.text]
    longest = max(len(line.replace("<b>", "").replace("</b>", "")) for h in headers for line in h)
    assert longest * vl.CHAR_PX * 1.08 <= box_px - 6
    assert "…" in "".join(tiles)  # the sample has names longer than a box; they are cut, the hover has them
    full = [h for t in fig.data for h in (t.hovertext or ())]
    assert any("Malmberg digital learning materials" in h for h in full)


def test_rows_keep_their_height_whatever_the_width():
    school = fm.load_sample()
    assert landscape_map(school, width=555).layout.height == landscape_map(school, width=1400).layout.height


def test_reference_models_show_system_types_and_refuse_application_colourings():
    reference = fm.load_reference()
    fig = landscape_map(reference)
    assert any(t.name.startswith("System type") for t in fig.data if t.name)
    with pytest.raises(ValueError, match="about applications"):
        landscape_map(reference, colour_by="lifecycle")


@pytest.mark.parametrize(("event", "expected"), [
    (None, None),
    ({"selection": {"points": []}}, None),
    ({"selection": {"points": [{"customdata": "app-mag"}]}}, "app-mag"),
    ({"selection": {"points": [{"customdata": ["f-teach"]}, {"customdata": "x"}]}}, "f-teach"),
    ({"selection": {"points": [{"x": 1}]}}, None),
])
def test_a_click_names_the_element(event, expected):
    assert clicked_element(event) == expected


def test_placement_says_where_an_element_sits():
    model = hand_built()
    assert placement(model, "app-mag")[["function", "supports", "of", "on_a_duplicate"]].values.tolist() == [
        ["Teaching", 2, 2, True]]
    assert placement(model, "f-teach")["application"].tolist() == ["Magister", "Somtoday"]
    assert placement(model, "a-council").empty


def test_the_page_draws_the_map_and_switches_colours(workspace_app):
    at = run_app("app_pages/landscape.py")
    assert at.title[0].value == "Landscape map"
    (control,) = [w for w in at.get("button_group")]
    assert control.label == "Colour the tiles by"
    charts = at.get("plotly_chart")
    assert len(charts) == 1
    control.set_value("recommendation").run()
    assert not at.exception
    assert "TIME: Eliminate" in str(at.get("plotly_chart")[0].proto.spec)


def test_a_rerun_sends_the_same_chart_so_a_click_survives_it(workspace_app):
    """The browser redraws a chart whose spec text changed, and a redraw forgets the clicked tile;
    the cached figure of the second run must serialise exactly as the fresh one of the first."""
    at = run_app("app_pages/landscape.py")
    first = at.get("plotly_chart")[0].proto.spec
    at.run()
    assert at.get("plotly_chart")[0].proto.spec == first
