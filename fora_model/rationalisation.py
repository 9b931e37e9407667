"""Rationalisation for the board, in one place: TIME, savings, scenarios, information and privacy,
continuity, contracts, the figures and the board pack.

Re-exports only; each name is documented where it is defined::

    import fora_model as fm
    from fora_model import rationalisation as rat

    school = fm.load_sample()
    rat.time_recommendations(school)             # TIME_COLUMNS, one row per application
    rat.redundancy_savings(school)               # SAVINGS_COLUMNS, one row per redundancy cluster
    result = rat.evaluate_scenario(school, rat.proposed_scenario(school))
    html = rat.board_report(school)              # the offline board pack, as a string
"""

from .analysis.continuity import IMPACT_COLUMNS, SPOF_COLUMNS, application_impact, single_points_of_failure
from .analysis.contracts import CONTRACT_COLUMNS, contract_renewals, notice_date
from .analysis.information import (
    DOUBLE_ENTRY_COLUMNS,
    INFORMATION_FINDING_COLUMNS,
    PERSONAL_DATA_COLUMNS,
    PRIVACY_COLUMNS,
    double_entry,
    information_findings,
    personal_data_holdings,
    privacy_findings,
)
from .analysis.savings import (
    RETIREMENT_COLUMNS,
    SAVINGS_COLUMNS,
    payback_months,
    proposed_retirements,
    redundancy_savings,
)
from .analysis.scenario_files import (
    dumps_scenario,
    find_scenario,
    loads_scenario,
    model_scenarios,
    read_scenario,
    remove_scenario,
    store_scenario,
    write_scenario,
)
from .analysis.scenarios import (
    CHANGE_COLUMNS,
    COMPARE_COLUMNS,
    SCENARIO_MEASURES,
    SUMMARY_COLUMNS,
    Scenario,
    ScenarioError,
    ScenarioResult,
    apply_scenario,
    check_scenario,
    compare_scenarios,
    evaluate_scenario,
    proposed_scenario,
)
from .analysis.time import QUADRANTS, RECOMMENDATION_ORDER, TIME_COLUMNS, fit_quadrant, time_recommendations
from .board_pack.figures import coverage_figure, figure_images, savings_figure, time_quadrant_figure
from .board_pack.report import BoardData, board_data, board_figures, board_report, write_board_report

__all__ = [
    "CHANGE_COLUMNS",
    "COMPARE_COLUMNS",
    "CONTRACT_COLUMNS",
    "DOUBLE_ENTRY_COLUMNS",
    "IMPACT_COLUMNS",
    "INFORMATION_FINDING_COLUMNS",
    "PERSONAL_DATA_COLUMNS",
    "PRIVACY_COLUMNS",
    "QUADRANTS",
    "RECOMMENDATION_ORDER",
    "RETIREMENT_COLUMNS",
    "SAVINGS_COLUMNS",
    "SCENARIO_MEASURES",
    "SPOF_COLUMNS",
    "SUMMARY_COLUMNS",
    "TIME_COLUMNS",
    "BoardData",
    "Scenario",
    "ScenarioError",
    "ScenarioResult",
    "application_impact",
    "apply_scenario",
    "board_data",
    "board_figures",
    "board_report",
    "check_scenario",
    "compare_scenarios",
    "contract_renewals",
    "coverage_figure",
    "double_entry",
    "dumps_scenario",
    "evaluate_scenario",
    "figure_images",
    "find_scenario",
    "fit_quadrant",
    "information_findings",
    "loads_scenario",
    "model_scenarios",
    "notice_date",
    "payback_months",
    "personal_data_holdings",
    "privacy_findings",
    "proposed_retirements",
    "proposed_scenario",
    "read_scenario",
    "redundancy_savings",
    "remove_scenario",
    "savings_figure",
    "single_points_of_failure",
    "store_scenario",
    "time_quadrant_figure",
    "time_recommendations",
    "write_board_report",
    "write_scenario",
]
