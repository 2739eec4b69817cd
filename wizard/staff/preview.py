"""What the council's inboxes would receive, for a made-up complaint, built by the same code as a real one.

The sample is typed into the journey's own steps (`steps.walk`), routed by the domain, turned into the record
by `record.build_record` and rendered by `delivery.messages.build`: nothing is stored or sent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from wizard.delivery.messages import MailSettings, NoRecipient, build, payload
from wizard.domain.profiles import CouncilProfile
from wizard.domain.timeline import milestones
from wizard.journey.record import build_record
from wizard.journey.steps import BY_SLUG, walk

SAMPLE_REFERENCE_CODE = "ABCDEFGH"  # shown with the council's short code; never a real reference


def _sample_answers(today: date) -> dict[str, dict[str, list[str]]]:
    """A relative complaining about fostering for a 14-year-old who agrees, and wants an advocate."""
    happened = today - timedelta(days=30)
    by_slug = {
        "child-in-danger": {"danger": ["no"]},
        "who-are-you": {"who": ["relative"]},
        "what-is-it-about": {"about": ["fostering"]},
        "who-gave-the-care": {"provider": ["no"]},
        "about-the-child": {"child_name": ["Sample Child"], "child_age": ["14"], "child_dob": ["", "", ""]},
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
    return {BY_SLUG[slug].name: data for slug, data in by_slug.items()}


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
    w = walk(_sample_answers(today), profile, today)
    if not w.complete:  # the sample no longer fits the questions: say which one, rather than show nonsense
        raise ValueError(f"the sample complaint stops at the step {w.current.slug if w.current else '?'}")
    decision = w.decision
    timeline = milestones(profile, decision.procedure, today) if decision.procedure else None
    record = build_record(w, profile, decision, timeline, "en")
    reference = f"{profile.short_code}-{SAMPLE_REFERENCE_CODE}"
    settings = MailSettings.from_config(config)
    emails = []
    for kind in ("council", "complainant", "advocacy"):
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
