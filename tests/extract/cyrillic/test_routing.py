"""Routing by language: English documents take the English pipeline unchanged, in input order."""

from __future__ import annotations

from cyr_helpers import make_doc

from counterclaim.extract import attribution_claims, routing


def test_english_documents_go_to_the_english_pipeline_and_order_is_kept(monkeypatch):
    seen = []

    def english(docs, spans=None):
        for doc in docs:
            seen.append(doc.id)
            yield doc, ["english"]

    monkeypatch.setattr(attribution_claims, "extract_many", english)
    docs = [make_doc("Губернатор заявил, что мост цел."), make_doc("The governor said the bridge held."),
            make_doc("Голова громади заявив, що міст цілий."), make_doc("Officials said nothing else.")]
    out = list(routing.extract_many(docs))
    assert [d.id for d, _ in out] == [d.id for d in docs]
    assert seen == [docs[1].id, docs[3].id]  # only the English ones, as before
    assert out[1][1] == ["english"] and out[3][1] == ["english"]
    assert out[0][1][0].speaker.mention.text == "Губернатор"
    assert out[2][1][0].method.startswith("uk:")


def test_documents_stored_before_identification_are_identified_on_the_fly():
    doc = make_doc("Штаб сообщил, что атака отбита.").model_copy(update={"language": None, "paragraph_languages": []})
    assert routing.language(doc) == "ru"


def test_odd_script_is_reported_with_the_document(caplog):
    doc = make_doc("Штаб сообщил, что Мoсква молчит.")
    routing.warn_script(doc)
    assert "mix Latin and Cyrillic" in caplog.text and doc.id in caplog.text
