"""Quantities in claim text as intervals ("more than 1,000 soldiers" -> at_least 1000).

A small rule extractor (regular expressions plus a number-word parser) instead of
quantulum3, whose classifier no longer loads with current scikit-learn. It finds
numbers written in digits ("1,000", "2.6", "1.5 million") or words ("two",
"a dozen", "twenty-five"), the modifier in front that bounds them ("more than",
"up to", "about"), ranges ("between 20 and 30", "20-30", "20 to 30"), a unit
after them (normalised: "km", "mi", "m", "%", ...) and, for counts, the thing
counted ("military personnel").

Choices, so that callers can rely on them:

- ``exact``: ``low == high == value``.
- ``at_least`` ("more than", "over", "at least"): ``low = value``, ``high = None``.
- ``at_most`` ("up to", "as many as", "fewer than", "almost", "nearly"):
  ``low = None``, ``high = value``. "Almost" and "nearly" are upper bounds.
- ``approx`` ("about", "around", "roughly", "some", "an estimated"): ``low`` and
  ``high`` are the value -/+ 10 %, so that "about 500" and "about 800" read as disjoint.
- ``range``: ``low`` and ``high`` as written, ``value`` the midpoint; a scale word after the
  second number applies to a bare first one ("1.5 to 2 million" -> 1.5 million to 2 million).
- Rates: "500 shells a day", "40 drones per night", "2 km daily" keep their period in ``per``.
- Vague plurals are lower bounds: "dozens of" -> at_least 24, "hundreds of" -> 200,
  "thousands of" -> 2,000, "tens of thousands of" -> 20,000.
- Not quantities: years ("in 2022"; but "lost 2000 soldiers" counts), dates ("May 11", "11 May"), clock times
  ("11:30", "10 p.m."), durations ("24 hours", "three days"), ages ("45-year-old"),
  ordinals ("3rd") and model designations ("T-64", "M-113", "F-16s").
- A conversion in brackets after a quantity with a unit ("two kilometres (around
  one mile)") is the same quantity and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from counterclaim.extract.times import count_not_year
from counterclaim.models import Bound, Quantity, Span

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "bn": 1_000_000_000, "mn": 1_000_000, "trillion": 1_000_000_000_000}
_VAGUE = {  # lower bounds for vague plurals, longest first
    "hundreds of thousands of": 200_000, "tens of thousands of": 20_000, "millions of": 2_000_000,
    "thousands of": 2_000, "hundreds of": 200, "dozens of": 24, "scores of": 40,
}

_UNITS = {  # surface form (lower case) -> normalised unit
    "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "km": "km", "kms": "km",
    "square kilometres": "km2", "square kilometers": "km2", "square kilometre": "km2",
    "square kilometer": "km2", "sq km": "km2", "km2": "km2", "km²": "km2",
    "square miles": "mi2", "square mile": "mi2", "sq mi": "mi2",
    "miles": "mi", "mile": "mi", "mi": "mi",
    "metres": "m", "meters": "m", "metre": "m", "meter": "m", "m": "m",
    "centimetres": "cm", "centimeters": "cm", "cm": "cm", "millimetres": "mm", "millimeters": "mm", "mm": "mm",
    "feet": "ft", "foot": "ft", "ft": "ft", "yards": "yd", "yard": "yd",
    "percent": "%", "per cent": "%", "percentage points": "%", "pct": "%", "%": "%",
    "hectares": "ha", "hectare": "ha", "ha": "ha", "acres": "acre", "acre": "acre",
    "tonnes": "t", "tonne": "t", "tons": "t", "ton": "t", "kilograms": "kg", "kilogram": "kg", "kg": "kg",
    "pounds": "lb", "lbs": "lb", "grams": "g", "gram": "g",
    "litres": "l", "liters": "l", "litre": "l", "liter": "l", "gallons": "gal", "gallon": "gal",
    "barrels": "bbl", "barrel": "bbl", "degrees": "deg", "degree": "deg",
    "knots": "kn", "mph": "mph", "km/h": "km/h", "kph": "km/h",
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "hryvnias": "UAH",
    "hryvnia": "UAH", "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB",
}
_CURRENCY_PREFIX = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "₴": "UAH", "₽": "RUB"}
_TIME_UNITS = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centur(?:y|ies)|hrs?)"
_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
           r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")

_MODIFIERS: dict[str, Bound] = {
    "more than": "at_least", "over": "at_least", "at least": "at_least", "no fewer than": "at_least",
    "no less than": "at_least", "not less than": "at_least", "upwards of": "at_least",
    "in excess of": "at_least", "greater than": "at_least", "a minimum of": "at_least",
    "well over": "at_least", "just over": "at_least", "above": "at_least", "exceeding": "at_least",
    "exceeded": "at_least", "exceeds": "at_least", "surpassed": "at_least", "topped": "at_least",
    "up to": "at_most", "as many as": "at_most", "as much as": "at_most", "fewer than": "at_most",
    "less than": "at_most", "no more than": "at_most", "not more than": "at_most", "at most": "at_most",
    "under": "at_most", "just under": "at_most", "a maximum of": "at_most", "almost": "at_most",
    "nearly": "at_most", "close to": "at_most", "below": "at_most", "some": "approx", "about": "approx",
    "around": "approx", "roughly": "approx", "approximately": "approx", "an estimated": "approx",
    "estimated": "approx", "circa": "approx", "approx.": "approx", "an approximate": "approx",
    "or so": "approx",
}


def _alternation(words) -> str:
    """A regex alternation of literal words, longest first so the longest wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DIGITS = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,15}(?:\.[0-9]+)?|\.[0-9]+"
