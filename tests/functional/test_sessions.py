"""How long a session lasts, and who can see a sent complaint.

The app's clock (``JOURNEY_CLOCK``) moves the drafts' time; the session cookie's signature carries its own time
(itsdangerous's timestamp), so the tests move that clock too: a cookie is signed and checked at the same
pretend time as the draft, as it would be when a person really waits.
"""

from __future__ import annotations

import time

import pytest
from itsdangerous.timed import TimestampSigner

from tests.journey_answers import PARENT, answer_until_check, slug_of, text_of
from wizard.app import COOKIE_OUTLIVES_DRAFT


class Clock:
    def __init__(self):
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    # Flask signs and checks the session cookie with itsdangerous's clock: move it with the app's.
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(clock()))
    return clock


@pytest.fixture
def timed_app(make_app, clock):
    return make_app(WTF_CSRF_ENABLED=False, JOURNEY_CLOCK=clock, DRAFT_TIMEOUT_MINUTES=120)


def next_step(client, response):
    assert response.status_code == 302, response.status_code
    return response.location


def test_someone_answering_every_half_hour_for_three_hours_keeps_their_answers(timed_app, clock):
    client = timed_app.test_client()
    location = next_step(client, client.get("/complaint/"))
    answered = []
    started = clock()
    while slug_of(location) != "check":
        page = client.get(location)
        assert page.status_code == 200, (slug_of(location), "lost after", (clock() - started) / 60, "minutes")
        assert slug_of(location) not in answered, f"sent back to {slug_of(location)}: answers lost"
        clock.advance(30)  # thinking, typing
        answered.append(slug_of(location))
        location = next_step(client, client.post(location, data=PARENT.get(slug_of(location), {"carry_on": "yes"})))
    assert (clock() - started) / 3600 >= 3, "the walk should take past the two-hour limit"
    clock.advance(30)
    check = client.get("/complaint/check")
    assert check.status_code == 200
    text = text_of(check)
    assert "Sam Smith" in text and "Pat Jones" in text and "The visits stopped." in text


def test_someone_idle_past_the_limit_loses_their_answers(timed_app, clock):
    client = timed_app.test_client()
    answer_until_check(client)
    clock.advance(121)
    response = client.get("/complaint/check")
    assert response.status_code == 302
    page = client.get(response.location, follow_redirects=True)
    assert "Sam Smith" not in page.get_data(as_text=True)
    # Whatever happens next is a new, empty complaint.
    assert "Sam Smith" not in client.get("/complaint/check", follow_redirects=True).get_data(as_text=True)


def test_the_cookie_is_signed_again_on_each_request_and_ends_with_the_browser(timed_app, clock):
    client = timed_app.test_client()
    client.get("/complaint/")
    client.post("/complaint/child-in-danger", data={"danger": "no"})  # the first answer makes the draft
    first = client.get_cookie("complaint_session").value
    clock.advance(5)
    response = client.get("/complaint/who-are-you")
    cookie = response.headers["Set-Cookie"]
    assert client.get_cookie("complaint_session").value != first
    assert "Expires" not in cookie and "Max-Age" not in cookie  # gone when the browser closes
    # Someone who only reads the public pages gets no cookie at all.
    assert "Set-Cookie" not in timed_app.test_client().get("/privacy").headers


# ------------------------------------------------------------------------------------------------------------
# Send rotates the session: only the browser that sent a complaint sees it, and only for a short time.

SENT_PAGES = ["/complaint/sent", "/complaint/sent/print", "/complaint/sent/calendar.ics"]


def shows_complaint(client, path) -> bool:
    response = client.get(path)
    body = response.get_data(as_text=True)
    if response.status_code != 200 or "We cannot show this page" in body:
        return False
    assert "EX-" in body, path  # the reference (and on the print page, the child's name)
    assert path != "/complaint/sent/print" or "Sam Smith" in body
    return True


def send(client):
    response = client.post("/complaint/send")
    assert response.status_code == 302 and response.location.endswith("/complaint/sent")


def test_a_cookie_copied_before_send_opens_nothing_after_it(timed_app, clock):
    person = timed_app.test_client()
    answer_until_check(person)
    copied = person.get_cookie("complaint_session").value
    send(person)
    assert person.get_cookie("complaint_session").value != copied
    assert all(shows_complaint(person, path) for path in SENT_PAGES)

    clock.advance(1)
    other = timed_app.test_client()
    other.set_cookie("complaint_session", copied)
    for path in SENT_PAGES:
        assert not shows_complaint(other, path), path
    # Pressing Send with the copied cookie does not open it either.
    other.post("/complaint/send")
    for path in SENT_PAGES:
        assert not shows_complaint(other, path), path
    assert shows_complaint(person, "/complaint/sent/print")


