"""Bring a database to the newest schema with the Alembic migrations shipped in the package.

The Alembic ``Config`` is built in code (no ``alembic.ini``), pointing at
``counterclaim/store/migrations``. Opening an up-to-date database only reads its
``alembic_version`` row; a database stamped with a revision this version does not
know was written by a newer counterclaim and is refused rather than guessed at.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from counterclaim.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


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
    """Migrate the database behind ``engine`` to head; a no-op when it is already there."""
    script = ScriptDirectory.from_config(alembic_config())
    with engine.connect() as connection:
        revision = current(connection)
    if revision == script.get_current_head():
        return
    _check_known(script, revision, where)
    config = alembic_config()
    try:
        with engine.connect().execution_options(sqlite_immediate=True) as connection, connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except DBAPIError:
        if not _at_head(engine, script):  # else another process migrated it at the same moment
            raise


def _at_head(engine: Engine, script: ScriptDirectory) -> bool:
    with engine.connect() as connection:
        return current(connection) == script.get_current_head()


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
