"""Ingest a batch: expand the inputs, read each file whole, then store its documents.

A file is read completely before any of its documents is written, and each document
is stored atomically by ``store.add_document`` (idempotent on its content hash), so an
interrupted run leaves only whole documents behind and a rerun adds just the rest.
A file that fails is reported and skipped; it never stops the batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from counterclaim.errors import InputError
from counterclaim.ingest.document import PartialRead
from counterclaim.ingest.inputs import expand_inputs
from counterclaim.ingest.read import read_file
from counterclaim.models import Document

Progress = Callable[[int, int, str], None]
"""``on_progress(done, total, path)``: called after each file, whether it was read or failed."""


class DocumentSink(Protocol):
    """The one store method ingest needs."""

    def add_document(self, doc: Document) -> bool: ...


@dataclass
class IngestSummary:
    """What a batch did: documents added, documents already stored, files that failed."""

    new: int = 0
    unchanged: int = 0
    failed: list[InputError] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # ids of every document read, new or not, in order
    _seen: set[str] = field(default_factory=set, repr=False, compare=False)

    def __str__(self) -> str:
        return f"{self.new} new, {self.unchanged} unchanged, {len(self.failed)} failed"


def ingest(specs: list[str], store: DocumentSink, on_progress: Progress | None = None,
           read: Callable[[str], list[Document]] = read_file) -> IngestSummary:
    """Read every file named by ``specs`` and add its documents to ``store``. ``read`` reads one
    file (default :func:`read_file`; :func:`counterclaim.scale.cluster_reader` reads on Dask)."""
    paths = expand_inputs(specs)
    summary = IngestSummary()
    for done, path in enumerate(paths, 1):
        _ingest_file(path, store, summary, read)
        if on_progress is not None:
            on_progress(done, len(paths), path)
    return summary


def _ingest_file(path: str, store: DocumentSink, summary: IngestSummary, read=read_file) -> None:
    try:
        documents = read(path)
    except PartialRead as exc:
        documents = exc.documents
        summary.failed.append(exc)
    except InputError as exc:
        summary.failed.append(exc)
        return
    for doc in documents:
        _store(doc, store, summary)


def _store(doc: Document, store: DocumentSink, summary: IngestSummary) -> None:
    if store.add_document(doc):
        summary.new += 1
    else:
        summary.unchanged += 1
    if doc.id not in summary._seen:
        summary._seen.add(doc.id)
        summary.documents.append(doc.id)
