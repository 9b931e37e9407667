"""ArchiMate types → kinds (DOMAIN §4) and the mapping file that overrides them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import fora_model as fm
from fora_model.cli import main
from fora_model.errors import ModelFileError, Reason
from fora_model.io.archi_csv import parse_archi_csv
from fora_model.io.coarchi import read_coarchi
from fora_model.io.concepts import RawConcept
from fora_model.io.mapping import infer_element_kinds, infer_relation_kind, parse_mapping, read_mapping

FIXTURES = Path(__file__).parent / "fixtures" / "interop"
K, R = fm.ElementKind, fm.RelationKind


def _e(identifier: str, kind: str, **extra) -> RawConcept:
    return RawConcept(id=identifier, type=kind, **extra)


def _r(kind: str, source: str, target: str) -> RawConcept:
    return RawConcept(id=f"{source}-{target}", type=kind + "Relationship", source=source, target=target)


@pytest.mark.parametrize(("concept", "relations", "expected"), [
    (_e("x", "Goal"), [], K.GOAL),
    (_e("x", "BusinessObject"), [], K.INFORMATION),
    (_e("x", "DataObject"), [], K.INFORMATION),
    (_e("x", "BusinessFunction"), [], K.ACTIVITY),
    (_e("x", "BusinessProcess"), [_r("Composition", "x", "child")], K.PROCESS),
    (_e("x", "BusinessFunction"), [_r("Aggregation", "x", "child")], K.PROCESS),
    (_e("x", "BusinessFunction"), [_r("Composition", "x", "obj")], K.ACTIVITY),  # a data child is no behaviour
    (_e("x", "Grouping"), [_r("Aggregation", "x", "child")], K.PROCESS),
    (_e("x", "Grouping"), [], K.OTHER),
    (_e("x", "ApplicationComponent"), [], K.APPLICATION),
    (_e("x", "ApplicationComponent", specialization="Reference Component"), [], K.SYSTEM_TYPE),
    (_e("x", "ApplicationComponent", specialization="system type"), [], K.SYSTEM_TYPE),
    (_e("x", "ApplicationComponent", properties=[("FORA-type", "Referentiecomponent")]), [], K.SYSTEM_TYPE),
    (_e("x", "ApplicationComponent", properties=[("soort", "SYSTEM TYPE")]), [], K.SYSTEM_TYPE),
    (_e("x", "ApplicationComponent"), [_r("Realization", "app", "x")], K.SYSTEM_TYPE),
    (_e("x", "ApplicationFunction"), [], K.APPLICATION_FUNCTION),
    (_e("x", "ApplicationService"), [], K.APPLICATION_FUNCTION),
    (_e("x", "Node"), [], K.OTHER),
    (_e("x", "Junction"), [], K.OTHER),
])
def test_element_kinds(concept, relations, expected):
    others = [_e("child", "BusinessProcess"), _e("obj", "BusinessObject"), _e("app", "ApplicationComponent")]
    assert infer_element_kinds([concept, *others], relations)["x"] is expected


@pytest.mark.parametrize(("kind", "source", "target", "expected"), [
    ("ServingRelationship", K.APPLICATION_FUNCTION, K.PROCESS, R.SUPPORTS),
    ("RealizationRelationship", K.APPLICATION, K.ACTIVITY, R.SUPPORTS),
    ("ServingRelationship", K.SYSTEM_TYPE, K.ACTIVITY, R.SUPPORTS),
    ("RealizationRelationship", K.APPLICATION, K.SYSTEM_TYPE, R.REALIZES),
    ("AssignmentRelationship", K.SYSTEM_TYPE, K.APPLICATION_FUNCTION, R.ASSIGNED_TO),
    ("CompositionRelationship", K.PROCESS, K.ACTIVITY, R.COMPOSED_OF),
    ("AggregationRelationship", K.PROCESS, K.PROCESS, R.COMPOSED_OF),
    ("RealizationRelationship", K.ACTIVITY, K.GOAL, R.CONTRIBUTES_TO),
    ("InfluenceRelationship", K.PROCESS, K.GOAL, R.CONTRIBUTES_TO),
    ("AccessRelationship", K.ACTIVITY, K.INFORMATION, R.ACCESSES),
    ("AccessRelationship", K.APPLICATION_FUNCTION, K.INFORMATION, R.ACCESSES),
    ("AccessRelationship", K.OTHER, K.INFORMATION, R.OTHER),
    ("FlowRelationship", K.APPLICATION, K.APPLICATION, R.FLOWS_TO),
    ("FlowRelationship", K.SYSTEM_TYPE, K.SYSTEM_TYPE, R.OTHER),
    ("RealizationRelationship", K.INFORMATION, K.INFORMATION, R.OTHER),
    ("TriggeringRelationship", K.ACTIVITY, K.ACTIVITY, R.OTHER),
    ("AssociationRelationship", K.OTHER, None, R.OTHER),
])
def test_relation_kinds(kind, source, target, expected):
    assert infer_relation_kind(kind, source, target) is expected


def test_a_mapping_file_overrides_by_id_and_by_type():
    for name in ("mapping.json", "mapping.csv"):
        mapping = read_mapping(FIXTURES / "mapping" / name)
        model = read_coarchi(FIXTURES / "coarchi", mapping=mapping).model
        assert model.elements["id-ac2"].kind is K.APPLICATION, name
        assert model.relations["id-r5"].kind is R.OTHER, name
        assert model.elements["id-ac1"].kind is K.SYSTEM_TYPE, name


def test_a_stated_kind_property_is_honoured_and_a_wrong_one_reported():
    elements = '"ID","Type","Name"\n"a","Capability","Plan"\n"b","Capability","Do"\n'
    properties = '"ID","Key","Value"\n"a","fora:kind","process"\n"b","fora:kind","castle"\n'
    result = parse_archi_csv(elements, "", properties)
    assert result.model.elements["a"].kind is K.PROCESS
    assert [(f.reason, f.element) for f in result.findings] == [(Reason.UNKNOWN_KIND, "b")]


@pytest.mark.parametrize("text", ['{"elements": {"x": "castle"}}', '{"views": {}}', "not json {", "a,b\n1,2\n"])
def test_a_bad_mapping_is_one_clear_error(text):
    with pytest.raises(ModelFileError):
        parse_mapping(text)


def test_the_cli_takes_a_mapping(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert main(["stats", str(FIXTURES / "coarchi")], out, err) == 0
    assert "elements: system_type\t2" in out.getvalue()
    out = io.StringIO()
    assert main(["stats", str(FIXTURES / "coarchi"), "--mapping", str(FIXTURES / "mapping" / "mapping.json")],
                out, err) == 0
    assert "elements: system_type\t1" in out.getvalue() and "elements: application\t1" in out.getvalue()
