"""Board analyses: the schools of a :class:`~fora_model.board.Board` side by side, by product.

Pure functions of a board that return DataFrames with documented columns:

:func:`consolidation_matrix`
    which school uses which product (or which products each school uses for a system type);
:func:`board_duplicates`
    work that several products support across the board;
:func:`consolidation_savings`
    what one board contract per product, or one product per system type, would save, with its
    assumptions stated in columns and parameters;
:func:`board_gaps`
    work one school has no system for while a sister school has;
:func:`cost_per_pupil`
    each school's annual cost per pupil per FORA domain;
:func:`board_renewals`
    the contracts ending across the board, with the other schools' contracts for the same product.

Only current applications count (lifecycle ``plan`` is not in use). An element is the same element
in two schools when it has the same id there: schools built on one reference model share its ids.
Support is resolved per school at application level over ``paths``, as in every analysis.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..board import Board, School
from ..formatting import number, percent
from ..hierarchy import hierarchy
from ..i18n import _, n_
from ..model import Model
from ..tables import KIND_CODES, model_tables
from ..vocabulary import ElementKind
from .contracts import notice_date
from .portfolio import add_months
from .support import parse_paths, support_table

__all__ = [
    "BOARD_DUPLICATE_COLUMNS",
    "BOARD_GAP_COLUMNS",
    "BOARD_RENEWAL_COLUMNS",
    "COST_PER_PUPIL_COLUMNS",
    "NOT_ALLOCATED",
    "PRODUCT_MATRIX_COLUMNS",
    "SAVINGS_COLUMNS",
    "SCHOOL_COLUMNS",
    "TYPE_MATRIX_COLUMNS",
    "board_duplicates",
    "board_gaps",
    "board_renewals",
    "consolidation_matrix",
    "consolidation_savings",
    "cost_per_pupil",
    "school_summary",
]

SCHOOL_COLUMNS: list[str] = ["school", "sector", "pupils", "location", "applications", "annual_cost",
                              "cost_per_pupil"]
"""The columns of :func:`school_summary`: one row per school in board order, with its current
``applications``, their recorded ``annual_cost`` (0 when none is recorded) and that per pupil."""

PRODUCT_MATRIX_COLUMNS: list[str] = ["product", "vendor", "system_types", "school_count", "schools", "annual_cost"]
"""The first columns of :func:`consolidation_matrix` by product; one column per school follows, named
after the school, in board order.

``system_types``
    the system types any of its sites realizes (``"; "``); ``school_count`` how many schools use it,
    ``schools`` their names in board order.
``annual_cost``
    the product's cost over every site (NaN when none is recorded).
one column per school
    that school's annual cost of the product; NaN when the school does not use it (see ``schools``)
    or recorded no cost.

Rows: most schools first, then the highest cost, then by name.
"""

TYPE_MATRIX_COLUMNS: list[str] = ["system_type", "product_count", "products", "school_count"]
"""The first columns of :func:`consolidation_matrix` by system type; one column per school follows,
holding the products that school uses for the type (``"; "``, empty when none). ``products`` are
every product realizing the type on the board. Rows: most products first, then by name."""

BOARD_DUPLICATE_COLUMNS: list[str] = [
    "element_id", "element", "element_kind", "domain", "product_count", "products", "school_count",
    "by_school", "annual_cost", "inherited",
]
"""The columns of :func:`board_duplicates`.

``product_count``, ``products``
    the distinct products that support the element in any school, by name (``"; "``).
``school_count``
    schools where some product supports it; ``by_school`` says which products each one uses
    (``School: P1, P2; School 2: P3``).
``annual_cost``
    the summed annual cost of the supporting sites, each counted in full (rows do not add up).
``inherited``
    in no school does any product reach the element by a chain of its own, only through a process
    above it (such rows are left out unless ``include_inherited``).

Rows: most products first, then most schools, then by element name.
"""

SAVINGS_COLUMNS: list[str] = [
    "kind", "sector", "system_type", "product", "replaces", "schools", "pupils", "current_cost", "assumed_cost",
    "saving", "one_off_cost", "also_realizes", "assumption",
]
"""The columns of :func:`consolidation_savings`.

``kind``
    ``one contract`` (the schools that buy a product separately buy it under one board contract) or
    ``one product`` (one product per system type: the schools on other products move to ``product``).
``sector``
    the sector the row is about (``one product`` rows with ``by_sector``), else "".
