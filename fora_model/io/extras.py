"""What a model carries besides its concepts (``Model.extras``), and what each format keeps of it.

Keys used by the interchange formats:

``views``
    diagrams, as ``[{"id", "name", "documentation", "viewpoint", "properties", "nodes",
    "connections", "translations"}]``; a node is ``{"id", "element" | "label", "x", "y", "w", "h",
    "nodes", "translations"}``, a connection ``{"id", "relationship" | "label", "source", "target",
    "bendpoints", "translations"}``. A connection's source or target may be another connection of
    the view. Optional keys: a view ``"type": "sketch"`` is an Archi sketch view (``"background"``:
    Archi's background number); a node ``"view": <view id>`` is a reference to (a picture of)
    another view, ``"group": true`` a group without nested nodes (one with nodes is a group anyway),
    ``"sketch": "sticky" | "actor"`` a sketch object (a sticky's text below its name is
    ``"content"``); nodes other than elements and connections may have ``"documentation"`` and
    ``"properties"`` (``[[key, value], ...]``).
``folders``
    the model tree: ``[{"name", "id", "type", "documentation", "properties", "items", "folders",
    "translations"}]`` where ``items`` are ids of concepts and views and ``properties`` is
    ``[[key, value], ...]``.
``property_types``
    property key → exchange-format data type, for keys that are not ``string``.
``language``
    the language of the model's main names when it is not ``en`` (``""``: none stated); see
    :attr:`Model.language <fora_model.model.Model.language>`. Every format carries it.

``translations`` of a view, node, connection or folder are ``[field, language, text]`` lists, as
on concepts: ``["name", "en", "Pupil intake"]`` on a view or folder (``name``/``documentation``),
``["label", "en", "Note"]`` on a node or connection. Exchange XML, the native JSON and the
workbook keep them; a format that does not says how many it left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import Finding, Reason, Severity
from ..model import Model, prune_views

__all__ = ["MAX_DEPTH", "checked_extras", "count_nodes", "count_translations", "dropped_extras", "repair_views",
           "repaired_views", "writable_views"]

MAX_DEPTH = 64
"""How deeply views may nest nodes, and folders folders (Archi's own models stay far below this)."""

_COORDINATE = 10_000_000


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) <= _COORDINATE


def _pairs(value: Any) -> bool:
    """Properties in the form of the views and folders: a list of [key, value] texts."""
    return isinstance(value, list) and all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(t, str) for t in p) for p in value)


def _texts_problem(part: Mapping[str, Any], what: str) -> str:
    if "documentation" in part and not isinstance(part["documentation"], str):
        return f"the documentation of {what} must be text"
    if "properties" in part and not _pairs(part["properties"]):
        return f"the properties of {what} must be a list of [key, value] texts"
    return _translations_problem(part)


def _translations_problem(holder: Mapping[str, Any]) -> str:
    translations = holder.get("translations", [])
    if isinstance(translations, list) and all(
            isinstance(t, list) and len(t) == 3 and all(isinstance(x, str) for x in t) for t in translations):
        return ""
    return f"the translations of {holder.get('id') or holder.get('name')!r} must be [field, language, text] lists"


