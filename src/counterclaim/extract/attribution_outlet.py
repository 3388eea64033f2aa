"""The outlet's own voice: statements that the publishing outlet makes without attributing them.

War reporting states much of what it knows in its own voice ("The night-time attack hit the
building where 193 prisoners were kept.", "Water levels reached 12 meters."). These are claims
of the outlet (speaker: the outlet, side ``media`` for news organisations), as the evaluation
gold annotates them (../shared/eval/FORMAT.md, war-dev README: "claims in the outlet's own
voice"). Two rules find them:

- :func:`outlet_voice`: a paragraph without a speech attribution right after one in which the
  outlet names itself as the source ("As Kyiv Post reported, ...") is its reporting;
- :func:`outlet_statements`: in a war report (at least :data:`WAR_DENSITY` of its words are
  words of war, :data:`WAR_WORDS`), any other sentence that no attribution touches and that
  states a fact about the war (an event word of :data:`EVENT_WORDS`, or a count of something)
  in the writer's voice. An article on other matters (an election, a trial) that mentions a
  war in passing makes no claims in its own voice. Not statements: datelines and bylines, questions, fragments without a finite
  verb, photo captions, quotations and first-person speech (someone else's words), hedged inferences
  ("likely", "probably": an analyst's guess, not a report), conditionals and demands
  ("would", "should", "must"), and meta remarks about the reporting itself ("did not respond to
  a request for comment").

A sentence that opens a paragraph with "According to X" or "X said" and is followed by
unattributed sentences of the same paragraph passes its speaker on (:func:`carried_accounts`):
"Details: According to the intelligence directorate, S1. S2. S3." gives S2 and S3 to the
directorate, not to the outlet.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from counterclaim.extract.attribution import Attribution
from counterclaim.extract.attribution_labels import quote_states
from counterclaim.extract.sentences import dateline_end

# lemmas that make a sentence a report of a war event (fighting, harm, damage, displacement, control)
EVENT_WORDS = frozenset("""
attack strike shell shelling bomb bombard bombardment explosion explode blast blow destroy destruction damage
kill killed die dead death toll casualty wound wounded injure injured injury missing capture captive prisoner pow
detainee detain hostage evacuate evacuation evacuee flee refugee flood flooding inundate submerge collapse breach
burn fire troop force forces soldier serviceman army military battalion brigade regiment unit offensive
counteroffensive advance retreat withdraw withdrawal repel liberate occupy occupation occupier recapture seize
front frontline line position village town city settlement territory control fighting fight battle combat
missile rocket drone artillery tank himars mine shrapnel warhead weapon ammunition war invasion invade crime
atrocity investigation investigator massacre torture execution colony prison barracks dam reservoir plant
""".split())
# unambiguous words of war: their share of a document's words says whether it is a war report
WAR_WORDS = frozenset("""
kill wound injure casualty dead death missile rocket shell shelling troop soldier serviceman army military drone
artillery explosion blast destroy destruction flood flooding evacuate evacuation occupy occupation occupier liberate
capture pow offensive counteroffensive frontline bombard bombardment airstrike strike attack invasion war combat
fighting battle defense defence fighter platoon brigade battalion regiment weapon armament ammunition tank
hostilities ceasefire dam reservoir himars mortar shrapnel warhead trench fortification
""".split())
WAR_DENSITY = 0.02  # war reports: 2.6-10 war words in 100 (war-dev, heldout, demo); US political news: under 1.5 in 9 of 10
INFERENCE_HEDGES = {"likely", "probably", "possibly", "presumably", "perhaps"}
MODALS_OF_DEMAND = {"would", "should", "must", "ought"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "ours", "you", "your"}
META = re.compile(r"\b(request for comment|could not be reached|did not (immediately )?respond|declined to comment|"
                  r"independently verify|not (immediately )?(be )?verif|contributed (to )?(this )?report|"
                  r"reporting by|editing by|writing by|subscribe|newsletter|click here|read (also|more))\b", re.I)
# photo captions and credits: "... in Kherson, June 7, 2023. REUTERS/Name", "(Photo: Example)"
CAPTION = re.compile(r"\((?:photo|image|video)\b|\b(?:photo|photograph|image|credit|caption)\s*:|\bphoto by\b|"
                     r"(?-i:\b(?:REUTERS|AFP|EPA|AP|TASS)\s*/)|\bAP Photo\b|\bGetty Images\b", re.I)
MIN_WORDS = 5


def _in_para(a: Attribution, para: list[Token]) -> bool:
    return para[0].i <= a.content.start <= para[-1].i


def _trim(doc: Doc, start: int, end: int) -> Span | None:
    while start < end and (doc[start].is_space or doc[start].is_punct and doc[start].text not in {"(", "[", "“", '"'}):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in {".", ",", ";", ":", "—", "–", "-"}
                           or doc[end - 1].lower_ in {"and", "but", "though", "although", "while", "whereas"}):
        end -= 1
    return doc[start:end] if start < end else None


# --- after the outlet's own report ----------------------------------------------------------------

def _names_outlet(source: Span | None, outlet: str | None) -> bool:
    if source is None or not outlet:
        return False
    from counterclaim.extract.speakers import match_actor, normalise

    actor = match_actor(source.text)
    if actor is not None and actor is match_actor(outlet):
        return True
    return normalise(source.text).lower() == normalise(outlet).lower()


def outlet_voice(doc: Doc, paras: list[list[Token]], found: list[Attribution],
                 speech_lemmas: set[str] = frozenset()) -> list[Attribution]:
    """Statements in a paragraph that follows the outlet's own report and has no attribution
    with a verb of saying (the tagger's "soldiers pushed ..." is the outlet's account, not a quote)."""
    outlet = doc.user_data.get("outlet")
    for prev, para in zip(paras, paras[1:], strict=False):
        mine = [a for a in found if _in_para(a, para)]
        if any(a.cue is None or a.cue.root.lemma_.lower() in speech_lemmas for a in mine):
            continue
        if not any(_in_para(a, prev) and _names_outlet(a.source, outlet) for a in found):
            continue
        found = [a for a in found if a not in mine]
        for sent in {t.sent.start: t.sent for t in para}.values():
            if sent[-1].text == "?" or not any(t.pos_ in ("VERB", "AUX") for t in sent):
                continue
            content = _trim(doc, sent.start, sent.end)
            if content is not None:
                found.append(Attribution(source=None, cue=None, content=content, method="rules:outlet", outlet=True))
    return found


# --- statements in the outlet's own voice ---------------------------------------------------------

def _finite_verb(tokens: list[Token]) -> Token | None:
    """The clause's finite verb: a verb or auxiliary in a tensed form, with its subject in reach."""
    for tok in tokens:
        if tok.tag_ in ("VBD", "VBZ", "VBP", "MD") and tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _reports_event(tokens: list[Token]) -> bool:
    """A sentence about the war: an event word, or a number counting something."""
    if any(t.lemma_.lower() in EVENT_WORDS or t.lower_ in EVENT_WORDS for t in tokens):
        return True
    return any(t.like_num and t.i + 1 < len(t.doc) and t.doc[t.i + 1].pos_ == "NOUN" for t in tokens)


