"""Scale-out: run extraction on a Dask cluster when a corpus outgrows one process.

The client keeps the only connection that writes to the store (SQLite allows one
writer; PostgreSQL does not mind, but one writer keeps each document's claims
atomic and ordering simple). Workers receive batches of documents, run the same
:func:`counterclaim.extract.extract_claims` the serial path runs, and send back
claims. The spaCy pipeline loads once per worker process: ``extract.pipeline``
caches it in a module global the first time a worker needs it.

Use ``scheduler="local"`` for a ``LocalCluster`` on this machine, or the address
of a running scheduler (``tcp://host:8786``) to use a real cluster whose workers
have counterclaim installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from counterclaim.models import Claim, Document


def extract_batch(docs: list[Document]) -> list[tuple[str, list[Claim]]]:
    """Extract claims from a batch of documents (runs on a Dask worker)."""
    from counterclaim.extract import extract_many

    return [(doc.id, claims) for doc, claims in extract_many(docs)]


def batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Split documents into lists of at most ``size``, keeping their order."""
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def dask_client(scheduler: str = "local", workers: int = 2):
    """A ``distributed.Client``: a fresh LocalCluster for ``"local"``, else a connection to ``scheduler``."""
    from distributed import Client, LocalCluster

    if scheduler != "local":
        with Client(scheduler) as client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:  # the cluster closes even when the client fails to connect
        yield client


def distributed_extractor(client, batch_size: int = 16):
    """A runner for :func:`counterclaim.extract.attribution_run.extract_stored` that uses ``client``'s cluster."""

    def run(docs: Iterable[Document]) -> Iterator[tuple[str, list[Claim]]]:
        return extract_distributed(docs, client, batch_size=batch_size)

    return run


def extract_distributed(
    docs: Iterable[Document],
    client,
    batch_size: int = 16,
    on_done: Callable[[int], None] | None = None,
) -> Iterator[tuple[str, list[Claim]]]:
    """Extract claims for ``docs`` on the cluster behind ``client``, yielding results as batches finish.

    ``on_done(n)`` is called with the number of documents in each finished batch
    (for a progress bar). Results arrive in completion order, not input order.
    """
    from distributed import as_completed

    futures = [client.submit(extract_batch, batch, pure=False) for batch in batches(docs, batch_size)]
    for future in as_completed(futures):
        results = future.result()
        if on_done is not None:
            on_done(len(results))
        yield from results
