"""CSV reports: delimiters, BOM, the Dutch Excel preset, formula guarding, and the CLI's CSV read back."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest

from fora_model import DUPLICATE_COLUMNS, Relation, RelationKind, duplicated_activities, report_csv, write_json
from fora_model.cli import main
from fora_model.reports import FORMULA_PREFIXES, guard_text, write_report
from tests.tiny import tiny_school

BOM = b"\xef\xbb\xbf"


def parse(data: bytes, delimiter: str = ",") -> list[list[str]]:
    text = data.decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=delimiter))


FRAME = pd.DataFrame({
    "application": ["Magister", "Zermelo; Untis", 'Say "hi", twice'],
    "count": [2, 0, -3],
    "cost": [12000.5, np.nan, -2.0],
    "flag": [True, False, True],
})


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_any_delimiter_reads_back_to_the_same_cells(delimiter):
    data = report_csv(FRAME, delimiter=delimiter)
    assert parse(data, delimiter) == [
        ["application", "count", "cost", "flag"],
        ["Magister", "2", "12000.5", "true"],
        ["Zermelo; Untis", "0", "", "false"],
        ['Say "hi", twice', "-3", "-2", "true"],
    ]
    assert not data.startswith(BOM)


@pytest.mark.parametrize("spelling", ["tab", "\\t"])
def test_tab_can_be_spelled_out(spelling):
    assert report_csv(FRAME, delimiter=spelling) == report_csv(FRAME, delimiter="\t")


def test_rows_end_with_crlf_and_a_bom_is_optional():
    data = report_csv(FRAME, bom=True)
    assert data.startswith(BOM) and data[3:] == report_csv(FRAME)
    assert data.count(b"\r\n") == 4 and data.endswith(b"\r\n")


def test_the_excel_preset_is_semicolon_bom_and_decimal_comma():
    data = report_csv(FRAME, excel=True)
    assert data.startswith(BOM)
    assert parse(data, ";")[1:] == [
        ["Magister", "2", "12000,5", "true"],
        ["Zermelo; Untis", "0", "", "false"],
        ['Say "hi", twice', "-3", "-2", "true"],
    ]
    assert report_csv(FRAME, excel=True, delimiter=",", bom=False) == data  # the preset wins


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x","y")', "+1", "-x", "@SUM(A1)", "\tleading tab", "\rleading CR", "=1+1", "-5", "+31 20"],
)
def test_text_a_spreadsheet_would_evaluate_gets_a_leading_apostrophe(text):
    frame = pd.DataFrame({"application": [text], "cost": [1.0]})
    (row,) = parse(report_csv(frame))[1:]
    assert row == ["'" + text, "1"]
    assert guard_text(text) == "'" + text


@pytest.mark.parametrize("text", ["Magister", " =not at the start", "a=b", "'quoted", "", "1+1", "<script>x</script>"])
def test_harmless_text_is_written_as_is(text):
    (row,) = parse(report_csv(pd.DataFrame({"application": [text]})))[1:]
    assert row == [text]


def test_numbers_are_not_guarded_even_when_negative():
    frame = pd.DataFrame({"i": np.array([-7], dtype="int64"), "f": [-0.25], "n": pd.array([-1], dtype="Int64")})
    assert parse(report_csv(frame))[1] == ["-7", "-0.25", "-1"]
    assert parse(report_csv(frame, excel=True), ";")[1] == ["-7", "-0,25", "-1"]


def test_every_formula_prefix_is_covered():
    assert set(FORMULA_PREFIXES) == {"=", "+", "-", "@", "\t", "\r"}


def test_a_script_tag_in_a_name_stays_literal_text():
    name = "<script>alert('x')</script>"
    data = report_csv(pd.DataFrame({"application": [name]}))
    assert name.encode("utf-8") in data
    assert b"&lt;" not in data


def test_column_names_are_guarded_too():
    assert parse(report_csv(pd.DataFrame({"=cmd": [1]})))[0] == ["'=cmd"]


@pytest.mark.parametrize(("options", "words"), [({"delimiter": "|"}, "delimiter"), ({"decimal": ","}, "differ"),
                                                ({"decimal": ";"}, "decimal")])
def test_bad_options_are_refused(options, words):
    with pytest.raises(ValueError, match=words):
        report_csv(FRAME, **options)


def test_write_report_to_a_path_and_to_a_stream(tmp_path):
    path = tmp_path / "out.csv"
    write_report(FRAME, path, excel=True)
    stream = io.BytesIO()
    write_report(FRAME, stream, excel=True)
    assert path.read_bytes() == stream.getvalue() == report_csv(FRAME, excel=True)
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


# ------------------------------------------------------------------------------ the CLI's CSV read back

HYPERLINK = '=HYPERLINK("http://x","y")'
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def model_file(tmp_path):
    """The tiny school with hostile names and a fractional cost, saved as JSON.

    Old Portal becomes =HYPERLINK(...) and supports Record grades, Somtoday becomes +1, Plan lessons
    becomes a script tag, Magister costs 12000.5.
    """
    model = tiny_school()
    model.update_element(model.element("app-old").replace(name=HYPERLINK))
    model.update_element(model.element("app-som").replace(name="+1"))
    model.update_element(model.element("a-plan").replace(name=SCRIPT))
    model.update_element(model.element("app-mag").with_attributes(annual_cost=12000.5))
    model.add_relation(Relation.new(RelationKind.SUPPORTS, "app-old", "a-grades", id="r-old-grades"))
    path = tmp_path / "school.json"
    write_json(model, path)
    return path, model


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def expected_frame(model) -> pd.DataFrame:
    """What a spreadsheet should show: the analysis, text starting with a formula character guarded."""
    frame = duplicated_activities(model).astype({c: object for c in DUPLICATE_COLUMNS
                                                 if c not in ("application_count", "annual_cost")})
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(guard_text)
    return frame


def test_the_cli_duplicates_csv_reads_back_identically_with_csv_and_pandas(model_file, tmp_path):
    path, model = model_file
    out = tmp_path / "dup.csv"
    assert run("report", "duplicates", "--include-inherited", str(path), "-o", str(out))[0] == 0
    data = out.read_bytes()
    # stdout is the same CSV
    assert run("report", "duplicates", "--include-inherited", str(path))[1].encode("utf-8") == data

    rows = parse(data)
    by_pandas = pd.read_csv(out, keep_default_na=False, dtype=str)
    assert rows[0] == list(by_pandas.columns) == DUPLICATE_COLUMNS
    assert rows[1:] == by_pandas.values.tolist()

    # Record grades: Magister, +1 and =HYPERLINK; the script tag's row: Magister and +1
    assert len(rows) == 3
    grades = dict(zip(rows[0], rows[1], strict=True))
    assert grades["applications"] == "'+1 | =HYPERLINK(\"http://x\",\"y\") | Magister"
    assert grades["annual_cost"] == "21000.5"  # 12000.5 + 8000 + 1000
    assert dict(zip(rows[0], rows[2], strict=True))["activity"] == SCRIPT

    typed = pd.read_csv(out, keep_default_na=False)
    pd.testing.assert_frame_equal(typed, expected_frame(model), check_dtype=False)


def test_the_excel_csv_has_the_same_columns_and_values(model_file, tmp_path):
    path, model = model_file
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    assert run("report", "duplicates", "--include-inherited", str(path), "-o", str(plain))[0] == 0
    assert run("report", "duplicates", "--include-inherited", str(path), "--excel", "-o", str(excel))[0] == 0
    data = excel.read_bytes()
    assert data.startswith(BOM)
    rows = parse(data, ";")
    assert rows[0] == parse(plain.read_bytes())[0] == DUPLICATE_COLUMNS
    assert dict(zip(rows[0], rows[1], strict=True))["annual_cost"] == "21000,5"
    typed = pd.read_csv(excel, sep=";", decimal=",", encoding="utf-8-sig", keep_default_na=False)
    pd.testing.assert_frame_equal(typed, expected_frame(model), check_dtype=False)


@pytest.mark.parametrize(
    ("flags", "delimiter", "bom"),
    [(("--delimiter", "tab"), "\t", False), (("--bom",), ",", True), (("--delimiter", ";", "--bom"), ";", True)],
)
def test_cli_delimiter_and_bom_options(model_file, tmp_path, flags, delimiter, bom):
    path, model = model_file
    out = tmp_path / "dup.csv"
    assert run("report", "duplicates", "--include-inherited", str(path), "-o", str(out), *flags)[0] == 0
    data = out.read_bytes()
    assert data.startswith(BOM) == bom
    assert data == report_csv(duplicated_activities(model), delimiter=delimiter, bom=bom)
