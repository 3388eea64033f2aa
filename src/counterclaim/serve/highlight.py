"""Source text with claims highlighted, as safe HTML built from character spans.

The text is untrusted (article text, names); every piece of it goes through
:func:`markupsafe.escape`, and only the ``<mark>`` tags we write ourselves are
markup. Overlapping spans are handled by cutting the text at every span
boundary: each piece is wrapped in one ``<mark>`` for the innermost span that
covers it, so the output is always well nested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from counterclaim.models import Claim, Span


@dataclass(frozen=True)
class Mark:
    """A span to highlight: its range, CSS classes, tooltip, and the claim it belongs to (for anchors)."""

    start: int
    end: int
    classes: str
    title: str
    claim_id: str | None = None


def claim_title(claim: Claim) -> str:
    """The tooltip of a claim: speaker, side and stance."""
    return f"{claim.speaker.name} ({claim.speaker.side}) {claim.stance}"


def claim_marks(claim: Claim) -> list[Mark]:
    """The content, speaker mention and cue of a claim as marks (the content carries the anchor)."""
    side = claim.speaker.side
    title = claim_title(claim)
    marks = [Mark(claim.content.start, claim.content.end, f"claim side-{side} stance-{claim.stance}", title, claim.id)]
    if claim.speaker.mention:
        m = claim.speaker.mention
        marks.append(Mark(m.start, m.end, f"speaker side-{side}", f"speaker: {claim.speaker.name} ({side})"))
    if claim.cue:
        marks.append(Mark(claim.cue.start, claim.cue.end, "cue", f"cue: {claim.cue.text}"))
    return marks


def _innermost(marks: list[Mark], a: int, b: int) -> Mark | None:
    covering = [m for m in marks if m.start <= a and b <= m.end]
    return min(covering, key=lambda m: (m.end - m.start, m.start)) if covering else None


def render(text: str, marks: list[Mark], offset: int = 0) -> Markup:
    """``text`` (which starts at ``offset`` in its document) as escaped HTML with ``marks`` highlighted."""
    end = offset + len(text)
    marks = [Mark(max(m.start, offset), min(m.end, end), m.classes, m.title, m.claim_id)
             for m in marks if m.start < end and m.end > offset and m.end > m.start]
    cuts = sorted({offset, end, *(m.start for m in marks), *(m.end for m in marks)})
    pieces, anchored = [], set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[a - offset:b - offset])
        mark = _innermost(marks, a, b)
        if mark is None:
            pieces.append(piece)
            continue
        anchor = ""
        if mark.claim_id and mark.claim_id not in anchored:
            anchored.add(mark.claim_id)
            anchor = Markup(' id="{}"').format(mark.claim_id)
        pieces.append(Markup('<mark class="{}" title="{}"{}>{}</mark>').format(mark.classes, mark.title, anchor, piece))
    return Markup("").join(pieces)


def document_html(text: str, claims: list[Claim]) -> Markup:
    """A whole document with every claim's content, speaker and cue highlighted."""
    return render(text, [m for c in claims for m in claim_marks(c)])


def sentence_html(text: str, claim: Claim) -> Markup:
    """The claim's source sentence (or its content when no sentence was recorded) with the claim highlighted."""
    span: Span = claim.sentence or claim.content
    start = min(span.start, claim.content.start, claim.speaker.mention.start if claim.speaker.mention else span.start)
    stop = max(span.end, claim.content.end)
    return render(text[start:stop], claim_marks(claim), offset=start)


_MATCH = re.compile(r"\[([^\[\]]*)\]")


def snippet_html(snippet: str) -> Markup:
    """A search snippet whose ``[match]`` markers (from ``Store.search``) become ``<mark>``; all text escaped."""
    pieces, at = [], 0
    for m in _MATCH.finditer(snippet):
        pieces.append(escape(snippet[at:m.start()]))
        pieces.append(Markup('<mark class="hit">{}</mark>').format(m.group(1)))
        at = m.end()
    pieces.append(escape(snippet[at:]))
    return Markup("").join(pieces)
