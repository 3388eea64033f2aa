"""The library behind ``counterclaim analyze`` and ``counterclaim extract``.

``analyze`` reads files, extracts claims and (when the link stage is installed)
links them, without a database; ``extract_stored`` runs extraction over the
documents in a store that have not been extracted yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from counterclaim.errors import InputError
from counterclaim.models import Claim, Document, Event, Relation

Progress = Callable[[int, int, str], None]


@dataclass
class AnalyzeResult:
    """Documents with their claims, the links between claims, and the files that failed."""

    results: list[tuple[Document, list[Claim]]] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)


def read_documents(specs: list[str]) -> tuple[list[Document], list[InputError]]:
    """Every document in the named files, folders and globs, with the files that could not be read
    (the good documents of a partly read file are kept, as ingest keeps them)."""
    from counterclaim.ingest import expand_inputs, read_file
    from counterclaim.ingest.document import PartialRead

    docs, failed = [], []
    for path in expand_inputs(specs):
        try:
            docs.extend(read_file(path))
        except PartialRead as exc:
            docs.extend(exc.documents)
            failed.append(exc)
        except InputError as exc:
            failed.append(exc)
    return docs, failed


def link_results(results: list[tuple[Document, list[Claim]]]) -> tuple[list[Relation], list[Event]]:
    """Relations and events from the link stage, or none when ``counterclaim.link.link`` is not installed."""
    try:
        from counterclaim.link import link
    except ImportError:
        return [], []
    out = link([c for _, claims in results for c in claims], documents={d.id: d for d, _ in results})
    return list(out.relations), list(out.events)


def analyze(specs: list[str], store=None, on_progress: Progress | None = None,
            spans: str | None = None) -> AnalyzeResult:
    """Read, extract and link; with a ``store``, also keep the documents and their claims.
    ``spans``: the span convention ("claim" or "polnear"; default from the settings)."""
    from counterclaim.extract import extract_many

    docs, failed = read_documents(specs)
    result = AnalyzeResult(failed=failed)
    for n, (doc, claims) in enumerate(extract_many(docs, spans), start=1):
        result.results.append((doc, claims))
        if store is not None:
            store.add_document(doc)
            store.replace_claims(doc.id, claims)
        if on_progress:
            on_progress(n, len(docs), doc.id)
    result.relations, result.events = link_results(result.results)
    return result


Runner = Callable[[Iterable[Document]], Iterator[tuple[str, list[Claim]]]]


def serial_runner(docs: Iterable[Document]) -> Iterator[tuple[str, list[Claim]]]:
    """Extract in this process, batched through ``nlp.pipe``: ``(document id, claims)`` pairs."""
    from counterclaim.extract import extract_many

    return ((doc.id, claims) for doc, claims in extract_many(docs))


def extract_stored(store, everything: bool = False, on_progress: Progress | None = None,
                   runner: Runner = serial_runner) -> int:
    """Extract claims for stored documents not yet extracted (``everything``: all); returns how many.

    ``runner`` does the extraction (this process by default, or a Dask cluster:
    :func:`counterclaim.scale.distributed_extractor`); this function stays the
    only writer, one document's claims per transaction.
    """
    from counterclaim.store.rows import version

    versions: dict[str, str] = {}  # the version each document was read at: a correction since wins

    def read(doc: Document) -> Document:
        versions[doc.id] = version(doc)
        return doc

    if everything:  # the documents are read once, not listed and then fetched again one by one
        stored = store.documents()
        ids, docs = [d.id for d in stored], map(read, stored)
    else:
        ids = store.unextracted_documents()
        docs = (read(store.get_document(i)) for i in ids)
    n = 0
    for n, (doc_id, claims) in enumerate(runner(docs), start=1):
        store.replace_claims(doc_id, claims, version=versions.pop(doc_id, None))
        if on_progress:
            on_progress(n, len(ids), doc_id)
    return n
