"""Names in several languages survive every format that can hold them, and the main language is
never relabelled: a Dutch model stays Dutch through Archi CSV, ``.archimate``, coArchi, the workbook
and JSON; view, label and folder names in other languages are kept in exchange XML, and a format
that cannot hold them says how many it left out."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

import fora_model as fm
from fora_model.io import dumps_model, loads_model, read_model, write_model
from fora_model.io.archi_csv import generate_archi_csv, read_archi_csv, write_archi_csv
from fora_model.io.archimate import generate_archimate
from fora_model.io.excel import generate_excel, parse_excel
from fora_model.io.exchange_xml import generate_exchange_xml, parse_exchange_xml

FIXTURES = Path(__file__).parent / "fixtures" / "interop"
SCHEMA = etree.XMLSchema(etree.parse(str(FIXTURES / "xsd" / "archimate3_Diagram.xsd")))
TWO_LANGUAGES = FIXTURES / "exchange" / "two_languages.xml"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TEXT_TAGS = {"name", "documentation", "label"}


def dutch_school() -> fm.Model:
    """A Dutch model (main language nl) whose names also have English translations."""
    m = fm.Model(id="id-m", name="Basisschool", documentation="Doel van het model",
                 translations=[("name", "en", "Primary school")])
    m.set_header(language="nl")
    m.add_element(fm.Element.new("process", "Onderwijs", id="id-p").replace(
        translations=(("name", "en", "Education"), ("documentation", "en", "Teaching"))))
    m.add_element(fm.Element.new("activity", "Toetsen afnemen", id="id-a", documentation="Toetsen").replace(
        translations=(("name", "en", "Assess pupils"),)))
    m.add_element(fm.Element.new("application", "Leerlingvolgsysteem", id="id-s"))
    m.add_relation(fm.Relation.new("composed_of", "id-p", "id-a", id="id-r1"))
    m.add_relation(fm.Relation.new("supports", "id-s", "id-a", id="id-r2", name="ondersteunt").replace(
        translations=(("name", "en", "supports"),)))
    return m


def _texts(root: etree._Element) -> dict[str, Counter[tuple[str, str, str]]]:
    """Every name, documentation and label in an exchange file: owner identifier → (tag, language, text)."""
    found: dict[str, Counter[tuple[str, str, str]]] = {}
    for node in root.iter():
        tag = etree.QName(node).localname if isinstance(node.tag, str) else ""
        if tag in TEXT_TAGS:
            owner = node.getparent()
            if etree.QName(owner).localname == "propertyDefinition":
                continue
            key = owner.get("identifier") or f"item:{owner.getparent().index(owner)}"
            found.setdefault(key, Counter())[(tag, node.get(LANG, ""), node.text or "")] += 1
    return found


# --------------------------------------------------------------------------------- the setting
def test_the_main_language_is_en_unless_set_and_setting_it_translates_nothing():
    m = fm.Model(name="School")
    assert m.language == "en" and "language" not in m.extras
    m.set_header(language="nl")
    assert (m.language, m.name, m.extras) == ("nl", "School", {"language": "nl"})
    m.set_header(language="en")
    assert m.language == "en" and "language" not in m.extras
    m.set_header(language="")
    assert m.language == "" and m.extras == {"language": ""}
    with pytest.raises(TypeError):
        m.set_header(language=31)


def test_the_main_language_defaults_to_what_the_file_said():
    assert read_model(TWO_LANGUAGES).model.language == "nl"
    assert read_model(FIXTURES / "exchange" / "minimal.xml").model.language == "en"


# --------------------------------------------------------------------------------- CSV → XML
def test_a_dutch_model_written_to_csv_and_read_back_into_xml_is_still_dutch(tmp_path):
    m = dutch_school()
    write_archi_csv(m, tmp_path / "csv")
    properties = (tmp_path / "csv" / "properties.csv").read_bytes().decode("utf-8")
    assert '"id-m","fora:language","nl"\r\n' in properties
    assert '"id-a","fora:name@en","Assess pupils"\r\n' in properties
    back = read_archi_csv(tmp_path / "csv").model
    assert back.language == "nl"
    assert back.properties == ()  # the setting is not a property of the model read back
    assert back.element("id-a").translations == (("name", "en", "Assess pupils"),)
    text, _ = generate_exchange_xml(back)
    root = etree.fromstring(text.encode())
    assert SCHEMA.validate(root), SCHEMA.error_log
    texts = _texts(root)
    assert texts["id-m"] == Counter({("name", "nl", "Basisschool"): 1, ("name", "en", "Primary school"): 1,
                                     ("documentation", "nl", "Doel van het model"): 1})
    assert texts["id-a"] == Counter({("name", "nl", "Toetsen afnemen"): 1, ("name", "en", "Assess pupils"): 1,
                                     ("documentation", "nl", "Toetsen"): 1})
    assert texts["id-s"] == Counter({("name", "nl", "Leerlingvolgsysteem"): 1})
    again = parse_exchange_xml(text.encode()).model
    assert again.language == "nl"
    assert again.element("id-p").translations == m.element("id-p").translations


def test_an_archi_csv_that_states_no_language_reads_as_english(tmp_path):
    folder = tmp_path / "archi"
    folder.mkdir()
    (folder / "elements.csv").write_bytes(
        b'"ID","Type","Name","Documentation","Specialization"\r\n'
        b'"id-m","ArchimateModel","School","",""\r\n"id-a","BusinessProcess","Record grades","",""\r\n')
    (folder / "relations.csv").write_bytes(b'"ID","Type","Name","Documentation","Source","Target","Specialization"\r\n')
    (folder / "properties.csv").write_bytes(b'"ID","Key","Value"\r\n')
    m = read_archi_csv(folder).model
    assert m.language == "en"
    root = etree.fromstring(generate_exchange_xml(m)[0].encode())
    assert {n.get(LANG) for n in root.iter("{*}name")} == {"en"}


def test_a_model_that_states_no_language_stays_without_one_through_csv(tmp_path):
    m = dutch_school()
    m.set_header(language="")
    write_archi_csv(m, tmp_path / "csv")
    back = read_archi_csv(tmp_path / "csv").model
    assert back.language == ""
    root = etree.fromstring(generate_exchange_xml(back)[0].encode())
    assert SCHEMA.validate(root), SCHEMA.error_log
    assert [n.get(LANG) for n in root.iter("{*}name") if n.getparent() is root] == [None, "en"]


@pytest.mark.parametrize("target", ["model.json", "model.xlsx", "model.xml", "model.archimate", "csv"])
def test_every_format_keeps_the_main_language_and_the_translations(tmp_path, target):
    m = dutch_school()
    findings = write_model(m, tmp_path / target)
    assert not [f for f in findings if "language" in f.message]
    back = read_model(tmp_path / target).model
    assert back.language == "nl"
    assert back.translations == m.translations
    for concept in [*m.elements.values(), *m.relations.values()]:
        other = back.elements.get(concept.id) or back.relations.get(concept.id)
        assert other is not None
        assert (other.name, other.documentation, other.translations) == (
            concept.name, concept.documentation, concept.translations)


def test_coarchi_keeps_the_main_language(tmp_path):
    from fora_model.io.coarchi import read_coarchi, write_coarchi

    write_coarchi(dutch_school(), tmp_path / "repo")
    back = read_coarchi(tmp_path / "repo").model
    assert back.language == "nl"
    assert back.element("id-a").translations == (("name", "en", "Assess pupils"),)


# --------------------------------------------------------------------------------- XML → JSON → XML
def test_the_fixture_is_a_valid_exchange_file():
    assert SCHEMA.validate(etree.parse(str(TWO_LANGUAGES))), SCHEMA.error_log


def test_names_in_two_languages_go_through_xml_json_xml_unchanged():
    source = etree.parse(str(TWO_LANGUAGES)).getroot()
    read = read_model(TWO_LANGUAGES)
    assert not [f for f in read.findings if f.is_error]
    via_json = loads_model(dumps_model(read.model)).model
    assert via_json == read.model
    text, findings = generate_exchange_xml(via_json)
    assert not [f for f in findings if "language" in f.message]
    written = etree.fromstring(text.encode())
    assert SCHEMA.validate(written), SCHEMA.error_log
    before, after = _texts(source), _texts(written)
    assert after == before
    assert after["id-p1"] == Counter({("name", "nl", "Toetsen afnemen"): 1, ("name", "en", "Assess pupils"): 1,
                                      ("name", "de", "Prüfungen abnehmen"): 1})


def test_view_label_and_folder_translations_are_read_into_the_model():
    m = read_model(TWO_LANGUAGES).model
    view = m.extras["views"][0]
    assert (view["name"], view["documentation"]) == ("Toetsen", "Wie ondersteunt het toetsen")
    assert view["translations"] == [["name", "en", "Assessment"], ["documentation", "en", "Who supports assessment"]]
    label = next(n for n in view["nodes"] if n["id"] == "id-n4")
    assert (label["label"], label["translations"]) == ("Besproken met het team",
                                                       [["label", "en", "Checked with the team"]])
    assert view["connections"][0]["translations"] == [["label", "en", "daily"]]
    business = m.extras["folders"][0]
    assert (business["name"], business["documentation"]) == ("Bedrijfslaag", "Functies en processen")
    assert business["translations"] == [["name", "en", "Business"], ["documentation", "en", "Functions and processes"]]
    assert "translations" not in m.extras["folders"][1]


@pytest.mark.parametrize("hop", ["json", "xlsx"])
def test_view_label_and_folder_translations_survive_json_and_the_workbook_back_to_xml(hop):
    m = read_model(TWO_LANGUAGES).model
    back = loads_model(dumps_model(m)).model if hop == "json" else parse_excel(generate_excel(m)[0]).model
    assert back.extras == m.extras
    written = etree.fromstring(generate_exchange_xml(back)[0].encode())
    assert SCHEMA.validate(written), SCHEMA.error_log
    texts = _texts(written)
    assert texts["id-v1"][("name", "en", "Assessment")] == 1
    assert texts["id-n4"] == Counter({("label", "nl", "Besproken met het team"): 1,
                                      ("label", "en", "Checked with the team"): 1})
    assert texts["id-c-1"] == Counter({("label", "nl", "dagelijks"): 1, ("label", "en", "daily"): 1})
    assert texts["id-folder-b"][("label", "en", "Business")] == 1


# --------------------------------------------------------------------------------- formats that cannot
def test_formats_without_room_for_view_and_folder_translations_count_what_they_left_out():
    m = read_model(TWO_LANGUAGES).model
    # view: name and documentation; label node; connection; folder: label and documentation; Views folder
    expected = 2 + 1 + 1 + 2 + 1
    for findings, fmt in ((generate_archimate(m)[1], "An Archi model"), (generate_archi_csv(m)[1], "Archi CSV")):
        counted = [f for f in findings if "other languages" in f.message]
        assert len(counted) == 1, findings
        assert counted[0].message.startswith(f"{fmt} cannot hold {expected} text(s) in other languages")
        assert counted[0].severity is fm.Severity.WARNING


def test_formats_that_hold_them_report_nothing_dropped():
    m = read_model(TWO_LANGUAGES).model
    assert not [f for f in generate_exchange_xml(m)[1] if "other languages" in f.message]


def test_view_translations_of_the_wrong_shape_are_left_out_with_a_warning():
    m = fm.Model(id="id-m", name="School", extras={"views": [
        {"id": "id-v1", "name": "Good", "translations": [["name", "en", "Fine"]], "nodes": []},
        {"id": "id-v2", "name": "Bad", "translations": [["name", "en"]], "nodes": []},
        {"id": "id-v3", "name": "Bad label", "nodes": [{"id": "n", "label": "x", "translations": "en"}]},
    ]})
    result = loads_model(dumps_model(m))
    assert [v["id"] for v in result.model.extras["views"]] == ["id-v1"]
    warnings = [f.message for f in result.findings]
    assert any("'id-v2'" in w and "[field, language, text]" in w for w in warnings), warnings
    assert any("'id-v3'" in w for w in warnings), warnings


def test_a_concept_with_no_text_in_the_main_language_is_named_in_a_finding():
    xml = b"""<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
       identifier="id-m">
  <name xml:lang="nl">School</name>
  <elements>
    <element identifier="id-a" xsi:type="BusinessProcess"><name xml:lang="en">Record grades</name></element>
    <element identifier="id-b" xsi:type="BusinessProcess"><name>Cijfers</name></element>
    <element identifier="id-c" xsi:type="BusinessProcess"><name xml:lang="nl">Roosteren</name></element>
  </elements>
</model>"""
    result = parse_exchange_xml(xml)
    assert result.model.element("id-a").name == "Record grades"
    warned = [f for f in result.findings if "main language" in f.message]
    assert len(warned) == 1
    assert warned[0].element == "id-a"
    assert warned[0].message.startswith("1 name(s) or documentation text(s) have no text in the main language 'nl'")
    assert "only in 'en'" in warned[0].message


def test_the_workbook_shows_the_main_language_on_its_model_sheet_and_reads_what_it_says():
    import io

    import openpyxl

    data, _ = generate_excel(dutch_school())
    book = openpyxl.load_workbook(io.BytesIO(data))
    rows = {r[0].value: r[1].value for r in book["Model"].iter_rows(min_row=2)}
    assert rows["language"] == "nl"
    assert parse_excel(data).model.language == "nl"
    next(r for r in book["Model"].iter_rows(min_row=2) if r[0].value == "language")[1].value = "fy"
    buffer = io.BytesIO()
    book.save(buffer)
    assert parse_excel(buffer.getvalue()).model.language == "fy"
