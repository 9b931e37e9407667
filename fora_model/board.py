"""A school board (bevoegd gezag): the schools it runs and the products they use, recognised across schools.

A :class:`Board` groups :class:`School` objects. Each school is a model (a workspace model or a file) or
a **part** of one: a model that holds several schools marks an application with the free property
``school`` (:data:`PART_PROPERTY`) naming the school that uses it, and a school that is a part keeps
the applications marked with its part and those marked with no school at all (shared by every part).
A school also says its number of pupils, its sector (``po`` primary, ``vo`` secondary, ``so``
special needs) and its location.

**Products.** An application in one school and an application in another are the same **product**
when their vendor and name agree after normalisation (:func:`normalise`: case, accents, punctuation
and spacing do not count), so one product used in nine schools is one product with nine **sites**.
An application without a vendor matches the product of the same name that has one. Where names
differ (``Office 365`` here, ``Microsoft 365`` there) the user corrects it with a
:class:`ProductMapping`: rows ``school,application,product`` saying which product an application is
(an empty school means every school).

**Board-wide contracts.** An application with the free property ``board_contract``
(:data:`CONTRACT_PROPERTY`) is bought under the board's contract of that name; sites that share one
are already consolidated.

>>> from fora_model.model import Element, Model
>>> a, b = Model(name="A"), Model(name="B")
>>> _ = a.add_element(Element.new("application", "Parro", vendor="Topicus", annual_cost=1200))
>>> _ = b.add_element(Element.new("application", "parro ", vendor="TOPICUS B.V.", annual_cost=800))
>>> board = Board("Stichting", (School("De Linde", a, "po", 200), School("Het Anker", b, "po", 100)))
>>> board.sites()[["school", "application", "product", "annual_cost"]].values.tolist()
[['De Linde', 'Parro', 'Parro', 1200.0], ['Het Anker', 'parro ', 'Parro', 800.0]]
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .errors import ForaModelError
from .model import Element, Model
from .vocabulary import ElementKind, Lifecycle, RelationKind

__all__ = [
    "CONTRACT_PROPERTY",
    "PART_PROPERTY",
    "SECTORS",
    "SITE_COLUMNS",
    "Board",
    "BoardError",
    "ProductMapping",
    "School",
    "normalise",
    "product_key",
    "school_part",
]

SECTORS: dict[str, str] = {"po": "primary", "vo": "secondary", "so": "special needs"}
"""The sectors of Dutch schools: primair, voortgezet and speciaal onderwijs."""

PART_PROPERTY = "school"
"""The free property of an application naming the school (part of a shared model) that uses it."""

CONTRACT_PROPERTY = "board_contract"
"""The free property of an application naming the board-wide contract it is bought under."""

_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
_VENDOR_SUFFIXES = re.compile(r"\b(b ?v|n ?v|ltd|limited|inc|gmbh|bv|nv|group|groep)\b")


class BoardError(ForaModelError):
    """A board that cannot be built as given (two schools of one name, an unknown sector...)."""


def normalise(text: object) -> str:
    """``text`` compared the way product names are: no accents, no case, punctuation as spaces.

    >>> normalise("  Zermelo  Roostermaker "), normalise("Énquête-Tool!"), normalise(None)
    ('zermelo roostermaker', 'enquete tool', '')
    """
    return _normalised(str(text or ""))


@functools.lru_cache(maxsize=65_536)
def _normalised(text: str) -> str:
    """:func:`normalise` of a text (remembered: a board repeats the same names in every school)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(_NOT_ALPHANUMERIC.sub(" ", plain.casefold()).split())


def _vendor(text: object) -> str:
    """A vendor normalised, without the company form (``Topicus B.V.`` → ``topicus``)."""
    return _vendor_of(normalise(text))


@functools.lru_cache(maxsize=65_536)
def _vendor_of(normalised: str) -> str:
    return " ".join(_VENDOR_SUFFIXES.sub(" ", normalised).split())


def product_key(vendor: object, name: object) -> str:
    """The key two applications share when they are one product: ``vendor|name``, normalised.

    >>> product_key("Topicus B.V.", "ParnasSys"), product_key("", "Zermelo")
    ('topicus|parnassys', '|zermelo')
    """
    return f"{_vendor(vendor)}|{normalise(name)}"


@dataclass(frozen=True)
class ProductMapping:
    """The user's corrections: which product an application of a school is.

    ``rows`` are ``(school, application, product)``; an empty ``school`` applies to every school.
    Names are compared normalised; a row for the school wins over a row for every school.

    >>> m = ProductMapping((("", "Office 365", "Microsoft 365"), ("Het Anker", "O365", "Microsoft 365")))
    >>> m.product_for("De Linde", "office 365"), m.product_for("Het Anker", "O365"), m.product_for("X", "Y")
    ('Microsoft 365', 'Microsoft 365', None)
    """

    rows: tuple[tuple[str, str, str], ...] = ()
    source: str = ""
    _index: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for school, application, product in self.rows:
            self._index.setdefault((normalise(school), normalise(application)), product.strip())

    def product_for(self, school: str, application: str) -> str | None:
        """The product the user says ``application`` of ``school`` is, or None."""
        app = normalise(application)
        return self._index.get((normalise(school), app)) or self._index.get(("", app))


