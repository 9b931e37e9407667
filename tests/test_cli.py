"""The ``fora-model`` command line on tiny models saved as JSON: reports, validate, stats, bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest

from fora_model import (
    COVERAGE_COLUMNS,
    DUPLICATE_COLUMNS,
    MATRIX_COLUMNS,
    ORPHAN_COLUMNS,
    OVERLAP_COLUMNS,
    UNSUPPORTED_COLUMNS,
    dumps_model,
    write_json,
)
from fora_model.cli import main
from tests.tiny import loop_model, tiny_school


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def school(tmp_path):
    path = tmp_path / "school.json"
    write_json(tiny_school(), path)
    return path


# ------------------------------------------------------------------------------ reports


@pytest.mark.parametrize(
    ("report", "columns", "key", "expected"),
    [
        ("duplicates", DUPLICATE_COLUMNS, "activity_id", ["a-grades"]),  # root rows only: a-plan is inherited
        ("unsupported", UNSUPPORTED_COLUMNS, "activity_id", ["a-absence", "p-gov", "a-council"]),
        ("overlap", OVERLAP_COLUMNS, "application_b_id", ["app-som"]),
        ("orphans", ORPHAN_COLUMNS, "application_id", ["app-old"]),
        ("coverage", COVERAGE_COLUMNS, "goal_id", ["g-teach", "g-gov", ""]),
        ("matrix", MATRIX_COLUMNS, "element_id", ["p-admin", "p-edu", "a-plan", "a-plan", "a-grades", "a-grades",
                                                  "a-grades"]),
    ],
)
def test_every_report_writes_its_csv_to_stdout(school, report, columns, key, expected):
    code, out, err = run("report", report, school)
    assert code == 0, err
    assert out.splitlines()[0].split(",") == columns
    assert [r[key] for r in rows(out)] == expected


@pytest.mark.parametrize(
    ("args", "key", "expected"),
    [
        (("duplicates", "--level", "system_type", "--include-inherited"), "application_ids", ["t-las | t-lms"]),
        (("unsupported", "--level", "system_type"), "activity_id", ["p-admin", "a-absence", "p-gov", "a-council"]),
        (("unsupported", "--real-gaps-only"), "activity_id", ["a-absence"]),
        (("unsupported", "--paths", "direct,function,parent"), "activity_id",
         ["p-edu", "a-absence", "p-gov", "a-council"]),
        (("orphans", "--paths", "direct,function,parent"), "application_id", ["app-mag", "app-old"]),
        (("orphans", "--level", "system_type"), "application_id", []),
        (("duplicates", "--paths", "direct,function,parent"), "activity_id", []),
        (("overlap", "--level", "system_type", "--paths", "direct"), "application_a_id", []),
        (("matrix", "--level", "system_type", "--paths", "direct"), "supporter_id", ["t-lms"]),
    ],
)
def test_level_paths_and_gap_options_reach_the_analysis(school, args, key, expected):
    report, *flags = args
    code, out, err = run("report", report, school, *flags)
    assert code == 0, err
    assert [r[key] for r in rows(out)] == expected


def test_report_to_a_file_writes_nothing_on_stdout(school, tmp_path):
    target = tmp_path / "gaps.csv"
    code, out, _ = run("report", "unsupported", school, "-o", target)
    assert code == 0 and out == ""
    assert target.read_bytes().decode("utf-8") == run("report", "unsupported", school)[1]


def test_reports_run_on_a_model_with_warnings_only(tmp_path):
    path = tmp_path / "loops.json"
    write_json(loop_model(), path)
    code, out, err = run("report", "matrix", path)
    assert code == 0, err
    assert [(r["element_id"], r["supporter_id"], r["path"]) for r in rows(out)] == [
        ("p-alpha", "app-alpha", "direct"), ("p-beta", "app-beta", "direct"), ("a-gamma", "app-beta", "parent")]


# ------------------------------------------------------------------------------ validate and stats


def test_validate_prints_one_line_per_finding_and_exits_0_on_warnings(tmp_path):
    path = tmp_path / "loops.json"
    write_json(loop_model(), path)
    code, out, err = run("validate", path)
    assert code == 0
    lines = out.splitlines()
    fields = [line.split("\t") for line in lines]
    # severity, reason code, element, location, message, hint
    assert [(f[0], f[1], f[2]) for f in fields] == [
        ("warning", "composition-loop", "r-ab"), ("warning", "composition-loop", "r-ba"),
        ("warning", "composition-loop", "r-aa")]  # Alpha's two parent links lie on the loop: no several-parents
    assert all(len(f) == 6 and f[4] and f[5] != "-" for f in fields)
    assert "0 errors" in err


def test_validate_exits_0_on_a_clean_model(tmp_path):
    path = tmp_path / "clean.json"
    model = tiny_school()
    model.remove("r-admin-plan")  # Plan lessons then sits under one process only
    write_json(model, path)
    assert run("validate", path)[:2] == (0, "")


def test_stats_prints_measure_and_value(school):
    code, out, _ = run("stats", school)
    assert code == 0
    stats = dict(line.split("\t") for line in out.splitlines())
    assert (stats["elements"], stats["level"], stats["duplicated"], stats["duplicated_inherited"],
            stats["unsupported"]) == ("17", "application", "1", "1", "1")
    assert run("stats", school, "--level", "system_type")[1].count("level\tsystem_type") == 1


# ------------------------------------------------------------------------------ bad models and bad files


def broken(tmp_path, change) -> str:
    doc = json.loads(dumps_model(tiny_school()))
    change(doc)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def concept(doc: dict, identifier: str) -> dict:
    return next(item for item in doc["elements"] + doc["relations"] if item["id"] == identifier)


BAD_MODELS = {
    "dangling-endpoint": (lambda d: d["relations"].append(
        {"id": "r-x", "kind": "supports", "source": "ghost", "target": "a-grades"}), "dangling-endpoint", "r-x"),
    "disallowed-triple": (lambda d: d["relations"].append(
        {"id": "r-x", "kind": "supports", "source": "g-teach", "target": "a-grades"}), "disallowed-relation", "r-x"),
    "duplicate-id": (lambda d: d["elements"].append({"id": "a-grades", "kind": "goal", "name": "Again"}),
                     "duplicate-id", "a-grades"),
    "wrong-attribute-type": (lambda d: concept(d, "app-mag")["attributes"].update(annual_cost="lots"),
                             "bad-attribute", "app-mag"),
    "unknown-kind": (lambda d: d["elements"].append({"id": "x-1", "kind": "teacher", "name": "?"}),
                     "unknown-kind", "x-1"),
}


@pytest.mark.parametrize("case", BAD_MODELS)
def test_validate_lists_the_errors_of_a_bad_model_and_exits_1(tmp_path, case):
    change, reason, element = BAD_MODELS[case]
    code, out, err = run("validate", broken(tmp_path, change))
    assert code == 1
    errors = [line.split("\t") for line in out.splitlines() if line.startswith("error\t")]
    assert [(f[1], f[2]) for f in errors] == [(reason, element)]
    assert errors[0][4] and errors[0][5] != "-"  # a message and a hint
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("case", "report"),
    [*zip(BAD_MODELS, ["duplicates", "unsupported", "overlap", "orphans", "coverage"], strict=True),
     ("dangling-endpoint", "matrix")],
)
def test_reports_refuse_a_model_with_errors_printing_the_findings(tmp_path, case, report):
    change, reason, element = BAD_MODELS[case]
    path = broken(tmp_path, change)
    code, out, err = run("report", report, path)
    assert code == 1
    assert out == ""  # no half report
    assert f"error\t{reason}\t{element}\t" in err
    assert path in err
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (dumps_model(tiny_school())[:300], "not valid JSON"),
        ("this is not json", "not valid JSON"),
        ('{"format": "fora-model", "format_version": 99}', "format_version 99"),
        ('{"format": "something-else"}', "not a fora-model document"),
    ],
    ids=["truncated", "not-json", "newer-version", "another-format"],
)
@pytest.mark.parametrize("command", [("validate",), ("stats",), ("report", "duplicates")])
def test_an_unreadable_file_gives_one_line_naming_it_and_exit_2(tmp_path, content, words, command):
    path = tmp_path / "school.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(*command, path)
    assert code == 2
    assert out == ""
    (line,) = err.splitlines()
    assert str(path) in line and words in line
    assert " — " in line  # followed by how to fix it


@pytest.mark.parametrize("command", [("validate",), ("stats",), ("report", "overlap")])
def test_a_missing_file_gives_one_line_and_exit_2(tmp_path, command):
    code, _, err = run(*command, tmp_path / "nope.json")
    assert code == 2
    (line,) = err.splitlines()
    assert "nope.json" in line and "no such file" in line


@pytest.mark.parametrize(
    ("flags", "words"),
    [(("--paths", "direct,inherit"), "inherit"), (("--delimiter", "|"), "delimiter"), (("--paths", ""), "path")],
)
def test_bad_report_options_give_one_line_and_exit_2(school, flags, words):
    code, _, err = run("report", "duplicates", school, *flags)
    assert code == 2
    (line,) = err.splitlines()
    assert words in line


@pytest.mark.parametrize("argv", [["report", "everything", "x.json"], ["report"], ["frobnicate"], [],
                                  ["report", "duplicates", "x.json", "--level", "school"]])
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv, stdout=io.StringIO(), stderr=io.StringIO()) == 2
    assert "usage" in capsys.readouterr().err


def test_sample_does_not_overwrite_an_existing_file(school):
    before = school.read_bytes()
    code, _, err = run("sample", "-o", school)
    assert code == 2
    assert "already exists" in err and "--force" in err
    assert school.read_bytes() == before


def test_deeply_nested_json_is_refused_without_a_traceback(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "fora-model", "format_version": 1, "extras": ' + "[" * 100_000 + "]" * 100_000 + "}",
                    encoding="utf-8")
    code, _, err = run("validate", path)
    assert code == 2 and str(path) in err


@pytest.mark.parametrize(
    "target",
    ["missing-folder/dup.csv", "existing-folder"],
)
def test_an_unwritable_output_gives_one_line_and_exit_2(school, tmp_path, target):
    (tmp_path / "existing-folder").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _, err = run("report", "duplicates", school, "-o", tmp_path / target)
    assert code == 2
    (line,) = err.splitlines()
    assert target.split("/")[0] in line
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing half-written left behind


def test_duplicates_lists_root_rows_unless_inherited_ones_are_asked_for(school):
    code, out, _ = run("report", "duplicates", school)
    assert code == 0
    assert [(r["activity_id"], r["inherited_from"]) for r in rows(out)] == [("a-grades", "")]
    code, out, _ = run("report", "duplicates", school, "--include-inherited")
    assert code == 0
    # Plan lessons has its two supporters only through Education and Administration
    assert [(r["activity_id"], r["inherited_from_id"]) for r in rows(out)] == [("a-plan", "p-edu"), ("a-grades", "")]
