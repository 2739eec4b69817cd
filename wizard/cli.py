"""Every ``flask`` command of the app: ``route``, ``timeline`` and ``routes`` (the domain's, for staff checking
a council), ``purge`` (retention), ``outbox send``, ``worker``, ``status`` and ``retry`` (delivery) and ``db upgrade``
and ``db current`` (the database's tables).

``register(app)`` adds them to ``app.cli``. They ask the same functions as the wizard. Bad arguments (an unknown
council, a bad date, an id outside the vocabulary) print a clear message and exit with status 2. The outbox
commands print references, kinds, counts and redacted errors: never a person's details.
"""

from __future__ import annotations

import json
import re
import signal
import sys
import threading
from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext

from wizard import db
from wizard.delivery.outbox import mailer_from_config, outbox_status, release_failed, send_pending
from wizard.domain.ages import OLDEST_AGE
from wizard.domain.escalation import (
    EscalationAnswers,
    EscalationAnswersError,
    escalation_table,
    escalation_timeline,
    route_escalation,
)
from wizard.domain.profiles import CouncilProfile, ProfileError, available_councils, load_profile
from wizard.domain.routing import Answers, AnswersError, route, routing_table
from wizard.domain.timeline import milestones
from wizard.domain.vocabulary import ABOUT, AGREES, NEXT_STAGES, PROCEDURES, REPLY_STAGES, STATED_PROCEDURES, WHO

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        if isinstance(value, str) and _DATE_RE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


ISO_DATE = IsoDate()


def _council(ctx: click.Context, param: click.Parameter, value: str | None) -> CouncilProfile | None:
    """Turn ``--council ID`` into a loaded profile."""
    if value is None:
        return None
    known = available_councils()
    if value not in known:
        raise click.BadParameter(f"unknown council {value!r}; known councils: {', '.join(known)}", ctx, param)
    try:
        return load_profile(value)
    except ProfileError as exc:
        raise click.ClickException(f"the council profile cannot be used: {exc}") from None


def _council_option(f, required: bool = True):
    return click.option(
        "--council",
        "profile",
        required=required,
        metavar="ID",
        callback=_council,
        help="Council profile id, for example 'example' or 'kingston'.",
    )(f)


def _echo_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.command("route")
@_council_option
@click.option("--who", required=True, type=click.Choice(WHO), help="Who is complaining.")
@click.option("--about", required=True, type=click.Choice(ABOUT), help="What the complaint is about.")
@click.option("--child-age", type=click.IntRange(0, OLDEST_AGE), help="The child's age in years.")
@click.option("--child-agrees", type=click.Choice(AGREES), help="Whether the child agrees to the complaint.")
@click.option("--happened", type=ISO_DATE, help="When the matter happened (or came to light).")
@click.option("--received", type=ISO_DATE, help="When the complaint is made (default: today).")
@click.option("--danger", is_flag=True, help="A child is in danger now.")
@click.option("--proceedings", is_flag=True, help="Court or police involvement in the same matter.")
@click.option("--provider-care", is_flag=True, help="Care arranged by the council, given by another organisation.")
@click.option("--advocacy-requested", is_flag=True, help="An advocate is wanted.")
@click.option("--continue-without-consent", is_flag=True, help="Go on although the child has not agreed.")
@click.option(
    "--reply-stage",
    type=click.Choice(REPLY_STAGES),
    help="Taking a complaint further: the last reply the person has had (stage1, stage2 or final).",
)
@click.option(
    "--stated-procedure",
    type=click.Choice(STATED_PROCEDURES),
    default="unsure",
    show_default=True,
    help="With --reply-stage: the procedure the person says the complaint is in.",
)
@click.option("--reply-date", type=ISO_DATE, help="With --reply-stage: the date of the reply.")
@click.option("--wants-conciliation", is_flag=True, help="With --reply-stage: would like a meeting first.")
@click.option("--agrees-early-referral", is_flag=True, help="With --reply-stage: agrees to go to the Ombudsman now.")
def route_command(
    profile: CouncilProfile, who, about, child_age, child_agrees, happened, received, reply_stage,
    stated_procedure, reply_date, wants_conciliation, agrees_early_referral, **flags,
):
    """Where a complaint goes, with flags and reasons, as JSON.

    With --reply-stage, the request takes an earlier complaint further: the output adds "escalation" (what can
    be asked for next, the window to ask in and whether the request is late, the options offered, the rules).
    """
    try:
        answers = Answers(
            who=who,
            about=about,
            child_age=child_age,
            child_agrees=child_agrees,
            happened=happened,
            submitted=received,
            **flags,
        )
    except AnswersError as exc:
        raise click.UsageError(str(exc)) from None
    decision = route(answers, profile)
    out = {"outcome": decision.outcome, "flags": list(decision.flags), "reasons": decision.to_dict()["reasons"]}
    if reply_stage is not None:
        try:
            further = EscalationAnswers(
                stated_procedure=stated_procedure,
                reply_stage=reply_stage,
                reply_date=reply_date,
                submitted=received,
                complaint_procedure=decision.procedure,
                wants_conciliation=wants_conciliation,
                agrees_early_referral=agrees_early_referral,
            )
        except EscalationAnswersError as exc:
            raise click.UsageError(str(exc)) from None
        out["escalation"] = route_escalation(further, profile).to_dict()
    elif reply_date or wants_conciliation or agrees_early_referral:
        raise click.UsageError("--reply-date, --wants-conciliation and --agrees-early-referral need --reply-stage")
    _echo_json(out)


