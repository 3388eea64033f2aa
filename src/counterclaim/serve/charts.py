"""Geometry for the inline SVG charts: the spread of a number per side, and the offline map.

Only numbers are computed here; the templates draw them, so every label still
goes through Jinja's autoescaping. The map is an equirectangular projection of
the Natural Earth countries shipped in ``static/basemap.geojson``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from counterclaim.errors import ModelError
from counterclaim.models import Event, QuantitySpread
from counterclaim.serve.queries import SIDE_ORDER

BASEMAP = Path(__file__).with_name("static") / "basemap.geojson"
MAP_BOX = (20.0, 43.5, 43.0, 54.0)  # lon_min, lat_min, lon_max, lat_max: Ukraine and its neighbours
MAP_WIDTH = 900.0


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


@lru_cache(maxsize=1)
def _features() -> list[dict]:
    try:
        return json.loads(BASEMAP.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{BASEMAP}: base map unreadable ({exc}); rebuild it with scripts/make_basemap.py") from exc


def _scale() -> tuple[float, float]:
    lon0, lat0, lon1, lat1 = MAP_BOX
    kx = MAP_WIDTH / (lon1 - lon0)
    ky = kx / math.cos(math.radians((lat0 + lat1) / 2))
    return kx, ky


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection, scaled to the map's mid latitude so shapes keep their proportions."""
    kx, ky = _scale()
    return round((lon - MAP_BOX[0]) * kx, 1), round((MAP_BOX[3] - lat) * ky, 1)


def map_height() -> float:
    """Height of the map in SVG units for :data:`MAP_WIDTH`."""
    return project(MAP_BOX[0], MAP_BOX[1])[1]


@lru_cache(maxsize=1)
def country_paths() -> tuple[tuple[str, str, str], ...]:
    """(ISO code, name, SVG path data) for each country of the base map."""
    out = []
    for f in _features():
        rings = [ring for poly in f["geometry"]["coordinates"] for ring in poly]
        d = " ".join("M" + "L".join("{},{}".format(*project(x, y)) for x, y in ring) + "Z" for ring in rings)
        out.append((f["properties"]["iso_a3"], f["properties"]["name"], d))
    return tuple(out)


COUNTRY_LABELS: dict[str, tuple[float, float]] = {  # where each country's name sits (lon, lat)
    "UKR": (31.0, 49.3), "RUS": (40.5, 52.6), "BLR": (27.8, 53.1), "POL": (21.6, 52.3), "ROU": (24.6, 45.9),
    "MDA": (28.6, 47.6), "HUN": (21.5, 47.1), "SVK": (21.6, 48.9), "BGR": (25.2, 43.9),
}


def country_labels() -> list[tuple[str, float, float]]:
    """(name, x, y) of the main countries' name labels."""
    names = {f["properties"]["iso_a3"]: f["properties"]["name"] for f in _features()}
    return [(names[iso], *project(lon, lat)) for iso, (lon, lat) in COUNTRY_LABELS.items() if iso in names]


def marker_labels(marks: list[dict]) -> list[dict]:
    """One label per place, so that events at the same place do not print its name on top of each other."""
    seen: dict[str, dict] = {}
    for m in marks:
        seen.setdefault(m["place"], m)
    return list(seen.values())


def credit() -> str:
    """The base map's credit line."""
    return json.loads(BASEMAP.read_text(encoding="utf-8")).get("credit", "Natural Earth")


def markers(events: list[Event]) -> list[dict]:
    """One marker per event with a located place inside the map box."""
    out = []
    lon0, lat0, lon1, lat1 = MAP_BOX
    for e in events:
        place = next((p for p in e.places if p.lat is not None and p.lon is not None), None)
        if place is None or not (lon0 <= place.lon <= lon1 and lat0 <= place.lat <= lat1):
            continue
        x, y = project(place.lon, place.lat)
        status = e.assessment.status if e.assessment else "single_source"
        out.append({"event": e, "x": x, "y": y, "status": status, "place": place.name})
    return out
