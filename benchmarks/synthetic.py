"""Seeded synthetic FORA models for benchmarks: a school, a school board, a national landscape.

``synthetic_model("board", seed=0)`` builds a model shaped like real data, only bigger:

* goals, with processes and some activities contributing to them;
* a process hierarchy: 7 domains, main functions, business functions and (under some of them)
  sub-functions, with the activities below; a few elements sit under two parents and a couple of
  ``composed_of`` relations close a loop (one process composes itself), as in real models; the
  school-board domain is marked ``needs_support: false`` (expected gaps);
* information objects that the activities read and write;
* the 28 FORA system types, with reference application functions assigned to them (a third of
  the functions belong to two or more types); the infrastructure types (identity, single sign-on,
  integration) support no activity;
* applications that realise 1-3 system types, support activities (and some processes) directly,
  are assigned reference functions and functions of their own, write information and pass it on
  through flows; a few are planned, phasing out or at end of life, a few support nothing;
  costs, fits, contracts and hosting as an application portfolio has them.

Each application works in one region of the process tree, as real products do, so support is
clustered rather than uniform. Ids are ``id-<32 hex>`` from the seed, so one seed always gives
the same model (the same :func:`~fora_model.content_hash`).

The model is assembled from typed :class:`~fora_model.Element` and
:class:`~fora_model.Relation` values with :meth:`~fora_model.Model.from_parts` (no per-change
checks), so the national size builds in seconds. It validates without errors.

Command line::

    python benchmarks/synthetic.py board -o board.json [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

if importlib.util.find_spec("fora_model") is None:  # run from a checkout without installing
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fora_model.io.native import write_json
from fora_model.model import Element, Model, Relation
from fora_model.vocabulary import ElementKind, RelationKind

__all__ = ["PRESETS", "Shape", "main", "shape_for", "synthetic_model"]

PRESETS: dict[str, tuple[int, int]] = {
    "school": (500, 2_200),
    "board": (20_000, 100_000),
    "national": (300_000, 1_000_000),
}
"""Preset name -> (target elements, target relations)."""

RELATIONS_PER_ELEMENT = 4.0
"""Relations per element when the size is given as a number of elements."""

K = ElementKind
R = RelationKind

DOMAINS: list[tuple[str, str, float]] = [
    ("School board", "Bevoegd gezag", 0.06),
    ("School management", "Schoolleiding", 0.09),
    ("Education", "Onderwijs", 0.27),
    ("Education support", "Onderwijsondersteuning", 0.15),
    ("Pupil guidance and care", "Leerlingbegeleiding en -zorg", 0.14),
    ("Operations", "Bedrijfsvoering", 0.22),
    ("General", "Algemeen", 0.07),
]
"""The 7 FORA domains: English name, Dutch term, share of the process tree."""

SYSTEM_TYPES: list[tuple[str, str]] = [
    ("Pupil administration", "Leerlingadministratiesysteem"),
    ("Pupil progress tracking", "Leerlingvolgsysteem"),
    ("Learning management system", "Learning management system"),
    ("Learning portal", "Elektronische leeromgeving"),
    ("Timetabling", "Roostersysteem"),
    ("Testing", "Toetssysteem"),
    ("Educational content", "Educatieve applicatie"),
    ("Library", "Mediatheekbeheersysteem"),
    ("Career guidance", "LOB-systeem"),
    ("Care records", "Zorgadministratiesysteem"),
    ("Coaching", "Onderwijsbegeleidingssysteem"),
    ("Pupil-file transfer", "Overdrachtvoorziening"),
    ("Parent portal", "Ouderportaal"),
    ("Staff communication", "Teamcommunicatiesysteem"),
    ("Intranet", "Intranet"),
    ("Office suite", "Office suite"),
    ("Cloud storage", "Cloudopslagsysteem"),
    ("Quality management", "Kwaliteitsbeheersysteem"),
    ("School plan", "Schoolplanbeheersysteem"),
    ("Surveys", "Enquêtesysteem"),
    ("HR and payroll", "Personeelsysteem"),
    ("Finance", "Financieel systeem"),
    ("Payments", "Betaalsysteem"),
    ("Procurement", "Inkoopsysteem"),
    ("ICT service desk", "Servicemanagementsysteem"),
    ("Identity management", "Identiteitbeheersysteem"),
    ("Single sign-on", "Authenticatiesysteem"),
    ("Integration", "Integratiesysteem"),
]
"""The 28 core FORA system types (English name, Dutch term)."""

INFRASTRUCTURE_TYPES = 3
"""The last system types (identity, single sign-on, integration) support no activity."""

REFERENCE_FUNCTIONS = [
    "Messaging", "Group management", "Results reporting", "Attendance registration", "Enrolment",
    "Pupil file", "Timetable publication", "Room booking", "Assignment hand-in", "Grade book",
    "Test taking", "Test analysis", "Learning content delivery", "Learning paths", "Portfolio",
    "Lending", "Catalogue", "Career orientation", "Care plan", "Referral registration",
    "Coaching conversations", "File transfer", "Parent notifications", "Parent appointments",
    "News publication", "Document editing", "File sharing", "Video calls", "Quality dashboards",
    "Audit planning", "Plan cycle", "Survey design", "Survey analysis", "Employee records",
    "Payroll", "Leave registration", "General ledger", "Budgeting", "Invoicing", "Payment collection",
    "Purchase orders", "Contract register", "Incident handling", "Asset register", "Account provisioning",
    "Role management", "Single sign-on", "Multi-factor authentication", "Data exchange", "Scheduling jobs",
    "Absence reporting", "Lesson planning", "Feedback", "Rubrics", "Progress charts", "Exam registration",
    "Subject choices", "Intake forms", "Exit registration", "Consent registration",
]
"""Names of the reference application functions assigned to system types."""

PRODUCTS = [
    "ParnasSys", "Parro", "ESIS", "Magister", "Somtoday", "Zermelo", "Untis", "itslearning",
    "Google Classroom", "Microsoft Teams", "Cito", "Boom LVS", "IEP", "SIMS", "Arbor", "Bromcom",
    "CPOMS", "MyConcern", "Office 365", "Google Workspace", "AFAS", "Exact", "Topdesk", "Wis Collect",
    "Entree", "Kennisnet Federatie", "Basispoort", "Snappet", "Gynzy", "Momento", "Mediatheek Online",
    "Qompas", "Intergrip", "Schoolkassa", "Zorgkaart", "Kwaliteitsmonitor", "WMK", "Survalyzer",
    "YouForce", "Visma",
]
"""Product names used for applications (numbered when a model has more applications)."""

VERBS = [
    "Record", "Plan", "Assess", "Register", "Report", "Review", "Publish", "Archive", "Approve",
    "Schedule", "Monitor", "Prepare", "Evaluate", "Communicate", "Collect", "Update", "Transfer",
    "Analyse", "Coordinate", "Request",
]
OBJECTS = [
    "grades", "lessons", "absence", "intake", "pupil file", "care plan", "timetable", "tests",
    "parent contact", "budget", "invoices", "staff leave", "contracts", "incidents", "surveys",
    "school plan", "exam results", "subject choices", "learning paths", "library loans",
    "career choices", "referrals", "quality audit", "purchases", "assets", "accounts",
    "consent", "newsletter", "meetings", "progress",
]
INFORMATION = [
    "Pupil record", "Grade list", "Attendance record", "Care file", "Parent contact details",
    "Timetable", "Test result", "Lesson plan", "Staff record", "Payroll record", "Invoice",
    "Contract", "Budget line", "Incident ticket", "Survey response", "Quality report",
    "Learning path", "Loan record", "Consent form", "Exam registration",
]
VENDORS = [
    "Topicus", "Iddink", "Zermelo BV", "Untis GmbH", "itslearning AS", "Google", "Microsoft",
    "Cito BV", "Boom", "Capita", "Arbor Education", "Bromcom", "AFAS", "Topdesk", "Visma",
]
HOSTING = ["saas", "saas", "saas", "on-premise", "hybrid"]

_EMPTY: Mapping[str, Any] = {}
"""Shared by every concept without attributes: attribute mappings are never changed in place, and a
million empty dicts would cost 60 MB at national size."""


@dataclass(frozen=True)
class Shape:
    """How many of each kind a synthetic model gets (see :func:`shape_for`)."""

    elements: int
    relations: int
    goals: int
    main_functions: int
    business_functions: int
    sub_functions: int
    activities: int
    information: int
    reference_functions: int
    own_functions: int
    applications: int


def shape_for(elements: int, relations: int | None = None) -> Shape:
    """The counts per kind for a model of about ``elements`` elements and ``relations`` relations.

    Applications grow slower than the process tree (a board has a few hundred, a national
    landscape a few thousand); everything else is shared out in fixed proportions.
    """
    if elements < 400:
        raise ValueError("a synthetic model needs at least 400 elements")
    if relations is None:
        relations = round(elements * RELATIONS_PER_ELEMENT)
    applications = max(10, round(45 * (elements / 500) ** 0.65))
    goals = max(5, elements // 1000)
    reference = len(REFERENCE_FUNCTIONS)
    own = applications
    rest = elements - goals - len(DOMAINS) - len(SYSTEM_TYPES) - reference - own - applications
    processes = round(rest * 0.12)
    main_functions = max(len(DOMAINS), round(processes * 0.1))
    business = round(processes * 0.45)
    sub = processes - main_functions - business
    activities = round(rest * 0.50)
    information = rest - processes - activities
    return Shape(elements, relations, goals, main_functions, business, sub, activities, information,
                 reference, own, applications)


class _Ids:
    """``id-<32 hex>`` identifiers drawn from their own seeded stream."""

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng

    def take(self, count: int) -> list[str]:
        text = self._rng.bytes(16 * count).hex()
        return ["id-" + text[i: i + 32] for i in range(0, 32 * count, 32)]


class _Builder:
    """Collects elements and relations; relation ids are drawn when the model is assembled."""

    def __init__(self, seed: int) -> None:
        structure, identifiers = np.random.SeedSequence(seed).spawn(2)
        self.rng = np.random.default_rng(structure)
        self.ids = _Ids(np.random.default_rng(identifiers))
        self.elements: list[Element] = []
        # relations as parallel lists: kind, source id, target id, attributes
        self.rel_kind: list[RelationKind] = []
        self.rel_source: list[str] = []
        self.rel_target: list[str] = []
        self.rel_attrs: list[Mapping[str, Any]] = []

    def add_elements(
        self,
        kind: ElementKind,
        names: list[str],
        attributes: list[Mapping[str, Any]] | None = None,
        properties: list[tuple[tuple[str, str], ...]] | None = None,
    ) -> list[str]:
        ids = self.ids.take(len(names))
        archimate = kind.default_archimate_type
        special = kind.default_specialization or ""
        attrs = attributes or [_EMPTY] * len(names)
        props = properties or [()] * len(names)
        self.elements.extend(
            Element(i, kind, name, "", archimate, special, a, p, ())
            for i, name, a, p in zip(ids, names, attrs, props, strict=True)
        )
        return ids

    def relate(
        self,
        kind: RelationKind,
        sources: list[str],
        targets: list[str],
        attributes: list[Mapping[str, Any]] | None = None,
    ) -> None:
        self.rel_kind.extend([kind] * len(sources))
        self.rel_source.extend(sources)
        self.rel_target.extend(targets)
        self.rel_attrs.extend(attributes or [_EMPTY] * len(sources))

    def model(self, name: str) -> Model:
        count = len(self.rel_kind)
        ids = self.ids.take(count + 1)
        defaults = {kind: kind.default_archimate_type for kind in RelationKind}
        relations = (
            Relation(i, k, s, t, "", "", defaults[k], "", a, (), ())
            for i, k, s, t, a in zip(ids[1:], self.rel_kind, self.rel_source, self.rel_target, self.rel_attrs,
                                     strict=True)
        )
        return Model.from_parts(self.elements, relations, id=ids[0], name=name)


def _pick(ids: list[str], codes: np.ndarray) -> list[str]:
    return [ids[c] for c in codes.tolist()]


def _unique_pairs(a: np.ndarray, b: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (a, b) pairs, in order of first appearance."""
    keys = a.astype(np.int64) * base + b.astype(np.int64)
    _, first = np.unique(keys, return_index=True)
    first.sort()
    return a[first], b[first]


