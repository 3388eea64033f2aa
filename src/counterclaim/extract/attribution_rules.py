"""Linguistic rules over the tagger's attributions: the constructions a token tagger cannot express.

- coordinated speakers: "Both A and B claimed Z" gives one attribution per speaker;
- nominal claims: "claims by X that Z", "X's statement that Z" give X asserts Z; when the
  noun is the object of a verb ("Y was made to deny claims by X that Z") Y's
  attribution takes Z as content (and its stance comes from the verb);
- quote continuation: a paragraph that is only a quotation, after a paragraph whose
  attribution is a quotation, continues that speaker;
- framed reports: "As X reported, S" and "According to X, S" / "S, according to X";
- speech complements: "X told Y that S" with a verb that is nearly always a cue, when the tagger missed it;
- figures: "X put the death toll at 53" (X says the toll is 53);
- accusations: "X accused Kyiv of striking the prison" (X says Kyiv struck it), when the tagger missed it;
- colon headlines: "Name: statement" at the start of a paragraph (not a place or date dateline);
- labelled quotations (:mod:`attribution_layout`): "Quote from X: ..." across paragraphs;
- the outlet's own voice (:mod:`attribution_outlet`): a paragraph without attribution right after
  one in which the publishing outlet is the source ("As Kyiv Post reported, ...") is the outlet's
  reporting;
- cleanup (:mod:`attribution_cleanup`): negated speech, empty contents, things that do not
  speak, "X quoted Y as saying";
- reports inside reports (:mod:`attribution_nested`): "it is nonsense for X to claim that Z";
- span boundaries (:mod:`attribution_bounds`): "adding that" splits, contents without
  "that" and enclosing quotation marks, cues cut down to the speech verb;
- last, factual sentences about the war that no attribution touches are the outlet's own
  statements (:mod:`attribution_outlet`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from counterclaim.extract.attribution import Attribution
from counterclaim.extract.attribution_bounds import refine_all
from counterclaim.extract.attribution_cleanup import apply_cleanup, detached_cues
from counterclaim.extract.attribution_labels import CLOSE_QUOTES, NOT_SPEAKERS, OPEN_QUOTES, quote_states
from counterclaim.extract.attribution_layout import labelled_quotes
from counterclaim.extract.attribution_nested import nested_reports
from counterclaim.extract.attribution_outlet import outlet_statements, outlet_voice

QUOTES = OPEN_QUOTES | CLOSE_QUOTES | {'"', "'", "‘", "’"}
NOMINAL_CUES = {"claim", "statement", "report", "allegation", "assertion", "suggestion", "announcement",
                "assurance", "accusation", "rumor", "rumour", "remark", "insistence", "contention", "charge"}
QUOTES_DOUBLE = OPEN_QUOTES | CLOSE_QUOTES | {'"'}
REPORT_VERBS = {"report", "say", "write", "note", "tell", "announce", "state", "claim", "reveal", "confirm",
                "explain", "put", "suggest", "point", "argue", "predict", "warn", "acknowledge", "insist"}
SPEECH_LEMMAS = REPORT_VERBS | {
    "accord", "add", "allege", "assert", "accuse", "deny", "reject", "dismiss", "refute", "declare", "describe",
    "insist", "maintain", "stress", "emphasize", "emphasise", "admit", "concede", "boast", "brief", "quote",
    "post", "tweet", "publish", "statement", "claim", "comment", "respond", "reply", "answer", "ask", "urge",
    "call", "tell", "estimate", "believe", "think", "elaborate", "continue", "recall", "predict", "vow", "promise",
}
PRECONJ = {"both", "either", "neither"}
SPEAKER_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
EDGE_PUNCT = {",", ";", ":", "-", "—", "–", "(", ")"}


def apply_all(doc: Doc, paras: list[list[Token]], found: list[Attribution],
              trim_to_claim: bool = True) -> list[Attribution]:
    """Every rule in order; the result is sorted by content position (``trim_to_claim``: see
    :func:`attribution_bounds.refine_all`)."""
    regions: dict[int, list] = {}
    found = [extend_quote(a, paras, regions) for a in detached_cues(found)]
    found = [b for a in found for b in split_coordinated(a)]
    found = nominal_claims(doc, found)
    found = framed_reports(doc, found)
    found = speech_complements(doc, found)
    found = figure_statements(doc, found)
    found = accusations(doc, found)
    found = colon_headlines(doc, paras, found)
    found = labelled_quotes(doc, paras, found)
    found = continue_quotes(doc, paras, found)
    found = outlet_voice(doc, paras, found, SPEECH_LEMMAS)
    found = apply_cleanup(doc, found)
    found = nested_reports(doc, found)
    found = refine_all(doc, found, trim_to_claim)
    found = drop_nested(found)
    found = outlet_statements(doc, paras, found)
    return sorted(found, key=lambda a: (a.content.start, a.source.start if a.source is not None else -1))


def drop_nested(found: list[Attribution]) -> list[Attribution]:
    """One claim per cue and speaker: a content inside another content of the same cue and source
    (the tagger's clause and a rule's whole sentence) is the same claim told twice."""
    def key(a: Attribution):
        return (a.cue.start, a.cue.end, a.source.start if a.source is not None else -1) if a.cue is not None else None

    def inside(a: Attribution, b: Attribution) -> bool:
        return b.content.start <= a.content.start and a.content.end <= b.content.end and \
            (a.content.start, a.content.end) != (b.content.start, b.content.end)

    return [a for a in found if key(a) is None or not any(
        b is not a and key(b) == key(a) and inside(a, b) for b in found)]


def trim(doc: Doc, start: int, end: int) -> Span | None:
    """``doc[start:end]`` without edge punctuation, spaces, conjunctions and "both"/"either"."""
    while start < end and (doc[start].is_space or doc[start].text in EDGE_PUNCT
                           or doc[start].lower_ in PRECONJ or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in EDGE_PUNCT | {"."}
                           or doc[end - 1].dep_ == "cc"):
        end -= 1
    return doc[start:end] if start < end else None


# --- quotations ----------------------------------------------------------------------------------

def quote_regions(para: list[Token]) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` inside quotation marks (the marks excluded), as doc indices."""
    states = quote_states(para)
    out, start = [], None
    for k, (tok, inside) in enumerate(zip(para, states, strict=True)):
        mark = tok.text in QUOTES_DOUBLE
        if inside and start is None and mark:
            start = tok.i + 1
        elif start is not None and (not inside or (mark and k and tok.text not in OPEN_QUOTES)):
            out.append((start, tok.i))
            start = tok.i + 1 if (inside and tok.text in OPEN_QUOTES) else None
    if start is not None:
        out.append((start, para[-1].i + 1))
    return [(a, b) for a, b in out if a < b]


