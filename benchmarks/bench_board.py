"""Board benchmark: the board analyses and the Board page on a board of 30 schools of sample size.

What it measures
----------------
* **Read** — reading the board file and every school's model (read and validated), for 30 schools
  each in a file of its own, and for the same 30 schools kept as parts of one shared model.
* **Analyses** — every board analysis the Board page shows (:func:`fora_model.dashboard.board.board_view`:
  matrix by product and by system type, duplicates, savings, gaps, cost per pupil, renewals) on the
  board just read (cold: support is resolved per school) and again on the same board (warm: what the
  board memoises), beside one school's own duplicate report for scale.
* **Board page, first render** — ``AppTest`` of ``app_pages/board.py`` on a fresh server (empty
  caches): read the board, analyse it, draw the page. Target: under 2 s. Then a rerun of the same
  session (cached), a rerun after moving the discount slider (savings recomputed), a rerun after
  the board file changed (the board read again; school model files that did not change are kept);
  and the first render of the same board kept as parts of one shared model.

With ``--before DIR`` (a checkout of an earlier version, e.g. ``git worktree add /tmp/before int``)
the same measurements run on that version too, in a separate process in the same run, and the table
shows both side by side with the ratio after / before.

Each school is the sample school (36 applications on the reference model) with its own pupils,
costs scaled to them, and a third of the schools on other products (Somtoday instead of Magister,
Untis instead of Zermelo), so products overlap across the board the way a real board's do.

Run
---
::

    .venv/bin/python benchmarks/bench_board.py [--schools 30] [--repeats 3] [--before DIR]

Prints one table of medians and the ratios worth watching. Timings are of this machine under its
current load; compare ratios across runs, not absolute numbers. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(os.environ.get("FORA_BENCH_ROOT") or Path(__file__).resolve().parents[1]).resolve()
"""The checkout measured: this one, or the one ``--before`` names (set for the process that measures it)."""
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from fora_model.analysis.duplicates import duplicated_activities  # noqa: E402
from fora_model.dashboard import board as db  # noqa: E402
from fora_model.datasets import load_sample  # noqa: E402
from fora_model.io import write_model  # noqa: E402
from fora_model.io.board_file import BoardSpec, SchoolSpec, read_board_file, write_board_file  # noqa: E402
from fora_model.model import Model  # noqa: E402

ALTERNATIVES = {1: {"Magister": ("Somtoday", "Topicus")}, 2: {"Zermelo": ("Untis", "Gruber & Petters")}}
"""School number modulo 3 → products it uses instead of the sample's (name, vendor)."""


def school_model(n: int, pupils: int, *, part: str = "") -> Model:
    """The sample school as school ``n``: costs scaled to ``pupils``, some products replaced; with
    ``part``, every application carries the property ``school`` = ``part`` and an id of its own."""
    sample = load_sample()
    scale = pupils / 1100
    swaps = ALTERNATIVES.get(n % 3, {})
    renamed: dict[str, str] = {}
    elements = []
    for element in sample.elements.values():
        if element.kind.value == "application":
            attributes = dict(element.attributes)
            name = element.name
            if name in swaps:
                name, attributes["vendor"] = swaps[name]
            for key in ("annual_cost", "exit_cost"):
                if attributes.get(key) is not None:
                    attributes[key] = round(float(attributes[key]) * scale)
            properties = (*element.properties, ("school", part)) if part else element.properties
            new_id = f"{element.id}-s{n}" if part else element.id
            renamed[element.id] = new_id
            element = dataclasses.replace(element, id=new_id, name=name, attributes=attributes, properties=properties)
        elements.append(element)
    relations = []
    for relation in sample.relations.values():
        if relation.source in renamed or relation.target in renamed:
            relation = dataclasses.replace(relation, id=f"{relation.id}-s{n}" if part else relation.id,
                                           source=renamed.get(relation.source, relation.source),
                                           target=renamed.get(relation.target, relation.target))
        relations.append(relation)
    return Model.from_parts(elements, relations, id=f"{sample.id}-{n}", name=f"School {n + 1}")


def write_board(folder: Path, schools: int, *, shared: bool) -> Path:
    """A board of ``schools`` sample-size schools in ``folder``: a model file each, or one shared model."""
    folder.mkdir(parents=True, exist_ok=True)
    specs = []
    shared_elements: dict[str, object] = {}
    shared_relations: dict[str, object] = {}
    for n in range(schools):
        pupils = 400 + 37 * n
        sector = "po" if n % 2 else "vo"
        name = f"School {n + 1}"
        if shared:
            model = school_model(n, pupils, part=name)
            shared_elements.update(model.elements)
            shared_relations.update(model.relations)
            specs.append(SchoolSpec(name, "board-model.json", sector, pupils, part=name))
        else:
            write_model(school_model(n, pupils), folder / f"school-{n + 1}.json")
            specs.append(SchoolSpec(name, f"school-{n + 1}.json", sector, pupils))
    if shared:
        write_model(Model.from_parts(shared_elements.values(), shared_relations.values(),  # type: ignore[arg-type]
                                     id="bench-board", name="Bench board"), folder / "board-model.json")
    path = folder / "board.json"
    write_board_file(BoardSpec("Bench board", tuple(specs)), path)
    return path


Timing = tuple[float, float]
"""(wall-clock seconds, CPU seconds of this process): on a shared machine the two differ."""


