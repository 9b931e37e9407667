"""Contract renewals in the next 12 and 24 months with their notice dates, on a hand-built model."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import fora_model as fm
from fora_model.analysis.contracts import CONTRACT_COLUMNS, contract_renewals, notice_date

TODAY = dt.date(2025, 1, 15)


def school():
    m = fm.Model(name="contracts test")
    m.add_element(fm.Element.new("activity", "X", id="x"))
    apps = {
        "soon": dict(contract_end="2025-06-30", notice_months=3, annual_cost=1200, functional_fit=1, technical_fit=1),
        "passed": dict(contract_end="2025-02-28", notice_months=2, annual_cost=500),
        "later": dict(contract_end="2026-07-31", notice_months=6),
        "edge12": dict(contract_end="2026-01-15"),
        "edge24": dict(contract_end="2027-01-15", notice_months=1),
        "clamp": dict(contract_end="2025-05-31", notice_months=3),
        "far": dict(contract_end="2027-01-16"),
        "ended": dict(contract_end="2025-01-14"),
        "planned": dict(contract_end="2025-06-30", lifecycle="plan"),
        "none": dict(),
    }
    for ident, attrs in apps.items():
        m.add_element(fm.Element.new("application", ident, id=ident, **attrs))
        m.add_relation(fm.Relation.new("supports", ident, "x"))
    return m


@pytest.mark.parametrize(("end", "months", "notice"), [
    (dt.date(2025, 6, 30), 3, dt.date(2025, 3, 30)),
    (dt.date(2025, 5, 31), 3, dt.date(2025, 2, 28)),
    (dt.date(2024, 5, 31), 3, dt.date(2024, 2, 29)),
    (dt.date(2026, 1, 31), 13, dt.date(2024, 12, 31)),
    (dt.date(2026, 1, 31), None, dt.date(2026, 1, 31)),
])
def test_notice_date(end, months, notice):
    assert notice_date(end, months) == notice


def test_renewals_in_the_next_24_months():
    frame = contract_renewals(school(), today=TODAY)
    assert list(frame.columns) == CONTRACT_COLUMNS
    assert frame["application"].tolist() == ["passed", "clamp", "soon", "edge12", "later", "edge24"]
    rows = frame.set_index("application")
    assert rows.loc["soon", ["notice_date", "days_to_notice", "days_to_end", "window", "notice_passed"]].tolist() == [
        "2025-03-30", 74, 166, "12 months", False]
    assert rows.loc["passed", ["notice_date", "notice_passed"]].tolist() == ["2024-12-28", True]
    assert "has passed" in rows.loc["passed", "action"]
    assert rows.loc["clamp", "notice_date"] == "2025-02-28"
    assert rows.loc["edge12", ["window", "notice_date"]].tolist() == ["12 months", "2026-01-15"]
    assert pd.isna(rows.loc["edge12", "notice_months"])
    assert rows.loc["later", ["window", "notice_date"]].tolist() == ["24 months", "2026-01-31"]
    assert rows.loc["edge24", "window"] == "24 months"
    assert rows.loc["soon", "annual_cost"] == 1200.0
    # every application supports X, so all but the best-ranked one are redundant and retire
    assert rows.loc["soon", "recommendation"] == "Eliminate"
    assert rows.loc["soon", "action"] == "Give notice by 2025-03-30 (Eliminate) or decide to renew."


def test_twelve_month_horizon_and_default_today():
    assert contract_renewals(school(), today=TODAY, horizon_months=12)["application"].tolist() == [
        "passed", "clamp", "soon", "edge12"]
    assert list(contract_renewals(school()).columns) == CONTRACT_COLUMNS

