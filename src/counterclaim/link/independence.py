"""Is a second source a second witness? Same speakers, syndicated texts, adversaries agreeing.

- The same canonical speaker quoted by several outlets is one witness: relations
  between its claims are ``independent=False`` and do not count as corroboration.
  Speakers are the same when their actor ids match, or their names match after
  case folding, or one name ends the other ("Prigozhin" / "Yevgeny Prigozhin").
- Syndicated and near-duplicate documents (word 3-gram shingles, hashed, cosine
  similarity ≥ ``NEAR_DUPLICATE``, found through scikit-learn's nearest
  neighbours rather than all pairs) carry one report: their claims of the same
  speaker, the same content or in the outlet's own voice are not independent.
- Claims on opposing sides (russia vs ukraine) are ``cross_side``: agreement
  between adversaries is the strongest corroboration there is.
"""

from __future__ import annotations

import re

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


def near_duplicates(documents: dict[str, Document]) -> dict[str, str]:
    """Document id -> the id of its group of near-duplicates (the smallest id in it); singletons omitted."""
    ids = sorted(d for d in documents if documents[d].text.strip())
    if len(ids) < 2:
        return {}
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.neighbors import NearestNeighbors

    vectors = HashingVectorizer(ngram_range=(3, 3), n_features=2**20, binary=True, norm="l2",
                                alternate_sign=False).transform([documents[d].text for d in ids])
    index = NearestNeighbors(radius=1 - NEAR_DUPLICATE, metric="cosine").fit(vectors)
    _, neighbours = index.radius_neighbors(vectors)
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for i, near in enumerate(neighbours):
        for j in near:
            parent[max(root(i), root(int(j)))] = min(root(i), root(int(j)))
    groups = {ids[i]: ids[root(i)] for i in range(len(ids))}
    sizes: dict[str, int] = {}
    for g in groups.values():
        sizes[g] = sizes.get(g, 0) + 1
    return {d: g for d, g in groups.items() if sizes[g] > 1}


def independent(a: Claim, b: Claim, duplicates: dict[str, str]) -> bool:
    """False when two claims trace back to one witness (same speaker, or one syndicated report)."""
    if same_witness(a, b):
        return False
    da, db = duplicates.get(a.document_id), duplicates.get(b.document_id)
    if da is None or da != db or a.document_id == b.document_id:
        return True
    same_content = _norm(a.content.text) == _norm(b.content.text)
    own_voice = a.speaker.side in _OWN_VOICE and b.speaker.side in _OWN_VOICE
    return not (same_content or own_voice)


def cross_side(a: Claim, b: Claim) -> bool:
    """True when the two speakers are on opposing sides of the war."""
    return {a.speaker.side, b.speaker.side} == OPPOSING


def annotate(relations: list[Relation], claims: dict[str, Claim], duplicates: dict[str, str]) -> list[Relation]:
    """Set ``independent`` and ``cross_side`` on each relation."""
    out = []
    for r in relations:
        a, b = claims[r.a], claims[r.b]
        out.append(r.model_copy(update={"independent": independent(a, b, duplicates),
                                        "cross_side": cross_side(a, b)}))
    return out


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
