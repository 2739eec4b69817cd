"""The citizen's journey: one URL per step, GET shows it, POST saves it and redirects.

The views never decide a route, a consent rule or a date: they ask ``steps.walk`` (which asks the domain) where
the person is, and the domain's timeline for the dates. The journey's forms check their own CSRF token (the
blueprint is exempt from the global check) so a page that timed out is shown again with what was typed.
"""

from __future__ import annotations

import hmac
import logging
import re
import time
from datetime import date, datetime
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext
from itsdangerous import BadData, URLSafeTimedSerializer
from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from wizard import db
from wizard.delivery import figures, find_by_key, find_reference, is_reference, keep_trying, submit_complaint
from wizard.domain.complaint import told_by
from wizard.domain.dates import day_text, due_text
from wizard.domain.escalation import OMBUDSMAN, request_acknowledgement
from wizard.domain.routing import council_decides_first
from wizard.domain.vocabulary import (
    CHECK_NEXT_STAGE_WORDS,
    CHECK_TELL_WORDS,
    ESCALATION_OUTCOME_LABELS,
    FIRST_STAGE_MILESTONES,
    N_,
    OUTCOME_LABELS,
)
from wizard.domain.workdays import UK_TIME, uk_today
from wizard.retention import purge_if_due
from wizard.translate import clock, page_language, request_translations, translator
from wizard.webforms import TextForm

from . import drafts, receipts, words
from .change_words import FALLBACK as CHANGE_FALLBACK
from .change_words import change_words_shown
from .forms import contact_way
from .record import complaint_at_send, request_timeline
from .steps import (
    BY_NAME,
    BY_SLUG,
    EXIT_FIGURES,
    SELF,
    STEPS,
    Step,
    Walk,
    awaited_due,
    awaited_replies,
    escalation_decision,
    open_known,
    seal_known,
    sections,
    walk,
)
from .summary_list import answers_list, summary_list

bp = Blueprint("journey", __name__, url_prefix="/complaint")
# "Exit this page" is on every page, in the journey or not: its route is not under /complaint.
leave_bp = Blueprint("leave", __name__)
log = logging.getLogger(__name__)

# The timeline dates shown before sending.
WARN_BEFORE_SECONDS = 5 * 60
# A journey page opened from outside the service (address bar, bookmark, history) after the complaint was left
# this long asks first whether it is the person's own ("Start now" always asks).
SHARED_DEVICE_IDLE_SECONDS = 2 * 60


class SendForm(TextForm):
    """The "Send complaint" button: nothing but its CSRF token."""


class DeleteForm(TextForm):
    """The "Yes, delete my answers" button: nothing but its CSRF token."""


class InProgressForm(TextForm):
    """A complaint was started on this device and not sent: is it the person's own, or do they start again?"""

    choice = RadioField(choices=[SelectChoice("carry-on", ""), SelectChoice("start-again", "")],
                        validators=[InputRequired()])


class NextStageForm(TextForm):
    """"Start now" on the page for asking for the next stage: the earlier complaint's reference, if the link had one."""

    reference = HiddenField(validators=[Optional(), Length(max=40)])
    # The procedure the complaint's confirmation and email named, when the link came from them (walk M, M6).
    procedure = HiddenField(validators=[Optional(), Length(max=20)])


# The procedures a next-stage link may carry (``delivery.next_stage_query``): anything else is ignored.
LINKED_PROCEDURES = ("statutory", "corporate")


def _linked_procedure(value: object, reference: str | None) -> str | None:
    """The procedure a next-stage link carries, with the reference it came with; None without one of ours."""
    return value if reference and isinstance(value, str) and value in LINKED_PROCEDURES else None


# What "Check your answers" keeps pending when Send was refused (not a step's name).
CHECK_PAGE = "_check"


# ---------------------------------------------------------------------------------------------------------
# Helpers


def preview_mode():
    """The staff preview this request belongs to, or None: always None for a citizen.

    Set on ``g`` by the staff pages (``wizard/staff/journey_preview.py``) only for a browser signed in as staff
    that started a preview. A preview walks these same views; its drafts live in a database of their own
    (``preview_mode().data_dir``), Send stores nothing and sends nothing, and nothing is counted in the figures.
    """
    return g.get("journey_preview")


def connection():
    if "journey_db" not in g:
        mode = preview_mode()
        g.journey_db = db.connect(mode.data_dir if mode else current_app.config)
    return g.journey_db


@bp.teardown_app_request
def _close(exc):
    conn = g.pop("journey_db", None)
    if conn is not None:
        conn.close()
    # ``g`` is freed by the cycle collector (Flask's request objects point at each other): the request's draft (its
    # answers) and decisions are let go here, by reference counting, rather than waiting with it.
    g.pop("journey_draft", None)
    g.pop("journey_routes", None)


def now() -> float:
    clock = current_app.config.get("JOURNEY_CLOCK")
    return clock() if clock else time.time()


def today() -> date:
    return uk_today(now())


def timeout() -> int:
    return current_app.config["DRAFT_TIMEOUT_MINUTES"]


def profile():
    return current_app.extensions["council"]


EXPIRED = object()


def current_draft():
    """The person's draft; ``None`` when they have none; ``EXPIRED`` when theirs ran out (now deleted)."""
    draft_id = session.get("draft")
    if not draft_id:
        return "sent" if session.get("receipt") and "journey.confirmation" in current_app.view_functions else None
    try:
        # A page view reads without the write lock; a POST (which saves anyway) reads in its write transaction.
        draft = drafts.load(connection(), draft_id, timeout(), now(), write=request.method not in ("GET", "HEAD"))
    except drafts.DraftExpired:
        draft = None
    if draft is None:
        session.pop("draft", None)
        return EXPIRED
    return draft


