"""Translating the English texts marked with ``N_`` or ``NP_`` (vocabulary.py) for the person's page.

A text marked ``NP_(context, text)`` carries its message context, so "Yes" to "Is a child in danger?" and "Yes"
to "Would you like an advocate?" are separate catalogue entries; every other text is translated as it is.
"""

from __future__ import annotations

from datetime import datetime, time
from functools import lru_cache

from flask.globals import _cv_app
from flask_babel import (
    Domain,
    format_time,
    get_domain,
    get_locale,
    get_timezone,
    get_translations,
    lazy_gettext,
    lazy_pgettext,
)


def translate(text: str, **variables) -> str:
    """``gettext``, or ``pgettext`` for a text with a message context."""
    return _translated(request_translations(), text, variables)


def translator():
    """``translate`` with the request's catalogue found once, for drawing many texts at a time (the rows of Check
    your answers). Made after the request's words are chosen (``journey/words.py``)."""
    translations = request_translations()
    return lambda text, **variables: _translated(translations, text, variables)


def _translated(translations, text: str, variables: dict) -> str:
    context = getattr(text, "context", "")
    found = translations.upgettext(context, str(text)) if context else translations.ugettext(text)
    return found % variables if variables else found


def lazy_translate(text: str, **variables):
    """``lazy_gettext``, or ``lazy_pgettext`` for a text with a message context."""
    context = getattr(text, "context", "")
    if context:
        return lazy_pgettext(context, str(text), **variables)
    return lazy_gettext(text, **variables)


def clock(moment: datetime | time) -> str:
    """A time of day as the person's language writes it on a council's page: "8:29pm" in English, "8:29yh" in
    Welsh ("yb" for y bore, "yh" for yr hwyr, as Welsh councils write opening hours). CLDR's wide day periods
    give both: its abbreviated ones are "AM" and "PM" in Welsh too.

    A local time given as it is (no time zone), with the app's Babel time zone UTC (nothing to convert), is the
    same text for the same hour, minute and language: written once per process (every journey page shows one)."""
    if isinstance(moment, datetime) and moment.tzinfo is None and str(get_timezone()) == "UTC":
        return _clock_text(moment.hour, moment.minute, str(page_locale()))
    return _clock(moment)


def _clock(moment: datetime | time) -> str:
    return format_time(moment, "h:mm aaaa").replace(" ", "").replace("\u202f", "").lower()


@lru_cache(maxsize=4096)
def _clock_text(hour: int, minute: int, locale: str) -> str:
    return _clock(datetime(2000, 1, 1, hour, minute))


def _babel_ctx():
    """The request's Flask-Babel context (what ``flask_babel._get_current_context`` gives, when it exists), read
    without going through ``flask.g``'s proxy three times."""
    app_ctx = _cv_app.get(None)
    return app_ctx.g.__dict__.get("_flask_babel") if app_ctx is not None else None


def page_locale():
    """``flask_babel.get_locale()``: once the request's locale has been found, read from its Babel context directly
    (Flask-Babel goes through ``flask.g``'s proxy three times; Check your answers asks for it for every date)."""
    ctx = _babel_ctx()
    found = ctx.__dict__.get("babel_locale") if ctx is not None else None
    return found if found is not None else get_locale()


def page_language() -> str:
    """The request's language, as its code ("en", "cy")."""
    return str(page_locale() or "en")


def page_domain():
    """``flask_babel.get_domain()``, read from the request's Babel context once it is set there."""
    ctx = _babel_ctx()
    found = ctx.__dict__.get("babel_domain") if ctx is not None else None
    return found if found is not None else get_domain()


def request_translations():
    """``flask_babel.get_translations()``: the catalogue of the request's domain (the person's words laid over the
    app's, ``journey/words.py``) in its language; a few times cheaper."""
    ctx = _babel_ctx()
    domain = ctx.__dict__.get("babel_domain") if ctx is not None else None
    if domain is None:
        return get_translations()
    return domain.get_translations()


class RequestDomain(Domain):
    """Flask-Babel's default domain, its catalogue found once per request and language.

    Flask-Babel finds the catalogue again for every text it translates (the request's Babel context three times,
    and the locale's name as the key of its cache): about 7 µs a text, where the lookup itself takes 0.2 µs, and
    a page translates 15 (the bare base template) to 100 texts (Check your answers). The catalogue found is kept
    in the request's Babel context beside the locale it is for, and used while that is still the locale
    (``flask_babel.refresh`` and ``force_locale`` change it, and the next text finds the catalogue again).
    """

    def get_translations(self):
        ctx = _babel_ctx()
        if ctx is not None:
            kept = ctx.__dict__.get("wizard_translations")
            locale = ctx.__dict__.get("babel_locale")
            if kept is not None and locale is not None and kept[0] is locale and kept[1] is self:
                return kept[2]
        translations = super().get_translations()
        ctx = _babel_ctx()
        if ctx is not None:
            ctx.wizard_translations = (ctx.__dict__.get("babel_locale"), self, translations)
        return translations


def install_request_domain(app, babel) -> None:
    """Make the app's default domain a ``RequestDomain``, and the templates' ``_`` find the catalogue as
    ``request_translations`` does (once ``babel.init_app(app)`` has run)."""
    if not isinstance(babel.__dict__.get("domain_instance"), RequestDomain):
        babel.domain_instance = RequestDomain(domain=app.extensions["babel"].default_domain)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
    )
