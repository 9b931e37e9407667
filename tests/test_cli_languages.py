"""The command line in Dutch and English: ``--lang``, the model's own language, ``FORA_MODEL_LANG``,
and ``report --headers names|labels``.

Expected Dutch texts are the catalogue's (a wrong or missing translation fails here); expected
headers come from :mod:`fora_model.columns` so the test follows the label table, not a copy of it.
"""

from __future__ import annotations

import csv
import io

import pytest

from fora_model import DUPLICATE_COLUMNS, Element, Model, Relation, write_json
from fora_model.cli import main
from fora_model.columns import column_label
from fora_model.i18n import current_language, use_language
from tests.tiny import tiny_school


def run(*args: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def header(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture
def broken(tmp_path):
    """An activity without a name, supported by an application that is not in the model."""
    path = tmp_path / "broken.json"
    write_json(Model.from_parts([Element.new("activity", "", id="a")],
                                [Relation.new("supports", "x", "a", id="r")]), path)
    return path


@pytest.fixture
def school(tmp_path):
    path = tmp_path / "school.json"
    write_json(tiny_school(), path)
    return path


@pytest.fixture
def dutch_school(tmp_path):
    model = tiny_school()
    model.set_header(language="nl")
    path = tmp_path / "school-nl.json"
    write_json(model, path)
    return path


@pytest.fixture(autouse=True)
def no_language_variable(monkeypatch):
    monkeypatch.delenv("FORA_MODEL_LANG", raising=False)


# ------------------------------------------------------------------------------ validate


def test_validate_speaks_english_by_default(broken):
    code, out, err = run("validate", broken)
    assert code == 1
    assert "its source 'x' does not exist" in out
    assert "this activity has no name" in out
    assert err.strip() == "1 error, 1 other finding"


@pytest.mark.parametrize("where", ["after", "before"])
def test_validate_with_lang_nl_prints_dutch_findings_and_summary(broken, where):
    args = ["validate", broken, "--lang", "nl"] if where == "after" else ["--lang", "nl", "validate", broken]
    code, out, err = run(*args)
    assert code == 1
    rows = [line.split("\t") for line in out.splitlines()]
    assert [row[:3] for row in rows] == [["error", "dangling-endpoint", "r"], ["warning", "empty-name", "a"]]
    assert rows[0][4] == "de bron 'x' bestaat niet"
    assert rows[0][5] == "voeg het element 'x' toe of verwijder de relatie"
    assert rows[1][4] == "deze activiteit heeft geen naam"
    assert err.strip() == "1 fout, 1 andere bevinding"


def test_the_language_of_a_run_does_not_outlive_it(broken):
    run("validate", broken, "--lang", "nl")
    assert current_language() == "en"


def test_a_dutch_model_makes_the_run_dutch_unless_lang_says_otherwise(dutch_school, tmp_path):
    code, _, err = run("report", "orphans", dutch_school, "-o", tmp_path / "o.csv", "--headers", "labels")
    assert code == 0, err
    with use_language("nl"):
        expected = column_label("annual_cost")
    assert expected in (tmp_path / "o.csv").read_text(encoding="utf-8").splitlines()[0]
    code, _, err = run("report", "orphans", dutch_school, "-o", tmp_path / "e.csv", "--headers", "labels",
                       "--lang", "en")
    assert code == 0, err
    assert column_label("annual_cost") in (tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()[0]


def test_the_environment_chooses_the_language_when_no_model_is_read(tmp_path, monkeypatch):
    target = tmp_path / "sample.json"
    target.write_text("{}", encoding="utf-8")
    code, _, err = run("sample", "-o", target)
    assert code == 2 and "already exists — choose another name or add --force" in err
    monkeypatch.setenv("FORA_MODEL_LANG", "nl")
    code, _, err = run("sample", "-o", target)
    assert code == 2
    assert err.strip() == f"fora-model: fout: {target}: bestaat al — kies een andere naam of voeg --force toe"
    code, _, err = run("sample", "-o", target, "--lang", "en")  # --lang wins over the environment
    assert "already exists" in err


def test_help_texts_follow_lang(capsys):
    assert main(["--lang", "nl", "validate", "--help"]) == 0
    dutch = capsys.readouterr().out
    assert "de taal van de meldingen" in dutch and "tekstcodering van een CSV-model" in dutch
    assert main(["validate", "--help"]) == 0
    english = capsys.readouterr().out
    assert "the language of the messages" in english and "text encoding of a CSV model" in english


def test_an_unknown_language_is_a_usage_error(school, capsys):
    assert main(["validate", str(school), "--lang", "de"]) == 2
    assert "--lang" in capsys.readouterr().err


# ------------------------------------------------------------------------------ report headers


def test_report_headers_default_to_the_machine_names_in_every_language(school):
    for args in ((), ("--lang", "nl")):
        code, out, err = run("report", "duplicates", school, *args)
        assert code == 0, err
        assert header(out) == DUPLICATE_COLUMNS


def test_report_headers_labels_writes_the_labels_of_the_run_language(school):
    code, out, err = run("report", "duplicates", school, "--headers", "labels", "--lang", "nl")
    assert code == 0, err
    with use_language("nl"):
        dutch = [column_label(c) for c in DUPLICATE_COLUMNS]
    assert header(out) == dutch
    assert "Jaarlijkse kosten" in dutch and dutch != DUPLICATE_COLUMNS
    code, out, err = run("report", "duplicates", school, "--headers", "labels")
    assert header(out) == [column_label(c) for c in DUPLICATE_COLUMNS]
    assert "Annual cost" in header(out)


def test_report_headers_labels_keep_the_rows(school):
    _, names, _ = run("report", "duplicates", school)
    _, labels, _ = run("report", "duplicates", school, "--headers", "labels", "--lang", "nl")
    assert names.splitlines()[1:] == labels.splitlines()[1:]


def test_an_empty_report_says_why_in_dutch(tmp_path):
    path = tmp_path / "empty-ish.json"
    write_json(Model.from_parts([Element.new("activity", "Record grades", id="a")], []), path)
    code, _, err = run("report", "orphans", path, "--lang", "nl")
    assert code == 0
    assert err.strip() == "het rapport orphans heeft geen regels: het model heeft geen applicaties"


# ------------------------------------------------------------------------------ convert


def test_convert_speaks_dutch(school, tmp_path):
    target = tmp_path / "out.xml"
    code, _, err = run("convert", school, "-o", target, "--lang", "nl")
    assert code == 0, err
    assert err.strip().splitlines()[-1] == f"{target} geschreven"
    code, _, err = run("convert", school, "-o", target, "--lang", "nl")
    assert code == 2
    assert "bestaat al en is niet leeg — kies een andere naam of voeg --force toe" in err
    code, _, err = run("convert", school, "-o", tmp_path / "out.json", "--views", "--lang", "nl")
    assert code == 2 and "--views voegt alleen diagrammen toe aan exchange-XML" in err


def test_convert_refuses_a_broken_model_in_dutch(broken, tmp_path):
    code, _, err = run("convert", broken, "-o", tmp_path / "out.json", "--lang", "nl")
    assert code == 1
    assert "het model bevat fouten: error dangling-endpoint: [r] de bron 'x' bestaat niet" in err


def test_argparse_words_follow_lang(capsys):
    assert main(["--lang", "nl", "validate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("gebruik: fora-model validate")
    assert "fora-model validate: fout: " in err
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: fora-model validate") and "fora-model validate: error: " in err
    assert main(["--lang", "nl", "validate", "--help"]) == 0
    out = capsys.readouterr().out
    assert "positionele argumenten:" in out and "opties:" in out and "toon deze hulptekst en stop" in out
