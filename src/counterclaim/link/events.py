"""Group claims about the same happening into events.

A claim takes part in one event per *family* of its propositions (ground
fighting, losses, strikes, deployments; OTHER is not grouped). Within a family,
claims are grouped when their places are near each other and their times
overlap. The work stays far from all pairs through blocking and leader
clustering:

- blocks are (family, map cell of ~33 km, or the place name when a place has no
  coordinates); a claim only looks at the open events of its own and the
  neighbouring cells, i.e. its approximate nearest neighbours. Names are
  normalised (:func:`place_key`: "the Kakhovka dam", "Kakhovka HPP" -> "kakhovka"),
  and a shared name fits whatever the coordinates say, since a region's or a
  river's centroid can lie far from a town on it;
- claims are visited in time order; an event is "open" while its time span
  can still take the claim (within ``SLACK_DAYS``), so closed events leave the
  index and each block stays short;
- an event never spans more than ``MAX_SPAN_DAYS``, so a front line reported on
  every day of a year does not chain into one event.

Time is a window, not a day. A claim whose text fixes the day is that day; a
claim without a date of its own is about the recent past of when it was said,
``[said - LOOKBACK_DAYS, said + 1 day]`` ("over the past few days", "since
Wednesday"), so reports published on different days can describe one fighting.
Dated claims make the events (visited at their day); an undated claim is
visited when it was said, after the dated claims it may be about, and joins
the nearest event its window overlaps without widening it. Undated claims that
find none form events of their own, which keep the intersection of their
windows, so wide windows never chain events together.

A claim that names no place is placed where its document is (its context: "the
city" in a report about Bakhmut): the first place its headline names, else the
place its claims name most often, so it can meet reports from other documents.
Claims without a place or a time join an event of the same family from the same
document; failing that, they form one event per document and family.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from counterclaim.models import Claim, Document, Event, Place, Proposition, TimeRange

FAMILIES: dict[str, str] = {
    "ADVANCE": "ground", "REPEL": "ground", "BREAKTHROUGH": "ground", "CAPTURE": "ground",
    "WITHDRAWAL": "ground", "CONTROL": "ground", "LOSSES": "losses", "STRIKE": "strike",
    "CIVILIAN_HARM": "strike", "DEPLOYMENT": "deployment",
}
RADIUS_KM = 30.0
CELL_LAT, CELL_LON = 0.3, 0.45  # ~33 km at the latitudes of the war
SLACK_DAYS = 1.0
MAX_SPAN_DAYS = 4.0
LOOKBACK_DAYS = 7.0  # an undated claim is about the week before it was said
DAY_KM = 5.0  # choosing between events: a day apart in time weighs like 5 km apart in place
_EPOCH = datetime(1970, 1, 1)


@dataclass
class Item:
    """One claim's part in one family: where and when its propositions put it."""

    claim: Claim
    family: str
    props: list[Proposition]
    t0: float | None = None  # days since the epoch: the window of time the claim can be about
    t1: float | None = None
    point: tuple[float, float] | None = None
    names: frozenset[str] = frozenset()
    dated: bool = False  # the window is a date the claim gives, not the lookback before it was said


@dataclass
class Cluster:
    """An event being built: its members and the span of time it covers."""

    family: str
    leader: Item
    items: list[Item] = field(default_factory=list)
    t0: float | None = None  # the union of the dated members' days, else the undated windows' intersection
    t1: float | None = None
    dated: bool = False

    def add(self, item: Item) -> None:
        self.items.append(item)
        if item.t0 is None or (self.dated and not item.dated):
            return
        if item.dated and self.dated:
            self.t0, self.t1 = min(self.t0, item.t0), max(self.t1, item.t1)
        elif item.dated or self.t0 is None:
            self.t0, self.t1, self.dated = item.t0, item.t1, item.dated
        else:
            lo, hi = max(self.t0, item.t0), min(self.t1, item.t1)
            self.t0, self.t1 = (lo, hi) if lo <= hi else (hi, lo)  # disjoint within the slack: the gap


