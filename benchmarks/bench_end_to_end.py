"""End to end, a file on disk to a report CSV: ``fora-model report duplicates MODEL -o out.csv`` next to
a plain pandas script that reads the same Archi CSV files and writes the same duplicated-activity rows.

The model is the seeded synthetic one (:func:`synthetic.synthetic_model`) at two sizes: ``board``
(about 32,000 elements, 90,000 relations) and ``national`` (about 320,000 / 900,000). Each size is
written once as Archi CSV, exchange XML, native JSON and a workspace revision, and cached under
``--dir`` (default: ``fora-model-bench`` in the temporary folder), keyed by size and seed.

For every reader the command and the pandas peer run as separate processes, alternately (ours,
peer, ours, peer ...), so a drift in the machine's speed touches both; the figures are the medians
of wall seconds, of CPU seconds (user + system: steadier than wall time on a shared machine) and of
each process's peak RSS (``ru_maxrss`` of the finished child); the ratios are medians of the per-pair
ratios. The peer reads the three CSV files (whatever reader ours uses:
it is the yardstick), infers the kinds as DOMAIN §4 says, resolves support over every path
(direct, function, type, type>function and each of them from a process above, ``composed_of``
loop edges ignored, planned applications left out) and writes one row per supportable element that
two or more applications support by chains of their own (the command's default lists these root
rows, not the ones that only inherit a duplicate from a process above). After the runs of each
reader the script checks that the peer's rows equal the rows of our report: the same elements,
with the same ``activity``, ``application_count``, ``applications`` and ``application_ids``.

Run::

    python benchmarks/bench_end_to_end.py                       # board and national, 3 pairs each
    python benchmarks/bench_end_to_end.py --sizes board --runs 5
    python benchmarks/bench_end_to_end.py --readers csv,json --dir /tmp/e2e

The peer alone: ``python benchmarks/bench_end_to_end.py peer CSV_FOLDER OUT.csv``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

if importlib.util.find_spec("fora_model") is None:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SIZES: dict[str, tuple[int, int]] = {"board": (32_000, 90_000), "national": (320_000, 900_000)}
"""Size name -> (elements, relations) asked of the synthetic model."""

READERS = ("csv", "xml", "json", "workspace")
CHECKED = ["activity_id", "activity", "application_count", "applications", "application_ids"]
"""The report columns the peer computes too; the check compares these."""

WORKSPACE_NAME = "bench"


# --------------------------------------------------------------------------- the pandas peer

_BEHAVIOUR_TYPES = {"BusinessProcess", "BusinessFunction"}
_PARTS = {"CompositionRelationship", "AggregationRelationship"}
_MARKS = {"referentiecomponent", "reference component", "system type"}


def peer(folder: Path, out: Path) -> None:
    """Read Archi's three CSV files with pandas and write the duplicated-activity rows to ``out``."""
    import pandas as pd

    read = {"dtype": str, "keep_default_na": False}
    elements = pd.read_csv(folder / "elements.csv", **read)
    relations = pd.read_csv(folder / "relations.csv", **read)
    properties = pd.read_csv(folder / "properties.csv", **read)
    elements = elements[elements["Type"] != "ArchimateModel"].reset_index(drop=True)
    code = pd.Index(elements["ID"])
    etype = elements["Type"].to_numpy()
    src = code.get_indexer(relations["Source"])
    dst = code.get_indexer(relations["Target"])
    rtype = relations["Type"].to_numpy()
    both = (src >= 0) & (dst >= 0)
    src, dst, rtype = src[both], dst[both], rtype[both]
    rel_ids = relations["ID"].to_numpy()[both]

    # element kinds (DOMAIN §4), a stated fora:kind wins
    n = len(elements)
    parts = np.isin(rtype, list(_PARTS))
    behaviour = np.isin(etype, list(_BEHAVIOUR_TYPES))
    grouping = etype == "Grouping"
    process_grouping = np.zeros(n, dtype=bool)
    while True:  # groupings of groupings of behaviour are processes too
        child_ok = behaviour[dst] | process_grouping[dst]
        found = np.zeros(n, dtype=bool)
        found[src[parts & child_ok]] = True
        found &= grouping
        if (found == process_grouping).all():
            break
        process_grouping = found
    has_child = np.zeros(n, dtype=bool)
    has_child[src[parts & (behaviour[dst] | process_grouping[dst])]] = True
    component = etype == "ApplicationComponent"
    marked = elements["Specialization"].str.strip().str.lower().isin(_MARKS).to_numpy().copy()
    free = properties[properties["Key"] != "fora:kind"]
    at = code.get_indexer(free.loc[free["Value"].str.strip().str.lower().isin(_MARKS), "ID"])
    marked[at[at >= 0]] = True
    realized = np.zeros(n, dtype=bool)
    realized[dst[(rtype == "RealizationRelationship") & component[src] & component[dst]]] = True
    kind = np.full(n, "other", dtype=object)
    kind[np.isin(etype, ["BusinessObject", "DataObject"])] = "information"
    kind[etype == "Goal"] = "goal"
    kind[np.isin(etype, ["ApplicationFunction", "ApplicationService"])] = "application_function"
    kind[behaviour] = "activity"
    kind[(behaviour & has_child) | process_grouping] = "process"
    kind[component] = "application"
    kind[component & (marked | realized)] = "system_type"
    stated = properties[properties["Key"] == "fora:kind"].drop_duplicates("ID", keep="last")
    at = code.get_indexer(stated["ID"])
    kind[at[at >= 0]] = stated["Value"].str.strip().str.lower().to_numpy()[at >= 0]

    # relation kinds by ArchiMate type and end kinds, a stated fora:kind wins
    ks, kt = kind[src], kind[dst]
    supporter = np.isin(ks, ["application", "system_type", "application_function"])
    behaviour_end = np.isin(kt, ["process", "activity"])
    rkind = np.full(len(rtype), "other", dtype=object)
    rkind[parts & (ks == "process") & behaviour_end] = "composed_of"
    rkind[(rtype == "AssignmentRelationship") & np.isin(ks, ["application", "system_type"])
          & (kt == "application_function")] = "assigned_to"
    rkind[(rtype == "RealizationRelationship") & (ks == "application") & (kt == "system_type")] = "realizes"
    rkind[np.isin(rtype, ["ServingRelationship", "RealizationRelationship"]) & supporter & behaviour_end] = "supports"
    stated = properties[properties["Key"] == "fora:kind"].drop_duplicates("ID", keep="last")
    at = pd.Index(rel_ids).get_indexer(stated["ID"])
    rkind[at[at >= 0]] = stated["Value"].str.strip().str.lower().to_numpy()[at >= 0]
    links = pd.DataFrame({"s": src, "t": dst, "kind": rkind, "ks": ks, "kt": kt})

    def of(kind_name: str, source_kind: str | None = None, target_kind: str | None = None) -> pd.DataFrame:
        rows = links[links["kind"] == kind_name]
        if source_kind:
            rows = rows[rows["ks"] == source_kind]
        if target_kind:
            rows = rows[rows["kt"] == target_kind]
        return rows[["s", "t"]]

    # support chains (element, supporter) at application level
    supports = of("supports")
    assigned = of("assigned_to", target_kind="application_function")
    by_function = assigned.merge(supports.rename(columns={"s": "t", "t": "e"}), on="t")[["s", "e"]]
    own = {k: pd.concat([supports[links.loc[supports.index, "ks"] == k].rename(columns={"t": "e"}),
                         by_function[kind[by_function["s"].to_numpy()] == k]])
           for k in ("application", "system_type")}
    realizes = of("realizes", "application", "system_type")
    by_type = realizes.merge(own["system_type"].rename(columns={"s": "t"}), on="t")[["s", "e"]]
    chains = pd.concat([own["application"], by_type])
    lifecycle = properties[properties["Key"] == "fora:lifecycle"].drop_duplicates("ID", keep="last")
    planned = set(lifecycle.loc[lifecycle["Value"] == "plan", "ID"])
    chains = chains[~elements["ID"].iloc[chains["s"].to_numpy()].isin(planned).to_numpy()].drop_duplicates()

    # the process hierarchy without its loop edges, and support inherited from every process above
    edges = of("composed_of").rename(columns={"s": "a", "t": "d"}).drop_duplicates()
    closure = _closure(edges)
    loops = edges.merge(closure.rename(columns={"a": "d", "d": "a"}), on=["a", "d"], how="inner")
    edges = edges[edges["a"] != edges["d"]]
    edges = edges.merge(loops, on=["a", "d"], how="left", indicator=True)
    edges = edges[edges["_merge"] == "left_only"][["a", "d"]]
    inherited = chains.merge(_closure(edges), left_on="e", right_on="a")[["s", "d"]].rename(columns={"d": "e"})
    pairs = pd.concat([chains, inherited]).drop_duplicates()

    supportable = kind == "activity"
    supportable[supports.loc[kind[supports["t"].to_numpy()] == "process", "t"].to_numpy()] = True
    pairs = pairs[supportable[pairs["e"].to_numpy()]]
    names = elements["Name"].to_numpy(dtype=object)
    ids = elements["ID"].to_numpy(dtype=object)
    label = np.where(names == "", "[" + ids + "]", names)
    pairs = pairs.assign(app=label[pairs["s"].to_numpy()], app_id=ids[pairs["s"].to_numpy()])
    # the command lists root rows: two or more supporters by chains of their own (not from above)
    own_pairs = chains[supportable[chains["e"].to_numpy()]]
    own_counts = own_pairs.groupby("e")["s"].nunique()
    duplicated = own_counts[own_counts >= 2].index
    rows = pairs[pairs["e"].isin(duplicated)]
    report = rows.groupby("e").agg(
        application_count=("s", "nunique"),
        applications=("app", lambda v: " | ".join(sorted(set(v)))),
        application_ids=("app_id", lambda v: " | ".join(sorted(set(v)))),
    )
    report.insert(0, "activity", label[report.index.to_numpy()])
    report.insert(0, "activity_id", ids[report.index.to_numpy()])
    report.sort_values(["application_count", "activity_id"], ascending=[False, True]).to_csv(out, index=False)


