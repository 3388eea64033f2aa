"""Rebuild the web app's offline base map, ``serve/static/basemap.geojson``.

The map shows the countries around the war in Ukraine, cut from Natural Earth's
1:110m admin-0 countries (public domain) as shipped inside the geopandas 0.14.4
wheel as ``naturalearth_lowres``. Coordinates are rounded to 0.01 degrees, which
keeps the file small and is finer than a laptop screen can show at this scale.

Why a script: the GeoJSON in the package must be reproducible from its source.

Example:
    pip download geopandas==0.14.4 --no-deps -d /tmp/gpd
    pip install pyshp==3.1.6
    python scripts/make_basemap.py /tmp/gpd/geopandas-0.14.4-py3-none-any.whl
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import shapefile  # pyshp

COUNTRIES = {
    "UKR", "RUS", "BLR", "POL", "MDA", "ROU", "HUN", "SVK", "LTU", "LVA", "EST",
    "GEO", "TUR", "BGR", "FIN", "CZE", "DEU", "AZE", "ARM", "KAZ", "SRB", "AUT", "SWE", "NOR",
}
BBOX = (14.0, 40.0, 60.0, 62.0)  # lon_min, lat_min, lon_max, lat_max shown by the web map
OUT = Path(__file__).resolve().parents[1] / "src/counterclaim/serve/static/basemap.geojson"
CREDIT = "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com (public domain)."
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"


def read_shapes(wheel: Path) -> shapefile.Reader:
    """Open the naturalearth_lowres shapefile inside the geopandas wheel without unpacking it."""
    zf = zipfile.ZipFile(wheel)
    parts = {ext: io.BytesIO(zf.read(f"{MEMBER}.{ext}")) for ext in ("shp", "shx", "dbf")}
    return shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding="latin-1")


def clip_ring(ring: list[tuple[float, float]]) -> list[list[float]]:
    """Round a ring to 0.01 degrees, clamp it to the map's box, and drop repeated points."""
    lo_x, lo_y, hi_x, hi_y = BBOX
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(min(max(x, lo_x - 1), hi_x + 1), 2), round(min(max(y, lo_y - 1), hi_y + 1), 2)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def feature(record: dict, shape: shapefile.Shape) -> dict | None:
    """One country as a GeoJSON feature of its rings inside the map's box, or None if it has none."""
    bounds = list(shape.parts) + [len(shape.points)]
    rings = [clip_ring(shape.points[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
    rings = [r for r in rings if len(r) >= 4 and len({tuple(p) for p in r}) >= 3]
    if not rings:
        return None
    return {
        "type": "Feature",
        "properties": {"iso_a3": record["iso_a3"], "name": record["name"]},
        "geometry": {"type": "MultiPolygon", "coordinates": [[r] for r in rings]},
    }


def main(wheel: str) -> None:
    """Write the base map GeoJSON from the geopandas wheel at ``wheel``."""
    reader = read_shapes(Path(wheel))
    features = []
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        if rec["iso_a3"] in COUNTRIES and (f := feature(rec, sr.shape)) is not None:
            features.append(f)
    features.sort(key=lambda f: f["properties"]["iso_a3"])
    data = {"type": "FeatureCollection", "credit": CREDIT, "bbox": list(BBOX), "features": features}
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(features)} countries)", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/make_basemap.py PATH/TO/geopandas-0.14.4-py3-none-any.whl")
    main(sys.argv[1])
