"""The catalogue is found once per request (wizard/translate.py: RequestDomain, request_translations) and still
follows every change of language or words within the request: Flask-Babel's refresh and force_locale, and the
young words laid over the catalogue (journey/words.py)."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale, get_translations, gettext, pgettext, refresh

from wizard.journey import words
from wizard.translate import RequestDomain, request_translations, translate

HELP = "Help for a child in need"


def test_the_apps_default_domain_keeps_its_catalogue_for_the_request(make_app):
    app = make_app()
    assert isinstance(app.extensions["babel"].instance.domain_instance, RequestDomain)
    with app.test_request_context("/", headers={"Accept-Language": "cy"}):
        app.preprocess_request()
        assert gettext("Continue") == "Parhau"
        assert request_translations() is request_translations() is get_translations()


def test_the_language_changed_within_a_request_is_the_one_used(make_app):
    app = make_app()
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        app.preprocess_request()
        assert gettext("Continue") == translate("Continue") == "Continue"
        assert render_template_string("{{ _('Continue') }}") == "Continue"
        with force_locale("cy"):
            assert gettext("Continue") == translate("Continue") == "Parhau"
            assert render_template_string("{{ _('Continue') }}") == "Parhau"
        assert gettext("Continue") == render_template_string("{{ _('Continue') }}") == "Continue"
        from flask import g

        g._flask_babel.babel_locale = None  # as a new locale selector would find it
        refresh()
        assert gettext("Continue") == "Continue"


def test_the_young_words_laid_over_mid_request_are_the_ones_used(make_app):
    app = make_app()
    for language in ("en", "cy"):
        with app.test_request_context("/complaint/", headers={"Accept-Language": language}):
            app.preprocess_request()
            adult = translate(HELP)
            assert render_template_string("{{ _(text) }}", text=HELP) == adult
            words.use_for("child", "about")
            young = translate(HELP)
            assert young != adult and young == render_template_string("{{ _(text) }}", text=HELP)
            assert young == gettext(HELP) == request_translations().ugettext(HELP)
        with app.test_request_context("/complaint/", headers={"Accept-Language": language}):
            app.preprocess_request()
            assert translate(HELP) == adult  # the next request: the adult's words again


def test_a_text_with_a_context_and_variables_is_translated_as_flask_babel_does(make_app):
    from wizard.domain.vocabulary import NP_

    app = make_app()
    text = NP_("Is a child in danger right now?", "Yes")
    with app.test_request_context("/", headers={"Accept-Language": "cy"}):
        app.preprocess_request()
        assert translate(text) == pgettext("Is a child in danger right now?", "Yes") != "Yes"
        assert translate("“%(field)s” must be %(max)d characters or fewer", field="Enw", max=200) == gettext(
            "“%(field)s” must be %(max)d characters or fewer", field="Enw", max=200
        )


def test_a_time_of_day_is_written_as_babel_writes_it(make_app):
    from datetime import datetime, timedelta

    from wizard import translate as t

    app = make_app()
    for language, noon in (("en", "12:00pm"), ("cy", "12:00yh")):
        with app.test_request_context("/", headers={"Accept-Language": language}):
            app.preprocess_request()
            moment = datetime(2026, 3, 29, 0, 7)  # the clocks change that night: a local time is written as given
            for _ in range(0, 24 * 60, 37):
                assert t.clock(moment) == t._clock(moment) == t.clock(moment)
                moment += timedelta(minutes=37)
            assert t.clock(datetime(2026, 11, 25, 12, 0)) == noon


def test_the_page_locale_and_domain_are_flask_babels_through_every_change(make_app):
    from flask_babel import get_domain, get_locale

    from wizard.translate import page_domain, page_language, page_locale

    app = make_app()
    with app.test_request_context("/complaint/", headers={"Accept-Language": "cy"}):
        assert page_locale() == get_locale() and str(page_locale()) == "cy" == page_language()  # before any is found
        app.preprocess_request()
        assert page_locale() is get_locale() and page_domain() is get_domain()
        with force_locale("en"):
            assert page_locale() is get_locale() and page_language() == "en"
        assert page_locale() is get_locale() and page_language() == "cy"
        words.use_for("child", "about")
        assert page_domain() is get_domain() and isinstance(page_domain(), words.WordsDomain)
        from flask import g

        g._flask_babel.babel_locale = None  # as a new locale selector would find it
        refresh()
        assert page_locale() is get_locale() and page_language() == "cy"
    assert page_locale() is get_locale() is None  # outside a request: as Flask-Babel says
