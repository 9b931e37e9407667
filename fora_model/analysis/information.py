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

**Level.** Double entry, holdings and :func:`information_holders` take ``level`` like every
analysis: ``application`` (current applications) or ``system_type``, where the systems are the
system types, with their own access and that of the application functions assigned to them. A pure
reference model such as FORA draws Access from its reference components and their functions to
information objects and has no applications: there the default is ``system_type``, so "which
system holds which information" and double entry work on it. The default is ``application`` when
any current application supports anything or accesses any information, else ``system_type``.
System types have no lifecycle, cost or processing agreement, and flows run between applications,
so at that level every writer is its own entry point and the application issues are left empty.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..arrays import isin
from ..i18n import _, n_
from ..model import Model
from ..tables import KIND_CODES, ModelTables, model_tables
from ..vocabulary import DataLocation, ElementKind, Lifecycle, RelationKind
from .context import JOIN, lifecycle_word
from .portfolio import application_facts
from .support import Level, resolve_level

__all__ = [
    "DOUBLE_ENTRY_COLUMNS",
    "HOLDER_COLUMNS",
    "INFORMATION_FINDING_COLUMNS",
    "PERSONAL_DATA_COLUMNS",
    "PRIVACY_COLUMNS",
    "double_entry",
    "information_findings",
    "information_holders",
    "information_level",
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
    "level",
]
"""The columns of :func:`double_entry`: the information, whether it is personal data and its
sensitivity; its current writers (count, names, ids); ``entry_points``, the number of groups of
writers not linked by a carrying flow; ``groups``, those groups (names within a group joined by
``", "``, groups by ``" | "``); ``flows``, the carrying flows between current applications
(``source → target``); ``level``, what the writers are (``application`` or ``system_type``).
Sorted by entry points (descending), personal data first, then name."""

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
    "level",
]
"""The columns of :func:`personal_data_holdings`: per personal-data information, how many current
applications (or system types, at that ``level``) hold it and which (names, ids); which of them write
it; which hold it with no signed processing agreement, with data outside the EU, or in
phase-out/end-of-life (empty at system-type level). Sorted by holder count (descending), then name."""

HOLDER_COLUMNS: list[str] = [
    "information_id",
    "information",
    "personal_data",
    "sensitivity",
    "criticality",
    "holder_count",
    "holders",
    "holder_ids",
    "writers",
    "level",
]
"""The columns of :func:`information_holders`: per information, whether it is personal data, its
sensitivity and criticality (as recorded, "" when not); the systems that hold it (access it in
any way, themselves or through an assigned application function: count, names, ids) and those of
them that write it. Sorted by holder count (descending), then name."""

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


def _systems(model: Model, level: Level) -> np.ndarray:
    """Codes of the systems that count at ``level``: current applications, or every system type."""
    if level == "application":
        return _current_apps(model)
    t = model_tables(model)
    return np.flatnonzero(t.kind == KIND_CODES[ElementKind.SYSTEM_TYPE])


def _access_pairs(model: Model, level: Level, writes_only: bool) -> pd.DataFrame:
    """Distinct (``holder``, ``information``) code pairs, sorted: the application (or system type)
    accesses the information, itself or through an application function assigned to it (only
    writing access when ``writes_only``). Every lifecycle; callers keep the current ones."""
    def compute() -> pd.DataFrame:
        t = model_tables(model)
        holder = KIND_CODES[ElementKind.APPLICATION if level == "application" else ElementKind.SYSTEM_TYPE]
        src, dst, position = t.relation_pairs(RelationKind.ACCESSES)
        keep = t.kind[dst] == KIND_CODES[ElementKind.INFORMATION]
        if writes_only:
            keep &= t.writes[position]
        src, dst = src[keep], dst[keep]
        own = t.kind[src] == holder
        direct = pd.DataFrame({"holder": src[own], "information": dst[own]})
        asg_s, asg_t = t.relations(RelationKind.ASSIGNED_TO)
        mine = t.kind[asg_s] == holder
        assigned = pd.DataFrame({"holder": asg_s[mine], "function": asg_t[mine]})
        fn = t.kind[src] == KIND_CODES[ElementKind.APPLICATION_FUNCTION]
        by_function = pd.DataFrame({"function": src[fn], "information": dst[fn]})
        via = assigned.merge(by_function, on="function")[["holder", "information"]]
        frame = pd.concat([direct, via], ignore_index=True).astype(np.int64).drop_duplicates()
        return frame.sort_values(["information", "holder"], kind="stable").reset_index(drop=True)

    frame: pd.DataFrame = model.memo(("information:access", level, writes_only), compute)
    return frame


