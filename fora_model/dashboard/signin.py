"""Signing in to a shared workspace and what the signed-in account may do on the pages.

Nothing here calls Streamlit. A workspace without accounts is local: nobody signs in, every page
edits, and edits carry the name typed in the sidebar. A workspace with accounts
(:mod:`fora_model.workspace.access`) shows nothing until someone signs in, with a login and
password (:func:`sign_in`) or, where ``.streamlit/secrets.toml`` configures an identity provider for
Streamlit's ``st.login``, with the identity whose e-mail address an account has
(:func:`identity_sign_in`). The session keeps the :class:`~fora_model.workspace.access.User`; every
run looks it up again (:func:`still_signed_in`), so a removed account is signed out and a changed
role counts at once. Pages hide edit controls when :func:`may_edit` says no; the workspace refuses
the write anyway (the dashboard passes the user to every write, see
:func:`fora_model.dashboard.writes.perform`).

>>> import tempfile
>>> from fora_model.workspace import Store
>>> store = Store(tempfile.mkdtemp(), seed=False)
>>> may_edit(store, None, "school")  # a local workspace: everyone edits
True
>>> _ = store.accounts.add("bea", "Bea", "board member", "viewer")
>>> sign_in(store, "bea", "wrong").message
'The login or the password is wrong.'
>>> bea = sign_in(store, "bea", "board member").user
>>> may_edit(store, bea, "school"), signed_in_caption(bea)
(False, 'Signed in as Bea (viewer: reads every model, changes none)')
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..i18n import _
from ..workspace import Store, User
from ..workspace.access import ALL_MODELS

__all__ = [
    "LOCKOUT_SECONDS",
    "MAX_FAILURES",
    "SignIn",
    "identity_providers",
    "identity_sign_in",
    "may_edit",
    "read_only_note",
    "sign_in",
    "signed_in_caption",
    "still_signed_in",
]


MAX_FAILURES = 5
"""Wrong passwords in a row for one login after which that login waits :data:`LOCKOUT_SECONDS`."""

LOCKOUT_SECONDS = 60.0
"""How long a login that had :data:`MAX_FAILURES` wrong passwords in a row cannot sign in (per server)."""

_FAILURES: dict[str, tuple[int, float]] = {}
_FAILURES_LOCK = threading.Lock()


@dataclass(frozen=True)
class SignIn:
    """What a sign-in came to: the account (None when refused) and what to tell the user."""

    user: User | None
    message: str = ""

    @property
    def ok(self) -> bool:
        """True when someone is signed in."""
        return self.user is not None


def sign_in(store: Store, login: str, password: str, *, now: float | None = None) -> SignIn:
    """Sign in with a login and password; one message for an unknown login and a wrong password,
    so the form does not tell which logins exist. After :data:`MAX_FAILURES` wrong passwords in a
    row a login (known or not) waits :data:`LOCKOUT_SECONDS` before the next try is even checked,
    so guessing passwords through the form is slow and cannot keep the server's cores busy.
    ``now`` stands in for the clock (tests)."""
    key = login.strip().lower()
    if not key or not password:
        return SignIn(None, _("Type your login and your password."))
    moment = time.monotonic() if now is None else now
    with _FAILURES_LOCK:
        count, since = _FAILURES.get(key, (0, moment))
        if count >= MAX_FAILURES and moment - since < LOCKOUT_SECONDS:
            return SignIn(None, _("Too many wrong passwords for this login: wait a minute and try again."))
    user = store.accounts.verify(login, password)
    with _FAILURES_LOCK:
        if user is not None:
            _FAILURES.pop(key, None)
        else:
            count, since = _FAILURES.get(key, (0, moment))
            _FAILURES[key] = (1, moment) if count >= MAX_FAILURES else (count + 1, moment)
    if user is None:
        return SignIn(None, _("The login or the password is wrong."))
    return SignIn(user, _("Signed in as {name}.", name=user.name))


def identity_sign_in(store: Store, email: str | None) -> SignIn:
    """Sign in the identity the provider vouched for, by the account with its e-mail address."""
    if not email:
        return SignIn(None, _("The identity provider gave no e-mail address, so no account can be found; "
                              "ask an admin to add you with a password."))
    user = store.accounts.by_email(email)
    if user is None:
        return SignIn(None, _("No account of this workspace has the e-mail address {email}; ask an admin to add "
                              "one (fora-model workspace user add LOGIN --email {email} ...).", email=email))
    return SignIn(user, _("Signed in as {name}.", name=user.name))


def identity_providers(secrets: Mapping[str, Any]) -> list[str | None]:
    """The identity providers ``.streamlit/secrets.toml`` configures for ``st.login``, in its
    ``[auth]`` section: None for the one set right there (``client_id`` in ``[auth]`` itself),
    else the name of each ``[auth.NAME]`` with a ``client_id``. Empty: sign-in is by password only.

    >>> identity_providers({})
    []
    >>> identity_providers({"auth": {"redirect_uri": "x", "cookie_secret": "y", "client_id": "z"}})
    [None]
    >>> identity_providers({"auth": {"redirect_uri": "x", "microsoft": {"client_id": "z"}, "other": 1}})
    ['microsoft']
    """
    section = secrets.get("auth")
    if not isinstance(section, Mapping):
        return []
    found: list[str | None] = [None] if section.get("client_id") else []
    found += sorted(str(k) for k, v in section.items() if isinstance(v, Mapping) and v.get("client_id"))
    return found


def still_signed_in(store: Store, user: User | None) -> User | None:
    """The account as the workspace has it now (its role may have changed), or None when it was
    removed or nobody is signed in."""
    return None if user is None else store.accounts.get(user.login)


def may_edit(store: Store, user: User | None, model: str | None) -> bool:
    """Whether the pages show edit controls: always in a local workspace; else for an account that
    may change ``model``."""
    if not store.accounts.configured():
        return True
    return user is not None and model is not None and user.can_edit(model)


def signed_in_caption(user: User) -> str:
    """Who is signed in and what the role allows, in a line (plain text)."""
    if user.role == "admin":
        rights = _("admin: changes every model and manages the accounts")
    elif user.role == "editor":
        granted = _("every model") if ALL_MODELS in user.models else ", ".join(user.models) or _("no model yet")
        rights = _("editor of {models}", models=granted)
    else:
        rights = _("viewer: reads every model, changes none")
    return _("Signed in as {name} ({rights})", name=user.name, rights=rights)


def read_only_note(user: User | None, model: str | None) -> str:
    """Why this page shows no edit controls (plain text)."""
    if user is None:
        return _("Sign in to change this model.")
    if user.role == "viewer":
        return _("You are signed in as a viewer: you can read this model and print the board pack, but not change "
                 "it. An admin can make you an editor.")
    return _("You may not change {model!r}: it is not one of the models granted to you. An admin can grant it.",
             model=model or "")
