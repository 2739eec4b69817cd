"""The journey through the test client: redirects, skipping ahead, back and change links, dropped answers,
draft expiry, two tabs, errors that keep what was typed, and what the cookie and URLs hold."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import timedelta

import pytest

from tests.journey_answers import (
    PARENT,
    RECENT,
    TODAY,
    answer_until_check,
    date_parts,
    format_day,
    slug_of,
    text_of,
)
from wizard.db import database_path
from wizard.domain.profiles import load_profile
from wizard.domain.timeline import milestones
from wizard.journey import drafts


def refused(client, url: str, data: dict) -> str:
    """Post answers the page refuses: 303 back to the same page, whose GET shows them with their errors."""
    response = client.post(url, data=data)
    assert response.status_code == 303 and response.location.split("?")[0].endswith(url.split("?")[0])
    return client.get(response.location).get_data(as_text=True)


def draft_steps(app, client):
    conn = sqlite3.connect(database_path(app.config["DATA_DIR"]))
    with client.session_transaction() as session:
        draft_id = session.get("draft")
    row = conn.execute("SELECT answers FROM drafts WHERE id = ?", (draft_id,)).fetchone()
    conn.close()
    import json

    return json.loads(row[0]) if row else None


def back_link(html: str) -> str:
    tag = re.search(r'<a [^>]*class="govuk-back-link"[^>]*>', html).group(0)
    return re.search(r'href="([^"]*)"', tag).group(1)




def test_a_parent_walks_to_check_your_answers_with_route_and_dates(client):
    seen = answer_until_check(client)
    assert seen == [
        "child-in-danger", "new-or-reply", "who-are-you", "what-is-it-about", "who-gave-the-care", "about-the-child",
        "does-the-child-know", "tried-to-sort-it-out", "when-did-it-happen", "advocate-for-the-child",
        "court-or-police",
        # Only an email address given: "How would you like us to contact you?" has one answer and is not asked.
        "your-complaint", "your-name", "contact-details", "contacting-you-safely",
        "help-to-take-part",
    ]
    page = client.get("/complaint/check")
    text = text_of(page)
    assert "The children's social care complaints procedure" in text
    assert "Sam Smith" in text and "The visits stopped." in text and "pat@example.com" in text
    timeline = milestones(load_profile("example"), "statutory", TODAY)
    for key in ("acknowledgement", "stage1_response", "stage1_response_extended"):
        assert format_day(timeline[key].due) in text


def test_every_post_redirects_and_a_refresh_only_shows_the_page(client):
    client.get("/complaint/")
    response = client.post("/complaint/child-in-danger", data={"danger": "no"})
    assert response.status_code == 303 or response.status_code == 302
    assert response.location.endswith("/complaint/new-or-reply")
    again = client.get("/complaint/child-in-danger")
    assert 'value="no" checked' in again.get_data(as_text=True)


def test_skipping_ahead_by_url_goes_to_the_first_unanswered_question(client):
    client.get("/complaint/")
    response = client.get("/complaint/your-complaint")
    assert response.status_code == 302 and response.location.endswith("/complaint/child-in-danger")
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    for url in ("/complaint/check", "/complaint/court-or-police", "/complaint/help-to-take-part"):
        response = client.get(url)
        assert response.location.endswith("/complaint/new-or-reply"), url
    # Posting to a later step is refused the same way and saves nothing.
    response = client.post("/complaint/your-name", data={"name": "Skipper"})
    assert response.location.endswith("/complaint/new-or-reply")


def test_no_draft_means_starting_at_the_beginning(client):
    # (No draft is made for it: a draft is made with the first answer.)
    response = client.get("/complaint/who-are-you")
    assert response.status_code == 302 and response.location.endswith("/complaint/child-in-danger")


def test_back_links_go_to_the_previous_question_and_show_the_answer(client):
    answer_until_check(client)
    page = client.get("/complaint/who-gave-the-care")
    html = page.get_data(as_text=True)
    assert back_link(html) == "/complaint/what-is-it-about"
    first = client.get("/complaint/child-in-danger").get_data(as_text=True)
    assert back_link(first) == "/"
    check = client.get("/complaint/check").get_data(as_text=True)
    assert back_link(check) == "/complaint/help-to-take-part"
    about = client.get("/complaint/what-is-it-about").get_data(as_text=True)
    assert 'value="looked_after" checked' in about


def test_change_links_return_to_check_your_answers(client):
    answer_until_check(client)
    check = client.get("/complaint/check").get_data(as_text=True)
    assert 'href="/complaint/your-name?change=1"' in check
    page = client.get("/complaint/your-name?change=1").get_data(as_text=True)
    assert 'value="Pat Jones"' in page
    assert back_link(page) == "/complaint/check"
    response = client.post("/complaint/your-name?change=1", data={"name": "Pat Brown"})
    assert response.location.endswith("/complaint/check")
    assert "Pat Brown" in text_of(client.get("/complaint/check"))


def test_a_change_that_alters_the_route_asks_the_new_questions_and_drops_the_old_answers(app, client):
    answer_until_check(client)
    # The parent says instead that they are the young person: questions about "the child" no longer apply.
    response = client.post("/complaint/who-are-you?change=1", data={"who": "child"})
    # A child is first asked whether they feel safe where they live (walks O and P, session 9).
    assert response.location.endswith("/complaint/feeling-safe?change=1")
    response = client.post("/complaint/feeling-safe?change=1", data={"feels_safe": "yes"})
    assert response.location.endswith("/complaint/advocate?change=1")
    assert "child" not in draft_steps(app, client)
    assert client.get("/complaint/check").location.endswith("/complaint/advocate")
    response = client.post("/complaint/advocate?change=1", data={"advocacy": "yes"})
    # A young person is asked what lets the council find them.
    assert response.location.endswith("/complaint/about-you?change=1")
    response = client.post("/complaint/about-you?change=1", data={"child_age": "15", "child_dob": ["", "", ""]})
    assert response.location.endswith("/complaint/check")
    assert "advocacy_child" not in draft_steps(app, client)
    text = text_of(client.get("/complaint/check"))
    assert "Sam Smith" not in text
    assert "Want an advocate, someone on your side who helps you say what you want Yes" in text  # a child's words
    assert "You asked for an advocate: someone on your side who helps you say what you want." in text


def test_a_change_to_a_relative_for_a_14_year_old_asks_for_the_childs_agreement(client):
    answers = dict(PARENT)
    answers["about-the-child"] = {"child_name": "Sam Smith", "child_age": "14", "child_dob": ["", "", ""]}
    answer_until_check(client, answers)
    response = client.post("/complaint/who-are-you?change=1", data={"who": "relative"})
    assert response.location.endswith("/complaint/does-the-child-agree?change=1")
    response = client.post("/complaint/does-the-child-agree?change=1", data={"child_agrees": "no"})
    assert response.location.endswith("/complaint/the-childs-agreement?change=1")
    page = text_of(client.get("/complaint/the-childs-agreement?change=1"))
    assert "The child can complain themselves" in page and "advocate" in page
    assert client.get("/complaint/check").location.endswith("/complaint/the-childs-agreement")
    response = client.post("/complaint/the-childs-agreement?change=1", data={"carry_on": "yes"})
    # Everything else was answered already: straight back to Check your answers, now corporate.
    assert response.location.endswith("/complaint/check")
    text = text_of(client.get("/complaint/check"))
    assert "The council's own complaints procedure" in text
    assert "Going ahead without the child's agreement Yes" in text
    assert "The council must decide" not in text  # flags are for staff; the reasons say it in plain words
    assert "The council will decide whether it can look into it" in text


def test_an_expired_draft_is_deleted_and_explained(app, client):
    client.get("/complaint/")
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    with client.session_transaction() as session:
        draft_id = session["draft"]
    conn = sqlite3.connect(database_path(app.config["DATA_DIR"]))
    conn.execute("UPDATE drafts SET expires_at = ? WHERE id = ?", (time.time() - 1, draft_id))
    conn.commit()
    response = client.get("/complaint/new-or-reply")
    assert response.location.endswith("/complaint/expired")
    assert conn.execute("SELECT count(*) FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0] == 0
    conn.close()
    page = client.get("/complaint/expired")
    assert "Your answers have been deleted" in text_of(page)
    assert "You did not continue for 2 hours" in text_of(page)
    with client.session_transaction() as session:
        assert "draft" not in session
    # Starting again starts with no answers; the first answer makes a new draft.
    response = client.get("/complaint/")
    assert response.location.endswith("/complaint/child-in-danger")
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    with client.session_transaction() as session:
        assert session["draft"] != draft_id


def test_drafts_expire_after_the_configured_inactivity(make_app):
    clock = {"now": 1_900_000_000.0}
    app = make_app(WTF_CSRF_ENABLED=False, DRAFT_TIMEOUT_MINUTES=30, JOURNEY_CLOCK=lambda: clock["now"])
    client = app.test_client()
    client.get("/complaint/")
    clock["now"] += 29 * 60  # still in time: and using the page extends the time
    assert client.post("/complaint/child-in-danger", data={"danger": "no"}).location.endswith("/new-or-reply")
    clock["now"] += 29 * 60
    assert client.get("/complaint/new-or-reply").status_code == 200
    page = text_of(client.get("/complaint/new-or-reply"))
    assert "30 minutes" in page
    clock["now"] += 31 * 60
    assert client.get("/complaint/new-or-reply").location.endswith("/complaint/expired")


def test_purge_deletes_only_expired_drafts(app):
    conn = __import__("wizard.db", fromlist=["connect"]).connect(app.config["DATA_DIR"])
    old = drafts.create(conn, 120, now=1000.0)
    new = drafts.create(conn, 120, now=1000.0 + 7200)
    assert drafts.purge_expired(conn, now=1000.0 + 7200 + 1) == 1
    assert drafts.load(conn, new.id, 120, now=1000.0 + 7201) is not None
    assert drafts.load(conn, old.id, 120, now=1000.0 + 7201) is None
    conn.close()


def test_two_tabs_on_one_draft(client):
    answer_until_check(client)
    # Tab 1 has the advocacy question open. In tab 2 the person says they are the young person instead.
    tab1 = client.get("/complaint/advocate-for-the-child")
    assert tab1.status_code == 200
    client.post("/complaint/who-are-you?change=1", data={"who": "child"})
    client.post("/complaint/feeling-safe?change=1", data={"feels_safe": "yes"})  # a child's first question
    # Tab 1's question no longer applies: its answer is not saved, and the person is taken to what is needed.
    response = client.post("/complaint/advocate-for-the-child", data={"advocacy": "yes"})
    assert response.location.endswith("/complaint/advocate")
    # Both tabs answering different questions keep both answers.
    client.post("/complaint/advocate", data={"advocacy": "no"})
    client.post("/complaint/your-name?change=1", data={"name": "Sam"})
    client.post("/complaint/about-you", data={"child_age": "15", "child_dob": ["", "", ""]})  # asked of a child
    text = text_of(client.get("/complaint/check"))
    assert "Sam" in text and "Want an advocate, someone on your side who helps you say what you want No" in text


def test_errors_follow_govuk_wording_and_keep_what_was_typed(client):
    answer_until_check(client)
    page = client.post(
        "/complaint/when-did-it-happen", data={"happened": ["31", "2", str(TODAY.year)]}, follow_redirects=True
    )
    html = page.get_data(as_text=True)
    # Refused, then redirected (303) to the same page, which shows the errors: no POST left in the history.
    assert [r.status_code for r in page.history] == [303] and page.request.method == "GET"
    assert page.status_code == 200
    assert "<title>Error: " in html
    assert html.count("Date it happened must be a real date") == 2  # in the summary and by the field
    assert 'value="31"' in html and 'href="#happened-day"' in html

    future = TODAY + timedelta(days=40)
    html = refused(client, "/complaint/when-did-it-happen", data={"happened": date_parts(future)})
    assert "Date it happened must be today or in the past" in html

    html = refused(client, "/complaint/when-did-it-happen", data={"happened": ["", "", ""]})
    assert "Enter the date it happened or when you found out" in html
    html = refused(client, "/complaint/when-did-it-happen", data={"happened": ["3", "", "2025"]})
    assert "Date it happened must include a month" in html and 'href="#happened-month"' in html

    long = "x" * 5001
    html = refused(
        client, "/complaint/your-complaint", data={"what_happened": long, "who_involved": "", "put_right": "Sorry"}
    )
    assert "What happened must be 5000 characters or fewer" in html
    assert long in html and ">Sorry</textarea>" in html

    html = refused(client, "/complaint/who-are-you", data={})
    assert "Select who you are" in html and 'href="#who"' in html

    html = refused(client, "/complaint/contact-details", data={"email": "pat@", "phone": ""})
    assert "Enter an email address in the correct format, like name@example.com" in html and 'value="pat@"' in html
    # Nothing invalid was saved: Check your answers still shows the old answers.
    assert "pat@example.com" in text_of(client.get("/complaint/check"))


def test_a_month_and_year_is_enough_and_counts_as_the_end_of_that_month(client):
    answers = dict(PARENT)
    answers["when-did-it-happen"] = {"happened": ["", str(RECENT.month), str(RECENT.year)]}
    answer_until_check(client, answers)
    assert RECENT.strftime("%B %Y") in text_of(client.get("/complaint/check"))


def test_a_post_is_needed_only_when_post_is_chosen(client):
    # Email and phone given, so the way is asked (with only one way it is not).
    two_ways = {**PARENT, "contact-details": {**PARENT["contact-details"], "phone": "07700 900123"},
                "how-to-contact-you": {"preferred": "email"}}
    answer_until_check(client, two_ways)
    html = refused(client, "/complaint/how-to-contact-you", data={"preferred": "post"})
    assert "Select how you would like us to contact you" in html  # no address given, so post is not offered
    html = refused(
        client,
        "/complaint/contact-details",
        data={"email": "", "phone": "", "address_line_1": "1 High Street", "address_town": "", "address_postcode": ""},
    )
    assert "Enter town or city" in html and "Enter postcode" in html and 'value="1 High Street"' in html


def test_the_cookie_holds_only_the_draft_id_and_language_and_urls_hold_no_answers(app, client):
    urls = []
    original_open = client.open

    def recording_open(*args, **kwargs):
        response = original_open(*args, **kwargs)
        urls.append(str(args[0]) if args else "")
        if response.location:
            urls.append(response.location)
        return response

    client.open = recording_open
    client.get("/language/en?next=/")
    answer_until_check(client)
    cookie = client.get_cookie("complaint_session")
    serializer = app.session_interface.get_signing_serializer(app)
    data = serializer.loads(cookie.value)
    assert set(data) <= {"draft", "lang", "csrf_token"}
    assert set(data) >= {"draft", "lang"}
    for secret in ("Sam", "Pat", "pat@example.com", "visits", "looked_after", "parent"):
        assert secret not in cookie.value and secret not in repr(data)
        assert not any(secret in url for url in urls), secret


def test_a_timed_out_page_is_shown_again_with_what_was_typed(make_app):
    app = make_app()  # CSRF on
    client = app.test_client()
    client.get("/complaint/")
    page = client.get("/complaint/child-in-danger").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/complaint/child-in-danger", data={"danger": "no", "csrf_token": token}).status_code == 302
    # The token is missing or stale (a page left open too long): the answer is shown again, not saved.
    response = client.post("/complaint/new-or-reply", data={"kind": "escalation", "csrf_token": "stale"})
    assert response.status_code == 303 and response.location.endswith("/complaint/new-or-reply")
    response = client.get(response.location)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This page timed out, so your answers on it were not saved" in html
    assert 'value="escalation" checked' in html
    assert client.get("/complaint/what-is-it-about").location.endswith("/complaint/new-or-reply")


@pytest.mark.parametrize(
    ("who", "question"),
    [("child", "Would you like an advocate to help you?"), ("relative", "Would the child like an advocate?")],
)
def test_advocacy_is_offered_to_children_and_asked_of_people_complaining_for_them(client, who, question):
    answers = dict(PARENT)
    answers["who-are-you"] = {"who": who}
    answers["feeling-safe"] = {"feels_safe": "yes"}  # asked of a child only
    answers["about-the-child"] = {"child_name": "Sam Smith", "child_age": "8", "child_dob": ["", "", ""]}
    answer_until_check(client, answers)
    slug = "advocate" if who == "child" else "advocate-for-the-child"
    assert question in client.get(f"/complaint/{slug}").get_data(as_text=True)


def test_send_stores_one_complaint_clears_the_draft_and_a_second_send_finds_it(app, client):
    answer_until_check(client)
    with app.test_request_context():
        confirmation = __import__("flask").url_for("journey.confirmation")
    with client.session_transaction() as session:
        draft_id = session["draft"]
    first = client.post("/complaint/send")
    assert first.status_code == 302 and first.location.endswith(confirmation)
    with client.session_transaction() as session:
        receipt = session["receipt"]  # the session was rotated: a receipt, no draft id
        assert "draft" not in session
    conn = sqlite3.connect(database_path(app.config["DATA_DIR"]))
    assert conn.execute("SELECT count(*) FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0] == 0
    second = client.post("/complaint/send")  # the back button and Send again, or a second tab
    assert second.location.endswith(confirmation)
    with client.session_transaction() as session:
        assert session["receipt"] == receipt
    assert conn.execute("SELECT count(*) FROM complaints").fetchone()[0] == 1
    record = __import__("json").loads(conn.execute("SELECT record FROM complaints").fetchone()[0])
    conn.close()
    assert record["decision"]["outcome"] == "statutory"
    assert record["answers"]["child"]["name"] == "Sam Smith"
    assert record["answers"]["contact"]["language"] == "en"
    assert [s["title"] for s in record["sections"]][:2] == ["About you", "About the complaint"]
    # A step visited after sending leads to the confirmation, not to an "answers deleted" page.
    assert client.get("/complaint/your-name").location.endswith(confirmation)


def test_a_timed_out_send_shows_check_your_answers_again_and_sends_nothing(make_app):
    app = make_app()  # CSRF on
    client = app.test_client()
    response = client.get("/complaint/")
    for _ in range(40):
        if response.location.endswith("/check"):
            break
        page = client.get(response.location).get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        data = dict(PARENT.get(slug_of(response.location), {"carry_on": "yes"}), csrf_token=token)
        response = client.post(response.location, data=data)
    response = client.post("/complaint/send", data={"csrf_token": "stale"})
    assert response.status_code == 303 and response.location.endswith("/complaint/check")
    response = client.get(response.location)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<title>Error: " in html
    assert "This page timed out. Check your answers, then select Send complaint again." in html
    assert 'href="#send-complaint"' in html and 'id="send-complaint"' in html
    conn = sqlite3.connect(database_path(app.config["DATA_DIR"]))
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'complaints'").fetchone()[0] == 0 or (
        conn.execute("SELECT count(*) FROM complaints").fetchone()[0] == 0
    )
    conn.close()


def test_page_views_move_the_expiry_on_at_most_once_a_minute(make_app):
    clock = {"now": 1_900_000_000.0}
    app = make_app(WTF_CSRF_ENABLED=False, DRAFT_TIMEOUT_MINUTES=30, JOURNEY_CLOCK=lambda: clock["now"])
    client = app.test_client()
    client.get("/complaint/")
    assert client.post("/complaint/child-in-danger", data={"danger": "no"}).location.endswith("/new-or-reply")
    with client.session_transaction() as session:
        draft_id = session["draft"]

    def stored_expiry():
        conn = sqlite3.connect(database_path(app.config["DATA_DIR"]))
        try:
            return conn.execute("SELECT expires_at FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0]
        finally:
            conn.close()

    saved = clock["now"] + 30 * 60
    assert stored_expiry() == saved
    clock["now"] += 30  # page views within the minute: nothing written
    assert client.get("/complaint/new-or-reply").status_code == 200
    assert client.get("/complaint/keep-alive").status_code == 200
    assert stored_expiry() == saved
    clock["now"] += 31  # more than a minute on: the expiry moves on with the page view
    assert client.get("/complaint/new-or-reply").status_code == 200
    assert stored_expiry() == clock["now"] + 30 * 60
    clock["now"] += 29 * 60 + 30  # still in time, measured from the last page view
    assert client.get("/complaint/new-or-reply").status_code == 200
    clock["now"] += 31 * 60
    assert client.get("/complaint/new-or-reply").location.endswith("/complaint/expired")


def test_a_request_looks_up_the_drafts_table_once_per_process_not_on_every_page(app, client, trace_sqlite):
    client.get("/complaint/")
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    client.post("/complaint/new-or-reply", data={"kind": "new"})
    statements = trace_sqlite()
    assert client.get("/complaint/who-are-you").status_code == 200
    assert client.post("/complaint/who-are-you", data={"who": "parent"}).status_code == 302
    assert statements and not [s for s in statements if "sqlite_master" in s]
    # A page view within the minute writes nothing.
    statements.clear()
    assert client.get("/complaint/what-is-it-about").status_code == 200
    assert not [s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]


# ---------------------------------------------------------------------------------------------------------
# One walk per request: what each request validates and routes (counts, never timings)


def test_a_page_view_validates_no_earlier_answer_and_check_your_answers_validates_them_all(client, counted):
    response = client.get("/complaint/")
    answered = 0
    while slug_of(response.location) != "check":
        url = response.location
        counted()
        assert client.get(url).status_code == 200
        # The page shows its own stored answer (if any) without validating it or any earlier one, however many
        # answers came before: the cost of a page view does not grow with the answers given.
        found = counted()
        assert found["validate"] == 0 and found["route"] <= 3, (url, found)
        response = client.post(url, data=PARENT.get(slug_of(url), {"carry_on": "yes"}))
        assert response.status_code == 302
        # The posted answer, and the same answer as the draft keeps it; routed at most three times.
        found = counted()
        assert found["validate"] == 2 and found["route"] <= 3, (url, found)
        answered += 1
    assert answered >= 15  # the parent's journey: every page answered once
    page = client.get("/complaint/check")
    assert page.status_code == 200
    assert counted()["validate"] == answered  # every answer checked again before it is shown to be sent
    assert client.post("/complaint/send").status_code == 302
    assert counted()["validate"] == answered


def test_the_next_day_a_page_view_validates_the_answers_again_and_shows_the_same(make_app, monkeypatch):
    clock = {"now": time.time()}
    app = make_app(WTF_CSRF_ENABLED=False, JOURNEY_CLOCK=lambda: clock["now"], DRAFT_TIMEOUT_MINUTES=60 * 48)
    client = app.test_client()
    response = client.get("/complaint/")
    posted = 0
    while slug_of(response.location) != "your-complaint":
        response = client.post(response.location, data=PARENT.get(slug_of(response.location), {"carry_on": "yes"}))
        posted += 1
    today_page = client.get(response.location).get_data(as_text=True)
    from wizard.journey import forms as journey_forms
    from wizard.journey import steps as journey_steps

    # Each answer validated: with its step form, or as a plain answer without it (journey/plain_answers.py).
    validated = []
    real = journey_forms.StepForm.validate
    monkeypatch.setattr(journey_forms.StepForm, "validate", lambda form, *a, **k: validated.append(form) or real(form))
    real_plain = journey_steps.plain_values

    def plain(step, data):
        found = real_plain(step, data)
        if found is not None:
            validated.append(step)
        return found

    monkeypatch.setattr(journey_steps, "plain_values", plain)
    assert client.get(response.location).status_code == 200 and validated == []
    clock["now"] += 24 * 3600  # what a form accepts may depend on the day (dates, ages): checked again
    tomorrow_page = client.get(response.location)
    assert tomorrow_page.status_code == 200 and len(validated) == posted
    strip = re.compile(r'name="csrf_token"[^>]*>|nonce="[^"]*"|data-expires-in="\d+"|\d+:\d+[ap]m')
    assert strip.sub("", tomorrow_page.get_data(as_text=True)) == strip.sub("", today_page)


def test_a_page_view_with_no_refused_answers_waiting_writes_nothing(app, client, trace_sqlite):
    client.get("/complaint/")
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    client.post("/complaint/new-or-reply", data=PARENT["new-or-reply"])
    refused(client, "/complaint/who-are-you", {"who": "nobody"})  # its errors were shown once
    statements = trace_sqlite()
    page = client.get("/complaint/who-are-you")
    assert page.status_code == 200 and "Select who you are" not in text_of(page)
    assert statements and not [s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]


def test_an_answer_dropped_from_the_route_leaves_nothing_behind_in_the_draft(app, client):
    answer_until_check(client)
    with client.session_transaction() as session:
        draft_id = session["draft"]

    def stored() -> str:
        conn = sqlite3.connect(database_path(app.config["DATA_DIR"]))
        try:
            return conn.execute("SELECT answers FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0]
        finally:
            conn.close()

    assert stored().count("Sam Smith") == 2  # the answer as typed, and the walk's value of it
    client.post("/complaint/who-are-you?change=1", data={"who": "child"})
    client.post("/complaint/feeling-safe?change=1", data={"feels_safe": "yes"})  # a child's first question
    assert "Sam Smith" not in stored()
    # Dropped by a page view's walk (not a save): nothing of it is kept beside the other answers either.
    from wizard import db

    connection = db.connect(app.config["DATA_DIR"])
    try:
        draft = drafts.load(connection, draft_id, 60)
        assert "who" in draft.known["steps"]
        drafts.drop_steps(connection, draft_id, {"who"})
        draft = drafts.load(connection, draft_id, 60)
        assert "who" not in draft.steps and "who" not in draft.known["steps"]
    finally:
        connection.close()


def test_a_page_view_reads_the_draft_without_the_write_lock(app, client):
    """Another writer holding the database (a Send, the outbox) does not hold up a page view, which takes no
    write lock: before, every page view waited for it in BEGIN IMMEDIATE (up to the 30 second busy timeout)."""
    client.get("/complaint/")
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    client.post("/complaint/new-or-reply", data=PARENT["new-or-reply"])
    client.get("/complaint/who-are-you")  # the expiry is fresh: this minute's page views write nothing
    other = sqlite3.connect(database_path(app.config["DATA_DIR"]), timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another connection holds the write lock
        page = client.get("/complaint/who-are-you")
        assert page.status_code == 200 and "Which of these best describes you?" in text_of(page)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_page_view_after_a_minute_moves_the_expiry_on_but_never_revives_an_expired_draft(app, client):
    clock = {"now": time.time()}
    app.config["JOURNEY_CLOCK"] = lambda: clock["now"]
    client.get("/complaint/")
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    with client.session_transaction() as session:
        draft_id = session["draft"]

    def stored_expiry():
        conn = sqlite3.connect(database_path(app.config["DATA_DIR"]))
        try:
            row = conn.execute("SELECT expires_at FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            return row and row[0]
        finally:
            conn.close()

    timeout = app.config["DRAFT_TIMEOUT_MINUTES"] * 60
    saved = stored_expiry()
    clock["now"] += 30  # within the minute: nothing written
    assert client.get("/complaint/new-or-reply").status_code == 200 and stored_expiry() == saved
    clock["now"] += 60  # more than a minute on: the page view moves it on
    assert client.get("/complaint/new-or-reply").status_code == 200
    assert stored_expiry() == clock["now"] + timeout
    clock["now"] += timeout  # out of time: the page view deletes it and says so, and a later one finds nothing
    assert client.get("/complaint/new-or-reply").location.endswith("/complaint/expired")
    assert stored_expiry() is None


# ---------------------------------------------------------------------------------------------------------
# Check your answers and Send validate every answer again: never a value changed in the database


def _stored_json(app, client) -> tuple[str, dict]:
    import json

    with client.session_transaction() as session:
        draft_id = session["draft"]
    conn = sqlite3.connect(database_path(app.config["DATA_DIR"]))
    try:
        return draft_id, json.loads(conn.execute("SELECT answers FROM drafts WHERE id = ?", (draft_id,)).fetchone()[0])
    finally:
        conn.close()


def _store_json(app, draft_id: str, answers: dict) -> None:
    import json

    conn = sqlite3.connect(database_path(app.config["DATA_DIR"]))
    try:
        conn.execute("UPDATE drafts SET answers = ? WHERE id = ?", (json.dumps(answers), draft_id))
        conn.commit()
    finally:
        conn.close()


def _complaints_text(app) -> str:
    conn = sqlite3.connect(database_path(app.config["DATA_DIR"]))
    try:
        return " ".join(str(row) for row in conn.execute("SELECT * FROM complaints").fetchall())
    finally:
        conn.close()


def _tamper_complaint_value(known: dict, text: str) -> dict:
    """What was kept, with the complaint's typed value replaced (as someone with the database might)."""
    for entry in known["steps"].values():
        if "what_happened" in entry["values"]:
            entry["values"]["what_happened"] = text
            return known
    raise AssertionError("the kept values hold no complaint")


