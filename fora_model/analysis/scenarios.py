"""What-if scenarios: retire or replace applications and see what changes before you decide.

A :class:`Scenario` is a small value: a ``name``, the application ids to ``retire`` and a
``replace`` mapping ``{old id: new id}`` in which the new application takes over all of the old
one's support, system types, functions, information access and flows. A replacement in lifecycle
``plan`` goes live with the scenario, so what it is planned to support counts too. The value, its
checks and :func:`apply_scenario` are defined in :mod:`fora_model.analysis.scenario_model` and
re-exported here.

:func:`evaluate_scenario` compares before and after (:data:`SUMMARY_COLUMNS`,
:data:`CHANGE_COLUMNS`); :func:`compare_scenarios` puts several side by side;
:func:`apply_scenario` returns the model as it would be afterwards, for any other analysis;
:func:`proposed_scenario` turns the TIME retirement proposal into a scenario. Files and the
scenarios saved with a model are in :mod:`fora_model.analysis.scenario_files`.

>>> Scenario("Retire Parro", retire=["parro"], replace={"esis": "parnassys"}).leaving
('parro', 'esis')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..arrays import isin, union
from ..formatting import money
from ..hierarchy import hierarchy
from ..i18n import N_, _, current_language
from ..model import Model
from ..tables import KIND_CODES, model_tables
from ..vocabulary import ElementKind, RelationKind
from .context import JOIN
from .portfolio import HIGH, application_facts, application_writes, current_pairs, element_criticality, planned_pairs
from .scenario_model import (
    SCENARIO_FORMAT,
    Scenario,
    ScenarioError,
    apply_scenario,
    check_scenario,
    goes_live,
    require_fit,
)
from .support import parse_paths, support_table
from .time import time_recommendations

__all__ = [
    "CHANGE_COLUMNS",
    "COMPARE_COLUMNS",
    "SCENARIO_FORMAT",
    "SCENARIO_MEASURES",
    "SUMMARY_COLUMNS",
    "Scenario",
    "ScenarioError",
    "ScenarioResult",
    "apply_scenario",
    "check_scenario",
    "compare_scenarios",
    "evaluate_scenario",
    "measure_meaning",
    "proposed_scenario",
]

SCENARIO_MEASURES: dict[str, str] = {
    "applications": N_("current applications"),
    "annual_cost": N_("annual cost of the current applications (EUR)"),
    "one_off_cost": N_("exit costs of the applications that go (EUR, once)"),
    "annual_saving": N_("annual cost before minus after (EUR a year)"),
    "net_saving_first_year": N_("annual saving minus one-off cost (EUR)"),
    "payback_months": N_("months until the saving has paid the one-off cost"),
    "supported_elements": N_("supportable elements with support"),
    "unsupported_elements": N_("elements that need support and have none (real gaps)"),
    "duplicated_elements": N_("elements with two or more supporting applications"),
    "single_points_of_failure": N_("critical elements resting on one application"),
    "information_without_writer": N_("information some element uses that no current application writes"),
    "flows": N_("flows_to links between current applications"),
}
"""Every measure of a scenario summary, in order, with what it counts (marked for the catalogue:
:func:`measure_meaning` gives it in the current language)."""


def measure_meaning(measure: str) -> str:
    """What ``measure`` (a :data:`SCENARIO_MEASURES` key) counts, in the current language; ``""``
    for a key that is not a measure.

    >>> from fora_model.i18n import use_language
    >>> measure_meaning("flows")
    'flows_to links between current applications'
    >>> with use_language("nl"):
    ...     measure_meaning("applications")
    'huidige applicaties'
    """
    meaning = SCENARIO_MEASURES.get(measure)
    return _(meaning) if meaning else ""


SUMMARY_COLUMNS: list[str] = ["measure", "before", "after", "change"]
"""The columns of :attr:`ScenarioResult.summary`: one row per :data:`SCENARIO_MEASURES` entry;
``change`` is ``after - before``. The cost measures of the scenario itself (``one_off_cost``,
``annual_saving``, ``net_saving_first_year``, ``payback_months``) are 0 (NaN for payback) before."""

CHANGE_COLUMNS: list[str] = ["change", "subject_kind", "subject_id", "subject", "criticality", "detail"]
"""The columns of :attr:`ScenarioResult.changes`, one row per thing that changes. ``change`` is one
of ``retired``, ``replaced``, ``left-unsupported`` (needed support, had some, has none),
``duplicate-removed``, ``duplicate-created``, ``new-single-point`` (critical, had several
supporters, now one), ``no-writer`` (information no current application writes any more),
``broken-flow`` (a flow to or from a retired application) and ``rerouted-flow`` (a flow now to or
from the replacement). ``criticality`` is the element's effective criticality ("" for others)."""

