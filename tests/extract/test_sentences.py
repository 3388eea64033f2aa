"""Sentence starts the parser misses in real reporting: footnote markers and wire datelines."""

from __future__ import annotations

import pytest

from counterclaim.extract.sentences import dateline_end

pytestmark = pytest.mark.slow


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_a_footnote_marker_ends_its_sentence(nlp):
    text = "Troops entered the village on Monday.[1] The bridge was blown up the next day.[2] Fighting went on."
    assert sentences(nlp, text) == ["Troops entered the village on Monday.[1]",
                                    "The bridge was blown up the next day.[2]", "Fighting went on."]


@pytest.mark.parametrize("text, rest", [
    ("KHARKIV, Ukraine (Wire) — Two people were killed in shelling overnight.", "Two people were killed"),
    ("LVIV, May 3. /Agency/. Air defences shot down four drones.", "Air defences shot down"),
    ("(Wire) - An official said the dam had collapsed.", "An official said"),
])
def test_a_dateline_is_a_sentence_of_its_own(nlp, text, rest):
    assert sentences(nlp, text)[-1].startswith(rest)


@pytest.mark.parametrize("text", [
    "NATO said on Monday that the alliance would meet.",
    "The ministry said — without giving details — that troops advanced.",
    "UN agencies were told to leave.",
])
def test_ordinary_sentences_are_not_datelines(nlp, text):
    tokens = [t for t in nlp.make_doc(text) if not t.is_space]
    assert dateline_end(tokens) is None


def test_no_sentence_starts_after_a_determiner_or_preposition(nlp):
    text = "The strike was confirmed by Oleh Example, head of the We Stand Together movement, on Monday."
    assert len(sentences(nlp, text)) == 1