_WORD = _alternation(list(_SMALL) + list(_SCALES)[:4])
_WORDNUM = (rf"(?:(?:(?:a|an)\s+(?:dozen|hundred|thousand|million)|(?:{_WORD}))(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*"
            rf"(?:\s+and\s+a\s+half)?)")
_SCALE_AFTER = rf"(?:\s*(?:{_alternation(_SCALES)}))?"
_NUMBER = rf"(?:(?:{_DIGITS})(?:\s+and\s+a\s+half)?{_SCALE_AFTER}|{_WORDNUM})"
_GLUED = rf"(?=(?:{_alternation(_UNITS)}|bn|mn|b|t|tn|k)(?![\w/²]))"  # "15km", "$40m"
_NUMBER_RE = re.compile(
    rf"(?<![\w.,:/+^-])(?:(?P<vague>{_alternation(_VAGUE)})|(?P<num>{_NUMBER}))(?:(?!\w)|{_GLUED})", re.I)
_MODIFIER_RE = re.compile(rf"(?<!\w)(?P<mod>{_alternation(_MODIFIERS)})\s+(?:an?\s+)?$", re.I)
_RANGE_START_RE = re.compile(r"(?<!\w)(?:between|from)\s+$", re.I)
_RANGE_RE = re.compile(rf"\s*(?:-|–|—|-?\s*to|and|or)\s*(?P<num>{_NUMBER})(?!\w)", re.I)
_UNIT_RE = re.compile(rf"(?P<sep>\s*-?\s*)(?P<unit>{_alternation(_UNITS)})(?![\w/²])", re.I)
_COUNTED_RE = re.compile(r"\s+(?P<np>[A-Za-z][\w'’-]*(?:[ \t]+[A-Za-z][\w'’-]*){0,3})")
_PARTITIVE_RE = re.compile(r"\s+of\s+(?:(?:his|her|their|its|our|your|the|these|those|whose)\s+)?"
                           r"(?P<np>[A-Za-z][\w'’-]*(?:[ \t]+[A-Za-z][\w'’-]*){0,3})", re.I)
_NOT_A_QUANTITY_AFTER = re.compile(
    rf"^(?:\s*-?\s*{_TIME_UNITS}\b|:[0-9]|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|GMT|UTC|CET|EET)"
    rf"|(?:st|nd|rd|th)\b|\s+{_MONTHS}(?!\w)|-year-old|s\b|/[0-9])", re.I)
