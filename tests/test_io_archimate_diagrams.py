"""Diagram content of a hand-written ``.archimate`` file in Archi's own form (class and attribute names from
Archi's ``archimate.ecore``): references to views, a sketch view, empty groups, connections to connections,
folder properties and two top folders with the same label; what cannot be kept is named in findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from fora_model.datasets import load_reference, load_sample
from fora_model.errors import Severity
from fora_model.io import read_model, write_model
from fora_model.io.archimate import ArchiReader, generate_archimate, parse_archimate, read_archimate
from fora_model.io.archimate_views import read_diagram, view_class
from fora_model.io.concepts import RawModel
from fora_model.io.examples import interop_example
from fora_model.io.exchange_xml import generate_exchange_xml, parse_exchange_xml
from fora_model.io.extras import repair_views
from fora_model.io.native import dumps_model, loads_model
from fora_model.model import Element, Model
from tests.archi_checks import archi_problems

DIAGRAMS = Path(__file__).parent / "fixtures" / "archimate" / "diagrams.archimate"
XSD = Path(__file__).parent / "fixtures" / "interop" / "xsd" / "archimate3_Diagram.xsd"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
NS = {"a": "http://www.opengroup.org/xsd/archimate/3.0/"}

@pytest.fixture(scope="module")
def read() -> Any:
    return read_archimate(DIAGRAMS)


def _view(result: Any, identifier: str) -> dict[str, Any]:
    return next(v for v in result.model.extras["views"] if v["id"] == identifier)


def _nodes(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    stack = list(view["nodes"])
    while stack:
        node = stack.pop()
        out[node["id"]] = node
        stack += node.get("nodes", [])
    return out


def test_the_fixture_itself_is_what_archi_would_load() -> None:
    assert archi_problems(DIAGRAMS.read_text(encoding="utf-8")) == []


def test_a_diagram_reference_points_to_the_view_it_shows(read: Any) -> None:
    reference = _nodes(_view(read, "id-v1"))["id-ref1"]
    assert reference == {"id": "id-ref1", "view": "id-v2", "x": 220, "y": 300, "w": 120, "h": 55}


def test_a_sketch_view_keeps_its_actor_sticky_and_line(read: Any) -> None:
    sketch = _view(read, "id-v2")
    assert sketch["type"] == "sketch"
    actor, sticky = sketch["nodes"]
    assert (actor["sketch"], actor["label"]) == ("actor", "Docent")
    assert (sticky["sketch"], sticky["label"], sticky["content"]) == (
        "sticky", "Toets klaarzetten", "Dinsdag voor de toetsweek")
    assert sticky["properties"] == [["prioriteit", "hoog"]]
    assert sketch["connections"] == [{"id": "id-s3", "source": "id-s1", "target": "id-s2"}]


def test_an_empty_group_stays_a_group_with_its_texts(read: Any) -> None:
    group = _nodes(_view(read, "id-v1"))["id-g2"]
    assert (group["group"], group["label"], group["documentation"], group["properties"]) == (
        True, "Nog te doen", "Leeg, wordt later gevuld", [["wie", "ICT"]])
    text, _ = generate_archimate(read.model)
    written = etree.fromstring(text.encode()).xpath("//child[@id='id-g2']")[0]
    assert written.get(XSI_TYPE) == "archimate:Group" and written.get("name") == "Nog te doen"


def test_connections_to_and_from_a_connection_are_kept(read: Any) -> None:
    connections = {c["id"]: c for c in _view(read, "id-v1")["connections"]}
    assert (connections["id-c2"]["source"], connections["id-c2"]["target"]) == ("id-d3", "id-c1")
    assert (connections["id-c4"]["source"], connections["id-c4"]["target"]) == ("id-c1", "id-d3")
    # id-c1 runs between the centres (460, 110) of id-d2 and (120, 107) of id-d1, so its middle is (290, 108);
    # id-c4's one bendpoint is (0, 119) from there and (-170, 0) from id-d3's centre (460, 227): (290, 227)
    assert connections["id-c4"]["bendpoints"] == [[290, 227]]
    # id-c1's bendpoints are (-100, -60) and (-240, -60) from id-d2's centre: (360, 50) and (220, 50)
    assert connections["id-c1"]["bendpoints"] == [[360, 50], [220, 50]]


def test_written_connections_to_connections_nest_as_archi_nests_them(read: Any) -> None:
    text, _ = generate_archimate(read.model)
    root = etree.fromstring(text.encode())
    [from_connection] = root.xpath("//sourceConnection[@id='id-c4']")
    assert from_connection.getparent().get("id") == "id-c1"
    assert root.xpath("//sourceConnection[@id='id-c1']")[0].get("targetConnections") == "id-c2"
    assert archi_problems(text) == []


def test_folder_properties_and_documentation_are_kept(read: Any) -> None:
    business = read.model.extras["folders"][1]
    assert business["properties"] == [["eigenaar", "Directie"]]
    assert business["folders"][0]["properties"] == [["eigenaar", "Sectie"], ["status", ""]]
    text, _ = generate_archimate(read.model)
    back = parse_archimate(text.encode()).model
    assert back.extras["folders"] == read.model.extras["folders"]


def test_two_top_folders_with_one_label_keep_their_types(read: Any) -> None:
    tops = read.model.extras["folders"]
    assert [(f["name"], f["type"]) for f in tops[1:3]] == [("Onderwijs", "business"), ("Onderwijs", "application")]
    root = etree.fromstring(generate_archimate(read.model)[0].encode())
    assert root.xpath("folder[@type='application']//element/@id") == ["id-ac1"]
    assert root.xpath("folder[@type='business']//element/@id") == ["id-bp1", "id-bf1", "id-bo1"]


def test_the_type_not_the_name_places_a_folder() -> None:
    model = Model(id="m", name="m")
    model.add_element(Element.new("application", "App", id="id-a"))
    model.add_element(Element.new("activity", "Do", id="id-p"))
    # both are called "Business"; the first is Archi's application folder, renamed
    model.set_header(extras={"folders": [
        {"name": "Business", "id": "id-f1", "type": "application", "items": ["id-a"]},
        {"name": "Business", "id": "id-f2", "type": "business", "items": ["id-p"]}]})
    root = etree.fromstring(generate_archimate(model)[0].encode())
    assert root.xpath("folder[@id='id-f1']/@type") == ["application"]
    assert root.xpath("folder[@id='id-f1']/element/@id") == ["id-a"]
    assert root.xpath("folder[@id='id-f2']/element/@id") == ["id-p"]
    assert len(root.xpath("folder[@type='business']")) == 1


def test_what_cannot_be_kept_is_named_with_its_view(read: Any) -> None:
    messages = [f.message for f in read.findings]
    assert any("canvas view 'Ideeën' (id-v3)" in m for m in messages)
    assert any(m.startswith("view 'Toetsing' (id-v1)") and "DiagramModelImage" in m for m in messages)
    assert any(m.startswith("view 'Schets' (id-v2)") and "colour" in m for m in messages)
    assert len(messages) == 3
    assert "id-v3" not in str(read.model.extras) and "id-img1" not in str(read.model.extras)


def test_the_whole_file_written_again_reads_back_the_same(read: Any) -> None:
    text, findings = generate_archimate(read.model)
    assert findings == []
    back = parse_archimate(text.encode())
    assert back.model.extras == read.model.extras
    assert dict(back.model.elements.items()) == dict(read.model.elements.items())
    assert dict(back.model.relations.items()) == dict(read.model.relations.items())
    assert [f.message for f in back.findings] == []  # the first read already dropped the colours
    assert archi_problems(text) == []


def test_texts_an_archi_class_cannot_hold_are_reported_not_written() -> None:
    model = Model(id="m", name="m")
    model.set_header(extras={"views": [{"id": "id-v", "name": "V", "nodes": [
        {"id": "id-n", "label": "note", "documentation": "on a note", "x": 0, "y": 0, "w": 185, "h": 80}],
        "connections": []}]})
    text, findings = generate_archimate(model)
    assert "on a note" not in text
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert "'id-n'" in findings[0].message and "'V' (id-v)" in findings[0].message
    assert archi_problems(text) == []


def test_a_reference_to_a_missing_view_is_removed_with_a_warning() -> None:
    text = DIAGRAMS.read_text(encoding="utf-8").replace('model="id-v2"', 'model="id-gone"')
    result = parse_archimate(text.encode())
    warnings = [f for f in result.findings if f.severity is Severity.WARNING]
    assert [f.element for f in warnings] == ["id-gone", "id-c3"]  # the reference, then its line to the note
    assert "id-ref1" not in _nodes(_view(result, "id-v1"))
    assert archi_problems(generate_archimate(result.model)[0]) == []


def test_exchange_xml_holds_references_and_empty_groups_and_names_the_sketch_it_cannot(read: Any) -> None:
    text, findings = generate_exchange_xml(read.model)
    root = etree.fromstring(text.encode())
    etree.XMLSchema(etree.parse(str(XSD))).assertValid(root)
    group = root.xpath("//a:node[@identifier='id-g2']", namespaces=NS)[0]
    assert group.get(XSI_TYPE) == "Container"
    messages = " | ".join(f.message for f in findings)
    assert "sketch view 'Schets' (id-v2) with 2 object(s) and 1 connection(s)" in messages
    assert "1 reference(s) in view 'Toetsing' (id-v1) to a sketch view" in messages
    assert "folder 'Onderwijs' (id-fb)" in messages and "folder 'Toetsing' (id-fb2)" in messages
    assert "'id-g2'" in messages  # its property
    back = parse_exchange_xml(text.encode()).model
    nodes = _nodes(_view_of(back, "id-v1"))
    assert (nodes["id-g2"]["group"], nodes["id-g2"]["documentation"]) == (True, "Leeg, wordt later gevuld")
    assert [v["id"] for v in back.extras["views"]] == ["id-v1"]
    assert nodes["id-ref1"]["label"] == "Schets"  # the reference to the sketch came back as a note named after it


def _view_of(model: Model, identifier: str) -> dict[str, Any]:
    return next(v for v in model.extras["views"] if v["id"] == identifier)


def test_exchange_xml_writes_a_reference_between_diagrams_as_a_view_ref() -> None:
    model = Model(id="m", name="m")
    model.set_header(extras={"views": [
        {"id": "id-v1", "name": "Main", "nodes": [{"id": "id-r", "view": "id-v2", "x": 0, "y": 0, "w": 120,
                                                   "h": 55}], "connections": []},
        {"id": "id-v2", "name": "Detail", "nodes": [], "connections": []}]})
    text, findings = generate_exchange_xml(model)
    assert findings == []
    etree.XMLSchema(etree.parse(str(XSD))).assertValid(etree.fromstring(text.encode()))
    # as Archi writes a reference: a label with the name of the view it shows, and a viewRef
    node = etree.fromstring(text.encode()).xpath("//a:node[@identifier='id-r']", namespaces=NS)[0]
    assert node.get(XSI_TYPE) == "Label"
    assert [(etree.QName(c).localname, c.text, c.get("ref")) for c in node] == [
        ("label", "Detail", None), ("viewRef", None, "id-v2")]
    assert parse_exchange_xml(text.encode()).model.extras["views"] == model.extras["views"]


def test_repair_keeps_a_reference_to_a_view_that_is_there(read: Any) -> None:
    text = DIAGRAMS.read_text(encoding="utf-8")
    model = parse_archimate(text.encode()).model
    assert repair_views(model) == []
    assert _nodes(_view_of(model, "id-v1"))["id-ref1"]["view"] == "id-v2"


def test_a_diagram_in_the_collaboration_form_reads_like_the_archimate_form() -> None:
    # coArchi (plain EMF XMI) names the parts by Archi's features and gives texts as attributes
    text = b"""<?xml version="1.0" encoding="UTF-8"?>
