"""Model: what is open, its findings and structure findings, marking processes and activities as
needing no support in one action, opening another model file (any single file fora-model
reads) as a new workspace model, downloading the open one and going back to the sample school. A
file with errors is not opened; the open model stays. Merging a file into the open model, Archi's
CSV files and zipped folders are on the Import and export page."""

import pandas as pd
import streamlit as st

import fora_model as fm
from app_pages import state
from fora_model.dashboard import structure as sv
from fora_model.dashboard.common import md_escape, spoken
from fora_model.dashboard.downloads import model_bytes, model_file_name
from fora_model.dashboard.stats import stats_table
from fora_model.dashboard.uploads import shown_findings
from fora_model.i18n import _, n_
from fora_model.io import readable_suffixes
from fora_model.workspace import SEED_NAME

FINDING_COLUMNS = {"severity": _("Severity"), "file": _("File"), "where": _("Where"), "id": _("Id"),
                   "reason": _("Reason"),
                   "message": _("Problem"), "hint": _("How to fix it")}
"""Columns of a file's findings (:data:`fora_model.dashboard.uploads.FINDING_COLUMNS`)."""
MODEL_FINDINGS = {"severity": _("Severity"), "reason": _("Reason"), "element": _("Element"), "location": _("Where"),
                  "message": _("Problem"), "hint": _("How to fix it")}
"""Columns of the open model's findings (:func:`fora_model.findings_frame`)."""


def show_findings(findings: pd.DataFrame, empty: str, columns: dict[str, str] = FINDING_COLUMNS) -> None:
    if len(findings):
        st.dataframe(shown_findings(findings), hide_index=True, column_config=columns)
    elif empty:
        st.caption(empty)


SAMPLE_CONFIRM = "md_sample_confirm"
"""Session key: the user asked for the sample school and is choosing how to open it."""


def ask_sample() -> None:
    """Ask how to open the sample school before anything is written (an ``on_click`` callback)."""
    if state.has_model(SEED_NAME):
        st.session_state[SAMPLE_CONFIRM] = True
    else:  # nothing to overwrite: the workspace has no sample school yet
        state.restore_sample()


def open_sample(new_model: bool) -> None:
    st.session_state.pop(SAMPLE_CONFIRM, None)
    state.restore_sample(new_model)


def cancel_sample() -> None:
    st.session_state.pop(SAMPLE_CONFIRM, None)


st.title(_("Model"))
editable = state.can_edit()  # read-only for this account: nothing is opened into the workspace or marked
if not editable:
    state.author_note()
current = st.container()

st.subheader(_("Open a model file"))
upload = st.file_uploader(_("A model file: fora-model JSON, Excel workbook, exchange XML or Archi model"),
                          type=[s.lstrip(".") for s in readable_suffixes() if s != ".csv"], key="md_upload",
                          disabled=not editable,
                          help=_("Opened as a new workspace model. A file with errors is not opened; the open model "
                               "stays."))
st.page_link("app_pages/import_export.py", label=_("Merge a file into the open model, or import Archi CSV files or a "
             "zipped folder, on the Import and export page"), icon=":material/swap_vert:")
if upload is not None and st.session_state.get("md_upload_done") != upload.file_id:
    st.session_state["md_upload_done"] = upload.file_id
    st.session_state["md_notice"] = state.open_upload(upload.name, upload.getvalue())
note = state.startup_note()
if note:
    st.info(md_escape(note))
notice = st.session_state.get("md_notice")
if notice is not None:
    if notice.ok:
        st.success(n_("Opened {source} with {n} warning.", "Opened {source} with {n} warnings.", notice.warnings,
                      source=md_escape(notice.source)) if notice.warnings
                   else _("Opened {source}.", source=md_escape(notice.source)))
    else:
        st.error(n_("{source} was not opened: it has {n} error. The open model is unchanged.",
                    "{source} was not opened: it has {n} errors. The open model is unchanged.", notice.errors,
                    source=md_escape(notice.source)))
        show_findings(notice.findings, "")

