"""HTML building blocks of the board pack: the page skeleton, print CSS, KPI cards and tables.

Everything that reaches the HTML from a model goes through :func:`esc` (``html.escape``), so a
name such as ``<script>`` or ``<a href="http://x">`` shows as text. The document links to
nothing: no ``src`` or ``href`` but in-page anchors, system fonts only. Every text is 12 px or
more, on screen and in print (:data:`MIN_FONT_PX`).

Print layout: A4 landscape with 10 mm margins leaves 277 × 190 mm (about 1047 × 718 CSS px).
Every section is one printed page (``break-after: page``) that may not be split
(``break-inside: avoid``); tables are capped in rows, a cell shows at most two lines, and figures
have fixed sizes, so that each section fits its page whatever the names. A picture taller than a
page (the landscape map of a large school) is drawn as several sections, one a page. On a
screen narrower than a figure and its margins (a 1024 px projector) the margins shrink and the
figures are drawn at 95 %, so nothing is cut off.

Numbers, money and dates are written by :mod:`fora_model.formatting` and the words by
:func:`fora_model.i18n._`, both in the current language.
"""

from __future__ import annotations

import datetime as _dt
import html
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from ..formatting import date, money, months, number, percent
from ..i18n import _, current_language

__all__ = ["CSS", "MIN_FONT_PX", "Column", "bullet_list", "document", "esc", "kpi_cards", "section", "table"]

MIN_FONT_PX = 12
"""The smallest text of the pack, in CSS pixels: readable on a projector and on paper."""

CSS = """
:root { --ink: #212121; --muted: #545454; --line: #e0e0e0; --accent: #1565c0; --bad: #b71c1c; --good: #2e7d32; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: var(--ink); margin: 0;
       background: #f5f5f5; font-size: 14px; line-height: 1.35; }
nav { position: sticky; top: 0; background: #263238; padding: 6px 16px; z-index: 2; }
nav a { color: #eceff1; margin-right: 14px; text-decoration: none; font-size: 13px; }
main { max-width: 1100px; margin: 0 auto; padding: 12px; }
section.page { background: white; margin: 14px 0; padding: 18px 24px; border-radius: 4px;
               box-shadow: 0 1px 3px rgba(0,0,0,.15); overflow: hidden; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 4px; color: #263238; }
h3 { font-size: 15px; margin: 10px 0 4px; }
p.lead { color: var(--muted); margin: 0 0 8px; }
p.note { color: var(--muted); font-size: 12px; margin: 4px 0 0; }
p.ask { font-size: 17px; margin: 6px 0 8px; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 10px 0; }
.kpi { border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; }
.kpi .value { font-size: 22px; font-weight: bold; }
.kpi .label { color: var(--muted); font-size: 12px; }
.kpi.bad .value { color: var(--bad); }
.kpi.good .value { color: var(--good); }
table { border-collapse: collapse; width: 100%; font-size: 12px; table-layout: auto; }
th { text-align: left; background: #eceff1; padding: 3px 6px; border-bottom: 1px solid #b0bec5; }
td { padding: 2px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; }
td.num, td.date { white-space: nowrap; }
th, td { overflow-wrap: break-word; }
td > div { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
tr.total td { font-weight: bold; border-top: 1px solid #90a4ae; }
ul.risks { margin: 4px 0; padding-left: 20px; }
ul.risks li { margin: 2px 0; }
ul.risks li.bad::marker { color: var(--bad); }
.figure { width: 1000px; overflow: hidden; }
.empty { color: var(--muted); font-style: italic; }
@media screen and (max-width: 1100px) {
  main { padding: 4px 6px; }
  section.page { padding: 14px 10px; margin: 10px 0; }
}
@media screen and (max-width: 1060px) {
  .figure { zoom: 0.95; }
}
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { background: white; font-size: 13px; }
  nav { display: none; }
  main { max-width: none; padding: 0; }
  section.page { margin: 0; padding: 0; box-shadow: none; border-radius: 0;
                 break-inside: avoid; page-break-inside: avoid; break-after: page; page-break-after: always; }
  section.page:last-of-type { break-after: auto; page-break-after: auto; }
  .figure { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
"""
"""The stylesheet, print rules included."""


