"""The complaint as it is sent: one typed record, its JSON form, and the facts worked out from it.

The journey builds a ``Complaint`` once, when the person presses "Send"; delivery stores it as JSON
(``to_json``), reads it back (``from_json``), and the emails, the confirmation page and the staff preview read
it as this type. The JSON is the one documented in ``docs/complaint-schema.json`` (``SCHEMA_VERSION``);
``from_json`` also reads every complaint stored since the first release.

What is worked out from the answers (the address we may reply to and whether it is safe, whether an advocate
was asked for, whether a child was reported in danger, the first-stage dates, what a caseworker must act on)
is worked out here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .addresses import header_safe_address
from .dates import due_text
from .escalation import EscalationDecision, Window, request_decision
from .routing import Decision, Reason, council_decides_first
from .timeline import Milestone, Timeline
from .vocabulary import (
    ESCALATION_FLAGS,
    ESCALATION_OUTCOME_LABELS,
    FLAG_LABELS,
    FLAGS,
    N_,
    NEXT_STAGES,
    REQUEST_KINDS,
    TRUSTED_ROLE_LABELS,
    WHO_SELF,
)

SCHEMA_VERSION = "1.0"


def _identity(text: str) -> str:
    return text


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


# ---------------------------------------------------------------------------------------------------------
# The parts


@dataclass(frozen=True)
class Child:
    """The child the complaint is about; for a child or care leaver complaining themselves, their own details."""

    name: str | None = None
    age: int | None = None
    date_of_birth: date | None = None
    # Only when the child complains for themselves (``own``): what lets the council find them.
    surname: str | None = None
    social_worker: str | None = None
    where: str | None = None
    # A child complaining for themselves may say whether they feel safe where they live now: "yes", "no", "unsure".
    feels_safe: str | None = None
    own: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "age": self.age, "date_of_birth": _iso(self.date_of_birth)}
        if self.own:
            data |= {"surname": self.surname, "social_worker": self.social_worker, "where": self.where}
            if self.feels_safe is not None:  # only a child who answered it (optional)
                data["feels_safe"] = self.feels_safe
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any], own: bool) -> Child:
        return cls(
            name=data.get("name"),
            age=data.get("age"),
            date_of_birth=_day(data.get("date_of_birth")),
            surname=data.get("surname"),
            social_worker=data.get("social_worker"),
            where=data.get("where"),
            feels_safe=data.get("feels_safe"),
            own=own,
        )


@dataclass(frozen=True)
class Consent:
    asked: bool = False
    child_agrees: str | None = None  # "yes", "no", "unsure"
    method: str | None = None  # "child_types" or "council_contacts"
    child_contact: str | None = None
    child_typed_name: str | None = None
    continue_without_consent: bool = False
    # For a child under the consent age: whether they know about the complaint ("yes", "no", "unsure"), when
    # asked. Never a condition of the complaint; the council should not raise it with a child who does not know.
    child_knows: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "asked": self.asked,
            "child_agrees": self.child_agrees,
            "method": self.method,
            "child_contact": self.child_contact,
            "child_typed_name": self.child_typed_name,
            "continue_without_consent": self.continue_without_consent,
            "child_knows": self.child_knows,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Consent:
        return cls(
            asked=bool(data.get("asked")),
            child_agrees=data.get("child_agrees"),
            method=data.get("method"),
            child_contact=data.get("child_contact"),
            child_typed_name=data.get("child_typed_name"),
            continue_without_consent=bool(data.get("continue_without_consent")),
            child_knows=data.get("child_knows"),
        )


@dataclass(frozen=True)
class Advocate:
    """An advocate filing for a child: their work details, given once."""

    organisation: str | None = None
    role: str | None = None
    phone: str | None = None
    working_hours: str | None = None
    email: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation,
            "role": self.role,
            "phone": self.phone,
            "working_hours": self.working_hours,
            "email": self.email,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Advocate:
        return cls(**{name: data.get(name) for name in ("organisation", "role", "phone", "working_hours", "email")})


def asks_for_advocate(answer: str | None) -> bool:
    """Whether the answer to "would you like an advocate?" asks for one: "yes" ("unsure" does not; the council is
    asked to offer one, ``ADVOCACY_UNSURE``). The journey routes and words its pages by it as the record keeps it
    (``Advocacy.requested``)."""
    return answer == "yes"


@dataclass(frozen=True)
class Advocacy:
    answer: str | None = None  # the answer to "would you like an advocate?": "yes", "no", "unsure"
    advocate: Advocate | None = None

    @property
    def requested(self) -> bool:
        return asks_for_advocate(self.answer)

    def to_json(self) -> dict[str, Any]:
        return {
            "requested": self.requested,
            "answer": self.answer,
            "advocate": self.advocate.to_json() if self.advocate else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Advocacy:
        advocate = data.get("advocate")
        answer = data.get("answer")
        if answer is None and data.get("requested") is True:
            answer = "yes"
        return cls(answer=answer, advocate=Advocate.from_json(advocate) if isinstance(advocate, Mapping) else None)


@dataclass(frozen=True)
class Account:
    """What happened, in the person's words."""

    happened: date | None = None
    happened_day_known: bool = True
    what_happened: str | None = None
    who_involved: str | None = None
    put_right: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "happened": _iso(self.happened),
            "happened_day_known": self.happened_day_known,
            "what_happened": self.what_happened,
            "who_involved": self.who_involved,
            "put_right": self.put_right,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Account:
        return cls(
            happened=_day(data.get("happened")),
            happened_day_known=data.get("happened_day_known") is not False,
            what_happened=data.get("what_happened"),
            who_involved=data.get("who_involved"),
            put_right=data.get("put_right"),
        )


@dataclass(frozen=True)
class Reaching:
    """How someone may be reached safely and the help they need (the person complaining, or the child)."""

    safe_to_contact: bool | None = None
    safe_way: str | None = None
    leave_message: bool | None = None
    help: tuple[str, ...] = ()
    interpreter_language: str | None = None
    help_other: str | None = None

    def reaching_json(self) -> dict[str, Any]:
        return {
            "safe_to_contact": self.safe_to_contact,
            "safe_way": self.safe_way,
            "leave_message": self.leave_message,
            "help": list(self.help),
            "interpreter_language": self.interpreter_language,
            "help_other": self.help_other,
        }

    @staticmethod
    def reaching_from_json(data: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "safe_to_contact": data.get("safe_to_contact"),
            "safe_way": data.get("safe_way"),
            "leave_message": data.get("leave_message"),
            "help": tuple(data.get("help") or ()),
            "interpreter_language": data.get("interpreter_language"),
            "help_other": data.get("help_other"),
        }


@dataclass(frozen=True)
class ChildNeeds(Reaching):
    """When an advocate files: how the council may reach the child safely, and the help the child needs."""

    def to_json(self) -> dict[str, Any]:
        return self.reaching_json()

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ChildNeeds:
        return cls(**cls.reaching_from_json(data))


