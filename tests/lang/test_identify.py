"""Language identification: per paragraph among English, Russian and Ukrainian, stored with the document."""

from __future__ import annotations

import pytest

from counterclaim.lang import identify, language_of

RU = "Губернатор области сообщил журналистам, что ночью над городом сбили восемь беспилотников."
UK = "Голова обласної адміністрації повідомив журналістам, що вночі над містом збили вісім безпілотників."
EN = "The regional governor told reporters that eight drones were shot down over the city overnight."


def test_each_paragraph_gets_its_own_language():
    text = f"{RU}\n\n{UK}\n{EN}"
    found = identify(text)
    assert [lang for _, _, lang in found.paragraphs] == ["ru", "uk", "en"]
    assert [text[s:e] for s, e, _ in found.paragraphs] == [RU, UK, EN]


def test_the_document_language_is_the_one_most_letters_are_in():
    assert identify(f"{UK}\n{UK}\n{RU}").language == "uk"
    assert identify(f"{EN}\n{RU}\n{RU}").language == "ru"


def test_a_paragraph_without_letters_has_no_language():
    found = identify(f"{RU}\n12:45 — 2,6\n")
    assert found.paragraphs[1][2] is None
    assert found.at(found.paragraphs[1][0]) == "ru"  # falls back to the document's
    assert identify("   \n 42 \n").language is None


def test_latin_text_is_english_without_loading_the_detector(monkeypatch):
    """Extraction of English reports must not pay for lingua's models."""
    import counterclaim.lang.detect as module

    def refuse():
        raise AssertionError("lingua loaded for Latin-script text")

    monkeypatch.setattr(module, "_detector", refuse)
    assert language_of("Kyiv said the attack was repelled.") == "en"
    assert identify(EN).language == "en"


@pytest.mark.parametrize("text, expected", [("Київ", "uk"), ("Привет, как дела у вас сегодня?", "ru")])
def test_short_texts_are_still_told_apart(text, expected):
    assert language_of(text) == expected


def test_ingest_stores_the_language_with_the_document(tmp_path):
    from counterclaim.ingest import read_file

    path = tmp_path / "report.txt"
    path.write_text(f"{UK}\n\n{RU}\n", encoding="utf-8")
    (doc,) = read_file(path)
    assert doc.language == "uk"
    assert [lang for _, _, lang in doc.paragraph_languages] == ["uk", "ru"]
    assert identify(doc.text).language == doc.language
