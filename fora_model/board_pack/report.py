"""The board pack: one self-contained, offline HTML file for the CIO to present to the board.

:func:`board_data` gathers every figure the pack shows (pure: the model is not changed);
:func:`board_report` renders them as one HTML document with plotly.js embedded once and no
request to anywhere, in Dutch or English; :func:`write_board_report` writes it.

The pack is a decision document. Its first page says what the board is asked to decide: the
proposal (which applications to retire, what that saves a year, what it costs once) and its risks
(work left without a system, critical work then resting on one application, information no
application writes any more, flows to rewire, and each contract's notice date). The evidence
follows, one printed A4-landscape page each: overview KPIs, coverage by goal, the landscape map
(as many pages as it needs), top duplications with costs, the TIME quadrant, proposed retirements
with net savings and risks, unsupported elements, privacy and double entry, upcoming renewals and
the scenario comparison. An appendix names the detailed reports where every list is complete.

The scenarios compared are the TIME proposal (:func:`~fora_model.analysis.scenarios.proposed_scenario`)
followed by the ones passed in, or, when none are, those saved with the model.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..analysis.continuity import single_points_of_failure
from ..analysis.contracts import contract_renewals, notice_date
from ..analysis.coverage import goal_coverage, unsupported_activities
from ..analysis.duplicates import duplicated_activities
from ..analysis.information import double_entry, privacy_findings
from ..analysis.landscape import landscape
from ..analysis.portfolio import add_months, application_facts
from ..analysis.savings import proposed_retirements, redundancy_savings
from ..analysis.scenario_files import model_scenarios
from ..analysis.scenarios import Scenario, ScenarioResult, compare_scenarios, evaluate_scenario, proposed_scenario
from ..analysis.support import require_application_level
from ..analysis.time import RECOMMENDATION_ORDER, time_recommendations
from ..board import Board
from ..formatting import date, money, months, number, percent
from ..i18n import N_, _, n_, use_language
from ..model import Model
from .board_section import board_sections
from .figures import (
    FIGURE_WIDTH,
    coverage_figure,
    landscape_pages,
    readable_fonts,
    recommendation_label,
    time_quadrant_figure,
)
from .template import Column, bullet_list, document, esc, kpi_cards, section, table

__all__ = [
    "CONTRACT_OF_RETIREMENT_COLUMNS",
    "CRITICALITY_LABELS",
    "REPORTS",
    "BoardData",
    "board_data",
    "board_figures",
    "board_report",
    "write_board_report",
]

MAX_SCENARIOS = 4
"""At most this many scenarios (the proposal included) fit the comparison page."""


@dataclass(frozen=True)
class BoardData:
    """Everything the board pack shows, as analysis frames (see each analysis for its columns)."""

    title: str
    model_name: str
    today: _dt.date
    time: pd.DataFrame
    coverage: pd.DataFrame
    duplicates: pd.DataFrame
    retirements: pd.DataFrame
    savings: pd.DataFrame
    unsupported: pd.DataFrame
    spof: pd.DataFrame
    privacy: pd.DataFrame
    double_entry: pd.DataFrame
    renewals: pd.DataFrame
    landscape: pd.DataFrame = field(default_factory=pd.DataFrame)
    scenarios: list[ScenarioResult] = field(default_factory=list)
    comparison: pd.DataFrame = field(default_factory=pd.DataFrame)
    annual_cost: float = 0.0
    applications: int = 0
    include_inherited: bool = False
    duplicated_inherited: int = 0
    retiring_contracts: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def proposal(self) -> ScenarioResult | None:
        """The retirement proposal evaluated as a scenario (the first one compared)."""
        return self.scenarios[0] if self.scenarios else None


def board_data(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    scenarios: Iterable[Scenario] | None = None,
    today: _dt.date | None = None,
    title: str | None = None,
    include_inherited: bool = False,
) -> BoardData:
    """Compute every figure of the board pack (application level; ``paths`` as in every analysis).

    ``scenarios`` are compared after the TIME proposal; ``None`` means those saved with the model.
    At most :data:`MAX_SCENARIOS` are shown, the proposal included. The duplications count and
    list the *root* rows (DOMAIN §3: a board defends the number FORA itself would give);
    ``include_inherited=True`` lists the inherited rows too, marked with the process they repeat.
    The default title is in the current language (:mod:`fora_model.i18n`).
    """
    require_application_level(level, "the board pack's figures are")
    today = today or _dt.date.today()
    chosen = list(model_scenarios(model) if scenarios is None else scenarios)
    compared = [proposed_scenario(model, paths=paths), *chosen][:MAX_SCENARIOS]
    facts = application_facts(model)
    current = facts[facts["current"]]
    every = duplicated_activities(model, level="application", paths=paths, include_inherited=True)
    inherited = every["inherited_from_id"] != ""
    duplicates = every if include_inherited else every[~inherited]
    duplicates = duplicates.sort_values(["annual_cost", "application_count", "activity"],
                                        ascending=[False, False, True], kind="stable", na_position="last")
    gaps = unsupported_activities(model, level="application", paths=paths)
    rank = {"high": 0, "medium": 1, "low": 2, "": 3}
    gaps = gaps.assign(_rank=gaps["criticality"].map(lambda c: rank.get(str(c), 3)))
    gaps = gaps.sort_values(["expected_gap", "_rank", "process", "activity"], kind="stable").drop(columns="_rank")
    retirements = proposed_retirements(model, paths=paths)
    return BoardData(
        title=title or _("{school}: information landscape for the board", school=model.name or _("School")),
        model_name=model.name,
        today=today,
        time=time_recommendations(model, paths=paths),
        coverage=goal_coverage(model, level="application", paths=paths),
        duplicates=duplicates.reset_index(drop=True),
        retirements=retirements,
        savings=redundancy_savings(model, paths=paths),
        unsupported=gaps.reset_index(drop=True),
        spof=single_points_of_failure(model, level="application", paths=paths),
        privacy=privacy_findings(model),
        double_entry=double_entry(model, level="application"),
        renewals=contract_renewals(model, today=today, paths=paths),
        landscape=landscape(model, level="application", paths=paths),
        scenarios=[evaluate_scenario(model, s, paths=paths) for s in compared],
        comparison=compare_scenarios(model, compared, paths=paths),
        annual_cost=float(current["annual_cost"].fillna(0).sum()),
        applications=len(current),
        include_inherited=include_inherited,
        duplicated_inherited=int(inherited.sum()),
        retiring_contracts=_retiring_contracts(facts, retirements, today),
    )


CONTRACT_OF_RETIREMENT_COLUMNS = ["application_id", "application", "contract_end", "notice_date", "notice_passed"]
"""The columns of :attr:`BoardData.retiring_contracts`: per application proposed for retirement
(in the proposal's order), its contract end and notice date (``datetime.date`` or None when no
contract end is recorded) and whether that notice date lies before the report date."""


def _retiring_contracts(facts: pd.DataFrame, retirements: pd.DataFrame, today: _dt.date) -> pd.DataFrame:
    recorded: dict[str, tuple[object, object]] = dict(zip(
        facts["application_id"], zip(facts["contract_end"], facts["notice_months"], strict=True), strict=True))
    rows = []
    for ident, name in zip(retirements["application_id"], retirements["application"], strict=True):
        end, notice = recorded.get(ident, (None, None))
        end = end if isinstance(end, _dt.date) else None
        period = int(notice) if end is not None and isinstance(notice, (int, float, np.integer)) \
            and notice == notice else None
        due = notice_date(end, period) if end is not None else None
        rows.append({"application_id": ident, "application": name, "contract_end": end, "notice_date": due,
                     "notice_passed": bool(due is not None and due < today)})
    return pd.DataFrame(rows, columns=CONTRACT_OF_RETIREMENT_COLUMNS)




def board_figures(data: BoardData) -> dict[str, go.Figure]:
    """The pack's figures by name, every text at least 12 px (:func:`~.figures.readable_fonts`):
    ``coverage``, ``time``, and the landscape map as ``landscape`` (its first page),
    ``landscape-2``, ... (one per printed page); for the report or PNG export. Texts are in the
    current language."""
    figures = {"coverage": coverage_figure(data.coverage), "time": time_quadrant_figure(data.time)}
    for n, (_domains, fig) in enumerate(landscape_pages(data.landscape, width=FIGURE_WIDTH), start=1):
        figures["landscape" if n == 1 else f"landscape-{n}"] = fig
    return {name: readable_fonts(fig) for name, fig in figures.items()}


def _landscape_domains(data: BoardData) -> tuple[list[list[str]], int]:
    """The domains of each landscape page, and how many main functions did not fit the pages."""
    pages = landscape_pages(data.landscape, width=FIGURE_WIDTH)
    return [domains for domains, _fig in pages], pages.left_out


REPORTS: dict[str, tuple[str, str, str]] = {
    "duplicates": (N_("Duplicated work"), N_("every element supported by two or more applications, with the "
                                            "applications, the paths their support takes and their costs"),
                   N_("Rationalisation page, Duplicated tab")),
    "unsupported": (N_("Work without a system"), N_("every element that needs a system and has none, and every "
                                                   "expected gap"), N_("Rationalisation page, Unsupported tab")),
    "savings": (N_("Redundancy clusters and savings"), N_("every group of applications that share work, what "
                                                         "retiring the redundant ones saves and costs"),
                N_("Applications page, Redundancy clusters tab")),
    "retirements": (N_("Proposed retirements"), N_("every application proposed for retirement, with its saving, "
                                                  "payback and risks"),
                    N_("Applications page, Proposed retirements tab")),
    "information": (N_("Privacy and information"), N_("every privacy finding and every piece of information "
                                                     "entered in more than one application"),
                    N_("Privacy and risks page")),
    "contracts": (N_("Contract renewals"), N_("every contract ending in the next 24 months, with its notice date "
                                             "and what to decide"), N_("Privacy and risks page, Contracts tab")),
}
"""The detailed reports the pack refers to: (name, what it holds, where in the dashboard)."""


CRITICALITY_LABELS: dict[str, str] = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}
"""An element's criticality as the pack shows it (the model keeps the English values)."""