def clock(action: Callable[[], object]) -> Timing:
    """How long ``action`` took, on the wall clock and in this process's CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def median(runs: list[Timing]) -> Timing:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def timed(action: Callable[[], object], repeats: int) -> Timing:
    """The median (wall, CPU) of ``repeats`` runs of ``action``."""
    return median([clock(action) for _ in range(repeats)])


def analyses(board: object) -> None:
    """Every analysis the Board page shows."""
    view = db.board_view(board)  # type: ignore[arg-type]
    db.board_savings(view.board)


def page_times(board_file: Path, workspace: Path) -> tuple[Timing, Timing, Timing, Timing]:
    """First render of the Board page on empty caches, a rerun, a rerun after the discount moved and
    a rerun after the board file changed (its modification time moved on)."""
    import streamlit as st

    os.environ[db.BOARD_ENV] = str(board_file)
    os.environ["FORA_MODEL_WORKSPACE"] = str(workspace)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app_pages" / "board.py"), default_timeout=600)
    first = clock(at.run)
    if at.exception:
        raise SystemExit(f"the Board page failed: {at.exception[0].value}")
    rerun = clock(at.run)
    at.slider(key="bd_discount").set_value(10)
    changed = clock(at.run)
    info = board_file.stat()
    os.utime(board_file, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    edited = clock(at.run)
    if at.exception:
        raise SystemExit(f"the Board page failed: {at.exception[0].value}")
    return first, rerun, changed, edited


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--before", type=Path, help="a checkout of an earlier version to measure beside this one")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    before: dict[str, Timing] = {}
    if args.before is not None:
        before = run_before(args.before.resolve(), args.schools, args.repeats)
    rows: list[tuple[str, Timing]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_board(folder / "files", args.schools, shared=False)
        shared = write_board(folder / "shared", args.schools, shared=True)
        read_files = timed(lambda: read_board_file(files), args.repeats)
        read_shared = timed(lambda: read_board_file(shared), args.repeats)
        rows += [(f"read {args.schools} school files", read_files),
                 (f"read one shared model, {args.schools} parts", read_shared)]

        cold = []
        for _ in range(args.repeats):
            board = read_board_file(files)
            cold.append(clock(functools.partial(analyses, board)))
        warm = timed(lambda: analyses(board), args.repeats)
        one = board.schools[0].model
        single = timed(lambda: duplicated_activities(one.copy(), level="application"), args.repeats)
        sites = len(board.sites())
        rows += [("board analyses, cold", median(cold)), ("board analyses, warm", warm),
                 ("one school's duplicates report", single)]

        pages = [page_times(files, folder / f"workspace-{n}") for n in range(args.repeats)]
        parts = [page_times(shared, folder / f"workspace-shared-{n}")[0] for n in range(args.repeats)]
        rows += [("Board page, first render", median([p[0] for p in pages])),
                 ("Board page, first render, shared model", median(parts)),
                 ("Board page, rerun", median([p[1] for p in pages])),
                 ("Board page, after the discount moved", median([p[2] for p in pages])),
                 ("Board page, after the board file changed", median([p[3] for p in pages]))]
    if args.json:
        print(json.dumps(rows))
        return 0
    width = max(len(label) for label, _ in rows)
    print(f"Board of {args.schools} schools, {sites:,} applications; median of {args.repeats} runs\n")
    if before:
        print(f"  {'':<{width}}  {'before':>17}  {'after':>17}  {'after / before':>14}")
        print(f"  {'':<{width}}  {'wall':>8} {'CPU':>8}  {'wall':>8} {'CPU':>8}  {'wall':>6} {'CPU':>6}")
        for label, (wall, cpu) in rows:
            old_wall, old_cpu = before[label]
            print(f"  {label:<{width}}  {old_wall:7.3f}s {old_cpu:7.3f}s  {wall:7.3f}s {cpu:7.3f}s  "
                  f"{wall / old_wall:6.2f} {cpu / old_cpu:6.2f}")
    else:
        print(f"  {'':<{width}}  {'wall':>8}  {'CPU':>8}")
        for label, (wall, cpu) in rows:
            print(f"  {label:<{width}}  {wall:7.3f}s  {cpu:7.3f}s")
    values = dict(rows)
    first = values["Board page, first render"]
    print()
    print(f"  first render / target 2 s (wall, CPU)       {first[0] / 2:6.2f}  {first[1] / 2:6.2f}")
    print(f"  cold analyses / one school's report (CPU)   {values['board analyses, cold'][1] / single[1]:6.1f}"
          f"  ({args.schools} schools)")
    print(f"  read files / read one shared model (CPU)    {read_files[1] / read_shared[1]:6.2f}")
    print(f"  page rerun / first render (CPU)             {values['Board page, rerun'][1] / first[1]:6.3f}")
    if before:
        old = before["Board page, first render"]
        print(f"  first render before / target 2 s (wall, CPU) {old[0] / 2:6.2f}  {old[1] / 2:6.2f}")
    return 0


def run_before(checkout: Path, schools: int, repeats: int) -> dict[str, Timing]:
    """The same measurements on the code of ``checkout``, in a process of its own (its own imports)."""
    if not (checkout / "fora_model").is_dir() or not (checkout / "app_pages" / "board.py").is_file():
        raise SystemExit(f"--before {checkout}: not a checkout of fora-model (no fora_model/ and "
                         "app_pages/board.py) — give the folder of an earlier version, e.g. made with "
                         "git worktree add /tmp/before int")
    done = subprocess.run([sys.executable, __file__, "--schools", str(schools), "--repeats", str(repeats), "--json"],
                          env={**os.environ, "FORA_BENCH_ROOT": str(checkout)}, cwd=checkout,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"--before {checkout}: the measurement failed:\n{done.stderr[-2000:]}")
    return {label: (wall, cpu) for label, (wall, cpu) in json.loads(done.stdout.strip().splitlines()[-1])}


if __name__ == "__main__":
    raise SystemExit(main())
