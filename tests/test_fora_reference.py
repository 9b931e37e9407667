"""A tiny FORA-style reference model in Archi's CSV form: system types (components marked
``FORA-type`` = ``Referentiecomponent``) and their application functions access information and
serve business functions and processes; there are no applications.

    Toetsing (BusinessFunction bf)  <--Serving-- Toetssysteem   <--Realization-- Roostersysteem
      |-- Toets afnemen (bp1)        <--Serving-- Toetssysteem   <--Realization-- LAS
      |-- Resultaten registreren (bp2) <--Serving-- Resultaatregistratie (f-res) <--Assignment-- LAS, Toetssysteem
      |-- Toets plannen (bp3)        <--Serving-- Toetsplanning (f-plan) <--Assignment-- Toetssysteem, Roostersysteem
      |-- Uitslag bespreken (bp4)    (no support of its own)

    LAS --Access ReadWrite--> Toetsresultaten (personal data)  <--Access Write-- Toetssysteem
    Toetsplanning --Access Write--> Rooster;  Toets afnemen --Access Read--> Toetsresultaten

Counted by hand, at system-type level:

- every path, Serving and Realization both support: bf (Toetssysteem, Roostersysteem), bp1
  (Toetssysteem, LAS), bp2 (LAS, Toetssysteem), bp3 (Toetssysteem, Roostersysteem) are root rows;
  bp4 reaches both types of bf only through bf: inherited. 4 roots, 1 inherited.
- Serving only (FORA's own count): bf and bp1 keep Toetssysteem alone; bp2 and bp3 keep their two
  types; bp4 inherits Toetssysteem alone. 2 roots: the behaviours two or more system types serve.
- information: Toetsresultaten is held and written by LAS and Toetssysteem, Rooster by
  Toetssysteem and Roostersysteem (through Toetsplanning): both entered in two places.
"""

from __future__ import annotations

import csv
import io

import pytest

from fora_model import ElementKind, RelationKind
from fora_model.analysis.coverage import goal_coverage
from fora_model.analysis.duplicates import duplicated_activities
from fora_model.analysis.information import (
    double_entry,
    information_findings,
    information_holders,
    information_level,
    personal_data_holdings,
)
from fora_model.analysis.status import element_status
from fora_model.cli.main import main
from fora_model.io.archi_csv import read_archi_csv

ELEMENTS = [
    ("bf", "BusinessFunction", "Toetsing"),
    ("bp1", "BusinessProcess", "Toets afnemen"),
    ("bp2", "BusinessProcess", "Resultaten registreren"),
    ("bp3", "BusinessProcess", "Toets plannen"),
    ("bp4", "BusinessProcess", "Uitslag bespreken"),
    ("c-las", "ApplicationComponent", "Leerlingadministratiesysteem"),
    ("c-toets", "ApplicationComponent", "Toetssysteem"),
    ("c-rooster", "ApplicationComponent", "Roostersysteem"),
    ("f-res", "ApplicationFunction", "Resultaatregistratie"),
    ("f-plan", "ApplicationFunction", "Toetsplanning"),
    ("o-res", "BusinessObject", "Toetsresultaten"),
    ("o-rooster", "BusinessObject", "Rooster"),
]
RELATIONS = [
    ("r1", "CompositionRelationship", "bf", "bp1"),
    ("r2", "CompositionRelationship", "bf", "bp2"),
    ("r3", "CompositionRelationship", "bf", "bp3"),
    ("r4", "CompositionRelationship", "bf", "bp4"),
    ("r5", "AssignmentRelationship", "c-las", "f-res"),
    ("r6", "AssignmentRelationship", "c-toets", "f-res"),
    ("r7", "ServingRelationship", "f-res", "bp2"),
    ("r8", "AssignmentRelationship", "c-toets", "f-plan"),
    ("r9", "AssignmentRelationship", "c-rooster", "f-plan"),
    ("r10", "ServingRelationship", "f-plan", "bp3"),
    ("r11", "ServingRelationship", "c-toets", "bp1"),
    ("r12", "RealizationRelationship", "c-las", "bp1"),
    ("r13", "ServingRelationship", "c-toets", "bf"),
    ("r14", "RealizationRelationship", "c-rooster", "bf"),
    ("r15", "AccessRelationship", "c-las", "o-res"),
    ("r16", "AccessRelationship", "c-toets", "o-res"),
    ("r17", "AccessRelationship", "f-plan", "o-rooster"),
    ("r18", "AccessRelationship", "bp1", "o-res"),
]
PROPERTIES = [
    ("c-las", "FORA-type", "Referentiecomponent"),
    ("c-toets", "FORA-type", "Referentiecomponent"),
    ("c-rooster", "FORA-type", "Referentiecomponent"),
    ("o-res", "Persoonsgegevens", "Ja"),
    ("o-res", "Vertrouwelijkheid", "Hoog"),
    ("o-rooster", "Persoonsgegevens", "Nee"),
    ("r15", "Access_Type", "ReadWrite"),
    ("r16", "Access_Type", "Write"),
    ("r17", "Access_Type", "Write"),
    ("r18", "Access_Type", "Read"),
]


