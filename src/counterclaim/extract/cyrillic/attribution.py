"""One pass over a Russian or Ukrainian document: paragraphs, sentences, then the rules of :mod:`rules`.

Sentences that a quotation spans are joined first (razdel splits "«Это бред! Все
нормально», — сказал он" after "бред!"), so a quotation and its cue meet in one sentence.
Paragraphs in English or with no language are skipped here.
"""

from __future__ import annotations

import re

from counterclaim.extract.cyrillic import rules
from counterclaim.extract.cyrillic.lexicon import lexicon
from counterclaim.extract.cyrillic.morph import Token, analyse, normal
from counterclaim.extract.cyrillic.quotes import OPENERS, Quote, find_quotes, quote_at
from counterclaim.extract.cyrillic.rules import Found


def sentences(text: str, start: int, end: int, lang: str, quotes: list[Quote]) -> list[list[Token]]:
    """The sentences of one paragraph, joined where a quotation runs across a boundary."""
    out: list[list[Token]] = []
    for sent in analyse(lang, text, start, end):
        if out and any(q.start < sent[0].start < q.end for q in quotes):
            out[-1] = out[-1] + sent
        else:
            out.append(sent)
    return out


def find_attributions(text: str, paragraphs: list[tuple[int, int, str | None]], own_voice: str = "lead") -> list[Found]:
    """Every attribution in the Russian and Ukrainian paragraphs of ``text``, in reading order.
    ``own_voice`` says which unattributed statements the publisher makes itself: those of the
    lead paragraph of an article ("lead"), every one of a Telegram post ("all"), or none."""
    found: list[Found] = []
    own: list[list[Token]] = []
    labelled: tuple[int, int] | None = None
    previous: tuple[int, int] | None = None  # the previous paragraph's span
    for start, end, lang in paragraphs:
        if lang not in ("ru", "uk"):
            previous = (start, end)
            continue
        para_text = text[start:end]
        label = rules.LABEL.match(para_text)
        if label:
            labelled = (start + label.start("who"), start + label.end("who"))
            previous = (start, end)
            continue
        quotes = find_quotes(text, start, end)
        before = len(found)
        verbatim = rules.VERBATIM.match(para_text)
        if verbatim and labelled is not None:
            content = rules._content(text, (start + verbatim.end(), end))
            if content:
                found.append(Found(labelled, (start + verbatim.start("label"), start + verbatim.end("label")),
                                   content, method="rules:labelled"))
                previous = (start, end)
                continue
        sents = sentences(text, start, end, lang, quotes)
        for k, sent in enumerate(sents):
            prior = (sents[k - 1][0].start, sents[k - 1][-1].end) if k > 0 else previous
            found.extend(_sentence(text, sent, lang, quotes, found, prior))
        if len(found) == before:
            cont = _quote_paragraph(text, start, end, quotes, found)
            if cont is not None:
                found.append(cont)
        if own_voice == "all" or (own_voice == "lead" and not own):
            own.extend(sents)
        previous = (start, end)
    if own:  # after every rule has run: "Про це X заявив" in a later paragraph attributes the lead
        found.extend(_own_voice(text, own, found, min_words=3 if own_voice == "all" else 5))
    return found


def _own_voice(text: str, sents: list[list[Token]], found: list[Found], min_words: int = 5) -> list[Found]:
    """The publisher's own reporting: each statement (a sentence with a verb and ``min_words`` words
    or more: a post's short lines count, an article's headline-like fragments do not) among ``sents``
    that attributes nothing and that nothing attributes."""
    out = []
    for sent in sents:
        span = (sent[0].start, sent[-1].end)
        if any(f.content[0] < span[1] and span[0] < f.content[1] for f in found) or any(
                f.cue is not None and span[0] <= f.cue[0] < span[1] for f in found):
            continue
        words = [t for t in sent if not t.is_punct]
        if len(words) < min_words or text[span[1] - 1:span[1]] == "?" or not any(
                t.pos in ("VERB", "AUX") and t.verb_form != "Inf" for t in sent):
            continue
        content = rules._content(text, rules._span(sent, 0, len(sent)))
        if content is not None:
            out.append(Found(None, None, content, method="rules:outlet-lead", outlet=True))
    return out


