"""Analyses: pure functions of a model that return pandas DataFrames with documented columns."""

from .coverage import COVERAGE_COLUMNS, UNSUPPORTED_COLUMNS, goal_coverage, unsupported_activities
from .duplicates import DUPLICATE_COLUMNS, duplicated_activities
from .matrix import MATRIX_COLUMNS, support_matrix
from .overlap import ORPHAN_COLUMNS, OVERLAP_COLUMNS, application_overlap, orphan_applications
from .stats import STATS_COLUMNS, model_stats
from .structure import GOVERNANCE_PATTERNS, STRUCTURE_COLUMNS, structure_findings
from .support import ALL_PATHS, LEVELS, PATH_NAMES, SupportTable, parse_paths, resolve_level, support_table

__all__ = [
    "ALL_PATHS",
    "COVERAGE_COLUMNS",
    "DUPLICATE_COLUMNS",
    "GOVERNANCE_PATTERNS",
    "LEVELS",
    "MATRIX_COLUMNS",
    "ORPHAN_COLUMNS",
    "OVERLAP_COLUMNS",
    "PATH_NAMES",
    "STATS_COLUMNS",
    "STRUCTURE_COLUMNS",
    "UNSUPPORTED_COLUMNS",
    "SupportTable",
    "application_overlap",
    "duplicated_activities",
    "goal_coverage",
    "model_stats",
    "orphan_applications",
    "parse_paths",
    "resolve_level",
    "structure_findings",
    "support_matrix",
    "support_table",
    "unsupported_activities",
]
