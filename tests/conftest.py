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