def information_level(model: Model, *, level: str | None = None) -> Level:
    """The level the information analyses work at: ``level`` if given, else ``application`` when
    any current application supports anything or accesses any information, else ``system_type``
    (a pure reference model).

    >>> from fora_model import Element, Model, Relation
    >>> m = Model(name="Reference")
    >>> _ = m.add_element(Element.new("information", "Pupil file", id="i"))
    >>> _ = m.add_element(Element.new("system_type", "LAS", id="t"))
    >>> _ = m.add_relation(Relation.new("accesses", "t", "i", access="write"))
    >>> information_level(m)
    'system_type'
    """
    if level is not None:
        return resolve_level(model, level=level)
    if resolve_level(model) == "application":
        return "application"
    holders = _access_pairs(model, "application", writes_only=False)["holder"].to_numpy()
    return "application" if isin(holders, _current_apps(model)).any() else "system_type"


def double_entry(model: Model, *, level: str | None = None) -> pd.DataFrame:
    """Information written by two or more current applications (or system types, at that ``level``)
    not linked by a flow carrying it.

    Returns
    -------
    pandas.DataFrame
        One row per doubly entered information, with the columns :data:`DOUBLE_ENTRY_COLUMNS`.
    """
    chosen = information_level(model, level=level)
    frame: pd.DataFrame = model.memo(("rationalisation:double-entry", chosen), lambda: _double_entry(model, chosen))
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


def _double_entry(model: Model, level: Level) -> pd.DataFrame:
    t = model_tables(model)
    current = _systems(model, level)
    writes = _access_pairs(model, level, writes_only=True).rename(columns={"holder": "application"})
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
            "level": level,
        })
    frame = pd.DataFrame(rows, columns=DOUBLE_ENTRY_COLUMNS)
    frame = frame.sort_values(["entry_points", "personal_data", "information", "information_id"],
                              ascending=[False, False, True, True], kind="stable")
    return frame.reset_index(drop=True).astype({"personal_data": bool, "writer_count": "int64",
                                                "entry_points": "int64"})


def _holdings(model: Model, level: Level = "application", current_only: bool = True) -> pd.DataFrame:
    """Distinct (application, information) pairs: (current) applications, or system types, accessing
    personal data."""
    t = model_tables(model)
    pairs = _access_pairs(model, level, writes_only=False).rename(columns={"holder": "application"})
    personal = np.array([bool(model.elements[i].attributes.get("personal_data", False)) for i in t.ids], dtype=bool)
    keep = personal[pairs["information"].to_numpy()]
    if current_only:
        keep &= isin(pairs["application"].to_numpy(), _systems(model, level))
    return pairs[keep].reset_index(drop=True)


