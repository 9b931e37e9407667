"""The synthetic benchmark models: deterministic per seed, about the advertised size, valid, analysable."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import fora_model as fm
from fora_model.io.native import dumps_model, read_json

SYNTHETIC = Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic.py"


def _load() -> ModuleType:
    name = "fora_benchmarks_synthetic"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SYNTHETIC)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


synthetic = _load()


@pytest.fixture(scope="module")
def school() -> fm.Model:
    return synthetic.synthetic_model("school", seed=0)


def test_same_seed_gives_the_same_model(school):
    again = synthetic.synthetic_model("school", seed=0)
    assert again == school
    assert fm.content_hash(again) == fm.content_hash(school)
    assert dumps_model(again) == dumps_model(school)


def test_another_seed_gives_another_model(school):
    other = synthetic.synthetic_model("school", seed=1)
    assert fm.content_hash(other) != fm.content_hash(school)
    assert not set(other.elements) & set(school.elements)


def test_school_preset_has_the_advertised_size(school):
    elements, relations = synthetic.PRESETS["school"]
    assert abs(len(school.elements) - elements) <= elements * 0.05
    assert abs(len(school.relations) - relations) <= relations * 0.05


@pytest.mark.parametrize("elements", [400, 2_000])
def test_a_number_of_elements_gives_about_that_many(elements):
    model = synthetic.synthetic_model(elements, seed=3)
    assert abs(len(model.elements) - elements) <= elements * 0.05
    assert abs(len(model.relations) - elements * synthetic.RELATIONS_PER_ELEMENT) <= elements * 0.2
    assert not [f for f in fm.validate(model) if f.is_error]


def test_school_has_every_kind_and_relation_kind(school):
    kinds = {e.kind for e in school.elements.values()}
    assert kinds == set(fm.ElementKind) - {fm.ElementKind.OTHER}
    relation_kinds = {r.kind for r in school.relations.values()}
    assert relation_kinds == set(fm.RelationKind) - {fm.RelationKind.OTHER}
    system_types = school.elements_of(fm.ElementKind.SYSTEM_TYPE)
    assert len(system_types) == 28


def test_ids_are_archi_style(school):
    assert all(i.startswith("id-") and len(i) == 35 for i in [school.id, *school.elements, *school.relations])


def test_school_validates_with_only_the_untidiness_of_real_models(school):
    findings = fm.validate(school)
    assert not [f for f in findings if f.is_error]
    reasons = {f.reason for f in findings}
    assert fm.Reason.COMPOSITION_LOOP in reasons
    assert fm.Reason.SEVERAL_PARENTS in reasons


def test_analyses_run_on_the_school(school):
    duplicates = fm.duplicated_activities(school)
    assert list(duplicates.columns) == fm.DUPLICATE_COLUMNS
    assert len(duplicates) > 0
    assert (duplicates["application_count"] >= 2).all()
    gaps = fm.unsupported_activities(school)
    assert list(gaps.columns) == fm.UNSUPPORTED_COLUMNS
    assert gaps["expected_gap"].any()  # the school-board domain needs no support
    coverage = fm.goal_coverage(school)
    assert len(coverage) >= synthetic.shape_for(*synthetic.PRESETS["school"]).goals
    orphans = fm.orphan_applications(school)
    assert len(orphans) >= 1
    overlap = fm.application_overlap(school)
    assert ((overlap["jaccard"] > 0) & (overlap["jaccard"] <= 1)).all()
    matrix = fm.support_matrix(school)
    assert set(matrix["path"]) >= {"direct", "function", "type", "parent"}


def test_command_line_writes_native_json_that_reads_back(tmp_path, school):
    target = tmp_path / "school.json"
    assert synthetic.main(["school", "-o", str(target)]) == 0
    result = read_json(target)
    assert result.ok
    assert result.model == school


def test_too_small_or_unknown_sizes_are_refused():
    with pytest.raises(ValueError, match="at least 400"):
        synthetic.synthetic_model(50)
    with pytest.raises(ValueError, match="unknown size"):
        synthetic.synthetic_model("county")
