"""The ``fora-model`` console script.

::

    fora-model report duplicates MODEL [-o FILE] [--level application|system_type]
                      [--paths direct,function,type,parent[,serving]] [--include-inherited]
                      [--delimiter ';'] [--bom] [--excel] [--headers names|labels]
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

Every command takes ``--lang nl|en`` (before or after the command): the language of its help, its
messages and the validation findings; without it, the language of the model read, else
``$FORA_MODEL_LANG``, else English. ``report --headers labels`` writes the column labels of
:mod:`fora_model.columns` in that language instead of the column names (the default, ``names``,
is the same in every language).

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
from typing import Any, NoReturn, TextIO

import pandas as pd

from .. import analysis
from ..columns import localise_columns
from ..datasets import load_reference, load_sample
from ..errors import Finding, ForaModelError, ModelInvalidError, has_errors
from ..i18n import LANGUAGES, _, current_language, n_, set_language, use_language
from ..io import WRITERS, read_model, write_model, writer_format
from ..io.excel import write_template
from ..model import Model
from ..validate import validate
from .board import add_board_command, run_board_command
from .output import emit_report
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


HEADERS = ("names", "labels")
"""What ``report --headers`` may name: the machine column names, or their labels in the run's language."""


def _csv_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", help=_("write the CSV here (default: standard output)"))
    parser.add_argument("--delimiter", default=",", help=_("',' (default), ';' or tab"))
    parser.add_argument("--bom", action="store_true", help=_("start the file with a UTF-8 byte-order mark"))
    parser.add_argument("--excel", action="store_true", help=_("Dutch Excel preset: ';', BOM and decimal comma"))
    parser.add_argument("--headers", choices=HEADERS, default="names",
                        help=_("the header row: names (default: the column names scripts rely on, the same in "
                               "every language) or labels (the column labels in the language of the run)"))


