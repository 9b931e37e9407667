"""What the dashboard's decision pages (Applications, Scenarios, Privacy and risks, the board pack)
show and do, as pure functions over :mod:`fora_model.rationalisation`.

Nothing here calls Streamlit and nothing changes a result of the analyses: these functions pick,
filter, total and format them, turn widget choices into a :class:`~fora_model.rationalisation.Scenario`
with messages that name what is wrong, and give the one model change that saves or deletes a
scenario (a :class:`~fora_model.changes.types.SetHeader` of ``extras``, so it becomes a revision).
Messages are plain text: pages escape them before Markdown.

Examples
--------
>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> _ = m.add_element(Element.new("activity", "Message parents", id="msg"))
>>> for app, cost in (("parro", 1200), ("klasbord", 800)):
...     _ = m.add_element(Element.new("application", app.title(), id=app, annual_cost=cost, exit_cost=300,
...                                   functional_fit=3, technical_fit=3))
...     _ = m.add_relation(Relation.new("supports", app, "msg"))
>>> figures = proposal_kpis(m)
>>> figures["retirements"], figures["annual_saving"], figures["net_saving_first_year"]
(1, 1200.0, 900.0)
>>> [(label, value) for label, value, _ in saving_cards(figures)]
[('Annual saving', '€1,200'), ('One-off cost', '€300'), ('Net first year', '€900'), ('Payback', '3.0 months')]
>>> scenario, problems = build_scenario(m, "Keep Klasbord", retire=["parro"], replace=[("parro", "klasbord")])
>>> scenario is None, problems
(True, ['Parro (application) is both retired and replaced; choose one.'])
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from ..analysis.savings import payback_months, proposed_retirements, redundancy_savings
from ..analysis.scenario_files import dumps_scenario, loads_scenario, model_scenarios, remove_scenario, store_scenario
from ..analysis.scenarios import (
    SUMMARY_COLUMNS,
    Scenario,
    ScenarioError,
    ScenarioResult,
    check_scenario,
    compare_scenarios,
    measure_meaning,
    proposed_scenario,
)
from ..analysis.time import RECOMMENDATION_ORDER, time_recommendations
from ..board_pack.report import MAX_SCENARIOS, board_report
from ..changes.types import SetHeader
from ..formatting import money, months, number
from ..i18n import N_, _, current_language
from ..model import Model
from ..viz.time import time_quadrant
from ..vocabulary import ElementKind
from .common import element_label

__all__ = [
    "CHANGE_LABELS",
    "IMPACT_DETAIL",
    "MAX_UPLOAD_BYTES",
    "MEASURE_LABELS",
    "MEASURE_MEANINGS",
    "NO_VALUE",
    "SAVING_MEASURES",
    "SCENARIO_TABLE_COLUMNS",
    "add_replacement",
    "board_pack",
    "board_pack_name",
    "build_scenario",
    "changes_view",
    "comparison_table",
    "delete_scenario_change",
    "impact_detail",
    "measure_value",
    "proposal_kpis",
    "read_uploaded_scenario",
    "renewal_totals",
    "save_scenario_change",
    "saved_scenarios",
    "saving_cards",
    "scenario_bytes",
    "scenario_figures",
    "scenario_file_name",
    "scenario_table",
    "summary_table",
    "summary_view",
    "time_caption",
    "time_figure",
    "time_table",
]

SAVING_MEASURES: dict[str, str] = {
    "annual_saving": N_("Annual saving"),
    "one_off_cost": N_("One-off cost"),
    "net_saving_first_year": N_("Net first year"),
    "payback_months": N_("Payback"),
}
"""The money figures of a proposal or scenario (keys as in :data:`~fora_model.rationalisation.SCENARIO_MEASURES`)
and their card labels (marked for the catalogue; :func:`saving_cards` translates them)."""

MAX_UPLOAD_BYTES = 1_000_000
"""The largest scenario file the Scenarios page reads."""

SCENARIO_TABLE_COLUMNS: list[str] = ["name", "description", "retire", "replace", "leaving"]
"""The columns of :func:`scenario_table`."""


# ----------------------------------------------------------------------------- the proposal
def proposal_kpis(model: Model, *, level: str | None = None, paths: str | Iterable[str] | None = None,
                  ) -> dict[str, float]:
    """The money of the TIME retirement proposal, totalled over the redundancy clusters of
    :func:`~fora_model.rationalisation.redundancy_savings`: ``annual_saving``, ``one_off_cost`` (their
    exit costs), ``net_saving_first_year`` and ``payback_months`` (of the totals), plus ``retirements``,
    the number of rows of :func:`~fora_model.rationalisation.proposed_retirements`."""
    clusters = redundancy_savings(model, level=level, paths=paths)
    saving = float(clusters["annual_saving"].sum())
    one_off = float(clusters["exit_cost"].sum())
    return {
        "retirements": len(proposed_retirements(model, level=level, paths=paths)),
        "annual_saving": saving,
        "one_off_cost": one_off,
        "net_saving_first_year": float(clusters["net_saving"].sum()),
        "payback_months": payback_months(saving, one_off),
    }


def scenario_figures(result: ScenarioResult) -> dict[str, float]:
    """The :data:`SAVING_MEASURES` of an evaluated scenario (its ``after`` column)."""
    return {measure: result.value(measure) for measure in SAVING_MEASURES}


def saving_cards(figures: Mapping[str, float]) -> list[tuple[str, str, str]]:
    """``(label, value, explanation)`` per :data:`SAVING_MEASURES` entry, as plain text.

    >>> saving_cards({"annual_saving": 0, "one_off_cost": 0, "net_saving_first_year": 0,
    ...               "payback_months": float("nan")})[3][:2]
    ('Payback', '–')
    """
    help_text = {
        "annual_saving": _("Annual cost of the applications that go, every year from then on."),
        "one_off_cost": _("Their exit costs, paid once."),
        "net_saving_first_year": _("Annual saving minus the one-off cost."),
        "payback_months": _("Months until the saving has paid the one-off cost (– when nothing is saved)."),
    }
    return [(_(label), months(figures[key]) if key == "payback_months" else money(figures[key]), help_text[key])
            for key, label in SAVING_MEASURES.items()]


def time_table(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    recommendations: Iterable[str] = (),
) -> pd.DataFrame:
    """:func:`~fora_model.rationalisation.time_recommendations`, only the rows whose recommendation is
    one of ``recommendations`` (all rows when none is given); the index is renumbered."""
    frame = time_recommendations(model, level=level, paths=paths)
    wanted = [r for r in recommendations if r in RECOMMENDATION_ORDER]
    if wanted:
        frame = frame[frame["recommendation"].isin(wanted)]
    return frame.reset_index(drop=True)


def time_figure(model: Model, *, level: str | None = None, paths: str | Iterable[str] | None = None) -> go.Figure:
    """The TIME quadrant figure of the model (:func:`fora_model.viz.time.time_quadrant`)."""
    return time_quadrant(time_recommendations(model, level=level, paths=paths))


def time_caption() -> str:
    """The sentence under the TIME quadrant: what position, colour, size, outline and numbers mean.

    >>> time_caption().split("; ")[2]
    'its colour is that quadrant'
    """
    return _("Functional fit across, technical fit up (1–4; 3 and 4 count as high); its colour is that quadrant; "
             "the bubble's size is the annual cost. A dark outline marks an application whose recommendation "
             "differs from its quadrant (redundant, phasing out, sole support of critical work): the label or the "
             "numbered key under the figure names the recommendation.")


# ----------------------------------------------------------------------------- building a scenario
def _name(model: Model, identifier: str) -> str:
    element = model.elements.get(identifier)
    return element_label(element) if element is not None else repr(identifier)


def add_replacement(pairs: Sequence[Sequence[str]], old: str | None, new: str | None) -> list[tuple[str, str]]:
    """``pairs`` with ``old → new`` added; an earlier replacement of ``old`` gives way (one old
    application has one replacement). Nothing is added while either side is unchosen.

    >>> add_replacement([("a", "b")], "a", "c"), add_replacement([("a", "b")], None, "c")
    ([('a', 'c')], [('a', 'b')])
    """
    kept = [(str(o), str(n)) for o, n in pairs]
    if not old or not new:
        return kept
    return [p for p in kept if p[0] != old] + [(old, new)]


def build_scenario(model: Model, name: str, retire: Iterable[str] = (),
                   replace: Iterable[Sequence[str]] | Mapping[str, str] = (),
                   description: str = "") -> tuple[Scenario | None, list[str]]:
    """The scenario the widgets describe, or None and every problem, one sentence each naming the
    application (``name (kind)``) and how to fix it: no name, nothing chosen, an id not in the
    model or not an application, an application retired and replaced, replaced by itself, given
    two replacements, or replaced by one that itself leaves."""
    retire = list(dict.fromkeys(retire))
    pairs = [(str(p[0]), str(p[1])) for p in (replace.items() if isinstance(replace, Mapping) else replace)]
    problems: list[str] = []
    if not str(name).strip():
        problems.append(_("Give the scenario a name."))
    if not retire and not pairs:
        problems.append(_("Choose at least one application to retire or to replace."))
    for identifier in dict.fromkeys([*retire, *(i for p in pairs for i in p)]):
        element = model.elements.get(identifier)
        if element is None:
            problems.append(_("{id} is not in the model (deleted since?); choose the application again.",
                              id=repr(identifier)))
        elif element.kind is not ElementKind.APPLICATION:
            problems.append(_("{element} is not an application; choose an application.",
                              element=element_label(element)))
    olds = [old for old, _new in pairs]
    leaving = set(retire) | set(olds)
    for old in dict.fromkeys(olds):
        news = list(dict.fromkeys(new for o, new in pairs if o == old))
        if old in retire:
            problems.append(_("{application} is both retired and replaced; choose one.",
                              application=_name(model, old)))
        if len(news) > 1:
            problems.append(_("{application} has {count} replacements ({replacements}); keep one.",
                              application=_name(model, old), count=len(news),
                              replacements=", ".join(_name(model, n) for n in news)))
        for new in news:
            if new == old:
                problems.append(_("{application} cannot replace itself; choose another application.",
                                  application=_name(model, old)))
            elif new in leaving:
                problems.append(_("{new} cannot take over from {old}: it is itself retired or replaced in this "
                                  "scenario.", new=_name(model, new), old=_name(model, old)))
    if problems:
        return None, problems
    try:
        scenario = Scenario(str(name).strip(), retire=tuple(retire), replace=tuple(pairs),
                            description=str(description).strip())
    except ScenarioError as exc:
        return None, [f"{exc}."]
    extra = check_scenario(model, scenario)
    return (None, [f"{p}." for p in extra]) if extra else (scenario, [])


# ----------------------------------------------------------------------------- saved scenarios
def saved_scenarios(model: Model) -> tuple[list[Scenario], str]:
    """The scenarios saved with the model and ``""``, or none and what is wrong with the saved list.

    >>> scenarios, problem = saved_scenarios(Model(extras={"scenarios": "x"}))
    >>> scenarios, problem
    ([], "The scenarios saved with this model cannot be read: the model's extras.scenarios must be a list ...")
    """
    try:
        return model_scenarios(model), ""
    except ScenarioError as exc:
        return [], _("The scenarios saved with this model cannot be read: {problem}.", problem=exc)


def save_scenario_change(model: Model, scenario: Scenario) -> SetHeader:
    """The change that saves ``scenario`` with the model (one of the same name is replaced in place);
    ``ScenarioError`` when the saved list cannot be read. ``model`` is not changed."""
    draft = model.copy()
    store_scenario(draft, scenario)
    return SetHeader({"extras": dict(draft.extras)})


def delete_scenario_change(model: Model, name: str) -> SetHeader:
    """The change that removes the saved scenario ``name``; ``ScenarioError`` when there is none.

    >>> m = Model(extras={"scenarios": [{"name": "A", "retire": ["x"]}]})
    >>> delete_scenario_change(m, "A").values
    {'extras': {}}
    """
    draft = model.copy()
    remove_scenario(draft, name)
    return SetHeader({"extras": dict(draft.extras)})


def scenario_table(model: Model, scenarios: Iterable[Scenario]) -> pd.DataFrame:
    """One row per scenario (:data:`SCENARIO_TABLE_COLUMNS`): its name and description, the
    applications it retires and its replacements (``old → new``) by name, and how many leave."""
    rows = [{
        "name": s.name,
        "description": s.description,
        "retire": " | ".join(_name(model, i) for i in s.retire),
        "replace": " | ".join(f"{_name(model, o)} → {_name(model, n)}" for o, n in s.replace),
        "leaving": len(s.leaving),
    } for s in scenarios]
    return pd.DataFrame(rows, columns=SCENARIO_TABLE_COLUMNS).astype({"leaving": "int64"})


def scenario_bytes(scenario: Scenario) -> bytes:
    """The scenario's JSON file (:func:`~fora_model.rationalisation.dumps_scenario`) as UTF-8 bytes."""
    return dumps_scenario(scenario).encode("utf-8")


