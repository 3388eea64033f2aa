"""What is not an attribution, and speakers the tagger placed on the wrong words."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_negated_speech_is_no_claim(extract):
    claims = extract("Moscow has not confirmed the loss of the bridgehead near the river.")
    assert not [c for c in claims if "bridgehead" in c.content.text and c.cue is not None]


def test_an_inability_stated_by_the_speaker_is_a_claim(extract, by):
    claims = extract("The Example Institute cannot independently assess who fired the rockets at the depot.")
    assert by(claims, "institute")


def test_refusing_to_say_whether_keeps_the_question(extract):
    claims = extract("The spokesman would not say whether the convoy had reached the city.")
    assert any("convoy" in c.content.text for c in claims)


def test_withheld_accusation_is_no_claim(extract):
    claims = extract("Despite the findings, the commission stopped short of accusing the army in public.")
    assert not [c for c in claims if c.cue is not None and "accus" in c.cue.text]


def test_reciprocal_accusations_say_nothing_specific(extract):
    claims = extract("Moscow and Kyiv accused each other of shelling the plant.")
    assert not [c for c in claims if c.content.text.startswith("each other")]


def test_quoted_as_saying_gives_the_quote_to_the_person(extract, one):
    text = ('Oleh Example, the deputy mayor, spoke on Monday. "The bridge held until dawn and then it fell," '
            "a local radio station quoted him as saying.")
    c = one(extract(text), "", "bridge held until dawn")
    assert c.speaker.mention.text == "him" and c.speaker.name == "Oleh Example"


def test_things_do_not_speak_inside_a_quotation(extract, one):
    text = ('Quote from the Example Directorate: "The blast was set on purpose. According to the available '
            'information, it was carried out by a private company. Its commanders gave the order."')
    claims = extract(text)
    assert not [c for c in claims if "information" in c.speaker.name.lower()]
    one(claims, "directorate", "carried out by a private company")


def test_footage_that_indicates_is_the_outlets_reading(extract, one):
    text = "Geolocated footage published on Monday indicates that troops reached the centre of the village."
    c = one(extract(text, outlet="Example Monitor"), "example monitor", "reached the centre")
    assert c.speaker.mention is None


def test_a_law_makes_no_claim(extract):
    claims = extract("The Hague Conventions forbid attacks on undefended towns because civilians live there.")
    assert not [c for c in claims if c.speaker.mention is not None and "Convention" in c.speaker.mention.text]


def test_the_cue_verbs_own_subject_is_the_speaker(extract, one):
    text = ("Two officials said troops were stationed at the dam, where the engineers said the blast was centred.")
    c = one(extract(text), "engineers", "blast was centred")
    assert c.speaker.mention.text == "the engineers"


def test_a_cue_from_another_sentence_is_not_borrowed(extract):
    text = ("The defence ministry said its forces repelled two attacks. "
            "The village lies on a road that leads south to the coast.")
    claims = extract(text)
    assert not [c for c in claims if "road that leads south" in c.content.text and c.cue is not None]


def test_a_pointer_to_an_earlier_claim_is_not_a_content(extract):
    claims = extract("Advances across the fields confirm this assessment, the analysts wrote.")
    assert not [c for c in claims if c.content.text.strip() == "this assessment"]


def test_a_possessive_content_takes_the_noun_it_owns(extract):
    claims = extract("A week after Kyiv announced its recapture of the village, Moscow admitted the loss.")
    assert not [c for c in claims if c.content.text.strip() == "its"]
