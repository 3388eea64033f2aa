"""Span boundaries of attributions: the last pass over what the tagger and the rules found.

Our product's convention (the seed gold, FORMAT.md) is that a content is the proposition
and a cue is the speech verb, so this pass

- splits "X said A, adding that B" into two attributions by X (cues "said" and "adding");
- drops a leading complementiser from indirect speech ("said that S" -> "S");
- stops an indirect content before a contrastive clause in the writer's voice
  ("S, though analysts were more reserved" -> "S") and before a verb conjoined in the cue's own
  narrative tense ("said Russia had committed a crime and called for ..." -> "Russia had committed a crime");
- strips the quotation marks that enclose a quoted content (the span is the quote's words);
- cuts a cue down to its speech verb ("has also claimed" -> "claimed", "said in a statement"
  -> "said", "elaborated on Friday, claiming" -> "claiming"), keeping real multiword cues
  ("according to", "called for", "pointed to").

The "polnear" span convention (``counterclaim analyze --spans polnear``) skips the trimming
and keeps spans as PolNeAR annotates them; the structural splits apply under both.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from counterclaim.extract.attribution import Attribution

DOUBLE_QUOTES = {'"', "“", "”", "„", "«", "»", "''", "``"}
CONTRASTIVE = {"though", "although", "while", "whereas", "but"}
ADDING_LEMMAS = {"add", "note", "stress", "insist", "emphasize", "emphasise", "warn", "explain"}
SUBJECTS = ("nsubj", "nsubjpass", "expl")
SPEAKER_PRONOUNS = {"he", "she", "they", "we", "i", "it"}


def refine_all(doc: Doc, found: list[Attribution], trim_to_claim: bool = True) -> list[Attribution]:
    """Every boundary fix, in order. Without ``trim_to_claim`` (the "polnear" span convention)
    the complementiser stays in the content, the cue keeps its auxiliaries and adverbs, and each
    of several coordinated speakers points at the whole phrase ("A and B") as PolNeAR's one
    source does; with it, each points at its own words."""
    out = [b for a in found for b in split_adding(a)]
    for a in out:
        if trim_to_claim:
            a.group = None
        a.content = _bounded_content(a, trim_to_claim)
        if a.cue is not None and trim_to_claim:
            a.cue = speech_verb(a.cue, a.content)
    return out


def _bounded_content(a: Attribution, trim_to_claim: bool = True) -> Span:
    content = strip_complementiser(a.content) if trim_to_claim else a.content
    content = cut_contrast(content, a.source)
    content = cut_speaker_conjunct(content, a.cue)
    content = end_at_closing_quote(content)
    return strip_enclosing_quotes(content)


# --- quotation state --------------------------------------------------------------------------

def _inside_quotes(doc: Doc, i: int) -> bool:
    """Whether token ``i`` lies inside double quotation marks of its paragraph (odd count before it)."""
    n, k = 0, i - 1
    while k >= 0 and "\n\n" not in doc[k].text_with_ws and not (doc[k].is_space and "\n" in doc[k].text):
        n += doc[k].text in DOUBLE_QUOTES
        k -= 1
    return n % 2 == 1


def _span(doc: Doc, start: int, end: int) -> Span | None:
    while start < end and (doc[start].is_space or doc[start].text in {",", ";", ":"}):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in {",", ";", ":", "—", "–", "-"}):
        end -= 1
    return doc[start:end] if start < end else None


# --- "X said A, adding that B" --------------------------------------------------------------------

def _adding_at(content: Span) -> Token | None:
    """The ", adding that" participle inside a content (the writer's voice, not a quoted word)."""
    for tok in content[1:-2]:
        nxt = tok.doc[tok.i + 1]
        if (tok.tag_ == "VBG" and tok.lemma_.lower() in ADDING_LEMMAS and tok.doc[tok.i - 1].text == ","
                and nxt.lower_ == "that" and tok.i - 1 > content.start):
            return tok
    return None


def split_adding(a: Attribution) -> list[Attribution]:
    """"X said A, adding that B": A with the first cue, B with the cue "adding", both by X."""
    tok = _adding_at(a.content)
    if tok is None:
        return [a]
    doc = tok.doc
    first = _span(doc, a.content.start, tok.i - 1)
    second = _span(doc, tok.i + 2, a.content.end)
    if first is None or second is None or len(first) < 3 or len(second) < 3:
        return [a]
    a.content = first
    extra = Attribution(source=a.source, cue=doc[tok.i: tok.i + 1], content=second, method=a.method + "+adding",
                        continues=a.continues, outlet=a.outlet, group=a.group)
    return [a, *split_adding(extra)]


# --- contents ---------------------------------------------------------------------------------

def strip_complementiser(content: Span) -> Span:
    """Indirect speech without its leading "that" ("claimed that S" -> "S"): a lowercase "that" opening
    an unquoted content is the complementiser even where the parser reads a determiner ("said that
    geolocated footage showed"); "whether"/"if" stay, they make the content a question."""
    first = content[0]
    complementiser = first.text == "that" or (first.lower_ == "that" and first.tag_ == "IN")
    if len(content) > 2 and complementiser and not _inside_quotes(content.doc, first.i):
        return _span(content.doc, content.start + 1, content.end) or content
    return content


def _clause_subject(doc: Doc, start: int, end: int) -> Token | None:
    """A subject inside ``doc[start:end]`` whose verb is inside it too (a new clause)."""
    for tok in doc[start:end]:
        if tok.dep_ in SUBJECTS and start <= tok.head.i < end:
            return tok
    return None


def _is_speaker(subject: Token, source: Span | None) -> bool:
    if subject.lower_ in SPEAKER_PRONOUNS:
        return True
    return source is not None and subject.lemma_.lower() in {t.lemma_.lower() for t in source}


def cut_contrast(content: Span, source: Span | None) -> Span:
    """Stop an unquoted content before ", though/although/while/but <new subject> ...", a contrast
    in the writer's voice; a clause whose subject is the speaker stays (it may be theirs), and so
    does a "while" clause that reports no one's speech ("killed 50, while 73 were injured")."""
    doc = content.doc
    for tok in content[2:-2]:
        if doc[tok.i - 1].text != "," or tok.lower_ not in CONTRASTIVE or _inside_quotes(doc, tok.i):
            continue
        subj = _clause_subject(doc, tok.i + 1, content.end)
        if subj is None or _is_speaker(subj, source):
            continue
        if tok.lower_ == "while" and not any(_speech_act(t) for t in doc[tok.i + 1: content.end]):
            continue
        cut = _span(doc, content.start, tok.i - 1)
        if cut is not None and len(cut) >= 3:
            return cut
    return content


def cut_speaker_conjunct(content: Span, cue: Span | None) -> Span:
    """Stop an unquoted content before a speech act conjoined in the narrative tense of the cue:
    "X said Russia had committed a war crime and called for condemnation" -> X *called*; the
    reported clause is backshifted ("had committed"), the conjunct is not, and it is itself an
    act of speech ("had taken the village and continued to advance" stays whole)."""
    if cue is None or cue.root.tag_ != "VBD" or _inside_quotes(content.doc, content.start):
        return content
    roots = [t for t in content if not (content.start <= t.head.i < content.end) and t.pos_ in ("VERB", "AUX")]
    if len(roots) != 1 or not any(c.dep_ in ("aux", "auxpass") for c in roots[0].children):
        return content
    for conj in (c for c in roots[0].children if c.dep_ == "conj" and c.tag_ == "VBD" and c.i < content.end):
        if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in conj.children) or not _speech_act(conj):
            continue
        cc = conj.i - 1 if content.doc[conj.i - 1].dep_ == "cc" else None
        cut = _span(content.doc, content.start, cc) if cc is not None and cc > content.start else None
        if cut is not None and len(cut) >= 3:
            return cut
    return content


