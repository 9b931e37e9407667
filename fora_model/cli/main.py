"""The ``fora-model`` console script.

::

    fora-model report duplicates MODEL [-o FILE] [--level application|system_type]
                      [--paths direct,function,type,parent[,serving]] [--include-inherited]
                      [--delimiter ';'] [--bom] [--excel]
    fora-model report unsupported|overlap|orphans|coverage|matrix MODEL [...]
    fora-model report structure MODEL [--governance PATTERN ...]
    fora-model validate MODEL
    fora-model stats MODEL
    fora-model sample -o FILE [--reference]
    fora-model convert MODEL -o OUT [--force] [--views]
    fora-model template -o FILE.xlsx [--force]
    fora-model workspace list | export NAME -o FILE | import FILE --name NAME [--replace] | history NAME
    fora-model report time|savings|retirements|spof|impact|information|contracts MODEL [...] [--today DATE]
    fora-model board-report MODEL [--scenario NAME|FILE]... -o report.html [--include-inherited]
    fora-model board BOARDFILE report matrix|types|duplicates|savings|gaps|cost-per-pupil|renewals [-o FILE]
    fora-model board BOARDFILE pack -o report.html [--school NAME]

MODEL is a ``.json``, ``.xlsx``, exchange ``.xml`` or Archi ``.archimate`` file, an Archi
``…elements.csv`` (or the folder holding the three CSV files), or a coArchi folder. Every command
that reads MODEL takes ``--mapping FILE`` (ArchiMate type → kind overrides) and ``--encoding``
(for CSV that is not UTF-8). MODEL may also be ``workspace:NAME`` (or ``workspace:NAME@REVISION``),
a model kept in the workspace.

Exit codes: 0 success; 1 the model has errors (findings printed); 2 a usage or file error
(one line saying what is wrong and how to fix it); 70 a fault in fora-model itself (one line
naming the command's model; ``FORA_MODEL_TRACEBACK=1`` shows the traceback). Never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from .. import analysis
from ..datasets import load_reference, load_sample
from ..errors import Finding, ForaModelError, ModelInvalidError, has_errors
from ..io import WRITERS, read_model, write_model, writer_format
from ..io.excel import write_template
from ..model import Model
from ..reports import report_csv, write_report
from ..validate import validate
from .board import add_board_command, run_board_command
from .rationalisation import (
    RATIONALISATION_REPORTS,
    add_rationalisation_commands,
    add_report_options,
    report_options,
    run_board_report,
)
from .workspace import add_workspace_commands, run_workspace_command

__all__ = ["INTERNAL_ERROR", "REPORTS", "build_parser", "failure", "main"]

REPORTS: dict[str, Callable[..., pd.DataFrame]] = {
    "duplicates": analysis.duplicated_activities,
    "unsupported": analysis.unsupported_activities,
    "overlap": analysis.application_overlap,
    "orphans": analysis.orphan_applications,
    "coverage": analysis.goal_coverage,
    "matrix": analysis.support_matrix,
    "structure": analysis.structure_findings,
    **RATIONALISATION_REPORTS,
}
"""Report name → analysis; every report takes ``level`` and ``paths``."""


def _csv_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help="write the CSV here (default: standard output)")
    parser.add_argument("--delimiter", default=",", help="',' (default), ';' or tab")
    parser.add_argument("--bom", action="store_true", help="start the file with a UTF-8 byte-order mark")
    parser.add_argument("--excel", action="store_true", help="Dutch Excel preset: ';', BOM and decimal comma")


def _analysis_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--level", choices=analysis.LEVELS,
                        help="supporters are applications or system types (default: applications "
                             "when any application supports anything)")
    parser.add_argument("--paths", default=None,
                        help="support paths to follow, comma-separated (default: direct,function,type,parent); "
                             "add serving to count only Serving relations, as FORA counts (--paths serving: "
                             "all paths, Serving only)")


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mapping", metavar="FILE",
                        help="JSON or CSV file overriding how ArchiMate types map to kinds")
    parser.add_argument("--encoding", help="text encoding of a CSV model when it is not UTF-8 (e.g. cp1252)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the documentation test)."""
    parser = argparse.ArgumentParser(
        prog="fora-model",
        description="Model a school's information landscape the FORA way and rationalise its applications.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    report = commands.add_parser("report", help="write an analysis as CSV")
    report.add_argument("report", choices=sorted(REPORTS), help="which report")
    report.add_argument("model", metavar="MODEL", help="the model file")
    _model_options(report)
    _analysis_options(report)
    _csv_options(report)
    report.add_argument("--real-gaps-only", action="store_true",
                        help="unsupported: leave expected gaps (needs_support false) out")
    report.add_argument("--include-inherited", action="store_true",
                        help="duplicates: also list the inherited rows (marked in inherited_from); "
                             "by default only the root rows")
    report.add_argument("--governance", nargs="+", action="extend", metavar="PATTERN",
                        help="structure: name parts (any case) that suggest governance work, replacing the "
                             f"defaults ({', '.join(analysis.GOVERNANCE_PATTERNS)}); --governance '' for none")
    add_report_options(report)

    check = commands.add_parser("validate", help="list the model's findings; exit 1 on errors")
    check.add_argument("model", metavar="MODEL")
    _model_options(check)

    stats = commands.add_parser("stats", help="counts and headline figures")
    stats.add_argument("model", metavar="MODEL")
    stats.add_argument("--level", choices=analysis.LEVELS)
    _model_options(stats)

    sample = commands.add_parser("sample", help="write the sample school (or the reference model)")
    sample.add_argument("-o", "--output", metavar="FILE", required=True)
    sample.add_argument("--reference", action="store_true", help="write the reference model instead")
    sample.add_argument("--force", action="store_true", help="overwrite an existing file")

    convert = commands.add_parser("convert", help="write MODEL in the format OUT names")
    convert.add_argument("model", metavar="MODEL")
    convert.add_argument("-o", "--output", metavar="OUT", required=True,
                         help=".json, .xlsx, .xml, .archimate, a folder named model for coArchi, or another "
                              "folder for Archi CSV")
    convert.add_argument("--format", choices=sorted(WRITERS),
                         help="the format to write, whatever OUT is named (coarchi: OUT is the repository folder)")
    convert.add_argument("--force", action="store_true", help="overwrite an existing, non-empty OUT")
    convert.add_argument("--views", action="store_true",
                         help="exchange XML only: add a diagram per process with parts (its parts and what "
                              "supports them), besides the model's own views")
    _model_options(convert)

    template = commands.add_parser("template", help="write the empty workbook to fill in")
    template.add_argument("-o", "--output", metavar="FILE", required=True)
    template.add_argument("--force", action="store_true", help="overwrite an existing file")
    add_workspace_commands(commands)
    add_rationalisation_commands(commands)
    add_board_command(commands)
    return parser


def _read_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"mapping": getattr(args, "mapping", None), "encoding": getattr(args, "encoding", None)}


