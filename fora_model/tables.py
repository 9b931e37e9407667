"""The model as columnar tables with integer codes: what the analyses compute on.

Built once per model (memoised on the model) so that every analysis on a 300k-element model joins
integer arrays instead of walking Python objects. Element ``i`` of the model (in model order) has
code ``i``; relation endpoints are element codes, ``-1`` when the endpoint is missing or is a
relation.

The tables follow the model: :meth:`fora_model.model.Model.copy` hands them to the copy, and each
editing method patches them (a row changed, added or deleted, codes renumbered after a deletion)
instead of building them again from every concept, so an edit on a board-size model costs
milliseconds here. The patched tables equal the ones a fresh build gives (``tests/test_carried.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from .arrays import isin
from .elements import Element, Relation
from .model import Model, ModelEdit
from .model_index import Carried
from .vocabulary import AccessType, ElementKind, Lifecycle, RelationKind

__all__ = ["KIND_CODES", "RELATION_CODES", "ModelTables", "model_tables"]

KIND_CODES: dict[ElementKind, int] = {kind: i for i, kind in enumerate(ElementKind)}
"""Element kind → small integer used in :attr:`ModelTables.kind`."""

RELATION_CODES: dict[RelationKind, int] = {kind: i for i, kind in enumerate(RelationKind)}
"""Relation kind → small integer used in :attr:`ModelTables.rel_kind`."""

_WRITES = {AccessType.WRITE.value, AccessType.READWRITE.value}


@dataclass(frozen=True)
class ModelTables(Carried):
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

    @cached_property
    def _element_index(self) -> pd.Index:
        return pd.Index(self.ids)

    @cached_property
    def _relation_index(self) -> pd.Index:
        return pd.Index(self.rel_ids)

    def after_edit(self, edit: ModelEdit, carried: Mapping[Any, Any]) -> ModelTables | None:
        """These tables patched for ``edit`` (see the module docstring); None when the edit is one
        a patch does not cover (then the tables are built again when next asked for)."""
        match edit.action:
            case "header":
                return self
            case "update_element" if isinstance(edit.after, Element) and isinstance(edit.before, Element):
                return self._update_element(edit.before, edit.after)
            case "add_element" if isinstance(edit.after, Element):
                return self._add_element(edit.after, edit.model)
            case "add_relation" if isinstance(edit.after, Relation):
                return self._add_relation(edit.after)
            case "update_relation" if isinstance(edit.after, Relation) and isinstance(edit.before, Relation):
                return self._update_relation(edit.before, edit.after)
            case "remove":
                return self._remove(edit)
        return None

    def _replaced(self, keep: tuple[str, ...], **columns: np.ndarray) -> ModelTables:
        """A copy with ``columns`` replaced, keeping the cached values named in ``keep``."""
        values = {f.name: columns.get(f.name, getattr(self, f.name)) for f in fields(self)}
        new = ModelTables(**values)
        for name in keep:
            if name in self.__dict__:
                value = self.__dict__[name]
                new.__dict__[name] = dict(value) if name == "_pairs" else value
        return new

    def _code(self, identifier: str) -> int:
        return int(_positions(self._element_index, [identifier])[0])

    def _update_element(self, before: Element, after: Element) -> ModelTables | None:
        code = self._code(after.id)
        if code < 0:
            return None
        row = _element_row(after)
        columns = {name: getattr(self, name).copy() for name in _ELEMENT_COLUMNS[1:]}
        for name, value in zip(_ELEMENT_COLUMNS[1:], row, strict=True):
            columns[name][code] = value
        keep: tuple[str, ...] = ("_pairs", "_element_index", "_relation_index")
        if before.label == after.label:
            keep += ("label_order", "arrow_text", "sorted_labels")
        new = self._replaced(keep, **columns)
        if before.label != after.label and "label_order" in self.__dict__:
            new.__dict__["label_order"] = _relabel(self.label_order, code, after.label)
        return new

    def _add_element(self, element: Element, model: Model) -> ModelTables | None:
        loose = np.flatnonzero((self.source < 0) | (self.target < 0))
        relations = model.relations
        if any(element.id in (relations[r].source, relations[r].target) for r in self.rel_ids[loose].tolist()):
            return None  # a relation that named a missing element now ends on this one
        row = _element_row(element)
        columns = {name: np.append(getattr(self, name), np.array([value], dtype=getattr(self, name).dtype))
                   for name, value in zip(_ELEMENT_COLUMNS, (element.id, *row), strict=True)}
        new = self._replaced(("_pairs", "_relation_index"), **columns)
        if "label_order" in self.__dict__:
            rank, distinct = self.label_order
            new.__dict__["label_order"] = _relabel((np.append(rank, -1), distinct), len(rank), element.label)
        return new

    def _relation_row(self, relation: Relation) -> tuple[int, int, int, bool]:
        source, target = _positions(self._element_index, [relation.source, relation.target]).tolist()
        writes = relation.kind == RelationKind.ACCESSES and relation.attributes.get("access") in _WRITES
        return RELATION_CODES[relation.kind], int(source), int(target), bool(writes)

    def _add_relation(self, relation: Relation) -> ModelTables:
        row = self._relation_row(relation)
        columns = {name: np.append(getattr(self, name), np.array([value], dtype=getattr(self, name).dtype))
                   for name, value in zip(_RELATION_COLUMNS, (relation.id, *row), strict=True)}
        new = self._replaced(("label_order", "arrow_text", "sorted_labels", "_element_index"), **columns)
        new.__dict__["_pairs"] = {k: v for k, v in self._pairs.items() if k != relation.kind}
        return new

    def _update_relation(self, before: Relation, after: Relation) -> ModelTables | None:
        position = int(_positions(self._relation_index, [after.id])[0])
        if position < 0:
            return None
        row = self._relation_row(after)
        columns = {name: getattr(self, name).copy() for name in _RELATION_COLUMNS[1:]}
        for name, value in zip(_RELATION_COLUMNS[1:], row, strict=True):
            columns[name][position] = value
        new = self._replaced(("label_order", "arrow_text", "sorted_labels", "_element_index", "_relation_index"),
                             **columns)
        new.__dict__["_pairs"] = {k: v for k, v in self._pairs.items() if k not in (before.kind, after.kind)}
        return new

    def _remove(self, edit: ModelEdit) -> ModelTables | None:
        gone = [r for r in edit.removed if r in self._relation_index] if len(edit.removed) else []
        positions = _positions(self._relation_index, gone) if gone else np.zeros(0, dtype=np.int64)
        if (positions < 0).any():
            return None
        keep_rel = np.ones(len(self.rel_ids), dtype=bool)
        keep_rel[positions] = False
        columns = {name: getattr(self, name)[keep_rel] for name in _RELATION_COLUMNS}
        kept: tuple[str, ...] = ("label_order", "arrow_text", "sorted_labels", "_element_index")
        code = -1
        if isinstance(edit.before, Element):
            code = self._code(edit.before.id)
            if code < 0:
                return None
            keep = np.ones(self.size, dtype=bool)
            keep[code] = False
            columns.update({name: getattr(self, name)[keep] for name in _ELEMENT_COLUMNS})
            for end in ("source", "target"):
                codes = columns[end]
                columns[end] = np.where(codes > code, codes - 1, codes)
            kept = ()
        new = self._replaced(kept, **columns)
        if code >= 0 and "label_order" in self.__dict__:
            rank, distinct = _relabel(self.label_order, code, None)
            new.__dict__["label_order"] = (np.delete(rank, code), distinct)
        return new


def _positions(index: pd.Index, identifiers: list[str]) -> np.ndarray:
    """Positions of ``identifiers`` in ``index`` (-1 for those not in it)."""
    return np.asarray(index.get_indexer(pd.Index(np.array(identifiers, dtype=object))), dtype=np.int64)


_ELEMENT_COLUMNS = ("ids", "names", "labels", "kind", "needs_support", "annual_cost", "lifecycle", "planned")
"""The element columns of :class:`ModelTables`; :func:`_element_row` gives a row of all but ``ids``."""
_RELATION_COLUMNS = ("rel_ids", "rel_kind", "source", "target", "writes")


def _element_row(e: Element) -> tuple[Any, ...]:
    """(name, label, kind code, needs_support, annual_cost, lifecycle, planned) of one element, as
    :func:`_build` puts them into the tables."""
    attributes = e.attributes
    needs, cost, lifecycle, planned = -1, np.nan, "", False
    if attributes:
        value = attributes.get("needs_support")
        if value is not None:
            needs = 1 if value else 0
        value = attributes.get("annual_cost")
        if value is not None:
            cost = value
        value = attributes.get("lifecycle")
        if value is not None:
            lifecycle = value
            planned = value == Lifecycle.PLAN.value
    return e.name, e.label, KIND_CODES[e.kind], needs, cost, lifecycle, planned


def _relabel(order: tuple[np.ndarray, np.ndarray], code: int, label: str | None) -> tuple[np.ndarray, np.ndarray]:
    """:attr:`ModelTables.label_order` after element ``code`` takes ``label`` (None: loses its label;
    its rank is then left as it was, for the caller to delete), as ``np.unique`` would give it."""
    rank, distinct = order
    rank = rank.copy()
    old = int(rank[code])
    if old >= 0 and int(np.count_nonzero(rank == old)) == 1:  # its old label goes with it
        distinct = np.delete(distinct, old)
        rank[rank > old] -= 1
    if label is None:
        return rank, distinct
    at = int(np.searchsorted(distinct, label))
    if at == len(distinct) or distinct[at] != label:
        distinct = np.insert(distinct, at, label)
        rank[rank >= at] += 1
    rank[code] = at
    return rank, distinct


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
