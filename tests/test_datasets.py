"""The shipped data: the FORA-style reference model and the sample school are complete, valid,
reproducible from their builder and survive a round trip byte for byte."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
import sys
import uuid
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

import fora_model as fm
from fora_model.analysis import resolve_level
from fora_model.datasets import EXPECTED_FILE, REFERENCE_FILE, SAMPLE_FILE, data_dir
from fora_model.vocabulary import ElementKind, RelationKind

K = ElementKind
R = RelationKind
ROOT = Path(__file__).resolve().parents[1]
ID = re.compile(r"^id-[0-9a-f]{32}$")

FORA_DOMAINS = {
    "Bevoegd gezag", "Schoolleiding", "Onderwijs", "Onderwijsondersteuning", "Leerlingbegeleiding en -zorg",
    "Bedrijfsvoering", "Algemeen",
}
CORE_SYSTEM_TYPES = {
    "Leerlingadministratiesysteem", "Leerlingvolgsysteem", "Learning management system",
    "Elektronische leeromgeving", "Roostersysteem", "Toetssysteem", "Educatieve applicatie",
    "Mediatheekbeheersysteem", "LOB-systeem", "Zorgadministratiesysteem", "Onderwijsbegeleidingssysteem",
    "Overdrachtvoorziening", "Ouderportaal", "Teamcommunicatiesysteem", "Intranet", "Office suite",
    "Cloudopslagsysteem", "Kwaliteitsbeheersysteem", "Schoolplanbeheersysteem", "Enquêtesysteem",
    "Personeelsysteem", "Financieel systeem", "Betaalsysteem", "Inkoopsysteem", "Servicemanagementsysteem",
    "Identiteitbeheersysteem", "Authenticatiesysteem", "Integratiesysteem",
}


@pytest.fixture(scope="module")
def reference() -> fm.Model:
    return fm.load_reference()


def _builder() -> ModuleType:
    """The data builder (``python -m data.build.build_data``), imported from the repository."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("data.build.build_data")


def _fora_term(element: fm.Element) -> str:
    values = element.property_values("fora_term")
    return values[0] if values else ""


def _parents(model: fm.Model) -> dict[str, list[str]]:
    parents: dict[str, list[str]] = {}
    for r in model.relations_of(R.COMPOSED_OF):
        parents.setdefault(r.target, []).append(r.source)
    return parents


def _domains(model: fm.Model) -> list[fm.Element]:
    return [e for e in model.elements_of(K.PROCESS) if e.archimate_type == "Grouping"]


# ---------------------------------------------------------------- sizes and structure


def test_reference_has_the_seven_fora_domains(reference):
    domains = _domains(reference)
    assert len(domains) == 7
    assert {_fora_term(d) for d in domains} == FORA_DOMAINS


def test_reference_sizes(reference):
    processes = reference.elements_of(K.PROCESS)
    assert len(processes) - len(_domains(reference)) >= 60
    assert len(reference.elements_of(K.ACTIVITY)) >= 150
    assert 40 <= len(reference.elements_of(K.APPLICATION_FUNCTION)) <= 60
    assert len(reference.elements_of(K.INFORMATION)) >= 30
    assert reference.elements_of(K.APPLICATION) == []
    assert reference.elements_of(K.GOAL) == []


def test_reference_has_the_core_system_types(reference):
    types = reference.elements_of(K.SYSTEM_TYPE)
    assert len(types) == 28
    assert {_fora_term(t) for t in types} == CORE_SYSTEM_TYPES
    assert all(t.specialization == "Referentiecomponent" for t in types)


def test_every_activity_sits_three_levels_below_a_domain(reference):
    parents = _parents(reference)
    domains = {d.id for d in _domains(reference)}
    for activity in reference.elements_of(K.ACTIVITY):
        chain = [activity.id]
        for _ in range(3):
            above = parents.get(chain[-1], [])
            assert len(above) == 1, f"{activity.name} has {len(above)} parents at level {len(chain)}"
            chain.append(above[0])
        assert chain[-1] in domains, activity.name
        assert chain[-1] not in parents


