"""What is odd about the script of a text, said so a person can act on it, and a reading copy.

- **Mixed-script words**: Latin look-alikes inside a Cyrillic word ("Мinистерство" with a Latin
  "i") or Cyrillic ones inside a Latin word ("Bаkhmut" with a Cyrillic "а"), from careless
  typing or deliberate evasion of filters. Dictionaries miss such words.
- **Pre-reform spelling**: Russian before 1918 (ѣ, ѳ, ѵ, "і" in a Russian word).

:func:`oddities` describes them; :func:`reading_copy` gives a same-length copy of the text
with look-alikes and pre-reform letters replaced by their modern Cyrillic equivalents, which
the Cyrillic analysis reads, so offsets into the stored text stay exact.
Transliterated names ("Prigozhin" in a Russian text) need no copy: actor aliases cover them.
"""

from __future__ import annotations

import re

# Latin letters that look like Cyrillic ones (and back); one character each, so lengths never change
LATIN_TO_CYRILLIC = str.maketrans("AaBCcEeHKMOoPpTXxYyi", "АаВСсЕеНКМОоРрТХхУуі")
CYRILLIC_TO_LATIN = {v: k for k, v in zip("AaBCcEeHKMOoPpTXxYy", "АаВСсЕеНКМОоРрТХхУу", strict=True)}
PRE_REFORM = str.maketrans("ѣѢѳѲѵѴ", "еЕфФиИ")
_WORD = re.compile(r"[^\W\d_]+")
_CYR = re.compile(r"[\u0400-\u04ff]")
_LAT = re.compile(r"[A-Za-z]")
_OLD = re.compile(r"[ѣѢѳѲѵѴ]")


def mixed_words(text: str) -> list[str]:
    """The words that mix Latin and Cyrillic letters, in order, each once."""
    seen: dict[str, None] = {}
    for m in _WORD.finditer(text):
        w = m.group()
        if _CYR.search(w) and _LAT.search(w):
            seen.setdefault(w)
    return list(seen)


def oddities(text: str) -> list[str]:
    """Messages about the script of ``text``; empty when there is nothing to say."""
    out = []
    mixed = mixed_words(text)
    if mixed:
        shown = ", ".join(repr(w) for w in mixed[:3])
        out.append(f"{len(mixed)} word(s) mix Latin and Cyrillic letters ({shown}); look-alike letters are read "
                   "as the script of the rest of the word")
    if _OLD.search(text):
        out.append("pre-reform Russian spelling (ѣ, ѳ, ѵ); read with modern letters")
    return out


def reading_copy(text: str) -> str:
    """``text`` with the same length, mixed-script words written in one script (the one most of
    the word's letters are in) and pre-reform letters modernised."""
    chars = list(text.translate(PRE_REFORM))
    for m in _WORD.finditer(text):
        w = m.group()
        cyr, lat = len(_CYR.findall(w)), len(_LAT.findall(w))
        if not (cyr and lat):
            continue
        fixed = w.translate(LATIN_TO_CYRILLIC) if cyr >= lat else "".join(CYRILLIC_TO_LATIN.get(c, c) for c in w)
        chars[m.start():m.end()] = fixed.translate(PRE_REFORM)
    return "".join(chars)
