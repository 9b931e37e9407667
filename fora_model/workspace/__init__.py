"""The workspace: named models kept in a database with every revision, undo/redo and conflict refusal.

:class:`~fora_model.workspace.store.Store` is the way in; :mod:`~fora_model.workspace.log` keeps the
revision log (rows, snapshots, replay), :mod:`~fora_model.workspace.schema` the transactions and
migrations, :mod:`~fora_model.workspace.backend` the database itself: an embedded SQLite file
(the default) or a PostgreSQL server (``$FORA_MODEL_DATABASE_URL``), and
:mod:`~fora_model.workspace.access` the user accounts of a shared workspace and the check every
write passes.

Layer: above the core, the formats (:mod:`fora_model.io`), the changes and the shipped datasets; the
dashboard helpers and the CLI import it, nothing below does.
"""

from .access import AccessRefused, Accounts, Actor, Owner, User
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
    "AccessRefused",
    "Accounts",
    "Actor",
    "Checkout",
    "ConflictError",
    "Owner",
    "RevisionInfo",
    "Store",
    "User",
    "WorkspaceError",
    "resolve_workspace",
    "workspace_dir",
    "workspace_location",
]