def _hedged_or_modal(tokens: list[Token]) -> bool:
    """An analyst's inference ("likely aim to") or a conditional or demand ("would be", "must leave")
    on the clause's own verb."""
    roots = [t for t in tokens if t.dep_ == "ROOT" or t.head.i == t.i]
    for root in roots:
        for child in root.children:
            if child.lower_ in INFERENCE_HEDGES or (child.dep_ == "aux" and child.lower_ in MODALS_OF_DEMAND):
                return True
    return False


def _reports_speech(tokens: list[Token], outlet: str | None) -> bool:
    """A sentence about what someone said or did not say ("Both sides blamed each other",
    "Russia has not confirmed the advance"), about the reporting itself ("The Associated Press
    interviewed ..."), or about what a law says: not a statement of fact about the war."""
    from counterclaim.extract.attribution_cleanup import LEGAL_TEXTS, STATEMENT_VERBS
    from counterclaim.extract.attribution_labels import load_lexicon

    lexicon = load_lexicon()
    for root in (t for t in tokens if t.dep_ == "ROOT"):
        lemma = root.lemma_.lower()
        if lemma in STATEMENT_VERBS or lexicon.get(lemma, 0.0) >= 0.5:
            return True
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subj in subjects:
            if subj.lower_ in LEGAL_TEXTS or (outlet and _names_outlet(subj.doc[subj.left_edge.i: subj.i + 1], outlet)):
                return True
    return False


