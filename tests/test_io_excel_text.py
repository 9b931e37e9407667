"""The workbook keeps every text and property Archi allows: empty keys and values, repeated keys in
order, long text, line breaks, unicode, text that looks like a formula or an Excel escape; a workbook
as Excel itself saves it (shared strings, ``_x000D_``, rich text, quote prefix) reads as the user sees
it; a reference model of real size goes to a workbook and back equal."""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest

import fora_model as fm
from fora_model.io.excel import generate_excel, parse_excel
from fora_model.io.excel_layout import CELL_LIMIT

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_formats.py"


def _bench() -> ModuleType:
    name = "fora_benchmarks_formats"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, BENCH)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _round_trip(model: fm.Model) -> fm.Model:
    data, _ = generate_excel(model)
    result = parse_excel(data)
    assert not [f for f in result.findings if f.is_error], result.findings
    return result.model


def test_empty_keys_empty_values_and_repeated_keys_read_back_in_order():
    props = (("", "no key"), ("colour", ""), ("", ""), ("tag", "mis"), ("tag", "cloud"), ("tag", "mis"))
    m = fm.Model(id="id-m", name="School", properties=props)
    m.add_element(fm.Element.new("application", "Magister", id="id-a", properties=props))
    m.add_element(fm.Element.new("activity", "Record grades", id="id-b"))
    m.add_relation(fm.Relation.new("supports", "id-a", "id-b", id="id-r", properties=props[::-1]))
    back = _round_trip(m)
    assert back.properties == props
    assert back.element("id-a").properties == props
    assert back.relation("id-r").properties == props[::-1]
    assert back.element("id-b").properties == ()
    assert back == m


TEXTS = [
    pytest.param("=SUM(A1:A3)", id="equals"),
    pytest.param("+31 6 1234 5678", id="plus"),
    pytest.param("-1 minus", id="minus"),
    pytest.param("@mention", id="at"),
    pytest.param("first line\r\nsecond line\rthird\nfourth", id="line-breaks"),
    pytest.param("  leading and trailing spaces  ", id="spaces"),
    pytest.param("\tstarts with a tab", id="tab"),
    pytest.param("_x0041_ is not A, _x000D_ is not a return", id="excel-escape-lookalike"),
    pytest.param("Ĳsselmonde — leerlingzorg 😀 مدرسة 學校 e\u0301", id="unicode"),
    pytest.param("0012", id="leading-zero"),
    pytest.param("TRUE", id="boolean-word"),
    pytest.param("1e5", id="number-word"),
    pytest.param("<b>not &amp; markup</b>", id="markup"),
    pytest.param("x" * (CELL_LIMIT + 500), id="longer-than-a-cell"),
]


@pytest.mark.parametrize("text", TEXTS)
def test_every_text_archi_allows_reads_back_the_same(text):
    m = fm.Model(id="id-m", name=text, documentation=text, properties=[(text, text)])
    m.add_element(fm.Element.new("application", text, id="id-a", documentation=text,
                                 properties=[(text, text), ("k", text)]))
    m.add_element(fm.Element.new("activity", "Record grades", id="id-b").replace(
        translations=(("name", "nl", text),)))
    m.add_relation(fm.Relation.new("supports", "id-a", "id-b", id="id-r", name=text, properties=[(text, "")]))
    back = _round_trip(m)
    a = back.element("id-a")
    assert (a.name, a.documentation, a.properties) == (text, text, ((text, text), ("k", text)))
    assert back.element("id-b").translations == (("name", "nl", text),)
    assert back.relation("id-r").name == text
    assert (back.name, back.documentation, back.properties) == (text, text, ((text, text),))
    assert back == m


