"""The ``fora-model workspace`` commands: list, export, import and show the history of stored models.

::

    fora-model workspace list
    fora-model workspace export NAME -o FILE [--revision N] [--force]
    fora-model workspace import FILE --name NAME [--replace] [--author WHO] [--mapping FILE] [--encoding ENC]
    fora-model workspace history NAME [--limit N]
    fora-model workspace check
    fora-model workspace recover NAME [--to REVISION] [-o DIR] [--author WHO]
    fora-model workspace mark-no-support NAME ELEMENT_ID... [--subtree] [--author WHO]
    fora-model workspace undo NAME [--author WHO]
    fora-model workspace user add|list|role|password|remove ...   (see :mod:`fora_model.cli.users`)

The workspace is the PostgreSQL database ``$FORA_MODEL_DATABASE_URL`` names, else ``workspace/`` in
the working directory or the folder ``$FORA_MODEL_WORKSPACE`` (``--workspace DIR`` or
``--workspace postgresql://...`` overrides them). Every other command reads a stored model as
``workspace:NAME`` (or ``workspace:NAME@REVISION``).

The commands act as the workspace's owner (:class:`~fora_model.workspace.access.Owner`): whoever can
open the database file may change it, also in a workspace with user accounts.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import Any, TextIO

from ..changes import mark_no_support, no_support_summary, no_support_targets
from ..errors import ForaModelError, ModelInvalidError, has_errors
from ..i18n import _, n_, set_language
from ..io import read_model
from ..validate import validate
from ..workspace.access import Owner
from ..workspace.store import Store
from .users import add_user_commands, run_user_command

__all__ = ["add_workspace_commands", "run_workspace_command"]


def add_workspace_commands(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``workspace`` command and its subcommands to the main parser's ``subparsers``."""
    workspace = subparsers.add_parser("workspace", help=_("list, export and import the models kept in the workspace"))
    workspace.add_argument("--workspace", metavar="DIR", dest="workspace_dir",
                           help=_("the workspace folder or a postgresql:// URL (default: $FORA_MODEL_DATABASE_URL, "
                                  "else $FORA_MODEL_WORKSPACE, else ./workspace)"))
    actions = workspace.add_subparsers(dest="workspace_command", required=True, metavar="ACTION")

    actions.add_parser("list", help=_("the stored models with their newest revision"))

    export = actions.add_parser("export", help=_("write a stored model to a file (format by extension)"))
    export.add_argument("name", metavar="NAME")
    export.add_argument("-o", "--output", metavar="FILE", required=True)
    export.add_argument("--revision", type=int, help=_("an older revision (default: the newest)"))
    export.add_argument("--force", action="store_true", help=_("overwrite an existing file"))

    imported = actions.add_parser("import", help=_("store a model file under a name"))
    imported.add_argument("file", metavar="FILE", help=_("any model fora-model reads (or workspace:OTHER)"))
    imported.add_argument("--name", required=True, help=_("the name to store it under"))
    imported.add_argument("--replace", action="store_true",
                          help=_("make it the newest revision of an existing model (undoable)"))
    imported.add_argument("--author", help=_("who imports it (default: your user name)"))
    imported.add_argument("--mapping", metavar="FILE",
                          help=_("JSON or CSV file overriding how ArchiMate types map to kinds"))
    imported.add_argument("--encoding", help=_("text encoding of a CSV model when it is not UTF-8 (e.g. cp1252)"))

    history = actions.add_parser("history", help=_("the revisions of a stored model, newest first"))
    history.add_argument("name", metavar="NAME")
    history.add_argument("--limit", type=int, default=20, help=_("at most this many (default 20; 0 for all)"))

    actions.add_parser("check", help=_("read every revision of every model and list what is damaged (changes nothing)"))

    recover = actions.add_parser(
        "recover", help=_("export every readable revision of a damaged model and continue from one of them"))
    recover.add_argument("name", metavar="NAME")
    recover.add_argument("--to", type=int, metavar="REVISION",
                         help=_("the revision to continue from (default: the newest readable one)"))
    recover.add_argument("-o", "--output", metavar="DIR",
                         help=_("where the readable revisions go (default: ./recovered-NAME); must be new or empty"))
    recover.add_argument("--author", help=_("who recovers it (default: your user name)"))

    marking = actions.add_parser(
        "mark-no-support", help=_("mark processes and activities (or whole subtrees) as needing no system, "
                                "as one revision (undo takes it back at once)"))
    marking.add_argument("name", metavar="NAME")
    marking.add_argument("ids", nargs="+", metavar="ELEMENT_ID", help=_("the processes and activities to mark"))
    marking.add_argument("--subtree", action="store_true",
                         help=_("also mark every process and activity below them in the process tree"))
    marking.add_argument("--author", help=_("who marks them (default: your user name)"))

    undo = actions.add_parser("undo", help=_("undo the newest revision still in effect (itself a new revision)"))
    undo.add_argument("name", metavar="NAME")
    undo.add_argument("--author", help=_("who undoes it (default: your user name)"))
    add_user_commands(actions)
    return workspace


def _author(given: str | None) -> str:
    if given:
        return given
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in this environment
        return ""