@dataclass
class Grouping:
    """Events as built: each with its claims' propositions in the event's family."""

    event: Event
    props: dict[str, list[Proposition]]  # claim id -> propositions in the event's family
    claims: dict[str, Claim]


def group(claims: list[Claim], props: dict[str, list[Proposition]],
          documents: Mapping[str, Document] | None = None) -> list[Grouping]:
    """Events over ``claims`` (with their propositions), deterministic for the same input."""
    items = _items(claims, props, documents or {})
    placed = [i for i in items if i.t0 is not None and (i.point or i.names)]
    loose = [i for i in items if not (i.t0 is not None and (i.point or i.names))]
    clusters = _cluster(placed)
    clusters += _attach(loose, clusters)
    return _merge_same([_grouping(c) for c in clusters])


def _items(claims: list[Claim], props: dict[str, list[Proposition]],
           documents: Mapping[str, Document]) -> list[Item]:
    out = []
    context = _context_places(claims, documents)
    for claim in claims:
        by_family: dict[str, list[Proposition]] = defaultdict(list)
        for p in props.get(claim.id, []):
            if p.type in FAMILIES:
                by_family[FAMILIES[p.type]].append(p)
        for family, ps in sorted(by_family.items()):
            out.append(_item(claim, family, ps, documents.get(claim.document_id), context.get(claim.document_id)))
    return out