``system_type``
    ``one product`` rows: the system type; ``one contract`` rows: "".
``replaces``
    ``one product`` rows: the products the moving schools leave (``"; "``).
``schools``, ``pupils``
    the schools concerned (``"; "``) and their pupils.
``current_cost``
    what those schools pay now a year for the products concerned (recorded costs only).
``assumed_cost``
    what they would pay afterwards, by the row's ``assumption``.
``saving``
    ``current_cost - assumed_cost`` a year (negative when the change costs more).
``one_off_cost``
    recorded exit costs of the sites left (``one product``); 0 for ``one contract``.
``also_realizes``
    system types a left product realizes besides this one: its whole cost is counted as saved, so
    those must be covered by what stays (and such rows do not add up).
``assumption``
    the rule, in one sentence.

Rows: highest saving first.
"""

BOARD_GAP_COLUMNS: list[str] = [
    "school", "sector", "element_id", "element", "element_kind", "domain", "filled_in", "filled_by", "products",
]
"""The columns of :func:`board_gaps`: one row per (school, element) the school has no support for
(and needs: expected gaps are not listed) while ``filled_in`` other schools have; ``filled_by`` names
them and ``products`` the products that support it there (``"; "``). Rows: board order of the
schools, then model order."""

COST_PER_PUPIL_COLUMNS: list[str] = [
    "school", "sector", "pupils", "domain_id", "domain", "applications", "annual_cost", "cost_per_pupil",
]
"""The columns of :func:`cost_per_pupil`: per school and domain, how many current applications have a
share in the domain, the domain's share of their recorded annual cost and that per pupil.

Each application's cost is split in equal shares over the domains in which it supports anything
(by any enabled path); an application supporting nothing is :data:`NOT_ALLOCATED`. A school's rows
add up to its whole recorded annual cost. Rows: board order, then the domains in model order.
"""

BOARD_RENEWAL_COLUMNS: list[str] = [
    "school", "product", "application", "vendor", "annual_cost", "contract_end", "notice_date", "days_to_notice",
    "notice_passed", "board_contract", "product_sites", "other_contract_ends", "action",
]
"""The columns of :func:`board_renewals`: one row per current site whose contract ends between
``today`` and ``horizon_months`` later.

``notice_date``
    contract end minus the notice period (:func:`~fora_model.analysis.contracts.notice_date`), ISO.
``board_contract``
    the board-wide contract the site is bought under ("" when the school buys it itself).
``product_sites``
    how many current sites the product has on the board; ``other_contract_ends`` the contract ends of
    the others (``School: YYYY-MM-DD``, ``"; "``; ``no end recorded`` when none is).
``action``
    one sentence: what to decide by when.

Rows: by notice date, then school.
"""

NOT_ALLOCATED = "(not allocated)"
"""The domain of cost whose application supports nothing."""

_KINDS = np.array([k.value for k in KIND_CODES], dtype=object)


def _current(board: Board) -> pd.DataFrame:
    sites = board.sites()
    return sites[sites["current"]]


def _join(values: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def _sum(costs: Iterable[float]) -> float:
    """The sum of the recorded costs (NaN when none is recorded)."""
    recorded = [float(c) for c in costs if not np.isnan(c)]
    return float(sum(recorded)) if recorded else float("nan")


# ----------------------------------------------------------------------------- schools
def school_summary(board: Board) -> pd.DataFrame:
    """The board's schools side by side (:data:`SCHOOL_COLUMNS`)."""
    sites = _sites_of(board)
    rows = []
    for school in board.schools:
        cost = float(sum(0.0 if np.isnan(s["annual_cost"]) else s["annual_cost"] for s in sites[school.name]))
        rows.append({"school": school.name, "sector": school.sector, "pupils": school.pupils,
                     "location": school.location, "applications": len(sites[school.name]), "annual_cost": cost,
                     "cost_per_pupil": cost / school.pupils})
    return pd.DataFrame(rows, columns=SCHOOL_COLUMNS).astype({"pupils": "int64", "applications": "int64",
                                                              "annual_cost": "float64", "cost_per_pupil": "float64"})


