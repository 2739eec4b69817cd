"""``flask outbox send --due-only`` is what cron runs every few minutes, and cron tells the operator only when a
command fails: so it exits non-zero whenever an email is not going out, not only on the run that first failed."""

from __future__ import annotations

from tests.delivery_fixtures import council_record
from wizard import db
from wizard.delivery import submit_complaint


def store(app, key="key-1") -> str:
    connection = db.connect(app.config)
    try:
        with db.transaction(connection):
            return submit_complaint(connection, council_record(), key)
    finally:
        connection.close()


def test_a_run_after_the_service_gave_up_on_an_email_still_exits_non_zero(make_app, smtp_server):
    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5,
                   OUTBOX_SEND_AFTER_RESPONSE=False)
    cli = app.test_cli_runner()
    reference = store(app)
    # The complaint's content is gone (as after a purge): its emails can never be built, so sending stops.
    connection = db.connect(app.config)
    connection.execute("UPDATE complaints SET record = NULL WHERE reference = ?", (reference,))
    connection.close()

    first = cli.invoke(args=["outbox", "send", "--due-only"])
    assert first.exit_code == 1, first.output
    assert "failed 3" in first.output

    # Five minutes later cron runs it again: nothing is tried, but three emails are still not sent.
    again = cli.invoke(args=["outbox", "send", "--due-only"])
    assert "sent 0, failed 0" in again.output
    assert again.exit_code == 1, again.output
    assert again.output.count(reference) >= 3  # and it names them
    assert not smtp_server.messages


def test_a_run_with_nothing_wrong_exits_zero(make_app, smtp_server):
    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5,
                   OUTBOX_SEND_AFTER_RESPONSE=False)
    store(app)
    cli = app.test_cli_runner()
    sent = cli.invoke(args=["outbox", "send", "--due-only"])
    assert sent.exit_code == 0, sent.output
    assert "sent 3, failed 0" in sent.output
    assert cli.invoke(args=["outbox", "send", "--due-only"]).exit_code == 0
    assert len(smtp_server.messages) == 3


def test_a_failing_email_waiting_for_its_retry_does_not_fail_the_runs_between(make_app, smtp_server):
    """The run that fails says so; the runs while it waits for its next try (it will be tried again) do not."""
    app = make_app(SMTP_HOST=smtp_server.host, SMTP_PORT=smtp_server.port, SMTP_TIMEOUT=5,
                   OUTBOX_SEND_AFTER_RESPONSE=False)
    smtp_server.stop()
    store(app)
    cli = app.test_cli_runner()
    assert cli.invoke(args=["outbox", "send", "--due-only"]).exit_code == 1
    waiting = cli.invoke(args=["outbox", "send", "--due-only"])
    assert "3 pending" in waiting.output
    assert waiting.exit_code == 0, waiting.output
