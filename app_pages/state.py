"""The dashboard's shared state: which model is open, the analysis settings, every write to the
workspace and every analysis of the model, cached per model version.

This is the one place that knows where the current model comes from: a model in the workspace
(:class:`~fora_model.workspace.Store`, seeded with the sample school; a file named on the command
line or in ``FORA_MODEL_FILE`` is imported into it once), at the revision this browser session
shows. Every write goes through :func:`write` with a :data:`~fora_model.dashboard.writes.Request`,
based on that revision, so a stale tab's edit is refused with a conflict message instead of
overwriting newer work. Pages compute through :func:`compute`, passing the ``fora_model`` function
itself (type-checked like any call); results are cached with ``st.cache_data`` under the model's
content hash, the function's qualified name and the options, so each is computed once per model
version and options, not on every rerun; the model object itself is passed unhashed, under its
revision's key (:func:`revision_key`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import streamlit as st

import fora_model as fm
from fora_model.changes import Change
from fora_model.dashboard import signin
from fora_model.dashboard import writes as dw
from fora_model.dashboard.common import element_label, element_options, md_escape, model_language, page_icon, spoken
from fora_model.dashboard.downloads import png_export_available
from fora_model.dashboard.uploads import ImportRead, Upload, read_source, read_uploads
from fora_model.i18n import LANGUAGES, _, current_language, set_language, use_language
from fora_model.workspace import Store, User, WorkspaceError, workspace_location

P = ParamSpec("P")
R = TypeVar("R")

MODEL_ENV = "FORA_MODEL_FILE"
"""Environment variable naming a model file to open instead of the sample school."""

PAGE_WIDGETS = ("gx_", "rz_", "bv_", "ed_", "mp_", "lk_", "hi_", "io_", "ap_", "sc_", "rk_")
"""Key prefixes of page widgets whose choices refer to elements of the model (reset on a new model)."""

_NAME = "fm_name"
_PINNED = "fm_revision"
_STARTUP = "fm_startup"
_NOTICE = "fm_notice"
_OLD_ON_PURPOSE = "fm_old_revision"
_SHOWN = "fm_shown"
_PENDING = "fm_pending"
"""Session key of edits refused as a conflict, kept to re-apply: (model name, base revision, the
changes of each refused edit)."""
UNSAVED = "ed_unsaved"
"""Key prefix of a table's edits that could not be saved (per element kind; a new model forgets them)."""
AUTHOR = "fm_author"
"""Session key of the author name for the whole session: a plain key, not a widget's, so it stays when
the sidebar field is not drawn in a run (Streamlit drops the state of a widget it does not draw).
It is also kept in the page address (``?author=``), so a reload keeps it."""
AUTHOR_INPUT = "fm_author_input"
"""Widget key of the sidebar field "Your name"; :func:`remember_author` copies it to :data:`AUTHOR`."""
USER = "fm_user"
"""Session key of the account signed in to a shared workspace (:mod:`fora_model.dashboard.signin`)."""
_SIGNIN_NOTE = "fm_signin_note"
LANGUAGE = "fm_language"
"""Session key of the language chosen in the sidebar (``nl`` or ``en``): a plain key, like
:data:`AUTHOR`, also kept in the page address (``?lang=``). Unset until the user (or the address)
chooses: the open model's language is then spoken."""
LANGUAGE_INPUT = "fm_language_input"
"""Widget key of the sidebar radio "Taal / Language"; :func:`remember_language` copies it to :data:`LANGUAGE`."""
LANGUAGE_LABEL = "Taal / Language"
"""The label of the language choice: in both languages on purpose, so that whoever cannot read the
one spoken now still finds it."""
LANGUAGE_PARAMETER = "lang"
"""The page-address parameter that keeps the language (``?lang=nl`` opens Dutch)."""


def startup_source() -> str | None:
    """The model file to open at start: ``--model PATH`` after ``streamlit run app.py --``, else
    ``$FORA_MODEL_FILE``, else None (the sample school)."""
    args = sys.argv[1:]
    for n, arg in enumerate(args):
        if arg == "--model" and n + 1 < len(args):
            return args[n + 1]
        if arg.startswith("--model="):
            return arg.split("=", 1)[1]
    return os.environ.get(MODEL_ENV) or None


