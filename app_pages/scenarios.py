"""Scenarios: build a what-if (retire and replace applications), see before and after, save it with
the model (a revision: undoable, listed in History), export and import it as a small JSON file, and
compare several side by side with the TIME proposal."""

import streamlit as st

from app_pages import state
from fora_model.analysis.scenario_model import Scenario
from fora_model.analysis.scenarios import evaluate_scenario
from fora_model.columns import column_labels
from fora_model.dashboard import decisions as dd
from fora_model.dashboard import writes as dw
from fora_model.dashboard.common import md_escape, shown_values
from fora_model.dashboard.overview import card_rows
from fora_model.i18n import _, n_

PAIRS = "sc_replacements"


def save(scenario: Scenario) -> None:
    """Save ``scenario`` with the open model as the next revision (an ``on_click`` callback)."""
    state.write(dw.Edit(lambda m: dd.save_scenario_change(m, scenario), summary=f"saved scenario {scenario.name}"))


def delete(name: str) -> None:
    """Delete the saved scenario ``name`` as the next revision (an ``on_click`` callback)."""
    state.write(dw.Edit(lambda m: dd.delete_scenario_change(m, name), summary=f"deleted scenario {name}"))


def add_pair() -> None:
    st.session_state[PAIRS] = dd.add_replacement(st.session_state.get(PAIRS, []), st.session_state.get("sc_old"),
                                                  st.session_state.get("sc_new"))
    st.session_state["sc_old"] = st.session_state["sc_new"] = None


def drop_pair(index: int) -> None:
    pairs = list(st.session_state.get(PAIRS, []))
    del pairs[index]
    st.session_state[PAIRS] = pairs


def load(scenario: Scenario, known: list[str]) -> None:
    """Put a saved scenario into the builder (ids no longer in the model are left out)."""
    st.session_state["sc_name"] = scenario.name
    st.session_state["sc_description"] = scenario.description
    st.session_state["sc_retire"] = [i for i in scenario.retire if i in known]
    st.session_state[PAIRS] = [(o, n) for o, n in scenario.replace if o in known and n in known]


model = state.require_model()
paths = state.settings()[1]
apps = state.element_ids("application")
saved, saved_problem = dd.saved_scenarios(model)
saved_names = [s.name for s in saved]

st.title(_("Scenarios"))
st.caption(_("{model} · what if we retired or replaced applications? A replacement takes over all of the old "
             "application's work, information and flows.", model=md_escape(model.name or _("Unnamed model"))))

build_tab, saved_tab, compare_tab = st.tabs([_("Build"), _("Saved, export and import"), _("Compare")])

with build_tab:
    name_col, description_col = st.columns([1, 2])
    name = name_col.text_input(_("Scenario name"), key="sc_name", max_chars=120,
                               placeholder=_("For example: one parent app"))
    description = description_col.text_input(_("Description (optional)"), key="sc_description", max_chars=500)
    retire = st.multiselect(_("Applications to retire"), apps, format_func=state.labels(), key="sc_retire",
                            placeholder=_("Choose applications"))
    old_col, new_col, add_col = st.columns([2, 2, 1], vertical_alignment="bottom")
    old_col.selectbox(_("Replace this application"), apps, index=None, format_func=state.labels(), key="sc_old",
                      placeholder=_("Choose an application"))
    new_col.selectbox(_("by this one, which takes over its work"), apps, index=None, format_func=state.labels(),
                      key="sc_new", placeholder=_("Choose an application"))
    add_col.button(_("Add replacement"), key="sc_add", on_click=add_pair, icon=":material/swap_horiz:")
    pairs = [(str(old), str(new)) for old, new in st.session_state.get(PAIRS, [])]
    for index, (old, new) in enumerate(pairs):
        text_col, drop_col = st.columns([5, 1], vertical_alignment="center")
        text_col.text(f"{state.label(old)} → {state.label(new)}")
        drop_col.button(_("Remove"), key=f"sc_drop_{index}", on_click=drop_pair, args=(index,), icon=":material/close:")

    scenario = None
    if not retire and not pairs:
        st.info(_("Choose applications to retire, or add a replacement, to see what the scenario changes."))
    else:
        scenario, problems = dd.build_scenario(model, name, retire, pairs, description)
        for problem in problems:
            st.error(md_escape(problem), icon=":material/error:")
    if scenario is not None:
        result = state.compute(evaluate_scenario, scenario, paths=paths)
        st.subheader(_("Before and after"))
        for row in card_rows(dd.saving_cards(dd.scenario_figures(result))):
            for column, (label, value, explanation) in zip(st.columns(len(row)), row, strict=True):
                column.metric(label, value, help=explanation, border=True)
        summary = dd.summary_view(result)
        st.dataframe(summary, hide_index=True, key="sc_summary_table", column_config=column_labels(summary.columns))
        readable = dd.changes_view(result)
        kinds = list(dict.fromkeys(readable["change"]))
        shown_kinds = st.multiselect(_("Changes to show"), kinds, key="sc_change_kinds",
                                     placeholder=_("All changes"))
        changes = readable[readable["change"].isin(shown_kinds)] if shown_kinds else readable
        st.caption(n_("{n} thing changes: applications that go, work left unsupported, new single points of "
                      "failure, information no one writes any more, flows that break or move, duplicates removed "
                      "or created.",
                      "{n} things change: applications that go, work left unsupported, new single points of "
                      "failure, information no one writes any more, flows that break or move, duplicates removed "
                      "or created.", len(result.changes)))
        st.dataframe(shown_values(changes), hide_index=True, key="sc_changes_table",
                     column_config=column_labels(changes.columns))
        if scenario.name in saved_names:
            st.caption(_("Saving replaces the saved scenario of this name."))
        st.button(_("Save this scenario with the model"), key="sc_save", on_click=save, args=(scenario,),
                  type="primary", icon=":material/save:", disabled=not state.can_edit())

