"""The process hierarchy: ``composed_of`` parents, ancestors, loops and inherited ``needs_support``.

Real models are untidy: an element may sit under several processes, ``composed_of`` may loop,
even onto itself, and a chain may run fifty thousand levels deep. Every function here terminates
on such models in time close to linear in the number of ``composed_of`` relations (plus, for
:meth:`Hierarchy.ancestor_pairs`, the number of pairs asked for). A ``composed_of`` relation that
lies on a loop (both its ends lie on one cycle, or it joins an element to itself) is a *loop
edge*: it is reported by :func:`fora_model.validate.validate` and ignored for inheritance.

How it stays linear: loops are the strongly connected components (Tarjan's algorithm) of what is
left after peeling away every element that cannot lie on a cycle. Walks up and down the loop-free
hierarchy go level by level: a whole level at once in NumPy while it is wide, element by element
while it is narrow (a deep chain), and each element, or each (element, ancestor) pair, is expanded
once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .elements import Element, Relation
from .model import Model, ModelEdit
from .model_index import Carried
from .tables import ModelTables, model_tables
from .vocabulary import RelationKind

__all__ = ["Hierarchy", "hierarchy"]

_NARROW = 64
"""A level this small is walked element by element: NumPy's fixed cost per call would dominate."""

_EMPTY = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Adjacency:
    """Edges grouped by their start: the ends of edges out of ``x`` are
    ``ends[starts[x]:starts[x + 1]]``."""

    starts: np.ndarray
    ends: np.ndarray
    merge: np.ndarray
    """Per element: more than one edge ends on it, so a walk may arrive along two routes."""
    _lists: list[tuple[list[int], list[int]]] = field(default_factory=list, repr=False, compare=False)

    @staticmethod
    def of(start: np.ndarray, end: np.ndarray, n: int) -> Adjacency:
        """The edges ``start[i] -> end[i]`` over ``n`` elements."""
        order = np.argsort(start, kind="stable")
        starts = np.searchsorted(start[order], np.arange(n + 1))
        merge = np.bincount(end, minlength=n) > 1
        return Adjacency(starts=starts, ends=end[order].astype(np.int64), merge=merge)

    def _as_lists(self) -> tuple[list[int], list[int]]:
        if not self._lists:
            self._lists.append((self.starts.tolist(), self.ends.tolist()))
        return self._lists[0]

    def _step(self, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every edge out of ``nodes``: (position in ``nodes``, end)."""
        counts = self.starts[nodes + 1] - self.starts[nodes]
        total = int(counts.sum())
        if total == 0:
            return _EMPTY, _EMPTY
        which = np.repeat(np.arange(len(nodes)), counts)
        offsets = np.repeat(self.starts[nodes] - (np.cumsum(counts) - counts), counts) + np.arange(total)
        return which, self.ends[offsets]

    def reach(self, seeds: np.ndarray, allowed: np.ndarray | None = None) -> np.ndarray:
        """Per element: reached from a ``seeds`` element over one or more edges, entering only
        ``allowed`` elements (every element when None)."""
        seen = np.zeros(len(self.starts) - 1, dtype=bool)
        frontier: np.ndarray | list[int] = np.flatnonzero(seeds)
        while len(frontier):
            if len(frontier) < _NARROW:
                starts, ends = self._as_lists()
                nxt: list[int] = []
                for x in (frontier if isinstance(frontier, list) else frontier.tolist()):
                    for c in ends[starts[x]:starts[x + 1]]:
                        if not seen[c] and (allowed is None or allowed[c]):
                            seen[c] = True
                            nxt.append(c)
                frontier = nxt
                continue
            _, ahead = self._step(np.asarray(frontier, dtype=np.int64))
            keep = ~seen[ahead] if allowed is None else ~seen[ahead] & allowed[ahead]
            ahead = np.unique(ahead[keep])
            seen[ahead] = True
            frontier = ahead
        return seen

    def pairs(self, sources: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Distinct (source, reached) pairs: every element reached from each ``sources`` element
        (a mask) over one or more edges."""
        n = len(self.starts) - 1
        seen: set[int] = set()
        out_s: list[np.ndarray] = []
        out_x: list[np.ndarray] = []
        src = np.flatnonzero(sources).astype(np.int64)
        at = src
        while len(at):
            if len(at) < _NARROW:
                src, at = self._pairs_narrow(src.tolist(), at.tolist(), seen, n)
            else:
                which, at = self._step(at)
                src = src[which]
                merging = np.flatnonzero(self.merge[at])
                if len(merging):
                    fresh = np.ones(len(at), dtype=bool)
                    for i, key in zip(merging.tolist(), (src[merging] * n + at[merging]).tolist(), strict=True):
                        if key in seen:
                            fresh[i] = False
                        else:
                            seen.add(key)
                    src, at = src[fresh], at[fresh]
            out_s.append(src)
            out_x.append(at)
        if not out_s:
            return _EMPTY, _EMPTY
        return np.concatenate(out_s), np.concatenate(out_x)

    def _pairs_narrow(self, src: list[int], at: list[int], seen: set[int], n: int) -> tuple[np.ndarray, np.ndarray]:
        starts, ends = self._as_lists()
        merge = self.merge
        next_s: list[int] = []
        next_x: list[int] = []
        for s, x in zip(src, at, strict=True):
            for c in ends[starts[x]:starts[x + 1]]:
                if merge[c]:
                    key = s * n + c
                    if key in seen:
                        continue
                    seen.add(key)
                next_s.append(s)
                next_x.append(c)
        return np.array(next_s, dtype=np.int64), np.array(next_x, dtype=np.int64)


@dataclass(frozen=True)
class Hierarchy(Carried):
    """The loop-free ``composed_of`` structure of a model, as element codes.

    It follows an edit that leaves ``composed_of`` and ``needs_support`` as they were (a rename, a
    cost, a link of another kind): the model's next analysis then starts from it as it is."""

    size: int
    """How many elements the codes run over."""
    parent: np.ndarray
    """Parent code of each kept (loop-free) ``composed_of`` edge."""
    child: np.ndarray
    """Child code of each kept edge, aligned with ``parent``."""
    loop_parent: np.ndarray
    """Parent codes of the loop edges (ignored for inheritance)."""
    loop_child: np.ndarray
    """Child codes of the loop edges."""
    needs_support: np.ndarray
    """Effective ``needs_support`` per element (bool), inherited as :func:`hierarchy` explains."""
    down: Adjacency
    """Parent to children over the kept edges."""
    up: Adjacency
    """Child to parents over the kept edges."""

    def after_edit(self, edit: ModelEdit, carried: Mapping[Any, Any]) -> Hierarchy | None:
        """This hierarchy after ``edit`` when the edit cannot change it, else None."""
        if "tables" not in carried:
            return None
        if edit.action == "header":
            return self
        if edit.action == "update_element" and isinstance(edit.before, Element) and isinstance(edit.after, Element):
            return self if _needs(edit.before) == _needs(edit.after) else None
        if edit.action in ("add_relation", "update_relation"):
            kinds = {r.kind for r in (edit.before, edit.after) if isinstance(r, Relation)}
            return None if RelationKind.COMPOSED_OF in kinds else self
        return None

    def has_parent(self) -> np.ndarray:
        """Per element: it sits below some process (over a kept edge)."""
        result = np.zeros(self.size, dtype=bool)
        result[self.child] = True
        return result

    def below(self, mask: np.ndarray) -> np.ndarray:
        """Per element: some process above it (its parent, their parents, …) is in ``mask``."""
        return self.down.reach(mask)

    def above(self, mask: np.ndarray) -> np.ndarray:
        """Per element: some element below it (its children, theirs, …) is in ``mask``."""
        return self.up.reach(mask)

    def ancestor_pairs(self, ancestors: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Distinct (element, ancestor) code pairs, ``ancestor`` above ``element``, for the
        ancestors in the mask ``ancestors`` (every element when None). Work and memory grow with the
        number of pairs returned: ask only for the ancestors you need (those that hold support, a
        goal, a criticality), since a deep chain has pairs quadratic in its depth."""
        mask = np.ones(self.size, dtype=bool) if ancestors is None else ancestors
        ancestor, element = self.down.pairs(mask)
        return element, ancestor


def hierarchy(model: Model) -> Hierarchy:
    """The model's process hierarchy, computed once per model version.

    ``needs_support`` is inherited: an element's own value wins; an element without one needs
    support if any of its parent processes does, and an element without parents needs support.
    So marking a governance process ``needs_support: false`` makes the gaps of the activities
    under it expected, unless an activity says otherwise.
    """
    result: Hierarchy = model.memo("hierarchy", lambda: _build(model_tables(model)))
    return result


def _needs(element: Element) -> int:
    value = element.attributes.get("needs_support")
    return -1 if value is None else int(bool(value))


def loop_edges(parent: np.ndarray, child: np.ndarray, n: int) -> np.ndarray:
    """Per edge ``parent[i] -> child[i]``: it lies on a cycle (both ends in one strongly
    connected component, or a self-loop)."""
    on_loop = parent == child
    live = ~on_loop
    # peel: an element no live edge enters, or none leaves, lies on no cycle
    while live.any():
        into = np.bincount(child[live], minlength=n)
        out = np.bincount(parent[live], minlength=n)
        dead = (into[parent] == 0) | (out[child] == 0)
        dropping = live & dead
        if not dropping.any():
            break
        live &= ~dead
        if dropping.sum() < _NARROW:  # a slow peel (a long chain): let Tarjan take the rest
            break
    if live.any():
        component = _components(parent[live], child[live], n)
        on_loop[live] = component[parent[live]] == component[child[live]]
    return on_loop


def _components(parent: np.ndarray, child: np.ndarray, n: int) -> np.ndarray:
    """Strongly connected component per element (elements off these edges get their own),
    by Tarjan's algorithm without recursion."""
    adjacency = Adjacency.of(parent, child, n)
    starts, ends = adjacency.starts.tolist(), adjacency.ends.tolist()
    component = list(range(n, 2 * n))
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    counter = 0
    label = 0
    for root in sorted(set(parent.tolist())):
        if index[root] >= 0:
            continue
        work = [(root, starts[root])]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            node, edge = work[-1]
            if edge < starts[node + 1]:
                work[-1] = (node, edge + 1)
                target = ends[edge]
                if index[target] < 0:
                    index[target] = low[target] = counter
                    counter += 1
                    stack.append(target)
                    on_stack[target] = True
                    work.append((target, starts[target]))
                elif on_stack[target]:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                above = work[-1][0]
                low[above] = min(low[above], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component[member] = label
                    if member == node:
                        break
                label += 1
    return np.asarray(component, dtype=np.int64)


def _build(tables: ModelTables) -> Hierarchy:
    n = tables.size
    parent, child = tables.relations(RelationKind.COMPOSED_OF)
    parent, child = parent.astype(np.int64), child.astype(np.int64)
    on_loop = loop_edges(parent, child, n)
    keep_parent, keep_child = parent[~on_loop], child[~on_loop]
    down = Adjacency.of(keep_parent, keep_child, n)
    return Hierarchy(
        size=n,
        parent=keep_parent,
        child=keep_child,
        loop_parent=parent[on_loop],
        loop_child=child[on_loop],
        needs_support=_effective_needs(tables.needs_support, keep_child, down, n),
        down=down,
        up=Adjacency.of(keep_child, keep_parent, n),
    )


def _effective_needs(explicit: np.ndarray, child: np.ndarray, down: Adjacency, n: int) -> np.ndarray:
    """Inherited needs_support: an element without its own value needs support when a path
    down from an element that needs support reaches it through elements without their own value."""
    has_parent = np.zeros(n, dtype=bool)
    has_parent[child] = True
    inherits = (explicit < 0) & has_parent
    effective = (explicit == 1) | ((explicit < 0) & ~has_parent)
    if inherits.any():
        reached = down.reach(effective & ~inherits, allowed=inherits)
        effective[inherits] = reached[inherits]
    return effective
