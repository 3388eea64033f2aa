"""The outlet's own voice: factual statements about the war that no one else is said to make."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

WAR_REPORT = (
    "ZAPORIZHZHIA, Ukraine (Wire) — Shelling destroyed a bridge near the village of Example overnight, "
    "and two soldiers were killed in the strike.\n\n"
    "The regional governor said troops had repelled three attacks.\n\n"
    "Artillery fire continued along the front line on Tuesday, while drones struck fuel depots behind it.\n\n"
    "Will the offensive resume before the winter?\n\n"
    "The defence ministry did not respond to a request for comment."
)


def outlet_claims(claims):
    return [c for c in claims if c.cue is None and c.method.startswith("rules:outlet")]


def test_unattributed_facts_of_a_war_report_are_the_outlets_claims(extract):
    claims = extract(WAR_REPORT, outlet="Example Wire")
    found = outlet_claims(claims)
    assert any("destroyed a bridge" in c.content.text for c in found)
    assert any("Artillery fire continued" in c.content.text for c in found)
    assert all(c.speaker.name == "Example Wire" and c.speaker.side == "media" for c in found)


def test_the_dateline_is_no_part_of_the_outlets_claim(extract):
    claims = extract(WAR_REPORT, outlet="Example Wire")
    first = next(c for c in outlet_claims(claims) if "destroyed a bridge" in c.content.text)
    assert first.content.text.startswith("Shelling destroyed")


def test_questions_meta_remarks_and_attributed_sentences_are_not_outlet_claims(extract, one):
    claims = extract(WAR_REPORT, outlet="Example Wire")
    texts = [c.content.text for c in outlet_claims(claims)]
    assert not any("offensive resume" in t or "request for comment" in t or "repelled" in t for t in texts)
    one(claims, "governor", "repelled three attacks")


def test_a_political_article_makes_no_claims_in_its_own_voice(extract):
    text = ("The senator introduced a bill on Tuesday to fund rural hospitals. The committee will vote next week, "
            "and the measure has support from both parties. Lobbyists gathered outside the chamber.")
    assert outlet_claims(extract(text, outlet="Example Daily")) == []


def test_hedged_inferences_and_demands_are_not_outlet_claims(extract):
    text = ("Troops shelled the town on Monday, killing four people.\n\n"
            "The attacks likely aim to exhaust the defenders before a wider offensive.\n\n"
            "The army must withdraw its artillery from the town, the shelling having destroyed two schools.")
    texts = [c.content.text for c in outlet_claims(extract(text, outlet="Example Wire"))]
    assert any("killing four people" in t for t in texts)
    assert not any("likely aim" in t or "must withdraw" in t for t in texts)


def test_first_person_and_quoted_sentences_belong_to_a_speaker_not_the_outlet(extract):
    text = ('The commander described the battle. "We lost two tanks and our trenches were shelled all night. '
            'We held the line against the attack."\n\nTroops were killed near the river on Sunday.')
    texts = [c.content.text for c in outlet_claims(extract(text, outlet="Example Wire"))]
    assert not any("We lost" in t or "We held" in t for t in texts)


def test_sentences_after_according_to_carry_on_that_account(extract):
    text = ("According to the Example Brigade, the strike was planned to hide the theft of supplies. "
            "A convoy of trucks had left the depot a day before the explosion destroyed it. "
            "Soldiers guarding the depot were moved away on the same night.")
    claims = extract(text, outlet="Example Wire")
    carried = [c for c in claims if "convoy of trucks" in c.content.text]
    assert carried and carried[0].speaker.name != "Example Wire"
    assert "Brigade" in carried[0].speaker.name


def test_a_sentence_that_carries_on_an_outlet_statement_is_one_too(extract):
    text = ("Shelling destroyed the pumping station on Monday. Orchards along the river have dried out, and "
            "the canal will probably run empty.\n\nThe farmers' union held its annual meeting in the capital.")
    texts = [c.content.text for c in outlet_claims(extract(text, outlet="Example Wire"))]
    assert any("Orchards along the river" in t for t in texts)
    assert not any("annual meeting" in t for t in texts)


def test_captions_bylines_and_repeated_standfirsts_are_not_claims(extract):
    text = ("By Olena Example and John Sample\n\n"
            "KYIV (Wire) — Shelling killed four people in the city on Monday, officials said.\n\n"
            "Shelling killed four people in the city on Monday, officials said.\n\n"
            "Residents clear rubble after a missile strike in the city, June 7, 2023. REUTERS/Example Photographer")
    claims = extract(text, outlet="Example Wire")
    assert len([c for c in claims if "Shelling killed four people" in c.content.text]) == 1
    assert all(not c.content.text.startswith("KYIV") for c in claims)
    assert not [c for c in claims if "rubble" in c.content.text or "Olena" in c.content.text]


def test_an_apposition_is_no_claim(extract):
    claims = extract("Yevgeny Prigozhin, the head of the Wagner group, said his fighters had taken the town.")
    assert [c.content.text for c in claims] == ["his fighters had taken the town"]
