"""Typing claims into propositions: type, actor, polarity, quantities, on hand-written sentences."""

from __future__ import annotations

import pytest

from counterclaim.link.propositions import propositions


def one(claim):
    [p] = propositions(claim)
    return p


@pytest.mark.parametrize("text, side, kind, actor", [
    ("Every attack launched by Ukrainian army units was repelled.", "russia", "REPEL", "russia"),
    ("Our defence forces advanced two kilometres near Bakhmut.", "ukraine", "ADVANCE", "ukraine"),
    ("The enemy advanced two kilometres near Bakhmut.", "russia", "ADVANCE", "ukraine"),
    ("The enemy advanced two kilometres near Bakhmut.", "ukraine", "ADVANCE", "russia"),
    ("Ukrainian units achieved a breakthrough at the front in Bakhmut", "russia", "BREAKTHROUGH", "ukraine"),
    ("Russian forces captured the village of Bakhmut", "ukraine", "CAPTURE", "russia"),
    ("its units had recaptured territory near Bakhmut", "ukraine", "ADVANCE", "ukraine"),
    ("a Russian army unit abandoned its position", "russia", "WITHDRAWAL", "russia"),
    ("a missile strike hit an apartment block where civilians were killed", "ukraine", "CIVILIAN_HARM", None),
    ("Kyiv had deployed more than 1,200 extra troops", "russia", "DEPLOYMENT", "ukraine"),
    ("everything is going according to plan", "russia", "OTHER", None),
])
def test_type_and_actor(claim, text, side, kind, actor):
    p = one(claim(text, side=side))
    assert p.type == kind
    if actor is not None:
        assert p.actor == actor


def test_losses_mark_the_side_that_suffers(claim):
    p = one(claim("The enemy has suffered heavy losses in personnel.", side="ukraine"))
    assert (p.type, p.target, p.actor) == ("LOSSES", "russia", "ukraine")


def test_repel_target_is_the_attacker(claim):
    p = one(claim("Every attack launched by Ukrainian army units was repelled."))
    assert p.target == "ukraine"


@pytest.mark.parametrize("text, stance", [
    ("Our troops did not lose one position in the town during the week,", "asserts"),
    ("Our troops didn't lose one position in the town during the week,", "asserts"),
    ("Russian troops haven’t captured the village of Klishchiivka,", "asserts"),
    ("Statements about 'defense breakthroughs' do not correspond to reality.", "asserts"),
    ("Ukrainian units achieved a breakthrough in Bakhmut", "denies"),
])
def test_negation_and_denial_make_polarity_false(claim, text, stance):
    p = one(claim(text, side="ukraine", stance=stance))
    assert p.polarity is False


def test_assertion_keeps_polarity_true(claim):
    assert one(claim("Our defence forces advanced two kilometres near Bakhmut.", side="ukraine")).polarity is True


def test_each_sentence_is_its_own_proposition_with_its_own_numbers(claim):
    text = ("The enemy has suffered heavy losses in personnel. Our units pushed forward two kilometres "
            "near Bakhmut. Our troops did not lose one position in the town during the week,")
    props = propositions(claim(text, side="ukraine", quantities=(("two kilometres", 2, "km", "exact"),)))
    assert [(p.type, p.polarity) for p in props] == [("LOSSES", True), ("ADVANCE", True), ("WITHDRAWAL", False)]
    assert [len(p.quantities) for p in props] == [0, 1, 0]


def test_a_decimal_point_does_not_end_a_sentence(claim):
    text = "Ukrainian units had advanced 2.6 kilometers on a 3-kilometer section of the front"
    props = propositions(claim(text, side="ukraine", quantities=(("2.6 kilometers", 2.6, "km", "exact"),
                                                                 ("3-kilometer", 3, "km", "exact"))))
    assert len(props) == 1
    assert [q.counted for q in props[0].quantities] == [None, "front"]


def test_the_subject_before_the_trigger_acts(claim):
    props = propositions(claim("his troops had advanced up to 2.6 kilometres and had forced Russian units out of "
                               "positions", side="ukraine"))
    assert (props[0].type, props[0].actor) == ("ADVANCE", "ukraine")


def test_a_side_forced_out_is_the_one_that_withdraws(claim):
    props = propositions(claim("our brigades advanced and have pushed the occupiers out of two villages",
                               "Ukrainian General Staff", "ukraine"))
    assert [(p.type, p.actor) for p in props] == [("ADVANCE", "ukraine"), ("WITHDRAWAL", "russia")]


def test_calling_a_claim_inconsistent_with_evidence_negates_it(claim):
    p = one(claim('the Russian claim that every attack had been repelled was "not consistent with the available evidence"',
                  "Institute for the Study of War", "third_party"))
    assert (p.type, p.polarity, p.actor) == ("REPEL", False, "russia")


def test_clauses_joined_by_and_that_are_typed_apart(claim):
    text = ("that Ukrainian forces had advanced up to 2 km in places, and that the Russian withdrawal from "
            "the reservoir area was forced")
    props = propositions(claim(text, "Defence Intelligence", "third_party", quantities=(("2 km", 2, "km", "at_most"),)))
    assert [(p.type, p.actor, len(p.quantities)) for p in props] == [("ADVANCE", "ukraine", 1), ("WITHDRAWAL", "russia", 0)]