@pytest.mark.parametrize(("term", "minimum"), [
    ("Onderwijs", 20), ("Onderwijsondersteuning", 20), ("Leerlingbegeleiding en -zorg", 20),
    ("Bedrijfsvoering", 20), ("Bevoegd gezag", 1), ("Schoolleiding", 1), ("Algemeen", 1),
])
def test_domains_are_covered_by_activities(reference, term, minimum):
    parents = _parents(reference)
    domain = next(d for d in _domains(reference) if _fora_term(d) == term)

    def top(identifier: str) -> str:
        while identifier in parents:
            identifier = parents[identifier][0]
        return identifier

    count = sum(1 for a in reference.elements_of(K.ACTIVITY) if top(a.id) == domain.id)
    assert count >= minimum


def test_every_reference_element_has_a_fora_term(reference):
    missing = [e.name for e in reference.elements.values() if not _fora_term(e).strip()]
    assert missing == []


def test_every_activity_accesses_information(reference, sample):
    for model in (reference, sample):
        accessing = {r.source for r in model.relations_of(R.ACCESSES)
                     if model.elements[r.target].kind is K.INFORMATION}
        lacking = [a.name for a in model.elements_of(K.ACTIVITY) if a.id not in accessing]
        assert lacking == []


def test_information_carries_privacy_attributes(reference):
    for info in reference.elements_of(K.INFORMATION):
        assert isinstance(info.attributes.get("personal_data"), bool), info.name
        assert info.attributes.get("sensitivity") in {"public", "internal", "confidential", "special"}, info.name


def test_about_a_fifth_of_business_functions_need_no_support(reference):
    parents = _parents(reference)
    business_functions = {parents[a.id][0] for a in reference.elements_of(K.ACTIVITY)}
    governance = [b for b in business_functions if reference.element(b).attributes.get("needs_support") is False]
    share = len(governance) / len(business_functions)
    assert 0.15 <= share <= 0.25, share


def test_system_types_overlap_as_fora_has_it(reference):
    type_names = {t.id: _fora_term(t) for t in reference.elements_of(K.SYSTEM_TYPE)}
    owners: dict[str, set[str]] = {}
    for r in reference.relations_of(R.ASSIGNED_TO):
        owners.setdefault(reference.element(r.target).name, set()).add(type_names[r.source])
    assert owners["Messaging"] == {"Leerlingadministratiesysteem", "Learning management system", "Ouderportaal",
                                   "Teamcommunicatiesysteem"}
    assert owners["Group management"] == {"Leerlingadministratiesysteem", "Learning management system",
                                          "Roostersysteem", "Toetssysteem"}
    assert owners["Results reporting"] == {"Leerlingadministratiesysteem", "Leerlingvolgsysteem", "Toetssysteem"}
    assert sum(1 for types in owners.values() if len(types) >= 2) >= 10
    assert set(type_names.values()) == set().union(*owners.values()), "every system type has a function"


def test_every_application_function_supports_something(reference):
    supporting = {r.source for r in reference.relations_of(R.SUPPORTS)}
    idle = [f.name for f in reference.elements_of(K.APPLICATION_FUNCTION) if f.id not in supporting]
    assert idle == []


def test_reference_analyses_at_system_type_level(reference):
    assert resolve_level(reference) == "system_type"
    assert len(fm.duplicated_activities(reference)) > 0


# ---------------------------------------------------------------- the sample school


def test_sample_sizes(sample):
    counts = Counter(e.kind for e in sample.elements.values())
    assert 30 <= counts[K.APPLICATION] <= 60
    assert 4 <= counts[K.GOAL] <= 6
    assert sample.name.startswith("De Regenboog")


def test_sample_contains_the_reference_unchanged(reference, sample):
    for identifier, element in reference.elements.items():
        assert sample.elements.get(identifier) == element
    for identifier, relation in reference.relations.items():
        assert sample.relations.get(identifier) == relation
    assert sample.id != reference.id


def test_every_goal_has_contributors(sample):
    reached = Counter(r.target for r in sample.relations_of(R.CONTRIBUTES_TO))
    assert all(reached[g.id] >= 1 for g in sample.elements_of(K.GOAL))


