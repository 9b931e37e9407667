"""The workspace: named models kept in a database with every revision, undo/redo and conflict refusal.

:class:`~fora_model.workspace.store.Store` is the way in; :mod:`~fora_model.workspace.log` keeps the
revision log (rows, snapshots, replay), :mod:`~fora_model.workspace.schema` the transactions and
migrations, and :mod:`~fora_model.workspace.backend` the database itself: an embedded SQLite file
(the default) or a PostgreSQL server (``$FORA_MODEL_DATABASE_URL``).

Layer: above the core, the formats (:mod:`fora_model.io`), the changes and the shipped datasets; the
dashboard helpers and the CLI import it, nothing below does.
"""

from .backend import DATABASE_ENV, WorkspaceError
from .store import (
    ENV_VAR,
    SEED_NAME,
    Checkout,
    ConflictError,
    RevisionInfo,
    Store,
    resolve_workspace,
    workspace_dir,
    workspace_location,
)

__all__ = [
    "DATABASE_ENV",
    "ENV_VAR",
    "SEED_NAME",
    "Checkout",
    "ConflictError",
    "RevisionInfo",
    "Store",
    "WorkspaceError",
    "resolve_workspace",
    "workspace_dir",
    "workspace_location",
]
