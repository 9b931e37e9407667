"""Every docstring example in the package runs and shows what it says (STYLE: docstrings are the specification)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import fora_model

MODULES = sorted(info.name for info in pkgutil.walk_packages(fora_model.__path__, "fora_model."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failed == 0

