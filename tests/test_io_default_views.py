"""Default diagrams in the exchange XML: a view per process with parts, on request only.

The tiny model, drawn::

    Teach (p) --composed_of r1--> Plan lessons (a1)       Plan lessons --accesses r6--> Lesson plans (i)
              --composed_of r2--> Mark work (a2)          (information: not on the view)
    Magister (x, application) --supports r3--> Plan lessons
    LMS (t, system type)      --supports r4--> Mark work
    Magister --realizes r5--> LMS

Its one view holds the five elements p, a1, a2, t, x (a1 and a2 inside p) and the five relations
r1..r5 between them as connections; r6 ends on the information, which is not shown.
"""

from __future__ import annotations

import doctest
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

import fora_model as fm
from fora_model.cli import main
from fora_model.dashboard.downloads import export_file
from fora_model.errors import Reason, Severity
from fora_model.io import exchange_default_views
from fora_model.io.exchange_default_views import NODE_H, NODE_W, default_views
from fora_model.io.exchange_xml import generate_exchange_xml, parse_exchange_xml, read_exchange_xml
from tests.tiny import model_of

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "fixtures" / "interop" / "xsd"
                                         / "archimate3_Diagram.xsd")))
NCNAME = re.compile(r"^[^\W\d][\w.\-]*$")
NS = {"a": "http://www.opengroup.org/xsd/archimate/3.0/"}


def tiny(**header) -> fm.Model:
    return model_of(
        [("p", "process", "Teach"), ("a1", "activity", "Plan lessons"), ("a2", "activity", "Mark work"),
         ("x", "application", "Magister"), ("t", "system_type", "LMS"), ("i", "information", "Lesson plans")],
        [("r1", "composed_of", "p", "a1"), ("r2", "composed_of", "p", "a2"), ("r3", "supports", "x", "a1"),
         ("r4", "supports", "t", "a2"), ("r5", "realizes", "x", "t"), ("r6", "accesses", "a1", "i")],
        **header)


def flat(nodes, parent=None):
    """(node, parent node or None) for every node of a view's tree."""
    for node in nodes:
        yield node, parent
        yield from flat(node.get("nodes") or (), node)


def valid(text: str) -> bool:
    ok = SCHEMA.validate(etree.fromstring(text.encode()))
    assert ok, SCHEMA.error_log
    return ok


def boxes_apart(a, b) -> bool:
    return (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or a["y"] + a["h"] <= b["y"]
            or b["y"] + b["h"] <= a["y"])


def inside(inner, outer) -> bool:
    return (outer["x"] <= inner["x"] and inner["x"] + inner["w"] <= outer["x"] + outer["w"]
            and outer["y"] <= inner["y"] and inner["y"] + inner["h"] <= outer["y"] + outer["h"])


def check_layout(view) -> None:
    """No two sibling boxes overlap and every nested box lies inside its parent's."""
    def siblings(nodes):
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                assert boxes_apart(a, b), (view["name"], a["element"], b["element"])
            for c in a.get("nodes") or ():
                assert inside(c, a), (view["name"], c["element"], a["element"])
            siblings(a.get("nodes") or [])
    siblings(view["nodes"])


# ----------------------------------------------------------------------------- the tiny model
def test_the_view_holds_the_process_its_activities_and_their_supporters_only():
    [view], skipped = default_views(tiny())
    assert skipped == [] and view["name"] == "Teach"
    placed = {node["element"]: (parent or {}).get("element") for node, parent in flat(view["nodes"])}
    assert placed == {"p": None, "a1": "p", "a2": "p", "t": None, "x": None}  # the activities inside the process
    node_element = {node["id"]: node["element"] for node, _ in flat(view["nodes"])}
    drawn = {c["relationship"]: (node_element[c["source"]], node_element[c["target"]]) for c in view["connections"]}
    assert drawn == {"r1": ("p", "a1"), "r2": ("p", "a2"), "r3": ("x", "a1"), "r4": ("t", "a2"), "r5": ("x", "t")}
    assert len(view["connections"]) == 5


def test_the_layout_is_a_grid_without_overlaps():
    [view], _ = default_views(tiny())
    check_layout(view)
    boxes = {node["element"]: node for node, _ in flat(view["nodes"])}
    assert all((boxes[e]["w"], boxes[e]["h"]) == (NODE_W, NODE_H) for e in ("a1", "a2", "t", "x"))
    assert boxes["a1"]["y"] == boxes["a2"]["y"] and boxes["a1"]["x"] < boxes["a2"]["x"]  # side by side
    process = boxes["p"]
    assert boxes["t"]["y"] >= process["y"] + process["h"]  # supporters below the process,
    assert boxes["x"]["y"] >= boxes["t"]["y"] + NODE_H  # applications below the system types they realize
    assert default_views(tiny()) == default_views(tiny())  # same model, same layout