_MONTH_BEFORE = re.compile(rf"{_MONTHS}\s+$")
_COMPASS = r"(?:north|south|east|west)(?:[- ]?(?:east|west))?|northeast|northwest|southeast|southwest"
# "10 km (six miles) south of Orikhiv": where a place lies, not a measure of what happened
_POSITION_AFTER = re.compile(rf"\s*(?:km|kms|kilomet(?:re|er)s?|miles?|m|metres|meters)\b\)?(?:\s*\([^)]{{0,30}}\))?"
                             rf"\s+(?:{_COMPASS})\s+(?:of|from)\b", re.I)
_POSITION_BEFORE = re.compile(r"(?:\(|\b(?:is|are|was|were|lies|lie|located|situated|sits|sit|some|about)\s+"
                              r"(?:about|some|roughly|around|nearly|just|only|approximately\s+)?)\s*$", re.I)
_RATE_WORDS = {"daily": "day", "nightly": "night", "hourly": "hour", "weekly": "week", "monthly": "month"}
_RATE_RE = re.compile(r"\s+(?:(?:a|an|per|each|every)\s+(?P<period>day|night|hour|week|month)|"
                      r"(?P<adverb>daily|nightly|hourly|weekly|monthly))\b", re.I)
_ONE_BEFORE = re.compile(r"\b(?:no|any|every|each|the|this|that|which|such)\s+$", re.I)
_ONE_COUNTS = re.compile(r"\s+(?!(?:of|another|side|thing|way|point|hand|time|day|reason|more|less|or|and|to|in|on|"
                         r"by|is|was|who|that|which|per|hundred|thousand|million|billion)\b)[a-z]{3,}", re.I)
_GLUED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "t": 1e12, "tn": 1e12}
_GLUED_SCALE_RE = re.compile(r"(k|mn|m|bn|b|tn|t)(?!\w)", re.I)
_CURRENCY_BEFORE = re.compile(rf"(?P<cur>{_alternation(_CURRENCY_PREFIX)})\s?$", re.I)
_PAREN_GAP = re.compile(rf"^\s*\(\s*(?:(?:{_alternation(_MODIFIERS)})\s+)?$", re.I)
_PLURALS = frozenset(
    "people personnel men women children troops police staff infantry equipment artillery aircraft "
    "ammunition civilians militia cattle livestock".split())
_COUNTED_STOP = frozenset(
    "a an the and or but of from in on at by for with to into as than that which who whom whose was were "
    "is are be been being had has have said says say also it its their his her our this these those "
    "per each while after before since during near along across around over under about".split())


@dataclass
class _Hit:
    """One quantity under construction: offsets relative to the searched slice."""

    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    bound: Bound
    unit: str | None = None
    counted: str | None = None
    per: str | None = None


