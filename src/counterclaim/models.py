"""The data model every stage shares: documents in, claims out, events and relations between them.

Every textual field is a :class:`Span`, a character range into ``Document.text``
(the exact text as stored), so any field can be highlighted in its source.
Ids are content hashes (:func:`content_id`): running a stage twice on the same
input yields the same ids, which is what makes ingest and linking idempotent.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Side = Literal["russia", "ukraine", "third_party", "media", "unknown"]
"""Which side of the war a speaker speaks for. Wagner counts as ``russia`` (its
organisation says ``Wagner``); Western governments and analysts are ``third_party``."""

SIDES: tuple[str, ...] = ("russia", "ukraine", "third_party", "media", "unknown")

Stance = Literal["asserts", "denies"]
Bound = Literal["exact", "at_least", "at_most", "approx", "range"]
RelationKind = Literal["corroborates", "contradicts", "refines"]
SourceKind = Literal["text", "markdown", "html", "json", "jsonl", "feed", "telegram"]


def content_id(prefix: str, *parts: object) -> str:
    """A short stable id from the parts that define an object (``prefix-<16 hex>``)."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:16]}"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A character range ``[start, end)`` into the document text, with the text it covers."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of ``text[start:end]``."""
        return cls(text=text[start:end], start=start, end=end)


