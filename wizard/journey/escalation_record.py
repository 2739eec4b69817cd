"""The escalation part of the complaint record, when someone taking a complaint further presses Send.

``with_escalation(record, walk, decision, earlier)`` gives the record (``wizard.domain.complaint.Complaint``)
what the person asked for (``Complaint.escalation``, documented in docs/complaint-json.md) and puts the procedure
the request is in on the record's ``decision``. A new complaint's record has no escalation (``kind`` "new").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.domain.complaint import Complaint, EarlierComplaint, Escalation
from wizard.domain.escalation import EscalationDecision

from .steps import Walk


def _earlier(found: Mapping[str, Any] | None) -> EarlierComplaint | None:
    """What the store knows of the earlier complaint (``delivery.find_reference``), when it is one of ours."""
    return EarlierComplaint.from_json(found) if found else None


def with_escalation(
    record: Complaint, walk: Walk, decision: EscalationDecision, earlier: Mapping[str, Any] | None
) -> Complaint:
    """``earlier`` is what the store knows of the earlier complaint when its reference is one of ours."""
    a = walk.flat
    return record.escalated(
        Escalation(
            decision=decision,
            earlier_reference=a.get("earlier_reference") or None,
            earlier=_earlier(earlier),
            stated_procedure=a.get("earlier_procedure"),
            reply_stage=a.get("reply_stage"),
            reply_date=a.get("reply_date"),
            reply_date_day_known=not a.get("reply_date_approximate", False),
            late_reason=a.get("escalation_late_reason") or None,
            still_unhappy=a.get("still_unhappy") or None,
            wanted=a.get("wanted") or None,
            conciliation=a.get("conciliation"),
            early_referral=a.get("early_referral"),
        )
    )
