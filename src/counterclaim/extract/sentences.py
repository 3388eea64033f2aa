"""Sentence boundaries of real reporting that the English parser gets wrong, and wire datelines.

- **Footnote markers** ("... on July 28.[1] Ukraine and Russia ..."): the tokenizer glues
  ``28.[1`` into one token, so the parser sees one sentence. A tokenizer suffix rule splits
  ``[1]`` off, and ``counterclaim_sentences_v1`` (added before the parser) ends the sentence
  after the marker.
- **Capitalised names after "the", "of", "and"** ("leader of the We Are Together With Russia
  movement"): no sentence ends with a determiner, preposition or conjunction, so the word after
  one never starts a sentence.
- **Datelines** ("KYIV, Ukraine (AP) —", "MOSCOW, June 7. /TASS/.", "(Reuters) -") open a
  paragraph and name where a wire story was filed, not who says what: the component starts a
  new sentence after one, and :func:`dateline_end` lets the rules keep it out of contents.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import compile_suffix_regex

COMPONENT = "counterclaim_sentences_v1"
FOOTNOTE = re.compile(r"\[[0-9]{1,3}\]")
SENTENCE_END = {".", "!", "?", '"', "”", "’"}
DASHES = {"—", "–", "-", "--"}
AGENCY = re.compile(r"/[A-Za-z-]{2,12}/\.?")  # "/TASS/." as TASS writes it
DATELINE_WORDS = 14  # a dateline is short: "NOVAYA KAKHOVKA /Kherson Region/, June 7. /TASS/."


def add_footnote_suffix(nlp: Language) -> None:
    """Let the tokenizer split a footnote marker off the word before it ("28.[1]" -> "28", ".", "[1]")."""
    suffixes = [FOOTNOTE.pattern, *nlp.Defaults.suffixes]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search


def _all_caps_word(tok: Token) -> bool:
    return tok.is_alpha and tok.is_upper and len(tok) >= 3


def dateline_end(tokens: list[Token]) -> int | None:
    """Index (into ``tokens``, one paragraph without spaces) of the first token after a wire
    dateline that opens it, or None. Datelines: "(Reuters) -", "KYIV, Ukraine (AP) —",
    "MOSCOW, August 5. /TASS/." -- an agency in brackets or slashes, or a capitalised place
    and date ended by a dash, within the first few words."""
    if len(tokens) < 3:
        return None
    if tokens[0].text == "(" and tokens[2].text == ")" and len(tokens) > 3 and tokens[3].text in DASHES:
        return 4
    if not _all_caps_word(tokens[0]):
        return None
    for k, tok in enumerate(tokens[1:DATELINE_WORDS], start=1):
        if AGENCY.fullmatch(tok.text) or tok.text in DASHES:
            return k + 1
        if tok.text == ")" and k + 1 < len(tokens) and tokens[k + 1].text in DASHES:
            return k + 2
        if tok.is_alpha and tok.is_lower:  # running prose, not a dateline
            return None
    return None


NO_SENTENCE_END = {"DT", "IN", "CC", "TO", "PRP$", "POS", "WDT", "WP$"}


@Language.component(COMPONENT)
def sentence_starts(doc: Doc) -> Doc:
    """Fix sentence starts before the parser runs: none right after a determiner, preposition or
    conjunction; one after a footnote marker that follows the end of a sentence, and after a wire
    dateline opening a paragraph."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.tag_ in NO_SENTENCE_END and not prev.is_space and "\n" not in prev.whitespace_ and not tok.is_space:
            tok.is_sent_start = False
    for tok in doc[1:]:
        if FOOTNOTE.fullmatch(tok.text) and doc[tok.i - 1].text in SENTENCE_END:
            tok.is_sent_start = False
            if tok.i + 1 < len(doc) and not doc[tok.i + 1].is_space:
                doc[tok.i + 1].is_sent_start = True
    for para in _paragraph_starts(doc):
        tokens = [t for t in doc[para: para + DATELINE_WORDS + 2] if not t.is_space]
        end = dateline_end(tokens)
        if end is not None and end < len(tokens):
            for tok in tokens[1:end]:
                tok.is_sent_start = False
            tokens[end].is_sent_start = True
    return doc


def _paragraph_starts(doc: Doc) -> list[int]:
    """Token indices that open a paragraph (the first token, and each after a line break)."""
    out = [0] if len(doc) else []
    for tok in doc[:-1]:
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            nxt = doc[tok.i + 1]
            if not nxt.is_space:
                out.append(nxt.i)
    return out
