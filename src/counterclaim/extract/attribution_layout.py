"""Layouts of online news that carry attribution in labels rather than in sentences.

Ukrainian and other online outlets set reported speech apart with labels:

    Source: <name> on the national newscast
    Quote from <name>: "S1. S2.
    S3. S4."
    Details: <name> confirmed that ...

"Quote from X:" (or a bare "Quote:" after a "Source: X" line) makes everything inside the
quotation that follows X's words, across paragraphs until the quotation closes (such quotations
do not reopen at each paragraph). :func:`labelled_quotes` gives each quoted paragraph to X as one
attribution and drops what the tagger read inside the quotation as someone else's (the quoted
person's "I", "this", "the available information" are not speakers).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from counterclaim.extract.attribution import Attribution

QUOTE_LABELS = {"quote", "quotes", "quoting"}
SOURCE_LABELS = {"source", "sources"}
OPEN_MARKS = {'"', "“", "«", "„"}
CLOSE_MARKS = {'"', "”", "»"}
NAME_STOPS = {"on", "in", "at", "during", "via", "for", "to", "from", "with", "citing"}
MAX_PARAGRAPHS = 12  # a labelled quotation that never closes stops here
MAX_LABEL_WORDS = 8


def _trim(doc: Doc, start: int, end: int) -> Span | None:
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct and doc[end - 1].text not in {")", "]"}):
        end -= 1
    return doc[start:end] if start < end else None


def _colon(para: list[Token]) -> Token | None:
    return next((t for t in para[1:MAX_LABEL_WORDS + 1] if t.text == ":"), None)


def source_line_name(para: list[Token]) -> Span | None:
    """The name on a "Source: NAME on the newscast" line (up to the first preposition of medium)."""
    if para[0].lower_ not in SOURCE_LABELS or len(para) < 3 or para[1].text != ":":
        return None
    end = next((t.i for t in para[2:] if t.lower_ in NAME_STOPS), para[-1].i + 1)
    return _trim(para[0].doc, para[2].i, end)


def _quote_label(para: list[Token], source: Span | None) -> tuple[Span, Span, Token] | None:
    """(speaker, label, opening mark) of a "Quote from X:" / "Quote:" paragraph, else None."""
    colon = _colon(para)
    if para[0].lower_ not in QUOTE_LABELS or colon is None:
        return None
    doc = para[0].doc
    after = [t for t in para if t.i > colon.i]
    if not after or after[0].text not in OPEN_MARKS:
        return None
    named = _trim(doc, para[2].i, colon.i) if len(para) > 2 and para[1].lower_ == "from" else None
    speaker = named or source
    if speaker is None:
        return None
    return speaker, doc[para[0].i: colon.i], after[0]


def _quoted_paragraphs(paras: list[list[Token]], k: int, mark: Token) -> list[Span]:
    """The paragraphs of the quotation opened by ``mark`` in paragraph ``k``, each as a span
    without the quotation marks, up to the closing mark."""
    doc = mark.doc
    out: list[Span] = []
    start = mark.i + 1
    for para in paras[k: k + MAX_PARAGRAPHS]:
        first = max(start, para[0].i)
        close = next((t.i for t in para if t.i >= first and t.text in CLOSE_MARKS), None)
        piece = _trim(doc, first, close if close is not None else para[-1].i + 1)
        if piece is not None:
            out.append(piece)
        if close is not None:
            break
    return out


def _inside(a: Attribution, regions: list[Span]) -> bool:
    """An attribution read inside a quotation: its content, and its cue if it has one, lie there."""
    def within(span: Span) -> bool:
        return any(r.start <= span.start and span.end <= r.end + 1 for r in regions)
    return within(a.content) and (a.cue is None or within(a.cue) or a.source is None or within(a.source))


def labelled_quotes(doc: Doc, paras: list[list[Token]], found: list[Attribution]) -> list[Attribution]:
    """Quotations introduced by "Quote from X:" (or "Quote:" after "Source: X") are X's words."""
    source: Span | None = None
    for k, para in enumerate(paras):
        named = source_line_name(para)
        if named is not None:
            source = named
            continue
        label = _quote_label(para, source)
        if label is None:
            continue
        speaker, cue, mark = label
        pieces = _quoted_paragraphs(paras, k, mark)
        found = [a for a in found if not _inside(a, pieces)
                 and not (a.cue is not None and cue.start <= a.cue.start < cue.end)]
        found.extend(Attribution(source=speaker, cue=cue, content=piece, method="rules:labelled-quote")
                     for piece in pieces)
    return found
