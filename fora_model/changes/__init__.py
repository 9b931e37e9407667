"""The change vocabulary: typed, invertible, serialisable edits of a :class:`~fora_model.model.Model`.

An editor says what it wants — :class:`AddElement`, :class:`UpdateElement`, :class:`RemoveElement`,
:class:`AddRelation`, :class:`UpdateRelation`, :class:`RemoveRelation`, :class:`SetHeader` — and
:func:`apply_changes` applies the list to a *copy* of the model through the model's checked editing
methods: a change the metamodel refuses raises :class:`~fora_model.errors.EditRejected` and the
input model is left as it was. The result holds the new model and the changes *as applied*, each
filled in with what it replaced (the element before an update; for a removal, the element, where
it stood and the relations that went with it). Applied changes are what the workspace stores, and
:func:`invert` turns them into the changes that undo them exactly, down to the order of elements
and relations (so ``dumps_model`` text comes back byte for byte).

>>> from fora_model.model import Element, Model, Relation
>>> m = Model(id="m", name="Tiny")
>>> _ = m.add_element(Element.new("activity", "Record grades", id="a"))
>>> _ = m.add_element(Element.new("application", "Magister", id="app"))
>>> done = apply_changes(m, [AddRelation(Relation.new("supports", "app", "a", id="r")),
...                          RemoveElement("app")])
>>> len(m.relations), len(done.model.elements), len(done.changes[1].relations)
(0, 1, 1)
>>> apply_changes(done.model, invert(done.changes)).model == m
True

The change classes live in :mod:`fora_model.changes.types`, the JSON form in
:mod:`fora_model.changes.codec`, :func:`diff_models` in :mod:`fora_model.changes.diff`, and the editor helpers
:func:`set_links`, :func:`mark_no_support` and :func:`describe` in :mod:`fora_model.changes.editing`; all are
re-exported here.

Layer: above the core and the native format (its concept codec); imported by the workspace,
the dashboard helpers and the CLI.
"""

from .apply import Applied, apply_changes, invert, replay
from .codec import change_from_dict, change_to_dict, dumps_changes, loads_changes
from .diff import DIFF_COLUMNS, ModelDiff, diff_models
from .editing import describe, mark_no_support, no_support_summary, no_support_targets, set_links
from .types import (
    HEADER_FIELDS,
    AddElement,
    AddRelation,
    Change,
    Placed,
    RemoveElement,
    RemoveRelation,
    SetHeader,
    UpdateElement,
    UpdateRelation,
)

__all__ = [
    "DIFF_COLUMNS",
    "HEADER_FIELDS",
    "AddElement",
    "AddRelation",
    "Applied",
    "Change",
    "ModelDiff",
    "Placed",
    "RemoveElement",
    "RemoveRelation",
    "SetHeader",
    "UpdateElement",
    "UpdateRelation",
    "apply_changes",
    "change_from_dict",
    "change_to_dict",
    "describe",
    "diff_models",
    "dumps_changes",
    "invert",
    "loads_changes",
    "mark_no_support",
    "no_support_summary",
    "no_support_targets",
    "replay",
    "set_links",
]
