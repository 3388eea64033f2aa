"""``Store``: the one way every stage reads and writes documents, claims, links and reviews.

Built on SQLAlchemy Core over the tables in ``schema``; each public write is one
transaction. Pydantic objects are stored whole as JSON and rebuilt with
``model_validate``; analysts' side overrides are applied whenever claims are read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Literal

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from counterclaim.errors import InputError, NotFound, ReviewError, StoreError
from counterclaim.models import SIDES, Claim, Document, Event, Relation, Review, SideOverride, content_id
from counterclaim.store import derived, migrate, rows
from counterclaim.store import engine as engines
from counterclaim.store import search as fulltext
from counterclaim.store.schema import claims as claims_t
from counterclaim.store.schema import documents as documents_t
from counterclaim.store.schema import event_claims as event_claims_t
from counterclaim.store.schema import event_keys as keys_t
from counterclaim.store.schema import events as events_t
from counterclaim.store.schema import relations as relations_t
from counterclaim.store.schema import reviews as reviews_t
from counterclaim.store.schema import side_overrides as overrides_t
from counterclaim.store.schema import speaker_months as months_t
from counterclaim.store.schema import speakers as speakers_t

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
        """Store ``doc``; False (and nothing stored) when it is already stored as it is (see :meth:`put_document`)."""
        return self.put_document(doc) != "unchanged"

    def put_document(self, doc: Document) -> Literal["new", "updated", "unchanged"]:
        """Store ``doc`` under its id: "new", "unchanged", or "updated".

        A document's identity is its id (the source's own, else a hash of outlet, url, title
        and text: see docs/RELIABILITY.md). The same id with the same text, title, outlet,
        url and publication time is "unchanged" and nothing is written. Any difference in
        those is a correction: the row is updated in place (it keeps its place in ingest
        order), its claims are deleted (their offsets and dates may no longer hold; their
        event memberships and relations go with them) and it is queued for extraction again.
        Atomic; safe against another writer storing the same document at the same time.
        """
        rows.reject_unstorable(doc)
        try:
            with self._write(f"adding document {doc.id!r}") as connection:
                stored = self._stored_version(connection, doc.id)
                if stored == rows.version(doc):
                    return "unchanged"
                if stored is None:
                    connection.execute(insert(documents_t), rows.document_row(doc))
                    derived.add_tallies(connection, {"documents": 1})
                    return "new"
                of_doc = claims_t.c.document_id == doc.id
                dropped = derived.variants_where(connection, of_doc)
                months = derived.months_where(connection, of_doc)
                cascaded = _relations_of(connection, select(claims_t.c.id).where(of_doc))
                connection.execute(delete(claims_t).where(of_doc))
                values = {k: v for k, v in rows.document_row(doc).items() if k not in ("id", "ingested_at")}
                connection.execute(update(documents_t).where(documents_t.c.id == doc.id).values(values))
                derived.apply_speaker_deltas(connection, _negated(dropped))
                derived.apply_month_deltas(connection, _negated(months))
                derived.add_tallies(connection, {"claims": -sum(dropped.values()), "relations": -cascaded})
                return "updated"
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError) and self._version_stored(doc):
                return "unchanged"  # another writer stored the same document first
            raise

    @staticmethod
    def _stored_version(connection: Connection, doc_id: str) -> str | None:
        """The :func:`rows.version` of the stored document ``doc_id``, computed from its columns, or None."""
        columns = [documents_t.c[name] for name in ("id", "text", "title", "outlet", "url", "published")]
        row = connection.execute(select(*columns).where(documents_t.c.id == doc_id)).first()
        return None if row is None else rows.version(Document(**row._asdict()))

    def _version_stored(self, doc: Document) -> bool:
        with self._read("reading documents") as connection:
            return self._stored_version(connection, doc.id) == rows.version(doc)

    def get_document(self, doc_id: str) -> Document:
        """The document ``doc_id``; raises ``NotFound``."""
        with self._read("reading documents") as connection:
            row = connection.execute(select(documents_t).where(documents_t.c.id == doc_id)).first()
        if row is None:
            raise self._not_found("document", doc_id, "list them with `counterclaim docs`")
        return rows.document(row)

    def documents(self, *, q: str | None = None, limit: int | None = None, offset: int = 0,
                  ids: Sequence[str] | None = None) -> list[Document]:
        """Documents in ingest order; ``q`` keeps those whose title or text has all its words (full text);
        ``ids`` only those documents (ids not stored are left out)."""
        query = select(documents_t).order_by(documents_t.c.ingested_at, documents_t.c.id)
        with self._read("reading documents") as connection:
            condition = self._document_filter(connection, q)
            if condition is not None:
                query = query.where(condition)
            if ids is not None:
                return [rows.document(row) for chunk in _chunks(sorted(set(ids)))
                        for row in connection.execute(query.where(documents_t.c.id.in_(chunk)))]
            query = query.limit(limit).offset(offset or None)
            return [rows.document(row) for row in connection.execute(query)]

    @staticmethod
    def _document_filter(connection: Connection, q: str | None):
        matched = fulltext.matches(connection.dialect.name, "document", q) if q else None
        return None if matched is None else documents_t.c.id.in_(select(matched.subquery().c.id))

    def count_documents(self, *, q: str | None = None) -> int:
        """How many documents are stored (matching ``q`` as :meth:`documents` does)."""
        query = select(func.count()).select_from(documents_t)
        with self._read("counting documents") as connection:
            condition = self._document_filter(connection, q)
            if condition is None:
                return _tally(connection, "documents", query)
            return connection.execute(query.where(condition)).scalar_one()

    # -- claims ------------------------------------------------------------------------------------

    def replace_claims(self, doc_id: str, claims: list[Claim], *, version: str | None = None) -> bool:
        """Make ``claims`` the document's claims and mark it extracted; True when written.

        Claims no longer found are deleted, with their event memberships and relations
        (foreign-key cascades); claims found again (same id) are updated in place and keep
        theirs. Atomic: on any error the old claims stay. A repeated id keeps its first occurrence.
        ``version`` (``rows.version`` of the document the claims were extracted from): when the
        stored document has been corrected since, nothing is written and False comes back, so
        the document stays queued for extraction instead of keeping claims of its old text.
        """
        for claim in claims:
            if claim.document_id != doc_id:
                raise InputError(f"claim {claim.id}", f"belongs to document {claim.document_id!r}, not {doc_id!r}; "
                                 "pass each document's own claims")
        unique = _unique(claims, lambda c: c.id)
        with self._write(f"replacing the claims of {doc_id!r}") as connection:
            published, ingested_at = self._require_document(connection, doc_id)
            if version is not None and self._stored_version(connection, doc_id) != version:
                return False
            new_rows = [rows.claim_row(claim, seq, published, ingested_at) for seq, claim in enumerate(unique)]
            before = derived.variants_where(connection, claims_t.c.document_id == doc_id)
            months_before = derived.months_where(connection, claims_t.c.document_id == doc_id)
            old = set(connection.execute(select(claims_t.c.id).where(claims_t.c.document_id == doc_id)).scalars())
            cascaded = 0
            for chunk in _chunks(sorted(old - {row["id"] for row in new_rows})):
                cascaded += _relations_of(connection, chunk)
                connection.execute(delete(claims_t).where(claims_t.c.id.in_(chunk)))
            _upsert_claims(connection, [r for r in new_rows if r["id"] in old],
                           [r for r in new_rows if r["id"] not in old])
            connection.execute(update(documents_t).where(documents_t.c.id == doc_id).values(extracted_at=rows.now()))
            deltas = derived.variants_of_rows(new_rows)
            deltas.subtract(before)
            derived.apply_speaker_deltas(connection, deltas)
            months = derived.months_where(connection, claims_t.c.document_id == doc_id)
            months.subtract(months_before)
            derived.apply_month_deltas(connection, months)
            derived.add_tallies(connection, {"claims": len(new_rows) - len(old), "relations": -cascaded})
        return True

    def add_extracted(self, batch: Sequence[tuple[Document, list[Claim]]]) -> int:
        """Store new documents with their claims, many in one transaction; how many were new.

        For bulk loads and a single writer at scale: one transaction and a few statements per batch
        instead of two transactions per document. A document already stored (same content hash) is
        skipped with its claims; one whose id is stored with other content goes through
        :meth:`add_document` and :meth:`replace_claims` (a new version). Atomic per batch.
        """
        for doc, claims in batch:
            rows.reject_unstorable(doc)
            for claim in claims:
                if claim.document_id != doc.id:
                    raise InputError(f"claim {claim.id}", f"belongs to document {claim.document_id!r}, not "
                                     f"{doc.id!r}; pass each document's own claims")
        batch = _unique(batch, lambda item: item[0].id)
        versions = []
        with self._write(f"adding {len(batch)} documents") as connection:
            stored = _existing(connection, documents_t.c.content_hash, {rows.version(d) for d, _ in batch})
            ids = _existing(connection, documents_t.c.id, {d.id for d, _ in batch})
            fresh = [(d, cs) for d, cs in batch if d.id not in ids]
            versions = [(d, cs) for d, cs in batch if d.id in ids and rows.version(d) not in stored]
            at = rows.now()
            doc_rows = [{**rows.document_row(d), "ingested_at": at, "extracted_at": at} for d, _ in fresh]
            claim_rows = [rows.claim_row(c, seq, d.published, at) for d, cs in fresh
                          for seq, c in enumerate(_unique(cs, lambda c: c.id))]
            for table, chunk_rows in ((documents_t, doc_rows), (claims_t, claim_rows)):
                for chunk in _chunks(chunk_rows, 2000):
                    connection.execute(insert(table), chunk)
            derived.apply_speaker_deltas(connection, derived.variants_of_rows(claim_rows))
            derived.apply_month_deltas(connection, Counter((r["speaker_name"], r["month"], "") for r in claim_rows))
            derived.add_tallies(connection, {"documents": len(doc_rows), "claims": len(claim_rows)})
        for doc, claims in versions:
            self.add_document(doc)
            self.replace_claims(doc.id, claims)
        return len(fresh) + len(versions)

    def _require_document(self, connection: Connection, doc_id: str) -> tuple[datetime | None, datetime]:
        """The document's publication and ingest times; raises ``NotFound`` when it is not stored."""
        query = select(documents_t.c.published, documents_t.c.ingested_at).where(documents_t.c.id == doc_id)
        row = connection.execute(query).first()
        if row is None:
            raise self._not_found("document", doc_id, "list them with `counterclaim docs`")
        return row.published, row.ingested_at

    def claims(self, doc_id: str | None = None, *, speaker: str | Sequence[str] | None = None,
               side: str | None = None, q: str | None = None, limit: int | None = None, offset: int = 0,
               ids: Sequence[str] | None = None, order: ClaimOrder = "document") -> list[Claim]:
        """Claims with side overrides applied (``side`` filters on the overridden side).

        ``speaker`` is a canonical speaker name (exact) or a list of them; ``q`` words of the content,
        speaker or places (full text); ``ids`` only those claims. ``order``: "document" (documents in
        ingest order, claims in document order) or "recent" (newest said first, undated last).
        """
        with self._read("reading claims") as connection:
            query = _claims_query(order).where(*self._claim_filters(connection, doc_id, speaker, side, q))
            if ids is not None:
                return [rows.claim(row) for chunk in _chunks(sorted(set(ids)))
                        for row in connection.execute(query.where(claims_t.c.id.in_(chunk)))]
            return [rows.claim(row) for row in connection.execute(query.limit(limit).offset(offset or None))]

    def count_claims(self, doc_id: str | None = None, *, speaker: str | Sequence[str] | None = None,
                     side: str | None = None, q: str | None = None) -> int:
        """How many claims :meth:`claims` would list with these filters."""
        with self._read("counting claims") as connection:
            conditions = self._claim_filters(connection, doc_id, speaker, side, q)
            query = select(func.count()).select_from(claims_t)
            if not conditions:
                return _tally(connection, "claims", query)
            if side is not None:
                query = query.select_from(claims_t.outerjoin(overrides_t,
                                                             overrides_t.c.speaker == claims_t.c.speaker_name))
            return connection.execute(query.where(*conditions)).scalar_one()

    @staticmethod
    def _claim_filters(connection: Connection, doc_id, speaker, side, q) -> list:
        conditions = []
        if doc_id is not None:
            conditions.append(claims_t.c.document_id == doc_id)
        if speaker is not None:
            conditions.append(claims_t.c.speaker_name.in_([speaker] if isinstance(speaker, str) else list(speaker)))
        if side is not None:
            conditions.append(derived.effective_side() == side)
        matched = fulltext.matches(connection.dialect.name, "claim", q) if q else None
        if matched is not None:
            conditions.append(claims_t.c.id.in_(select(matched.subquery().c.id)))
        return conditions

    def get_claim(self, claim_id: str) -> Claim:
        """The claim ``claim_id`` with its side override applied; raises ``NotFound``."""
        with self._read("reading claims") as connection:
            row = connection.execute(_claims_query().where(claims_t.c.id == claim_id)).first()
        if row is None:
            raise self._not_found("claim", claim_id, "list them with `counterclaim claims`")
        return rows.claim(row)

    def claim_verdicts(self, claim_ids: Sequence[str]) -> dict[str, str]:
        """Claim id -> ``corroborated``, ``contradicted`` or ``contested``, as of the last link (others absent)."""
        found: dict[str, str] = {}
        with self._read("reading claims") as connection:
            for chunk in _chunks(sorted(set(claim_ids))):
                query = select(claims_t.c.id, claims_t.c.verdict).where(claims_t.c.id.in_(chunk),
                                                                         claims_t.c.verdict.is_not(None))
                found.update((row.id, row.verdict) for row in connection.execute(query))
        return found

    def events_of_claims(self, claim_ids: Sequence[str]) -> dict[str, list[str]]:
        """Claim id -> ids of the events it belongs to (in the linker's order)."""
        found: dict[str, list[str]] = {}
        with self._read("reading events") as connection:
            for chunk in _chunks(sorted(set(claim_ids))):
                query = (select(event_claims_t.c.claim_id, event_claims_t.c.event_id)
                         .join(events_t, events_t.c.id == event_claims_t.c.event_id)
                         .where(event_claims_t.c.claim_id.in_(chunk)).order_by(events_t.c.seq))
                for row in connection.execute(query):
                    found.setdefault(row.claim_id, []).append(row.event_id)
        return found

    def unextracted_documents(self) -> list[str]:
        """Ids of documents never run through extraction, in ingest order."""
        query = (select(documents_t.c.id).where(documents_t.c.extracted_at.is_(None))
                 .order_by(documents_t.c.ingested_at, documents_t.c.id))
        with self._read("reading documents") as connection:
            return list(connection.execute(query).scalars())

    # -- linking -----------------------------------------------------------------------------------

    def save_links(self, events: list[Event], relations: list[Relation]) -> None:
        """Replace all events and relations with these (reviews and overrides are kept).

        Also rebuilds what the board reads instead of the events' JSON: the filter keys, the search
        text and index, and each claim's verdict (see :mod:`counterclaim.store.derived`).
        """
        events = _unique(events, lambda e: e.id)
        relations = _unique(relations, lambda r: r.id)
        owner: dict[str, str] = {}
        for event in events:
            for relation_id in event.relation_ids:
                owner.setdefault(relation_id, event.id)
        with self._write("saving links") as connection:
            self._require_claims(connection, events, relations)
            for table in (keys_t, event_claims_t, relations_t, events_t):
                connection.execute(delete(table))
            for chunk in _chunks([rows.event_row(e, seq) for seq, e in enumerate(events)], 5000):
                connection.execute(insert(events_t), chunk)
            members = _unique(((e.id, c) for e in events for c in e.claim_ids), lambda pair: pair)
            for chunk in _chunks([{"event_id": e, "claim_id": c} for e, c in members], 5000):
                connection.execute(insert(event_claims_t), chunk)
            relation_rows = [rows.relation_row(r, seq, owner.get(r.id)) for seq, r in enumerate(relations)]
            for chunk in _chunks(relation_rows, 5000):
                connection.execute(insert(relations_t), chunk)
            derived.add_place_keys(connection, {e.id: rows.event_place_keys(e) for e in events})
            derived.refresh_member_keys(connection)
            derived.refresh_search_text(connection)
            fulltext.index_events(connection)
            derived.refresh_verdicts(connection, relations)
            derived.refresh_months(connection)
            statuses = Counter(f"events:{e.assessment.status if e.assessment else ''}" for e in events)
            derived.set_tallies(connection, {"events": len(events), **statuses}, prefix="events")
            derived.set_tallies(connection, {"relations": len(relations)}, prefix="relations")
        self._analyze()

    def _analyze(self) -> None:
        """Refresh the planner's statistics after a bulk change, so the next reads get index plans."""
        try:
            with self.engine.connect() as connection:
                if connection.dialect.name == "sqlite":
                    connection.exec_driver_sql("PRAGMA analysis_limit=1000")
                    connection.exec_driver_sql("ANALYZE")
                else:
                    for table in ("events", "event_claims", "event_keys", "relations", "claims", "speakers"):
                        connection.exec_driver_sql(f"ANALYZE {table}")
                connection.commit()
        except DBAPIError:  # statistics are an optimisation: a busy database is no reason to fail the link
            pass

    def update_events(self, events: list[Event], relations: list[Relation] = ()) -> None:
        """Rewrite stored events (their assessment, status and data) and relations in place, keeping their
        order and membership: what an analyst's review changes without linking again. The status totals
        and the claims' verdicts follow."""
        with self._write("updating events") as connection:
            before = Counter(f"events:{s or ''}" for s in connection.execute(
                select(events_t.c.status).where(events_t.c.id.in_([e.id for e in events]))).scalars())
            for event in events:
                row = rows.event_row(event, 0)
                connection.execute(update(events_t).where(events_t.c.id == event.id)
                                   .values(status=row["status"], title=row["title"], data=row["data"],
                                           board_order=row["board_order"]))
            for relation in relations:
                connection.execute(update(relations_t).where(relations_t.c.id == relation.id)
                                   .values(score=relation.score, data=relation.model_dump(mode="json")))
            after = Counter(f"events:{e.assessment.status if e.assessment else ''}" for e in events)
            derived.add_tallies(connection, {k: after[k] - before[k] for k in set(before) | set(after)})
            touched = sorted({c for r in relations for c in (r.a, r.b)})
            query = select(rows.raw(relations_t.c.data)).where(relations_t.c.a.in_(touched) | relations_t.c.b.in_(touched))
            around = [Relation.model_validate_json(d) for d in connection.execute(query).scalars()]
            verdicts = derived.claim_verdicts(around)
            for cid in touched:
                connection.execute(update(claims_t).where(claims_t.c.id == cid).values(verdict=verdicts.get(cid)))

    def events_with_relation(self, relation_id: str) -> list[str]:
        """Ids of the events that hold a relation (its owner)."""
        with self._read("reading relations") as connection:
            owner = connection.execute(select(relations_t.c.event_id).where(relations_t.c.id == relation_id)).scalar()
        return [owner] if owner else []

    def _require_claims(self, connection: Connection, events: list[Event], relations: list[Relation]) -> None:
        """Refuse links to claims that are not stored, naming one of them."""
        wanted = {c for e in events for c in e.claim_ids} | {c for r in relations for c in (r.a, r.b)}
        missing = wanted - _existing(connection, claims_t.c.id, wanted)
        if missing:
            first = sorted(missing)[0]
            raise StoreError(f"cannot save links: claim {first!r} ({len(missing)} missing in all) is not in "
                             f"{self.url}; link the stored claims (`counterclaim extract`, then `counterclaim link`)")

    def events(self, *, status: str | None = None, side: str | None = None,
               speaker: str | Sequence[str] | None = None, place: str | Sequence[str] | None = None,
               since: datetime | None = None, until: datetime | None = None, q: str | None = None,
               limit: int | None = None, offset: int = 0, order: EventOrder = "linker",
               ids: Sequence[str] | None = None) -> list[Event]:
        """Events, filtered, in the linker's order or the board's (``order="board"``).

        ``side``: some member claim is on that (overridden) side; ``speaker``: some member claim is by
        that speaker (a canonical name or a list of them); ``place``: a place of the event has that name
        (any case) or gazetteer id, or one of a list; ``since``/``until``: the event's time overlaps
        ``[since, until]``; ``q``: words of the event's title, places, speakers, claims or their
        documents' titles and outlets (full text). The board's order is disputes first (by status),
        then most recent; with ``q``, best match first.
        """
        with self._read("reading events") as connection:
            query, conditions = self._ranked_events(connection, select(events_t.c.id), order, q)
            query = query.where(*conditions, *_event_filters(status, side, speaker, place, since, until))
            if ids is not None:
                query = query.where(events_t.c.id.in_(list(ids)))
            # the page's ids first, then their data: sorting thousands of matches never drags their JSON along
            wanted = list(connection.execute(query.limit(limit).offset(offset or None)).scalars())
            if not wanted:
                return []
            query = select(events_t.c.id, rows.raw(events_t.c.data)).where(events_t.c.id.in_(wanted))
            data = {row[0]: row[1] for row in connection.execute(query)}
            return _prune_events(connection, [Event.model_validate_json(data[i]) for i in wanted])

    @staticmethod
    def _ranked_events(connection: Connection, query, order: str, q: str | None):
        """``query`` ordered as asked, and the text condition for ``q`` (as a join when ranking by it:
        the board ranks the matches of ``q`` best first when there are few enough to rank)."""
        matched = fulltext.matches(connection.dialect.name, "event", q) if q else None
        board = (events_t.c.board_order, events_t.c.seq)
        ordered = query.order_by(*(board if order == "board" else (events_t.c.seq,)))
        if matched is None:
            return ordered, []
        if order != "board" or not fulltext.few(connection, "event", q):
            return ordered, [events_t.c.id.in_(select(matched.subquery().c.id))]
        hits = fulltext.matches(connection.dialect.name, "event", q, ranked=True).subquery()
        return query.join(hits, hits.c.id == events_t.c.id).order_by(hits.c.score, *board), []

    def count_events(self, *, status: str | Sequence[str] | None = None, side: str | None = None,
                     speaker: str | Sequence[str] | None = None, place: str | Sequence[str] | None = None,
                     since: datetime | None = None, until: datetime | None = None, q: str | None = None) -> int:
        """How many events :meth:`events` would list with these filters."""
        return sum(self.event_status_counts(side=side, speaker=speaker, place=place, since=since, until=until,
                                            q=q, status=status).values())

    def event_status_counts(self, *, status: str | Sequence[str] | None = None, side: str | None = None,
                            speaker: str | Sequence[str] | None = None, place: str | Sequence[str] | None = None,
                            since: datetime | None = None, until: datetime | None = None,
                            q: str | None = None) -> dict[str | None, int]:
        """Status -> how many events with these filters have it (one grouped query)."""
        query = select(events_t.c.status, func.count()).group_by(events_t.c.status)
        with self._read("counting events") as connection:
            if all(v is None for v in (status, side, speaker, place, since, until)) and not q:
                counted = derived.tallies(connection, "events:")
                if counted is not None:
                    return {name.split(":", 1)[1] or None: n for name, n in counted.items() if n}
            query, conditions = self._ranked_events(connection, query, "linker", q)
            query = query.order_by(None).where(*conditions, *_event_filters(status, side, speaker, place, since,
                                                                            until))
            return {row[0]: row[1] for row in connection.execute(query)}

    def get_event(self, event_id: str) -> Event:
        """The event ``event_id``; raises ``NotFound``."""
        with self._read("reading events") as connection:
            data = connection.execute(select(rows.raw(events_t.c.data)).where(events_t.c.id == event_id)).scalar()
            if data is None:
                raise self._not_found("event", event_id, "list them with `counterclaim disputes`")
            return _prune_events(connection, [Event.model_validate_json(data)])[0]

    def relations(self, *, event_id: str | None = None, claim_id: str | None = None,
                  limit: int | None = None, offset: int = 0) -> list[Relation]:
        """Relations in the linker's order, of one event and/or touching one claim."""
        query = (select(rows.raw(relations_t.c.data)).where(*_relation_filters(event_id, claim_id))
                 .order_by(relations_t.c.seq))
        with self._read("reading relations") as connection:
            return [Relation.model_validate_json(data)
                    for data in connection.execute(query.limit(limit).offset(offset or None)).scalars()]

    def count_relations(self, *, event_id: str | None = None, claim_id: str | None = None) -> int:
        """How many relations :meth:`relations` would list."""
        conditions = _relation_filters(event_id, claim_id)
        query = select(func.count()).select_from(relations_t).where(*conditions)
        with self._read("counting relations") as connection:
            return connection.execute(query).scalar_one() if conditions else _tally(connection, "relations", query)

    def get_relation(self, relation_id: str) -> Relation:
        """The relation ``relation_id``; raises ``NotFound``."""
        with self._read("reading relations") as connection:
            data = connection.execute(select(rows.raw(relations_t.c.data)).where(relations_t.c.id == relation_id)).scalar()
        if data is None:
            raise self._not_found("relation", relation_id,
                                  "see an event's relations with `counterclaim event EVENT_ID`")
        return Relation.model_validate_json(data)

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

    def reviews(self, relation_id: str | None = None, *, relation_ids: Sequence[str] | None = None) -> list[Review]:
        """Reviews, oldest first, of one relation, of the relations in ``relation_ids``, or of all."""
        query = select(reviews_t).order_by(reviews_t.c.at, reviews_t.c.id)
        if relation_id is not None:
            query = query.where(reviews_t.c.relation_id == relation_id)
        with self._read("reading reviews") as connection:
            if relation_ids is None:
                return [Review.model_validate(row._asdict()) for row in connection.execute(query)]
            found = [Review.model_validate(row._asdict()) for chunk in _chunks(sorted(set(relation_ids)))
                     for row in connection.execute(query.where(reviews_t.c.relation_id.in_(chunk)))]
        return sorted(found, key=lambda r: (r.at, r.id))

    def set_side_override(self, speaker: str, side: str, reason: str) -> SideOverride:
        """Say which side ``speaker`` (a canonical name) is on, replacing any earlier override."""
        if side not in SIDES:
            raise InputError(f"speaker {speaker!r}", f"unknown side {side!r}; use one of {', '.join(SIDES)}")
        override = SideOverride(speaker=speaker, side=side, reason=reason, at=rows.now())
        with self._write(f"overriding the side of {speaker!r}") as connection:
            connection.execute(delete(overrides_t).where(overrides_t.c.speaker == speaker))
            connection.execute(insert(overrides_t), override.model_dump())
            derived.refresh_member_keys(connection, derived.events_of_speaker(connection, speaker))
        return override

    def side_overrides(self) -> dict[str, SideOverride]:
        """Every side override, by speaker name."""
        with self._read("reading side overrides") as connection:
            rows = connection.execute(select(overrides_t).order_by(overrides_t.c.speaker))
            return {row.speaker: SideOverride.model_validate(row._asdict()) for row in rows}

    # -- speakers ----------------------------------------------------------------------------------

    def speakers(self, *, side: str | None = None, q: str | None = None, names: Sequence[str] | None = None,
                 actor_ids: Sequence[str] | None = None, limit: int | None = None,
                 offset: int = 0) -> list[dict]:
        """Speakers, most claims first: ``{"name", "side", "organisation", "actor_id", "claims"}``.

        ``side`` filters on the overridden side. ``q`` (a part of the name, any case), ``names`` (exact)
        and ``actor_ids`` each admit a speaker; given together, a speaker matching any of them is listed.
        """
        query = (select(speakers_t.c.name, derived_side().label("side"), speakers_t.c.organisation,
                        speakers_t.c.actor_id, speakers_t.c.claims).select_from(_speakers_joined())
                 .where(*_speaker_filters(side, q, names, actor_ids))
                 .order_by(speakers_t.c.claims.desc(), speakers_t.c.name))
        with self._read("reading speakers") as connection:
            return [row._asdict() for row in connection.execute(query.limit(limit).offset(offset or None))]

    def count_speakers(self, *, side: str | None = None, q: str | None = None, names: Sequence[str] | None = None,
                       actor_ids: Sequence[str] | None = None) -> int:
        """How many speakers :meth:`speakers` would list."""
        query = (select(func.count()).select_from(_speakers_joined())
                 .where(*_speaker_filters(side, q, names, actor_ids)))
        with self._read("counting speakers") as connection:
            return connection.execute(query).scalar_one()

    def speaker_months(self, name: str) -> dict[str, dict[str, int]]:
        """Month -> ``{"claims", "corroborated", "contradicted"}`` for ``name``'s claims (from ``speaker_months``,
        a few rows whatever the number of claims)."""
        query = (select(months_t.c.month, months_t.c.verdict, months_t.c.claims)
                 .where(months_t.c.name == name).order_by(months_t.c.month))
        out: dict[str, dict[str, int]] = {}
        with self._read("reading speakers") as connection:
            for row in connection.execute(query):
                month = out.setdefault(row.month, {"claims": 0, "corroborated": 0, "contradicted": 0})
                month["claims"] += row.claims
                if row.verdict in ("corroborated", "contested"):
                    month["corroborated"] += row.claims
                if row.verdict in ("contradicted", "contested"):
                    month["contradicted"] += row.claims
        return out

    def place_ids(self, prefix: str = "") -> list[str]:
        """The distinct place keys of the stored events that start with ``prefix`` (e.g. ``"geonames:"``)."""
        query = select(keys_t.c.key).distinct().where(keys_t.c.kind == "place")
        if prefix:  # a range, not LIKE: the (kind, key) index answers it
            query = query.where(keys_t.c.key >= prefix, keys_t.c.key < prefix[:-1] + chr(ord(prefix[-1]) + 1))
        with self._read("reading places") as connection:
            return list(connection.execute(query).scalars())

    # -- search ------------------------------------------------------------------------------------

    def search(self, q: str, limit: int = 50, offset: int = 0) -> list[dict]:
        """Documents and claims whose words match all the words of ``q``, best first.

        Each hit is ``{"kind": "document"|"claim", "id", "snippet"}``, matches in ``[...]``.
        """
        with self._read("searching") as connection:
            return fulltext.search(connection, q, limit, offset)

    def count_search(self, q: str) -> int:
        """How many documents and claims :meth:`search` finds in all, up to ``search.COUNT_LIMIT``."""
        with self._read("searching") as connection:
            return fulltext.count(connection, q)


