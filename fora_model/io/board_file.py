"""The board file: a small JSON or TOML file listing a board's schools and their models, and the
product mapping CSV beside it.

A board file names the board and each school, with its model (a path relative to the board file, or
``workspace:NAME``), optionally the part of that model that is the school (see
:data:`fora_model.board.PART_PROPERTY`), its sector, pupils and location, and optionally a product
mapping file (``school,application,product``, relative to the board file)::

    name = "Stichting De Zeven Bruggen"
    mapping = "products.csv"            # optional

    [[schools]]
    name = "OBS De Linde"
    model = "obs-de-linde.json"         # or "workspace:De Linde"
    sector = "po"                       # po, vo or so
    pupils = 240
    location = "Lindendijk"             # optional
    part = ""                           # optional: the value of the applications' `school` property

The same in JSON is ``{"name": …, "mapping": …, "schools": [{"name": …, "model": …, …}]}``.
:func:`read_board_file` reads either (by the suffix: ``.toml``, else JSON) and loads every model;
every problem is a :class:`~fora_model.errors.ModelFileError` naming the board file, the school and
the field, and saying what to write. :func:`write_board_file` writes the JSON form.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..board import PART_PROPERTY, SECTORS, Board, BoardError, ProductMapping, School, normalise, school_part
from ..errors import ForaModelError, ModelFileError, Reason
from ..model import Model
from . import SCHEMES, load_model
from .base import read_limited
from .safety import decode_text

__all__ = [
    "MAPPING_HEADER",
    "BoardSpec",
    "SchoolSpec",
    "parse_board_file",
    "read_board_file",
    "read_product_mapping",
    "write_board_file",
    "write_product_mapping",
]

MAX_BOARD_BYTES = 1_000_000
"""A board file is a short list; anything bigger is not one."""

MAPPING_HEADER = ("school", "application", "product")
"""The header of a product mapping file."""

_SCHOOL_FIELDS = ("name", "model", "sector", "pupils", "location", "part")
_BOARD_FIELDS = ("name", "mapping", "schools")


@dataclass(frozen=True)
class SchoolSpec:
    """One school as the board file lists it (``model`` as written: relative path or ``workspace:NAME``)."""

    name: str
    model: str
    sector: str
    pupils: int
    location: str = ""
    part: str = ""


@dataclass(frozen=True)
class BoardSpec:
    """A board file's content: the board's name, its schools and the mapping file ("" for none)."""

    name: str
    schools: tuple[SchoolSpec, ...]
    mapping: str = ""
    folder: Path = field(default=Path("."), compare=False)
    """The board file's folder, against which relative paths are read."""


def _fail(source: str, message: str, hint: str, reason: Reason = Reason.BAD_VALUE) -> ModelFileError:
    return ModelFileError(source, message, hint, reason)


def parse_board_file(path: str | Path) -> BoardSpec:
    """The board file at ``path``, checked field by field (nothing is loaded yet)."""
    source = str(path)
    text = decode_text(read_limited(path, max_bytes=MAX_BOARD_BYTES), source)
    if not text.strip():
        raise _fail(source, "the board file is empty", "list the board's name and its schools (see "
                    "docs/board.md)", Reason.SYNTAX_ERROR)
    data: Any
    if Path(path).suffix.lower() == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _fail(source, f"not valid TOML ({exc})", "fix the line named, or write the board file as "
                        "JSON", Reason.SYNTAX_ERROR) from None
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _fail(source, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                        "fix the JSON there, or write the board file as TOML (board.toml)",
                        Reason.SYNTAX_ERROR) from None
        except RecursionError:
            raise _fail(source, "the JSON is nested too deeply", "a board file is a flat list of schools",
                        Reason.TOO_LARGE) from None
    if not isinstance(data, dict):
        raise _fail(source, "the board file must be an object with name and schools",
                    'write {"name": "…", "schools": [{"name": "…", "model": "…", …}]}')
    unknown = sorted(set(data) - set(_BOARD_FIELDS))
    if unknown:
        raise _fail(source, f"unknown field {unknown[0]!r}", f"the fields are {', '.join(_BOARD_FIELDS)}")
    name = data.get("name", "")
    if not isinstance(name, str) or not name.strip():
        raise _fail(source, "field 'name': the board has no name", 'write the board\'s name, e.g. name = '
                    '"Stichting De Zeven Bruggen"', Reason.MISSING_FIELD)
    mapping = data.get("mapping", "")
    if not isinstance(mapping, str):
        raise _fail(source, "field 'mapping' must be the name of a CSV file", 'write mapping = "products.csv" '
                    "or leave the field out")
    schools = data.get("schools")
    if not isinstance(schools, list) or not schools:
        raise _fail(source, "field 'schools': the board lists no schools",
                    "add one entry per school with name, model, sector and pupils", Reason.MISSING_FIELD)
    specs = tuple(_school_spec(source, n, entry) for n, entry in enumerate(schools, start=1))
    return BoardSpec(name=name.strip(), schools=specs, mapping=mapping.strip(), folder=Path(path).parent)


