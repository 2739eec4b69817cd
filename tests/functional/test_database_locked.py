"""A database someone else holds locked: the person sees the plain "not saved" or "not sent" page in good time, not
a bare 500 once gunicorn has stopped the worker, and their answers are kept for when it is free again.

Found by a helper attacking the service: SQLite waited 30 seconds for a lock, exactly gunicorn's worker timeout,
so a Send behind a database locked for 45 seconds ended in "Internal Server Error". The locks are real ones, held by
another connection (SQLite's ``BEGIN EXCLUSIVE``; a PostgreSQL transaction holding the draft's row); the wait is
made 1 second here so that the test need not wait the service's 10.
"""

from __future__ import annotations

import sqlite3
import time

import pytest
from gunicorn.config import Config

from tests.conftest import STORAGE_BACKENDS, database_for
from tests.journey_answers import PARENT, answer_until_check, slug_of, text_of
from wizard import db


@pytest.fixture(params=STORAGE_BACKENDS)
def database_url(request):
    """These tests run on SQLite and on a real PostgreSQL server."""
    return database_for(request, request.param)


@pytest.fixture
def short_wait(monkeypatch):
    monkeypatch.setattr(db, "LOCK_WAIT_SECONDS", 1)
    db.dispose_all()  # connections and engines made from now on wait 1 second


class Lock:
    """Another connection holding the database (SQLite) or every draft's row (PostgreSQL) until released."""

    def __init__(self, app):
        url = db.database_url(app.config)
        if url.startswith("sqlite"):
            self.holder = sqlite3.connect(db.database_path(app.config["DATA_DIR"]), isolation_level=None)
            self.holder.execute("BEGIN EXCLUSIVE")
        else:
            import psycopg

            self.holder = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
            self.holder.execute("SELECT id FROM drafts FOR UPDATE")

    def release(self):
        self.holder.rollback()
        self.holder.close()


def test_the_lock_wait_ends_well_inside_gunicorns_worker_timeout():
    assert Config().timeout >= db.LOCK_WAIT_SECONDS * 2


def test_an_answer_behind_a_lock_gets_the_not_saved_page_then_is_saved(app, client, short_wait):
    response = client.get("/complaint/")
    while slug_of(response.location) != "your-name":
        response = client.post(response.location, data=PARENT.get(slug_of(response.location), {"carry_on": "yes"}))
    lock = Lock(app)
    try:
        started = time.monotonic()
        response = client.post("/complaint/your-name", data={"name": "Pat Jones"})
        waited = time.monotonic() - started
    finally:
        lock.release()
    assert response.status_code == 503
    assert "Sorry, we could not save your answer" in text_of(response)
    assert waited < 10
    response = client.post("/complaint/your-name", data={"name": "Pat Jones"})
    assert response.status_code == 302 and slug_of(response.location) == "contact-details"


def test_send_behind_a_lock_gets_the_not_sent_page_and_sends_once_it_is_free(app, client, short_wait):
    answer_until_check(client)
    lock = Lock(app)
    try:
        started = time.monotonic()
        response = client.post("/complaint/send")
        waited = time.monotonic() - started
    finally:
        lock.release()
    assert response.status_code == 503
    assert "Your complaint has not been sent" in text_of(response) and "Your answers are kept" in text_of(response)
    assert waited < 10
    assert "Pat Jones" in text_of(client.get("/complaint/check"))
    response = client.post("/complaint/send")
    assert response.status_code == 302 and response.location.endswith("/complaint/sent")
    connection = db.connect(app.config)
    try:
        assert connection.execute("SELECT count(*) FROM complaints").fetchone()[0] == 1
    finally:
        connection.close()


def test_exit_behind_a_lock_still_leaves_with_nothing_in_the_cookie(app, client, short_wait):
    """Found by a reviewer: "Exit this page" deletes the draft (and, after Send, the receipt) on the server; a
    database it could not reach in time made it a 500, with no way out and the cookie still set."""
    answer_until_check(client)
    lock = Lock(app)
    try:
        response = client.get("/leave")
    finally:
        lock.release()
    assert response.status_code == 303 and response.location == "https://www.bbc.co.uk/weather"
    assert '"cache"' in response.headers["Clear-Site-Data"]
    assert client.get_cookie("complaint_session") is None
    assert "Pat Jones" not in text_of(client.get("/complaint/check", follow_redirects=True))


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_postgresqls_lock_wait_is_added_to_the_options_the_url_gives(database_url):
    url = f"{database_url}?options=-c%20statement_timeout%3D12345"
    connection = db.connect(url)
    try:
        assert connection.execute("SHOW lock_timeout").fetchone()[0] == "10s"
        assert connection.execute("SHOW statement_timeout").fetchone()[0] == "12345ms"
    finally:
        connection.close()
