"""Gaps and coverage: unsupported elements (real gaps apart from expected ones) and how much of
the work under each goal is supported.

Coverage separates *own* support (a supporter reaches the element by a chain of its own:
``direct``, ``function``, ``type``) from *inherited* support (only through a process above it,
the ``parent`` path): an activity just added under a supported process is covered by
inheritance, not supported by a system nobody linked to it (DOMAIN §3). The states match
:func:`~fora_model.analysis.status.element_status`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..hierarchy import hierarchy
from ..model import Model
from ..tables import KIND_CODES
from ..vocabulary import ElementKind, RelationKind
from .context import element_context, kind_names
from .support import support_table

__all__ = ["COVERAGE_COLUMNS", "UNSUPPORTED_COLUMNS", "goal_coverage", "unsupported_activities"]

UNSUPPORTED_COLUMNS: list[str] = [
    "activity_id",
    "activity",
    "element_kind",
    "process",
    "goals",
    "level",
    "needs_support",
    "expected_gap",
    "criticality",
    "information",
]
"""The columns of :func:`unsupported_activities`.

``needs_support`` is the effective value (its own, or inherited from the processes above it);
``expected_gap`` is its negation: work that needs no system (FORA's governance functions).
``criticality`` is the element's own, "" when not set. The other columns are as in
:data:`~fora_model.analysis.duplicates.DUPLICATE_COLUMNS`. Real gaps come first, then expected
ones, each sorted by process and name.
"""

COVERAGE_COLUMNS: list[str] = [
    "goal_id",
    "goal",
    "level",
    "elements",
    "needing_support",
    "supported",
    "inherited",
    "unsupported",
    "expected_gaps",
    "coverage",
]
"""The columns of :func:`goal_coverage`.

``elements`` counts the supportable elements under the goal (contributing to it themselves or
through a process above them); ``needing_support`` those that need support, of which
``supported`` have support of their own, ``inherited`` are covered only through a process above
them, and ``unsupported`` have none; ``expected_gaps`` the unsupported ones that need none.
``coverage`` is the covered share, ``(supported + inherited) / needing_support`` (NaN when
nothing needs support).
A last row with an empty ``goal_id`` and goal ``(no goal)`` counts elements under no goal.
``level`` says what the supporters are (``application`` or ``system_type``).
"""


def unsupported_activities(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    include_expected: bool = True,
) -> pd.DataFrame:
    """Supportable elements that no supporter supports by any enabled path.

    An element *needs support* unless it (or, when it says nothing, every process above it) is
    marked ``needs_support: false``; such an element without support is an **expected gap**,
    kept apart from the real gaps. ``include_expected=False`` leaves expected gaps out.
    Returns the columns :data:`UNSUPPORTED_COLUMNS`.
    """
    table = support_table(model, level=level, paths=paths)
    t = table.tables
    counts = table.supporter_counts()
    needs = hierarchy(model).needs_support
    rows = np.flatnonzero(table.supportable & (counts == 0))
    if not include_expected:
        rows = rows[needs[rows]]
    frame = element_context(model, rows)
    frame["activity_id"] = t.ids[rows]
    frame["activity"] = t.labels[rows]
    frame["element_kind"] = kind_names(t, rows)
    frame["level"] = table.level
    frame["needs_support"] = needs[rows].astype(bool)
    frame["expected_gap"] = ~frame["needs_support"]
    criticality = [model.elements[i].attributes.get("criticality", "") for i in t.ids[rows]]
    frame["criticality"] = np.array(criticality, dtype=object)
    frame = frame.sort_values(["expected_gap", "process", "activity", "activity_id"], kind="stable")
    return frame[UNSUPPORTED_COLUMNS].reset_index(drop=True).astype(
        {"needs_support": bool, "expected_gap": bool}
    )


def goal_coverage(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per goal, the share of the supportable elements under it that need support and have it.

    Returns the columns :data:`COVERAGE_COLUMNS`, goals in model order.
    """
    table = support_table(model, level=level, paths=paths)
    t = table.tables
    h = hierarchy(model)
    covered = table.supporter_counts() > 0
    supported = table.supporter_counts(own=True) > 0
    inherited = covered & ~supported
    needs = h.needs_support
    goal_s, goal_t = t.relations(RelationKind.CONTRIBUTES_TO)
    is_goal = t.kind[goal_t] == KIND_CODES[ElementKind.GOAL]
    goal_s, goal_t = goal_s[is_goal], goal_t[is_goal]
    # element -> goal, directly or through any ancestor
    order = np.argsort(goal_s, kind="stable")
    has_goal = np.zeros(t.size, dtype=bool)
    has_goal[goal_s] = True
    below, above = h.ancestor_pairs(has_goal)
    holders = np.concatenate([np.arange(t.size), below])
    sources = np.concatenate([np.arange(t.size), above])
    lo = np.searchsorted(goal_s[order], sources, "left")
    hi = np.searchsorted(goal_s[order], sources, "right")
    reps = hi - lo
    element = np.repeat(holders, reps)
    goal = goal_t[order][np.repeat(lo, reps) + (np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps))]
    pairs = pd.DataFrame({"element": element, "goal": goal}).drop_duplicates()
    pairs = pairs[table.supportable[pairs["element"].to_numpy()]]
    e = pairs["element"].to_numpy()
    pairs = pairs.assign(
        needing=needs[e],
        supported=needs[e] & supported[e],
        inherited=needs[e] & inherited[e],
        unsupported=needs[e] & ~covered[e],
        expected=~needs[e] & ~covered[e],
    )
    sums = pairs.groupby("goal")[["needing", "supported", "inherited", "unsupported", "expected"]].sum()
    sizes = pairs.groupby("goal").size()
    goals = np.flatnonzero(t.kind == KIND_CODES[ElementKind.GOAL])
    frame = pd.DataFrame({"goal_id": t.ids[goals], "goal": t.labels[goals]}, index=goals)
    frame["elements"] = sizes.reindex(goals).fillna(0).astype("int64").to_numpy()
    for column, source in (("needing_support", "needing"), ("supported", "supported"), ("inherited", "inherited"),
                           ("unsupported", "unsupported"), ("expected_gaps", "expected")):
        frame[column] = sums[source].reindex(goals).fillna(0).astype("int64").to_numpy()
    orphans = table.supportable.copy()
    orphans[pairs["element"].to_numpy()] = False
    if orphans.any():
        frame.loc[-1] = {
            "goal_id": "",
            "goal": "(no goal)",
            "level": table.level,
            "elements": int(orphans.sum()),
            "needing_support": int((orphans & needs).sum()),
            "supported": int((orphans & needs & supported).sum()),
            "inherited": int((orphans & needs & inherited).sum()),
            "unsupported": int((orphans & needs & ~covered).sum()),
            "expected_gaps": int((orphans & ~needs & ~covered).sum()),
        }
    frame["level"] = table.level
    needing = frame["needing_support"].to_numpy(dtype=float)
    supported_count = (frame["supported"] + frame["inherited"]).to_numpy(dtype=float)
    frame["coverage"] = np.divide(supported_count, needing, out=np.full(len(frame), np.nan), where=needing > 0)
    return frame[COVERAGE_COLUMNS].reset_index(drop=True)