def rotate_session_after_send(reference: str, draft_id: str, receipt: str) -> None:
    """A new session for the browser that pressed Send: nothing of the old one (draft id, form token) is kept
    but the language, and a new receipt alone opens the confirmation, print and calendar pages (receipts.py)."""
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    session["receipt"] = receipt


def forget_receipt() -> None:
    """Starting again: the sent complaint's pages close, in this browser and in any copy of its cookie."""
    receipts.revoke(connection(), session.pop("receipt", None))


def walk_and_tidy(
    draft: drafts.Draft, after: tuple[Walk, Step] | None = None, through: Step | None = None, every: bool = False
) -> Walk:
    """Walk the draft and drop the answers of steps no longer on the route.

    The request's walks share their decisions (each distinct set of answers is routed once per request);
    ``after`` lets a walk carry on from a step of an earlier walk (see ``steps.walk``). The walk takes what was
    found of the answers when they were saved (``draft.known``, if its seal holds: see ``steps.open_known``)
    instead of validating every earlier answer again; answers that changed since, or a new day, are validated.
    ``through``: a page view's walk, as far as its own step (see ``steps.walk``). ``every``: validate every
    answer again, whatever was kept (Check your answers and Send).
    """
    if "journey_routes" not in g:
        g.journey_routes = {}
    w = walk(draft.steps, profile(), today(), routes=g.journey_routes, after=after,
             known=None if every else known_of(draft), through=through)
    return tidy(draft, w)


def known_of(draft: drafts.Draft) -> dict | None:
    """What the walk found when the draft's answers were saved, if this release sealed it for this council (once
    per request and draft)."""
    opened = getattr(draft, "opened_known", False)
    if opened is False:
        opened = open_known(draft.known, current_app.config["SECRET_KEY"], profile())
        draft.opened_known = opened
    return opened


def tidy(draft: drafts.Draft, w: Walk) -> Walk:
    """Drop the answers of the steps the walk ``w`` of the draft found no longer on the route."""
    gone = w.not_applicable & set(draft.steps)
    if gone:
        drafts.drop_steps(connection(), draft.id, gone)
        for name in gone:
            draft.steps.pop(name, None)
    return w


def step_url(step: Step | None, change: bool = False) -> str:
    if step is None:
        return url_for("journey.check")
    return url_for("journey.step", slug=step.slug, change=1 if change else None)


def where_to(w: Walk) -> str:
    return step_url(w.current)


def fmt_date(d: date, month_only: bool = False) -> str:
    """A date on the person's pages, in their language (``wizard.domain.dates``)."""
    return day_text(d, page_language(), month_only)


