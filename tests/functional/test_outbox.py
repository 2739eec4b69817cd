"""The outbox against a real SMTP server (aiosmtpd on 127.0.0.1), and the outbox/purge commands."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import STORAGE_BACKENDS, database_for
from tests.delivery_fixtures import (
    SECRET_PUT_RIGHT,
    SECRET_WHAT_HAPPENED,
    complaint_schema,
    corporate,
    council_record,
    revised,
    schema_errors,
    stored_record,
    with_shown_value,
    without_advocacy,
    without_email,
)
from wizard import db
from wizard.delivery import load_complaint, outbox_status, submit_complaint
from wizard.delivery.outbox import send_pending
from wizard.delivery.store import stamp, utcnow

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=STORAGE_BACKENDS)
def database_url(request):
    """These tests run on SQLite and on a real PostgreSQL server."""
    return database_for(request, request.param)


@pytest.fixture
def smtp_app(make_app, smtp_server):
    return make_app(
        WTF_CSRF_ENABLED=False,
        SMTP_HOST=smtp_server.host,
        SMTP_PORT=smtp_server.port,
        SMTP_TIMEOUT=5,
        OUTBOX_SEND_AFTER_RESPONSE=False,
    )


def store(app, record=None, key="key-1") -> str:
    connection = db.connect(app.config)
    try:
        with db.transaction(connection):
            return submit_complaint(connection, record or council_record(), key)
    finally:
        connection.close()


def send(app, **kwargs):
    connection = db.connect(app.config)
    try:
        return send_pending(connection, app.config, due_only=False, **kwargs)
    finally:
        connection.close()


def by_kind(smtp_server):
    return {m["X-Complaint-Message"]: (m, e) for m, e in zip(smtp_server.messages, smtp_server.envelopes, strict=True)}


def bodies(message):
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


def test_every_email_against_a_real_smtp_server(smtp_app, smtp_server):
    # A complaint an earlier version stored (its decision written by hand), read back and sent by the outbox.
    reference = store(smtp_app, stored_record())
    report = send(smtp_app)
    assert (report.sent, report.failed) == (3, 0)
    mail = by_kind(smtp_server)
    assert set(mail) == {"council", "complainant", "advocacy"}

    council, envelope = mail["council"]
    assert envelope.rcpt_tos == ["complaints@example.gov.uk"]
    assert envelope.mail_from == "complaints@example.gov.uk"
    assert council["Subject"] == (
        f"[Statutory] [Advocate requested] [Decide eligibility] Complaint {reference}: Fostering"
    )
    # The council decides first whether this person may have the child's information: its email, which holds it,
    # does not reply to them (walk K, K6; this assertion was "Reply-To is the complainant" before).
    assert council["Reply-To"] is None
    assert council["Message-ID"] == f"<{reference}.council@example.gov.uk>"
    text, html = bodies(council)
    for body in (text, html):
        assert reference in body
        for expected in (
            SECRET_WHAT_HAPPENED,
            SECRET_PUT_RIGHT,
            "Tyler Example",
            "Your complaint",  # a section title from Check your answers
            "What would put it right",  # a row label
            "Fostering is a children's social care service",  # a reason
            "Decide whether this person has a sufficient interest",  # a flag, as an action
            "An advocate has been asked for",
            "Text Tyler on 07700 900456 after school",  # the consent record
            "Stage 1 reply due",
            "Monday 17 March 2025",  # the stage 1 due date (10 working days after Monday 3 March)
        ):
            assert expected.replace("'", "&#39;") in body or expected in body, expected
    attachments = list(council.iter_attachments())
    assert len(attachments) == 1
    assert attachments[0].get_content_type() == "application/json"
    assert attachments[0].get_filename() == f"complaint-{reference}.json"
    data = json.loads(attachments[0].get_content())
    assert schema_errors(data, complaint_schema()) == []
    assert data["reference"] == reference and data["schema_version"] == "1.0"
    assert data["answers"]["complaint"]["what_happened"] == SECRET_WHAT_HAPPENED
    assert data["decision"]["procedure"] == "statutory"

    complainant, envelope = mail["complainant"]
    assert envelope.rcpt_tos == ["sam@example.org"]
    assert complainant["To"] == "sam@example.org"
    assert complainant["Subject"] == f"We have received your complaint: reference {reference}"
    assert list(complainant.iter_attachments()) == []
    for body in bodies(complainant):
        assert reference in body
        assert "Thursday 6 March 2025" in body  # acknowledgement: 3 working days
        assert "Monday 17 March 2025" in body and "Monday 31 March 2025" in body
        for secret in (SECRET_WHAT_HAPPENED, SECRET_PUT_RIGHT, "Tyler", "fostering", "Fostering", "07700"):
            assert secret not in body

    advocacy, envelope = mail["advocacy"]
    assert envelope.rcpt_tos == ["advocacy@example.gov.uk"]
    assert advocacy["Subject"] == f"[Advocate requested] Complaint {reference}: Fostering"
    for body in bodies(advocacy):
        assert reference in body and "Tyler Example" in body and "07700 900123" in body
        assert "Text Tyler on 07700 900456 after school" in body
        assert SECRET_WHAT_HAPPENED not in body and SECRET_PUT_RIGHT not in body


def test_corporate_complaint_without_email_or_advocacy(smtp_app, smtp_server):
    record = without_advocacy(without_email(corporate(council_record())))
    reference = store(smtp_app, record)
    send(smtp_app)
    assert [m["X-Complaint-Message"] for m in smtp_server.messages] == ["council"]
    council = smtp_server.messages[0]
    assert council["Subject"] == f"[Corporate] Complaint {reference}: Education"
    assert council["Reply-To"] is None
    data = json.loads(next(council.iter_attachments()).get_content())
    assert schema_errors(data, complaint_schema()) == []


def test_header_injection_reaches_no_extra_recipient(smtp_app, smtp_server):
    record = revised(
        council_record(),
        contact={"name": "Eve\r\nBcc: x@evil.example", "email": "sam@example.org\r\nBcc: z@evil.example"},
        child={"name": "Eve\r\nBcc: y@evil.example"},
    )
    record = with_shown_value(record, 0, 0, "=?utf-8?q?Eve=0D=0ABcc=3A_w=40evil=2Eexample?=")
    store(smtp_app, record)
    report = send(smtp_app)
    # The unusable address gets no copy (it failed, and is reported); the rest go only where they should.
    recipients = [r for e in smtp_server.envelopes for r in e.rcpt_tos]
    assert "evil.example" not in " ".join(recipients)
    assert sorted(recipients) == ["advocacy@example.gov.uk", "complaints@example.gov.uk"]
    for message in smtp_server.messages:
        assert message["Bcc"] is None
        assert "evil" not in str(message["To"]) and "evil" not in str(message.get("Reply-To", ""))
    assert report.failed == 0  # the bad address never made a complainant message


def test_smtp_down_then_up_delivers_each_message_once(smtp_app, smtp_server):
    smtp_server.stop()
    references = [store(smtp_app, key=f"k{i}") for i in range(5)]
    report = send(smtp_app)
    assert report.sent == 0 and report.failed == 15
    status = outbox_status(db.connect(smtp_app.config))
    assert status["counts"]["pending"] == 15
    assert "ConnectionRefusedError" in status["last_error"]["error"]
    smtp_server.start()
    result = smtp_app.test_cli_runner().invoke(args=["outbox", "send"])
    assert result.exit_code == 0, result.output
    assert "sent 15, failed 0" in result.output
    ids = Counter(m["Message-ID"] for m in smtp_server.messages)
    assert len(ids) == 15 and set(ids.values()) == {1}
    assert {m["X-Complaint-Reference"] for m in smtp_server.messages} == set(references)
    # Running it again sends nothing.
    again = smtp_app.test_cli_runner().invoke(args=["outbox", "send"])
    assert "sent 0, failed 0" in again.output
    assert len(smtp_server.messages) == 15


def test_several_senders_at_once_send_each_email_exactly_once(smtp_app, smtp_server):
    """Four senders start at the same moment (four servers' `flask outbox send`, or workers): each email is
    claimed by one of them, sent once, and every complaint is marked delivered once."""
    references = [store(smtp_app, key=f"k{i}") for i in range(12)]
    barrier = threading.Barrier(4)
    reports, errors = [], []

    def sender():
        connection = db.connect(smtp_app.config)
        try:
            barrier.wait()
            reports.append(send_pending(connection, smtp_app.config, due_only=False))
        except Exception as error:  # pragma: no cover - shown by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert sum(r.sent for r in reports) == 36 and sum(r.failed for r in reports) == 0
    ids = Counter(m["Message-ID"] for m in smtp_server.messages)
    assert len(ids) == 36 and set(ids.values()) == {1}
    assert {m["X-Complaint-Reference"] for m in smtp_server.messages} == set(references)
    connection = db.connect(smtp_app.config)
    try:
        status = outbox_status(connection)
    finally:
        connection.close()
    assert status["counts"] == {"pending": 0, "sent": 36, "failed": 0}
    assert status["complaints"] == {"total": 12, "delivered": 12, "purged": 0}


def test_the_outbox_worker_keeps_sending_until_it_is_stopped(smtp_app, smtp_server):
    """`flask outbox worker` as a council would run it: a process of its own, beside the web servers."""
    env = dict(
        os.environ,
        DATA_DIR=str(smtp_app.config["DATA_DIR"]),
        DATABASE_URL=smtp_app.config["DATABASE_URL"] or "",
        SECRET_KEY=smtp_app.config["SECRET_KEY"],
        SMTP_HOST=smtp_server.host,
        SMTP_PORT=str(smtp_server.port),
        SMTP_TIMEOUT="5",
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "outbox", "worker", "--interval", "1"],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        first = store(smtp_app, key="first")
        wait_for(lambda: len(smtp_server.messages) >= 3)
        second = store(smtp_app, key="second")
        wait_for(lambda: len(smtp_server.messages) >= 6)
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=60)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, output
    assert "outbox worker: stopped" in output
    assert "sent 3, failed 0" in output
    ids = Counter(m["Message-ID"] for m in smtp_server.messages)
    assert len(ids) == 6 and set(ids.values()) == {1}
    assert {m["X-Complaint-Reference"] for m in smtp_server.messages} == {first, second}


def wait_for(condition, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


KILLER = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, {project!r})
    from tests.delivery_fixtures import council_record
    from wizard import db
    from wizard.delivery import submit_complaint
    connection = db.connect({data_dir!r})
    with db.transaction(connection):
        reference = submit_complaint(connection, council_record(), "killed")
    print(reference, flush=True)
    os._exit(9)  # dies before anything is sent, without closing the database
    """
)


