"""Load, the small version CI runs (``make load`` runs the full one: 200 clients for 60 s on a 100k-claim store).

A synthetic store is filled through the repository, ``counterclaim serve`` answers on 127.0.0.1, and
many concurrent loopback clients cycle through the board, events, documents, speakers, search and the
API lists for a few seconds. Every request must succeed; the latencies are printed, not asserted
(timings on a shared machine are benchmarks, not tests).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import webload  # noqa: E402

pytestmark = pytest.mark.load
CLIENTS, SECONDS, CLAIMS = 50, 6.0, 2000


def test_many_clients_get_no_errors(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'load.db'}"
    ids = webload.fill(url, CLAIMS, say=lambda *a: None)
    groups = webload.requests_for(ids)
    with webload.Server(url, tmp_path / "server.log") as server:
        result = webload.drive(server.base, groups, CLIENTS, SECONDS)
    everything = [ms for values in result.latencies.values() for ms in values]
    with capsys.disabled():
        print(f"\n{CLIENTS} clients for {result.seconds:.1f} s on {ids['claims']:,} claims: {result.total:,} requests, "
              f"p50 {webload.pct(everything, .5):.0f} ms, p95 {webload.pct(everything, .95):.0f} ms, "
              f"statuses {result.statuses}")
    assert result.total > len(groups) and set(result.latencies) == set(groups)  # every group was exercised
    assert result.failed == 0, (result.errors, result.statuses, (tmp_path / "server.log").read_text()[-2000:])
