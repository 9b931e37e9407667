"""The typed model: building elements and relations, editing a model, and refusing bad edits."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from fora_model import EditRejected, Element, ElementKind, Model, Reason, Relation, RelationKind, new_id, validate
from fora_model.io import dumps_model, loads_model
from tests.tiny import model_of, tiny_school

E = ElementKind
R = RelationKind
GENERATED_ID = re.compile(r"^id-[0-9a-f]{32}$")


# ------------------------------------------------------------------------------ typed attributes


@pytest.mark.parametrize(
    ("kind", "given", "expected"),
    [
        (E.APPLICATION, {"annual_cost": "12000"}, {"annual_cost": 12000.0}),
        (E.APPLICATION, {"annual_cost": "12,50"}, {"annual_cost": 12.5}),
        (E.APPLICATION, {"annual_cost": 900}, {"annual_cost": 900.0}),
        (E.APPLICATION, {"exit_cost": "0"}, {"exit_cost": 0.0}),
        (E.APPLICATION, {"functional_fit": "3", "technical_fit": 4.0}, {"functional_fit": 3, "technical_fit": 4}),
        (E.APPLICATION, {"lifecycle": "Phase-Out"}, {"lifecycle": "phase-out"}),
        (E.APPLICATION, {"lifecycle": "END-OF-LIFE"}, {"lifecycle": "end-of-life"}),
        (E.APPLICATION, {"criticality": "High"}, {"criticality": "high"}),
        (E.APPLICATION, {"data_location": "outside eu"}, {"data_location": "outside EU"}),
        (E.APPLICATION, {"contract_end": "2026-07-31"}, {"contract_end": dt.date(2026, 7, 31)}),
        (E.APPLICATION, {"contract_end": dt.datetime(2026, 7, 31, 9, 30)}, {"contract_end": dt.date(2026, 7, 31)}),
        (E.APPLICATION, {"dpa_signed": "ja", "processes_personal_data": "no"},
         {"dpa_signed": True, "processes_personal_data": False}),
        (E.APPLICATION, {"vendor": "Topicus", "hosting": "saas"}, {"vendor": "Topicus", "hosting": "saas"}),
        (E.APPLICATION, {"vendor": "", "annual_cost": None}, {}),  # empty clears
        (E.ACTIVITY, {"needs_support": "nee"}, {"needs_support": False}),
        (E.PROCESS, {"needs_support": False, "criticality": "low"}, {"needs_support": False, "criticality": "low"}),
        (E.INFORMATION, {"personal_data": 1, "sensitivity": "Special"},
         {"personal_data": True, "sensitivity": "special"}),
    ],
)
def test_element_new_coerces_attributes_to_their_types(kind, given, expected):
    element = Element.new(kind, "x", id="x", **given)
    assert dict(element.attributes) == expected
    assert [type(v) for v in element.attributes.values()] == [type(v) for v in expected.values()]


@pytest.mark.parametrize(
    ("kind", "given", "attribute", "hint_words"),
    [
        (E.APPLICATION, {"annual_cost": "a lot"}, "annual_cost", "number"),
        (E.APPLICATION, {"annual_cost": -5}, "annual_cost", "at least 0"),
        (E.APPLICATION, {"annual_cost": True}, "annual_cost", "number"),
        (E.APPLICATION, {"annual_cost": float("inf")}, "annual_cost", "number"),
        (E.APPLICATION, {"functional_fit": 5}, "functional_fit", "at most 4"),
        (E.APPLICATION, {"technical_fit": 2.5}, "technical_fit", "whole number"),
        (E.APPLICATION, {"lifecycle": "retired"}, "lifecycle", "plan, phase-in, active, phase-out, end-of-life"),
        (E.APPLICATION, {"contract_end": "31-07-2026"}, "contract_end", "YYYY-MM-DD"),
        (E.APPLICATION, {"dpa_signed": "maybe"}, "dpa_signed", "true or false"),
        (E.APPLICATION, {"data_location": "Mars"}, "data_location", "outside EU"),
        (E.ACTIVITY, {"needs_support": "sometimes"}, "needs_support", "true or false"),
        (E.ACTIVITY, {"criticality": "extreme"}, "criticality", "low, medium, high"),
        (E.APPLICATION, {"colour": "red"}, "colour", "property"),
        (E.ACTIVITY, {"vendor": "Topicus"}, "vendor", "property"),
        (E.APPLICATION, {"vendor": ["Topicus"]}, "vendor", "text"),
    ],
)
def test_element_new_refuses_a_bad_attribute_naming_it_with_a_hint(kind, given, attribute, hint_words):
    with pytest.raises(EditRejected) as caught:
        Element.new(kind, "x", id="el-1", **given)
    (finding,) = caught.value.findings
    assert finding.reason in (Reason.BAD_ATTRIBUTE, Reason.UNKNOWN_ATTRIBUTE)
    assert finding.element == "el-1"
    assert attribute in finding.message
    assert hint_words in finding.hint
    assert attribute in str(caught.value) and finding.hint in str(caught.value)


def test_element_new_names_every_bad_attribute_at_once():
    with pytest.raises(EditRejected) as caught:
        Element.new(E.APPLICATION, "x", annual_cost="?", lifecycle="?", vendor="ok")
    assert [f.reason for f in caught.value.findings] == [Reason.BAD_ATTRIBUTE, Reason.BAD_ATTRIBUTE]
    assert ["annual_cost" in f.message for f in caught.value.findings] == [True, False]
    assert "lifecycle" in caught.value.findings[1].message


@pytest.mark.parametrize(
    ("kind", "given", "expected"),
    [
        (R.ACCESSES, {"access": "Write"}, {"access": "write"}),
        (R.ACCESSES, {"access": "READWRITE"}, {"access": "readwrite"}),
        (R.FLOWS_TO, {"carries": "i1 | i2; i3"}, {"carries": ("i1", "i2", "i3")}),
        (R.FLOWS_TO, {"carries": ["i1", "i2"]}, {"carries": ("i1", "i2")}),
        (R.OTHER, {"access": "read", "directed": "true", "influence_strength": "++"},
         {"access": "read", "directed": True, "influence_strength": "++"}),
    ],
)
def test_relation_new_coerces_attributes(kind, given, expected):
    assert dict(Relation.new(kind, "s", "t", id="r", **given).attributes) == expected


@pytest.mark.parametrize(
    ("kind", "given", "attribute", "hint_words"),
    [
        (R.ACCESSES, {"access": "delete"}, "access", "read, write, readwrite, access"),
        (R.SUPPORTS, {"access": "read"}, "access", "property"),
        (R.OTHER, {"directed": "perhaps"}, "directed", "true or false"),
        (R.FLOWS_TO, {"carries": 5}, "carries", "id"),
    ],
)
def test_relation_new_refuses_a_bad_attribute_naming_it_with_a_hint(kind, given, attribute, hint_words):
    with pytest.raises(EditRejected) as caught:
        Relation.new(kind, "s", "t", id="rel-1", **given)
    (finding,) = caught.value.findings
    assert finding.element == "rel-1"
    assert attribute in finding.message
    assert hint_words in finding.hint


@pytest.mark.parametrize(
    ("kind", "archimate_type", "specialization"),
    [
        (E.GOAL, "Goal", ""),
        (E.PROCESS, "BusinessFunction", ""),
        (E.ACTIVITY, "BusinessProcess", ""),
        (E.INFORMATION, "BusinessObject", ""),
        (E.SYSTEM_TYPE, "ApplicationComponent", "Referentiecomponent"),
        (E.APPLICATION, "ApplicationComponent", "Applicatie"),
        (E.APPLICATION_FUNCTION, "ApplicationFunction", ""),
    ],
)
def test_new_elements_get_their_kinds_archimate_defaults(kind, archimate_type, specialization):
    element = Element.new(kind, "x")
    assert (element.archimate_type, element.specialization) == (archimate_type, specialization)


def test_an_element_keeps_the_archimate_type_it_was_given():
    element = Element.new(E.OTHER, "Server", archimate_type="Node", specialization="")
    assert element.archimate_type == "Node"
    assert Relation.new(R.SUPPORTS, "a", "b").archimate_type == "ServingRelationship"
    assert Relation.new(R.OTHER, "a", "b", archimate_type="TriggeringRelationship").archimate_type == (
        "TriggeringRelationship"
    )


def test_attribute_falls_back_to_the_documented_default():
    activity = Element.new(E.ACTIVITY, "x")
    assert activity.attribute("needs_support") is True
    assert Element.new(E.APPLICATION, "x").attribute("lifecycle") == "active"
    assert activity.attribute("criticality", "unknown") == "unknown"
    assert Element.new(E.ACTIVITY, "x", needs_support=False).attribute("needs_support") is False


def test_with_attributes_changes_and_clears_checked_values():
    app = Element.new(E.APPLICATION, "x", annual_cost=10, vendor="Acme")
    changed = app.with_attributes(annual_cost="20", vendor="")
    assert dict(changed.attributes) == {"annual_cost": 20.0}
    assert dict(app.attributes) == {"annual_cost": 10.0, "vendor": "Acme"}  # frozen original untouched
    with pytest.raises(EditRejected):
        app.with_attributes(functional_fit=9)


# ------------------------------------------------------------------------------ ids, names, properties


def test_generated_ids_are_id_and_32_hex_and_unique():
    ids = [new_id() for _ in range(50)]
    ids += [Element.new(E.GOAL, "g").id, Relation.new(R.SUPPORTS, "a", "b").id, Model().id]
    assert all(GENERATED_ID.match(i) for i in ids)
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("identifier", ["1-starts-with-digit", "id with spaces", "ëlement/é", "a.b_c-D", "x" * 200])
def test_given_ids_are_kept_verbatim(identifier):
    model = Model(id="m")
    model.add_element(Element.new(E.GOAL, "g", id=identifier))
    assert list(model.elements) == [identifier]
    assert model.element(identifier).id == identifier


def test_properties_keep_their_order_and_repeated_keys():
    pairs = [("FORA-term", "Cijfers registreren"), ("source", "FORA"), ("FORA-term", "Toetsen"), ("a", "")]
    element = Element.new(E.ACTIVITY, "x", properties=pairs)
    assert element.properties == tuple(pairs)
    assert element.property_values("FORA-term") == ["Cijfers registreren", "Toetsen"]
    model = Model(properties=pairs)
    assert model.properties == tuple(pairs)


@pytest.mark.parametrize("name", ["", "   ", "<script>alert(1)</script>", "Leerlingvolgsysteem – ë 漢字 😀"])
def test_names_are_kept_as_given_and_labels_fall_back_to_the_id(name):
    element = Element.new(E.ACTIVITY, name, id="a-1")
    assert element.name == name
    assert element.label == (name if name.strip() else "[a-1]")


# ------------------------------------------------------------------------------ editing


def snapshot(model: Model) -> tuple[int, str]:
    return model.version, dumps_model(model)


def test_adding_elements_and_relations_bumps_the_version():
    model = Model(id="m")
    versions = [model.version]
    model.add_element(Element.new(E.ACTIVITY, "Grade", id="a"))
    versions.append(model.version)
    model.add_element(Element.new(E.APPLICATION, "Magister", id="app"))
    model.add_relation(Relation.new(R.SUPPORTS, "app", "a", id="r"))
    versions.append(model.version)
    assert versions == sorted(set(versions))
    assert list(model.elements) == ["a", "app"] and list(model.relations) == ["r"]


@pytest.mark.parametrize(
    ("relation", "reason"),
    [
        (Relation.new(R.SUPPORTS, "nowhere", "a-grades", id="r-new"), Reason.DANGLING_ENDPOINT),
        (Relation.new(R.SUPPORTS, "app-som", "nowhere", id="r-new"), Reason.DANGLING_ENDPOINT),
        (Relation.new(R.SUPPORTS, "g-teach", "a-grades", id="r-new"), Reason.DISALLOWED_RELATION),
        (Relation.new(R.COMPOSED_OF, "a-grades", "a-plan", id="r-new"), Reason.DISALLOWED_RELATION),
        (Relation.new(R.REALIZES, "t-las", "t-lms", id="r-new"), Reason.DISALLOWED_RELATION),
        (Relation.new(R.FLOWS_TO, "app-som", "t-las", id="r-new"), Reason.DISALLOWED_RELATION),
        (Relation.new(R.SUPPORTS, "app-som", "r-som-grades", id="r-new"), Reason.DISALLOWED_RELATION),
        (Relation.new(R.SUPPORTS, "app-som", "a-plan", id="a-grades"), Reason.DUPLICATE_ID),
        (Relation.new(R.SUPPORTS, "app-som", "a-plan", id="r-som-grades"), Reason.DUPLICATE_ID),
    ],
    ids=["dangling-source", "dangling-target", "goal-supports", "activity-composed", "type-realizes-type",
         "flow-to-type", "fora-relation-on-relation", "id-of-element", "id-of-relation"],
)
def test_a_refused_relation_leaves_the_model_unchanged(relation, reason):
    model = tiny_school()
    before = snapshot(model)
    with pytest.raises(EditRejected) as caught:
        model.add_relation(relation)
    assert reason in [f.reason for f in caught.value.findings]
    assert all(f.message and f.hint for f in caught.value.findings)
    assert snapshot(model) == before


def test_a_disallowed_triple_hint_says_where_the_relation_may_go():
    model = tiny_school()
    with pytest.raises(EditRejected) as caught:
        model.add_relation(Relation.new(R.REALIZES, "app-som", "a-grades", id="r-x"))
    (finding,) = caught.value.findings
    assert finding.element == "r-x"
    assert "system type" in finding.hint


def test_a_duplicate_element_id_is_refused_and_changes_nothing():
    model = tiny_school()
    before = snapshot(model)
    with pytest.raises(EditRejected) as caught:
        model.add_element(Element.new(E.GOAL, "Another", id="a-grades"))
    assert [f.reason for f in caught.value.findings] == [Reason.DUPLICATE_ID]
    assert snapshot(model) == before


def test_a_carried_relation_may_end_on_a_relation():
    model = tiny_school()
    model.add_relation(Relation.new(R.OTHER, "g-teach", "r-som-grades", id="r-note"))
    assert model.relation("r-note").target == "r-som-grades"


def test_update_element_refuses_a_kind_that_breaks_its_relations():
    model = tiny_school()
    before = snapshot(model)
    with pytest.raises(EditRejected) as caught:
        model.update_element(model.element("app-som").replace(kind=E.GOAL))
    # a goal has neither Somtoday's relations nor its application attributes: both are named
    assert {f.reason for f in caught.value.findings} == {Reason.DISALLOWED_RELATION, Reason.UNKNOWN_ATTRIBUTE}
    # Somtoday has two supports relations and one accesses relation: three refusals, plus its attributes
    assert {f.element for f in caught.value.findings} == {"r-som-grades", "r-som-admin", "r-som-acc", "app-som"}
    assert snapshot(model) == before


def test_update_element_accepts_a_kind_its_relations_allow():
    model = tiny_school()
    # Somtoday supports two elements and accesses information: an application function may do both
    model.update_element(model.element("app-som").replace(kind=E.APPLICATION_FUNCTION, attributes={}))
    assert model.element("app-som").kind is E.APPLICATION_FUNCTION


def test_update_element_replaces_in_place_and_bumps_the_version():
    model = tiny_school()
    version = model.version
    model.update_element(model.element("a-grades").replace(name="Record marks"))
    assert model.element("a-grades").name == "Record marks"
    assert model.version > version
    assert list(model.elements).index("a-grades") == 5  # keeps its place in model order


def test_update_relation_refuses_a_dangling_endpoint_and_changes_nothing():
    model = tiny_school()
    before = snapshot(model)
    moved = model.relation("r-som-grades").replace(target="gone")
    with pytest.raises(EditRejected) as caught:
        model.update_relation(moved)
    assert [f.reason for f in caught.value.findings] == [Reason.DANGLING_ENDPOINT]
    assert snapshot(model) == before


def test_removing_an_element_cascades_to_relations_and_relations_on_them():
    model = tiny_school()
    model.add_relation(Relation.new(R.OTHER, "g-teach", "r-som-grades", id="r-on-rel"))
    model.add_relation(Relation.new(R.OTHER, "r-on-rel", "g-gov", id="r-on-rel-on-rel"))
    model.add_relation(Relation.new(R.OTHER, "g-teach", "g-gov", id="r-untouched"))
    relations_before = set(model.relations)
    removed = model.remove("app-som")
    # Somtoday's own relations, the note on its support, and the note on that note
    gone = {"r-som-grades", "r-som-admin", "r-som-acc", "r-on-rel", "r-on-rel-on-rel"}
    assert removed[0] == "app-som"
    assert set(removed[1:]) == gone
    assert "app-som" not in model.elements
    assert set(model.relations) == relations_before - gone
    assert "r-untouched" in model.relations


def test_removing_a_relation_removes_the_relations_on_it_only():
    model = tiny_school()
    model.add_relation(Relation.new(R.OTHER, "g-teach", "r-som-grades", id="r-note"))
    assert model.remove("r-som-grades") == ["r-som-grades", "r-note"]
    assert "app-som" in model.elements and "r-som-admin" in model.relations


def test_removing_information_drops_it_from_flows_carries():
    model = model_of(
        [("a1", E.APPLICATION, "A"), ("a2", E.APPLICATION, "B"), ("i1", E.INFORMATION, "Pupils"),
         ("i2", E.INFORMATION, "Grades")],
        [("f1", R.FLOWS_TO, "a1", "a2", {"carries": ["i1", "i2"]}),
         ("f2", R.FLOWS_TO, "a2", "a1", {"carries": ["i2"]}),
         ("w1", R.ACCESSES, "a1", "i1", {"access": "write"})],
    )
    removed = model.remove("i1")
    assert removed == ["i1", "w1"]
    assert model.relation("f1").attributes["carries"] == ("i2",)
    assert model.relation("f2").attributes["carries"] == ("i2",)


def test_removing_an_unknown_id_raises_key_error_naming_it():
    model = tiny_school()
    with pytest.raises(KeyError, match="nope"):
        model.remove("nope")


def test_from_parts_keeps_the_first_of_two_concepts_with_one_id():
    first = Element.new(E.GOAL, "First", id="g")
    model = Model.from_parts([first, Element.new(E.GOAL, "Second", id="g")], [])
    assert model.element("g").name == "First"


def test_copy_is_equal_and_independent():
    model = tiny_school()
    other = model.copy()
    assert other == model
    other.remove("app-som")
    assert other != model and "app-som" in model.elements


def test_models_differ_when_order_differs():
    # a model's concepts are ordered; the same concepts in another order are another model
    a, b = Element.new(E.GOAL, "A", id="a"), Element.new(E.GOAL, "B", id="b")
    assert Model.from_parts([a, b], [], id="m") != Model.from_parts([b, a], [], id="m")
    assert Model.from_parts([a, b], [], id="m") == Model.from_parts([a, b], [], id="m")


def test_elements_view_is_read_only():
    model = tiny_school()
    with pytest.raises(TypeError):
        model.elements["x"] = Element.new(E.GOAL, "x")  # type: ignore[index]


# ------------------------------------------------------------------------------ accepted edits stay valid


def change_kind_of_orphan(model: Model) -> None:
    # Old Portal (vendor, annual_cost, lifecycle) becomes a system type, which has none of those attributes
    model.update_element(model.element("app-old").replace(kind=E.SYSTEM_TYPE))


def change_kind_of_access(model: Model) -> None:
    # Magister's readwrite access to Grades becomes a supports relation, which has no access attribute
    model.update_relation(model.relation("r-mag-acc").replace(kind=R.SUPPORTS, target="a-grades"))


def flow_carrying_a_missing_id(model: Model) -> None:
    model.add_relation(Relation.new(R.FLOWS_TO, "app-mag", "app-som", id="r-flow", carries=["ghost"]))


def flow_carrying_an_activity(model: Model) -> None:
    model.add_relation(Relation.new(R.FLOWS_TO, "app-mag", "app-som", id="r-flow", carries=["a-grades"]))


def carried_information_changes_kind(model: Model) -> None:
    model.add_element(Element.new(E.INFORMATION, "Timetable", id="i-time"))
    model.add_relation(Relation.new(R.FLOWS_TO, "app-mag", "app-som", id="r-flow", carries=["i-time"]))
    model.update_element(model.element("i-time").replace(kind=E.GOAL, attributes={}))


def renaming_and_removing(model: Model) -> None:
    model.update_element(model.element("a-grades").replace(name="Record marks"))
    model.update_element(model.element("app-som").with_attributes(annual_cost=9000, lifecycle="active"))
    model.update_relation(model.relation("r-som-grades").replace(target="a-absence"))
    model.remove("i-grades")




@pytest.mark.parametrize(
    ("edit", "may_refuse"),
    [
        (renaming_and_removing, False),
        (change_kind_of_orphan, True),
        (change_kind_of_access, True),
        (flow_carrying_a_missing_id, True),
        (flow_carrying_an_activity, True),
        (carried_information_changes_kind, True),
    ],
)
def test_an_accepted_edit_leaves_a_valid_model_that_saves_and_loads(edit, may_refuse):
    """The editing methods either refuse an edit or leave a model without errors that round-trips."""
    model = tiny_school()
    try:
        edit(model)
    except EditRejected:
        assert may_refuse
        return  # refusing a bad edit is the other correct outcome
    assert [f for f in validate(model) if f.is_error] == []
    result = loads_model(dumps_model(model))
    assert result.findings == []
    assert result.model == model
