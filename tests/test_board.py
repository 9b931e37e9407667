"""The board level: products recognised across schools, the board analyses on a hand-built two-school
board whose answers can be checked by eye, the sample board against its hand-written expected list,
the board file's errors, the command line and the Board page (in English and in Dutch).

The two-school board (:func:`two_schools`), one reference shared by both schools (same ids)::

    Education (p-edu)              Pupil care (p-care)            Governance (p-gov, needs no support)
      Record grades (a-grades)       Message parents (a-msg)        Appoint council (a-council)
      Plan lessons (a-plan)          Track progress (a-track)

    LAS (t-las) supports Record grades and Message parents; Parent portal (t-portal) supports
    Message parents; LVS (t-lvs) supports Track progress.

    North (po, 100 pupils)                         South (po, 300 pupils)
      ParnasSys, Topicus, 5,000, realizes LAS        Parnassys, Topicus B.V., 12,000, realizes LAS
      Parro, Topicus, 1,500 (exit 200), portal       Social Schools, 3,000, realizes the portal
      Cito LVS, Cito, 2,000, realizes LVS            (no progress tracking)
      Microsoft 365, 3,000, supports Plan lessons    Office 365 (Microsoft), 9,000, supports Plan lessons
        (board contract "Board Microsoft")             (same board contract; the mapping says it is Microsoft 365)
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.build import build_board
from fora_model import ElementKind, Model
from fora_model.analysis import board as ab
from fora_model.board import Board, BoardError, ProductMapping, School, normalise, product_key, school_part
from fora_model.board_pack.report import board_report
from fora_model.cli import main
from fora_model.dashboard import board as db
from fora_model.datasets import sample_board_expected, sample_board_file
from fora_model.errors import ModelFileError
from fora_model.io import write_model
from fora_model.io.board_file import read_board_file, read_product_mapping
from tests.tiny import model_of

E = ElementKind
ROOT = Path(__file__).resolve().parents[1]
TODAY = _dt.date(2026, 12, 1)

REFERENCE = [
    ("p-edu", E.PROCESS, "Education"),
    ("p-care", E.PROCESS, "Pupil care"),
    ("p-gov", E.PROCESS, "Governance", {"needs_support": False}),
    ("a-grades", E.ACTIVITY, "Record grades"),
    ("a-plan", E.ACTIVITY, "Plan lessons"),
    ("a-msg", E.ACTIVITY, "Message parents"),
    ("a-track", E.ACTIVITY, "Track progress"),
    ("a-council", E.ACTIVITY, "Appoint council"),
    ("t-las", E.SYSTEM_TYPE, "LAS"),
    ("t-portal", E.SYSTEM_TYPE, "Parent portal"),
    ("t-lvs", E.SYSTEM_TYPE, "LVS"),
]
REFERENCE_LINKS = [
    ("c1", "composed_of", "p-edu", "a-grades"), ("c2", "composed_of", "p-edu", "a-plan"),
    ("c3", "composed_of", "p-care", "a-msg"), ("c4", "composed_of", "p-care", "a-track"),
    ("c5", "composed_of", "p-gov", "a-council"),
    ("s1", "supports", "t-las", "a-grades"), ("s2", "supports", "t-las", "a-msg"),
    ("s3", "supports", "t-portal", "a-msg"), ("s4", "supports", "t-lvs", "a-track"),
]
MICROSOFT = {"properties": [("board_contract", "Board Microsoft")]}


def north() -> Model:
    return model_of([
        *REFERENCE,
        ("n-parnassys", E.APPLICATION, "ParnasSys", {"vendor": "Topicus", "annual_cost": 5000,
                                                      "contract_end": "2027-07-31", "notice_months": 3}),
        ("n-parro", E.APPLICATION, "Parro", {"vendor": "Topicus", "annual_cost": 1500, "exit_cost": 200}),
        ("n-cito", E.APPLICATION, "Cito LVS", {"vendor": "Cito", "annual_cost": 2000,
                                                "contract_end": "2027-01-31", "notice_months": 2}),
        ("n-office", E.APPLICATION, "Microsoft 365", {"vendor": "Microsoft", "annual_cost": 3000, **MICROSOFT}),
    ], [
        *REFERENCE_LINKS,
        ("n1", "realizes", "n-parnassys", "t-las"), ("n2", "realizes", "n-parro", "t-portal"),
        ("n3", "realizes", "n-cito", "t-lvs"), ("n4", "supports", "n-office", "a-plan"),
    ], id="m-north", name="North")


def south() -> Model:
    return model_of([
        *REFERENCE,
        ("s-parnassys", E.APPLICATION, "Parnassys", {"vendor": "Topicus B.V.", "annual_cost": 12000,
                                                      "contract_end": "2028-07-31"}),
        ("s-social", E.APPLICATION, "Social Schools", {"vendor": "Social Schools", "annual_cost": 3000}),
        ("s-office", E.APPLICATION, "Office 365", {"vendor": "Microsoft", "annual_cost": 9000, **MICROSOFT}),
    ], [
        *REFERENCE_LINKS,
        ("m1", "realizes", "s-parnassys", "t-las"), ("m2", "realizes", "s-social", "t-portal"),
        ("m3", "supports", "s-office", "a-plan"),
    ], id="m-south", name="South")


MAPPING = ProductMapping((("", "Office 365", "Microsoft 365"),))


def two_schools(mapping: ProductMapping = MAPPING) -> Board:
    return Board("Tiny board", (School("North", north(), "po", 100), School("South", south(), "po", 300)),
                 mapping=mapping)


# ----------------------------------------------------------------------------- products
def test_products_are_recognised_by_vendor_and_name_and_the_mapping_corrects_the_rest():
    sites = two_schools().sites().set_index(["school", "application"])
    assert sites.loc[("South", "Parnassys"), "product"] == "ParnasSys"  # Topicus B.V. = Topicus, case ignored
    assert sites.loc[("South", "Office 365"), "product"] == "Microsoft 365"  # the mapping
    assert sites.loc[("South", "Office 365"), "product_key"] == sites.loc[("North", "Microsoft 365"), "product_key"]
    unmapped = two_schools(ProductMapping()).sites().set_index(["school", "application"])
    assert unmapped.loc[("South", "Office 365"), "product"] == "Office 365"
    assert sites.loc[("North", "ParnasSys"), "system_types"] == "LAS"


def test_normalising_names_and_vendors():
    assert normalise("Énquête-Tool!") == "enquete tool"
    assert product_key("Topicus B.V.", "ParnasSys ") == product_key("topicus", "parnassys")
    assert product_key("Cito", "LVS") != product_key("Boom", "LVS")


def test_an_application_without_vendor_joins_the_product_of_its_name():
    a, b = north(), south()
    b.update_element(_without_vendor(b, "s-social"))
    a.add_element(_app("n-social", "Social Schools", vendor="Social Schools"))
    board = Board("B", (School("North", a, "po", 100), School("South", b, "po", 300)))
    assert board.products().set_index("product").loc["Social Schools", "schools"] == 2


def _app(identifier: str, name: str, **attributes: object):
    from fora_model import Element

    return Element.new("application", name, id=identifier, **attributes)


def _without_vendor(model: Model, identifier: str):
    import dataclasses

    element = model.element(identifier)
    return dataclasses.replace(element, attributes={k: v for k, v in element.attributes.items() if k != "vendor"})


def test_a_school_can_be_a_part_of_a_shared_model():
    model = north()
    model.update_element(_with_school(model, "n-parro", "Annex"))
    main_part = school_part(model, "Main")
    assert "n-parro" not in main_part.elements and "n2" not in main_part.relations
    assert "n-parro" in school_part(model, "annex").elements and "n-cito" in school_part(model, "Annex").elements
    assert school_part(model, "") is model


def _with_school(model: Model, identifier: str, school: str):
    import dataclasses

    element = model.element(identifier)
    return dataclasses.replace(element, properties=(*element.properties, ("school", school)))


@pytest.mark.parametrize(("schools", "message"), [
    ((School("A", Model(), "po", 10), School("a ", Model(), "po", 10)), "named twice"),
    ((School("A", Model(), "mbo", 10),), "sector 'mbo'"),
    ((School("A", Model(), "po", 0),), "pupils must be"),
    ((School("A", Model(), "po", True),), "pupils must be"),  # type: ignore[arg-type]
    ((School(" ", Model(), "po", 10),), "no name"),
])
def test_a_board_refuses_what_it_cannot_be(schools, message):
    with pytest.raises(BoardError, match=message):
        Board("B", schools)


# ----------------------------------------------------------------------------- analyses on the tiny board
def test_consolidation_matrix_by_product():
    matrix = ab.consolidation_matrix(two_schools())
    rows = matrix[["product", "school_count", "annual_cost", "North", "South"]].values.tolist()
    assert rows[:2] == [["ParnasSys", 2, 17000.0, 5000.0, 12000.0], ["Microsoft 365", 2, 12000.0, 3000.0, 9000.0]]
    rest = {r[0]: r[1:] for r in rows[2:]}
    assert set(rest) == {"Social Schools", "Cito LVS", "Parro"}
    assert rest["Parro"][:3] == [1, 1500.0, 1500.0] and pd.isna(rest["Parro"][3])
    assert list(matrix.columns[-2:]) == ["North", "South"]


def test_consolidation_matrix_by_system_type():
    matrix = ab.consolidation_matrix(two_schools(), by="system_type").set_index("system_type")
    assert matrix.loc["Parent portal", ["product_count", "North", "South"]].tolist() == [2, "Parro", "Social Schools"]
    assert matrix.loc["LAS", ["product_count", "North", "South"]].tolist() == [1, "ParnasSys", "ParnasSys"]
    assert matrix.loc["LVS", ["school_count", "South"]].tolist() == [1, ""]
    assert matrix.index[0] == "Parent portal"  # most products first
    with pytest.raises(ValueError, match="by must be"):
        ab.consolidation_matrix(two_schools(), by="domain")


def test_board_duplicates():
    duplicates = ab.board_duplicates(two_schools())
    assert duplicates["element"].tolist() == ["Message parents"]  # Record grades: one product in both schools
    row = duplicates.iloc[0]
    assert row["products"] == "ParnasSys; Parro; Social Schools" and row["product_count"] == 3
    assert row["by_school"] == "North: ParnasSys, Parro; South: ParnasSys, Social Schools"
    assert row["annual_cost"] == 5000 + 1500 + 12000 + 3000
    assert row["domain"] == "Pupil care" and not row["inherited"]


def test_consolidation_savings_state_their_arithmetic():
    savings = ab.consolidation_savings(two_schools())
    rows = {(r.kind, r.product): r for r in savings.itertuples(index=False)}
    assert set(rows) == {("one contract", "ParnasSys"), ("one product", "Social Schools")}
    contract = rows[("one contract", "ParnasSys")]  # 50 and 40 a pupil: 40 × 400 = 16,000
    assert (contract.current_cost, contract.assumed_cost, contract.saving, contract.pupils) == (17000, 16000, 1000, 400)
    assert "South" in contract.assumption
    product = rows[("one product", "Social Schools")]  # 300 pupils beat Parro's 100; 10 a pupil × 100
    assert (product.replaces, product.schools, product.current_cost, product.assumed_cost, product.saving,
            product.one_off_cost) == ("Parro", "North", 1500, 1000, 500, 200)
    assert savings["saving"].tolist() == [1000, 500]  # Microsoft 365 is under one board contract already
    discounted = ab.consolidation_savings(two_schools(), discount=0.1)
    assert discounted.set_index("product").loc["ParnasSys", "assumed_cost"] == pytest.approx(14400)
    with pytest.raises(ValueError, match="discount"):
        ab.consolidation_savings(two_schools(), discount=1.5)


def test_board_gaps():
    gaps = ab.board_gaps(two_schools())
    assert gaps[["school", "element", "filled_in", "filled_by", "products"]].values.tolist() == [
        ["South", "Track progress", 1, "North", "Cito LVS"]]  # Appoint council needs no system anywhere


def test_cost_per_pupil_splits_each_cost_over_its_domains():
    cost = ab.cost_per_pupil(two_schools())
    got = {(r.school, r.domain): (r.annual_cost, r.cost_per_pupil) for r in cost.itertuples(index=False)}
    # ParnasSys supports Record grades (Education) and Message parents (Pupil care): half each
    assert got == {
        ("North", "Education"): (2500 + 3000, 55.0), ("North", "Pupil care"): (2500 + 1500 + 2000, 60.0),
        ("South", "Education"): (6000 + 9000, 50.0), ("South", "Pupil care"): (6000 + 3000, 30.0),
    }


def test_board_renewals_name_the_other_schools():
    renewals = ab.board_renewals(two_schools(), today=TODAY)
    assert renewals[["school", "product", "notice_date", "notice_passed", "product_sites"]].values.tolist() == [
        ["North", "Cito LVS", "2026-11-30", True, 1],
        ["North", "ParnasSys", "2027-04-30", False, 2],
        ["South", "ParnasSys", "2028-07-31", False, 2],
    ]
    assert renewals.loc[1, "other_contract_ends"] == "South: 2028-07-31"
    assert "join one board contract" in renewals.loc[1, "action"]
    assert ab.board_renewals(two_schools(), today=_dt.date(2029, 1, 1)).empty


# ----------------------------------------------------------------------------- the sample board
@pytest.fixture(scope="module")
def sample() -> Board:
    return read_board_file(sample_board_file())


@pytest.fixture(scope="module")
def expected() -> dict:
    return sample_board_expected()


def test_sample_board_schools(sample, expected):
    assert [(s.name, s.sector, s.pupils) for s in sample.schools] == [
        (s["name"], s["sector"], s["pupils"]) for s in expected["schools"]]
    sites = sample.sites()
    for school in expected["schools"]:
        mine = sites[sites["school"] == school["name"]]
        assert len(mine) == school["applications"]
        assert mine["annual_cost"].sum() == school["annual_cost"]


def test_sample_board_products(sample, expected):
    matrix = ab.consolidation_matrix(sample).set_index("product")
    assert sorted(matrix.index) == sorted(p["product"] for p in expected["products"])
    for product in expected["products"]:
        row = matrix.loc[product["product"]]
        assert row["schools"] == "; ".join(product["schools"]), product["product"]
        for school, cost in product["schools"].items():
            assert row[school] == cost, (product["product"], school)


def test_sample_board_system_types(sample, expected):
    matrix = ab.consolidation_matrix(sample, by="system_type").set_index("system_type")
    several = matrix[matrix["product_count"] >= 2]
    assert set(several.index) == set(expected["system_types_with_several_products"])
    for system_type, schools in expected["system_types_with_several_products"].items():
        for school in (s.name for s in sample.schools):
            assert several.loc[system_type, school] == schools.get(school, ""), (system_type, school)


def test_sample_board_savings(sample, expected):
    savings = ab.consolidation_savings(sample)
    assert len(savings) == len(expected["savings"])
    for got, want in zip(savings.to_dict("records"), expected["savings"], strict=True):
        for key in ("kind", "product", "schools", "pupils", "current_cost", "assumed_cost", "saving", "one_off_cost",
                    "replaces", "system_type", "sector"):
            if key in want:
                assert got[key] == pytest.approx(want[key]), \
                    (want["product"], key, got[key])


def test_sample_board_duplicates(sample, expected):
    duplicates = ab.board_duplicates(sample).set_index("element")
    for want in expected["duplicates"]:
        row = duplicates.loc[want["element"]]
        assert row["products"].split("; ") == want["products"], want["element"]
        assert row["school_count"] == want["schools"]
    assert duplicates["product_count"].max() == 6
    assert duplicates.index[duplicates["product_count"] == 6].tolist() == ["Exchange messages with pupils"]


def test_sample_board_gaps(sample, expected):
    gaps = ab.board_gaps(sample)
    want = expected["gaps"]
    anker = gaps[(gaps["school"] == "CBS Het Anker") & (gaps["filled_in"] == 3)]
    assert sorted(anker["element"]) == sorted(want["CBS Het Anker"]["filled_by_all_three_others"])
    assert set(anker["products"]) == {"; ".join(want["CBS Het Anker"]["products"])}
    waterland = gaps[gaps["school"] == "Het Waterland College"]
    assert waterland["element"].tolist() == want["Het Waterland College"]["exactly"]
    assert set(waterland["filled_by"]) == {want["Het Waterland College"]["filled_by"]}
    assert set(waterland["products"]) == {"; ".join(want["Het Waterland College"]["products"])}
    for school in ("OBS De Linde", "Kindcentrum De Vlinder"):
        mine = gaps[gaps["school"] == school]
        assert len(mine) and set(mine["filled_by"]) == {want[school]["filled_by_only"]}


def test_sample_board_cost_per_pupil_adds_up_to_each_school(sample, expected):
    cost = ab.cost_per_pupil(sample)
    totals = cost.groupby("school")["cost_per_pupil"].sum()
    for school in expected["schools"]:
        assert totals[school["name"]] == pytest.approx(school["cost_per_pupil"])


def test_sample_board_renewals(sample, expected):
    renewals = ab.board_renewals(sample, today=_dt.date.fromisoformat(expected["today"]))
    assert renewals[["school", "product", "notice_date"]].values.tolist() == [
        [r["school"], r["product"], r["notice_date"]] for r in expected["renewals"]]
    for got, want in zip(renewals.to_dict("records"), expected["renewals"], strict=True):
        assert got["product_sites"] == want["product_sites"]
        assert got["notice_passed"] == want.get("notice_passed", False)
        assert ("join one board contract" in got["action"]) == want.get("join_board_contract", False)
        assert got["board_contract"] == want.get("board_contract", "")


def test_the_sample_board_build_is_reproducible(tmp_path):
    build_board.write_board(tmp_path)
    for path in sorted(tmp_path.iterdir()):
        assert path.read_bytes() == (sample_board_file().parent / path.name).read_bytes(), path.name


# ----------------------------------------------------------------------------- board files
def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def models(tmp_path) -> Path:
    write_model(north(), tmp_path / "north.json")
    write_model(south(), tmp_path / "south.json")
    return tmp_path


def test_a_toml_board_file_with_a_mapping(models):
    _write(models, "products.csv", "school;application;product\n;Office 365;Microsoft 365\n")
    path = _write(models, "board.toml", 'name = "Tiny"\nmapping = "products.csv"\n'
                  '[[schools]]\nname = "North"\nmodel = "north.json"\nsector = "po"\npupils = 100\n'
                  '[[schools]]\nname = "South"\nmodel = "south.json"\nsector = "PO"\npupils = 300\nlocation = "Zuid"\n')
    board = read_board_file(path)
    assert [s.name for s in board.schools] == ["North", "South"] and board.school("south").location == "Zuid"
    assert ab.consolidation_matrix(board)["product"].tolist()[:2] == ["ParnasSys", "Microsoft 365"]


BAD_BOARDS = [
    ("", "board.json", "the board file is empty"),
    ("{", "board.json", "not valid JSON (line 1"),
    ("name = ", "board.toml", "not valid TOML"),
    ("[]", "board.json", "must be an object"),
    ('{"name": "B", "schools": []}', "board.json", "field 'schools'"),
    ('{"schools": [{}]}', "board.json", "field 'name'"),
    ('{"name": "B", "colour": 1, "schools": [{}]}', "board.json", "unknown field 'colour'"),
    ('{"name": "B", "schools": [1]}', "board.json", "school 1 is not an object"),
    ('{"name": "B", "schools": [{"name": "A", "sector": "po", "pupils": 5}]}', "board.json",
     "school 1 (A): field 'model' is missing"),
    ('{"name": "B", "schools": [{"name": "A", "model": "north.json", "sector": "hbo", "pupils": 5}]}', "board.json",
     "school 1 (A): field 'sector' is 'hbo'"),
    ('{"name": "B", "schools": [{"name": "A", "model": "north.json", "sector": "po", "pupils": "many"}]}',
     "board.json", "school 1 (A): field 'pupils' is 'many'"),
    ('{"name": "B", "schools": [{"name": "A", "model": "north.json", "sector": "po", "pupils": 5, "size": 1}]}',
     "board.json", "school 1 (A): unknown field 'size'"),
    ('{"name": "B", "schools": [{"name": "A", "model": "gone.json", "sector": "po", "pupils": 5}]}', "board.json",
     "school 1 (A): model 'gone.json'"),
    ('{"name": "B", "schools": [{"name": "A", "model": "north.json", "sector": "po", "pupils": 5, "part": "X"}]}',
     "board.json", "field 'part': no application"),
    ('{"name": "B", "schools": [{"name": "A", "model": "north.json", "sector": "po", "pupils": 5},'
     '{"name": "a", "model": "south.json", "sector": "po", "pupils": 5}]}', "board.json", "named twice"),
    ('{"name": "B", "mapping": "missing.csv", "schools": [{"name": "A", "model": "north.json", "sector": "po", '
     '"pupils": 5}]}', "board.json", "missing.csv: no such file"),
]


@pytest.mark.parametrize(("text", "name", "message"), BAD_BOARDS, ids=[m for _t, _n, m in BAD_BOARDS])
def test_a_bad_board_file_is_one_line_naming_the_file_and_field(models, text, name, message):
    path = _write(models, name, text)
    with pytest.raises(ModelFileError) as caught:
        read_board_file(path)
    assert message in str(caught.value) and " — " in str(caught.value)
    assert str(caught.value).startswith(str(path)) or "missing.csv" in message
    err = io.StringIO()
    assert main(["board", str(path), "report", "matrix"], stdout=io.StringIO(), stderr=err) == 2
    assert err.getvalue().count("\n") == 1 and "Traceback" not in err.getvalue()


@pytest.mark.parametrize(("text", "message"), [
    ("", "the product mapping is empty"),
    ("school,app,product\n", "row 1: the header"),
    ("school,application,product\nA,B\n", "row 2: 2 fields instead of 3"),
    ("school,application,product\nA,,C\n", "row 2: the application is empty"),
])
def test_a_bad_product_mapping_names_the_row(tmp_path, text, message):
    with pytest.raises(ModelFileError, match=message):
        read_product_mapping(_write(tmp_path, "products.csv", text))


def test_a_model_with_errors_is_refused_naming_the_school(models):
    (models / "broken.json").write_text(json.dumps({"format": "nonsense"}), encoding="utf-8")
    path = _write(models, "board.json", '{"name": "B", "schools": [{"name": "A", "model": "broken.json", '
                  '"sector": "po", "pupils": 5}]}')
    with pytest.raises(ModelFileError, match=r"school 1 \(A\): model 'broken.json'"):
        read_board_file(path)


# ----------------------------------------------------------------------------- command line
@pytest.mark.parametrize("report", ["matrix", "types", "duplicates", "savings", "gaps", "cost-per-pupil", "renewals"])
def test_every_board_report_writes_csv(tmp_path, report):
    out = tmp_path / f"{report}.csv"
    err = io.StringIO()
    code = main(["board", str(sample_board_file()), "report", report, "-o", str(out), "--today", "2026-12-01"],
                stdout=io.StringIO(), stderr=err)
    assert code == 0, err.getvalue()
    frame = pd.read_csv(out)
    assert len(frame) > 0


def test_board_report_options_reach_the_analysis(tmp_path):
    out = tmp_path / "savings.csv"
    main(["board", str(sample_board_file()), "report", "savings", "-o", str(out), "--discount", "10%"],
         stdout=io.StringIO(), stderr=io.StringIO())
    frame = pd.read_csv(out)
    parnassys = frame[(frame["kind"] == "one contract") & (frame["product"] == "ParnasSys")].iloc[0]
    assert parnassys["assumed_cost"] == pytest.approx(25 * 400 * 0.9)
    assert main(["board", str(sample_board_file()), "report", "savings", "--discount", "2"],
                stdout=io.StringIO(), stderr=io.StringIO()) == 2


def test_board_csv_cells_cannot_become_formulas(models, tmp_path):
    hostile = north()
    hostile.update_element(_renamed(hostile, "n-parro", "=HYPERLINK(\"http://x.invalid\")"))
    write_model(hostile, models / "north.json")
    path = _write(models, "board.json", '{"name": "B", "schools": [{"name": "+North", "model": "north.json", '
                  '"sector": "po", "pupils": 5}]}')
    out = tmp_path / "matrix.csv"
    assert main(["board", str(path), "report", "matrix", "-o", str(out)], stdout=io.StringIO(),
                stderr=io.StringIO()) == 0
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'+North" in text
    assert "\n=" not in text and ",=" not in text and ",+" not in text


def _renamed(model: Model, identifier: str, name: str):
    import dataclasses

    return dataclasses.replace(model.element(identifier), name=name)


def test_board_pack_has_the_board_pages(tmp_path):
    out = tmp_path / "pack.html"
    err = io.StringIO()
    assert main(["board", str(sample_board_file()), "pack", "-o", str(out), "--school", "CBS Het Anker",
                 "--today", "2026-12-01"], stdout=io.StringIO(), stderr=err) == 0, err.getvalue()
    html = out.read_text(encoding="utf-8")
    for section in ('id="board"', 'id="board-consolidation"', 'id="board-renewals"'):
        assert section in html
    assert "Stichting De Zeven Bruggen" in html and "Kindcentrum De Vlinder" in html
    assert main(["board", str(sample_board_file()), "pack", "-o", str(out), "--school", "Nowhere"],
                stdout=io.StringIO(), stderr=io.StringIO()) == 2


def test_board_pages_escape_board_text():
    board = Board("<b>Board</b>", (School("<script>alert(1)</script>", north(), "po", 100),
                                   School("South", south(), "po", 300)))
    html = board_report(north(), board=board, today=TODAY)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_board_pages_speak_dutch():
    html = board_report(north(), board=two_schools(), today=TODAY, language="nl")
    assert "de scholen naast elkaar" in html and "Bestuur: wat samenvoegen zou besparen" in html


# ----------------------------------------------------------------------------- the Board page
TABLES = ("schools", "products", "system_types", "duplicates", "savings", "gaps", "cost", "renewals")
"""The page's tables, one per tab, in the order it draws them."""


