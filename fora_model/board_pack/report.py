"""The board pack: one self-contained, offline HTML file for the CIO to present to the board.

:func:`board_data` gathers every figure the pack shows (pure: the model is not changed);
:func:`board_report` renders them as one HTML document with plotly.js embedded once and no
request to anywhere; :func:`write_board_report` writes it. Sections, one printed A4-landscape
page each: overview KPIs, coverage by goal, top duplications with costs, the TIME quadrant,
proposed retirements with net savings and risks, unsupported elements, privacy and double entry,
upcoming renewals, and the scenario comparison.

The scenarios compared are the TIME proposal (:func:`~fora_model.analysis.scenarios.proposed_scenario`)
followed by the ones passed in, or, when none are, those saved with the model.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..analysis.continuity import single_points_of_failure
from ..analysis.contracts import contract_renewals
from ..analysis.coverage import goal_coverage, unsupported_activities
from ..analysis.duplicates import duplicated_activities
from ..analysis.information import double_entry, privacy_findings
from ..analysis.landscape import landscape
from ..analysis.portfolio import application_facts
from ..analysis.savings import proposed_retirements, redundancy_savings
from ..analysis.scenario_files import model_scenarios
from ..analysis.scenarios import Scenario, ScenarioResult, compare_scenarios, evaluate_scenario, proposed_scenario
from ..analysis.support import require_application_level
from ..analysis.time import RECOMMENDATION_ORDER, time_recommendations
from ..board import Board
from ..formatting import money
from ..model import Model
from ..viz.landscape import landscape_figure
from .board_section import board_sections
from .figures import FIGURE_WIDTH, coverage_figure, time_quadrant_figure
from .template import Column, document, esc, kpi_cards, section, table

__all__ = ["BoardData", "board_data", "board_figures", "board_report", "write_board_report"]

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
    return BoardData(
        title=title or f"{model.name or 'School'}: information landscape for the board",
        model_name=model.name,
        today=today,
        time=time_recommendations(model, paths=paths),
        coverage=goal_coverage(model, level="application", paths=paths),
        duplicates=duplicates.reset_index(drop=True),
        retirements=proposed_retirements(model, paths=paths),
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
    )


def board_figures(data: BoardData) -> dict[str, go.Figure]:
    """The pack's figures by name (``coverage``, ``landscape``, ``time``), for the report or PNG export."""
    return {"coverage": coverage_figure(data.coverage),
            "landscape": landscape_figure(data.landscape, width=FIGURE_WIDTH),
            "time": time_quadrant_figure(data.time)}




def _inherited_note(data: BoardData) -> str:
    """The sentence saying how the duplications page treats inherited rows."""
    n = data.duplicated_inherited
    if not n:
        return "No duplicate merely repeats one of a process above it."
    rows = f"{n} more element{'s' * (n != 1)}"
    if data.include_inherited:
        return (f"Listed too: {rows} that only repeat the duplicate of a process above them, marked with "
                "that process.")
    return f"Each row is a root: {rows} only repeat the duplicate of a process above them and are not listed."


def _duplicate_columns(include_inherited: bool) -> list[Column]:
    columns = [Column("activity", "element", limit=50), Column("process", "process", limit=40),
               Column("application_count", "apps", "int"), Column("applications", "applications", limit=70),
               Column("annual_cost", "annual cost", "money")]
    if include_inherited:
        columns.append(Column("inherited_from", "inherited from", limit=40))
    return columns


def _short(text: object, limit: int = 40) -> str:
    value = str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _figure_html(fig: go.Figure, first: bool, name: str) -> str:
    div = fig.to_html(full_html=False, include_plotlyjs=first, div_id=f"figure-{name}",
                      config={"displayModeBar": False, "responsive": False, "displaylogo": False,
                              "staticPlot": False})
    return f'<div class="figure">{div}</div>'


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
        ("current applications", f"{data.applications}", ""),
        ("annual cost of applications", money(data.annual_cost), ""),
        ("duplicated elements (paid for twice or more)", f"{roots}", "bad" if roots else "good"),
        ("real gaps: work with no system", f"{real}", "bad" if real else "good"),
        ("proposed retirements", f"{len(retire)}", ""),
        ("annual saving if retired", money(saving), "good" if saving else ""),
        ("one-off exit costs", money(one_off), ""),
        ("net saving in the first year", money(saving - one_off), "good" if saving - one_off > 0 else ""),
        ("critical work resting on one application", f"{len(data.spof)}", "bad" if len(data.spof) else "good"),
        ("information entered twice", f"{len(data.double_entry)}", "bad" if len(data.double_entry) else "good"),
        ("privacy findings", f"{len(data.privacy)}", "bad" if len(data.privacy) else "good"),
        ("contracts ending within 12 months", f"{len(soon)}", ""),
    ]
    share = f"{supported / needing:.0%}" if needing else "n/a"
    lead = (f"{share} of the work that needs a system has one (summed over goals)"
            + (f", {inherited} element{'s' * (inherited != 1)} of it only through a process above" if inherited
               else "")
            + f". Prepared {data.today.isoformat()}.")
    return (f"<h1>{esc(data.title)}</h1><p class=\"lead\">{esc(lead)}</p>{kpi_cards(cards)}"
            "<p class=\"note\">Each following page is one topic: coverage, duplication, the TIME portfolio view, "
            "retirements, gaps, privacy, renewals and scenarios.</p>")


