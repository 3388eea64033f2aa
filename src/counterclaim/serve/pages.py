"""The server-rendered pages: board, event, document, speaker, timeline, map, search, login, review forms.

Templates autoescape everything; the only markup built in Python is the
highlighted text of :mod:`counterclaim.serve.highlight`, which escapes every
piece of text itself. Review forms need a logged-in session and its CSRF token
(:mod:`counterclaim.serve.security`); they answer with a redirect back to the page.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlencode

from fastapi import APIRouter, FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from counterclaim.errors import InputError, ReviewError
from counterclaim.export.formats import STATUS_LABELS
from counterclaim.link import board as linking
from counterclaim.models import SIDES
from counterclaim.serve import charts, highlight, mapview, queries, security

TEMPLATES = Path(__file__).with_name("templates")
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
BOARD_LIMIT = 300  # events listed on the board; the filters (or the API) reach the rest


def _templates() -> Jinja2Templates:
    t = Jinja2Templates(directory=str(TEMPLATES))
    t.env.autoescape = True
    t.env.globals.update(SIDES=SIDES, SIDE_LABELS=queries.SIDE_LABELS, STATUS_LABELS=STATUS_LABELS,
                         STATUS_ORDER=queries.STATUS_ORDER, urlquote=lambda s: quote(str(s), safe=""))
    t.env.filters["sentence"] = highlight.sentence_html
    t.env.filters["snippet"] = highlight.snippet_html
    t.env.filters["spread"] = charts.spread_bars
    t.env.filters["day"] = lambda d: d.strftime("%d %b %Y") if d else ""
    return t


def install(app: FastAPI) -> None:
    """Attach the templates and the page routes to ``app``."""
    app.state.templates = _templates()
    app.include_router(router)


def page(request: Request, name: str, code: int = 200, **context) -> HTMLResponse:
    """Render template ``name`` with the login state and CSRF token every page needs."""
    token = request.app.state.token
    context.update(request=request, csrf=security.csrf_token(request, token), path=request.url.path,
                   next_url=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""))
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=code)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    """The HTML error page."""
    return page(request, "error.html", code=status, status_code=status, message=message)


def _date(value: str | None, name: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(name, f"{value!r} is not a date; use YYYY-MM-DD") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _store(request: Request):
    return request.app.state.store


@router.get("/")
def board(request: Request, status: str | None = None, side: str | None = None, speaker: str | None = None,
          place: str | None = None, since: str | None = None, until: str | None = None, q: str | None = None):
    if status and status not in queries.STATUS_ORDER:
        raise InputError("status", f"{status!r} is not a status; pick one of {', '.join(queries.STATUS_ORDER)}")
    if side and side not in SIDES:
        raise InputError("side", f"{side!r} is not a side; pick one of {', '.join(SIDES)}")
    filters = {"status": status or None, "side": side or None, "speaker": speaker or None, "place": place or None,
               "since": _date(since, "since"), "until": _date(until, "until"), "q": q or None}
    evts = queries.events(_store(request), **filters)
    shown = evts[:BOARD_LIMIT]
    groups = [(s, [e for e in shown if (e.assessment.status if e.assessment else "single_source") == s])
              for s in queries.STATUS_ORDER]
    form = {"status": status or "", "side": side or "", "speaker": speaker or "", "place": place or "",
            "since": since or "", "until": until or "", "q": q or ""}
    hits = _store(request).search(q, limit=20) if q else []
    return page(request, "board.html", groups=groups, total=len(evts), shown=len(shown), form=form, hits=hits,
                counts=queries.status_counts(evts))


@router.get("/events/{event_id}")
def event(request: Request, event_id: str):
    d = queries.event_detail(_store(request), event_id)
    claims_by_id = {c.id: c for c in d.claims}
    return page(request, "event.html", d=d, e=d.event, claims_by_id=claims_by_id)


@router.get("/documents")
def documents(request: Request, q: str | None = None):
    return page(request, "documents.html", docs=_store(request).documents(q=q or None, limit=500), q=q or "")


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
def speakers(request: Request, side: str | None = None, q: str | None = None):
    rows = queries.speakers(_store(request), side=side if side in SIDES else None, q=q or None)
    return page(request, "speakers.html", rows=rows, side=side or "", q=q or "")


@router.get("/speakers/{name:path}")
def speaker(request: Request, name: str):
    store = _store(request)
    s = queries.speaker_summary(store, name)
    docs = queries.documents_of(store, s.claims)
    peak = max([max(m.values()) for m in s.by_month.values()] + [1])
    return page(request, "speaker.html", s=s, docs=docs, peak=peak)


@router.get("/timeline")
def timeline(request: Request, side: str | None = None, status: str | None = None):
    days = queries.timeline(_store(request), side=side if side in SIDES else None,
                            status=status if status in queries.STATUS_ORDER else None)
    return page(request, "timeline.html", days=days, side=side or "", status=status or "")


@router.get("/map")
def map_page(request: Request, status: str | None = None, view: str = "fit"):
    evts = queries.events(_store(request), status=status if status in queries.STATUS_ORDER else None)
    marks = mapview.markers(evts)
    frame = mapview.fit(marks) if view == "fit" else mapview.View(mapview.REGION)
    shown = [m for m in marks if frame.contains(m.lon, m.lat)]
    return page(request, "map.html", v=frame, countries=mapview.countries(frame), markers=shown,
                labels=mapview.country_labels(frame), towns=mapview.towns(frame, shown), credit=mapview.credit(),
                placed=sum(len(m.events) for m in shown), unplaced=len(evts) - sum(len(m.events) for m in shown),
                status=status or "", view=view)


@router.get("/search")
def search(request: Request, q: str = ""):
    hits = _store(request).search(q, limit=100) if q.strip() else []
    return page(request, "search.html", q=q, hits=hits)


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    return page(request, "login.html", next=_safe_next(next), failed=False)


def _safe_next(target: str) -> str:
    """Only same-site paths may be redirected to (no ``//host`` or ``scheme:``)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


@router.post("/login")
def login(request: Request, token: str = Form(""), next: str = Form("/")):
    if not security.token_matches(token, request.app.state.token):
        return page(request, "login.html", code=403, next=_safe_next(next), failed=True)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(security.SESSION_COOKIE, security.session_cookie(request.app.state.token),
                        httponly=True, samesite="strict", path="/")
    return response


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")):
    security.check_form(request, request.app.state.token, csrf)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(security.SESSION_COOKIE, path="/")
    return response


@router.post("/relations/{relation_id}/review")
def review(request: Request, relation_id: str, verdict: str = Form(...), reason: str = Form(""),
           csrf: str = Form(""), next: str = Form("/")):
    security.check_form(request, request.app.state.token, csrf)
    if verdict not in ("confirmed", "rejected"):
        raise ReviewError(f"verdict {verdict!r}: use 'confirmed' or 'rejected'")
    if not reason.strip():
        raise ReviewError(f"relation {relation_id}: give a reason for the review so others can check it")
    store = _store(request)
    store.get_relation(relation_id)
    linking.review(store, relation_id, verdict, reason, reviewer="web")
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/speakers-side")
def set_side(request: Request, speaker: str = Form(...), side: str = Form(...), reason: str = Form(""),
             csrf: str = Form(""), next: str = Form("/")):
    security.check_form(request, request.app.state.token, csrf)
    if side not in SIDES:
        raise ReviewError(f"side {side!r}: pick one of {', '.join(SIDES)}")
    if not reason.strip():
        raise ReviewError(f"speaker {speaker!r}: give a reason for the side correction")
    linking.correct_side(_store(request), speaker, side, reason)
    return RedirectResponse(_safe_next(next), status_code=303)


def board_link(**params) -> str:
    """A board URL with the given filters."""
    return "/?" + urlencode({k: v for k, v in params.items() if v})
