"""A database that fails while it saves an answer or a complaint: the person gets the plain page, and the server's
log says what went wrong without a word of what they typed or the id of their draft.

A database's error, as SQLAlchemy words it, quotes the values of the statement that failed: here a draft's answers
or a complaint's whole record. The faults are real ones, made by the database itself: a trigger that fails the
statement (on SQLite by calling a function that does not exist; on PostgreSQL with the error a full disk raises,
SQLSTATE 53100), on both databases.
"""

from __future__ import annotations

import logging

import pytest

from tests.conftest import STORAGE_BACKENDS, database_for
from tests.journey_answers import PARENT, answer_until_check, slug_of, text_of
from wizard import db

MARKER = "Zqxmarker"


@pytest.fixture(params=STORAGE_BACKENDS)
def database_url(request):
    """These tests run on SQLite and on a real PostgreSQL server."""
    return database_for(request, request.param)


def fail_every(app, when: str, table: str) -> None:
    """Make the database fail every ``when`` (UPDATE, INSERT) on ``table`` from now on, with an error of its own."""
    connection = db.connect(app.config)
    try:
        if connection.sqlite:
            connection.driver_sql(
                f"CREATE TRIGGER test_fails BEFORE {when} ON {table} BEGIN SELECT test_no_such_function(); END"
            )
        else:
            connection.driver_sql(
                "CREATE FUNCTION test_fails() RETURNS trigger AS $$ BEGIN"
                " RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100';"
                " END $$ LANGUAGE plpgsql"
            )
            connection.driver_sql(
                f"CREATE TRIGGER test_fails BEFORE {when} ON {table} FOR EACH ROW EXECUTE FUNCTION test_fails()"
            )
    finally:
        connection.close()
    db.dispose_all()  # no connection kept from before: each statement is prepared afresh, and fails


def draft_id(client) -> str:
    with client.session_transaction() as session:
        return session["draft"]


def logged(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_a_failed_save_of_an_answer_logs_neither_the_answers_nor_the_draft(app, client, caplog):
    response = client.get("/complaint/")
    while slug_of(response.location) != "your-name":
        response = client.post(response.location, data=PARENT.get(slug_of(response.location), {"carry_on": "yes"}))
    draft = draft_id(client)
    fail_every(app, "UPDATE", "drafts")
    with caplog.at_level(logging.ERROR):
        response = client.post("/complaint/your-name", data={"name": f"Leaky {MARKER} Parentname"})
    assert response.status_code == 503
    assert "Sorry, we could not save your answer" in text_of(response)
    log = logged(caplog)
    assert "the journey could not use its database at journey.step" in log  # the fault is logged
    assert MARKER not in log and "Parentname" not in log
    assert "The visits stopped" not in log and "pat@example.com" not in log  # the earlier answers, kept with it
    assert draft not in log


def test_a_failed_store_at_send_logs_neither_the_complaint_nor_the_draft(app, client, caplog):
    answers = {**PARENT, "your-name": {"name": f"Leaky {MARKER} Parentname"}}
    answer_until_check(client, answers)
    draft = draft_id(client)
    fail_every(app, "INSERT", "complaints")
    with caplog.at_level(logging.ERROR):
        response = client.post("/complaint/send")
    assert response.status_code == 503
    assert "Your complaint has not been sent" in text_of(response)
    log = logged(caplog)
    assert "could not store a complaint at Send" in log
    # What the database said is there, as its first line, and nothing it was given.
    said = "test_no_such_function" if db.database_url(app.config).startswith("sqlite") else "No space left on device"
    assert said in log
    for typed in (MARKER, "Parentname", "The visits stopped", "Restart them", "pat@example.com"):
        assert typed not in log
    assert draft not in log


def test_an_error_never_quotes_its_statements_values(app):
    """Below the journey: any failed statement, through either of the connection's ways to the database."""
    connection = db.connect(app.config)
    try:
        statements = {
            "SELECT no_such_column FROM drafts WHERE id = :secret": {"secret": MARKER},  # bound by SQLAlchemy
            "SELECT no_such_column FROM drafts WHERE id = ?": (MARKER,),  # to the driver
        }
        for sql, values in statements.items():
            with pytest.raises(db.DatabaseError) as raised:
                connection.execute(sql, values)
            assert MARKER not in str(raised.value)
            assert MARKER not in db.describe(raised.value)
            connection.close()
            connection = db.connect(app.config)
    finally:
        connection.close()
