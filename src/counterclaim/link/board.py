"""Linking what is stored, and the views the CLI and the web app show of it.

``link_store`` re-links every stored claim (blocking keeps that cheap, so new
documents are linked against everything already there) with the stored reviews
and side overrides, and replaces the stored events and relations. Reviews key on
relation ids, which are content hashes, so they survive re-linking.
``dispute_rows`` is the dispute board; ``event_view`` gathers one event with its
claims, their source sentences and its relations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from counterclaim.errors import InputError
from counterclaim.link import LinkResult, link
from counterclaim.link.events import days
from counterclaim.models import SIDES, Claim, Event, Relation

if TYPE_CHECKING:
    from counterclaim.store import Store

STATUS_ORDER = ("disputed", "denied", "corroborated_across_sides", "corroborated", "single_source")


@dataclass
class LinkSummary:
    """What a run of ``link_store`` produced."""

    claims: int
    events: int
    relations: int
    contradictions: int

    def __str__(self) -> str:
        return f"{self.events} events, {self.relations} relations ({self.contradictions} contradictions)"


def link_store(store: Store, *, embeddings: bool = False) -> LinkSummary:
    """Link every stored claim and save the events (most recent first) and relations."""
    claims = store.claims()
    documents = {d.id: d for d in store.documents()}
    result: LinkResult = link(claims, documents, store.reviews(), store.side_overrides(), embeddings=embeddings)
    store.save_links(sorted(result.events, key=recency), result.relations)
    return LinkSummary(len(claims), len(result.events), len(result.relations),
                       sum(1 for r in result.relations if r.kind == "contradicts"))


def recency(event: Event) -> tuple:
    """Sort key: latest events first, then by id."""
    return (-days(event.when.latest) if event.when else float("inf")), event.id


def dispute_rows(store: Store, status: tuple[str, ...] = (), side: str | None = None,
                 limit: int | None = None) -> list[dict[str, Any]]:
    """The dispute board: events by status (disputes first), then recency, each side's position."""
    if side is not None and side not in SIDES:
        raise InputError(f"--side {side}", f"unknown side; use one of {', '.join(SIDES)}")
    events = [e for e in store.events(side=side) if not status or (e.assessment and e.assessment.status in status)]
    events.sort(key=lambda e: (STATUS_ORDER.index(e.assessment.status) if e.assessment else 9, recency(e)))
    return [_row(e) for e in events[:limit]]


def _row(e: Event) -> dict[str, Any]:
    a = e.assessment
    positions = {p.side: f"{p.stance}: {p.summary}" for p in (a.positions if a else [])}
    return {"id": e.id, "status": a.status if a else "", "type": e.type, "title": e.title,
            "when": e.when.latest.date().isoformat() if e.when else "", "claims": len(e.claim_ids),
            "relations": len(e.relation_ids), "ukraine": positions.get("ukraine", ""),
            "russia": positions.get("russia", ""),
            "others": "; ".join(f"{s}: {v}" for s, v in positions.items() if s not in ("ukraine", "russia")),
            "notes": list(a.notes) if a else []}


@dataclass
class EventView:
    """One event with everything needed to show it."""

    event: Event
    claims: dict[str, Claim]
    sentences: dict[str, str]  # claim id -> its source sentence(s)
    relations: list[Relation]

    def as_json(self) -> dict[str, Any]:
        return {"event": self.event.model_dump(mode="json"),
                "claims": [{**c.model_dump(mode="json"), "source_sentence": self.sentences.get(c.id, "")}
                           for c in self.claims.values()],
                "relations": [r.model_dump(mode="json") for r in self.relations]}


def event_view(store: Store, event_id: str) -> EventView:
    """The event ``event_id`` with its claims, their source sentences and its relations (raises NotFound)."""
    event = store.get_event(event_id)
    claims = {cid: store.get_claim(cid) for cid in event.claim_ids}
    texts: dict[str, str] = {}
    sentences = {}
    for cid, c in claims.items():
        if c.document_id not in texts:
            texts[c.document_id] = store.get_document(c.document_id).text
        span = c.sentence or c.content
        sentences[cid] = texts[c.document_id][span.start:span.end]
    stored = {r.id: r for r in store.relations(event_id=event_id)}
    for rid in event.relation_ids:
        if rid not in stored:
            stored[rid] = store.get_relation(rid)
    relations = [stored[rid] for rid in event.relation_ids] or list(stored.values())
    return EventView(event, claims, sentences, relations)
