"""A synthetic store at any size, a real server on loopback, and an async load driver: the parts of the web
benchmarks (``bench_web.py``, ``make load``) and of the load test CI runs.

The store is filled straight through the repository (``Store.add_extracted`` in batches, then
``Store.save_links``), so it holds exactly what the pipeline would store: reports of about four
claims by speakers drawn with a long tail (a few ministries say most), on places with gazetteer
ids, over a year; events of about five claims from several reports with their assessments, side
summaries and number spreads; and a relation or two per event.

The driver runs N clients, each sending its next request as soon as the last one answered, to a
server started as a user starts it (``counterclaim serve``) on 127.0.0.1 only, for a bounded time.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from counterclaim.models import (
    Assessment,
    Claim,
    Document,
    Event,
    Place,
    Quantity,
    QuantitySpread,
    Relation,
    SidePosition,
    Span,
    Speaker,
    TimeRange,
)
from counterclaim.store import Store

SPEAKERS = [  # (name, side, organisation, actor id): the registry's voices, then a long tail of others
    ("Russian Ministry of Defence", "russia", "Ministry of Defence of the Russian Federation", "russian_mod"),
    ("General Staff of the Armed Forces of Ukraine", "ukraine", "General Staff of the Armed Forces of Ukraine",
     "ukraine_general_staff"),
    ("Yevgeny Prigozhin", "russia", "Wagner Group", "prigozhin"),
    ("Hanna Maliar", "ukraine", "Ministry of Defence of Ukraine", "maliar"),
    ("Institute for the Study of War", "third_party", "Institute for the Study of War", "isw"),
    ("Dmitry Peskov", "russia", "Presidential Administration of Russia", "peskov"),
    ("Serhiy Cherevatyi", "ukraine", "Eastern Group of Forces", None),
    ("UK Defence Intelligence", "third_party", "Ministry of Defence of the United Kingdom", "uk_defence_intelligence"),
]
PLACES = [("Bakhmut", 48.5953, 37.9998, "geonames:713174"), ("Soledar", 48.6833, 38.0833, "geonames:706757"),
          ("Avdiivka", 48.1394, 37.7497, "geonames:713716"), ("Kupiansk", 49.7106, 37.6156, "geonames:704679"),
          ("Robotyne", 47.45, 35.84, None), ("Kreminna", 49.0479, 38.2176, "geonames:704422"),
          ("Vuhledar", 47.7800, 37.2500, "geonames:689076"), ("Marinka", 47.9408, 37.5044, "geonames:701683")]
VERBS = [("advanced {n} kilometres near {p}", "ADVANCE", "km"), ("repelled {n} attacks near {p}", "REPEL", None),
         ("lost {n} soldiers near {p}", "LOSSES", None), ("destroyed {n} tanks near {p}", "LOSSES", None)]
OUTLETS = ["Kyiv Frontline Daily", "Moscow Courier", "Northsea Chronicle", "Danube Wire", "Eastern Front Monitor"]
START = datetime(2023, 1, 1, tzinfo=UTC)


def _speaker(rng: random.Random, i: int) -> tuple[str, str, str | None, str | None]:
    """Most claims by the registry's voices, the rest by some thousand others (a long tail)."""
    if rng.random() < 0.7:
        return SPEAKERS[min(int(rng.expovariate(0.6)), len(SPEAKERS) - 1)]
    n = int(rng.paretovariate(1.2)) % 5000
    side = ("russia", "ukraine", "third_party", "media", "unknown")[n % 5]
    return (f"Commander {n} of unit {n % 97}", side, f"Unit {n % 97}", None)


def report(i: int, rng: random.Random, claims: int = 4) -> tuple[Document, list[Claim]]:
    """One synthetic report with ``claims`` attributed claims, each with a place, a number and a date."""
    day = START + timedelta(days=rng.randrange(365), hours=rng.randrange(24))
    parts, spans = [], []
    text = ""
    for j in range(claims):
        name, side, org, actor = _speaker(rng, i)
        verb, kind, unit = VERBS[(i + j) % len(VERBS)]
        place = PLACES[rng.randrange(len(PLACES))]
        number = rng.choice([2, 3, 12, 40, 100, 250, 500])
        content = verb.format(n=number, p=place[0])
        sentence = f"{name} said that its forces {content}. "
        start = len(text) + len(name) + len(" said that its forces ")
        spans.append((len(text), name, org, actor, side, start, start + len(content), place, number, unit, kind))
        text += sentence
        parts.append(sentence)
    doc = Document(id=f"bench-{i}", text=text, title=f"Report {i}: fighting near {spans[0][7][0]}",
                   outlet=OUTLETS[i % len(OUTLETS)], url=f"https://news.example.org/{i}", published=day)
    out = []
    for s0, name, org, actor, side, c0, c1, place, number, unit, _ in spans:
        content = Span.of(text, c0, c1)
        p_start = text.index(place[0], c0)
        q_start = text.index(str(number), c0)
        out.append(Claim(
            id=Claim.make_id(doc.id, name, content, "asserts"), document_id=doc.id, content=content,
            speaker=Speaker(mention=Span.of(text, s0, s0 + len(name)), name=name, side=side, organisation=org,
                            actor_id=actor),
            cue=Span.of(text, s0 + len(name) + 1, s0 + len(name) + 5), sentence=Span.of(text, s0, c1 + 1),
            quantities=[Quantity(span=Span.of(text, q_start, q_start + len(str(number))), value=number, unit=unit)],
            places=[Place(span=Span.of(text, p_start, p_start + len(place[0])), name=place[0], lat=place[1],
                          lon=place[2], gazetteer_id=place[3], country="UA")],
            said_at=TimeRange(earliest=day, latest=day)))
    return doc, out


