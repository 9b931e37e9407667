"""Support resolution against an independent, deliberately naive reference.

The reference below walks the relations with plain Python and networkx, straight from DOMAIN §3 and
the ``fora_model.analysis.support`` docstring:

* supportable: every activity, plus every process some ``supports`` relation ends on;
* own support of a supporter: ``direct`` (it supports the element) and ``function`` (it is assigned
  to an application function that supports the element);
* at application level also ``type`` / ``type>function`` (the application realizes a system type
  whose own support that is); applications in lifecycle ``plan`` never count;
* ``parent``: every chain on a process above the element, with ``>parent`` appended (``direct``
  becomes plain ``parent``); a ``composed_of`` edge is ignored when it lies on a loop (its parent
  can be reached going down from its child, or it joins a process to itself);
* a chain is kept only when every step of its name is among the enabled ``paths``.

It is compared with :func:`fora_model.analysis.support_table` / :func:`support_matrix` (and the
analyses built on them) on the tiny models and on 300 seeded random models: one by one, and all 300
side by side in one model (their ids prefixed by seed), where support cannot cross from one to another,
so every (level, paths) pair can be checked on all of them in a few calls.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import defaultdict
from functools import cache

import networkx as nx
import pytest

import fora_model as fm
from fora_model import Element, ElementKind, Model, Relation, RelationKind
from fora_model.analysis import support_table
from fora_model.errors import has_errors
from fora_model.hierarchy import hierarchy
from tests.tiny import chain_model, loop_model, model_of, tiny_school

E = ElementKind
R = RelationKind
ALL = ("direct", "function", "type", "parent")
PATH_SUBSETS = [frozenset(c) for n in range(1, 5) for c in itertools.combinations(ALL, n)]
MATRIX_SUBSETS = {frozenset(ALL), frozenset({"direct", "function", "parent"}), frozenset({"type"}),
                  frozenset({"parent"})}
"""The subsets on which the support matrix is compared too (the chains are compared on all 15)."""

Chain = tuple[str, str, str, str, str, str]
"""(element id, supporter id, path, via type id, via function id, via parent id); "" for no via."""


class Reference:
    """Naive support resolution over one model."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.kind = {e.id: e.kind for e in model.elements.values()}
        self.rels = [r for r in model.relations.values() if r.source in self.kind and r.target in self.kind]
        graph = nx.DiGraph()
        graph.add_nodes_from(self.kind)
        for r in self.rels:
            if r.kind is R.COMPOSED_OF:
                graph.add_edge(r.source, r.target)
        # p -> c lies on a loop when p == c or p can be reached going down from c
        below = {n: nx.descendants(graph, n) for n in graph if graph.out_degree(n)}
        self.loop_edges = {(p, c) for p, c in graph.edges if p == c or p in below.get(c, ())}
        self.tree = nx.DiGraph()
        self.tree.add_nodes_from(self.kind)
        self.tree.add_edges_from(e for e in graph.edges if e not in self.loop_edges)

    @cache  # noqa: B019
    def of(self, relation: RelationKind) -> list[tuple[str, str]]:
        return [(r.source, r.target) for r in self.rels if r.kind is relation]

    @cache  # noqa: B019
    def supportable(self) -> set[str]:
        activities = {i for i, k in self.kind.items() if k is E.ACTIVITY}
        processes = {t for _, t in self.of(R.SUPPORTS) if self.kind[t] is E.PROCESS}
        return activities | processes

    @cache  # noqa: B019
    def ancestors(self, element: str) -> set[str]:
        return nx.ancestors(self.tree, element)

    def parents(self, element: str) -> list[str]:
        return list(self.tree.predecessors(element))

    def own(self, kind: ElementKind) -> set[tuple[str, str, str, str]]:
        """(element, supporter, path, via function) by the supporter's own links, every path."""
        behaviour = (E.ACTIVITY, E.PROCESS)
        found = set()
        for s, t in self.of(R.SUPPORTS):
            if self.kind[s] is kind and self.kind[t] in behaviour:
                found.add((t, s, "direct", ""))
        for s, f in self.of(R.ASSIGNED_TO):
            if self.kind[s] is not kind or self.kind[f] is not E.APPLICATION_FUNCTION:
                continue
            for fs, t in self.of(R.SUPPORTS):
                if fs == f and self.kind[t] in behaviour:
                    found.add((t, s, "function", f))
        return found

    def chains(self, level: str, paths: frozenset[str]) -> set[Chain]:
        supportable = self.supportable()
        return {c for c in self.every_chain(level) if c[0] in supportable and set(c[2].split(">")) <= paths}

    @cache  # noqa: B019 - one Reference per model, kept for the test's duration
    def every_chain(self, level: str) -> frozenset[Chain]:
        """Every chain at ``level`` over all four paths, supportable or not."""
        base: set[Chain] = set()
        if level == "system_type":
            base = {(e, s, p, "", f, "") for e, s, p, f in self.own(E.SYSTEM_TYPE)}
        else:
            base = {(e, s, p, "", f, "") for e, s, p, f in self.own(E.APPLICATION)}
            type_support = self.own(E.SYSTEM_TYPE)
            for app, st in self.of(R.REALIZES):
                if self.kind[app] is not E.APPLICATION or self.kind[st] is not E.SYSTEM_TYPE:
                    continue
                for e, s, p, f in type_support:
                    if s == st:
                        base.add((e, app, "type" if p == "direct" else "type>function", st, f, ""))
            planned = {
                e.id for e in self.model.elements.values()
                if e.kind is E.APPLICATION and e.attributes.get("lifecycle") == "plan"
            }
            base = {c for c in base if c[1] not in planned}
        on: dict[str, list[Chain]] = defaultdict(list)
        for chain in base:
            on[chain[0]].append(chain)
        every = set(base)
        for element in self.kind:
            for ancestor in self.ancestors(element):
                for _, s, p, vt, vf, _ in on[ancestor]:
                    name = "parent" if p == "direct" else f"{p}>parent"
                    every.add((element, s, name, vt, vf, ancestor))
        return frozenset(every)

    def needs_support(self) -> dict[str, bool]:
        @cache
        def needs(element: str) -> bool:
            own = self.model.elements[element].attributes.get("needs_support")
            if own is not None:
                return bool(own)
            parents = self.parents(element)
            return not parents or any(needs(p) for p in parents)

        return {i: needs(i) for i in self.kind}

    def goals_of(self, element: str) -> set[str]:
        holders = {element} | self.ancestors(element)
        return {t for s, t in self.of(R.CONTRIBUTES_TO) if s in holders and self.kind[t] is E.GOAL}


