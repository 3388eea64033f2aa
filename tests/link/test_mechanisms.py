"""Cross-document linking: time windows, context places, loser and collapse roles, capture and control
wording, people counted under different words, and how a refinement is exported."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from counterclaim.export.prediction import prediction_json
from counterclaim.link import link, propositions
from counterclaim.link.gold import load_gold
from counterclaim.link.numbers import quantity_key
from counterclaim.models import Document, Quantity, Span, TimeRange


def day(value: str) -> TimeRange:
    start = datetime.fromisoformat(value)
    return TimeRange(earliest=start, latest=start.replace(hour=23, minute=59), granularity="day")


def said(c, when: str):
    """The claim as said on ``when`` (an undated claim is about the days before that)."""
    return c.model_copy(update={"said_at": day(when)})


def kinds(result):
    return sorted(r.kind for r in result.relations)


def test_an_undated_report_joins_the_dated_event_it_can_be_about(claim):
    dated = claim("Russian forces withdrew from positions near Bakhmut", "Kyiv command", "ukraine",
                  doc="d1", when="2023-05-10")
    later = said(claim("the army repelled every attack of the Ukrainian units near Bakhmut", "Moscow TV",
                       "russia", doc="d2", when=None), "2023-05-15")
    [event] = link([dated, later]).events
    assert set(event.claim_ids) == {dated.id, later.id}
    assert kinds(link([dated, later])) == ["contradicts"]


def test_an_undated_report_said_long_after_does_not_join(claim):
    dated = claim("Russian forces withdrew from positions near Bakhmut", "Kyiv command", "ukraine",
                  doc="d1", when="2023-05-10")
    much_later = said(claim("the army repelled every attack of the Ukrainian units near Bakhmut", "Moscow TV",
                            "russia", doc="d2", when=None), "2023-06-10")
    assert len(link([dated, much_later]).events) == 2


def test_a_placeless_claim_is_where_its_document_is(claim):
    here = claim("Ukrainian units advanced 3 km near Soledar", "Brigade press office", "ukraine", doc="d1",
                 places=("Soledar",))
    elsewhere = claim("the Ukrainian offensive was a failure and Ukrainian forces did not advance at all",
                      "Moscow TV", "russia", doc="d2", places=())
    context = claim("Kyiv's troops are shelling Soledar", "Moscow TV", "russia", doc="d2", places=("Soledar",))
    result = link([here, elsewhere, context])
    assert any({here.id, elsewhere.id} <= set(e.claim_ids) for e in result.events)


def test_the_side_that_loses_is_the_target_of_losses(claim):
    cases = {
        "dozens of Russian conscripts were killed in the shelling": "russia",
        "its units had destroyed three Ukrainian armoured vehicles": "ukraine",
        "the enemy suffered heavy losses": "ukraine",
        "the night ended with heavy losses for the enemy": "ukraine",
        "more than 300 of his men had been killed": "russia",
        "Ukrainian forces destroyed two Russian tanks": "russia",
    }
    for text, loser in cases.items():
        [p] = [p for p in propositions(claim(text, "Moscow TV", "russia", places=())) if p.type == "LOSSES"] or [None]
        assert p is not None and (p.target, p.actor) == (loser, {"russia": "ukraine", "ukraine": "russia"}[loser]), text


def test_a_line_that_collapses_is_broken_through_by_the_other_side(claim):
    [p] = propositions(claim("the Ukrainian defences west of the town are crumbling", "Moscow TV", "russia"))
    assert (p.type, p.actor, p.target) == ("BREAKTHROUGH", "russia", "ukraine")


def test_passive_and_perfect_captures_are_captures(claim):
    for text in ("the village was finally taken this morning", "our units have taken the whole town",
                 "the liberation of the settlement is complete", "the town has fallen"):
        [p] = propositions(claim(text, "Moscow TV", "russia"))
        assert (p.type, p.actor) == ("CAPTURE", "russia"), text
    [p] = propositions(claim("he had taken part in the talks", "Moscow TV", "russia"))
    assert p.type == "OTHER"


def test_a_denied_capture_without_a_named_side_is_the_other_sides(claim):
    [p] = propositions(claim("the town has fallen", "Kyiv command", "ukraine", stance="denies"))
    assert (p.type, p.polarity, p.actor) == ("CAPTURE", False, "russia")


def test_holding_a_place_contradicts_its_capture_and_a_hold_elsewhere_does_not(claim):
    held = claim("our troops still hold their positions in Bakhmut", "Kyiv command", "ukraine", doc="d1")
    taken = claim("Bakhmut was completely taken", "Moscow TV", "russia", doc="d2")
    result = link([held, taken])
    assert kinds(result) == ["contradicts"] and result.relations[0].cross_side
    assert result.events[0].assessment.status == "disputed"
    far = claim("our troops still hold their positions near Kherson", "Kyiv command", "ukraine", doc="d3",
                places=("Kherson",))
    assert kinds(link([far, taken])) == []


def test_fighting_still_going_on_in_a_place_contradicts_its_capture(claim):
    fighting = claim("fighting is still going on in Bakhmut", "Kyiv command", "ukraine", doc="d1")
    taken = claim("Bakhmut was completely taken", "Moscow TV", "russia", doc="d2")
    result = link([fighting, taken])
    assert kinds(result) == ["contradicts"]
    assert result.events[0].assessment.status == "disputed"

def test_attacks_that_were_stopped_are_repelled(claim):
    [p] = propositions(claim("Ukrainian assaults on the village were stopped by our artillery", "Moscow TV",
                             "russia"))
    assert (p.type, p.actor, p.target) == ("REPEL", "russia", "ukraine")


def test_men_fighters_and_servicemen_are_counted_alike():
    def q(counted):
        return Quantity(span=Span(text="1", start=0, end=1), value=1, counted=counted)
    assert quantity_key(q("men")) == quantity_key(q("fighters")) == quantity_key(q("servicemen"))
    assert quantity_key(q("tanks")) != quantity_key(q("men"))


def wagner_losses(claim, few_text: str, many_text: str, docs=("d1", "d2"), **where):
    """Moscow's "no more than 80" against Kyiv's "at least 400", counted as men and as fighters."""
    few = claim(few_text, "Moscow TV", "russia", doc=docs[0], quantities=(("80", 80, None, "at_most"),), **where)
    many = claim(many_text, "Kyiv command", "ukraine", doc=docs[1], quantities=(("400", 400, None, "at_least"),),
                 **where)
    few = few.model_copy(update={"quantities": [few.quantities[0].model_copy(update={"counted": "men"})]})
    many = many.model_copy(update={"quantities": [many.quantities[0].model_copy(update={"counted": "fighters"})]})
    return few, many


def test_loss_figures_in_different_words_contradict_when_far_apart(claim):
    few, many = wagner_losses(claim, "Wagner lost no more than 80 men near Bakhmut",
                              "Wagner lost at least 400 fighters near Bakhmut")
    r = link([few, many]).relations
    assert [x.kind for x in r] == ["contradicts"] and "quantity:disjoint" in r[0].evidence


@pytest.mark.xfail(strict=True, reason="two placeless tolls of Wagner's losses in one report score P(same) ~0.08 "
                                       "(the no_place feature weighs heavily), and 'fighters were killed' is read as "
                                       "blame, not a toll (see test_reading), so the clash of figures is never found")
def test_loss_figures_without_a_place_contradict_when_far_apart(claim):
    """One report quotes both sides' figures and names no place."""
    few, many = wagner_losses(claim, "Wagner lost no more than 80 men", "at least 400 Wagner fighters were killed",
                              docs=("d1", "d1"), places=())
    r = link([few, many]).relations
    assert [x.kind for x in r] == ["contradicts"] and "quantity:disjoint" in r[0].evidence