@click.command("timeline")
@_council_option
@click.option("--procedure", type=click.Choice(PROCEDURES), help="Which procedure (a new complaint).")
@click.option(
    "--stage",
    type=click.Choice(NEXT_STAGES),
    help="Instead of --procedure: the stage a request takes a complaint to (counted from the request).",
)
@click.option("--received", required=True, type=ISO_DATE, help="The day the complaint or request is made.")
def timeline_command(profile: CouncilProfile, procedure: str | None, stage: str | None, received: date):
    """The milestones of a procedure (or of the next stage asked for) and their due dates, as JSON.

    --received is the day the complaint is made; if that is not a working day, the complaint counts as
    received on the next working day, which the output shows as "received". With --stage, the dates are those
    of the stage asked for, counted from the day the request is received; the output adds "stage".
    """
    if (procedure is None) == (stage is None):
        raise click.UsageError("give either --procedure or --stage")
    if stage is not None:
        _echo_json({**escalation_timeline(profile, stage, received).to_dict(), "stage": stage})
        return
    _echo_json(milestones(profile, procedure, received).to_dict())


_COLUMNS = (
    ("who", "WHO"),
    ("about", "ABOUT"),
    ("age", "CHILD AGE"),
    ("agrees", "CHILD AGREES"),
    ("outcome", "OUTCOME"),
    ("flags", "FLAGS"),
    ("rule", "RULE"),
)


def _age_text(row) -> str:
    if row["age_band"] is None:
        return "any"
    if row["age_band"] == "younger":
        return f"under {row['consent_age']}"
    return f"{row['consent_age']}+ or unknown"


def _agrees_text(row) -> str:
    agrees = row["child_agrees"] or "any"
    if row["continue_without_consent"] is True:
        return f"{agrees}, goes on anyway"
    return agrees


def _routes_council_option(f):
    return _council_option(f, required=False)


@click.command("routes")
@_routes_council_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--sort", "-s", default="endpoint", help="Without --council: Flask's URL listing, sorted by this.")
@click.option("--all-methods", is_flag=True, help="Without --council: show HEAD and OPTIONS in the URL listing.")
@click.pass_context
def routes_command(ctx: click.Context, profile: CouncilProfile | None, as_json: bool, sort: str, all_methods: bool):
    """The whole routing table for a council: every who and about, with consent where it matters.

    Without --council this is Flask's own URL listing, which this command replaces.
    """
    if profile is None:
        from flask.cli import routes_command as flask_routes

        ctx.invoke(flask_routes, sort=sort, all_methods=all_methods)
        return
    rows = routing_table(profile)
    if as_json:
        _echo_json(
            {
                "council": profile.id,
                "consent_age": profile.consent_age,
                "routes": rows,
                "escalation": escalation_table(profile),
            }
        )
        return
    cells = [
        {
            "who": r["who"],
            "about": r["about"],
            "age": _age_text(r),
            "agrees": _agrees_text(r),
            "outcome": r["outcome"],
            "flags": ", ".join(r["flags"]) or "-",
            "rule": r["rule"],
        }
        for r in rows
    ]
    widths = {k: max(len(title), *(len(c[k]) for c in cells)) for k, title in _COLUMNS}
    click.echo(f"Routing table for {profile.name} ({profile.id}). A child in danger now always comes first.")
    click.echo("  ".join(title.ljust(widths[k]) for k, title in _COLUMNS).rstrip())
    click.echo("  ".join("-" * widths[k] for k, _ in _COLUMNS))
    for c in cells:
        click.echo("  ".join(c[k].ljust(widths[k]) for k, _ in _COLUMNS).rstrip())
    _echo_escalation_table(profile)