SPEECH_ACTS = {"call", "urge", "demand", "vow", "promise", "appeal", "ask", "warn", "add", "accuse", "insist"}


def _speech_act(verb: Token) -> bool:
    from counterclaim.extract.attribution_labels import load_lexicon

    lemma = verb.lemma_.lower()
    return lemma in SPEECH_ACTS or load_lexicon().get(lemma, 0.0) >= 0.5


def end_at_closing_quote(content: Span) -> Span:
    """A quotation ends at its closing mark: ``"S," the minister said on Friday`` -> ``"S,"``.
    Only when the mark ends a clause and no quotation reopens after it (an interrupted quote,
    ``"A," he said, "B"``, stays whole)."""
    doc = content.doc
    opens = content[0].text in DOUBLE_QUOTES or (content.start > 0 and doc[content.start - 1].text in DOUBLE_QUOTES)
    marks = [t.i for t in content[1:] if t.text in DOUBLE_QUOTES]
    if not opens or len(marks) != 1:
        return content
    close = marks[0]
    ends_clause = doc[close - 1].text in {",", ".", "?", "!"} or doc[close + 1].text in {",", "."}
    if content.end - close - 1 < 2 or not ends_clause:
        return content  # a quoted term ("“hundreds” of fighters") opens the content, not a quotation
    return _span(doc, content.start, close + 1) or content


