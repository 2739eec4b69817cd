"""The staff pages: sign in with STAFF_PASSWORD; closed (404) when it is not set.

They ask the same domain functions as the wizard and the command line, and store and send nothing.
"""

from __future__ import annotations

import hmac
import logging
import time

from flask import Blueprint, Response, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext

from wizard.db import connect
from wizard.delivery import outbox_status
from wizard.domain.profiles import ProfileError, available_councils, load_profile
from wizard.domain.routing import council_decides_first
from wizard.domain.vocabulary import ESCALATION_FLAG_LABELS, ESCALATION_OUTCOME_LABELS
from wizard.domain.workdays import uk_today
from wizard.domain.young_words import audience, words_for
from wizard.journey.public import route_so_far
from wizard.staff import annual_figures, journey_preview, sessions, words
from wizard.staff.forms import SCENARIO_FLAGS, FiguresForm, LoginForm, RoutingFilterForm, ScenarioForm
from wizard.staff.preview import Scenario, emails_for_record, preview, scenario_preview

bp = Blueprint("staff", __name__, url_prefix="/staff")
log = logging.getLogger(__name__)


def profile():
    return current_app.extensions["council"]


def now() -> float:
    clock = current_app.config.get("JOURNEY_CLOCK")  # the app's clock (tests move it)
    return clock() if clock else time.time()


def _mark() -> str:
    return sessions.password_mark(current_app.config["SECRET_KEY"], current_app.config["STAFF_PASSWORD"])


def _signed_in() -> bool:
    connection = connect(current_app.config)
    try:
        return sessions.touch(connection, session.get("staff"), _mark(), now())
    finally:
        connection.close()


@bp.before_request
def staff_only():
    if not current_app.config.get("STAFF_PASSWORD"):
        abort(404)
    if request.endpoint != "staff.login" and not _signed_in():
        session.pop("staff", None)
        return redirect(url_for("staff.login"))
    return None


@bp.before_app_request
def journey_preview_mode():
    """Outside the staff pages: is this a staff member's preview of the journey? (Only the server can say so.)

    Only a request that brings a session cookie can belong to a preview, and never a static file or the
    council's stylesheet: for the others the session is not even looked at (looking would add "Vary: Cookie").
    """
    if (
        request.blueprint in (None, "staff")
        or request.endpoint == "pages.council_css"
        or current_app.config["SESSION_COOKIE_NAME"] not in request.cookies
        or "preview" not in session
    ):
        return None
    if not current_app.config.get("STAFF_PASSWORD"):
        journey_preview.end(current_app.config, session)
        return None
    mode = journey_preview.resume(current_app.config, session, _mark(), profile().short_code, now())
    if mode is not None:
        g.journey_preview = mode
        g.preview_staff_session = session.get("staff")
    return None


@bp.after_app_request
def sign_out_after_leaving_a_preview(response):
    """"Exit this page" (or "Delete my answers and leave") in a preview empties the browser's session: the staff
    sign-in it held ends on the server too, so a copy of the cookie taken before opens nothing."""
    staff_session = g.get("preview_staff_session")
    if staff_session and "staff" not in session:
        journey_preview.end_all_for(current_app.config, staff_session)
        connection = connect(current_app.config)
        try:
            sessions.end(connection, staff_session)
        finally:
            connection.close()
    return response


