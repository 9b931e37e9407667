"""The bookkeeping behind :class:`fora_model.model.Model`: relations by endpoint and by carried
information, read-only views of its dicts, and deep copies of JSON-like extras."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .elements import Relation

__all__ = ["EndpointIndex", "ReadOnly", "deep_copy_json"]


class EndpointIndex:
    """Relation ids by endpoint id, flows by carried information id, and each relation's rank in
    model order (ranks only grow, so sorting by them gives model order)."""

    __slots__ = ("by_endpoint", "carried", "next_rank", "position")

    def __init__(self, relations: Iterable[Relation]) -> None:
        self.by_endpoint: dict[str, set[str]] = {}
        self.carried: dict[str, set[str]] = {}
        self.position: dict[str, int] = {}
        self.next_rank = 0
        for rank, relation in enumerate(relations):
            self.add(relation, rank)

    def add(self, relation: Relation, rank: int) -> None:
        self.position[relation.id] = rank
        self.next_rank = max(self.next_rank, rank + 1)
        self.by_endpoint.setdefault(relation.source, set()).add(relation.id)
        self.by_endpoint.setdefault(relation.target, set()).add(relation.id)
        for info in relation.attributes.get("carries") or ():
            self.carried.setdefault(info, set()).add(relation.id)

    def discard(self, relation: Relation) -> None:
        self.position.pop(relation.id, None)
        for end in (relation.source, relation.target):
            self.by_endpoint.get(end, set()).discard(relation.id)
        for info in relation.attributes.get("carries") or ():
            self.carried.get(info, set()).discard(relation.id)


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
