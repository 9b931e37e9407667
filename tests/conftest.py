"""Shared fixtures: the sample school and small hand-built models."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

import fora_model as fm


@pytest.fixture(scope="session")
def sample() -> fm.Model:
    """The shipped sample school (read once; tests must not change it — copy it first)."""
    return fm.load_sample()


@pytest.fixture(autouse=True)
def _no_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """A shell's $FORA_MODEL_DATABASE_URL never sends a test's workspace to a server."""
    monkeypatch.delenv("FORA_MODEL_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Any]:
    """The throwaway database on $FORA_MODEL_TEST_POSTGRES (skipped without one, failed in CI)."""
    from tests.workspaces import start_server

    server = start_server()
    yield server
    server.close()


@pytest.fixture(params=["sqlite", "postgres"])
def workspaces(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Any]:
    """Workspace locations on each backend (tests.workspaces.Workspaces): SQLite in ``tmp_path``, and
    PostgreSQL on $FORA_MODEL_TEST_POSTGRES (skipped with the reason when unset, failed when CI=true)."""
    from tests.workspaces import Workspaces

    server = request.getfixturevalue("postgres_server") if request.param == "postgres" else None
    made = Workspaces(request.param, tmp_path, server)
    yield made
    made.close()


@pytest.fixture
def workspace_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> Iterator[None]:
    """The dashboard under AppTest starts on the sample school in a new workspace, with empty caches."""
    import streamlit as st

    monkeypatch.delenv("FORA_MODEL_FILE", raising=False)
    monkeypatch.setenv("FORA_MODEL_WORKSPACE", str(tmp_path / "workspace"))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Debian Chromium (one playwright) for the whole session, shared by every browser test.

    Without it the browser tests skip and say why, unless ``CI`` is ``true``: then they fail.
    """
    from tests.browser.helpers import CHROMIUM, launch_chromium

    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found (apt install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
