"""The difference between two models: the changes that turn one into the other, and a table of them.

:func:`diff_models` compares by id. An element or relation is *added* when only the second model
has its id, *removed* when only the first has it, *changed* when both have it with different
content (name, kind, type, attributes, properties...). The changes it returns apply cleanly to
the first model with :func:`fora_model.changes.apply.apply_changes` and give a model equal to the
second, including the order of elements and relations as long as the second keeps the concepts
both share in the same relative order (reordering alone is not a change the table lists).

>>> from fora_model.model import Element, Model
>>> a = Model(id="m", name="School")
>>> _ = a.add_element(Element.new("application", "Magister", id="app"))
>>> b = a.copy()
>>> _ = b.update_element(b.element("app").replace(name="Magister 6"))
>>> _ = b.add_element(Element.new("goal", "Good teaching", id="g"))
>>> diff_models(a, b).summary[["change", "concept", "name", "details"]].values.tolist()
[['added', 'element', 'Good teaching', ''], ['changed', 'element', 'Magister 6', "name: 'Magister' → 'Magister 6'"]]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..i18n import _
from ..model import Element, Model, Relation
from .types import (
    HEADER_FIELDS,
    AddElement,
    AddRelation,
    Change,
    RemoveElement,
    RemoveRelation,
    SetHeader,
    UpdateElement,
    UpdateRelation,
)

__all__ = ["DIFF_COLUMNS", "ModelDiff", "diff_models"]

DIFF_COLUMNS: list[str] = ["change", "concept", "kind", "id", "name", "details"]
"""The columns of :attr:`ModelDiff.summary`, in order.

``change``
    ``added``, ``removed`` or ``changed``.