def _sentence(text: str, tokens: list[Token], lang: str, quotes: list[Quote], found: list[Found],
              prior: tuple[int, int] | None) -> list[Found]:
    """The attributions of one sentence: the "according to" phrase, impersonal cues, verbs of saying."""
    lex = lexicon(lang)
    out: list[Found] = []
    sent_start, sent_end = tokens[0].start, tokens[-1].end
    sent_text = text[sent_start:sent_end]
    for m in lex.according.finditer(sent_text.lower()):
        if quote_at(quotes, sent_start + m.start()) is None:
            hit = _according(text, tokens, sent_start + m.start(), sent_start + m.end(), lex)
            if hit is not None:
                out.append(hit)
    for m in lex.impersonal.finditer(sent_text.lower()):
        if quote_at(quotes, sent_start + m.start()) is None:
            i = next((k for k, t in enumerate(tokens) if t.start >= sent_start + m.end()), len(tokens))
            content, _ = rules.content_after(text, tokens, max(0, i - 1), quotes, lex)
            if content is not None and not _overlaps(content, out):
                out.append(Found(None, (sent_start + m.start(), sent_start + m.end()), content,
                                 rules.denies(text, None, content, None, lex), method="rules:impersonal"))
    this = lex.this.match(sent_text.lower()) is not None and prior is not None
    for n, tok in enumerate(tokens):
        if tok.lemma in lex.nominal_cues and quote_at(quotes, tok.start) is None:
            out.extend(_nominal(text, tokens, n, lex))
    for v, tok in enumerate(tokens):
        if tok.pos not in ("VERB", "AUX") or tok.lemma not in lex.speech_verbs or tok.verb_form in ("Part", "Inf"):
            continue
        q = quote_at(quotes, tok.start)
        if q is not None:
            hit = _interrupted(text, tokens, v, q)
            if hit is not None:
                out.append(hit)
            continue
        if _inside_found(tok.start, out):
            continue
        hit = _verb(text, tokens, v, quotes, lex, out, this, prior, found)
        this = False  # "об этом" belongs to the first verb of saying only
        if hit is not None:
            out.append(hit)
    return out


def _overlaps(span: tuple[int, int], found: list[Found]) -> bool:
    return any(f.content[0] < span[1] and span[0] < f.content[1] for f in found)


def _inside_found(pos: int, found: list[Found]) -> bool:
    """A verb inside a content already attributed in this sentence is part of what was said."""
    return any(f.content[0] <= pos < f.content[1] for f in found) or any(
        f.source is not None and f.source[0] <= pos < f.source[1] for f in found)


def _according(text: str, tokens: list[Token], start: int, end: int, lex) -> Found | None:
    """"По словам X, C", "C, по словам X", "Как сообщает X, C", "на думку X C"."""
    i = next((k for k, t in enumerate(tokens) if t.start >= end), len(tokens))
    first = next((k for k, t in enumerate(tokens) if t.start >= start), 0)
    possessive = next((normal(t.text) for t in tokens[first:i] if normal(t.text) in lex.possessives), None)
    if i < len(tokens) and normal(tokens[i].text) in rules.RELATIVE | {"яким", "которым", "якою", "которой"}:
        return None  # "згідно з яким": the speaker is the antecedent's, handled with nominal cues
    if possessive is not None:  # "По его словам": the pronoun speaks
        speaker = next(((t.start, t.end) for t in tokens[first:i] if normal(t.text) == possessive), None)
        sp_end = i
    else:
        sp_end = _genitive_phrase(tokens, i)
        if sp_end == i:
            return None
        speaker = rules._span(tokens, i, sp_end)
    k = sp_end + 1 if sp_end < len(tokens) and tokens[sp_end].text == "," else sp_end
    content = rules._content(text, rules._span(tokens, k, rules._sentence_end(tokens)))
    if content is None and first > 0 and tokens[first - 1].text == ",":  # "C, по словам X."
        content = rules._content(text, rules._span(tokens, 0, first - 1))
    if content is None or speaker is None:
        return None
    return Found(speaker, (start, end), content, rules.denies(text, None, content, None, lex), method="rules:according")


def _interrupted(text: str, tokens: list[Token], v: int, q: Quote) -> Found | None:
    """"«Это правда, – отметил X. – Но ...»": a verb of saying between dashes inside a quotation
    attributes the whole quotation to the subject after it."""
    if v < 2 or tokens[v - 1].text not in rules.DASHES or tokens[v - 2].text not in (",", "!", "?", "…"):
        return None
    subject = rules.subject_after(tokens, v)
    if subject is None:
        return None
    after = subject[1]
    if after + 1 >= len(tokens) or tokens[after].text not in (".", ",", ":") or \
            tokens[after + 1].text not in rules.DASHES:
        return None
    content = rules._content(text, (q.inner_start, q.inner_end))
    span = rules._span(tokens, *subject)
    if content is None or span is None:
        return None
    return Found(span, (tokens[v].start, tokens[v].end), content, method="rules:interrupted")


_AGREEING = re.compile(r"\bне\s+(?:соглас\w*|згодн\w*|погоджу\w*|поділя\w*|разделя\w*)", re.I)
_RELATIVE_INTRO = re.compile(r"^\s*,\s*(?:згідно\s+з\s+(?:яким|якою|якими)|відповідно\s+до\s+(?:якого|якої)|"
                             r"согласно\s+(?:которому|которой|которым)|в\s+(?:котором|которой|якому|якій)|"
                             r"у\s+(?:якому|якій)|(?:о\s+том|про\s+те)\s*,\s*(?:что|що)|что|що)\s+", re.I)


