"""Scale-out: run ingest and extraction on a Dask cluster when a corpus outgrows one process.

The pattern is one map: the command cuts its work into batches (files to read,
documents to extract), :func:`run_batches` keeps a bounded number of them in flight
on the cluster, and the command consumes results as they finish. The command stays
the only process that writes to the store (one writer: SQLite allows no other, and on
PostgreSQL it keeps each document's claims one transaction and nothing written twice);
workers never open the store, so they may sit on other machines than the database.

- Models load once per worker: :class:`ModelsPlugin` loads the spaCy pipeline and the
  tagger in ``setup`` and caps torch/ONNX/BLAS threads (``COUNTERCLAIM_THREADS``, default
  1 per worker: a worker per core, not every worker on every core).
- A worker that dies mid-batch loses nothing: the scheduler runs the batch again on
  another worker (Dask's ``allowed-failures``), and the client writes a batch's results
  only when its future completes, once. Writes are idempotent besides
  (``add_document`` by content hash, ``replace_claims`` per document).
- Task functions take plain data and return plain data (``InputError`` does not pickle:
  failures travel as ``(path, reason)`` and are rebuilt here).

Adding a stage is one task function plus one call: linking per block would be
``run_batches(client, link_block, blocks, ...)`` with ``link_block(claims) -> LinkResult``
and the client saving the merged result.

``scheduler="local"`` starts a ``LocalCluster`` on this machine; ``tcp://host:8786``
connects to a running scheduler whose workers have counterclaim installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from distributed.diagnostics.plugin import WorkerPlugin

from counterclaim.models import Claim, Document

IN_FLIGHT_PER_WORKER = 3  # batches queued per worker: enough to keep it busy, little held in memory


def batches(items: Iterable, size: int) -> Iterator[list]:
    """Split items into lists of at most ``size``, keeping their order."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- the cluster ------------------------------------------------------------------------------

class ModelsPlugin(WorkerPlugin):
    """A Dask worker plugin: cap threads, then load the extraction models once per worker."""

    name = "counterclaim-models"
    idempotent = True

    def __init__(self, spans: str | None = None, load_models: bool = True):
        self.spans = spans
        self.load_models = load_models

    def setup(self, worker=None) -> None:
        from counterclaim.threads import limit_threads

        limit_threads()
        if self.load_models:
            load_models(self.spans)


def load_models(spans: str | None = None) -> None:
    """The spaCy pipeline and the tagger runtime, loaded into this process's caches."""
    from counterclaim.extract import attribution_tagger
    from counterclaim.extract.pipeline import get_nlp

    get_nlp(spans)
    attribution_tagger.scorer(attribution_tagger.runtime())
    attribution_tagger.load_tokenizer()


@contextmanager
def dask_client(scheduler: str = "local", workers: int = 2, *, models: bool = True, spans: str | None = None):
    """A ``distributed.Client`` whose workers run :class:`ModelsPlugin`: a fresh LocalCluster for
    ``"local"`` (``workers`` processes, one thread each), else a connection to ``scheduler``.
    ``models=False`` skips loading the extraction models (ingest needs none)."""
    from distributed import Client, LocalCluster

    if scheduler == "local":
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) \
                as cluster, Client(cluster) as client:  # the cluster closes even when the client fails
            client.register_plugin(ModelsPlugin(spans, load_models=models))
            yield client
        return
    with Client(scheduler) as client:
        client.register_plugin(ModelsPlugin(spans, load_models=models))
        yield client


def run_batches(client, fn: Callable[..., Any], work: Iterable[list], *, in_flight: int | None = None,
                **kwargs) -> Iterator[Any]:
    """``fn(batch, **kwargs)`` for every batch on the cluster, at most ``in_flight`` at once
    (default: :data:`IN_FLIGHT_PER_WORKER` per worker); yields results in completion order.
    A batch whose worker dies is run again by the scheduler; each result is yielded once."""
    from distributed import as_completed

    limit = in_flight or IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})))
    pending = iter(work)
    queue = as_completed()
    for batch in _take(pending, limit):
        queue.add(client.submit(fn, batch, pure=False, **kwargs))
    for future in queue:
        result = future.result()
        future.release()
        for batch in _take(pending, 1):
            queue.add(client.submit(fn, batch, pure=False, **kwargs))
        yield result


def _take(it: Iterator, n: int) -> list:
    out = []
    for _ in range(n):
        try:
            out.append(next(it))
        except StopIteration:
            break
    return out


# -- extraction -------------------------------------------------------------------------------

def extract_batch(docs: list[Document], spans: str | None = None) -> list[tuple[str, list[Claim]]]:
    """Extract claims from a batch of documents (runs on a Dask worker)."""
    from counterclaim.extract import extract_many

    return [(doc.id, claims) for doc, claims in extract_many(docs, spans)]


def extract_distributed(
    docs: Iterable[Document],
    client,
    batch_size: int = 16,
    on_done: Callable[[int], None] | None = None,
    spans: str | None = None,
) -> Iterator[tuple[str, list[Claim]]]:
    """Extract claims for ``docs`` on the cluster behind ``client``, yielding results as batches finish.

    ``on_done(n)`` is called with the number of documents in each finished batch
    (for a progress bar). Results arrive in completion order, not input order. ``spans``:
    the span convention (default: this process's ``COUNTERCLAIM_SPANS``).
    """
    from counterclaim.settings import settings

    spans = spans or settings().spans  # this process's convention, not each worker's environment
    for results in run_batches(client, extract_batch, batches(docs, batch_size), spans=spans):
        if on_done is not None:
            on_done(len(results))
        yield from results


