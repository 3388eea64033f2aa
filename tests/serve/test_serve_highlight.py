"""Highlighted HTML from spans: always the exact text, always escaped, always well nested."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st
from serve_data import FRONT, story

from counterclaim.serve.highlight import Mark, document_html, render, sentence_html

TAG = re.compile(r"<[^>]*>")


class Nesting(HTMLParser):
    """Records the tags it sees and whether every close matches the last open."""

    def __init__(self):
        super().__init__()
        self.stack, self.ok, self.tags = [], True, set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        self.ok = self.ok and bool(self.stack) and self.stack.pop() == tag


@st.composite
def text_and_marks(draw):
    text = draw(st.text(alphabet=st.sampled_from(list("ab <>&\"'\n/")), max_size=40))
    n = len(text)
    marks = []
    for _ in range(draw(st.integers(0, 5))):
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        marks.append(Mark(a, b, "claim side-russia", draw(st.text(max_size=8)), draw(st.none() | st.just("c1"))))
    return text, marks


@given(text_and_marks())
def test_render_keeps_the_text_escapes_it_and_nests_marks(case):
    text, marks = case
    out = str(render(text, marks))
    assert html.unescape(TAG.sub("", out)) == text
    parser = Nesting()
    parser.feed(out)
    parser.close()
    assert parser.ok and not parser.stack and parser.tags <= {"mark"}


def test_document_marks_content_speaker_and_cue_with_tooltips():
    docs, claims, _, _ = story()
    out = str(document_html(FRONT, [c for c in claims if c.document_id == docs[0].id]))
    assert out.count('class="claim side-') == 3
    assert '<mark class="speaker side-ukraine" title="speaker: Hanna Maliar (ukraine)">' in out
    assert '<mark class="cue" title="cue: denied">denied</mark>' in out
    assert html.unescape(TAG.sub("", out)) == FRONT


def test_sentence_is_cut_from_the_document_with_the_claim_marked():
    docs, claims, _, _ = story()
    out = str(sentence_html(FRONT, claims[1]))
    assert html.unescape(TAG.sub("", out)) == claims[1].sentence.text
    assert 'stance-denies' in out


def test_search_snippet_marks_matches_and_escapes_the_rest():
    from counterclaim.serve.highlight import snippet_html

    out = str(snippet_html("a <b> [Bakhmut] & [<i>]"))
    assert out == 'a &lt;b&gt; <mark class="hit">Bakhmut</mark> &amp; <mark class="hit">&lt;i&gt;</mark>'
