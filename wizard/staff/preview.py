"""What the council's inboxes would receive, for a made-up complaint, built by the same code as a real one.

The sample is typed into the journey's own pages (``wizard.journey.public.answer_pages``), routed by the domain,
made into the complaint the journey would send, and rendered by ``delivery.messages.build``: nothing is stored
or sent.

``scenario_preview`` does the same for the scenario tester's answers (who, subject, the child's age or date of
birth, agreement, dates and the other answers that change the route): the made-up parts fill the rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta

from wizard.delivery.messages import MailSettings, NoRecipient, build, payload
from wizard.delivery.store import message_kinds
from wizard.domain.complaint import Complaint
from wizard.domain.escalation import EscalationDecision, escalation_timeline, request_decision
from wizard.domain.profiles import CouncilProfile
from wizard.domain.routing import Answers, Decision, route
from wizard.domain.timeline import Timeline, milestones
from wizard.domain.vocabulary import WHO_SELF
from wizard.journey.public import Stop, answer_pages

SAMPLE_REFERENCE_CODE = "ABCDEFGH"  # shown with the council's short code; never a real reference


def _sample_answers(today: date) -> dict[str, dict[str, list[str]]]:
    """A relative complaining about fostering for a 14-year-old who agrees, and wants an advocate."""
    happened = today - timedelta(days=30)
    by_slug = {
        "child-in-danger": {"danger": ["no"]},
        "new-or-reply": {"kind": ["new"]},
        "who-are-you": {"who": ["relative"]},
        "what-is-it-about": {"about": ["fostering"]},
        "who-gave-the-care": {"provider": ["no"]},
        "about-the-child": {"child_name": ["Sample Child"], "child_age": ["14"], "child_dob": ["", "", ""]},
        "does-the-child-know": {"child_knows": ["yes"]},  # asked only about a child under the consent age
        "does-the-child-agree": {"child_agrees": ["yes"]},
        "how-the-child-will-confirm": {"confirm_method": ["child_types"], "child_contact": [""]},
        "child-confirms": {"confirm_name": ["Sample"]},
        "tried-to-sort-it-out": {"tried": ["yes"]},
        "when-did-it-happen": {"happened": [str(happened.day), str(happened.month), str(happened.year)]},
        "advocate-for-the-child": {"advocacy": ["yes"]},
        "court-or-police": {"proceedings": ["no"]},
        "your-complaint": {
            "what_happened": ["This is a made-up complaint to show what the complaints inbox receives."],
            "who_involved": ["The fostering team"],
            "put_right": ["A meeting to agree what happens next."],
        },
        "your-name": {"name": ["Sample Relative"]},
        "contact-details": {
            "email": ["sample.relative@example.com"], "phone": ["01632 960999"], "address_line_1": [""],
            "address_line_2": [""], "address_town": [""], "address_postcode": [""],
        },
        "how-to-contact-you": {"preferred": ["email"]},
        "contacting-you-safely": {"safe": ["yes"], "leave_message": ["yes"], "safe_way": [""]},
        "help-to-take-part": {"help": ["none"], "interpreter_language": [""], "help_other": [""]},
    }
    return by_slug


@dataclass(frozen=True)
class PreviewEmail:
    kind: str
    recipients: tuple[str, ...]
    subject: str
    reply_to: str | None
    text: str
    attachments: tuple[str, ...]


@dataclass(frozen=True)
class Preview:
    reference: str
    emails: tuple[PreviewEmail, ...]
    json_text: str


def preview(profile: CouncilProfile, config, today: date) -> Preview:
    answered = answer_pages(_sample_answers(today), profile, today)
    if answered.complaint is None:  # the sample no longer fits the questions: say which one, rather than nonsense
        raise ValueError(f"the sample complaint stops at the step {answered.stops_at.slug}")
    return _emails(answered.complaint, profile, config)


def _emails(record: Complaint, profile: CouncilProfile, config) -> Preview:
    return emails_for_record(record, f"{profile.short_code}-{SAMPLE_REFERENCE_CODE}", profile, config)


def emails_for_record(record: Complaint, reference: str, profile: CouncilProfile, config) -> Preview:
    """The emails the outbox would send for this record, and the JSON, as they would go (nothing is sent)."""
    settings = MailSettings.from_config(config)
    emails = []
    for kind in message_kinds(record):  # the emails the outbox would queue for this complaint, and no others
        try:
            outgoing = build(kind, reference, record, profile, settings)
        except NoRecipient:
            continue
        message = outgoing.message
        emails.append(
            PreviewEmail(
                kind=kind,
                recipients=outgoing.recipients,
                subject=str(message["Subject"]),
                reply_to=str(message["Reply-To"]) if message["Reply-To"] else None,
                text=message.get_body(("plain",)).get_content(),
                attachments=tuple(part.get_filename() for part in message.iter_attachments()),
            )
        )
    return Preview(reference, tuple(emails), json.dumps(payload(reference, record), indent=2, ensure_ascii=False))


@dataclass(frozen=True)
class Scenario:
    """The scenario tester's answers. ``received`` is the day the complaint is made."""

    who: str
    about: str
    received: date
    child_age: int | None = None
    child_dob: date | None = None
    child_agrees: str | None = None
    happened: date | None = None
    danger: bool = False
    proceedings: bool = False
    provider_care: bool = False
    advocacy_requested: bool = False
    continue_without_consent: bool = False
    # Taking a complaint further ("escalation"): the reply the person had, under which procedure, and its date
    # (five days before ``received`` when not given); the options the council may offer before the next stage.
    kind: str = "new"
    stated_procedure: str = "statutory"
    reply_stage: str = "stage1"
    reply_date: date | None = None
    wants_conciliation: bool = False
    agrees_early_referral: bool = False


