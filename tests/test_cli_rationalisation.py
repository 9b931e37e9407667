"""The rationalisation reports and the board pack from the command line."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

import fora_model as fm
from fora_model.analysis.continuity import SPOF_COLUMNS
from fora_model.analysis.contracts import CONTRACT_COLUMNS
from fora_model.analysis.information import INFORMATION_FINDING_COLUMNS
from fora_model.analysis.savings import RETIREMENT_COLUMNS, SAVINGS_COLUMNS
from fora_model.analysis.scenario_files import store_scenario, write_scenario
from fora_model.analysis.scenarios import Scenario
from fora_model.analysis.time import TIME_COLUMNS, time_recommendations
from fora_model.cli import main


@pytest.fixture
def school(tmp_path):
    m = fm.Model(name="cli test")
    m.add_element(fm.Element.new("activity", "Record grades", id="x", criticality="high"))
    m.add_element(fm.Element.new("information", "Grades", id="i", personal_data=True))
    m.add_element(fm.Element.new("application", '=HYPERLINK("http://x","y")', id="a", annual_cost=100,
                                 functional_fit=1, technical_fit=1, contract_end="2026-03-31", notice_months=2))
    m.add_element(fm.Element.new("application", "Magister", id="b", annual_cost=900, functional_fit=3,
                                 technical_fit=3, dpa_signed=False))
    for app in ("a", "b"):
        m.add_relation(fm.Relation.new("supports", app, "x"))
        m.add_relation(fm.Relation.new("accesses", app, "i", access="write"))
    store_scenario(m, Scenario("drop a", retire=["a"]))
    path = tmp_path / "school.json"
    fm.write_json(m, path)
    return path


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("report", "columns", "rows"), [
    ("time", TIME_COLUMNS, 2),
    ("savings", SAVINGS_COLUMNS, 1),
    ("retirements", RETIREMENT_COLUMNS, 1),
    ("spof", SPOF_COLUMNS, 0),
    ("information", INFORMATION_FINDING_COLUMNS, 4),  # double entry, personal data, two without agreement
    ("contracts", CONTRACT_COLUMNS, 1),
])
def test_each_report_writes_its_columns(school, tmp_path, report, columns, rows):
    target = tmp_path / f"{report}.csv"
    code, _, err = run("report", report, school, "-o", target, "--today", "2026-01-10")
    assert code == 0, err
    frame = pd.read_csv(target, keep_default_na=False)
    assert list(frame.columns) == columns
    assert len(frame) == rows


def test_reports_use_the_guarded_writer_and_the_excel_preset(school, tmp_path):
    target = tmp_path / "time.csv"
    assert run("report", "time", school, "-o", target, "--excel")[0] == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == TIME_COLUMNS
    names = [r[1] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in names  # guarded, so no spreadsheet evaluates it
    expected = time_recommendations(fm.read_json(school).model)
    assert sorted(names) == sorted("'" + n if n.startswith("=") else n for n in expected["application"])


def test_application_only_reports_refuse_system_type_level(school):
    code, _, err = run("report", "time", school, "--level", "system_type")
    assert code == 2
    assert "TIME recommendations are about applications" in err
    assert run("report", "spof", school, "--level", "system_type")[0] == 0


def test_a_bad_date_is_a_usage_error(school, capsys):
    code, _, _ = run("report", "contracts", school, "--today", "tomorrow")
    assert code == 2 and "write it as YYYY-MM-DD" in capsys.readouterr().err  # argparse prints usage errors


def test_board_report_with_saved_and_file_scenarios(school, tmp_path):
    extra = tmp_path / "scenario.json"
    write_scenario(Scenario("from a file", retire=["b"]), extra)
    target = tmp_path / "board.html"
    code, _, err = run("board-report", school, "--scenario", "drop a", "--scenario", extra, "-o", target,
                       "--today", "2026-01-10")
    assert code == 0, err
    assert "wrote" in err and "MB" in err
    html = target.read_text(encoding="utf-8")
    assert "drop a" in html and "from a file" in html and "Proposed retirements" in html


def test_board_report_names_an_unknown_scenario(school, tmp_path):
    code, _, err = run("board-report", school, "--scenario", "nope", "-o", tmp_path / "b.html")
    assert code == 2
    assert "no saved scenario and no file called 'nope'" in err and "'drop a'" in err
    assert not (tmp_path / "b.html").exists()


def test_board_report_refuses_a_model_with_errors(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "fora-model", "format_version": 1, "model": {"name": "x"}, '
                      '"elements": [], "relations": [{"id": "r", "kind": "supports", "source": "a", "target": "b"}]}',
                      encoding="utf-8")
    code, _, err = run("board-report", broken, "-o", tmp_path / "b.html")
    assert code == 1
    assert "dangling" in err


def test_board_report_lists_root_duplicates_unless_asked_for_inherited(tmp_path):
    from tests.test_board_report import _inherited_pack_model

    source = tmp_path / "inherited.json"
    fm.write_model(_inherited_pack_model(), source)
    pages = {}
    for flag in ((), ("--include-inherited",)):
        target = tmp_path / f"board{len(flag)}.html"
        code, _, err = run("board-report", source, "-o", target, "--today", "2026-01-10", *flag)
        assert code == 0, err
        html = target.read_text(encoding="utf-8")
        pages[bool(flag)] = html[html.index('id="duplications"'):html.index('id="time"')]
    assert "Register intake" not in pages[False] and "inherited from" not in pages[False]
    assert "Register intake" in pages[True] and "inherited from" in pages[True]
