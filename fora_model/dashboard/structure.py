"""The Model page's structure section: the structure findings as a table, and the one action that
marks a selection of processes and activities (or whole subtrees) as needing no support.

The findings are :func:`fora_model.analysis.structure.structure_findings`; the action is one
:class:`~fora_model.dashboard.writes.Edit` built from the stored model by
:func:`fora_model.changes.mark_no_support`, so it is one revision and one undo.

Examples
--------
>>> from fora_model.model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> for e in (Element.new("process", "Besturen", id="p"), Element.new("activity", "Vergaderen", id="a")):
...     _ = m.add_element(e)
>>> _ = m.add_relation(Relation.new("composed_of", "p", "a", id="r"))
>>> structure_table(m, governance_patterns("bestu"))[["element", "finding"]].values.tolist()
[['Besturen (process)', 'governance']]
>>> marking_preview(m, ["p"], subtree=True)[["element", "change"]].values.tolist()
[['Besturen (process)', 'marked: needs no support'], ['Vergaderen (activity)', 'marked: needs no support']]
>>> marking_request(m, ["p"], subtree=True).summary
"marked 2 elements as needing no support: 'Besturen' and everything below it"
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..analysis.structure import GOVERNANCE_PATTERNS, governance_patterns, structure_findings
from ..changes import mark_no_support, no_support_summary, no_support_targets
from ..i18n import N_, _
from ..model import Model
from .common import element_label
from .writes import Edit

__all__ = [
    "MARKING_COLUMNS",
    "STRUCTURE_TABLE_COLUMNS",
    "default_patterns",
    "governance_ids",
    "governance_patterns",
    "headers",
    "marking_preview",
    "marking_request",
    "structure_table",
]

STRUCTURE_TABLE_COLUMNS = {"element": N_("Element"), "finding": N_("Finding"), "message": N_("Problem"),
                           "suggested_fix": N_("How to fix it"), "element_id": N_("Id")}
"""The columns of :func:`structure_table` and their headers on the page (marked for the catalogue;
:func:`headers` translates them)."""

MARKING_COLUMNS = {"element": N_("Element"), "change": N_("What happens")}
"""The columns of :func:`marking_preview` and their headers on the page (marked for the catalogue)."""


def headers(columns: dict[str, str]) -> dict[str, str]:
    """:data:`STRUCTURE_TABLE_COLUMNS` or :data:`MARKING_COLUMNS` with the headers in the current language."""
    return {column: _(header) for column, header in columns.items()}


def default_patterns() -> str:
    """The governance patterns the text box starts with: the defaults, comma-separated."""
    return ", ".join(GOVERNANCE_PATTERNS)


def structure_table(model: Model, governance: tuple[str, ...]) -> pd.DataFrame:
    """The structure findings for the page: ``element`` (``name (kind)``, as plain text), the
    finding kind, the problem, how to fix it and the id (:data:`STRUCTURE_TABLE_COLUMNS`)."""
    found = structure_findings(model, governance=governance)
    labels = [element_label(model.elements[i]) for i in found["element_id"]]
    table = found.assign(element=pd.Series(labels, index=found.index, dtype="str"))
    return table[list(STRUCTURE_TABLE_COLUMNS)]


def governance_ids(table: pd.DataFrame) -> list[str]:
    """The ids of the governance rows of a :func:`structure_table`, in its order, each once."""
    return list(dict.fromkeys(table.loc[table["finding"] == "governance", "element_id"]))


def _present(model: Model, ids: Sequence[str]) -> list[str]:
    """The chosen ids still in the model (a picker may hold ids of an element just deleted)."""
    return [i for i in dict.fromkeys(ids) if i in model.elements]


def marking_preview(model: Model, ids: Sequence[str], *, subtree: bool) -> pd.DataFrame:
    """What marking ``ids`` (with their subtrees when ``subtree``) does, one row per covered
    process or activity in model order: ``element`` and ``change`` (marked, or already needing
    no support by its own setting) (:data:`MARKING_COLUMNS`)."""
    targets = no_support_targets(model, _present(model, ids), subtree=subtree)
    changes = []
    for identifier in targets:
        own = model.elements[identifier].attributes.get("needs_support")
        changes.append(_("already needs no support") if own is False else _("marked: needs no support"))
    return pd.DataFrame({"element": [element_label(model.elements[i]) for i in targets], "change": changes},
                        columns=list(MARKING_COLUMNS), dtype="str")


def marking_request(model: Model, ids: Sequence[str], *, subtree: bool) -> Edit:
    """The one edit that marks ``ids`` (and their subtrees when ``subtree``) as needing no support.

    Its changes are built from the stored model the edit is based on, so what is stored is what
    :func:`marking_preview` showed for that revision; the summary names the chosen elements.
    """
    chosen = _present(model, ids)
    count = len(mark_no_support(model, chosen, subtree=subtree))
    return Edit(lambda base: mark_no_support(base, chosen, subtree=subtree),
                summary=no_support_summary(model, chosen, count, subtree=subtree))
