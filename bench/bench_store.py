"""Store insert speed, as a ratio against bare ``sqlite3`` ``executemany`` in the same run.

Inserts N documents with K claims each through ``Store.add_document`` +
``Store.replace_claims`` (one transaction each, as ingest and extract do), and
the same rows with the standard library's ``sqlite3`` into plain tables in one
``executemany`` per table. Both write WAL-mode files in a temporary directory;
a small warm-up run of each comes first.

    .venv/bin/python bench/bench_store.py [--docs 500] [--claims 5]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from pathlib import Path

from counterclaim.models import Claim, Document, Span, Speaker
from counterclaim.store import Store

SENTENCE = "The ministry said {n} soldiers were killed near Bakhmut on Thursday, a claim Kyiv denied. "


def corpus(docs: int, claims: int) -> list[tuple[Document, list[Claim]]]:
    """Synthetic documents, each with ``claims`` claims over its sentences."""
    out = []
    for i in range(docs):
        text = "".join(SENTENCE.format(n=i * 100 + j) for j in range(claims))
        doc = Document(id=f"doc-{i}", text=text, title=f"Report {i}", outlet="Bench Wire")
        step = len(SENTENCE) + 1
        found = [Claim(id=f"clm-{i}-{j}", document_id=doc.id, speaker=Speaker(name="Ministry", side="russia"),
                       content=Span.of(text, j * step + 18, j * step + 60)) for j in range(claims)]
        out.append((doc, found))
    return out


def through_store(path: Path, data) -> float:
    """Seconds to store ``data`` through ``Store`` (opening excluded)."""
    with Store.open(f"sqlite:///{path}") as store:
        start = time.perf_counter()
        for doc, found in data:
            store.add_document(doc)
            store.replace_claims(doc.id, found)
        return time.perf_counter() - start


def through_sqlite3(path: Path, data, per_document: bool = False) -> float:
    """Seconds to store the same rows with bare sqlite3 executemany (the baseline).

    ``per_document`` commits once per document instead of once in all (context only).
    """
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT, outlet TEXT, text TEXT)")
    connection.execute("CREATE TABLE claims (id TEXT PRIMARY KEY, document_id TEXT, content TEXT, data TEXT)")
    start = time.perf_counter()
    for batch in ([[pair] for pair in data] if per_document else [data]):
        with connection:
            connection.executemany("INSERT INTO documents VALUES (?, ?, ?, ?)",
                                   [(d.id, d.title, d.outlet, d.text) for d, _ in batch])
            connection.executemany("INSERT INTO claims VALUES (?, ?, ?, ?)",
                                   [(c.id, c.document_id, c.content.text, json.dumps(c.model_dump(mode="json")))
                                    for _, found in batch for c in found])
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--claims", type=int, default=5)
    args = parser.parse_args()
    data = corpus(args.docs, args.claims)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        through_store(root / "warm-store.db", data[:20])
        through_sqlite3(root / "warm-base.db", data[:20])
        store_s = through_store(root / "store.db", data)
        base_s = through_sqlite3(root / "base.db", data)
        per_doc_s = through_sqlite3(root / "per-doc.db", data, per_document=True)
    rows = args.docs * (1 + args.claims)
    print(f"{args.docs} documents x {args.claims} claims ({rows} rows)")
    print(f"  Store (one transaction per document write): {store_s:.3f} s  ({args.docs / store_s:.0f} docs/s)")
    print(f"  bare sqlite3 executemany (baseline):        {base_s:.3f} s")
    print(f"  bare sqlite3, one commit per document:      {per_doc_s:.3f} s  (context, not the baseline)")
    print(f"  ratio store / baseline: {store_s / base_s:.1f}x   (store / per-document sqlite3: {store_s / per_doc_s:.1f}x)")


if __name__ == "__main__":
    main()