def run_workspace_command(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Run a parsed ``workspace`` command; returns the exit code (errors raise ForaModelError)."""
    store = Store(args.workspace_dir)
    command = args.workspace_command
    if command == "list":
        print("\t".join(["name", "revision", "changed", "author", "elements", "relations", "summary"]), file=stdout)
        for info in store.models():
            print("\t".join([info.model, str(info.revision), info.created_at, info.author or "-",
                             str(info.elements), str(info.relations), info.summary]), file=stdout)
        return 0
    if command == "export":
        target = Path(args.output)
        if (target.is_file() or (target.is_dir() and any(target.iterdir()))) and not args.force:
            raise ForaModelError(_("{target}: already exists — choose another name or add --force", target=target))
        revision = args.revision or store.head(args.name)
        for finding in store.export(args.name, target, revision=revision):
            print(str(finding), file=stderr)
        print(_("wrote {name} revision {revision} to {target}", name=args.name, revision=revision, target=target),
              file=stderr)
        return 0
    if command == "import":
        result = read_model(args.file, mapping=args.mapping, encoding=args.encoding)
        if getattr(args, "lang", None) is None and result.model.language in ("nl", "en"):
            set_language(result.model.language)
        findings = result.findings + validate(result.model)
        if has_errors(findings):
            for f in findings:
                if f.is_error:
                    print(str(f), file=stderr)
            raise ModelInvalidError(findings, args.file)
        info = store.import_model(args.name, result.model, author=_author(args.author), replace=args.replace,
                                  actor=Owner())
        print(_("stored {file} as {name} revision {revision} ({elements}, {relations})", file=args.file,
                name=info.model, revision=info.revision,
                elements=n_("{n} element", "{n} elements", info.elements),
                relations=n_("{n} relation", "{n} relations", info.relations)), file=stderr)
        return 0
    if command == "history":
        print("\t".join(["revision", "when", "author", "action", "changes", "summary"]), file=stdout)
        for info in store.history(args.name, limit=args.limit or None):
            print("\t".join([str(info.revision), info.created_at, info.author or "-", info.action,
                             str(info.change_count), info.summary]), file=stdout)
        return 0
    if command == "check":
        health = store.check()
        for damage in health.damage:
            print(str(damage), file=stdout)
        verdict = _("ok") if health.ok else _("damaged")
        print(_("{verdict}: {models}, {revisions} read; database integrity: {integrity}", verdict=verdict,
                models=n_("{n} model", "{n} models", health.models),
                revisions=n_("{n} revision", "{n} revisions", health.revisions), integrity=health.integrity),
              file=stdout)
        if not health.ok:
            print(_("recover a damaged model with: fora-model workspace recover NAME [--to REVISION]"), file=stderr)
        return 0 if health.ok else 1
    if command == "recover":
        target = Path(args.output or f"recovered-{args.name}")
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise ForaModelError(_("{target}: already exists and is not empty — choose another folder with -o",
                                   target=target))
        recovery = store.recover(args.name, target, to=args.to, author=_author(args.author), actor=Owner())
        print(n_("wrote {n} readable revision of {name} to {target}",
                 "wrote {n} readable revisions of {name} to {target}", len(recovery.files), name=args.name,
                 target=target), file=stderr)
        if recovery.damaged:
            print(_("could not read revisions {revisions}", revisions=", ".join(map(str, recovery.damaged))),
                  file=stderr)
        if recovery.continued is None:
            print(_("{name} continues from its newest revision, {revision}", name=args.name,
                    revision=recovery.readable[-1]), file=stderr)
        else:
            print(_("{name} continues from revision {target} as revision {revision}", name=args.name,
                    target=recovery.continued.target, revision=recovery.continued.revision), file=stderr)
        return 0
    if command == "user":
        return run_user_command(store, args, stdout, stderr)
    if command == "mark-no-support":
        return _mark_no_support(store, args, stderr)
    if command == "undo":
        info = store.undo(args.name, base=store.head(args.name), author=_author(args.author), actor=Owner())
        print(_("stored {name} revision {revision}: {summary}", name=args.name, revision=info.revision,
                summary=info.summary), file=stderr)
        return 0
    raise AssertionError(command)  # pragma: no cover - argparse refuses other actions


def _mark_no_support(store: Store, args: argparse.Namespace, stderr: TextIO) -> int:
    """Store ``needs_support: false`` on the chosen elements (and their subtrees) as one revision."""
    base = store.head(args.name)
    model = store.open(args.name, base)
    changes = mark_no_support(model, args.ids, subtree=args.subtree)
    covered = len(no_support_targets(model, args.ids, subtree=args.subtree))
    if not changes:
        print(n_("nothing to change: the {n} element chosen already needs no support; {name} stays at revision "
                 "{revision}", "nothing to change: the {n} elements chosen already need no support; {name} stays "
                 "at revision {revision}", covered, name=args.name, revision=base), file=stderr)
        return 0
    summary = no_support_summary(model, list(dict.fromkeys(args.ids)), len(changes), subtree=args.subtree)
    info = store.edit(args.name, changes, base=base, author=_author(args.author), summary=summary, actor=Owner())
    print(_("stored {name} revision {revision}: {summary} (take it back with `fora-model workspace undo "
            "{name}`)", name=args.name, revision=info.revision, summary=info.summary), file=stderr)
    return 0