def tables(at: AppTest) -> dict[str, pd.DataFrame]:
    return dict(zip(TABLES, (frame.value for frame in at.dataframe), strict=True))


@pytest.fixture()
def board_app(workspace_app, monkeypatch):
    monkeypatch.delenv(db.BOARD_ENV, raising=False)


def test_the_board_page_shows_the_sample_board(board_app):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("app_pages/board.py").run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Schools"] == "4" and metrics["Pupils"] == "1,570" and metrics["Shared products"] == "5"
    board = read_board_file(sample_board_file())
    assert metrics["Could save a year"] == db.board_metrics(db.board_view(board), db.board_savings(board))[-1][1]
    assert metrics["Could save a year"] == "€5.3k"  # 3,072 + 960 + 800 + 320 + 160 = 5,312 (expected savings)
    products = tables(at)["products"]
    assert products.iloc[0]["Product"] == "Microsoft 365" and products.iloc[0]["CBS Het Anker"] == "€3,200"


def test_the_board_page_in_dutch(board_app):
    script = (f"from fora_model.i18n import set_language\nset_language('nl')\n"
              f"import runpy\nrunpy.run_path({str(ROOT / 'app_pages' / 'board.py')!r}, run_name='__main__')\n")
    at = AppTest.from_string(script, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Bestuur"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Scholen"] == "4" and metrics["Leerlingen"] == "1.570"
    products = tables(at)["products"]
    assert "Product" in products.columns and products.iloc[0]["CBS Het Anker"] == "€ 3.200"