ClaimOrder = Literal["document", "recent"]
EventOrder = Literal["linker", "board"]


# -- queries ---------------------------------------------------------------------------------------

def derived_side():
    """A speaker's side with the analyst's override applied (needs ``side_overrides`` outer-joined)."""
    return func.coalesce(overrides_t.c.side, speakers_t.c.side)


def _speakers_joined():
    return speakers_t.outerjoin(overrides_t, overrides_t.c.speaker == speakers_t.c.name)


def _speaker_filters(side, q, names, actor_ids) -> list:
    conditions = [derived_side() == side] if side is not None else []
    admitted = []
    if q:
        admitted.append(func.lower(speakers_t.c.name).contains(q.lower(), autoescape=True))
    if names is not None:
        admitted.append(speakers_t.c.name.in_(list(names)))
    if actor_ids is not None:
        admitted.append(speakers_t.c.actor_id.in_(list(actor_ids)))
    if admitted:
        conditions.append(or_(*admitted))
    return conditions


def _relations_of(connection: Connection, claim_ids) -> int:
    """How many relations touch these claims (a list or a subquery of ids): those their deletion cascades to."""
    touching = (relations_t.c.a.in_(claim_ids)) | (relations_t.c.b.in_(claim_ids))
    return connection.execute(select(func.count()).select_from(relations_t).where(touching)).scalar_one()


