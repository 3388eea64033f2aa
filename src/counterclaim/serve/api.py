"""The HTTP API under ``/api``: paginated reads with the board's filters, analyst writes, and exports.

Routes only parse, call :mod:`counterclaim.serve.queries` or the store, and
format; writes need ``Authorization: Bearer <token>``. Lists answer
``{"items": [...], "total": N, "limit": L, "offset": O}``.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Annotated, Generic, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field, field_validator

from counterclaim.errors import InputError
from counterclaim.export import formats
from counterclaim.link import board
from counterclaim.models import Claim, Document, Event, EventStatus, Relation, Review, Side, SideOverride
from counterclaim.serve import exporting, finding, queries

T = TypeVar("T")

Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Text = Annotated[str | None, Query(max_length=200)]


class ErrorOut(BaseModel):
    """The one shape of every API error."""

    ok: Literal[False] = False
    error: str
    status: int


ERROR = {"description": "Error", "model": ErrorOut}
router = APIRouter(prefix="/api", responses={404: ERROR, 422: ERROR, 500: ERROR})


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int
    limit: int
    offset: int


class DocumentRef(BaseModel):
    id: str
    title: str | None = None
    display_title: str = ""  # the title, or for a Telegram post its channel and post number
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
    source_kind: str | None = None
    channel: str | None = None
    language: str | None = None  # ISO 639-1, identified at ingest


class RelationOut(Relation):
    reviews: list[Review] = Field(default_factory=list)
    verdict: str | None = None


class EventOut(BaseModel):
    event: Event
    claims: list[Claim]
    documents: list[DocumentRef]
    relations: list[RelationOut]


class SpeakerRow(BaseModel):
    name: str
    side: str
    organisation: str | None = None
    claims: int


class SpeakerClaim(BaseModel):
    claim: Claim
    events: list[str]  # ids of the events the claim belongs to
    verdict: str | None = None  # its own: corroborated, contradicted, contested, or None (neither)


class SpeakerOut(BaseModel):
    name: str
    side: str
    organisation: str | None = None
    claims: Page[SpeakerClaim]
    total_claims: int
    corroborated: int  # claims with at least one independent corroboration
    contradicted: int  # claims with at least one independent contradiction
    by_month: dict[str, dict[str, int]]
    override: SideOverride | None = None


SearchHit = queries.Hit


class SearchOut(Page[SearchHit]):
    total_exact: bool = True  # False when there are more matches than counted (total is then a lower bound)
    speakers: list[SpeakerRow] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)


def _reason(value: str) -> str:
    """A reason with its outer whitespace removed; one made only of whitespace is refused."""
    if not value.strip():
        raise ValueError("give a reason others can check (not only spaces)")
    return value.strip()


class ReviewIn(BaseModel):
    """A verdict on a relation; the reviewer is the owner of the bearer token, never a field."""

    verdict: Literal["confirmed", "rejected"]
    reason: str = Field(min_length=1, max_length=2000)

    _strip = field_validator("reason")(_reason)


class SideIn(BaseModel):
    speaker: str = Field(min_length=1, max_length=300)
    side: Side
    reason: str = Field(min_length=1, max_length=2000)

    _strip = field_validator("reason")(_reason)


def store_of(request: Request):
    """The app's store."""
    return request.app.state.store


def writer(request: Request) -> str:
    """Dependency: the request must carry a write token; the reviewer's name it belongs to."""
    return request.app.state.access.bearer_reviewer(request)


def _page(p: queries.Page, convert=None) -> dict:
    items = [convert(x) for x in p.items] if convert else p.items
    return {"items": items, "total": p.total, "limit": p.limit, "offset": p.offset}


def _ref(doc: Document) -> DocumentRef:
    channel = doc.meta.get("channel") if isinstance(doc.meta, dict) else None
    return DocumentRef(id=doc.id, title=doc.title, display_title=queries.display_title(doc), outlet=doc.outlet,
                       url=doc.url, published=doc.published, source_kind=doc.source_kind,
                       channel=str(channel) if channel else None, language=doc.language)


