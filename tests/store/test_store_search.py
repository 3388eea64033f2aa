"""Search finds documents and claims, stays in sync with writes, and treats every query as text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterclaim.models import Claim, Document, Span, Speaker

TEXT = "Prigozhin said Wagner fighters advanced in Bakhmut. The ministry denied any breakthrough."


@pytest.fixture
def indexed(store):
    store.add_document(Document(id="d1", text=TEXT, title="Wagner claims advance"))
    store.add_document(Document(id="d2", text="Grain exports resumed from Odesa.", title="Grain deal"))
    content = Span.of(TEXT, 15, 51)
    store.replace_claims("d1", [Claim(id="c1", document_id="d1", speaker=Speaker(name="Prigozhin"),
                                      content=content)])
    return store


def test_finds_documents_and_claims_with_snippets(indexed):
    hits = indexed.search("bakhmut")
    assert {(h["kind"], h["id"]) for h in hits} == {("document", "d1"), ("claim", "c1")}
    assert all("[Bakhmut]" in h["snippet"] for h in hits)
    assert [h["id"] for h in indexed.search("grain")] == ["d2"]  # a title word
    assert indexed.search("bakhmut odesa") == []  # every word must match
    assert len(indexed.search("bakhmut", limit=1)) == 1


@pytest.mark.parametrize("query", ['"', "*", "NEAR(", "'; drop table documents; --", "a OR", "-", "^x", "(((",
                                   "title:grain", "\x00", "", "   "])
def test_hostile_queries_do_not_crash(indexed, query):
    hits = indexed.search(query)
    assert isinstance(hits, list)
    assert indexed.count_documents() == 2


def test_syntax_characters_are_just_text(indexed):
    assert [h["id"] for h in indexed.search('"Grain* (exports)')] == ["d2"]
    assert indexed.search("near(") == []  # not the NEAR operator: there is no word "near"


def test_index_follows_replaced_claims_and_new_versions(indexed):
    indexed.replace_claims("d1", [])
    assert [h["kind"] for h in indexed.search("advanced")] == ["document"]
    indexed.add_document(Document(id="d1", text="Rewritten: nothing about that town.", title="Edited"))
    assert indexed.search("bakhmut") == []
    assert [h["id"] for h in indexed.search("rewritten")] == ["d1"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(st.characters(codec="utf-8"), max_size=30))
def test_any_query_returns_a_list(indexed, query):
    assert isinstance(indexed.search(query), list)


def test_claims_dropped_with_their_document_leave_the_index(indexed):
    indexed.add_document(Document(id="d1", text="Rewritten: nothing about that town.", title="Edited"))
    assert indexed.search("fighters") == []
    assert indexed.claims() == []
