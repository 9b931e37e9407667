"""fora-model: model a school's information landscape the FORA way and rationalise its applications.

The public API, re-exported from the modules that define it::

    import fora_model as fm
    school = fm.load_sample()
    fm.duplicated_activities(school)          # a DataFrame, one row per duplicated activity

    store = fm.Store()                        # $FORA_MODEL_DATABASE_URL, $FORA_MODEL_WORKSPACE or ./workspace
    head = store.checkout("sample-school")
    store.edit("sample-school", [fm.UpdateElement(...)], base=head.revision, author="Anna")

Rationalisation (TIME, savings, scenarios, privacy, continuity, contracts, the board pack) lives in
``fora_model.rationalisation``; readers and writers of every format in ``fora_model.io``. A school
board's schools side by side::

    board = fm.read_board_file(fm.sample_board_file())
    fm.consolidation_savings(board)           # one board contract, or one product per system type

The board analyses are in ``fora_model.analysis.board``.
"""

from .analysis import (
    ALL_PATHS,
    COVERAGE_COLUMNS,
    DUPLICATE_COLUMNS,
    LEVELS,
    MATRIX_COLUMNS,
    ORPHAN_COLUMNS,
    OVERLAP_COLUMNS,
    PATH_NAMES,
    UNSUPPORTED_COLUMNS,
    application_overlap,
    duplicated_activities,
    goal_coverage,
    model_stats,
    orphan_applications,
    support_matrix,
    support_table,
    unsupported_activities,
)
from .analysis.board import (
    board_duplicates,
    board_gaps,
    board_renewals,
    consolidation_matrix,
    consolidation_savings,
    cost_per_pupil,
)
from .board import Board, ProductMapping, School
from .changes.types import (
    AddElement,
    AddRelation,
    Change,
    RemoveElement,
    RemoveRelation,
    SetHeader,
    UpdateElement,
    UpdateRelation,
)
from .datasets import load_reference, load_sample, sample_board_file, sample_expected
from .errors import EditRejected, Finding, ForaModelError, ModelFileError, ModelInvalidError, Reason, Severity
from .graph import from_graph, to_graph
from .io import content_hash, dumps_model, load_model, loads_model, read_json, read_model, write_json, write_model
from .io.board_file import read_board_file
from .model import Element, Model, Relation, new_id
from .reports import report_csv, write_report
from .rules import ALLOWED
from .validate import findings_frame, validate
from .vocabulary import AccessType, Criticality, DataLocation, ElementKind, Lifecycle, RelationKind
from .workspace.store import ConflictError, Store

__version__ = "0.1.0"

__all__ = [
    "ALLOWED",
    "ALL_PATHS",
    "COVERAGE_COLUMNS",
    "DUPLICATE_COLUMNS",
    "LEVELS",
    "MATRIX_COLUMNS",
    "ORPHAN_COLUMNS",
    "OVERLAP_COLUMNS",
    "PATH_NAMES",
    "UNSUPPORTED_COLUMNS",
    "AccessType",
    "AddElement",
    "AddRelation",
    "Board",
    "Change",
    "ConflictError",
    "Criticality",
    "DataLocation",
    "EditRejected",
    "Element",
    "ElementKind",
    "Finding",
    "ForaModelError",
    "Lifecycle",
    "Model",
    "ModelFileError",
    "ModelInvalidError",
    "ProductMapping",
    "Reason",
    "Relation",
    "RelationKind",
    "RemoveElement",
    "RemoveRelation",
    "School",
    "SetHeader",
    "Severity",
    "Store",
    "UpdateElement",
    "UpdateRelation",
    "application_overlap",
    "board_duplicates",
    "board_gaps",
    "board_renewals",
    "consolidation_matrix",
    "consolidation_savings",
    "content_hash",
    "cost_per_pupil",
    "dumps_model",
    "duplicated_activities",
    "findings_frame",
    "from_graph",
    "goal_coverage",
    "load_model",
    "load_reference",
    "load_sample",
    "loads_model",
    "model_stats",
    "new_id",
    "orphan_applications",
    "read_board_file",
    "read_json",
    "read_model",
    "report_csv",
    "sample_board_file",
    "sample_expected",
    "support_matrix",
    "support_table",
    "to_graph",
    "unsupported_activities",
    "validate",
    "write_json",
    "write_model",
    "write_report",
]