def _more(report: str) -> Callable[[int], str]:
    """The note under a table that was cut: how many rows it left out and which report has them."""
    name = _(REPORTS[report][0])
    return lambda n: n_("and {n} more, listed in full in the report “{report}” (see the appendix)",
                        "and {n} more, listed in full in the report “{report}” (see the appendix)", n, report=name)


def _inherited_note(data: BoardData) -> str:
    """The sentence saying how the duplications page treats inherited rows."""
    n = data.duplicated_inherited
    if not n:
        return _("No duplicate merely repeats one of a process above it.")
    if data.include_inherited:
        return n_("Listed too: {n} more element that only repeats the duplicate of a process above it, marked "
                  "with that process.",
                  "Listed too: {n} more elements that only repeat the duplicate of a process above them, marked "
                  "with that process.", n)
    return n_("Each row is a root: {n} more element only repeats the duplicate of a process above it and is not "
              "listed.",
              "Each row is a root: {n} more elements only repeat the duplicate of a process above them and are not "
              "listed.", n)


def _duplicate_columns(include_inherited: bool) -> list[Column]:
    columns = [Column("activity", _("element"), limit=50), Column("process", _("process"), limit=40),
               Column("application_count", _("apps"), "int"), Column("applications", _("applications"), limit=70),
               Column("annual_cost", _("annual cost"), "money")]
    if include_inherited:
        columns.append(Column("inherited_from", _("inherited from"), limit=40))
    return columns