def scenario_file_name(scenario: Scenario) -> str:
    """A safe download name made from the scenario's name.

    >>> scenario_file_name(Scenario("Retire Parro / 2027", retire=["p"]))
    'scenario-Retire-Parro-2027.json'
    """
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", scenario.name).strip("-_")[:60]
    return f"scenario-{stem}.json" if stem else "scenario.json"


def read_uploaded_scenario(data: bytes, file_name: str, model: Model) -> tuple[Scenario | None, str]:
    """An uploaded scenario file read and checked against the model: the scenario and what was read,
    or None and a message that names the file and the problem.

    >>> m = Model()
    >>> read_uploaded_scenario(b'{"name": "A", "retire": ["x"]}', "a.json", m)
    (None, "a.json does not fit this model: retired application 'x' is not in the model; use an application id.")
    >>> problem, fix = read_uploaded_scenario(b'{"name": "A"', "a.json", m)[1].split(" — ")
    >>> problem
    "a.json: not valid JSON (line 1): Expecting ',' delimiter"
    >>> fix
    'the file is damaged or truncated; export the scenario again.'
    """
    if len(data) > MAX_UPLOAD_BYTES:
        return None, _("{file} is too large for a scenario file (over {size} MB).", file=file_name,
                       size=MAX_UPLOAD_BYTES // 1_000_000)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, _("{file} is not UTF-8 text; save the scenario as UTF-8 JSON.", file=file_name)
    try:
        scenario = loads_scenario(text, file_name)
    except ScenarioError as exc:
        return None, f"{exc}."
    problems = check_scenario(model, scenario)
    if problems:
        more = _(" (and {count} more)", count=len(problems) - 1) if len(problems) > 1 else ""
        return None, _("{file} does not fit this model: {problem}{more}.", file=file_name, problem=problems[0],
                       more=more)
    saved = [s.name for s in saved_scenarios(model)[0]]
    note = _(" Saving it replaces the saved scenario of that name.") if scenario.name in saved else ""
    return scenario, _("Read scenario {name} from {file}: it retires {retired} and replaces {replaced} "
                       "applications.{note}", name=repr(scenario.name), file=file_name,
                       retired=len(scenario.retire), replaced=len(scenario.replace), note=note)


# ----------------------------------------------------------------------------- before and after, side by side
MEASURE_LABELS: dict[str, str] = {
    "applications": N_("Applications"),
    "annual_cost": N_("Annual cost"),
    "one_off_cost": N_("One-off cost"),
    "annual_saving": N_("Annual saving"),
    "net_saving_first_year": N_("Net saving, first year"),
    "payback_months": N_("Payback"),
    "supported_elements": N_("Supported elements"),
    "unsupported_elements": N_("Real gaps"),
    "duplicated_elements": N_("Duplicated elements"),
    "single_points_of_failure": N_("Single points of failure"),
    "information_without_writer": N_("Information no application writes"),
    "flows": N_("Flows between applications"),
}
"""Every :data:`~fora_model.rationalisation.SCENARIO_MEASURES` key → the name a reader sees."""

MEASURE_MEANINGS: dict[str, str] = {
    "applications": N_("current applications"),
    "annual_cost": N_("annual cost of the current applications"),
    "one_off_cost": N_("exit costs of the applications that go, paid once"),
    "annual_saving": N_("annual cost before minus after, every year"),
    "net_saving_first_year": N_("annual saving minus the one-off cost"),
    "payback_months": N_("months until the saving has paid the one-off cost"),
    "supported_elements": N_("supportable elements with support"),
    "unsupported_elements": N_("elements that need support and have none"),
    "duplicated_elements": N_("elements with two or more supporting applications"),
    "single_points_of_failure": N_("critical elements resting on one application"),
    "information_without_writer": N_("information some element uses that no current application writes"),
    "flows": N_("flows between current applications"),
}
"""Every measure → what it counts, in words (no units: the values carry them)."""

_MONEY_MEASURES = frozenset({"annual_cost", "one_off_cost", "annual_saving", "net_saving_first_year"})
NO_VALUE = "—"
"""What a table shows where there is no value (payback when nothing is saved)."""


def measure_value(measure: str, value: object, *, signed: bool = False) -> str:
    """A measure's value as a reader writes it: money for the cost measures (``€46,650``), months for
    payback (``3.5 months``), a count otherwise; ``signed`` puts ``+`` before a rise (for changes);
    :data:`NO_VALUE` for none.

    >>> measure_value("annual_saving", 46650.0), measure_value("payback_months", 3.4727)
    ('€46,650', '3.5 months')
    >>> measure_value("payback_months", float("nan")), measure_value("flows", -2.0, signed=True)
    ('—', '-2')
    """
    try:
        amount = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return NO_VALUE
    if math.isnan(amount):
        return NO_VALUE
    if measure in _MONEY_MEASURES:
        text = money(amount)
    elif measure == "payback_months":
        text = months(amount)
    else:
        text = number(amount)
    return "+" + text if signed and amount > 0 else text


def _readable(frame: pd.DataFrame, signed: Iterable[str] = ()) -> pd.DataFrame:
    """``frame`` (a ``measure`` column, then values) with human measure names, what each counts after
    them, and every value written out by :func:`measure_value`."""
    keys = frame["measure"].astype(str).tolist()
    out = pd.DataFrame({"measure": [_(MEASURE_LABELS.get(k, k)) for k in keys],
                        "meaning": [_(MEASURE_MEANINGS[k]) if k in MEASURE_MEANINGS else "" for k in keys]})
    for column in frame.columns[1:]:
        out[column] = [measure_value(k, v, signed=column in signed) for k, v in zip(keys, frame[column],
                                                                                   strict=True)]
    return out


def summary_table(result: ScenarioResult) -> pd.DataFrame:
    """The scenario's summary (:data:`~fora_model.rationalisation.SUMMARY_COLUMNS`) with ``meaning``,
    what each measure counts, after ``measure``; the figures as numbers (see :func:`summary_view`
    for the table a reader sees)."""
    frame = result.summary[SUMMARY_COLUMNS].copy()
    frame.insert(1, "meaning", frame["measure"].map(measure_meaning))
    return frame


def summary_view(result: ScenarioResult) -> pd.DataFrame:
    """The scenario's summary as a reader sees it: columns ``measure`` (its name, not its key),
    ``meaning``, ``before``, ``after`` and ``change`` written out (money, months, counts, ``+`` for a
    rise, :data:`NO_VALUE` where there is none)."""
    return _readable(result.summary[SUMMARY_COLUMNS], signed=["change"])


CHANGE_LABELS: dict[str, str] = {
    "retired": N_("Retired"),
    "replaced": N_("Replaced"),
    "left-unsupported": N_("Left without support"),
    "new-single-point": N_("New single point of failure"),
    "no-writer": N_("No longer written"),
    "broken-flow": N_("Flow broken"),
    "rerouted-flow": N_("Flow rerouted"),
    "duplicate-removed": N_("Duplicate removed"),
    "duplicate-created": N_("Duplicate created"),
}
"""Every ``change`` of :data:`~fora_model.rationalisation.CHANGE_COLUMNS` → how it is called."""


def changes_view(result: ScenarioResult) -> pd.DataFrame:
    """What the scenario changes as a reader sees it: columns ``change`` (named), ``kind``,
    ``subject`` (by name; no ids), ``criticality`` and ``detail``, :data:`NO_VALUE` for none."""
    changes = result.changes
    kinds = {k.value: k.label for k in ElementKind}
    return pd.DataFrame({
        "change": [_(CHANGE_LABELS.get(c, c)) for c in changes["change"]],
        "kind": [_(kinds[k]) if k in kinds else _("Flow") if k == "flow" else str(k) for k in changes["subject_kind"]],
        "subject": [str(v) if str(v) else NO_VALUE for v in changes["subject"]],
        "criticality": [str(v) if str(v) else NO_VALUE for v in changes["criticality"]],
        "detail": [str(v) if str(v) else NO_VALUE for v in changes["detail"]],
    }, columns=["change", "kind", "subject", "criticality", "detail"])


def comparison_table(
    model: Model,
    scenarios: Iterable[Scenario],
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> tuple[pd.DataFrame, list[str]]:
    """:func:`~fora_model.rationalisation.compare_scenarios` of the TIME proposal followed by
    ``scenarios``, as a reader sees it: each measure by name with ``meaning`` after it, ``current``
    and one column per scenario (by name) with its figures written out (:func:`measure_value`).
    Scenarios that no longer fit the model are left out and named in the second value."""
    usable, problems = [proposed_scenario(model, level=level, paths=paths)], []
    for scenario in scenarios:
        wrong = check_scenario(model, scenario)
        if wrong:
            problems.append(_("Scenario {name} is left out: {problem}.", name=repr(scenario.name), problem=wrong[0]))
        else:
            usable.append(scenario)
    frame = compare_scenarios(model, usable, level=level, paths=paths)
    return _readable(frame), problems


# ----------------------------------------------------------------------------- continuity
IMPACT_DETAIL: dict[str, str] = {
    "lost_elements": N_("Left without support"),
    "critical_elements": N_("Critical among them"),
    "goals_affected": N_("Goals affected"),
    "goals_left_without_support": N_("Goals left with no supported work"),
}
"""The rows of :func:`impact_detail`: a column of :data:`~fora_model.rationalisation.IMPACT_COLUMNS`
and how it is called (marked for the catalogue; :func:`impact_detail` translates it)."""


def impact_detail(impact: pd.DataFrame) -> pd.DataFrame:
    """The first row of :func:`~fora_model.rationalisation.application_impact` turned on its side, one
    row per :data:`IMPACT_DETAIL` entry (columns ``what`` and ``names``), so the long lists of names
    can be read; empty when ``impact`` is."""
    if impact.empty:
        return pd.DataFrame(columns=["what", "names"])
    row = impact.iloc[0]
    return pd.DataFrame({"what": [_(label) for label in IMPACT_DETAIL.values()],
                         "names": [str(row[column] or "–") for column in IMPACT_DETAIL]})


# ----------------------------------------------------------------------------- contracts
def renewal_totals(renewals: pd.DataFrame) -> dict[str, float]:
    """From :func:`~fora_model.rationalisation.contract_renewals`: contracts and their annual cost
    ending within 12 months (``due_12``, ``cost_12``) and within the whole horizon (``due_all``,
    ``cost_all``), and how many notice dates have passed (``notice_passed``)."""
    soon = renewals["window"] == "12 months"
    cost = renewals["annual_cost"].astype(float).fillna(0.0)
    return {
        "due_12": int(soon.sum()),
        "cost_12": float(cost[soon].sum()),
        "due_all": len(renewals),
        "cost_all": float(cost.sum()),
        "notice_passed": int(renewals["notice_passed"].sum()),
    }


# ----------------------------------------------------------------------------- the board pack
def board_pack(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    scenarios: Sequence[Scenario] = (),
    today: _dt.date | None = None,
    include_inherited: bool = False,
) -> bytes:
    """The offline board report (:func:`~fora_model.board_pack.report.board_report`) as UTF-8 bytes, comparing
    the TIME proposal with ``scenarios`` (at most ``MAX_SCENARIOS - 1`` of them are shown); its duplications
    list the root rows, and the inherited ones too with ``include_inherited``; in the language spoken."""
    chosen = list(scenarios)[: MAX_SCENARIOS - 1]
    return board_report(model, level=level, paths=paths, scenarios=chosen, today=today,
                        include_inherited=include_inherited, language=current_language()).encode("utf-8")


def board_pack_name(model: Model, today: _dt.date | None = None) -> str:
    """The download name of the board report: ``board-report-<model>-<date>.html``.

    >>> board_pack_name(Model(name="De Regenboog <VO>"), _dt.date(2026, 6, 1))
    'board-report-De-Regenboog-VO-2026-06-01.html'
    """
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", model.name).strip("-_")[:60] or "model"
    return f"board-report-{stem}-{(today or _dt.date.today()).isoformat()}.html"

