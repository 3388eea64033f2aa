"""Initial schema: documents, claims, events, relations, reviews, side overrides, search.

Full-text search is backend-specific: on SQLite an FTS5 table kept in sync by
triggers (through ``search_refs``, whose INTEGER PRIMARY KEY gives each row a
rowid that VACUUM cannot renumber); on PostgreSQL GIN indexes over the
``to_tsvector('simple', ...)`` expressions that ``counterclaim.store.search`` queries.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)

SQLITE_SEARCH = [
    "CREATE TABLE search_refs (fts_rowid INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL,"
    " UNIQUE (kind, ref))",
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body)",
]


def _sqlite_triggers(table: str, kind: str, title: str, body: str, watched: str) -> list[str]:
    """Insert/update/delete triggers that mirror ``table`` into ``search_fts``.

    ``title`` is an SQL expression over ``new``, ``body`` a column, ``watched``
    the columns whose update re-indexes the row.
    """
    ref = "(SELECT fts_rowid FROM search_refs WHERE kind = '%s' AND ref = %s.id)"
    new_ref, old_ref = ref % (kind, "new"), ref % (kind, "old")
    return [
        f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN"
        f" INSERT INTO search_refs (kind, ref) VALUES ('{kind}', new.id);"
        f" INSERT INTO search_fts (rowid, title, body) VALUES ({new_ref}, {title}, new.{body}); END",
        f"CREATE TRIGGER {table}_search_update AFTER UPDATE OF {watched} ON {table} BEGIN"
        f" UPDATE search_fts SET title = {title}, body = new.{body} WHERE rowid = {old_ref}; END",
        f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN"
        f" DELETE FROM search_fts WHERE rowid = {old_ref};"
        f" DELETE FROM search_refs WHERE kind = '{kind}' AND ref = old.id; END",
    ]


POSTGRES_SEARCH = [
    "CREATE INDEX ix_documents_search ON documents USING gin"
    " (to_tsvector('simple', coalesce(title, '') || ' ' || text))",
    "CREATE INDEX ix_claims_search ON claims USING gin (to_tsvector('simple', content))",
]


def _create_tables() -> None:
    """The tables of ``counterclaim.store.schema`` as of this revision."""
    op.create_table(
        "documents",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("content_hash", sa.String, nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text, index=True),
        sa.Column("url", sa.Text),
        sa.Column("published", TS, index=True),
        sa.Column("source_kind", sa.String, nullable=False),
        sa.Column("source_path", sa.Text),
        sa.Column("meta", sa.JSON, nullable=False),
        sa.Column("ingested_at", TS, nullable=False, index=True),
        sa.Column("extracted_at", TS, index=True),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("speaker_name", sa.Text, nullable=False, index=True),
        sa.Column("side", sa.String, nullable=False, index=True),
        sa.Column("stance", sa.String, nullable=False, index=True),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("type", sa.String, nullable=False, index=True),
        sa.Column("status", sa.String, index=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("places", sa.Text, nullable=False),
        sa.Column("earliest", TS, index=True),
        sa.Column("latest", TS, index=True),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "event_claims",
        sa.Column("event_id", sa.String, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("claim_id", sa.String, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True,
                  index=True),
    )
    op.create_table(
        "relations",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("a", sa.String, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("b", sa.String, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
        sa.Column("kind", sa.String, nullable=False, index=True),
        sa.Column("event_id", sa.String, sa.ForeignKey("events.id", ondelete="SET NULL"), index=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "reviews",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("relation_id", sa.String, nullable=False, index=True),
        sa.Column("verdict", sa.String, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("reviewer", sa.Text),
    )
    op.create_table(
        "side_overrides",
        sa.Column("speaker", sa.Text, primary_key=True),
        sa.Column("side", sa.String, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", TS, nullable=False),
    )


def _search_statements(dialect: str) -> list[str]:
    """The full-text search objects for this backend (none for others)."""
    if dialect == "sqlite":
        return [
            *SQLITE_SEARCH,
            *_sqlite_triggers("documents", "document", "new.title", "text", "title, text"),
            *_sqlite_triggers("claims", "claim", "NULL", "content", "content"),
        ]
    if dialect == "postgresql":
        return POSTGRES_SEARCH
    return []


def upgrade() -> None:
    _create_tables()
    for statement in _search_statements(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in ("documents", "claims"):
            for action in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{action}")
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.execute("DROP TABLE IF EXISTS search_refs")
    for table in ("side_overrides", "reviews", "relations", "event_claims", "events", "claims", "documents"):
        op.drop_table(table)
