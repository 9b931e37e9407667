"""Archi CSV read in Arrow when the text is in the all-quoted form Archi writes, exactly as the
field-by-field reader reads it; any other text goes to that reader."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from fora_model.datasets import load_reference, load_sample
from fora_model.io import archi_csv
from fora_model.io.archi_csv import _canonical_records, _records, generate_archi_csv, parse_archi_csv

CSV = Path(__file__).parent / "fixtures" / "interop" / "archi_csv"
SYNTHETIC = Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic.py"


def _synthetic() -> ModuleType:
    name = "fora_benchmarks_synthetic"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SYNTHETIC)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def fields(text: str) -> list[tuple[int, list[str]]]:
    return list(_records(text, "test.csv"))


def arrow(text: str) -> list[tuple[int, list[str]]] | None:
    records = _canonical_records(text)
    return None if records is None else [(line, list(row)) for line, row in records]


ARCHI_TEST1 = (CSV / "archi_multiline" / "elements.csv").read_text(encoding="utf-8")


def test_archis_own_multiline_export_is_read_in_arrow_with_its_line_numbers():
    records = arrow(ARCHI_TEST1)
    assert records == fields(ARCHI_TEST1)
    assert [(line, row[0]) for line, row in records] == [(1, "ID"), (2, "862677a6"), (5, "f00aa5b4"),
                                                         (9, "d9fe8c17"), (10, "f6a18059")]
    assert records[2][1][3] == 'This is the Business Actor\nDocumentation\nHere ""\n'


@pytest.mark.parametrize("text", [
    '"ID","Type"\r\n"a","B ""quoted"""\r\n"c",""\r\n',          # CRLF
    '"ID","Type"\n"a","b"',                                     # no line end after the last record
    '"ID","Type"\r\n"a","two\r\nlines"\r\n"c","lone\rreturn"\r\n',  # breaks of every kind inside quotes
    '"ID","Type"\n"a","é ✓ 漢"\n',                              # text beyond ASCII
], ids=["crlf", "no-final-eol", "breaks-inside", "unicode"])
def test_quoted_texts_are_read_in_arrow_as_field_by_field(text):
    assert arrow(text) == fields(text)


@pytest.mark.parametrize("text", [
    '"ID","Type"\n"a" ,"b"\n',        # whitespace after a closing quote: Archi skips it
    '"ID","Type"\na,"b"\n',            # a plain field
    '"ID","Type"\n"a",b"c\n',          # a literal quote in a plain field
    '"ID";"Type"\n"a";"b"\n',          # semicolons
    '"ID","Type"\n# a comment\n"a","b"\n',
    '"ID","Type"\n\n"a","b"\n',        # a blank line
    '"ID","Type"\r\n"a","b"\n"c","d"\r\n',  # mixed line ends between records
    '"ID","Type"\n"a","b","c"\n',      # a row with another number of fields
    '"ID","Type"\n"a","b"x\n',         # a character after a closing quote: refused by the exact reader
    '"ID","Type"\n"a","never closed\n',
    '"A;B;C","D"\n"a","b"\n',         # the header holds more ';' than ',': the exact reader splits on ';'
], ids=["space-after-quote", "plain", "plain-quote", "semicolons", "comment", "blank", "mixed-eol", "width",
        "after-quote", "unclosed", "header-delimiter"])
def test_other_texts_are_left_to_the_field_by_field_reader(text):
    assert _canonical_records(text) is None


def _without_arrow(monkeypatch: pytest.MonkeyPatch, texts: dict[str, str]):
    monkeypatch.setattr(archi_csv, "_canonical_records", lambda text: None)
    try:
        return parse_archi_csv(texts["elements.csv"], texts["relations.csv"], texts["properties.csv"], source="m/")
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("build", [load_sample, load_reference, lambda: _synthetic().synthetic_model("school")],
                         ids=["sample", "reference", "synthetic"])
def test_a_written_model_reads_the_same_with_and_without_arrow(build, monkeypatch):
    texts, _ = generate_archi_csv(build())
    assert all(_canonical_records(t) is not None for t in texts.values())
    fast = parse_archi_csv(texts["elements.csv"], texts["relations.csv"], texts["properties.csv"], source="m/")
    slow = _without_arrow(monkeypatch, texts)
    assert fast.model == slow.model
    assert fast.findings == slow.findings


def test_findings_of_a_quoted_file_name_the_same_lines_either_way(monkeypatch):
    texts = {
        "elements.csv": '"ID","Type","Name","Documentation","Specialization"\n'
                        '"a1","BusinessProcess","Grade","two\nlines",""\n'
                        '"a1","BusinessProcess","Again","",""\n'
                        '"bad id","Nonsense","X","",""\n',
        "relations.csv": '"ID","Type","Name","Documentation","Source","Target","Specialization"\n'
                         '"r1","ServingRelationship","","","ghost","a1",""\n',
        "properties.csv": '"ID","Key","Value"\n"nobody","k","v"\n',
    }
    fast = parse_archi_csv(texts["elements.csv"], texts["relations.csv"], texts["properties.csv"], source="m/")
    assert [(f.element, f.location) for f in fast.findings] == [
        ("bad id", "elements.csv line 5"), ("nobody", "properties.csv line 2"), ("a1", "elements.csv line 4"),
        ("bad id", "elements.csv line 5"), ("r1", "relations.csv line 2")]
    assert fast.findings == _without_arrow(monkeypatch, texts).findings


def test_rows_of_the_wrong_width_are_reported_per_file_before_what_the_rows_say(monkeypatch):
    texts = {
        "elements.csv": '"ID","Type","Name"\n"bad id","BusinessProcess","A"\n"e2","BusinessProcess"\n',
        "relations.csv": '"ID","Type","Source","Target"\n"r1","Serving","x"\n',
        "properties.csv": '"ID","Key","Value"\n"nobody","k","v"\n"p","k"\n',
    }
    fast = parse_archi_csv(texts["elements.csv"], texts["relations.csv"], texts["properties.csv"])
    assert [(f.reason.value, f.location) for f in fast.findings] == [
        ("syntax-error", "elements.csv line 3"), ("syntax-error", "relations.csv line 2"),
        ("syntax-error", "properties.csv line 3"), ("invalid-id", "elements.csv line 2"),
        ("dangling-endpoint", "properties.csv line 2")]
    assert fast.findings == _without_arrow(monkeypatch, texts).findings
