"""Proposition clusters: the claims that assert or deny one proposition, with a statement of it.

Candidate pairs scored by the pair scorer (the probability that two claims bear on the same
proposition, whichever way they answer it) are grouped by average linkage: two groups merge while
their claims are, on average, at least as likely as the scorer's threshold to say the same thing.
Pairs that were never candidates count as unlike. Average linkage keeps one stray high score from
chaining two propositions together. Each connected part of the candidate graph is clustered on its
own, so the work follows the candidate pairs.

A cluster's statement is worded from the readings of its members when they agree on a question
("Ukrainian forces gained ground near Robotyne (20–28 August 2023)"), else it is the content of the
member most like the others, as its speaker put it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from counterclaim.link.context import PRECISE, View, telling
from counterclaim.link.reading import QUESTIONS
from counterclaim.models import Cluster, Place, TimeRange

MAX_COMPONENT = 3000  # larger connected parts are clustered in time-ordered slices of this size
DENSE = 400  # in connected parts up to this size more pairs are scored (see dense_pairs)...
DENSE_ALL = 80  # ...every pair up to this size, else each claim's DENSE_NEAREST most alike...
DENSE_NEAREST = 40
DENSE_DAYS = 10.0  # ...when their times lie this close
_ADJ = {"ukraine": "Ukrainian", "russia": "Russian"}


def cluster(n: int, pairs: Sequence[tuple[int, int]], same: np.ndarray, threshold: float,
            order: Sequence[float] | None = None) -> list[list[int]]:
    """Groups of indices ``0..n-1`` (singletons included), deterministic for the same input."""
    score = {pair: float(p) for pair, p in zip(pairs, same, strict=True)}
    groups: list[list[int]] = []
    for part in _components(n, [pair for pair, p in score.items() if p >= threshold]):
        part = sorted(part, key=lambda k: (order[k] if order is not None else 0.0, k))
        for start in range(0, len(part), MAX_COMPONENT):
            groups.extend(_average_linkage(part[start:start + MAX_COMPONENT], score, threshold))
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])


def dense_pairs(views: Sequence[View], pairs: Sequence[tuple[int, int]], same: np.ndarray, threshold: float,
                neutral: np.ndarray | None = None, limit: int = DENSE) -> set[tuple[int, int]]:
    """More pairs to score inside each group of at most ``limit`` claims that likely pairs (≥ ``threshold``)
    connect, between claims whose times lie within ``DENSE_DAYS`` of each other (a chain of daily reports is
    not one proposition): every such pair in a group of up to ``DENSE_ALL`` claims; in a larger one, each
    claim's ``DENSE_NEAREST`` most alike by their ``neutral`` vectors, so the work grows with the claims."""
    out: set[tuple[int, int]] = set()
    for part in _components(len(views), [pair for pair, p in zip(pairs, same, strict=True) if p >= threshold]):
        if not 1 < len(part) <= limit:
            continue
        part = sorted(part)
        if len(part) <= DENSE_ALL or neutral is None:
            out.update((a, b) for k, a in enumerate(part) for b in part[k + 1:] if _near_in_time(views[a], views[b]))
            continue
        sims = neutral[part] @ neutral[part].T
        for r, a in enumerate(part):
            for c in np.argsort(-sims[r], kind="stable")[:DENSE_NEAREST + 1]:
                b = part[c]
                if b != a and _near_in_time(views[a], views[b]):
                    out.add((min(a, b), max(a, b)))
    return out


def _near_in_time(a: View, b: View) -> bool:
    if a.t0 is None or b.t0 is None:
        return True
    return a.t0 <= b.t1 + DENSE_DAYS and b.t0 <= a.t1 + DENSE_DAYS