def test_the_board_page_says_what_is_wrong_with_a_board_file(board_app, monkeypatch, tmp_path):
    monkeypatch.setenv(db.BOARD_ENV, str(_write(tmp_path, "board.json", '{"name": "B", "schools": []}')))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("app_pages/board.py").run()
    assert not at.exception
    assert "field 'schools'" in at.error[0].value.replace("\\", "")


def test_the_board_page_controls_reach_the_analyses(board_app):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("app_pages/board.py").run()
    at.slider(key="bd_discount").set_value(10).run()
    savings = tables(at)["savings"]
    row = savings[(savings["Rule"] == "one contract") & (savings["Product"] == "ParnasSys")].iloc[0]
    assert row["Afterwards"] == "€9,000"  # 25 a pupil × 400 pupils, less 10%
    at.selectbox(key="bd_gap_school").set_value("Het Waterland College").run()
    gaps = tables(at)["gaps"]
    assert gaps["Work"].tolist() == ["Practice", "Practise with adaptive exercises",
                                     "Work with digital course material"]


def test_board_source_order(tmp_path):
    assert db.board_source(["--board", "a.toml"], {db.BOARD_ENV: "b.json"}) == Path("a.toml")
    assert db.board_source([], {db.BOARD_ENV: "b.json"}) == Path("b.json")
    assert db.board_source([], {}) == sample_board_file()


