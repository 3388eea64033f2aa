"""Finding things: text search over claims, speakers, places and documents, ranked; speakers by alias or part
of a name; places by any of their names, Cyrillic included; inclusive dates; real totals and pages everywhere."""

from __future__ import annotations

import re

import pytest
import serve_data

from counterclaim.serve import pages

DOCS, CLAIMS, EVENTS, RELATIONS = serve_data.story()
ADVANCE, REPELLED = EVENTS
LOSSES = serve_data.extras()[2][0]
POST = serve_data.extras()[0][0]


def _ids(client, **params) -> list[str]:
    body = client.get("/api/events", params=params).json()
    assert body["total"] == len(body["items"]), body  # one page holds them all here
    return [e["id"] for e in body["items"]]


@pytest.mark.parametrize("q", ["Wagner", "wagner", "WAGNER GROUP"])
def test_board_text_finds_events_by_what_their_claims_say_and_who_says_it(extra_client, q):
    """"Wagner" is in no event title: it is Prigozhin's organisation, so his event is found."""
    assert _ids(extra_client, q=q) == [ADVANCE.id]
    html = extra_client.get("/", params={"q": q}).text
    assert f'href="/events/{ADVANCE.id}"' in html and f'href="/events/{REPELLED.id}"' not in html


@pytest.mark.parametrize(("q", "expected"), [
    ("Sample Daily", [REPELLED.id, ADVANCE.id]),  # an outlet: both events draw on its report
    ("Maliar", [ADVANCE.id]),  # a speaker
    ("Soledar", [REPELLED.id, ADVANCE.id]),  # a place, in a title and (for the advance) a source's headline
])
def test_board_text_is_ranked_best_match_first(extra_client, q, expected):
    assert _ids(extra_client, q=q) == expected


@pytest.mark.parametrize("speaker", ["Prigozhin", "prig", "Yevgeny Prigozhin", "Evgeny Prigozhin"])
def test_speaker_filter_takes_part_of_a_name_or_an_alias(extra_client, speaker):
    assert _ids(extra_client, speaker=speaker) == [ADVANCE.id]


@pytest.mark.parametrize(("speaker", "expected"), [
    ("Malyar", {"Hanna Maliar"}), ("ISW", {"Institute for the Study of War"}),
    ("Russian MoD", {"Russian Ministry of Defence"}), ("defence", {"Russian Ministry of Defence"}),
])
def test_speaker_suggestions_come_from_aliases(extra_client, speaker, expected):
    names = {s["name"] for s in extra_client.get("/api/speakers", params={"q": speaker}).json()["items"]}
    assert expected <= names


def test_unknown_speaker_matches_nothing(extra_client):
    assert _ids(extra_client, speaker="Nobody At All") == []


def test_board_offers_speaker_suggestions_in_a_datalist(extra_client):
    html = extra_client.get("/").text
    field = re.search(r'<input name="speaker"[^>]*>', html).group(0)
    assert 'list="speaker-names"' in field
    datalist = re.search(r'<datalist id="speaker-names">(.*?)</datalist>', html, re.S).group(1)
    assert {"Hanna Maliar", "Yevgeny Prigozhin", "Russian Ministry of Defence"} <= set(
        re.findall(r'<option value="([^"]+)"', datalist))


@pytest.mark.parametrize("place", ["Bakhmut", "bakhmut", "Artemovsk", "Artemivsk", "Бахмут", "Артемовск"])
def test_place_filter_knows_every_name_of_a_town(extra_client, place):
    assert set(_ids(extra_client, place=place)) == {ADVANCE.id, LOSSES.id}


@pytest.mark.parametrize("place", ["Soledar", "Соледар"])
def test_place_filter_in_cyrillic(extra_client, place):
    assert _ids(extra_client, place=place) == [REPELLED.id]