@st.cache_resource(show_spinner=False)
def _store(folder: str) -> Store:
    """The workspace in ``folder`` (one per server; a new workspace is seeded with the sample school)."""
    return Store(folder)


def store() -> Store:
    """The workspace: ``$FORA_MODEL_DATABASE_URL``, else ``$FORA_MODEL_WORKSPACE``, else ``workspace/`` in the
    working directory."""
    return _store(workspace_location())


@st.cache_resource(show_spinner=False)
def _open_startup(folder: str, source: str | None) -> tuple[ImportRead | None, dw.StartupModel]:
    """The start file read and put into the workspace once per server (never re-imported over edits)."""
    workspace = _store(folder)
    if source is None:
        return None, dw.open_startup(workspace, None, None)
    result = read_source(source)
    return result, dw.open_startup(workspace, result.model, Path(source).name)


@st.cache_resource(show_spinner=False, max_entries=16)
def _revision(folder: str, name: str, revision: int) -> fm.Model:
    """An older revision of a workspace model (revisions never change, so they are cached as they are)."""
    return _store(folder).open(name, revision)


def _ensure() -> None:
    if _NAME in st.session_state:
        return
    with st.spinner(_("Opening the model…")):
        result, startup = _open_startup(workspace_location(), startup_source())
    st.session_state[_STARTUP] = (result, startup)
    st.session_state[_NAME] = startup.name
    st.session_state[_PINNED] = store().head(startup.name) if startup.name else None
    if AUTHOR not in st.session_state:
        st.session_state[AUTHOR] = st.query_params.get("author", "")


def model_name() -> str | None:
    """The workspace model this session has open (None when there is none)."""
    _ensure()
    name: str | None = st.session_state[_NAME]
    return name


def revision() -> int | None:
    """The revision of the open model this session shows and bases its edits on."""
    _ensure()
    pinned: int | None = st.session_state[_PINNED]
    return pinned


def head() -> int | None:
    """The newest revision of the open model in the workspace (another tab may have moved it on)."""
    name = model_name()
    if name is None:
        return None
    try:
        return store().head(name)
    except WorkspaceError:  # gone from the workspace meanwhile
        return None


def current_model() -> fm.Model | None:
    """The open model at the revision this session shows, or None when none is open."""
    name, pinned = model_name(), revision()
    if name is None or pinned is None:
        return None
    kept = st.session_state.get(_SHOWN)
    if kept is not None and kept[0] == (name, pinned):
        return kept[1]  # a revision never changes: read it once per session and revision
    if not store().exists(name):  # gone from the workspace meanwhile
        st.session_state[_NAME] = st.session_state[_PINNED] = None
        return None
    checkout = store().checkout(name)
    model = checkout.model if checkout.revision == pinned else _revision(workspace_location(), name,
                                                                           pinned)
    st.session_state[_SHOWN] = ((name, pinned), model)
    return model


def workspace_problem() -> str | None:
    """Why the workspace or the open model cannot be shown (damaged, unreadable), as plain text
    naming the model and revision and how to recover; None when all is well."""
    try:
        current_model()  # reads the workspace's tables and the revision shown, once per revision
    except WorkspaceError as problem:
        return str(problem)
    return None


def source_label() -> str:
    """Where the open model lives, as plain text (``workspace model sample-school, revision 3``)."""
    name, pinned = model_name(), revision()
    if name is None:
        return _("nothing open")
    return _("workspace model {name}, revision {revision}", name=name, revision=pinned)


def startup_result() -> ImportRead | None:
    """How reading the start file went (its findings are shown on the Model page); None when the
    session started on the workspace's own models."""
    _ensure()
    result: ImportRead | None = st.session_state[_STARTUP][0]
    return result


def startup_note() -> str:
    """What the session's start model choice needs to tell the user (plain text; may be empty)."""
    _ensure()
    note: str = st.session_state[_STARTUP][1].note
    return note


def author() -> str:
    """The name this session's edits are stored under: the signed-in account's in a shared
    workspace, else the one typed in the sidebar."""
    _ensure()
    user = signed_in()
    if user is not None:
        return user.name
    return str(st.session_state.get(AUTHOR, "")).strip()


