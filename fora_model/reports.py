"""The one CSV writer every report uses, safe to open in Excel.

Reports are DataFrames; this module writes them as CSV with a chosen delimiter, an optional
UTF-8 byte-order mark, and an ``excel`` preset for Dutch Excel (``;``, BOM, decimal comma).
Text cells that a spreadsheet would evaluate (starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return) are written with a leading apostrophe, so they stay text; numbers stay
numbers. Model interchange files (Archi CSV) are not reports and do not go through here.

>>> import pandas as pd
>>> frame = pd.DataFrame({"application": ["=HYPERLINK(\\"http://x\\",\\"y\\")", "Magister"], "cost": [1.5, -2.0]})
>>> print(report_csv(frame, excel=True).decode("utf-8-sig"), end="")
application;cost
"'=HYPERLINK(""http://x"",""y"")";1,5
Magister;-2
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

__all__ = ["FORMULA_PREFIXES", "CsvOptions", "guard_text", "report_csv", "write_report"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet treat a text cell as a formula."""


class CsvOptions:
    """How a report is written: ``delimiter`` (``,`` ``;`` or tab), ``bom``, ``decimal`` mark.

    ``excel=True`` is the Dutch Excel preset: ``;``, BOM and decimal comma.
    """

    def __init__(self, delimiter: str = ",", bom: bool = False, decimal: str = ".", excel: bool = False) -> None:
        if excel:
            delimiter, bom, decimal = ";", True, ","
        if delimiter in ("\\t", "tab"):
            delimiter = "\t"
        if delimiter not in (",", ";", "\t"):
            raise ValueError(f"delimiter must be ',', ';' or tab, not {delimiter!r}")
        if decimal not in (".", ","):
            raise ValueError("decimal must be '.' or ','")
        if decimal == delimiter:
            raise ValueError("the decimal mark and the delimiter must differ")
        self.delimiter = delimiter
        self.bom = bom
        self.decimal = decimal


def guard_text(text: str) -> str:
    """``text`` with a leading apostrophe when a spreadsheet would evaluate it.

    >>> guard_text("+1"), guard_text("Magister")
    ("'+1", 'Magister')
    """
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _number(value: float, decimal: str) -> str:
    if math.isnan(value):
        return ""
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", decimal) if decimal != "." else text


def _cell(value: Any, decimal: str) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return _number(float(value), decimal)
    return guard_text(str(value))


def report_csv(frame: pd.DataFrame, *, delimiter: str = ",", bom: bool = False, decimal: str = ".",
               excel: bool = False) -> bytes:
    """The report as CSV bytes (UTF-8, CRLF line ends, a header row, fields quoted when needed)."""
    options = CsvOptions(delimiter, bom, decimal, excel)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=options.delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([guard_text(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_cell(v, options.decimal) for v in row])
    data = buffer.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if options.bom else data


def write_report(frame: pd.DataFrame, target: str | Path | BinaryIO, **options: Any) -> None:
    """Write the report to a path (atomically) or a binary stream; options as :func:`report_csv`."""
    data = report_csv(frame, **options)
    if isinstance(target, (str, Path)):
        path = Path(target)
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            tmp.write_bytes(data)
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)
    else:
        target.write(data)
