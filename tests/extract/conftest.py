"""Fixtures for the extraction tests: the spaCy pipeline is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.models import Document

SHARED = Path(__file__).resolve().parents[2] / "../shared"


@pytest.fixture(scope="session")
def nlp():
    """The extraction pipeline (English model + attribution component), loaded once."""
    from counterclaim.extract.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def extract(nlp):
    """``extract(text, outlet=None) -> list[Claim]`` on a hand-written document."""
    from counterclaim.extract import extract_claims

    def run(text: str, outlet: str | None = None):
        return extract_claims(Document(id=Document.make_id(text, outlet), text=text, outlet=outlet))

    return run


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """``../shared/eval`` next to the repository, or skip."""
    path = SHARED / "eval"
    if not (path / "score.py").exists():
        pytest.skip("../shared/eval is not available")
    return path.resolve()
