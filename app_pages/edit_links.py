"""Links: pick an element and tick what it is linked to. Pick an application and tick the
activities it supports (the fastest way to map a landscape), the system types it realizes, the
information it writes and the applications it exchanges data with; pick an activity and tick the
applications and system types that support it and the information it uses. Every change of a
list is saved at once as one revision."""

from collections.abc import Callable, Sequence
from functools import partial

import streamlit as st

from app_pages import state
from fora_model.changes import Change
from fora_model.dashboard import writes as dw
from fora_model.dashboard.common import spoken
from fora_model.dashboard.edit_links import (
    carries_changes,
    flow_choices,
    flow_frame,
    option_label,
    tick_changes,
    tick_list,
    tick_lists,
    tick_options,
    ticked,
)
from fora_model.i18n import _
from fora_model.model import Model
from fora_model.vocabulary import ElementKind

model = state.require_model()
revision = state.revision()
nonce = st.session_state.get("lk_nonce", 0)  # bumped when a save fails, so the lists redraw from the model
label = spoken(partial(option_label, model))
editable = state.can_edit()  # read-only for this account: the lists show, nothing can be ticked

st.title(_("Links"))
st.caption(_("Tick or untick in a list and the change is saved at once as a new revision."))
state.author_note()

kinds = ["application", "activity", "process", "system_type", "application_function", "goal"]
kind_col, element_col = st.columns([1, 2])
kind = kind_col.radio(_("Pick"), kinds, key="lk_kind",
                      format_func=spoken(lambda k: ElementKind(k).term.capitalize()))
element_id = element_col.selectbox(
    ElementKind(kind).term.capitalize(), state.element_ids(kind), index=None, key=f"lk_element_{kind}",
    format_func=label, placeholder=_("Choose {a_kind} (type to search)", a_kind=ElementKind(kind).a_term))


def store(changes: Callable[[Model], Sequence[Change]]) -> None:
    """Save the changes; when they are refused, redraw the lists from the stored model."""
    outcome = state.write(dw.Edit(changes))
    if outcome.redraw:  # a conflict keeps what the user chose, to re-apply
        st.session_state["lk_nonce"] = st.session_state.get("lk_nonce", 0) + 1


def save_ticks(kind: str, tick_key: str, element_id: str, key: str) -> None:
    """Store the ticks of one list (an ``on_change`` callback)."""
    store(lambda m: tick_changes(m, element_id, tick_list(kind, tick_key), st.session_state[key]))


def save_carries(flow_id: str, key: str) -> None:
    """Store what a flow carries (an ``on_change`` callback)."""
    store(lambda m: carries_changes(m, flow_id, st.session_state[key]))


if element_id is not None and element_id in model.elements:
    lists = tick_lists(kind)
    left, right = st.columns(2)
    for n, tick in enumerate(lists):
        key = f"lk_{tick.key}_{element_id}_{revision}_{nonce}"
        (left if n % 2 == 0 else right).multiselect(
            _(tick.label), tick_options(model, element_id, tick), default=ticked(model, element_id, tick),
            format_func=label, key=key, help=_(tick.help) if tick.help else None, placeholder=_("None ticked"),
            on_change=spoken(save_ticks), args=(kind, tick.key, element_id, key),
            disabled=not editable)

    if kind == "application":
        st.subheader(_("What flows between applications"))
        flows = flow_frame(model, element_id)
        if len(flows):
            st.dataframe(flows, hide_index=True, key="lk_flows", column_order=["from", "to", "carries"],
                         column_config={"from": _("From"), "to": _("To"), "carries": _("Carries")})
            names = dict(zip(flows["flow_id"], flows["from"] + " → " + flows["to"], strict=True))
            flow_id = st.selectbox(_("Flow"), flow_choices(model, element_id), key=f"lk_flow_{element_id}",
                                   format_func=names.__getitem__)
            if flow_id in model.relations:
                carries_key = f"lk_carries_{flow_id}_{revision}_{nonce}"
                st.multiselect(
                    _("Information it carries"), state.element_ids("information"),
                    default=[i for i in model.relations[flow_id].attributes.get("carries") or ()
                             if i in model.elements],
                    format_func=label, key=carries_key, placeholder=_("Everything (nothing named)"),
                    on_change=spoken(save_carries), args=(flow_id, carries_key), disabled=not editable,
                    help=_("Name the information that flows; a flow that names none carries all of it."))
        else:
            st.caption(_("No flows yet: tick applications under 'Sends data to' or 'Receives data from'."))
else:
    st.caption(_("Information is linked from the activities and applications that read or write it."))
