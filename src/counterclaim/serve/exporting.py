"""Which claims an export holds: shared by ``counterclaim export`` and the API's export routes."""

from __future__ import annotations

from counterclaim.export import formats
from counterclaim.models import Claim
from counterclaim.serve import queries


def select_claims(store, *, event_id: str | None = None, side: str | None = None,
                  speaker: str | None = None, document_id: str | None = None, q: str | None = None) -> list[Claim]:
    """Claims filtered like the API's claim list; with ``event_id``, only that event's claims."""
    if event_id is None:
        return queries.claims(store, document_id=document_id, speaker=speaker, side=side, q=q)
    found = queries.event_claims(store, store.get_event(event_id))
    return [c for c in found
            if (side is None or c.speaker.side == side) and (speaker is None or c.speaker.name == speaker)
            and (document_id is None or c.document_id == document_id)
            and (not q or q.lower() in c.content.text.lower())]


def claimreviews(store, event_id: str | None = None) -> list[dict]:
    """ClaimReview JSON-LD for one event's claims, or for every event's when ``event_id`` is None."""
    events = [store.get_event(event_id)] if event_id else queries.events(store)
    out: list[dict] = []
    for event in events:
        claims = queries.event_claims(store, event)
        out.extend(formats.claimreview(event, claims, queries.documents_of(store, claims)))
    return out