@dataclass(frozen=True)
class Trusted:
    """Someone a child or care leaver trusts, through whom the council may reach them (``contact.trusted``)."""

    role: str | None = None  # TRUSTED_ROLE_WORDS: "advocate", "social_worker", "personal_adviser", "carer", "school",
    # "home_worker", "other"
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    # The child's answer to "Is your complaint about this person?": "no" or "unsure" ("yes" is never accepted).
    complaint_about_them: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "name": self.name, "phone": self.phone, "email": self.email,
                "complaint_about_them": self.complaint_about_them}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Trusted:
        return cls(**{name: data.get(name) for name in ("role", "name", "phone", "email", "complaint_about_them")})


@dataclass(frozen=True)
class Contact(Reaching):
    """The person complaining (for an advocate, their work details, safe to use by email)."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: Sequence[str] | str | None = None  # the lines given on the contact page
    preferred: str | None = None  # "email", "phone", "post"
    language: str | None = None  # the language the form was used in
    # A child or care leaver who gave no way of their own: "advocate", "trusted" or "nobody" (THROUGH_WORDS);
    # None when they gave one (and in complaints sent before this was asked).
    through: str | None = None
    trusted: Trusted | None = None  # when ``through`` is "trusted"

    def to_json(self) -> dict[str, Any]:
        reaching = self.reaching_json()
        return {
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "address": self.address,
            "preferred": self.preferred,
            "safe_to_contact": reaching["safe_to_contact"],
            "safe_way": reaching["safe_way"],
            "leave_message": reaching["leave_message"],
            "help": reaching["help"],
            "interpreter_language": reaching["interpreter_language"],
            "help_other": reaching["help_other"],
            "language": self.language,
            "through": self.through,
            "trusted": self.trusted.to_json() if self.trusted else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Contact:
        trusted = data.get("trusted")
        return cls(
            name=data.get("name"),
            email=data.get("email"),
            phone=data.get("phone"),
            address=data.get("address"),
            preferred=data.get("preferred"),
            language=data.get("language"),
            through=data.get("through"),
            trusted=Trusted.from_json(trusted) if isinstance(trusted, Mapping) else None,
            **cls.reaching_from_json(data),
        )

    @property
    def email_address(self) -> str | None:
        """The email address given, if it is one the emails can carry (``addresses.header_safe_address``)."""
        return header_safe_address(self.email)


@dataclass(frozen=True)
class Answers:
    """Every answer on the route taken, in the domain vocabulary (``answers`` in the JSON)."""

    who: str
    about: str
    contact: Contact = field(default_factory=Contact)
    danger_reported: bool = False
    child: Child | None = None
    consent: Consent = field(default_factory=Consent)
    advocacy: Advocacy = field(default_factory=Advocacy)
    complaint: Account = field(default_factory=Account)
    child_needs: ChildNeeds | None = None
    late_reason: str | None = None
    proceedings: str | None = None
    provider_care: str | None = None
    provider_name: str | None = None
    tried_local_resolution: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "who": self.who,
            "about": self.about,
            "danger_reported": self.danger_reported,
            "child": self.child.to_json() if self.child else None,
            "consent": self.consent.to_json(),
            "advocacy": self.advocacy.to_json(),
            "complaint": self.complaint.to_json(),
            "contact": self.contact.to_json(),
            "child_needs": self.child_needs.to_json() if self.child_needs else None,
            "late_reason": self.late_reason,
            "proceedings": self.proceedings,
            "provider_care": self.provider_care,
            "provider_name": self.provider_name,
            "tried_local_resolution": self.tried_local_resolution,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Answers:
        def part(name: str) -> Mapping[str, Any]:
            value = data.get(name)
            return value if isinstance(value, Mapping) else {}

        child, needs = data.get("child"), data.get("child_needs")
        own = data["who"] in WHO_SELF
        return cls(
            who=data["who"],
            about=data["about"],
            danger_reported=bool(data.get("danger_reported")),
            child=Child.from_json(child, own) if isinstance(child, Mapping) else None,
            consent=Consent.from_json(part("consent")),
            advocacy=Advocacy.from_json(part("advocacy")),
            complaint=Account.from_json(part("complaint")),
            contact=Contact.from_json(part("contact")),
            child_needs=ChildNeeds.from_json(needs) if isinstance(needs, Mapping) else None,
            late_reason=data.get("late_reason"),
            proceedings=data.get("proceedings"),
            provider_care=data.get("provider_care"),
            provider_name=data.get("provider_name"),
            tried_local_resolution=data.get("tried_local_resolution"),
        )


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    value: str | None


@dataclass(frozen=True)
class Section:
    """A part of "Check your answers" as the person saw it, in English."""

    title: str
    rows: tuple[Row, ...]

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "rows": [{"key": r.key, "label": r.label, "value": r.value} for r in self.rows]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Section:
        return cls(
            title=str(data.get("title", "")),
            rows=tuple(
                Row(str(r.get("key", "")), str(r.get("label", "")), r.get("value")) for r in data.get("rows") or ()
            ),
        )


@dataclass(frozen=True)
class Action:
    """Something a caseworker must act on before the first contact: a stable id and the words."""

    id: str
    label: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "label": self.label}


# ---------------------------------------------------------------------------------------------------------
# A request to take an earlier complaint further (``escalation`` in the JSON)


@dataclass(frozen=True)
class EarlierRequest:
    """Another request already sent through this service that names the same earlier complaint (walks J and M,
    J5/M4): its reference, what it asked for and the day it was made, never its content or who made it."""

    reference: str
    asks_for: str | None = None  # one of NEXT_STAGES
    submitted: date | None = None

    def to_json(self) -> dict[str, Any]:
        return {"reference": self.reference, "asks_for": self.asks_for, "submitted": _iso(self.submitted)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EarlierRequest:
        submitted = data.get("submitted")
        asks_for = data.get("asks_for")
        return cls(
            reference=str(data["reference"]),
            asks_for=asks_for if asks_for in NEXT_STAGES else None,
            submitted=submitted if isinstance(submitted, date) else _day(str(submitted)[:10] if submitted else None),
        )


@dataclass(frozen=True)
class EarlierComplaint:
    """One of this service's complaints, named by a request to take it further: what is known of it from its
    reference alone (its procedure and the day it was made), never its content."""

    reference: str
    procedure: str | None = None
    submitted: date | None = None
    # What in the request does not match that complaint (``EARLIER_DIFFERENCES`` ids, never the values); None
    # when it could not be compared (its content already deleted, or stored before the comparison existed).
    differs: tuple[str, ...] | None = None
    # The details both give, so could be compared (``COMPARED_DETAILS`` ids); None when not known (not compared,
    # or stored before it was recorded). A detail given in only one of them is not compared (walk G, G7/M5).
    compared: tuple[str, ...] | None = None
    # The other requests sent through this service that name it, oldest first (walks J and M, J5/M4); None when
    # not looked up (a request stored before this was added).
    requests: tuple[EarlierRequest, ...] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "procedure": self.procedure,
            "submitted": _iso(self.submitted),
            "differs": list(self.differs) if self.differs is not None else None,
            "compared": list(self.compared) if self.compared is not None else None,
            "requests": [r.to_json() for r in self.requests] if self.requests is not None else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EarlierComplaint:
        submitted = data.get("submitted")
        differs = data.get("differs")
        compared = data.get("compared")
        requests = data.get("requests")
        return cls(
            reference=data["reference"],
            procedure=data.get("procedure"),
            submitted=submitted if isinstance(submitted, date) else _day(str(submitted)[:10] if submitted else None),
            differs=tuple(d for d in differs if d in EARLIER_DIFFERENCES) if isinstance(differs, list) else None,
            compared=tuple(d for d in compared if d in COMPARED_DETAILS) if isinstance(compared, list) else None,
            requests=tuple(
                EarlierRequest.from_json(r) for r in requests if isinstance(r, Mapping) and r.get("reference")
            ) if isinstance(requests, list) else None,
        )


# What a request to take a complaint further is compared on with the earlier complaint it names, when that is one
# of ours (the council is told which differ, never the stored values: anyone can type a reference they have seen).
EARLIER_DIFFERENCES = {
    "child_name": N_("the child's name differs"),
    "email": N_("the email address differs"),
    "phone": N_("the phone number differs"),
    "address": N_("the postal address differs"),
    # Requests sent before each way was compared on its own (read back only).
    "contact": N_("the contact details differ (no email address or phone number in common)"),
}
# The details a request is compared on, as the council's email names them (in this order).
COMPARED_DETAILS = {
    "child_name": N_("the child's name"),
    "email": N_("the email address"),
    "phone": N_("the phone number"),
    "address": N_("the postal address"),
}


def _name_key(name: str | None) -> str:
    return " ".join((name or "").casefold().split())


def _phone_key(phone: str | None) -> str:
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("44"):  # +44 7700 ..., +44 (0)7700 ...
        digits = digits[2:]
    return "0" + digits.lstrip("0") if digits else ""


def _address_key(address: str | Sequence[str] | None) -> str:
    """An address tidied for comparing: its lines (as the contact page keeps them) or one text, letters and digits
    only, any case."""
    text = address if isinstance(address, str) else " ".join(line for line in address or () if line)
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def _details(complaint: Complaint) -> dict[str, str]:
    """The details a request is compared on (``COMPARED_DETAILS``), tidied for comparing; empty when not given."""
    contact = complaint.contact
    return {
        "child_name": _name_key(complaint.answers.child.name if complaint.answers.child else None),
        "email": (contact.email or "").strip().casefold(),
        "phone": _phone_key(contact.phone),
        "address": _address_key(contact.address),
    }


def compared_details(request: Complaint, earlier: Complaint) -> tuple[str, ...]:
    """The details both ``request`` and ``earlier`` give, so that could be compared (``COMPARED_DETAILS`` ids)."""
    mine, theirs = _details(request), _details(earlier)
    return tuple(key for key in COMPARED_DETAILS if mine[key] and theirs[key])


def differences(request: Complaint, earlier: Complaint) -> tuple[str, ...]:
    """What in ``request`` (a request to take a complaint further) does not match ``earlier``, the complaint it
    names: ids of ``EARLIER_DIFFERENCES``. Each detail that both give is compared on its own (tidied: case,
    spaces, +44), so a stranger who copies the email address but gives their own phone is found out."""
    mine, theirs = _details(request), _details(earlier)
    return tuple(key for key in compared_details(request, earlier) if mine[key] != theirs[key])


@dataclass(frozen=True)
class Escalation:
    """What the person asked for when taking a complaint further, and how the escalation rules decided it
    (``wizard.domain.escalation``). The record's ``decision`` and ``timeline`` are those of the stage asked for."""

    decision: EscalationDecision
    earlier_reference: str | None = None  # as the person gave it (capitals, spaces tidied)
    earlier: EarlierComplaint | None = None  # when that reference is one of this service's, for this council
    stated_procedure: str | None = None  # "statutory", "corporate" or "unsure"
    reply_stage: str | None = None  # "stage1", "stage2" or "final"
    reply_date: date | None = None
    reply_date_day_known: bool = True
    late_reason: str | None = None
    still_unhappy: str | None = None
    wanted: str | None = None
    conciliation: str | None = None  # the answers to the options offered ("yes", "no"; "unsure" for early referral)
    early_referral: str | None = None

    @property
    def linked(self) -> bool:
        """Whether the earlier reference is one this service made for this council."""
        return self.earlier is not None

    @property
    def reply_before_earlier(self) -> bool:
        """The reply the person says they had is dated before the earlier complaint (ours) was made: the request
        may not be about that complaint. A month given without its day counts from the month's last day."""
        made = self.earlier.submitted if self.earlier else None
        return bool(made and self.reply_date and self.reply_date < made)

    def asked_too_soon(self, made: date | None) -> bool:
        """A review panel asked for, on the very day the earlier complaint (ours) was made (``made``: the request's
        day): stage 1 and stage 2 cannot both be finished (walks J and M, J5/M4). Flagged, never refused."""
        return bool(
            self.next_stage == "review_panel" and self.earlier and self.earlier.submitted and made
            and self.earlier.submitted >= made
        )

    @property
    def next_stage(self) -> str | None:
        return self.decision.next_stage

    @property
    def window(self) -> Window | None:
        return self.decision.window

    @property
    def late(self) -> bool:
        """Asked for after the usual time (never refused: the council decides whether to agree)."""
        return self.decision.late

    @property
    def last_day(self) -> date | None:
        """The last day to ask in time, when the reply's date is known."""
        return self.window.last_day if self.window else None

    @property
    def flags(self) -> tuple[str, ...]:
        """The escalation's flags, in the vocabulary's order."""
        return tuple(f for f in ESCALATION_FLAGS if f in self.decision.flags)

    @property
    def still_unhappy_points(self) -> tuple[str, ...]:
        """What the person is still unhappy about, one point a line."""
        return tuple(line.strip() for line in (self.still_unhappy or "").split("\n") if line.strip())

    def to_json(self) -> dict[str, Any]:
        return {
            "earlier_reference": self.earlier_reference,
            "linked": self.linked,
            "earlier": self.earlier.to_json() if self.earlier else None,
            "reply_before_earlier": self.reply_before_earlier,
            "stated_procedure": self.stated_procedure,
            "reply_stage": self.reply_stage,
            "reply_date": _iso(self.reply_date),
            "reply_date_day_known": self.reply_date_day_known,
            "next_stage": self.next_stage,
            "decision": self.decision.to_dict(),
            "late_reason": self.late_reason,
            "still_unhappy": self.still_unhappy,
            "still_unhappy_points": list(self.still_unhappy_points),
            "wanted": self.wanted,
            "conciliation": self.conciliation,
            "early_referral": self.early_referral,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Escalation:
        earlier = data.get("earlier")
        return cls(
            decision=_escalation_decision_from_json(data["decision"]),
            earlier_reference=data.get("earlier_reference"),
            earlier=EarlierComplaint.from_json(earlier) if isinstance(earlier, Mapping) else None,
            stated_procedure=data.get("stated_procedure"),
            reply_stage=data.get("reply_stage"),
            reply_date=_day(data.get("reply_date")),
            reply_date_day_known=data.get("reply_date_day_known") is not False,
            late_reason=data.get("late_reason"),
            still_unhappy=data.get("still_unhappy"),
            wanted=data.get("wanted"),
            conciliation=data.get("conciliation"),
            early_referral=data.get("early_referral"),
        )


# ---------------------------------------------------------------------------------------------------------
# What the complaints team must act on before the first contact

# A person who said a child was in danger now was shown 999 and the council's number, then chose to carry on.
# The complaints team must see that first: it is not a routing flag, because the complaint's route is unchanged.
DANGER_ACTION = "danger_reported"
DANGER_LABEL = N_(
    "The person said a child was in danger when they started. They were shown 999 and the council's "
    "emergency number, then carried on with the complaint. Check the child is safe."
)
# A child complaining for themselves said they do not feel safe where they live now, or were not sure (walk O, O1:
# a 12-year-old scared at home had answered "no" to "Is a child in danger right now?" before she knew it was her).
FEELS_UNSAFE_ACTION = "child.feels_unsafe"
FEELS_UNSAFE_LABELS = {
    "no": N_(
        "The child said they do not feel safe where they live now. Check they are safe today, only through someone "
        "their complaint is not about. They were shown Childline's number."
    ),
    "unsure": N_(
        "The child was not sure whether they feel safe where they live now. Check they are safe today, only through "
        "someone their complaint is not about. They were shown Childline's number."
    ),
}
# A person who used the form in Welsh is answered in Welsh: the complaints team is told first, with the safety
# needs, and the advocacy service too (its id starts "contact.").
REPLY_IN_WELSH_ACTION = "contact.reply_in_welsh"
REPLY_IN_WELSH_LABEL = N_(
    "Reply in Welsh: the person filled in the form in Welsh (Cymraeg). Write to them and speak to them in Welsh."
)
# The actions about reaching people safely (not the council's decisions), shown to the advocacy service too.
CONTACT_ACTION_PREFIXES = (DANGER_ACTION, "contact.", "child.")
# How the council may reach a child or care leaver with no way of their own (``_through_actions``), and the one
# action the advocacy service reads instead (``Complaint.contact_actions``).
THROUGH_ACTION_IDS = ("contact.through_trusted", "contact.through_advocate", "contact.no_way")
ADVOCACY_THROUGH_ACTION = "contact.through_council"

# The name typed for a child who agrees is not the child's name: the council checks the child agrees.
TYPED_NAME_ACTION = "consent.typed_name_differs"

# Someone not sure whether the child (or they themselves) would like an advocate: the council offers one.
ADVOCACY_UNSURE_ACTION = "advocacy_unsure"
ADVOCACY_UNSURE = N_(
    "The person was not sure whether an advocate is wanted: explain what an advocate does and offer one."
)

# A younger child whose parent or carer said they do not know about the complaint, or is not sure: nobody should
# raise it with the child by surprise (the advocacy service reads it too: its id starts "child.").
CHILD_NOT_TOLD_ACTION = "child.not_told"
CHILD_NOT_TOLD = {
    "no": N_(
        "The child does not know about this complaint: do not contact the child about it until you have spoken "
        "to the person who made it."
    ),
    "unsure": N_(
        "The person is not sure the child knows about this complaint: do not contact the child about it until "
        "you have spoken to the person who made it."
    ),
}

_WAYS = {"email": N_("email"), "phone": N_("phone"), "post": N_("post")}
_HELP_ACTIONS = {
    "bsl": N_("Arrange a British Sign Language (BSL) interpreter."),
    "easy_read": N_("Write letters in easy read."),
    "large_print": N_("Write letters in large print."),
}


# What a caseworker must do about a request to take a complaint further, by escalation flag.
_ESCALATION_ACTIONS = {
    "late": N_(
        "Asked for after the usual time (the last day was %(last_day)s). Decide whether to agree to it, with why "
        "they are asking now (below: they need not give a reason)."
    ),
    "check_procedure": N_(
        "The person was not sure which procedure the complaint is in: check it against the earlier reply."
    ),
    "procedure_named": N_(
        "The person named a procedure that is not the one a new complaint with the same answers would go to: "
        "check it against the earlier reply."
    ),
    "conciliation_wanted": N_("The person would like a meeting to sort things out before the next stage: offer one."),
    "early_referral_agreed": N_(
        "The person agrees to the complaint going straight to the Ombudsman: decide whether to refer it early."
    ),
}


def _escalation_actions(
    further: Escalation | None, gettext: Callable[[str], str], made: date | None = None
) -> list[Action]:
    """``made``: the day the request itself was made (a review panel asked for on the day of the complaint)."""
    if further is None:
        return []
    # The last day as the council's email writes due dates (in English: the complaints team's language).
    last_day = due_text(further.last_day, "en") if further.last_day else ""
    out = [
        Action(f"escalation.{flag}", gettext(_ESCALATION_ACTIONS[flag]) % {"last_day": last_day})
        for flag in further.flags
    ]
    earlier = further.earlier
    if earlier is None:
        return out
    if earlier.differs:
        out.append(Action("escalation.earlier_differs", gettext(
            "Check this request is from someone entitled to take %(reference)s further: compared with that "
            "complaint, %(differences)s."
        ) % {
            "reference": earlier.reference,
            "differences": "; ".join(gettext(EARLIER_DIFFERENCES[d]) for d in earlier.differs),
        }))
    if further.reply_before_earlier:
        out.append(Action("escalation.reply_before_earlier", gettext(
            "The reply date given (%(reply)s) is before %(reference)s was made (%(made)s): check which complaint "
            "this request is about."
        ) % {
            "reply": due_text(further.reply_date, "en"),
            "reference": earlier.reference,
            "made": due_text(earlier.submitted, "en"),
        }))
    if earlier.procedure in ("statutory", "corporate") and earlier.procedure != further.decision.procedure:
        # Walk N, N3: two people quoting one of our references were put in two procedures (one was not sure). The
        # person's pages say nothing of what we hold (anyone can type a reference), so the caseworker moves it.
        out.append(Action("escalation.earlier_procedure_differs", gettext(
            "%(reference)s was sent to the %(earlier)s procedure, but this request was worked out as the %(request)s "
            "procedure: handle it in the procedure of %(reference)s (its stages and dates differ), and tell the "
            "person."
        ) % {
            "reference": earlier.reference,
            # The procedure's id, as the council's email names it beside the earlier reference ("sent to the
            # statutory procedure").
            "earlier": earlier.procedure,
            "request": further.decision.procedure,
        }))
    if further.asked_too_soon(made):
        out.append(Action("escalation.asked_too_soon", gettext(
            "%(reference)s was made on %(made)s, the day of this request: a review panel comes after a stage 1 reply "
            "and a stage 2 investigation, which cannot both have happened yet. Check which complaint this request is "
            "about."
        ) % {"reference": earlier.reference, "made": due_text(earlier.submitted, "en")}))
    if earlier.requests:
        # Several requests on one reference are read together (walks J and M, J5/M4): which, what each asked for
        # and when, never what they say or who made them.
        out.append(Action("escalation.earlier_requests", gettext(
            "Other requests sent through this service name %(reference)s too: %(requests)s. Read them together "
            "before deciding: they may come from the same person, or from someone else."
        ) % {
            "reference": earlier.reference,
            "requests": "; ".join(
                gettext("%(reference)s (%(asks_for)s, made on %(made)s)") % {
                    "reference": r.reference,
                    "asks_for": gettext(ESCALATION_OUTCOME_LABELS[r.asks_for]) if r.asks_for else gettext("not known"),
                    "made": due_text(r.submitted, "en") if r.submitted else gettext("not known"),
                }
                for r in earlier.requests
            ),
        }))
    return out


def _contact_actions(
    reaching: Reaching, gettext: Callable[[str], str], prefix: str, through_facts: dict | None = None
) -> list[Action]:
    """Safety and help needs for the person (``prefix`` "contact") or the child an advocate files for."""
    out = []
    about_child = prefix == "child"
    way = getattr(reaching, "preferred", None)
    safe_way = reaching.safe_way
    if reaching.safe_to_contact is False:
        if about_child:
            text = gettext("It is not safe for the council to contact the child directly.")
        elif way in _WAYS:
            text = gettext("It is not safe to contact this person by %(way)s.") % {"way": gettext(_WAYS[way])}
        else:
            text = gettext("It is not safe to contact this person the way they gave.")
        if safe_way:
            text += " " + gettext("The safe way they gave: %(safe_way)s") % {"safe_way": safe_way}
        out.append(Action(f"{prefix}.not_safe", text))
    elif safe_way:
        label = (
            gettext("How to contact the child safely: %(safe_way)s")
            if about_child
            else gettext("How to contact this person safely: %(safe_way)s")
        ) % {"safe_way": safe_way}
        out.append(Action(f"{prefix}.safe_way", label))
    if not about_child:
        out += _through_actions(reaching, gettext, **(through_facts or {}))
    if reaching.leave_message is False:
        out.append(Action(
            f"{prefix}.no_message",
            gettext("Do not leave a message for the child: no voicemail, and no message with anyone else.")
            if about_child
            else gettext("Do not leave a message: no voicemail, and no message with anyone who answers."),
        ))
    for need in reaching.help:
        if need == "interpreter":
            language = reaching.interpreter_language or gettext("language not given")
            label = gettext("Arrange an interpreter for %(language)s.") % {"language": language}
        elif need == "other":
            label = gettext("Other help needed: %(help)s") % {"help": reaching.help_other or ""}
        elif need in _HELP_ACTIONS:
            label = gettext(_HELP_ACTIONS[need])
            if need in _LETTERS and not about_child and not _has_address(reaching):
                # Easy read or large print chosen with no address to post it to (fresh-eyes walk I, I13).
                label += " " + gettext("They gave no postal address: send it the way they gave, or agree one with "
                                       "them.")
        else:
            continue
        if about_child:
            label = gettext("For the child: %(need)s") % {"need": label}
        out.append(Action(f"{prefix}.help.{need}", label))
    return out


_LETTERS = ("easy_read", "large_print")


def _has_address(reaching: Reaching) -> bool:
    return bool(_address_key(getattr(reaching, "address", None)))


_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})