@pytest.mark.parametrize(("params", "expected"), [
    ({"until": "2023-05-12"}, {ADVANCE.id, REPELLED.id}),  # the "to" day counts in full (Soledar starts 09:00)
    ({"until": "2023-05-20"}, {ADVANCE.id, REPELLED.id, LOSSES.id}),  # losses start on 20 May at noon
    ({"since": "2023-05-22", "until": "2023-05-30"}, {LOSSES.id}),  # 20–22 May overlaps
    ({"since": "2023-05-13", "until": "2023-05-13"}, {REPELLED.id}),  # a one-day range
    ({"since": "2023-05-14", "until": "2023-05-19"}, set()),
])
def test_dates_are_inclusive_and_ranges_overlap(extra_client, params, expected):
    assert set(_ids(extra_client, **params)) == expected
    html = extra_client.get("/", params=params).text
    assert {e.id for e in (ADVANCE, REPELLED, LOSSES) if f'href="/events/{e.id}"' in html} == expected


def test_api_lists_have_real_totals_and_pages(extra_client):
    for path, total in (("/api/events", 3), ("/api/claims", 8), ("/api/documents", 3), ("/api/relations", 4),
                        ("/api/speakers", 5)):
        seen = []
        for offset in range(0, total + 1, 2):
            body = extra_client.get(path, params={"limit": 2, "offset": offset}).json()
            assert body["total"] == total and body["offset"] == offset, path
            seen += [item.get("id") or item.get("name") for item in body["items"]]
        assert len(seen) == total == len(set(seen)), path


def test_board_pages_say_where_they_are(extra_client, monkeypatch):
    monkeypatch.setattr(pages, "PAGE", 2)
    first = extra_client.get("/").text
    assert "1–2 of 3 events" in first and 'rel="next" href="/?offset=2"' in first
    second = extra_client.get("/?offset=2").text
    assert "3–3 of 3 events" in second and 'rel="prev"' in second and 'rel="next"' not in second
    filtered = extra_client.get("/", params={"place": "Bakhmut"}).text
    assert "1–2 of 2 events" in filtered


@pytest.mark.parametrize("path", ["/documents", "/speakers", "/timeline", "/search?q=Bakhmut"])
def test_every_list_page_has_a_pager_with_the_total(extra_client, monkeypatch, path):
    monkeypatch.setattr(pages, "PAGE", 1)
    html = extra_client.get(path).text
    assert re.search(r"1–\d+ of \d+ \w+", html) and 'rel="next"' in html


def test_search_total_matches_the_api_and_pages_do_not_overlap(extra_client):
    body = extra_client.get("/api/search", params={"q": "Bakhmut", "limit": 3}).json()
    assert body["total"] > 3
    rest = extra_client.get("/api/search", params={"q": "Bakhmut", "limit": 3, "offset": 3}).json()
    assert not {h["id"] for h in body["items"]} & {h["id"] for h in rest["items"]}
    html = extra_client.get("/search", params={"q": "Bakhmut"}).text
    assert f"{body['total']} matches" in html


def test_search_hits_show_speaker_side_outlet_and_date(extra_client):
    body = extra_client.get("/api/search", params={"q": "repelled"}).json()
    hit = next(h for h in body["items"] if h["kind"] == "claim")
    assert (hit["speaker"], hit["side"], hit["outlet"]) == ("Russian Ministry of Defence", "russia", "Sample Daily")
    assert hit["date"].startswith("2023-05-13")
    html = extra_client.get("/search", params={"q": "repelled"}).text
    item = re.search(r'<li class="hit">.*?</li>', html, re.S).group(0)
    for shown in ("Russian Ministry of Defence", "side-russia", "Sample Daily", "13 May 2023"):
        assert shown in item


def test_search_names_speakers_and_places(extra_client):
    body = extra_client.get("/api/search", params={"q": "Artemovsk"}).json()
    assert body["places"] == ["bakhmut"]
    body = extra_client.get("/api/search", params={"q": "Malyar"}).json()
    assert [s["name"] for s in body["speakers"]] == ["Hanna Maliar"]


@pytest.mark.parametrize("q", ["бои", "БОИ", "Бахмута"])
def test_cyrillic_text_is_found_in_any_case(extra_client, q):
    hits = extra_client.get("/api/search", params={"q": q}).json()["items"]
    assert {(h["kind"], h["id"]) for h in hits} >= {("document", POST.id)}
