"""Where the workspace lives: an embedded SQLite file (the default) or a PostgreSQL server.

The revision log and the migrations speak one SQL: SQLite's, with ``?`` placeholders, ``BLOB``
columns and ``INSERT ... ON CONFLICT DO NOTHING`` (which both databases accept). What differs
is handled here and nowhere else:

- **statements**: for PostgreSQL ``?`` becomes ``%s`` (a literal ``%`` becomes ``%%``), ``BLOB``
  becomes ``BYTEA``, ``INTEGER PRIMARY KEY AUTOINCREMENT`` an identity column and a table's ``TEXT``
  columns sort by code point (``COLLATE "C"``) as SQLite's do (:func:`postgres_sql`);
- **transactions**: a write is ``BEGIN IMMEDIATE`` on SQLite (one writer per file at a time) and
  a ``READ COMMITTED`` transaction on PostgreSQL that locks the model's row
  (``SELECT ... FOR UPDATE``, :meth:`Connection.lock_model`) before it reads the head revision,
  so two editors never both write revision N+1; a read is one ``REPEATABLE READ`` snapshot;
  migrations take a transaction-level advisory lock (:meth:`Connection.lock_schema`), so two
  servers starting at once migrate once;
- **the catalogue** (which tables exist), the database's own soundness check and what an error
  means for the user (:meth:`Backend.failure`).

:func:`backend_for` picks one: a ``postgresql://`` (or ``postgres://``) URL names a server, anything
else a folder or ``.db`` file. ``$FORA_MODEL_DATABASE_URL`` (:data:`DATABASE_ENV`) names the server
when no location is given. PostgreSQL needs the optional ``psycopg`` package
(``pip install "fora-model[postgres]"``).
"""

from __future__ import annotations

import functools
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

from ..errors import ForaModelError

__all__ = [
    "DATABASE_ENV",
    "DB_FILE",
    "Backend",
    "Connection",
    "PostgresBackend",
    "Row",
    "SQLiteBackend",
    "WorkspaceDamaged",
    "WorkspaceError",
    "backend_for",
    "close_pools",
    "database_url",
    "is_database_url",
    "postgres_sql",
    "redact",
    "sqlite_connect",
]

DATABASE_ENV = "FORA_MODEL_DATABASE_URL"
"""The environment variable naming a PostgreSQL database (``postgresql://USER@HOST:PORT/DB``) for the workspace."""

DB_FILE = "fora-model.db"
"""The SQLite database file inside a workspace folder."""

_URL = re.compile(r"^postgres(ql)?://", re.IGNORECASE)


class WorkspaceError(ForaModelError):
    """The workspace cannot do what was asked: no such model, a name taken, nothing to undo..."""


class WorkspaceDamaged(WorkspaceError):
    """Part of the workspace database cannot be read: a damaged file, a missing table, a stored
    model or change that no longer decodes. The message names what and how to recover."""

    def __init__(self, path: str | Path, detail: str, *, model: str | None = None,
                 revision: int | None = None) -> None:
        self.path, self.detail, self.model, self.revision = path, detail, model, revision
        where = "the workspace" if model is None else f"{model!r}" + (
            f" revision {revision}" if revision is not None else "")
        name = model or "NAME"
        super().__init__(
            f"{path}: {where} is damaged ({detail}); nothing was changed. `fora-model workspace check` lists "
            f"what can still be read, and `fora-model workspace recover {name} --to REVISION` exports every "
            "readable revision and continues from the one you choose"
        )


def is_database_url(text: str) -> bool:
    """True when ``text`` names a PostgreSQL server (``postgresql://...`` or ``postgres://...``)."""
    return bool(_URL.match(text.strip()))


def database_url() -> str | None:
    """``$FORA_MODEL_DATABASE_URL`` when it is set (and not blank), else None."""
    return os.environ.get(DATABASE_ENV, "").strip() or None


