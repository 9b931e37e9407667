"""The Import and export page's pure functions: uploads read through the io layer into a model or
findings naming the file, merge and replace previews counted by hand, and every export format
read back by the import to the model it came from."""

from __future__ import annotations

import doctest
import importlib
import io
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest

import fora_model as fm
from fora_model.dashboard.downloads import export_file, export_formats, template_file
from fora_model.dashboard.import_plan import import_plan, import_summary
from fora_model.dashboard.uploads import Upload, import_suffixes, open_sample, read_source, read_uploads, suggested_name
from fora_model.io import READERS, detect_format, readable_suffixes, writable_formats
from fora_model.io.base import MAX_BYTES

ROOT = Path(__file__).resolve().parents[1]


def tiny() -> fm.Model:
    """Two activities under a process, a goal, an application realizing a system type, support."""
    m = fm.Model(id="id-m", name="Tiny school", documentation="for the import tests",
                 properties=[("owner", "ICT"), ("owner", "board")])
    e = fm.Element.new
    for element in (e("goal", "Good teaching", id="id-g"), e("process", "Education", id="id-p"),
                    e("activity", "Record grades", id="id-a1"), e("activity", "Plan lessons", id="id-a2"),
                    e("system_type", "LAS", id="id-st", properties=[("FORA-type", "Referentiecomponent")]),
                    e("application", "Magister", id="id-app", annual_cost=1200.0, vendor="Iddink")):
        m.add_element(element)
    r = fm.Relation.new
    for relation in (r("composed_of", "id-p", "id-a1", id="id-r1"), r("composed_of", "id-p", "id-a2", id="id-r2"),
                     r("contributes_to", "id-a1", "id-g", id="id-r3"), r("realizes", "id-app", "id-st", id="id-r4"),
                     r("supports", "id-app", "id-a1", id="id-r5")):
        m.add_relation(relation)
    return m


def same_concepts(after: fm.Model, before: fm.Model) -> None:
    """The io layer's round-trip notion: every concept equal field by field, the header equal."""
    assert dict(after.elements) == dict(before.elements)
    assert dict(after.relations) == dict(before.relations)
    for field in ("id", "name", "documentation", "properties", "translations"):
        assert getattr(after, field) == getattr(before, field), field


def csv_files(model: fm.Model, prefix: str = "") -> list[Upload]:
    exported = export_file(model, "archi_csv")
    archive = zipfile.ZipFile(io.BytesIO(exported.data or b""))
    return [Upload(prefix + name, archive.read(name)) for name in sorted(archive.namelist())]


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("module", ["fora_model.dashboard.uploads", "fora_model.dashboard.downloads",
                                    "fora_model.dashboard.import_plan", "fora_model.io"])
def test_docstring_examples(module):
    failed, attempted = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert attempted > 0 and failed == 0


# ----------------------------------------------------------------------------- what the io layer offers
def test_the_accepted_suffixes_are_the_io_layers_plus_zip():
    assert import_suffixes() == (*readable_suffixes(), ".zip")
    for suffix in readable_suffixes():
        assert detect_format(f"model{suffix}") in READERS


def test_every_writable_format_is_offered():
    assert set(export_formats()) == set(writable_formats())


def test_the_upload_limit_is_the_io_layers_size_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_BYTES


# ----------------------------------------------------------------------------- export and read back
@pytest.mark.parametrize("fmt", list(export_formats()))
def test_every_export_reads_back_to_the_same_model(fmt):
    model = tiny()
    exported = export_file(model, fmt)
    assert exported.ok, exported.findings.values.tolist()
    assert exported.file_name.startswith("Tiny-school")
    read = read_uploads([Upload(exported.file_name, exported.data or b"")])
    assert read.ok, read.findings.values.tolist()
    assert read.model is not None
    same_concepts(read.model, model)
    if fmt in ("json", "xml"):
        assert read.model == model


def test_a_format_that_refuses_the_model_gives_no_file_and_says_why():
    model = fm.Model(id="m", name="Odd ids")
    model.add_element(fm.Element.new("activity", "A", id="a b"))
    refused = export_file(model, "archi_csv")
    assert not refused.ok
    assert refused.findings[["file", "reason"]].values.tolist() == [["Odd-ids-archi-csv.zip", "invalid-id"]]
    assert export_file(model, "json").ok


def test_the_template_is_an_empty_workbook_that_reads():
    template = template_file()
    read = read_uploads([Upload(template.file_name, template.data or b"")])
    assert read.ok and read.model is not None
    assert len(read.model.elements) == 0 and len(read.model.relations) == 0


# ----------------------------------------------------------------------------- reading uploads
def test_archis_three_csv_files_read_together_with_their_prefix():
    files = csv_files(tiny(), "school-")
    read = read_uploads(files)
    assert read.ok and read.model is not None
    same_concepts(read.model, tiny())
    assert suggested_name(files, read.model) == "school"


