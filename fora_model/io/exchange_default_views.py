"""Default diagrams for the exchange XML: one view per process that has parts.

A model read by Archi (or another ArchiMate tool) without any diagram is hard to read there, so
the exchange writer can add, on request (``views="process"``), one view per process that is
``composed_of`` other processes or activities. Each view shows:

* the process as a box with its parts (activities and sub-processes) nested inside it, in a grid
  of at most :data:`PART_COLUMNS` columns;
* below it, one band per layer of what supports them, each in rows of at most
  :data:`ROW_COLUMNS` boxes: the application functions that support the process or a part, the
  system types that support them directly or are assigned those functions, and the applications
  that support them directly, are assigned those functions or realize those system types (the
  ``direct``, ``function`` and ``type`` support paths);
* every relation of the model between two different elements on the view, as a connection.

The layout is a plain grid, computed from the model's order alone (the same model always gives
the same bytes); no two boxes overlap and every part lies inside its process's box. Coordinates
are absolute, as the exchange format (and ``Model.extras["views"]``) have them.

A view is named after its process (processes that share a name get their id added in
brackets); no view is added when the model already has a view of that name, so exporting a file
that already holds these views again adds nothing. View, node and connection ids are NCNames
starting ``fora-view-`` that no concept, view, node, connection or folder of the model uses.

>>> from fora_model.model import Element, Model, Relation
>>> m = Model(id="m", name="School")
>>> for kind, name, i in [("process", "Teach", "p"), ("activity", "Plan", "a1"), ("activity", "Mark", "a2")]:
...     _ = m.add_element(Element.new(kind, name, id=i))
>>> for i, target in [("r1", "a1"), ("r2", "a2")]:
...     _ = m.add_relation(Relation.new("composed_of", "p", target, id=i))
>>> views, skipped = default_views(m)
>>> [(v["id"], v["name"], len(v["connections"]), skipped) for v in views]
[('fora-view-1', 'Teach', 2, [])]
>>> [(n["element"], n["x"], n["y"], n["w"], n["h"]) for n in views[0]["nodes"]]
[('p', 20, 20, 290, 100)]
>>> [(n["element"], n["x"], n["y"]) for n in views[0]["nodes"][0]["nodes"]]
[('a1', 35, 50), ('a2', 175, 50)]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Model
from ..vocabulary import ElementKind, RelationKind

__all__ = [
    "NODE_H",
    "NODE_W",
    "PART_COLUMNS",
    "ROW_COLUMNS",
    "VIEW_CHOICES",
    "ViewMembers",
    "check_views_option",
    "default_views",
    "layout",
    "processes_with_parts",
    "used_ids",
    "view_members",
]

VIEW_CHOICES = ("process",)
"""What the writer's ``views`` option accepts: ``"process"``, one view per process with parts."""

NODE_W, NODE_H = 120, 55
"""The size of every box but a process's (which grows to hold its parts)."""
PART_COLUMNS = 4
"""At most this many parts side by side inside a process."""
ROW_COLUMNS = 6
"""At most this many supporters side by side in a band."""
_MARGIN = 20  # from the diagram's top-left corner
_GAP_X, _GAP_Y = 20, 25  # between boxes in a grid
_PAD, _HEADER = 15, 30  # inside a process: sides and bottom, and the room for its name on top
_BAND_GAP = 50  # above each band, room for the connections to show
_PREFIX = "fora-view-"
_DOCUMENTATION = ("Default view written by fora-model: the process, its parts and the application functions, "
                  "system types and applications that support them.")
_BEHAVIOUR = (ElementKind.PROCESS, ElementKind.ACTIVITY)


def check_views_option(views: str | None) -> str | None:
    """The views option as given, or None when no view is asked for; ``ValueError`` when unknown.

    >>> check_views_option(None), check_views_option(""), check_views_option("process")
    (None, None, 'process')
    >>> check_views_option("all")
    Traceback (most recent call last):
    ...
    ValueError: unknown views option 'all': use views='process' (a diagram per process) or leave it out
    """
    if not views:
        return None
    if views not in VIEW_CHOICES:
        choices = " or ".join(f"views={c!r}" for c in VIEW_CHOICES)
        raise ValueError(f"unknown views option {views!r}: use {choices} (a diagram per process) or leave it out")
    return views


