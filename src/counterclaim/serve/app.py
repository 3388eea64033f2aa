"""The web app: :func:`create_app` wires the store, the API, the pages, static files and error handling.

Every API error, whatever raised it (a missing id, a bad query parameter, a
missing token, a bug), leaves as ``{"ok": false, "error": "...", "status": N}``;
pages get the same message as an HTML error page.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from counterclaim.errors import CounterclaimError
from counterclaim.serve.security import LOCAL_HOSTS, Access, AuthError, HeadAsGet, HostCheck, SecurityHeaders

STATIC = Path(__file__).with_name("static")
log = logging.getLogger("counterclaim.serve")


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts) if parts else "invalid request"


def public_message(request: Request, message: str) -> str:
    """``message`` without the store's URL or file path: an error page must not tell where the data lives."""
    store = getattr(request.app.state, "store", None)
    for secret in _store_names(store):
        message = message.replace(secret, "the store")
    return message


def _store_names(store) -> list[str]:
    """The store's URL and, for a file, its path (longest first, so the URL goes before the path in it)."""
    if store is None:
        return []
    names = [str(store.url)]
    database = getattr(getattr(store, "_url", None), "database", None)
    if database:
        names.append(str(Path(database)))
        names.append(str(Path(database).resolve()))
    return sorted({n for n in names if n and n not in ("/", ".")}, key=len, reverse=True)


def error_response(request: Request, status: int, message: str):
    """The one error shape: JSON under /api, an HTML page elsewhere; never the store's location."""
    message = public_message(request, message)
    if request.url.path.startswith("/api") or not hasattr(request.app.state, "templates"):
        return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
    from counterclaim.serve.pages import render_error

    return render_error(request, status, message)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CounterclaimError)
    async def _library(request: Request, exc: CounterclaimError):
        return error_response(request, getattr(exc, "status", 500), str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page: {request.url.path}"
        return error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        return error_response(request, 422, _validation_message(exc))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, f"internal error ({type(exc).__name__}); see the server log")


OPEN_PATHS = ("/login", "/static/", "/api/openapi.json")
SERVE_ENV = "COUNTERCLAIM_SERVE_CONFIG"  # what `serve --workers N` hands each worker process


def read_gate(request: Request) -> None:
    """Dependency of every route: with a read token, reads need it (or a write token, or a login)."""
    access: Access = request.app.state.access
    if access.read_token is None or request.url.path.startswith(OPEN_PATHS) or access.may_read(request):
        return
    raise AuthError("this server needs a token to read: send 'Authorization: Bearer TOKEN' or log in at /login", 401)


def create_app(store_url: str, token: str, *, csp: bool = True, store=None, tokens: dict[str, str] | None = None,
               read_token: str | None = None, hosts: list[str] | None = None) -> FastAPI:
    """The FastAPI app on the store at ``store_url``; writes need ``token`` or one of ``tokens``.

    ``tokens`` maps more write tokens to their reviewers' names (``COUNTERCLAIM_TOKENS``);
    ``read_token`` makes reads need a token too; ``hosts`` are the Host names served (localhost
    names by default; ``["*"]`` for any). ``store`` lets a caller hand in an already open Store
    (tests); ``csp=False`` drops the Content-Security-Policy header (only for tests that check
    escaping alone).
    """
    from counterclaim.serve import api, pages

    if store is None:
        from counterclaim.store import Store

        store = Store.open(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        store.close()

    app = FastAPI(title="counterclaim", version="0.1.0", lifespan=lifespan,
                  description="Contested claims in war reporting: documents, claims, events, relations, reviews.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,
                  dependencies=[Depends(read_gate)])
    app.state.store = store
    app.state.token = token
    app.state.access = Access.of(token, tokens, read_token)
    app.add_middleware(SecurityHeaders, csp=csp)
    app.add_middleware(HeadAsGet)
    app.add_middleware(HostCheck, hosts=list(hosts or LOCAL_HOSTS))
    _install_error_handlers(app)
    app.include_router(api.router)
    pages.install(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def from_environment() -> FastAPI:
    """The app a worker of ``counterclaim serve --workers N`` runs: the settings the command chose, from
    ``COUNTERCLAIM_SERVE_CONFIG``, and the extra write tokens from ``COUNTERCLAIM_TOKENS``."""
    import json
    import os

    from counterclaim.serve.security import parse_tokens
    from counterclaim.settings import settings

    config = json.loads(os.environ[SERVE_ENV])
    return create_app(config["db"], config["token"], tokens=parse_tokens(settings().tokens),
                      read_token=config.get("read_token"), hosts=config.get("hosts"))
