"""Round trips native → each interchange format → native, concept by concept (DOMAIN §4 "Nothing lost")."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import fora_model as fm
from fora_model.errors import Reason
from fora_model.io import read_model, write_model
from fora_model.io.coarchi import write_coarchi
from fora_model.io.examples import interop_example

XSD = Path(__file__).parent / "fixtures" / "interop" / "xsd" / "archimate3_Diagram.xsd"


def assert_same_concepts(before: fm.Model, after: fm.Model) -> None:
    """Every element and relation equal field by field; the header equal."""
    assert set(after.elements) == set(before.elements)
    assert set(after.relations) == set(before.relations)
    for identifier, element in before.elements.items():
        assert after.elements[identifier] == element, identifier
    for identifier, relation in before.relations.items():
        assert after.relations[identifier] == relation, identifier
    for field in ("id", "name", "documentation", "properties", "translations"):
        assert getattr(after, field) == getattr(before, field), field


def _write(model: fm.Model, target: Path) -> list[fm.Finding]:
    if target.name == "coarchi":
        return write_coarchi(model, target)
    return write_model(model, target)


# target and the extras it keeps exactly; Archi's files keep folders rearranged under Archi's top
# folders (tested below), every other part left out must be named by an export finding
CASES = [
    ("model.json", {"views", "folders"}),
    ("model.xml", {"views", "folders"}),
    ("model.xlsx", {"views", "folders"}),
    ("csv", set()),
    ("model.archimate", {"views"}),
    ("coarchi", {"views"}),
]
REARRANGED = {"model.archimate": {"folders"}, "coarchi": {"folders"}}
WORDS = {"views": "view(s)", "folders": "folder tree"}


def test_example_has_everything_the_round_trip_must_carry():
    m = interop_example()
    assert m.extras["views"] and m.extras["folders"]
    assert any(e.archimate_type == "Junction" for e in m.elements.values())
    assert any(r.target in m.relations for r in m.relations.values())
    assert any(e.translations for e in m.elements.values())
    keys = [k for k, _ in m.elements["id-app1"].properties]
    assert len(keys) != len(set(keys))
    assert not fm.validate(m) or not any(f.is_error for f in fm.validate(m))


@pytest.mark.parametrize(("target", "keeps"), CASES, ids=[c[0] for c in CASES])
def test_round_trip_keeps_every_concept(tmp_path, target, keeps):
    model = interop_example()
    path = tmp_path / target
    exported = _write(model, path)
    result = read_model(path)
    assert not any(f.is_error for f in result.findings), [str(f) for f in result.findings]
    assert_same_concepts(model, result.model)
    assert not any(f.is_error for f in fm.validate(result.model))
    for key, value in model.extras.items():
        if key in keeps:
            assert result.model.extras[key] == value, key
        elif key not in REARRANGED.get(target, set()):
            messages = [f.message for f in exported if f.reason is Reason.DROPPED]
            assert any(WORDS[key] in m for m in messages), (key, messages)


@pytest.mark.parametrize("target", ["model.xml", "model.json"])
def test_xml_and_json_round_trips_are_exact_including_order_and_extras(tmp_path, target):
    model = interop_example()
    write_model(model, tmp_path / target)
    assert read_model(tmp_path / target).model == model


def test_csv_round_trip_is_exact_apart_from_what_csv_cannot_hold(tmp_path):
    model = interop_example()
    findings = write_model(model, tmp_path / "out")
    back = read_model(tmp_path / "out").model
    expected = model.copy()
    expected.set_header(extras={})
    assert back == expected
    assert {f.reason for f in findings} == {Reason.DROPPED}


def test_native_to_csv_to_xml_to_xlsx_to_native_chain(tmp_path):
    model = interop_example()
    write_model(model, tmp_path / "a")
    step = read_model(tmp_path / "a").model
    write_model(step, tmp_path / "b.xml")
    step = read_model(tmp_path / "b.xml").model
    write_model(step, tmp_path / "c.xlsx")
    step = read_model(tmp_path / "c.xlsx").model
    assert_same_concepts(model, step)


def test_archimate_round_trip_keeps_folders_inside_archis_top_folders(tmp_path):
    model = interop_example()
    write_model(model, tmp_path / "m.archimate")
    folders = read_model(tmp_path / "m.archimate").model.extras["folders"]
    assert [f["type"] for f in folders] == ["strategy", "business", "application", "technology", "motivation",
                                           "implementation_migration", "other", "relations", "diagrams"]
    business = folders[1]
    assert business["items"] == model.extras["folders"][0]["items"]
    assert business["folders"] == [{"name": "Drafts", "id": "id-f2", "documentation": "work in progress"}]
    assert "id-v1" in folders[-1]["items"]


def test_exported_xml_validates_against_the_open_group_schemas(tmp_path):
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    write_model(interop_example(), tmp_path / "m.xml")
    document = etree.parse(str(tmp_path / "m.xml"))
    assert schema.validate(document), schema.error_log


def test_a_model_with_an_unset_access_type_comes_back_as_access(tmp_path):
    model = fm.Model.from_parts(
        [fm.Element.new("activity", "A", id="a"), fm.Element.new("information", "I", id="i")],
        [fm.Relation.new("accesses", "a", "i", id="r")], id="m")
    for target in ("m.xml", "csv", "m.archimate"):
        write_model(model, tmp_path / target)
        access = read_model(tmp_path / target).model.relations["r"].attributes.get("access", "access")
        assert access == "access", target


@pytest.mark.parametrize("target", ["model.xml", "csv", "model.xlsx", "model.archimate"])
def test_shipped_models_round_trip(tmp_path, target):
    from fora_model.datasets import SAMPLE_FILE, data_dir

    if not (data_dir() / SAMPLE_FILE).exists():
        pytest.skip("the shipped sample school is not in data/ yet")
    model = fm.load_sample()
    write_model(model, tmp_path / target)
    back = read_model(tmp_path / target)
    assert not any(f.is_error for f in back.findings)
    assert_same_concepts(model, back.model)


# ------------------------------------------------------------------------------------------ the CLI
def _cli(*argv: str) -> tuple[int, str, str]:
    import io

    from fora_model.cli import main

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("target", ["m.json", "m.xml", "m.xlsx", "m.archimate", "folder"])
def test_convert_writes_by_the_output_name_and_says_what_it_left_out(tmp_path, target):
    write_model(interop_example(), tmp_path / "source.json")
    code, _, err = _cli("convert", str(tmp_path / "source.json"), "-o", str(tmp_path / target))
    assert code == 0, err
    assert_same_concepts(interop_example(), read_model(tmp_path / target).model)
    assert ("cannot hold 1 view(s)" in err) == (target == "folder")


def test_convert_refuses_to_overwrite_without_force(tmp_path):
    write_model(interop_example(), tmp_path / "source.json")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    code, _, err = _cli("convert", str(tmp_path / "source.json"), "-o", str(tmp_path / "out"))
    assert code == 2 and "--force" in err and not (tmp_path / "out" / "elements.csv").exists()
    code, _, _ = _cli("convert", str(tmp_path / "source.json"), "-o", str(tmp_path / "out"), "--force")
    assert code == 0 and (tmp_path / "out" / "elements.csv").exists()


def test_template_writes_the_empty_workbook(tmp_path):
    code, _, _ = _cli("template", "-o", str(tmp_path / "t.xlsx"))
    assert code == 0 and len(read_model(tmp_path / "t.xlsx").model.elements) == 0
    code, _, err = _cli("template", "-o", str(tmp_path / "t.json"))
    assert code == 2 and "FILE.xlsx" in err


@pytest.mark.parametrize("target", ["m.xml", "m.xlsx", "m.archimate", "folder", "coarchi"])
def test_readers_report_progress_to_the_end(tmp_path, target):
    _write(interop_example(), tmp_path / target)
    calls: list[tuple[int, int]] = []
    read_model(tmp_path / target, progress=lambda done, total: calls.append((done, total)), encoding="utf-8")
    assert calls and calls[-1][0] == calls[-1][1] > 0
    assert all(done <= total for done, total in calls)


def test_options_a_format_has_no_use_for_are_ignored(tmp_path):
    write_model(interop_example(), tmp_path / "m.json")
    assert read_model(tmp_path / "m.json", mapping={"elements": {}}, progress=print).model == interop_example()
