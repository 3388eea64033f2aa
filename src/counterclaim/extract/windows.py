"""Bounded pieces of a long document, so that extraction runs in bounded time and memory.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters, error E088), and the parser
and the attribution rules slow down on one huge paragraph or one endless sentence. A document
is therefore parsed in *windows*: runs of whole paragraphs of at most :data:`WINDOW_CHARS`
characters; a paragraph longer than :data:`PIECE_CHARS` (a 5,000-word block, a scraped page
without line breaks, text without punctuation) is cut into pieces at the last sentence end
before the limit, else at the last space, else at the limit itself. Every window keeps its
offset, so the claims found in it point into the document's own text.

Short documents (nearly all news articles) are one window, parsed exactly as before.
"""

from __future__ import annotations

import re

WINDOW_CHARS = 100_000  # characters per spaCy doc at most (spaCy's own limit is 1,000,000)
PIECE_CHARS = 10_000  # a paragraph longer than this is cut into pieces (about 1,500 words)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n|\n")
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*\s")
_SPACE = re.compile(r"\s")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, the line break after it included."""
    out, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _cut(text: str, start: int, end: int, limit: int) -> int:
    """Where to end a piece that starts at ``start``: the last sentence end, else the last
    whitespace, within ``limit`` characters; else at the limit."""
    stop = min(end, start + limit)
    if stop == end:
        return end
    window = text[start:stop]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    if ends and ends[-1] > limit // 4:
        return start + ends[-1]
    spaces = [m.end() for m in _SPACE.finditer(window, limit // 2)]
    if spaces:
        return start + spaces[-1]
    return stop


def _pieces(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    out = []
    while start < end:
        cut = _cut(text, start, end, limit)
        out.append((start, cut))
        start = cut
    return out


def windows(text: str, window_chars: int = WINDOW_CHARS, piece_chars: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) offsets of the windows that cover ``text`` in order, without gaps: runs of
    whole paragraphs up to ``window_chars``; over-long paragraphs cut into their own pieces."""
    if len(text) <= window_chars and all(e - s <= piece_chars for s, e in _paragraphs(text)):
        return [(0, len(text))] if text else []
    out: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, end in _paragraphs(text):
        if end - start > piece_chars:
            if current is not None:
                out.append(current)
                current = None
            out.extend(_pieces(text, start, end, piece_chars))
        elif current is not None and end - current[0] <= window_chars:
            current = (current[0], end)
        else:
            if current is not None:
                out.append(current)
            current = (start, end)
    if current is not None:
        out.append(current)
    return out
