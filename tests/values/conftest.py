"""Fixtures for the value-extractor tests (quantities, places, times)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "../shared"


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """``../shared/eval``; the test skips when the shared data is absent."""
    path = SHARED / "eval"
    if not path.exists():
        pytest.skip("../shared/eval is absent")
    return path


@pytest.fixture(scope="session")
def gazetteer():
    """The gazetteer index, built once for the session (a few seconds)."""
    from counterclaim.extract.places import gazetteer as build

    return build()
