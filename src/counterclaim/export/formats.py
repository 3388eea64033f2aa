"""Claims out of counterclaim in the shapes other tools read: JSON, CSV, Parquet, schema.org ClaimReview.

CSV and Parquet carry one flat row per claim (:func:`claim_row`), so a spreadsheet
or a dataframe gets the same columns; JSON carries the full model. CSV text that a
spreadsheet would run as a formula is neutralised as OWASP recommends (:func:`safe_cell`).

ClaimReview is the schema.org JSON-LD that fact-checking tools exchange, shaped as
Google's fact-check markup expects: one review per claim of an event, with the review's
own ``url`` and ``datePublished``, the reviewing organisation as ``author``, and a
``reviewRating`` (``ratingValue`` between ``worstRating`` and ``bestRating``, with the
verdict as ``alternateName``) taken from that claim's own relations (:func:`claim_rating`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib import resources
from urllib.parse import quote

import yaml

from counterclaim.models import Claim, Document, Event, Relation, SideOverride

COLUMNS: tuple[str, ...] = (
    "id", "document_id", "speaker", "side", "organisation", "stance", "cue", "content", "sentence",
    "content_start", "content_end", "quantities", "places", "when_earliest", "when_latest", "said_at",
    "confidence", "method",
)

STATUS_LABELS: dict[str, str] = {
    "corroborated_across_sides": "Corroborated across sides",
    "corroborated": "Corroborated",
    "disputed": "Disputed",
    "denied": "Denied",
    "single_source": "Single source (unverified)",
    "unresolved": "Unresolved",
}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def format_number(value: float) -> str:
    """``value`` in full: ``1234567`` and ``2.5`` (``:g`` would write ``1.23457e+06``)."""
    return str(int(value)) if value.is_integer() else repr(value)


def _quantity_text(claim: Claim) -> str:
    """Each number's value plus its unit and what it counts, ``; ``-joined: ``500 soldiers (at_most)``."""
    parts = []
    for q in claim.quantities:
        what = " ".join(x for x in (format_number(q.value), q.unit or "", q.counted or "") if x)
        parts.append(f"{what} ({q.bound})")
    return "; ".join(parts)


def claim_row(claim: Claim, overrides: Mapping[str, SideOverride] | None = None) -> dict[str, object]:
    """One claim as a flat row of :data:`COLUMNS`; an analyst's side override wins over the extracted side."""
    override = (overrides or {}).get(claim.speaker.name)
    return {
        "id": claim.id,
        "document_id": claim.document_id,
        "speaker": claim.speaker.name,
        "side": override.side if override else claim.speaker.side,
        "organisation": claim.speaker.organisation,
        "stance": claim.stance,
        "cue": claim.cue.text if claim.cue else None,
        "content": claim.content.text,
        "sentence": claim.sentence.text if claim.sentence else None,
        "content_start": claim.content.start,
        "content_end": claim.content.end,
        "quantities": _quantity_text(claim),
        "places": "; ".join(p.name for p in claim.places),
        "when_earliest": _iso(claim.when.earliest) if claim.when else None,
        "when_latest": _iso(claim.when.latest) if claim.when else None,
        "said_at": _iso(claim.said_at.earliest) if claim.said_at else None,
        "confidence": claim.confidence,
        "method": claim.method,
    }