def _short(text: object, limit: int = 40) -> str:
    value = str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _names(values: Sequence[str], limit: int = 3, width: int = 36) -> str:
    """Up to ``limit`` names (each cut to ``width`` characters) joined in a sentence, then how many
    more."""
    shown = [_short(v, width) for v in values[:limit]]
    rest = len(values) - len(shown)
    if rest > 0:
        return _("{names} and {n} more", names=", ".join(shown), n=number(rest))
    if len(shown) > 1:
        return _("{names} and {last}", names=", ".join(shown[:-1]), last=shown[-1])
    return shown[0] if shown else ""


def _figure_html(fig: go.Figure, first: bool, name: str) -> str:
    div = fig.to_html(full_html=False, include_plotlyjs=first, div_id=f"figure-{name}",
                      config={"displayModeBar": False, "responsive": False, "displaylogo": False,
                              "staticPlot": False})
    return f'<div class="figure" style="height: {int(fig.layout.height or 0)}px">{div}</div>'


def _decision(data: BoardData) -> str:
    """The first page: what the board is asked to decide, what it saves and costs, and its risks."""
    retire = data.retirements
    saving = float(retire["annual_cost"].fillna(0).sum())
    one_off = float(retire["exit_cost"].fillna(0).sum())
    prepared = _("Prepared {date}.", date=date(data.today))
    top = f'<h1>{esc(data.title)}</h1><p class="lead">{esc(prepared)}</p>'
    heading = "<h2>" + esc(_("What the board is asked to decide")) + "</h2>"
    if retire.empty:
        ask = _("No application's work is all done by others, so the board is not asked to retire anything on "
                "redundancy. The pages that follow show where the landscape stands: its gaps, privacy findings "
                "and contracts.")
        return f'{top}{heading}<p class="ask">{esc(ask)}</p>'
    names = retire["application"].astype(str).tolist()
    ask = n_("Retire {n} application whose work other applications already do: {names}.",
             "Retire {n} applications whose work other applications already do: {names}.",
             len(retire), names=_names(names, 4, 32))
    payback = months(12 * one_off / saving) if saving > 0 else _("no saving to pay it back")
    cards = kpi_cards([
        (_("saving a year"), money(saving), "good" if saving > 0 else ""),
        (_("one-off exit cost"), money(one_off), ""),
        (_("net saving in the first year"), money(saving - one_off), "good" if saving - one_off > 0 else "bad"),
        (_("the exit cost is paid back in"), payback, ""),
    ])
    dates: dict[str, tuple[Any, Any]] = dict(zip(
        data.retiring_contracts["application_id"],
        zip(data.retiring_contracts["contract_end"], data.retiring_contracts["notice_date"], strict=True),
        strict=True)) if len(data.retiring_contracts) else {}
    shown = retire.assign(contract_end=[dates.get(i, (None, None))[0] for i in retire["application_id"]],
                          notice_date=[dates.get(i, (None, None))[1] for i in retire["application_id"]])
    total: dict[str, object] = {"application": _("total"), "annual_cost": saving, "exit_cost": one_off,
                                "net_saving": saving - one_off}
    proposal = table(shown, [Column("application", _("retire"), limit=30),
                             Column("covered_by", _("its work stays with"), limit=36),
                             Column("annual_cost", _("saving a year"), "money"),
                             Column("exit_cost", _("exit cost"), "money"),
                             Column("net_saving", _("net first year"), "money"),
                             Column("notice_date", _("notice date"), "date"),
                             Column("contract_end", _("contract end"), "date")],
                     limit=6, empty="", total=total,
                     more=lambda n: n_("and {n} more on the page “Proposed retirements”",
                                       "and {n} more on the page “Proposed retirements”", n))
    risks = bullet_list(_risks(data))
    follows = _("The evidence follows: the landscape in figures and as a map, where work is paid for twice, the "
                "TIME portfolio view, each retirement in detail, gaps, privacy, contracts and the scenarios "
                "compared.")
    return (f"{top}{heading}<p class=\"ask\">{esc(ask)}</p>{cards}{proposal}"
            + "<h3>" + esc(_("Risks to weigh")) + f"</h3>{risks}<p class=\"note\">{esc(follows)}</p>")


