"""Validation over the model's tables finds what checking every concept one by one finds, worded the same."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from fora_model import Element, ElementKind, Finding, Model, Reason, Relation, RelationKind, Severity, validate
from fora_model.datasets import load_reference, load_sample
from fora_model.model import is_archi_id
from fora_model.rules import check_relation
from fora_model.validate import _hierarchy_warnings

E = ElementKind
R = RelationKind
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


def one_by_one(model: Model) -> list[Finding]:
    """Validation as it is written in the rules: every relation, element and id looked at in turn."""
    findings: list[Finding] = []
    for relation in model.relations.values():
        findings.extend(check_relation(model, relation))
    findings.extend(_hierarchy_warnings(model))
    for element in model.elements.values():
        if not element.name.strip() and element.kind is not ElementKind.OTHER:
            findings.append(Finding(Severity.WARNING, Reason.EMPTY_NAME, element.id,
                                    f"this {element.kind.label} has no name", "give it a name"))
    seen: Counter[tuple[str, str, str, str]] = Counter()
    for relation in model.relations.values():
        if relation.kind is RelationKind.OTHER:
            continue
        key = (relation.kind.value, relation.source, relation.target, str(relation.attributes.get("access", "")))
        seen[key] += 1
        if seen[key] == 2:
            findings.append(Finding(
                Severity.WARNING, Reason.DUPLICATE_RELATION, relation.id,
                f"the same {relation.kind.label} relation from {relation.source!r} to {relation.target!r} "
                "appears more than once", "delete the copy",
            ))
    for identifier in [model.id, *model.elements, *model.relations]:
        if not is_archi_id(identifier):
            findings.append(Finding(Severity.INFO, Reason.INVALID_ID, identifier,
                                    "Archi's CSV import does not accept this id",
                                    "use letters, digits, '.', '_' and '-' only"))
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(findings, key=lambda f: order[f.severity])


def untidy() -> Model:
    """Every kind of relation problem once, some twice, between a handful of elements."""
    elements = [
        Element(id="app", kind=E.APPLICATION, name="Magister"),
        Element(id="act", kind=E.ACTIVITY, name="Record grades"),
        Element(id="goal", kind=E.GOAL, name="Good teaching"),
        Element(id="info", kind=E.INFORMATION, name="Grades"),
        Element(id="nameless", kind=E.PROCESS, name="  "),
        Element(id="junction", kind=E.OTHER, name=""),
        Element(id="bad id", kind=E.APPLICATION, name="Spaces in the id"),
        Element(id="app2", kind=E.APPLICATION, name="Somtoday"),
    ]
    relations = [
        Relation(id="ok", kind=R.SUPPORTS, source="app", target="act"),
        Relation(id="ok-again", kind=R.SUPPORTS, source="app", target="act"),          # second copy: a warning
        Relation(id="ok-third", kind=R.SUPPORTS, source="app", target="act"),          # third: no more
        Relation(id="goal-supports", kind=R.SUPPORTS, source="goal", target="act"),     # triple not allowed
        Relation(id="dangling", kind=R.SUPPORTS, source="ghost", target="act"),         # no such source
        Relation(id="dangling-2", kind=R.SUPPORTS, source="ghost", target="act"),       # ... and its copy
        Relation(id="on-relation", kind=R.SUPPORTS, source="app", target="ok"),         # FORA relation on a relation
        Relation(id="carried", kind=R.OTHER, source="app", target="ok"),                # fine: carried relation
        Relation(id="other-any", kind=R.OTHER, source="goal", target="info"),           # fine: any two elements
        Relation(id="flow", kind=R.FLOWS_TO, source="app", target="app2", attributes={"carries": ("act", "info")}),
        Relation(id="read", kind=R.ACCESSES, source="act", target="info", attributes={"access": "read"}),
        Relation(id="write", kind=R.ACCESSES, source="act", target="info", attributes={"access": "write"}),
        Relation(id="read-2", kind=R.ACCESSES, source="act", target="info", attributes={"access": "read"}),
    ]
    return Model.from_parts(elements, relations, id="m1", name="Untidy")


def test_each_problem_of_the_untidy_model_is_found_once_in_model_order():
    found = [(f.severity.value, f.reason, f.element) for f in validate(untidy())]
    assert found == [
        ("error", Reason.DISALLOWED_RELATION, "goal-supports"),
        ("error", Reason.DANGLING_ENDPOINT, "dangling"),
        ("error", Reason.DANGLING_ENDPOINT, "dangling-2"),
        ("error", Reason.DISALLOWED_RELATION, "on-relation"),
        ("error", Reason.DANGLING_ENDPOINT, "flow"),        # carries an activity, not information
        ("warning", Reason.EMPTY_NAME, "nameless"),          # the junction (kind other) needs no name
        ("warning", Reason.DUPLICATE_RELATION, "ok-again"),
        ("warning", Reason.DUPLICATE_RELATION, "dangling-2"),
        ("warning", Reason.DUPLICATE_RELATION, "read-2"),    # the write access is another relation
        ("info", Reason.INVALID_ID, "bad id"),
    ]


def test_an_id_that_ends_in_a_line_break_is_judged_as_before():
    model = Model.from_parts([Element(id="a\n", kind=E.ACTIVITY, name="x"), Element(id="b c", kind=E.ACTIVITY,
                                                                                  name="y")], [], id="m")
    assert [f.element for f in validate(model) if f.reason is Reason.INVALID_ID] == [
        i for i in ("a\n", "b c") if not is_archi_id(i)]


@pytest.mark.parametrize("build", [untidy, load_sample, load_reference], ids=["untidy", "sample", "reference"])
def test_findings_equal_the_one_by_one_checks(build):
    model = build()
    assert validate(model) == one_by_one(model)


def test_findings_equal_the_one_by_one_checks_on_a_synthetic_model_with_problems():
    model = _synthetic().synthetic_model("school", seed=0)
    activity = next(e for e in model.elements.values() if e.kind is E.ACTIVITY)
    goal = next(e for e in model.elements.values() if e.kind is E.GOAL)
    copy = next(r for r in model.relations.values() if r.kind is R.SUPPORTS)
    broken = Model.from_parts(
        [*model.elements.values(), Element(id="id-nameless", kind=E.ACTIVITY, name="")],
        [
            *model.relations.values(),
            Relation(id="id-copy", kind=R.SUPPORTS, source=copy.source, target=copy.target),
            Relation(id="id-wrong", kind=R.SUPPORTS, source=goal.id, target=activity.id),
            Relation(id="id-ghost", kind=R.COMPOSED_OF, source="id-missing", target=activity.id),
        ],
        id=model.id, name=model.name)
    findings = validate(broken)
    assert {"id-copy", "id-wrong", "id-ghost", "id-nameless"} <= {f.element for f in findings}
    assert findings == one_by_one(broken)
