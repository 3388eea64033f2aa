"""Where an event stands: counts, who stands where, the spread of its numbers, and an honest status.

Status, first that applies, over the relations an analyst has not rejected:

- ``disputed``: two independent witnesses contradict each other (adversaries or not);
- ``corroborated_across_sides``: adversaries (russia and ukraine) independently agree, and nothing
  contradicts;
- ``corroborated``: two independent witnesses agree, and nothing contradicts;
- ``denied``: every claim denies what the event is about;
- ``single_source``: one witness only;
- ``unresolved``: several witnesses, but no relation between them stands.

One cross-side agreement never outweighs a contradiction: the counts beside the status say how many
of each there are. The assessment is a function of the stored claims, clusters, relations and reviews
only, so a review changes it at once, without linking again (:func:`counterclaim.link.board.reassess`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from counterclaim.link.independence import same_witness
from counterclaim.link.numbers import interval, quantity_key
from counterclaim.link.propositions import propositions
from counterclaim.models import Assessment, Claim, Cluster, QuantitySpread, Relation, Review, SidePosition

_SIDE_ORDER = ("ukraine", "russia", "third_party", "media", "unknown")
SUMMARY_ITEMS = 3  # statements named in a side's summary, the most claimed first


def latest_reviews(reviews: Sequence[Review]) -> dict[str, Review]:
    """Relation id -> the latest verdict on it."""
    latest: dict[str, Review] = {}
    for r in sorted(reviews, key=lambda r: (r.at, r.id)):
        latest[r.relation_id] = r
    return latest


def apply_reviews(relations: Sequence[Relation], latest: Mapping[str, Review]) -> list[Relation]:
    """Relations marked with the latest analyst verdict on them (``review:confirmed`` / ``review:rejected``)."""
    out = []
    for rel in relations:
        review = latest.get(rel.id)
        evidence = [e for e in rel.evidence if not e.startswith("review:")]
        if review is None:
            out.append(rel.model_copy(update={"evidence": evidence}) if evidence != rel.evidence else rel)
            continue
        update: dict = {"evidence": [*evidence, f"review:{review.verdict}"]}
        if review.verdict == "rejected":
            update["score"] = 0.0
        out.append(rel.model_copy(update=update))
    return out


def rejected(rel: Relation) -> bool:
    """True when an analyst rejected this relation."""
    return "review:rejected" in rel.evidence


def assess(claims: Mapping[str, Claim], clusters: Sequence[Cluster], relations: Sequence[Relation]) -> Assessment:
    """The assessment of one event from its claims, its clusters and its (reviewed) relations."""
    live = [r for r in relations if not rejected(r)]
    return Assessment(status=status(claims, clusters, live), counts=counts(claims, live),
                      positions=positions(claims, clusters), spreads=spreads(claims), notes=notes(claims, live))


def status(claims: Mapping[str, Claim], clusters: Sequence[Cluster], live: Sequence[Relation]) -> str:
    """The event's status (see the module docstring)."""
    if any(r.kind == "contradicts" and r.independent for r in live):
        return "disputed"
    agree = [r for r in live if r.kind != "contradicts" and r.independent]
    if any(r.cross_side for r in agree):
        return "corroborated_across_sides"
    if agree:
        return "corroborated"
    if clusters and all(not polarity for c in clusters for polarity in c.members.values()):
        return "denied"
    if _witnesses(list(claims.values())) <= 1:
        return "single_source"
    return "unresolved"


def _witnesses(claims: list[Claim]) -> int:
    """How many distinct speakers the claims come from."""
    seen: list[Claim] = []
    for c in sorted(claims, key=lambda c: c.id):
        if not any(same_witness(c, s) for s in seen):
            seen.append(c)
    return len(seen)