def words_of(text: str | None) -> set[str]:
    """The words of a text, in any case (letters, digits and underscores between anything else): how a name typed
    by one person is compared with a name or text typed by another (``named_in``, ``Complaint``'s typed name)."""
    return set(re.findall(r"\w+", (text or "").casefold()))


def named_in(name: str | None, texts: tuple[str | None, ...]) -> bool:
    """Whether a word of ``name`` (three letters or more, not a title such as Mrs) is a word of ``texts``, in any
    case: the person a child trusts is named in what the child wrote (a fresh-eyes walk: Kai named his foster
    carer "Mrs Lee" to reach him, wrote about Mrs Lee, and answered "No" to "is your complaint about them?")."""
    words = {w for w in words_of(name) if len(w) >= 3 and w not in _TITLES}
    return bool(words & words_of(" ".join(t for t in texts if isinstance(t, str))))


def _through_actions(
    contact: Reaching, gettext: Callable[[str], str], named: bool = False, advocate_known: bool = False,
    first_name_only: bool = False,
) -> list[Action]:
    """A child or care leaver who gave no way of their own: how to reach them, and never through someone the
    complaint is about (the child is asked; the council checks too, because a child may not see it that way).
    ``named``: the trusted person's name is in what the complaint says; ``advocate_known``: an advocate's details
    were given (else the advocacy service has no way to reach them either)."""
    through = getattr(contact, "through", None)
    trusted = getattr(contact, "trusted", None)
    if through == "trusted" and trusted is not None:
        role = TRUSTED_ROLE_LABELS.get(trusted.role or "")
        ways = [gettext("phone %(phone)s") % {"phone": trusted.phone} if trusted.phone else "",
                gettext("email %(email)s") % {"email": trusted.email} if trusted.email else ""]
        text = gettext(
            "Contact this person only through someone they trust: %(name)s, %(role)s (%(ways)s). They have no "
            "phone, email or address of their own that they can use."
        ) % {"name": trusted.name or "", "role": gettext(role).lower() if role else "",
             "ways": ", ".join(w for w in ways if w)}
        if trusted.role == "home_worker":
            text += " " + gettext(
                "This person works where the young person lives: check the complaint is not about them or the "
                "people they work with before you contact them."
            )
        if trusted.complaint_about_them == "unsure":
            text += " " + gettext("They were not sure whether their complaint is about this person.")
        if named:
            text += " " + gettext("This person's name is in what the complaint says.")
        text += " " + gettext(
            "Before you contact them, read the complaint and check it is not about them: never reach someone "
            "through a person their complaint is about. Ask them only to put you in touch; do not tell them what "
            "the complaint says."
        )
        return [Action("contact.through_trusted", text)]
    if through == "advocate":
        text = gettext(
            "Contact this person only through the advocacy service they asked for: they have no phone, email or "
            "address of their own that they can use."
        )
        if not advocate_known:
            text += " " + gettext(
                "They have no advocate yet, so the advocacy service has no way to reach them either: agree with it "
                "how to reach them safely, only through someone you have checked their complaint is not about."
            )
        return [Action("contact.through_advocate", text)]
    if through == "nobody":
        text = gettext(
            "No way to contact: this person gave no phone, email, address or anyone to contact them through. They "
            "were told to call the complaints team with their reference. If you must reach them first, do it only "
            "through someone you have checked their complaint is not about."
        )
        if first_name_only:  # fresh-eyes walk K, K5: nothing but a first name to find them by
            text += " " + gettext(
                "They gave only a first name, with no last name, date of birth, social worker or place: you may "
                "not be able to find their records until they call. Keep the complaint and its reference ready."
            )
        return [Action("contact.no_way", text)]
    return []


