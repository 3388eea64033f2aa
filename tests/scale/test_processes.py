"""Extraction in several processes (spaCy's ``nlp.pipe(n_process=...)``) gives the claims one process gives."""

from __future__ import annotations

import pytest
from scale_data import _docs, _dumped

pytest.importorskip("counterclaim.extract")


@pytest.mark.slow
def test_two_processes_find_the_claims_one_process_finds():
    from counterclaim.extract import extract_many

    one = list(extract_many(_docs()))
    two = list(extract_many(_docs(), n_process=2))
    assert [d.id for d, _ in two] == [d.id for d, _ in one]  # input order kept
    assert _dumped((d.id, c) for d, c in two) == _dumped((d.id, c) for d, c in one)
    assert sum(len(c) for _, c in one) >= len(_docs())


@pytest.mark.slow
def test_extract_command_with_processes_stores_the_serial_claims(tmp_path):
    from click.testing import CliRunner

    from counterclaim.cli.main import cli
    from counterclaim.store import Store

    urls = [f"sqlite:///{tmp_path / name}" for name in ("one.db", "two.db")]
    for url in urls:
        with Store.open(url) as store:
            for doc in _docs():
                store.add_document(doc)
    runner = CliRunner()
    assert runner.invoke(cli, ["extract", "--db", urls[0]]).exit_code == 0
    result = runner.invoke(cli, ["extract", "--db", urls[1], "--processes", "2"])
    assert result.exit_code == 0, result.output
    with Store.open(urls[0]) as a, Store.open(urls[1]) as b:
        assert [c.model_dump() for c in a.claims()] == [c.model_dump() for c in b.claims()]