def counts(claims: Mapping[str, Claim], live: Sequence[Relation]) -> dict[str, int]:
    """How many claims, witnesses and live relations of each kind the event holds."""
    return {
        "claims": len(claims),
        "witnesses": _witnesses(list(claims.values())),
        "corroborates": sum(1 for r in live if r.kind != "contradicts"),
        "contradicts": sum(1 for r in live if r.kind == "contradicts"),
        "cross_side_agreements": sum(1 for r in live if r.kind != "contradicts" and r.cross_side and r.independent),
        "cross_side_contradictions": sum(1 for r in live if r.kind == "contradicts" and r.cross_side),
    }


def positions(claims: Mapping[str, Claim], clusters: Sequence[Cluster]) -> list[SidePosition]:
    """What each side says: its speakers, its claims, whether it asserts or denies, and the statements
    it stands behind ("supports: …; denies: …")."""
    by_side: dict[str, list[Claim]] = defaultdict(list)
    for cid in sorted(claims):
        by_side[claims[cid].speaker.side].append(claims[cid])
    out = []
    for side in sorted(by_side, key=lambda s: _SIDE_ORDER.index(s) if s in _SIDE_ORDER else 9):
        mine = by_side[side]
        ids = {c.id for c in mine}
        held = Counter((c.statement, pol) for c in clusters for cid, pol in c.members.items() if cid in ids)
        stances = {pol for _, pol in held}
        stance = "mixed" if len(stances) > 1 else ("denies" if stances == {False} else "asserts")
        top = sorted(held.items(), key=lambda kv: (-kv[1], kv[0][0]))[:SUMMARY_ITEMS]
        summary = "; ".join(f"{'' if pol else 'denies that '}{text}" + (f" ({n} claims)" if n > 1 else "")
                            for (text, pol), n in top)
        out.append(SidePosition(side=side, speakers=list(dict.fromkeys(c.speaker.name for c in mine)),
                                claim_ids=[c.id for c in mine], stance=stance, summary=summary))
    return out


def spreads(claims: Mapping[str, Claim]) -> list[QuantitySpread]:
    """The range each side gives for each kind of number ("km advanced": ukraine 2–2.6)."""
    table: dict[str, dict[str, tuple[float | None, float | None]]] = defaultdict(dict)
    units: dict[str, str | None] = {}
    for cid in sorted(claims):
        claim = claims[cid]
        for p in propositions(claim):
            if not p.polarity:
                continue
            for q in p.quantities:
                key = quantity_key(q)
                units[key] = q.unit
                table[key][claim.speaker.side] = _widen(table[key].get(claim.speaker.side), interval(q))
    return [QuantitySpread(key=k, unit=units[k], by_side=dict(sorted(table[k].items()))) for k in sorted(table)]


def _widen(old: tuple[float | None, float | None] | None, new: tuple[float, float]) -> tuple:
    """The union of two intervals; None is an open end ("as many as 500" has no low)."""
    low, high = (None if math.isinf(x) else x for x in new)
    if old is None:
        return low, high
    return (None if old[0] is None or low is None else min(old[0], low),
            None if old[1] is None or high is None else max(old[1], high))


def notes(claims: Mapping[str, Claim], live: Sequence[Relation]) -> list[str]:
    """Faction splits, agreement across sides, corroborations from one witness."""
    out = []
    for r in live:
        a, b = claims.get(r.a), claims.get(r.b)
        if a is None or b is None:
            continue
        if r.kind == "contradicts" and a.speaker.side == b.speaker.side and a.speaker.side in ("russia", "ukraine") \
                and r.independent:
            out.append(f"a faction contradicts its own side ({a.speaker.side}): {r.reason}")
        elif r.kind != "contradicts" and r.cross_side and r.independent:
            out.append(f"adversaries agree: {r.reason}")
    echoes = sum(1 for r in live if r.kind != "contradicts" and not r.independent)
    if echoes:
        out.append(f"{echoes} agreement(s) trace back to the same witness and do not count as corroboration")
    return list(dict.fromkeys(out))[:20]
