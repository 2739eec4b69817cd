"""The outbox when things go wrong: a mail server that takes each message and drops the connection before it
answers, a sender killed mid-send, a message that cannot be built, and what the database keeps after a purge.

Real aiosmtpd servers on 127.0.0.1 and real processes; nothing here fakes the mail server.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.conftest import STORAGE_BACKENDS, SMTPServer, database_for
from tests.delivery_fixtures import SECRET_WHAT_HAPPENED, council_record, purge_delivered, revised
from wizard import db
from wizard.delivery import outbox_status, submit_complaint
from wizard.delivery.outbox import send_pending
from wizard.delivery.store import stamp, utcnow

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=STORAGE_BACKENDS)
def database_url(request):
    """These tests run on SQLite and on a real PostgreSQL server."""
    return database_for(request, request.param)


HOSTILE = "=?utf-8?q?x?=@example.com"


class DroppingHandler:
    """Keeps every message it receives, then drops the connection before it says "250 accepted"."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        server.transport.abort()
        return "250 never heard by the client"


@pytest.fixture
def dropping_server():
    server = SMTPServer()
    server.handler = DroppingHandler()
    server.start()
    yield server
    server.stop()


def store(app, record=None, key="key-1") -> str:
    connection = db.connect(app.config)
    try:
        with db.transaction(connection):
            return submit_complaint(connection, record or council_record(), key)
    finally:
        connection.close()


def staff_overview(app) -> str:
    from tests.conftest import TEST_STAFF_PASSWORD

    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    client.post("/staff/sign-in", data={"password": TEST_STAFF_PASSWORD})
    page = client.get("/staff/")
    assert page.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", page.get_data(as_text=True)).replace("&#39;", "'").split())


# ---------------------------------------------------------------------------------------------------------
# Defect 4: endless duplicates


def test_a_server_that_drops_the_connection_after_taking_each_message_gets_no_more_than_the_cap(
    make_app, dropping_server
):
    app = make_app(
        WTF_CSRF_ENABLED=False,
        SMTP_HOST=dropping_server.host,
        SMTP_PORT=dropping_server.port,
        SMTP_TIMEOUT=5,
        OUTBOX_MAX_ATTEMPTS=3,
    )
    references = [store(app, key=f"k{i}") for i in range(2)]
    runner = app.test_cli_runner()
    for _ in range(8):  # cron runs `outbox send` again and again
        result = runner.invoke(args=["outbox", "send"])
        assert result.exit_code in (0, 1), result.output

    copies = Counter(m["Message-ID"] for m in dropping_server.handler.messages)
    assert len(copies) == 6  # 2 complaints x (council, complainant, advocacy)
    assert max(copies.values()) <= 3, copies
    assert set(copies.values()) == {3}  # each was tried up to the cap, because each copy may not have arrived

    status = runner.invoke(args=["outbox", "status"])
    assert status.exit_code == 1, status.output
    assert "pending 0, failed 6, sent 0" in status.output
    assert status.output.count("FAILED after 3 attempts") == 6
    for reference in references:
        assert reference in status.output
    assert "sam@example.org" not in status.output
    as_json = runner.invoke(args=["outbox", "status", "--json"])
    assert as_json.exit_code == 1, "monitoring that reads the JSON must see the failure in the exit status too"

    # Later runs send nothing more.
    again = runner.invoke(args=["outbox", "send"])
    assert "sent 0, failed 0" in again.output
    assert len(dropping_server.handler.messages) == 18

    page = staff_overview(app)
    assert "sending stopped after 3 attempts" in page
    assert references[0] in page

    # Once someone has checked the inbox, they can send one again: it gets the cap afresh, no more.
    retried = runner.invoke(args=["outbox", "retry", references[0], "--kind", "council"])
    assert retried.exit_code == 0 and "1 failed email(s)" in retried.output
    for _ in range(5):
        runner.invoke(args=["outbox", "send"])
    copies = Counter(m["Message-ID"] for m in dropping_server.handler.messages)
    assert copies[f"<{references[0]}.council@example.gov.uk>"] == 6
    assert len(dropping_server.handler.messages) == 21
    assert runner.invoke(args=["outbox", "retry", "EX-NONE"]).exit_code == 1


def test_the_cap_is_a_setting_checked_at_start_up():
    from wizard.settings import SettingsError, load_settings

    assert load_settings({})["OUTBOX_MAX_ATTEMPTS"] == 5
    assert load_settings({"OUTBOX_MAX_ATTEMPTS": "2"})["OUTBOX_MAX_ATTEMPTS"] == 2
    for bad in ("0", "many", "-1", "1000"):
        with pytest.raises(SettingsError) as raised:
            load_settings({"OUTBOX_MAX_ATTEMPTS": bad})
        assert raised.value.variable == "OUTBOX_MAX_ATTEMPTS"


