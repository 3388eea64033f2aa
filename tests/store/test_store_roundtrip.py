"""Every model comes back from the store exactly as it went in, on both backends (property tests)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterclaim.models import (
    SIDES,
    Assessment,
    Claim,
    Document,
    Event,
    Place,
    Quantity,
    QuantitySpread,
    Relation,
    SidePosition,
    Span,
    Speaker,
    TimeRange,
)

# One store serves every example of a test: ids are content hashes, so examples never collide.
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

no_nul = st.text(st.characters(codec="utf-8", exclude_characters="\x00"))
short = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=20)
names = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=20)
zones = st.sampled_from([UTC, timezone(timedelta(hours=3)), timezone(timedelta(hours=-5, minutes=-30))])
instants = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2099, 12, 30), timezones=zones)
numbers = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def documents(draw) -> Document:
    text = draw(no_nul)
    title, outlet = draw(st.none() | short), draw(st.none() | short)
    url = draw(st.none() | st.just("https://example.org/a"))
    meta = draw(st.dictionaries(short, st.none() | st.booleans() | st.integers(-2**53, 2**53) | short, max_size=3))
    return Document(id=Document.make_id(text, outlet, url, title), text=text, title=title, outlet=outlet, url=url,
                    published=draw(st.none() | instants), meta=meta,
                    source_kind=draw(st.sampled_from(["text", "html", "telegram"])))


def spans(text: str):
    """Spans into ``text``."""
    return st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(
        lambda ab: Span.of(text, min(ab), max(ab)))


def time_ranges(text: str):
    return st.builds(TimeRange, span=st.none() | spans(text), earliest=instants, latest=instants,
                     granularity=st.sampled_from(["instant", "day", "month"]))


@st.composite
def claims_for(draw, doc: Document) -> Claim:
    text = doc.text
    speaker = Speaker(mention=draw(st.none() | spans(text)), name=draw(names), side=draw(st.sampled_from(SIDES)),
                      organisation=draw(st.none() | short))
    content, stance = draw(spans(text)), draw(st.sampled_from(["asserts", "denies"]))
    quantity = st.builds(Quantity, span=spans(text), value=numbers, low=st.none() | numbers, high=st.none() | numbers,
                         unit=st.none() | st.just("km"), bound=st.sampled_from(["exact", "at_most", "range"]))
    place = st.builds(Place, span=spans(text), name=names, lat=st.none() | numbers, lon=st.none() | numbers)
    return Claim(id=Claim.make_id(doc.id, speaker.name, content, stance), document_id=doc.id, speaker=speaker,
                 cue=draw(st.none() | spans(text)), content=content, stance=stance,
                 hedges=draw(st.lists(spans(text), max_size=2)), quantities=draw(st.lists(quantity, max_size=2)),
                 places=draw(st.lists(place, max_size=2)), when=draw(st.none() | time_ranges(text)),
                 said_at=draw(st.none() | time_ranges(text)), sentence=draw(st.none() | spans(text)),
                 confidence=draw(st.floats(0, 1)), method=draw(st.sampled_from(["rules", "crf"])))


@st.composite
def documents_with_claims(draw) -> tuple[Document, list[Claim]]:
    doc = draw(documents())
    found = draw(st.lists(claims_for(doc), max_size=4, unique_by=lambda c: c.id))
    return doc, found


def _relation_id(pair: tuple[str, str, str]) -> str:
    return Relation.make_id(*pair)


@st.composite
def links(draw, found: list[Claim]) -> tuple[list[Event], list[Relation]]:
    ids = [c.id for c in found]
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(["corroborates", "contradicts"]))
    relations = [Relation(id=Relation.make_id(a, b, kind), a=a, b=b, kind=kind, reason=draw(short),
                          evidence=draw(st.lists(short, max_size=2)), cross_side=draw(st.booleans()),
                          score=draw(numbers))
                 for a, b, kind in draw(st.lists(pairs, max_size=3, unique_by=_relation_id))]
    members = draw(st.lists(st.sampled_from(ids), min_size=1, unique=True))
    position = st.builds(SidePosition, side=st.sampled_from(SIDES), speakers=st.lists(short, max_size=2),
                         claim_ids=st.just(members))
    spread = st.builds(QuantitySpread, key=short,
                       by_side=st.dictionaries(st.sampled_from(SIDES), st.tuples(numbers, st.none() | numbers)))
    assessment = st.builds(Assessment, status=st.sampled_from(["disputed", "corroborated_across_sides"]),
                           positions=st.lists(position, max_size=2), spreads=st.lists(spread, max_size=2),
                           notes=st.lists(short, max_size=2))
    event = Event(id=Event.make_id(members), type=draw(st.sampled_from(["ADVANCE", "LOSSES"])), title=draw(short),
                  places=draw(st.lists(st.builds(Place, span=st.just(Span(text="", start=0, end=0)), name=names),
                                       max_size=2)),
                  when=draw(st.none() | st.builds(TimeRange, earliest=instants, latest=instants)),
                  claim_ids=members, relation_ids=[r.id for r in relations],
                  assessment=draw(st.none() | assessment))
    return [event], relations


@PROPERTY
@given(doc=documents())
def test_document_round_trip(store, doc):
    if store.add_document(doc):
        assert store.get_document(doc.id) == doc
        assert doc in store.documents()
    else:  # an earlier example had the same content hash (same outlet, url, title and text)
        assert store.get_document(doc.id).content_hash == doc.content_hash


@PROPERTY
@given(data=st.data(), pair=documents_with_claims())
def test_claims_events_relations_round_trip(store, data, pair):
    doc, found = pair
    store.add_document(doc)
    doc = store.get_document(doc.id)
    store.replace_claims(doc.id, found)
    assert store.claims(doc.id) == found
    for claim in found:
        assert store.get_claim(claim.id) == claim
    if found:
        events, relations = data.draw(links(found))
        store.save_links(events, relations)
        assert store.events() == events
        assert store.get_event(events[0].id) == events[0]
        assert store.relations() == relations
        assert store.relations(event_id=events[0].id) == relations


def test_published_keeps_its_instant_and_comes_back_aware(store):
    kyiv = timezone(timedelta(hours=3))
    doc = Document(id="d", text="t", published=datetime(2023, 5, 12, 9, 30, 15, 123456, tzinfo=kyiv))
    store.add_document(doc)
    back = store.get_document("d").published
    assert back == doc.published and back.tzinfo is not None
    assert back.utcoffset() == timedelta(0)
