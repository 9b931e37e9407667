"""The model as columnar tables with integer codes: what the analyses compute on.

Built once per model version (memoised on the model) so that every analysis on a 300k-element
model joins integer arrays instead of walking Python objects. Element ``i`` of the model (in
model order) has code ``i``; relation endpoints are element codes, ``-1`` when the endpoint is
missing or is a relation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa

from .arrays import isin
from .model import Model
from .vocabulary import AccessType, ElementKind, Lifecycle, RelationKind

__all__ = ["KIND_CODES", "RELATION_CODES", "ModelTables", "model_tables"]

KIND_CODES: dict[ElementKind, int] = {kind: i for i, kind in enumerate(ElementKind)}
"""Element kind → small integer used in :attr:`ModelTables.kind`."""

RELATION_CODES: dict[RelationKind, int] = {kind: i for i, kind in enumerate(RelationKind)}
"""Relation kind → small integer used in :attr:`ModelTables.rel_kind`."""

_WRITES = {AccessType.WRITE.value, AccessType.READWRITE.value}


@dataclass(frozen=True)
class ModelTables:
    """Integer-coded arrays over a model's elements and element-to-element relations."""

    ids: np.ndarray
    """Element ids in model order (``object`` array); code ``i`` is ``ids[i]``."""
    names: np.ndarray
    """Element names, aligned with ``ids``."""
    labels: np.ndarray
    """Display labels: the name, or the id in brackets when the name is empty."""
    kind: np.ndarray
    """Element kind codes (see :data:`KIND_CODES`)."""
    planned: np.ndarray
    """True for applications in lifecycle ``plan`` (not current support)."""
    lifecycle: np.ndarray
    """Lifecycle value per element (``object``), "" when not set."""
    needs_support: np.ndarray
    """Explicit ``needs_support`` per element: 1 true, 0 false, -1 not set."""
    annual_cost: np.ndarray
    """Annual cost (EUR), NaN when not recorded."""
    rel_ids: np.ndarray
    """Ids of the relations between two elements (relations on relations are left out)."""
    rel_kind: np.ndarray
    """Relation kind codes (see :data:`RELATION_CODES`)."""
    source: np.ndarray
    """Source element code per relation, -1 when it is not an element of the model."""
    target: np.ndarray
    """Target element code per relation, -1 when it is not an element of the model."""
    writes: np.ndarray
    """True for ``accesses`` relations whose access is write or readwrite."""

    @cached_property
    def label_order(self) -> tuple[np.ndarray, np.ndarray]:
        """(rank, sorted distinct labels): ``labels[i] == sorted_labels[rank[i]]``; computed once per
        model version, so reports that list names alphabetically need not sort strings again."""
        distinct, rank = np.unique(self.labels.astype(object), return_inverse=True)
        return np.asarray(rank, dtype=np.int64).reshape(-1), np.asarray(distinct, dtype=object)

    @cached_property
    def arrow_text(self) -> tuple[pa.Array, pa.Array] | None:
        """(ids, labels) as Arrow string arrays, built once per model version, for reports that
        gather them in Arrow; None when a text cannot be stored in Arrow."""
        try:
            return pa.array(self.ids, pa.string()), pa.array(self.labels, pa.string())
        except (pa.ArrowException, UnicodeError):
            return None

    @cached_property
    def sorted_labels(self) -> pa.Array | None:
        """The sorted distinct labels of :attr:`label_order` as an Arrow string array (built once per
        model version, for joins in Arrow); None when a label cannot be stored in Arrow."""
        try:
            return pa.array(self.label_order[1], pa.string())
        except (pa.ArrowException, UnicodeError):
            return None

    @property
    def size(self) -> int:
        """Number of elements."""
        return len(self.ids)

    def code_of(self, identifiers: list[str] | np.ndarray) -> np.ndarray:
        """Element codes of these ids (-1 for unknown ids)."""
        return np.asarray(pd.Index(self.ids).get_indexer(identifiers), dtype=np.int64)

    def of_kind(self, *kinds: ElementKind) -> np.ndarray:
        """Boolean mask of elements of the given kinds."""
        return isin(self.kind, [KIND_CODES[k] for k in kinds])

    def relation_mask(self, kind: RelationKind) -> np.ndarray:
        """Boolean mask of the relations of ``kind`` whose both ends are elements."""
        return (self.rel_kind == RELATION_CODES[kind]) & (self.source >= 0) & (self.target >= 0)

    def relation_pairs(self, kind: RelationKind) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(source codes, target codes, positions in the relation arrays) of the relations of ``kind``
        whose both ends are elements, as :meth:`relations`; computed once per model version, and read-only."""
        if kind not in self._pairs:
            position = np.flatnonzero(self.relation_mask(kind))
            pairs = (self.source[position], self.target[position], position)
            for array in pairs:
                array.setflags(write=False)
            self._pairs[kind] = pairs
        return self._pairs[kind]

    @cached_property
    def _pairs(self) -> dict[RelationKind, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        return {}

    def relations(self, kind: RelationKind) -> tuple[np.ndarray, np.ndarray]:
        """(source codes, target codes) of the relations of ``kind`` whose both ends are elements."""
        mask = self.relation_mask(kind)
        return self.source[mask], self.target[mask]


def model_tables(model: Model) -> ModelTables:
    """The model's tables, built once per model version."""
    tables: ModelTables = model.memo("tables", lambda: _build(model))
    return tables


def _build(model: Model) -> ModelTables:
    elements = list(model.elements.values())
    n = len(elements)
    ids = np.array([e.id for e in elements], dtype=object)
    names = np.array([e.name for e in elements], dtype=object)
    labels = np.array([e.label for e in elements], dtype=object)
    kind_code = {k: c for k, c in KIND_CODES.items()}
    kind = np.fromiter((kind_code[e.kind] for e in elements), dtype=np.int8, count=n)
    needs = np.full(n, -1, dtype=np.int8)
    cost = np.full(n, np.nan)
    planned = np.zeros(n, dtype=bool)
    lifecycle = np.full(n, "", dtype=object)
    for i, e in enumerate(elements):
        attributes = e.attributes
        if not attributes:
            continue
        value = attributes.get("needs_support")
        if value is not None:
            needs[i] = 1 if value else 0
        value = attributes.get("annual_cost")
        if value is not None:
            cost[i] = value
        value = attributes.get("lifecycle")
        if value is not None:
            lifecycle[i] = value
            planned[i] = value == Lifecycle.PLAN.value
    relations = list(model.relations.values())
    m = len(relations)
    position = {identifier: i for i, identifier in enumerate(model.elements)}
    rel_ids = np.array([r.id for r in relations], dtype=object)
    rel_code = {k: c for k, c in RELATION_CODES.items()}
    rel_kind = np.fromiter((rel_code[r.kind] for r in relations), dtype=np.int8, count=m)
    find = position.get
    source = np.fromiter((find(r.source, -1) for r in relations), dtype=np.int64, count=m)
    target = np.fromiter((find(r.target, -1) for r in relations), dtype=np.int64, count=m)
    access_code = RELATION_CODES[RelationKind.ACCESSES]
    writes = np.zeros(len(relations), dtype=bool)
    for i in np.flatnonzero(rel_kind == access_code).tolist():
        writes[i] = relations[i].attributes.get("access") in _WRITES
    return ModelTables(
        ids=ids,
        names=names,
        labels=labels,
        kind=kind,
        planned=planned,
        lifecycle=lifecycle,
        needs_support=needs,
        annual_cost=cost,
        rel_ids=rel_ids,
        rel_kind=rel_kind,
        source=source,
        target=target,
        writes=writes,
    )
