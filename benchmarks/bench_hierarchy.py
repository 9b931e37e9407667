"""Analyses on hostile process hierarchies, next to a model of the same size with a normal tree.

Three models with the same number of processes (``--size``, default 50,000) and the same support
(two system types on the top process, one activity at the bottom of every branch):

* ``tree``: a normal FORA-like tree, ten children per process (depth about five);
* ``chain``: every process composed of the next, one chain ``--size`` deep;
* ``cycle``: a ``composed_of`` cycle of ``--cycle`` processes (default 5,000) hanging under a tree.

For each, the seconds to build the hierarchy (loops, inheritance) and to run ``validate``,
``duplicated_activities``, ``unsupported_activities``, ``goal_coverage`` and
``single_points_of_failure`` cold, measured in one run, and the ratio to the tree.

Usage::

    python benchmarks/bench_hierarchy.py                  # 50,000 deep, 5,000 in the cycle
    python benchmarks/bench_hierarchy.py --size 10000 --cycle 2000
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from fora_model import (
    Element,
    ElementKind,
    Model,
    Relation,
    RelationKind,
    duplicated_activities,
    goal_coverage,
    unsupported_activities,
    validate,
)
from fora_model.analysis.continuity import single_points_of_failure
from fora_model.hierarchy import hierarchy

E = ElementKind
R = RelationKind


def _model(edges: list[tuple[int, int]], n: int, leaves: list[int]) -> Model:
    model = Model(id="m-bench", name="Hierarchy benchmark")
    model.add_element(Element.new(E.GOAL, "Goal", id="g"))
    for i in range(n):
        model.add_element(Element.new(E.PROCESS, f"Process {i}", id=f"p{i}"))
    for i in leaves:
        model.add_element(Element.new(E.ACTIVITY, f"Activity {i}", id=f"a{i}"))
    for k, (p, c) in enumerate(edges):
        model.add_relation(Relation.new(R.COMPOSED_OF, f"p{p}", f"p{c}", id=f"c{k}"))
    for i in leaves:
        model.add_relation(Relation.new(R.COMPOSED_OF, f"p{i}", f"a{i}", id=f"ca{i}"))
    for t in ("t1", "t2"):
        model.add_element(Element.new(E.SYSTEM_TYPE, t, id=t))
        model.add_relation(Relation.new(R.SUPPORTS, t, "p0", id=f"s-{t}"))
    model.add_relation(Relation.new(R.CONTRIBUTES_TO, "p0", "g", id="goal"))
    return model


def tree(n: int) -> Model:
    edges = [((i - 1) // 10, i) for i in range(1, n)]
    parents = {p for p, _ in edges}
    return _model(edges, n, [i for i in range(n) if i not in parents])


def chain(n: int) -> Model:
    return _model([(i, i + 1) for i in range(n - 1)], n, [n - 1])


def cycle(n: int, loop: int) -> Model:
    edges = [((i - 1) // 10, i) for i in range(1, n - loop)]
    first = n - loop
    edges += [(0, first)] + [(first + i, first + (i + 1) % loop) for i in range(loop)]
    parents = {p for p, _ in edges}
    return _model(edges, n, [i for i in range(n - loop) if i not in parents])


STEPS: list[tuple[str, Callable[[Model], object]]] = [
    ("hierarchy", hierarchy),
    ("validate", validate),
    ("duplicates", duplicated_activities),
    ("unsupported", unsupported_activities),
    ("goal coverage", goal_coverage),
    ("single points", single_points_of_failure),
]


def run(model: Model) -> dict[str, float]:
    fresh = model.copy()
    seconds: dict[str, float] = {}
    for name, step in STEPS:
        start = time.perf_counter()
        step(fresh)
        seconds[name] = time.perf_counter() - start
    seconds["total"] = sum(seconds.values())
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=50_000)
    parser.add_argument("--cycle", type=int, default=5_000)
    args = parser.parse_args()
    models = {"tree": tree(args.size), "chain": chain(args.size), "cycle": cycle(args.size, args.cycle)}
    results = {name: run(model) for name, model in models.items()}
    names = [name for name, _ in STEPS] + ["total"]
    print(f"{args.size:,} processes; cycle of {args.cycle:,}; seconds (ratio to the tree)")
    print(f"{'step':<14}" + "".join(f"{m:>20}" for m in results))
    for step in names:
        base = results["tree"][step]
        cells = [f"{r[step]:8.3f} ({r[step] / base if base else 0:5.1f}x)" for r in results.values()]
        print(f"{step:<14}" + "".join(f"{c:>20}" for c in cells))


if __name__ == "__main__":
    main()
