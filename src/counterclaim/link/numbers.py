"""Numbers in claims as intervals, keyed by what they count, and how two of them compare.

"as many as 500 soldiers" allows [0, 500], "more than 1,000" [1,000, ∞), "about 2 km" 2 km ± 10 %.
Two numbers compare only when they count the same thing (``quantity_key``: people under arms all
count as "personnel", metres are kilometres): equal or overlapping intervals agree, one inside the
other refines, values within ``CLOSE_RATIO`` of each other agree with a refinement, and numbers further
apart clash.
"""

from __future__ import annotations

from counterclaim.models import Proposition, Quantity

CLOSE_RATIO = 1.5
APPROX = 0.1  # "about 2 km" without bounds of its own is 2 km ± 10 % (as the quantity extractor reads it)
_PERSONNEL = frozenset({"man", "men", "fighter", "soldier", "troop", "serviceman", "servicemen", "servicemember",
                        "personnel", "mercenarie", "mercenary", "militant", "marine", "paratrooper", "conscript",
                        "convict", "infantryman", "infantrymen", "combatant", "people", "person"})


def quantity_key(q: Quantity) -> str:
    """What a number measures: the thing counted and its unit ("personnel", "tank", "km", "front km")."""
    words = [w.lower().rstrip("s") for w in (q.counted, q.unit) if w]
    words = ["personnel" if w.split()[-1] in _PERSONNEL else w for w in words]
    return " ".join(words) or "count"


def interval(q: Quantity) -> tuple[float, float]:
    """The values a quantity allows; an approximate one without bounds is ``APPROX`` either side."""
    near = q.bound == "approx"
    low = q.low if q.low is not None else (
        q.value * (1 - APPROX) if near else q.value if q.bound in ("exact", "at_least") else float("-inf"))
    high = q.high if q.high is not None else (
        q.value * (1 + APPROX) if near else q.value if q.bound in ("exact", "at_most") else float("inf"))
    return low, high


def keyed(quantities: list[Quantity]) -> dict[str, list[Quantity]]:
    """Numbers by key; metres are counted as kilometres (a gain of 800 m vs 2 km)."""
    out: dict[str, list[Quantity]] = {}
    for q in quantities:
        if q.unit == "m":
            q = q.model_copy(update={"unit": "km", "value": q.value / 1000, "low": _km(q.low), "high": _km(q.high)})
        out.setdefault(quantity_key(q), []).append(q)
    return out


def prop_quantities(props: list[Proposition]) -> list[Quantity]:
    """Every number of a claim's typed clauses."""
    return [q for p in props for q in p.quantities]


def _km(metres: float | None) -> float | None:
    return None if metres is None else metres / 1000


def compare_numbers(x: Quantity, y: Quantity) -> tuple[str, str]:
    """``(kind, detail)``: "equal", "inside", "overlap", "close" or "disjoint", and "≤500 vs ≥1,000"."""
    (a0, a1), (b0, b1) = interval(x), interval(y)
    label = f"{fmt(x)} vs {fmt(y)}"
    if (a0, a1) == (b0, b1):
        return "equal", label
    if (a0 <= b0 and b1 <= a1) or (b0 <= a0 and a1 <= b1):
        return "inside", label
    if max(a0, b0) <= min(a1, b1):
        return "overlap", label
    lo, hi = sorted((max(a0, b0), min(a1, b1)), key=abs)
    if lo > 0 and hi / lo <= CLOSE_RATIO:
        return "close", label
    return "disjoint", label


def compare_all(xs: list[Quantity], ys: list[Quantity]) -> list[tuple[str, str]]:
    """Every comparison between two claims' numbers that count the same thing."""
    ka, kb = keyed(xs), keyed(ys)
    return [compare_numbers(x, y) for k in sorted(set(ka) & set(kb)) for x in ka[k] for y in kb[k]]


def fmt(q: Quantity) -> str:
    """"≥1,000 personnel", "~2 km"."""
    sign = {"at_least": "≥", "at_most": "≤", "approx": "~"}.get(q.bound, "")
    value = f"{q.value:,.0f}" if q.value == int(q.value) else f"{q.value:g}"
    return " ".join(x for x in (f"{sign}{value}", q.unit, q.counted) if x)
