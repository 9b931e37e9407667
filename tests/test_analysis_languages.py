"""The sentences the analyses write into their tables speak the language of the run.

Each analysis runs on a tiny hand-built model twice, in English and in Dutch: the Dutch run gives
the Dutch sentence of the catalogue, the English run the English one (unchanged), and the machine
values next to them (codes, recommendations, finding kinds) are the same in both.
"""

from __future__ import annotations

import datetime as dt

import pytest

import fora_model as fm
from fora_model.analysis.contracts import contract_renewals
from fora_model.analysis.information import information_findings, privacy_findings
from fora_model.analysis.savings import proposed_retirements
from fora_model.analysis.scenarios import SCENARIO_MEASURES, Scenario, evaluate_scenario, measure_meaning
from fora_model.analysis.structure import structure_findings
from fora_model.analysis.time import time_recommendations
from fora_model.changes import AddElement, AddRelation, RemoveElement, describe
from fora_model.changes.editing import no_support_summary
from fora_model.i18n import use_language

TODAY = dt.date(2025, 1, 15)


def two_apps() -> fm.Model:
    """Record grades, supported by Magister (good fit) and by Somtoday (weak fit, 500 a year).

    Somtoday's work is all done by Magister, so the TIME analysis retires it as redundant;
    Magister is kept on its fit (Invest)."""
    m = fm.Model(name="two apps")
    m.add_element(fm.Element.new("activity", "Record grades", id="grades"))
    m.add_element(fm.Element.new("application", "Magister", id="mag", functional_fit=4, technical_fit=3,
                                 annual_cost=1000))
    m.add_element(fm.Element.new("application", "Somtoday", id="som", functional_fit=1, technical_fit=1,
                                 annual_cost=500))
    m.add_relation(fm.Relation.new("supports", "mag", "grades"))
    m.add_relation(fm.Relation.new("supports", "som", "grades"))
    return m


def rationale(frame, app: str) -> str:
    return str(frame.set_index("application_id").loc[app, "rationale"])


# ----------------------------------------------------------------------------- TIME
def test_time_rationale_in_dutch_and_english():
    m = two_apps()
    english = time_recommendations(m)
    with use_language("nl"):
        dutch = time_recommendations(m)
    # Magister is kept: its partner Somtoday is the one that goes
    assert rationale(english, "mag") == ("Its work is also done by Somtoday, which retire instead as the weaker fit "
                                         "or dearer; its functional (4) and technical (3) fit are both good, so keep "
                                         "investing in it.")
    assert rationale(dutch, "mag") == ("Het werk ervan wordt ook gedaan door Somtoday, die in plaats daarvan worden "
                                       "uitgefaseerd omdat ze minder geschikt of duurder zijn; de functionele (4) en "
                                       "technische (3) geschiktheid zijn allebei goed, dus blijf erin investeren.")
    assert rationale(english, "som").startswith("Everything it supports (1 element) is also supported by Magister, "
                                                "so retire it and save ")
    assert rationale(dutch, "som").startswith("Alles wat de applicatie ondersteunt (1 element) wordt ook "
                                              "ondersteund door Magister, dus faseer haar uit en bespaar ")
    # the codes stay the same in both languages
    columns = ["application_id", "quadrant", "recommendation", "rule", "retire"]
    assert english[columns].equals(dutch[columns])
    assert dict(zip(english["application_id"], english["recommendation"], strict=True)) == {
        "som": "Eliminate", "mag": "Invest"}


def test_time_keeps_a_result_per_language():
    """The analysis is remembered on the model; asking in English after Dutch still gives English."""
    m = two_apps()
    with use_language("nl"):
        first = rationale(time_recommendations(m), "mag")
    again = rationale(time_recommendations(m), "mag")
    assert first.startswith("Het werk ervan")
    assert again.startswith("Its work is")