def _analysis_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--level", choices=analysis.LEVELS,
                        help=_("supporters are applications or system types (default: applications "
                             "when any application supports anything)"))
    parser.add_argument("--paths", default=None,
                        help=_("support paths to follow, comma-separated (default: direct,function,type,parent); "
                             "add serving to count only Serving relations, as FORA counts (--paths serving: "
                             "all paths, Serving only)"))


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mapping", metavar="FILE",
                        help=_("JSON or CSV file overriding how ArchiMate types map to kinds"))
    parser.add_argument("--encoding", help=_("text encoding of a CSV model when it is not UTF-8 (e.g. cp1252)"))


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with its ``usage:`` heading in the language of the run."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose own words (the headings, ``-h``, the error line) are in the language
    of the run; argparse's descriptions of what is wrong stay its own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = _("positional arguments")
        self._optionals.title = _("options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = _("show this help message and exit")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, _("{prog}: error: {message}", prog=self.prog, message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the documentation test)."""
    parser = _Parser(
        prog="fora-model",
        description=_("Model a school's information landscape the FORA way and rationalise its applications."),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    report = commands.add_parser("report", help=_("write an analysis as CSV"))
    report.add_argument("report", choices=sorted(REPORTS), help=_("which report"))
    report.add_argument("model", metavar="MODEL", help=_("the model file"))
    _model_options(report)
    _analysis_options(report)
    _csv_options(report)
    report.add_argument("--real-gaps-only", action="store_true",
                        help=_("unsupported: leave expected gaps (needs_support false) out"))
    report.add_argument("--include-inherited", action="store_true",
                        help=_("duplicates: also list the inherited rows (marked in inherited_from); "
                             "by default only the root rows"))
    report.add_argument("--governance", nargs="+", action="extend", metavar="PATTERN",
                        help=_("structure: name parts (any case) that suggest governance work, replacing the "
                               "defaults ({defaults}); --governance '' for none",
                               defaults=", ".join(analysis.GOVERNANCE_PATTERNS)))
    add_report_options(report)

    check = commands.add_parser("validate", help=_("list the model's findings; exit 1 on errors"))
    check.add_argument("model", metavar="MODEL")
    _model_options(check)

    stats = commands.add_parser("stats", help=_("counts and headline figures"))
    stats.add_argument("model", metavar="MODEL")
    stats.add_argument("--level", choices=analysis.LEVELS)
    _model_options(stats)

    sample = commands.add_parser("sample", help=_("write the sample school (or the reference model)"))
    sample.add_argument("-o", "--output", metavar="FILE", required=True)
    sample.add_argument("--reference", action="store_true", help=_("write the reference model instead"))
    sample.add_argument("--force", action="store_true", help=_("overwrite an existing file"))

    convert = commands.add_parser("convert", help=_("write MODEL in the format OUT names"))
    convert.add_argument("model", metavar="MODEL")
    convert.add_argument("-o", "--output", metavar="OUT", required=True,
                         help=_(".json, .xlsx, .xml, .archimate, a folder named model for coArchi, or another "
                              "folder for Archi CSV"))
    convert.add_argument("--format", choices=sorted(WRITERS),
                         help=_("the format to write, whatever OUT is named (coarchi: OUT is the repository folder)"))
    convert.add_argument("--force", action="store_true", help=_("overwrite an existing, non-empty OUT"))
    convert.add_argument("--views", action="store_true",
                         help=_("exchange XML only: add a diagram per process with parts (its parts and what "
                              "supports them), besides the model's own views"))
    _model_options(convert)

    template = commands.add_parser("template", help=_("write the empty workbook to fill in"))
    template.add_argument("-o", "--output", metavar="FILE", required=True)
    template.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    add_workspace_commands(commands)
    add_rationalisation_commands(commands)
    add_board_command(commands)
    _add_language_option(parser)
    return parser


LANGUAGE_VARIABLE = "FORA_MODEL_LANG"
"""The environment variable naming the language of a run when ``--lang`` does not (``nl`` or ``en``)."""


def _add_language_option(parser: argparse.ArgumentParser, top: bool = True) -> None:
    """``--lang`` on ``parser`` and on every command below it (``fora-model --lang nl validate …`` and
    ``fora-model validate … --lang nl`` both work; a command's own ``--lang`` wins)."""
    if any("--lang" in action.option_strings for action in parser._actions):
        return  # the command has its own --lang (board-report: the pack's language)
    parser.add_argument("--lang", choices=sorted(LANGUAGES), default=None if top else argparse.SUPPRESS,
                        help=_("the language of the messages: nl or en (default: the model's language when a "
                               "model is read, else ${variable}, else English)", variable=LANGUAGE_VARIABLE))
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                _add_language_option(sub, top=False)


def _asked_language(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` names in ``argv`` (read before the parser is built, so that its help
    texts are in that language), or None."""
    for n, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and n + 1 < len(argv):
            return argv[n + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def _run_language(argv: Sequence[str]) -> str:
    """The language a run starts in: ``--lang``, else ``$FORA_MODEL_LANG``, else English."""
    asked = _asked_language(argv)
    if asked in LANGUAGES:
        return asked
    with use_language(os.environ.get(LANGUAGE_VARIABLE) or None) as language:
        return language


def adopt_model_language(model: Model, args: argparse.Namespace) -> str:
    """Speak the model's language from now on in this run, unless ``--lang`` chose one (a model that
    states no language fora-model speaks leaves the language as it is); returns the language spoken."""
    if getattr(args, "lang", None) is None and model.language in LANGUAGES:
        return set_language(model.language)
    return current_language()


def _read_options(args: argparse.Namespace) -> dict[str, Any]:
    return {"mapping": getattr(args, "mapping", None), "encoding": getattr(args, "encoding", None)}


def _load(source: str, out: TextIO, options: dict[str, Any] | None = None,
          args: argparse.Namespace | None = None) -> Model:
    """Read and validate a model (speaking its language, see :func:`adopt_model_language`); print
    findings and raise ModelInvalidError on errors."""
    result = read_model(source, **(options or {}))
    if args is not None:
        adopt_model_language(result.model, args)
    findings = result.findings + validate(result.model)
    if has_errors(findings):
        _print_findings([f for f in findings if f.is_error], out)
        raise ModelInvalidError(findings, source)
    return result.model


_ABOUT_APPLICATIONS = frozenset({"contracts", "impact", "orphans", "overlap", "retirements", "savings", "time"})


def _why_empty(model: Model, report: str) -> str:
    """The sentence saying why a report came out empty."""
    if not model.elements:
        return _("the model is empty")
    if report in _ABOUT_APPLICATIONS and not model.elements_of("application"):
        return _("the model has no applications")
    if report == "structure":
        return _("no orphan, placeholder or governance-looking element was found")
    return _("nothing in the model matches it")


def _print_findings(findings: Sequence[Finding], out: TextIO) -> None:
    for f in findings:
        where = f.location or ""
        print("\t".join([f.severity.value, f.reason.value, f.element or "-", where or "-", f.message,
                         f.hint or "-"]), file=out)


def _run(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    if args.command == "report":
        model = _load(args.model, stderr, _read_options(args), args)
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
            print(_("the {report} report has no rows: {why}", report=args.report, why=_why_empty(model, args.report)),
                  file=stderr)
        if args.headers == "labels":
            frame = localise_columns(frame)
        return emit_report(frame, args, stdout)
    if args.command == "validate":
        result = read_model(args.model, **_read_options(args))
        adopt_model_language(result.model, args)
        findings = result.findings + validate(result.model)
        _print_findings(findings, stdout)
        errors = sum(f.is_error for f in findings)
        print(n_("{n} error", "{n} errors", errors) + ", "
              + n_("{n} other finding", "{n} other findings", len(findings) - errors), file=stderr)
        return 1 if errors else 0
    if args.command == "stats":
        model = _load(args.model, stderr, _read_options(args), args)
        for measure, value in analysis.model_stats(model, level=args.level).itertuples(index=False):
            print(f"{measure}\t{value}", file=stdout)
        return 0
    if args.command == "sample":
        target = Path(args.output)
        if target.exists() and not args.force:
            raise ForaModelError(_("{target}: already exists — choose another name or add --force", target=target))
        write_model(load_reference() if args.reference else load_sample(), target)
        print(_("wrote {target}", target=target), file=stderr)
        return 0
    if args.command == "convert":
        target = Path(args.output)
        fmt = args.format or writer_format(target)
        if args.views and fmt != "xml":
            raise ForaModelError(_("{target}: --views adds diagrams to exchange XML only — name OUT FILE.xml, "
                                   "or leave --views out", target=target))
        _refuse_existing(target, args.force)
        result = read_model(args.model, **_read_options(args))
        adopt_model_language(result.model, args)
        findings = result.findings + validate(result.model)
        if has_errors(findings):
            _print_findings([f for f in findings if f.is_error], stderr)
            raise ModelInvalidError(findings, args.model)
        _print_findings(result.findings, stderr)  # what the import could not keep, said out loud
        _print_findings(list(WRITERS[fmt](result.model, target, **({"views": "process"} if args.views else {}))
                             or []), stderr)
        print(_("wrote {target}", target=target), file=stderr)
        return 0
    if args.command == "template":
        target = Path(args.output)
        if target.suffix.lower() != ".xlsx":
            raise ForaModelError(_("{target}: the template is a workbook — name it FILE.xlsx", target=target))
        _refuse_existing(target, args.force)
        write_template(target)
        print(_("wrote {target}", target=target), file=stderr)
        return 0
    if args.command == "workspace":
        return run_workspace_command(args, stdout, stderr)
    if args.command == "board":
        return run_board_command(args, stdout, stderr)
    if args.command == "board-report":
        return run_board_report(args, _load(args.model, stderr, _read_options(args), args), stdout, stderr)
    raise AssertionError(args.command)  # pragma: no cover - argparse refuses other commands


def _refuse_existing(target: Path, force: bool) -> None:
    occupied = target.is_file() or (target.is_dir() and any(target.iterdir()))
    if occupied and not force:
        raise ForaModelError(_("{target}: already exists and is not empty — choose another name or add --force",
                               target=target))


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    words = list(sys.argv[1:] if argv is None else argv)
    with use_language(_run_language(words)):
        return _main(words, out, err)


def _main(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
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
        return 2, _("fora-model: error: {problem}", problem=" ".join(str(exc).split()))
    if isinstance(exc, KeyboardInterrupt):
        return 130, _("fora-model: interrupted; nothing more was written")
    subject = _subject(args)
    if isinstance(exc, (RecursionError, MemoryError)):
        return 2, _("fora-model: error: {subject}the model is too large or nested too deeply to process "
                    "({error}) — flatten deep nesting or split the model", subject=subject,
                    error=type(exc).__name__)
    if isinstance(exc, OSError):  # an output path that cannot be written, a full disk...
        where = f"{exc.filename}: " if exc.filename else subject
        return 2, _("fora-model: error: {where}{problem} — check the path, its permissions and free space",
                    where=where, problem=exc.strerror or exc)
    if isinstance(exc, SystemExit):
        return int(exc.code) if isinstance(exc.code, int) else 2, f"fora-model: {exc.code}"
    detail = " ".join(str(exc).split())[:200]
    return INTERNAL_ERROR, _("fora-model: internal error: {subject}{error}{detail} — this is a fault in "
                             "fora-model, not in your file; please report it with the command you ran",
                             subject=subject, error=type(exc).__name__, detail=": " + detail if detail else "")


def _subject(args: argparse.Namespace | None) -> str:
    """``MODEL: `` of the command being run, for messages about it ('' when it names none)."""
    model = getattr(args, "model", None) or getattr(args, "file", None)
    return f"{model}: " if model else ""


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
