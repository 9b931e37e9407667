"""The editing pages (Map, Elements, Links), History, Import and export and Model in Dutch: each runs
without an exception and shows its headings, labels and messages from the Dutch catalogue, and the
words the model's tables show (kinds, support states, changes) are Dutch too; in English the same
pages show none of those Dutch texts.

The expected Dutch is written out here (it is what a Dutch reader must see); numbers that depend on
the sample school are computed from it.
"""

from __future__ import annotations

import pytest

from fora_model import Element, model_stats, write_model
from fora_model.formatting import money, number
from fora_model.i18n import use_language
from tests.apptest import shown, workspace
from tests.test_app_languages import start, texts

PAGES = {
    "app_pages/edit_map.py": ("Kaart", "Map"),
    "app_pages/edit_elements.py": ("Elementen", "Elements"),
    "app_pages/edit_links.py": ("Relaties", "Links"),
    "app_pages/history.py": ("Geschiedenis", "History"),
    "app_pages/import_export.py": ("Importeren en exporteren", "Import and export"),
    "app_pages/model_page.py": ("Model", "Model"),
}
"""Each page and its title in Dutch and English."""

DUTCH_TEXT = {
    "app_pages/edit_map.py": ["Alle doelen", "Een proces of activiteit toevoegen", "Naam van het nieuwe element",
                              "Kies een proces of activiteit (of klik op een regel)", "Klik op een regel om hem"],
    "app_pages/edit_elements.py": ["Naam bevat", "Elementen verwijderen", "Kies een of meer elementen",
                                   "elementen getoond", "Elke regel tonen"],
    "app_pages/edit_links.py": ["Kies", "Kies een applicatie (typ om te zoeken)",
                                "Vink aan of uit in een lijst"],
    "app_pages/history.py": ["Revisies", "Twee revisies vergelijken", "Een revisie openen of terugzetten",
                             "Niets ongedaan te maken", "Kies twee verschillende revisies om te zien",
                             "alleen-lezen openen"],
    "app_pages/import_export.py": ["Importeren", "Exporteren", "Excel-sjabloon", "Kies een bestand om te zien",
                                   "De lege werkmap downloaden"],
    "app_pages/model_page.py": ["Een modelbestand openen", "Bevindingen in het open model",
                                "Structuur", "Markeren als 'geen ondersteuning nodig'", "De voorbeeldschool openen"],
}
"""A few headings, labels, placeholders and captions of each page, as the Dutch catalogue has them."""


def plain(markdown: str) -> str:
    """Text as the page wrote it before escaping it for Markdown."""
    return markdown.replace("\\", "")


@pytest.fixture(autouse=True)
def fresh_app(workspace_app):
    """Each test starts on the sample school in a new workspace with empty Streamlit caches."""


@pytest.mark.parametrize("page", list(PAGES))
def test_the_page_speaks_dutch(page):
    at = start("nl", page)
    assert [t.value for t in at.title] == [PAGES[page][0]]
    shown_text = texts(at)
    assert [phrase for phrase in DUTCH_TEXT[page] if phrase not in shown_text] == []


@pytest.mark.parametrize("page", list(PAGES))
def test_the_page_speaks_english(page):
    at = start("en", page)
    assert [t.value for t in at.title] == [PAGES[page][1]]
    shown_text = texts(at)
    assert [phrase for phrase in DUTCH_TEXT[page] if phrase in shown_text] == []


# ----------------------------------------------------------------------------- what the tables say


def test_the_map_names_kinds_and_support_in_dutch():
    at = start("nl", "app_pages/edit_map.py")
    tree = next(f.value for f in at.dataframe if "tree" in f.value.columns)
    assert set(tree["kind"]) == {"proces", "activiteit"}
    assert {"dubbel ondersteund", "ondersteund", "niet ondersteund"} <= set(tree["status"])
    assert not {"duplicated", "supported", "unsupported"} & set(tree["status"])
    assert at.radio(key="mp_add_kind").options == ["Activiteit", "Proces"]


