"""Time expressions in claim text resolved against the publication time."""

from __future__ import annotations

from datetime import datetime

from counterclaim.models import TimeRange


def find_times(text: str, start: int, end: int, anchor: datetime | None) -> list[TimeRange]:
    """Every time expression in ``text[start:end]``, resolved against ``anchor``."""
    return []


def event_time(text: str, start: int, end: int, anchor: datetime | None) -> TimeRange | None:
    """When the event described in ``text[start:end]`` happened, or None."""
    return None
