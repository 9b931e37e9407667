"""Accounts and roles of a shared workspace: hashing, the roles, and writes refused by the store itself."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from fora_model import Element, Model
from fora_model.changes import AddElement, UpdateElement
from fora_model.cli import main
from fora_model.workspace import AccessRefused, Owner, Store, User, WorkspaceError, access
from fora_model.workspace.access import ALL_MODELS, hash_password, password_matches
from tests.workspaces import use_in_environment

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id at its lowest cost: the same hashing, without the server's deliberate slowness."""
    monkeypatch.setattr(access, "_HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


def school(name: str) -> Model:
    model = Model(name=name)
    model.add_element(Element.new("goal", "Good teaching", id="g"))
    return model


@pytest.fixture
def store(workspaces: Any) -> Store:
    """Two schools, imported while the workspace was still local, then four accounts; on SQLite and
    on PostgreSQL."""
    store: Store = workspaces.store(seed=False)
    store.import_model("regenboog", school("De Regenboog"), author="setup")
    store.import_model("kompas", school("Het Kompas"), author="setup")
    accounts = store.accounts
    accounts.add("bea", "Bea Bestuur", PASSWORD, "viewer")
    accounts.add("ivo", "Ivo Informatie", PASSWORD, "editor", models=["regenboog"])
    accounts.add("alle", "Alle Scholen", PASSWORD, "editor", models=[ALL_MODELS])
    accounts.add("ada", "Ada Admin", PASSWORD, "admin")
    return store


def rename(store: Store, name: str, new: str) -> UpdateElement:
    goal = store.open(name).elements["g"]
    return UpdateElement(goal.replace(name=new))


def user(store: Store, login: str) -> User:
    found = store.accounts.get(login)
    assert found is not None
    return found


# ----------------------------------------------------------------------------- hashing
def test_a_password_is_stored_only_as_a_salted_hash(store: Store, workspaces: Any) -> None:
    stored = [r[0] for r in workspaces.rows(store, "SELECT password_hash FROM users")]
    assert len(stored) == 4
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in stored)
    assert len(set(stored)) == 4  # one password, four hashes: each has its own salt
    assert all(password_matches(h, PASSWORD) for h in stored)
    assert not password_matches(stored[0], PASSWORD + "!")


def test_a_short_password_is_refused_and_a_broken_hash_never_matches() -> None:
    with pytest.raises(WorkspaceError, match="at least 8"):
        hash_password("short")
    assert not password_matches("", "anything")
    assert not password_matches("not-a-hash", "not-a-hash")


def test_sign_in_checks_the_password_and_finds_the_login_in_any_case(store: Store) -> None:
    assert store.accounts.verify("IVO", PASSWORD) == user(store, "ivo")
    assert store.accounts.verify("ivo", "wrong password") is None
    assert store.accounts.verify("nobody", PASSWORD) is None


# ----------------------------------------------------------------------------- roles
def test_the_roles_as_listed(store: Store) -> None:
    listed = {(u.login, u.name, u.role, u.models) for u in store.accounts.users()}
    assert listed == {("ada", "Ada Admin", "admin", ()), ("alle", "Alle Scholen", "editor", ("*",)),
                      ("bea", "Bea Bestuur", "viewer", ()), ("ivo", "Ivo Informatie", "editor", ("regenboog",))}
    ivo, bea, ada = user(store, "ivo"), user(store, "bea"), user(store, "ada")
    assert (ivo.can_edit("regenboog"), ivo.can_edit("kompas")) == (True, False)
    assert (bea.can_edit("regenboog"), ada.can_edit("kompas"), user(store, "alle").can_edit("kompas")) == \
        (False, True, True)
    assert (ada.can_manage, ivo.can_manage, bea.can_manage) == (True, False, False)


@pytest.mark.parametrize(("login", "name", "password", "role", "models", "message"), [
    ("Bad Name", "X", PASSWORD, "viewer", (), "not a usable login"),
    ("x", "X", PASSWORD, "owner", (), "not a role"),
    ("x", "X", PASSWORD, "viewer", ("regenboog",), "granted to editors only"),
    ("ivo", "Ivo 2", PASSWORD, "viewer", (), "already an account 'ivo'"),
    ("x", "X", None, "viewer", (), "give its e-mail address"),
])
def test_a_bad_account_is_refused_and_nothing_is_added(store: Store, login: str, name: str, password: str | None,
                                                       role: str, models: tuple[str, ...], message: str) -> None:
    with pytest.raises(WorkspaceError, match=message):
        store.accounts.add(login, name, password, role, models=models)
    assert len(store.accounts.users()) == 4


