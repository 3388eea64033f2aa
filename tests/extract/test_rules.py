"""Attribution rules on short hand-written sentences, one construction per test."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_direct_quote_with_colon_straight_quotes(extract, one):
    claims = extract('Zelensky said: "Our forces advanced two kilometres near Bakhmut."')
    c = one(claims, "zelensky", "Our forces advanced")
    assert c.speaker.side == "ukraine" and c.stance == "asserts" and c.cue.text == "said"


def test_direct_quote_curly_quotes_speaker_after(extract, one):
    claims = extract("“We repelled all the attacks of the enemy,” the Russian Ministry of Defence said on Friday.")
    c = one(claims, "russian ministry of defence", "repelled all the attacks")
    assert c.speaker.side == "russia"


def test_quote_only_paragraph_continues_previous_speaker(extract, one):
    text = ('Kremlin spokesman Dmitry Peskov told reporters: "The operation is going according to plan.\n\n'
            '"No territory has been lost in the last week."')
    claims = extract(text)
    one(claims, "peskov", "according to plan")
    assert one(claims, "peskov", "No territory has been lost").cue is None


def test_indirect_speech_claimed_that(extract, one):
    c = one(extract("Shoigu claimed that Ukrainian forces had lost 500 soldiers in a single day."),
            "shoigu", "Ukrainian forces had lost")
    assert c.cue.text == "claimed" and c.speaker.side == "russia" and c.stance == "asserts"


def test_according_to(extract, one):
    claims = extract("According to the Institute for the Study of War, Russian forces made marginal gains near Avdiivka.")
    assert one(claims, "institute for the study of war", "marginal gains").speaker.side == "third_party"


def test_elaborated_claiming_with_colon(extract, one):
    text = 'Moscow expanded on this on Friday, claiming: "The enemy mounted offensive operations on a wide front."'
    assert one(extract(text), "russia", "offensive operations").speaker.side == "russia"


def test_nominal_claims_by_inside_a_denial(extract, one):
    text = ("The Kremlin was compelled to deny claims by pro-Russian bloggers that the front near Kupiansk "
            "had collapsed.")
    claims = extract(text)
    assertion = one(claims, "bloggers", "the front near Kupiansk had collapsed")
    denial = one(claims, "kremlin", "the front near Kupiansk had collapsed")
    assert assertion.stance == "asserts" and assertion.speaker.side == "russia"
    assert denial.stance == "denies" and not denial.content.text.startswith("claims")


def test_possessive_statement_that(extract, one):
    claims = extract("Maliar's statement that the troops had advanced two kilometres was welcomed in Kyiv.")
    assert one(claims, "maliar", "the troops had advanced").speaker.side == "ukraine"


def test_denied_that(extract, one):
    c = one(extract("The Kremlin denied that Russian troops had retreated from the city."), "kremlin", "retreated")
    assert c.stance == "denies"


def test_both_speakers_get_a_claim_each(extract, one):
    claims = extract("Both Prigozhin and Ukrainian military sources claimed the village had fallen on Tuesday.")
    one(claims, "prigozhin", "the village had fallen")
    assert one(claims, "ukrainian military sources", "the village had fallen").speaker.side == "ukraine"


def test_content_declaring_falsehood_is_a_denial(extract, one):
    c = one(extract('The Russian Ministry of Defence said: "Reports of a breakthrough do not correspond to reality."'),
            "ministry", "correspond to reality")
    assert c.stance == "denies"


def test_pronoun_resolves_to_previous_speaker(extract, one):
    text = "Zelensky said the situation in the east was difficult. He added that Ukrainian forces were holding Bakhmut."
    c = one(extract(text), "zelensky", "holding Bakhmut")
    assert c.speaker.mention.text == "He" and c.speaker.name == "Volodymyr Zelensky"


def test_title_resolves_to_previous_speaker(extract, one):
    text = ("Defence Minister Sergei Shoigu said the offensive had failed. "
            "The minister added that the enemy had lost 40 tanks.")
    assert one(extract(text), "shoigu", "lost 40 tanks").speaker.mention.text == "The minister"


def test_outlet_voice_after_its_own_report(extract, one):
    text = ("As the Kyiv Post reported on Tuesday, a Ukrainian counter-offensive wrecked a column of Russian tanks.\n\n"
            "Soldiers from the 3rd Assault Brigade pushed Russian forces back to the river.")
    claims = extract(text, outlet="Kyiv Post")
    c = one(claims, "kyiv post", "pushed Russian forces back")
    assert c.speaker.side == "media" and c.cue is None


def test_unknown_speakers_get_side_from_description(extract, one):
    claims = extract("Pro-Moscow bloggers claimed that Ukrainian troops had broken through. "
                     "Western analysts said the gains were modest.")
    assert one(claims, "bloggers", "broken through").speaker.side == "russia"
    assert one(claims, "analysts", "gains were modest").speaker.side == "third_party"


def test_every_span_is_an_exact_slice_of_the_text(extract):
    text = ("“No position of ours fell,” Deputy Defence Minister Ganna Malyar said. "
            "Russia claims that everything is going according to plan.")
    claims = extract(text)
    assert claims
    for c in claims:
        for span in [c.content, c.cue, c.speaker.mention, *c.hedges]:
            if span is not None:
                assert text[span.start:span.end] == span.text


def test_colon_before_a_quoted_paragraph(extract, one):
    text = 'Kremlin spokesman Dmitry Peskov told reporters on Monday:\n\n"The operation is going according to plan."'
    c = one(extract(text), "peskov", "going according to plan")
    assert c.cue is not None and c.content.start > text.index("\n\n")


def test_speech_verb_with_complement_is_found_without_the_tagger(nlp):
    from counterclaim.extract.attribution_rules import speech_complements

    doc = nlp("Zelensky told parliament that the army had stabilised the front near Kupiansk.")
    [att] = speech_complements(doc, [])
    assert att.source.text == "Zelensky" and att.cue.text == "told"
    assert "stabilised the front" in att.content.text


def test_name_colon_headline_is_attributed_but_a_dateline_is_not(nlp):
    from counterclaim.extract import attribution_labels as labels
    from counterclaim.extract.attribution_rules import colon_headlines

    doc = nlp("Prigozhin: Wagner will leave Bakhmut without more shells\n\nBakhmut: fighting continues in the west"
              "\n\nCorrection: an earlier version of this report gave the wrong date for the strike")
    found = colon_headlines(doc, labels.paragraphs(doc), [])
    assert [(a.source.text, a.content.text) for a in found] == [
        ("Prigozhin", "Wagner will leave Bakhmut without more shells")]


def test_spans_stay_on_their_words_after_a_double_space(extract, one):
    """A run of spaces inside a paragraph is its own spaCy token; spans after it must not shift."""
    claims = extract("Shelling went on overnight.  The defence ministry said that its troops had "
                     "advanced two kilometres near Bakhmut.")
    c = one(claims, "ministry", "advanced two kilometres")
    assert c.cue.text == "said"
    assert c.content.text.startswith("its troops") or c.content.text.startswith("that its troops")


def test_a_question_heading_is_not_a_claim(extract, one):
    claims = extract("What has Moscow said?\n\nIn short, Moscow claims that its troops hold every position.")
    assert [c.content.text for c in claims if c.content.text.lower() == "what"] == []
    assert one(claims, "moscow", "hold every position")


def test_according_to_plan_names_no_speaker(extract, one):
    """The tagger reads "according to plan for Moscow" like "according to officials"; the idiom
    must neither become a speaker nor cut the Kremlin's content."""
    claims = extract("In short, the Kremlin claims that the war is going according to plan for Moscow.")
    assert [c.speaker.name for c in claims if "plan" in c.speaker.name.lower()] == []
    assert one(claims, "kremlin", "going according to plan").content.text.endswith("for Moscow")


def test_a_person_named_in_the_report_is_not_a_place(extract, one):
    """GeoNames has towns called Obama and Clinton; in a report naming Barack Obama they are him."""
    claims = extract("Barack Obama said on Monday that Obama's envoy would travel to Kyiv next week.")
    c = one(claims, "obama", "envoy")
    assert [p.name for p in c.places] == ["Kyiv"]


def test_who_speaks_for_the_noun_it_follows(extract, one):
    """A relative pronoun is resolved through its clause, not to the last speaker."""
    claims = extract("Zelensky said on Monday that the front was holding. The next claim came from a Wagner "
                     "commander, who said that his fighters had taken the railway station.")
    c = one(claims, "who", "railway station")
    assert c.speaker.side == "russia" and "Zelensky" not in c.speaker.name
