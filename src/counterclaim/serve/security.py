"""Who may write, and the headers that keep untrusted text inert.

Reads are open; writes need the server's token. The API takes it as
``Authorization: Bearer <token>``. The HTML forms cannot send a header, so the
login form exchanges the token for a signed session cookie (``HttpOnly``,
``SameSite=Strict``), and every form carries a CSRF token that is an HMAC of
that session under the server token: a page on another origin can neither read
the cookie nor compute the CSRF value. All comparisons are constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request
from starlette.middleware.base import BaseHTTPMiddleware

from counterclaim.errors import CounterclaimError

SESSION_COOKIE = "cc_session"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class AuthError(CounterclaimError):
    """A write without a valid token (401: none given; 403: wrong token or CSRF)."""

    def __init__(self, message: str, status: int = 401) -> None:
        super().__init__(message)
        self.status = status


def new_token() -> str:
    """A fresh random write token."""
    return secrets.token_urlsafe(24)


def _sign(token: str, purpose: str, value: str) -> str:
    return hmac.new(token.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def check_bearer(request: Request, token: str) -> None:
    """Raise :class:`AuthError` unless the request carries ``Authorization: Bearer <token>``."""
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise AuthError("this endpoint writes: send the server's token as 'Authorization: Bearer TOKEN' "
                        "(printed by `counterclaim serve`)", 401)
    if not _same(given.strip(), token):
        raise AuthError("the bearer token is wrong: use the token printed by `counterclaim serve`", 403)


def session_cookie(token: str) -> str:
    """A new signed session value (``nonce.signature``) for a user who gave the right token."""
    nonce = secrets.token_urlsafe(16)
    return f"{nonce}.{_sign(token, 'session', nonce)}"


def session_nonce(request: Request, token: str) -> str | None:
    """The nonce of a validly signed session cookie, or None when the user has not logged in."""
    raw = request.cookies.get(SESSION_COOKIE, "")
    nonce, _, sig = raw.partition(".")
    if nonce and sig and _same(sig, _sign(token, "session", nonce)):
        return nonce
    return None


def csrf_token(request: Request, token: str) -> str | None:
    """The CSRF value the forms must carry for this session, or None without a session."""
    nonce = session_nonce(request, token)
    return _sign(token, "csrf", nonce) if nonce else None


def check_form(request: Request, token: str, csrf: str | None) -> None:
    """Raise :class:`AuthError` unless the form comes from a logged-in session with its CSRF token."""
    expected = csrf_token(request, token)
    if expected is None:
        raise AuthError("log in with the server's token first (/login)", 401)
    if not csrf or not _same(csrf, expected):
        raise AuthError("the form's CSRF token is missing or stale: reload the page and submit again", 403)


def token_matches(given: str, token: str) -> bool:
    """Constant-time comparison of a submitted token with the server's."""
    return _same(given, token)


def _same(given: str, expected: str) -> bool:
    """Constant-time equality of strings as UTF-8 bytes (``compare_digest`` raises on non-ASCII ``str``)."""
    return hmac.compare_digest(given.encode(), expected.encode())


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
