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
from wizard.domain.routing import Answers, describe_rules, route, routing_table
from wizard.domain.timeline import milestones
from wizard.domain.workdays import uk_today
from wizard.staff import sessions
from wizard.staff.forms import SCENARIO_FLAGS, LoginForm, ScenarioForm
from wizard.staff.preview import preview

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
    connection = connect(current_app.config["DATA_DIR"])
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
            connection = connect(current_app.config["DATA_DIR"])
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
    connection = connect(current_app.config["DATA_DIR"])
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
    return render_template("staff/routing.html", rules=describe_rules(), rows=routing_table(profile()))


@bp.get("/scenario")
def scenario():
    form = ScenarioForm(request.args, meta={"csrf": False})
    result = None
    if request.args and form.validate():
        flags = set(form.flags.data or [])
        submitted = form.submitted.data or uk_today()
        answers = Answers(
            who=form.who.data,
            about=form.about.data,
            child_age=form.child_age.data,
            child_agrees=form.child_agrees.data or None,
            happened=form.happened.data,
            submitted=submitted,
            **{name: name in flags for name, _label in SCENARIO_FLAGS},
        )
        decision = route(answers, profile())
        timeline = milestones(profile(), decision.procedure, submitted) if decision.procedure else None
        result = {"decision": decision, "timeline": timeline}
    return render_template("staff/scenario.html", form=form if request.args else ScenarioForm(meta={"csrf": False}),
                           result=result)


@bp.get("/emails")
def emails():
    return render_template(
        "staff/emails.html", preview=preview(profile(), current_app.config, uk_today())
    )


def outbox_summary() -> dict:
    """The outbox's health: counts by state, the oldest waiting email, the last error, what has failed."""
    connection = connect(current_app.config["DATA_DIR"])
    try:
        return outbox_status(connection)
    finally:
        connection.close()
