"""The staff pages: sign in with STAFF_PASSWORD; closed (404) when it is not set.

They ask the same domain functions as the wizard and the command line, and store and send nothing.
"""

from __future__ import annotations

import hmac
import logging
import time

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext

from wizard.db import connect
from wizard.delivery import outbox_status
from wizard.domain.profiles import ProfileError, available_councils, load_profile
from wizard.domain.routing import council_decides_first
from wizard.domain.workdays import uk_today
from wizard.staff import sessions, words
from wizard.staff.forms import SCENARIO_FLAGS, LoginForm, RoutingFilterForm, ScenarioForm
from wizard.staff.preview import Scenario, preview, scenario_preview

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


@bp.route("/sign-in", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        expected = current_app.config["STAFF_PASSWORD"].encode()
        if hmac.compare_digest(form.password.data.encode(), expected):
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
    connection = connect(current_app.config)
    try:
        sessions.end(connection, session.pop("staff", None))
    finally:
        connection.close()
    return redirect(url_for("pages.start"))


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
                **{name: name in flags for name, _label in SCENARIO_FLAGS},
            ),
        )
    return render_template(
        "staff/scenario.html",
        form=form if request.args else ScenarioForm(meta={"csrf": False}),
        result=result,
        words=words,
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