def test_only_an_admin_manages_accounts(store: Store) -> None:
    with pytest.raises(AccessRefused, match="only an admin"):
        store.accounts.add("new", "New", PASSWORD, "viewer", by=user(store, "ivo"))
    with pytest.raises(AccessRefused, match="only an admin"):
        store.accounts.set_role("bea", "admin", by=user(store, "bea"))  # no promoting oneself
    assert user(store, "bea").role == "viewer"
    store.accounts.set_role("bea", "editor", models=["kompas"], by=user(store, "ada"))
    assert (user(store, "bea").role, user(store, "bea").models) == ("editor", ("kompas",))


def test_the_last_admin_stays_while_other_accounts_exist(store: Store) -> None:
    with pytest.raises(WorkspaceError, match="last admin"):
        store.accounts.remove("ada")
    with pytest.raises(WorkspaceError, match="last admin"):
        store.accounts.set_role("ada", "viewer")
    store.accounts.set_role("ivo", "admin")
    store.accounts.remove("ada")
    assert user(store, "ivo").role == "admin" and store.accounts.get("ada") is None


# ----------------------------------------------------------------------------- the store refuses
def test_a_viewer_cannot_write_through_any_store_method(store: Store, tmp_path: Path) -> None:
    bea = user(store, "bea")
    head = store.head("regenboog")
    attempts = [
        lambda: store.edit("regenboog", rename(store, "regenboog", "Forged"), base=head, actor=bea),
        lambda: store.undo("regenboog", base=head, actor=bea),
        lambda: store.redo("regenboog", base=head, actor=bea),
        lambda: store.restore("regenboog", 1, base=head, actor=bea),
        lambda: store.import_model("regenboog", Model(name="Empty"), replace=True, actor=bea),
        lambda: store.import_model("new school", Model(name="New"), actor=bea),
        lambda: store.recover("regenboog", tmp_path / "out", to=1, actor=bea),
    ]
    for attempt in attempts:
        with pytest.raises(AccessRefused, match="Bea Bestuur is a viewer"):
            attempt()
    assert store.head("regenboog") == head and store.names() == ["kompas", "regenboog"]
    assert store.open("regenboog").elements["g"].name == "Good teaching"


def test_an_editor_writes_only_the_models_granted(store: Store) -> None:
    ivo = user(store, "ivo")
    with pytest.raises(AccessRefused, match="may not change 'kompas'"):
        store.edit("kompas", rename(store, "kompas", "Forged"), base=1, actor=ivo)
    with pytest.raises(AccessRefused, match="may not change 'another school'"):
        store.import_model("another school", school("Another"), actor=ivo)
    saved = store.edit("regenboog", rename(store, "regenboog", "Better teaching"), base=1, actor=ivo)
    assert saved.revision == 2 and store.head("kompas") == 1


def test_the_revision_records_the_signed_in_users_name_not_a_typed_one(store: Store) -> None:
    saved = store.edit("regenboog", rename(store, "regenboog", "Better teaching"), base=1, author="Someone else",
                       actor=user(store, "ivo"))
    undone = store.undo("regenboog", base=saved.revision, actor=user(store, "ada"))
    assert [r.author for r in store.history("regenboog")] == ["Ada Admin", "Ivo Informatie", "setup"]
    assert undone.author == "Ada Admin"


def test_admins_and_all_model_editors_write_every_model_and_create_new_ones(store: Store) -> None:
    store.edit("kompas", AddElement(Element.new("goal", "Safe school", id="s")), base=1, actor=user(store, "ada"))
    created = store.import_model("nieuw", school("Nieuw"), actor=user(store, "alle"))
    assert (store.head("kompas"), created.author) == (2, "Alle Scholen")


def test_with_accounts_a_write_without_actor_is_refused_and_the_owner_may_write(store: Store) -> None:
    with pytest.raises(AccessRefused, match="sign in"):
        store.edit("regenboog", rename(store, "regenboog", "Anonymous"), base=1)
    saved = store.edit("regenboog", rename(store, "regenboog", "By the owner"), base=1, actor=Owner("beheer"))
    assert saved.author == "beheer"


def test_a_role_changed_after_sign_in_counts_at_once(store: Store) -> None:
    signed_in = user(store, "ivo")  # what a session holds since sign-in
    store.accounts.set_role("ivo", "viewer", models=[])
    with pytest.raises(AccessRefused, match="is a viewer"):
        store.edit("regenboog", rename(store, "regenboog", "Stale rights"), base=1, actor=signed_in)
    store.accounts.remove("ivo")
    with pytest.raises(AccessRefused, match="no longer exists"):
        store.edit("regenboog", rename(store, "regenboog", "Gone"), base=1, actor=signed_in)
    assert store.head("regenboog") == 1


