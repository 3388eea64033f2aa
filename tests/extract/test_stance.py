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
