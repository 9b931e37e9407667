"""What the Board page shows: the board's schools side by side, the consolidation matrix, duplicates,
savings, gaps, cost per pupil and renewals, as tables ready to draw (texts in the current language,
money through :mod:`fora_model.formatting`), and the CSV bytes of each analysis.

Which board: ``--board FILE`` after ``streamlit run app.py --``, else ``$FORA_MODEL_BOARD``, else the
sample board (:func:`fora_model.datasets.sample_board_file`). Everything here is Streamlit-free; the
page caches :func:`board_view` per board file and options.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..analysis.board import (
    board_duplicates,
    board_gaps,
    board_renewals,
    consolidation_matrix,
    consolidation_savings,
    cost_per_pupil,
    school_summary,
)
from ..board import Board
from ..board_pack.report import board_report
from ..datasets import sample_board_file
from ..formatting import money, number
from ..i18n import N_, _, current_language
from ..io import SCHEMES, load_model
from ..io.board_file import read_board_file
from ..model import Model
from ..reports import report_csv

__all__ = [
    "BOARD_ENV",
    "LABELS",
    "SAVINGS_SHOWN",
    "BoardView",
    "board_csv",
    "board_metrics",
    "board_pack",
    "board_pack_name",
    "board_savings",
    "board_source",
    "board_stamp",
    "board_view",
    "cost_table",
    "display",
    "gaps_for",
    "load_board",
    "model_stamp",
    "page_tables",
    "read_school",
]

BOARD_ENV = "FORA_MODEL_BOARD"
"""Environment variable naming the board file the Board page opens."""

LABELS: dict[str, str] = {
    "school": N_("School"), "sector": N_("Sector"), "pupils": N_("Pupils"), "location": N_("Location"),
    "applications": N_("Applications"), "annual_cost": N_("Annual cost"), "cost_per_pupil": N_("Per pupil"),
    "product": N_("Product"), "vendor": N_("Vendor"), "system_types": N_("System types"),
    "school_count": N_("Schools"), "schools": N_("Used by"), "system_type": N_("System type"),
    "product_count": N_("Products"), "products": N_("Products used"), "element": N_("Work"),
    "element_kind": N_("Kind"), "domain": N_("Domain"), "by_school": N_("By school"), "inherited": N_("Inherited"),
    "kind": N_("Rule"), "replaces": N_("Replaces"), "current_cost": N_("Now a year"),
    "assumed_cost": N_("Afterwards"), "saving": N_("Saving a year"), "one_off_cost": N_("One-off cost"),
    "also_realizes": N_("Also realizes"), "assumption": N_("Assumption"), "filled_in": N_("Filled in"),
    "filled_by": N_("Filled by"), "application": N_("Application"), "contract_end": N_("Contract end"),
    "notice_date": N_("Notice date"), "days_to_notice": N_("Days to notice"), "notice_passed": N_("Notice passed"),
    "board_contract": N_("Board contract"), "product_sites": N_("Schools with it"),
    "other_contract_ends": N_("Other schools' contract ends"), "action": N_("Action"),
}
"""Column name → its label on the page (translated when shown)."""

_MONEY = ("annual_cost", "cost_per_pupil", "current_cost", "assumed_cost", "saving", "one_off_cost")
_RULES = {"one contract": N_("one contract"), "one product": N_("one product")}
_SECTORS = {"po": N_("primary"), "vo": N_("secondary"), "so": N_("special needs")}


def board_source(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The board file to open: ``--board FILE`` in ``argv``, else ``$FORA_MODEL_BOARD``, else the sample board.

    >>> board_source(["app.py", "--board", "x/board.toml"], {}).as_posix()
    'x/board.toml'
    """
    args = list(sys.argv[1:] if argv is None else argv)
    for n, arg in enumerate(args):
        if arg == "--board" and n + 1 < len(args):
            return Path(args[n + 1])
        if arg.startswith("--board="):
            return Path(arg.split("=", 1)[1])
    named = (os.environ if environ is None else environ).get(BOARD_ENV)
    return Path(named) if named else sample_board_file()


def _named_by_scheme(source: str) -> bool:
    """Whether ``source`` names a model by a scheme (``workspace:NAME``) rather than a file."""
    scheme = source.partition(":")[0]
    return len(scheme) > 1 and scheme in (*SCHEMES, "workspace")


