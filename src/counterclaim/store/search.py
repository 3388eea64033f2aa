"""Full-text search over documents, claims and events, per backend.

SQLite uses FTS5 (tokenizer unicode61, which folds case beyond ASCII, so Cyrillic matches too):
``search_fts`` holds documents (title, text) and claims (speaker and places, content), kept in sync
by triggers; ``event_fts`` holds each event's search text and is rebuilt by ``save_links``.
PostgreSQL uses ``websearch_to_tsquery('simple', ...)`` against stored ``tsvector`` columns
(claims, events) and an expression index (documents), all GIN-indexed (migrations 0001 and 0004).

A user's query is never passed to FTS5 as syntax: it is split into words and each word quoted,
so ``"``, ``*``, ``NEAR(`` or ``'; drop table`` are just text to look for. Every word must match.
Scores sort ascending (best first) on both backends: FTS5's ``bm25`` is already so, PostgreSQL's
``ts_rank`` is negated.

Ranking scores every match, so its cost grows with the number of matches. Up to ``RANK_LIMIT``
matches are ranked by relevance; a query with more (a town every report names, in a store of a
million claims) lists its matches newest first instead, which costs the same at any size and is
what an analyst scanning a common word wants. Totals are exact up to ``COUNT_LIMIT`` and read
"10,000 or more" beyond, for the same reason: counting every match of a common word would cost
more than the page itself.
"""

from __future__ import annotations

import re

from sqlalchemy import column, func, literal_column, select, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from counterclaim.store.schema import claims as claims_t
from counterclaim.store.schema import documents as documents_t
from counterclaim.store.schema import events as events_t

SNIPPET_WORDS = 16
WORD = re.compile(r"\w+")
KINDS = ("claim", "document", "event")
RANK_LIMIT = 1000  # matches ranked by relevance; beyond, newest first
COUNT_LIMIT = 10_000  # matches counted exactly; beyond, the total reads "10,000+"

SQLITE_SELECT = (
    "SELECT r.kind AS kind, r.ref AS id,"
    f" snippet(search_fts, 1, '[', ']', '…', {SNIPPET_WORDS}) AS snippet"
    " FROM search_fts JOIN search_refs AS r ON r.fts_rowid = search_fts.rowid WHERE search_fts MATCH :q"
)
SQLITE_SQL = text(SQLITE_SELECT + " ORDER BY rank, r.kind, r.ref LIMIT :limit OFFSET :offset")
SQLITE_RECENT = text(SQLITE_SELECT + " ORDER BY search_fts.rowid DESC LIMIT :limit OFFSET :offset")
SQLITE_COUNT = text("SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH :q LIMIT :cap)")
SQLITE_SOME = text("SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH :q LIMIT :cap)")

# The tsvector expressions must be exactly those of the migrations' indexes and columns.
DOCUMENT_TSV = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"
CLAIM_TSV = "search_tsv"
POSTGRES_SQL = text(
    "WITH query AS (SELECT websearch_to_tsquery('simple', :q) AS tsq),"
    " hits AS ("
    f" (SELECT 'document' AS kind, id, coalesce(title, '') || ' ' || text AS body, ts_rank({DOCUMENT_TSV}, tsq) AS score"
    f"  FROM documents, query WHERE {DOCUMENT_TSV} @@ tsq ORDER BY score DESC, id LIMIT :window)"
    " UNION ALL"
    f" (SELECT 'claim' AS kind, id, content AS body, ts_rank({CLAIM_TSV}, tsq) AS score"
    f"  FROM claims, query WHERE {CLAIM_TSV} @@ tsq ORDER BY score DESC, id LIMIT :window)"
    " ORDER BY score DESC, kind DESC, id LIMIT :limit OFFSET :offset)"
    " SELECT kind, id, ts_headline('simple', body, tsq,"
    f"  'StartSel=[, StopSel=], MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}') AS snippet"
    " FROM hits, query ORDER BY score DESC, kind DESC, id"
)
POSTGRES_RECENT = text(
    "WITH query AS (SELECT websearch_to_tsquery('simple', :q) AS tsq),"
    " hits AS ("
    f" (SELECT 'document' AS kind, id, coalesce(title, '') || ' ' || text AS body, published AS at"
    f"  FROM documents, query WHERE {DOCUMENT_TSV} @@ tsq ORDER BY published DESC NULLS LAST, id DESC LIMIT :window)"
    " UNION ALL"
    f" (SELECT 'claim' AS kind, id, content AS body, said_at AS at"
    f"  FROM claims, query WHERE {CLAIM_TSV} @@ tsq ORDER BY said_at DESC NULLS LAST, id DESC LIMIT :window)"
    " ORDER BY at DESC NULLS LAST, kind DESC, id DESC LIMIT :limit OFFSET :offset)"
    " SELECT kind, id, ts_headline('simple', body, tsq,"
    f"  'StartSel=[, StopSel=], MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}') AS snippet"
    " FROM hits, query ORDER BY at DESC NULLS LAST, kind DESC, id DESC"
)
POSTGRES_SOME = text(
    "WITH query AS (SELECT websearch_to_tsquery('simple', :q) AS tsq)"
    f" SELECT (SELECT count(*) FROM (SELECT 1 FROM documents, query WHERE {DOCUMENT_TSV} @@ tsq LIMIT :cap) d)"
    f" + (SELECT count(*) FROM (SELECT 1 FROM claims, query WHERE {CLAIM_TSV} @@ tsq LIMIT :cap) c)"
)
POSTGRES_COUNT = POSTGRES_SOME


