"""Who may change what in a shared workspace: user accounts, their roles, and the one check every write passes.

A workspace without user accounts is a local, single-user workspace: nobody signs in and every
write is allowed, under whatever author name is given. Once an account exists, the workspace is
shared (a school board's deployment, one workspace per board) and every write must say who makes
it (an *actor*):

``viewer``
    reads every model and prints the board pack (board members); changes nothing.
``editor``
    changes the models granted to them (information managers: their schools), or every model when
    granted :data:`ALL_MODELS`; creating a model counts as changing it.
``admin``
    changes every model and manages the accounts.

:meth:`Accounts.authorize` is the check. :class:`~fora_model.workspace.store.Store` calls it at the
top of every write (edit, undo, redo, restore, import, recover) with the actor passed in, so a
viewer's write is refused by the workspace itself, whatever a page shows or a browser sends. It
reads the actor's role and grants from the database at that moment (a role changed or an account
removed since signing in counts at once) and returns the author name the revision records: the
account's display name, never a name typed by the user.

The command line is the :class:`Owner`: whoever can open the database file can change it with any
tool, so its commands act with every right, under the author name given (``--author``, else the
system user name). Passwords are stored only as Argon2id hashes (``argon2-cffi``), never as text.

>>> import tempfile
>>> from fora_model.workspace import Store
>>> accounts = Store(tempfile.mkdtemp(), seed=False).accounts
>>> accounts.configured()
False
>>> accounts.add("anna", "Anna de Vries", "correct horse", "editor", models=["De Regenboog"]).role
'editor'
>>> accounts.verify("anna", "correct horse").name, accounts.verify("anna", "wrong") is None
('Anna de Vries', True)
>>> accounts.authorize(accounts.get("anna"), "De Regenboog")
'Anna de Vries'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ..i18n import _
from . import schema
from .backend import Connection, Row
from .schema import WorkspaceError

__all__ = [
    "ALL_MODELS",
    "MIN_PASSWORD",
    "ROLES",
    "AccessRefused",
    "Accounts",
    "Actor",
    "Owner",
    "User",
    "hash_password",
    "password_matches",
]

ROLES = ("viewer", "editor", "admin")
"""The roles, from the fewest rights to the most."""

ALL_MODELS = "*"
"""The grant that lets an editor change every model of the workspace."""

MIN_PASSWORD = 8
"""The shortest password an account may have."""

_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
_HASHER = PasswordHasher()  # Argon2id with the library's recommended cost (RFC 9106's second choice)

Connect = Callable[[], AbstractContextManager[Connection]]
"""A function giving a connection to the workspace database, closed when its ``with`` block ends."""


@functools.cache
def _unknown_login() -> str:
    return _HASHER.hash("a password no account has")


class AccessRefused(WorkspaceError):
    """The actor may not do this (a viewer's write, an editor's write to a model not granted, no
    one signed in, an account that no longer exists); nothing was changed."""


def hash_password(password: str) -> str:
    """``password`` as an Argon2id hash (with its own salt), refusing one shorter than :data:`MIN_PASSWORD`.

    >>> hashed = hash_password("correct horse")
    >>> hashed.startswith("$argon2id$"), "correct horse" in hashed
    (True, False)
    """
    if len(password) < MIN_PASSWORD:
        raise WorkspaceError(_("the password is too short: use at least {n} characters", n=MIN_PASSWORD))
    return _HASHER.hash(password)


def password_matches(hashed: str, password: str) -> bool:
    """Whether ``password`` is the one ``hashed`` was made from (False for an empty or damaged hash)."""
    try:
        return bool(hashed) and _HASHER.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True)
class User:
    """A workspace account: its login, the name its revisions show, its role and the models granted
    (for an editor; :data:`ALL_MODELS` grants every model). ``email`` maps a sign-in through an
    identity provider to the account; ``has_password`` is False for an account that signs in only there."""

    login: str
    name: str
    role: str
    models: tuple[str, ...] = ()
    email: str = ""
    has_password: bool = True

    def can_edit(self, model: str) -> bool:
        """Whether this account may change workspace model ``model``."""
        if self.role == "admin":
            return True
        return self.role == "editor" and (ALL_MODELS in self.models or model in self.models)

    @property
    def can_manage(self) -> bool:
        """Whether this account may add, change and remove accounts."""
        return self.role == "admin"


@dataclass(frozen=True)
class Owner:
    """Whoever works on the database file directly (the command line, the server's own start-up
    import): every right, under ``name`` when a write gives no author."""

    name: str = ""


Actor = User | Owner
"""Who makes a write: a signed-in account or the :class:`Owner`."""


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise WorkspaceError(_("{role!r} is not a role: choose viewer, editor or admin", role=role))
    return role


def _check_login(login: str) -> str:
    cleaned = login.strip().lower()
    if not _LOGIN.match(cleaned):
        raise WorkspaceError(_("{login!r} is not a usable login name: use lower-case letters, digits and '.', "
                               "'_', '@' or '-' (at most 64, starting with a letter or digit)", login=login))
    return cleaned


class Accounts:
    """The accounts of one workspace (``store.accounts``); see the module docstring.

    Every change takes ``by``, who makes it: None or an :class:`Owner` (the command line) may always;
    a :class:`User` must be an admin as the database has it now.
    """

    def __init__(self, connect: Connect) -> None:
        self._connect = connect

    # ------------------------------------------------------------------ reading
    def configured(self) -> bool:
        """Whether the workspace has any account (then it is shared: every write needs an actor)."""
        with self._connect() as db:
            return db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    def users(self) -> list[User]:
        """Every account, by login."""
        with self._connect() as db, schema.read(db):
            return [self._user(db, row) for row in db.execute("SELECT * FROM users ORDER BY login").fetchall()]

    def get(self, login: str) -> User | None:
        """The account ``login`` (any case), or None."""
        with self._connect() as db, schema.read(db):
            return self._find(db, login)

    def by_email(self, email: str) -> User | None:
        """The account whose e-mail address is ``email`` (any case), or None: how a sign-in through an
        identity provider finds its account."""
        wanted = email.strip().lower()
        if not wanted:
            return None
        with self._connect() as db, schema.read(db):
            row = db.execute("SELECT * FROM users WHERE email = ?", (wanted,)).fetchone()
            return None if row is None else self._user(db, row)

    def verify(self, login: str, password: str) -> User | None:
        """The account when ``password`` is its password, else None (an unknown login takes as long)."""
        with self._connect() as db:
            row = db.execute("SELECT password_hash FROM users WHERE login = ?", (login.strip().lower(),)).fetchone()
        if row is None or not row[0]:  # no such account, or one that signs in only elsewhere
            password_matches(_unknown_login(), password)  # as long as a wrong password takes
            return None
        return self.get(login) if password_matches(str(row[0]), password) else None

    @staticmethod
    def _find(db: Connection, login: str) -> User | None:
        row = db.execute("SELECT * FROM users WHERE login = ?", (login.strip().lower(),)).fetchone()
        return None if row is None else Accounts._user(db, row)

    @staticmethod
    def _user(db: Connection, row: Row) -> User:
        models = tuple(r[0] for r in db.execute("SELECT model FROM grants WHERE login = ? ORDER BY model",
                                                (row["login"],)))
        return User(row["login"], row["name"], row["role"], models, row["email"], bool(row["password_hash"]))

    # ------------------------------------------------------------------ the check
    def authorize(self, actor: Actor | None, model: str, author: str = "") -> str:
        """The author name a write to ``model`` by ``actor`` records; raises :class:`AccessRefused`
        when the actor may not make it.

        Without accounts every write is allowed and records ``author``. With accounts, no actor is
        refused (sign in first), an :class:`Owner` records ``author`` (or its own name), and a
        :class:`User` is looked up again: it must still exist and be allowed to change ``model``
        now; the revision records its display name, whatever ``author`` says.
        """
        if isinstance(actor, Owner):
            return author or actor.name
        with self._connect() as db, schema.read(db):
            if db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is None:
                return author
            if actor is None:
                raise AccessRefused(_("this workspace has user accounts: sign in to change {model!r} "
                                      "(nothing was saved)", model=model))
            current = self._find(db, actor.login)
        if current is None:
            raise AccessRefused(_("the account {login!r} no longer exists: nothing was saved; sign in again",
                                  login=actor.login))
        if current.role == "viewer":
            raise AccessRefused(_("{name} is a viewer: viewers read the models and print the board pack but "
                                  "cannot change {model!r}; nothing was saved (an admin can make them an editor)",
                                  name=current.name, model=model))
        if not current.can_edit(model):
            raise AccessRefused(_("{name} may not change {model!r}: it is not one of the models granted to them; "
                                  "nothing was saved (an admin can grant it)", name=current.name, model=model))
        return current.name

    def _require_admin(self, db: Connection, by: Actor | None) -> None:
        if by is None or isinstance(by, Owner):
            return
        current = self._find(db, by.login)
        if current is None or not current.can_manage:
            raise AccessRefused(_("only an admin manages user accounts; nothing was changed"))

    # ------------------------------------------------------------------ changing
    def add(self, login: str, name: str, password: str | None, role: str, *, models: Iterable[str] = (),
            email: str = "", by: Actor | None = None) -> User:
        """Add an account. ``password`` None makes one that signs in only through the identity provider
        (it then needs ``email``). Refused when the login or e-mail address is taken."""
        login, role = _check_login(login), _check_role(role)
        display = " ".join(name.split()) or login
        address = email.strip().lower()
        if password is None and not address:
            raise WorkspaceError(_("an account without a password signs in through the identity provider: "
                                   "give its e-mail address"))
        hashed = "" if password is None else hash_password(password)
        with self._connect() as db, schema.write(db):
            self._require_admin(db, by)
            if self._find(db, login) is not None:
                raise WorkspaceError(_("there is already an account {login!r}: choose another login, or change "
                                       "its role with `fora-model workspace user role`", login=login))
            if address and db.execute("SELECT 1 FROM users WHERE email = ?", (address,)).fetchone():
                raise WorkspaceError(_("another account already has the e-mail address {email}", email=address))
            db.execute("INSERT INTO users VALUES (?, ?, ?, ?, ?, ?)",
                       (login, display, address, hashed, role, schema.now()))
            self._grant(db, login, role, models)
            user = self._find(db, login)
        assert user is not None
        return user

    def set_role(self, login: str, role: str, *, models: Iterable[str] | None = None,
                 by: Actor | None = None) -> User:
        """Give account ``login`` another role (and, when ``models`` is given, exactly those grants).
        The last admin keeps the role while other accounts exist."""
        login, role = _check_login(login), _check_role(role)
        with self._connect() as db, schema.write(db):
            self._require_admin(db, by)
            current = self._existing(db, login)
            if current.role == "admin" and role != "admin":
                self._keep_an_admin(db, login)
            db.execute("UPDATE users SET role = ? WHERE login = ?", (role, login))
            if models is not None:
                db.execute("DELETE FROM grants WHERE login = ?", (login,))
                self._grant(db, login, role, models)
            user = self._find(db, login)
        assert user is not None
        return user

    def set_password(self, login: str, password: str, *, by: Actor | None = None) -> None:
        """Give account ``login`` a new password."""
        login = _check_login(login)
        hashed = hash_password(password)
        with self._connect() as db, schema.write(db):
            self._require_admin(db, by)
            self._existing(db, login)
            db.execute("UPDATE users SET password_hash = ? WHERE login = ?", (hashed, login))

    def remove(self, login: str, *, by: Actor | None = None) -> None:
        """Remove account ``login`` (its revisions keep its name). The last admin stays while other
        accounts exist; removing the last account makes the workspace local again."""
        login = _check_login(login)
        with self._connect() as db, schema.write(db):
            self._require_admin(db, by)
            if self._existing(db, login).role == "admin":
                self._keep_an_admin(db, login)
            db.execute("DELETE FROM grants WHERE login = ?", (login,))
            db.execute("DELETE FROM users WHERE login = ?", (login,))

    def _existing(self, db: Connection, login: str) -> User:
        user = self._find(db, login)
        if user is None:
            raise WorkspaceError(_("there is no account {login!r}; list them with `fora-model workspace user list`",
                                   login=login))
        return user

    @staticmethod
    def _keep_an_admin(db: Connection, login: str) -> None:
        others = db.execute("SELECT COUNT(*) FROM users WHERE login != ?", (login,)).fetchone()[0]
        admins = db.execute("SELECT COUNT(*) FROM users WHERE role = 'admin' AND login != ?", (login,)).fetchone()[0]
        if others and not admins:
            raise WorkspaceError(_("{login!r} is the last admin: make another account admin first; nothing was "
                                   "changed", login=login))

    @staticmethod
    def _grant(db: Connection, login: str, role: str, models: Iterable[str]) -> None:
        granted = sorted({m.strip() for m in models if m.strip()})
        if granted and role != "editor":
            raise WorkspaceError(_("models are granted to editors only: a {role} reads (viewer) or changes "
                                   "(admin) every model", role=role))
        db.executemany("INSERT INTO grants VALUES (?, ?)", [(login, m) for m in granted])
