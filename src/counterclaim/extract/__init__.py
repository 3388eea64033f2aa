"""counterclaim.extract: Documents -> Claims.

``extract_claims(doc)`` runs the whole extraction for one document;
``extract_many(docs)`` does the same for many, batched through ``nlp.pipe``.
Both route by language (:mod:`counterclaim.extract.routing`): English documents go
through the spaCy pipeline, loaded lazily once per process; Russian and Ukrainian
ones through :mod:`counterclaim.extract.cyrillic`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["extract_claims", "extract_many"]

if TYPE_CHECKING:
    from counterclaim.extract.routing import extract_claims, extract_many


def __getattr__(name: str):
    """Import the pipeline only when first used (``counterclaim --help`` stays fast)."""
    if name in __all__:
        from counterclaim.extract import routing

        return getattr(routing, name)
    raise AttributeError(f"module 'counterclaim.extract' has no attribute {name!r}")
