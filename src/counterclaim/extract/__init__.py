"""counterclaim.extract: Documents -> Claims.

``extract_claims(doc)`` runs the whole extraction for one document;
``extract_many(docs)`` does the same for many, batched through ``nlp.pipe``.
Both load the spaCy pipeline lazily, once per process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["extract_claims", "extract_many"]

if TYPE_CHECKING:
    from counterclaim.extract.attribution_claims import extract_claims, extract_many


def __getattr__(name: str):
    """Import the pipeline only when first used (``counterclaim --help`` stays fast)."""
    if name in __all__:
        from counterclaim.extract import attribution_claims

        return getattr(attribution_claims, name)
    raise AttributeError(f"module 'counterclaim.extract' has no attribute {name!r}")