def distributed_extractor(client, batch_size: int = 16, spans: str | None = None):
    """A runner for :func:`counterclaim.extract.attribution_run.extract_stored` that uses ``client``'s cluster."""

    def run(docs: Iterable[Document]) -> Iterator[tuple[str, list[Claim]]]:
        return extract_distributed(docs, client, batch_size=batch_size, spans=spans)

    return run


def process_extractor(n_process: int, spans: str | None = None):
    """A runner for ``extract_stored`` on this machine: spaCy's ``nlp.pipe`` in ``n_process`` processes."""

    def run(docs: Iterable[Document]) -> Iterator[tuple[str, list[Claim]]]:
        from counterclaim.extract import extract_many

        return ((doc.id, claims) for doc, claims in extract_many(docs, spans, n_process=n_process))

    return run


# -- ingest -----------------------------------------------------------------------------------

def read_batch(paths: list[str]) -> list[tuple[str, list[Document], str | None]]:
    """Read a batch of files (runs on a Dask worker): per file, its documents and, when it
    failed wholly or partly, the reason. An unexpected exception fails that file, not the batch."""
    from counterclaim.errors import InputError
    from counterclaim.ingest import read_file
    from counterclaim.ingest.document import PartialRead

    out: list[tuple[str, list[Document], str | None]] = []
    for path in paths:
        try:
            out.append((path, read_file(path), None))
        except PartialRead as exc:
            out.append((path, exc.documents, exc.reason))
        except InputError as exc:
            out.append((path, [], exc.reason))
        except Exception as exc:  # a reader bug must not take the other files of the batch with it
            out.append((path, [], f"unexpected {type(exc).__name__}: {exc}; please report this bug"))
    return out


class ClusterReader:
    """``read(path)`` for :func:`counterclaim.ingest.ingest`, served by the cluster reading
    ``paths`` ahead in batches: the same documents and errors as :func:`read_file`, in the
    caller's order, with at most a bounded number of batches held in memory."""

    def __init__(self, client, paths: list[str], batch_size: int = 64):
        self._results = run_batches(client, read_batch, batches(paths, batch_size))
        self._ready: dict[str, tuple[list[Document], str | None]] = {}

    def __call__(self, path: str) -> list[Document]:
        from counterclaim.errors import InputError
        from counterclaim.ingest.document import PartialRead

        while path not in self._ready:
            batch = next(self._results, None)
            if batch is None:
                raise InputError(path, "not among the files the cluster was given to read")
            for name, documents, reason in batch:
                self._ready[name] = (documents, reason)
        documents, reason = self._ready.pop(path)
        if reason is None:
            return documents
        raise PartialRead(path, reason, documents) if documents else InputError(path, reason)


def cluster_reader(client, specs: list[str], batch_size: int = 64) -> ClusterReader:
    """A :class:`ClusterReader` for every file ``specs`` names."""
    from counterclaim.ingest import expand_inputs

    return ClusterReader(client, expand_inputs(specs), batch_size)


# -- linking ----------------------------------------------------------------------------------

def encode_batch(batch: list[tuple[int, str]]) -> tuple[list[int], np.ndarray, np.ndarray]:
    """Vectors of a batch of ``(position, content)``, with their positions (runs on a worker)."""
    from counterclaim.link.embeddings import claim_vectors

    written, neutral = claim_vectors([text for _, text in batch])
    return [k for k, _ in batch], written, neutral


def features_batch(batch: list[tuple[int, tuple[int, int]]], views, written, neutral) -> tuple[list[int], np.ndarray]:
    """Feature rows of a batch of ``(position, pair)``, with their positions (runs on a worker)."""
    from counterclaim.link.features import feature_matrix

    return [k for k, _ in batch], feature_matrix(views, [pair for _, pair in batch], written, neutral)


def linking_work(client, batch_size: int = 2048):
    """A :class:`counterclaim.link.Work` that encodes claims and computes pair features on the cluster, in
    batches, and puts the results back in order: the writer process only blocks, clusters and relates."""
    from counterclaim.link import Work

    def vectors(contents: list[str]) -> tuple[np.ndarray, np.ndarray]:
        written = np.zeros((len(contents), 384), dtype=np.float32)
        neutral = np.zeros_like(written)
        for keys, w, n in run_batches(client, encode_batch, batches(list(enumerate(contents)), batch_size)):
            written[keys], neutral[keys] = w, n
        return written, neutral

    def features(views, pairs, written, neutral) -> np.ndarray:
        from counterclaim.link.features import FEATURES

        out = np.zeros((len(pairs), len(FEATURES)))
        if not pairs:
            return out
        shared = client.scatter([views, written, neutral], broadcast=True)
        for keys, rows in run_batches(client, features_batch, batches(list(enumerate(pairs)), batch_size * 8),
                                      views=shared[0], written=shared[1], neutral=shared[2]):
            out[keys] = rows
        return out

    return Work(vectors=vectors, features=features)
