"""Documents: idempotent, atomic adds; clear errors for unknown ids and unstorable text."""

from __future__ import annotations

import pytest

from counterclaim.errors import InputError, NotFound
from counterclaim.models import Claim, Document, Span, Speaker


def doc(text: str, **fields) -> Document:
    return Document(id=fields.pop("id", None) or Document.make_id(text, fields.get("outlet"), None,
                                                                 fields.get("title")), text=text, **fields)


def test_adding_the_same_content_twice_stores_it_once(store):
    first = doc("Shelling near Avdiivka.", outlet="Wire")
    assert store.add_document(first) is True
    again = first.model_copy(update={"source_path": "elsewhere.txt", "meta": {"copy": True}})
    assert store.add_document(again) is False
    assert store.count_documents() == 1
    assert store.get_document(first.id) == first  # the second copy stored nothing


def test_new_content_under_a_known_id_replaces_the_old_version_and_its_claims(store):
    old = Document(id="post-1", text="Old wording of the post.")
    store.add_document(old)
    claim = Claim(id="c1", document_id="post-1", speaker=Speaker(name="Channel"), content=Span.of(old.text, 0, 3))
    store.replace_claims("post-1", [claim])
    edited = Document(id="post-1", text="Edited wording of the post.", meta={"edited": True})
    assert store.add_document(edited) is True
    assert store.get_document("post-1") == edited
    assert store.claims("post-1") == []  # offsets into the old text no longer hold
    assert store.unextracted_documents() == ["post-1"]


def test_documents_lists_in_ingest_order_with_paging_and_filter(store):
    texts = ["Alpha report on Kupiansk.", "Bravo report on Bakhmut.", "Charlie report on BAKHMUT."]
    for text in texts:
        store.add_document(doc(text))
    assert [d.text for d in store.documents()] == texts
    assert [d.text for d in store.documents(limit=1, offset=1)] == texts[1:2]
    assert [d.text for d in store.documents(q="bakhmut")] == texts[1:]
    assert store.documents(q="100%") == []  # LIKE wildcards are literal
    assert store.count_documents() == 3


def test_unextracted_documents_are_those_without_replace_claims(store):
    a, b = doc("First."), doc("Second.")
    store.add_document(a)
    store.add_document(b)
    assert store.unextracted_documents() == [a.id, b.id]
    store.replace_claims(a.id, [])  # extracted, found nothing: still counts as extracted
    assert store.unextracted_documents() == [b.id]


@pytest.mark.parametrize("field", ["text", "title"])
def test_nul_is_refused_with_the_document_named(store, field):
    bad = Document(id="d-nul", text="ok", source_path="in/bad.json").model_copy(update={field: "a\x00b"})
    with pytest.raises(InputError) as caught:
        store.add_document(bad)
    assert caught.value.path == "in/bad.json"
    assert "'d-nul'" in str(caught.value) and "NUL" in str(caught.value) and field in str(caught.value)
    assert store.count_documents() == 0


def test_unpaired_surrogate_is_refused(store):
    with pytest.raises(InputError, match="surrogate"):
        store.add_document(Document(id="d-sur", text="bad \ud800 text"))
    assert store.count_documents() == 0


def test_unknown_document_is_not_found_with_a_hint(store):
    with pytest.raises(NotFound) as caught:
        store.get_document("nope")
    message = str(caught.value)
    assert "no document 'nope' in " in message and store.url in message
    assert "counterclaim docs" in message


def test_unknown_claim_event_and_relation_are_not_found(store):
    for get, what in [(store.get_claim, "claim"), (store.get_event, "event"), (store.get_relation, "relation")]:
        with pytest.raises(NotFound, match=f"no {what} 'x-1' in .* — "):
            get("x-1")
    with pytest.raises(NotFound, match="no document 'ghost'"):
        store.replace_claims("ghost", [])


def test_filters_ignore_case_beyond_ascii(store):
    store.add_document(doc("ПРИГОЖИН заявил о взятии города."))
    assert len(store.documents(q="пригожин")) == 1


def test_meta_strings_round_trip_even_with_control_characters(store):
    odd = Document(id="d-meta", text="t", meta={"note": "tab\tnul\x00end", "n": [1, None, True]})
    store.add_document(odd)
    assert store.get_document("d-meta") == odd
