"""History: the revisions of the open model, undo and redo, the difference between two revisions,
and opening an older revision read-only or restoring it as a new revision."""

import streamlit as st

from app_pages import state
from fora_model.dashboard import history as hv
from fora_model.dashboard import writes as dw
from fora_model.dashboard.common import md_escape, spoken
from fora_model.formatting import number
from fora_model.i18n import _

PER_PAGE = 50

state.require_model()
name = str(state.model_name())
store = state.store()
shown, head = int(state.revision() or 1), int(state.head() or 1)
behind = hv.behind_message(shown, head)


def undo() -> None:
    state.write(dw.Undo())


def redo() -> None:
    state.write(dw.Redo())


def restore(revision: int) -> None:
    state.write(dw.Restore(revision))


def open_read_only(revision: int) -> None:
    state.open_model(name, revision)


def keep_in_range(key: str, default: int) -> None:
    """Put a revision picker's value within 1..head before the picker is drawn."""
    st.session_state[key] = hv.clamp_revision(st.session_state.get(key), head, default)


defaults = hv.picker_defaults(shown, head)
if st.session_state.get("hi_head") != head:  # first visit, or the model moved on: start from its newest change
    st.session_state["hi_head"] = head
    for picker, value in defaults.items():
        st.session_state[f"hi_{picker}"] = value


st.title(_("History"))
st.caption(_("{name} · showing revision {shown} · newest revision {head}. Every edit is saved at once as a new "
             "revision; undo, redo and restore add a revision too, so nothing is ever lost.", name=md_escape(name),
             shown=number(shown), head=number(head)))

# ----------------------------------------------------------------------------- undo and redo
editable = state.can_edit()  # read-only for this account: no undo, redo or restore
undo_target, redo_target = store.undo_target(name), store.redo_target(name)
if editable:
    undo_col, redo_col = st.columns(2)
    undo_col.button(md_escape(hv.undo_label(undo_target)), key="hi_undo", on_click=spoken(undo), icon=":material/undo:",
                    disabled=undo_target is None or behind is not None, width="stretch")
    redo_col.button(md_escape(hv.redo_label(redo_target)), key="hi_redo", on_click=spoken(redo), icon=":material/redo:",
                    disabled=redo_target is None or behind is not None, width="stretch")
else:
    state.author_note()
if behind is not None:
    st.caption(behind)

# ----------------------------------------------------------------------------- the revisions
st.subheader(_("Revisions"))
pages = max(1, -(-head // PER_PAGE))
page_number = 1
if pages > 1:
    keep_in_range("hi_page", 1)
    st.session_state["hi_page"] = min(st.session_state["hi_page"], pages)
    page_number = int(st.number_input(_("Page (of {pages}; newest first)", pages=number(pages)), min_value=1,
                                      max_value=pages, step=1,
                                      key="hi_page"))
listing = hv.history_page(store, name, page_number, PER_PAGE)
st.caption(_("Revisions {newest} to {oldest} of {total}, newest first.", newest=number(listing.newest),
             oldest=number(listing.oldest), total=number(listing.total)))
st.dataframe(
    hv.revision_table(listing.rows, shown, head), hide_index=True, key="hi_revisions",
    column_config={
        "revision": st.column_config.NumberColumn(_("Revision"), format="%d"),
        "status": _("Status"),
        "when": _("When (UTC)"),
        "who": _("By"),
        "action": _("Action"),
        "summary": st.column_config.TextColumn(_("Summary"), width="large"),
        "changes": st.column_config.NumberColumn(_("Changes"), format="%d"),
        "elements": st.column_config.NumberColumn(_("Elements"), format="%d"),
        "relations": st.column_config.NumberColumn(_("Relations"), format="%d"),
    },
)

# ----------------------------------------------------------------------------- the difference between two
st.subheader(_("Compare two revisions"))
keep_in_range("hi_old", defaults["old"])
keep_in_range("hi_new", defaults["new"])
old_col, new_col = st.columns(2)
old = int(old_col.number_input(_("From revision"), min_value=1, max_value=head, step=1, key="hi_old"))
new = int(new_col.number_input(_("To revision"), min_value=1, max_value=head, step=1, key="hi_new"))
old_col.caption(md_escape(hv.revision_label(store.revision(name, old))))
new_col.caption(md_escape(hv.revision_label(store.revision(name, new))))
if old == new:
    st.info(_("Choose two different revisions to see what changed between them."))
else:
    with st.spinner(_("Comparing the two revisions…")):
        view = hv.revision_diff(store, name, old, new)
    st.caption(_("From revision {old} to revision {new}: {changes}.", old=number(old), new=number(new),
                 changes=view.caption()))
    for column, (label, count) in zip(st.columns(len(view.counts)), view.counts.items(), strict=True):
        column.metric(view.count_label(label).capitalize(), number(count), border=True)
    if len(view.model):
        st.dataframe(view.model, hide_index=True, key="hi_diff_model",
                     column_config={"details": _("The model's own details")})
    if len(view.elements):
        st.dataframe(view.elements, hide_index=True, key="hi_diff_elements",
                     column_config={"change": _("Change"), "kind": _("Kind"), "name": _("Name"),
                                    "previous_name": _("Previous name"), "details": _("What changed"), "id": _("Id")})
    if len(view.relations):
        st.dataframe(view.relations, hide_index=True, key="hi_diff_relations",
                     column_config={"change": _("Change"), "kind": _("Kind"), "relation": _("Relation"),
                                    "details": _("What changed"), "id": _("Id")})

# ----------------------------------------------------------------------------- open or restore an older one
st.subheader(_("Open or restore a revision"))
keep_in_range("hi_pick", defaults["pick"])
pick = int(st.number_input(_("Revision"), min_value=1, max_value=head, step=1, key="hi_pick"))
st.caption(md_escape(hv.revision_label(store.revision(name, pick))))
change = None
if pick < head:  # the same difference as comparing ``pick`` with the newest, read backwards
    with st.spinner(_("Working out what restoring would change…")):
        change = hv.revision_diff(store, name, pick, head)
problem = hv.restore_problem(pick, shown, head, unchanged=change is not None and change.empty)
open_col, restore_col = st.columns(2)
open_col.button(_("Open revision {revision} read-only", revision=number(pick)), key="hi_open",
                on_click=spoken(open_read_only), args=(pick,),
                disabled=pick == shown, icon=":material/visibility:", width="stretch",
                help=_("Every page then shows this revision; edits are refused until you load the latest revision."))
if editable:
    restore_col.button(_("Restore revision {revision} as a new revision", revision=number(pick)), key="hi_restore",
                       on_click=spoken(restore),
                       args=(pick,), disabled=problem is not None, icon=":material/restore:", width="stretch",
                       help=_("Makes the model as it was then the newest revision (undoable); no revision is deleted."))
if problem is not None:
    st.caption(problem)
elif change is not None:
    st.caption(_("Restoring revision {revision} changes the newest revision {head} by: {changes}.",
                 revision=number(pick), head=number(head), changes=change.caption(backwards=True)))
