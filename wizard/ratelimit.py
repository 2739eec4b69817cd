"""Rate limits, through Flask-Limiter, counted where every worker and server sees them.

- Every form post: ``RATE_LIMIT_PER_MINUTE`` per client address (checked before the CSRF check, so every post
  counts, and before routing, so posts to nowhere count too).
- Send: one for every 12 posts allowed (5 a minute per client address with the default 60).
- Staff sign-in: failed attempts only, ``STAFF_SIGN_IN_LIMIT`` per account and client address. Only that
  address waits, even with the right password (else a throttled guesser would still be told when a guess was
  right); nobody elsewhere is held up, so wrong passwords sent from many addresses cannot lock every member of
  staff out (a limit across all addresses did exactly that).

The counts live in ``RATELIMIT_STORAGE_URI``: ``memory://`` (one process; the default) or ``redis://...`` so that
several workers and servers share one count. If Redis cannot be reached while running, each worker falls back
to counting in memory and logs a warning, rather than turning people away with an error.

Over a limit the person sees the 429 page, which says how long to wait; nothing they already saved is lost.
The client address is the connection's, or with ``PROXY_COUNT`` the one the proxy reports (``app.py``).
"""

from __future__ import annotations

from flask import Flask, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from wizard.settings import SettingsError

STAFF_SIGN_IN_LIMIT = "5 per minute;20 per hour"
STAFF_ACCOUNT = "staff"  # the one account STAFF_PASSWORD opens; a key per account if there are ever more


def _sign_in_key() -> str:
    return f"{STAFF_ACCOUNT}|{get_remote_address()}"


def _not_a_post() -> bool:
    return request.method != "POST"


def _failed_sign_in(response) -> bool:
    return response.status_code != 302  # a good password redirects to the staff pages


def init_rate_limit(app: Flask) -> Limiter:
    """The app's limiter, with the limit on every post (call it before the CSRF check is registered)."""
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_KEY_PREFIX", "wizard")
    per_minute = app.config["RATE_LIMIT_PER_MINUTE"]
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri=app.config["RATELIMIT_STORAGE_URI"],
        application_limits=[f"{per_minute} per minute"],
        application_limits_exempt_when=_not_a_post,
        strategy="moving-window",
    )
    # Every limit here counts posts only: any other request skips the limiter's work of finding which limits
    # apply (a tenth of a page view's time on the journey's pages). A limit on anything but posts would need this
    # filter changed: give every new limit ``methods=["POST"]``, as ``limit_views`` does.
    limiter.request_filter(_not_a_post)
    app.extensions["rate_limiter"] = limiter
    try:
        reachable = limiter.storage.check()
    except Exception:  # noqa: BLE001 - any failure to reach it is the same message
        reachable = False
    if not reachable:
        raise SettingsError(
            "RATELIMIT_STORAGE_URI", "the rate limit storage cannot be reached; check the address and that it runs"
        )
    return limiter


def limit_views(app: Flask, limiter: Limiter) -> None:
    """Send and staff sign-in get their own, tighter limits (call it once the blueprints are registered)."""
    views = app.view_functions
    if "journey.send" in views:
        sends = max(1, app.config["RATE_LIMIT_PER_MINUTE"] // 12)
        views["journey.send"] = limiter.limit(f"{sends} per minute", methods=["POST"])(views["journey.send"])
    if "staff.login" in views:
        views["staff.login"] = limiter.limit(
            STAFF_SIGN_IN_LIMIT,
            key_func=_sign_in_key,
            scope="staff-sign-in",
            methods=["POST"],
            deduct_when=_failed_sign_in,
        )(views["staff.login"])