def _closure(edges: Any) -> Any:
    """Every (ancestor ``a``, descendant ``d``) pair of the edges ``a -> d`` (cycles allowed), as a DataFrame."""
    import pandas as pd

    closure = edges[["a", "d"]].drop_duplicates()
    frontier = closure
    while len(frontier):
        step = frontier.merge(edges, left_on="d", right_on="a", suffixes=("", "_next"))[["a", "d_next"]]
        step = step.rename(columns={"d_next": "d"}).drop_duplicates()
        step = step.merge(closure, on=["a", "d"], how="left", indicator=True)
        frontier = step[step["_merge"] == "left_only"][["a", "d"]]
        closure = pd.concat([closure, frontier], ignore_index=True)
    return closure


# --------------------------------------------------------------------------- the models on disk

def prepare(size: str, seed: int, root: Path) -> Path:
    """The folder holding the size's model in every format (built once, then cached)."""
    folder = root / f"{size}-seed{seed}"
    if (folder / "done").exists():
        return folder
    from synthetic import synthetic_model

    from fora_model.io import write_model
    from fora_model.io.archi_csv import write_archi_csv
    from fora_model.workspace.store import Store

    folder.mkdir(parents=True, exist_ok=True)
    elements, relations = SIZES[size]
    started = time.perf_counter()
    model = synthetic_model(elements, seed, relations=relations)
    print(f"{size}: built {len(model.elements):,} elements, {len(model.relations):,} relations "
          f"in {time.perf_counter() - started:.1f} s", flush=True)
    write_archi_csv(model, folder / "csv")
    write_model(model, folder / "model.xml")
    write_model(model, folder / "model.json")
    Store(folder / "workspace", seed=False).import_model(WORKSPACE_NAME, model)
    (folder / "done").write_text("ok\n")
    print(f"{size}: written in every format in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def model_argument(folder: Path, reader: str) -> str:
    """What ``fora-model report`` is given to read the model in ``reader``'s format."""
    return {"csv": str(folder / "csv"), "xml": str(folder / "model.xml"), "json": str(folder / "model.json"),
            "workspace": f"workspace:{WORKSPACE_NAME}"}[reader]


# --------------------------------------------------------------------------- timing

@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mb: float


class Refused(Exception):
    """The command ended with an error (its last line of output is the message)."""


def run(command: list[str], env: dict[str, str]) -> Run:
    """Run ``command`` to its end; its wall seconds and peak RSS (MB), from the operating system.

    On Linux a child's peak RSS starts from its parent's at the moment it is started, so this
    script keeps itself small: models are built and outputs compared in child processes too.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        lines = errors.decode(errors="replace").strip().splitlines() or [f"exit {process.returncode}"]
        raise Refused(lines[-1])
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def _script(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def ours_command(folder: Path, reader: str, out: Path) -> list[str]:
    script = Path(sys.executable).with_name("fora-model")
    start = [str(script)] if script.exists() else [sys.executable, "-c",
                                                   "import sys; from fora_model.cli.main import main; sys.exit(main())"]
    return [*start, "report", "duplicates", model_argument(folder, reader), "-o", str(out)]


def peer_command(folder: Path, out: Path) -> list[str]:
    return _script("peer", str(folder / "csv"), str(out))


def check_same(ours: Path, theirs: Path) -> int:
    """Refuse (exit) unless the peer's rows equal our report's in the :data:`CHECKED` columns; the row count."""
    import pandas as pd

    read = {"dtype": str, "keep_default_na": False}
    a = pd.read_csv(ours, **read)[CHECKED].sort_values("activity_id").reset_index(drop=True)
    b = pd.read_csv(theirs, **read)[CHECKED].sort_values("activity_id").reset_index(drop=True)
    if not a.equals(b):
        merged = a.merge(b, how="outer", indicator=True)
        differ = merged[merged["_merge"] != "both"][["activity_id", "application_count", "_merge"]]
        raise SystemExit(f"the peer's rows differ from ours ({ours}: {len(a)} rows, {theirs}: {len(b)}):\n"
                         f"{differ.head(10).to_string()}")
    return len(a)


def bench(size: str, readers: list[str], runs: int, folder: Path) -> list[dict[str, object]]:
    env = {**os.environ, "FORA_MODEL_WORKSPACE": str(folder / "workspace")}
    scratch = Path(tempfile.mkdtemp(prefix="fora-e2e-"))
    theirs = scratch / "peer.csv"
    rows = []
    for reader in readers:
        out = scratch / f"ours-{reader}.csv"
        pairs: list[tuple[Run, Run]] = []
        try:
            for _ in range(runs):
                pairs.append((run(ours_command(folder, reader, out), env), run(peer_command(folder, theirs), env)))
        except Refused as refused:
            print(f"| {reader} | {size} | refused: {refused} | | | | | | | | |", flush=True)
            continue
        checked = subprocess.run(_script("check", str(out), str(theirs)), capture_output=True, text=True)
        if checked.returncode != 0:
            raise SystemExit(checked.stderr or checked.stdout)
        count = int(checked.stdout.strip())
        ours = [p[0] for p in pairs]
        peers = [p[1] for p in pairs]
        row = {
            "reader": reader, "size": size, "rows": count,
            "ours_s": statistics.median(r.seconds for r in ours),
            "peer_s": statistics.median(r.seconds for r in peers),
            "ratio": statistics.median(a.seconds / b.seconds for a, b in pairs),
            "ours_cpu": statistics.median(r.cpu for r in ours),
            "peer_cpu": statistics.median(r.cpu for r in peers),
            "cpu_ratio": statistics.median(a.cpu / b.cpu for a, b in pairs),
            "ours_peak_mb": statistics.median(r.peak_mb for r in ours),
            "peer_peak_mb": statistics.median(r.peak_mb for r in peers),
        }
        rows.append(row)
        print(f"| {reader} | {size} | {row['ours_s']:.2f} | {row['peer_s']:.2f} | {row['ratio']:.1f} | "
              f"{row['ours_cpu']:.2f} | {row['peer_cpu']:.2f} | {row['cpu_ratio']:.1f} | "
              f"{row['ours_peak_mb']:,.0f} | {row['peer_peak_mb']:,.0f} | {count:,} |", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["peer"]:
        peer(Path(args[1]), Path(args[2]))
        return 0
    if args[:1] == ["check"]:
        print(check_same(Path(args[1]), Path(args[2])))
        return 0
    if args[:1] == ["prepare"]:
        prepare(args[1], int(args[2]), Path(args[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="board,national", help="comma-separated: board, national")
    parser.add_argument("--readers", default=",".join(READERS), help="comma-separated: " + ", ".join(READERS))
    parser.add_argument("--runs", type=int, default=3, help="pairs (ours, peer) per reader (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "fora-model-bench",
                        help="where the models are cached")
    options = parser.parse_args(args)
    sizes = [s.strip() for s in options.sizes.split(",") if s.strip()]
    readers = [r.strip() for r in options.readers.split(",") if r.strip()]
    for name in sizes:
        if name not in SIZES:
            parser.error(f"unknown size {name!r}; choose from {', '.join(SIZES)}")
    for name in readers:
        if name not in READERS:
            parser.error(f"unknown reader {name!r}; choose from {', '.join(READERS)}")
    print("| reader | size | ours s | peer s | ratio | ours cpu s | peer cpu s | cpu ratio | ours peak MB | "
          "peer peak MB | rows |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in sizes:
        folder = options.dir / f"{name}-seed{options.seed}"
        if not (folder / "done").exists():
            subprocess.run(_script("prepare", name, str(options.seed), str(options.dir)), check=True)
        bench(name, readers, options.runs, folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
