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

from babel.dates import format_date
from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from wizard.delivery.references import is_reference
from wizard.delivery.store import advocacy_requested, complainant_email, plain_address
from wizard.domain.escalation import OMBUDSMAN
from wizard.domain.profiles import CouncilProfile
from wizard.domain.routing import council_decides_first
from wizard.domain.vocabulary import (
    ABOUT_LABELS,
    ESCALATION_FLAG_LABELS,
    ESCALATION_FLAGS,
    ESCALATION_OUTCOME_LABELS,
    FIRST_STAGE_MILESTONES,
    FLAG_LABELS,
    FLAGS,
    HELP_LABELS,
    MILESTONE_LABELS,
    N_,
    OUTCOME_LABELS,
    REPLY_STAGE_LABELS,
    STAFF_MILESTONE_LABELS,
    STATED_PROCEDURE_LABELS,
    WHO_LABELS,
)
from wizard.settings import LANGUAGES, PROJECT_ROOT, TRANSLATIONS_DIR

SCHEMA_VERSION = "1.0"
TEMPLATES = PROJECT_ROOT / "templates" / "email"
# The complainant's email is written in the language they used the service in (one of the settings' LANGUAGES);
# the council's and the advocacy service's emails in English, the language the complaints team works in.
STAFF_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": N_("English"), "cy": N_("Welsh")}

# Subject-line tags stay in English in every language: councils' mail rules and case systems match on them.
PROCEDURE_TAGS = {"statutory": "Statutory", "corporate": "Corporate"}
PROCEDURE_NAMES = {"statutory": N_("Statutory"), "corporate": N_("Corporate")}
NO_PROCEDURE = N_("Not decided")
# Flags that ask the complaints team to do something, as they appear in the subject line.
FLAG_TAGS = {
    "advocacy_requested": "Advocate requested",
    "sufficient_interest": "Decide eligibility",
    "late": "Late",
    "proceedings": "Court or police",
    "provider_care": "Provider care",
}

# A person who said a child was in danger now was shown 999 and the council's number, then chose to carry on.
# The complaints team must see that first: it is not a routing flag, because the complaint's route is unchanged.
DANGER_FLAG = {
    "id": "danger_reported",
    "label": N_(
        "The person said a child was in danger when they started. They were shown 999 and the council's "
        "emergency number, then carried on with the complaint. Check the child is safe."
    ),
}


def decided_first(record: dict) -> tuple[str, ...]:
    """Why the council must first decide whether it can look at this stored complaint (``council_decides_first``)."""
    consent = (record.get("answers") or {}).get("consent") or {}
    flags = (record.get("decision") or {}).get("flags") or ()
    return council_decides_first(flags, bool(consent.get("continue_without_consent")))


def danger_reported(record: dict) -> bool:
    return bool((record.get("answers") or {}).get("danger_reported"))


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
_ADDRESS_IN_TEXT = re.compile(r"[^\s<>\"',;:]+@[^\s<>\"',;:]+")


