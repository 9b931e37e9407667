"""Where the workspace lives: SQLite by default, PostgreSQL when a URL names it; what each one says
when it cannot be reached; the same ordering and the same first open on both."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fora_model.cli import main
from fora_model.workspace import Store, WorkspaceError
from fora_model.workspace import backend as wbackend
from fora_model.workspace.schema import SCHEMA_VERSION
from tests.tiny import model_of

ROOT = Path(__file__).resolve().parents[1]
UNREACHABLE = "postgresql://fora:s3cret-word@127.0.0.1:1/fora"  # port 1: nothing listens, refused at once


def test_a_folder_or_file_is_sqlite_and_a_url_is_postgresql(tmp_path):
    assert wbackend.backend_for(tmp_path / "ws").path == tmp_path / "ws" / "fora-model.db"
    assert wbackend.backend_for(tmp_path / "x.sqlite").path == tmp_path / "x.sqlite"
    assert wbackend.backend_for(str(tmp_path / "ws")).kind == "sqlite"
    pytest.importorskip("psycopg")
    for url in ("postgresql://u@h/db", "postgres://u@h/db", " POSTGRESQL://u@h/db"):
        backend = wbackend.backend_for(url)
        assert backend.kind == "postgres" and backend.path is None


def test_passwords_never_appear_in_where_the_workspace_is():
    assert wbackend.redact("postgresql://fora:pw@db.example.org:5433/fora?sslmode=require") == \
        "postgresql://fora:***@db.example.org:5433/fora?sslmode=require"
    assert wbackend.redact("postgresql://fora@db/fora") == "postgresql://fora@db/fora"


def test_the_database_url_in_the_environment_wins_and_an_unreachable_server_is_named(tmp_path, monkeypatch):
    pytest.importorskip("psycopg")
    monkeypatch.setenv("FORA_MODEL_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.setenv(wbackend.DATABASE_ENV, UNREACHABLE)
    with pytest.raises(WorkspaceError) as caught:
        Store()
    message = str(caught.value)
    assert message.startswith("postgresql://fora:***@127.0.0.1:1/fora: cannot reach the database server")
    assert "FORA_MODEL_DATABASE_URL" in message and "s3cret" not in message
    assert not (tmp_path / "ws").exists()  # no SQLite workspace was made instead
    out, err = io.StringIO(), io.StringIO()
    assert main(["workspace", "list"], stdout=out, stderr=err) == 2
    assert "cannot reach the database server" in err.getvalue() and "Traceback" not in err.getvalue()
    assert "s3cret" not in err.getvalue() and out.getvalue() == ""


def test_without_psycopg_a_url_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(WorkspaceError, match=r'needs the psycopg package — install it with pip install "fora-model'):
        Store("postgresql://fora:pw@db/fora")


def test_rows_read_by_position_and_by_name():
    row = wbackend.Row([3, "edit"], {"revision": 0, "action": 1})
    assert (row[0], row["action"], tuple(row), row.keys()) == (3, "edit", (3, "edit"), ["revision", "action"])


def test_names_sort_by_code_point_on_both(workspaces):
    store = workspaces.store("ws", seed=False)
    names = ["bc", "Zeta", "b-c", "alpha", "b c", "_x", "B"]
    for name in names:
        store.import_model(name, model_of([("g", "goal", "Good teaching")], []))
    assert store.names() == sorted(names)
    assert [m.model for m in store.models()] == sorted(names)


OPENER = """
import sys, time
from pathlib import Path
from fora_model.workspace.store import Store
from tests.tiny import tiny_school
location, folder, me = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
(folder / f"ready-{me}").touch()
while not (folder / "go").exists():
    time.sleep(0.001)
store = Store(location, seed=tiny_school)
print(store.head("sample-school"))
"""


@pytest.mark.slow
def test_processes_opening_a_new_workspace_at_once_create_migrate_and_seed_it_once(workspaces, tmp_path):
    location = workspaces("fresh")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    openers = [subprocess.Popen([sys.executable, "-c", OPENER, str(location), str(tmp_path), str(n)], env=env,
                                text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for n in range(3)]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"ready-{n}").exists() for n in range(3)):
        assert time.monotonic() < deadline, "the openers did not start"
        time.sleep(0.01)
    (tmp_path / "go").touch()
    for opener in openers:
        out, err = opener.communicate(timeout=120)
        assert opener.returncode == 0, err
        assert out.strip() == "1"
    store = Store(location, seed=False)
    assert store.names() == ["sample-school"] and store.head("sample-school") == 1
    with store.backend.connect() as db:
        versions = [r[0] for r in db.execute("SELECT version FROM schema_version ORDER BY version")]
        seeds = db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0]
    assert versions == list(range(1, SCHEMA_VERSION + 1)) and seeds == 1


def test_the_dashboard_names_an_unreachable_server_instead_of_failing(workspace_app, monkeypatch):
    pytest.importorskip("psycopg")
    from tests.apptest import run_app

    monkeypatch.setenv(wbackend.DATABASE_ENV, UNREACHABLE)
    at = run_app()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith("postgresql://fora:***@127.0.0.1:1/fora: cannot reach the database server")
    assert "s3cret" not in error.value
