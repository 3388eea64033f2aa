"""Linking beyond ground fighting around one city: blame disputes over struck infrastructure, tallies and
their denials, humanitarian figures that grow, control of villages, events over regions, rivers and plants
without coordinates, and relation caps in large events. All sentences are our own."""

from __future__ import annotations

from datetime import datetime

import pytest

from counterclaim.link import link, propositions
from counterclaim.link.context import place_key
from counterclaim.models import Place, Span, TimeRange


def one(c):
    [p] = propositions(c)
    return p


def kinds(result) -> list[str]:
    return sorted(r.kind for r in result.relations)


def said(c, when: str):
    start = datetime.fromisoformat(when)
    return c.model_copy(update={"said_at": TimeRange(earliest=start, latest=start.replace(hour=23))})


# 1. blame disputes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, side, actor, target", [
    ("Russian troops blew up the dam at Nova Kakhovka", "ukraine", "russia", "dam"),
    ("the occupiers destroyed the bridge over the river", "ukraine", "russia", "bridge"),
    ("Ukrainian artillery shelled the power plant", "russia", "ukraine", "plant"),
    ("the breach of the dam was an act of sabotage by Kyiv", "russia", "ukraine", "dam"),
    ("the explosion at the plant was a provocation", "russia", "ukraine", "plant"),
    ("a drone hit the hospital in the town centre", "ukraine", None, "hospital"),
    ("the port was mined by the enemy", "russia", "ukraine", "port"),
])
def test_a_struck_object_and_the_side_blamed_are_read(claim, text, side, actor, target):
    p = one(claim(text, "Speaker", side, places=()))
    assert (p.type, p.actor, p.target, p.polarity) == ("STRIKE", actor, target, True)


def test_each_side_blaming_the_other_for_one_dam_is_a_contradiction(claim):
    kyiv = claim("Russian forces blew up the Kakhovka dam", "Ukrainian General Staff", "ukraine", doc="d1",
                 places=("Kakhovka",))
    moscow = claim("Ukrainian shelling destroyed the Kakhovka dam, a deliberate act of sabotage",
                   "Kremlin spokesman", "russia", doc="d2", places=("Kakhovka",))
    result = link([kyiv, moscow])
    assert kinds(result) == ["contradicts"]
    [r] = result.relations
    assert {"incompatible", "answer:russia", "answer:ukraine"} <= set(r.evidence)
    assert r.cross_side and "Ukrainian General Staff" in r.reason and "Kremlin spokesman" in r.reason
    [event] = result.events
    assert event.assessment.status == "disputed"


def test_blaming_the_same_side_for_the_dam_corroborates(claim):
    kyiv = claim("Russian forces blew up the Kakhovka dam", "Ukrainian General Staff", "ukraine", doc="d1",
                 places=("Kakhovka",))
    analyst = claim("Russian troops most likely destroyed the Kakhovka dam", "Think tank", "third_party",
                    doc="d2", places=("Kakhovka",))
    assert kinds(link([kyiv, analyst])) == ["corroborates"]


def test_blame_for_different_objects_is_no_dispute(claim):
    dam = claim("Russian forces blew up the dam near Kherson", "Kyiv", "ukraine", doc="d1", places=("Kherson",))
    hospital = claim("Ukrainian artillery shelled the hospital in Kherson", "Moscow", "russia", doc="d2",
                     places=("Kherson",))
    assert kinds(link([dam, hospital])) == []


def test_ordinary_shelling_by_both_sides_is_no_blame_dispute(claim):
    a = claim("Russian artillery shelled Ukrainian positions near Kherson", "Kyiv", "ukraine", doc="d1",
              places=("Kherson",))
    b = claim("Ukrainian artillery shelled Russian positions near Kherson", "Moscow", "russia", doc="d2",
              places=("Kherson",))
    assert "contradicts" not in kinds(link([a, b]))


def test_a_side_denying_it_struck_the_plant_answers_the_accusation(claim):
    accused = claim("Russian missiles struck the power plant", "Kyiv", "ukraine", doc="d1", places=("Kherson",))
    denial = claim("it struck the power plant", "Moscow", "russia", doc="d2", places=("Kherson",),
                   stance="denies")
    assert kinds(link([accused, denial])) == ["contradicts"]


