"""The store at volume: columns and tables that let every page read one page of rows through an index.

- claims: ``said_at``, ``month``, ``actor_id``, ``organisation``, ``places``, ``verdict``, and the
  indexes the speaker page and the API lists sort and filter on;
- events: ``board_order`` (disputes first, then most recent, in one indexed integer) and ``search_text``;
- ``event_keys`` (the board's side, speaker and place filters), ``speakers`` (the speaker list) and
  ``speaker_variants`` (the counts behind it), ``speaker_months`` (the track record by month), and ``tallies`` (running totals of every table);
- full-text search: on SQLite, claims are indexed with their speaker, organisation and places as
  well as their content, and events get an FTS5 table (``event_fts``, unicode61 without diacritics, so Cyrillic
  and "Artëmovsk" match); on PostgreSQL, stored ``tsvector`` columns with GIN indexes on claims and events.

Existing rows are filled from their stored JSON, with the same functions the writes use.

Revision ID: 0004
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0006"  # re-chained after main's 0006 when merging main (was "0001")
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
CLAIM_TITLE = ("new.speaker_name || ' ' || coalesce(new.organisation, '') || ' '"
               " || replace(coalesce(new.places, ''), '|', ' ')")

SQLITE_UP = [
    "DROP TRIGGER IF EXISTS claims_search_insert",
    "DROP TRIGGER IF EXISTS claims_search_update",
    # the same triggers as revision 0001's, with the speaker and the places as the FTS title
    "CREATE TRIGGER claims_search_insert AFTER INSERT ON claims BEGIN"
    " INSERT INTO search_refs (kind, ref) VALUES ('claim', new.id);"
    " INSERT INTO search_fts (rowid, title, body) VALUES"
    " ((SELECT fts_rowid FROM search_refs WHERE kind = 'claim' AND ref = new.id), " + CLAIM_TITLE + ", new.content);"
    " END",
    "CREATE TRIGGER claims_search_update AFTER UPDATE OF content, speaker_name, organisation, places ON claims BEGIN"
    " UPDATE search_fts SET title = " + CLAIM_TITLE + ", body = new.content"
    " WHERE rowid = (SELECT fts_rowid FROM search_refs WHERE kind = 'claim' AND ref = old.id); END",
    "CREATE VIRTUAL TABLE event_fts USING fts5(event_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')",
]

POSTGRES_UP = [
    "ALTER TABLE claims ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS"
    " (to_tsvector('simple', speaker_name || ' ' || coalesce(organisation, '') || ' ' || content || ' '"
    " || coalesce(places, ''))) STORED",
    "CREATE INDEX ix_claims_search_tsv ON claims USING gin (search_tsv)",
    "DROP INDEX IF EXISTS ix_claims_search",
    "ALTER TABLE events ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS"
    " (to_tsvector('simple', coalesce(search_text, ''))) STORED",
    "CREATE INDEX ix_events_search_tsv ON events USING gin (search_tsv)",
]


def _add_columns() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("ingested_at", TS))
        batch.add_column(sa.Column("said_at", TS))
        batch.add_column(sa.Column("month", sa.String))
        batch.add_column(sa.Column("actor_id", sa.String))
        batch.add_column(sa.Column("organisation", sa.Text))
        batch.add_column(sa.Column("places", sa.Text))
        batch.add_column(sa.Column("verdict", sa.String))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("board_order", sa.BigInteger))
        batch.add_column(sa.Column("search_text", sa.Text))
    op.create_table(
        "event_keys",
        sa.Column("kind", sa.String, primary_key=True),
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("event_id", sa.String, sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True,
                  index=True),
    )
    op.create_table(
        "speaker_months",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("month", sa.String, primary_key=True),
        sa.Column("verdict", sa.String, primary_key=True),
        sa.Column("claims", sa.Integer, nullable=False),
    )
    op.create_table(
        "tallies",
        sa.Column("name", sa.String, primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "speaker_variants",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("side", sa.String, primary_key=True),
        sa.Column("organisation", sa.Text, primary_key=True),
        sa.Column("actor_id", sa.String, primary_key=True),
        sa.Column("claims", sa.Integer, nullable=False),
    )
    op.create_table(
        "speakers",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("side", sa.String, nullable=False, index=True),
        sa.Column("organisation", sa.Text),
        sa.Column("actor_id", sa.String, index=True),
        sa.Column("claims", sa.Integer, nullable=False, index=True),
    )


def _newest_first(dialect: str) -> list:
    """``said_at`` newest first with undated last, then id: SQLite's descending scan does that by itself."""
    if dialect == "postgresql":
        return [sa.text("said_at DESC NULLS LAST"), sa.text("id DESC")]
    return ["said_at", "id"]


def _add_indexes(dialect: str) -> None:
    op.create_index("ix_claims_actor_id", "claims", ["actor_id"])
    op.create_index("ix_claims_document_seq", "claims", ["document_id", "seq"])
    op.create_index("ix_claims_ingest_order", "claims", ["ingested_at", "document_id", "seq"])
    op.create_index("ix_claims_speaker_said", "claims", ["speaker_name", *_newest_first(dialect)])
    op.create_index("ix_claims_speaker_month", "claims", ["speaker_name", "month", "verdict"])
    op.create_index("ix_claims_said_at", "claims", _newest_first(dialect))
    op.create_index("ix_events_board_order", "events", ["board_order", "seq"])
    op.create_index("ix_relations_seq", "relations", ["seq"])
    op.create_index("ix_relations_event_seq", "relations", ["event_id", "seq"])
    op.create_index("ix_documents_ingest_order", "documents", ["ingested_at", "id"])


