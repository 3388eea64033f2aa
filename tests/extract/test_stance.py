"""Stance from the cue and from content that declares something false; hedges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counterclaim.extract.stance import hedges, stance_of


@pytest.mark.parametrize("cue", ["denied", "deny", "rejected", "dismissed", "refuted", "denial", "rejects"])
def test_denial_cues(cue):
    assert stance_of(cue, "Russian troops retreated from the city") == "denies"


@pytest.mark.parametrize("cue", ["said", "claimed", "told", "added", "reported"])
def test_ordinary_cues_assert(cue):
    assert stance_of(cue, "Russian troops retreated from the city") == "asserts"


def test_negated_denial_asserts():
    assert stance_of("deny", "the strike happened", before_cue="The ministry did not ") == "asserts"


@pytest.mark.parametrize("before", ["The ministry didn't ", "The ministry didn’t ", "Kyiv hasn't yet "])
def test_contracted_negation_of_a_denial_asserts(before):
    assert stance_of("deny", "the strike happened", before_cue=before) == "asserts"


@pytest.mark.parametrize("content", [
    "Statements about breakthroughs do not correspond to reality.",
    "Reports of heavy losses are fake.",
    "This is not true.",
    "The video is fabricated.",
])
def test_content_declaring_falsehood_denies(content):
    assert stance_of("said", content) == "denies"


def test_hedges_have_absolute_offsets():
    text = "xx The village has reportedly fallen and may be lost."
    found = hedges(text, 3, len(text))
    assert [h.text for h in found] == ["reportedly", "may"]
    assert all(text[h.start:h.end] == h.text for h in found)


@given(st.text(max_size=200))
def test_hedges_are_always_exact_slices(text):
    for h in hedges(text, 0, len(text)):
        assert text[h.start:h.end] == h.text


@pytest.mark.parametrize("cue, content, stance", [
    ("played down", "reports of a breakthrough near the village", "denies"),
    ("dismissed", "the claims as propaganda", "denies"),
    ("rejected", "these reports", "denies"),
    ("said", "the responsibility for the flooding lies with the other side", "asserts"),
    ("said", "the first line of defence has not been breached", "asserts"),
    ("called", "the accusation nonsense", "denies"),
])
def test_denial_cues_and_plain_negatives(cue, content, stance):
    from counterclaim.extract.stance import stance_of

    assert stance_of(cue, content) == stance


@pytest.mark.parametrize("content, cue, certainty", [
    ("the bridge was destroyed on Monday", "said", 1.0),
    ("the dam is likely to collapse further", "said", 0.7),
    ("there is a real possibility that the plant loses power", "said", 0.5),
    ("troops may have crossed the river", "said", 0.5),
    ("the column was almost certainly destroyed", "said", 0.95),
    ("the plant is highly unlikely to face new risks", "said", 0.85),
    ("the strike was carried out by the army", "assessed", 0.7),
    ("the unit reportedly withdrew", "wrote", 0.6),
])
def test_certainty_follows_the_weakest_hedge(content, cue, certainty):
    from counterclaim.extract.stance import certainty as measure
    from counterclaim.extract.stance import hedges

    assert measure(hedges(content, 0, len(content)), cue) == certainty


@pytest.mark.slow
def test_an_analysts_assessment_carries_its_hedge(extract):
    claims = extract("The Example Institute assessed that Russian forces likely withdrew from the village.")
    c = next(c for c in claims if "withdrew" in c.content.text)
    assert c.certainty == 0.7 and any(h.text == "likely" for h in c.hedges)