@dataclass(frozen=True)
class ViewMembers:
    """The elements one process's view shows, each tuple in the order it is drawn."""

    process: str
    parts: tuple[str, ...]
    functions: tuple[str, ...]
    system_types: tuple[str, ...]
    applications: tuple[str, ...]

    @property
    def bands(self) -> tuple[tuple[str, ...], ...]:
        """The supporter layers drawn below the process, top to bottom (empty ones left out)."""
        return tuple(b for b in (self.functions, self.system_types, self.applications) if b)

    @property
    def elements(self) -> tuple[str, ...]:
        """Every element on the view."""
        return (self.process, *self.parts, *self.functions, *self.system_types, *self.applications)


class _Links:
    """The model's relations of each kind by source and by target, in model order."""

    def __init__(self, model: Model) -> None:
        self.kinds = {i: e.kind for i, e in model.elements.items()}
        self.out: dict[tuple[RelationKind, str], list[str]] = defaultdict(list)
        self.into: dict[tuple[RelationKind, str], list[str]] = defaultdict(list)
        for r in model.relations.values():
            self.out[r.kind, r.source].append(r.target)
            self.into[r.kind, r.target].append(r.source)

    def sources(self, kind: RelationKind, targets: Iterable[str], of: ElementKind) -> list[str]:
        """Distinct elements of kind ``of`` that have a ``kind`` relation to any of ``targets``."""
        found = (s for t in targets for s in self.into.get((kind, t), ()) if self.kinds.get(s) is of)
        return list(dict.fromkeys(found))

    def parts(self, process: str) -> list[str]:
        found = (c for c in self.out.get((RelationKind.COMPOSED_OF, process), ())
                 if c != process and self.kinds.get(c) in _BEHAVIOUR)
        return list(dict.fromkeys(found))


def processes_with_parts(model: Model) -> list[str]:
    """Ids of the processes ``composed_of`` at least one other process or activity, in model order.

    These are the processes :func:`default_views` draws a view for.
    """
    return _with_parts(model, _Links(model))


def _with_parts(model: Model, links: _Links) -> list[str]:
    return [e.id for e in model.elements_of(ElementKind.PROCESS) if links.parts(e.id)]


def view_members(model: Model, process: str) -> ViewMembers:
    """What the view of ``process`` shows: its parts and what supports it or them.

    Support follows the ``direct``, ``function`` and ``type`` paths of
    :mod:`fora_model.analysis` one step each (a process's own support, not its parents').
    """
    return _members(process, _Links(model))


def _members(process: str, links: _Links) -> ViewMembers:
    parts = links.parts(process)
    behaviour = [process, *parts]
    s, a = RelationKind.SUPPORTS, RelationKind.ASSIGNED_TO
    functions = links.sources(s, behaviour, ElementKind.APPLICATION_FUNCTION)
    types = _distinct(links.sources(s, behaviour, ElementKind.SYSTEM_TYPE),
                      links.sources(a, functions, ElementKind.SYSTEM_TYPE))
    applications = _distinct(links.sources(s, behaviour, ElementKind.APPLICATION),
                             links.sources(a, functions, ElementKind.APPLICATION),
                             links.sources(RelationKind.REALIZES, types, ElementKind.APPLICATION))
    return ViewMembers(process, tuple(parts), tuple(functions), tuple(types), tuple(applications))


def _distinct(*groups: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for group in groups for i in group))


