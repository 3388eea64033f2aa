"""Russian attribution: one construction per test, on sentences written for the test."""

from __future__ import annotations

from cyr_helpers import by_content


def test_verb_then_chto_gives_speaker_cue_and_clause(cyr):
    claims = cyr("Пресс-секретарь губернатора Иван Петров заявил, что мост через реку полностью восстановлен.")
    (c,) = claims
    assert c.speaker.mention.text == "Пресс-секретарь губернатора Иван Петров"
    assert c.cue.text == "заявил"
    assert c.content.text == "мост через реку полностью восстановлен"
    assert c.stance == "asserts"


def test_according_to_phrase_names_the_speaker_in_the_genitive(cyr):
    c = by_content(cyr("По словам командира батальона, противник отступил к лесополосе."), "противник")
    assert c.speaker.mention.text == "командира батальона"
    assert c.cue.text == "По словам"
    assert c.content.text == "противник отступил к лесополосе"


def test_quote_before_the_verb_belongs_to_the_subject_after_it(cyr):
    claims = cyr("«Колонна прошла без потерь, все машины целы», — сказал представитель штаба.")
    c = by_content(claims, "Колонна")
    assert c.content.text == "Колонна прошла без потерь, все машины целы"
    assert c.speaker.mention.text == "представитель штаба"
    assert c.cue.text == "сказал"


def test_content_before_a_verb_at_the_end_of_the_sentence(cyr):
    c = by_content(cyr("Склад с боеприпасами уничтожен точным ударом, сообщил пресс-центр группировки."), "Склад")
    assert c.speaker.mention.text == "пресс-центр группировки"


def test_denial_verbs_and_calling_a_report_fake_are_denials(cyr):
    denied = by_content(cyr("Министерство обороны России опровергло сообщения о потере двух вертолетов."),
                        "вертолетов")
    assert denied.stance == "denies"
    assert denied.speaker.side == "russia"
    called = by_content(cyr("Глава администрации назвал фейком публикации о взрыве на заводе."), "взрыве")
    assert called.stance == "denies"
    assert called.content.text == "взрыве на заводе"


def test_content_that_says_it_is_untrue_is_a_denial(cyr):
    c = by_content(cyr("Представитель штаба сказал, что эта информация не соответствует действительности."),
                   "информация")
    assert c.stance == "denies"


def test_not_denying_asserts(cyr):
    c = by_content(cyr("Губернатор не отрицал, что часть жителей эвакуирована."), "жителей")
    assert c.stance == "asserts"


def test_pronoun_and_title_refer_back_to_the_named_speaker(cyr):
    text = ("Министр обороны России Сергей Шойгу заявил, что наступление отбито.\n"
            "Он добавил, что потери противника велики.\n"
            "По словам министра, резервы переброшены к фронту.")
    claims = cyr(text)
    assert {c.speaker.name for c in claims} == {"Sergei Shoigu"}
    assert {c.speaker.side for c in claims} == {"russia"}


def test_a_quote_paragraph_continues_the_last_speaker(cyr):
    text = ("Командир роты Олег Сидоров рассказал, что бой шёл всю ночь.\n"
            "«Мы удержали позиции. Подкрепление пришло к утру».")
    c = by_content(cyr(text), "удержали")
    assert c.speaker.name == "Олег Сидоров"
    assert c.cue.text == "рассказал"


def test_an_interrupted_quote_belongs_to_the_speaker_between_the_dashes(cyr):
    text = "«Это была ошибка, – признал Сидоров. – Мы исправим её быстро»."
    c = by_content(cyr(text), "ошибка")
    assert c.speaker.mention.text == "Сидоров"


def test_cited_source_speaks_not_the_agency_relaying_it(cyr):
    c = by_content(cyr("Агентство со ссылкой на собеседника в штабе сообщает, что колонна остановлена."),
                   "колонна")
    assert c.speaker.mention.text.startswith("собеседника")


def test_ob_etom_attributes_the_sentence_before(cyr):
    text = "Три деревни остались без электричества после удара.\nОб этом заявил глава района."
    c = by_content(cyr(text), "деревни")
    assert c.speaker.mention.text == "глава района"
    assert c.cue.text == "заявил"


def test_a_demonstrative_is_no_speaker(cyr):
    text = "Колонна ушла на север, это указывает на то, что штаб готовит отход, добавил Сидоров."
    claims = cyr(text)
    assert all(c.speaker.mention is None or c.speaker.mention.text != "это" for c in claims)
    assert by_content(claims, "Колонна").speaker.mention.text == "Сидоров"


def test_a_transliterated_name_in_latin_letters_resolves_through_the_registry(cyr):
    c = by_content(cyr("Как заявил Prigozhin, его бойцы вышли к окраине города."), "бойцы")
    assert c.speaker.name == "Yevgeny Prigozhin" and c.speaker.side == "russia"


def test_an_inflected_cyrillic_alias_names_the_actor(cyr):
    c = by_content(cyr("Пресс-служба Евгения Пригожина сообщила, что штурм продолжается."), "штурм")
    assert c.speaker.name == "Yevgeny Prigozhin"
    d = by_content(cyr("В Генштабе ВСУ отметили, что удар пришёлся по складу."), "удар")
    assert d.speaker.side == "ukraine"
