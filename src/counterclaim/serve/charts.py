"""Geometry and labels for the inline SVG chart of how far a number spreads between sides.

Only numbers and words are computed here; the template draws them, so every label still goes
through Jinja's autoescaping. The chart is drawn in a ``viewBox`` the page scales to its width.

A side's interval can be open at both ends: the linker merges "at most 100" and "at least 100"
from one side into an interval without bounds. Such a side is drawn from the figures its claims
give (``figures``), each as a mark with its bound, so a chart is never empty while a figure exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from counterclaim.models import Claim, QuantitySpread

SIDE_ORDER: tuple[str, ...] = ("ukraine", "russia", "third_party", "media", "unknown")
UNIT_LABELS = {"km": "km", "km2": "km²", "m": "m", "mi": "miles", "%": "%"}
TYPE_LABELS = {
    "ADVANCE": "Advance", "REPEL": "Repelled", "BREAKTHROUGH": "Breakthrough", "CAPTURE": "Captured",
    "WITHDRAWAL": "Withdrawal", "LOSSES": "Losses", "STRIKE": "Strikes", "CIVILIAN_HARM": "Civilians harmed",
    "CONTROL": "Control", "DEPLOYMENT": "Deployed", "OTHER": "",
}
UNCOUNTABLE = frozenset({"personnel", "dead", "killed", "wounded", "injured", "missing", "equipment", "artillery",
                         "infantry", "ammunition", "count", "front"})
PROPER = frozenset({"ukrainian", "russian", "belarusian", "wagner", "chechen", "american", "british", "polish"})


def _plural(word: str) -> str:
    """English plural of a counted noun as the linker keys it ("tank", "companie" for companies)."""
    if word in UNCOUNTABLE or word.endswith("s"):
        return word
    if word.endswith("ie"):
        return word + "s"
    if word.endswith(("ch", "sh", "x")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def split_key(key: str) -> tuple[str, str]:
    """A spread key as (kind, what is counted): "ADVANCE km" -> ("ADVANCE", "km"); a key without a kind in
    capitals, as the linker writes it ("km", "ukrainian tank"), has none."""
    first, _, rest = key.partition(" ")
    return (first, rest) if first.isupper() else ("", key)


def label(key: str, unit: str | None = None) -> str:
    """A readable label for a spread key: "LOSSES ukrainian tank" -> "Ukrainian tanks lost",
    "ADVANCE km" -> "Advance (km)", "ADVANCE front km" -> "Advance: front (km)"."""
    kind, rest = split_key(key)
    words = [w for w in rest.split() if w != "count"]
    if unit and words and words[-1] == unit:
        words = words[:-1]
    if words:
        words[-1] = _plural(words[-1])
    what = " ".join(w.capitalize() if w in PROPER else w for w in words)
    shown_unit = f" ({UNIT_LABELS.get(unit, unit)})" if unit else ""
    if kind == "LOSSES" and what:
        return f"{what[:1].upper()}{what[1:]} lost{shown_unit}"
    head = TYPE_LABELS.get(kind, kind.replace("_", " ").capitalize())
    if not what:
        return f"{head}{shown_unit}" if head else (UNIT_LABELS.get(unit or "", unit or "") or "Figures")
    return f"{head}: {what}{shown_unit}" if head else f"{what[:1].upper()}{what[1:]}{shown_unit}"


def fmt(value: float) -> str:
    """A number as people write it: "2.6", "500", "50,000"."""
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:g}"


def interval_text(low: float | None, high: float | None) -> str:
    """"2–2.6", "2.6", "≤ 500", "≥ 100", or "no bounds"."""
    if low is not None and high is not None:
        return fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"
    if high is not None:
        return f"≤ {fmt(high)}"
    if low is not None:
        return f"≥ {fmt(low)}"
    return "no bounds"


def side_range(spread: QuantitySpread, side: str) -> str:
    """One side's range of a spread as text."""
    low, high = spread.by_side.get(side, (None, None))
    return interval_text(low, high)


@dataclass(frozen=True)
class Bar:
    """One side's interval (or one of its figures) on a spread chart, in SVG units."""

    side: str
    y: float
    x1: float
    x2: float
    label: str
    point: bool = False  # an exact value: drawn as a dot
    open_low: bool = False  # no lower bound: drawn fading to the axis start
    open_high: bool = False


def _key_of(q) -> str:
    from counterclaim.link.numbers import quantity_key

    return quantity_key(q)


def figures(spread: QuantitySpread, claims: list[Claim]) -> dict[str, list[tuple[float | None, float | None]]]:
    """Side -> the (low, high) of each figure its claims give for this spread's key (claims' own numbers)."""
    _, wanted = split_key(spread.key)
    out: dict[str, list[tuple[float | None, float | None]]] = {}
    for claim in claims:
        for q in claim.quantities:
            if _key_of(q) != wanted:
                continue
            low = q.low if q.low is not None else (q.value if q.bound in ("exact", "at_least", "approx") else None)
            high = q.high if q.high is not None else (q.value if q.bound in ("exact", "at_most", "approx") else None)
            out.setdefault(claim.speaker.side, []).append((low, high))
    return out


def spread_bars(spread: QuantitySpread, claims: list[Claim] | None = None, width: float = 300.0,
                left: float = 84.0, row: float = 22.0) -> dict:
    """Bars for each side's (low, high) of one number on a shared axis; an open bound extends to the axis end.

    A side whose interval has no bound at all is drawn from its claims' figures instead, one row each.
    """
    rows: list[tuple[str, float | None, float | None]] = []
    own = figures(spread, claims or [])
    order = {side: i for i, side in enumerate(SIDE_ORDER)}
    for side, (a, b) in sorted(spread.by_side.items(), key=lambda kv: order.get(kv[0], 99)):
        if a is None and b is None:
            rows.extend((side, lo, hi) for lo, hi in own.get(side, []) if lo is not None or hi is not None)
        else:
            rows.append((side, a, b))
    values = [v for _, a, b in rows for v in (a, b) if v is not None]
    if not values:
        return {"bars": [], "height": 0, "width": width + left + 60, "ticks": []}
    lo, hi = min(values + [0.0]), max(values)
    if any(b is None for _, a, b in rows):  # an open upper bound: leave room to show it runs on
        hi = hi * 1.25 if hi > 0 else hi + 1
    scale = (width - 20) / (hi - lo) if hi > lo else 0.0
    bars = []
    for i, (side, a, b) in enumerate(rows):
        x1 = left + ((a if a is not None else lo) - lo) * scale
        x2 = left + ((b if b is not None else hi) - lo) * scale
        point = a is not None and a == b
        bars.append(Bar(side, 8 + i * row, x1, x2 + 6 if point else max(x2, x1 + 3), interval_text(a, b), point,
                        a is None, b is None))
    top = max(values)
    ticks = [(left, fmt(lo)), (left + (top - lo) * scale, fmt(top))]
    return {"bars": bars, "height": 16 + len(bars) * row, "width": width + left + 70, "ticks": ticks}
