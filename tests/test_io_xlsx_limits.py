"""A workbook that claims rows or columns beyond Excel's limits is refused at once, naming the
sheet, instead of being walked row by row for hours. Cases are made from a good workbook."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

import fora_model as fm
from fora_model.errors import ModelFileError
from tests.tiny import tiny_school


def doctored(tmp_path: Path, change: str) -> Path:
    good = tmp_path / "good.xlsx"
    fm.write_model(tiny_school(), good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                if change == "row":
                    text = re.sub(r'<row r="2"', '<row r="2000000000"', text, count=1)
                elif change == "column":
                    text = re.sub(r'<c r="A2"', '<c r="ZZZZZZ2"', text, count=1)
                else:
                    text = re.sub(r'<row r="2"', '<row r="two"', text, count=1)
                assert text != data.decode(), "the sheet must have changed"
                data = text.encode()
            out.writestr(info, data)
    return bad


@pytest.mark.parametrize(("change", "message"), [
    ("row", "row numbered 2,000,000,000 lies beyond Excel's last row"),
    ("column", "column numbered"),
    ("text", "row number 'two' is not a number"),
])
def test_rows_and_columns_beyond_excel_are_refused(tmp_path, change, message):
    with pytest.raises(ModelFileError) as caught:
        fm.read_model(doctored(tmp_path, change))
    assert message in str(caught.value) and "bad.xlsx sheet" in str(caught.value)
