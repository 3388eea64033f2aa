"""Fuzzing every reader through to the store: read, insert, extract (issue #13, "make it permanent" 1).

For each reader (text, Markdown, HTML, JSON, JSON Lines, RSS/Atom, Telegram export),
hypothesis draws generated and mutated files (``fuzz_inputs``). Each goes through what
``counterclaim ingest`` and ``extract`` do: ``read_file``, ``Store.put_document`` and a
read back, then extraction and ``Store.replace_claims`` for a sample. Nothing may raise
except :class:`InputError`, and an InputError must name the file and give a reason of our
own (never "please report this bug"). Every stored claim's spans must match the stored
text. Time and memory per input are bounded: read and store within ``READ_SECONDS``,
extraction within ``EXTRACT_SECONDS``, and no input may raise the process's peak memory
by more than ``PEAK_STEP_MB``.

Extraction runs about 1.3k words/s, so it gets a bounded share: every document of at
most ``EXTRACT_MAX_CHARS`` characters among every ``FUZZ_EXTRACT_EVERY`` stored, plus every long mixed-script text (``FUZZ_LONG`` of them, up to
``FUZZ_LONG_WORDS`` words each, all extracted).

CI runs 500 inputs per reader (derandomised, so a run is repeatable), extracts 1 stored
document in 25 and 10 long texts of up to 400 words; ``make fuzz`` runs 10,000 per reader
with fresh random inputs, extracts 1 in 20 and 200 long texts of up to 2,000 words.
``FUZZ_REPORT=path.json`` writes the figures (docs/RELIABILITY.md quotes the last run).
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections import Counter

import pytest
from fuzz_inputs import long_texts, reader_inputs
from hypothesis import HealthCheck, given, settings

from counterclaim.errors import InputError
from counterclaim.ingest import read_file
from counterclaim.ingest.document import PartialRead
from counterclaim.models import Document
from counterclaim.store import Store
from counterclaim.store.rows import version

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "500"))  # per reader
LONG = int(os.environ.get("FUZZ_LONG", "10"))
LONG_WORDS = int(os.environ.get("FUZZ_LONG_WORDS", "400"))
EXTRACT_EVERY = int(os.environ.get("FUZZ_EXTRACT_EVERY", "25"))
EXTRACT_MAX_CHARS = 5000
READ_SECONDS, EXTRACT_SECONDS, PEAK_STEP_MB = 30.0, 120.0, 512
READERS = reader_inputs()


def fuzz_settings(examples: int):
    return settings(max_examples=examples, deadline=None, database=None, derandomize=EXAMPLES <= 500,
                    suppress_health_check=list(HealthCheck))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    read_file("warm-up.json", b'{"text": "He said so.", "published": "12 May 2023"}')  # dateparser loads once, ~8 s
    with Store.open(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}") as store:
        yield store


@pytest.fixture(scope="module")
def figures():
    """Counters per reader, written to ``FUZZ_REPORT`` at the end of the module."""
    found: dict = {"examples_per_reader": EXAMPLES, "readers": {}, "max_read_seconds": 0.0,
                   "max_extract_seconds": 0.0, "max_peak_step_mb": 0.0, "extract_every": EXTRACT_EVERY}
    yield found
    found["peak_mb"] = round(peak_mb())
    if os.environ.get("FUZZ_REPORT"):
        with open(os.environ["FUZZ_REPORT"], "w") as handle:
            json.dump(found, handle, indent=1, default=dict)


@pytest.fixture(scope="module")
def extractor():
    """``extract(doc) -> claims``, warmed up: loading the models is not an input's time or memory."""
    from counterclaim.extract import extract_many

    def extract(doc: Document):
        return next(extract_many([doc]))[1]

    extract(Document(id="warm-up", text="The ministry said on Friday that 40 soldiers had been killed near Kyiv."))
    return extract


def check_error(exc: InputError, path: str) -> None:
    """An InputError that names the file and gives our own reason."""
    assert exc.path == path and exc.reason.strip(), exc
    assert "please report this bug" not in exc.reason, exc
    str(exc).encode("utf-8")  # printable on any terminal


