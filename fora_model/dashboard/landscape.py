"""The Landscape map page: which element a click on the map chose, and what to say about it.

>>> from fora_model import Element, Model, Relation
>>> m = Model(name="Tiny")
>>> for kind, name, key in (("process", "Education", "edu"), ("process", "Teaching", "t"),
...                         ("activity", "Record grades", "a"), ("application", "Magister", "mag")):
...     _ = m.add_element(Element.new(kind, name, id=key))
>>> _ = m.add_relation(Relation.new("composed_of", "edu", "t"))
>>> _ = m.add_relation(Relation.new("composed_of", "t", "a"))
>>> _ = m.add_relation(Relation.new("supports", "mag", "a"))
>>> clicked_element({"selection": {"points": [{"customdata": "mag"}]}})
'mag'
>>> placement(m, "mag")[["function", "supports", "of"]].values.tolist()
[['Teaching', 1, 1]]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ..analysis.landscape import landscape
from ..i18n import N_, _
from ..model import Model

__all__ = ["BOX_PX", "COLOUR_LABELS", "PLACEMENT_COLUMNS", "PLACEMENT_LABELS", "ROW_CHOICES", "clicked_element",
           "colour_label", "map_width", "placement", "placement_labels"]

BOX_PX = 185
"""The width a box needs on screen to show a 22-character name; the page assumes the chart is at
least ``columns * BOX_PX`` wide (three boxes: a 1024 px projector with the sidebar open)."""

ROW_CHOICES: tuple[int, ...] = (2, 3, 4, 5, 6)
"""How many boxes a row the page offers (3 by default)."""

COLOUR_LABELS: dict[str, str] = {
    "status": N_("Duplicates"),
    "recommendation": N_("TIME recommendation"),
    "lifecycle": N_("Lifecycle"),
}
"""The map's colour choices as the page names them (marked for the catalogue; :func:`colour_label`
translates them)."""

PLACEMENT_LABELS: dict[str, str] = {
    "domain": N_("Domain"),
    "function": N_("Business function"),
    "application": N_("Application"),
    "supports": N_("Supports"),
    "of": N_("Of its elements"),
    "on_a_duplicate": N_("On a duplicate"),
}
"""The headers of :func:`placement`'s columns (marked for the catalogue)."""


def colour_label(key: str) -> str:
    """A colour choice of the map in the current language."""
    return _(COLOUR_LABELS[key])


def placement_labels() -> dict[str, str]:
    """The headers of :func:`placement`'s columns in the current language."""
    return {column: _(label) for column, label in PLACEMENT_LABELS.items()}

PLACEMENT_COLUMNS: list[str] = ["domain", "function", "application", "supports", "of", "on_a_duplicate"]
"""The columns of :func:`placement`, one row per tile: for an application every main function it
appears in, for a function every application inside it; how many of the function's supportable
elements the application supports (``supports`` of ``of``) and whether it is one of two or more on a
duplicated activity there."""


def map_width(columns: int) -> int:
    """The narrowest chart width the page lays the map out for with ``columns`` boxes a row.

    >>> map_width(3)
    555
    """
    return columns * BOX_PX


def clicked_element(event: Mapping[str, Any] | None) -> str | None:
    """The element id a click on the map selected (the first selected point's ``customdata``), or
    None when nothing is selected. ``event`` is what ``st.plotly_chart(on_select=...)`` returns."""
    if not event:
        return None
    selection = event.get("selection") or {}
    for point in selection.get("points") or []:
        data = point.get("customdata")
        if isinstance(data, list | tuple):
            data = data[0] if data else None
        if isinstance(data, str) and data:
            return data
    return None


def placement(
    model: Model,
    element_id: str,
    *,
    level: str | None = None,
    paths: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Where ``element_id`` sits on the map (:data:`PLACEMENT_COLUMNS`); empty when it is not on it."""
    frame = landscape(model, level=level, paths=paths)
    as_application = frame[frame["application_id"] == element_id]
    rows = as_application if len(as_application) else frame[
        (frame["function_id"] == element_id) & (frame["application_id"] != "")]
    return pd.DataFrame({
        "domain": rows["domain"],
        "function": rows["function"],
        "application": rows["application"],
        "supports": rows["supports"],
        "of": rows["elements"],
        "on_a_duplicate": rows["application_status"] == "duplicated",
    }, columns=PLACEMENT_COLUMNS).reset_index(drop=True)
