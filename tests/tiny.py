"""Tiny hand-built models whose analyses can be checked by eye.

The main one, :func:`tiny_school`, is drawn here so every expected value in the tests can be
traced back to it::

    goals       Good teaching (g-teach)          Sound governance (g-gov)
                  ^            ^                      ^
                  | contributes_to                    |
    processes   Education (p-edu)   Administration (p-admin)   Governance (p-gov, needs_support false)
                  |        \\          /                          |
                  | composed_of      /                           | composed_of
    activities  Record grades   Plan lessons                Appoint council     Register absence
                (a-grades)      (a-plan: two parents)       (a-council)         (a-absence, high,
                                                                                 contributes to g-teach)

    LAS (t-las) --assigned_to--> Grade book (f-book) --supports--> Education
    LMS (t-lms) --supports--> Record grades
    Magister (app-mag, 12000, active) --realizes--> LAS and LMS (a suite: one supporter)
    Somtoday (app-som, 8000, phase-out) --supports--> Record grades, Administration
    Parnassys Next (app-new, plan) --supports--> Register absence, Governance (does not count)
    Old Portal (app-old, 1000, active, vendor Acme) supports nothing (the orphan)
    Record grades writes Grades (i-grades); Somtoday writes it; Magister reads and writes it.
"""

from __future__ import annotations

from fora_model import Element, ElementKind, Model, Relation, RelationKind

__all__ = [
    "chain_model",
    "fresh_activity_model",
    "loop_model",
    "model_of",
    "tiny_school",
]

E = ElementKind
R = RelationKind


def model_of(elements: list[tuple], relations: list[tuple], **header: object) -> Model:
    """A checked model from ``(id, kind, name, attributes)`` and ``(id, kind, source, target, attributes)``
    tuples (attributes optional), built through the editing API so every edit is checked."""
    model = Model(id=str(header.pop("id", "m-tiny")), name=str(header.pop("name", "Tiny")))
    for item in elements:
        identifier, kind, name, *rest = item
        attributes = rest[0] if rest else {}
        model.add_element(Element.new(kind, name, id=identifier, **attributes))
    for item in relations:
        identifier, kind, source, target, *rest = item
        attributes = rest[0] if rest else {}
        model.add_relation(Relation.new(kind, source, target, id=identifier, **attributes))
    return model


def tiny_school() -> Model:
    """The 17-element school drawn in the module docstring."""
    return model_of(
        [
            ("g-teach", E.GOAL, "Good teaching"),
            ("g-gov", E.GOAL, "Sound governance"),
            ("p-edu", E.PROCESS, "Education"),
            ("p-admin", E.PROCESS, "Administration"),
            ("p-gov", E.PROCESS, "Governance", {"needs_support": False}),
            ("a-grades", E.ACTIVITY, "Record grades"),
            ("a-plan", E.ACTIVITY, "Plan lessons"),
            ("a-council", E.ACTIVITY, "Appoint council"),
            ("a-absence", E.ACTIVITY, "Register absence", {"criticality": "high"}),
            ("i-grades", E.INFORMATION, "Grades", {"personal_data": True}),
            ("t-las", E.SYSTEM_TYPE, "LAS"),
            ("t-lms", E.SYSTEM_TYPE, "LMS"),
            ("f-book", E.APPLICATION_FUNCTION, "Grade book"),
            ("app-mag", E.APPLICATION, "Magister", {"annual_cost": 12000, "lifecycle": "active"}),
            ("app-som", E.APPLICATION, "Somtoday", {"annual_cost": 8000, "lifecycle": "phase-out"}),
            ("app-new", E.APPLICATION, "Parnassys Next", {"annual_cost": 5000, "lifecycle": "plan"}),
            ("app-old", E.APPLICATION, "Old Portal", {"annual_cost": 1000, "lifecycle": "active", "vendor": "Acme"}),
        ],
        [
            ("r-goal-edu", R.CONTRIBUTES_TO, "p-edu", "g-teach"),
            ("r-goal-gov", R.CONTRIBUTES_TO, "p-gov", "g-gov"),
            ("r-goal-absence", R.CONTRIBUTES_TO, "a-absence", "g-teach"),
            ("r-edu-grades", R.COMPOSED_OF, "p-edu", "a-grades"),
            ("r-edu-plan", R.COMPOSED_OF, "p-edu", "a-plan"),
            ("r-admin-plan", R.COMPOSED_OF, "p-admin", "a-plan"),
            ("r-gov-council", R.COMPOSED_OF, "p-gov", "a-council"),
            ("r-las-book", R.ASSIGNED_TO, "t-las", "f-book"),
            ("r-book-edu", R.SUPPORTS, "f-book", "p-edu"),
            ("r-lms-grades", R.SUPPORTS, "t-lms", "a-grades"),
            ("r-mag-las", R.REALIZES, "app-mag", "t-las"),
            ("r-mag-lms", R.REALIZES, "app-mag", "t-lms"),
            ("r-som-grades", R.SUPPORTS, "app-som", "a-grades"),
            ("r-som-admin", R.SUPPORTS, "app-som", "p-admin"),
            ("r-new-absence", R.SUPPORTS, "app-new", "a-absence"),
            ("r-new-gov", R.SUPPORTS, "app-new", "p-gov"),
            ("r-grades-acc", R.ACCESSES, "a-grades", "i-grades", {"access": "write"}),
            ("r-som-acc", R.ACCESSES, "app-som", "i-grades", {"access": "write"}),
            ("r-mag-acc", R.ACCESSES, "app-mag", "i-grades", {"access": "readwrite"}),
        ],
        id="m-tiny-school",
        name="Tiny school",
    )


