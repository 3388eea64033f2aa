"""Tokens of Russian and Ukrainian text with lemma, part of speech, case and (Russian) syntax.

Russian goes through natasha: razdel's segmenter, then slovnet's news morphology
tagger and syntax parser (all shipped offline inside the PyPI packages), which
choose each word's part of speech and case in context and give the subject of
each verb (``nsubj``). Lemmas come from pymorphy3 (natasha's own lemmatiser needs
the retired pymorphy2), choosing the analysis that agrees with natasha's tags.

Ukrainian has no offline parser: razdel segments (its rules hold for Ukrainian
punctuation), pymorphy3 with the ``pymorphy3-dicts-uk`` dictionary gives lemma,
part of speech and case of each word out of context (its most likely analysis).
The rules built on these tokens therefore never need a parse; they use it in
Russian where it exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from counterclaim.errors import ModelError

# pymorphy3 (OpenCorpora) tags -> Universal Dependencies, for the few we use
_POS = {"NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "VERB": "VERB", "INFN": "VERB",
        "PRTF": "VERB", "PRTS": "VERB", "GRND": "VERB", "NUMR": "NUM", "ADVB": "ADV", "NPRO": "PRON",
        "PRED": "ADV", "PREP": "ADP", "CONJ": "CCONJ", "PRCL": "PART", "INTJ": "INTJ"}
_CASE = {"nomn": "Nom", "gent": "Gen", "gen2": "Gen", "datv": "Dat", "accs": "Acc", "acc2": "Acc",
         "ablt": "Ins", "loct": "Loc", "loc2": "Loc", "voct": "Nom"}
_VERB_FORM = {"GRND": "Conv", "PRTF": "Part", "PRTS": "Part", "INFN": "Inf"}


@dataclass
class Token:
    """One word or punctuation mark; offsets are absolute into the document text."""

    text: str
    start: int
    end: int
    lemma: str
    pos: str  # Universal Dependencies part of speech ("NOUN", "PROPN", "VERB", "PUNCT", ...)
    case: str | None = None  # "Nom", "Gen", ...
    verb_form: str | None = None  # "Fin", "Conv" (gerund), "Part", "Inf"
    head: int | None = None  # index of the syntactic head in the paragraph's tokens (Russian only)
    rel: str | None = None  # dependency relation to the head (Russian only)
    tags: set[str] = field(default_factory=set)  # pymorphy3 grammemes ("Surn", "Name", "Geox", "Abbr", ...)
    cases: frozenset[str] = frozenset()  # every case the word may be in (out of context), or its case in context

    @property
    def is_punct(self) -> bool:
        return self.pos == "PUNCT"


@lru_cache(maxsize=2)
def analyzer(lang: str):
    """The pymorphy3 analyser for ``lang`` ("ru" or "uk"), built once per process."""
    try:
        import pymorphy3
        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ImportError, ValueError) as exc:
        raise ModelError(f"pymorphy3 with its {lang} dictionary is not installed ({exc}); run `make setup` "
                         "(pymorphy3, pymorphy3-dicts-ru and pymorphy3-dicts-uk are pinned in requirements.txt)") from exc


@lru_cache(maxsize=1)
def _natasha():
    """natasha's segmenter, morphology tagger and syntax parser, loaded once per process (about 2 s)."""
    try:
        from natasha import NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, Segmenter
    except ImportError as exc:
        raise ModelError("natasha is not installed; run `make setup` (it is pinned in requirements.txt)") from exc
    emb = NewsEmbedding()
    return Segmenter(), NewsMorphTagger(emb), NewsSyntaxParser(emb)


def normal(word: str) -> str:
    """A word folded for comparison: lower case, ``ё`` as ``е``, apostrophe variants as one."""
    return word.lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")


@lru_cache(maxsize=50_000)
def _parses(lang: str, word: str):
    return analyzer(lang).parse(word)


def lemma(lang: str, word: str, pos: str | None = None, case: str | None = None) -> str:
    """The dictionary form of ``word``: the analysis that agrees with ``pos``/``case`` when given."""
    parses = _parses(lang, word)
    for p in parses:
        if (pos is None or _POS.get(p.tag.POS or "") == pos or (pos == "PROPN" and p.tag.POS == "NOUN")) and (
                case is None or _CASE.get(p.tag.case or "") == case):
            return normal(p.normal_form)
    return normal(parses[0].normal_form) if parses else normal(word)


def lemmas(lang: str, word: str) -> set[str]:
    """Every dictionary form ``word`` may have (out of context)."""
    return {normal(p.normal_form) for p in _parses(lang, word)} or {normal(word)}