COMPARE_COLUMNS: list[str] = ["measure", "current"]
"""The first columns of :func:`compare_scenarios`; one column per scenario, named after it, follows."""

_CHANGE_ORDER = ["retired", "replaced", "left-unsupported", "new-single-point", "no-writer", "broken-flow",
                 "rerouted-flow", "duplicate-removed", "duplicate-created"]
_CRITICALITY_NAMES = np.array(["", "low", "medium", "high"], dtype=object)


@dataclass(frozen=True)
class ScenarioResult:
    """Before and after of one scenario: :attr:`summary` (:data:`SUMMARY_COLUMNS`) and
    :attr:`changes` (:data:`CHANGE_COLUMNS`)."""

    scenario: Scenario
    summary: pd.DataFrame
    changes: pd.DataFrame

    def value(self, measure: str, which: str = "after") -> float:
        """One figure of the summary: ``which`` is ``before``, ``after`` or ``change``."""
        row = self.summary.loc[self.summary["measure"] == measure, which]
        if row.empty:
            raise KeyError(f"no measure {measure!r}; choose from {', '.join(SCENARIO_MEASURES)}")
        return float(row.iloc[0])

    def of(self, change: str) -> pd.DataFrame:
        """The change rows of one kind (``left-unsupported``, ``broken-flow``, ...)."""
        return self.changes[self.changes["change"] == change].reset_index(drop=True)


