"""Hand-made stores for the web app's tests: a small disputed story, and one full of XSS payloads.

The reports are our own writing. Spans are found with ``str.index`` so that
``text[start:end] == span.text`` holds by construction.
"""

from __future__ import annotations

from datetime import UTC, datetime

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

TOKEN = "test-token-0123456789"  # the write token of every test app
BASE_URL = "http://localhost"  # the app answers only to localhost names (DNS rebinding check)


def local_client(app, **kwargs):
    """A TestClient that talks to ``app`` as http://localhost, a host name the app answers to."""
    from fastapi.testclient import TestClient

    return TestClient(app, base_url=BASE_URL, **kwargs)
BAKHMUT = {"lat": 48.5953, "lon": 37.9998, "gazetteer_id": "geonames:713174", "country": "UA"}
SOLEDAR = {"lat": 48.6833, "lon": 38.0833, "gazetteer_id": "geonames:706757", "country": "UA"}
ORGANISATIONS = {"Yevgeny Prigozhin": "Wagner Group", "Hanna Maliar": "Ministry of Defence of Ukraine"}
ACTORS = {"Hanna Maliar": "maliar", "Russian Ministry of Defence": "russian_mod", "Yevgeny Prigozhin": "prigozhin",
          "Institute for the Study of War": "isw"}


def span(text: str, piece: str, after: int = 0) -> Span:
    """The span of the first ``piece`` in ``text`` at or after ``after``."""
    start = text.index(piece, after)
    return Span.of(text, start, start + len(piece))


def make_claim(doc: Document, speaker: str, name: str, side: str, cue: str, content: str, *,
               stance: str = "asserts", sentence: str | None = None, quantities=(), places=()) -> Claim:
    """A claim of ``doc`` whose spans are located by their text."""
    text = doc.text
    sentence_span = span(text, sentence) if sentence else None
    base = sentence_span.start if sentence_span else 0
    content_span = span(text, content, base)
    qs = [Quantity(span=span(text, q_text, base), value=v, low=lo, high=hi, unit=unit, counted=counted, bound=bound)
          for q_text, v, lo, hi, unit, counted, bound in quantities]
    ps = [Place(span=span(text, p_text, base), name=name_, **coords) for p_text, name_, coords in places]
    said = TimeRange(earliest=doc.published, latest=doc.published) if doc.published else None
    return Claim(id=Claim.make_id(doc.id, name, content_span, stance), document_id=doc.id,
                 speaker=Speaker(mention=span(text, speaker, base), name=name, side=side, actor_id=ACTORS.get(name),
                                 organisation=ORGANISATIONS.get(name)),
                 cue=span(text, cue, base), content=content_span, stance=stance, sentence=sentence_span,
                 quantities=qs, places=ps, said_at=said)


def doc(text: str, title: str, outlet: str, day: int, url: str | None = None) -> Document:
    """A document published on ``day`` May 2023."""
    return Document(id=Document.make_id(text, outlet, url, title), text=text, title=title, outlet=outlet, url=url,
                    published=datetime(2023, 5, day, 12, tzinfo=UTC), source_kind="text")


FRONT = (
    "Fighting around Bakhmut intensified this week.\n\n"
    "Deputy Defence Minister Hanna Maliar said Ukrainian forces advanced two kilometres near Bakhmut. "
    "The Russian Ministry of Defence denied that any breakthrough had happened near Bakhmut. "
    "Wagner chief Yevgeny Prigozhin claimed that Ukrainian troops had advanced 2.6 kilometres near Bakhmut."
)
SOLEDAR_TEXT = (
    "The Russian Ministry of Defence said that all attacks near Soledar were repelled. "
    "Analysts at the Institute for the Study of War said that Ukrainian units likely gained ground near Bakhmut."
)


