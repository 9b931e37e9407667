"""Models for the dashboard tests: the sample school with hostile names.

:func:`hostile_model` renames, in a copy of the sample school, the activity at the top of the
duplication report, one of its applications, its process and the first goal to strings that
would do harm if any renderer treated them as HTML or Markdown, and gives the model such a name.
"""

from __future__ import annotations

import fora_model as fm

__all__ = ["HOSTILE", "HOSTILE_MODEL_NAME", "hostile_model"]

HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(2)</script>",
    '<a href="http://x.invalid">',
    "![](http://x.invalid/i.png)",
)
"""Names that run script, load from the network or become links when rendered as HTML or Markdown."""

HOSTILE_MODEL_NAME = "![](http://x.invalid/m.png) <img src=x onerror=alert(5)> **school**"


def hostile_model(sample: fm.Model) -> tuple[fm.Model, dict[str, str]]:
    """A copy of ``sample`` with hostile names; returns it and ``{role: element id}`` for the
    renamed elements (roles ``activity``, ``application``, ``goal``, ``process``)."""
    model = sample.copy()
    top = fm.duplicated_activities(model).iloc[0]
    activity = str(top["activity_id"])
    application = str(top["application_ids"]).split(" | ")[0]
    process = next(r.source for r in model.relations_of("composed_of") if r.target == activity)
    goal = model.elements_of("goal")[0].id
    roles = {"activity": activity, "application": application, "goal": goal, "process": process}
    for name, identifier in zip(HOSTILE, roles.values(), strict=True):
        model.update_element(model.element(identifier).replace(name=name))
    model.set_header(name=HOSTILE_MODEL_NAME)
    return model, roles


def upload_changes(sample: fm.Model) -> fm.Model:
    """A small file for the sample school: one activity renamed, one new activity under its process."""
    activity = sample.elements_of("activity")[0]
    parent = next(r.source for r in sample.relations_of("composed_of") if r.target == activity.id)
    m = fm.Model(id="id-upload", name="")
    m.add_element(sample.element(parent))
    m.add_element(activity.replace(name=activity.name + " (renamed)"))
    m.add_element(fm.Element.new("activity", "Welcome new pupils", id="id-new-activity"))
    m.add_relation(fm.Relation.new("composed_of", parent, "id-new-activity", id="id-new-link"))
    return m