def evaluate_scenario(
    model: Model,
    scenario: Scenario,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> ScenarioResult:
    """What the scenario changes: figures before and after, and every element, information and
    flow it affects.

    Parameters
    ----------
    model
        The model as it is now (not changed).
    scenario
        What to retire and replace; :class:`ScenarioError` when it does not fit the model.
    paths
        The support paths to follow; all by default.

    Returns
    -------
    ScenarioResult
        ``summary`` with :data:`SUMMARY_COLUMNS` and ``changes`` with :data:`CHANGE_COLUMNS`.
    """
    require_fit(model, scenario)
    chosen = parse_paths(paths)
    # change details are written in the current language, so each language keeps its own result
    result: ScenarioResult = model.memo(("rationalisation:scenario", scenario, chosen, current_language()),
                                        lambda: _evaluate(model, scenario, chosen))
    return ScenarioResult(scenario, result.summary.copy(), result.changes.copy())


def _evaluate(model: Model, scenario: Scenario, paths: frozenset[str]) -> ScenarioResult:
    t = model_tables(model)
    facts = application_facts(model)
    code_of = dict(zip(facts["application_id"], facts["code"].tolist(), strict=True))
    current = facts.loc[facts["current"], "code"].to_numpy()
    cost = np.zeros(t.size)
    cost[facts["code"].to_numpy()] = np.nan_to_num(facts["annual_cost"].to_numpy(dtype=float))
    exit_cost = np.zeros(t.size)
    exit_cost[facts["code"].to_numpy()] = np.nan_to_num(facts["exit_cost"].to_numpy(dtype=float))
    leaving = np.array([code_of[i] for i in scenario.leaving], dtype=np.int64)
    leaving_now = leaving[isin(leaving, current)]
    mapping = np.arange(t.size)
    for old, new in scenario.replace:
        mapping[code_of[old]] = code_of[new]
    live = np.array([code_of[i] for i in goes_live(model, scenario)], dtype=np.int64)
    after_apps = union(np.setdiff1d(current, leaving), live)

    pairs = current_pairs(model, paths=paths)
    planned = planned_pairs(model, paths=paths) if len(live) else pairs.iloc[:0]
    moved = _moved(pairs, "supporter", mapping, after_apps, planned, live)
    cb = np.bincount(pairs["element"].to_numpy(), minlength=t.size)
    ca = np.bincount(moved["element"].to_numpy(), minlength=t.size)
    supportable = support_table(model, level="application", paths=paths).supportable
    needs = hierarchy(model).needs_support
    rank = element_criticality(model)
    critical = rank >= HIGH

    writes = application_writes(model)[["information", "application"]]
    writes_before = writes[isin(writes["application"].to_numpy(), current)]
    writes_after = _moved(writes_before.rename(columns={"information": "element", "application": "supporter"}),
                          "supporter", mapping, after_apps,
                          writes.rename(columns={"information": "element", "application": "supporter"}), live)
    written_before = np.zeros(t.size, dtype=bool)
    written_before[writes_before["information"].to_numpy()] = True
    written_after = np.zeros(t.size, dtype=bool)
    written_after[writes_after["element"].to_numpy()] = True
    _src, acc_t = t.relations(RelationKind.ACCESSES)
    used = np.zeros(t.size, dtype=bool)
    used[acc_t[t.kind[acc_t] == KIND_CODES[ElementKind.INFORMATION]]] = True

    fs, fd, flows_after = _flows(model, t, current, leaving, mapping, after_apps)
    ms, md = mapping[fs], mapping[fd]
    broken = isin(fs, leaving) & (ms == fs) | isin(fd, leaving) & (md == fd)
    rerouted = ~broken & ((ms != fs) | (md != fd))

    saving = float(cost[current].sum() - cost[after_apps].sum())
    one_off = float(exit_cost[leaving_now].sum())
    payback = one_off / saving * 12.0 if saving > 0 else float("nan")
    figures = [
        ("applications", len(current), len(after_apps)),
        ("annual_cost", float(cost[current].sum()), float(cost[after_apps].sum())),
        ("one_off_cost", 0.0, one_off),
        ("annual_saving", 0.0, saving),
        ("net_saving_first_year", 0.0, saving - one_off),
        ("payback_months", float("nan"), payback),
        ("supported_elements", int((supportable & (cb > 0)).sum()), int((supportable & (ca > 0)).sum())),
        ("unsupported_elements", int((supportable & needs & (cb == 0)).sum()),
         int((supportable & needs & (ca == 0)).sum())),
        ("duplicated_elements", int((cb >= 2).sum()), int((ca >= 2).sum())),
        ("single_points_of_failure", int((critical & (cb == 1)).sum()), int((critical & (ca == 1)).sum())),
        ("information_without_writer", int((used & ~written_before).sum()), int((used & ~written_after).sum())),
        ("flows", len(fs), flows_after),
    ]
    summary = pd.DataFrame(figures, columns=["measure", "before", "after"]).astype({"before": float, "after": float})
    summary["change"] = summary["after"] - summary["before"]
    summary.loc[summary["measure"] == "payback_months", "change"] = np.nan

    labels = t.labels
    lost = supportable & needs & (cb > 0) & (ca == 0)
    single = critical & (cb >= 2) & (ca == 1)
    supporters = _supporter_names(pairs, lost, labels)
    after_supporters = _supporter_names(moved, single, labels)
    rows: list[tuple[str, str, str, str, str, str]] = []
    facts_by_code = facts.set_index("code")
    for code in leaving.tolist():
        fact = facts_by_code.loc[code]
        new = mapping[code]
        what = _("replaced by {name}", name=labels[new]) if new != code else _("retired")
        cash = _("; saves {saving} a year, exit cost {exit_cost}", saving=money(cost[code]),
                 exit_cost=money(exit_cost[code])) if fact["current"] else _(" (planned, not current)")
        rows.append(("replaced" if new != code else "retired", "application", t.ids[code], labels[code], "",
                     what + cash))

    def element_rows(change: str, mask: np.ndarray, detail: Any) -> None:
        for code in np.flatnonzero(mask).tolist():
            rows.append((change, _kind(t, code), t.ids[code], labels[code], _CRITICALITY_NAMES[rank[code]],
                         detail(code)))

    def supporting(c: int) -> str:
        return _("{before} → {after} supporting applications", before=cb[c], after=ca[c])

    element_rows("left-unsupported", lost, lambda c: _("was supported by {names}", names=supporters.get(c, "")))
    element_rows("new-single-point", single,
                 lambda c: _("now rests on {names} alone", names=after_supporters.get(c, "")))
    element_rows("no-writer", written_before & ~written_after, lambda c: _("no current application writes it any more"))
    element_rows("duplicate-removed", (cb >= 2) & (ca < 2), supporting)
    element_rows("duplicate-created", (cb < 2) & (ca >= 2), supporting)
    for kind, mask in (("broken-flow", broken), ("rerouted-flow", rerouted)):
        for s, d, s2, d2 in zip(fs[mask], fd[mask], ms[mask], md[mask], strict=True):
            text = f"{labels[s]} → {labels[d]}"
            detail = (_("its end retires") if kind == "broken-flow"
                      else _("now inside {name}", name=labels[s2]) if s2 == d2
                      else _("becomes {source} → {target}", source=labels[s2], target=labels[d2]))
            rows.append((kind, "flow", "", text, "", detail))
    changes = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    changes["_order"] = changes["change"].map({c: i for i, c in enumerate(_CHANGE_ORDER)})
    changes = changes.sort_values(["_order", "subject", "subject_id"], kind="stable")
    return ScenarioResult(scenario, summary, changes[CHANGE_COLUMNS].reset_index(drop=True))


def _flows(model: Model, t: Any, current: np.ndarray, leaving: np.ndarray, mapping: np.ndarray,
           after_apps: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """The flows between current applications now (source and target codes), and how many flows
    between current applications there are afterwards, counted as :func:`apply_scenario` builds them:
    moved flows that would repeat a flow, or join an application to itself, are gone."""
    mask = t.relation_mask(RelationKind.FLOWS_TO)
    fs, fd, ids = t.source[mask], t.target[mask], t.rel_ids[mask]
    now = isin(fs, current) & isin(fd, current)
    touched = isin(fs, leaving) | isin(fd, leaving)

    def key(i: int, source: int, target: int) -> tuple[Any, ...]:
        return source, target, tuple(sorted(model.relations[ids[i]].attributes.items()))

    gone = set(leaving.tolist())
    untouched = np.flatnonzero(~touched)
    seen = {key(i, int(fs[i]), int(fd[i])) for i in untouched.tolist()}
    live = isin(fs[untouched], after_apps) & isin(fd[untouched], after_apps)
    count = int(live.sum())
    for i in np.flatnonzero(touched).tolist():
        source, target = int(mapping[fs[i]]), int(mapping[fd[i]])
        if source in gone or target in gone or source == target:
            continue
        moved = key(i, source, target)
        if moved in seen:
            continue
        seen.add(moved)
        count += int(isin([source, target], after_apps).all())
    return fs[now], fd[now], count


def _supporter_names(pairs: pd.DataFrame, wanted: np.ndarray, labels: np.ndarray) -> dict[int, str]:
    """Per wanted element code, its supporters' names joined (only the wanted ones are computed)."""
    rows = pairs[wanted[pairs["element"].to_numpy()]]
    names: dict[int, list[str]] = {}
    for element, supporter in zip(rows["element"].tolist(), rows["supporter"].tolist(), strict=True):
        names.setdefault(element, []).append(str(labels[supporter]))
    return {k: JOIN.join(sorted(v)) for k, v in names.items()}


def _kind(t: Any, code: int) -> str:
    return list(KIND_CODES)[int(t.kind[code])].value


def _moved(pairs: pd.DataFrame, column: str, mapping: np.ndarray, after_apps: np.ndarray,
           planned: pd.DataFrame, live: np.ndarray) -> pd.DataFrame:
    """(element, supporter) pairs after the scenario: the leaving supporters' pairs go to their
    replacement or away, and what replacements going live bring is added."""
    supporter = pairs[column].to_numpy()
    moved = pairs.assign(**{column: mapping[supporter]})
    moved = moved[isin(moved[column].to_numpy(), after_apps)]
    extra = planned[isin(planned[column].to_numpy(), live)]
    return pd.concat([moved, extra], ignore_index=True).drop_duplicates()


def compare_scenarios(
    model: Model,
    scenarios: Iterable[Scenario],
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Several scenarios side by side: one row per :data:`SCENARIO_MEASURES` entry, the column
    ``current`` (the model now) and one column per scenario with its figure afterwards (a name
    used twice gets `` (2)``). Columns: :data:`COMPARE_COLUMNS` then the scenario names."""
    frame = pd.DataFrame({"measure": list(SCENARIO_MEASURES)})
    seen: dict[str, int] = {}
    for scenario in scenarios:
        summary = evaluate_scenario(model, scenario, level=level, paths=paths).summary.set_index("measure")
        if "current" not in frame:
            frame["current"] = summary["before"].reindex(frame["measure"]).to_numpy()
        seen[scenario.name] = seen.get(scenario.name, 0) + 1
        column = scenario.name if seen[scenario.name] == 1 else f"{scenario.name} ({seen[scenario.name]})"
        frame[column] = summary["after"].reindex(frame["measure"]).to_numpy()
    if "current" not in frame:
        frame["current"] = evaluate_scenario(model, Scenario("current"), paths=paths).summary["before"].to_numpy()
    return frame


def proposed_scenario(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    name: str = "Proposed retirements",
) -> Scenario:
    """A scenario retiring every application the TIME analysis proposes to retire."""
    time = time_recommendations(model, level=level, paths=paths)
    retire = time.loc[time["retire"], "application_id"].tolist()
    return Scenario(name, retire=retire,
                    description=_("Retire the redundant applications the TIME analysis proposes."))
