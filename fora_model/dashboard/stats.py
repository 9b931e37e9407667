"""The open model's counts as the Model page shows them: each measure of
:func:`fora_model.analysis.stats.model_stats` in words and each value written in the current
language (counts with thousands separators, the annual cost in euros, the level as a kind).

Examples
--------
>>> import pandas as pd
>>> from fora_model.i18n import use_language
>>> stats = pd.DataFrame([("elements", 1200), ("elements: system_type", 3), ("relations: composed_of", 2),
...                       ("level", "application"), ("annual_cost", 46650.0)], columns=["measure", "value"])
>>> stats_table(stats).values.tolist()
[['Elements', '1,200'], ['Elements: system types', '3'], ['Relations: composed of', '2'], \
['Supporters counted as', 'applications'], ['Annual cost (current applications)', '€46,650']]
>>> with use_language("nl"):
...     stats_table(stats).values.tolist()
[['Elementen', '1.200'], ['Elementen: applicatiesoorten', '3'], ['Relaties: bestaat uit', '2'], \
['Ondersteuners geteld als', 'applicaties'], ['Jaarlijkse kosten (huidige applicaties)', '€ 46.650']]
"""

from __future__ import annotations

import pandas as pd

from ..formatting import money, number
from ..i18n import N_, _
from ..vocabulary import ElementKind, RelationKind
from .common import kind_label

__all__ = ["MEASURE_LABELS", "stats_table"]

MEASURE_LABELS: dict[str, str] = {
    "elements": N_("Elements"),
    "relations": N_("Relations"),
    "level": N_("Supporters counted as"),
    "supportable": N_("Processes and activities that can be supported"),
    "supported": N_("Supported by a supporter of their own"),
    "inherited": N_("Supported only through a process above"),
    "duplicated": N_("Duplicated"),
    "duplicated_inherited": N_("Duplicated through a process above"),
    "unsupported": N_("Unsupported (real gaps)"),
    "expected_gaps": N_("Expected gaps (need no system)"),
    "annual_cost": N_("Annual cost (current applications)"),
}
"""Each measure of :func:`~fora_model.analysis.stats.model_stats` in words (English; shown translated)."""


def _measure(name: str) -> str:
    concept, _colon, kind = name.partition(": ")
    if kind and concept == "elements" and kind in {k.value for k in ElementKind}:
        return _("Elements: {kinds}", kinds=kind_label(kind, plural=True))
    if kind and concept == "relations" and kind in {k.value for k in RelationKind}:
        return _("Relations: {kind}", kind=RelationKind(kind).term)
    label = MEASURE_LABELS.get(name)
    return name if label is None else _(label)


def _value(name: str, value: object) -> str:
    if name == "annual_cost":
        return money(value)
    if name == "level" and isinstance(value, str) and value in {k.value for k in ElementKind}:
        return kind_label(value, plural=True)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value)
    return str(value)


def stats_table(stats: pd.DataFrame) -> pd.DataFrame:
    """``stats`` (columns ``measure``, ``value``) with the measures in words and the values written
    out, both in the current language; a measure this module does not know is shown as it is."""
    rows = [(_measure(str(m)), _value(str(m), v)) for m, v in zip(stats["measure"], stats["value"], strict=True)]
    return pd.DataFrame(rows, columns=["measure", "value"])
