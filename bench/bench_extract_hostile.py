"""Extraction of hostile text as a ratio to ordinary news text of the same length, in one run.

    .venv/bin/python bench/bench_extract_hostile.py [--words 5000] [--big-mb 0]

Baseline: an ordinary article of ``--words`` words (sentences of about 20 words, paragraphs of
five sentences). Measured, each with the same words: one paragraph of that many words, text
without punctuation, all capitals, one endless comma-spliced sentence, Latin and Cyrillic mixed.
A ratio near 1 means the shape of the text does not change the cost per word: extraction runs
in bounded windows (extract/windows.py). ``--big-mb N`` also times one document of N megabytes
on a single line (over spaCy's 1,000,000-character limit), reported per word against the baseline.
"""

from __future__ import annotations

import argparse
import random
import time

from counterclaim.extract import extract_many
from counterclaim.models import Document

VOCABULARY = ("the ministry said troops had advanced near the village while officials denied any losses "
              "and shelling continued overnight according to the regional governor").split()


def _words(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(n)]


def _sentences(words: list[str], size: int = 20) -> list[str]:
    return [" ".join(words[i:i + size]).capitalize() + "." for i in range(0, len(words), size)]


def shapes(n: int) -> dict[str, str]:
    """The texts timed, all with ``n`` words."""
    words = _words(n)
    sentences = _sentences(words)
    return {
        "ordinary (baseline)": "\n\n".join(" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)),
        "one paragraph": " ".join(sentences),
        "no punctuation": " ".join(words),
        "all capitals": " ".join(sentences).upper(),
        "one sentence": ", ".join(" ".join(words[i:i + 8]) for i in range(0, n, 8)) + ".",
        "mixed scripts": " ".join(w if i % 3 else "Київ" for i, w in enumerate(words)),
    }


def _seconds(text: str) -> float:
    start = time.perf_counter()
    list(extract_many([Document(id="bench", text=text, outlet="Bench Wire", language="en")]))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--big-mb", type=float, default=0.0)
    args = parser.parse_args()
    _seconds("Warm up: the ministry said troops advanced.")
    texts = shapes(args.words)
    baseline = _seconds(texts["ordinary (baseline)"])
    print(f"{args.words} words per text; baseline (ordinary article) {baseline:.1f} s")
    for name, text in texts.items():
        seconds = baseline if name.startswith("ordinary") else _seconds(text)
        print(f"{name:22s} {seconds:7.1f} s   ratio {seconds / baseline:.2f}")
    if args.big_mb:
        line = " ".join(_sentences(_words(int(args.big_mb * 1_000_000 / 7), seed=11)))
        seconds = _seconds(line)
        per_word = seconds / len(line.split()) / (baseline / args.words)
        print(f"{len(line):,} characters on one line: {seconds:.1f} s, per-word ratio {per_word:.2f}")


if __name__ == "__main__":
    main()
