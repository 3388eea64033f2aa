"""Safety and reviews: the Host check against DNS rebinding, --host 0.0.0.0 and --read-token, 404s that keep
the database's location to themselves, HEAD wherever GET works, reviewers named by their token, and
corrections that must make sense (a reason of more than spaces, a speaker who exists)."""

from __future__ import annotations

import re

import pytest
import serve_data
from click.testing import CliRunner
from fastapi.testclient import TestClient
from serve_data import TOKEN

from counterclaim.cli.main import cli
from counterclaim.errors import InputError
from counterclaim.serve.app import create_app
from counterclaim.serve.security import allowed_hosts, parse_tokens

DOCS, CLAIMS, EVENTS, RELATIONS = serve_data.story()
ADVANCE = EVENTS[0]
REL = RELATIONS[0].id


# -- Host header -----------------------------------------------------------------------------------

@pytest.mark.parametrize("base", ["http://evil.example", "http://attacker.test:8000", "http://127.0.0.1.nip.io"])
def test_a_request_for_another_host_name_is_refused(store_copy, base):
    """A page on evil.example whose name now resolves to 127.0.0.1 (DNS rebinding) gets nothing."""
    with TestClient(create_app(store_copy, TOKEN), base_url=base) as c:
        for path in ("/", "/api/events", f"/events/{ADVANCE.id}"):
            response = c.get(path)
            assert response.status_code == 400 and "host name" in response.text
            assert ADVANCE.title not in response.text


@pytest.mark.parametrize("base", ["http://localhost", "http://127.0.0.1:8000", "http://[::1]:8000"])
def test_localhost_names_are_served(store_copy, base):
    with TestClient(create_app(store_copy, TOKEN), base_url=base) as c:
        assert c.get("/api/events").status_code == 200


def test_hosts_follow_the_bind_address():
    assert allowed_hosts("127.0.0.1") == ["localhost", "127.0.0.1", "::1"]
    assert "192.0.2.7" in allowed_hosts("192.0.2.7")
    assert allowed_hosts("0.0.0.0") == ["*"]  # the operator chose the network (and is warned)
    assert "reports.example.org" in allowed_hosts("0.0.0.0", ("reports.example.org",))
    assert "*" not in allowed_hosts("0.0.0.0", ("reports.example.org",))


def _serve(args: list[str], monkeypatch) -> tuple[object, dict]:
    import uvicorn

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: seen.update(app=app, host=host, port=port))
    out = CliRunner().invoke(cli, ["serve", *args])
    assert out.exit_code == 0, out.output
    return out, seen


def test_serving_every_network_warns_that_reads_are_open(filled_template, monkeypatch):
    out, seen = _serve(["--db", f"sqlite:///{filled_template}", "--host", "0.0.0.0"], monkeypatch)
    assert "Warning" in out.stderr and "reads are open" in out.stderr and "--read-token" in out.stderr
    assert seen["host"] == "0.0.0.0"
    quiet, _ = _serve(["--db", f"sqlite:///{filled_template}"], monkeypatch)
    assert "Warning" not in quiet.stderr


def test_read_token_makes_reads_need_a_token(filled_template, monkeypatch):
    out, seen = _serve(["--db", f"sqlite:///{filled_template}", "--host", "0.0.0.0", "--read-token", "reader-1",
                        "--token", "writer-1"], monkeypatch)
    assert "Warning" not in out.stderr
    with TestClient(seen["app"], base_url="http://reports.example") as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/").status_code == 401
        assert c.get("/api/events", headers={"Authorization": "Bearer reader-1"}).status_code == 200
        assert c.get("/api/events", headers={"Authorization": "Bearer writer-1"}).status_code == 200
        assert c.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/login").status_code == 200 and c.get("/static/style.css").status_code == 200
        assert c.post("/login", data={"token": "reader-1", "next": "/"}, follow_redirects=False).status_code == 303
        assert c.get("/").status_code == 200  # logged in with the read token
        review = c.post(f"/api/relations/{REL}/reviews", json={"verdict": "confirmed", "reason": "checked"},
                        headers={"Authorization": "Bearer reader-1"})
        assert review.status_code == 403  # reading is not writing


# -- 404s ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/api/events/evt-missing", "/api/documents/doc-missing", "/api/claims/clm-x",
                                  "/api/speakers/Nobody", "/events/evt-missing", "/documents/doc-missing",
                                  "/claims/clm-x", "/api/relations/rel-missing/reviews"])
def test_not_found_does_not_reveal_where_the_database_is(client, store_copy, path):
    method = client.post if path.endswith("/reviews") else client.get
    kwargs = {"json": {"verdict": "confirmed", "reason": "x"},
              "headers": {"Authorization": f"Bearer {TOKEN}"}} if path.endswith("/reviews") else {}
    response = method(path, **kwargs)
    assert response.status_code == 404
    database = store_copy.removeprefix("sqlite:///")
    for secret in (database, database.rsplit("/", 1)[0], "sqlite:", ".db"):
        assert secret not in response.text


# -- HEAD ------------------------------------------------------------------------------------------