def test_a_zip_of_a_folder_of_csv_files_reads():
    files = {f"export/{u.name}": u.data for u in csv_files(tiny())}
    read = read_uploads([Upload("export.zip", zipped(files))])
    assert read.ok and read.model is not None
    same_concepts(read.model, tiny())


def test_a_mapping_file_overrides_the_kinds():
    mapping = Upload("mapping.json", b'{"elements": {"id-app": "system_type"}}')
    files = csv_files(tiny())
    assert read_uploads(files).model.element("id-app").kind.value == "application"
    read = read_uploads(files, mapping=mapping)
    assert read.ok and read.model is not None
    assert read.model.element("id-app").kind.value == "system_type"


def test_a_broken_mapping_file_is_named():
    read = read_uploads(csv_files(tiny()), mapping=Upload("kinds.json", b'{"elements": {"id-app": "robot"}}'))
    assert not read.ok
    assert read.findings[["file", "reason"]].values.tolist() == [["kinds.json", "unknown-kind"]]


def test_a_csv_row_to_a_missing_id_names_the_file_the_line_and_the_id():
    files = csv_files(tiny(), "school-")
    relations = files[2]
    assert relations.name == "school-relations.csv"
    # the header is line 1 and the five relations lines 2-6, so the added row is line 7
    text = relations.data + b'"id-rx","ServingRelationship","","","id-nowhere","id-a2",""\r\n'
    read = read_uploads([files[0], files[1], Upload(relations.name, text)])
    assert read.model is None and read.errors == 1
    row = read.findings[read.findings["severity"] == "error"].iloc[0]
    assert (row["file"], row["where"], row["id"], row["reason"]) == (
        "school-relations.csv", "line 7", "id-rx", "dangling-endpoint")


def test_a_broken_xml_names_the_file_and_line():
    exported = export_file(tiny(), "xml")
    text = (exported.data or b"").decode("utf-8")
    line = text[: text.index('identifier="id-r5"')].count("\n") + 1
    broken = text.replace('source="id-app" target="id-a1"', 'source="id-gone" target="id-a1"')
    assert broken != text
    read = read_uploads([Upload("school.xml", broken.encode("utf-8"))])
    assert read.model is None
    errors = read.findings[read.findings["severity"] == "error"]
    assert errors[["file", "where", "id", "reason"]].values.tolist() == [
        ["school.xml", f"line {line}", "id-r5", "dangling-endpoint"]]


