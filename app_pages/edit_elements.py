"""Elements: one editable table per element kind. Every cell edit and every added row is saved at
once as one revision (checked against the metamodel first); deleting goes through a preview of
the relations that go with the elements.

A cell is saved the moment it is left (Enter, Tab, or a click anywhere, another page's link
included). An edit that cannot be saved (a value that does not fit, or the model moved on) is not
thrown away: it stays in the table, kept per kind for the session, with a banner to save it again
or discard it, also when the user comes back from another page."""

from functools import partial
from typing import Any

import streamlit as st

from app_pages import state
from fora_model.dashboard import writes as dw
from fora_model.dashboard.common import md_escape, spoken
from fora_model.dashboard.edit_elements import (
    EDITABLE_KINDS,
    EditorColumn,
    edited_table,
    editor_changes,
    editor_columns,
    element_frame,
    table_state,
)
from fora_model.dashboard.edit_links import delete_changes, delete_preview, option_label
from fora_model.dashboard.edit_map import descendants
from fora_model.formatting import number
from fora_model.i18n import _, n_
from fora_model.vocabulary import ElementKind

model = state.require_model()
revision = state.revision()
label = spoken(partial(option_label, model))

st.title(_("Elements"))
st.caption(_("Edit a cell and it is saved at once as a new revision (no save button). Add a row at the bottom of a "
           "table; delete elements below the table, after seeing what goes with them."))
state.author_note()

kinds = [k.value for k in EDITABLE_KINDS]
state.restore_widget("ed_kind")
kind = st.radio(_("Kind"), kinds, horizontal=True, key="ed_kind", on_change=spoken(state.keep_widget),
                args=("ed_kind",),
                format_func=spoken(lambda k: ElementKind(k).term.capitalize()))

ids = [e.id for e in model.elements_of(kind)]
filter_col, search_col = st.columns(2)
if kind in ("process", "activity"):
    under = filter_col.selectbox(_("Under process"), state.element_ids("process"), index=None, key="ed_under",
                                 format_func=label, placeholder=_("Anywhere in the map"))
    if under is not None:
        below = descendants(model, under)
        ids = [i for i in ids if i in below]
search = search_col.text_input(_("Name contains"), key=f"ed_search_{kind}", placeholder=_("Show every row"))
if search.strip():
    ids = [i for i in ids if search.strip().casefold() in model.elements[i].name.casefold()]

unsaved_key = f"{state.UNSAVED}_{kind}"
unsaved = st.session_state.get(unsaved_key)  # (revision, row ids, the table as the user left it, why)
if unsaved is not None and unsaved[0] != revision:
    del st.session_state[unsaved_key]  # saved or discarded by a re-apply or a reload of the latest
    unsaved = None
filtered = unsaved is not None and list(unsaved[1]) != ids
if unsaved is not None:
    ids = list(unsaved[1])  # the rows the unsaved edit was made in, whatever the filter says now
frame = element_frame(model, kind, ids)
shown = frame if unsaved is None else unsaved[2]
nonce = st.session_state.get("ed_nonce", 0)
editor_key = f"ed_{kind}_{revision}_{nonce}"


def redraw() -> None:
    st.session_state["ed_nonce"] = st.session_state.get("ed_nonce", 0) + 1


def save_table(kind: str, frame: Any, table: Any) -> None:
    """Store what ``table`` changes in ``frame`` (drawn from the model); keep it when it is refused."""
    key = f"{state.UNSAVED}_{kind}"
    result = editor_changes(state.require_model(), kind, list(frame["id"]), table_state(frame, table))
    if result.ok and not result.changes:
        st.session_state.pop(key, None)
        return
    outcome = state.write(dw.Edit(result.changes, problems=result.problems))
    if outcome.ok:
        st.session_state.pop(key, None)
    else:
        st.session_state[key] = (state.revision(), tuple(frame["id"]), table, outcome.message)
        redraw()  # a new editor, drawn from the table as the user left it


def discard(kind: str) -> None:
    st.session_state.pop(f"{state.UNSAVED}_{kind}", None)
    redraw()


