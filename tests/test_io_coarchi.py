"""Archi's collaboration (coArchi) folder layout, as the FORA model is published."""

from __future__ import annotations

from pathlib import Path

import pytest

import fora_model as fm
from fora_model.errors import ModelFileError
from fora_model.io import detect_format, read_model
from fora_model.io.coarchi import read_coarchi, write_coarchi
from fora_model.io.examples import interop_example

REPO = Path(__file__).parent / "fixtures" / "interop" / "coarchi"


@pytest.fixture(scope="module")
def fora():
    return read_coarchi(REPO)


def test_the_repository_and_its_model_folder_are_detected():
    assert detect_format(REPO) == "coarchi" == detect_format(REPO / "model")
    assert read_model(REPO / "model").model == read_model(REPO).model


def test_relationship_ends_given_as_hrefs(fora):
    r = fora.model.relations["id-r4"]
    assert (r.source, r.target, r.kind) == ("id-af1", "id-bf1", fm.RelationKind.SUPPORTS)
    assert not fora.findings


def test_fora_marks_and_profiles_make_system_types(fora):
    e = fora.model.elements
    assert e["id-ac1"].kind is e["id-ac2"].kind is fm.ElementKind.SYSTEM_TYPE
    assert e["id-ac2"].specialization == "Referentiecomponent"
    assert (e["id-bf2"].kind, e["id-bf1"].kind) == (fm.ElementKind.PROCESS, fm.ElementKind.ACTIVITY)


def test_header_folders_and_views(fora):
    m = fora.model
    assert (m.id, m.name, m.properties) == ("id-fora", "FORA (fragment)", (("bron", "Kennisnet"),))
    business = next(f for f in m.extras["folders"] if f.get("type") == "business")
    assert business["folders"][0]["items"] == ["id-bf1", "id-bf2"]
    assert m.extras["views"][0]["nodes"][0]["element"] == "id-bf1"


def test_two_system_types_serving_one_business_function_are_a_duplicate(fora):
    report = fm.duplicated_activities(fora.model, level="system_type")
    assert report["activity_id"].tolist() == ["id-bf1"]
    assert report["application_count"].tolist() == [2]


def test_write_then_read_keeps_every_concept_and_view(tmp_path):
    model = interop_example()
    write_coarchi(model, tmp_path / "repo")
    assert (tmp_path / "repo" / "model" / "folder.xml").is_file()
    back = read_coarchi(tmp_path / "repo").model
    assert dict(back.elements.items()) == dict(model.elements.items())
    assert dict(back.relations.items()) == dict(model.relations.items())
    assert back.extras["views"] == model.extras["views"]


def test_a_folder_without_model_is_refused(tmp_path):
    with pytest.raises(ModelFileError, match="not a coArchi folder"):
        read_coarchi(tmp_path)
