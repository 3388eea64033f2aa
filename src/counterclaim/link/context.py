"""Where and when each claim is, and what it says: the view of a claim that linking works on.

A claim often names no place ("the city fell") and no date ("on Thursday" was resolved, "yesterday"
was not). Its document is then its context: a claim without a place is where its document's headline,
else its claims, most often are; a claim without a date is about the day its document's dated claims
most often give, else the week before it was said. That lets a report published two years later (a
retrospective on a prison blast) meet the reports of the day, and keeps a claim about a town on the
Bakhmut front from meeting one about a dam 300 km away.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from counterclaim.link.propositions import propositions
from counterclaim.link.reading import Reading, read
from counterclaim.models import Claim, Document, Place, Proposition

_METONYMS = frozenset({"ukraine", "russia", "kyiv", "kiev", "moscow", "washington", "london", "brussels", "paris",
                       "berlin", "minsk", "belarus", "united states", "usa", "europe"})
PRECISE = frozenset({"instant", "hour", "part_of_day", "day"})  # granularities that name a day
LOOKBACK_DAYS = 7.0  # an undated claim with no dated context is about the week before it was said
_EPOCH = datetime(1970, 1, 1)


@dataclass
class View:
    """One claim as linking sees it: its reading, its typed clauses, its place and its time window."""

    claim: Claim
    reading: Reading
    props: list[Proposition]
    point: tuple[float, float] | None  # the centroid of its places (or its document's place)
    names: frozenset[str]  # its places' normalised names
    t0: float | None  # days since the epoch: the window the claim is about
    t1: float | None
    dated: bool  # the window is a date the claim or its document's claims give
    own_time: bool  # the window is a day (or finer) the claim itself gives
    own_place: bool  # the claim names its place itself
    index: int = 0  # its row in the embedding matrix


def views(claims: Sequence[Claim], documents: Mapping[str, Document]) -> list[View]:
    """A view of every claim, in the order given."""
    props = {c.id: propositions(c) for c in claims}
    places = _context_places(claims, documents)
    days_ = _context_days(claims, props)
    out = []
    for i, c in enumerate(claims):
        own = [pl for pl in ([pl for p in props[c.id] for pl in p.places] or list(c.places)) if telling(pl)]
        where = own or ([places[c.document_id]] if c.document_id in places else [])
        coords = [(pl.lat, pl.lon) for pl in where if pl.lat is not None and pl.lon is not None]
        point = (sum(a for a, _ in coords) / len(coords), sum(b for _, b in coords) / len(coords)) if coords else None
        t0, t1, dated = window(c, props[c.id], documents.get(c.document_id), days_.get(c.document_id))
        own = next((p.when for p in props[c.id] if p.when), None) or c.when
        own_time = own is not None and own.granularity in PRECISE  # "this month", "since June" only frame it
        out.append(View(c, read(c), props[c.id], point, frozenset(place_key(pl) for pl in where), t0, t1, dated,
                        own_time, bool(own), i))
    return out


FAR_KM = 100.0  # claims naming places further apart than this speak of different happenings...
APART_DAYS = 10.0  # ...and so do claims giving their own days further apart than this


def elsewhere(a: View, b: View) -> bool:
    """Both claims name their own places, none in common, and those lie more than ``FAR_KM`` apart."""
    if not (a.own_place and b.own_place) or a.names & b.names or a.point is None or b.point is None:
        return False
    return distance_km(a.point, b.point) > FAR_KM


def other_days(a: View, b: View) -> bool:
    """Both claims give their own days, and those lie more than ``APART_DAYS`` apart."""
    if not (a.own_time and b.own_time) or a.t0 is None or b.t0 is None:
        return False
    return max(a.t0 - b.t1, b.t0 - a.t1) > APART_DAYS


def window(claim: Claim, ps: Sequence[Proposition] = (), doc: Document | None = None,
           context_day: float | None = None) -> tuple[float | None, float | None, bool]:
    """``(t0, t1, dated)`` in days: the day(s) the claim gives (at most 4), else its document's usual day,
    else the ``LOOKBACK_DAYS`` before it was said, else ``(None, None, False)``."""
    when = _own_day(claim, ps)
    if when is not None:
        t0 = days(when.earliest)
        return t0, min(max(days(when.latest), t0), t0 + 4.0), True
    if context_day is not None:
        return context_day, context_day + 1.0, True
    said = days(claim.said_at.latest) if claim.said_at is not None else None
    if said is None and doc is not None and doc.published is not None:
        said = days(doc.published)
    if said is None:
        return None, None, False
    return said - LOOKBACK_DAYS, said + 1.0, False


def _own_day(claim: Claim, ps: Sequence[Proposition]):
    """The time the claim gives itself when it names a day or finer ("on Tuesday", "at dawn on June 6");
    a month, a year or "since June" only frames it and says nothing of which day it is about."""
    when = next((p.when for p in ps if p.when), None) or claim.when
    return when if when is not None and when.granularity in PRECISE else None


def _context_days(claims: Sequence[Claim], props: Mapping[str, list[Proposition]]) -> dict[str, float]:
    """Each document's most often given day (ties: the earliest), over its dated claims."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for c in claims:
        when = _own_day(c, props[c.id])
        if when is not None:
            counts[c.document_id][math.floor(days(when.earliest))] += 1
    return {doc: float(min(c, key=lambda d: (-c[d], d))) for doc, c in counts.items()}


