"""The workspace on SQLite and on PostgreSQL, side by side in one run.

For the sample school in a fresh workspace on each database, this script makes the same run of
editor edits (rename an application, change its cost, in turn) and times, alternating between the
two databases so both see the same machine load:

* ``edit``: :meth:`fora_model.workspace.store.Store.edit` (the conflict check and the write in one
  transaction: ``BEGIN IMMEDIATE`` on SQLite, the model's row locked on PostgreSQL);
* ``catch up``: :meth:`~fora_model.workspace.store.Store.checkout` after another process's edit
  (approximated by clearing the in-process cache: snapshot plus replay);
* ``history``: the newest 50 revisions, as the History page reads them;
* ``undo``: one undo.

Figures are medians and 90th percentiles in milliseconds, with PostgreSQL's median as a multiple
of SQLite's. Nothing is asserted. PostgreSQL is the server ``$FORA_MODEL_TEST_POSTGRES`` (or
``--url``) names; the script works in a schema of its own there and drops it afterwards.

Usage::

    bash .ci/postgres .venv/bin/python benchmarks/bench_store_backends.py --edits 100
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

if importlib.util.find_spec("fora_model") is None:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg

import fora_model as fm
import fora_model.workspace.log as store_log
from fora_model.changes import UpdateElement
from fora_model.workspace import backend as wbackend
from fora_model.workspace.store import SEED_NAME, Store


def schema_url(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def summary(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The workspace on SQLite and PostgreSQL, side by side.")
    parser.add_argument("--edits", type=int, default=100, help="edits on each database (default 100)")
    parser.add_argument("--url", default=os.environ.get("FORA_MODEL_TEST_POSTGRES", ""),
                        help="a PostgreSQL database to work in (default $FORA_MODEL_TEST_POSTGRES)")
    args = parser.parse_args(argv)
    if not args.url:
        print("no PostgreSQL server: set FORA_MODEL_TEST_POSTGRES or pass --url (bash .ci/postgres starts one)",
              file=sys.stderr)
        return 2
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(args.url, autocommit=True) as db:
        db.execute(f'CREATE SCHEMA "{schema}"')
    folder = tempfile.mkdtemp(prefix="fora-bench-")
    try:
        sample = fm.load_sample()
        stores = {"sqlite": Store(Path(folder) / "ws", seed=lambda: sample),
                  "postgres": Store(schema_url(args.url, schema), seed=lambda: sample)}
        app = sample.find("Magister", "application").id
        times: dict[str, dict[str, list[float]]] = {kind: {"edit": [], "catch up": [], "history": [], "undo": []}
                                                    for kind in stores}
        for n in range(args.edits):
            for kind, store in stores.items():
                head = store.checkout(SEED_NAME)
                element = head.model.element(app)
                change = UpdateElement(element.replace(name=f"Magister {n}") if n % 2 else
                                       element.with_attributes(annual_cost=1000 + n))
                times[kind]["edit"].append(timed(lambda s=store, c=change, b=head.revision:
                                                 s.edit(SEED_NAME, c, base=b, author="bench")))
                store_log.forget()
                times[kind]["catch up"].append(timed(lambda s=store: s.checkout(SEED_NAME)))
                times[kind]["history"].append(timed(lambda s=store: s.history(SEED_NAME, limit=50)))
                if n % 10 == 9:
                    times[kind]["undo"].append(timed(lambda s=store: s.undo(SEED_NAME, base=s.head(SEED_NAME))))
        print(f"sample school ({len(sample.elements)} elements, {len(sample.relations)} relations), "
              f"{args.edits} edits on each database; PostgreSQL at {wbackend.redact(args.url)}")
        print(f"{'operation':<10} {'SQLite median':>14} {'p90':>8} {'PostgreSQL median':>18} {'p90':>8} {'ratio':>7}")
        for operation in times["sqlite"]:
            lite, pg = summary(times["sqlite"][operation]), summary(times["postgres"][operation])
            print(f"{operation:<10} {lite[0]:>11.2f} ms {lite[1]:>5.2f} ms {pg[0]:>15.2f} ms {pg[1]:>5.2f} ms "
                  f"{pg[0] / lite[0]:>6.2f}x")
        heads = {kind: store.head(SEED_NAME) for kind, store in stores.items()}
        print(f"heads: {heads} (the same edits on both: {len(set(heads.values())) == 1})")
    finally:
        wbackend.close_pools()
        with psycopg.connect(args.url, autocommit=True) as db:
            db.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
