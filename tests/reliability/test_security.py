"""Security promises, kept as tests (issue #13, item 4): write token and CSRF on every write, a CSP
with no inline scripts on every page, no outbound network from any command, no path traversal in exports.

Routes are found from the app itself, so a write or a page added later is checked too.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from reliability_support import COMMAND, ROOT, child_env, free_port

from counterclaim.serve.app import create_app
from counterclaim.store import Store

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tests" / "serve"))
import serve_data  # noqa: E402  (the web app's hand-made stores: a disputed story plus XSS payloads)

TOKEN = serve_data.TOKEN
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('security') / 'store.db'}"
    serve_data.build(url, with_hostile=True)
    return url


@pytest.fixture(scope="module")
def app(store_url):
    return create_app(store_url, TOKEN)


@pytest.fixture
def client(app):
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as c:
        yield c


def all_routes(routes_of, prefix: str = "") -> list[tuple[str, APIRoute]]:
    """Every APIRoute with its full path, also inside included routers (FastAPI >= 0.165 keeps them nested)."""
    found = []
    for route in routes_of:
        if isinstance(route, APIRoute):
            found.append((prefix + route.path, route))
        elif hasattr(route, "original_router"):
            context = getattr(route, "include_context", None)
            found.extend(all_routes(route.original_router.routes, prefix + (getattr(context, "prefix", "") or "")))
    return found


def routes(app, *, api: bool, methods: set[str]) -> list[tuple[str, APIRoute]]:
    return [(path, r) for path, r in all_routes(app.routes) if path.startswith("/api") == api and r.methods & methods]


def sample_ids(store_url: str) -> dict[str, str]:
    """A real value for every path parameter the routes use."""
    with Store.open(store_url) as store:
        event = store.events()[0]
        claim = store.claims()[0]
        return {"event_id": event.id, "doc_id": claim.document_id, "claim_id": claim.id,
                "relation_id": store.relations()[0].id, "name": claim.speaker.name, "fmt": "json"}


def fill(path: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)(?::path)?\}", lambda m: ids[m.group(1)], path)


# -- token and CSRF --------------------------------------------------------------------------------

def test_every_api_write_needs_the_servers_token(app, client, store_url) -> None:
    ids = sample_ids(store_url)
    writes = routes(app, api=True, methods=WRITE_METHODS)
    assert writes, "the API has write routes to protect"
    body = {"verdict": "confirmed", "reason": "checked", "speaker": "Hanna Maliar", "side": "media"}
    for path, route in writes:
        url = fill(path, ids)
        for method in route.methods & WRITE_METHODS:
            for headers, status in (({}, 401), ({"Authorization": "Bearer wrong"}, 403),
                                    ({"Authorization": f"Basic {TOKEN}"}, 401)):
                response = client.request(method, url, json=body, headers=headers)
                assert response.status_code == status, (method, url, headers, response.text)
                assert response.json()["ok"] is False
    with Store.open(store_url) as store:
        assert store.reviews() == [] and store.side_overrides() == {}  # nothing was written
    ok = client.post(f"/api/relations/{ids['relation_id']}/reviews", json=body,
                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 201  # the right token does write: the refusals above are about the token


def test_every_form_post_needs_a_session_and_its_own_csrf_token(app, store_url) -> None:
    ids = sample_ids(store_url)
    forms = [path for path, _ in routes(app, api=False, methods={"POST"}) if path != "/login"]
    assert forms
    data = {"verdict": "confirmed", "reason": "checked", "speaker": "Hanna Maliar", "side": "media", "next": "/"}
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as anonymous, \
            TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as user, \
            TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as other:
        for c in (user, other):
            assert c.post("/login", data={"token": TOKEN, "next": "/"}, follow_redirects=False).status_code == 303
        stolen = csrf_of(other, ids)
        for path in forms:
            url = fill(path, ids)
            assert anonymous.post(url, data=data, follow_redirects=False).status_code == 401, url
            assert user.post(url, data=data, follow_redirects=False).status_code == 403, url
            assert user.post(url, data={**data, "csrf": stolen}, follow_redirects=False).status_code == 403, url
        assert user.post(f"/relations/{ids['relation_id']}/review", data={**data, "csrf": csrf_of(user, ids)},
                         follow_redirects=False).status_code == 303


def csrf_of(client: TestClient, ids: dict[str, str]) -> str:
    page = client.get(f"/events/{ids['event_id']}").text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def test_a_wrong_token_never_logs_in(client) -> None:
    response = client.post("/login", data={"token": TOKEN + "x", "next": "/"}, follow_redirects=False)
    assert response.status_code == 403 and "cc_session" not in response.headers.get("set-cookie", "")


# -- CSP, no inline scripts -----------------------------------------------------------------------

class Inline(HTMLParser):
    """Collects what a strict CSP would block: inline scripts and styles, handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self._in = "inline <script>"
        if tag == "style":
            self._in = "inline <style>"
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name == "style":
                self.found.append(f"<{tag} style=...>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}=javascript:...>")

    def handle_data(self, data: str) -> None:
        if self._in and data.strip():
            self.found.append(self._in)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._in = None


def test_every_page_sends_a_strict_csp_and_holds_no_inline_script(app, client, store_url) -> None:
    ids = sample_ids(store_url)
    pages = [path for path, _ in routes(app, api=False, methods={"GET"})]
    assert len(pages) >= 8
    assert client.post("/login", data={"token": TOKEN, "next": "/"}, follow_redirects=False).status_code == 303
    for path in pages:  # logged in: the review forms are on the pages too
        url = fill(path, ids)
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response.headers["content-security-policy"]
        for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
                          "frame-ancestors 'none'"):
            assert directive in policy, (url, directive)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        parser = Inline()
        parser.feed(response.text)
        assert parser.found == [], (url, parser.found)
        assert "<script>alert" not in response.text  # the hostile report's payloads are escaped


