"""How numbers read in every report, page and the board pack: one money formatter for all of them.

>>> money(1234.5), money(-4000), money(float("nan")), money(None, missing="an unrecorded amount")
('€1,234', '-€4,000', 'not recorded', 'an unrecorded amount')
>>> money(46_650, short=True), money(1_250_000, short=True), money(640, short=True)
('€47k', '€1.2m', '€640')
"""

from __future__ import annotations

import math

__all__ = ["money"]


def money(value: object, *, short: bool = False, missing: str = "not recorded") -> str:
    """Euros without cents, the minus sign in front (``-€1,200``); ``short`` rounds to thousands
    (``€47k``) or millions (``€1.2m``) for metric cards; ``missing`` stands in for no value (None,
    NaN or pandas' NA)."""
    try:
        amount = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return missing
    if math.isnan(amount):
        return missing
    sign = "-" if amount < 0 else ""
    size = abs(amount)
    if short and size >= 999_500:
        return f"{sign}€{size / 1e6:,.1f}m"
    if short and size >= 1_000:
        return f"{sign}€{size / 1e3:,.0f}k"
    return f"{sign}€{size:,.0f}"