def personal_data_holdings(model: Model, *, level: str | None = None) -> pd.DataFrame:
    """Per personal-data information, the current applications (or system types, at that ``level``)
    holding it and their risks.

    Returns :data:`PERSONAL_DATA_COLUMNS`; information no system holds is listed with 0.
    """
    chosen = information_level(model, level=level)
    t = model_tables(model)
    holdings = _holdings(model, chosen)
    written = set(zip(*(_access_pairs(model, chosen, writes_only=True)[c].tolist() for c in ("holder", "information")),
                      strict=True))
    facts = application_facts(model).set_index("code")
    rows = []
    for info in model.elements_of(ElementKind.INFORMATION):
        if not info.attributes.get("personal_data", False):
            continue
        code = int(t.code_of([info.id])[0])
        holders = holdings.loc[holdings["information"].to_numpy() == code, "application"].to_numpy()
        labels = t.labels[holders].astype(object)
        ids = t.ids[holders].astype(object)

        def names(mask: np.ndarray, labels: np.ndarray = labels) -> str:
            return JOIN.join(sorted(labels[mask].tolist()))

        issues = {"without_dpa": "", "outside_eu": "", "retiring": ""}
        if chosen == "application":
            held = facts.loc[holders]
            issues = {
                "without_dpa": names(held["dpa_signed"].to_numpy() != True),  # noqa: E712 - None counts as unsigned
                "outside_eu": names(held["data_location"].to_numpy() == DataLocation.OUTSIDE_EU.value),
                "retiring": names(isin(held["lifecycle"].to_numpy(), _RETIRING)),
            }
        rows.append({
            "information_id": info.id,
            "information": info.label,
            "sensitivity": str(info.attributes.get("sensitivity") or ""),
            "holder_count": len(holders),
            "holders": names(np.ones(len(holders), dtype=bool)),
            "holder_ids": JOIN.join(sorted(ids.tolist())),
            "writers": names(np.array([(int(h), code) in written for h in holders], dtype=bool)),
            **issues,
            "level": chosen,
        })
    frame = pd.DataFrame(rows, columns=PERSONAL_DATA_COLUMNS)
    frame = frame.sort_values(["holder_count", "information", "information_id"], ascending=[False, True, True],
                              kind="stable")
    return frame.reset_index(drop=True).astype({"holder_count": "int64"})


def information_holders(model: Model, *, level: str | None = None) -> pd.DataFrame:
    """Which system holds which information: per information object, the current applications (or
    system types, at that ``level``) that access it, themselves or through an assigned application
    function, and which of them write it.

    Information no system holds is listed with 0, so a reference model shows what no system type
    keeps. Returns :data:`HOLDER_COLUMNS`.

    >>> from fora_model import Element, Model, Relation
    >>> m = Model(name="Reference")
    >>> _ = m.add_element(Element.new("information", "Pupil file", id="i", personal_data=True))
    >>> _ = m.add_element(Element.new("system_type", "LAS", id="t"))
    >>> _ = m.add_relation(Relation.new("accesses", "t", "i", access="read"))
    >>> information_holders(m)[["information", "holders", "writers", "level"]].values.tolist()
    [['Pupil file', 'LAS', '', 'system_type']]
    """
    chosen = information_level(model, level=level)
    t = model_tables(model)
    current = _systems(model, chosen)
    pairs = _access_pairs(model, chosen, writes_only=False)
    pairs = pairs[isin(pairs["holder"].to_numpy(), current)]
    writes = _access_pairs(model, chosen, writes_only=True)
    written = set(zip(writes["holder"].tolist(), writes["information"].tolist(), strict=True))
    by_info: dict[int, list[int]] = {}
    for holder, info in zip(pairs["holder"].tolist(), pairs["information"].tolist(), strict=True):
        by_info.setdefault(info, []).append(holder)
    rows = []
    for code in np.flatnonzero(t.kind == KIND_CODES[ElementKind.INFORMATION]).tolist():
        attrs = model.elements[t.ids[code]].attributes
        holders = by_info.get(code, [])
        rows.append({
            "information_id": t.ids[code],
            "information": t.labels[code],
            "personal_data": bool(attrs.get("personal_data", False)),
            "sensitivity": str(attrs.get("sensitivity") or ""),
            "criticality": str(attrs.get("criticality") or ""),
            "holder_count": len(holders),
            "holders": JOIN.join(sorted(str(t.labels[h]) for h in holders)),
            "holder_ids": JOIN.join(sorted(str(t.ids[h]) for h in holders)),
            "writers": JOIN.join(sorted(str(t.labels[h]) for h in holders if (h, code) in written)),
            "level": chosen,
        })
    frame = pd.DataFrame(rows, columns=HOLDER_COLUMNS)
    frame = frame.sort_values(["holder_count", "information", "information_id"], ascending=[False, True, True],
                              kind="stable")
    return frame.reset_index(drop=True).astype({"personal_data": bool, "holder_count": "int64"})


