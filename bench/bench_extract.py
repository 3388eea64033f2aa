"""Extraction speed as a ratio to the bare spaCy pipeline on the same texts, measured in one run.

    .venv/bin/python bench/bench_extract.py [--corpus DIR] [--repeat 3] [--runtimes onnx reference]

Baseline: ``base_nlp().pipe(texts)`` (tokenizer, tagger, parser, NER as shipped), one process.
Measured: ``extract_many(docs)`` (the same parse plus attribution, speakers, stance,
quantities, places and times), once per tagger runtime (``COUNTERCLAIM_TAGGER``): ``onnx``
(the default fast path), ``onnx-int8``, ``reference`` (torch, every paragraph tagged, as
shipped before). Everything is warmed up first; the paths run interleaved, round after round,
and the median of each path's per-round ratio is reported, so the ratios hold on a machine
whose load changes during the run. Threads: one per process (``limit_threads``).

The last line is machine-readable: ``extract_vs_spacy=<words/s of the default path over
bare spaCy's> ...``, one ``<runtime>_vs_spacy`` per runtime and ``words``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from counterclaim.extract import extract_many
from counterclaim.extract.pipeline import base_nlp, get_nlp
from counterclaim.ingest import expand_inputs, read_file
from counterclaim.threads import limit_threads

CORPUS = Path(__file__).resolve().parents[1] / "demo" / "corpus"


def documents(corpus: Path):
    docs = []
    for path in expand_inputs([str(corpus)]):
        docs.extend(read_file(path))
    return docs


def seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--runtimes", nargs="+", default=["onnx", "onnx-int8", "reference"])
    args = parser.parse_args()
    limit_threads()

    docs = documents(args.corpus)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    nlp, _ = base_nlp(), get_nlp()
    list(nlp.pipe(texts[:3]))  # warm-up: lazy tables, gazetteer, models
    for runtime in args.runtimes:
        os.environ["COUNTERCLAIM_TAGGER"] = runtime
        list(extract_many(docs[:3]))

    times: dict[str, list[float]] = {"spacy": [], **{r: [] for r in args.runtimes}}
    for _ in range(args.repeat):  # interleaved, so a change in the machine's load hits every path alike
        times["spacy"].append(seconds(lambda: list(nlp.pipe(texts))))
        for runtime in args.runtimes:
            os.environ["COUNTERCLAIM_TAGGER"] = runtime
            times[runtime].append(seconds(lambda: list(extract_many(docs))))
    print(f"{len(docs)} documents, {words} words, median of {args.repeat} interleaved rounds")
    baseline = statistics.median(times["spacy"])
    print(f"bare spaCy pipe      : {baseline:7.3f} s  ({words / baseline:8,.0f} words/s)")
    ratios = {}
    for runtime in args.runtimes:  # the median of the per-round ratios
        ratios[runtime] = statistics.median(b / m for b, m in zip(times["spacy"], times[runtime], strict=True))
        median = statistics.median(times[runtime])
        print(f"extract, {runtime:11s} : {median:7.3f} s  ({words / median:8,.0f} words/s)  "
              f"{ratios[runtime]:.2f}x bare spaCy")
    head = f"extract_vs_spacy={ratios[args.runtimes[0]]:.2f} "
    print(head + " ".join(f"{r.replace('-', '_')}_vs_spacy={v:.2f}" for r, v in ratios.items()) + f" words={words}")


if __name__ == "__main__":
    main()
