"""Ingest a batch: expand the inputs, read each file whole, then store its documents.

A file is read completely before any of its documents is written, and each document
is stored atomically by ``store.put_document`` (idempotent: a document already stored
as it is comes back "unchanged"), so an interrupted run leaves only whole documents
behind and a rerun adds just the rest.

A file that fails, whether while reading or while storing one of its documents, is
reported and the batch goes on. Only a failing store (a :class:`StoreError`: the
database is gone, full or locked) or Ctrl-C stops the batch; the summary then says
why in ``aborted``, and still holds every failure met before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from counterclaim.errors import InputError, StoreError
from counterclaim.ingest.document import PartialRead
from counterclaim.ingest.inputs import expand_inputs
from counterclaim.ingest.read import display, read_file
from counterclaim.models import Document

Progress = Callable[[int, int, str], None]
"""``on_progress(done, total, path)``: called after each file, whether it was read or failed."""

Outcome = Literal["new", "updated", "unchanged"]


class DocumentSink(Protocol):
    """The one store method ingest needs (see :meth:`counterclaim.store.Store.put_document`)."""

    def put_document(self, doc: Document) -> Outcome: ...


@dataclass
class IngestSummary:
    """What a batch did: documents added, corrected, already stored; files that failed; why it stopped early."""

    new: int = 0
    unchanged: int = 0
    failed: list[InputError] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # ids of every document read, new or not, in order
    updated: int = 0  # documents stored before under the same id that said something else (corrections)
    aborted: str | None = None  # why the batch stopped before its last file, or None
    _seen: set[str] = field(default_factory=set, repr=False, compare=False)

    def __str__(self) -> str:
        updated = f"{self.updated} updated, " if self.updated else ""
        return f"{self.new} new, {updated}{self.unchanged} unchanged, {len(self.failed)} failed"


def ingest(specs: list[str], store: DocumentSink, on_progress: Progress | None = None,
           read: Callable[[str], list[Document]] = read_file) -> IngestSummary:
    """Read every file named by ``specs`` and add its documents to ``store``. ``read`` reads one
    file (default :func:`read_file`; :func:`counterclaim.scale.cluster_reader` reads on Dask)."""
    paths = expand_inputs(specs)
    summary = IngestSummary()
    try:
        for done, path in enumerate(paths, 1):
            _ingest_file(path, store, summary, read)
            if on_progress is not None:
                on_progress(done, len(paths), path)
    except StoreError as exc:
        summary.aborted = f"the store failed: {exc}"
    except KeyboardInterrupt:
        summary.aborted = "interrupted; every document stored so far is whole, and a rerun adds the rest"
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
        _store(path, doc, store, summary)


def _store(path: str, doc: Document, store: DocumentSink, summary: IngestSummary) -> None:
    """Store one document; a document the store refuses is a failure of its file, not of the batch."""
    try:
        outcome = store.put_document(doc)
    except InputError as exc:
        summary.failed.append(exc)
        return
    except StoreError:
        raise
    except Exception as exc:  # a bug in storing one document must not cost the rest of the batch
        summary.failed.append(InputError(display(path), f"cannot store document {doc.id!r} ({type(exc).__name__}: "
                                                        f"{exc}); please report this bug"))
        return
    setattr(summary, outcome, getattr(summary, outcome) + 1)
    if doc.id not in summary._seen:
        summary._seen.add(doc.id)
        summary.documents.append(doc.id)