def test_a_refinement_is_exported_as_corroboration(claim, document):
    a = claim("Ukrainian forces advanced about 2 km near Bakhmut", "A", "ukraine", doc="d1",
              quantities=(("2 km", 2, "km", "approx"),))
    b = claim("Ukrainian forces advanced up to 2.6 km near Bakhmut", "B", "ukraine", doc="d2",
              quantities=(("2.6 km", 2.6, "km", "at_most"),))
    result = link([a, b])
    assert [r.kind for r in result.relations] == ["refines"]
    docs = [(document("d1", a.content.text), [a]), (document("d2", b.content.text), [b])]
    [out] = prediction_json(docs, result.relations)["relations"]
    assert (out["kind"], out["linked_kind"], out["evidence"][0]) == ("corroborates", "refines", "refines")


def test_gold_loads_from_a_separate_articles_folder_with_jsonl(tmp_path):
    text = "The ministry said its forces had repelled all attacks near Bakhmut."
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles" / "all.jsonl").write_text(json.dumps(
        {"id": "g1", "text": text, "published": "2023-05-12T10:00:00+00:00"}) + "\n", encoding="utf-8")
    (tmp_path / "gold" / "g1.json").write_text(json.dumps({"id": "g1", "claims": [
        {"speaker": "The ministry", "speaker_side": "russia", "cue": "said",
         "content": "its forces had repelled all attacks near Bakhmut", "places": ["Bakhmut"]}]}), encoding="utf-8")
    [(doc, [c])] = load_gold(tmp_path / "gold", tmp_path / "articles")
    assert isinstance(doc, Document) and doc.id == "g1" and c.content.text.startswith("its forces")
    assert c.places[0].lat is not None


