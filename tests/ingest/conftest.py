"""Fixtures for the ingest tests: the fixture folder and a tiny in-memory store."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.models import Document
from counterclaim.store.rows import version

FIXTURES = Path(__file__).resolve().parent / "fixtures"


class MemoryStore:
    """Stands in for ``counterclaim.store.Store`` where only ``put_document`` matters: documents by id,
    a new version when the text, title, outlet, url or publication time differ."""

    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}
        self.calls: list[str] = []

    def put_document(self, doc: Document) -> str:
        self.calls.append(doc.id)
        old = self.docs.get(doc.id)
        self.docs[doc.id] = doc if old is None or version(old) != version(doc) else old
        return "new" if old is None else "unchanged" if version(old) == version(doc) else "updated"


@pytest.fixture
def memory_store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
