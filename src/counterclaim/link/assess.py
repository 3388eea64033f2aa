"""Where an event stands: its status, each side's position, the spread of its numbers, notes.

Status, first that applies:

- ``corroborated_across_sides``: adversaries (russia and ukraine) independently agree;
- ``disputed``: two witnesses contradict each other;
- ``corroborated``: two independent witnesses agree;
- ``denied``: every claim denies the event's proposition;
- ``single_source``: one witness only.

Relations an analyst rejected are left out (they stay in the store, marked
``review:rejected`` in their evidence); confirmed ones are kept. Notes flag a
faction contradicting its own side (Prigozhin against the Russian MoD), agreement
across sides and corroborations that trace back to one witness.
"""

from __future__ import annotations

import math
from collections import defaultdict

from counterclaim.link.events import Grouping
from counterclaim.link.relations import _interval, describe, quantity_key
from counterclaim.models import Assessment, Claim, Proposition, QuantitySpread, Relation, Review, SidePosition

_SIDE_ORDER = ("ukraine", "russia", "third_party", "media", "unknown")


def latest_reviews(reviews: list[Review]) -> dict[str, Review]:
    """Relation id -> the latest verdict on it."""
    latest: dict[str, Review] = {}
    for r in sorted(reviews, key=lambda r: (r.at, r.id)):
        latest[r.relation_id] = r
    return latest


def apply_reviews(relations: list[Relation], latest: dict[str, Review]) -> list[Relation]:
    """Mark relations with the latest analyst verdict on them (``review:confirmed`` / ``review:rejected``)."""
    out = []
    for rel in relations:
        review = latest.get(rel.id)
        if review is None:
            out.append(rel)
            continue
        update: dict = {"evidence": [*rel.evidence, f"review:{review.verdict}"]}
        if review.verdict == "rejected":
            update["score"] = 0.0
        out.append(rel.model_copy(update=update))
    return out


def rejected(rel: Relation) -> bool:
    """True when an analyst rejected this relation."""
    return "review:rejected" in rel.evidence


def assess(g: Grouping, relations: list[Relation]) -> Assessment:
    """The assessment of one event from its claims and (reviewed) relations."""
    live = [r for r in relations if not rejected(r)]
    return Assessment(status=status(g, live), positions=positions(g), spreads=spreads(g), notes=notes(g, live))


def status(g: Grouping, live: list[Relation]) -> str:
    """The event's status from its live relations (see the module docstring)."""
    agree = [r for r in live if r.kind != "contradicts" and r.independent]
    if any(r.cross_side for r in agree):
        return "corroborated_across_sides"
    if any(r.kind == "contradicts" and r.independent for r in live):
        return "disputed"
    if agree:
        return "corroborated"
    if all(not p.polarity for ps in g.props.values() for p in ps):
        return "denied"
    return "single_source"


def positions(g: Grouping) -> list[SidePosition]:
    """What each side says: its speakers, claims, stance and a short summary."""
    by_side: dict[str, list[Claim]] = defaultdict(list)
    for cid in sorted(g.claims):
        by_side[g.claims[cid].speaker.side].append(g.claims[cid])
    out = []
    for side in sorted(by_side, key=_SIDE_ORDER.index):
        claims = by_side[side]
        props = [p for c in claims for p in g.props[c.id]]
        stances = {_stance(p, g.event.type) for p in props}
        out.append(SidePosition(
            side=side, speakers=list(dict.fromkeys(c.speaker.name for c in claims)),
            claim_ids=[c.id for c in claims], stance=stances.pop() if len(stances) == 1 else "mixed",
            summary="; ".join(list(dict.fromkeys(f"{c.speaker.name}: {describe(p)}" for c in claims
                                                 for p in g.props[c.id]))[:4])))
    return out


def _stance(p: Proposition, event_type: str) -> str:
    """Whether a proposition supports the event's own type ("asserts") or denies it."""
    if not p.polarity:
        return "denies"
    if event_type in ("ADVANCE", "CAPTURE", "BREAKTHROUGH") and p.type == "REPEL":
        return "denies"
    if event_type == "REPEL" and p.type in ("ADVANCE", "CAPTURE", "BREAKTHROUGH"):
        return "denies"
    return "asserts"


def spreads(g: Grouping) -> list[QuantitySpread]:
    """The range each side gives for each kind of number ("ADVANCE km": ukraine 2–2.6)."""
    table: dict[str, dict[str, tuple[float | None, float | None]]] = defaultdict(dict)
    units: dict[str, str | None] = {}
    for cid in sorted(g.claims):
        side = g.claims[cid].speaker.side
        for p in g.props[cid]:
            if not p.polarity:
                continue
            for q in p.quantities:
                key = f"{p.type} {quantity_key(q)}"
                units[key] = q.unit
                table[key][side] = _widen(table[key].get(side), _interval(q))
    return [QuantitySpread(key=k, unit=units[k], by_side=dict(sorted(table[k].items()))) for k in sorted(table)]


def _widen(old: tuple[float | None, float | None] | None, new: tuple[float, float]) -> tuple:
    """The union of two intervals; None is an open end ("as many as 500" has no low)."""
    low, high = (None if math.isinf(x) else x for x in new)
    if old is None:
        return low, high
    return (None if old[0] is None or low is None else min(old[0], low),
            None if old[1] is None or high is None else max(old[1], high))


def notes(g: Grouping, live: list[Relation]) -> list[str]:
    """Faction splits, agreement across sides, corroborations from one witness."""
    out = []
    for r in live:
        a, b = g.claims.get(r.a), g.claims.get(r.b)
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
    return list(dict.fromkeys(out))
