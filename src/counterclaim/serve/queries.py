"""The read model behind the web pages, the HTTP API and ``counterclaim export``.

Each function takes a :class:`~counterclaim.store.Store` and returns plain data
(models, dicts, dataclasses) so that a route or a command only formats it. Lists come
back as a :class:`Page`: the store cuts and counts them in SQL, so a request costs the
same at a thousand claims as at a million. Every page is read in a fixed, small number
of queries (no query per row). Analysts' side overrides are applied by the store, on
every read, so the side shown is the same on every page, in the API and in the exports.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel

from counterclaim.errors import NotFound
from counterclaim.models import SIDES, Claim, Document, Event, Relation, Review, SideOverride
from counterclaim.serve import finding

STATUS_ORDER: tuple[str, ...] = ("disputed", "denied", "unresolved", "corroborated_across_sides", "corroborated",
                                 "single_source")
SIDE_LABELS: dict[str, str] = {
    "russia": "Russia", "ukraine": "Ukraine", "third_party": "Third party", "media": "Media", "unknown": "Unknown",
}
SIDE_ORDER: tuple[str, ...] = ("ukraine", "russia", "third_party", "media", "unknown")
VERDICT_LABELS: dict[str, str] = {
    "corroborated": "corroborated", "contradicted": "contradicted", "contested": "corroborated and contradicted",
}


@dataclass
class Page:
    """One page of a longer list: the items plus where they sit in it."""

    items: list
    total: int
    limit: int
    offset: int

    @property
    def first(self) -> int:
        """1-based position of the first item (0 on an empty page)."""
        return self.offset + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.offset + len(self.items)

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None

    @property
    def prev_offset(self) -> int | None:
        return max(0, self.offset - self.limit) if self.offset > 0 else None


def paginate(items, limit: int, offset: int) -> Page:
    """Cut an in-memory list to ``[offset, offset + limit)`` (for short lists only)."""
    items = list(items)
    return Page(items=items[offset:offset + limit], total=len(items), limit=limit, offset=offset)


# -- filters ---------------------------------------------------------------------------------------

@dataclass
class EventFilters:
    """The board's filters as the analyst typed them; :meth:`for_store` resolves names and places."""

    status: str | None = None
    side: str | None = None
    speaker: str | None = None
    place: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    q: str | None = None

    def for_store(self, store, *, status: bool = True) -> dict:
        """Keyword arguments for ``Store.events``: the speaker by name or alias, the place by any of its names."""
        out = {"side": self.side, "since": self.since, "until": self.until, "q": self.q}
        if status:
            out["status"] = self.status
        if self.speaker:
            out["speaker"] = finding.speaker_names(store, self.speaker) or [self.speaker]
        if self.place:
            out["place"] = finding.place_keys(store, self.place)
        return out


def claims(store, *, document_id=None, speaker=None, side=None, q=None) -> list[Claim]:
    """Claims matching the filters (all of them: for exports); ``side`` filters on the overridden side."""
    return store.claims(document_id, speaker=speaker, side=side, q=q)


def claims_page(store, *, limit: int, offset: int, document_id=None, speaker=None, side=None, q=None) -> Page:
    """One page of claims with the total."""
    names = (finding.speaker_names(store, speaker) or [speaker]) if speaker else None
    filters = {"speaker": names, "side": side, "q": q}
    return Page(store.claims(document_id, limit=limit, offset=offset, **filters),
                store.count_claims(document_id, **filters), limit, offset)


def events(store, **filters) -> list[Event]:
    """Every event matching the store's filters, in the board's order (for exports and the CLI)."""
    return store.events(order="board", **{k: v for k, v in filters.items() if v not in (None, "")})


def events_page(store, filters: EventFilters, *, limit: int, offset: int) -> Page:
    """One page of the board's events, disputes first then most recent (best match first with text)."""
    wanted = filters.for_store(store)
    return Page(store.events(order="board", limit=limit, offset=offset, **wanted), store.count_events(**wanted),
                limit, offset)


