"""`counterclaim link`, `disputes` and `event` against a real store (SQLite, and PostgreSQL when available)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from counterclaim.cli.main import cli

REPELLED = "Every attack launched by Ukrainian army units near Bakhmut was repelled."
ADVANCED = "Our defence forces advanced two kilometres near Bakhmut."


@pytest.fixture
def linked_store(store_url, claim, document):
    from counterclaim.store import Store

    with Store.open(store_url) as store:
        for doc_id, text, speaker, side in (("tass-1", REPELLED, "Russian Ministry of Defence", "russia"),
                                            ("ukr-1", ADVANCED, "Ganna Malyar", "ukraine")):
            store.add_document(document(doc_id, text))
            store.replace_claims(doc_id, [claim(text, speaker, side, doc=doc_id)])
    return store_url


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout  # stderr may carry the encoder's loading progress on the first link in a process


def test_link_prints_counts_and_is_idempotent(linked_store):
    assert run("link", "--db", linked_store).strip() == "1 events, 1 relations (1 contradictions)"
    first = json.loads(run("disputes", "--db", linked_store, "--format", "json"))
    assert run("link", "--db", linked_store).strip() == "1 events, 1 relations (1 contradictions)"
    assert json.loads(run("disputes", "--db", linked_store, "--format", "json")) == first


def test_disputes_board_shows_each_side_and_filters(linked_store):
    run("link", "--db", linked_store)
    [row] = json.loads(run("disputes", "--db", linked_store, "--format", "json", "--status", "disputed"))
    assert row["status"] == "disputed" and row["ukraine"].startswith("asserts") and row["russia"].startswith("denies")
    assert json.loads(run("disputes", "--db", linked_store, "--format", "json", "--status", "corroborated")) == []
    table = run("disputes", "--db", linked_store)
    assert row["id"] in table and "disputed" in table


def test_event_shows_sides_sentences_and_reasons(linked_store):
    run("link", "--db", linked_store)
    [row] = json.loads(run("disputes", "--db", linked_store, "--format", "json"))
    out = run("event", row["id"], "--db", linked_store)
    for expected in ("ukraine", "russia", "Ganna Malyar", "Our defence forces advanced", "contradicts", "disputed"):
        assert expected in out
    data = json.loads(run("event", row["id"], "--db", linked_store, "--format", "json"))
    assert {c["source_sentence"] for c in data["claims"]} == {REPELLED, ADVANCED}
    [rel] = data["relations"]
    flat = " ".join(out.split())  # the terminal wraps long reasons
    assert rel["kind"] == "contradicts" and " ".join(rel["reason"].split()) in flat
    assert "Ganna Malyar" in rel["reason"] and "Russian Ministry of Defence" in rel["reason"]
    assert f"evidence: {', '.join(rel['evidence'])}" in flat


def test_a_rejected_relation_survives_relinking(linked_store):
    from counterclaim.store import Store

    run("link", "--db", linked_store)
    with Store.open(linked_store) as store:
        [rel] = store.relations()
        store.add_review(rel.id, "rejected", "different sectors")
    run("link", "--db", linked_store)
    [row] = json.loads(run("disputes", "--db", linked_store, "--format", "json"))
    assert row["status"] == "unresolved"  # two witnesses, and no relation between them stands


def test_unknown_event_is_an_error(linked_store):
    result = CliRunner().invoke(cli, ["event", "evt-0000000000000000", "--db", linked_store])
    assert result.exit_code != 0
    assert "evt-0000000000000000" in str(result.exception)
