"""Russian and Ukrainian attribution: the constructions that say who said what, as character spans.

Each rule reads one sentence's tokens (:mod:`morph`) and its quotations (:mod:`quotes`)
and returns :class:`Found` attributions. The constructions, in the order they are tried:

1. **according to**: "По словам X, ...", "За даними X, ...", "Как сообщает X, ...", "на думку X ...":
   the speaker follows the phrase; the content is the rest of the sentence (or what came before
   when the phrase closes the sentence).
2. **verb of saying** (lemma in the lexicon), with its content after it ("X заявил, что ...",
   "X сообщил о ...", "X заявив: «...»", "X назвал фейком сообщения о ...", "X обвинил Y в ...")
   or before it ("«...», — сказал X", "..., заявил министр"). The speaker is the verb's subject:
   natasha's ``nsubj`` in Russian, else the nominative phrase before the verb, or the phrase after
   it when the verb follows its content. "X со ссылкой на Y сообщает" gives Y.
3. **impersonal reporting** ("Сообщается, что ...", "Наголошується, що ..."): the last speaker.
4. **"об этом" / "про це"**: "Про це X заявив ..." attributes the sentence (or paragraph) before.
5. **labelled sources**: "Источник: X" / "Джерело: X" then "Дословно: «...»" / "Дослівно: ...".
6. **quote paragraphs**: a paragraph that opens with a quotation and attributes nothing itself
   continues the last speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from counterclaim.extract.cyrillic.lexicon import Lexicon
from counterclaim.extract.cyrillic.morph import Token, normal
from counterclaim.extract.cyrillic.quotes import CLOSERS, OPENERS, Quote, quote_at

DASHES = frozenset({"—", "–", "-", "―"})
CLAUSE_END = frozenset({".", "!", "?", ";", "…"})
LABEL = re.compile(r"^\s*(?P<label>Источник|Джерело|Джерела|Источники)\s*:\s*(?P<who>.+?)\s*$")
VERBATIM = re.compile(r"^\s*(?P<label>Дословно|Дослівно|Цитата)\s*:\s*")
RELATIVE = frozenset({"который", "которая", "которое", "которые", "який", "яка", "яке", "які", "чему", "чому", "что",
                      "що"})
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "ADJ", "DET", "NUM", "X"})
DEMONSTRATIVES = frozenset({"это", "то", "це", "те", "що", "что", "всё", "все", "усе", "все это"})
MAX_CUE_GAP = 6  # tokens between a verb and the word that opens its content ("заявил в эфире телеканала, что")


@dataclass(eq=False)
class Found:
    """One attribution as character spans; ``source is None`` with ``continues``: the speaker carries
    over from that attribution; ``source is None`` without it: the last speaker, else the outlet."""

    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    content: tuple[int, int]
    stance: str = "asserts"
    method: str = "rules"
    continues: Found | None = None
    outlet: bool = False  # the publishing outlet (or channel) speaks


# --- small helpers over a sentence's tokens ----------------------------------------------------------

def _span(tokens: list[Token], i: int, j: int) -> tuple[int, int] | None:
    """The character span of ``tokens[i:j]`` without edge punctuation (quotes and brackets that
    open or close inside the span are kept); None when nothing is left."""
    while i < j and tokens[i].is_punct and tokens[i].text not in OPENERS | {"("}:
        i += 1
    while j > i and tokens[j - 1].is_punct and tokens[j - 1].text not in CLOSERS | {")"}:
        j -= 1
    if i >= j:
        return None
    start, end = tokens[i].start, tokens[j - 1].end
    return (start, end) if end > start else None


def _content(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """A content span trimmed of outer spaces, quotes and punctuation; None when under two words."""
    if span is None:
        return None
    start, end = span
    trim = " \t\n\u00a0\"'«»„“”,.;:—–-"
    while start < end and text[start] in trim:
        start += 1
    while end > start and text[end - 1] in trim:
        end -= 1
    if end <= start or len(text[start:end].split()) < 2:
        return None
    return start, end


def _is_nominative(t: Token) -> bool:
    """Possibly the nominative: tagged so, or a noun or adjective the dictionary gives no case
    (Ukrainian nominatives often come untagged out of context)."""
    if t.pos in ("PROPN", "X") and (t.case is None or "Nom" in t.cases):
        return True
    return t.pos in ("NOUN", "PROPN", "PRON", "ADJ", "DET", "NUM") and (t.case is None or "Nom" in t.cases)


def _latin_or_abbr(t: Token) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][\w.-]*", t.text)) or (t.text.isupper() and len(t.text) >= 2)


# --- noun phrases ------------------------------------------------------------------------------------

def noun_phrase(tokens: list[Token], i: int, stop: int) -> int:
    """The end (exclusive) of the speaker phrase that starts at ``tokens[i]``, before ``stop``:
    the head with genitive modifiers, names, abbreviations, bracketed and quoted names, and
    coordinated members ("Представители власти и военные"); it ends at a preposition, a verb,
    an adverb, a comma or a word in another case."""
    j = i
    depth = 0
    while j < stop:
        t = tokens[j]
        if t.text in ("(", "«", "„", "“") or (t.text == '"' and depth == 0 and j == i):
            depth += 1
        elif t.text in (")", "»", "”") or (t.text == '"' and depth > 0):
            if depth == 0:
                break
            depth -= 1
        elif depth > 0:
            pass
        elif t.text == '"':
            depth += 1
        elif t.is_punct:
            if t.text == "-" and j + 1 < stop and not tokens[j + 1].is_punct:
                pass  # "прес-секретаря" split by the tokeniser
            else:
                break
        elif t.pos in ("CCONJ",) and normal(t.text) in ("и", "і", "й", "та") and j + 1 < stop and \
                _is_nominal(tokens[j + 1]) and j > i:
            pass
        elif not _is_nominal(t) or (j > i and t.case in ("Dat", "Ins", "Loc") and t.pos != "PROPN"
                                     and not (t.cases & {"Nom", "Gen"})
                                     and not _latin_or_abbr(t) and not _in_name(tokens, j)):
            break
        j += 1
    return j


def _in_name(tokens: list[Token], j: int) -> bool:
    """A word inside a genitive chain whose case tag is unreliable out of context ("справ")."""
    return j > 0 and tokens[j - 1].case == "Gen" and tokens[j].case in ("Loc", "Dat") and tokens[j].pos == "ADJ"


def _is_nominal(t: Token) -> bool:
    return t.pos in NOMINAL_POS or _latin_or_abbr(t)


def subject_before(tokens: list[Token], v: int, lex: Lexicon) -> tuple[int, int] | None:
    """The token range of the verb's subject before it: natasha's ``nsubj`` when there is a parse,
    else the first nominative phrase of the verb's clause, skipping adverbials and prepositional
    phrases ("Позднее", "Таким чином", "Про це", "в разговоре с ...")."""
    parsed = _nsubj(tokens, v)
    if parsed is not None:
        return parsed
    start = _clause_start(tokens, v, lex)
    i = start
    while i < v:
        t = tokens[i]
        if t.pos == "ADP":  # skip the prepositional phrase: up to and including its noun
            i += 1
            while i < v and tokens[i].pos in ("ADJ", "DET", "NUM", "PRON") and tokens[i].pos != "NOUN":
                if tokens[i].pos == "PRON":
                    break
                i += 1
            i += 1
            continue
        if (t.text in OPENERS and i + 1 < v and _is_nominal(tokens[i + 1])) or _is_nominative(t) or (
                t.pos == "PROPN" and t.case is None) or _latin_or_abbr(t):
            if t.pos in ("PRON", "DET") and normal(t.text) not in lex.pronouns and normal(t.text) not in ("мы", "ми", "я"):
                return None  # "это указывает на то, что": a demonstrative is no speaker
            if normal(t.text) in DEMONSTRATIVES:
                return None
            end = noun_phrase(tokens, i, v)
            if end > i:
                return i, end
        i += 1
    return None


def _nsubj(tokens: list[Token], v: int) -> tuple[int, int] | None:
    """natasha's subject of the verb at ``v`` (or of the verb it is coordinated with), as the
    token range of its phrase without relative clauses and parentheticals."""
    if tokens[v].rel is None:
        return None
    verb = v
    for _ in range(2):
        subj = [i for i, t in enumerate(tokens) if t.head == verb and t.rel in ("nsubj", "nsubj:pass")]
        if subj:
            return _subtree(tokens, subj[0])
        if tokens[verb].rel in ("conj", "xcomp", "advcl") and tokens[verb].head is not None:
            verb = tokens[verb].head
        else:
            return None
    return None


def _subtree(tokens: list[Token], head: int) -> tuple[int, int]:
    """The contiguous token range of ``head``'s phrase, leaving out relative clauses and apposed clauses."""
    keep = {head}
    changed = True
    while changed:
        changed = False
        for i, t in enumerate(tokens):
            if i not in keep and t.head in keep and t.rel not in ("acl:relcl", "parataxis", "ccomp", "advcl", "conj"):
                keep.add(i)
                changed = True
    lo, hi = min(keep), max(keep) + 1
    while lo < hi and tokens[lo].is_punct and tokens[lo].text not in OPENERS:
        lo += 1
    while hi > lo and tokens[hi - 1].is_punct and tokens[hi - 1].text not in CLOSERS | {")"}:
        hi -= 1
    return lo, hi