# ----------------------------------------------------------------------------- signing in
def signed_in() -> User | None:
    """The account signed in in this session, as the workspace has it now (None: nobody, or the
    account was removed meanwhile)."""
    kept: User | None = st.session_state.get(USER)
    current = signin.still_signed_in(store(), kept)
    if current != kept:
        st.session_state[USER] = current
    return current


def can_edit() -> bool:
    """Whether this session's pages show edit controls for the open model (the workspace checks
    every write anyway)."""
    return signin.may_edit(store(), signed_in(), model_name())


def _providers() -> list[str | None]:
    """The identity providers ``.streamlit/secrets.toml`` configures for ``st.login`` (none without the file)."""
    try:
        return signin.identity_providers(st.secrets.to_dict()) if st.secrets.load_if_toml_exists() else []
    except FileNotFoundError:
        return []


def _sign_in() -> None:
    """Check the login form (an ``on_click`` callback); the password field is emptied either way."""
    result = signin.sign_in(store(), str(st.session_state.get("fm_signin_login", "")),
                            str(st.session_state.get("fm_signin_password", "")))
    st.session_state["fm_signin_password"] = ""
    if result.ok:
        st.session_state[USER] = result.user
    else:
        st.session_state[_SIGNIN_NOTE] = result.message


def sign_out() -> None:
    """Forget the signed-in account (an ``on_click`` callback), and the identity provider's sign-in."""
    st.session_state.pop(USER, None)
    if _providers() and st.user.is_logged_in:
        st.logout()


def require_sign_in() -> None:
    """In a shared workspace, show the sign-in form and stop the page until someone signs in."""
    if not store().accounts.configured() or signed_in() is not None:
        return
    providers = _providers()
    if providers and st.user.is_logged_in:
        email = st.user.get("email")
        result = signin.identity_sign_in(store(), email if isinstance(email, str) else None)
        if result.ok:
            st.session_state[USER] = result.user
            return
        st.error(md_escape(result.message), icon=":material/person_off:")
        st.button(_("Sign out of the identity provider"), key="fm_logout_provider", on_click=st.logout,
                  icon=":material/logout:")
    st.title(_("Sign in"))
    st.caption(_("This workspace is shared by several people: sign in to see its models. An admin adds accounts "
                 "with `fora-model workspace user add`."))
    for provider in providers:
        st.button(_("Sign in with {provider}", provider=provider or _("the identity provider")),
                  key=f"fm_login_{provider or 'default'}", icon=":material/login:",
                  on_click=st.login, args=(provider,) if provider else ())
    with st.form("fm_signin", enter_to_submit=True):
        st.text_input(_("Login"), key="fm_signin_login", max_chars=64, autocomplete="username")
        st.text_input(_("Password"), key="fm_signin_password", type="password", max_chars=200,
                      autocomplete="current-password")
        st.form_submit_button(_("Sign in"), type="primary", on_click=_sign_in, icon=":material/login:")
    note = st.session_state.pop(_SIGNIN_NOTE, None)
    if note:
        st.error(md_escape(note), icon=":material/block:")
    st.stop()


def remember_author() -> None:
    """Keep the name typed in the sidebar for the session (an ``on_change`` callback)."""
    st.session_state[AUTHOR] = str(st.session_state.get(AUTHOR_INPUT, "")).strip()
    _address_author()


def _address_author() -> None:
    """Put the author name into the page address (Streamlit clears the address on a page change)."""
    name = author()
    if name and st.query_params.get("author") != name:
        st.query_params["author"] = name
    elif not name and "author" in st.query_params:
        del st.query_params["author"]


def author_input() -> None:
    """The sidebar field "Your name", filled with the session's author name on every page; in a
    shared workspace, who is signed in and a button to sign out instead."""
    _ensure()
    user = signed_in()
    if user is not None:
        st.caption(md_escape(signin.signed_in_caption(user)))
        st.button(_("Sign out"), key="fm_sign_out", on_click=sign_out, icon=":material/logout:")
        return
    addressed = str(st.query_params.get("author", "")).strip()
    if addressed and not author():  # the address names the author though the session has none yet
        st.session_state[AUTHOR] = addressed
        st.session_state[AUTHOR_INPUT] = addressed
    if AUTHOR_INPUT not in st.session_state:  # first run, or the field was not drawn last run
        st.session_state[AUTHOR_INPUT] = author()
    st.text_input(_("Your name"), key=AUTHOR_INPUT, on_change=remember_author, max_chars=80,
                  placeholder=_("Shown with your edits in the history"),
                  help=_("Every edit is saved at once as a new revision under this name, on every page, "
                         "until you change it."))
    _address_author()


