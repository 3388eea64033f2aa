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
    BigInteger,
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
    # since revision 0004: what the speaker page, the search hits and the board filters read without JSON
    Column("ingested_at", UTCDateTime),  # its document's: claims list in ingest order through one index
    Column("said_at", UTCDateTime),  # when the claim was made (its said_at, else the document's publication)
    Column("month", String),  # "2023-05" of said_at, or "undated": the speaker page's chart groups on it
    Column("actor_id", String, index=True),
    Column("organisation", Text),
    Column("places", Text),  # "|bakhmut|soledar|", like events.places
    Column("verdict", String),  # set by save_links: corroborated / contradicted / disputed, None when neither
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
    # since revision 0004
    Column("board_order", BigInteger, index=True),  # disputes first, then most recent (rows.board_order)
    Column("search_text", Text),  # title, places, speakers, claim contents, document titles: the board's text search
)

# Since revision 0004: one row per (filter, value) an event answers to, so every board filter is an index
# lookup: kind "side" (a member claim's side, overrides applied), "speaker" (a member's canonical name),
# "place" (a place's lower-cased name, and its gazetteer id).
event_keys = Table(
    "event_keys",
    metadata,
    Column("kind", String, primary_key=True),
    Column("key", Text, primary_key=True),
    Column("event_id", String, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True, index=True),
)

# Since revision 0004: how many claims each (speaker, side, organisation, actor) has, changed by the difference
# each write makes ("" for no organisation or actor), so that keeping count never rescans a speaker's claims.
speaker_variants = Table(
    "speaker_variants",
    metadata,
    Column("name", Text, primary_key=True),
    Column("side", String, primary_key=True),
    Column("organisation", Text, primary_key=True),
    Column("actor_id", String, primary_key=True),
    Column("claims", Integer, nullable=False),
)

# Since revision 0004: every speaker with the side, organisation and actor of most of their claims and their
# claim count (from ``speaker_variants``), so that the speaker list never scans the claims.
speakers = Table(
    "speakers",
    metadata,
    Column("name", Text, primary_key=True),
    Column("side", String, nullable=False, index=True),
    Column("organisation", Text),
    Column("actor_id", String, index=True),
    Column("claims", Integer, nullable=False, index=True),
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

# Since revision 0004: how many claims each speaker made in each month ("undated" when unknown), by the claim's
# verdict ("" for none): the speaker page's track record without a scan of the speaker's claims.
speaker_months = Table(
    "speaker_months",
    metadata,
    Column("name", Text, primary_key=True),
    Column("month", String, primary_key=True),
    Column("verdict", String, primary_key=True),
    Column("claims", Integer, nullable=False),
)

# Since revision 0004: running totals ("documents", "claims", "relations", "events", "events:<status>"), kept by
# the writes, so that an unfiltered list's total is one row read rather than a count of the whole table.
tallies = Table(
    "tallies",
    metadata,
    Column("name", String, primary_key=True),
    Column("n", BigInteger, nullable=False),
)