def privacy_findings(model: Model) -> pd.DataFrame:
    """Applications processing personal data without a signed processing agreement, with data
    outside the EU, or in phase-out/end-of-life. Returns :data:`PRIVACY_COLUMNS`.

    Every lifecycle is checked, a planned application by the personal data it is set to access:
    it needs its agreement before it goes live.
    """
    t = model_tables(model)
    facts = application_facts(model)
    holdings = _holdings(model, "application", current_only=False)
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
        texts = {"no_dpa": _("no signed processing agreement"), "outside_eu": _("data outside the EU"),
                 "retiring": _("in {lifecycle}", lifecycle=lifecycle_word(row.lifecycle))}
        issues = [text for key, text in texts.items() if flags[key]]
        rows.append({
            "application_id": row.application_id,
            "application": row.application,
            "vendor": row.vendor,
            "lifecycle": row.lifecycle,
            "data_location": row.data_location,
            "dpa_signed": {True: "yes", False: "no"}.get(row.dpa_signed, ""),  # type: ignore[arg-type]
            "basis": _basis(declared, bool(info)),
            "personal_information": info,
            **flags,
            "issues": JOIN.join(issues),
            "_n": len(issues),
        })
    frame = pd.DataFrame(rows, columns=[*PRIVACY_COLUMNS, "_n"])
    frame = frame.sort_values(["_n", "application", "application_id"], ascending=[False, True, True], kind="stable")
    return frame[PRIVACY_COLUMNS].reset_index(drop=True).astype({"no_dpa": bool, "outside_eu": bool,
                                                                  "retiring": bool})


def _basis(declared: bool, holds: bool) -> str:
    """Why an application counts as processing personal data, in the current language."""
    if declared and holds:
        return _("declared and holds personal data")
    return _("declared") if declared else _("holds personal data") if holds else ""


def information_findings(model: Model, *, level: str | None = None, paths: object = None) -> pd.DataFrame:
    """Every information and privacy finding in one long table (:data:`INFORMATION_FINDING_COLUMNS`).

    Double entry first, then personal data held by two or more systems, then one row per
    application issue (at application level only: system types have no processing agreement,
    data location or lifecycle). ``level`` is as in :func:`information_level`; ``paths`` is
    accepted for symmetry with the other reports and not used: information findings do not
    depend on support.
    """
    chosen = information_level(model, level=level)
    rows: list[dict[str, object]] = []
    for r in double_entry(model, level=chosen).itertuples(index=False):
        rows.append({"finding": "double-entry", "information_id": r.information_id, "information": r.information,
                     "application_ids": r.writer_ids, "applications": r.writers,
                     "detail": n_("entered in {n} place: {groups}", "entered in {n} places: {groups}",
                                  int(str(r.entry_points)), groups=r.groups)})
    holdings = personal_data_holdings(model, level=chosen)
    for r in holdings[holdings["holder_count"] >= 2].itertuples(index=False):
        rows.append({"finding": "personal-data", "information_id": r.information_id, "information": r.information,
                     "application_ids": r.holder_ids, "applications": r.holders,
                     "detail": n_("held by {n} application", "held by {n} applications", int(str(r.holder_count)))
                     if chosen == "application" else
                     n_("held by {n} system type", "held by {n} system types", int(str(r.holder_count)))})
    if chosen == "application":
        labels = {"no_dpa": ("no-dpa", _("no signed processing agreement")),
                  "outside_eu": ("outside-eu", _("data kept outside the EU")),
                  "retiring": ("retiring", _("personal data in an application being retired"))}
        privacy = privacy_findings(model)
        for key, (finding, detail) in labels.items():
            for r in privacy[privacy[key]].itertuples(index=False):
                rows.append({"finding": finding, "information_id": "", "information": r.personal_information,
                             "application_ids": r.application_id, "applications": r.application,
                             "detail": detail if key != "retiring" else f"{detail} ({lifecycle_word(r.lifecycle)})"})
    return pd.DataFrame(rows, columns=INFORMATION_FINDING_COLUMNS)
