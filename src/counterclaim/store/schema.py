"""The store's tables, as SQLAlchemy Core ``Table`` objects shared by every query.

Each pydantic object is kept whole as JSON (``model_dump(mode="json")``) in a
``data`` column, next to the few columns we filter, sort or join on. Reading
rebuilds the object with ``model_validate``, so the columns are an index, never
the truth. The migration in ``migrations/versions`` creates exactly these tables.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.types import TypeDecorator

metadata = MetaData()


class UTCDateTime(TypeDecorator):
    """A timezone-aware timestamp: stored as UTC, read back aware (UTC).

    Naive datetimes are taken to be UTC (the data model's convention). SQLite has
    no timestamp type, so there it is stored as naive UTC text, which sorts and
    compares correctly; PostgreSQL gets a real ``timestamptz``.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


documents = Table(
    "documents",
    metadata,
    Column("id", String, primary_key=True),
    Column("content_hash", String, nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("title", Text),
    Column("outlet", Text, index=True),
    Column("url", Text),
    Column("published", UTCDateTime, index=True),
    Column("source_kind", String, nullable=False),
    Column("source_path", Text),
    Column("meta", JSON, nullable=False),
    Column("language", String(8), index=True),  # ISO 639-1, identified at ingest (migration 0006)
    Column("paragraph_languages", JSON),  # [[start, end, language], ...]
    Column("ingested_at", UTCDateTime, nullable=False, index=True),
    Column("extracted_at", UTCDateTime, index=True),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String, primary_key=True),
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),  # position in the document's claim list
    Column("speaker_name", Text, nullable=False, index=True),
    Column("side", String, nullable=False, index=True),
    Column("stance", String, nullable=False, index=True),
    Column("content", Text, nullable=False),
    Column("data", JSON, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String, primary_key=True),
    Column("seq", Integer, nullable=False),  # order as the linker ranked them
    Column("type", String, nullable=False, index=True),
    Column("status", String, index=True),
    Column("title", Text, nullable=False),
    Column("places", Text, nullable=False),  # "|bakhmut|soledar|": lower-cased names, for the place filter
    Column("earliest", UTCDateTime, index=True),
    Column("latest", UTCDateTime, index=True),
    Column("data", JSON, nullable=False),
)

event_claims = Table(
    "event_claims",
    metadata,
    Column("event_id", String, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String, ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True, index=True),
)

relations = Table(
    "relations",
    metadata,
    Column("id", String, primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("a", String, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("b", String, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String, nullable=False, index=True),
    Column("event_id", String, ForeignKey("events.id", ondelete="SET NULL"), index=True),
    Column("score", Float, nullable=False),
    Column("data", JSON, nullable=False),
)

# Keyed by relation id with no foreign key on purpose: a review outlives the
# relation rows that `save_links` drops and re-creates on every re-link.
reviews = Table(
    "reviews",
    metadata,
    Column("id", String, primary_key=True),
    Column("relation_id", String, nullable=False, index=True),
    Column("verdict", String, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("reviewer", Text),
)

side_overrides = Table(
    "side_overrides",
    metadata,
    Column("speaker", Text, primary_key=True),
    Column("side", String, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", UTCDateTime, nullable=False),
)
