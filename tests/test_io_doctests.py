"""The examples in the interchange modules' docstrings run and stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["archi_csv", "archimate", "archimate_folders", "archimate_rules", "concepts", "examples", "excel",
           "excel_layout", "exchange_default_views", "exchange_xml", "mapping", "merge", "safety"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"fora_model.io.{name}")
    failed, attempted = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert attempted > 0 and failed == 0
