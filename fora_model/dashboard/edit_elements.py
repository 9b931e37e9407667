"""The element tables of the editor pages, and the way back: a table edit becomes checked changes.

The Elements page shows one editable table per element kind (:func:`element_frame`): an ``id``
column (read-only), ``name``, ``documentation`` and one column per typed attribute of the kind
(:func:`editor_columns` says how each is edited). What the user changed comes back as
Streamlit's editing state (``edited_rows`` by row position, ``added_rows``, ``deleted_rows``);
:func:`editor_changes` turns it into :mod:`~fora_model.changes.types` changes, or into messages
naming the row and the column when a value does not fit, so nothing half-checked is stored.

Examples
--------
>>> from fora_model import Element, Model
>>> m = Model(name="Tiny")
>>> _ = m.add_element(Element.new("application", "Magister", id="mag", functional_fit=3))
>>> frame = element_frame(m, "application")
>>> frame.loc[0, "name"], int(frame.loc[0, "functional_fit"])
('Magister', 3)
>>> result = editor_changes(m, "application", ["mag"], {"edited_rows": {0: {"name": "Magister 6"}}})
>>> result.ok, result.changes[0].element.name
(True, 'Magister 6')
>>> editor_changes(m, "application", ["mag"], {"edited_rows": {0: {"functional_fit": 7}}}).problems
["Row 1 'Magister', Functional fit: functional_fit must be at most 4 (enter a whole number (at least 1, at most 4))."]
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..attributes import ATTRIBUTES, AttributeSpec
from ..changes.types import AddElement, Change, RemoveElement, UpdateElement
from ..columns import column_label
from ..errors import EditRejected
from ..hierarchy import hierarchy
from ..i18n import _
from ..model import Element, Model, check_attributes
from ..tables import model_tables
from ..vocabulary import ElementKind

__all__ = [
    "EDITABLE_KINDS",
    "EditorColumn",
    "EditorResult",
    "edited_table",
    "editor_changes",
    "editor_columns",
    "effective_needs",
    "element_frame",
    "table_state",
]

EDITABLE_KINDS: tuple[ElementKind, ...] = (
    ElementKind.GOAL, ElementKind.PROCESS, ElementKind.ACTIVITY, ElementKind.INFORMATION,
    ElementKind.SYSTEM_TYPE, ElementKind.APPLICATION, ElementKind.APPLICATION_FUNCTION,
)
"""The element kinds the editor pages add, change and delete, in the order they are offered."""

_FIT_NAMES = ("functional_fit", "technical_fit")
_MONEY_NAMES = ("annual_cost", "exit_cost")


@dataclass(frozen=True)
class EditorColumn:
    """How one column of an element table is shown and edited.

    ``editor`` is ``text``, ``choice`` (a picker over ``choices``), ``boolean`` (a checkbox),
    ``number`` (``minimum``/``maximum``, ``step`` 1 for whole numbers), ``date`` or ``id``
    (read-only). ``required`` columns may not be left empty.
    """

    name: str
    label: str
    editor: str
    help: str = ""
    choices: tuple[Any, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    unit: str = ""
    required: bool = False


def _label(name: str) -> str:
    """A column's label in the current language (:func:`fora_model.columns.column_label`), else its
    name in words."""
    label = column_label(name)
    return name.replace("_", " ").capitalize() if label == name else label


def _attribute_column(spec: AttributeSpec) -> EditorColumn:
    label = _label(spec.name) + (f" ({spec.unit})" if spec.unit else "")
    if spec.name in _FIT_NAMES:
        return EditorColumn(spec.name, label, "choice", _(spec.description), choices=(1, 2, 3, 4))
    if spec.type == "choice":
        return EditorColumn(spec.name, label, "choice", _(spec.description), choices=spec.choices)
    if spec.type in ("number", "integer"):
        return EditorColumn(spec.name, label, "number", _(spec.description), minimum=spec.minimum,
                            maximum=spec.maximum, step=1 if spec.type == "integer" else None, unit=spec.unit)
    if spec.type in ("boolean", "date"):
        return EditorColumn(spec.name, label, spec.type, _(spec.description))
    return EditorColumn(spec.name, label, "text", _(spec.description))


def editor_columns(kind: ElementKind | str) -> list[EditorColumn]:
    """The columns of ``kind``'s table, in order: id, name, documentation, then its attributes.

    >>> [c.name for c in editor_columns("goal")]
    ['id', 'name', 'documentation']
    >>> fit = editor_columns("application")[7]
    >>> fit.name, fit.editor, fit.choices
    ('functional_fit', 'choice', (1, 2, 3, 4))
    """
    element_kind = ElementKind(kind)
    return [
        EditorColumn("id", _("Id"), "id", _("Made by the model when a row is added; never changes.")),
        EditorColumn("name", _("Name"), "text", _("The element's name (required)."), required=True),
        EditorColumn("documentation", _("Documentation"), "text", _("What it is, in a sentence or two.")),
        *(_attribute_column(spec) for spec in ATTRIBUTES[element_kind]),
    ]


def effective_needs(model: Model, ids: Sequence[str]) -> dict[str, bool]:
    """Whether each element of ``ids`` needs support: its own ``needs_support``, else inherited
    from the processes above it (:func:`fora_model.hierarchy.hierarchy`)."""
    tables = model_tables(model)
    needs = hierarchy(model).needs_support
    codes = tables.code_of(list(ids))
    return {i: bool(needs[c]) for i, c in zip(ids, codes, strict=True) if c >= 0}


def element_frame(model: Model, kind: ElementKind | str, ids: Sequence[str] | None = None) -> pd.DataFrame:
    """The editable table of ``kind``: one row per element (all of the kind in model order, or
    those in ``ids`` in that order), columns as :func:`editor_columns` lists them.

    Attributes hold their stored value, else their documented default; ``needs_support`` shows
    the effective value (inherited from the processes above when the element sets none), so the
    checkbox says what the reports use. Fits are whole numbers, costs floats, dates ``date``.

    >>> from fora_model import Element, Model
    >>> m = Model()
    >>> _ = m.add_element(Element.new("activity", "Vision forming", id="v", needs_support=False))
    >>> element_frame(m, "activity")[["name", "needs_support", "criticality"]].values.tolist()
    [['Vision forming', False, None]]
    """
    element_kind = ElementKind(kind)
    columns = editor_columns(element_kind)
    if ids is None:
        elements = model.elements_of(element_kind)
    else:
        elements = [model.elements[i] for i in ids if i in model.elements and model.elements[i].kind is element_kind]
    needs = effective_needs(model, [e.id for e in elements]) if any(
        c.name == "needs_support" for c in columns) else {}
    data: dict[str, list[Any]] = {c.name: [] for c in columns}
    for element in elements:
        data["id"].append(element.id)
        data["name"].append(element.name)
        data["documentation"].append(element.documentation)
        for column in columns[3:]:
            if column.name == "needs_support":
                data[column.name].append(needs.get(element.id, True))
            else:
                data[column.name].append(element.attribute(column.name))
    frame = pd.DataFrame(data, columns=[c.name for c in columns])
    for column in columns[3:]:
        if column.editor == "boolean":
            frame[column.name] = frame[column.name].astype("boolean")
        elif column.name in _FIT_NAMES or column.step == 1:
            frame[column.name] = frame[column.name].astype("Int64")
        elif column.editor == "number":
            frame[column.name] = frame[column.name].astype("float64")
        elif column.editor == "date":
            frame[column.name] = frame[column.name].astype(object)
    return frame


@dataclass(frozen=True)
class EditorResult:
    """What a table edit means: the ``changes`` to store, or ``problems`` (one message per value
    that does not fit, naming the row and column). Store the changes only when :attr:`ok`."""

    changes: list[Change] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every edited value fits (the changes may still be empty)."""
        return not self.problems


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (
        isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    return "" if _empty(value) else str(value).strip()


def _plain(value: Any) -> Any:
    """A JSON-ish editor value as the attribute checker expects it (whole floats of fits stay numbers)."""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return None if _empty(value) else value


def _apply_row(element: Element, values: Mapping[str, Any], row: str, labels: Mapping[str, str],
               problems: list[str]) -> Element | None:
    """``element`` with the row's edited cells applied, or None when a cell does not fit."""
    name = _text(values["name"]) if "name" in values else element.name
    before = len(problems)
    if "name" in values and not name:
        problems.append(_("{row}, {column}: a name is required; type one, or delete the element instead.", row=row,
                          column=labels.get("name", "Name")))
    attributes = dict(element.attributes)
    edited = {k: _plain(v) for k, v in values.items() if k not in ("id", "name", "documentation")}
    unknown = [k for k in edited if k not in labels]
    for key in unknown:
        problems.append(_("{row}: there is no column {column} for {a_kind}.", row=row, column=repr(key),
                          a_kind=element.kind.a_term))
        edited.pop(key)
    typed, findings = check_attributes(element.kind, edited, element.id)
    for finding in findings:
        column = next((labels[k] for k in edited if k in finding.message), _("Value"))
        hint = f" ({finding.hint})" if finding.hint else ""
        problems.append(f"{row}, {column}: {finding.message}{hint}.")
    if len(problems) > before:
        return None
    for key in edited:
        attributes.pop(key, None)
    attributes.update(typed)
    documentation = _text(values["documentation"]) if "documentation" in values else element.documentation
    return element.replace(name=name, documentation=documentation, attributes=attributes)


def editor_changes(model: Model, kind: ElementKind | str, ids: Sequence[str],
                   state: Mapping[str, Any]) -> EditorResult:
    """The changes a table edit asks for.

    Parameters
    ----------
    model
        The model the table was drawn from (the revision the edit is based on).
    kind
        The kind the table shows; added rows become elements of this kind with a new id.
    ids
        The element ids of the table's rows, in the order shown (row position ``n`` is ``ids[n]``).
    state
        Streamlit's editing state: ``edited_rows`` ({position: {column: value}}), ``added_rows``
        ([{column: value}]) and ``deleted_rows`` ([position]); missing keys mean no such edit.

    Returns
    -------
    EditorResult
        ``UpdateElement`` for each edited row that really changes, ``AddElement`` for each added
        row with content, ``RemoveElement`` for each deleted row (with its relations, as the
        model's delete does); or, when a value does not fit (a fit of 7, a negative cost, an empty
        name), no changes and one message per problem such as
        ``"Row 3 'Magister', Annual cost (EUR): annual_cost must be at least 0 (...)."``.
    """
    element_kind = ElementKind(kind)
    labels = {c.name: c.label for c in editor_columns(element_kind)}
    changes: list[Change] = []
    problems: list[str] = []
    for position, values in sorted((int(p), v) for p, v in (state.get("edited_rows") or {}).items()):
        if not 0 <= position < len(ids) or ids[position] not in model.elements:
            problems.append(_("Row {row}: this row is no longer in the model; reload the page.", row=position + 1))
            continue
        element = model.elements[ids[position]]
        row = _("Row {row} {name}", row=position + 1, name=repr(element.label))
        updated = _apply_row(element, values, row, labels, problems)
        if updated is not None and updated != element:
            changes.append(UpdateElement(updated))
    for number, values in enumerate(state.get("added_rows") or [], start=1):
        if all(_empty(v) for k, v in values.items() if k != "id"):
            continue
        name = _text(values.get("name"))
        row = _("New row {row}", row=number) + (f" {name!r}" if name else "")
        if not name:
            problems.append(_("{row}, {column}: a name is required; type one before filling in the other columns.",
                              row=row, column=labels.get("name", "Name")))
            continue
        try:
            blank = Element.new(element_kind, name)
        except EditRejected as exc:  # pragma: no cover - a bare element always fits
            problems.append(f"{row}: {exc}")
            continue
        added = _apply_row(blank, {k: v for k, v in values.items() if k != "id"}, row, labels, problems)
        if added is not None:
            changes.append(AddElement(added))
    for position in sorted({int(p) for p in state.get("deleted_rows") or []}):
        if 0 <= position < len(ids) and ids[position] in model.elements:
            changes.append(RemoveElement(ids[position]))
    if problems:
        return EditorResult([], problems)
    return EditorResult(changes, [])


def _cell(column: EditorColumn | None, value: Any) -> Any:
    """An editor value as the table holds it (dates as ``date``, empty as None)."""
    if _empty(value) or value is pd.NA:
        return None
    if column is not None and column.editor == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value


def _same(x: Any, y: Any) -> bool:
    blank_x = x is None or x is pd.NA or _empty(x)
    blank_y = y is None or y is pd.NA or _empty(y)
    if blank_x or blank_y:
        return blank_x and blank_y
    return bool(x == y)


def edited_table(kind: ElementKind | str, table: pd.DataFrame, state: Mapping[str, Any]) -> pd.DataFrame:
    """``table`` as the user sees it after the editing ``state`` (Streamlit's ``edited_rows``,
    ``added_rows``, ``deleted_rows`` for a data editor drawn from ``table``): edited cells set,
    deleted rows left out, added rows at the end with an empty id. What a table edit that could
    not be saved looks like, to draw it again (see :func:`table_state`).

    >>> from fora_model import Element, Model
    >>> m = Model()
    >>> _ = m.add_element(Element.new("goal", "Good teaching", id="g"))
    >>> _ = m.add_element(Element.new("goal", "Safe school", id="s"))
    >>> t = edited_table("goal", element_frame(m, "goal"), {"edited_rows": {"1": {"name": "Safe"}},
    ...                  "added_rows": [{"name": "New"}], "deleted_rows": [0]})
    >>> t[["id", "name"]].values.tolist()
    [['s', 'Safe'], ['', 'New']]
    """
    columns = {c.name: c for c in editor_columns(kind)}
    rows: list[dict[str, Any]] = [{str(k): v for k, v in row.items()} for row in table.to_dict("records")]
    for position, values in (state.get("edited_rows") or {}).items():
        if 0 <= int(position) < len(rows):
            rows[int(position)].update({k: _cell(columns.get(k), v) for k, v in values.items() if k != "id"})
    deleted = {int(p) for p in state.get("deleted_rows") or []}
    kept = [row for n, row in enumerate(rows) if n not in deleted]
    for values in state.get("added_rows") or []:
        added: dict[str, Any] = dict.fromkeys((str(c) for c in table.columns), None)
        added.update({k: _cell(columns.get(k), v) for k, v in values.items() if k in columns and k != "id"})
        added["id"] = ""
        kept.append(added)
    result = pd.DataFrame(kept, columns=list(table.columns))
    for name in table.columns:
        try:
            result[name] = result[name].astype(table[name].dtype)
        except (TypeError, ValueError):
            result[name] = result[name].astype(object)
    return result


def _python(value: Any) -> Any:
    """A table cell as a plain Python value (numpy scalars unwrapped, NA and NaN as None)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def table_state(frame: pd.DataFrame, table: pd.DataFrame) -> dict[str, Any]:
    """The editing state that turns ``frame`` (drawn from the model) into ``table`` (what the user
    made of it, :func:`edited_table`), in the form :func:`editor_changes` reads: rows matched by id,
    rows with an empty id added, ids no longer in ``table`` deleted.

    >>> from fora_model import Element, Model
    >>> m = Model()
    >>> _ = m.add_element(Element.new("goal", "Good teaching", id="g"))
    >>> frame = element_frame(m, "goal")
    >>> table = edited_table("goal", frame, {"edited_rows": {"0": {"name": "Great teaching"}},
    ...                      "added_rows": [{"name": "Safe school"}]})
    >>> state = table_state(frame, table)
    >>> state["edited_rows"], [r["name"] for r in state["added_rows"]], state["deleted_rows"]
    ({0: {'name': 'Great teaching'}}, ['Safe school'], [])
    """
    positions = {identifier: n for n, identifier in enumerate(frame["id"])}
    edited: dict[int, dict[str, Any]] = {}
    added: list[dict[str, Any]] = []
    seen: set[str] = set()
    for record in table.to_dict("records"):
        row = {str(k): _python(v) for k, v in record.items()}
        identifier = row.get("id")
        if not identifier:
            added.append({k: v for k, v in row.items() if k != "id"})
            continue
        if identifier not in positions:
            continue
        seen.add(str(identifier))
        before = {str(k): _python(v) for k, v in frame.iloc[positions[identifier]].to_dict().items()}
        cells = {k: v for k, v in row.items() if k != "id" and not _same(before.get(k), v)}
        if cells:
            edited[positions[identifier]] = cells
    deleted = [n for identifier, n in positions.items() if identifier not in seen]
    return {"edited_rows": edited, "added_rows": added, "deleted_rows": deleted}
