"""Invisible characters change nothing a reader sees, so they change no attribution (issue #13, defect 7).

Zero-width spaces and joiners, soft hyphens, byte-order marks and bidi controls are
matched as if absent, while every span still points into the text as stored.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

CLEAN = [
    "Kyiv said the Russian attack near Bakhmut had been repelled on Tuesday.",
    "The Russian defence ministry said that 40 Ukrainian soldiers had been killed near Soledar.",
    "Ukraine's General Staff said its troops had advanced up to two kilometres south of Bakhmut.",
    "Министерство обороны России заявило, что украинские войска были отброшены от Соледара.",
    "Міністерство оборони України повідомило, що російські війська відступили від Бахмута.",
]
INVISIBLE = ["\u200b", "\u200d", "\u200c", "\u2060", "\ufeff", "\u00ad", "\u200f", "\u202e", "\u2066"]


def sprinkle(text: str, mark: str) -> str:
    """``mark`` after every word and inside every long word, as scraped or hostile text carries it."""
    words = [w[:3] + mark + w[3:] if len(w) > 6 else w for w in text.split(" ")]
    return (mark + " ").join(words)


def summary(claims) -> list[tuple]:
    """What a reader would check: speaker, side, actor, stance, places, numbers; content without invisibles."""
    return [(c.speaker.name, c.speaker.side, c.speaker.actor_id, c.stance, [p.name for p in c.places],
             [q.value for q in c.quantities], "".join(ch for ch in c.content.text if ch.isprintable()))
            for c in claims]


def spans_of(claim) -> list:
    found = [claim.content, claim.cue, claim.sentence, claim.speaker.mention, *claim.hedges,
             *(q.span for q in claim.quantities), *(p.span for p in claim.places)]
    return [s for s in found if s is not None]


@pytest.mark.parametrize("mark", INVISIBLE, ids=[f"U+{ord(m):04X}" for m in INVISIBLE])
@pytest.mark.parametrize("text", CLEAN, ids=["kyiv", "ministry", "general-staff", "russian", "ukrainian"])
def test_invisible_characters_do_not_change_attribution(extract, text: str, mark: str) -> None:
    hostile = sprinkle(text, mark)
    expected, found = extract(text), extract(hostile)
    assert expected and summary(found) == summary(expected)
    for claim in found:
        for span in spans_of(claim):
            assert hostile[span.start:span.end] == span.text  # offsets into the text as stored
            assert not span.text.startswith(mark) and not span.text.endswith(mark)


def test_a_speaker_written_with_a_trailing_zero_width_space_keeps_its_actor(extract) -> None:
    [claim] = extract("Kyiv\u200b said the Russian attack near Bakhmut had been repelled.")
    assert (claim.speaker.name, claim.speaker.side, claim.speaker.actor_id) == ("Ukraine", "ukraine", "ukraine")


def test_claim_ids_are_stable_and_follow_the_stored_offsets(extract) -> None:
    hostile = sprinkle(CLEAN[0], "\u200b")
    first, again = extract(hostile), extract(hostile)
    assert [c.id for c in first] == [c.id for c in again]
    assert {c.id for c in first}.isdisjoint({c.id for c in extract(CLEAN[0])})  # other offsets, other ids
