"""What a model memoises (integer tables, hierarchy, support resolution) follows ``copy()`` and every
editing method, and gives exactly what a freshly built model gives.

Each case warms a model (every analysis run once, so its tables, hierarchy and support are memoised),
copies it, makes one edit through an editing method and compares every analysis of the carried copy
with those of a model built from the same concepts with nothing memoised. On the tiny school and on
the sample school; one case also makes all the edits one after another on one carried model.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

import fora_model as fm
from fora_model import Element, ElementKind, Model, Relation, RelationKind
from fora_model.hierarchy import hierarchy
from fora_model.tables import ModelTables, model_tables
from tests.tiny import tiny_school

E = ElementKind
R = RelationKind

ANALYSES: list[tuple[str, Callable[[Model], pd.DataFrame]]] = [
    ("duplicates", lambda m: fm.duplicated_activities(m)),
    ("root duplicates", lambda m: fm.duplicated_activities(m, include_inherited=False)),
    ("duplicates of types", lambda m: fm.duplicated_activities(m, level="system_type")),
    ("duplicates, direct and function", lambda m: fm.duplicated_activities(m, paths="direct,function")),
    ("duplicates, serving", lambda m: fm.duplicated_activities(m, paths="serving")),
    ("unsupported", lambda m: fm.unsupported_activities(m)),
    ("goal coverage", lambda m: fm.goal_coverage(m)),
    ("orphans", lambda m: fm.orphan_applications(m)),
    ("matrix", lambda m: fm.support_matrix(m)),
    ("overlap", lambda m: fm.application_overlap(m)),
]


def warm(model: Model) -> Model:
    """``model`` with every analysis run once (its tables, hierarchy and support memoised)."""
    for _, analysis in ANALYSES:
        analysis(model)
    model_tables(model).label_order  # noqa: B018 - computed once and kept
    return model


def fresh(model: Model) -> Model:
    """The same concepts and header in a new model with nothing memoised."""
    return Model.from_parts(list(model.elements.values()), list(model.relations.values()), id=model.id,
                            name=model.name, documentation=model.documentation, properties=model.properties,
                            translations=model.translations, extras=model.extras)


def assert_same_tables(carried: ModelTables, built: ModelTables) -> None:
    for field in ModelTables.__dataclass_fields__:
        left, right = getattr(carried, field), getattr(built, field)
        assert left.dtype == right.dtype, field
        assert np.array_equal(left, right, equal_nan=left.dtype.kind == "f"), field
    for left, right in zip(carried.label_order, built.label_order, strict=True):
        assert np.array_equal(left, right)
    for kind in (R.SUPPORTS, R.COMPOSED_OF, R.ACCESSES):
        for left, right in zip(carried.relation_pairs(kind), built.relation_pairs(kind), strict=True):
            assert np.array_equal(left, right), kind


def assert_same(carried: Model, built: Model, *, every: bool = True) -> None:
    """Every table and analysis of ``carried`` equals that of ``built`` (with ``every=False``, the
    tables, the hierarchy, support and duplicates)."""
    assert carried == built
    assert_same_tables(model_tables(carried), model_tables(built))
    left, right = hierarchy(carried), hierarchy(built)
    for field in ("parent", "child", "loop_parent", "loop_child", "needs_support"):
        assert np.array_equal(getattr(left, field), getattr(right, field)), field
    for level in fm.LEVELS:
        for paths in (None, "direct,function", "serving") if every else (None,):
            a, b = fm.support_table(carried, level=level, paths=paths), fm.support_table(built, level=level,
                                                                                          paths=paths)
            pd.testing.assert_frame_equal(a.chains, b.chains)
            assert np.array_equal(a.supportable, b.supportable)
            assert a.tables is model_tables(carried)
    for name, analysis in ANALYSES if every else ANALYSES[:2]:
        pd.testing.assert_frame_equal(analysis(carried), analysis(built), obj=name)


def first(model: Model, kind: ElementKind, index: int = 0) -> Element:
    return model.elements_of(kind)[index]


def first_relation(model: Model, kind: RelationKind, test: Callable[[Relation], bool] = lambda r: True) -> Relation:
    return next(r for r in model.relations_of(kind) if test(r))


def _rename(m: Model) -> None:
    app = first(m, E.APPLICATION)
    m.update_element(app.replace(name=app.name + " 2"))


def _same_name_as_another(m: Model) -> None:
    m.update_element(first(m, E.ACTIVITY, 1).replace(name=first(m, E.ACTIVITY).name))


def _unique_name(m: Model) -> None:
    m.update_element(first(m, E.ACTIVITY).replace(name="Zz unique activity"))


def _no_name(m: Model) -> None:
    m.update_element(first(m, E.ACTIVITY).replace(name=""))


def _cost(m: Model) -> None:
    app = first(m, E.APPLICATION)
    m.update_element(app.replace(attributes={**app.attributes, "annual_cost": 4321.0}))


def _planned(m: Model) -> None:
    app = first(m, E.APPLICATION)
    m.update_element(app.replace(attributes={**app.attributes, "lifecycle": "plan"}))


def _phase_out(m: Model) -> None:
    app = first(m, E.APPLICATION, 1)
    m.update_element(app.replace(attributes={**app.attributes, "lifecycle": "phase-out"}))


def _no_support_needed(m: Model) -> None:
    process = first(m, E.PROCESS)
    m.update_element(process.replace(attributes={**process.attributes, "needs_support": False}))


def _documented(m: Model) -> None:
    m.update_element(first(m, E.SYSTEM_TYPE).replace(documentation="changed"))


def _new_kind(m: Model) -> None:
    # an activity without relations becomes a process (the relations it has allow it either way)
    activity = m.add_element(Element.new(E.ACTIVITY, "Soon a process", id="a-soon"))
    m.update_element(activity.replace(kind=E.PROCESS))


def _add_activity(m: Model) -> None:
    m.add_element(Element.new(E.ACTIVITY, "A new activity", id="a-new"))


def _add_application(m: Model) -> None:
    m.add_element(Element.new(E.APPLICATION, "Aa first by name", id="app-added", annual_cost=10))


def _link(m: Model) -> None:
    m.add_relation(Relation.new(R.SUPPORTS, first(m, E.APPLICATION, 1).id, first(m, E.ACTIVITY, 2).id,
                                id="r-linked"))


def _link_new(m: Model) -> None:
    activity = m.add_element(Element.new(E.ACTIVITY, "Under a process", id="a-under"))
    m.add_relation(Relation.new(R.COMPOSED_OF, first(m, E.PROCESS).id, activity.id, id="r-under"))
    m.add_relation(Relation.new(R.SUPPORTS, first(m, E.APPLICATION).id, activity.id, id="r-under-sup"))
    m.add_relation(Relation.new(R.ACCESSES, first(m, E.APPLICATION).id, first(m, E.INFORMATION).id, id="r-wr",
                                access="write"))


def _access(m: Model) -> None:
    relation = first_relation(m, R.ACCESSES)
    access = "read" if relation.attributes.get("access") in ("write", "readwrite") else "write"
    m.update_relation(relation.replace(attributes={**relation.attributes, "access": access}))


def _retarget(m: Model) -> None:
    relation = first_relation(m, R.SUPPORTS, lambda r: m.element(r.source).kind == E.APPLICATION)
    others = [a for a in m.elements_of(E.ACTIVITY) if a.id != relation.target]
    m.update_relation(relation.replace(target=others[-1].id))


def _unlink(m: Model) -> None:
    m.remove(first_relation(m, R.SUPPORTS).id)


def _unlink_composition(m: Model) -> None:
    m.remove(first_relation(m, R.COMPOSED_OF).id)


def _remove_application(m: Model) -> None:
    m.remove(first(m, E.APPLICATION).id)


def _remove_activity(m: Model) -> None:
    m.remove(first(m, E.ACTIVITY).id)


def _remove_information(m: Model) -> None:
    m.remove(first(m, E.INFORMATION).id)


def _remove_unlinked(m: Model) -> None:
    m.add_element(Element.new(E.GOAL, "Short-lived", id="g-short"))
    m.remove("g-short")


def _header(m: Model) -> None:
    m.set_header(name="Renamed", language="nl")


EDITS: list[Callable[[Model], None]] = [
    _rename, _same_name_as_another, _unique_name, _no_name, _cost, _planned, _phase_out, _no_support_needed,
    _documented, _new_kind, _add_activity, _add_application, _link, _link_new, _access, _retarget, _unlink,
    _unlink_composition, _remove_application, _remove_activity, _remove_information, _remove_unlinked, _header,
]

_SAMPLE: list[Model] = []


def sample() -> Model:
    if not _SAMPLE:
        _SAMPLE.append(warm(fm.load_sample()))
    return _SAMPLE[0]


MODELS = {"tiny": lambda: warm(tiny_school()), "sample": sample}


@pytest.mark.parametrize("which", list(MODELS))
@pytest.mark.parametrize("edit", EDITS, ids=lambda f: f.__name__.strip("_"))
def test_an_edit_on_a_carried_model_gives_what_a_fresh_model_gives(which: str, edit: Callable[[Model], None]) -> None:
    carried = MODELS[which]().copy()
    edit(carried)
    assert_same(carried, fresh(carried))


@pytest.mark.parametrize("which", list(MODELS))
def test_edits_one_after_another_on_one_carried_model(which: str) -> None:
    carried = MODELS[which]().copy()
    for edit in EDITS:
        edit(carried)
        assert_same(carried, fresh(carried), every=False)
        carried = carried.copy()
    assert_same(carried, fresh(carried))


def test_a_copy_starts_from_what_its_original_memoised() -> None:
    model = warm(tiny_school())
    tables = model_tables(model)
    copy = model.copy()
    assert model_tables(copy) is tables
    assert fm.support_table(copy) is fm.support_table(model)


def _built_again(model: Model) -> ModelTables:
    raise AssertionError("the tables were built again")


@pytest.mark.parametrize("edit", [_rename, _cost, _planned, _add_activity, _link, _access, _unlink,
                                  _remove_application, _header], ids=lambda f: f.__name__.strip("_"))
def test_the_tables_follow_an_edit_instead_of_being_built_again(edit: Callable[[Model], None]) -> None:
    model = warm(tiny_school()).copy()
    edit(model)
    assert isinstance(model.memo("tables", lambda: _built_again(model)), ModelTables)


def test_a_rename_keeps_support_and_hierarchy_and_a_new_link_does_not() -> None:
    model = warm(tiny_school()).copy()
    support, levels = fm.support_table(model), hierarchy(model)
    _rename(model)
    assert fm.support_table(model).chains is support.chains and hierarchy(model) is levels
    _link(model)
    assert hierarchy(model) is levels  # a supports relation leaves composed_of as it was
    assert fm.support_table(model).chains is not support.chains


def test_the_original_is_untouched_by_edits_on_its_copy() -> None:
    model = warm(tiny_school())
    before = {name: analysis(model) for name, analysis in ANALYSES}
    copy = model.copy()
    for edit in EDITS:
        edit(copy)
    for name, analysis in ANALYSES:
        pd.testing.assert_frame_equal(analysis(model), before[name], obj=name)
    assert_same(model, fresh(model))
