"""Continuity, the ICT owner's risk assessment: single points of failure and the impact of losing
one application.

A **single point of failure** is a critical supportable element — effective criticality ``high``:
its own, else the highest of the processes above it — that exactly one current supporter
supports. The **impact** of losing an application is what then has no support at all: the
elements only it supports, the critical ones among them, the goals above them, and the goals left
with no supported element at all.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..arrays import isin
from ..hierarchy import hierarchy
from ..model import Model
from ..tables import KIND_CODES, model_tables
from ..vocabulary import ElementKind, RelationKind
from .context import JOIN, element_context, kind_names
from .portfolio import HIGH, application_facts, element_criticality, planned_pairs
from .support import parse_paths, require_application_level, support_table

__all__ = ["IMPACT_COLUMNS", "SPOF_COLUMNS", "application_impact", "element_goals", "single_points_of_failure"]

SPOF_COLUMNS: list[str] = [
    "activity_id",
    "activity",
    "element_kind",
    "process",
    "goals",
    "criticality",
    "level",
    "application_id",
    "application",
    "lifecycle",
    "replacement",
]
"""The columns of :func:`single_points_of_failure`: the critical element (as in
:data:`~fora_model.analysis.duplicates.DUPLICATE_COLUMNS`), its effective ``criticality``, the
``level`` and the one supporter (``application_id``, ``application``, its ``lifecycle``; a system
type at system-type level), and the planned applications that would also support it
(``replacement``). Sorted by process, then element name."""

IMPACT_COLUMNS: list[str] = [
    "application_id",
    "application",
    "lifecycle",
    "criticality",
    "annual_cost",
    "elements",
    "elements_lost",
    "critical_lost",
    "lost_elements",
    "critical_elements",
    "goals_affected",
    "goals_left_without_support",
]
"""The columns of :func:`application_impact`: the application (its own ``criticality``), how many
elements it supports, how many would have no support without it (``elements_lost``) and how many
of those are critical; their names; the goals above them; and the goals that would have no
supported element left. Sorted by critical losses, then losses (both descending), then name."""


def element_goals(model: Model) -> pd.DataFrame:
    """Distinct (``element``, ``goal``) code pairs: the element or a process above it contributes
    to the goal (loop edges ignored)."""
    pairs: pd.DataFrame = model.memo("rationalisation:element-goals", lambda: _element_goals(model))
    return pairs


def _element_goals(model: Model) -> pd.DataFrame:
    t = model_tables(model)
    h = hierarchy(model)
    goal_s, goal_t = t.relations(RelationKind.CONTRIBUTES_TO)
    keep = t.kind[goal_t] == KIND_CODES[ElementKind.GOAL]
    contributions = pd.DataFrame({"source": goal_s[keep], "goal": goal_t[keep]})
    has_goal = np.zeros(t.size, dtype=bool)
    has_goal[goal_s[keep]] = True
    below, above = h.ancestor_pairs(has_goal)
    holders = pd.DataFrame({
        "element": np.concatenate([np.arange(t.size), below]),
        "source": np.concatenate([np.arange(t.size), above]),
    })
    pairs = holders.merge(contributions, on="source")[["element", "goal"]].astype(np.int64).drop_duplicates()
    return pairs.sort_values(["element", "goal"], kind="stable").reset_index(drop=True)


def single_points_of_failure(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Critical elements that exactly one current supporter supports.

    Parameters
    ----------
    model
        The model to analyse.
    level
        ``"application"`` or ``"system_type"``; the default as in every analysis.
    paths
        The support paths to follow; all by default.

    Returns
    -------
    pandas.DataFrame
        One row per single point of failure, with the columns :data:`SPOF_COLUMNS`.
    """
    table = support_table(model, level=level, paths=paths)
    t = table.tables
    pairs = table.chains[["element", "supporter"]].drop_duplicates()
    counts = np.bincount(pairs["element"].to_numpy(), minlength=t.size)
    critical = element_criticality(model) >= HIGH
    single = pairs[(counts[pairs["element"].to_numpy()] == 1) & critical[pairs["element"].to_numpy()]]
    rows, sup = single["element"].to_numpy(), single["supporter"].to_numpy()
    frame = element_context(model, rows)
    frame["activity_id"] = t.ids[rows]
    frame["activity"] = t.labels[rows]
    frame["element_kind"] = kind_names(t, rows)
    frame["criticality"] = "high"
    frame["level"] = table.level
    frame["application_id"] = t.ids[sup]
    frame["application"] = t.labels[sup]
    frame["lifecycle"] = t.lifecycle[sup]
    if table.level == "application":
        frame.loc[frame["lifecycle"] == "", "lifecycle"] = "active"
        planned = planned_pairs(model, paths=table.paths)
        hits = planned[isin(planned["element"].to_numpy(), rows)]
        names = hits.assign(label=t.labels[hits["supporter"].to_numpy()]).groupby("element")["label"].agg(
            lambda s: JOIN.join(sorted(set(s))))
        frame["replacement"] = names.reindex(rows).fillna("").to_numpy(dtype=object)
    else:
        frame["replacement"] = ""
    frame = frame.sort_values(["process", "activity", "activity_id"], kind="stable")
    return frame[SPOF_COLUMNS].reset_index(drop=True).astype(object)


