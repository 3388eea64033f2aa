"""What two claims have in common, as numbers the pair scorer weighs.

Every feature is blind to polarity: a claim and its denial speak of the same proposition, so they
must look alike here (polarity decides afterwards whether they corroborate or contradict). Each
feature has a name, so the shipped weights can be read next to them (see the model card).

Content words shared across scripts mean nothing (an English claim and its Russian translation share
none), so for a pair of claims in different scripts ``jaccard`` is not counted but imputed: the share
of words an English pair with the same neutral cosine has in common on average (a line fitted on
English claim pairs, shipped with the e5 calibration; see :func:`imputed_jaccard`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from counterclaim.link.context import View, distance_km
from counterclaim.link.embeddings import calibration, neutral
from counterclaim.link.numbers import CLOSE_RATIO, compare_all, prop_quantities
from counterclaim.link.reading import OPPONENT, action, cyrillic

FEATURES = (
    "same_answer",  # both answer one question (responsibility, ground) with the same side
    "other_answer",  # both answer one question, with different sides
    "same_frame",  # both bear on the same kind of question
    "same_action",  # both rest on the same kind of act (a capture, a breakthrough, a failed attack)
    "both_other",  # neither bears on a typed question: only the wording tells
    "both_toll",  # both count the toll of something
    "cos",  # cosine of the contents as written
    "cos_neutral",  # cosine of the contents without sides and negations
    "jaccard",  # share of content words in common
    "same_place",  # they name a place in common
    "near_place",  # their places lie within 30 km (none in common)
    "far_place",  # their places lie more than 100 km apart (none in common)
    "no_place",  # one of them has no place at all
    "both_name_place",  # each names a place of its own (not only its document's)
    "one_names_place",  # only one names a place of its own: a general claim against a specific one
    "numbers_agree",  # numbers that count the same thing overlap or are close
    "numbers_clash",  # numbers that count the same thing are far apart
    "tolls_close",  # both count a toll and some of their figures lie close, whatever they call it
    "same_speaker",
    "same_document",
    "days_apart",  # between their time windows, in weeks, at most 4
    "cross_side",  # the speakers are on opposing sides
)
STOP = frozenset("the a an of to in on and or for by with at from that this was were is are be been has have had it "
                 "its their they he she as which who said not no someone also would could will there into than "
                 "after before about over".split())
_WORD = re.compile(r"[^\W\d_]{3,}")


def content_words(text: str) -> frozenset[str]:
    """The content words of a claim without its sides and negations."""
    return frozenset(w for w in _WORD.findall(neutral(text).lower()) if w not in STOP)


def pair_features(a: View, b: View, cos: float, cos_neutral: float, words_a: frozenset[str],
                  words_b: frozenset[str]) -> list[float]:
    """The features of one pair, in the order of ``FEATURES``."""
    ra, rb = a.reading, b.reading
    typed = ra.frame == rb.frame and ra.frame in ("responsibility", "ground") and ra.answer and rb.answer
    objects_differ = bool(ra.object and rb.object and ra.object != rb.object)
    numbers = [kind for kind, _ in compare_all(prop_quantities(a.props), prop_quantities(b.props))]
    shared = bool(a.names & b.names)
    km = distance_km(a.point, b.point) if a.point is not None and b.point is not None else None
    near = not shared and km is not None and km <= 30.0
    far = not shared and km is not None and km > 100.0
    return [
        float(bool(typed) and ra.answer == rb.answer and not objects_differ),
        float(bool(typed) and ra.answer != rb.answer),
        float(ra.frame == rb.frame),
        float(ra.frame == rb.frame and action(ra) == action(rb)),
        float(ra.frame == rb.frame == "other"),
        float(ra.frame == rb.frame == "toll"),
        cos,
        cos_neutral,
        len(words_a & words_b) / max(1, len(words_a | words_b)),
        float(shared),
        float(near),
        float(far),
        float(not (a.names or a.point) or not (b.names or b.point)),
        float(a.own_place and b.own_place),
        float(a.own_place != b.own_place),
        float(any(k != "disjoint" for k in numbers)),
        float("disjoint" in numbers),
        float(ra.frame == rb.frame == "toll" and _close_any(a, b)),
        float(_speaker(a) == _speaker(b)),
        float(a.claim.document_id == b.claim.document_id),
        _weeks_apart(a, b),
        float(OPPONENT.get(a.claim.speaker.side) == b.claim.speaker.side),
    ]


def imputed_jaccard(cos_neutral: float) -> float:
    """The content-word share an English pair with this neutral cosine has on average (for pairs across
    scripts, whose words cannot meet), from the line shipped with the e5 calibration."""
    slope, intercept = calibration()["jaccard"]
    return min(1.0, max(0.0, slope * cos_neutral + intercept))


def _close_any(a: View, b: View) -> bool:
    """Some figure of one lies within ``CLOSE_RATIO`` of some figure of the other ("40 killed", "the toll at 53")."""
    xs = [q.value for q in prop_quantities(a.props) if q.value > 0]
    ys = [q.value for q in prop_quantities(b.props) if q.value > 0]
    return any(max(x, y) / min(x, y) <= CLOSE_RATIO for x in xs for y in ys)


def _speaker(v: View) -> str:
    return (v.claim.speaker.actor_id or v.claim.speaker.name).casefold()


def _weeks_apart(a: View, b: View) -> float:
    if a.t0 is None or b.t0 is None:
        return 1.0
    gap = max(0.0, a.t0 - b.t1, b.t0 - a.t1)
    return min(gap / 7.0, 4.0)


def feature_matrix(views: Sequence[View], pairs: Sequence[tuple[int, int]], written: np.ndarray,
                   neutral_vectors: np.ndarray) -> np.ndarray:
    """One row of features per pair of view indices."""
    words = [content_words(v.claim.content.text) for v in views]
    scripts = [cyrillic(v.claim.content.text) for v in views]
    at = FEATURES.index("jaccard")
    rows = []
    for i, j in pairs:
        row = pair_features(views[i], views[j], float(written[i] @ written[j]),
                            float(neutral_vectors[i] @ neutral_vectors[j]), words[i], words[j])
        if scripts[i] != scripts[j]:
            row[at] = imputed_jaccard(row[FEATURES.index("cos_neutral")])
        rows.append(row)
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))
