"""Bringing an imported model into the current one: Archi-style merge, or replace.

Merge works as Archi's CSV import does: a concept whose id exists is updated, a new id is
created, nothing is deleted. :func:`merge_preview` says what a merge would change before it
happens; :func:`apply_merge` and :func:`replace` return a new model (the inputs are not touched)
and refuse, listing the findings, when the result would have errors — an import is all or nothing.

>>> from fora_model.model import Element, Model
>>> current = Model(id="m", name="School")
>>> _ = current.add_element(Element.new("activity", "Grade", id="a1"))
>>> incoming = Model(id="m", name="School")
>>> _ = incoming.add_element(Element.new("activity", "Record grades", id="a1"))
>>> _ = incoming.add_element(Element.new("goal", "Good teaching", id="g1"))
>>> merge_preview(current, incoming)[["action", "id", "changes"]].values.tolist()
[['update', 'a1', "name: 'Grade' → 'Record grades'"], ['create', 'g1', '']]
>>> [e.name for e in apply_merge(current, incoming).elements.values()]
['Record grades', 'Good teaching']
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..errors import ModelInvalidError, has_errors
from ..model import Element, Model, Relation
from ..validate import validate

__all__ = ["PREVIEW_COLUMNS", "apply_merge", "merge_preview", "replace"]

PREVIEW_COLUMNS = ["action", "concept", "id", "kind", "name", "changes"]
"""Columns of :func:`merge_preview`: ``action`` is ``create`` or ``update``; ``concept`` is
``model``, ``element``, ``relation`` or ``view``; ``changes`` lists ``field: old → new``."""

_FIELDS = ("kind", "name", "documentation", "archimate_type", "specialization", "source", "target", "attributes",
           "properties", "translations")


def _short(value: Any) -> str:
    text = repr(value.value if hasattr(value, "value") else value)
    return text if len(text) <= 60 else text[:57] + "..."


def _diff(old: Element | Relation, new: Element | Relation) -> str:
    parts = []
    for name in _FIELDS:
        if not hasattr(old, name):
            continue
        before, after = getattr(old, name), getattr(new, name)
        if isinstance(before, dict) or hasattr(before, "items"):
            before, after = dict(before), dict(after)
        if before != after:
            parts.append(f"{name}: {_short(before)} → {_short(after)}")
    return "; ".join(parts)


def merge_preview(current: Model, incoming: Model) -> pd.DataFrame:
    """What :func:`apply_merge` would change: one row per concept created or updated (see
    :data:`PREVIEW_COLUMNS`); unchanged concepts are not listed."""
    rows: list[dict[str, str]] = []
    header = [f"{name}: {_short(getattr(current, name))} → {_short(getattr(incoming, name))}"
              for name in ("name", "documentation", "properties")
              if getattr(incoming, name) and getattr(incoming, name) != getattr(current, name)]
    if header:
        rows.append({"action": "update", "concept": "model", "id": current.id, "kind": "",
                     "name": incoming.name or current.name, "changes": "; ".join(header)})
    for concept_name, mine, theirs in (("element", current.elements, incoming.elements),
                                       ("relation", current.relations, incoming.relations)):
        for identifier, new in theirs.items():
            old = mine.get(identifier)
            if old is None:
                rows.append({"action": "create", "concept": concept_name, "id": identifier, "kind": new.kind.value,
                             "name": new.name, "changes": ""})
            elif old != new:
                rows.append({"action": "update", "concept": concept_name, "id": identifier, "kind": new.kind.value,
                             "name": new.name, "changes": _diff(old, new)})
    views = {v.get("id"): v for v in current.extras.get("views") or []}
    for view in incoming.extras.get("views") or []:
        old_view = views.get(view.get("id"))
        if old_view != view:
            rows.append({"action": "create" if old_view is None else "update", "concept": "view",
                         "id": str(view.get("id", "")), "kind": "", "name": str(view.get("name", "")),
                         "changes": ""})
    return pd.DataFrame(rows, columns=PREVIEW_COLUMNS)


def _merged_extras(current: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
    extras = dict(current)
    for key, value in incoming.items():
        if key == "views":
            merged = {v.get("id"): v for v in current.get("views") or []}
            merged.update((v.get("id"), v) for v in value or [])
            extras["views"] = list(merged.values())
        elif key == "property_types":
            extras[key] = {**(current.get(key) or {}), **(value or {})}
        elif value:
            extras[key] = value
    return extras


def apply_merge(current: Model, incoming: Model) -> Model:
    """A new model: ``current`` with ``incoming``'s concepts updated or added; nothing deleted.

    The model's name, documentation and properties are taken from ``incoming`` when it has them.
    Raises :class:`~fora_model.errors.ModelInvalidError` when the merged model has errors.
    """
    elements = dict(current.elements.items())
    elements.update(incoming.elements.items())
    relations = dict(current.relations.items())
    relations.update(incoming.relations.items())
    merged = Model.from_parts(
        elements.values(),
        relations.values(),
        id=current.id,
        name=incoming.name or current.name,
        documentation=incoming.documentation or current.documentation,
        properties=incoming.properties or current.properties,
        translations=incoming.translations or current.translations,
        extras=_merged_extras(dict(current.extras), dict(incoming.extras)),
    )
    findings = validate(merged)
    if has_errors(findings):
        raise ModelInvalidError(findings, "merge")
    return merged


def replace(current: Model, incoming: Model) -> Model:
    """A copy of ``incoming`` to stand in for ``current`` (it keeps ``current``'s model id, so a
    workspace still knows it). Raises :class:`~fora_model.errors.ModelInvalidError` on errors."""
    findings = validate(incoming)
    if has_errors(findings):
        raise ModelInvalidError(findings, "replace")
    result = incoming.copy()
    result.id = current.id
    return result


