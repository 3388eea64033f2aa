"""Stance and hedging: does the speaker assert the content or deny it, and how firmly.

A claim ``denies`` when its cue is a verb or noun of denial ("deny", "reject", "dismiss",
"refute", "play down", "denial") or when its content declares something false ("do not
correspond to reality", "fake", "nonsense"). A plain negative statement ("the line has not
been breached") *asserts* its negative content.

Hedges are the words that weaken a claim. Each has a strength, read as how sure the speaker is
of what the content says (``Claim.certainty``, 1.0 when nothing hedges it), following the
probability yardstick that intelligence assessments use (UK Defence Intelligence's "likely",
"highly likely", "realistic possibility"; ISW's "we assess"):

| hedge | certainty |
|---|---|
| "almost certainly" | 0.95 |
| "highly likely", "very likely", "highly unlikely" | 0.85 |
| "likely", "probably", "we assess", "believed to", "apparently", "appears to" | 0.7 |
| "unlikely" (a fairly confident negative) | 0.7 |
| "reportedly", "allegedly", "unconfirmed", "purportedly", "claimed to" | 0.6 |
| "may", "might", "could", "possibly", "perhaps", "real(istic) possibility" | 0.5 |
| "remote chance", "cannot rule out" | 0.3 |

A speech verb that is itself an estimate ("assessed", "believes", "suggested", "estimated")
hedges the claim like "likely". Linking can weight a relation by the certainties of its claims.
"""

from __future__ import annotations

import re

from counterclaim.models import Span, Stance

DENIAL_CUE = re.compile(
    r"\b(den(y|ies|ied|ying|ial|ials)|reject(s|ed|ing)?|rejection|dismiss(es|ed|ing)?|refut(e|es|ed|ing|ation)|"
    r"rebut(s|ted|ting)?|debunk(s|ed|ing)?|disput(e|es|ed|ing)|repudiat(e|es|ed|ing)|disavow(s|ed|ing)?|"
    r"contradict(s|ed|ing)?|disprov(e|es|ed|ing)|play(s|ed|ing)? down|downplay(s|ed|ing)?|"
    r"brush(es|ed|ing)? (aside|off)|wave(s|d)? away|waving away|ridicul(e|es|ed|ing)|scoff(s|ed|ing)? at)\b", re.I)
NEGATED = re.compile(r"(\b(not|never|no longer)|n['’]t)\s+(\w+\s+)?$", re.I)  # "did not", "didn't"
FALSITY = re.compile(
    r"\b(do(es)? not correspond to (the )?(reality|facts|truth)|"
    r"(is|are|was|were) (not true|untrue|false|fake|baseless|groundless|fabricated|lies)|not true|untrue|"
    r"fake( news)?|baseless|groundless|fabricat\w+|disinformation|misinformation|no truth|"
    r"(a|an|outright|blatant) lie|lies(?!\s+(with|in|at|on|ahead|behind|beyond|within|between|near|along|across|"
    r"about|to|under|over|north|south|east|west)\b)|nonsense|unfounded|has nothing to do with reality|"
    r"not the case)\b", re.I)
# hedge words and their certainty (see the module docstring), longest first where they overlap
HEDGE_STRENGTH: list[tuple[str, float]] = [
    (r"almost certainly", 0.95),
    (r"(highly|very) (un)?likely", 0.85),
    (r"remote (chance|possibility)|cannot (be )?rule(d)? out", 0.3),
    (r"real(istic)? possibility|(it is )?possible that", 0.5),
    (r"(we|it) (assess|believe|judge|estimate)s?|(is|are) assessed to|it is believed|believed to|"
     r"apparently|appears? to|seems? to|likely|probably|presumably|unlikely", 0.7),
    (r"reportedly|allegedly|purportedly|supposedly|unconfirmed|unverified|claimed to|said to be|"
     r"according to (some|unconfirmed) reports", 0.6),
    (r"possibly|perhaps|may|might|could", 0.5),
]
HEDGE = re.compile(r"\b(" + "|".join(p for p, _ in HEDGE_STRENGTH) + r")\b", re.I)
_STRENGTHS = [(re.compile(rf"^(?:{p})$", re.I), s) for p, s in HEDGE_STRENGTH]
# speech verbs that are themselves estimates: the speaker infers, rather than reports
ESTIMATE_CUE = re.compile(r"\b(assess(es|ed|ing)?|believ(e|es|ed|ing)|suspect(s|ed|ing)?|estimat(e|es|ed|ing)|"
                          r"suggest(s|ed|ing)?|speculat(e|es|ed|ing)|think(s|ing)?|thought|infer(s|red|ring)?|"
                          r"judg(e|es|ed|ing))\b", re.I)
ESTIMATE_CERTAINTY = 0.7


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


def strength(hedge: str) -> float:
    """The certainty a hedge leaves ("likely" 0.7, "may" 0.5); 1.0 for a word that is no hedge."""
    phrase = " ".join(hedge.split())
    return next((s for pattern, s in _STRENGTHS if pattern.match(phrase)), 1.0)


def certainty(hedge_spans: list[Span], cue: str | None = None) -> float:
    """How sure the speaker is of the content: the weakest of its hedges and of an estimating cue."""
    values = [strength(h.text) for h in hedge_spans]
    if cue and ESTIMATE_CUE.search(cue):
        values.append(ESTIMATE_CERTAINTY)
    return min(values, default=1.0)
