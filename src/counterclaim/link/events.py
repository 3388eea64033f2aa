"""Events: the proposition clusters that answer one question about one happening, side by side.

An event gathers the clusters that answer the same question about the same happening: "Russian
forces are responsible for the harm to the dam", "Ukrainian forces are responsible", "it collapsed on
its own" and "who did it cannot yet be established" are four clusters of one event. Two clusters join
when they bear on the same typed question (responsibility or ground), name no different harmed
object, are about days within ``EVENT_SLACK_DAYS`` of each other (an event spans at most
``MAX_EVENT_DAYS``, the closest clusters joining first), and some of their claims were candidates for
comparison (same place or near). Clusters on a toll or on nothing typed are events of their own.

Ids stay put: when re-linking after new documents, an event keeps the id of the stored event whose
claims it mostly still holds (``stable_ids``), so bookmarks, reviews and exported ClaimReview ids
survive; a new event's id is a hash of its claims.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from counterclaim.link.clusters import date_range
from counterclaim.link.context import View, telling
from counterclaim.models import Claim, Cluster, Event, Place, Proposition, TimeRange

_TYPED = ("responsibility", "ground")
EVENT_SLACK_DAYS = 3.0  # two clusters make one event only when the days they are about meet within this...
MAX_EVENT_DAYS = 10.0  # ...and the event then spans no more than this
KEEP_OVERLAP = 0.5  # an event keeps a stored id when it holds more than half of that event's claims


@dataclass
class Draft:
    """An event being built: its clusters (with their member views) and what it holds."""

    clusters: list[tuple[Cluster, list[View]]] = field(default_factory=list)

    @property
    def views(self) -> list[View]:
        return [v for _, vs in self.clusters for v in vs]

    @property
    def claims(self) -> dict[str, Claim]:
        return {v.claim.id: v.claim for v in self.views}

    @property
    def props(self) -> dict[str, list[Proposition]]:
        return {v.claim.id: v.props for v in self.views}


def group(clusters: Sequence[tuple[Cluster, list[View]]], candidates: set[tuple[int, int]]) -> list[Draft]:
    """Clusters joined into events (see the module docstring), in a deterministic order."""
    owner = {v.index: k for k, (_, vs) in enumerate(clusters) for v in vs}
    parent = list(range(len(clusters)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    spans = [_span(vs) for _, vs in clusters]  # per root: the days the event being built is about
    links = sorted({(_gap(spans[owner[i]], spans[owner[j]]), min(owner[i], owner[j]), max(owner[i], owner[j]))
                    for i, j in candidates if owner[i] != owner[j]})
    for gap, ci, cj in links:
        a, b = root(ci), root(cj)
        if a == b or gap > EVENT_SLACK_DAYS or not _same_question(clusters[ci][0], clusters[cj][0]):
            continue
        joined = _union(spans[a], spans[b])
        if joined is not None and joined[1] - joined[0] > MAX_EVENT_DAYS:
            continue  # a chain of daily reports stays a series of events
        parent[a] = b
        spans[b] = joined
    drafts: dict[int, Draft] = defaultdict(Draft)
    for k, item in enumerate(clusters):
        drafts[root(k)].clusters.append(item)
    return [d for d in drafts.values() if _worth_showing(d)]


def _span(members: list[View]) -> tuple[float, float] | None:
    """The day a cluster's claims say they are about: the median of their own dates (dates read from context
    do not count, and one claim's background date, "since last March", does not stretch it)."""
    days_ = sorted((v.t0 + min(v.t1, v.t0 + 1.0)) / 2 for v in members if v.t0 is not None and v.own_time)
    if not days_:
        return None
    middle = days_[len(days_) // 2]
    return middle, middle


def _gap(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float:
    """Days between two spans (0 when they overlap or either is unknown)."""
    return 0.0 if a is None or b is None else max(0.0, a[0] - b[1], b[0] - a[1])


def _union(a: tuple[float, float] | None, b: tuple[float, float] | None) -> tuple[float, float] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def _same_question(a: Cluster, b: Cluster) -> bool:
    return a.frame == b.frame and a.frame in _TYPED and not (a.object and b.object and a.object != b.object)


def _worth_showing(d: Draft) -> bool:
    """An event holds two claims or more, or one claim on a typed question (a single source)."""
    return len(d.views) > 1 or d.clusters[0][0].frame != "other"


def make_event(d: Draft, relation_ids: list[str]) -> Event:
    """The Event of a draft (without its assessment)."""
    ids = sorted(d.claims)
    clusters = sorted((c for c, _ in d.clusters), key=lambda c: (-len(c.members), c.id))
    places = _places(d.views)
    when = _when(d.views)
    kind = event_type([p for v in d.views for p in v.props])
    return Event(id=Event.make_id(ids), type=kind, title=title(clusters[0], places, when), places=places, when=when,
                 claim_ids=ids, relation_ids=relation_ids, propositions=clusters)


def _places(views: list[View]) -> list[Place]:
    counts: Counter = Counter()
    first: dict[str, Place] = {}
    for v in views:
        for p in filter(telling, v.claim.places):
            counts[p.name] += 1
            first.setdefault(p.name, p)
    ranked = sorted(counts, key=lambda n: (-counts[n], first[n].lat is None, n))
    return [first[n] for n in ranked[:5]]


def _when(views: list[View]) -> TimeRange | None:
    """The span of the days the event's claims give (their own dates)."""
    dated = [v.claim.when for v in views if v.claim.when is not None]
    if not dated:
        said = [v.claim.said_at for v in views if v.claim.said_at is not None]
        dated = said
    if not dated:
        return None
    return TimeRange(earliest=min(w.earliest for w in dated), latest=max(w.latest for w in dated), granularity="day")


_HAPPENINGS = ("ADVANCE", "CAPTURE", "BREAKTHROUGH", "WITHDRAWAL", "CIVILIAN_HARM", "STRIKE", "LOSSES",
               "DEPLOYMENT")
_ORDER = (*_HAPPENINGS, "CONTROL", "REPEL", "OTHER")


def event_type(props: list[Proposition]) -> str:
    """What happened: the type most claims assert, a happening (an advance) before a non-event (attacks
    repelled, control kept), ties broken in a fixed order."""
    asserted = [p.type for p in props if p.polarity and p.type in _ORDER] or [p.type for p in props if p.type in _ORDER]
    if not asserted:
        return "OTHER"
    happenings = [t for t in asserted if t in _HAPPENINGS]
    counts = Counter(happenings or asserted)
    return min(counts, key=lambda t: (-counts[t], _ORDER.index(t)))


def title(main: Cluster, places: list[Place], when: TimeRange | None) -> str:
    """A specific headline from the question, the place and the time: "Control of Robotyne, 20–28 August
    2023", "Responsibility for the harm to the dam near Nova Kakhovka, 6 June 2023"."""
    where = places[0].name if places else None
    date = f", {date_range(when)}" if when else ""
    if main.frame == "responsibility":
        thing = f"the harm to the {main.object}" if main.object else "the attack"
        return f"Responsibility for {thing}{f' near {where}' if where else ''}{date}"
    if main.frame == "ground":
        return f"Control of {where}{date}" if where else f"Ground gained{date}"
    if main.frame == "toll":
        return f"Toll{f' near {where}' if where else ''}{date}: {_short(main.statement)}"
    return _short(main.statement, 90) + date


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def stable_ids(events: list[Event], previous: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """New event id -> the stored event id it continues (``previous``: stored id -> its claim ids).

    An event continues the stored event whose claims it holds more than ``KEEP_OVERLAP`` of, the best
    overlap first; each stored id is given once."""
    stored_of: dict[str, list[str]] = defaultdict(list)
    for old_id, claim_ids in previous.items():
        for cid in claim_ids:
            stored_of[cid].append(old_id)
    offers = []
    for e in events:
        shared = Counter(old for cid in e.claim_ids for old in stored_of.get(cid, ()))
        for old_id, n in shared.items():
            share = n / max(1, len(previous[old_id]))
            if share > KEEP_OVERLAP:
                offers.append((-share, -n, e.id, old_id))
    taken_new: set[str] = set()
    taken_old: set[str] = set()
    out: dict[str, str] = {}
    for _, _, new_id, old_id in sorted(offers):
        if new_id not in taken_new and old_id not in taken_old:
            out[new_id] = old_id
            taken_new.add(new_id)
            taken_old.add(old_id)
    return out
