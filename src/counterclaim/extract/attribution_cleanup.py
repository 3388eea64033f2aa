"""What is not an attribution, and speakers the tagger placed on the wrong words.

- **Negated speech** ("Russia has not confirmed the advance", "did not respond"): the speaker is
  reported as *not* saying it, so there is no claim.
- **Empty contents**: a content that is only a pronoun ("quoted *him*"), a wire dateline
  ("MOSCOW, August 5. /TASS/.") or a footnote marker says nothing; a dateline opening a content
  is cut off.
- **Demonstratives** ("this", "that") are never speakers; a first-person pronoun inside someone
  else's quotation is that person, not a new speaker.
- **Things that do not speak** ("according to the available information", "geolocated footage
  indicates") and the impersonal "it is reported that": the claim belongs to whoever reports it --
  the speaker of the quotation around it, else the outlet.
- **"X quoted Y as saying S"**, **"Y was quoted as saying S"**: Y says S; X only passes it on.
- **Sources cut to the cue's paragraph**: the parser sometimes joins a label line ("Source: ISW")
  to the next paragraph's subject; layout labels ("Details:") are no part of a speaker.
- **The grammatical subject speaks**: when the cue verb has its own subject outside the content
  ("... the dam, where the Ukrainians said the explosion was centred"), that subject is the
  source, not a nearer name the tagger marked.
- **Contents before their speaker** ("S, X told TASS"): when the tagger kept only the tail of S,
  the content runs from the start of the sentence.
- **Cues in another sentence**: an unquoted content takes no cue from a different sentence
  ("X said A. B follows media reports" does not make B X's).
- **Not claims**: reciprocal contents ("accusing each other"), a content that holds its own
  speaker and cue, pointers to earlier claims ("confirm this assessment", "citing an
  intelligence report"), and what a law or treaty "says".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from counterclaim.extract.attribution import Attribution
from counterclaim.extract.sentences import AGENCY, FOOTNOTE, dateline_end

DEMONSTRATIVES = {"this", "that", "these", "those", "it's", "the", "a", "an"}
LABELS = {"details", "background", "source", "sources", "quote", "update", "context", "reminder", "photo"}
LEGAL_TEXTS = {"convention", "conventions", "law", "laws", "treaty", "treaties", "charter", "constitution", "code"}
STATEMENT_VERBS = {"confirm", "acknowledge", "comment", "respond", "say", "announce", "report", "admit", "disclose",
                   "reveal", "specify", "provide", "publish", "release", "identify", "state", "claim", "accuse",
                   "blame", "name", "mention", "explain", "reply", "answer", "verify", "corroborate"}
# "stopped short of accusing", "declined to comment": the speaker did not say it
WITHHOLDING = {("stop", "short"), ("refrain", "from"), ("decline", "to"), ("refuse", "to"), ("fail", "to"),
               ("avoid", None)}
POINTER_NOUNS = {"assessment", "statement", "report", "reports", "claim", "claims", "allegation", "allegations",
                 "information", "footage", "video", "data", "version", "account", "figure", "figures", "remarks",
                 "comments", "words", "message"}
QUOTE_MARKS = {'"', "“", "”", "«", "»", "'", "‘", "’", "``", "''"}
INFERENCE_VERBS = {"show", "indicate", "suggest", "mean", "demonstrate", "prove", "signal", "reflect", "imply"}
RECIPROCAL = {("each", "other"), ("one", "another")}
QUESTION_WORDS = {"whether", "if", "who", "what", "when", "where", "why", "how", "which"}
CONTENT_POS = {"NOUN", "PROPN", "VERB", "NUM", "ADJ"}
FIRST_PERSON = {"i", "me", "we", "us", "my", "our"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "i", "me", "we", "us", "you", "this", "that"}
# what carries information without speaking; documents and reports do speak for their authors
NON_AGENTS = {"information", "data", "footage", "imagery", "image", "images", "photo", "photos", "photograph",
              "photographs", "picture", "pictures", "evidence", "sign", "signs", "trace", "traces"}


def apply_cleanup(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """Every cleanup of this module, in order."""
    for a in found:
        a.content = _without_dateline(_possessed_noun(a.content))
    found = quoted_as_saying(doc, found)
    found = [a for a in found if not _negated(a) and not _empty(a) and not _not_a_claim(a)]
    for a in found:
        a.source = _without_label(_same_paragraph(a.source, a.cue or a.content))
        if a.source is not None and a.cue is not None and a.method.startswith("tagger"):
            a.source = _grammatical_subject(a.cue, a.content, a.source)
    found = [a for a in found if not _demonstrative(a) and not _legal_text(a) and not _inference(a)]
    for a in found:
        a.content = _postposed_from_start(a, found)
    return first_person_in_quotes(non_agents(found))


def detached_cues(found: list[Attribution]) -> list[Attribution]:
    """Drop the tagger's pairings of an unquoted content with a cue from another sentence (run
    before the rules, so that a framed report can still claim the sentence)."""
    def detached(a: Attribution) -> bool:
        if a.cue is None or not a.method.startswith("tagger") or _quoted_content(a.content):
            return False
        doc = a.cue.doc
        if a.cue.end < len(doc) and doc[a.cue.end].text == ":":
            return False
        sents = {a.content[0].sent.start, a.content[-1].sent.start}
        return a.cue[0].sent.start not in sents and a.cue[-1].sent.start not in sents
    return [a for a in found if not detached(a)]


def _quoted_content(content: Span) -> bool:
    doc = content.doc
    near = [doc[i] for i in (content.start - 1, content.start, content.end - 1, content.end) if 0 <= i < len(doc)]
    return any(t.text in QUOTE_MARKS for t in near)


def _negated(a: Attribution) -> bool:
    """The speaker is reported as not saying it: a negated statement verb ("has not confirmed",
    "did not say"; "cannot assess" is a claim of its own) or a withholding frame ("stopped short
    of accusing", "declined to comment")."""
    if a.cue is None or a.content[0].lower_ in QUESTION_WORDS:
        return False  # "would not say whether ...": the open question is what is reported
    return any(_negated_verb(v) or _withheld(v) for v in a.cue if v.pos_ in ("VERB", "AUX"))


def _negated_verb(verb: Token) -> bool:
    modal = any(c.dep_ == "aux" and c.lower_ in ("can", "could", "ca") for c in verb.children)
    return verb.lemma_.lower() in STATEMENT_VERBS and not modal and any(c.dep_ == "neg" for c in verb.children)


def _withheld(verb: Token) -> bool:
    """A verb of saying under "stop short of", "decline to", "refuse to", "fail to", "avoid"."""
    if verb.dep_ not in ("pcomp", "xcomp", "pobj", "advcl"):
        return False
    head = verb.head
    while head.pos_ in ("ADP", "ADV", "ADJ", "PART") and head.head.i != head.i:
        head = head.head
    if head.i == verb.i:
        return False
    between = {t.lower_ for t in verb.doc[min(head.i, verb.i): max(head.i, verb.i)]}
    return any(head.lemma_.lower() == v and (w is None or w in between) for v, w in WITHHOLDING)


def _empty(a: Attribution) -> bool:
    """A content that says nothing: a pronoun or an adverb alone, a footnote marker, a dateline,
    or a pointer to an earlier claim ("this assessment", "an intelligence report")."""
    words = [t for t in a.content if not t.is_punct and not t.is_space]
    if not words:
        return True
    content_words = [t for t in words if t.pos_ in CONTENT_POS and t.lower_ not in PRONOUNS and t.lemma_ != "be"]
    referring = [t for t in words if t.pos_ == "PRON" and t.lower_ not in DEMONSTRATIVES]
    if not content_words and not referring:  # "Moreover", "That's", "the": nothing said ("him", "what" refer)
        return True
    verbless = not any(t.pos_ in ("VERB", "AUX") for t in words)
    pointer = words[0].lower_ in ("this", "that", "these", "those", "a", "an") or words[0].pos_ not in ("DET", "PRON")
    if verbless and len(words) <= 4 and a.content.root.lemma_.lower() in POINTER_NOUNS and pointer:
        return True  # "this assessment", "an intelligence report", "footage"; "his past statements" is a claim
    if verbless and len(words) <= 4 and a.cue is None and a.method.startswith("tagger"):
        return True  # a short noun phrase with no cue says nothing ("The Russian ... the tragedy")
    if len(words) == 1 and (words[0].lower_ in PRONOUNS or FOOTNOTE.fullmatch(words[0].text)):
        return True
    tokens = [t for t in a.content if not t.is_space]
    end = dateline_end(tokens)
    if end is not None and end >= len(tokens) - 1:
        return True
    return any(AGENCY.fullmatch(t.text) for t in tokens[-2:]) and not any(t.pos_ in ("VERB", "AUX") for t in tokens)


def _same_paragraph(source: Span | None, anchor: Span) -> Span | None:
    """The part of a source in the anchor's paragraph (no line break between them)."""
    if source is None:
        return None
    doc = source.doc
    breaks = [t.i for t in source if "\n" in t.text_with_ws]
    if not breaks:
        return source
    if anchor.start >= source.end:
        start, end = breaks[-1] + 1, source.end
    else:
        start, end = source.start, breaks[0] + 1
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if start < end else source


def _without_dateline(content: Span) -> Span:
    """A content without the wire dateline that opens it ("KYIV (Wire) — Shelling killed ...")."""
    tokens = [t for t in content if not t.is_space]
    end = dateline_end(tokens)
    if end is None or end >= len(tokens) - 2:
        return content
    return content.doc[tokens[end].i: content.end]


def _possessed_noun(content: Span) -> Span:
    """A content that is only a possessive ("announced its") takes the noun it owns ("its recapture")."""
    if len(content) != 1 or content[0].tag_ != "PRP$" or content[0].head.i <= content[0].i:
        return content
    head = content[0].head
    if head.pos_ not in ("NOUN", "PROPN") or "\n" in content.doc[content.start: head.i].text:
        return content
    return content.doc[content.start: head.i + 1]


def _not_a_claim(a: Attribution) -> bool:
    """Reciprocal accusations ("accusing each other") and contents that hold their own speaker and cue."""
    words = [t.lower_ for t in a.content[:2]]
    doc = a.content.doc
    after_cue = [t.lower_ for t in doc[a.cue.end: a.cue.end + 2]] if a.cue is not None else []
    if RECIPROCAL & {tuple(words), tuple(after_cue)}:  # "accusing each other of ..."
        return True
    if a.source is None or a.cue is None or a.method.startswith("rules:labelled"):
        return False
    shared = max(0, min(a.content.end, a.source.end) - max(a.content.start, a.source.start))
    if shared * 2 >= len(a.content):  # the content is the speaker's own name
        return True
    if any(t.text in QUOTE_MARKS for t in a.content):  # '"A," said X, "B"': an interrupted quotation
        return False
    # "X said, refuting ...": a content that opens with its own speaker and cue; "A, X said, B" is fine
    opens = [t for t in a.content if not t.is_punct][:1]
    return bool(opens) and a.source.start <= opens[0].i < a.source.end and a.cue.end <= a.content.end


def _without_label(source: Span | None) -> Span | None:
    """A source without a layout label in front ("Details: US official X" -> "US official X");
    None when the label is all there is."""
    if source is None:
        return None
    doc = source.doc
    start = source.start
    while start + 1 < source.end and doc[start].lower_ in LABELS and doc[start + 1].text == ":":
        start += 2
    if start == source.start and not (len(source) == 1 and source[0].lower_ in LABELS):
        return source
    return doc[start: source.end] if start < source.end and doc[start].lower_ not in LABELS else None


def _grammatical_subject(cue: Span, content: Span, source: Span) -> Span:
    """The cue verb's own subject, when it has one outside the content and the source is
    elsewhere ("where the Ukrainians said ...": the Ukrainians, not a nearer name)."""
    verb = cue.root
    if _quoted_person(verb) is not None:  # "RBC quoted him as saying": him, not RBC
        return source
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT", "EX")), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if subj is None and agent is not None:  # "whose recapture was announced by Ukraine"
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN", "PRON"):
        return source
    doc = cue.doc
    span = doc[subj.left_edge.i: subj.right_edge.i + 1]
    if content.start <= span.start < content.end or span.start < source.end and source.start < span.end:
        return source
    if "\n" in doc[span.start: max(span.end, cue.start)].text:
        return source
    return span


def _inference(a: Attribution) -> bool:
    """"It shows that ...", "this suggests ...": the writer's inference, not a claim of "it"."""
    return a.source is not None and len(a.source) == 1 and a.source[0].lower_ in ("it", "this", "that") \
        and a.cue is not None and a.cue.root.lemma_.lower() in INFERENCE_VERBS


def _postposed_from_start(a: Attribution, found: list[Attribution]) -> Span:
    """"S, X told TASS.": a content with its speaker and cue after it runs from the start of the
    sentence, when the tagger kept only its tail and nothing else claims the words before it."""
    if a.source is None or a.cue is None or _quoted_content(a.content):
        return a.content
    if not (a.content.end <= a.source.start and a.content.end <= a.cue.start):
        return a.content
    doc, start = a.content.doc, a.content[0].sent.start
    while start < a.content.start and (doc[start].is_space or doc[start].is_punct):
        start += 1
    if start >= a.content.start or "\n" in doc[start: a.content.start].text:
        return a.content
    if any(b is not a and b.content.start < a.content.start and start < b.content.end for b in found):
        return a.content
    return doc[start: a.content.end]


def _legal_text(a: Attribution) -> bool:
    """"The Geneva Conventions ban ...": a law states rules, it makes no claim about the war."""
    return a.source is not None and a.source.root.lower_ in LEGAL_TEXTS


def _demonstrative(a: Attribution) -> bool:
    """A source that is only "this"/"that": a tagging slip, never a speaker."""
    return a.source is not None and len(a.source) == 1 and a.source[0].lower_ in DEMONSTRATIVES


def _quoted_person(verb: Token) -> Token | None:
    """Y of "X quoted Y as saying" / "Y was quoted as saying": the object or passive subject of
    "quote" when an "as saying" clause hangs on it."""
    if verb.lemma_.lower() != "quote":
        return None
    saying = [c for c in verb.subtree if c.lemma_.lower() in ("say", "tell") and c.tag_ == "VBG"
              and c.i > verb.i and verb.doc[c.i - 1].lower_ == "as"]
    if not saying:
        return None
    person = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return person[0] if person else None


def quoted_as_saying(doc: Doc, found: list[Attribution]) -> list[Attribution]:
    """"RBC quoted him as saying S": the quoted person ("him") is the speaker of S."""
    for a in found:
        if a.cue is None:
            continue
        verb = next((t for t in a.cue if t.lemma_.lower() == "quote"), None)
        if verb is None:
            verb = a.cue.root.head if a.cue.root.head.lemma_.lower() == "quote" else None
        person = _quoted_person(verb) if verb is not None else None
        if person is None:
            continue
        a.source = doc[person.left_edge.i: person.right_edge.i + 1]
        a.group = None
        if a.content.start < a.source.end and a.source.start < a.content.end:  # the content was the name
            saying = next((t for t in verb.subtree if t.lemma_.lower() in ("say", "tell") and t.tag_ == "VBG"), None)
            comp = next((c for c in saying.children if c.dep_ == "ccomp"), None) if saying is not None else None
            if comp is not None:
                a.content = doc[comp.left_edge.i: comp.right_edge.i + 1]
                a.cue = doc[saying.i: saying.i + 1]
    return found


def _impersonal(a: Attribution) -> bool:
    """"It is reported that ...", "it was said that ...": a passive cue with an empty "it"."""
    if a.source is None or len(a.source) != 1 or a.source[0].lower_ != "it" or a.cue is None:
        return False
    return any(c.dep_ == "auxpass" for c in a.cue.root.children) or a.source[0].dep_ == "nsubjpass"


def _encloses(outer: Attribution, inner: Attribution) -> bool:
    return outer is not inner and outer.content.start <= inner.content.start and \
        inner.content.end <= outer.content.end and outer.source is not None


def non_agents(found: list[Attribution]) -> list[Attribution]:
    """Claims whose "speaker" is information, footage or evidence: the speaker of the quotation
    around them says them, else the outlet does."""
    out = []
    for a in found:
        if _impersonal(a):  # "It is reported that ...": the outlet reports it
            a.source, a.group, a.outlet = None, None, True
        if a.source is None or a.source.root.lemma_.lower() not in NON_AGENTS or a.source.root.pos_ == "PROPN":
            out.append(a)
            continue
        outer = next((b for b in found if _encloses(b, a) and b.source.root.lemma_.lower() not in NON_AGENTS), None)
        if outer is not None:
            continue  # the enclosing quotation already holds these words
        a.source, a.group, a.outlet = None, None, True
        out.append(a)
    return out


def first_person_in_quotes(found: list[Attribution]) -> list[Attribution]:
    """A first-person "speaker" inside someone's quotation is that person: the inner reading is
    dropped when another attribution holds the words, else it takes the speaker and cue of the
    attribution that closes the quotation ('"We have ... admitted," the organization noted')."""
    out = []
    for a in found:
        if a.source is None or len(a.source) != 1 or a.source[0].lower_ not in FIRST_PERSON:
            out.append(a)
            continue
        if any(_encloses(b, a) for b in found):
            continue
        closing = _closing_attribution(a, found)
        if closing is not None:
            a.source, a.cue, a.group = closing.source, closing.cue, None
        else:
            a.source, a.cue = _closing_speech(a.source) or (a.source, a.cue)
        out.append(a)
    return out


def _closing_speech(inside: Span) -> tuple[Span, Span] | None:
    """(subject, verb) of the speech verb right after the quotation that holds ``inside``
    ('"... admitted," the organization noted'), when no attribution was read there."""
    from counterclaim.extract.attribution_labels import load_lexicon

    doc, i = inside.doc, inside.start
    while i < len(doc) and "\n" not in doc[i].text and doc[i].text not in {'"', "”", "»"}:
        i += 1
    lexicon = load_lexicon()
    for verb in doc[i + 1: min(len(doc), i + 10)]:
        if "\n" in verb.text:
            return None
        if verb.pos_ == "VERB" and lexicon.get(verb.lemma_.lower(), 0.0) >= 0.5:
            subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > i), None)
            if subj is not None and subj.lower_ not in FIRST_PERSON:
                return doc[subj.left_edge.i: subj.right_edge.i + 1], doc[verb.i: verb.i + 1]
    return None


def _closing_attribution(a: Attribution, found: list[Attribution]) -> Attribution | None:
    """The attribution whose cue follows the end of the quotation that holds ``a``'s source, in
    the same paragraph."""
    doc = a.source.doc
    i, marks = a.source.start, 0
    while i < len(doc) and "\n" not in doc[i].text:
        if doc[i].text in {'"', "”", "»"}:
            marks += 1
            break
        i += 1
    if not marks:
        return None
    after = [b for b in found if b is not a and b.source is not None and b.cue is not None and i < b.cue.start
             and "\n" not in doc[i: b.cue.start].text and b.source[0].lower_ not in FIRST_PERSON]
    return min(after, key=lambda b: b.cue.start) if after else None
