"""The `ingest`, `docs` and `show` commands end to end, against a real store."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli.main import cli, main
from counterclaim.store import Store
from counterclaim.store.schema import documents as documents_table

GOOD_DOCUMENTS = 17
COMMAND = [sys.executable, "-c", "from counterclaim.cli.main import main; main()"]


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_ingest_folder_then_again(fixtures: Path, store_url: str) -> None:
    first = run("ingest", str(fixtures), "--db", store_url)
    assert first.exit_code == 1
    failures = dict(line.split(": ", 1) for line in first.stderr.splitlines())
    assert set(failures) == {str(p) for p in (fixtures / "broken").iterdir()}
    assert failures[str(fixtures / "broken/random.bin")].startswith("binary file, not text")
    assert failures[str(fixtures / "broken/empty.txt")].startswith("empty file")
    assert failures[str(fixtures / "broken/malformed.json")].startswith("line 4 column 3:")
    assert first.stdout == f"{GOOD_DOCUMENTS + 2} new, 0 unchanged, 8 failed\n"
    with Store.open(store_url) as store:
        docs = store.documents()
    assert len(docs) == len({d.id for d in docs}) == GOOD_DOCUMENTS + 2

    second = run("ingest", str(fixtures / "good"), "--db", store_url)
    assert (second.exit_code, second.stdout, second.stderr) == (0, f"0 new, {GOOD_DOCUMENTS} unchanged, 0 failed\n", "")


def test_docs_lists_in_every_format(fixtures: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    run("ingest", str(fixtures / "good/docs.json"), str(fixtures / "good/radio.jsonl"), "--db", db)
    listed = json.loads(run("docs", "--format", "json", "--db", db).stdout)
    assert [d["id"] for d in listed][:1] == ["wire-0412"] and len(listed) == 4
    assert "text" not in listed[0] and listed[0]["chars"] == 103
    rows = list(csv.DictReader(io.StringIO(run("docs", "--format", "csv", "--limit", "2", "--db", db).stdout)))
    assert [r["id"] for r in rows] == ["wire-0412", listed[1]["id"]]
    assert rows[0]["outlet"] == "Example Wire"
    table = run("docs", "--db", db).stdout
    assert "wire-0412" in table and "line-2" in table
    assert [d["id"] for d in json.loads(run("docs", "-q", "evacuated", "--format", "json", "--db", db).stdout)] == ["line-2"]


def test_show_prints_the_stored_text_exactly(fixtures: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    run("ingest", str(fixtures / "good/docs.json"), "--db", db)
    shown = run("show", "wire-0412", "--db", db).stdout
    assert shown.startswith("id: wire-0412\ntitle: Shelling reported overnight\n")
    assert shown.endswith("\n\nLocal officials said shelling damaged a school overnight.\n\nNo casualties were reported, the mayor said.\n")
    doc = json.loads(run("show", "wire-0412", "--format", "json", "--db", db).stdout)
    assert (doc["id"], doc["outlet"], doc["published"]) == ("wire-0412", "Example Wire", "2023-05-11T00:00:00Z")


def test_errors_are_one_line_and_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr(sys, "argv", ["counterclaim", "show", "doc-nope", "--db", f"sqlite:///{tmp_path / 'c.db'}"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    assert capsys.readouterr().err.startswith("Error: no document 'doc-nope'")


def test_ingest_needs_a_path_and_reads_stdin(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert run("ingest", "--db", db).exit_code == 2
    result = CliRunner().invoke(cli, ["ingest", "-", "--db", db], input=b'{"id": "s1", "text": "It was said on stdin."}')
    assert (result.exit_code, result.stdout) == (0, "1 new, 0 unchanged, 0 failed\n")


def test_killed_ingest_leaves_a_consistent_store_and_a_rerun_completes(tmp_path: Path) -> None:
    corpus, db_path = tmp_path / "corpus", tmp_path / "k.db"
    corpus.mkdir()
    count = 1000
    for i in range(count):
        (corpus / f"r{i:04}.txt").write_text(f"Report {i}: a spokesman said attack {i} was repelled.\n")
    db = f"sqlite:///{db_path}"
    child = subprocess.Popen([*COMMAND, "ingest", str(corpus), "--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stored_before_kill = _wait_for_rows(db_path, at_least=20, child=child)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with Store.open(db) as store:
        survivors = store.documents()
    assert stored_before_kill <= len(survivors) < count
    assert all(d.text.startswith(f"Report {int(Path(d.source_path).stem[1:])}:") for d in survivors)

    rerun = subprocess.run([*COMMAND, "ingest", str(corpus), "--db", db], capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout == f"{count - len(survivors)} new, {len(survivors)} unchanged, 0 failed\n"
    with Store.open(db) as store:
        ids = [d.id for d in store.documents()]
    assert len(ids) == len(set(ids)) == count


def _wait_for_rows(db_path: Path, at_least: int, child: subprocess.Popen, timeout: float = 60) -> int:
    """Poll the child's database until it holds ``at_least`` documents; the count seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert child.poll() is None, "the ingest finished before it could be killed: give it more files"
        seen = _count_rows(db_path)
        if seen >= at_least:
            return seen
        time.sleep(0.005)
    pytest.fail("the ingest stored nothing within a minute")


def _count_rows(db_path: Path) -> int:
    if not os.path.exists(db_path):
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=0.1)) as connection:
            return connection.execute(f"SELECT count(*) FROM {documents_table.name}").fetchone()[0]
    except sqlite3.OperationalError:  # schema not created yet, or locked for a moment
        return 0
