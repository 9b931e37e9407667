"""Information duplication (double entry) and privacy: who writes, holds and risks personal data.

**Double entry** (DOMAIN §3): the same information written (access ``write`` or ``readwrite``)
by two or more current applications with no ``flows_to`` between them that carries it; a flow
that names no information carries all. Writers count when they write it themselves or through an
application function assigned to them. Flows link through any current application, so
``A → hub → B`` joins A and B when both flows carry the information. The writers fall into
*entry points* (groups linked by carrying flows); double entry means two or more entry points:
the school types the same data in that many places.

**Holding** personal data: a current application that accesses (any access) information marked
``personal_data``, itself or through an assigned application function. An application
**processes personal data** when it says so (``processes_personal_data``) or holds personal data.
Such an application is a privacy finding when no processing agreement is recorded as signed
(``dpa_signed`` not true), its data is kept outside the EU, or it is in ``phase-out`` or
``end-of-life`` (the data must be migrated and deleted).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..arrays import isin
from ..model import Model
from ..tables import KIND_CODES, ModelTables, model_tables
from ..vocabulary import DataLocation, ElementKind, Lifecycle, RelationKind
from .context import JOIN
from .portfolio import application_facts, application_writes
from .support import require_application_level

__all__ = [
    "DOUBLE_ENTRY_COLUMNS",
    "INFORMATION_FINDING_COLUMNS",
    "PERSONAL_DATA_COLUMNS",
    "PRIVACY_COLUMNS",
    "double_entry",
    "information_findings",
    "personal_data_holdings",
    "privacy_findings",
]

DOUBLE_ENTRY_COLUMNS: list[str] = [
    "information_id",
    "information",
    "personal_data",
    "sensitivity",
    "writer_count",
    "writers",
    "writer_ids",
    "entry_points",
    "groups",
    "flows",
]
"""The columns of :func:`double_entry`: the information, whether it is personal data and its
sensitivity; its current writers (count, names, ids); ``entry_points``, the number of groups of
writers not linked by a carrying flow; ``groups``, those groups (names within a group joined by
``", "``, groups by ``" | "``); ``flows``, the carrying flows between current applications
(``source → target``). Sorted by entry points (descending), personal data first, then name."""

PERSONAL_DATA_COLUMNS: list[str] = [
    "information_id",
    "information",
    "sensitivity",
    "holder_count",
    "holders",
    "holder_ids",
    "writers",
    "without_dpa",
    "outside_eu",
    "retiring",
]
"""The columns of :func:`personal_data_holdings`: per personal-data information, how many current
applications hold it and which (names, ids); which of them write it; which hold it with no signed processing
agreement, with data outside the EU, or in phase-out/end-of-life. Sorted by holder count
(descending), then name."""

PRIVACY_COLUMNS: list[str] = [
    "application_id",
    "application",
    "vendor",
    "lifecycle",
    "data_location",
    "dpa_signed",
    "basis",
    "personal_information",
    "no_dpa",
    "outside_eu",
    "retiring",
    "issues",
]
"""The columns of :func:`privacy_findings`: the application; ``dpa_signed`` as recorded
(``yes``, ``no`` or ``""`` when not recorded); ``basis`` why it counts as processing personal
data (``declared``, ``holds personal data`` or both); the personal information it holds; one
boolean per issue and ``issues`` naming them. Sorted by number of issues (descending), then name."""

INFORMATION_FINDING_COLUMNS: list[str] = [
    "finding",
    "information_id",
    "information",
    "application_ids",
    "applications",
    "detail",
]
"""The columns of :func:`information_findings`, one row per finding. ``finding`` is
``double-entry``, ``personal-data``, ``no-dpa``, ``outside-eu`` or ``retiring``."""

_RETIRING = (Lifecycle.PHASE_OUT.value, Lifecycle.END_OF_LIFE.value)


def _current_apps(model: Model) -> np.ndarray:
    facts = application_facts(model)
    codes: np.ndarray = facts["code"].to_numpy()[facts["current"].to_numpy()]
    return codes


def double_entry(model: Model) -> pd.DataFrame:
    """Information written by two or more current applications not linked by a flow carrying it.

    Returns
    -------
    pandas.DataFrame
        One row per doubly entered information, with the columns :data:`DOUBLE_ENTRY_COLUMNS`.
    """
    frame: pd.DataFrame = model.memo("rationalisation:double-entry", lambda: _double_entry(model))
    return frame.copy()


def _flows(t: ModelTables, current: np.ndarray, model: Model) -> tuple[list[tuple[int, int]], dict[int, list]]:
    """Flows between current applications: those carrying everything, and per information id code."""
    mask = t.relation_mask(RelationKind.FLOWS_TO)
    everything: list[tuple[int, int]] = []
    specific: dict[int, list[tuple[int, int]]] = {}
    live = set(current.tolist())
    for i in np.flatnonzero(mask).tolist():
        s, d = int(t.source[i]), int(t.target[i])
        if s not in live or d not in live:
            continue
        carries = model.relations[t.rel_ids[i]].attributes.get("carries")
        if not carries:
            everything.append((s, d))
            continue
        for code in t.code_of(list(carries)).tolist():
            if code >= 0:
                specific.setdefault(code, []).append((s, d))
    return everything, specific


def _find(parent: dict[int, int], x: int) -> int:
    while parent.setdefault(x, x) != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _double_entry(model: Model) -> pd.DataFrame:
    t = model_tables(model)
    current = _current_apps(model)
    writes = application_writes(model)
    writes = writes[isin(writes["application"].to_numpy(), current)]
    everything, specific = _flows(t, current, model)
    base: dict[int, int] = {}
    for s, d in everything:
        base[_find(base, s)] = _find(base, d)
    rows = []
    for info, group in writes.groupby("information", sort=True):
        writers = group["application"].to_numpy()
        if len(writers) < 2:
            continue
        info_code = int(info)  # type: ignore[arg-type]
        edges = specific.get(info_code, [])
        roots = {x: _find(base, x) for x in {*writers.tolist(), *[n for e in edges for n in e]}}
        union: dict[int, int] = {}
        for s, d in edges:
            union[_find(union, roots[s])] = _find(union, roots[d])
        groups: dict[int, list[str]] = {}
        for w in writers.tolist():
            groups.setdefault(_find(union, roots[w]), []).append(str(t.labels[w]))
        if len(groups) < 2:
            continue
        carried = [(s, d) for s, d in everything + edges]
        attrs = model.elements[t.ids[info_code]].attributes
        rows.append({
            "information_id": t.ids[info_code],
            "information": t.labels[info_code],
            "personal_data": bool(attrs.get("personal_data", False)),
            "sensitivity": str(attrs.get("sensitivity") or ""),
            "writer_count": len(writers),
            "writers": JOIN.join(sorted(t.labels[writers].tolist())),
            "writer_ids": JOIN.join(sorted(t.ids[writers].tolist())),
            "entry_points": len(groups),
            "groups": JOIN.join(sorted(", ".join(sorted(g)) for g in groups.values())),
            "flows": JOIN.join(sorted({f"{t.labels[s]} → {t.labels[d]}" for s, d in carried
                                       if s in set(writers.tolist()) or d in set(writers.tolist())})),
        })
    frame = pd.DataFrame(rows, columns=DOUBLE_ENTRY_COLUMNS)
    frame = frame.sort_values(["entry_points", "personal_data", "information", "information_id"],
                              ascending=[False, False, True, True], kind="stable")
    return frame.reset_index(drop=True).astype({"personal_data": bool, "writer_count": "int64",
                                                "entry_points": "int64"})


def _holdings(model: Model, current_only: bool = True) -> pd.DataFrame:
    """Distinct (application, information) pairs: (current) applications accessing personal data."""
    t = model_tables(model)
    app, fn, info = (KIND_CODES[k] for k in (ElementKind.APPLICATION, ElementKind.APPLICATION_FUNCTION,
                                               ElementKind.INFORMATION))
    src, dst = t.relations(RelationKind.ACCESSES)
    keep = t.kind[dst] == info
    src, dst = src[keep], dst[keep]
    direct = pd.DataFrame({"application": src[t.kind[src] == app], "information": dst[t.kind[src] == app]})
    asg_s, asg_t = t.relations(RelationKind.ASSIGNED_TO)
    assigned = pd.DataFrame({"application": asg_s[t.kind[asg_s] == app], "function": asg_t[t.kind[asg_s] == app]})
    by_fn = pd.DataFrame({"function": src[t.kind[src] == fn], "information": dst[t.kind[src] == fn]})
    pairs = pd.concat([direct, assigned.merge(by_fn, on="function")[["application", "information"]]])
    pairs = pairs.astype(np.int64).drop_duplicates()
    personal = np.array([bool(model.elements[i].attributes.get("personal_data", False)) for i in t.ids], dtype=bool)
    keep = personal[pairs["information"].to_numpy()]
    if current_only:
        keep &= isin(pairs["application"].to_numpy(), _current_apps(model))
    pairs = pairs[keep]
    return pairs.sort_values(["information", "application"], kind="stable").reset_index(drop=True)


def personal_data_holdings(model: Model) -> pd.DataFrame:
    """Per personal-data information, the current applications holding it and their risks.

    Returns :data:`PERSONAL_DATA_COLUMNS`; information no application holds is listed with 0.
    """
    t = model_tables(model)
    facts = application_facts(model).set_index("code")
    holdings = _holdings(model)
    writes = application_writes(model)
    written = set(zip(writes["application"].tolist(), writes["information"].tolist(), strict=True))
    rows = []
    for info in model.elements_of(ElementKind.INFORMATION):
        if not info.attributes.get("personal_data", False):
            continue
        code = int(t.code_of([info.id])[0])
        holders = holdings.loc[holdings["information"].to_numpy() == code, "application"].to_numpy()
        held = facts.loc[holders]

        def names(mask: np.ndarray, frame: pd.DataFrame = held) -> str:
            return JOIN.join(sorted(frame.loc[mask, "application"]))

        rows.append({
            "information_id": info.id,
            "information": info.label,
            "sensitivity": str(info.attributes.get("sensitivity") or ""),
            "holder_count": len(holders),
            "holders": names(np.ones(len(held), dtype=bool)),
            "holder_ids": JOIN.join(sorted(held["application_id"])),
            "writers": names(np.array([(int(h), code) in written for h in holders], dtype=bool)),
            "without_dpa": names(held["dpa_signed"].to_numpy() != True),  # noqa: E712 - None counts as unsigned
            "outside_eu": names(held["data_location"].to_numpy() == DataLocation.OUTSIDE_EU.value),
            "retiring": names(isin(held["lifecycle"].to_numpy(), _RETIRING)),
        })
    frame = pd.DataFrame(rows, columns=PERSONAL_DATA_COLUMNS)
    frame = frame.sort_values(["holder_count", "information", "information_id"], ascending=[False, True, True],
                              kind="stable")
    return frame.reset_index(drop=True).astype({"holder_count": "int64"})


def privacy_findings(model: Model) -> pd.DataFrame:
    """Applications processing personal data without a signed processing agreement, with data
    outside the EU, or in phase-out/end-of-life. Returns :data:`PRIVACY_COLUMNS`.

    Every lifecycle is checked, a planned application by the personal data it is set to access:
    it needs its agreement before it goes live.
    """
    t = model_tables(model)
    facts = application_facts(model)
    holdings = _holdings(model, current_only=False)
    held = holdings.groupby("application")["information"].agg(
        lambda s: JOIN.join(sorted(t.labels[s.to_numpy()].tolist())))
    rows = []
    for row in facts.itertuples(index=False):
        declared = row.processes_personal_data is True
        info = str(held.get(row.code, ""))
        if not declared and not info:
            continue
        flags = {
            "no_dpa": row.dpa_signed is not True,
            "outside_eu": row.data_location == DataLocation.OUTSIDE_EU.value,
            "retiring": row.lifecycle in _RETIRING,
        }
        if not any(flags.values()):
            continue
        issues = [text for key, text in (("no_dpa", "no signed processing agreement"),
                                         ("outside_eu", "data outside the EU"),
                                         ("retiring", f"in {row.lifecycle}")) if flags[key]]
        rows.append({
            "application_id": row.application_id,
            "application": row.application,
            "vendor": row.vendor,
            "lifecycle": row.lifecycle,
            "data_location": row.data_location,
            "dpa_signed": {True: "yes", False: "no"}.get(row.dpa_signed, ""),  # type: ignore[arg-type]
            "basis": " and ".join(b for b, on in (("declared", declared), ("holds personal data", bool(info))) if on),
            "personal_information": info,
            **flags,
            "issues": JOIN.join(issues),
            "_n": len(issues),
        })
    frame = pd.DataFrame(rows, columns=[*PRIVACY_COLUMNS, "_n"])
    frame = frame.sort_values(["_n", "application", "application_id"], ascending=[False, True, True], kind="stable")
    return frame[PRIVACY_COLUMNS].reset_index(drop=True).astype({"no_dpa": bool, "outside_eu": bool,
                                                                  "retiring": bool})


def information_findings(model: Model, *, level: str | None = None, paths: object = None) -> pd.DataFrame:
    """Every information and privacy finding in one long table (:data:`INFORMATION_FINDING_COLUMNS`).

    Double entry first, then personal data held by two or more applications, then one row per
    application issue. ``paths`` and ``level`` are accepted for symmetry with the other reports
    and not used: information findings do not depend on support.
    """
    require_application_level(level, "information findings are")
    rows: list[dict[str, object]] = []
    for r in double_entry(model).itertuples(index=False):
        rows.append({"finding": "double-entry", "information_id": r.information_id, "information": r.information,
                     "application_ids": r.writer_ids, "applications": r.writers,
                     "detail": f"entered in {r.entry_points} places: {r.groups}"})
    holdings = personal_data_holdings(model)
    for r in holdings[holdings["holder_count"] >= 2].itertuples(index=False):
        rows.append({"finding": "personal-data", "information_id": r.information_id, "information": r.information,
                     "application_ids": r.holder_ids, "applications": r.holders,
                     "detail": f"held by {r.holder_count} applications"})
    labels = {"no_dpa": ("no-dpa", "no signed processing agreement"),
              "outside_eu": ("outside-eu", "data kept outside the EU"),
              "retiring": ("retiring", "personal data in an application being retired")}
    privacy = privacy_findings(model)
    for key, (finding, detail) in labels.items():
        for r in privacy[privacy[key]].itertuples(index=False):
            rows.append({"finding": finding, "information_id": "", "information": r.personal_information,
                         "application_ids": r.application_id, "applications": r.application,
                         "detail": detail if key != "retiring" else f"{detail} ({r.lifecycle})"})
    return pd.DataFrame(rows, columns=INFORMATION_FINDING_COLUMNS)