def test_a_process_killed_after_storing_loses_nothing(smtp_app, smtp_server):
    code = KILLER.format(project=str(PROJECT), data_dir=db.database_url(smtp_app.config))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=os.environ)
    assert done.returncode == 9, done.stderr
    reference = done.stdout.strip()
    assert smtp_server.messages == []
    result = smtp_app.test_cli_runner().invoke(args=["outbox", "send"])
    assert "sent 3, failed 0" in result.output, result.output
    assert {m["Message-ID"] for m in smtp_server.messages} == {
        f"<{reference}.{kind}@example.gov.uk>" for kind in ("council", "complainant", "advocacy")
    }


def test_a_crash_after_sending_resends_with_the_same_message_id(smtp_app, smtp_server, monkeypatch):
    from wizard.delivery import outbox

    reference = store(smtp_app)

    def crash(*args, **kwargs):
        raise SystemExit("killed after the server accepted the message")

    monkeypatch.setattr(outbox, "_record_success", crash)
    with pytest.raises(SystemExit):
        send(smtp_app, limit=1)
    monkeypatch.undo()
    # The lease of the crashed sender runs out; the next run sends that message again, recognisably.
    connection = db.connect(smtp_app.config)
    connection.execute("UPDATE outbox SET leased_until = ?", (stamp(utcnow() - timedelta(seconds=1)),))
    connection.close()
    send(smtp_app)
    ids = Counter(m["Message-ID"] for m in smtp_server.messages)
    assert ids == Counter(
        {
            f"<{reference}.council@example.gov.uk>": 2,
            f"<{reference}.complainant@example.gov.uk>": 1,
            f"<{reference}.advocacy@example.gov.uk>": 1,
        }
    )


