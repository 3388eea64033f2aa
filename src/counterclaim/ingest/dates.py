"""Publication times as timezone-aware datetimes.

A time without a zone is taken to be UTC: sources rarely say, and a fixed rule keeps
re-ingesting a file idempotent (a guess from the local clock would not be).
Relative phrases ("yesterday") are refused: they depend on when the file is read.
"""

from __future__ import annotations

import email.utils
from datetime import UTC, date, datetime

import dateparser

_DATEPARSER_SETTINGS = {
    "TIMEZONE": "UTC",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["year", "month"],  # "May 12" alone would borrow this year from the clock
    "PREFER_DAY_OF_MONTH": "first",
}


def aware(value: datetime) -> datetime:
    """``value`` with a zone: naive times are taken as UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def parse_time(value: object) -> datetime | None:
    """A datetime from an ISO 8601 / RFC 2822 / free-form date string, a date, or Unix seconds; None if unreadable."""
    if isinstance(value, datetime):
        return aware(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_unix(value)
    if isinstance(value, str) and value.strip():
        return _parse_string(value.strip())
    return None


def from_unix(seconds: object) -> datetime | None:
    """A UTC datetime from Unix seconds (int, float or digit string); None if not a sane timestamp."""
    try:
        return datetime.fromtimestamp(float(seconds), tz=UTC)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _parse_string(text: str) -> datetime | None:
    for parse in (_iso, _rfc2822, _free_form):
        result = parse(text)
        if result is not None:
            return aware(result)
    return None


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _rfc2822(text: str) -> datetime | None:
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _free_form(text: str) -> datetime | None:
    if len(text) > 100 or not any(c.isdigit() for c in text):  # a date has at least a year
        return None
    try:
        return dateparser.parse(text, settings=_DATEPARSER_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd input; unreadable is all we need to know
        return None
