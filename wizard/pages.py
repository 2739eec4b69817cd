"""Pages that are not part of the questions: start, accessibility, privacy, cookies, language, errors."""

from __future__ import annotations

import hashlib
import math
import re
import time
from datetime import datetime

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.routing import RoutingException

from wizard.domain.workdays import UK_TIME
from wizard.telephone import with_phone_links
from wizard.translate import clock

bp = Blueprint("pages", __name__)

# Where "Start now" leads. The journey blueprint registers this endpoint.
JOURNEY_START_ENDPOINT = "journey.start_now"


@bp.get("/")
def start():
    endpoint = JOURNEY_START_ENDPOINT if JOURNEY_START_ENDPOINT in current_app.view_functions else None
    start_url = url_for(endpoint) if endpoint else url_for("pages.start")
    return render_template("pages/start.html", start_url=start_url)


@bp.get("/ombudsman")
def ombudsman():
    """The Local Government and Social Care Ombudsman: what it does, when to go to it, how to reach it.

    Linked from the start page, and shown after the last stage of a procedure (``?finished=1`` says so; the
    address carries nothing else)."""
    from wizard.domain.escalation import OMBUDSMAN

    finished = request.args.get("finished") == "1"
    return render_template(
        "pages/ombudsman.html",
        ombudsman=OMBUDSMAN,
        finished=finished,
        back_url=None,
    )


@bp.get("/accessibility")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/cookies")
def cookies():
    # The session cookie's whole life (the draft's time and what it outlives it by), in whole hours.
    hours = math.ceil(current_app.permanent_session_lifetime.total_seconds() / 3600)
    return render_template("pages/cookies.html", cookie_hours=hours)


# The characters a path of this site can hold (its routes are plain ASCII slugs); an optional simple query.
_LOCAL_PATH = re.compile(r"/(?![/\\])[A-Za-z0-9._~/-]*")
_LOCAL_QUERY = re.compile(r"[A-Za-z0-9._~=&/-]*")  # a slash too: "?back=/complaint/..." (the path is checked)


def safe_next(target: str | None) -> str:
    """Only ever send people back to a page on this site, else to the start page.

    A browser reads a redirect's address leniently: it drops tabs and line breaks, takes a backslash for a
    slash, and decodes more than expected, so ``/\t/evil.example`` or ``/\\evil.example`` lead off the site. Rather
    than list the tricks, the target must be a plain path of ASCII letters, digits and ``/-._~`` (no percent
    signs, spaces, control or other characters), not starting ``//``, with an optional plain query, and it must
    be a page this site serves to GET. Anything else goes to the start page.
    """
    fallback = url_for("pages.start")
    if not isinstance(target, str) or len(target) > 512:
        return fallback
    path, _, query = target.partition("?")
    if not _LOCAL_PATH.fullmatch(path) or not _LOCAL_QUERY.fullmatch(query):
        return fallback
    try:
        current_app.url_map.bind("localhost").match(path, method="GET")
    except MethodNotAllowed:  # an address of this site that takes posts (a form's own page, after an error)
        pass
    except (HTTPException, RoutingException):  # not a page here, or a redirect to another form of the address
        return fallback
    return target


# The only parts of an address the language switcher carries back: which answer is being changed, and where the
# delete page's "No" goes. Anything else in a query (it could hold what someone typed) is left out.
_KEPT_ON_SWITCH = ("change", "back")


def this_page() -> str:
    """The page to come back to after switching language: its path, with only the harmless parts of its query."""
    kept = [f"{name}={value}" for name in _KEPT_ON_SWITCH for value in request.args.getlist(name)[:1]]
    target = request.path + ("?" + "&".join(kept) if kept else "")
    return target if safe_next(target) == target else request.path


@bp.get("/language/<code>")
def set_language(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next")))


def council_stylesheet() -> str:
    colour = current_app.extensions["council"].brand_colour
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):  # the profile loader checks this too
        colour = "#10403c"
    return f":root{{--council-brand-colour:{colour}}}\n"


def _stylesheet_digest(css: str) -> str:
    return hashlib.sha256(css.encode()).hexdigest()[:12]


