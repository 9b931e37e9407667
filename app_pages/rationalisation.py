"""Rationalisation: duplicated and unsupported elements, the support matrix, overlap between
supporters and orphan applications, limited to the goals and processes chosen."""

import streamlit as st

import fora_model as fm
from app_pages import state
from fora_model import viz
from fora_model.analysis.scope import scope_ids
from fora_model.columns import column_label, column_labels
from fora_model.dashboard.common import shown_values, spoken, table_number_format
from fora_model.dashboard.overview import kpis, supporters_word
from fora_model.dashboard.rationalisation import (
    CSV_PRESETS,
    csv_bytes,
    csv_format_label,
    duplicates_caption,
    duplicates_table,
    overlap_rows,
    unsupported_table,
)
from fora_model.formatting import number
from fora_model.i18n import _, n_

model = state.require_model()
level, paths = state.settings()
figures = state.compute(kpis, level=level, paths=paths)
who = supporters_word(figures["level"])
EURO = table_number_format(euro=True)

st.title(_("Rationalisation"))
goal_col, process_col = st.columns(2)
goals = tuple(goal_col.multiselect(_("Goals"), state.element_ids("goal"), format_func=state.labels(),
                                   key="rz_goals", placeholder=_("All goals")))
processes = tuple(process_col.multiselect(_("Processes"), state.element_ids("process"), format_func=state.labels(),
                                          key="rz_processes", placeholder=_("All processes")))

duplicated_tab, unsupported_tab, matrix_tab, overlap_tab, orphan_tab = st.tabs(
    [_("Duplicated"), _("Unsupported"), _("Support matrix"), _("Overlap"), _("Orphans")])

with duplicated_tab:
    show_inherited = st.toggle(_("Show inherited rows (work that only repeats a duplicate of a process above it)"),
                               value=False, key="rz_inherited")
    duplicates = state.compute(duplicates_table, level=level, paths=paths, goals=goals, processes=processes,
                               include_inherited=show_inherited)
    st.caption(state.compute(duplicates_caption, level=level, paths=paths, goals=goals, processes=processes,
                             include_inherited=show_inherited)
               + " " + _("Annual cost is the combined cost of each row's supporters, so it does not add up across "
                         "rows. Click a column header to sort."))
    st.dataframe(
        shown_values(duplicates), hide_index=True, key="rz_duplicates_table",
        column_order=["activity", "process", *(["inherited_from"] if show_inherited else []), "application_count",
                      "applications", "annual_cost", "support_paths", "system_types", "retiring", "goals",
                      "information", "written_by", "element_kind"],
        column_config={
            **column_labels(duplicates.columns),
            "application_count": st.column_config.NumberColumn(column_label("application_count"), format="%d"),
            "applications": _("Supported by"),
            "annual_cost": st.column_config.NumberColumn(_("Annual cost (EUR)"), format=EURO),
            "system_types": _("Through system types"),
            "information": column_label("information"),
        },
    )
    format_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    preset = format_col.radio(_("CSV format"), list(CSV_PRESETS), horizontal=True, key="rz_csv_format",
                              format_func=spoken(csv_format_label))
    button_col.download_button(_("Download CSV"), csv_bytes(duplicates, preset), key="rz_download",
                               file_name=f"duplicates-{figures['level']}.csv", mime="text/csv",
                               icon=":material/download:", type="primary")

with unsupported_tab:
    expected = st.toggle(_("Show expected gaps (work that needs no system)"), value=True, key="rz_expected")
    gaps = state.compute(unsupported_table, level=level, paths=paths, goals=goals, processes=processes,
                         include_expected=expected)
    real = int((~gaps["expected_gap"]).sum())
    caption = n_("{n} process or activity needs a system and has none",
                 "{n} processes and activities need a system and have none", real)
    if expected:
        caption += n_("; {n} expected gap is listed after them.", "; {n} expected gaps are listed after them.",
                      len(gaps) - real)
    else:
        caption += "."
    st.caption(caption)
    st.dataframe(shown_values(gaps), hide_index=True,
                 column_order=["activity", "process", "expected_gap", "criticality", "goals", "information",
                               "element_kind"],
                 column_config=column_labels(gaps.columns))

with matrix_tab:
    scope = state.compute(scope_ids, goals, processes)
    st.plotly_chart(state.compute(viz.support_heatmap, level=level, paths=paths,
                                  elements=None if scope is None else tuple(sorted(scope)), max_rows=viz.MATRIX_ROWS),
                    key="rz_heatmap")
    st.caption(_("Rows are processes and activities grouped by process, columns the {supporters} that support any "
                 "of them. Darker means a more direct link.", supporters=who))

with overlap_tab:
    st.plotly_chart(state.compute(viz.overlap_heatmap, level=level, paths=paths), key="rz_overlap")
    overlap, pairs = state.compute(overlap_rows, level=level, paths=paths)
    st.caption(n_("{n} pair of {supporters} supports at least one element in common (Jaccard: shared elements "
                  "divided by the elements either supports).",
                  "{n} pairs of {supporters} support at least one element in common (Jaccard: shared elements "
                  "divided by the elements either supports).", pairs, supporters=who)
               + (" " + _("The {shown} that overlap most are listed.", shown=number(len(overlap)))
                  if len(overlap) < pairs else ""))
    st.dataframe(overlap, hide_index=True,
                 column_order=["application_a", "application_b", "jaccard", "shared", "only_a", "only_b",
                               "shared_elements"],
                 column_config={**column_labels(overlap.columns), "application_a": "A", "application_b": "B",
                                "jaccard": st.column_config.NumberColumn(
                                    column_label("jaccard"), format=table_number_format(2))})

with orphan_tab:
    orphans = state.compute(fm.orphan_applications, level=level, paths=paths)
    st.caption(n_("{n} of the {supporters} supports nothing recorded in the model: retire it, or record what it "
                  "does.",
                  "{n} {supporters} support nothing recorded in the model: retire them, or record what they do.",
                  len(orphans), supporters=who))
    st.dataframe(shown_values(orphans), hide_index=True,
                 column_order=["application", "vendor", "lifecycle", "annual_cost", "system_types"],
                 column_config={**column_labels(orphans.columns), "application": column_label("name"),
                                "annual_cost": st.column_config.NumberColumn(_("Annual cost (EUR)"), format=EURO)})
