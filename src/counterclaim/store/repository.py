"""``Store``: the one way every stage reads and writes documents, claims, links and reviews.

Built on SQLAlchemy Core over the tables in ``schema``; each public write is one
transaction. Pydantic objects are stored whole as JSON and rebuilt with
``model_validate``; analysts' side overrides are applied whenever claims are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from counterclaim.errors import InputError, NotFound, ReviewError, StoreError
from counterclaim.models import SIDES, Claim, Document, Event, Relation, Review, SideOverride, content_id
from counterclaim.store import engine as engines
from counterclaim.store import migrate, rows
from counterclaim.store import search as fulltext
from counterclaim.store.schema import claims as claims_t
from counterclaim.store.schema import documents as documents_t
from counterclaim.store.schema import event_claims as event_claims_t
from counterclaim.store.schema import events as events_t
from counterclaim.store.schema import relations as relations_t
from counterclaim.store.schema import reviews as reviews_t
from counterclaim.store.schema import side_overrides as overrides_t

CHUNK = 500  # ids per IN (...) list
VERDICTS = ("confirmed", "rejected")


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _unique(items: Iterable, key) -> list:
    """``items`` without repeats of ``key(item)``, first occurrence kept, order kept."""
    seen: set = set()
    return [item for item in items if not (key(item) in seen or seen.add(key(item)))]


class Store:
    """A counterclaim database (SQLite file or PostgreSQL), opened with :meth:`open`.

    Safe to share between threads (one connection per operation, from the pool).
    Timestamps come back timezone-aware in UTC; naive ones are taken to be UTC.
    Lists come back in a stable order: documents as ingested, claims as extracted
    within their document, events and relations as the linker ranked them.
    """

    def __init__(self, engine: Engine, url: URL) -> None:
        self.engine = engine
        self._url = url
        self.url = engines.safe_url(url)

    # -- lifecycle ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str) -> Store:
        """Open the store at ``url``, creating or migrating its schema to the newest revision."""
        parsed = engines.parse_url(url)
        engine = engines.create(parsed)
        where = engines.safe_url(parsed)
        try:
            cls._connect(engine, parsed)
            migrate.upgrade(engine, where)
        except DBAPIError as exc:
            engine.dispose()
            raise engines.describe(exc, parsed, "migrating the schema") from exc
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, parsed)

    @staticmethod
    def _connect(engine: Engine, url: URL) -> None:
        """Fail early, and clearly, when the database cannot be reached."""
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except DBAPIError as exc:
            raise engines.describe(exc, url, "connecting") from exc

    def close(self) -> None:
        """Release every connection."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @contextmanager
    def _read(self, doing: str) -> Iterator[Connection]:
        try:
            with self.engine.connect() as connection:
                yield connection
        except DBAPIError as exc:
            raise engines.describe(exc, self._url, doing) from exc

    @contextmanager
    def _write(self, doing: str) -> Iterator[Connection]:
        """One transaction that commits on success and rolls back on any error."""
        try:
            with self.engine.connect().execution_options(sqlite_immediate=True) as connection:
                with connection.begin():
                    yield connection
        except DBAPIError as exc:
            raise engines.describe(exc, self._url, doing) from exc

    def _not_found(self, what: str, key: str, hint: str) -> NotFound:
        return NotFound(f"no {what} {key!r} in {self.url} — {hint}")

    # -- documents ---------------------------------------------------------------------------------

    def add_document(self, doc: Document) -> bool:
        """Store ``doc``; False (and nothing stored) when a document with its content hash exists.

        A document whose id is already stored with other content is a new version:
        it replaces the old one, whose claims go with it.
        """
        rows.reject_unstorable(doc)
        try:
            with self._write(f"adding document {doc.id!r}") as connection:
                if self._has_hash(connection, doc.content_hash):
                    return False
                connection.execute(delete(documents_t).where(documents_t.c.id == doc.id,
                                                             documents_t.c.content_hash != doc.content_hash))
                connection.execute(insert(documents_t), rows.document_row(doc))
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError) and self._hash_stored(doc.content_hash):
                return False  # another writer stored the same document first
            raise
        return True

    @staticmethod
    def _has_hash(connection: Connection, content_hash: str) -> bool:
        query = select(documents_t.c.id).where(documents_t.c.content_hash == content_hash)
        return connection.execute(query).first() is not None

    def _hash_stored(self, content_hash: str) -> bool:
        with self._read("reading documents") as connection:
            return self._has_hash(connection, content_hash)

    def get_document(self, doc_id: str) -> Document:
        """The document ``doc_id``; raises ``NotFound``."""
        with self._read("reading documents") as connection:
            row = connection.execute(select(documents_t).where(documents_t.c.id == doc_id)).first()
        if row is None:
            raise self._not_found("document", doc_id, "list them with `counterclaim docs`")
        return rows.document(row)

    def documents(self, *, q: str | None = None, limit: int | None = None, offset: int = 0) -> list[Document]:
        """Documents in ingest order; ``q`` keeps those whose title or text contains it (any case)."""
        query = select(documents_t).order_by(documents_t.c.ingested_at, documents_t.c.id)
        if q:
            query = query.where(documents_t.c.title.icontains(q, autoescape=True)
                                | documents_t.c.text.icontains(q, autoescape=True))
        query = query.limit(limit).offset(offset or None)
        with self._read("reading documents") as connection:
            return [rows.document(row) for row in connection.execute(query)]

    def count_documents(self) -> int:
        """How many documents are stored."""
        with self._read("counting documents") as connection:
            return connection.execute(select(func.count()).select_from(documents_t)).scalar_one()

    # -- claims ------------------------------------------------------------------------------------

    def replace_claims(self, doc_id: str, claims: list[Claim]) -> None:
        """Make ``claims`` the document's claims and mark it extracted.

        Claims no longer found are deleted, with their event memberships and relations
        (foreign-key cascades); claims found again (same id) are updated in place and keep
        theirs. Atomic: on any error the old claims stay. A repeated id keeps its first occurrence.
        """
        for claim in claims:
            if claim.document_id != doc_id:
                raise InputError(f"claim {claim.id}", f"belongs to document {claim.document_id!r}, not {doc_id!r}; "
                                 "pass each document's own claims")
        new_rows = [rows.claim_row(claim, seq) for seq, claim in enumerate(_unique(claims, lambda c: c.id))]
        with self._write(f"replacing the claims of {doc_id!r}") as connection:
            self._require_document(connection, doc_id)
            old = set(connection.execute(select(claims_t.c.id).where(claims_t.c.document_id == doc_id)).scalars())
            for chunk in _chunks(sorted(old - {row["id"] for row in new_rows})):
                connection.execute(delete(claims_t).where(claims_t.c.id.in_(chunk)))
            _upsert_claims(connection, [r for r in new_rows if r["id"] in old],
                           [r for r in new_rows if r["id"] not in old])
            connection.execute(update(documents_t).where(documents_t.c.id == doc_id).values(extracted_at=rows.now()))

    def _require_document(self, connection: Connection, doc_id: str) -> None:
        if connection.execute(select(documents_t.c.id).where(documents_t.c.id == doc_id)).first() is None:
            raise self._not_found("document", doc_id, "list them with `counterclaim docs`")

    def claims(self, doc_id: str | None = None, *, speaker: str | None = None, side: str | None = None,
               q: str | None = None, limit: int | None = None, offset: int = 0) -> list[Claim]:
        """Claims in document order, with side overrides applied (``side`` filters on the overridden side).

        ``speaker`` is a canonical speaker name (exact); ``q`` a substring of the content (any case).
        """
        query = _claims_query()
        if doc_id is not None:
            query = query.where(claims_t.c.document_id == doc_id)
        if speaker is not None:
            query = query.where(claims_t.c.speaker_name == speaker)
        if side is not None:
            query = query.where(_effective_side() == side)
        if q:
            query = query.where(claims_t.c.content.icontains(q, autoescape=True))
        query = query.limit(limit).offset(offset or None)
        with self._read("reading claims") as connection:
            return [rows.claim(row) for row in connection.execute(query)]

    def get_claim(self, claim_id: str) -> Claim:
        """The claim ``claim_id`` with its side override applied; raises ``NotFound``."""
        with self._read("reading claims") as connection:
            row = connection.execute(_claims_query().where(claims_t.c.id == claim_id)).first()
        if row is None:
            raise self._not_found("claim", claim_id, "list them with `counterclaim claims`")
        return rows.claim(row)

    def unextracted_documents(self) -> list[str]:
        """Ids of documents never run through extraction, in ingest order."""
        query = (select(documents_t.c.id).where(documents_t.c.extracted_at.is_(None))
                 .order_by(documents_t.c.ingested_at, documents_t.c.id))
        with self._read("reading documents") as connection:
            return list(connection.execute(query).scalars())

    # -- linking -----------------------------------------------------------------------------------

    def save_links(self, events: list[Event], relations: list[Relation]) -> None:
        """Replace all events and relations with these (reviews and overrides are kept)."""
        events = _unique(events, lambda e: e.id)
        relations = _unique(relations, lambda r: r.id)
        owner: dict[str, str] = {}
        for event in events:
            for relation_id in event.relation_ids:
                owner.setdefault(relation_id, event.id)
        with self._write("saving links") as connection:
            self._require_claims(connection, events, relations)
            for table in (event_claims_t, relations_t, events_t):
                connection.execute(delete(table))
            if events:
                connection.execute(insert(events_t), [rows.event_row(e, seq) for seq, e in enumerate(events)])
            members = _unique(((e.id, c) for e in events for c in e.claim_ids), lambda pair: pair)
            if members:
                connection.execute(insert(event_claims_t), [{"event_id": e, "claim_id": c} for e, c in members])
            if relations:
                connection.execute(insert(relations_t),
                                   [rows.relation_row(r, seq, owner.get(r.id)) for seq, r in enumerate(relations)])

    def update_events(self, events: list[Event], relations: list[Relation] = ()) -> None:
        """Rewrite stored events (their assessment, status and data) and relations in place, keeping their
        order and membership: what an analyst's review changes without linking again."""
        with self._write("updating events") as connection:
            for event in events:
                row = rows.event_row(event, 0)
                connection.execute(update(events_t).where(events_t.c.id == event.id)
                                   .values(status=row["status"], title=row["title"], data=row["data"]))
            for relation in relations:
                connection.execute(update(relations_t).where(relations_t.c.id == relation.id)
                                   .values(score=relation.score, data=relation.model_dump(mode="json")))

    def _require_claims(self, connection: Connection, events: list[Event], relations: list[Relation]) -> None:
        """Refuse links to claims that are not stored, naming one of them."""
        wanted = {c for e in events for c in e.claim_ids} | {c for r in relations for c in (r.a, r.b)}
        missing = wanted - _existing(connection, claims_t.c.id, wanted)
        if missing:
            first = sorted(missing)[0]
            raise StoreError(f"cannot save links: claim {first!r} ({len(missing)} missing in all) is not in "
                             f"{self.url}; link the stored claims (`counterclaim extract`, then `counterclaim link`)")

    def events(self, *, status: str | None = None, side: str | None = None, speaker: str | None = None,
               place: str | None = None, since: datetime | None = None, until: datetime | None = None,
               q: str | None = None, limit: int | None = None, offset: int = 0) -> list[Event]:
        """Events in the linker's order, filtered.

        ``side``/``speaker``: some member claim is on that (overridden) side / by that speaker;
        ``place``: a place of the event has that name (any case); ``since``/``until``: the
        event's time overlaps; ``q``: a substring of the title (any case).
        """
        query = select(events_t.c.data).order_by(events_t.c.seq)
        for condition in _event_filters(status, side, speaker, place, since, until, q):
            query = query.where(condition)
        query = query.limit(limit).offset(offset or None)
        with self._read("reading events") as connection:
            found = [Event.model_validate(data) for data in connection.execute(query).scalars()]
            return _prune_events(connection, found)

    def get_event(self, event_id: str) -> Event:
        """The event ``event_id``; raises ``NotFound``."""
        with self._read("reading events") as connection:
            data = connection.execute(select(events_t.c.data).where(events_t.c.id == event_id)).scalar()
            if data is None:
                raise self._not_found("event", event_id, "list them with `counterclaim disputes`")
            return _prune_events(connection, [Event.model_validate(data)])[0]

    def relations(self, *, event_id: str | None = None, claim_id: str | None = None) -> list[Relation]:
        """Relations in the linker's order, of one event and/or touching one claim."""
        query = select(relations_t.c.data).order_by(relations_t.c.seq)
        if event_id is not None:
            query = query.where(relations_t.c.event_id == event_id)
        if claim_id is not None:
            query = query.where((relations_t.c.a == claim_id) | (relations_t.c.b == claim_id))
        with self._read("reading relations") as connection:
            return [Relation.model_validate(data) for data in connection.execute(query).scalars()]

    def get_relation(self, relation_id: str) -> Relation:
        """The relation ``relation_id``; raises ``NotFound``."""
        with self._read("reading relations") as connection:
            data = connection.execute(select(relations_t.c.data).where(relations_t.c.id == relation_id)).scalar()
        if data is None:
            raise self._not_found("relation", relation_id,
                                  "see an event's relations with `counterclaim event EVENT_ID`")
        return Relation.model_validate(data)

    # -- reviews and overrides ---------------------------------------------------------------------

    def add_review(self, relation_id: str, verdict: str, reason: str, reviewer: str | None = None) -> Review:
        """Record an analyst's verdict on a stored relation; raises ``ReviewError`` when it cannot apply."""
        if verdict not in VERDICTS:
            raise ReviewError(f"unknown verdict {verdict!r} for relation {relation_id!r}: use one of {VERDICTS}")
        at = rows.now()
        review = Review(id=content_id("rev", relation_id, verdict, reason, reviewer or "", at.isoformat()),
                        relation_id=relation_id, verdict=verdict, reason=reason, at=at, reviewer=reviewer)
        with self._write(f"reviewing relation {relation_id!r}") as connection:
            query = select(relations_t.c.id).where(relations_t.c.id == relation_id)
            if connection.execute(query).first() is None:
                raise NotFound(f"no relation {relation_id!r}: it may have gone when the claims were "
                               "linked again; review a relation that `counterclaim event EVENT_ID` lists")
            connection.execute(insert(reviews_t), review.model_dump())
        return review

    def reviews(self, relation_id: str | None = None) -> list[Review]:
        """Reviews, oldest first, of one relation or of all."""
        query = select(reviews_t).order_by(reviews_t.c.at, reviews_t.c.id)
        if relation_id is not None:
            query = query.where(reviews_t.c.relation_id == relation_id)
        with self._read("reading reviews") as connection:
            return [Review.model_validate(row._asdict()) for row in connection.execute(query)]

    def set_side_override(self, speaker: str, side: str, reason: str) -> SideOverride:
        """Say which side ``speaker`` (a canonical name) is on, replacing any earlier override."""
        if side not in SIDES:
            raise InputError(f"speaker {speaker!r}", f"unknown side {side!r}; use one of {', '.join(SIDES)}")
        override = SideOverride(speaker=speaker, side=side, reason=reason, at=rows.now())
        with self._write(f"overriding the side of {speaker!r}") as connection:
            connection.execute(delete(overrides_t).where(overrides_t.c.speaker == speaker))
            connection.execute(insert(overrides_t), override.model_dump())
        return override

    def side_overrides(self) -> dict[str, SideOverride]:
        """Every side override, by speaker name."""
        with self._read("reading side overrides") as connection:
            rows = connection.execute(select(overrides_t).order_by(overrides_t.c.speaker))
            return {row.speaker: SideOverride.model_validate(row._asdict()) for row in rows}

    # -- search ------------------------------------------------------------------------------------

    def search(self, q: str, limit: int = 50) -> list[dict]:
        """Documents and claims whose words match all the words of ``q``, best first.

        Each hit is ``{"kind": "document"|"claim", "id", "snippet"}``, matches in ``[...]``.
        """
        with self._read("searching") as connection:
            return fulltext.search(connection, q, limit)


