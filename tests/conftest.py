"""Shared fixtures: the sample school and small hand-built models."""

from __future__ import annotations

import pytest

import fora_model as fm


@pytest.fixture(scope="session")
def sample() -> fm.Model:
    """The shipped sample school (read once; tests must not change it — copy it first)."""
    return fm.load_sample()
