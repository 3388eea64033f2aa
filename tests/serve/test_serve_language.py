"""The app shows a document's language: on its page (with a lang attribute on the text) and in the API."""

from __future__ import annotations

from fastapi.testclient import TestClient
from serve_data import TOKEN

from counterclaim.lang import identify
from counterclaim.models import Document
from counterclaim.serve.app import create_app
from counterclaim.store import Store

TEXT = "Командування повідомило, що вночі над областю збито дев'ять безпілотників, <b>уламки</b> впали в полі."


def test_document_page_and_api_show_the_language(store_copy):
    found = identify(TEXT)
    with Store.open(store_copy) as store:
        store.add_document(Document(id="d-lang", text=TEXT, title="Нічна атака", language=found.language,
                                    paragraph_languages=found.paragraphs))
    with TestClient(create_app(store_copy, TOKEN)) as client:
        html = client.get("/documents/d-lang").text
        assert 'lang="uk"' in html and "Ukrainian" in html
        assert "<b>уламки</b>" not in html  # still escaped
        assert client.get("/api/documents/d-lang").json()["language"] == "uk"
        listed = client.get("/api/documents", params={"limit": 200}).json()["items"]
        assert {d["id"]: d.get("language") for d in listed}["d-lang"] == "uk"
