"""Extraction cost as a ratio to the bare spaCy pipeline on the same texts, measured in one run.

    .venv/bin/python bench/bench_extract.py [--repeat 3]

Baseline: ``base_nlp().pipe(texts)`` (tokenizer, tagger, parser, NER as shipped).
Measured: ``extract_many(docs)`` (the same parse plus attribution, speakers, stance,
quantities, places and times). Both are warmed up first; the median of the repeats
is reported, so the ratio is comparable across noisy machines.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from counterclaim.extract import extract_many
from counterclaim.extract.pipeline import base_nlp, get_nlp
from counterclaim.ingest import expand_inputs, read_file

CORPUS = Path(__file__).resolve().parents[1] / "demo" / "corpus"


def _documents():
    docs = []
    for path in expand_inputs([str(CORPUS)]):
        docs.extend(read_file(path))
    return docs


def _median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    docs = _documents()
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    nlp, _ = base_nlp(), get_nlp()
    list(nlp.pipe(texts[:3]))  # warm-up: lazy tables, gazetteer, models
    list(extract_many(docs[:3]))

    baseline = _median_seconds(lambda: list(nlp.pipe(texts)), args.repeat)
    measured = _median_seconds(lambda: list(extract_many(docs)), args.repeat)
    print(f"{len(docs)} documents, {words} words, median of {args.repeat}")
    print(f"bare spaCy pipe : {baseline:.3f} s  ({words / baseline:,.0f} words/s)")
    print(f"extract_many    : {measured:.3f} s  ({words / measured:,.0f} words/s)")
    print(f"ratio extract / bare spaCy = {measured / baseline:.2f}")


if __name__ == "__main__":
    main()
