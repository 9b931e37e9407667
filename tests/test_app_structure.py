"""The Model page's structure section under AppTest on the sample school: the findings follow the
governance patterns typed in, and marking a subtree as needing no support is one revision that the
History page's undo takes back whole."""

from __future__ import annotations

import pandas as pd
import pytest

import fora_model as fm
from fora_model.changes import no_support_targets
from fora_model.workspace.store import SEED_NAME
from tests.apptest import run_app, shown, workspace


@pytest.fixture(autouse=True)
def fresh_app(workspace_app):
    """Each test starts on the sample school in a new workspace with empty Streamlit caches."""


def structure_table(at):
    """The structure findings shown (none when the page says there are none)."""
    tables = [d.value for d in at.dataframe if "suggested_fix" in d.value.columns]
    if not tables:
        assert any(c.value.startswith("No structure findings") for c in at.caption)
        return pd.DataFrame(columns=["element_id", "element", "finding"])
    return tables[0]


def test_the_findings_follow_the_governance_patterns(sample):
    at = run_app("app_pages/model_page.py")
    # the sample's Governance, Accountability and Policy and planning still count as needing support
    names = {sample.element(i).name for i in structure_table(at)["element_id"]}
    assert names == {"Governance", "Accountability", "Policy and planning"}
    at.text_input(key="md_governance").set_value("accountab").run()
    assert not at.exception
    assert list(structure_table(at)["element"]) == ["Accountability (process)"]
    at.text_input(key="md_governance").set_value("").run()
    assert structure_table(at).empty


def test_marking_a_subtree_is_one_revision_and_one_undo(sample):
    process = sample.find("Accountability", "process")
    covered = no_support_targets(sample, [process.id], subtree=True)
    assert len(covered) == 4  # the process, one process below it and two activities

    at = run_app("app_pages/model_page.py")
    at.multiselect(key="md_ns_pick_1").set_value([process.id]).run()
    assert at.checkbox(key="md_ns_subtree").value is True
    (preview,) = [d.value for d in at.dataframe if list(d.value.columns) == ["element", "change"]]
    assert len(preview) == 4 and set(preview["change"]) == {"marked: needs no support"}
    at.button(key="md_ns_button").click().run()
    assert not at.exception
    store = workspace()
    assert store.head(SEED_NAME) == 2
    info = store.revision(SEED_NAME, 2)
    assert info.change_count == 4 and "marked 4 elements as needing no support" in info.summary
    model = shown(at)
    assert all(model.element(i).attributes["needs_support"] is False for i in covered)
    assert "Accountability (process)" not in set(structure_table(at)["element"])

    at.switch_page("app_pages/history.py").run()
    at.button(key="hi_undo").click().run()
    assert not at.exception and store.head(SEED_NAME) == 3
    assert fm.dumps_model(shown(at)) == fm.dumps_model(sample)


def test_pick_the_governance_findings_then_mark_them_alone(sample):
    at = run_app("app_pages/model_page.py")
    at.button(key="md_ns_pick_governance").click().run()
    picked = at.multiselect(key="md_ns_pick_1").value
    assert {sample.element(i).name for i in picked} == {"Governance", "Accountability", "Policy and planning"}
    at.checkbox(key="md_ns_subtree").uncheck().run()
    at.button(key="md_ns_button").click().run()
    assert not at.exception and workspace().head(SEED_NAME) == 2
    model = shown(at)
    assert all(model.element(i).attributes["needs_support"] is False for i in picked)
    below = sample.find("Compile the annual report", "activity")
    assert model.element(below.id) == sample.element(below.id)  # no subtree: the activities are untouched
    assert "governance" not in set(structure_table(at)["finding"])