@dataclass(frozen=True)
class MailSettings:
    mail_from: str
    council_inbox: str
    advocacy_inbox: str | None
    # The service's address (PUBLIC_URL): the complainant's email links to the next stage from it.
    public_url: str | None = None

    @classmethod
    def from_config(cls, config) -> MailSettings:
        return cls(
            mail_from=config["MAIL_FROM"],
            council_inbox=config["COUNCIL_INBOX"],
            advocacy_inbox=config.get("ADVOCACY_INBOX"),
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


def long_date(value: str | date | None, language: str = STAFF_LANGUAGE) -> str:
    """``Monday 17 March 2025``, or ``Dydd Llun 17 Mawrth 2025`` in Welsh: a due date, in emails and on pages."""
    if not value:
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(day, "EEEE d MMMM y", locale=language)


def language_of(kind: str, record: dict) -> str:
    """The language an email is written in: the complainant's own for their copy, English for the council's."""
    if kind != "complainant":
        return STAFF_LANGUAGE
    chosen = ((record.get("answers") or {}).get("contact") or {}).get("language")
    return chosen if chosen in LANGUAGES else STAFF_LANGUAGE


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue for a language (``make`` compiles them); English is the source text."""
    if language == STAFF_LANGUAGE:
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS_DIR), [language], domain="messages")


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
    return gettext(LABELS[key]) if key in LABELS else str(key).replace("_", " ").capitalize()


LABELS = {
    # contact
    "name": N_("Name"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "address": N_("Address"),
    "preferred": N_("Best way to contact"),
    "contact_method": N_("Best way to contact"),
    "safe_to_contact": N_("Safe to contact that way"),
    "safe_way": N_("How to contact safely"),
    "leave_message": N_("Can leave a message"),
    "help": N_("Help to take part"),
    "needs": N_("Help to take part"),
    "interpreter_language": N_("Interpreter language"),
    "help_other": N_("Other help"),
    "language": N_("Language the form was filled in"),
    # child and consent
    "age": N_("Age"),
    "date_of_birth": N_("Date of birth"),
    "surname": N_("Last name"),
    "social_worker": N_("Social worker or personal adviser"),
    "where": N_("Where they live, or their school or college"),
    "asked": N_("Child's agreement asked"),
    "child_agrees": N_("Child agrees"),
    "method": N_("How the child will confirm"),
    "child_contact": N_("How to contact the child safely"),
    "child_typed_name": N_("Name the child typed to confirm"),
    "continue_without_consent": N_("Going on without the child's agreement"),
    # advocacy
    "requested": N_("Advocate requested"),
    "answer": N_("Would like an advocate"),
    "advocate": N_("The advocate filing"),
    "organisation": N_("Organisation"),
    "role": N_("Role"),
    "working_hours": N_("Working hours"),
}


# Coded answers, in words the complaints team and an advocate read (the JSON keeps the codes).
_YES_NO_UNSURE = {"yes": N_("Yes"), "no": N_("No"), "unsure": N_("Not sure")}
_CONTACT_WAYS = {"email": N_("Email"), "phone": N_("Phone"), "post": N_("Post")}
VALUE_LABELS = {
    "child_agrees": _YES_NO_UNSURE,
    "answer": _YES_NO_UNSURE,
    "method": {
        "child_types": N_("The child typed their name to confirm"),
        "council_contacts": N_("The council is to contact the child to check"),
    },
    "preferred": _CONTACT_WAYS,
    "contact_method": _CONTACT_WAYS,
    "help": HELP_LABELS,
}


def _value_text(key: str, value, gettext=_identity) -> str:
    words = VALUE_LABELS.get(key)
    if words is None:
        return _scalar_text(value, gettext)
    items = value if isinstance(value, list | tuple) else [value]
    texts = (gettext(words[v]) if v in words else _scalar_text(v, gettext) for v in items if v not in (None, ""))
    return ", ".join(texts)


def _pairs(data, only: tuple[str, ...] | None = None, gettext=_identity) -> list[tuple[str, str]]:
    """A dict of answers as (label, text) pairs, for the parts shown apart from the sections."""
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


def dates(record: dict, language: str = STAFF_LANGUAGE, labels=MILESTONE_LABELS) -> list[dict]:
    """The timeline's milestones as ``{"key", "label", "due", "due_text", "working_days"}``.

    ``labels`` are the words for the reader: ``MILESTONE_LABELS`` for the complainant, ``STAFF_MILESTONE_LABELS``
    for the complaints team. The dates are the same.
    """
    timeline = record.get("timeline") or {}
    rows = []
    for m in timeline.get("milestones") or ():
        rows.append(
            {
                "key": m["key"],
                "label": translations(language).gettext(labels[m["key"]]) if m["key"] in labels else m["key"],
                "due": m["due"],
                "due_text": long_date(m["due"], language),
                "working_days": m.get("working_days"),
            }
        )
    return rows


# What the complaints team must act on before the first contact

_WAYS = {"email": N_("email"), "phone": N_("phone"), "post": N_("post")}
_HELP_ACTIONS = {
    "bsl": N_("Arrange a British Sign Language (BSL) interpreter."),
    "easy_read": N_("Write letters in easy read."),
    "large_print": N_("Write letters in large print."),
}


# The actions about reaching people safely (not the council's decisions), shown to the advocacy service too.
CONTACT_ACTION_PREFIXES = (DANGER_FLAG["id"], "contact.", "child.")


def needs_action(record: dict, gettext=_identity) -> list[dict]:
    """Everything a caseworker must act on before the first contact, as ``{"id", "label"}`` in order.

    The one place this is worked out: the council's email shows it as its action list. It reads the routing
    flags, whether a child was reported in danger, how the person (and, when an advocate files, the child) may
    be contacted safely, and every help need.
    """
    answers = record.get("answers") or {}
    decision = record.get("decision") or {}
    flags = [f for f in FLAGS if f in (decision.get("flags") or ())]
    out: list[dict] = []
    if danger_reported(record):
        out.append({"id": DANGER_FLAG["id"], "label": gettext(DANGER_FLAG["label"])})
    out += _escalation_actions(record, gettext)
    for flag in flags:
        out.append({"id": flag, "label": _flag_action(flag, record, gettext)})
    contact = answers.get("contact") or {}
    out += _contact_actions(contact, gettext, "contact")
    child_needs = answers.get("child_needs")
    if isinstance(child_needs, dict):
        out += _contact_actions(child_needs, gettext, "child")
    # Each action on one line: a person's own words inside one (the safe way, the help) cannot start lines
    # that read as further actions, or as a second list.
    return [{**action, "label": " ".join(str(action["label"]).split())} for action in out]


def escalation_of(record: dict) -> dict | None:
    """The escalation part of a stored record (None for a new complaint, or one stored before escalations)."""
    found = record.get("escalation") if record.get("kind") == "escalation" else None
    return found if isinstance(found, dict) else None


_ESCALATION_ACTIONS = {
    "late": N_(
        "Asked for after the usual time (the last day was %(last_day)s). Decide whether to agree to it: the "
        "person has said why."
    ),
    "check_procedure": N_(
        "The person was not sure which procedure the complaint is in: check it against the earlier reply."
    ),
    "conciliation_wanted": N_("The person would like a meeting to sort things out before the next stage: offer one."),
    "early_referral_agreed": N_(
        "The person agrees to the complaint going straight to the Ombudsman: decide whether to refer it early."
    ),
}


def _escalation_actions(record: dict, gettext) -> list[dict]:
    further = escalation_of(record)
    if further is None:
        return []
    decision = further.get("decision") or {}
    window = decision.get("window") or {}
    out = []
    for flag in ESCALATION_FLAGS:
        if flag in (decision.get("flags") or ()):
            label = gettext(_ESCALATION_ACTIONS[flag]) % {"last_day": long_date(window.get("last_day"))}
            out.append({"id": f"escalation.{flag}", "label": label})
    return out


def escalation_context(record: dict, gettext, language: str) -> dict | None:
    """What the emails say about a request to take a complaint further (None for a new complaint)."""
    further = escalation_of(record)
    if further is None:
        return None
    decision = further.get("decision") or {}
    window = decision.get("window") or {}
    earlier = further.get("earlier") if isinstance(further.get("earlier"), dict) else None
    outcome = decision.get("outcome")
    return {
        "outcome": outcome,
        "outcome_label": gettext(ESCALATION_OUTCOME_LABELS[outcome]) if outcome in ESCALATION_OUTCOME_LABELS else "",
        "earlier_reference": further.get("earlier_reference") or "",
        "linked": bool(further.get("linked")) and earlier is not None,
        "earlier_submitted_text": long_date(earlier.get("submitted"), language) if earlier else "",
        "earlier_procedure": (earlier or {}).get("procedure") or "",
        "stated_procedure_label": gettext(STATED_PROCEDURE_LABELS.get(further.get("stated_procedure"), "")),
        "reply_stage_label": gettext(REPLY_STAGE_LABELS.get(further.get("reply_stage"), "")),
        "reply_date_text": long_date(further.get("reply_date"), language),
        "window_days": window.get("working_days"),
        "last_day_text": long_date(window.get("last_day"), language),
        "late": bool(window.get("late")),
        "late_reason": further.get("late_reason") or "",
        "flags": [
            {"id": f, "label": gettext(ESCALATION_FLAG_LABELS[f])}
            for f in ESCALATION_FLAGS
            if f in (decision.get("flags") or ())
        ],
        "reasons": _reasons(decision),
        "conciliation": further.get("conciliation"),
        "early_referral": further.get("early_referral"),
        "review_panel": outcome == "review_panel",
    }


def _flag_action(flag: str, record: dict, gettext) -> str:
    answers = record.get("answers") or {}
    if flag == "sufficient_interest":
        consent = answers.get("consent") or {}
        text = gettext(
            "Decide whether this person has a sufficient interest in the child's welfare to use the children's "
            "procedure. Until you decide, handle the complaint under the corporate procedure, and do not share "
            "the child's personal information with them."
        )
        if consent.get("continue_without_consent"):
            text = gettext("The child has not agreed to this complaint being made for them.") + " " + text
        return text
    if flag == "provider_care":
        provider = answers.get("provider_name")
        if isinstance(provider, str) and provider.strip():
            return gettext("The care was given by another organisation: %(name)s. Ask them for their account.") % {
                "name": provider.strip()
            }
        return gettext("The care was given by another organisation (the person did not say which).")
    return gettext(FLAG_LABELS[flag])


def _contact_actions(contact: dict, gettext, prefix: str) -> list[dict]:
    """Safety and help needs for the person (``prefix`` "contact") or the child an advocate files for."""
    out = []
    about_child = prefix == "child"
    way = contact.get("preferred")
    safe = contact.get("safe_to_contact")
    safe_way = contact.get("safe_way")
    if safe is False or (isinstance(safe, str) and safe.strip().lower() in ("no", "false")):
        if about_child:
            text = gettext("It is not safe for the council to contact the child directly.")
        elif way in _WAYS:
            text = gettext("It is not safe to contact this person by %(way)s.") % {"way": gettext(_WAYS[way])}
        else:
            text = gettext("It is not safe to contact this person the way they gave.")
        if safe_way:
            text += " " + gettext("The safe way they gave: %(safe_way)s") % {"safe_way": safe_way}
        out.append({"id": f"{prefix}.not_safe", "label": text})
    elif safe_way:
        label = (
            gettext("How to contact the child safely: %(safe_way)s")
            if about_child
            else gettext("How to contact this person safely: %(safe_way)s")
        ) % {"safe_way": safe_way}
        out.append({"id": f"{prefix}.safe_way", "label": label})
    if contact.get("leave_message") is False:
        out.append({
            "id": f"{prefix}.no_message",
            "label": gettext("Do not leave a message for the child: no voicemail, and no message with anyone else.")
            if about_child
            else gettext("Do not leave a message: no voicemail, and no message with anyone who answers."),
        })
    for need in contact.get("help") or ():
        if need == "interpreter":
            language = contact.get("interpreter_language") or gettext("language not given")
            label = gettext("Arrange an interpreter for %(language)s.") % {"language": language}
        elif need == "other":
            label = gettext("Other help needed: %(help)s") % {"help": contact.get("help_other") or ""}
        elif need in _HELP_ACTIONS:
            label = gettext(_HELP_ACTIONS[need])
        else:
            continue
        if about_child:
            label = gettext("For the child: %(need)s") % {"need": label}
        out.append({"id": f"{prefix}.help.{need}", "label": label})
    return out


def context(
    reference: str, record: dict, profile: CouncilProfile, language: str = STAFF_LANGUAGE, kind: str = "council"
) -> dict:
    """Everything the email templates show, worked out once from the record, in ``language``.

    The answers' section titles, labels and the routing reasons are stored with the complaint in English, as the
    complaints team read them; the words this module adds are translated.
    """
    gettext = translations(language).gettext
    decision = record.get("decision") or {}
    answers = record.get("answers") or {}
    contact = answers.get("contact") or {}
    procedure = decision.get("procedure")
    outcome = decision.get("outcome")
    flags = [f for f in FLAGS if f in (decision.get("flags") or ())]
    timeline = record.get("timeline") or {}
    sections = []
    for section in record.get("sections") or ():
        rows = [
            {"label": str(r.get("label", "")), "value": _scalar_text(r.get("value"), gettext)}
            for r in section.get("rows") or ()
        ]
        sections.append({"title": str(section.get("title", "")), "rows": rows})

    def label(labels, key) -> str:
        return gettext(labels[key]) if key in labels else key or ""

    def pairs(data, only=None):
        return _pairs(data, only, gettext)

    all_dates = dates(record, language, STAFF_MILESTONE_LABELS if kind == "council" else MILESTONE_LABELS)
    further = escalation_context(record, gettext, language)
    email = plain_address(contact.get("email"))
    reply_email = complainant_email(record)

    return {
        "reference": reference,
        "council": profile,
        "submitted": record.get("submitted"),
        "submitted_text": long_date(record.get("submitted"), language),
        "received_text": long_date(timeline.get("received"), language),
        "procedure": procedure,
        "procedure_tag": gettext(PROCEDURE_NAMES.get(procedure, NO_PROCEDURE)),
        "outcome": outcome,
        "outcome_label": label(OUTCOME_LABELS, outcome),
        "reasons": _reasons(decision),
        "flags": ([{**DANGER_FLAG, "label": gettext(DANGER_FLAG["label"])}] if danger_reported(record) else [])
        + [{"id": f, "label": gettext(FLAG_LABELS[f])} for f in flags],
        "actions": needs_action(record, gettext),
        # What the advocacy service must know before it gets in touch: danger, safe ways, no messages, help.
        "contact_actions": [a for a in needs_action(record, gettext) if a["id"].startswith(CONTACT_ACTION_PREFIXES)],
        "decide_first": decided_first(record),
        "time_limit_months": profile.time_limit_months,
        "sufficient_interest": "sufficient_interest" in flags,
        "who": answers.get("who"),
        "who_label": label(WHO_LABELS, answers.get("who")),
        "about": answers.get("about"),
        "about_label": label(ABOUT_LABELS, answers.get("about")),
        "sections": sections,
        "consent": pairs(answers.get("consent")),
        "advocacy_requested": advocacy_requested(record),
        "advocacy": pairs(answers.get("advocacy"), ("answer", "advocate")),
        "child": pairs(answers.get("child")),
        "contact": contact,
        "contact_pairs": pairs(contact),
        "child_contact": pairs(answers.get("consent"), ("child_agrees", "method", "child_contact")),
        "reply_email": reply_email,
        # An address the person gave that is not used to reply (not safe, or not the way they chose).
        "unused_email": email if email and not reply_email else None,
        "dates": all_dates,
        "first_stage": {d["key"]: d for d in all_dates if d["key"] in FIRST_STAGE_MILESTONES},
        "language": language,
        "language_used": _language_used(contact.get("language"), gettext),
        "schema_version": SCHEMA_VERSION,
        "attachment_name": f"complaint-{reference}.json",
        "escalation": further,
        "ombudsman": OMBUDSMAN,
        # Where a new complaint's person can ask for the next stage (None: no PUBLIC_URL is configured), and
        # how long they usually have (the profile's window, 20 working days by default).
        "next_stage_url": None,
        "next_stage_days": next(
            (d["working_days"] for d in all_dates if d["key"] == "stage2_request_by"), 20
        ),
    }


def _reasons(decision: dict) -> list[dict]:
    """Each reason with the id of the rule it rests on (complaints stored before rules were kept have none)."""
    texts = list(decision.get("reasons") or ())
    rules = list(decision.get("rules") or ())
    return [{"text": text, "rule": rules[i] if i < len(rules) else ""} for i, text in enumerate(texts)]


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


def _earlier_in_subject(further: dict) -> str:
    """The earlier complaint, named in a subject only by a reference of ours (the person's own text never is)."""
    earlier = further.get("earlier") if further.get("linked") else None
    found = earlier.get("reference") if isinstance(earlier, dict) else None
    return f" (earlier complaint {found})" if is_reference(found) else " (earlier complaint not ours or not given)"


def subject(kind: str, reference: str, record: dict) -> str:
    decision = record.get("decision") or {}
    about = (record.get("answers") or {}).get("about") or "complaint"
    further = escalation_of(record)
    if kind == "council":
        tags = ["Child in danger reported"] if danger_reported(record) else []
        if further is not None:
            tags += ["Escalation", ESCALATION_TAGS.get(further.get("next_stage"), "Next stage")]
            tags += [tag for flag, tag in ESCALATION_FLAG_TAGS.items()
                     if flag in ((further.get("decision") or {}).get("flags") or ())]
        tags += [PROCEDURE_TAGS.get(decision.get("procedure"), "Not decided")]
        tags += [tag for flag, tag in FLAG_TAGS.items() if flag in (decision.get("flags") or ())]
        if further is not None:
            text = " ".join(f"[{t}]" for t in tags) + f" Request {reference}{_earlier_in_subject(further)}: {about}"
        else:
            text = " ".join(f"[{t}]" for t in tags) + f" Complaint {reference}: {about}"
    elif kind == "complainant":
        gettext = translations(language_of(kind, record)).gettext
        if further is not None:
            text = gettext("We have received your request to take your complaint further: reference %(reference)s") % {
                "reference": reference
            }
        else:
            text = gettext("We have received your complaint: reference %(reference)s") % {"reference": reference}
    elif kind == "advocacy":
        prefix = "[Escalation] " if further is not None else ""
        text = f"{prefix}[Advocate requested] Complaint {reference}: {about}"
    else:
        raise ValueError(f"unknown message kind {kind!r}")
    return header_text(text, 300)


# ---------------------------------------------------------------------------------------------------------
# The JSON copy


def payload(reference: str, record: dict) -> dict:
    """The complaint in the domain vocabulary, for case systems (docs/complaint-json.md)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "reference": reference,
        "council": record["council"],
        "submitted": record["submitted"],
        # "new" or "escalation"; complaints stored before escalations existed are new ones.
        "kind": record.get("kind") or "new",
        "decision": record.get("decision"),
        "timeline": record.get("timeline"),
        "answers": record.get("answers") or {},
        "sections": record.get("sections") or [],
        "escalation": escalation_of(record),
    }


def payload_bytes(reference: str, record: dict) -> bytes:
    return json.dumps(payload(reference, record), ensure_ascii=False, indent=2, sort_keys=False, default=str).encode()


# ---------------------------------------------------------------------------------------------------------
# The emails

@cache
def _environment(language: str) -> Environment:
    """One Jinja environment a language, with ``_()`` from that language's catalogue."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(language), newstyle=True)
    return env


def render(kind: str, ctx: dict, language: str = STAFF_LANGUAGE) -> tuple[str, str]:
    """(plain text, HTML) bodies of one kind of email, in ``language``."""
    env = _environment(language)
    return env.get_template(f"{kind}.txt").render(ctx), env.get_template(f"{kind}.html").render(ctx)


@dataclass(frozen=True)
class Outgoing:
    kind: str
    message: EmailMessage
    sender: str  # the envelope sender
    recipients: tuple[str, ...]  # the envelope recipients: the only addresses the mail goes to


class NoRecipient(Exception):
    """The message has nobody to go to (for example the complainant's address is not usable)."""


def recipients_for(kind: str, record: dict, settings: MailSettings) -> tuple[str, ...]:
    if kind == "council":
        return (settings.council_inbox,)
    if kind == "advocacy":
        return (settings.advocacy_inbox or settings.council_inbox,)
    if kind == "complainant":
        address = plain_address(complainant_email(record))
        if not address:
            raise NoRecipient("the complainant's email address cannot be used")
        return (address,)
    raise ValueError(f"unknown message kind {kind!r}")


def build(
    kind: str,
    reference: str,
    record: dict,
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
    language = language_of(kind, record)
    ctx = context(reference, record, profile, language, kind)
    if settings.public_url and kind == "complainant":
        ctx["next_stage_url"] = f"{settings.public_url}/complaint/next-stage?reference={reference}"
    text, html = render(kind, ctx, language)
    recipients = recipients_for(kind, record, settings)
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject(kind, reference, record)
    message["From"] = Address(display_name=header_text(profile.name), addr_spec=settings.mail_from)
    # Only the address: a display name is a person's text, and this Python's email package can turn an
    # encoded word in one (=?utf-8?q?...=0D=0A...?=) into a line break when it folds the header.
    message["To"] = Address(addr_spec=recipients[0])
    if kind == "council" and ctx["reply_email"] and with_reply_to:
        message["Reply-To"] = Address(addr_spec=ctx["reply_email"])
    elif kind == "complainant" and profile.inbox:
        message["Reply-To"] = Address(addr_spec=profile.inbox)
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = message_id or message_id_for(reference, kind, mail_domain(settings.mail_from))
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