def _school_spec(source: str, n: int, entry: object) -> SchoolSpec:
    where = f"school {n}"
    if not isinstance(entry, dict):
        raise _fail(source, f"{where} is not an object", "give each school as an object with name, model, sector "
                    "and pupils")
    name = entry.get("name")
    if isinstance(name, str) and name.strip():
        where = f"school {n} ({name.strip()})"
    unknown = sorted(set(entry) - set(_SCHOOL_FIELDS))
    if unknown:
        raise _fail(source, f"{where}: unknown field {unknown[0]!r}", f"a school's fields are "
                    f"{', '.join(_SCHOOL_FIELDS)}")
    for key in ("name", "model"):
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise _fail(source, f"{where}: field {key!r} is missing or empty",
                        "write the school's name" if key == "name" else
                        "name the school's model file (relative to the board file) or workspace:NAME",
                        Reason.MISSING_FIELD)
    sector = entry.get("sector")
    if not isinstance(sector, str) or sector.strip().lower() not in SECTORS:
        raise _fail(source, f"{where}: field 'sector' is {sector!r}", "write po (primary), vo (secondary) or so "
                    "(special needs)")
    pupils = entry.get("pupils")
    if isinstance(pupils, bool) or not isinstance(pupils, int) or pupils < 1:
        raise _fail(source, f"{where}: field 'pupils' is {pupils!r}", "write the number of pupils as a whole "
                    "number of at least 1, e.g. pupils = 240")
    for key in ("location", "part"):
        if not isinstance(entry.get(key, ""), str):
            raise _fail(source, f"{where}: field {key!r} must be text", f"write {key} as text in quotes")
    return SchoolSpec(name=str(entry["name"]).strip(), model=str(entry["model"]).strip(),
                      sector=sector.strip().lower(), pupils=pupils, location=str(entry.get("location", "")).strip(),
                      part=str(entry.get("part", "")).strip())


def _model_source(spec: BoardSpec, school: SchoolSpec) -> str:
    scheme = school.model.partition(":")[0]
    if scheme == "workspace" or (len(scheme) > 1 and scheme in SCHEMES):
        return school.model  # workspace:NAME, read through the scheme the workspace registers
    return str(spec.folder / school.model)


