"""The held-out set (eval/heldout/): documents are well formed and the gold is exact.

The set measures generalisation on an episode nobody tuned on, so a span that drifted from its
text, a relation to a missing claim or an invalid label would silently spoil every score on it.
Standard library only: these checks hold whatever the pipeline does.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest

HELDOUT = Path(__file__).resolve().parents[2] / "eval" / "heldout"
ARTICLES = sorted((HELDOUT / "articles").glob("*.json"))
GOLD = sorted(p for p in (HELDOUT / "gold").glob("*.json") if p.name != "relations.json")
SIDES = {"russia", "ukraine", "wagner", "western", "third_party", "media", "unknown"}
STANCES = {"asserts", "denies"}
BOUNDS = {"exact", "at_least", "at_most", "approx"}
ROLES = ("speaker", "cue", "content")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def text_of(doc_id: str) -> str:
    return load(HELDOUT / "articles" / f"{doc_id}.json")["text"]


def test_set_has_eight_documents_each_with_gold():
    assert len(ARTICLES) == 8
    assert [p.name for p in ARTICLES] == [p.name for p in GOLD]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_document_follows_the_format(path):
    doc = load(path)
    assert set(doc) == {"id", "url", "outlet", "title", "published", "text"}
    assert doc["id"] == path.stem
    assert urlparse(doc["url"]).hostname.endswith(".example.org")
    assert datetime.fromisoformat(doc["published"]).tzinfo is not None
    assert 150 <= len(doc["text"].split()) <= 350
    assert all(p.strip() == p and p for p in doc["text"].split("\n\n"))


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_every_span_matches_its_text(path):
    gold = load(path)
    text = text_of(gold["id"])
    for claim in gold["claims"]:
        assert claim["content"] is not None, claim["id"]
        for role in ROLES:
            span = claim[role]
            if span is not None:
                assert text[span["start"]:span["end"]] == span["text"], (claim["id"], role)
                assert span["text"] == span["text"].strip(), (claim["id"], role)


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_labels_are_valid(path):
    gold = load(path)
    ids = [c["id"] for c in gold["claims"]]
    assert len(ids) == len(set(ids))
    for claim in gold["claims"]:
        assert claim["speaker_side"] in SIDES, claim["id"]
        assert claim["stance"] in STANCES, claim["id"]
        assert all(q["bound"] in BOUNDS and isinstance(q["value"], int | float) for q in claim["quantities"]), claim["id"]
        if "event_date" in claim:
            assert claim["event_date"][:7] == "2023-06", claim["id"]


def test_every_relation_links_two_existing_claims():
    claims = {f"{g['id']}#{c['id']}" for g in map(load, GOLD) for c in g["claims"]}
    relations = load(HELDOUT / "gold" / "relations.json")
    pairs = [frozenset((r["a"], r["b"])) for r in relations]
    assert len(pairs) == len(set(pairs)), "a pair is listed twice"
    for r in relations:
        assert r["a"] in claims and r["b"] in claims, r
        assert r["a"] != r["b"], r
        assert r["relation"] in {"contradicts", "corroborates"}, r
        assert r["reason"].strip(), r


def test_relations_cross_documents_and_sides():
    """The set exists to test cross-document linking: most pairs must span two documents."""
    relations = load(HELDOUT / "gold" / "relations.json")
    across = [r for r in relations if r["a"].split("#")[0] != r["b"].split("#")[0]]
    assert len(across) >= len(relations) / 2
    assert {r["relation"] for r in across} == {"contradicts", "corroborates"}