@pytest.mark.parametrize("text, stance", [("the accusations were absurd and groundless", "asserts"),
                                          ("Moscow had nothing to do with it", "asserts"),
                                          ("it was responsible", "denies")])
def test_rejecting_blame_denies_the_accused_strike(claim, text, stance):
    accused = claim("Russian forces blew up the Kakhovka dam", "Kyiv", "ukraine", doc="d1", places=("Kakhovka",))
    reply = claim(text, "Kremlin spokesman", "russia", doc="d2", places=("Kakhovka",), stance=stance)
    p = one(reply)
    assert (p.type, p.polarity, p.actor) == ("STRIKE", False, "russia")
    assert kinds(link([accused, reply])) == ["contradicts"]


# 2. claimed tallies vs denials ---------------------------------------------------------------------------

TALLY_UNREAD = pytest.mark.xfail(strict=True, reason=(
    "a tally of destroyed tanks is read 'other' (no toll word; destroyed kit is rightly no blame), while its "
    "dismissal is read as a toll with polarity False: the pair scores P(same) ~0.02, so the dismissal never "
    "meets the tally it answers"))


@TALLY_UNREAD
def test_a_tally_and_its_dismissal_contradict(claim):
    tally = claim("its forces destroyed 30 tanks including 8 Leopards", "Russian Ministry of Defence", "russia",
                  doc="d1", quantities=(("30 tanks", 30, None, "exact"),))
    fiction = claim("the figures were pure fiction", "Ukrainian official", "ukraine", doc="d2")
    assert kinds(link([tally, fiction])) == ["contradicts"]


@TALLY_UNREAD
def test_no_losses_of_a_kind_denies_the_tally(claim):
    tally = claim("Russian units destroyed 8 Leopard tanks", "Russian Ministry of Defence", "russia", doc="d1")
    denial = claim("not a single Leopard was lost", "Ukrainian General Staff", "ukraine", doc="d2")
    assert kinds(link([tally, denial])) == ["contradicts"]


@TALLY_UNREAD
def test_an_analyst_calling_a_figure_exaggerated_contradicts_it(claim):
    tally = claim("its forces destroyed 30 tanks", "Russian Ministry of Defence", "russia", doc="d1",
                  quantities=(("30 tanks", 30, None, "exact"),))
    analyst = claim("the Russian figures are likely exaggerated", "Think tank", "third_party", doc="d2")
    p = one(analyst)
    assert (p.type, p.polarity, p.target) == ("LOSSES", False, "ukraine")
    assert kinds(link([tally, analyst])) == ["contradicts"]


LOST_TANKS = "Ukrainian forces lost 30 tanks near Bakhmut"
FICTION = "the Russian figures for our losses near Bakhmut are pure fiction"


def test_a_counted_loss_and_its_dismissal_as_fiction_contradict(claim):
    tally = claim(LOST_TANKS, "Russian Ministry of Defence", "russia", doc="d1",
                  quantities=(("30 tanks", 30, None, "exact"),))
    fiction = claim(FICTION, "Ukrainian General Staff", "ukraine", doc="d2")
    result = link([tally, fiction])
    assert kinds(result) == ["contradicts"]
    assert "polarity" in result.relations[0].evidence and result.relations[0].cross_side


@pytest.mark.xfail(strict=True, reason="a cluster without a typed answer is stated by quoting its central member, "
                                       "here the denial; the reason then has the ministry 'say' the General Staff's "
                                       "words and the General Staff deny them")
def test_a_reason_never_puts_one_speakers_words_in_anothers_mouth(claim):
    tally = claim(LOST_TANKS, "Russian Ministry of Defence", "russia", doc="d1",
                  quantities=(("30 tanks", 30, None, "exact"),))
    fiction = claim(FICTION, "Ukrainian General Staff", "ukraine", doc="d2")
    [r] = link([tally, fiction]).relations
    assert f"Russian Ministry of Defence says “{FICTION}" not in r.reason
    assert "Ukrainian General Staff says it is not so" not in r.reason


@pytest.mark.parametrize("other, expected", [(("up to 12", 12, None, "at_most"), "contradicts"),
                                             (("at most 32", 32, None, "at_most"), "corroborates")])