def _risks(data: BoardData) -> list[tuple[str, bool]]:
    """The proposal's risks as (sentence, needs attention) pairs, from the proposal scenario."""
    result = data.proposal
    out: list[tuple[str, bool]] = []

    def changes(kind: str) -> list[str]:
        return [] if result is None else result.of(kind)["subject"].astype(str).tolist()

    left = changes("left-unsupported")
    out.append((_("Work left without a system: none; everything the retired applications do stays supported.")
                if not left else
                n_("Work left without a system: {n} element ({names}).",
                   "Work left without a system: {n} elements ({names}).", len(left), names=_names(left)), bool(left)))
    single = changes("new-single-point")
    if single:
        out.append((n_("Critical work that would then rest on one application: {n} element ({names}).",
                       "Critical work that would then rest on one application: {n} elements ({names}).",
                       len(single), names=_names(single)), True))
    else:
        out.append((_("Critical work that would then rest on one application: none."), False))
    lost = changes("no-writer")
    out.append((_("Information that loses its system: none; every piece of information keeps an application "
                  "that records it.") if not lost else
                n_("Information that loses its system (no application would record it): {names}.",
                   "Information that loses its system (no application would record it): {names}.", len(lost),
                   names=_names(lost)), bool(lost)))
    flows = changes("broken-flow")
    if flows:
        out.append((n_("Flow to rewire or end: {names}.", "Flows to rewire or end: {names}.", len(flows),
                       names=_names(flows)), True))
    out.append(_contract_risk(data))
    return out