def application_impact(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    application: str | None = None,
) -> pd.DataFrame:
    """What losing each current application (or only ``application``, an id) would leave unsupported.

    Returns :data:`IMPACT_COLUMNS`. ``level`` must be ``None`` or ``"application"``.
    """
    require_application_level(level, "the impact of losing an application is")
    chosen = parse_paths(paths)
    table = support_table(model, level="application", paths=chosen)
    t = table.tables
    facts = application_facts(model)
    facts = facts[facts["current"]]
    if application is not None:
        facts = facts[facts["application_id"] == application]
        if facts.empty:
            raise ValueError(f"no current application with id {application!r}")
    pairs = table.chains[["element", "supporter"]].drop_duplicates()
    element, supporter = pairs["element"].to_numpy(), pairs["supporter"].to_numpy()
    counts = np.bincount(element, minlength=t.size)
    critical = element_criticality(model) >= HIGH
    goals = element_goals(model)
    supported = counts > 0
    goal_supported = goals[supported[goals["element"].to_numpy()]].groupby("goal").size()
    rows = []
    for row in facts.itertuples(index=False):
        els = element[supporter == row.code]
        lost = els[counts[els] == 1]
        hit = goals[isin(goals["element"].to_numpy(), lost)]
        lost_per_goal = hit.groupby("goal").size()
        before = goal_supported.reindex(lost_per_goal.index).to_numpy()
        emptied = lost_per_goal.index[lost_per_goal.to_numpy() == before]
        rows.append({
            "application_id": row.application_id,
            "application": row.application,
            "lifecycle": row.lifecycle,
            "criticality": row.criticality,
            "annual_cost": row.annual_cost,
            "elements": len(els),
            "elements_lost": len(lost),
            "critical_lost": int(critical[lost].sum()),
            "lost_elements": JOIN.join(sorted(t.labels[lost].tolist())),
            "critical_elements": JOIN.join(sorted(t.labels[lost[critical[lost]]].tolist())),
            "goals_affected": JOIN.join(sorted(set(t.labels[hit["goal"].to_numpy()].tolist()))),
            "goals_left_without_support": JOIN.join(sorted(t.labels[emptied.to_numpy(dtype=np.int64)].tolist())),
        })
    frame = pd.DataFrame(rows, columns=IMPACT_COLUMNS)
    frame = frame.sort_values(["critical_lost", "elements_lost", "application", "application_id"],
                              ascending=[False, False, True, True], kind="stable")
    return frame.reset_index(drop=True).astype({"annual_cost": "float64", "elements": "int64",
                                                "elements_lost": "int64", "critical_lost": "int64"})
