"""The council, complainant and advocacy emails, and the JSON copy of a complaint for case systems.

Emails are rendered from ``templates/email/<kind>.txt`` and ``.html`` with a Jinja environment of their own
(this module needs no Flask) and assembled with the standard library's ``email.message.EmailMessage``.

Nothing a person typed goes into a header unchecked: the subject is built only from the vocabulary and the
reference; a display name has every control character and line break turned into a space; an address is used
only if it is a plain ``local@domain`` with no spaces, quotes, commas or angle brackets. Recipients are always
passed to the mail server explicitly (the envelope), never read back from headers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from urllib.parse import quote, urlencode

from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from wizard.delivery.references import is_reference
from wizard.domain.complaint import (
    COMPARED_DETAILS,
    DANGER_ACTION,
    DANGER_LABEL,
    EARLIER_DIFFERENCES,
    SCHEMA_VERSION,
    Complaint,
    Escalation,
)
from wizard.domain.dates import day_month_text, day_text, due_text
from wizard.domain.escalation import FOLLOWING_STAGE, OMBUDSMAN, request_acknowledgement, window_days
from wizard.domain.profiles import CouncilProfile
from wizard.domain.vocabulary import (
    ABOUT_LABELS,
    AGREES_LABELS,
    CONFIRM_METHOD_WORDS,
    CONTACT_WAY_WORDS,
    DECIDE_FIRST_WORDS,
    ESCALATION_FLAG_LABELS,
    ESCALATION_OUTCOME_LABELS,
    FIRST_STAGE_MILESTONES,
    FLAG_LABELS,
    FOLLOWING_STAGE_NAMES,
    HELP_LABELS,
    MILESTONE_LABELS,
    N_,
    NEXT_STAGE_WORDS,
    OUTCOME_LABELS,
    PROCEDURE_NAMED_WORDS,
    RECORD_LABELS,
    REPLY_STAGE_LABELS,
    STAFF_MILESTONE_LABELS,
    STATED_PROCEDURE_LABELS,
    TELL_WORDS,
    THROUGH_WORDS,
    WHO_LABELS,
    YES_NO_UNSURE_WORDS,
    labels,
    stage1_words,
)
from wizard.domain.young_words import YOUNG_EMAIL, Reworded, audience

# Where the templates and the compiled catalogues are when nobody says otherwise (``MailSettings`` carries them).
PACKAGE_ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = PACKAGE_ROOT / "templates" / "email"
TRANSLATIONS = PACKAGE_ROOT / "translations"
# The complainant's email is written in the language they used the service in (one of ``MailSettings.languages``,
# the app's LANGUAGES); the council's and the advocacy service's emails in English, the language the complaints
# team works in.
STAFF_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": N_("English"), "cy": N_("Welsh")}

# Subject-line tags stay in English in every language: councils' mail rules and case systems match on them.
PROCEDURE_TAGS = {"statutory": "Statutory", "corporate": "Corporate"}
PROCEDURE_NAMES = {"statutory": N_("Statutory"), "corporate": N_("Corporate")}
NO_PROCEDURE = N_("Not decided")
# How to contact the person must be read before anyone does (``Complaint.contact_warning``), like the danger tag.
CONTACT_WARNING_TAGS = {"read_first": "Contact safely: read first", "no_way": "No way to contact"}
# Flags that ask the complaints team to do something, as they appear in the subject line.
FLAG_TAGS = {
    "advocacy_requested": "Advocate requested",
    "sufficient_interest": "Decide eligibility",
    "late": "Late",
    "proceedings": "Court or police",
    "provider_care": "Provider care",
}

# A person who said a child was in danger, then carried on (``Complaint.danger_reported``): shown first.
DANGER_FLAG = {"id": DANGER_ACTION, "label": DANGER_LABEL}


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
_ADDRESS_IN_TEXT = re.compile(r"[^\s<>\"',;:]+@[^\s<>\"',;:]+")


@dataclass(frozen=True)
class MailSettings:
    """Who the emails go to and come from, the languages a complainant's copy may be in, and where the email
    templates and compiled catalogues are: given by the caller (the app passes its settings), never looked up."""

    mail_from: str
    council_inbox: str
    advocacy_inbox: str | None
    languages: tuple[str, ...] = (STAFF_LANGUAGE,)
    templates: Path = TEMPLATES
    translations: Path = TRANSLATIONS
    # The service's address (PUBLIC_URL): the complainant's email links to the next stage from it.
    public_url: str | None = None

    @classmethod
    def from_config(cls, config) -> MailSettings:
        return cls(
            mail_from=config["MAIL_FROM"],
            council_inbox=config["COUNCIL_INBOX"],
            advocacy_inbox=config.get("ADVOCACY_INBOX"),
            languages=tuple(config.get("LANGUAGES") or (STAFF_LANGUAGE,)),
            translations=Path(config.get("BABEL_TRANSLATION_DIRECTORIES") or TRANSLATIONS),
            public_url=config.get("PUBLIC_URL"),
        )


def header_text(value: object, limit: int = 200) -> str:
    """Text safe for a header: line breaks and control characters become single spaces."""
    text = _CONTROL.sub(" ", str(value or "")).replace("=?", "= ?")
    return " ".join(text.split())[:limit]


def redact(text: str) -> str:
    """Remove email addresses (a mail server's error can quote the recipient)."""
    return _ADDRESS_IN_TEXT.sub("<address>", text)


def mail_domain(mail_from: str) -> str:
    return mail_from.rsplit("@", 1)[-1].strip().lower() or "localhost"


def message_id_for(reference: str, kind: str, domain: str) -> str:
    """The same Message-ID for the same message every time it is sent."""
    return f"<{reference}.{kind}@{domain}>"


def long_date(value: date | None, language: str = STAFF_LANGUAGE) -> str:
    """A due date in an email (``wizard.domain.dates.due_text``), "" for none."""
    return due_text(value, language) if value else ""


def day_date(value: date | None, language: str = STAFF_LANGUAGE) -> str:
    """A day that is not a due date (a date of birth) in an email (``wizard.domain.dates.day_text``)."""
    return day_text(value, language) if value else ""


def language_of(kind: str, record: Complaint, languages: tuple[str, ...] = (STAFF_LANGUAGE,)) -> str:
    """The language an email is written in: the complainant's own for their copy (one of ``languages``),
    English for the council's."""
    if kind != "complainant":
        return STAFF_LANGUAGE
    return record.language if record.language in languages else STAFF_LANGUAGE


@cache
def translations(language: str, directory: Path = TRANSLATIONS) -> NullTranslations:
    """The compiled catalogue for a language (``make`` compiles them); English is the source text."""
    if language == STAFF_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(directory), [language], domain="messages")


