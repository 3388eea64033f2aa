"""Documents to Claims: run the pipeline, resolve speakers, decide stance, fill in the values.

This is the orchestrator behind ``extract_claims`` and ``extract_many``. Each
attribution the spaCy component found becomes a :class:`~counterclaim.models.Claim`
whose spans are offsets into ``Document.text``; speakers resolve through the actor
registry in reading order (so "he said" finds the named speaker before it); the
value extractors (quantities, places, times) run on each content span.

A long document is parsed in bounded windows of whole paragraphs (:mod:`windows`), each a
spaCy doc of its own whose offsets are shifted back into the document's text; one speaker
resolver follows the whole document, so a pronoun in one window finds a name in the one before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span as SpacySpan

from counterclaim.extract import places, quantities, stance, times, windows
from counterclaim.extract.attribution import Attribution
from counterclaim.extract.pipeline import get_nlp
from counterclaim.extract.speakers import SpeakerResolver
from counterclaim.models import Claim, Document, Place, Span, Speaker, TimeRange

BATCH_SIZE = 16
BEFORE_CHARS = 5_000  # text before a speaker mention that pronoun and title resolution may read


def extract_claims(doc: Document) -> list[Claim]:
    """Every attributed claim in one document (one claim per speaker and content)."""
    return next(extract_many([doc]))[1]


@dataclass
class _Reading:
    """One document being read window by window: its speaker resolver and the claims so far."""

    doc: Document
    windows: int
    resolver: SpeakerResolver
    claims: dict[str, Claim] = field(default_factory=dict)
    said: set[tuple[str, str]] = field(default_factory=set)  # (speaker, content words) already claimed
    done: int = 0

    def add(self, found: Iterable[Claim]) -> None:
        """Keep the new claims of one window; a standfirst or teaser repeated further down says nothing new."""
        for claim in found:
            key = _repeat_key(claim)
            if key not in self.said:
                self.said.add(key)
                self.claims.setdefault(claim.id, claim)

    def in_order(self) -> list[Claim]:
        return sorted(self.claims.values(), key=lambda c: (c.content.start, c.speaker.name))


def _repeat_key(claim: Claim) -> tuple[str, str]:
    """What makes two claims of one document the same: the speaker and the content's words."""
    return claim.speaker.name.casefold(), " ".join(claim.content.text.split()).casefold()


def extract_many(docs: Iterable[Document], spans: str | None = None,
                 n_process: int = 1) -> Iterator[tuple[Document, list[Claim]]]:
    """Claims for many documents, parsed in batches with ``nlp.pipe``; yields in input order.
    ``spans``: the span convention (``get_nlp``); ``n_process``: processes for ``nlp.pipe``.
    Long documents go through in windows."""
    if n_process > 1:
        from counterclaim.extract.pipeline import extract_in_processes

        yield from extract_in_processes(docs, spans, n_process, BATCH_SIZE)
        return
    nlp = get_nlp(spans)
    pending: list[tuple[_Reading, int]] = []

    def spacy_docs():
        for doc in docs:
            parts = windows.windows(doc.text, min(windows.WINDOW_CHARS, nlp.max_length)) or [(0, 0)]
            reading = _Reading(doc, len(parts), SpeakerResolver(outlet=doc.outlet))
            for start, end in parts:
                pending.append((reading, start))
                sdoc = nlp.make_doc(doc.text[start:end])
                sdoc.user_data["outlet"] = doc.outlet
                yield sdoc

    for sdoc in nlp.pipe(spacy_docs(), batch_size=BATCH_SIZE):
        reading, offset = pending.pop(0)
        reading.add(_window_claims(reading.doc, sdoc, offset, reading.resolver))
        reading.done += 1
        if reading.done == reading.windows:
            yield reading.doc, reading.in_order()


def claims_from(doc: Document, sdoc: SpacyDoc) -> list[Claim]:
    """The claims of one parsed document (one window holding all its text), without repeats, in
    reading order (the multi-process pipeline builds claims with it)."""
    reading = _Reading(doc, 1, SpeakerResolver(outlet=doc.outlet))
    reading.add(_window_claims(doc, sdoc, 0, reading.resolver))
    return reading.in_order()


