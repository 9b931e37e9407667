"""Text XML cannot hold (NUL, other control characters) never makes an export fail: every XML-based
writer writes U+FFFD in its place and names the element; the model in memory is unchanged."""

from __future__ import annotations

import pytest

import fora_model as fm
from fora_model.io.coarchi import write_coarchi
from fora_model.io.textsafe import xml_safe, xml_text
from fora_model.vocabulary import RelationKind
from tests.tiny import tiny_school

BAD = "\x00\x01\x07\x0b\x0c\x1b\x1f\ufffe"


def hostile() -> fm.Model:
    model = tiny_school()
    grades = model.element("a-grades")
    model.update_element(grades.replace(name=f"Record{BAD}grades", documentation=f"doc{BAD}"))
    mag = model.element("app-mag")
    model.update_element(mag.replace(properties=(*mag.properties, ("note\x00", f"v{BAD}"))))
    (link,) = [r for r in model.relations.values() if r.kind is RelationKind.SUPPORTS and r.target == "a-grades"
               and r.source == "t-lms"]
    model.update_relation(link.replace(name=f"link{BAD}"))
    model.set_header(name=f"School{BAD}")
    return model


def test_xml_text_replaces_exactly_what_xml_cannot_hold():
    assert xml_text("a\tb\nc\rd") == "a\tb\nc\rd"  # the three control characters XML allows
    assert xml_text(f"x{BAD}y") == "x" + "\ufffd" * len(BAD) + "y"
    assert xml_text("ééé €") == "ééé €"


@pytest.mark.parametrize("suffix", [".xml", ".archimate", ".xlsx"])
def test_every_xml_based_writer_writes_control_characters_as_replacement_characters(tmp_path, suffix):
    model = hostile()
    before = fm.dumps_model(model)
    findings = fm.write_model(model, tmp_path / f"m{suffix}")
    assert fm.dumps_model(model) == before  # the model itself is not changed
    named = {f.element for f in findings if "cannot hold" in f.message}
    assert {"a-grades", "app-mag"} <= named and any("model's name" in f.message for f in findings)
    back = fm.read_model(tmp_path / f"m{suffix}").model
    assert back.element("a-grades").name == "Record" + "\ufffd" * len(BAD) + "grades"
    assert back.name.startswith("School\ufffd")
    assert len(back.elements) == len(model.elements) and len(back.relations) == len(model.relations)


def test_coarchi_writes_them_the_same_way(tmp_path):
    model = hostile()
    findings = write_coarchi(model, tmp_path / "repo")
    assert "a-grades" in {f.element for f in findings}
    back = fm.read_model(tmp_path / "repo").model
    assert back.element("a-grades").name.startswith("Record\ufffd")


def test_a_clean_model_is_written_as_it_is():
    model = tiny_school()
    safe, findings = xml_safe(model)
    assert safe is model and findings == []


def test_convert_succeeds_and_warns(tmp_path):
    import io

    from fora_model.cli import main

    source = tmp_path / "m.json"
    fm.write_json(hostile(), source)
    err = io.StringIO()
    code = main(["convert", str(source), "-o", str(tmp_path / "m.xml")], stdout=io.StringIO(), stderr=err)
    assert code == 0 and "\ta-grades\t" in err.getvalue() and "Traceback" not in err.getvalue()
