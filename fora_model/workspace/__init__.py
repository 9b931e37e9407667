"""The workspace: named models kept in a database with every revision, undo/redo and conflict refusal.

:class:`~fora_model.workspace.store.Store` is the way in; :mod:`~fora_model.workspace.log` keeps the
revision log (rows, snapshots, replay) and :mod:`~fora_model.workspace.schema` the database, its
transactions and migrations.

Layer: above the core, the formats (:mod:`fora_model.io`), the changes and the shipped datasets; the
dashboard helpers and the CLI import it, nothing below does.
"""

from .schema import WorkspaceError
from .store import ENV_VAR, SEED_NAME, Checkout, ConflictError, RevisionInfo, Store, resolve_workspace, workspace_dir

__all__ = [
    "ENV_VAR",
    "SEED_NAME",
    "Checkout",
    "ConflictError",
    "RevisionInfo",
    "Store",
    "WorkspaceError",
    "resolve_workspace",
    "workspace_dir",
]
