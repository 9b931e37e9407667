"""The landscape map's facts: per domain and main business function, the applications that support it.

FORA's own picture of a school (the "plaat") shows the **domains** side by side with their **main
business functions** inside; an application landscape report places each application inside the
functions it supports. :func:`landscape` gives that placement as one DataFrame, and
:func:`fora_model.viz.landscape.landscape_map` draws it.

A **domain** is a top process of the hierarchy (no process above it) with processes below it, such
as FORA's Grouping "Onderwijs". Its **main functions** are its children. A main function's
**subtree** is the function and everything below it; it is supported by every supporter of a
supportable element in its subtree (at the analysis level: applications, or system types on a
reference model). A top process without children is placed as a function of its own under
``(no domain)``.

>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> for kind, name, key in (("process", "Education", "edu"), ("process", "Teaching", "t"),
...                         ("activity", "Record grades", "a")):
...     _ = m.add_element(Element.new(kind, name, id=key))
>>> _ = m.add_relation(Relation.new("composed_of", "edu", "t"))
>>> _ = m.add_relation(Relation.new("composed_of", "t", "a"))
>>> for app in ("Magister", "Somtoday"):
...     _ = m.add_element(Element.new("application", app, id=app))
...     _ = m.add_relation(Relation.new("supports", app, "a"))
>>> landscape(m)[["domain", "function", "application", "application_status"]].values.tolist()
[['Education', 'Teaching', 'Magister', 'duplicated'], ['Education', 'Teaching', 'Somtoday', 'duplicated']]
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..hierarchy import hierarchy
from ..model import Model
from ..tables import KIND_CODES
from ..vocabulary import ElementKind
from .duplicates import duplicated_activities
from .status import element_status
from .support import support_table
from .time import time_recommendations

__all__ = ["FUNCTION_STATUSES", "LANDSCAPE_COLUMNS", "NO_DOMAIN", "landscape"]

NO_DOMAIN = "(no domain)"
"""The domain of a top process that has nothing below it."""

FUNCTION_STATUSES: tuple[str, ...] = ("unsupported", "duplicated", "supported", "expected gap", "no activities")
"""A main function's state, worst first: the colour of its header on the map."""

LANDSCAPE_COLUMNS: list[str] = [
    "domain_id",
    "domain",
    "function_id",
    "function",
    "function_status",
    "elements",
    "duplicates",
    "real_gaps",
    "expected_gaps",
    "application_id",
    "application",
    "application_status",
    "supports",
    "recommendation",
    "lifecycle",
]
"""The columns of :func:`landscape`, one row per (main function, supporter); a function with no
supporter has one row with an empty ``application_id``.

``domain_id``, ``domain``
    the top process (empty id for :data:`NO_DOMAIN`).
``function_id``, ``function``
    the main business function.
``function_status``
    the worst state in its subtree (:data:`FUNCTION_STATUSES`): ``unsupported`` when an element
    needing support has none, else ``duplicated`` when a root duplicated row lies in it, else
    ``supported``, ``expected gap`` (nothing supported, nothing needed), or ``no activities``.
``elements``, ``duplicates``, ``real_gaps``, ``expected_gaps``
    in its subtree: the supportable elements, the *root* duplicated rows
    (:func:`~fora_model.duplicated_activities` without inherited rows), the real gaps and the
    expected gaps.
``application_id``, ``application``
    a supporter of the subtree (an application, or a system type at system-type level).
``application_status``
    ``duplicated`` when the supporter is one of two or more on a root duplicated row in this
    subtree, else ``supported``.
``supports``
    how many supportable elements of the subtree it supports.
``recommendation``, ``lifecycle``
    the application's TIME recommendation (:func:`~fora_model.analysis.time.time_recommendations`)
    and lifecycle (``active`` when not set); empty at system-type level.

Domains are in model order, functions in model order within their domain, supporters by name.
"""