def language() -> str:
    """The language this session speaks: the one chosen in the sidebar, else the one in the page
    address (``?lang=nl``), else the open model's (:func:`fora_model.dashboard.common.model_language`)."""
    chosen = st.session_state.get(LANGUAGE)
    if chosen in LANGUAGES:
        return str(chosen)
    asked = st.query_params.get(LANGUAGE_PARAMETER)
    if asked in LANGUAGES:
        st.session_state[LANGUAGE] = asked
        return str(asked)
    try:
        model = current_model()
    except WorkspaceError:  # shown by workspace_problem; speak the default meanwhile
        model = None
    return model_language(model)


def apply_language() -> str:
    """Speak this session's :func:`language` for the rest of the run and keep it in the page address
    (Streamlit clears the address on a page change); call it first, before any text is drawn."""
    chosen = set_language(language())
    if st.query_params.get(LANGUAGE_PARAMETER) != chosen:
        st.query_params[LANGUAGE_PARAMETER] = chosen
    return chosen


def remember_language() -> None:
    """Keep the language chosen in the sidebar for the session (an ``on_change`` callback)."""
    chosen = st.session_state.get(LANGUAGE_INPUT)
    if chosen in LANGUAGES:
        st.session_state[LANGUAGE] = chosen
        st.query_params[LANGUAGE_PARAMETER] = chosen


def language_input() -> None:
    """The sidebar radio "Taal / Language", showing the language spoken on every page."""
    st.session_state[LANGUAGE_INPUT] = current_language()
    st.radio(LANGUAGE_LABEL, list(LANGUAGES), key=LANGUAGE_INPUT, format_func=LANGUAGES.__getitem__,
             horizontal=True, on_change=remember_language)


_KEPT = "fm_kept_"
"""Key prefix under which :func:`keep_widget` keeps a page widget's value."""


def keep_widget(key: str) -> None:
    """Keep widget ``key``'s value for the session (an ``on_change`` callback; see :func:`restore_widget`)."""
    st.session_state[_KEPT + key] = st.session_state.get(key)


def restore_widget(key: str) -> None:
    """Give widget ``key`` back the value :func:`keep_widget` kept, when Streamlit dropped it
    (it drops the state of a widget a run does not draw, such as one on another page)."""
    if key not in st.session_state and _KEPT + key in st.session_state:
        st.session_state[key] = st.session_state[_KEPT + key]


def author_note() -> None:
    """Say under which name this page's edits are saved (every edit page shows it), or, for an
    account that may not change the open model, that the page is read-only."""
    user = signed_in()
    if user is not None:
        if can_edit():
            st.caption(_("Your edits are saved under your name, {name}.", name=md_escape(user.name)))
        else:
            st.info(md_escape(signin.read_only_note(user, model_name())), icon=":material/visibility:")
        return
    name = author()
    if name:
        st.caption(_("Your edits are saved under the name {name} (change it in the sidebar).",
                     name=md_escape(name)))
    else:
        st.caption(_("Your edits are saved without a name: type your name in the sidebar under \"Your name\" "
                     "to have it recorded with every revision."))


def open_model(name: str, pinned: int | None = None) -> None:
    """Show workspace model ``name`` at revision ``pinned`` (default: its newest) and forget page
    choices about the model shown before."""
    _ensure()
    changed = name != st.session_state.get(_NAME)
    st.session_state[_NAME] = name
    newest = store().head(name)
    st.session_state[_PINNED] = newest if pinned is None else pinned
    st.session_state[_OLD_ON_PURPOSE] = pinned is not None and pinned != newest
    if changed:
        for key in list(st.session_state):
            if str(key).startswith(PAGE_WIDGETS):
                del st.session_state[key]


def load_latest() -> None:
    """Show the newest revision of the open model, dropping edits kept to re-apply (an ``on_click``
    callback)."""
    forget_pending()
    name = model_name()
    if name is not None:
        open_model(name)


