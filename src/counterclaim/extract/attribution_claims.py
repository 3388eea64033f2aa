"""Documents to Claims: run the pipeline, resolve speakers, decide stance, fill in the values.

This is the orchestrator behind ``extract_claims`` and ``extract_many``. Each
attribution the spaCy component found becomes a :class:`~counterclaim.models.Claim`
whose spans are offsets into ``Document.text``; speakers resolve through the actor
registry in reading order (so "he said" finds the named speaker before it); the
value extractors (quantities, places, times) run on each content span.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span as SpacySpan

from counterclaim.extract import places, quantities, stance, times
from counterclaim.extract.attribution import Attribution
from counterclaim.extract.pipeline import get_nlp
from counterclaim.extract.speakers import SpeakerResolver
from counterclaim.models import Claim, Document, Place, Span, Speaker, TimeRange

BATCH_SIZE = 16


def extract_claims(doc: Document) -> list[Claim]:
    """Every attributed claim in one document (one claim per speaker and content)."""
    return next(extract_many([doc]))[1]


def extract_many(docs: Iterable[Document], spans: str | None = None,
                 n_process: int = 1) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims for many documents, parsed in batches with ``nlp.pipe``; yields in input order.
    ``spans``: the span convention (``get_nlp``); ``n_process``: processes for ``nlp.pipe``."""
    if n_process > 1:
        from counterclaim.extract.pipeline import extract_in_processes

        yield from extract_in_processes(docs, spans, n_process, BATCH_SIZE)
        return
    nlp = get_nlp(spans)
    pending: list[Document] = []

    def spacy_docs():
        for doc in docs:
            pending.append(doc)
            sdoc = nlp.make_doc(doc.text)
            sdoc.user_data["outlet"] = doc.outlet
            yield sdoc

    for sdoc in nlp.pipe(spacy_docs(), batch_size=BATCH_SIZE):
        doc = pending.pop(0)
        yield doc, claims_from(doc, sdoc)


def claims_from(doc: Document, sdoc: SpacyDoc) -> list[Claim]:
    """The claims of one parsed document, deduplicated by id, in reading order."""
    resolver = SpeakerResolver(outlet=doc.outlet)
    speakers: dict[int, Speaker] = {}
    out: dict[str, Claim] = {}
    for att in sorted(sdoc._.cc_attributions or [], key=_reading_position):
        speaker = _speaker(att, resolver, speakers, doc.text)
        speakers[id(att)] = speaker
        claim = build_claim(doc, att, speaker)
        out.setdefault(claim.id, claim)
    return sorted(out.values(), key=lambda c: (c.content.start, c.speaker.name))


def _reading_position(att: Attribution) -> int:
    """Where the speaker is met when reading (the source if any, else the content)."""
    return min(s.start_char for s in (att.source, att.cue, att.content) if s is not None)


def _speaker(att: Attribution, resolver: SpeakerResolver, seen: dict[int, Speaker], text: str) -> Speaker:
    if att.outlet:
        return resolver.outlet_speaker()
    if att.source is None and att.continues is not None and id(att.continues) in seen:
        return seen[id(att.continues)]
    if att.source is None:
        previous = resolver.history[-1][0] if resolver.history else None
        return previous or resolver.outlet_speaker()
    source = _antecedent(att.source)
    speaker = resolver.resolve(_span(text, source), before=text[:source.start_char], source=source)
    if source is not att.source:  # "Stumpf, who told senators ...": Stumpf, written "who"
        speaker = speaker.model_copy(update={"mention": _span(text, att.source)})
    if att.group is not None:  # one of several coordinated speakers: the mention is the phrase as written
        speaker = speaker.model_copy(update={"mention": _span(text, att.group)})
    return speaker


def _antecedent(source: SpacySpan) -> SpacySpan:
    """For a relative pronoun ("who", "which") heading a relative clause, the noun phrase it
    stands for; else the source itself."""
    if len(source) != 1 or source[0].tag_ not in ("WP", "WDT") or source[0].head.dep_ not in ("relcl", "acl"):
        return source
    noun = source[0].head.head
    if noun.pos_ not in ("PROPN", "NOUN") or noun.i >= source.start:
        return source
    doc = source.doc
    start = noun.left_edge.i
    return doc[start: noun.i + 1]


def _span(text: str, s: SpacySpan) -> Span:
    return Span.of(text, s.start_char, s.end_char)


def _not_people(found: list[Place], sdoc: SpacyDoc) -> list[Place]:
    """The places that are not a person named in the document: "Obama" and "Clinton" are towns
    in GeoNames too. A person here is the surname of a full name the parser tagged ("Barack
    Obama"); single words are not trusted (the small model tags "Kyiv" as a person). Curated war
    places always stay."""
    if "cc_people" not in sdoc.user_data:
        people = set()
        for ent in sdoc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and all(t.is_title for t in ent):
                people.add(ent[-1].text)
        sdoc.user_data["cc_people"] = sorted(people)  # plain list: user_data may be serialised
    people = set(sdoc.user_data["cc_people"])
    return [p for p in found if (p.gazetteer_id or "").startswith("curated:") or p.span.text not in people]


def build_claim(doc: Document, att: Attribution, speaker: Speaker) -> Claim:
    """One Claim from one attribution, with stance, hedges and values."""
    text = doc.text
    content = _span(doc.text, att.content)
    cue = _span(text, att.cue) if att.cue is not None else None
    before_cue = text[max(0, cue.start - 40): cue.start] if cue else ""
    claim_stance = stance.stance_of(cue.text if cue else None, content.text, before_cue)
    sentence = _sentence(text, att)
    return Claim(
        id=Claim.make_id(doc.id, speaker.name, content, claim_stance),
        document_id=doc.id, speaker=speaker, cue=cue, content=content, stance=claim_stance,
        hedges=stance.hedges(text, content.start, content.end),
        quantities=quantities.find_quantities(text, content.start, content.end),
        places=_not_people(places.find_places(text, content.start, content.end), att.content.doc),
        when=times.event_time(text, content.start, content.end, doc.published),
        said_at=_said_at(doc, sentence), sentence=sentence,
        confidence=0.8 if att.method.startswith("rules") else 0.9, method=att.method,
    )


def _sentence(text: str, att: Attribution) -> Span:
    spans = [s for s in (att.source, att.cue, att.content) if s is not None]
    start = min(s.sent.start_char for s in spans)
    end = max(s[-1].sent.end_char for s in spans)
    return Span.of(text, start, end)


def _said_at(doc: Document, sentence: Span) -> TimeRange | None:
    """When the claim was made: a time in its sentence, else the publication day."""
    found = times.find_times(doc.text, sentence.start, sentence.end, doc.published)
    if found:
        return found[0]
    if doc.published is None:
        return None
    day = datetime.combine(doc.published.date(), datetime.min.time(), tzinfo=doc.published.tzinfo)
    return TimeRange(earliest=day, latest=day + timedelta(days=1) - timedelta(seconds=1), granularity="day")
