"""Structure findings: orphan behaviours, placeholder names and governance-looking processes, on the
tiny school (tests/tiny.py), on small hand-built variants and on an Archi ``.archimate`` file."""

from __future__ import annotations

from pathlib import Path

import pytest

from fora_model import Element, read_model
from fora_model.analysis.structure import (
    GOVERNANCE_PATTERNS,
    STRUCTURE_COLUMNS,
    governance_patterns,
    is_placeholder,
    structure_findings,
)
from tests.tiny import E, R, loop_model, model_of, tiny_school


def pairs(frame) -> list[tuple[str, str]]:
    return list(zip(frame["element_id"], frame["finding"], strict=True))


def school_with_problems():
    """The tiny school plus a placeholder activity under Administration and a Dutch governance
    process "Schoolbeleid" (needs support by default) with one activity below it."""
    model = tiny_school()
    for element in (Element.new(E.ACTIVITY, "TBD", id="a-tbd"),
                    Element.new(E.PROCESS, "Schoolbeleid", id="p-beleid"),
                    Element.new(E.ACTIVITY, "Schoolplan schrijven", id="a-plan-write")):
        model.add_element(element)
    model.add_relation(model.relations["r-admin-plan"].replace(id="r-admin-tbd", target="a-tbd"))
    model.add_relation(model.relations["r-admin-plan"].replace(id="r-beleid-write", source="p-beleid",
                                                               target="a-plan-write"))
    return model


def test_the_tiny_school_has_one_orphan_and_its_marked_governance_is_no_finding():
    frame = structure_findings(tiny_school())
    # Register absence sits under no process; Governance says needs_support false, so it is not reported
    assert pairs(frame) == [("a-absence", "orphan")]
    row = frame.iloc[0]
    assert (row["name"], row["kind"], row["archimate_type"]) == ("Register absence", "activity", "BusinessProcess")
    assert "under no process" in row["message"] and "Map page" in row["suggested_fix"]


def test_a_governance_process_that_still_needs_support_is_reported():
    model = tiny_school()
    model.update_element(model.element("p-gov").with_attributes(needs_support=True))
    assert pairs(structure_findings(model)) == [("a-absence", "orphan"), ("p-gov", "governance")]


def test_one_orphan_one_placeholder_one_governance_process():
    frame = structure_findings(school_with_problems())
    assert pairs(frame) == [("a-absence", "orphan"), ("a-tbd", "placeholder"), ("p-beleid", "governance")]
    assert "'beleid'" in frame.iloc[2]["message"]  # the pattern that matched
    # the activity below Schoolbeleid inherits needs_support but its name matches no pattern
    assert "a-plan-write" not in set(frame["element_id"])


def test_custom_governance_patterns_replace_the_defaults():
    model = school_with_problems()
    custom = structure_findings(model, governance=["ADMINISTR", "schoolplan"])
    assert pairs(custom[custom["finding"] == "governance"]) == [("p-admin", "governance"),
                                                                ("a-plan-write", "governance")]
    assert pairs(structure_findings(model, governance="administr, ")) == [
        ("a-absence", "orphan"), ("a-tbd", "placeholder"), ("p-admin", "governance")]
    assert "governance" not in set(structure_findings(model, governance=[])["finding"])


def test_marking_the_governance_process_needs_no_support_silences_it():
    model = school_with_problems()
    model.update_element(model.element("p-beleid").with_attributes(needs_support=False))
    assert "governance" not in set(structure_findings(model)["finding"])
    # an activity below it inherits the setting: a pattern matching it finds nothing either
    assert "governance" not in set(structure_findings(model, governance=["schoolplan"])["finding"])


def test_governance_patterns_parse_text_and_keep_defaults_for_none():
    assert governance_patterns(None) == GOVERNANCE_PATTERNS
    assert "besturen" in GOVERNANCE_PATTERNS and "verantwoording" in GOVERNANCE_PATTERNS
    assert governance_patterns("Beleid,\n toezicht ,beleid,,") == ("beleid", "toezicht")
    assert governance_patterns(["  "]) == ()


@pytest.mark.parametrize("name, archimate_type", [
    ("", ""), ("   ", ""), ("...", ""), ("…", ""), ("?", ""), ("-", ""), ("TBD", ""), ("tbd 2", ""),
    ("Nieuw", ""), ("naamloos", ""), ("Todo", ""), ("TODO: rooster maken", ""), ("xxx-leerlingen", ""),
    ("New 3", ""), ("Business Process", "BusinessProcess"), ("Business Function 2", "BusinessFunction"),
])
def test_placeholder_names(name, archimate_type):
    assert is_placeholder(Element.new(E.ACTIVITY, name, archimate_type=archimate_type))


