"""Where a report goes: the file ``-o`` names, or standard output (as bytes when it has a buffer, so a
BOM and line ends reach it as written)."""

from __future__ import annotations

import argparse
from typing import TextIO

import pandas as pd

from ..reports import report_csv, write_report

__all__ = ["emit_report"]


def emit_report(frame: pd.DataFrame, args: argparse.Namespace, stdout: TextIO) -> int:
    """Write ``frame`` as CSV with the command's ``--delimiter``, ``--bom`` and ``--excel`` options to
    ``args.output`` or to ``stdout``; returns the exit code (0)."""
    options = {"delimiter": args.delimiter, "bom": args.bom, "excel": args.excel}
    if args.output:
        write_report(frame, args.output, **options)
        return 0
    stdout.flush()
    data = report_csv(frame, **options)
    buffer = getattr(stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:
        stdout.write(data.decode("utf-8"))
    return 0