# -- queries ---------------------------------------------------------------------------------------

def _effective_side():
    return func.coalesce(overrides_t.c.side, claims_t.c.side)


def _claims_query():
    """Claims with their override side, in ingest then document order."""
    joined = claims_t.join(documents_t, documents_t.c.id == claims_t.c.document_id).outerjoin(
        overrides_t, overrides_t.c.speaker == claims_t.c.speaker_name)
    return (select(claims_t.c.data, overrides_t.c.side.label("override")).select_from(joined)
            .order_by(documents_t.c.ingested_at, claims_t.c.document_id, claims_t.c.seq))


def _upsert_claims(connection: Connection, changed: list[dict], added: list[dict]) -> None:
    """Update the rows of claims already stored, insert the others."""
    if changed:
        params = [{f"new_{key}": value for key, value in row.items()} for row in changed]
        values = {key: bindparam(f"new_{key}") for key in changed[0] if key != "id"}
        connection.execute(update(claims_t).where(claims_t.c.id == bindparam("new_id")).values(values), params)
    if added:
        connection.execute(insert(claims_t), added)


def _event_filters(status, side, speaker, place, since, until, q) -> list:
    """WHERE conditions for :meth:`Store.events`."""
    members = (select(event_claims_t.c.event_id)
               .join(claims_t, claims_t.c.id == event_claims_t.c.claim_id)
               .outerjoin(overrides_t, overrides_t.c.speaker == claims_t.c.speaker_name))
    conditions = []
    if status is not None:
        conditions.append(events_t.c.status == status)
    if side is not None:
        conditions.append(events_t.c.id.in_(members.where(_effective_side() == side)))
    if speaker is not None:
        conditions.append(events_t.c.id.in_(members.where(claims_t.c.speaker_name == speaker)))
    if place:
        conditions.append(events_t.c.places.contains(f"|{place.lower()}|", autoescape=True))
    if since is not None:
        conditions.append(events_t.c.latest >= since)
    if until is not None:
        conditions.append(events_t.c.earliest <= until)
    if q:
        conditions.append(events_t.c.title.icontains(q, autoescape=True))
    return conditions


def _existing(connection: Connection, column, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` are values of ``column``."""
    found: set[str] = set()
    for chunk in _chunks(sorted(ids)):
        found.update(connection.execute(select(column).where(column.in_(chunk))).scalars())
    return found


def _prune_events(connection: Connection, events: list[Event]) -> list[Event]:
    """Drop member claims and relations that re-extraction has since deleted (FK cascades)."""
    if not events:
        return events
    live: set[tuple[str, str]] = set()
    for chunk in _chunks([e.id for e in events]):
        query = select(event_claims_t.c.event_id, event_claims_t.c.claim_id).where(
            event_claims_t.c.event_id.in_(chunk))
        live.update((row.event_id, row.claim_id) for row in connection.execute(query))
    relations = _existing(connection, relations_t.c.id, {r for e in events for r in e.relation_ids})
    return [e.model_copy(update={"claim_ids": [c for c in e.claim_ids if (e.id, c) in live],
                                 "relation_ids": [r for r in e.relation_ids if r in relations]})
            for e in events]