def story() -> tuple[list[Document], list[Claim], list[Event], list[Relation]]:
    """Two reports, five claims, a disputed advance near Bakhmut and a single-source repelled attack."""
    d1 = doc(FRONT, "Ukraine says it advanced near Bakhmut", "Example Wire", 12, "https://example.org/bakhmut")
    d2 = doc(SOLEDAR_TEXT, "Moscow says attacks near Soledar failed", "Sample Daily", 13)
    maliar = make_claim(
        d1, "Deputy Defence Minister Hanna Maliar", "Hanna Maliar", "ukraine", "said",
        "Ukrainian forces advanced two kilometres near Bakhmut",
        sentence="Deputy Defence Minister Hanna Maliar said Ukrainian forces advanced two kilometres near Bakhmut.",
        quantities=[("two kilometres", 2, 2, 2, "km", None, "exact")], places=[("Bakhmut", "Bakhmut", BAKHMUT)])
    mod = make_claim(
        d1, "The Russian Ministry of Defence", "Russian Ministry of Defence", "russia", "denied",
        "any breakthrough had happened near Bakhmut", stance="denies",
        sentence="The Russian Ministry of Defence denied that any breakthrough had happened near Bakhmut.")
    prig = make_claim(
        d1, "Wagner chief Yevgeny Prigozhin", "Yevgeny Prigozhin", "russia", "claimed",
        "Ukrainian troops had advanced 2.6 kilometres near Bakhmut",
        sentence="Wagner chief Yevgeny Prigozhin claimed that Ukrainian troops had advanced 2.6 kilometres near Bakhmut.",
        quantities=[("2.6 kilometres", 2.6, 2.6, 2.6, "km", None, "exact")])
    repel = make_claim(
        d2, "The Russian Ministry of Defence", "Russian Ministry of Defence", "russia", "said",
        "all attacks near Soledar were repelled",
        sentence="The Russian Ministry of Defence said that all attacks near Soledar were repelled.",
        places=[("Soledar", "Soledar", SOLEDAR)])
    isw = make_claim(
        d2, "Analysts at the Institute for the Study of War", "Institute for the Study of War", "third_party", "said",
        "Ukrainian units likely gained ground near Bakhmut",
        sentence="Analysts at the Institute for the Study of War said that Ukrainian units likely gained ground near Bakhmut.")
    r1 = relation(maliar, mod, "contradicts", "Russia denies the advance that Ukraine reports near Bakhmut", True)
    r2 = relation(maliar, prig, "corroborates", "Prigozhin also reports a Ukrainian advance of about 2 km", True)
    r3 = relation(prig, mod, "contradicts", "a Russian faction contradicts its own ministry", False)
    r4 = relation(maliar, isw, "corroborates", "an independent analyst reports Ukrainian gains near Bakhmut", True)
    advance_claims = [maliar.id, mod.id, prig.id, isw.id]
    advance = Event(
        id=Event.make_id(advance_claims), type="ADVANCE", title="Ukrainian advance near Bakhmut",
        places=[Place(span=maliar.places[0].span, name="Bakhmut", **BAKHMUT)],
        when=TimeRange(earliest=datetime(2023, 5, 11, tzinfo=UTC), latest=datetime(2023, 5, 12, tzinfo=UTC)),
        claim_ids=advance_claims, relation_ids=[r1.id, r2.id, r3.id, r4.id],
        assessment=Assessment(
            status="disputed",
            positions=[SidePosition(side="ukraine", speakers=["Hanna Maliar"], claim_ids=[maliar.id],
                                    summary="Ukraine says it advanced 2 km", stance="asserts"),
                       SidePosition(side="russia", speakers=["Russian Ministry of Defence", "Yevgeny Prigozhin"],
                                    claim_ids=[mod.id, prig.id], summary="The ministry denies; Wagner confirms",
                                    stance="mixed"),
                       SidePosition(side="third_party", speakers=["Institute for the Study of War"],
                                    claim_ids=[isw.id], stance="asserts")],
            spreads=[QuantitySpread(key="ADVANCE km", unit="km", by_side={"ukraine": (2, 2), "russia": (2.6, 2.6)})],
            notes=["a faction contradicts its own side"]))
    repelled = Event(
        id=Event.make_id([repel.id]), type="REPEL", title="Attacks repelled near Soledar",
        places=[Place(span=repel.places[0].span, name="Soledar", **SOLEDAR)],
        when=TimeRange(earliest=datetime(2023, 5, 12, 9, tzinfo=UTC), latest=datetime(2023, 5, 13, 18, tzinfo=UTC)),
        claim_ids=[repel.id], assessment=Assessment(status="single_source", positions=[
            SidePosition(side="russia", speakers=["Russian Ministry of Defence"], claim_ids=[repel.id])]))
    return [d1, d2], [maliar, mod, prig, repel, isw], [advance, repelled], [r1, r2, r3, r4]


