"""Kill ``counterclaim ingest``, ``extract`` and ``link`` with SIGKILL at random moments and check what is left.

A campaign runs on one store URL (SQLite or PostgreSQL) over a corpus written by
``bench/make_corpus.py``. It first needs a *reference*: the same three commands run to
completion on a fresh SQLite store (the clean run). Then, on a fresh store of the backend
under test, each stage is run again and again and killed (the whole process group,
SIGKILL) while it writes: at a random point of its progress (ingest and extract, watched
through the store) or at a random moment of its run (link, which commits once). After
every kill the store must pass the integrity checks (SQLite ``integrity_check``, foreign
keys, the full-text index against its tables) and be consistent with the clean run:

- every stored document is one of the clean run's, at the same version;
- a document marked extracted has exactly the clean run's claims, one not marked has none;
- events and relations are all of the clean run's or none (linking commits once).

After a stage's kills the command runs to completion, and the store must then hold the
clean run's documents, claims, events and relations: the same counts and the same ids.
Only the CLI is driven (``python -m``-style subprocesses), so the harness does not depend
on any stage's internals.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reliability_support import COMMAND, child_env
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from counterclaim.store import Store
from counterclaim.store.schema import claims, documents, event_claims, events, relations

STAGES = ("ingest", "extract", "link")


@dataclass
class Snapshot:
    """What a store holds, by id."""

    documents: dict[str, str]  # id -> version (the content_hash column)
    extracted: set[str]
    claims: dict[str, set[str]]  # document id -> claim ids
    events: set[str]
    relations: set[str]
    memberships: int  # event_claims rows

    def counts(self) -> dict[str, int]:
        return {"documents": len(self.documents), "extracted": len(self.extracted),
                "claims": sum(len(c) for c in self.claims.values()), "events": len(self.events),
                "relations": len(self.relations), "event_memberships": self.memberships}


@dataclass
class Report:
    """What a campaign did, for docs/RELIABILITY.md."""

    backend: str
    documents: int
    kills: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    kills_inside_a_write: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    finished_before_kill: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    checks: int = 0
    clean: dict[str, int] = field(default_factory=dict)
    final: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


def snapshot(url: str) -> Snapshot:
    with Store.open(url) as store, store.engine.connect() as connection:
        docs = {row.id: row.content_hash for row in connection.execute(select(documents.c.id, documents.c.content_hash))}
        extracted = set(connection.execute(select(documents.c.id).where(documents.c.extracted_at.isnot(None))).scalars())
        by_doc: dict[str, set[str]] = {}
        for row in connection.execute(select(claims.c.id, claims.c.document_id)):
            by_doc.setdefault(row.document_id, set()).add(row.id)
        return Snapshot(docs, extracted, by_doc, set(connection.execute(select(events.c.id)).scalars()),
                        set(connection.execute(select(relations.c.id)).scalars()),
                        connection.execute(select(func.count()).select_from(event_claims)).scalar_one())


def integrity(url: str) -> None:
    """The database is not corrupt: SQLite's own checks, foreign keys, the search index against its tables,
    and every claim's spans against its document's stored text."""
    with Store.open(url) as store, store.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            connection.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
            for kind, table in (("document", "documents"), ("claim", "claims")):
                refs = connection.execute(text(f"SELECT count(*) FROM search_refs r JOIN {table} t ON t.id = r.ref "
                                               f"WHERE r.kind = '{kind}'")).scalar_one()
                rows = connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
                indexed = connection.execute(text(f"SELECT count(*) FROM search_refs WHERE kind = '{kind}'")).scalar_one()
                assert refs == rows == indexed, f"search index out of step with {table}: {refs}/{indexed}/{rows}"
            assert connection.execute(text("SELECT count(*) FROM search_fts")).scalar_one() == \
                connection.execute(text("SELECT count(*) FROM search_refs")).scalar_one()
        orphans = connection.execute(text("SELECT count(*) FROM event_claims ec LEFT JOIN claims c ON c.id = ec.claim_id "
                                          "WHERE c.id IS NULL")).scalar_one()
        assert orphans == 0
        texts = dict(connection.execute(select(documents.c.id, documents.c.text)).all())
        for doc_id, data in connection.execute(select(claims.c.document_id, claims.c.data)):
            content = data["content"]
            assert texts[doc_id][content["start"]:content["end"]] == content["text"], f"claim spans of {doc_id}"


def consistent(now: Snapshot, clean: Snapshot) -> None:
    """Everything stored is a whole part of the clean run: nothing half-written, nothing foreign."""
    for doc_id, version in now.documents.items():
        assert clean.documents.get(doc_id) == version, f"document {doc_id} is not the clean run's"
    for doc_id in now.documents:
        found = now.claims.get(doc_id, set())
        if doc_id in now.extracted:
            assert found == clean.claims.get(doc_id, set()), f"document {doc_id} has other claims than the clean run"
        else:
            assert not found, f"document {doc_id} has claims but is not marked extracted"
    assert set(now.claims) <= set(now.documents)
    linked = (now.events, now.relations, now.memberships)
    assert linked in (((set(), set(), 0)), (clean.events, clean.relations, clean.memberships)), \
        f"links half-saved: {len(now.events)} events, {len(now.relations)} relations"


def run(args: list[str], url: str, timeout: float = 3600) -> subprocess.CompletedProcess:
    done = subprocess.run([*COMMAND, *args, "--db", url], capture_output=True, text=True, timeout=timeout,
                          env=child_env())
    assert done.returncode == 0, f"counterclaim {' '.join(args)} failed: {done.stderr[-2000:]}"
    return done


def clean_run(corpus: Path, url: str) -> tuple[Snapshot, dict[str, float]]:
    """The reference: ingest, extract and link run to completion; with each command's wall time."""
    seconds = {}
    for stage in STAGES:
        start = time.perf_counter()
        run(_args(stage, corpus), url)
        seconds[stage] = time.perf_counter() - start
    integrity(url)
    return snapshot(url), seconds


