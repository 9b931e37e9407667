"""The JSON form of changes, as the workspace stores them.

A change is an object with an ``"op"`` (``add_element``, ``update_element``, ``remove_element``,
``add_relation``, ``update_relation``, ``remove_relation``, ``set_header``); elements and relations
are written exactly as the native format writes them (:mod:`fora_model.io.native`), so a change
read back equals the change written.

>>> from fora_model.changes.types import AddElement
>>> from fora_model.model import Element
>>> text = dumps_changes([AddElement(Element.new("goal", "Good teaching", id="g"), 0)])
>>> text
'[{"op": "add_element", "element": {"id": "g", "kind": "goal", "name": "Good teaching"}, "position": 0}]'
>>> loads_changes(text) == [AddElement(Element.new("goal", "Good teaching", id="g"), 0)]
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import Finding
from ..io.native import concept_to_dict, element_from_dict, relation_from_dict
from ..model import Element, Relation
from .types import (
    AddElement,
    AddRelation,
    Change,
    Placed,
    RemoveElement,
    RemoveRelation,
    SetHeader,
    UpdateElement,
    UpdateRelation,
)

__all__ = ["change_from_dict", "change_to_dict", "dumps_changes", "loads_changes"]


def _element_out(element: Element | None) -> dict[str, Any] | None:
    return None if element is None else concept_to_dict(element)


def _relation_out(relation: Relation | None) -> dict[str, Any] | None:
    return None if relation is None else concept_to_dict(relation)


def _placed_out(placed: Iterable[Placed]) -> list[dict[str, Any]]:
    return [{"relation": concept_to_dict(r), "position": p} for r, p in placed]


def _header_out(values: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {k: [list(item) for item in v] if k in ("properties", "translations") else v for k, v in values.items()}


def change_to_dict(change: Change) -> dict[str, Any]:
    """One change as a JSON-able dict (fields still unknown are left out)."""
    out: dict[str, Any] = {"op": change.op}
    match change:
        case AddElement() | AddRelation():
            out["element" if isinstance(change, AddElement) else "relation"] = concept_to_dict(
                change.element if isinstance(change, AddElement) else change.relation)
            out["position"] = change.position
            if change.relations:
                out["relations"] = _placed_out(change.relations)
        case UpdateElement():
            out["element"] = concept_to_dict(change.element)
            out["before"] = _element_out(change.before)
        case UpdateRelation():
            out["relation"] = concept_to_dict(change.relation)
            out["before"] = _relation_out(change.before)
        case RemoveElement():
            out.update(id=change.id, element=_element_out(change.element), position=change.position)
            if change.relations:
                out["relations"] = _placed_out(change.relations)
            if change.trimmed:
                out["trimmed"] = [concept_to_dict(r) for r in change.trimmed]
            if change.extras_before is not None:
                out["extras_before"] = dict(change.extras_before)
        case RemoveRelation():
            out.update(id=change.id, relation=_relation_out(change.relation), position=change.position)
            if change.relations:
                out["relations"] = _placed_out(change.relations)
            if change.extras_before is not None:
                out["extras_before"] = dict(change.extras_before)
        case SetHeader():
            out["values"] = _header_out(change.values)
            out["before"] = _header_out(change.before)
    return {k: v for k, v in out.items() if v is not None or k == "position"}


def _element_in(data: Any, where: str) -> Element:
    findings: list[Finding] = []
    element = element_from_dict(data, where, findings)
    _refuse(findings, where)
    assert element is not None
    return element


def _relation_in(data: Any, where: str) -> Relation:
    findings: list[Finding] = []
    relation = relation_from_dict(data, where, findings)
    _refuse(findings, where)
    assert relation is not None
    return relation


def _refuse(findings: list[Finding], where: str) -> None:
    errors = [f for f in findings if f.is_error]
    if errors:
        raise ValueError(f"{where}: {errors[0]}")


def _optional(data: Mapping[str, Any], key: str, read: Any, where: str) -> Any:
    value = data.get(key)
    return None if value is None else read(value, f"{where}.{key}")


def _position(data: Mapping[str, Any], where: str) -> int | None:
    value = data.get("position")
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise ValueError(f"{where}.position must be a whole number of at least 0, not {value!r}")
    return value


def _placed_in(data: Mapping[str, Any], where: str) -> tuple[Placed, ...]:
    items = data.get("relations") or []
    if not isinstance(items, list):
        raise ValueError(f"{where}.relations must be a list")
    return tuple((_relation_in(item.get("relation") if isinstance(item, dict) else None, f"{where}.relations[{i}]"),
                  _position(item, f"{where}.relations[{i}]")) for i, item in enumerate(items))


def _header_in(values: Any, where: str) -> dict[str, Any]:
    if not isinstance(values, dict):
        raise ValueError(f"{where} must be an object")
    return {k: tuple(tuple(item) for item in v) if k in ("properties", "translations") else v
            for k, v in values.items()}


def change_from_dict(data: Mapping[str, Any], where: str = "change") -> Change:
    """Read one change written by :func:`change_to_dict`; ``ValueError`` names what is wrong and where."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{where} must be an object")
    op = data.get("op")
    if op == "add_element":
        return AddElement(_element_in(data.get("element"), f"{where}.element"), _position(data, where),
                          _placed_in(data, where))
    if op == "add_relation":
        return AddRelation(_relation_in(data.get("relation"), f"{where}.relation"), _position(data, where),
                           _placed_in(data, where))
    if op == "update_element":
        return UpdateElement(_element_in(data.get("element"), f"{where}.element"),
                             _optional(data, "before", _element_in, where))
    if op == "update_relation":
        return UpdateRelation(_relation_in(data.get("relation"), f"{where}.relation"),
                              _optional(data, "before", _relation_in, where))
    if op in ("remove_element", "remove_relation"):
        identifier = data.get("id")
        if not isinstance(identifier, str) or not identifier:
            raise ValueError(f"{where}.id must name the concept to remove")
        extras_before = data.get("extras_before")
        if extras_before is not None and not isinstance(extras_before, dict):
            raise ValueError(f"{where}.extras_before must be an object")
        if op == "remove_relation":
            return RemoveRelation(identifier, _optional(data, "relation", _relation_in, where),
                                  _position(data, where), _placed_in(data, where), extras_before)
        trimmed = data.get("trimmed") or []
        if not isinstance(trimmed, list):
            raise ValueError(f"{where}.trimmed must be a list")
        return RemoveElement(identifier, _optional(data, "element", _element_in, where), _position(data, where),
                             _placed_in(data, where),
                             tuple(_relation_in(r, f"{where}.trimmed[{i}]") for i, r in enumerate(trimmed)),
                             extras_before)
    if op == "set_header":
        return SetHeader(_header_in(data.get("values"), f"{where}.values"),
                         _optional(data, "before", _header_in, where))
    raise ValueError(f"{where}: unknown op {op!r}")


def dumps_changes(changes: Iterable[Change]) -> str:
    """Changes as one line of JSON text (a list)."""
    return json.dumps([change_to_dict(c) for c in changes], ensure_ascii=False, separators=(", ", ": "))


def loads_changes(text: str | bytes) -> list[Change]:
    """Read changes written by :func:`dumps_changes`; ``ValueError`` when the text is not such a list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"changes are not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(data, list):
        raise ValueError("changes must be a JSON list")
    return [change_from_dict(item, f"changes[{i}]") for i, item in enumerate(data)]