# ----------------------------------------------------------------------------- matrix
def consolidation_matrix(board: Board, *, by: str = "product") -> pd.DataFrame:
    """Which school uses what: by ``product`` (:data:`PRODUCT_MATRIX_COLUMNS`) or by ``system_type``
    (:data:`TYPE_MATRIX_COLUMNS`), then one column per school.

    >>> from fora_model.board import School
    >>> from fora_model.model import Element, Model
    >>> a, b = Model(name="A"), Model(name="B")
    >>> _ = a.add_element(Element.new("application", "Zermelo", annual_cost=900))
    >>> _ = b.add_element(Element.new("application", "Zermelo", annual_cost=600))
    >>> _ = b.add_element(Element.new("application", "Untis", annual_cost=500))
    >>> board = Board("B", (School("A", a, "vo", 300), School("B", b, "vo", 200)))
    >>> consolidation_matrix(board)[["product", "school_count", "annual_cost", "A", "B"]].values.tolist()
    [['Zermelo', 2, 1500.0, 900.0, 600.0], ['Untis', 1, 500.0, nan, 500.0]]
    """
    names = [s.name for s in board.schools]
    sites = list(_site_index(board).values())
    if by == "product":
        products: dict[str, list[dict[str, Any]]] = {}
        for site in sites:
            products.setdefault(site["product_key"], []).append(site)
        rows = []
        for group in products.values():
            used = {site["school"] for site in group}
            row: dict[str, Any] = {
                "product": group[0]["product"],
                "vendor": next((site["vendor"] for site in group if site["vendor"]), ""),
                "system_types": _join(t for site in group for t in site["system_types"].split("; ")),
                "school_count": len(used),
                "schools": "; ".join(n for n in names if n in used),
                "annual_cost": _sum(site["annual_cost"] for site in group),
            }
            for name in names:
                row[name] = _sum(site["annual_cost"] for site in group if site["school"] == name)
            rows.append(row)
        frame = pd.DataFrame(rows, columns=PRODUCT_MATRIX_COLUMNS + names)
        frame = frame.sort_values(["school_count", "annual_cost", "product"], ascending=[False, False, True],
                                  kind="stable", na_position="last")
        return frame.reset_index(drop=True).astype({"school_count": "int64", "annual_cost": "float64",
                                                    **{n: "float64" for n in names}})
    if by == "system_type":
        pairs = [(t, str(site["school"]), str(site["product"])) for site in sites
                 for t in str(site["system_types"]).split("; ") if t]
        types = list(dict.fromkeys(t for t, _s, _p in pairs))
        rows = []
        for system_type in types:
            mine = [(s, p) for t, s, p in pairs if t == system_type]
            row = {
                "system_type": system_type,
                "product_count": len({p for _s, p in mine}),
                "products": _join(sorted({p for _s, p in mine}, key=str.casefold)),
                "school_count": len({s for s, _p in mine}),
            }
            for name in names:
                row[name] = _join(p for s, p in mine if s == name)
            rows.append(row)
        frame = pd.DataFrame(rows, columns=TYPE_MATRIX_COLUMNS + names)
        frame = frame.sort_values(["product_count", "system_type"], ascending=[False, True], kind="stable")
        return frame.reset_index(drop=True).astype({"product_count": "int64", "school_count": "int64"})
    raise ValueError(f"by must be 'product' or 'system_type', not {by!r}")


# ----------------------------------------------------------------------------- support per school
Pair = tuple[str, str, str, str, bool]
"""(element id, element, element kind, application id, own): one element an application supports."""


def _support(school: School, paths: frozenset[str]) -> list[Pair]:
    """Distinct (element, application) pairs of current support in ``school`` (memoised on its model);
    ``own`` is true when the application reaches the element by a chain of its own, not only through a
    process above it."""

    def compute() -> list[Pair]:
        table = support_table(school.model, level="application", paths=paths)
        t = table.tables
        chains = table.chains
        if not len(chains):
            return []
        own = ~chains["path"].astype(str).str.endswith("parent").to_numpy()
        # one row per distinct (element, supporter), sorted by element code then supporter code; own
        # when any of its chains is
        element = chains["element"].to_numpy(dtype=np.int64)
        supporter = chains["supporter"].to_numpy(dtype=np.int64)
        span = int(supporter.max()) + 1
        pairs, row = np.unique(element * span + supporter, return_inverse=True)
        owned = np.zeros(len(pairs), dtype=bool)
        np.logical_or.at(owned, row.ravel(), own)
        codes, supporters = pairs // span, pairs % span
        return list(zip(t.ids[codes].tolist(), t.labels[codes].tolist(), _KINDS[t.kind[codes]].tolist(),
                        t.ids[supporters].tolist(), owned.tolist(), strict=True))

    result: list[Pair] = school.model.memo(("board:support", paths), compute)
    return result


