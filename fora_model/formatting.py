"""How numbers read in every report, page and the board pack, in the current language
(:mod:`fora_model.i18n`): one money formatter, one number, percentage, months and date formatter.

English keeps the euro sign against the amount and a comma for thousands (``€46,650``); Dutch
writes ``€ 46.650`` and ``3,5 maanden``, as Dutch readers expect.

>>> money(1234.5), money(-4000), money(float("nan")), money(None, missing="an unrecorded amount")
('€1,234', '-€4,000', 'not recorded', 'an unrecorded amount')
>>> money(46_650, short=True), money(21_000, short=True), money(266_600, short=True), money(1_250_000, short=True)
('€46.7k', '€21k', '€267k', '€1.2m')
>>> from fora_model.i18n import use_language
>>> with use_language("nl"):
...     money(46_650), money(46_650, short=True), money(1_250_000, short=True), months(3.4727), percent(0.98)
('€ 46.650', '€ 46,7k', '€ 1,2 mln', '3,5 maanden', '98%')
"""

from __future__ import annotations

import datetime as _dt
import math
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from .i18n import _, current_language, locale

__all__ = ["date", "money", "months", "number", "percent"]


def _amount(value: object) -> float | None:
    """``value`` as a float, or None for no value (None, NaN, pandas' NA, text that is no number)."""
    try:
        amount = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(amount) else amount


def number(value: object, decimals: int = 0, *, missing: str = "–") -> str:
    """``value`` with thousands separators and ``decimals`` decimals in the current language
    (``1,234.5`` / ``1.234,5``)."""
    amount = _amount(value)
    if amount is None:
        return missing
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(format_decimal(amount, format=pattern, locale=locale()))


def money(value: object, *, short: bool = False, missing: str | None = None) -> str:
    """Euros without cents, the minus sign in front (``-€1,200``, ``-€ 1.200``); ``short`` rounds to
    thousands or millions for metric cards, with one decimal under €100k unless it is 0 (``€46.7k`` /
    ``€ 46,7k``, ``€21k``, ``€267k``, ``€1.2m`` / ``€ 1,2 mln``); ``missing`` stands in for no value
    (None, NaN or pandas' NA), by default "not recorded"."""
    amount = _amount(value)
    if amount is None:
        return _("not recorded") if missing is None else missing
    sign = "-" if amount < 0 else ""
    size = abs(amount)
    space = " " if current_language() == "nl" else ""
    if short and size >= 999_500:
        return sign + "€" + space + _("{amount}m", amount=number(size / 1e6, 1))
    if short and size >= 99_950:
        return sign + "€" + space + _("{amount}k", amount=number(size / 1e3))
    if short and size >= 1_000:
        # half up, as a reader rounds (€46,650 is €46.7k, where Babel's half-even would say 46.6)
        thousands = Decimal(repr(size / 1e3)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return sign + "€" + space + _("{amount}k", amount=number(thousands, 1 if thousands % 1 else 0))
    return f"{sign}€{space}{number(size)}"


def months(value: object, *, missing: str = "–") -> str:
    """A duration in months with one decimal: ``3.5 months`` / ``3,5 maanden``."""
    amount = _amount(value)
    if amount is None:
        return missing
    text = number(amount, 1)
    return _("{amount} month", amount=text) if round(amount, 1) == 1 else _("{amount} months", amount=text)


def percent(share: object, *, missing: str = "–") -> str:
    """A share between 0 and 1 as a whole percentage (``98%``)."""
    amount = _amount(share)
    if amount is None:
        return missing
    return str(format_percent(amount, format="#,##0%", locale=locale()))


def date(day: _dt.date | None, *, missing: str = "–") -> str:
    """A date as readers of the current language write it (``2 Dec 2026`` / ``2 dec. 2026``)."""
    if day is None:
        return missing
    return str(format_date(day, format="medium", locale=locale()))
