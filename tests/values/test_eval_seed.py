"""The value extractors on the seed gold content spans (floors only move up)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytestmark = pytest.mark.eval


@pytest.fixture(scope="module")
def seed_report(shared_eval, gazetteer):
    script = Path(__file__).resolve().parents[2] / "scripts/eval_values.py"
    spec = importlib.util.spec_from_file_location("eval_values", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.eval_seed(shared_eval.parent, 0)


def test_seed_quantities(seed_report):
    assert seed_report["quantities_value_bound"]["f1"] >= 0.95


def test_seed_places(seed_report):
    assert seed_report["place_recall"] >= 0.8


def test_seed_event_dates_with_the_cue_sentence(seed_report):
    assert seed_report["event_date_accuracy_with_cue_sentence"] >= 0.8