def test_a_mail_server_that_is_down_does_not_use_up_the_attempts(make_app, smtp_server):
    """Refused connections hand nothing over: the messages wait, and go once the server is back."""
    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5, OUTBOX_MAX_ATTEMPTS=1)
    smtp_server.stop()
    store(app)
    runner = app.test_cli_runner()
    for _ in range(3):
        runner.invoke(args=["outbox", "send"])
    smtp_server.start()
    result = runner.invoke(args=["outbox", "send"])
    assert "sent 3, failed 0" in result.output, result.output
    assert len(smtp_server.messages) == 3


# ---------------------------------------------------------------------------------------------------------
# Defect 5: a dead sender's lease

CLAIM_AND_DIE = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {project!r})
    from wizard import db
    from wizard.delivery.outbox import _candidates, _claim, SendReport
    from wizard.delivery.store import utcnow
    connection = db.connect({data_dir!r})
    for outbox_id, _holder in _candidates(connection, utcnow(), None, False, False, 1, SendReport()):
        row = _claim(connection, outbox_id, utcnow())
        print(row["reference"], row["kind"], flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # killed mid-send, holding the lease
    """
)


def test_a_message_held_by_a_killed_sender_is_listed_and_taken_at_once(make_app, smtp_server):
    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)
    reference = store(app)
    code = CLAIM_AND_DIE.format(project=str(PROJECT), data_dir=db.database_url(app.config))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert done.stdout.split() == [reference, "council"]

    runner = app.test_cli_runner()
    status = runner.invoke(args=["outbox", "status"])
    assert "held by a sender 1" in status.output, status.output
    assert f"held: {reference} council" in status.output
    assert "by a sender that has stopped" in status.output
    page = staff_overview(app)
    assert "its sender stopped; the next outbox send takes it at once" in page

    result = runner.invoke(args=["outbox", "send"])
    assert "sent 3, failed 0" in result.output, result.output
    assert "taken over from a sender that had stopped: 1" in result.output
    assert Counter(m["X-Complaint-Message"] for m in smtp_server.messages) == Counter(
        {"council": 1, "complainant": 1, "advocacy": 1}
    )


def test_a_message_held_by_a_running_sender_is_counted_and_listed_not_sent_twice(make_app, smtp_server):
    from wizard.delivery.outbox import SendReport, _candidates, _claim

    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)
    reference = store(app)
    connection = db.connect(app.config)
    try:
        (outbox_id, _), *_ = _candidates(connection, utcnow(), None, False, False, 1, SendReport())
        assert _claim(connection, outbox_id, utcnow()) is not None  # this process: alive
    finally:
        connection.close()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["outbox", "send"])
    assert "sent 2, failed 0, skipped 0, held by another sender 1" in result.output, result.output
    assert f"held: {reference} council by a running sender until" in result.output
    status = runner.invoke(args=["outbox", "status"])
    assert f"held: {reference} council by a running sender" in status.output
    assert [m["X-Complaint-Message"] for m in smtp_server.messages] == ["complainant", "advocacy"]


# ---------------------------------------------------------------------------------------------------------
# Defect 2, the deeper level: a message that cannot be built never holds the complaint back


def test_an_unbuildable_reply_to_still_sends_the_council_email_and_says_so(make_app, smtp_server, monkeypatch):
    """A complaint stored by a version whose address check let ``=?utf-8?q?x?=@example.com`` through."""
    from wizard.domain import complaint as complaint_module

    old_check = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$")

    def weaker(value):
        return value.strip() if isinstance(value, str) and old_check.fullmatch(value.strip()) else None

    monkeypatch.setattr(complaint_module, "header_safe_address", weaker)  # the record's one address check
    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)
    record = revised(council_record(), contact={"email": HOSTILE})
    reference = store(app, record)

    connection = db.connect(app.config)
    try:
        report = send_pending(connection, app.config, due_only=False)
    finally:
        connection.close()
    assert report.sent == 2 and report.failed == 1 and report.gave_up == 1
    kinds = {m["X-Complaint-Message"]: m for m in smtp_server.messages}
    assert set(kinds) == {"council", "advocacy"}
    assert kinds["council"]["Reply-To"] is None
    assert SECRET_WHAT_HAPPENED in kinds["council"].get_body(("plain",)).get_content()

    runner = app.test_cli_runner()
    status = runner.invoke(args=["outbox", "status"])
    assert status.exit_code == 1
    assert f"NOTE: {reference} council sent" in status.output and "sent without Reply-To" in status.output
    assert f"FAILED, the message cannot be built: {reference} complainant" in status.output
    assert HOSTILE not in status.output
    # The failed complainant copy is not tried again and again.
    assert "sent 0, failed 0" in runner.invoke(args=["outbox", "send"]).output
    page = staff_overview(app)
    assert "sent without a Reply-To address" in page
    assert "it cannot be made, so it will not be sent" in page


def test_the_hostile_address_makes_no_complainant_email_and_no_reply_to(make_app, smtp_server):
    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)
    record = revised(council_record(), contact={"email": HOSTILE})
    store(app, record)
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert "sent 2, failed 0" in result.output, result.output
    council = next(m for m in smtp_server.messages if m["X-Complaint-Message"] == "council")
    assert council["Reply-To"] is None


# ---------------------------------------------------------------------------------------------------------
# secure_delete


def test_the_app_turns_secure_delete_on_itself(tmp_path, monkeypatch):
    """Even where SQLite was compiled with it off (simulated by turning it off as each connection opens)."""
    real_connect = sqlite3.connect

    def compiled_off(*args, **kwargs):
        connection = real_connect(*args, **kwargs)
        connection.execute("PRAGMA secure_delete=OFF")
        return connection

    monkeypatch.setattr(db.sqlite3, "connect", compiled_off)
    connection = db.connect(tmp_path)
    try:
        assert connection.execute("PRAGMA secure_delete").fetchone()[0] == 1
    finally:
        connection.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # about the SQLite file itself
def test_purged_text_is_not_left_in_the_database_file(make_app):
    app = make_app()
    reference = store(app)
    connection = db.connect(app.config)
    try:
        connection.execute("UPDATE complaints SET delivered_at = ? WHERE reference = ?", (stamp(utcnow()), reference))
        assert purge_delivered(connection, 0) == 1
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert outbox_status(connection)["complaints"]["purged"] == 1
    finally:
        connection.close()
    data = Path(app.config["DATA_DIR"])
    for path in data.glob("wizard.sqlite3*"):
        assert SECRET_WHAT_HAPPENED.encode() not in path.read_bytes(), path.name


# The first release's tables, as its modules made them (no alembic_version), with a complaint not yet sent.
EARLIER_RELEASE = """
CREATE TABLE complaints (reference TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, council TEXT NOT NULL,
    procedure TEXT, created_at TEXT NOT NULL, record TEXT, delivered_at TEXT, purged_at TEXT);
CREATE TABLE outbox (id INTEGER PRIMARY KEY, reference TEXT NOT NULL REFERENCES complaints(reference),
    kind TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending', message_id TEXT, attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, next_attempt_at TEXT NOT NULL, leased_until TEXT, first_failed_at TEXT,
    last_attempt_at TEXT, last_error TEXT, sent_at TEXT, UNIQUE (reference, kind));
CREATE INDEX outbox_unsent ON outbox (state, next_attempt_at);
CREATE TABLE outbox_attempts (id INTEGER PRIMARY KEY, outbox_id INTEGER NOT NULL REFERENCES outbox(id),
    attempted_at TEXT NOT NULL, ok INTEGER NOT NULL, error TEXT);
CREATE TABLE drafts (id TEXT PRIMARY KEY, answers TEXT NOT NULL, created_at REAL NOT NULL, updated_at REAL NOT NULL,
    expires_at REAL NOT NULL);
"""


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # about the SQLite file itself
def test_a_database_made_by_the_earlier_version_gets_the_new_columns(make_app, smtp_server, tmp_path):
    """A council upgrading keeps its outbox: the columns for hand-overs, leases and notes are added."""
    data = tmp_path / "data"
    data.mkdir()
    earlier = sqlite3.connect(db.database_path(data))
    earlier.executescript(EARLIER_RELEASE)
    record = json.dumps(council_record().to_json())
    earlier.execute(
        "INSERT INTO complaints (reference, idempotency_key, council, procedure, created_at, record)"
        " VALUES ('EX-OLDER234', 'old', 'example', 'childrens_statutory', ?, ?)", (stamp(utcnow()), record)
    )
    earlier.executemany(
        "INSERT INTO outbox (reference, kind, created_at, next_attempt_at) VALUES ('EX-OLDER234', ?, ?, ?)",
        [(kind, stamp(utcnow()), stamp(utcnow())) for kind in ("council", "complainant", "advocacy")],
    )
    earlier.commit()
    earlier.close()
    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5)  # migrates at start-up
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert "sent 3, failed 0" in result.output, result.output
    assert {m["X-Complaint-Reference"] for m in smtp_server.messages} == {"EX-OLDER234"}
    store(app)
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert "sent 3, failed 0" in result.output, result.output
    status = app.test_cli_runner().invoke(args=["outbox", "status"])
    assert "pending 0, failed 0, sent 6" in status.output, status.output
    assert "complaints 2, all messages delivered 2" in status.output
