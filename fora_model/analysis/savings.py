"""What retiring redundant applications saves: per redundancy cluster and per application.

A **redundancy cluster** is a set of current applications joined by the duplicated elements
they share: two applications are in one cluster when a chain of shared duplicated elements links
them (connected components of the application–element graph restricted to duplicated elements).
An application that supports nothing forms a cluster of its own (kind ``orphan``).

In each cluster the applications :func:`~fora_model.analysis.time.time_recommendations` proposes
to retire (its ``retire`` column) save their **annual cost**, and cost their one-off **exit
cost** once. ``net_saving`` is the first-year figure, ``annual_saving - exit_cost``;
``payback_months`` is ``exit_cost / annual_saving * 12`` (0 without exit cost, NaN when nothing
is saved). Costs that are not recorded count as 0 and are listed in ``unrecorded_costs``.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..arrays import isin, unique
from ..model import Model
from ..tables import model_tables
from ..vocabulary import RelationKind
from .context import JOIN
from .portfolio import HIGH, application_facts, current_pairs, element_criticality
from .support import parse_paths, require_application_level
from .time import time_recommendations

__all__ = ["RETIREMENT_COLUMNS", "SAVINGS_COLUMNS", "payback_months", "proposed_retirements", "redundancy_savings"]

SAVINGS_COLUMNS: list[str] = [
    "cluster",
    "kind",
    "application_count",
    "applications",
    "application_ids",
    "shared_elements",
    "annual_cost",
    "retire",
    "retire_ids",
    "keep",
    "annual_saving",
    "exit_cost",
    "net_saving",
    "payback_months",
    "single_supporter",
    "critical_single_supporter",
    "unrecorded_costs",
]
"""The columns of :func:`redundancy_savings`.

``cluster``
    1, 2, ... in report order (net saving descending, then applications).
``kind``
    ``redundancy`` (applications sharing duplicated elements) or ``orphan`` (supports nothing).
``application_count``, ``applications``, ``application_ids``
    the cluster's applications.
``shared_elements``
    how many duplicated elements they share.
``annual_cost``
    the cluster's combined annual cost (EUR a year).
``retire``, ``retire_ids``, ``keep``
    the applications proposed for retirement, and the ones that stay.
``annual_saving``, ``exit_cost``, ``net_saving``, ``payback_months``
    see the module docstring.
``single_supporter``
    the cluster's duplicated elements that would then rest on one application.
``critical_single_supporter``
    those of them that are critical: new single points of failure.
``unrecorded_costs``
    retiring applications whose annual or exit cost is not recorded.
"""

RETIREMENT_COLUMNS: list[str] = [
    "application_id",
    "application",
    "cluster",
    "lifecycle",
    "quadrant",
    "annual_cost",
    "exit_cost",
    "net_saving",
    "payback_months",
    "covered_by",
    "single_supporter",
    "critical_single_supporter",
    "broken_flows",
    "rationale",
]
"""The columns of :func:`proposed_retirements`: one row per application proposed for retirement.

``cluster`` is its cluster number in :func:`redundancy_savings`; ``net_saving`` and
``payback_months`` are its own (first year, as in the clusters); ``covered_by`` names the
applications, none of them proposed for retirement, that keep supporting its work; ``single_supporter`` and
``critical_single_supporter`` the elements it supported that would rest on one application once
every proposed retirement is done; ``broken_flows`` the ``flows_to`` links to or from it
(``source → target``); ``rationale`` the TIME sentence. Sorted by net saving, descending.
"""


def payback_months(annual_saving: float, exit_cost: float) -> float:
    """Months until the annual saving has paid the one-off exit cost.

    >>> payback_months(12000, 3000), payback_months(500, 0), payback_months(0, 100)
    (3.0, 0.0, nan)
    """
    if annual_saving <= 0:
        return float("nan")
    return float(exit_cost) / float(annual_saving) * 12.0


def redundancy_savings(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per redundancy cluster, what retiring the proposed applications saves and risks.

    Parameters
    ----------
    model
        The model to analyse.
    paths
        The support paths to follow; all by default.
    level
        Only ``None`` or ``"application"``: savings are about applications.

    Returns
    -------
    pandas.DataFrame
        One row per cluster with the columns :data:`SAVINGS_COLUMNS`.
    """
    require_application_level(level, "savings are")
    chosen = parse_paths(paths)
    frame: pd.DataFrame = model.memo(("rationalisation:savings", chosen), lambda: _savings(model, chosen))
    return frame.copy()