def expiry_note(draft: drafts.Draft) -> dict:
    local = datetime.fromtimestamp(draft.expires_at, UK_TIME).replace(tzinfo=None)
    return {
        "expires_in": max(0, int(draft.expires_at - now())),
        "warn_before": min(WARN_BEFORE_SECONDS, timeout() * 60 // 2),
        "at": clock(local),
        "minutes": timeout(),
    }


def error_list(form) -> list[dict]:
    """The error summary: each field's first error, linked to the field (date inputs to the part to fix)."""
    out = []
    first_field = form.drawn[0] if form.drawn else "main-content"
    for name, field in form._fields.items():
        if not field.errors:
            continue
        if name == "csrf_token":
            out.insert(0, {"text": gettext("This page timed out, so your answers on it were not saved. Check them "
                                           "and select Continue."), "href": f"#{first_field}"})
            continue
        anchor = f"{name}-{getattr(field, 'error_part', 'day')}" if field.type == "ApproximateDateField" else name
        out.append({"text": str(field.errors[0]), "href": f"#{anchor}"})
    return out


def render_step(step: Step, form, w: Walk, change: bool, status: int = 200):
    ctx = w.contexts[step.name]
    previous = w.previous(step)
    if change and w.current is not step:
        back = url_for("journey.check")
    elif previous is not None:
        back = step_url(previous)
    else:
        back = url_for("pages.start")
    errors = error_list(form) if form is not None else []
    context = {
        "step": step,
        "form": form,
        "errors": errors,
        "has_errors": bool(errors),
        "back_url": back,
        "action": step_url(step, change),
        "ctx": ctx,
        "change": change,
        "expiry": expiry_note(g.journey_draft),
        "escalation": escalation_decision(ctx),
        "ombudsman": OMBUDSMAN,
        # Still waiting for a late reply: the procedure and the council's reply times (walk E, E5).
        "awaited": awaited_replies(ctx) if step.name == "reply_overdue" else None,
        "awaited_due": _awaited_words(ctx) if step.name == "reply_overdue" else None,
        # A child, young person or care leaver complaining for themselves (the council's advocacy is for them).
        "for_themselves": ctx.flat.get("who") in SELF,
        # Nothing of theirs on the server (a first question, or Back after "Exit this page"): the browser is told
        # not to put back what the fields held when the page was last left (question.html).
        "nothing_kept": not getattr(g.journey_draft, "id", ""),
    }
    if step.kind == "question":
        context.update(
            title=form.window_title(),
            page_heading=form.page_heading(ctx),
            intro=form.intro(ctx),
            field_params=form.drawn_params(ctx),
        )
    return render_template(step.template, **context), status


def _awaited_words(ctx) -> dict | None:
    """When the reply someone still waits for was due, as the reply-is-late page says it (None until known)."""
    found = awaited_due(ctx)
    if found is None:
        return None
    language = page_language()
    return {
        "reply": found.reply,
        "overdue": found.overdue,
        "past_latest": found.past_latest,
        "due": due_text(found.due, language),
        "latest": due_text(found.latest, language) if found.latest else None,
        "from_statement": found.from_statement,
        "approximate": bool(ctx.flat.get("awaited_since_approximate")),
        "sent": day_text(found.sent, language),
    }


def _not_yet_made() -> drafts.Draft:
    """A person with no draft yet: an empty one that is not stored (``id`` is empty) until their first answer."""
    return drafts.Draft("", {}, now() + timeout() * 60)


def _load_or_redirect():
    draft = current_draft()
    if draft is EXPIRED:
        return None, redirect(url_for("journey.expired"))
    if draft == "sent":
        return None, redirect(url_for("journey.confirmation"))
    if draft is None:
        draft = _not_yet_made()
    if draft.id and session.get("ask_owner") == draft.id:
        # Asked whether this complaint is theirs and not answered yet: nothing of it opens until they do.
        return None, redirect(url_for("journey.start_now"))
    if request.method == "GET" and _opened_from_outside() and _started_elsewhere(draft) and _left_a_while(draft):
        # Maybe someone else on a shared device: ask whose it is before showing any of it.
        return None, redirect(url_for("journey.start_now"))
    g.journey_draft = draft
    return draft, None


# ---------------------------------------------------------------------------------------------------------
# Views


@bp.get("/")
def begin():
    """Start (or carry on with) a complaint: go to the first open step.

    Nothing is stored for a page view: the draft is made when the person gives their first answer.
    """
    forget_receipt()
    draft = current_draft()
    if not isinstance(draft, drafts.Draft):
        # Someone new: a good moment to delete what has passed its time, even where nobody set up cron.
        # And to make sure emails still waiting (the mail server was down, the server restarted) are tried again.
        config = current_app.config
        if purge_if_due(config, current_app.extensions.setdefault("retention", {}), drafts.purge_expired) and (
            config.get("OUTBOX_SEND_AFTER_RESPONSE", True) and config.get("OUTBOX_KEEP_TRYING", True)
        ):
            keep_trying(config, current_app.extensions["council"])
        session.pop("draft", None)
        draft = _not_yet_made()
    return redirect(where_to(walk_and_tidy(draft)))


def _opened_from_outside() -> bool:
    """The page was opened from the address bar, a bookmark or the browser's history, not from this service.

    On a shared device that is how the next person meets an unfinished complaint. Browsers say so with
    ``Sec-Fetch-Site: none`` on a navigation (a reload, Back and Forward keep the original link's value).
    """
    return request.headers.get("Sec-Fetch-Site") == "none" and request.headers.get("Sec-Fetch-Mode") == "navigate"


def _page_of_an_earlier_session() -> bool:
    """The POST came from a page this service made for an earlier session in this browser: its CSRF token carries
    our signature, in time, but not this session's token. A tab left open on a complaint that was deleted since
    (from another tab) sends such a page; someone who never had a complaint here does not.

    (Flask-WTF signs the session's raw token with this salt; ``tests/functional/test_shared_device.py`` fails
    if that changes.)
    """
    token = request.form.get("csrf_token", "")
    if not token or not current_app.config.get("WTF_CSRF_ENABLED", True):
        return False
    signer = URLSafeTimedSerializer(
        current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key, salt="wtf-csrf-token"
    )
    try:
        raw = signer.loads(token, max_age=current_app.config.get("WTF_CSRF_TIME_LIMIT") or None)
    except BadData:
        return False
    return not hmac.compare_digest(str(raw), str(session.get("csrf_token", "")))


def _started_elsewhere(draft) -> bool:
    """An unfinished complaint with answers in it, met by someone who may not be the person who started it."""
    return isinstance(draft, drafts.Draft) and bool(draft.steps)


def _left_a_while(draft: drafts.Draft) -> bool:
    """Not used for a few minutes: long enough for a device to change hands. (Sooner than that, a page opened
    from outside is the same person: the first page they typed in, met again by Back.)"""
    return now() - draft.used_at >= SHARED_DEVICE_IDLE_SECONDS


@bp.route("/start", methods=["GET", "POST"])
def start_now():
    """Where the start page's "Start now" leads, and any journey page opened from outside the service.

    A complaint started on this device and not sent is never shown to whoever opens the service next without a
    question first: the page says one was started, shows nothing of it, and offers to carry on or start again
    (which deletes it). Only its time is shown, so its owner recognises it.
    """
    draft = current_draft()
    if not _started_elsewhere(draft):
        return redirect(url_for("journey.begin"))
    g.journey_draft = draft
    # Until they answer, every page of the complaint leads back here (the question's own page views count as
    # the draft being used, so the time since it was left cannot be what keeps it closed).
    session["ask_owner"] = draft.id
    form = InProgressForm()
    # One choice, given once: a form that sends both (no browser does) is asked again rather than guessed at.
    if request.method == "POST" and len(request.form.getlist("choice")) == 1 and form.validate():
        if form.choice.data == "start-again":
            _forget_everything()
        else:
            session.pop("ask_owner", None)
        return redirect(url_for("journey.begin"), code=303)
    errors = []
    if request.method == "POST":
        if getattr(form, "csrf_token", None) is not None and form.csrf_token.errors:
            text = gettext("This page timed out. Choose again and select Continue.")
        else:
            text = gettext("Select whether to carry on with this complaint or start a new one")
        errors = [{"text": text, "href": "#choice"}]
        form.choice.errors = [text]
    return render_template(
        "journey/in_progress.html",
        form=form,
        errors=errors,
        has_errors=bool(errors),
        back_url=url_for("pages.start"),
        expiry=None,  # its time note and "Delete my answers" speak to the owner, who may not be the reader
    ), (400 if errors else 200)


# Dashes and spaces people type in a reference read from a letter or a phone ("RBK–ZT6MTU2A", "RBK ZT6MTU2A").
_REFERENCE_GAPS = re.compile(r"[\s\-\u2010-\u2015\u2212_./]")


def _our_reference(value: object) -> str | None:
    """A reference this council's service made, written as we write it (its shape only: whether it exists is not
    shown here). The council's code may be typed with a space, a dash of any kind, or nothing before the rest."""
    if not isinstance(value, str) or len(value) > 80:
        return None
    code = profile().short_code
    squashed = _REFERENCE_GAPS.sub("", value.upper())
    if not squashed.startswith(code):
        return None
    candidate = f"{code}-{squashed[len(code):]}"
    return candidate if is_reference(candidate) else None


@bp.route("/next-stage", methods=["GET", "POST"])
def next_stage():
    """Where a new complaint's confirmation page and emails send someone unhappy with the reply.

    The link may carry the complaint's reference: it is random and tells nothing about the person, and this page
    shows nothing but the reference itself (whether it exists, and what we know of it, is used only after Start,
    inside the person's draft). A GET stores nothing (email systems open links to scan them); "Start now" posts,
    which starts the path for taking a complaint further with the reference filled in.
    """
    form = NextStageForm()
    errors = []
    if request.method == "POST":
        reference = _our_reference(form.reference.data)
        procedure = _linked_procedure(form.procedure.data, reference)
        if form.validate():
            return _start_next_stage(reference, procedure)
        errors = [{"text": gettext("This page timed out. Select Start now again."), "href": "#start-next-stage"}]
    else:
        reference = _our_reference(request.args.get("reference"))
        procedure = _linked_procedure(request.args.get("procedure"), reference)
    form.reference.data = reference or ""
    form.procedure.data = procedure or ""
    return render_template(
        "journey/next_stage.html",
        form=form,
        reference=reference,
        errors=errors,
        has_errors=bool(errors),
        back_url=url_for("pages.start"),
        expiry=None,
    )


def _start_next_stage(reference: str | None, procedure: str | None = None):
    """A draft that has already chosen "unhappy with a reply" (and holds the reference), then the first question.

    A draft in progress that has not yet answered whether it is a new complaint is used; one that has is left as
    it is (nothing the person typed is overwritten), and they carry on where they were.
    """
    forget_receipt()
    draft = current_draft()
    if not isinstance(draft, drafts.Draft):
        draft = drafts.create(connection(), timeout(), now())
        session["draft"] = draft.id
        session.pop("refused", None)
    if "kind" not in draft.steps:
        # ``from_link``: answered by the link, so the question is passed over (see ``step``).
        drafts.save_step(
            connection(), draft.id, "kind", {"kind": ["escalation"], "from_link": ["1"]}, timeout(), now()
        )
        if reference and "earlier" not in draft.steps:
            drafts.save_step(connection(), draft.id, "earlier", {"earlier_reference": [reference]}, timeout(), now())
            if procedure and "earlier_procedure" not in draft.steps:
                # What the complaint's confirmation and email said (walk M, M6): not asked again while the request
                # is about that reference (``from_link`` holds it; see ``_passed_by_link``).
                drafts.save_step(connection(), draft.id, "earlier_procedure",
                                 {"earlier_procedure": [procedure], "from_link": [reference]}, timeout(), now())
    return redirect(url_for("journey.begin"), code=303)


@bp.route("/<slug>", methods=["GET", "POST"])
def step(slug: str):
    step = BY_SLUG.get(slug)
    if step is None:
        abort(404)
    draft, response = _load_or_redirect()
    if response:
        if request.method == "POST" and response.location == url_for("journey.expired"):
            # Time ran out while they were typing (with JavaScript off nothing warned them): the answers are
            # gone, but what this very page sent is here in the request; show it back so it can be copied.
            session.pop("draft", None)
            return _expired_page(typed=_typed_on(step))
        return response
    # Walked as far as this step, and as far as whose words to use ("who"): what comes after changes nothing on
    # the page, nor in checking its answer. (A POST then walks on from this step, to know where the answer leads.)
    w = walk_and_tidy(draft, through=max(step, BY_NAME["who"], key=STEPS.index))
    if not w.reachable(step):
        if request.method == "POST" and not draft.id and _page_of_an_earlier_session():
            # A page of a complaint that is no longer here (deleted from another tab by "Exit this page" or "Start
            # a new complaint", or its cookie gone): say so, and show back what this page carried, rather than
            # silently showing an empty first question.
            return _expired_page(typed=_typed_on(step), gone=True)
        return redirect(where_to(walk_and_tidy(draft) if w.partial else w))
    change = request.args.get("change") == "1"
    ctx = w.contexts[step.name]
    words.use_for(w.flat.get("who"), step.name)  # a child's words for a child, from here on in this request

    if request.method == "GET":
        pending = drafts.take_pending(connection(), draft, step.name) if draft.pending else None
        if step.kind == "exit":
            return render_step(step, None, w, change)
        if pending is None and not draft.id and session.pop("refused", None) == step.name:
            pending = _errors_of_an_empty_answer(step, ctx)
        if pending is not None:
            # The answers this page refused a moment ago, as typed, with their errors (shown this once).
            form = step.form(formdata=_multidict(pending["data"]))
            form.prepare(ctx)
            _restore_errors(form, pending)
            return render_step(step, form, w, change)
        stored = draft.steps.get(step.name)
        form = step.form(formdata=_multidict(stored) if stored else None)
        form.prepare(ctx)
        return render_step(step, form, w, change)

    if step.kind == "exit":
        abort(405)
    form = step.form()
    form.prepare(ctx)
    if "switch_language" in request.form:
        return _switch_language(step, form, draft, change)
    valid = form.validate_step()
    if not draft.id:  # the first answer: only a valid one makes a draft
        if not valid and "csrf_token" in form and form.csrf_token.errors:
            # A stale or forged first post makes no draft: its page is shown again (the one POST that stays).
            return render_step(step, form, w, change)
        if not valid:
            # Nothing is stored for a refused first answer (a row per refused post would let anyone fill the
            # disk): the cookie says only which page refused one, and its GET asks the question again with
            # the errors an empty answer gets.
            session["refused"] = step.name
            return redirect(step_url(step, change), code=303)
        session.pop("refused", None)
        draft = drafts.create(connection(), timeout(), now())
        session["draft"] = draft.id
    if not valid:
        # Post/redirect/get for errors too: a page with errors must not leave a POST in the history, or Back
        # later shows the browser's "Confirm form resubmission". The typed answers and the errors wait in the
        # draft, on the server, for the GET this redirect asks for.
        errors = {name: [str(e) for e in field.errors] for name, field in form._fields.items() if field.errors}
        parts = {name: field.error_part for name, field in form._fields.items() if hasattr(field, "error_part")}
        kept = drafts.save_pending(connection(), draft.id, step.name, _typed(form), errors, parts, timeout(), now())
        if kept is None:
            session.pop("draft", None)
            return redirect(url_for("journey.expired"))
        return redirect(step_url(step, change), code=303)
    # Where the answers lead with this one saved: the steps before it are as the first walk found them, so the
    # walk carries on from this step.
    kept = form.to_keep()
    answers = {**draft.steps, step.name: kept}
    after = saved = None
    if not change:
        following = _next_if_unchanged(draft, w, step, answers)
        # A next page a next-stage link answered may be passed over: the whole walk below decides (walk M, M6).
        if following is not False and not (following and (draft.steps.get(following.name) or {}).get("from_link")):
            # The answer it keeps already, as validated and sealed: nothing after it changes, so nothing after it
            # is walked again (a POST costs the same however many answers follow), and what was kept stays.
            if drafts.keep_as_read(connection(), draft, timeout(), now()):
                _count_exit_shown(w, following)
                return redirect(step_url(following))
            saved = _save_step(draft, step, kept, draft.known)
            if not isinstance(saved, drafts.Draft):
                return saved
            if saved.steps == answers:
                _count_exit_shown(w, following)
                return redirect(step_url(following))
    if saved is None:
        ahead = walk(answers, profile(), today(), routes=g.journey_routes, after=(w, step), known=known_of(draft))
        # Saved (sealed) with the answers: the next page view then validates nothing it already knows.
        saved = _save_step(draft, step, kept, seal_known(ahead.known(answers), current_app.config["SECRET_KEY"],
                                                         profile()))
        if not isinstance(saved, drafts.Draft):
            return saved
        if saved.steps == answers:
            after = tidy(saved, ahead)
    if after is None:
        # Another tab changed the draft meanwhile: walk what is stored now.
        earlier = [s.name for s in STEPS[: STEPS.index(step)]]
        unchanged = all(saved.steps.get(name) == draft.steps.get(name) for name in earlier)
        after = walk_and_tidy(saved, after=(w, step) if unchanged else None)
    if change or step not in after.done:
        # After a change, new questions keep the change flag, so the person comes back to Check your answers.
        _count_exit_shown(w, after.current)
        return redirect(step_url(after.current, change=change))
    index = after.done.index(step)
    following = after.done[index + 1] if index + 1 < len(after.done) else after.current
    while following is not None and _passed_by_link(following, saved, after):
        # Came from a confirmation's or email's next-stage link: "new or reply" (and the procedure the email named)
        # was answered by the link, so it is not asked again (Back and Change still show it).
        index = after.done.index(following)
        following = after.done[index + 1] if index + 1 < len(after.done) else after.current
    _count_exit_shown(w, following)
    return redirect(step_url(following))


def _passed_by_link(step: Step, draft: drafts.Draft, w: Walk) -> bool:
    """Whether ``step`` was answered by a next-stage link and is passed over: "new or reply", and the procedure the
    complaint's email named while the request is still about that complaint's reference (walk M, M6)."""
    if step not in w.done:
        return False
    link = (draft.steps.get(step.name) or {}).get("from_link")
    if not link:
        return False
    if step.name == "earlier_procedure":
        return link == [w.flat.get("earlier_reference") or ""]
    return step.name == "kind"


def _save_step(draft: drafts.Draft, step: Step, kept: dict, known: dict | None):
    """The step's answers saved (with what the walk found, ``known``): the draft as saved, or the response when
    it cannot be (too large; the draft has gone)."""
    try:
        saved = drafts.save_step(connection(), draft.id, step.name, kept, timeout(), now(), known=known)
    except drafts.DraftTooLarge:
        abort(413)
    if saved is None:
        session.pop("draft", None)
        return redirect(url_for("journey.expired"))
    return saved


def _next_if_unchanged(draft: drafts.Draft, w: Walk, step: Step, answers: dict):
    """The page after ``step`` when its answer is the one the draft keeps, unchanged since its values were sealed
    (the walk takes them from the kept entry, whose seal holds, as it does every earlier step's): the steps after
    it then apply as they did when the draft was saved, so the next page is the first of them that applies to the
    answers up to it (None: Check your answers). ``False`` when the answer is new or changed, or nothing was kept.
    """
    if draft.steps.get(step.name) != answers[step.name] or not draft.known:
        return False
    mine = walk(answers, profile(), today(), routes=g.journey_routes, after=(w, step), known=known_of(draft),
                through=step)
    found = mine.walked.get(step.name)
    if step not in mine.done or found is None or found[2] is None:
        return False
    ctx = mine.context
    return next((later for later in STEPS[STEPS.index(step) + 1:] if later.applies(ctx)), None)


def _switch_language(step: Step, form, draft: drafts.Draft, change: bool):
    """The language switcher on a question page: a button of the page's form, so what the person has typed but
    not yet sent comes too. The page is shown again in the chosen language with those answers in place (kept on
    the server like a refused page's, never in a cookie or the address), without errors, and nothing is saved as
    answered. It works the same with or without JavaScript."""
    form.validate_step()  # for the form token only: the answers are not checked until Continue
    if "csrf_token" in form and form.csrf_token.errors:
        return redirect(step_url(step, change), code=303)
    code = request.form.get("switch_language")
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    typed = _typed(form)
    if any(value.strip() for values in typed.values() for value in values):
        if not draft.id:  # something typed on the first page: it needs a draft to wait in, as a first answer does
            draft = drafts.create(connection(), timeout(), now())
            session["draft"] = draft.id
        if drafts.save_pending(connection(), draft.id, step.name, typed, {}, {}, timeout(), now()) is None:
            session.pop("draft", None)
            return redirect(url_for("journey.expired"))
    return redirect(step_url(step, change), code=303)


def _count_exit_shown(before: Walk, target: Step | None) -> None:
    """An answer that leads to the school, emergency or provider page adds one to the month's figures (a counter
    row: nothing about who, no cookie); not again while that page is still where the person was, not in a preview."""
    exit_page = EXIT_FIGURES.get(target.name) if target is not None else None
    if exit_page is None or preview_mode() is not None:
        return
    if _was_at(before, target) if before.partial else before.current is target:
        return
    conn = connection()
    # Committed as a draft's save is (``synchronous=NORMAL``): an anonymous count of a page shown, which a power cut
    # may lose with the last few draft saves (never a complaint: see ``wizard/db.py``), without waiting for the disk.
    with db.transaction(conn, durable=False):
        figures.count_exit(conn, exit_page, today())


def _was_at(before: Walk, target: Step) -> bool:
    """Whether ``target`` was where the person was before this answer, found from the request's walk of the draft
    as it was (``before``, which stopped at the page posted): where a step is depends only on the steps before it,
    so the walk carries on from the last step ``before`` did that comes before ``target``, with the draft's answers
    to the steps before ``target`` only. It stops at ``target`` at the latest, however many answers follow."""
    draft = g.journey_draft
    index = STEPS.index(target)
    earlier = [step for step in before.done if STEPS.index(step) < index]
    up_to = {name: data for name, data in draft.steps.items() if name in BY_NAME and STEPS.index(BY_NAME[name]) < index}
    found = walk(up_to, profile(), today(), routes=g.journey_routes,
                 after=(before, earlier[-1]) if earlier else None, known=known_of(draft))
    # An information page whose "carry on" is kept was passed, not where the person was (an exit page always stops).
    return found.current is target and (target.kind == "exit" or target.name not in draft.steps)


# A refused answer is shown again as typed, so the person can see what to shorten; up to this many characters.
TYPED_VALUE_MAX = 20_000


def _typed(form) -> dict[str, list[str]]:
    """What was typed into this form's own fields (at most ten values each, each bounded), to show it again."""
    return {
        name: [value[:TYPED_VALUE_MAX] for value in request.form.getlist(name)[:10]]
        for name in form._fields
        if name != "csrf_token"
    }


def _multidict(stored) -> MultiDict:
    return MultiDict([(k, v) for k, values in stored.items() for v in values])


def _errors_of_an_empty_answer(step: Step, ctx) -> dict:
    """The errors this step shows when nothing was answered, in the shape ``_restore_errors`` takes."""
    probe = step.form(formdata=MultiDict(), meta={"csrf": False})
    probe.prepare(ctx)
    probe.validate_step()
    return {
        "data": {},
        "errors": {name: [str(e) for e in field.errors] for name, field in probe._fields.items() if field.errors},
        "parts": {name: field.error_part for name, field in probe._fields.items() if hasattr(field, "error_part")},
    }


def _restore_errors(form, pending: dict) -> None:
    for name, messages in pending.get("errors", {}).items():
        if name in form._fields:
            form[name].errors = list(messages)
    for name, part in pending.get("parts", {}).items():
        if name in form._fields:
            form[name].error_part = part


def earlier_complaint(reference: str | None, request=None) -> dict | None:
    """What we know of an earlier complaint when the reference given is one of this council's from this service:
    its procedure and the day it was made, nothing of its content (see ``store.find_reference``); with
    ``request`` (the record being sent), what in it does not match that complaint. Asked only at Send, for the
    council's email: the person's pages are the same whether or not a reference is ours."""
    ours = _our_reference(reference)
    if ours is None:
        return None
    return find_reference(connection(), ours, compare_with=request)


def check_sections(w: Walk) -> list[dict]:
    """Check your answers' sections: each row with the hidden words of its Change link (``change_words.py``),
    each section with its summary list drawn (``summary_list.answers_list``: the macro's HTML, at a fraction of its
    cost)."""
    T = translator()  # noqa: N806 - the name every summary gives its translating function
    shown = sections(w, T, fmt_date)
    change = T(N_("Change"))  # N_: so that pybabel extract still finds it
    link = url_for("journey.step", slug="step-slug-here", change=1)  # one URL built; each row's slug put in it
    for section in shown:
        rows = []
        for row in section["rows"]:
            found = change_words_shown(row["key"], row["label"], T)
            row["change"] = T(found) if found else T(CHANGE_FALLBACK, label=row["label"])
            rows.append((row["label"], row["value"], link.replace("step-slug-here", row["step"]), row["change"]))
        section["list_html"] = answers_list(
            rows, change, classes="govuk-!-margin-bottom-9", attributes={"data-section": section["id"]}
        )
    return shown


def render_check(w: Walk, send_form, status: int = 200, errors=None):
    decision = w.decision
    # Flask-Babel's ``gettext`` with the request's catalogue (the reader's words laid over it) found once, rather
    # than again for each of the page's texts: the same translations.
    gettext = request_translations().ugettext
    further, timeline = request_timeline(w, profile(), today())
    expected = []
    if timeline:
        keys = timeline.keys if further else FIRST_STAGE_MILESTONES
        shown = [m for m in (timeline.get(key) for key in keys) if m]
        # A request: the day we tell them we have it first, as its sent page and email show it (walk H, H13).
        acknowledged = request_acknowledgement(profile(), timeline) if further else None
        if acknowledged is not None:
            shown.insert(0, acknowledged)
        for m in shown:
            label = gettext(m.label)
            if further is not None and further.late and not m.key.endswith("acknowledgement"):
                label += " (" + gettext("if we agree to look at your request") + ")"
            expected.append({"key": m.key, "label": label, "date": fmt_date(m.due)})
    return (
        render_template(
            "journey/check.html",
            sections=check_sections(w),
            decision=decision,
            outcome_label=gettext(OUTCOME_LABELS[decision.outcome]),
            reasons=[gettext(r.text) for r in decision.reasons],
            expected=expected,
            # govukSummaryList of the dates, drawn in Python as the sections are
            expected_html=summary_list(
                [{"key": item["label"], "value": escape(item["date"])} for item in expected],
                attributes={"data-dates": "expected"},
            ) if expected else None,
            decide_first=council_decides_first(decision.flags, bool(w.flat.get("continue_without_consent"))),
            # A timeline's notes are about stage 2 and the review panel: a new complaint's page shows its first
            # stage only, so they are said only of a request for that stage (walk J, J6).
            notes=[gettext(n) for n in (timeline.notes if timeline and further else ())],
            escalation=further,
            escalation_label=gettext(ESCALATION_OUTCOME_LABELS[further.outcome]) if further else None,
            # The outcome's reason speaks to the person; the flags' reasons are notes for the council's staff
            # (they go in its email), so the person is not shown them.
            escalation_reasons=(
                [gettext(further.reasons[0].text)]
                + [gettext(text) for text in CHECK_NEXT_STAGE_WORDS.get(further.outcome, ())]
            ) if further else [],
            # How the council will tell them what it decides: by the way they chose (``complaint.told_by``).
            late_reason_given=bool((w.flat.get("escalation_late_reason") or "").strip()),
            check_tell=CHECK_TELL_WORDS[
                told_by(contact_way(w.flat), w.flat.get("safe_to_contact") is not False, w.flat.get("through"))
            ],
            send_form=send_form,
            errors=errors or [],
            has_errors=bool(errors),
            back_url=step_url(w.previous(None)),
            expiry=expiry_note(g.journey_draft),
        ),
        status,
    )


@bp.get("/check")
def check():
    draft, response = _load_or_redirect()
    if response:
        return response
    pending = drafts.take_pending(connection(), draft, CHECK_PAGE) if draft.pending else None
    # Every answer validated again before it is shown to be sent (what was kept when it was saved is not used).
    w = walk_and_tidy(draft, every=True)
    if not w.complete:
        return redirect(where_to(w))
    words.use_for(w.flat.get("who"), "check")
    if pending is not None:
        errors = [{"text": message, "href": "#send-complaint"} for message in pending["errors"].get("send", [])]
        return render_check(w, SendForm(), 200, errors)
    return render_check(w, SendForm())


@bp.post("/send")
def send():
    draft_id = session.get("draft")
    draft = current_draft()
    if draft == "sent":  # pressed again after the session was rotated
        return redirect(url_for("journey.confirmation"))
    if isinstance(draft, drafts.Draft) and session.get("ask_owner") == draft.id:
        return redirect(url_for("journey.start_now"))
    if draft in (EXPIRED, None):
        # A second press of Send from the old page (a double click, another tab) just after the first.
        reference = receipts.repeat_send(connection(), draft_id, now()) if draft_id else None
        if reference:
            # Sent a moment ago from this draft. Its pages open only with the receipt the first press was given:
            # this press issues none and leaves the cookie as it is, so in the browser that sent it (which
            # holds the receipt) the confirmation shows, and a copy of the old cookie opens nothing.
            session.modified = False
            g.leave_session_cookie = True
            return redirect(url_for("journey.confirmation"))
        return redirect(url_for("journey.expired") if draft_id else url_for("journey.begin"))
    g.journey_draft = draft
    # What is sent is what validation accepts now: every answer validated again.
    w = walk_and_tidy(draft, every=True)
    if not w.complete:
        return redirect(where_to(w))
    form = SendForm()
    if not form.validate():
        message = gettext("This page timed out. Check your answers, then select Send complaint again.")
        kept = drafts.save_pending(connection(), draft.id, CHECK_PAGE, {}, {"send": [message]}, {}, timeout(), now())
        if kept is None:
            session.pop("draft", None)
            return redirect(url_for("journey.expired"))
        return redirect(url_for("journey.check"), code=303)

    record = complaint_at_send(w, profile(), today(), page_language(), earlier_complaint)
    conn = connection()
    mode = preview_mode()
    if mode is not None:
        # A staff preview: the record is kept (in the preview's own database) for its confirmation page, which
        # shows the emails and JSON it would make; no complaint, no outbox, nothing sent, nothing counted.
        with db.transaction(conn):
            mode.keep_sent(conn, record)
            drafts.delete(conn, draft.id)
        session.pop("draft", None)
        return redirect(url_for("journey.confirmation"))
    try:
        with db.transaction(conn):
            reference = find_by_key(conn, draft.id)
            if reference is None:
                # Looked up just above, in this transaction: not again.
                reference = submit_complaint(conn, record, draft.id, not_found=True)
                figures.count_complaint(conn, record, record.kind)  # anonymous counts, kept after purging
            drafts.delete(conn, draft.id)
            receipt = receipts.issue_within(conn, reference, draft.id, now())
    except db.OperationalError as error:
        # A full or read-only disk, a database locked for too long or out of reach: nothing was stored, the
        # draft is untouched. The database's message names the problem, never the complaint (``db.describe``).
        log.error("could not store a complaint at Send: %s", db.describe(error))
        return not_sent_page()
    rotate_session_after_send(reference, draft.id, receipt)
    return redirect(url_for("journey.confirmation"))


def _forget_everything():
    """Delete the person's draft on the server and everything in their session cookie, and close the sent
    complaint's pages on the server, so that no copy of the cookie opens them either."""
    draft_id = session.get("draft")
    if draft_id:
        conn = connection()
        with db.transaction(conn):
            drafts.delete(conn, draft_id)
    if session.get("receipt"):
        forget_receipt()
    session.clear()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _to_neutral_page():
    """Off to the council's neutral page, asking the browser to drop what it cached of this site.

    ``Clear-Site-Data: "cache"`` empties the HTTP cache and Chromium's back/forward cache for this site, so Back
    cannot show a page kept in memory; the pages themselves are ``no-store`` and, asked again, find no draft.
    """
    response = redirect(profile().exit_url, code=303)
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@leave_bp.get("/leave")
def leave():
    """"Exit this page": the button's link (with or without JavaScript) comes here before the neutral page.

    A link from another site (the browser says ``Sec-Fetch-Site: cross-site``) only goes on to the neutral page:
    it cannot wipe a person's answers behind their back. Browsers that do not send the header are trusted.
    """
    if request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none"):
        try:
            _forget_everything()
        except db.OperationalError as error:
            # The database could not be reached in time (found by a reviewer): the person still leaves, after the
            # lock wait, the cookie emptied and the browser told to forget the site; the draft runs out by itself.
            log.error("could not forget the answers on Exit: %s", db.describe(error))
            session.clear()
    return _to_neutral_page()


@bp.route("/delete", methods=["GET", "POST"])
def delete():
    """"Delete my answers and leave": a page that asks first, then a POST (with its CSRF token) that does it."""
    draft = current_draft()
    if not isinstance(draft, drafts.Draft):
        # Nothing left to delete (sent, expired or never started): leave all the same.
        if request.method == "POST":
            _forget_everything()
            return _to_neutral_page()
        return redirect(url_for("journey.begin"))
    g.journey_draft = draft
    # "No, go back": to the journey page the person came from (a path of this service, never elsewhere).
    back = request.args.get("back", "")
    if not re.fullmatch(r"/complaint/[a-z0-9-]*", back) or back == url_for("journey.delete"):
        back = url_for("journey.begin")
    form = DeleteForm()
    errors = []
    if request.method == "POST":
        if form.validate():
            _forget_everything()
            return _to_neutral_page()
        message = gettext("This page timed out. If you still want to delete your answers, select the button again.")
        drafts.save_pending(connection(), draft.id, "_delete", {}, {"delete": [message]}, {}, timeout(), now())
        return redirect(url_for("journey.delete", back=back), code=303)
    pending = drafts.take_pending(connection(), draft, "_delete") if draft.pending else None
    # The form's POST ends at the neutral page, on another site: Chromium applies form-action to redirects too.
    g.csp_form_targets = (_origin(profile().exit_url),)
    if pending is not None:
        errors = [{"text": m, "href": "#delete-answers"} for m in pending["errors"].get("delete", [])]
    return render_template(
        "journey/delete.html",
        form=form,
        errors=errors,
        has_errors=bool(errors),
        back_url=back,
        expiry=None,
    )


def phone_link(phone: str) -> Markup:
    """The council's number as a link that a phone can call."""
    return Markup('<a class="govuk-link" href="tel:{}">{}</a>').format(re.sub(r"[^0-9+]", "", phone), phone)


def not_sent_page():
    """The complaint was NOT sent; the answers are kept; what to do (try later, or phone the council)."""
    p = profile()
    return (
        render_template(
            "journey/not_sent.html",
            phone_link=phone_link(p.phone),
            minutes=timeout(),
        ),
        503,
    )


@bp.errorhandler(db.OperationalError)
def storage_failed(error):
    """Any other page of the journey that could not read or write its answers: never the generic 500."""
    log.error("the journey could not use its database at %s: %s", request.endpoint, db.describe(error))
    if request.endpoint == "journey.send":
        return not_sent_page()
    p = profile()
    return (
        render_template(
            "journey/not_saved.html", phone_link=phone_link(p.phone)
        ),
        503,
    )


@bp.get("/expired")
def expired():
    draft = current_draft()
    if isinstance(draft, drafts.Draft):
        return redirect(url_for("journey.begin"))
    session.pop("draft", None)
    return _expired_page()


def _expired_page(typed: list[str] = (), gone: bool = False):
    return render_template("journey/expired.html", minutes=timeout(), typed=typed, gone=gone)


def _typed_on(step: Step) -> list[str]:
    """The longer texts a page's POST carried (what happened, what would put it right...), as typed."""
    if step.form is None:
        return []
    form = step.form(formdata=request.form, meta={"csrf": False})
    texts = []
    for field in form:
        if isinstance(field, TextAreaField) and isinstance(field.data, str) and field.data.strip():
            texts.append(field.data.strip())
    return texts


@bp.get("/keep-alive")
def keep_alive():
    """Called by the timeout warning's "Keep my answers" button: loading the draft extends its time."""
    draft = current_draft()
    if draft is None:  # on the first question, before any answer: nothing stored, the time starts again
        draft = _not_yet_made()
    if not isinstance(draft, drafts.Draft):
        return jsonify({"expired": True, "expired_url": url_for("journey.expired")}), 410
    g.journey_draft = draft
    note = expiry_note(draft)
    return jsonify({"expired": False, "expires_in": note["expires_in"], "at": note["at"]})


__all__ = ["bp", "leave_bp", "STEPS"]
