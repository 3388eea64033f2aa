"""Turn a store URL into a configured SQLAlchemy engine, and database errors into ``StoreError``.

SQLite connections get WAL, ``foreign_keys=ON`` and a busy timeout on every
connect, and real transactions (pysqlite's own transaction handling is switched
off and ``BEGIN`` emitted by us, as the SQLAlchemy docs recommend), so a
document and its search index rows commit or roll back together.
"""

from __future__ import annotations

import sqlite3
import time

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.pool import StaticPool

from counterclaim.errors import StoreError

URL_HELP = "use sqlite:///PATH or postgresql+psycopg://USER@HOST:PORT/DB"


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL for a store URL; ``postgresql://`` means the psycopg 3 driver."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"cannot read the store URL {url!r}: {URL_HELP}") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise StoreError(f"unknown store URL scheme {parsed.drivername!r} in {safe_url(parsed)!r}: {URL_HELP}")
    return parsed


def safe_url(url: URL | str) -> str:
    """The URL with any password masked, for messages."""
    return (url if isinstance(url, URL) else make_url(url)).render_as_string(hide_password=True)


def create(url: URL) -> Engine:
    """An engine for ``url``, with the per-backend connection settings applied."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    try:
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    except NoSuchModuleError as exc:  # pragma: no cover - psycopg is a pinned dependency
        raise StoreError(f"no database driver for {safe_url(url)!r}: install psycopg[binary]") from exc


def _sqlite_engine(url: URL) -> Engine:
    """A SQLite engine; an in-memory database is one shared connection."""
    in_memory = url.database in (None, "", ":memory:")
    kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}} if in_memory else {}
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    """Per-connection SQLite settings; hand transaction control to SQLAlchemy."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    _use_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # SQLite's lower() folds ASCII only; case-insensitive filters (icontains) need all of Unicode.
    dbapi_connection.create_function("lower", 1, _lower, deterministic=True)


def _use_wal(cursor, attempts: int = 20) -> None:
    """Switch the database file to WAL (a persistent setting) unless it already is.

    Changing the journal mode needs a lock that SQLite does not wait for with the
    busy timeout, so when several connections open a new database at once the
    switch is retried briefly instead of failing with "database is locked".
    """
    for attempt in range(attempts):
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def _sqlite_on_begin(connection) -> None:
    """Start a real transaction; writers take the write lock up front (no upgrade deadlocks)."""
    immediate = connection.get_execution_options().get("sqlite_immediate", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def describe(exc: DBAPIError, url: URL, doing: str) -> StoreError:
    """A ``StoreError`` for a driver error, naming the database and what to do about it."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    where, lowered = safe_url(url), reason.lower()
    if url.get_backend_name() == "postgresql" and (doing == "connecting" or exc.connection_invalidated):
        return StoreError(
            f"cannot reach the database server for {where} ({reason}): is PostgreSQL running there, "
            "and do the host, port, user and database in COUNTERCLAIM_DB / --db exist?"
        )
    for sign, advice in SQLITE_ADVICE.items():
        if sign in lowered:
            return StoreError(f"cannot use {where} ({reason}): {advice}")
    return StoreError(f"database error while {doing} in {where}: {reason}")


SQLITE_ADVICE = {
    "unable to open database file": "check that the directory exists and is writable",
    "file is not a database": "this file is not a SQLite database; point --db at a counterclaim store",
    "database is locked": "another process is writing to it; try again when it has finished",
    "readonly database": "the file is read-only; use a writable copy",
}
