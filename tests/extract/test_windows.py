"""Bounded processing: long documents go through in windows, with offsets kept; hostile text finishes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterclaim.extract import windows
from counterclaim.models import Document

paragraph = st.text(alphabet=st.sampled_from("abc xyz.,!?\t\"”КиївД"), min_size=0, max_size=300)


@given(st.lists(paragraph, max_size=40), st.sampled_from(["\n", "\n\n", "\n \n"]))
@settings(max_examples=200, deadline=None)
def test_windows_cover_the_text_in_order_without_gaps(paras, sep):
    text = sep.join(paras)
    parts = windows.windows(text, window_chars=500, piece_chars=120)
    assert "".join(text[s:e] for s, e in parts) == text
    assert all(s < e for s, e in parts)
    assert all(e - s <= 500 for s, e in parts)


def test_a_short_document_is_one_window():
    text = "One paragraph.\n\nAnother one."
    assert windows.windows(text) == [(0, len(text))]


def test_windows_end_at_paragraph_breaks_when_they_can():
    text = "\n\n".join(f"Paragraph number {i} says little." for i in range(50))
    for _, end in windows.windows(text, window_chars=200, piece_chars=100):
        assert end == len(text) or text[end - 1] == "\n"


def test_an_endless_paragraph_is_cut_at_sentence_ends_else_spaces():
    sentences = "Troops held the line. " * 200
    parts = windows.windows(sentences, window_chars=1_000, piece_chars=300)
    assert all(sentences[e - 2: e] == ". " for _, e in parts[:-1])
    words = "word " * 500
    parts = windows.windows(words, window_chars=1_000, piece_chars=300)
    assert all(words[e - 1] == " " for _, e in parts[:-1])
    solid = "x" * 1_000
    assert [e - s for s, e in windows.windows(solid, window_chars=1_000, piece_chars=300)] == [300, 300, 300, 100]


def test_a_two_megabyte_line_is_cut_into_bounded_pieces():
    text = "Shelling continued near the river and troops said the bridge was down " * 30_000
    parts = windows.windows(text)
    assert len(text) > 2_000_000 and len(parts) > 200
    assert max(e - s for s, e in parts) <= windows.PIECE_CHARS


@pytest.mark.slow
def test_a_document_over_the_parser_limit_is_extracted_with_exact_offsets(nlp, monkeypatch):
    """spaCy refuses a text over ``nlp.max_length`` (E088); with windows, extraction goes through
    and every span still points into the document's own text (the limit is lowered here so the
    test stays fast; a 2 MB document takes the same path)."""
    from counterclaim.extract import extract_many

    monkeypatch.setattr(nlp, "max_length", 3_000)
    paragraphs = [f"The defence ministry said its forces repelled {k + 2} attacks near the village of Example. "
                  f"Kyiv said its troops advanced {k + 1} kilometres.\n\n" for k in range(60)]
    text = "".join(paragraphs) + 'Governor Petro Example said: "The dam was hit at dawn."'
    assert len(text) > 2 * nlp.max_length
    [(doc, claims)] = list(extract_many([Document(id="long", text=text, outlet="Example Wire")]))
    assert len([c for c in claims if "attacks near the village" in c.content.text]) == 60
    assert any("dam was hit at dawn" in c.content.text for c in claims)
    for c in claims:
        for span in [c.content, c.cue, c.speaker.mention, c.sentence, *c.hedges, *(q.span for q in c.quantities)]:
            if span is not None:
                assert text[span.start:span.end] == span.text


@pytest.mark.slow
@pytest.mark.parametrize("make", [
    lambda w: " ".join(w),                                   # no punctuation at all
    lambda w: " ".join(w).upper(),                           # all capitals
    lambda w: ", ".join(" ".join(w[i:i + 8]) for i in range(0, len(w), 8)) + ".",  # one endless sentence
    lambda w: " ".join(x + " Київ заявив" for x in w),        # mixed scripts
], ids=["unpunctuated", "all-caps", "one-sentence", "mixed-script"])
def test_hostile_text_is_processed_and_spans_stay_exact(extract, make):
    words = ("the ministry said troops had advanced near the village while officials denied any losses "
             "and shelling continued overnight").split() * 130  # about 2,000 words in one paragraph
    text = make(words)
    claims = extract(text)
    for c in claims:
        assert text[c.content.start:c.content.end] == c.content.text
