"""Map: goals → processes → activities as an indented tree. Pick a row (or an element in the
picker) to rename it, move it under another process, link it to goals or say whether it needs a
system; add a process or activity under any process. Every change is saved at once."""

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import streamlit as st

from app_pages import state
from fora_model.analysis.status import element_status
from fora_model.changes import AddElement, Change
from fora_model.dashboard import writes as dw
from fora_model.dashboard.common import spoken
from fora_model.dashboard.edit_links import option_label
from fora_model.dashboard.edit_map import (
    add_under,
    goal_changes,
    goals_of,
    needs_support_change,
    parent_options,
    parents_of,
    rename,
    reparent,
    tree_rows,
)
from fora_model.i18n import _, n_
from fora_model.model import Model
from fora_model.vocabulary import ElementKind

model = state.require_model()
revision = state.revision()
nonce = st.session_state.get("mp_nonce", 0)  # bumped when a save fails, so the pickers redraw from the model
label = spoken(partial(option_label, model))
level, paths = state.settings()

st.title(_("Map"))
st.caption(_("Every change here is saved at once as a new revision. Status is the support the reports see: "
           "supported, duplicated (two or more supporters), unsupported, or an expected gap (needs no system)."))
state.author_note()

goal_col, process_col = st.columns(2)
goals = goal_col.multiselect(_("Goals"), state.element_ids("goal"), format_func=label, key="mp_goals",
                             placeholder=_("All goals"))
processes = process_col.multiselect(_("Processes"), state.element_ids("process"), format_func=label,
                                    key="mp_processes", placeholder=_("All processes"))
status = state.compute(element_status, level=level, paths=paths)
rows = tree_rows(model, status, goals=goals, processes=processes)


def pick_row(ids: list[str]) -> None:
    """Make the row clicked in the tree the element edited below (an ``on_select`` callback)."""
    chosen = st.session_state["mp_tree"].selection.rows
    if chosen:
        st.session_state["mp_element"] = ids[chosen[0]]


st.dataframe(
    rows, key="mp_tree", hide_index=True, height=420, on_select=partial(pick_row, list(rows["element_id"])),
    selection_mode="single-row",
    column_order=["tree", "kind", "status", "supporters", "needs_support", "goals", "parent"],
    column_config={"tree": st.column_config.TextColumn(_("Goal → process → activity"), width="large"),
                   "kind": _("Kind"), "status": _("Support"), "supporters": _("Supporters"),
                   "needs_support": st.column_config.CheckboxColumn(_("Needs support")), "goals": _("Goals"),
                   "parent": _("Under")},
)
st.caption(n_("{n} row. Click a row to edit it below.", "{n} rows. Click a row to edit it below.", len(rows)))
if not state.can_edit():  # read-only for this account: the note at the top says why
    st.stop()


def save(changes: Callable[[Model], Sequence[Change]], summary: str = "") -> dw.Outcome:
    """Make the changes from the stored model and save them (refusals are shown at the top)."""
    outcome = state.write(dw.Edit(changes, summary))
    if outcome.redraw:  # a conflict keeps what the user chose, to re-apply
        st.session_state["mp_nonce"] = st.session_state.get("mp_nonce", 0) + 1
    return outcome


def edit(make: Callable[[Model, str, Any], Sequence[Change]], element_id: str, key: str) -> None:
    """Save ``make(model, element_id, value of widget key)`` (an ``on_change`` callback)."""
    save(lambda m: make(m, element_id, st.session_state[key]))


def reparent_to(m: Model, element_id: str, parent: str) -> Sequence[Change]:
    return reparent(m, element_id, parent or None)


NEEDS = {"inherit": None, "yes": True, "no": False}


def needs_support_to(m: Model, element_id: str, choice: str) -> Sequence[Change]:
    return needs_support_change(m, element_id, NEEDS[choice])


element_id = st.selectbox(_("Element"), state.element_ids("process", "activity"), index=None, key="mp_element",
                          format_func=label, placeholder=_("Pick a process or activity (or click a row)"))
