"""Independence: one speaker is one witness; syndicated texts are one report; adversaries agreeing."""

from __future__ import annotations

from counterclaim.link import link
from counterclaim.link.independence import Syndication, same_witness

REPORT = ("Ukrainian forces advanced near Bakhmut on Thursday, pushing Russian troops back from positions "
          "southwest of the city, the outlet's correspondent reported from the front line after a night of "
          "heavy shelling across the sector, with both sides bringing up reserves.")


def test_near_duplicate_documents_are_one_report_and_distinct_ones_are_not(document):
    docs = {"a": document("a", REPORT, "Outlet A"),
            "b": document("b", REPORT.replace("Thursday", "Thursday morning"), "Outlet B"),
            "c": document("c", "Missiles struck Kherson overnight, the regional governor said on Telegram.")}
    syndication = Syndication(docs)
    assert syndication.same_report("a", "b") and syndication.same_report("b", "a")
    assert not syndication.same_report("a", "c")
    assert not syndication.same_report("a", "a") and not syndication.same_report("a", "unknown")


def test_an_outlet_voice_repeated_by_syndication_is_not_independent(claim, document):
    text = "Ukrainian forces advanced near Bakhmut"
    docs = {"a": document("a", REPORT, "Outlet A"), "b": document("b", REPORT + " ", "Outlet B")}
    a = claim(text, "Outlet A", "media", doc="a")
    b = claim(text, "Outlet B", "media", doc="b")
    assert link([a, b], docs).relations[0].independent is False
    assert link([a, b]).relations[0].independent is True  # without the texts there is nothing to compare


def test_a_surname_and_the_full_name_are_one_witness(claim):
    assert same_witness(claim("x", "Prigozhin"), claim("y", "Yevgeny Prigozhin"))
    assert not same_witness(claim("x", "Russian Ministry of Defence"), claim("y", "Ganna Malyar"))


def test_the_same_actor_id_is_one_witness_whatever_the_name(claim):
    assert same_witness(claim("x", "Malyar", actor_id="ua-malyar"), claim("y", "Deputy Minister", actor_id="ua-malyar"))