def _components(n: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for a, b in edges:
        parent[root(a)] = root(b)
    out: dict[int, list[int]] = defaultdict(list)
    for k in range(n):
        out[root(k)].append(k)
    return list(out.values())


def _average_linkage(members: list[int], score: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    if len(members) == 1:
        return [members]
    m = len(members)
    dist = np.ones((m, m))
    np.fill_diagonal(dist, 0.0)
    for x in range(m):
        for y in range(x + 1, m):
            p = score.get((min(members[x], members[y]), max(members[x], members[y])))
            if p is not None:
                dist[x, y] = dist[y, x] = 1.0 - p
    labels = fcluster(linkage(squareform(dist, checks=False), method="average"), t=1.0 - threshold,
                      criterion="distance")
    out: dict[int, list[int]] = defaultdict(list)
    for k, label in zip(members, labels, strict=True):
        out[int(label)].append(k)
    return list(out.values())


def make_cluster(members: list[View], central: View) -> Cluster:
    """The Cluster of ``members``; ``central`` is the member most like the others."""
    frame, answer, obj = _question(members)
    places = _places(members)
    when = _when(members)
    statement = statement_of(frame, answer, obj, places, when, central)
    return Cluster(id=Cluster.make_id([v.claim.id for v in members]), statement=statement, frame=frame,
                   answer=answer, object=obj, places=places, when=when,
                   members={v.claim.id: v.reading.polarity for v in members})


def _question(members: list[View]) -> tuple[str, str | None, str | None]:
    """The frame, answer and object most members give (ties: the first in a fixed order)."""
    votes = Counter((v.reading.frame, v.reading.answer) for v in members)
    (frame, answer), _ = min(votes.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1] or ""))
    objects = Counter(v.reading.object for v in members if v.reading.object)
    obj = min(objects, key=lambda o: (-objects[o], o)) if objects else None
    return frame, answer, obj


def _places(members: list[View]) -> list[Place]:
    seen: dict[str, tuple[int, Place]] = {}
    for v in members:
        for p in filter(telling, v.claim.places):
            count, first = seen.get(p.name, (0, p))
            seen[p.name] = (count + 1, first)
    ranked = sorted(seen.values(), key=lambda cp: (-cp[0], cp[1].lat is None, cp[1].name))
    return [p for _, p in ranked[:3]]


def _when(members: list[View]) -> TimeRange | None:
    """The days the members' own dates span (undated members do not widen it): the days they name, when
    some do; a month or "since last summer" only when none names a day."""
    dated = [v.claim.when for v in members if v.claim.when is not None]
    dated = [w for w in dated if w.granularity in PRECISE] or dated
    if not dated:
        return None
    return TimeRange(earliest=min(w.earliest for w in dated), latest=max(w.latest for w in dated), granularity="day")


def statement_of(frame: str, answer: str | None, obj: str | None, places: list[Place], when: TimeRange | None,
                 central: View) -> str:
    """A readable statement of the proposition: who did what, where and when."""
    where = f" near {places[0].name}" if places else ""
    date = f" ({date_range(when)})" if when else ""
    if frame == "responsibility" and answer in _ADJ:
        thing = f"the harm to the {obj}" if obj else "the attack"
        return f"{_ADJ[answer]} forces are responsible for {thing}{where}{date}"
    if frame == "responsibility" and answer in QUESTIONS["responsibility"]["answers"]:
        thing = f"the {obj}" if obj else "the harm"
        text = QUESTIONS["responsibility"]["answers"][answer]
        return f"{text[0].upper()}{text[1:]} ({thing}{where}){date}"
    if frame == "ground" and answer in _ADJ:
        return f"{_ADJ[answer]} forces gained ground{where}{date}"
    quote = central.claim.content.text.strip()
    quote = quote if len(quote) <= 160 else quote[:157].rsplit(" ", 1)[0] + "…"
    return f"“{quote}” ({central.claim.speaker.name}){date}"


def date_range(when: TimeRange) -> str:
    """"11 May 2023", "11–12 May 2023" or "30 May – 2 June 2023"."""
    a, b = when.earliest.date(), when.latest.date()
    if a == b:
        return f"{a.day} {a:%B %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%B %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%B} – {b.day} {b:%B %Y}"
    return f"{a.day} {a:%B %Y} – {b.day} {b:%B %Y}"