with saved_tab:
    if saved_problem:
        st.error(md_escape(saved_problem), icon=":material/error:")
    if saved:
        st.dataframe(dd.scenario_table(model, saved), hide_index=True, key="sc_saved_table",
                     column_config={**column_labels(dd.SCENARIO_TABLE_COLUMNS), "name": _("Scenario"),
                                    "retire": _("Retires")})
        pick = st.selectbox(_("Saved scenario"), saved_names, key="sc_pick")
        chosen = saved[saved_names.index(pick)] if pick in saved_names else saved[0]
        load_col, export_col, delete_col = st.columns(3)
        load_col.button(_("Load into the builder"), key="sc_load", on_click=load, args=(chosen, apps),
                        icon=":material/edit:")
        export_col.download_button(_("Export as JSON"), dd.scenario_bytes(chosen), key="sc_export",
                                   file_name=dd.scenario_file_name(chosen), mime="application/json",
                                   icon=":material/download:")
        delete_col.button(_("Delete"), key="sc_delete", on_click=delete, args=(chosen.name,),
                          icon=":material/delete:",
                          disabled=not state.can_edit())
        st.caption(_("Saving and deleting make a new revision of the model: Undo and History show them."))
    elif not saved_problem:
        st.caption(_("No scenario is saved with this model yet: build one and save it, or import a scenario file."))

    st.subheader(_("Import a scenario"))
    upload = st.file_uploader(_("Scenario file (JSON)"), type=["json"], key="sc_upload")
    if upload is not None:
        imported, message = dd.read_uploaded_scenario(upload.getvalue(), upload.name, model)
        if imported is None:
            st.error(md_escape(message), icon=":material/error:")
        else:
            st.success(md_escape(message), icon=":material/check_circle:")
            st.button(_("Save the imported scenario with the model"), key="sc_import_save", on_click=save,
                      args=(imported,), icon=":material/save:",
                      disabled=not state.can_edit())

with compare_tab:
    compared = st.multiselect(_("Saved scenarios to compare with the proposal"), saved_names, key="sc_compare",
                              placeholder=_("All saved scenarios"))
    others = [s for s in saved if s.name in compared] if compared else list(saved)
    if scenario is not None and scenario.name not in saved_names and st.toggle(
            _("Include the scenario being built"), value=True, key="sc_compare_draft"):
        others.append(scenario)
    frame, left_out = state.compute(dd.comparison_table, tuple(others), paths=paths)
    for problem in left_out:
        st.warning(md_escape(problem), icon=":material/warning:")
    st.caption(_("Each column is the model after that scenario; the first is the model now, the next the TIME "
                 "retirement proposal."))
    st.dataframe(frame, hide_index=True, key="sc_compare_table",
                 column_config=column_labels(["measure", "meaning", "current"]))
