"""The layout of the fora-model workbook: which sheets, which columns, which drop-downs.

One sheet per element kind (columns ``id, name, documentation, archimate_type, specialization``
and the kind's typed attributes), a ``Relations`` sheet, a ``Support`` tick matrix (supportable
elements × applications and system types), ``Properties`` (id, key, value; keys may repeat),
``Translations`` (id, field, language, text), ``Long text`` (what does not fit in a cell) and a
hidden ``_fora`` sheet with what the other sheets cannot show: ``extras`` (views, folders, the
main language, see :mod:`fora_model.io.extras`) and the order of the elements across the sheets.

>>> SHEETS["application"]
'Applications'
>>> element_columns("application")[:6]
['id', 'name', 'documentation', 'archimate_type', 'specialization', 'vendor']
"""

from __future__ import annotations

from ..attributes import ATTRIBUTES, RELATION_ATTRIBUTES
from ..vocabulary import ElementKind, RelationKind

__all__ = [
    "CELL_LIMIT",
    "CHOICES",
    "ELEMENT_BASE",
    "FORMAT_NAME",
    "HIDDEN",
    "LONG_TEXT",
    "MODEL_SHEET",
    "PROPERTIES",
    "RELATIONS",
    "RELATION_COLUMNS",
    "SHEETS",
    "SUPPORT",
    "TRANSLATIONS",
    "element_columns",
]

FORMAT_NAME = "fora-model workbook"
CELL_LIMIT = 32_767
"""The most characters an Excel cell holds."""

MODEL_SHEET = "Model"
RELATIONS = "Relations"
SUPPORT = "Support"
PROPERTIES = "Properties"
TRANSLATIONS = "Translations"
LONG_TEXT = "Long text"
HIDDEN = "_fora"

SHEETS: dict[str, str] = {
    ElementKind.GOAL.value: "Goals",
    ElementKind.PROCESS.value: "Processes",
    ElementKind.ACTIVITY.value: "Activities",
    ElementKind.INFORMATION.value: "Information",
    ElementKind.SYSTEM_TYPE.value: "System types",
    ElementKind.APPLICATION.value: "Applications",
    ElementKind.APPLICATION_FUNCTION.value: "Application functions",
    ElementKind.OTHER.value: "Other concepts",
}
"""Element kind → the sheet that lists elements of that kind."""

ELEMENT_BASE = ["id", "name", "documentation", "archimate_type", "specialization"]


def element_columns(kind: str) -> list[str]:
    """The columns of the sheet of elements of ``kind``."""
    return ELEMENT_BASE + [spec.name for spec in ATTRIBUTES[ElementKind(kind)]]


_RELATION_ATTRIBUTE_NAMES = list(dict.fromkeys(s.name for specs in RELATION_ATTRIBUTES.values() for s in specs))
RELATION_COLUMNS = ["id", "kind", "source", "target", "source_name", "target_name", "name", "documentation",
                    "archimate_type", "specialization", *_RELATION_ATTRIBUTE_NAMES]
"""Columns of the Relations sheet (``source_name``/``target_name`` help the reader and are not read)."""


def _choices() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {"kind": tuple(k.value for k in RelationKind)}
    for specs in [*ATTRIBUTES.values(), *RELATION_ATTRIBUTES.values()]:
        for spec in specs:
            if spec.choices:
                out[spec.name] = spec.choices
            elif spec.type == "boolean":
                out[spec.name] = ("true", "false")
            elif spec.type == "integer" and spec.minimum == 1 and spec.maximum == 4:
                out[spec.name] = ("1", "2", "3", "4")
    return out


CHOICES = _choices()
"""Column → the values its drop-down offers (kinds, lifecycle, fits, criticality...)."""
