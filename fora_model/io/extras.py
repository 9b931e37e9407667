"""What a model carries besides its concepts (``Model.extras``), and what each format keeps of it.

Keys used by the interchange formats:

``views``
    diagrams, as ``[{"id", "name", "documentation", "viewpoint", "properties", "nodes",
    "connections"}]``; a node is ``{"id", "element" | "label", "x", "y", "w", "h", "nodes"}``, a
    connection ``{"id", "relationship" | "label", "source", "target", "bendpoints"}``.
``folders``
    the model tree: ``[{"name", "id", "type", "documentation", "items", "folders"}]`` where
    ``items`` are ids of concepts and views.
``property_types``
    property key → exchange-format data type, for keys that are not ``string``.
``language``
    the language of the model's main names when it is not ``en`` (``""``: none stated).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import Finding, Reason, Severity
from ..model import Model, prune_views

__all__ = ["MAX_DEPTH", "checked_extras", "count_nodes", "dropped_extras", "repair_views"]

MAX_DEPTH = 64
"""How deeply views may nest nodes, and folders folders (Archi's own models stay far below this)."""

_COORDINATE = 10_000_000


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) <= _COORDINATE


def _view_problem(view: Any) -> str:
    """Why a view read from a file cannot be kept as it is ('' when it can)."""
    if not isinstance(view, dict) or not isinstance(view.get("id"), str):
        return "a view must be an object with a text id"
    stack: list[tuple[Any, int]] = [(view, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"its nodes are nested more than {MAX_DEPTH} deep"
        for key in ("nodes", "connections"):
            children = node.get(key, [])
            if not isinstance(children, list):
                return f"{key!r} must be a list"
            for child in children:
                if not isinstance(child, dict) or not isinstance(child.get("id", ""), str):
                    return f"every entry of {key!r} must be an object with a text id"
                for text in ("element", "relationship", "label", "source", "target", "name"):
                    if text in child and not isinstance(child[text], str):
                        return f"{text!r} of {child.get('id')!r} must be text"
                for coordinate in ("x", "y", "w", "h"):
                    if coordinate in child and not _number(child[coordinate]):
                        return f"{coordinate!r} of {child.get('id')!r} must be a number of a sensible size"
                if key == "nodes":
                    stack.append((child, depth + 1))
                elif not isinstance(child.get("bendpoints", []), list):
                    return f"the bendpoints of {child.get('id')!r} must be a list"
    return ""


def _folders_problem(folders: Any) -> str:
    stack: list[tuple[Any, int]] = [(folders, 0)]
    while stack:
        level, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"folders are nested more than {MAX_DEPTH} deep"
        if not isinstance(level, list):
            return "folders must be a list"
        for folder in level:
            if not isinstance(folder, dict) or not isinstance(folder.get("name", ""), str):
                return "every folder must be an object with a text name"
            items = folder.get("items", [])
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                return "a folder's items must be a list of ids"
            stack.append((folder.get("folders", []), depth + 1))
    return ""


def checked_extras(extras: Mapping[str, Any], source: str) -> tuple[dict[str, Any], list[Finding]]:
    """``extras`` as read from a file, with every part of the wrong shape left out and a warning
    naming it, so no writer later meets a view that is text, a node without an id or a tree
    hundreds of levels deep."""
    kept: dict[str, Any] = {}
    findings: list[Finding] = []

    def drop(what: str, problem: str) -> None:
        findings.append(Finding(Severity.WARNING, Reason.BAD_VALUE, "", f"{what} was left out: {problem}",
                                "export the model again from the tool that made it", source))

    for key, value in extras.items():
        if key == "views":
            if not isinstance(value, list):
                drop("the views", "they must be a list")
                continue
            views = []
            for index, view in enumerate(value):
                problem = _view_problem(view)
                if problem:
                    name = view.get("id") if isinstance(view, dict) else None
                    drop(f"view {name!r}" if isinstance(name, str) else f"view number {index + 1}", problem)
                else:
                    views.append(view)
            kept[key] = views
        elif key == "folders":
            problem = _folders_problem(value)
            if problem:
                drop("the folder tree", problem)
            else:
                kept[key] = value
        elif key == "property_types":
            if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                kept[key] = value
            else:
                drop("the property data types", "they must map each key to a type name")
        elif key == "language":
            if isinstance(value, str):
                kept[key] = value
            else:
                drop("the main language", "it must be a language code such as 'nl'")
        elif _nesting(value) > MAX_DEPTH:
            drop(f"the model's {key!r}", f"it is nested more than {MAX_DEPTH} deep")
        else:
            kept[key] = value
    return kept, findings


def _nesting(value: Any) -> int:
    """How deeply lists and objects nest in ``value`` (found without recursion)."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def count_nodes(nodes: Iterable[Mapping[str, Any]]) -> int:
    """Number of nodes in a view's node tree."""
    return sum(1 + count_nodes(n.get("nodes", ())) for n in nodes)


def dropped_extras(extras: Mapping[str, Any], fmt: str, keeps: Iterable[str]) -> list[Finding]:
    """A warning for each part of ``extras`` that ``fmt`` cannot hold (it is left out of the file)."""
    kept = set(keeps)
    findings: list[Finding] = []
    for key, value in extras.items():
        if key in kept or not value:
            continue
        if key == "views":
            what = f"{len(value)} view(s)"
        elif key == "folders":
            what = "the folder tree"
        elif key == "property_types":
            what = f"the data types of {len(value)} property key(s)"
        elif key == "language":
            what = f"the main language {value!r}"
        else:
            what = f"the model's {key!r}"
        findings.append(Finding(Severity.WARNING, Reason.DROPPED, "", f"{fmt} cannot hold {what}; not written",
                                "export to exchange XML, .archimate, .xlsx or .json to keep it"))
    return findings


def repair_views(model: Model, source: str = "") -> list[Finding]:
    """Take out of ``model``'s views every diagram object that refers to something missing; a warning each.

    A node showing an element the model does not have goes with its nested nodes; a connection showing a
    missing relation, or ending on a node or connection the view does not have, goes too. This is what a
    removal does, so a file read with such references is written back without them.
    """
    views = model.extras.get("views")
    if not views:
        return []
    findings: list[Finding] = []
    gone: set[str] = set()
    for view in views:
        where = f"view {view.get('name', '')!r} ({view.get('id', '')})"
        shown: list[tuple[str, str, str, Any, Mapping[str, Any], Mapping[str, Any]]] = [
            ("element", "diagram object", "the diagram object and its connections were", node.get("element"),
             node, model.elements) for node in _walk(view.get("nodes", ()))]
        shown += [("relation", "connection", "the connection was", connection.get("relationship"), connection,
                   model.relations) for connection in view.get("connections", ())]
        for what, holder, removed, ref, obj, present in shown:
            if ref and ref not in present:
                gone.add(ref)
                findings.append(Finding(
                    Severity.WARNING, Reason.DANGLING_ENDPOINT, ref,
                    f"{where} shows {what} {ref!r} ({holder} {obj.get('id', '')!r}), which is not in the model; "
                    f"{removed} removed", f"add the {what} to the model or take it out of the view", source))
    repaired = prune_views(views, gone) if gone else [dict(v) for v in views]
    for view in repaired:
        findings.extend(_drop_loose_connections(view, source))
    if gone or findings:
        model.set_header(extras={**model.extras, "views": repaired})
    return findings


def _walk(nodes: Iterable[Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    for node in nodes:
        yield node
        yield from _walk(node.get("nodes", ()))


def _drop_loose_connections(view: dict[str, Any], source: str) -> list[Finding]:
    """Remove connections whose source or target is neither a node nor a kept connection of ``view``."""
    if "connections" not in view:
        return []
    ends = {node.get("id") for node in _walk(view.get("nodes", ()))}
    connections = list(view["connections"])
    ends.update(c.get("id") for c in connections)
    findings: list[Finding] = []
    while True:
        loose = [c for c in connections if c.get("source") not in ends or c.get("target") not in ends]
        if not loose:
            break
        for c in loose:
            ends.discard(c.get("id"))
            findings.append(Finding(
                Severity.WARNING, Reason.DANGLING_ENDPOINT, c.get("relationship") or c.get("id", ""),
                f"connection {c.get('id', '')!r} in view {view.get('name', '')!r} ends on "
                f"{c.get('source')!r} → {c.get('target')!r}, which the view does not have; the connection was removed",
                "draw the connection again between objects of the view", source))
        connections = [c for c in connections if not any(c is d for d in loose)]
    view["connections"] = connections
    return findings