@bp.app_context_processor
def preview_banner():
    """The banner every page of a preview shows: that it is a preview, and which rule decided the route so far."""
    mode = g.get("journey_preview")
    if mode is None:
        return {}
    council = profile()
    # The routing rules and, for a request to take a complaint further, the escalation rules it is decided by.
    rules = {r["id"]: r for r in (*words.rules_in_words(council), *words.escalation_in_words(council)["rules"])}
    banner = {"decision": None, "reasons": [], "flags": [], "emails": None}
    decision = None
    if request.endpoint in ("journey.confirmation", "journey.print", "journey.calendar"):
        connection = connect(mode.data_dir)
        try:
            sent = mode.sent(connection)
        finally:
            connection.close()
        if sent is not None:
            kept = sent["record"].decision
            banner["reasons"] = [
                {"text": gettext(r.text), "rule": r.rule, "rule_words": rules.get(r.rule, {}).get("description")}
                for r in kept.reasons
            ]
            banner["outcome"] = words.outcome_words(kept.outcome)
            banner["flags"] = [words.flag_words(f) for f in kept.flags]
            if request.endpoint == "journey.confirmation":  # not on the printed copy
                banner["emails"] = emails_for_record(sent["record"], sent["reference"], council, current_app.config)
            return {"preview_banner": banner}
    draft = g.get("journey_draft")
    if draft is not None:
        decision = route_so_far(draft.steps, council, uk_today(now()), routes=g.setdefault("journey_routes", {}))
    if decision is not None:
        banner["decision"] = decision
        banner["outcome"] = words.outcome_words(decision.outcome)
        banner["rule_words"] = rules.get(decision.rule, {}).get("description")
        banner["reasons"] = [
            {"text": gettext(r.text), "rule": r.rule, "rule_words": rules.get(r.rule, {}).get("description")}
            for r in decision.reasons
        ]
        banner["flags"] = [words.flag_words(f) for f in decision.flags]
    return {"preview_banner": banner}


