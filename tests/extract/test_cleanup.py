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


def test_a_report_inside_a_rejection_is_both_claims(extract):
    text = ("The governor said it is nonsense for Kremlin spokesman Dmitry Peskov to claim that the bridge "
            "was blown up by saboteurs.")
    claims = extract(text)
    peskov = [c for c in claims if c.speaker.name == "Dmitry Peskov"]
    assert peskov and peskov[0].stance == "asserts" and peskov[0].content.text.startswith("the bridge")
    governor = [c for c in claims if "governor" in (c.speaker.mention.text if c.speaker.mention else "")]
    assert governor and governor[0].stance == "denies" and governor[0].content.text.startswith("the bridge")


def test_a_relative_clause_report_is_its_own_claim(extract):
    text = "Kyiv blamed Moscow, saying it wanted to slow an offensive the Kremlin says has stalled."
    assert any(c.speaker.name == "Kremlin" and "has stalled" in c.content.text for c in extract(text))


def test_a_name_heading_a_description_is_the_speaker(extract):
    text = "The Russian president's press secretary Dmitry Peskov said the talks had ended."
    assert any(c.speaker.name == "Dmitry Peskov" for c in extract(text))


def test_it_is_reported_is_the_outlets_voice(extract):
    text = "It is reported that the strike on the depot was planned weeks in advance."
    claims = extract(text, outlet="Example Agency")
    assert claims and all(c.speaker.mention is None and c.speaker.name == "Example Agency" for c in claims)


def test_a_quotation_in_the_first_person_belongs_to_the_speaker_named_after_it(extract, one):
    text = ('"We have asked for access for months. We cannot enter a camp where we are not admitted," '
            "the Example Relief Committee noted.")
    c = one(extract(text), "committee", "asked for access")
    assert c.speaker.mention.text != "We"


def test_a_parenthetical_attribution_keeps_its_claim(extract, one):
    one(extract("The bridge, the mayor said, was hit twice during the night."), "mayor", "bridge")


def test_a_content_that_opens_with_its_own_speaker_is_no_claim(extract):
    text = "Acting Governor Petro Example said, dismissing reports by foreign media outlets."
    assert not [c for c in extract(text) if c.content.text.startswith("Acting Governor")]


def test_an_accusation_names_who_did_what(extract, one):
    c = one(extract("On Friday the separatist administration accused Kyiv of shelling the depot."), "separatist",
            "Kyiv of shelling the depot")
    assert c.speaker.side == "russia"


def test_a_while_clause_that_reports_no_speech_stays_in_the_content(extract, one):
    c = one(extract("According to the ministry, the strike killed 12 soldiers, while 30 more were wounded."),
            "ministry", "killed 12 soldiers")
    assert "30 more were wounded" in c.content.text


def test_a_while_clause_with_another_speaker_is_cut(extract, one):
    c = one(extract("Officials in Moscow said the dam had collapsed on its own, while Washington said it "
                    "did not know who was responsible."), "moscow", "collapsed on its own")
    assert "Washington" not in c.content.text
