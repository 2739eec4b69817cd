"""``flask outbox send``, ``worker``, ``status`` and ``retry`` (``flask purge`` is in ``wizard/cli.py``).

They print references, kinds, counts and redacted errors: never a person's details.
"""

from __future__ import annotations

import json
import signal
import sys
import threading

import click
from flask import current_app
from flask.cli import with_appcontext

from wizard import db
from wizard.delivery.outbox import mailer_from_config, outbox_status, release_failed, send_pending


@click.group("outbox")
def outbox_group():
    """Send the emails waiting in the outbox, or show how the outbox stands."""


@outbox_group.command("send")
@click.option("--due-only", is_flag=True, help="Respect the retry backoff (for a frequent cron job).")
@with_appcontext
def send_command(due_only: bool):
    """Send every unsent message now (or, with --due-only, those whose retry time has come).

    Exits 1 when a send failed, or when an email the service gave up on still waits for a person."""
    connection = db.connect(current_app.config)
    try:
        report = send_pending(
            connection, current_app.config, due_only=due_only, profile=current_app.extensions.get("council")
        )
        status = outbox_status(connection)
    finally:
        connection.close()
    click.echo(
        f"sent {report.sent}, failed {report.failed}, skipped {report.skipped},"
        f" held by another sender {len(report.leased)}"
    )
    if report.taken_over:
        click.echo(f"taken over from a sender that had stopped: {report.taken_over}")
    for error in sorted(set(report.errors)):
        click.echo(f"error: {error}")
    for row in report.leased:
        click.echo(f"held: {row['reference']} {row['kind']} by a running sender until {row['leased_until']}")
    counts = status["counts"]
    click.echo(
        f"outbox now: {counts['pending']} pending, {counts['failed']} failed, {counts['sent']} sent,"
        f" {len(status['leased'])} held by a sender"
    )
    _echo_failed(status)
    # Non-zero whenever an email is not going out (cron tells the operator): a send failed now, or an earlier
    # run gave up on one that is still waiting for a person, though this run had nothing to try.
    if report.failed or status["failed"]:
        sys.exit(1)


@outbox_group.command("worker")
@click.option("--interval", default=30, show_default=True, type=click.IntRange(1, 3600),
              help="Seconds between looks at the outbox.")
@with_appcontext
def worker_command(interval: int):
    """Keep sending, as a long-running process (instead of, or as well as, `flask outbox send` from cron).

    Sends what is due every --interval seconds, in batches of 100. Any number of workers, on any number of
    servers, can run at once: each email is claimed by one sender. SIGTERM or Ctrl-C stops it after the email
    it is sending.
    """
    config = current_app.config
    profile = current_app.extensions.get("council")
    stop = threading.Event()

    def ask_to_stop(signum, frame):
        stop.set()

    signal.signal(signal.SIGTERM, ask_to_stop)
    signal.signal(signal.SIGINT, ask_to_stop)
    click.echo(f"outbox worker: sending every {interval} seconds through {mailer_from_config(config).describe()}")
    while not stop.is_set():
        full_batch = False
        try:
            connection = db.connect(config)
            try:
                report = send_pending(connection, config, due_only=True, limit=100, profile=profile)
            finally:
                connection.close()
        except db.OperationalError as error:  # the database is away for a moment: try again next time
            click.echo(f"outbox worker: cannot reach the database ({type(error.orig).__name__})", err=True)
        else:
            if report.sent or report.failed:
                click.echo(f"outbox worker: sent {report.sent}, failed {report.failed}", err=bool(report.failed))
            full_batch = report.sent + report.failed + report.skipped + len(report.leased) >= 100
        if not full_batch:
            stop.wait(interval)
    click.echo("outbox worker: stopped")


def _failure_text(row: dict) -> str:
    if row.get("gave_up") == "attempts":
        return (
            f"FAILED after {row['handovers']} attempts, sending stopped: {row['reference']} {row['kind']}"
            f" (the mail server may have delivered it: check the inbox, then `flask outbox retry"
            f" {row['reference']} --kind {row['kind']}` sends it again): {row['last_error']}"
        )
    if row.get("gave_up") == "build":
        return f"FAILED, the message cannot be built: {row['reference']} {row['kind']}: {row['last_error']}"
    return (
        f"FAILED for over a day: {row['reference']} {row['kind']} since {row['first_failed_at']},"
        f" {row['attempts']} attempts: {row['last_error']}"
    )


def _echo_failed(status: dict) -> None:
    for row in status["failed"]:
        click.echo(_failure_text(row))


@outbox_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@with_appcontext
def status_command(as_json: bool):
    """Messages by state, the oldest unsent one and the last error."""
    connection = db.connect(current_app.config)
    try:
        status = outbox_status(connection)
    finally:
        connection.close()
    if as_json:
        click.echo(json.dumps(status, indent=2))
        if status["failed"]:
            sys.exit(1)  # monitoring reads the exit status, in JSON as in words
        return
    counts = status["counts"]
    click.echo(
        f"pending {counts['pending']}, failed {counts['failed']}, sent {counts['sent']},"
        f" held by a sender {len(status['leased'])}"
    )
    c = status["complaints"]
    click.echo(f"complaints {c['total']}, all messages delivered {c['delivered']}, content purged {c['purged']}")
    oldest = status["oldest_pending"]
    if oldest:
        click.echo(
            f"oldest unsent: {oldest['reference']} {oldest['kind']}, made {oldest['created_at']}"
            f" ({oldest['age_minutes']} minutes ago), {oldest['attempts']} attempts"
        )
    else:
        click.echo("oldest unsent: none")
    last = status["last_error"]
    if last:
        click.echo(f"last error: {last['attempted_at']} {last['reference']} {last['kind']}: {last['error']}")
    else:
        click.echo("last error: none")
    for row in status["leased"]:
        if row["sender_gone"]:
            click.echo(
                f"held: {row['reference']} {row['kind']} until {row['leased_until']} by a sender that has stopped;"
                " the next outbox send takes it at once"
            )
        else:
            click.echo(f"held: {row['reference']} {row['kind']} by a running sender until {row['leased_until']}")
    for row in status["notes"]:
        click.echo(f"NOTE: {row['reference']} {row['kind']} sent {row['sent_at']}: {row['note']}")
    _echo_failed(status)
    if status["failed"]:
        sys.exit(1)


@outbox_group.command("retry")
@click.argument("reference")
@click.option("--kind", type=click.Choice(["council", "complainant", "advocacy"]), help="Only this email.")
@with_appcontext
def retry_command(reference: str, kind: str | None):
    """Send a failed email again, its attempts counted afresh (after checking the inbox did not get it)."""
    connection = db.connect(current_app.config)
    try:
        released = release_failed(connection, reference, kind)
    finally:
        connection.close()
    click.echo(f"{released} failed email(s) of {reference} will be sent by the next outbox send")
    if not released:
        sys.exit(1)


def register(app) -> None:
    app.cli.add_command(outbox_group)
