"""Support resolution (DOMAIN §3): supportable elements, the four paths and their chains, levels,
lifecycles. Each model here is a handful of elements; the expected chains are read off the drawing."""

from __future__ import annotations

import pytest

from fora_model import ALL_PATHS, Relation, RelationKind, support_matrix, support_table
from fora_model.analysis import parse_paths, resolve_level
from fora_model.errors import EditRejected
from fora_model.vocabulary import ElementKind
from tests.tiny import chain_model, loop_model, model_of, tiny_school

E = ElementKind
R = RelationKind


def chains(model, level=None, paths=None) -> set[tuple[str, str, str]]:
    """(element id, supporter id, path) of every chain."""
    matrix = support_matrix(model, level=level, paths=paths)
    return set(zip(matrix["element_id"], matrix["supporter_id"], matrix["path"], strict=True))


def supporters(model, element, level=None, paths=None) -> set[str]:
    return {s for e, s, _ in chains(model, level, paths) if e == element}


# ------------------------------------------------------------------------------ the full chain


def test_the_full_chain_is_named_by_its_steps():
    # itslearning -realizes-> LMS -assigned_to-> Lesson plans -supports-> Teaching -composed_of-> Give lesson
    matrix = support_matrix(chain_model())
    rows = matrix[["element_id", "supporter_id", "path", "via_type", "via_function", "via_parent"]]
    assert rows.to_dict("records") == [
        {"element_id": "a", "supporter_id": "app", "path": "type>function>parent", "via_type": "LMS",
         "via_function": "Lesson plans", "via_parent": "Teaching"},
        {"element_id": "p", "supporter_id": "app", "path": "type>function", "via_type": "LMS",
         "via_function": "Lesson plans", "via_parent": ""},
    ]


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        # a chain survives only when every step of its name is enabled
        ("direct,function,type,parent", {("p", "type>function"), ("a", "type>function>parent")}),
        ("function,type", {("p", "type>function")}),
        ("function,type,parent", {("p", "type>function"), ("a", "type>function>parent")}),
        ("direct,function,parent", set()),
        ("direct,type,parent", set()),
        ("type,parent", set()),
        ("direct", set()),
    ],
)
def test_paths_keep_a_chain_only_when_every_step_is_enabled(paths, expected):
    assert {(e, p) for e, _, p in chains(chain_model(), "application", paths)} == expected


def test_at_system_type_level_the_type_supports_by_its_own_links():
    assert chains(chain_model(), "system_type") == {("p", "t", "function"), ("a", "t", "function>parent")}
    assert chains(chain_model(), "system_type", "direct,parent") == set()


def test_direct_and_function_paths_of_an_application():
    model = model_of(
        [("a", E.ACTIVITY, "Enrol"), ("f", E.APPLICATION_FUNCTION, "Enrolment"), ("app", E.APPLICATION, "ESIS")],
        [("s", R.SUPPORTS, "app", "a"), ("asg", R.ASSIGNED_TO, "app", "f"), ("fs", R.SUPPORTS, "f", "a")],
    )
    assert chains(model) == {("a", "app", "direct"), ("a", "app", "function")}
    assert chains(model, paths="function") == {("a", "app", "function")}
    assert chains(model, paths="direct") == {("a", "app", "direct")}


def test_parent_only_keeps_support_inherited_from_a_direct_link_on_the_parent():
    # the chain "parent" has the one step "parent": support of the process arrives even without "direct"
    model = model_of(
        [("p", E.PROCESS, "Care"), ("a", E.ACTIVITY, "Log concern"), ("app", E.APPLICATION, "CPOMS")],
        [("c", R.COMPOSED_OF, "p", "a"), ("s", R.SUPPORTS, "app", "p")],
    )
    assert chains(model, paths="parent") == {("a", "app", "parent")}
    assert chains(model, paths="direct") == {("p", "app", "direct")}


# ------------------------------------------------------------------------------ supportable elements


def test_supportable_elements_are_activities_and_processes_with_their_own_support():
    table = support_table(tiny_school())
    supportable = set(table.tables.ids[table.supportable])
    # p-gov counts although only a planned application supports it: the support is attached to it
    assert supportable == {"a-grades", "a-plan", "a-council", "a-absence", "p-edu", "p-admin", "p-gov"}


def test_a_process_supported_only_from_above_is_not_a_row():
    model = model_of(
        [("top", E.PROCESS, "Top"), ("mid", E.PROCESS, "Middle"), ("a", E.ACTIVITY, "Leaf"),
         ("app", E.APPLICATION, "Suite")],
        [("c1", R.COMPOSED_OF, "top", "mid"), ("c2", R.COMPOSED_OF, "mid", "a"), ("s", R.SUPPORTS, "app", "top")],
    )
    assert chains(model) == {("top", "app", "direct"), ("a", "app", "parent")}


# ------------------------------------------------------------------------------ lifecycles, suites, parents