_REFERENCES: dict[int, tuple[Model, Reference]] = {}


def reference(model: Model) -> Reference:
    """The model's Reference, built once (the model is kept alive so its id stays unique)."""
    if id(model) not in _REFERENCES:
        _REFERENCES[id(model)] = (model, Reference(model))
    return _REFERENCES[id(model)][1]


def counts_of(chains: set[Chain]) -> dict[str, int]:
    supporters: dict[str, set[str]] = defaultdict(set)
    for c in chains:
        supporters[c[0]].add(c[1])
    return {e: len(s) for e, s in supporters.items()}


def actual_chains(model: Model, level: str, paths: frozenset[str]) -> set[Chain]:
    table = support_table(model, level=level, paths=paths)
    ids = [*table.tables.ids, ""]  # code -1 -> ""
    frame = table.chains
    return {
        (ids[e], ids[s], str(p), ids[vt], ids[vf], ids[vp])
        for e, s, p, vt, vf, vp in zip(
            frame["element"], frame["supporter"], frame["path"], frame["via_type"],
            frame["via_function"], frame["via_parent"], strict=True,
        )
    }


def assert_same_support(model: Model, level: str, paths: frozenset[str], *, matrix: bool = True) -> None:
    ref = reference(model)
    expected = ref.chains(level, paths)
    got = actual_chains(model, level, paths)
    assert got == expected, f"level={level} paths={sorted(paths)}"

    if matrix:
        frame = fm.support_matrix(model, level=level, paths=paths)
        triples = set(zip(frame["element_id"], frame["supporter_id"], frame["path"], strict=True))
        assert triples == {(e, s, p) for e, s, p, *_ in expected}

    table = support_table(model, level=level, paths=paths)
    got_counts = {
        str(table.tables.ids[i]): int(n) for i, n in enumerate(table.supporter_counts()) if n
    }
    assert got_counts == counts_of(expected)
    assert {str(i) for i in table.tables.ids[table.supportable]} == ref.supportable()


