"""Time expressions in claim text, resolved against the publication time into ``TimeRange``s.

News writes times relative to the day it is published: "late on Thursday evening",
"yesterday", "overnight", "this week", "on May 11". Each expression is found by
one of a few patterns and resolved against the anchor (the publication time) by
calendar arithmetic, with the past preferred as dateparser's ``PREFER_DATES_FROM =
"past"`` does. (dateparser itself is not used here: it parses a string it is given
but does not find expressions in running text, and its answers carry no granularity.)

Conventions (for callers comparing ranges):

- A weekday is the most recent such day on or before the anchor ("on Friday" in a
  Friday paper is that day); "next Monday" is the first one after it.
- Parts of the day: morning 06:00-11:59:59, afternoon 12:00-17:59:59, evening
  18:00-23:59:59, night 18:00-05:59:59 next day; "late on X" is X's evening,
  "early on X" 00:00-11:59:59; "overnight" and "last night" are the night before the anchor.
- A week runs Monday to Sunday; "earlier this year/month/week" ends with the anchor's day.
- A month and day without a year ("May 11") take the anchor's year unless that is
  more than 30 days after the anchor (then the year before).
- Ranges are closed: ``latest`` is the last second of the period.
- With no anchor only expressions that carry their own year resolve.
- Durations ("for three days") and recurring times ("every morning") are not time ranges.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from counterclaim.models import Span, TimeRange

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {name: i + 1 for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"))}
_MONTHS.update({m[:3]: n for m, n in list(_MONTHS.items())} | {"sept": 9})
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
        r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_POD = r"(?P<pod>morning|afternoon|evening|night)"
_NUM = r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_YEAR = r"(?:19|20)\d{2}"
_YEAR_GROUP = rf"(?P<y>{_YEAR})"
_SPEECH = re.compile(r"(?:said|says|say|told|stated|announced|claimed|claims|reported|wrote|added|posted|tweeted|"
                     r"confirmed|denied|insisted|elaborated|explained|noted|warned|alleged|admitted|"
                     r"statement|post|briefing|interview|report)\W+(?:\w+\W+){0,2}$", re.I)
_CLOCK_DAY_GAP = re.compile(r"^\s*(?:on|,|at)?\s*$", re.I)


def _compile(pattern: str) -> re.Pattern:
    """Patterns match whole words, case-insensitively unless they say otherwise."""
    return re.compile(rf"(?<![\w-]){pattern}(?![\w])", re.I)


_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", _compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<hh>\d{2}):(?P<mm>\d{2}))?")),
    ("date", _compile(rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?P<m1>{_MON})|(?P<m2>{_MON})\s+"
                      rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)(?:,?\s+(?P<y>{_YEAR}))?")),
    ("weekday", re.compile(rf"(?<![\w-])(?:(?P<mod>(?i:late|early))\s+(?:(?i:on)\s+)?)?(?:(?P<rel>(?i:last|next|this|"
                           rf"past))\s+)?{_WD}(?:\s+(?P<pod>(?i:morning|afternoon|evening|night)))?(?![\w])")),
    ("relday", _compile(rf"(?:(?P<mod>late|early)\s+)?(?P<rel>the day before yesterday|yesterday|today|tonight|"
                        rf"tomorrow)(?:\s+{_POD})?")),
    ("lastpod", _compile(rf"(?P<rel>last|this)\s+{_POD}")),
    ("overnight", _compile(r"overnight")),
    ("period", _compile(r"(?P<mod>earlier|later|early|late)?\s*(?P<rel>this|last|next|past|previous|the past|"
                        r"the previous|the last)\s+(?P<unit>week|weekend|month|year)")),
    ("ago", _compile(rf"{_NUM}\s*(?P<unit>days?|d|weeks?|wk|months?|mon|years?|yrs?|y|decades?)\s+ago")),
    ("lastn", _compile(rf"(?:the\s+)?(?:past|last|previous)\s+{_NUM}\s+(?P<unit>day|week|month|year|hour)s")),
    ("season", _compile(r"(?:(?P<rel>this|last|next)\s+|(?:in|during|over|through|by)\s+(?:the\s+)?)"
                        r"(?P<season>spring|summer|autumn|fall|winter)"
                        rf"(?:\s+of\s+(?P<y>{_YEAR}))?")),
    ("monthyear", re.compile(rf"(?<![\w-])(?:(?:(?i:in|since|by|until|during|from|early|late|mid|last|next|this|"
                             rf"through|till|before|after|of|to)"
                             rf"[\s-]+))?(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}))?(?![\w])")),
    ("year", re.compile(rf"(?<![\w.,$€£]){_YEAR_GROUP}(?![\w])")),
    ("now", _compile(r"now|currently|at present|at the moment")),
    ("clock", _compile(r"(?:at\s+)?(?P<hh>\d{1,2})(?::(?P<mm>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)|"
                       r"(?:at\s+)?(?P<hh2>[01]?\d|2[0-3]):(?P<mm2>\d{2})(?!:\d)(?:\s*(?:GMT|UTC|local time))?")),
]
_MONTH_CONTEXT = re.compile(r"^(?:in|since|by|until|during|from|early|late|mid|last|next|this|through|till|before|"
                            r"after|of|to)\b", re.I)
_YEAR_BEFORE = re.compile(r"(?:(?<!\w)(?:in|since|by|until|of|during|from|before|after|between|and|to|a|an|the|"
                          r"his|her|its|their|our|this|that)|[’']s)\s+$|[0-9]-$", re.I)
_FUTURE_MONTHS = 3  # "in May" read in March is this May; read in September, last May
_LEADING = re.compile(r"^(?:on|in|at|since|by|until|during|from)\s+", re.I)


def _day(d: date, anchor: datetime | None) -> datetime:
    """Midnight of ``d`` in the anchor's time zone."""
    return datetime.combine(d, time(0), tzinfo=anchor.tzinfo if anchor else None)


