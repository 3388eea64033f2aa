"""The evaluation articles survive ingest verbatim: every gold offset still points at its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from counterclaim.ingest import read_file

SHARED = Path(__file__).resolve().parents[2] / "../shared"
pytestmark = pytest.mark.eval


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


def gold_spans(gold: dict) -> list[dict]:
    roles = ("speaker", "cue", "content", "quote_span")
    return [claim[r] for claim in gold["claims"] for r in roles if isinstance(claim.get(r), dict)]


@pytest.mark.parametrize("corpus", ["seed", "polnear/test"])
def test_gold_offsets_index_the_ingested_text(corpus: str) -> None:
    root = shared("eval", corpus)
    checked = 0
    for article in sorted((root / "articles").glob("*.json")):
        [doc] = read_file(str(article))
        assert doc.id == article.stem
        gold_path = root / "gold" / article.name
        if not gold_path.exists():
            continue
        for span in gold_spans(json.loads(gold_path.read_text(encoding="utf-8"))):
            assert doc.text[span["start"] : span["end"]] == span["text"], (article.name, span)
            checked += 1
    assert checked > 0


def test_the_example_article_is_read_verbatim() -> None:
    path = shared("examples", "bakhmut-2023-05-12.txt")
    [doc] = read_file(str(path))
    assert doc.text == path.read_bytes().decode("utf-8")  # not read_text: it would translate newlines