def _view_problem(view: Any) -> str:
    """Why a view read from a file cannot be kept as it is ('' when it can)."""
    if not isinstance(view, dict) or not isinstance(view.get("id"), str):
        return "a view must be an object with a text id"
    for text in ("name", "type", "viewpoint"):
        if text in view and not isinstance(view[text], str):
            return f"its {text!r} must be text"
    problem = _texts_problem(view, "the view")
    if problem:
        return problem
    stack: list[tuple[Any, int]] = [(view, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"its nodes are nested more than {MAX_DEPTH} deep"
        if _translations_problem(node):
            return _translations_problem(node)
        for key in ("nodes", "connections"):
            children = node.get(key, [])
            if not isinstance(children, list):
                return f"{key!r} must be a list"
            for child in children:
                if not isinstance(child, dict) or not isinstance(child.get("id", ""), str):
                    return f"every entry of {key!r} must be an object with a text id"
                for text in ("element", "relationship", "label", "source", "target", "name", "view", "sketch",
                             "content", "documentation"):
                    if text in child and not isinstance(child[text], str):
                        return f"{text!r} of {child.get('id')!r} must be text"
                for coordinate in ("x", "y", "w", "h"):
                    if coordinate in child and not _number(child[coordinate]):
                        return f"{coordinate!r} of {child.get('id')!r} must be a number of a sensible size"
                problem = _texts_problem(child, repr(child.get("id")))
                if problem:
                    return problem
                if key == "nodes":
                    stack.append((child, depth + 1))
                elif not isinstance(child.get("bendpoints", []), list) or not all(
                        isinstance(b, list) and len(b) == 2 and all(_number(n) for n in b)
                        for b in child.get("bendpoints", [])):
                    return f"the bendpoints of {child.get('id')!r} must be a list of [x, y] numbers"
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
            for text in ("id", "type"):
                if text in folder and not isinstance(folder[text], str):
                    return f"the {text} of folder {folder.get('name', '')!r} must be text"
            problem = _texts_problem(folder, f"folder {folder.get('name', '')!r}")
            if problem:
                return problem
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


def count_translations(extras: Mapping[str, Any]) -> int:
    """How many texts in other languages the views (their nodes and connections) and folders hold."""
    count = 0
    for view in extras.get("views") or ():
        count += len(view.get("translations", ()))
        count += sum(len(n.get("translations", ())) for n in _walk(view.get("nodes", ())))
        count += sum(len(c.get("translations", ())) for c in view.get("connections", ()))
    stack = list(extras.get("folders") or ())
    while stack:
        folder = stack.pop()
        count += len(folder.get("translations", ()))
        stack.extend(folder.get("folders", ()))
    return count


def dropped_extras(extras: Mapping[str, Any], fmt: str, keeps: Iterable[str]) -> list[Finding]:
    """A warning for each part of ``extras`` that ``fmt`` cannot hold (it is left out of the file).

    ``keeps`` names the keys the format holds, and ``"translations"`` when it holds the names of
    views, labels and folders in other languages; otherwise one warning counts those texts. The
    main ``language`` is never reported: every format carries it (see :mod:`fora_model.io.concepts`).
    """
    kept = set(keeps)
    findings: list[Finding] = []
    translated = 0 if "translations" in kept else count_translations(extras)
    if translated:
        findings.append(Finding(
            Severity.WARNING, Reason.DROPPED, "", f"{fmt} cannot hold {translated} text(s) in other languages of "
            "views, diagram labels and folders; they were not written",
            "export to exchange XML, .xlsx or .json to keep them"))
    for key, value in extras.items():
        if key in kept or key == "language" or not value:
            continue
        if key == "views":
            what = f"{len(value)} view(s)"
        elif key == "folders":
            what = "the folder tree"
        elif key == "property_types":
            what = f"the data types of {len(value)} property key(s)"
        else:
            what = f"the model's {key!r}"
        findings.append(Finding(Severity.WARNING, Reason.DROPPED, "", f"{fmt} cannot hold {what}; not written",
                                "export to exchange XML, .archimate, .xlsx or .json to keep it"))
    return findings


def repair_views(model: Model, source: str = "") -> list[Finding]:
    """Take out of ``model``'s views every diagram object that refers to something missing; a warning each.

    A node showing an element the model does not have goes with its nested nodes; a reference to a view
    the model does not have goes; a connection showing a missing relation, or ending on a node or
    connection the view does not have, goes too. This is what a removal does, so a file read with such
    references is written back without them.
    """
    repaired, findings = repaired_views(model, source)
    if findings:
        model.set_header(extras={**model.extras, "views": repaired})
    return findings


def repaired_views(model: Model, source: str = "") -> tuple[list[dict[str, Any]], list[Finding]]:
    """``model``'s views as :func:`repair_views` leaves them, and its warnings; ``model`` is not changed."""
    views = model.extras.get("views")
    if not views:
        return [], []
    findings: list[Finding] = []
    gone: set[str] = set()
    view_ids = {view.get("id") for view in views}
    missing: set[str] = set()
    for view in views:
        where = f"view {view.get('name', '')!r} ({view.get('id', '')})"
        for node in _walk(view.get("nodes", ())):
            if node.get("view") and node["view"] not in view_ids:
                missing.add(node["view"])
                findings.append(Finding(
                    Severity.WARNING, Reason.DANGLING_ENDPOINT, node["view"],
                    f"{where} shows view {node['view']!r} (reference {node.get('id', '')!r}), which is not in the "
                    "model; the reference was removed",
                    "add the view to the model or take the reference out", source))
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
        if missing and "nodes" in view:
            view["nodes"] = _without_references(view["nodes"], missing)
        findings.extend(_drop_loose_connections(view, source))
    return repaired, findings


def writable_views(model: Model, source: str = "") -> tuple[list[dict[str, Any]], list[Finding]]:
    """``model``'s views without what Archi refuses, and a warning for each part left out.

    First what :func:`repaired_views` takes out (objects showing what the model does not have, and
    loose connections: Archi cannot load a file referring to ids it does not hold). Then a
    connection that shows a relation must run between the diagram objects (or connections) showing
    that relation's source and target, in that direction: Archi's model check refuses a model where
    they differ ("relationship ends != connection ends"). Such a connection, and every connection
    attached to it, is left out. ``model`` is not changed.
    """
    repaired, findings = repaired_views(model, source)
    views = repaired if findings else [dict(v) for v in model.extras.get("views") or []]
    for view in views:
        shows = {node.get("id"): node.get("element") for node in _walk(view.get("nodes", ()))}
        shows.update((c.get("id"), c.get("relationship")) for c in view.get("connections", ()))
        wrong = []
        for c in view.get("connections", ()):
            relation = model.relations.get(c.get("relationship") or "")
            if relation is None:
                continue
            ends = shows.get(c.get("source")), shows.get(c.get("target"))
            if ends != (relation.source, relation.target):
                wrong.append(c)
                findings.append(Finding(
                    Severity.WARNING, Reason.DANGLING_ENDPOINT, relation.id,
                    f"connection {c.get('id', '')!r} in view {view.get('name', '')!r} ({view.get('id', '')}) "
                    f"shows relation {relation.id!r} from {relation.source!r} to {relation.target!r} but runs "
                    f"between objects showing {ends[0]!r} and {ends[1]!r}; it was left out",
                    "draw the connection again between the relation's ends", source))
        if wrong:
            view["connections"] = [c for c in view["connections"] if not any(c is w for w in wrong)]
            findings.extend(_drop_loose_connections(view, source))
    return views, findings


def _without_references(nodes: Iterable[Mapping[str, Any]], missing: set[str]) -> list[dict[str, Any]]:
    kept = []
    for node in nodes:
        if node.get("view") in missing:
            continue
        copy = dict(node)
        if "nodes" in node:
            copy["nodes"] = _without_references(node["nodes"], missing)
        kept.append(copy)
    return kept


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