# ---------------------------------------------------------------------------------------------------------
# What the templates show


def _identity(text: str) -> str:
    return text


def _scalar_text(value, gettext=_identity) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list | tuple):
        return ", ".join(_scalar_text(v, gettext) for v in value if v not in (None, ""))
    if isinstance(value, dict):
        return "; ".join(
            f"{_label(k, gettext)}: {_scalar_text(v, gettext)}" for k, v in value.items() if v not in (None, "")
        )
    return str(value)


def _label(key: str, gettext=_identity) -> str:
    return gettext(RECORD_LABELS[key]) if key in RECORD_LABELS else str(key).replace("_", " ").capitalize()


# Coded answers, in words the complaints team and an advocate read (the JSON keeps the codes).
VALUE_LABELS = {
    "child_agrees": AGREES_LABELS,
    "answer": labels(YES_NO_UNSURE_WORDS),
    "offer_asked": labels(YES_NO_UNSURE_WORDS),
    "method": labels(CONFIRM_METHOD_WORDS),
    "preferred": labels(CONTACT_WAY_WORDS),
    "through": labels(THROUGH_WORDS),
    "help": HELP_LABELS,
    # The language the form was used in, as a word ("Welsh"), not its code (a fresh-eyes walk, session 6).
    "language": LANGUAGE_NAMES,
}


def _value_text(key: str, value, gettext=_identity) -> str:
    words = VALUE_LABELS.get(key)
    if words is None:
        return _scalar_text(value, gettext)
    items = value if isinstance(value, list | tuple) else [value]
    texts = (gettext(words[v]) if v in words else _scalar_text(v, gettext) for v in items if v not in (None, ""))
    return ", ".join(texts)


def _pairs(data, only: tuple[str, ...] | None = None, gettext=_identity) -> list[tuple[str, str]]:
    """A dict of answers as (label, text) pairs, for the parts shown apart from the sections, in the record's
    order (the order the questions were asked)."""
    if not isinstance(data, dict):
        return []
    pairs = []
    for key, value in data.items():
        if only is not None and key not in only:
            continue
        if value in (None, "", [], {}):
            continue
        pairs.append((_label(key, gettext), _value_text(key, value, gettext)))
    return pairs


def _advocacy_json(record: Complaint) -> dict:
    """The advocacy answers, with the filing advocate's name beside their work details (walk K: it was left out)."""
    answers = record.answers
    data = answers.advocacy.to_json()
    if record.child_not_told and data.get("answer"):
        # Asked of the person, not the child, who does not know about the complaint (walk L, L7).
        data = {"offer_asked" if key == "answer" else key: value for key, value in data.items()}
    if data.get("advocate"):
        data["advocate"] = {"name": answers.contact.name, **data["advocate"]}
    return data