def extend_quote(a: Attribution, paras: list[list[Token]], regions: dict[int, list] | None = None) -> Attribution:
    """A content that lies inside a quotation, with its cue outside, becomes the whole quotation.
    ``regions`` caches each paragraph's quotation regions (keyed by its first token)."""
    if a.cue is None:
        return a
    para = next((p for p in paras if p[0].i <= a.content.start <= p[-1].i), None)
    if para is None:
        return a
    if regions is None:
        regions = {}
    if para[0].i not in regions:
        regions[para[0].i] = quote_regions(para)
    for start, end in regions[para[0].i]:
        inside = start <= a.content.start and a.content.end <= end + 1
        if inside and not (start <= a.cue.start < end):
            span = trim(a.content.doc, start, end)
            if span is not None and len(span) >= len(a.content):
                a.content = span
            break
    return a


# --- "as X reported, ..." and "according to X, ..." ------------------------------------------------

def _covered(found: list[Attribution], content: Span) -> bool:
    return any(_overlap(content, a.content.start, a.content.end) >= 0.5 for a in found)


def _as_reported(tok: Token) -> Attribution | None:
    """"As X reported (on Wednesday), S": X says S."""
    verb = tok.head
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if tok.dep_ != "mark" or verb.dep_ != "advcl" or not subj or verb.lemma_.lower() not in REPORT_VERBS:
        return None
    doc, main = tok.doc, verb.head
    if verb.i < main.i:
        content = trim(doc, verb.right_edge.i + 1, main.right_edge.i + 1)
    else:
        content = trim(doc, main.left_edge.i, tok.i)
    if content is None:
        return None
    return Attribution(source=doc[subj[0].left_edge.i: subj[0].right_edge.i + 1], cue=doc[verb.i: verb.i + 1],
                       content=content, method="rules:as-reported")


