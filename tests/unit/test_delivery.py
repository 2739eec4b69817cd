"""The delivery core without a web server: references, the store, the emails, the outbox's bookkeeping."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import STORAGE_BACKENDS, database_for
from tests.delivery_fixtures import (
    SECRET_PUT_RIGHT,
    SECRET_WHAT_HAPPENED,
    complaint_schema,
    corporate,
    council_record,
    not_safe,
    prefers_phone,
    purge_delivered,
    revised,
    schema_errors,
    stored_record,
    with_shown_value,
    without_advocacy,
    without_email,
)
from wizard import db
from wizard.delivery import (
    find_by_key,
    load_complaint,
    messages,
    outbox,
    outbox_status,
    submit_complaint,
)
from wizard.delivery.references import ALPHABET, REFERENCE_RE, new_reference
from wizard.domain.profiles import load_profile


def is_reference(value: object) -> bool:
    """True for a string shaped like a reference (it may still not exist)."""
    return isinstance(value, str) and REFERENCE_RE.fullmatch(value) is not None


CONFIG = {
    "MAIL_FROM": "complaints@example.gov.uk",
    "COUNCIL_INBOX": "complaints@example.gov.uk",
    "ADVOCACY_INBOX": "advocacy@example.gov.uk",
}


@pytest.fixture(params=STORAGE_BACKENDS)
def database_url(request):
    """These tests run on SQLite and on a real PostgreSQL server."""
    return database_for(request, request.param)


@pytest.fixture
def storage(database_url, tmp_path):
    """What ``db.connect`` is given: a PostgreSQL URL, or a folder for SQLite."""
    return database_url or tmp_path


@pytest.fixture
def conn(storage):
    connection = db.connect(storage)
    yield connection
    connection.close()


def submit(conn, record=None, key="key-1"):
    with db.transaction(conn):
        return submit_complaint(conn, record or council_record(), key)


class Recorder:
    """A mailer that keeps what it is given, and can be told to fail."""

    def __init__(self, fail_with: Exception | None = None):
        self.sent = []
        self.fail_with = fail_with

    def session(self):
        import contextlib

        @contextlib.contextmanager
        def opened():
            if self.fail_with:
                raise self.fail_with
            yield self.sent.append

        return opened()


# ---------------------------------------------------------------------------------------------------------
# References


def test_alphabet_has_no_look_alikes():
    for character in "0O1IL":
        assert character not in ALPHABET
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


@given(st.sampled_from(["EX", "RBK", "LANC", "AB"]))
@settings(max_examples=200)
def test_reference_format(short_code):
    reference = new_reference(short_code)
    assert REFERENCE_RE.fullmatch(reference)
    code, tail = reference.split("-")
    assert code == short_code
    assert len(tail) == 8
    assert set(tail) <= set(ALPHABET)
    assert is_reference(reference)


@pytest.mark.parametrize("bad", ["", "ex", "E", "TOOLONG", "E1", None])
def test_reference_refuses_bad_short_codes(bad):
    with pytest.raises(ValueError):
        new_reference(bad)


def test_references_are_unique_and_use_the_whole_alphabet():
    references = {new_reference("EX") for _ in range(20000)}
    assert len(references) == 20000
    used = set("".join(r.split("-")[1] for r in references))
    assert used == set(ALPHABET)


@given(st.text(min_size=1, max_size=40))
@settings(max_examples=50, deadline=None)
def test_reference_is_not_derived_from_personal_data(tmp_path_factory, name):
    """The same answers submitted twice (two different Sends) get two different references."""
    connection = db.connect(tmp_path_factory.mktemp("ref"))
    record = revised(council_record(), contact={"name": name})
    with db.transaction(connection):
        first = submit_complaint(connection, record, "a")
        second = submit_complaint(connection, record, "b")
    connection.close()
    assert first != second


def test_a_taken_reference_is_drawn_again(conn, monkeypatch):
    from wizard.delivery import store

    drawn = iter(["EX-AAAAAAAA", "EX-AAAAAAAA", "EX-BBBBBBBB"])
    monkeypatch.setattr(store, "new_reference", lambda code: next(drawn))
    assert submit(conn, key="one") == "EX-AAAAAAAA"
    assert submit(conn, key="two") == "EX-BBBBBBBB"


# ---------------------------------------------------------------------------------------------------------
# The store


def test_submit_stores_the_complaint_and_its_messages(conn):
    reference = submit(conn)
    assert reference.startswith("EX-")
    stored = load_complaint(conn, reference)
    assert stored["record"] == council_record()
    assert not stored["purged"]
    kinds = [r[0] for r in conn.execute("SELECT kind FROM outbox WHERE reference = ? ORDER BY id", (reference,))]
    assert kinds == ["council", "complainant", "advocacy"]
    assert find_by_key(conn, "key-1") == reference
    assert find_by_key(conn, "other") is None
    assert load_complaint(conn, "EX-ZZZZZZZZ") is None


@pytest.mark.parametrize(
    ("change", "kinds"),
    [
        (without_email, ["council", "advocacy"]),
        (not_safe, ["council", "advocacy"]),
        (without_advocacy, ["council", "complainant"]),
        (prefers_phone, ["council", "advocacy"]),
        (lambda r: without_advocacy(without_email(r)), ["council"]),
    ],
)
def test_which_messages_a_complaint_sends(conn, change, kinds):
    reference = submit(conn, change(council_record()))
    found = [r[0] for r in conn.execute("SELECT kind FROM outbox WHERE reference = ? ORDER BY id", (reference,))]
    assert found == kinds


def test_the_same_key_makes_one_complaint(conn):
    first = submit(conn, key="same")
    second = submit(conn, key="same")
    assert first == second
    assert conn.execute("SELECT count(*) FROM complaints").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 3


def test_concurrent_sends_with_the_same_key_make_one_complaint(storage):
    db.connect(storage).close()
    references = []
    errors = []
    barrier = threading.Barrier(8)

    def worker():
        connection = db.connect(storage)
        try:
            barrier.wait()
            with db.transaction(connection):
                references.append(submit_complaint(connection, council_record(), "double-click"))
        except Exception as error:  # pragma: no cover - shown by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(set(references)) == 1 and len(references) == 8
    connection = db.connect(storage)
    assert connection.execute("SELECT count(*) FROM complaints").fetchone()[0] == 1
    assert connection.execute("SELECT count(*) FROM outbox").fetchone()[0] == 3
    connection.close()


def test_a_failed_transaction_stores_nothing(conn):
    with pytest.raises(RuntimeError), db.transaction(conn):
        submit_complaint(conn, council_record(), "k")
        raise RuntimeError("the journey failed to delete the draft")
    assert find_by_key(conn, "k") is None
    assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0


def test_submit_refuses_an_empty_key(conn):
    with pytest.raises(ValueError), db.transaction(conn):
        submit_complaint(conn, council_record(), "")


# ---------------------------------------------------------------------------------------------------------
# The emails, built without sending


def build(kind, record=None, reference="EX-7HK3QP2M", settings=None):
    profile = load_profile("example")
    return messages.build(kind, reference, record or council_record(), profile, settings or mail_settings())


def mail_settings(**changes):
    values = {"mail_from": CONFIG["MAIL_FROM"], "council_inbox": CONFIG["COUNCIL_INBOX"]}
    values["advocacy_inbox"] = CONFIG["ADVOCACY_INBOX"]
    values["languages"] = ("en", "cy")  # the app's languages
    values.update(changes)
    return messages.MailSettings(**values)


def parsed(outgoing):
    return message_from_bytes(outgoing.message.as_bytes(), policy=policy.default)


def test_council_subject_names_procedure_flags_reference_and_subject():
    # Stored by an earlier version with a decision written by hand (statutory, and "sufficient interest").
    assert messages.subject("council", "KIN-7HK3QP2M", stored_record()) == (
        "[Statutory] [Advocate requested] [Decide eligibility] Complaint KIN-7HK3QP2M: Fostering"
    )
    plain = council_record()
    assert plain.flags == ("advocacy_requested",)
    assert messages.subject("council", "KIN-7HK3QP2M", plain) == (
        "[Statutory] [Advocate requested] Complaint KIN-7HK3QP2M: Fostering"
    )
    assert messages.subject("council", "EX-7HK3QP2M", corporate(council_record())) == (
        "[Corporate] Complaint EX-7HK3QP2M: Education"
    )


def test_message_ids_are_stable():
    first = parsed(build("council"))
    again = parsed(build("council"))
    assert first["Message-ID"] == again["Message-ID"] == "<EX-7HK3QP2M.council@example.gov.uk>"
    assert parsed(build("complainant"))["Message-ID"] == "<EX-7HK3QP2M.complainant@example.gov.uk>"


def test_advocacy_goes_to_the_complaints_inbox_when_there_is_no_advocacy_inbox():
    outgoing = build("advocacy", settings=mail_settings(advocacy_inbox=None))
    assert outgoing.recipients == ("complaints@example.gov.uk",)


@pytest.mark.parametrize(
    "name",
    [
        "Eve\r\nBcc: x@evil.example",
        "Eve\nBcc: x@evil.example",
        "Eve\rBcc: x@evil.example",
        "Eve\u2028Bcc: x@evil.example",
        'Eve" <x@evil.example>, "Mallory',
        "=?utf-8?q?Eve=0D=0ABcc=3A_x=40evil=2Eexample?=",
    ],
)
def test_names_cannot_inject_headers_or_recipients(name):
    record = with_shown_value(revised(council_record(), contact={"name": name}, child={"name": name}), 0, 0, name)
    for kind in ("council", "complainant", "advocacy"):
        outgoing = build(kind, record)
        raw = outgoing.message.as_bytes()
        message = message_from_bytes(raw, policy=policy.default)
        assert message["Bcc"] is None
        assert message.get_all("To") and len(message.get_all("To")) == 1
        assert "evil.example" not in str(message["To"]).split("<")[-1]
        assert [a.addr_spec for a in message["To"].addresses] == list(outgoing.recipients)
        assert "evil.example" not in " ".join(outgoing.recipients)
        header_block = raw.split(b"\r\n\r\n", 1)[0]
        assert b"\r\nBcc:" not in header_block and b"\nBcc:" not in header_block


@pytest.mark.parametrize(
    "email",
    ["sam@example.org\r\nBcc: x@evil.example", "sam@example.org, x@evil.example", "Sam <x@evil.example>", "a b@c.d"],
)
def test_an_unusable_email_address_is_never_used(email):
    record = revised(council_record(), contact={"email": email})
    council = build("council", record)
    assert council.message["Reply-To"] is None
    with pytest.raises(messages.NoRecipient):
        build("complainant", record)


def test_complainant_copy_holds_no_complaint_content():
    outgoing = build("complainant")
    message = parsed(outgoing)
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for body in (text, html):
        assert "EX-7HK3QP2M" in body
        for secret in (SECRET_WHAT_HAPPENED, SECRET_PUT_RIGHT, "Tyler", "fostering", "Fostering"):
            assert secret not in body
    assert list(message.iter_attachments()) == []


def test_advocacy_email_holds_contact_details_not_the_complaint():
    message = parsed(build("advocacy"))
    text = message.get_body(("plain",)).get_content()
    assert "EX-7HK3QP2M" in text
    assert "07700 900123" in text and "Tyler Example" in text
    assert "Text Tyler on 07700 900456 after school" in text
    assert SECRET_WHAT_HAPPENED not in text and SECRET_PUT_RIGHT not in text


def test_html_bodies_escape_what_people_typed():
    record = with_shown_value(council_record(), 2, 1, "<script>alert(1)</script> & more")
    html = parsed(build("council", record)).get_body(("html",)).get_content()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def test_payload_matches_the_documented_schema():
    schema = complaint_schema()
    for record in (council_record(), corporate(council_record()), without_email(council_record())):
        data = messages.payload("EX-7HK3QP2M", record)
        assert schema_errors(data, schema) == []
    assert schema_errors({"schema_version": "1.0"}, schema)  # the checker can fail
    broken = messages.payload("EX-7HK3QP2M", council_record())
    broken["decision"]["flags"] = ["not_a_flag"]
    assert schema_errors(broken, schema)


def test_redact_removes_addresses():
    assert messages.redact("550 5.1.1 <sam@example.org>: Recipient address rejected") == (
        "550 5.1.1 <<address>>: Recipient address rejected"
    )


# ---------------------------------------------------------------------------------------------------------
# The outbox's bookkeeping


def run(conn, tmp_path, mailer, clock=None, **kwargs):
    config = dict(CONFIG, DATA_DIR=tmp_path)
    kwargs.setdefault("due_only", False)
    return outbox.send_pending(conn, config, mailer=mailer, now=clock, **kwargs)


def test_backoff_doubles_to_an_hour():
    assert outbox.backoff(1) == timedelta(minutes=1)
    assert outbox.backoff(2) == timedelta(minutes=2)
    assert outbox.backoff(5) == timedelta(minutes=16)
    assert outbox.backoff(30) == timedelta(hours=1)


def test_failures_are_recorded_retried_with_backoff_and_marked_after_a_day(conn, tmp_path):
    reference = submit(conn)
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    moment = [start]
    clock = lambda: moment[0]  # noqa: E731
    down = Recorder(ConnectionRefusedError(111, "Connection refused"))
    report = run(conn, tmp_path, down, clock)
    assert (report.sent, report.failed) == (0, 3)
    status = outbox_status(conn, now=start)
    assert status["counts"] == {"pending": 3, "sent": 0, "failed": 0}
    assert "ConnectionRefusedError" in status["last_error"]["error"]
    assert status["oldest_pending"]["reference"] == reference
    # Not due yet: a due-only run does nothing.
    moment[0] = start + timedelta(seconds=30)
    assert run(conn, tmp_path, down, clock, due_only=True).failed == 0
    moment[0] = start + timedelta(minutes=1, seconds=1)
    assert run(conn, tmp_path, down, clock, due_only=True).failed == 3
    # A day later it is marked failed, reported, and still retried.
    moment[0] = start + timedelta(days=1, minutes=1)
    run(conn, tmp_path, down, clock)
    status = outbox_status(conn, now=moment[0])
    assert status["counts"]["failed"] == 3
    assert {row["kind"] for row in status["failed"]} == {"council", "complainant", "advocacy"}
    attempts = conn.execute("SELECT count(*), sum(ok) FROM outbox_attempts").fetchone()
    assert tuple(attempts) == (9, 0)
    up = Recorder()
    assert run(conn, tmp_path, up, clock).sent == 3
    status = outbox_status(conn, now=moment[0])
    assert status["counts"] == {"pending": 0, "sent": 3, "failed": 0}
    assert load_complaint(conn, reference)["delivered_at"] is not None
    # Sent messages are never sent again.
    assert run(conn, tmp_path, Recorder(), clock).sent == 0


def test_recorded_errors_hold_no_addresses(conn, tmp_path):
    import smtplib

    submit(conn)
    refused = Recorder(smtplib.SMTPResponseException(550, b"<sam@example.org>: no such user"))
    run(conn, tmp_path, refused)
    errors = [r[0] for r in conn.execute("SELECT error FROM outbox_attempts")]
    assert errors and all("sam@example.org" not in e and "550" in e for e in errors)
    assert "sam@example.org" not in json.dumps(outbox_status(conn))


def test_a_leased_message_is_not_sent_by_a_second_sender(conn, tmp_path):
    submit(conn)
    now = datetime.now(UTC)
    conn.execute("UPDATE outbox SET leased_until = ?", (outbox.stamp(now + timedelta(minutes=5)),))
    assert run(conn, tmp_path, Recorder()).sent == 0
    # An expired lease (a sender that crashed) is taken over.
    conn.execute("UPDATE outbox SET leased_until = ?", (outbox.stamp(now - timedelta(seconds=1)),))
    assert run(conn, tmp_path, Recorder()).sent == 3


def test_file_mailer_writes_one_eml_per_message(conn, tmp_path):
    reference = submit(conn)
    config = dict(CONFIG, DATA_DIR=tmp_path, SMTP_HOST=None)
    assert isinstance(outbox.mailer_from_config(config), outbox.FileMailer)
    report = outbox.send_pending(conn, config)
    assert report.sent == 3
    files = sorted(p.name for p in (tmp_path / "mail").iterdir())
    assert files == [f"{reference}-advocacy.eml", f"{reference}-complainant.eml", f"{reference}-council.eml"]
    message = message_from_bytes((tmp_path / "mail" / f"{reference}-council.eml").read_bytes(), policy=policy.default)
    assert message["Message-ID"] == f"<{reference}.council@example.gov.uk>"


def test_purge_deletes_content_after_retention(conn, tmp_path):
    delivered = submit(conn, key="a")
    waiting = submit(conn, key="b")
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    run(conn, tmp_path, Recorder(), lambda: start, reference=delivered)
    with db.transaction(conn):
        assert purge_delivered(conn, 30, now=start + timedelta(days=29)) == 0
    with db.transaction(conn):
        assert purge_delivered(conn, 30, now=start + timedelta(days=30, seconds=1)) == 1
    gone = load_complaint(conn, delivered)
    assert gone["purged"] and gone["record"] is None
    assert "Tyler" not in json.dumps(
        dict(conn.execute("SELECT * FROM complaints WHERE reference = ?", (delivered,)).fetchone())
    )
    # Undelivered complaints are kept however old they are.
    assert load_complaint(conn, waiting)["record"] is not None
    with db.transaction(conn):
        assert purge_delivered(conn, 30, now=start + timedelta(days=3000)) == 0
    # A submit with the key of a purged complaint still finds it (no second complaint).
    assert submit(conn, key="a") == delivered


@pytest.mark.parametrize(
    ("language", "subject_start", "sentence"),
    [
        ("cy", "Rydym wedi cael eich cwyn", "Ein nod yw ateb erbyn dydd Llun 17 Mawrth 2025."),
        ("en", "We have received your complaint", "We aim to reply by Monday 17 March 2025."),
        ("xx", "We have received your complaint", "We aim to reply by Monday 17 March 2025."),
        (None, "We have received your complaint", "We aim to reply by Monday 17 March 2025."),
    ],
)
def test_the_complainant_email_is_in_the_language_they_used(language, subject_start, sentence):
    # A complaint the council looks at straight away.
    record = revised(council_record(), contact={"language": language})
    assert not record.decide_first
    message = parsed(build("complainant", record))
    assert message["Subject"].startswith(subject_start)
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert sentence in text and sentence in html
    assert f'<html lang="{language if language == "cy" else "en"}">' in html
    # The council's copy stays in English, and says which language the person used.
    council = parsed(build("council", record)).get_body(("plain",)).get_content()
    assert "Stage 1 reply due: Monday 17 March 2025" in council
    assert ("Language used: Welsh (cy)" in council) == (language == "cy")