def test_hostile_board_text_never_reaches_markdown_raw(board_app, monkeypatch, models):
    path = _write(models, "board.json", json.dumps({"name": "<script>alert(1)</script> **B**", "schools": [
        {"name": "![x](http://x.invalid/i.png)", "model": "north.json", "sector": "po", "pupils": 100},
        {"name": "[click](javascript:alert(1))", "model": "south.json", "sector": "po", "pupils": 300}]}))
    monkeypatch.setenv(db.BOARD_ENV, str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("app_pages/board.py").run()
    assert not at.exception, [e.value for e in at.exception]
    texts = [e.value for kind in ("markdown", "caption", "title", "error", "warning", "info")
             for e in getattr(at, kind)]
    texts += [m.label for m in at.metric] + [w.label for w in at.selectbox] + [w.label for w in at.slider]
    assert any("script" in t for t in texts)
    for text in texts:
        bare = re.sub(r"\\.", "", text)  # what is left when escaped characters are taken out
        assert "<" not in bare and "](" not in bare and "**" not in bare, text
    assert tables(at)["schools"]["School"].tolist() == ["![x](http://x.invalid/i.png)", "[click](javascript:alert(1))"]


def test_a_school_can_be_a_workspace_model(models, monkeypatch):
    from fora_model.workspace.store import Store

    monkeypatch.setenv("FORA_MODEL_WORKSPACE", str(models / "ws"))
    Store(models / "ws", seed=False).import_model("north", north(), author="test")
    path = _write(models, "board.json", '{"name": "B", "schools": [{"name": "North", "model": "workspace:north", '
                  '"sector": "po", "pupils": 100}, {"name": "South", "model": "south.json", "sector": "po", '
                  '"pupils": 300}]}')
    board = read_board_file(path)
    assert board.school("North").model == north() and board.school("North").source == "workspace:north"
    assert ab.consolidation_matrix(board)["product"].iloc[0] == "ParnasSys"


def test_the_board_page_prepares_a_board_pack(board_app):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("app_pages/board.py").run()
    at.selectbox(key="bd_pack_school").set_value("Het Waterland College").run()
    at.button(key="bd_pack_prepare").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [b.label for b in at.get("download_button")][-1] == "Download the board report"
    html = db.board_pack(read_board_file(sample_board_file()), "Het Waterland College", today=TODAY).decode()
    assert 'id="board-consolidation"' in html and "Het Waterland College" in html
    assert db.board_pack_name(read_board_file(sample_board_file()), "Het Waterland College") == \
        "board-pack-het-waterland-college.html"


def _hostile_cases() -> list:
    from tests.hostile_cases import CASES

    return [c for c in CASES if c.cli and not c.slow and c.mapping is None and c.encoding is None]


@pytest.mark.parametrize("case", _hostile_cases(), ids=lambda c: c.id)
def test_a_hostile_school_model_is_one_line_naming_the_board_file(tmp_path, case):
    from tests.hostile_cases import remove_tree

    folder = tmp_path / "case"
    folder.mkdir()
    try:
        model = case.build(folder)
        path = _write(folder, "board.json", json.dumps({"name": "B", "schools": [
            {"name": "A", "model": str(Path(model).relative_to(folder)), "sector": "po", "pupils": 10}]}))
        err = io.StringIO()
        code = main(["board", str(path), "report", "matrix", "-o", str(tmp_path / "out.csv")],
                    stdout=io.StringIO(), stderr=err)
    finally:
        remove_tree(folder)  # some cases nest folders deeper than pytest's clean-up can recurse
    lines = err.getvalue().splitlines()
    assert code in (0, 2) and len(lines) <= 1 and "Traceback" not in err.getvalue(), (code, lines)
    if not case.accepted:
        assert code == 2, lines  # a model refused by itself is refused inside a board too
    if code == 2:
        assert lines[0].startswith(f"fora-model: error: {path}: school 1 (A): model"), lines


# ----------------------------------------------------------------------------- the fast path
def test_support_pairs_of_each_school_by_eye():
    north_school, south_school = two_schools().schools
    assert ab._support(north_school, ab.parse_paths(None)) == [
        ("a-grades", "Record grades", "activity", "n-parnassys", True),
        ("a-plan", "Plan lessons", "activity", "n-office", True),
        ("a-msg", "Message parents", "activity", "n-parnassys", True),
        ("a-msg", "Message parents", "activity", "n-parro", True),
        ("a-track", "Track progress", "activity", "n-cito", True),
    ]
    assert [(e, app) for e, _name, _kind, app, _own in ab._support(south_school, ab.parse_paths(None))] == [
        ("a-grades", "s-parnassys"), ("a-plan", "s-office"), ("a-msg", "s-parnassys"), ("a-msg", "s-social")]


def _support_by_group_by(school: School, paths: frozenset[str]) -> list[tuple[str, str, str, str, bool]]:
    """The support pairs of a school the plain way: every chain, grouped by (element, supporter) with pandas."""
    from fora_model.analysis.support import support_table

    table = support_table(school.model, level="application", paths=paths)
    chains, t = table.chains, table.tables
    frame = pd.DataFrame({"element": chains["element"].to_numpy(), "supporter": chains["supporter"].to_numpy(),
                          "own": ~chains["path"].astype(str).str.endswith("parent").to_numpy()})
    frame = frame.groupby(["element", "supporter"], sort=True, as_index=False).agg(own=("own", "any"))
    return [(t.ids[e], t.labels[e], ab._KINDS[t.kind[e]], t.ids[s], bool(o))
            for e, s, o in zip(frame["element"], frame["supporter"], frame["own"], strict=True)]


@pytest.mark.parametrize("paths", [None, "direct", "function,parent"])
def test_support_pairs_are_those_of_a_group_by_of_every_chain(sample, paths):
    chosen = ab.parse_paths(paths)
    owns = set()
    for school in (*two_schools().schools, *sample.schools):
        pairs = ab._support(school, chosen)
        assert pairs == _support_by_group_by(school, chosen), school.name
        owns |= {own for *_rest, own in pairs}
    if paths is None:
        assert owns == {True, False}  # the sample has work supported only through a process above it


def _views_equal(one: Board, other: Board) -> None:
    first, second = db.board_view(one, today=TODAY), db.board_view(other, today=TODAY)
    for name in ("schools", "products", "system_types", "duplicates", "gaps", "cost", "renewals"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name), obj=name)
    pd.testing.assert_frame_equal(db.board_savings(one, discount=0.1), db.board_savings(other, discount=0.1))


