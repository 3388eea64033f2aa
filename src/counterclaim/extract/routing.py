"""Extraction routed by language: English documents take the English pipeline exactly as before,
Russian and Ukrainian documents the Cyrillic one (:mod:`counterclaim.extract.cyrillic`).

A document's language is the one identified at ingest (``Document.language``), or identified
here for documents stored before identification existed. English documents are batched
through ``nlp.pipe`` together, as they always were; the order of the output is the input's.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from counterclaim.models import Claim, Document

log = logging.getLogger("counterclaim.extract")

CYRILLIC = ("ru", "uk")


def language(doc: Document) -> str | None:
    """The language extraction reads ``doc`` in: the stored one, else identified now."""
    if doc.language is not None:
        return doc.language
    from counterclaim.lang import identify

    return identify(doc.text).language


def warn_script(doc: Document) -> None:
    """A warning on stderr naming the document when its script is odd (mixed-script words,
    pre-reform spelling); extraction goes on."""
    from counterclaim.lang.script import oddities

    for message in oddities(doc.text):
        log.warning("%s: %s", doc.source_path or doc.id, message)


def extract_claims(doc: Document) -> list[Claim]:
    """Every attributed claim in one document (one claim per speaker and content)."""
    return next(extract_many([doc]))[1]


def extract_many(docs: Iterable[Document], spans: str | None = None) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims for many documents, in input order: English ones batched through the English
    pipeline (``spans``: its span convention), Russian and Ukrainian ones through the Cyrillic rules."""
    from counterclaim.extract import attribution_claims

    pending: list[tuple[Document, list[Claim] | None]] = []
    english: list[Document] = []

    def english_docs() -> Iterator[Document]:
        for doc in docs:
            warn_script(doc)
            if language(doc) in CYRILLIC:
                from counterclaim.extract.cyrillic import extract_cyrillic

                pending.append((doc, extract_cyrillic(doc)))
            else:
                pending.append((doc, None))
                english.append(doc)
                yield doc

    for _doc, claims in attribution_claims.extract_many(english_docs(), spans):
        while pending and pending[0][1] is not None:  # Cyrillic documents read before this English one
            yield pending.pop(0)  # type: ignore[misc]
        doc, _ = pending.pop(0)
        yield doc, claims
    while pending:
        doc, claims = pending.pop(0)
        yield doc, claims or []