def _clause_start(tokens: list[Token], v: int, lex: Lexicon) -> int:
    """Where the verb's clause starts: after the last complementiser or relative word before it that
    a comma introduces, else the start of the sentence."""
    for i in range(v - 1, 0, -1):
        if tokens[i - 1].text == "," and (tokens[i].lemma in lex.complementisers or tokens[i].lemma in RELATIVE
                                          or normal(tokens[i].text) in RELATIVE):
            return i + 1
        if tokens[i].text in (":",):
            return i + 1
    return 0


def subject_after(tokens: list[Token], v: int) -> tuple[int, int] | None:
    """The subject that follows a verb placed after its content ("..., — сказал министр")."""
    i = v + 1
    while i < len(tokens) and (tokens[i].pos in ("ADV", "PART") or tokens[i].text in ("же",)):
        i += 1
    if i + 1 < len(tokens) and normal(tokens[i].text) in ("в", "во", "у") and _is_nominal(tokens[i + 1]):
        i += 1  # "пишут в Институте изучения войны": the institution speaks
    if i < len(tokens) and normal(tokens[i].text) in DEMONSTRATIVES:
        return None
    if i < len(tokens) and (_is_nominal(tokens[i]) or tokens[i].text in OPENERS):
        end = noun_phrase(tokens, i, len(tokens))
        if end > i:
            return i, end
    return None


