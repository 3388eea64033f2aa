"""Alembic environment: migrate the connection ``Store.open`` hands over, or a URL.

``counterclaim.store.migrate`` builds the Alembic ``Config`` in code and puts an
open connection in ``config.attributes["connection"]``; running ``alembic``
by hand with ``-x url=...`` also works, for maintainers writing new revisions.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from counterclaim.store.schema import metadata


def _migrate(connection) -> None:
    """Run every pending revision on ``connection`` in one transaction."""
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    """Use the caller's connection when there is one, else connect to ``-x url=``."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.begin() as conn:
        _migrate(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("counterclaim migrations run online only: pass -x url=... or use Store.open(url)")
run()
