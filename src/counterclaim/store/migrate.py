"""Bring a database to the newest schema with the Alembic migrations shipped in the package.

The Alembic ``Config`` is built in code (no ``alembic.ini``), pointing at
``counterclaim/store/migrations``. Opening an up-to-date database only reads its
``alembic_version`` row; a database stamped with a revision this version does not
know was written by a newer counterclaim and is refused rather than guessed at.
"""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy.engine import Connection, Engine

from counterclaim.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
ADVISORY_LOCK = 7_270_225  # PostgreSQL advisory lock key held while migrating
_MIGRATING = threading.Lock()


def alembic_config() -> Config:
    """The Alembic configuration for the shipped migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    """The newest schema revision this version of counterclaim knows."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current(connection: Connection) -> str | None:
    """The revision the database is at (None for an empty database)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, where: str) -> None:
    """Migrate the database behind ``engine`` to head; a no-op when it is already there.

    Concurrent openers are serialised: threads by a lock (Alembic's context is
    process-global), processes by the write lock (SQLite ``BEGIN IMMEDIATE``) or an
    advisory lock (PostgreSQL); whoever comes second finds the schema at head.
    """
    script = ScriptDirectory.from_config(alembic_config())
    head_revision = script.get_current_head()
    with engine.connect() as connection:
        if current(connection) == head_revision:
            return
    config = alembic_config()
    with _MIGRATING, engine.connect().execution_options(sqlite_immediate=True) as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK})")
        revision = current(connection)
        if revision == head_revision:
            return
        _check_known(script, revision, where)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _check_known(script: ScriptDirectory, revision: str | None, where: str) -> None:
    """Refuse a database stamped with a revision this version has never heard of."""
    if revision is None:
        return
    try:
        known = script.get_revision(revision) is not None
    except CommandError:
        known = False
    if not known:
        raise StoreError(
            f"{where} has schema revision {revision!r}, newer than this counterclaim knows "
            f"(up to {script.get_current_head()!r}): upgrade counterclaim to open it"
        )
