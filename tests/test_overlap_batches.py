"""Overlap counted a batch of pairs at a time, and names only for the pairs asked for, gives what
the whole self-join of (element, supporter) pairs gives."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from fora_model import Model
from fora_model.analysis import overlap
from fora_model.analysis.context import join_labels
from fora_model.analysis.overlap import OVERLAP_COLUMNS, application_overlap
from fora_model.analysis.support import support_table
from fora_model.datasets import load_reference, load_sample
from tests.tiny import tiny_school

SYNTHETIC = Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic.py"


def _synthetic() -> ModuleType:
    name = "fora_benchmarks_synthetic"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SYNTHETIC)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def self_join(model: Model, level: str | None = None, min_shared: int = 1) -> pd.DataFrame:
    """The overlap by one merge of every (element, supporter) pair with every other."""
    table = support_table(model, level=level)
    t = table.tables
    pairs = table.chains[["element", "supporter"]].drop_duplicates()
    sizes = pairs.groupby("supporter").size()
    joined = pairs.merge(pairs, on="element", suffixes=("_a", "_b"))
    joined = joined[joined["supporter_a"] < joined["supporter_b"]]
    result = joined.groupby(["supporter_a", "supporter_b"]).size().rename("shared").reset_index()
    result = result[result["shared"] >= min_shared]
    a, b = result["supporter_a"].to_numpy(), result["supporter_b"].to_numpy()
    shared = result["shared"].to_numpy()
    size_a, size_b = sizes.reindex(a).to_numpy(), sizes.reindex(b).to_numpy()
    key = joined["supporter_a"].to_numpy() * (t.size + 1) + joined["supporter_b"].to_numpy()
    names = join_labels(t, key, joined["element"].to_numpy())
    frame = pd.DataFrame({
        "application_a_id": t.ids[a], "application_a": t.labels[a],
        "application_b_id": t.ids[b], "application_b": t.labels[b],
        "level": table.level, "shared": shared.astype("int64"),
        "only_a": (size_a - shared).astype("int64"), "only_b": (size_b - shared).astype("int64"),
        "jaccard": shared / (size_a + size_b - shared),
        "shared_elements": names.reindex(a * (t.size + 1) + b).to_numpy(),
    })
    return frame.sort_values(["jaccard", "shared", "application_a", "application_b"],
                             ascending=[False, False, True, True], kind="stable").reset_index(drop=True)


MODELS = {
    "tiny": tiny_school,
    "sample": load_sample,
    "reference": load_reference,
    "synthetic": lambda: _synthetic().synthetic_model("school", seed=0),
}


@pytest.mark.parametrize("name", list(MODELS))
@pytest.mark.parametrize("batch", [3, 1_000_000])
def test_batches_of_any_size_give_the_self_join(name, batch, monkeypatch):
    monkeypatch.setattr(overlap, "_BATCH", batch)
    model = MODELS[name]()
    for level in (None, "system_type"):
        for min_shared in (1, 2):
            got = application_overlap(model, level=level, min_shared=min_shared)
            pd.testing.assert_frame_equal(got, self_join(model, level, min_shared))
            assert list(got.columns) == OVERLAP_COLUMNS


def test_names_only_for_the_first_pairs_and_counts_for_all():
    model = _synthetic().synthetic_model("school", seed=0)
    full = application_overlap(model)
    assert len(full) > 10
    top = application_overlap(model, names=10)
    pd.testing.assert_frame_equal(top.drop(columns="shared_elements"), full.drop(columns="shared_elements"))
    assert top["shared_elements"].tolist() == full["shared_elements"].tolist()[:10] + [""] * (len(full) - 10)
    assert (application_overlap(model, names=0)["shared_elements"] == "").all()


def test_the_tiny_school_names_what_its_one_pair_shares():
    # Magister reaches Record grades through LMS and both activities through LAS's grade book on
    # Education; Somtoday supports Record grades and Administration, above Plan lessons
    frame = application_overlap(tiny_school(), names=1)
    assert frame[["application_a_id", "application_b_id", "shared", "shared_elements"]].values.tolist() == [
        ["app-mag", "app-som", 2, "Plan lessons | Record grades"]]