def board_stamp(path: str | Path) -> tuple[tuple[str, float, int], ...]:
    """When the board file and the files beside it last changed: a new stamp means read it again."""
    target = Path(path)
    files = [target, *sorted(p for p in target.parent.iterdir() if p.is_file() and p != target)] \
        if target.parent.is_dir() else [target]
    stamp = []
    for file in files:
        try:
            info = file.stat()
        except OSError:
            continue
        stamp.append((file.name, info.st_mtime, info.st_size))
    return tuple(stamp)


def load_board(path: str | Path, *, load: Callable[[str], Model] | None = None) -> Board:
    """The board of the board file at ``path`` (every school's model read and validated, by ``load``
    when given: see :func:`~fora_model.io.board_file.read_board_file`)."""
    return read_board_file(path, load=load)


def model_stamp(source: str) -> tuple[int, int] | None:
    """When the school model file ``source`` (as :func:`load_board` passes it to ``load``) last changed:
    (modification time in ns, size). None for a workspace model or a path that cannot be looked at,
    which are read each time the board is.

    >>> model_stamp("workspace:De Linde") is None
    True
    """
    if _named_by_scheme(source):
        return None
    try:
        info = Path(source).stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def read_school(source: str) -> Model:
    """One school's model, read and validated (:func:`fora_model.io.load_model`)."""
    return load_model(source)


@dataclass(frozen=True)
class BoardView:
    """Every analysis the Board page shows, as the analyses return them (see their columns)."""

    board: Board
    schools: pd.DataFrame
    products: pd.DataFrame
    system_types: pd.DataFrame
    duplicates: pd.DataFrame
    gaps: pd.DataFrame
    cost: pd.DataFrame
    renewals: pd.DataFrame


def board_view(
    board: Board,
    *,
    paths: str | Iterable[str] | None = None,
    include_inherited: bool = False,
    today: _dt.date | None = None,
) -> BoardView:
    """Compute every board analysis the page shows once (the savings, which have options of their own,
    come from :func:`board_savings`)."""
    return BoardView(
        board=board,
        schools=school_summary(board),
        products=consolidation_matrix(board, by="product"),
        system_types=consolidation_matrix(board, by="system_type"),
        duplicates=board_duplicates(board, paths=paths, include_inherited=include_inherited),
        gaps=board_gaps(board, paths=paths),
        cost=cost_per_pupil(board, paths=paths),
        renewals=board_renewals(board, today=today),
    )


def board_savings(board: Board, *, discount: float = 0.0, by_sector: bool = True) -> pd.DataFrame:
    """The consolidation savings (:func:`~fora_model.analysis.board.consolidation_savings`)."""
    return consolidation_savings(board, discount=discount, by_sector=by_sector)


SAVINGS_SHOWN = ["kind", "sector", "system_type", "product", "replaces", "schools", "pupils", "current_cost",
                 "assumed_cost", "saving", "one_off_cost", "also_realizes", "assumption"]
"""The savings columns the page shows."""


def page_tables(view: BoardView) -> dict[str, pd.DataFrame]:
    """Every table of the page but the savings, ready to show (:func:`display`), by tab."""
    names = [s.name for s in view.board.schools]
    return {
        "schools": display(view.schools, ["school", "sector", "pupils", "location", "applications", "annual_cost",
                                          "cost_per_pupil"]),
        "products": display(view.products, ["product", "vendor", "system_types", "school_count", "annual_cost"],
                            schools=names),
        "system_types": display(view.system_types, ["system_type", "product_count", "school_count"], schools=names),
        "duplicates": display(view.duplicates, ["element", "domain", "product_count", "products", "school_count",
                                                "by_school", "annual_cost"]),
        "gaps": display(view.gaps, ["school", "element", "domain", "filled_in", "filled_by", "products"]),
        "cost": cost_table(view),
        "renewals": display(view.renewals, ["school", "product", "annual_cost", "contract_end", "notice_date",
                                            "board_contract", "product_sites", "other_contract_ends", "action"]),
    }


def board_metrics(view: BoardView, savings: pd.DataFrame) -> list[tuple[str, str, str]]:
    """The headline cards: (label, value, help), in the current language."""
    shared = int((view.products["school_count"] >= 2).sum())
    saving = float(savings.loc[savings["saving"] > 0, "saving"].sum())
    return [
        (_("Schools"), number(len(view.board.schools)), _("Schools on the board")),
        (_("Pupils"), number(view.board.pupils), _("Pupils of every school together")),
        (_("Products"), number(len(view.products)), _("Distinct products across the schools")),
        (_("Shared products"), number(shared), _("Products that two or more schools use")),
        (_("Annual cost"), money(view.schools["annual_cost"].sum(), short=True),
         _("Recorded annual cost of every current application of every school")),
        (_("Could save a year"), money(saving, short=True),
         _("The rows of the consolidation that save, added up; rows about one product can overlap")),
    ]