def _csv(header: list[str], rows: list[tuple[str, ...]]) -> str:
    """Rows as Archi writes them: every field quoted, CRLF between rows."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "elements.csv").write_text(_csv(["ID", "Type", "Name", "Documentation", "Specialization"],
                                                [(i, t, n, "", "") for i, t, n in ELEMENTS]), encoding="utf-8")
    (tmp_path / "relations.csv").write_text(_csv(
        ["ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization"],
        [(i, t, "", "", s, d, "") for i, t, s, d in RELATIONS]), encoding="utf-8")
    (tmp_path / "properties.csv").write_text(_csv(["ID", "Key", "Value"], PROPERTIES), encoding="utf-8")
    return tmp_path


@pytest.fixture
def reference(folder):
    return read_archi_csv(folder).model


def test_the_csv_reads_as_a_pure_reference_model(reference):
    kinds = {e.id: e.kind for e in reference.elements.values()}
    assert {i for i, k in kinds.items() if k is ElementKind.SYSTEM_TYPE} == {"c-las", "c-toets", "c-rooster"}
    assert not reference.elements_of(ElementKind.APPLICATION)
    accesses = {r.id for r in reference.relations.values() if r.kind is RelationKind.ACCESSES}
    assert accesses == {"r15", "r16", "r17", "r18"}
    supports = {r.id for r in reference.relations.values() if r.kind is RelationKind.SUPPORTS}
    assert supports == {"r7", "r10", "r11", "r12", "r13", "r14"}  # Realization to a behaviour is support too


# ----------------------------------------------------------------------------- information
def test_information_analyses_work_at_system_type_level_on_a_reference_model(reference):
    assert information_level(reference) == "system_type"
    holders = information_holders(reference).set_index("information_id")
    assert holders.loc["o-res", "holders"] == "Leerlingadministratiesysteem | Toetssysteem"
    assert holders.loc["o-res", "writers"] == "Leerlingadministratiesysteem | Toetssysteem"
    assert holders.loc["o-rooster", "holders"] == "Roostersysteem | Toetssysteem"  # through Toetsplanning
    assert bool(holders.loc["o-res", "personal_data"]) and holders.loc["o-res", "sensitivity"] == "confidential"
    assert set(holders["level"]) == {"system_type"}


def test_double_entry_and_personal_data_on_a_reference_model(reference):
    twice = double_entry(reference)
    assert twice["information"].tolist() == ["Toetsresultaten", "Rooster"]  # personal data first
    assert twice["entry_points"].tolist() == [2, 2]
    assert twice.iloc[1]["groups"] == "Roostersysteem | Toetssysteem"
    held = personal_data_holdings(reference)
    assert held[["information", "holder_count", "without_dpa"]].values.tolist() == [["Toetsresultaten", 2, ""]]
    findings = information_findings(reference)
    assert findings["finding"].tolist() == ["double-entry", "double-entry", "personal-data"]
    assert findings.iloc[2]["detail"] == "held by 2 system types"


def test_application_level_on_a_reference_model_finds_no_applications(reference):
    assert double_entry(reference, level="application").empty
    assert (information_holders(reference, level="application")["holder_count"] == 0).all()


# ----------------------------------------------------------------------------- Serving only
def test_realization_to_a_behaviour_is_support_by_default(reference):
    roots = duplicated_activities(reference, include_inherited=False)
    assert sorted(roots["activity_id"]) == ["bf", "bp1", "bp2", "bp3"]
    every = duplicated_activities(reference).set_index("activity_id")
    assert every.loc["bp4", "inherited_from_id"] == "bf"
    assert len(every) == 5


def test_serving_only_reproduces_the_count_by_hand(reference):
    roots = duplicated_activities(reference, paths="serving", include_inherited=False)
    assert sorted(roots["activity_id"]) == ["bp2", "bp3"]
    # by hand: behaviours that two or more system types serve (Serving, directly or through an assigned function)
    assigned: dict[str, set[str]] = {}
    for _, kind, source, target in RELATIONS:
        if kind == "AssignmentRelationship":
            assigned.setdefault(target, set()).add(source)
    served: dict[str, set[str]] = {}
    for _, kind, source, target in RELATIONS:
        if kind == "ServingRelationship":
            served.setdefault(target, set()).update(assigned.get(source, {source}))
    assert sorted(b for b, types in served.items() if len(types) >= 2) == sorted(roots["activity_id"])
    # combined with a choice of paths: no function path leaves only direct Serving, one type each
    assert duplicated_activities(reference, paths="direct,serving").empty


def test_serving_only_drops_realization_from_the_paths(reference):
    default = duplicated_activities(reference).set_index("activity_id")
    # LAS realizes bp1; Toetssysteem serves it and bf; Roostersysteem realizes bf above it
    assert default.loc["bp1", "support_paths"] == ("Leerlingadministratiesysteem: direct | Roostersysteem: parent"
                                                   " | Toetssysteem: direct, parent")
    every = duplicated_activities(reference, paths="serving")
    assert sorted(every["activity_id"]) == ["bp2", "bp3"]  # no inherited row either: bp4 inherits one type
    status = element_status(reference, paths="serving").set_index("element_id")["status"]
    assert status.to_dict() == {"bf": "supported", "bp1": "supported", "bp2": "duplicated", "bp3": "duplicated",
                                "bp4": "inherited"}


def test_an_unknown_path_names_the_qualifier():
    from fora_model.analysis.support import parse_paths

    with pytest.raises(ValueError, match="add serving to count only Serving relations"):
        parse_paths("served")


def _run(*args: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_cli_counts_serving_only_and_information_on_the_reference(folder):
    code, out, err = _run("report", "duplicates", folder / "elements.csv", "--paths", "serving")
    assert code == 0, err
    assert sorted(r["activity_id"] for r in csv.DictReader(io.StringIO(out))) == ["bp2", "bp3"]
    code, out, _ = _run("report", "duplicates", folder / "elements.csv")
    assert sorted(r["activity_id"] for r in csv.DictReader(io.StringIO(out))) == ["bf", "bp1", "bp2", "bp3"]
    code, out, err = _run("report", "information", folder / "elements.csv")
    assert code == 0, err
    assert [r["finding"] for r in csv.DictReader(io.StringIO(out))] == ["double-entry", "double-entry",
                                                                        "personal-data"]


# ----------------------------------------------------------------------------- coverage
def test_coverage_says_what_is_covered_only_by_inheritance(reference):
    (row,) = goal_coverage(reference).to_dict("records")  # no goals: one (no goal) row
    # bf, bp1, bp2, bp3 have support of their own; bp4 only through bf
    assert (row["elements"], row["supported"], row["inherited"], row["unsupported"]) == (5, 4, 1, 0)
    assert row["coverage"] == 1.0


# ----------------------------------------------------------------------------- services
SERVICE_ELEMENTS = [
    ("bp", "BusinessProcess", "Ouders informeren"),
    ("c-las", "ApplicationComponent", "Leerlingadministratiesysteem"),
    ("c-portal", "ApplicationComponent", "Ouderportaal"),
    ("c-team", "ApplicationComponent", "Teamcommunicatiesysteem"),
    ("f-send", "ApplicationFunction", "Berichten opstellen"),
    ("s-msg", "ApplicationService", "Berichten versturen"),
    ("bs", "BusinessService", "Communicatie met ouders"),
]
SERVICE_RELATIONS = [
    ("r1", "RealizationRelationship", "c-las", "s-msg"),  # the component realizes the service
    ("r2", "AssignmentRelationship", "c-portal", "f-send"),  # ... or a function assigned to it does
    ("r3", "RealizationRelationship", "f-send", "s-msg"),
    ("r4", "ServingRelationship", "s-msg", "bp"),
    ("r5", "RealizationRelationship", "bp", "bs"),
    ("r6", "ServingRelationship", "c-team", "bs"),  # serving a business service is not support of a process
]


@pytest.fixture
def services(tmp_path):
    (tmp_path / "elements.csv").write_text(_csv(["ID", "Type", "Name", "Documentation", "Specialization"],
                                                [(i, t, n, "", "") for i, t, n in SERVICE_ELEMENTS]), encoding="utf-8")
    (tmp_path / "relations.csv").write_text(_csv(
        ["ID", "Type", "Name", "Documentation", "Source", "Target", "Specialization"],
        [(i, t, "", "", s, d, "") for i, t, s, d in SERVICE_RELATIONS]), encoding="utf-8")
    (tmp_path / "properties.csv").write_text(_csv(["ID", "Key", "Value"], [
        (c, "FORA-type", "Referentiecomponent") for c in ("c-las", "c-portal", "c-team")]), encoding="utf-8")
    return read_archi_csv(tmp_path).model


def test_an_application_service_carries_support_like_a_function(services):
    assert services.elements["s-msg"].kind is ElementKind.APPLICATION_FUNCTION
    assert services.elements["s-msg"].archimate_type == "ApplicationService"
    (row,) = duplicated_activities(services).to_dict("records")
    assert row["activity_id"] == "bp"
    assert row["applications"] == "Leerlingadministratiesysteem | Ouderportaal"
    assert row["application_functions"] == "Berichten versturen"
    assert row["support_paths"] == "Leerlingadministratiesysteem: function | Ouderportaal: function"
    # without the function path the service carries nothing
    assert duplicated_activities(services, paths="direct,parent").empty


def test_a_business_service_is_no_report_row(services):
    assert services.elements["bs"].kind is ElementKind.OTHER
    status = element_status(services)
    assert status["element_id"].tolist() == ["bp"]  # the service is not a supportable element
    assert "Teamcommunicatiesysteem" not in duplicated_activities(services).to_string()
