"""The Graph explorer page: the view it opens on.

A model of a few hundred elements drawn whole is a hairball; the page opens on the problems
(duplicated and unsupported work with its processes and supporters) when they fit in
:data:`MAX_NODES`, else on the problems of the one domain that has most of them and still fits.
The whole graph is one toggle away.

>>> import fora_model as fm
>>> view = opening_view(fm.load_sample())
>>> view.problems_only, view.processes, view.shown <= MAX_NODES
(True, (), True)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..analysis.status import element_status
from ..formatting import number
from ..hierarchy import hierarchy
from ..i18n import _
from ..model import Model
from ..tables import model_tables
from ..viz.network import graph_data
from ..viz.options import GraphOptions

__all__ = ["MAX_NODES", "OpeningView", "opening_view"]

MAX_NODES = 150
"""The most elements the opening view draws: about what stays readable in the page's frame."""


@dataclass(frozen=True)
class OpeningView:
    """What the page's filters start at: ``problems_only``, the ``processes`` (domain) to scope to,
    how many elements that draws (``shown``) and a sentence saying why (``note``, empty when the
    problems of the whole model fit)."""

    problems_only: bool
    processes: tuple[str, ...]
    shown: int
    note: str


def opening_view(
    model: Model,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> OpeningView:
    """The readable view the graph explorer opens on (see the module docstring)."""
    chosen = None if paths is None else tuple([paths] if isinstance(paths, str) else paths)

    def shown(processes: tuple[str, ...]) -> int:
        options = GraphOptions(problems_only=True, processes=processes, level=level, paths=chosen)
        return len(graph_data(model, options).element_nodes)

    everything = shown(())
    if everything <= MAX_NODES:
        return OpeningView(True, (), everything, "")
    t = model_tables(model)
    h = hierarchy(model)
    status = element_status(model, level=level, paths=paths)
    problem = np.zeros(t.size, dtype=bool)
    problem[t.code_of(status.loc[status["status"].isin(["duplicated", "unsupported"]), "element_id"].tolist())] = True
    has_child = np.zeros(t.size, dtype=bool)
    has_child[h.parent] = True
    tops = np.flatnonzero(has_child & ~h.has_parent())
    ranked = []
    for top in tops.tolist():
        mask = np.zeros(t.size, dtype=bool)
        mask[top] = True
        ranked.append((-int((problem & (h.below(mask) | mask)).sum()), top))
    best: tuple[int, str] | None = None
    for _rank, top in sorted(ranked):
        count = shown((str(t.ids[top]),))
        if count <= MAX_NODES:
            return OpeningView(True, (str(t.ids[top]),), count, _(
                "The problems of the whole model are {count} elements; this opens on those of {domain}, the "
                "domain with most of them. Choose other processes above, or switch off Problems only for "
                "everything.", count=number(everything), domain=t.labels[top]))
        if best is None or count < best[0]:
            best = (count, str(t.ids[top]))
    if best is None:
        return OpeningView(True, (), everything, "")
    return OpeningView(True, (best[1],), best[0], _(
        "Even one domain's problems are {count} elements here; narrow the processes above or search for one "
        "element.", count=number(best[0])))