if element_id is not None and element_id in model.elements:
    element = model.elements[element_id]
    suffix = f"{element_id}_{revision}_{nonce}"
    found = status[status["element_id"] == element_id]
    if len(found):
        st.text(_("Support: {status} ({supporters})", status=found["status"].iloc[0],
                  supporters=n_("{n} supporter", "{n} supporters", int(found["supporters"].iloc[0]))))
    else:
        st.text(_("Support: none of its own (a process is reported through its activities)"))

    name_col, parent_col = st.columns(2)
    name_col.text_input(_("Name"), value=element.name, key=f"mp_name_{suffix}", on_change=spoken(edit),
                        args=(rename, element_id, f"mp_name_{suffix}"))
    parents = parents_of(model, element_id)
    options: list[str] = ["", *parent_options(model, element_id)]
    current = parents[0] if parents and parents[0] in options else ""
    parent_col.selectbox(
        _("Under process"), options, index=options.index(current), key=f"mp_parent_{suffix}",
        format_func=spoken(lambda i: label(i) if i else _("(top level)")),
        on_change=spoken(edit), args=(reparent_to, element_id, f"mp_parent_{suffix}"),
        help=_("Moving it takes everything below it along."))
    if len(parents) > 1:
        st.caption(n_("It is also under {n} more process; choosing a process here keeps it under that one only.",
                      "It is also under {n} more processes; choosing a process here keeps it under that one only.",
                      len(parents) - 1))
    goal_ids = goals_of(model, element_id)
    needs_now = element.attributes.get("needs_support")
    goals_col, needs_col = st.columns(2)
    goals_col.multiselect(
        _("Contributes to goals"), state.element_ids("goal"), default=goal_ids,
        format_func=label, key=f"mp_linked_goals_{suffix}",
        on_change=spoken(edit), args=(goal_changes, element_id, f"mp_linked_goals_{suffix}"))
    needs_col.radio(
        _("Needs a system"), list(NEEDS), horizontal=True, key=f"mp_needs_{suffix}",
        index=[None, True, False].index(needs_now),
        format_func=spoken({"inherit": _("As the process above"), "yes": _("Yes"),
                            "no": _("No (expected gap)")}.__getitem__),
        on_change=spoken(edit), args=(needs_support_to, element_id, f"mp_needs_{suffix}"))

st.subheader(_("Add a process or activity"))
chosen = st.session_state.get("mp_element")
default_parent = chosen if isinstance(chosen, str) and chosen in model.elements and \
    model.elements[chosen].kind.value == "process" else None
parent_ids = ["", *state.element_ids("process")]
add_parent_col, add_kind_col = st.columns(2)
add_parent_key = f"mp_add_parent_{default_parent}"
add_parent_col.selectbox(
    _("Under"), parent_ids, index=parent_ids.index(default_parent or ""), key=add_parent_key,
    format_func=spoken(lambda i: label(i) if i else _("(top level)")))
add_kind_col.radio(_("Kind"), ["activity", "process"], horizontal=True, key="mp_add_kind",
                              format_func=spoken(lambda k: ElementKind(k).term.capitalize()))


def add(parent_key: str) -> None:
    """Add the new element under the chosen process and pick it for editing (an ``on_click`` callback)."""
    name = st.session_state.get("mp_add_name", "")
    parent = st.session_state.get(parent_key) or None
    kind = st.session_state.get("mp_add_kind", "activity")
    added: list[Change] = []

    def changes(m: Model) -> list[Change]:
        added[:] = add_under(m, parent, kind, name)
        return added

    outcome = save(changes)
    if outcome.ok:
        st.session_state["mp_add_name"] = ""
        first = added[0]
        if isinstance(first, AddElement):
            st.session_state["mp_element"] = first.element.id


st.text_input(_("Name of the new element"), key="mp_add_name", placeholder=_("e.g. Record grades"))
st.button(_("Add"), key="mp_add", on_click=spoken(add), args=(add_parent_key,), type="primary", icon=":material/add:")
