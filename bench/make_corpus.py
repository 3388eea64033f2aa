"""Write a realistic generated corpus: N documents recombined from the demo corpus, in every input format.

Each generated document takes the paragraphs of one demo report (our own writing, in
``demo/corpus``), sometimes splices in paragraphs of another, and varies what a new report
would vary: places (front-line towns and villages, most of them in the gazetteer), people
(a registered actor is kept or replaced by an invented official of the same side), outlets,
numbers (same magnitude, consistent within a document), and dates (the publication time
moves, and every "12 May" and weekday in the text moves with it). The result reads like
war reporting, resolves speakers and places like it, and links like it.

The documents are spread over every format ingest reads: Markdown and text (with and
without front matter), HTML pages with navigation and footers, JSON files, JSON Lines,
RSS and Atom feeds, and Telegram Desktop exports. ``--corrupt-every K`` adds one corrupt
file after every K documents (truncated JSON, binary, undeclared Latin-1, empty, JSON
without text, all-bad JSON Lines, an empty feed): each is wholly unreadable, so ingest
must name it and store exactly N documents. Output is deterministic for a seed.

``OUT_DIR/.manifest.json`` (hidden, so ingest skips it) records the counts and the
corrupt files. The last line printed is machine-readable::

    .venv/bin/python bench/make_corpus.py /tmp/corpus --documents 10000 --seed 7 --corrupt-every 1000
    documents=10000 files=2741 corrupt=10 words=1712345 seconds=9.8
"""

from __future__ import annotations

import argparse
import email.utils
import html
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "corpus"

# Share of documents per format, and documents per file for the formats that hold many.
SHARES = {"markdown": 0.08, "text": 0.07, "html": 0.20, "json": 0.15, "jsonl": 0.15,
          "rss": 0.10, "atom": 0.10, "telegram": 0.15}
PER_FILE = {"jsonl": 100, "rss": 25, "atom": 25, "telegram": 200}
SHARD = 1000  # files per sub-folder
FIRST_DAY, LAST_DAY = date(2022, 2, 24), date(2025, 6, 30)

# -- what varies -----------------------------------------------------------------------------------

TOWNS = ["Avdiivka", "Marinka", "Vuhledar", "Kupiansk", "Lyman", "Orikhiv", "Kreminna", "Svatove", "Toretsk",
         "Siversk", "Vovchansk", "Pokrovsk", "Kostiantynivka", "Kramatorsk", "Sloviansk", "Izium", "Huliaipole",
         "Tokmak", "Melitopol", "Kherson", "Selydove", "Myrnohrad", "Druzhkivka", "Rubizhne", "Sievierodonetsk",
         "Lysychansk", "Popasna", "Horlivka", "Volnovakha", "Kurakhove", "Dobropillia", "Debaltseve"]
VILLAGES = ["Robotyne", "Krynky", "Andriivka", "Verbove", "Novoprokopivka", "Staromaiorske", "Urozhaine",
            "Mykolaivka", "Opytne", "Vodiane", "Pervomaiske", "Nevelske", "Krasnohorivka", "Novomykhailivka",
            "Synkivka", "Tabaivka", "Bilohorivka", "Ivanivka", "Terny", "Yampolivka", "Torske", "Bohdanivka",
            "Predtechyne", "Stupochky", "Hryhorivka", "Tonenke", "Sieverne", "Stepove", "Semenivka", "Ocheretyne"]
# Place names of the demo corpus and the pool each is replaced from; names in one group
# ("Bakhmut", called "Artemovsk" in Russia) get the same replacement.
DEMO_PLACES = {"Bakhmut": "town", "Artemovsk": "town", "Soledar": "town", "Chasiv Yar": "town",
               "Klishchiivka": "village", "Berkhivka": "village", "Ivanivske": "village", "Khromove": "village"}
SAME_PLACE = {"Artemovsk": "Bakhmut"}

