"""The Import and export page under Streamlit's AppTest, on the sample school in a fresh workspace:
an upload is previewed before anything changes; applying a merge or a replace stores exactly one
new revision holding what the preview promised; a refused file changes nothing; a new workspace
model is created under a name and a taken name is refused; every export download reads back."""

from __future__ import annotations

import io
import zipfile

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

import fora_model as fm
from fora_model.dashboard.downloads import export_file, export_formats
from fora_model.dashboard.import_plan import import_plan
from fora_model.dashboard.uploads import Upload, read_uploads
from tests.apptest import run_app, shown, workspace
from tests.dashboard_fixtures import upload_changes

PAGE = "app_pages/import_export.py"


@pytest.fixture(autouse=True)
def fresh_app(workspace_app):
    """Each test starts on the sample school in a new workspace with empty Streamlit caches."""


def tiny() -> fm.Model:
    m = fm.Model(id="id-tiny", name="Tiny school")
    m.add_element(fm.Element.new("activity", "Record grades", id="id-a"))
    m.add_element(fm.Element.new("application", "Magister", id="id-app"))
    m.add_relation(fm.Relation.new("supports", "id-app", "id-a", id="id-r"))
    return m


def csv_triple(model: fm.Model) -> list[tuple[str, bytes, str]]:
    archive = zipfile.ZipFile(io.BytesIO(export_file(model, "archi_csv").data or b""))
    return [(f"upload-{name}", archive.read(name), "text/csv") for name in sorted(archive.namelist())]


def upload(at, files):
    at.file_uploader(key="io_files").set_value(files).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_an_archi_csv_triple_is_previewed_then_merged_as_one_revision(sample):
    at = run_app(PAGE)
    files = csv_triple(upload_changes(sample))
    incoming = read_uploads([Upload(n, d) for n, d, _ in files]).model
    assert incoming is not None
    plan = import_plan(sample, incoming, "merge")
    upload(at, files)
    assert at.file_uploader(key="io_files").accept_multiple_files
    assert at.radio(key="io_mode").value == "merge"
    counts = at.dataframe[0].value.set_index("concept")
    # by hand: one activity renamed and one created; one relation created; the process unchanged
    assert counts.loc["element", "created"] == 1 and counts.loc["element", "updated"] == 1
    assert counts.loc["element", "unchanged"] == 1 and counts.loc["relation", "created"] == 1
    assert sorted(at.dataframe[1].value["id"]) == sorted(plan.changes["id"])
    assert workspace().head("sample-school") == 1  # a preview changes nothing
    at.button(key="io_apply").click().run()
    assert not at.exception
    assert workspace().head("sample-school") == 2
    merged = shown(at)
    assert at.session_state["fm_revision"] == 2 and merged == plan.model
    assert at.success[0].value.startswith("Imported revision 2")
    assert len(merged.elements) == len(sample.elements) + 1
    assert merged.element("id-new-activity").name == "Welcome new pupils"
    assert workspace().revision("sample-school", 2).summary.startswith("merged upload-elements.csv")
    assert at.info[0].value == "The open model already holds everything in the file: nothing to change."


def test_a_refused_file_shows_its_findings_and_changes_nothing(sample):
    at = run_app(PAGE)
    data = (export_file(tiny(), "xml").data or b"").replace(b'source="id-app"', b'source="id-gone"')
    upload(at, ("broken.xml", data, "application/xml"))
    assert at.error[0].value == "broken\\.xml was not imported: it has 1 error. Nothing changed."
    findings = at.dataframe[0].value
    assert findings[["file", "id", "reason"]].values.tolist() == [["broken.xml", "id-r", "dangling-endpoint"]]
    assert findings["where"].iloc[0].startswith("line ")
    assert not [b for b in at.button if b.key in ("io_apply", "io_create")]
    assert workspace().head("sample-school") == 1 and shown(at) == sample


def test_a_workbook_replaces_the_open_model(sample):
    at = run_app(PAGE)
    workbook = export_file(tiny(), "xlsx")
    upload(at, (workbook.file_name, workbook.data, workbook.mime))
    at.radio(key="io_mode").set_value("replace").run()
    counts = at.dataframe[0].value.set_index("concept")
    assert counts.loc["element"].tolist() == [2, 0, 0, 0, len(sample.elements)]
    at.button(key="io_apply").click().run()
    assert not at.exception
    assert workspace().head("sample-school") == 2
    replaced = shown(at)
    assert set(replaced.elements) == {"id-a", "id-app"} and set(replaced.relations) == {"id-r"}
    assert replaced.id == sample.id and replaced.name == "Tiny school"


