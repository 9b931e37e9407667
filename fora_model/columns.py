"""The column names of every report and analysis table, with the label a reader sees.

The analyses (:mod:`fora_model.analysis`), the reports (:mod:`fora_model.reports`) and the
dashboard's tables name their columns in ``snake_case`` (``annual_cost``, ``payback_months``): those
names are the stable interface of the CSV files and the DataFrames. What a person reads is the label
in :data:`COLUMN_LABELS`, translated into the current language (:mod:`fora_model.i18n`) when it is
shown: :func:`column_label` for one name, :func:`localise_columns` for a whole table. Names not in
the table are shown as they are.

>>> from fora_model.i18n import use_language
>>> column_label("annual_cost"), column_label("no_such_column")
('Annual cost', 'no_such_column')
>>> with use_language("nl"):
...     column_label("annual_cost"), column_label("system_types")
('Jaarlijkse kosten', 'Applicatiesoorten')
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .i18n import N_, _

__all__ = ["COLUMN_LABELS", "column_label", "column_labels", "localise_columns"]

COLUMN_LABELS: dict[str, str] = {
    "action": N_("What to decide"),
    "activity": N_("Element"),
    "activity_id": N_("Element id"),
    "after": N_("After"),
    "also_realizes": N_("Also realizes"),
    "annual_cost": N_("Annual cost"),
    "annual_saving": N_("Annual saving"),
    "application": N_("Application"),
    "application_a": N_("Application A"),
    "application_a_id": N_("Application A id"),
    "application_b": N_("Application B"),
    "application_b_id": N_("Application B id"),
    "application_count": N_("Supporters"),
    "application_functions": N_("Application functions"),
    "application_id": N_("Application id"),
    "application_ids": N_("Application ids"),
    "application_status": N_("Application status"),
    "applications": N_("Applications"),
    "archimate_type": N_("ArchiMate type"),
    "assumed_cost": N_("Assumed cost"),
    "assumption": N_("Assumption"),
    "basis": N_("Why it counts"),
    "before": N_("Before"),
    "board_contract": N_("Board-wide contract"),
    "broken_flows": N_("Flows to rewire"),
    "by_school": N_("Per school"),
    "change": N_("Change"),
    "cluster": N_("Cluster"),
    "code": N_("Code"),
    "contract_end": N_("Contract ends"),
    "cost_per_pupil": N_("Cost per pupil"),
    "coverage": N_("Coverage"),
    "covered_by": N_("Also done by"),
    "critical_elements": N_("Critical elements among them"),
    "critical_lost": N_("Critical elements left without support"),
    "critical_single_supporter": N_("Of which critical"),
    "critical_sole_support": N_("Critical work it alone supports"),
    "criticality": N_("Criticality"),
    "current": N_("Now"),
    "current_cost": N_("Current cost"),
    "data_location": N_("Data location"),
    "days_to_end": N_("Days to contract end"),
    "days_to_notice": N_("Days to notice"),
    "depth": N_("Depth"),
    "description": N_("Description"),
    "detail": N_("Detail"),
    "domain": N_("Domain"),
    "domain_id": N_("Domain id"),
    "dpa_signed": N_("Agreement signed"),
    "duplicates": N_("Duplicated"),
    "element": N_("Element"),
    "element_id": N_("Element id"),
    "element_kind": N_("Kind"),
    "elements": N_("Elements"),
    "elements_lost": N_("Left without support"),
    "entry_points": N_("Entered in"),
    "exit_cost": N_("Exit cost"),
    "expected_gap": N_("Expected gap"),
    "expected_gaps": N_("Expected gaps"),
    "filled_by": N_("Filled by"),
    "filled_in": N_("Filled in at"),
    "finding": N_("Finding"),
    "flows": N_("Flows that carry it"),
    "function": N_("Business function"),
    "function_id": N_("Business function id"),
    "function_status": N_("Business function status"),
    "functional_fit": N_("Functional fit"),
    "goal": N_("Goal"),
    "goal_id": N_("Goal id"),
    "goals": N_("Goals"),
    "goals_affected": N_("Goals affected"),
    "goals_left_without_support": N_("Goals left with no supported work"),
    "groups": N_("Groups of linked writers"),
    "holder_count": N_("Applications holding it"),
    "holder_ids": N_("Holder ids"),
    "holders": N_("Held by"),
    "id": N_("Id"),
    "information": N_("Information"),
    "information_id": N_("Information id"),
    "inherited": N_("Inherited"),
    "inherited_from": N_("Inherited from"),
    "inherited_from_id": N_("Inherited from id"),
    "issues": N_("Issues"),
    "jaccard": N_("Jaccard"),
    "keep": N_("Keep"),
    "kind": N_("Kind"),
    "leaving": N_("Applications leaving"),
    "level": N_("Level"),
    "location": N_("Location"),
    "lifecycle": N_("Lifecycle"),
    "lost_elements": N_("Elements left without support"),
    "meaning": N_("What it counts"),
    "measure": N_("Measure"),
    "message": N_("Message"),
    "name": N_("Name"),
    "names": N_("Names"),
    "needing_support": N_("Needing support"),
    "needs_support": N_("Needs support"),
    "net_saving": N_("Net first year"),
    "no_dpa": N_("No signed agreement"),
    "notice_date": N_("Notice by"),
    "notice_months": N_("Notice (months)"),
    "notice_passed": N_("Notice passed"),
    "one_off_cost": N_("One-off cost"),
    "only_a": N_("Only A"),
    "only_b": N_("Only B"),
    "other_contract_ends": N_("Other contracts end"),
    "outside_eu": N_("Held outside the EU"),
    "own_supporters": N_("Own supporters"),
    "path": N_("Path"),
    "payback_months": N_("Payback (months)"),
    "personal_data": N_("Personal data"),
    "personal_information": N_("Personal information it holds"),
    "process": N_("Process"),
    "processes_personal_data": N_("Processes personal data"),
    "product": N_("Product"),
    "product_count": N_("Products"),
    "product_sites": N_("Sites of the product"),
    "products": N_("Products used"),
    "pupils": N_("Pupils"),
    "quadrant": N_("Quadrant by fit"),
    "rationale": N_("Why"),
    "real_gaps": N_("Real gaps"),
    "recommendation": N_("Recommendation"),
    "redundant": N_("Redundant"),
    "replace": N_("Replaces"),
    "replacement": N_("Planned successor"),
    "replaces": N_("Replaces"),
    "retire": N_("Retire"),
    "retire_ids": N_("Retire ids"),
    "retiring": N_("Retiring supporters"),
    "rule": N_("Rule"),
    "saving": N_("Saving"),
    "school": N_("School"),
    "school_count": N_("Schools"),
    "schools": N_("Schools using it"),
    "sector": N_("Sector"),
    "sensitivity": N_("Sensitivity"),
    "shared": N_("Shared"),
    "shared_elements": N_("Shared elements"),
    "single_supporter": N_("Would then rest on one application"),
    "sole_support": N_("Sole support"),
    "status": N_("Status"),
    "subject": N_("What"),
    "subject_id": N_("Id"),
    "subject_kind": N_("Kind"),
    "suggested_fix": N_("Suggested fix"),
    "support_paths": N_("How (per supporter)"),
    "supported": N_("Supported"),
    "supporter": N_("Supporter"),
    "supporter_id": N_("Supporter id"),
    "supporter_kind": N_("Supporter kind"),
    "supporters": N_("Supporters"),
    "supports": N_("Supports"),
    "system_type": N_("System type"),
    "system_types": N_("System types"),
    "technical_fit": N_("Technical fit"),
    "unrecorded_costs": N_("Costs not recorded"),
    "unsupported": N_("Unsupported"),
    "value": N_("Value"),
    "vendor": N_("Vendor"),
    "via_function": N_("Through an application function"),
    "via_parent": N_("Through a process above"),
    "via_type": N_("Through a system type"),
    "what": N_("What"),
    "window": N_("Ends within"),
    "without_dpa": N_("Held without a signed agreement"),
    "writer_count": N_("Writers"),
    "writer_ids": N_("Writer ids"),
    "writers": N_("Written by"),
    "written_by": N_("Writes information"),
}
"""Every column name the analyses, reports and dashboard tables produce → its English label
(marked for the catalogue; :func:`column_label` translates it)."""


def column_label(name: str) -> str:
    """The label of column ``name`` in the current language; an unknown name is returned as it is."""
    label = COLUMN_LABELS.get(name)
    return name if label is None else _(label)


def column_labels(names: Iterable[str]) -> dict[str, str]:
    """``{name: label}`` for ``names``, in the current language (for a table's column settings)."""
    return {name: column_label(name) for name in names}


def localise_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose column names are their labels in the current language (unknown
    columns keep their names); the data itself is unchanged."""
    return frame.rename(columns={c: column_label(c) for c in frame.columns if isinstance(c, str)})
