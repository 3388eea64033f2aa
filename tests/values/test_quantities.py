"""Quantities as intervals: each construction the extractor supports, and what it must leave alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterclaim.extract.quantities import find_quantities, parse_number

# sentence, expected (span text, value, low, high, unit, counted, bound) for the only quantity
CASES = [
    ("They sent more than 1,000 military personnel.", ("more than 1,000 military personnel", 1000, 1000, None, None,
                                                       "military personnel", "at_least")),
    ("The column had up to 40 tanks.", ("up to 40 tanks", 40, None, 40, None, "tanks", "at_most")),
    ("The shelling killed as many as 300 soldiers in the battalion.", ("as many as 300 soldiers", 300, None, 300,
                                                                       None, "soldiers", "at_most")),
    ("At least 12 drones were downed.", ("At least 12 drones", 12, 12, None, None, "drones", "at_least")),
    ("The brigade lost over 300 vehicles.", ("over 300 vehicles", 300, 300, None, None, "vehicles", "at_least")),
    ("Fewer than 30 people remain.", ("Fewer than 30 people", 30, None, 30, None, "people", "at_most")),
    ("They moved no more than 5 km.", ("no more than 5 km", 5, None, 5, "km", None, "at_most")),
    ("Almost 2,000 troops crossed.", ("Almost 2,000 troops", 2000, None, 2000, None, "troops", "at_most")),
    ("Nearly 90 shells fell.", ("Nearly 90 shells", 90, None, 90, None, "shells", "at_most")),
    ("About 300 civilians left.", ("About 300 civilians", 300, 270, 330, None, "civilians", "approx")),
    ("Around 80 drones were launched.", ("Around 80 drones", 80, 72, 88, None, "drones", "approx")),
    ("Roughly 15 villages were hit.", ("Roughly 15 villages", 15, 13.5, 16.5, None, "villages", "approx")),
    ("Some 500 metres separate them.", ("Some 500 metres", 500, 450, 550, "m", None, "approx")),
    ("An estimated 7,000 fighters died.", ("An estimated 7,000 fighters", 7000, 6300, 7700, None, "fighters",
                                           "approx")),
    ("Between 20 and 30 tanks burned.", ("Between 20 and 30 tanks", 25, 20, 30, None, "tanks", "range")),
    ("They saw 20-30 tanks.", ("20-30 tanks", 25, 20, 30, None, "tanks", "range")),
    ("The push went 20 to 30 km deep.", ("20 to 30 km", 25, 20, 30, "km", None, "range")),
    ("Between 1.5 and 2 million people fled.", ("Between 1.5 and 2 million people", 1_750_000, 1_500_000,
                                                 2_000_000, None, "people", "range")),
    ("Russia lost 2000 soldiers there.", ("2000 soldiers", 2000, 2000, 2000, None, "soldiers", "exact")),
    ("Moscow sent another 1900 troops.", ("1900 troops", 1900, 1900, 1900, None, "troops", "exact")),
    ("From 10 to 20 thousand troops massed.", ("From 10 to 20 thousand troops", 15_000, 10_000, 20_000, None,
                                               "troops", "range")),
    ("They advanced two kilometres on Monday.", ("two kilometres", 2, 2, 2, "km", None, "exact")),
    ("A dozen soldiers surrendered.", ("A dozen soldiers", 12, 12, 12, None, "soldiers", "exact")),
    ("Hundreds of shells landed.", ("Hundreds of shells", 200, 200, None, None, "shells", "at_least")),
    ("Dozens of drones attacked.", ("Dozens of drones", 24, 24, None, None, "drones", "at_least")),
    ("Tens of thousands of people fled.", ("Tens of thousands of people", 20000, 20000, None, None, "people",
                                           "at_least")),
    ("They gained 2.6 kilometers there.", ("2.6 kilometers", 2.6, 2.6, 2.6, "km", None, "exact")),
    ("They held a 3-kilometer front line.", ("3-kilometer front line", 3, 3, 3, "km", "front line", "exact")),
    ("The line is 95 kilometres long.", ("95 kilometres", 95, 95, 95, "km", None, "exact")),
    ("The road is 12 miles long.", ("12 miles", 12, 12, 12, "mi", None, "exact")),
    ("Losses rose 40 percent.", ("40 percent", 40, 40, 40, "%", None, "exact")),
    ("Losses rose 40 per cent.", ("40 per cent", 40, 40, 40, "%", None, "exact")),
    ("Turnout was 15%.", ("15%", 15, 15, 15, "%", None, "exact")),
    ("The target was 15km away.", ("15km", 15, 15, 15, "km", None, "exact")),
    ("Aid worth $2.5 billion arrived.", ("$2.5 billion", 2.5e9, 2.5e9, 2.5e9, "USD", None, "exact")),
    ("They pledged $40m more.", ("$40m", 4e7, 4e7, 4e7, "USD", None, "exact")),
    ("Some 1.5 million people fled.", ("Some 1.5 million people", 1.5e6, 1.35e6, 1.65e6, None, "people", "approx")),
    ("Twenty-five soldiers were captured.", ("Twenty-five soldiers", 25, 25, 25, None, "soldiers", "exact")),
    ("It cost two hundred and fifty men.", ("two hundred and fifty men", 250, 250, 250, None, "men", "exact")),
    ("They walked two and a half miles.", ("two and a half miles", 2.5, 2.5, 2.5, "mi", None, "exact")),
]


@pytest.mark.parametrize("sentence, expected", CASES, ids=[c[0] for c in CASES])
def test_construction(sentence, expected):
    (q,) = find_quantities(sentence)
    assert (q.span.text, q.value, q.low, q.high, q.unit, q.counted, q.bound) == pytest.approx(expected)


@pytest.mark.parametrize("sentence", [
    "Fighting resumed in 2022 around the town.",
    "Since 2014 fighters have held the town.",
    "The 2023 offensive stalled.",
    "On May 11 the attack began.",
    "The attack began on 11 May 2023.",
    "The strike came at 10:30 local time.",
    "Shelling started at 10 p.m. and stopped.",
    "The 3rd Assault Brigade attacked.",
    "Their column had T-72 tanks and BMP-2 infantry fighting vehicles in it.",
    "F-16s and Su-25s were seen.",
    "In the past 24 hours the enemy shelled the town.",
    "The fighting lasted three days.",
    "A 45-year-old man was wounded.",
    "Things were different in the 1990s.",
    "One of the soldiers said so.",
    "He may be right.",
])
def test_not_a_quantity(sentence):
    assert find_quantities(sentence) == []


def test_parenthetical_conversion_is_one_quantity():
    (q,) = find_quantities("The brigade moved forward two kilometres (around one mile) past the village.")
    assert (q.span.text, q.value, q.unit) == ("two kilometres", 2, "km")


def test_two_quantities_in_one_sentence():
    text = 'Kyiv had committed "more than 1,200 military personnel and up to 30 tanks" to the push.'
    got = [(q.value, q.bound, q.counted) for q in find_quantities(text)]
    assert got == [(1200, "at_least", "military personnel"), (30, "at_most", "tanks")]


def test_offsets_are_absolute_and_stay_inside_the_window():
    text = "First 10 tanks. Then 20 drones. Then 30 guns."
    got = find_quantities(text, 16, 31)
    assert [q.span.text for q in got] == ["20 drones"]
    assert text[got[0].span.start:got[0].span.end] == "20 drones"


@pytest.mark.parametrize("words, value", [("1,000", 1000), ("2.6", 2.6), ("twenty-five", 25),
                                          ("a dozen", 12), ("one hundred and two", 102), ("3 million", 3e6),
                                          ("two thousand five hundred", 2500), ("banana", None)])
def test_parse_number(words, value):
    assert parse_number(words) == value


_WORDS = st.sampled_from(["more than", "up to", "about", "between", "and", "to", "-", "1,000", "2.6", "two",
                          "dozen", "hundreds of", "km", "miles", "%", "soldiers", "tanks", "(", ")", "May", "11",
                          "2023", "T-64", "3rd", "$", "m", " ", ",", "."])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=14).map(" ".join)))
def test_properties_spans_match_and_intervals_are_ordered(text):
    for q in find_quantities(text):
        assert text[q.span.start:q.span.end] == q.span.text
        assert q.span.text.strip() == q.span.text and q.span.text
        if q.low is not None and q.high is not None:
            assert q.low <= q.value <= q.high


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.integers(0, 70), st.integers(0, 70))
def test_window_offsets_stay_inside(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for q in find_quantities(text, start, end):
        assert start <= q.span.start < q.span.end <= end


@pytest.mark.parametrize("sentence, expected", [
    ("One building was damaged and 50 people were killed.", [(1, "exact"), (50, "exact")]),
    ("No one was hurt, and one of the guards fled.", []),
    ("Less than two dozen made it home.", [(24, "at_most")]),
    ("Water levels exceeded 12 metres on Tuesday.", [(12, "at_least")]),
    ("The town is 10 km (six miles) south of the river.", []),
    ("Troops entered the village (9km east of the city).", []),
    ("Troops advanced 2 km east of the town.", [(2, "exact")]),
    ("Shelling hit the depot on Monday.[3] Fires burned.", []),
    ("Seven hundred and forty-two people were evacuated.", [(742, "exact")]),
])
def test_quantities_of_real_reporting(sentence, expected):
    assert [(q.value, q.bound) for q in find_quantities(sentence)] == expected


@pytest.mark.parametrize("sentence, per", [
    ("The army fires up to 20,000 shells a day.", "day"),
    ("About 40 drones per night hit the city.", "night"),
    ("They advanced 2 km daily.", "day"),
    ("They advanced 2 km on Monday.", None),
])
def test_rates_keep_their_period(sentence, per):
    [q] = find_quantities(sentence)
    assert q.per == per


def test_a_partitive_counts_its_plural_and_nothing_else():
    """"20,000 of his fighters" counts fighters; "a population of about 70,000" counts nothing known, so the two
    are never compared as counts of one thing."""
    [fighters] = find_quantities("more than 20,000 of his fighters had been killed")
    assert (fighters.counted, fighters.bound, fighters.span.text) == ("fighters", "at_least", "more than 20,000 of his fighters")
    [town] = find_quantities("about 70,000 of the town fled")
    assert town.counted is None