def _grid(count: int, columns: int, left: int, top: int) -> Iterator[tuple[int, int]]:
    """Top-left corners of ``count`` boxes in rows of ``columns``, the first at (left, top)."""
    for i in range(count):
        yield left + (i % columns) * (NODE_W + _GAP_X), top + (i // columns) * (NODE_H + _GAP_Y)


def _span(count: int, columns: int) -> tuple[int, int]:
    """Width and height of a grid of ``count`` (> 0) boxes in rows of ``columns``."""
    across, down = min(count, columns), -(-count // columns)
    return across * NODE_W + (across - 1) * _GAP_X, down * NODE_H + (down - 1) * _GAP_Y


def layout(members: ViewMembers) -> dict[str, tuple[int, int, int, int]]:
    """Absolute bounds ``(x, y, w, h)`` of each element on the view, by element id.

    >>> bounds = layout(ViewMembers("p", ("a1",), ("f1", "f2"), (), ("x",)))
    >>> bounds["p"], bounds["a1"], bounds["f1"], bounds["f2"], bounds["x"]
    ((20, 20, 150, 100), (35, 50, 120, 55), (20, 170, 120, 55), (160, 170, 120, 55), (20, 275, 120, 55))
    """
    bounds: dict[str, tuple[int, int, int, int]] = {}
    width, height = NODE_W, NODE_H
    if members.parts:
        inner_w, inner_h = _span(len(members.parts), PART_COLUMNS)
        width, height = inner_w + 2 * _PAD, _HEADER + inner_h + _PAD
        for part, (x, y) in zip(members.parts, _grid(len(members.parts), PART_COLUMNS, _MARGIN + _PAD,
                                                     _MARGIN + _HEADER), strict=True):
            bounds[part] = (x, y, NODE_W, NODE_H)
    bounds[members.process] = (_MARGIN, _MARGIN, width, height)
    top = _MARGIN + height
    for band in members.bands:
        top += _BAND_GAP
        for element, (x, y) in zip(band, _grid(len(band), ROW_COLUMNS, _MARGIN, top), strict=True):
            bounds[element] = (x, y, NODE_W, NODE_H)
        top += _span(len(band), ROW_COLUMNS)[1]
    return bounds


class _Ids:
    """Fresh NCNames starting ``fora-view-`` that none of ``used`` is."""

    def __init__(self, used: Iterable[str]) -> None:
        self.used = set(used)

    def __call__(self, wanted: str) -> str:
        fresh, n = wanted, 2
        while fresh in self.used:
            fresh, n = f"{wanted}-{n}", n + 1
        self.used.add(fresh)
        return fresh


def _extras_ids(items: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """Every id in a tree of views, nodes, connections or folders."""
    for item in items:
        if item.get("id"):
            yield str(item["id"])
        for key in ("nodes", "connections", "folders"):
            yield from _extras_ids(item.get(key) or ())


def used_ids(model: Model) -> set[str]:
    """Every identifier the model's concepts, views (nodes, connections) and folders use."""
    used = {model.id, *model.elements, *model.relations}
    used.update(_extras_ids(model.extras.get("views") or ()))
    used.update(_extras_ids(model.extras.get("folders") or ()))
    return used


def _view(model: Model, members: ViewMembers, name: str, view_id: str, ids: _Ids) -> dict[str, Any]:
    bounds = layout(members)
    node_of: dict[str, str] = {}

    def node(element: str) -> dict[str, Any]:
        x, y, w, h = bounds[element]
        node_of[element] = ids(f"{view_id}-n{len(node_of) + 1}")
        return {"id": node_of[element], "element": element, "x": x, "y": y, "w": w, "h": h}

    top = node(members.process)
    if members.parts:
        top["nodes"] = [node(p) for p in members.parts]
    nodes = [top, *(node(e) for band in members.bands for e in band)]
    connections = [
        {"id": ids(f"{view_id}-c{n}"), "relationship": r.id, "source": node_of[r.source], "target": node_of[r.target]}
        for n, r in enumerate((r for r in model.relations.values()
                               if r.source in node_of and r.target in node_of and r.source != r.target), start=1)
    ]
    return {"id": view_id, "name": name, "documentation": _DOCUMENTATION, "nodes": nodes,
            "connections": connections}


def default_views(model: Model, views: str = "process") -> tuple[list[dict[str, Any]], list[str]]:
    """The default views of ``model`` (in the form of ``Model.extras["views"]``) and the names of
    those left out because the model already has a view of that name.

    Parameters
    ----------
    model
        The model to draw.
    views
        Which views: ``"process"`` (the only choice, see :data:`VIEW_CHOICES`), one per process
        with parts (:func:`processes_with_parts`), in model order.

    Returns
    -------
    tuple
        The new views, and the names of processes whose view was not added since a view of that
        name exists.
    """
    check_views_option(views)
    links = _Links(model)
    chosen = _with_parts(model, links)
    labels = {p: model.element(p).label for p in chosen}
    shared = {label for label, n in Counter(labels.values()).items() if n > 1}
    taken = {str(v.get("name", "")) for v in model.extras.get("views") or ()}
    ids = _Ids(used_ids(model))
    added: list[dict[str, Any]] = []
    skipped: list[str] = []
    for process in chosen:
        name = f"{labels[process]} [{process}]" if labels[process] in shared else labels[process]
        if name in taken:
            skipped.append(name)
            continue
        view_id = ids(f"{_PREFIX}{len(added) + 1}")
        added.append(_view(model, _members(process, links), name, view_id, ids))
    return added, skipped