def _according_to(tok: Token) -> Attribution | None:
    """"According to X, S" and "S, according to X": X says S."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if obj is None or obj.lower_ in NOT_SPEAKERS:
        return None
    doc, sent = tok.doc, tok.sent
    source = doc[obj.left_edge.i: obj.right_edge.i + 1]
    if tok.i - sent.start <= 1:
        content = trim(doc, source.end, sent.end)
    else:
        content = trim(doc, sent.start, tok.i)
    if content is None or len(content) < 3:
        return None
    return Attribution(source=source, cue=doc[tok.i: to.i + 1], content=content, method="rules:according-to")


def framed_reports(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """Attributions framed by "as X reported" or "according to X" that the tagger missed."""
    for tok in doc:
        if tok.lower_ == "as":
            new = _as_reported(tok)
        elif tok.lower_ == "according":
            new = _according_to(tok)
        else:
            continue
        if new is not None and not _covered(found, new.content):
            found.append(new)
    return found


def speech_complements(doc: Doc, found: list[Attribution], min_rate: float = 0.5) -> list[Attribution]:
    """"X said (that) S" the tagger missed: a verb that is nearly always a cue (learned lexicon),
    with a subject and a clausal complement, where no attribution covers the complement yet."""
    from counterclaim.extract.attribution_labels import load_lexicon

    lex = load_lexicon()
    for verb in doc:
        if verb.pos_ != "VERB" or lex.get(verb.lemma_.lower(), 0.0) < min_rate:
            continue
        comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if comp is None or subj is None:
            continue
        content = trim(doc, comp.left_edge.i, comp.right_edge.i + 1)
        source = trim(doc, subj.left_edge.i, subj.right_edge.i + 1)
        if content is None or source is None or len(content) < 3 or _covered(found, content):
            continue
        if any(a.content.start <= verb.i < a.content.end for a in found):
            continue  # a speech verb inside someone's quote is part of that quote
        found.append(Attribution(source=source, cue=doc[verb.i: verb.i + 1], content=content,
                                 method="rules:complement"))
    return found


FIGURE_VERBS = {"put", "place", "set", "give", "estimate", "fix"}
FIGURE_NOUNS = {"toll", "number", "figure", "count", "casualties", "losses", "death", "tally", "total"}


def figure_statements(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """"A spokesman put the death toll at 53": the subject says what the figure is."""
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in FIGURE_VERBS:
            continue
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in FIGURE_NOUNS), None)
        at = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "at"), None)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if obj is None or at is None or subj is None or at.i < obj.i:
            continue
        content = trim(doc, obj.left_edge.i, at.right_edge.i + 1)
        source = trim(doc, subj.left_edge.i, subj.right_edge.i + 1)
        if content is None or source is None or _covered(found, content):
            continue
        found.append(Attribution(source=source, cue=doc[verb.i: verb.i + 1], content=content, method="rules:figure"))
    return found


ACCUSING_VERBS = {"accuse": "of", "blame": "for", "charge": "with", "hold": "responsible"}


def accusations(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """"X accused Y of Z", "X blamed Y for Z": X's claim is "Y of Z" (the gold's span for it)."""
    for verb in doc:
        particle = ACCUSING_VERBS.get(verb.lemma_.lower())
        if verb.pos_ != "VERB" or particle is None:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        tail = next((c for c in verb.children if c.lower_ == particle and (obj is None or c.i > obj.i)), None)
        if subj is None or obj is None or tail is None or obj.lower_ in ("each", "one"):
            continue
        content = trim(doc, obj.left_edge.i, tail.right_edge.i + 1)
        source = trim(doc, subj.left_edge.i, subj.right_edge.i + 1)
        if content is None or source is None or _covered(found, content):
            continue
        found.append(Attribution(source=source, cue=doc[verb.i: verb.i + 1], content=content,
                                 method="rules:accusation"))
    return found


def _is_dateline(name: Span) -> bool:
    """"Bakhmut: ...", "May 12: ..." name a place or a time, not a speaker."""
    from counterclaim.extract.places import find_places

    if any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME") or t.like_num for t in name):
        return True
    return bool(find_places(name.doc.text, name.start_char, name.end_char))


def _may_speak(name: Span) -> bool:
    """A named entity or a registered actor: "Correction:", "The Latest:", "Video:" are labels."""
    from counterclaim.extract.speakers import match_actor

    return any(t.ent_type_ in SPEAKER_ENTITIES for t in name) or match_actor(name.text) is not None


def colon_headlines(doc: Doc, paras: list[list[Token]], found: list[Attribution]) -> list[Attribution]:
    """"Name: statement" at the start of a paragraph (headlines, transcripts): the name says the rest."""
    for para in paras:
        colon = next((t for t in para[:7] if t.text == ":"), None)
        if colon is None or colon.i == para[0].i:
            continue
        name = trim(doc, para[0].i, colon.i)
        content = trim(doc, colon.i + 1, para[-1].i + 1)
        if name is None or content is None or len(content) < 3 or _covered(found, content):
            continue
        if not all(t.text[:1].isupper() for t in name if t.is_alpha) or any(t.pos_ in ("VERB", "AUX") for t in name):
            continue
        if _is_dateline(name) or not _may_speak(name):
            continue
        found.append(Attribution(source=name, cue=doc[colon.i: colon.i + 1], content=content,
                                 method="rules:colon"))
    return found


# --- coordinated speakers -------------------------------------------------------------------------

def _conjuncts(source: Span) -> list[Token]:
    """Nominal conjuncts joined at the top of the source ("A and B", "A, X, and B")."""
    roots = [t for t in source if not (source.start <= t.head.i < source.end) or t.head is t]
    if len(roots) != 1 or roots[0].pos_ not in ("NOUN", "PROPN", "PRON"):
        return []
    top = {roots[0].i} | {c.i for c in roots[0].children if c.dep_ == "appos"}
    conj = [t for t in source if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN", "PRON") and t.head.i in top]
    return conj


def _both_and(source: Span) -> list[Token]:
    """The surface pattern "Both A and B" (parsers often miss it): the token after the one "and"."""
    cc = [t for t in source if t.lower_ in ("and", "or", "nor")]
    if source[0].lower_ not in PRECONJ or len(cc) != 1 or cc[0].i + 1 >= source.end:
        return []
    return [source.doc[cc[0].i + 1]]


def _whole_coordination(source: Span) -> Span:
    """The source widened to the coordinated subject it ends ("A, and B" when only "B" was
    tagged: the tagger often keeps the conjunct next to the cue)."""
    roots = [t for t in source if not (source.start <= t.head.i < source.end) or t.head is t]
    if len(roots) != 1:
        return source
    top = roots[0]
    while top.dep_ == "conj" and top.head.i < top.i and top.head.pos_ in ("NOUN", "PROPN", "PRON"):
        top = top.head
    if top is roots[0]:
        return source
    return trim(source.doc, top.left_edge.i, source.end) or source


def split_coordinated(a: Attribution) -> list[Attribution]:
    """One attribution per coordinated speaker; the rest unchanged."""
    if a.source is None:
        return [a]
    a.source = _whole_coordination(a.source)
    conj = _conjuncts(a.source) or _both_and(a.source)
    if not conj:
        return [a]
    doc = a.source.doc
    cuts = [a.source.start] + [max(c.left_edge.i, a.source.start) for c in conj] + [a.source.end]
    out = []
    for s, e in zip(cuts, cuts[1:], strict=False):
        mention = trim(doc, max(s, a.source.start), min(e, a.source.end))
        if mention is not None:
            out.append(Attribution(source=mention, cue=a.cue, content=a.content, method=a.method + "+coord",
                                   continues=a.continues, outlet=a.outlet, group=a.source))
    return out or [a]


# --- nominal claims -------------------------------------------------------------------------------

def _nominal_source(noun: Token) -> tuple[Span | None, int]:
    """The speaker of a nominal claim and the token index after it ("claims by X", "X's claim")."""
    doc = noun.doc
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in ("by", "from", "of"):
        end = nxt.i + 1
        while end < noun.sent.end and doc[end].lower_ != "that":
            end += 1
        return trim(doc, nxt.i + 1, end), end
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if poss:
        left = poss[0].left_edge.i
        right = poss[0].i if doc[poss[0].i + 1].tag_ != "POS" else poss[0].i + 1
        return trim(doc, left, right if right > poss[0].i else poss[0].i + 1), noun.i + 1
    return None, noun.i + 1


def _that_clause(doc: Doc, that: Token) -> Span | None:
    """The clause a complementiser introduces, up to the end of its verb's subtree."""
    verb = that.head if that.dep_ == "mark" and that.head.i > that.i else None
    end = verb.right_edge.i + 1 if verb is not None else that.sent.end
    end = min(end, that.sent.end)
    return trim(doc, that.i + 1, end)