def chain_model() -> Model:
    """The shortest full chain: application -> system type -> function -> parent process -> activity."""
    return model_of(
        [
            ("p", E.PROCESS, "Teaching"),
            ("a", E.ACTIVITY, "Give lesson"),
            ("t", E.SYSTEM_TYPE, "LMS"),
            ("f", E.APPLICATION_FUNCTION, "Lesson plans"),
            ("app", E.APPLICATION, "itslearning"),
        ],
        [
            ("r1", R.COMPOSED_OF, "p", "a"),
            ("r2", R.ASSIGNED_TO, "t", "f"),
            ("r3", R.SUPPORTS, "f", "p"),
            ("r4", R.REALIZES, "app", "t"),
        ],
    )


def loop_model() -> Model:
    """Alpha and Beta compose each other, Alpha composes itself, Beta composes the activity Gamma.

    Every ``composed_of`` on the loop is ignored for inheritance, so Gamma inherits from Beta only:
    App Beta supports it (path ``parent``), App Alpha does not.
    """
    return model_of(
        [
            ("p-alpha", E.PROCESS, "Alpha"),
            ("p-beta", E.PROCESS, "Beta"),
            ("a-gamma", E.ACTIVITY, "Gamma"),
            ("app-alpha", E.APPLICATION, "App Alpha"),
            ("app-beta", E.APPLICATION, "App Beta"),
        ],
        [
            ("r-ab", R.COMPOSED_OF, "p-alpha", "p-beta"),
            ("r-ba", R.COMPOSED_OF, "p-beta", "p-alpha"),
            ("r-aa", R.COMPOSED_OF, "p-alpha", "p-alpha"),
            ("r-bg", R.COMPOSED_OF, "p-beta", "a-gamma"),
            ("r-s-alpha", R.SUPPORTS, "app-alpha", "p-alpha"),
            ("r-s-beta", R.SUPPORTS, "app-beta", "p-beta"),
        ],
    )


def fresh_activity_model() -> Model:
    """A supported process with a freshly added activity below it::

        Assessment (p-assess) <--supports-- Magister (app-mag)
          |-- Record grades (a-grades)   <--supports-- Magister, Somtoday (app-som)
          |-- Moderate tests (a-fresh)   (just added: nobody linked a system to it)
          |-- Mark exams (a-mark)        <--supports-- Somtoday
        Exam board (p-board, needs_support false) -- Appoint examiners (a-appoint)

    Record grades has two supporters of its own (duplicated), Mark exams one of its own and one
    through Assessment (supported), Moderate tests only the one through Assessment (inherited),
    Appoint examiners none and needs none (expected gap).
    """
    return model_of(
        [
            ("g", E.GOAL, "Fair assessment"),
            ("p-assess", E.PROCESS, "Assessment"),
            ("a-grades", E.ACTIVITY, "Record grades"),
            ("a-fresh", E.ACTIVITY, "Moderate tests"),
            ("a-mark", E.ACTIVITY, "Mark exams"),
            ("p-board", E.PROCESS, "Exam board", {"needs_support": False}),
            ("a-appoint", E.ACTIVITY, "Appoint examiners"),
            ("app-mag", E.APPLICATION, "Magister"),
            ("app-som", E.APPLICATION, "Somtoday"),
        ],
        [
            ("r-goal", R.CONTRIBUTES_TO, "p-assess", "g"),
            ("r-goal-board", R.CONTRIBUTES_TO, "p-board", "g"),
            ("r-1", R.COMPOSED_OF, "p-assess", "a-grades"),
            ("r-2", R.COMPOSED_OF, "p-assess", "a-fresh"),
            ("r-3", R.COMPOSED_OF, "p-assess", "a-mark"),
            ("r-4", R.COMPOSED_OF, "p-board", "a-appoint"),
            ("r-mag-assess", R.SUPPORTS, "app-mag", "p-assess"),
            ("r-mag-grades", R.SUPPORTS, "app-mag", "a-grades"),
            ("r-som-grades", R.SUPPORTS, "app-som", "a-grades"),
            ("r-som-mark", R.SUPPORTS, "app-som", "a-mark"),
        ],
    )
