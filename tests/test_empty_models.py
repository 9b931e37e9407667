"""An empty model is a valid model: every report and the board pack run on it, with a sentence
saying why a report is empty, never a traceback."""

from __future__ import annotations

import io

import pytest

import fora_model as fm
from fora_model.board_pack.report import board_report
from fora_model.cli import main
from fora_model.cli.main import REPORTS


def empty() -> fm.Model:
    return fm.Model(name="Empty")


def only_goals() -> fm.Model:
    model = fm.Model(name="Goals only")
    model.add_element(fm.Element.new("goal", "Good teaching", id="g"))
    return model


def no_applications() -> fm.Model:
    model = only_goals()
    model.add_element(fm.Element.new("activity", "Record grades", id="a"))
    model.add_element(fm.Element.new("system_type", "LAS", id="t"))
    model.add_relation(fm.Relation.new("supports", "t", "a", id="s"))
    return model


MODELS = {"empty": empty, "only goals": only_goals, "no applications": no_applications}


@pytest.mark.parametrize("report", sorted(REPORTS))
@pytest.mark.parametrize("name", MODELS)
def test_every_report_runs_on_models_without_applications(tmp_path, name, report):
    source = tmp_path / "m.json"
    fm.write_json(MODELS[name](), source)
    out, err = io.StringIO(), io.StringIO()
    code = main(["report", report, str(source), "-o", str(tmp_path / "r.csv")], stdout=out, stderr=err)
    assert code in (0, 2), err.getvalue()
    assert "Traceback" not in err.getvalue()
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig") if code == 0 else ""
    if code == 0 and len(text.strip().splitlines()) <= 1:  # a header and no rows
        assert f"the {report} report has no rows" in err.getvalue()
    if code == 2:  # refused for a reason the user can act on (a level that the model lacks)
        assert err.getvalue().strip() and len(err.getvalue().strip().splitlines()) <= 3


def test_the_empty_sentence_says_why(tmp_path):
    err = io.StringIO()
    for model, expected in ((empty(), "the model is empty"), (no_applications(), "the model has no applications")):
        path = str(tmp_path / f"{id(model)}.json")
        fm.write_json(model, path)
        err = io.StringIO()
        main(["report", "savings", path, "-o", path + ".csv"], stdout=io.StringIO(), stderr=err)
        assert expected in err.getvalue()


@pytest.mark.parametrize("name", MODELS)
def test_the_board_pack_is_written_for_a_model_without_applications(name):
    html = board_report(MODELS[name]())
    assert "<html" in html.lower() and "Traceback" not in html