def test_a_broken_workbook_names_the_file():
    exported = export_file(tiny(), "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(exported.data or b""))
    sheet = book["Relations"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("id")].value == "id-r5":
            row[header.index("target")].value = "id-gone"
    buffer = io.BytesIO()
    book.save(buffer)
    read = read_uploads([Upload("school.xlsx", buffer.getvalue())])
    assert read.model is None
    errors = read.findings[read.findings["severity"] == "error"]
    assert errors[["file", "id", "reason"]].values.tolist() == [["school.xlsx", "id-r5", "dangling-endpoint"]]
    damaged = read_uploads([Upload("damaged.xlsx", b"PK\x03\x04 not really a workbook")])
    assert damaged.findings[["file", "reason"]].values.tolist() == [["damaged.xlsx", "syntax-error"]]


def test_text_in_another_encoding_is_read_only_when_named():
    files = csv_files(tiny())
    elements = files[0].data.decode("utf-8").replace("Plan lessons", "Plan leçons").encode("cp1252")
    upload = [Upload("elements.csv", elements), files[1], files[2]]
    refused = read_uploads(upload)
    assert refused.findings[["file", "reason"]].values.tolist() == [["elements.csv", "syntax-error"]]
    read = read_uploads(upload, encoding="cp1252")
    assert read.ok and read.model is not None
    assert read.model.element("id-a2").name == "Plan leçons"


def test_several_files_that_are_not_archi_csv_are_refused():
    json_file = Upload("a.json", fm.dumps_model(tiny()).encode("utf-8"))
    read = read_uploads([json_file, Upload("b.xml", b"<model/>")])
    assert read.findings[["file", "reason"]].values.tolist() == [["a.json, b.xml", "unsupported-format"]]


def test_a_zip_entry_outside_its_folder_and_a_zip_bomb_are_refused():
    escaping = read_uploads([Upload("evil.zip", zipped({"../elements.csv": b"x"}))])
    assert escaping.findings[["file", "reason"]].values.tolist() == [["evil.zip", "syntax-error"]]
    bomb = read_uploads([Upload("bomb.zip", zipped({"model.json": b"\0" * 5_000_000}))])
    assert bomb.findings[["file", "reason"]].values.tolist() == [["bomb.zip", "too-large"]]
    empty = read_uploads([Upload("empty.zip", zipped({"notes.txt": b"hello"}))])
    assert empty.findings[["file", "reason"]].values.tolist() == [["empty.zip", "unsupported-format"]]


# ----------------------------------------------------------------------------- merge and replace previews
def incoming() -> fm.Model:
    """From tiny(): Magister renamed, one new activity supported by Magister, one relation removed."""
    m = tiny()
    m.update_element(m.element("id-app").replace(name="Magister 6"))
    m.add_element(fm.Element.new("activity", "Report to parents", id="id-a3"))
    m.add_relation(fm.Relation.new("composed_of", "id-p", "id-a3", id="id-r6"))
    m.remove("id-r3")
    return m


def test_a_merge_preview_counts_what_it_changes():
    plan = import_plan(tiny(), incoming(), "merge")
    counts = plan.counts.set_index("concept")
    # elements: 1 new (a3), 1 renamed (app), 5 equal, none only in the open model
    assert counts.loc["element"].tolist() == [1, 1, 5, 0, 0]
    # relations: 1 new (r6), none changed, 4 equal, r3 only in the open model: kept
    assert counts.loc["relation"].tolist() == [1, 0, 4, 1, 0]
    assert sorted(plan.changes[["action", "id"]].values.tolist()) == [
        ["create", "id-a3"], ["create", "id-r6"], ["update", "id-app"]]
    assert plan.ok and plan.model is not None
    assert "id-r3" in plan.model.relations and plan.model.element("id-app").name == "Magister 6"
    assert len(plan.model.elements) == 7 and len(plan.model.relations) == 6
    assert import_summary(plan, "new.xml") == "merged new.xml: 1 element created, 1 element updated, " \
                                              "1 relation created"


def test_a_replace_preview_lists_what_goes():
    plan = import_plan(tiny(), incoming(), "replace")
    assert plan.counts.set_index("concept").loc["relation"].tolist() == [1, 0, 4, 0, 1]
    assert ["remove", "id-r3"] in plan.changes[["action", "id"]].values.tolist()
    assert plan.model is not None
    same_concepts(plan.model, incoming())


def test_merging_what_is_already_there_changes_nothing():
    plan = import_plan(tiny(), tiny(), "merge")
    assert plan.ok and not plan.changes_anything
    assert plan.counts.set_index("concept").loc["element"].tolist() == [0, 0, 6, 0, 0]


def test_a_merge_whose_result_breaks_the_rules_is_refused():
    changed = fm.Model(id="x", name="")
    changed.add_element(fm.Element.new("goal", "Magister", id="id-app"))  # a goal neither realizes nor supports
    plan = import_plan(tiny(), changed, "merge")
    assert not plan.ok
    assert plan.findings[["file", "id", "reason"]].values.tolist() == [
        ["merged model", "id-r4", "disallowed-relation"], ["merged model", "id-r5", "disallowed-relation"]]


# ----------------------------------------------------------------------------- one way in
def test_a_valid_upload_opens():
    model = tiny()
    result = read_uploads([Upload("school.json", fm.dumps_model(model).encode())])
    assert result.ok and result.model == model and result.errors == 0


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("broken.json", b'{"format": "fora-model", "format_version": 1, "elem', "syntax-error"),
    ("latin1.json", "{\"naam\": \"Zoë\"}".encode("latin-1"), "syntax-error"),
    ("notes.txt", b"hello", "unsupported-format"),
    ("other.json", b'{"some": "json"}', "unsupported-format"),
])
def test_an_unreadable_upload_is_one_error_naming_the_file(name, data, reason):
    result = read_uploads([Upload(name, data)])
    assert not result.ok and result.model is None
    (row,) = result.findings.to_dict("records")
    assert row["severity"] == "error" and row["reason"] == reason
    assert "fora-import" not in str(row)  # the temporary path never shows
    assert row["file"] == name


def test_an_upload_with_errors_is_not_opened():
    doc = fm.dumps_model(tiny()).replace('"source": "id-app", "target": "id-a1"}',
                                         '"source": "id-app", "target": "nobody"}')
    broken = fm.loads_model(doc).model
    assert "nobody" in {r.target for r in broken.relations.values()}
    result = read_uploads([Upload("tiny.json", doc.encode())])
    assert result.model is None and result.errors == 1
    assert result.findings.loc[0, "reason"] == "dangling-endpoint"


def test_a_file_named_at_start_reads_as_an_upload_does(tmp_path):
    path = tmp_path / "school.json"
    path.write_text(fm.dumps_model(tiny()), encoding="utf-8")
    named, uploaded = read_source(path), read_uploads([Upload("school.json", path.read_bytes())])
    assert named.model == uploaded.model == tiny()
    assert list(named.findings.columns) == list(uploaded.findings.columns)
    missing = read_source(tmp_path / "gone.json")
    assert missing.findings[["file", "reason"]].values.tolist() == [["gone.json", "unreadable-file"]]
    assert str(tmp_path) not in str(missing.findings.to_dict("records"))


def test_open_sample_is_load_sample():
    result = open_sample()
    assert result.ok and result.model == fm.load_sample()
