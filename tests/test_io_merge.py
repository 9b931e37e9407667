"""Archi-style merge (existing id → update, new → create, nothing deleted), its preview, and replace."""

from __future__ import annotations

import pytest

import fora_model as fm
from fora_model.io.examples import interop_example
from fora_model.io.merge import PREVIEW_COLUMNS, apply_merge, merge_preview, replace


@pytest.fixture()
def incoming():
    m = fm.Model(id="other-id", name="")
    m.add_element(fm.Element.new("application", "Magister 7", id="id-app1", lifecycle="phase-out"))
    m.add_element(fm.Element.new("application", "Zermelo", id="id-app9"))
    m.add_element(fm.Element.new("activity", "Make timetable", id="id-a9"))
    m.add_relation(fm.Relation.new("supports", "id-app9", "id-a9", id="id-r99"))
    return m


def test_preview_lists_exactly_what_would_change(incoming):
    current = interop_example()
    preview = merge_preview(current, incoming)
    assert list(preview.columns) == PREVIEW_COLUMNS
    assert preview[["action", "id"]].values.tolist() == [
        ["update", "id-app1"], ["create", "id-app9"], ["create", "id-a9"], ["create", "id-r99"]]
    changes = preview.loc[preview.id == "id-app1", "changes"].item()
    assert "name: 'Magister' → 'Magister 7'" in changes and "attributes:" in changes


def test_merge_updates_creates_and_deletes_nothing(incoming):
    current = interop_example()
    before = current.copy()
    merged = apply_merge(current, incoming)
    assert current == before  # inputs untouched
    assert set(merged.elements) == set(current.elements) | {"id-app9", "id-a9"}
    assert set(merged.relations) == set(current.relations) | {"id-r99"}
    assert merged.elements["id-app1"] == incoming.elements["id-app1"]
    assert (merged.id, merged.name, merged.extras) == (current.id, current.name, current.extras)


def test_a_merge_that_would_break_the_model_is_refused(incoming):
    incoming.add_element(fm.Element.new("goal", "Now a goal", id="id-app2"))  # id-app2 supports id-a1
    with pytest.raises(fm.ModelInvalidError):
        apply_merge(interop_example(), incoming)


def test_merging_a_model_with_itself_changes_nothing():
    current = interop_example()
    assert merge_preview(current, current.copy()).empty
    assert apply_merge(current, current.copy()) == current


def test_replace_keeps_the_workspace_model_id(incoming):
    result = replace(interop_example(), incoming)
    assert result.id == "id-model-1"
    assert set(result.elements) == set(incoming.elements)
