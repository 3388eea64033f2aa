"""The whole pipeline on the bundled demo corpus, as `make demo` runs it: ingest → extract → link → board."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli.main import cli

CORPUS = Path(__file__).resolve().parents[1] / "demo" / "corpus"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    runner = CliRunner()
    for args in (["ingest", str(CORPUS)], ["extract"], ["link"]):
        result = runner.invoke(cli, [*args, "--db", url])
        assert result.exit_code == 0, f"{args}: {result.output}"
    return url


def _board(url: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["disputes", "--format", "json", "--db", url])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_every_document_is_ingested_once(demo_db):
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--db", demo_db])
    assert result.exit_code == 0
    assert "0 new" in result.output


def test_board_shows_disputes_between_the_two_sides(demo_db):
    board = _board(demo_db)
    disputed = [row for row in board if row["status"] == "disputed"]
    assert disputed, "the demo corpus must surface at least one disputed event"
    assert any(row["ukraine"] and row["russia"] for row in disputed), "no dispute sets Ukraine against Russia"


def test_the_largest_event_both_sides_speak_in_is_disputed(demo_db):
    """Issue #9: the capture claims around the city, which Kyiv denied, must not show as corroborated."""
    both = [row for row in _board(demo_db) if row["ukraine"] and row["russia"]]
    largest = max(both, key=lambda row: row["claims"])
    assert largest["status"] == "disputed", largest


def test_event_page_shows_claims_with_their_sentences(demo_db):
    board = _board(demo_db)
    event_id = next(row["id"] for row in board if row["status"] == "disputed")
    result = CliRunner().invoke(cli, ["event", event_id, "--db", demo_db])
    assert result.exit_code == 0, result.output
    assert "contradicts" in result.output


def test_relinking_is_idempotent(demo_db):
    before = _board(demo_db)
    result = CliRunner().invoke(cli, ["link", "--db", demo_db])
    assert result.exit_code == 0
    assert [row["id"] for row in _board(demo_db)] == [row["id"] for row in before]
