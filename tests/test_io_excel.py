"""The fora-model workbook: text stays text, drop-downs, Support ticks vs Relations, long cells."""

from __future__ import annotations

import io

import openpyxl
import pytest

import fora_model as fm
from fora_model.errors import Reason, Severity
from fora_model.io.examples import interop_example
from fora_model.io.excel import generate_excel, generate_template, parse_excel, read_excel, write_excel
from fora_model.io.excel_layout import CELL_LIMIT, SHEETS


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _save(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _find(ws, value):
    return next(c for row in ws.iter_rows() for c in row if c.value == value)


def test_text_starting_with_equals_stays_text():
    data, _ = generate_excel(interop_example())
    ws = _book(data)["Applications"]
    cell = _find(ws, '=HYPERLINK("http://x","y")')
    assert cell.data_type == "s"
    assert cell.number_format == "@"
    assert parse_excel(data).model.elements["id-app2"].name == '=HYPERLINK("http://x","y")'


def test_numbers_stay_numbers():
    data, _ = generate_excel(interop_example())
    ws = _book(data)["Applications"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "id-app1")
    assert row[header.index("annual_cost")].value == 12000.5
    assert row[header.index("functional_fit")].data_type == "n"


def test_the_template_has_every_sheet_header_and_drop_down(tmp_path):
    book = _book(generate_template())
    assert set(SHEETS.values()) <= set(book.sheetnames)
    assert {"Relations", "Support", "Properties", "Translations"} <= set(book.sheetnames)
    apps = book["Applications"]
    header = [c.value for c in apps[1]]
    lists = {rule.formula1 for rule in apps.data_validations.dataValidation}
    assert '"plan,phase-in,active,phase-out,end-of-life"' in lists and '"1,2,3,4"' in lists
    assert header[:2] == ["id", "name"] and "lifecycle" in header and "technical_fit" in header
    kinds = {rule.formula1 for rule in book["Relations"].data_validations.dataValidation}
    assert any("composed_of" in f and "supports" in f for f in kinds)
    result = parse_excel(generate_template())
    assert (len(result.model.elements), result.findings) == (0, [])


def test_support_matrix_is_ticked_from_supports_relations():
    data, _ = generate_excel(interop_example())
    ws = _book(data)["Support"]
    header = [c.value for c in ws[1]]
    assert header[2:] == ["Magister [id-app1]", '=HYPERLINK("http://x","y") [id-app2]',
                          "Leerlingadministratiesysteem [id-st1]"]
    rows = {r[0].value: [c.value for c in r[2:]] for r in ws.iter_rows(min_row=2)}
    assert rows["id-a1"] == ["x", "x", None]
    assert rows["id-p1"] == [None, None, None]  # its support comes through an application function


def test_a_new_tick_adds_support_and_a_missing_tick_leaves_relations_in_charge():
    book = _book(generate_excel(interop_example())[0])
    ws = book["Support"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "id-a2")
    row[2].value = "x"  # Magister now supports Form vision
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "id-a1")
    row[3].value = None  # untick app2 → a1, which Relations still lists
    result = parse_excel(_save(book))
    added = [r for r in result.model.relations.values() if (r.source, r.target) == ("id-app1", "id-a2")]
    assert len(added) == 1 and added[0].kind is fm.RelationKind.SUPPORTS
    assert "id-r6" in result.model.relations
    assert [f.severity for f in result.findings if f.element == "id-r6"] == [Severity.WARNING]
    assert [f.severity for f in result.findings if f.element == added[0].id] == [Severity.INFO]


def test_a_sheet_with_missing_columns_is_a_finding(tmp_path):
    book = _book(generate_excel(interop_example())[0])
    book["Applications"].delete_cols(2)  # the name column
    result = parse_excel(_save(book))
    error = next(f for f in result.findings if f.is_error)
    assert error.reason is Reason.MISSING_FIELD and "Applications" in error.message and "name" in error.message
    (tmp_path / "m.xlsx").write_bytes(_save(book))
    with pytest.raises(fm.ModelInvalidError, match="lacks the column"):
        fm.load_model(tmp_path / "m.xlsx")


def test_a_bad_value_names_its_cell():
    book = _book(generate_excel(interop_example())[0])
    ws = book["Applications"]
    column = [c.value for c in ws[1]].index("functional_fit") + 1
    ws.cell(row=2, column=column).value = 7
    [error] = [f for f in parse_excel(_save(book)).findings if f.is_error]
    assert error.reason is Reason.BAD_ATTRIBUTE and error.location.endswith("Applications!2")


def test_a_duplicate_id_across_sheets_is_an_error():
    book = _book(generate_excel(interop_example())[0])
    book["Goals"].append(["id-a1", "Duplicate"])
    errors = [f for f in parse_excel(_save(book)).findings if f.is_error]
    assert [f.reason for f in errors] == [Reason.DUPLICATE_ID]


def test_text_longer_than_a_cell_is_kept_whole_and_reported(tmp_path):
    model = interop_example()
    long_text = "x" * (CELL_LIMIT + 5000) + "end"
    model.update_element(model.elements["id-a1"].replace(documentation=long_text))
    findings = write_excel(model, tmp_path / "m.xlsx")
    assert [f.reason for f in findings] == [Reason.DROPPED] and "Long text" in findings[0].message
    cell = _find(_book((tmp_path / "m.xlsx").read_bytes())["Activities"], "id-a1").offset(column=2)
    assert len(cell.value) <= CELL_LIMIT
    assert read_excel(tmp_path / "m.xlsx").model.elements["id-a1"].documentation == long_text


def test_a_new_row_without_id_gets_one_and_its_kinds_default_type():
    book = _book(generate_template())
    book["Applications"].append([None, "Zermelo"])
    model = parse_excel(_save(book)).model
    [app] = model.elements.values()
    assert (app.name, app.archimate_type, app.specialization) == ("Zermelo", "ApplicationComponent", "Applicatie")


def test_formulas_typed_by_a_user_are_read_as_their_text_never_evaluated():
    book = _book(generate_excel(interop_example())[0])
    ws = book["Properties"]
    ws.append(["id-app1", "note", "=1+1"])
    model = parse_excel(_save(book)).model
    assert ("note", "=1+1") in model.elements["id-app1"].properties


def test_a_date_typed_in_excel_reads_as_a_date():
    import datetime

    book = _book(generate_excel(interop_example())[0])
    ws = book["Applications"]
    column = [c.value for c in ws[1]].index("contract_end") + 1
    ws.cell(row=2, column=column).value = datetime.date(2027, 1, 31)
    ws.cell(row=2, column=column).number_format = "dd-mm-yyyy"
    model = parse_excel(_save(book)).model
    assert model.elements[ws.cell(row=2, column=1).value].attributes["contract_end"] == datetime.date(2027, 1, 31)


def test_a_workbook_that_is_not_ours_is_one_clear_error():
    book = openpyxl.Workbook()
    book.active.append(["Naam", "Kosten"])
    with pytest.raises(fm.ModelFileError, match="not a fora-model workbook"):
        parse_excel(_save(book))