FIRST = {("ua", "m"): ["Oleksandr", "Andrii", "Yurii", "Mykola", "Dmytro", "Oleh", "Ihor", "Vitalii", "Bohdan",
                       "Taras", "Vasyl", "Petro", "Roman", "Volodymyr", "Maksym"],
         ("ua", "f"): ["Olena", "Iryna", "Nataliia", "Yuliia", "Kateryna", "Oksana", "Halyna", "Liudmyla"],
         ("ru", "m"): ["Aleksandr", "Dmitry", "Sergei", "Andrei", "Mikhail", "Nikolai", "Pavel", "Yuri", "Oleg",
                       "Viktor", "Igor", "Anatoly", "Gennady", "Vadim"],
         ("ru", "f"): ["Maria", "Yelena", "Anna", "Svetlana", "Tatyana", "Olga"]}
SURNAMES = {"ua": ["Kovalenko", "Bondarenko", "Tkachenko", "Shevchuk", "Melnyk", "Kravchenko", "Lysenko", "Moroz",
                   "Savchenko", "Marchenko", "Rudenko", "Hnatyuk", "Polishchuk", "Zinchenko", "Kostenko",
                   "Levchenko", "Danylyuk", "Voloshyn", "Horbunov", "Ostapenko"],
            "ru": ["Volkov", "Sokolov", "Morozov", "Lebedev", "Kozlov", "Novikov", "Orlov", "Zaitsev", "Belov",
                   "Vinogradov", "Bogdanov", "Fyodorov", "Gusev", "Tarasov", "Zhukov", "Kuznetsov", "Gromov",
                   "Yegorov", "Nikitin", "Sorokin"]}
# Named people of the demo corpus: (side, gender). Heads of state and ministers are kept as written.
DEMO_PEOPLE = {"Yevgeny Prigozhin": ("ru", "m"), "Dmitry Peskov": ("ru", "m"), "Igor Konashenkov": ("ru", "m"),
               "Sergei Surovikin": ("ru", "m"), "Hanna Maliar": ("ua", "f"), "Serhiy Cherevatyi": ("ua", "m"),
               "Oleksandr Syrskyi": ("ua", "m")}
KEEP_PERSON = 0.4  # chance that a registered speaker stays who they are

DEMO_OUTLETS = ["Kyiv Frontline Daily", "Moscow Courier", "Dnipro Ledger", "Volga Herald", "Eastern Front Monitor",
                "Northsea Chronicle", "Danube Wire", "Defence Ministry Briefings (demo)",
                "Ground Forces Command Updates (demo)"]
OUTLET_PLACES = ["Kyiv", "Kharkiv", "Odesa", "Lviv", "Dnipro", "Volga", "Ural", "Neva", "Baltic", "Danube",
                 "Carpathian", "Black Sea", "Northsea", "Steppe", "Eastern Front", "Azov", "Prut", "Polesia"]
OUTLET_NOUNS = ["Herald", "Courier", "Ledger", "Monitor", "Dispatch", "Observer", "Wire", "Chronicle", "Gazette",
                "Review", "Daily", "Post", "Tribune", "Bulletin"]
CHANNEL_NOUNS = ["Frontline Updates", "Operational Briefings", "Command Updates", "War Notes", "Situation Reports"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH = "|".join(MONTHS)
DAY_MONTH = re.compile(rf"\b(\d{{1,2}}) ({_MONTH})\b(?: (\d{{4}}))?")
MONTH_DAY = re.compile(rf"\b({_MONTH}) (\d{{1,2}})\b(?:, (\d{{4}}))?")
WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b")
NUMBER = re.compile(r"(?<![\w/:.,-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(st|nd|rd|th)?(?![\w/:]|\.\d|,\d)")
DURATION_WORDS = ("hour", "day", "week", "month", "year", "minute", ":")


# -- sources ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """One demo report, as ingest reads it: its paragraphs and when it was published."""

    title: str
    paragraphs: tuple[str, ...]
    published: datetime


def load_sources(corpus: Path = DEMO) -> list[Source]:
    """The demo corpus's documents, read by counterclaim's own readers, headings dropped."""
    from counterclaim.ingest import expand_inputs, read_file

    sources = []
    for path in expand_inputs([str(corpus)]):
        for doc in read_file(path):
            paragraphs = tuple(p.strip() for p in doc.text.split("\n\n") if p.strip() and not p.startswith("#"))
            published = doc.published or datetime(2023, 5, 15, 12, tzinfo=UTC)
            if paragraphs:
                sources.append(Source(doc.title or _headline(paragraphs[0]), paragraphs, published))
    if not sources:
        sys.exit(f"no documents found in {corpus}")
    return sources


def _headline(paragraph: str, limit: int = 90) -> str:
    """A title for a report without one (a channel post): its first sentence, cut at a word."""
    sentence = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0].rstrip(".")
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + "…"


