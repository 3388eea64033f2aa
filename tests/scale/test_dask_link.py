"""Linking with its costly steps (encoding, pair features) on Dask's real scheduler gives exactly the
local result: the same events, clusters and relations, with the same ids."""

from __future__ import annotations

import pytest

pytest.importorskip("distributed")

from counterclaim.link import link  # noqa: E402
from counterclaim.models import Claim, Place, Span, Speaker, TimeRange  # noqa: E402
from counterclaim.scale import dask_client, linking_work  # noqa: E402

TEXTS = [
    ("Russian forces blew up the dam at the power plant near Nova Kakhovka", "Interior Ministry", "ukraine"),
    ("the dam was destroyed by a Ukrainian sabotage operation", "Kremlin spokesman", "russia"),
    ("Russian troops deliberately destroyed the dam", "Southern Command", "ukraine"),
    ("it cannot yet be established who is responsible for the destruction of the dam", "US officials", "third_party"),
    ("Ukrainian troops have retaken the village", "General Staff", "ukraine"),
    ("the village has not been taken and our units hold their positions", "Defence Ministry", "russia"),
]


def _claims() -> list[Claim]:
    from datetime import datetime

    day = TimeRange(earliest=datetime(2023, 6, 6), latest=datetime(2023, 6, 6, 23, 59), granularity="day")
    out = []
    for k, (text, who, side) in enumerate(TEXTS):
        span = Span(text=text, start=0, end=len(text))
        place = Place(span=Span(text="", start=0, end=0), name="Nova Kakhovka", lat=46.76, lon=33.36)
        doc = f"doc-{k}"
        out.append(Claim(id=Claim.make_id(doc, who, span, "asserts"), document_id=doc,
                         speaker=Speaker(name=who, side=side), content=span, places=[place], when=day))
    return out


def test_linking_on_the_cluster_gives_the_local_result():
    claims = _claims()
    local = link(claims)
    with dask_client("local", workers=2, models=False) as client:
        remote = link(claims, work=linking_work(client, batch_size=2))
    assert [e.model_dump() for e in remote.events] == [e.model_dump() for e in local.events]
    assert [r.model_dump() for r in remote.relations] == [r.model_dump() for r in local.relations]
    assert any(r.kind == "contradicts" for r in local.relations)  # the set is linked at all
