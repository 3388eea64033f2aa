"""The server-rendered pages: board, event, document, speaker, timeline, map, search, login, review forms.

Templates autoescape everything; the only markup built in Python is the
highlighted text of :mod:`counterclaim.serve.highlight`, which escapes every
piece of text itself. Review forms need a logged-in session and its CSRF token
(:mod:`counterclaim.serve.security`); they answer with a redirect back to the page.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from counterclaim.errors import InputError, ReviewError
from counterclaim.export.formats import STATUS_LABELS
from counterclaim.link import board as linking
from counterclaim.models import SIDES
from counterclaim.serve import charts, finding, highlight, mapview, queries, security

TEMPLATES = Path(__file__).with_name("templates")
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE = 50  # rows per page on every list
MAP_LIMIT = 2000  # events placed on the map (the most contested first); the page says when there are more
SUGGESTED_SPEAKERS = 100  # speakers in the filter's datalist before the user types


def _templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=str(TEMPLATES))
    t.env.autoescape = True
    t.env.globals.update(SIDES=SIDES, SIDE_LABELS=queries.SIDE_LABELS, STATUS_LABELS=STATUS_LABELS,
                         STATUS_ORDER=queries.STATUS_ORDER, urlquote=lambda s: quote(str(s), safe=""))
    t.env.filters["sentence"] = highlight.sentence_html
    t.env.filters["snippet"] = highlight.snippet_html
    t.env.filters["spread"] = charts.spread_bars
    t.env.filters["chart_label"] = lambda s: charts.label(s.key, s.unit)
    t.env.filters["day"] = lambda d: d.strftime("%d %b %Y") if d else ""
    t.env.filters["display_title"] = queries.display_title
    t.env.globals.update(VERDICT_LABELS=queries.VERDICT_LABELS, page_link=page_link)
    return t


def page_link(request: Request, offset: int) -> str:
    """This page's URL with ``offset`` replaced (the other query parameters kept)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    if offset:
        params.append(("offset", str(offset)))
    return request.url.path + ("?" + urlencode(params) if params else "")


def install(app: FastAPI) -> None:
    """Attach the templates and the page routes to ``app``."""
    app.state.templates = _templates()
    app.include_router(router)


def page(request: Request, name: str, code: int = 200, **context) -> HTMLResponse:
    """Render template ``name`` with the login state and CSRF token every page needs."""
    access: security.Access = request.app.state.access
    session = access.session(request)
    context.update(request=request, csrf=access.csrf_token(request), reviewer=session[1] if session else None,
                   path=request.url.path,
                   next_url=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=code)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    """The HTML error page."""
    return page(request, "error.html", code=status, status_code=status, message=message)


def _offset(value: int) -> int:
    return max(0, min(value, 10_000_000))


def _store(request: Request):
    return request.app.state.store


@router.get("/")
def board(request: Request, status: str | None = None, side: str | None = None, speaker: str | None = None,
          place: str | None = None, since: str | None = None, until: str | None = None, q: str | None = None,
          offset: int = 0):
    if status and status not in queries.STATUS_ORDER:
        raise InputError("status", f"{status!r} is not a status; pick one of {', '.join(queries.STATUS_ORDER)}")
    if side and side not in SIDES:
        raise InputError("side", f"{side!r} is not a side; pick one of {', '.join(SIDES)}")
    filters = queries.EventFilters(status=status or None, side=side or None, speaker=speaker or None,
                                   place=place or None, since=finding.parse_day(since, "since"),
                                   until=finding.parse_day(until, "until", end_of_day=True), q=q or None)
    store = _store(request)
    found = queries.board(store, filters, limit=PAGE, offset=_offset(offset))
    form = {"status": status or "", "side": side or "", "speaker": speaker or "", "place": place or "",
            "since": since or "", "until": until or "", "q": q or ""}
    hits = queries.search(store, q, limit=8, offset=0, related=False) if q else None
    return page(request, "board.html", board=found, p=found.page, cards=[queries.card(e) for e in found.page.items],
                form=form, hits=hits,
                suggestions=store.speakers(limit=SUGGESTED_SPEAKERS))


@router.get("/events/{event_id}")
def event(request: Request, event_id: str):
    d = queries.event_detail(_store(request), event_id)
    claims_by_id = {c.id: c for c in d.claims}
    return page(request, "event.html", d=d, e=d.event, claims_by_id=claims_by_id)


@router.get("/documents")
def documents(request: Request, q: str | None = None, offset: int = 0):
    found = queries.documents_page(_store(request), q=q or None, limit=PAGE, offset=_offset(offset))
    return page(request, "documents.html", p=found, q=q or "")


@router.get("/documents/{doc_id:path}")  # ids come from sources and may hold "/"
def document(request: Request, doc_id: str):
    store = _store(request)
    doc = store.get_document(doc_id)
    cls = queries.claims(store, document_id=doc_id)
    body = highlight.document_html(doc.text, cls)
    return page(request, "document.html", doc=doc, claims=cls, body=body)