# -- one generated document ------------------------------------------------------------------------

@dataclass
class Generated:
    """A generated report, before it is written in some format."""

    number: int
    title: str
    paragraphs: list[str]
    outlet: str
    published: datetime
    people: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def url(self, section: str = "news") -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")[:60]
        return f"https://{domain(self.outlet)}/{section}/{self.published:%Y/%m/%d}/{slug}-{self.number}"


def domain(outlet: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-") + ".example.org"


class Varier:
    """Draws new documents from the sources; all randomness comes from one seeded generator."""

    def __init__(self, sources: list[Source], rng: random.Random) -> None:
        self.sources = sources
        self.rng = rng

    def document(self, number: int, outlet: str) -> Generated:
        """The ``number``-th document, as published by ``outlet``."""
        base = self.rng.choice(self.sources)
        paragraphs = self._recombine(base)
        published = self._published(base.published)
        substitute = Substitution(self.rng, outlet, published - base.published)
        return Generated(number, substitute(base.title), [substitute(p) for p in paragraphs], outlet, published,
                         substitute.new_people)

    def _recombine(self, base: Source) -> list[str]:
        """The base report's paragraphs, sometimes with one dropped or some of another report's spliced in."""
        paragraphs = list(base.paragraphs)
        if len(paragraphs) >= 4 and self.rng.random() < 0.3:
            del paragraphs[self.rng.randrange(1, len(paragraphs) - 1)]
        if self.rng.random() < 0.5:
            other = self.rng.choice(self.sources).paragraphs
            start = self.rng.randrange(len(other))
            at = self.rng.randrange(1, len(paragraphs) + 1)
            paragraphs[at:at] = other[start:start + self.rng.randint(1, 2)]
        return paragraphs

    def _published(self, like: datetime) -> datetime:
        day = FIRST_DAY + timedelta(days=self.rng.randrange((LAST_DAY - FIRST_DAY).days))
        moment = datetime(day.year, day.month, day.day, self.rng.randrange(6, 24), self.rng.randrange(60))
        return moment.replace(tzinfo=like.tzinfo or UTC)


class Substitution:
    """Rewrites one document's strings: places, people, outlets, numbers and dates, consistently."""

    def __init__(self, rng: random.Random, outlet: str, shift: timedelta) -> None:
        self.rng = rng
        self.shift = shift
        self.names = self._places() | self._people() | {name: outlet for name in DEMO_OUTLETS}
        self.new_people = [v for k, v in self.names.items() if k in DEMO_PEOPLE]
        self.numbers: dict[str, str] = {}
        literal = "|".join(re.escape(n) for n in sorted(self.names, key=len, reverse=True))
        self.pattern = re.compile(rf"(?P<name>\b(?:{literal})\b)|(?P<day_month>{DAY_MONTH.pattern})"
                                  rf"|(?P<month_day>{MONTH_DAY.pattern})|(?P<weekday>{WEEKDAY.pattern})"
                                  rf"|(?P<number>{NUMBER.pattern})")

    def _places(self) -> dict[str, str]:
        towns, villages = self.rng.sample(TOWNS, 4), self.rng.sample(VILLAGES, 5)
        pools = {"town": iter(towns), "village": iter(villages)}
        chosen: dict[str, str] = {}
        for name, pool in DEMO_PLACES.items():
            chosen[name] = chosen[SAME_PLACE[name]] if name in SAME_PLACE else next(pools[pool])
        return chosen

    def _people(self) -> dict[str, str]:
        """Full names and bare surnames of demo people, each kept or replaced by an invented person."""
        out: dict[str, str] = {}
        for full, (side, gender) in DEMO_PEOPLE.items():
            if self.rng.random() < KEEP_PERSON:
                continue
            surname = self.rng.choice(SURNAMES[side])
            if side == "ru" and gender == "f":
                surname += "a"
            out[full] = f"{self.rng.choice(FIRST[side, gender])} {surname}"
            out[full.split()[-1]] = surname
        return out

    def __call__(self, text: str) -> str:
        """``text`` rewritten in one pass, so nothing is replaced twice."""
        return self.pattern.sub(self._replace, text)

    def _replace(self, m: re.Match) -> str:
        kind = m.lastgroup
        if kind == "name":
            return self.names[m.group()]
        if kind == "weekday":
            return WEEKDAYS[(WEEKDAYS.index(m.group()) + self.shift.days) % 7]
        if kind == "number":
            return self._number(NUMBER.fullmatch(m.group()), m.string[m.end():m.end() + 8])
        day_month = kind == "day_month"
        parts = (DAY_MONTH if day_month else MONTH_DAY).fullmatch(m.group())
        day, month, year = (parts.group(1), parts.group(2), parts.group(3)) if day_month else \
            (parts.group(2), parts.group(1), parts.group(3))
        try:
            moved = date(int(year or 2023), MONTHS.index(month) + 1, int(day)) + timedelta(days=self.shift.days)
        except (ValueError, OverflowError):
            return m.group()
        name = MONTHS[moved.month - 1]
        if day_month:
            return f"{moved.day} {name}" + (f" {moved.year}" if year else "")
        return f"{name} {moved.day}" + (f", {moved.year}" if year else "")

    def _number(self, m: re.Match, after: str) -> str:
        """A number of the same magnitude, the same one every time it recurs; years, times and durations kept."""
        digits, suffix = m.group(1), m.group(2) or ""
        after = after.lower()
        value = float(digits.replace(",", ""))
        if (len(digits) == 4 and 1900 <= value <= 2100) or value < 2 or after.lstrip().startswith(DURATION_WORDS):
            return m.group()
        key = digits + suffix
        if key not in self.numbers:
            self.numbers[key] = _format_like(digits, suffix, value * self.rng.uniform(0.5, 1.8))
        return self.numbers[key]


def _format_like(digits: str, suffix: str, value: float) -> str:
    if "." in digits:
        return f"{value:.{len(digits.split('.')[1])}f}"
    number = max(2, round(value))
    if suffix:
        return f"{number}{_ordinal(number)}"
    return f"{number:,}" if "," in digits else str(number)


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


# -- writing the formats ---------------------------------------------------------------------------

def local_iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes" if moment.second == 0 else "seconds")


def write_markdown(doc: Generated, rng: random.Random) -> tuple[str, bytes]:
    front = (f"---\ntitle: {json.dumps(doc.title, ensure_ascii=False)}\noutlet: {doc.outlet}\n"
             f"published: {local_iso(doc.published)}\nurl: {doc.url('reports')}\n---\n\n")
    body = f"# {doc.title}\n\n" + doc.text + "\n"
    return ".md", (front + body).encode()


def write_text(doc: Generated, rng: random.Random) -> tuple[str, bytes]:
    if rng.random() < 0.5:  # a bare text file: a title line and the report, nothing else known
        return ".txt", f"{doc.title}\n\n{doc.text}\n".encode()
    front = f"---\ntitle: {json.dumps(doc.title, ensure_ascii=False)}\noutlet: {doc.outlet}\n" \
            f"published: {doc.published:%Y-%m-%d}\n---\n"
    return ".txt", (front + doc.text + "\n").encode()


HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} — {outlet}</title>
<meta property="og:site_name" content="{outlet}">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">
<meta name="date" content="{published}">
</head>
<body>
<div id="top-bar"><a href="https://{domain}/">{outlet}</a> | <a href="https://{domain}/war/">War</a> | \
<a href="https://{domain}/world/">World</a> | <a href="https://{domain}/login/">Log in</a></div>
<nav><a href="https://{domain}/video/">Video</a> <a href="https://{domain}/opinion/">Opinion</a></nav>
<div id="content">
<article class="story">
<h1>{title}</h1>
<div class="meta">{outlet}, {day}</div>
{paragraphs}
</article>
</div>
<aside class="related"><h3>Read more</h3><ul><li><a href="https://{domain}/war/">More from the front</a></li></ul></aside>
<footer><div>{outlet} · All rights reserved</div><div><a href="https://{domain}/contacts/">Contacts</a></div></footer>
</body>
</html>
"""


def write_html(doc: Generated, rng: random.Random) -> tuple[str, bytes]:
    e = html.escape
    page = HTML_PAGE.format(title=e(doc.title), outlet=e(doc.outlet), url=e(doc.url("war")), domain=domain(doc.outlet),
                            published=doc.published.isoformat(), day=f"{doc.published:%d %B %Y, %H:%M}",
                            paragraphs="\n".join(f"<p>{e(p)}</p>" for p in doc.paragraphs))
    return ".html", page.encode()


def json_object(doc: Generated, number: int, seed: int) -> dict:
    return {"id": f"gen-{seed}-{number:07d}", "url": doc.url(), "outlet": doc.outlet, "title": doc.title,
            "published": doc.published.isoformat(), "text": doc.text}


def write_rss(docs: list[Generated], outlet: str) -> bytes:
    items = []
    for doc in docs:
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in doc.paragraphs).replace("]]>", "]]]]><![CDATA[>")
        items.append(
            f"    <item>\n      <title>{html.escape(doc.title)}</title>\n      <link>{doc.url()}</link>\n"
            f"      <guid isPermaLink=\"true\">{doc.url()}</guid>\n"
            f"      <pubDate>{email.utils.format_datetime(doc.published)}</pubDate>\n"
            f"      <description>{html.escape(doc.paragraphs[0][:160])}</description>\n"
            f"      <content:encoded><![CDATA[{body}]]></content:encoded>\n    </item>\n")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n  <channel>\n'
            f"    <title>{html.escape(outlet)}</title>\n    <link>https://{domain(outlet)}/</link>\n"
            f"    <description>Reports from {html.escape(outlet)}</description>\n{''.join(items)}"
            f"  </channel>\n</rss>\n").encode()


def write_atom(docs: list[Generated], outlet: str) -> bytes:
    entries = []
    for doc in docs:
        body = html.escape("".join(f"<p>{html.escape(p)}</p>\n" for p in doc.paragraphs))
        entries.append(
            f"  <entry>\n    <title>{html.escape(doc.title)}</title>\n"
            f"    <link href=\"{doc.url()}\" rel=\"alternate\" type=\"text/html\" />\n    <id>{doc.url()}</id>\n"
            f"    <published>{doc.published.isoformat()}</published>\n"
            f"    <updated>{doc.published.isoformat()}</updated>\n"
            f"    <summary>{html.escape(doc.paragraphs[0][:160])}</summary>\n"
            f"    <content type=\"html\">{body}</content>\n  </entry>\n")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
            f"  <title>{html.escape(outlet)}</title>\n  <id>https://{domain(outlet)}/atom.xml</id>\n"
            f"  <updated>{docs[-1].published.isoformat()}</updated>\n{''.join(entries)}</feed>\n").encode()


def write_telegram(docs: list[Generated], channel: str, channel_id: int, rng: random.Random) -> bytes:
    messages, message_id = [], 1000
    for doc in docs:
        message_id += rng.randint(1, 3)
        if rng.random() < 0.1:  # a service message between posts: not a document
            messages.append({"id": message_id, "type": "service", "date": local_iso(doc.published.replace(tzinfo=None)),
                             "actor": channel, "action": "pin_message", "text": ""})
            message_id += 1
        messages.append(_message(doc, channel, channel_id, message_id, rng))
    export = {"name": channel, "type": "public_channel", "id": channel_id, "messages": messages}
    return json.dumps(export, ensure_ascii=False, indent=1).encode()


def _message(doc: Generated, channel: str, channel_id: int, message_id: int, rng: random.Random) -> dict:
    """A channel post, as a string or as entities with a hashtag."""
    text = doc.text
    body: str | list = text
    if rng.random() < 0.5:
        body = [text + "\n\n", {"type": "hashtag", "text": "#" + re.sub(r"\W", "", doc.title.split()[0])}]
    message = {"id": message_id, "type": "message", "date": local_iso(doc.published.astimezone(UTC).replace(tzinfo=None)),
               "date_unixtime": str(int(doc.published.timestamp())), "from": channel,
               "from_id": f"channel{channel_id}", "text": body}
    if rng.random() < 0.2:
        message["forwarded_from"] = rng.choice(OUTLET_PLACES) + " " + rng.choice(CHANNEL_NOUNS)
    return message


# -- corrupt files ---------------------------------------------------------------------------------

def corrupt_file(kind: str, rng: random.Random, number: int) -> tuple[str, bytes]:
    """A wholly unreadable file of ``kind``: ``(suffix, bytes)``."""
    report = f"Officials said on Monday that shelling near {rng.choice(TOWNS)} had continued overnight."
    if kind == "truncated-json":
        data = json.dumps({"id": f"broken-{number}", "title": "Cut short", "text": report})
        return ".json", data[: len(data) * 3 // 5].encode()
    if kind == "binary":
        return ".txt", bytes(rng.randrange(256) for _ in range(512)) + b"\x00\x00"
    if kind == "latin1":
        return ".txt", ("Le ministère a déclaré : " + report).encode("latin-1")
    if kind == "empty":
        return ".md", b""
    if kind == "no-text-json":
        return ".json", json.dumps({"id": f"broken-{number}", "title": "No body", "body": report}).encode()
    if kind == "bad-jsonl":
        return ".jsonl", b'{"text": "unterminated\n{"id": 1, "text": 5}\nnot json at all\n'
    if kind == "empty-feed":
        return ".xml", b'<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>'
    raise ValueError(kind)


CORRUPT_KINDS = ["truncated-json", "binary", "latin1", "empty", "no-text-json", "bad-jsonl", "empty-feed"]


# -- the corpus ------------------------------------------------------------------------------------

def plan(documents: int) -> list[str]:
    """How many documents of each format, by largest remainder, as a list of formats."""
    exact = {fmt: documents * share for fmt, share in SHARES.items()}
    counts = {fmt: int(value) for fmt, value in exact.items()}
    for fmt in sorted(exact, key=lambda f: exact[f] - counts[f], reverse=True)[:documents - sum(counts.values())]:
        counts[fmt] += 1
    order: list[str] = []
    for fmt, count in counts.items():
        order.extend([fmt] * count)
    return order


def shuffled(order: list[str], rng: random.Random) -> list[str]:
    """The formats in a seeded random order, so that every stretch of the corpus mixes them."""
    order = list(order)
    rng.shuffle(order)
    return order


class Writer:
    """Writes files into sharded sub-folders of ``out`` and keeps the manifest."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.counts: dict[str, int] = {}
        self.files = 0
        self.corrupt: list[dict] = []

    def write(self, folder: str, stem: str, suffix: str, data: bytes) -> str:
        n = self.counts.get(folder, 0)
        self.counts[folder] = n + 1
        path = self.out / folder / f"{n // SHARD:03d}" / f"{stem}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files += 1
        return str(path.relative_to(self.out))