@bp.get("/council.css", defaults={"digest": None})
@bp.get("/council.<digest>.css")
def council_css(digest: str | None):
    """The council's colours. Pages link it by a name that holds a digest of its content
    (``url_for('pages.council_css')`` adds it), so it is kept for a year and a new colour gets a new name."""
    css = council_stylesheet()
    response = Response(css, mimetype="text/css")
    if digest is None:
        response.cache_control.public = True
        response.cache_control.max_age = 300
    elif digest == _stylesheet_digest(css):
        response.cache_control.public = True
        response.cache_control.max_age = 365 * 24 * 60 * 60
        response.cache_control.immutable = True
    elif re.fullmatch(r"[0-9a-f]{12}", digest):
        # A page from before the colour changed (or from a server not yet updated): today's colours, not kept.
        response.cache_control.no_cache = True
    else:
        abort(404)
    # Nothing here looks at the session (the preview hook and the session's sliding pass this file by), so Flask
    # adds no "Vary: Cookie": as the cookie is signed again on every page, the browser could never reuse the file.
    return response


@bp.app_url_defaults
def council_css_digest(endpoint: str, values: dict) -> None:
    if endpoint == "pages.council_css" and "digest" not in values:
        values["digest"] = _stylesheet_digest(council_stylesheet())


def _minutes_to_wait(app: Flask) -> int:
    """Whole minutes until the limit that was hit lets the person try again (at least 1)."""
    limiter = app.extensions.get("rate_limiter")
    current = limiter.current_limit if limiter is not None else None
    if current is None:
        return 1
    return max(1, math.ceil((current.reset_at - time.time()) / 60))


def render_error(status: int, heading: str, paragraphs: list[str], retry_url=None, retry_text=None):
    return (
        render_template(
            "pages/error.html",
            heading=heading,
            paragraphs=paragraphs,
            retry_url=retry_url,
            retry_text=retry_text,
        ),
        status,
    )


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(404)
    def not_found(error):
        return render_error(
            404,
            _("Page not found"),
            [
                _("If you typed the web address, check it is correct."),
                _("If you pasted the web address, check you copied the entire address."),
            ],
        )

    @app.errorhandler(405)
    def method_not_allowed(error):
        return render_error(405, _("Page not found"), [_("This page cannot be used in that way.")])

    @app.errorhandler(413)
    def too_large(error):
        return render_error(
            413,
            _("What you sent is too long"),
            [_("Go back and shorten your answer, then try again. Your earlier answers are saved.")],
        )

    @app.errorhandler(429)
    def too_many_requests(error):
        minutes = _minutes_to_wait(app)
        if request.endpoint == "staff.login":
            at = datetime.fromtimestamp(time.time() + minutes * 60, UK_TIME).replace(tzinfo=None)
            first = ngettext(
                "Too many wrong passwords have been tried from here. You can try again at %(time)s, "
                "in %(num)d minute.",
                "Too many wrong passwords have been tried from here. You can try again at %(time)s, "
                "in %(num)d minutes.",
                minutes,
                time=clock(at),
            )
        elif minutes > 1:
            first = ngettext(
                "Wait %(num)d minute, then go back and try again. The answers you already saved are kept.",
                "Wait %(num)d minutes, then go back and try again. The answers you already saved are kept.",
                minutes,
            )
        else:
            first = _("Wait a minute, then go back and try again. The answers you already saved are kept.")
        response = render_error(
            429,
            _("Sorry, there have been too many attempts"),
            [
                first,
                with_phone_links(
                    _("If you need to speak to someone, call %(phone)s."), phone=app.extensions["council"].phone
                ),
            ],
        )
        return response[0], 429, {"Retry-After": str(minutes * 60)}

    @app.errorhandler(CSRFError)
    def csrf_expired(error):
        # Staff pages keep no answers: they are not told theirs are kept (fresh-eyes walk N, N13).
        carry_on = (_("Go back to the page and try again.") if request.blueprint == "staff"
                    else _("Go back to the page to carry on. The answers you already saved are kept."))
        return render_error(
            400,
            _("This page timed out"),
            [
                _("To keep your information safe, a page stops working if it is left open for a long time."),
                carry_on,
            ],
            retry_url=safe_next(request.path),
            retry_text=_("Go back to the page"),
        )

    @app.errorhandler(500)
    def server_error(error):
        return render_error(
            500,
            _("Sorry, there is a problem with the service"),
            [
                _("Try again later. The answers you already saved are kept for a while."),
                with_phone_links(
                    _("If you need to make a complaint now, call %(phone)s."), phone=app.extensions["council"].phone
                ),
            ],
        )
