"""Root and inherited duplicates on a hand-built reference model.

    Student care (p-care, a business function)  <--supports-- Care records (f-care)
        |-- composed_of --> Intake (p-intake)      <-- assigned_to -- LAS (t-las), SIS (t-sis)
        |-- composed_of --> Follow-up (p-follow)
        |-- composed_of --> Referral (p-refer)
    each child process is composed of one activity (a-intake, a-follow, a-refer).

Two system types share the function, so p-care is duplicated (the root row); the three activities
below it reach both types only through p-care, so they are inherited from it. Once a-refer gets
support of both types of its own it is a root row too; with only one (SIS directly) it stays
inherited.
"""

from __future__ import annotations

from fora_model import ElementKind, Model, Relation, RelationKind
from fora_model.analysis.duplicates import duplicated_activities
from fora_model.datasets import load_reference

from .tiny import fresh_activity_model, model_of

E = ElementKind
R = RelationKind


def _reference(*, own_referral_support: bool = False) -> Model:
    relations = [
        ("r-las-f", R.ASSIGNED_TO, "t-las", "f-care"),
        ("r-sis-f", R.ASSIGNED_TO, "t-sis", "f-care"),
        ("r-f-care", R.SUPPORTS, "f-care", "p-care"),
        ("r-c-i", R.COMPOSED_OF, "p-care", "p-intake"),
        ("r-c-f", R.COMPOSED_OF, "p-care", "p-follow"),
        ("r-c-r", R.COMPOSED_OF, "p-care", "p-refer"),
        ("r-i-a", R.COMPOSED_OF, "p-intake", "a-intake"),
        ("r-f-a", R.COMPOSED_OF, "p-follow", "a-follow"),
        ("r-r-a", R.COMPOSED_OF, "p-refer", "a-refer"),
    ]
    if own_referral_support:
        relations.append(("r-sis-refer", R.SUPPORTS, "t-sis", "a-refer"))
        relations.append(("r-las-refer", R.SUPPORTS, "t-las", "a-refer"))
    return model_of(
        [
            ("p-care", E.PROCESS, "Student care"),
            ("p-intake", E.PROCESS, "Intake"),
            ("p-follow", E.PROCESS, "Follow-up"),
            ("p-refer", E.PROCESS, "Referral"),
            ("a-intake", E.ACTIVITY, "Register intake"),
            ("a-follow", E.ACTIVITY, "Plan follow-up"),
            ("a-refer", E.ACTIVITY, "Refer student"),
            ("t-las", E.SYSTEM_TYPE, "LAS"),
            ("t-sis", E.SYSTEM_TYPE, "SIS"),
            ("f-care", E.APPLICATION_FUNCTION, "Care records"),
        ],
        relations,
    )


def test_one_root_row_and_three_inherited() -> None:
    model = _reference()
    roots = duplicated_activities(model, include_inherited=False)
    assert roots["activity_id"].tolist() == ["p-care"]
    assert roots["inherited_from"].tolist() == [""]
    every = duplicated_activities(model, include_inherited=True)
    marked = dict(zip(every["activity_id"], every["inherited_from_id"], strict=True))
    assert marked == {"p-care": "", "a-intake": "p-care", "a-follow": "p-care", "a-refer": "p-care"}
    names = set(every.loc[every["inherited_from_id"] != "", "inherited_from"])
    assert names == {"Student care"}


def test_own_support_of_two_types_makes_a_root() -> None:
    model = _reference(own_referral_support=True)
    roots = duplicated_activities(model, include_inherited=False)
    assert sorted(roots["activity_id"]) == ["a-refer", "p-care"]


def test_one_own_supporter_is_not_enough_to_be_a_root() -> None:
    # SIS comes directly, LAS only through p-care: one supporter of its own, so still inherited
    model = _reference()
    model.add_relation(Relation.new(R.SUPPORTS, "t-sis", "a-refer", id="r-own"))
    assert duplicated_activities(model, include_inherited=False)["activity_id"].tolist() == ["p-care"]
    every = duplicated_activities(model, include_inherited=True).set_index("activity_id")
    assert every.loc["a-refer", "inherited_from_id"] == "p-care"


def test_reference_headline_counts_behaviours_two_types_serve_themselves() -> None:
    # the nearest process wins: Intake gets both types of its own, so its activity inherits from Intake
    model = _reference()
    model.add_relation(Relation.new(R.SUPPORTS, "t-las", "p-intake", id="r-las-intake"))
    model.add_relation(Relation.new(R.SUPPORTS, "t-sis", "p-intake", id="r-sis-intake"))
    assert sorted(duplicated_activities(model, include_inherited=False)["activity_id"]) == ["p-care", "p-intake"]
    every = duplicated_activities(model, include_inherited=True).set_index("activity_id")
    assert every.loc["a-intake", "inherited_from"] == "Intake"
    assert every.loc["a-follow", "inherited_from"] == "Student care"


def test_on_the_reference_model_roots_are_what_two_types_serve_themselves() -> None:
    reference = load_reference()
    roots = duplicated_activities(reference, include_inherited=False)
    own = duplicated_activities(reference, paths="direct,function,type")
    assert len(roots) > 0
    assert sorted(roots["activity_id"]) == sorted(own["activity_id"])
    every = duplicated_activities(reference)
    assert len(every) > len(roots)
    assert (every["inherited_from_id"] != "").sum() == len(every) - len(roots)


# ----------------------------------------------------------------------------- coverage by inheritance
def test_a_fresh_activity_under_a_supported_process_is_covered_by_inheritance() -> None:
    from fora_model.analysis.coverage import goal_coverage, unsupported_activities
    from fora_model.analysis.status import element_status

    model = fresh_activity_model()
    status = element_status(model).set_index("element_id")
    assert status["status"].to_dict() == {
        "p-assess": "supported", "a-grades": "duplicated", "a-fresh": "inherited", "a-mark": "supported",
        "a-appoint": "expected gap"}
    assert status.loc["a-fresh", ["supporters", "own_supporters"]].tolist() == [1, 0]
    assert status.loc["a-mark", ["supporters", "own_supporters"]].tolist() == [2, 1]
    # covered, so no gap; but not supported by a system of its own
    assert "a-fresh" not in set(unsupported_activities(model)["activity_id"])
    (row,) = goal_coverage(model).to_dict("records")
    assert (row["elements"], row["needing_support"], row["supported"], row["inherited"], row["unsupported"],
            row["expected_gaps"], row["coverage"]) == (5, 4, 3, 1, 0, 1, 1.0)


def test_linking_a_system_to_the_fresh_activity_makes_it_supported() -> None:
    from fora_model.analysis.status import element_status

    model = fresh_activity_model()
    model.add_relation(Relation.new(R.SUPPORTS, "app-som", "a-fresh", id="r-som-fresh"))
    status = element_status(model).set_index("element_id")
    # Somtoday of its own, Magister still only through Assessment: one own supporter
    assert status.loc["a-fresh", ["supporters", "own_supporters", "status"]].tolist() == [2, 1, "supported"]