def relation(a: Claim, b: Claim, kind: str, reason: str, cross: bool) -> Relation:
    """A relation between two claims with a reason."""
    return Relation(id=Relation.make_id(a.id, b.id, kind), a=a.id, b=b.id, kind=kind, reason=reason,
                    cross_side=cross, evidence=["polarity"] if kind == "contradicts" else ["quantity:overlap"])


PAYLOADS = [
    "<script>alert('x1')</script>",
    "<img src=x onerror=alert('x2')>",
    "\"><svg onload=alert('x3')>",
    "'><iframe src=javascript:alert('x4')></iframe>",
    "</mark><script>alert('x5')</script><mark>",
    "<a href=\"javascript:alert('x6')\">click</a>",
    "{{7*7}}<details open ontoggle=alert('x7')>",
]


def hostile() -> tuple[list[Document], list[Claim], list[Event], list[Relation]]:
    """A report whose every untrusted field carries a script payload, and an event built on it."""
    p = " ".join(PAYLOADS)
    speaker = f"Colonel {PAYLOADS[0]}"
    text = (f"Intro {p}.\n\n{speaker} said that the bridge {PAYLOADS[1]} was destroyed near Bakhmut. "
            f"{PAYLOADS[2]} Officials denied that the bridge {PAYLOADS[4]} was destroyed.")
    d = Document(id="doc-hostile", text=text, title=f"Title {PAYLOADS[0]}{PAYLOADS[3]}", outlet=f"Outlet {PAYLOADS[1]}",
                 url="javascript:alert('x8')", published=datetime(2023, 5, 14, tzinfo=UTC), meta={"x": PAYLOADS[6]})
    c1 = make_claim(d, speaker, f"{PAYLOADS[0]} {PAYLOADS[2]}", "ukraine", "said",
                    f"the bridge {PAYLOADS[1]} was destroyed near Bakhmut",
                    quantities=[(PAYLOADS[1], 1, 1, 1, None, PAYLOADS[5], "exact")],
                    places=[("Bakhmut", f"Bakhmut {PAYLOADS[5]}", BAKHMUT)])
    c2 = make_claim(d, PAYLOADS[2], f"Officials {PAYLOADS[3]}", "russia", "denied",
                    f"the bridge {PAYLOADS[4]} was destroyed", stance="denies")
    r = relation(c1, c2, "contradicts", f"reason {PAYLOADS[0]} {PAYLOADS[6]}", True)
    e = Event(id=Event.make_id([c1.id, c2.id]), type="STRIKE", title=f"Bridge {PAYLOADS[0]} {PAYLOADS[2]}",
              places=[Place(span=c1.places[0].span, name=f"Bakhmut {PAYLOADS[1]}", **BAKHMUT)],
              when=TimeRange(earliest=datetime(2023, 5, 14, tzinfo=UTC), latest=datetime(2023, 5, 14, tzinfo=UTC)),
              claim_ids=[c1.id, c2.id], relation_ids=[r.id],
              assessment=Assessment(status="disputed", notes=[PAYLOADS[3]], positions=[
                  SidePosition(side="ukraine", speakers=[c1.speaker.name], claim_ids=[c1.id], summary=PAYLOADS[5]),
                  SidePosition(side="russia", speakers=[c2.speaker.name], claim_ids=[c2.id], stance="denies")],
                  spreads=[QuantitySpread(key=f"bridges {PAYLOADS[0]}", unit=PAYLOADS[1],
                                          by_side={"ukraine": (1, 1), "russia": (0, 0)})]))
    return [d], [c1, c2], [e], [r]


