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
from fora_model.dashboard.common import md_escape
from fora_model.dashboard.downloads import model_bytes, model_file_name
from fora_model.io import readable_suffixes
from fora_model.workspace import SEED_NAME

FINDING_COLUMNS = {"severity": "Severity", "file": "File", "where": "Where", "id": "Id", "reason": "Reason",
                   "message": "Problem", "hint": "How to fix it"}
"""Columns of a file's findings (:data:`fora_model.dashboard.uploads.FINDING_COLUMNS`)."""
MODEL_FINDINGS = {"severity": "Severity", "reason": "Reason", "element": "Element", "location": "Where",
                  "message": "Problem", "hint": "How to fix it"}
"""Columns of the open model's findings (:func:`fora_model.findings_frame`)."""


def show_findings(findings: pd.DataFrame, empty: str, columns: dict[str, str] = FINDING_COLUMNS) -> None:
    if len(findings):
        st.dataframe(findings, hide_index=True, column_config=columns)
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


st.title("Model")
editable = state.can_edit()  # read-only for this account: nothing is opened into the workspace or marked
if not editable:
    state.author_note()
current = st.container()

st.subheader("Open a model file")
upload = st.file_uploader("A model file: fora-model JSON, Excel workbook, exchange XML or Archi model",
                          type=[s.lstrip(".") for s in readable_suffixes() if s != ".csv"], key="md_upload",
                          disabled=not editable,
                          help="Opened as a new workspace model. A file with errors is not opened; the open model "
                               "stays.")
st.page_link("app_pages/import_export.py", label="Merge a file into the open model, or import Archi CSV files or a "
             "zipped folder, on the Import and export page", icon=":material/swap_vert:")
if upload is not None and st.session_state.get("md_upload_done") != upload.file_id:
    st.session_state["md_upload_done"] = upload.file_id
    st.session_state["md_notice"] = state.open_upload(upload.name, upload.getvalue())
note = state.startup_note()
if note:
    st.info(md_escape(note))
notice = st.session_state.get("md_notice")
if notice is not None:
    if notice.ok:
        st.success(f"Opened {md_escape(notice.source)}" + (f" with {notice.warnings} warnings." if notice.warnings
                                                         else "."))
    else:
        st.error(f"{md_escape(notice.source)} was not opened: it has {notice.errors} "
                 f"error{'s' if notice.errors != 1 else ''}. The open model is unchanged.")
        show_findings(notice.findings, "")

model = state.current_model()
with current:
    st.subheader("Open model")
    if model is None:
        startup = state.startup_result()
        if startup is None:
            st.info("The workspace holds no model yet. Open a model file below, or the sample school.")
        else:
            st.error(f"{md_escape(startup.source)} could not be opened ({startup.errors} errors). "
                     "Open another model below.")
            show_findings(startup.findings, "")
    else:
        st.text(f"{model.name or 'Unnamed model'}  ·  from {state.source_label()}")
        stats = state.compute(fm.model_stats, level=state.settings()[0])
        st.dataframe(stats.astype({"value": str}), hide_index=True,
                     column_config={"measure": "Measure", "value": "Value"})
    download_col, sample_col = st.columns(2)
    if model is not None:
        download_col.download_button("Download the open model (JSON)", model_bytes(model),
                                     file_name=model_file_name(model), mime="application/json",
                                     icon=":material/download:", key="md_download")
    sample_col.button("Open the sample school", icon=":material/restart_alt:", key="md_sample", on_click=ask_sample,
                      disabled=not editable)
    if st.session_state.get(SAMPLE_CONFIRM):
        with st.container(border=True, key="md_sample_ask"):
            st.warning(f"The workspace already has a model named {md_escape(SEED_NAME)}. Open the sample school as "
                       "a new model (nothing that exists changes), or put it back into "
                       f"{md_escape(SEED_NAME)} as a new revision: its edits stay in the history, and Undo on the "
                       "History page brings them back.", icon=":material/help:")
            new_col, back_col, cancel_col = st.columns(3)
            new_col.button("Open it as a new model", key="md_sample_new", type="primary", icon=":material/add:",
                           on_click=open_sample, args=(True,))
            back_col.button(f"Put it back into {md_escape(SEED_NAME)} as a new revision", key="md_sample_revision",
                            icon=":material/restart_alt:", on_click=open_sample, args=(False,))
            cancel_col.button("Cancel", key="md_sample_cancel", on_click=cancel_sample)

if model is not None:
    st.subheader("Findings in the open model")
    show_findings(fm.findings_frame(state.compute(fm.validate)), "No findings: the model is tidy.", MODEL_FINDINGS)


def structure_section(model: fm.Model) -> None:
    """Structure findings, and marking a selection or whole subtrees as needing no support (one revision)."""
    st.subheader("Structure")
    st.caption("Activities under no process, names that are placeholders, and processes whose name suggests "
               "governance while they still count as needing support.")
    patterns = st.text_input("Names that suggest governance (parts of a name, comma-separated)",
                             value=sv.default_patterns(), key="md_governance",
                             help="Any case; clear the box for no governance findings.")
    table = state.compute(sv.structure_table, sv.governance_patterns(patterns))
    if len(table):
        st.dataframe(table, hide_index=True, key="md_structure", column_config=sv.STRUCTURE_TABLE_COLUMNS)
    else:
        st.caption("No structure findings: every behaviour sits in the process tree and has a real name.")

    if not editable:
        return
    st.subheader("Mark as needing no support")
    pick_key = f"md_ns_pick_{state.revision()}"

    def pick_governance() -> None:
        st.session_state[pick_key] = sv.governance_ids(table)

    st.button("Pick the governance findings", key="md_ns_pick_governance", on_click=pick_governance,
              disabled=not sv.governance_ids(table), icon=":material/checklist:")
    picked = st.multiselect("Processes and activities", state.element_ids("process", "activity"), key=pick_key,
                            format_func=state.labels(), placeholder="Pick one or more")
    subtree = st.checkbox("And everything below them in the process tree", value=True, key="md_ns_subtree")
    if not picked:
        return
    preview = sv.marking_preview(model, picked, subtree=subtree)
    marked = int((preview["change"] != "already needs no support").sum())
    st.dataframe(preview, hide_index=True, key="md_ns_preview", column_config=sv.MARKING_COLUMNS)

    def mark() -> None:
        state.write(sv.marking_request(state.require_model(), picked, subtree=subtree))

    st.button(f"Mark {marked} element{'s' if marked != 1 else ''} as needing no support (one revision)",
              key="md_ns_button", type="primary", disabled=not marked, on_click=mark,
              icon=":material/do_not_disturb_on:")


if model is not None:
    structure_section(model)
