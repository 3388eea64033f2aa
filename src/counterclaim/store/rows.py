"""Conversions between pydantic models and table rows, and what the store refuses to hold.

A row keeps the whole object as JSON (``model_dump(mode="json")``) next to the
columns queries use; reading rebuilds the object with ``model_validate``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from counterclaim.errors import InputError
from counterclaim.models import Claim, Document, Event, Relation

TEXT_FIELDS = ("id", "text", "title", "outlet", "url", "source_path")
DOCUMENT_FIELDS = ("id", "text", "title", "outlet", "url", "published", "source_kind", "source_path", "meta",
                   "language", "paragraph_languages")


def now() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(UTC)


def reject_unstorable(doc: Document) -> None:
    """Refuse text no backend stores faithfully: NUL (PostgreSQL cannot) and unpaired surrogates."""
    fields = {field: getattr(doc, field) for field in TEXT_FIELDS}
    fields["meta"] = json.dumps(doc.meta, ensure_ascii=False, default=str)
    for field, value in fields.items():
        problem = _unstorable(value) if value else None
        if problem:
            raise InputError(doc.source_path or doc.id, f"document {doc.id!r} has {problem} in its {field}; "
                             "remove it and ingest again")


def _unstorable(value: str) -> str | None:
    """What makes ``value`` unstorable, with its offset, or None."""
    if "\x00" in value:
        return f"a NUL character (\\x00) at offset {value.index(chr(0))}"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"an unpaired surrogate (invalid Unicode) at offset {exc.start}"
    return None


def document_row(doc: Document) -> dict:
    """The ``documents`` row of a new document (not yet extracted)."""
    data = doc.model_dump(mode="json")
    return {**{field: getattr(doc, field) for field in TEXT_FIELDS}, "content_hash": doc.content_hash,
            "published": doc.published, "source_kind": doc.source_kind, "meta": data["meta"],
            "language": doc.language, "paragraph_languages": data["paragraph_languages"],
            "ingested_at": now(), "extracted_at": None}


def document(row) -> Document:
    """The document a ``documents`` row holds."""
    fields = {field: getattr(row, field) for field in DOCUMENT_FIELDS}
    fields["paragraph_languages"] = fields["paragraph_languages"] or []  # rows stored before migration 0006
    return Document.model_validate(fields)


def claim_row(claim: Claim, seq: int) -> dict:
    """The ``claims`` row of the ``seq``-th claim of its document."""
    return {"id": claim.id, "document_id": claim.document_id, "seq": seq, "speaker_name": claim.speaker.name,
            "side": claim.speaker.side, "stance": claim.stance, "content": claim.content.text,
            "data": claim.model_dump(mode="json")}


def claim(row) -> Claim:
    """The claim a row of ``data`` and ``override`` (an analyst's side, or None) holds, override applied."""
    found = Claim.model_validate(row.data)
    if row.override is None or row.override == found.speaker.side:
        return found
    return found.model_copy(update={"speaker": found.speaker.model_copy(update={"side": row.override})})


def event_row(event: Event, seq: int) -> dict:
    """The ``events`` row of the ``seq``-th event; ``places`` is "|name|name|", lower-cased."""
    names = "".join(f"|{place.name.lower()}" for place in event.places)
    return {"id": event.id, "seq": seq, "type": event.type, "title": event.title,
            "status": event.assessment.status if event.assessment else None, "places": names + "|",
            "earliest": event.when.earliest if event.when else None,
            "latest": event.when.latest if event.when else None, "data": event.model_dump(mode="json")}


def relation_row(relation: Relation, seq: int, event_id: str | None) -> dict:
    """The ``relations`` row of the ``seq``-th relation, owned by ``event_id``."""
    return {"id": relation.id, "seq": seq, "a": relation.a, "b": relation.b, "kind": relation.kind,
            "event_id": event_id, "score": relation.score, "data": relation.model_dump(mode="json")}