def _get_paths(client) -> list[str]:
    schema = client.get("/api/openapi.json").json()
    api = [p for p, ops in schema["paths"].items() if "get" in ops and "{" not in p]
    return api + ["/", f"/events/{ADVANCE.id}", f"/documents/{DOCS[0].id}", "/documents", "/speakers",
                  "/speakers/Hanna Maliar", "/timeline", "/map", "/search?q=Bakhmut", "/login", "/static/style.css",
                  f"/api/events/{ADVANCE.id}", f"/api/events/{ADVANCE.id}/claimreview", "/api/search?q=Bakhmut",
                  "/api/export/claims.csv", "/events/evt-missing"]


def test_head_works_wherever_get_does(read_client):
    for path in _get_paths(read_client):
        got, head = read_client.get(path), read_client.head(path)
        assert head.status_code == got.status_code, path
        assert head.headers["content-type"] == got.headers["content-type"], path
        assert head.content == b"", path


# -- reviews ---------------------------------------------------------------------------------------

def test_reviewer_is_the_name_the_token_belongs_to(store_copy):
    app = create_app(store_copy, TOKEN, tokens=parse_tokens("alice=tok-alice-1,bob=tok-bob-2"))
    with serve_data.local_client(app) as c:
        body = {"verdict": "confirmed", "reason": "checked the originals", "reviewer": "Mallory (typed)"}
        alice = c.post(f"/api/relations/{REL}/reviews", json=body, headers={"Authorization": "Bearer tok-alice-1"})
        assert alice.status_code == 201 and alice.json()["reviewer"] == "alice"
        server = c.post(f"/api/relations/{REL}/reviews", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert server.json()["reviewer"] == "analyst"
        c.post("/login", data={"token": "tok-bob-2", "next": "/"})
        html = c.get(f"/events/{ADVANCE.id}").text
        csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)
        assert ">bob</span>" in html  # who is logged in
        c.post(f"/relations/{REL}/review", data={"verdict": "rejected", "reason": "wrong town", "csrf": csrf,
                                                 "reviewer": "someone else"})
        assert [r["reviewer"] for r in c.get("/api/reviews").json()] == ["alice", "analyst", "bob"]
        assert "— bob," in c.get(f"/events/{ADVANCE.id}").text


def test_tokens_setting_is_checked():
    assert parse_tokens("alice=a1, bob=b2") == {"a1": "alice", "b2": "bob"}
    with pytest.raises(InputError, match="NAME=TOKEN"):
        parse_tokens("alice")


@pytest.mark.parametrize("reason", ["", " ", "   \t\n ", "\u00a0\u2003"])
def test_a_reason_of_only_spaces_is_refused_by_the_api(client, reason):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    review = client.post(f"/api/relations/{REL}/reviews", json={"verdict": "confirmed", "reason": reason},
                         headers=auth)
    side = client.post("/api/side-overrides", json={"speaker": "Hanna Maliar", "side": "media", "reason": reason},
                       headers=auth)
    assert review.status_code == side.status_code == 422
    assert client.get("/api/reviews").json() == [] and client.get("/api/side-overrides").json() == []


def test_a_reason_of_only_spaces_is_refused_by_the_forms(client):
    client.post("/login", data={"token": TOKEN, "next": "/"})
    html = client.get(f"/events/{ADVANCE.id}").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', html).group(1)
    assert 'pattern=".*\\S.*"' in html  # the browser refuses it before sending
    form = client.post(f"/relations/{REL}/review", data={"verdict": "confirmed", "reason": " \t ", "csrf": csrf})
    side = client.post("/speakers-side", data={"speaker": "Hanna Maliar", "side": "media", "reason": "  ",
                                               "csrf": csrf})
    assert form.status_code == side.status_code == 400


def test_a_side_correction_for_an_unknown_speaker_is_refused(client):
    response = client.post("/api/side-overrides", headers={"Authorization": f"Bearer {TOKEN}"},
                           json={"speaker": "Nobody At All", "side": "russia", "reason": "a guess"})
    assert response.status_code == 404 and "Nobody At All" in response.json()["error"]
    client.post("/login", data={"token": TOKEN, "next": "/"})
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/").text).group(1)
    form = client.post("/speakers-side", data={"speaker": "Nobody At All", "side": "russia", "reason": "a guess",
                                               "csrf": csrf})
    assert form.status_code == 404
    assert client.get("/api/side-overrides").json() == []


def test_serve_with_workers_hands_each_one_the_same_settings(store_copy, monkeypatch):
    import json
    import os

    import uvicorn

    from counterclaim.serve.app import SERVE_ENV, from_environment

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.delenv(SERVE_ENV, raising=False)
    out = CliRunner().invoke(cli, ["serve", "--db", store_copy, "--workers", "2",
                                   "--token", "shared-token"])
    assert out.exit_code == 0, out.output
    assert seen["app"] == "counterclaim.serve.app:from_environment" and seen["workers"] == 2 and seen["factory"]
    assert json.loads(os.environ[SERVE_ENV])["token"] == "shared-token"
    with TestClient(from_environment(), base_url="http://localhost") as c:
        ok = c.post(f"/api/relations/{REL}/reviews", json={"verdict": "confirmed", "reason": "checked"},
                    headers={"Authorization": "Bearer shared-token"})
        assert ok.status_code == 201
    monkeypatch.delenv(SERVE_ENV)
