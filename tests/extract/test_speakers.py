"""The actor registry: aliases, user extension, side from description, pronouns and titles."""

from __future__ import annotations

import pytest

from counterclaim.errors import InputError
from counterclaim.extract.speakers import SpeakerResolver, match_actor, registry, side_from_description
from counterclaim.models import Span


@pytest.mark.parametrize("mention, name, side", [
    ("the Russian Ministry of Defense", "Russian Ministry of Defence", "russia"),
    ("Russia's defence ministry", "Russian Ministry of Defence", "russia"),
    ("Deputy Defence Minister Ganna Malyar", "Hanna Maliar", "ukraine"),
    ("Hanna Maliar", "Hanna Maliar", "ukraine"),
    ("the Wagner group’s commander, Yevgeny Prigozhin", "Yevgeny Prigozhin", "russia"),
    ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "russia"),
    ("the Kremlin", "Kremlin", "russia"),
    ("President Volodymyr Zelenskyy", "Volodymyr Zelensky", "ukraine"),
    ("the Institute for the Study of War", "Institute for the Study of War", "third_party"),
    ("Kyiv Post", "Kyiv Post", "media"),
    ("TASS", "TASS", "russia"),
])
def test_aliases_resolve_to_canonical_actor(mention, name, side):
    actor = match_actor(mention)
    assert actor is not None and actor.name == name and actor.side == side


def test_short_capital_aliases_do_not_match_ordinary_words():
    assert match_actor("un-named officials") is None
    assert match_actor("the ap") is None


def test_country_names_only_match_the_whole_mention():
    assert match_actor("Russia").name == "Russia"
    assert match_actor("pro-Moscow bloggers") is None


@pytest.mark.parametrize("mention, side", [
    ("pro-Moscow bloggers", "russia"),
    ("pro-Kyiv Telegram channels", "ukraine"),
    ("Ukrainian military sources", "ukraine"),
    ("Russian war correspondents", "russia"),
    ("western analysts", "third_party"),
    ("a local journalist", "media"),
    ("residents", "unknown"),
])
def test_side_from_description(mention, side):
    assert side_from_description(mention) == side


def _span(text: str, word: str) -> Span:
    i = text.index(word)
    return Span.of(text, i, i + len(word))


def test_pronouns_and_titles_resolve_in_context():
    text = "Shoigu spoke. The Kremlin agreed. He said so. It said so. The minister added more."
    r = SpeakerResolver(outlet=None, user_path=None)
    assert r.resolve(_span(text, "Shoigu")).name == "Sergei Shoigu"
    assert r.resolve(_span(text, "The Kremlin")).name == "Kremlin"
    he = r.resolve(_span(text, "He"))
    assert he.name == "Sergei Shoigu" and he.mention.text == "He"
    assert r.resolve(_span(text, "It")).name == "Kremlin"
    assert r.resolve(_span(text, "The minister")).name == "Sergei Shoigu"


def test_outlet_speaker_is_media():
    speaker = SpeakerResolver(outlet="The Daily Example", user_path=None).outlet_speaker()
    assert speaker.side == "media" and speaker.mention is None and speaker.name == "The Daily Example"


def test_user_registry_extends_and_overrides(tmp_path, monkeypatch):
    path = tmp_path / "actors.yaml"
    path.write_text("actors:\n  kyiv_post:\n    name: Kyiv Post\n    kind: media\n    side: ukraine\n"
                    "    aliases: [KP]\n  oleksandr:\n    name: Oleksandr Example\n    kind: person\n"
                    "    side: ukraine\n    aliases: [Oleksandr Example]\n", encoding="utf-8")
    assert match_actor("Oleksandr Example", str(path)).side == "ukraine"
    assert match_actor("KP", str(path)).name == "Kyiv Post"
    assert "kremlin" in registry(str(path))
    monkeypatch.setenv("COUNTERCLAIM_ACTORS", str(path))
    assert SpeakerResolver().resolve(_span("Oleksandr Example said", "Oleksandr Example")).side == "ukraine"


def test_broken_user_registry_names_the_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("actors:\n  x:\n    side: nowhere\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.yaml"):
        registry(str(path))


def test_pronoun_without_speaker_antecedent_finds_named_actor_before():
    text = 'Yevgeny Prigozhin appeared in a video on Monday. "The town is ours," he said.'
    r = SpeakerResolver()
    he = r.resolve(_span(text, "he"), before=text[: text.index(" he said")])
    assert he.name == "Yevgeny Prigozhin" and he.side == "russia"


def test_possessive_title_takes_the_owner_side():
    text = "President Volodymyr Zelensky said the town held, but his spokesman later said it had not."
    r = SpeakerResolver()
    r.resolve(_span(text, "President Volodymyr Zelensky"))
    spokesman = r.resolve(_span(text, "his spokesman"), before=text[: text.index("his spokesman")])
    assert spokesman.side == "ukraine" and "spokesman" in spokesman.name


def test_bare_title_finds_registered_organisation_named_before():
    text = "Analysts at the Institute for the Study of War published maps. The institute said the line held."
    r = SpeakerResolver()
    inst = r.resolve(_span(text, "The institute"), before=text[: text.index("The institute")])
    assert inst.name == "Institute for the Study of War" and inst.side == "third_party"
