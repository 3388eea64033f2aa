"""Linking what is stored, and the views the CLI and the web app show of it.

``link_store`` re-links every stored claim (blocking keeps that cheap, so new
documents are linked against everything already there) with the stored reviews
and side overrides, and replaces the stored events and relations; events keep the
ids of the stored events they continue. Reviews key on relation ids, which are
content hashes, so they survive re-linking. ``review`` and ``correct_side`` record
an analyst's verdict or side correction and re-assess the events it touches at once
(``reassess``). ``dispute_rows`` is the dispute board; ``event_view`` gathers one
event with its claims, their source sentences and its relations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from counterclaim.errors import InputError, NotFound, ReviewError
from counterclaim.link import LinkResult, Work, apply_overrides, link
from counterclaim.link.assess import apply_reviews, assess, latest_reviews
from counterclaim.link.context import days
from counterclaim.link.independence import cross_side
from counterclaim.models import SIDES, Claim, Event, Relation, Review, SideOverride

if TYPE_CHECKING:
    from counterclaim.store import Store

STATUS_ORDER = ("disputed", "denied", "unresolved", "corroborated_across_sides", "corroborated", "single_source")


@dataclass
class LinkSummary:
    """What a run of ``link_store`` produced."""

    claims: int
    events: int
    relations: int
    contradictions: int

    def __str__(self) -> str:
        return f"{self.events} events, {self.relations} relations ({self.contradictions} contradictions)"


def link_store(store: Store, work: Work | None = None) -> LinkSummary:
    """Link every stored claim and save the events (most recent first) and relations; events that continue
    a stored event keep its id. ``work`` runs encoding and pair features elsewhere (a Dask cluster)."""
    claims = store.claims()
    documents = {d.id: d for d in store.documents()}
    previous = {e.id: e.claim_ids for e in store.events()}
    result: LinkResult = link(claims, documents, store.reviews(), store.side_overrides(), previous=previous,
                              work=work)
    store.save_links(sorted(result.events, key=recency), result.relations)
    return LinkSummary(len(claims), len(result.events), len(result.relations),
                       sum(1 for r in result.relations if r.kind == "contradicts"))


def review(store: Store, relation_id: str, verdict: str, reason: str, reviewer: str | None = None) -> Review:
    """Record an analyst's verdict on a relation and re-assess its event at once (raises ``NotFound`` for a
    relation that is not stored, ``ReviewError`` for an empty reason or an unknown verdict)."""
    if not reason or not reason.strip():
        raise ReviewError(f"relation {relation_id}: give a reason for the review so others can check it")
    done = store.add_review(relation_id, verdict, reason.strip(), reviewer=reviewer)
    reassess(store, store.events_with_relation(relation_id))
    return done


def correct_side(store: Store, speaker: str, side: str, reason: str) -> SideOverride:
    """Record an analyst's correction of a speaker's side and re-assess the events the speaker is in (raises
    ``NotFound`` for a speaker no stored claim has, ``ReviewError`` for an empty reason)."""
    if side not in SIDES:
        raise ReviewError(f"side {side!r}: pick one of {', '.join(SIDES)}")
    if not reason or not reason.strip():
        raise ReviewError(f"speaker {speaker!r}: give a reason for the side correction")
    if not store.count_speakers(names=[speaker]):
        raise NotFound(f"speaker {speaker!r}: no claims by this speaker, so there is no side to correct; "
                       "pick a name from /api/speakers or `counterclaim speakers`")
    done = store.set_side_override(speaker, side, reason.strip())
    reassess(store, [e.id for e in store.events(speaker=speaker)])
    return done


def reassess(store: Store, event_ids: list[str]) -> list[Event]:
    """Re-assess stored events from their stored claims, clusters, relations and the latest reviews and side
    overrides, and save them: a review changes an event's status without linking again."""
    latest = latest_reviews(store.reviews())
    overrides = store.side_overrides()
    events, relations = [], []
    for event_id in dict.fromkeys(event_ids):
        event = store.get_event(event_id)
        claims = {c.id: c for c in apply_overrides([store.get_claim(cid) for cid in event.claim_ids], overrides)}
        found = [r.model_copy(update={"cross_side": cross_side(claims[r.a], claims[r.b])})
                 for r in apply_reviews(store.relations(event_id=event_id), latest) if r.a in claims and r.b in claims]
        events.append(event.model_copy(update={"assessment": assess(claims, event.propositions, found)}))
        relations.extend(found)
    store.update_events(events, relations)
    return events


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
