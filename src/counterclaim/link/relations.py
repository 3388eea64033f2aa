"""Relations between claims, derived from proposition clusters, each with a reason a person can check.

- Two claims of one cluster **corroborate** when they give the proposition the same polarity and
  **contradict** when one asserts what the other denies.
- Numbers inside a cluster refine that: figures for the same thing that lie far apart contradict
  when the speakers are on opposing sides or gave them at the same time; a side that later gives a
  higher toll than it gave before **refines** its own figure (a toll that grows is an update).
- Two clusters of one event whose answers cannot both be true (``incompatible`` in
  ``data/questions.yaml``: Russian forces vs Ukrainian forces responsible for the same harm)
  **contradict** wherever both assert their answer.

A cluster of a few hundred claims would give tens of thousands of pairs that say nothing new, so in a
cluster larger than ``FULL_CLUSTER`` each claim is related to its ``PER_CLAIM`` nearest claims in
time and to the cluster's first claim; smaller clusters relate every pair (which is what an
exhaustive gold expects).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence

from counterclaim.link.context import View
from counterclaim.link.numbers import compare_all, prop_quantities
from counterclaim.link.reading import QUESTIONS, action, cyrillic
from counterclaim.models import Relation

FULL_CLUSTER = 60
PER_CLAIM = 12
_ADJ = {"ukraine": "Ukrainian", "russia": "Russian"}


def incompatible(frame: str, x: str | None, y: str | None) -> str | None:
    """The reason two answers to one question cannot both be true, or None when they can."""
    for a, b, *why in QUESTIONS.get(frame, {}).get("incompatible", []):
        if {a, b} == {x, y}:
            return why[0] if why else f"{a} vs {b}"
    return None


def within(members: Sequence[View], statement: str) -> Iterator[Relation]:
    """The relations among the claims of one cluster. Acts the table says exclude each other contradict
    even when both claims assert ("fighting goes on in the town" vs "the town was taken"); a repel of some
    attacks does not deny an advance on the same day, so that pair is left unrelated."""
    for a, b in _pairs(members):
        why = _answers_clash(a, b) or _acts_clash(a, b) or _acts_clash(b, a)
        if why:
            yield _clash(a, b, why)
        elif not (_partial_repel(a, b) or _partial_repel(b, a)):
            yield _relate(a, b, statement)


def _answers_clash(a: View, b: View) -> str | None:
    """Why two claims of one cluster that both assert answers ``questions.yaml`` calls incompatible cannot
    both be true (a cluster the scorer drew too wide: "Russian forces blew up the dam" and "Ukrainian forces
    blew up the dam" are alike in every word but one), or None."""
    ra, rb = a.reading, b.reading
    if ra.frame != rb.frame or not (ra.polarity and rb.polarity) or ra.answer == rb.answer:
        return None
    return incompatible(ra.frame, ra.answer, rb.answer)


def _partial_repel(a: View, b: View) -> bool:
    """``a`` repels some (not all) attacks of the side ``b`` says advanced."""
    ra, rb = a.reading, b.reading
    return (ra.frame == rb.frame == "ground" and ra.cues[:1] == ("repel",) and not ra.universal
            and ra.answer == rb.answer and rb.polarity and action(rb) in ("advance", "capture", "breakthrough"))


def across(xs: Sequence[View], ys: Sequence[View], statement_x: str, statement_y: str, why: str) -> Iterator[Relation]:
    """Contradictions between two clusters whose answers are incompatible: the pairs that assert both
    (every pair of two small clusters; see :func:`_cross_pairs`)."""
    for a, b in _cross_pairs(xs, ys):
        if a.reading.polarity and b.reading.polarity:
            reason = (f"{_who(a)} says {_lower(statement_x)}; {_who(b)} says {_lower(statement_y)}: "
                      f"both cannot be true ({why}).")
            yield make(a, b, "contradicts", reason, ("incompatible", f"answer:{a.reading.answer}",
                                                    f"answer:{b.reading.answer}", *_context(a, b)))


def clashing_acts(xs: Sequence[View], ys: Sequence[View]) -> Iterator[Relation]:
    """Contradictions between acts that cannot both have happened at one place and time
    (``incompatible_actions`` in ``data/questions.yaml``: every attack repelled vs an advance)."""
    for a, b in _cross_pairs(xs, ys):
        why = _acts_clash(a, b) or _acts_clash(b, a)
        if why:
            yield _clash(a, b, why)


def _cross_pairs(xs: Sequence[View], ys: Sequence[View]) -> Iterator[tuple[View, View]]:
    """Pairs across two clusters: all of them while there are at most ``FULL_CLUSTER`` squared, else each claim
    with the ``PER_CLAIM`` claims of the other cluster nearest to it in time, so that two crowded clusters
    cost a number of relations that grows with their sizes, not with their product."""
    if len(xs) * len(ys) <= FULL_CLUSTER * FULL_CLUSTER:
        yield from ((a, b) for a in xs for b in ys)
        return
    seen: set[tuple[int, int]] = set()
    for one, other, flip in ((xs, ys, False), (ys, xs, True)):
        ordered = sorted(other, key=_day)
        days = [_day(v) for v in ordered]
        for a in one:
            at = bisect_left(days, _day(a))
            for b in ordered[max(0, at - PER_CLAIM // 2): at + PER_CLAIM // 2]:
                x, y = (b, a) if flip else (a, b)
                if (id(x), id(y)) not in seen:
                    seen.add((id(x), id(y)))
                    yield x, y


def _day(v: View) -> float:
    return v.t0 if v.t0 is not None else 0.0


def _clash(a: View, b: View, why: str) -> Relation:
    reason = f"{_who(a)} says {_quote(a)}; {_who(b)} says {_quote(b)}: both cannot be true ({why})."
    answer = a.reading.answer or b.reading.answer
    return make(a, b, "contradicts", reason, ("incompatible:acts", f"answer:{answer}", *_context(a, b)))


def _acts_clash(a: View, b: View) -> str | None:
    """The reason ``a``'s act excludes ``b``'s asserted act, from the table: a universal repel against any gain
    by the attacker within a day, or fighting or a hold against a capture of the same named place within
    days (by whichever side)."""
    ra, rb = a.reading, b.reading
    if ra.frame != "ground" or rb.frame != "ground" or not rb.polarity or rb.answer is None:
        return None
    table = QUESTIONS["ground"]
    if ra.universal and not ra.polarity and ra.answer == rb.answer and _within(a, b, 1.0):
        return _lookup(table.get("incompatible_actions", []), "repel-all", action(rb))
    holder_is_other = ra.cues[:1] == ("hold",) and ra.answer == rb.answer  # "we hold it" vs "they took it"
    if (ra.cues[:1] == ("fighting",) or holder_is_other) and ra.polarity != (ra.cues[:1] == ("hold",)) \
            and a.own_place and b.own_place and a.names & b.names and _within(a, b, 3.0):
        return _lookup(table.get("incompatible_at_place", []), action(ra), action(rb))
    return None


def _lookup(table: list, x: str, y: str) -> str | None:
    return next((why[0] if why else f"{x} vs {y}" for a, b, *why in table if (a, b) == (x, y)), None)


def _within(a: View, b: View, days: float) -> bool:
    return a.t0 is not None and b.t0 is not None and a.t0 <= b.t1 + days and b.t0 <= a.t1 + days


def _quote(v: View) -> str:
    text = v.claim.content.text.strip()
    return f"“{text if len(text) <= 90 else text[:87].rsplit(' ', 1)[0] + '…'}”"


def _pairs(members: Sequence[View]) -> Iterator[tuple[View, View]]:
    ordered = sorted(members, key=lambda v: (v.t0 if v.t0 is not None else 0.0, v.claim.id))
    if len(ordered) <= FULL_CLUSTER:
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                yield a, b
        return
    seen: set[tuple[str, str]] = set()
    for i, a in enumerate(ordered):
        for b in [ordered[0], *ordered[i + 1:i + 1 + PER_CLAIM]]:
            key = tuple(sorted((a.claim.id, b.claim.id)))
            if a is not b and key not in seen:
                seen.add(key)
                yield a, b


def _relate(a: View, b: View, statement: str) -> Relation:
    numbers = compare_all(prop_quantities(a.props), prop_quantities(b.props))
    clash = next((label for kind, label in numbers if kind == "disjoint"), None)
    context = _context(a, b)
    if a.reading.polarity != b.reading.polarity:
        yes, no = (a, b) if a.reading.polarity else (b, a)
        reason = f"{_who(yes)} says {_lower(statement)}; {_who(no)} says it is not so."
        return make(a, b, "contradicts", reason, ("polarity", *context))
    if clash and _update(a, b):
        reason = f"{_who(a)} and {_who(b)} give figures for {_lower(statement)} that grow over time ({clash})."
        return make(a, b, "refines", reason, ("quantity:update", f"refines:{clash}", *context))
    if clash and (_opposed(a, b) or _same_day(a, b)):
        reason = f"{_who(a)} and {_who(b)} speak of {_lower(statement)} with figures that do not meet ({clash})."
        return make(a, b, "contradicts", reason, ("quantity:disjoint", clash, *context))
    inside = next((label for kind, label in numbers if kind == "inside"), None)
    if inside and a.reading.polarity:
        reason = f"{_who(a)} and {_who(b)} both say {_lower(statement)}; one gives a figure within the other's ({inside})."
        return make(a, b, "refines", reason, ("quantity:inside", f"refines:{inside}", *context))
    agree = ", ".join(label for kind, label in numbers if kind != "disjoint")
    both = "deny" if not a.reading.polarity else "say"
    reason = f"{_who(a)} and {_who(b)} both {both} {_lower(statement)}" + (f" ({agree})." if agree else ".")
    evidence = ("polarity:same" if a.reading.polarity else "polarity:both-deny",
                *(f"quantity:{kind}" for kind, _ in numbers if kind != "disjoint"), *context)
    return make(a, b, "corroborates", reason, evidence)


def make(a: View, b: View, kind: str, reason: str, evidence: Sequence[str]) -> Relation:
    """A Relation between the claims of two views (ids in sorted order). Between claims in different
    scripts (a Russian report and an English one) the reason also quotes both in their own words, since
    its statement is worded in English."""
    if cyrillic(a.claim.content.text) != cyrillic(b.claim.content.text) and "“" not in reason:
        reason = f"{reason} In their words: {_who(a)}, {_quote(a)}; {_who(b)}, {_quote(b)}."
    x, y = sorted((a.claim.id, b.claim.id))
    return Relation(id=Relation.make_id(x, y, kind), a=x, b=y, kind=kind, reason=reason,
                    evidence=list(dict.fromkeys(evidence)))


def _who(v: View) -> str:
    return v.claim.speaker.name or "the outlet"


def _lower(statement: str) -> str:
    """A statement to follow "says": lower-case unless it starts with a proper name or a quote."""
    first = statement.split(" ", 1)[0]
    if first in ("Ukrainian", "Russian") or not first[:1].isalpha() or first[1:2].isupper():
        return statement
    return statement[:1].lower() + statement[1:]


def _opposed(a: View, b: View) -> bool:
    return {a.claim.speaker.side, b.claim.speaker.side} == {"russia", "ukraine"}


def _said(v: View) -> float | None:
    when = v.claim.said_at or v.claim.when
    if when is None:
        return None
    from counterclaim.link.context import days

    return days(when.earliest)


def _same_day(a: View, b: View) -> bool:
    ta, tb = _said(a), _said(b)
    return ta is not None and tb is not None and abs(ta - tb) < 1.0


def _update(a: View, b: View) -> bool:
    """One side's later figure is higher than its earlier one (a toll that grows)."""
    if a.claim.speaker.side != b.claim.speaker.side:
        return False
    ta, tb = _said(a), _said(b)
    if ta is None or tb is None or abs(ta - tb) < 1.0:
        return False
    early, late = (a, b) if ta < tb else (b, a)
    from counterclaim.link.numbers import interval, keyed

    ke, kl = keyed(prop_quantities(early.props)), keyed(prop_quantities(late.props))
    shared = set(ke) & set(kl)
    return bool(shared) and all(interval(y)[0] >= interval(x)[1] for k in shared for x in ke[k] for y in kl[k])


def _context(a: View, b: View) -> tuple[str, ...]:
    """Supporting evidence from places and times."""
    out = []
    if a.names & b.names:
        out.append("place:same")
    if a.t0 is not None and b.t0 is not None and a.t0 <= b.t1 and b.t0 <= a.t1:
        out.append("time:overlap")
    return tuple(out)