def test_unassessed_and_planned_rationales_in_dutch():
    m = fm.Model(name="unassessed")
    m.add_element(fm.Element.new("activity", "Plan lessons", id="plan"))
    m.add_element(fm.Element.new("application", "Zermelo", id="zer"))
    m.add_element(fm.Element.new("application", "Next", id="next", lifecycle="plan"))
    m.add_relation(fm.Relation.new("supports", "zer", "plan"))
    m.add_relation(fm.Relation.new("supports", "next", "plan"))
    with use_language("nl"):
        frame = time_recommendations(m)
    assert rationale(frame, "next") == "Gepland, nog geen huidige ondersteuning; de applicatie heeft nog geen " \
                                       "geschiktheidsscores."
    english = time_recommendations(m)
    assert rationale(english, "next") == "Planned, not yet current support; it has no fit scores yet."


# ----------------------------------------------------------------------------- contracts
def test_contract_action_in_dutch_and_english():
    m = fm.Model(name="contract")
    m.add_element(fm.Element.new("activity", "X", id="x"))
    # weak fit on both axes: Eliminate; notice 3 months before 30 June is 30 March
    m.add_element(fm.Element.new("application", "Old", id="old", contract_end="2025-06-30", notice_months=3,
                                 functional_fit=1, technical_fit=1))
    m.add_relation(fm.Relation.new("supports", "old", "x"))
    english = contract_renewals(m, today=TODAY)
    with use_language("nl"):
        dutch = contract_renewals(m, today=TODAY)
    assert english["action"].tolist() == ["Give notice by 2025-03-30 (Eliminate) or decide to renew."]
    assert dutch["action"].tolist() == ["Zeg op vóór 2025-03-30 (Elimineren) of besluit te verlengen."]
    assert english["recommendation"].tolist() == dutch["recommendation"].tolist() == ["Eliminate"]


# ----------------------------------------------------------------------------- scenarios
def test_scenario_change_details_in_dutch_and_english():
    m = two_apps()
    scenario = Scenario("Retire Magister", retire=["mag"])
    english = evaluate_scenario(m, scenario).changes.set_index("change")
    with use_language("nl"):
        dutch = evaluate_scenario(m, scenario).changes.set_index("change")
    assert list(english.index) == list(dutch.index)
    assert english.loc["retired", "detail"].startswith("retired; saves ")
    assert dutch.loc["retired", "detail"].startswith("uitgefaseerd; bespaart ")
    # two supporters before, one after: the duplicate is gone
    assert english.loc["duplicate-removed", "detail"] == "2 → 1 supporting applications"
    assert dutch.loc["duplicate-removed", "detail"] == "2 → 1 ondersteunende applicaties"


def test_a_lost_element_names_its_old_supporter_in_dutch():
    m = two_apps()
    result_en = evaluate_scenario(m, Scenario("Retire both", retire=["mag", "som"]))
    with use_language("nl"):
        result_nl = evaluate_scenario(m, Scenario("Retire both", retire=["mag", "som"]))
    assert result_en.of("left-unsupported")["detail"].tolist() == ["was supported by Magister | Somtoday"]
    assert result_nl.of("left-unsupported")["detail"].tolist() == ["werd ondersteund door Magister | Somtoday"]


def test_measure_meanings_in_both_languages():
    assert [measure_meaning(k) for k in SCENARIO_MEASURES] == list(SCENARIO_MEASURES.values())
    with use_language("nl"):
        assert measure_meaning("one_off_cost") == "uitstapkosten van de applicaties die verdwijnen (EUR, eenmalig)"
        dutch = [measure_meaning(k) for k in SCENARIO_MEASURES]
    assert all(d != e for d, e in zip(dutch, SCENARIO_MEASURES.values(), strict=True) if "flows_to" not in e)
    assert measure_meaning("no such measure") == ""


# ----------------------------------------------------------------------------- information
def personal() -> fm.Model:
    m = fm.Model(name="privacy")
    m.add_element(fm.Element.new("application", "Parro", id="parro", processes_personal_data=True,
                                 dpa_signed=False))
    return m


