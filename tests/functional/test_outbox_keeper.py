"""Emails that could not be sent are tried again by the server itself, when their backoff says, without cron and
without waiting for someone else to send a complaint (fresh-eyes walks G3 and H4: with the mail server down for a
while, a complaint waited until the next person sent one). Real aiosmtpd servers on 127.0.0.1; SQLite and a real
PostgreSQL server.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest

from tests.conftest import STORAGE_BACKENDS, database_for
from tests.functional.test_delivery_faults import store
from tests.journey_answers import answer_until_check
from wizard import db
from wizard.delivery import outbox, outbox_status


@pytest.fixture(params=STORAGE_BACKENDS)
def database_url(request):
    return database_for(request, request.param)


@pytest.fixture
def quick_backoff(monkeypatch):
    """A minute's backoff would make the test wait a minute: the same rules, with seconds for minutes."""
    monkeypatch.setattr(outbox, "FIRST_BACKOFF", timedelta(seconds=1))
    monkeypatch.setattr(outbox, "KEEPER_MIN_WAIT", 0.2)


def wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def keepers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "outbox-keeper" and t.is_alive()]


def waiting(app) -> int:
    connection = db.connect(app.config)
    try:
        return outbox_status(connection)["counts"].get("pending", 0)
    finally:
        connection.close()


def test_a_complaint_sent_while_the_mail_server_is_down_arrives_when_it_is_back_with_nobody_else_sending(
    make_app, smtp_server, quick_backoff
):
    app = make_app(WTF_CSRF_ENABLED=False, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5,
                   OUTBOX_SEND_IN_THREAD=False)
    client = app.test_client()
    smtp_server.stop()
    answer_until_check(client)
    sent = client.post("/complaint/send")
    page = client.get(sent.location)
    assert page.status_code == 200
    page.close()  # the emails are tried once the page has gone: the mail server is down
    assert smtp_server.messages == []
    assert waiting(app) >= 2
    assert len(keepers()) == 1
    smtp_server.start()
    # Nobody sends anything else, and no cron runs: the server tries again by itself.
    assert wait_for(lambda: len(smtp_server.messages) >= 2), "the waiting emails were never sent"
    assert wait_for(lambda: waiting(app) == 0)
    recipients = sorted(str(m["To"]) for m in smtp_server.messages)
    assert app.config["COUNCIL_INBOX"] in recipients and "pat@example.com" in recipients
    # With nothing left waiting, the keeper stops.
    assert wait_for(lambda: not keepers(), 10)


def test_one_keeper_per_database_however_many_complaints_wait(make_app, smtp_server, quick_backoff):
    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)
    smtp_server.stop()
    references = [store(app, key=f"key-{n}") for n in range(3)]
    for reference in references:
        outbox.send_for_reference(dict(app.config), reference)
    assert len(keepers()) == 1
    smtp_server.start()
    assert wait_for(lambda: waiting(app) == 0)
    ids = [str(m["Message-ID"]) for m in smtp_server.messages]
    assert len(ids) == len(set(ids)) >= 2 * len(references)  # each sent once: no copy from a second keeper
    assert {i.split(".")[0].strip("<") for i in ids} == set(references)


def test_emails_left_waiting_by_a_server_that_stopped_are_tried_when_someone_next_opens_the_service(
    make_app, smtp_server, quick_backoff
):
    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)
    store(app)  # stored by a process that stopped before it could send: nothing in this process is trying
    assert keepers() == []
    response = app.test_client().get("/complaint/")
    assert response.status_code == 302
    assert wait_for(lambda: len(smtp_server.messages) >= 2), "nothing tried the waiting emails"
    assert wait_for(lambda: waiting(app) == 0)


def test_a_server_told_not_to_send_after_the_page_starts_no_keeper(make_app, smtp_server):
    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, OUTBOX_SEND_AFTER_RESPONSE=False)
    store(app)
    app.test_client().get("/complaint/")
    time.sleep(0.5)
    assert keepers() == [] and smtp_server.messages == []
