"""The Russian and Ukrainian cue lexicon (``lexicon.yaml``), loaded and compiled once.

``lexicon(lang)`` gives the verbs, phrases and words of one language; ``side_of_words``
reads a side from the words of a description with the ``sides`` stems shared by both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from counterclaim.errors import ModelError
from counterclaim.extract.cyrillic.morph import normal
from counterclaim.models import Side

LANGUAGES = ("ru", "uk")
_WORD = re.compile(r"[\w'’ʼ-]+")


@dataclass(frozen=True)
class Lexicon:
    """The cue words of one language (see ``lexicon.yaml`` for what each list means)."""

    lang: str
    speech_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    object_verbs: frozenset[str]
    nominal_cues: frozenset[str]
    complementisers: frozenset[str]
    about: frozenset[str]
    pronouns: frozenset[str]
    possessives: dict[str, str]
    impersonal: re.Pattern[str]
    according: re.Pattern[str]
    citing: re.Pattern[str]
    this: re.Pattern[str]
    falsity: re.Pattern[str]
    hedges: re.Pattern[str]


@lru_cache(maxsize=1)
def _data() -> dict:
    try:
        raw = resources.files("counterclaim.extract.cyrillic").joinpath("lexicon.yaml").read_text("utf-8")
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ModelError(f"counterclaim/extract/cyrillic/lexicon.yaml: cannot read the cue lexicon ({exc}); "
                         "restore the file from git") from exc
    missing = [k for k in (*LANGUAGES, "sides") if k not in data]
    if missing:
        raise ModelError(f"counterclaim/extract/cyrillic/lexicon.yaml: sections {missing} missing; restore the file")
    return data


@lru_cache(maxsize=2)
def lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang`` ("ru" or "uk")."""
    d = _data()[lang]

    def words(key: str) -> frozenset[str]:
        return frozenset(normal(w) for w in d[key])

    def pattern(key: str) -> re.Pattern[str]:
        return re.compile(d[key], re.I)

    return Lexicon(lang, words("speech_verbs"), words("denial_verbs"), words("object_verbs"), words("nominal_cues"),
                   words("complementisers"), words("about"), words("pronouns"),
                   {normal(k): normal(v) for k, v in d["possessives"].items()},
                   pattern("impersonal"), pattern("according"), pattern("citing"), pattern("this"),
                   pattern("falsity"), pattern("hedges"))


@lru_cache(maxsize=1)
def _side_stems() -> list[tuple[Side, tuple[str, ...]]]:
    return [(side, tuple(normal(s) for s in stems)) for side, stems in _data()["sides"].items()]


def _stem_hit(words: list[str], i: int, stem: str) -> bool:
    """Whether the words from ``i`` on start with ``stem``; a stem of three letters or fewer
    ("рф", "сбу") must be a whole word, a stem of several words ("вс рф") the start of as many."""
    parts = stem.split()
    if len(parts) > 1:
        return " ".join(words[i:i + len(parts)]).startswith(stem)
    return words[i] == stem if len(stem) <= 3 else words[i].startswith(stem)


def side_of_words(text: str, skip_media: bool = False) -> Side:
    """The side the first side word of ``text`` names ("министр обороны России" -> russia);
    allegiance words (russia, ukraine, third party) before media words; "unknown" when none."""
    words = [normal(w) for w in _WORD.findall(text)]
    for group in (("russia", "ukraine", "third_party"), () if skip_media else ("media",)):
        for i in range(len(words)):
            for side, stems in _side_stems():
                if side in group and any(_stem_hit(words, i, s) for s in stems):
                    return side
    return "unknown"
