"""The native JSON format: an exact round trip, and bad files that give findings or one clear error."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import fora_model as fm
from fora_model import Element, ElementKind, Model, ModelFileError, Reason, Relation, RelationKind
from fora_model.errors import has_errors
from fora_model.io import dumps_model, loads_model, read_json, read_model, write_json
from fora_model.io.native import FORMAT_VERSION
from tests.tiny import loop_model, tiny_school

E = ElementKind
R = RelationKind

NAMES = ["", "   ", "<script>alert('x')</script>", "Leerlingvolgsysteem – ë 漢字 😀", 'quote " and \\ backslash',
         "two\nlines\ttab", "\u2028line separator"]


def rich_model() -> Model:
    """One model holding every field the native format must keep."""
    model = Model(
        id="id-model-1",
        name="Rich school «test»",
        documentation="Purpose of the model.\nSecond line.",
        properties=[("owner", "ICT"), ("owner", "IM"), ("empty", "")],
        translations=[("name", "nl", "Rijke school"), ("documentation", "nl", "Doel")],
        extras={"views": [{"id": "v1", "name": "Overview", "nodes": [{"ref": "a-grades", "x": 10, "y": -2.5}]}],
                "folders": [{"name": "Business", "items": ["a-grades"], "folders": []}], "flag": True,
                "nothing": None, "other_tool": {"Business": ["a-grades"]}},
    )
    for i, name in enumerate(NAMES):
        model.add_element(Element.new(E.ACTIVITY, name, id=f"a-name-{i}"))
    model.add_element(Element(
        id="a-grades", kind=E.ACTIVITY, name="Record grades", documentation="Teachers record grades.",
        attributes={"needs_support": False, "criticality": "high"},
        properties=(("FORA-term", "Cijfers registreren"), ("source", "FORA"), ("FORA-term", "Toetsen")),
        translations=(("name", "nl", "Cijfers registreren"), ("name", "de", "Noten erfassen")),
    ))
    model.add_element(Element.new(E.PROCESS, "Education", id="p-edu", needs_support=True))
    model.add_element(Element.new(E.INFORMATION, "Grades", id="i-grades", personal_data=True,
                                  sensitivity="confidential", archimate_type="DataObject"))
    model.add_element(Element.new(E.INFORMATION, "Pupils", id="i-pupils", personal_data=False))
    model.add_element(Element.new(E.SYSTEM_TYPE, "LAS", id="t-las", properties=[("FORA-type", "Referentiecomponent")]))
    model.add_element(Element.new(E.APPLICATION_FUNCTION, "Grade book", id="f-book",
                                  archimate_type="ApplicationService"))
    model.add_element(Element.new(
        E.APPLICATION, "Magister", id="app-mag", vendor="Iddink", annual_cost=12000.5, exit_cost=0,
        lifecycle="phase-out", functional_fit=3, technical_fit=1, criticality="high",
        contract_end=dt.date(2026, 7, 31), notice_months=3, hosting="saas", data_location="NL",
        processes_personal_data=True, dpa_signed=False,
    ))
    model.add_element(Element.new(E.APPLICATION, "ParnasSys", id="app-par", specialization="", lifecycle="plan"))
    model.add_element(Element.new(E.OTHER, "School server", id="node-1", archimate_type="Node"))
    model.add_element(Element.new(E.OTHER, "", id="junction-1", archimate_type="AndJunction", junction_type="and"))
    model.add_element(Element.new(E.OTHER, "Domain", id="group-1"))  # kind other, default type Grouping
    for relation in [
        Relation.new(R.COMPOSED_OF, "p-edu", "a-grades", id="r-comp"),
        Relation.new(R.ACCESSES, "a-grades", "i-grades", id="r-acc", access="readwrite", name="writes grades"),
        Relation.new(R.SUPPORTS, "f-book", "a-grades", id="r-sup", documentation="Since 2019",
                     properties=[("k", "1"), ("k", "2")]).replace(
            specialization="Primary", translations=(("name", "nl", "ondersteunt"),)),
        Relation.new(R.ASSIGNED_TO, "t-las", "f-book", id="r-asg"),
        Relation.new(R.REALIZES, "app-mag", "t-las", id="r-rea"),
        Relation.new(R.FLOWS_TO, "app-mag", "app-par", id="r-flow", carries=["i-grades", "i-pupils"]),
        Relation.new(R.FLOWS_TO, "app-par", "app-mag", id="r-flow-all"),
        Relation.new(R.OTHER, "node-1", "app-mag", id="r-node", archimate_type="AssignmentRelationship"),
        Relation.new(R.OTHER, "junction-1", "a-grades", id="r-junction", archimate_type="TriggeringRelationship"),
        Relation.new(R.OTHER, "group-1", "r-sup", id="r-on-rel", archimate_type="AssociationRelationship",
                     directed=True),
        Relation.new(R.OTHER, "a-grades", "i-pupils", id="r-other-acc", archimate_type="AccessRelationship",
                     access="read"),
        Relation.new(R.OTHER, "a-grades", "p-edu", id="r-infl", archimate_type="InfluenceRelationship",
                     influence_strength="++"),
    ]:
        model.add_relation(relation)
    return model


def test_rich_model_is_what_it_claims_to_be():
    # guards the fixture: every special case really is in it
    model = rich_model()
    assert {e.archimate_type for e in model.elements_of(E.OTHER)} == {"Node", "AndJunction", "Grouping"}
    assert model.relation("r-on-rel").target in model.relations
    assert isinstance(model.element("app-mag").attributes["contract_end"], dt.date)
    assert model.element("a-grades").translations and model.extras


def test_loads_of_dumps_gives_the_same_model():
    model = rich_model()
    result = loads_model(dumps_model(model))
    assert result.findings == []
    assert result.model == model


def test_dumps_of_loads_gives_the_same_text():
    text = dumps_model(rich_model())
    assert dumps_model(loads_model(text).model) == text


@pytest.mark.parametrize("build", [tiny_school, loop_model, Model, rich_model])
def test_write_then_read_a_file_round_trips(build, tmp_path):
    model = build()
    path = tmp_path / "school.json"
    write_json(model, path)
    assert read_json(path).model == model
    assert path.read_text(encoding="utf-8") == dumps_model(model)
    assert [p.name for p in tmp_path.iterdir()] == ["school.json"]  # no temporary file left


def test_every_field_reads_back_with_its_type():
    model = loads_model(dumps_model(rich_model())).model
    mag = model.element("app-mag")
    assert mag.attributes == {
        "vendor": "Iddink", "annual_cost": 12000.5, "exit_cost": 0.0, "lifecycle": "phase-out",
        "functional_fit": 3, "technical_fit": 1, "criticality": "high", "contract_end": dt.date(2026, 7, 31),
        "notice_months": 3, "hosting": "saas", "data_location": "NL", "processes_personal_data": True,
        "dpa_signed": False,
    }
    assert type(mag.attributes["functional_fit"]) is int
    assert model.element("a-grades").properties == (
        ("FORA-term", "Cijfers registreren"), ("source", "FORA"), ("FORA-term", "Toetsen"))
    assert model.element("a-grades").translations == (("name", "nl", "Cijfers registreren"),
                                                      ("name", "de", "Noten erfassen"))
    assert model.relation("r-flow").attributes == {"carries": ("i-grades", "i-pupils")}
    assert model.relation("r-flow-all").attributes == {}
    assert model.relation("r-on-rel").attributes == {"directed": True}
    assert [model.element(f"a-name-{i}").name for i in range(len(NAMES))] == NAMES
    assert model.element("junction-1").archimate_type == "AndJunction"
    assert model.element("app-par").specialization == ""
    assert model.element("app-mag").specialization == "Applicatie"
    assert (model.id, model.name, model.properties) == ("id-model-1", "Rich school «test»",
                                                        (("owner", "ICT"), ("owner", "IM"), ("empty", "")))
    assert model.extras["views"][0]["nodes"][0] == {"ref": "a-grades", "x": 10, "y": -2.5}


def test_the_document_shape():
    doc = json.loads(dumps_model(rich_model()))
    assert (doc["format"], doc["format_version"]) == ("fora-model", FORMAT_VERSION)
    assert list(doc) == ["format", "format_version", "model", "elements", "relations", "extras"]
    by_id = {item["id"]: item for item in doc["elements"] + doc["relations"]}
    assert "type" not in by_id["p-edu"]  # the kind's default type is not written
    assert by_id["i-grades"]["type"] == "DataObject"
    assert by_id["app-mag"]["attributes"]["contract_end"] == "2026-07-31"
    assert by_id["r-flow"]["attributes"]["carries"] == ["i-grades", "i-pupils"]
    assert "<script>" in dumps_model(rich_model())  # names are data, not escaped into entities


def test_a_file_with_a_byte_order_mark_reads(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps_model(tiny_school()).encode("utf-8"))
    assert read_json(path).model == tiny_school()


def test_dumps_is_deterministic():
    assert dumps_model(tiny_school()) == dumps_model(tiny_school())
    assert fm.content_hash(tiny_school()) == fm.content_hash(tiny_school())
    changed = tiny_school()
    changed.update_element(changed.element("a-grades").replace(name="Record marks"))
    assert fm.content_hash(changed) != fm.content_hash(tiny_school())


def test_what_read_json_accepts_write_json_can_write(tmp_path):
    text = dumps_model(tiny_school()).replace('"name": "Somtoday"', '"name": "Som\\ud800today"')
    source = tmp_path / "in.json"
    source.write_text(text, encoding="utf-8")
    result = read_json(source)
    assert not has_errors(result.findings)
    write_json(result.model, tmp_path / "out.json")
    assert read_json(tmp_path / "out.json").model == result.model


# ------------------------------------------------------------------------------ bad concepts: findings


def document(elements: list, relations: list | None = None) -> str:
    return json.dumps({"format": "fora-model", "format_version": 1, "model": {"id": "m", "name": "Bad"},
                       "elements": elements, "relations": relations or []})


GOOD = [{"id": "a", "kind": "activity", "name": "Grade"}, {"id": "app", "kind": "application", "name": "M"}]


@pytest.mark.parametrize(
    ("elements", "relations", "reason", "subject", "kept"),
    [
        ([*GOOD, {"id": "a", "kind": "goal", "name": "Again"}], [], Reason.DUPLICATE_ID, "a", ["a", "app"]),
        (GOOD, [{"id": "app", "kind": "supports", "source": "app", "target": "a"}], Reason.DUPLICATE_ID, "app",
         ["a", "app"]),
        ([*GOOD, {"id": "m", "kind": "goal"}], [], Reason.DUPLICATE_ID, "m", ["a", "app"]),
        ([*GOOD, {"id": "x", "kind": "teacher", "name": "?"}], [], Reason.UNKNOWN_KIND, "x", ["a", "app"]),
        (GOOD, [{"id": "r", "kind": "serves", "source": "app", "target": "a"}], Reason.UNKNOWN_KIND, "r",
         ["a", "app"]),
        ([*GOOD, {"kind": "goal", "name": "no id"}], [], Reason.MISSING_FIELD, "", ["a", "app"]),
        (GOOD, [{"id": "r", "kind": "supports", "source": "app"}], Reason.MISSING_FIELD, "r", ["a", "app"]),
        ([*GOOD, "just a string"], [], Reason.SYNTAX_ERROR, "", ["a", "app"]),
        ([*GOOD, {"id": "b", "kind": "application", "attributes": {"annual_cost": "a lot"}}], [],
         Reason.BAD_ATTRIBUTE, "b", ["a", "app", "b"]),
        ([*GOOD, {"id": "b", "kind": "application", "attributes": {"functional_fit": 7}}], [],
         Reason.BAD_ATTRIBUTE, "b", ["a", "app", "b"]),
        ([*GOOD, {"id": "b", "kind": "application", "attributes": {"colour": "red"}}], [],
         Reason.UNKNOWN_ATTRIBUTE, "b", ["a", "app", "b"]),
        ([*GOOD, {"id": "b", "kind": "goal", "properties": "k=v"}], [], Reason.BAD_VALUE, "b", ["a", "app", "b"]),
    ],
    ids=["duplicate-element", "relation-reuses-element-id", "element-reuses-model-id", "unknown-element-kind",
         "unknown-relation-kind", "no-id", "no-target", "not-an-object", "cost-not-a-number", "fit-out-of-range",
         "unknown-attribute", "properties-not-pairs"],
)
def test_a_bad_concept_gives_an_error_finding_naming_it(elements, relations, reason, subject, kept):
    result = loads_model(document(elements, relations), source="bad.json")
    errors = [f for f in result.findings if f.is_error]
    assert [f.reason for f in errors] == [reason]
    (finding,) = errors
    assert finding.element == subject
    assert finding.location.startswith("bad.json ")
    assert finding.message
    assert list(result.model.elements) == kept


def test_a_bad_attribute_is_left_out_and_the_rest_kept():
    text = document([{"id": "b", "kind": "application", "name": "B",
                      "attributes": {"annual_cost": "a lot", "vendor": "Acme", "lifecycle": "plan"}}])
    result = loads_model(text)
    assert result.model.element("b").attributes == {"vendor": "Acme", "lifecycle": "plan"}
    assert "annual_cost" in result.findings[0].message
    assert result.findings[0].hint


# ------------------------------------------------------------------------------ bad files: one clear error


@pytest.mark.parametrize(
    ("text", "reason", "words"),
    [
        (dumps_model(tiny_school())[:200], Reason.SYNTAX_ERROR, "line"),
        ("", Reason.SYNTAX_ERROR, "JSON"),
        ("name,kind\nGrades,activity\n", Reason.SYNTAX_ERROR, "JSON"),
        ("[1, 2, 3]", Reason.UNSUPPORTED_FORMAT, "fora-model"),
        ('{"format": "archi", "elements": []}', Reason.UNSUPPORTED_FORMAT, "fora-model"),
        ('{"format": "fora-model", "format_version": 2, "elements": []}', Reason.UNSUPPORTED_VERSION, "2"),
        ('{"format": "fora-model", "format_version": "one"}', Reason.UNSUPPORTED_VERSION, "one"),
        pytest.param('{"format": "fora-model", "format_version": 1, "elements": {}}', Reason.SYNTAX_ERROR, "elements"),
        pytest.param('{"format": "fora-model", "format_version": 1, "model": "x"}', Reason.SYNTAX_ERROR, "model"),
    ],
    ids=["truncated", "empty", "not-json", "a-list", "another-format", "newer-version", "version-not-a-number",
         "elements-not-a-list", "model-not-an-object"],
)
def test_an_unreadable_document_raises_one_line_naming_the_file_and_the_fix(text, reason, words, tmp_path):
    path = tmp_path / "school.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ModelFileError) as caught:
        read_json(path)
    error = caught.value
    assert error.reason is reason
    assert error.path == str(path)
    assert "\n" not in str(error)
    assert str(error).startswith(f"{path}: ")
    assert words in error.message
    assert error.hint and error.hint in str(error)
    assert error.finding.reason is reason


def test_a_newer_format_version_says_to_upgrade(tmp_path):
    path = tmp_path / "new.json"
    path.write_text(json.dumps({"format": "fora-model", "format_version": FORMAT_VERSION + 1}), encoding="utf-8")
    with pytest.raises(ModelFileError, match="upgrade"):
        read_json(path)


@pytest.mark.parametrize(
    ("make", "reason", "words"),
    [
        (lambda d: d / "missing.json", Reason.UNREADABLE_FILE, "no such file"),
        (lambda d: (d / "folder.json").mkdir() or d / "folder.json", Reason.UNREADABLE_FILE, "folder"),
        (lambda d: (d / "latin1.json").write_bytes(b'{"name": "\xe9"}') and d / "latin1.json", Reason.SYNTAX_ERROR,
         "UTF-8"),
        (lambda d: (d / "model.txt").write_text("{}") and d / "model.txt", Reason.UNSUPPORTED_FORMAT, "format"),
    ],
    ids=["missing", "a-folder", "not-utf8", "unknown-extension"],
)
def test_a_file_that_cannot_be_read_raises_one_line_naming_it(make, reason, words, tmp_path):
    path = make(tmp_path)
    with pytest.raises(ModelFileError) as caught:
        read_model(path)
    assert caught.value.reason is reason
    assert str(path) in str(caught.value)
    assert words in str(caught.value)
    assert caught.value.hint
    assert "\n" not in str(caught.value)


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(dumps_model(tiny_school()), encoding="utf-8")
    with pytest.raises(ModelFileError) as caught:
        read_json(path, max_bytes=100)
    assert caught.value.reason is Reason.TOO_LARGE


def test_deeply_nested_json_is_a_file_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "fora-model", "format_version": 1, "extras": ' + "[" * 100_000 + "]" * 100_000 + "}",
                    encoding="utf-8")
    with pytest.raises(ModelFileError):
        read_json(path)


@pytest.mark.parametrize(("extras", "left_out"), [
    ({"views": "a text"}, "the views"),
    ({"views": [{"id": 1}]}, "view number 1"),
    ({"views": [{"id": "v", "nodes": [{"id": "n", "x": "far"}]}]}, "view 'v'"),
    ({"views": [{"id": "v", "nodes": [{"id": "n", "x": 10 ** 400}]}]}, "view 'v'"),
    ({"views": [{"id": "v", "connections": 3}]}, "view 'v'"),
    ({"folders": 7}, "the folder tree"),
    ({"folders": [{"name": "B", "items": [1, 2]}]}, "the folder tree"),
    ({"property_types": [1, 2]}, "the property data types"),
    ({"language": 31}, "the main language"),
])
def test_extras_of_the_wrong_shape_are_left_out_with_a_warning_and_every_writer_works(tmp_path, extras, left_out):
    doc = json.loads(dumps_model(Model(name="Hostile")))
    doc["extras"] = extras
    result = loads_model(json.dumps(doc), source="hostile.json")
    (finding,) = [f for f in result.findings if "was left out" in f.message]
    assert finding.message.startswith(left_out) and finding.location == "hostile.json"
    for suffix in (".xml", ".archimate", ".xlsx", ".json"):
        fm.write_model(result.model, tmp_path / f"out{suffix}")


def _deep_view_model(depth: int) -> str:
    deep = '{"id": "v", "name": "Deep", "nodes": [' + "".join(
        f'{{"id": "n{i}", "label": "group", "nodes": [' for i in range(depth)) + "]}" * depth + "]}"
    empty = dumps_model(Model(name="Deep"))
    assert '"extras": {}' in empty
    return empty.replace('"extras": {}', f'"extras": {{"views": [{deep}]}}')


def test_views_nested_too_deep_for_any_writer_are_left_out_with_a_warning(tmp_path):
    result = loads_model(_deep_view_model(120), source="deep.json")
    assert any("nested more than 64 deep" in f.message for f in result.findings)
    assert result.model.extras["views"] == []
    for suffix in (".xml", ".archimate", ".xlsx"):
        fm.write_model(result.model, tmp_path / f"out{suffix}")


def test_json_nested_hundreds_deep_is_refused_with_its_name():
    with pytest.raises(ModelFileError, match=r"deep\.json: the JSON is nested too deeply"):
        loads_model(_deep_view_model(480), source="deep.json")


def test_an_integer_of_hundreds_of_digits_is_a_finding_not_an_overflow():
    doc = json.loads(dumps_model(Model(name="Big")))
    doc["elements"] = [{"id": "a", "kind": "application", "name": "A", "attributes": {"annual_cost": 10 ** 400}}]
    result = loads_model(json.dumps(doc), source="big.json")
    assert any("annual_cost must be a number of a sensible size" in f.message for f in result.findings)
