"""Time the workspace on the server side of an edit, and measure how big it grows.

For the sample school and a board-size synthetic model (about 20,000 elements and 100,000
relations, ``synthetic.py``) in a fresh workspace, this script makes a run of typical editor
edits — rename an application, change its cost, link it to an activity, unlink a support, add
an activity under a process, delete an activity with its relations — and times, for each:

* ``edit``: :meth:`fora_model.workspace.store.Store.edit` (apply and check the change on a copy of the
  cached head, the conflict check and the write in one transaction, synced to disk);
* ``read``: reading the new head back (:meth:`~fora_model.workspace.store.Store.open`, a cache hit);
* ``duplicates``: :func:`fora_model.duplicated_activities` on it (cold: the model is new);
* ``edit → duplicates``: the three together, what the dashboard waits for after an edit.

For the board model it also reports the import, the database size after the import and after
the edits (next to what a full copy per edit would take), opening the head in a new process
(snapshot plus replay; approximated by clearing the in-process cache), opening an older revision,
and an undo. Figures are medians with the 90th percentile and maximum; no figure is a pass/fail
test, only the sample target (< 0.3 s) is compared.

Usage::

    python benchmarks/bench_store.py                          # sample and board, 100 edits each
    python benchmarks/bench_store.py --sizes sample --edits 50 --json benchmarks/results/store.json
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

if importlib.util.find_spec("fora_model") is None:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fora_model as fm
import fora_model.workspace.log as store_log
from fora_model.changes import AddElement, AddRelation, Change, RemoveElement, RemoveRelation, UpdateElement
from fora_model.workspace.store import Store

SAMPLE_TARGET = 0.3
"""Target: an edit on the sample school and the refreshed duplicates in under 0.3 s."""
NAME = "bench"


def editor_edits(model: fm.Model) -> Iterator[Callable[[fm.Model], list[Change]]]:
    """An endless, deterministic round of the edits an information manager makes most."""
    n = 0
    while True:
        n += 1

        def edit(m: fm.Model, n: int = n) -> list[Change]:
            apps = m.elements_of("application")
            activities = m.elements_of("activity")
            processes = m.elements_of("process")
            app, activity = apps[(n * 7) % len(apps)], activities[(n * 13) % len(activities)]
            kind = n % 6
            if kind == 0:
                return [UpdateElement(app.replace(name=f"{app.name.split(' #')[0]} #{n}"))]
            if kind == 1:
                return [UpdateElement(app.with_attributes(annual_cost=1000 + n))]
            if kind == 2:
                return [AddRelation(fm.Relation.new("supports", app.id, activity.id))]
            if kind == 3:
                supports = m.relations_of("supports")
                return [RemoveRelation(supports[(n * 11) % len(supports)].id)]
            if kind == 4:
                new = fm.Element.new("activity", f"New activity {n}")
                parent = processes[(n * 5) % len(processes)]
                return [AddElement(new, None, ((fm.Relation.new("composed_of", parent.id, new.id), None),))]
            return [RemoveElement(activity.id)]

        yield edit


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"min": ordered[0], "median": statistics.median(ordered), "p90": ordered[int(0.9 * (len(ordered) - 1))],
            "max": ordered[-1]}


def database_bytes(path: Path) -> int:
    """The database file's size once the write-ahead log is folded into it."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def run_edits(store: Store, edits: int) -> dict[str, Any]:
    timings: dict[str, list[float]] = {"edit": [], "read": [], "duplicates": [], "edit → duplicates": []}
    makers = editor_edits(store.open(NAME))
    fm.duplicated_activities(store.open(NAME))  # the page had the table before the edit
    for _ in range(edits):
        head = store.checkout(NAME)
        changes = next(makers)(head.model)
        t0 = time.perf_counter()
        store.edit(NAME, changes, base=head.revision, author="bench")
        t1 = time.perf_counter()
        model = store.open(NAME)
        t2 = time.perf_counter()
        fm.duplicated_activities(model)
        t3 = time.perf_counter()
        for key, value in zip(timings, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
            timings[key].append(value)
    return {key: summary(values) for key, values in timings.items()}


def bench(size: str, edits: int, seed: int, folder: Path) -> dict[str, Any]:
    result: dict[str, Any] = {"size": size, "edits": edits}
    t = time.perf_counter()
    if size == "sample":
        model = fm.load_sample()
    else:
        from synthetic import synthetic_model

        model = synthetic_model(size, seed)
    result["build_s"] = time.perf_counter() - t
    result["elements"], result["relations"] = len(model.elements), len(model.relations)
    store = Store(folder / size, seed=False)
    t = time.perf_counter()
    store.import_model(NAME, model, author="bench")
    result["import_s"] = time.perf_counter() - t
    result["db_after_import_bytes"] = database_bytes(store.path)
    result["timings"] = run_edits(store, edits)
    store.flush()
    result["db_after_edits_bytes"] = database_bytes(store.path)
    with sqlite3.connect(store.path) as db:
        result["snapshots"] = db.execute("SELECT COUNT(*) FROM snapshots WHERE model = ?", (NAME,)).fetchone()[0]
        result["snapshot_bytes"] = db.execute("SELECT LENGTH(document) FROM snapshots WHERE model = ? "
                                              "ORDER BY revision LIMIT 1", (NAME,)).fetchone()[0]
    result["full_copy_per_edit_bytes"] = result["snapshot_bytes"] * (edits + 1)
    head = store.head(NAME)
    store_log.forget()  # what a restart does
    t = time.perf_counter()
    store.open(NAME)
    result["open_head_cold_s"] = time.perf_counter() - t
    t = time.perf_counter()
    store.open(NAME, max(1, head - 25))
    result["open_older_revision_s"] = time.perf_counter() - t
    t = time.perf_counter()
    store.undo(NAME, base=head, author="bench")
    result["undo_s"] = time.perf_counter() - t
    return result


def report(result: dict[str, Any]) -> None:
    mb = 1e6
    print(f"\n== {result['size']}: {result['elements']} elements, {result['relations']} relations, "
          f"{result['edits']} edits")
    print(f"import (create revision 1)      {result['import_s']:8.3f} s")
    for key, figures in result["timings"].items():
        print(f"{key:<24} min {figures['min']:7.4f}  median {figures['median']:7.4f}  p90 {figures['p90']:7.4f}  "
              f"max {figures['max']:7.4f} s")
    print(f"database after import           {result['db_after_import_bytes'] / mb:8.2f} MB")
    print(f"database after the edits        {result['db_after_edits_bytes'] / mb:8.2f} MB  "
          f"({result['snapshots']} snapshots; a full copy per edit would be "
          f"{result['full_copy_per_edit_bytes'] / mb:.1f} MB compressed)")
    print(f"open head, cold cache           {result['open_head_cold_s']:8.3f} s")
    print(f"open a revision 25 back         {result['open_older_revision_s']:8.3f} s")
    print(f"undo the last edit              {result['undo_s']:8.3f} s")
    if result["size"] == "sample":
        median = result["timings"]["edit → duplicates"]["median"]
        verdict = "meets" if median < SAMPLE_TARGET else "MISSES"
        print(f"target edit → duplicates < {SAMPLE_TARGET} s: {verdict} (median {median:.3f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the fora-model workspace (SQLite store).")
    parser.add_argument("--sizes", default="sample,board", help="comma-separated: sample, school, board")
    parser.add_argument("--edits", type=int, default=100, help="edits per size (default 100)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", metavar="FILE", help="also save the figures as JSON")
    parser.add_argument("--workspace", metavar="DIR", help="where to put the workspaces (default: a temp folder)")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {platform.python_version()}, sqlite {sqlite3.sqlite_version}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load average {load:.1f} at start")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.workspace) if args.workspace else Path(tmp)
        for size in args.sizes.split(","):
            results.append(bench(size.strip(), args.edits, args.seed, folder))
            report(results[-1])
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