def test_a_forged_user_object_gets_only_the_rights_the_database_gives(store: Store) -> None:
    forged = User("bea", "Bea Bestuur", "admin", (ALL_MODELS,))  # claims admin; the database says viewer
    with pytest.raises(AccessRefused, match="is a viewer"):
        store.edit("regenboog", rename(store, "regenboog", "Forged"), base=1, actor=forged)


def test_without_accounts_the_workspace_stays_local(tmp_path: Path) -> None:
    store = Store(tmp_path, seed=False)
    store.import_model("school", school("School"), author="Anna")
    saved = store.edit("school", rename(store, "school", "Mine"), base=1, author="Anna")
    assert not store.accounts.configured() and saved.author == "Anna"


def test_removing_the_last_account_makes_the_workspace_local_again(tmp_path: Path) -> None:
    store = Store(tmp_path, seed=False)
    store.import_model("school", school("School"))
    store.accounts.add("solo", "Solo", PASSWORD, "admin")
    with pytest.raises(AccessRefused):
        store.edit("school", rename(store, "school", "Anonymous"), base=1)
    store.accounts.remove("solo")
    assert store.edit("school", rename(store, "school", "Local"), base=1, author="Anna").author == "Anna"


def test_an_identity_provider_account_has_no_password_and_is_found_by_email(store: Store) -> None:
    store.accounts.add("mira", "Mira", None, "viewer", email="Mira@Bestuur.example")
    mira = store.accounts.by_email("mira@bestuur.example")
    assert mira is not None and (mira.login, mira.has_password) == ("mira", False)
    assert store.accounts.verify("mira", "") is None and store.accounts.by_email("") is None
    with pytest.raises(WorkspaceError, match="already has the e-mail address"):
        store.accounts.add("mira2", "Mira 2", None, "viewer", email="mira@bestuur.example")


# ----------------------------------------------------------------------------- the command line
def cli(monkeypatch: pytest.MonkeyPatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out, err = io.StringIO(), io.StringIO()
    code = main(["workspace", *argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_an_admin_adds_lists_changes_and_removes_accounts_from_the_command_line(
        store: Store, workspaces: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    use_in_environment(monkeypatch, workspaces())
    code, _, err = cli(monkeypatch, "user", "add", "noor", "--name", "Noor Smit", "--role", "editor",
                       "--model", "kompas", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0 and "added noor (Noor Smit) as editor" in err
    assert store.accounts.verify("noor", PASSWORD) is not None and user(store, "noor").models == ("kompas",)
    code, out, _ = cli(monkeypatch, "user", "list")
    assert code == 0 and "noor\tNoor Smit\teditor\tkompas\t-\tpassword" in out.splitlines()
    assert "bea\tBea Bestuur\tviewer\tnone (reads every model)\t-\tpassword" in out.splitlines()
    assert cli(monkeypatch, "user", "role", "noor", "editor", "--all-models")[0] == 0
    assert user(store, "noor").models == (ALL_MODELS,)
    assert cli(monkeypatch, "user", "role", "noor", "viewer")[0] == 0
    assert (user(store, "noor").role, user(store, "noor").models) == ("viewer", ())
    assert cli(monkeypatch, "user", "password", "noor", "--password-stdin", stdin="another password\n")[0] == 0
    assert store.accounts.verify("noor", "another password") is not None
    assert cli(monkeypatch, "user", "remove", "noor")[0] == 0 and store.accounts.get("noor") is None


def test_a_password_is_never_an_argument_and_a_bad_account_is_one_line(
        store: Store, workspaces: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    use_in_environment(monkeypatch, workspaces())
    code, _, _ = cli(monkeypatch, "user", "add", "noor", "--role", "viewer", "--password", PASSWORD)
    assert code == 2 and "unrecognized arguments" in capsys.readouterr().err
    assert store.accounts.get("noor") is None
    code, _, err = cli(monkeypatch, "user", "add", "noor", "--role", "viewer", "--password-stdin", stdin="short\n")
    assert code == 2 and err.startswith("fora-model: error: the password is too short") and "Traceback" not in err
    code, _, err = cli(monkeypatch, "user", "remove", "ada")
    assert code == 2 and "last admin" in err and store.accounts.get("ada") is not None


def test_the_command_line_still_writes_a_workspace_with_accounts(
        store: Store, workspaces: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    use_in_environment(monkeypatch, workspaces())
    store.edit("kompas", rename(store, "kompas", "Renamed"), base=1, actor=user(store, "ada"))
    code, _, _ = cli(monkeypatch, "undo", "kompas", "--author", "beheer")
    assert code == 0 and store.revision("kompas").author == "beheer"
