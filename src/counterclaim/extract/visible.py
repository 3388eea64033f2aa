"""The visible text of a document, for matching, with the way back to the stored offsets.

Zero-width spaces and joiners, soft hyphens, word joiners, byte-order marks and bidi
controls (Unicode's "format" characters, category Cf) change nothing a reader sees, but
they cut a word in two for a tokenizer or a lexicon: ``Kyiv\\u200b`` is not ``Kyiv``.
Scraped pages carry them by accident and hostile channels on purpose. Extraction runs
on the text without them, and :meth:`View.original` maps every span of the result back
onto the text as stored, so ``Document.text[span.start:span.end] == span.text`` holds.
A span keeps the invisible characters inside it and never starts or ends on one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from pydantic import BaseModel

from counterclaim.models import Claim, Span


def invisible(ch: str) -> bool:
    """A character with no glyph and no width that only steers rendering (category Cf)."""
    return unicodedata.category(ch) == "Cf"


@dataclass(frozen=True)
class View:
    """``text`` without invisible characters; ``offsets[i]`` is where its ``i``-th character is in ``stored``."""

    stored: str
    text: str
    offsets: tuple[int, ...] | None  # None: nothing was removed, offsets are the same

    @classmethod
    def of(cls, stored: str) -> View:
        if not any(invisible(ch) for ch in stored):
            return cls(stored, stored, None)
        kept = tuple(i for i, ch in enumerate(stored) if not invisible(ch))
        return cls(stored, "".join(stored[i] for i in kept), kept)

    def span(self, span: Span) -> Span:
        """``span`` (offsets into :attr:`text`) as offsets into :attr:`stored`."""
        if self.offsets is None:
            return span
        start = self.offsets[span.start] if span.start < len(self.offsets) else len(self.stored)
        end = self.offsets[span.end - 1] + 1 if span.end > span.start else start
        return Span.of(self.stored, start, end)

    def original(self, claim: Claim) -> Claim:
        """``claim`` found in :attr:`text`, with every span moved onto :attr:`stored` and its id to match."""
        if self.offsets is None:
            return claim
        moved = self._move(claim)
        return moved.model_copy(update={"id": Claim.make_id(moved.document_id, moved.speaker.name, moved.content,
                                                            moved.stance)})

    def _move(self, value):
        """Every :class:`Span` inside ``value`` (a model, a list, or a plain value) moved onto :attr:`stored`."""
        if isinstance(value, Span):
            return self.span(value)
        if isinstance(value, BaseModel):
            return value.model_copy(update={name: self._move(getattr(value, name)) for name in type(value).model_fields})
        if isinstance(value, list):
            return [self._move(item) for item in value]
        return value
