"""Column labels: every column an analysis produces has a label, labels of one table never collide,
and they follow the current language."""

from __future__ import annotations

import importlib
import pkgutil

import pandas as pd
import pytest

import fora_model.analysis as analysis
from fora_model.columns import COLUMN_LABELS, column_label, column_labels, localise_columns
from fora_model.dashboard import decisions
from fora_model.i18n import _, use_language


def column_lists() -> dict[str, list[str]]:
    """Every ``*_COLUMNS`` list of the analyses and the dashboard's decision tables, by name."""
    found: dict[str, list[str]] = {}
    modules = [importlib.import_module(f"fora_model.analysis.{m.name}")
               for m in pkgutil.iter_modules(analysis.__path__)]
    for module in [*modules, decisions]:
        for name, value in vars(module).items():
            if name.endswith("_COLUMNS") and isinstance(value, list) and all(isinstance(c, str) for c in value):
                found[f"{module.__name__}.{name}"] = value
    return found


LISTS = column_lists()


def test_the_lists_are_found():
    assert "fora_model.analysis.duplicates.DUPLICATE_COLUMNS" in LISTS
    assert "fora_model.analysis.savings.SAVINGS_COLUMNS" in LISTS


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_column_has_a_label(name):
    assert [c for c in LISTS[name] if c not in COLUMN_LABELS] == []


@pytest.mark.parametrize("name", sorted(LISTS))
@pytest.mark.parametrize("language", ["en", "nl"])
def test_labels_of_one_table_are_distinct(name, language):
    with use_language(language):
        labels = [column_label(c) for c in LISTS[name]]
    assert sorted({x for x in labels if labels.count(x) > 1}) == []


def test_labels_follow_the_language():
    assert column_label("payback_months") == "Payback (months)"
    with use_language("nl"):
        assert column_label("payback_months") == "Terugverdientijd (maanden)"
        assert column_label("system_types") == "Applicatiesoorten"
        assert column_labels(["goal", "process"]) == {"goal": "Doel", "process": "Proces"}
    assert column_label("goal") == "Goal"


def test_every_label_is_translated_into_dutch():
    with use_language("nl"):
        same = {label for label in COLUMN_LABELS.values() if _(label) == label}
    assert same <= {"Cluster", "Code", "Element", "Id", "Jaccard", "Per school", "Product", "School", "Sector",
                    "Status"}  # the same word in Dutch


def test_localise_columns_renames_only_known_columns():
    frame = pd.DataFrame({"application": ["Magister"], "annual_cost": [46650.0], "mystery": [1]})
    with use_language("nl"):
        shown = localise_columns(frame)
    assert list(shown.columns) == ["Applicatie", "Jaarlijkse kosten", "mystery"]
    assert shown.iloc[0].tolist() == ["Magister", 46650.0, 1]
    assert list(frame.columns) == ["application", "annual_cost", "mystery"]  # the input is left alone
