"""Single points of failure and the impact of losing one application, on a hand-built model."""

from __future__ import annotations

import fora_model as fm
from fora_model.analysis.continuity import (
    IMPACT_COLUMNS,
    SPOF_COLUMNS,
    application_impact,
    single_points_of_failure,
)


def school():
    """Goal G1 ← process P (criticality high) ⊃ K1, K2, K3 (K3 says low itself); goal G2 ← M.
    A supports K1, K2; B supports K2, K3, M; C (planned) would support K1; type T supports K1."""
    m = fm.Model(name="continuity test")
    m.add_element(fm.Element.new("goal", "G1", id="g1"))
    m.add_element(fm.Element.new("goal", "G2", id="g2"))
    m.add_element(fm.Element.new("process", "P", id="p", criticality="high"))
    for ident, attrs in {"k1": {}, "k2": {}, "k3": {"criticality": "low"}, "m": {"criticality": "high"}}.items():
        m.add_element(fm.Element.new("activity", ident.upper(), id=ident, **attrs))
    for ident, attrs in {"a": {"annual_cost": 100}, "b": {}, "c": {"lifecycle": "plan"}}.items():
        m.add_element(fm.Element.new("application", ident.upper(), id=ident, **attrs))
    m.add_element(fm.Element.new("system_type", "T", id="t"))
    m.add_relation(fm.Relation.new("contributes_to", "p", "g1"))
    m.add_relation(fm.Relation.new("contributes_to", "m", "g2"))
    for child in ("k1", "k2", "k3"):
        m.add_relation(fm.Relation.new("composed_of", "p", child))
    for app, act in [("a", "k1"), ("a", "k2"), ("b", "k2"), ("b", "k3"), ("b", "m"), ("c", "k1"), ("t", "k1")]:
        m.add_relation(fm.Relation.new("supports", app, act))
    return m


def test_single_points_of_failure():
    frame = single_points_of_failure(school(), level="application")
    assert list(frame.columns) == SPOF_COLUMNS
    # K1 inherits high from P and rests on A; M is high and rests on B; K2 has two; K3 is low
    assert frame[["activity", "application", "replacement", "goals"]].values.tolist() == [
        ["M", "B", "", "G2"], ["K1", "A", "C", "G1"]]
    assert set(frame["criticality"]) == {"high"}


def test_single_points_at_system_type_level():
    frame = single_points_of_failure(school(), level="system_type")
    assert frame[["activity", "application", "level"]].values.tolist() == [["K1", "T", "system_type"]]


def test_impact_of_losing_each_application():
    frame = application_impact(school())
    assert list(frame.columns) == IMPACT_COLUMNS
    rows = frame.set_index("application_id")
    assert list(rows.index) == ["b", "a"]  # B loses critical M and K3; A loses critical K1
    assert rows.loc["a", ["elements", "elements_lost", "critical_lost", "lost_elements"]].tolist() == [2, 1, 1, "K1"]
    assert rows.loc["a", ["goals_affected", "goals_left_without_support"]].tolist() == ["G1", ""]
    assert rows.loc["b", ["elements", "elements_lost", "critical_lost", "lost_elements", "critical_elements"]
                    ].tolist() == [3, 2, 1, "K3 | M", "M"]
    assert rows.loc["b", ["goals_affected", "goals_left_without_support"]].tolist() == ["G1 | G2", "G2"]
    assert "c" not in rows.index  # planned: nothing to lose yet
    assert application_impact(school(), application="a")["application"].tolist() == ["A"]