def strip_enclosing_quotes(content: Span) -> Span:
    """A quoted content without the quotation marks around it: both when they enclose it, else an
    unmatched one at either edge; quotation marks inside the content stay."""
    doc = content.doc
    marks = [t for t in content if t.text in DOUBLE_QUOTES]
    start, end = content.start, content.end
    if len(marks) == 2 and marks[0].i == start and marks[1].i == end - 1:
        start, end = start + 1, end - 1
    elif len(marks) % 2 == 1 and marks[0].i == start:
        start += 1
    elif len(marks) % 2 == 1 and marks[-1].i == end - 1:
        end -= 1
    return _span(doc, start, end) or content


# --- cues -------------------------------------------------------------------------------------

def _head_in(content: Span, cue: Span) -> Token | None:
    """The cue token the content's root attaches to, climbing from the content's root."""
    for tok in content:
        if not (content.start <= tok.head.i < content.end) and cue.start <= tok.head.i < cue.end:
            return tok.head
    return None


def _verb_of(cue: Span, content: Span) -> Token | None:
    """The speech verb of a multiword cue: the one the content hangs on, else the last verb before
    the content (the participle that introduces it), else the cue's root if it is a verb."""
    head = _head_in(content, cue)
    if head is not None and head.pos_ in ("VERB", "AUX"):
        return head
    verbs = [t for t in cue if t.pos_ == "VERB" or (t.pos_ == "AUX" and t.lemma_.lower() not in ("be", "have", "do"))]
    before = [t for t in verbs if t.i < content.start]
    if before and cue.end <= content.start:
        return before[-1]
    root = cue.root
    return root if root.pos_ == "VERB" else None


def speech_verb(cue: Span, content: Span) -> Span:
    """The cue without auxiliaries, adverbs, objects and adjuncts; particles and a preposition the
    content hangs on stay ("called for", "pointed to"); non-verbal cues ("according to") stay whole."""
    if len(cue) == 1 or cue[0].lower_ == "according":
        return cue
    verb = _verb_of(cue, content)
    if verb is None:
        return cue
    end = verb.i + 1
    doc = cue.doc
    while end < cue.end and _phrasal(doc[end], verb, cue, content):
        end += 1
    return doc[verb.i: end]


def _phrasal(tok: Token, verb: Token, cue: Span, content: Span) -> bool:
    """A particle, or a preposition of the verb that ends the cue or that the content hangs on."""
    if tok.dep_ == "prt":
        return True
    return tok.pos_ == "ADP" and tok.head.i == verb.i and (tok.i == cue.end - 1 or _hangs_on(content, tok))


def _hangs_on(content: Span, prep: Token) -> bool:
    """Whether the content (or its root) is the object of ``prep`` ("called for an end to ...")."""
    return any(prep.i in (t.head.i, t.head.head.i) for t in content if not (content.start <= t.head.i < content.end))