def _tally(connection: Connection, name: str, fallback) -> int:
    """A running total, or ``fallback`` (a count query) when the store has none yet."""
    counted = derived.tallies(connection, name)
    return counted[name] if counted and name in counted else connection.execute(fallback).scalar_one()


def _negated(counts: Counter) -> Counter:
    """``counts`` with every value negated (Counter's unary minus drops them instead)."""
    return Counter({key: -value for key, value in counts.items()})


def _claims_query(order: str = "document"):
    """Claims with their override side, in ingest then document order, or newest said first (undated last).

    Both orders are those of an index (``ix_claims_ingest_order``, ``ix_claims_speaker_said``), so a
    page is read without sorting the claims.
    """
    joined = claims_t.outerjoin(overrides_t, overrides_t.c.speaker == claims_t.c.speaker_name)
    query = select(rows.raw(claims_t.c.data).label("data"), overrides_t.c.side.label("override")).select_from(joined)
    if order == "recent":
        return query.order_by(claims_t.c.said_at.desc().nulls_last(), claims_t.c.id.desc())
    return query.order_by(claims_t.c.ingested_at, claims_t.c.document_id, claims_t.c.seq)


def _upsert_claims(connection: Connection, changed: list[dict], added: list[dict]) -> None:
    """Update the rows of claims already stored, insert the others."""
    if changed:
        params = [{f"new_{key}": value for key, value in row.items()} for row in changed]
        values = {key: bindparam(f"new_{key}") for key in changed[0] if key != "id"}
        connection.execute(update(claims_t).where(claims_t.c.id == bindparam("new_id")).values(values), params)
    if added:
        connection.execute(insert(claims_t), added)


