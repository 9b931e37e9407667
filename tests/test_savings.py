"""Savings per redundancy cluster and per proposed retirement, checked by hand arithmetic."""

from __future__ import annotations

import math

import pytest

import fora_model as fm
from fora_model.analysis.savings import (
    RETIREMENT_COLUMNS,
    SAVINGS_COLUMNS,
    payback_months,
    proposed_retirements,
    redundancy_savings,
)


def build():
    """Two redundancy clusters, an orphan and an application that overlaps nobody.

    cluster {A, B}: both support X and Y; A is the weaker fit → A retires.
        saving 1000, exit 300 → net 700, payback 300 / 1000 * 12 = 3.6 months.
    cluster {C, D, E}: C–D share Z, D–E share W, E alone does V. C (fit 4) and D (fit 6) are
        redundant; C goes first, after which Z rests on D, so D stays.
        saving 2400, exit 1200 → net 1200, payback 6 months; Z then rests on D alone.
    F supports nothing: saving 300, exit not recorded (counts 0) → net 300, payback 0.
    G alone supports U: in no cluster.
    """
    m = fm.Model(name="savings test")
    for ident, attrs in {"x": {"criticality": "high"}, "y": {}, "z": {}, "w": {}, "v": {}, "u": {}}.items():
        m.add_element(fm.Element.new("activity", ident.upper(), id=ident, **attrs))
    apps = {
        "a": dict(functional_fit=1, technical_fit=1, annual_cost=1000, exit_cost=300),
        "b": dict(functional_fit=4, technical_fit=4, annual_cost=4000, exit_cost=0),
        "c": dict(functional_fit=2, technical_fit=2, annual_cost=2400, exit_cost=1200),
        "d": dict(functional_fit=3, technical_fit=3, annual_cost=600, exit_cost=100),
        "e": dict(functional_fit=3, technical_fit=4, annual_cost=500, exit_cost=100),
        "f": dict(annual_cost=300),
        "g": dict(functional_fit=3, technical_fit=3, annual_cost=700),
    }
    for ident, attrs in apps.items():
        m.add_element(fm.Element.new("application", ident.upper(), id=ident, **attrs))
    for app, act in [("a", "x"), ("a", "y"), ("b", "x"), ("b", "y"), ("c", "z"), ("d", "z"), ("d", "w"),
                     ("e", "w"), ("e", "v"), ("g", "u")]:
        m.add_relation(fm.Relation.new("supports", app, act))
    m.add_relation(fm.Relation.new("flows_to", "a", "g"))
    return m


def test_payback_arithmetic():
    assert payback_months(12000, 3000) == 3.0
    assert payback_months(1000, 300) == pytest.approx(3.6)
    assert payback_months(500, 0) == 0.0
    assert math.isnan(payback_months(0, 100))


def test_clusters_by_hand():
    frame = redundancy_savings(build())
    assert list(frame.columns) == SAVINGS_COLUMNS
    rows = frame.set_index("applications")
    assert frame["applications"].tolist() == ["C | D | E", "A | B", "F"]
    assert frame["cluster"].tolist() == [1, 2, 3]
    assert frame["kind"].tolist() == ["redundancy", "redundancy", "orphan"]
    assert frame["shared_elements"].tolist() == [2, 2, 0]
    cde, ab, f = rows.loc["C | D | E"], rows.loc["A | B"], rows.loc["F"]
    assert (cde["retire"], cde["keep"], cde["annual_cost"]) == ("C", "D | E", 3500.0)
    assert (cde["annual_saving"], cde["exit_cost"], cde["net_saving"], cde["payback_months"]) == (
        2400.0, 1200.0, 1200.0, 6.0)
    assert (cde["single_supporter"], cde["critical_single_supporter"]) == ("Z", "")
    assert (ab["retire"], ab["retire_ids"], ab["keep"]) == ("A", "a", "B")
    assert (ab["annual_saving"], ab["exit_cost"], ab["net_saving"]) == (1000.0, 300.0, 700.0)
    assert ab["payback_months"] == pytest.approx(3.6)
    assert (ab["single_supporter"], ab["critical_single_supporter"]) == ("X | Y", "X")
    assert (f["annual_saving"], f["exit_cost"], f["net_saving"], f["payback_months"]) == (300.0, 0.0, 300.0, 0.0)
    assert f["unrecorded_costs"] == "F" and ab["unrecorded_costs"] == ""
    assert frame["net_saving"].sum() == 1200 + 700 + 300


def test_proposed_retirements_by_hand():
    frame = proposed_retirements(build())
    assert list(frame.columns) == RETIREMENT_COLUMNS
    assert frame["application"].tolist() == ["C", "A", "F"]
    assert frame["cluster"].tolist() == [1, 2, 3]
    assert frame["net_saving"].tolist() == [1200.0, 700.0, 300.0]
    assert frame["payback_months"].tolist() == pytest.approx([6.0, 3.6, 0.0])
    a = frame.set_index("application").loc["A"]
    assert a["covered_by"] == "B"
    assert a["critical_single_supporter"] == "X"
    assert a["broken_flows"] == "A → G"


def test_covered_by_names_only_applications_that_stay():
    # X is supported by A, B and K; A and B are both redundant (each covered by the others), K stays.
    m = fm.Model()
    m.add_element(fm.Element.new("activity", "X", id="x"))
    for app, fit in (("a", 1), ("b", 2), ("k", 4)):
        m.add_element(fm.Element.new("application", app.upper(), id=app, annual_cost=100,
                                     functional_fit=fit, technical_fit=fit))
        m.add_relation(fm.Relation.new("supports", app, "x"))
    frame = proposed_retirements(m).set_index("application")
    assert sorted(frame.index) == ["A", "B"]
    assert frame.loc["A", "covered_by"] == "K"
    assert frame.loc["B", "covered_by"] == "K"


def test_nothing_to_retire_gives_no_rows():
    m = fm.Model()
    m.add_element(fm.Element.new("activity", "X", id="x"))
    m.add_element(fm.Element.new("application", "A", id="a", annual_cost=10))
    m.add_relation(fm.Relation.new("supports", "a", "x"))
    assert redundancy_savings(m).empty
    assert proposed_retirements(m).empty
    assert list(redundancy_savings(m).columns) == SAVINGS_COLUMNS
