"""`counterclaim speakers --unresolved`: speakers the registry lacks, as an actor file an analyst curates."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from counterclaim.cli.main import cli

pytestmark = pytest.mark.slow

TEXT = ("The Example Rescue Brigade said 40 people had been evacuated from the flooded quarter.\n\n"
        "The Example Rescue Brigade added that two boats had capsized.\n\n"
        "Dmitry Peskov told reporters that the dam had been hit by shelling.\n\n"
        "Local fishermen said the water was still rising.")


@pytest.fixture()
def store(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"id": "a1", "outlet": "Example Wire", "title": "t", "published": "2023-06-06",
                                "text": TEXT}), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cc.db'}"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(path), "--db", db]).exit_code == 0
    assert runner.invoke(cli, ["extract", "--db", db]).exit_code == 0
    return db


def test_unresolved_speakers_are_listed_by_frequency_as_an_actor_file(nlp, store, tmp_path):
    result = CliRunner().invoke(cli, ["speakers", "--unresolved", "--db", store])
    assert result.exit_code == 0, result.output
    actors = yaml.safe_load(result.stdout)["actors"]
    names = [a["name"] for a in actors.values()]
    assert names[0] == "Example Rescue Brigade" and "Local fishermen" in names
    assert "Dmitry Peskov" not in names  # registered
    assert "2 claims in 1 document" in result.stdout


def test_the_curated_file_resolves_the_speaker_on_the_next_extraction(nlp, store, tmp_path, monkeypatch):
    runner = CliRunner()
    listed = yaml.safe_load(runner.invoke(cli, ["speakers", "--unresolved", "--db", store]).stdout)
    key = next(k for k, a in listed["actors"].items() if a["name"] == "Example Rescue Brigade")
    curated = {"actors": {key: {**listed["actors"][key], "side": "ukraine"}}}
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(curated), encoding="utf-8")
    monkeypatch.setenv("COUNTERCLAIM_ACTORS", str(path))
    assert runner.invoke(cli, ["extract", "--all", "--db", store]).exit_code == 0
    claims = json.loads(runner.invoke(cli, ["claims", "--db", store, "--format", "json"]).stdout)
    brigade = [c for c in claims if c["speaker"]["name"] == "Example Rescue Brigade"]
    assert brigade and all(c["speaker"]["side"] == "ukraine" and c["speaker"]["actor_id"] == key for c in brigade)
    again = yaml.safe_load(runner.invoke(cli, ["speakers", "--unresolved", "--db", store]).stdout)["actors"] or {}
    assert "Example Rescue Brigade" not in [a["name"] for a in again.values()]


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_unresolved_speakers_in_other_formats(nlp, store, fmt):
    result = CliRunner().invoke(cli, ["speakers", "--unresolved", "--unknown-only", "--format", fmt, "--db", store])
    assert result.exit_code == 0, result.output
    assert "fishermen" in result.stdout


def test_speakers_without_a_selection_is_a_usage_error(store):
    result = CliRunner().invoke(cli, ["speakers", "--db", store])
    assert result.exit_code == 2 and "--unresolved" in result.output
