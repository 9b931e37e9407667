"""Archi's collaboration (coArchi) folders in the form Archi's plugin writes: read, written, and read back.

The fixture ``fixtures/interop/coarchi`` is written by hand after GraficoModelExporter: one
``<Class>_<id>.xml`` per concept, ``documentation`` and ``purpose`` as attributes, properties as
``<properties key= value=/>`` children, references as ``href="<file>#<id>"`` children, diagrams with
``children``, ``sourceConnections``, ``bendpoints`` (a value of 0 left out, as EMF leaves defaults out).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import fora_model as fm
from fora_model.cli.main import main
from fora_model.errors import ModelFileError, Reason, Severity
from fora_model.io import detect_format, read_model, write_model
from fora_model.io.archimate import parse_archimate
from fora_model.io.coarchi import read_coarchi, write_coarchi
from fora_model.io.examples import interop_example
from fora_model.io.extras import count_nodes

REPO = Path(__file__).parent / "fixtures" / "interop" / "coarchi"
ARCHI = "http://www.archimatetool.com/archimate"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


@pytest.fixture(scope="module")
def fora():
    return read_coarchi(REPO)


def _walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [n for node in nodes for n in [node, *_walk(node.get("nodes", []))]]


def census(model: fm.Model) -> dict[str, int]:
    """What a hop must keep, counted: properties, documentation texts, view nodes, connections, bendpoints."""
    concepts = [*model.elements.values(), *model.relations.values()]
    views = model.extras.get("views", [])
    parts = [p for v in views for p in [v, *_walk(v.get("nodes", [])), *v.get("connections", [])]]
    return {
        "properties": len(model.properties) + sum(len(c.properties) for c in concepts),
        "documentation": bool(model.documentation) + sum(bool(c.documentation) for c in concepts),
        "nodes": sum(count_nodes(v.get("nodes", [])) for v in views),
        "connections": sum(len(v.get("connections", [])) for v in views),
        "bendpoints": sum(len(c.get("bendpoints", [])) for v in views for c in v.get("connections", [])),
        "view properties": sum(len(p.get("properties", [])) for p in parts),
        "view documentation": sum(bool(p.get("documentation")) for p in parts),
    }


# ----------------------------------------------------------------------------- reading the real form
def test_the_repository_and_its_model_folder_are_detected():
    assert detect_format(REPO) == "coarchi" == detect_format(REPO / "model")
    assert read_model(REPO / "model").model == read_model(REPO).model


def test_every_property_documentation_node_connection_and_bendpoint_is_read(fora):
    # model 2, Toetsen 4 (one without a key, a repeated key), Toetssysteem 1, relation r4 1
    assert census(fora.model) == {"properties": 8, "documentation": 3, "nodes": 11, "connections": 5,
                                  "bendpoints": 3, "view properties": 5, "view documentation": 4}


def test_header_purpose_and_properties_are_attributes_and_children(fora):
    m = fora.model
    assert (m.id, m.name) == ("id-fora", "FORA (fragment)")
    assert m.documentation == "Een fragment in de vorm waarin FORA wordt gepubliceerd.\r\nTweede regel."
    assert m.properties == (("bron", "Kennisnet"), ("versie", "2.1"))


def test_documentation_and_properties_of_concepts_keep_order_empty_keys_and_repeats(fora):
    toetsen = fora.model.elements["id-bf1"]
    assert toetsen.documentation == "Bedrijfsfunctie\nover twee regels"
    assert toetsen.properties == (("FORA-type", "Bedrijfsfunctie"), ("", "waarde zonder sleutel"),
                                  ("trefwoord", "toets"), ("trefwoord", "examen"))
    r4 = fora.model.relations["id-r4"]
    assert (r4.name, r4.documentation, r4.properties) == ("ondersteunt", "Afname van toetsen", (("sinds", "2020"),))


def test_relationship_ends_are_hrefs_resolved_by_their_id(fora):
    r = fora.model.relations["id-r4"]
    assert (r.source, r.target, r.kind) == ("id-af1", "id-bf1", fm.RelationKind.SUPPORTS)
    assert not [f for f in fora.findings if f.severity is not Severity.INFO]


def test_fora_marks_and_profiles_make_system_types(fora):
    e = fora.model.elements
    assert e["id-ac1"].kind is e["id-ac2"].kind is fm.ElementKind.SYSTEM_TYPE
    assert e["id-ac2"].specialization == "Referentiecomponent"
    assert (e["id-bf2"].kind, e["id-bf1"].kind) == (fm.ElementKind.PROCESS, fm.ElementKind.ACTIVITY)


def test_folders_keep_ids_types_documentation_and_properties(fora):
    folders = fora.model.extras["folders"]
    assert [f["type"] for f in folders] == ["strategy", "business", "application", "technology", "motivation",
                                            "implementation_migration", "other", "relations", "diagrams"]
    sub = folders[1]["folders"][0]
    assert sub == {"name": "Onderwijs", "id": "id-sub", "documentation": "Het primaire proces",
                   "properties": [["eigenaar", "Kennisnet"]], "items": ["id-bf1", "id-bf2"]}


def test_nested_bounds_are_relative_to_the_parent(fora):
    view = fora.model.extras["views"][0]
    nodes = {n["id"]: n for n in _walk(view["nodes"])}
    group, outer, inner = nodes["id-g1"], nodes["id-n1"], nodes["id-n2"]
    assert (group["x"], group["y"]) == (10, 10)
    assert (outer["x"], outer["y"]) == (10 + 20, 10 + 40)
    assert (inner["x"], inner["y"], inner["w"], inner["h"]) == (30 + 10, 50 + 25, 120, 55)


def test_a_group_a_note_a_reference_and_a_plain_connection(fora):
    view = fora.model.extras["views"][0]
    nodes = {n["id"]: n for n in _walk(view["nodes"])}
    assert nodes["id-g1"]["label"] == "Onderwijs" and [n["id"] for n in nodes["id-g1"]["nodes"]] == ["id-n1"]
    assert nodes["id-n5"]["label"] == "Let op:\r\nconcept"
    assert nodes["id-n6"]["view"] == "id-v2"
    plain = next(c for c in view["connections"] if c["id"] == "id-c3")
    assert (plain["label"], plain["source"], plain["target"]) == ("toelichting", "id-n5", "id-g1")
    assert "relationship" not in plain


def test_an_empty_group_stays_a_group_and_a_connection_may_start_on_a_connection(fora, tmp_path):
    view = fora.model.extras["views"][0]
    empty = next(n for n in view["nodes"] if n["id"] == "id-g2")
    assert empty == {"id": "id-g2", "label": "Nog leeg", "x": 420, "y": 300, "w": 200, "h": 100, "group": True}
    c4 = next(c for c in view["connections"] if c["id"] == "id-c4")
    assert (c4["source"], c4["target"]) == ("id-c1", "id-n5")
    write_coarchi(fora.model, tmp_path / "repo")
    written = etree.parse(str(tmp_path / "repo" / "model" / "diagrams" / "ArchimateDiagramModel_id-v1.xml"))
    assert written.xpath("//*[@id='id-g2']")[0].get(XSI_TYPE) == "archimate:DiagramModelGroup"
    [c4_node] = written.xpath("//*[@id='id-c1']/sourceConnections")
    assert c4_node.get("id") == "id-c4" and written.xpath("//*[@id='id-n5']")[0].get("targetConnections") == "id-c4"


def test_what_a_view_cannot_write_is_a_finding_naming_it(fora, tmp_path):
    model = fora.model.copy()
    views = [dict(v) for v in model.extras["views"]]
    views[0]["connections"] = [{**c, "bendpoints": [[1, 2]]} if c["id"] == "id-c4" else c
                               for c in views[0]["connections"]]
    views[0]["properties"] = [["publiek", "bestuur"], ["half"]]
    model.set_header(extras={**model.extras, "views": views})
    [finding] = write_coarchi(model, tmp_path / "repo")
    assert finding.element == "id-v1" and finding.reason is Reason.DROPPED
    assert "properties of id-v1" in finding.message
    back = read_coarchi(tmp_path / "repo").model.extras["views"][0]
    assert back["properties"] == [["publiek", "bestuur"]]
    # a bendpoint of a connection attached to a connection is placed from the middle of that connection
    assert next(c for c in back["connections"] if c["id"] == "id-c4")["bendpoints"] == [[1, 2]]


def test_texts_of_groups_notes_connections_and_references_are_kept(fora):
    view = fora.model.extras["views"][0]
    nodes = {n["id"]: n for n in _walk(view["nodes"])}
    assert (nodes["id-g1"]["documentation"], nodes["id-g1"]["properties"]) == ("Kern van het onderwijs",
                                                                              [["laag", "business"]])
    assert nodes["id-n5"]["properties"] == [["status", "concept"]]
    assert nodes["id-n6"]["label"] == "Naar het overzicht"
    c3 = next(c for c in view["connections"] if c["id"] == "id-c3")
    assert (c3["documentation"], c3["properties"]) == ("waarom", [["bron", "team"]])


def test_a_sketch_view_keeps_its_actor_sticky_and_connection(fora):
    sketch = fora.model.extras["views"][2]
    assert (sketch["id"], sketch["type"], sketch["background"]) == ("id-s1", "sketch", 0)
    actor, sticky = sketch["nodes"]
    assert (actor["sketch"], actor["label"], actor["documentation"]) == ("actor", "Docent", "Geeft les")
    assert (sticky["sketch"], sticky["content"], sticky["properties"]) == ("sticky", "Maandelijks",
                                                                           [["frequentie", "maand"]])
    # the actor is centred on (57, 70), the sticky on (260, 60)
    assert sketch["connections"] == [{"id": "id-s-c", "source": "id-s-a", "target": "id-s-t",
                                      "bendpoints": [[57 + 93, 70 + 80]]}]


def test_bendpoints_are_placed_from_both_ends_and_missing_values_are_zero(fora):
    # id-n3 is centred on (560, 87), id-n2 on (100, 102); both bendpoints sit on y = 20
    c1 = next(c for c in fora.model.extras["views"][0]["connections"] if c["id"] == "id-c1")
    assert c1["bendpoints"] == [[560, 20], [100, 20]]


def test_two_system_types_serving_one_business_function_are_a_duplicate(fora):
    report = fm.duplicated_activities(fora.model, level="system_type")
    assert report["activity_id"].tolist() == ["id-bf1"]
    assert report["application_count"].tolist() == [2]


def test_what_a_view_cannot_hold_is_a_finding_naming_file_and_object(fora):
    [colour, _] = [f for f in fora.findings if f.reason is Reason.DROPPED]
    assert colour.location.endswith("diagrams/ArchimateDiagramModel_id-v1.xml")
    assert "id-n3" in colour.message and colour.element == "id-v1"


# ----------------------------------------------------------------------------- writing as the plugin does
@pytest.fixture
def written(tmp_path):
    model = interop_example()
    findings = write_coarchi(model, tmp_path / "repo")
    return model, findings, tmp_path / "repo" / "model"


def test_the_written_layout_is_the_plugins(written):
    _, findings, root = written
    assert not findings
    assert sorted(p.name for p in root.iterdir()) == sorted(
        ["folder.xml", "strategy", "business", "application", "technology", "motivation", "implementation_migration",
         "other", "relations", "diagrams"])
    assert (root / "business" / "id-f2" / "folder.xml").is_file()  # a sub-folder is named by its id
    assert (root / "business" / "BusinessProcess_id-a1.xml").is_file()
    assert (root / "diagrams" / "ArchimateDiagramModel_id-v1.xml").is_file()
    for path in root.rglob("*.xml"):
        assert not path.read_bytes().startswith(b"<?xml"), path  # the plugin writes no declaration


def test_text_is_written_as_attributes_and_references_as_hrefs_to_files_that_exist(written):
    model, _, root = written
    header = etree.parse(str(root / "folder.xml")).getroot()
    assert header.tag == f"{{{ARCHI}}}ArchimateModel" and header.get("purpose") == model.documentation
    record = etree.parse(str(root / "business" / "BusinessProcess_id-a1.xml")).getroot()
    assert record.get("documentation") == model.elements["id-a1"].documentation
    serving = etree.parse(str(root / "relations" / "ServingRelationship_id-r5.xml")).getroot()
    assert [(p.get("key"), p.get("value")) for p in serving.iter("properties")] == [("since", "2019"),
                                                                                  ("since", "2021")]
    files = {p.name: p for p in root.rglob("*.xml")}
    hrefs = [n for p in files.values() for n in etree.parse(str(p)).getroot().iter() if n.get("href")]
    assert len(hrefs) > 20
    for node in hrefs:
        name, _, identifier = node.get("href").partition("#")
        if node.tag == "profiles":
            assert name == "folder.xml"
            continue
        assert "/" not in name and name in files, node.get("href")
        target = etree.parse(str(files[name])).getroot()
        assert target.get("id") == identifier and node.get(XSI_TYPE) == "archimate:" + etree.QName(target).localname


def test_a_file_is_laid_out_exactly_as_emf_writes_it(tmp_path):
    model = fm.Model(id="id-m", name="School")
    model.add_element(fm.Element.new("activity", "Toetsen", id="id-bf", archimate_type="BusinessFunction",
                                     documentation='Twee "regels"\nen een <teken>'))
    model.add_element(fm.Element.new("information", "Cijfers", id="id-bo"))
    model.add_relation(fm.Relation.new("accesses", "id-bf", "id-bo", id="id-r", access="write"))
    write_coarchi(model, tmp_path)
    relation = (tmp_path / "model" / "relations" / "AccessRelationship_id-r.xml").read_text("utf-8")
    assert relation == f"""<archimate:AccessRelationship
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:archimate="{ARCHI}"
    id="id-r">
  <source
      xsi:type="archimate:BusinessFunction"
      href="BusinessFunction_id-bf.xml#id-bf"/>
  <target
      xsi:type="archimate:BusinessObject"
      href="BusinessObject_id-bo.xml#id-bo"/>
