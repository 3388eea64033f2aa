"""Language identification with lingua, restricted to the languages counterclaim extracts from.

Why restricted: lingua decides between the languages it is given, and a detector that
only knows English, Russian and Ukrainian never answers Belarusian or Bulgarian for a
short Russian headline. Why per paragraph: a Russian article quotes a Ukrainian
statement, a Telegram post mixes an English caption with Russian text, and extraction
picks its lexicon per paragraph.

Text without a Cyrillic letter is English without asking lingua (restricted to our three
languages, lingua would answer English for any Latin-script text anyway), so ingesting and
extracting English reports never loads its models (about 150 MB, 1.5 s).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from counterclaim.errors import ModelError

SUPPORTED: tuple[str, ...] = ("en", "ru", "uk")
"""The languages counterclaim identifies and extracts claims from (ISO 639-1)."""

_PARAGRAPH = re.compile(r"[^\n]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Identified:
    """A document's language and its paragraphs' ``(start, end, language)``; ``None``: no letters."""

    language: str | None
    paragraphs: list[tuple[int, int, str | None]] = field(default_factory=list)

    def at(self, offset: int) -> str | None:
        """The language of the paragraph holding character ``offset`` (the document's elsewhere)."""
        for start, end, lang in self.paragraphs:
            if start <= offset < end:
                return lang or self.language
        return self.language


@lru_cache(maxsize=1)
def _detector():
    """The lingua detector for :data:`SUPPORTED`, built once per process."""
    try:
        from lingua import IsoCode639_1, LanguageDetectorBuilder
    except ImportError as exc:
        raise ModelError("lingua-language-detector is not installed; run `make setup` "
                         "(it is pinned in requirements.txt)") from exc
    codes = [getattr(IsoCode639_1, code.upper()) for code in SUPPORTED]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def language_of(text: str) -> str | None:
    """The language of one piece of text among :data:`SUPPORTED`; ``None`` when it has no letters."""
    if not _LETTER.search(text):
        return None
    if not _CYRILLIC.search(text):
        return "en"
    found = _detector().detect_language_of(text)
    return found.iso_code_639_1.name.lower() if found is not None else None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every non-blank line of ``text`` (a paragraph in stored reports)."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def identify(text: str) -> Identified:
    """The document's language (the one most of its letters are in) and each paragraph's."""
    paras = [(start, end, language_of(text[start:end])) for start, end in paragraphs(text)]
    weight: dict[str, int] = {}
    for start, end, lang in paras:
        if lang is not None:
            weight[lang] = weight.get(lang, 0) + len(_LETTER.findall(text[start:end]))
    language = max(weight, key=lambda k: (weight[k], -SUPPORTED.index(k))) if weight else None
    return Identified(language, paras)
