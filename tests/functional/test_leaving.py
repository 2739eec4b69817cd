"""Leaving on a shared device: "Exit this page" and "Delete my answers and leave" take the answers with them.

The draft is deleted on the server, the session cookie is emptied, and every journey URL then shows nothing of
the complaint. The browser side (JavaScript on and off, Back, the back/forward cache) is in
tests/browser/test_leaving_browser.py.
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from tests.journey_answers import PARENT, answer_until_check, text_of
from wizard.db import database_path
from wizard.journey.steps import STEPS

SECRETS = ("The visits stopped.", "Restart them.", "Sam Smith", "Pat Jones", "pat@example.com")
JOURNEY_URLS = ["/complaint/", "/complaint/check", "/complaint/delete"] + [f"/complaint/{s.slug}" for s in STEPS]


def drafts_in(app) -> int:
    conn = sqlite3.connect(database_path(app.config["DATA_DIR"]))
    try:
        return conn.execute("SELECT count(*) FROM drafts").fetchone()[0]
    finally:
        conn.close()


def shows_nothing_of_the_complaint(client):
    for url in JOURNEY_URLS:
        page = client.get(url, follow_redirects=True)
        html = page.get_data(as_text=True)
        assert page.status_code == 200, url
        for secret in SECRETS:
            assert secret not in html, (url, secret)


def exit_href(html: str) -> str:
    return re.search(r'<a href="([^"]+)"[^>]*class="govuk-button[^"]*govuk-exit-this-page__button', html).group(1)


@pytest.mark.parametrize("url", ["/", "/privacy", "/complaint/check", "/complaint/your-complaint", "/nowhere"])
def test_the_exit_button_goes_through_the_service_on_every_page(client, url):
    answer_until_check(client)
    html = client.get(url).get_data(as_text=True)
    assert exit_href(html) == "/leave"


def test_exit_deletes_the_draft_empties_the_cookie_and_goes_to_the_neutral_page(app, client):
    answer_until_check(client)
    assert drafts_in(app) == 1
    response = client.get("/leave")
    assert response.status_code == 303
    assert response.location == "https://www.bbc.co.uk/weather"  # the example profile's exit_url (the default)
    assert '"cache"' in response.headers["Clear-Site-Data"]
    assert "no-store" in response.headers["Cache-Control"]
    assert drafts_in(app) == 0
    assert client.get_cookie("complaint_session") is None
    shows_nothing_of_the_complaint(client)


def test_a_link_from_another_site_to_leave_cannot_wipe_the_answers(app, client):
    """Found by an attacker's walk: any site's link to /leave deleted a person's answers behind their back."""
    answer_until_check(client)
    response = client.get("/leave", headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 303 and response.location == "https://www.bbc.co.uk/weather"
    assert drafts_in(app) == 1
    client.get("/leave", headers={"Sec-Fetch-Site": "same-origin"})  # the button on this site's own pages
    assert drafts_in(app) == 0


def test_exit_after_sending_forgets_the_confirmation_too(app, client):
    answer_until_check(client)
    client.post("/complaint/send")
    reference = re.search(r"\bEX-[0-9A-Z]{8}\b", text_of(client.get("/complaint/sent"))).group(0)
    copied = client.get_cookie("complaint_session").value
    client.get("/leave")
    after = text_of(client.get("/complaint/sent", follow_redirects=True))
    assert reference not in after and "We cannot show this page" in after
    # Found by an attacker's walk: a copy of the cookie from before Exit (taken from the device, or kept by a
    # browser's session restore) still opened the sent pages for as long as the receipt lasted, as "Start again"
    # already prevented. Exit closes them on the server too.
    other = app.test_client()
    other.set_cookie("complaint_session", copied)
    for url in ("/complaint/sent", "/complaint/sent/print", "/complaint/sent/calendar.ics"):
        page = other.get(url, follow_redirects=True)
        html = page.get_data(as_text=True)
        assert reference not in html, url
        for secret in SECRETS:
            assert secret not in html, (url, secret)


def test_exit_with_nothing_started_still_leaves(client):
    response = client.get("/leave")
    assert response.status_code == 303 and response.location == "https://www.bbc.co.uk/weather"


def test_the_neutral_page_is_the_councils_choice(make_app, monkeypatch):
    from dataclasses import replace

    app = make_app(WTF_CSRF_ENABLED=False)
    app.extensions["council"] = replace(app.extensions["council"], exit_url="https://www.metoffice.gov.uk/")
    assert app.test_client().get("/leave").location == "https://www.metoffice.gov.uk/"


def test_every_journey_page_and_check_your_answers_offer_delete_my_answers(client):
    response = client.get("/complaint/")
    for _ in range(40):
        url = response.location
        page = client.get(url)
        link = f'href="/complaint/delete?back={url}">Delete my answers and leave</a>'
        assert link in page.get_data(as_text=True), url
        if url.endswith("/check"):
            break
        slug = url.rsplit("/", 1)[-1]
        response = client.post(url, data=PARENT.get(slug, {"carry_on": "yes"}))
    else:
        raise AssertionError("never reached Check your answers")


def token_in(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def walk_with_csrf(client):
    response = client.get("/complaint/")
    for _ in range(40):
        if response.location.endswith("/check"):
            return
        token = token_in(client.get(response.location).get_data(as_text=True))
        slug = response.location.rsplit("/", 1)[-1]
        response = client.post(response.location, data={**PARENT.get(slug, {"carry_on": "yes"}), "csrf_token": token})
    raise AssertionError("never reached Check your answers")


def test_delete_asks_first_then_deletes_with_a_post_that_carries_its_token(make_app):
    app = make_app()  # CSRF on
    client = app.test_client()
    walk_with_csrf(client)
    page = client.get("/complaint/delete?back=/complaint/check")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Are you sure you want to delete your answers?" in html
    assert 'href="/complaint/check">No, go back to my answers</a>' in html
    assert drafts_in(app) == 1

    # A forged or stale form deletes nothing: the page says so, once, after a redirect (no POST in history).
    refused = client.post("/complaint/delete", data={"csrf_token": "forged"})
    assert refused.status_code == 303 and refused.location.startswith("/complaint/delete")
    assert drafts_in(app) == 1
    again = client.get(refused.location).get_data(as_text=True)
    assert "<title>Error: " in again and "This page timed out" in again
    assert "This page timed out" not in client.get("/complaint/delete").get_data(as_text=True)
    assert "Sam Smith" in text_of(client.get("/complaint/check"))

    done = client.post("/complaint/delete", data={"csrf_token": token_in(html)})
    assert done.status_code == 303 and done.location == "https://www.bbc.co.uk/weather"
    assert '"cache"' in done.headers["Clear-Site-Data"]
    assert drafts_in(app) == 0
    shows_nothing_of_the_complaint(client)


def test_a_get_never_deletes(app, client):
    answer_until_check(client)
    client.get("/complaint/delete")
    assert drafts_in(app) == 1


def test_only_the_delete_page_lets_its_form_end_at_the_neutral_page(client):
    """Chromium applies CSP form-action to a form's redirects: without this, "Yes, delete" goes nowhere."""
    answer_until_check(client)
    delete_csp = client.get("/complaint/delete").headers["Content-Security-Policy"]
    assert "form-action 'self' https://www.bbc.co.uk;" in delete_csp
    assert "form-action 'self';" in client.get("/complaint/check").headers["Content-Security-Policy"]


def test_the_start_page_says_exit_does_not_clear_the_browsers_history(client):
    """A fresh-eyes walk (session 6) found about 40 page titles ("Someone you trust – …") in the tablet's history
    after Exit this page: the exit deletes the answers, but no site can clear a browser's history. The start page
    says so before anyone starts, and how to keep that private too, in both languages."""
    english = text_of(client.get("/"))
    assert "It deletes your answers from this device." in english
    assert "It does not clear your browser's history" in english
    assert "use a private window (sometimes called incognito), or clear your history" in english
    client.get("/language/cy")
    welsh = text_of(client.get("/"))
    assert "Nid yw'n clirio hanes eich porwr" in welsh
    assert "ffenestr breifat" in welsh
    assert "browser's history" not in welsh


def test_only_a_page_drawn_with_nothing_kept_tells_the_browser_to_forget_its_fields(client):
    """After Exit, Back to the first question must not show the choice Chromium kept (tests/browser/
    test_leaving_browser.py); once there is a draft, Back and Forward still give back what was typed and not sent."""
    first = client.get("/complaint/child-in-danger").get_data(as_text=True)
    assert re.search(r'<form [^>]*id="step-form" autocomplete="off">', first)
    response = client.post("/complaint/child-in-danger", data={"danger": "no"})
    later = client.get(response.location).get_data(as_text=True)
    assert re.search(r'<form [^>]*id="step-form">', later)
    again = client.get("/complaint/child-in-danger").get_data(as_text=True)
    assert re.search(r'<form [^>]*id="step-form">', again)