def test_two_tallies_compare_as_intervals(claim, other, expected):
    a = claim("Russian forces lost about 30 tanks near Bakhmut", "Kyiv", "ukraine", doc="d1",
              quantities=(("about 30", 30, None, "approx"),))
    b = claim(f"Russian forces lost {other[0]} tanks near Bakhmut", "Analyst", "third_party", doc="d2",
              quantities=(other,))
    assert kinds(link([a, b])) == [expected]


# 3. humanitarian figures ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["Five people were killed in Kherson", "17,000 people had been evacuated",
                                  "about 600 square kilometres were underwater", "homes were left without power"])
def test_humanitarian_wording_is_civilian_harm(claim, text):
    assert one(claim(text, "Governor", "ukraine", places=())).type == "CIVILIAN_HARM"


def test_humanitarian_figures_are_keyed_by_what_happened(claim):
    c = claim("14 people were killed and 2,000 residents were evacuated after the flooding", "Governor",
              "ukraine", places=(), quantities=(("14", 14, None, "exact"), ("2,000", 2000, None, "exact")))
    [p] = propositions(c)
    assert p.type == "CIVILIAN_HARM"
    assert sorted(q.counted.split()[-1] for q in p.quantities) == ["evacuated", "killed"]
    people = c.model_copy(update={"quantities": [q.model_copy(update={"counted": "residents"}) for q in c.quantities]})
    assert {q.counted for q in one(people).quantities} == {"people evacuated", "people killed"}


def test_a_toll_that_grows_from_one_side_is_an_update(claim):
    early = said(claim("5 people were killed in the flooding", "Governor", "ukraine", doc="d1", when=None,
                       quantities=(("5", 5, None, "exact"),)), "2023-05-10")
    later = said(claim("14 people were killed in the flooding", "Regional governor", "ukraine", doc="d2",
                       when=None, quantities=(("14", 14, None, "exact"),)), "2023-05-12")
    result = link([early, later])
    assert kinds(result) == ["refines"]
    assert "quantity:update" in result.relations[0].evidence


def test_a_toll_that_shrinks_or_comes_from_the_other_side_contradicts(claim):
    early = said(claim("14 people were killed in the flooding", "Governor", "ukraine", doc="d1", when=None,
                       quantities=(("14", 14, None, "exact"),)), "2023-05-10")
    later = said(claim("5 people were killed in the flooding", "Occupation official", "russia", doc="d2",
                       when=None, quantities=(("5", 5, None, "exact"),)), "2023-05-12")
    assert kinds(link([early, later])) == ["contradicts"]


def test_different_humanitarian_figures_are_not_compared(claim):
    dead = claim("14 people were killed in the flooding", "Governor", "ukraine", doc="d1",
                 quantities=(("14", 14, None, "exact"),))
    evacuated = claim("2,000 people were evacuated from the flooding", "Moscow", "russia", doc="d2",
                      quantities=(("2,000", 2000, None, "exact"),))
    assert "contradicts" not in kinds(link([dead, evacuated]))


# 4. control and advances for villages --------------------------------------------------------------------

@pytest.mark.parametrize("text, side, kind, actor", [
    ("our units liberated Klishchiivka", "ukraine", "CAPTURE", "ukraine"),
    ("Ukrainian troops retook Andriivka", "ukraine", "CAPTURE", "ukraine"),
    ("the enemy was pushed out of Klishchiivka", "ukraine", "WITHDRAWAL", "russia"),
    ("Klishchiivka remains under our control", "russia", "CONTROL", "russia"),
    ("attacks on Klishchiivka were repelled", "russia", "REPEL", "russia"),
    ("Russian forces had been driven out of Neskuchne", "ukraine", "WITHDRAWAL", "russia"),
    ("our forces advanced up to 500 metres near Velyka Novosilka", "ukraine", "ADVANCE", "ukraine"),
])
def test_village_wording_is_typed(claim, text, side, kind, actor):
    p = one(claim(text, "Speaker", side, places=()))
    assert (p.type, p.actor, p.polarity) == (kind, actor, True)


@pytest.mark.parametrize("text", ["the Ukrainian counter-offensive had failed",
                                  "the Ukrainian advance stalled in the minefields"])
