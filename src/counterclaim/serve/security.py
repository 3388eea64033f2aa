"""Who may read and write, and the headers and checks that keep the app safe on a shared machine.

Writes need a write token; each token belongs to a named reviewer (``COUNTERCLAIM_TOKENS`` maps
several tokens to names), and that name, never free text, is recorded with a review. The API
takes the token as ``Authorization: Bearer <token>``. HTML forms cannot send a header, so the
login form exchanges the token for a signed session cookie (``HttpOnly``, ``SameSite=Strict``)
that carries the reviewer's name, and every form carries a CSRF token that is an HMAC of that
session: a page on another origin can neither read the cookie nor compute the CSRF value.
Reads are open, unless the server has a read token: then every read needs it (or a write token),
as a bearer header or through the same login. All comparisons are constant-time.

Two middlewares guard every request: :class:`HostCheck` answers only to the host names the server
was told about (localhost by default), which defeats DNS rebinding; :class:`HeadAsGet` answers
``HEAD`` wherever ``GET`` works, with the same headers and no body.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from fastapi import Request
from starlette.datastructures import Headers
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import PlainTextResponse

from counterclaim.errors import CounterclaimError, InputError

SESSION_COOKIE = "cc_session"
READ_COOKIE = "cc_read"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("0.0.0.0", "::", "")
DEFAULT_REVIEWER = "analyst"


class AuthError(CounterclaimError):
    """A request without a valid token (401: none given; 403: wrong token or CSRF)."""

    def __init__(self, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


def new_token() -> str:
    """A fresh random write token."""
    return secrets.token_urlsafe(24)


def parse_tokens(spec: str | None) -> dict[str, str]:
    """``COUNTERCLAIM_TOKENS`` (``name=token,name=token``) as token -> reviewer name."""
    out: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        name, sep, token = part.partition("=")
        if not sep or not name.strip() or not token.strip():
            raise InputError("COUNTERCLAIM_TOKENS", f"{part.strip()!r} is not NAME=TOKEN; write "
                             "COUNTERCLAIM_TOKENS=alice=TOKEN1,bob=TOKEN2")
        out[token.strip()] = name.strip()
    return out


def _same(given: str, expected: str) -> bool:
    """Constant-time equality of strings as UTF-8 bytes (``compare_digest`` raises on non-ASCII ``str``)."""
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


def _lookup(given: str, table: dict[str, str]) -> str | None:
    """The value of the key equal to ``given`` (every key compared, in constant time each)."""
    found = None
    for key, value in table.items():
        if _same(given, key):
            found = value
    return found


@dataclass
class Access:
    """The server's tokens: write tokens with their reviewers' names, and an optional read token."""

    writers: dict[str, str]  # token -> reviewer name
    read_token: str | None = None
    secret: bytes = field(default=b"", repr=False)

    @classmethod
    def of(cls, token: str, tokens: dict[str, str] | None = None, read_token: str | None = None) -> Access:
        """``token`` (the server's own, reviewer "analyst") plus ``tokens``; sessions are signed with all of them."""
        writers = {token: DEFAULT_REVIEWER, **(tokens or {})}
        material = "\x1f".join(f"{k}={v}" for k, v in sorted(writers.items())) + f"\x1e{read_token or ''}"
        return cls(writers, read_token, hashlib.sha256(material.encode()).digest())

    def sign(self, purpose: str, value: str) -> str:
        return hmac.new(self.secret, f"{purpose}:{value}".encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    # -- writers -----------------------------------------------------------------------------------

    def reviewer(self, token: str) -> str | None:
        """The reviewer a write token belongs to, or None."""
        return _lookup(token, self.writers)

    def bearer_reviewer(self, request: Request) -> str:
        """The reviewer whose token the request carries as ``Authorization: Bearer``; raises :class:`AuthError`."""
        given = _bearer(request)
        if given is None:
            raise AuthError("this endpoint writes: send a write token as 'Authorization: Bearer TOKEN' "
                            "(printed by `counterclaim serve`)", 401)
        name = self.reviewer(given)
        if name is None:
            raise AuthError("the bearer token is wrong: use a write token of this server", 403)
        return name

    def session_cookie(self, name: str) -> str:
        """A new signed session (``nonce.name.signature``) for reviewer ``name``."""
        nonce = secrets.token_urlsafe(16)
        encoded = base64.urlsafe_b64encode(name.encode()).decode().rstrip("=")
        return f"{nonce}.{encoded}.{self.sign('session', nonce + '.' + encoded)}"

    def session(self, request: Request) -> tuple[str, str] | None:
        """``(nonce, reviewer)`` of a validly signed session cookie, or None."""
        nonce, _, rest = request.cookies.get(SESSION_COOKIE, "").partition(".")
        encoded, _, sig = rest.partition(".")
        if not (nonce and encoded and sig) or not _same(sig, self.sign("session", nonce + "." + encoded)):
            return None
        try:
            return nonce, base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
        except ValueError:
            return None

    def csrf_token(self, request: Request) -> str | None:
        """The CSRF value the forms must carry for this session, or None without a session."""
        found = self.session(request)
        return self.sign("csrf", found[0]) if found else None

    def form_reviewer(self, request: Request, csrf: str | None) -> str:
        """The logged-in reviewer of a form with a valid CSRF token; raises :class:`AuthError`."""
        found = self.session(request)
        if found is None:
            raise AuthError("log in with a write token first (/login)", 401)
        if not csrf or not _same(csrf, self.sign("csrf", found[0])):
            raise AuthError("the form's CSRF token is missing or stale: reload the page and submit again", 403)
        return found[1]

    # -- readers -----------------------------------------------------------------------------------

    def is_read_token(self, token: str) -> bool:
        """True when ``token`` is this server's read token."""
        return self.read_token is not None and _same(token, self.read_token)

    def read_cookie(self) -> str:
        nonce = secrets.token_urlsafe(16)
        return f"{nonce}.{self.sign('read', nonce)}"

    def may_read(self, request: Request) -> bool:
        """True when reads are open, or the request carries the read token, a write token or a session."""
        if self.read_token is None or self.session(request) is not None:
            return True
        given = _bearer(request)
        if given is not None and (_same(given, self.read_token) or self.reviewer(given) is not None):
            return True
        nonce, _, sig = request.cookies.get(READ_COOKIE, "").partition(".")
        return bool(nonce and sig and _same(sig, self.sign("read", nonce)))


def _bearer(request: Request) -> str | None:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return given.strip() if scheme.lower() == "bearer" and given.strip() else None


def allowed_hosts(host: str, extra: tuple[str, ...] = ()) -> list[str]:
    """The Host names the server answers to: localhost names, the address it is bound to, and ``extra``.

    A wildcard bind (``0.0.0.0``, ``::``) without ``extra`` answers to any name: the operator chose
    to serve the network, and ``serve`` warns about it.
    """
    bound = host.strip("[]")
    if bound in WILDCARDS and not extra:
        return ["*"]
    names = [*LOCAL_HOSTS, *extra]
    if bound not in WILDCARDS:
        names.append(bound)
    return list(dict.fromkeys(names))


class HostCheck:
    """Refuse (400) a request whose Host header is not one the server answers to (DNS rebinding)."""

    def __init__(self, app, hosts: list[str]) -> None:
        self.app = app
        self.any = "*" in hosts
        self.hosts = {h.lower().strip("[]") for h in hosts}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] in ("http", "websocket") and not self.any:
            host = Headers(scope=scope).get("host", "")
            name = host.rsplit(":", 1)[0] if not host.startswith("[") else host[1:].split("]", 1)[0]
            if name.lower() not in self.hosts:
                response = PlainTextResponse(f"this server does not answer to the host name {name!r}: use "
                                             "http://localhost, or start it with --host", status_code=400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class HeadAsGet:
    """Answer ``HEAD`` like ``GET``, with the same status and headers and no body."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headless(message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headless)


class SecurityHeaders(BaseHTTPMiddleware):
    """Adds the Content-Security-Policy and related headers to every response (unless it set its own)."""

    def __init__(self, app, csp: bool = True) -> None:
        super().__init__(app)
        self.csp = csp

    async def dispatch(self, request, call_next):
        response = await call_next(request)
        if self.csp:
            response.headers.setdefault("content-security-policy", CSP)
        response.headers.setdefault("x-content-type-options", "nosniff")
        response.headers.setdefault("referrer-policy", "same-origin")
        response.headers.setdefault("x-frame-options", "DENY")
        return response
