"""The ``fora-model workspace user`` commands: the accounts of a shared workspace and their roles.

::

    fora-model workspace user add LOGIN --role viewer|editor|admin [--name "Display Name"]
                                  [--model NAME]... [--all-models] [--email ADDRESS]
                                  [--password-stdin | --no-password]
    fora-model workspace user list
    fora-model workspace user role LOGIN viewer|editor|admin [--model NAME]... [--all-models]
    fora-model workspace user password LOGIN [--password-stdin]
    fora-model workspace user remove LOGIN

A password is typed at a prompt (twice) or, with ``--password-stdin``, read from the first line of
standard input; it is never an argument, so it stays out of the shell's history and the process
list. ``--no-password`` makes an account that signs in only through the board's identity provider
(it needs ``--email``). See :mod:`fora_model.workspace.access` for what each role may do.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any, TextIO

from ..errors import ForaModelError
from ..i18n import _
from ..workspace.access import ALL_MODELS, ROLES
from ..workspace.store import Store

__all__ = ["add_user_commands", "run_user_command"]


def _grants(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", action="append", default=[], metavar="NAME", dest="models",
                        help=_("a workspace model an editor may change (repeat for more)"))
    parser.add_argument("--all-models", action="store_true",
                        help=_("the editor may change every model of the workspace"))


def add_user_commands(actions: Any) -> None:
    """Add ``user`` and its subcommands to the ``workspace`` command's ``actions``."""
    user = actions.add_parser("user", help=_("manage the accounts of a shared workspace and their roles"))
    commands = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")

    add = commands.add_parser("add", help=_("add an account (the password is asked for, never an argument)"))
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", default="", help=_("the name shown with the account's revisions (default: LOGIN)"))
    add.add_argument("--email", default="", help=_("the address the identity provider signs the account in with"))
    _grants(add)
    secret = add.add_mutually_exclusive_group()
    secret.add_argument("--password-stdin", action="store_true", help=_("read the password from standard input"))
    secret.add_argument("--no-password", action="store_true",
                        help=_("sign in only through the identity provider (needs --email)"))

    commands.add_parser("list", help=_("the accounts with their roles and models"))

    role = commands.add_parser("role", help=_("give an account another role (and, with --model, other models)"))
    role.add_argument("login", metavar="LOGIN")
    role.add_argument("role", choices=ROLES)
    _grants(role)

    password = commands.add_parser("password", help=_("give an account a new password"))
    password.add_argument("login", metavar="LOGIN")
    password.add_argument("--password-stdin", action="store_true", help=_("read the password from standard input"))

    remove = commands.add_parser("remove", help=_("remove an account (its revisions keep its name)"))
    remove.add_argument("login", metavar="LOGIN")


def _read_password(from_stdin: bool, login: str) -> str:
    """The password, from standard input's first line or typed twice at a prompt."""
    if from_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    first = getpass.getpass(_("Password for {login}: ", login=login))
    if getpass.getpass(_("The same password again: ")) != first:
        raise ForaModelError(_("the two passwords differ: nothing was changed; run the command again"))
    return first


def _models(args: argparse.Namespace) -> list[str]:
    return [ALL_MODELS] if args.all_models else list(args.models)


def run_user_command(store: Store, args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run a parsed ``workspace user`` command; returns the exit code (errors raise ForaModelError)."""
    accounts = store.accounts
    command = args.user_command
    if command == "list":
        print("\t".join(["login", "name", "role", "models", "email", "signs in with"]), file=stdout)
        for user in accounts.users():
            models = _("every model") if ALL_MODELS in user.models else ", ".join(user.models) or "-"
            if user.role != "editor":
                models = _("every model") if user.role == "admin" else _("none (reads every model)")
            way = _("password") if user.has_password else _("identity provider")
            print("\t".join([user.login, user.name, user.role, models, user.email or "-", way]), file=stdout)
        return 0
    if command == "add":
        password = None if args.no_password else _read_password(args.password_stdin, args.login)
        user = accounts.add(args.login, args.name, password, args.role, models=_models(args), email=args.email)
        print(_("added {login} ({name}) as {role}", login=user.login, name=user.name, role=user.role), file=stderr)
        if user.role == "editor" and not user.models:
            print(_("note: {login} can change no model yet; grant models with `fora-model workspace user role "
                    "{login} editor --model NAME`", login=user.login), file=stderr)
        return 0
    if command == "role":
        changing = bool(args.models or args.all_models) or args.role != "editor"
        user = accounts.set_role(args.login, args.role, models=_models(args) if changing else None)
        print(_("{login} is now {role}", login=user.login, role=user.role), file=stderr)
        return 0
    if command == "password":
        accounts.set_password(args.login, _read_password(args.password_stdin, args.login))
        print(_("changed the password of {login}", login=args.login.strip().lower()), file=stderr)
        return 0
    if command == "remove":
        accounts.remove(args.login)
        print(_("removed {login}", login=args.login.strip().lower()), file=stderr)
        if not accounts.configured():
            print(_("the workspace has no accounts left: it is local again, and nobody signs in"), file=stderr)
        return 0
    raise AssertionError(command)  # pragma: no cover - argparse refuses other actions