def telling(place: Place) -> bool:
    """A place that says where something happened: not a country or a capital standing for its government
    ("Kyiv said", "the Kiev regime"), not a river running the length of the front."""
    return place_key(place) not in _METONYMS and "river" not in place.span.text.lower() \
        and place.name.lower() not in _METONYMS


def _context_places(claims: Sequence[Claim], documents: Mapping[str, Document]) -> dict[str, Place]:
    """Each document's place: its headline's first telling place with coordinates, else the telling place its
    claims name most often (ties: the first named)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, dict[str, tuple[int, Place]]] = defaultdict(dict)
    for claim in claims:
        for pl in filter(telling, claim.places):
            key = place_key(pl)
            counts[claim.document_id][key] += 1
            if key not in first[claim.document_id] or pl.span.start < first[claim.document_id][key][0]:
                first[claim.document_id][key] = (pl.span.start, pl)
    out = {}
    for doc_id, c in counts.items():
        key = min(c, key=lambda k: (-c[k], first[doc_id][k][0], k))
        out[doc_id] = first[doc_id][key][1]
    for doc_id in sorted({c.document_id for c in claims}):
        doc = documents.get(doc_id)
        if doc is not None and doc.title and (headline := _headline_place(doc.title)):
            out[doc_id] = headline
    return out


def _headline_place(title: str) -> Place | None:
    """The first place with coordinates a headline names (through the extractor's gazetteer)."""
    from counterclaim.extract.places import find_places

    return next((p for p in find_places(title) if p.lat is not None and telling(p)), None)


def days(moment: datetime) -> float:
    """Days since the epoch (naive datetimes are taken as UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return (moment - _EPOCH).total_seconds() / 86400.0


_POSSESSIVE = re.compile(r"['’]s\b")
_GENERIC = re.compile(r"^(the|a)\s+|\s+(dam|reservoir|hydro-?electric( power)? (plant|station)|power (plant|station)"
                      r"|nuclear power (plant|station)|region|oblast|district|province|river|raion"
                      r"|hpp|npp|bridge|city|town|village|settlement|front|direction|axis|sector)$", re.I)


def place_key(place: Place) -> str:
    """The name a place is matched by: the anchor of "southwest of Bakhmut", else its own name, lower-case
    and without generic words ("the Kakhovka dam", "Kakhovka reservoir" and "Kakhovka HPP" all match as
    "kakhovka"; "Kherson region" as "kherson"), so places without coordinates still meet."""
    return _normal_name(place.anchor or place.name)


@lru_cache(maxsize=1 << 16)
def _normal_name(raw: str) -> str:
    name = re.sub(r"\s+", " ", _POSSESSIVE.sub("", raw.strip().lower()))
    for _ in range(3):
        shorter = _GENERIC.sub("", name).strip()
        if shorter == name or not shorter:
            break
        name = shorter
    return name


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))
