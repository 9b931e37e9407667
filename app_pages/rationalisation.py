"""Rationalisation: duplicated and unsupported elements, the support matrix, overlap between
supporters and orphan applications, limited to the goals and processes chosen."""

import streamlit as st

import fora_model as fm
from app_pages import state
from fora_model import viz
from fora_model.analysis.scope import scope_ids
from fora_model.dashboard.overview import kpis
from fora_model.dashboard.rationalisation import (
    CSV_PRESETS,
    csv_bytes,
    duplicates_caption,
    duplicates_table,
    overlap_rows,
    unsupported_table,
)

model = state.require_model()
level, paths = state.settings()
figures = state.compute(kpis, level=level, paths=paths)
who = "applications" if figures["level"] == "application" else "system types"

st.title("Rationalisation")
goal_col, process_col = st.columns(2)
goals = tuple(goal_col.multiselect("Goals", state.element_ids("goal"), format_func=state.labels(), key="rz_goals",
                                   placeholder="All goals"))
processes = tuple(process_col.multiselect("Processes", state.element_ids("process"), format_func=state.labels(),
                                          key="rz_processes", placeholder="All processes"))

duplicated_tab, unsupported_tab, matrix_tab, overlap_tab, orphan_tab = st.tabs(
    ["Duplicated", "Unsupported", "Support matrix", "Overlap", "Orphans"])

with duplicated_tab:
    show_inherited = st.toggle("Show inherited rows (work that only repeats a duplicate of a process above it)",
                               value=False, key="rz_inherited")
    duplicates = state.compute(duplicates_table, level=level, paths=paths, goals=goals, processes=processes,
                               include_inherited=show_inherited)
    st.caption(state.compute(duplicates_caption, level=level, paths=paths, goals=goals, processes=processes,
                             include_inherited=show_inherited)
               + " Annual cost is the combined cost of each row's supporters, so it does not add up across rows. "
               "Click a column header to sort.")
    st.dataframe(
        duplicates, hide_index=True, key="rz_duplicates_table",
        column_order=["activity", "process", *(["inherited_from"] if show_inherited else []), "application_count",
                      "applications", "annual_cost", "support_paths", "system_types", "retiring", "goals",
                      "information", "written_by", "element_kind"],
        column_config={
            "activity": "Element",
            "process": "Process",
            "inherited_from": "Inherited from",
            "application_count": st.column_config.NumberColumn("Supporters", format="%d"),
            "applications": "Supported by",
            "annual_cost": st.column_config.NumberColumn("Annual cost (EUR)", format="%,.0f"),
            "support_paths": "How (per supporter)",
            "system_types": "Through system types",
            "retiring": "Retiring supporters",
            "goals": "Goals",
            "information": "Information",
            "written_by": "Writes information",
            "element_kind": "Kind",
        },
    )
    format_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    preset = format_col.radio(
        "CSV format", list(CSV_PRESETS), horizontal=True, key="rz_csv_format",
        format_func={"comma": "Comma-separated (,)", "excel": "Excel, Dutch (; and decimal comma)"}.__getitem__)
    button_col.download_button("Download CSV", csv_bytes(duplicates, preset), key="rz_download",
                               file_name=f"duplicates-{figures['level']}.csv", mime="text/csv",
                               icon=":material/download:", type="primary")

with unsupported_tab:
    expected = st.toggle("Show expected gaps (work that needs no system)", value=True, key="rz_expected")
    gaps = state.compute(unsupported_table, level=level, paths=paths, goals=goals, processes=processes,
                         include_expected=expected)
    real = int((~gaps["expected_gap"]).sum())
    st.caption(f"{real:,} processes and activities need a system and have none"
               + (f"; {len(gaps) - real:,} expected gaps are listed after them." if expected else "."))
    st.dataframe(gaps, hide_index=True, column_order=["activity", "process", "expected_gap", "criticality",
                                                     "goals", "information", "element_kind"],
                 column_config={"activity": "Element",
                                "process": "Process", "expected_gap": "Expected gap",
                                "criticality": "Criticality", "goals": "Goals", "information": "Information",
                                "element_kind": "Kind"})

with matrix_tab:
    scope = state.compute(scope_ids, goals, processes)
    st.plotly_chart(state.compute(viz.support_heatmap, level=level, paths=paths,
                                  elements=None if scope is None else tuple(sorted(scope)), max_rows=viz.MATRIX_ROWS),
                    key="rz_heatmap")
    st.caption(f"Rows are processes and activities grouped by process, columns the {who} that support any of "
               "them. Darker means a more direct link.")

with overlap_tab:
    st.plotly_chart(state.compute(viz.overlap_heatmap, level=level, paths=paths), key="rz_overlap")
    overlap, pairs = state.compute(overlap_rows, level=level, paths=paths)
    st.caption(f"{pairs:,} pairs of {who} support at least one element in common (Jaccard: shared "
               "elements divided by the elements either supports)."
               + (f" The {len(overlap):,} that overlap most are listed." if len(overlap) < pairs else ""))
    st.dataframe(overlap, hide_index=True,
                 column_order=["application_a", "application_b", "jaccard", "shared", "only_a", "only_b",
                               "shared_elements"],
                 column_config={"application_a": "A", "application_b": "B",
                                "jaccard": st.column_config.NumberColumn("Jaccard", format="%.2f"),
                                "shared": "Shared", "only_a": "Only A", "only_b": "Only B",
                                "shared_elements": "Shared elements"})

with orphan_tab:
    orphans = state.compute(fm.orphan_applications, level=level, paths=paths)
    st.caption(f"{len(orphans):,} {who} support nothing recorded in the model: retire them, or record what "
               "they do.")
    st.dataframe(orphans, hide_index=True,
                 column_order=["application", "vendor", "lifecycle", "annual_cost", "system_types"],
                 column_config={"application": "Name", "vendor": "Vendor", "lifecycle": "Lifecycle",
                                "annual_cost": st.column_config.NumberColumn("Annual cost (EUR)", format="%,.0f"),
                                "system_types": "System types"})