_ESCALATION_COLUMNS = (
    ("stated", "PROCEDURE SAID"),
    ("reply", "LAST REPLY"),
    ("outcome", "CAN ASK FOR"),
    ("window", "WINDOW"),
    ("options", "OPTIONS FIRST"),
    ("rule", "RULE"),
)


def _echo_escalation_table(profile: CouncilProfile) -> None:
    cells = [
        {
            "stated": r["stated_procedure"]
            + (f" (routed {r['complaint_procedure']})" if r["complaint_procedure"] else ""),
            "reply": r["reply_stage"],
            "outcome": r["outcome"],
            "window": f"{r['window_working_days']} working days" if r["window_working_days"] else "-",
            "options": ", ".join(r["options"]) or "-",
            "rule": r["rule"],
        }
        for r in escalation_table(profile)
    ]
    widths = {k: max(len(title), *(len(c[k]) for c in cells)) for k, title in _ESCALATION_COLUMNS}
    click.echo("")
    click.echo("Taking a complaint further: what can be asked for after each reply. Late requests are flagged.")
    click.echo("  ".join(title.ljust(widths[k]) for k, title in _ESCALATION_COLUMNS).rstrip())
    click.echo("  ".join("-" * widths[k] for k, _ in _ESCALATION_COLUMNS))
    for c in cells:
        click.echo("  ".join(c[k].ljust(widths[k]) for k, _ in _ESCALATION_COLUMNS).rstrip())


COMMANDS = (route_command, timeline_command, routes_command)


@click.command("purge")
@with_appcontext
def purge_command():
    """Delete complaint content RETENTION_DAYS after delivery, its mail files, and expired drafts."""
    from wizard.journey.drafts import purge_expired
    from wizard.retention import purge

    report = purge(current_app.config, purge_expired)
    click.echo(
        f"complaints purged: {report.complaints} (content is kept {report.retention_days} days after delivery;"
        f" cut-off {report.cutoff})"
    )
    click.echo(f"mail files deleted: {report.mail_files}")
    click.echo(f"expired drafts deleted: {report.drafts}")


# ---------------------------------------------------------------------------------------------------------
# The outbox


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


# ---------------------------------------------------------------------------------------------------------
# The database's tables, made and changed by Alembic. ``flask db`` is also a Flask plugin command
# (pyproject.toml), so it runs without building the app: a PostgreSQL database in production must be upgraded
# before the service will start on it. It reads DATABASE_URL and DATA_DIR as the service does
# (``wizard/settings.py``) and prints the database with its password hidden.


def _database_url() -> str:
    from wizard.settings import SettingsError, load_settings

    try:
        return db.database_url(load_settings())
    except SettingsError as error:
        click.echo(f"The complaint wizard cannot start: {error}", err=True)
        sys.exit(2)


@click.group("db")
def db_group():
    """The database's tables (SQLite under DATA_DIR, or PostgreSQL at DATABASE_URL)."""


@db_group.command("upgrade")
def upgrade_command():
    """Make or bring the tables up to date (safe to run again, and from several servers at once)."""
    url = _database_url()
    try:
        db.upgrade(url)
    except db.OperationalError as error:
        click.echo(f"cannot use the database {db.safe_url(url)}: {db.describe(error)}", err=True)
        sys.exit(1)
    click.echo(f"{db.safe_url(url)}: tables at revision {db.head_revision()}")


@db_group.command("current")
def current_command():
    """Which revision the database's tables are at, and the latest this release knows."""
    url = _database_url()
    found = db.current_revision(url)
    head = db.head_revision()
    click.echo(f"{db.safe_url(url)}: at {found or 'none (no tables yet)'}, latest {head}")
    if found != head:
        sys.exit(1)


def register(app) -> None:
    """Add the commands to ``app.cli``.

    Flask's own ``flask`` command has a built-in ``routes`` (its URL listing) that it looks up before the
    app's commands, so ``flask routes --council ID`` also needs ``routes_command`` registered as a plugin
    command (``[project.entry-points."flask.commands"] routes = "wizard.cli:routes_command"`` in
    pyproject.toml, with the project installed). Without ``--council`` it still prints the URL listing.
    """
    for command in (*COMMANDS, purge_command, outbox_group, db_group):
        app.cli.add_command(command)
