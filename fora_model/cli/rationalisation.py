"""The rationalisation part of the ``fora-model`` console script.

::

    fora-model report time|savings|retirements|spof|impact|information|contracts MODEL [-o FILE]
                      [--paths ...] [--delimiter ';'] [--bom] [--excel] [--today YYYY-MM-DD]
    fora-model board-report MODEL [--scenario NAME|FILE]... -o report.html [--lang nl|en]
                      [--today YYYY-MM-DD] [--paths ...] [--title TEXT] [--figures DIR]
                      [--include-inherited]

The reports go through the same CSV writer and take the same options as the core reports
(:mod:`fora_model.cli.main` registers :data:`RATIONALISATION_REPORTS` next to its own). TIME,
savings, retirements, impact and contracts are about applications: ``--level system_type`` is
refused for them with a one-line error; ``spof`` and ``information`` take both levels
(``information`` on a pure reference model defaults to system types). The board pack lists the
root duplicates; ``--include-inherited`` lists the inherited ones too, marked.
"""

from __future__ import annotations

import argparse
import datetime as _dt
from collections.abc import Callable
from typing import Any, TextIO

import pandas as pd

from ..analysis.continuity import application_impact, single_points_of_failure
from ..analysis.contracts import contract_renewals
from ..analysis.information import information_findings
from ..analysis.savings import proposed_retirements, redundancy_savings
from ..analysis.scenario_files import find_scenario
from ..analysis.time import time_recommendations
from ..board_pack.figures import figure_images
from ..board_pack.report import board_data, board_figures, write_board_report
from ..formatting import number
from ..i18n import LANGUAGES, _, n_, use_language
from ..model import Model

__all__ = [
    "RATIONALISATION_REPORTS",
    "add_rationalisation_commands",
    "add_report_options",
    "report_options",
    "run_board_report",
]

RATIONALISATION_REPORTS: dict[str, Callable[..., pd.DataFrame]] = {
    "time": time_recommendations,
    "savings": redundancy_savings,
    "retirements": proposed_retirements,
    "spof": single_points_of_failure,
    "impact": application_impact,
    "information": information_findings,
    "contracts": contract_renewals,
}
"""Report name → analysis; each takes the model and the keywords ``level`` and ``paths``."""


def _date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text} is not a date; write it as YYYY-MM-DD", text=repr(text))) from None


def add_report_options(report: argparse.ArgumentParser) -> None:
    """Options of ``report`` that only the rationalisation reports use."""
    report.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                        help=_("contracts: the date to count from (default: today)"))


def report_options(args: argparse.Namespace) -> dict[str, Any]:
    """Extra keyword arguments for the chosen report (``today`` for contracts)."""
    if args.report == "contracts" and getattr(args, "today", None) is not None:
        return {"today": args.today}
    return {}


def add_rationalisation_commands(commands: Any) -> None:
    """Add ``board-report`` to the command parsers (``commands`` is argparse's subparsers action)."""
    board = commands.add_parser("board-report", help=_("write the board pack: one offline HTML file"))
    board.add_argument("model", metavar="MODEL", help=_("the model file (or workspace:NAME)"))
    board.add_argument("-o", "--output", metavar="FILE", required=True, help=_("the HTML file to write"))
    board.add_argument("--scenario", action="append", default=None, metavar="NAME|FILE",
                       help=_("compare this scenario (saved with the model, or a scenario JSON file); repeatable; "
                            "default: every scenario saved with the model"))
    board.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help=_("the report date (default: today)"))
    board.add_argument("--paths", default=None,
                       help=_("support paths to follow, comma-separated (default: direct,function,type,parent); "
                            "add serving to count only Serving relations"))
    board.add_argument("--include-inherited", action="store_true",
                       help=_("also list the duplicates that only repeat one of a process above them "
                            "(marked with that process); by default only the root rows"))
    board.add_argument("--title", default=None, help=_("the report title (default: from the model's name)"))
    board.add_argument("--figures", metavar="DIR", default=None,
                       help=_("also write the figures as PNG files here, where kaleido finds a Chrome"))
    board.add_argument("--mapping", metavar="FILE",
                       help=_("JSON or CSV file overriding how ArchiMate types map to kinds"))
    board.add_argument("--encoding", help=_("text encoding of a CSV model when it is not UTF-8 (e.g. cp1252)"))
    # SUPPRESS: an absent --lang leaves whatever a wider option set, and the model's language decides
    board.add_argument("--lang", choices=sorted(LANGUAGES), default=argparse.SUPPRESS,
                       help=_("the language of the pack (default: the model's language)"))


def run_board_report(args: argparse.Namespace, model: Model, stdout: TextIO, stderr: TextIO) -> int:
    """Run ``board-report`` on a loaded, valid model; returns the exit code."""
    scenarios = None if args.scenario is None else [find_scenario(model, s) for s in args.scenario]
    options: dict[str, Any] = {"scenarios": scenarios, "today": args.today, "paths": args.paths,
                               "title": args.title, "include_inherited": args.include_inherited}
    language = getattr(args, "lang", None) or model.language
    size = write_board_report(model, args.output, language=language, **options)
    print(_("wrote {target} ({size} MB)", target=args.output, size=number(size / 1e6, 1)), file=stderr)
    if args.figures:
        with use_language(language):
            figures = board_figures(board_data(model, **options))
        written = figure_images(figures, args.figures)
        if written:
            print(n_("wrote {n} figure to {folder}", "wrote {n} figures to {folder}", len(written),
                     folder=args.figures), file=stderr)
        else:
            print(_("figures not written: static export needs kaleido and a Chrome it can find"), file=stderr)
    return 0
