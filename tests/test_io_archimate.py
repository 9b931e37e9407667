"""Archi's native .archimate file, plain and zipped."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import fora_model as fm
from fora_model.io.archimate import generate_archimate, parse_archimate, read_archimate
from fora_model.io.examples import interop_example

PLAIN = Path(__file__).parent / "fixtures" / "interop" / "archimate" / "plain.archimate"


@pytest.fixture(scope="module")
def plain():
    return read_archimate(PLAIN)


def test_access_type_absent_is_write_and_numbers_map(plain):
    r = plain.model.relations
    assert [r[i].attributes["access"] for i in ("id-r2", "id-r3", "id-r4")] == ["write", "read", "readwrite"]


def test_profiles_are_specializations_and_mark_system_types(plain):
    e = plain.model.elements
    assert (e["id-ac1"].specialization, e["id-ac1"].kind) == ("Referentiecomponent", fm.ElementKind.SYSTEM_TYPE)
    assert e["id-ac2"].kind is fm.ElementKind.APPLICATION
    assert plain.model.relations["id-r7"].kind is fm.RelationKind.REALIZES


def test_header_documentation_properties_and_junctions(plain):
    m = plain.model
    assert (m.id, m.name, m.documentation, m.properties) == (
        "id-m1", "Archi school", "Our school as Archi has it", (("owner", "ICT"),))
    assert m.elements["id-bf1"].documentation == "Teaching & learning\r\nsecond line"
    assert m.elements["id-j1"].attributes == {"junction_type": "or"}
    assert m.elements["id-j2"].attributes == {"junction_type": "and"}
    assert m.elements["id-ac2"].attributes == {"annual_cost": 8000.0}


def test_views_get_absolute_coordinates_and_dropped_parts_are_reported(plain):
    [view] = plain.model.extras["views"]
    outer, function, note = view["nodes"]
    assert (outer["x"], outer["y"], outer["nodes"][0]["x"], outer["nodes"][0]["y"]) == (24, 36, 36, 60)
    assert (function["w"], function["h"]) == (-1, -1)
    assert note["label"] == "Checked with the team"
    # the bendpoint is (10, 5) from id-d3's centre (400 + 120/2, 36 + 55/2) = (460, 63) and (-10, 5) from
    # id-d1's centre (24 + 150, 36 + 100) = (174, 136), halfway: ((470 + 164) / 2, (68 + 141) / 2) = (317, 104.5)
    assert view["connections"] == [{"id": "id-dc1", "relationship": "id-r5", "source": "id-d3", "target": "id-d1",
                                    "bendpoints": [[317, 104]]}]
    assert [f for f in plain.findings if "bendpoint" in f.message] == []


def test_folders_are_kept(plain):
    business = plain.model.extras["folders"][1]
    assert business["type"] == "business"
    assert business["folders"][0] == {"name": "Onderwijs", "id": "id-fb2", "items": ["id-bf1", "id-bp1"]}


def test_zipped_archive_reads_like_the_plain_file(tmp_path, plain):
    target = tmp_path / "school.archimate"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("model.xml", PLAIN.read_bytes())
        archive.writestr("images/logo.png", b"\x89PNG not really")
    assert read_archimate(target).model == plain.model


def test_reexport_reads_back_the_same_concepts_views_and_folders(plain):
    text, findings = generate_archimate(plain.model)
    back = parse_archimate(text.encode()).model
    assert findings == []
    assert dict(back.elements.items()) == dict(plain.model.elements.items())
    assert dict(back.relations.items()) == dict(plain.model.relations.items())
    assert back.extras == plain.model.extras
    assert 'accessType="1"' in text and 'profiles="' in text


def test_example_round_trip_keeps_views_exactly():
    model = interop_example()
    text, _ = generate_archimate(model)
    back = parse_archimate(text.encode()).model
    assert back.extras["views"] == model.extras["views"]
    assert dict(back.elements.items()) == dict(model.elements.items())
