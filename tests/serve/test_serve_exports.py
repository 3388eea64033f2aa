"""Exports that other tools can trust: no spreadsheet formula from article text, and ClaimReview JSON-LD in the
shape Google's fact-check markup asks for, each claim rated from its own relations."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
import serve_data
from click.testing import CliRunner

from counterclaim.cli.main import cli
from counterclaim.export import formats
from counterclaim.models import Document

DOCS, CLAIMS, EVENTS, RELATIONS = serve_data.story()
ADVANCE = EVENTS[0]
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1"]


def _hostile_claims():
    """Claims whose speaker, content and places start like spreadsheet formulas."""
    out = []
    for i, formula in enumerate(FORMULAS):
        text = f"{formula} said that {formula} happened."
        doc = Document(id=f"doc-f{i}", text=text, title=formula, outlet=formula)
        claim = serve_data.make_claim(doc, formula, formula, "unknown", "said", f"{formula} happened")
        out.append(claim)
    return out


def test_csv_neutralises_formulas_as_owasp_advises():
    rows = list(csv.DictReader(io.StringIO(formats.claims_csv(_hostile_claims()))))
    assert len(rows) == len(FORMULAS)
    for row, formula in zip(rows, FORMULAS, strict=True):
        for column in ("speaker", "content"):
            cell = row[column]
            assert not cell.startswith(formats.FORMULA_STARTS), (column, cell)
            assert cell.startswith("'") and cell[1:].startswith(formula[:1])  # the text is kept, after a quote
    assert rows[0]["content_start"].isdigit()  # numbers stay numbers


def test_plain_text_and_negative_looking_numbers_in_text_are_kept_or_quoted_only():
    assert formats.safe_cell("Bakhmut") == "Bakhmut"
    assert formats.safe_cell(-5) == -5  # a number cell is not text a spreadsheet would parse as a formula
    assert formats.safe_cell("-5 km") == "'-5 km"


def test_api_and_cli_csv_are_neutralised_too(tmp_path):
    url = f"sqlite:///{tmp_path / 'f.db'}"
    from counterclaim.store import Store

    with Store.open(url) as store:
        for claim in _hostile_claims():
            doc = Document(id=claim.document_id, text=f"{claim.speaker.name} said that {claim.content.text}.",
                           title=claim.speaker.name, outlet=claim.speaker.name)
            store.add_document(doc)
            store.replace_claims(doc.id, [claim])
    from counterclaim.serve.app import create_app

    with serve_data.local_client(create_app(url, serve_data.TOKEN)) as c:
        api = list(csv.reader(io.StringIO(c.get("/api/export/claims.csv").text)))
    cli_out = CliRunner().invoke(cli, ["export", "--db", url, "--format", "csv"]).stdout
    table = CliRunner().invoke(cli, ["claims", "--db", url, "--format", "csv"]).stdout
    for body in (api, list(csv.reader(io.StringIO(cli_out))), list(csv.reader(io.StringIO(table)))):
        cells = [cell for row in body[1:] for cell in row]
        assert cells and not any(cell.startswith(formats.FORMULA_STARTS) for cell in cells)


# -- ClaimReview -----------------------------------------------------------------------------------

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$")


def check_claimreview(review: dict) -> None:
    """The ClaimReview properties Google's fact-check markup requires or recommends, with their types."""
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert re.match(r"^https?://", review["url"])
    assert ISO_DATE.match(review["datePublished"])
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"].strip()
    author = review["author"]
    assert author["@type"] == "Organization" and author["name"].strip()
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"].strip()
    assert all(isinstance(rating[k], int) for k in ("ratingValue", "bestRating", "worstRating"))
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    if "datePublished" in item:
        assert ISO_TIME.match(item["datePublished"])
    if "appearance" in item:
        assert item["appearance"]["@type"] == "CreativeWork"
        if "url" in item["appearance"]:
            assert re.match(r"^https?://", item["appearance"]["url"])


def test_every_claimreview_has_the_shape_google_asks_for(read_client):
    for event in EVENTS:
        reviews = read_client.get(f"/api/events/{event.id}/claimreview").json()
        assert len(reviews) == len(event.claim_ids)
        for review in reviews:
            check_claimreview(review)


