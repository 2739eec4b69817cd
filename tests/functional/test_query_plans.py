"""Every query the outbox, its status, the purge and the journey run is served by an index: no full scan.

The statements are not listed by hand: a whole working life is run (a person's journey to Send and the
confirmation, the send after it, failures and retries until sending stops, ``outbox status``, a retry, the
purge) while every statement is recorded, and each distinct one is then explained with the values it ran with,
on SQLite (``EXPLAIN QUERY PLAN``) and on PostgreSQL (``EXPLAIN``, with sequential scans priced out so the plan
shows whether an index can serve the query at all, not what is cheapest for a table of ten rows).
"""

from __future__ import annotations

import json
import smtplib
from datetime import timedelta

import pytest

from tests.conftest import STORAGE_BACKENDS, database_for
from tests.delivery_fixtures import council_record
from tests.journey_answers import answer_until_check
from wizard import db
from wizard.delivery import outbox_status, send_pending, submit_complaint
from wizard.delivery.outbox import release_failed
from wizard.delivery.store import utcnow
from wizard.journey.drafts import purge_expired
from wizard.retention import purge

# A table whose size never grows: four running totals, read whole by ``outbox status``.
FIXED_SIZE = {"tallies"}


def partial_indexes(connection) -> set[str]:
    if connection.sqlite:
        query = "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'"
    else:
        query = "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '% WHERE %'"
    return {row[0] for row in connection.execute(query)}


@pytest.fixture(params=STORAGE_BACKENDS)
def database_url(request):
    return database_for(request, request.param)


class FailingFor:
    """A mailer that takes every email but one kind's, which the mail server refuses each time."""

    def __init__(self, kind: str):
        self.kind = kind
        self.taken = []

    def describe(self):
        return "test"

    def session(self):
        import contextlib

        @contextlib.contextmanager
        def opened():
            def send(outgoing):
                if outgoing.kind == self.kind:
                    raise smtplib.SMTPDataError(451, b"try later")
                self.taken.append(outgoing)

            yield send

        return opened()


def a_working_life(app) -> list[tuple[str, tuple]]:
    config = app.config
    with db.recording() as statements:
        client = app.test_client()
        answer_until_check(client)
        assert client.post("/complaint/send").status_code == 302
        assert client.get("/complaint/sent").status_code == 200  # and the send after it
        connection = db.connect(config)
        try:
            with db.transaction(connection):
                for key in ("a", "b", "c"):
                    submit_complaint(connection, council_record(), key)
            mailer = FailingFor("advocacy")
            now = utcnow()
            for minutes in range(0, 400, 30):  # retries, then the cap on hand-overs is reached
                send_pending(connection, config, mailer=mailer, now=lambda m=minutes: now + timedelta(minutes=m))
            send_pending(connection, config, due_only=False, fresh_only=True, reference="EX-AAAAAAAA", mailer=mailer)
            status = outbox_status(connection)
            assert status["failed"] and status["last_error"]
            failed = status["failed"][0]["reference"]
            assert release_failed(connection, failed, "advocacy") == 1
            send_pending(connection, config, mailer=FailingFor("none"), due_only=False)
            outbox_status(connection)
        finally:
            connection.close()
        report = purge(config, purge_expired, now=utcnow() + timedelta(days=config["RETENTION_DAYS"] + 1))
        assert report.complaints == 2  # the journey's, and the one whose failed email was sent again
    return statements


def sqlite_full_scans(connection, sql: str, values: tuple, partial: set[str]) -> list[str]:
    found = []
    for row in connection.execute("EXPLAIN QUERY PLAN " + sql, values).fetchall():
        detail = row[3]
        if not detail.startswith("SCAN "):
            continue
        table = detail.split()[1]
        if table in FIXED_SIZE:
            continue
        index = detail.split(" USING ", 1)[1].split()[-1] if " USING " in detail else None
        if index not in partial:  # a partial index holds only the rows asked for: reading it whole is the point
            found.append(detail)
    return found


def postgres_full_scans(connection, sql: str, values: tuple, partial: set[str]) -> list[str]:
    plan = connection.execute("EXPLAIN (FORMAT JSON) " + sql, values).fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan  # psycopg reads JSON itself
    found = []

    def visit(node):
        kind = node.get("Node Type")
        table = node.get("Relation Name")
        if table not in FIXED_SIZE:
            if kind == "Seq Scan":
                found.append(f"Seq Scan on {table}")
            elif (kind in ("Index Scan", "Index Only Scan") and "Index Cond" not in node
                  and node.get("Index Name") not in partial):
                found.append(f"{kind} of all of {node.get('Index Name')} on {table}")
        for child in node.get("Plans", ()):
            visit(child)

    visit(plan[0]["Plan"])
    return found


def test_no_query_reads_a_whole_table(make_app):
    app = make_app(WTF_CSRF_ENABLED=False, OUTBOX_SEND_IN_THREAD=False)
    statements = a_working_life(app)
    distinct = {}
    for sql, values in statements:
        if sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
            distinct.setdefault(sql, values)
    # The queries the issue names are among them.
    joined = "\n".join(distinct)
    for expected in ("FROM outbox WHERE state != 'sent' AND gave_up IS NULL", "UPDATE complaints SET record = NULL",
                     "FROM outbox WHERE reference = ? AND attempts = 0", "DELETE FROM drafts WHERE expires_at"):
        assert expected in joined, expected
    connection = db.connect(app.config)
    try:
        if not connection.sqlite:
            connection.driver_sql("SET enable_seqscan = off")
        partial = partial_indexes(connection)
        assert {"outbox_to_send", "outbox_unsent", "complaints_to_purge"} <= partial
        scans = {}
        for sql, values in distinct.items():
            explain = sqlite_full_scans if connection.sqlite else postgres_full_scans
            found = explain(connection, sql, values, partial)
            if found:
                scans[sql] = found
    finally:
        connection.close()
    assert scans == {}