def assert_same_analyses(model: Model, level: str, paths: frozenset[str]) -> None:
    """Duplicates, gaps, orphans, overlap and coverage follow from the reference support."""
    ref = reference(model)
    chains = ref.chains(level, paths)
    counts = counts_of(chains)
    supportable = ref.supportable()
    needs = ref.needs_support()

    dup = fm.duplicated_activities(model, level=level, paths=paths)
    assert dict(zip(dup["activity_id"], dup["application_count"], strict=True)) == {
        e: n for e, n in counts.items() if n >= 2
    }

    gaps = fm.unsupported_activities(model, level=level, paths=paths)
    assert dict(zip(gaps["activity_id"], gaps["expected_gap"], strict=True)) == {
        e: not needs[e] for e in supportable if e not in counts
    }

    supporter_kind = E.APPLICATION if level == "application" else E.SYSTEM_TYPE
    supporting = {c[1] for c in chains}
    orphans = fm.orphan_applications(model, level=level, paths=paths)
    assert list(orphans["application_id"]) == [
        e.id for e in model.elements.values()
        if e.kind is supporter_kind and e.id not in supporting and e.attributes.get("lifecycle") != "plan"
    ]

    supported_by: dict[str, set[str]] = defaultdict(set)
    for e, s, *_ in chains:
        supported_by[s].add(e)
    order = list(model.elements)
    expected_pairs = {}
    for a, b in itertools.combinations(sorted(supported_by, key=order.index), 2):
        shared = supported_by[a] & supported_by[b]
        if shared:
            union = supported_by[a] | supported_by[b]
            expected_pairs[(a, b)] = (len(shared), len(shared) / len(union))
    overlap = fm.application_overlap(model, level=level, paths=paths)
    got_pairs = {
        (a, b): (s, j) for a, b, s, j in zip(
            overlap["application_a_id"], overlap["application_b_id"], overlap["shared"], overlap["jaccard"],
            strict=True,
        )
    }
    assert got_pairs.keys() == expected_pairs.keys()
    for pair, (shared, jaccard) in expected_pairs.items():
        assert got_pairs[pair][0] == shared
        assert math.isclose(got_pairs[pair][1], jaccard)

    # own support: a chain that does not end on a process above the element (not inherited)
    own = {c[0] for c in chains if c[2].split(">")[-1] != "parent"}
    coverage = fm.goal_coverage(model, level=level, paths=paths)
    rows = {r.goal_id: r for r in coverage.itertuples(index=False)}
    under: dict[str, set[str]] = defaultdict(set)
    for e in supportable:
        for g in ref.goals_of(e):
            under[g].add(e)
    for goal in model.elements_of(E.GOAL):
        members = under[goal.id]
        row = rows[goal.id]
        assert row.elements == len(members)
        assert row.needing_support == sum(needs[e] for e in members)
        assert row.supported == sum(needs[e] and e in own for e in members)
        assert row.inherited == sum(needs[e] and e in counts and e not in own for e in members)
        assert row.unsupported == sum(needs[e] and e not in counts for e in members)
        assert row.expected_gaps == sum(not needs[e] and e not in counts for e in members)
    no_goal = supportable - set().union(*under.values()) if under else supportable
    assert ("" in rows) == bool(no_goal)
    if no_goal:
        assert rows[""].elements == len(no_goal)
        assert rows[""].unsupported == sum(needs[e] and e not in counts for e in no_goal)


def assert_same_needs(model: Model) -> None:
    ref = reference(model)
    effective = hierarchy(model).needs_support
    expected = ref.needs_support()
    assert {i: bool(effective[n]) for n, i in enumerate(model.elements)} == expected


# ---------------------------------------------------------------------------------- tiny models


def test_the_reference_agrees_with_the_hand_count_on_the_tiny_school():
    # guards the reference itself: the chains counted by eye in tests/tiny.py
    chains = Reference(tiny_school()).chains("application", frozenset(ALL))
    assert {(e, s, p) for e, s, p, *_ in chains} == {
        ("p-edu", "app-mag", "type>function"),
        ("p-admin", "app-som", "direct"),
        ("a-grades", "app-som", "direct"),
        ("a-grades", "app-mag", "type"),
        ("a-grades", "app-mag", "type>function>parent"),
        ("a-plan", "app-mag", "type>function>parent"),
        ("a-plan", "app-som", "parent"),
    }


TINY = {"tiny_school": tiny_school, "chain_model": chain_model, "loop_model": loop_model}


@pytest.mark.parametrize("level", ["application", "system_type"])
@pytest.mark.parametrize("build", TINY.values(), ids=TINY.keys())
def test_support_matches_the_reference_on_tiny_models(build, level):
    model = build()
    for paths in PATH_SUBSETS:
        assert_same_support(model, level, paths, matrix=paths in MATRIX_SUBSETS)