def test_school_models_read_once_give_the_same_board_analyses(models):
    path = _write(models, "board.json", json.dumps({"name": "Tiny", "schools": [
        {"name": "North", "model": "north.json", "sector": "po", "pupils": 100},
        {"name": "South", "model": "south.json", "sector": "po", "pupils": 300}]}))
    read: list[str] = []
    kept: dict[tuple[str, object], Model] = {}

    def load(source: str) -> Model:  # what the Board page does: one read per file until it changes
        key = (source, db.model_stamp(source))
        if key not in kept:
            read.append(Path(source).name)
            kept[key] = db.read_school(source)
        return kept[key]

    plain = read_board_file(path)
    first = db.load_board(path, load=load)
    again = db.load_board(path, load=load)
    assert read == ["north.json", "south.json"]
    assert again.schools[0].model is first.schools[0].model
    _views_equal(plain, first)
    _views_equal(plain, again)
    edited = south()
    edited.update_element(_renamed(edited, "s-social", "Parro"))
    write_model(edited, models / "south.json")
    changed = db.load_board(path, load=load)
    assert read == ["north.json", "south.json", "south.json"]
    assert changed.schools[0].model is first.schools[0].model
    _views_equal(read_board_file(path), changed)
    assert "Parro" in changed.sites().loc[changed.sites()["school"] == "South", "application"].tolist()


