"""Contract renewals: which contracts end in the next 12 and 24 months, what they cost, and by
when a decision must be taken so that it lands before the notice date.

The **notice date** is ``contract_end`` minus ``notice_months`` calendar months (clamped to the
end of a shorter month; no notice period recorded means the contract end itself). A contract whose
notice date has passed renews unless the vendor agrees otherwise: ``notice_passed`` flags it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..i18n import _
from ..model import Model
from .portfolio import add_months, application_facts
from .support import require_application_level
from .time import time_recommendations

__all__ = ["CONTRACT_COLUMNS", "contract_renewals", "notice_date"]

CONTRACT_COLUMNS: list[str] = [
    "application_id",
    "application",
    "vendor",
    "lifecycle",
    "annual_cost",
    "contract_end",
    "notice_months",
    "notice_date",
    "days_to_notice",
    "days_to_end",
    "window",
    "notice_passed",
    "recommendation",
    "action",
]
"""The columns of :func:`contract_renewals`.

``contract_end``, ``notice_date``
    ISO dates (``YYYY-MM-DD``).
``notice_months``
    as recorded (``<NA>`` when not).
``days_to_notice``, ``days_to_end``
    days from ``today`` (negative when passed).
``window``
    ``12 months`` when the contract ends within 12 months of ``today``, else ``24 months``.
``notice_passed``
    the notice date lies before ``today``.
``recommendation``
    the application's TIME recommendation (:func:`~fora_model.analysis.time.time_recommendations`).
``action``
    one sentence: what to decide by when.

Rows are sorted by notice date, then application name.
"""


def notice_date(contract_end: _dt.date, notice_months: int | None) -> _dt.date:
    """The last day to give notice: ``contract_end`` minus ``notice_months`` calendar months.

    >>> notice_date(_dt.date(2026, 7, 31), 3), notice_date(_dt.date(2026, 5, 31), 3)
    (datetime.date(2026, 4, 30), datetime.date(2026, 2, 28))
    """
    return add_months(contract_end, -int(notice_months or 0))


def contract_renewals(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    today: _dt.date | None = None,
    horizon_months: int = 24,
) -> pd.DataFrame:
    """Contracts of current applications ending between ``today`` and ``horizon_months`` later.

    Parameters
    ----------
    model
        The model to analyse.
    today
        The reference date; ``datetime.date.today()`` by default.
    horizon_months
        How far ahead to look (24 by default; ``window`` splits at 12).
    paths
        The support paths the TIME recommendation follows; all by default.
    level
        Only ``None`` or ``"application"``: contracts belong to applications.

    Returns
    -------
    pandas.DataFrame
        One row per contract with the columns :data:`CONTRACT_COLUMNS`.
    """
    require_application_level(level, "contracts are")
    today = today or _dt.date.today()
    limit = add_months(today, horizon_months)
    first_year = add_months(today, 12)
    facts = application_facts(model)
    advice = time_recommendations(model, paths=paths).set_index("application_id")["recommendation"]
    rows = []
    for row in facts[facts["current"]].itertuples(index=False):
        end = row.contract_end
        if not isinstance(end, _dt.date) or not today <= end <= limit:
            continue
        raw: Any = row.notice_months
        months = None if pd.isna(raw) else int(raw)
        notice = notice_date(end, months)
        recommendation = str(advice.get(row.application_id, ""))
        passed = notice < today
        if passed:
            action = _("The notice date {date} has passed: negotiate with the vendor now.", date=notice.isoformat())
        elif recommendation in ("Eliminate", "Migrate"):
            action = _("Give notice by {date} ({recommendation}) or decide to renew.", date=notice.isoformat(),
                       recommendation=_(recommendation))
        else:
            action = _("Decide on renewal before {date}.", date=notice.isoformat())
        rows.append({
            "application_id": row.application_id,
            "application": row.application,
            "vendor": row.vendor,
            "lifecycle": row.lifecycle,
            "annual_cost": row.annual_cost,
            "contract_end": end.isoformat(),
            "notice_months": months,
            "notice_date": notice.isoformat(),
            "days_to_notice": (notice - today).days,
            "days_to_end": (end - today).days,
            "window": "12 months" if end <= first_year else "24 months",
            "notice_passed": passed,
            "recommendation": recommendation,
            "action": action,
        })
    frame = pd.DataFrame(rows, columns=CONTRACT_COLUMNS)
    frame = frame.sort_values(["notice_date", "application", "application_id"], kind="stable")
    return frame.reset_index(drop=True).astype({
        "annual_cost": "float64", "notice_months": "Int64", "days_to_notice": "int64", "days_to_end": "int64",
        "notice_passed": bool,
    })