@pytest.mark.parametrize("how", ["value changed, seal kept", "sealed again with another key", "seals removed"])
def test_a_kept_value_changed_in_the_database_is_never_shown_or_sent(make_app, counted, how):
    from wizard.journey import steps as journey_steps

    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_AFTER_RESPONSE=False)
    client = app.test_client()
    answered = len(answer_until_check(client))
    draft_id, stored = _stored_json(app, client)
    known = _tamper_complaint_value(stored["_known"], "Nothing happened at all.")
    if how == "sealed again with another key":
        for entry in known["steps"].values():
            del entry["mac"]
        unsealed = known
        known = journey_steps.seal_known(unsealed, "not this app's secret key " * 3, app.extensions["council"])
    elif how == "seals removed":
        for entry in known["steps"].values():
            del entry["mac"]
    stored["_known"] = known
    _store_json(app, draft_id, stored)
    counted()
    page = client.get("/complaint/check")
    assert page.status_code == 200
    validated = counted()["validate"]
    # Validated again from what the person typed: every answer, whatever was kept (sealed or not).
    assert validated == answered
    assert "The visits stopped." in text_of(page) and "Nothing happened at all." not in text_of(page)
    assert client.post("/complaint/send").status_code == 302
    assert counted()["validate"] == validated
    sent = _complaints_text(app)
    assert "The visits stopped." in sent and "Nothing happened at all." not in sent


