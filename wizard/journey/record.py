"""The one record handed to delivery when a person presses "Send": plain JSON-ready data, domain vocabulary.

``answers`` uses stable keys; ``sections`` is exactly what "Check your answers" showed, in English for the
council whatever language the person used (their language is in ``answers.contact.language``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wizard.domain.profiles import CouncilProfile
from wizard.domain.routing import Decision
from wizard.domain.timeline import Timeline

from .steps import SELF, Walk, sections


def english_date(d: date, month_only: bool = False) -> str:
    return d.strftime("%B %Y") if month_only else f"{d.day} {d.strftime('%B %Y')}"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _identity(text: str) -> str:
    return text


def _self_identity(a: dict) -> dict[str, Any]:
    """A child, young person or care leaver complaining for themselves: what lets the council find them."""
    return {
        "name": " ".join(part for part in (a.get("name"), a.get("surname")) if part) or None,
        "age": a.get("child_age"),
        "date_of_birth": _iso(a.get("child_dob")),
        "surname": a.get("surname") or None,
        "social_worker": a.get("social_worker") or None,
        "where": a.get("where") or None,
    }


def _advocate_contact(a: dict, locale: str) -> dict[str, Any]:
    """An advocate's work details, given once: the safety and help questions were asked about the child."""
    return {
        "name": a.get("name"),
        "email": a.get("advocate_email") or None,
        "phone": a.get("advocate_phone") or None,
        "address": None,
        "preferred": "email",
        "safe_to_contact": True,  # a professional's work address; the child's safety is in ``child_needs``
        "safe_way": None,
        "leave_message": True,
        "help": [],
        "interpreter_language": None,
        "help_other": None,
        "language": locale,
    }


def _child_needs(a: dict) -> dict[str, Any]:
    """For an advocate filing: how the council may reach the child safely, and the help the child needs."""
    return {
        "safe_to_contact": a.get("child_safe_to_contact"),
        "safe_way": a.get("child_safe_way") or None,
        "leave_message": a.get("child_leave_message"),
        "help": list(a.get("child_help", [])),
        "interpreter_language": a.get("child_interpreter_language") or None,
        "help_other": a.get("child_help_other") or None,
    }


def build_record(
    draft_answers: Walk,
    profile: CouncilProfile,
    decision: Decision,
    timeline: Timeline | None,
    locale: str,
) -> dict[str, Any]:
    """``draft_answers`` is the completed walk of the person's draft (``steps.walk``)."""
    a = draft_answers.flat
    who = a["who"]
    has_child = "child_name" in a
    is_self = who in SELF and ("child_age" in a or "child_dob" in a)
    is_advocate = who == "advocate"
    answers: dict[str, Any] = {
        "who": who,
        "about": a["about"],
        "danger_reported": bool(a.get("danger")),
        "child": (
            {"name": a.get("child_name"), "age": a.get("child_age"), "date_of_birth": _iso(a.get("child_dob"))}
            if has_child
            else _self_identity(a)
            if is_self
            else None
        ),
        "consent": {
            "asked": "child_agrees" in a,
            "child_agrees": a.get("child_agrees"),
            "method": a.get("confirm_method"),
            "child_contact": a.get("child_contact"),
            "child_typed_name": a.get("child_confirmed_name"),
            "continue_without_consent": bool(a.get("continue_without_consent")),
        },
        "advocacy": {
            "requested": a.get("advocacy") == "yes",
            "answer": a.get("advocacy"),
            "advocate": (
                {
                    "organisation": a.get("advocate_organisation"),
                    "role": a.get("advocate_role"),
                    "phone": a.get("advocate_phone"),
                    "working_hours": a.get("advocate_hours"),
                    "email": a.get("advocate_email"),
                }
                if who == "advocate"
                else None
            ),
        },
        "complaint": {
            "happened": _iso(a.get("happened")),
            "happened_day_known": not a.get("happened_approximate", False),
            "what_happened": a.get("what_happened"),
            "who_involved": a.get("who_involved") or None,
            "put_right": a.get("put_right"),
        },
        "contact": _advocate_contact(a, locale) if is_advocate else {
            "name": a.get("name"),
            "email": a.get("email") or None,
            "phone": a.get("phone") or None,
            "address": a.get("address") or None,
            "preferred": a.get("preferred"),
            "safe_to_contact": a.get("safe_to_contact"),
            "safe_way": a.get("safe_way") or None,
            "leave_message": a.get("leave_message"),
            "help": list(a.get("help", [])),
            "interpreter_language": a.get("interpreter_language") or None,
            "help_other": a.get("help_other") or None,
            "language": locale,
        },
        "child_needs": _child_needs(a) if is_advocate else None,
        "late_reason": a.get("late_reason"),
        "proceedings": a.get("proceedings"),
        "provider_care": a.get("provider"),
        "provider_name": a.get("provider_name") or None,
        "tried_local_resolution": a.get("tried"),
    }
    shown = [
        {"title": s["title"], "rows": [{"key": r["key"], "label": r["label"], "value": r["value"]} for r in s["rows"]]}
        for s in sections(draft_answers, _identity, english_date)
    ]
    return {
        "council": profile.id,
        "submitted": timeline.submitted.isoformat() if timeline else draft_answers.context.today.isoformat(),
        "decision": decision.to_dict(),
        "timeline": timeline.to_dict() if timeline else None,
        "answers": answers,
        "sections": shown,
    }
