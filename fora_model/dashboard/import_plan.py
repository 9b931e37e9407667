"""What an import would do to the open model, before it is applied: merge or replace.

**Merge** works as Archi's CSV import does (:func:`fora_model.io.merge.apply_merge`): a concept
whose id exists is updated, a new id is created, nothing is deleted. **Replace** puts the file's
model in place of the open one (:func:`fora_model.io.merge.replace`), keeping the open model's id.
:func:`import_plan` returns the model to store together with a preview: counts per concept and
one row per concept created, updated or (replace only) removed. An import is all or nothing: when
the result would have errors, the plan has no model and its findings say why.

Examples
--------
>>> from fora_model import Element, Model
>>> current = Model(id="m", name="School")
>>> _ = current.add_element(Element.new("activity", "Grade", id="a1"))
>>> _ = current.add_element(Element.new("goal", "Safe school", id="g0"))
>>> incoming = Model(id="x", name="School")
>>> _ = incoming.add_element(Element.new("activity", "Record grades", id="a1"))
>>> _ = incoming.add_element(Element.new("goal", "Good teaching", id="g1"))
>>> plan = import_plan(current, incoming, "merge")
>>> plan.counts.set_index("concept").loc["element"].tolist()
[1, 1, 0, 1, 0]
>>> plan.changes[["action", "id"]].values.tolist()
[['update', 'a1'], ['create', 'g1']]
>>> sorted(plan.model.elements) if plan.model else None
['a1', 'g0', 'g1']
>>> import_plan(current, incoming, "replace").changes[["action", "id"]].values.tolist()
[['update', 'a1'], ['create', 'g1'], ['remove', 'g0']]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..errors import ModelInvalidError
from ..i18n import N_, _, n_
from ..io.merge import PREVIEW_COLUMNS, apply_merge, merge_preview, replace
from ..model import Model
from .uploads import findings_table

__all__ = ["COUNT_COLUMNS", "MODES", "MODE_HELP", "ImportPlan", "import_plan", "import_summary", "mode_label"]

MODES: dict[str, str] = {
    "merge": N_("Merge into the open model"),
    "replace": N_("Replace the open model"),
    "new": N_("Add as a new workspace model"),
}
"""What the page can do with a model that read cleanly, with the labels it shows (in English:
:func:`mode_label` gives the label in the current language)."""

MODE_HELP: dict[str, str] = {
    "merge": N_("As Archi's import does: a concept whose id is in the open model is updated, a new id is added, "
                "nothing is deleted. One new revision; undo it on the History page."),
    "replace": N_("The open model becomes the file's model: what is not in the file is removed. One new revision; "
                  "undo it on the History page."),
    "new": N_("The file becomes a model of its own in the workspace and opens; the open model stays as it is."),
}
"""One line on what each of :data:`MODES` does (plain text, no Markdown; English, translate when shown)."""


def mode_label(mode: str) -> str:
    """The label of import mode ``mode`` in the current language (the mode itself when unknown)."""
    return _(MODES[mode]) if mode in MODES else mode

COUNT_COLUMNS: list[str] = ["concept", "created", "updated", "unchanged", "kept", "removed"]
"""Columns of :attr:`ImportPlan.counts`, one row per concept (``element``, ``relation``, ``view``):
``unchanged`` are in the file and equal in the open model; ``kept`` are in the open model only and
stay (merge); ``removed`` are in the open model only and go (replace)."""

_CONCEPTS = ("element", "relation", "view")


@dataclass
class ImportPlan:
    """The model an import would store (None when refused), its preview and its findings."""

    mode: str
    model: Model | None
    counts: pd.DataFrame
    changes: pd.DataFrame
    findings: pd.DataFrame

    @property
    def ok(self) -> bool:
        """True when the import may be applied."""
        return self.model is not None

    @property
    def changes_anything(self) -> bool:
        """True when applying would change the open model."""
        return bool(len(self.changes))


def _views(model: Model) -> dict[str, dict[str, Any]]:
    return {str(v.get("id", "")): v for v in model.extras.get("views") or []}


def _concepts(model: Model) -> dict[str, dict[str, Any]]:
    return {"element": dict(model.elements), "relation": dict(model.relations), "view": _views(model)}


def _removed(current: Model, incoming: Model) -> pd.DataFrame:
    """Rows for the concepts of ``current`` that ``incoming`` does not have (what replace removes)."""
    rows = []
    theirs = _concepts(incoming)
    for concept, mine in _concepts(current).items():
        for identifier, value in mine.items():
            if identifier not in theirs[concept]:
                is_view = concept == "view"
                rows.append({"action": "remove", "concept": concept, "id": identifier,
                             "kind": "" if is_view else value.kind.value,
                             "name": str(value.get("name", "")) if is_view else value.name, "changes": ""})
    return pd.DataFrame(rows, columns=PREVIEW_COLUMNS)


def _counts(current: Model, incoming: Model, changes: pd.DataFrame, mode: str) -> pd.DataFrame:
    rows = []
    mine, theirs = _concepts(current), _concepts(incoming)
    for concept in _CONCEPTS:
        of = changes[changes["concept"] == concept]["action"]
        created, updated = int((of == "create").sum()), int((of == "update").sum())
        both = sum(1 for i in theirs[concept] if i in mine[concept])
        only_mine = len(mine[concept]) - both
        rows.append({"concept": concept, "created": created, "updated": updated, "unchanged": both - updated,
                     "kept": only_mine if mode == "merge" else 0,
                     "removed": only_mine if mode == "replace" else 0})
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def import_plan(current: Model, incoming: Model, mode: str = "merge") -> ImportPlan:
    """What merging (``mode="merge"``) or replacing (``"replace"``) ``current`` with ``incoming`` does.

    Parameters
    ----------
    current
        The open model (not changed).
    incoming
        The model read from the upload (not changed).
    mode
        ``merge`` or ``replace``.

    Returns
    -------
    ImportPlan
        ``model`` is what to store (None when it would have errors, listed in ``findings``);
        ``changes`` has one row per concept created, updated or removed (the model header too,
        as a ``model`` row, when the file changes its name, purpose or properties), in the
        columns of :data:`fora_model.io.merge.PREVIEW_COLUMNS`; ``counts`` sums them up.
    """
    if mode not in ("merge", "replace"):
        raise ValueError(f"unknown import mode {mode!r}; choose merge or replace")
    changes = merge_preview(current, incoming)
    if mode == "replace":
        removed = _removed(current, incoming)
        changes = pd.concat([changes, removed], ignore_index=True) if len(removed) else changes
    counts = _counts(current, incoming, changes, mode)
    try:
        model: Model | None = apply_merge(current, incoming) if mode == "merge" else replace(current, incoming)
        findings = findings_table([])
    except ModelInvalidError as exc:
        model = None
        errors = [f for f in exc.findings if f.is_error]
        findings = findings_table(errors, lambda f: (f"{mode}d model", f.location))
    return ImportPlan(mode, model, counts, changes, findings)


def import_summary(plan: ImportPlan, source: str) -> str:
    """The history line of an applied import.

    >>> counts = pd.DataFrame([{"concept": "element", "created": 2, "updated": 1, "unchanged": 0, "kept": 4,
    ...                         "removed": 0}], columns=COUNT_COLUMNS)
    >>> plan = ImportPlan("merge", None, counts, pd.DataFrame(), pd.DataFrame())
    >>> import_summary(plan, "school.xml")
    'merged school.xml: 2 elements created, 1 element updated'
    """
    parts = []
    for row in plan.counts.itertuples(index=False):
        for action in ("created", "updated", "removed"):
            n = int(getattr(row, action))
            if n:
                words = _COUNTED.get((str(row.concept), action))
                parts.append(words(n) if words else f"{n} {row.concept} {action}")
    changed = ", ".join(parts) if parts else _("nothing changed")
    if plan.mode == "merge":
        return _("merged {source}: {changes}", source=source, changes=changed)
    return _("replaced the model with {source}: {changes}", source=source, changes=changed)


_COUNTED = {
    ("element", "created"): lambda n: n_("{n} element created", "{n} elements created", n),
    ("element", "updated"): lambda n: n_("{n} element updated", "{n} elements updated", n),
    ("element", "removed"): lambda n: n_("{n} element removed", "{n} elements removed", n),
    ("relation", "created"): lambda n: n_("{n} relation created", "{n} relations created", n),
    ("relation", "updated"): lambda n: n_("{n} relation updated", "{n} relations updated", n),
    ("relation", "removed"): lambda n: n_("{n} relation removed", "{n} relations removed", n),
    ("view", "created"): lambda n: n_("{n} view created", "{n} views created", n),
    ("view", "updated"): lambda n: n_("{n} view updated", "{n} views updated", n),
    ("view", "removed"): lambda n: n_("{n} view removed", "{n} views removed", n),
}
