"""What the rest of the app may ask the journey (the staff pages do): answers typed page by page, walked through
the journey's own steps, and the complaint they make at Send.

The answers are given by page (its slug, as in the address ``/complaint/<slug>``) with each field's values as a
form posts them; nothing is stored. Everything else in ``wizard.journey`` is the journey's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from wizard.domain.complaint import Complaint
from wizard.domain.escalation import EscalationDecision, request_decision
from wizard.domain.profiles import CouncilProfile
from wizard.domain.routing import Decision

from . import drafts
from .record import complaint_at_send
from .steps import BY_SLUG, escalation_decision, walk

Pages = Mapping[str, Mapping[str, list[str]]]


@dataclass(frozen=True)
class Stop:
    """The page the journey stops at: an exit or information page, or a question the answers do not answer."""

    slug: str
    kind: str  # "question", "info" or "exit"
    heading: str | None  # the question's heading (an English ``N_`` string), when it has one


@dataclass(frozen=True)
class Answered:
    decision: Decision | None  # the domain's decision for the answers on the route (None before who and what)
    complaint: Complaint | None  # the complaint the journey would send, when it reaches Send
    stops_at: Stop | None  # where it stops short of Send (None when it reaches Send)
    facts: Mapping[str, Any] = field(default_factory=dict)  # what the journey worked out (the child's age)
    # For a request to take a complaint further: what it asks for, and why (None for a new complaint).
    escalation: EscalationDecision | None = None


def answer_pages(pages: Pages, profile: CouncilProfile, today: date, locale: str = "en") -> Answered:
    """Walk the journey with ``pages`` (slug -> the form's fields) on ``today``; where it reaches Send, the
    complaint it would send. An unknown slug is a ``KeyError``."""
    w = walk({BY_SLUG[slug].name: data for slug, data in pages.items()}, profile, today)
    facts = {"child_age": w.flat["child_age"]} if "child_age" in w.flat else {}
    further = escalation_decision(w.context)
    if w.complete:
        return Answered(w.decision, complaint_at_send(w, profile, today, locale), None, facts, further)
    step = w.current
    heading = getattr(step.form, "heading", "") or None
    return Answered(w.decision, None, Stop(step.slug, step.kind, heading), facts, further)


def route_so_far(stored: Pages, profile: CouncilProfile, today: date, routes: dict | None = None) -> Decision | None:
    """The domain's decision for a draft's answers so far (keyed as the draft keeps them), or None before who and
    what it is about are known: what a staff preview shows above each page. For a request to take a complaint
    further, once what it asks for is known, the request's decision, as its record will have it (walk H, M1)."""
    w = walk(stored, profile, today, routes=routes)
    further = escalation_decision(w.context)
    if w.decision is not None and further is not None:
        return request_decision(w.decision, further)
    return w.decision


# A staff preview keeps its drafts in a database of its own, and deletes them as the journey does.


def delete_draft(connection, draft_id: str) -> None:
    """Delete one draft (in the caller's transaction)."""
    drafts.delete(connection, draft_id)


def purge_expired_drafts(connection, now: float) -> int:
    return drafts.purge_expired(connection, now)
