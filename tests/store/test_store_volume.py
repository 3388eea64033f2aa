"""The store at volume: migration 0004 fills its derived tables from existing data, indexes back every board
filter, full-text search is a tsvector + GIN on PostgreSQL and FTS5 (unicode61) on SQLite, Cyrillic included."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import inspect, text

from counterclaim.models import (
    Assessment,
    Claim,
    Document,
    Event,
    Place,
    Relation,
    SidePosition,
    Span,
    Speaker,
    TimeRange,
)
from counterclaim.store import Store, migrate

TEXT = ("Міноборони заявило, що бої за Бахмут тривають. "
        "Prigozhin said Wagner fighters advanced in Bakhmut. The ministry denied any breakthrough.")
BAKHMUT = Place(span=Span.of(TEXT, 32, 38), name="Bakhmut", lat=48.6, lon=38.0, gazetteer_id="geonames:713174")


def _claim(doc: Document, speaker: str, side: str, start: int, end: int, actor: str | None = None,
           organisation: str | None = None, places=()) -> Claim:
    content = Span.of(doc.text, start, end)
    return Claim(id=Claim.make_id(doc.id, speaker, content, "asserts"), document_id=doc.id, content=content,
                 speaker=Speaker(name=speaker, side=side, actor_id=actor, organisation=organisation),
                 places=list(places))


def fill(store: Store) -> tuple[list[Claim], Event]:
    doc = Document(id="d1", text=TEXT, title="Бахмут", outlet="Kyiv Wire",
                   published=datetime(2023, 5, 12, 9, tzinfo=UTC))
    store.add_document(doc)
    claims = [_claim(doc, "Міноборони України", "ukraine", 20, 46, places=[BAKHMUT]),
              _claim(doc, "Yevgeny Prigozhin", "russia", 62, 97, "prigozhin", "Wagner Group"),
              _claim(doc, "Russian Ministry of Defence", "russia", 119, 135, "russian_mod")]
    store.replace_claims(doc.id, claims)
    rel = Relation(id=Relation.make_id(claims[0].id, claims[2].id, "contradicts"), a=claims[0].id, b=claims[2].id,
                   kind="contradicts", reason="the ministry denies what Kyiv reports", cross_side=True)
    event = Event(id=Event.make_id([c.id for c in claims]), type="ADVANCE", title="Fighting for Bakhmut",
                  places=[BAKHMUT], claim_ids=[c.id for c in claims], relation_ids=[rel.id],
                  when=TimeRange(earliest=datetime(2023, 5, 12, tzinfo=UTC), latest=datetime(2023, 5, 12, 23, tzinfo=UTC)),
                  assessment=Assessment(status="disputed", positions=[SidePosition(side="ukraine"),
                                                                      SidePosition(side="russia")]))
    store.save_links([event], [rel])
    return claims, event


def _derived(store: Store) -> dict:
    with store.engine.connect() as connection:
        return {
            "speakers": sorted(connection.execute(text("SELECT name, side, claims FROM speakers")).all()),
            "keys": sorted(connection.execute(text("SELECT kind, key FROM event_keys")).all()),
            "verdicts": sorted(connection.execute(text("SELECT speaker_name, verdict FROM claims")).all()),
            "order": connection.execute(text("SELECT board_order FROM events")).scalar_one(),
        }


def test_derived_tables_follow_the_writes(store):
    claims, event = fill(store)
    found = _derived(store)
    assert found["speakers"] == [("Russian Ministry of Defence", "russia", 1), ("Yevgeny Prigozhin", "russia", 1),
                                 ("Міноборони України", "ukraine", 1)]
    assert ("place", "bakhmut") in found["keys"] and ("place", "geonames:713174") in found["keys"]
    assert {("side", "russia"), ("side", "ukraine"), ("speaker", "Yevgeny Prigozhin")} <= set(found["keys"])
    assert dict(found["verdicts"]) == {"Russian Ministry of Defence": "contradicted", "Yevgeny Prigozhin": None,
                                       "Міноборони України": "contradicted"}
    store.set_side_override("Yevgeny Prigozhin", "third_party", "speaks for Wagner")
    assert [e.id for e in store.events(side="third_party")] == [event.id]
    store.replace_claims("d1", claims[:2])
    assert [row["name"] for row in store.speakers()] == ["Yevgeny Prigozhin", "Міноборони України"]
    store.add_document(Document(id="d1", text="A corrected report with no claims yet."))  # a new version
    assert store.speakers() == [] and store.count_speakers() == 0


def test_migration_0004_fills_derived_tables_from_existing_data(store):
    fill(store)
    expected = _derived(store)
    config = migrate.alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")  # this revision only
    with store.engine.connect() as connection:
        assert "speakers" not in inspect(connection).get_table_names()
    with store.engine.begin() as connection:  # a write still works (no trigger names a dropped column)
        connection.execute(text("UPDATE claims SET content = content"))
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert _derived(store) == expected
    assert [h["id"] for h in store.search("Wagner Group")] == [store.claims(speaker="Yevgeny Prigozhin")[0].id]
    assert store.count_events(q="бахмут") == 1


@pytest.mark.parametrize("q", ["бої", "БОЇ", "Бахмут", "бахмут", "Міноборони"])
def test_cyrillic_search_in_any_case(store, q):
    claims, event = fill(store)
    assert ("claim", claims[0].id) in {(h["kind"], h["id"]) for h in store.search(q)}
    assert store.count_search(q) >= 1
    assert [e.id for e in store.events(q=q)] == [event.id]


def test_many_matches_are_listed_newest_first_and_still_counted(store, monkeypatch):
    from counterclaim.store import search as fulltext

    claims, event = fill(store)
    ranked = [h["id"] for h in store.search("Bakhmut")]
    monkeypatch.setattr(fulltext, "RANK_LIMIT", 1)
    recent = [h["id"] for h in store.search("Bakhmut")]
    assert sorted(recent) == sorted(ranked) and store.count_search("Bakhmut") == len(ranked)
    assert [e.id for e in store.events(q="Bakhmut", order="board")] == [event.id]


def test_search_finds_claims_by_speaker_organisation_and_place(store):
    claims, event = fill(store)
    assert {h["id"] for h in store.search("Wagner Group")} == {claims[1].id}
    assert store.count_claims(q="prigozhin") == 1
    assert [e.id for e in store.events(q="Kyiv Wire", order="board")] == [event.id]  # an outlet


def test_every_board_filter_has_an_index(store):
    with store.engine.connect() as connection:
        inspector = inspect(connection)
        events = {tuple(i["column_names"]) for i in inspector.get_indexes("events")}
        keys = inspector.get_pk_constraint("event_keys")["constrained_columns"]
        claims = {i["name"] for i in inspector.get_indexes("claims")}
    assert {("status",), ("earliest",), ("latest",), ("board_order", "seq")} <= events
    assert keys[:2] == ["kind", "key"]  # side, speaker and place: one index lookup each
    assert {"ix_claims_speaker_said", "ix_claims_speaker_month", "ix_claims_ingest_order", "ix_claims_said_at",
            "ix_claims_document_seq"} <= claims


@pytest.mark.postgres
def test_postgres_search_is_a_stored_tsvector_with_a_gin_index(postgres_database):
    with Store.open(postgres_database) as store:
        fill(store)
        with store.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT tablename, indexdef FROM pg_indexes WHERE indexdef ILIKE '%USING gin%'")).all()
            types = dict(connection.execute(text(
                "SELECT table_name, data_type FROM information_schema.columns WHERE column_name = 'search_tsv'")).all())
        assert types == {"claims": "tsvector", "events": "tsvector"}
        assert {table for table, _ in rows} >= {"claims", "events", "documents"}
        assert any("search_tsv" in definition for _, definition in rows)


def test_a_batch_of_documents_and_claims_is_one_write(store):
    docs = [Document(id=f"b{i}", text=f"Kyiv said {i} drones were downed.", outlet="Wire") for i in range(5)]
    batch = [(d, [_claim(d, "Ukrainian Air Force", "ukraine", 10, len(d.text) - 1)]) for d in docs]
    assert store.add_extracted(batch) == 5
    assert store.add_extracted(batch) == 0  # idempotent on content
    assert store.count_claims() == 5 and store.speakers()[0]["claims"] == 5
    assert store.unextracted_documents() == []
    newer = Document(id="b0", text="Kyiv said no drones were downed.", outlet="Wire")
    assert store.add_extracted([(newer, [_claim(newer, "Kyiv", "ukraine", 10, 30)])]) == 1  # a new version
    assert store.count_claims() == 5 and {s["name"]: s["claims"] for s in store.speakers()} == {
        "Ukrainian Air Force": 4, "Kyiv": 1}


def _live(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in ("documents", "claims", "relations", "events")}


def test_running_totals_follow_every_write(store):
    claims, event = fill(store)
    store.add_document(Document(id="d2", text="Odesa said the port was hit."))
    store.replace_claims("d1", claims[:1])
    store.add_document(Document(id="d2", text="Odesa said the port was hit twice."))  # a new version
    docs = [Document(id=f"b{i}", text=f"Kyiv said {i} drones were downed.") for i in range(3)]
    store.add_extracted([(d, [_claim(d, "Kyiv", "ukraine", 10, 20)]) for d in docs])
    assert store.add_document(Document(id="d2", text="Odesa said the port was hit twice.")) is False
    live = _live(store)
    assert (store.count_documents(), store.count_claims(), store.count_relations()) == (
        live["documents"], live["claims"], live["relations"]) == (5, 4, 0)
    assert sum(store.event_status_counts().values()) == live["events"] == store.count_events() == 1
    with store.engine.connect() as connection:
        by_month = connection.execute(text(
            "SELECT speaker_name, coalesce(month, 'undated'), count(*) FROM claims GROUP BY 1, 2")).all()
    kept = {(name, month): n for name in {r[0] for r in by_month}
            for month, counts in store.speaker_months(name).items() for n in [counts["claims"]]}
    assert kept == {(name, month): n for name, month, n in by_month}


def test_search_totals_are_capped_where_counting_would_cost_more_than_the_page(store, monkeypatch):
    from counterclaim.store import search as fulltext

    fill(store)
    assert store.count_search("Bakhmut") == 3  # the document and two claims
    monkeypatch.setattr(fulltext, "COUNT_LIMIT", 2)
    assert store.count_search("Bakhmut") == 2
