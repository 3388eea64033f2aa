"""Grouping claims into events: places, times, blocking, and claims without place or time."""

from __future__ import annotations

from datetime import datetime, timedelta

from counterclaim.link import link
from counterclaim.models import Event

ADVANCED = "Ukrainian forces advanced near Bakhmut"


def test_nearby_places_on_overlapping_days_group(claim):
    a = claim(ADVANCED, "Ganna Malyar", "ukraine", doc="d1", when="2023-05-11")
    b = claim("Ukrainian forces advanced near Soledar", "Kyiv Post", "media", doc="d2", when="2023-05-12",
              places=("Soledar",))
    [event] = link([a, b]).events
    assert event.claim_ids == sorted([a.id, b.id]) and event.id == Event.make_id([a.id, b.id])


def test_distant_places_or_distant_days_do_not_group(claim):
    a = claim(ADVANCED, "A", "ukraine", doc="d1")
    far = claim("Ukrainian forces advanced near Kherson", "B", "ukraine", doc="d2", places=("Kherson",))
    later = claim(ADVANCED, "C", "ukraine", doc="d3", when="2023-06-20")
    assert len(link([a, far, later]).events) == 3


def test_a_claim_without_place_joins_its_documents_event(claim):
    placed = claim(ADVANCED, "Ganna Malyar", "ukraine", doc="d1")
    loose = claim("Every attack launched by Ukrainian army units was repelled.", "Russian MoD", "russia",
                  doc="d1", places=(), when=None)
    other_doc = claim("Every attack launched by Ukrainian army units was repelled.", "TASS", "russia",
                      doc="d2", places=(), when=None)
    events = link([placed, loose, other_doc]).events
    joined = [e for e in events if placed.id in e.claim_ids]
    assert len(joined) == 1 and loose.id in joined[0].claim_ids and other_doc.id not in joined[0].claim_ids


def test_daily_reports_from_one_place_do_not_chain_into_one_event(claim):
    start = datetime(2023, 1, 1)
    claims = [claim(ADVANCED, f"Speaker {k}", "ukraine", doc=f"d{k}",
                    when=(start + timedelta(days=k)).date().isoformat()) for k in range(60)]
    events = link(claims).events
    assert len(events) >= 10
    assert all((e.when.latest - e.when.earliest).days <= 5 for e in events)


def test_claims_typed_other_form_no_event(claim):
    assert link([claim("everything is going according to plan", "Kremlin", "russia")]).events == []
