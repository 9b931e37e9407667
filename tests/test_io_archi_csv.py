"""Archi CSV: Archi's quirks read right, and what we write obeys every rule of Archi's import (DOMAIN §5)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

import fora_model as fm
from fora_model.errors import ModelFileError, Reason, Severity
from fora_model.io import read_model
from fora_model.io.archi_csv import generate_archi_csv, parse_archi_csv, read_archi_csv, write_archi_csv
from fora_model.io.archimate_rules import is_element_type, is_valid_relationship
from fora_model.io.examples import interop_example

CSV = Path(__file__).parent / "fixtures" / "interop" / "archi_csv"


@pytest.fixture(scope="module")
def quirks():
    return read_archi_csv(CSV / "quirks")


def test_folder_and_elements_path_read_the_same_prefixed_model(quirks):
    other = read_model(CSV / "quirks" / "school-elements.csv")
    assert [e.name for e in other.model.elements.values()] == [e.name for e in quirks.model.elements.values()]


def test_model_row_bom_semicolons_and_doubled_quotes(quirks):
    m = quirks.model
    assert (m.id, m.name, m.documentation) == ("id-model", "Quirky school", 'Our "best" model')
    assert m.properties == (("owner", "ICT"),)
    assert "id-model" not in m.elements


def test_multiline_documentation_keeps_a_line_starting_with_hash(quirks):
    doc = quirks.model.elements["id-p1"].documentation
    assert doc == "Teaching\r\n# still documentation, not a comment\r\nand learning"


def test_comment_and_blank_lines_are_skipped(quirks):
    assert not any(e.name.startswith("#") for e in quirks.model.elements.values())
    assert len(quirks.model.elements) == 9


def test_special_keys_are_attributes_not_properties(quirks):
    r = quirks.model.relations
    assert r["id-r2"].attributes == {"access": "read"}
    assert r["id-r5"].attributes == {"directed": True}
    assert r["id-r6"].attributes == {"influence_strength": "+"}
    assert quirks.model.elements["id-j1"].attributes == {"junction_type": "or"}
    assert all(k not in ("Access_Type", "Directed", "Influence_Strength", "Junction_Type")
               for c in r.values() for k, _ in c.properties)


def test_a_special_key_on_another_type_stays_a_property(quirks):
    app = quirks.model.elements["id-app1"]
    assert app.properties == (("tag", "mis"), ("tag", "cloud"), ("Access_Type", "not special on a component"))
    assert app.attributes == {"annual_cost": 12000.0}


def test_properties_on_relations_and_relation_to_relation(quirks):
    r = quirks.model.relations
    assert r["id-r3"].properties == (("since", "2019"),)
    assert r["id-r5"].target == "id-r3" and r["id-r5"].kind is fm.RelationKind.OTHER


def test_kinds_are_inferred(quirks):
    kinds = {i: e.kind.value for i, e in quirks.model.elements.items()}
    assert kinds["id-p1"] == "process" and kinds["id-a1"] == "activity"
    assert kinds["id-st1"] == "system_type" and kinds["id-app1"] == "application"
    assert quirks.model.relations["id-r3"].kind is fm.RelationKind.SUPPORTS


def test_an_empty_id_gets_a_generated_one(quirks):
    teacher = next(e for e in quirks.model.elements.values() if e.name == "Teacher without id")
    assert re.fullmatch(r"id-[0-9a-f]{32}", teacher.id)
    assert any(f.element == teacher.id and f.location == "elements.csv line 15" for f in quirks.findings)
    assert not any(f.is_error for f in quirks.findings)


def test_a_duplicate_relation_id_is_refused():
    result = read_archi_csv(CSV / "duplicate_relation")
    errors = [f for f in result.findings if f.is_error]
    assert [(f.reason, f.element, f.location) for f in errors] == [
        (Reason.DUPLICATE_ID, "id-r1", "relations.csv line 3")]
    with pytest.raises(fm.ModelInvalidError):
        fm.load_model(CSV / "duplicate_relation")


def test_access_without_access_type_is_write_as_in_archi():
    result = read_archi_csv(CSV / "access_default")
    assert result.model.relations["id-r1"].attributes == {"access": "write"}


def _variant(text: str, delimiter: str, newline: str, bom: bool) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_ALL).writerows(rows)
    return ("\ufeff" if bom else "") + out.getvalue()


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("newline", ["\r\n", "\n"])
@pytest.mark.parametrize("bom", [True, False])
def test_delimiters_line_ends_and_bom_give_the_same_model(delimiter, newline, bom):
    model = interop_example()
    files, _ = generate_archi_csv(model)
    texts = [_variant(files[n], delimiter, newline, bom) for n in ("elements.csv", "relations.csv", "properties.csv")]
    back = parse_archi_csv(*texts).model
    expected = model.copy()
    expected.set_header(extras={})
    assert back == expected


def test_a_row_with_the_wrong_field_count_is_a_finding_with_its_line():
    text = '"ID","Type","Name"\r\n"a","BusinessProcess","A"\r\n"b","BusinessProcess"\r\n'
    result = parse_archi_csv(text)
    [finding] = [f for f in result.findings if f.is_error]
    assert (finding.reason, finding.location) == (Reason.SYNTAX_ERROR, "elements.csv line 3")


def test_another_encoding_only_when_named(tmp_path):
    (tmp_path / "elements.csv").write_bytes('"ID","Type","Name"\r\n"a","BusinessProcess","Café"\r\n'.encode("cp1252"))
    with pytest.raises(ModelFileError, match="not valid UTF-8 text"):
        read_archi_csv(tmp_path)
    assert read_archi_csv(tmp_path, encoding="cp1252").model.elements["a"].name == "Café"


def test_a_property_for_an_unknown_id_is_an_error():
    result = parse_archi_csv('"ID","Type","Name"\n"a","Goal","G"\n', "", '"ID","Key","Value"\n"zz","k","v"\n')
    assert [(f.reason, f.location) for f in result.findings] == [
        (Reason.DANGLING_ENDPOINT, "properties.csv line 2")]


# ------------------------------------------------------------------------------------------ export rules
@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("csv")
    findings = write_archi_csv(interop_example(), folder / "school-elements.csv")
    return folder, findings


HEADERS = {
    "elements.csv": ["ID", "Type", "Name", "Documentation", "Specialization"],
    "relations.csv": ["ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization"],
    "properties.csv": ["ID", "Key", "Value"],
}


def _rows(folder: Path, name: str) -> tuple[str, list[list[str]]]:
    text = (folder / f"school-{name}").read_bytes().decode("utf-8")
    return text, list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("name", list(HEADERS))
def test_export_quotes_every_field_doubles_quotes_and_ends_rows_with_crlf(exported, name):
    text, rows = _rows(exported[0], name)
    again = io.StringIO()
    csv.writer(again, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    assert text == again.getvalue()
    assert rows[0] == HEADERS[name]
    assert all(len(row) == len(HEADERS[name]) for row in rows)


def test_export_ids_types_and_relations_are_ones_archi_accepts(exported):
    _, elements = _rows(exported[0], "elements.csv")
    _, relations = _rows(exported[0], "relations.csv")
    _, properties = _rows(exported[0], "properties.csv")
    assert elements[1][1] == "ArchimateModel"
    ids = [row[0] for row in elements[1:] + relations[1:]]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-zA-Z0-9._-]+", i) for i in ids)
    types = {row[0]: row[1] for row in elements[1:]}
    assert all(is_element_type(t) for t in list(types.values())[1:])
    types.update((row[0], "Relationship") for row in relations[1:])
    for _, kind, _, _, source, target, _ in relations[1:]:
        assert is_valid_relationship(kind, types[source], types[target])
    special = {"Access_Type": "AccessRelationship", "Directed": "AssociationRelationship",
               "Influence_Strength": "InfluenceRelationship", "Junction_Type": "Junction"}
    relation_types = {row[0]: row[1] for row in relations[1:]}
    for owner, key, value in properties[1:]:
        assert owner in types
        if key in special:
            assert {**types, **relation_types}[owner] == special[key]
        if key == "Access_Type":
            assert value in ("Write", "Read", "Access", "ReadWrite")
    assert properties[1][0] == elements[1][0]  # model properties first


def test_export_says_what_csv_cannot_hold(exported):
    messages = [f.message for f in exported[1]]
    assert all(f.severity is Severity.WARNING and f.reason is Reason.DROPPED for f in exported[1])
    assert any("view" in m for m in messages) and any("folder" in m for m in messages)


def test_export_refuses_ids_archi_would_reject_and_writes_nothing(tmp_path):
    model = fm.Model.from_parts([fm.Element.new("goal", "G", id="bad id")], [], id="m")
    with pytest.raises(ModelFileError, match="Archi would refuse"):
        write_archi_csv(model, tmp_path / "out")
    assert not (tmp_path / "out").exists()


# Archi reads its CSV with Apache Commons CSV (CSVFormat.DEFAULT): whitespace between a closing quote
# and the delimiter is skipped, a plain field keeps its spaces and quotes, any other character after
# a closing quote or a quote never closed refuses the file.

def test_whitespace_after_a_closing_quote_is_skipped_as_archi_does(tmp_path):
    (tmp_path / "elements.csv").write_text(
        '"ID" ,"Type"\t,"Name"  ,"Documentation","Specialization"\n'
        '"a1" ,"BusinessProcess"  ,"Plan" ,"two\nlines" \t,""  \n', encoding="utf-8")
    (tmp_path / "properties.csv").write_text('"ID","Key","Value"\n"a1" ,"Owner"  ,"Sam"  \n', encoding="utf-8")
    result = read_archi_csv(tmp_path)
    assert [f for f in result.findings if f.is_error] == []
    element = result.model.elements["a1"]
    assert (element.kind, element.name, element.documentation) == ("activity", "Plan", "two\nlines")
    assert list(element.properties) == [("Owner", "Sam")]


def test_a_plain_field_keeps_its_spaces_and_inner_quotes(tmp_path):
    (tmp_path / "elements.csv").write_text('ID,Type,Name\na1,BusinessProcess, say "hi" \r', encoding="utf-8")
    assert read_archi_csv(tmp_path).model.elements["a1"].name == ' say "hi" '


def test_a_character_after_a_closing_quote_is_refused_with_file_and_line(tmp_path):
    (tmp_path / "elements.csv").write_text('"ID","Type","Name"\n"a1","BusinessProcess","Plan"x\n', encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"elements\.csv.*line 2: 'x' between a closing quote"):
        read_archi_csv(tmp_path)


def test_a_quote_never_closed_is_refused_with_file_and_line(tmp_path):
    (tmp_path / "elements.csv").write_text('"ID","Type","Name"\n"a1","BusinessProcess","Plan\n\n', encoding="utf-8")
    with pytest.raises(ModelFileError, match=r"elements\.csv.*line 2: a quote opened on line 2 is never closed"):
        read_archi_csv(tmp_path)


def test_line_numbers_count_the_lines_inside_quoted_fields(tmp_path):
    text = '"ID","Type","Name","Documentation"\n"a1","Goal","G","one\ntwo\nthree"\n"b1","Goal"\n'
    result = parse_archi_csv(text)
    [finding] = [f for f in result.findings if f.is_error]
    assert finding.location == "elements.csv line 5"