def test_privacy_issues_in_dutch_and_english():
    m = personal()
    english = privacy_findings(m)
    with use_language("nl"):
        dutch = privacy_findings(m)
    assert english[["issues", "basis"]].values.tolist() == [["no signed processing agreement", "declared"]]
    assert dutch[["issues", "basis"]].values.tolist() == [["geen getekende verwerkersovereenkomst", "opgegeven"]]
    assert english["no_dpa"].tolist() == dutch["no_dpa"].tolist() == [True]


def test_information_findings_in_dutch_and_english():
    m = personal()
    english = information_findings(m, level="application")
    with use_language("nl"):
        dutch = information_findings(m, level="application")
    assert english[["finding", "detail"]].values.tolist() == [["no-dpa", "no signed processing agreement"]]
    assert dutch[["finding", "detail"]].values.tolist() == [["no-dpa", "geen getekende verwerkersovereenkomst"]]


def test_personal_data_held_twice_is_counted_in_dutch():
    m = fm.Model(name="held twice")
    m.add_element(fm.Element.new("information", "Pupil file", id="i", personal_data=True))
    for app in ("A", "B"):
        m.add_element(fm.Element.new("application", app, id=app, dpa_signed=True))
        m.add_relation(fm.Relation.new("accesses", app, "i", access="write"))
    english = information_findings(m)
    with use_language("nl"):
        dutch = information_findings(m)
    held_en = english.loc[english["finding"] == "personal-data", "detail"].tolist()
    held_nl = dutch.loc[dutch["finding"] == "personal-data", "detail"].tolist()
    assert held_en == ["held by 2 applications"]
    assert held_nl == ["opgeslagen in 2 applicaties"]


# ----------------------------------------------------------------------------- structure
def test_structure_findings_in_dutch_and_english():
    m = fm.Model(name="structure")
    m.add_element(fm.Element.new("activity", "Vergaderen", id="orphan"))
    m.add_element(fm.Element.new("process", "Onderwijs", id="p"))
    m.add_element(fm.Element.new("activity", "TODO", id="todo"))
    m.add_relation(fm.Relation.new("composed_of", "p", "todo"))
    english = structure_findings(m).set_index("element_id")
    with use_language("nl"):
        dutch = structure_findings(m).set_index("element_id")
    assert english.loc["orphan", "message"] == ("This activity sits under no process, so it is missing from the map "
                                                "and inherits nothing.")
    assert dutch.loc["orphan", "message"] == ("Deze activiteit valt onder geen enkel proces, dus ontbreekt ze op de "
                                              "kaart en erft ze niets.")
    assert english.loc["todo", "message"] == "This activity is named 'TODO', a placeholder."
    assert dutch.loc["todo", "message"] == "Dit element (activiteit) heet 'TODO', een tijdelijke naam."
    assert dutch.loc["todo", "suggested_fix"].startswith("Geef het zijn echte naam op de pagina Elementen")
    assert english.loc["todo", "suggested_fix"].startswith("Give it its real name on the Elements page")
    assert english["finding"].tolist() == dutch["finding"].tolist()


