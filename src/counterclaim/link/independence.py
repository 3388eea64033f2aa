"""Is a second source a second witness? Same speakers, syndicated texts, adversaries agreeing.

- The same canonical speaker quoted by several outlets is one witness: relations
  between its claims are ``independent=False`` and do not count as corroboration.
  Speakers are the same when their actor ids match, or their names match after
  case folding, or one name ends the other ("Prigozhin" / "Yevgeny Prigozhin").
- Syndicated and near-duplicate documents (word 3-gram shingles hashed by
  scikit-learn, cosine similarity ≥ ``NEAR_DUPLICATE``) carry one report: their
  claims of the same speaker, the same content or in the outlet's own voice are
  not independent. Only document pairs that a relation joins are compared, so
  the work follows the relations, not all pairs of documents.
- Claims on opposing sides (russia vs ukraine) are ``cross_side``: agreement
  between adversaries is the strongest corroboration there is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from counterclaim.models import Claim, Document, Relation

NEAR_DUPLICATE = 0.8
OPPOSING = frozenset({"russia", "ukraine"})
_OWN_VOICE = {"media", "unknown"}


def speaker_key(claim: Claim) -> tuple[str, ...]:
    """The speaker's canonical name as lower-case words (actor id when known)."""
    if claim.speaker.actor_id:
        return ("id:" + claim.speaker.actor_id,)
    return tuple(re.findall(r"\w+", claim.speaker.name.casefold()))


def same_witness(a: Claim, b: Claim) -> bool:
    """True when two claims come from the same canonical speaker."""
    ka, kb = speaker_key(a), speaker_key(b)
    if not ka or not kb:
        return False
    short, long_ = sorted((ka, kb), key=len)
    return long_[len(long_) - len(short):] == short


class Syndication:
    """Which documents carry the same report, judged only for the pairs linking asks about.

    Each document is shingled once (word 3-grams, hashed) when first asked about;
    pairs are compared on demand and remembered, so the cost follows the number
    of cross-document relations rather than all pairs of documents.
    """

    def __init__(self, documents: Mapping[str, Document] | None = None) -> None:
        self.documents = documents or {}
        self._vectors: dict[str, object] = {}
        self._pairs: dict[tuple[str, str], bool] = {}

    def same_report(self, a: str, b: str) -> bool:
        """True when documents ``a`` and ``b`` are near-duplicates (cosine of shingles ≥ ``NEAR_DUPLICATE``)."""
        if a == b or a not in self.documents or b not in self.documents:
            return False
        key = (a, b) if a < b else (b, a)
        if key not in self._pairs:
            self._pairs[key] = similarity(self._vector(a), self._vector(b)) >= NEAR_DUPLICATE
        return self._pairs[key]

    def _vector(self, doc_id: str):
        if doc_id not in self._vectors:
            self._vectors[doc_id] = shingles(self.documents[doc_id].text)
        return self._vectors[doc_id]


@lru_cache(maxsize=1)
def _vectorizer():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(ngram_range=(3, 3), n_features=2**20, binary=True, norm="l2", alternate_sign=False)


def shingles(text: str):
    """A text's word 3-gram shingles as a hashed, L2-normalised sparse vector."""
    return _vectorizer().transform([text])


def similarity(x, y) -> float:
    """Cosine similarity of two shingle vectors."""
    return float(x.multiply(y).sum())


def independent(a: Claim, b: Claim, syndication: Syndication) -> bool:
    """False when two claims trace back to one witness (same speaker, or one syndicated report)."""
    if same_witness(a, b):
        return False
    if not syndication.same_report(a.document_id, b.document_id):
        return True
    same_content = _norm(a.content.text) == _norm(b.content.text)
    own_voice = a.speaker.side in _OWN_VOICE and b.speaker.side in _OWN_VOICE
    return not (same_content or own_voice)


def cross_side(a: Claim, b: Claim) -> bool:
    """True when the two speakers are on opposing sides of the war."""
    return {a.speaker.side, b.speaker.side} == OPPOSING


def annotate(relations: list[Relation], claims: dict[str, Claim], syndication: Syndication) -> list[Relation]:
    """Set ``independent`` and ``cross_side`` on each relation."""
    out = []
    for r in relations:
        a, b = claims[r.a], claims[r.b]
        out.append(r.model_copy(update={"independent": independent(a, b, syndication),
                                        "cross_side": cross_side(a, b)}))
    return out


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
