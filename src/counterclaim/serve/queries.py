"""The read model behind the web pages, the HTTP API and ``counterclaim export``.

Each function takes a :class:`~counterclaim.store.Store` and returns plain data
(models, dicts, dataclasses) so that a route or a command only formats it. Analysts'
side overrides are applied here, on every read, so that the side shown is the same
on every page, in the API and in the exports.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from counterclaim.errors import NotFound
from counterclaim.models import SIDES, Claim, Document, Event, Relation, Review, SideOverride

STATUS_ORDER: tuple[str, ...] = ("disputed", "denied", "unresolved", "corroborated_across_sides", "corroborated",
                                 "single_source")
SIDE_LABELS: dict[str, str] = {
    "russia": "Russia", "ukraine": "Ukraine", "third_party": "Third party", "media": "Media", "unknown": "Unknown",
}
SIDE_ORDER: tuple[str, ...] = ("ukraine", "russia", "third_party", "media", "unknown")


@dataclass
class Page:
    """One page of a longer list: the items plus where they sit in it."""

    items: list
    total: int
    limit: int
    offset: int


def paginate(items: Sequence, limit: int, offset: int) -> Page:
    """Cut ``items`` to ``[offset, offset + limit)`` and remember the full count."""
    return Page(items=list(items[offset:offset + limit]), total=len(items), limit=limit, offset=offset)


def claims(store, *, document_id=None, speaker=None, side=None, q=None) -> list[Claim]:
    """Claims matching the filters; the store applies overrides and ``side`` filters on the overridden side."""
    return store.claims(document_id, speaker=speaker, side=side, q=q)


def _event_sort_key(event: Event) -> tuple:
    when = event.when.latest.timestamp() if event.when else float("-inf")
    return (STATUS_ORDER.index(event.assessment.status) if event.assessment else len(STATUS_ORDER), -when)


def events(store, **filters) -> list[Event]:
    """Events matching the store's filters, by status (disputes first) then most recent first."""
    found = store.events(**{k: v for k, v in filters.items() if v not in (None, "")})
    return sorted(found, key=_event_sort_key)


def event_claims(store, event: Event) -> list[Claim]:
    """The event's claims (overrides applied), skipping ids the store no longer has."""
    out = []
    for cid in event.claim_ids:
        try:
            out.append(store.get_claim(cid))
        except NotFound:
            continue
    return out


def documents_of(store, claims_: list[Claim]) -> dict[str, Document]:
    """The documents these claims come from, by id."""
    docs = {}
    for doc_id in {c.document_id for c in claims_}:
        try:
            docs[doc_id] = store.get_document(doc_id)
        except NotFound:
            continue
    return docs


@dataclass
class RelationView:
    """A relation with its latest analyst review, ready to show or serialise."""

    relation: Relation
    reviews: list[Review]

    @property
    def verdict(self) -> str | None:
        return self.reviews[-1].verdict if self.reviews else None


@dataclass
class EventDetail:
    """Everything the event page shows: the sides side by side, the numbers, the relations."""

    event: Event
    claims: list[Claim]
    documents: dict[str, Document]
    columns: list[tuple[str, list[Claim]]]
    relations: list[RelationView]


def event_detail(store, event_id: str) -> EventDetail:
    """One event with its claims grouped by side, their documents, and the reviewed relations."""
    event = store.get_event(event_id)
    cls = event_claims(store, event)
    by_side: dict[str, list[Claim]] = defaultdict(list)
    for c in cls:
        by_side[c.speaker.side].append(c)
    columns = [(s, by_side[s]) for s in SIDE_ORDER if by_side.get(s)]
    rels = [RelationView(r, sorted(store.reviews(r.id), key=lambda v: v.at)) for r in store.relations(event_id=event_id)]
    return EventDetail(event, cls, documents_of(store, cls), columns, rels)


@dataclass
class SpeakerSummary:
    """A speaker's claims and how independent sources bore on them, overall and by month."""

    name: str
    side: str
    organisation: str | None
    claims: list[Claim]
    corroborated: int = 0
    contradicted: int = 0
    by_month: dict[str, Counter] = field(default_factory=dict)
    override: SideOverride | None = None


def speakers(store, *, side: str | None = None, q: str | None = None) -> list[dict]:
    """Every speaker with their side and claim count, most claims first."""
    counts: Counter = Counter()
    info: dict[str, Claim] = {}
    for c in claims(store, side=side):
        counts[c.speaker.name] += 1
        info.setdefault(c.speaker.name, c)
    rows = [{"name": n, "side": info[n].speaker.side, "organisation": info[n].speaker.organisation, "claims": k}
            for n, k in counts.items() if not q or q.lower() in n.lower()]
    return sorted(rows, key=lambda r: (-r["claims"], r["name"]))


def _month(claim: Claim, docs: dict[str, Document]) -> str:
    when: datetime | None = claim.said_at.earliest if claim.said_at else None
    doc = docs.get(claim.document_id)
    when = when or (doc.published if doc else None)
    return when.strftime("%Y-%m") if when else "undated"


def speaker_summary(store, name: str) -> SpeakerSummary:
    """A speaker's claims and the independent corroborations and contradictions of them, by month."""
    own = claims(store, speaker=name)
    own = [c for c in own if c.speaker.name == name]
    if not own:
        raise NotFound(f"speaker {name!r}: no claims by this speaker; pick a name from /api/speakers")
    docs = documents_of(store, own)
    own.sort(key=lambda c: (_month(c, docs) != "undated", _month(c, docs)), reverse=True)  # newest first, undated last
    summary = SpeakerSummary(name, own[0].speaker.side, own[0].speaker.organisation, own,
                             override=store.side_overrides().get(name))
    for c in own:
        month = summary.by_month.setdefault(_month(c, docs), Counter())
        month["claims"] += 1
        for r in store.relations(claim_id=c.id):
            if r.independent and r.kind in ("corroborates", "contradicts"):
                month[r.kind] += 1
                if r.kind == "corroborates":
                    summary.corroborated += 1
                else:
                    summary.contradicted += 1
    summary.by_month = dict(sorted(summary.by_month.items()))
    return summary


def timeline(store, **filters) -> list[tuple[str, list[Event]]]:
    """Dated events grouped by day (oldest first); undated events last."""
    days: dict[str, list[Event]] = defaultdict(list)
    for e in events(store, **filters):
        days[e.when.earliest.date().isoformat() if e.when else "undated"].append(e)
    return sorted(days.items(), key=lambda kv: (kv[0] == "undated", kv[0]))


def status_counts(evts: list[Event]) -> dict[str, int]:
    """How many events have each status, in :data:`STATUS_ORDER`."""
    counts = Counter(e.assessment.status if e.assessment else "single_source" for e in evts)
    return {s: counts.get(s, 0) for s in STATUS_ORDER}


def all_sides() -> tuple[str, ...]:
    """The sides a speaker can take, for filters and forms."""
    return SIDES
