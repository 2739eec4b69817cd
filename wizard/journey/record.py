"""The complaint record (``wizard.domain.complaint.Complaint``), built from the journey's answers at "Send".

This is where the journey's field names meet the record's: the one translation from the walk's answers to the
domain's vocabulary. ``sections`` is exactly what "Check your answers" showed, in English for the council
whatever language the person used (their language is ``contact.language``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import Any

from wizard.domain.complaint import (
    Account,
    Advocacy,
    Advocate,
    Answers,
    Child,
    ChildNeeds,
    Complaint,
    Consent,
    Contact,
    Row,
    Section,
    Trusted,
)
from wizard.domain.dates import day_text
from wizard.domain.escalation import EscalationDecision, escalation_timeline
from wizard.domain.profiles import CouncilProfile
from wizard.domain.routing import Decision
from wizard.domain.timeline import Timeline, milestones

from .escalation_record import with_escalation
from .forms import contact_way, ways_given
from .steps import SELF, Walk, escalation_decision, sections

# The dates in the record's sections are written in English, for the council (``wizard.domain.dates``).
english_date = partial(day_text, locale="en")


def _identity(text: str) -> str:
    return text


def _text(value) -> str | None:
    return value or None


def _reaching(a: dict, prefix: str = "") -> dict:
    """How to reach someone safely and the help they need: the person's own answers, or (``child_``) the child's."""
    return {
        "safe_to_contact": a.get(f"{prefix}safe_to_contact"),
        "safe_way": _text(a.get(f"{prefix}safe_way")),
        "leave_message": a.get(f"{prefix}leave_message"),
        "help": tuple(a.get(f"{prefix}help", ())),
        "interpreter_language": _text(a.get(f"{prefix}interpreter_language")),
        "help_other": _text(a.get(f"{prefix}help_other")),
    }


def _child(a: dict, who: str) -> Child | None:
    if "child_name" in a:
        return Child(name=a.get("child_name"), age=a.get("child_age"), date_of_birth=a.get("child_dob"))
    if who in SELF and ("child_age" in a or "child_dob" in a):
        # A child, young person or care leaver complaining for themselves: what lets the council find them.
        return Child(
            name=" ".join(part for part in (a.get("name"), a.get("surname")) if part) or None,
            age=a.get("child_age"),
            date_of_birth=a.get("child_dob"),
            surname=_text(a.get("surname")),
            social_worker=_text(a.get("social_worker")),
            where=_text(a.get("where")),
            feels_safe=_text(a.get("feels_safe")) if who == "child" else None,
            own=True,
        )
    return None


def _contact(a: dict, who: str, locale: str) -> Contact:
    if who == "advocate":
        # An advocate's work details, given once: the safety and help questions were asked about the child,
        # and a professional's work address is safe to use (the child's safety is in ``child_needs``).
        return Contact(
            name=a.get("name"),
            email=_text(a.get("advocate_email")),
            phone=_text(a.get("advocate_phone")),
            preferred="email",
            safe_to_contact=True,
            leave_message=True,
            language=locale,
        )
    through = a.get("through") if not ways_given(a) else None
    trusted = None
    if through == "trusted":
        trusted = Trusted(
            role=a.get("trusted_role"),
            name=_text(a.get("trusted_name")),
            phone=_text(a.get("trusted_phone")),
            email=_text(a.get("trusted_email")),
            complaint_about_them=a.get("trusted_about"),
        )
    return Contact(
        name=a.get("name"),
        email=_text(a.get("email")),
        phone=_text(a.get("phone")),
        address=_text(a.get("address")),
        preferred=contact_way(a),
        language=locale,
        through=through,
        trusted=trusted,
        **_reaching(a),
    )


def build_record(
    draft_answers: Walk,
    profile: CouncilProfile,
    decision: Decision,
    timeline: Timeline | None,
    locale: str,
) -> Complaint:
    """The complaint, built once when the person presses Send. ``draft_answers`` is the completed walk."""
    a = draft_answers.flat
    who = a["who"]
    answers = Answers(
        who=who,
        about=a["about"],
        danger_reported=bool(a.get("danger")),
        child=_child(a, who),
        consent=Consent(
            asked="child_agrees" in a,
            child_agrees=a.get("child_agrees"),
            method=a.get("confirm_method"),
            child_contact=a.get("child_contact"),
            child_typed_name=a.get("child_confirmed_name"),
            continue_without_consent=bool(a.get("continue_without_consent")),
            child_knows=a.get("child_knows"),
        ),
        advocacy=Advocacy(
            answer=a.get("advocacy"),
            advocate=Advocate(
                organisation=a.get("advocate_organisation"),
                role=a.get("advocate_role"),
                phone=a.get("advocate_phone"),
                working_hours=a.get("advocate_hours"),
                email=a.get("advocate_email"),
            )
            if who == "advocate"
            else None,
        ),
        complaint=Account(
            happened=a.get("happened"),
            happened_day_known=not a.get("happened_approximate", False),
            what_happened=a.get("what_happened"),
            who_involved=_text(a.get("who_involved")),
            put_right=a.get("put_right"),
        ),
        contact=_contact(a, who, locale),
        child_needs=ChildNeeds(**_reaching(a, "child_")) if who == "advocate" else None,
        late_reason=a.get("late_reason"),
        proceedings=a.get("proceedings"),
        provider_care=a.get("provider"),
        provider_name=_text(a.get("provider_name")),
        tried_local_resolution=a.get("tried"),
    )
    shown = tuple(
        Section(s["title"], tuple(Row(r["key"], r["label"], r["value"]) for r in s["rows"]))
        for s in sections(draft_answers, _identity, english_date)
    )
    return Complaint(
        council=profile.id,
        submitted=timeline.submitted if timeline else draft_answers.context.today,
        decision=decision,
        timeline=timeline,
        answers=answers,
        sections=shown,
    )


def request_timeline(
    w: Walk, profile: CouncilProfile, today: date
) -> tuple[EscalationDecision | None, Timeline | None]:
    """The dates to show and record: the first stage of a new complaint, or the stage an escalation asks for
    (with the escalation's decision; None for a new complaint)."""
    further = escalation_decision(w.context)
    if further is not None:
        return further, escalation_timeline(profile, further.next_stage, today) if further.next_stage else None
    decision = w.decision
    return None, _milestones_once(profile, decision.procedure, today) if decision.procedure else None


_first_stage: dict = {}


def _milestones_once(profile: CouncilProfile, procedure: str, day: date) -> Timeline:
    """``milestones`` (the domain's), worked out once per council, procedure and day in a process (they count
    working days one by one, for every Check your answers and Send)."""
    key = (id(profile), procedure, day)
    found = _first_stage.get(key)
    if found is None or found[0] is not profile:
        if len(_first_stage) > 64:
            _first_stage.clear()
        found = _first_stage[key] = (profile, milestones(profile, procedure, day))
    return found[1]


def _not_ours(reference: str | None, request: Complaint | None = None) -> None:
    return None


def complaint_at_send(
    w: Walk,
    profile: CouncilProfile,
    today: date,
    locale: str,
    earlier: Callable[[str | None, Complaint], Mapping[str, Any] | None] = _not_ours,
) -> Complaint:
    """The complaint a completed walk sends on ``today``: its decision, the dates of its procedure (or of the stage
    an escalation asks for), the record. ``earlier(reference, request)`` is what the store knows of an earlier
    complaint of ours that a request to take a complaint further names, compared with ``request`` (None when it is
    not ours)."""
    further, timeline = request_timeline(w, profile, today)
    record = build_record(w, profile, w.decision, timeline, locale)
    if further is None:
        return record
    asked = with_escalation(record, w, further, None)
    return with_escalation(record, w, further, earlier(w.flat.get("earlier_reference"), asked))