@dataclass
class Board:
    """The dispute board: a page of events and how many events of each status the other filters leave."""

    page: Page
    counts: dict[str, int]


def board(store, filters: EventFilters, *, limit: int, offset: int) -> Board:
    """The board's page and the status counts (three queries, whatever the store's size)."""
    wanted = filters.for_store(store)
    raw = store.event_status_counts(**{**wanted, "status": None})
    counts = {s: raw.get(s, 0) for s in STATUS_ORDER}
    total = raw.get(filters.status, 0) if filters.status else sum(raw.values())
    page = Page(store.events(order="board", limit=limit, offset=offset, **wanted), total, limit, offset)
    return Board(page, counts)


@dataclass(frozen=True)
class SideLine:
    """One side on a board card: who, what they say, and the numbers they give."""

    side: str
    stance: str
    speakers: list[str]
    summary: str
    numbers: list[str]


def side_lines(event: Event) -> list[SideLine]:
    """What each side claims about ``event``, one line per side, with that side's spread of numbers."""
    from counterclaim.serve.charts import interval_text, label

    if event.assessment is None:
        return []
    labels = [label(s.key, s.unit) for s in event.assessment.spreads]
    lines = []
    for p in sorted(event.assessment.positions, key=lambda p: SIDE_ORDER.index(p.side)):
        numbers = [f"{name} {interval_text(*s.by_side[p.side])}" for name, s in zip(labels, event.assessment.spreads,
                                                                                   strict=True)
                   if p.side in s.by_side and any(v is not None for v in s.by_side[p.side])]
        lines.append(SideLine(p.side, p.stance, list(p.speakers), p.summary, numbers))
    return lines


@dataclass(frozen=True)
class Card:
    """An event as the board shows it, every piece of text prepared (the template only places it)."""

    id: str
    title: str
    status: str
    status_label: str
    kind: str
    when: str
    places: str
    claims: int
    lines: list[SideLine]


def _day(when: datetime) -> str:
    return when.strftime("%d %b %Y")


def when_text(event: Event) -> str:
    """"12 May 2023", "11 May 2023 – 12 May 2023" or "undated"."""
    if event.when is None:
        return "undated"
    first, last = event.when.earliest, event.when.latest
    return _day(first) if first.date() == last.date() else f"{_day(first)} – {_day(last)}"


def card(event: Event) -> Card:
    """The board's card for ``event``."""
    from counterclaim.export.formats import STATUS_LABELS

    status = event.assessment.status if event.assessment else "single_source"
    return Card(event.id, event.title, status, STATUS_LABELS.get(status, status), event.type.lower().replace("_", " "),
                when_text(event), ", ".join(p.name for p in event.places), len(event.claim_ids), side_lines(event))


# -- one event -------------------------------------------------------------------------------------

@dataclass
class RelationView:
    """A relation with its analyst reviews, ready to show or serialise."""

    relation: Relation
    reviews: list[Review]

    @property
    def verdict(self) -> str | None:
        return self.reviews[-1].verdict if self.reviews else None


def reviewed(store, relations: list[Relation]) -> list[RelationView]:
    """The relations with their reviews, oldest first (one query for all of them)."""
    by_relation: dict[str, list[Review]] = defaultdict(list)
    for review in store.reviews(relation_ids=[r.id for r in relations]) if relations else []:
        by_relation[review.relation_id].append(review)
    return [RelationView(r, by_relation.get(r.id, [])) for r in relations]


def relations_page(store, *, event_id=None, claim_id=None, limit: int, offset: int) -> Page:
    """One page of relations with their reviews and the total."""
    found = store.relations(event_id=event_id, claim_id=claim_id, limit=limit, offset=offset)
    return Page(reviewed(store, found), store.count_relations(event_id=event_id, claim_id=claim_id), limit, offset)


def event_claims(store, event: Event) -> list[Claim]:
    """The event's claims (overrides applied) in the event's order, skipping ids the store no longer has."""
    found = {c.id: c for c in store.claims(ids=event.claim_ids)} if event.claim_ids else {}
    return [found[cid] for cid in event.claim_ids if cid in found]