@router.get("/documents", response_model=Page[DocumentRef], summary="Documents, filtered by full text")
def list_documents(request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0):
    return _page(queries.documents_page(store_of(request), q=q or None, limit=limit, offset=offset), _ref)


@router.get("/documents/{doc_id:path}", response_model=Document, summary="One document with its full text")
def get_document(request: Request, doc_id: str):
    return store_of(request).get_document(doc_id)


def claim_filters(document_id: Text = None, speaker: Text = None, side: Side | None = None, q: Text = None) -> dict:
    """The claim filters shared by the claim list and the claim exports."""
    return {"document_id": document_id or None, "speaker": speaker or None, "side": side, "q": q or None}


@router.get("/claims", response_model=Page[Claim], summary="Claims, filtered by document, speaker, side, text")
def list_claims(request: Request, filters: Annotated[dict, Depends(claim_filters)],
                limit: Limit = 50, offset: Offset = 0):
    return _page(queries.claims_page(store_of(request), limit=limit, offset=offset, **filters))


@router.get("/claims/{claim_id}", response_model=Claim, summary="One claim")
def get_claim(request: Request, claim_id: str):
    return store_of(request).get_claim(claim_id)


def _day(value: str | None, name: str, end_of_day: bool = False) -> datetime | None:
    try:
        return finding.parse_day(value, name, end_of_day=end_of_day)
    except InputError as exc:
        raise HTTPException(422, f"invalid request: query.{name}: {exc.reason}") from None


def event_filters(status: EventStatus | None = None, side: Side | None = None,
                  speaker: Annotated[str | None, Query(max_length=200, description="a part of a name or alias")] = None,
                  place: Annotated[str | None, Query(max_length=200, description="any name of the place, any script")] = None,
                  since: Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD, inclusive")] = None,
                  until: Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD, inclusive")] = None,
                  q: Text = None) -> queries.EventFilters:
    """The board's filters: an event counts when its time overlaps [since, until], both days included."""
    return queries.EventFilters(status=status, side=side, speaker=speaker or None, place=place or None,
                                since=_day(since, "since"), until=_day(until, "until", end_of_day=True), q=q or None)


@router.get("/events", response_model=Page[Event], summary="Events, disputes first, then most recent")
def list_events(request: Request, filters: Annotated[queries.EventFilters, Depends(event_filters)],
                limit: Limit = 50, offset: Offset = 0):
    return _page(queries.events_page(store_of(request), filters, limit=limit, offset=offset))


@router.get("/events/{event_id}", response_model=EventOut, summary="One event: its claims, documents, relations")
def get_event(request: Request, event_id: str):
    d = queries.event_detail(store_of(request), event_id)
    rels = [RelationOut(**rv.relation.model_dump(), reviews=rv.reviews, verdict=rv.verdict) for rv in d.relations]
    return EventOut(event=d.event, claims=d.claims, documents=[_ref(x) for x in d.documents.values()], relations=rels)


@router.get("/relations", response_model=Page[RelationOut], summary="Relations, by event or claim")
def list_relations(request: Request, event_id: Text = None, claim_id: Text = None,
                   limit: Limit = 50, offset: Offset = 0):
    found = queries.relations_page(store_of(request), event_id=event_id or None, claim_id=claim_id or None,
                                   limit=limit, offset=offset)
    return _page(found, lambda rv: RelationOut(**rv.relation.model_dump(), reviews=rv.reviews, verdict=rv.verdict))


@router.post("/relations/{relation_id}/reviews", response_model=Review, status_code=201, responses={401: ERROR, 403: ERROR},
             summary="Confirm or reject a relation (needs the bearer token)")
def review_relation(request: Request, relation_id: str, body: ReviewIn,
                    reviewer: Annotated[str, Depends(writer)]):
    store = store_of(request)
    store.get_relation(relation_id)
    return board.review(store, relation_id, body.verdict, body.reason, reviewer=reviewer)


