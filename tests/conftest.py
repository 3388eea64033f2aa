"""Session-wide fixtures: a store on each backend, with a throw-away PostgreSQL server.

``store_url`` is parametrised over SQLite (a file in the test's tmp dir) and
PostgreSQL (a fresh ``t_<uuid>`` database per test on a server this file starts
itself, as ../shared/INFRA.md describes: initdb/pg_ctl as the ``postgres`` user,
a free port, ``fsync=off``, stopped with ``-m immediate`` and removed at exit).
Without the server binaries the PostgreSQL params skip, except under ``CI=true``
where they fail: CI must test both backends. Run ``pytest -m "not postgres"`` to
leave them out on purpose.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class PostgresServer:
    """A running throw-away server: ``url(db)`` for SQLAlchemy, ``dsn(db)`` for psycopg."""

    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"


def _pg_bindir() -> Path | None:
    """The newest PostgreSQL server binaries on this machine (Debian layout), if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(argv: list[str], what: str) -> None:
    """Run a server command, failing the set-up with its output when it fails."""
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        pytest.fail(f"{what} failed ({done.returncode}): {done.stderr or done.stdout}", pytrace=False)


def _teardown_on_sigterm() -> None:
    """Let a SIGTERM (a CI timeout) end the session like Ctrl-C, so the server is still stopped."""
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, signal.default_int_handler)


@pytest.fixture(scope="session")
def postgres_server():
    """Start a private PostgreSQL server for the session; stop and delete it at the end."""
    bindir = _pg_bindir()
    if bindir is None:
        reason = "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin (run `make system-deps`)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    root = tempfile.mkdtemp(prefix="ccpg", dir="/tmp")  # short: the Unix socket lives here
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    data, port = f"{root}/data", _free_port()
    _teardown_on_sigterm()
    try:
        _run([*as_postgres, str(bindir / "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
              "--no-locale"], "initdb")
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        _run([*as_postgres, str(bindir / "pg_ctl"), "-D", data, "-l", f"{root}/server.log", "-w", "start",
              "-o", options], "pg_ctl start")
        yield PostgresServer(port)
    finally:
        subprocess.run([*as_postgres, str(bindir / "pg_ctl"), "-D", data, "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_database(postgres_server):
    """A fresh, empty database on the session's server (dropped afterwards): its SQLAlchemy URL.

    It gets the C.UTF-8 character type, as a real deployment's UTF-8 locale would, so that
    case-insensitive matching folds more than ASCII (the server itself is initdb --no-locale).
    """
    import psycopg

    name = f"t_{uuid.uuid4().hex}"
    with psycopg.connect(postgres_server.dsn(), autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' "
                      "LC_CTYPE 'C.UTF-8'")
    yield postgres_server.url(name)
    with psycopg.connect(postgres_server.dsn(), autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """The URL of an empty store: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("postgres_database")


@pytest.fixture
def store(store_url):
    """An opened ``Store`` on ``store_url``, closed after the test."""
    from counterclaim.store import Store

    opened = Store.open(store_url)
    yield opened
    opened.close()