def fts5_query(q: str) -> str | None:
    """The user's words as an FTS5 query of quoted terms (all must match); None if no words."""
    words = WORD.findall(q)
    return " ".join('"' + word.replace('"', '""') + '"' for word in words) or None


def _clean(q: str | None) -> str | None:
    """The query with NUL removed, or None when it has no word to look for."""
    q = (q or "").replace("\x00", " ")
    return q if WORD.search(q) else None


def search(connection: Connection, q: str, limit: int, offset: int = 0) -> list[dict]:
    """Documents and claims matching ``q``, best first (newest first past ``RANK_LIMIT`` matches):
    ``{"kind", "id", "snippet"}``."""
    q = _clean(q)
    if limit <= 0 or q is None:
        return []
    if connection.dialect.name == "sqlite":
        params = {"q": fts5_query(q), "limit": limit, "offset": offset}
        many = connection.execute(SQLITE_SOME, {"q": params["q"], "cap": RANK_LIMIT + 1}).scalar_one() > RANK_LIMIT
        rows = connection.execute(SQLITE_RECENT if many else SQLITE_SQL, params)
    else:
        params = {"q": q, "limit": limit, "offset": offset, "window": limit + offset}
        many = connection.execute(POSTGRES_SOME, {"q": q, "cap": RANK_LIMIT + 1}).scalar_one() > RANK_LIMIT
        rows = connection.execute(POSTGRES_RECENT if many else POSTGRES_SQL, params)
    return [{"kind": row.kind, "id": row.id, "snippet": row.snippet} for row in rows]


def count(connection: Connection, q: str) -> int:
    """How many documents and claims match ``q``, counted up to ``COUNT_LIMIT`` (then ``COUNT_LIMIT``)."""
    q = _clean(q)
    if q is None:
        return 0
    if connection.dialect.name == "sqlite":
        found = connection.execute(SQLITE_COUNT, {"q": fts5_query(q), "cap": COUNT_LIMIT}).scalar_one()
    else:
        found = connection.execute(POSTGRES_COUNT, {"q": q, "cap": COUNT_LIMIT}).scalar_one()
    return min(found, COUNT_LIMIT)


def matches(dialect: str, kind: str, q: str | None, *, ranked: bool = False) -> Select | None:
    """A subquery of ``id`` (and ``score`` when ``ranked``) for the ``kind`` ("claim", "document",
    "event") rows matching ``q``; None when ``q`` has no word (so the caller applies no text filter)."""
    q = _clean(q)
    if q is None:
        return None
    if dialect == "sqlite":
        return _sqlite_matches(kind, fts5_query(q), ranked)
    tsq = func.websearch_to_tsquery("simple", q)
    if kind == "document":
        tsv, ids = func.to_tsvector("simple", func.coalesce(documents_t.c.title, "") + " " + documents_t.c.text), \
            documents_t.c.id
    else:
        tsv, ids = literal_column(f"{kind}s.search_tsv"), (events_t if kind == "event" else claims_t).c.id
    score = [(-func.ts_rank(tsv, tsq)).label("score")] if ranked else []
    return select(ids.label("id"), *score).where(tsv.op("@@")(tsq))


def _sqlite_matches(kind: str, fts: str, ranked: bool) -> Select:
    if kind == "event":
        event_fts = table("event_fts", column("event_id"), column("rowid"))
        score = [literal_column("bm25(event_fts)").label("score")] if ranked else []
        return (select(event_fts.c.event_id.label("id"), *score)
                .select_from(event_fts).where(text("event_fts MATCH :fts_event").bindparams(fts_event=fts)))
    search_fts = table("search_fts", column("rowid"))
    refs = table("search_refs", column("fts_rowid"), column("kind"), column("ref"))
    score = [literal_column("bm25(search_fts)").label("score")] if ranked else []
    return (select(refs.c.ref.label("id"), *score)
            .select_from(search_fts.join(refs, refs.c.fts_rowid == search_fts.c.rowid))
            .where(text(f"search_fts MATCH :fts_{kind}").bindparams(**{f"fts_{kind}": fts}), refs.c.kind == kind))


def few(connection: Connection, kind: str, q: str) -> bool:
    """True when ``q`` matches at most ``RANK_LIMIT`` rows of ``kind``: few enough to rank."""
    found = matches(connection.dialect.name, kind, q)
    if found is None:
        return True
    capped = select(func.count()).select_from(found.limit(RANK_LIMIT + 1).subquery())
    return connection.execute(capped).scalar_one() <= RANK_LIMIT


def index_events(connection: Connection) -> None:
    """Rebuild SQLite's ``event_fts`` from the events' search text (PostgreSQL's column is generated)."""
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql("DELETE FROM event_fts")
    connection.exec_driver_sql("INSERT INTO event_fts (event_id, body) SELECT id, coalesce(search_text, '') FROM events")
