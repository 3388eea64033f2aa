"""The offline map: events at one place share a marker; the fitted view holds every marker with context."""

from __future__ import annotations

import math

import serve_data
from hypothesis import given
from hypothesis import strategies as st

from counterclaim.models import Event, Place
from counterclaim.serve import mapview

_, _, EVENTS, _ = serve_data.story()


def event_at(i: int, lon: float, lat: float, name: str = "P") -> Event:
    place = Place(span=serve_data.span("x", "x"), name=name, lon=lon, lat=lat)
    return Event(id=f"evt-{i}", type="OTHER", title=f"E{i}", places=[place], claim_ids=[f"c{i}"])


def test_events_at_one_place_share_a_marker_with_the_most_contested_status():
    twice = EVENTS + [EVENTS[1].model_copy(update={"id": "evt-again"})]
    marks = mapview.markers(twice)
    assert [(m.place, len(m.events)) for m in marks] == [("Soledar", 2), ("Bakhmut", 1)]
    assert marks[0].status == "single_source" and marks[1].status == "disputed"
    assert marks[0].radius > marks[1].radius


@given(st.lists(st.tuples(st.floats(22, 40), st.floats(44.5, 52.5)), min_size=1, max_size=6))
def test_fitted_view_holds_every_marker_inside_the_base_map(points):
    marks = mapview.markers([event_at(i, lon, lat, f"P{i}") for i, (lon, lat) in enumerate(points)])
    view = mapview.fit(marks)
    assert all(view.contains(m.lon, m.lat) for m in marks)
    lon0, lat0, lon1, lat1 = view.box
    assert lon1 - lon0 >= mapview.MIN_SPAN - 1e-6
    assert mapview.LIMITS[0] <= lon0 and lon1 <= mapview.LIMITS[2] + 1e-6
    assert mapview.LIMITS[1] <= lat0 and lat1 <= mapview.LIMITS[3] + 1e-6


def test_no_located_events_shows_the_whole_region():
    assert mapview.fit([]).box == mapview.REGION


def test_reference_towns_keep_clear_of_markers_and_each_other():
    marks = mapview.markers(EVENTS)
    view = mapview.fit(marks)
    towns = mapview.towns(view, marks)
    assert towns and "Bakhmut" not in {t[0] for t in towns}
    places = [view.project(m.lon, m.lat) for m in marks]
    spots = [(x, y) for _, x, y in towns]
    assert all(math.dist(t, p) >= 60 for t in spots for p in places)
    assert all(math.dist(a, b) >= 60 for i, a in enumerate(spots) for b in spots[i + 1:])
