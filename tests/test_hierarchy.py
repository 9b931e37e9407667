"""The process hierarchy against a plain graph library on random and hostile shapes."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from fora_model import ElementKind, Model, RelationKind, duplicated_activities, unsupported_activities, validate
from fora_model.hierarchy import Adjacency, hierarchy, loop_edges
from fora_model.tables import model_tables
from tests.tiny import model_of

E = ElementKind
R = RelationKind


def _random_edges(seed: int, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    rng = random.Random(seed)
    edges = [(rng.randrange(n), rng.randrange(n)) for _ in range(m)]
    return np.array([p for p, _ in edges], dtype=np.int64), np.array([c for _, c in edges], dtype=np.int64)


@pytest.mark.parametrize("seed", range(40))
def test_loop_edges_are_the_edges_inside_one_strongly_connected_component(seed: int) -> None:
    n = 6 + seed % 30
    parent, child = _random_edges(seed, n, n + seed % 17)
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(zip(parent.tolist(), child.tolist(), strict=True))
    component = {node: i for i, nodes in enumerate(nx.strongly_connected_components(graph)) for node in nodes}
    expected = [p == c or component[p] == component[c] for p, c in zip(parent.tolist(), child.tolist(), strict=True)]
    assert loop_edges(parent, child, n).tolist() == expected


@pytest.mark.parametrize("seed", range(30))
def test_walks_match_networkx_on_random_acyclic_graphs(seed: int) -> None:
    rng = random.Random(seed)
    n = 10 + seed * 7  # up to 213 elements: wide levels take the NumPy path, narrow ones the other
    edges = {(rng.randrange(n), rng.randrange(n)) for _ in range(2 * n)}
    edges = {(min(a, b), max(a, b)) for a, b in edges if a != b}  # from lower to higher: no cycle
    parent = np.array([a for a, _ in edges], dtype=np.int64)
    child = np.array([b for _, b in edges], dtype=np.int64)
    graph = nx.DiGraph(list(edges))
    graph.add_nodes_from(range(n))
    down = Adjacency.of(parent, child, n)
    mask = np.array([rng.random() < 0.3 for _ in range(n)])
    expected_below = set().union(*(nx.descendants(graph, x) for x in np.flatnonzero(mask).tolist()))
    assert set(np.flatnonzero(down.reach(mask)).tolist()) == expected_below
    src, reached = down.pairs(mask)
    pairs = list(zip(src.tolist(), reached.tolist(), strict=True))
    assert len(pairs) == len(set(pairs)), "every pair once"
    assert set(pairs) == {(s, x) for s in np.flatnonzero(mask).tolist() for x in nx.descendants(graph, s)}


def _chain(depth: int, *, cycle: bool = False) -> Model:
    """Processes p0 … p(depth-2) in one composed_of chain ending in the activity p(depth-1);
    two system types support p0, the top."""
    elements = [(f"p{i}", E.PROCESS, f"Process {i}") for i in range(depth - 1)]
    elements += [(f"p{depth - 1}", E.PROCESS if cycle else E.ACTIVITY, "The bottom"), ("t1", E.SYSTEM_TYPE, "One"),
                 ("t2", E.SYSTEM_TYPE, "Two")]
    relations = [(f"c{i}", R.COMPOSED_OF, f"p{i}", f"p{i + 1}") for i in range(depth - 1)]
    if cycle:
        relations.append(("back", R.COMPOSED_OF, f"p{depth - 1}", "p0"))
    relations += [("s1", R.SUPPORTS, "t1", "p0"), ("s2", R.SUPPORTS, "t2", "p0")]
    return model_of(elements, relations)


def test_a_chain_ten_thousand_deep_inherits_all_the_way_down() -> None:
    model = _chain(10_000)
    h = hierarchy(model)
    assert len(h.loop_parent) == 0 and len(h.parent) == 9_999
    top = model_tables(model).code_of(["p0"])
    element, ancestor = h.ancestor_pairs(_mask(h.size, top.tolist()))
    assert len(element) == 9_999 and set(ancestor.tolist()) == set(top.tolist())
    assert h.below(_mask(h.size, top.tolist())).sum() == 9_999
    dup = duplicated_activities(model)
    # the top holds the support; the bottom activity inherits both system types through 9,998 levels
    assert sorted(dup["activity_id"].tolist()) == ["p0", "p9999"]
    assert unsupported_activities(model).empty


def _mask(n: int, codes: list[int]) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    mask[codes] = True
    return mask


def test_a_five_thousand_process_cycle_is_one_loop_reported_and_ignored() -> None:
    model = _chain(5_000, cycle=True)
    h = hierarchy(model)
    assert len(h.loop_parent) == 5_000 and len(h.parent) == 0
    findings = [f for f in validate(model) if "loop" in f.message.lower()]
    assert findings


def test_needs_support_is_inherited_through_elements_without_their_own_value() -> None:
    # gov (false) -> mid (unset) -> leaf (unset); edu (unset, no parent) -> mid too
    elements = [
        ("gov", E.PROCESS, "Governance", {"needs_support": False}),
        ("mid", E.PROCESS, "Middle"),
        ("leaf", E.ACTIVITY, "Leaf"),
        ("own", E.ACTIVITY, "Own", {"needs_support": True}),
        ("edu", E.PROCESS, "Education"),
    ]
    relations = [("r1", R.COMPOSED_OF, "gov", "mid"), ("r2", R.COMPOSED_OF, "mid", "leaf"),
                 ("r3", R.COMPOSED_OF, "gov", "own")]
    model = model_of(elements, relations)
    needs = dict(zip(["gov", "mid", "leaf", "own", "edu"], hierarchy(model).needs_support.tolist(), strict=True))
    assert needs == {"gov": False, "mid": False, "leaf": False, "own": True, "edu": True}
    # a second parent that needs support makes the inheritors need it again
    model = model_of(elements, [*relations, ("r4", R.COMPOSED_OF, "edu", "mid")])
    assert hierarchy(model).needs_support.tolist() == [False, True, True, True, True]
