"""After "Send complaint": the confirmation page, a printable copy and the dates as a calendar file.

The journey's send view stores the complaint, rotates the session (a new receipt token, ``receipts.py``) and
redirects here. These pages show only the complaint that this browser's receipt names, for a short time, so
nobody can read a complaint by guessing a reference or with a cookie copied before Send. Showing the page
again (a refresh, the back button, a second tab) sends nothing new: after the page is served, a background
sender tries only messages that were never tried.

The pages are on the journey's blueprint (``journey.confirmation``, ``journey.print``, ``journey.calendar``,
under ``/complaint/sent``): ``wizard/app.py`` adds them with ``add_pages(bp)`` before registering it. They read
the complaint, its outbox and its calendar through delivery's functions (``load_complaint``,
``has_untried_messages``, ``outbox.send_soon``, ``calendar.ics``, ...): no SQL of their own.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from functools import cache

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    make_response,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext

from wizard.delivery import outbox
from wizard.delivery.calendar import ics
from wizard.delivery.messages import escalation_context, next_stage_query
from wizard.delivery.store import has_untried_messages, load_complaint
from wizard.domain.complaint import Complaint
from wizard.domain.dates import day_text, due_text
from wizard.domain.escalation import FOLLOWING_STAGE, OMBUDSMAN, window_days
from wizard.domain.vocabulary import (
    CANNOT_REACH_YET,
    DECIDE_FIRST_WORDS,
    FOLLOWING_STAGE_NAMES,
    MILESTONE_LABELS,
    NO_WAY_MILESTONE_LABELS,
    PROCEDURE_NAMED_WORDS,
    REVIEW_PANEL_WORDS,
    TELL_WORDS,
    stage1_words,
)
from wizard.journey import receipts, words
from wizard.journey.forms import ANSWERS_BY_ROW_LABEL
from wizard.journey.views import connection, now, preview_mode
from wizard.translate import page_language, translate

log = logging.getLogger(__name__)

OMBUDSMAN_WEBSITE = "https://www.lgo.org.uk"
OMBUDSMAN_PHONE = "0300 061 0614"


def _stored():
    """The complaint this browser sent, or None (no receipt, it ran out, or the content has been purged)."""
    mode = preview_mode()
    if mode is not None:  # a staff preview: the record its Send kept, never a stored complaint
        return mode.sent(connection())
    reference = receipts.reference_for(connection(), session.get("receipt"), now())
    stored = load_complaint(connection(), reference) if reference else None
    if stored is None or stored["record"] is None:
        return None
    return stored


def _milestones(record: Complaint) -> dict[str, dict]:
    return {
        m.key: {
            "key": m.key,
            "day": m.due,
            "iso": m.due.isoformat(),
            "text": due_text(m.due, page_language()),  # written as the emails write it
            "working_days": m.working_days,
        }
        for m in record.milestones
    }


def _page_context(stored: dict) -> dict:
    record: Complaint = stored["record"]
    words.use_for(record.answers.who, "confirmation")
    no_way = record.contact.through in CANNOT_REACH_YET
    return {
        "reference": stored["reference"],
        "record": record,
        "procedure": record.decision.procedure,
        "procedure_named": record.procedure_named,
        # The link to ask for the next stage: the reference, and the procedure this page names (walk M, M6).
        "next_stage_query": next_stage_query(record, stored["reference"]),
        "procedure_named_words": PROCEDURE_NAMED_WORDS,
        "flags": list(record.decision.flags),
        "dates": _milestones(record),
        "submitted": day_text(record.submitted, page_language()),
        "email_copy": record.reply_address is not None,
        # A child or care leaver who gave no way of their own: who we will contact instead, or none.
        "through": record.contact.through,
        "trusted": record.contact.trusted,
        # Nobody can reach them yet (no way, or an advocate not found yet): told when to call, promised nothing else.
        "no_way": no_way,
        "advocacy_phone": current_app.extensions["council"].advocacy_phone,
        "advocacy_requested": record.advocacy_requested,
        "options": current_app.extensions["council"].options,
        "ombudsman_website": OMBUDSMAN_WEBSITE,
        "ombudsman_phone": OMBUDSMAN_PHONE,
        "labels": {**MILESTONE_LABELS, **NO_WAY_MILESTONE_LABELS} if no_way else MILESTONE_LABELS,
        "first_stage": [m.key for m in record.first_stage_dates],
        "decide_first": record.decide_first,
        "decide_first_words": DECIDE_FIRST_WORDS,
        "tell_words": TELL_WORDS,
        "told_by": record.told_by,
        "stage1_words": stage1_words,
        "offer_copies": record.copies_offered,
        "feels_unsafe": record.child_feels_unsafe,
        "open_minutes": receipts.RECEIPT_SECONDS // 60,
        "escalation": escalation_context(record, gettext, page_language(), current_app.extensions["council"]),
        "ombudsman": OMBUDSMAN,
        "review_panel_words": REVIEW_PANEL_WORDS,  # the one description of a review panel
    }


def _missing():
    return render_template("journey/confirmation_missing.html"), 200


def _send_after(response: Response, reference: str) -> None:
    """Send the complaint's messages once the page has gone to the browser (never before, never blocking it)."""
    config = current_app.config
    if not config.get("OUTBOX_SEND_AFTER_RESPONSE", True) or not has_untried_messages(connection(), reference):
        return
    settings = dict(config)
    profile = current_app.extensions["council"]
    if config.get("OUTBOX_SEND_IN_THREAD", True):
        response.call_on_close(lambda: outbox.send_soon(settings, reference, profile))
    else:
        response.call_on_close(lambda: outbox.send_for_reference(settings, reference, profile))


