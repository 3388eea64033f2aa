"""In real Chromium: what an analyst sees on the board, an event, a speaker and a Telegram post, on a desktop
and on a 390 px phone (no sideways scrolling, filters behind a button, claim details on tap).

Run with ``pytest tests/serve --browser chromium``. Screenshots land in test-artifacts/.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
import serve_data
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ADVANCE = serve_data.story()[2][0]
LOSSES = serve_data.extras()[2][0]
POST = serve_data.extras()[0][0]
PHONE = {"width": 390, "height": 844}
PAGES = ["/", "/?q=Bakhmut", f"/events/{ADVANCE.id}", f"/events/{LOSSES.id}", f"/documents/{POST.id}",
         f"/documents/{serve_data.story()[0][0].id}", "/documents", "/speakers", "/speakers/Hanna%20Maliar",
         "/speakers/Russian%20Ministry%20of%20Defence", "/timeline", "/map", "/search?q=Bakhmut", "/login"]


def _errors(page) -> list[str]:
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(page, extra_server, artifacts, path):
    errors = _errors(page)
    page.set_viewport_size(PHONE)
    assert page.goto(extra_server + path).status == 200
    width = page.evaluate("document.documentElement.scrollWidth")
    name = path.strip("/").replace("/", "_").replace("?", "_").replace("%20", "_")[:60] or "board"
    page.screenshot(path=artifacts / f"phone-{name}.png", full_page=True)
    assert width <= PHONE["width"], f"{path} is {width} px wide"
    assert errors == []


def test_filters_fold_behind_a_button_on_a_phone(page, extra_server, artifacts):
    page.set_viewport_size(PHONE)
    page.goto(extra_server + "/")
    speaker = page.locator("#filters input[name=speaker]")
    expect(speaker).to_be_hidden()
    page.get_by_text("Filters", exact=True).click()
    expect(speaker).to_be_visible()
    speaker.fill("Malyar")  # an alias: the app suggests the stored name
    expect(page.locator("#speaker-names option[value='Hanna Maliar']")).to_have_count(1)
    page.screenshot(path=artifacts / "phone-filters-open.png", full_page=True)
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#board-total")).to_have_text("1 event")


def test_claim_details_open_on_tap(browser, extra_server, artifacts):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(extra_server + f"/documents/{serve_data.story()[0][0].id}")
    page.locator("mark.claim").first.tap()
    tip = page.locator(".tap-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Hanna Maliar (ukraine) asserts")
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.screenshot(path=artifacts / "phone-tap-claim.png", full_page=False)
    page.locator("h1").tap()
    expect(tip).to_have_count(0)
    context.close()


def test_board_cards_say_who_claims_what_per_side(page, extra_server, artifacts):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(extra_server + "/")
    card = page.locator("li.event-row", has=page.locator(f"a[href='/events/{ADVANCE.id}']"))
    lines = card.locator("li.side-line")
    expect(lines).to_have_count(3)
    expect(lines.nth(0)).to_contain_text("Ukraine says it advanced 2 km")
    expect(lines.nth(1)).to_contain_text("Advance (km) 2.6")
    for i in range(3):  # one line each
        box = lines.nth(i).bounding_box()
        assert box["height"] < 30
    page.screenshot(path=artifacts / "board-cards.png", full_page=True)


def test_number_chart_is_drawn_labelled_and_fits_the_screen(page, extra_server, artifacts):
    for viewport in ({"width": 1366, "height": 900}, PHONE):
        page.set_viewport_size(viewport)
        page.goto(extra_server + f"/events/{LOSSES.id}")
        figure = page.locator("figure.spread").first
        expect(figure.locator("figcaption")).to_have_text("Personnel lost")
        expect(figure.locator("svg rect.bar, svg circle.point")).to_have_count(2)
        expect(figure.locator("svg text.value-label")).to_have_text(["≤ 100", "≥ 100"])
        box = figure.locator("svg").bounding_box()
        assert box["width"] > 100 and box["x"] + box["width"] <= viewport["width"]
    page.screenshot(path=artifacts / "phone-chart.png", full_page=True)


def test_speaker_track_record_links_each_claim_to_its_event(page, extra_server, artifacts):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(extra_server + "/speakers/" + quote("Russian Ministry of Defence"))
    expect(page.locator("#claims-count")).to_have_text("4")
    expect(page.locator("#contradicted-count")).to_have_text("1")
    denial = page.locator("li.speaker-claim", has_text="breakthrough")
    expect(denial.locator(".claim-verdict")).to_have_text("contradicted")
    denial.locator("a.claim-event").click()
    expect(page).to_have_url(f"{extra_server}/events/{ADVANCE.id}")
    page.screenshot(path=artifacts / "speaker-to-event.png", full_page=True)


def test_telegram_post_is_titled_by_its_channel(page, extra_server):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(extra_server + "/documents")
    page.get_by_role("link", name="Frontline Channel (demo) · post 4100").click()
    expect(page.locator("h1")).to_have_text("Frontline Channel (demo) · post 4100")
    expect(page.locator(".meta .posted")).to_have_text("posted 21 May 2023, 20:52 UTC")


def test_search_hits_show_who_where_and_when(page, extra_server):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(extra_server + "/search?q=repelled")
    hit = page.locator("li.hit", has=page.locator(".hit-speaker")).first
    expect(hit.locator(".hit-speaker")).to_have_text("Russian Ministry of Defence")
    expect(hit.locator(".side")).to_have_text("Russia")
    expect(hit.locator(".hit-outlet")).to_have_text("Sample Daily")
    expect(hit.locator(".hit-date")).to_have_text("13 May 2023")
