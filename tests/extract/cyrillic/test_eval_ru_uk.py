"""The targets of issue 14 on ../shared/eval/war-dev-ru-uk, Russian and Ukrainian articles alone:
claims F1 >= 0.70 and side accuracy >= 0.85, measured by the shared scorer. Floors only move up."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

SET = Path(__file__).resolve().parents[3] / "../shared/eval/war-dev-ru-uk"
SCORER = SET.parent / "score.py"
pytestmark = [pytest.mark.eval]


def _scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cyrillic_articles_meet_the_targets(tmp_path):
    if not SET.exists():
        pytest.skip("../shared/eval/war-dev-ru-uk is not beside the repository")
    from counterclaim.export.prediction import prediction_json
    from counterclaim.extract import extract_many
    from counterclaim.ingest import read_file

    for sub in ("articles", "gold"):
        (tmp_path / sub).mkdir()
    docs = []
    for path in sorted((SET / "articles").glob("*.json")):
        if path.stem.startswith(("ru-", "uk-")):
            shutil.copy(path, tmp_path / "articles" / path.name)
            shutil.copy(SET / "gold" / path.name, tmp_path / "gold" / path.name)
            docs.extend(read_file(path))
    assert docs and all(d.language in ("ru", "uk") for d in docs)
    result = _scorer().score(tmp_path, prediction_json(list(extract_many(docs))))
    assert result["claims"]["f1"] >= 0.70, result["claims"]
    assert result["on_matched_claims"]["side_acc"] >= 0.85, result["on_matched_claims"]