@pytest.mark.parametrize("text", ["=1+1", "+31", "-5", "@home"])
def test_text_that_starts_like_a_formula_is_a_quoted_text_cell_not_a_formula(text):
    m = fm.Model(id="id-m", name="School")
    m.add_element(fm.Element.new("application", text, id="id-a"))
    data, _ = generate_excel(m)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Applications"]
    cell = ws["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    plain = ws["A2"]
    assert (plain.value, plain.quotePrefix) == ("id-a", False)


def test_a_literal_excel_escape_is_written_escaped_so_excel_shows_it_as_typed():
    m = fm.Model(id="id-m", name="School")
    m.add_element(fm.Element.new("application", "code _x0041_", id="id-a"))
    data, _ = generate_excel(m)
    sheets = zipfile.ZipFile(io.BytesIO(data))
    xml = "".join(sheets.read(n).decode() for n in sheets.namelist() if n.startswith("xl/worksheets/"))
    assert "code _x005F_x0041_" in xml
    assert "code _x0041_" not in xml


# A workbook in the form Excel saves it: every text in sharedStrings.xml, a carriage return as
# _x000D_, a literal "_x0041_" as _x005F_x0041_, a rich-text run, a phonetic run (not part of the
# value), xml:space="preserve" on padded text, and the quote-prefix style on a text typed as '=1+1.
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_EXCEL_FILES = {
    "[Content_Types].xml": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{_CT}.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>
</Types>""",
    "_rels/.rels": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>""",
    "xl/workbook.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Applications" sheetId="1" r:id="rId1"/><sheet name="Properties" sheetId="2" r:id="rId2"/></sheets>
</workbook>""",
    "xl/_rels/workbook.xml.rels": f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{_REL}/worksheet" Target="worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type="{_REL}/styles" Target="styles.xml"/>
</Relationships>""",
    "xl/styles.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/></cellXfs>
</styleSheet>""",
    "xl/sharedStrings.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="13" uniqueCount="13">
<si><t>id</t></si><si><t>name</t></si><si><t>documentation</t></si>
<si><t>id-a</t></si><si><t>=1+1</t></si>
<si><t xml:space="preserve">First line_x000D_
second line, code _x005F_x0041_  </t></si>
<si><t>key</t></si><si><t>value</t></si>
<si><r><t xml:space="preserve">Rich </t></r><r><rPr><b/><sz val="11"/></rPr><t>text</t></r>
<rPh sb="0" eb="4"><t>リッチ</t></rPh></si>
<si><t>id-b</t></si><si><t>Record grades</t></si><si><t>tag</t></si><si><t>mis</t></si>
</sst>""",
    "xl/worksheets/sheet1.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" s="1" t="s"><v>3</v></c><c r="B2" s="2" t="s"><v>4</v></c><c r="C2" s="1" t="s"><v>5</v></c></row>
</sheetData></worksheet>""",
    "xl/worksheets/sheet2.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>6</v></c><c r="C1" t="s"><v>7</v></c></row>
<row r="2"><c r="A2" t="s"><v>3</v></c><c r="C2" t="s"><v>8</v></c></row>
<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" t="s"><v>11</v></c></row>
<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" t="s"><v>11</v></c><c r="C4" t="s"><v>12</v></c></row>
</sheetData></worksheet>""",
}


def test_a_workbook_as_excel_saves_it_reads_as_the_user_sees_it():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in _EXCEL_FILES.items():
            archive.writestr(name, text)
    result = parse_excel(buffer.getvalue())
    assert not [f for f in result.findings if f.is_error], result.findings
    a = result.model.element("id-a")
    assert a.name == "=1+1"
    assert a.documentation == "First line\r\nsecond line, code _x0041_  "
    assert a.properties == (("", "Rich text"), ("tag", ""), ("tag", "mis"))


def test_a_reference_model_of_real_size_goes_to_a_workbook_and_back_equal():
    model = _bench().reference_model(2_000, 250)
    counted = _bench().counts(model)
    assert counted["elements"] >= 2_000 and counted["properties"] >= 9_000 and counted["views"] >= 250
    assert len({e.kind for e in model.elements.values()}) >= 6  # elements of many sheets, interleaved
    _, findings = generate_excel(model)
    assert not findings
    back = _round_trip(model)
    assert _bench().counts(back) == counted
    assert list(back.elements) == list(model.elements)
    assert back == model


def test_the_model_order_comes_back_and_rows_added_in_excel_keep_the_sheet_order():
    m = fm.Model(id="id-m", name="School")
    m.add_element(fm.Element.new("application", "Magister", id="id-a"))
    m.add_element(fm.Element.new("activity", "Plan lessons", id="id-b"))
    data, _ = generate_excel(m)
    assert list(parse_excel(data).model.elements) == ["id-a", "id-b"]  # Activities come before Applications
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["Applications"].append(["id-c", "Somtoday"])
    buffer = io.BytesIO()
    book.save(buffer)
    back = parse_excel(buffer.getvalue()).model
    assert list(back.elements) == ["id-b", "id-a", "id-c"]
    assert back.element("id-c").name == "Somtoday"