def test_the_sample_board_read_once_gives_the_same_analyses(sample):
    _views_equal(sample, db.load_board(sample_board_file(), load=db.read_school))


def test_the_board_page_after_the_board_file_changed(board_app, monkeypatch, models):
    path = _write(models, "board.json", json.dumps({"name": "Tiny", "schools": [
        {"name": "North", "model": "north.json", "sector": "po", "pupils": 100},
        {"name": "South", "model": "south.json", "sector": "po", "pupils": 300}]}))
    monkeypatch.setenv(db.BOARD_ENV, str(path))
    read: list[str] = []
    plain_read = db.read_school
    monkeypatch.setattr(db, "read_school", lambda source: read.append(Path(source).name) or plain_read(source))
    at = AppTest.from_file(str(ROOT / "app_pages" / "board.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert {m.label: m.value for m in at.metric}["Pupils"] == "400"
    path.write_text(path.read_text(encoding="utf-8").replace('"pupils": 300', '"pupils": 500'), encoding="utf-8")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert {m.label: m.value for m in at.metric}["Pupils"] == "600"
    assert read == ["north.json", "south.json"]  # the board read again, its school models kept
    shown = tables(at)
    expected = db.page_tables(db.board_view(read_board_file(path)))
    pd.testing.assert_frame_equal(shown["schools"], expected["schools"], check_dtype=False)