def documents_of(store, claims_: list[Claim]) -> dict[str, Document]:
    """The documents these claims come from, by id (one query)."""
    ids = {c.document_id for c in claims_}
    return {d.id: d for d in store.documents(ids=sorted(ids))} if ids else {}


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
    rels = reviewed(store, store.relations(event_id=event_id))
    return EventDetail(event, cls, documents_of(store, cls), columns, rels)


# -- speakers --------------------------------------------------------------------------------------

def speakers_page(store, *, side: str | None = None, q: str | None = None, limit: int, offset: int) -> Page:
    """Speakers with their side and claim count, most claims first; ``q`` matches names and aliases."""
    filters = {"side": side}
    if q:
        filters.update(q=q, actor_ids=finding.actor_ids(q))
    return Page(store.speakers(limit=limit, offset=offset, **filters), store.count_speakers(**filters),
                limit, offset)


def speakers(store, *, side: str | None = None, q: str | None = None) -> list[dict]:
    """Every speaker (for the CLI and tests); see :func:`speakers_page`."""
    return speakers_page(store, side=side, q=q, limit=1_000_000, offset=0).items


@dataclass
class SpeakerSummary:
    """A speaker's track record: how many of their claims independent sources bore out or contradicted."""

    name: str
    side: str
    organisation: str | None
    claims: Page  # newest first
    total: int = 0
    corroborated: int = 0  # claims with at least one independent corroboration
    contradicted: int = 0  # claims with at least one independent contradiction
    by_month: dict[str, dict[str, int]] = field(default_factory=dict)
    override: SideOverride | None = None
    documents: dict[str, Document] = field(default_factory=dict)
    events: dict[str, list[str]] = field(default_factory=dict)  # claim id -> event ids
    verdicts: dict[str, str] = field(default_factory=dict)  # claim id -> its own verdict


def speaker_summary(store, name: str, *, limit: int = 50, offset: int = 0) -> SpeakerSummary:
    """A speaker's counts by month and one page of their claims, each with its events and its own verdict."""
    rows = store.speakers(names=[name], limit=1)
    if not rows:
        raise NotFound(f"speaker {name!r}: no claims by this speaker; pick a name from /api/speakers")
    row = rows[0]
    by_month = store.speaker_months(name)
    page = Page(store.claims(speaker=name, order="recent", limit=limit, offset=offset), row["claims"], limit, offset)
    ids = [c.id for c in page.items]
    overrides = store.side_overrides()
    return SpeakerSummary(
        name, row["side"], row["organisation"], page, total=row["claims"],
        corroborated=sum(m["corroborated"] for m in by_month.values()),
        contradicted=sum(m["contradicted"] for m in by_month.values()),
        by_month=dict(sorted(by_month.items(), key=lambda kv: (kv[0] == "undated", kv[0]))),
        override=overrides.get(name), documents=documents_of(store, page.items),
        events=store.events_of_claims(ids) if ids else {}, verdicts=store.claim_verdicts(ids) if ids else {})


# -- search ----------------------------------------------------------------------------------------

class Hit(BaseModel):
    """A search hit with what an analyst needs to judge it: who said it, on which side, where and when."""

    kind: str
    id: str
    snippet: str
    speaker: str | None = None
    side: str | None = None
    outlet: str | None = None
    date: datetime | None = None
    title: str | None = None
    document_id: str | None = None


@dataclass
class SearchResult:
    """A page of hits, the speakers and places the words name, and the total (exact below ``COUNT_LIMIT``)."""

    page: Page
    speakers: list[dict]
    places: list[str]

    @property
    def exact(self) -> bool:
        from counterclaim.store.search import COUNT_LIMIT

        return self.page.total < COUNT_LIMIT


