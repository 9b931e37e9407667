"""The dashboard's sign-in helpers (Streamlit-free): password and identity-provider sign-in, what a
session may edit, and how a page says why it is read-only."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher

from fora_model.dashboard import signin
from fora_model.workspace import Store, access

PASSWORD = "correct horse battery"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(access, "_HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    store = Store(tmp_path, seed=False)
    store.accounts.add("ivo", "Ivo Informatie", PASSWORD, "editor", models=["regenboog"])
    store.accounts.add("mira", "Mira Bestuur", None, "viewer", email="mira@bestuur.example")
    return store


def test_a_password_sign_in_says_the_same_for_an_unknown_login_and_a_wrong_password(store: Store) -> None:
    assert signin.sign_in(store, "ivo", "wrong password").message == \
        signin.sign_in(store, "nobody", PASSWORD).message == "The login or the password is wrong."
    assert signin.sign_in(store, "", PASSWORD).message == "Type your login and your password."
    signed = signin.sign_in(store, " Ivo ", PASSWORD)
    assert signed.ok and signed.user is not None and signed.user.login == "ivo"


def test_an_account_without_a_password_cannot_sign_in_with_an_empty_one(store: Store) -> None:
    assert not signin.sign_in(store, "mira", "").ok
    assert not signin.sign_in(store, "mira", "anything at all").ok


def test_the_identity_providers_e_mail_finds_the_account_and_an_unknown_one_is_not_let_in(store: Store) -> None:
    found = signin.identity_sign_in(store, "Mira@Bestuur.example")
    assert found.ok and found.user is not None and found.user.login == "mira"
    unknown = signin.identity_sign_in(store, "someone@elsewhere.example")
    assert not unknown.ok and "someone@elsewhere.example" in unknown.message
    assert not signin.identity_sign_in(store, None).ok


def test_what_a_session_may_edit(store: Store, tmp_path: Path) -> None:
    ivo = store.accounts.get("ivo")
    mira = store.accounts.get("mira")
    assert signin.may_edit(store, ivo, "regenboog") and not signin.may_edit(store, ivo, "kompas")
    assert not signin.may_edit(store, mira, "regenboog") and not signin.may_edit(store, None, "regenboog")
    local = Store(tmp_path / "local", seed=False)
    assert signin.may_edit(local, None, "anything")


def test_a_read_only_page_says_why(store: Store) -> None:
    assert "signed in as a viewer" in signin.read_only_note(store.accounts.get("mira"), "regenboog")
    assert "'kompas'" in signin.read_only_note(store.accounts.get("ivo"), "kompas")
    assert signin.read_only_note(None, "kompas") == "Sign in to change this model."


def test_a_removed_account_is_no_longer_signed_in(store: Store) -> None:
    ivo = store.accounts.get("ivo")
    assert signin.still_signed_in(store, ivo) == ivo
    store.accounts.set_role("ivo", "viewer", models=[])
    changed = signin.still_signed_in(store, ivo)
    assert changed is not None and changed.role == "viewer"
    store.accounts.remove("ivo")
    assert signin.still_signed_in(store, ivo) is None


def test_after_five_wrong_passwords_a_login_waits_a_minute_even_with_the_right_one(store: Store) -> None:
    store.accounts.add("lotte", "Lotte", PASSWORD, "viewer")
    for n in range(signin.MAX_FAILURES):
        assert signin.sign_in(store, "lotte", f"guess {n}", now=1000.0 + n).message == \
            "The login or the password is wrong."
    locked = signin.sign_in(store, "lotte", PASSWORD, now=1010.0)
    assert not locked.ok and "Too many wrong passwords" in locked.message
    assert signin.sign_in(store, "LOTTE", PASSWORD, now=1030.0).message == locked.message  # any case
    assert signin.sign_in(store, "lotte", PASSWORD, now=1004.0 + signin.LOCKOUT_SECONDS).ok
    assert signin.sign_in(store, "lotte", "guess again", now=1070.0).message == "The login or the password is wrong."


def test_an_unknown_login_is_locked_out_the_same_way(store: Store) -> None:
    for n in range(signin.MAX_FAILURES):
        signin.sign_in(store, "ghost", f"guess {n}", now=2000.0)
    assert "Too many wrong passwords" in signin.sign_in(store, "ghost", "guess", now=2001.0).message