def _contract_risk(data: BoardData) -> tuple[str, bool]:
    contracts = data.retiring_contracts
    if contracts.empty:
        return _("Contracts: none to end."), False
    dated = contracts[contracts["notice_date"].notna()].sort_values("notice_date", kind="stable")
    parts = [_("{application} by {notice} (contract ends {end})", application=_short(name, 32),
               notice=date(notice), end=date(end))
             for name, notice, end in zip(dated["application"].head(3), dated["notice_date"].head(3),
                                          dated["contract_end"].head(3), strict=True)]
    passed = int(contracts["notice_passed"].sum())
    undated = len(contracts) - len(dated)
    sentence = _("Notice dates: {dates}.", dates="; ".join(parts)) if parts else ""
    if len(dated) > 3:
        sentence += " " + n_("{n} more in the table above.", "{n} more in the table above.", len(dated) - 3)
    if passed:
        sentence += " " + n_("The notice date of {n} contract has passed: it renews unless the vendor agrees.",
                             "The notice dates of {n} contracts have passed: they renew unless the vendors agree.",
                             passed)
    if undated:
        sentence += " " + n_("{n} application has no contract end recorded.",
                             "{n} applications have no contract end recorded.", undated)
    soon = bool(len(dated)) and dated["notice_date"].iloc[0] <= add_months(data.today, 3)
    return sentence.strip(), bool(passed or soon)


def _overview(data: BoardData) -> str:
    gaps = data.unsupported
    real = int((~gaps["expected_gap"]).sum()) if len(gaps) else 0
    needing = int(data.coverage["needing_support"].sum()) if len(data.coverage) else 0
    own = int(data.coverage["supported"].sum()) if len(data.coverage) else 0
    inherited = int(data.coverage["inherited"].sum()) if len(data.coverage) else 0
    supported = own + inherited
    roots = len(data.duplicates) - (int((data.duplicates["inherited_from_id"] != "").sum())
                                    if len(data.duplicates) else 0)
    retire = data.retirements
    saving = float(retire["annual_cost"].fillna(0).sum())
    one_off = float(retire["exit_cost"].fillna(0).sum())
    soon = data.renewals[data.renewals["window"] == "12 months"] if len(data.renewals) else data.renewals
    cards = [
        (_("current applications"), number(data.applications), ""),
        (_("annual cost of applications"), money(data.annual_cost), ""),
        (_("duplicated elements (paid for twice or more)"), number(roots), "bad" if roots else "good"),
        (_("real gaps: work with no system"), number(real), "bad" if real else "good"),
        (_("proposed retirements"), number(len(retire)), ""),
        (_("annual saving if retired"), money(saving), "good" if saving else ""),
        (_("one-off exit costs"), money(one_off), ""),
        (_("net saving in the first year"), money(saving - one_off), "good" if saving - one_off > 0 else ""),
        (_("critical work resting on one application"), number(len(data.spof)), "bad" if len(data.spof) else "good"),
        (_("information entered twice"), number(len(data.double_entry)), "bad" if len(data.double_entry) else "good"),
        (_("privacy findings"), number(len(data.privacy)), "bad" if len(data.privacy) else "good"),
        (_("contracts ending within 12 months"), number(len(soon)), ""),
    ]
    share = percent(supported / needing) if needing else _("n/a")
    lead = _("{share} of the work that needs a system has one (summed over goals).", share=share)
    if inherited:
        lead += " " + n_("{n} element of it is covered only through a process above it.",
                         "{n} elements of it are covered only through a process above them.", inherited)
    note = _("Each following page is one topic: coverage, the landscape map, duplication, the TIME portfolio view, "
             "retirements, gaps, privacy, renewals and scenarios.")
    return ("<h2>" + esc(_("The landscape in figures")) + f"</h2><p class=\"lead\">{esc(lead)}</p>{kpi_cards(cards)}"
            f"<p class=\"note\">{esc(note)}</p>")


