"""Support resolution: who supports which element, by which path. Every analysis starts here.

**Supportable elements** are every activity, plus every process that has support attached to it
directly (a ``supports`` relation ends on it; reference models attach support to business
functions). Processes without support of their own are not report rows.

**Support** is the union of four paths, and each chain is named by its steps:

``direct``
    the supporter ``supports`` the element.
``function``
    the supporter is ``assigned_to`` an application function that ``supports`` the element. An
    ArchiMate ApplicationService is read as an application function; a component provides it when
    it is assigned to it or realizes it, itself or through a function assigned to it (component
    —assigned→ function —realizes→ service —serves→ process). A BusinessService is no behaviour
    row: what serves it is not support of a process.
``type``
    (application level only) the application ``realizes`` a system type that supports the
    element, directly (``type``) or through a function (``type>function``): FORA's premise that an
    application does what its type does.
``parent``
    any of the above, on a process above the element (``parent``, ``function>parent``,
    ``type>parent``, ``type>function>parent``). Loop edges of ``composed_of`` are ignored.

The ``paths`` option keeps a chain only when every step of its name is enabled (the chain
``direct`` has the one step ``direct``), so ``paths={"direct", "function", "parent"}`` drops every
chain through a system type.

**Serving and Realization.** A ``supports`` relation is read from ArchiMate Serving *and* from
Realization drawn from a component or application function to a behaviour: in ArchiMate a
component that realizes a process automates it, which is at least as strong as serving it, so it
is support by default. FORA itself draws only Serving and counts only Serving; the qualifier
``serving`` in ``paths`` keeps only the ``supports`` steps drawn as Serving (a relation created
in fora-model is Serving) and drops those drawn as Realization. ``paths="serving"`` is all four
paths, Serving only; ``paths="direct,function,serving"`` combines it with a choice of paths.

Applications in lifecycle ``plan`` are not current support; ``phase-out`` and ``end-of-life``
ones are, and reports flag them.

**Level**: at ``application`` level the supporters are applications; at ``system_type`` level they
are system types by their own links (the reference-architecture view). The default is
``application`` when any current application supports anything by any path, else ``system_type``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..arrays import isin, unique
from ..elements import Element
from ..hierarchy import hierarchy
from ..model import Model, ModelEdit
from ..model_index import Carried
from ..tables import KIND_CODES, ModelTables, model_tables
from ..vocabulary import ElementKind, Lifecycle, RelationKind

__all__ = [
    "ALL_PATHS",
    "LEVELS",
    "PATH_NAMES",
    "SERVING",
    "Level",
    "SupportTable",
    "parse_paths",
    "require_application_level",
    "resolve_level",
    "support_table",
]

Level = Literal["application", "system_type"]
LEVELS: tuple[str, ...] = ("application", "system_type")
ALL_PATHS: frozenset[str] = frozenset({"direct", "function", "type", "parent"})
SERVING = "serving"
"""The qualifier of ``paths`` that keeps only support drawn as ArchiMate Serving (FORA's own count)."""
SERVING_TYPE = "ServingRelationship"

K = ElementKind


@dataclass(frozen=True)
class SupportTable(Carried):
    """Support at one level over given paths, as element codes.

    ``chains`` has one row per (element, supporter, chain) with the columns ``element``,
    ``supporter``, ``path`` (the chain's name), ``via_type``, ``via_function`` and ``via_parent``
    (codes of the system type, application function and ancestor process the chain passes
    through, -1 when it does not). ``supportable`` is a boolean mask over element codes.
    """

    level: Level
    paths: frozenset[str]
    chains: pd.DataFrame
    supportable: np.ndarray
    tables: ModelTables

    def after_edit(self, edit: ModelEdit, carried: Mapping[Any, Any]) -> SupportTable | None:
        """This resolution on the model after ``edit``, with the patched tables, when the edit
        cannot change who supports what: a header change, or an element changed in anything but
        its kind and whether it is planned (a name, a cost, documentation). Otherwise None."""
        tables = carried.get("tables")
        if not isinstance(tables, ModelTables):
            return None
        if edit.action == "header":
            return dataclasses.replace(self, tables=tables)
        before, after = edit.before, edit.after
        if (edit.action == "update_element" and isinstance(before, Element) and isinstance(after, Element)
                and before.kind == after.kind and _planned(before) == _planned(after)):
            return dataclasses.replace(self, tables=tables)
        return None

    def supporter_counts(self, *, own: bool = False) -> np.ndarray:
        """Number of distinct supporters per element code; ``own=True`` counts only those that reach
        the element by a chain of its own (not by the ``parent`` path: not inherited)."""
        counts = np.zeros(self.tables.size, dtype=np.int64)
        chains = self.chains
        if own and len(chains):
            chains = chains[chains["path_code"].to_numpy() < _PARENT_OFFSET]
        if len(chains):
            pairs = unique(chains["element"].to_numpy() * (self.tables.size + 1)
                           + chains["supporter"].to_numpy())
            np.add.at(counts, pairs // (self.tables.size + 1), 1)
        return counts


def _planned(element: Element) -> bool:
    return bool(element.attributes.get("lifecycle") == Lifecycle.PLAN.value)


def parse_paths(paths: str | Iterable[str] | None) -> frozenset[str]:
    """Normalise a ``paths`` option: None means all; a string is comma-separated. The qualifier
    ``serving`` (Serving relations only) may be added; alone it means all four paths.

    >>> sorted(parse_paths("direct, function"))
    ['direct', 'function']
    >>> sorted(parse_paths("serving"))
    ['direct', 'function', 'parent', 'serving', 'type']
    """
    if paths is None:
        return ALL_PATHS
    items = paths.split(",") if isinstance(paths, str) else list(paths)
    chosen = frozenset(p.strip().lower() for p in items if p.strip())
    unknown = chosen - ALL_PATHS - {SERVING}
    if unknown:
        raise ValueError(
            f"unknown support path {', '.join(sorted(unknown))}; choose from {', '.join(sorted(ALL_PATHS))}, "
            f"and add {SERVING} to count only Serving relations"
        )
    if not chosen:
        raise ValueError("name at least one support path: direct, function, type or parent")
    if chosen == {SERVING}:
        return ALL_PATHS | chosen
    return chosen


def require_application_level(level: str | None, what: str) -> None:
    """Refuse any level but applications for an analysis that is about applications (``what`` names
    it in the message: ``"savings are"``).

    >>> require_application_level("system_type", "savings are")
    Traceback (most recent call last):
    ValueError: savings are about applications; use level application
    """
    if level not in (None, "application"):
        raise ValueError(f"{what} about applications; use level application")


def resolve_level(model: Model, *, level: str | None = None) -> Level:
    """The level to analyse at: ``level`` if given, else the default described in the module."""
    if level is not None:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; choose application or system_type")
        return level  # type: ignore[return-value]
    table = support_table(model, level="application", paths=ALL_PATHS)
    return "application" if len(table.chains) else "system_type"


def support_table(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> SupportTable:
    """Resolve who supports every supportable element, memoised per model version."""
    chosen = parse_paths(paths)
    if level is None:
        level = resolve_level(model)
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; choose application or system_type")
    table: SupportTable = model.memo(("support", level, chosen), lambda: _resolve(model, level, chosen))  # type: ignore[arg-type]
    return table


PATH_NAMES: tuple[str, ...] = (
    "direct",
    "function",
    "type",
    "type>function",
    "parent",
    "function>parent",
    "type>parent",
    "type>function>parent",
)
"""Every chain name, in report order; a chain's code is its position here."""

_TYPE_OF = np.array([2, 3], dtype=np.int8)  # direct -> type, function -> type>function
_PARENT_OFFSET = 4  # a chain on a parent: code + 4


def _frame(element: np.ndarray, supporter: np.ndarray, path: np.ndarray | int,
           via_type: np.ndarray | int = -1, via_function: np.ndarray | int = -1,
           via_parent: np.ndarray | int = -1) -> pd.DataFrame:
    n = len(element)

    def column(value: np.ndarray | int, dtype: type) -> np.ndarray:
        return np.broadcast_to(np.asarray(value, dtype=dtype), (n,)).copy()

    return pd.DataFrame({
        "element": element.astype(np.int64),
        "supporter": supporter.astype(np.int64),
        "path_code": column(path, np.int8),
        "via_type": column(via_type, np.int64),
        "via_function": column(via_function, np.int64),
        "via_parent": column(via_parent, np.int64),
    })


def _join(left_key: np.ndarray, right_key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) with left_key[i] == right_key[j] (an inner join on integer keys)."""
    if len(left_key) == 0 or len(right_key) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    order = np.argsort(right_key, kind="stable")
    sorted_keys = right_key[order]
    lo = np.searchsorted(sorted_keys, left_key, side="left")
    hi = np.searchsorted(sorted_keys, left_key, side="right")
    counts = hi - lo
    left_idx = np.repeat(np.arange(len(left_key)), counts)
    starts = np.repeat(lo, counts)
    within = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return left_idx, order[starts + within]


def _support_pairs(model: Model, t: ModelTables, paths: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
    """(source, target) codes of the ``supports`` relations to follow: all of them, or with the
    ``serving`` qualifier those drawn as ArchiMate Serving."""
    sup_s, sup_t, position = t.relation_pairs(RelationKind.SUPPORTS)
    if SERVING not in paths:
        return sup_s, sup_t
    relations = model.relations
    serving = np.fromiter((relations[i].archimate_type == SERVING_TYPE for i in t.rel_ids[position]),
                          dtype=bool, count=len(position))
    return sup_s[serving], sup_t[serving]


_REALIZATION = "RealizationRelationship"


def _provided_functions(model: Model, t: ModelTables, code: int) -> tuple[np.ndarray, np.ndarray]:
    """(component, application function) code pairs, distinct: the components of kind ``code`` that
    provide the function, by ``assigned_to``; or, for an ApplicationService (which fora-model reads
    as an application function), by ArchiMate Realization from the component, or from a function
    assigned to it, as ArchiMate draws a service (component —assigned→ function —realizes→ service
    —serves→ process). Either way the support it serves is the ``function`` path."""
    fn = KIND_CODES[K.APPLICATION_FUNCTION]
    asg_s, asg_t = t.relations(RelationKind.ASSIGNED_TO)
    mask = (t.kind[asg_s] == code) & (t.kind[asg_t] == fn)
    asg_s, asg_t = asg_s[mask], asg_t[mask]
    other_s, other_t, position = t.relation_pairs(RelationKind.OTHER)
    keep = (t.kind[other_t] == fn) & isin(t.kind[other_s], [code, fn])
    if keep.any():
        relations = model.relations
        keep[keep] = [relations[i].archimate_type == _REALIZATION for i in t.rel_ids[position[keep]]]
    rea_s, rea_t = other_s[keep], other_t[keep]
    by_component = t.kind[rea_s] == code
    by_function = ~by_component
    i, j = _join(rea_s[by_function], asg_t)  # a function that realizes the service, and who is assigned to it
    sources = np.concatenate([asg_s, rea_s[by_component], asg_s[j]])
    targets = np.concatenate([asg_t, rea_t[by_component], rea_t[by_function][i]])
    if len(sources) == len(asg_s):
        return asg_s, asg_t
    pairs = unique(sources.astype(np.int64) * (t.size + 1) + targets.astype(np.int64))
    return pairs // (t.size + 1), pairs % (t.size + 1)


def _own_support(model: Model, t: ModelTables, kind: ElementKind, paths: frozenset[str]) -> pd.DataFrame:
    """Support of supporters of ``kind`` by their own links: ``direct`` (always, as the base of
    longer chains) and ``function`` (when enabled)."""
    code = KIND_CODES[kind]
    sup_s, sup_t = _support_pairs(model, t, paths)
    supportable = isin(t.kind[sup_t], [KIND_CODES[K.ACTIVITY], KIND_CODES[K.PROCESS]])
    sup_s, sup_t = sup_s[supportable], sup_t[supportable]
    mask = t.kind[sup_s] == code
    frames = [_frame(sup_t[mask], sup_s[mask], 0)]
    if "function" in paths:
        asg_s, asg_t = _provided_functions(model, t, code)
        fn_mask = t.kind[sup_s] == KIND_CODES[K.APPLICATION_FUNCTION]
        fs, ft = sup_s[fn_mask], sup_t[fn_mask]
        i, j = _join(asg_t, fs)
        frames.append(_frame(ft[j], asg_s[i], 1, via_function=asg_t[i]))
    return pd.concat(frames, ignore_index=True)


def _resolve(model: Model, level: Level, paths: frozenset[str]) -> SupportTable:
    t = model_tables(model)
    if level == "system_type":
        chains = _own_support(model, t, K.SYSTEM_TYPE, paths)
    else:
        parts = [_own_support(model, t, K.APPLICATION, paths)]
        if "type" in paths:
            rea_s, rea_t = t.relations(RelationKind.REALIZES)
            mask = (t.kind[rea_s] == KIND_CODES[K.APPLICATION]) & (t.kind[rea_t] == KIND_CODES[K.SYSTEM_TYPE])
            rea_s, rea_t = rea_s[mask], rea_t[mask]
            own = _own_support(model, t, K.SYSTEM_TYPE, paths)
            i, j = _join(rea_t, own["supporter"].to_numpy())
            parts.append(_frame(
                own["element"].to_numpy()[j],
                rea_s[i],
                _TYPE_OF[own["path_code"].to_numpy()[j]],
                via_type=rea_t[i],
                via_function=own["via_function"].to_numpy()[j],
            ))
        chains = pd.concat(parts, ignore_index=True)
        chains = chains[~t.planned[chains["supporter"].to_numpy()]]
    supportable = t.of_kind(K.ACTIVITY)
    _, sup_t = _support_pairs(model, t, paths)
    supportable[sup_t[t.kind[sup_t] == KIND_CODES[K.PROCESS]]] = True
    parts = [chains if "direct" in paths else chains[chains["path_code"].to_numpy() != 0]]
    if "parent" in paths and len(chains):
        h = hierarchy(model)
        held = np.zeros(t.size, dtype=bool)
        held[chains["element"].to_numpy()] = True
        below, above = h.ancestor_pairs(held)
        i, j = _join(chains["element"].to_numpy(), above)
        parts.append(_frame(
            below[j],
            chains["supporter"].to_numpy()[i],
            chains["path_code"].to_numpy()[i] + _PARENT_OFFSET,
            via_type=chains["via_type"].to_numpy()[i],
            via_function=chains["via_function"].to_numpy()[i],
            via_parent=above[j],
        ))
    result = pd.concat(parts, ignore_index=True)
    result = result[supportable[result["element"].to_numpy()]].reset_index(drop=True)
    result["path"] = pd.Categorical.from_codes(result["path_code"].to_numpy(), categories=pd.Index(PATH_NAMES))
    return SupportTable(level=level, paths=paths, chains=result, supportable=supportable, tables=t)