def links(claims: list[Claim], rng: random.Random, size: int = 5) -> tuple[list[Event], list[Relation]]:
    """Events of about ``size`` claims (from several reports) with assessments, and a relation or two each."""
    events, relations = [], []
    order = list(range(len(claims)))
    rng.shuffle(order)
    for k in range(0, len(order) - 1, size):
        members = [claims[i] for i in order[k:k + size]]
        rels = [Relation(id=Relation.make_id(members[0].id, members[1].id, kind), a=members[0].id, b=members[1].id,
                         kind=kind, reason=f"{members[0].speaker.name} and {members[1].speaker.name} give "
                                           f"{'the same' if kind == 'corroborates' else 'different'} figures",
                         cross_side=members[0].speaker.side != members[1].speaker.side)
                for kind in (("contradicts",) if k % 3 else ("corroborates", "contradicts"))]
        relations += rels
        when = sorted(c.said_at.earliest for c in members)
        sides = sorted({c.speaker.side for c in members})
        kind = "disputed" if len(rels) > 1 else ("corroborated" if k % 5 == 0 else "single_source")
        place = members[0].places[0]
        events.append(Event(
            id=Event.make_id([c.id for c in members]), type="ADVANCE", title=f"Fighting near {place.name} "
            f"({when[0]:%d %b} – {when[-1]:%d %b %Y})", places=[place], claim_ids=[c.id for c in members],
            relation_ids=[r.id for r in rels], when=TimeRange(earliest=when[0], latest=when[-1]),
            assessment=Assessment(status=kind, positions=[
                SidePosition(side=s, speakers=sorted({c.speaker.name for c in members if c.speaker.side == s}),
                             claim_ids=[c.id for c in members if c.speaker.side == s],
                             summary="; ".join(f"{c.speaker.name}: {c.content.text}" for c in members
                                               if c.speaker.side == s)[:200]) for s in sides],
                spreads=[QuantitySpread(key="ADVANCE km", unit="km", by_side={
                    s: (float(min(q)), float(max(q))) for s in sides
                    if (q := [c.quantities[0].value for c in members if c.speaker.side == s])})])))
    return events, relations


