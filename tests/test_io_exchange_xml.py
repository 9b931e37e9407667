"""Open Group exchange XML: what Archi and other tools export reads right; what we write validates."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import fora_model as fm
from fora_model.errors import ModelFileError, Reason
from fora_model.io.examples import interop_example
from fora_model.io.exchange_xml import generate_exchange_xml, parse_exchange_xml, read_exchange_xml

FIXTURES = Path(__file__).parent / "fixtures" / "interop"
SCHEMA = etree.XMLSchema(etree.parse(str(FIXTURES / "xsd" / "archimate3_Diagram.xsd")))


@pytest.fixture(scope="module")
def archi():
    return read_exchange_xml(FIXTURES / "exchange" / "archi_export.xml")


def test_the_minimal_file_of_the_domain_notes_reads():
    m = read_exchange_xml(FIXTURES / "exchange" / "minimal.xml").model
    assert m.elements["id-p1"].kind is fm.ElementKind.ACTIVITY
    magister = m.elements["id-a1"]
    assert magister.kind is fm.ElementKind.APPLICATION
    assert magister.attributes == {"annual_cost": 12000.0}
    assert m.relations["id-r1"].kind is fm.RelationKind.SUPPORTS


def test_the_first_name_sets_the_main_language_and_others_are_translations(archi):
    m = archi.model
    assert (m.name, m.translations) == ("Basisschool", (("name", "en", "Primary school"),))
    assert m.extras["language"] == "nl"
    assert m.elements["id-f1"].translations == (("name", "en", "Education"),)


def test_specialization_travels_as_the_specialization_property(archi):
    component = archi.model.elements["id-rc1"]
    assert (component.specialization, component.kind, component.properties) == (
        "Referentiecomponent", fm.ElementKind.SYSTEM_TYPE, ())


def test_access_absent_means_access_and_explicit_types_are_kept(archi):
    r = archi.model.relations
    assert r["id-r2"].attributes == {}  # the XML default: an Access access, left unset
    assert r["id-r5"].attributes == {"access": "readwrite"}
    text, _ = generate_exchange_xml(archi.model)
    assert 'identifier="id-r2" source="id-b1" target="id-o1" xsi:type="Access"/>' in text
    assert 'accessType="ReadWrite"' in text


def test_repeated_property_keys_junctions_folders_and_views(archi):
    m = archi.model
    assert m.relations["id-r4"].properties == (("bron", "a"), ("bron", "b"))
    assert m.elements["id-j1"].attributes == {"junction_type": "or"}
    assert m.extras["folders"] == [{"name": "Business", "items": ["id-f1", "id-b1"]}]
    [view] = m.extras["views"]
    assert view["nodes"][0]["nodes"][0] == {"id": "id-n2", "element": "id-b1", "x": 36, "y": 60, "w": 120, "h": 55}
    assert view["connections"] == [{"id": "id-c1", "relationship": "id-r1", "source": "id-n1", "target": "id-n2"}]
    assert [f.reason for f in archi.findings] == [Reason.DROPPED]  # the node's colours, said out loud


def test_reexport_validates_and_reads_back_equal(archi, tmp_path):
    text, findings = generate_exchange_xml(archi.model)
    assert SCHEMA.validate(etree.fromstring(text.encode())), SCHEMA.error_log
    assert findings == []
    assert parse_exchange_xml(text.encode()).model == archi.model


def test_example_export_validates_against_the_schemas():
    text, _ = generate_exchange_xml(interop_example())
    assert SCHEMA.validate(etree.fromstring(text.encode())), SCHEMA.error_log


def test_an_id_that_is_not_an_ncname_is_prefixed_and_reported():
    model = fm.Model.from_parts([fm.Element.new("goal", "G", id="1st")], [], id="m-1")
    text, findings = generate_exchange_xml(model)
    assert 'identifier="id-1st"' in text
    assert [(f.reason, f.element) for f in findings] == [(Reason.INVALID_ID, "1st")]
    assert SCHEMA.validate(etree.fromstring(text.encode()))


def test_ids_with_spaces_become_distinct_valid_identifiers():
    elements = [fm.Element.new("goal", "G1", id="a b"), fm.Element.new("goal", "G2", id="id-a_b"),
                fm.Element.new("activity", "A", id="a/b")]
    model = fm.Model.from_parts(elements, [fm.Relation.new("contributes_to", "a/b", "a b", id="r 1")], id="m-1")
    text, findings = generate_exchange_xml(model)
    assert SCHEMA.validate(etree.fromstring(text.encode())), SCHEMA.error_log
    root = etree.fromstring(text.encode())
    written = [node.get("identifier") for node in root.iter() if node.get("identifier")]
    assert len(written) == len(set(written))  # "a b" and "a/b" do not both become id-a_b, nor clash with it
    assert {"id-a_b", "id-a_b-2", "id-a_b-3", "id-r_1"} <= set(written)
    assert sorted(f.element for f in findings) == ["a b", "a/b", "r 1"]


def test_a_relation_archimate_forbids_is_not_written(tmp_path):
    model = fm.Model.from_parts(
        [fm.Element.new("goal", "G", id="g"), fm.Element.new("activity", "A", id="a")],
        [fm.Relation(id="r", kind=fm.RelationKind.OTHER, source="g", target="a", archimate_type="ServingRelationship")],
        id="m")
    with pytest.raises(ModelFileError, match="forbids a Serving from Goal to BusinessProcess"):
        fm.write_model(model, tmp_path / "m.xml")
    assert not (tmp_path / "m.xml").exists()


def test_another_root_is_refused_cleanly():
    with pytest.raises(ModelFileError, match="not an ArchiMate model"):
        parse_exchange_xml(b"<html><body/></html>")


def test_a_schema_location_is_only_text():
    data = (FIXTURES / "exchange" / "archi_export.xml").read_bytes()
    assert b"schemaLocation" in data  # the fixture names a remote schema; reading it fetched nothing
    assert parse_exchange_xml(data).model.name == "Basisschool"