def _contact_pairs(contact, gettext=_identity) -> list[tuple[str, str]]:
    """How to get in touch with the person, for the advocacy service (fresh-eyes walk J, J1).

    A "best way" is listed only when the person chose it among several ways (with one way given it was never
    asked). When they said the way is not safe, how to reach them safely comes first, and the best way says it is
    not safe, so nobody copies the phone number and rings a child at home."""
    data = {k: v for k, v in contact.to_json().items() if k != "trusted"}
    given = [way for way in ("email", "phone", "address") if data.get(way)]
    if len(given) < 2:
        data.pop("preferred", None)
    if contact.safe_to_contact is False:
        safety = {k: data.pop(k) for k in ("safe_to_contact", "safe_way") if k in data}
        data = {"name": data.pop("name", None), **safety, **data}
    pairs = _pairs(data, None, gettext)
    if contact.safe_to_contact is False and data.get("preferred"):
        best = _label("preferred", gettext)
        pairs = [(label, gettext("%(way)s, but they said it is not safe: see how to contact them safely, above")
                  % {"way": text} if label == best else text) for label, text in pairs]
    return pairs


def dates(
    record: Complaint, language: str = STAFF_LANGUAGE, labels=MILESTONE_LABELS, directory: Path = TRANSLATIONS,
    gettext=None,
) -> list[dict]:
    """The timeline's milestones as ``{"key", "label", "note", "due", "due_text", "working_days", "if_asked"}``.

    ``labels`` are the words for the reader: ``MILESTONE_LABELS`` for the complainant, ``STAFF_MILESTONE_LABELS``
    for the complaints team. The dates are the same. ``if_asked``: a new complaint's date of a later stage, which
    follows only if the person asks for that stage (not a deadline yet).
    """
    gettext = gettext or translations(language, directory).gettext  # the reader's words, when given
    later = record.dates_if_asked
    rows = []
    for m in record.milestones:
        label = gettext(labels[m.key]) if m.key in labels else m.key
        if_asked = m.key in later
        rows.append({
            "key": m.key,
            "label": label,
            "note": gettext("only if the person asks for that stage") if if_asked else "",
            "due": m.due.isoformat(),
            "due_text": long_date(m.due, language),
            "working_days": m.working_days,
            "if_asked": if_asked,
        })
    return rows


def escalation_dates(
    record: Complaint, profile: CouncilProfile | None, gettext, language: str, labels=MILESTONE_LABELS
) -> list[dict]:
    """The due dates of a request to take a complaint further, the one list its confirmation page, the person's
    email, their calendar file and the council's email show: the acknowledgement (the profile's days), then the
    stage's own dates. ``{"key", "label", "note", "due", "day", "due_text", "working_days", "if_agreed"}``:
    ``note``, shown after the label in brackets, says for a late request that the date holds only if the council
    agrees to look at it (the acknowledgement does not wait for that). ``labels``: ``MILESTONE_LABELS``
    for the person, ``STAFF_MILESTONE_LABELS`` for the complaints team."""
    further = record.escalation
    if further is None or record.timeline is None:
        return []
    milestones = list(record.timeline.milestones)
    acknowledgement = request_acknowledgement(profile, record.timeline) if profile is not None else None
    if acknowledgement is not None:
        milestones.insert(0, acknowledgement)
    staff = labels is STAFF_MILESTONE_LABELS
    rows = []
    for m in milestones:
        label = gettext(labels[m.key]) if m.key in labels else m.key
        if_agreed = further.late and not m.key.endswith("acknowledgement")
        note = ""
        if if_agreed:
            note = (
                gettext("if the council agrees to look at the late request")
                if staff
                else gettext("if we agree to look at your request")
            )
        rows.append({
            "key": m.key,
            "label": label,
            "note": note,
            "due": m.due.isoformat(),
            "day": m.due,
            "due_text": long_date(m.due, language),
            "working_days": m.working_days,
            "if_agreed": if_agreed,
        })
    return rows


def _and_list(items: list[str], gettext) -> str:
    """``a, b and c`` (``a, b a c`` in Welsh)."""
    if len(items) < 2:
        return "".join(items)
    return gettext("%(list)s and %(last)s") % {"list": ", ".join(items[:-1]), "last": items[-1]}


