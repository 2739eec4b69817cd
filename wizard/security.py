"""Security headers on every response, with a fresh Content-Security-Policy nonce for each request."""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, g, request

# Responses that hold nothing personal and say themselves how long they may be kept: the council's colours.
CACHEABLE_ENDPOINTS = frozenset({"pages.council_css"})


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def content_security_policy(nonce: str | None, form_targets: tuple[str, ...] = ()) -> str:
    """``form_targets``: other origins a form on this page may end up at (after its redirect).

    ``nonce`` None: the same policy for a static file, which runs no script of its own."""
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'" if nonce else "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            " ".join(["form-action 'self'", *form_targets]),
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


def own_relative_location(location: str, host_header: str) -> str:
    """A redirect to this site's own host made relative, so no address is ever built from the Host header.

    Werkzeug's slash redirect (``/complaint`` to ``/complaint/``) names the host the request gave; behind a
    proxy that passes any Host on, that would send people to whatever host an attacker put there.
    Redirects to other sites (the Exit page's) are left as they are."""
    parts = urlsplit(location)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return location
    own = urlsplit("//" + host_header).hostname if host_header else None
    if parts.hostname != own:
        return location
    path = "/" + parts.path.lstrip("/\\")  # never "//host": a browser would read that as another site
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def init_security(app: Flask) -> None:
    app.add_template_global(csp_nonce)

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        if "Location" in headers:
            headers["Location"] = own_relative_location(headers["Location"], request.headers.get("Host", ""))
        headers["Content-Security-Policy"] = content_security_policy(csp_nonce(), g.get("csp_form_targets", ()))
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Referrer-Policy"] = "no-referrer"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        if app.config["APP_ENV"] != "development":
            headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        cacheable = request.endpoint in CACHEABLE_ENDPOINTS and response.mimetype == "text/css"
        if not request.path.startswith("/static/") and not cacheable:
            # Pages can hold a child's personal details: never keep them in a shared computer's cache.
            headers["Cache-Control"] = "no-store, max-age=0"
            headers["Pragma"] = "no-cache"
        if request.blueprint == "staff" or request.path.startswith("/staff/"):
            # Staff pages (sign-in, errors and unknown addresses under /staff/ too) are never indexed or kept.
            headers["X-Robots-Tag"] = "noindex, nofollow"
            headers["Cache-Control"] = "no-store, max-age=0"
            headers["Pragma"] = "no-cache"
        return response
