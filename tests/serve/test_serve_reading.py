"""Reading a dispute: board cards with each side's claim and numbers, charts that never come out empty and
speak plainly, a track record that counts claims, and Telegram posts shown by channel and post date."""

from __future__ import annotations

import re

import pytest
import serve_data

from counterclaim.models import QuantitySpread
from counterclaim.serve import charts

DOCS, CLAIMS, EVENTS, RELATIONS = serve_data.story()
ADVANCE, REPELLED = EVENTS
X_DOCS, X_CLAIMS, X_EVENTS, _ = serve_data.extras()
LOSSES, POST = X_EVENTS[0], X_DOCS[0]


def _card(html: str, event_id: str) -> str:
    return re.search(rf'<li class="event-row">\s*<a class="title" href="/events/{event_id}">.*?</ul>\s*</li>',
                     html, re.S).group(0)


def test_board_card_has_one_line_per_side_with_its_numbers(extra_client):
    card = _card(extra_client.get("/").text, ADVANCE.id)
    lines = re.findall(r'<li class="side-line">(.*?)</li>', card, re.S)
    assert len(lines) == len(ADVANCE.assessment.positions) == 3
    ukraine, russia, third = lines
    assert "side-ukraine" in ukraine and "Ukraine says it advanced 2 km" in ukraine and "Advance (km) 2" in ukraine
    assert "side-russia" in russia and "The ministry denies; Wagner confirms" in russia and "Advance (km) 2.6" in russia
    assert "side-third_party" in third and "Institute for the Study of War" in third  # no summary: who speaks


@pytest.mark.parametrize(("key", "unit", "expected"), [
    ("LOSSES ukrainian tank", None, "Ukrainian tanks lost"),
    ("LOSSES personnel", None, "Personnel lost"),
    ("LOSSES companie", None, "Companies lost"),
    ("LOSSES count", None, "Losses"),
    ("ADVANCE km", "km", "Advance (km)"),
    ("ADVANCE front km", "km", "Advance: front (km)"),
    ("WITHDRAWAL km2", "km2", "Withdrawal (km²)"),
    ("REPEL tank", None, "Repelled: tanks"),
    ("DEPLOYMENT %", "%", "Deployed (%)"),
    ("ukrainian tank", None, "Ukrainian tanks"),  # the linker's keys name what is counted, without a kind
    ("front km", "km", "Front (km)"),
])
def test_chart_labels_are_readable(key, unit, expected):
    assert charts.label(key, unit) == expected


def test_a_side_whose_figures_merge_into_no_bounds_is_drawn_from_its_figures():
    """≤ 100 and ≥ 100 from one side merge into an interval without bounds; the chart shows both figures."""
    spread = LOSSES.assessment.spreads[0]
    assert spread.by_side == {"russia": (None, None)}
    drawn = charts.spread_bars(spread, X_CLAIMS)
    assert [b.label for b in drawn["bars"]] == ["≤ 100", "≥ 100"]
    assert all(b.x2 > b.x1 for b in drawn["bars"]) and drawn["height"] > 0


def test_a_chart_without_any_figure_says_so_instead_of_drawing_nothing(extra_client):
    empty = QuantitySpread(key="LOSSES personnel", by_side={"unknown": (None, None)})
    assert charts.spread_bars(empty, [])["bars"] == []
    html = extra_client.get(f"/events/{LOSSES.id}").text
    figure = re.search(r'<figure class="spread">.*?</figure>', html, re.S).group(0)
    assert "Personnel lost" in figure and figure.count("<rect") + figure.count("<circle") == 2


def test_charts_scale_with_the_page(extra_client):
    html = extra_client.get(f"/events/{ADVANCE.id}").text
    svg = re.search(r'<svg viewBox="[^"]+"[^>]*class="chart"[^>]*>', html).group(0)
    assert "width=" not in svg.replace("viewBox", "")  # sized by CSS to the container, not in pixels


def test_track_record_counts_claims_and_each_claim_has_its_event_and_verdict(extra_client):
    body = extra_client.get("/api/speakers/Russian Ministry of Defence").json()
    assert body["total_claims"] == 4 and body["claims"]["total"] == 4
    # one claim (the denial) is contradicted by two others: it counts once
    assert (body["corroborated"], body["contradicted"]) == (0, 1)
    by_id = {item["claim"]["id"]: item for item in body["claims"]["items"]}
    denial = CLAIMS[1]
    assert by_id[denial.id]["events"] == [ADVANCE.id] and by_id[denial.id]["verdict"] == "contradicted"
    assert by_id[CLAIMS[3].id]["events"] == [REPELLED.id] and by_id[CLAIMS[3].id]["verdict"] is None
    assert sum(m["claims"] for m in body["by_month"].values()) == 4
    html = extra_client.get("/speakers/Russian Ministry of Defence").text
    assert re.search(r'id="claims-count">4<', html) and re.search(r'id="contradicted-count">1<', html)
    cards = re.findall(r'<li class="claim-card speaker-claim">.*?</li>', html, re.S)
    denial_card = next(c for c in cards if "breakthrough" in c)
    assert f'href="/events/{ADVANCE.id}"' in denial_card and "verdict-contradicted" in denial_card


def test_prigozhin_is_corroborated_and_contradicted_once_each(extra_client):
    body = extra_client.get("/api/speakers/Yevgeny Prigozhin").json()
    assert (body["total_claims"], body["corroborated"], body["contradicted"]) == (1, 1, 1)
    assert body["claims"]["items"][0]["verdict"] == "contested"


def test_telegram_post_shows_channel_and_post_date(extra_client):
    html = extra_client.get(f"/documents/{POST.id}").text
    assert "<h1>Frontline Channel (demo) · post 4100</h1>" in html
    assert "Telegram channel Frontline Channel (demo)" in html and "posted 21 May 2023, 20:52 UTC" in html
    assert "Untitled document" not in html
    listing = extra_client.get("/documents").text
    assert "Frontline Channel (demo) · post 4100</a>" in listing and f">{POST.id}</a>" not in listing
    ref = next(d for d in extra_client.get("/api/documents").json()["items"] if d["id"] == POST.id)
    assert ref["display_title"] == "Frontline Channel (demo) · post 4100" and ref["channel"] == "Frontline Channel (demo)"


def test_relation_reasons_are_shown_as_the_linker_wrote_them(extra_client):
    html = extra_client.get(f"/events/{ADVANCE.id}").text
    assert all(f'<p class="reason">{r.reason}</p>' in html for r in RELATIONS)
