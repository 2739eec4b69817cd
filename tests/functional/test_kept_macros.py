"""The templates' govukButton and govukBackLink are the app's own (``fields.KeptMacro``: the macro's HTML kept per
shape, texts and links in holes): byte for byte what GOV.UK's macros draw, for every call in the templates, in both
languages, with odd links and texts, drawn afresh and from what was kept; and nothing a page filled in is kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import render_template_string

from tests.journey_answers import PARENT, answer_until_check
from wizard.journey.fields import KEPT_MACROS, MEMO_ATTRIBUTE

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
CALL = re.compile(r"\{\{\s*(govuk(?:Button|BackLink)\(\{.*?\}\))\s*\}\}", re.S)
CALLS = sorted({(path.relative_to(TEMPLATES).as_posix(), match.group(1))
                for path in TEMPLATES.rglob("*.html") for match in CALL.finditer(path.read_text())})
IMPORTS = (
    '{% from "govuk_frontend_jinja/components/button/macro.html" import govukButton %}'
    '{% from "govuk_frontend_jinja/components/back-link/macro.html" import govukBackLink %}'
)
# What the templates give these calls, ordinary and odd (quotes, markup, non-ASCII, a line break in a text).
CONTEXTS = [
    {"back_url": "/complaint/who-are-you", "start_url": "/complaint/start", "carry_on_text": "Continue",
     "escalation": None},
    {"back_url": "/complaint/check?change=1&x=<'\">", "start_url": "/complaint/start?next=a&b=\"c\"",
     "carry_on_text": "Carry on & <b>don't</b> stop – ŵ", "escalation": {"outcome": "x"}},
    {"back_url": "", "start_url": "", "carry_on_text": "Two\nlines", "escalation": None},
]


def test_every_call_in_the_templates_is_found():
    found = {template for template, _call in CALLS}
    assert {"journey/check.html", "journey/question.html", "journey/layout.html", "pages/start.html"} <= found
    assert len(CALLS) >= 12


@pytest.mark.parametrize("language", ["en", "cy"])
def test_each_call_draws_what_the_macro_draws(app, language):
    with app.test_request_context("/complaint/check"):
        from flask import session

        session["lang"] = language
        app.preprocess_request()
        for _round in range(2):  # drawn afresh, then from what was kept
            for template, call in CALLS:
                for context in CONTEXTS:
                    kept = render_template_string("{{ " + call + " }}", **context)
                    macro = render_template_string(IMPORTS + "{{ " + call + " }}", **context)
                    assert kept == macro, (template, call, context)
        memo = getattr(app.jinja_env, MEMO_ATTRIBUTE)
        kept_html = "".join(value for key, value in memo.items() if key[0] in ("govukButton", "govukBackLink"))
        assert kept_html  # something was kept ...
        # ... and none of what the pages filled in (a link, a text given by the view), as given or escaped.
        for filled in ("change=1", "next=a", "Carry on", "don", "Two"):
            assert filled not in kept_html


def test_the_journey_pages_draw_their_buttons_and_back_links_as_before(client):
    answer_until_check(client, PARENT)
    check = client.get("/complaint/check").get_data(as_text=True)
    assert ('<button type="submit" data-prevent-double-click="true" class="govuk-button" data-module="govuk-button"'
            ' id="send-complaint">\n  Send complaint\n</button>') in check
    assert '<a href="/complaint/help-to-take-part" class="govuk-back-link">Back</a>' in check
    page = client.get("/complaint/your-name").get_data(as_text=True)
    assert ('<button type="submit" data-prevent-double-click="true" class="govuk-button" '
            'data-module="govuk-button">\n  Continue\n</button>') in page
    assert set(KEPT_MACROS) == {"govukButton", "govukBackLink"}