model = state.current_model()
with current:
    st.subheader(_("Open model"))
    if model is None:
        startup = state.startup_result()
        if startup is None:
            st.info(_("The workspace holds no model yet. Open a model file below, or the sample school."))
        else:
            st.error(n_("{source} could not be opened ({n} error). Open another model below.",
                        "{source} could not be opened ({n} errors). Open another model below.", startup.errors,
                        source=md_escape(startup.source)))
            show_findings(startup.findings, "")
    else:
        st.text(_("{name}  ·  from {source}", name=model.name or _("Unnamed model"), source=state.source_label()))
        stats = state.compute(fm.model_stats, level=state.settings()[0])
        st.dataframe(stats_table(stats), hide_index=True,
                     column_config={"measure": _("Measure"), "value": _("Value")})
    download_col, sample_col = st.columns(2)
    if model is not None:
        download_col.download_button(_("Download the open model (JSON)"), model_bytes(model),
                                     file_name=model_file_name(model), mime="application/json",
                                     icon=":material/download:", key="md_download")
    sample_col.button(_("Open the sample school"), icon=":material/restart_alt:", key="md_sample",
                      on_click=spoken(ask_sample),
                      disabled=not editable)
    if st.session_state.get(SAMPLE_CONFIRM):
        with st.container(border=True, key="md_sample_ask"):
            st.warning(_("The workspace already has a model named {name}. Open the sample school as a new model "
                         "(nothing that exists changes), or put it back into {name} as a new revision: its edits "
                         "stay in the history, and Undo on the History page brings them back.",
                         name=md_escape(SEED_NAME)), icon=":material/help:")
            new_col, back_col, cancel_col = st.columns(3)
            new_col.button(_("Open it as a new model"), key="md_sample_new", type="primary", icon=":material/add:",
                           on_click=spoken(open_sample), args=(True,))
            back_col.button(_("Put it back into {name} as a new revision", name=md_escape(SEED_NAME)),
                            key="md_sample_revision",
                            icon=":material/restart_alt:", on_click=spoken(open_sample), args=(False,))
            cancel_col.button(_("Cancel"), key="md_sample_cancel", on_click=spoken(cancel_sample))

if model is not None:
    st.subheader(_("Findings in the open model"))
    show_findings(fm.findings_frame(state.compute(fm.validate)), _("No findings: the model is tidy."), MODEL_FINDINGS)


def structure_section(model: fm.Model) -> None:
    """Structure findings, and marking a selection or whole subtrees as needing no support (one revision)."""
    st.subheader(_("Structure"))
    st.caption(_("Activities under no process, names that are placeholders, and processes whose name suggests "
               "governance while they still count as needing support."))
    patterns = st.text_input(_("Names that suggest governance (parts of a name, comma-separated)"),
                             value=sv.default_patterns(), key="md_governance",
                             help=_("Any case; clear the box for no governance findings."))
    table = state.compute(sv.structure_table, sv.governance_patterns(patterns))
    if len(table):
        st.dataframe(table, hide_index=True, key="md_structure", column_config=sv.STRUCTURE_TABLE_COLUMNS)
    else:
        st.caption(_("No structure findings: every behaviour sits in the process tree and has a real name."))

    if not editable:
        return
    st.subheader(_("Mark as needing no support"))
    pick_key = f"md_ns_pick_{state.revision()}"

    def pick_governance() -> None:
        st.session_state[pick_key] = sv.governance_ids(table)

    st.button(_("Pick the governance findings"), key="md_ns_pick_governance", on_click=spoken(pick_governance),
              disabled=not sv.governance_ids(table), icon=":material/checklist:")
    picked = st.multiselect(_("Processes and activities"), state.element_ids("process", "activity"), key=pick_key,
                            format_func=state.labels(), placeholder=_("Pick one or more"))
    subtree = st.checkbox(_("And everything below them in the process tree"), value=True, key="md_ns_subtree")
    if not picked:
        return
    preview = sv.marking_preview(model, picked, subtree=subtree)
    marked = int((preview["change"] != _("already needs no support")).sum())
    st.dataframe(preview, hide_index=True, key="md_ns_preview", column_config=sv.MARKING_COLUMNS)

    def mark() -> None:
        state.write(sv.marking_request(state.require_model(), picked, subtree=subtree))

    st.button(n_("Mark {n} element as needing no support (one revision)",
                 "Mark {n} elements as needing no support (one revision)", marked),
              key="md_ns_button", type="primary", disabled=not marked, on_click=spoken(mark),
              icon=":material/do_not_disturb_on:")


if model is not None:
    structure_section(model)