def test_a_file_becomes_a_new_workspace_model_under_a_free_name(sample):
    at = run_app(PAGE)
    workbook = export_file(tiny(), "xlsx")
    upload(at, ("Tiny school (v2).xlsx", workbook.data, workbook.mime))
    at.radio(key="io_mode").set_value("new").run()
    assert at.text_input(key="io_new_name").value == "Tiny school v2"
    at.text_input(key="io_new_name").set_value("sample-school").run()
    assert at.error[0].value == "The workspace already has a model named sample\\-school. Choose another name."
    assert at.button(key="io_create").disabled
    at.text_input(key="io_new_name").set_value("Tiny import").run()
    assert not at.button(key="io_create").disabled
    at.button(key="io_create").click().run()
    assert not at.exception
    assert set(workspace().names()) == {"Tiny import", "sample-school"}
    assert at.session_state["fm_name"] == "Tiny import" and at.session_state["fm_revision"] == 1
    assert shown(at) == read_uploads([Upload("t.xlsx", workbook.data or b"")]).model
    assert workspace().head("sample-school") == 1 and workspace().open("sample-school") == sample
    assert at.success[0].value.startswith("Created revision 1")
    assert not at.file_uploader(key="io_files").value  # the upload belonged to the model shown before


def test_every_export_download_reads_back_to_the_shown_model(monkeypatch, sample):
    given: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            given[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    at = run_app(PAGE)
    for fmt in export_formats():
        if fmt != "json":
            at.button(key=f"io_prepare_{fmt}").click().run()
            assert not at.exception
    names = {b.label.removeprefix("Download ") for b in at.get("download_button")}
    expected = {export_file(sample, fmt).file_name for fmt in export_formats()}
    assert expected <= names
    for name in sorted(expected):
        read = read_uploads([Upload(name, given[name])])
        assert read.ok and read.model is not None, name
        assert dict(read.model.elements) == dict(sample.elements), name
        assert dict(read.model.relations) == dict(sample.relations), name
        assert (read.model.id, read.model.name) == (sample.id, sample.name), name
    assert "fora-model-template.xlsx" in given


def test_file_and_model_names_never_reach_markdown_raw(monkeypatch, tmp_path, sample):
    import re

    from fora_model.dashboard.common import md_escape
    from tests.dashboard_fixtures import HOSTILE_MODEL_NAME, hostile_model
    from tests.test_app_pages import markdown_texts

    hostile, _ = hostile_model(sample)
    fm.write_model(hostile, tmp_path / "hostile.json")
    monkeypatch.setenv("FORA_MODEL_FILE", str(tmp_path / "hostile.json"))
    at = run_app(PAGE)
    assert shown(at) == hostile
    exported = export_file(hostile, "json")
    upload(at, (f"{HOSTILE_MODEL_NAME}.json", exported.data, exported.mime))
    at.radio(key="io_mode").set_value("new").run()
    ours = {f"**{md_escape(label)}**" for label in export_formats().values()}  # the page's own bold labels
    texts = [t for t in markdown_texts(at) + [s.label for s in at.get("expander")] if t not in ours]
    assert any(t.startswith("Read ") and md_escape(HOSTILE_MODEL_NAME) in t for t in texts)
    assert any(md_escape(HOSTILE_MODEL_NAME) in c.value for c in at.caption)
    for text in texts:
        bare = re.sub(r"\\.", "", text)  # what is left when escaped characters are taken out
        assert "<" not in bare and "](" not in bare and "**" not in bare, text


def test_a_merge_that_would_break_the_rules_is_not_offered(sample):
    at = run_app(PAGE)
    application = sample.elements_of("application")[0]
    clash = fm.Model(id="id-clash", name="")
    clash.add_element(fm.Element.new("goal", application.name, id=application.id))  # a goal supports nothing
    upload(at, ("clash.json", fm.dumps_model(clash).encode("utf-8"), "application/json"))
    assert at.error[0].value == "The merged model would have errors, so nothing can be applied. Nothing changed."
    findings = at.dataframe[1].value
    supported = {r.id for r in sample.relations_touching(application.id) if r.kind.value == "supports"}
    assert supported and supported <= set(findings["id"])
    assert not [b for b in at.button if b.key == "io_apply"]
    assert workspace().head("sample-school") == 1


def test_the_model_page_opens_any_single_file_the_io_layer_reads(sample):
    at = run_app("app_pages/model_page.py")
    assert set(at.file_uploader(key="md_upload").allowed_type) == {".json", ".xlsx", ".xml", ".archimate"}
    workbook = export_file(tiny(), "xlsx")
    at.file_uploader(key="md_upload").set_value(("tiny.xlsx", workbook.data, workbook.mime)).run()
    assert not at.exception
    assert at.success[0].value == "Opened tiny\\.xlsx."
    assert set(shown(at).elements) == {"id-a", "id-app"}
