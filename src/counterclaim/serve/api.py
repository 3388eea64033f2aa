"""The HTTP API under ``/api``: paginated reads with the board's filters, analyst writes, and exports.

Routes only parse, call :mod:`counterclaim.serve.queries` or the store, and
format; writes need ``Authorization: Bearer <token>``. Lists answer
``{"items": [...], "total": N, "limit": L, "offset": O}``.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Annotated, Generic, Literal, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from counterclaim.export import formats
from counterclaim.link import board
from counterclaim.models import Claim, Document, Event, EventStatus, Relation, Review, Side, SideOverride
from counterclaim.serve import exporting, queries
from counterclaim.serve.security import check_bearer

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
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None
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


class SpeakerOut(BaseModel):
    name: str
    side: str
    organisation: str | None = None
    claims: list[Claim]
    corroborated: int
    contradicted: int
    by_month: dict[str, dict[str, int]]
    override: SideOverride | None = None


class SearchHit(BaseModel):
    kind: str
    id: str
    snippet: str


class ReviewIn(BaseModel):
    verdict: Literal["confirmed", "rejected"]
    reason: str = Field(min_length=1, max_length=2000)
    reviewer: str | None = Field(default=None, max_length=200)


class SideIn(BaseModel):
    speaker: str = Field(min_length=1, max_length=300)
    side: Side
    reason: str = Field(min_length=1, max_length=2000)


def store_of(request: Request):
    """The app's store."""
    return request.app.state.store


def writer(request: Request) -> None:
    """Dependency: the request must carry the server's bearer token."""
    check_bearer(request, request.app.state.token)


def _page(items, limit: int, offset: int) -> dict:
    p = queries.paginate(items, limit, offset)
    return {"items": p.items, "total": p.total, "limit": p.limit, "offset": p.offset}


def _ref(doc: Document) -> DocumentRef:
    return DocumentRef(id=doc.id, title=doc.title, outlet=doc.outlet, url=doc.url, published=doc.published,
                       language=doc.language)


@router.get("/documents", response_model=Page[DocumentRef], summary="Documents, filtered by full text")
def list_documents(request: Request, q: Text = None, limit: Limit = 50, offset: Offset = 0):
    docs = store_of(request).documents(q=q or None)
    return _page([_ref(d) for d in docs], limit, offset)


@router.get("/documents/{doc_id:path}", response_model=Document, summary="One document with its full text")
def get_document(request: Request, doc_id: str):
    return store_of(request).get_document(doc_id)


def claim_filters(document_id: Text = None, speaker: Text = None, side: Side | None = None, q: Text = None) -> dict:
    """The claim filters shared by the claim list and the claim exports."""
    return {"document_id": document_id or None, "speaker": speaker or None, "side": side, "q": q or None}


@router.get("/claims", response_model=Page[Claim], summary="Claims, filtered by document, speaker, side, text")
def list_claims(request: Request, filters: Annotated[dict, Depends(claim_filters)],
                limit: Limit = 50, offset: Offset = 0):
    return _page(queries.claims(store_of(request), **filters), limit, offset)


@router.get("/claims/{claim_id}", response_model=Claim, summary="One claim")
def get_claim(request: Request, claim_id: str):
    return store_of(request).get_claim(claim_id)


def event_filters(status: EventStatus | None = None, side: Side | None = None, speaker: Text = None,
                  place: Text = None, since: datetime | None = None, until: datetime | None = None,
                  q: Text = None) -> dict:
    """The board's filters."""
    return {"status": status, "side": side, "speaker": speaker, "place": place, "since": since,
            "until": until, "q": q}


@router.get("/events", response_model=Page[Event], summary="Events, disputes first, then most recent")
def list_events(request: Request, filters: Annotated[dict, Depends(event_filters)],
                limit: Limit = 50, offset: Offset = 0):
    return _page(queries.events(store_of(request), **filters), limit, offset)


@router.get("/events/{event_id}", response_model=EventOut, summary="One event: its claims, documents, relations")
def get_event(request: Request, event_id: str):
    d = queries.event_detail(store_of(request), event_id)
    rels = [RelationOut(**rv.relation.model_dump(), reviews=rv.reviews, verdict=rv.verdict) for rv in d.relations]
    return EventOut(event=d.event, claims=d.claims, documents=[_ref(x) for x in d.documents.values()], relations=rels)


@router.get("/relations", response_model=Page[RelationOut], summary="Relations, by event or claim")
def list_relations(request: Request, event_id: Text = None, claim_id: Text = None,
                   limit: Limit = 50, offset: Offset = 0):
    store = store_of(request)
    rels = store.relations(event_id=event_id or None, claim_id=claim_id or None)
    out = []
    for r in rels:
        reviews = sorted(store.reviews(r.id), key=lambda v: v.at)
        out.append(RelationOut(**r.model_dump(), reviews=reviews, verdict=reviews[-1].verdict if reviews else None))
    return _page(out, limit, offset)


@router.post("/relations/{relation_id}/reviews", response_model=Review, status_code=201,
             dependencies=[Depends(writer)], responses={401: ERROR, 403: ERROR},
             summary="Confirm or reject a relation (needs the bearer token)")
def review_relation(request: Request, relation_id: str, body: ReviewIn):
    store = store_of(request)
    store.get_relation(relation_id)
    return board.review(store, relation_id, body.verdict, body.reason, reviewer=body.reviewer)


@router.get("/reviews", response_model=list[Review], summary="Analyst reviews, optionally of one relation")
def list_reviews(request: Request, relation_id: Text = None):
    return store_of(request).reviews(relation_id or None)


@router.get("/speakers", response_model=Page[SpeakerRow], summary="Speakers with their side and claim count")
def list_speakers(request: Request, side: Side | None = None, q: Text = None, limit: Limit = 50, offset: Offset = 0):
    return _page(queries.speakers(store_of(request), side=side, q=q), limit, offset)


@router.get("/speakers/{name:path}", response_model=SpeakerOut, summary="A speaker's claims and track record")
def get_speaker(request: Request, name: Annotated[str, Path(max_length=300)]):
    s = queries.speaker_summary(store_of(request), name)
    return SpeakerOut(name=s.name, side=s.side, organisation=s.organisation, claims=s.claims,
                      corroborated=s.corroborated, contradicted=s.contradicted,
                      by_month={k: dict(v) for k, v in s.by_month.items()}, override=s.override)


@router.get("/side-overrides", response_model=list[SideOverride], summary="Analysts' corrections of sides")
def list_side_overrides(request: Request):
    return list(store_of(request).side_overrides().values())


@router.post("/side-overrides", response_model=SideOverride, status_code=201, dependencies=[Depends(writer)],
             responses={401: ERROR, 403: ERROR}, summary="Correct a speaker's side (needs the bearer token)")
def set_side(request: Request, body: SideIn):
    return board.correct_side(store_of(request), body.speaker, body.side, body.reason)


@router.get("/search", response_model=list[SearchHit], summary="Full-text search over documents and claims")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
           limit: Annotated[int, Query(ge=1, le=200)] = 50):
    return [SearchHit(kind=h["kind"], id=h["id"], snippet=h.get("snippet") or "")
            for h in store_of(request).search(q, limit=limit)]


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
    reviews = exporting.claimreviews(store_of(request), event_id)
    headers = {"content-disposition": f'attachment; filename="{event_id}.claimreview.jsonld"'} if download else {}
    return JSONResponse(reviews, media_type="application/ld+json", headers=headers)
