"""No N+1: every page and API list runs a fixed number of SQL statements, whatever the store holds.

Each request is counted on a small store and on one with twenty times more documents, claims,
events and relations; the counts must be equal (and small), so no statement runs per row.
Transaction control (SQLite's ``BEGIN``) is not a query and is not counted.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
import serve_data
from sqlalchemy import event

from counterclaim.models import Assessment, Event, Relation, SidePosition, TimeRange
from counterclaim.serve.app import create_app
from counterclaim.store import Store

DOCS, CLAIMS, EVENTS, RELATIONS = serve_data.story()
ADVANCE = EVENTS[0]
PATHS = [
    "/", "/?q=Bakhmut", "/?speaker=Malyar", "/?place=Artemovsk", "/?side=russia&since=2023-05-01&until=2023-05-31",
    f"/events/{ADVANCE.id}", f"/documents/{quote(DOCS[0].id)}", "/documents", "/speakers",
    "/speakers/Hanna%20Maliar", "/speakers/Russian%20Ministry%20of%20Defence", "/search?q=Bakhmut", "/timeline",
    "/api/events", "/api/events?q=Bakhmut", "/api/claims", "/api/claims?speaker=Maliar", "/api/relations?limit=1",
    "/api/relations", f"/api/relations?event_id={ADVANCE.id}", "/api/speakers", "/api/documents",
    "/api/search?q=Bakhmut", f"/api/events/{ADVANCE.id}", "/api/speakers/Hanna%20Maliar",
]
MAX_STATEMENTS = 14


def _more(n: int) -> tuple[list, list, list, list]:
    """``n`` more reports with three claims each by the story's speakers, an event per report, a relation each."""
    docs, claims, events, relations = [], [], [], []
    for i in range(n):
        text = (f"Deputy Defence Minister Hanna Maliar said troops advanced {i} metres near Bakhmut. "
                f"The Russian Ministry of Defence said that {i} attacks near Bakhmut were repelled. "
                f"Analysts at the Institute for the Study of War said that fighting near Bakhmut went on.")
        doc = serve_data.doc(text, f"Report {i}", "Bench Wire", 1 + i % 28)
        made = [
            serve_data.make_claim(doc, "Deputy Defence Minister Hanna Maliar", "Hanna Maliar", "ukraine", "said",
                                  f"troops advanced {i} metres near Bakhmut"),
            serve_data.make_claim(doc, "The Russian Ministry of Defence", "Russian Ministry of Defence", "russia",
                                  "said", f"{i} attacks near Bakhmut were repelled"),
            serve_data.make_claim(doc, "Analysts at the Institute for the Study of War", "Institute for the Study of War",
                                  "third_party", "said", "fighting near Bakhmut went on"),
        ]
        rel = Relation(id=Relation.make_id(made[0].id, made[1].id, "contradicts"), a=made[0].id, b=made[1].id,
                       kind="contradicts", reason="the ministry says the attack failed", cross_side=True)
        day = datetime(2023, 5, 1, tzinfo=UTC) + timedelta(days=i % 28)
        events.append(Event(id=Event.make_id([c.id for c in made]), type="ADVANCE", title=f"Advance {i}",
                            places=ADVANCE.places, when=TimeRange(earliest=day, latest=day),
                            claim_ids=[c.id for c in made], relation_ids=[rel.id],
                            assessment=Assessment(status="disputed", positions=[SidePosition(side="ukraine"),
                                                                                SidePosition(side="russia")])))
        docs.append(doc)
        claims += made
        relations.append(rel)
    return docs, claims, events, relations


def _build(path, extra: int) -> str:
    url = f"sqlite:///{path}"
    docs, claims, events, relations = _more(extra)
    with Store.open(url) as store:
        for d in DOCS + docs:
            store.add_document(d)
            store.replace_claims(d.id, [c for c in CLAIMS + claims if c.document_id == d.id])
        store.save_links(EVENTS + events, RELATIONS + relations)
    return url


def _counts(url: str) -> dict[str, int]:
    app = create_app(url, serve_data.TOKEN)
    counts: dict[str, int] = {}
    with serve_data.local_client(app) as client:
        client.get("/?place=Bakhmut")  # the place names are learnt once, on the first request
        seen: list[str] = []
        event.listen(app.state.store.engine, "before_cursor_execute",
                     lambda *a: None if a[2].lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))
                     else seen.append(a[2]))
        for path in PATHS:
            seen.clear()
            assert client.get(path).status_code == 200, path
            counts[path] = len(seen)
    return counts


@pytest.fixture(scope="module")
def counted(tmp_path_factory) -> tuple[dict, dict]:
    root = tmp_path_factory.mktemp("statements")
    return _counts(_build(root / "small.db", 2)), _counts(_build(root / "large.db", 40))


@pytest.mark.parametrize("path", PATHS)
def test_statements_per_request_do_not_grow_with_the_store(counted, path):
    small, large = counted
    assert large[path] == small[path], f"{path}: {small[path]} statements on the small store, {large[path]} on the large"
    assert small[path] <= MAX_STATEMENTS, f"{path}: {small[path]} statements"
