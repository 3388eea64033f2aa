"""Attribution carried by layout labels: "Source: X", "Quote from X:", "Details:"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_quote_from_label_spans_paragraphs_until_the_quotation_closes(extract, one):
    text = ("The regional governor said the dam had been mined months ago.\n\n"
            "Source: Petro Example on a national newscast\n\n"
            'Quote from Example: "They held the plant since spring. Nobody from our side was there.\n\n'
            'We learnt in autumn that the turbines had been mined. I find it hard to follow what they claim now."\n\n'
            "Details: The governor added that evacuation buses were waiting.")
    claims = extract(text, outlet="Example Pravda")
    first = one(claims, "example", "held the plant since spring")
    second = one(claims, "example", "turbines had been mined")
    assert first.speaker.name == second.speaker.name == "Petro Example"
    assert "Quote" in first.cue.text
    assert not any(c.speaker.mention is not None and c.speaker.mention.text.lower() in ("i", "me", "they")
                   for c in claims)


def test_bare_quote_label_takes_the_name_of_the_source_line(extract, one):
    text = ('Source: Hanna Maliar on a television broadcast\n\n'
            'Quote: "Our troops are moving south of the village and the enemy is on the defensive."')
    c = one(extract(text, outlet="Example Pravda"), "maliar", "moving south of the village")
    assert c.speaker.side == "ukraine"


def test_a_label_line_is_no_speaker_of_the_next_paragraph(extract, one):
    text = ("Source: the Example Institute\n\n"
            "Details: Deputy Defence Minister Hanna Maliar said the village had been retaken.")
    claims = extract(text, outlet="Example Pravda")
    c = one(claims, "maliar", "village had been retaken")
    assert "Source" not in c.speaker.mention.text and "Details" not in c.speaker.mention.text
