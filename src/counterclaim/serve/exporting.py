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


def reviewer(base_url: str | None = None) -> formats.Reviewer:
    """The reviewing organisation and public address, from ``COUNTERCLAIM_ORGANISATION``,
    ``COUNTERCLAIM_ORGANISATION_URL`` and ``COUNTERCLAIM_PUBLIC_URL`` (else ``base_url``, else localhost)."""
    from counterclaim.settings import settings

    config = settings()
    return formats.Reviewer(name=config.organisation, url=config.organisation_url,
                            base_url=config.public_url or base_url or formats.Reviewer.base_url)


def live_relations(store, event_id: str) -> list:
    """The event's relations less those whose latest analyst review rejected them."""
    views = queries.reviewed(store, store.relations(event_id=event_id))
    return [v.relation for v in views if v.verdict != "rejected"]


def claimreviews(store, event_id: str | None = None, *, base_url: str | None = None) -> list[dict]:
    """ClaimReview JSON-LD for one event's claims, or for every event's when ``event_id`` is None.

    Each claim is rated from its own relations in the event (rejected ones left out).
    """
    events = [store.get_event(event_id)] if event_id else queries.events(store)
    who = reviewer(base_url)
    out: list[dict] = []
    for event in events:
        claims = queries.event_claims(store, event)
        out.extend(formats.claimreview(event, claims, queries.documents_of(store, claims),
                                       relations=live_relations(store, event.id), reviewer=who))
    return out
