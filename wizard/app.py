"""Assembles the Flask application: settings, council profile, templates, extensions, blueprints, headers."""

from __future__ import annotations

import traceback
from pathlib import Path

from flask import Flask, g, request, session
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from wizard.assets import init_assets
from wizard.domain.profiles import load_profile
from wizard.ratelimit import init_rate_limit, limit_views
from wizard.security import init_security
from wizard.settings import PROJECT_ROOT, SettingsError, development_secret_key, load_settings
from wizard.templating import Template
from wizard.translate import install_request_domain

csrf = CSRFProtect()
babel = Babel()


def select_locale() -> str:
    from flask import current_app

    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(list(languages)) or "en"


class WizardFlask(Flask):
    """Flask, but an unexpected error is logged without its message, which could hold a child's details."""

    def log_exception(self, exc_info) -> None:
        kind, _error, trace = exc_info
        frames = traceback.extract_tb(trace)
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in reversed(frames[-6:]))
        self.logger.error(
            "unexpected %s on %s %s at %s",
            kind.__name__ if kind else "error",
            request.method,
            request.url_rule or "unknown route",
            where,
        )


COOKIE_OUTLIVES_DRAFT = 12 * 3600


def build_app(config: dict | None = None) -> Flask:
    settings = load_settings()
    if config:
        settings.update(config)
    # One setting: the session cookie and the form tokens last as long as a draft, also when DRAFT_TIMEOUT_MINUTES
    # is given here rather than in the environment (unless a caller sets them itself).
    # The cookie itself outlives the draft by COOKIE_OUTLIVES_DRAFT: a person who comes back after the draft was
    # deleted (on the server, on time) is told so, rather than being taken silently to the first question as a
    # stranger. It holds nothing but the deleted draft's id by then.
    for key, extra in (("PERMANENT_SESSION_LIFETIME", COOKIE_OUTLIVES_DRAFT), ("WTF_CSRF_TIME_LIMIT", 0)):
        if key not in (config or {}):
            settings[key] = settings["DRAFT_TIMEOUT_MINUTES"] * 60 + extra
    if not settings.get("SECRET_KEY"):
        settings["SECRET_KEY"] = development_secret_key(settings["DATA_DIR"])

    profile = load_profile(settings["COUNCIL"])
    settings["COUNCIL_INBOX"] = settings.get("COUNCIL_INBOX") or profile.inbox
    settings["ADVOCACY_INBOX"] = settings.get("ADVOCACY_INBOX") or profile.advocacy_inbox
    if not settings["COUNCIL_INBOX"]:
        raise SettingsError(
            "COUNCIL_INBOX",
            f"the council profile '{profile.id}' publishes no inbox, so complaints would have nowhere to go; "
            "set COUNCIL_INBOX to the address that should receive them",
        )
    settings["MAIL_FROM"] = settings.get("MAIL_FROM") or settings["COUNCIL_INBOX"]

    app = WizardFlask(
        __name__,
        static_folder=str(PROJECT_ROOT / "static"),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.update(settings)
    # Static files (hashed, immutable, pre-compressed) and compressed HTML; first, so that its after_request
    # function runs last, on the finished page.
    init_assets(app)
    if settings.get("PROXY_COUNT"):
        # Behind a reverse proxy: trust its X-Forwarded-For and -Proto, so the rate limit counts each person's
        # address rather than the proxy's, and https is known.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings["PROXY_COUNT"], x_proto=settings["PROXY_COUNT"])
    app.extensions["council"] = profile
    app.config["DATA_DIR"].mkdir(parents=True, exist_ok=True)
    from wizard import db

    db.check_database(app.config)  # the tables made or checked once, here, never on a request

    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(PROJECT_ROOT / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.template_class = Template  # Jinja's own, each import cheaper (wizard/templating.py)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    limiter = init_rate_limit(app)  # before CSRF checks, so that every post counts
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    install_request_domain(app, babel)  # the catalogue found once per request, not for every text
    WTFormsHelpers(app)
    init_security(app)

    @app.after_request
    def slide_session(response):
        # Sign the session cookie again on every request, so its age (which Flask checks against
        # PERMANENT_SESSION_LIFETIME: the draft timeout and COOKIE_OUTLIVES_DRAFT) counts from the last activity, not
        # from the first answer. It stays a browser-session cookie (no expiry date): closing the browser still ends it.
        # (Not for a stylesheet: reading the session would add "Vary: Cookie" and end its caching.)
        if request.endpoint not in ("static", "pages.council_css") and session and not g.get("leave_session_cookie"):
            session.modified = True
        return response

    from wizard.translation_status import incomplete_languages

    partly_translated = incomplete_languages(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]), app.config["LANGUAGES"])

    from wizard.telephone import tel

    app.add_template_global(tel, "tel")

    from wizard.journey.fields import KEPT_MACROS, kept_fragment

    # govukButton and govukBackLink, drawn on every journey page: their HTML kept per shape (``fields.KeptMacro``).
    for name, kept in KEPT_MACROS.items():
        app.add_template_global(kept, name)
    # Parts of the journey's layout drawn once per language and reader's words (``fields.kept_fragment``).
    app.add_template_global(kept_fragment, "kept_fragment")

    from wizard.pages import this_page

    app.add_template_global(this_page, "this_page")

    from wizard.domain.young_words import gets_childline

    # The help on every page a child reads gives Childline's number (base.html).
    app.add_template_global(gets_childline, "gets_childline")

    from flask_babel import get_locale as _locale

    from wizard.domain.dates import duration_text

    # "2 hours", "90 minutes" ("2 awr", "90 munud"): how long something lasts, in the page's language.
    app.add_template_global(lambda minutes: duration_text(int(minutes), str(_locale() or "en")), "duration")

    @app.context_processor
    def inject_council():
        locale = select_locale()
        return {
            "council": profile,
            "languages": app.config["LANGUAGES"],
            "current_locale": locale,
            "partly_translated": locale in partly_translated,
        }

    from wizard import pages

    app.register_blueprint(pages.bp)

    from wizard.journey import confirmation
    from wizard.journey import views as journey

    confirmation.add_pages(journey.bp)  # the pages after Send, on the journey's blueprint
    app.register_blueprint(journey.bp)
    app.register_blueprint(journey.leave_bp)
    csrf.exempt(journey.bp)  # the journey's forms check their own tokens, to show a timed-out page again

    from wizard.staff.views import bp as staff_bp

    app.register_blueprint(staff_bp)
    limit_views(app, limiter)
    pages.register_error_handlers(app)

    from wizard import cli

    cli.register(app)
    return app