def _time_table(time: pd.DataFrame) -> pd.DataFrame:
    grouped = time.groupby("recommendation").agg(applications=("application", "size"),
                                                 annual_cost=("annual_cost", "sum"))
    order = [r for r in RECOMMENDATION_ORDER if r in grouped.index]
    return grouped.reindex(order).reset_index()


def _scenario_lines(results: Sequence[ScenarioResult], names: dict[str, str]) -> str:
    lines = []
    for result in results:
        s = result.scenario
        parts = []
        if s.retire:
            parts.append("retires " + ", ".join(names.get(i, i) for i in s.retire))
        if s.replace:
            parts.append("replaces " + ", ".join(f"{names.get(o, o)} by {names.get(n, n)}" for o, n in s.replace))
        risks = [f"{len(result.of(k))} {one if len(result.of(k)) == 1 else many}" for k, one, many in (
            ("left-unsupported", "element left unsupported", "elements left unsupported"),
            ("new-single-point", "new single point of failure", "new single points of failure"),
            ("no-writer", "information no longer written", "information no longer written"),
            ("broken-flow", "broken flow", "broken flows")) if len(result.of(k))]
        what = "; ".join(parts) or "changes nothing"
        if len(what) > 180:
            what = what[:179] + "…"
        text = f"{_short(s.name)}: {what}. Risks: {', '.join(risks) or 'none found'}."
        lines.append(f"<li>{esc(text)}</li>")
    return f"<ul>{''.join(lines)}</ul>"


_MEASURE_LABELS = {
    "applications": ("current applications", "int"),
    "annual_cost": ("annual cost", "money"),
    "one_off_cost": ("one-off exit costs", "money"),
    "annual_saving": ("annual saving", "money"),
    "net_saving_first_year": ("net saving, first year", "money"),
    "payback_months": ("payback (months)", "months"),
    "supported_elements": ("supported elements", "int"),
    "unsupported_elements": ("real gaps", "int"),
    "duplicated_elements": ("duplicated elements", "int"),
    "single_points_of_failure": ("single points of failure", "int"),
    "information_without_writer": ("information nobody writes", "int"),
    "flows": ("integration flows", "int"),
}


