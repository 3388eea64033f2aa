"""Span boundaries of attributed claims, on short hand-written sentences: the content is the
proposition (no complementiser, no enclosing quotation marks, no writer's aside), the cue is the
speech verb."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def by_content(claims, part: str):
    """The claims whose content contains ``part``."""
    found = [c for c in claims if part in c.content.text]
    assert found, f"no claim about {part!r} in {[(c.speaker.name, c.cue and c.cue.text, c.content.text) for c in claims]}"
    return found


def test_indirect_content_drops_that(extract):
    c = by_content(extract("The general said that his brigade had crossed the river near the dam."), "brigade")[0]
    assert c.content.text.startswith("his brigade had crossed")


def test_indirect_content_keeps_whether(extract):
    c = by_content(extract("The spokesman would not say whether the convoy had reached the city."), "convoy")[0]
    assert c.content.text.startswith("whether the convoy")


def test_that_as_determiner_stays(extract):
    claims = extract('The minister said: "That bridge was destroyed by artillery on Monday."')
    c = by_content(claims, "bridge was destroyed")[0]
    assert c.content.text.startswith("That bridge")


def test_cue_drops_auxiliary_and_adverb(extract):
    c = by_content(extract("The governor has also claimed that the shelling damaged three schools in the town."),
                   "shelling")[0]
    assert c.cue.text == "claimed"


def test_cue_drops_adjunct_after_quote(extract):
    text = '"We held every position this week," the army spokesman said in a statement on Telegram.'
    c = by_content(extract(text), "held every position")[0]
    assert c.cue.text == "said"


def test_cue_is_participle_introducing_the_quote(nlp):
    from counterclaim.extract.attribution_bounds import speech_verb

    doc = nlp('The ministry elaborated on Tuesday, claiming: "The enemy lost forty vehicles in the north."')
    words = [t.text for t in doc]
    cue = doc[words.index("elaborated"): words.index("claiming") + 1]
    content = doc[words.index("The", 1): words.index("north") + 1]
    assert speech_verb(cue, content).text == "claiming"


def test_cue_keeps_phrasal_preposition(nlp):
    from counterclaim.extract.attribution_bounds import speech_verb

    doc = nlp("The mayor has repeatedly called for an immediate ceasefire around the plant.")
    words = [t.text for t in doc]
    cue = doc[words.index("has"): words.index("for") + 1]
    content = doc[words.index("an"): words.index("plant") + 1]
    assert speech_verb(cue, content).text == "called for"


def test_according_to_stays_whole(extract):
    text = "According to the monitoring group, the ceasefire was broken twice overnight near the border."
    c = by_content(extract(text), "ceasefire was broken")[0]
    assert c.cue.text == "According to"


def _span_of(doc, first: str, last: str):
    words = [t.text for t in doc]
    return doc[words.index(first): len(words) - 1 - words[::-1].index(last) + 1]


def test_content_stops_before_writers_contrast(nlp):
    from counterclaim.extract.attribution_bounds import cut_contrast

    doc = nlp("The commander claimed his troops had taken the hill, though outside analysts were more cautious.")
    cut = cut_contrast(_span_of(doc, "his", "cautious"), _span_of(doc, "The", "commander"))
    assert cut.text == "his troops had taken the hill"


def test_contrast_by_the_speaker_stays(nlp):
    from counterclaim.extract.attribution_bounds import cut_contrast

    doc = nlp("The commander said the hill was taken, but he admitted that losses were heavy.")
    content = _span_of(doc, "the", "heavy")
    assert cut_contrast(content, _span_of(doc, "The", "commander")).text == content.text


def test_quotation_ends_at_its_closing_mark(nlp):
    from counterclaim.extract.attribution_bounds import end_at_closing_quote, strip_enclosing_quotes

    doc = nlp('"We held every position," the spokesman said on Friday as he left the briefing.')
    content = doc[0: len(doc) - 1]
    assert strip_enclosing_quotes(end_at_closing_quote(content)).text == "We held every position"


def test_interrupted_quotation_stays_whole(nlp):
    from counterclaim.extract.attribution_bounds import end_at_closing_quote

    doc = nlp('"We held every position," the spokesman said, "and we will hold them."')
    content = doc[0: len(doc)]
    assert end_at_closing_quote(content).text == content.text


def test_contrast_inside_quotes_stays(extract):
    text = 'The commander said: "We took the hill, though the enemy still shells it every night."'
    c = by_content(extract(text), "took the hill")[0]
    assert "still shells it" in c.content.text


def test_adding_that_is_a_second_claim_by_the_same_speaker(extract):
    text = ("The regional governor said the power station had been hit twice, "
            "adding that repairs would take at least a month.")
    claims = extract(text)
    first = by_content(claims, "power station")[0]
    second = by_content(claims, "repairs would take")[0]
    assert "repairs" not in first.content.text
    assert first.cue.text == "said" and second.cue.text == "adding"
    assert first.speaker.name == second.speaker.name
    assert second.content.text.startswith("repairs would take")


def test_quoted_content_without_enclosing_marks(extract):
    claims = extract('The ministry said: "All attacks on the southern front were repelled."')
    c = by_content(claims, "All attacks")[0]
    assert c.content.text.startswith("All attacks") and c.content.text.endswith("repelled.")


def test_quote_before_speaker_without_marks(extract):
    claims = extract("“The situation in the region is under control,” the ministry said on Friday.")
    c = by_content(claims, "under control")[0]
    assert c.content.text.startswith("The situation") and "”" not in c.content.text


def test_quote_only_paragraph_without_marks(extract):
    text = ('The defence ministry said: "The front line is stable.\n\n'
            '"No positions were lost in the last day."')
    c = by_content(extract(text), "No positions were lost")[0]
    assert c.content.text.startswith("No positions") and '"' not in c.content.text


def test_inner_quotation_marks_stay(extract):
    text = 'The ministry said the enemy had deployed "more than 900 soldiers" near the village.'
    c = by_content(extract(text), "900 soldiers")[0]
    assert '"more than 900 soldiers"' in c.content.text


def test_quoted_term_at_the_start_is_not_a_quotation(nlp):
    from counterclaim.extract.attribution_bounds import end_at_closing_quote

    doc = nlp("Officials said “dozens” of drones had been shot down over the region overnight.")
    content = doc[2: len(doc) - 1]
    assert end_at_closing_quote(content).text == content.text


def test_that_read_as_determiner_by_the_parser_is_still_dropped(nlp):
    from counterclaim.extract.attribution_bounds import strip_complementiser

    doc = nlp("The institute said on Monday that satellite images showed the bridge had collapsed.")
    words = [t.text for t in doc]
    content = doc[words.index("that"): len(doc) - 1]
    assert strip_complementiser(content).text == "satellite images showed the bridge had collapsed"
