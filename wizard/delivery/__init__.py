"""What happens after "Send complaint": the stored complaint, its outbox and the emails.

``submit_complaint(connection, record, idempotency_key)`` is called by the journey inside its transaction with
the typed record (``wizard.domain.complaint.Complaint``); ``find_by_key`` and ``load_complaint`` read back what
was stored; ``find_reference`` tells whether a reference is one of ours (its procedure and day, no content).
This package imports nothing from ``wizard.journey`` or ``wizard.staff``.
"""

from wizard.delivery.outbox import keep_trying, outbox_status, send_pending
from wizard.delivery.references import is_reference
from wizard.delivery.store import (
    find_by_key,
    find_reference,
    has_untried_messages,
    load_complaint,
    purge_delivered_references,
    submit_complaint,
)

__all__ = [
    "find_by_key",
    "find_reference",
    "is_reference",
    "load_complaint",
    "outbox_status",
    "has_untried_messages",
    "purge_delivered_references",
    "keep_trying",
    "send_pending",
    "submit_complaint",
]
