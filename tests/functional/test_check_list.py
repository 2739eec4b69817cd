"""Check your answers draws its summary lists in Python (wizard/journey/summary_list.py): the same HTML, byte for
byte, as GOV.UK's macro, for every row a journey can make and for hostile answers."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from tests.journey_answers import PARENT, answer_until_check, text_of
from wizard.journey.summary_list import summary_list

MACRO = (
    '{% from "govuk_frontend_jinja/components/summary-list/macro.html" import govukSummaryList %}'
    "{{ govukSummaryList(params) }}"
)

HOSTILE = {
    **PARENT,
    "your-complaint": {
        "what_happened": "Line one\r\nLine <two> & 'three'\u2028four\u00a0\n\n  five  ",
        "who_involved": 'A "quoted" <b>name</b> </dd></dl><script>alert(1)</script>',
        "put_right": "x\x0by\x1cz\u0085end",
    },
}


def macro_rows(rows):
    """The rows as the template used to give them to the macro."""
    return [
        {
            "key": {"text": row["key"]},
            "value": {"html": row["value"]},
            **({"actions": {"items": [{"href": row["href"], "html": row["action"]}]}} if row.get("href") else {}),
        }
        for row in rows
    ]


def by_macro(app, rows, classes="", attributes=None):
    template = app.jinja_env.from_string(MACRO)
    params = {"rows": macro_rows(rows), "attributes": attributes or {}}
    if classes:
        params["classes"] = classes
    return template.render(params=params)


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("answers", [PARENT, HOSTILE], ids=["parent", "hostile"])
def test_each_section_is_drawn_as_the_macro_draws_it(make_app, language, answers):
    from wizard.journey import views

    app = make_app(WTF_CSRF_ENABLED=False)
    client = app.test_client()
    with client.session_transaction() as session:
        session["lang"] = language
    answer_until_check(client, answers)
    page = client.get("/complaint/check")
    assert page.status_code == 200
    if answers is HOSTILE:
        assert "<script>alert(1)</script>" not in page.get_data(as_text=True)
        assert "Line <two> & 'three'" in text_of(page).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    with client.session_transaction() as session:
        cookie = dict(session)
    with app.test_request_context("/complaint/check"):
        from flask import session

        session.update(cookie)
        draft = views.current_draft()
        views.g.journey_draft = draft
        w = views.walk_and_tidy(draft)
        drawn = views.check_sections(w)
        assert drawn and all(section["list_html"] in page.get_data(as_text=True) for section in drawn)
        for section in drawn:
            rows = [
                {
                    "key": row["label"],
                    "value": Markup("<br>").join(row["value"].split("\n")),
                    "href": views.url_for("journey.step", slug=row["step"], change=1),
                    "action": Markup('{}<span class="govuk-visually-hidden"> {}</span>').format(
                        views.gettext("Change"), row["change"]
                    ),
                }
                for row in section["rows"]
            ]
            expected = by_macro(app, rows, "govuk-!-margin-bottom-9", {"data-section": section["id"]})
            assert section["list_html"] == expected


def test_rows_with_and_without_links_classes_and_odd_text_are_drawn_as_the_macro_draws_them(app):
    odd = ["", " padded ", "a\nb", "\u2028", "<i>&'\"", "Cymraeg: ŵ ŷ", "line\r\nbreak"]
    rows = [
        {"key": key, "value": Markup("<br>").join(value.split("\n")), "href": href, "action": Markup(
            "Change<span class=\"govuk-visually-hidden\"> {}</span>").format(key.lower())}
        for key in odd for value in odd[:4] for href in ("/complaint/x?change=1", None)
    ]
    with app.test_request_context("/"):
        for chosen in (rows, rows[1::2], rows[::2]):  # mixed; no links; every row with a link
            for classes, attributes in (("", None), ("govuk-!-margin-bottom-9", {"data-section": "a\"b<"})):
                assert summary_list(chosen, classes, attributes) == by_macro(app, chosen, classes, attributes)


DATES_MACRO = (
    '{% from "govuk_frontend_jinja/components/summary-list/macro.html" import govukSummaryList %}'
    "{{ govukSummaryList({'rows': rows, 'attributes': {'data-dates': 'expected'}}) }}"
)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_expected_dates_are_drawn_as_the_macro_drew_them(make_app, language):
    import re

    app = make_app(WTF_CSRF_ENABLED=False)
    client = app.test_client()
    with client.session_transaction() as session:
        session["lang"] = language
    answer_until_check(client)
    page = client.get("/complaint/check").get_data(as_text=True)
    drawn = re.search(r'<dl class="govuk-summary-list" data-dates="expected">.*?</dl>', page, re.S).group(0)
    keys = re.findall(r'<dt class="govuk-summary-list__key">\s*(.*?)\s*</dt>', drawn, re.S)
    values = re.findall(r'<dd class="govuk-summary-list__value">\s*(.*?)\s*</dd>', drawn, re.S)
    assert len(keys) == len(values) >= 2
    unescape = __import__("html").unescape
    rows = [{"key": {"text": unescape(k)}, "value": {"text": unescape(v)}} for k, v in zip(keys, values, strict=True)]
    with app.test_request_context("/"):
        assert drawn == app.jinja_env.from_string(DATES_MACRO).render(rows=rows)
        odd = [{"key": {"text": "<b>&'\""}, "value": {"text": "24 Rhagfyr 2026 <i>"}}]
        assert summary_list([{"key": r["key"]["text"], "value": Markup.escape(r["value"]["text"])} for r in odd],
                            attributes={"data-dates": "expected"}) == app.jinja_env.from_string(DATES_MACRO).render(
                                rows=odd)


def test_a_list_opening_kept_for_one_text_is_not_given_for_another_that_looks_the_same(app):
    # The opening tag is kept per classes and attributes: Markup "&amp;" (already escaped) and the text "&amp;" are
    # equal strings, but the macro escapes the text again; each gets its own tag, in either order.
    with app.test_request_context("/"):
        for first, second in ((Markup("&amp;"), "&amp;"), ("&amp;", Markup("&amp;"))):
            for value in (first, second, first):
                for classes, attributes in ((value, None), ("", {"data-section": value})):
                    assert summary_list([], classes, attributes) == by_macro(app, [], classes, attributes)
