"""Russian and Ukrainian claims read into the English reader's questions: who is responsible, who gains
ground, what a toll counts, with which polarity. Every sentence here was written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterclaim.link.reading import action, read
from counterclaim.link.reading import read_text as read_english
from counterclaim.link.reading_cyrillic import language, neutral_text, read_text

pytest.importorskip("pymorphy3")


def answer(text: str, side: str = "unknown", denied: bool = False) -> tuple[str, str | None, bool]:
    r = read_text(text, side, denied)
    return r.frame, r.answer, r.polarity


@pytest.mark.parametrize(("text", "side", "expected"), [
    # the subject before the act, in any inflection
    ("Российские войска ночью взорвали плотину", "ukraine", ("responsibility", "russia", True)),
    ("Ночью российские военные подорвали плотину", "ukraine", ("responsibility", "russia", True)),
    ("Українські військові обстріляли лікарню", "russia", ("responsibility", "ukraine", True)),
    ("Оккупанты разрушили мост через реку", "ukraine", ("responsibility", "russia", True)),
    ("Рашисти знищили школу в селі", "ukraine", ("responsibility", "russia", True)),
    # a by-phrase or an agent in the instrumental after a passive
    ("Мост был разрушен силами ВСУ", "russia", ("responsibility", "ukraine", True)),
    ("Удар по больнице был нанесен со стороны России", "ukraine", ("responsibility", "russia", True)),
    ("Школу було зруйновано з боку Росії", "ukraine", ("responsibility", "russia", True)),
    ("Плотина была взорвана украинскими диверсантами", "russia", ("responsibility", "ukraine", True)),
    # an accusation, words of responsibility
    ("Министерство обвинило Киев в обстреле рынка", "russia", ("responsibility", "ukraine", True)),
    ("Ответственность за удар по рынку лежит на России", "ukraine", ("responsibility", "russia", True)),
    ("Саме Росія несе відповідальність за вибух на греблі", "ukraine", ("responsibility", "russia", True)),
    # a side's adjective on the act, a side in the genitive after it
    ("Это была украинская диверсия на подстанции", "russia", ("responsibility", "ukraine", True)),
    ("Российский обстрел разрушил жилой дом", "ukraine", ("responsibility", "russia", True)),
    ("Взрыв на мосту стал очередным преступлением киевского режима", "russia", ("responsibility", "ukraine", True)),
    # the other side relative to the speaker, and first person
    ("Противник обстрелял школу", "russia", ("responsibility", "ukraine", True)),
    ("Ворог обстріляв школу", "ukraine", ("responsibility", "russia", True)),
    ("Больницу обстреляла наша артиллерия", "russia", ("responsibility", "russia", True)),
    # a weapon only one side fields
    ("Ракеты HIMARS попали в мост", "unknown", ("responsibility", "ukraine", True)),
    # polarity: a negation before the act or before its agent, disowning, calling it false
    ("Российские войска не обстреливали больницу", "russia", ("responsibility", "russia", False)),
    ("Мост взорвали не они", "ukraine", ("responsibility", "russia", False)),
    ("Украина не имеет никакого отношения к взрыву на плотине", "ukraine", ("responsibility", "ukraine", False)),
    ("Ми не маємо жодного стосунку до обстрілу лікарні", "ukraine", ("responsibility", "ukraine", False)),
    ("Обвинения в обстреле больницы — фейк", "russia", ("responsibility", "russia", False)),
    # who did it cannot be said; nobody did it
    ("Пока невозможно установить, кто взорвал мост", "third_party", ("responsibility", "undetermined", True)),
    ("Наразі немає достовірних даних про те, хто причетний до вибуху", "third_party",
     ("responsibility", "undetermined", True)),
    ("Дамба разрушилась сама из-за износа", "russia", ("responsibility", "none", True)),
    ("Речь не идёт о случайности", "ukraine", ("responsibility", "none", False)),
])
def test_who_is_responsible(text, side, expected):
    assert answer(text, side) == expected


def test_a_reported_blast_blames_the_other_side_and_a_denied_one_the_speaker():
    assert answer("Сообщается о подрыве плотины", "ukraine") == ("responsibility", "russia", True)
    assert answer("подрыве плотины", "russia", denied=True) == ("responsibility", "russia", False)


def test_the_harmed_thing_is_read_whatever_its_case_and_language():
    for text in ("Российские войска подорвали плотину", "Российские войска взорвали ГЭС",
                 "Російські війська підірвали греблю", "Росіяни підірвали Каховську ГЕС"):
        assert read_text(text, "ukraine").object == "dam"
    assert read_text("Украинские военные обстреляли больницу", "russia").object == "hospital"
    assert read_text("Российская ракета попала в многоэтажку", "ukraine").object == "residential building"


def test_a_strike_on_military_things_is_war_not_blame():
    assert read_text("Наши войска уничтожили три танка противника", "russia").frame != "responsibility"


def test_the_side_that_suffers_is_not_the_one_that_acts():
    assert answer("Они обстреляли украинские позиции у села", "russia")[0:2] != ("responsibility", "ukraine")
    assert answer("Российские войска обстреляли украинских пленных в колонии", "ukraine")[1] == "russia"


@pytest.mark.parametrize(("text", "side", "expected", "act"), [
    ("Российские войска взяли село", "russia", ("ground", "russia", True), "capture"),
    ("Сили оборони звільнили село", "ukraine", ("ground", "ukraine", True), "capture"),
    ("Украинские силы прорвали первую линию обороны", "ukraine", ("ground", "ukraine", True), "breakthrough"),
    ("Наши войска продвинулись на два километра", "russia", ("ground", "russia", True), "advance"),
    ("ВСУ отступили из города", "russia", ("ground", "russia", True), "withdrawal"),
    ("Російські війська відійшли з позицій", "ukraine", ("ground", "ukraine", True), "withdrawal"),
    ("Все атаки противника отбиты", "ukraine", ("ground", "russia", False), "repel"),
    ("Противник безуспешно пытался атаковать", "russia", ("ground", "ukraine", False), "failure"),
    # a side's denial of a capture, naming no side, denies the other side's
    ("Сообщения о взятии города не соответствуют действительности", "ukraine", ("ground", "russia", False),
     "capture"),
    ("Мост через реку взяли российские войска", "ukraine", ("ground", "russia", True), "capture"),
])
def test_who_gains_ground(text, side, expected, act):
    r = read_text(text, side)
    assert (r.frame, r.answer, r.polarity) == expected
    assert action(r) == act


def test_every_attack_repelled_is_universal():
    assert read_text("Все атаки противника у села были отражены", "ukraine").universal
    assert not read_text("Две атаки противника у села были отражены", "ukraine").universal


def test_fighting_that_goes_on_names_no_gainer():
    r = read_text("В городе продолжаются ожесточённые бои", "ukraine")
    assert (r.frame, r.answer, r.cues[0]) == ("ground", None, "fighting")
    assert read_text("У місті тривають запеклі бої", "ukraine").cues[0] == "fighting"


def test_acts_compare_across_languages():
    pairs = [("Russian forces captured the village", "Российские войска захватили село"),
             ("Ukrainian forces broke through the defence line", "Українські сили прорвали лінію оборони"),
             ("Russian troops withdrew from the town", "Российские войска отступили из города")]
    for english, cyrillic in pairs:
        en, cy = read_english(english, "ukraine"), read_text(cyrillic, "ukraine")
        assert (en.frame, en.answer, en.polarity, action(en)) == (cy.frame, cy.answer, cy.polarity, action(cy))


def test_tolls_and_whose_losses():
    assert answer("Погибли двенадцать мирных жителей", "ukraine")[0] == "toll"
    assert answer("Евакуйовано 742 людини", "ukraine") == ("toll", None, True)
    assert read_text("Потери ВСУ составили двести человек", "russia").answer == "ukraine"
    assert answer("Данные о погибших — фейк", "russia") == ("toll", "russia", False)


def test_a_motive_is_compared_by_wording():
    assert read_text("Для России подрыв плотины был выгоднее", "third_party").frame == "other"


def test_language_by_letters_and_dictionary():
    assert language("Російські війська підірвали греблю") == "uk"
    assert language("Российские войска подорвали плотину") == "ru"
    assert language("подрыве ГЭС") == "ru"


def test_neutral_text_drops_sides_and_negations():
    assert neutral_text("Российские войска не взрывали плотину") == "кто-то войска взрывали плотину"
    assert neutral_text("Росія не підривала греблю") == "хтось підривала греблю"


def test_read_sends_cyrillic_claims_here(claim):
    c = claim("Украинские военные обстреляли больницу", "Минобороны", "russia", places=())
    r = read(c)
    assert (r.frame, r.answer, r.object) == ("responsibility", "ukraine", "hospital")


_CYRILLIC = st.text(alphabet=st.sampled_from(list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ ,.-—«»()0123456789")),
                    max_size=120)


@settings(max_examples=200, deadline=None)
@given(_CYRILLIC, st.sampled_from(["russia", "ukraine", "media", "unknown"]), st.booleans())
def test_any_text_reads_into_a_known_question(text, side, denied):
    r = read_text(text, side, denied)
    assert r.frame in ("responsibility", "ground", "toll", "other")
    assert r.answer in (None, "russia", "ukraine", "none", "undetermined")
    assert neutral_text(text) is not None
