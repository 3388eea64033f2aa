"""Geometry for the inline SVG chart of how far a number spreads between sides.

Only numbers are computed here; the template draws them, so every label still
goes through Jinja's autoescaping.
"""

from __future__ import annotations

from dataclasses import dataclass

from counterclaim.models import QuantitySpread
from counterclaim.serve.queries import SIDE_ORDER


@dataclass(frozen=True)
class Bar:
    """One side's interval on a spread chart, in SVG units."""

    side: str
    y: float
    x1: float
    x2: float
    label: str
    point: bool = False  # an exact value: drawn as a dot


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:g}"


def spread_bars(spread: QuantitySpread, width: float = 420.0, left: float = 90.0, row: float = 18.0) -> dict:
    """Bars for each side's (low, high) of one number on a shared axis; an open bound extends to the axis end."""
    values = [v for lo_hi in spread.by_side.values() for v in lo_hi if v is not None]
    if not values:
        return {"bars": [], "height": 0, "width": width + left, "ticks": []}
    lo, hi = min(values + [0.0]), max(values)
    scale = (width - 20) / (hi - lo) if hi > lo else 0.0
    bars = []
    order = {side: i for i, side in enumerate(SIDE_ORDER)}
    for i, (side, (a, b)) in enumerate(sorted(spread.by_side.items(), key=lambda kv: order.get(kv[0], 99))):
        x1 = left + ((a if a is not None else lo) - lo) * scale
        x2 = left + ((b if b is not None else hi) - lo) * scale
        text = _fmt(a) if a == b and a is not None else f"{_fmt(a) if a is not None else '…'}–{_fmt(b) if b is not None else '…'}"
        point = a is not None and a == b
        bars.append(Bar(side, 8 + i * row, x1, x2 + 6 if point else max(x2, x1 + 3), text, point))
    ticks = [(left, _fmt(lo)), (left + (hi - lo) * scale, _fmt(hi))]
    return {"bars": bars, "height": 16 + len(bars) * row, "width": width + left + 60, "ticks": ticks}