def landscape(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Place every supporter inside the main business functions it supports (:data:`LANDSCAPE_COLUMNS`)."""
    table = support_table(model, level=level, paths=paths)
    t = table.tables
    h = hierarchy(model)
    process = t.kind == KIND_CODES[ElementKind.PROCESS]
    behaviour = process | (t.kind == KIND_CODES[ElementKind.ACTIVITY])
    has_parent = h.has_parent()
    has_child = np.zeros(t.size, dtype=bool)
    has_child[h.parent] = True
    functions: list[tuple[int, int]] = []  # (domain code or -1, function code)
    for code in np.flatnonzero(behaviour & ~has_parent):
        if has_child[code] and process[code]:
            children = np.sort(h.down.ends[h.down.starts[code]:h.down.starts[code + 1]])
            functions.extend((int(code), int(c)) for c in children if behaviour[c])
        else:
            functions.append((-1, int(code)))
    status = element_status(model, level=table.level, paths=paths)
    state = dict(zip(status["element_id"], status["status"], strict=True))
    roots = duplicated_activities(model, level=table.level, paths=paths, include_inherited=False)
    root_supporters: dict[str, set[str]] = {
        activity: set(ids.split(" | ")) for activity, ids in zip(roots["activity_id"], roots["application_ids"],
                                                                 strict=True)
    }
    facts = _application_facts(model, table.level, paths)
    chains = table.chains
    element = chains["element"].to_numpy()
    supporter = chains["supporter"].to_numpy()
    rows: list[dict[str, object]] = []
    for domain, function in functions:
        mask = np.zeros(t.size, dtype=bool)
        mask[function] = True
        subtree = h.below(mask) | mask
        members = np.flatnonzero(subtree & table.supportable)
        ids = t.ids[members]
        states = [state.get(i, "") for i in ids]
        root_rows = [i for i in ids if i in root_supporters]
        real = states.count("unsupported")
        expected = states.count("expected gap")
        supported = len(members) - real - expected
        status_of = ("no activities" if not len(members) else "unsupported" if real else
                     "duplicated" if root_rows else "supported" if supported else "expected gap")
        base = {
            "domain_id": "" if domain < 0 else t.ids[domain],
            "domain": NO_DOMAIN if domain < 0 else t.labels[domain],
            "function_id": t.ids[function],
            "function": t.labels[function],
            "function_status": status_of,
            "elements": len(members),
            "duplicates": len(root_rows),
            "real_gaps": real,
            "expected_gaps": expected,
        }
        inside = subtree[element]
        pairs = pd.DataFrame({"element": element[inside], "supporter": supporter[inside]}).drop_duplicates()
        counts = pairs.groupby("supporter")["element"].nunique()
        duplicated_by: set[str] = set().union(*(root_supporters[i] for i in root_rows)) if root_rows else set()
        placed = sorted(counts.index.tolist(), key=lambda c: (str(t.labels[c]).casefold(), t.ids[c]))
        if not placed:
            rows.append({**base, "application_id": "", "application": "", "application_status": "",
                         "supports": 0, "recommendation": "", "lifecycle": ""})
        for code in placed:
            key = t.ids[code]
            recommendation, lifecycle = facts.get(key, ("", ""))
            rows.append({**base, "application_id": key, "application": t.labels[code],
                         "application_status": "duplicated" if key in duplicated_by else "supported",
                         "supports": int(counts[code]), "recommendation": recommendation,
                         "lifecycle": lifecycle})
    frame = pd.DataFrame(rows, columns=LANDSCAPE_COLUMNS)
    for column in ("elements", "duplicates", "real_gaps", "expected_gaps", "supports"):
        frame[column] = frame[column].astype("int64")
    return frame


def _application_facts(model: Model, level: str, paths: str | Iterable[str] | None) -> dict[str, tuple[str, str]]:
    """Application id → (TIME recommendation, lifecycle); empty at system-type level."""
    if level != "application":
        return {}
    time = time_recommendations(model, paths=paths)
    return {key: (str(rec), str(life)) for key, rec, life in
            zip(time["application_id"], time["recommendation"], time["lifecycle"], strict=True)}