@dataclass(frozen=True)
class School:
    """One school of a board: its model (already restricted to its part), pupils, sector, location.

    ``source`` says where the model came from (a file or ``workspace:NAME``); ``part`` is the value of
    :data:`PART_PROPERTY` its applications carry when the model holds several schools ("" when the
    model is the school's own).
    """

    name: str
    model: Model
    sector: str
    pupils: int
    location: str = ""
    source: str = ""
    part: str = ""


SITE_COLUMNS: list[str] = [
    "school",
    "sector",
    "pupils",
    "application_id",
    "application",
    "vendor",
    "product_key",
    "product",
    "lifecycle",
    "current",
    "annual_cost",
    "exit_cost",
    "contract_end",
    "notice_months",
    "board_contract",
    "system_type_ids",
    "system_types",
]
"""The columns of :meth:`Board.sites`: one row per application of every school (a **site** of a product).

``product_key``
    the normalised ``vendor|name`` (:func:`product_key`); an application the mapping names gets the key of
    a site whose own name is that product's (any vendor), else its own vendor with the product's name.
``product``
    the product's name: as the mapping names it, else the name of its first site in board order.
``vendor``
    the site's own vendor, else the product's (the first site's that has one).
``current``
    false for lifecycle ``plan`` (not current support).
``annual_cost``, ``exit_cost``
    as recorded, NaN when not.
``contract_end``
    a ``datetime.date`` or None; ``notice_months`` an integer or ``<NA>``.
``board_contract``
    the value of :data:`CONTRACT_PROPERTY` ("" when the school buys it itself).
``system_type_ids``, ``system_types``
    the system types the application realizes, ids and names joined with ``"; "``.
"""