def _time_table(time: pd.DataFrame) -> pd.DataFrame:
    grouped = time.groupby("recommendation").agg(applications=("application", "size"),
                                                 annual_cost=("annual_cost", "sum"))
    order = [r for r in RECOMMENDATION_ORDER if r in grouped.index]
    frame = grouped.reindex(order).reset_index()
    return frame.assign(recommendation=[recommendation_label(r) for r in frame["recommendation"]])


def _scenario_lines(results: Sequence[ScenarioResult], names: dict[str, str]) -> str:
    lines = []
    for result in results:
        s = result.scenario
        parts = []
        if s.retire:
            parts.append(_("retires {names}", names=", ".join(names.get(i, i) for i in s.retire)))
        if s.replace:
            parts.append(_("replaces {pairs}", pairs=", ".join(
                _("{old} by {new}", old=names.get(o, o), new=names.get(n, n)) for o, n in s.replace)))
        risks = [message(len(result.of(kind))) for kind, message in (
            ("left-unsupported", lambda n: n_("{n} element left unsupported", "{n} elements left unsupported", n)),
            ("new-single-point", lambda n: n_("{n} new single point of failure", "{n} new single points of failure",
                                              n)),
            ("no-writer", lambda n: n_("{n} piece of information no longer recorded",
                                       "{n} pieces of information no longer recorded", n)),
            ("broken-flow", lambda n: n_("{n} broken flow", "{n} broken flows", n))) if len(result.of(kind))]
        what = "; ".join(parts) or _("changes nothing")
        if len(what) > 180:
            what = what[:179] + "…"
        name = _("Proposed retirements") if s.name == "Proposed retirements" else _short(s.name)
        text = _("{scenario}: {what}. Risks: {risks}.", scenario=name, what=what,
                 risks=", ".join(risks) or _("none found"))
        lines.append(f"<li>{esc(text)}</li>")
    return f"<ul>{''.join(lines)}</ul>"


_MEASURE_LABELS = {
    "applications": (N_("current applications"), "int"),
    "annual_cost": (N_("annual cost"), "money"),
    "one_off_cost": (N_("one-off exit costs"), "money"),
    "annual_saving": (N_("annual saving"), "money"),
    "net_saving_first_year": (N_("net saving, first year"), "money"),
    "payback_months": (N_("payback"), "months"),
    "supported_elements": (N_("supported elements"), "int"),
    "unsupported_elements": (N_("real gaps"), "int"),
    "duplicated_elements": (N_("duplicated elements"), "int"),
    "single_points_of_failure": (N_("single points of failure"), "int"),
    "information_without_writer": (N_("information nobody records"), "int"),
    "flows": (N_("integration flows"), "int"),
}


