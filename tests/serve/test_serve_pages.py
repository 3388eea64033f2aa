"""The HTML pages: they render, escape untrusted text, send CSP, and guard review forms with login and CSRF."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
import serve_data
from fastapi.testclient import TestClient
from serve_data import TOKEN

from counterclaim.serve.app import create_app

DOCS, CLAIMS, EVENTS, RELATIONS = serve_data.story()
ADVANCE = EVENTS[0]
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


@pytest.mark.parametrize("path", [
    "/", "/?status=disputed&side=ukraine&place=Bakhmut&since=2023-05-01&until=2023-05-31", "/?q=advanced",
    f"/events/{ADVANCE.id}", "/documents", f"/documents/{DOCS[0].id}", "/speakers", "/speakers/Hanna Maliar",
    "/timeline", "/map", "/search?q=Bakhmut", "/login",
])
def test_pages_render_with_csp(read_client, path):
    response = read_client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in response.text  # only <script src=...> of our own


def test_event_page_shows_sides_sentences_spreads_and_relations(read_client):
    html = read_client.get(f"/events/{ADVANCE.id}").text
    for side in ("border-ukraine", "border-russia", "border-third_party"):
        assert side in html
    assert html.count('<mark class="claim side-') == 4  # each claim's sentence, highlighted
    assert "Advance (km)" in html and "<svg" in html  # the spread chart, with a readable label
    assert all(r.reason in html for r in RELATIONS)


def test_document_page_highlights_every_claim_of_the_document(read_client):
    html = read_client.get(f"/documents/{DOCS[0].id}").text
    for claim in CLAIMS[:3]:
        assert f'id="{claim.id}"' in html
    assert 'title="Russian Ministry of Defence (russia) denies"' in html


def test_map_draws_the_offline_base_map_and_markers(read_client):
    html = read_client.get("/map").text
    assert html.count('class="country') >= 10 and "Natural Earth" in html
    assert html.count('<circle cx=') >= 2 and f'href="/events/{ADVANCE.id}"' in html


def test_bad_filters_are_an_html_400_naming_the_field(read_client):
    response = read_client.get("/?since=last-tuesday")
    assert response.status_code == 400 and "since" in response.text and "YYYY-MM-DD" in response.text


def test_unknown_page_is_an_html_404(read_client):
    response = read_client.get("/events/evt-nope")
    assert response.status_code == 404 and "no event" in response.text


def test_hostile_text_is_escaped_on_every_page(hostile_url):
    with serve_data.local_client(create_app(hostile_url, TOKEN)) as c:
        hostile_event = serve_data.hostile()[2][0]
        speaker = serve_data.hostile()[1][0].speaker.name
        for path in ("/", f"/events/{hostile_event.id}", "/documents", "/documents/doc-hostile", "/speakers",
                     f"/speakers/{quote(speaker, safe='')}", "/timeline", "/map", "/search?q=bridge"):
            html = c.get(path).text
            for payload in serve_data.PAYLOADS:
                assert payload not in html, (path, payload)
            assert 'href="javascript:' not in html


def _login(c: TestClient, token: str = TOKEN):
    return c.post("/login", data={"token": token, "next": f"/events/{ADVANCE.id}"}, follow_redirects=False)


def _csrf(c: TestClient) -> str:
    return CSRF.search(c.get(f"/events/{ADVANCE.id}").text).group(1)


def test_login_with_the_wrong_token_is_refused(client):
    response = _login(client, "nope")
    assert response.status_code == 403 and "cc_session" not in response.cookies
    assert 'name="csrf"' not in client.get(f"/events/{ADVANCE.id}").text  # no review forms without login


def test_review_form_needs_session_and_csrf(client, store_copy):
    rel = RELATIONS[0].id
    form = {"verdict": "confirmed", "reason": "both reports agree", "next": f"/events/{ADVANCE.id}"}
    assert client.post(f"/relations/{rel}/review", data=form, follow_redirects=False).status_code == 401
    assert _login(client).status_code == 303
    assert client.post(f"/relations/{rel}/review", data=form, follow_redirects=False).status_code == 403
    assert client.post(f"/relations/{rel}/review", data={**form, "csrf": "0" * 64},
                       follow_redirects=False).status_code == 403
    with serve_data.local_client(create_app(store_copy, TOKEN)) as other:  # a CSRF token from another session does not work
        _login(other)
        stolen = _csrf(other)
    assert client.post(f"/relations/{rel}/review", data={**form, "csrf": stolen},
                       follow_redirects=False).status_code == 403
    ok = client.post(f"/relations/{rel}/review", data={**form, "csrf": _csrf(client)}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == f"/events/{ADVANCE.id}"
    assert [r["reason"] for r in client.get("/api/reviews").json()] == ["both reports agree"]
    assert "confirmed by analyst" in client.get(f"/events/{ADVANCE.id}").text


def test_review_without_a_reason_is_refused(client):
    _login(client)
    response = client.post(f"/relations/{RELATIONS[0].id}/review",
                           data={"verdict": "confirmed", "reason": "  ", "csrf": _csrf(client)})
    assert response.status_code == 400 and "reason" in response.text


def test_side_correction_form(client):
    _login(client)
    data = {"speaker": "Hanna Maliar", "side": "media", "reason": "quoted by a newspaper", "csrf": _csrf(client),
            "next": "/speakers/Hanna%20Maliar"}
    response = client.post("/speakers-side", data=data, follow_redirects=False)
    assert response.status_code == 303
    page = client.get("/speakers/Hanna Maliar").text
    assert "Side set to Media by an analyst" in page and "quoted by a newspaper" in page


def test_login_redirect_stays_on_this_site(client):
    response = client.post("/login", data={"token": TOKEN, "next": "//evil.example/"}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_forms_with_non_ascii_csrf_or_session_are_refused_not_crashed(client):
    rel = RELATIONS[0].id
    form = {"verdict": "confirmed", "reason": "both reports agree"}
    _login(client)
    assert client.post(f"/relations/{rel}/review", data={**form, "csrf": "é" * 64},
                       follow_redirects=False).status_code == 403
    client.cookies.clear()
    forged = {"cookie": 'cc_session="nonce.\\351\\351"'}  # quoted octal escapes: the server reads "nonce.éé"
    assert client.post(f"/relations/{rel}/review", data={**form, "csrf": "x"}, headers=forged,
                       follow_redirects=False).status_code == 401


def test_documents_with_slashes_and_query_characters_in_their_id_open(tmp_path):
    """Ids come from the source (a JSON ``"id"`` like ``wire/2023/05/12``), so links must quote them."""
    from counterclaim.models import Document
    from counterclaim.store import Store

    url = f"sqlite:///{tmp_path / 'ids.db'}"
    doc = Document(id="wire/2023/05/12?a=1#top", text="Kyiv said the town held.", title="Odd id")
    with Store.open(url) as store:
        store.add_document(doc)
    with serve_data.local_client(create_app(url, TOKEN)) as c:
        listing = c.get("/documents").text
        link = re.search(r'<a href="(/documents/[^"]+)">Odd id</a>', listing).group(1)
        assert "Kyiv said the town held." in c.get(link).text
        assert c.get(f"/api/documents/{quote(doc.id, safe='')}").json()["id"] == doc.id