</archimate:AccessRelationship>
"""
    element = (tmp_path / "model" / "business" / "BusinessFunction_id-bf.xml").read_text("utf-8")
    assert element == f"""<archimate:BusinessFunction
    xmlns:archimate="{ARCHI}"
    name="Toetsen"
    id="id-bf"
    documentation="Twee &quot;regels&quot;&#xA;en een &lt;teken>"/>
"""


def test_a_view_is_written_with_children_source_connections_and_target_connections(written):
    _, _, root = written
    view = etree.parse(str(root / "diagrams" / "ArchimateDiagramModel_id-v1.xml")).getroot()
    children = list(view.iter("children"))
    assert [c.get(XSI_TYPE) for c in children] == ["archimate:DiagramModelArchimateObject"] * 3 + [
        "archimate:DiagramModelNote"]
    note = children[-1]
    assert note.get("content") == "Checked with the team"
    [link] = view.iter("sourceConnections")
    assert link.get(XSI_TYPE) == "archimate:DiagramModelArchimateConnection"
    assert view.xpath("//*[@id='id-n2']")[0].get("targetConnections") == "id-c1"


def test_writing_then_reading_gives_the_same_model(written):
    model, _, root = written
    back = read_coarchi(root.parent)
    assert not back.findings
    assert dict(back.model.elements.items()) == dict(model.elements.items())
    assert dict(back.model.relations.items()) == dict(model.relations.items())
    assert back.model.extras["views"] == model.extras["views"]
    assert (back.model.documentation, back.model.properties) == (model.documentation, model.properties)


def test_a_view_with_the_id_of_a_concept_is_not_written(tmp_path):
    model = interop_example()
    model.set_header(extras={**model.extras, "views": [{**model.extras["views"][0], "id": "id-a1"}]})
    findings = write_coarchi(model, tmp_path)
    assert [(f.reason, f.element) for f in findings] == [(Reason.DUPLICATE_ID, "id-a1")]
    assert not list((tmp_path / "model").rglob("ArchimateDiagramModel_*.xml"))
    assert read_coarchi(tmp_path).model.elements["id-a1"] == model.elements["id-a1"]


def test_folder_ids_no_file_name_may_hold_still_get_folders_of_their_own(tmp_path):
    model = interop_example()
    folders = [{"name": "Business", "type": "business", "items": ["id-a1"],
                "folders": [{"name": "One", "id": "a/b", "items": ["id-a2"]}, {"name": "Two", "id": "a_b"}]}]
    model.set_header(extras={**model.extras, "folders": folders})
    write_coarchi(model, tmp_path)
    business = next(f for f in read_coarchi(tmp_path).model.extras["folders"] if f["type"] == "business")
    assert [(f["name"], f["id"], f.get("items")) for f in business["folders"]] == [("One", "a/b", ["id-a2"]),
                                                                                ("Two", "a_b", None)]


def test_writing_again_replaces_the_earlier_export(written, tmp_path):
    _, _, root = written
    (root / "business" / "BusinessActor_id-gone.xml").write_text(
        f'<archimate:BusinessActor xmlns:archimate="{ARCHI}" name="Gone" id="id-gone"/>')
    write_coarchi(interop_example(), root)  # the model folder itself may be named
    assert not (root / "business" / "BusinessActor_id-gone.xml").exists()
    assert "id-gone" not in read_coarchi(root).model.elements


def test_a_target_holding_other_files_is_refused(tmp_path):
    (tmp_path / "repo" / "model").mkdir(parents=True)
    (tmp_path / "repo" / "model" / "notes.txt").write_text("mine")
    with pytest.raises(ModelFileError, match="not a coArchi model"):
        write_coarchi(interop_example(), tmp_path / "repo")
    assert (tmp_path / "repo" / "model" / "notes.txt").read_text() == "mine"


# ----------------------------------------------------------------------------- round trips through other formats
def test_coarchi_to_coarchi_is_exact(fora, tmp_path):
    write_coarchi(fora.model, tmp_path / "again")
    back = read_coarchi(tmp_path / "again").model
    assert back == fora.model
    assert back.extras == fora.model.extras


def test_coarchi_to_json_to_coarchi_keeps_every_part(fora, tmp_path):
    write_model(fora.model, tmp_path / "m.json")
    via_json = read_model(tmp_path / "m.json").model
    write_coarchi(via_json, tmp_path / "back")
    back = read_coarchi(tmp_path / "back").model
    assert census(via_json) == census(back) == census(fora.model)
    assert back.extras["views"] == fora.model.extras["views"]
    assert back == fora.model


ARCHIMATE = f"""<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:archimate="{ARCHI}" name="School"
    id="id-m" version="5.0.0">
  <folder name="Business" id="id-fb" type="business">
    <element xsi:type="archimate:BusinessFunction" name="Onderwijs" id="id-p">
      <documentation>Het primaire proces</documentation>
      <property key="FORA-code" value="ON"/>
      <property key="FORA-code" value="ON2"/>
    </element>
    <element xsi:type="archimate:BusinessProcess" name="Toetsen" id="id-a"/>
  </folder>
  <folder name="Application" id="id-fa" type="application">
    <element xsi:type="archimate:ApplicationComponent" name="Magister" id="id-app">
      <property key="" value="zonder sleutel"/>
    </element>
  </folder>
  <folder name="Relations" id="id-fr" type="relations">
    <element xsi:type="archimate:CompositionRelationship" id="id-r1" source="id-p" target="id-a"/>
    <element xsi:type="archimate:ServingRelationship" id="id-r2" source="id-app" target="id-a">
      <documentation>dagelijks</documentation>
    </element>
  </folder>
  <folder name="Views" id="id-fv" type="diagrams">
    <element xsi:type="archimate:ArchimateDiagramModel" name="Toetsen" id="id-v">
      <child xsi:type="archimate:Group" name="Kern" id="id-g">
        <bounds x="10" y="10" width="500" height="300"/>
        <child xsi:type="archimate:DiagramObject" id="id-n1" archimateElement="id-p">
          <bounds x="20" y="30" width="300" height="200"/>
          <child xsi:type="archimate:DiagramObject" id="id-n2" targetConnections="id-c" archimateElement="id-a">
            <bounds x="40" y="50" width="120" height="55"/>
          </child>
        </child>
      </child>
      <child xsi:type="archimate:DiagramObject" id="id-n3" archimateElement="id-app">
        <bounds x="600" y="100" width="120" height="55"/>
        <sourceConnection xsi:type="archimate:Connection" id="id-c" source="id-n3" target="id-n2"
            archimateRelationship="id-r2">
          <bendpoint startX="-10" startY="100" endX="490" endY="70"/>
        </sourceConnection>
      </child>
      <child xsi:type="archimate:Note" id="id-note">
        <bounds x="600" y="300" width="185" height="80"/>
        <content>Nagekeken</content>
      </child>
    </element>
  </folder>
  <purpose>Onze school</purpose>
  <property key="eigenaar" value="ICT"/>
