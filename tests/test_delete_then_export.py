"""Removing elements that appear in views, then exporting: the exchange XML validates against the Open Group
schema and the ``.archimate`` has no reference to anything that is not in the file."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from fora_model.changes import RemoveElement, apply_changes
from fora_model.io.archimate import generate_archimate, parse_archimate, read_archimate
from fora_model.io.exchange_xml import generate_exchange_xml
from fora_model.io.extras import repair_views

FIXTURES = Path(__file__).parent / "fixtures" / "interop"
SCHEMA = etree.XMLSchema(etree.parse(str(FIXTURES / "xsd" / "archimate3_Diagram.xsd")))
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def _dangling(archimate_text: str) -> list[str]:
    """Every reference in an .archimate text whose target id is not in the file."""
    root = etree.fromstring(archimate_text.encode())
    ids = {node.get("id") for node in root.iter() if node.get("id")}
    problems = []
    for node in root.iter():
        for attribute in ("archimateElement", "archimateRelationship", "source", "target", "model"):
            value = node.get(attribute)
            if value and value not in ids:
                problems.append(f"{node.get('id')} {attribute}={value}")
        for value in (node.get("targetConnections") or "").split():
            if value not in ids:
                problems.append(f"{node.get('id')} targetConnections={value}")
    return problems


def test_the_fixture_view_shows_what_is_then_removed() -> None:
    text = (FIXTURES / "archimate" / "plain.archimate").read_text()
    assert 'archimateElement="id-bf1"' in text and 'archimateRelationship="id-r5"' in text


def test_removing_an_element_shown_in_a_view_leaves_valid_xml_and_a_clean_archimate() -> None:
    model = read_archimate(FIXTURES / "archimate" / "plain.archimate").model
    changed = apply_changes(model, [RemoveElement("id-bf1")]).model
    view = changed.extras["views"][0]
    # id-d1 showed id-bf1 and held id-d2; id-dc1 showed id-r5, which went with id-bf1; the note stays
    assert [n["id"] for n in view["nodes"]] == ["id-d3", "id-d4"]
    assert view["connections"] == []

    xml, _ = generate_exchange_xml(changed)
    document = etree.fromstring(xml.encode())
    assert SCHEMA.validate(document), SCHEMA.error_log

    archimate, _ = generate_archimate(changed)
    assert _dangling(archimate) == []
    back = parse_archimate(archimate.encode(), source="deleted.archimate").model
    assert "id-bf1" not in back.elements and "id-r5" not in back.relations
    assert [n["id"] for n in back.extras["views"][0]["nodes"]] == ["id-d3", "id-d4"]


def test_removing_a_connection_end_keeps_the_other_node_with_its_child_and_drops_the_connection() -> None:
    model = read_archimate(FIXTURES / "archimate" / "plain.archimate").model
    changed = apply_changes(model, [RemoveElement("id-af1")]).model
    view = changed.extras["views"][0]
    assert [n["id"] for n in view["nodes"]] == ["id-d1", "id-d4"]
    assert [n["id"] for n in view["nodes"][0]["nodes"]] == ["id-d2"]
    xml, _ = generate_exchange_xml(changed)
    assert SCHEMA.validate(etree.fromstring(xml.encode())), SCHEMA.error_log
    archimate, _ = generate_archimate(changed)
    assert _dangling(archimate) == []


def _with_dangling_view() -> bytes:
    text = (FIXTURES / "archimate" / "plain.archimate").read_text()
    # the file names an element and a relation in its view that it does not have
    text = text.replace('id="id-d3" archimateElement="id-af1"', 'id="id-d3" archimateElement="id-gone"')
    text = text.replace('archimateRelationship="id-r5"', 'archimateRelationship="id-r-gone"')
    assert "id-gone" in text and "id-r-gone" in text
    return text.encode()


def test_a_file_whose_view_names_missing_concepts_is_repaired_with_a_finding_each() -> None:
    result = parse_archimate(_with_dangling_view(), source="dangling.archimate")
    messages = [f.message for f in result.findings if f.reason.value == "dangling-endpoint"]
    assert any("'id-gone'" in m and "'id-d3'" in m for m in messages), messages
    assert any("'id-r-gone'" in m for m in messages), messages
    view = result.model.extras["views"][0]
    assert [n["id"] for n in view["nodes"]] == ["id-d1", "id-d4"]
    assert view["connections"] == []
    xml, _ = generate_exchange_xml(result.model)
    assert SCHEMA.validate(etree.fromstring(xml.encode())), SCHEMA.error_log
    archimate, _ = generate_archimate(result.model)
    assert _dangling(archimate) == []


def test_a_connection_to_a_node_the_view_lacks_is_removed_with_a_finding() -> None:
    model = read_archimate(FIXTURES / "archimate" / "plain.archimate").model
    views = [dict(model.extras["views"][0])]
    views[0]["connections"] = [{**c, "target": "id-nowhere"} for c in views[0]["connections"]]
    model.set_header(extras={**model.extras, "views": views})
    findings = repair_views(model, "edited")
    assert [f.element for f in findings] == ["id-r5"]
    assert "'id-nowhere'" in findings[0].message
    assert model.extras["views"][0]["connections"] == []
    assert [n["id"] for n in model.extras["views"][0]["nodes"]] == ["id-d1", "id-d3", "id-d4"]


def test_a_clean_file_gets_no_view_finding() -> None:
    result = read_archimate(FIXTURES / "archimate" / "plain.archimate")
    assert [f for f in result.findings if f.reason.value == "dangling-endpoint"] == []
    assert len(result.model.extras["views"][0]["connections"]) == 1


def test_a_plain_connection_is_written_as_the_class_archi_has() -> None:
    model = read_archimate(FIXTURES / "archimate" / "plain.archimate").model
    views = [dict(model.extras["views"][0])]
    views[0]["connections"] = [*views[0]["connections"],
                               {"id": "id-line", "label": "", "source": "id-d4", "target": "id-d3"}]
    model.set_header(extras={**model.extras, "views": views})
    archimate, _ = generate_archimate(model)
    line = etree.fromstring(archimate.encode()).xpath("//*[@id='id-line']")[0]
    assert line.get(XSI_TYPE) == "archimate:DiagramModelConnection"
    back = parse_archimate(archimate.encode()).model
    assert [c["id"] for c in back.extras["views"][0]["connections"]] == ["id-dc1", "id-line"]


def test_bendpoints_and_target_connections_are_written_as_archi_writes_them() -> None:
    model = read_archimate(FIXTURES / "archimate" / "plain.archimate").model
    views = [dict(model.extras["views"][0])]
    # id-d3's centre is (460, 63), id-d1's (174, 136)
    views[0]["connections"] = [{**views[0]["connections"][0], "bendpoints": [[300, 100], [200, 50]]}]
    model.set_header(extras={**model.extras, "views": views})
    archimate, _ = generate_archimate(model)
    root = etree.fromstring(archimate.encode())
    bends = [dict(b.attrib) for b in root.xpath("//*[@id='id-dc1']/bendpoint")]
    assert bends == [{"startX": "-160", "startY": "37", "endX": "126", "endY": "-36"},
                     {"startX": "-260", "startY": "-13", "endX": "26", "endY": "-86"}]
    assert root.xpath("//*[@id='id-d1']")[0].get("targetConnections") == "id-dc1"
    back = parse_archimate(archimate.encode()).model
    assert back.extras["views"][0]["connections"][0]["bendpoints"] == [[300, 100], [200, 50]]
