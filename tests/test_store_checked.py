"""A revision the workspace checked when it stored it opens from its snapshot without being checked
again; a snapshot stored before the flag existed is still checked as it is read."""

from __future__ import annotations

import importlib
import sqlite3
from typing import Any

import pytest

import fora_model.io.native as native
import fora_model.workspace.log as store_log
import fora_model.workspace.store as store_module
from fora_model import Element, ElementKind, Relation, RelationKind, dumps_model, load_sample
from fora_model.workspace.store import Store
from tests.tiny import tiny_school

VALIDATE = importlib.import_module("fora_model.validate")
ELEMENTS = importlib.import_module("fora_model.elements")


def dressed_school() -> Any:
    """The tiny school with an attribute of every stored type: a date, whole numbers, a list of ids."""
    model = tiny_school()
    app = model.element("app-mag")
    model.update_element(app.replace(attributes={**app.attributes, "contract_end": "2027-07-31",
                                                 "notice_months": 3, "functional_fit": 2}))
    model.add_element(Element.new(ElementKind.APPLICATION, "Parro", id="app-parro"))
    model.add_relation(Relation.new(RelationKind.FLOWS_TO, "app-mag", "app-parro", id="r-flow",
                                    carries=("i-grades",)))
    return model


def refuse(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("checked again")


def stored(tmp_path: Any, model: Any) -> Store:
    store = Store(tmp_path / "ws", seed=False)
    store.import_model("school", model)
    store_log.forget()  # as a new server process: nothing cached, the snapshot is read
    return store


@pytest.mark.parametrize("make", [dressed_school, load_sample], ids=["tiny", "sample"])
def test_a_validated_revision_opens_without_being_checked_again(tmp_path: Any, make: Any,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    model = make()
    store = stored(tmp_path, model)
    for module in (VALIDATE, store_module):
        monkeypatch.setattr(module, "validate", refuse)
    for module in (native, ELEMENTS):
        monkeypatch.setattr(module, "check_attributes", refuse)
    opened = store.open("school")
    assert opened == model
    assert dumps_model(opened) == dumps_model(model)


def test_an_edited_revision_stored_whole_opens_without_checks(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    store = stored(tmp_path, dressed_school())
    head = store.checkout("school")
    restored = store.restore("school", 1, base=head.revision)  # a whole revision: its own snapshot
    expected = store.open("school")
    store_log.forget()
    monkeypatch.setattr(native, "check_attributes", refuse)
    assert store.open("school", restored.revision) == expected


def test_a_snapshot_without_the_flag_is_checked_as_it_is_read(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    model = dressed_school()
    store = stored(tmp_path, model)
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE snapshots SET checked = 0")  # as a snapshot stored before the flag
    calls: list[str] = []
    real = native.check_attributes

    def counted(kind: Any, values: Any, subject: str) -> Any:
        calls.append(subject)
        return real(kind, values, subject)

    monkeypatch.setattr(native, "check_attributes", counted)
    assert store.open("school") == model
    assert "app-mag" in calls and "r-flow" in calls


def test_an_unflagged_snapshot_with_a_bad_value_is_read_as_a_file_would_be(tmp_path: Any) -> None:
    store = stored(tmp_path, dressed_school())
    document = dumps_model(dressed_school()).replace('"annual_cost": 12000.0', '"annual_cost": -5')
    assert '"annual_cost": -5' in document
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE snapshots SET document = ?, checked = 0", (store_module.schema.compress(document),))
    opened = store.open("school")
    assert "annual_cost" not in opened.element("app-mag").attributes  # the checked read leaves it out


@pytest.mark.parametrize("make", [dressed_school, load_sample], ids=["tiny", "sample"])
def test_the_stored_decoding_gives_what_the_checked_reader_gives(make: Any) -> None:
    text = dumps_model(make())
    fast, checked = native.loads_stored_model(text), native.loads_model(text).model
    assert fast == checked
    app = fast.elements.get("app-mag")
    if app is not None:
        assert app.attributes["contract_end"] == checked.element("app-mag").attributes["contract_end"]
        assert isinstance(app.attributes["notice_months"], int)
        assert fast.relation("r-flow").attributes["carries"] == ("i-grades",)


def test_text_that_is_not_a_stored_document_goes_to_the_checked_reader() -> None:
    text = dumps_model(dressed_school()).replace('"kind": "application"', '"kind": "spaceship"', 1)
    assert native.loads_stored_model(text) == native.loads_model(text).model