def _window_claims(doc: Document, sdoc: SpacyDoc, offset: int, resolver: SpeakerResolver) -> list[Claim]:
    """The claims of one parsed window that starts at ``offset`` in the document's text."""
    speakers: dict[int, Speaker] = {}
    out = []
    for att in sorted(sdoc._.cc_attributions or [], key=_reading_position):
        speaker = _speaker(att, resolver, speakers, doc.text, offset)
        speakers[id(att)] = speaker
        out.append(build_claim(doc, att, speaker, offset))
    return out


def _reading_position(att: Attribution) -> int:
    """Where the speaker is met when reading (the source if any, else the content)."""
    return min(s.start_char for s in (att.source, att.cue, att.content) if s is not None)


def _speaker(att: Attribution, resolver: SpeakerResolver, seen: dict[int, Speaker], text: str,
             offset: int = 0) -> Speaker:
    if att.outlet:
        return resolver.outlet_speaker()
    if att.source is None and att.continues is not None and id(att.continues) in seen:
        return seen[id(att.continues)]
    if att.source is None:
        previous = resolver.history[-1][0] if resolver.history else None
        return previous or resolver.outlet_speaker()
    source = _antecedent(att.source)
    at = offset + source.start_char
    speaker = resolver.resolve(_span(text, source, offset), before=text[max(0, at - BEFORE_CHARS):at], source=source)
    if source is not att.source:  # "Stumpf, who told senators ...": Stumpf, written "who"
        speaker = speaker.model_copy(update={"mention": _span(text, att.source, offset)})
    if att.group is not None:  # one of several coordinated speakers: the mention is the phrase as written
        speaker = speaker.model_copy(update={"mention": _span(text, att.group, offset)})
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


def _span(text: str, s: SpacySpan, offset: int = 0) -> Span:
    """A model span for a spaCy span of a window that starts at ``offset`` in ``text``."""
    return Span.of(text, offset + s.start_char, offset + s.end_char)


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


def build_claim(doc: Document, att: Attribution, speaker: Speaker, offset: int = 0) -> Claim:
    """One Claim from one attribution (found in a window at ``offset``), with stance, hedges and values."""
    text = doc.text
    content = _span(doc.text, att.content, offset)
    cue = _span(text, att.cue, offset) if att.cue is not None else None
    before_cue = text[max(0, cue.start - 40): cue.start] if cue else ""
    claim_stance = "denies" if att.denies else stance.stance_of(cue.text if cue else None, content.text, before_cue)
    sentence = _sentence(text, att, offset)
    claim_hedges = stance.hedges(text, content.start, content.end)
    return Claim(
        id=Claim.make_id(doc.id, speaker.name, content, claim_stance),
        document_id=doc.id, speaker=speaker, cue=cue, content=content, stance=claim_stance,
        hedges=claim_hedges, certainty=stance.certainty(claim_hedges, cue.text if cue else None),
        quantities=quantities.find_quantities(text, content.start, content.end),
        places=_not_people(places.find_places(text, content.start, content.end), att.content.doc),
        when=times.event_time(text, content.start, content.end, doc.published),
        said_at=_said_at(doc, sentence), sentence=sentence,
        confidence=0.8 if att.method.startswith("rules") else 0.9, method=att.method,
    )


def _sentence(text: str, att: Attribution, offset: int = 0) -> Span:
    spans = [s for s in (att.source, att.cue, att.content) if s is not None]
    start = min(s.sent.start_char for s in spans)
    end = max(s[-1].sent.end_char for s in spans)
    return Span.of(text, offset + start, offset + end)


def _said_at(doc: Document, sentence: Span) -> TimeRange | None:
    """When the claim was made: a time in its sentence, else the publication day."""
    found = times.find_times(doc.text, sentence.start, sentence.end, doc.published)
    if found:
        return found[0]
    if doc.published is None:
        return None
    day = datetime.combine(doc.published.date(), datetime.min.time(), tzinfo=doc.published.tzinfo)
    return TimeRange(earliest=day, latest=day + timedelta(days=1) - timedelta(seconds=1), granularity="day")