def _args(stage: str, corpus: Path) -> list[str]:
    return ["ingest", str(corpus)] if stage == "ingest" else [stage]


PG_WRITERS = text(
    "SELECT count(*) FROM pg_locks l JOIN pg_class r ON r.oid = l.relation WHERE l.pid <> pg_backend_pid()"
    " AND l.mode = 'RowExclusiveLock' AND r.relname IN ('documents', 'claims', 'events', 'relations', 'event_claims')")


def writing(store: Store) -> bool:
    """Whether another connection is inside a write transaction on the store right now."""
    url = make_url(store.url)
    if url.get_backend_name() == "sqlite":  # try to take the write lock without waiting
        probe = sqlite3.connect(url.database, timeout=0, isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    with store.engine.connect() as connection:
        return connection.execute(PG_WRITERS).scalar_one() > 0


def progress(stage: str, store: Store) -> int:
    """How far ``stage`` has come, read from the store: documents stored, or documents extracted."""
    query = select(func.count()).select_from(documents)
    if stage == "extract":
        query = query.where(documents.c.extracted_at.isnot(None))
    with store.engine.connect() as connection:
        return connection.execute(query).scalar_one()


Aim = Callable[[subprocess.Popen, Store], str | None]
"""Waits for the moment to kill ``process`` (watching the store): None when it finished first, "write" when
a write transaction was seen open just now, else "moment"."""


def kill_once(stage: str, corpus: Path, url: str, aim: Aim) -> tuple[bool, bool]:
    """Start ``stage``, wait until ``aim`` says when, SIGKILL its process group.

    Returns (killed, inside a write): False when it finished first; whether a write transaction was open
    just before the kill."""
    process = subprocess.Popen([*COMMAND, *_args(stage, corpus), "--db", url], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True, env=child_env())
    try:
        with Store.open(url) as store:
            moment = aim(process, store)
            if moment is None:
                return False, False
            inside = moment == "write" or writing(store)
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        return process.returncode == -signal.SIGKILL, inside
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)