@pytest.mark.parametrize("paths", [frozenset(ALL), frozenset({"direct", "function", "parent"})], ids=["all", "no-type"])
@pytest.mark.parametrize("level", ["application", "system_type"])
@pytest.mark.parametrize("build", TINY.values(), ids=TINY.keys())
def test_analyses_match_the_reference_on_tiny_models(build, level, paths):
    assert_same_analyses(build(), level, paths)


@pytest.mark.parametrize("build", TINY.values(), ids=TINY.keys())
def test_needs_support_matches_the_reference_on_tiny_models(build):
    assert_same_needs(build())


# ---------------------------------------------------------------------------------- random models

PREFIX = {E.GOAL: "g", E.PROCESS: "p", E.ACTIVITY: "a", E.SYSTEM_TYPE: "t", E.APPLICATION_FUNCTION: "f",
          E.APPLICATION: "app"}
LIFECYCLES = ["plan", "phase-in", "active", "phase-out", "end-of-life", None]


def random_model(seed: int, prefix: str = "") -> Model:
    """A small random model of allowed relations, with loops, several parents, plan applications,
    duplicated relations and carried relations (some on relations) that support must ignore."""
    rng = random.Random(seed)
    kinds: dict[ElementKind, list[str]] = defaultdict(list)
    elements: list[Element] = []

    def add(kind: ElementKind, count: int, **attributes: object) -> None:
        for _ in range(count):
            identifier = f"{prefix}{PREFIX[kind]}{len(kinds[kind])}"
            kinds[kind].append(identifier)
            attrs = {k: (v() if callable(v) else v) for k, v in attributes.items()}
            elements.append(Element.new(kind, identifier.upper(), id=identifier,
                                        **{k: v for k, v in attrs.items() if v is not None}))

    needs = lambda: rng.choice([None, None, True, False])  # noqa: E731
    add(E.GOAL, rng.randint(0, 2))
    add(E.PROCESS, rng.randint(1, 5), needs_support=needs)
    add(E.ACTIVITY, rng.randint(1, 6), needs_support=needs)
    add(E.SYSTEM_TYPE, rng.randint(0, 3))
    add(E.APPLICATION_FUNCTION, rng.randint(0, 3))
    add(E.APPLICATION, rng.randint(0, 4), lifecycle=lambda: rng.choice(LIFECYCLES))
    rng.shuffle(elements)  # model order must not matter

    relations: list[Relation] = []

    def link(kind: RelationKind, sources: list[str], targets: list[str], chance: float) -> None:
        for s in sources:
            for t in targets:
                if rng.random() < chance:
                    relations.append(Relation.new(kind, s, t, id=f"{prefix}r{len(relations)}"))

    behaviour = kinds[E.PROCESS] + kinds[E.ACTIVITY]
    link(R.COMPOSED_OF, kinds[E.PROCESS], behaviour, 0.3)  # loops and self-loops included
    link(R.CONTRIBUTES_TO, behaviour, kinds[E.GOAL], 0.2)
    supporters = kinds[E.APPLICATION] + kinds[E.SYSTEM_TYPE] + kinds[E.APPLICATION_FUNCTION]
    link(R.SUPPORTS, supporters, behaviour, 0.15)
    link(R.REALIZES, kinds[E.APPLICATION], kinds[E.SYSTEM_TYPE], 0.4)
    link(R.ASSIGNED_TO, kinds[E.APPLICATION] + kinds[E.SYSTEM_TYPE], kinds[E.APPLICATION_FUNCTION], 0.3)
    if relations and rng.random() < 0.3:  # the same relation twice
        copy = rng.choice(relations)
        relations.append(Relation.new(copy.kind, copy.source, copy.target, id=f"{prefix}r{len(relations)}"))
    if relations and rng.random() < 0.3:  # carried relations, one ending on a relation
        ids = [e.id for e in elements]
        relations.append(Relation.new(R.OTHER, rng.choice(ids), rng.choice(ids), id=f"{prefix}r{len(relations)}"))
        relations.append(Relation.new(R.OTHER, rng.choice(ids), relations[0].id, id=f"{prefix}r{len(relations)}"))
    rng.shuffle(relations)
    return Model.from_parts(elements, relations, id=f"random-{seed}")


SEEDS = range(300)