def _earlier_check(further, gettext) -> str:
    """What the council is told of how the request compares with the earlier complaint of ours it names: which
    details differ (never the stored values), or that they match, or that it could not be compared."""
    earlier = further.earlier
    if earlier is None:
        return ""
    if earlier.differs is None:
        found = gettext("This request could not be compared with it (its content is no longer kept).")
    elif earlier.differs:
        found = gettext("Compared with it: %(differences)s.") % {
            "differences": "; ".join(gettext(EARLIER_DIFFERENCES[d]) for d in earlier.differs)
        }
    elif earlier.compared is None:  # stored before the details compared were recorded
        found = gettext("Compared with it: no difference in the details both give.")
    elif not earlier.compared:
        # Nothing in common to compare is not a match (walk G, G7/M5).
        found = gettext(
            "Not compared with it: the request and that complaint do not both give any of the child's name, an "
            "email address, a phone number or a postal address."
        )
    else:
        found = gettext("Compared with it, the same in both: %(same)s.") % {"same": _and_list(
            [gettext(COMPARED_DETAILS[d]) for d in earlier.compared], gettext
        )}
    if earlier.differs is not None and earlier.compared is not None:
        unknown = [gettext(COMPARED_DETAILS[d]) for d in COMPARED_DETAILS if d not in earlier.compared]
        if earlier.compared and unknown:
            found += " " + gettext("Not compared (given in only one of them, or in neither): %(details)s.") % {
                "details": _and_list(unknown, gettext)
            }
    warning = gettext("Anyone who has seen a reference can type it: check the request is from the same person.")
    # The service never writes to the earlier complaint's person about a request (brief item 7): it may come from
    # someone else in the family, and a notice read by the wrong person could put someone at risk.
    untold = gettext(
        "The person who made that complaint has not been told of this request: this service does not write to "
        "them about it, as it may come from someone else. If you need to check with them, contact them in the "
        "way that complaint says is safe."
    )
    return f"{found} {warning} {untold}"


def _reply_date_text(further: Escalation, gettext, language: str) -> str:
    """The reply's date as the person gave it: a month without its day is shown as one, with the day it is
    counted from ("September 2026 (day not given; counted from 30 September)")."""
    reply = further.reply_date
    if reply is None:
        return ""
    if further.reply_date_day_known:
        return long_date(reply, language)
    return gettext("%(month)s (day not given; counted from %(day)s)") % {
        "month": day_text(reply, language, month_only=True),
        "day": day_month_text(reply, language),
    }


def _in_time_text(further: Escalation, gettext, language: str) -> str:
    """That the request was in time, as the person reads it ("" when late, or the reply's date is unknown)."""
    window = further.window
    if window is None or window.late:  # a late request has its own sentence (the council decides first)
        return ""
    return gettext("You asked in time: within %(days)s working days of the reply (by %(date)s).") % {
        "days": window.working_days, "date": long_date(window.last_day, language)
    }


def _following_text(further: Escalation, profile: CouncilProfile | None, gettext) -> str:
    """What the person can do after the stage they asked for: the next stage and its window, or the Ombudsman."""
    following = FOLLOWING_STAGE.get(further.next_stage or "")
    if following is None:
        # The Ombudsman's own sentence follows it on the page and in the email.
        return gettext("This is the last stage of the council's complaints procedure.")
    days = window_days(profile, following) if profile is not None else 20
    return gettext(
        "If you are still unhappy after this stage, you can ask for %(stage)s. You usually need to ask within "
        "%(days)s working days of the day you get the reply to this stage."
    ) % {"stage": gettext(FOLLOWING_STAGE_NAMES[following]), "days": days}


def next_stage_query(record: Complaint, reference: str) -> dict[str, str]:
    """The query of a new complaint's link to ask for its next stage: its reference and, when the confirmation and
    email name it (``Complaint.procedure_named``), its procedure, so the path does not ask what the person was just
    told (walk M, M6). Nothing else: a link carries nothing the email it is in does not say."""
    query = {"reference": reference}
    if record.procedure_named:
        query["procedure"] = record.procedure_named
    return query


