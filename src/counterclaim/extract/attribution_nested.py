"""Reports inside reports: a claim whose content itself reports someone else's claim.

"Danilov said it is nonsense for Peskov to claim that the explosion was sabotage" holds two
claims: Peskov asserts that the explosion was sabotage, and Danilov *denies* it (the rejected
proposition is his content, as the evaluation gold writes denials). "The Kremlin blamed Kyiv,
saying it was trying to distract from a counteroffensive Moscow says is faltering" holds
Moscow's claim that the counteroffensive is faltering (a relative clause: the content is the
noun it describes with the clause). Words inside quotation marks are the quoted speaker's own
and are left alone.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from counterclaim.extract.attribution import Attribution
from counterclaim.extract.attribution_bounds import _inside_quotes, strip_complementiser
from counterclaim.extract.stance import content_declares_false

REPORTING = {"say", "claim", "allege", "insist", "tell", "state", "report", "announce", "assert", "maintain",
             "write", "argue", "contend"}
NOT_SPEAKERS = {"he", "she", "they", "we", "i", "you", "it", "who", "which", "that"}


def _inner(verb: Token) -> tuple[Span, Span] | None:
    """(source, content) of a report made by ``verb`` inside another content, or None."""
    doc = verb.doc
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ in NOT_SPEAKERS or subj.pos_ not in ("PROPN", "NOUN"):
        return None
    source = doc[subj.left_edge.i: subj.right_edge.i + 1]
    if verb.dep_ == "relcl" and verb.head.pos_ not in ("VERB", "AUX"):  # "a counteroffensive Moscow says is faltering"
        head, end = verb.head, verb.right_edge.i + 1
        if not any(c.dep_ == "ccomp" for c in verb.children):  # the parser hung "is faltering" elsewhere
            while end < verb.sent.end and not doc[end].is_punct:
                end += 1
        return source, doc[head.left_edge.i: end]
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is None:
        return None
    return source, strip_complementiser(doc[comp.left_edge.i: comp.right_edge.i + 1])


def _outer_cue(a: Attribution) -> Span:
    """The cue of an attribution whose tagged cue is a report nested inside its own content
    ("saying it ... a counteroffensive Moscow says is faltering": "saying", not "says")."""
    cue, content = a.cue, a.content
    verb = cue.root
    inside = content.start <= cue.start and cue.end <= content.end
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if not inside or verb.dep_ not in ("relcl", "ccomp") or subj is None or not content.start <= subj.i < content.end:
        return cue
    top = next((t for t in content if not (content.start <= t.head.i < content.end)), None)
    if top is None or top.head.pos_ != "VERB" or top.head.i == top.i:
        return cue
    return cue.doc[top.head.i: top.head.i + 1]


def _rejects(outer: Span, inner: Span) -> bool:
    """Whether the outer content, outside the inner claim, declares it false ("it is nonsense for")."""
    doc = outer.doc
    rest = doc[outer.start: inner.start].text + " " + doc[inner.end: outer.end].text
    return content_declares_false(rest)


def nested_reports(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """Add the reports nested in unquoted contents; a content that rejects the report it holds
    becomes the rejected proposition, denied."""
    new: list[Attribution] = []
    for a in found:
        if a.cue is None:
            continue
        a.cue = _outer_cue(a)
        for verb in a.content:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in REPORTING or _inside_quotes(doc, verb.i):
                continue
            found_inner = _inner(verb)
            if found_inner is None:
                continue
            source, content = found_inner
            if len(content) < 3 or any(b.content.start == content.start and b.content.end == content.end
                                       for b in found + new):
                continue
            new.append(Attribution(source=source, cue=doc[verb.i: verb.i + 1], content=content, method="rules:nested"))
            if _rejects(a.content, content) and verb.dep_ != "relcl":
                a.content, a.denies = content, True
            break
    return found + new