def search(store, q: str, *, limit: int, offset: int, related: bool = True) -> SearchResult:
    """Documents and claims matching ``q``, best first, each with speaker, side, outlet and date.

    With ``related``, also the speakers and places the words name (for the search page).
    """
    if not q.strip():
        return SearchResult(Page([], 0, limit, offset), [], [])
    raw = store.search(q, limit=limit, offset=offset)
    claims_by_id = {c.id: c for c in store.claims(ids=[h["id"] for h in raw if h["kind"] == "claim"])}
    doc_ids = {h["id"] for h in raw if h["kind"] == "document"} | {c.document_id for c in claims_by_id.values()}
    docs = {d.id: d for d in store.documents(ids=sorted(doc_ids))} if doc_ids else {}
    hits = [_hit(h, claims_by_id, docs) for h in raw]
    page = Page(hits, store.count_search(q), limit, offset)
    if not related:
        return SearchResult(page, [], [])
    return SearchResult(page, store.speakers(q=q, actor_ids=finding.actor_ids(q), limit=8), _places_named(store, q))


def _hit(raw: dict, claims_by_id: dict[str, Claim], docs: dict[str, Document]) -> Hit:
    hit = Hit(kind=raw["kind"], id=raw["id"], snippet=raw.get("snippet") or "")
    claim = claims_by_id.get(raw["id"]) if raw["kind"] == "claim" else None
    doc = docs.get(claim.document_id if claim else raw["id"])
    if claim is not None:
        hit.speaker, hit.side = claim.speaker.name, claim.speaker.side
        hit.date = claim.said_at.earliest if claim.said_at else None
    if doc is not None:
        hit.outlet, hit.title, hit.document_id = doc.outlet, display_title(doc), doc.id
        hit.date = hit.date or doc.published
    return hit


def _places_named(store, q: str) -> list[str]:
    """The stored place keys the query names (other names of a town included), without ids."""
    return [name for name in finding.place_names(store, q) if ":" not in name and store.count_events(place=[name])]


# -- documents -------------------------------------------------------------------------------------

def documents_page(store, *, q: str | None = None, limit: int, offset: int) -> Page:
    """One page of documents in ingest order, ``q`` matched as full text, with the total."""
    return Page(store.documents(q=q, limit=limit, offset=offset), store.count_documents(q=q), limit, offset)


def display_title(doc: Document) -> str:
    """A document's title; for a Telegram post without one, its channel and post number."""
    if doc.title:
        return doc.title
    channel = doc.meta.get("channel") if isinstance(doc.meta, dict) else None
    if doc.source_kind == "telegram" and channel:
        number = doc.meta.get("message_id")
        return f"{channel} · post {number}" if number is not None else str(channel)
    first = " ".join(doc.text.split()[:12])
    return first + ("…" if len(doc.text.split()) > 12 else "") if first else doc.id


# -- timeline and sides ----------------------------------------------------------------------------

def timeline(store, *, limit: int = 200, offset: int = 0, **filters) -> tuple[list[tuple[str, list[Event]]], Page]:
    """One page of events (the linker's order: most recent first) grouped by day, oldest day first; undated last."""
    wanted = {k: v for k, v in filters.items() if v not in (None, "")}
    found = store.events(limit=limit, offset=offset, **wanted)
    page = Page(found, store.count_events(**wanted), limit, offset)
    days: dict[str, list[Event]] = defaultdict(list)
    for e in found:
        days[e.when.earliest.date().isoformat() if e.when else "undated"].append(e)
    ordered = sorted(days.items(), key=lambda kv: (kv[0] == "undated", kv[0]))
    return ordered, page


def status_counts(evts: list[Event]) -> dict[str, int]:
    """How many of these events have each status, in :data:`STATUS_ORDER`."""
    counts = {s: 0 for s in STATUS_ORDER}
    for e in evts:
        status = e.assessment.status if e.assessment else "single_source"
        counts[status] = counts.get(status, 0) + 1
    return counts


def all_sides() -> tuple[str, ...]:
    """The sides a speaker can take, for filters and forms."""
    return SIDES