# --- content of a verb --------------------------------------------------------------------------------

def _sentence_end(tokens: list[Token]) -> int:
    j = len(tokens)
    while j > 0 and tokens[j - 1].is_punct and tokens[j - 1].text not in CLOSERS:
        j -= 1
    return j


def _clause_end(tokens: list[Token], i: int, lex: Lexicon) -> int:
    """The end of a nominal content that starts at ``i``: a comma followed by a verb, a complementiser,
    a relative word or a conjunction opens a new clause; otherwise the sentence ends it."""
    depth = 0
    for j in range(i, len(tokens)):
        t = tokens[j]
        if t.text in OPENERS or t.text == "(":
            depth += 1
        elif t.text in CLOSERS or t.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and t.text in CLAUSE_END:
            return j
        elif depth == 0 and t.text in (",", ":") + tuple(DASHES) and j + 1 < len(tokens):
            nxt = tokens[j + 1]
            if nxt.pos in ("VERB", "AUX", "SCONJ", "CCONJ") or nxt.lemma in lex.complementisers or \
                    normal(nxt.text) in RELATIVE or nxt.pos == "ADP" and j + 2 < len(tokens) and \
                    normal(tokens[j + 2].text) in RELATIVE or t.text in DASHES:
                return j
    return _sentence_end(tokens)


