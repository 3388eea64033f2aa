"""Claims: replaced atomically per document, cascading to links; side overrides applied on read."""

from __future__ import annotations

import pytest

from counterclaim.errors import InputError, StoreError
from counterclaim.models import Claim, Document, Event, Relation, Span, Speaker

TEXT = "Wagner said it took the town. Kyiv denied that. The ISW said fighting continues."


def claim(doc_id: str, speaker: str, side: str, start: int, end: int, stance: str = "asserts") -> Claim:
    content = Span.of(TEXT, start, end)
    return Claim(id=Claim.make_id(doc_id, speaker, content, stance), document_id=doc_id,
                 speaker=Speaker(name=speaker, side=side), content=content, stance=stance)


@pytest.fixture
def doc(store) -> Document:
    document = Document(id="d1", text=TEXT)
    store.add_document(document)
    return document


def test_replace_claims_replaces_and_marks_extracted(store, doc):
    first = [claim("d1", "Wagner Group", "russia", 15, 28)]
    second = [claim("d1", "Kyiv", "ukraine", 30, 47, "denies"), claim("d1", "ISW", "third_party", 48, 81)]
    store.replace_claims("d1", first)
    store.replace_claims("d1", second)
    assert store.claims("d1") == second
    assert store.claims() == second
    assert store.unextracted_documents() == []


def test_replace_claims_cascades_to_event_membership_and_relations(store, doc):
    a, b, c = claim("d1", "Wagner Group", "russia", 15, 28), claim("d1", "Kyiv", "ukraine", 30, 47, "denies"), \
        claim("d1", "ISW", "third_party", 48, 81)
    store.replace_claims("d1", [a, b, c])
    relation = Relation(id=Relation.make_id(a.id, b.id, "contradicts"), a=a.id, b=b.id, kind="contradicts",
                        reason="denial")
    event = Event(id="e1", type="CAPTURE", title="Town", claim_ids=[a.id, b.id, c.id], relation_ids=[relation.id])
    store.save_links([event], [relation])
    store.replace_claims("d1", [c, b])  # re-extraction no longer finds `a`
    assert store.relations() == []
    assert store.get_event("e1").claim_ids == [b.id, c.id]
    assert store.get_event("e1").relation_ids == []
    assert store.claims("d1") == [c, b]


def test_replace_claims_is_atomic(store, doc):
    kept = [claim("d1", "Wagner Group", "russia", 15, 28)]
    store.replace_claims("d1", kept)
    assert store.add_document(Document(id="d2", text=TEXT, outlet="Other outlet"))
    clash = kept[0].model_copy(update={"document_id": "d2"})  # same id as a claim of d1: the insert fails
    with pytest.raises(StoreError):
        store.replace_claims("d2", [claim("d2", "ISW", "third_party", 48, 81), clash])
    assert store.claims("d1") == kept
    assert store.claims("d2") == []
    assert store.unextracted_documents() == ["d2"]


def test_claims_of_another_document_are_refused(store, doc):
    with pytest.raises(InputError, match="belongs to document 'd9'"):
        store.replace_claims("d1", [claim("d9", "Kyiv", "ukraine", 30, 47)])


def test_repeated_claim_ids_keep_the_first(store, doc):
    one = claim("d1", "Kyiv", "ukraine", 30, 47)
    store.replace_claims("d1", [one, one.model_copy(update={"confidence": 0.1})])
    assert store.claims("d1") == [one]


def test_filters(store, doc):
    wagner, kyiv = claim("d1", "Wagner Group", "russia", 15, 28), claim("d1", "Kyiv", "ukraine", 30, 47, "denies")
    store.replace_claims("d1", [wagner, kyiv])
    assert store.claims(speaker="Kyiv") == [kyiv]
    assert store.claims(side="russia") == [wagner]
    assert store.claims(q="TOOK THE") == [wagner]
    assert store.claims(limit=1, offset=1) == [kyiv]
    assert store.claims("other-doc") == []


def test_side_override_applies_to_reads_and_side_filter(store, doc):
    wagner = claim("d1", "Wagner Group", "russia", 15, 28)
    store.replace_claims("d1", [wagner])
    override = store.set_side_override("Wagner Group", "third_party", "analyst call")
    assert store.side_overrides() == {"Wagner Group": override}
    assert store.get_claim(wagner.id).speaker.side == "third_party"
    assert [c.id for c in store.claims(side="third_party")] == [wagner.id]
    assert store.claims(side="russia") == []
    store.set_side_override("Wagner Group", "russia", "changed my mind")  # replaces, does not add
    assert store.claims(side="russia") == [wagner]
    assert store.side_overrides()["Wagner Group"].reason == "changed my mind"


def test_unknown_side_is_refused(store):
    with pytest.raises(InputError, match="unknown side 'wagner'"):
        store.set_side_override("Wagner Group", "wagner", "no")
    assert store.side_overrides() == {}
