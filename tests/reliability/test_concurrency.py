"""Reads keep answering while ingest, extract and link write to the same SQLite file (issue #13, item 3).

The real server (``counterclaim serve``) runs on a SQLite store while a writer runs the
real CLI in cycles, ``ingest`` (a new batch of generated documents) then ``extract`` then
``link``, and ``CONCURRENCY_CLIENTS`` reader threads request the API lists, a search, one
document and the HTML pages for ``CONCURRENCY_SECONDS`` (and at least one whole write
cycle). Every read must answer 200 within the client timeout, every write must succeed,
and "database is locked" must appear nowhere. CI runs 20 clients for 15 s; ``make
concurrency`` runs 20 clients for 60 s (``CONCURRENCY_REPORT=path.json`` writes the figures).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from reliability_support import COMMAND, child_env, corpus_generator, free_port

pytestmark = pytest.mark.slow

CLIENTS = int(os.environ.get("CONCURRENCY_CLIENTS", "20"))
SECONDS = float(os.environ.get("CONCURRENCY_SECONDS", "15"))
TIMEOUT = 30.0
BATCH = 12  # documents per ingest in the write cycle
READS = ["/api/documents?limit=20", "/api/claims?limit=20", "/api/events?limit=20", "/api/relations?limit=20",
         "/api/speakers?limit=20", "/api/search?q=ministry", "/api/search?q=said+troops", "/", "/documents",
         "/timeline", "/speakers"]


def cli(*args: str, db: str) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args, "--db", db], capture_output=True, text=True, timeout=1800, env=child_env())


@pytest.fixture(scope="module")
def batches(tmp_path_factory) -> list[Path]:
    """Generated corpus batches: one ingested before the readers start, the others by the writer."""
    module = corpus_generator()
    sources = module.load_sources()
    folders = []
    for n in range(6):
        folder = tmp_path_factory.mktemp(f"batch{n}")
        module.make_corpus(folder, BATCH, seed=100 + n, sources=sources)
        folders.append(folder)
    return folders


class Readers:
    """``CLIENTS`` threads reading from the server until stopped; every answer and its latency kept."""

    def __init__(self, base: str, doc_ids: list[str]) -> None:
        self.base, self.doc_ids = base, doc_ids
        self.stop = threading.Event()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._read, args=(n,), daemon=True) for n in range(CLIENTS)]

    def _read(self, n: int) -> None:
        rng = random.Random(n)
        with httpx.Client(base_url=self.base, timeout=TIMEOUT) as client:
            while not self.stop.is_set():
                path = rng.choice([*READS, f"/api/documents/{rng.choice(self.doc_ids)}"])
                start = time.perf_counter()
                try:
                    response = client.get(path)
                    problem = None if response.status_code == 200 else f"{path}: {response.status_code} {response.text[:200]}"
                except httpx.HTTPError as exc:
                    problem = f"{path}: {type(exc).__name__}: {exc}"
                with self.lock:
                    self.latencies.append(time.perf_counter() - start)
                    if problem:
                        self.errors.append(problem)

    def __enter__(self) -> Readers:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=TIMEOUT + 5)


def start_server(db: str, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen([*COMMAND, "serve", "--db", db, "--port", str(port), "--token", "t" * 24],
                              stdout=log.open("w"), stderr=subprocess.STDOUT, env=child_env())
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/documents?limit=1", timeout=5).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise AssertionError(f"the server did not start: {log.read_text()[-2000:]}")


def write_cycles(db: str, batches: list[Path], until: float) -> list[tuple[str, int, str]]:
    """ingest, extract, link over the batches until ``until`` (monotonic), at least one whole cycle."""
    done: list[tuple[str, int, str]] = []
    for batch in batches:
        for args in (("ingest", str(batch)), ("extract",), ("link",)):
            result = cli(*args, db=db)
            done.append((args[0], result.returncode, result.stderr[-1000:]))
        if time.monotonic() >= until:
            break
    return done


def test_reads_keep_answering_while_ingest_extract_and_link_write(batches: list[Path], tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'shared.db'}"
    assert cli("ingest", str(batches[0]), db=db).returncode == 0
    from counterclaim.store import Store

    with Store.open(db) as store:
        doc_ids = [d.id for d in store.documents()]
    server, base = start_server(db, tmp_path / "server.log")
    try:
        start = time.monotonic()
        with Readers(base, doc_ids) as readers:
            writes = write_cycles(db, batches[1:], until=start + SECONDS)
            remaining = start + SECONDS - time.monotonic()
            if remaining > 0:
                time.sleep(remaining)
        elapsed = time.monotonic() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
    log = (tmp_path / "server.log").read_text()
    figures = summarise(readers, writes, elapsed)
    if os.environ.get("CONCURRENCY_REPORT"):
        Path(os.environ["CONCURRENCY_REPORT"]).write_text(json.dumps(figures, indent=1) + "\n")
    print(figures)
    assert [w for w in writes if w[1] != 0] == []
    assert readers.errors == [], readers.errors[:5]
    assert "database is locked" not in log + "".join(w[2] for w in writes)
    assert figures["write_cycles"] >= 1 and figures["requests"] >= CLIENTS


def summarise(readers: Readers, writes: list, elapsed: float) -> dict:
    ordered = sorted(readers.latencies)
    quantile = statistics.quantiles(ordered, n=100) if len(ordered) > 1 else ordered * 99
    return {"clients": CLIENTS, "seconds": round(elapsed, 1), "requests": len(ordered), "errors": len(readers.errors),
            "p50_ms": round(quantile[49] * 1000), "p95_ms": round(quantile[94] * 1000),
            "max_ms": round(ordered[-1] * 1000), "write_cycles": sum(1 for w in writes if w[0] == "link"),
            "writes": [w[:2] for w in writes]}
