"""Import and export: read a model file (any format fora-model reads) and merge it into the open
model, replace the open model with it, or add it as a new workspace model — each after a preview,
each one new revision, nothing changed when the file is refused; download the open model in every
format fora-model writes; download the empty Excel workbook."""

from typing import Any

import pandas as pd
import streamlit as st

import fora_model as fm
from app_pages import state
from fora_model.dashboard import downloads as dex
from fora_model.dashboard import import_plan as dip
from fora_model.dashboard import uploads as dio
from fora_model.dashboard import writes as dw
from fora_model.dashboard.common import md_escape, spoken
from fora_model.formatting import number
from fora_model.i18n import _, n_

FINDINGS = {"severity": _("Severity"), "file": _("File"), "where": _("Where"), "id": _("Id"), "reason": _("Reason"),
            "message": _("Problem"), "hint": _("How to fix it")}
CHANGES: dict[str, Any] = {"action": _("Action"), "concept": _("Concept"), "id": _("Id"), "kind": _("Kind"),
           "name": _("Name"),
           "changes": st.column_config.TextColumn(_("What changes"), width="large")}
COUNTS = {"concept": _("Concept"), "created": _("Created"), "updated": _("Updated"), "unchanged": _("Unchanged"),
          "kept": _("Kept (not in the file)"), "removed": _("Removed")}


def show_findings(frame: pd.DataFrame, key: str) -> None:
    st.dataframe(dio.shown_findings(frame), hide_index=True, column_config=FINDINGS, key=key)


def remember(outcome: dw.Outcome) -> None:
    """Keep a stored import's message for this page (the notice at the top shows only briefly)."""
    if outcome.ok:
        st.session_state["io_done"] = outcome.message


def apply_import(model: fm.Model, summary: str) -> None:
    remember(state.write(dw.Replace(model, summary)))


def create_model(model: fm.Model, name: str, summary: str) -> None:
    remember(state.write(dw.Create(model, name=name, summary=summary)))


def prepare(fmt: str, content_hash: str) -> None:
    st.session_state[f"io_ready_{fmt}"] = content_hash


def read_upload(uploads: list[Any], mapping_file: Any, encoding: str) -> dio.ImportRead:
    """The upload read once per set of files and options (kept in the session)."""
    signature = (tuple(u.file_id for u in uploads), mapping_file.file_id if mapping_file else None, encoding)
    kept = st.session_state.get("io_read")
    if kept is not None and kept[0] == signature:
        known: dio.ImportRead = kept[1]
        return known
    files = [dio.Upload(u.name, u.getvalue()) for u in uploads]
    mapping = dio.Upload(mapping_file.name, mapping_file.getvalue()) if mapping_file else None
    with st.status(_("Reading {source}…", source=md_escape(dio.source_of(files))), expanded=True) as status:
        bar = st.progress(0.0, text=_("Reading…"))

        def progress(done: int, total: int) -> None:
            bar.progress(min(done / total, 1.0) if total else 1.0,
                         text=n_("{done} of {n} concept", "{done} of {n} concepts", total, done=number(done)))

        read = dio.read_uploads(files, mapping=mapping, encoding=encoding or None, progress=dio.throttled(progress))
        status.update(label=(_("Read: {source}", source=md_escape(read.source)) if read.ok
                             else _("Refused: {source}", source=md_escape(read.source))),
                      state="complete" if read.ok else "error",
                      expanded=False)
    st.session_state["io_read"] = (signature, read)
    st.session_state["io_new_name"] = dio.suggested_name(files, read.model)
    return read


st.title(_("Import and export"))
model = state.current_model()
if model is not None:
    st.caption(_("Open: {name} · {source}", name=md_escape(model.name or _("Unnamed model")),
                 source=md_escape(state.source_label())))
import_tab, export_tab, template_tab = st.tabs([_("Import"), _("Export"), _("Excel template")])