<archimate:ArchimateDiagramModel xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:archimate="http://www.archimatetool.com/archimate" name="Toetsing" id="id-v1" documentation="Uitleg">
  <children xsi:type="archimate:Group" id="id-g2" name="Nog te doen" documentation="Leeg">
    <bounds x="400" y="300" width="200" height="100"/>
    <properties key="wie" value="ICT"/>
  </children>
  <children xsi:type="archimate:DiagramObject" id="id-d2" targetConnections="id-c1">
    <bounds x="400" y="80" width="120" height="60"/>
    <archimateElement xsi:type="archimate:ApplicationComponent" href="ApplicationComponent_id-ac1.xml#id-ac1"/>
  </children>
  <children xsi:type="archimate:Note" id="id-n1" content="Zie de schets">
    <bounds x="20" y="300" width="185" height="80"/>
    <sourceConnections xsi:type="archimate:DiagramModelConnection" id="id-c1" source="id-n1" target="id-d2">
      <bendpoints startX="10" startY="0" endX="-10" endY="0"/>
    </sourceConnections>
  </children>
  <children xsi:type="archimate:DiagramModelReference" id="id-ref1">
    <bounds x="220" y="300" width="120" height="55"/>
    <referencedModel xsi:type="archimate:SketchModel" href="SketchModel_id-v2.xml#id-v2"/>
  </children>
