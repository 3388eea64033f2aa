"""Relations between the claims of one event: corroborates, contradicts, refines, with reasons.

Two claims are compared through their propositions in the event's family. The
evidence, in the order it is weighed:

- **polarity**: one asserts what the other denies (same type, same actor);
- **incompatible types**: attacks repelled vs an advance or breakthrough by the
  attacker, or vs a withdrawal by the defender; "lost no positions" vs an
  advance by the other side; control of a place vs its capture by the other side
  (the same place, one within ``CONTROL_RADIUS_KM``, or a claim that names none);
- **compatible types**: an advance and a capture by one side are both gains, so
  denying one answers the other;
- **quantities** on the same key ("km" advanced, "soldiers" killed, a front's
  width kept apart): equal or overlapping intervals corroborate, one inside the
  other refines, close values (within ``CLOSE_RATIO``, e.g. 2 km vs 2.6 km)
  corroborate with a ``refines:`` detail, far apart ones contradict;
- **blame**: both say the same object (a dam, a bridge, a plant, a hospital) was struck, or one calls it
  sabotage or a provocation, and each blames a different side: a contradiction although both assert;
- **updates**: a strike's or a disaster's toll (dead, injured, evacuated, flooded) that one side gives
  and later raises refines its earlier figure (``quantity:update``) instead of contradicting it;
- **places and times** as supporting evidence (``place:same``, ``time:overlap``).

Relations stay sparse, so their number grows with the claims, not with their
square: each claim is compared with its ``WINDOW`` nearest claims in time; a
contradiction is kept when it is among the ``MAX_CONTRADICTIONS`` strongest of
either of its claims (a direct one across sides among the ``MAX_CROSS_CONTRADICTIONS``
strongest, so an analyst sees every cross-side clash of a busy event); agreement is kept between each claim and its group's
*anchor* (the actor's own account, the most detailed one), plus the
``MAX_NUMERIC`` strongest pairs backed by numbers of either claim. A denial
whose content is the very content of another claim ("X denies claims by Y that
P") answers that claim only; speakers of one side given one content ("X and Y
said that P") are one voice, related once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from counterclaim.link.events import Grouping, date_range, days, distance_km, place_key
from counterclaim.link.propositions import OPPONENT
from counterclaim.models import Claim, Proposition, Quantity, Relation

CLOSE_RATIO = 1.5
WINDOW = 16  # each claim is compared with its WINDOW neighbours in time order (all pairs in small events)
MAX_CONTRADICTIONS = 4  # a contradiction is kept when it is among the 4 strongest of either claim
MAX_CROSS_CONTRADICTIONS = 12  # a direct contradiction across sides: kept among the 12 strongest of either claim
MAX_NUMERIC = 2  # agreement backed by numbers: the 2 strongest of either claim (plus the anchor star)
_GAIN = {"ADVANCE": "GAIN", "CAPTURE": "GAIN", "STRIKE": "HARM", "CIVILIAN_HARM": "HARM"}
_HARM = {"STRIKE", "CIVILIAN_HARM"}
_PERSONNEL = frozenset({"man", "men", "fighter", "soldier", "troop", "serviceman", "servicemen", "servicemember",
                        "personnel", "mercenarie", "mercenary", "militant", "marine", "paratrooper", "conscript",
                        "convict", "infantryman", "infantrymen", "combatant", "people", "person"})
CONTROL_RADIUS_KM = 15.0  # control of a place answers a capture of the place or of one this near
_ATTACK = {"ADVANCE", "CAPTURE", "BREAKTHROUGH"}


@dataclass(frozen=True)
class Finding:
    """What one pair of propositions says about each other."""

    kind: str
    evidence: tuple[str, ...]
    strength: int  # contradictions by polarity/type 3, by numbers 2; agreement by numbers 2, by type 1
    p: Proposition
    q: Proposition


def relate(g: Grouping) -> list[Relation]:
    """The relations among the claims of one event."""
    voice = _voices(g)
    findings = {(a, b): update(g.claims[a], g.claims[b], f) for a, b in _pairs(g) if voice[a] == a and voice[b] == b
                and (f := compare(g.props[a], g.props[b]))}
    anchors = _anchors(g, findings)
    kept = _strongest(findings, lambda pair, f: f.kind == "contradicts", MAX_CONTRADICTIONS)
    kept |= _strongest(findings, lambda pair, f: f.kind == "contradicts" and f.strength >= 3
                       and _cross_side(g.claims[pair[0]], g.claims[pair[1]]), MAX_CROSS_CONTRADICTIONS)
    kept |= _strongest(findings, lambda pair, f: f.kind != "contradicts" and _numeric(f), MAX_NUMERIC)
    return [make_relation(g.claims[a], g.claims[b], f) for (a, b), f in sorted(findings.items())
            if (a, b) in kept or (f.kind != "contradicts" and (a in anchors or b in anchors))]


def _cross_side(a: Claim, b: Claim) -> bool:
    """The two speakers are on opposing sides of the war."""
    return OPPONENT.get(a.speaker.side) == b.speaker.side


def _strongest(findings: dict[tuple[str, str], Finding], wanted, per_claim: int) -> set[tuple[str, str]]:
    """Pairs among the ``per_claim`` strongest wanted findings of either of their claims (a k-NN graph)."""
    by_claim: dict[str, list[tuple[tuple, tuple[str, str]]]] = {}
    for pair, f in findings.items():
        if wanted(pair, f):
            rank = (-f.strength, -len(f.evidence), pair)
            for cid in pair:
                by_claim.setdefault(cid, []).append((rank, pair))
    return {pair for ranked in by_claim.values() for _, pair in sorted(ranked)[:per_claim]}


def _pairs(g: Grouping) -> Iterator[tuple[str, str]]:
    """Claim pairs to compare: each claim with its next WINDOW claims in time order (the nearest ones)."""
    ids = sorted(g.claims, key=lambda cid: (_time_key(g.claims[cid]), cid))
    replies = _replies(list(g.claims.values()))
    for i, a in enumerate(ids):
        for b in ids[i + 1:i + 1 + WINDOW]:
            if a in replies and b not in replies[a] or b in replies and a not in replies[b]:
                continue
            yield (a, b) if a < b else (b, a)


def _voices(g: Grouping) -> dict[str, str]:
    """Each claim's voice: one attribution to several speakers of one side ("bloggers and Wagner said
    that P") is one voice, spoken by its first claim (by id). That its speakers agree is how the sentence
    is written, not a finding, and a third claim answers them once; across sides each speaker is a voice."""
    first: dict[tuple, str] = {}
    for cid in sorted(g.claims):
        c = g.claims[cid]
        first.setdefault((c.document_id, c.content.start, c.content.end, c.stance, c.speaker.side), cid)
    return {cid: first[(c.document_id, c.content.start, c.content.end, c.stance, c.speaker.side)]
            for cid, c in g.claims.items()}


def update(a: Claim, b: Claim, f: Finding) -> Finding:
    """A toll that grows is an update, not a contradiction: when one side gives a strike's or a disaster's
    figure (dead, injured, evacuated, settlements flooded) and later gives a higher one, the later figure
    refines the earlier (``quantity:update``). A lower later figure, or figures from different sides,
    stay a contradiction; so do figures given at the same time."""
    if f.kind != "contradicts" or "quantity:disjoint" not in f.evidence or _group(f.p.type) != "HARM":
        return f
    if a.speaker.side != b.speaker.side or not (f.p.polarity and f.q.polarity):
        return f
    ta, tb = _said(a), _said(b)
    if ta is None or tb is None or ta == tb:
        return f
    (early, late) = (f.p, f.q) if (ta < tb) == (f.p.claim_id == a.id) else (f.q, f.p)
    shared = set(_keyed(early)) & set(_keyed(late))
    grows = all(_interval(y)[0] >= _interval(x)[1] for k in shared for x in _keyed(early)[k] for y in _keyed(late)[k])
    if not (shared and grows):
        return f
    label = next((e for e in f.evidence if " vs " in e), "")
    detail = tuple(e for e in f.evidence if e.startswith(("type:", "place:", "time:")))
    return Finding("refines", ("quantity:update", *detail, f"refines:{label}"), 2, f.p, f.q)


def _said(c: Claim):
    """When a claim was made (its figure's date): said_at, else the day it is about."""
    when = c.said_at or c.when
    return days(when.earliest) if when else None


def _time_key(c: Claim) -> str:
    when = c.when or c.said_at
    return when.earliest.isoformat() if when else ""


def _replies(claims: list[Claim]) -> dict[str, set[str]]:
    """Denials whose content is another claim's content: they answer that claim only."""
    by_span: dict[tuple, list[Claim]] = {}
    for c in claims:
        by_span.setdefault((c.document_id, c.content.start, c.content.end), []).append(c)
    out: dict[str, set[str]] = {}
    for same in by_span.values():
        for c in same:
            if c.stance == "denies":
                answered = {o.id for o in same if o.stance != "denies"}
                if answered:
                    out[c.id] = answered
    return out


def compare(ps: list[Proposition], qs: list[Proposition]) -> Finding | None:
    """The strongest finding between two claims' propositions (contradictions first)."""
    found = [f for p in ps for q in qs if (f := compare_props(p, q))]
    if not found:
        return None
    return max(found, key=lambda f: (f.kind == "contradicts", f.strength, f.kind == "corroborates", f.evidence))


def compare_props(p: Proposition, q: Proposition) -> Finding | None:
    """What proposition ``p`` says about ``q``: a Finding or None when they do not bear on each other."""
    f = _blame(p, q) or _same_proposition(p, q) or _incompatible(p, q) or _incompatible(q, p)
    if f is None:
        return None
    return Finding(f.kind, f.evidence + _context(p, q), f.strength, f.p, f.q)


def _group(kind: str) -> str:
    return _GAIN.get(kind, kind)


def _compatible(x: str | None, y: str | None) -> bool:
    return x is None or y is None or x == y


def _same_proposition(p: Proposition, q: Proposition) -> Finding | None:
    if _group(p.type) != _group(q.type) or not _compatible(p.actor, q.actor):
        return None
    if p.type != q.type and not (p.actor and q.actor) and not (_group(p.type) == "HARM" and _shared_key(p, q)):
        return None  # an advance and a capture are one gain only when the same known side makes both
    if p.type == "LOSSES" and not (p.target and p.target == q.target) \
            and not (p.polarity != q.polarity and _compatible(p.target, q.target)):
        return None  # losses compare when both say whose they are, or one denies the other's (unnamed) tally
    if _group(p.type) == "HARM" and not _compatible(_object(p), _object(q)):
        return None  # a strike on the dam says nothing about one on a hospital
    label = f"type:{p.type}" if p.type == q.type else f"type:{p.type}×{q.type}"
    if p.polarity != q.polarity:
        return Finding("contradicts", ("polarity", label), 3, p, q)
    if not p.polarity:
        return Finding("corroborates", ("polarity:both-deny", label), 1, p, q)
    numbers = compare_quantities(p, q)
    if numbers is None:
        return Finding("corroborates", (label,), 1, p, q)
    kind, evidence = numbers
    return Finding(kind, (label, *evidence), 2, p, q)


def _object(p: Proposition) -> str | None:
    """The struck object of a strike or harm proposition ("dam", "hospital"), None when it names none."""
    return p.target if p.target not in (None, "blame", *OPPONENT) else None


def _shared_key(p: Proposition, q: Proposition) -> bool:
    return bool(set(_keyed(p)) & set(_keyed(q)))


def _blame(p: Proposition, q: Proposition) -> Finding | None:
    """A blame dispute: both say the same object was struck (or one calls it sabotage, a provocation),
    each blames a different side. Both assert, yet both cannot be true."""
    if _group(p.type) != "HARM" or _group(q.type) != "HARM" or not (p.polarity and q.polarity):
        return None
    if not (p.actor in OPPONENT and q.actor == OPPONENT[p.actor] and p.target and q.target):
        return None
    if p.target in OPPONENT or q.target in OPPONENT or not (_object(p) == _object(q) or "blame" in (p.target, q.target)):
        return None
    if p.target == q.target == "blame" or not same_area(p, q):
        return None
    return Finding("contradicts", ("blame", f"type:{p.type}" if p.type == q.type else f"type:{p.type}×{q.type}"),
                   3, p, q)


def _incompatible(p: Proposition, q: Proposition) -> Finding | None:
    """Types that cannot both be true: p's type against q's (the sides involved must be known)."""
    if not (p.polarity and q.polarity) and not (p.type == "WITHDRAWAL" and not p.polarity and q.polarity):
        return None
    if p.type == "REPEL" and q.type in _ATTACK and p.target and p.target == q.actor:
        return Finding("contradicts", (f"type:REPEL×{q.type}",), 3, p, q)
    if p.type == "REPEL" and q.type == "WITHDRAWAL" and p.actor and p.actor == q.actor:
        return Finding("contradicts", ("type:REPEL×WITHDRAWAL",), 3, p, q)
    if p.type == "WITHDRAWAL" and not p.polarity and q.type in _ATTACK and p.actor and q.actor == OPPONENT.get(p.actor):
        return Finding("contradicts", (f"type:WITHDRAWAL×{q.type}", "polarity"), 3, p, q)
    if p.type == "CONTROL" and q.type == "CAPTURE" and p.actor and q.actor == OPPONENT.get(p.actor) \
            and same_area(p, q):
        return Finding("contradicts", ("type:CONTROL×CAPTURE",), 3, p, q)
    return None


def same_area(p: Proposition, q: Proposition) -> bool:
    """True when the two propositions can be about one place: one names none, they share a name, or two
    of their places lie within ``CONTROL_RADIUS_KM`` (a village on a town's edge)."""
    if not p.places or not q.places:
        return True
    if {place_key(x) for x in p.places} & {place_key(x) for x in q.places}:
        return True
    return any(distance_km((a.lat, a.lon), (b.lat, b.lon)) <= CONTROL_RADIUS_KM for a in p.places
               for b in q.places if None not in (a.lat, a.lon, b.lat, b.lon))


def quantity_key(q: Quantity) -> str:
    """What a number measures: the thing counted and its unit ("personnel", "tank", "km", "front km").

    Words for people under arms ("men", "fighters", "servicemen", "troops") all count personnel."""
    words = [w.lower().rstrip("s") for w in (q.counted, q.unit) if w]
    words = ["personnel" if w.split()[-1] in _PERSONNEL else w for w in words]
    return " ".join(words) or "count"


APPROX = 0.1  # "about 2 km" without bounds of its own is 2 km ± 10 % (as the quantity extractor reads it)


def _interval(q: Quantity) -> tuple[float, float]:
    """The values a quantity allows; an approximate one without bounds is ``APPROX`` either side."""
    near = q.bound == "approx"
    low = q.low if q.low is not None else (
        q.value * (1 - APPROX) if near else q.value if q.bound in ("exact", "at_least") else float("-inf"))
    high = q.high if q.high is not None else (
        q.value * (1 + APPROX) if near else q.value if q.bound in ("exact", "at_most") else float("inf"))
    return low, high


def compare_quantities(p: Proposition, q: Proposition) -> tuple[str, tuple[str, ...]] | None:
    """Kind and evidence from the numbers two propositions share a key for, or None."""
    qa, qb = _keyed(p), _keyed(q)
    results = [_compare_numbers(x, y) for k in sorted(set(qa) & set(qb)) for x in qa[k] for y in qb[k]]
    results = [r for r in results if r]
    if not results:
        return None
    order = {"contradicts": 0, "refines": 1, "corroborates": 2}
    return min(results, key=lambda r: (order[r[0]], r[1]))


def _keyed(p: Proposition) -> dict[str, list[Quantity]]:
    """The proposition's numbers by key; metres are counted as kilometres (a gain of 800 m vs 2 km)."""
    out: dict[str, list[Quantity]] = {}
    for q in p.quantities:
        if q.unit == "m":
            q = q.model_copy(update={"unit": "km", "value": q.value / 1000, "low": _km(q.low), "high": _km(q.high)})
        out.setdefault(quantity_key(q), []).append(q)
    return out


def _km(metres: float | None) -> float | None:
    return None if metres is None else metres / 1000


def _compare_numbers(x: Quantity, y: Quantity) -> tuple[str, tuple[str, ...]] | None:
    (a0, a1), (b0, b1) = _interval(x), _interval(y)
    label = f"{_fmt(x)} vs {_fmt(y)}"
    if (a0, a1) == (b0, b1):
        return "corroborates", ("quantity:equal",)
    inside = (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1)
    if inside and not (a0 == b0 and a1 == b1):
        return "refines", ("quantity:inside", f"refines:{label}")
    if max(a0, b0) <= min(a1, b1):
        return "corroborates", ("quantity:overlap",)
    lo, hi = sorted((max(a0, b0), min(a1, b1)), key=abs)
    if lo > 0 and hi / lo <= CLOSE_RATIO:
        return "corroborates", ("quantity:close", f"refines:{label}")
    return "contradicts", ("quantity:disjoint", label)


def _fmt(q: Quantity) -> str:
    sign = {"at_least": "≥", "at_most": "≤", "approx": "~"}.get(q.bound, "")
    return " ".join(x for x in (f"{sign}{q.value:g}", q.unit, q.counted) if x)


def _numeric(f: Finding) -> bool:
    return any(e.startswith("quantity:") for e in f.evidence)


def _context(p: Proposition, q: Proposition) -> tuple[str, ...]:
    """Supporting evidence from places and times."""
    out = []
    pk, qk = {place_key(x) for x in p.places}, {place_key(x) for x in q.places}
    if pk & qk:
        out.append("place:same")
    elif any(distance_km((a.lat, a.lon), (b.lat, b.lon)) <= 30.0 for a in p.places for b in q.places
             if None not in (a.lat, a.lon, b.lat, b.lon)):
        out.append("place:near")
    if p.when and q.when and p.when.earliest <= q.when.latest and q.when.earliest <= p.when.latest:
        out.append("time:overlap")
    return tuple(out)


def _anchors(g: Grouping, findings: dict[tuple[str, str], Finding]) -> set[str]:
    """One anchor per group of agreeing claims: first-party, most propositions, most detail."""
    parent = {cid: cid for cid in g.claims}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for (a, b), f in findings.items():
        if f.kind != "contradicts":
            parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for cid in sorted(g.claims):
        groups.setdefault(root(cid), []).append(cid)
    return {max(members, key=lambda cid: _anchor_score(g, cid)) for members in groups.values()}


def _anchor_score(g: Grouping, cid: str) -> tuple:
    claim, props = g.claims[cid], g.props[cid]
    first_party = any(p.actor and p.actor == claim.speaker.side for p in props)
    detail = sum(len(p.quantities) + len(p.places) for p in props)
    return first_party, len(props), detail, cid


def make_relation(a: Claim, b: Claim, f: Finding) -> Relation:
    """A Relation between two claims from a finding, with its human-readable reason."""
    a, b = sorted((a, b), key=lambda c: c.id)
    pa, pb = (f.p, f.q) if f.p.claim_id == a.id else (f.q, f.p)
    reason = f"{a.speaker.name}: {describe(pa)} vs {b.speaker.name}: {describe(pb)}"
    return Relation(id=Relation.make_id(a.id, b.id, f.kind), a=a.id, b=b.id, kind=f.kind, reason=reason,
                    evidence=list(dict.fromkeys(f.evidence)), score=round(f.strength / 3, 3))


_ADJ = {"ukraine": "Ukrainian", "russia": "Russian"}
_PHRASES = {  # type -> (asserted, denied); {a} actor adjective, {t} target adjective
    "ADVANCE": ("{a} forces advanced", "no {a} advance"),
    "REPEL": ("{t} attacks repelled", "{t} attacks not repelled"),
    "BREAKTHROUGH": ("{a} breakthrough", "no {a} breakthrough"),
    "CAPTURE": ("{a} forces captured ground", "no {a} capture"),
    "WITHDRAWAL": ("{a} forces withdrew", "{a} forces lost no positions"),
    "LOSSES": ("{t} losses", "no {t} losses"),
    "STRIKE": ("{a} strike", "no {a} strike"),
    "CIVILIAN_HARM": ("civilians harmed", "no civilians harmed"),
    "CONTROL": ("{a} control", "no {a} control"),
    "DEPLOYMENT": ("{a} forces deployed", "no {a} deployment"),
    "OTHER": ("{a} statement", "{a} denial"),
}


def describe(p: Proposition) -> str:
    """A few words for a proposition: "Ukrainian forces advanced 2 km near Bakhmut (12 May 2023)"."""
    phrase = _PHRASES[p.type][0 if p.polarity else 1]
    text = phrase.format(a=_ADJ.get(p.actor or "", ""), t=_ADJ.get(p.target or "", "")).strip()
    text = re.sub(r"\s+", " ", text)
    numbers = ", ".join(_fmt(q) for q in p.quantities[:2])
    where = f" near {p.places[0].name}" if p.places else ""
    when = f" ({date_range(p.when)})" if p.when else ""
    return f"{text}{f' {numbers}' if numbers else ''}{where}{when}"