def test_the_file_validates_and_reads_back_with_the_view():
    model = tiny()
    text, findings = generate_exchange_xml(model, views="process")
    assert valid(text) and findings == []
    back = parse_exchange_xml(text.encode())
    assert back.ok and back.findings == []
    assert dict(back.model.elements) == dict(model.elements)
    assert dict(back.model.relations) == dict(model.relations)
    assert back.model.extras["views"] == default_views(model)[0]
    again, findings = generate_exchange_xml(back.model, views="process")
    assert again == text  # the view is there already: nothing is added twice
    assert [(f.severity, f.reason) for f in findings] == [(Severity.INFO, Reason.DROPPED)]


def test_generated_ids_are_ncnames_distinct_from_every_model_id():
    model = tiny(id="fora-view-1")
    model.add_element(fm.Element.new("goal", "Taken", id="fora-view-1-n1"))
    model.add_element(fm.Element.new("goal", "Not an NCName", id="fora view 2"))
    [view], _ = default_views(model)
    generated = [view["id"], *(n["id"] for n, _ in flat(view["nodes"])), *(c["id"] for c in view["connections"])]
    assert all(NCNAME.match(i) for i in generated)
    assert not set(generated) & {model.id, *model.elements, *model.relations}
    assert len(set(generated)) == len(generated)
    text, _ = generate_exchange_xml(model, views="process")
    written = [n.get("identifier") for n in etree.fromstring(text.encode()).iter() if n.get("identifier")]
    assert len(written) == len(set(written)) and valid(text)


def test_existing_views_are_kept_and_a_view_of_the_same_name_is_not_added():
    model = tiny()
    model.add_element(fm.Element.new("process", "Assess", id="p2"))
    model.add_relation(fm.Relation.new("composed_of", "p2", "a2", id="r7"))
    own = {"id": "v-own", "name": "Teach", "nodes": [{"id": "n-own", "element": "x", "x": 0, "y": 0, "w": 120,
                                                       "h": 55}], "connections": []}
    model.extras["views"] = [own]
    added, skipped = default_views(model)
    assert [v["name"] for v in added] == ["Assess"] and skipped == ["Teach"]
    text, findings = generate_exchange_xml(model, views="process")
    assert valid(text)
    assert parse_exchange_xml(text.encode()).model.extras["views"] == [own, *added]
    assert "1 process(es), e.g. 'Teach'" in findings[0].message


def test_processes_sharing_a_name_get_views_of_distinct_names():
    model = tiny()
    model.add_element(fm.Element.new("process", "Teach", id="p2"))
    model.add_relation(fm.Relation.new("composed_of", "p2", "a2", id="r7"))
    assert [v["name"] for v in default_views(model)[0]] == ["Teach [p]", "Teach [p2]"]


def test_a_process_without_parts_gets_no_view():
    model = model_of([("p", "process", "Lonely"), ("x", "application", "Magister")],
                     [("r", "supports", "x", "p")])
    assert default_views(model) == ([], [])
    text, _ = generate_exchange_xml(model, views="process")
    assert "<views>" not in text and valid(text)


# ----------------------------------------------------------------------------- off by default
def test_without_the_option_the_output_is_unchanged_and_nothing_is_drawn(monkeypatch, tmp_path, sample):
    def refuse(*args, **kwargs):
        raise AssertionError("default views drawn although not asked for")

    plain = {}
    for name, model in (("tiny", tiny()), ("sample", sample)):
        fm.write_model(model, tmp_path / f"{name}-before.xml")
        plain[name] = (tmp_path / f"{name}-before.xml").read_bytes()
    monkeypatch.setattr("fora_model.io.exchange_xml.default_views", refuse)
    for name, model in (("tiny", tiny()), ("sample", sample)):
        for option in ({}, {"views": None}, {"views": ""}):
            fm.write_model(model, tmp_path / f"{name}.xml", **option)
            assert (tmp_path / f"{name}.xml").read_bytes() == plain[name], (name, option)
        assert generate_exchange_xml(model)[0].encode() == plain[name]
    assert b"<views>" not in plain["sample"]


def test_an_unknown_option_is_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(ValueError, match="unknown views option 'all': use views='process'"):
        fm.write_model(tiny(), tmp_path / "t.xml", views="all")
    assert not (tmp_path / "t.xml").exists()


