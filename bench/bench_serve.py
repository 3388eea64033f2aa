"""Web app response times (p50) on the demo store, as ratios against the bare store reads each page needs.

Times, through FastAPI's TestClient (no network), on the demo store (``make demo`` builds
var/demo.db; without it, a synthetic store of N documents): the dispute board, the events API,
``/api/relations?limit=1``, the largest event's page, the longest document's page, the busiest
speaker's page, a search and the CSV export, each against a baseline of store calls. Warm-up
first; median of R runs. Goal: board, event and document pages under 50 ms at the median.

    .venv/bin/python bench/bench_serve.py [--db var/demo.db] [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from fastapi.testclient import TestClient

from counterclaim.models import (
    Assessment,
    Claim,
    Document,
    Event,
    Relation,
    SidePosition,
    Span,
    Speaker,
    TimeRange,
)
from counterclaim.serve.app import create_app
from counterclaim.store import Store

SENTENCES = [
    ("The Russian Ministry of Defence", "russia", "said that {n} attacks near Bakhmut were repelled. "),
    ("Deputy Defence Minister Hanna Maliar", "ukraine", "said that troops advanced {n} kilometres near Bakhmut. "),
    ("Analysts", "third_party", "said that fighting near Bakhmut continued on day {n}. "),
    ("Local officials", "media", "said that {n} buildings were damaged in the shelling. "),
]


def document(i: int) -> tuple[Document, list[Claim]]:
    """One synthetic report with one claim per sentence."""
    text, claims, spans = "", [], []
    for speaker, _, rest in SENTENCES:
        start = len(text)
        text += f"{speaker} {rest.format(n=i)}"
        spans.append((start, start + len(speaker), start + len(speaker) + 1 + len("said that "), len(text) - 2))
    published = datetime(2023, 1, 1, tzinfo=UTC) + timedelta(days=i % 300)
    doc = Document(id=f"doc-{i}", text=text, title=f"Report {i}", outlet="Bench Wire", published=published)
    for (speaker, side, _), (s0, s1, c0, c1) in zip(SENTENCES, spans, strict=True):
        content = Span.of(text, c0, c1)
        claims.append(Claim(id=Claim.make_id(doc.id, speaker, content, "asserts"), document_id=doc.id,
                            speaker=Speaker(mention=Span.of(text, s0, s1), name=speaker, side=side),
                            content=content, sentence=Span.of(text, s0, c1 + 1)))
    return doc, claims


def links(pairs: list[list[Claim]]) -> tuple[list[Event], list[Relation]]:
    """One disputed event per pair of documents, with a contradiction between their first two claims."""
    events, relations = [], []
    for i in range(0, len(pairs) - 1, 2):
        members = pairs[i] + pairs[i + 1]
        rel = Relation(id=Relation.make_id(members[0].id, members[1].id, "contradicts"), a=members[0].id,
                       b=members[1].id, kind="contradicts", reason="numbers disagree", cross_side=True)
        day = datetime(2023, 1, 1, tzinfo=UTC) + timedelta(days=i % 300)
        events.append(Event(id=Event.make_id([c.id for c in members]), type="ADVANCE", title=f"Event {i}",
                            when=TimeRange(earliest=day, latest=day), claim_ids=[c.id for c in members],
                            relation_ids=[rel.id], assessment=Assessment(status="disputed", positions=[
                                SidePosition(side="russia"), SidePosition(side="ukraine")])))
        relations.append(rel)
    return events, relations


def build(path: Path, docs: int) -> tuple[str, str]:
    """Fill a store at ``path``; return an event id and a document id to time."""
    store = Store.open(f"sqlite:///{path}")
    pairs = []
    for i in range(docs):
        doc, claims = document(i)
        store.add_document(doc)
        store.replace_claims(doc.id, claims)
        pairs.append(claims)
    events, relations = links(pairs)
    store.save_links(events, relations)
    store.close()
    return events[0].id, "doc-0"


def median_ms(fn, runs: int) -> float:
    """Median wall time of ``fn`` in milliseconds, after two warm-up calls."""
    fn(), fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def biggest(store) -> tuple[str, str, str]:
    """The event with most claims, the longest document and the speaker with most claims: the slowest pages."""
    events = store.events()
    event_id = max(events, key=lambda e: len(e.claim_ids)).id
    doc_id = max(store.documents(), key=lambda d: len(d.text)).id
    return event_id, doc_id, store.speakers(limit=1)[0]["name"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="var/demo.db", help="a store to time (default: the demo store, when built)")
    parser.add_argument("--docs", type=int, default=400, help="synthetic documents when --db does not exist")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db)
        if not path.exists():
            path = Path(tmp) / "bench.db"
            build(path, args.docs)
        url = f"sqlite:///{path}"
        store = Store.open(url)
        event_id, doc_id, speaker = biggest(store)
        client = TestClient(create_app(url, "bench-token"), base_url="http://localhost")

        def get(url):
            return lambda: client.get(url).raise_for_status()

        cases = [
            ("board", "GET /", get("/"), lambda: store.events()),
            ("api", "GET /api/events?limit=50", get("/api/events?limit=50"), lambda: store.events(limit=50)),
            ("relations", "GET /api/relations?limit=1", get("/api/relations?limit=1"),
             lambda: store.relations(limit=1)),
            ("event", "GET /events/{largest}", get(f"/events/{event_id}"),
             lambda: [store.get_claim(c) for c in store.get_event(event_id).claim_ids]),
            ("document", "GET /documents/{longest}", get(f"/documents/{quote(doc_id, safe='')}"),
             lambda: (store.get_document(doc_id), store.claims(doc_id))),
            ("speaker", "GET /speakers/{busiest}", get(f"/speakers/{quote(speaker, safe='')}"),
             lambda: store.claims(speaker=speaker, limit=50)),
            ("search", "GET /search?q=Bakhmut", get("/search?q=Bakhmut"), lambda: store.search("Bakhmut")),
            ("export", "GET /api/export/claims.csv", get("/api/export/claims.csv"), lambda: store.claims()),
        ]
        print(f"{path}: {store.count_documents()} documents, {store.count_claims()} claims, "
              f"{store.count_events()} events, {store.count_relations()} relations; median of {args.runs} runs")
        print(f"{'request':36} {'app ms':>8} {'store ms':>9} {'ratio':>7}")
        headline = {}
        for key, name, app_call, base_call in cases:
            app_ms, base_ms = median_ms(app_call, args.runs), median_ms(base_call, args.runs)
            headline[key] = app_ms
            print(f"{key:9} {name:26} {app_ms:8.1f} {base_ms:9.1f} {app_ms / base_ms:7.2f}")
        store.close()
        print(" ".join(f"{k}_p50_ms={v:.1f}" for k, v in headline.items()))


if __name__ == "__main__":
    main()
