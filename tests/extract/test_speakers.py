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
    ("Wagner’s founder, Yevgeny Prigozhin", "Yevgeny Prigozhin", "russia"),
    ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", "russia"),
    ("the Kremlin", "Kremlin", "russia"),
    ("President Volodymyr Zelenskyy", "Volodymyr Zelensky", "ukraine"),
    ("the Institute for the Study of War", "Institute for the Study of War", "third_party"),
    ("Kyiv Post", "Kyiv Post", "media"),
    ("TASS", "TASS", "media"),
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


@pytest.mark.parametrize("content", ["- kremlin\n- wagner\n", "actors:\n  - kremlin\n", "just a sentence\n"])
def test_user_registry_of_the_wrong_shape_names_the_file(tmp_path, content):
    path = tmp_path / "shape.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="shape.yaml"):
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


# --- sides for speakers the registry does not know (hand-written sentences, invented names) ---

@pytest.mark.parametrize("mention, side", [
    ("Petro Example, a spokesman for Ukraine's southern command", "ukraine"),
    ("Russian-installed governor Ivan Example", "russia"),
    ("the Moscow-appointed head of the district", "russia"),
    ("Kremlin-backed officials", "russia"),
    ("a pro-Russian blogger", "russia"),
    ("a senior Ukrainian official", "ukraine"),
    ("the head of the Russian-occupied region", "russia"),
    ("local occupation authorities", "russia"),
    ("the exiled Ukrainian mayor of the Russian-occupied town", "ukraine"),
    ("a NATO official", "third_party"),
    ("a senior U.S. official", "third_party"),
    ("Britain's defence secretary", "third_party"),
    ("a Russian expert on Ukraine", "russia"),
    ("an analyst at a Washington think tank", "third_party"),
    ("the head of the city's military administration", "ukraine"),
    ("a spokeswoman for Operational Command South", "ukraine"),
    ("an official of the military-civilian administration", "russia"),
    ("the head of Ukraine's de-occupation ministry", "ukraine"),
])
def test_side_from_nationality_and_allegiance_words(mention, side):
    assert side_from_description(mention) == side


def test_capital_abbreviations_do_not_fire_on_ordinary_words():
    assert side_from_description("the people who told us") == "unknown"


@pytest.mark.parametrize("mention, name, side", [
    ("NATO Secretary General Jens Stoltenberg", "Jens Stoltenberg", "third_party"),
    ("IAEA chief Rafael Grossi", "Rafael Grossi", "third_party"),
    ("the International Atomic Energy Agency", "International Atomic Energy Agency", "third_party"),
    ("the U.S. State Department", "US State Department", "third_party"),
    ("Andriy Yermak", "Andriy Yermak", "ukraine"),
    ("Foreign Ministry spokeswoman Maria Zakharova", "Maria Zakharova", "russia"),
    ("the Washington Post", "Washington Post", "media"),
    ("the Red Cross", "International Committee of the Red Cross", "third_party"),
])
def test_national_level_actors_are_registered(mention, name, side):
    actor = match_actor(mention)
    assert actor is not None and actor.name == name and actor.side == side


def _speakers(extract, text):
    return [(c.speaker.mention.text if c.speaker.mention else None, c.speaker.name, c.speaker.side)
            for c in extract(text)]


def _side_of(extract, text, content_word):
    claims = [c for c in extract(text) if content_word in c.content.text]
    assert claims, f"no claim about {content_word!r}"
    return claims[0].speaker


def test_appositive_description_gives_the_side(extract):
    text = "Taras Exampleson, a spokesman for Ukraine's southern forces, said the ferry crossing had been shelled."
    speaker = _side_of(extract, text, "ferry")
    assert speaker.side == "ukraine" and speaker.name == "Taras Exampleson"


def test_premodifier_description_gives_the_side(extract):
    text = "Russian-installed governor Ivan Examplov said that nine villages had been flooded."
    speaker = _side_of(extract, text, "villages")
    assert speaker.side == "russia" and speaker.name == "Ivan Examplov"


def test_participle_description_gives_the_side(extract):
    text = "Olena Exampleva, the mayor appointed by Kyiv, said the water supply had failed."
    assert _side_of(extract, text, "water supply").side == "ukraine"