def _load(source: str, out: TextIO, options: dict[str, Any] | None = None) -> Model:
    """Read and validate a model; print findings and raise ModelInvalidError on errors."""
    result = read_model(source, **(options or {}))
    findings = result.findings + validate(result.model)
    if has_errors(findings):
        _print_findings([f for f in findings if f.is_error], out)
        raise ModelInvalidError(findings, source)
    return result.model


_ABOUT_APPLICATIONS = frozenset({"contracts", "impact", "orphans", "overlap", "retirements", "savings", "time"})


def _why_empty(model: Model, report: str) -> str:
    """The sentence saying why a report came out empty."""
    if not model.elements:
        return "the model is empty"
    if report in _ABOUT_APPLICATIONS and not model.elements_of("application"):
        return "the model has no applications"
    if report == "structure":
        return "no orphan, placeholder or governance-looking element was found"
    return "nothing in the model matches it"


def _print_findings(findings: Sequence[Finding], out: TextIO) -> None:
    for f in findings:
        where = f.location or ""
        print("\t".join([f.severity.value, f.reason.value, f.element or "-", where or "-", f.message,
                         f.hint or "-"]), file=out)


def _run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    if args.command == "report":
        model = _load(args.model, stderr, _read_options(args))
        options: dict[str, Any] = {"level": args.level, "paths": args.paths}
        if args.report == "unsupported" and args.real_gaps_only:
            options["include_expected"] = False
        if args.report == "duplicates":
            options["include_inherited"] = args.include_inherited
        if args.report == "structure":
            options["governance"] = args.governance
        options.update(report_options(args))
        frame = REPORTS[args.report](model, **options)
        if frame.empty:
            print(f"the {args.report} report has no rows: {_why_empty(model, args.report)}", file=stderr)
        csv_options = {"delimiter": args.delimiter, "bom": args.bom, "excel": args.excel}
        if args.output:
            write_report(frame, args.output, **csv_options)
        else:
            stdout.flush()
            data = report_csv(frame, **csv_options)
            buffer = getattr(stdout, "buffer", None)
            if buffer is not None:
                buffer.write(data)
                buffer.flush()
            else:
                stdout.write(data.decode("utf-8"))
        return 0
    if args.command == "validate":
        result = read_model(args.model, **_read_options(args))
        findings = result.findings + validate(result.model)
        _print_findings(findings, stdout)
        errors = sum(f.is_error for f in findings)
        print(f"{errors} errors, {len(findings) - errors} other findings", file=stderr)
        return 1 if errors else 0
    if args.command == "stats":
        model = _load(args.model, stderr, _read_options(args))
        for measure, value in analysis.model_stats(model, level=args.level).itertuples(index=False):
            print(f"{measure}\t{value}", file=stdout)
        return 0
    if args.command == "sample":
        target = Path(args.output)
        if target.exists() and not args.force:
            raise ForaModelError(f"{target}: already exists — choose another name or add --force")
        write_model(load_reference() if args.reference else load_sample(), target)
        print(f"wrote {target}", file=stderr)
        return 0
    if args.command == "convert":
        target = Path(args.output)
        fmt = args.format or writer_format(target)
        if args.views and fmt != "xml":
            raise ForaModelError(f"{target}: --views adds diagrams to exchange XML only — name OUT FILE.xml, "
                                 "or leave --views out")
        _refuse_existing(target, args.force)
        result = read_model(args.model, **_read_options(args))
        findings = result.findings + validate(result.model)
        if has_errors(findings):
            _print_findings([f for f in findings if f.is_error], stderr)
            raise ModelInvalidError(findings, args.model)
        _print_findings(result.findings, stderr)  # what the import could not keep, said out loud
        _print_findings(list(WRITERS[fmt](result.model, target, **({"views": "process"} if args.views else {}))
                             or []), stderr)
        print(f"wrote {target}", file=stderr)
        return 0
    if args.command == "template":
        target = Path(args.output)
        if target.suffix.lower() != ".xlsx":
            raise ForaModelError(f"{target}: the template is a workbook — name it FILE.xlsx")
        _refuse_existing(target, args.force)
        write_template(target)
        print(f"wrote {target}", file=stderr)
        return 0
    if args.command == "workspace":
        return run_workspace_command(args, stdout, stderr)
    if args.command == "board":
        return run_board_command(args, stdout, stderr)
    if args.command == "board-report":
        return run_board_report(args, _load(args.model, stderr, _read_options(args)), stdout, stderr)
    raise AssertionError(args.command)  # pragma: no cover - argparse refuses other commands


