"""Parts of the journey's layout drawn once per language and reader's words (``fields.kept_fragment``): byte for
byte what the template draws with the page's own values, in both languages, in a child's words, with odd times,
counts and addresses, drawn afresh and from what was kept; and nothing a page filled in is kept."""

from __future__ import annotations

import itertools
import re
from datetime import timedelta

import pytest
from flask import render_template_string, request

from tests.journey_answers import PARENT, TODAY, answer_until_check, date_parts
from wizard.journey.fields import FRAGMENTS_ATTRIBUTE

PAGE = '{% extends "journey/layout.html" %}{% block page %}<h1>Page</h1>{% endblock %}'

# What the views give the layout: the note's time as the clock writes it, seconds left, when to warn; odd ones too.
EXPIRIES = [
    {"minutes": 120, "at": "1:16pm", "expires_in": 7199, "warn_before": 300},
    {"minutes": 1, "at": "12:00yb", "expires_in": 0, "warn_before": 30},
    {"minutes": 61, "at": "<b>9:05</b> & 'x' \"y\" ŵ", "expires_in": 3660, "warn_before": 300},
]
NONCE = re.compile(r'nonce="[^"]*"')  # each request's own
PATHS = ["/complaint/check", "/complaint/who-are-you", "/complaint/a\"b'<c>&d ŵ%20x"]


def drawn(app, path, expiry, language, who, kept: bool):
    with app.test_request_context(path, query_string={"change": "1"} if "who" in path else None):
        from flask import session

        from wizard.journey import words

        session["lang"] = language
        app.preprocess_request()
        if who:
            words.use_for(who, "check")
        app.jinja_env.auto_reload = not kept  # (``fields._memo_allowed``: nothing kept while templates reload)
        try:
            page = render_template_string(PAGE, expiry=expiry, back_url="/complaint/about")
            return NONCE.sub("", page), request.path
        finally:
            app.jinja_env.auto_reload = False


def test_the_timeout_note_and_dialog_are_drawn_as_the_template_draws_them(app):
    assert not app.jinja_env.auto_reload
    for _round in range(2):  # drawn afresh, then from what was kept (each language and words after the others)
        for language, who, expiry, path in itertools.product(["en", "cy"], [None, "child"], EXPIRIES, PATHS):
            kept, _path = drawn(app, path, expiry, language, who, kept=True)
            fresh, _path = drawn(app, path, expiry, language, who, kept=False)
            assert kept == fresh, (language, who, expiry, path)
            assert 'id="timeout-dialog"' in kept and f'data-expires-in="{expiry["expires_in"]}"' in kept
    memo = getattr(app.jinja_env, FRAGMENTS_ATTRIBUTE)
    kept_html = "".join(str(value) for value in memo.values())
    assert kept_html
    # Nothing a page filled in: the time, the seconds left, the page's address (as given or escaped).
    for filled in ("1:16pm", "12:00yb", "9:05", "7199", "3660", "who-are-you", "a&#34;b", "back=/complaint/check"):
        assert filled not in kept_html, filled


def test_each_language_and_words_get_their_own(app):
    english, _ = drawn(app, "/complaint/check", EXPIRIES[0], "en", None, kept=True)
    welsh, _ = drawn(app, "/complaint/check", EXPIRIES[0], "cy", None, kept=True)
    young, _ = drawn(app, "/complaint/check", EXPIRIES[0], "en", "child", kept=True)
    assert "Delete my answers and leave" in english and "Delete my answers and leave" not in welsh
    assert "2 awr" in welsh and "2 hours" in english
    # A child reads the young words wherever the layout has them (the same as the template draws them, above).
    assert young == drawn(app, "/complaint/check", EXPIRIES[0], "en", "child", kept=False)[0]


def test_pages_of_the_journey_show_their_own_address_and_time(app, client):
    """On real pages: each page's delete link comes back to that page, and the note says the draft's own time."""
    answer_until_check(client, PARENT)
    for path in ("/complaint/check", "/complaint/who-are-you", "/complaint/your-name"):
        page = client.get(path).get_data(as_text=True)
        assert f'href="/complaint/delete?back={path}"' in page, path
        assert page.count('id="timeout-dialog"') == 1


ESCALATION = {
    **PARENT,
    "new-or-reply": {"kind": "escalation"},
    "earlier-complaint": {"earlier_reference": "csc / 2026 - 0412"},
    "which-procedure": {"earlier_procedure": "statutory"},
    "which-reply": {"reply_stage": "stage1"},
    "date-of-the-reply": {"reply_date": date_parts(TODAY - timedelta(days=3))},
    "still-unhappy": {"still_unhappy": "Nothing changed.", "wanted": "Restart the visits."},
    "asking-later": {"escalation_late_reason": "I was in hospital."},
}


@pytest.mark.parametrize("csrf", [True, False], ids=["token", "no-token"])
def test_check_your_answers_is_drawn_as_the_template_draws_it(make_app, csrf):
    """The whole page, kept and drawn afresh in the same request (its nonce and form token), for a complaint and a
    request to take one further, in both languages, with and without the form's token."""
    from flask import session

    from wizard.journey import views

    app = make_app(WTF_CSRF_ENABLED=False)
    seen = set()
    for answers, language in itertools.product([PARENT, ESCALATION], ["en", "cy", "en"]):
        client = app.test_client()
        with client.session_transaction() as cookie:
            cookie["lang"] = language
        app.config["WTF_CSRF_ENABLED"] = False
        answer_until_check(client, answers)
        with client.session_transaction() as cookie:
            kept_cookie = dict(cookie)
        app.config["WTF_CSRF_ENABLED"] = csrf  # the page's Send button with its token, or without
        with app.test_request_context("/complaint/check"):
            session.update(kept_cookie)
            app.preprocess_request()
            draft = views.current_draft()
            views.g.journey_draft = draft
            w = views.walk_and_tidy(draft, every=True)
            assert w.complete
            views.words.use_for(w.flat.get("who"), "check")
            send_form = views.SendForm()
            pages = []
            for kept in (True, False, True):
                app.jinja_env.auto_reload = not kept
                try:
                    pages.append(views.render_check(w, send_form)[0])
                finally:
                    app.jinja_env.auto_reload = False
            assert pages[0] == pages[1] == pages[2], (language, answers is ESCALATION)
            assert 'id="send-complaint"' in pages[0]
            assert ('name="csrf_token"' in pages[0]) is csrf
            seen.add(("request" if answers is ESCALATION else "complaint", language))
            if language == "en":
                assert ("Send request" if answers is ESCALATION else "Send complaint") in pages[0]
            else:
                assert "Send request" not in pages[0] and "Send complaint" not in pages[0]
    assert len(seen) == 4


def test_the_help_box_is_drawn_as_the_template_draws_it_with_childline_only_for_a_child(app):
    for _round in range(2):
        for language, who in itertools.product(["en", "cy"], [None, "child", "parent", "care_leaver"]):
            kept, _path = drawn(app, "/complaint/check", EXPIRIES[0], language, who, kept=True)
            fresh, _path = drawn(app, "/complaint/check", EXPIRIES[0], language, who, kept=False)
            assert kept == fresh, (language, who)
            assert 'id="app-help-heading"' in kept and "tel:+441632960000" in kept
            assert ("tel:08001111" in kept) == (who == "child"), (language, who)  # not a care leaver (walk O, O1)