def test_first_mention_description_carries_to_the_surname(extract):
    text = ("Taras Exampleson, a spokesman for Ukraine's southern forces, toured the flooded quarter on Monday.\n\n"
            "Residents were moved to schools.\n\n"
            "Exampleson said that two bridges had been washed away.")
    speaker = _side_of(extract, text, "bridges")
    assert speaker.side == "ukraine" and speaker.name == "Taras Exampleson"


def test_description_in_a_relative_clause(extract):
    text = "Ivan Examplov, who heads the occupation administration of the district, said the dam had burst."
    assert _side_of(extract, text, "dam had burst").side == "russia"


def test_bare_title_finds_a_described_person_who_was_not_a_speaker(extract):
    text = ("Russian-installed governor Ivan Examplov toured the flooded streets on Tuesday.\n\n"
            "The governor said that seven people had drowned.")
    speaker = _side_of(extract, text, "drowned")
    assert speaker.side == "russia" and speaker.name == "Ivan Examplov"


def test_pronoun_after_a_described_subject(extract):
    text = ("Taras Exampleson, a spokesman for Ukraine's southern forces, visited the village on Monday. "
            "He said that the shelling had not stopped.")
    speaker = _side_of(extract, text, "shelling")
    assert speaker.side == "ukraine" and speaker.name == "Taras Exampleson"


def test_title_chain_prefers_the_person_with_that_title(extract):
    text = ("Ivan Examplov, the Moscow-appointed mayor of the town, said 40 homes were flooded. "
            "A NATO official said the alliance was watching the river. "
            "The mayor added that the evacuation would take two days.")
    speaker = _side_of(extract, text, "evacuation")
    assert speaker.side == "russia" and speaker.name == "Ivan Examplov"


def test_owned_title_is_no_back_reference(extract):
    text = ("A NATO official said the alliance was watching the river. "
            "Britain's defence secretary said the flooding would last for weeks.")
    speaker = _side_of(extract, text, "flooding")
    assert speaker.side == "third_party" and speaker.name != "NATO"


def test_it_refers_to_the_organisation_named_before(extract):
    text = ("Kremlin spokesman Dmitry Peskov declined to comment.\n\n"
            "The Russian Ministry of Defence did not respond at first. A day later it said that the "
            "shelling had been stopped.")
    speaker = _side_of(extract, text, "shelling")
    assert speaker.name == "Russian Ministry of Defence"


def test_bare_institution_after_the_document_said_whose(extract):
    text = ("Ukraine's General Staff said 20 attacks had been repelled overnight. "
            "Later the General Staff said the enemy had lost 300 men.")
    speaker = _side_of(extract, text, "300 men")
    assert speaker.side == "ukraine" and speaker.name == "General Staff of the Armed Forces of Ukraine"


def test_a_title_that_says_whose_it_is_is_no_bare_title():
    from counterclaim.extract.speakers import role_noun

    assert role_noun("the governor") == "governor"
    assert role_noun("Britain's foreign secretary") is None
    assert role_noun("the Ukrainian spokesman") is None


def test_bare_institution_takes_the_side_the_report_is_about(extract):
    text = ("Yevgeny Prigozhin said that his fighters had run out of shells. "
            "He said that the army had promised more ammunition.\n\n"
            "The army said that deliveries had never stopped.")
    assert _side_of(extract, text, "deliveries").side == "russia"


def test_description_many_paragraphs_back_still_counts(extract):
    filler = "\n\n".join(f"Water rose by {n} centimetres in the lower town that hour." for n in range(1, 60))
    text = (f"Olena Exampleva, the head of the city's military administration, opened a shelter.\n\n{filler}\n\n"
            "Exampleva said that the shelter was full.")
    assert _side_of(extract, text, "shelter was full").side == "ukraine"


