"""The seed article's gold claims, linked, against its gold relations (floor: relations F1 0.80)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from counterclaim.link import link

pytestmark = pytest.mark.eval
SHARED_EVAL = __import__("pathlib").Path(__file__).resolve().parents[2] / "../shared/eval"


def _score_module():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["shared_score"] = module
    spec.loader.exec_module(module)
    return module


def _gold_id(claims, claim_id):
    return next(c.method.removeprefix("gold:") for c in claims if c.id == claim_id)


def test_seed_relations_f1_floor(seed):
    doc, claims = seed
    result = link(claims, {doc.id: doc})
    pred = {"documents": [{"id": doc.id, "claims": [
                {"id": c.id, "speaker": {"text": c.speaker.mention.text, "start": c.speaker.mention.start,
                                         "end": c.speaker.mention.end, "name": c.speaker.name},
                 "content": {"text": c.content.text, "start": c.content.start, "end": c.content.end}}
                for c in claims]}],
            "relations": [{"a": f"{doc.id}/{r.a}", "b": f"{doc.id}/{r.b}",
                           "kind": "corroborates" if r.kind == "refines" else r.kind} for r in result.relations]}
    scores = _score_module().score(SHARED_EVAL / "seed", pred)
    assert scores["relations_all"]["f1"] >= 0.80, scores["relations"]


def test_seed_key_relations(seed):
    doc, claims = seed
    rels = {frozenset((_gold_id(claims, r.a), _gold_id(claims, r.b))): r for r in link(claims, {doc.id: doc}).relations}
    for other in ("c10", "c11", "c12", "c13", "c14"):  # the MoD's "all attacks repelled" vs each account of an advance
        assert rels[frozenset(("c8", other))].kind == "contradicts"
    prigozhin_ukraine = rels[frozenset(("c11", "c12"))]
    assert prigozhin_ukraine.kind == "corroborates" and prigozhin_ukraine.cross_side
    assert rels[frozenset(("c11", "c14"))].kind == "corroborates"  # 2.6 km vs 2 km
    assert any(e.startswith("refines:") for e in rels[frozenset(("c11", "c14"))].evidence)


def test_seed_event_is_corroborated_across_sides_with_a_faction_note(seed):
    doc, claims = seed
    result = link(claims, {doc.id: doc})
    c8 = next(c.id for c in claims if c.method == "gold:c8")
    [event] = [e for e in result.events if c8 in e.claim_ids]
    assert event.assessment.status == "corroborated_across_sides"
    assert any("faction" in n and "Prigozhin" in n for n in event.assessment.notes)
    spread = next(s for s in event.assessment.spreads if s.key == "ADVANCE km")
    assert spread.by_side == {"russia": (2.6, 2.6), "ukraine": (2.0, 2.6)}
