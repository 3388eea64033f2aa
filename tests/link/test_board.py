"""The linked store: stable event ids across re-linking, and analysts' reviews and side corrections that
change an event's status at once, without linking again (SQLite, and PostgreSQL when available)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from counterclaim.errors import NotFound, ReviewError
from counterclaim.link.board import correct_side, link_store, review
from counterclaim.models import Event
from counterclaim.serve.app import create_app
from counterclaim.store import Store

REPELLED = "Every attack launched by Ukrainian army units near Bakhmut was repelled."
ADVANCED = "Our defence forces advanced two kilometres near Bakhmut."
ADVANCED_26 = "Ukrainian units had advanced 2.6 kilometers near Bakhmut"
TOKEN = "analyst-token"


# What else each report says, so that reports quoting the same words are still different reports.
REPORTS = {
    "tass-1": "The ministry also listed drone strikes on depots far to the east.",
    "ukr-1": "A field hospital behind the line took in more wounded than the week before.",
    "kp-1": "Our correspondent watched two columns of trucks move west at night.",
    "wagner-1": "An audio message complained of shell shortages and blamed the generals.",
    "tg-1": "The channel posted a map with arrows drawn across the northern suburbs.",
}


def add(store: Store, claim, document, doc_id: str, text: str, speaker: str, side: str) -> str:
    """Store a report whose one claim is ``text`` said by ``speaker``; the claim id."""
    assert store.add_document(document(doc_id, f"{text} {REPORTS[doc_id]}"))
    made = claim(text, speaker, side, doc=doc_id)
    store.replace_claims(doc_id, [made])
    return made.id


def status(store: Store, event_id: str) -> str:
    return store.get_event(event_id).assessment.status


@pytest.fixture
def disputed(store, claim, document):
    """A linked store with one event: the ministry's "every attack repelled" against Malyar's advance."""
    add(store, claim, document, "tass-1", REPELLED, "Russian Ministry of Defence", "russia")
    add(store, claim, document, "ukr-1", ADVANCED, "Ganna Malyar", "ukraine")
    link_store(store)
    [event] = store.events()
    [relation] = store.relations()
    return store, event, relation


# 1. stable event ids --------------------------------------------------------------------------------------

def test_relinking_after_a_new_document_keeps_the_event_id(store, claim, document):
    first = add(store, claim, document, "ukr-1", ADVANCED_26, "Ukrainian military sources", "ukraine")
    second = add(store, claim, document, "kp-1", ADVANCED_26, "Kyiv Post", "media")
    link_store(store)
    [before] = store.events()
    third = add(store, claim, document, "wagner-1", ADVANCED_26, "Yevgeny Prigozhin", "russia")
    link_store(store)
    [after] = store.events()
    assert after.id == before.id != Event.make_id(after.claim_ids)  # kept, not recomputed from the claims
    assert set(after.claim_ids) == {first, second, third}
    assert status(store, before.id) == "corroborated_across_sides"


def test_relinking_unchanged_claims_keeps_every_id_and_the_reviews(disputed):
    store, event, relation = disputed
    review(store, relation.id, "confirmed", "both statements are about the same sector")
    link_store(store)
    assert [e.id for e in store.events()] == [event.id]
    assert [r.id for r in store.relations()] == [relation.id]
    assert [r.verdict for r in store.reviews(relation.id)] == ["confirmed"]


# 2. reviews and side corrections re-assess at once ------------------------------------------------------

def test_rejecting_the_only_contradiction_changes_the_status_at_once(disputed):
    store, event, relation = disputed
    assert status(store, event.id) == "disputed"
    review(store, relation.id, "rejected", "the two statements are about different sectors")
    assert status(store, event.id) == "unresolved"  # no re-link: the stored event was re-assessed
    stored = {r.id: r for r in store.relations(event_id=event.id)}
    assert "review:rejected" in stored[relation.id].evidence  # kept, but out of the assessment
    assert store.get_event(event.id).assessment.counts["contradicts"] == 0
    review(store, relation.id, "confirmed", "on a second reading, the same sector")
    assert status(store, event.id) == "disputed"


def test_a_side_correction_changes_the_status_at_once(store, claim, document):
    add(store, claim, document, "tg-1", ADVANCED_26, "Yevgeny Prigozhin", "unknown")
    add(store, claim, document, "ukr-1", ADVANCED_26, "Ukrainian military sources", "ukraine")
    link_store(store)
    [event] = store.events()
    assert status(store, event.id) == "corroborated"
    correct_side(store, "Yevgeny Prigozhin", "russia", "heads Wagner, fighting for Russia")
    assert status(store, event.id) == "corroborated_across_sides"
    [relation] = store.relations(event_id=event.id)
    assert relation.cross_side
    link_store(store)  # and the correction outlives re-linking
    assert status(store, event.id) == "corroborated_across_sides"


def test_a_side_correction_for_an_unknown_speaker_is_refused(disputed):
    store, event, _ = disputed
    with pytest.raises(NotFound, match="Nobody Said This"):
        correct_side(store, "Nobody Said This", "russia", "a guess")
    with pytest.raises(ReviewError, match="side 'martian'"):
        correct_side(store, "Ganna Malyar", "martian", "a guess")
    with pytest.raises(ReviewError, match="reason"):
        correct_side(store, "Ganna Malyar", "russia", "  ")
    assert store.side_overrides() == {}
    assert status(store, event.id) == "disputed"


def test_a_review_without_a_reason_is_refused(disputed):
    store, event, relation = disputed
    with pytest.raises(ReviewError, match="reason"):
        review(store, relation.id, "rejected", " ")
    assert store.reviews() == [] and status(store, event.id) == "disputed"


# 3. a review of a relation that is gone ---------------------------------------------------------------

@pytest.fixture
def gone(disputed):
    """The store after Malyar's claim was withdrawn and the claims linked again: the relation is gone."""
    store, event, relation = disputed
    store.replace_claims("ukr-1", [])
    link_store(store)
    assert store.relations() == []
    return store, relation


def test_a_review_of_a_relation_that_no_longer_exists_is_not_found(gone):
    store, relation = gone
    with pytest.raises(NotFound, match=relation.id):
        review(store, relation.id, "rejected", "wrong sector")
    assert store.reviews() == []


def test_the_api_answers_a_review_of_a_relation_that_no_longer_exists_with_404(gone, store_url):
    _, relation = gone
    with TestClient(create_app(store_url, TOKEN), raise_server_exceptions=False, base_url="http://localhost") as client:
        response = client.post(f"/api/relations/{relation.id}/reviews", headers={"Authorization": f"Bearer {TOKEN}"},
                               json={"verdict": "rejected", "reason": "wrong sector"})
    assert response.status_code == 404
    body = response.json()
    assert body["ok"] is False and body["status"] == 404 and relation.id in body["error"]