def _opened(copy: bool = False) -> tuple[dict | None, dict | None]:
    """What the pages after Send open with: (the sent complaint, its page's context), or (None, None) when this
    browser has none to show (``_missing``). ``copy``: a page that gives a copy of it (printed, a calendar),
    which is not there for a complaint that offers none (404)."""
    stored = _stored()
    if stored is None:
        return None, None
    if copy and not stored["record"].copies_offered:
        abort(404)
    return stored, _page_context(stored)


def confirmation():
    stored, context = _opened()
    if stored is None:
        return _missing()
    template = "journey/confirmation_escalation.html" if context["escalation"] else "journey/confirmation.html"
    response = make_response(render_template(template, **context))
    if preview_mode() is None:
        _send_after(response, stored["reference"])
    return response


def print_copy():
    stored, context = _opened(copy=True)
    if stored is None:
        return _missing()
    sections = _sections_in_page_language(stored["record"])
    return render_template("journey/print.html", sections=sections, **context)


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_ENGLISH_DATE = re.compile(r"(?:(\d{1,2}) )?(" + "|".join(_MONTHS) + r") (\d{4})")


def _value_in_page_language(label: str, value) -> str:
    """A stored answer in the page's language: a yes/no with its question's own words, a choice's label, a date
    written as the record writes it (English) in the page's language; a person's own words as they wrote them."""
    if not isinstance(value, str):
        return value
    for _key, answer in ANSWERS_BY_ROW_LABEL.get(label, ()):
        if answer == value:
            return translate(answer)
    found = _ENGLISH_DATE.fullmatch(value)
    if found:
        day, month, year = found.groups()
        when = date(int(year), _MONTHS.index(month) + 1, int(day or 1))
        return day_text(when, page_language(), month_only=not day)
    # A choice's label is a catalogue text; what a person typed is not, and stays as it is.
    return "\n".join(gettext(line) if line else line for line in value.split("\n"))


def _sections_in_page_language(record: Complaint) -> list[dict]:
    """The answers as stored, with their titles, labels and chosen answers (the catalogue's English source text)
    translated."""
    # The stored words are read first: a string literal inside gettext() would be taken for a sentence to translate.
    shown = []
    for section in record.sections:
        title = section.title
        labelled = [(row.label, row.value) for row in section.rows]
        shown.append({"title": gettext(title),
                      "rows": [{"label": gettext(k), "value": _value_in_page_language(k, v)} for k, v in labelled]})
    return shown


def _ask_for_next_stage(record: Complaint, reference: str, council) -> list[tuple[str, date, str, str]]:
    """A new complaint's one date the person acts on: asking for the next stage if the reply does not settle it.

    The window runs from the day they GET the reply, which nobody knows yet, so no "ask by" date is invented: the
    event stands on the day the reply is due, and says the working days count from the day it arrives."""
    by_key = {m.key: m for m in record.milestones}
    reply, window = by_key.get("stage1_response"), record.next_stage_window
    if record.escalation is not None or reply is None or window is None:
        return []
    public = current_app.config.get("PUBLIC_URL")  # the service's own address, as the emails link from it
    path = url_for("journey.next_stage", **next_stage_query(record, reference))
    link = f"{public.rstrip('/')}{path}" if public else url_for("journey.next_stage", _external=True,
                                                                  **next_stage_query(record, reference))
    # One way of counting, in the page's words: "within N working days of the day you get our reply" (walk E, E6).
    if record.decide_first:  # the council first decides whether it can look at it: no promise of a reply
        summary = gettext(
            "Reply due on complaint %(reference)s, if we look at it: if you are unhappy with it, ask for the next stage"
        )
        description = gettext(
            "If we look at your complaint, our reply is due by this date. If you are unhappy with it, ask for the "
            "next stage within %(days)s working days of the day you get our reply. To ask, go to %(link)s, or call "
            "%(phone)s and give your reference, %(reference)s."
        )
    else:
        summary = gettext("Reply due on complaint %(reference)s: if you are unhappy with it, ask for the next stage")
        description = gettext(
            "Our reply is due by this date. If you are unhappy with it, ask for the next stage within %(days)s "
            "working days of the day you get our reply. To ask, go to %(link)s, or call %(phone)s and give your "
            "reference, %(reference)s."
        )
    values = {"council": council.name, "days": window.working_days, "link": link, "phone": council.phone,
              "reference": reference}
    return [("stage2_ask", reply.due, summary % values, description % values)]