if unsaved is not None:
    with st.container(border=True, key="ed_unsaved_banner"):
        st.warning(_("You have unsaved changes in this table (shown below): {why} Correct them in the table, save "
                     "them again, or discard them.", why=md_escape(unsaved[3]))
                   + (" " + _("The table shows the rows you edited; the filter applies again once they are saved "
                              "or discarded.") if filtered else ""), icon=":material/edit_note:")
        save_col, discard_col = st.columns(2)
        save_col.button(_("Save my changes"), key="ed_unsaved_save", type="primary", icon=":material/save:",
                        on_click=spoken(save_table), args=(kind, frame, unsaved[2]))
        discard_col.button(_("Discard my changes"), key="ed_unsaved_discard", icon=":material/undo:",
                           on_click=spoken(discard), args=(kind,))


def column_config(column: EditorColumn) -> Any:
    """The Streamlit column for one editor column."""
    common: dict[str, Any] = {"label": column.label, "help": column.help, "required": column.required or None}
    if column.editor == "id":
        return st.column_config.TextColumn(column.label, help=column.help, disabled=True)
    if column.name == "name":
        return st.column_config.TextColumn(pinned=True, **common)
    if column.editor == "choice":
        return st.column_config.SelectboxColumn(options=list(column.choices), **common)
    if column.editor == "boolean":
        return st.column_config.CheckboxColumn(**common)
    if column.editor == "number":
        money = column.unit == "EUR"
        return st.column_config.NumberColumn(min_value=column.minimum, max_value=column.maximum, step=column.step,
                                             format="€ %,.0f" if money else None, **common)
    if column.editor == "date":
        return st.column_config.DateColumn(format="YYYY-MM-DD", **common)
    return st.column_config.TextColumn(**common)


def apply_edit(key: str, kind: str, frame: Any, shown: Any) -> None:
    """Store what the user changed in the table (an ``on_change`` callback)."""
    save_table(kind, frame, edited_table(kind, shown, st.session_state.get(key) or {}))


columns = [c.name for c in editor_columns(kind)]
if not state.can_edit():  # read-only for this account: the table without editing, no delete
    st.dataframe(shown, key=f"ed_read_{kind}", hide_index=True, width="stretch",
                 column_order=["name", *columns[3:], "documentation", "id"],
                 column_config={c.name: _(c.label) for c in editor_columns(kind)})
    st.caption(n_("{shown} of {n} element shown.", "{shown} of {n} elements shown.", len(model.elements_of(kind)),
                  shown=number(len(frame))))
    st.stop()
st.data_editor(
    shown, key=editor_key, hide_index=True, num_rows="add", width="stretch",
    column_order=["name", *columns[3:], "documentation", "id"],  # the typed columns in view, the id last
    column_config={c.name: column_config(c) for c in editor_columns(kind)},
    on_change=spoken(apply_edit), args=(editor_key, kind, frame, shown),
)
st.caption(n_("{shown} of {n} element shown.", "{shown} of {n} elements shown.", len(model.elements_of(kind)),
              shown=number(len(frame))))

st.subheader(_("Delete elements"))
doomed = st.multiselect(_("Elements to delete"), state.element_ids(kind), key=f"ed_delete_{kind}_{revision}",
                        format_func=label, placeholder=_("Pick one or more elements"))
if doomed:
    preview = delete_preview(model, doomed)
    relations = int((preview["relation"] != "").sum())
    st.caption(_("Deleting {elements} also deletes {relations}:",
                 elements=n_("{n} element", "{n} elements", len(doomed)),
                 relations=n_("{n} relation", "{n} relations", relations)))
    st.dataframe(preview, hide_index=True, key="ed_delete_preview",
                 column_config={"element": _("Element"), "kind": _("Kind"), "relation": _("Relation"),
                                "from": _("From"), "to": _("To")})

    def delete() -> None:
        state.write(dw.Edit(lambda m: delete_changes(m, doomed)))

    st.button(_("Delete {elements} and {relations}", elements=n_("{n} element", "{n} elements", len(doomed)),
                relations=n_("{n} relation", "{n} relations", relations)), key="ed_delete_button", type="primary",
              icon=":material/delete:", on_click=spoken(delete))
