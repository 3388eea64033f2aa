"""Claims -> proposition clusters, events, relations and assessments.

``link(claims)`` runs the stage in six steps, one module each:

1. :mod:`.context` reads every claim (:mod:`.reading`: which question it bears on, its answer, its
   polarity) and places it in space and time, its document standing in for what it leaves unsaid;
2. :mod:`.embeddings` gives each claim a vector of its wording and one of its wording without sides
   and negations;
3. :mod:`.candidates` picks the pairs worth comparing (blocking on place and time, plus neighbours
   by meaning);
4. :mod:`.features` and :mod:`.scorer` give each candidate pair the learned probability that both
   claims bear on the same proposition;
5. :mod:`.clusters` groups claims into propositions by average linkage, and :mod:`.events` puts the
   propositions that answer one question about one happening into an event;
6. :mod:`.relations` derives corroborations and contradictions from the clusters, their polarities
   and the table of incompatible answers; :mod:`.independence` marks second witnesses and
   adversaries; :mod:`.assess` gives each event its status, with analysts' reviews applied.

Ids are content hashes (events keep their stored ids through ``previous``), so linking the same
claims twice gives the same result.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from counterclaim.link import assess as _assess
from counterclaim.link import independence as _independence
from counterclaim.link import relations as _relations
from counterclaim.link.candidates import candidate_pairs
from counterclaim.link.clusters import cluster, dense_pairs, make_cluster
from counterclaim.link.context import View, elsewhere, other_days, views
from counterclaim.link.embeddings import claim_vectors
from counterclaim.link.events import Draft, group, make_event, stable_ids
from counterclaim.link.features import feature_matrix
from counterclaim.link.propositions import propositions
from counterclaim.link.scorer import load as load_scorer
from counterclaim.models import Claim, Cluster, Document, Event, Relation, Review, SideOverride

__all__ = ["LinkResult", "Scored", "Work", "apply_overrides", "link", "propositions", "score"]


@dataclass
class LinkResult:
    """Events (each with its clusters and assessment) and the relations between their claims, sorted by id."""

    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@dataclass
class Scored:
    """Claims as linking sees them, with their candidate pairs and each pair's P(same proposition)."""

    views: list[View]
    pairs: list[tuple[int, int]]
    same: np.ndarray


def link(claims: Sequence[Claim], documents: Mapping[str, Document] | None = None,
         reviews: Sequence[Review] = (), overrides: Mapping[str, object] = {},
         previous: Mapping[str, Sequence[str]] | None = None, work: Work | None = None) -> LinkResult:
    """Link ``claims`` into events and relations.

    ``documents`` give claims their context (place, day) and reveal syndicated copies; ``reviews`` and
    ``overrides`` (speaker name -> :class:`SideOverride`) are analysts' corrections; ``previous`` maps
    the stored events' ids to their claim ids, so that events keep their ids; ``work`` runs the costly
    steps (encoding, pair features) elsewhere, e.g. on a Dask cluster (:func:`counterclaim.scale.linking_work`)."""
    with _no_gc_pauses():
        claims = sorted(apply_overrides(claims, overrides), key=lambda c: c.id)
        scored = score(claims, documents or {}, work=work)
        return assemble(scored, documents or {}, reviews, previous or {})


@dataclass
class Work:
    """Where the costly steps run: ``vectors(contents)`` -> (as written, neutral) unit vectors, and
    ``features(views, pairs, written, neutral)`` -> one row per pair. Both default to this process."""

    vectors: Callable[[list[str]], tuple[np.ndarray, np.ndarray]] = claim_vectors
    features: Callable[..., np.ndarray] = feature_matrix


def score(claims: Sequence[Claim], documents: Mapping[str, Document], scorer=None, work: Work | None = None) -> Scored:
    """Steps 1-4: views, vectors, candidate pairs and their probabilities. Within each group of claims
    that likely pairs connect (up to ``DENSE`` claims), every pair is scored, so that clustering weighs
    all of a group's pairs and not only those blocking happened to propose."""
    scorer = scorer or load_scorer()
    work = work or Work()
    found = views(claims, documents)
    written, neutral = work.vectors([c.content.text for c in claims])
    pairs = sorted(candidate_pairs(found, neutral))
    same = _apart(found, pairs, scorer.same(work.features(found, pairs, written, neutral)))
    extra = sorted(dense_pairs(found, pairs, same, scorer.threshold, neutral) - set(pairs))
    if extra:
        pairs += extra
        same = np.concatenate([same, _apart(found, extra, scorer.same(work.features(found, extra, written, neutral)))])
    order = sorted(range(len(pairs)), key=lambda k: pairs[k])
    return Scored(found, [pairs[k] for k in order], same[order])