``concept``
    ``element``, ``relation`` or ``model`` (the model's own name, documentation, properties...).
``kind``
    the element or relation kind (``activity``, ``supports``...).
``id``, ``name``
    the concept's id and name; a relation is named by its ends: ``Magister supports Record grades``.
``details``
    for a change, what changed: ``name: 'Old' → 'New'; annual_cost: 1000.0 → 1200.0``.

Rows are sorted: model first, then elements, then relations; within those added, removed, changed;
then by kind and name.
"""

_FIELDS = ("kind", "name", "documentation", "archimate_type", "specialization", "properties", "translations")


@dataclass(frozen=True)
class ModelDiff:
    """The result of :func:`diff_models`: the changes from the first model to the second, and a table."""

    changes: list[Change]
    summary: pd.DataFrame

    @property
    def empty(self) -> bool:
        """True when the two models have the same content."""
        return not self.changes

    def counts(self) -> dict[str, int]:
        """How many elements and relations were added, removed and changed, e.g. ``{"elements added": 2, ...}``."""
        out = {f"{concept}s {change}": 0 for concept in ("element", "relation") for change in
               ("added", "removed", "changed")}
        for concept, change in zip(self.summary["concept"], self.summary["change"], strict=True):
            if concept != "model":
                out[f"{concept}s {change}"] += 1
        return out


def _same(x: Element | Relation, y: Element | Relation) -> bool:
    """Equal, with attributes in the same order (their order is part of the written file)."""
    return x is y or (x == y and list(x.attributes) == list(y.attributes))


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _details(x: Element | Relation, y: Element | Relation) -> str:
    parts = []
    fields = (*_FIELDS, "source", "target") if isinstance(x, Relation) else _FIELDS
    for name in fields:
        old, new = getattr(x, name), getattr(y, name)
        if old != new:
            label = "type" if name == "archimate_type" else name
            parts.append(f"{label}: {_show(str(old) if name == 'kind' else old)} → "
                         f"{_show(str(new) if name == 'kind' else new)}")
    for key in dict.fromkeys([*x.attributes, *y.attributes]):
        old, new = x.attributes.get(key), y.attributes.get(key)
        if old != new:
            parts.append(f"{key}: {_show(old)} → {_show(new)}")
    if not parts and list(x.attributes) != list(y.attributes):
        parts.append(_("attribute order"))
    return "; ".join(parts)


def _relation_name(relation: Relation, model: Model) -> str:
    def end(identifier: str) -> str:
        element = model.elements.get(identifier)
        return element.label if element is not None else f"[{identifier}]"

    named = f" ({relation.name})" if relation.name else ""
    return f"{end(relation.source)} {relation.kind.label} {end(relation.target)}{named}"


def _summary(a: Model, b: Model, header: Mapping[str, Any]) -> pd.DataFrame:
    rows: list[tuple[int, int, str, str, str, str, str, str]] = []
    order = {"added": 0, "removed": 1, "changed": 2}
    if header:
        details = "; ".join(f"{k}: {_show(getattr(a, k))} → {_show(getattr(b, k))}" for k in header)
        rows.append((0, 2, "changed", "model", "", b.id, b.name, details))
    for rank, concept, old_items, new_items in (
        (1, "element", a.elements, b.elements),
        (2, "relation", a.relations, b.relations),
    ):
        for identifier, item in new_items.items():
            old = old_items.get(identifier)
            if old is None:
                change = "added"
            elif not _same(old, item):
                change = "changed"
            else:
                continue
            name = _relation_name(item, b) if isinstance(item, Relation) else item.name
            details = "" if old is None else _details(old, item)
            rows.append((rank, order[change], change, concept, item.kind.value, identifier, name, details))
        for identifier, item in old_items.items():
            if identifier not in new_items:
                name = _relation_name(item, a) if isinstance(item, Relation) else item.name
                rows.append((rank, order["removed"], "removed", concept, item.kind.value, identifier, name, ""))
    rows.sort(key=lambda row: (row[0], row[1], row[4], row[6].casefold(), row[5]))
    return pd.DataFrame([row[2:] for row in rows], columns=DIFF_COLUMNS)


class _Ranks:
    """Where a concept goes when added: its rank, by index in the target model, among those present."""

    def __init__(self, present: Iterable[int]) -> None:
        self.present = sorted(present)

    def add(self, index: int) -> int | None:
        bisect.insort(self.present, index)
        rank = bisect.bisect_left(self.present, index)
        return None if rank == len(self.present) - 1 else rank


def diff_models(a: Model, b: Model) -> ModelDiff:
    """The changes that turn model ``a`` into model ``b``, and a table of what differs.

    Parameters
    ----------
    a, b
        Two models, both free of error findings (as every stored revision is).

    Returns
    -------
    ModelDiff
        ``changes`` (apply them to ``a`` with :func:`fora_model.changes.apply.apply_changes`) and
        ``summary`` (see :data:`DIFF_COLUMNS`). Removals are given by id only: apply the changes
        and invert the applied ones to go back.
    """
    header = {f: getattr(b, f) for f in HEADER_FIELDS if getattr(a, f) != getattr(b, f)}
    changes: list[Change] = []
    if header:
        changes.append(SetHeader(header, {f: getattr(a, f) for f in header}))

    # plain dicts: the models' read-only views cost a call per lookup, and there are millions
    ae, be = dict(a.elements.items()), dict(b.elements.items())
    ar, br = dict(a.relations.items()), dict(b.relations.items())
    removed_elements = [i for i in ae if i not in be]
    kind_changed = {i for i, e in ae.items() if i in be and be[i].kind != e.kind}
    gone = set(removed_elements) | {i for i in ar if i not in br}
    # A changed relation is removed and added again when updating it in place could fail: an end of
    # its old version goes, an end or carried element changes kind, or an end is itself re-added
    # (removing that would take it along).
    readd: set[str] = set()
    on_relation: dict[str, list[str]] = {}
    for i, r in ar.items():
        for end in (r.source, r.target):
            if end in ar:
                on_relation.setdefault(end, []).append(i)
    def fragile(old: Relation, new: Relation) -> bool:
        ends = {old.source, old.target, new.source, new.target, *(old.attributes.get("carries") or ())}
        return bool(ends & kind_changed) or old.source in gone or old.target in gone

    frontier = [i for i, r in ar.items()
                if i in br and not _same(r, br[i]) and fragile(r, br[i])]
    frontier += [d for i in gone if i in ar for d in on_relation.get(i, ()) if d in br]
    while frontier:
        i = frontier.pop()
        if i not in readd:
            readd.add(i)
            frontier.extend(d for d in on_relation.get(i, ()) if d in br)

    # Remove relations, those that end on another removed one first, so none goes by cascade.
    doomed = {i for i in ar if i not in br} | readd
    emitted: set[str] = set()

    def remove(identifier: str) -> None:
        emitted.add(identifier)
        for dependent in on_relation.get(identifier, ()):
            if dependent in doomed and dependent not in emitted:
                remove(dependent)
        changes.append(RemoveRelation(identifier))

    for identifier in ar:
        if identifier in doomed and identifier not in emitted:
            remove(identifier)
    changes.extend(RemoveElement(i) for i in removed_elements)

    element_index = {i: n for n, i in enumerate(be)}
    ranks = _Ranks(element_index[i] for i in ae if i in be)
    changes.extend(AddElement(e, ranks.add(element_index[i])) for i, e in be.items() if i not in ae)
    changes.extend(UpdateElement(e, ae[i]) for i, e in be.items()
                   if i in ae and not _same(ae[i], e))

    relation_index = {i: n for n, i in enumerate(br)}
    rel_ranks = _Ranks(relation_index[i] for i in ar if i in br and i not in readd)
    adding = {i for i in br if i not in ar} | readd
    added: set[str] = set()

    def add(identifier: str) -> None:
        added.add(identifier)
        relation = br[identifier]
        for end in (relation.source, relation.target):
            if end in adding and end not in added:
                add(end)
        changes.append(AddRelation(relation, rel_ranks.add(relation_index[identifier])))

    for identifier in br:
        if identifier in adding and identifier not in added:
            add(identifier)
    changes.extend(UpdateRelation(r, ar[i]) for i, r in br.items()
                   if i in ar and i not in readd and not _same(ar[i], r))
    return ModelDiff(changes, _summary(a, b, header))
