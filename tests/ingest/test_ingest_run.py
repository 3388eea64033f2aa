"""ingest(): the batch as a whole, against an in-memory store."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from counterclaim.errors import InputError
from counterclaim.ingest import IngestSummary, ingest
from counterclaim.ingest.document import PartialRead

GOOD_DOCUMENTS = 17  # documents in fixtures/good (see test_ingest_readers for each file)


def test_a_folder_of_good_and_broken_files(fixtures: Path, memory_store) -> None:
    summary = ingest([str(fixtures)], memory_store)
    assert isinstance(summary, IngestSummary)
    assert summary.new == GOOD_DOCUMENTS + 2  # + the two good lines of broken/mixed.jsonl
    assert summary.unchanged == 0
    failed = {os.path.basename(e.path): e for e in summary.failed}
    assert set(failed) == set(os.listdir(fixtures / "broken"))
    assert all(isinstance(e, InputError) for e in summary.failed)
    assert isinstance(failed["mixed.jsonl"], PartialRead)
    assert len(summary.documents) == len(memory_store.docs) == summary.new


def test_second_run_changes_nothing(fixtures: Path, memory_store) -> None:
    first = ingest([str(fixtures / "good")], memory_store)
    second = ingest([str(fixtures / "good")], memory_store)
    assert (second.new, second.unchanged, second.failed) == (0, first.new, [])
    assert second.documents == first.documents
    assert str(second) == f"0 new, {first.new} unchanged, 0 failed"


def test_a_file_that_fails_halfway_stores_none_of_its_documents(tmp_path: Path, memory_store) -> None:
    (tmp_path / "half.json").write_text('[{"text": "First report said this."}, {"title": "no text"}]')
    (tmp_path / "ok.txt").write_text("The later file is still read.")
    summary = ingest([str(tmp_path)], memory_store)
    assert [d.text for d in memory_store.docs.values()] == ["The later file is still read."]
    assert [e.reason for e in summary.failed] == ['item 2: missing "text" (a string); every document needs its text']


def test_progress_is_reported_after_every_file(fixtures: Path, memory_store) -> None:
    calls: list[tuple[int, int, str]] = []
    ingest([str(fixtures / "broken"), str(fixtures / "good/report.txt")], memory_store, lambda *a: calls.append(a))
    total = len(os.listdir(fixtures / "broken")) + 1
    assert [c[:2] for c in calls] == [(i, total) for i in range(1, total + 1)]
    assert calls[-1][2].endswith("report.txt")


def test_the_same_document_in_two_files_is_stored_once(tmp_path: Path, fixtures: Path, memory_store) -> None:
    shutil.copy(fixtures / "good/report.txt", tmp_path / "copy.txt")
    summary = ingest([str(fixtures / "good/report.txt"), str(tmp_path / "copy.txt")], memory_store)
    assert (summary.new, summary.unchanged, len(summary.documents)) == (1, 1, 1)


def test_the_package_exports_the_contract() -> None:
    import counterclaim.ingest as package

    assert sorted(package.__all__) == ["IngestSummary", "expand_inputs", "ingest", "read_file"]
    assert all(callable(getattr(package, name)) for name in package.__all__)