def escalation_context(
    record: Complaint, gettext, language: str, profile: CouncilProfile | None = None, labels=MILESTONE_LABELS
) -> dict | None:
    """What the emails and the confirmation page say about a request to take a complaint further (None for a new
    complaint)."""
    further = record.escalation
    if further is None:
        return None
    decision = further.decision
    window = further.window
    earlier = further.earlier
    outcome = decision.outcome

    def label(labels, key) -> str:
        return gettext(labels[key]) if key in labels else ""

    dates = escalation_dates(record, profile, gettext, language, labels)
    acknowledged = next((d["due_text"] for d in dates if d["key"].endswith("acknowledgement")), "")
    late_said = bool(window and window.late) and bool(acknowledged)
    return {
        "outcome": outcome,
        "outcome_label": label(ESCALATION_OUTCOME_LABELS, outcome),
        "earlier_reference": further.earlier_reference or "",
        "linked": further.linked,
        "earlier_submitted_text": long_date(earlier.submitted, language) if earlier else "",
        "earlier_procedure": (earlier.procedure if earlier else None) or "",
        "earlier_check": _earlier_check(further, gettext),
        "stated_procedure_label": label(STATED_PROCEDURE_LABELS, further.stated_procedure),
        "reply_stage_label": label(REPLY_STAGE_LABELS, further.reply_stage),
        "reply_date_text": _reply_date_text(further, gettext, language),
        "window_days": window.working_days if window else None,
        "last_day_text": long_date(further.last_day, language),
        "late": bool(window and window.late),
        "late_reason": further.late_reason or "",
        "flags": [{"id": f, "label": gettext(ESCALATION_FLAG_LABELS[f])} for f in further.flags],
        # The person was not sure of the procedure: they are told it was worked out and will be checked (walk H, M3).
        "procedure_worked_out": "check_procedure" in further.flags,
        "reasons": decision.reasons,
        "conciliation": further.conciliation,
        "early_referral": further.early_referral,
        "review_panel": outcome == "review_panel",
        # An advocate asking for a child: what the child can do at a review panel is said of the child (walk H, H2).
        "by_advocate": record.made_by_advocate,
        "dates": dates,
        # The day the council tells the person it has the request (the first of the dates), said again beside a
        # late request's decision: the person is told when to call if they have heard nothing (walk F, F5).
        "acknowledged_text": acknowledged,
        # The dates the person's email lists: a late request's email has just said the day we tell them we have it
        # ("We will tell you we have your request by ..."), so it is not listed again (session 9).
        "listed_dates": [d for d in dates if not (late_said and d["key"].endswith("acknowledgement"))],
        "what_next": gettext(NEXT_STAGE_WORDS[further.next_stage]) if further.next_stage in NEXT_STAGE_WORDS else "",
        "in_time_text": _in_time_text(further, gettext, language),
        "following_text": _following_text(further, profile, gettext),
    }

def context(
    reference: str,
    record: Complaint,
    profile: CouncilProfile,
    language: str = STAFF_LANGUAGE,
    kind: str = "council",
    directory: Path = TRANSLATIONS,
    same_inbox: bool = False,
) -> dict:
    """Everything the email templates show, read from the record, in ``language``.

    The answers' section titles, labels and the routing reasons are stored with the complaint in English, as the
    complaints team read them; the words this module adds are translated.
    """
    answers = record.answers
    # The sentences built here (a request's dates, its steps, what follows it) are the reader's: a child asking
    # for the next stage reads them in the young words, as their email's template sentences are.
    gettext = (complainant_words(language, answers.who, directory) if kind == "complainant"
               else translations(language, directory)).gettext
    decision = record.decision
    procedure = decision.procedure
    outcome = decision.outcome
    sections = [
        {"title": s.title, "rows": [{"label": r.label, "value": _scalar_text(r.value, gettext)} for r in s.rows]}
        for s in record.sections
    ]

    def label(labels, key) -> str:
        return gettext(labels[key]) if key in labels else key or ""

    def pairs(data, only=None):
        return _pairs(data, only, gettext)

    all_dates = dates(record, language, STAFF_MILESTONE_LABELS if kind == "council" else MILESTONE_LABELS, directory,
                      gettext)
    by_key = {d["key"]: d for d in all_dates}
    actions = [action.to_dict() for action in record.needs_action(gettext)]
    # Whether a younger child knows is among the answers the email lists ("Check your answers"); the consent
    # part keeps the fields it always had.
    consent = {k: v for k, v in answers.consent.to_json().items() if k != "child_knows"}
    if not answers.consent.asked and not answers.consent.continue_without_consent:
        # Nobody was asked for the child's agreement (a child complaining themselves, a younger child): a list
        # of "No"s reads as if something was missed; the email says no consent was needed or recorded.
        consent = {}
    elif not answers.consent.continue_without_consent:
        # "Going on without the child's agreement: No" next to a complaint that went on reads as a contradiction:
        # only someone who chose to go on without it is asked, and then the row says Yes (walk I).
        consent.pop("continue_without_consent", None)
    further = escalation_context(
        record, gettext, language, profile,
        STAFF_MILESTONE_LABELS if kind in ("council", "advocacy") else MILESTONE_LABELS,
    )
    if further is not None:
        # A request's dates are the one list of ``escalation_dates`` (its acknowledgement first; "if the council
        # agrees" on a late request's), the same the person's pages show.
        all_dates = further["dates"]

    return {
        "reference": reference,
        "council": profile,
        "submitted": record.submitted.isoformat(),
        "submitted_text": long_date(record.submitted, language),
        "received_text": long_date(record.timeline.received if record.timeline else None, language),
        "procedure": procedure,
        "procedure_tag": gettext(PROCEDURE_NAMES.get(procedure, NO_PROCEDURE)),
        "outcome": outcome,
        "outcome_label": label(OUTCOME_LABELS, outcome),
        "reasons": decision.reasons,
        "flags": ([{**DANGER_FLAG, "label": gettext(DANGER_FLAG["label"])}] if record.danger_reported else [])
        + [{"id": f, "label": gettext(FLAG_LABELS[f])} for f in record.flags],
        "actions": actions,
        # What the advocacy service must know before it gets in touch: danger, safe ways, no messages, help.
        "contact_actions": [action.to_dict() for action in record.contact_actions(gettext, same_inbox)],
        # The advocacy email goes to the complaints inbox too: it does not send its reader to themselves.
        "same_inbox": same_inbox,
        "decide_first": record.decide_first,
        "decide_first_words": DECIDE_FIRST_WORDS,
        # How the person hears what the council decides (``complaint.told_by``), said through ``_()`` in the
        # templates so a child's email has its own words.
        "tell_words": TELL_WORDS,
        "told_by": record.told_by,
        "stage1_words": stage1_words,
        "procedure_named": record.procedure_named,
        "procedure_named_words": PROCEDURE_NAMED_WORDS,
        "time_limit_months": profile.time_limit_months,
        "sufficient_interest": record.child_information_withheld,
        "who": answers.who,
        "who_label": label(WHO_LABELS, answers.who),
        "about": answers.about,
        "about_label": label(ABOUT_LABELS, answers.about),
        "sections": sections,
        "consent": pairs(consent),
        # A younger child's parent or carer said whether the child knows (J13: "No consent was needed or recorded"
        # read as if nothing had been asked).
        "child_knows": answers.consent.child_knows,
        "advocacy_requested": record.advocacy_requested,
        "made_by_advocate": record.made_by_advocate,
        "advocacy": pairs(_advocacy_json(record), ("answer", "offer_asked", "advocate")),
        "child": pairs(_child_details(answers.child, language)),
        "contact": answers.contact,
        # The person they trust is in the contact actions, with the checks to make before using it.
        "contact_pairs": _contact_pairs(answers.contact, gettext),
        "child_contact": pairs(consent, ("child_agrees", "method", "child_contact")),
        # The council email holds the child's information: it does not reply to someone who may not have it yet.
        "reply_email": None if record.child_information_withheld else record.reply_address,
        "reply_withheld": record.reply_address if record.child_information_withheld else None,
        # An address the person gave that is not used to reply (not safe, or not the way they chose).
        "unused_email": record.unused_address,
        "dates": all_dates,
        # Every first-stage date by its key, None where the profile has none (a corporate complaint in a council
        # with no published extension): the templates ask for each, and asking for a missing one must not fail.
        "first_stage": dict.fromkeys(FIRST_STAGE_MILESTONES) | {m.key: by_key[m.key] for m in record.first_stage_dates},
        "language": language,
        "language_used": _language_used(answers.contact.language, gettext),
        "schema_version": SCHEMA_VERSION,
        "attachment_name": f"complaint-{reference}.json",
        "escalation": further,
        "ombudsman": OMBUDSMAN,
        # Where a new complaint's person can ask for the next stage (None: no PUBLIC_URL is configured), and
        # how long they usually have (the profile's window, 20 working days by default).
        "next_stage_url": None,
        # Without that address, where to ask instead: the council's inbox (COUNCIL_INBOX when set: see ``build``).
        "ask_inbox": profile.inbox,
        "next_stage_days": record.next_stage_window.working_days if record.next_stage_window else 20,
    }


