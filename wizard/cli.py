"""Staff and check commands: ``flask route``, ``flask timeline`` and ``flask routes``.

``register(app)`` adds them to ``app.cli``. They ask the same domain functions as the wizard. Bad arguments
(an unknown council, a bad date, an id outside the vocabulary) print a clear message and exit with status 2.
"""

from __future__ import annotations

import json
import re
from datetime import date

import click
from flask import current_app
from flask.cli import with_appcontext

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
@click.option("--child-age", type=click.IntRange(0, 25), help="The child's age in years.")
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
    from wizard.retention import purge  # imported here: the domain commands need no database

    report = purge(current_app.config)
    click.echo(
        f"complaints purged: {report.complaints} (content is kept {report.retention_days} days after delivery;"
        f" cut-off {report.cutoff})"
    )
    click.echo(f"mail files deleted: {report.mail_files}")
    click.echo(f"expired drafts deleted: {report.drafts}")


def register(app) -> None:
    """Add the commands to ``app.cli``.

    Flask's own ``flask`` command has a built-in ``routes`` (its URL listing) that it looks up before the
    app's commands, so ``flask routes --council ID`` also needs ``routes_command`` registered as a plugin
    command (``[project.entry-points."flask.commands"] routes = "wizard.cli:routes_command"`` in
    pyproject.toml, with the project installed). Without ``--council`` it still prints the URL listing.
    """
    for command in (*COMMANDS, purge_command):
        app.cli.add_command(command)