def _outer_speaker(noun: Token) -> tuple[Token, Span] | None:
    """(verb, subject) when the nominal claim is the object of a verb with a subject."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass", "pobj") or verb.pos_ not in ("VERB", "AUX", "ADP"):
        return None
    if verb.pos_ == "ADP":
        verb = verb.head
    climb = verb
    for _ in range(3):
        subj = [c for c in climb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            return verb, noun.doc[subj[0].left_edge.i: subj[0].right_edge.i + 1]
        if climb.dep_ not in ("xcomp", "conj", "ccomp") or climb.head is climb:
            return None
        climb = climb.head
    return None


def _overlap(a: Span, start: int, end: int) -> float:
    inter = max(0, min(a.end, end) - max(a.start, start))
    return inter / max(1, a.end - a.start)


def nominal_claims(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """"claims by X that Z" and what encloses it, replacing the tagger's reading of the same words."""
    for noun in [t for t in doc if t.pos_ == "NOUN" and t.lemma_.lower() in NOMINAL_CUES]:
        source, after = _nominal_source(noun)
        that = next((doc[i] for i in range(after, min(after + 2, noun.sent.end)) if doc[i].lower_ == "that"), None)
        content = _that_clause(doc, that) if that is not None else None
        if content is None:
            continue
        new = [Attribution(source=source, cue=doc[noun.i: noun.i + 1], content=content, method="rules:nominal")] \
            if source is not None else []
        outer = _outer_speaker(noun)
        if outer is not None:
            verb, subj = outer
            new.append(Attribution(source=subj, cue=doc[verb.i: verb.i + 1], content=content, method="rules:nominal"))
        if not new:
            continue
        start = noun.left_edge.i
        found = [a for a in found if _overlap(a.content, start, content.end) < 0.5]
        found.extend(b for a in new for b in split_coordinated(a))
    return found