def _child_details(child, language: str) -> dict | None:
    """The child's details in the order a person reads them, the date of birth as a date (``20 October 2011``)."""
    if child is None:
        return None
    return {**child.to_json(), "date_of_birth": day_date(child.date_of_birth, language)}


def _language_used(code: str | None, gettext=_identity) -> str:
    """How the complaints team sees the language the person used the service in."""
    if code in LANGUAGE_NAMES:
        return f"{gettext(LANGUAGE_NAMES[code])} ({code})"
    return gettext("Not recorded")


# What an escalation asks for, as the subject line names it (English, like the other tags).
ESCALATION_TAGS = {
    "statutory_stage2": "Stage 2 request",
    "review_panel": "Review panel request",
    "corporate_stage2": "Stage 2 request",
}
ESCALATION_FLAG_TAGS = {"late": "Late request", "early_referral_agreed": "Early Ombudsman referral agreed"}


def _earlier_in_subject(further: Escalation) -> str:
    """The earlier complaint, named in a subject only by a reference of ours (the person's own text never is)."""
    found = further.earlier.reference if further.earlier else None
    if is_reference(found):
        return f" (earlier complaint {found})"
    if further.earlier_reference:
        return " (earlier reference not from this service)"
    return " (no earlier reference given)"


def subject(kind: str, reference: str, record: Complaint, language: str = STAFF_LANGUAGE,
            directory: Path = TRANSLATIONS, same_inbox: bool = False) -> str:
    """The subject line. ``same_inbox``: the advocacy email goes to the complaints inbox too (Kingston), so its
    subject says plainly it is an advocacy request, not a second complaint (fresh-eyes walk E, E3)."""
    # What it is about in words (English, like the tags), never the vocabulary's id ("looked_after").
    about = ABOUT_LABELS.get(record.answers.about or "", "Complaint")
    further = record.escalation
    if kind == "council":
        tags = ["Child in danger reported"] if record.danger_reported else []
        if record.child_feels_unsafe:
            tags += ["Check safety today"]
        if record.contact_warning is not None:
            tags += [CONTACT_WARNING_TAGS[record.contact_warning]]
        if further is not None:
            tags += ["Escalation", ESCALATION_TAGS.get(further.next_stage, "Next stage")]
            tags += [tag for flag, tag in ESCALATION_FLAG_TAGS.items() if flag in further.decision.flags]
        tags += [PROCEDURE_TAGS.get(record.decision.procedure, "Not decided")]
        tags += [tag for flag, tag in FLAG_TAGS.items() if flag in record.decision.flags]
        if record.reply_in_welsh:
            tags += ["Reply in Welsh"]
        if further is not None:
            text = " ".join(f"[{t}]" for t in tags) + f" Request {reference}{_earlier_in_subject(further)}: {about}"
        else:
            text = " ".join(f"[{t}]" for t in tags) + f" Complaint {reference}: {about}"
    elif kind == "complainant":
        gettext = complainant_words(language, record.answers.who, directory).gettext
        if further is not None:
            text = gettext("We have received your request to take your complaint further: reference %(reference)s") % {
                "reference": reference
            }
        else:
            text = gettext("We have received your complaint: reference %(reference)s") % {"reference": reference}
    elif kind == "advocacy":
        tags = []
        if further is not None:
            tags += ["Escalation", ESCALATION_TAGS.get(further.next_stage, "Next stage")]
            tags += [tag for flag, tag in ESCALATION_FLAG_TAGS.items() if flag in further.decision.flags]
        tags.append(FLAG_TAGS["advocacy_requested"])
        noun = "Request" if further is not None else "Complaint"
        if same_inbox:
            noun = "Advocacy request for escalation" if further is not None else "Advocacy request for complaint"
        text = " ".join(f"[{t}]" for t in tags) + f" {noun} {reference}: {about}"
    else:
        raise ValueError(f"unknown message kind {kind!r}")
    return header_text(text, 300)


