"""Build the sample board: Stichting De Zeven Bruggen, four schools on the reference model.

Run from the repository root::

    .venv/bin/python -m data.build.build_board             # writes data/sample-board/
    .venv/bin/python -m data.build.build_board --out DIR   # writes the board's files to DIR instead

The board is fictitious; its products are real ones that Dutch schools use, its figures invented
and chosen so that the expected results can be worked out by hand
(``data/sample-board-expected.json``, written by hand, not by this script). Three primary schools
(po) are kept in one shared model, each application marked with the property ``school`` naming the
school that uses it (the board file lists each school as a *part* of that model); the secondary
school (vo) has a model of its own. Microsoft 365 is bought under one board-wide contract (the
property ``board_contract``); CBS Het Anker calls it "Office 365", which the product mapping
``products.csv`` corrects. Ids are stable (``uuid5``), so the build is byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from fora_model.board import ProductMapping
from fora_model.io.board_file import BoardSpec, SchoolSpec, write_board_file, write_product_mapping
from fora_model.io.native import write_json
from fora_model.model import Model
from fora_model.vocabulary import ElementKind, RelationKind

from . import reference_tables as ref
from .build_data import REFERENCE_NAME, _add_reference, _Builder, stable_id

__all__ = ["BOARD_NAME", "SCHOOLS", "SITES", "build_models", "main", "write_board"]

BOARD_NAME = "Stichting De Zeven Bruggen"
OUT = Path(__file__).resolve().parent.parent / "sample-board"
MICROSOFT = "Microsoft 365 board agreement"

K = ElementKind
R = RelationKind


@dataclass(frozen=True)
class Site:
    """One application of one school: the product as the school names it, what it realizes, its contract."""

    school: str
    name: str
    vendor: str
    cost: float
    exit_cost: float
    realizes: tuple[str, ...]
    contract_end: str
    notice: int
    board_contract: str = ""


SCHOOLS: tuple[SchoolSpec, ...] = (
    SchoolSpec("OBS De Linde", "po-schools.json", "po", 240, "Lindendijk", part="OBS De Linde"),
    SchoolSpec("CBS Het Anker", "po-schools.json", "po", 160, "Ankerveen", part="CBS Het Anker"),
    SchoolSpec("Kindcentrum De Vlinder", "po-schools.json", "po", 320, "Vlinderwijk", part="Kindcentrum De Vlinder"),
    SchoolSpec("Het Waterland College", "het-waterland-college.json", "vo", 850, "Waterland"),
)
"""The board's schools: pupils chosen so that costs per pupil are whole euros."""

_L, _A, _V, _W = (s.name for s in SCHOOLS)

SITES: tuple[Site, ...] = (
    Site(_L, "ParnasSys", "Topicus", 6000, 3000, ("LAS",), "2027-07-31", 3),
    Site(_L, "Parro", "Topicus", 1200, 0, ("OUDER",), "2027-07-31", 3),
    Site(_L, "Cito LOVS", "Cito", 2400, 500, ("LVS",), "2027-12-31", 3),
    Site(_L, "Gynzy", "Gynzy", 3600, 0, ("EDU",), "2027-07-31", 2),
    Site(_L, "Microsoft 365", "Microsoft", 4800, 0, ("OFFICE", "CLOUD"), "2028-06-30", 3, MICROSOFT),
    Site(_A, "ParnasSys", "Topicus B.V.", 4800, 3000, ("LAS",), "2028-07-31", 3),
    Site(_A, "Social Schools", "Social Schools", 2400, 0, ("OUDER",), "2027-07-31", 1),
    Site(_A, "Gynzy", "Gynzy", 2560, 0, ("EDU",), "2027-07-31", 2),
    Site(_A, "Office 365", "Microsoft", 3200, 0, ("OFFICE", "CLOUD"), "2028-06-30", 3, MICROSOFT),
    Site(_V, "ESIS", "Rovict", 9600, 6000, ("LAS",), "2027-07-31", 6),
    Site(_V, "Social Schools", "Social Schools", 4800, 0, ("OUDER",), "2028-07-31", 1),
    Site(_V, "Cito LOVS", "Cito", 3520, 500, ("LVS",), "2027-12-31", 3),
    Site(_V, "Snappet", "Infinitas Learning", 8000, 2000, ("EDU",), "2026-12-31", 2),
    Site(_V, "Microsoft 365", "Microsoft", 6400, 0, ("OFFICE", "CLOUD"), "2028-06-30", 3, MICROSOFT),
    Site(_W, "Magister", "Iddink Group", 21250, 45000, ("LAS", "OUDER", "ELO"), "2029-07-31", 6),
    Site(_W, "Zermelo", "Zermelo Software", 6800, 4000, ("ROOSTER",), "2027-07-31", 3),
    Site(_W, "itslearning", "itslearning", 10200, 8000, ("LMS",), "2028-07-31", 6),
    Site(_W, "Cito Volgsysteem VO", "Cito", 4250, 500, ("LVS",), "2027-07-31", 3),
    Site(_W, "Microsoft 365", "Microsoft", 17000, 0, ("OFFICE", "CLOUD"), "2028-06-30", 3, MICROSOFT),
)
"""Every application of every school, in board order."""