def told_by(preferred: str | None, safe_to_contact: bool | None, through: str | None = None) -> str:
    """How the person is told what the council decides, as their pages and emails promise it: "write" when the way
    they chose is email or post and they did not say it is unsafe; otherwise "contact" (in the way they told us is
    safe: a person who gave only a phone, "text me first", is never promised a letter). A child or care leaver who
    gave no way of their own: "trusted", "advocate" or "nobody" (``contact.through``)."""
    if through in ("trusted", "advocate", "nobody"):
        return through
    return "write" if preferred in ("email", "post") and safe_to_contact is not False else "contact"


# ---------------------------------------------------------------------------------------------------------
# The complaint


@dataclass(frozen=True)
class Complaint:
    council: str  # the council profile id
    submitted: date  # the day it was made (UK time)
    decision: Decision
    timeline: Timeline | None
    answers: Answers
    sections: tuple[Section, ...] = ()
    # A request to take an earlier complaint further; None for a new complaint.
    escalation: Escalation | None = None

    # --- the JSON form (docs/complaint-schema.json) ---

    def to_json(self) -> dict[str, Any]:
        timeline = self.timeline.to_dict() if self.timeline else None
        if timeline is not None and self.escalation is not None:
            timeline["stage"] = self.escalation.next_stage  # the stage these dates are of
        return {
            "schema_version": SCHEMA_VERSION,
            "council": self.council,
            "submitted": self.submitted.isoformat(),
            "kind": self.kind,
            "decision": self.decision.to_dict(),
            "timeline": timeline,
            "answers": self.answers.to_json(),
            "sections": [s.to_json() for s in self.sections],
            "escalation": self._escalation_json(),
            # Worked out from answers.contact.language; written for case systems, not read back.
            "reply_in_welsh": self.reply_in_welsh,
        }

    def _escalation_json(self) -> dict[str, Any] | None:
        if self.escalation is None:
            return None
        # Written for case systems, not read back: worked out again from the record.
        return {**self.escalation.to_json(), "asked_too_soon": self.escalation.asked_too_soon(self.submitted)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Complaint:
        """A complaint from its JSON, as stored by this version or any earlier one (``schema_version`` 1.0).

        Raises ``ValueError`` for JSON that is not a complaint.
        """
        version = data.get("schema_version", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise ValueError(f"a complaint of schema version {version!r} cannot be read by this version")
        # Complaints stored before escalations existed have no ``kind``: they are new ones.
        kind = data.get("kind") or "new"
        if kind not in REQUEST_KINDS:
            raise ValueError(f"a complaint of unknown kind {kind!r}")
        try:
            further = data.get("escalation") if kind == "escalation" else None
            return cls(
                council=data["council"],
                submitted=date.fromisoformat(data["submitted"]),
                decision=_decision_from_json(data["decision"]),
                timeline=_timeline_from_json(data["timeline"]) if data.get("timeline") else None,
                answers=Answers.from_json(data["answers"]),
                sections=tuple(Section.from_json(s) for s in data.get("sections") or ()),
                escalation=Escalation.from_json(further) if isinstance(further, Mapping) else None,
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise ValueError(f"not a complaint record: {error!r}") from error

    def escalated(self, further: Escalation) -> Complaint:
        """This record as a request to take a complaint further: ``further`` added, and the decision put in the
        procedure the request is in (``timeline`` should be the dates of the stage asked for)."""
        return replace(self, decision=request_decision(self.decision, further.decision), escalation=further)

    # --- what is worked out from it: here and nowhere else ---

    @property
    def kind(self) -> str:
        """"new" (a new complaint) or "escalation" (a request to take an earlier complaint further)."""
        return "escalation" if self.escalation is not None else "new"

    @property
    def late(self) -> bool:
        """Made later than usual: a complaint past the council's time limit, or a request past its window."""
        return "late" in self.decision.flags or (self.escalation is not None and self.escalation.late)

    @property
    def contact(self) -> Contact:
        return self.answers.contact

    @property
    def language(self) -> str | None:
        """The language the person used the service in."""
        return self.answers.contact.language

    @property
    def reply_in_welsh(self) -> bool:
        """The person used the service in Welsh, so the council replies in Welsh."""
        return (self.language or "").split("_")[0].split("-")[0] == "cy"

    @property
    def danger_reported(self) -> bool:
        """The person said a child was in danger, was shown where to get help now, and carried on."""
        return self.answers.danger_reported

    @property
    def child_feels_unsafe(self) -> bool:
        """A child complaining for themselves said they do not feel safe where they live now, or were not sure."""
        child = self.answers.child
        return child is not None and child.own and child.feels_safe in FEELS_UNSAFE_LABELS

    @property
    def advocacy_requested(self) -> bool:
        return "advocacy_requested" in self.decision.flags or self.answers.advocacy.requested

    @property
    def made_by_advocate(self) -> bool:
        """The child's advocate makes the complaint for them: when no other advocate is asked for, none is needed,
        because one is making it (walk K, L5: it read "Advocate requested: No")."""
        return self.answers.who == "advocate"

    @property
    def email_given(self) -> str | None:
        """The email address the person gave, when it is one an email can carry (whether or not we may use it)."""
        return self.answers.contact.email_address

    @property
    def told_by(self) -> str:
        """"write" or "contact": how the person is promised they will hear what the council decides (``told_by``)."""
        return told_by(self.contact.preferred, self.contact.safe_to_contact, self.contact.through)

    @property
    def contact_warning(self) -> str | None:
        """What the council must read before contacting the person: "no_way" (a child or care leaver gave no way
        at all), "read_first" (the way given is not safe, or they are reached through someone else), or None."""
        contact = self.contact
        if contact.through == "nobody":
            return "no_way"
        if contact.safe_to_contact is False or contact.through in ("trusted", "advocate"):
            return "read_first"
        # The child an advocate speaks for, whom the council must not contact directly (fresh-eyes walk K, K2).
        child = self.answers.child_needs
        if child is not None and child.safe_to_contact is False:
            return "read_first"
        return None

    @property
    def copies_offered(self) -> bool:
        """Whether the pages after Send offer a calendar file and a print page.

        Not for a child, young person or care leaver (a phone a carer checks, a shared family computer: a calendar
        entry shows on the lock screen, a printout on the printer), nor for anyone who said it is not safe to contact
        them or to leave them a message. They keep the reference number, and the email copy if they gave one.
        """
        contact = self.contact
        if self.answers.who in WHO_SELF:
            return False
        return contact.safe_to_contact is not False and contact.leave_message is not False

    @property
    def help_needs(self) -> tuple[str, ...]:
        """Every help to take part asked for, the person's and (when an advocate files) the child's, each once,
        sorted by id ("none" is not a need)."""
        child_help = self.answers.child_needs.help if self.answers.child_needs else ()
        return tuple(sorted({str(h) for h in (*self.answers.contact.help, *child_help) if h != "none"}))

    @property
    def child_not_told(self) -> bool:
        """A younger child whose parent or carer said they do not know about the complaint, or was not sure."""
        return self.answers.consent.child_knows in CHILD_NOT_TOLD

    @property
    def child_information_withheld(self) -> bool:
        """Whether the child's personal information must not be shared with the person until the council decides
        they have a sufficient interest: then the council's email, which holds it, does not reply to them (K6), and
        says beside a corporate procedure that it is corporate until the council has decided."""
        return "sufficient_interest" in self.decision.flags

    @property
    def reply_address_safe(self) -> bool:
        """Whether the council may write to the person at the address they gave.

        The journey asks "is it safe to contact you this way?" about the way the person prefers, so the answer
        covers email only when email is that way.
        """
        contact = self.answers.contact
        return (
            self.email_given is not None
            and contact.safe_to_contact is True
            and contact.preferred in (None, "email")
        )

    @property
    def reply_address(self) -> str | None:
        """The address the council (and its copy to the person) may use: given, plain, safe and chosen; else None."""
        return self.email_given if self.reply_address_safe else None

    @property
    def unused_address(self) -> str | None:
        """An address the person gave that is not used to reply (not safe, or not the way they chose)."""
        return None if self.reply_address_safe else self.email_given

    @property
    def flags(self) -> tuple[str, ...]:
        """The routing flags, in the vocabulary's order."""
        return tuple(f for f in FLAGS if f in self.decision.flags)

    @property
    def decide_first(self) -> tuple[str, ...]:
        """Why the council must first decide whether it can look at it (``routing.council_decides_first``)."""
        return council_decides_first(self.decision.flags, self.answers.consent.continue_without_consent)

    @property
    def procedure_named(self) -> str | None:
        """The procedure a new complaint's confirmation and email name (``PROCEDURE_NAMED_WORDS``), and the link to
        ask for its next stage carries: None for a request, and while the council decides whether the person may
        use the children's procedure (sufficient interest, or a child who has not agreed), when it is not settled."""
        procedure = self.decision.procedure
        unsettled = {"sufficient_interest", "without_agreement"} & set(self.decide_first)
        if self.escalation is not None or unsettled or procedure not in ("statutory", "corporate"):
            return None
        return procedure

    @property
    def milestones(self) -> tuple[Milestone, ...]:
        return self.timeline.milestones if self.timeline else ()

    @property
    def first_stage_dates(self) -> tuple[Milestone, ...]:
        """The dates a person can expect before anything else happens, in ``FIRST_STAGE_MILESTONES`` order."""
        return self.timeline.first_stage if self.timeline else ()

    @property
    def next_stage_window(self) -> Milestone | None:
        """The last day to ask for the next stage, when the timeline has one (a new complaint's
        ``stage2_request_by``, counted from the day its reply is due); else None."""
        return next((m for m in self.milestones if m.key == "stage2_request_by"), None)

    @property
    def dates_if_asked(self) -> frozenset[str]:
        """A new complaint's dates of a later stage, which follow only if the person asks for that stage (not a
        deadline yet): every date but the first stage's and the window to ask. None for a request."""
        if self.escalation is not None:
            return frozenset()
        first = {m.key for m in self.first_stage_dates}
        return frozenset(m.key for m in self.milestones if m.key not in first and m.key != "stage2_request_by")

    def needs_action(self, gettext: Callable[[str], str] = _identity) -> tuple[Action, ...]:
        """Everything a caseworker must act on before the first contact, in order.

        Whether a child was reported in danger; how the person (and, when an advocate files, the child) may be
        contacted safely, and every help need; then what a request to take a complaint further asks the council
        to decide (and whether it matches the earlier complaint it names); then the routing flags.
        """
        out: list[Action] = []
        if self.danger_reported:
            out.append(Action(DANGER_ACTION, gettext(DANGER_LABEL)))
        if self.child_feels_unsafe:
            out.append(Action(FEELS_UNSAFE_ACTION, self._feels_unsafe_text(gettext)))
        out += _contact_actions(self.answers.contact, gettext, "contact", self._through_facts())
        if self.reply_in_welsh:
            out.append(Action(REPLY_IN_WELSH_ACTION, gettext(REPLY_IN_WELSH_LABEL)))
        if self.answers.child_needs is not None:
            out += _contact_actions(self.answers.child_needs, gettext, "child")
        typed = self._typed_name_differs()
        if typed:
            out.append(Action(TYPED_NAME_ACTION, gettext(
                "The name typed to confirm the child agrees (%(typed)s) is not the child's name (%(name)s): check "
                "with the child, in the safe way given, that they agree."
            ) % typed))
        if self.answers.advocacy.answer == "unsure" and not self.advocacy_requested:
            # "Would the child like an advocate? I'm not sure" was recorded as no advocate and nothing to do (K8).
            out.append(Action(ADVOCACY_UNSURE_ACTION, gettext(ADVOCACY_UNSURE)))
        if self.child_not_told:
            out.append(Action(CHILD_NOT_TOLD_ACTION, gettext(CHILD_NOT_TOLD[self.answers.consent.child_knows])))
        out += _escalation_actions(self.escalation, gettext, self.submitted)
        for flag in self.flags:
            out.append(Action(flag, self._flag_action(flag, gettext)))
        # Each action on one line: a person's own words inside one (the safe way, the help) cannot start lines
        # that read as further actions, or as a second list.
        return tuple(Action(a.id, " ".join(str(a.label).split())) for a in out)

    def _typed_name_differs(self) -> dict[str, str] | None:
        """The name typed on the child's behalf and the child's name, when they share no word (walk K, K3: "x", or
        the advocate's own name, was taken as the child's agreement)."""
        consent, child = self.answers.consent, self.answers.child
        typed = (consent.child_typed_name or "").strip()
        name = ((child.name if child else None) or "").strip()
        if consent.method != "child_types" or not typed or not name:
            return None
        if words_of(typed) & words_of(name):
            return None
        return {"typed": typed, "name": name}

    def _feels_unsafe_text(self, gettext: Callable[[str], str]) -> str:
        """What the council must do for a child who does not feel safe where they live; never through a social
        worker their complaint names (walk P: "Kelly" was both their social worker and in what they wrote)."""
        child = self.answers.child
        text = gettext(FEELS_UNSAFE_LABELS[child.feels_safe])
        if child.social_worker and named_in(child.social_worker, self._said()):
            text += " " + gettext(
                "Their social worker or personal adviser, %(name)s, is named in what the complaint says: do not "
                "check through them; use their team manager or the duty team."
            ) % {"name": child.social_worker}
        return text

    def _said(self) -> tuple[str | None, ...]:
        """What the person wrote in their own words about the complaint (and, for a request to take it further,
        why they are still unhappy and what they want): where a name the council must not go through is looked
        for (``named_in``)."""
        account = self.answers.complaint
        escalation = self.escalation
        return (account.what_happened, account.who_involved, account.put_right,
                escalation.still_unhappy if escalation else None, getattr(escalation, "wanted", None))

    def _through_facts(self) -> dict[str, bool]:
        """What the council must know about reaching a child through someone else (``_through_actions``)."""
        trusted = self.contact.trusted
        advocate = self.answers.advocacy.advocate
        child = self.answers.child
        return {
            "first_name_only": child is not None and child.own and len((child.name or "").split()) < 2
            and not (child.date_of_birth or child.social_worker or child.where),
            "named": trusted is not None and named_in(trusted.name, self._said()),
            "advocate_known": advocate is not None and any(
                getattr(advocate, way, None) for way in ("email", "phone")),
        }

    def contact_actions(
        self, gettext: Callable[[str], str] = _identity, complaints_team_reads: bool = False
    ) -> tuple[Action, ...]:
        """The actions about reaching people safely (not the council's decisions), for the advocacy service.

        A child reached through someone else: the advocacy service does not have the complaint, so it cannot check
        that person is not the one complained about. It is not handed that person as a way in: it agrees with the
        complaints team, which has the complaint, how to reach the child (a fresh-eyes walk, session 6).
        ``complaints_team_reads``: the advocacy email goes to the complaints inbox itself, so it points to the
        complaint's own email instead of sending its reader to themselves (walk E, E3)."""
        out = []
        for action in self.needs_action(gettext):
            if not action.id.startswith(CONTACT_ACTION_PREFIXES):
                continue
            if action.id in THROUGH_ACTION_IDS and complaints_team_reads:
                action = Action(ADVOCACY_THROUGH_ACTION, gettext(
                    "This young person has no phone, email or address of their own that they can use. Do not "
                    "contact anyone to reach them until you have read the complaint email with the same reference: "
                    "its NEEDS ACTION says how to reach them and what to check first."
                ))
            elif action.id == CHILD_NOT_TOLD_ACTION:
                # The person asked the council, not the advocacy service, to offer the child an advocate: the
                # child hears of the complaint from whoever the council and that person agree (walk H, H11).
                action = Action(CHILD_NOT_TOLD_ACTION, gettext(
                    "The child does not know about this complaint, or may not. Do not contact the child until "
                    "the council's complaints team has agreed with the person who made the complaint when and how "
                    "the child is told: read the complaint email with the same reference first."
                ) if complaints_team_reads else gettext(
                    "The child does not know about this complaint, or may not. Do not contact the child until "
                    "the council's complaints team has agreed with the person who made the complaint when and how "
                    "the child is told: ask the complaints team first, quoting the reference."
                ))
            elif action.id in THROUGH_ACTION_IDS:
                action = Action(ADVOCACY_THROUGH_ACTION, gettext(
                    "This young person has no phone, email or address of their own that they can use. Do not "
                    "contact anyone to reach them until the council's complaints team has agreed with you how to "
                    "reach them safely: ask the complaints team first, quoting the reference."
                ))
            out.append(action)
        return tuple(out)

    def _flag_action(self, flag: str, gettext: Callable[[str], str]) -> str:
        if flag == "sufficient_interest":
            text = gettext(
                "Decide whether this person has a sufficient interest in the child's welfare to use the children's "
                "procedure. Until you decide, handle the complaint under the corporate procedure, and do not share "
                "the child's personal information with them."
            )
            consent = self.answers.consent
            if consent.continue_without_consent:
                text = gettext("The child has not agreed to this complaint being made for them.") + " " + text
            elif consent.asked and consent.child_agrees != "yes":
                # A younger child's advocate, who said the child has not agreed or may not know (walk I).
                text = gettext(
                    "The child has not agreed to this complaint, or may not know about it yet: do not contact the "
                    "child about it until you have spoken to the person who made it."
                ) + " " + text
            return text
        if flag == "provider_care":
            provider = self.answers.provider_name
            if isinstance(provider, str) and provider.strip():
                return gettext(
                    "The care was given by another organisation: %(name)s. Ask them for their account."
                ) % {"name": provider.strip()} + " " + gettext(
                    "If the child lives there, first agree with the child, or whoever made the complaint, when and "
                    "how you will ask, so the child is not put at risk."
                )
            return gettext("The care was given by another organisation (the person did not say which).")
        return gettext(FLAG_LABELS[flag])


def _decision_from_json(data: Mapping[str, Any]) -> Decision:
    texts = list(data.get("reasons") or ())
    rules = list(data.get("rules") or ())
    reasons = tuple(Reason(rules[i] if i < len(rules) else "", text) for i, text in enumerate(texts))
    return Decision(
        outcome=data["outcome"],
        flags=tuple(data.get("flags") or ()),
        reasons=reasons,
        procedure=data.get("procedure"),
        rule=rules[0] if rules else "",
    )


def _timeline_from_json(data: Mapping[str, Any]) -> Timeline:
    return Timeline(
        council=data["council"],
        procedure=data["procedure"],
        submitted=date.fromisoformat(data["submitted"]),
        received=date.fromisoformat(data["received"]),
        milestones=tuple(
            Milestone(m["key"], m["working_days"], m["after"], date.fromisoformat(m["due"]))
            for m in data.get("milestones") or ()
        ),
    )


def _escalation_decision_from_json(data: Mapping[str, Any]) -> EscalationDecision:
    texts = list(data.get("reasons") or ())
    rules = list(data.get("rules") or ())
    window = data.get("window")
    return EscalationDecision(
        outcome=data["outcome"],
        procedure=data["procedure"],
        flags=tuple(data.get("flags") or ()),
        reasons=tuple(Reason(rules[i] if i < len(rules) else "", text) for i, text in enumerate(texts)),
        rule=rules[0] if rules else "",
        window=_window_from_json(window) if isinstance(window, Mapping) else None,
        options=tuple(data.get("options") or ()),
    )


def _window_from_json(data: Mapping[str, Any]) -> Window:
    reply = date.fromisoformat(data["reply"])
    return Window(
        stage=data["stage"],
        working_days=data["working_days"],
        reply=reply,
        # Not kept in the JSON (the rules used it to find the last day): read back as the reply's date.
        counted_from=reply,
        last_day=date.fromisoformat(data["last_day"]),
        requested=date.fromisoformat(data["requested"]),
        late=bool(data["late"]),
    )
