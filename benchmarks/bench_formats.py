"""Formats benchmark: a reference model of real size written and read in every format.

The model is :func:`synthetic.synthetic_model` (2,500 elements, 10,000 relations by default) dressed
as a published reference model is: FORA's own properties on every information object
(``Persoonsgegevens`` and the BIV classification), a term, a code and a source on every element
(repeated keys included), a Dutch main language with English names on the processes, and a view per
process that has parts (the process, its parts and the composition connections between them), and
where those are too few a view per application (what it supports, with the supports connections). Each
format is written and read back in its own Python process, so each peak memory is its own:
seconds (wall and CPU), the process's peak resident memory after building, writing and reading
(``ru_maxrss``) and, in a second untimed pass, the most memory the write and the read each held at
once (``tracemalloc``) are printed as a table, with whether the model read back is equal to the one
written (or which counts it lost).

Run: ``python benchmarks/bench_formats.py [--elements 2500] [--views 260] [--formats json,xlsx]``
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

if importlib.util.find_spec("fora_model") is None:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fora_model.model import Element, Model
from fora_model.vocabulary import ElementKind, RelationKind

__all__ = ["FORMATS", "counts", "main", "reference_model"]

FORMATS: dict[str, str] = {
    "json": "model.json",
    "csv": "csv",
    "xml": "model.xml",
    "archimate": "model.archimate",
    "coarchi": "coarchi",
    "xlsx": "model.xlsx",
}
"""Format → the file or folder it is written to."""

_LEVELS = ["laag", "midden", "hoog"]


def _synthetic() -> Any:
    name = "fora_benchmarks_synthetic"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("synthetic.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def _dress(e: Element, index: int) -> Element:
    properties = [*e.properties, ("FORA-code", f"F{index:05d}"), ("Status", "vastgesteld"), ("Bron", "FORA 2.0"),
                  ("Bron", "Kennisnet")]
    attributes = e.attributes
    if e.kind is ElementKind.INFORMATION:  # the typed attributes the FORA properties map onto, stated alike
        integrity, availability = index % 3, (index + 1) % 3
        properties += [("Persoonsgegevens", "Ja" if index % 2 == 0 else "Nee"), ("Vertrouwelijkheid", "midden"),
                       ("Integriteit", _LEVELS[integrity]), ("Beschikbaarheid", _LEVELS[availability])]
        attributes = {**e.attributes, "personal_data": index % 2 == 0, "sensitivity": "confidential",
                      "criticality": ("low", "medium", "high")[max(integrity, availability)]}
    if e.kind is ElementKind.SYSTEM_TYPE:
        properties.append(("FORA-type", "Referentiecomponent"))
    translations = e.translations
    if e.kind is ElementKind.PROCESS:
        translations = (("name", "en", f"{e.name} (EN)"),)
    return e.replace(properties=tuple(properties), translations=translations, attributes=attributes)


def reference_model(elements: int = 2_500, views: int = 260, seed: int = 0) -> Model:
    """The benchmark's reference model (see the module docstring); the same arguments give the same model."""
    base = _synthetic().synthetic_model(elements, seed)
    dressed = [_dress(e, i) for i, e in enumerate(base.elements.values())]
    parts: dict[str, list[tuple[str, str]]] = {}
    for r in base.relations_of(RelationKind.COMPOSED_OF):
        if r.source != r.target:
            parts.setdefault(r.source, []).append((r.id, r.target))
    for r in base.relations_of(RelationKind.SUPPORTS):  # then a view per application: what it supports
        if len(parts) < views or r.source in parts:
            parts.setdefault(r.source, []).append((r.id, r.target))
    diagrams: list[dict[str, Any]] = []
    for number, (process, children) in enumerate(parts.items()):
        if number >= views:
            break
        nodes = [{"id": f"id-v{number}-n{i + 1}", "element": child, "x": 24 + 140 * (i % 6),
                  "y": 120 + 80 * (i // 6), "w": 120, "h": 55} for i, (_, child) in enumerate(children[:24])]
        connections = [{"id": f"id-v{number}-c{i + 1}", "relationship": relation, "source": f"id-v{number}-n0",
                        "target": f"id-v{number}-n{i + 1}"} for i, (relation, _) in enumerate(children[:24])]
        nodes.insert(0, {"id": f"id-v{number}-n0", "element": process, "x": 24, "y": 12, "w": 160, "h": 60})
        diagrams.append({"id": f"id-view-{number}", "name": base.element(process).name, "nodes": nodes,
                         "connections": connections})
    return Model.from_parts(dressed, base.relations.values(), id=base.id, name="Referentiemodel (synthetisch)",
                            documentation="Een referentiemodel op ware grootte.",
                            properties=[("FORA-versie", "2.0")], extras={"language": "nl", "views": diagrams})


def counts(model: Model) -> dict[str, int]:
    """What a round trip must keep: elements, relations, properties, translations, views and their nodes."""
    concepts = [*model.elements.values(), *model.relations.values()]
    views = model.extras.get("views") or []
    return {
        "elements": len(model.elements),
        "relations": len(model.relations),
        "properties": len(model.properties) + sum(len(c.properties) for c in concepts),
        "translations": len(model.translations) + sum(len(c.translations) for c in concepts),
        "views": len(views),
        "nodes": sum(len(v.get("nodes", ())) for v in views),
        "connections": sum(len(v.get("connections", ())) for v in views),
    }


def _size(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(step: Any) -> tuple[Any, float, float]:
    """``step()`` and its wall and CPU seconds."""
    start, cpu = time.perf_counter(), time.process_time()
    value = step()
    return value, time.perf_counter() - start, time.process_time() - cpu


def _traced(step: Any) -> float:
    """The most memory ``step()`` held at once beyond what was there before (MB, tracemalloc);
    run apart from the timing, since tracing slows Python down several times."""
    tracemalloc.start()
    try:
        step()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _one(fmt: str, folder: Path, elements: int, views: int) -> dict[str, Any]:
    """Write and read one format (run in a process of its own, so its peak memory is its own)."""
    from fora_model.io import read_model, write_model
    from fora_model.io.coarchi import read_coarchi, write_coarchi

    model = reference_model(elements, views)
    built = _rss()
    path = folder / FORMATS[fmt]
    writer = write_coarchi if fmt == "coarchi" else write_model
    reader = read_coarchi if fmt == "coarchi" else read_model
    findings, write_s, write_cpu = _timed(lambda: writer(model, path))
    after_write = _rss()
    result, read_s, read_cpu = _timed(lambda: reader(path))
    after_read = _rss()
    back = result.model
    equal, written, read = back == model, counts(model), counts(back)
    errors = sum(f.is_error for f in result.findings)
    del result, back
    write_mb = _traced(lambda: writer(model, folder / ("again-" + FORMATS[fmt])))
    read_mb = _traced(lambda: reader(path))
    return {
        "format": fmt, "MB": round(_size(path), 1),
        "write s": round(write_s, 2), "write cpu": round(write_cpu, 2), "write alloc MB": round(write_mb),
        "read s": round(read_s, 2), "read cpu": round(read_cpu, 2), "read alloc MB": round(read_mb),
        "rss built": round(built), "rss written": round(after_write), "rss read": round(after_read),
        "written": written, "read": read, "equal": equal,
        "write findings": len(findings), "read errors": errors,
    }


def _row(values: list[Any], widths: list[int]) -> str:
    return " ".join(str(v).rjust(w) if i else str(v).ljust(w) for i, (v, w) in enumerate(zip(values, widths,
                                                                                                strict=True)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=2_500)
    parser.add_argument("--views", type=int, default=260)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(_one(args.one, Path(args.folder), args.elements, args.views)))
        return 0
    model = reference_model(args.elements, args.views)
    print("model: " + ", ".join(f"{v:,} {k}" for k, v in counts(model).items()))
    header = ["format", "MB", "write s", "write cpu", "write alloc MB", "read s", "read cpu", "read alloc MB",
              "rss built", "rss written", "rss read", "kept"]
    widths = [10, 6, 8, 9, 14, 7, 8, 13, 9, 11, 8, 0]
    print(_row(header, widths))
    folder = Path(tempfile.mkdtemp(prefix="fora-formats-"))
    failures = 0
    try:
        for fmt in args.formats.split(","):
            done = subprocess.run([sys.executable, __file__, "--one", fmt, "--folder", str(folder), "--elements",
                                   str(args.elements), "--views", str(args.views)], capture_output=True, text=True)
            if done.returncode:
                failures += 1
                print(f"{fmt:<10} FAILED: {done.stderr.strip().splitlines()[-1:]}")
                continue
            out = json.loads(done.stdout)
            lost = {k: f"{out['read'][k]:,}/{v:,}" for k, v in out["written"].items() if out["read"][k] != v}
            kept = "equal" if out["equal"] else ("all counts" if not lost else "lost " + ", ".join(
                f"{k} {v}" for k, v in lost.items()))
            failures += bool(out["read errors"])
            print(_row([out[h] for h in header[:-1]] + [kept], widths))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