MAPPING = ProductMapping(((_A, "Office 365", "Microsoft 365"),))
"""The user's correction: CBS Het Anker's "Office 365" is the board's Microsoft 365."""


def _school_model(key: str, name: str, documentation: str, sites: tuple[Site, ...], *, marked: bool) -> Model:
    model = Model(id=stable_id(f"model:{key}"), name=name, documentation=documentation,
                  properties=[("language", "en"), ("reference_model", stable_id("model:reference")),
                              ("reference_name", REFERENCE_NAME)])
    b = _Builder(model)
    _add_reference(b)
    type_keys = {t.code: f"system_type:{t.name}" for t in ref.SYSTEM_TYPES}
    for site in sites:
        properties = [("school", site.school)] if marked else []
        if site.board_contract:
            properties.append(("board_contract", site.board_contract))
        key = f"{site.school}/{site.name}" if marked else site.name
        b.element(K.APPLICATION, key, properties=properties, vendor=site.vendor, annual_cost=site.cost,
                  exit_cost=site.exit_cost, lifecycle="active", contract_end=site.contract_end,
                  notice_months=site.notice)
        element = model.element(b.keys[f"application:{key}"])
        if element.name != site.name:
            model.update_element(dataclasses.replace(element, name=site.name))
        for code in site.realizes:
            b.relation(R.REALIZES, f"application:{key}", type_keys[code])
    return model


def build_models() -> dict[str, Model]:
    """The board's two models by file name: the shared primary-school model and the secondary school's."""
    po = tuple(s for s in SITES if s.school != _W)
    vo = tuple(s for s in SITES if s.school == _W)
    return {
        "po-schools.json": _school_model(
            "sample-board:po", "Stichting De Zeven Bruggen — primary schools",
            "The board's three primary schools in one model: each application carries the property school "
            "naming the school that uses it.", po, marked=True),
        "het-waterland-college.json": _school_model(
            "sample-board:vo", _W, "The board's secondary school (vmbo-t, havo, vwo), about 850 pupils.", vo,
            marked=False),
    }


def write_board(out: Path) -> list[Path]:
    """Write the models, the product mapping and the board file to ``out``; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in build_models().items():
        write_json(model, out / name)
        written.append(out / name)
    write_product_mapping(MAPPING, out / "products.csv")
    written.append(out / "products.csv")
    write_board_file(BoardSpec(BOARD_NAME, SCHOOLS, mapping="products.csv"), out / "board.json")
    written.append(out / "board.json")
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line entry point: build the sample board."""
    parser = argparse.ArgumentParser(description="Build the sample board (data/sample-board/).")
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write to (default: data/sample-board/)")
    args = parser.parse_args(argv)
    for path in write_board(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
