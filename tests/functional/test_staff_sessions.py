"""Staff sign-in: sessions that end on the server (sign-out, a new password, 8 idle hours), and a throttle on
wrong passwords per account and address (never for everyone), with a clear wait message and a log line that
never holds the password typed."""

from __future__ import annotations

import logging
import re
import time

import pytest
from itsdangerous.timed import TimestampSigner

from tests.conftest import TEST_STAFF_PASSWORD


def sign_in(client, password=TEST_STAFF_PASSWORD, address="127.0.0.1"):
    return client.post("/staff/sign-in", data={"password": password}, environ_base={"REMOTE_ADDR": address})


def opens_staff_pages(client) -> bool:
    response = client.get("/staff/")
    return response.status_code == 200 and "Staff pages for" in response.get_data(as_text=True)


def test_a_copied_staff_cookie_opens_nothing_after_sign_out(app):
    staff = app.test_client()
    assert sign_in(staff).status_code == 302
    copied = staff.get_cookie("complaint_session").value
    thief = app.test_client()
    thief.set_cookie("complaint_session", copied)
    assert opens_staff_pages(thief)  # the copy works while the session is open...

    staff.post("/staff/sign-out")
    assert not opens_staff_pages(staff)
    assert not opens_staff_pages(thief)  # ...and not after sign-out
    assert thief.get("/staff/routing").location.endswith("/staff/sign-in")


def test_a_new_staff_password_ends_every_session(make_app):
    before = make_app(WTF_CSRF_ENABLED=False)
    staff = before.test_client()
    assert sign_in(staff).status_code == 302
    cookie = staff.get_cookie("complaint_session").value
    assert opens_staff_pages(staff)

    # The council changes STAFF_PASSWORD and restarts: same data folder, same secret key.
    after = make_app(WTF_CSRF_ENABLED=False, STAFF_PASSWORD="a brand new staff password")
    client = after.test_client()
    client.set_cookie("complaint_session", cookie)
    assert not opens_staff_pages(client)
    # The old password no longer signs in; the new one does.
    assert sign_in(client).status_code == 200
    assert sign_in(client, "a brand new staff password").status_code == 302
    assert opens_staff_pages(client)


class Clock:
    def __init__(self):
        self.now = time.time()

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(clock()))
    return clock


def test_staff_sessions_end_after_eight_idle_hours(make_app, clock):
    # A long draft timeout, so the cookie itself would last: the server's own idle limit is what ends it.
    app = make_app(WTF_CSRF_ENABLED=False, JOURNEY_CLOCK=clock, PERMANENT_SESSION_LIFETIME=24 * 3600)
    staff = app.test_client()
    assert sign_in(staff).status_code == 302
    for _ in range(3):  # in use every 7 hours: still signed in after 21 hours
        clock.now += 7 * 3600
        assert opens_staff_pages(staff)
    clock.now += 8 * 3600 + 1
    assert not opens_staff_pages(staff)
    clock.now += 60
    assert not opens_staff_pages(staff)  # ended for good, not only for that request


def test_wrong_passwords_are_throttled_per_address_with_a_clear_wait_message(app, caplog):
    client = app.test_client()
    caplog.set_level(logging.INFO)
    statuses = [sign_in(client, f"guess number {n} password", "198.51.100.7").status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]
    refused = sign_in(client, "guess number 7 password", "198.51.100.7")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert re.search(
        r"Too many wrong passwords have been tried from here\. You can try again at \d{1,2}:\d\d[ap]m, "
        r"in [12] minutes?\.",
        html,
    )
    assert int(refused.headers["Retry-After"]) > 0
    # Even the right password waits at that address; another address is not held up.
    assert sign_in(client, TEST_STAFF_PASSWORD, "198.51.100.7").status_code == 429
    assert sign_in(app.test_client(), TEST_STAFF_PASSWORD, "198.51.100.8").status_code == 302
    # Each failure is logged with its address, never with what was typed.
    failures = [r for r in caplog.records if "sign-in failed" in r.getMessage()]
    assert len(failures) == 5 and all("198.51.100.7" in r.getMessage() for r in failures)
    assert "guess number" not in caplog.text


def test_wrong_passwords_from_many_addresses_lock_nobody_else_out(app):
    """An attacker with many addresses used to fill a limit shared by every address: then no member of staff
    could sign in for an hour, even with the right password."""
    client = app.test_client()
    for n in range(60):  # wrong passwords from 60 addresses, 3 from each: each under its own limit
        for _ in range(3):
            assert sign_in(client, "not the password at all", f"203.0.113.{n}").status_code == 200
    assert sign_in(app.test_client(), TEST_STAFF_PASSWORD, "192.0.2.1").status_code == 302
    assert sign_in(app.test_client(), "a wrong guess at another desk", "192.0.2.2").status_code == 200


def test_a_right_password_does_not_count_against_the_limit(app):
    for _ in range(8):
        client = app.test_client()
        assert sign_in(client, address="198.51.100.9").status_code == 302
