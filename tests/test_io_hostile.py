"""Hostile and broken inputs: each one a finding or one clear line, never a traceback, nothing
written, no file content echoed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import fora_model as fm
from fora_model.cli import main
from fora_model.errors import ModelFileError, Reason
from fora_model.io import read_model
from fora_model.io.base import MAX_BYTES
from fora_model.io.examples import interop_example
from fora_model.io.excel import generate_excel

SECRET = "TOP-SECRET-CONTENT-42"


@pytest.fixture()
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


def convert(source: Path, tmp_path: Path) -> tuple[int, str]:
    """Run `fora-model convert` and return the exit code and everything printed; check nothing was written."""
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "converted.json"
    code = main(["convert", str(source), "-o", str(target)], out, err)
    printed = out.getvalue() + err.getvalue()
    assert "Traceback" not in printed
    assert SECRET not in printed
    assert not target.exists()
    return code, printed


def _xxe(secret: Path) -> str:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE model [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
            '<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m">'
            "<name>&xxe;</name></model>")


LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + ']>\n<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>&lol9;</name></model>')


@pytest.mark.parametrize("suffix", [".xml", ".archimate"])
def test_xxe_reading_a_local_file_is_refused(tmp_path, secret, suffix):
    path = tmp_path / f"evil{suffix}"
    path.write_text(_xxe(secret))
    code, printed = convert(path, tmp_path)
    assert code == 2 and "document type" in printed
    with pytest.raises(ModelFileError) as caught:
        read_model(path)
    assert caught.value.reason is Reason.SYNTAX_ERROR


def test_xxe_hidden_after_a_long_prolog_is_refused_too(tmp_path, secret):
    path = tmp_path / "evil.xml"
    path.write_text("<!--" + " " * 70_000 + "-->\n" + _xxe(secret).split("\n", 1)[1])
    code, _ = convert(path, tmp_path)
    assert code == 2


def test_billion_laughs_is_refused(tmp_path):
    path = tmp_path / "laughs.xml"
    path.write_text(LAUGHS)
    code, printed = convert(path, tmp_path)
    assert code == 2 and "document type" in printed


def test_xxe_inside_a_workbook_is_refused(tmp_path, secret):
    data, _ = generate_excel(interop_example())
    source = zipfile.ZipFile(io.BytesIO(data))
    target = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(target, "w") as evil:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                content = f'<!DOCTYPE worksheet [<!ENTITY e SYSTEM "file://{secret}">]>'.encode() + content
            evil.writestr(item, content)
    code, printed = convert(target, tmp_path)
    assert code == 2 and "evil.xlsx" in printed


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.xml"
    path.write_bytes(b"<model>" + b" " * 5000 + b"</model>")
    with pytest.raises(ModelFileError) as caught:
        read_model(path, max_bytes=1000)
    assert caught.value.reason is Reason.TOO_LARGE


def test_a_real_200_mb_file_is_refused_by_the_default_limit(tmp_path):
    path = tmp_path / "huge.xml"
    with path.open("wb") as handle:  # sparse: costs no disk and no time
        handle.truncate(200 * 1024 * 1024)
    assert path.stat().st_size > MAX_BYTES
    code, printed = convert(path, tmp_path)
    assert code == 2 and "limit" in printed


@pytest.mark.parametrize("suffix", [".xlsx", ".archimate"])
def test_a_zip_bomb_is_refused_before_unpacking(tmp_path, suffix):
    path = tmp_path / f"bomb{suffix}"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("model.xml", b"\0" * (60 * 1024 * 1024))
    assert path.stat().st_size < 1_000_000
    code, printed = convert(path, tmp_path)
    assert code == 2 and "zip bomb" in printed


def test_invalid_utf8_is_one_clear_error(tmp_path):
    (tmp_path / "elements.csv").write_bytes(b'"ID","Type","Name"\r\n"a","Goal","caf\xe9 ' + SECRET.encode() + b'"\r\n')
    code, printed = convert(tmp_path, tmp_path)
    assert code == 2 and "not valid UTF-8 text (line 2" in printed and "--encoding" in printed


def test_truncated_xml_is_one_clear_error(tmp_path):
    path = tmp_path / "cut.xml"
    path.write_text(f'<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>{SECRET}')
    code, printed = convert(path, tmp_path)
    assert code == 2 and "malformed XML" in printed


def _csv_model(tmp_path: Path, relations: str, elements: str = "") -> Path:
    (tmp_path / "elements.csv").write_text('"ID","Type","Name"\n"g","Goal","G"\n"a","BusinessProcess","A"\n' + elements)
    (tmp_path / "relations.csv").write_text('"ID","Type","Name","Documentation","Source","Target"\n' + relations)
    return tmp_path


@pytest.mark.parametrize(("relations", "elements", "reason"), [
    ('"r","ServingRelationship","","","a","missing"\n', "", "dangling-endpoint"),
    ('"r","ServingRelationship","","","g","a"\n', "", "disallowed-relation"),
    ('"r","CompositionRelationship","","","a","a"\n"r","CompositionRelationship","","","a","a"\n', "",
     "duplicate-id"),
    ("", '"g","Goal","Again"\n', "duplicate-id"),
])
def test_model_errors_are_findings_with_place_and_exit_1(tmp_path, relations, elements, reason):
    folder = _csv_model(tmp_path / "in", relations, elements) if (tmp_path / "in").mkdir() is None else None
    code, printed = convert(folder, tmp_path)
    assert code == 1
    line = next(ln for ln in printed.splitlines() if reason in ln)
    assert ".csv line" in line and "\t" in line  # severity, reason, id, place, message, hint


def test_forbidden_relation_names_what_archimate_allows(tmp_path):
    (tmp_path / "in").mkdir()
    folder = _csv_model(tmp_path / "in", '"r","ServingRelationship","","","g","a"\n')
    result = read_model(folder)
    [finding] = [f for f in result.findings if f.is_error]
    assert finding.reason is Reason.DISALLOWED_RELATION and "Association" in finding.hint


def test_a_sheet_with_missing_columns_stops_the_import(tmp_path):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(generate_excel(interop_example())[0]))
    book["Relations"].delete_cols(3, 2)  # source and target
    book.save(tmp_path / "m.xlsx")
    code, printed = convert(tmp_path / "m.xlsx", tmp_path)
    assert code == 1 and "missing-field" in printed and "source, target" in printed


def test_a_folder_that_is_no_model_is_one_clear_error(tmp_path):
    (tmp_path / "empty").mkdir()
    code, printed = convert(tmp_path / "empty", tmp_path)
    assert code == 2 and "cannot tell the format" in printed


def test_every_import_is_all_or_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    folder = _csv_model(tmp_path / "in", '"r","ServingRelationship","","","g","a"\n')
    with pytest.raises(fm.ModelInvalidError):
        fm.load_model(folder)


@pytest.mark.parametrize(("body", "reason"), [
    ('<element xsi:type="Goal"><name>G</name></element>', Reason.MISSING_FIELD),
    ('<element identifier="g" xsi:type="Castle"><name>G</name></element>', Reason.UNKNOWN_KIND),
    ('<element identifier="g" xsi:type="Goal"><name>G</name>'
     '<properties><property propertyDefinitionRef="nowhere"><value>v</value></property></properties></element>',
     Reason.DANGLING_ENDPOINT),
])
def test_broken_exchange_concepts_are_findings_with_their_line(body, reason):
    from fora_model.io.exchange_xml import parse_exchange_xml

    data = ('<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">'
            f"<name>M</name><elements>\n{body}</elements></model>").encode()
    [finding] = [f for f in parse_exchange_xml(data, source="x.xml").findings if f.is_error]
    assert finding.reason is reason and finding.location == "x.xml line 2"