def test_applications_carry_their_portfolio_attributes(sample):
    apps = sample.elements_of(K.APPLICATION)
    for app in apps:
        a = app.attributes
        for key in ("vendor", "annual_cost", "exit_cost", "lifecycle", "criticality", "contract_end",
                    "notice_months", "hosting", "data_location", "processes_personal_data"):
            assert key in a, f"{app.name} lacks {key}"
        assert dt.date(2026, 1, 1) <= a["contract_end"] <= dt.date(2029, 12, 31), app.name
        assert ("functional_fit" in a) == ("technical_fit" in a), app.name
    lifecycles = Counter(a.attributes["lifecycle"] for a in apps)
    assert lifecycles["plan"] == 1
    assert min(lifecycles["phase-in"], lifecycles["phase-out"], lifecycles["end-of-life"]) >= 1
    assert lifecycles["active"] > len(apps) / 2
    unassessed = [a for a in apps if "functional_fit" not in a.attributes]
    assert 2 <= len(unassessed) <= 6
    assert any(a.attributes.get("dpa_signed") is False for a in apps)
    assert {a.attributes["data_location"] for a in apps} == {"NL", "EU", "outside EU"}


def test_applications_realize_one_to_three_types(sample):
    realized = Counter(r.source for r in sample.relations_of(R.REALIZES))
    for app in sample.elements_of(K.APPLICATION):
        assert realized[app.id] <= 3, app.name
    assert max(realized.values()) == 3  # a suite
    direct = {r.source for r in sample.relations_of(R.SUPPORTS)}
    orphans = {row["id"] for row in fm.sample_expected()["orphans"]}
    unlinked = {a.id for a in sample.elements_of(K.APPLICATION) if not realized[a.id] and a.id not in direct}
    assert unlinked == orphans


def test_flows_join_applications_and_name_information(sample):
    flows = sample.relations_of(R.FLOWS_TO)
    assert len(flows) >= 10
    for flow in flows:
        for info in flow.attributes.get("carries", ()):
            assert sample.element(info).kind is K.INFORMATION


# ---------------------------------------------------------------- validity, ids, round trip, determinism


@pytest.mark.parametrize("name", [REFERENCE_FILE, SAMPLE_FILE])
def test_shipped_models_have_no_findings(name):
    model = fm.read_json(data_dir() / name).model
    assert fm.read_json(data_dir() / name).findings == []
    assert [(f.severity.value, f.reason.value, f.element) for f in fm.validate(model)] == []


@pytest.mark.parametrize("name", [REFERENCE_FILE, SAMPLE_FILE])
def test_ids_are_stable_uuid5_ids(name):
    model = fm.read_json(data_dir() / name).model
    identifiers = [model.id, *model.elements, *model.relations]
    assert all(ID.match(i) for i in identifiers)
    assert len(set(identifiers)) == len(identifiers)


@pytest.mark.parametrize("name", [REFERENCE_FILE, SAMPLE_FILE])
def test_json_round_trip_is_exact(name):
    text = (data_dir() / name).read_text(encoding="utf-8")
    model = fm.loads_model(text).model
    assert fm.loads_model(fm.dumps_model(model)).model == model
    assert fm.dumps_model(model) == text


def test_builder_reproduces_the_committed_files(tmp_path):
    builder = _builder()
    written = builder.write_all(tmp_path)
    assert sorted(p.name for p in written) == sorted([REFERENCE_FILE, SAMPLE_FILE])
    for path in written:
        assert path.read_bytes() == (data_dir() / path.name).read_bytes(), path.name


def test_builder_ids_follow_the_documented_key_scheme(sample):
    builder = _builder()
    grades = sample.find("Record grades", K.ACTIVITY)
    assert grades.id == builder.element_id("activity", "Record grades")
    assert grades.id == "id-" + uuid.uuid5(builder.NAMESPACE, "activity:Record grades").hex


def test_expected_file_names_real_elements(sample):
    expected = json.loads((data_dir() / EXPECTED_FILE).read_text(encoding="utf-8"))
    assert expected == fm.sample_expected()
    pairs: list[tuple[str, str]] = []
    for section in ("duplicates", "real_gaps", "expected_gaps", "orphans"):
        pairs += [(row["id"], row["name"]) for row in expected[section]]
    for row in expected["double_entry"] + expected["double_entry_control"]:
        pairs.append((row["information_id"], row["information"]))
        pairs += [(w["id"], w["name"]) for w in row["writers"]]
    plan = expected["plan_application"]
    pairs += [(plan["id"], plan["name"])] + [(r["id"], r["name"]) for r in plan["would_support"]]
    for row in expected["sole_support_phase_out"]:
        pairs += [(row["element_id"], row["element"]), (row["application_id"], row["application"])]
    for identifier, name in pairs:
        assert sample.element(identifier).name == name
    names = {s for row in expected["duplicates"] for s in row["supporters"]}
    app_names = {a.name for a in sample.elements_of(K.APPLICATION)}
    assert names <= app_names
