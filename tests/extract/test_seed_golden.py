"""The seed article must come out right: the scorer's floors on ../shared/eval/seed (floors only move up)."""

from __future__ import annotations

import importlib.util

import pytest

from counterclaim.export.prediction import prediction_json

pytestmark = [pytest.mark.slow, pytest.mark.eval]

FLOOR_CLAIMS_F1 = 0.90
FLOOR_SPEAKER_ACC = 0.90
FLOOR_SIDE_ACC = 0.90
FLOOR_STANCE_ACC = 0.90


def _scorer(shared_eval):
    spec = importlib.util.spec_from_file_location("cc_score", shared_eval / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_score(nlp, shared_eval):
    from counterclaim.extract import extract_many
    from counterclaim.ingest import read_file

    docs = [d for path in sorted((shared_eval / "seed/articles").glob("*.json")) for d in read_file(str(path))]
    pred = prediction_json(list(extract_many(docs)))
    return _scorer(shared_eval).score(shared_eval / "seed", pred)


def test_seed_claims_f1_floor(seed_score):
    assert seed_score["claims"]["f1"] >= FLOOR_CLAIMS_F1, seed_score["claims"]


def test_seed_speaker_side_and_stance_floors(seed_score):
    matched = seed_score["on_matched_claims"]
    assert matched["speaker_acc"] >= FLOOR_SPEAKER_ACC
    assert matched["side_acc"] >= FLOOR_SIDE_ACC
    assert matched["stance_acc"] >= FLOOR_STANCE_ACC