def union(models: list[Model]) -> Model:
    """Disjoint models side by side in one model: support never crosses from one to another."""
    return Model.from_parts(
        [e for m in models for e in m.elements.values()],
        [r for m in models for r in m.relations.values()],
        id="union",
    )


@pytest.fixture(scope="module")
def all_random() -> Model:
    """The 300 random models side by side in one model (ids prefixed by seed)."""
    return union([random_model(seed, prefix=f"s{seed}-") for seed in SEEDS])


def test_random_models_are_valid_and_cover_every_chain(all_random):
    # the generator must produce what the comparison is meant to cover
    findings = fm.validate(all_random)
    assert not has_errors(findings)
    assert {fm.Reason.COMPOSITION_LOOP, fm.Reason.SEVERAL_PARENTS, fm.Reason.DUPLICATE_RELATION} <= {
        f.reason for f in findings}
    assert any(e.attributes.get("lifecycle") == "plan" for e in all_random.elements.values())
    assert {c[2] for c in reference(all_random).chains("application", frozenset(ALL))} == set(fm.PATH_NAMES)


@pytest.mark.parametrize("block", range(3))
def test_support_matches_the_reference_on_each_random_model(block):
    # one by one, each (level, paths) pair met 5 times over 150 seeds (seed % 2, seed % 15); all 300
    # seeds meet every pair in the side-by-side model below
    for seed in SEEDS[block:150:3]:
        model = random_model(seed)
        level = ("application", "system_type")[seed % 2]
        paths = PATH_SUBSETS[seed % len(PATH_SUBSETS)]
        expected = Reference(model).chains(level, paths)
        assert actual_chains(model, level, paths) == expected, f"seed {seed}, {level}, {sorted(paths)}"
        counts = support_table(model, level=level, paths=paths).supporter_counts()
        assert {i: int(n) for i, n in zip(model.elements, counts, strict=True) if n} == counts_of(expected)


def test_default_level_matches_the_reference_on_random_models():
    for seed in SEEDS[::6]:
        model = random_model(seed)
        apps_support = bool(Reference(model).chains("application", frozenset(ALL)))
        assert fm.support_table(model).level == ("application" if apps_support else "system_type"), seed


@pytest.mark.parametrize("level", ["application", "system_type"])
def test_support_matches_the_reference_on_every_path_subset(all_random, level):
    for paths in PATH_SUBSETS:
        assert_same_support(all_random, level, paths, matrix=paths in MATRIX_SUBSETS)


def test_needs_support_matches_the_reference_on_random_models(all_random):
    assert_same_needs(all_random)


@pytest.mark.parametrize(
    ("level", "paths"),
    [("application", frozenset(ALL)), ("application", frozenset({"direct", "function", "parent"})),
     ("system_type", frozenset(ALL)), ("application", frozenset({"type"}))],
)
def test_analyses_match_the_reference_on_random_models(all_random, level, paths):
    assert_same_analyses(all_random, level, paths)


@pytest.mark.parametrize("seed", range(6))
def test_analyses_match_the_reference_on_single_random_models(seed):
    # small models one by one too: empty tables and models without applications are edge cases
    assert_same_analyses(random_model(seed), ("application", "system_type")[seed % 2], frozenset(ALL))


def test_model_order_does_not_change_support(all_random):
    # the same concepts in reverse order resolve to the same chains
    reversed_model = Model.from_parts(
        list(all_random.elements.values())[::-1], list(all_random.relations.values())[::-1], id="reversed"
    )
    for level in ("application", "system_type"):
        assert actual_chains(all_random, level, frozenset(ALL)) == actual_chains(reversed_model, level,
                                                                                  frozenset(ALL))


def test_a_tiny_model_built_by_hand_matches_the_reference_with_a_deep_chain():
    # grandparent inheritance: support two composed_of levels up still arrives as "parent"
    model = model_of(
        [("p1", E.PROCESS, "Top"), ("p2", E.PROCESS, "Middle"), ("a", E.ACTIVITY, "Leaf"),
         ("app", E.APPLICATION, "Suite")],
        [("c1", R.COMPOSED_OF, "p1", "p2"), ("c2", R.COMPOSED_OF, "p2", "a"), ("s", R.SUPPORTS, "app", "p1")],
    )
    assert actual_chains(model, "application", frozenset(ALL)) == {
        ("p1", "app", "direct", "", "", ""),
        ("a", "app", "parent", "", "", "p1"),
    }
    assert_same_support(model, "application", frozenset(ALL))