def esc(value: object) -> str:
    """``value`` as escaped HTML text ("" for None and NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class Column:
    """One table column: the frame ``key``, its ``header`` and how to show it: ``text``,
    ``money`` (``€1,234``), ``int``, ``months`` (``3.5 months``), ``pct``, ``date`` (an ISO date
    or a :class:`datetime.date`) or ``bool`` (yes/"")."""

    key: str
    header: str
    kind: str = "text"
    limit: int = 90


NUMERIC_KINDS = ("money", "int", "months", "pct")


def _day(value: object) -> _dt.date | None:
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _cell(value: object, column: Column) -> tuple[str, bool]:
    """Escaped cell text and whether it is numeric."""
    missing = value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
    if column.kind == "money":
        return ("" if missing else money(value)), True
    if column.kind == "int":
        return ("" if missing else number(value)), True
    if column.kind == "months":
        return ("" if missing else months(value)), True
    if column.kind == "pct":
        return ("" if missing else percent(value)), True
    if column.kind == "bool":
        return (_("yes") if value is True or value == 1 else ""), False
    if column.kind == "date":
        day = None if missing or value == "" else _day(value)
        return esc(date(day, missing="" if missing or value == "" else str(value))), False
    text = "" if missing else str(value)
    if len(text) > column.limit:
        text = text[: column.limit - 1] + "…"
    return esc(text), False


def table(frame: pd.DataFrame, columns: Sequence[Column], *, limit: int, empty: str,
          more: Callable[[int], str] | None = None, total: dict[str, object] | None = None) -> str:
    """An HTML table of the first ``limit`` rows; ``empty`` when there are none; ``more(n)``, the
    sentence about the ``n`` rows left out, under it when rows were left out; ``total`` a last bold
    row."""
    if frame.empty:
        return f'<p class="empty">{esc(empty)}</p>'
    head = "".join(f'<th class="num">{esc(c.header)}</th>' if c.kind in NUMERIC_KINDS
                   else f"<th>{esc(c.header)}</th>" for c in columns)
    body = []
    for row in frame.head(limit).to_dict("records"):
        cells = []
        for column in columns:
            text, numeric = _cell(row.get(column.key), column)
            if numeric:
                cells.append(f'<td class="num">{text}</td>')
            elif column.kind == "date":
                cells.append(f'<td class="date">{text}</td>')
            else:
                cells.append(f"<td><div>{text}</div></td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if total is not None:
        cells = []
        for column in columns:
            text, numeric = _cell(total.get(column.key), column) if column.key in total else ("", False)
            cells.append(f'<td class="num">{text}</td>' if numeric else f"<td>{text}</td>")
        body.append('<tr class="total">' + "".join(cells) + "</tr>")
    note = ""
    if len(frame) > limit and more is not None:
        note = f'<p class="note">{esc(more(len(frame) - limit))}</p>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{note}"


def kpi_cards(cards: Iterable[tuple[str, str, str]]) -> str:
    """KPI cards from (label, value, tone) triples; tone is "", ``good`` or ``bad``."""
    out = []
    for label, value, tone in cards:
        out.append(f'<div class="kpi {esc(tone)}"><div class="value">{esc(value)}</div>'
                   f'<div class="label">{esc(label)}</div></div>')
    return f'<div class="kpis">{"".join(out)}</div>'


def bullet_list(items: Iterable[tuple[str, bool]], css: str = "risks") -> str:
    """A list of escaped sentences; a ``True`` flag marks one as a risk to weigh (``class="bad"``)."""
    lines = "".join(f'<li class="bad">{esc(text)}</li>' if bad else f"<li>{esc(text)}</li>" for text, bad in items)
    return f'<ul class="{esc(css)}">{lines}</ul>'


def section(identifier: str, title: str, lead: str, body: str) -> str:
    """One printed page: a heading, a one-line lead (both escaped) and ready-made HTML ``body``."""
    return (f'<section class="page" id="{esc(identifier)}"><h2>{esc(title)}</h2>'
            f'<p class="lead">{esc(lead)}</p>{body}</section>')


def document(title: str, sections: Sequence[tuple[str, str, str]]) -> str:
    """The whole page in the current language: ``sections`` are (id, navigation label, HTML)
    triples; a section with an empty label is left out of the navigation (a page that continues
    the one before)."""
    nav = "".join(f'<a href="#{esc(ident)}">{esc(label)}</a>' for ident, label, _html in sections if label)
    body = "\n".join(html_text for _ident, _label, html_text in sections)
    return (
        f"<!DOCTYPE html>\n<html lang=\"{esc(current_language())}\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; "
        "font-src data:; connect-src 'none'\">"
        f"<title>{esc(title)}</title><style>{CSS}</style></head>"
        f"<body><nav>{nav}</nav><main>\n{body}\n</main></body></html>\n"
    )