def _range(first: date, last: date, anchor: datetime | None, granularity: str) -> tuple[datetime, datetime, str]:
    """Whole days ``first``..``last`` as a closed interval."""
    return _day(first, anchor), _day(last, anchor) + timedelta(days=1, seconds=-1), granularity


def _part_of_day(d: date, part: str | None, mod: str | None, anchor: datetime | None):
    """One day, or a part of it ("evening", "late", "early")."""
    if part is None and mod is None:
        return _range(d, d, anchor, "day")
    if part is None:
        part = "evening" if mod.lower() == "late" else "early"
    start_hour, end = {"morning": (6, (0, 12)), "afternoon": (12, (0, 18)), "evening": (18, (1, 0)),
                       "night": (18, (1, 6)), "early": (0, (0, 12))}[part.lower()]
    begin = _day(d, anchor) + timedelta(hours=start_hour)
    return begin, _day(d, anchor) + timedelta(days=end[0], hours=end[1], seconds=-1), "part_of_day"


def _month_range(year: int, month: int, anchor: datetime | None, granularity: str = "month"):
    """A whole calendar month."""
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return _range(first, nxt - timedelta(days=1), anchor, granularity)


def _number(raw: str) -> int:
    """"two" -> 2, "12" -> 12."""
    return int(raw) if raw.isdigit() else _NUMBERS[raw.lower()]


def _r_iso(m: re.Match, anchor: datetime | None):
    d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    if m["hh"]:
        at = _day(d, anchor) + timedelta(hours=int(m["hh"]), minutes=int(m["mm"]))
        return at, at + timedelta(seconds=59), "instant"
    return _range(d, d, anchor, "day")