def test_starttls_is_required_when_configured(make_app, smtp_server):
    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_SECURITY="starttls", SMTP_TIMEOUT=5)
    store(app)
    report = send(app)
    # The test server offers no STARTTLS: nothing may go in the clear.
    assert report.sent == 0 and report.failed == 3
    assert smtp_server.messages == []
    assert any("STARTTLS" in e or "starttls" in e.lower() for e in report.errors)


def test_file_mailer_is_the_default(make_app):
    app = make_app()
    assert app.config["SMTP_HOST"] is None
    reference = store(app)
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert "sent 3" in result.output
    assert (Path(app.config["DATA_DIR"]) / "mail" / f"{reference}-council.eml").exists()


def test_status_command_reports_counts_oldest_and_last_error(smtp_app, smtp_server):
    smtp_server.stop()
    reference = store(smtp_app)
    send(smtp_app)
    result = smtp_app.test_cli_runner().invoke(args=["outbox", "status"])
    assert result.exit_code == 0, result.output
    assert "pending 3, failed 0, sent 0" in result.output
    assert f"oldest unsent: {reference}" in result.output
    assert "ConnectionRefusedError" in result.output
    for personal in ("sam@example.org", "Tyler", "Sam Relative", "07700"):
        assert personal not in result.output
    # A day of failures: marked failed, reported, and the command says so with its exit status.
    connection = db.connect(smtp_app.config)
    connection.execute("UPDATE outbox SET first_failed_at = ?", (stamp(utcnow() - timedelta(days=1, minutes=1)),))
    connection.close()
    send(smtp_app)
    result = smtp_app.test_cli_runner().invoke(args=["outbox", "status"])
    assert result.exit_code == 1
    assert "pending 0, failed 3, sent 0" in result.output
    assert result.output.count("FAILED for over a day") == 3
    data = json.loads(smtp_app.test_cli_runner().invoke(args=["outbox", "status", "--json"]).output)
    assert data["counts"]["failed"] == 3