# ---------------------------------------------------------------------------------------------------------
# The JSON copy


def payload(reference: str, record: Complaint) -> dict:
    """The complaint in the domain vocabulary, for case systems (docs/complaint-json.md)."""
    data = record.to_json()
    return {"schema_version": data.pop("schema_version"), "reference": reference, **data}


def payload_bytes(reference: str, record: Complaint) -> bytes:
    return json.dumps(payload(reference, record), ensure_ascii=False, indent=2, sort_keys=False).encode()


# ---------------------------------------------------------------------------------------------------------
# The emails

def complainant_words(language: str, who: str | None, directory: Path = TRANSLATIONS):
    """The catalogue for the complainant's email: a child, young person or care leaver complaining for themselves
    reads the young text set (``domain/young_words.py``: what their confirmation page says, and the email's own
    sentences), in their language; anyone else the adult words."""
    found = translations(language, directory)
    return Reworded(found, YOUNG_EMAIL) if audience(who) == "young" else found


@cache
def _environment(
    language: str, templates: Path = TEMPLATES, directory: Path = TRANSLATIONS, reader: str = "adult"
) -> Environment:
    """One Jinja environment a language (and a reader: "young" for a child's own email), with ``_()`` from that
    language's catalogue, the young words laid over it for a young reader."""
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    words = translations(language, directory)
    env.install_gettext_translations(Reworded(words, YOUNG_EMAIL) if reader == "young" else words, newstyle=True)
    return env


def render(
    kind: str, ctx: dict, language: str = STAFF_LANGUAGE, templates: Path = TEMPLATES, directory: Path = TRANSLATIONS
) -> tuple[str, str]:
    """(plain text, HTML) bodies of one kind of email, in ``language``."""
    env = _environment(language, templates, directory, audience(ctx.get("who")) if kind == "complainant" else "adult")
    return env.get_template(f"{kind}.txt").render(ctx), env.get_template(f"{kind}.html").render(ctx)


@dataclass(frozen=True)
class Outgoing:
    kind: str
    message: EmailMessage
    sender: str  # the envelope sender
    recipients: tuple[str, ...]  # the envelope recipients: the only addresses the mail goes to


class NoRecipient(Exception):
    """The message has nobody to go to (for example the complainant's address is not usable)."""


def same_inboxes(settings: MailSettings) -> bool:
    """Whether advocacy requests go to the complaints inbox itself (no ADVOCACY_INBOX, or the same address)."""
    advocacy = settings.advocacy_inbox or settings.council_inbox
    return advocacy.strip().lower() == settings.council_inbox.strip().lower()


