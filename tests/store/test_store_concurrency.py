"""Several threads writing through one store: every write lands, duplicates are stored once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from counterclaim.models import Document


def test_parallel_adds_all_land(store):
    docs = [Document(id=f"d{i}", text=f"Report number {i}.") for i in range(24)]
    with ThreadPoolExecutor(4) as pool:
        added = list(pool.map(store.add_document, docs))
    assert all(added)
    assert store.count_documents() == 24
    assert len(store.search("report")) == 24


def test_racing_duplicates_store_one_copy(store):
    same = Document(id="dup", text="The same report, sent four times.")
    with ThreadPoolExecutor(4) as pool:
        added = list(pool.map(store.add_document, [same] * 8))
    assert added.count(True) == 1
    assert store.count_documents() == 1


def test_opening_an_empty_database_from_several_threads_at_once(store_url):
    from counterclaim.store import Store

    def open_and_count(_: int) -> int:
        with Store.open(store_url) as opened:
            return opened.count_documents()

    with ThreadPoolExecutor(3) as pool:
        assert list(pool.map(open_and_count, range(3))) == [0, 0, 0]