# ----------------------------------------------------------------------------- edits
def test_edit_summaries_in_dutch_and_english():
    m = fm.Model(name="edits")
    m.add_element(fm.Element.new("application", "Magister", id="mag"))
    m.add_element(fm.Element.new("activity", "Record grades", id="grades"))
    added = AddElement(fm.Element.new("goal", "Good teaching", id="g"))
    link = AddRelation(fm.Relation.new("supports", "mag", "grades", id="r"))
    removed = RemoveElement("mag", element=m.element("mag"))
    changes = [added, link, removed]
    assert describe(changes, m) == ("added goal 'Good teaching'; linked 'Magister' supports 'Record grades'; "
                                    "deleted application 'Magister'")
    with use_language("nl"):
        assert describe(changes, m) == ("doel 'Good teaching' toegevoegd; gekoppeld: 'Magister' ondersteunt "
                                        "'Record grades'; applicatie 'Magister' verwijderd")
        assert describe([]) == "geen wijzigingen"
        assert describe(changes * 2, m, limit=3).endswith(" (en nog 3 wijzigingen)")
    assert describe(changes * 2, m, limit=3).endswith(" (and 3 more changes)")


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "marked 2 elements as needing no support: 'Besturen' and everything below it"),
    ("nl", "2 elementen gemarkeerd als 'geen ondersteuning nodig': 'Besturen' en alles daaronder"),
])
def test_no_support_summary_in_both_languages(language, expected):
    m = fm.Model(name="tiny")
    m.add_element(fm.Element.new("process", "Besturen", id="p"))
    with use_language(language):
        assert no_support_summary(m, ["p"], 2, subtree=True) == expected


def test_a_retiring_application_names_its_lifecycle_in_dutch():
    """Somtoday is being phased out but alone supports Record absence: migrate that work first."""
    m = fm.Model(name="phase-out")
    m.add_element(fm.Element.new("activity", "Record absence", id="absence"))
    m.add_element(fm.Element.new("application", "Somtoday", id="som", lifecycle="phase-out",
                                 processes_personal_data=True, dpa_signed=True))
    m.add_relation(fm.Relation.new("supports", "som", "absence"))
    english = time_recommendations(m)
    with use_language("nl"):
        dutch = time_recommendations(m)
        privacy_nl = privacy_findings(m)
    assert rationale(english, "som") == ("It is in phase-out but 1 element would rest on it alone, so migrate that "
                                         "work before retiring it.")
    assert rationale(dutch, "som") == ("De applicatie is in de fase 'uitfaseren', maar 1 element zou alleen op haar "
                                       "rusten, dus verplaats dat werk voordat ze wordt uitgefaseerd.")
    assert privacy_findings(m)["issues"].tolist() == ["in phase-out"]
    assert privacy_nl["issues"].tolist() == ["in de fase 'uitfaseren'"]


def test_savings_carry_the_rationale_of_their_language():
    """The proposed retirements repeat the TIME sentence, in the language of the run."""
    m = two_apps()
    with use_language("nl"):
        dutch = proposed_retirements(m)
    english = proposed_retirements(m)
    assert dutch["rationale"].str.startswith("Alles wat de applicatie ondersteunt").all()
    assert english["rationale"].str.startswith("Everything it supports").all()
    assert len(dutch) == len(english) >= 1


# ----------------------------------------------------------------------------- the sample school
ENGLISH_WORDS = (" so ", " it ", " the ", " and ", " supported by ", " a year")
"""Words of the English sentences that no Dutch sentence of these analyses uses."""


def test_the_sample_school_speaks_dutch_in_every_sentence(sample):
    with use_language("nl"):
        time = time_recommendations(sample)
        structure = structure_findings(sample)
        information = information_findings(sample)
        scenario = evaluate_scenario(sample, Scenario("Retire the proposals",
                                                      retire=time.loc[time["retire"], "application_id"].tolist()))
    english_time = time_recommendations(sample)
    assert len(time) == len(english_time) > 0
    texts = {
        "rationale": time["rationale"].tolist(),
        "message": structure["message"].tolist(),
        "suggested_fix": structure["suggested_fix"].tolist(),
        "information": information["detail"].tolist(),
        "scenario": scenario.changes["detail"].tolist(),
    }
    assert all(texts.values()), {k: len(v) for k, v in texts.items()}
    english = {k: [t for t in v if any(w in f" {t} " for w in ENGLISH_WORDS)] for k, v in texts.items()}
    assert english == {k: [] for k in texts}
    # English is still English for the same model afterwards
    assert all(any(w in f" {t} " for w in ENGLISH_WORDS) for t in english_time["rationale"])
