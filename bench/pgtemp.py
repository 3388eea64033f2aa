"""A throw-away PostgreSQL server for benchmarks, started as ../shared/INFRA.md describes (initdb and pg_ctl
as the ``postgres`` user, a free port, ``fsync=off``), stopped with ``-m immediate`` and removed at the end."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from webload import free_port


def bindir() -> Path | None:
    """The newest PostgreSQL server binaries on this machine (Debian layout), if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


@contextmanager
def server(shared_buffers: str = "512MB"):
    """Yield a function ``url(database)`` creating and naming databases on a fresh private server."""
    binaries = bindir()
    if binaries is None:
        raise SystemExit("PostgreSQL server binaries not found: apt-get install -y postgresql (or make system-deps)")
    root = tempfile.mkdtemp(prefix="ccbench", dir="/tmp")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    data, port = f"{root}/data", free_port()
    run = lambda *argv: subprocess.run([*as_postgres, *argv], check=True, capture_output=True)  # noqa: E731
    try:
        run(str(binaries / "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale")
        options = (f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                   f"-c full_page_writes=off -c shared_buffers={shared_buffers} -c max_connections=300")
        run(str(binaries / "pg_ctl"), "-D", data, "-l", f"{root}/server.log", "-w", "start", "-o", options)

        def url(name: str) -> str:
            import psycopg

            with psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres", autocommit=True) as c:
                c.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' "
                          "LC_CTYPE 'C.UTF-8'")
            return f"postgresql+psycopg://postgres@127.0.0.1:{port}/{name}"

        yield url
    finally:
        subprocess.run([*as_postgres, str(binaries / "pg_ctl"), "-D", data, "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)
