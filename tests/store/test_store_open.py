"""Opening a store: migrations from empty, cheap re-opens, and clear errors for bad URLs and databases."""

from __future__ import annotations

import socket

import pytest
from alembic import command
from sqlalchemy import inspect, text

import counterclaim.store
from counterclaim.errors import StoreError
from counterclaim.models import Document
from counterclaim.store import Store, migrate

TABLES = {"documents", "claims", "events", "event_claims", "relations", "reviews", "side_overrides",
          "alembic_version"}


def test_public_api():
    assert counterclaim.store.__all__ == ["Store"]


def test_open_migrates_an_empty_database_to_head(store):
    with store.engine.connect() as connection:
        assert migrate.current(connection) == migrate.head()
        assert TABLES <= set(inspect(connection).get_table_names())


def test_an_empty_file_is_migrated(tmp_path):
    (tmp_path / "empty.db").touch()
    with Store.open(f"sqlite:///{tmp_path}/empty.db") as opened:
        assert opened.count_documents() == 0 and opened.add_document(Document(id="d", text="first"))


def test_reopening_keeps_data_and_runs_no_migration(store_url, monkeypatch):
    with Store.open(store_url) as first:
        first.add_document(Document(id="d1", text="kept"))
    monkeypatch.setattr(command, "upgrade", lambda *a, **k: pytest.fail("re-open ran a migration"))
    with Store.open(store_url) as again:
        assert again.get_document("d1").text == "kept"


def test_migration_downgrades_and_upgrades_again(store):
    config = migrate.alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    with store.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    reopened = Store.open(store.engine.url.render_as_string(hide_password=False))
    assert reopened.count_documents() == 0 and reopened.search("x") == []
    reopened.close()


def test_database_from_a_newer_schema_is_refused(store_url):
    Store.open(store_url).close()
    with Store.open(store_url) as opened, opened.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="schema revision '9999', newer than .*upgrade counterclaim"):
        Store.open(store_url)


@pytest.mark.parametrize("url", ["mysql://u@h/db", "oracle://x", "sqlite+aiosqlite:///x.db"])
def test_unknown_url_scheme(url):
    with pytest.raises(StoreError, match="unknown store URL scheme .*sqlite:///PATH or postgresql"):
        Store.open(url)


def test_unreadable_url():
    with pytest.raises(StoreError, match="cannot read the store URL 'not a url'"):
        Store.open("not a url")


def test_unreachable_server_is_named():
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(StoreError) as caught:
        Store.open(f"postgresql://someone:secret@127.0.0.1:{port}/db")
    message = str(caught.value)
    assert "cannot reach the database server" in message and f"127.0.0.1:{port}" in message
    assert "secret" not in message


def test_missing_directory_and_non_database_file(tmp_path):
    with pytest.raises(StoreError, match="check that the directory exists"):
        Store.open(f"sqlite:///{tmp_path}/no/such/dir/x.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        Store.open(f"sqlite:///{junk}")


def test_sqlite_uses_wal_and_enforces_foreign_keys(tmp_path):
    with Store.open(f"sqlite:///{tmp_path}/s.db") as opened, opened.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_in_memory_sqlite_is_one_database():
    with Store.open("sqlite://") as opened:
        assert opened.add_document(Document(id="m", text="in memory"))
        assert opened.search("memory")[0]["id"] == "m"
