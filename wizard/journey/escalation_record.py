"""The escalation part of the record handed to delivery when someone taking a complaint further presses Send.

``with_escalation(record, walk, decision, earlier)`` marks the record as an escalation (``kind``), adds what the
person asked for (``escalation``, documented in docs/complaint-json.md) and puts the procedure the request is
in on the record's ``decision``. A new complaint's record gets ``kind: "new"`` and ``escalation: null``, so the
annual figures and case systems read one field either way.
"""

from __future__ import annotations

from typing import Any

from wizard.domain.escalation import EscalationDecision
from wizard.domain.vocabulary import PROCEDURES

from .steps import Walk


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def as_new(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "kind": "new", "escalation": None}


def with_escalation(
    record: dict[str, Any], walk: Walk, decision: EscalationDecision, earlier: dict | None
) -> dict[str, Any]:
    """``earlier`` is what the store knows of the earlier complaint when its reference is one of ours."""
    a = walk.flat
    still = a.get("still_unhappy") or ""
    outcome = record["decision"]
    return {
        **record,
        "kind": "escalation",
        "decision": {
            **outcome,
            "outcome": decision.procedure if outcome.get("outcome") in PROCEDURES else outcome.get("outcome"),
            "procedure": decision.procedure,
        },
        "escalation": {
            "earlier_reference": a.get("earlier_reference") or None,
            "linked": earlier is not None,
            "earlier": earlier,
            "stated_procedure": a.get("earlier_procedure"),
            "reply_stage": a.get("reply_stage"),
            "reply_date": _iso(a.get("reply_date")),
            "reply_date_day_known": not a.get("reply_date_approximate", False),
            "next_stage": decision.next_stage,
            "decision": decision.to_dict(),
            "late_reason": a.get("escalation_late_reason") or None,
            "still_unhappy": still or None,
            "still_unhappy_points": [line.strip() for line in still.split("\n") if line.strip()],
            "wanted": a.get("wanted") or None,
            "conciliation": a.get("conciliation"),
            "early_referral": a.get("early_referral"),
        },
    }