def test_purge_command(smtp_app, smtp_server):
    reference = store(smtp_app)
    waiting = store(smtp_app, without_advocacy(council_record()), key="other")
    send(smtp_app)
    connection = db.connect(smtp_app.config)
    connection.execute(
        "UPDATE complaints SET delivered_at = ? WHERE reference = ?", (stamp(utcnow() - timedelta(days=31)), reference)
    )
    connection.execute("UPDATE outbox SET state = 'pending' WHERE reference = ?", (waiting,))
    connection.execute("UPDATE complaints SET delivered_at = NULL WHERE reference = ?", (waiting,))
    connection.close()
    result = smtp_app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    assert "complaints purged: 1" in result.output
    assert "expired drafts deleted: 0" in result.output  # the journey's purge runs too
    connection = db.connect(smtp_app.config)
    assert load_complaint(connection, reference)["record"] is None
    assert load_complaint(connection, waiting)["record"] is not None
    connection.close()
    assert "complaints purged: 0" in smtp_app.test_cli_runner().invoke(args=["purge"]).output


def test_purge_removes_the_file_mailers_copies(make_app):
    app = make_app()
    reference = store(app)
    kept = store(app, key="recent")
    app.test_cli_runner().invoke(args=["outbox", "send"])
    mail = Path(app.config["DATA_DIR"]) / "mail"
    assert len(list(mail.glob("*.eml"))) == 6
    connection = db.connect(app.config)
    connection.execute(
        "UPDATE complaints SET delivered_at = ? WHERE reference = ?", (stamp(utcnow() - timedelta(days=31)), reference)
    )
    connection.close()
    result = app.test_cli_runner().invoke(args=["purge"])
    assert "complaints purged: 1" in result.output and "mail files deleted: 3" in result.output
    assert sorted(p.name.split("-", 2)[-1] for p in mail.glob("*.eml")) == [
        "advocacy.eml",
        "complainant.eml",
        "council.eml",
    ]
    assert all(p.name.startswith(kept) for p in mail.glob("*.eml"))


def test_the_complainants_replies_go_where_the_complaint_went_when_council_inbox_is_set(make_app, smtp_server):
    """Found by a fresh-eyes walk: with COUNCIL_INBOX set (a test copy pointed at its own inbox), the complaint
    went there but the complainant's copy still said Reply-To the profile's real council address."""
    app = make_app(
        WTF_CSRF_ENABLED=False, SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5,
        OUTBOX_SEND_AFTER_RESPONSE=False, COUNCIL_INBOX="test-complaints@council.example",
    )
    store(app, stored_record())
    send(app)
    mail = by_kind(smtp_server)
    assert mail["council"][1].rcpt_tos == ["test-complaints@council.example"]
    assert mail["complainant"][0]["Reply-To"] == "test-complaints@council.example"