def is_statement(tokens: list[Token], outlet: str | None = None, follows: bool = False) -> bool:
    """Whether a run of tokens (a sentence without its dateline) is a factual statement in the
    writer's own voice about the war; one that ``follows`` such a statement in its paragraph
    carries on its subject and needs no word of war of its own ("Farmlands were washed away")."""
    words = [t for t in tokens if t.is_alpha]
    if len(words) < MIN_WORDS or tokens[-1].text == "?" or _finite_verb(tokens) is None:
        return False
    if any(t.lower_ in FIRST_PERSON for t in words):
        return False
    text = tokens[0].doc[tokens[0].i: tokens[-1].i + 1].text
    if META.search(text) or _hedged_or_modal(tokens) or _reports_speech(tokens, outlet):
        return False
    return follows or _reports_event(tokens)


def war_density(doc: Doc) -> float:
    """The share of the document's words that are words of war."""
    words = [t for t in doc if t.is_alpha]
    return sum(t.lemma_.lower() in WAR_WORDS or t.lower_ in WAR_WORDS for t in words) / max(1, len(words))


def _sentences(para: list[Token]) -> list[list[Token]]:
    """The paragraph's sentences as token lists (no spaces), clipped to the paragraph."""
    out: dict[int, list[Token]] = {}
    for tok in para:
        out.setdefault(tok.sent.start, []).append(tok)
    return list(out.values())


def _claimed(found: list[Attribution]) -> set[int]:
    """Token indices inside some attribution's content, cue or source."""
    taken: set[int] = set()
    for a in found:
        for span in (a.content, a.cue, a.source, a.group):
            if span is not None:
                taken.update(range(span.start, span.end))
    return taken


def _open_prefix(tokens: list[Token], taken: set[int]) -> list[Token]:
    """The run of tokens before the first one an attribution holds ("Residents are being
    evacuated, though authorities have said ..." -> "Residents are being evacuated")."""
    out = []
    for tok in tokens:
        if tok.i in taken:
            break
        out.append(tok)
    if len(out) == len(tokens):
        return out
    while out and (out[-1].is_punct or out[-1].dep_ in ("cc", "mark") or out[-1].lower_ in {"though", "although",
                                                                                            "while", "whereas"}):
        out.pop()
    return out


def outlet_statements(doc: Doc, paras: list[list[Token]], found: list[Attribution]) -> list[Attribution]:
    """Factual sentences about the war that no attribution touches become the outlet's claims
    (see the module docstring for what is not a statement)."""
    if war_density(doc) < WAR_DENSITY:
        return found
    taken = _claimed(found)
    new: list[Attribution] = []
    for para in paras:
        if CAPTION.search(doc[para[0].i: para[-1].i + 1].text):
            continue  # a photo caption describes a picture, it reports nothing
        states = dict(zip((t.i for t in para), quote_states(para), strict=True))
        skip = dateline_end(para) or 0
        follows = False
        for sent in _sentences(para):
            tokens = [t for t in sent if t.i >= para[skip].i] if skip < len(para) else []
            tokens = _open_prefix(tokens, taken)
            after, follows = follows, False
            alpha = [t for t in tokens if t.is_alpha]
            if not alpha or sum(states[t.i] for t in alpha) * 2 > len(alpha):
                continue  # a quotation: someone's words, which the attribution rules place
            if len(tokens) < len([t for t in sent if t.i >= tokens[0].i]) and _finite_verb(tokens) is None:
                continue
            if not is_statement(tokens, doc.user_data.get("outlet"), follows=after):
                continue
            content = _trim(doc, tokens[0].i, tokens[-1].i + 1)
            if content is None:
                continue
            follows = True
            account = _carried_account(found, para, tokens[0])
            new.append(Attribution(source=None, cue=None, content=content, method="rules:outlet-statement",
                                   outlet=account is None, continues=account))
    return found + new


def _carried_account(found: list[Attribution], para: list[Token], first: Token) -> Attribution | None:
    """The attribution framed "According to X, ..." that opens the sentence's paragraph (after a
    layout label): the sentences after it in the paragraph carry on X's account."""
    opening = [t for t in para[:4] if t.lower_ == "according"]
    if not opening or opening[0].i >= first.i:
        return None
    framed = [a for a in found if a.cue is not None and a.cue.start == opening[0].i and a.source is not None]
    return framed[0] if framed else None