def test_a_failed_offensive_is_no_advance(claim, text):
    p = one(claim(text, "Speaker", "russia", places=()))
    assert (p.type, p.actor, p.polarity) == ("ADVANCE", "ukraine", False)


@pytest.mark.parametrize("reply", ["Klishchiivka remains under our control",
                                   "all attacks on Klishchiivka were repelled"])
def test_liberation_of_a_village_vs_holding_it_contradict(claim, reply):
    kyiv = claim("our units liberated Klishchiivka", "Ukrainian brigade", "ukraine", doc="d1",
                 places=("Klishchiivka",))
    moscow = claim(reply, "Russian Ministry of Defence", "russia", doc="d2", places=("Klishchiivka",))
    assert kinds(link([kyiv, moscow])) == ["contradicts"]


def test_a_gain_in_metres_vs_no_advance(claim):
    gain = claim("Ukrainian forces advanced 800 metres near Bakhmut", "Kyiv", "ukraine", doc="d1",
                 quantities=(("800 metres", 800, "m", "exact"),))
    none = claim("Ukrainian forces did not advance near Bakhmut", "Moscow", "russia", doc="d2")
    assert kinds(link([gain, none])) == ["contradicts"]


def test_metres_and_kilometres_are_one_measure(claim):
    a = claim("Ukrainian forces advanced 800 metres near Bakhmut", "Kyiv", "ukraine", doc="d1",
              quantities=(("800 metres", 800, "m", "exact"),))
    b = claim("Ukrainian forces advanced 5 km near Bakhmut", "Blogger", "russia", doc="d2",
              quantities=(("5 km", 5, "km", "exact"),))
    result = link([a, b])
    assert kinds(result) == ["contradicts"] and "quantity:disjoint" in result.relations[0].evidence


# 5. events without Bakhmut's coordinates -----------------------------------------------------------------

@pytest.mark.parametrize("a, b", [("the Kakhovka dam", "Kakhovka HPP"), ("Kherson region", "Kherson Oblast"),
                                  ("the Dnipro river", "Dnipro"), ("Zaporizhzhia nuclear power plant",
                                                                   "Zaporizhzhia NPP")])
def test_place_names_match_without_generic_words(a, b):
    def place(name):
        return Place(span=Span(text=name, start=0, end=len(name)), name=name)
    assert place_key(place(a)) == place_key(place(b))


def test_claims_about_an_unresolved_plant_meet_by_name(claim):
    a = claim("Russian forces blew up the Kakhovka dam", "Kyiv", "ukraine", doc="d1", when=None,
              places=("Kakhovka dam",))
    b = claim("the Kakhovka HPP was destroyed by Ukrainian sabotage", "Moscow", "russia", doc="d2", when=None,
              places=("Kakhovka HPP",))
    a, b = said(a, "2023-06-06"), said(b, "2023-06-07")  # only the days they were said
    events = link([a, b]).events
    assert any({a.id, b.id} <= set(e.claim_ids) for e in events)


def test_a_named_region_meets_a_town_with_coordinates_by_name(claim):
    town = claim("Russian shelling of the hospital in Kherson killed 3 civilians", "Kyiv", "ukraine", doc="d1",
                 places=("Kherson",))
    region = town.model_copy(update={"id": "clm-region", "document_id": "d2",
                                     "places": [Place(span=town.places[0].span, name="Kherson region")]})
    events = link([town, region]).events
    assert any({town.id, region.id} <= set(e.claim_ids) for e in events)


# 6. caps in large events ---------------------------------------------------------------------------------

def test_every_cross_side_contradiction_of_a_big_event_is_kept(claim):
    kyiv = [claim(f"our units liberated Klishchiivka ({k})", f"Ukrainian officer {k}", "ukraine", doc=f"u{k}",
                  places=("Klishchiivka",)) for k in range(6)]
    moscow = [claim(f"Klishchiivka remains under our control ({k})", f"Russian officer {k}", "russia",
                    doc=f"r{k}", places=("Klishchiivka",)) for k in range(6)]
    result = link(kyiv + moscow)
    contradictions = {frozenset((r.a, r.b)) for r in result.relations if r.kind == "contradicts"}
    assert contradictions == {frozenset((u.id, r.id)) for u in kyiv for r in moscow}
