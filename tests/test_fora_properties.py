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


def test_the_fora_properties_are_kept_as_they_were(tmp_path):
    model = _read(tmp_path)
    assert list(model.elements["o1"].properties) == [
        ("Persoonsgegevens", "Ja"), ("Vertrouwelijkheid", "Hoog"), ("Integriteit", "Midden")]
    assert list(model.elements["o3"].properties) == [("Vertrouwelijkheid", "onbekend")]