@pytest.mark.parametrize(
    ("lifecycle", "counts"),
    [("plan", False), ("phase-in", True), ("active", True), ("phase-out", True), ("end-of-life", True), (None, True)],
)
def test_only_planned_applications_are_not_current_support(lifecycle, counts):
    attributes = {"lifecycle": lifecycle} if lifecycle else {}
    model = model_of(
        [("a", E.ACTIVITY, "Timetable"), ("t", E.SYSTEM_TYPE, "Timetabling"), ("app", E.APPLICATION, "Zermelo",
                                                                                attributes)],
        [("s", R.SUPPORTS, "app", "a"), ("rt", R.REALIZES, "app", "t"), ("ts", R.SUPPORTS, "t", "a")],
    )
    assert supporters(model, "a", "application") == ({"app"} if counts else set())
    assert supporters(model, "a", "system_type") == {"t"}  # the type supports whatever the application's state


def test_a_suite_realizing_two_types_that_support_one_element_is_one_supporter():
    model = model_of(
        [("a", E.ACTIVITY, "Message parents"), ("t1", E.SYSTEM_TYPE, "LAS"), ("t2", E.SYSTEM_TYPE, "Parent portal"),
         ("app", E.APPLICATION, "Magister")],
        [("s1", R.SUPPORTS, "t1", "a"), ("s2", R.SUPPORTS, "t2", "a"), ("r1", R.REALIZES, "app", "t1"),
         ("r2", R.REALIZES, "app", "t2")],
    )
    table = support_table(model, level="application")
    assert table.supporter_counts().tolist() == [1, 0, 0, 0]
    matrix = support_matrix(model, level="application")
    assert sorted(matrix["via_type"]) == ["LAS", "Parent portal"]  # two chains, one supporter
    assert support_table(model, level="system_type").supporter_counts().tolist() == [2, 0, 0, 0]


def test_an_element_with_two_parents_inherits_from_both():
    model = tiny_school()
    # Plan lessons sits under Education (Magister via LAS and Grade book) and Administration (Somtoday)
    assert {(s, p) for e, s, p in chains(model) if e == "a-plan"} == {
        ("app-mag", "type>function>parent"), ("app-som", "parent")}
    matrix = support_matrix(model)
    assert sorted(matrix.loc[matrix["element_id"] == "a-plan", "via_parent"]) == ["Administration", "Education"]


def test_composition_loops_are_ignored_for_inheritance_and_terminate():
    # Alpha and Beta compose each other (and Alpha itself): both links are ignored, so Gamma inherits
    # from Beta only, by its link that is not on the loop
    assert chains(loop_model()) == {
        ("p-alpha", "app-alpha", "direct"), ("p-beta", "app-beta", "direct"), ("a-gamma", "app-beta", "parent")}


def test_a_self_loop_changes_nothing():
    model = tiny_school()
    before = chains(model)
    model.add_relation(Relation.new(R.COMPOSED_OF, "p-edu", "p-edu", id="r-self"))
    assert chains(model) == before


# ------------------------------------------------------------------------------ options and levels


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (None, ALL_PATHS),
        ("direct, function", {"direct", "function"}),
        ("DIRECT,Parent,", {"direct", "parent"}),
        (["type", "parent"], {"type", "parent"}),
        ({"direct"}, {"direct"}),
    ],
)
def test_parse_paths(given, expected):
    assert parse_paths(given) == frozenset(expected)


@pytest.mark.parametrize("given", ["direct,inherit", "", " , ", ["typo"]])
def test_parse_paths_refuses_unknown_or_no_paths(given):
    with pytest.raises(ValueError, match="direct"):
        parse_paths(given)


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (tiny_school, "application"),
        (chain_model, "application"),
        (lambda: model_of([("a", E.ACTIVITY, "A"), ("t", E.SYSTEM_TYPE, "T")], [("s", R.SUPPORTS, "t", "a")]),
         "system_type"),
        (lambda: model_of([("a", E.ACTIVITY, "A"), ("app", E.APPLICATION, "P", {"lifecycle": "plan"})],
                          [("s", R.SUPPORTS, "app", "a")]), "system_type"),
        (lambda: model_of([("a", E.ACTIVITY, "A"), ("app", E.APPLICATION, "Idle")], []), "system_type"),
    ],
    ids=["school", "chain", "reference-model", "only-planned-apps", "apps-supporting-nothing"],
)
def test_default_level_is_applications_when_any_application_supports_anything(build, expected):
    model = build()
    assert resolve_level(model) == expected
    assert support_table(model).level == expected


def test_an_unknown_level_is_refused():
    with pytest.raises(ValueError, match="system_type"):
        support_table(tiny_school(), level="apps")


def test_support_follows_edits_of_the_model():
    model = tiny_school()
    assert supporters(model, "a-absence") == set()
    model.update_element(model.element("app-new").with_attributes(lifecycle="phase-in"))
    assert supporters(model, "a-absence") == {"app-new"}
    model.remove("r-new-absence")
    assert supporters(model, "a-absence") == set()


def test_a_refused_edit_does_not_disturb_support():
    model = tiny_school()
    before = chains(model)
    with pytest.raises(EditRejected):
        model.add_relation(Relation.new(R.SUPPORTS, "g-teach", "a-absence", id="r-bad"))
    assert chains(model) == before
