"""Claims out of counterclaim in the shapes other tools read: JSON, CSV, Parquet, schema.org ClaimReview.

CSV and Parquet carry one flat row per claim (:func:`claim_row`), so a spreadsheet
or a dataframe gets the same columns; JSON carries the full model. ClaimReview
is the schema.org JSON-LD that fact-checking tools exchange: one review per claim
of an event, rated with the event's assessment.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import lru_cache
from importlib import resources

import yaml

from counterclaim.models import Claim, Document, Event, SideOverride

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


def claims_csv(claims: Iterable[Claim], overrides: Mapping[str, SideOverride] | None = None) -> str:
    """The claims as CSV with a header row of :data:`COLUMNS` (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for claim in claims:
        writer.writerow(claim_row(claim, overrides))
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


def _appearance(doc: Document | None) -> dict[str, object] | None:
    """The document the claim appears in, as a schema.org CreativeWork."""
    if doc is None:
        return None
    work: dict[str, object] = {"@type": "CreativeWork"}
    if doc.url:
        work["url"] = doc.url
    if doc.title:
        work["headline"] = doc.title
    if doc.outlet:
        work["publisher"] = {"@type": "Organization", "name": doc.outlet}
    if doc.published:
        work["datePublished"] = doc.published.isoformat()
    return work


def _rating(event: Event, claim: Claim, side: str) -> dict[str, object]:
    """The event's assessment as a schema.org Rating; ``alternateName`` is the human label."""
    status = event.assessment.status if event.assessment else "single_source"
    rating: dict[str, object] = {"@type": "Rating", "alternateName": STATUS_LABELS[status]}
    notes = list(event.assessment.notes) if event.assessment else []
    positions = event.assessment.positions if event.assessment else []
    said = [f"{p.side} {p.stance}" for p in positions]
    explanation = "; ".join([f"{side} speaker {claim.stance}"] + said + notes)
    rating["ratingExplanation"] = explanation
    return rating


def claimreview(event: Event, claims: Iterable[Claim], documents: Mapping[str, Document],
                overrides: Mapping[str, SideOverride] | None = None) -> list[dict]:
    """One schema.org ``ClaimReview`` per claim of ``event``, rated with the event's assessment.

    ``documents`` maps document id to Document (for the claim's ``appearance``);
    a claim whose document is missing still gets a review, without an appearance.
    """
    reviews = []
    for claim in claims:
        doc = documents.get(claim.document_id)
        side = claim_row(claim, overrides)["side"]
        said = claim.said_at.earliest if claim.said_at else (doc.published if doc else None)
        item: dict[str, object] = {"@type": "Claim", "author": _author(claim), "text": claim.content.text}
        if said is not None:
            item["datePublished"] = said.isoformat()
        if (appearance := _appearance(doc)) is not None:
            item["appearance"] = appearance
        review: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": claim.id,
            "claimReviewed": claim.content.text,
            "itemReviewed": item,
            "author": {"@type": "Organization", "name": "counterclaim"},
            "reviewRating": _rating(event, claim, str(side)),
            "about": {"@type": "Event", "identifier": event.id, "name": event.title},
        }
        if said is not None:
            review["datePublished"] = said.date().isoformat()
        reviews.append(review)
    return reviews
