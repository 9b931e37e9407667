"""Writing the fora-model workbook (layout in :mod:`fora_model.io.excel_layout`).

Text is always written as text — a name such as ``=HYPERLINK(...)`` stays a string, never a
formula — and text columns are formatted as text so what users type stays text too. A text that
starts with ``=``, ``+``, ``-`` or ``@`` also gets Excel's quote prefix (the cell shows it as typed
after an apostrophe, and editing it keeps it text); the cell's value is the text itself, so it
reads back unchanged. A literal ``_xHHHH_`` in a text is escaped as ECMA-376 says
(:func:`~fora_model.io.xlsx_cells.encode_text`), so Excel does not show it as a character. Text
longer than an Excel cell holds is cut in its cell and kept whole in the ``Long text`` sheet,
which the reader puts back; the writer reports it.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Finding, Reason, Severity
from ..model import Element, Model, Relation
from ..vocabulary import ElementKind, RelationKind
from .excel_layout import (
    CELL_LIMIT,
    CHOICES,
    FORMAT_NAME,
    HIDDEN,
    LONG_TEXT,
    MODEL_SHEET,
    PROPERTIES,
    RELATION_COLUMNS,
    RELATIONS,
    SHEETS,
    SUPPORT,
    TRANSLATIONS,
    element_columns,
)
from .textsafe import xml_safe
from .writing import atomic_write
from .xlsx_cells import encode_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["generate_excel", "generate_template", "kind_runs", "write_excel", "write_template"]

_CHUNK = 32_000
_FORMULA_START = ("=", "+", "-", "@")
_HEADER_NAME = 100
"""The most characters of a name a Support column heading shows (the id in brackets is what is read)."""


class _Book:
    def __init__(self) -> None:
        from openpyxl import Workbook  # only when a workbook is written: reading and starting need none of it

        self.book = Workbook()
        self.long: list[tuple[str, str, str]] = []
        self.findings: list[Finding] = []
        self.rows: dict[str, int] = {}

    def sheet(self, title: str, header: list[str]) -> Worksheet:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        if self.book.worksheets and self.book.worksheets[0].title == "Sheet":
            ws = self.book.worksheets[0]
            ws.title = title
        else:
            ws = self.book.create_sheet(title)
        ws.append([encode_text(h) for h in header])
        self.rows[title] = 1
        for col, name in enumerate(header, 1):
            ws.column_dimensions[get_column_letter(col)].width = max(12, min(40, len(name) + 4))
            choices = CHOICES.get(name)
            if choices and title not in (PROPERTIES, TRANSLATIONS):
                rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
                rule.error = f"choose one of {', '.join(choices)}"
                rule.showErrorMessage = True
                ws.add_data_validation(rule)
                letter = get_column_letter(col)
                rule.add(f"{letter}2:{letter}1048576")
        ws.freeze_panes = "A2"
        return ws

    def row(self, ws: Worksheet, values: list[Any], subject: str = "") -> None:
        row = self.rows[ws.title] = self.rows[ws.title] + 1
        for col, value in enumerate(values, 1):
            if value is None or value == "":
                continue
            cell = ws.cell(row=row, column=col)
            if isinstance(value, str):
                if len(value) > CELL_LIMIT:
                    self.long.append((ws.title, cell.coordinate, value))
                    self.findings.append(Finding(
                        Severity.INFO, Reason.DROPPED, subject,
                        f"a text of {len(value)} characters is longer than an Excel cell holds; the cell shows "
                        f"the start and the sheet {LONG_TEXT!r} keeps it whole", "keep that sheet when editing",
                        f"{ws.title}!{cell.coordinate}"))
                    value = value[:_CHUNK]
                cell.value = encode_text(value)
                cell.data_type = "s"
                cell.number_format = "@"
                if value.startswith(_FORMULA_START):
                    cell.quotePrefix = True
            else:
                cell.value = value


def _value(value: Any) -> Any:
    if isinstance(value, tuple):
        return " | ".join(value)
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.isoformat()
    return value


def _fill(b: _Book, model: Model | None) -> None:
    meta = b.sheet(MODEL_SHEET, ["field", "value"])
    for field, value in (("format", FORMAT_NAME), ("format_version", "1"), ("id", model.id if model else ""),
                         ("name", model.name if model else ""),
                         ("documentation", model.documentation if model else ""),
                         ("language", model.language if model else "en")):
        b.row(meta, [field, value])
    elements = list(model.elements.values()) if model else []
    for kind, title in SHEETS.items():
        columns = element_columns(kind)
        ws = b.sheet(title, columns)
        for e in (e for e in elements if e.kind.value == kind):
            base = [e.id, e.name, e.documentation, e.archimate_type, e.specialization]
            b.row(ws, base + [_value(e.attributes.get(c)) for c in columns[len(base):]], e.id)
    ws = b.sheet(RELATIONS, RELATION_COLUMNS)
    names = {e.id: e.label for e in elements}
    for r in model.relations.values() if model else []:
        base = [r.id, r.kind.value, r.source, r.target, names.get(r.source, ""), names.get(r.target, ""), r.name,
                r.documentation, r.archimate_type, r.specialization]
        b.row(ws, base + [_value(r.attributes.get(c)) for c in RELATION_COLUMNS[len(base):]], r.id)
    _support(b, model)
    ws = b.sheet(PROPERTIES, ["id", "key", "value"])
    for owner, pairs in _owners(model, "properties"):
        for key, value in pairs:
            b.row(ws, [owner, key, value], owner)
    ws = b.sheet(TRANSLATIONS, ["id", "field", "language", "text"])
    for owner, triples in _owners(model, "translations"):
        for field, language, text in triples:
            b.row(ws, [owner, field, language, text], owner)


def _owners(model: Model | None, attribute: str) -> list[tuple[str, Any]]:
    if model is None:
        return []
    concepts: list[Element | Relation] = [*model.elements.values(), *model.relations.values()]
    return [(model.id, getattr(model, attribute))] + [
        (c.id, getattr(c, attribute)) for c in concepts if getattr(c, attribute)
    ]


def _support(b: _Book, model: Model | None) -> None:
    elements = list(model.elements.values()) if model else []
    supporters = [e for e in elements if e.kind is ElementKind.APPLICATION] + [
        e for e in elements if e.kind is ElementKind.SYSTEM_TYPE]
    rows = [e for e in elements if e.kind in (ElementKind.PROCESS, ElementKind.ACTIVITY)]
    ws = b.sheet(SUPPORT, ["id", "name", *(f"{_short(s.label)} [{s.id}]" for s in supporters)])
    ticks = {(r.source, r.target) for r in (model.relations_of(RelationKind.SUPPORTS) if model else [])}
    for element in rows:
        b.row(ws, [element.id, element.name, *("x" if (s.id, element.id) in ticks else None for s in supporters)],
              element.id)


def kind_runs(model: Model) -> list[list[Any]]:
    """The kinds of the model's elements in model order, as ``[kind, count]`` runs: with the sheets
    (each in model order) they give the model's order back.

    >>> m = Model()
    >>> for kind in ("goal", "process", "process", "goal"):
    ...     _ = m.add_element(Element.new(kind, kind))
    >>> kind_runs(m)
    [['goal', 1], ['process', 2], ['goal', 1]]
    """
    runs: list[list[Any]] = []
    for e in model.elements.values():
        if runs and runs[-1][0] == e.kind.value:
            runs[-1][1] += 1
        else:
            runs.append([e.kind.value, 1])
    return runs


def _short(name: str) -> str:
    return name if len(name) <= _HEADER_NAME else name[:_HEADER_NAME - 1] + "…"


def _finish(b: _Book, model: Model | None) -> bytes:
    ws = b.sheet(LONG_TEXT, ["sheet", "cell", "part", "text"])
    for sheet, cell, text in b.long:
        for part in range(0, len(text), _CHUNK):
            b.row(ws, [sheet, cell, part // _CHUNK + 1, text[part:part + _CHUNK]])
    hidden = b.sheet(HIDDEN, ["key", "part", "text"])
    hidden.sheet_state = "hidden"
    if model is not None and model.extras:
        text = json.dumps(model.extras, ensure_ascii=False, sort_keys=False)
        for part in range(0, len(text), _CHUNK):
            b.row(hidden, ["extras", part // _CHUNK + 1, text[part:part + _CHUNK]])
    if model is not None and model.elements:
        text = json.dumps(kind_runs(model))
        for part in range(0, len(text), _CHUNK):
            b.row(hidden, ["order", part // _CHUNK + 1, text[part:part + _CHUNK]])
    buffer = io.BytesIO()
    b.book.save(buffer)
    return buffer.getvalue()


def generate_excel(model: Model) -> tuple[bytes, list[Finding]]:
    """The model as ``.xlsx`` bytes, and findings on texts kept in the Long text sheet."""
    model, unsafe = xml_safe(model, format_name="a workbook")
    b = _Book()
    _fill(b, model)
    return _finish(b, model), unsafe + b.findings


def write_excel(model: Model, path: str | Path) -> list[Finding]:
    """Write the model as a workbook (atomically).

    Parameters
    ----------
    model
        The model to write.
    path
        The ``.xlsx`` file.

    Returns
    -------
    list of Finding
        Texts kept whole in the Long text sheet because a cell could not hold them.
    """
    data, findings = generate_excel(model)
    atomic_write(path, data)
    return findings


def generate_template() -> bytes:
    """The empty workbook: every sheet with its headers and drop-downs, no rows."""
    b = _Book()
    _fill(b, None)
    return _finish(b, None)


def write_template(path: str | Path) -> None:
    """Write the empty workbook to ``path``."""
    atomic_write(path, generate_template())