def _apart(found: Sequence[View], pairs: Sequence[tuple[int, int]], same: np.ndarray) -> np.ndarray:
    """``same`` with the pairs that cannot be one proposition set to 0: both claims name their own places and
    those lie far apart, or both give their own days and those lie further apart than an event spans."""
    out = same.copy()
    for k, (i, j) in enumerate(pairs):
        if elsewhere(found[i], found[j]) or other_days(found[i], found[j]):
            out[k] = 0.0
    return out


def assemble(scored: Scored, documents: Mapping[str, Document], reviews: Sequence[Review] = (),
             previous: Mapping[str, Sequence[str]] | None = None, threshold: float | None = None) -> LinkResult:
    """Steps 5-6: clusters, events, relations and assessments (``threshold``: the scorer's by default)."""
    threshold = load_scorer().threshold if threshold is None else threshold
    previous = previous or {}
    groups = cluster(len(scored.views), scored.pairs, scored.same, threshold,
                     order=[v.t0 if v.t0 is not None else 0.0 for v in scored.views])
    made = [(make_cluster([scored.views[k] for k in g], scored.views[central]), [scored.views[k] for k in g])
            for g, central in zip(groups, _centrals(groups, scored), strict=True)]
    drafts = group(made, {pair for pair, p in zip(scored.pairs, scored.same, strict=True) if p > 0})
    by_id = {v.claim.id: v.claim for v in scored.views}
    syndication = _independence.Syndication(documents)
    latest = _assess.latest_reviews(list(reviews))
    events, relations = [], {}
    for draft in drafts:
        found = _independence.annotate(_draft_relations(draft), by_id, syndication)
        found = _assess.apply_reviews(found, latest)
        for r in found:
            relations.setdefault(r.id, r)
        event = make_event(draft, sorted({r.id for r in found}))
        clusters = [c for c, _ in draft.clusters]
        events.append(event.model_copy(update={"assessment": _assess.assess(draft.claims, clusters, found)}))
    events = _keep_ids(events, previous)
    return LinkResult(events=sorted(events, key=lambda e: e.id), relations=[relations[k] for k in sorted(relations)])


def _centrals(groups: list[list[int]], scored: Scored) -> list[int]:
    """Each group's member most like the others (highest total probability to its fellow members), the first
    on ties; one pass over the scored pairs, whatever the number of groups."""
    group_of = {k: g for g, members in enumerate(groups) for k in members}
    total: dict[int, float] = defaultdict(float)
    for (i, j), p in zip(scored.pairs, scored.same, strict=True):
        if group_of.get(i) == group_of.get(j):
            total[i] += p
            total[j] += p
    return [g[0] if len(g) < 3 else max(g, key=lambda k: (total[k], -k)) for g in groups]


def _draft_relations(draft: Draft) -> list[Relation]:
    """Relations within each cluster of an event, and across its clusters with incompatible answers."""
    out: dict[str, Relation] = {}
    for c, members in draft.clusters:
        for r in _relations.within(members, c.statement):
            out.setdefault(r.id, r)
    for k, (x, xs) in enumerate(draft.clusters):
        for y, ys in draft.clusters[k + 1:]:
            why = _relations.incompatible(x.frame, x.answer, y.answer) if x.frame == y.frame else None
            found = _relations.across(xs, ys, x.statement, y.statement, why) if why else _relations.clashing_acts(xs, ys)
            for r in found:
                out.setdefault(r.id, r)
    return [out[k] for k in sorted(out)]


def _keep_ids(events: list[Event], previous: Mapping[str, Sequence[str]]) -> list[Event]:
    """Events that continue a stored event take its id (see :func:`.events.stable_ids`)."""
    if not previous:
        return events
    renamed = stable_ids(events, previous)
    return [e.model_copy(update={"id": renamed[e.id]}) if e.id in renamed else e for e in events]


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Pause the cyclic garbage collector: linking allocates many small acyclic objects, and full
    collections over a large live heap would make the run time grow faster than the input."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def apply_overrides(claims: Sequence[Claim], overrides: Mapping[str, object]) -> list[Claim]:
    """Claims with analysts' side corrections applied (matched on the speaker's name, case-insensitively)."""
    sides = {name.casefold(): _side(o) for name, o in overrides.items()}
    out = []
    for c in claims:
        side = sides.get(c.speaker.name.casefold())
        if side and side != c.speaker.side:
            c = c.model_copy(update={"speaker": c.speaker.model_copy(update={"side": side})})
        out.append(c)
    return out


def _side(override: object) -> str:
    return override.side if isinstance(override, SideOverride) else str(override)


def clusters_of(result: LinkResult) -> list[Cluster]:
    """Every proposition cluster of a link result."""
    return [c for e in result.events for c in e.propositions]
