"""In real Chromium against the real server: the analyst's path through the app, and no script from the data.

Run with ``pytest tests/serve --browser chromium``. Screenshots land in test-artifacts/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
import serve_data
from playwright.sync_api import expect
from serve_data import TOKEN

pytestmark = pytest.mark.browser

ADVANCE = serve_data.story()[2][0]
H_DOCS, H_CLAIMS, H_EVENTS, _ = serve_data.hostile()


def _watch(page) -> dict:
    """Collect the page's dialogs (a script ran) and console errors (e.g. CSP violations)."""
    seen = {"dialogs": [], "errors": []}

    def on_dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    return seen


def test_analyst_reviews_a_disputed_event(page, live_server, artifacts):
    seen = _watch(page)
    page.set_viewport_size({"width": 1366, "height": 860})
    page.goto(live_server + "/")
    expect(page.locator("h1")).to_contain_text("Dispute board")
    page.screenshot(path=artifacts / "board.png", full_page=True)

    page.get_by_role("link", name="Ukrainian advance near Bakhmut").click()
    expect(page.locator(".border-ukraine")).to_contain_text("Hanna Maliar")
    expect(page.locator(".border-russia")).to_contain_text("Russian Ministry of Defence")
    expect(page.locator(".border-third_party")).to_contain_text("Institute for the Study of War")
    expect(page.locator("blockquote.source mark.claim")).to_have_count(4)
    expect(page.locator("figure.spread svg .point")).to_have_count(2)
    page.screenshot(path=artifacts / "event.png", full_page=True)

    page.get_by_role("link", name="Log in to review").click()
    page.screenshot(path=artifacts / "login.png")
    page.fill("input[name=token]", TOKEN)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(f"/events/{ADVANCE.id}"))
    relation = page.locator("li.relation").first
    relation.locator("input[name=reason]").fill("both reports checked against the originals")
    relation.get_by_role("button", name="Confirm").click()
    expect(page.locator("li.relation").first).to_contain_text("confirmed by analyst")
    expect(page.locator("li.relation").first).to_contain_text("both reports checked against the originals")
    page.screenshot(path=artifacts / "event-reviewed.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="ClaimReview JSON-LD").click()
    reviews = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert {r["@type"] for r in reviews} == {"ClaimReview"} and len(reviews) == 4
    # the review re-assesses the event: the analyst agreeing with Ukraine is a corroboration, not one across
    # sides (only Russia and Ukraine oppose each other)
    assert {r["reviewRating"]["alternateName"] for r in reviews} == {"Disputed", "Contradicted", "Corroborated"}
    assert seen == {"dialogs": [], "errors": []}


@pytest.mark.parametrize(("name", "path"), [
    ("document", f"/documents/{serve_data.story()[0][0].id}"),
    ("speaker", "/speakers/Hanna%20Maliar"),
    ("speakers", "/speakers"),
    ("documents", "/documents"),
    ("timeline", "/timeline"),
    ("map", "/map"),
    ("search", "/search?q=Bakhmut"),
])
def test_every_page_loads_cleanly_under_csp(page, live_server, artifacts, name, path):
    seen = _watch(page)
    page.set_viewport_size({"width": 1366, "height": 860})
    response = page.goto(live_server + path)
    assert response.status == 200
    page.screenshot(path=artifacts / f"{name}.png", full_page=True)
    assert seen == {"dialogs": [], "errors": []}


def test_csp_blocks_an_inline_script(page, live_server):
    seen = _watch(page)
    page.goto(live_server + "/__test__/unescaped?html=" + quote("<script>alert('inline')</script>"))
    assert seen["dialogs"] == []
    assert any("Content Security Policy" in e for e in seen["errors"])


def test_dialog_listener_sees_a_script_that_runs(page, escaping_server):
    seen = _watch(page)
    page.goto(escaping_server + "/__test__/unescaped?html=" + quote("<img src=x onerror=alert('proof')>"))
    page.wait_for_function("document.readyState === 'complete'")
    expect(page.locator("img")).to_have_count(1)
    page.wait_for_timeout(300)
    assert seen["dialogs"] == ["proof"]


def test_no_payload_runs_on_any_page(page, escaping_server, artifacts):
    """CSP is off on this server: escaping alone must keep every payload inert."""
    seen = _watch(page)
    speaker = quote(H_CLAIMS[0].speaker.name, safe="")
    paths = ["/", f"/events/{H_EVENTS[0].id}", "/documents", "/documents/doc-hostile", "/speakers",
             f"/speakers/{speaker}", "/timeline", "/map", "/search?q=bridge", "/?q=" + quote(serve_data.PAYLOADS[0])]
    for path in paths:
        page.goto(escaping_server + path)
        for mark in page.locator("mark").all()[:10]:
            mark.hover()
    page.goto(escaping_server + f"/events/{H_EVENTS[0].id}")
    expect(page.locator("h1")).to_contain_text(serve_data.PAYLOADS[0])  # shown as text, not run
    page.screenshot(path=artifacts / "hostile-event.png", full_page=True)
    page.wait_for_timeout(300)
    assert seen["dialogs"] == []
