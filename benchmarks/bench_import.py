"""Import benchmark: a reference architecture as big as a real one, written in every format and read back.

The model is FORA-shaped: 7 domains, main functions, business functions with activities, information,
system types and application functions. Support runs only through application functions serving
business functions (no applications), with the overlap FORA has: some functions belong to two to four
system types. Every import is timed (target: under 5 s) and shows its progress; each model read back
must have every concept, and its system-type-level duplicate report must list exactly the business
functions that two or more system types serve.

Imports are checked against the target on CPU time (``read cpu``), so a machine busy with other work
does not fail them; wall-clock time is printed beside it.

Run: ``python benchmarks/bench_import.py [--activities-per-function 20] [--seed 7]``
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import fora_model as fm
from fora_model.io import read_model, write_model
from fora_model.io.coarchi import read_coarchi, write_coarchi

DOMAINS = ["Bevoegd gezag", "Schoolleiding", "Onderwijs", "Onderwijsondersteuning", "Leerlingbegeleiding en -zorg",
           "Bedrijfsvoering", "Algemeen"]
TARGET_SECONDS = 5.0


def reference_architecture(activities_per_function: int = 20, seed: int = 7) -> tuple[fm.Model, set[str]]:
    """The synthetic reference model and the ids of business functions two or more system types serve."""
    rng = random.Random(seed)
    elements: list[fm.Element] = []
    relations: list[fm.Relation] = []
    count = iter(range(10**9))

    def rel(kind: str, source: str, target: str, **extra: object) -> None:
        relations.append(fm.Relation.new(kind, source, target, id=f"id-r{next(count)}", **extra))

    domains = [fm.Element.new("process", name, id=f"id-dom{i}", archimate_type="Grouping")
               for i, name in enumerate(DOMAINS)]
    elements += domains
    business_functions: list[str] = []
    for m in range(20):
        main = fm.Element.new("process", f"Main function {m}", id=f"id-mf{m}")
        elements.append(main)
        rel("composed_of", domains[m % len(domains)].id, main.id, archimate_type="AggregationRelationship")
        for b in range(6 if m < 10 else 7):
            bf = fm.Element.new("process", f"Business function {m}.{b}", id=f"id-bf{m}-{b}")
            elements.append(bf)
            business_functions.append(bf.id)
            rel("composed_of", main.id, bf.id)
    information = [fm.Element.new("information", f"Information {i}", id=f"id-inf{i}", personal_data=i % 3 == 0)
                   for i in range(400)]
    elements += information
    for bf in business_functions:
        for a in range(activities_per_function):
            activity = fm.Element.new("activity", f"Activity {bf[3:]}.{a}", id=f"id-act{bf[5:]}-{a}",
                                      documentation=f"Does step {a}, with \"care\"")
            elements.append(activity)
            rel("composed_of", bf, activity.id)
            for info in rng.sample(information, 2):
                rel("accesses", activity.id, info.id, access=rng.choice(["read", "write", "readwrite"]))
    types = [fm.Element.new("system_type", f"System type {t}", id=f"id-st{t}",
                            properties=[("FORA-type", "Referentiecomponent")]) for t in range(30)]
    elements += types
    unsupported = set(rng.sample(business_functions, 29))
    supported = [bf for bf in business_functions if bf not in unsupported]
    served_by: dict[str, set[str]] = {bf: set() for bf in business_functions}
    for f in range(320):
        function = fm.Element.new("application_function", f"Application function {f}", id=f"id-af{f}")
        elements.append(function)
        owners = rng.sample(types, rng.choice([2, 3, 4]) if rng.random() < 0.12 else 1)
        for owner in owners:
            rel("assigned_to", owner.id, function.id)
        for bf in rng.sample(supported, rng.randint(1, 3)):
            rel("supports", function.id, bf)
            served_by[bf].update(o.id for o in owners)
    elements = [e.with_attributes(needs_support=False) if e.id in unsupported else e for e in elements]
    model = fm.Model.from_parts(elements, relations, id="id-reference", name="Synthetic reference architecture")
    return model, {bf for bf, owners in served_by.items() if len(owners) >= 2}


def _progress(label: str):  # type: ignore[no-untyped-def]
    def show(done: int, total: int) -> None:
        print(f"\r  {label:<10} {done:>6}/{total:<6}", end="", file=sys.stderr, flush=True)

    return show


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities-per-function", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    model, expected = reference_architecture(args.activities_per_function, args.seed)
    print(f"model: {len(model.elements)} elements, {len(model.relations)} relations; "
          f"{len(expected)} business functions served by two or more system types")
    problems = [f for f in fm.validate(model) if f.is_error]
    assert not problems, problems[:3]
    folder = Path(tempfile.mkdtemp(prefix="fora-bench-"))
    failures = 0
    try:
        print(f"{'format':<10} {'size MB':>8} {'write s':>8} {'read s':>8} {'read cpu':>9} {'report s':>9}  check")
        for fmt, target in [("json", "m.json"), ("csv", "csv"), ("xml", "m.xml"), ("archimate", "m.archimate"),
                            ("coarchi", "coarchi"), ("xlsx", "m.xlsx")]:
            path = folder / target
            start = time.perf_counter()
            if fmt == "coarchi":
                write_coarchi(model, path)
            else:
                write_model(model, path)
            wrote = time.perf_counter() - start
            size = sum(p.stat().st_size for p in ([path] if path.is_file() else path.rglob("*") if path.is_dir()
                                                    else []) if p.is_file()) / 1e6
            start, cpu = time.perf_counter(), time.process_time()
            reader_options = {"progress": _progress(fmt)}
            result = read_coarchi(path, **reader_options) if fmt == "coarchi" else read_model(path, **reader_options)
            read, read_cpu = time.perf_counter() - start, time.process_time() - cpu
            print("\r" + " " * 40 + "\r", end="", file=sys.stderr)
            start = time.perf_counter()
            report = fm.duplicated_activities(result.model, level="system_type")
            reported = time.perf_counter() - start
            listed = set(report["activity_id"]) & {e for e in expected | set(model.elements) if e.startswith("id-bf")}
            ok = (not any(f.is_error for f in result.findings) and len(result.model.elements) == len(model.elements)
                  and len(result.model.relations) == len(model.relations) and listed == expected
                  and read_cpu < TARGET_SECONDS)
            failures += not ok
            print(f"{fmt:<10} {size:>8.1f} {wrote:>8.2f} {read:>8.2f} {read_cpu:>9.2f} {reported:>9.2f}  "
                  f"{'ok' if ok else 'FAILED'} ({len(listed)} duplicated business functions listed)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