def redact(url: str) -> str:
    """``url`` without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" if parts.username else f"***@{host}"
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class Row(tuple[Any, ...]):
    """A result row read by position (``row[0]``) or by column name (``row["revision"]``), like ``sqlite3.Row``."""

    _index: dict[str, int]

    def __new__(cls, values: Iterable[Any], index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return super().__getitem__(self._index[key])
        return super().__getitem__(key)

    def keys(self) -> list[str]:
        """The column names, in order."""
        return list(self._index)


class Cursor(Protocol):
    """What a statement returns: its rows and how many rows it changed."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection:
    """One connection, in autocommit mode outside the explicit transactions of
    :func:`fora_model.workspace.schema.write` and :func:`~fora_model.workspace.schema.read`."""

    def __init__(self, backend: Backend, raw: Any) -> None:
        self.backend, self.raw = backend, raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement written in the workspace's SQL (``?`` placeholders)."""
        return self.raw.execute(self.backend.statement(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""
        self.backend.executemany(self, self.backend.statement(sql), [tuple(r) for r in rows])

    def begin_write(self) -> None:
        """Start a write transaction."""
        self.raw.execute(self.backend.BEGIN_WRITE)

    def begin_read(self) -> None:
        """Start a read transaction: every query in it sees one committed state."""
        self.raw.execute(self.backend.BEGIN_READ)

    def commit(self) -> None:
        """Commit the transaction."""
        self.raw.execute("COMMIT")

    def rollback(self) -> None:
        """Roll the transaction back (nothing happens when there is none)."""
        if self.in_transaction:
            self.raw.execute("ROLLBACK")

    @property
    def in_transaction(self) -> bool:
        """A transaction is open (or, on PostgreSQL, failed and waiting for its rollback)."""
        return self.backend.in_transaction(self.raw)

    def lock_model(self, name: str) -> None:
        """Inside a write: hold the model's row until commit, so no other writer reads its head meanwhile."""
        self.backend.lock_model(self, name)

    def lock_schema(self) -> None:
        """Inside a write: hold the whole workspace for a migration."""
        self.backend.lock_schema(self)

    def tables(self) -> set[str]:
        """The names of the tables in the workspace's database (or schema)."""
        return self.backend.tables(self)

    def close(self) -> None:
        """Close the connection (or give it back to the pool)."""
        self.backend.release(self)


class Backend:
    """A kind of database: how to connect, the statement dialect and what its errors mean."""

    kind = ""
    BEGIN_WRITE = "BEGIN"
    BEGIN_READ = "BEGIN"
    errors: tuple[type[BaseException], ...] = ()

    location: str
    """Where the workspace is, for messages (a path, or a URL without its password)."""

    path: Path | None = None
    """The database file (SQLite), else None."""

    def open(self) -> Connection:
        """A new connection."""
        raise NotImplementedError

    def release(self, db: Connection) -> None:
        """Done with ``db``."""
        db.raw.close()

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for the block, closed (or pooled) after it; database errors become
        :class:`~fora_model.workspace.schema.WorkspaceError` s that say what happened."""
        try:
            db = self.open()
        except self.errors as exc:
            raise self.failure(exc) from None
        try:
            yield db
        except self.errors as exc:
            with suppress(*self.errors):
                db.rollback()
            raise self.failure(exc) from None
        finally:
            with suppress(*self.errors):
                db.close()

    def statement(self, sql: str) -> str:
        """``sql`` in this database's dialect."""
        return sql

    def executemany(self, db: Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Run ``sql`` once per row."""
        db.raw.executemany(sql, rows)

    def in_transaction(self, raw: Any) -> bool:
        """A transaction is open on ``raw``."""
        raise NotImplementedError

    def lock_model(self, db: Connection, name: str) -> None:
        """See :meth:`Connection.lock_model`."""

    def lock_schema(self, db: Connection) -> None:
        """See :meth:`Connection.lock_schema`."""

    def tables(self, db: Connection) -> set[str]:
        """See :meth:`Connection.tables`."""
        raise NotImplementedError

    def integrity(self, db: Connection) -> str:
        """The database's own verdict on its soundness (``"ok"`` when sound)."""
        raise NotImplementedError

    def failure(self, exc: BaseException) -> WorkspaceError:
        """What a database error means for the user."""
        raise NotImplementedError


def sqlite_connect(path: Path) -> sqlite3.Connection:
    """A SQLite connection in autocommit mode (transactions are explicit), WAL, full sync, 30 s busy wait."""
    db = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")  # a committed edit survives a power cut, not only a crash
    db.execute("PRAGMA foreign_keys=ON")
    return db


class SQLiteBackend(Backend):
    """A workspace in one SQLite file: WAL, full sync, a 30 s wait for a busy file."""

    kind = "sqlite"
    BEGIN_WRITE = "BEGIN IMMEDIATE"
    errors = (sqlite3.Error,)

    def __init__(self, path: Path) -> None:
        self.path = path
        self.location = str(path)

    def open(self) -> Connection:
        """A connection in autocommit mode (transactions are explicit); see :func:`sqlite_connect`."""
        assert self.path is not None
        return Connection(self, sqlite_connect(self.path))

    def in_transaction(self, raw: Any) -> bool:
        """See :meth:`Backend.in_transaction`."""
        return bool(raw.in_transaction)

    def tables(self, db: Connection) -> set[str]:
        """See :meth:`Backend.tables`."""
        return {str(r[0]) for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def integrity(self, db: Connection) -> str:
        """SQLite's ``PRAGMA integrity_check``."""
        return "; ".join(str(r[0]) for r in db.execute("PRAGMA integrity_check"))

    def failure(self, exc: BaseException) -> WorkspaceError:
        """A full disk, a busy file, or damage."""
        text = str(exc)
        if "full" in text.lower():
            return WorkspaceError(f"{self.location}: the disk is full — nothing was saved and the workspace is as it "
                                  "was; free some space and try again")
        if "locked" in text.lower() or "busy" in text.lower():
            return WorkspaceError(f"{self.location}: the workspace is busy (another program holds it) — nothing was "
                                  "saved; try again in a moment")
        if isinstance(exc, sqlite3.DatabaseError):
            return WorkspaceDamaged(self.location, text)
        return WorkspaceError(f"{self.location}: {text}")


@functools.lru_cache(maxsize=512)
def postgres_sql(sql: str) -> str:
    """A statement of the workspace's SQL in PostgreSQL's: placeholders, blob and identity columns.

    >>> postgres_sql("SELECT x FROM t WHERE a = ? AND b % ? = 0")
    'SELECT x FROM t WHERE a = %s AND b %% %s = 0'
    >>> postgres_sql("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n TEXT, b BLOB)")
    'CREATE TABLE t (id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n TEXT COLLATE "C", b BYTEA)'
    """
    sql = sql.replace("%", "%%").replace("?", "%s")
    if re.match(r"\s*(CREATE|ALTER)\s+TABLE\b", sql, flags=re.IGNORECASE):  # text sorts as in SQLite: by code point
        sql = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', sql, flags=re.IGNORECASE)
    sql = re.sub(r"\bINTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b", "INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
                 sql, flags=re.IGNORECASE)
    return re.sub(r"\bBLOB\b", "BYTEA", sql, flags=re.IGNORECASE)


_MIGRATION_LOCK = 0x0F0A_3D31  # pg_advisory_xact_lock key: "fora-model migrations"
_POOLS: dict[str, _Pool] = {}
_POOLS_LOCK = threading.Lock()


class _Pool:
    """Idle connections to one database, reused by the next :meth:`PostgresBackend.open` in this process."""

    SIZE = 4

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.idle: list[Any] = []
        self.lock = threading.Lock()

    def take(self) -> Any | None:
        with self.lock:
            if self.pid != os.getpid():  # a forked child never uses (or closes) its parent's sockets
                self.pid, self.idle = os.getpid(), []
            while self.idle:
                raw = self.idle.pop()
                if not raw.closed:
                    return raw
        return None

    def give(self, raw: Any) -> bool:
        with self.lock:
            if self.pid == os.getpid() and len(self.idle) < self.SIZE:
                self.idle.append(raw)
                return True
        return False

    def close(self) -> None:
        with self.lock:
            idle, self.idle = self.idle, []
            same = self.pid == os.getpid()
        for raw in idle if same else []:
            with suppress(Exception):
                raw.close()


def close_pools() -> None:
    """Close every pooled PostgreSQL connection of this process (they reopen on the next use)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
    for pool in pools:
        pool.close()


def _row_maker(cursor: Any) -> Any:
    names = [c.name for c in cursor.description] if cursor.description else []
    index = {name: n for n, name in enumerate(names)}
    return lambda values: Row(values, index)


class PostgresBackend(Backend):
    """A workspace in a PostgreSQL database (its tables in the connection's current schema)."""

    kind = "postgres"
    BEGIN_WRITE = "BEGIN ISOLATION LEVEL READ COMMITTED"
    BEGIN_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise WorkspaceError(
                f"{redact(url)}: a PostgreSQL workspace needs the psycopg package — install it with "
                "pip install \"fora-model[postgres]\" (or pip install \"psycopg[binary]\")") from None
        self._psycopg = psycopg
        self.url = url
        self.location = redact(url)
        self.errors = (psycopg.Error,)
        with _POOLS_LOCK:
            self._pool = _POOLS.setdefault(url, _Pool())

    def open(self) -> Connection:
        """A pooled connection, or a new one (autocommit; transactions are explicit)."""
        raw = self._pool.take()
        if raw is None:
            raw = self._psycopg.connect(self.url, autocommit=True, row_factory=_row_maker, connect_timeout=10,
                                        application_name="fora-model")
            raw.execute("SET lock_timeout = '30s'")  # like SQLite's busy wait: a stuck writer is reported
        return Connection(self, raw)

    def release(self, db: Connection) -> None:
        """Pool the connection when it is healthy and idle, else close it."""
        raw = db.raw
        if raw.closed:
            return
        if self.in_transaction(raw):
            with suppress(self._psycopg.Error):
                raw.execute("ROLLBACK")
        if raw.info.transaction_status != self._psycopg.pq.TransactionStatus.IDLE or not self._pool.give(raw):
            raw.close()

    def statement(self, sql: str) -> str:
        """See :func:`postgres_sql`."""
        return postgres_sql(sql)

    def executemany(self, db: Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """See :meth:`Backend.executemany`."""
        with db.raw.cursor() as cursor:
            cursor.executemany(sql, rows)

    def in_transaction(self, raw: Any) -> bool:
        """See :meth:`Backend.in_transaction`."""
        status = self._psycopg.pq.TransactionStatus
        return raw.info.transaction_status in (status.INTRANS, status.INERROR, status.ACTIVE)

    def lock_model(self, db: Connection, name: str) -> None:
        """``SELECT ... FOR UPDATE`` on the model's row: a second writer waits here until the first commits,
        then reads the head the first one wrote (and is refused as a conflict)."""
        db.execute("SELECT name FROM models WHERE name = ? FOR UPDATE", (name,))

    def lock_schema(self, db: Connection) -> None:
        """A transaction-level advisory lock: migrations (and the first ``CREATE TABLE``) run one at a time."""
        db.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))

    def tables(self, db: Connection) -> set[str]:
        """See :meth:`Backend.tables`."""
        return {str(r[0]) for r in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}

    def integrity(self, db: Connection) -> str:
        """The server answers and its schema is readable (PostgreSQL checks its own pages)."""
        db.execute("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()").fetchone()
        return "ok"

    def failure(self, exc: BaseException) -> WorkspaceError:
        """An unreachable server, a full disk, a lock held too long, a missing table, or a refusal."""
        errors = self._psycopg.errors
        text = " ".join(str(exc).split())
        if isinstance(exc, errors.DiskFull | errors.OutOfMemory):
            return WorkspaceError(f"{self.location}: the database server is out of space — nothing was saved and "
                                  "the workspace is as it was; free some space on the server and try again")
        if isinstance(exc, errors.LockNotAvailable | errors.DeadlockDetected | errors.SerializationFailure
                      | errors.QueryCanceled):
            return WorkspaceError(f"{self.location}: the workspace is busy (another editor holds it) — nothing was "
                                  "saved; try again in a moment")
        if isinstance(exc, errors.UndefinedTable | errors.UndefinedColumn | errors.DataCorrupted
                      | errors.IndexCorrupted):
            return WorkspaceDamaged(self.location, text)
        if isinstance(exc, self._psycopg.OperationalError | self._psycopg.InterfaceError):
            return WorkspaceError(f"{self.location}: cannot reach the database server ({text}) — nothing was saved; "
                                  f"check {DATABASE_ENV} and that the server runs")
        return WorkspaceError(f"{self.location}: {text}")


def backend_for(location: str | Path) -> Backend:
    """The backend of a workspace at ``location``: a ``postgresql://`` URL names a server, anything else a
    folder (its database is :data:`DB_FILE` inside) or a ``.db``/``.sqlite``/``.sqlite3`` file."""
    if isinstance(location, str) and is_database_url(location):
        return PostgresBackend(location.strip())
    target = Path(location)
    return SQLiteBackend(target if target.suffix in (".db", ".sqlite", ".sqlite3") else target / DB_FILE)
