"""Values in Russian and Ukrainian contents: hedges, quantities, places, times (filled in below)."""

from __future__ import annotations

import re
from datetime import datetime

from counterclaim.extract.cyrillic.lexicon import lexicon
from counterclaim.models import Place, Quantity, Span, TimeRange

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n")


def sentence_around(text: str, att) -> Span:
    """The source sentence(s) of an attribution: from the sentence start before its first span to
    the sentence end after its last."""
    spans = [s for s in (att.source, att.cue, att.content) if s is not None]
    start, end = min(s[0] for s in spans), max(s[1] for s in spans)
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    s = before[-1] if before else 0
    after = _SENTENCE_END.search(text, end)
    e = after.start() if after else len(text)
    return Span.of(text, s, max(e, end))


def hedges(text: str, start: int, end: int, lang: str) -> list[Span]:
    """The hedge words of the lexicon ("якобы", "нібито") in ``text[start:end]``."""
    return [Span.of(text, start + m.start(), start + m.end()) for m in lexicon(lang).hedges.finditer(text[start:end])]


def find_quantities(text: str, start: int, end: int, lang: str) -> list[Quantity]:
    return []


def find_places(text: str, start: int, end: int, lang: str) -> list[Place]:
    return []


def find_times(text: str, start: int, end: int, anchor: datetime | None, lang: str) -> list[TimeRange]:
    return []


def event_time(text: str, start: int, end: int, anchor: datetime | None, lang: str) -> TimeRange | None:
    found = find_times(text, start, end, anchor, lang)
    return found[0] if found else None
