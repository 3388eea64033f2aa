"""Ukrainian attribution: the lexicon's verbs and phrases, quotes, and the outlet's own voice."""

from __future__ import annotations

from cyr_helpers import by_content


def test_za_danymy_and_za_slovamy_name_the_speaker(cyr):
    a = by_content(cyr("За даними Генштабу ЗСУ, противник втратив дванадцять танків за добу."), "противник")
    assert a.speaker.name == "General Staff of the Armed Forces of Ukraine"
    assert a.speaker.side == "ukraine"
    b = by_content(cyr("За словами речника бригади, штурм відбито."), "штурм")
    assert b.speaker.mention.text == "речника бригади"


def test_zayavyv_shcho_and_povidomyv_about(cyr):
    text = "Голова громади Петро Коваль заявив, що воду в місто подадуть до вечора."
    c = by_content(cyr(text), "воду")
    assert c.cue.text == "заявив"
    assert c.speaker.mention.text == "Голова громади Петро Коваль"
    d = by_content(cyr("Оперативне командування «Південь» повідомило про знищення переправи."), "переправи")
    assert d.cue.text == "повідомило про"
    assert d.speaker.side == "ukraine"


def test_sprostuvav_is_a_denial(cyr):
    c = by_content(cyr("Речник міністерства спростував чутки про евакуацію лікарні."), "евакуацію")
    assert c.stance == "denies"


def test_inverted_quote_with_a_straight_quote_and_a_hyphen(cyr):
    c = by_content(cyr('"Ми тримаємо оборону на всіх напрямках", - зазначив командир.'), "оборону")
    assert c.speaker.mention.text == "командир"
    assert c.cue.text == "зазначив"


def test_pro_tse_attributes_the_paragraph_before(cyr):
    text = ("Для окупантів ця переправа була головним шляхом постачання.\n\n"
            "Про це аналітики британської розвідки повідомили у своєму огляді.")
    c = by_content(cyr(text), "переправа")
    assert c.speaker.side == "third_party"
    assert c.cue.text == "повідомили"


def test_impersonal_report_goes_to_the_last_speaker(cyr):
    text = ("Аналітики американського інституту повідомили, що фронт стабільний.\n"
            "Наголошується, що резервів у противника майже немає.")
    c = by_content(cyr(text), "резервів")
    assert c.speaker.side == "third_party"


def test_a_title_in_scare_quotes_is_an_occupation_post(cyr):
    c = by_content(cyr("«Мер» окупованого міста Сергій Гринь заявив, що ситуація під контролем."), "ситуація")
    assert c.speaker.side == "russia"


def test_nominal_cue_and_disagreement_with_it(cyr):
    text = ("Не згодні західні експерти із заявою речника Кремля Дмитра Пєскова, згідно з якою удар "
            "завдали українські сили.")
    claims = cyr(text)
    peskov = [c for c in claims if c.speaker.name == "Dmitry Peskov"]
    experts = [c for c in claims if c.stance == "denies"]
    assert peskov and peskov[0].stance == "asserts" and peskov[0].content.text.startswith("удар")
    assert experts and experts[0].speaker.side == "third_party"


def test_the_lead_paragraph_is_the_outlets_own_report(cyr):
    text = ("Вранці російські війська обстріляли передмістя Херсона з артилерії.\n\n"
            "Голова області заявив, що постраждалих немає.")
    claims = cyr(text, outlet="Тестова редакція")
    lead = by_content(claims, "обстріляли")
    assert lead.speaker.side == "media" and lead.cue is None
    assert by_content(claims, "постраждалих").speaker.mention.text == "Голова області"


def test_english_paragraphs_in_a_ukrainian_document_are_left_to_the_english_pipeline(cyr):
    text = ("Речник штабу повідомив, що наступ зупинено.\n"
            "The spokesman said the advance had been halted, officials added.")
    claims = cyr(text)
    assert all("spokesman" not in c.content.text for c in claims)
