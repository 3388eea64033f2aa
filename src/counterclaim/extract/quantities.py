"""Quantities in claim text as intervals ("more than 1,000 soldiers" -> at_least 1000)."""

from __future__ import annotations

from counterclaim.models import Quantity


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, with absolute offsets."""
    return []
