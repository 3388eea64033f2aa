"""Relations between hand-written claims: the kinds, their evidence, independence and sides."""

from __future__ import annotations

from counterclaim.link import link

REPELLED = "Every attack launched by Ukrainian army units was repelled."
ADVANCED_2 = "Our defence forces advanced two kilometres near Bakhmut."
ADVANCED_26 = "Ukrainian units had advanced 2.6 kilometers near Bakhmut"


def only(result, kind=None):
    rels = [r for r in result.relations if kind is None or r.kind == kind]
    assert len(rels) == 1, result.relations
    return rels[0]


def test_repelled_vs_advanced_contradicts(claim):
    a = claim(REPELLED, "Russian Ministry of Defence", "russia", places=())
    b = claim(ADVANCED_2, "Ganna Malyar", "ukraine", quantities=(("two kilometres", 2, "km", "exact"),))
    r = only(link([a, b]))
    assert r.kind == "contradicts"
    assert {"incompatible:acts", "answer:ukraine"} <= set(r.evidence)
    assert r.cross_side and r.independent
    assert "Russian Ministry of Defence" in r.reason and "Ganna Malyar" in r.reason
    assert "two kilometres" in r.reason and "both cannot be true" in r.reason


def test_same_distance_from_opposing_sides_corroborates_across_sides(claim):
    a = claim(ADVANCED_26, "Yevgeny Prigozhin", "russia", organisation="Wagner Group", doc="d1",
              quantities=(("2.6 kilometers", 2.6, "km", "exact"),))
    b = claim(ADVANCED_26, "Ukrainian military sources", "ukraine", doc="d2",
              quantities=(("2.6 kilometers", 2.6, "km", "exact"),))
    result = link([a, b])
    r = only(result)
    assert (r.kind, r.cross_side, r.independent) == ("corroborates", True, True)
    assert "quantity:equal" in r.evidence
    [event] = result.events
    assert event.assessment.status == "corroborated_across_sides"
    assert any(n.startswith("adversaries agree") for n in event.assessment.notes)


def test_two_vs_two_point_six_km_corroborates_as_close_figures(claim):
    a = claim(ADVANCED_2, "Ganna Malyar", "ukraine", quantities=(("two kilometres", 2, "km", "exact"),))
    b = claim(ADVANCED_26, "Yevgeny Prigozhin", "russia", doc="d2", quantities=(("2.6 kilometers", 2.6, "km", "exact"),))
    r = only(link([a, b]))
    assert (r.kind, r.cross_side) == ("corroborates", True)
    assert "quantity:close" in r.evidence and "polarity:same" in r.evidence


def test_an_interval_inside_another_refines(claim):
    a = claim("The enemy lost more than 100 soldiers near Bakhmut", "Ukrainian General Staff", "ukraine",
              quantities=(("more than 100", 100, None, "at_least"),))
    b = claim("The enemy lost 140 soldiers near Bakhmut", "Kyiv Independent", "media", doc="d2",
              quantities=(("140", 140, None, "exact"),))
    b = b.model_copy(update={"speaker": b.speaker.model_copy(update={"side": "ukraine"})})
    assert only(link([a, b])).kind == "refines"


def test_far_apart_numbers_contradict(claim):
    a = claim("Russian forces lost 500 soldiers near Bakhmut", "Ganna Malyar", "ukraine",
              quantities=(("500", 500, None, "exact"),))
    b = claim("Russian forces lost 50 soldiers near Bakhmut", "Russian Ministry of Defence", "russia", doc="d2",
              quantities=(("50", 50, None, "exact"),))
    r = only(link([a, b]))
    assert r.kind == "contradicts" and "quantity:disjoint" in r.evidence


def test_the_same_ministry_quoted_by_two_outlets_is_one_witness(claim):
    a = claim(ADVANCED_2, "Ministry of Defence of Ukraine", "ukraine", doc="kyiv-post")
    b = claim(ADVANCED_2, "Ministry of Defence of Ukraine", "ukraine", doc="ukrinform")
    result = link([a, b])
    r = only(result)
    assert r.kind == "corroborates" and r.independent is False
    a_ = result.events[0].assessment
    assert (a_.status, a_.counts["witnesses"]) == ("single_source", 1)
    assert any("same witness" in n for n in a_.notes)