def sampled(doc: Document, counts: Counter) -> bool:
    """Every ``EXTRACT_EVERY``-th stored document that is short enough, starting with the first."""
    return len(doc.text) <= EXTRACT_MAX_CHARS and counts["documents"] % EXTRACT_EVERY == 1


def through(store: Store, extract, counts: Counter, figures: dict, path: str, data: bytes,
            extract_all: bool = False) -> None:
    """One input through read, store, read back and (sampled) extraction, with the checks of the module."""
    before, start = peak_mb(), time.perf_counter()
    counts["inputs"] += 1
    try:
        docs = read_file(path, data)
    except PartialRead as exc:
        check_error(exc, path)
        docs, counts["partial"] = exc.documents, counts["partial"] + 1
    except InputError as exc:
        check_error(exc, path)
        docs, counts["refused"] = [], counts["refused"] + 1
    chosen = [doc for doc in docs if store_one(store, doc, path, counts) and (extract_all or sampled(doc, counts))]
    elapsed = time.perf_counter() - start
    if elapsed > figures["max_read_seconds"]:
        figures.update(max_read_seconds=elapsed, slowest_read={"path": path, "bytes": len(data), "head": repr(data[:200])})
    assert elapsed < READ_SECONDS, f"{path}: read and store took {elapsed:.1f} s"
    for doc in chosen:
        extract_one(store, extract, doc, counts, figures)
    figures["max_peak_step_mb"] = max(figures["max_peak_step_mb"], step := peak_mb() - before)
    assert step < PEAK_STEP_MB, f"{path}: peak memory rose by {step:.0f} MB"


def store_one(store: Store, doc: Document, path: str, counts: Counter) -> bool:
    try:
        store.put_document(doc)
    except InputError as exc:
        check_error(exc, path)
        counts["not_stored"] += 1
        return False
    back = store.get_document(doc.id)
    assert (back.text, back.title, back.outlet, back.url) == (doc.text, doc.title, doc.outlet, doc.url)
    counts["documents"] += 1
    return True


def extract_one(store: Store, extract, doc: Document, counts: Counter, figures: dict) -> None:
    start = time.perf_counter()
    claims = extract(doc)
    assert store.replace_claims(doc.id, claims, version=version(doc))
    figures["max_extract_seconds"] = max(figures["max_extract_seconds"], elapsed := time.perf_counter() - start)
    assert elapsed < EXTRACT_SECONDS, f"{doc.id}: extraction took {elapsed:.1f} s for {len(doc.text)} characters"
    for claim in store.claims(doc.id):
        for span in (claim.content, claim.cue, claim.sentence, claim.speaker.mention):
            if span is not None:
                assert doc.text[span.start:span.end] == span.text
    counts["extracted"] += 1
    counts["claims"] += len(claims)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_reader_through_to_the_store(reader: str, fuzz_store, extractor, figures) -> None:
    counts: Counter = figures["readers"].setdefault(reader, Counter())

    @fuzz_settings(EXAMPLES)
    @given(READERS[reader])
    def run(item: tuple[str, bytes]) -> None:
        through(fuzz_store, extractor, counts, figures, *item)

    run()
    assert counts["inputs"] >= EXAMPLES and counts["documents"] > 0
    if EXAMPLES >= 100:
        assert counts["extracted"] > 0


def test_long_unpunctuated_mixed_script_text_with_controls_and_bidi(fuzz_store, extractor, figures) -> None:
    counts: Counter = figures["readers"].setdefault("long mixed-script text", Counter())

    @fuzz_settings(LONG)
    @given(long_texts(max_words=LONG_WORDS))
    def run(text: str) -> None:
        through(fuzz_store, extractor, counts, figures, "long.txt", text.encode("utf-8", "surrogatepass"),
                extract_all=True)
        through(fuzz_store, extractor, counts, figures, "long.json",
                json.dumps({"text": text, "title": text[:200]}).encode(), extract_all=True)

    run()
    assert counts["extracted"] > 0