def claims_json(claims: Iterable[Claim]) -> str:
    """The claims as a JSON array of the full model (spans, quantities, places, times)."""
    return json.dumps([c.model_dump(mode="json") for c in claims], ensure_ascii=False, indent=2) + "\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A text cell that would start a spreadsheet formula (``=``, ``+``, ``-``, ``@``, tab, CR) with a ``'``
    in front, as OWASP's CSV injection advice says; numbers and other text are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def claims_csv(claims: Iterable[Claim], overrides: Mapping[str, SideOverride] | None = None) -> str:
    """The claims as CSV with a header row of :data:`COLUMNS` (RFC 4180 quoting, ``\\r\\n`` line ends).

    Article text is untrusted: a cell that a spreadsheet would run as a formula is neutralised.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for claim in claims:
        writer.writerow({k: safe_cell(v) for k, v in claim_row(claim, overrides).items()})
    return out.getvalue()


def claims_parquet(claims: Iterable[Claim], path, overrides: Mapping[str, SideOverride] | None = None) -> None:
    """Write the claims to a Parquet file (or writable binary file object) at ``path``, one row per claim."""
    rows = [claim_row(c, overrides) for c in claims]
    import pyarrow as pa  # here, not at the top: only Parquet export needs it
    import pyarrow.parquet as pq

    schema = pa.schema([
        (name, pa.int64() if name in ("content_start", "content_end")
         else pa.float64() if name == "confidence" else pa.string())
        for name in COLUMNS
    ])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path)


ORG_WORDS = frozenset(
    "ministry ministries forces force group government army command office institute staff service agency "
    "council kremlin channel channels bloggers officials military defence defense brigade battalion regiment "
    "media news agency analysts authorities administration headquarters unit units troops sources".split())


@lru_cache(maxsize=1)
def _actor_kinds() -> dict[str, str]:
    """Actor id -> kind (person, organisation, ...) from the shipped actor registry; empty if unreadable."""
    try:
        text = resources.files("counterclaim.extract").joinpath("actors.yaml").read_text(encoding="utf-8")
        return {key: str(a.get("kind", "")) for key, a in (yaml.safe_load(text).get("actors") or {}).items()}
    except (OSError, ModuleNotFoundError, AttributeError, yaml.YAMLError):
        return {}


def _is_person(name: str, actor_id: str | None) -> bool:
    """A person per the actor registry, else by the look of the name (two to four words, none an institution's)."""
    kind = _actor_kinds().get(actor_id or "")
    if kind:
        return kind == "person"
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not ORG_WORDS & {w.lower() for w in words}


def _author(claim: Claim) -> dict[str, object]:
    """The speaker as a schema.org Person (with affiliation) or Organization."""
    sp = claim.speaker
    if not _is_person(sp.name, sp.actor_id):
        return {"@type": "Organization", "name": sp.name}
    person: dict[str, object] = {"@type": "Person", "name": sp.name}
    if sp.organisation:
        person["affiliation"] = {"@type": "Organization", "name": sp.organisation}
    return person


def _web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL; ``javascript:``, ``data:`` and anything else are dropped."""
    if not url:
        return None
    scheme = url.strip().split(":", 1)[0].lower()
    return url.strip() if scheme in ("http", "https") and "://" in url else None


def _appearance(doc: Document | None) -> dict[str, object] | None:
    """The document the claim appears in, as a schema.org CreativeWork (only a web URL is kept)."""
    if doc is None:
        return None
    work: dict[str, object] = {"@type": "CreativeWork"}
    if url := _web_url(doc.url):
        work["url"] = url
    if doc.title:
        work["headline"] = doc.title
    if doc.outlet:
        work["publisher"] = {"@type": "Organization", "name": doc.outlet}
    if doc.published:
        work["datePublished"] = doc.published.isoformat()
    return work


# The verdict on one claim from its own relations, as a rating from worst (1) to best (5).
RATINGS: dict[str, tuple[int, str]] = {
    "corroborated_across_sides": (5, "Corroborated across sides"),
    "corroborated": (4, "Corroborated"),
    "unverified": (3, "Single source (unverified)"),
    "disputed": (2, "Disputed"),
    "contradicted": (1, "Contradicted"),
}
BEST, WORST = 5, 1


def claim_rating(claim: Claim, relations: Iterable[Relation]) -> tuple[str, list[str]]:
    """The verdict on ``claim`` from the relations that touch it, and their reasons.

    Only independent relations count (an outlet repeating a ministry is not a second witness),
    and relations an analyst rejected are left out by the caller. Corroborated and contradicted
    at once is ``disputed``; a corroboration from the other side of the war ranks highest.
    """
    own = [r for r in relations if claim.id in (r.a, r.b) and r.independent and r.kind in ("corroborates",
                                                                                            "contradicts")]
    agree = [r for r in own if r.kind == "corroborates"]
    clash = [r for r in own if r.kind == "contradicts"]
    if agree and clash:
        verdict = "disputed"
    elif clash:
        verdict = "contradicted"
    elif any(r.cross_side for r in agree):
        verdict = "corroborated_across_sides"
    elif agree:
        verdict = "corroborated"
    else:
        verdict = "unverified"
    return verdict, [r.reason for r in own]


def _rating(claim: Claim, relations: Iterable[Relation]) -> dict[str, object]:
    """A schema.org Rating for one claim from its own relations; ``alternateName`` is the verdict in words."""
    verdict, reasons = claim_rating(claim, relations)
    value, name = RATINGS[verdict]
    rating: dict[str, object] = {"@type": "Rating", "ratingValue": value, "bestRating": BEST, "worstRating": WORST,
                                 "alternateName": name}
    if reasons:
        rating["ratingExplanation"] = "; ".join(dict.fromkeys(reasons))
    return rating


@dataclass(frozen=True)
class Reviewer:
    """Who publishes the reviews and where: the organisation (``author``) and the app's public address."""

    name: str = "counterclaim"
    url: str | None = None  # the organisation's own web site
    base_url: str = "http://127.0.0.1:8000"  # where the event pages are served: each review's url lives there

    def author(self) -> dict[str, object]:
        org: dict[str, object] = {"@type": "Organization", "name": self.name}
        if url := _web_url(self.url):
            org["url"] = url
        return org


def claimreview(event: Event, claims: Iterable[Claim], documents: Mapping[str, Document], *,
                relations: Iterable[Relation] = (),
                reviewer: Reviewer = Reviewer(), published: date | None = None) -> list[dict]:
    """One schema.org ``ClaimReview`` per claim of ``event``, each rated from its own ``relations``.

    ``documents`` maps document id to Document (for the claim's ``appearance``); a claim whose
    document is missing still gets a review, without an appearance. ``published`` is the review's
    date (today unless given); its ``url`` is the claim on the event's page under ``reviewer.base_url``.
    """
    relations = list(relations)
    today = (published or datetime.now(UTC).date()).isoformat()
    base = reviewer.base_url.rstrip("/")
    reviews = []
    for claim in claims:
        doc = documents.get(claim.document_id)
        said = claim.said_at.earliest if claim.said_at else (doc.published if doc else None)
        item: dict[str, object] = {"@type": "Claim", "author": _author(claim), "text": claim.content.text}
        if said is not None:
            item["datePublished"] = said.isoformat()
        if (appearance := _appearance(doc)) is not None:
            item["appearance"] = appearance
        reviews.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": claim.id,
            "url": f"{base}/events/{quote(event.id, safe='')}#c-{quote(claim.id, safe='')}",
            "datePublished": today,
            "claimReviewed": claim.content.text,
            "itemReviewed": item,
            "author": reviewer.author(),
            "reviewRating": _rating(claim, relations),
            "about": {"@type": "Event", "identifier": event.id, "name": event.title},
        })
    return reviews