@pytest.mark.parametrize("name, archimate_type", [
    ("Toetsen", ""), ("Todos plannen", ""), ("Nieuwe leerlingen inschrijven", ""), ("Newsletter", ""),
    ("Business Function", "BusinessProcess"), ("Rooster 2", ""), ("3", ""),
])
def test_real_names_are_no_placeholders(name, archimate_type):
    assert not is_placeholder(Element.new(E.ACTIVITY, name, archimate_type=archimate_type))


def test_placeholders_of_every_kind_but_nameless_junctions():
    model = model_of([("g", E.GOAL, "Goal"), ("app", E.APPLICATION, "?"), ("j", E.OTHER, "")], [])
    model.update_element(model.element("j").replace(archimate_type="OrJunction"))
    assert pairs(structure_findings(model)) == [("g", "placeholder"), ("app", "placeholder")]


def test_a_process_alone_is_an_orphan_and_a_top_process_with_parts_is_not():
    model = model_of([("p-top", E.PROCESS, "Onderwijs"), ("a", E.ACTIVITY, "Lesgeven"), ("p-alone", E.PROCESS,
                                                                                       "Huisvesting")],
                     [("r", R.COMPOSED_OF, "p-top", "a")])
    frame = structure_findings(model)
    assert pairs(frame) == [("p-alone", "orphan")]
    assert "stands alone" in frame.iloc[0]["message"]


def test_elements_on_a_loop_are_no_orphans():
    # Alpha and Beta compose each other: their parents are loop edges (a validation finding of its own)
    assert structure_findings(loop_model()).empty


def test_columns_and_an_empty_model():
    frame = structure_findings(model_of([], []))
    assert list(frame.columns) == STRUCTURE_COLUMNS and frame.empty
    frame = structure_findings(tiny_school())
    assert all(str(frame[c].dtype) == "str" for c in STRUCTURE_COLUMNS)


ARCHIMATE = """<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:archimate="http://www.archimatetool.com/archimate" name="School" id="id-m" version="5.0.0">
  <folder name="Business" id="id-fb" type="business">
    <element xsi:type="archimate:BusinessFunction" name="Financi&#xeb;n" id="id-fin"/>
    <element xsi:type="archimate:BusinessProcess" name="Facturen betalen" id="id-pay"/>
    <element xsi:type="archimate:BusinessFunction" name="Inkoop" id="id-buy"/>
    <element xsi:type="archimate:BusinessProcess" name="Bestellen" id="id-order"/>
    <element xsi:type="archimate:BusinessFunction" name="Besturen" id="id-gov"/>
    <element xsi:type="archimate:BusinessProcess" name="Jaarverslag vaststellen" id="id-report"/>
    <element xsi:type="archimate:BusinessProcess" name="Business Process" id="id-new"/>
  </folder>
  <folder name="Other" id="id-fo" type="other">
    <element xsi:type="archimate:Grouping" name="Bedrijfsvoering" id="id-dom-ops"/>
    <element xsi:type="archimate:Grouping" name="Bevoegd gezag" id="id-dom-board"/>
    <element xsi:type="archimate:Junction" id="id-j"/>
  </folder>
  <folder name="Relations" id="id-fr" type="relations">
    <element xsi:type="archimate:CompositionRelationship" id="id-r1" source="id-dom-ops" target="id-fin"/>
    <element xsi:type="archimate:CompositionRelationship" id="id-r2" source="id-fin" target="id-pay"/>
    <element xsi:type="archimate:CompositionRelationship" id="id-r3" source="id-buy" target="id-order"/>
    <element xsi:type="archimate:AggregationRelationship" id="id-r4" source="id-dom-board" target="id-gov"/>
    <element xsi:type="archimate:CompositionRelationship" id="id-r5" source="id-gov" target="id-report"/>
  </folder>
</archimate:model>
"""


def test_an_archi_model_grouped_in_domains(tmp_path):
    source = tmp_path / "school.archimate"
    source.write_text(ARCHIMATE, encoding="utf-8")
    model = read_model(source).model
    frame = structure_findings(model)
    # Inkoop has parts but no domain above it, while the top level is Groupings; Archi's default
    # name for a new business process is a placeholder, and it sits under nothing; Besturen is governance
    assert pairs(frame) == [("id-buy", "orphan"), ("id-new", "orphan"), ("id-new", "placeholder"),
                            ("id-gov", "governance")]
    assert "Groupings" in frame.iloc[0]["message"]
    assert frame.iloc[0]["archimate_type"] == "BusinessFunction"


INTEROP = Path(__file__).parent / "fixtures" / "interop"


@pytest.mark.parametrize("source", ["coarchi/model", "archimate/plain.archimate", "exchange/archi_export.xml",
                                    "archi_csv/quirks"])
def test_tidy_files_in_archis_own_forms_have_no_structure_findings(source):
    # each holds a process with its activity and (all but coArchi) a nameless junction, which is no placeholder
    model = read_model(INTEROP / source).model
    assert model.elements_of(E.ACTIVITY) and structure_findings(model).empty