@dataclass(frozen=True)
class ScenarioResult:
    decision: Decision
    timeline: Timeline | None
    stops_at: Stop | None  # the page the journey stops at (an exit, or a question the scenario does not answer)
    preview: Preview | None  # the emails and JSON, when the journey reaches Send
    facts: dict = field(default_factory=dict)  # what the journey worked out (the child's age from a birth date)
    escalation: EscalationDecision | None = None  # what a request to take it further asks for, and why


def _parts(d: date | None) -> list[str]:
    return [str(d.day), str(d.month), str(d.year)] if d else ["", "", ""]


def _scenario_answers(s: Scenario) -> dict[str, dict[str, list[str]]]:
    answers = {name: dict(data) for name, data in _sample_answers(s.received).items()}

    def put(slug: str, **values: list[str]) -> None:
        answers.setdefault(slug, {}).update(values)

    put("child-in-danger", danger=["yes" if s.danger else "no"])
    put("who-are-you", who=[s.who])
    put("what-is-it-about", about=[s.about])
    put("who-gave-the-care", provider=["yes" if s.provider_care else "no"])
    if s.provider_care:
        put("care-from-another-organisation", carry_on=["yes"])
    age = [str(s.child_age) if s.child_age is not None else ""]
    if s.who in WHO_SELF:
        if s.child_age is None and s.child_dob is None:
            age = ["19" if s.who == "care_leaver" else "15"]  # made up: the council uses it only to find them
        put("about-you", child_age=age, child_dob=_parts(s.child_dob), surname=[""], social_worker=[""], where=[""])
        put("feeling-safe", feels_safe=["yes"])  # asked of a child only: a scenario is about routing, not safety
        put("advocate", advocacy=["yes" if s.advocacy_requested else "no"])
    else:
        put("about-the-child", child_age=age, child_dob=_parts(s.child_dob))
    answers.pop("does-the-child-agree")
    if s.child_agrees:
        put("does-the-child-agree", child_agrees=[s.child_agrees])
    if s.continue_without_consent:
        put("the-childs-agreement", carry_on=["yes"])
    put("when-did-it-happen", happened=_parts(s.happened or s.received - timedelta(days=30)))
    put("why-now", late_reason=["A made-up reason: the person did not know they could complain."])
    put("advocate-for-the-child", advocacy=["yes" if s.advocacy_requested else "no"])
    put("court-or-police", proceedings=["yes" if s.proceedings else "no"])
    if s.who == "advocate":
        put(
            "advocate-details", advocate_name=["Sample Advocate"], organisation=["Sample Advocacy Service"],
            role=["Independent advocate"], direct_phone=["01632 960998"], working_hours=["9am to 5pm"],
            advocate_email=["sample.advocate@example.org"],
        )
        put("contacting-the-child-safely", child_safe=["yes"], child_safe_way=[""], child_leave_message=["yes"])
        put("help-for-the-child", help=["none"], interpreter_language=[""], help_other=[""])
    if s.kind == "escalation":
        reply = s.reply_date or s.received - timedelta(days=5)
        put("new-or-reply", kind=["escalation"])
        put("earlier-complaint", earlier_reference=[""])
        put("which-procedure", earlier_procedure=[s.stated_procedure])
        put("which-reply", reply_stage=[s.reply_stage])
        put("date-of-the-reply", reply_date=_parts(reply))
        put("asking-later", escalation_late_reason=["A made-up reason: the person did not know they could ask."])
        put("still-unhappy", still_unhappy=["A made-up point the person is still unhappy about."],
            wanted=["A made-up outcome: the decision looked at again."])
        put("a-meeting-first", conciliation=["yes" if s.wants_conciliation else "no"])
        put("straight-to-the-ombudsman", early_referral=["yes" if s.agrees_early_referral else "no"])
    return answers


def scenario_preview(profile: CouncilProfile, config, s: Scenario) -> ScenarioResult:
    """Walk the journey with the scenario's answers; where it reaches Send, build the emails and the JSON.

    A request to take a complaint further is built as the journey's Send builds it: the next stage's dates from
    the day it is made, the record marked as an escalation.
    """
    answered = answer_pages(_scenario_answers(s), profile, s.received)
    child_age = answered.facts.get("child_age", s.child_age)  # worked out by the journey from a date of birth
    if answered.complaint is not None:
        decision = answered.decision
    else:  # the journey stopped early (an exit, or a question not answered here): route every answer given
        decision = route(
            Answers(who=s.who, about=s.about, child_age=child_age, child_agrees=s.child_agrees, happened=s.happened,
                    submitted=s.received, danger=s.danger, proceedings=s.proceedings, provider_care=s.provider_care,
                    advocacy_requested=s.advocacy_requested, continue_without_consent=s.continue_without_consent),
            profile,
        )
    further = answered.escalation if s.kind == "escalation" else None
    if further is not None and decision is not None:
        # A request's own decision, as its record has it: its procedure and reasons, not a new complaint's (M1).
        decision = request_decision(decision, further)
    if further is not None:
        stage = further.next_stage
        timeline = escalation_timeline(profile, stage, s.received) if stage else None
    else:
        timeline = milestones(profile, decision.procedure, s.received) if decision and decision.procedure else None
    emails = _emails(answered.complaint, profile, config) if answered.complaint is not None else None
    facts = {"child_age": child_age}
    return ScenarioResult(decision, timeline, answered.stops_at, emails, facts, further)
