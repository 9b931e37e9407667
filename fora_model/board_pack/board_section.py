"""The board's pages of the board pack: the schools side by side, what consolidating would save,
work one school lacks that others have, and the contracts ending across the board.

:func:`board_sections` returns (id, navigation label, HTML) triples that
:func:`fora_model.board_pack.report.board_report` appends when it is given a board. Every text from a
model or the board file goes through :func:`~fora_model.board_pack.template.esc` (the table and
section helpers do it), so a school named ``<script>`` shows as text.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import pandas as pd

from ..analysis.board import (
    board_duplicates,
    board_gaps,
    board_renewals,
    consolidation_matrix,
    consolidation_savings,
    school_summary,
)
from ..board import Board
from ..formatting import money, number
from ..i18n import _, n_
from .template import Column, kpi_cards, section, table

__all__ = ["board_sections"]


def board_sections(
    board: Board,
    *,
    today: _dt.date | None = None,
    paths: str | Iterable[str] | None = None,
) -> list[tuple[str, str, str]]:
    """The board's pages of the pack, as (id, navigation label, HTML) triples."""
    today = today or _dt.date.today()
    schools = school_summary(board)
    matrix = consolidation_matrix(board)
    shared = matrix[matrix["school_count"] >= 2]
    savings = consolidation_savings(board)
    duplicates = board_duplicates(board, paths=paths)
    gaps = board_gaps(board, paths=paths)
    renewals = board_renewals(board, today=today)
    positive = savings[savings["saving"] > 0]
    cards = kpi_cards([
        (_("schools"), number(len(board.schools)), ""),
        (_("pupils"), number(board.pupils), ""),
        (_("products in two or more schools"), number(len(shared)), ""),
        (_("annual cost, every school"), money(schools["annual_cost"].sum(), short=True), ""),
    ])
    gap_counts = gaps.groupby("school", sort=False).size() if len(gaps) else pd.Series(dtype="int64")
    schools = schools.assign(gaps=[int(gap_counts.get(s, 0)) for s in schools["school"]])
    def more(n: int) -> str:
        return n_("and {n} more row on the page Schools side by side", "and {n} more rows on the page Schools side "
                  "by side", n)
    return [
        ("board", _("Board"), section(
            "board", _("{board}: the schools side by side", board=board.name),
            n_("{n} school on the board; the products two or more schools use are the first candidates for "
               "one board contract.", "{n} schools on the board; the products two or more schools use are the "
               "first candidates for one board contract.", len(board.schools)),
            cards
            + table(schools, [Column("school", _("school"), limit=40), Column("sector", _("sector")),
                              Column("pupils", _("pupils"), "int"),
                              Column("applications", _("applications"), "int"),
                              Column("annual_cost", _("annual cost"), "money"),
                              Column("cost_per_pupil", _("per pupil"), "money"),
                              Column("gaps", _("work others have a system for"), "int")],
                    limit=12, empty=_("The board has no schools."), more=more)
            + f"<h3>{_('Products in two or more schools')}</h3>"
            + table(shared, [Column("product", _("product"), limit=30), Column("school_count", _("schools"), "int"),
                             Column("schools", _("used by"), limit=80),
                             Column("annual_cost", _("annual cost"), "money")],
                    limit=8, empty=_("No product is used by more than one school."), more=more))),
        ("board-consolidation", _("Consolidation"), section(
            "board-consolidation", _("Board: what consolidating would save"),
            _("One board contract per product at the best price per pupil paid now, or one product per system "
              "type per sector; the assumption of each row is stated. {total} a year in the rows that save.",
              total=money(positive["saving"].sum())),
            table(savings, [Column("kind", _("rule")), Column("system_type", _("system type"), limit=30),
                            Column("product", _("product"), limit=24), Column("replaces", _("replaces"), limit=30),
                            Column("schools", _("schools"), limit=50),
                            Column("current_cost", _("now a year"), "money"),
                            Column("assumed_cost", _("afterwards"), "money"),
                            Column("saving", _("saving a year"), "money"),
                            Column("one_off_cost", _("one-off"), "money")],
                  limit=10, empty=_("Every product is bought once and every system type has one product."),
                  more=more)
            + f"<h3>{_('Work several products do across the board')}</h3>"
            + table(duplicates, [Column("element", _("work"), limit=40),
                                 Column("product_count", _("products"), "int"),
                                 Column("products", _("which"), limit=70),
                                 Column("school_count", _("schools"), "int")],
                    limit=6, empty=_("No work is supported by more than one product."), more=more))),
        ("board-renewals", _("Board renewals"), section(
            "board-renewals", _("Board: contracts ending in the next 24 months"),
            _("Where several schools buy one product, a renewal is the moment to join one board contract."),
            table(renewals, [Column("school", _("school"), limit=30), Column("product", _("product"), limit=24),
                             Column("annual_cost", _("annual cost"), "money"),
                             Column("notice_date", _("notice date")),
                             Column("product_sites", _("schools with it"), "int"),
                             Column("action", _("action"), limit=90)],
                  limit=14, empty=_("No contract ends in the next 24 months."), more=more))),
    ]