def test_the_sent_pages_close_after_a_short_time(timed_app, clock):
    person = timed_app.test_client()
    answer_until_check(person)
    send(person)
    clock.advance(20)
    assert shows_complaint(person, "/complaint/sent/print")
    clock.advance(15)
    for path in SENT_PAGES:
        assert not shows_complaint(person, path), path
    assert "We cannot show this page" in person.get("/complaint/sent").get_data(as_text=True)


def test_starting_again_closes_the_earlier_complaints_pages_even_for_a_copied_cookie(timed_app, clock):
    person = timed_app.test_client()
    answer_until_check(person)
    send(person)
    copied_after_send = person.get_cookie("complaint_session").value
    thief = timed_app.test_client()
    thief.set_cookie("complaint_session", copied_after_send)
    assert shows_complaint(thief, "/complaint/sent/print")

    person.get("/")
    person.get("/complaint/")  # Start now, for a new complaint
    for path in SENT_PAGES:
        assert not shows_complaint(person, path), path
        assert not shows_complaint(thief, path), path


def test_pressing_send_again_with_a_copied_cookie_just_after_send_opens_nothing(timed_app, clock):
    """Found by an attacker's walk: a copy of the cookie from before Send, posted to Send within the seconds
    kept for a double click, was given a receipt of its own, and each such press made the window longer."""
    person = timed_app.test_client()
    answer_until_check(person)
    copied = person.get_cookie("complaint_session").value
    send(person)
    thief = timed_app.test_client()
    for _ in range(6):
        clock.advance(1 / 6)  # every ten seconds, for a minute
        thief.set_cookie("complaint_session", copied)
        response = thief.post("/complaint/send")
        assert response.status_code == 302
        if response.location.endswith("/complaint/sent"):  # within the seconds kept for a double click
            assert "complaint_session" not in response.headers.get("Set-Cookie", ""), "the press changed the cookie"
        else:
            assert response.location.endswith("/complaint/expired")
        for path in SENT_PAGES:
            assert not shows_complaint(thief, path), path
    assert shows_complaint(person, "/complaint/sent/print")


def test_a_refused_first_answer_stores_nothing_and_still_shows_its_error(timed_app):
    """Found by an attacker's walk: each refused first answer made a draft row (60 a minute of 768 KB each)."""
    from wizard import db

    def drafts_stored(app) -> int:
        connection = db.connect(app.config)
        try:
            found = connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'drafts'").fetchone()
            return connection.execute("SELECT count(*) FROM drafts").fetchone()[0] if found else 0
        finally:
            connection.close()

    count = lambda app, _table: drafts_stored(app)  # noqa: E731
    client = timed_app.test_client()
    for _ in range(20):
        response = client.post("/complaint/child-in-danger", data={"danger": ["\U0001F600" * 4000] * 4})
        assert response.status_code == 303
    assert count(timed_app, "drafts") == 0
    page = client.get(response.location)
    body = page.get_data(as_text=True)
    assert "<title>Error: " in body and "Select yes if a child is in danger right now" in body
    assert count(timed_app, "drafts") == 0
    assert "<title>Error: " not in client.get(response.location).get_data(as_text=True)  # shown once
    client.post("/complaint/child-in-danger", data={"danger": "no"})
    assert count(timed_app, "drafts") == 1


def test_a_longer_draft_timeout_is_kept_by_the_page_and_the_cookie_too(make_app, clock):
    """DRAFT_TIMEOUT_MINUTES set for the app (not only in the environment) moves the session cookie's lifetime
    and the form token's time limit with it: a page left open 150 of the 180 minutes still takes its answer."""
    import re
    from datetime import timedelta

    app = make_app(JOURNEY_CLOCK=clock, DRAFT_TIMEOUT_MINUTES=180)  # CSRF checks on
    assert app.permanent_session_lifetime == timedelta(minutes=180, seconds=COOKIE_OUTLIVES_DRAFT)
    assert app.config["WTF_CSRF_TIME_LIMIT"] == 180 * 60
    client = app.test_client()

    def answer(location, data):
        page = client.get(location).get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        return client.post(location, data=dict(data, csrf_token=token))

    location = next_step(client, client.get("/complaint/"))
    location = next_step(client, answer(location, PARENT["child-in-danger"]))
    slug = slug_of(location)  # the second question
    page = client.get(location).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    clock.advance(150)  # past the default two hours, within the three this council chose
    response = client.post(location, data=dict(PARENT.get(slug, {"carry_on": "yes"}), csrf_token=token))
    assert response.status_code == 302, response.status_code  # taken, not the timed-out page
    assert slug_of(response.location) not in (slug, "expired", "child-in-danger")
    with client.session_transaction() as session:
        assert session.get("draft")


def test_a_shorter_draft_timeout_shortens_the_cookie_and_the_token(make_app):
    from datetime import timedelta

    app = make_app(DRAFT_TIMEOUT_MINUTES=30)
    assert app.permanent_session_lifetime == timedelta(minutes=30, seconds=COOKIE_OUTLIVES_DRAFT)
    assert app.config["WTF_CSRF_TIME_LIMIT"] == 30 * 60