def nominative(lang: str, word: str) -> str:
    """``word`` in the nominative with its own gender and number ("Новой" -> "новая"), for gazetteer look-ups."""
    for p in _parses(lang, word):
        if p.tag.case and p.tag.case != "nomn":
            form = p.inflect({"nomn"})
            if form is not None:
                return normal(form.word)
        elif p.tag.case == "nomn":
            return normal(word)
    return normal(word)


_FUNCTION = frozenset({"PREP", "CONJ", "PRCL", "NPRO"})
_RARE = frozenset({"impr", "voct", "Infr", "Slng", "Arch", "Erro", "Dist", "Litr"})


def best_parse(lang: str, word: str):
    """The most likely analysis out of context. pymorphy3's Ukrainian dictionary gives every analysis
    the same score, so its first is often a rare one ("війни" as an imperative, "про" as a noun):
    closed-class words win, rare forms (imperatives, vocatives, slang) and abbreviation readings of
    lower-case words lose."""
    parses = _parses(lang, word)

    def rank(p) -> tuple[int, int]:
        g = set(p.tag.grammemes)
        score = 0
        if p.tag.POS in _FUNCTION:
            score += 3
        if g & _RARE:
            score -= 2
        if ("Abbr" in g or "Fixd" in g) and not word.isupper() and p.tag.POS == "NOUN":
            score -= 2
        return (score, -parses.index(p))

    return max(parses, key=rank)


def _from_pymorphy(lang: str, text: str, start: int) -> Token:
    """A token analysed out of context by pymorphy3."""
    if not any(ch.isalnum() for ch in text):
        return Token(text, start, start + len(text), text, "PUNCT")
    if text.isdigit():
        return Token(text, start, start + len(text), text, "NUM")
    p = best_parse(lang, text)
    cases = frozenset(_CASE[q.tag.case] for q in _parses(lang, text)
                      if q.tag.case in _CASE and q.tag.POS == p.tag.POS)
    tag = p.tag
    pos = _POS.get(tag.POS or "", "X")
    grammemes = set(tag.grammemes)
    if pos == "NOUN" and (grammemes & {"Name", "Surn", "Patr", "Geox", "Orgn"} or
                          (text[:1].isupper() and start > 0 and "Abbr" not in grammemes and tag.POS is None)):
        pos = "PROPN"
    if tag.POS is None and text[:1].isupper():
        pos = "PROPN"
    verb_form = _VERB_FORM.get(tag.POS or "", "Fin" if tag.POS == "VERB" else None)
    return Token(text, start, start + len(text), normal(p.normal_form), pos, _CASE.get(tag.case or ""),
                 verb_form, tags=grammemes, cases=cases)


def analyse(lang: str, text: str, start: int, end: int) -> list[list[Token]]:
    """The sentences of ``text[start:end]`` as lists of tokens (absolute offsets). The analysis reads
    a same-length copy with look-alike Latin letters and pre-reform spelling made modern Cyrillic
    (:func:`counterclaim.lang.script.reading_copy`); token texts are the copy's, offsets the text's."""
    from counterclaim.lang.script import reading_copy

    text = text[:start] + reading_copy(text[start:end]) + text[end:]
    if lang == "ru":
        return _analyse_ru(text, start, end)
    from razdel import sentenize, tokenize

    out = []
    for sent in sentenize(text[start:end]):
        base = start + sent.start
        out.append([_from_pymorphy(lang, t.text, base + t.start) for t in tokenize(sent.text)])
    return [s for s in out if s]


def _analyse_ru(text: str, start: int, end: int) -> list[list[Token]]:
    from natasha import Doc

    segmenter, tagger, parser = _natasha()
    doc = Doc(text[start:end])
    doc.segment(segmenter)
    doc.tag_morph(tagger)
    doc.parse_syntax(parser)
    out = []
    for sent in doc.sents:
        index = {t.id: i for i, t in enumerate(sent.tokens)}
        tokens = []
        for t in sent.tokens:
            base = _from_pymorphy("ru", t.text, start + t.start)
            feats = t.feats or {}
            pos = "PUNCT" if base.pos == "PUNCT" else (t.pos or base.pos)
            case = feats.get("Case", base.case if pos in ("NOUN", "PROPN", "ADJ", "PRON", "DET", "NUM") else None)
            verb_form = feats.get("VerbForm") if pos in ("VERB", "AUX") else None
            lem = base.lemma if pos == "PUNCT" else lemma("ru", t.text, pos if pos != "PROPN" else "NOUN", case)
            tokens.append(Token(t.text, base.start, base.end, lem, pos, case, verb_form,
                                index.get(t.head_id), t.rel, base.tags, frozenset({case}) if case else frozenset()))
        out.append(tokens)
    return [s for s in out if s]