def parse_number(words: str) -> float | None:
    """The value of a number written in digits or words ("1,000", "1.5 million", "twenty-five")."""
    tokens = re.findall(r"[0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+|[a-z]+", words.lower())
    total, current, seen = 0.0, 0.0, False
    for tok in tokens:
        if tok[0].isdigit() or tok[0] == ".":
            current += float(tok.replace(",", ""))
        elif tok == "dozen":  # "two dozen" is 24, "a dozen" 12
            current = (current or 1) * 12
        elif tok in _SMALL:
            current += _SMALL[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in _SCALES:
            total += (current or 1) * _SCALES[tok]
            current = 0.0
        elif tok == "half":
            current += 0.5
        elif tok in ("a", "an", "and"):
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def _interval(value: float, bound: Bound) -> tuple[float | None, float | None]:
    """The (low, high) pair a bound implies for one number."""
    if bound == "at_least":
        return value, None
    if bound == "at_most":
        return None, value
    if bound == "approx":
        return value * 0.9, value * 1.1
    return value, value


def _excluded(sub: str, m: re.Match) -> bool:
    """Numbers that are years, dates, times, durations, ordinals, designations, footnote markers
    ("... on Monday.[2]") or where a place lies ("10 km south of the town")."""
    after = sub[m.end():m.end() + 24]
    if _NOT_A_QUANTITY_AFTER.match(after) or _MONTH_BEFORE.search(sub[max(0, m.start() - 12):m.start()]):
        return True
    if m.start() >= 2 and sub[m.start() - 1] == "[" and not sub[m.start() - 2].isspace() and after[:1] == "]":
        return True
    if _POSITION_AFTER.match(sub, m.end()) and _POSITION_BEFORE.search(sub[max(0, m.start() - 24):m.start()]):
        return True
    raw = m.group("num") or ""
    if re.fullmatch(r"1[89][0-9]{2}|20[0-9]{2}", raw):  # a year unless bounded ("more than 2000") or counting
        return not (_MODIFIER_RE.search(sub[max(0, m.start() - 30):m.start()])
                    or count_not_year(sub[max(0, m.start() - 12):m.start()], after))
    words = raw.lower().split()
    if words == ["one"]:  # "one building was damaged" counts; "one of them", "no one" do not
        return bool(_ONE_BEFORE.search(sub[max(0, m.start() - 12):m.start()])) or not _ONE_COUNTS.match(after)
    return words in (["a"], ["an"]) and not _UNIT_RE.match(after)


def _start_hit(sub: str, m: re.Match) -> _Hit | None:
    """A hit for one number match, with the modifier in front and a range after it."""
    if m.group("vague"):
        value = float(_VAGUE[m.group("vague").lower()])
        return _Hit(m.start(), m.end(), value, value, None, "at_least")
    value = parse_number(m.group("num"))
    if value is None:
        return None
    hit = _Hit(m.start(), m.end(), value, *_interval(value, "exact"), "exact")
    before = sub[max(0, m.start() - 30):m.start()]
    rng = _RANGE_RE.match(sub, m.end())
    between = _RANGE_START_RE.search(before)
    if rng and (between or not rng.group(0).strip().lower().startswith(("and", "or"))):
        high = parse_number(rng.group("num"))
        low = value * _shared_scale(m.group("num"), rng.group("num"))
        if high is not None and high > low:
            hit = _Hit(m.start() - (len(between.group(0)) if between else 0), rng.end(),
                       (low + high) / 2, low, high, "range")
            return hit
    mod = _MODIFIER_RE.search(before)
    if mod:
        bound = _MODIFIERS[mod.group("mod").lower()]
        hit = _Hit(m.start() - (len(before) - mod.start()), m.end(), value, *_interval(value, bound), bound)
    return hit


def _shared_scale(first: str, second: str) -> float:
    """The scale word ending a range's second number that its bare first number shares
    ("1.5 to 2 million" is 1.5 million to 2 million; "10 to 20 thousand" starts at 10,000)."""
    if re.search(rf"(?i)\b(?:{_alternation(_SCALES)})\b", first):
        return 1
    last = re.search(r"[a-z]+$", second.lower())
    return _SCALES.get(last.group(), 1) if last else 1


def _add_unit(sub: str, hit: _Hit) -> None:
    """Attach the unit after the number (or a currency sign before it) and the thing counted."""
    cur = _CURRENCY_BEFORE.search(sub[max(0, hit.start - 3):hit.start])
    unit = _UNIT_RE.match(sub, hit.end)
    if cur:
        hit.unit = _CURRENCY_PREFIX[cur.group("cur").lower()]
        hit.start -= len(cur.group(0))
        glued = _GLUED_SCALE_RE.match(sub, hit.end)
        if glued:  # "$2m", "€10B": millions, billions
            _scale(hit, _GLUED_SCALES[glued.group(1).lower()])
            hit.end = glued.end()
    elif unit:
        hit.unit, hit.end = _UNITS[unit.group("unit").lower()], unit.end()
    elif sub[hit.end:hit.end + 1] in ("k", "K"):  # "5k soldiers"
        _scale(hit, 1_000)
        hit.end += 1
    if hit.unit is None:
        _counted(sub, hit)
    elif unit and "-" in unit.group("sep"):  # "a 3-kilometer front line"
        _counted(sub, hit, fallback_words=2)


def _scale(hit: _Hit, factor: float) -> None:
    """Multiply every number of a hit (for a scale written after it)."""
    hit.value *= factor
    hit.low = None if hit.low is None else hit.low * factor
    hit.high = None if hit.high is None else hit.high * factor


def _counted(sub: str, hit: _Hit, fallback_words: int = 1) -> None:
    """Attach the thing counted and cover it: the noun phrase after the number (or after "of his" in a
    partitive: "20,000 of his fighters"), up to its last plural.

    "1,000 military personnel and" -> "military personnel"; "armored personnel
    carriers remain" -> "armored personnel carriers"; without a plural, the first
    ``fallback_words`` words ("a 3-kilometer front line" -> "front line" with 2).
    """
    partitive = _PARTITIVE_RE.match(sub, hit.end)  # "20,000 of his fighters": counted only if plural
    m = partitive or _COUNTED_RE.match(sub, hit.end)
    if not m:
        return
    words = []
    for word in re.finditer(r"\S+", m.group("np")):
        low = word.group().lower()
        if low in _COUNTED_STOP or low in _UNITS or len(low) < 2:
            break
        words.append((word, _plural(low)))
    last_plural = max((i for i, (_, plural) in enumerate(words) if plural), default=None)
    if last_plural is not None:
        first_gap = next((i for i in range(last_plural) if words[i][1] and not words[i + 1][1]), None)
        keep = words[:(first_gap if first_gap is not None else last_plural) + 1]
    else:
        keep = [] if partitive else words[:fallback_words]  # "70,000 of the city" counts no city
    if keep:
        end = m.start("np") + keep[-1][0].end()
        hit.counted, hit.end = sub[m.start("np"):end], end


def _plural(word: str) -> bool:
    """A plural noun by its ending, or one of the plurals without one ("people", "personnel")."""
    return word in _PLURALS or (word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s")))


def _drop_conversions(sub: str, hits: list[_Hit]) -> list[_Hit]:
    """Drop a bracketed conversion that repeats the quantity before it in another unit."""
    kept: list[_Hit] = []
    for hit in hits:
        prev = kept[-1] if kept else None
        if prev and prev.unit and hit.unit and _PAREN_GAP.match(sub[prev.end:hit.start]):
            continue
        kept.append(hit)
    return kept


def _to_quantity(text: str, offset: int, hit: _Hit) -> Quantity:
    """The model object, with absolute offsets."""
    return Quantity(span=Span.of(text, offset + hit.start, offset + hit.end), value=hit.value,
                    low=hit.low, high=hit.high, unit=hit.unit, counted=hit.counted, bound=hit.bound, per=hit.per)


def _add_rate(sub: str, hit: _Hit) -> None:
    """A rate after the quantity ("500 shells a day", "40 drones per night", "2 km daily")."""
    m = _RATE_RE.match(sub, hit.end)
    if m:
        hit.per = _RATE_WORDS.get(m.group("adverb").lower()) if m.group("adverb") else m.group("period").lower()
        hit.end = m.end()


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, with absolute offsets into ``text``."""
    end = len(text) if end is None else end
    sub = text[start:end]
    hits: list[_Hit] = []
    pos = 0
    while (m := _NUMBER_RE.search(sub, pos)) is not None:
        pos = m.end()
        if _excluded(sub, m):
            continue
        hit = _start_hit(sub, m)
        if hit is None or (hits and hit.start < hits[-1].end):
            continue
        _add_unit(sub, hit)
        _add_rate(sub, hit)
        if sub[hit.end:hit.end + 1].isalnum():  # "4t", "5b": letters glued on that are no unit we know
            continue
        hits.append(hit)
        pos = hit.end
    return [_to_quantity(text, start, h) for h in _drop_conversions(sub, hits)]
