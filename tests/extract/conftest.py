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


def claims_by(claims, word: str):
    """The claims whose speaker (canonical name or mention) contains ``word``."""
    word = word.lower()
    return [c for c in claims
            if word in c.speaker.name.lower() or (c.speaker.mention and word in c.speaker.mention.text.lower())]


def one_claim(claims, word: str, content_part: str):
    """The first claim by ``word`` whose content contains ``content_part`` (fails when there is none)."""
    found = [c for c in claims_by(claims, word) if content_part in c.content.text]
    assert found, f"no claim by {word!r} about {content_part!r} in {[(c.speaker.name, c.content.text) for c in claims]}"
    return found[0]


@pytest.fixture(scope="session")
def by():
    """``by(claims, word)``: the claims whose speaker contains ``word``."""
    return claims_by


@pytest.fixture(scope="session")
def one():
    """``one(claims, word, content_part)``: the claim by ``word`` about ``content_part``."""
    return one_claim
