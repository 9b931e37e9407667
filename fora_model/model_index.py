"""The bookkeeping behind :class:`fora_model.model.Model`: relations by endpoint and by carried
information, read-only views of its dicts, deep copies of JSON-like extras, and what an edit tells
the results memoised on a model (:class:`ModelEdit`, :class:`Carried`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .elements import Relation

__all__ = ["CARRY_ORDER", "Carried", "EndpointIndex", "ReadOnly", "deep_copy_json"]

class Carried:
    """A result memoised on a model that can follow an edit instead of being computed again.

    When an editing method changes the model, each memoised value of this class is asked
    :meth:`after_edit` for its value on the changed model; the others are dropped. Values are
    asked in :data:`CARRY_ORDER` (the integer tables first), and each sees what was carried so far
    (by memo key), so a result built on the tables can take the new tables.
    """

    __slots__ = ()

    def after_edit(self, edit: Any, carried: Mapping[Any, Any]) -> Any:
        """This result on the model after ``edit`` (a :class:`fora_model.model.ModelEdit`), or None
        when it must be computed again."""
        return None


CARRY_ORDER: tuple[str, ...] = ("tables", "hierarchy")
"""Memo keys carried first, in this order; every other carried key comes after them."""


class EndpointIndex:
    """Relation ids by endpoint id, flows by carried information id, and each relation's rank in
    model order (ranks only grow, so sorting by them gives model order).

    The id sets are frozen and replaced on change, so :meth:`copy` is a shallow copy of three
    dicts: a copied model keeps its index for milliseconds instead of building it again."""

    __slots__ = ("by_endpoint", "carried", "next_rank", "position")

    def __init__(self, relations: Iterable[Relation]) -> None:
        by_endpoint: dict[str, set[str]] = {}
        carried: dict[str, set[str]] = {}
        self.position: dict[str, int] = {}
        rank = -1
        for rank, relation in enumerate(relations):
            self.position[relation.id] = rank
            by_endpoint.setdefault(relation.source, set()).add(relation.id)
            by_endpoint.setdefault(relation.target, set()).add(relation.id)
            for info in relation.attributes.get("carries") or ():
                carried.setdefault(info, set()).add(relation.id)
        self.next_rank = rank + 1
        self.by_endpoint: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in by_endpoint.items()}
        self.carried: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in carried.items()}

    def copy(self) -> EndpointIndex:
        """An independent copy (the id sets are frozen, so they are shared)."""
        other = EndpointIndex(())
        other.by_endpoint = dict(self.by_endpoint)
        other.carried = dict(self.carried)
        other.position = dict(self.position)
        other.next_rank = self.next_rank
        return other

    def add(self, relation: Relation, rank: int) -> None:
        self.position[relation.id] = rank
        self.next_rank = max(self.next_rank, rank + 1)
        for end in {relation.source, relation.target}:
            self.by_endpoint[end] = self.by_endpoint.get(end, frozenset()) | {relation.id}
        for info in set(relation.attributes.get("carries") or ()):
            self.carried[info] = self.carried.get(info, frozenset()) | {relation.id}

    def discard(self, relation: Relation) -> None:
        self.position.pop(relation.id, None)
        for end in {relation.source, relation.target}:
            if end in self.by_endpoint:
                self.by_endpoint[end] = self.by_endpoint[end] - {relation.id}
        for info in set(relation.attributes.get("carries") or ()):
            if info in self.carried:
                self.carried[info] = self.carried[info] - {relation.id}


class ReadOnly(Mapping[str, Any]):
    """A read-only, ordered view over a dict."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def values(self) -> Any:
        return self._data.values()

    def items(self) -> Any:
        return self._data.items()

    def keys(self) -> Any:
        return self._data.keys()


def deep_copy_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: deep_copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [deep_copy_json(v) for v in value]
    return value
