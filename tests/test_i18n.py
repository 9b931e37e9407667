"""Every user-visible string goes through the catalogue, and the catalogue is complete.

The scan (:mod:`tests.i18n_scan`) reads ``app.py``, ``app_pages/`` and ``fora_model/dashboard/``
for text handed to Streamlit, label tables and sentences that bypass ``_()``/``n_()``/``N_()``;
the catalogue checks extract every marked string with Babel (as ``make messages`` does) and
compare it with the Dutch ``.po``.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from fora_model.i18n import catalogue_path
from tests.i18n_scan import ROOT, scan, scan_source, sentences

STILL_TO_DO: frozenset[str] = frozenset()
"""Files whose text is not translated yet (the editing pages, History, Import and export, the Model
page and the dashboard modules behind them). Remove a file once its findings are gone: the test
below fails for an entry with nothing left to do."""

KEYWORDS = {"_": None, "n_": (1, 2), "N_": None}
"""The marking functions, as ``make messages`` passes them to ``pybabel extract``."""


# ----------------------------------------------------------------------------- the scan itself
def test_the_scan_finds_text_that_bypasses_the_catalogue():
    source = '''
import streamlit as st
from fora_model.i18n import N_, _, n_

LABELS = {"a": "Annual cost", "b": N_("Exit cost")}
st.title("Overview")
st.title(_("Overview"))
column.metric("Annual cost", value, help=f"{n} a year")
st.tabs(["Build", _("Compare")])
st.button(n_("{n} row", "{n} rows", 2), icon=":material/download:", key="a_key")
st.Page("app_pages/x.py", title="Somewhere")
st.selectbox(_("Kind"), options, placeholder="Choose one")
'''
    found = [(f.line, f.call, f.text) for f in scan_source(source, "x.py")]
    assert found == [
        (6, "title", "Overview"),
        (8, "metric", "Annual cost"),
        (8, "metric", "f'{n} a year'"),
        (9, "tabs", "Build"),
        (11, "Page", "Somewhere"),
        (12, "selectbox", "Choose one"),
        (5, "LABELS", "Annual cost"),
    ]


def test_the_scan_finds_sentences_built_outside_the_catalogue():
    source = '''
def message(name):
    """A docstring is not shown to readers at all."""
    if not name:
        raise ValueError("a name is needed here")
    ok = _("Nothing to save: the edit changes nothing.")
    return f"The workspace holds {name} already; open it instead."
'''
    assert [(f.line, f.text) for f in sentences(source, "x.py")] == [
        (7, "The workspace holds  already; open it instead.")]


# ----------------------------------------------------------------------------- the code
def test_every_visible_string_goes_through_the_catalogue():
    left = [str(f) for f in scan() if f.path not in STILL_TO_DO]
    assert left == []


def test_the_list_of_files_still_to_do_has_no_finished_file():
    with_findings = {f.path for f in scan()}
    assert sorted(STILL_TO_DO - with_findings) == []
    assert all((ROOT / path).is_file() for path in STILL_TO_DO)


# ----------------------------------------------------------------------------- the catalogue
def catalogue():
    with catalogue_path("nl").open("rb") as handle:
        return read_po(handle, locale="nl_NL", domain="fora_model")


def extracted() -> dict[str | tuple[str, ...], list[str]]:
    """Every marked string in the code (as ``make messages`` extracts it) → where it is."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str | tuple[str, ...], list[str]] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        key = message if isinstance(message, str) else tuple(message)
        found.setdefault(key, []).append(f"{filename}:{line}")
    return found


CATALOGUE = catalogue()
MESSAGES = [m for m in CATALOGUE if m.id]


def test_the_catalogue_is_read_and_knows_the_shipped_strings():
    assert len(MESSAGES) > 300
    assert CATALOGUE.get("Annual cost").string == "Jaarlijkse kosten"


def test_every_message_has_a_dutch_translation():
    empty = [m.id for m in MESSAGES if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
    fuzzy = [m.id for m in MESSAGES if m.fuzzy]
    assert (empty, fuzzy) == ([], [])


def test_every_marked_string_in_the_code_is_in_the_catalogue():
    known = {m.id if isinstance(m.id, str) else tuple(m.id) for m in MESSAGES}
    missing = {message: places[0] for message, places in extracted().items() if message not in known}
    assert missing == {}, "run `make messages` and translate the new entries"


def test_the_catalogue_holds_no_message_the_code_no_longer_uses():
    used = set(extracted())
    unused = [m.id for m in MESSAGES if (m.id if isinstance(m.id, str) else tuple(m.id)) not in used]
    assert unused == []
    assert list(CATALOGUE.obsolete) == []


def _fields(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: (m.id if isinstance(m.id, str) else m.id[0])[:40])
def test_a_translation_fills_in_the_same_placeholders(message):
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    expected = set().union(*(_fields(i) for i in ids))
    for text in strings:
        assert _fields(text) == expected, text


def test_the_catalogue_is_sorted_as_make_messages_writes_it():
    """``pybabel extract --sort-output`` orders by the (singular) message id; ``update`` keeps that order."""
    ids = [m.id if isinstance(m.id, str) else m.id[0] for m in MESSAGES]
    assert ids == sorted(ids)


def test_the_catalogue_lives_where_the_package_finds_it():
    assert catalogue_path("nl") == Path(ROOT / "fora_model" / "locale" / "nl" / "LC_MESSAGES" / "fora_model.po")
