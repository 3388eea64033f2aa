"""Linking reads the same claims from every backend, so it links them the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.link.board import link_store
from counterclaim.link.gold import load_gold
from counterclaim.store import Store

REPO = Path(__file__).resolve().parents[2]


def _linked(url: str, items) -> tuple[list, list, list]:
    store = Store.open(url)
    try:
        for doc, claims in items:
            store.add_document(doc)
            store.replace_claims(doc.id, claims)
        link_store(store)
        claims = {c.id: c.model_dump(mode="json") for c in store.claims()}
        return claims, sorted(e.id for e in store.events()), sorted(r.id for r in store.relations())
    finally:
        store.close()


@pytest.mark.postgres
@pytest.mark.slow
def test_sqlite_and_postgresql_give_the_same_events_and_relations(tmp_path, postgres_database):
    items = load_gold(REPO / "demo/gold", REPO / "demo/corpus/json")
    lite = _linked(f"sqlite:///{tmp_path / 'store.db'}", items)
    pg = _linked(postgres_database, items)
    differing = [k for k in lite[0] if lite[0][k] != pg[0].get(k)]
    assert not differing, (differing[:3], [(lite[0][k], pg[0].get(k)) for k in differing[:1]])
    assert lite[1:] == pg[1:]