@router.get("/claims/{claim_id}")
def claim(request: Request, claim_id: str):
    found = _store(request).get_claim(claim_id)
    return RedirectResponse(f"/documents/{quote(found.document_id, safe='')}#{quote(found.id, safe='')}", status_code=303)


@router.get("/speakers")
def speakers(request: Request, side: str | None = None, q: str | None = None, offset: int = 0):
    found = queries.speakers_page(_store(request), side=side if side in SIDES else None, q=q or None,
                                  limit=PAGE, offset=_offset(offset))
    return page(request, "speakers.html", p=found, side=side or "", q=q or "")


@router.get("/speakers/{name:path}")
def speaker(request: Request, name: str, offset: int = 0):
    s = queries.speaker_summary(_store(request), name, limit=PAGE, offset=_offset(offset))
    peak = max([max(m.values()) for m in s.by_month.values()] + [1])
    return page(request, "speaker.html", s=s, p=s.claims, docs=s.documents, peak=peak)


@router.get("/timeline")
def timeline(request: Request, side: str | None = None, status: str | None = None, offset: int = 0):
    days, found = queries.timeline(_store(request), limit=PAGE, offset=_offset(offset),
                                   side=side if side in SIDES else None,
                                   status=status if status in queries.STATUS_ORDER else None)
    return page(request, "timeline.html", days=days, p=found, side=side or "", status=status or "")


@router.get("/map")
def map_page(request: Request, status: str | None = None, view: str = "fit"):
    store = _store(request)
    wanted = status if status in queries.STATUS_ORDER else None
    evts = store.events(order="board", status=wanted, limit=MAP_LIMIT)
    total = store.count_events(status=wanted)
    marks = mapview.markers(evts)
    frame = mapview.fit(marks) if view == "fit" else mapview.View(mapview.REGION)
    shown = [m for m in marks if frame.contains(m.lon, m.lat)]
    return page(request, "map.html", v=frame, countries=mapview.countries(frame), markers=shown,
                labels=mapview.country_labels(frame), towns=mapview.towns(frame, shown), credit=mapview.credit(),
                placed=sum(len(m.events) for m in shown), unplaced=len(evts) - sum(len(m.events) for m in shown),
                status=status or "", view=view, total=total, limited=len(evts))


@router.get("/search")
def search(request: Request, q: str = "", offset: int = 0):
    found = queries.search(_store(request), q, limit=PAGE, offset=_offset(offset))
    return page(request, "search.html", q=q, found=found, p=found.page)


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    return page(request, "login.html", next=_safe_next(next), failed=False)


def _safe_next(target: str) -> str:
    """Only same-site paths may be redirected to (no ``//host`` or ``scheme:``)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


@router.post("/login")
def login(request: Request, token: str = Form(""), next: str = Form("/")):
    access: security.Access = request.app.state.access
    reviewer = access.reviewer(token)
    reader = access.is_read_token(token)
    if reviewer is None and not reader:
        return page(request, "login.html", code=403, next=_safe_next(next), failed=True)
    response = RedirectResponse(_safe_next(next), status_code=303)
    if reviewer is not None:
        response.set_cookie(security.SESSION_COOKIE, access.session_cookie(reviewer), httponly=True,
                            samesite="strict", path="/")
    else:
        response.set_cookie(security.READ_COOKIE, access.read_cookie(), httponly=True, samesite="strict", path="/")
    return response


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")):
    request.app.state.access.form_reviewer(request, csrf)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response


@router.post("/relations/{relation_id}/review")
def review(request: Request, relation_id: str, verdict: str = Form(...), reason: str = Form(""),
           csrf: str = Form(""), next: str = Form("/")):
    reviewer = request.app.state.access.form_reviewer(request, csrf)
    if verdict not in ("confirmed", "rejected"):
        raise ReviewError(f"verdict {verdict!r}: use 'confirmed' or 'rejected'")
    if not reason.strip():
        raise ReviewError(f"relation {relation_id}: give a reason for the review so others can check it")
    store = _store(request)
    store.get_relation(relation_id)
    linking.review(store, relation_id, verdict, reason, reviewer=reviewer)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/speakers-side")
def set_side(request: Request, speaker: str = Form(...), side: str = Form(...), reason: str = Form(""),
             csrf: str = Form(""), next: str = Form("/")):
    request.app.state.access.form_reviewer(request, csrf)
    if side not in SIDES:
        raise ReviewError(f"side {side!r}: pick one of {', '.join(SIDES)}")
    if not reason.strip():
        raise ReviewError(f"speaker {speaker!r}: give a reason for the side correction")
    linking.correct_side(_store(request), speaker, side, reason)
    return RedirectResponse(_safe_next(next), status_code=303)


def board_link(**params) -> str:
    """A board URL with the given filters."""
    return "/?" + urlencode({k: v for k, v in params.items() if v})