def forget_pending() -> None:
    """Drop the edits kept to re-apply and the tables' unsaved edits."""
    st.session_state.pop(_PENDING, None)
    for key in list(st.session_state):
        if str(key).startswith(UNSAVED):
            del st.session_state[key]


def pending() -> list[tuple[Change, ...]]:
    """The changes of this session's edits refused as a conflict, still to re-apply or discard
    (empty when there are none, or they were based on another revision than the one shown)."""
    kept = st.session_state.get(_PENDING)
    if kept is None:
        return []
    if kept[:2] != (model_name(), revision()):
        st.session_state.pop(_PENDING, None)
        return []
    return list(kept[2])


def reapply() -> None:
    """Make the edits refused as a conflict again on the newest revision (an ``on_click`` callback)."""
    batches = pending()
    if not batches:
        return
    outcome = write(dw.Reapply(batches))
    if outcome.ok:
        forget_pending()
    elif outcome.kind == "unchanged":
        load_latest()
        notify(outcome)


def notify(outcome: dw.Outcome) -> None:
    """Keep a write's outcome to show at the top of the next run (see :func:`show_notice`)."""
    st.session_state[_NOTICE] = outcome


def write(request: dw.Request) -> dw.Outcome:
    """Do ``request`` (:func:`fora_model.dashboard.writes.perform`) based on the shown revision, in
    the sidebar author's name, as the signed-in account (the workspace refuses what it may not do):
    the one way a page writes to the workspace.

    On success the session shows the new revision (of the new model, for a created one); on a
    conflict or refusal nothing is stored and the session stays where it was. The outcome is kept
    for :func:`show_notice` and returned.
    """
    name, base = model_name(), revision()
    outcome = dw.perform(store(), name, base, author(), request, actor=signed_in())
    if outcome.kind == "conflict" and outcome.changes and isinstance(request, dw.Edit):
        st.session_state[_PENDING] = (name, base, [*pending(), outcome.changes])
    if outcome.ok and outcome.name is not None and outcome.name != name:
        open_model(outcome.name, outcome.revision)
    elif outcome.ok:
        st.session_state[_PINNED] = outcome.revision
    if outcome.kind != "unchanged":
        notify(outcome)
    return outcome


def show_notice() -> None:
    """Show (once) what the last write of this session did, and whether the model moved on."""
    outcome: dw.Outcome | None = st.session_state.pop(_NOTICE, None)
    if outcome is not None:
        if outcome.ok:
            st.session_state[_OLD_ON_PURPOSE] = False
            st.toast(md_escape(outcome.message), icon=":material/check_circle:")
        elif outcome.kind == "unchanged":
            st.toast(md_escape(outcome.message), icon=":material/check_circle:")
        elif outcome.kind == "conflict":
            st.error(md_escape(outcome.message), icon=":material/sync_problem:")
        else:
            st.error(md_escape(outcome.message), icon=":material/block:")
            if len(outcome.findings):
                st.dataframe(outcome.findings, hide_index=True)
    latest = head()
    pinned = revision()
    batches = pending()
    if batches and latest is not None:
        shown = current_model()
        st.warning(_("Your change is not saved yet: {change}. What you typed is still shown below. Re-apply it "
                     "on revision {latest}: what others changed there stays, and it is refused again only if "
                     "they changed the same field. Or discard it and load the latest revision.",
                     change=md_escape(dw.pending_summary(batches, shown)), latest=latest),
                   icon=":material/edit_note:")
        again_col, discard_col = st.columns(2)
        again_col.button(_("Re-apply on the latest revision ({latest})", latest=latest), key="fm_reapply",
                         type="primary", icon=":material/sync:", on_click=reapply)
        discard_col.button(_("Discard my change and load the latest"), key="fm_discard", icon=":material/delete:",
                           on_click=load_latest)
        return
    if latest is not None and pinned is not None and latest != pinned:
        who = store().revision(str(model_name()), latest)
        if st.session_state.get(_OLD_ON_PURPOSE):
            st.info(_("You are looking at revision {pinned}, read-only; the newest is revision {latest}. "
                      "Edits are refused until you load the latest.", pinned=pinned, latest=latest),
                    icon=":material/history:")
            st.button(_("Load the latest revision"), on_click=load_latest, key="fm_load_latest",
                      icon=":material/refresh:")
            return
        st.warning(_("You are looking at revision {pinned}; the model is now at revision {latest} ({author}: "
                     "{summary}). Edits made here are refused until you load the latest.", pinned=pinned,
                     latest=latest, author=md_escape(who.author or _("someone")), summary=md_escape(who.summary)),
                   icon=":material/history:")
        st.button(_("Load the latest revision"), on_click=load_latest, key="fm_load_latest",
                  icon=":material/refresh:")


