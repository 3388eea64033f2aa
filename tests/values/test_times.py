"""Time expressions resolved against a fixed publication time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterclaim.extract.times import event_time, find_times, speech_time

FRIDAY = datetime(2023, 5, 12, 9, 30)  # a Friday


def one(text: str, anchor: datetime | None = FRIDAY):
    (t,) = find_times(text, 0, len(text), anchor)
    return t


@pytest.mark.parametrize("text, span, earliest, latest, granularity", [
    ("It came late on Thursday evening.", "late on Thursday evening", "2023-05-11 18:00:00", "2023-05-11 23:59:59",
     "part_of_day"),
    ("It happened on Wednesday.", "Wednesday", "2023-05-10 00:00:00", "2023-05-10 23:59:59", "day"),
    ("It happened yesterday.", "yesterday", "2023-05-11 00:00:00", "2023-05-11 23:59:59", "day"),
    ("Drones attacked overnight.", "overnight", "2023-05-11 18:00:00", "2023-05-12 05:59:59", "part_of_day"),
    ("Drones attacked last night.", "last night", "2023-05-11 18:00:00", "2023-05-12 05:59:59", "part_of_day"),
    ("Shelling began this morning.", "this morning", "2023-05-12 06:00:00", "2023-05-12 11:59:59", "part_of_day"),
    ("We held the line this week.", "this week", "2023-05-08 00:00:00", "2023-05-14 23:59:59", "week"),
    ("Losses rose last month.", "last month", "2023-04-01 00:00:00", "2023-04-30 23:59:59", "month"),
    ("The attack began on May 11.", "May 11", "2023-05-11 00:00:00", "2023-05-11 23:59:59", "day"),
    ("The attack began on 11 May 2023.", "11 May 2023", "2023-05-11 00:00:00", "2023-05-11 23:59:59", "day"),
    ("The attack began on May 11, 2022.", "May 11, 2022", "2022-05-11 00:00:00", "2022-05-11 23:59:59", "day"),
    ("The town fell in 2022.", "2022", "2022-01-01 00:00:00", "2022-12-31 23:59:59", "year"),
    ("It fell earlier this year.", "earlier this year", "2023-01-01 00:00:00", "2023-05-12 23:59:59", "year"),
    ("It fell last year.", "last year", "2022-01-01 00:00:00", "2022-12-31 23:59:59", "year"),
    ("It fell in March.", "March", "2023-03-01 00:00:00", "2023-03-31 23:59:59", "month"),
    ("It fell two days ago.", "two days ago", "2023-05-10 00:00:00", "2023-05-10 23:59:59", "day"),
    ("It was struck at 10 p.m. on Tuesday.", "10 p.m. on Tuesday", "2023-05-09 22:00:00", "2023-05-09 22:00:59",
     "instant"),
    ("It was struck on Sunday night.", "Sunday night", "2023-05-07 18:00:00", "2023-05-08 05:59:59", "part_of_day"),
    ("It fell the day before yesterday.", "the day before yesterday", "2023-05-10 00:00:00", "2023-05-10 23:59:59",
     "day"),
    ("Talks resume next Monday.", "next Monday", "2023-05-15 00:00:00", "2023-05-15 23:59:59", "day"),
    ("It was struck in the summer of 2022.", "the summer of 2022", "2022-06-01 00:00:00", "2022-08-31 23:59:59",
     "month"),
    ("More than 50 died on the night of July 28, 2022.", "July 28, 2022", "2022-07-28 00:00:00",
     "2022-07-28 23:59:59", "day"),
    ("It was shelled on the night of 10-11 May.", "10-11 May", "2023-05-10 00:00:00", "2023-05-10 23:59:59", "day"),
])
def test_expression(text, span, earliest, latest, granularity):
    t = one(text)
    assert (t.span.text, str(t.earliest), str(t.latest), t.granularity) == (span, earliest, latest, granularity)


@pytest.mark.parametrize("anchor, expected", [
    (datetime(2023, 5, 12), "2023-05-11"),  # Friday paper: Thursday is the day before
    (datetime(2023, 5, 11), "2023-05-11"),  # Thursday paper: that very day
    (datetime(2023, 5, 10), "2023-05-04"),  # Wednesday paper: last week's Thursday
    (datetime(2023, 5, 14, 23, 59), "2023-05-11"),  # Sunday paper
])
def test_weekday_is_the_most_recent_on_or_before_the_anchor(anchor, expected):
    assert one("They attacked on Thursday.", anchor).earliest.date().isoformat() == expected


def test_aware_anchor_keeps_its_time_zone():
    kyiv = timezone(timedelta(hours=3))
    t = one("It came late on Thursday evening.", datetime(2023, 5, 12, 8, 0, tzinfo=kyiv))
    assert t.earliest == datetime(2023, 5, 11, 18, 0, tzinfo=kyiv)


def test_without_anchor_only_expressions_with_a_year_resolve():
    text = "Yesterday, on Thursday, as in May 2022 and on 11 May 2023."
    got = [t.span.text for t in find_times(text, 0, len(text), None)]
    assert got == ["May 2022", "11 May 2023"]


@pytest.mark.parametrize("text", ["He may go.", "The 2,000 soldiers left.", "Then 31 February 2023 came.",
                                  "They fought for three days.", "Russia sent another 2000 troops."])
def test_not_times(text):
    assert find_times(text, 0, len(text), FRIDAY) == []


def test_event_time_skips_the_time_of_the_speech():
    text = "Russia said on Friday that the enemy yesterday carried out attacks."
    assert event_time(text, 0, len(text), FRIDAY).span.text == "yesterday"


def test_event_time_falls_back_to_the_time_of_the_speech():
    text = "Kyiv announced on Friday that its troops had retaken ground."
    assert event_time(text, 0, len(text), FRIDAY).span.text == "Friday"


def test_event_time_is_none_without_a_time():
    text = "The situation is under control now."
    assert event_time(text, 0, len(text), FRIDAY) is None


def test_window_offsets_are_absolute():
    text = "On Monday A. Then on Wednesday B."
    (t,) = find_times(text, 13, len(text), FRIDAY)
    assert (t.span.text, t.span.start) == ("Wednesday", text.index("Wednesday"))


_WORDS = st.sampled_from(["late", "early", "on", "Thursday", "evening", "night", "yesterday", "this", "last", "week",
                          "month", "year", "earlier", "May", "11", "31", "2023", "in", "at", "10", "p.m.", ":", "30",
                          "ago", "two", "days", "summer", "of", " ", ","])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=12).map(" ".join)),
       st.sampled_from([None, FRIDAY, datetime(2024, 2, 29, 23, 59)]))
def test_properties(text, anchor):
    for t in find_times(text, 0, len(text), anchor):
        assert text[t.span.start:t.span.end] == t.span.text
        assert t.earliest <= t.latest
    event_time(text, 0, len(text), anchor)


def test_speech_time_is_the_time_attached_to_the_speech():
    text = "In a post on Telegram late on Thursday evening, the ministry wrote that the enemy attacked yesterday."
    assert speech_time(text, 0, len(text), FRIDAY).span.text == "late on Thursday evening"
    plain = "The enemy attacked yesterday."
    assert speech_time(plain, 0, len(plain), FRIDAY) is None