@bp.route("/sign-in", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        expected = current_app.config["STAFF_PASSWORD"].encode()
        if hmac.compare_digest(form.password.data.encode(), expected):
            journey_preview.end(current_app.config, session)  # a preview this browser had open goes
            journey_preview.purge(current_app.config, now())  # and any left behind, past their time
            session.clear()
            connection = connect(current_app.config)
            try:
                session["staff"] = sessions.start(connection, _mark(), now())
            finally:
                connection.close()
            log.info("staff signed in from %s", request.remote_addr)
            return redirect(url_for("staff.index"))
        # Never the password typed: only that it was wrong, and where from.
        log.warning("staff sign-in failed (wrong password) from %s", request.remote_addr)
        form.password.errors.append(gettext("The password is not right"))
    return render_template("staff/login.html", form=form)


@bp.post("/sign-out")
def logout():
    staff_session = session.get("staff")
    journey_preview.end(current_app.config, session)
    journey_preview.end_all_for(current_app.config, staff_session)
    connection = connect(current_app.config)
    try:
        sessions.end(connection, session.pop("staff", None))
    finally:
        connection.close()
    return redirect(url_for("pages.start"))


@bp.get("/preview")
def preview_journey():
    """Start (or stop) a preview of the citizen's journey."""
    return render_template("staff/preview.html", running="preview" in session)


@bp.post("/preview/start")
def start_preview():
    journey_preview.start(current_app.config, session, session["staff"], profile().short_code, now())
    return redirect(url_for("journey.begin"))


@bp.post("/preview/stop")
def stop_preview():
    journey_preview.end(current_app.config, session)
    return redirect(url_for("staff.preview_journey"))


@bp.get("/")
def index():
    return render_template("staff/index.html", outbox=outbox_summary())


@bp.get("/routing")
def routing():
    """The routing map in plain words, worked out from the rules and this council's profile."""
    council = profile()
    form = RoutingFilterForm(request.args)
    rows = words.routing_map(council)
    shown = rows
    if form.validate():
        chosen = {name: getattr(form, name).data for name in ("outcome", "who", "about")}
        shown = [r for r in rows if all(not value or r[name] == value for name, value in chosen.items())]
    return render_template(
        "staff/routing.html",
        form=form,
        rules=words.rules_in_words(council),
        subjects=words.subjects_by_route(council),
        consent=words.consent_branches(rows),
        rows=shown,
        total=len(rows),
        show_ids="1" in (form.ids.data or []),
        words=words,
        further=words.escalation_in_words(council),
    )


@bp.get("/scenario")
def scenario():
    """Where a made-up complaint goes, why, its dates, and the emails and JSON it would make. Nothing is kept."""
    form = ScenarioForm(request.args, meta={"csrf": False})
    result = None
    if request.args and form.validate():
        flags = set(form.flags.data or [])
        result = scenario_preview(
            profile(),
            current_app.config,
            Scenario(
                who=form.who.data,
                about=form.about.data,
                received=form.submitted.data or uk_today(),
                child_age=form.child_age.data,
                child_dob=form.child_dob.data,
                child_agrees=form.child_agrees.data or None,
                happened=form.happened.data,
                kind=form.kind.data or "new",
                stated_procedure=form.stated_procedure.data or "statutory",
                reply_stage=form.reply_stage.data or "stage1",
                reply_date=form.reply_date.data,
                **{name: name in flags for name, _label in SCENARIO_FLAGS},
            ),
        )
    return render_template(
        "staff/scenario.html",
        form=form if request.args else ScenarioForm(meta={"csrf": False}),
        result=result,
        escalation_labels=ESCALATION_OUTCOME_LABELS,
        escalation_flag_labels=ESCALATION_FLAG_LABELS,
        words=words,
        # What the person is told, in the words they read: a child's in the young words of their Check page.
        told=words_for(audience(form.who.data), "check") if result else {},
        decides_first=council_decides_first(result.decision.flags, "continue_without_consent" in flags)
        if result
        else (),
    )


@bp.get("/emails")
def emails():
    return render_template(
        "staff/emails.html", preview=preview(profile(), current_app.config, uk_today())
    )


@bp.get("/profile")
def council_profile():
    """The active profile in plain words: contacts, rules, options, subjects, timescales, what to check."""
    council = profile()
    installed = []
    for council_id in available_councils():
        entry = {"id": council_id, "active": council_id == council.id, "name": None, "error": None,
                 "needs_inbox": False}
        try:
            loaded = council if entry["active"] else load_profile(council_id)
        except ProfileError as exc:
            entry["error"] = str(exc)
        else:
            entry["name"] = loaded.name
            entry["needs_inbox"] = loaded.needs_inbox
        installed.append(entry)
    return render_template(
        "staff/profile.html",
        words=words,
        options=words.options_in_words(council),
        subjects=words.subjects_in_words(council),
        timescales=words.timescales_in_words(council),
        installed=installed,
    )


def outbox_summary() -> dict:
    """The outbox's health: counts by state, the oldest waiting email, the last error, what has failed."""
    connection = connect(current_app.config)
    try:
        return outbox_status(connection)
    finally:
        connection.close()


@bp.get("/figures")
def figures():
    """The counts for the annual complaints report, a financial year at a time; small counts hidden."""
    form, year = _figures_year()
    report = annual_figures.report(year, current_app.config)
    return render_template(
        "staff/figures.html", form=form, report=report, year_words=annual_figures.year_words,
        SUPPRESSED=annual_figures.SUPPRESSED,
    )


@bp.get("/figures.csv")
def figures_csv():
    _form, year = _figures_year()
    report = annual_figures.report(year, current_app.config)
    response = Response(annual_figures.csv_text(report), mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="complaint-figures-{year}-{year + 1}.csv"'
    return response


def _figures_year() -> tuple[FiguresForm, int]:
    """The year form, and the financial year asked for (the year of its first April), or this one."""
    today = uk_today(now())
    current = today.year if today.month >= 4 else today.year - 1
    form = FiguresForm(request.args, meta={"csrf": False})
    years = annual_figures.years(current_app.config, current)
    form.year.choices = [(str(y), annual_figures.year_words(y)) for y in years]
    if request.args.get("year") and form.validate():
        return form, int(form.year.data)
    form.year.data = str(current)
    return form, current