def test_the_elements_page_offers_dutch_kinds_and_counts_the_dutch_way(sample):
    at = start("nl", "app_pages/edit_elements.py")
    assert at.radio(key="ed_kind").options == ["Doel", "Proces", "Activiteit", "Informatiebehoefte",
                                               "Applicatiesoort", "Applicatie", "Applicatiefunctie"]
    at.radio(key="ed_kind").set_value("activity").run()
    count = len(sample.elements_of("activity"))
    with use_language("nl"):
        written = number(count)
    assert f"{written} van {written} elementen getoond." in [c.value for c in at.caption]


def test_a_refused_add_on_the_map_says_why_in_dutch():
    at = start("nl", "app_pages/edit_map.py")
    at.button(key="mp_add").click().run()
    errors = [plain(e.value) for e in at.error]
    assert errors == ["Niet bewaard: een nieuwe activiteit heeft een naam nodig; typ er eerst een"]
    assert workspace().head(at.session_state["fm_name"]) == 1  # nothing was stored


def test_a_saved_edit_and_its_undo_speak_dutch():
    at = start("nl", "app_pages/edit_map.py")
    at.text_input(key="mp_add_name").set_value("Roosters maken").run()
    at.button(key="mp_add").click().run()
    assert not at.exception
    assert "Roosters maken" in {e.name for e in shown(at).elements.values()}
    at.switch_page("app_pages/history.py").run()
    undo = plain(at.button(key="hi_undo").label)
    assert undo.startswith("Revisie 2 ongedaan maken: ")
    captions = " ".join(c.value for c in at.caption)
    assert "getoonde revisie 2 · nieuwste revisie 2" in captions
    assert "1 element toegevoegd" in captions  # the difference between revision 1 and 2
    revisions = next(f.value for f in at.dataframe if {"revision", "status", "action"} <= set(f.value.columns))
    assert list(revisions["status"]) == ["getoond, nieuwste", ""]
    assert list(revisions["action"]) == ["wijziging", "aangemaakt"]


def test_the_links_page_offers_dutch_kinds_and_tick_lists():
    at = start("nl", "app_pages/edit_links.py")
    assert at.radio(key="lk_kind").options[:2] == ["Applicatie", "Activiteit"]
    at.selectbox(key="lk_element_application").select_index(0).run()
    labels = [m.label for m in at.multiselect]
    assert "Ondersteunt activiteiten en processen" in labels and "Schrijft informatie" in labels


def test_the_model_page_says_there_are_no_findings_in_dutch():
    at = start("nl", "app_pages/model_page.py")
    assert "Geen bevindingen: het model is op orde." in [c.value for c in at.caption]


def test_the_model_page_lists_the_findings_in_dutch(monkeypatch, tmp_path, sample):
    untidy = sample.copy()
    untidy.add_element(Element.new("activity", "", id="nameless"))
    path = tmp_path / "untidy.json"
    write_model(untidy, path)
    monkeypatch.setenv("FORA_MODEL_FILE", str(path))
    at = start("nl", "app_pages/model_page.py")
    frames = [f.value for f in at.dataframe if {"severity", "reason", "element", "message"} <= set(f.value.columns)]
    assert len(frames) == 1
    found = frames[0].set_index("element")
    assert found.loc["nameless", "message"] == "deze activiteit heeft geen naam"
    assert found.loc["nameless", "hint"] == "geef het een naam"
    assert (found.loc["nameless", "severity"], found.loc["nameless", "reason"]) == ("waarschuwing", "empty-name")


def test_the_model_page_counts_the_dutch_way(sample):
    at = start("nl", "app_pages/model_page.py")
    frame = next(f.value for f in at.dataframe if list(f.value.columns) == ["measure", "value"])
    counts = dict(zip(frame["measure"], frame["value"], strict=True))
    stats = dict(model_stats(sample).itertuples(index=False))
    with use_language("nl"):
        assert counts["Elementen"] == number(stats["elements"])
        assert counts["Jaarlijkse kosten (huidige applicaties)"] == money(stats["annual_cost"])
    assert counts["Ondersteuners geteld als"] == "applicaties"
    assert "Elementen: applicatiesoorten" in counts and "Relaties: bestaat uit" in counts