# ----------------------------------------------------------------------------- import
with import_tab:
    editable = state.can_edit()  # read-only for this account: nothing is imported
    if not editable:
        state.author_note()
    done = st.session_state.pop("io_done", None)
    if done:
        st.success(md_escape(done), icon=":material/check_circle:")
    suffixes = dio.import_suffixes()
    uploads = st.file_uploader(
        _("Model file, or Archi's three CSV files together"), type=[s.lstrip(".") for s in suffixes],
        accept_multiple_files=True, key="io_files", disabled=not editable,
        help=_("fora-model JSON, an Excel workbook, Open Group exchange XML, an Archi .archimate file, Archi's "
             "elements.csv, relations.csv and properties.csv, or a .zip of a folder of those CSV files or of a "
             "coArchi repository. A file with errors changes nothing."))
    with st.expander(_("Reading options")):
        mapping_file = st.file_uploader(_("Kind mapping file (optional)"), type=["json", "csv"], key="io_mapping",
                                        help=_("Overrides which fora-model kind an ArchiMate type or id becomes."))
        encoding: str = st.selectbox(_("Text encoding of CSV files"), list(dio.ENCODINGS),
                                     format_func=spoken(lambda e: _(dio.ENCODINGS[e])), key="io_encoding",
                                     help=_("Change it only when the files are not UTF-8.")) or ""
    if not uploads:
        st.caption(_("Choose a file to see what it holds before anything changes."))
    else:
        read = read_upload(uploads, mapping_file, encoding)
        incoming = read.model
        if incoming is None:
            st.error(n_("{source} was not imported: it has {n} error. Nothing changed.",
                        "{source} was not imported: it has {n} errors. Nothing changed.", read.errors,
                        source=md_escape(read.source)))
            show_findings(read.findings, "io_read_findings")
        else:
            counts = [n_("{n} element", "{n} elements", len(incoming.elements)),
                      n_("{n} relation", "{n} relations", len(incoming.relations))]
            if read.warnings:
                counts.append(n_("{n} warning", "{n} warnings", read.warnings))
            st.success(_("Read {source}: {counts}.", source=md_escape(read.source), counts=", ".join(counts)))
            if len(read.findings):
                with st.expander(_("What reading noticed ({count})", count=number(len(read.findings)))):
                    show_findings(read.findings, "io_read_notes")
            modes = list(dip.MODES) if model is not None else ["new"]
            mode = st.radio(_("What to do with it"), modes, format_func=spoken(dip.mode_label), key="io_mode",
                            horizontal=True)
            st.caption(_(dip.MODE_HELP[mode]))
            if mode == "new":
                name = st.text_input(_("Name of the new workspace model"), key="io_new_name", max_chars=80).strip()
                clash = state.store().exists(name)
                if clash:
                    st.error(_("The workspace already has a model named {name}. Choose another name.",
                               name=md_escape(name)))
                st.button(_("Add to the workspace"), key="io_create", type="primary", icon=":material/add:",
                          disabled=clash or not name, on_click=spoken(create_model),
                          args=(incoming, name, f"imported {read.source}"))
            elif model is not None:
                plan = dip.import_plan(model, incoming, mode)
                st.dataframe(plan.counts, hide_index=True, column_config=COUNTS, key="io_counts")
                if not plan.ok:
                    st.error(_("The merged model would have errors, so nothing can be applied. Nothing changed.")
                             if mode == "merge" else
                             _("The replaced model would have errors, so nothing can be applied. Nothing changed."))
                    show_findings(plan.findings, "io_plan_findings")
                elif not plan.changes_anything:
                    st.info(_("The open model already holds everything in the file: nothing to change."))
                else:
                    st.dataframe(plan.changes, hide_index=True, column_config=CHANGES, key="io_changes")
                    verb = _("Apply the merge") if mode == "merge" else _("Replace the open model")
                    st.button(verb, key="io_apply", type="primary", icon=":material/done_all:",
                              on_click=spoken(apply_import), args=(plan.model, dip.import_summary(plan, read.source)),
                              help=_("Stored as one new revision; undo it on the History page."))

# ----------------------------------------------------------------------------- export
with export_tab:
    if model is None:
        st.info(_("No model is open: there is nothing to export."))
    else:
        st.caption(_("Each file is written from the revision shown. Prepare a file, then download it."))
        for fmt, label in dex.export_formats().items():
            label_col, action_col = st.columns([2, 3], vertical_alignment="center")
            label_col.text(_(label))
            ready = fmt == "json" or st.session_state.get(f"io_ready_{fmt}") == fm.content_hash(model)
            views = False
            if fmt == "xml":
                views = label_col.checkbox(
                    _("Add a diagram per process"), key="io_xml_views",
                    help=_("Adds one view per process that has parts, showing its activities and the functions, "
                         "system types and applications that support them, so the model reads well in Archi. "
                         "Views the model already has are kept; none is added twice."))
            if not ready:
                action_col.button(_("Prepare"), key=f"io_prepare_{fmt}", icon=":material/build:",
                                  on_click=spoken(prepare),
                                  args=(fmt, fm.content_hash(model)))
            else:
                with st.spinner(_("Writing {format}…", format=md_escape(_(label)))):
                    exported = state.compute(dex.export_file, fmt, views=views)
                if exported.data is not None:
                    action_col.download_button(_("Download {file}", file=exported.file_name), exported.data,
                                               file_name=exported.file_name, mime=exported.mime,
                                               key=f"io_download_{fmt}", icon=":material/download:")
                    if len(exported.findings):
                        st.caption(_("What {format} cannot hold (left out of the file):", format=md_escape(_(label))))
                        show_findings(exported.findings, f"io_export_findings_{fmt}")
                else:
                    action_col.error(_("This format refuses the model; see why below."))
                    show_findings(exported.findings, f"io_export_findings_{fmt}")

# ----------------------------------------------------------------------------- template
with template_tab:
    st.caption(_("The fora-model workbook with no rows: a sheet per kind, Relations, and a Support tick matrix, "
               "with drop-down lists for kinds, lifecycle and fits. Fill it in and import it here."))
    template = dex.template_file()
    st.download_button(_("Download the empty workbook"), template.data or b"", file_name=template.file_name,
                       mime=template.mime, key="io_template", icon=":material/download:")
