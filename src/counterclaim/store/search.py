"""Full-text search over document titles and text and claim content, per backend.

SQLite uses the FTS5 table the migration keeps in sync by triggers; PostgreSQL
uses ``websearch_to_tsquery`` against the GIN expression indexes. A user's query
is never passed to FTS5 as syntax: it is split into words and each word quoted,
so ``"``, ``*``, ``NEAR(`` or ``'; drop table`` are just text to look for.
"""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlalchemy.engine import Connection

SNIPPET_WORDS = 16
WORD = re.compile(r"\w+")

SQLITE_SQL = text(
    "SELECT r.kind AS kind, r.ref AS id,"
    f" snippet(search_fts, -1, '[', ']', '…', {SNIPPET_WORDS}) AS snippet"
    " FROM search_fts JOIN search_refs AS r ON r.fts_rowid = search_fts.rowid"
    " WHERE search_fts MATCH :q ORDER BY rank, r.kind, r.ref LIMIT :limit"
)

# The tsvector expressions must be exactly those of the migration's indexes.
DOCUMENT_TSV = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"
CLAIM_TSV = "to_tsvector('simple', content)"
POSTGRES_SQL = text(
    "WITH query AS (SELECT websearch_to_tsquery('simple', :q) AS tsq),"
    " hits AS ("
    f" (SELECT 'document' AS kind, id, coalesce(title, '') || ' ' || text AS body, ts_rank({DOCUMENT_TSV}, tsq) AS score"
    f"  FROM documents, query WHERE {DOCUMENT_TSV} @@ tsq ORDER BY score DESC, id LIMIT :limit)"
    " UNION ALL"
    f" (SELECT 'claim' AS kind, id, content AS body, ts_rank({CLAIM_TSV}, tsq) AS score"
    f"  FROM claims, query WHERE {CLAIM_TSV} @@ tsq ORDER BY score DESC, id LIMIT :limit)"
    " ORDER BY score DESC, kind DESC, id LIMIT :limit)"
    " SELECT kind, id, ts_headline('simple', body, tsq,"
    f"  'StartSel=[, StopSel=], MaxWords={SNIPPET_WORDS}, MinWords={SNIPPET_WORDS // 2}') AS snippet"
    " FROM hits, query ORDER BY score DESC, kind DESC, id"
)


def fts5_query(q: str) -> str | None:
    """The user's words as an FTS5 query of quoted terms (all must match); None if no words."""
    words = WORD.findall(q)
    return " ".join('"' + word.replace('"', '""') + '"' for word in words) or None


def search(connection: Connection, q: str, limit: int) -> list[dict]:
    """Documents and claims matching ``q``, best first: ``{"kind", "id", "snippet"}``."""
    q = q.replace("\x00", " ")
    if limit <= 0 or not WORD.search(q):
        return []
    if connection.dialect.name == "sqlite":
        rows = connection.execute(SQLITE_SQL, {"q": fts5_query(q), "limit": limit})
    else:
        rows = connection.execute(POSTGRES_SQL, {"q": q, "limit": limit})
    return [{"kind": row.kind, "id": row.id, "snippet": row.snippet} for row in rows]
