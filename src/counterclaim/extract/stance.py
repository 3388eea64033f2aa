"""Stance and hedging: does the speaker assert the content or deny it, and how firmly.

A claim ``denies`` when its cue is a verb or noun of denial ("deny", "reject",
"dismiss", "refute", "denial") or when its content declares something false
("do not correspond to reality", "fake", "not true"). Hedges are the words that
weaken a claim ("reportedly", "may", "unconfirmed").
"""

from __future__ import annotations

import re

from counterclaim.models import Span, Stance

DENIAL_CUE = re.compile(
    r"\b(den(y|ies|ied|ying|ial|ials)|reject(s|ed|ing)?|rejection|dismiss(es|ed|ing)?|refut(e|es|ed|ing|ation)|"
    r"rebut(s|ted|ting)?|debunk(s|ed|ing)?|disput(e|es|ed|ing)|repudiat(e|es|ed|ing)|disavow(s|ed|ing)?|"
    r"contradict(s|ed|ing)?|disprov(e|es|ed|ing))\b", re.I)
NEGATED = re.compile(r"(\b(not|never|no longer)|n['’]t)\s+(\w+\s+)?$", re.I)  # "did not", "didn't"
FALSITY = re.compile(
    r"\b(do(es)? not correspond to (the )?(reality|facts|truth)|"
    r"(is|are|was|were) (not true|untrue|false|fake|baseless|groundless|fabricated|lies)|not true|untrue|"
    r"fake( news)?|baseless|groundless|fabricat\w+|disinformation|misinformation|no truth|"
    r"(a|an|outright|blatant) lie|lies|nonsense|unfounded|has nothing to do with reality|not the case)\b", re.I)
HEDGE = re.compile(
    r"\b(reportedly|allegedly|apparently|possibly|probably|likely|unlikely|may|might|could|perhaps|"
    r"unconfirmed|unverified|it is believed|believed to|appears? to|seems? to|purportedly|supposedly|"
    r"according to (some|unconfirmed) reports)\b", re.I)


def cue_denies(cue: str, before: str = "") -> bool:
    """True when the cue is a word of denial not itself negated ("did not deny" asserts)."""
    return bool(DENIAL_CUE.search(cue)) and not NEGATED.search(before[-40:] + " ")


def content_declares_false(content: str) -> bool:
    """True when the content says something is false ("... do not correspond to reality")."""
    return bool(FALSITY.search(content))


def stance_of(cue: str | None, content: str, before_cue: str = "") -> Stance:
    """``denies`` from the cue or the content, else ``asserts``."""
    if cue and cue_denies(cue, before_cue):
        return "denies"
    return "denies" if content_declares_false(content) else "asserts"


def hedges(text: str, start: int, end: int) -> list[Span]:
    """Every hedge word in ``text[start:end]``, with absolute offsets."""
    return [Span.of(text, start + m.start(), start + m.end()) for m in HEDGE.finditer(text[start:end])]