# --- quote continuation ---------------------------------------------------------------------------

def _is_quote_paragraph(para: list[Token]) -> bool:
    return para[0].text in QUOTES and any(t.text in QUOTES for t in para[1:])


def _quoted(a: Attribution) -> bool:
    doc = a.content.doc
    near = [doc[i] for i in (a.content.start - 1, a.content.start, a.content.end - 1, a.content.end) if 0 <= i < len(doc)]
    return any(t.text in QUOTES for t in near) or any(t.text in QUOTES for t in a.content)


def _in_para(a: Attribution, para: list[Token]) -> bool:
    return para[0].i <= a.content.start <= para[-1].i


def continue_quotes(doc: Doc, paras: list[list[Token]], found: list[Attribution]) -> list[Attribution]:
    """A quote-only paragraph with no speaker of its own continues the previous paragraph's quoted speaker."""
    for prev, para in zip(paras, paras[1:], strict=False):
        mine = [a for a in found if _in_para(a, para)]
        if not _is_quote_paragraph(para) or any(a.source is not None or a.cue is not None for a in mine):
            continue
        before = [a for a in found if _in_para(a, prev) and _quoted(a)]
        content = trim(doc, para[0].i + 1, para[-1].i + (0 if para[-1].text in QUOTES else 1))
        if not before or content is None:
            continue
        while content is not None and content[-1].text in QUOTES:
            content = trim(doc, content.start, content.end - 1)
        if content is None:
            continue
        last = max(before, key=lambda a: a.content.end)
        found = [a for a in found if a not in mine]
        found.append(Attribution(source=None, cue=None, content=content, method="rules:continuation", continues=last))
    return found
