"""Helpers for the Russian and Ukrainian extraction tests: hand-written documents, no spaCy."""

from __future__ import annotations

from datetime import UTC, datetime

from counterclaim.lang import identify
from counterclaim.models import Document


def make_doc(text: str, outlet: str | None = "Тестовое издание", kind: str = "text", meta: dict | None = None,
             published: datetime | None = datetime(2024, 3, 14, 9, tzinfo=UTC)) -> Document:
    """A document as ingest would build it: language identified, paragraphs recorded."""
    found = identify(text)
    return Document(id=Document.make_id(text, outlet), text=text, outlet=outlet, source_kind=kind,
                    meta=meta or {}, published=published, language=found.language,
                    paragraph_languages=found.paragraphs)



def by_content(claims, fragment: str):
    """The claim whose content contains ``fragment`` (exactly one)."""
    hits = [c for c in claims if fragment in c.content.text]
    assert len(hits) == 1, f"{len(hits)} claims contain {fragment!r}: {[c.content.text for c in claims]}"
    return hits[0]