def fill(url: str, claims: int, seed: int = 7, batch: int = 1000, say=print) -> dict:
    """Fill the store at ``url`` with about ``claims`` claims; returns ids to request and the counts.

    Events group claims of the same batch of reports, so only the events (not every claim) stay in memory.
    """
    rng = random.Random(seed)
    events: list[Event] = []
    relations: list[Relation] = []
    count = 0
    t0 = time.perf_counter()
    with Store.open(url) as store:
        reports = max(1, claims // 4)
        for first in range(0, reports, batch):
            pending = [report(i, rng) for i in range(first, min(reports, first + batch))]
            store.add_extracted(pending)
            found = [c for _, cs in pending for c in cs]
            more_events, more_relations = links(found, rng)
            events += more_events
            relations += more_relations
            count += len(found)
            if (first // batch) % 25 == 24:
                say(f"  {count:,} claims stored ({time.perf_counter() - t0:.0f} s)")
        say(f"  {count:,} claims stored; saving {len(events):,} events, {len(relations):,} relations "
            f"({time.perf_counter() - t0:.0f} s)")
        store.save_links(events, relations)
        settle(store)
    sample = random.Random(seed + 1)
    return {"claims": count, "events": len(events), "relations": len(relations),
            "event_ids": [e.id for e in sample.sample(events, min(200, len(events)))],
            "document_ids": [f"bench-{sample.randrange(reports)}" for _ in range(200)],
            "speakers": [s[0] for s in SPEAKERS] + [f"Commander {n} of unit {n % 97}" for n in (1, 2, 3, 5, 8, 13)],
            "seconds": time.perf_counter() - t0}


def settle(store: Store) -> None:
    """What an operator (or autovacuum, later) does after a bulk load on PostgreSQL: VACUUM ANALYZE, so that
    index-only scans need no heap visits and the planner knows the tables' sizes."""
    if store.engine.dialect.name != "postgresql":
        return
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE")


def requests_for(ids: dict) -> dict[str, list[str]]:
    """The requests each endpoint group sends, rotating over sampled ids and words."""
    words = ["Bakhmut", "Prigozhin", "tanks", "Soledar kilometres", "attacks repelled", "Avdiivka"]
    return {
        "board": ["/", "/?side=russia", "/?status=disputed", "/?place=Artemovsk", "/?speaker=Prigozhin",
                  "/?since=2023-03-01&until=2023-03-31", "/?q=Bakhmut"],
        "event": [f"/events/{e}" for e in ids["event_ids"]],
        "document": [f"/documents/{d}" for d in ids["document_ids"]],
        "speaker": [f"/speakers/{quote(s)}" for s in ids["speakers"]],
        "search": [f"/search?q={quote(w)}" for w in words],
        "api_lists": ["/api/events?limit=50", "/api/claims?limit=50", "/api/relations?limit=1",
                      "/api/relations?limit=50", "/api/speakers?limit=50", "/api/documents?limit=50",
                      f"/api/search?q={quote(words[0])}&limit=50", "/api/claims?limit=50&offset=5000",
                      "/api/events?limit=50&side=ukraine"],
    }


# -- the server and the driver ---------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``counterclaim serve`` (``workers`` processes) on 127.0.0.1 and a free port, for a ``with`` block."""

    def __init__(self, url: str, log: Path, workers: int = 1) -> None:
        self.url, self.log, self.port, self.workers = url, log, free_port(), workers
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        counterclaim = Path(sys.executable).with_name("counterclaim")
        self.out = open(self.log, "wb")
        self.proc = subprocess.Popen([str(counterclaim), "serve", "--db", self.url, "--host", "127.0.0.1",
                                      "--port", str(self.port), "--token", "bench-token",
                                      "--workers", str(self.workers)],
                                     stdout=self.out, stderr=subprocess.STDOUT, env={**os.environ})
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(self.base + "/api/openapi.json", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not answer within 120 s")

    def __exit__(self, *_exc) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.out.close()


@dataclass
class Result:
    """Latencies (ms) and failures of one load run."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    statuses: dict[int | str, int] = field(default_factory=dict)  # HTTP status, or the exception's name
    seconds: float = 0.0

    def add(self, group: str, ms: float, status: int | str) -> None:
        self.latencies.setdefault(group, []).append(ms)
        if isinstance(status, str) or status >= 400:
            self.errors[group] = self.errors.get(group, 0) + 1
        self.statuses[status] = self.statuses.get(status, 0) + 1

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    @property
    def failed(self) -> int:
        return sum(self.errors.values())


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0–1) of ``values``."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def _client(http, base: str, work: list[tuple[str, str]], start: int, stop_at: float, out: Result) -> None:
    i = start
    while time.perf_counter() < stop_at:
        group, path = work[i % len(work)]
        i += 1
        t0 = time.perf_counter()
        try:
            response = await http.get(base + path)
            status: int | str = response.status_code
        except Exception as exc:  # noqa: BLE001 - a refused or dropped connection is an error to count, not to raise
            status = type(exc).__name__
        out.add(group, (time.perf_counter() - t0) * 1000, status)


async def _drive(base: str, work: list[tuple[str, str]], clients: int, seconds: float) -> Result:
    import httpx

    out = Result()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:
        t0 = time.perf_counter()
        stop_at = t0 + seconds
        await asyncio.gather(*(_client(http, base, work, k * 7, stop_at, out) for k in range(clients)))
        out.seconds = time.perf_counter() - t0
    return out


def drive(base: str, groups: dict[str, list[str]], clients: int, seconds: float) -> Result:
    """``clients`` concurrent clients for ``seconds``, cycling through every group's requests, interleaved."""
    from concurrent.futures import ThreadPoolExecutor

    work = [(g, paths[i % len(paths)]) for i in range(max(len(p) for p in groups.values()))
            for g, paths in groups.items()]
    # a thread of its own: the caller may already run an event loop (pytest-playwright's does)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _drive(base, work, clients, seconds)).result()


def table(result: Result) -> list[tuple[str, int, float, float, int]]:
    """Per group: requests, p50 ms, p95 ms, errors."""
    return [(g, len(v), statistics.median(v), pct(v, 0.95), result.errors.get(g, 0))
            for g, v in result.latencies.items()]
