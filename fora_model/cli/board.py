"""The board part of the ``fora-model`` console script: reports over the schools of a board.

::

    fora-model board BOARDFILE report matrix|types|duplicates|savings|gaps|cost-per-pupil|renewals
                     [-o FILE] [--paths ...] [--delimiter ';'] [--bom] [--excel]
                     [--include-inherited] [--discount SHARE] [--across-sectors] [--today YYYY-MM-DD]
    fora-model board BOARDFILE pack -o FILE.html [--school NAME] [--today YYYY-MM-DD] [--paths ...]

BOARDFILE is a board file (``.json`` or ``.toml``, see :mod:`fora_model.io.board_file`); every
school's model is read and validated, and a problem is one line naming the board file, the school
and the field. The reports are the analyses of :mod:`fora_model.analysis.board`, written through
the same formula-safe CSV writer as every report. ``pack`` writes the board pack of one school (the
first by default) with the board's section added.
"""

from __future__ import annotations

import argparse
import datetime as _dt
from collections.abc import Callable
from typing import Any, TextIO

import pandas as pd

from ..analysis import board as analyses
from ..board import Board
from ..board_pack.report import write_board_report
from ..i18n import _
from ..io.board_file import read_board_file
from .output import emit_report

__all__ = ["BOARD_REPORTS", "add_board_command", "run_board_command"]

BOARD_REPORTS: dict[str, Callable[..., pd.DataFrame]] = {
    "matrix": lambda board, **_o: analyses.consolidation_matrix(board, by="product"),
    "types": lambda board, **_o: analyses.consolidation_matrix(board, by="system_type"),
    "duplicates": lambda board, *, paths=None, include_inherited=False, **_o: analyses.board_duplicates(
        board, paths=paths, include_inherited=include_inherited),
    "savings": lambda board, *, discount=0.0, by_sector=True, **_o: analyses.consolidation_savings(
        board, discount=discount, by_sector=by_sector),
    "gaps": lambda board, *, paths=None, **_o: analyses.board_gaps(board, paths=paths),
    "cost-per-pupil": lambda board, *, paths=None, **_o: analyses.cost_per_pupil(board, paths=paths),
    "renewals": lambda board, *, today=None, **_o: analyses.board_renewals(board, today=today),
}
"""Board report name → analysis of the board, taking the options it uses (the others are ignored)."""


def _date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text} is not a date; write it as YYYY-MM-DD", text=repr(text))) from None


def _share(text: str) -> float:
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        value = -1.0
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(_("{text} is not a share; write 0.1 or 10% for ten per cent",
                                           text=repr(text)))
    return value


def add_board_command(commands: Any) -> None:
    """Add ``board`` to the command parsers (``commands`` is argparse's subparsers action)."""
    board = commands.add_parser("board", help=_("reports over the schools of a board (a board file)"))
    board.add_argument("file", metavar="BOARDFILE", help=_("the board file (.json or .toml)"))
    actions = board.add_subparsers(dest="board_command", required=True, metavar="ACTION")
    report = actions.add_parser("report", help=_("write a board analysis as CSV"))
    report.add_argument("report", choices=list(BOARD_REPORTS), help=_("which report"))
    report.add_argument("-o", "--output", metavar="FILE", help=_("write the CSV here (default: standard output)"))
    report.add_argument("--delimiter", default=",", help=_("',' (default), ';' or tab"))
    report.add_argument("--bom", action="store_true", help=_("start the file with a UTF-8 byte-order mark"))
    report.add_argument("--excel", action="store_true", help=_("Dutch Excel preset: ';', BOM and decimal comma"))
    report.add_argument("--paths", default=None,
                        help=_("support paths to follow, comma-separated (default: direct,function,type,parent)"))
    report.add_argument("--include-inherited", action="store_true",
                        help=_("duplicates: also the rows that every school supports only through a process above"))
    report.add_argument("--discount", type=_share, default=0.0, metavar="SHARE",
                        help=_("savings: the volume discount a board contract is assumed to get (default 0)"))
    report.add_argument("--across-sectors", action="store_true",
                        help=_("savings: one product per system type for primary and secondary schools together "
                               "(default: per sector)"))
    report.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                        help=_("renewals: the date to count from (default: today)"))
    pack = actions.add_parser("pack", help=_("write a school's board pack with the board's section"))
    pack.add_argument("-o", "--output", metavar="FILE", required=True, help=_("the HTML file to write"))
    pack.add_argument("--school", default=None, help=_("the school whose pack it is (default: the first)"))
    pack.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help=_("the report date (default: today)"))
    pack.add_argument("--paths", default=None,
                      help=_("support paths to follow, comma-separated (default: direct,function,type,parent)"))


def run_board_command(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run ``board BOARDFILE report|pack``; returns the exit code."""
    board = read_board_file(args.file)
    if args.board_command == "pack":
        return _pack(board, args, stderr)
    frame = BOARD_REPORTS[args.report](board, paths=args.paths, include_inherited=args.include_inherited,
                                       discount=args.discount, by_sector=not args.across_sectors, today=args.today)
    if frame.empty:
        print(_("the {report} report has no rows: nothing on the board matches it", report=args.report), file=stderr)
    return emit_report(frame, args, stdout)


def _pack(board: Board, args: argparse.Namespace, stderr: TextIO) -> int:
    try:
        school = board.school(args.school) if args.school else board.schools[0]
    except KeyError:
        names = ", ".join(s.name for s in board.schools)
        raise ValueError(_("{file}: no school called {name} on the board — choose one of {names}",
                           file=args.file, name=repr(args.school), names=names)) from None
    size = write_board_report(school.model, args.output, today=args.today, paths=args.paths, board=board)
    print(_("wrote {file} ({size} MB)", file=args.output, size=f"{size / 1e6:.1f}"), file=stderr)
    return 0