</archimate:ArchimateDiagramModel>"""
    skipped: dict[tuple[str, str], int] = {}
    view = read_diagram(etree.fromstring(text), skipped)
    assert skipped == {}
    assert view["documentation"] == "Uitleg"
    group, element, note, reference = view["nodes"]
    assert (group["group"], group["documentation"], group["properties"]) == (True, "Leeg", [["wie", "ICT"]])
    assert (element["element"], note["label"], reference["view"]) == ("id-ac1", "Zie de schets", "id-v2")
    # the note's centre is (112, 340) and id-d2's (460, 110): the one bendpoint lies halfway, at (286, 225)
    assert view["connections"] == [{"id": "id-c1", "source": "id-n1", "target": "id-d2", "bendpoints": [[286, 225]]}]
    assert view_class(view) == "ArchimateDiagramModel" and view_class({"type": "sketch"}) == "SketchModel"


@pytest.mark.parametrize(("extras", "left_out"), [
    ({"views": [{"id": "v", "properties": "owner=ICT"}]}, "view 'v'"),
    ({"views": [{"id": "v", "nodes": [{"id": "n", "view": 7}]}]}, "view 'v'"),
    ({"views": [{"id": "v", "nodes": [{"id": "n", "label": "", "properties": [["k"]]}]}]}, "view 'v'"),
    ({"views": [{"id": "v", "connections": [{"id": "c", "source": "a", "target": "b", "bendpoints": [[1]]}]}]},
     "view 'v'"),
    ({"views": [{"id": "v", "type": ["sketch"]}]}, "view 'v'"),
    ({"folders": [{"name": "B", "properties": {"k": "v"}}]}, "the folder tree"),
    ({"folders": [{"name": "B", "type": 2}]}, "the folder tree"),
])
def test_view_and_folder_parts_of_the_wrong_shape_are_left_out_and_every_writer_works(
        tmp_path: Path, extras: dict[str, Any], left_out: str) -> None:
    doc = json.loads(dumps_model(Model(name="Hostile")))
    doc["extras"] = extras
    result = loads_model(json.dumps(doc), source="hostile.json")
    (finding,) = [f for f in result.findings if "was left out" in f.message]
    assert finding.message.startswith(left_out) and finding.location == "hostile.json"
    for suffix in (".xml", ".archimate", ".xlsx", ".json"):
        write_model(result.model, tmp_path / f"out{suffix}")


def test_a_folder_part_that_is_not_kept_is_named() -> None:
    text = DIAGRAMS.read_text(encoding="utf-8").replace(
        '<property key="eigenaar" value="Directie"/>',
        '<property key="eigenaar" value="Directie"/><feature name="colour" value="red"/>')
    messages = [f.message for f in parse_archimate(text.encode()).findings]
    assert "folder 'Onderwijs' (id-fb): 1 part(s) <feature> not kept" in messages


def test_a_workbook_whose_hidden_views_have_the_wrong_shape_reads_with_a_warning(tmp_path: Path) -> None:
    model = Model(id="m", name="m")
    model.set_header(extras={"views": [{"id": "v", "name": "V", "properties": [["k", "v"]], "nodes": [],
                                        "connections": []}]})
    target = tmp_path / "model.xlsx"
    write_model(model, target)
    assert read_model(target).model.extras == model.extras
    # the same workbook with the view's properties turned into text, as a hand edit might leave them
    broken = Model(id="m", name="m")
    broken.set_header(extras={"views": [{"id": "v", "name": "V", "properties": "k=v", "nodes": [],
                                         "connections": []}]})
    write_model(broken, target)
    result = read_model(target)
    assert [f.message for f in result.findings if "left out" in f.message] == [
        "view 'v' was left out: the properties of the view must be a list of [key, value] texts"]
    assert result.model.extras["views"] == []


def test_a_connection_whose_ends_are_not_its_relations_is_left_out_of_an_archimate_file(read: Any) -> None:
    views = [dict(v) for v in read.model.extras["views"]]
    first = dict(views[0])
    # id-c1 shows id-r2 (id-ac1 -> id-bp1); drawn the other way round, Archi refuses the whole model
    first["connections"] = [{**c, "source": c["target"], "target": c["source"]} if c["id"] == "id-c1" else c
                            for c in first["connections"]]
    views[0] = first
    model = parse_archimate(DIAGRAMS.read_bytes()).model
    model.set_header(extras={**model.extras, "views": views})
    text, findings = generate_archimate(model)
    assert archi_problems(text) == []
    root = etree.fromstring(text.encode())
    # id-c4 and id-c2 hung on id-c1: gone too; the plain line id-c3 and the sketch's id-s3 stay
    assert root.xpath("//sourceConnection/@id") == ["id-c3", "id-s3"]
    assert [f.element for f in findings] == ["id-r2", "id-r4", "id-r3"]
    assert "connection 'id-c1' in view 'Toetsing' (id-v1) shows relation 'id-r2'" in findings[0].message
    assert model.extras["views"] == views  # the model itself is not changed


def test_the_shipped_models_written_as_archimate_pass_archis_checks() -> None:
    for model in (interop_example(), load_sample(), load_reference()):
        text, _ = generate_archimate(model)
        assert archi_problems(text) == []


def test_a_view_left_of_the_origin_is_shifted_whole_into_exchange_xml() -> None:
    # Archi allows objects at negative coordinates; the exchange format does not, so Archi moves the view
    model = Model(id="m", name="m")
    model.set_header(extras={"views": [{"id": "id-v", "name": "V", "nodes": [
        {"id": "id-a", "label": "left", "x": -40, "y": 10, "w": 185, "h": 80},
        {"id": "id-b", "label": "right", "x": 100, "y": -5, "w": 185, "h": 80}],
        "connections": [{"id": "id-c", "source": "id-a", "target": "id-b", "bendpoints": [[-60, 0]]}]}]})
    text, findings = generate_exchange_xml(model)
    assert findings == []
    view = parse_exchange_xml(text.encode()).model.extras["views"][0]
    # the leftmost point is the bendpoint at x -60, the highest object id-b at y -5: all move by (60, 5)
    assert [(n["x"], n["y"]) for n in view["nodes"]] == [(20, 15), (160, 0)]
    assert view["connections"][0]["bendpoints"] == [[0, 5]]


def test_a_concept_and_model_header_in_the_collaboration_form_keep_their_texts() -> None:
    concept = etree.fromstring(b"""<archimate:BusinessFunction xmlns:archimate="http://www.archimatetool.com/archimate"
    name="Cijfers registreren" id="id-bf1" documentation="Resultaten vastleggen.">
  <properties key="FORA-term" value="Cijferregistratie"/>
  <properties key="FORA-term" value="Cijfers"/>
