"""Crash safety: SIGKILL during ingest, extract and link never corrupts, duplicates or loses anything
(issue #13, "make it permanent" 2). The harness and its checks are in ``crash_harness``.

CI runs a small campaign: a 20-document generated corpus, 3 kills (one per command) on
SQLite and on PostgreSQL. ``make crash`` runs the full one: 2,000 documents, 20 kills per
backend (``CRASH_DOCUMENTS``, ``CRASH_TRIALS``, ``CRASH_SEED``; ``CRASH_REPORT=path.json``
writes the figures that docs/RELIABILITY.md quotes).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from crash_harness import campaign, clean_run
from reliability_support import corpus_generator

pytestmark = pytest.mark.slow

DOCUMENTS = int(os.environ.get("CRASH_DOCUMENTS", "20"))
TRIALS = int(os.environ.get("CRASH_TRIALS", "3"))
SEED = int(os.environ.get("CRASH_SEED", "13"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("crash") / "corpus"
    out.mkdir()
    corpus_generator().make_corpus(out, DOCUMENTS, seed=SEED)
    return out


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory):
    """The clean run on SQLite, once for both backends: ids are content hashes, so they must agree."""
    return clean_run(corpus, f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}")


@pytest.fixture(scope="module")
def reports():
    found: list[dict] = []
    yield found
    if os.environ.get("CRASH_REPORT") and found:
        Path(os.environ["CRASH_REPORT"]).write_text(json.dumps(found, indent=1) + "\n")


def test_sigkill_during_ingest_extract_and_link(corpus: Path, reference, store_url: str, request, reports) -> None:
    clean, seconds = reference
    assert len(clean.documents) == DOCUMENTS and clean.counts()["claims"] > 0 and clean.relations
    backend = request.node.callspec.params["store_url"]
    report = campaign(corpus, store_url, clean, seconds, TRIALS, SEED, backend)
    reports.append({**report.as_dict(), "clean_seconds": {k: round(v, 1) for k, v in seconds.items()}})
    assert sum(report.kills.values()) + sum(report.finished_before_kill.values()) == TRIALS
    assert sum(report.kills.values()) >= TRIALS * 2 // 3  # most trials really killed a running command