def recipients_for(kind: str, record: Complaint, settings: MailSettings) -> tuple[str, ...]:
    if kind == "council":
        return (settings.council_inbox,)
    if kind == "advocacy":
        return (settings.advocacy_inbox or settings.council_inbox,)
    if kind == "complainant":
        address = record.reply_address
        if not address:
            raise NoRecipient("the complainant's email address cannot be used")
        return (address,)
    raise ValueError(f"unknown message kind {kind!r}")


def build(
    kind: str,
    reference: str,
    record: Complaint,
    profile: CouncilProfile,
    settings: MailSettings,
    *,
    message_id: str | None = None,
    now: datetime | None = None,
    with_reply_to: bool = True,
) -> Outgoing:
    """One email, ready to hand to a mailer.

    ``with_reply_to=False`` leaves out the council email's Reply-To (the complainant's address): the outbox
    builds it that way when that header cannot be built, so the complaint still reaches the council.
    """
    language = language_of(kind, record, settings.languages)
    same_inbox = kind == "advocacy" and same_inboxes(settings)
    ctx = context(reference, record, profile, language, kind, settings.translations, same_inbox)
    if settings.public_url and kind == "complainant":
        query = urlencode(next_stage_query(record, reference))
        ctx["next_stage_url"] = f"{settings.public_url}/complaint/next-stage?{query}"
        if language != STAFF_LANGUAGE:  # through the language page, which then opens it (its next= is checked)
            target = quote(f"/complaint/next-stage?{query}", safe="/")
            ctx["next_stage_url"] = f"{settings.public_url}/language/{language}?next={target}"
    if settings.council_inbox:
        ctx["ask_inbox"] = settings.council_inbox
    text, html = render(kind, ctx, language, settings.templates, settings.translations)
    recipients = recipients_for(kind, record, settings)
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject(kind, reference, record, language, settings.translations, same_inbox)
    message["From"] = Address(display_name=header_text(profile.name), addr_spec=settings.mail_from)
    # Only the address: a display name is a person's text, and this Python's email package can turn an
    # encoded word in one (=?utf-8?q?...=0D=0A...?=) into a line break when it folds the header.
    message["To"] = Address(addr_spec=recipients[0])
    if kind == "council" and ctx["reply_email"] and with_reply_to:
        message["Reply-To"] = Address(addr_spec=ctx["reply_email"])
    elif kind == "complainant" and settings.council_inbox:
        # Replies go where the complaint went: COUNCIL_INBOX when it is set, or else the profile's inbox.
        message["Reply-To"] = Address(addr_spec=settings.council_inbox)
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = message_id or message_id_for(reference, kind, mail_domain(settings.mail_from))
    earlier = record.escalation.earlier if record.escalation is not None else None
    if kind == "council" and earlier is not None and is_reference(earlier.reference):
        # The earlier complaint's own email to the same inbox (its Message-ID is made the same way every time), so
        # the request shows in that complaint's thread.
        thread = message_id_for(earlier.reference, kind, mail_domain(settings.mail_from))
        message["In-Reply-To"] = thread
        message["References"] = thread
    message["X-Complaint-Reference"] = reference
    message["X-Complaint-Message"] = kind
    if kind == "complainant":
        message["Auto-Submitted"] = "auto-generated"
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    if kind == "council":
        message.make_mixed()
        message.add_attachment(
            payload_bytes(reference, record),
            maintype="application",
            subtype="json",
            filename=ctx["attachment_name"],
        )
    # Headers are folded only past the hard limit of a line: folding at 78 characters can break a subject
    # right after "Subject:", which some mail programs then show with a leading space. The parts' bodies were
    # encoded above with the usual line length.
    message.policy = _WIDE_HEADERS
    _check_headers(message, recipients)
    return Outgoing(kind, message, settings.mail_from, recipients)


_WIDE_HEADERS = SMTP.clone(max_line_length=998)

_HEADERS = {
    "subject",
    "from",
    "to",
    "reply-to",
    "date",
    "message-id",
    "x-complaint-reference",
    "x-complaint-message",
    "auto-submitted",
    "mime-version",
    "content-type",
    "in-reply-to",
    "references",
}


def _check_headers(message: EmailMessage, recipients: tuple[str, ...]) -> None:
    """Read the message back as a mail server would and refuse it if it grew a header or a recipient."""
    from email import message_from_bytes
    from email import policy as policies

    header_block = message.as_bytes().split(b"\r\n\r\n", 1)[0]
    parsed = message_from_bytes(header_block + b"\r\n\r\n", policy=policies.default)
    names = [name.lower() for name in parsed]
    if set(names) - _HEADERS or len(names) != len(set(names)):
        raise ValueError("the message's headers are not the ones it was built with")
    if [a.addr_spec for a in parsed["To"].addresses] != list(recipients):
        raise ValueError("the message's To header does not match its recipients")