def at_progress(stage: str, target: int, then: Aim) -> Aim:
    """Aim: once the store shows ``target`` documents done, ``then``."""
    def aim(process: subprocess.Popen, store: Store) -> str | None:
        while progress(stage, store) < target:
            if process.poll() is not None:
                return None
            time.sleep(0.05)
        return then(process, store)
    return aim


def pause(jitter: float, rng: random.Random) -> Aim:
    """Aim: a random pause of up to ``jitter`` seconds."""
    def aim(process: subprocess.Popen, _store: Store) -> str | None:
        time.sleep(rng.uniform(0, jitter))
        return "moment" if process.poll() is None else None
    return aim


def after(seconds: float) -> Aim:
    """Aim: ``seconds`` after the start (if it is still running)."""
    def aim(process: subprocess.Popen, _store: Store) -> str | None:
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return "moment"
        return None
    return aim


def in_write(jitter: float, rng: random.Random) -> Aim:
    """Aim: once a write transaction is seen open, a random pause of up to ``jitter`` seconds (0: at once)."""
    def aim(process: subprocess.Popen, store: Store) -> str | None:
        while not writing(store):
            if process.poll() is not None:
                return None
            time.sleep(0.002)
        if not jitter:
            return "write"
        time.sleep(rng.uniform(0, jitter))
        return "moment" if process.poll() is None else None
    return aim


def campaign(corpus: Path, url: str, clean: Snapshot, clean_seconds: dict[str, float], trials: int, seed: int,
             backend: str, log: Callable[[str], None] = print) -> Report:
    """``trials`` kills spread over ingest, extract and link (in turn), each followed by the checks; then
    every stage run to completion and compared with the clean run."""
    rng = random.Random(seed)
    report = Report(backend=backend, documents=len(clean.documents), clean=clean.counts())
    per_stage = {stage: trials // 3 + (i < trials % 3) for i, stage in enumerate(STAGES)}
    start = time.perf_counter()
    for stage in STAGES:
        total = len(clean.documents)
        for trial in range(per_stage[stage]):
            aim = _aim(stage, total, trial, per_stage[stage], clean_seconds[stage], rng)
            killed, inside = kill_once(stage, corpus, url, aim)
            if killed:
                report.kills[stage] += 1
                report.kills_inside_a_write[stage] += inside
            else:
                report.finished_before_kill[stage] += 1
            integrity(url)
            consistent(snapshot(url), clean)
            report.checks += 1
            log(f"{backend} {stage} trial {trial + 1}/{per_stage[stage]}: {snapshot(url).counts()}")
        run(_args(stage, corpus), url)
    final = snapshot(url)
    integrity(url)
    report.final, report.seconds = final.counts(), round(time.perf_counter() - start, 1)
    assert final.documents == clean.documents and final.extracted == set(clean.documents)
    assert final.claims == clean.claims, "claims differ from the clean run"
    assert (final.events, final.relations, final.memberships) == (clean.events, clean.relations, clean.memberships)
    return report


def _aim(stage: str, total: int, trial: int, of: int, seconds: float, rng: random.Random) -> Aim:
    """Where trial ``trial`` of ``of`` kills ``stage``. Ingest and extract: in their own slice of the run,
    so kills spread over it, then a random pause (even trials) or the next write transaction seen open (odd
    ones). Link (one transaction at the end): inside its write (even trials) or any moment of its run."""
    if stage == "link":
        return in_write(0.3, rng) if trial % 2 == 0 else after(seconds * rng.uniform(0.2, 1.1))
    low, high = total * trial // (of + 1), total * (trial + 1) // (of + 1)
    target = rng.randint(max(low, 0) + 1, max(high, low + 1))
    return at_progress(stage, target, pause(0.5, rng) if trial % 2 == 0 else in_write(0, rng))