def _unsupported(school: School, paths: frozenset[str]) -> list[tuple[str, str, str]]:
    """(element id, element, element kind) of the school's work that needs support and has none, in
    model order (the ``unsupported`` rows of :func:`~fora_model.analysis.status.element_status`)."""

    def compute() -> list[tuple[str, str, str]]:
        table = support_table(school.model, level="application", paths=paths)
        t = table.tables
        needs = hierarchy(school.model).needs_support
        rows = np.flatnonzero(table.supportable & needs & (table.supporter_counts() == 0))
        return list(zip(t.ids[rows].tolist(), t.labels[rows].tolist(), _KINDS[t.kind[rows]].tolist(), strict=True))

    result: list[tuple[str, str, str]] = school.model.memo(("board:unsupported", paths), compute)
    return result


def _domains(model: Model) -> dict[str, tuple[str, str]]:
    """Element id → (domain id, domain name): the top process above it (or itself)."""

    def compute() -> dict[str, tuple[str, str]]:
        t = model_tables(model)
        h = hierarchy(model)
        has_child = np.zeros(t.size, dtype=bool)
        has_child[h.parent] = True
        roots = (t.kind == KIND_CODES[ElementKind.PROCESS]) & ~h.has_parent() & has_child
        found: dict[str, tuple[str, str]] = {}
        for code in np.flatnonzero(roots):
            found[t.ids[code]] = (t.ids[code], t.labels[code])
        element, ancestor = h.ancestor_pairs(roots)
        for e, a in sorted(zip(element.tolist(), ancestor.tolist(), strict=True)):
            found.setdefault(t.ids[e], (t.ids[a], t.labels[a]))
        return found

    result: dict[str, tuple[str, str]] = model.memo("board:domains", compute)
    return result


def _site_index(board: Board) -> dict[tuple[str, str], dict[str, Any]]:
    """(school, application id) → the current site's record (memoised on the board)."""
    index: dict[tuple[str, str], dict[str, Any]] = board.memo("analysis:site-index", lambda: {
        (r["school"], r["application_id"]): r for r in _current(board).to_dict("records")})
    return index


def _sites_of(board: Board) -> dict[str, list[dict[str, Any]]]:
    """School name → its current sites' records, in board order (memoised on the board)."""

    def compute() -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {s.name: [] for s in board.schools}
        for site in _site_index(board).values():
            found[site["school"]].append(site)
        return found

    result: dict[str, list[dict[str, Any]]] = board.memo("analysis:sites-of", compute)
    return result


def _supported(board: Board, paths: frozenset[str]) -> list[tuple[str, str, str, str, bool, dict[str, Any]]]:
    """Every (school, element id, element, element kind, own, site) of current support on the board
    (memoised on the board)."""

    def compute() -> list[tuple[str, str, str, str, bool, dict[str, Any]]]:
        sites = _site_index(board)
        rows = []
        for school in board.schools:
            name = school.name
            for element_id, element, kind, app, own in _support(school, paths):
                site = sites.get((name, app))
                if site is not None:
                    rows.append((name, element_id, element, kind, own, site))
        return rows

    result: list[tuple[str, str, str, str, bool, dict[str, Any]]] = board.memo(("analysis:supported", paths), compute)
    return result