def make_corpus(out: Path, documents: int, seed: int = 0, corrupt_every: int | None = None,
                sources: list[Source] | None = None) -> dict:
    """Write ``documents`` generated documents (and corrupt files) under ``out``; returns the manifest."""
    rng = random.Random(seed)
    varier = Varier(sources or load_sources(), rng)
    writer = Writer(out)
    formats = shuffled(plan(documents), rng)
    groups: dict[str, list[Generated]] = {}
    group_outlet: dict[str, str] = {}
    seen: set[str] = set()
    words = 0
    for number, fmt in enumerate(formats):
        outlet = group_outlet.setdefault(fmt, _outlet(rng, fmt)) if fmt in PER_FILE else _outlet(rng, fmt)
        doc = _unique(varier, number, outlet, seen)
        if fmt == "telegram":  # a channel post is short: its first one to three paragraphs
            doc.paragraphs = doc.paragraphs[:rng.randint(1, 3)]
        words += len(doc.text.split())
        if fmt in PER_FILE:
            groups.setdefault(fmt, []).append(doc)
            if len(groups[fmt]) == PER_FILE[fmt]:
                _flush(writer, fmt, groups.pop(fmt), outlet, rng, seed)
                group_outlet.pop(fmt)
        else:
            _write_single(writer, fmt, doc, rng, seed)
        if corrupt_every and (number + 1) % corrupt_every == 0:
            kind = CORRUPT_KINDS[len(writer.corrupt) % len(CORRUPT_KINDS)]
            suffix, data = corrupt_file(kind, rng, number)
            writer.corrupt.append({"path": writer.write("misc", f"item-{number:07d}", suffix, data), "kind": kind})
    for fmt, docs in groups.items():
        _flush(writer, fmt, docs, group_outlet[fmt], rng, seed)
    manifest = {"documents": documents, "seed": seed, "corrupt_every": corrupt_every, "files": writer.files,
                "words": words, "by_format": {f: formats.count(f) for f in SHARES}, "corrupt": writer.corrupt}
    (out / ".manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def _outlet(rng: random.Random, fmt: str) -> str:
    if fmt == "telegram":
        return f"{rng.choice(OUTLET_PLACES)} {rng.choice(CHANNEL_NOUNS)}"
    return f"{rng.choice(OUTLET_PLACES)} {rng.choice(OUTLET_NOUNS)}"


def _unique(varier: Varier, number: int, outlet: str, seen: set[str]) -> Generated:
    """A document whose text no earlier one has (drawn again on the rare repeat)."""
    while True:
        doc = varier.document(number, outlet)
        if doc.text not in seen:
            seen.add(doc.text)
            return doc


def _write_single(writer: Writer, fmt: str, doc: Generated, rng: random.Random, seed: int) -> None:
    stem = f"{doc.published:%Y-%m-%d}-{doc.number:07d}"
    if fmt == "json":
        data = json.dumps(json_object(doc, doc.number, seed), ensure_ascii=False, indent=1).encode()
        writer.write("json", stem, ".json", data)
        return
    writer_for = {"markdown": write_markdown, "text": write_text, "html": write_html}[fmt]
    suffix, data = writer_for(doc, rng)
    writer.write("html" if fmt == "html" else "text", stem, suffix, data)


def _flush(writer: Writer, fmt: str, docs: list[Generated], outlet: str, rng: random.Random, seed: int) -> None:
    first = docs[0].number
    if fmt == "jsonl":
        lines = "".join(json.dumps(json_object(d, d.number, seed), ensure_ascii=False) + "\n" for d in docs)
        writer.write("jsonl", f"part-{first:07d}", ".jsonl", lines.encode())
    elif fmt == "rss":
        writer.write("feeds", f"{domain(outlet).split('.')[0]}-{first:07d}", ".rss.xml", write_rss(docs, outlet))
    elif fmt == "atom":
        writer.write("feeds", f"{domain(outlet).split('.')[0]}-{first:07d}", ".atom.xml", write_atom(docs, outlet))
    else:
        channel_id = 1_700_000_000 + first
        writer.write("telegram", f"channel-{first:07d}/result", ".json",
                     write_telegram(docs, outlet, channel_id, rng))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write into (created; must be empty or absent)")
    parser.add_argument("--documents", type=int, required=True, help="how many documents (e.g. 10000 to 200000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed: the same seed writes the same files")
    parser.add_argument("--corrupt-every", type=int, default=None, metavar="K",
                        help="add one wholly unreadable file after every K documents")
    args = parser.parse_args(argv)
    if args.documents < 1 or (args.corrupt_every is not None and args.corrupt_every < 1):
        parser.error("--documents and --corrupt-every must be positive")
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty: give a new folder")
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    manifest = make_corpus(args.out, args.documents, args.seed, args.corrupt_every)
    print(f"documents={manifest['documents']} files={manifest['files']} corrupt={len(manifest['corrupt'])} "
          f"words={manifest['words']} seconds={time.perf_counter() - start:.1f}")


if __name__ == "__main__":
    main()