def content_after(text: str, tokens: list[Token], v: int, quotes: list[Quote], lex: Lexicon) \
        -> tuple[tuple[int, int] | None, int]:
    """The content a verb of saying introduces after it, and the index of the last cue token (the
    verb, or "о" in "сообщил о ..."): a clause after "что"/"що", a colon, a quotation, a phrase
    after "о"/"про", or the object of "обвинить"/"назвать"/"описать"."""
    verb = tokens[v]
    stop = len(tokens)
    if verb.lemma in lex.object_verbs:
        return _object_content(text, tokens, v, lex), v
    for j in range(v + 1, min(stop, v + 1 + MAX_CUE_GAP + 10)):
        t = tokens[j]
        low = normal(t.text)
        if t.text == ":":
            q = quote_at(quotes, tokens[j + 1].start) if j + 1 < stop else None
            if q is not None:
                return _content(text, (q.inner_start, q.inner_end)), v
            return _content(text, _span(tokens, j + 1, _sentence_end(tokens))), v
        if t.text in OPENERS and j <= v + 2:
            q = quote_at(quotes, t.start)
            if q is not None:
                return _content(text, (q.inner_start, q.inner_end)), v
        if (t.lemma in lex.complementisers or low in lex.complementisers) and j > v + 1 and \
                tokens[j - 1].text in (",", "—", "–"):
            return _content(text, _span(tokens, j + 1, _sentence_end(tokens))), v
        if low in lex.about and j + 2 < stop and normal(tokens[j + 1].text) in ("том", "те", "то", "тому") and \
                tokens[j + 2].text == ",":
            continue  # "о том, что ...": the clause after "что"
        if j > v + MAX_CUE_GAP:
            continue
        if low in lex.about and j <= v + 3:
            return _content(text, _span(tokens, j + 1, _clause_end(tokens, j + 1, lex))), j
        if t.pos in ("VERB", "AUX") and t.verb_form in ("Fin", None) and t.lemma not in lex.speech_verbs:
            break
        if t.text in CLAUSE_END:
            break
    return None, v


def _object_content(text: str, tokens: list[Token], v: int, lex: Lexicon) -> tuple[int, int] | None:
    """The object of "обвинить X в Y" (needs "в"/"у"), "назвать X Y" (needs a noun in the instrumental:
    "назвал бредом информацию о ...") and "описать X"; after "о"/"про" when the object has one."""
    end = _object_end(tokens, v + 1)
    obj = tokens[v + 1:end]
    lemma = tokens[v].lemma
    if lemma.startswith(("обвин", "звинуват", "звинувач")) and not any(normal(t.text) in ("в", "у", "во") for t in obj):
        return None
    if lemma.startswith(("назва", "назыв", "назив")) and not any(t.case == "Ins" for t in obj):
        return None
    for k, t in enumerate(obj):
        if normal(t.text) in lex.about and k + 1 < len(obj):
            return _content(text, _span(tokens, v + 2 + k, end))
    return _content(text, _span(tokens, v + 1, end))


def _object_end(tokens: list[Token], i: int) -> int:
    """An object runs to the end of its sentence, or to a comma before a gerund or a finite verb."""
    for j in range(i, len(tokens) - 1):
        nxt = tokens[j + 1]
        if tokens[j].text == "," and nxt.pos in ("VERB", "AUX") and nxt.verb_form in ("Conv", "Fin"):
            return j
    return _sentence_end(tokens)


def content_before(text: str, tokens: list[Token], v: int, quotes: list[Quote]) -> tuple[int, int] | None:
    """The content of a verb that follows it: "«...», — сказал X" (the quotation, which may begin in
    an earlier sentence) or "..., заявил X" (the sentence up to the comma)."""
    j = v - 1
    while j >= 0 and tokens[j].is_punct and tokens[j].text in DASHES | {","}:
        j -= 1
    if j == v - 1 or j < 0:
        return None
    if tokens[j].text in CLOSERS:
        q = quote_at(quotes, tokens[j].start)
        if q is not None:
            return _content(text, (q.inner_start, q.inner_end))
    return _content(text, _span(tokens, 0, j + 1))


def denies(text: str, cue: tuple[int, int] | None, content: tuple[int, int], verb: Token | None,
           lex: Lexicon) -> str:
    """``denies`` for a verb of denial, for "назвал фейком", or for a content that says it is false."""
    if verb is not None and verb.lemma in lex.denial_verbs:
        before = text[max(0, verb.start - 6):verb.start].lower()
        return "asserts" if re.search(r"\bне\s*$", before) else "denies"
    if verb is not None and verb.lemma in lex.object_verbs and lex.falsity.search(text[verb.end:content[0]]):
        return "denies"
    if lex.falsity.search(text[content[0]:content[1]]):
        return "denies"
    return "asserts"