</archimate:model>
"""


def test_archimate_to_coarchi_to_archimate_keeps_every_part(tmp_path):
    before = parse_archimate(ARCHIMATE.encode()).model
    # the model 1, Onderwijs 2, Magister 1; purpose, Onderwijs, r2; group, 2 nested, 1, note; 1 connection
    assert census(before) == {"properties": 4, "documentation": 3, "nodes": 5, "connections": 1, "bendpoints": 1,
                              "view properties": 0, "view documentation": 0}
    write_coarchi(before, tmp_path / "repo")
    middle = read_coarchi(tmp_path / "repo").model
    write_model(middle, tmp_path / "back.archimate")
    after = read_model(tmp_path / "back.archimate").model
    assert census(middle) == census(after) == census(before)
    for model in (middle, after):
        assert list(model.elements.items()) == list(before.elements.items())
        assert list(model.relations.items()) == list(before.relations.items())
        assert (model.documentation, model.properties) == (before.documentation, before.properties)
        assert model.extras["views"] == before.extras["views"]
        # Archi's model has all nine top folders: the missing ones are added, empty
        assert [f for f in model.extras["folders"] if "items" in f] == before.extras["folders"]
        assert len(model.extras["folders"]) == 9


def test_the_round_trip_of_the_interchange_example_through_the_cli(tmp_path):
    write_model(interop_example(), tmp_path / "m.json")
    out, err = io.StringIO(), io.StringIO()
    assert main(["convert", str(tmp_path / "m.json"), "-o", str(tmp_path / "repo"), "--format", "coarchi"],
                out, err) == 0, err.getvalue()
    assert (tmp_path / "repo" / "model" / "folder.xml").is_file()
    assert main(["convert", str(tmp_path / "m.json"), "-o", str(tmp_path / "other" / "model")], out, err) == 0
    assert (tmp_path / "other" / "model" / "folder.xml").is_file()
    for target in (tmp_path / "repo", tmp_path / "other"):
        back, model = read_model(target).model, interop_example()
        assert dict(back.elements.items()) == dict(model.elements.items())
        assert dict(back.relations.items()) == dict(model.relations.items())
        assert back.extras["views"] == model.extras["views"]


# ----------------------------------------------------------------------------- broken input
@pytest.fixture
def copy(tmp_path):
    shutil.copytree(REPO, tmp_path / "repo")
    return tmp_path / "repo" / "model"


def _errors(path: Path) -> list[fm.Finding]:
    return [f for f in read_coarchi(path).findings if f.severity is not Severity.INFO]


def test_a_folder_without_model_is_refused(tmp_path):
    with pytest.raises(ModelFileError, match="not a coArchi folder"):
        read_coarchi(tmp_path)


@pytest.mark.parametrize(("text", "match"), [
    ("<archimate:model xmlns:archimate='http://www.archimatetool.com/archimate' name='x' id='m'/>",
     "not <archimate:ArchimateModel>"),
    ("<archimate:ArchimateModel xmlns:archimate='http://www.archimatetool.com/archimate' name='x'", "malformed XML"),
])
def test_a_broken_model_file_names_itself(copy, text, match):
    (copy / "folder.xml").write_text(text)
    with pytest.raises(ModelFileError, match=match) as caught:
        read_coarchi(copy)
    assert caught.value.path.endswith("model/folder.xml")


def test_a_malformed_concept_file_is_an_error_naming_it_and_the_rest_is_read(copy):
    (copy / "application" / "ApplicationFunction_id-af2.xml").write_text("<archimate:ApplicationFunction")
    findings = _errors(copy)
    broken = [f for f in findings if f.reason is Reason.SYNTAX_ERROR]
    assert len(broken) == 1 and broken[0].location.endswith("application/ApplicationFunction_id-af2.xml")
    assert broken[0].is_error
    # the relation r3 and r5 that end on it are errors naming their own files
    dangling = sorted(f.element for f in findings if f.reason is Reason.DANGLING_ENDPOINT and f.is_error)
    assert dangling == ["id-r3", "id-r5"]


def test_a_root_outside_archis_namespace_is_an_error(copy):
    (copy / "application" / "ApplicationFunction_id-af1.xml").write_text('<ApplicationFunction id="id-af1"/>')
    [wrong] = [f for f in _errors(copy) if f.reason is Reason.UNSUPPORTED_FORMAT]
    assert wrong.is_error and wrong.location.endswith("ApplicationFunction_id-af1.xml")


def test_a_missing_file_an_href_names_is_an_error_on_the_relation(copy):
    (copy / "business" / "id-sub" / "BusinessFunction_id-bf2.xml").unlink()
    findings = _errors(copy)
    [relation] = [f for f in findings if f.element == "id-r1"]
    assert relation.is_error and relation.reason is Reason.DANGLING_ENDPOINT
    assert relation.location.endswith("relations/AggregationRelationship_id-r1.xml")
    [shown] = [f for f in findings if f.element == "id-bf2"]
    assert shown.location.endswith("diagrams/ArchimateDiagramModel_id-v1.xml") and "id-n1" in shown.message
    view = read_coarchi(copy).model.extras["views"][0]
    assert "id-n1" not in {n["id"] for n in _walk(view["nodes"])}  # with its nested id-n2 and their connections
    assert [c["id"] for c in view["connections"]] == ["id-c3"]  # id-c4 starts on the removed id-c1


def test_a_reference_to_a_missing_view_is_removed_with_a_finding(copy):
    (copy / "diagrams" / "ArchimateDiagramModel_id-v2.xml").unlink()
    [finding] = _errors(copy)
    assert finding.element == "id-v2" and "id-n6" in finding.message


def test_stray_files_and_folders_without_folder_xml_are_named(copy):
    (copy / "business" / ".DS_Store").write_bytes(b"\0\1")
    (copy / "business" / "loose").mkdir()
    shutil.move(str(copy / "business" / "id-sub" / "BusinessFunction_id-bf2.xml"), copy / "business" / "loose")
    (copy / "misc").mkdir()
    result = read_coarchi(copy)
    places = sorted(f.location.rpartition("/model/")[2] for f in result.findings if f.reason is Reason.DROPPED
                    and f.severity is Severity.WARNING)
    assert places == ["business/.DS_Store", "business/loose", "misc"]
    assert "id-bf2" in result.model.elements  # the files of a folder without folder.xml are still read


def test_a_view_without_an_id_or_with_another_views_id_is_an_error(copy):
    text = (copy / "diagrams" / "ArchimateDiagramModel_id-v2.xml").read_text()
    (copy / "diagrams" / "ArchimateDiagramModel_copy.xml").write_text(text)
    (copy / "diagrams" / "ArchimateDiagramModel_none.xml").write_text(text.replace('id="id-v2"', ""))
    result = read_coarchi(copy)
    errors = sorted((f.reason, f.location.rpartition("/")[2]) for f in result.findings if f.is_error)
    assert errors == [(Reason.DUPLICATE_ID, "ArchimateDiagramModel_id-v2.xml"),
                      (Reason.MISSING_FIELD, "ArchimateDiagramModel_none.xml")]
    assert [v["id"] for v in result.model.extras["views"]] == ["id-v2", "id-v1", "id-s1"]


def test_a_link_is_left_out_so_a_loop_ends(copy):
    (copy / "business" / "loop").symlink_to(copy, target_is_directory=True)
    result = read_coarchi(copy)
    [link] = [f for f in result.findings if "is a link" in f.message]
    assert link.location.endswith("business/loop")
    assert len(result.model.elements) == 6


def test_canvases_and_images_are_findings(copy):
    (copy / "diagrams" / "CanvasModel_id-k1.xml").write_text(
        '<canvas:CanvasModel xmlns:canvas="http://www.archimatetool.com/archimate/canvas" name="Doek" id="id-k1"/>')
    (copy.parent / "images").mkdir()
    (copy.parent / "images" / "logo.png").write_bytes(b"\x89PNG")
    findings = read_coarchi(copy).findings
    assert any("canvas view 'Doek'" in f.message and f.location.endswith("CanvasModel_id-k1.xml")
               for f in findings)
    assert any("1 image(s)" in f.message for f in findings)


def test_the_cli_reports_a_broken_folder_in_one_line(copy):
    (copy / "folder.xml").write_text("not xml")
    out, err = io.StringIO(), io.StringIO()
    assert main(["stats", str(copy.parent)], out, err) == 2
    assert "folder.xml" in err.getvalue() and "Traceback" not in err.getvalue()