</archimate:BusinessFunction>""")
    header = etree.fromstring(b"""<archimate:ArchimateModel xmlns:archimate="http://www.archimatetool.com/archimate"
    name="FORA" id="id-m" purpose="Referentiearchitectuur" version="5.0.0">
  <properties key="bron" value="Kennisnet"/>
</archimate:ArchimateModel>""")
    reader, raw = ArchiReader("model"), RawModel(source="model")
    reader.header(header, raw)
    reader.concept(concept, raw, "business/BusinessFunction_id-bf1.xml")
    [function] = raw.elements
    assert (function.documentation, function.properties) == (
        "Resultaten vastleggen.", [("FORA-term", "Cijferregistratie"), ("FORA-term", "Cijfers")])
    assert (raw.name, raw.documentation, raw.properties) == ("FORA", "Referentiearchitectuur", [("bron", "Kennisnet")])
    assert reader.finish(raw) == []


def test_views_referring_to_what_the_model_lacks_are_written_without_it() -> None:
    # a model whose views were never repaired (built in code, or a JSON file edited by hand)
    model = Model(id="m", name="m")
    model.add_element(Element.new("application", "App", id="id-a"))
    model.set_header(extras={"views": [{"id": "id-v", "name": "V", "nodes": [
        {"id": "id-n1", "element": "id-a", "x": 0, "y": 0, "w": 120, "h": 55},
        {"id": "id-n2", "element": "id-missing", "x": 200, "y": 0, "w": 120, "h": 55},
        {"id": "id-n3", "view": "id-no-view", "x": 0, "y": 100, "w": 120, "h": 55}],
        "connections": [{"id": "id-c1", "label": "", "source": "id-n1", "target": "id-n2"},
                        {"id": "id-c2", "label": "", "source": "id-n1", "target": "id-nowhere"}]}]})
    before = model.extras
    text, findings = generate_archimate(model)
    assert archi_problems(text) == []
    root = etree.fromstring(text.encode())
    assert root.xpath("//child/@id") == ["id-n1"] and root.xpath("//sourceConnection") == []
    # id-c1 goes with id-n2 (that warning says so); id-c2 ends nowhere
    assert [f.element for f in findings] == ["id-no-view", "id-missing", "id-c2"]
    assert "its connections were removed" in findings[1].message
    assert model.extras is before  # the model itself is not repaired by writing it


def test_exchange_xml_of_views_referring_to_what_the_model_lacks_still_validates() -> None:
    model = Model(id="m", name="m")
    model.add_element(Element.new("application", "App", id="id-a"))
    model.set_header(extras={"views": [{"id": "id-v", "name": "V", "nodes": [
        {"id": "id-n1", "element": "id-a", "x": 0, "y": 0, "w": 120, "h": 55},
        {"id": "id-n2", "element": "id-missing", "x": 200, "y": 0, "w": 120, "h": 55}],
        "connections": [{"id": "id-c2", "label": "", "source": "id-n1", "target": "id-nowhere"}]}]})
    text, findings = generate_exchange_xml(model)
    etree.XMLSchema(etree.parse(str(XSD))).assertValid(etree.fromstring(text.encode()))
    assert [f.element for f in findings] == ["id-missing", "id-c2"]