@dataclass(frozen=True)
class Board:
    """A school board: its name, its schools in order and the user's product corrections.

    Raises :class:`BoardError` when two schools share a name, a sector is not one of
    :data:`SECTORS` or a number of pupils is not a positive whole number.
    """

    name: str
    schools: tuple[School, ...]
    mapping: ProductMapping = ProductMapping()
    source: str = ""
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "schools", tuple(self.schools))
        seen: set[str] = set()
        for school in self.schools:
            if not school.name.strip():
                raise BoardError("a school has no name — give every school a name")
            key = normalise(school.name)
            if key in seen:
                raise BoardError(f"school {school.name!r} is named twice — give each school its own name")
            seen.add(key)
            if school.sector not in SECTORS:
                raise BoardError(f"school {school.name!r}: sector {school.sector!r} is not one of "
                                 f"{', '.join(SECTORS)} — write po, vo or so")
            if isinstance(school.pupils, bool) or not isinstance(school.pupils, (int, np.integer)) \
                    or school.pupils < 1:
                raise BoardError(f"school {school.name!r}: pupils must be a whole number of at least 1, "
                                 f"not {school.pupils!r}")

    @property
    def pupils(self) -> int:
        """The board's pupils, every school together."""
        return int(sum(s.pupils for s in self.schools))

    def school(self, name: str) -> School:
        """The school called ``name`` (compared normalised); ``KeyError`` names it when there is none."""
        for school in self.schools:
            if normalise(school.name) == normalise(name):
                return school
        raise KeyError(f"no school called {name!r} on the board")

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per board under ``key`` (analyses memoise on the board as on a model;
        the schools' models must not change meanwhile)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def sites(self) -> pd.DataFrame:
        """Every application of every school, with its product (:data:`SITE_COLUMNS`), in board order."""
        frame: pd.DataFrame = self.memo("sites", lambda: _sites(self))
        return frame

    def products(self) -> pd.DataFrame:
        """One row per product: ``product_key``, ``product``, ``vendor``, ``schools`` (how many use it)
        and ``sites`` (how many applications it is), in order of first use."""
        sites = self.sites()
        grouped = sites.groupby("product_key", sort=False)
        return pd.DataFrame({
            "product_key": list(grouped.groups),
            "product": grouped["product"].first().to_numpy(),
            "vendor": grouped["vendor"].first().to_numpy(),
            "schools": grouped["school"].nunique().to_numpy(),
            "sites": grouped.size().to_numpy(),
        })


def school_part(model: Model, part: str) -> Model:
    """``model`` with only the applications of ``part``: those whose :data:`PART_PROPERTY` is ``part``
    (compared normalised) or absent; every other element stays. Relations to the applications left
    out go too. ``part=""`` returns ``model`` itself.

    >>> from fora_model.model import Element
    >>> m = Model(name="Two locations")
    >>> _ = m.add_element(Element.new("application", "Shared"))
    >>> _ = m.add_element(Element.new("application", "North app", properties=[("school", "North")]))
    >>> _ = m.add_element(Element.new("application", "South app", properties=[("school", "South")]))
    >>> sorted(e.name for e in school_part(m, "north").elements_of("application"))
    ['North app', 'Shared']
    """
    if not part:
        return model
    wanted = normalise(part)
    dropped = set()
    for element in model.elements_of(ElementKind.APPLICATION):
        marks = [normalise(v) for k, v in element.properties if k == PART_PROPERTY and normalise(v)]
        if marks and wanted not in marks:
            dropped.add(element.id)
    if not dropped:
        return model
    relations = list(model.relations.values())
    gone = set(dropped)
    while True:  # relations ending on a relation that goes, go too
        more = {r.id for r in relations if r.id not in gone and (r.source in gone or r.target in gone)}
        if not more:
            break
        gone |= more
    return Model.from_parts(
        [e for e in model.elements.values() if e.id not in dropped],
        [r for r in relations if r.id not in gone],
        id=model.id, name=model.name, documentation=model.documentation, properties=model.properties,
        translations=model.translations, extras=model.extras,
    )


def _property(element: Element, key: str) -> str:
    return next((str(v).strip() for k, v in element.properties if k == key and str(v).strip()), "")


def _sites(board: Board) -> pd.DataFrame:
    rows: list[dict[str, Any]] = []
    for school in board.schools:
        model = school.model
        names = {e.id: e.label for e in model.elements_of(ElementKind.SYSTEM_TYPE)}
        realized: dict[str, list[str]] = {}
        for relation in model.relations_of(RelationKind.REALIZES):
            if relation.target in names:
                realized.setdefault(relation.source, []).append(relation.target)
        for app in model.elements_of(ElementKind.APPLICATION):
            types = list(dict.fromkeys(realized.get(app.id, [])))
            lifecycle = str(app.attributes.get("lifecycle") or Lifecycle.ACTIVE.value)
            cost, exit_cost = app.attributes.get("annual_cost"), app.attributes.get("exit_cost")
            rows.append({
                "school": school.name,
                "sector": school.sector,
                "pupils": int(school.pupils),
                "application_id": app.id,
                "application": app.name,
                "vendor": str(app.attributes.get("vendor") or ""),
                "mapped": board.mapping.product_for(school.name, app.name),
                "lifecycle": lifecycle,
                "current": lifecycle != Lifecycle.PLAN.value,
                "annual_cost": np.nan if cost is None else float(cost),
                "exit_cost": np.nan if exit_cost is None else float(exit_cost),
                "contract_end": app.attributes.get("contract_end"),
                "notice_months": app.attributes.get("notice_months"),
                "board_contract": _property(app, CONTRACT_PROPERTY),
                "system_type_ids": "; ".join(types),
                "system_types": "; ".join(names[t] for t in types),
            })
    _assign_products(rows)
    frame = pd.DataFrame(rows, columns=[*SITE_COLUMNS, "mapped"]).drop(columns="mapped")
    return frame.astype({"pupils": "int64", "current": bool, "annual_cost": "float64", "exit_cost": "float64",
                         "notice_months": "Int64"})


def _assign_products(rows: Sequence[dict[str, Any]]) -> None:
    """Give every row its ``product_key`` and ``product`` (and a missing vendor the product's)."""
    named_vendors: dict[str, set[str]] = {}
    for row in rows:
        if row["mapped"] is None and _vendor(row["vendor"]):
            named_vendors.setdefault(normalise(row["application"]), set()).add(_vendor(row["vendor"]))
    plain: dict[str, str] = {}  # normalised name → key of the first site that the mapping did not name
    for row in rows:
        if row["mapped"]:
            continue
        vendor = _vendor(row["vendor"])
        if not vendor:  # no vendor: the product of that name, when exactly one vendor sells one
            candidates = named_vendors.get(normalise(row["application"]), set())
            vendor = next(iter(candidates)) if len(candidates) == 1 else ""
        row["product_key"] = f"{vendor}|{normalise(row['application'])}"
        plain.setdefault(normalise(row["application"]), row["product_key"])
    for row in rows:  # a product the mapping names is the product of that name, if a site has it
        if row["mapped"]:
            name = normalise(row["mapped"])
            row["product_key"] = plain.get(name, f"{_vendor(row['vendor'])}|{name}")
    first: dict[str, dict[str, Any]] = {}
    vendor_of: dict[str, str] = {}
    for row in rows:
        first.setdefault(row["product_key"], row)
        if row["vendor"]:
            vendor_of.setdefault(row["product_key"], row["vendor"])
    for row in rows:
        head = first[row["product_key"]]
        row["product"] = head["mapped"] or head["application"].strip()
        if not row["vendor"]:
            row["vendor"] = vendor_of.get(row["product_key"], "")