def _context_places(claims: list[Claim], documents: Mapping[str, Document]) -> dict[str, Place]:
    """Where each document's placeless claims are: its headline's first place with coordinates, else the
    place its claims name most often (ties: the first named)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    first: dict[str, dict[str, tuple[int, Place]]] = defaultdict(dict)
    for claim in claims:
        for pl in claim.places:
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

    return next((p for p in find_places(title) if p.lat is not None), None)


def _item(claim: Claim, family: str, ps: list[Proposition], doc: Document | None,
          context: Place | None = None) -> Item:
    t0, t1, dated = window(claim, ps, doc)
    places = [pl for p in ps for pl in p.places] or ([context] if context else [])
    coords = [(pl.lat, pl.lon) for pl in places if pl.lat is not None and pl.lon is not None]
    point = (sum(a for a, _ in coords) / len(coords), sum(b for _, b in coords) / len(coords)) if coords else None
    return Item(claim, family, ps, t0, t1, point, frozenset(place_key(pl) for pl in places), dated)


def window(claim: Claim, ps: list[Proposition] = (), doc: Document | None = None
           ) -> tuple[float | None, float | None, bool]:
    """``(t0, t1, dated)`` in days: the day(s) the claim gives (at most ``MAX_SPAN_DAYS``), else the
    ``LOOKBACK_DAYS`` before it was said (its ``said_at``, else its document's publication), else None."""
    when = next((p.when for p in ps if p.when), None) or claim.when
    if when is not None:
        t0 = days(when.earliest)
        return t0, min(max(days(when.latest), t0), t0 + MAX_SPAN_DAYS), True
    said = days(claim.said_at.latest) if claim.said_at is not None else None
    if said is None and doc is not None and doc.published is not None:
        said = days(doc.published)
    if said is None:
        return None, None, False
    return said - LOOKBACK_DAYS, said + 1.0, False


def days(moment: datetime) -> float:
    """A datetime as days since 1970 (aware times converted to UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return (moment - _EPOCH).total_seconds() / 86400.0


_POSSESSIVE = re.compile(r"[’'`]s\b")
_GENERIC = re.compile(r"^(?:the|a)\s+|\s+(?:region|oblast|province|district|raion|area|river|reservoir|dam"
                      r"|(?:hydro-?electric\s+|hydro-?power\s+|nuclear\s+|thermal\s+)?(?:power\s+)?(?:plant|station)"
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


def _cell_keys(item: Item, neighbours: bool) -> list[tuple]:
    """Blocking keys of an item: its place names and its map cell (with the 8 around it)."""
    keys = [(item.family, "name", n) for n in sorted(item.names)]
    if item.point is None:
        return keys
    cy, cx = int(math.floor(item.point[0] / CELL_LAT)), int(math.floor(item.point[1] / CELL_LON))
    steps = (-1, 0, 1) if neighbours else (0,)
    return keys + [(item.family, cy + dy, cx + dx) for dy in steps for dx in steps]


def _visit_at(item: Item) -> float:
    """When the sweep reaches an item: a dated claim at its day, an undated one when it was said."""
    return item.t0 if item.dated else item.t1


def _cluster(items: list[Item]) -> list[Cluster]:
    """Leader clustering in time order over the blocking index."""
    index: dict[tuple, list[Cluster]] = defaultdict(list)
    clusters: list[Cluster] = []
    reach = LOOKBACK_DAYS + 1.0 if any(not i.dated for i in items) else 0.0  # how far back a window starts
    for item in sorted(items, key=lambda i: (_visit_at(i), not i.dated, i.claim.id, i.family)):
        best = _best_cluster(item, index, _visit_at(item) - reach)
        if best is None:
            best = Cluster(item.family, item)
            clusters.append(best)
            for key in _cell_keys(item, neighbours=False):
                index[key].append(best)
        best.add(item)
    return clusters


def _best_cluster(item: Item, index: dict[tuple, list[Cluster]], horizon: float) -> Cluster | None:
    """The nearest open event that can take ``item``; events ending before ``horizon`` (no later item
    can reach them) are dropped from the index."""
    best, best_d = None, math.inf
    for key in _cell_keys(item, neighbours=True):
        block = index.get(key)
        if not block:
            continue
        block[:] = [c for c in block if c.t1 + SLACK_DAYS >= horizon]
        for c in block:
            d = _fit(item, c)
            if d < best_d:
                best, best_d = c, d
    return best


def _fit(item: Item, c: Cluster) -> float:
    """How far ``item`` is from event ``c`` (km, plus ``DAY_KM`` per day from the claim's likeliest time
    to the event's), or infinity when it does not fit: its window must meet the event's time and a dated
    claim must keep the event's dated span within ``MAX_SPAN_DAYS``."""
    if item.t1 < c.t0 - SLACK_DAYS or item.t0 > c.t1 + SLACK_DAYS:
        return math.inf
    if item.dated and c.dated and max(c.t1, item.t1) - min(c.t0, item.t0) > MAX_SPAN_DAYS + SLACK_DAYS:
        return math.inf
    at = (item.t0 + item.t1) / 2 if item.dated else item.t1 - 1.0  # undated: likeliest just before it was said
    gap = max(0.0, c.t0 - at, at - c.t1) * DAY_KM
    if item.names & c.leader.names:
        return gap  # the same name: a region's or a river's centroid may lie far from a town on it
    if item.point is not None and c.leader.point is not None:
        d = distance_km(item.point, c.leader.point)
        return d + gap if d <= RADIUS_KM else math.inf
    return math.inf  # no shared name (checked above) and no coordinates to compare


def _attach(loose: list[Item], clusters: list[Cluster]) -> list[Cluster]:
    """Claims without place or time join their document's event of the same family, else a new one."""
    by_doc: dict[tuple[str, str], list[Cluster]] = defaultdict(list)
    for c in clusters:
        for doc_id in sorted({i.claim.document_id for i in c.items}):
            by_doc[(doc_id, c.family)].append(c)
    new: list[Cluster] = []
    for item in sorted(loose, key=lambda i: (i.claim.id, i.family)):
        options = by_doc.get((item.claim.document_id, item.family))
        if not options:
            target = Cluster(item.family, item)
            new.append(target)
            by_doc[(item.claim.document_id, item.family)].append(target)
        else:
            target = max(options, key=lambda c: _doc_share(c, item))
        target.add(item)
    return new


def _doc_share(c: Cluster, item: Item) -> tuple[int, float]:
    """Prefer the event with most claims from the item's document, then the nearest in time."""
    same = sum(1 for i in c.items if i.claim.document_id == item.claim.document_id)
    gap = abs((c.t0 or 0.0) - item.t0) if item.t0 is not None and c.t0 is not None else 0.0
    return same, -gap


def _grouping(c: Cluster) -> Grouping:
    props: dict[str, list[Proposition]] = defaultdict(list)
    claims: dict[str, Claim] = {}
    for item in c.items:
        props[item.claim.id].extend(item.props)
        claims[item.claim.id] = item.claim
    ids = sorted(claims)
    flat = [p for cid in ids for p in props[cid]]
    kind = event_type(flat)
    places = _places(flat)
    when = _when(c)
    event = Event(id=Event.make_id(ids), type=kind, title=title(kind, flat, places, when),
                  places=places, when=when, claim_ids=ids)
    return Grouping(event, dict(props), claims)


_HAPPENINGS = ("ADVANCE", "CAPTURE", "BREAKTHROUGH", "WITHDRAWAL", "CIVILIAN_HARM", "STRIKE", "LOSSES",
               "DEPLOYMENT")
_ORDER = (*_HAPPENINGS, "CONTROL", "REPEL", "OTHER")


def event_type(props: list[Proposition]) -> str:
    """What happened: the type most claims assert, a happening (an advance) before a non-event (attacks
    repelled, control kept), ties broken in ``_ORDER``."""
    asserted = [p.type for p in props if p.polarity] or [p.type for p in props]
    happenings = [t for t in asserted if t in _HAPPENINGS]
    counts = Counter(happenings or asserted)
    return min(counts, key=lambda t: (-counts[t], _ORDER.index(t)))


def main_actor(kind: str, props: list[Proposition]) -> str | None:
    """The side most often acting in the event's own type (for LOSSES: the side that loses)."""
    role = (lambda p: p.target) if kind == "LOSSES" else (lambda p: p.actor)
    actors = Counter(role(p) for p in props if p.type == kind and role(p))
    return min(actors, key=lambda a: (-actors[a], a)) if actors else None


def _places(props: list[Proposition]) -> list[Place]:
    seen: dict[str, Place] = {}
    for p in props:
        for pl in p.places:
            seen.setdefault(place_key(pl), pl)
    return sorted(seen.values(), key=lambda pl: (pl.lat is None, pl.name))[:5]


def _when(c: Cluster) -> TimeRange | None:
    """The days the event's dated claims give, else the core of its members' windows."""
    t0, t1 = c.t0, c.t1
    if t0 is None:
        return None
    earliest = _EPOCH + timedelta(days=t0)
    latest = _EPOCH + timedelta(days=t1)
    return TimeRange(earliest=earliest, latest=latest, granularity="day")


_ADJ = {"ukraine": "Ukrainian", "russia": "Russian"}


def title(kind: str, props: list[Proposition], places: list[Place], when: TimeRange | None) -> str:
    """A short headline: "Ukrainian advance near Bakhmut (11–12 May 2023)"."""
    actor = _ADJ.get(main_actor(kind, props) or "", "")
    words = f"{actor} {kind.lower().replace('_', ' ')}".strip()
    words = words[0].upper() + words[1:]
    where = f" near {places[0].name}" if places else ""
    return f"{words}{where}{f' ({date_range(when)})' if when else ''}"


def date_range(when: TimeRange) -> str:
    """"11 May 2023" or "11–12 May 2023"."""
    a, b = when.earliest.date(), when.latest.date()
    if a == b:
        return f"{a.day} {a:%B %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%B %Y}"
    return f"{a.day} {a:%B} – {b.day} {b:%B %Y}"


def _merge_same(groupings: list[Grouping]) -> list[Grouping]:
    """Events with the same claims (so the same id) in two families become one."""
    out: dict[str, Grouping] = {}
    for g in groupings:
        if g.event.id in out:
            kept = out[g.event.id]
            for cid, ps in g.props.items():
                kept.props.setdefault(cid, []).extend(ps)
        else:
            out[g.event.id] = g
    return [out[k] for k in sorted(out)]