def _ask_after_request(record: Complaint, reference: str, council) -> list[tuple[str, date, str, str]]:
    """A request for statutory stage 2: the day its reply is due, when the window to ask for a review panel opens
    (counted, like a new complaint's, from the day the reply arrives: no "ask by" date is made up)."""
    further = record.escalation
    following = FOLLOWING_STAGE.get(further.next_stage or "") if further else None
    reply = next((m for m in record.milestones if m.key == "stage2_response"), None)
    if following is None or reply is None:
        return []
    summary = gettext("Reply due on request %(reference)s: if you are unhappy with it, ask for %(stage)s")
    description = gettext(
        "Our stage 2 reply is due by this date. If you are unhappy with it, ask for %(stage)s within %(days)s "
        "working days of the day you get our reply. To ask, call %(phone)s and give your reference, %(reference)s."
    )
    values = {"council": council.name, "days": window_days(council, following), "phone": council.phone,
              "reference": reference, "stage": gettext(FOLLOWING_STAGE_NAMES[following])}
    return [("review_panel_ask", reply.due, summary % values, description % values)]


def calendar():
    stored, context = _opened(copy=True)
    if stored is None:
        return _missing()
    reference = context["reference"]
    council = current_app.extensions["council"]
    summaries = {
        "acknowledgement": gettext("%(council)s acknowledges your complaint %(reference)s"),
        "stage1_response": gettext("%(council)s replies to your complaint %(reference)s"),
        "stage1_response_extended": gettext(
            "Latest reply to your complaint %(reference)s from %(council)s if it needs more time"
        ),
    }
    if context["decide_first"]:  # the council first decides whether it can look at it: no promise
        summaries["stage1_response"] = gettext(
            "%(council)s replies to your complaint %(reference)s, if it looks at it"
        )
        summaries["stage1_response_extended"] = gettext(
            "Latest reply to your complaint %(reference)s from %(council)s, if it looks at it and needs more time"
        )
    description = gettext("Your complaint reference is %(reference)s. To ask about it, call %(phone)s.")
    events = [
        (
            m.key,
            m.due,
            summaries[m.key] % {"council": council.name, "reference": reference},
            description % {"reference": reference, "phone": council.phone},
        )
        for m in context["record"].first_stage_dates
    ]
    events += _ask_for_next_stage(context["record"], reference, council)
    if context["escalation"]:
        # A request to take a complaint further: its own dates, the list its page and email show.
        summary = gettext("%(council)s: %(what)s (request %(reference)s)")
        shown = [d["label"] + (f" ({d['note']})" if d["note"] else "") for d in context["escalation"]["dates"]]
        description = gettext("Your request's reference is %(reference)s. To ask about it, call %(phone)s.")
        events = [
            (
                d["key"],
                d["day"],
                summary % {"council": council.name, "what": what, "reference": reference},
                description % {"reference": reference, "phone": council.phone},
            )
            for d, what in zip(context["escalation"]["dates"], shown, strict=True)
        ]
        events += _ask_after_request(context["record"], reference, council)
    body = ics(reference, events, uid_domain=request.host.split(":")[0] or "localhost")
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="complaint-{reference}.ics"'
    return response


@cache
def add_pages(bp: Blueprint) -> None:
    """Add the confirmation, print and calendar pages to the journey's blueprint (once, before it is registered)."""
    bp.add_url_rule("/sent", "confirmation", confirmation, methods=["GET"])
    bp.add_url_rule("/sent/print", "print", print_copy, methods=["GET"])
    bp.add_url_rule("/sent/calendar.ics", "calendar", calendar, methods=["GET"])
