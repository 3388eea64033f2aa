"""Reading a claim as a question: which question it bears on, the answer it gives and its polarity.

Every sentence here is our own. ``read_text(text, speaker_side, denied)`` is the whole of what linking
knows about a claim's content, so each case says what a careful reader would: who is blamed, who
gains ground, what is counted, and whether the claim says so or says it is not so.
"""

from __future__ import annotations

import pytest

from counterclaim.link.reading import action, read, read_text


def reading(text: str, side: str = "unknown", denied: bool = False) -> tuple:
    r = read_text(text, side, denied)
    return r.frame, r.answer, r.polarity


# 1. Responsibility: who is blamed for a harm, found through each kind of agent cue ----------------------

@pytest.mark.parametrize("text, side, answer", [
    # a "by" (or "from") phrase names the agent
    ("the bridge was blown up by Russian sappers", "ukraine", "russia"),
    ("the shelling of the school was carried out by Ukrainian gunners", "russia", "ukraine"),
    ("the rockets that hit the hospital were fired from Russian positions", "ukraine", "russia"),
    # an accusation: the accused is the one said to have done it
    ("the Ukrainian military of striking the detention centre", "russia", "ukraine"),
    # words of responsibility
    ("Kyiv bears full responsibility for the destruction of the dam", "russia", "ukraine"),
    ("responsibility for the flooding rests with the Russian command", "ukraine", "russia"),
    ("everything points to Moscow as the one behind the blast at the dam", "third_party", "russia"),
    ("Ukraine is behind the attack on the prison", "russia", "ukraine"),
    # a side's adjective on the act
    ("the explosion at the prison was a Ukrainian provocation", "russia", "ukraine"),
    ("a Russian missile strike destroyed the school", "ukraine", "russia"),
    # the subject of the harmful verb
    ("Russian troops mined and detonated the dam", "ukraine", "russia"),
    # a weapon only one side fields
    ("HIMARS rockets hit the detention centre", "russia", "ukraine"),
    ("an Iskander struck the railway station", "ukraine", "russia"),
    # "they", said by a side, is the other side
    ("they shelled the hospital again overnight", "ukraine", "russia"),
    ("they shelled the hospital again overnight", "russia", "ukraine"),
    # a side that describes a deliberate attack without naming its author blames the other side
    ("the dam was deliberately blown up", "ukraine", "russia"),
])
def test_each_agent_cue_names_the_side_held_responsible(text, side, answer):
    assert reading(text, side) == ("responsibility", answer, True)


def test_responsibility_that_lies_with_a_side_blames_that_side():
    assert reading("responsibility for the flooding lies with the Russian command", "ukraine") == \
        ("responsibility", "russia", True)


@pytest.mark.parametrize("text, side, denied", [
    ("Russian forces struck the market", "russia", True),  # a side's denial of its own strike
    ("the hospital was shelled", "russia", True),  # a side that denies an unattributed strike denies its own
    ("Moscow had nothing to do with the blast at the prison", "russia", False),
    ("the accusations over the dam were absurd", "russia", False),
])
def test_a_side_denying_a_harm_denies_its_own_responsibility(text, side, denied):
    assert reading(text, side, denied) == ("responsibility", side, False)


def test_the_harmed_object_is_read_so_blame_for_different_harms_is_kept_apart():
    dam = read_text("Russian troops mined and detonated the dam", "ukraine")
    school = read_text("a Russian missile strike destroyed the school", "ukraine")
    assert (dam.object, school.object) == ("dam", "school")


# 2. Responsibility without a side: undetermined, or nobody's act ------------------------------------------

@pytest.mark.parametrize("text", [
    "it is too early to say who is responsible for the blast",
    "investigators could not yet establish what caused the explosion at the prison",
])
def test_who_cannot_yet_be_told_is_undetermined(text):
    assert reading(text, "third_party") == ("responsibility", "undetermined", True)


@pytest.mark.parametrize("text", ["the dam collapsed on its own due to wear",
                                  "the old structure gave way by itself"])
def test_a_collapse_on_its_own_blames_nobody(text):
    assert reading(text, "third_party") == ("responsibility", "none", True)


@pytest.mark.parametrize("text, side", [
    ("Kyiv had no interest in destroying the dam", "ukraine"),
    ("only Russia stands to gain from flooding the region", "ukraine"),
])
def test_a_motive_is_not_blame(text, side):
    assert read_text(text, side).frame == "other"


@pytest.mark.parametrize("text, side", [
    ("our artillery destroyed four enemy tanks", "ukraine"),
    ("Russian gunners destroyed two Ukrainian armoured vehicles", "russia"),
])
def test_destroyed_military_kit_is_not_a_harm_one_is_blamed_for(text, side):
    assert read_text(text, side).frame != "responsibility"


# 3. Ground: who gains it, and whether they do -------------------------------------------------------------

