"""Workspaces for the store tests on both backends: a SQLite folder, or a schema of its own in a
throwaway PostgreSQL database.

The PostgreSQL server is the one ``$FORA_MODEL_TEST_POSTGRES`` names (a URL of a database the tests
may create databases from; ``.ci/postgres`` starts one). Each test session creates one database on
it (with ICU's en-US collation where the server has it) and drops it at the end; each workspace is
a schema in it, named in the URL (``options=-csearch_path=...``), so a test's workspaces never see
another's. Without the variable the PostgreSQL variant is skipped with the reason, except under
``CI=true``, where it fails.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import pytest

from fora_model.workspace import backend as wbackend
from fora_model.workspace import log as wlog
from fora_model.workspace.store import Store

TEST_ENV = "FORA_MODEL_TEST_POSTGRES"
BACKENDS = ("sqlite", "postgres")


def unavailable(reason: str) -> None:
    """Skip (locally) or fail (in CI) a test that needs PostgreSQL."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"the PostgreSQL workspace tests must run in CI: {reason}")
    pytest.skip(reason)


def with_database(url: str, database: str, schema: str | None = None) -> str:
    """``url`` naming another database (and, optionally, a search path of one schema)."""
    parts = urlsplit(url)
    query = "&".join(q for q in parts.query.split("&") if q and not q.startswith("options="))
    if schema is not None:
        query = "&".join(filter(None, [query, "options=" + quote(f"-csearch_path={schema}", safe="")]))
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, query, ""))


class PostgresServer:
    """One throwaway database on the test server for the whole session."""

    def __init__(self, admin_url: str) -> None:
        import psycopg

        self.psycopg = psycopg
        self.admin_url = admin_url
        self.database = f"fora_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as db:
            try:  # a linguistic default collation, as a board's server often has: names must still sort as on SQLite
                db.execute(f'CREATE DATABASE "{self.database}" TEMPLATE template0 LOCALE_PROVIDER icu '
                           "ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'")
            except psycopg.Error:  # a server without ICU (or before PostgreSQL 15)
                db.execute(f'CREATE DATABASE "{self.database}"')
        self.url = with_database(admin_url, self.database)

    def schema_url(self, schema: str) -> str:
        """A new, empty schema and the URL whose connections use it."""
        with self.psycopg.connect(self.url, autocommit=True) as db:
            db.execute(f'CREATE SCHEMA "{schema}"')
        return with_database(self.admin_url, self.database, schema)

    def drop_schema(self, schema: str) -> None:
        with self.psycopg.connect(self.url, autocommit=True) as db:
            db.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    def close(self) -> None:
        wbackend.close_pools()
        with self.psycopg.connect(self.admin_url, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def start_server() -> PostgresServer:
    """The session's server, or a skip (a failure in CI) saying why there is none."""
    url = os.environ.get(TEST_ENV, "").strip()
    if not url:
        unavailable(f"${TEST_ENV} is not set (a postgresql:// URL; `bash .ci/postgres make test` starts a server)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("the psycopg package is not installed (pip install -e '.[postgres]')")
    try:
        return PostgresServer(url)
    except Exception as exc:  # any failure to reach the server is the reason
        unavailable(f"cannot create a database on ${TEST_ENV} ({wbackend.redact(url)}): {exc}")
        raise


def use_in_environment(monkeypatch: pytest.MonkeyPatch, location: str | Path) -> None:
    """Make ``location`` the workspace a plain ``Store()`` (the command line, the dashboard) opens."""
    if isinstance(location, str):
        monkeypatch.setenv(wbackend.DATABASE_ENV, location)
    else:
        monkeypatch.setenv("FORA_MODEL_WORKSPACE", str(location))


class Workspaces:
    """Workspace locations for one test on one backend: ``workspaces("ws")`` is the location of
    the workspace called ``ws`` (the same one each call), ``workspaces.store("ws", ...)`` opens it."""

    def __init__(self, kind: str, tmp_path: Path, server: PostgresServer | None) -> None:
        self.kind, self.tmp_path, self.server = kind, tmp_path, server
        self._made: dict[str, str | Path] = {}
        self._prefix = f"t{uuid.uuid4().hex[:10]}"

    def __call__(self, name: str = "ws") -> str | Path:
        if name not in self._made:
            if self.server is None:
                self._made[name] = self.tmp_path / name
            else:
                self._made[name] = self.server.schema_url(f"{self._prefix}_{re.sub(r'[^a-z0-9_]', '_', name)}")
        return self._made[name]

    def store(self, name: str = "ws", **options: Any) -> Store:
        return Store(self(name), **options)

    @contextmanager
    def connect(self, store: Store) -> Iterator[wbackend.Connection]:
        """A plain connection to ``store``'s database (autocommit), for looking at or damaging its tables."""
        with store.backend.connect() as db:
            yield db

    def rows(self, store: Store, statement: str, *args: object) -> list[Any]:
        """The rows a query returns, as tuples."""
        with self.connect(store) as db:
            return [tuple(r) for r in db.execute(statement, args).fetchall()]

    def sql(self, store: Store, statement: str, *args: object) -> None:
        """Run one statement (committed) and forget the caches, as another process would see it."""
        with self.connect(store) as db:
            db.execute(statement, args)
        wlog.forget()

    def close(self) -> None:
        wbackend.close_pools()
        if self.server is not None:
            for location in self._made.values():
                self.server.drop_schema(str(location).rpartition("%3D")[2])