def _r_date(m: re.Match, anchor: datetime | None):
    month = _MONTHS[(m["m1"] or m["m2"]).rstrip(".").lower()]
    day = int(m["d1"] or m["d2"])
    if m["y"]:
        year = int(m["y"])
    elif anchor is None:
        return None
    else:
        year = anchor.year - (date(anchor.year, month, day) > anchor.date() + timedelta(days=30))
    d = date(year, month, day)
    return _range(d, d, anchor, "day")


def _r_weekday(m: re.Match, anchor: datetime | None):
    if anchor is None:
        return None
    target = _WEEKDAYS.index(m["wd"].lower())
    back = (anchor.weekday() - target) % 7
    rel = (m["rel"] or "").lower()
    if rel == "next":
        d = anchor.date() + timedelta(days=(target - anchor.weekday()) % 7 or 7)
    else:
        d = anchor.date() - timedelta(days=back + (7 if rel == "last" and back == 0 else 0))
    return _part_of_day(d, m["pod"], m["mod"], anchor)


def _r_relday(m: re.Match, anchor: datetime | None):
    if anchor is None:
        return None
    rel = m["rel"].lower()
    shift = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[rel]
    part = m["pod"] or ("evening" if rel == "tonight" else None)
    return _part_of_day(anchor.date() + timedelta(days=shift), part, m["mod"], anchor)


def _r_lastpod(m: re.Match, anchor: datetime | None):
    if anchor is None:
        return None
    last = m["rel"].lower() == "last"
    return _part_of_day(anchor.date() - timedelta(days=last), m["pod"], None, anchor)


def _r_overnight(m: re.Match, anchor: datetime | None):
    if anchor is None:
        return None
    return _part_of_day(anchor.date() - timedelta(days=1), "night", None, anchor)


def _r_period(m: re.Match, anchor: datetime | None):
    if anchor is None:
        return None
    rel, unit = m["rel"].lower().replace("the ", ""), m["unit"].lower()
    step = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[rel]
    if rel == "past" and m["rel"].lower().startswith("the"):  # "the past week": the seven days up to now
        span = {"week": 7, "weekend": 3, "month": 30, "year": 365}[unit]
        return _range(anchor.date() - timedelta(days=span), anchor.date(), anchor, unit if unit != "weekend" else "day")
    first, last, granularity = _calendar_period(anchor.date(), unit, step, anchor)
    if (m["mod"] or "").lower() == "earlier" and step == 0:
        last = _day(anchor.date(), anchor) + timedelta(days=1, seconds=-1)
    return first, last, granularity


