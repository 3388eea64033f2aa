"""Extraction on a Dask LocalCluster of N workers against one process, on the same documents, in one run.

    .venv/bin/python bench/bench_dask.py [--corpus DIR] [--copies 4] [--workers 2] [--batch-size 8]

The corpus (default: the demo corpus, repeated ``--copies`` times under new ids so there is
enough work to share) is extracted once in this process with ``extract_many`` and once on a
``LocalCluster`` (one thread per worker, models loaded once per worker by the plugin) with
``extract_distributed``, alternating for ``--rounds`` rounds (the median of the per-round
ratios is reported). Both are warmed up first, so model loading is not timed; the cluster's
time includes shipping documents and claims. The claims must be equal.

The last line is machine-readable: ``dask<N>_vs_1=<speed-up> docs=... workers=N``.
On a machine with fewer free cores than workers the speed-up cannot exceed the free cores.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from counterclaim.extract import extract_many
from counterclaim.scale import dask_client, extract_distributed
from counterclaim.threads import limit_threads

CORPUS = Path(__file__).resolve().parents[1] / "demo" / "corpus"


def corpus(root: Path, copies: int):
    from counterclaim.ingest import expand_inputs, read_file

    docs = [d for path in expand_inputs([str(root)]) for d in read_file(path)]
    return [d.model_copy(update={"id": f"{d.id}~{k}"}) for k in range(copies) for d in docs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    limit_threads()
    docs = corpus(args.corpus, args.copies)
    words = sum(len(d.text.split()) for d in docs)

    print(f"{len(docs)} documents, {words} words, {args.rounds} interleaved rounds")
    ratios, ones, manys = [], [], []
    with dask_client("local", workers=args.workers) as client:
        list(extract_many(docs[:4]))  # warm-up here and on every worker: model loading is not timed
        list(extract_distributed(docs[: 2 * args.workers], client, batch_size=1))
        for _ in range(args.rounds):  # alternating, so a change in the machine's load hits both alike
            start = time.perf_counter()
            serial = {doc.id: [c.id for c in claims] for doc, claims in extract_many(docs)}
            ones.append(time.perf_counter() - start)
            start = time.perf_counter()
            spread = {doc_id: [c.id for c in claims]
                      for doc_id, claims in extract_distributed(docs, client, batch_size=args.batch_size)}
            manys.append(time.perf_counter() - start)
            ratios.append(ones[-1] / manys[-1])
            if spread != serial:
                raise SystemExit("the cluster's claims differ from the local engine's")
    one, many = statistics.median(ones), statistics.median(manys)
    print(f"1 process        : {one:7.2f} s  ({words / one:8,.0f} words/s)")
    print(f"{args.workers} Dask workers   : {many:7.2f} s  ({words / many:8,.0f} words/s)")
    print(f"dask{args.workers}_vs_1={statistics.median(ratios):.2f} docs={len(docs)} workers={args.workers}")


if __name__ == "__main__":
    main()
