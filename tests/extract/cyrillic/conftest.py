"""Fixtures for the Russian and Ukrainian extraction tests."""

from __future__ import annotations

import pytest
from cyr_helpers import make_doc


@pytest.fixture(scope="session")
def cyr():
    """``cyr(text, **document fields) -> list[Claim]`` through the Cyrillic pipeline."""
    from counterclaim.extract.cyrillic import extract_cyrillic

    def run(text: str, **kw):
        return extract_cyrillic(make_doc(text, **kw))

    return run
