"""Places resolved offline: aliases, relative places, and the words that must not become places."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterclaim.extract.places import find_places


def names(text: str) -> list[str]:
    return [p.name for p in find_places(text)]


@pytest.mark.parametrize("text, expected", [
    ("Shelling hit Artemivsk overnight.", ["Bakhmut"]),
    ("Shelling hit Artyomovsk overnight.", ["Bakhmut"]),
    ("Missiles struck Kiev and Kharkov.", ["Kyiv", "Kharkiv"]),
    ("The plant is in Dnipropetrovsk.", ["Dnipro"]),
    ("Troops entered Severodonetsk.", ["Siverskodonetsk"]),
])
def test_alternate_and_former_names(gazetteer, text, expected):
    assert names(text) == expected


def test_bakhmut_resolves_with_coordinates_and_id(gazetteer):
    (place,) = find_places("Heavy fighting continued in Bakhmut.")
    assert (place.name, place.country, place.gazetteer_id) == ("Bakhmut", "UA", "geonames:713174")
    assert place.lat == pytest.approx(48.59, abs=0.05) and place.lon == pytest.approx(38.0, abs=0.05)


def test_alias_and_canonical_name_resolve_to_the_same_record(gazetteer):
    (a,) = find_places("They shelled Artemivsk.")
    (b,) = find_places("They shelled Bakhmut.")
    assert a.gazetteer_id == b.gazetteer_id and a.span.text == "Artemivsk"


@pytest.mark.parametrize("text, direction, anchor, span", [
    ("Positions to the southwest of Bakhmut fell.", "southwest", "Bakhmut", "southwest of Bakhmut"),
    ("They dug in north-west of the town of Kreminna.", "northwest", "Kreminna", "north-west of the town of Kreminna"),
    ("Units moved east of Soledar.", "east", "Soledar", "east of Soledar"),
])
def test_relative_place_keeps_direction_and_anchor(gazetteer, text, direction, anchor, span):
    (place,) = find_places(text)
    assert (place.direction, place.anchor, place.name, place.span.text) == (direction, anchor, anchor, span)
    assert place.lat is not None


def test_ambiguous_names_prefer_ukraine_and_russia(gazetteer):
    assert [p.country for p in find_places("Fighting near Pokrovsk and Odessa went on.")] == ["UA", "UA"]


def test_a_large_city_abroad_beats_a_village_alternate_name(gazetteer):
    assert [(p.name, p.country) for p in find_places("Talks in Paris failed.")] == [("Paris", "FR")]


def test_curated_places_regions_and_rivers(gazetteer):
    got = find_places("They crossed the Bakhmutovka River near Klishchiivka in the Donetsk region.")
    assert [p.name for p in got] == ["Bakhmutovka River", "Klishchiivka", "Donetsk Oblast"]
    assert got[0].lat is None and got[1].lat is not None


def test_unknown_river_keeps_its_name_without_coordinates(gazetteer):
    (place,) = find_places("They reached the Zhovtenka River at dawn.")
    assert (place.name, place.lat, place.lon) == ("Zhovtenka River", None, None)


@pytest.mark.parametrize("text", [
    "Deputy Defence Minister Ganna Malyar said so.",
    "The Kyiv Post reported it first.",
    "The New York Times said the same.",
    "Wagner fighters refused.",
    "Mobile phones were seized.",
    "Ukraine said it had advanced.",
    "Kyiv's forces advanced.",
    "Moscow's troops withdrew.",
    "Both sides fought hard. All the attacks failed.",
    "President Zelensky spoke to General Valery Gerasimov's staff.",
    "the kremlin denied it",
    "Moscow denied the report.",
    "Washington has said it will help.",
    "The UN said so and the BBC agreed.",
])
def test_not_places(gazetteer, text):
    assert find_places(text) == []


def test_country_is_a_place_only_after_a_locative_preposition(gazetteer):
    assert names("Fighting in Ukraine continued.") == ["Ukraine"]
    assert names("Ukraine denied it.") == []


def test_places_inside_a_window_only(gazetteer):
    text = "Soledar fell. Bakhmut held. Kramatorsk waited."
    got = find_places(text, 14, 27)
    assert [(p.name, p.span.start, p.span.end) for p in got] == [("Bakhmut", 14, 21)]


_WORDS = st.sampled_from(["Bakhmut", "Kiev", "Kyiv's", "south", "of", "the", "River", "Zhovtenka", "in", "Ukraine",
                          "Post", "Ganna", "Malyar", "near", "Donetsk", "region", " ", ",", "-", "’s"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=12).map(" ".join)))
def test_properties_spans_match_the_text(gazetteer, text):
    for place in find_places(text):
        assert text[place.span.start:place.span.end] == place.span.text
        assert place.name
        assert (place.direction is None) == (place.anchor is None)