@pytest.mark.parametrize("text, side, answer, polarity, act", [
    # a gain: its subject (or its "by" agent) gains
    ("Ukrainian units advanced three kilometres south of the village", "ukraine", "ukraine", True, "advance"),
    ("our forces captured the village", "russia", "russia", True, "capture"),
    ("the village was taken by Russian troops", "ukraine", "russia", True, "capture"),
    # a loss: the other side gains
    ("Russian troops withdrew from the village", "ukraine", "ukraine", True, "withdrawal"),
    ("our units pushed the enemy back from the village", "ukraine", "ukraine", True, "advance"),
    # a hold: the other side has not gained
    ("our units hold the line near the village", "ukraine", "russia", False, "hold"),
    ("our soldiers are still holding the northern districts", "ukraine", "russia", False, "hold"),
    # a repel: the attacker has not gained, in the active and the passive voice
    ("our defenders repelled a Russian assault on the village", "ukraine", "russia", False, "repel"),
    ("attacks by Ukrainian units were repelled near the town", "russia", "ukraine", False, "repel"),
    # a failure: the one who tried has not gained
    ("the Ukrainian offensive failed near the village", "russia", "ukraine", False, "failure"),
    # a place falls to a side
    ("the town fell to Russian forces", "ukraine", "russia", True, "capture"),
    ("the town has fallen", "russia", "russia", True, "capture"),  # a side's own report of a fall is its own gain
    # a negated gain
    ("Russian troops have not taken the village", "ukraine", "russia", False, "capture"),
])
def test_ground_answers_who_gains(text, side, answer, polarity, act):
    r = read_text(text, side)
    assert (r.frame, r.answer, r.polarity, action(r)) == ("ground", answer, polarity, act)


def test_a_denied_fall_without_a_named_side_denies_the_other_sides_gain():
    assert reading("the town has fallen", "ukraine", denied=True) == ("ground", "russia", False)


def test_every_attack_repelled_is_universal_and_some_attacks_are_not():
    every = read_text("all enemy attacks were repelled", "russia")
    some = read_text("two enemy attacks were repelled", "russia")
    assert (every.answer, every.polarity, every.universal) == ("ukraine", False, True)
    assert (some.answer, some.polarity, some.universal) == ("ukraine", False, False)


@pytest.mark.parametrize("text", ["fighting is still going on in the town", "heavy fighting continues in the streets"])
def test_fighting_that_goes_on_is_ground_nobody_has_taken(text):
    r = read_text(text, "ukraine")
    assert (r.frame, r.answer, r.polarity, action(r)) == ("ground", None, True, "fighting")


def test_holding_part_of_a_town_is_a_hold():
    assert reading("Ukrainian troops still hold part of the town", "ukraine") == ("ground", "russia", False)


@pytest.mark.parametrize("text", ["at dawn the occupiers were pushed back out of the village",
                                  "the enemy was pushed out of the village",
                                  "Russian forces had been driven out of the village"])
def test_a_side_pushed_or_driven_out_loses_ground(text):
    assert reading(text, "ukraine") == ("ground", "ukraine", True)


# 4. Tolls -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, side, loser", [
    ("at least 40 people were killed in the flooding", "ukraine", None),
    ("about 2,000 residents were evacuated", "ukraine", None),
    ("the enemy lost 300 men", "ukraine", "russia"),
    ("the Russian side lost 400 Wagner fighters", "ukraine", "russia"),
])
def test_a_count_of_the_dead_or_moved_is_a_toll(text, side, loser):
    assert reading(text, side) == ("toll", loser, True)


def test_fighters_who_were_killed_are_a_toll_not_blame():
    assert reading("dozens of Wagner fighters were killed near the town", "ukraine") == ("toll", "russia", True)


# 5. Polarity: saying a thing is false, or declining to confirm it -----------------------------------------

@pytest.mark.parametrize("text, side", [
    ("reports that Russian troops shelled the hospital are fake", "russia"),
    ("the general staff did not confirm the capture of the village", "ukraine"),
    ("the general staff has not confirmed the capture of the village", "ukraine"),
    ("the claims of a breakthrough are pure propaganda", "russia"),
])
def test_falsity_and_declining_to_confirm_make_polarity_false(text, side):
    r = read_text(text, side)
    assert r.frame in ("responsibility", "ground") and r.polarity is False


def test_a_claim_with_a_denies_stance_is_read_with_polarity_false(claim):
    said = claim("Ukrainian units made a breakthrough near the town", "Kremlin spokesman", "russia", places=())
    denied = said.model_copy(update={"stance": "denies"})
    assert (read(said).answer, read(said).polarity) == ("ukraine", True)
    assert (read(denied).answer, read(denied).polarity) == ("ukraine", False)


def test_plain_wording_bears_on_no_typed_question():
    assert reading("the weather on the front has turned cold and wet", "ukraine") == ("other", None, True)
