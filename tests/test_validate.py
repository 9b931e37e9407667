"""Validation: errors are what makes an analysis wrong; warnings are the untidiness of real models."""

from __future__ import annotations

import pytest

from fora_model import (
    Element,
    ElementKind,
    Finding,
    Model,
    ModelInvalidError,
    Reason,
    Relation,
    RelationKind,
    Severity,
    findings_frame,
    load_model,
    validate,
    write_json,
)
from fora_model.errors import has_errors
from tests.tiny import loop_model, tiny_school

E = ElementKind
R = RelationKind


def reasons(findings: list[Finding]) -> list[tuple[str, Reason, str]]:
    return [(f.severity.value, f.reason, f.element) for f in findings]


def test_the_tiny_school_has_one_warning_for_its_element_under_two_processes():
    assert reasons(validate(tiny_school())) == [("warning", Reason.SEVERAL_PARENTS, "a-plan")]


def test_composition_loops_are_warnings_naming_each_loop_relation():
    findings = validate(loop_model())
    assert not has_errors(findings)
    loops = [f for f in findings if f.reason is Reason.COMPOSITION_LOOP]
    # Alpha <-> Beta is one loop of two relations; Alpha -> Alpha a self-loop; Beta -> Gamma is no loop
    assert sorted(f.element for f in loops) == ["r-aa", "r-ab", "r-ba"]
    assert all(f.severity is Severity.WARNING and f.hint for f in loops)
    self_loop = next(f for f in loops if f.element == "r-aa")
    assert "itself" in self_loop.message


def test_a_self_loop_alone_is_a_warning():
    model = Model.from_parts(
        [Element.new(E.PROCESS, "Round", id="p")], [Relation.new(R.COMPOSED_OF, "p", "p", id="c")]
    )
    assert reasons(validate(model)) == [("warning", Reason.COMPOSITION_LOOP, "c")]


def model_with(relations: list[Relation], extra: list[Element] = ()) -> Model:
    elements = [
        Element.new(E.ACTIVITY, "Grade", id="a"),
        Element.new(E.APPLICATION, "Magister", id="app"),
        Element.new(E.APPLICATION, "Somtoday", id="app2"),
        Element.new(E.GOAL, "Goal", id="g"),
        Element.new(E.INFORMATION, "Grades", id="i"),
        *extra,
    ]
    return Model.from_parts(elements, relations, id="m")


@pytest.mark.parametrize(
    ("relations", "expected"),
    [
        ([Relation.new(R.SUPPORTS, "ghost", "a", id="r")], [("error", Reason.DANGLING_ENDPOINT, "r")]),
        ([Relation.new(R.SUPPORTS, "app", "ghost", id="r")], [("error", Reason.DANGLING_ENDPOINT, "r")]),
        ([Relation.new(R.SUPPORTS, "g", "a", id="r")], [("error", Reason.DISALLOWED_RELATION, "r")]),
        ([Relation.new(R.CONTRIBUTES_TO, "a", "app", id="r")], [("error", Reason.DISALLOWED_RELATION, "r")]),
        ([Relation.new(R.SUPPORTS, "app", "a", id="r"), Relation.new(R.SUPPORTS, "app2", "r", id="r2")],
         [("error", Reason.DISALLOWED_RELATION, "r2")]),
        ([Relation.new(R.FLOWS_TO, "app", "app2", id="f", carries=["ghost"])],
         [("error", Reason.DANGLING_ENDPOINT, "f")]),
        ([Relation.new(R.FLOWS_TO, "app", "app2", id="f", carries=["a"])],
         [("error", Reason.DANGLING_ENDPOINT, "f")]),
    ],
    ids=["missing-source", "missing-target", "goal-supports", "contributes-to-application", "supports-a-relation",
         "flow-carries-unknown", "flow-carries-an-activity"],
)
def test_errors_name_the_relation_say_what_is_wrong_and_how_to_fix_it(relations, expected):
    findings = validate(model_with(relations))
    assert reasons(findings) == expected
    assert all(f.message and f.hint for f in findings)


def test_errors_come_before_warnings_and_info():
    model = model_with(
        [Relation.new(R.SUPPORTS, "app", "a", id="bad id"), Relation.new(R.SUPPORTS, "ghost", "a", id="r")],
        extra=[Element.new(E.ACTIVITY, "", id="nameless")],
    )
    findings = validate(model)
    assert [f.severity for f in findings] == [Severity.ERROR, Severity.WARNING, Severity.INFO]
    assert reasons(findings) == [
        ("error", Reason.DANGLING_ENDPOINT, "r"),
        ("warning", Reason.EMPTY_NAME, "nameless"),
        ("info", Reason.INVALID_ID, "bad id"),
    ]


def test_untidiness_gives_warnings_only():
    model = model_with(
        [Relation.new(R.SUPPORTS, "app", "a", id="r1"), Relation.new(R.SUPPORTS, "app", "a", id="r2")],
        extra=[Element.new(E.ACTIVITY, "  ", id="blank"), Element.new(E.OTHER, "", id="junction",
                                                                         archimate_type="OrJunction")],
    )
    findings = validate(model)
    assert not has_errors(findings)
    # the second copy of the relation is named; a nameless junction is normal, a nameless activity is not
    assert reasons(findings) == [("warning", Reason.EMPTY_NAME, "blank"), ("warning", Reason.DUPLICATE_RELATION, "r2")]


def test_an_empty_model_is_valid():
    assert validate(Model(id="m")) == []


def test_findings_frame_has_one_row_per_finding():
    findings = validate(model_with([Relation.new(R.SUPPORTS, "ghost", "a", id="r")]))
    frame = findings_frame(findings)
    assert list(frame.columns) == ["severity", "reason", "element", "location", "message", "hint"]
    assert frame.to_dict("records") == [{
        "severity": "error", "reason": "dangling-endpoint", "element": "r", "location": "",
        "message": findings[0].message, "hint": findings[0].hint,
    }]
    assert list(findings_frame([]).columns) == list(frame.columns)


def test_a_finding_prints_as_one_line_with_severity_reason_element_and_hint():
    finding = Finding(Severity.ERROR, Reason.DANGLING_ENDPOINT, "r1", "its source 'x' does not exist",
                      "add the element 'x'", "school.json relations[3]")
    assert str(finding) == (
        "error dangling-endpoint: school.json relations[3]: [r1] its source 'x' does not exist — add the element 'x'"
    )


def test_load_model_refuses_a_model_with_errors_listing_the_findings(tmp_path):
    path = tmp_path / "bad.json"
    write_json(model_with([Relation.new(R.SUPPORTS, "ghost", "a", id="r")]), path)
    with pytest.raises(ModelInvalidError) as caught:
        load_model(path)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)
    assert [f.reason for f in caught.value.findings if f.is_error] == [Reason.DANGLING_ENDPOINT]


def test_load_model_accepts_a_model_with_warnings_only(tmp_path):
    path = tmp_path / "loops.json"
    write_json(loop_model(), path)
    assert load_model(path) == loop_model()
