"""`counterclaim analyze --format json` writes the evaluation prediction format; `extract` and `claims` use a store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from counterclaim.cli.main import cli

pytestmark = pytest.mark.slow

TEXT = ("“Our troops gave up no ground in the town over the past days,” Deputy Defence Minister Ganna Malyar said.\n\n"
        "The Kremlin denied that Ukrainian units had broken through anywhere. Kremlin spokesman Dmitry Peskov "
        "told reporters that the situation was under control.")


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"id": "a1", "outlet": "Kyiv Post", "title": "t", "published": "2023-05-12",
                                "text": TEXT}), encoding="utf-8")
    return path


def _spans(claim: dict):
    yield claim["content"]
    if claim["cue"]:
        yield claim["cue"]
    if claim["speaker"].get("start") is not None:
        yield claim["speaker"]
    yield from claim["quantities"]
    yield from claim["places"]


def test_analyze_json_has_the_prediction_shape(nlp, article):
    result = CliRunner().invoke(cli, ["analyze", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out) == {"documents", "relations", "events"}
    [doc] = out["documents"]
    assert doc["id"] == "a1" and len(doc["claims"]) >= 3
    assert len({c["id"] for c in doc["claims"]}) == len(doc["claims"])
    for claim in doc["claims"]:
        assert claim["stance"] in ("asserts", "denies")
        assert {"name", "side"} <= set(claim["speaker"])
        for span in _spans(claim):
            assert TEXT[span["start"]:span["end"]] == span["text"]
    sides = {c["speaker"]["name"]: c["speaker"]["side"] for c in doc["claims"]}
    assert sides.get("Hanna Maliar") == "ukraine" and sides.get("Kremlin") == "russia"


def test_analyze_names_an_unreadable_file_and_exits_1(nlp, tmp_path, article):
    missing = tmp_path / "missing.json"
    result = CliRunner().invoke(cli, ["analyze", str(article), str(missing), "--format", "json"])
    assert result.exit_code == 1
    assert "missing.json" in result.stderr
    assert json.loads(result.stdout)["documents"][0]["id"] == "a1"


def test_extract_then_claims_from_a_store(nlp, tmp_path, article):
    db = f"sqlite:///{tmp_path / 'cc.db'}"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(article), "--db", db]).exit_code == 0
    result = runner.invoke(cli, ["extract", "--db", db])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(cli, ["claims", "--db", db, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    claims = json.loads(listed.stdout)
    assert any(c["speaker"]["name"] == "Dmitry Peskov" for c in claims)
    again = runner.invoke(cli, ["extract", "--db", db])
    assert "0 documents" in again.stderr
    everything = runner.invoke(cli, ["extract", "--db", db, "--all"])
    assert everything.exit_code == 0, everything.output
    assert "1 document" in everything.stderr
    assert json.loads(runner.invoke(cli, ["claims", "--db", db, "--format", "json"]).stdout) == claims


def test_analyze_spans_convention_decides_cue_and_content_edges(nlp, tmp_path):
    """`--spans claim` (default) trims to the speech verb and the proposition; `--spans polnear`
    keeps the auxiliary and the complementiser, as PolNeAR annotates them."""
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"id": "b1", "text": "The defence ministry has said that its forces repelled "
                                                    "every attack near Bakhmut."}), encoding="utf-8")

    def first_claim(*extra):
        result = CliRunner().invoke(cli, ["analyze", str(path), "--format", "json", *extra])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)["documents"][0]["claims"][0]

    claim, polnear = first_claim(), first_claim("--spans", "polnear")
    assert claim["cue"]["text"] == "said" and claim["content"]["text"].startswith("its forces")
    assert polnear["cue"]["text"] == "has said" and polnear["content"]["text"].startswith("that its forces")
    assert claim["speaker"]["name"] == polnear["speaker"]["name"]


def test_analyze_rejects_an_unknown_span_convention(article):
    result = CliRunner().invoke(cli, ["analyze", str(article), "--spans", "loose"])
    assert result.exit_code == 2 and "loose" in result.output
