"""Cyrillic text in a legacy single-byte encoding with no declared charset: Windows-1251 or KOI8.

Russian and Ukrainian files saved by older Windows tools (Windows-1251) or Unix mail and
forum archives (KOI8-R, KOI8-U) rarely declare their charset. Both encodings put Cyrillic
letters in the upper half of the byte range, but the other way round in case: what reads as
mostly lower-case Cyrillic in one reads as mostly capitals in the other, so the right one is
the reading where most non-ASCII bytes are Cyrillic letters and most of those are lower case.
A guess is accepted only when that holds clearly; anything else stays a "save it as UTF-8" error.
"""

from __future__ import annotations

import re

CANDIDATES = ("cp1251", "koi8_u")  # KOI8-U is KOI8-R plus the Ukrainian letters
NAMES = {"cp1251": "Windows-1251", "koi8_u": "KOI8-R/KOI8-U"}
MIN_LETTERS = 8
MIN_CYRILLIC_SHARE = 0.9  # of the non-ASCII characters
MIN_LOWER_SHARE = 0.6  # of the Cyrillic letters: running text is mostly lower case
MIN_OF_LETTERS = 0.5  # of all letters: a French or German file has a few accented letters among many ASCII ones
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def guess(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding name)`` when ``data`` is clearly Cyrillic in one of the legacy encodings."""
    best: tuple[float, str, str] | None = None
    for encoding in CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _score(text)
        if score is not None and (best is None or score > best[0]):
            best = (score, text, encoding)
    return (best[1], NAMES[best[2]]) if best else None


def _score(text: str) -> float | None:
    """The share of lower-case letters among the Cyrillic ones, when the text reads as Cyrillic."""
    high = [c for c in text if ord(c) > 127]
    letters = _CYRILLIC.findall(text)
    all_letters = sum(c.isalpha() for c in text)
    if len(letters) < MIN_LETTERS or len(letters) / max(1, len(high)) < MIN_CYRILLIC_SHARE or \
            len(letters) / max(1, all_letters) < MIN_OF_LETTERS:
        return None
    lower = sum(c.islower() for c in letters) / len(letters)
    return lower if lower >= MIN_LOWER_SHARE else None
