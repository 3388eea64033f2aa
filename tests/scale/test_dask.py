"""Scale-out on Dask's real scheduler gives exactly the claims the serial path gives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from counterclaim.models import Document
from counterclaim.scale import batches, dask_client, extract_distributed

pytest.importorskip("counterclaim.extract")

TEXTS = [
    "The defence ministry said on Friday that all attacks near Soledar had been repelled.",
    "According to the regional governor, at least 12 people were hurt in the strike.",
    '"We advanced two kilometres," the deputy minister said in a statement.',
]


def _docs() -> list[Document]:
    published = datetime(2023, 5, 12, 9, 0, tzinfo=UTC)
    return [
        Document(id=f"d{i}", text=text, outlet="Test Wire", published=published)
        for i, text in enumerate(TEXTS)
    ]


def test_batches_keep_order_and_size():
    docs = _docs()
    parts = list(batches(docs, 2))
    assert [len(p) for p in parts] == [2, 1]
    assert [d.id for p in parts for d in p] == [d.id for d in docs]


@pytest.mark.slow
def test_local_cluster_matches_serial():
    from counterclaim.extract import extract_many

    docs = _docs()
    serial = {doc.id: claims for doc, claims in extract_many(docs)}
    seen: list[int] = []
    with dask_client("local", workers=2) as client:
        distributed = dict(extract_distributed(docs, client, batch_size=1, on_done=seen.append))
    assert sum(seen) == len(docs)
    assert distributed.keys() == serial.keys()
    for doc_id, claims in serial.items():
        assert [c.model_dump() for c in distributed[doc_id]] == [c.model_dump() for c in claims]


@pytest.mark.slow
def test_extract_command_on_a_local_cluster_stores_the_serial_claims(tmp_path):
    from click.testing import CliRunner

    from counterclaim.cli.main import cli
    from counterclaim.store import Store

    serial_db, dask_db = (f"sqlite:///{tmp_path / name}" for name in ("serial.db", "dask.db"))
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
