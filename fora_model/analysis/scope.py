"""A goal and process scope: which processes and activities lie under chosen goals and processes.

Reports and pictures are limited to a scope with :func:`scoped`; :func:`scope_ids` gives the ids.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..hierarchy import hierarchy
from ..model import Model
from ..tables import model_tables
from ..vocabulary import ElementKind, RelationKind

__all__ = ["scope_ids", "scoped"]

# ----------------------------------------------------------------------------- scope and tables
def scope_ids(model: Model, goals: Iterable[str] = (), processes: Iterable[str] = ()) -> set[str] | None:
    """The processes and activities in scope of a goal and process filter; None when both are empty.

    An element is under a goal when it, or a process above it, contributes to the goal; it is
    under a process when it is that process or lies below it (loop edges of ``composed_of`` are
    ignored, as everywhere). With both filters an element must pass both.
    """
    goals, processes = list(goals), list(processes)
    if not goals and not processes:
        return None
    t = model_tables(model)
    h = hierarchy(model)
    business = t.of_kind(ElementKind.PROCESS, ElementKind.ACTIVITY)
    keep = business.copy()
    if goals:
        wanted = np.zeros(t.size, dtype=bool)
        wanted[t.code_of(goals)[t.code_of(goals) >= 0]] = True
        src, dst = t.relations(RelationKind.CONTRIBUTES_TO)
        direct = np.zeros(t.size, dtype=bool)
        direct[src[wanted[dst]]] = True
        under = direct | h.below(direct)
        keep &= under
    if processes:
        codes = t.code_of(processes)
        codes = codes[codes >= 0]
        below = np.zeros(t.size, dtype=bool)
        below[codes] = True
        chosen = np.zeros(t.size, dtype=bool)
        chosen[codes] = True
        below |= h.below(chosen)
        keep &= below
    return set(t.ids[keep].tolist())



def scoped(frame: pd.DataFrame, model: Model, goals: Iterable[str] = (), processes: Iterable[str] = (),
           column: str = "activity_id") -> pd.DataFrame:
    """The rows of a report whose element (``column``) is in scope (see :func:`scope_ids`), order kept."""
    ids = scope_ids(model, goals, processes)
    if ids is None:
        return frame
    return frame[frame[column].isin(ids)].reset_index(drop=True)