def _spread(rng: np.random.Generator, parents: int, children: int) -> np.ndarray:
    """Sorted parent codes for ``children`` children: every parent gets at least one child when
    there are enough children, the rest fall at random."""
    base = np.arange(min(parents, children))
    extra = rng.integers(0, parents, children - len(base))
    return np.sort(np.concatenate([base, extra]))


def _numbered(words: list[str], count: int, rng: np.random.Generator) -> list[str]:
    picks = rng.integers(0, len(words), count).tolist()
    return [f"{words[w]} {i + 1}" for i, w in enumerate(picks)]


def synthetic_model(size: str | int, seed: int = 0, *, relations: int | None = None) -> Model:
    """A seeded synthetic model: a preset name (``school``, ``board``, ``national``, see
    :data:`PRESETS`) or a number of elements (with :data:`RELATIONS_PER_ELEMENT` relations each
    unless ``relations`` says otherwise). The same size and seed always give the same model."""
    if isinstance(size, str):
        if size not in PRESETS:
            raise ValueError(f"unknown size {size!r}; choose {', '.join(PRESETS)} or a number of elements")
        elements, preset_relations = PRESETS[size]
        relations = preset_relations if relations is None else relations
        label = size
    else:
        elements, label = int(size), f"{int(size)} elements"
    shape = shape_for(elements, relations)
    b = _Builder(seed)
    rng = b.rng

    # --- goals
    goals = b.add_elements(K.GOAL, [f"Goal {i + 1}: {OBJECTS[i % len(OBJECTS)]}" for i in range(shape.goals)])

    # --- process hierarchy: domain > main function > business function > [sub-function] > activity
    shares = np.array([d[2] for d in DOMAINS])
    domains = b.add_elements(
        K.PROCESS, [d[0] for d in DOMAINS],
        attributes=[{"needs_support": False} if i == 0 else _EMPTY for i in range(len(DOMAINS))],
        properties=[(("FORA-term", d[1]),) for d in DOMAINS],
    )
    main_domain = np.sort(np.concatenate([
        np.arange(len(DOMAINS)),
        rng.choice(len(DOMAINS), shape.main_functions - len(DOMAINS), p=shares / shares.sum()),
    ]))
    mains = b.add_elements(K.PROCESS, [f"{DOMAINS[d][0]}: area {i + 1}" for i, d in enumerate(main_domain.tolist())])
    business_main = _spread(rng, shape.main_functions, shape.business_functions)
    governance = rng.random(shape.business_functions) < 0.03  # vision forming, supervision...
    business = b.add_elements(
        K.PROCESS, _numbered([f"{v} {o}" for v in VERBS[:8] for o in OBJECTS], shape.business_functions, rng),
        attributes=[{"needs_support": False} if g else _EMPTY for g in governance.tolist()],
    )
    deep = np.flatnonzero(rng.random(shape.business_functions) < 0.4)
    sub_business = np.sort(deep[rng.integers(0, len(deep), shape.sub_functions)])
    subs = b.add_elements(K.PROCESS, _numbered([f"{o} handling" for o in OBJECTS], shape.sub_functions, rng))

    # leaves (processes that hold activities) in tree order: a business function without
    # sub-functions, or a sub-function (sorted under its business function)
    has_sub = np.zeros(shape.business_functions, dtype=bool)
    has_sub[sub_business] = True
    leaf_business = np.flatnonzero(~has_sub)
    leaf_key = np.concatenate([leaf_business, sub_business]).astype(float)
    leaf_key[len(leaf_business):] += 0.5
    leaf_order = np.argsort(leaf_key, kind="stable")
    leaf_ids_all = [business[i] for i in leaf_business.tolist()] + subs
    leaves = [leaf_ids_all[i] for i in leaf_order.tolist()]
    leaf_business_of = np.concatenate([leaf_business, sub_business])[leaf_order]  # business code per leaf

    activity_leaf = _spread(rng, len(leaves), shape.activities)
    criticality = rng.choice(np.array(["", "low", "medium", "high"], dtype=object), shape.activities,
                             p=[0.4, 0.2, 0.25, 0.15])
    explicit_need = rng.random(shape.activities) < 0.01  # says needs_support: true under governance
    act_attrs: list[Mapping[str, Any]] = []
    for c, need in zip(criticality.tolist(), explicit_need.tolist(), strict=True):
        attrs: dict[str, Any] = {}
        if c:
            attrs["criticality"] = c
        if need:
            attrs["needs_support"] = True
        act_attrs.append(attrs or _EMPTY)
    activities = b.add_elements(
        K.ACTIVITY, _numbered([f"{v} {o}" for v in VERBS for o in OBJECTS], shape.activities, rng),
        attributes=act_attrs,
    )
    n_act = shape.activities

    b.relate(R.COMPOSED_OF, _pick(domains, main_domain), mains)
    b.relate(R.COMPOSED_OF, _pick(mains, business_main), business)
    b.relate(R.COMPOSED_OF, _pick(business, sub_business), subs)
    b.relate(R.COMPOSED_OF, _pick(leaves, activity_leaf), activities)
    # a few activities and sub-functions under a second parent
    # (always at least one of each; the second parent is never the first)
    second = np.flatnonzero((rng.random(n_act) < 0.01) | (np.arange(n_act) == n_act // 2))
    other_leaf = (activity_leaf[second] + rng.integers(1, len(leaves), len(second))) % len(leaves)
    b.relate(R.COMPOSED_OF, _pick(leaves, other_leaf), _pick(activities, second))
    second = np.flatnonzero((rng.random(shape.sub_functions) < 0.02) | (np.arange(shape.sub_functions) == 0))
    other_business = (sub_business[second] + rng.integers(1, shape.business_functions, len(second))) % (
        shape.business_functions)
    b.relate(R.COMPOSED_OF, _pick(business, other_business), _pick(subs, second))
    # a couple of loops: one business function composes itself, sub-functions compose their parent
    loops = max(2, elements // 100_000)
    selfish = int(rng.integers(0, shape.business_functions))
    b.relate(R.COMPOSED_OF, [business[selfish]], [business[selfish]])
    back = rng.choice(shape.sub_functions, loops - 1, replace=False)
    b.relate(R.COMPOSED_OF, _pick(subs, back), _pick(business, sub_business[back]))

    # --- goals: main functions contribute to 1-2 goals, a few business functions and activities to one
    goal_of_main = rng.integers(0, shape.goals, shape.main_functions)
    b.relate(R.CONTRIBUTES_TO, mains, _pick(goals, goal_of_main))
    twice = np.flatnonzero(rng.random(shape.main_functions) < 0.4)
    other_goal = (goal_of_main[twice] + 1 + rng.integers(0, shape.goals - 1, len(twice))) % shape.goals
    b.relate(R.CONTRIBUTES_TO, _pick(mains, twice), _pick(goals, other_goal))
    some = np.flatnonzero(rng.random(shape.business_functions) < 0.1)
    b.relate(R.CONTRIBUTES_TO, _pick(business, some), _pick(goals, rng.integers(0, shape.goals, len(some))))
    some = np.flatnonzero(rng.random(n_act) < 0.03)
    b.relate(R.CONTRIBUTES_TO, _pick(activities, some), _pick(goals, rng.integers(0, shape.goals, len(some))))

    # --- information, laid out along the tree like the activities that use it
    n_info = shape.information
    personal = rng.random(n_info) < 0.4
    sensitivity = rng.choice(np.array(["", "public", "internal", "confidential", "special"], dtype=object), n_info,
                             p=[0.3, 0.1, 0.35, 0.2, 0.05])
    info_attrs: list[Mapping[str, Any]] = []
    for p, s in zip(personal.tolist(), sensitivity.tolist(), strict=True):
        attrs = {"personal_data": True} if p else {}
        if s:
            attrs["sensitivity"] = s
        info_attrs.append(attrs or _EMPTY)
    information = b.add_elements(K.INFORMATION, _numbered(INFORMATION, n_info, rng), attributes=info_attrs)

    def near_info(position: np.ndarray, spread: float) -> np.ndarray:
        """Information codes near positions given on the activity axis."""
        centre = position * (n_info / n_act)
        offset = rng.normal(0.0, spread, len(position))
        return np.clip(np.rint(centre + offset), 0, n_info - 1).astype(np.int64)

    # --- system types and reference functions (a third of them in two or more types)
    n_types = len(SYSTEM_TYPES)
    types = b.add_elements(
        K.SYSTEM_TYPE, [t[0] for t in SYSTEM_TYPES], properties=[(("FORA-term", t[1]),) for t in SYSTEM_TYPES]
    )
    reference = b.add_elements(K.APPLICATION_FUNCTION, list(REFERENCE_FUNCTIONS))
    n_ref = len(reference)
    supporting_types = n_types - INFRASTRUCTURE_TYPES
    ref_type = np.concatenate([np.arange(n_types), rng.integers(0, supporting_types, n_ref - n_types)])
    rng.shuffle(ref_type)
    b.relate(R.ASSIGNED_TO, _pick(types, ref_type), reference)
    # infrastructure functions stay with their own type, so they support nothing
    shared = np.flatnonzero((rng.random(n_ref) < 0.4) & (ref_type < supporting_types))
    extra_src: list[int] = []
    extra_dst: list[int] = []
    for f in shared.tolist():
        for t in rng.choice(supporting_types, int(rng.integers(1, 4)), replace=False).tolist():
            if t != ref_type[f]:
                extra_src.append(t)
                extra_dst.append(f)
    b.relate(R.ASSIGNED_TO, _pick(types, np.array(extra_src, dtype=np.int64)),
             _pick(reference, np.array(extra_dst, dtype=np.int64)))
    functions_of_type: list[list[int]] = [[] for _ in range(n_types)]
    for t, f in zip(ref_type.tolist() + extra_src, list(range(n_ref)) + extra_dst, strict=True):
        functions_of_type[t].append(f)

    # each supporting system type works in one region; it supports a few business functions and
    # activities there, and so do its functions (infrastructure functions support nothing)
    type_home = rng.random(n_types) * n_act
    type_width = max(20.0, n_act * 0.01)
    per_type = round(2 + 1.5 * np.log10(elements))
    for t in range(supporting_types):
        position = np.clip(type_home[t] + rng.random(per_type) * type_width, 0, n_act - 1).astype(np.int64)
        on_process = rng.random(per_type) < 0.25
        targets = [business[leaf_business_of[activity_leaf[p]]] if proc else activities[p]
                   for p, proc in zip(position.tolist(), on_process.tolist(), strict=True)]
        b.relate(R.SUPPORTS, [types[t]] * len(set(targets)), list(dict.fromkeys(targets)))
    fn_sources: list[str] = []
    fn_targets: list[str] = []
    for f in range(n_ref):
        t = int(ref_type[f])
        if t >= supporting_types:
            continue
        count = int(rng.integers(1, 4))
        position = np.clip(type_home[t] + rng.random(count) * type_width, 0, n_act - 1).astype(np.int64)
        on_process = rng.random(count) < 0.2
        targets = [business[leaf_business_of[activity_leaf[p]]] if proc else activities[p]
                   for p, proc in zip(position.tolist(), on_process.tolist(), strict=True)]
        for target in dict.fromkeys(targets):
            fn_sources.append(reference[f])
            fn_targets.append(target)
    b.relate(R.SUPPORTS, fn_sources, fn_targets)

    # --- applications
    n_app = shape.applications
    products = [PRODUCTS[i] if i < len(PRODUCTS) else f"{PRODUCTS[i % len(PRODUCTS)]} {i // len(PRODUCTS) + 1}"
                for i in range(n_app)]
    lifecycle = rng.choice(np.array(["active", "phase-in", "phase-out", "end-of-life", "plan"], dtype=object), n_app,
                           p=[0.79, 0.05, 0.08, 0.02, 0.06])
    orphan = rng.random(n_app) < 0.04
    # every size has at least one orphan, one planned and one phasing-out application
    lifecycle[0], lifecycle[1] = "plan", "phase-out"
    orphan[2] = True
    lifecycle[2] = "active"
    app_attrs = _application_attributes(rng, n_app, lifecycle)
    apps = b.add_elements(K.APPLICATION, products, attributes=app_attrs)

    # realises 1-3 system types; an orphan realises one infrastructure type and nothing else
    type_count = rng.choice([1, 2, 3], n_app, p=[0.65, 0.25, 0.10])
    rea_app: list[int] = []
    rea_type: list[int] = []
    for a in range(n_app):
        if orphan[a]:
            chosen = [supporting_types + int(rng.integers(0, INFRASTRUCTURE_TYPES))]
        else:
            chosen = rng.choice(n_types, int(type_count[a]), replace=False).tolist()
        rea_app.extend([a] * len(chosen))
        rea_type.extend(chosen)
    rea_app_a = np.array(rea_app, dtype=np.int64)
    rea_type_a = np.array(rea_type, dtype=np.int64)
    b.relate(R.REALIZES, _pick(apps, rea_app_a), _pick(types, rea_type_a))
    active = np.flatnonzero(~orphan)

    # each application works in a window of the activity axis; suites have wide windows
    weight = rng.lognormal(0.0, 1.0, len(active))
    direct_total = round(1.0 * n_act)
    direct = np.maximum(1, np.rint(weight / weight.sum() * direct_total)).astype(np.int64)
    home = rng.random(len(active)) * n_act
    width = np.clip(direct * 3.0, 30.0, max(30.0, n_act / 3))
    app_rep = np.repeat(active, direct)
    position = np.repeat(home, direct) + rng.random(direct.sum()) * np.repeat(width, direct)
    position = np.clip(position, 0, n_act - 1).astype(np.int64)
    app_rep, position = _unique_pairs(app_rep, position, n_act)
    on_process = rng.random(len(position)) < 0.1
    target_ids = [leaves[activity_leaf[p]] if proc else activities[p]
                  for p, proc in zip(position.tolist(), on_process.tolist(), strict=True)]
    seen: set[tuple[int, str]] = set()
    sup_src: list[str] = []
    sup_dst: list[str] = []
    for a, target in zip(app_rep.tolist(), target_ids, strict=True):
        if (a, target) not in seen:
            seen.add((a, target))
            sup_src.append(apps[a])
            sup_dst.append(target)
    b.relate(R.SUPPORTS, sup_src, sup_dst)
    app_home = np.zeros(n_app)
    app_home[active] = home
    app_width = np.full(n_app, 30.0)
    app_width[active] = width

    # assigned reference functions of the types they realise, and functions of their own
    assigned: dict[tuple[int, int], None] = {}
    chance = rng.random(len(rea_app))
    for a, t, c in zip(rea_app, rea_type, chance.tolist(), strict=True):
        if orphan[a] or not functions_of_type[t] or c < 0.5:
            continue
        assigned[(a, functions_of_type[t][int(rng.integers(0, len(functions_of_type[t])))])] = None
    b.relate(R.ASSIGNED_TO, [apps[a] for a, _ in assigned], [reference[f] for _, f in assigned])
    owner = active[rng.integers(0, len(active), shape.own_functions)]
    own = b.add_elements(K.APPLICATION_FUNCTION,
                         [f"{products[o]}: {OBJECTS[i % len(OBJECTS)]} module" for i, o in enumerate(owner.tolist())])
    b.relate(R.ASSIGNED_TO, _pick(apps, owner), own)
    shared_module = np.flatnonzero(rng.random(shape.own_functions) < 0.1)
    co_owner = active[rng.integers(0, len(active), len(shared_module))]
    keep = co_owner != owner[shared_module]
    b.relate(R.ASSIGNED_TO, _pick(apps, co_owner[keep]), _pick(own, shared_module[keep]))
    per_function = rng.integers(1, 5, shape.own_functions)
    fn_rep = np.repeat(np.arange(shape.own_functions), per_function)
    fpos = np.repeat(app_home[owner], per_function) + rng.random(per_function.sum()) * np.repeat(
        app_width[owner], per_function)
    fpos = np.clip(fpos, 0, n_act - 1).astype(np.int64)
    fn_rep, fpos = _unique_pairs(fn_rep, fpos, n_act)
    b.relate(R.SUPPORTS, _pick(own, fn_rep), _pick(activities, fpos))

    # applications write information in their region and pass some of it on through flows
    writes = rng.integers(1, 7, len(active))
    w_app = np.repeat(active, writes)
    w_info = near_info(np.repeat(home, writes) + rng.random(writes.sum()) * np.repeat(width, writes), 3.0)
    w_app, w_info = _unique_pairs(w_app, w_info, n_info)
    access = rng.choice(np.array(["write", "readwrite"], dtype=object), len(w_app), p=[0.7, 0.3])
    b.relate(R.ACCESSES, _pick(apps, w_app), _pick(information, w_info), [{"access": x} for x in access.tolist()])
    written: dict[int, list[int]] = {}
    for a, i in zip(w_app.tolist(), w_info.tolist(), strict=True):
        written.setdefault(a, []).append(i)
    # flows go to neighbours: applications working in nearby regions
    by_home = active[np.argsort(home, kind="stable")]
    rank = np.empty(n_app, dtype=np.int64)
    rank[by_home] = np.arange(len(by_home))
    flow_count = rng.integers(0, 4, len(active))
    f_src = np.repeat(active, flow_count)
    step = rng.integers(-8, 9, len(f_src))
    f_dst = by_home[np.clip(rank[f_src] + step, 0, len(by_home) - 1)]
    keep = f_src != f_dst
    f_src, f_dst = _unique_pairs(f_src[keep], f_dst[keep], n_app)
    carries_some = rng.random(len(f_src)) < 0.4
    flow_attrs: list[Mapping[str, Any]] = []
    for a, c in zip(f_src.tolist(), carries_some.tolist(), strict=True):
        if c and written.get(a):
            flow_attrs.append({"carries": tuple(information[i] for i in written[a][:2])})
        else:
            flow_attrs.append(_EMPTY)
    b.relate(R.FLOWS_TO, _pick(apps, f_src), _pick(apps, f_dst), flow_attrs)

    # --- what the activities read and write: fills the relation budget
    budget = shape.relations - len(b.rel_kind)
    per_activity = max(1.0, budget / n_act)
    # draw a quarter more than needed: pairs drawn twice are merged, the surplus is dropped
    counts = 1 + rng.poisson(per_activity * 1.25 - 1.0, n_act) if per_activity > 1 else np.ones(n_act, dtype=np.int64)
    acc_act = np.repeat(np.arange(n_act), counts)
    acc_info = near_info(acc_act.astype(float), 4.0 + 2 * per_activity)
    acc_act, acc_info = _unique_pairs(acc_act, acc_info, n_info)
    if len(acc_act) > budget > 0:
        keep_rows = np.sort(rng.choice(len(acc_act), budget, replace=False))
        acc_act, acc_info = acc_act[keep_rows], acc_info[keep_rows]
    access = rng.choice(np.array(["read", "write", "readwrite", "access"], dtype=object), len(acc_act),
                        p=[0.55, 0.25, 0.15, 0.05])
    access_attrs = {x: {"access": x} for x in ("read", "write", "readwrite", "access")}
    b.relate(R.ACCESSES, _pick(activities, acc_act), _pick(information, acc_info),
             [access_attrs[x] for x in access.tolist()])

    return b.model(f"Synthetic {label} (seed {seed})")


def _application_attributes(rng: np.random.Generator, n: int, lifecycle: np.ndarray) -> list[Mapping[str, Any]]:
    """Costs, fits, contracts and hosting, with the gaps a real portfolio has."""
    cost = np.round(rng.lognormal(8.5, 1.2, n), -1)
    has_cost = rng.random(n) < 0.9
    exit_cost = np.round(cost * rng.uniform(0.2, 1.5, n), -1)
    has_exit = rng.random(n) < 0.4
    fits = rng.integers(1, 5, (n, 2))
    has_fit = rng.random(n) < 0.85
    crit = rng.choice(np.array(["", "low", "medium", "high"], dtype=object), n, p=[0.3, 0.2, 0.3, 0.2])
    contract_days = rng.integers(0, 6 * 365, n)
    has_contract = rng.random(n) < 0.6
    vendor = rng.integers(0, len(VENDORS), n)
    hosting = rng.integers(0, len(HOSTING), n)
    location = rng.choice(np.array(["NL", "EU", "outside EU"], dtype=object), n, p=[0.5, 0.4, 0.1])
    personal = rng.random(n) < 0.6
    dpa = rng.random(n) < 0.8
    start = dt.date(2025, 1, 1)
    result: list[Mapping[str, Any]] = []
    for i in range(n):
        attrs: dict[str, Any] = {"vendor": VENDORS[vendor[i]], "lifecycle": lifecycle[i]}
        if has_cost[i]:
            attrs["annual_cost"] = float(cost[i])
        if has_exit[i]:
            attrs["exit_cost"] = float(exit_cost[i])
        if has_fit[i]:
            attrs["functional_fit"] = int(fits[i, 0])
            attrs["technical_fit"] = int(fits[i, 1])
        if crit[i]:
            attrs["criticality"] = crit[i]
        if has_contract[i]:
            attrs["contract_end"] = start + dt.timedelta(days=int(contract_days[i]))
            attrs["notice_months"] = 3
        attrs["hosting"] = HOSTING[hosting[i]]
        attrs["data_location"] = location[i]
        attrs["processes_personal_data"] = bool(personal[i])
        if personal[i]:
            attrs["dpa_signed"] = bool(dpa[i])
        result.append(attrs)
    return result


def main(argv: list[str] | None = None) -> int:
    """Write a synthetic model as native JSON: ``synthetic.py SIZE -o FILE [--seed N]``."""
    parser = argparse.ArgumentParser(description="Write a seeded synthetic fora-model as native JSON.")
    parser.add_argument("size", help=f"{', '.join(PRESETS)} or a number of elements")
    parser.add_argument("-o", "--output", required=True, help="the JSON file to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--relations", type=int, default=None, help="target number of relations")
    args = parser.parse_args(argv)
    size: str | int = int(args.size) if args.size.isdigit() else args.size
    start = time.perf_counter()
    try:
        model = synthetic_model(size, args.seed, relations=args.relations)
    except ValueError as exc:
        parser.error(str(exc))
    built = time.perf_counter() - start
    write_json(model, args.output)
    print(f"{model!r} built in {built:.1f} s, written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
