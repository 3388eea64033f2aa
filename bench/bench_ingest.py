"""Ingest speed as a ratio against bare inserts of the same documents, with corrupt files mixed in.

    .venv/bin/python bench/bench_ingest.py [--documents 2000] [--corrupt-every 1000] [--scheduler local]

Writes a corpus with ``bench/make_corpus.py`` (every input format, one corrupt file after
every ``--corrupt-every`` documents), then times ``counterclaim.ingest.ingest`` into a fresh
SQLite store (reading, validating, hashing, one transaction per document; on a Dask
cluster with ``--scheduler``), against the baseline: the documents already read, inserted
with the standard library's ``sqlite3`` in one ``executemany``. The run must finish, store
every good document, and name each corrupt file once in its summary.

The last line is machine-readable: ``ingest_vs_bare=... ingest_docs_per_s=... failed=... corrupt=...``.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from counterclaim.ingest import expand_inputs, ingest, read_file
from counterclaim.store import Store

MAKE_CORPUS = Path(__file__).resolve().parent / "make_corpus.py"  # issue #12 item 3, --make-corpus to override


def make_corpus(out: Path, documents: int, corrupt_every: int, seed: int, script: Path = MAKE_CORPUS) -> dict:
    """The generated corpus and its manifest (``bench/make_corpus.py``)."""
    if not script.exists():
        raise SystemExit(f"{script} not found: the corpus generator comes with issue #12 item 3")
    argv = [sys.executable, str(script), str(out), "--documents", str(documents), "--seed", str(seed)]
    if corrupt_every:
        argv += ["--corrupt-every", str(corrupt_every)]
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    manifest = out / ".manifest.json"
    return json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}


def bare_inserts(path: Path, docs) -> float:
    """Seconds to insert already-read documents with bare sqlite3, one transaction."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT, outlet TEXT, published TEXT, "
                       "text TEXT)")
    start = time.perf_counter()
    with connection:
        connection.executemany("INSERT OR IGNORE INTO documents VALUES (?, ?, ?, ?, ?)",
                               [(d.id, d.title, d.outlet, str(d.published), d.text) for d in docs])
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def through_ingest(url: str, corpus: Path, scheduler: str | None, workers: int):
    """(seconds, summary) of ``ingest`` into the store at ``url``."""
    with Store.open(url) as store:
        start = time.perf_counter()
        if scheduler is None:
            summary = ingest([str(corpus)], store)
        else:
            from counterclaim.scale import cluster_reader, dask_client

            with dask_client(scheduler, workers, models=False) as client:
                summary = ingest([str(corpus)], store, read=cluster_reader(client, [str(corpus)]))
        return time.perf_counter() - start, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--corrupt-every", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scheduler", default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--make-corpus", type=Path, default=MAKE_CORPUS, help="the corpus generator script")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        manifest = make_corpus(corpus, args.documents, args.corrupt_every, args.seed, args.make_corpus)
        docs = []
        for path in expand_inputs([str(corpus)]):
            try:
                docs.extend(read_file(path))
            except Exception:  # noqa: S112 - the corrupt files: counted by ingest below
                continue
        baseline = bare_inserts(Path(tmp) / "bare.db", docs)
        seconds, summary = through_ingest(f"sqlite:///{tmp}/ingest.db", corpus, args.scheduler, args.workers)
    corrupt = manifest.get("corrupt", manifest.get("corrupt_files", []))
    n_corrupt = corrupt if isinstance(corrupt, int) else len(corrupt)
    named = sorted({Path(e.path).name for e in summary.failed})
    print(f"{len(docs)} documents read back, {summary}")
    print(f"files failed ({len(named)}): {', '.join(named[:10])}{' ...' if len(named) > 10 else ''}")
    print(f"bare inserts : {baseline:7.3f} s  ({len(docs) / baseline:10,.0f} docs/s)")
    print(f"ingest       : {seconds:7.3f} s  ({len(docs) / seconds:10,.0f} docs/s)"
          f"{' on Dask ' + args.scheduler if args.scheduler else ''}")
    print(f"ingest_vs_bare={baseline / seconds:.3f} ingest_docs_per_s={len(docs) / seconds:.0f} "
          f"failed={len(summary.failed)} corrupt={n_corrupt} documents={summary.new + summary.unchanged}")


if __name__ == "__main__":
    main()
