"""Events, relations and reviews: save_links replaces links, reviews outlive it, filters work."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from counterclaim.errors import NotFound, ReviewError, StoreError
from counterclaim.models import Assessment, Claim, Document, Event, Place, Relation, Span, Speaker, TimeRange

TEXT = "Wagner said it took the town. Kyiv denied that. The ISW said fighting continues."


def claim(speaker: str, side: str, start: int, end: int) -> Claim:
    content = Span.of(TEXT, start, end)
    return Claim(id=Claim.make_id("d1", speaker, content, "asserts"), document_id="d1",
                 speaker=Speaker(name=speaker, side=side), content=content)


WAGNER, KYIV, ISW = claim("Wagner Group", "russia", 15, 28), claim("Kyiv", "ukraine", 30, 47), \
    claim("ISW", "third_party", 48, 81)
REL = Relation(id=Relation.make_id(WAGNER.id, KYIV.id, "contradicts"), a=WAGNER.id, b=KYIV.id, kind="contradicts",
               reason="Kyiv denies the capture", evidence=["polarity"], cross_side=True)
REL2 = Relation(id=Relation.make_id(KYIV.id, ISW.id, "corroborates"), a=KYIV.id, b=ISW.id, kind="corroborates",
                reason="fighting continues")
MAY = TimeRange(earliest=datetime(2023, 5, 10, tzinfo=UTC), latest=datetime(2023, 5, 11, 23, 59, tzinfo=UTC))
BAKHMUT = Place(span=Span.of(TEXT, 0, 0), name="Bakhmut", lat=48.59, lon=38.0)
CAPTURE = Event(id="e-capture", type="CAPTURE", title="Capture of the town", places=[BAKHMUT], when=MAY,
                claim_ids=[WAGNER.id, KYIV.id], relation_ids=[REL.id], assessment=Assessment(status="disputed"))
FIGHT = Event(id="e-fight", type="OTHER", title="Fighting continues", claim_ids=[ISW.id, KYIV.id],
              relation_ids=[REL2.id], assessment=Assessment(status="single_source"))


@pytest.fixture
def linked(store):
    store.add_document(Document(id="d1", text=TEXT))
    store.replace_claims("d1", [WAGNER, KYIV, ISW])
    store.save_links([CAPTURE, FIGHT], [REL, REL2])
    return store


def test_links_round_trip_in_order(linked):
    assert linked.events() == [CAPTURE, FIGHT]
    assert linked.get_event("e-fight") == FIGHT
    assert linked.relations() == [REL, REL2]
    assert linked.relations(event_id="e-capture") == [REL]
    assert linked.relations(claim_id=KYIV.id) == [REL, REL2]
    assert linked.relations(event_id="e-capture", claim_id=ISW.id) == []
    assert linked.get_relation(REL.id) == REL


def test_save_links_replaces_everything(linked):
    linked.save_links([FIGHT], [REL2])
    assert linked.events() == [FIGHT]
    assert linked.relations() == [REL2]
    linked.save_links([], [])
    assert linked.events() == [] and linked.relations() == []


def test_event_filters(linked):
    ids = lambda **kw: [e.id for e in linked.events(**kw)]  # noqa: E731
    assert ids(status="disputed") == ["e-capture"]
    assert ids(side="third_party") == ["e-fight"]
    assert ids(side="ukraine") == ["e-capture", "e-fight"]
    assert ids(speaker="Wagner Group") == ["e-capture"]
    assert ids(place="bakhmut") == ["e-capture"]
    assert ids(place="Bakh") == []  # a whole place name, not a fragment
    assert ids(since=datetime(2023, 5, 11, 12, tzinfo=UTC)) == ["e-capture"]
    assert ids(until=datetime(2023, 5, 9, tzinfo=UTC)) == []
    assert ids(since=datetime(2023, 5, 12)) == []  # naive means UTC
    assert ids(q="CAPTURE") == ["e-capture"]
    assert ids(limit=1, offset=1) == ["e-fight"]


def test_event_side_filter_follows_overrides(linked):
    linked.set_side_override("ISW", "media", "reclassified")
    assert [e.id for e in linked.events(side="media")] == ["e-fight"]
    assert linked.events(side="third_party") == []


def test_links_to_unstored_claims_are_refused_and_nothing_changes(linked):
    stray = Relation(id="rel-x", a=WAGNER.id, b="clm-missing", kind="refines", reason="?")
    with pytest.raises(StoreError, match="claim 'clm-missing' .* is not in .*counterclaim extract"):
        linked.save_links([], [stray])
    assert linked.relations() == [REL, REL2]


def test_reviews_round_trip_and_survive_relinking(linked):
    review = linked.add_review(REL.id, "rejected", "the denial is about another town", reviewer="ana")
    other = linked.add_review(REL2.id, "confirmed", "checked")
    assert review.at.tzinfo is not None
    assert linked.reviews() == [review, other]
    assert linked.reviews(REL.id) == [review]
    linked.save_links([], [])
    assert linked.reviews() == [review, other]
    linked.save_links([CAPTURE], [REL])
    assert linked.reviews(REL.id) == [review]


def test_reviews_of_unknown_relations_or_verdicts_are_refused(linked):
    with pytest.raises(NotFound, match="no relation 'rel-nope'.*counterclaim event"):  # a 404 through the API
        linked.add_review("rel-nope", "confirmed", "x")
    with pytest.raises(ReviewError, match="unknown verdict 'maybe'"):
        linked.add_review(REL.id, "maybe", "x")
    assert linked.reviews() == []