# ----------------------------------------------------------------------------- duplicates
def board_duplicates(
    board: Board,
    *,
    paths: str | Iterable[str] | None = None,
    include_inherited: bool = False,
) -> pd.DataFrame:
    """Elements supported by two or more distinct products across the board (:data:`BOARD_DUPLICATE_COLUMNS`).

    A product counts once however many schools use it; two products in different schools for one
    activity are a duplicate of the board (a candidate for one product), two in one school are the
    school's own duplicate as well.
    """
    chosen = parse_paths(paths)
    grouped: dict[str, list[tuple[str, str, str, bool, dict[str, Any]]]] = {}
    for school, element_id, element, kind, own, site in _supported(board, chosen):
        grouped.setdefault(element_id, []).append((school, element, kind, own, site))
    domains = {s.name: _domains(s.model) for s in board.schools}
    rows = []
    for element_id, group in grouped.items():
        products = {site["product_key"]: site["product"] for *_rest, site in group}
        if len(products) < 2:
            continue
        inherited = not any(own for _s, _e, _k, own, _site in group)
        if inherited and not include_inherited:
            continue
        by_school: dict[str, list[str]] = {}
        for school, _e, _k, _o, site in group:
            listed = by_school.setdefault(school, [])
            if site["product"] not in listed:
                listed.append(site["product"])
        costs = {(school, site["application_id"]): site["annual_cost"] for school, _e, _k, _o, site in group}
        school, element, kind = group[0][0], group[0][1], group[0][2]
        rows.append({
            "element_id": element_id,
            "element": element,
            "element_kind": kind,
            "domain": domains[school].get(element_id, ("", ""))[1],
            "product_count": len(products),
            "products": "; ".join(sorted(products.values(), key=str.casefold)),
            "school_count": len(by_school),
            "by_school": "; ".join(f"{s}: {', '.join(p)}" for s, p in by_school.items()),
            "annual_cost": _sum(costs.values()),
            "inherited": inherited,
        })
    frame = pd.DataFrame(rows, columns=BOARD_DUPLICATE_COLUMNS)
    frame = frame.sort_values(["product_count", "school_count", "element"], ascending=[False, False, True],
                              kind="stable")
    return frame.reset_index(drop=True).astype({"product_count": "int64", "school_count": "int64",
                                                "annual_cost": "float64", "inherited": bool})


