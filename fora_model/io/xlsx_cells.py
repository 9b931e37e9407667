"""Reading the cell values of an ``.xlsx`` workbook quickly and safely, without evaluating anything.

A formula reads as its text (``=SUM(A1:A3)``), a date-formatted number as a ``datetime``, a
boolean as ``bool``, other numbers as ``int`` or ``float``, text as ``str``. Text is decoded as
ECMA-376 says (``ST_Xstring``, Part 1 22.9.2.19): ``_xHHHH_`` is the character with that code,
which is how Excel stores a carriage return (``_x000D_``) and other control characters, and
``_x005F_`` an underscore, how it keeps a literal ``_x0041_`` from being read as ``A``.

>>> decode_text("_x0041_BC _x005F_x0041_")
'ABC _x0041_'

Every part is parsed
by the hardened parser of :mod:`fora_model.io.safety`; the archive has been checked for its size
before this module sees it.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from ..errors import ModelFileError, Reason
from .safety import parse_xml

__all__ = ["Workbook", "column_index", "decode_text", "encode_text"]

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_DATE_IDS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52,
             53, 54, 55, 56, 57, 58}
_LETTERS = re.compile(r"[A-Z]+")
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]')


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def decode_text(text: str) -> str:
    """A cell's stored text as the user sees it (``_xHHHH_`` decoded)."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def encode_text(text: str) -> str:
    """``text`` as a cell stores it so that Excel (and :func:`decode_text`) show it unchanged: the
    underscore of a literal ``_xHHHH_`` is written ``_x005F_``.

    >>> encode_text("_x0041_ and _x")
    '_x005F_x0041_ and _x'
    """
    return _LOOKS_ESCAPED.sub("_x005F_", text) if "_x" in text else text


def column_index(reference: str) -> int:
    """The zero-based column of a cell reference: ``"A1"`` → 0, ``"AB7"`` → 27."""
    match = _LETTERS.match(reference)
    number = 0
    for letter in match.group(0) if match else "A":
        number = number * 26 + ord(letter) - 64
    return number - 1


def _is_date_format(code: str) -> bool:
    bare = _QUOTED.sub("", code).lower()
    return any(c in bare for c in "dy") or ("m" in bare and ("h" not in bare and "s" not in bare) and "0" not in bare)


MAX_ROWS = 1_048_576
"""Excel's last row: a worksheet claiming more is damaged or hostile."""
MAX_COLUMNS = 16_384
"""Excel's last column (XFD)."""


def _bounded(value: Any, limit: int, where: str, what: str) -> int:
    """``value`` as a row or column number within Excel's limits; ModelFileError naming ``where`` else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ModelFileError(where, f"a {what} number {str(value)[:20]!r} is not a number",
                             "save the workbook again from Excel or LibreOffice", Reason.SYNTAX_ERROR) from None
    if not 1 <= number <= limit:
        raise ModelFileError(where, f"a {what} numbered {number:,} lies beyond Excel's last {what} ({limit:,})",
                             "save the workbook again from Excel or LibreOffice", Reason.TOO_LARGE)
    return number


class Workbook:
    """The sheets of a workbook, by title, in workbook order."""

    def __init__(self, archive: zipfile.ZipFile, source: str) -> None:
        self.archive = archive
        self.source = source
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            raise ModelFileError(source, "not an Excel workbook (no xl/workbook.xml)", "save it from Excel as .xlsx",
                                 Reason.UNSUPPORTED_FORMAT)
        workbook = self._xml("xl/workbook.xml")
        properties = workbook.find(f"{MAIN}workbookPr")
        self.epoch = _dt.datetime(1904, 1, 1) if properties is not None and properties.get("date1904") in (
            "1", "true") else _dt.datetime(1899, 12, 30)
        targets: dict[str, str] = {}
        if "xl/_rels/workbook.xml.rels" in names:
            for rel in self._xml("xl/_rels/workbook.xml.rels").iter(f"{RELS}Relationship"):
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                targets[rel.get("Id", "")] = path
        self.sheets: dict[str, str] = {}
        for sheet in workbook.iter(f"{MAIN}sheet"):
            path = targets.get(sheet.get(DOC_REL, ""), "")
            if path in names:
                self.sheets[sheet.get("name", "")] = path
        self.strings = self._strings("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in names else []
        self.dates = self._date_styles() if "xl/styles.xml" in names else set()

    def _xml(self, name: str) -> Any:
        return parse_xml(self.archive.read(name), f"{self.source} ({name})")

    def _strings(self, name: str) -> list[str]:
        out = []
        for item in self._xml(name).iter(f"{MAIN}si"):
            out.append(decode_text("".join(t.text or "" for t in item.iter(f"{MAIN}t")
                                           if t.getparent() is not None and t.getparent().tag != f"{MAIN}rPh")))
        return out

    def _date_styles(self) -> set[int]:
        styles = self._xml("xl/styles.xml")
        custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in styles.iter(f"{MAIN}numFmt")}
        holder = styles.find(f"{MAIN}cellXfs")
        dates = set()
        for index, xf in enumerate([] if holder is None else holder.findall(f"{MAIN}xf")):
            fmt = int(xf.get("numFmtId", "0"))
            if fmt in _DATE_IDS or (fmt in custom and _is_date_format(custom[fmt])):
                dates.add(index)
        return dates

    def rows(self, title: str) -> Iterator[tuple[Any, ...]]:
        """The rows of a sheet as tuples of values (``None`` for empty cells); empty rows included."""
        data = self._xml(self.sheets[title])
        expected = 1
        for row in data.iter(f"{MAIN}row"):
            number = _bounded(row.get("r", expected), MAX_ROWS, f"{self.source} sheet {title!r}", "row")
            for _ in range(expected, number):
                yield ()
            expected = number + 1
            values: list[Any] = []
            for position, cell in enumerate(row.iter(f"{MAIN}c")):
                col = column_index(cell.get("r", "")) if cell.get("r") else position
                _bounded(col + 1, MAX_COLUMNS, f"{self.source} sheet {title!r} row {number}", "column")
                values.extend([None] * (col + 1 - len(values)))
                values[col] = self._value(cell)
            yield tuple(values)

    def _value(self, cell: Any) -> Any:
        kind = cell.get("t", "n")
        raw = formula = inline = None
        for child in cell:
            tag = child.tag
            if tag == _V:
                raw = child.text
            elif tag == _F:
                formula = child.text
            elif tag == _IS:
                inline = child
        if formula:
            return "=" + formula
        if kind == "inlineStr":
            return "" if inline is None else decode_text("".join(
                t.text or "" for t in inline.iter(_T) if t.getparent() is None or t.getparent().tag != _RPH))
        if raw is None:
            return None
        if kind == "s":
            index = int(raw)
            return self.strings[index] if 0 <= index < len(self.strings) else None
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "str":
            return decode_text(raw)
        if kind in ("e", "d"):
            return raw
        number = float(raw)
        if self.dates and int(cell.get("s", "0")) in self.dates:
            return self.epoch + _dt.timedelta(days=number)
        return int(number) if number.is_integer() and "." not in raw and "E" not in raw.upper() else number


_V, _F, _IS, _T, _RPH = f"{MAIN}v", f"{MAIN}f", f"{MAIN}is", f"{MAIN}t", f"{MAIN}rPh"