def test_one_witness_denying_through_two_outlets_is_a_denial_not_a_corroboration(claim):
    a = claim(REPELLED, "Russian Ministry of Defence", "russia", doc="tass")
    b = claim(REPELLED, "Russian Ministry of Defence", "russia", doc="ria")
    result = link([a, b])
    assert only(result).independent is False
    assert result.events[0].assessment.status == "denied"


def test_prigozhin_against_the_mod_is_a_faction_note(claim):
    mod = claim(REPELLED, "Russian Ministry of Defence", "russia", places=())
    wagner = claim(ADVANCED_26, "Yevgeny Prigozhin", "russia", organisation="Wagner Group",
                   quantities=(("2.6 kilometers", 2.6, "km", "exact"),))
    result = link([mod, wagner])
    assert only(result).kind == "contradicts"
    notes = result.events[0].assessment.notes
    assert any("faction contradicts its own side (russia)" in n and "Prigozhin" in n for n in notes)


def test_a_denial_of_a_quoted_claim_answers_that_claim(claim):
    text = "Ukrainian units achieved a breakthrough at the front in Bakhmut"
    bloggers = claim(text, "pro-Moscow bloggers", "russia", when=None)
    kremlin = claim(text, "Kremlin", "russia", when=None, stance="denies")
    r = only(link([bloggers, kremlin]))
    assert r.kind == "contradicts" and "polarity" in r.evidence


def test_unrelated_places_and_types_give_no_relation(claim):
    a = claim(REPELLED, "Russian Ministry of Defence", "russia", places=("Kherson",), doc="d1")
    b = claim(ADVANCED_2, "Ganna Malyar", "ukraine", places=("Bakhmut",), doc="d2")
    result = link([a, b])
    assert result.relations == []
    assert len(result.events) == 2


def test_relations_and_events_are_idempotent_and_order_free(claim):
    claims = [claim(REPELLED, "Russian Ministry of Defence", "russia", places=()),
              claim(ADVANCED_2, "Ganna Malyar", "ukraine", quantities=(("two kilometres", 2, "km", "exact"),)),
              claim(ADVANCED_26, "Yevgeny Prigozhin", "russia", quantities=(("2.6 kilometers", 2.6, "km", "exact"),))]
    first, again, reversed_ = link(claims), link(claims), link(list(reversed(claims)))
    assert first == again == reversed_
    assert [r.id for r in first.relations] and all(r.id.startswith("rel-") for r in first.relations)


def test_some_attacks_repelled_do_not_contradict_an_advance(claim):
    some = claim("Two attacks by Ukrainian units near Bakhmut were repelled", "Russian Ministry of Defence", "russia",
                 doc="d1")
    advanced = claim(ADVANCED_2, "Ganna Malyar", "ukraine", doc="d2", quantities=(("two kilometres", 2, "km", "exact"),))
    assert [r.kind for r in link([some, advanced]).relations if r.kind == "contradicts"] == []


def test_every_attack_repelled_on_another_day_does_not_contradict_an_advance(claim):
    earlier = claim("Every attack by Ukrainian units near Bakhmut was repelled", "Russian Ministry of Defence",
                    "russia", doc="d1", when="2023-05-01")
    advanced = claim(ADVANCED_2, "Ganna Malyar", "ukraine", doc="d2", quantities=(("two kilometres", 2, "km", "exact"),))
    assert link([earlier, advanced]).relations == []


def test_claims_blaming_opposite_sides_never_corroborate_however_alike_their_words(claim):
    """Two sentences that differ in one word are close by any measure; the answers decide."""
    ours = claim("Russian forces blew up the Kakhovka dam", "Andriy Yusov", "ukraine", doc="d1", places=("Kherson",))
    theirs = claim("Ukrainian forces blew up the Kakhovka dam", "TASS", "russia", doc="d2", places=("Kherson",))
    [relation] = link([ours, theirs]).relations
    assert relation.kind == "contradicts"
    assert "Russian forces blew up" in relation.reason and "Ukrainian forces blew up" in relation.reason
