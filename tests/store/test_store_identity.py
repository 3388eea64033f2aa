"""What a document's identity is (issue #13, defect 5), on both backends.

A document is its id: the source's own (JSON/front-matter ``id``, Telegram channel and
message, feed guid), else a hash of outlet, url, title and text. Re-ingesting an id with
the same text, title, outlet, url and publication time changes nothing; any difference in
those is a correction, stored as an update that sends the document back to extraction.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from counterclaim.cli.main import cli
from counterclaim.models import Claim, Document, Span, Speaker
from counterclaim.store import Store

TEXT = "The ministry said the bridge near the town had been hit overnight."


def ingest(db: str, *paths: Path):
    return CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", db])


def a_claim(doc: Document) -> Claim:
    content = Span.of(doc.text, 18, 40)
    return Claim(id=Claim.make_id(doc.id, "Ministry", content, "asserts"), document_id=doc.id,
                 speaker=Speaker(name="Ministry"), content=content)


def test_a_corrected_date_is_an_update_that_is_extracted_again(store_url: str, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text(f"---\ntitle: Bridge hit\npublished: 2023-05-12\n---\n{TEXT}\n")
    assert ingest(store_url, report).stdout == "1 new, 0 unchanged, 0 failed\n"
    with Store.open(store_url) as store:
        [doc] = store.documents()
        store.replace_claims(doc.id, [a_claim(doc)])
    report.write_text(f"---\ntitle: Bridge hit\npublished: 2023-05-13\n---\n{TEXT}\n")
    assert ingest(store_url, report).stdout == "0 new, 1 updated, 0 unchanged, 0 failed\n"
    with Store.open(store_url) as store:
        [again] = store.documents()
        assert again.id == doc.id and again.published == datetime(2023, 5, 13, tzinfo=UTC)
        assert store.claims(doc.id) == []  # its said_at was resolved against the old date
        assert store.unextracted_documents() == [doc.id]
    assert ingest(store_url, report).stdout == "0 new, 1 unchanged, 0 failed\n"


def test_two_ids_with_the_same_text_are_two_documents(store_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"id": "wire-1", "text": TEXT}))
    (tmp_path / "b.json").write_text(json.dumps({"id": "paper-7", "text": TEXT}))
    assert ingest(store_url, tmp_path / "a.json", tmp_path / "b.json").stdout == "2 new, 0 unchanged, 0 failed\n"
    shown = CliRunner().invoke(cli, ["show", "paper-7", "--db", store_url])
    assert shown.exit_code == 0 and TEXT in shown.stdout


def test_the_same_file_read_from_two_places_is_one_document(store_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(TEXT)
    assert ingest(store_url, tmp_path / "a.txt", tmp_path / "b.txt").stdout == "1 new, 1 unchanged, 0 failed\n"


def test_a_corrected_text_under_the_same_id_replaces_the_old_one_in_place(store: Store) -> None:
    first = Document(id="post-1", text=TEXT, title="Bridge hit")
    store.put_document(Document(id="post-0", text="An earlier report."))
    assert store.put_document(first) == "new"
    store.replace_claims("post-1", [a_claim(first)])
    corrected = first.model_copy(update={"text": TEXT.replace("overnight", "on Tuesday")})
    assert store.put_document(corrected) == "updated"
    assert [d.id for d in store.documents()] == ["post-0", "post-1"]  # keeps its place in ingest order
    assert store.get_document("post-1").text == corrected.text
    assert store.claims("post-1") == [] and store.unextracted_documents() == ["post-0", "post-1"]
    assert len(store.search("tuesday")) == 1 and store.search("overnight") == []


def test_where_it_was_read_and_extra_fields_are_not_part_of_a_version(store: Store) -> None:
    doc = Document(id="d1", text=TEXT, source_path="a.json", meta={"scraped_at": "monday"})
    assert store.put_document(doc) == "new"
    again = doc.model_copy(update={"source_path": "b.json", "meta": {"scraped_at": "tuesday"}})
    assert store.put_document(again) == "unchanged"
    assert store.get_document("d1").meta == {"scraped_at": "monday"}


def test_the_same_time_in_another_zone_is_the_same_version(store: Store) -> None:
    doc = Document(id="d1", text=TEXT, published=datetime(2023, 5, 12, 15, tzinfo=UTC))
    store.put_document(doc)
    moved = doc.published.astimezone(datetime.fromisoformat("2023-05-12T18:00+03:00").tzinfo)
    assert store.put_document(doc.model_copy(update={"published": moved})) == "unchanged"


def test_claims_of_an_old_version_are_not_stored_over_a_correction(store: Store) -> None:
    from counterclaim.store.rows import version

    old = Document(id="d1", text=TEXT)
    store.put_document(old)
    read_at = version(old)  # extraction read this version ...
    store.put_document(old.model_copy(update={"title": "Corrected headline"}))  # ... then a correction came in
    assert store.replace_claims("d1", [a_claim(old)], version=read_at) is False
    assert store.claims("d1") == [] and store.unextracted_documents() == ["d1"]
    assert store.replace_claims("d1", [a_claim(old)], version=version(store.get_document("d1"))) is True


def test_a_corrected_feed_entry_updates_the_stored_one(store_url: str, tmp_path: Path) -> None:
    def feed(text: str) -> str:
        return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title><link>https://l.example/</link>'
                f"<item><title>Bridge</title><guid>https://l.example/a/1</guid><description>{text}</description>"
                "</item></channel></rss>")

    (tmp_path / "f.xml").write_text(feed(TEXT))
    ingest(store_url, tmp_path / "f.xml")
    (tmp_path / "f.xml").write_text(feed(TEXT.replace("overnight", "at dawn")))
    assert ingest(store_url, tmp_path / "f.xml").stdout == "0 new, 1 updated, 0 unchanged, 0 failed\n"
    with Store.open(store_url) as store:
        [doc] = store.documents()
    assert "at dawn" in doc.text