# ----------------------------------------------------------------------------- gaps
def board_gaps(board: Board, *, paths: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Work a school needs support for and has none, while other schools of the board have
    (:data:`BOARD_GAP_COLUMNS`)."""
    chosen = parse_paths(paths)
    supported: dict[str, dict[str, list[str]]] = {}  # element → school → products
    for name, element_id, _element, _kind, _own, site in _supported(board, chosen):
        listed = supported.setdefault(element_id, {}).setdefault(name, [])
        if site["product"] not in listed:
            listed.append(site["product"])
    rows = []
    for school in board.schools:
        domains = _domains(school.model)
        for element_id, element, kind in _unsupported(school, chosen):
            others = {s: p for s, p in supported.get(element_id, {}).items() if s != school.name}
            if not others:
                continue
            rows.append({
                "school": school.name,
                "sector": school.sector,
                "element_id": element_id,
                "element": element,
                "element_kind": kind,
                "domain": domains.get(element_id, ("", ""))[1],
                "filled_in": len(others),
                "filled_by": "; ".join(others),
                "products": _join(p for ps in others.values() for p in ps),
            })
    return pd.DataFrame(rows, columns=BOARD_GAP_COLUMNS).astype({"filled_in": "int64"})


# ----------------------------------------------------------------------------- cost per pupil
def cost_per_pupil(board: Board, *, paths: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Each school's recorded annual cost per pupil per domain (:data:`COST_PER_PUPIL_COLUMNS`).

    >>> from fora_model.board import School
    >>> from fora_model.model import Element, Model
    >>> m = Model(name="A")
    >>> _ = m.add_element(Element.new("application", "Lonely", annual_cost=1000))
    >>> board = Board("B", (School("A", m, "po", 250),))
    >>> cost_per_pupil(board)[["domain", "applications", "annual_cost", "cost_per_pupil"]].values.tolist()
    [['(not allocated)', 1, 1000.0, 4.0]]
    """
    chosen = parse_paths(paths)
    rows = []
    sites = _sites_of(board)
    for school in board.schools:
        domains = _domains(school.model)
        domains_of: dict[str, list[tuple[str, str]]] = {}
        for element, _name, _kind, app, _own in _support(school, chosen):
            domain = domains.get(element)
            if domain is not None:
                listed = domains_of.setdefault(app, [])
                if domain not in listed:
                    listed.append(domain)
        shares: dict[tuple[str, str], list[float]] = {}
        for site in sites[school.name]:
            app, cost = site["application_id"], site["annual_cost"]
            where = domains_of.get(app) or [("", NOT_ALLOCATED)]
            for domain in where:
                shares.setdefault(domain, []).append(0.0 if np.isnan(cost) else float(cost) / len(where))
        order = {d: n for n, d in enumerate(dict.fromkeys(domains.values()))}
        for domain in sorted(shares, key=lambda d: order.get(d, len(order))):
            total = float(sum(shares[domain]))
            rows.append({
                "school": school.name, "sector": school.sector, "pupils": school.pupils,
                "domain_id": domain[0], "domain": domain[1], "applications": len(shares[domain]),
                "annual_cost": total, "cost_per_pupil": total / school.pupils,
            })
    return pd.DataFrame(rows, columns=COST_PER_PUPIL_COLUMNS).astype({
        "pupils": "int64", "applications": "int64", "annual_cost": "float64", "cost_per_pupil": "float64"})


# ----------------------------------------------------------------------------- renewals
def board_renewals(board: Board, *, today: _dt.date | None = None, horizon_months: int = 24) -> pd.DataFrame:
    """Contracts of current sites ending between ``today`` and ``horizon_months`` later, with the
    other sites of the same product (:data:`BOARD_RENEWAL_COLUMNS`)."""
    today = today or _dt.date.today()
    limit = add_months(today, horizon_months)
    sites = list(_site_index(board).values())
    by_product: dict[str, list[dict[str, Any]]] = {}
    for site in sites:
        by_product.setdefault(site["product_key"], []).append(site)
    order = {s.name: n for n, s in enumerate(board.schools)}
    actions: dict[tuple[_dt.date, int], str] = {}
    rows = []
    for site in sites:
        end = site["contract_end"]
        if not isinstance(end, _dt.date) or not today <= end <= limit:
            continue
        raw: Any = site["notice_months"]
        notice = notice_date(end, None if pd.isna(raw) else int(raw))
        same = by_product[site["product_key"]]
        others = [o for o in same if o["school"] != site["school"]]
        ends = "; ".join(
            f"{o['school']}: " + (o["contract_end"].isoformat() if isinstance(o["contract_end"], _dt.date)
                                  else _("no end recorded"))
            for o in others)
        separate = {o["school"] for o in others
                    if not site["board_contract"] or o["board_contract"] != site["board_contract"]}
        if (notice, len(separate)) in actions:
            action = actions[notice, len(separate)]
        elif notice < today:
            action = _("The notice date {date} has passed: negotiate with the vendor now.", date=notice.isoformat())
        elif separate:
            action = n_("{n} other school uses this product: decide before {date} whether to join one board "
                        "contract.", "{n} other schools use this product: decide before {date} whether to join one "
                        "board contract.", len(separate), date=notice.isoformat())
        else:
            action = _("Decide on renewal before {date}.", date=notice.isoformat())
        actions[notice, len(separate)] = action
        rows.append({
            "school": site["school"], "product": site["product"], "application": site["application"],
            "vendor": site["vendor"], "annual_cost": site["annual_cost"], "contract_end": end.isoformat(),
            "notice_date": notice.isoformat(), "days_to_notice": (notice - today).days, "notice_passed": notice < today,
            "board_contract": site["board_contract"], "product_sites": len(same), "other_contract_ends": ends,
            "action": action, "_order": order[site["school"]],
        })
    frame = pd.DataFrame(rows, columns=[*BOARD_RENEWAL_COLUMNS, "_order"])
    frame = frame.sort_values(["notice_date", "_order", "product"], kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True).astype({
        "annual_cost": "float64", "days_to_notice": "int64", "notice_passed": bool, "product_sites": "int64"})


# ----------------------------------------------------------------------------- savings
def consolidation_savings(
    board: Board,
    *,
    discount: float = 0.0,
    by_sector: bool = True,
) -> pd.DataFrame:
    """What consolidating would save a year, by two rules with their assumptions (:data:`SAVINGS_COLUMNS`).

    ``one contract``
        A product bought separately by two or more schools (sites under a board contract are
        already consolidated and left out) is bought under one board contract at the **best price
        per pupil** any of those schools pays now, for all their pupils, less ``discount`` (a
        share, 0 by default: no volume discount assumed).
    ``one product``
        For each system type realized by two or more products (within one sector when
        ``by_sector``, since primary and secondary schools use different suites), the product used
        by the most pupils stays (ties: the lower cost per pupil, then the name). Schools on
        another product move to it at its current cost per pupil; a school that already has it
        just drops the other. The moving sites' exit costs are the one-off cost.

    Only recorded costs count; a school's pupils count where it has a priced site.
    """
    if not 0 <= discount < 1:
        raise ValueError(f"discount must be a share from 0 up to 1 (0.1 is 10%), not {discount!r}")
    priced = [s for s in _site_index(board).values() if not np.isnan(s["annual_cost"])]
    rows = [*_contract_rows(priced, discount), *_product_rows(priced, by_sector)]
    frame = pd.DataFrame(rows, columns=SAVINGS_COLUMNS)
    frame = frame.sort_values(["saving", "kind", "product"], ascending=[False, True, True], kind="stable")
    return frame.reset_index(drop=True).astype({"pupils": "int64", "current_cost": "float64",
                                                "assumed_cost": "float64", "saving": "float64",
                                                "one_off_cost": "float64"})


def _per_school(sites: Iterable[dict[str, Any]]) -> dict[str, tuple[float, int]]:
    """School → (summed cost of ``sites`` there, its pupils), in order of first appearance."""
    found: dict[str, tuple[float, int]] = {}
    for site in sites:
        cost, pupils = found.get(site["school"], (0.0, int(site["pupils"])))
        found[site["school"]] = (cost + float(site["annual_cost"]), pupils)
    return found


def _contract_rows(priced: list[dict[str, Any]], discount: float) -> list[dict[str, Any]]:
    by_product: dict[str, list[dict[str, Any]]] = {}
    for site in priced:
        if not site["board_contract"]:
            by_product.setdefault(site["product_key"], []).append(site)
    rows = []
    for group in by_product.values():
        schools = _per_school(group)
        if len(schools) < 2:
            continue
        prices = {school: cost / pupils for school, (cost, pupils) in schools.items()}
        best_school = min(prices, key=lambda s: prices[s])
        pupils = sum(p for _c, p in schools.values())
        current = sum(c for c, _p in schools.values())
        assumed = prices[best_school] * pupils * (1 - discount)
        rows.append({
            "kind": "one contract", "sector": "", "system_type": "", "product": group[0]["product"],
            "replaces": "", "schools": "; ".join(schools), "pupils": pupils, "current_cost": current,
            "assumed_cost": assumed, "saving": current - assumed, "one_off_cost": 0.0, "also_realizes": "",
            "assumption": _("one board contract at the best price per pupil paid now ({school}), less a "
                            "{discount} volume discount", school=best_school, discount=percent(discount)),
        })
    return rows


def _rank(sites: list[dict[str, Any]]) -> tuple[int, float, str]:
    """How a product ranks to stay: most pupils, then the lower cost per pupil, then by name."""
    schools = _per_school(sites)
    pupils = sum(p for _c, p in schools.values())
    return -pupils, sum(c for c, _p in schools.values()) / pupils, str(sites[0]["product"]).casefold()


def _product_rows(priced: list[dict[str, Any]], by_sector: bool) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for site in priced:
        for system_type in site["system_types"].split("; "):
            if system_type:
                groups.setdefault((site["sector"] if by_sector else "", system_type), []).append(site)
    rows = []
    for (sector, system_type), group in groups.items():
        products: dict[str, list[dict[str, Any]]] = {}
        for site in group:
            products.setdefault(site["product_key"], []).append(site)
        if len(products) < 2:
            continue

        ranks = {key: _rank(sites) for key, sites in products.items()}
        keep_key = min(ranks, key=ranks.__getitem__)
        kept = _per_school(products[keep_key])
        price = sum(c for c, _p in kept.values()) / sum(p for _c, p in kept.values())
        moving = [site for key, sites in products.items() if key != keep_key for site in sites]
        movers = {s: p for s, (_c, p) in _per_school(moving).items() if s not in kept}
        current = sum(float(site["annual_cost"]) for site in moving)
        assumed = price * sum(movers.values())
        others = {t for site in moving for t in site["system_types"].split("; ") if t and t != system_type}
        rows.append({
            "kind": "one product", "sector": sector, "system_type": system_type,
            "product": products[keep_key][0]["product"],
            "replaces": _join(site["product"] for site in moving),
            "schools": _join(site["school"] for site in moving), "pupils": sum(movers.values()),
            "current_cost": current, "assumed_cost": assumed, "saving": current - assumed,
            "one_off_cost": float(sum(0.0 if np.isnan(site["exit_cost"]) else site["exit_cost"] for site in moving)),
            "also_realizes": "; ".join(sorted(others, key=str.casefold)),
            "assumption": _("the product most pupils use stays; schools moving to it pay its cost per pupil now "
                            "({price} a pupil); schools that have it already drop the other",
                            price="€" + number(price, 2)),
        })
    return rows