def _backfill(connection) -> None:
    """Fill the new columns and tables of existing rows from their stored JSON."""
    from counterclaim.models import Claim, Event, Relation
    from counterclaim.store import derived, rows
    from counterclaim.store.schema import claims, documents, events, relations

    query = (sa.select(claims.c.id, claims.c.seq, claims.c.data, documents.c.published, documents.c.ingested_at)
             .join(documents, documents.c.id == claims.c.document_id))
    filled = ("ingested_at", "said_at", "month", "actor_id", "organisation", "places")
    updates = []
    for row in connection.execute(query):
        full = rows.claim_row(Claim.model_validate(_json(row.data)), row.seq, row.published, row.ingested_at)
        updates.append({"cid": row.id, **{k: full[k] for k in filled}})
    statement = (sa.update(claims).where(claims.c.id == sa.bindparam("cid"))
                 .values({k: sa.bindparam(k) for k in filled}))
    for start in range(0, len(updates), 5000):
        connection.execute(statement, updates[start:start + 5000])
    place_keys = {}
    for row in connection.execute(sa.select(events.c.id, events.c.data)):
        event = Event.model_validate(_json(row.data))
        connection.execute(sa.update(events).where(events.c.id == row.id)
                           .values(board_order=rows.board_order(event)))
        place_keys[event.id] = rows.event_place_keys(event)
    derived.add_place_keys(connection, place_keys)
    derived.refresh_member_keys(connection)
    derived.refresh_search_text(connection)
    derived.refresh_speakers(connection)
    stored = [Relation.model_validate(_json(data)) for data in connection.execute(sa.select(relations.c.data)).scalars()]
    derived.refresh_verdicts(connection, stored)
    derived.refresh_months(connection)
    derived.count_all(connection)


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def upgrade() -> None:
    connection = op.get_bind()
    _add_columns()
    _add_indexes(connection.dialect.name)
    _backfill(connection)
    if connection.dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
        op.execute("UPDATE search_fts SET title = (SELECT c.speaker_name || ' ' || coalesce(c.organisation, '') || ' '"
                   " || replace(coalesce(c.places, ''), '|', ' ')"
                   " FROM search_refs r JOIN claims c ON c.id = r.ref WHERE r.fts_rowid = search_fts.rowid)"
                   " WHERE rowid IN (SELECT fts_rowid FROM search_refs WHERE kind = 'claim')")
        op.execute("INSERT INTO event_fts (event_id, body) SELECT id, coalesce(search_text, '') FROM events")
    elif connection.dialect.name == "postgresql":
        for statement in POSTGRES_UP:
            op.execute(statement)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS event_fts")
    elif connection.dialect.name == "postgresql":
        op.execute("ALTER TABLE events DROP COLUMN IF EXISTS search_tsv")
        op.execute("ALTER TABLE claims DROP COLUMN IF EXISTS search_tsv")
        op.execute("CREATE INDEX ix_claims_search ON claims USING gin (to_tsvector('simple', content))")
    for name, table in (("ix_documents_ingest_order", "documents"), ("ix_relations_event_seq", "relations"),
                        ("ix_relations_seq", "relations"), ("ix_events_board_order", "events"),
                        ("ix_claims_said_at", "claims"), ("ix_claims_speaker_month", "claims"),
                        ("ix_claims_speaker_said", "claims"), ("ix_claims_document_seq", "claims"),
                        ("ix_claims_ingest_order", "claims"),
                        ("ix_claims_actor_id", "claims")):
        op.drop_index(name, table_name=table)
    op.drop_table("speakers")
    op.drop_table("speaker_variants")
    op.drop_table("tallies")
    op.drop_table("speaker_months")
    op.drop_table("event_keys")
    if connection.dialect.name == "sqlite":
        _restore_sqlite_triggers()  # first: a trigger naming a dropped column would fail every later write
    # plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): a batch re-creation would drop the search triggers
    for column in ("search_text", "board_order"):
        op.drop_column("events", column)
    for column in ("verdict", "places", "organisation", "actor_id", "month", "said_at", "ingested_at"):
        op.drop_column("claims", column)


def _restore_sqlite_triggers() -> None:
    """Revision 0001's claim triggers (content only), which refer to no column this revision added."""
    op.execute("DROP TRIGGER IF EXISTS claims_search_insert")
    op.execute("DROP TRIGGER IF EXISTS claims_search_update")
    op.execute("CREATE TRIGGER claims_search_insert AFTER INSERT ON claims BEGIN"
               " INSERT INTO search_refs (kind, ref) VALUES ('claim', new.id);"
               " INSERT INTO search_fts (rowid, title, body) VALUES"
               " ((SELECT fts_rowid FROM search_refs WHERE kind = 'claim' AND ref = new.id), NULL, new.content); END")
    op.execute("CREATE TRIGGER claims_search_update AFTER UPDATE OF content ON claims BEGIN"
               " UPDATE search_fts SET title = NULL, body = new.content"
               " WHERE rowid = (SELECT fts_rowid FROM search_refs WHERE kind = 'claim' AND ref = old.id); END")