@pytest.mark.parametrize("mention, name, side", [
    ("Russian-installed governor Vladimir Saldo", "Vladimir Saldo", "russia"),
    ("Yevgeny Balitsky, the Moscow-appointed head of the region", "Yevgeny Balitsky", "russia"),
    ("Kherson governor Oleksandr Prokudin", "Oleksandr Prokudin", "ukraine"),
    ("the International Committee of the Red Cross", "International Committee of the Red Cross", "third_party"),
    ("The International Committee of the\" Red Cross\"", "International Committee of the Red Cross", "third_party"),
    ("IAEA chief Rafael Grossi", "Rafael Grossi", "third_party"),
    ("UN spokesman Stéphane Dujarric", "Stéphane Dujarric", "third_party"),
    ("Bellingcat", "Bellingcat", "third_party"),
    ("Russia's Investigative Committee", "Investigative Committee of Russia", "russia"),
    ("Ukraine's Southern Operational Command", "Operational Command South", "ukraine"),
    ("RIA Novosti", "RIA Novosti", "media"),
    ("Kyiv", "Ukraine", "ukraine"),
    ("Moscow", "Russia", "russia"),
    ("Washington", "White House", "third_party"),
    ("the Kremlin", "Kremlin", "russia"),
])
def test_registry_knows_who_real_reporting_names(mention, name, side):
    actor = match_actor(mention)
    assert actor is not None and actor.name == name and actor.side == side


@pytest.mark.parametrize("mention, side", [
    ("a Kremlin-affiliated milblogger", "russia"),
    ("Russian-installed officials", "russia"),
    ("the occupiers", "russia"),
    ("military bloggers", "russia"),
    ("a Ukrainian milblogger", "ukraine"),
    ("the so-called Donetsk People's Republic", "russia"),
    ("Kyiv-aligned partisans", "ukraine"),
])
def test_descriptions_give_sides(mention, side):
    assert side_from_description(mention) == side


def test_every_media_actor_speaks_as_media_and_keeps_its_country():
    for actor in registry(None).values():
        if actor.kind == "media" and actor.id not in ("rybar",):
            assert actor.side == "media", actor.id
    assert registry(None)["tass"].country == "russia"
    assert registry(None)["ukrinform"].country == "ukraine"


def test_alias_index_finds_whole_words_only():
    from counterclaim.extract.speakers import alias_index

    found = {(a.name, text) for text in ["pro-Moscow bloggers", "the AP reported", "Peskov-like remarks", "ap"]
             for _, _, a, _ in alias_index(None).matches(text)}
    assert ("Associated Press", "the AP reported") in found
    assert not any(text in ("pro-Moscow bloggers", "Peskov-like remarks", "ap") for _, text in found)


def test_a_bare_institution_takes_the_country_of_the_outlet():
    text = "The Interior Ministry said 700 police officers were helping with the evacuation."
    r = SpeakerResolver(outlet="Ukrinform", user_path=None)
    assert r.resolve(_span(text, "The Interior Ministry")).side == "ukraine"
    r = SpeakerResolver(outlet="TASS", user_path=None)
    assert r.resolve(_span(text, "The Interior Ministry")).side == "russia"
    r = SpeakerResolver(outlet="The Daily Example", user_path=None)
    assert r.resolve(_span(text, "The Interior Ministry")).side == "unknown"


def test_an_acronym_resolves_to_the_full_name_met_before():
    text = "Russia's Investigative Committee opened a case. The IC said the blast was planned."
    r = SpeakerResolver(user_path=None)
    r.resolve(_span(text, "Russia's Investigative Committee"))
    ic = r.resolve(_span(text, "The IC"), before=text[: text.index("The IC")])
    assert ic.name == "Investigative Committee of Russia" and ic.mention.text == "The IC"


def test_a_document_or_a_generic_organisation_noun_is_the_last_issuer():
    text = ("The Red Cross said its teams were ready. The statement added that access was refused. "
            "The organization noted that it cannot force its way in.")
    r = SpeakerResolver(user_path=None)
    r.resolve(_span(text, "The Red Cross"))
    for mention in ("The statement", "The organization"):
        s = r.resolve(_span(text, mention), before=text[: text.index(mention)])
        assert s.name == "International Committee of the Red Cross" and s.side == "third_party"


def test_an_indefinite_description_is_someone_new():
    text = "Dmitry Peskov spoke on Monday. Two officials said the dam was mined. A spokesman said it was not."
    r = SpeakerResolver(user_path=None)
    r.resolve(_span(text, "Dmitry Peskov"))
    for mention in ("Two officials", "A spokesman"):
        assert r.resolve(_span(text, mention), before=text[: text.index(mention)]).name != "Dmitry Peskov"


@pytest.mark.slow
def test_experts_consulted_by_a_paper_are_experts_not_the_paper(extract, one):
    text = "The damage does not fit a rocket strike, according to six experts The Washington Post consulted."
    c = one(extract(text), "experts", "damage does not fit")
    assert c.speaker.side != "media" and c.speaker.name != "Washington Post"