def _nominal(text: str, tokens: list[Token], n: int, lex) -> list[Found]:
    """"заявление X о том, что C", "заявою X, згідно з якою C", "повідомлення X про те, що C": the
    genitive phrase after the noun speaks; "не согласны с заявлением X, ..." adds a denial by the
    subject of the disagreement."""
    start = n + 1
    end = rules.noun_phrase(tokens, start, len(tokens)) if start < len(tokens) else start
    if end == start or not any(t.case == "Gen" or "Gen" in t.cases or t.pos == "PROPN" for t in tokens[start:end]):
        return []
    intro = _RELATIVE_INTRO.match(text[tokens[end - 1].end:tokens[-1].end])
    if intro is None:
        return []
    c_start = tokens[end - 1].end + intro.end()
    content = rules._content(text, (c_start, tokens[rules._sentence_end(tokens) - 1].end))
    speaker = rules._span(tokens, start, end)
    if content is None or speaker is None:
        return []
    cue = (tokens[n].start, tokens[n].end)
    out = [Found(speaker, cue, content, rules.denies(text, None, content, None, lex), method="rules:nominal")]
    disagree = _AGREEING.search(text[tokens[0].start:tokens[n].start])
    if disagree:
        k = next(i for i, t in enumerate(tokens) if t.start >= tokens[0].start + disagree.end())
        subject = rules.subject_after(tokens, k - 1)
        span = rules._span(tokens, *subject) if subject else None
        if span is not None:
            d_cue = (tokens[0].start + disagree.start(), tokens[0].start + disagree.end())
            out.append(Found(span, d_cue, content, "denies", method="rules:disagrees"))
    return out


def _genitive_phrase(tokens: list[Token], i: int) -> int:
    """The speaker after "по словам", "за даними", "на думку": a phrase in the genitive (or a name),
    which ends where the content's subject, a common noun in the nominative, begins."""
    end = rules.noun_phrase(tokens, i, len(tokens))
    for j in range(i + 1, end):
        t = tokens[j]
        if t.pos in ("NOUN", "ADJ") and t.case in ("Nom", None) and t.text[:1].islower() \
                and tokens[j - 1].case not in ("Nom",) and not tokens[j - 1].is_punct:
            return j
    return end


def _verb(text: str, tokens: list[Token], v: int, quotes: list[Quote], lex, out: list[Found], this: bool,
          prior: tuple[int, int] | None, found: list[Found]) -> Found | None:
    """A verb of saying with its content and subject."""
    verb = tokens[v]
    cue = (verb.start, verb.end)
    subject = None
    if this:  # "Про це X заявив ...": the sentence or paragraph before is the content
        content = rules._content(text, prior)
        said = [f for f in found if content is not None and f.content[0] < content[1] and content[0] < f.content[1]]
        if said:  # what was said there is already attributed: this speaker says the same
            content = said[-1].content
        if content is None:
            return None
        subject = rules.subject_before(tokens, v, lex) or rules.subject_after(tokens, v)
        return _with_subject(text, tokens, subject, cue, content, verb, lex, "rules:this")
    content, last = rules.content_after(text, tokens, v, quotes, lex)
    if content is not None:
        cue = (verb.start, tokens[last].end)
        cited = _cited(text, tokens, v, lex)
        subject = cited or rules.subject_before(tokens, v, lex) or rules.subject_after(tokens, v)
        if subject is None and verb.verb_form == "Conv" and out:  # "..., заявив, что": the main clause's speaker
            return Found(out[-1].source, cue, content, rules.denies(text, cue, content, verb, lex),
                         method="rules:gerund", continues=out[-1])
        return _with_subject(text, tokens, subject, cue, content, verb, lex, "rules:verb")
    content = rules.content_before(text, tokens, v, quotes)
    if content is not None and not _overlaps(content, out):
        subject = rules.subject_after(tokens, v)
        if subject is None:
            return None
        return _with_subject(text, tokens, subject, cue, content, verb, lex, "rules:inverted")
    return None


def _cited(text: str, tokens: list[Token], v: int, lex) -> tuple[int, int] | None:
    """"ТАСС со ссылкой на источник сообщает": the cited source, between the phrase and the verb."""
    sent_start = tokens[0].start
    hits = list(lex.citing.finditer(text[sent_start:tokens[v].start].lower()))
    if not hits:
        return None
    m = hits[-1]
    i = next((k for k, t in enumerate(tokens) if t.start >= sent_start + m.end()), v)
    return (i, rules.noun_phrase(tokens, i, v)) if i < v else None


def _with_subject(text: str, tokens: list[Token], subject: tuple[int, int] | None, cue: tuple[int, int],
                  content: tuple[int, int], verb: Token, lex, method: str) -> Found | None:
    if subject is None:
        return None
    span = rules._span(tokens, *subject)
    if span is None or (content[0] <= span[0] < content[1]) or normal(text[span[0]:span[1]]) in rules.DEMONSTRATIVES:
        return None
    return Found(span, cue, content, rules.denies(text, cue, content, verb, lex), method=method)


def _quote_paragraph(text: str, start: int, end: int, quotes: list[Quote], found: list[Found]) -> Found | None:
    """A paragraph that opens with a quotation and attributes nothing continues the last speaker."""
    body = text[start:end].lstrip()
    if not found or not body or body[0] not in OPENERS or not quotes:
        return None
    q = quotes[0]
    content = rules._content(text, (q.inner_start, q.inner_end))
    if content is None:
        return None
    last = found[-1]
    return Found(None, last.cue, content, method="rules:quote-paragraph", continues=last)