class Document(_Model):
    """One report as ingested: its exact text, who published it, and when."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None  # timezone-aware when known
    source_kind: SourceKind = "text"
    source_path: str | None = None
    meta: dict[str, object] = Field(default_factory=dict)  # e.g. channel, message_id, forwarded_from, edited
    # ISO 639-1 code among counterclaim.lang.SUPPORTED ("en", "ru", "uk"), identified at ingest;
    # None for documents stored before identification or with no letters
    language: str | None = None
    paragraph_languages: list[tuple[int, int, str | None]] = Field(default_factory=list)  # (start, end, language)

    @staticmethod
    def make_id(text: str, outlet: str | None = None, url: str | None = None, title: str | None = None) -> str:
        """The id of a document without one of its own: a hash of what it says and who says it."""
        return content_id("doc", outlet or "", url or "", title or "", text)

    @property
    def content_hash(self) -> str:
        """Identity for idempotent ingest: same outlet, url, title and text means same document."""
        return self.make_id(self.text, self.outlet, self.url, self.title)


class Speaker(_Model):
    """Who makes a claim: the mention as written, resolved to a canonical actor when known."""

    mention: Span | None = None  # None when the speaker is implicit (e.g. the outlet's own voice)
    name: str  # canonical name, e.g. "Russian Ministry of Defence"
    side: Side = "unknown"
    organisation: str | None = None  # e.g. "Wagner Group", "Ministry of Defence of Ukraine"
    actor_id: str | None = None  # key in the actor registry, None for unregistered speakers


class Quantity(_Model):
    """A number as an interval: "as many as 500" is ``high=500, bound="at_most"``."""

    span: Span
    value: float  # the number as written (the midpoint for ranges)
    low: float | None = None
    high: float | None = None
    unit: str | None = None  # normalised: "km", "mi", "m", "%", or None for counts
    counted: str | None = None  # the thing counted: "soldiers", "tanks", "military personnel"
    bound: Bound = "exact"
    per: str | None = None  # a rate: "day" in "up to 500 shells a day", "night" in "40 drones per night"


class Place(_Model):
    """A place named in a claim, resolved against the offline gazetteer."""

    span: Span
    name: str  # canonical gazetteer name
    lat: float | None = None
    lon: float | None = None
    gazetteer_id: str | None = None  # e.g. "geonames:712451"
    country: str | None = None  # ISO 3166 alpha-2
    direction: str | None = None  # "southwest" in "to the southwest of Bakhmut"
    anchor: str | None = None  # the place the direction is relative to


class TimeRange(_Model):
    """When something happened or was said, as a closed interval of naive-UTC-or-aware datetimes."""

    span: Span | None = None
    earliest: datetime
    latest: datetime
    granularity: Literal["instant", "hour", "part_of_day", "day", "week", "month", "year"] = "day"


class Claim(_Model):
    """One attribution: ``speaker`` ``cue`` ``content``, with what the content says in structured form."""

    id: str
    document_id: str
    speaker: Speaker
    cue: Span | None = None
    content: Span
    stance: Stance = "asserts"
    hedges: list[Span] = Field(default_factory=list)
    certainty: float = 1.0  # how firmly the speaker says it: 1.0 unhedged, 0.7 "likely", 0.5 "may" (extract/stance.py)
    quantities: list[Quantity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    when: TimeRange | None = None  # when the described event happened, where the text says
    said_at: TimeRange | None = None  # when the claim was made (falls back to publication time)
    sentence: Span | None = None  # the source sentence(s), for highlighting
    confidence: float = 1.0
    method: str = "rules"  # which extractor produced it

    @staticmethod
    def make_id(document_id: str, speaker_name: str, content: Span, stance: str) -> str:
        """Stable id: the same attribution in the same document always gets the same id."""
        return content_id("clm", document_id, speaker_name, content.start, content.end, stance)


PropositionType = Literal[
    "ADVANCE", "REPEL", "BREAKTHROUGH", "CAPTURE", "WITHDRAWAL", "LOSSES",
    "STRIKE", "CIVILIAN_HARM", "CONTROL", "DEPLOYMENT", "OTHER",
    "RESPONSIBILITY", "GROUND", "TOLL",
]
Frame = Literal["responsibility", "ground", "toll", "other"]
"""The question a claim bears on: who is responsible for a harm, who gains ground, what a toll counts,
or none of those (compared by wording)."""


class Proposition(_Model):
    """What a claim says happened, typed for comparison: "Ukraine ADVANCE near Bakhmut, 2 km"."""

    claim_id: str
    type: PropositionType
    polarity: bool = True  # False when the claim says it did not happen
    actor: str | None = None  # side or force that acts ("ukraine")
    target: str | None = None
    places: list[Place] = Field(default_factory=list)
    when: TimeRange | None = None
    quantities: list[Quantity] = Field(default_factory=list)


class Cluster(_Model):
    """Claims that assert or deny one proposition, with a canonical statement of it.

    ``members`` maps each claim id to its polarity on the statement (False: the claim says it is
    false). ``answer`` is what the proposition says to its frame's question: the side held
    responsible, the side that gains ground, or None where the frame has no sides."""

    id: str
    statement: str
    frame: Frame = "other"
    answer: str | None = None
    object: str | None = None
    places: list[Place] = Field(default_factory=list)
    when: TimeRange | None = None
    members: dict[str, bool] = Field(default_factory=dict)

    @staticmethod
    def make_id(claim_ids: list[str]) -> str:
        """Stable id from the (sorted) member claims."""
        return content_id("prop", *sorted(claim_ids))


class Relation(_Model):
    """How two claims bear on each other, with a reason a person can check."""

    id: str
    a: str  # claim id
    b: str  # claim id
    kind: RelationKind
    reason: str
    evidence: list[str] = Field(default_factory=list)  # machine-readable cues: "polarity", "quantity:disjoint", ...
    cross_side: bool = False  # the two speakers are on opposing sides
    independent: bool = True  # False when both trace back to the same witness
    score: float = 1.0

    @staticmethod
    def make_id(a: str, b: str, kind: str) -> str:
        """Stable id, symmetric in ``a`` and ``b``."""
        x, y = sorted((a, b))
        return content_id("rel", x, y, kind)


EventStatus = Literal["corroborated_across_sides", "corroborated", "disputed", "denied", "single_source", "unresolved"]


class SidePosition(_Model):
    """What one side says about an event."""

    side: Side
    speakers: list[str] = Field(default_factory=list)
    claim_ids: list[str] = Field(default_factory=list)
    summary: str = ""
    stance: Literal["asserts", "denies", "mixed"] = "asserts"


class QuantitySpread(_Model):
    """The range of one kind of number ("km advanced", "soldiers killed") as each side gives it."""

    key: str
    unit: str | None = None
    by_side: dict[str, tuple[float | None, float | None]] = Field(default_factory=dict)  # side -> (low, high)


class Assessment(_Model):
    """Where an event stands: who agrees, who disputes, how far the numbers spread."""

    status: EventStatus
    counts: dict[str, int] = Field(default_factory=dict)  # "claims", "corroborates", "contradicts", "cross_side", ...
    positions: list[SidePosition] = Field(default_factory=list)
    spreads: list[QuantitySpread] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # e.g. "a faction contradicts its own side"


class Event(_Model):
    """A happening that several claims talk about."""

    id: str
    type: PropositionType
    title: str
    places: list[Place] = Field(default_factory=list)
    when: TimeRange | None = None
    claim_ids: list[str] = Field(default_factory=list)
    relation_ids: list[str] = Field(default_factory=list)
    assessment: Assessment | None = None
    propositions: list[Cluster] = Field(default_factory=list)  # the event's proposition clusters

    @staticmethod
    def make_id(claim_ids: list[str]) -> str:
        """Stable id from the (sorted) member claims."""
        return content_id("evt", *sorted(claim_ids))


ReviewVerdict = Literal["confirmed", "rejected"]


class Review(_Model):
    """An analyst's verdict on a relation; it outlives re-linking because it keys on the relation id."""

    id: str
    relation_id: str
    verdict: ReviewVerdict
    reason: str
    at: datetime
    reviewer: str | None = None


class SideOverride(_Model):
    """An analyst's correction of a speaker's side; applied whenever claims are read or re-linked."""

    speaker: str  # canonical speaker name
    side: Side
    reason: str
    at: datetime