def test_review_url_and_date_are_the_reviews_own(read_client):
    reviews = read_client.get(f"/api/events/{ADVANCE.id}/claimreview").json()
    for review in reviews:
        assert review["url"] == f"http://localhost/events/{ADVANCE.id}#c-{review['identifier']}"
        assert review["datePublished"] == date.today().isoformat()  # when the review was made, not the claim
    reviews = formats.claimreview(ADVANCE, CLAIMS[:1], {DOCS[0].id: DOCS[0]}, published=date(2024, 1, 2),
                                  reviewer=formats.Reviewer(base_url="https://reports.example.org/cc/"))
    assert reviews[0]["url"].startswith("https://reports.example.org/cc/events/")
    assert reviews[0]["datePublished"] == "2024-01-02"
    assert reviews[0]["itemReviewed"]["datePublished"].startswith("2023-05-12")


def test_author_is_the_configured_organisation(filled_template, monkeypatch):
    monkeypatch.setenv("COUNTERCLAIM_ORGANISATION", "Example Fact Check Desk")
    monkeypatch.setenv("COUNTERCLAIM_ORGANISATION_URL", "https://factcheck.example.org")
    monkeypatch.setenv("COUNTERCLAIM_PUBLIC_URL", "https://factcheck.example.org/cc")
    out = CliRunner().invoke(cli, ["export", "--db", f"sqlite:///{filled_template}", "--format", "claimreview",
                                   "--event", ADVANCE.id])
    reviews = json.loads(out.stdout)
    assert {json.dumps(r["author"], sort_keys=True) for r in reviews} == {json.dumps(
        {"@type": "Organization", "name": "Example Fact Check Desk", "url": "https://factcheck.example.org"},
        sort_keys=True)}
    assert all(r["url"].startswith("https://factcheck.example.org/cc/events/") for r in reviews)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:x", "tg://channel/1/2",
                                 "//evil.example/x"])
def test_only_web_urls_reach_the_appearance(url):
    doc = DOCS[0].model_copy(update={"url": url})
    review = formats.claimreview(ADVANCE, CLAIMS[:1], {doc.id: doc})[0]
    assert "url" not in review["itemReviewed"]["appearance"]
    check_claimreview(review)


def test_hostile_document_url_never_reaches_the_export(hostile_url):
    from counterclaim.serve.app import create_app

    hostile_event = serve_data.hostile()[2][0]
    with serve_data.local_client(create_app(hostile_url, serve_data.TOKEN)) as c:
        reviews = c.get(f"/api/events/{hostile_event.id}/claimreview").json()

    def urls(value):
        if isinstance(value, dict):
            return [v for k, v in value.items() if k == "url"] + [u for v in value.values() for u in urls(v)]
        return [u for v in value for u in urls(v)] if isinstance(value, list) else []

    assert reviews and all(u.startswith("http") for u in urls(reviews))  # the document's javascript: URL is gone


def test_each_claim_is_rated_from_its_own_relations_and_rejections_count(client):
    before = {r["identifier"]: r["reviewRating"] for r in client.get(f"/api/events/{ADVANCE.id}/claimreview").json()}
    mod = CLAIMS[1]
    assert before[mod.id]["alternateName"] == "Contradicted" and before[mod.id]["ratingValue"] == 1
    assert before[CLAIMS[4].id]["alternateName"] == "Corroborated across sides" and before[CLAIMS[4].id]["ratingValue"] == 5
    assert "Russia denies the advance" in before[mod.id]["ratingExplanation"]  # the relations' own reasons
    # an analyst rejects the corroboration of the ISW claim: it is no longer corroborated
    client.post(f"/api/relations/{RELATIONS[3].id}/reviews", json={"verdict": "rejected", "reason": "other town"},
                headers={"Authorization": f"Bearer {serve_data.TOKEN}"})
    after = {r["identifier"]: r["reviewRating"] for r in client.get(f"/api/events/{ADVANCE.id}/claimreview").json()}
    assert after[CLAIMS[4].id]["alternateName"] == "Single source (unverified)"
