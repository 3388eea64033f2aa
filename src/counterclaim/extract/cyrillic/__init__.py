"""Claims from Russian and Ukrainian reports: the same Claim objects the English pipeline makes.

The passes, in order (each module does one job):

1. :mod:`morph` tokens with lemma, part of speech and case (natasha for Russian, pymorphy3 for Ukrainian);
2. :mod:`quotes` quotations; :mod:`attribution` joins sentences a quotation spans and runs
3. :mod:`rules`, the constructions of attribution, over the cue lexicon of :mod:`lexicon` (``lexicon.yaml``);
4. :mod:`speakers` resolves each mention against the actor registry's Cyrillic aliases;
5. :mod:`counterclaim.extract.channels`: the publisher speaks for what nobody else is said to say:
   a Telegram channel for every such statement of its post, an outlet for those of its lead paragraph;
6. :mod:`values` finds quantities, places and times in each content.

Only paragraphs identified as Russian or Ukrainian are read; the router
(:mod:`counterclaim.extract.routing`) sends English documents to the English pipeline unchanged.
"""

from __future__ import annotations

from counterclaim.extract import channels
from counterclaim.extract.cyrillic import values
from counterclaim.extract.cyrillic.attribution import find_attributions
from counterclaim.extract.cyrillic.lexicon import lexicon
from counterclaim.extract.cyrillic.rules import Found
from counterclaim.extract.cyrillic.speakers import CyrillicSpeakers
from counterclaim.lang import identify
from counterclaim.models import Claim, Document, Span, Speaker, TimeRange

__all__ = ["extract_cyrillic"]


def extract_cyrillic(doc: Document) -> list[Claim]:
    """Every attributed claim in the Russian and Ukrainian paragraphs of ``doc``."""
    paragraphs = doc.paragraph_languages or identify(doc.text).paragraphs
    lang = doc.language if doc.language in ("ru", "uk") else _main_cyrillic(paragraphs)
    text = doc.text
    outlet = channels.outlet_speaker(doc)
    resolver = CyrillicSpeakers(lexicon(lang), outlet)
    found = find_attributions(text, paragraphs, own_voice="all" if doc.source_kind == "telegram" else "lead")
    seen: dict[int, Speaker] = {}
    out: dict[str, Claim] = {}
    for att in found:
        speaker = _speaker(att, resolver, seen, text, outlet)
        seen[id(att)] = speaker
        claim = _claim(doc, att, speaker, _lang_at(paragraphs, att.content[0], lang))
        out.setdefault(claim.id, claim)
    return sorted(out.values(), key=lambda c: (c.content.start, c.speaker.name))


def _main_cyrillic(paragraphs: list[tuple[int, int, str | None]]) -> str:
    sizes = {"ru": 0, "uk": 0}
    for start, end, lang in paragraphs:
        if lang in sizes:
            sizes[lang] += end - start
    return max(sizes, key=lambda k: sizes[k])


def _lang_at(paragraphs: list[tuple[int, int, str | None]], pos: int, default: str) -> str:
    for start, end, lang in paragraphs:
        if start <= pos < end and lang in ("ru", "uk"):
            return lang
    return default


def _speaker(att: Found, resolver: CyrillicSpeakers, seen: dict[int, Speaker], text: str, outlet: Speaker) -> Speaker:
    if att.outlet:
        return outlet
    if att.source is None:
        if att.continues is not None and id(att.continues) in seen:
            return seen[id(att.continues)]
        return resolver.last() or outlet
    return resolver.resolve(Span.of(text, *att.source))


def _claim(doc: Document, att: Found, speaker: Speaker, lang: str) -> Claim:
    text = doc.text
    content = Span.of(text, *att.content)
    cue = Span.of(text, *att.cue) if att.cue is not None else None
    sentence = values.sentence_around(text, att)
    return Claim(
        id=Claim.make_id(doc.id, speaker.name, content, att.stance),
        document_id=doc.id, speaker=speaker, cue=cue, content=content, stance=att.stance,
        hedges=values.hedges(text, content.start, content.end, lang),
        quantities=values.find_quantities(text, content.start, content.end, lang),
        places=values.find_places(text, content.start, content.end, lang),
        when=values.event_time(text, content.start, content.end, doc.published, lang),
        said_at=_said_at(doc, sentence, lang), sentence=sentence,
        confidence=0.8, method=f"{lang}:{att.method}",
    )


def _said_at(doc: Document, sentence: Span, lang: str) -> TimeRange | None:
    """When the claim was made: a Russian or Ukrainian time in its sentence, else what the English
    pipeline finds there (clock times), else the publication day."""
    from counterclaim.extract.attribution_claims import _said_at as said_at_or_published

    found = values.find_times(doc.text, sentence.start, sentence.end, doc.published, lang)
    return found[0] if found else said_at_or_published(doc, sentence)
