"""Fixtures for the ingest tests: the fixture folder and a tiny in-memory store."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.models import Document

FIXTURES = Path(__file__).resolve().parent / "fixtures"


class MemoryStore:
    """Stands in for ``counterclaim.store.Store`` where only ``add_document`` matters."""

    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}
        self.calls: list[str] = []

    def add_document(self, doc: Document) -> bool:
        self.calls.append(doc.id)
        if doc.content_hash in self.docs:
            return False
        self.docs[doc.content_hash] = doc
        return True


@pytest.fixture
def memory_store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