def display(frame: pd.DataFrame, columns: Sequence[str], *, schools: Sequence[str] = ()) -> pd.DataFrame:
    """``frame``'s ``columns`` (and the school columns ``schools``) ready to show: money written out,
    rules and sectors in the current language, headers labelled."""
    shown = frame.loc[:, [*columns, *schools]].copy()
    written = _money_writer()
    for column in shown.columns:
        if column in _MONEY or (column in schools and pd.api.types.is_numeric_dtype(shown[column])):
            shown[column] = [written(v) for v in shown[column]]
        elif column == "kind":
            shown[column] = [_(_RULES.get(v, v)) for v in shown[column]]
        elif column == "sector":
            shown[column] = [_(_SECTORS[v]) if v in _SECTORS else v for v in shown[column]]
        elif shown[column].dtype == bool:
            shown[column] = [_("yes") if v else "" for v in shown[column]]
    return shown.rename(columns={c: _(LABELS[c]) for c in shown.columns if c in LABELS})


def gaps_for(view: BoardView, shown: pd.DataFrame, school: str | None) -> pd.DataFrame:
    """The rows of ``shown`` (the gaps table as :func:`page_tables` shows it) of one school (all when None)."""
    return shown if school is None else shown[(view.gaps["school"] == school).to_numpy()]


def cost_table(view: BoardView) -> pd.DataFrame:
    """Cost per pupil: one row per domain, one column per school and one for the whole board, money written out."""
    names = [s.name for s in view.board.schools]
    per_pupil: dict[tuple[str, str], float] = {}
    domain_cost: dict[str, float] = {}
    school_cost: dict[str, float] = {}
    for school, domain, cost, share in zip(view.cost["school"], view.cost["domain"], view.cost["annual_cost"],
                                           view.cost["cost_per_pupil"], strict=True):
        per_pupil[school, domain] = float(share)
        domain_cost[domain] = domain_cost.get(domain, 0.0) + float(cost)
        school_cost[school] = school_cost.get(school, 0.0) + float(cost)
    written = _money_writer()
    domain_label, board_label = _("Domain"), _("Board")
    rows = []
    for domain, cost in domain_cost.items():
        row: dict[str, str] = {domain_label: domain}
        for name in names:
            row[name] = written(per_pupil.get((name, domain), float("nan")))
        row[board_label] = written(cost / view.board.pupils)
        rows.append(row)
    total: dict[str, str] = {domain_label: _("Every domain")}
    for school in view.board.schools:
        total[school.name] = written(school_cost.get(school.name, 0.0) / school.pupils)
    total[board_label] = written(sum(domain_cost.values()) / view.board.pupils)
    rows.append(total)
    return pd.DataFrame(rows, columns=[domain_label, *names, board_label])


def _money_writer() -> Callable[[object], str]:
    """:func:`~fora_model.formatting.money` with "–" for no value, remembering what it wrote (a table
    repeats amounts, and writing one in the current language is not free)."""
    written: dict[object, str] = {}

    def write(value: object) -> str:
        key = None if pd.isna(value) else value  # type: ignore[call-overload]
        if key not in written:
            written[key] = money(value, missing="–")
        return written[key]

    return write


def board_pack(board: Board, school: str, *, today: _dt.date | None = None,
               paths: str | Iterable[str] | None = None) -> bytes:
    """The board pack of ``school`` with the board's pages, as the bytes of one offline HTML file, in
    the language spoken."""
    return board_report(board.school(school).model, board=board, today=today, paths=paths,
                        language=current_language()).encode("utf-8")


def board_pack_name(board: Board, school: str) -> str:
    """A file name for :func:`board_pack`: the school's name, letters and digits only.

    >>> board_pack_name(None, "OBS De Linde / noord")  # type: ignore[arg-type]
    'board-pack-obs-de-linde-noord.html'
    """
    slug = "-".join(re.findall(r"[0-9a-z]+", school.casefold())) or "school"
    return f"board-pack-{slug}.html"


def board_csv(frame: pd.DataFrame) -> bytes:
    """An analysis as CSV for Excel (formula-safe, as every report): ``;``, BOM and decimal comma."""
    return report_csv(frame, excel=True)
