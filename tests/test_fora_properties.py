"""FORA's own properties (keys in Dutch, as the published model has them) reach the typed attributes."""

from __future__ import annotations

from fora_model.io.archi_csv import read_archi_csv

ELEMENTS = (
    '"ID","Type","Name","Documentation","Specialization"\r\n'
    '"o1","BusinessObject","Leerlingdossier","",""\r\n'
    '"o2","BusinessObject","Roosters","",""\r\n'
    '"o3","BusinessObject","Lesmateriaal","",""\r\n'
)
PROPERTIES = (
    '"ID","Key","Value"\r\n'
    '"o1","Persoonsgegevens","Ja"\r\n"o1","Vertrouwelijkheid","Hoog"\r\n"o1","Integriteit","Midden"\r\n'
    '"o2","Persoonsgegevens","Nee"\r\n"o2","Vertrouwelijkheid","laag"\r\n'
    '"o2","Integriteit","laag"\r\n"o2","Beschikbaarheid","Hoog"\r\n'
    '"o3","Vertrouwelijkheid","onbekend"\r\n'
)


def _read(tmp_path):
    (tmp_path / "elements.csv").write_text(ELEMENTS, encoding="utf-8")
    (tmp_path / "properties.csv").write_text(PROPERTIES, encoding="utf-8")
    return read_archi_csv(tmp_path).model


def test_persoonsgegevens_and_vertrouwelijkheid_become_personal_data_and_sensitivity(tmp_path):
    model = _read(tmp_path)
    got = {i: (model.elements[i].attributes.get("personal_data"), model.elements[i].attributes.get("sensitivity"))
           for i in ("o1", "o2", "o3")}
    assert got == {"o1": (True, "confidential"), "o2": (False, "internal"), "o3": (None, None)}


def test_the_higher_of_integriteit_and_beschikbaarheid_is_criticality(tmp_path):
    model = _read(tmp_path)
    assert model.elements["o1"].attributes.get("criticality") == "medium"
    assert model.elements["o2"].attributes.get("criticality") == "high"
    assert model.elements["o3"].attributes.get("criticality") is None


def test_the_fora_properties_are_kept_as_they_were(tmp_path):
    model = _read(tmp_path)
    assert list(model.elements["o1"].properties) == [
        ("Persoonsgegevens", "Ja"), ("Vertrouwelijkheid", "Hoog"), ("Integriteit", "Midden")]
    assert list(model.elements["o3"].properties) == [("Vertrouwelijkheid", "onbekend")]


def test_access_from_components_and_functions_is_accesses_and_counts_in_holdings(tmp_path):
    from fora_model.analysis.information import personal_data_holdings
    from fora_model.vocabulary import RelationKind

    (tmp_path / "elements.csv").write_text(
        ELEMENTS + '"c1","ApplicationComponent","Leerlingadministratie",""," "\r\n'
        '"f1","ApplicationFunction","Leerlingen registreren","",""\r\n'
        '"a1","ApplicationComponent","Magister","",""\r\n', encoding="utf-8")
    (tmp_path / "relations.csv").write_text(
        '"ID","Type","Name","Documentation","Source","Target","Specialization"\r\n'
        '"r1","AccessRelationship","","","c1","o1",""\r\n'
        '"r2","AccessRelationship","","","f1","o1",""\r\n'
        '"r3","AccessRelationship","","","a1","o1",""\r\n', encoding="utf-8")
    (tmp_path / "properties.csv").write_text(
        PROPERTIES + '"c1","FORA-type","Referentiecomponent"\r\n', encoding="utf-8")
    model = read_archi_csv(tmp_path).model
    assert model.elements["c1"].kind.value == "system_type"
    assert {r.id: r.kind for r in model.relations.values()} == {
        "r1": RelationKind.ACCESSES, "r2": RelationKind.ACCESSES, "r3": RelationKind.ACCESSES}
    held = personal_data_holdings(model)
    assert "Magister" in held.to_string() and "Leerlingdossier" in held.to_string()
