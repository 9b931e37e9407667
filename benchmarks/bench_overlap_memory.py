"""``application_overlap`` on a synthetic model: seconds and the process's peak RSS, naming the shared
elements of every pair (the default) or of the first ``--names`` pairs only (what a page shows).

Each variant runs in a fresh process of its own, so its peak is its own::

    python benchmarks/bench_overlap_memory.py national            # every pair named, then the first 100
    python benchmarks/bench_overlap_memory.py board --names 50
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import subprocess
import sys
import time
from pathlib import Path

if importlib.util.find_spec("fora_model") is None:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def measure(size: str, names: int | None, seed: int) -> None:
    """Build the model, resolve support, then time the overlap; print one table row."""
    from synthetic import synthetic_model

    from fora_model.analysis import application_overlap
    from fora_model.analysis.support import support_table

    model = synthetic_model(int(size) if size.isdigit() else size, seed)
    support_table(model)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    frame = application_overlap(model, names=names)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    named = int((frame["shared_elements"] != "").sum())
    print(f"| {size} | {'every pair' if names is None else names} | {len(frame):,} | {named:,} | {seconds:.2f} | "
          f"{before:,.0f} | {peak:,.0f} |", flush=True)


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("size", help="school, board, national or a number of elements")
    parser.add_argument("--names", type=int, default=100, help="pairs named in the second run (default 100)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", choices=["all", "some"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        measure(args.size, None if args.one == "all" else args.names, args.seed)
        return 0
    print("| size | shared elements named for | pairs | pairs named | seconds | peak MB before | peak MB after |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for one in ("all", "some"):
        subprocess.run([sys.executable, __file__, args.size, "--names", str(args.names), "--seed", str(args.seed),
                        "--one", one], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
