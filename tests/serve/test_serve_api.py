"""The HTTP API: pagination, filters, the one error shape, bearer auth, exports, reviews that outlive re-linking."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
import serve_data
from serve_data import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
STORY = serve_data.story()
DOCS, CLAIMS, EVENTS, RELATIONS = STORY
ADVANCE, REPELLED = EVENTS


def test_claims_are_paginated_with_total(read_client):
    first = read_client.get("/api/claims", params={"limit": 2}).json()
    rest = read_client.get("/api/claims", params={"limit": 2, "offset": 2}).json()
    beyond = read_client.get("/api/claims", params={"limit": 2, "offset": 50}).json()
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (5, 2, 0, 2)
    assert len(rest["items"]) == 2 and beyond["items"] == [] and beyond["total"] == 5
    ids = [c["id"] for c in first["items"] + rest["items"]]
    assert len(set(ids)) == 4


@pytest.mark.parametrize(("params", "expected"), [
    ({"side": "russia"}, {"Russian Ministry of Defence", "Yevgeny Prigozhin"}),
    ({"side": "third_party"}, {"Institute for the Study of War"}),
    ({"speaker": "Hanna Maliar"}, {"Hanna Maliar"}),
    ({"q": "soledar"}, {"Russian Ministry of Defence"}),
])
def test_claim_filters(read_client, params, expected):
    body = read_client.get("/api/claims", params=params).json()
    assert {c["speaker"]["name"] for c in body["items"]} == expected


@pytest.mark.parametrize(("params", "expected"), [
    ({}, [ADVANCE.id, REPELLED.id]),  # disputes first
    ({"status": "single_source"}, [REPELLED.id]),
    ({"place": "soledar"}, [REPELLED.id]),
    ({"side": "third_party"}, [ADVANCE.id]),
    ({"speaker": "Hanna Maliar"}, [ADVANCE.id]),
    ({"since": "2023-05-12T12:00:00Z"}, [REPELLED.id]),
    ({"until": "2023-05-11T12:00:00Z"}, [ADVANCE.id]),
    ({"q": "repelled"}, [REPELLED.id]),
])
def test_event_filters_and_order(read_client, params, expected):
    body = read_client.get("/api/events", params=params).json()
    assert [e["id"] for e in body["items"]] == expected and body["total"] == len(expected)


def test_event_detail_has_claims_documents_and_relations(read_client):
    body = read_client.get(f"/api/events/{ADVANCE.id}").json()
    assert {c["id"] for c in body["claims"]} == set(ADVANCE.claim_ids)
    assert {d["id"] for d in body["documents"]} == {DOCS[0].id, DOCS[1].id}
    assert {r["id"] for r in body["relations"]} == {r.id for r in RELATIONS}
    assert all(r["reason"] for r in body["relations"])


def test_documents_speakers_relations_and_search(read_client):
    docs = read_client.get("/api/documents", params={"q": "Soledar"}).json()
    assert [d["id"] for d in docs["items"]] == [DOCS[1].id]
    speakers = read_client.get("/api/speakers", params={"side": "russia"}).json()
    assert speakers["items"][0] == {"name": "Russian Ministry of Defence", "side": "russia", "organisation": None,
                                    "claims": 2}
    maliar = read_client.get("/api/speakers/Hanna Maliar").json()
    # counts of claims, not of relations: her one claim is corroborated (twice) and contradicted
    assert (maliar["total_claims"], maliar["corroborated"], maliar["contradicted"]) == (1, 1, 1)
    rels = read_client.get("/api/relations", params={"claim_id": CLAIMS[0].id}).json()
    assert rels["total"] == 3
    hits = read_client.get("/api/search", params={"q": "repelled"}).json()
    assert {h["kind"] for h in hits["items"]} >= {"claim"} and hits["total"] == len(hits["items"])


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), [
    ("get", "/api/events/evt-missing", {}, 404),
    ("get", "/api/documents/doc-missing", {}, 404),
    ("get", "/api/speakers/Nobody At All", {}, 404),
    ("get", "/api/nothing-here", {}, 404),
    ("get", "/api/claims?limit=0", {}, 422),
    ("get", "/api/claims?side=martian", {}, 422),
    ("get", "/api/events?since=yesterday-ish", {}, 422),
    ("post", "/api/side-overrides", {"json": {"speaker": "X", "side": "russia", "reason": "r"}}, 401),
    ("post", "/api/side-overrides", {"json": {"speaker": "X", "side": "russia", "reason": "r"},
                                     "headers": {"Authorization": "Bearer wrong"}}, 403),
    ("post", f"/api/relations/{RELATIONS[0].id}/reviews", {"json": {"verdict": "confirmed", "reason": "r"}}, 401),
    ("post", "/api/relations/rel-missing/reviews", {"json": {"verdict": "confirmed", "reason": "r"},
                                                    "headers": AUTH}, 404),
    ("post", f"/api/relations/{RELATIONS[0].id}/reviews", {"json": {"verdict": "maybe", "reason": "r"},
                                                           "headers": AUTH}, 422),
    ("delete", "/api/claims", {}, 405),
])
def test_every_api_error_has_one_shape(client, method, path, kwargs, status):
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status and body["error"]


def test_a_crash_is_a_json_500_without_a_traceback(client, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(client.app.state.store, "events", boom)
    response = client.get("/api/events")
    assert response.status_code == 500
    assert response.json() == {"ok": False, "status": 500,
                               "error": "internal error (RuntimeError); see the server log"}


def test_review_needs_token_and_survives_relinking(client, raw_store):
    rel = RELATIONS[0].id
    created = client.post(f"/api/relations/{rel}/reviews", headers=AUTH,
                          json={"verdict": "rejected", "reason": "the ministry denial is about Soledar"})
    assert created.status_code == 201 and created.json()["verdict"] == "rejected"
    raw_store.save_links(EVENTS, RELATIONS)  # re-linking replaces events and relations
    reviews = client.get("/api/reviews", params={"relation_id": rel}).json()
    assert [(r["verdict"], r["reason"]) for r in reviews] == [("rejected", "the ministry denial is about Soledar")]
    detail = client.get(f"/api/events/{ADVANCE.id}").json()
    assert {r["id"]: r["verdict"] for r in detail["relations"]}[rel] == "rejected"


def test_side_override_applies_everywhere(client):
    response = client.post("/api/side-overrides", headers=AUTH,
                           json={"speaker": "Yevgeny Prigozhin", "side": "third_party", "reason": "speaks for Wagner"})
    assert response.status_code == 201
    assert client.get("/api/speakers/Yevgeny Prigozhin").json()["side"] == "third_party"
    russia = client.get("/api/claims", params={"side": "russia"}).json()
    assert "Yevgeny Prigozhin" not in {c["speaker"]["name"] for c in russia["items"]}
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/claims.csv").text)))
    assert {r["side"] for r in rows if r["speaker"] == "Yevgeny Prigozhin"} == {"third_party"}
    assert client.get("/api/side-overrides").json()[0]["reason"] == "speaks for Wagner"


def test_exports_carry_the_filtered_claims(read_client):
    as_json = read_client.get("/api/export/claims.json", params={"side": "russia"})
    assert as_json.headers["content-type"].startswith("application/json")
    assert {c["speaker"]["side"] for c in as_json.json()} == {"russia"} and len(as_json.json()) == 3
    as_csv = read_client.get("/api/export/claims.csv", params={"event_id": ADVANCE.id})
    assert "attachment" in as_csv.headers["content-disposition"]
    assert {r["id"] for r in csv.DictReader(io.StringIO(as_csv.text))} == set(ADVANCE.claim_ids)
    as_parquet = read_client.get("/api/export/claims.parquet")
    table = pq.read_table(io.BytesIO(as_parquet.content))
    assert table.num_rows == 5 and "content" in table.column_names


def test_claimreview_export_rates_each_claim_from_its_own_relations(read_client):
    response = read_client.get(f"/api/events/{ADVANCE.id}/claimreview")
    assert response.headers["content-type"].startswith("application/ld+json")
    reviews = json.loads(response.text)
    assert len(reviews) == 4
    by_claim = {r["identifier"]: r for r in reviews}
    maliar = by_claim[CLAIMS[0].id]
    assert maliar["@type"] == "ClaimReview" and maliar["claimReviewed"] == CLAIMS[0].content.text
    assert maliar["itemReviewed"]["author"] == {"@type": "Person", "name": "Hanna Maliar", "affiliation": {
        "@type": "Organization", "name": "Ministry of Defence of Ukraine"}}
    assert maliar["itemReviewed"]["appearance"]["url"] == DOCS[0].url
    assert maliar["itemReviewed"]["datePublished"].startswith("2023-05-12")  # when the claim was made
    # the event is disputed, but each claim has its own verdict from its own relations
    assert {c.speaker.name: by_claim[c.id]["reviewRating"]["alternateName"] for c in CLAIMS if c.id in by_claim} == {
        "Hanna Maliar": "Disputed",  # corroborated and contradicted
        "Russian Ministry of Defence": "Contradicted",  # by Maliar and by Prigozhin
        "Yevgeny Prigozhin": "Disputed",  # Maliar agrees, his own ministry contradicts him
        "Institute for the Study of War": "Corroborated across sides"}


def test_openapi_documents_pagination(read_client):
    schema = read_client.get("/api/openapi.json").json()
    params = {p["name"] for p in schema["paths"]["/api/claims"]["get"]["parameters"]}
    assert {"limit", "offset", "side", "speaker", "q"} <= params