TELEGRAM_TEXT = (
    "Встречные бои у Бахмута продолжаются. "
    "The ministry said that at most 100 soldiers were lost near Bakhmut. "
    "The ministry later said that at least 100 soldiers were lost near Bakhmut."
)


def extras() -> tuple[list[Document], list[Claim], list[Event], list[Relation]]:
    """A Telegram post (no title) whose side gives two figures, ≤ 100 and ≥ 100, that merge into no bounds."""
    post = Document(id="tg-channel-4100", text=TELEGRAM_TEXT, outlet="Frontline Channel (demo)",
                    url="tg://channel/1900000101/4100", published=datetime(2023, 5, 21, 20, 52, tzinfo=UTC),
                    source_kind="telegram", meta={"channel": "Frontline Channel (demo)", "message_id": 4100})
    low = make_claim(post, "The ministry", "Russian Ministry of Defence", "russia", "said",
                     "at most 100 soldiers were lost near Bakhmut",
                     quantities=[("at most 100 soldiers", 100, None, 100, None, "soldiers", "at_most")],
                     places=[("Bakhmut", "Bakhmut", BAKHMUT)])
    high = make_claim(post, "The ministry later", "Russian Ministry of Defence", "russia", "said",
                      "at least 100 soldiers were lost near Bakhmut",
                      quantities=[("at least 100 soldiers", 100, 100, None, None, "soldiers", "at_least")])
    cyrillic = make_claim(post, "Встречные", "Frontline Channel (demo)", "media", "продолжаются",
                          "бои у Бахмута")
    losses = Event(
        id=Event.make_id([low.id, high.id]), type="LOSSES", title="Russian losses near Bakhmut (20–22 May 2023)",
        places=[Place(span=low.places[0].span, name="Bakhmut", **BAKHMUT)],
        when=TimeRange(earliest=datetime(2023, 5, 20, 12, tzinfo=UTC), latest=datetime(2023, 5, 22, tzinfo=UTC)),
        claim_ids=[low.id, high.id],
        assessment=Assessment(status="single_source", positions=[
            SidePosition(side="russia", speakers=["Russian Ministry of Defence"], claim_ids=[low.id, high.id],
                         summary="Russian Ministry of Defence: Russian losses ≤100 soldiers near Bakhmut")],
            spreads=[QuantitySpread(key="LOSSES personnel", unit=None, by_side={"russia": (None, None)})]))
    return [post], [low, high, cyrillic], [losses], []


def fill(store: Store, *, with_hostile: bool = False, with_extras: bool = False) -> dict:
    """Put the story (and optionally the hostile report) into ``store``; return the objects by name."""
    docs, claims, events, relations = story()
    for wanted, more in ((with_hostile, hostile), (with_extras, extras)):
        if wanted:
            h = more()
            docs, claims, events, relations = docs + h[0], claims + h[1], events + h[2], relations + h[3]
    for d in docs:
        store.add_document(d)
        store.replace_claims(d.id, [c for c in claims if c.document_id == d.id])
    store.save_links(events, relations)
    return {"docs": docs, "claims": claims, "events": events, "relations": relations}


def build(url: str, *, with_hostile: bool = False, with_extras: bool = False) -> dict:
    """Open the store at ``url``, fill it, close it."""
    store = Store.open(url)
    try:
        return fill(store, with_hostile=with_hostile, with_extras=with_extras)
    finally:
        store.close()
