"""Quotations in Russian and Ukrainian text: «ёлочки», „лапки“, “English-style” and "straight" quotes.

A quotation is the text between an opening and its closing mark. Nested marks of
another kind stay inside («… „…“ …»). Straight quotes pair up in order. A quote
still open at the end of its paragraph runs to the end of the paragraph (reports
often cut a long quotation there). Marks between two letters are not quotes.
"""

from __future__ import annotations

from dataclasses import dataclass

PAIRS = {"«": "»", "„": "“", "“": "”", '"': '"', "‹": "›"}
OPENERS = frozenset(PAIRS)
CLOSERS = frozenset(PAIRS.values())


@dataclass(frozen=True)
class Quote:
    """A quotation: ``start``/``end`` cover the marks, ``inner_*`` the quoted text."""

    start: int
    end: int

    @property
    def inner_start(self) -> int:
        return self.start + 1

    @property
    def inner_end(self) -> int:
        return self.end - 1 if self.closed else self.end

    closed: bool = True


def find_quotes(text: str, start: int, end: int) -> list[Quote]:
    """Every outermost quotation in ``text[start:end]`` (one paragraph), in order."""
    out: list[Quote] = []
    i = start
    while i < end:
        ch = text[i]
        if ch in OPENERS and not _between_letters(text, i):
            close = _closing(text, i, end)
            if close is None:
                out.append(Quote(i, _trim_end(text, i, end), closed=False))
                break
            out.append(Quote(i, close + 1))
            i = close + 1
            continue
        i += 1
    return out


def _between_letters(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


def _closing(text: str, i: int, end: int) -> int | None:
    """The index of the mark closing the quote opened at ``i``, skipping nested quotes of other kinds."""
    opener = text[i]
    closer = PAIRS[opener]
    depth = 0
    j = i + 1
    while j < end:
        ch = text[j]
        if ch == closer and (opener != '"' or not _opens_straight(text, j)) and depth == 0:
            return j
        if ch == opener and opener != closer:
            depth += 1
        elif ch == closer and depth > 0:
            depth -= 1
        j += 1
    return None


def _opens_straight(text: str, j: int) -> bool:
    """A straight quote that opens a nested quote rather than closing: a letter follows, a space precedes."""
    return j + 1 < len(text) and text[j + 1].isalnum() and j > 0 and text[j - 1] in " (\u00a0"


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def quote_at(quotes: list[Quote], pos: int) -> Quote | None:
    """The quotation whose marks enclose character ``pos``, if any."""
    for q in quotes:
        if q.start <= pos < q.end:
            return q
    return None