def test_an_answer_changed_in_the_database_is_validated_again_at_check_and_send(make_app, counted):
    """Answers that no longer match what was kept (another tab, an older draft) are validated again: one that is
    no longer valid sends the person back to its page, never to Send."""
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_AFTER_RESPONSE=False)
    client = app.test_client()
    answer_until_check(client)
    draft_id, stored = _stored_json(app, client)
    stored["complaint"] = {"what_happened": [""], "who_involved": [""], "put_right": ["Restart them."]}
    _store_json(app, draft_id, stored)
    counted()
    assert client.get("/complaint/check").location.endswith("/complaint/your-complaint")
    assert counted()["validate"] >= 1
    assert client.post("/complaint/send").location.endswith("/complaint/your-complaint")
    assert _complaints_text(app) == ""


def test_the_next_day_check_your_answers_and_send_validate_every_answer_again(make_app, counted):
    clock = {"now": time.time()}
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_AFTER_RESPONSE=False, JOURNEY_CLOCK=lambda: clock["now"],
                   DRAFT_TIMEOUT_MINUTES=60 * 48)
    client = app.test_client()
    answered = len(answer_until_check(client))
    counted()
    assert client.get("/complaint/check").status_code == 200
    assert counted()["validate"] == answered  # today too: every answer, before it is shown to be sent
    clock["now"] += 24 * 3600
    assert client.get("/complaint/check").status_code == 200
    assert counted()["validate"] == answered
    assert client.post("/complaint/send").status_code == 302
    assert counted()["validate"] == answered


def test_a_page_view_walks_only_as_far_as_its_own_page(client, counted):
    """An early page costs the same with every answer given as when it was first met: its walk stops at it (and
    at "who are you", whose words it uses), so later answers are neither routed nor checked."""
    response = client.get("/complaint/")
    first = {}
    while slug_of(response.location) != "check":
        url = response.location
        counted()
        assert client.get(url).status_code == 200
        first[url] = counted()["route"]
        response = client.post(url, data=PARENT.get(slug_of(url), {"carry_on": "yes"}))
    assert len(first) >= 15
    for url, routed in first.items():
        counted()
        page = client.get(url)
        assert page.status_code == 200
        found = counted()
        # As when it was met, whatever came after (once more at most: the route of its own answer, now given).
        assert found["validate"] == 0 and found["route"] <= routed + 1, (url, found)
    # Change links from Check your answers still come back to it, and Back from the first page still works.
    changed = client.get("/complaint/who-are-you?change=1")
    assert 'href="/complaint/check"' in changed.get_data(as_text=True)