def restore_sample(new_model: bool = False) -> dw.Outcome:
    """Put the sample school back (:class:`~fora_model.dashboard.writes.RestoreSample`), as a new
    revision of the workspace's sample school or as a new model, and open it."""
    return write(dw.RestoreSample(new_model=new_model))


def has_model(name: str) -> bool:
    """Whether the workspace holds a model named ``name``."""
    return store().exists(name)


def open_upload(name: str, data: bytes) -> ImportRead:
    """Read an uploaded file (:func:`~fora_model.dashboard.uploads.read_uploads`) and, when it has no
    errors, store it as a new workspace model named after the file and open it."""
    result = read_uploads([Upload(name, data)])
    if result.model is not None:
        write(dw.Create(result.model, file_name=name))
    return result


def require_model() -> fm.Model:
    """The open model; without one, say so, point to the Model page and stop the page."""
    model = current_model()
    if model is None:
        st.info(_("No model is open. Open one on the Model page."))
        st.page_link("app_pages/model_page.py", label=_("Go to the Model page"), icon=":material/database:")
        st.stop()
    return model


def settings() -> tuple[str | None, tuple[str, ...] | None]:
    """The analysis level and support paths chosen in the sidebar (None means the default)."""
    level = st.session_state.get("fm_level", "auto")
    chosen = st.session_state.get("fm_paths") or list(fm.ALL_PATHS)
    paths = None if set(chosen) == set(fm.ALL_PATHS) else tuple(sorted(chosen))
    return (None if level == "auto" else level), paths


# ----------------------------------------------------------------------------- cached computations
@st.cache_data(show_spinner=False, max_entries=256)
def _cached(_model: fm.Model, model_hash: str, _function: Callable[..., Any], function: str,
            args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...], language: str) -> Any:
    """``_function(model, *args, **kwargs)`` spoken in ``language``, cached under the model's content
    hash, the function's qualified name, the options and the language (captions and labels of a
    result are in the language it was computed in)."""
    with use_language(language):
        return _function(_model, *args, **dict(kwargs))


def compute(function: Callable[Concatenate[fm.Model, P], R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``function(model, *args, **kwargs)`` on the open model, once per model version, options and language."""
    model = require_model()
    name = f"{function.__module__}.{function.__qualname__}"
    with st.spinner(_("Analysing…")):  # shown only when computing takes more than half a second
        result: R = _cached(model, revision_key(model), function, name, args, tuple(sorted(kwargs.items())),
                            current_language())
    return result


def revision_key(model: fm.Model) -> str:
    """What identifies the open model's content for the caches: its workspace, name and revision (a
    revision never changes), so a cache lookup costs nothing where hashing the whole content of a
    board-size model takes seconds."""
    return dw.revision_key(store().location, model_name(), revision(), model)


def element_ids(*kinds: str) -> list[str]:
    """Element ids of these kinds (all kinds when none), sorted by name, for pickers."""
    return compute(element_options, list(kinds) or None)


def label(element_id: str) -> str:
    """The plain-text picker label of an element (pickers show options as text, not Markdown)."""
    return labels()(element_id)


def labels() -> Callable[[str], str]:
    """A picker ``format_func`` bound to the shown model and the language spoken: it works however
    often and wherever the picker calls it, without looking the model up again."""
    model = require_model()

    def format_label(element_id: str) -> str:
        element = model.elements.get(element_id)
        return element_label(element) if element is not None else element_id

    return spoken(format_label)


@st.cache_resource(show_spinner=False)
def png_available() -> bool:
    """Whether kaleido finds a Chrome here (looked up once per server)."""
    return png_export_available()


@st.cache_resource(show_spinner=False)
def favicon() -> Any:
    """The page icon (:func:`fora_model.dashboard.common.page_icon`), drawn once per server."""
    return page_icon()