def test_a_placeless_claim_is_where_its_headline_is(claim):
    here = claim("Ukrainian units advanced 3 km near Soledar", "Brigade press office", "ukraine", doc="d1",
                 places=("Soledar",))
    elsewhere = claim("Ukrainian forces did not advance at all", "Moscow TV", "russia", doc="d2", places=())
    headline = Document(id="d2", text=elsewhere.content.text, title="Moscow says Kyiv's push on Soledar failed",
                        published=datetime(2023, 5, 12))
    result = link([here, elsewhere], {"d2": headline})
    assert any({here.id, elsewhere.id} <= set(e.claim_ids) for e in result.events)
    assert len(link([here, elsewhere]).events) == 2  # without the headline, nothing says where d2 is


def test_an_undated_report_joins_the_event_nearest_to_when_it_was_said(claim):
    early = claim("Russian forces captured Bakhmut", "Moscow TV", "russia", doc="d1", when="2023-05-08")
    late = claim("Russian forces captured Bakhmut", "Moscow TV", "russia", doc="d2", when="2023-05-20")
    undated = said(claim("Ukrainian troops still hold their positions in Bakhmut", "Kyiv command", "ukraine",
                         doc="d3", when=None), "2023-05-21")
    [event] = [e for e in link([early, late, undated]).events if undated.id in e.claim_ids]
    assert late.id in event.claim_ids and early.id not in event.claim_ids


def test_a_gain_by_an_unknown_side_does_not_corroborate_an_advance(claim):
    taken = claim("the village was taken", "a blogger", "unknown")
    advanced = claim("Ukrainian forces advanced near Bakhmut", "Kyiv command", "ukraine")
    assert link([taken, advanced]).relations == []


def test_losses_without_a_loser_relate_to_nothing(claim):
    ruined = claim("the town has been destroyed", "the mayor", "unknown")
    counted = claim("Russian forces lost 200 men near Bakhmut", "Kyiv command", "ukraine",
                    quantities=(("200", 200, None, "exact"),))
    assert link([ruined, counted]).relations == []


def test_an_approximate_number_is_an_interval_not_anything(claim):
    about = claim("Ukrainian forces advanced about 2 km near Bakhmut", "A", "ukraine", doc="d1",
                  quantities=(("2 km", 2, "km", "approx"),))
    far = claim("Ukrainian forces advanced 9 km near Bakhmut", "B", "ukraine", doc="d2",
                quantities=(("9 km", 9, "km", "exact"),))
    about = about.model_copy(update={"quantities": [about.quantities[0].model_copy(update={"low": None,
                                                                                           "high": None})]})
    assert kinds(link([about, far])) == ["contradicts"]


def test_co_speakers_of_one_side_corroborate_but_not_across_sides(claim):
    text = "Ukrainian troops had made a breakthrough near Bakhmut"
    bloggers = claim(text, "pro-Moscow bloggers", "russia")
    wagner = claim(text, "Wagner Group", "russia")
    kyiv = claim(text, "Kyiv command", "ukraine")
    [same_side] = link([bloggers, wagner]).relations
    assert (same_side.kind, same_side.cross_side) == ("corroborates", False)
    assert link([bloggers, wagner]).events[0].assessment.status == "corroborated"
    [across] = link([bloggers, kyiv]).relations
    assert (across.kind, across.cross_side) == ("corroborates", True)
    repelled = claim("All the attacks of the Ukrainian units near Bakhmut were repelled", "Russian MoD", "russia",
                     doc="doc-2")
    result = link([bloggers, wagner, repelled])
    contradicted = {frozenset((r.a, r.b)) for r in result.relations if r.kind == "contradicts"}
    assert contradicted == {frozenset((bloggers.id, repelled.id)), frozenset((wagner.id, repelled.id))}
    assert result.events[0].assessment.status == "disputed"

def test_a_bare_count_takes_the_noun_after_its_closing_quote(claim):
    c = claim("Wagner had lost “no more than 100” men in the fighting", "a channel", "russia", places=(),
              quantities=(("no more than 100", 100, None, "at_most"),))
    c = c.model_copy(update={"quantities": [c.quantities[0].model_copy(update={"counted": None})]})
    [p] = propositions(c)
    assert p.quantities[0].counted == "men" and quantity_key(p.quantities[0]) == "personnel"