def _refuse_existing(target: Path, force: bool) -> None:
    occupied = target.is_file() or (target.is_dir() and any(target.iterdir()))
    if occupied and not force:
        raise ForaModelError(f"{target}: already exists and is not empty — choose another name or add --force")


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error
        return int(exc.code or 0)
    try:
        return _run(args, out, err)
    except BaseException as exc:  # the one place a failure becomes one line and an exit code
        code, line = failure(exc, args)
        if code == INTERNAL_ERROR and os.environ.get("FORA_MODEL_TRACEBACK"):
            raise
        print(line, file=err)
        return code


INTERNAL_ERROR = 70
"""The exit code of a fault in fora-model itself (``EX_SOFTWARE``), kept apart from 1 and 2, which
say the input is wrong; set ``FORA_MODEL_TRACEBACK=1`` to see the traceback instead."""


def failure(exc: BaseException, args: argparse.Namespace | None = None) -> tuple[int, str]:
    """The exit code and the one line printed for ``exc``: 1 for a model with errors, 2 for a file or
    usage problem (what to fix), 130 for an interrupt, :data:`INTERNAL_ERROR` for anything else,
    naming the command and model so the fault can be reported. Never a traceback."""
    if isinstance(exc, ModelInvalidError):
        return 1, f"fora-model: {exc}"
    if isinstance(exc, (ForaModelError, ValueError)):
        return 2, f"fora-model: error: {' '.join(str(exc).split())}"
    if isinstance(exc, KeyboardInterrupt):
        return 130, "fora-model: interrupted; nothing more was written"
    subject = _subject(args)
    if isinstance(exc, (RecursionError, MemoryError)):
        return 2, (f"fora-model: error: {subject}the model is too large or nested too deeply to process "
                   f"({type(exc).__name__}) — flatten deep nesting or split the model")
    if isinstance(exc, OSError):  # an output path that cannot be written, a full disk...
        where = f"{exc.filename}: " if exc.filename else subject
        return 2, f"fora-model: error: {where}{exc.strerror or exc} — check the path, its permissions and free space"
    if isinstance(exc, SystemExit):
        return int(exc.code) if isinstance(exc.code, int) else 2, f"fora-model: {exc.code}"
    detail = " ".join(str(exc).split())[:200]
    return INTERNAL_ERROR, (f"fora-model: internal error: {subject}{type(exc).__name__}"
                            f"{': ' + detail if detail else ''} — this is a fault in fora-model, not in your "
                            "file; please report it with the command you ran")


def _subject(args: argparse.Namespace | None) -> str:
    """``MODEL: `` of the command being run, for messages about it ('' when it names none)."""
    model = getattr(args, "model", None) or getattr(args, "file", None)
    return f"{model}: " if model else ""


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