def _calendar_period(d: date, unit: str, step: int, anchor: datetime | None):
    """The week, weekend, month or year ``step`` periods from the one containing ``d``."""
    if unit in ("week", "weekend"):
        monday = d - timedelta(days=d.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            saturday = monday + timedelta(days=5)
            if step == 0 and saturday > d:  # "this weekend" read in the past: the last one
                saturday -= timedelta(weeks=1)
            return _range(saturday, saturday + timedelta(days=1), anchor, "day")
        return _range(monday, monday + timedelta(days=6), anchor, "week")
    if unit == "month":
        index = d.year * 12 + d.month - 1 + step
        return _month_range(index // 12, index % 12 + 1, anchor)
    return _range(date(d.year + step, 1, 1), date(d.year + step, 12, 31), anchor, "year")


def _r_ago(m: re.Match, anchor: datetime | None):
    if anchor is None:
        return None
    n, unit = _number(m["n"]), _unit(m["unit"])
    if unit == "decade":
        n, unit = 10 * n, "year"
    if unit == "day":
        d = anchor.date() - timedelta(days=n)
        return _range(d, d, anchor, "day")
    if unit == "week":
        return _calendar_period(anchor.date(), "week", -n, anchor)
    return _calendar_period(anchor.date(), unit, -n, anchor)


def _unit(raw: str) -> str:
    """"days", "d" -> "day"; "yrs", "y" -> "year"; "mon" -> "month"."""
    raw = raw.lower().rstrip("s") or "s"
    return {"d": "day", "wk": "week", "mon": "month", "yr": "year", "y": "year"}.get(raw, raw)


def _r_lastn(m: re.Match, anchor: datetime | None):
    if anchor is None:
        return None
    n, unit = _number(m["n"]), m["unit"].lower()
    days = {"hour": n / 24, "day": n, "week": 7 * n, "month": 30 * n, "year": 365 * n}[unit]
    granularity = "hour" if unit == "hour" else "day"
    return anchor - timedelta(days=days), anchor, granularity


def _r_season(m: re.Match, anchor: datetime | None):
    first_month, last_month = _SEASONS[m["season"].lower()]
    if m["y"]:
        year = int(m["y"])
    elif anchor is None:
        return None
    else:
        step = {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
        year = anchor.year + step
        if step == 0 and first_month > anchor.month:  # "in the summer", read in the past
            year -= 1
    end_year = year + (last_month < first_month)
    start = _month_range(year, first_month, anchor)[0]
    end = _month_range(end_year, last_month, anchor)[1]
    return start, end, "month"


def _r_monthyear(m: re.Match, anchor: datetime | None):
    if not m["y"] and m["mon"].rstrip(".") in ("May", "March") and not _MONTH_CONTEXT.match(m.group(0)):
        return None  # a bare "May" or "March" is more often the verb
    month = _MONTHS[m["mon"].rstrip(".").lower()]
    if m["y"]:
        return _month_range(int(m["y"]), month, anchor)
    if anchor is None:
        return None
    rel = m.group(0).split()[0].lower()
    year = anchor.year + {"last": -1, "next": 1}.get(rel, 0)
    if rel not in ("last", "next", "this") and month > anchor.month + _FUTURE_MONTHS:
        year -= 1
    return _month_range(year, month, anchor)


def count_not_year(before: str, after: str) -> bool:
    """Whether a year-shaped number is a count: a lower-case word follows it and no word that introduces a
    year ("in", "since", "the", "its") precedes it ("lost 2000 soldiers" but "in 2022 troops")."""
    return bool(re.match(r"\s+[a-z]", after[:2])) and not _YEAR_BEFORE.search(before[-12:])


def _r_year(m: re.Match, anchor: datetime | None):
    if count_not_year(m.string[:m.start()], m.string[m.end():]):
        return None  # "2000 soldiers": a count, not a year
    year = int(m["y"])
    return _range(date(year, 1, 1), date(year, 12, 31), anchor, "year")


def _r_now(m: re.Match, anchor: datetime | None):
    if anchor is None:
        return None
    return anchor, anchor, "instant"


def _r_clock(m: re.Match, anchor: datetime | None):
    if anchor is None:
        return None
    hour, minute = int(m["hh"] or m["hh2"]), int(m["mm"] or m["mm2"] or 0)
    ampm = (m["ampm"] or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    at = _day(anchor.date(), anchor) + timedelta(hours=hour, minutes=minute)
    return at, at + timedelta(seconds=59), "instant"


_RESOLVERS: dict[str, Callable] = {
    "iso": _r_iso, "date": _r_date, "weekday": _r_weekday, "relday": _r_relday, "lastpod": _r_lastpod,
    "overnight": _r_overnight, "period": _r_period, "ago": _r_ago, "lastn": _r_lastn, "season": _r_season,
    "monthyear": _r_monthyear, "year": _r_year, "now": _r_now, "clock": _r_clock,
}


def _candidates(sub: str) -> list[tuple[str, re.Match]]:
    """Every pattern match without overlaps, the longest kept where two overlap ("the night of July 28, 2022"
    is a date, not "of July" and "2022"), in text order."""
    found = [(kind, m) for kind, pattern in _PATTERNS for m in pattern.finditer(sub) if m.group(0).strip()]
    found.sort(key=lambda km: (-(km[1].end() - km[1].start()), km[1].start()))
    kept: list[tuple[str, re.Match]] = []
    for kind, m in found:
        if all(m.end() <= k.start() or m.start() >= k.end() for _, k in kept):
            kept.append((kind, m))
    return sorted(kept, key=lambda km: km[1].start())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading preposition ("on Wednesday" -> "Wednesday") and surrounding spaces."""
    lead = _LEADING.match(text[start:end])
    if lead and not text[start:end].lower().startswith(("late", "early")):
        start += lead.end()
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _resolve(text: str, offset: int, kind: str, m: re.Match, anchor: datetime | None) -> TimeRange | None:
    """One match as a TimeRange, or None when it cannot be resolved (no anchor, impossible date)."""
    try:
        resolved = _RESOLVERS[kind](m, anchor)
    except (ValueError, OverflowError, KeyError):  # "31 February", a year out of range
        return None
    if resolved is None:
        return None
    earliest, latest, granularity = resolved
    start, end = _trim(text, offset + m.start(), offset + m.end())
    return TimeRange(span=Span.of(text, start, end), earliest=earliest, latest=latest, granularity=granularity)


def _normalise_anchor(anchor: datetime | date | None) -> datetime | None:
    """A date anchor is midnight of that day."""
    if anchor is not None and not isinstance(anchor, datetime):
        return datetime.combine(anchor, time(0))
    return anchor


def find_times(text: str, start: int, end: int, anchor: datetime | None) -> list[TimeRange]:
    """Every time expression in ``text[start:end]``, resolved against ``anchor`` (publication time)."""
    anchor = _normalise_anchor(anchor)
    sub = text[start:end]
    found = (_resolve(text, start, kind, m, anchor) for kind, m in _candidates(sub))
    return _merge_clock_times(text, [t for t in found if t is not None])


def _merge_clock_times(text: str, times: list[TimeRange]) -> list[TimeRange]:
    """"10 p.m. on Tuesday" / "Tuesday at 10 p.m.": the clock time on that day, as one expression."""
    merged: list[TimeRange] = []
    for t in times:
        prev = merged[-1] if merged else None
        if prev and _CLOCK_DAY_GAP.match(text[prev.span.end:t.span.start]) and _is_clock(prev) != _is_clock(t):
            clock, day = (prev, t) if _is_clock(prev) else (t, prev)
            if day.granularity in ("day", "part_of_day"):
                at = datetime.combine(day.earliest.date(), clock.earliest.timetz())
                merged[-1] = TimeRange(span=Span.of(text, prev.span.start, t.span.end), earliest=at,
                                       latest=at + timedelta(seconds=59), granularity="instant")
                continue
        merged.append(t)
    return merged


def _is_clock(t: TimeRange) -> bool:
    """A clock time ("10 p.m.") rather than a day or a period."""
    return t.granularity == "instant" and t.latest - t.earliest == timedelta(seconds=59)


def event_time(text: str, start: int, end: int, anchor: datetime | None) -> TimeRange | None:
    """When the event described in ``text[start:end]`` happened, or None.

    The first time expression that does not date the speech itself ("said on
    Friday", "in a statement late on Thursday") and is not merely "now"; failing
    that, the time of the speech (the event happened by then, which is how the
    seed gold dates "Kyiv said on Friday that its troops had retaken ...").
    """
    speech = None
    for t in find_times(text, start, end, anchor):
        if t.granularity == "instant" and t.earliest == t.latest:
            continue  # "now", "currently"
        if not _SPEECH.search(text[max(start, t.span.start - 40):t.span.start]):
            return t
        speech = speech or t
    return speech


def speech_time(text: str, start: int, end: int, anchor: datetime | None) -> TimeRange | None:
    """When the words in ``text[start:end]`` were said: a time right after a speech verb or noun
    ("said on Friday", "in a post late on Tuesday night"), or None."""
    for t in find_times(text, start, end, anchor):
        if _SPEECH.search(text[max(start, t.span.start - 40):t.span.start]):
            return t
    return None
