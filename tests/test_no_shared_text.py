"""No text from ../shared is copied into the repository (the example article is the one most at risk)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / ".." / "shared" / "examples" / "bakhmut-2023-05-12.txt"
RUN = 8  # words in a row that count as copying (names and titles are shorter)


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w-]+", " ", text.replace("’", " ").replace("'", " ")).lower().split()


def _runs(words: list[str]) -> set[str]:
    return {" ".join(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def test_runs_are_found_when_present():
    source = _runs(_words("one two three four five six seven eight nine"))
    assert _runs(_words("x one two three four five six seven eight y")) & source
    assert not _runs(_words("one two three four five six seven nine")) & source


def test_no_tracked_file_repeats_the_example_article():
    if not EXAMPLE.exists():
        pytest.skip("../shared is not beside the repository")
    source = _runs(_words(EXAMPLE.read_text(encoding="utf-8")))
    listed = subprocess.run(["git", "-C", str(REPO), "ls-files"], capture_output=True, text=True, check=True)
    copied = {}
    for name in listed.stdout.split():
        path = REPO / name
        if path.suffix in {".bin", ".png", ".geojson"} or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if hits := _runs(_words(text)) & source:
            copied[name] = sorted(hits)[:2]
    assert not copied, f"text copied from the example article: {copied}"
