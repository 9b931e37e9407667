"""Time the analyses on synthetic models of three sizes, next to a plain pandas baseline.

For each size (``school``, ``board``, ``national``; see ``synthetic.py``) a fresh Python process
builds the model, then times, on the model in memory:

* the per-element reports ``duplicated_activities``, ``unsupported_activities``,
  ``goal_coverage`` and ``orphan_applications``, each **cold** (first call on a fresh
  ``model.copy()``, so the memoised tables, hierarchy and support resolution are rebuilt) and
  **warm** (called again on the same model), and all four cold on one copy, as a dashboard
  opening a model would;
* ``application_overlap`` and ``support_matrix``, cold and warm;
* the **baseline**: ``df.groupby("target")["source"].nunique()`` over a DataFrame of the same
  model's ``supports`` relations (source and target ids), built before timing;
* building the model and writing and reading it as native JSON.

Figures are medians of ``--repeats`` runs. Peak memory is the process's peak RSS, read after the
per-element reports, after all analyses and after the JSON round trip; each size runs in its own
process, so it is that size's peak.

Usage::

    python benchmarks/bench_analyses.py                      # all three sizes
    python benchmarks/bench_analyses.py --sizes school,board --repeats 5 --json benchmarks/results/run.json
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

if importlib.util.find_spec("fora_model") is None:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import PRESETS, synthetic_model

import fora_model as fm
from fora_model.io.native import read_json, write_json

PER_ELEMENT: dict[str, Callable[[fm.Model], pd.DataFrame]] = {
    "duplicated_activities": fm.duplicated_activities,
    "unsupported_activities": fm.unsupported_activities,
    "goal_coverage": fm.goal_coverage,
    "orphan_applications": fm.orphan_applications,
}
"""The per-element reports (one row per element, or per goal built from per-element support)."""

PAIRWISE: dict[str, Callable[[fm.Model], pd.DataFrame]] = {
    "application_overlap": fm.application_overlap,
    "support_matrix": fm.support_matrix,
}
"""Reports whose size is not bounded by the number of elements, timed separately."""

BOARD_SECONDS = 0.5
"""Target: every report on the board model in under half a second."""
NATIONAL_RATIO = 5.0
"""Target: national per-element reports at most 5x the pandas baseline."""
NATIONAL_RSS_MB = 2048.0
"""Target: national peak memory at most 2 GB."""

RESULT_PREFIX = "RESULT "


# ---------------------------------------------------------------------------- measuring (worker)
def _peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (ru_maxrss is KB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _rss_mb() -> float:
    """Current resident set size, in MB."""
    try:
        import psutil
    except ImportError:  # pragma: no cover - psutil is a dev dependency
        return float("nan")
    return float(psutil.Process().memory_info().rss) / (1024 * 1024)


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def _median(times: list[float]) -> float:
    return float(statistics.median(times))


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _time_report(model: fm.Model, fn: Callable[[fm.Model], pd.DataFrame], repeats: int) -> dict[str, Any]:
    """Cold (fresh copy each run) and warm (same model again) medians, and the row count."""
    cold: list[float] = []
    rows = 0
    for _ in range(repeats):
        fresh = model.copy()
        seconds, frame = _timed(lambda fresh=fresh: fn(fresh))
        cold.append(seconds)
        rows = len(frame)
        del frame, fresh
    warm_model = model.copy()
    fn(warm_model)
    warm = [_timed(lambda m=warm_model: fn(m))[0] for _ in range(repeats)]
    del warm_model
    return {"cold": _median(cold), "warm": _median(warm), "cold_runs": cold, "warm_runs": warm, "rows": rows}


def _supports_frame(model: fm.Model) -> pd.DataFrame:
    relations = model.relations_of(fm.RelationKind.SUPPORTS)
    return pd.DataFrame({"source": [r.source for r in relations], "target": [r.target for r in relations]})


def measure(size: str, repeats: int, seed: int, io: bool = True, pairwise_repeats: int | None = None) -> dict[str, Any]:
    """Every figure for one size, measured in this process."""
    if pairwise_repeats is None:
        pairwise_repeats = 1 if size == "national" else repeats
    result: dict[str, Any] = {"size": size, "seed": seed, "repeats": repeats, "pairwise_repeats": pairwise_repeats}
    _log(f"[{size}] building the model")
    build, model = _timed(lambda: synthetic_model(size, seed))
    result.update(elements=len(model.elements), relations=len(model.relations), build_seconds=build,
                  rss_model_mb=_rss_mb())
    _log(f"[{size}] {model!r} built in {build:.2f} s")

    supports = _supports_frame(model)
    result["supports"] = len(supports)
    supports.groupby("target")["source"].nunique()  # warm-up, untimed
    baseline = [_timed(lambda: supports.groupby("target")["source"].nunique())[0] for _ in range(repeats)]
    result["baseline"] = {"seconds": _median(baseline), "runs": baseline}
    _log(f"[{size}] baseline groupby nunique: {_median(baseline):.4f} s")

    reports: dict[str, Any] = {}
    for name, fn in PER_ELEMENT.items():
        reports[name] = _time_report(model, fn, repeats)
        _log(f"[{size}] {name}: cold {reports[name]['cold']:.3f} s, warm {reports[name]['warm']:.3f} s")
    together = []
    for _ in range(repeats):
        fresh = model.copy()
        together.append(_timed(lambda fresh=fresh: [fn(fresh) for fn in PER_ELEMENT.values()])[0])
        del fresh
    reports["all four per-element"] = {"cold": _median(together), "warm": None, "cold_runs": together,
                                       "warm_runs": [], "rows": None}
    _log(f"[{size}] all four per-element reports on one fresh copy: {_median(together):.3f} s")
    result["peak_rss_per_element_mb"] = _peak_rss_mb()

    for name, fn in PAIRWISE.items():
        reports[name] = _time_report(model, fn, pairwise_repeats)
        _log(f"[{size}] {name}: cold {reports[name]['cold']:.3f} s, warm {reports[name]['warm']:.3f} s, "
             f"{reports[name]['rows']} rows")
    result["reports"] = reports
    result["peak_rss_analyses_mb"] = _peak_rss_mb()

    if io:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{size}.json"
            write = [_timed(lambda: write_json(model, path))[0] for _ in range(repeats)]
            result["json_mb"] = path.stat().st_size / 1e6
            read_times = []
            for _ in range(repeats):
                seconds, read = _timed(lambda: read_json(path, max_bytes=path.stat().st_size + 1))
                read_times.append(seconds)
                assert read.model == model, "the JSON round trip changed the model"
                del read
            result["json_write_seconds"] = _median(write)
            result["json_read_seconds"] = _median(read_times)
        _log(f"[{size}] JSON {result['json_mb']:.1f} MB: write {result['json_write_seconds']:.2f} s, "
             f"read {result['json_read_seconds']:.2f} s")
        result["peak_rss_with_io_mb"] = _peak_rss_mb()
    return result


# ---------------------------------------------------------------------------- reporting (parent)
def _target(size: str, report: str, mode: str, seconds: float, ratio: float) -> tuple[str, str]:
    """The target that applies to this figure and whether it is met ("" when none applies)."""
    if size == "board" and report in {**PER_ELEMENT, **PAIRWISE}:
        return f"< {BOARD_SECONDS} s", "ok" if seconds < BOARD_SECONDS else "MISSED"
    if size == "national" and report in PER_ELEMENT:
        return f"<= {NATIONAL_RATIO:g}x", "ok" if ratio <= NATIONAL_RATIO else "MISSED"
    return "", ""


def _table(rows: list[list[str]], header: list[str], right: set[int]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def format_results(results: list[dict[str, Any]]) -> str:
    """The figures as two plain-text tables: timings with ratios and targets, then build, I/O and memory."""
    timing: list[list[str]] = []
    for res in results:
        base = res["baseline"]["seconds"]
        head = [res["size"], f"{res['elements']:,}", f"{res['relations']:,}"]
        timing.append([*head, "baseline: groupby(target).source.nunique()", "", f"{base:.4f}", "1.0", "", ""])
        for report, fig in res["reports"].items():
            for mode in ("cold", "warm"):
                seconds = fig[mode]
                if seconds is None:
                    continue
                ratio = seconds / base if base > 0 else float("nan")
                target, met = _target(res["size"], report, mode, seconds, ratio)
                timing.append([*head, report, mode, f"{seconds:.4f}", f"{ratio:.1f}", target, met])
    memory: list[list[str]] = []
    for res in results:
        peak = res["peak_rss_analyses_mb"]
        target = f"<= {NATIONAL_RSS_MB:.0f}" if res["size"] == "national" else ""
        met = ""
        if target:
            met = " / ".join("ok" if value <= NATIONAL_RSS_MB else "MISSED"
                             for value in (res["peak_rss_per_element_mb"], peak))
        memory.append([
            res["size"], f"{res['elements']:,}", f"{res['relations']:,}", f"{res['supports']:,}",
            f"{res['build_seconds']:.2f}",
            f"{res['json_mb']:.1f}" if "json_mb" in res else "-",
            f"{res['json_write_seconds']:.2f}" if "json_write_seconds" in res else "-",
            f"{res['json_read_seconds']:.2f}" if "json_read_seconds" in res else "-",
            f"{res['rss_model_mb']:.0f}", f"{res['peak_rss_per_element_mb']:.0f}", f"{peak:.0f}",
            f"{res['peak_rss_with_io_mb']:.0f}" if "peak_rss_with_io_mb" in res else "-",
            target, met,
        ])
    return "\n\n".join([
        _table(timing, ["size", "elements", "relations", "report", "mode", "seconds", "x baseline", "target", ""],
               {1, 2, 5, 6}),
        _table(memory, ["size", "elements", "relations", "supports", "build s", "JSON MB", "write s", "read s",
                        "RSS model MB", "peak MB (per-element)", "peak MB (all analyses)", "peak MB (+JSON)",
                        "target MB", ""], set(range(1, 12))),
    ])


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "fora_model": fm.__version__,
    }


def run_size(size: str, repeats: int, seed: int, io: bool, pairwise_repeats: int | None) -> dict[str, Any]:
    """Measure one size in a fresh interpreter, so its peak memory is its own."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", size, "--repeats", str(repeats),
               "--seed", str(seed)]
    if not io:
        command.append("--no-io")
    if pairwise_repeats is not None:
        command += ["--pairwise-repeats", str(pairwise_repeats)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the {size} benchmark failed (exit {done.returncode}); see the messages above")
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            result: dict[str, Any] = json.loads(line[len(RESULT_PREFIX):])
            return result
    raise SystemExit(f"the {size} benchmark printed no result")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the fora-model analyses on synthetic models.")
    parser.add_argument("--sizes", default=",".join(PRESETS), help=f"comma-separated, from {', '.join(PRESETS)}")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure; the median is reported")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", metavar="FILE", help="also save every figure as JSON")
    parser.add_argument("--pairwise-repeats", type=int, default=None,
                        help="runs of overlap and support matrix (default: --repeats; 1 for national)")
    parser.add_argument("--no-io", action="store_true", help="skip the native JSON write/read timing")
    parser.add_argument("--worker", metavar="SIZE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeats < 1 or (args.pairwise_repeats is not None and args.pairwise_repeats < 1):
        parser.error("repeats must be at least 1")
    if args.worker:
        result = measure(args.worker, args.repeats, args.seed, io=not args.no_io,
                         pairwise_repeats=args.pairwise_repeats)
        print(RESULT_PREFIX + json.dumps(result))
        return 0
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in PRESETS]
    if unknown:
        parser.error(f"unknown size {', '.join(unknown)}; choose from {', '.join(PRESETS)}")
    results = [run_size(size, args.repeats, args.seed, not args.no_io, args.pairwise_repeats) for size in sizes]
    print(format_results(results))
    pairwise = args.pairwise_repeats or f"{args.repeats} (national: 1)"
    print(f"\nmedian of {args.repeats} runs (overlap and matrix: {pairwise}); "
          "cold = first call on a fresh model.copy(); "
          f"targets: board < {BOARD_SECONDS} s per report; national per-element reports <= "
          f"{NATIONAL_RATIO:g}x baseline, peak RSS <= {NATIONAL_RSS_MB / 1024:g} GB")
    if args.json:
        target = Path(args.json)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({"machine": machine(), "results": results}, indent=2) + "\n", encoding="utf-8")
        print(f"saved {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
