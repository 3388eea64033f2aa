"""Hand-built claims for linking tests: write the article text, say who says which part of it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from counterclaim.models import Claim, Document, Place, Quantity, Span, Speaker, TimeRange

SHARED = Path(__file__).resolve().parents[2] / "../shared"
COORDS = {"Bakhmut": (48.594, 37.999), "Soledar": (48.684, 38.090), "Kherson": (46.636, 32.617),
          "Avdiivka": (48.139, 37.743)}


def day(value: str) -> TimeRange:
    start = datetime.fromisoformat(value)
    return TimeRange(earliest=start, latest=start.replace(hour=23, minute=59), granularity="day")


def make_claim(content: str, speaker: str = "Russian Ministry of Defence", side: str = "russia", *,
               doc: str = "doc-1", when: str | None = "2023-05-11", places: tuple[str, ...] = ("Bakhmut",),
               quantities: tuple[tuple[str, float, str | None, str], ...] = (), stance: str = "asserts",
               organisation: str | None = None, actor_id: str | None = None) -> Claim:
    """A claim whose content is ``content`` (offset 0 of its own document text).

    ``quantities`` are ``(text as written, value, unit, bound)``; the text must occur in ``content``.
    """
    span = Span(text=content, start=0, end=len(content))
    found_places = []
    for name in places:
        at = content.find(name)
        at_span = Span(text=name, start=at, end=at + len(name)) if at >= 0 else Span(text="", start=0, end=0)
        lat, lon = COORDS.get(name, (None, None))
        found_places.append(Place(span=at_span, name=name, lat=lat, lon=lon))
    qs = []
    for text, value, unit, bound in quantities:
        at = content.index(text)
        low = value if bound in ("exact", "at_least") else None
        high = value if bound in ("exact", "at_most") else None
        qs.append(Quantity(span=Span(text=text, start=at, end=at + len(text)), value=value, low=low, high=high,
                           unit=unit, counted=None if unit else "soldiers", bound=bound))
    who = Speaker(name=speaker, side=side, organisation=organisation, actor_id=actor_id)
    return Claim(id=Claim.make_id(doc, speaker, span, stance), document_id=doc, speaker=who, content=span,
                 stance=stance, quantities=qs, places=found_places, when=day(when) if when else None,
                 said_at=day("2023-05-12"))


def make_document(doc_id: str, text: str, outlet: str = "Outlet") -> Document:
    return Document(id=doc_id, text=text, outlet=outlet, published=datetime(2023, 5, 12))


@pytest.fixture(scope="session")
def claim():
    return make_claim


@pytest.fixture(scope="session")
def seed():
    """The seed article's gold claims as Claims (skips when ../shared is absent)."""
    gold = SHARED / "eval" / "seed"
    if not gold.exists():
        pytest.skip("../shared/eval/seed is absent")
    from counterclaim.link.gold import load_gold

    [(doc, claims)] = load_gold(gold)
    return doc, claims


@pytest.fixture(scope="session")
def document():
    return make_document
