"""Documents keep their identified language; search finds Cyrillic words."""

from __future__ import annotations

from counterclaim.lang import identify
from counterclaim.models import Document

UK = "Штаб повідомив, що переправу через річку зруйновано вночі, а рух техніки зупинено до ранку."
TEXT = f"{UK}\nThe bridge was hit overnight."


def _doc() -> Document:
    found = identify(TEXT)
    return Document(id="d-uk", text=TEXT, title="Переправа", language=found.language,
                    paragraph_languages=found.paragraphs)


def test_language_and_paragraph_languages_survive_the_store(store):
    store.add_document(_doc())
    back = store.get_document("d-uk")
    assert back.language == "uk"
    assert back.paragraph_languages == [(0, len(UK), "uk"), (len(UK) + 1, len(TEXT), "en")]
    assert back == _doc().model_copy(update={"source_path": back.source_path})


def test_a_document_without_a_language_reads_back_without_one(store):
    store.add_document(Document(id="d-old", text="An old report."))
    assert store.get_document("d-old").language is None
    assert store.get_document("d-old").paragraph_languages == []


def test_search_finds_a_cyrillic_word(store):
    store.add_document(_doc())
    assert [h["id"] for h in store.search("переправу")] == ["d-uk"]