@router.get("/reviews", response_model=list[Review], summary="Analyst reviews, optionally of one relation")
def list_reviews(request: Request, relation_id: Text = None):
    return store_of(request).reviews(relation_id or None)


@router.get("/speakers", response_model=Page[SpeakerRow], summary="Speakers with their side and claim count")
def list_speakers(request: Request, side: Side | None = None, q: Text = None, limit: Limit = 50, offset: Offset = 0):
    return _page(queries.speakers_page(store_of(request), side=side, q=q or None, limit=limit, offset=offset))


@router.get("/speakers/{name:path}", response_model=SpeakerOut,
            summary="A speaker's track record: claims corroborated or contradicted, and a page of their claims")
def get_speaker(request: Request, name: Annotated[str, Path(max_length=300)], limit: Limit = 50,
                offset: Offset = 0):
    s = queries.speaker_summary(store_of(request), name, limit=limit, offset=offset)
    items = [SpeakerClaim(claim=c, events=s.events.get(c.id, []), verdict=s.verdicts.get(c.id))
             for c in s.claims.items]
    return SpeakerOut(name=s.name, side=s.side, organisation=s.organisation,
                      claims=Page[SpeakerClaim](items=items, total=s.claims.total, limit=limit, offset=offset),
                      total_claims=s.total, corroborated=s.corroborated, contradicted=s.contradicted,
                      by_month=s.by_month, override=s.override)


@router.get("/side-overrides", response_model=list[SideOverride], summary="Analysts' corrections of sides")
def list_side_overrides(request: Request):
    return list(store_of(request).side_overrides().values())


@router.post("/side-overrides", response_model=SideOverride, status_code=201, dependencies=[Depends(writer)],
             responses={401: ERROR, 403: ERROR}, summary="Correct a speaker's side (needs the bearer token)")
def set_side(request: Request, body: SideIn):
    return board.correct_side(store_of(request), body.speaker, body.side, body.reason)


@router.get("/search", response_model=SearchOut,
            summary="Full-text search over claims (content, speaker, places) and documents, best first")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=200)] = 50, offset: Offset = 0):
    found = queries.search(store_of(request), q, limit=limit, offset=offset)
    return {**_page(found.page), "total_exact": found.exact,
            "speakers": found.speakers, "places": found.places}


EXPORT_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8",
                "parquet": "application/vnd.apache.parquet"}


@router.get("/export/claims.{fmt}", response_class=Response, summary="Claims as JSON, CSV or Parquet (filtered)",
            responses={200: {"content": {"application/json": {}, "text/csv": {}, "application/vnd.apache.parquet": {}}}})
def export_claims(request: Request, fmt: Literal["json", "csv", "parquet"],
                  filters: Annotated[dict, Depends(claim_filters)], event_id: Text = None):
    found = exporting.select_claims(store_of(request), event_id=event_id or None, **filters)
    if fmt == "json":
        body: bytes = formats.claims_json(found).encode()
    elif fmt == "csv":
        body = formats.claims_csv(found).encode()
    else:
        buf = io.BytesIO()
        formats.claims_parquet(found, buf)
        body = buf.getvalue()
    headers = {"content-disposition": f'attachment; filename="claims.{fmt}"'}
    return Response(body, media_type=EXPORT_TYPES[fmt], headers=headers)


@router.get("/events/{event_id}/claimreview", summary="schema.org ClaimReview JSON-LD for an event's claims",
            responses={200: {"content": {"application/ld+json": {}}}})
def export_claimreview(request: Request, event_id: str, download: bool = False):
    reviews = exporting.claimreviews(store_of(request), event_id, base_url=str(request.base_url))
    headers = {"content-disposition": f'attachment; filename="{event_id}.claimreview.jsonld"'} if download else {}
    return JSONResponse(reviews, media_type="application/ld+json", headers=headers)
