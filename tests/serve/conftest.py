"""Fixtures for the web app: filled SQLite stores, a TestClient, and real uvicorn servers for the browser.

Browser tests drive Debian's Chromium through Playwright (see ../shared/INFRA.md):
run them with ``pytest tests/serve --browser chromium``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import serve_data
from serve_data import TOKEN

from counterclaim.serve.app import create_app
from counterclaim.store import Store

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parents[1] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, which pytest-playwright cannot find by channel."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium (or `make system-deps`)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests keep their screenshots (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def filled_template(tmp_path_factory) -> Path:
    """A filled SQLite store built once; tests copy it rather than rebuild it."""
    path = tmp_path_factory.mktemp("template") / "store.db"
    serve_data.build(f"sqlite:///{path}")
    return path


def _copy_store(template: Path, target: Path) -> str:
    shutil.copy(template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def store_copy(filled_template, tmp_path) -> str:
    """URL of a private copy of the filled store (safe to write to)."""
    return _copy_store(filled_template, tmp_path / "store.db")


@pytest.fixture
def client(store_copy):
    """A TestClient on a private filled store; server errors come back as responses."""
    app = create_app(store_copy, TOKEN)
    with serve_data.local_client(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def read_client(filled_template, tmp_path_factory):
    """A TestClient shared by read-only tests of one module."""
    url = _copy_store(filled_template, tmp_path_factory.mktemp("read") / "store.db")
    with serve_data.local_client(create_app(url, TOKEN), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def extra_template(tmp_path_factory) -> Path:
    """The story plus a Telegram post with merged figures and Cyrillic text, built once."""
    path = tmp_path_factory.mktemp("extra") / "store.db"
    serve_data.build(f"sqlite:///{path}", with_extras=True)
    return path


@pytest.fixture(scope="module")
def extra_client(extra_template, tmp_path_factory):
    """A TestClient on a private copy of the extra store, shared by one module's read-only tests."""
    url = _copy_store(extra_template, tmp_path_factory.mktemp("extra-read") / "store.db")
    with serve_data.local_client(create_app(url, TOKEN), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def extra_server(extra_template, tmp_path_factory):
    """The real app on the extra store under uvicorn; yields its base URL."""
    url = _copy_store(extra_template, tmp_path_factory.mktemp("extra-live") / "store.db")
    log = tmp_path_factory.mktemp("extra-server") / "server.log"
    proc, base, out = _start_server(url, True, log)
    yield base
    _stop(proc, out)


@pytest.fixture(scope="session")
def hostile_url(tmp_path_factory) -> str:
    """A store holding the story plus a report whose every field is an XSS payload."""
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'store.db'}"
    serve_data.build(url, with_hostile=True)
    return url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(url: str, csp: bool, log: Path):
    """Start uvicorn on the test app factory and wait until it answers."""
    port = _free_port()
    env = {**os.environ, "CC_TEST_DB": url, "CC_TEST_TOKEN": TOKEN, "CC_TEST_CSP": "1" if csp else "0"}
    out = open(log, "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "serve_testapp:make_app", "--app-dir", str(HERE),
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out.close()
            raise RuntimeError(f"test server exited: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(base + "/api/openapi.json", timeout=1):
                return proc, base, out
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"test server did not answer within 30 s: {log.read_text(errors='replace')}")


def _stop(proc, out) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    out.close()


@pytest.fixture(scope="session")
def live_server(hostile_url, tmp_path_factory):
    """The real app (CSP on) under uvicorn on a free port; yields its base URL."""
    log = tmp_path_factory.mktemp("server") / "server.log"
    proc, base, out = _start_server(hostile_url, True, log)
    yield base
    _stop(proc, out)


@pytest.fixture(scope="session")
def escaping_server(hostile_url, tmp_path_factory):
    """The app with CSP off, so only escaping stands between a payload and the browser."""
    log = tmp_path_factory.mktemp("escaping") / "server.log"
    proc, base, out = _start_server(hostile_url, False, log)
    yield base
    _stop(proc, out)


@pytest.fixture
def raw_store(store_copy):
    """An open Store on a private filled copy (for checks behind the app's back)."""
    store = Store.open(store_copy)
    yield store
    store.close()