def _keyed(kind: str, values: Sequence[str]):
    """Events with an ``event_keys`` row of ``kind`` whose key is one of ``values``."""
    return events_t.c.id.in_(select(keys_t.c.event_id).where(keys_t.c.kind == kind, keys_t.c.key.in_(list(values))))


def _event_filters(status, side, speaker, place, since, until) -> list:
    """WHERE conditions for :meth:`Store.events` (``q`` is applied by the caller, for ranking)."""
    conditions = []
    if status is not None:
        conditions.append(events_t.c.status.in_([status] if isinstance(status, str) else list(status)))
    if side is not None:
        conditions.append(_keyed("side", [side]))
    if speaker is not None:
        conditions.append(_keyed("speaker", [speaker] if isinstance(speaker, str) else list(speaker)))
    if place is not None and place != "":
        wanted = [place] if isinstance(place, str) else list(place)
        conditions.append(_keyed("place", [p if p.startswith(("geonames:", "curated:")) else p.lower()
                                           for p in wanted]))
    if since is not None:
        conditions.append(events_t.c.latest >= since)
    if until is not None:
        conditions.append(events_t.c.earliest <= until)
    return conditions


def _relation_filters(event_id: str | None, claim_id: str | None) -> list:
    conditions = []
    if event_id is not None:
        conditions.append(relations_t.c.event_id == event_id)
    if claim_id is not None:
        conditions.append((relations_t.c.a == claim_id) | (relations_t.c.b == claim_id))
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
