"""The metamodel as data: which (source kind, relation kind, target kind) triples are allowed."""

from __future__ import annotations

import itertools

import pytest

from fora_model import ALLOWED, Element, ElementKind, Model, Reason, Relation, RelationKind
from fora_model.rules import allowed_sources, allowed_targets, check_relation, is_allowed

E = ElementKind
R = RelationKind

# The relation kinds of issue 2, §1, written out by hand. `accesses` from a process is also
# allowed: DOMAIN §4 lists Process/Function -> Business/DataObject access as valid in Archi, and a
# FORA process is a BusinessFunction. `accesses` from a system type too: FORA draws Access from its
# reference components to information objects (DOMAIN §4, "which system holds which information").
SPEC = {
    R.CONTRIBUTES_TO: ({E.PROCESS, E.ACTIVITY}, {E.GOAL}),
    R.COMPOSED_OF: ({E.PROCESS}, {E.PROCESS, E.ACTIVITY}),
    R.ACCESSES: ({E.ACTIVITY, E.PROCESS, E.APPLICATION, E.SYSTEM_TYPE, E.APPLICATION_FUNCTION}, {E.INFORMATION}),
    R.SUPPORTS: ({E.APPLICATION, E.SYSTEM_TYPE, E.APPLICATION_FUNCTION}, {E.PROCESS, E.ACTIVITY}),
    R.REALIZES: ({E.APPLICATION}, {E.SYSTEM_TYPE}),
    R.ASSIGNED_TO: ({E.APPLICATION, E.SYSTEM_TYPE}, {E.APPLICATION_FUNCTION}),
    R.FLOWS_TO: ({E.APPLICATION}, {E.APPLICATION}),
}
EXPECTED = {(s, rel, t) for rel, (sources, targets) in SPEC.items() for s in sources for t in targets}
FORA_RELATIONS = [k for k in R if k is not R.OTHER]


def test_allowed_is_exactly_the_documented_table():
    assert set(ALLOWED) == EXPECTED


def one_of_each_kind() -> Model:
    return Model.from_parts([Element.new(kind, kind.value, id=kind.value) for kind in E], [], id="m")


@pytest.mark.parametrize("relation", FORA_RELATIONS, ids=str)
def test_check_relation_follows_the_table_for_every_pair_of_kinds(relation):
    model = one_of_each_kind()
    for source, target in itertools.product(E, E):
        findings = check_relation(model, Relation.new(relation, source.value, target.value, id="r"))
        if (source, relation, target) in EXPECTED:
            assert findings == [], (source, target)
        else:
            assert [f.reason for f in findings] == [Reason.DISALLOWED_RELATION], (source, target)
            assert findings[0].element == "r"
            assert findings[0].hint


@pytest.mark.parametrize("source", list(E), ids=str)
def test_carried_relations_may_join_any_two_concepts(source):
    model = one_of_each_kind()
    for target in E:
        assert check_relation(model, Relation.new(R.OTHER, source.value, target.value, id="r")) == []
        assert is_allowed(source, R.OTHER, target)


def test_a_carried_relation_may_end_on_a_relation_but_a_fora_relation_may_not():
    model = one_of_each_kind()
    model.add_relation(Relation.new(R.SUPPORTS, "application", "activity", id="serves"))
    assert check_relation(model, Relation.new(R.OTHER, "goal", "serves", id="note")) == []
    (finding,) = check_relation(model, Relation.new(R.SUPPORTS, "application", "serves", id="bad"))
    assert finding.reason is Reason.DISALLOWED_RELATION
    assert "serves" in finding.message


@pytest.mark.parametrize(
    ("source", "target", "roles"),
    [("ghost", "activity", ["source"]), ("application", "ghost", ["target"]), ("ghost", "spook", ["source", "target"])],
)
def test_missing_endpoints_are_dangling_and_named(source, target, roles):
    findings = check_relation(one_of_each_kind(), Relation.new(R.SUPPORTS, source, target, id="r"))
    assert [f.reason for f in findings] == [Reason.DANGLING_ENDPOINT] * len(roles)
    for finding, role in zip(findings, roles, strict=True):
        assert role in finding.message
        assert "add the element" in finding.hint


@pytest.mark.parametrize(
    ("source", "relation", "targets"),
    [
        (E.APPLICATION, R.REALIZES, ("system_type",)),
        (E.APPLICATION, R.SUPPORTS, ("process", "activity")),
        (E.SYSTEM_TYPE, R.REALIZES, ()),
        (E.GOAL, R.CONTRIBUTES_TO, ()),
        (E.PROCESS, R.COMPOSED_OF, ("process", "activity")),
    ],
)
def test_allowed_targets(source, relation, targets):
    assert allowed_targets(source, relation) == targets


def test_allowed_sources():
    assert set(allowed_sources(R.SUPPORTS)) == {"application", "system_type", "application_function"}
    assert allowed_sources(R.OTHER) == ()
