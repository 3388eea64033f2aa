"""The held-out set (eval/heldout/): documents are well formed and the gold is exact.

The set measures generalisation on an episode nobody tuned on, so a span that drifted from its
text or an invalid label would silently spoil every score on it. The relation gold
(gold/propositions.json) is checked with the demo's in tests/test_gold_propositions.py.
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
GOLD = sorted(p for p in (HELDOUT / "gold").glob("*.json") if p.name != "propositions.json")
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
