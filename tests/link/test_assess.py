"""Assessments: status, positions, spreads; analysts' reviews and side overrides."""

from __future__ import annotations

from datetime import datetime

from counterclaim.link import link
from counterclaim.models import Review, SideOverride

REPELLED = "Every attack launched by Ukrainian army units was repelled."
ADVANCED_2 = "Our defence forces advanced two kilometres near Bakhmut."
ADVANCED_26 = "Ukrainian units had advanced 2.6 kilometers near Bakhmut"


def review(relation_id: str, verdict: str, minute: int = 0) -> Review:
    return Review(id=f"rev-{verdict}-{minute}", relation_id=relation_id, verdict=verdict, reason="checked",
                  at=datetime(2023, 5, 13, 12, minute))


def disputed(claim):
    return [claim(REPELLED, "Russian Ministry of Defence", "russia", places=()),
            claim(ADVANCED_2, "Ganna Malyar", "ukraine", quantities=(("two kilometres", 2, "km", "exact"),))]


def test_contradiction_makes_the_event_disputed_with_both_positions_and_counts(claim):
    [event] = link(disputed(claim)).events
    a = event.assessment
    assert a.status == "disputed"
    stances = {p.side: p.stance for p in a.positions}
    assert stances == {"ukraine": "asserts", "russia": "denies"}
    assert {p.side: p.speakers for p in a.positions} == {"ukraine": ["Ganna Malyar"],
                                                         "russia": ["Russian Ministry of Defence"]}
    assert [s.by_side for s in a.spreads if s.unit == "km"] == [{"ukraine": (2.0, 2.0)}]
    assert {k: a.counts[k] for k in ("claims", "witnesses", "contradicts", "cross_side_contradictions")} == \
        {"claims": 2, "witnesses": 2, "contradicts": 1, "cross_side_contradictions": 1}


def test_one_agreement_across_sides_does_not_outweigh_a_contradiction(claim):
    """Adversaries agree on the advance, the ministry says every attack failed: the event stays disputed,
    and the counts show both the agreement and the contradictions."""
    advanced = [claim(ADVANCED_26, "Yevgeny Prigozhin", "russia", doc="d1",
                      quantities=(("2.6 kilometers", 2.6, "km", "exact"),)),
                claim(ADVANCED_26, "Ukrainian military sources", "ukraine", doc="d2",
                      quantities=(("2.6 kilometers", 2.6, "km", "exact"),))]
    repelled = claim(REPELLED, "Russian Ministry of Defence", "russia", doc="d3")
    assert link(advanced).events[0].assessment.status == "corroborated_across_sides"
    [event] = link([*advanced, repelled]).events
    assert event.assessment.status == "disputed"
    assert event.assessment.counts["cross_side_agreements"] >= 1
    assert event.assessment.counts["contradicts"] >= 2


def test_a_rejected_relation_is_kept_but_left_out_of_the_assessment(claim):
    claims = disputed(claim)
    [rel] = link(claims).relations
    result = link(claims, reviews=[review(rel.id, "rejected")])
    [kept] = result.relations
    assert kept.id == rel.id and "review:rejected" in kept.evidence and kept.score == 0
    assert result.events[0].relation_ids == [rel.id]
    assert result.events[0].assessment.status == "unresolved"  # two witnesses, and no relation between them stands
    assert result.events[0].assessment.counts["contradicts"] == 0


def test_the_latest_review_wins_and_a_confirmed_relation_counts(claim):
    claims = disputed(claim)
    [rel] = link(claims).relations
    result = link(claims, reviews=[review(rel.id, "rejected", 1), review(rel.id, "confirmed", 2)])
    assert "review:confirmed" in result.relations[0].evidence
    assert result.events[0].assessment.status == "disputed"


def test_a_side_override_changes_the_speaker_side_before_linking(claim):
    a = claim(ADVANCED_26, "Yevgeny Prigozhin", "unknown", quantities=(("2.6 kilometers", 2.6, "km", "exact"),))
    b = claim(ADVANCED_26, "Ukrainian military sources", "ukraine", doc="d2",
              quantities=(("2.6 kilometers", 2.6, "km", "exact"),))
    assert not link([a, b]).relations[0].cross_side
    override = SideOverride(speaker="yevgeny prigozhin", side="russia", reason="Wagner", at=datetime(2023, 5, 13))
    result = link([a, b], overrides={"Yevgeny Prigozhin": override})
    assert result.relations[0].cross_side
    assert result.events[0].assessment.status == "corroborated_across_sides"


def test_an_event_everyone_denies_is_denied(claim):
    a = claim("Statements about a breakthrough near Bakhmut do not correspond to reality.", "Russian MoD", "russia")
    [event] = link([a]).events
    assert event.assessment.status == "denied"


def test_one_claim_is_a_single_source_event_titled_by_place_and_day(claim):
    [event] = link([claim(ADVANCED_2, "Ganna Malyar", "ukraine")]).events
    assert event.assessment.status == "single_source"
    assert "Bakhmut" in event.title and "11 May 2023" in event.title
