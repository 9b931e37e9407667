"""What keeps the dashboard fast on a board-size model: capped tables and figures that say they are
capped, and cache keys that cost nothing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import fora_model as fm
from fora_model import viz
from fora_model.dashboard import rationalisation as drat
from fora_model.dashboard.writes import revision_key


def test_the_overlap_tab_lists_the_pairs_that_overlap_most_with_their_names() -> None:
    sample = fm.load_sample()
    every = fm.application_overlap(sample)
    shown, pairs = drat.overlap_rows(sample, limit=5)
    assert pairs == len(every) > 5
    pd.testing.assert_frame_equal(shown, every.head(5))
    assert (shown["shared_elements"] != "").all()


def test_the_overlap_is_the_same_however_many_pairs_are_named() -> None:
    sample = fm.load_sample()
    every = fm.application_overlap(sample)
    some = fm.application_overlap(sample, names=3)
    pd.testing.assert_frame_equal(some.drop(columns="shared_elements"), every.drop(columns="shared_elements"))
    assert some["shared_elements"].tolist() == every["shared_elements"].tolist()[:3] + [""] * (len(every) - 3)


def test_the_support_matrix_draws_at_most_max_rows_and_says_so() -> None:
    sample = fm.load_sample()
    whole = viz.support_heatmap(sample)
    rows = len(whole.data[0].z)
    capped = viz.support_heatmap(sample, max_rows=10)
    assert len(capped.data[0].z) == 10 < rows
    assert f"the first 10 of {rows:,} rows" in capped.layout.title.text
    assert "rows)" not in whole.layout.title.text
    # the rows drawn are the first of the whole matrix, cell for cell where their supporters are the same
    assert list(capped.data[0].y[1]) == list(whole.data[0].y[1])[:10]


def test_the_cache_key_names_the_workspace_model_and_revision() -> None:
    model = fm.load_sample()
    key = revision_key(Path("ws/fora-model.db"), "school", 4, model)
    assert key != revision_key(Path("ws/fora-model.db"), "school", 5, model)
    assert key != revision_key(Path("other/fora-model.db"), "school", 4, model)
    assert key == revision_key(Path("ws/fora-model.db"), "school", 4, model.copy())


def test_the_landscape_map_draws_whole_boxes_within_its_tile_budget_and_says_so() -> None:
    sample = fm.load_sample()
    whole = viz.landscape_map(sample)
    capped = viz.landscape_map(sample, max_tiles=20)
    assert "main functions)" not in whole.layout.title.text
    text = capped.layout.title.text
    assert "(the first " in text and " main functions)" in text
    tiles = [len(t.customdata) for t in capped.data if t.name.startswith("tiles: ")]
    assert 0 < sum(tiles) <= 20 < sum(len(t.customdata) for t in whole.data if t.name.startswith("tiles: "))
    # what is drawn is the start of the whole map
    first_whole = [a.text for a in whole.layout.annotations][:5]
    assert [a.text for a in capped.layout.annotations][:5] == first_whole
