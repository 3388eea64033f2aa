"""The fast tagger path (ONNX Runtime int8, paragraph pre-filter, windows batched across docs)
finds the claims the reference path (torch fp32, every paragraph tagged) finds, on the
evaluation sets, with scores within half a point; and the pre-filter never drops a paragraph
that holds a gold claim. Reads ../shared/eval; skipped when it is absent.

PolNeAR dev is sampled (its first 12 articles) to keep the suite short; set
``COUNTERCLAIM_EVAL_FULL=1`` to check all 84.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from counterclaim.extract import attribution_labels as scheme
from counterclaim.extract import attribution_tagger as tagger
from counterclaim.extract import tagger_onnx

EVAL = (Path(__file__).resolve().parents[2] / ".." / "shared" / "eval").resolve()
SETS = {"seed": EVAL / "seed", "war-dev": EVAL / "war-dev", "polnear-dev": EVAL / "polnear" / "dev"}
SAMPLE = None if os.environ.get("COUNTERCLAIM_EVAL_FULL") else 12
MAX_SCORE_GAP = 0.005  # half a point
MIN_SAME_CLAIMS = 0.98  # share of the claims of either path that the other has too (same id)

pytestmark = [pytest.mark.slow, pytest.mark.eval,
              pytest.mark.skipif(not tagger_onnx.available(tagger.MODEL_DIR), reason="no ONNX tagger")]


def _articles(root: Path) -> list[Path]:
    if not (root / "articles").exists():
        pytest.skip(f"{root} not found")
    paths = sorted((root / "articles").glob("*.json"))
    return paths[:SAMPLE] if root.name == "dev" and SAMPLE else paths


def _documents(root: Path):
    from counterclaim.ingest import read_file

    return [doc for path in _articles(root) for doc in read_file(path)]


def _predict(docs, runtime: str, monkeypatch) -> list:
    from counterclaim.extract import extract_many

    monkeypatch.setenv("COUNTERCLAIM_TAGGER", runtime)
    return list(extract_many(docs))


def _scores(root: Path, results, tmp_path: Path, name: str) -> dict[str, float]:
    """The scorer's summary figures for a prediction, on the gold of the documents predicted."""
    from counterclaim.export.prediction import prediction_json

    gold, articles = tmp_path / name / "gold", tmp_path / name / "articles"
    gold.mkdir(parents=True)
    articles.mkdir()
    for path in _articles(root):  # score.py wants articles/ beside gold/
        (gold / path.name).symlink_to(root / "gold" / path.name)
        (articles / path.name).symlink_to(path)
    pred = tmp_path / f"{name}.json"
    pred.write_text(json.dumps(prediction_json(results)), encoding="utf-8")
    out = subprocess.run([sys.executable, str(EVAL / "score.py"), str(gold.parent), str(pred)],
                         capture_output=True, text=True, check=True).stdout
    summary = next(line for line in out.splitlines() if line.startswith("summary"))
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", summary)}


@pytest.mark.parametrize("name", list(SETS))
def test_fast_path_finds_the_reference_claims(name, monkeypatch, tmp_path):
    root = SETS[name]
    docs = _documents(root)
    reference = _predict(docs, "reference", monkeypatch)
    fast = _predict(docs, "onnx", monkeypatch)
    ref_ids = {c.id for _, claims in reference for c in claims}
    fast_ids = {c.id for _, claims in fast for c in claims}
    same = len(ref_ids & fast_ids) / max(1, len(ref_ids | fast_ids))
    assert same >= MIN_SAME_CLAIMS, f"{name}: only {same:.1%} of claims agree"
    ref_scores = _scores(root, reference, tmp_path, "reference")
    fast_scores = _scores(root, fast, tmp_path, "fast")
    for key in ("claims_f1", "content_exact_f1", "speaker_acc"):
        assert abs(ref_scores[key] - fast_scores[key]) <= MAX_SCORE_GAP, (name, key, ref_scores, fast_scores)


@pytest.mark.parametrize("name", list(SETS))
def test_prefilter_keeps_every_paragraph_with_a_gold_claim(name):
    """A paragraph that holds a gold claim's speaker, cue or content is always tagged."""
    from counterclaim.extract.pipeline import base_nlp

    root = SETS[name]
    nlp = base_nlp()
    missed = []
    with nlp.select_pipes(disable=["parser", "ner"]):  # lemmas are all the filter reads
        for path in _articles(root):
            doc = nlp(json.loads(path.read_text(encoding="utf-8"))["text"])
            gold = json.loads((root / "gold" / path.name).read_text(encoding="utf-8"))
            starts = [c[r]["start"] for c in gold["claims"] for r in ("speaker", "cue", "content")
                      if isinstance(c.get(r), dict)]
            for para in scheme.paragraphs(doc):
                lo, hi = para[0].idx, para[-1].idx + len(para[-1])
                if any(lo <= s < hi for s in starts) and not tagger.may_attribute(para):
                    missed.append(f"{path.name}: {doc.text[lo:hi][:60]!r}")
    assert not missed