def _savings(model: Model, paths: frozenset[str]) -> pd.DataFrame:
    t = model_tables(model)
    facts = application_facts(model).set_index("code")
    time = time_recommendations(model, paths=paths).set_index("application_id")
    pairs = current_pairs(model, paths=paths)
    critical = element_criticality(model) >= HIGH
    element, supporter = pairs["element"].to_numpy(), pairs["supporter"].to_numpy()
    counts = np.bincount(element, minlength=t.size)
    retire_codes = t.code_of(time.index[time["retire"].to_numpy()].to_numpy())
    after = np.bincount(element[~isin(supporter, retire_codes)], minlength=t.size)

    duplicated = counts[element] >= 2
    import networkx as nx  # only here: importing the analyses does not load it

    graph = nx.Graph()
    graph.add_edges_from(zip((-1 - element[duplicated]).tolist(), supporter[duplicated].tolist(), strict=True))
    clusters = [("redundancy", sorted(n for n in c if n >= 0), sorted(-1 - n for n in c if n < 0))
                for c in nx.connected_components(graph)]
    current = facts.index[facts["current"].to_numpy()].to_numpy()
    supporting = unique(supporter)
    clusters += [("orphan", [int(c)], []) for c in current[~isin(current, supporting)]]

    rows = []
    for kind, apps, elements in clusters:
        members = facts.loc[apps]
        retiring = members[isin(members.index.to_numpy(), retire_codes)]
        saving = float(np.nansum(retiring["annual_cost"].to_numpy(dtype=float)))
        exit_cost = float(np.nansum(retiring["exit_cost"].to_numpy(dtype=float)))
        els = np.asarray(elements, dtype=np.int64)
        single = els[after[els] == 1]
        unrecorded = retiring[retiring["annual_cost"].isna() | retiring["exit_cost"].isna()]
        rows.append({
            "kind": kind,
            "application_count": len(members),
            "applications": JOIN.join(sorted(members["application"])),
            "application_ids": JOIN.join(sorted(members["application_id"])),
            "shared_elements": len(els),
            "annual_cost": float(np.nansum(members["annual_cost"].to_numpy(dtype=float))),
            "retire": JOIN.join(sorted(retiring["application"])),
            "retire_ids": JOIN.join(sorted(retiring["application_id"])),
            "keep": JOIN.join(sorted(members.loc[~members.index.isin(retiring.index), "application"])),
            "annual_saving": saving,
            "exit_cost": exit_cost,
            "net_saving": saving - exit_cost,
            "payback_months": payback_months(saving, exit_cost) if len(retiring) else float("nan"),
            "single_supporter": JOIN.join(sorted(t.labels[single].tolist())),
            "critical_single_supporter": JOIN.join(sorted(t.labels[single[critical[single]]].tolist())),
            "unrecorded_costs": JOIN.join(sorted(unrecorded["application"])),
        })
    frame = pd.DataFrame(rows, columns=SAVINGS_COLUMNS[1:])
    frame = frame.sort_values(["net_saving", "applications"], ascending=[False, True], kind="stable")
    frame.insert(0, "cluster", np.arange(1, len(frame) + 1, dtype=np.int64))
    return frame.reset_index(drop=True).astype({"application_count": "int64", "shared_elements": "int64",
                                                "annual_cost": "float64", "annual_saving": "float64",
                                                "exit_cost": "float64", "net_saving": "float64",
                                                "payback_months": "float64"})


def proposed_retirements(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """The applications proposed for retirement, each with its saving, payback and risks.

    Returns :data:`RETIREMENT_COLUMNS`. Retiring all of them together leaves no element without
    support (see :mod:`fora_model.analysis.time`).
    """
    clusters = redundancy_savings(model, paths=paths, level=level)
    t = model_tables(model)
    time = time_recommendations(model, paths=paths)
    time = time[time["retire"]]
    cluster_of = {
        app: int(number)
        for number, ids in zip(clusters["cluster"], clusters["retire_ids"], strict=True)
        for app in str(ids).split(JOIN) if app
    }
    pairs = current_pairs(model, paths=paths)
    critical = element_criticality(model) >= HIGH
    element, supporter = pairs["element"].to_numpy(), pairs["supporter"].to_numpy()
    codes = t.code_of(time["application_id"].to_numpy())
    staying = ~isin(supporter, codes)
    after = np.bincount(element[staying], minlength=t.size)
    flows = _flows_by_application(model)
    rows = []
    for (_, row), code in zip(time.iterrows(), codes.tolist(), strict=True):
        els = element[supporter == code]
        single = els[after[els] == 1]
        keepers = np.unique(supporter[staying & isin(element, els)])
        saving = 0.0 if pd.isna(row["annual_cost"]) else float(row["annual_cost"])
        exit_cost = 0.0 if pd.isna(row["exit_cost"]) else float(row["exit_cost"])
        rows.append({
            "application_id": row["application_id"],
            "application": row["application"],
            "cluster": cluster_of.get(row["application_id"], 0),
            "lifecycle": row["lifecycle"],
            "quadrant": row["quadrant"],
            "annual_cost": row["annual_cost"],
            "exit_cost": row["exit_cost"],
            "net_saving": saving - exit_cost,
            "payback_months": payback_months(saving, exit_cost),
            "covered_by": JOIN.join(sorted(t.labels[keepers].tolist())),
            "single_supporter": JOIN.join(sorted(t.labels[single].tolist())),
            "critical_single_supporter": JOIN.join(sorted(t.labels[single[critical[single]]].tolist())),
            "broken_flows": flows.get(code, ""),
            "rationale": row["rationale"],
        })
    frame = pd.DataFrame(rows, columns=RETIREMENT_COLUMNS)
    frame = frame.sort_values(["net_saving", "application"], ascending=[False, True], kind="stable")
    return frame.reset_index(drop=True).astype({"cluster": "int64", "annual_cost": "float64",
                                                "exit_cost": "float64", "net_saving": "float64",
                                                "payback_months": "float64"})


def _flows_by_application(model: Model) -> dict[int, str]:
    t = model_tables(model)
    src, dst = t.relations(RelationKind.FLOWS_TO)
    text = t.labels[src] + " → " + t.labels[dst] if len(src) else np.zeros(0, dtype=object)
    frame = pd.DataFrame({"app": np.concatenate([src, dst]), "flow": np.concatenate([text, text])})
    frame = frame.drop_duplicates().sort_values(["app", "flow"], kind="stable")
    return {int(k): JOIN.join(v) for k, v in frame.groupby("app")["flow"]}  # type: ignore[arg-type]
