"""Web app response times, as ratios against the bare store reads each page needs, in the same run.

Builds a synthetic SQLite store (N documents, 4 claims each, one event per two
documents with relations), then times, through FastAPI's TestClient (no network):
the dispute board, the events API page, an event page, a document page and the CSV
export, each against a baseline of the store calls it cannot avoid (``Store.events``
for the board and API, ``get_event`` + ``get_claim`` for an event, ``get_document`` +
``claims`` for a document, ``claims`` for the export). Warm-up first; median of R runs.

    .venv/bin/python bench/bench_serve.py [--docs 400] [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        event_id, doc_id = build(path, args.docs)
        store = Store.open(f"sqlite:///{path}")
        client = TestClient(create_app(f"sqlite:///{path}", "bench-token"), base_url="http://localhost")

        def get(url):
            return lambda: client.get(url).raise_for_status()

        cases = [
            ("board  GET /", get("/"), lambda: store.events()),
            ("api    GET /api/events?limit=50", get("/api/events?limit=50"), lambda: store.events()),
            ("event  GET /events/{id}", get(f"/events/{event_id}"),
             lambda: [store.get_claim(c) for c in store.get_event(event_id).claim_ids]),
            ("doc    GET /documents/{id}", get(f"/documents/{doc_id}"),
             lambda: (store.get_document(doc_id), store.claims(doc_id))),
            ("export GET /api/export/claims.csv", get("/api/export/claims.csv"), lambda: store.claims()),
        ]
        print(f"{args.docs} documents, {args.docs * len(SENTENCES)} claims, {args.docs // 2} events; "
              f"median of {args.runs} runs")
        print(f"{'request':36} {'app ms':>8} {'store ms':>9} {'ratio':>7}")
        for name, app_call, base_call in cases:
            app_ms, base_ms = median_ms(app_call, args.runs), median_ms(base_call, args.runs)
            print(f"{name:36} {app_ms:8.1f} {base_ms:9.1f} {app_ms / base_ms:7.2f}")
        store.close()


if __name__ == "__main__":
    main()
