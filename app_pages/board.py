"""Board: the schools of a board side by side — which school uses which product, where one board
contract or one product would save, what one school lacks that its sister schools have, cost per
pupil per domain and the contracts ending across the board."""

from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages import state
from fora_model.board import Board
from fora_model.dashboard import board as db
from fora_model.dashboard.common import md_escape
from fora_model.dashboard.overview import card_rows
from fora_model.errors import ForaModelError
from fora_model.i18n import _, current_language
from fora_model.model import Model


@st.cache_resource(show_spinner=False, max_entries=256)
def _school_file(source: str, stamp: tuple[int, int]) -> Model:
    """One school's model file, read once per server until the file changes."""
    return db.read_school(source)


def _school(source: str) -> Model:
    stamp = db.model_stamp(source)
    return db.read_school(source) if stamp is None else _school_file(source, stamp)


@st.cache_resource(show_spinner=False, max_entries=4)
def _board(path: str, stamp: tuple[tuple[str, float, int], ...]) -> Board | str:
    """The board of the file (read again when a file beside it changes, keeping the school models
    whose files did not), or the one line saying why not."""
    try:
        return db.load_board(path, load=_school)
    except ForaModelError as exc:
        return str(exc)


@st.cache_resource(show_spinner=False, max_entries=16)
def _tables(path: str, stamp: tuple[tuple[str, float, int], ...], paths: tuple[str, ...] | None,
            include_inherited: bool, language: str) -> tuple[db.BoardView, dict[str, pd.DataFrame]]:
    board = _board(path, stamp)
    assert isinstance(board, Board)
    view = db.board_view(board, paths=paths, include_inherited=include_inherited)
    return view, db.page_tables(view)


@st.cache_resource(show_spinner=False, max_entries=16)
def _savings(path: str, stamp: tuple[tuple[str, float, int], ...], discount: float, by_sector: bool,
             language: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    board = _board(path, stamp)
    assert isinstance(board, Board)
    savings = db.board_savings(board, discount=discount, by_sector=by_sector)
    return savings, db.display(savings, db.SAVINGS_SHOWN)


source = db.board_source()
stamp = db.board_stamp(source)
st.title(_("Board"))
with st.spinner(_("Reading the board…")):
    board = _board(str(source), stamp)
if isinstance(board, str):
    st.error(md_escape(board), icon=":material/error:")
    st.stop()
_level, paths = state.settings()
st.caption(md_escape(_("{board} · {file}", board=board.name, file=Path(source).name)))

with st.spinner(_("Comparing the schools…")):
    view, shown = _tables(str(source), stamp, paths, st.session_state.get("bd_inherited", False),
                          current_language())
    savings, savings_shown = _savings(str(source), stamp, st.session_state.get("bd_discount", 0) / 100,
                                      not st.session_state.get("bd_across", False), current_language())
for row in card_rows(db.board_metrics(view, savings)):  # as many cards a row as fit, so no value is cut short
    for column, (label, value, help_text) in zip(st.columns(len(row)), row, strict=True):
        column.metric(label, value, help=help_text, border=True)

names = [s.name for s in board.schools]
tabs = st.tabs([_("Schools"), _("Products"), _("System types"), _("Duplicates"), _("Savings"), _("Gaps"),
                _("Cost per pupil"), _("Renewals")])
with tabs[0]:
    st.dataframe(shown["schools"], hide_index=True, key="bd_schools")
with tabs[1]:
    st.caption(_("One row per product, however many schools use it; a school's column is what it pays a year."))
    st.dataframe(shown["products"], hide_index=True, key="bd_products")
    st.download_button(_("Download CSV"), db.board_csv(view.products), file_name="board-matrix.csv",
                       mime="text/csv", key="bd_products_csv", icon=":material/download:")
with tabs[2]:
    st.caption(_("Which products each school uses for each system type."))
    st.dataframe(shown["system_types"], hide_index=True, key="bd_types")
with tabs[3]:
    st.toggle(_("Also work supported only through a process above it"), key="bd_inherited")
    st.caption(_("Work that two or more products support across the board; the cost is that of the supporting "
                 "applications, each counted in full."))
    st.dataframe(shown["duplicates"], hide_index=True, key="bd_duplicates")
    st.download_button(_("Download CSV"), db.board_csv(view.duplicates), file_name="board-duplicates.csv",
                       mime="text/csv", key="bd_duplicates_csv", icon=":material/download:")
with tabs[4]:
    left, right = st.columns(2)
    left.slider(_("Volume discount of a board contract (%)"), 0, 30, 0, key="bd_discount")
    right.toggle(_("One product per system type for primary and secondary schools together"), key="bd_across")
    st.caption(_("Each row states its assumption; savings of rows about the same product can overlap."))
    st.dataframe(savings_shown, hide_index=True, key="bd_savings")
    st.download_button(_("Download CSV"), db.board_csv(savings), file_name="board-savings.csv",
                       mime="text/csv", key="bd_savings_csv", icon=":material/download:")
with tabs[5]:
    chosen = st.selectbox(_("School"), names, index=None, placeholder=_("Every school"), key="bd_gap_school")
    st.caption(_("Work a school needs a system for and has none, while a sister school has one."))
    st.dataframe(db.gaps_for(view, shown["gaps"], chosen), hide_index=True, key="bd_gaps")
with tabs[6]:
    st.caption(_("Each application's annual cost split equally over the domains it supports, per pupil."))
    st.dataframe(shown["cost"], hide_index=True, key="bd_cost")
with tabs[7]:
    st.dataframe(shown["renewals"], hide_index=True, key="bd_renewals")
    st.download_button(_("Download CSV"), db.board_csv(view.renewals), file_name="board-renewals.csv",
                       mime="text/csv", key="bd_renewals_csv", icon=":material/download:")

st.subheader(_("Board pack"))
st.caption(_("A school's board pack with the board's pages added: one HTML file, readable offline."))
left, right = st.columns([2, 1], vertical_alignment="bottom")
pack_school = left.selectbox(_("School"), names, key="bd_pack_school")
pack_key = ("bd_pack", str(source), stamp, pack_school, paths)
if right.button(_("Prepare the board report"), key="bd_pack_prepare", icon=":material/description:"):
    with st.spinner(_("Writing the board report…")):
        st.session_state["bd_pack_data"] = (pack_key, db.board_pack(board, pack_school, paths=paths))
pack = st.session_state.get("bd_pack_data")
if pack is not None and pack[0] == pack_key:
    st.download_button(_("Download the board report"), pack[1], file_name=db.board_pack_name(board, pack_school),
                       mime="text/html", key="bd_pack_download", icon=":material/download:", type="primary")