def read_board_file(
    path: str | Path,
    *,
    load: Callable[[str], Model] | None = None,
) -> Board:
    """The board the file at ``path`` describes, with every school's model loaded and validated.

    ``load`` reads one model source (a path or ``workspace:NAME``; by default
    :func:`fora_model.io.load_model`, which refuses a model with errors). A model that cannot be
    read raises :class:`~fora_model.errors.ModelFileError` naming the board file, the school and
    the model, with the model's own message.
    """
    source = str(path)
    spec = parse_board_file(path)
    reader = load or load_model
    cache: dict[str, Model] = {}
    schools = []
    for n, school in enumerate(spec.schools, start=1):
        where = f"school {n} ({school.name}): model {school.model!r}"
        target = _model_source(spec, school)
        try:
            if target not in cache:
                cache[target] = reader(target)
            model = school_part(cache[target], school.part)
        except ForaModelError as exc:
            raise _fail(source, f"{where}: {exc}", "fix that model, or correct the path in the board file "
                        "(paths are relative to the board file)", Reason.UNREADABLE_FILE) from None
        if school.part and model is cache[target] and not _has_part(model, school.part):
            raise _fail(source, f"{_school_where(n, school)}: field 'part': no application of {school.model!r} "
                        f"is marked with school = {school.part!r}", "mark the school's applications with the "
                        "property school, or leave part out")
        schools.append(School(name=school.name, model=model, sector=school.sector, pupils=school.pupils,
                              location=school.location, source=school.model, part=school.part))
    mapping = ProductMapping()
    if spec.mapping:
        mapping = read_product_mapping(spec.folder / spec.mapping)
    try:
        return Board(name=spec.name, schools=tuple(schools), mapping=mapping, source=source)
    except BoardError as exc:
        message, _dash, hint = str(exc).partition(" — ")
        raise _fail(source, message, hint) from None


def _school_where(n: int, school: SchoolSpec) -> str:
    """How messages name the ``n``-th school of a board file."""
    return f"school {n} ({school.name})"


def _has_part(model: Model, part: str) -> bool:
    return any(k == PART_PROPERTY and normalise(v) == normalise(part)
               for e in model.elements.values() for k, v in e.properties)


def read_product_mapping(path: str | Path) -> ProductMapping:
    """The product mapping CSV at ``path``: header ``school,application,product`` (``,`` or ``;``,
    UTF-8 with or without BOM); an empty school applies to every school. Errors name the row."""
    source = str(path)
    text = decode_text(read_limited(path, max_bytes=MAX_BOARD_BYTES * 10), source)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise _fail(source, "the product mapping is empty", "write the header school,application,product and one "
                    "row per correction", Reason.SYNTAX_ERROR)
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[str, str, str]] = []
    try:
        header = [h.strip().lower() for h in next(reader)]
        if tuple(header) != MAPPING_HEADER:
            raise _fail(source, f"row 1: the header is {','.join(header)!r}", "write the header "
                        "school,application,product", Reason.MISSING_FIELD)
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            number = reader.line_num
            if len(row) != 3:
                raise _fail(source, f"row {number}: {len(row)} fields instead of 3", "write school,application,"
                            "product (leave school empty for every school; quote a name with a comma)")
            school, application, product = (cell.strip() for cell in row)
            if not application or not product:
                raise _fail(source, f"row {number}: the {'application' if not application else 'product'} is "
                            "empty", "name the application as the school's model has it and the product it is",
                            Reason.MISSING_FIELD)
            rows.append((school, application, product))
    except csv.Error as exc:
        raise _fail(source, f"row {reader.line_num}: not valid CSV ({exc})", "check the quotes on that row",
                    Reason.SYNTAX_ERROR) from None
    return ProductMapping(rows=tuple(rows), source=source)


def write_product_mapping(mapping: ProductMapping, path: str | Path) -> None:
    """Write ``mapping`` as the CSV :func:`read_product_mapping` reads."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(MAPPING_HEADER)
    writer.writerows(mapping.rows)
    Path(path).write_text(buffer.getvalue(), encoding="utf-8")


def write_board_file(spec: BoardSpec, path: str | Path) -> None:
    """Write ``spec`` as a JSON board file (the form :func:`parse_board_file` reads)."""
    schools: Sequence[dict[str, Any]] = [
        {key: value for key, value in (("name", s.name), ("model", s.model), ("sector", s.sector),
                                       ("pupils", s.pupils), ("location", s.location), ("part", s.part))
         if value != ""}
        for s in spec.schools
    ]
    data: dict[str, Any] = {"name": spec.name}
    if spec.mapping:
        data["mapping"] = spec.mapping
    data["schools"] = list(schools)
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
