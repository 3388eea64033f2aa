"""Exports: CSV and Parquet round-trip the claims; ClaimReview is schema.org-shaped; the CLI writes them."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import serve_data
from click.testing import CliRunner

from counterclaim.cli.main import cli
from counterclaim.export import formats

DOCS, CLAIMS, EVENTS, RELATIONS = serve_data.story()


def test_csv_round_trips_every_claim_with_quoting():
    hostile = serve_data.hostile()[1]
    rows = list(csv.DictReader(io.StringIO(formats.claims_csv(CLAIMS + hostile))))
    assert [r["id"] for r in rows] == [c.id for c in CLAIMS + hostile]
    assert [r["content"] for r in rows] == [c.content.text for c in CLAIMS + hostile]
    assert rows[0]["quantities"] == "2 km (exact)" and rows[0]["places"] == "Bakhmut"


def test_csv_writes_large_numbers_in_full():
    """A casualty figure must not be rounded to six digits or written as ``1.5e+06``."""
    claim = CLAIMS[0]
    big = [claim.quantities[0].model_copy(update={"value": v}) for v in (1234567.0, 1500000.0, 2.5)]
    row = formats.claim_row(claim.model_copy(update={"quantities": big}))
    assert row["quantities"] == "1234567 km (exact); 1500000 km (exact); 2.5 km (exact)"


def test_parquet_round_trips(tmp_path):
    path = tmp_path / "claims.parquet"
    formats.claims_parquet(CLAIMS, path)
    table = pq.read_table(path)
    assert table.column_names == list(formats.COLUMNS)
    assert table.column("content_start").to_pylist() == [c.content.start for c in CLAIMS]


def test_claimreview_without_document_still_reviews():
    reviews = formats.claimreview(EVENTS[1], [CLAIMS[3]], {})
    assert reviews[0]["reviewRating"]["alternateName"] == "Single source (unverified)"
    assert "appearance" not in reviews[0]["itemReviewed"]
    assert reviews[0]["itemReviewed"]["author"] == {"@type": "Organization", "name": "Russian Ministry of Defence"}


def test_cli_export_formats(filled_template, tmp_path):
    db = f"sqlite:///{filled_template}"
    runner = CliRunner()
    out = runner.invoke(cli, ["export", "--db", db, "--format", "csv", "--side", "ukraine"])
    assert out.exit_code == 0, out.output
    assert [r["speaker"] for r in csv.DictReader(io.StringIO(out.stdout))] == ["Hanna Maliar"]
    review = runner.invoke(cli, ["export", "--db", db, "--format", "claimreview", "--event", EVENTS[0].id])
    assert {r["@type"] for r in json.loads(review.stdout)} == {"ClaimReview"}
    target = tmp_path / "c.parquet"
    assert runner.invoke(cli, ["export", "--db", db, "--format", "parquet", "-o", str(target)]).exit_code == 0
    assert pq.read_table(target).num_rows == 5
    assert runner.invoke(cli, ["export", "--db", db, "--format", "parquet"]).exit_code == 2
    missing = runner.invoke(cli, ["export", "--db", db, "--event", "evt-nope"])
    assert missing.exit_code != 0 and "evt-nope" in str(missing.exception)


def test_cli_serve_prints_url_and_token(filled_template, monkeypatch):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: seen.update(host=host, port=port))
    monkeypatch.setenv("COUNTERCLAIM_TOKEN", "from-env")
    out = CliRunner().invoke(cli, ["serve", "--db", f"sqlite:///{filled_template}", "--port", "8123"])
    assert out.exit_code == 0, out.output
    assert "http://127.0.0.1:8123/" in out.output and "write token: from-env" in out.output
    assert seen == {"host": "127.0.0.1", "port": 8123}


def test_cli_event_survives_a_claim_deleted_by_re_extraction(store_copy):
    """Re-extraction drops claims an event's assessment still names; `counterclaim event` skips them."""
    from counterclaim.store import Store

    gone = CLAIMS[4]  # the third-party claim of EVENTS[0], in a document with one other claim
    with Store.open(store_copy) as store:
        store.replace_claims(gone.document_id, [c for c in CLAIMS if c.document_id == gone.document_id and c != gone])
    out = CliRunner().invoke(cli, ["event", "--db", store_copy, EVENTS[0].id])
    assert out.exit_code == 0, out.output
    assert "Hanna Maliar" in out.stdout and gone.speaker.name not in out.stdout
