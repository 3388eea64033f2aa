"""Scale-out on Dask's real scheduler (a LocalCluster of 2 worker processes) gives exactly what
the local engine gives: the same claims, the same stored documents; models load once per
worker; a worker killed mid-run costs a retry, never a second write."""

from __future__ import annotations

import json
import time
from collections import Counter

import pytest

from counterclaim.models import Document

pytest.importorskip("distributed")
pytest.importorskip("counterclaim.extract")

from scale_data import TEXTS, _docs, _dumped  # noqa: E402

from counterclaim.scale import batches, dask_client, extract_distributed, run_batches  # noqa: E402


def test_batches_keep_order_and_size():
    docs = _docs()
    parts = list(batches(docs, 4))
    assert [len(p) for p in parts] == [4, 2]
    assert [d.id for p in parts for d in p] == [d.id for d in docs]


@pytest.fixture(scope="module")
def client():
    with dask_client("local", workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def serial():
    from counterclaim.extract import extract_many

    return _dumped((doc.id, claims) for doc, claims in extract_many(_docs()))


@pytest.mark.slow
def test_local_cluster_matches_serial(client, serial):
    seen: list[int] = []
    distributed = _dumped(extract_distributed(_docs(), client, batch_size=1, on_done=seen.append))
    assert sum(seen) == len(TEXTS)
    assert distributed == serial


def _model_loads() -> int:
    from counterclaim.extract.pipeline import _nlp_for

    return _nlp_for.cache_info().misses


@pytest.mark.slow
def test_models_load_once_per_worker(client, serial):
    list(extract_distributed(_docs(), client, batch_size=1))
    list(extract_distributed(_docs(), client, batch_size=2))
    assert list(client.run(_model_loads).values()) == [1, 1]


def _slow_square(batch: list[int]) -> list[int]:
    time.sleep(0.3)
    return [x * x for x in batch]


@pytest.mark.slow
def test_bounded_map_yields_each_batch_once(client):
    """At most ``in_flight`` batches are queued; every batch's result comes back exactly once."""
    results = list(run_batches(client, _slow_square, batches(range(20), 3), in_flight=2))
    assert sorted(x for r in results for x in r) == [x * x for x in range(20)]
    assert len(results) == 7


class RecordingStore:
    """The two store methods extraction uses, counting every write."""

    def __init__(self, docs: list[Document]):
        self.docs = {d.id: d for d in docs}
        self.writes: Counter[str] = Counter()
        self.claims: dict[str, list] = {}

    def unextracted_documents(self) -> list[str]:
        return list(self.docs)

    def get_document(self, doc_id: str) -> Document:
        return self.docs[doc_id]

    def replace_claims(self, doc_id: str, claims, version: str | None = None) -> bool:
        self.writes[doc_id] += 1
        self.claims[doc_id] = [c.model_dump() for c in claims]
        return True


def _kill_worker(client, killed: list[str]) -> None:
    """Kill (os._exit) a worker that holds a task, as soon as one does; note its address."""
    deadline = time.time() + 120
    while time.time() < deadline:
        busy = [w for w, tasks in client.processing().items() if tasks]
        if busy:
            killed.append(busy[0])
            try:
                client.run(_exit_now, workers=[busy[0]])
            except Exception:  # noqa: S110 - the worker dies before it can answer
                pass
            return
        time.sleep(0.05)


def _exit_now() -> None:
    import os

    os._exit(1)


@pytest.mark.slow
def test_a_worker_killed_mid_run_costs_a_retry_not_a_second_write(serial):
    from threading import Thread

    from counterclaim.extract.attribution_run import extract_stored
    from counterclaim.scale import distributed_extractor

    store = RecordingStore(_docs())
    killed: list[str] = []
    with dask_client("local", workers=2) as c:
        killer = Thread(target=_kill_worker, args=(c, killed))
        killer.start()
        n = extract_stored(store, runner=distributed_extractor(c, batch_size=2))
        killer.join()
        assert killed and killed[0] not in c.scheduler_info()["workers"]  # it did die mid-run
    assert n == len(TEXTS)
    assert set(store.writes.values()) == {1}
    assert store.claims == serial


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_extract_command_on_a_local_cluster_stores_the_serial_claims(tmp_path, request, backend):
    from click.testing import CliRunner

    from counterclaim.cli.main import cli
    from counterclaim.store import Store

    serial_db = f"sqlite:///{tmp_path / 'serial.db'}"
    dask_db = f"sqlite:///{tmp_path / 'dask.db'}" if backend == "sqlite" else request.getfixturevalue(
        "postgres_database")
    for url in (serial_db, dask_db):
        with Store.open(url) as store:
            for doc in _docs():
                store.add_document(doc)
    runner = CliRunner()
    assert runner.invoke(cli, ["extract", "--db", serial_db]).exit_code == 0
    result = runner.invoke(cli, ["extract", "--db", dask_db, "--scheduler", "local", "--workers", "2",
                                 "--batch-size", "1"])
    assert result.exit_code == 0, result.output
    with Store.open(serial_db) as a, Store.open(dask_db) as b:
        assert [c.model_dump() for c in a.claims()] == [c.model_dump() for c in b.claims()]
        assert b.unextracted_documents() == []


@pytest.mark.slow
def test_ingest_command_on_a_local_cluster_stores_what_serial_ingest_stores(tmp_path):
    """Documents equal the local engine's; a corrupt file is named once, the rest stored."""
    from click.testing import CliRunner

    from counterclaim.cli.main import cli
    from counterclaim.store import Store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(TEXTS):
        (corpus / f"r{i}.json").write_text(json.dumps({"id": f"r{i}", "text": text, "outlet": "Wire",
                                                        "published": "2023-05-12"}), encoding="utf-8")
    (corpus / "broken.json").write_text('{"id": "x", "text": ', encoding="utf-8")
    urls = [f"sqlite:///{tmp_path / name}" for name in ("serial.db", "dask.db")]
    runner = CliRunner()
    serial = runner.invoke(cli, ["ingest", str(corpus), "--db", urls[0]])
    dask = runner.invoke(cli, ["ingest", str(corpus), "--db", urls[1], "--scheduler", "local", "--batch-size", "2"])
    for result in (serial, dask):
        assert result.exit_code == 1
        assert "6 new, 0 unchanged, 1 failed" in result.stdout
        assert result.stderr.count("broken.json") == 1
        assert "Traceback" not in result.stderr
    with Store.open(urls[0]) as a, Store.open(urls[1]) as b:
        assert [d.model_dump() for d in a.documents()] == [d.model_dump() for d in b.documents()]