def test_the_inline_checker_sees_what_it_must(client) -> None:
    parser = Inline()
    parser.feed('<script>alert(1)</script><img src=x onerror="x()"><a href=" JavaScript:x()">a</a><p style="">')
    assert len(parser.found) == 4


# -- no path traversal in exports -----------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/static/..%2f..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%5c..%5cpyproject.toml", "/api/export/claims.json%2f..%2f..%2fetc%2fpasswd",
    "/api/export/claims.%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/events/..%2f..%2fetc%2fpasswd/claimreview?download=true",
    "/documents/..%2f..%2f..%2fetc%2fpasswd", "/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
])
def test_no_path_escapes_into_the_file_system(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (404, 422), (path, response.status_code)
    assert "root:" not in response.text and "[project]" not in response.text
    assert "content-disposition" not in response.headers


def test_export_downloads_are_named_safely(client, store_url) -> None:
    ids = sample_ids(store_url)
    for url in (f"/api/events/{ids['event_id']}/claimreview?download=true", "/api/export/claims.csv",
                "/api/export/claims.parquet"):
        disposition = client.get(url).headers["content-disposition"]
        assert re.fullmatch(r'attachment; filename="[\w.-]+"', disposition), disposition
    crafted = client.get('/api/events/evt-1%22%0d%0aSet-Cookie:%20x=1/claimreview?download=true')
    assert crafted.status_code == 404 and "set-cookie" not in crafted.headers


def test_cli_export_of_an_unknown_event_writes_nothing(store_url, tmp_path) -> None:
    target = tmp_path / "out.jsonld"
    done = subprocess.run([*COMMAND, "export", "--format", "claimreview", "--event", "../../../etc/passwd",
                           "-o", str(target), "--db", store_url], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "no event" in done.stderr and not target.exists()


# -- no outbound network from any command ---------------------------------------------------------

def guarded(log: Path) -> dict[str, str]:
    """A child's environment with the socket guard installed (recording to ``log``)."""
    return child_env(PYTHONPATH=str(HERE / "socket_guard"), SOCKET_GUARD_LOG=str(log))


# Runs CLI commands one after the other in one guarded interpreter (the models load once);
# checks first that the guard really is installed in it.
DRIVER = """
import json, socket, sys
from click.testing import CliRunner
from counterclaim.cli.main import cli
assert socket.getaddrinfo.__module__ == "sitecustomize", "the socket guard is not loaded"
outputs = []
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    if result.exit_code != 0:
        sys.exit(f"{args} exited {result.exit_code}: {result.output}")
    outputs.append(result.stdout)
print(json.dumps(outputs))
"""


def run_guarded(log: Path, *commands: list[str]) -> list[str]:
    """Each command's standard output; every command must succeed."""
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(commands)], capture_output=True, text=True,
                          timeout=1800, env=guarded(log))
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_guard_records_and_refuses_a_connection_out(tmp_path) -> None:
    log = tmp_path / "guard.log"
    code = ("import socket, urllib.request\n"
            "for attempt in (lambda: socket.create_connection(('192.0.2.1', 80), timeout=2),\n"
            "                lambda: urllib.request.urlopen('http://example.org', timeout=2)):\n"
            "    try: attempt()\n"
            "    except OSError as exc: print('refused', exc)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=guarded(log))
    assert done.stdout.count("refused") == 2
    assert "192.0.2.1" in log.read_text() and "example.org" in log.read_text()


def test_no_command_reaches_the_network(tmp_path) -> None:
    """The whole pipeline and every reading command, under the guard: nothing is even attempted."""
    log, db = tmp_path / "guard.log", f"sqlite:///{tmp_path / 'guarded.db'}"
    corpus = ROOT / "demo" / "corpus"
    files = [str(corpus / "json" / "demo-2023-05-11-flanks.json"), str(corpus / "feeds" / "volga-herald.atom.xml"),
             str(corpus / "html" / "2023-05-12-moscow-courier-berkhivka.html")]
    *_, board = run_guarded(log, ["ingest", *files, "--db", db], ["extract", "--db", db],
                            ["link", "--db", db], ["disputes", "--format", "json", "--db", db])
    event_id = json.loads(board)[0]["id"]
    run_guarded(log, *[[*args, "--db", db] for args in (
        ["docs"], ["show", json.loads(run_guarded(log, ["docs", "--format", "json", "--db", db])[0])[0]["id"]],
        ["claims", "--format", "csv"], ["event", event_id], ["export", "--format", "csv"],
        ["export", "--format", "claimreview"], ["export", "--format", "parquet", "-o", str(tmp_path / "c.pq")])],
        ["analyze", files[0], "--format", "json"])
    serve_guarded(log, db)
    assert not log.exists() or log.read_text() == "", log.read_text()


def serve_guarded(log: Path, db: str) -> None:
    """``serve`` under the guard: started, asked for its pages and API, stopped."""
    port = free_port()
    server = subprocess.Popen([*COMMAND, "serve", "--db", db, "--port", str(port), "--token", TOKEN],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=guarded(log))
    try:
        base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/api/events?limit=1", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        for path in ("/", "/map", "/timeline", "/speakers", "/api/claims?limit=5"):
            assert httpx.get(base + path, timeout=30).status_code == 200, path
    finally:
        server.terminate()
        server.wait(timeout=30)