def test_the_module_examples_hold():
    failed, attempted = doctest.testmod(exchange_default_views, optionflags=doctest.ELLIPSIS)
    assert attempted > 0 and failed == 0


# ----------------------------------------------------------------------------- the sample school
def test_the_sample_gets_one_valid_view_per_process_with_parts(sample, tmp_path):
    parts: dict[str, list[str]] = {}
    for r in sample.relations_of("composed_of"):
        if sample.element(r.source).kind is fm.ElementKind.PROCESS:
            parts.setdefault(r.source, []).append(r.target)
    fm.write_model(sample, tmp_path / "s.xml", views="process")
    text = (tmp_path / "s.xml").read_text("utf-8")
    assert valid(text)
    back = read_exchange_xml(tmp_path / "s.xml")
    assert dict(back.model.elements) == dict(sample.elements) and dict(back.model.relations) == dict(sample.relations)
    views = back.model.extras["views"]
    assert len(views) == len(parts) and len(views) > 0
    names = Counter(sample.element(p).name for p in parts)
    for view in views:
        top = view["nodes"][0]
        process = top["element"]
        assert [n["element"] for n in top["nodes"]] == parts[process]
        assert view["name"] == (sample.element(process).name if names[sample.element(process).name] == 1
                                else f"{sample.element(process).name} [{process}]")
        check_layout(view)
        shown = {n["element"] for n, _ in flat(view["nodes"])}
        assert len(shown) == sum(1 for _ in flat(view["nodes"]))  # each element drawn once
        between = {r.id for r in sample.relations.values()
                   if r.source in shown and r.target in shown and r.source != r.target}
        assert {c["relationship"] for c in view["connections"]} == between
        for node, _ in flat(view["nodes"][1:]):  # below the process: only what supports it or its parts
            assert sample.element(node["element"]).kind.value in ("application_function", "system_type",
                                                                  "application")


# ----------------------------------------------------------------------------- CLI and dashboard
def test_the_cli_flag_adds_views_and_refuses_another_format(tmp_path):
    fm.write_model(tiny(), tmp_path / "t.json")
    out, err = io.StringIO(), io.StringIO()
    assert main(["convert", str(tmp_path / "t.json"), "-o", str(tmp_path / "t.xml"), "--views"], out, err) == 0
    root = etree.parse(str(tmp_path / "t.xml")).getroot()
    assert [v.findtext("a:name", namespaces=NS) for v in root.iterfind("a:views/a:diagrams/a:view", NS)] == ["Teach"]
    assert main(["convert", str(tmp_path / "t.json"), "-o", str(tmp_path / "plain.xml")], out, err) == 0
    assert b"<views>" not in (tmp_path / "plain.xml").read_bytes()
    for target in ("t.xlsx", "t.json", "folder"):
        err = io.StringIO()
        assert main(["convert", str(tmp_path / "t.json"), "-o", str(tmp_path / target), "--views", "--force"],
                    out, err) == 2
        assert "--views adds diagrams to exchange XML only — name OUT FILE.xml" in err.getvalue()
        assert target == "t.json" or not (tmp_path / target).exists()


def test_the_dashboard_export_offers_the_views():
    with_views = export_file(tiny(), "xml", views=True)
    assert with_views.ok and valid((with_views.data or b"").decode())
    assert parse_exchange_xml(with_views.data or b"").model.extras["views"] == default_views(tiny())[0]
    assert export_file(tiny(), "xml").data == export_file(tiny(), "xml", views=False).data
    refused = export_file(tiny(), "xlsx", views=True)
    assert not refused.ok and refused.findings["reason"].tolist() == ["unsupported-format"]


def test_the_page_checkbox_adds_a_diagram_per_process(workspace_app, monkeypatch, sample):
    from tests.apptest import run_app

    given: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename and filename.endswith(".xml") and isinstance(path_or_data, bytes):
            given[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    at = run_app("app_pages/import_export.py")
    box = at.checkbox(key="io_xml_views")
    assert box.label == "Add a diagram per process" and box.value is False
    at.button(key="io_prepare_xml").click().run()
    [plain] = given.values()
    assert b"<views>" not in plain
    given.clear()
    at.checkbox(key="io_xml_views").check().run()
    assert not at.exception
    [drawn] = given.values()
    assert valid(drawn.decode())
    assert len(parse_exchange_xml(drawn).model.extras["views"]) == len(default_views(sample)[0])
