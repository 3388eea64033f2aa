"""counterclaim's exceptions. Messages name the input and say how to fix the problem.

    CounterclaimError
    ├── InputError          a file or value we cannot read (names the file and the reason)
    ├── StoreError          the database cannot be opened, migrated or written
    │   └── NotFound        an id that is not in the store
    ├── ModelError          a shipped model or data file is missing or broken
    └── ReviewError         an analyst's review cannot be applied (bad token, unknown relation)

The CLI turns these into ``Error: <message>`` and exit code 1; the HTTP API turns
them into ``{"ok": false, "error": "...", "status": N}``.
"""

from __future__ import annotations


class CounterclaimError(Exception):
    """Base class: anything counterclaim raises on purpose."""

    status = 500


class InputError(CounterclaimError):
    """An input we cannot read. ``str(e)`` is ``"<path>: <reason>"``."""

    status = 400

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(CounterclaimError):
    """The store cannot be opened, migrated or written."""


class NotFound(StoreError):
    """An id that is not in the store."""

    status = 404


class ModelError(CounterclaimError):
    """A shipped model or data file is missing or broken."""


class ReviewError(CounterclaimError):
    """An analyst's review cannot be applied."""

    status = 400