def _comparison(data: BoardData) -> str:
    frame = data.comparison
    if frame.empty:
        return '<p class="empty">' + esc(_("No scenarios.")) + "</p>"
    columns = list(frame.columns[1:])

    def heading(column: object) -> str:
        if column == "current":
            return _("now")
        return _("Proposed retirements") if column == "Proposed retirements" else _short(column)

    head = "<th>" + esc(_("measure")) + "</th>" + "".join(f'<th class="num">{esc(heading(c))}</th>' for c in columns)
    rows = []
    for record in frame.to_dict("records"):
        measure = str(record["measure"])
        label, kind = _MEASURE_LABELS.get(measure, (measure, "int"))
        cells = []
        for c in columns:
            value = record[c]
            if pd.isna(value):
                text = ""
            elif kind == "money":
                text = money(value)
            elif kind == "months":
                text = months(value)
            else:
                text = number(value)
            cells.append(f'<td class="num">{esc(text)}</td>')
        rows.append(f"<tr><td>{esc(_(label) if measure in _MEASURE_LABELS else label)}</td>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _appendix() -> str:
    rows = "".join(f"<tr><td>{esc(_(name))}</td><td>{esc(_(what))}</td><td>{esc(_(where))}</td></tr>"
                   for name, what, where in REPORTS.values())
    heads = "".join(f"<th>{esc(text)}</th>" for text in (_("report"), _("what it holds"),
                                                           _("where to find it in the dashboard")))
    return f"<table><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>"


def _landscape_sections(data: BoardData, figures: dict[str, go.Figure]) -> list[tuple[str, str, str]]:
    parts, left_out = _landscape_domains(data)
    out = []
    for n, domains in enumerate(parts, start=1):
        key = "landscape" if n == 1 else f"landscape-{n}"
        title = _("Landscape map") if len(parts) == 1 else _("Landscape map, page {page} of {pages}",
                                                               page=number(n), pages=number(len(parts)))
        lead = (_("FORA's domains and main business functions with the applications that support each one. A header "
                  "shows the worst state below it: a real gap, then work supported twice; amber applications are on "
                  "a duplicate.") if n == 1 else
                _("Continued: {domains}.", domains=", ".join(_short(d, 50) for d in domains)))
        if left_out and n == len(parts):
            lead += " " + n_("{n} more main function does not fit these pages: the Landscape map page of the "
                             "dashboard shows the whole map.", "{n} more main functions do not fit these pages: the "
                             "Landscape map page of the dashboard shows the whole map.", left_out)
        out.append((key, _("Landscape") if n == 1 else "", section(key, title, lead,
                                                                   _figure_html(figures[key], False, key))))
    return out


def _sections(data: BoardData, names: dict[str, str]) -> list[tuple[str, str, str]]:
    figures = board_figures(data)
    retire = data.retirements
    total: dict[str, object] = {"application": _("total, all {n}", n=number(len(retire))),
                                "annual_cost": retire["annual_cost"].fillna(0).sum(),
                                "exit_cost": retire["exit_cost"].fillna(0).sum(),
                                "net_saving": retire["net_saving"].sum()}
    gaps = data.unsupported[~data.unsupported["expected_gap"]] if len(data.unsupported) else data.unsupported
    expected = len(data.unsupported) - len(gaps)
    return [
        ("decision", _("Decision"), f'<section class="page" id="decision">{_decision(data)}</section>'),
        ("overview", _("Overview"), f'<section class="page" id="overview">{_overview(data)}</section>'),
        ("coverage", _("Coverage"), section(
            "coverage", _("Coverage by goal"),
            _("How much of the work under each goal that needs a system has one; grey work needs none."),
            _figure_html(figures["coverage"], True, "coverage"))),
        *_landscape_sections(data, figures),
        ("duplications", _("Duplication"), section(
            "duplications", _("Top duplications by cost"),
            _("Work supported by two or more applications; the cost is the supporting applications' combined annual "
              "cost (each counted in full, so rows do not add up).") + " " + _inherited_note(data),
            table(data.duplicates, _duplicate_columns(data.include_inherited),
                  limit=14, empty=_("No element is supported by more than one application."),
                  more=_more("duplicates")))),
        ("time", _("TIME"), section(
            "time", _("Portfolio: TIME quadrant"),
            _("Functional against technical fit; bubble size is annual cost, colour the recommendation after "
              "redundancy, lifecycle and sole-support checks."),
            _figure_html(figures["time"], False, "time")
            + table(_time_table(data.time), [Column("recommendation", _("recommendation")),
                                             Column("applications", _("applications"), "int"),
                                             Column("annual_cost", _("annual cost"), "money")],
                    limit=5, empty=_("No applications.")))),
        ("retirements", _("Retirements"), section(
            "retirements", _("Proposed retirements: savings and risks"),
            _("Applications whose work is all done by others. Retiring all of them leaves no work unsupported; the "
              "risks are work that would then rest on one application, and flows to rewire."),
            table(retire, [Column("application", _("application"), limit=30),
                           Column("covered_by", _("covered by"), limit=40),
                           Column("annual_cost", _("saving a year"), "money"),
                           Column("exit_cost", _("exit cost"), "money"),
                           Column("net_saving", _("net first year"), "money"),
                           Column("payback_months", _("payback"), "months"),
                           Column("critical_single_supporter", _("critical work left on one application"), limit=60),
                           Column("broken_flows", _("flows to rewire"), limit=50)],
                  limit=12, empty=_("No application is fully covered by others: nothing to retire on redundancy."),
                  more=_more("retirements"), total=total))),
        ("gaps", _("Gaps"), section(
            "gaps", _("Work without a system"),
            n_("Real gaps, most critical first; {n} further element needs no system (an expected gap).",
               "Real gaps, most critical first; {n} further elements need no system (expected gaps).", expected),
            table(gaps.assign(criticality=[_(CRITICALITY_LABELS[c]) if c in CRITICALITY_LABELS else c
                                           for c in gaps["criticality"].astype(str)]),
                  [Column("activity", _("element"), limit=50), Column("process", _("process"), limit=50),
                   Column("goals", _("goals"), limit=60), Column("criticality", _("criticality"))],
                  limit=15, empty=_("Every element that needs support has it."), more=_more("unsupported")))),
        ("privacy", _("Privacy"), section(
            "privacy", _("Privacy and double entry"),
            _("Applications processing personal data without a signed processing agreement, with data outside the "
              "EU, or being retired; and information typed into several applications with no flow between them."),
            table(data.privacy, [Column("application", _("application"), limit=30),
                                 Column("personal_information", _("personal data"), limit=60),
                                 Column("issues", _("issues"), limit=70)],
                  limit=8, empty=_("No privacy findings."), more=_more("information"))
            + "<h3>" + esc(_("Information entered twice")) + "</h3>"
            + table(data.double_entry, [Column("information", _("information"), limit=40),
                                        Column("entry_points", _("entered in"), "int"),
                                        Column("groups", _("applications (groups linked by a flow)"), limit=90)],
                    limit=5, empty=_("No information is entered twice."), more=_more("information")))),
        ("renewals", _("Renewals"), section(
            "renewals", _("Contracts ending in the next 24 months"),
            _("Decide before the notice date (contract end minus notice period), so that the decision counts."),
            table(data.renewals.assign(recommendation=[recommendation_label(r)
                                                       for r in data.renewals["recommendation"]]),
                  [Column("application", _("application"), limit=30),
                   Column("annual_cost", _("annual cost"), "money"),
                   Column("contract_end", _("contract end"), "date"),
                   Column("notice_date", _("notice date"), "date"),
                   Column("recommendation", _("TIME")), Column("action", _("action"), limit=80)],
                  limit=15, empty=_("No contract ends in the next 24 months."), more=_more("contracts")))),
        ("scenarios", _("Scenarios"), section(
            "scenarios", _("Scenarios side by side"),
            _("The current landscape and each scenario afterwards; the first scenario is the retirement proposal."),
            _comparison(data) + _scenario_lines(data.scenarios, names))),
        ("reports", _("Appendix"), section(
            "reports", _("Appendix: the detailed reports"),
            _("The tables in this pack show the first rows of each list. These reports hold every row; the "
              "dashboard shows them on the pages named and exports each one as a spreadsheet (CSV)."),
            _appendix())),
    ]


def board_report(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
    scenarios: Iterable[Scenario] | None = None,
    today: _dt.date | None = None,
    title: str | None = None,
    include_inherited: bool = False,
    board: Board | None = None,
    language: str | None = None,
) -> str:
    """The board pack as one HTML document (a string); options as :func:`board_data`.

    ``language`` is ``"nl"`` or ``"en"``: every heading, sentence, number, amount and date of the
    pack is in it; by default the model's own language (:attr:`~fora_model.model.Model.language`).
    plotly.js is embedded once, with the first figure; nothing is loaded from anywhere else, and
    every piece of model text is escaped, in tables and figures alike. Given a ``board`` (the
    model is one of its schools), the board's pages follow
    (:func:`~fora_model.board_pack.board_section.board_sections`).
    """
    with use_language(language or model.language):
        data = board_data(model, level=level, paths=paths, scenarios=scenarios, today=today, title=title,
                          include_inherited=include_inherited)
        names = {e.id: e.label for e in model.elements.values()}
        extra = [] if board is None else board_sections(board, today=data.today, paths=paths)
        return document(data.title, _sections(data, names) + extra)


def write_board_report(model: Model, path: str | Path, **options: Any) -> int:
    """Write :func:`board_report` to ``path`` (atomically); returns its size in bytes."""
    data = board_report(model, **options).encode("utf-8")
    target = Path(path)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return len(data)