def _comparison(data: BoardData) -> str:
    frame = data.comparison
    if frame.empty:
        return '<p class="empty">No scenarios.</p>'
    columns = list(frame.columns[1:])
    head = "<th>measure</th>" + "".join(f'<th class="num">{esc(_short(c))}</th>' for c in columns)
    rows = []
    for record in frame.to_dict("records"):
        label, kind = _MEASURE_LABELS.get(str(record["measure"]), (str(record["measure"]), "int"))
        cells = []
        for c in columns:
            value = record[c]
            if pd.isna(value):
                text = ""
            elif kind == "money":
                text = money(float(value))
            elif kind == "months":
                text = f"{float(value):.1f}"
            else:
                text = f"{int(value):,}"
            cells.append(f'<td class="num">{esc(text)}</td>')
        rows.append(f"<tr><td>{esc(label)}</td>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _sections(data: BoardData, names: dict[str, str]) -> list[tuple[str, str, str]]:
    figures = board_figures(data)
    retire = data.retirements
    total: dict[str, object] = {"application": f"total, all {len(retire)}",
                                "annual_cost": retire["annual_cost"].fillna(0).sum(),
                                "exit_cost": retire["exit_cost"].fillna(0).sum(),
                                "net_saving": retire["net_saving"].sum()}
    gaps = data.unsupported[~data.unsupported["expected_gap"]] if len(data.unsupported) else data.unsupported
    expected = len(data.unsupported) - len(gaps)
    more = "and {n} more: see fora-model report "
    return [
        ("overview", "Overview", f'<section class="page" id="overview">{_overview(data)}</section>'),
        ("coverage", "Coverage", section(
            "coverage", "Coverage by goal",
            "How much of the work under each goal that needs a system has one; grey work needs none.",
            _figure_html(figures["coverage"], True, "coverage"))),
        ("landscape", "Landscape", section(
            "landscape", "Landscape map",
            "FORA's domains and main business functions with the applications that support each one. A header shows "
            "the worst state below it: a real gap, then work supported twice; amber applications are on a duplicate.",
            _figure_html(figures["landscape"], False, "landscape"))),
        ("duplications", "Duplication", section(
            "duplications", "Top duplications by cost",
            "Work supported by two or more applications; the cost is the supporting applications' combined annual "
            "cost (each counted in full, so rows do not add up). " + _inherited_note(data),
            table(data.duplicates, _duplicate_columns(data.include_inherited),
                  limit=14, empty="No element is supported by more than one application.",
                  more=more + "duplicates" + (" --include-inherited" if data.include_inherited else "")))),
        ("time", "TIME", section(
            "time", "Portfolio: TIME quadrant",
            "Functional against technical fit; bubble size is annual cost, colour the recommendation after "
            "redundancy, lifecycle and sole-support checks.",
            _figure_html(figures["time"], False, "time")
            + table(_time_table(data.time), [Column("recommendation", "recommendation"),
                                             Column("applications", "applications", "int"),
                                             Column("annual_cost", "annual cost", "money")],
                    limit=5, empty="No applications."))),
        ("retirements", "Retirements", section(
            "retirements", "Proposed retirements: savings and risks",
            "Applications whose work is all done by others. Retiring all of them leaves no work unsupported; the "
            "risks are work that would then rest on one application, and flows to rewire.",
            table(retire, [Column("application", "application", limit=30), Column("covered_by", "covered by", limit=40),
                           Column("annual_cost", "saving a year", "money"), Column("exit_cost", "exit cost", "money"),
                           Column("net_saving", "net first year", "money"),
                           Column("payback_months", "payback (months)", "months"),
                           Column("critical_single_supporter", "critical work left on one application", limit=60),
                           Column("broken_flows", "flows to rewire", limit=50)],
                  limit=12, empty="No application is fully covered by others: nothing to retire on redundancy.",
                  more=more + "savings", total=total))),
        ("gaps", "Gaps", section(
            "gaps", "Work without a system",
            f"Real gaps, most critical first; {expected} further element{'s' * (expected != 1)} need no system "
            "(expected gaps).",
            table(gaps, [Column("activity", "element", limit=50), Column("process", "process", limit=50),
                         Column("goals", "goals", limit=60), Column("criticality", "criticality")],
                  limit=15, empty="Every element that needs support has it.", more=more + "unsupported"))),
        ("privacy", "Privacy", section(
            "privacy", "Privacy and double entry",
            "Applications processing personal data without a signed processing agreement, with data outside the "
            "EU, or being retired; and information typed into several applications with no flow between them.",
            table(data.privacy, [Column("application", "application", limit=30),
                                 Column("personal_information", "personal data", limit=60),
                                 Column("issues", "issues", limit=70)],
                  limit=8, empty="No privacy findings.", more=more + "information")
            + "<h3>Information entered twice</h3>"
            + table(data.double_entry, [Column("information", "information", limit=40),
                                        Column("entry_points", "entered in", "int"),
                                        Column("groups", "applications (groups linked by a flow)", limit=90)],
                    limit=5, empty="No information is entered twice.", more=more + "information"))),
        ("renewals", "Renewals", section(
            "renewals", "Contracts ending in the next 24 months",
            "Decide before the notice date (contract end minus notice period), so that the decision counts.",
            table(data.renewals, [Column("application", "application", limit=30),
                                  Column("annual_cost", "annual cost", "money"),
                                  Column("contract_end", "contract end"), Column("notice_date", "notice date"),
                                  Column("window", "within"), Column("recommendation", "TIME"),
                                  Column("action", "action", limit=80)],
                  limit=15, empty="No contract ends in the next 24 months.", more=more + "contracts"))),
        ("scenarios", "Scenarios", section(
            "scenarios", "Scenarios side by side",
            "The current landscape and each scenario afterwards; the first scenario is the retirement proposal.",
            _comparison(data) + _scenario_lines(data.scenarios, names))),
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
) -> str:
    """The board pack as one HTML document (a string); options as :func:`board_data`.

    plotly.js is embedded once, with the first figure; nothing is loaded from anywhere else, and
    every piece of model text is escaped, in tables and figures alike. Given a ``board`` (the
    model is one of its schools), the board's pages follow
    (:func:`~fora_model.board_pack.board_section.board_sections`).
    """
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
